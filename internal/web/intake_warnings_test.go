package web_test

import (
	"html"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// warningsBox returns the "Cần kiểm tra" box at the top of a preview.
func warningsBox(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, `<aside class="warnings"`)
	if i < 0 {
		t.Fatalf("no warnings box:\n%s", grep(page, "Cần kiểm tra"))
	}
	box := page[i:]
	return box[:strings.Index(box, "</aside>")]
}

// taskLinks returns the box's links to tasks: their anchor and their text.
func taskLinks(box string) [][2]string {
	var out [][2]string
	for _, m := range regexp.MustCompile(`<a href="#(task-\d+)">([^<]*)</a>`).FindAllStringSubmatch(box, -1) {
		out = append(out, [2]string{m[1], m[2]})
	}
	return out
}

// Two tasks numbered 12 (the seed directive's slip) are two links in the
// box at the top that read differently, each naming where its task is, and
// each going to its own task. The number of warnings says what it counts,
// not "(2)", which reads as "the second 12".
func TestIntakeWarningsTellSameLabelsApart(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	seed, err := os.ReadFile("../../testdata/directives/huu-lung-2022-06.txt")
	if err != nil {
		t.Fatal(err)
	}
	code, body := x.postIntake(c, string(seed))
	if code != http.StatusOK {
		t.Fatalf("preview: %d", code)
	}
	page := html.UnescapeString(body)
	box := warningsBox(t, page)
	tasks := taskFieldsets(page)
	var twelves []string
	for _, l := range taskLinks(box) {
		if strings.HasPrefix(l[1], "nhiệm vụ 12") {
			twelves = append(twelves, l[1])
		}
	}
	if len(twelves) != 2 || twelves[0] == twelves[1] {
		t.Fatalf("the two tasks numbered 12 read %q in the box, want two different names:\n%s", twelves, box)
	}
	for _, l := range taskLinks(box) {
		if !strings.HasPrefix(l[1], "nhiệm vụ 12") {
			continue
		}
		// The name gives the line the task's own heading gives.
		m := regexp.MustCompile(`^nhiệm vụ 12 ở dòng (\d+)$`).FindStringSubmatch(l[1])
		if m == nil {
			t.Errorf("link %q: want \"nhiệm vụ 12 ở dòng N\"", l[1])
			continue
		}
		var task string
		for _, f := range tasks {
			if strings.HasPrefix(f, ` id="`+l[0]+`"`) {
				task = f
			}
		}
		if !strings.Contains(task, `<strong>Nhiệm vụ 12</strong> · <a href="#L`+m[1]+`">dòng `+m[1]+` trong văn bản</a>`) {
			t.Errorf("link %q goes to #%s, which is not task 12 at line %s:\n%s", l[1], l[0], m[1], grep(task, "<legend>"))
		}
	}
	if regexp.MustCompile(`</a> \(\d+\)`).MatchString(box) {
		t.Errorf("a bare count after a task reads as a place in a series:\n%s", box)
	}
}

// Tasks the office added have no line in the source: two of them with the
// same number are told apart by their place in the form, as are two that
// claim the same line.
func TestIntakeWarningsNameAddedTasks(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	for _, tc := range []struct {
		name                         string
		label0, line0, label1, line1 string
		want0, want1                 string
	}{
		{name: "same label, no lines", label0: "12", line0: "0", label1: "12", line1: "0",
			want0: "nhiệm vụ thứ 1 mang số 12", want1: "nhiệm vụ thứ 2 mang số 12"},
		{name: "same label, same line", label0: "12", line0: "10", label1: " 12 ", line1: "10",
			want0: "nhiệm vụ thứ 1 mang số 12", want1: "nhiệm vụ thứ 2 mang số 12"},
		{name: "same label, one line", label0: "12", line0: "10", label1: "12", line1: "0",
			want0: "nhiệm vụ 12 ở dòng 10", want1: "nhiệm vụ thứ 2 mang số 12"},
	} {
		form := x.intakeForm(tc.label0, tc.label1)
		form.Set("t0.line", tc.line0)
		form.Set("t1.line", tc.line1)
		form.Set("op", "add-target:0")
		resp := x.post(c, "/rounds/preview", form)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", tc.name, resp.StatusCode)
		}
		box := warningsBox(t, html.UnescapeString(string(b)))
		got := taskLinks(box)
		want := [][2]string{{"task-0", tc.want0}, {"task-1", tc.want1}}
		if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("%s: task links %q, want %q:\n%s", tc.name, got, want, box)
		}
	}

}
