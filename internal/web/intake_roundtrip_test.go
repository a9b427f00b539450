package web_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// previewSession is the office on the demo server, with the seed
// directive's preview open.
type previewSession struct {
	t    *testing.T
	base string
	c    *http.Client
	st   *store.Store
	seed string // the directive as pasted, with LF line breaks
}

func newPreviewSession(t *testing.T) (*previewSession, string) {
	t.Helper()
	base, st := demoStore(t)
	data, err := os.ReadFile("../../testdata/directives/huu-lung-2022-06.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "\n") {
		t.Fatal("the seed directive no longer starts with a blank line: this test needs one that does")
	}
	jar, _ := cookiejar.New(nil)
	x := &previewSession{t: t, base: base, c: &http.Client{Jar: jar}, st: st, seed: string(data)}
	resp, err := x.c.PostForm(base+"/login", url.Values{"username": {"vanphong"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	body, ct := multipartForm(url.Values{"text": {x.seed}}, "", nil)
	return x, x.do("/rounds/new", ct, body)
}

// do posts to path as the browser does, same-origin, and returns the page
// it reaches.
func (x *previewSession) do(path, ct string, body io.Reader) string {
	x.t.Helper()
	req, _ := http.NewRequest("POST", x.base+path, body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Origin", x.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := x.c.Do(req)
	if err != nil {
		x.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		x.t.Fatalf("POST %s: %d\n%s", path, resp.StatusCode, grep(string(b), "alert"))
	}
	return string(b)
}

// submit sends the preview form in page back as a browser would, with the
// button op pressed (and the changes edit makes), and returns the page
// reached.
func (x *previewSession) submit(page, op string, edit func(url.Values)) string {
	x.t.Helper()
	form := browserForm(x.t, page, `/rounds/preview`)
	form.Set("op", op)
	if edit != nil {
		edit(form)
	}
	return x.do("/rounds/preview", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

var (
	reFormStart = regexp.MustCompile(`<form [^>]*action="([^"]*)"`)
	reControl   = regexp.MustCompile(`(?s)<input\b([^>]*)>|<textarea\b([^>]*)>(.*?)</textarea>|<select\b([^>]*)>(.*?)</select>`)
	reOption    = regexp.MustCompile(`(?s)<option\b([^>]*)>([^<]*)`)
	reAttr      = regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?`)
)

// attrs reads a tag's attributes as html/template writes them.
func attrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range reAttr.FindAllStringSubmatch(s, -1) {
		out[m[1]] = html.UnescapeString(m[2])
	}
	return out
}

// browserForm reads the form of page whose action is action and returns
// what a browser would send for it, by the HTML rules that matter here: a
// textarea's value is its text less one line break right after the
// opening tag, and is sent with CRLF line breaks; a checkbox is sent when
// checked; a select sends its selected option, or its first.
func browserForm(t *testing.T, page, action string) url.Values {
	t.Helper()
	var form string
	for _, m := range reFormStart.FindAllStringSubmatchIndex(page, -1) {
		if page[m[2]:m[3]] == action {
			form = page[m[0]:]
			form = form[:strings.Index(form, "</form>")]
		}
	}
	if form == "" {
		t.Fatalf("no form posting to %s", action)
	}
	v := url.Values{}
	for _, m := range reControl.FindAllStringSubmatch(form, -1) {
		switch {
		case strings.HasPrefix(m[0], "<input"):
			a := attrs(m[1])
			_, checked := a["checked"]
			switch a["type"] {
			case "submit", "button", "file", "reset":
				continue
			case "checkbox", "radio":
				if !checked {
					continue
				}
				if _, ok := a["value"]; !ok {
					a["value"] = "on"
				}
			}
			if a["name"] != "" {
				v.Add(a["name"], a["value"])
			}
		case strings.HasPrefix(m[0], "<textarea"):
			text := strings.ReplaceAll(html.UnescapeString(m[3]), "\r\n", "\n")
			text = strings.TrimPrefix(text, "\n") // the HTML parser drops it
			v.Add(attrs(m[2])["name"], strings.ReplaceAll(text, "\n", "\r\n"))
		default:
			name := attrs(m[4])["name"]
			var first, chosen *string
			for _, o := range reOption.FindAllStringSubmatch(m[5], -1) {
				a := attrs(o[1])
				val, ok := a["value"]
				if !ok {
					val = html.UnescapeString(o[2])
				}
				if first == nil {
					first = &val
				}
				if _, sel := a["selected"]; sel && chosen == nil {
					chosen = &val
				}
			}
			if chosen == nil {
				chosen = first
			}
			if chosen != nil {
				v.Add(name, *chosen)
			}
		}
	}
	return v
}

// previewState is what the preview says about the source: the text it
// sends back, each task's line, the lines the warnings at the top point
// to, the source as numbered beside the form, and the line of the task
// each warning about a unit left out of "Kính gửi" sits beside.
type previewState struct {
	Source         string
	TaskLines      []string
	WarningLines   []string
	Numbered       string
	NotAddressedAt []string
}

var (
	reTaskLine    = regexp.MustCompile(`<strong>Nhiệm vụ [^<]*</strong> · <a href="#L(\d+)">dòng (\d+) trong văn bản</a>`)
	reWarningLine = regexp.MustCompile(`<a href="#L(\d+)">\(dòng (\d+)\)</a>`)
	reLine        = regexp.MustCompile(`<li id="L(\d+)">([^<]*)</li>`)
)

func readPreview(t *testing.T, page string) previewState {
	t.Helper()
	var s previewState
	s.Source = strings.ReplaceAll(browserForm(t, page, "/rounds/preview").Get("source"), "\r\n", "\n")
	for _, m := range reTaskLine.FindAllStringSubmatch(page, -1) {
		if m[1] != m[2] {
			t.Errorf("task link #L%s says line %s", m[1], m[2])
		}
		s.TaskLines = append(s.TaskLines, m[1])
	}
	for _, m := range reWarningLine.FindAllStringSubmatch(warningsBox(t, page), -1) {
		s.WarningLines = append(s.WarningLines, m[1])
	}
	var numbered []string
	for _, m := range reLine.FindAllStringSubmatch(page, -1) {
		numbered = append(numbered, m[1]+": "+html.UnescapeString(m[2]))
	}
	s.Numbered = strings.Join(numbered, "\n")
	for _, f := range taskFieldsets(page) {
		if strings.Contains(html.UnescapeString(f), "không có trong danh sách “Kính gửi”") {
			m := reTaskLine.FindStringSubmatch(f)
			if m == nil {
				t.Fatalf("a task without a line carries the warning:\n%s", grep(f, "legend"))
			}
			s.NotAddressedAt = append(s.NotAddressedAt, m[1])
		}
	}
	return s
}

// Sending the preview back, for any button, changes nothing of the source:
// not its first blank lines (which the HTML parser drops from a textarea
// unless the page doubles them), not its line breaks (which a browser
// sends as CRLF), so the tasks' and warnings' line numbers still point to
// the same lines, and the round keeps the text as pasted.
func TestIntakeRoundTripKeepsSource(t *testing.T) {
	t.Parallel()
	x, page := newPreviewSession(t)
	want := readPreview(t, page)
	if want.Source != x.seed {
		t.Fatalf("the first preview sends back a source of %d bytes starting %q, want the %d bytes pasted, starting %q",
			len(want.Source), want.Source[:min(20, len(want.Source))], len(x.seed), x.seed[:20])
	}
	if !strings.Contains(want.Numbered, "35: "+strings.Split(x.seed, "\n")[34]) || len(want.TaskLines) != 13 || len(want.WarningLines) == 0 {
		t.Fatalf("unexpected first preview: tasks at %v, warnings at %v", want.TaskLines, want.WarningLines)
	}
	for i, op := range []string{"add-target:0", "add-target:3", "add-task"} {
		page = x.submit(page, op, nil)
		got := readPreview(t, page)
		if got.Source != want.Source {
			t.Fatalf("after %d round trips the source sent back starts %q, want %q", i+1, got.Source[:20], want.Source[:20])
		}
		if strings.Join(got.TaskLines[:13], " ") != strings.Join(want.TaskLines, " ") {
			t.Errorf("after %d round trips tasks are at lines %v, want %v", i+1, got.TaskLines[:13], want.TaskLines)
		}
		if strings.Join(got.WarningLines, " ") != strings.Join(want.WarningLines, " ") {
			t.Errorf("after %d round trips the warnings point to lines %v, want %v", i+1, got.WarningLines, want.WarningLines)
		}
		if got.Numbered != want.Numbered {
			t.Errorf("after %d round trips the numbered source differs:\n%s", i+1, got.Numbered[:200])
		}
		if strings.Join(got.NotAddressedAt, " ") != strings.Join(want.NotAddressedAt, " ") {
			t.Errorf("after %d round trips the warning about a unit left out of “Kính gửi” is beside the tasks at lines %v, want %v",
				i+1, got.NotAddressedAt, want.NotAddressedAt)
		}
	}
	// The round keeps the source as pasted, without CR (and, as the store
	// keeps every text, without the blank lines around it).
	page = x.submit(page, "remove-task:13", nil) // the empty task added above
	r := x.create(page, nil)
	if seed := strings.TrimSpace(x.seed); r.Source != seed {
		t.Errorf("the round keeps a source of %d bytes (CR: %v), want the %d bytes pasted", len(r.Source), strings.Contains(r.Source, "\r"), len(seed))
	}
}

// create sends the preview with "Tạo đợt báo cáo" and reads the round back.
func (x *previewSession) create(page string, edit func(url.Values)) *tiendo.Round {
	x.t.Helper()
	form := browserForm(x.t, page, "/rounds/preview")
	form.Set("op", "create")
	for k, vs := range form { // the targets added by "Thêm chỉ tiêu"
		if regexp.MustCompile(`^t\d+\.g\d+\.text$`).MatchString(k) && vs[0] == "" {
			form.Set(k, "Chỉ tiêu thêm")
		}
	}
	if edit != nil {
		edit(form)
	}
	status, location, b := x.send(form)
	if status != http.StatusSeeOther {
		x.t.Fatalf("create: %d, want 303\n%s", status, grep(b, "alert"))
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(location, "/rounds/"), 10, 64)
	r, err := x.st.Round(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, id)
	if err != nil {
		x.t.Fatal(err)
	}
	return r
}

// unitID is the demo unit named name.
func (x *previewSession) unitID(name string) int64 {
	x.t.Helper()
	return x.unitWhere(name, func(u *tiendo.Unit) bool { return u.Name == name })
}

// unitWhere is the one unit match finds; what names it in the failure.
func (x *previewSession) unitWhere(what string, match func(*tiendo.Unit) bool) int64 {
	x.t.Helper()
	units, err := x.st.Units(context.Background())
	if err != nil {
		x.t.Fatal(err)
	}
	for _, u := range units {
		if match(u) {
			return u.ID
		}
	}
	x.t.Fatalf("no unit %q", what)
	return 0
}

// fieldsetAt is the task fieldset of page whose source line is line.
func fieldsetAt(t *testing.T, page, line string) string {
	t.Helper()
	for _, f := range taskFieldsets(page) {
		if m := reTaskLine.FindStringSubmatch(f); m != nil && m[1] == line {
			return html.UnescapeString(f)
		}
	}
	t.Fatalf("no task at line %s", line)
	return ""
}

// recipientLabel is the "Kính gửi" checkbox label of unit id.
func recipientLabel(t *testing.T, page string, id int64) string {
	t.Helper()
	m := regexp.MustCompile(`<label class="depth-\d+"><input type="checkbox" name="recipients" value="` + strconv.FormatInt(id, 10) + `"[^>]*>.*?</label>`).FindString(page)
	if m == "" {
		t.Fatalf("no recipient checkbox for unit %d", id)
	}
	return html.UnescapeString(m)
}

// reTCKHWarning finds the warning about Phòng Tài chính - Kế hoạch, as
// worded now or before.
var reTCKHWarning = regexp.MustCompile(`Tài chính - Kế hoạch["”] được giao`)

// The seed gives its second task numbered 12 (line 63) to Phòng Tài chính -
// Kế hoạch, which it does not address. The warning sits beside that task,
// by its line, whatever the office does to the form; it calls the list the
// office ticks "Kính gửi" (not "nơi nhận", the copies at the foot); and the
// "Kính gửi" list says that the unit receives the round all the same, and
// counts it, as the round created then has it.
func TestIntakeNotAddressedWarningFollowsTask(t *testing.T) {
	t.Parallel()
	x, page := newPreviewSession(t)
	tckh := x.unitID("Phòng Tài chính - Kế hoạch")
	const warning = "Đơn vị “Phòng Tài chính - Kế hoạch” được giao nhiệm vụ 12 ở dòng 63 nhưng không có trong danh sách “Kính gửi”"
	const note = "(vẫn nhận đợt báo cáo vì được giao nhiệm vụ 12 ở dòng 63)"
	check := func(when, page string, want bool) {
		t.Helper()
		if got := strings.Contains(fieldsetAt(t, page, "63"), warning); got != want {
			t.Errorf("%s: the warning beside the task at line 63: %v, want %v:\n%s", when, got, want, grep(fieldsetAt(t, page, "63"), "warn"))
		}
		if reTCKHWarning.MatchString(fieldsetAt(t, page, "61")) {
			t.Errorf("%s: the warning about Phòng Tài chính - Kế hoạch is beside the task at line 61 (Phòng Nội vụ)", when)
		}
		if strings.Contains(html.UnescapeString(page), "nơi nhận") {
			t.Errorf("%s: the preview says “nơi nhận” (the copies at the foot of a letter):\n%s", when, grep(html.UnescapeString(page), "nơi nhận"))
		}
		if got := strings.Contains(recipientLabel(t, page, tckh), note); got != want {
			t.Errorf("%s: Phòng Tài chính - Kế hoạch in “Kính gửi” says why it receives the round: %v, want %v:\n%s", when, got, want, recipientLabel(t, page, tckh))
		}
	}
	check("first preview", page, true)
	legend := "Đơn vị được yêu cầu báo cáo (Kính gửi) · đã chọn 11, thêm 1 đơn vị được giao nhiệm vụ: đợt báo cáo gửi 12 đơn vị</legend>"
	if !strings.Contains(html.UnescapeString(page), legend) {
		t.Errorf("the “Kính gửi” legend does not count the unit given a task:\n%s", grep(html.UnescapeString(page), "Kính gửi)"))
	}
	for _, op := range []string{"add-target:12", "add-target:11"} {
		page = x.submit(page, op, nil)
		check("after "+op, page, true)
	}
	// The round goes to the 12 units the legend counts.
	if r := x.create(page, nil); len(r.UnitIDs) != 12 {
		t.Errorf("the round goes to %d units, the preview said 12", len(r.UnitIDs))
	}
	// Ticking the unit clears the warning and the note.
	ticked := x.submit(page, "add-target:0", func(v url.Values) { v.Add("recipients", strconv.FormatInt(tckh, 10)) })
	check("unit ticked", ticked, false)
	if !strings.Contains(html.UnescapeString(ticked), "(Kính gửi) · đã chọn 12</legend>") {
		t.Errorf("ticked: legend\n%s", grep(html.UnescapeString(ticked), "Kính gửi)"))
	}
	// Removing the task moves none of its warnings to another task.
	removed := x.submit(page, "remove-task:12", nil)
	if f := fieldsetAt(t, removed, "61"); reTCKHWarning.MatchString(f) {
		t.Errorf("task at line 63 removed: its warning went to the task at line 61:\n%s", grep(f, "warn"))
	}
}

// A file the intake cannot read brings the pasted text back as typed,
// blank first lines included, so that sending it again numbers its lines
// as the first time.
func TestIntakeErrorKeepsFirstBlankLines(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	typed := "\n\n" + intakeDirective
	body, ct := multipartForm(url.Values{"text": {typed}}, "cong-van.pdf", []byte("%PDF-1.4"))
	resp := x.postBody(c, "/rounds/new", ct, body)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	if got := strings.ReplaceAll(browserForm(t, string(b), "/rounds/new").Get("text"), "\r\n", "\n"); got != typed {
		t.Errorf("the text comes back starting %q, want %q", got[:min(12, len(got))], typed[:12])
	}
}
