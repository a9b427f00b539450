package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// In the demo the live round carries the 2022 round's tasks: a target's page
// shows its 2022 values as history.
func TestDemoTargetHistory(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	bg := context.Background()
	office := &tiendo.User{Role: tiendo.RoleOffice}
	rounds, _ := st.Rounds(bg, office)
	live, err := st.Round(bg, office, rounds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var target *tiendo.Target
	for _, task := range live.Tasks {
		if task.Label == "4" && len(task.Targets) > 0 {
			target = task.Targets[0] // land clearance, >= 70 %
		}
	}
	if target == nil {
		t.Fatal("the live round has no target on task 4")
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"vanphong"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.Get(fmt.Sprintf("%s/targets/%d", base, target.ID))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	if resp.StatusCode != 200 || !strings.Contains(page, "6 tháng đầu năm 2022") || !strings.Contains(page, "TT Phát triển quỹ đất") {
		t.Errorf("target history: %d, want the 2022 value of the land-clearance target:\n%s", resp.StatusCode, page)
	}
	if strings.Count(page, "%</td>") < 2 {
		t.Errorf("the history shows no values")
	}
}

// In the demo, a search without diacritics finds the land-clearance task
// and what the units wrote about it.
func TestDemoSearch(t *testing.T) {
	t.Parallel()
	base, _ := demoStore(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {"vanphong"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = c.Get(base + "/search?q=giai+phong+mat+bang")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	if resp.StatusCode != 200 || !strings.Contains(page, "giải phóng mặt bằng") || !strings.Contains(page, "/rounds/") {
		t.Fatalf("search: %d\n%s", resp.StatusCode, page)
	}
	if !strings.Contains(page, "reports/") {
		t.Errorf("search finds no unit report text about land clearance")
	}
}

// "Tạo đợt mới từ đợt này", submitted as the form comes (the title left as
// it was, and no subject field): the new round's title and subject name the
// new period, not the one they were copied from.
func TestSuccessorFormMovesThePeriod(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	first := &tiendo.Round{Title: "Báo cáo tiến độ nhiệm vụ trọng tâm 6 tháng đầu năm 2025", Status: tiendo.RoundOpen,
		Subject:  "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm 06 tháng đầu năm 2025",
		Period:   tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2025, Index: 1},
		Deadline: tiendo.DeadlineBefore(2025, 6, 10),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nâng cao chỉ số cải cách hành chính",
			Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, first); err != nil {
		t.Fatal(err)
	}
	office := x.login("vanphong")
	_, page := x.get(office, "/rounds/"+itoa(first.ID))
	// It offers the earlier title and, as the period, the one usually
	// reported on next: the year after its first half.
	for _, want := range []string{`name="title" value="` + first.Title + `"`, `<option value="year" selected>`,
		`name="period_index" type="number" min="1" max="12" value="" placeholder="để trống với 9 tháng, năm"`, `name="period_year" type="number" value="2025"`} {
		if !strings.Contains(page, want) {
			t.Fatalf("the successor form lacks %s:\n%s", want, page)
		}
	}
	// A day the calendar lacks is named as such, not as a wrong format.
	for typed, want := range map[string]string{"31/02/2025": "Không có ngày 31/02/2025: hãy kiểm tra lại ngày và tháng.",
		"cuối năm": "Hạn gửi của đợt mới chưa đúng: viết ngày/tháng/năm như 07/06/2026."} {
		resp := x.post(office, "/rounds/"+itoa(first.ID)+"/successor", url.Values{"title": {first.Title},
			"period_kind": {"year"}, "period_index": {"0"}, "period_year": {"2025"}, "deadline": {typed}})
		if b := html.UnescapeString(readBody(resp)); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, want) {
			t.Errorf("successor due %q: %d, want 422 saying %q\n%s", typed, resp.StatusCode, want, grep(b, "deadline"))
		}
	}
	// A period no form offers, or a year out of range, is refused saying
	// what to fix: the page that refuses it marks no field. Both were
	// stored as they came.
	for _, c := range []struct{ kind, year, want string }{
		{"year", "1999", "Hãy ghi năm của kỳ báo cáo, từ 2000 đến 2100"},
		{"year", "99999999999999999999", "Hãy ghi năm của kỳ báo cáo, từ 2000 đến 2100"},
		{"tuần", "2025", "Kỳ báo cáo không hợp lệ: hãy chọn tháng, quý"},
	} {
		resp := x.post(office, "/rounds/"+itoa(first.ID)+"/successor", url.Values{"title": {first.Title},
			"period_kind": {c.kind}, "period_index": {"0"}, "period_year": {c.year}, "deadline": {"20/12/2025"}})
		if b := html.UnescapeString(readBody(resp)); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "Chưa tạo được đợt mới. "+c.want) {
			t.Errorf("successor of period %s %s: %d, want 422 saying %q\n%s", c.kind, c.year, resp.StatusCode, c.want, grep(b, "đợt mới"))
		}
	}
	resp := x.post(office, "/rounds/"+itoa(first.ID)+"/successor", url.Values{"title": {first.Title},
		"period_kind": {"year"}, "period_index": {"0"}, "period_year": {"2025"}, "deadline": {"20/12/2025"}})
	resp.Body.Close()
	id, ok := strings.CutPrefix(resp.Header.Get("Location"), "/rounds/")
	if resp.StatusCode != http.StatusSeeOther || !ok {
		t.Fatalf("successor: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	got, err := x.st.Round(ctx, &tiendo.User{Role: tiendo.RoleOffice}, n)
	if err != nil {
		t.Fatal(err)
	}
	if want := tiendo.DeadlineBefore(2025, 12, 20); !got.Deadline.Equal(want) {
		t.Errorf("successor deadline %v, want %v (typed 20/12/2025)", got.Deadline, want)
	}
	if got.Title != "Báo cáo tiến độ nhiệm vụ trọng tâm năm 2025" || got.Subject != "báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm năm 2025" {
		t.Errorf("successor: title %q, subject %q; want both to name the year 2025", got.Title, got.Subject)
	}
}

// A draft whose tasks still name an earlier year (copied from the last
// period) says so to the office, naming each task and target; a comparison
// with an earlier year is not flagged, and a published round says nothing.
func TestDraftNamesEarlierYears(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	draft := &tiendo.Round{Title: "Báo cáo năm 2027", Deadline: time.Now().Add(240 * time.Hour), UnitIDs: []int64{x.a.ID},
		Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2027},
		Tasks: []*tiendo.Task{
			{Label: "10", Text: "Gọi công dân nhập ngũ năm 2022 đạt 100% chỉ tiêu", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "hoàn thành 100% chỉ tiêu nhập ngũ năm 2022", Comparator: tiendo.Equal, Value: 100, Unit: "%"}}},
			{Label: "11", Text: "Thu nội địa tăng 10% so với năm 2026", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}},
		}}
	if err := x.st.CreateRound(ctx, store.Actor{}, draft); err != nil {
		t.Fatal(err)
	}
	office := x.login("vanphong")
	_, body := x.get(office, "/rounds/"+itoa(draft.ID))
	page := html.UnescapeString(body)
	box := grep(page, "Còn nhắc năm của kỳ trước")
	if i := strings.Index(page, `aria-label="Nội dung còn nhắc năm trước"`); i >= 0 {
		box = page[i : i+strings.Index(page[i:], "</aside>")]
	} else {
		t.Fatalf("no warning about earlier years:\n%s", box)
	}
	for _, want := range []string{"<strong>Nhiệm vụ 10</strong> (năm 2022)", "<strong>Nhiệm vụ 10, chỉ tiêu 1</strong> (năm 2022)", "trước kỳ năm 2027"} {
		if !strings.Contains(box, want) {
			t.Errorf("the warning lacks %q:\n%s", want, box)
		}
	}
	if strings.Contains(box, "Nhiệm vụ 11") {
		t.Errorf("a comparison with 2026 is flagged:\n%s", box)
	}

	// One click moves them into the round's year; the comparison stays.
	action := "/rounds/" + itoa(draft.ID) + "/years"
	if !strings.Contains(box, `action="`+action+`"`) || !strings.Contains(box, "Đổi thành năm 2027") {
		t.Fatalf("the warning offers no button to move the years:\n%s", box)
	}
	if code, loc, _ := x.postRead(office, action, nil); code != http.StatusSeeOther || loc != "/rounds/"+itoa(draft.ID)+"?ok=years" {
		t.Fatalf("moving the years = %d to %q, want 303 to the round with ?ok=years", code, loc)
	}
	_, page = x.get(office, "/rounds/"+itoa(draft.ID)+"?ok=years")
	page = html.UnescapeString(page)
	if strings.Contains(page, "Còn nhắc năm") || !strings.Contains(page, "Đã đổi năm của kỳ trước thành năm của kỳ này") {
		t.Errorf("after the move the page still warns, or says nothing of it:\n%s", grep(page, "năm"))
	}
	got := x.storedRound(draft.ID)
	if want := "Gọi công dân nhập ngũ năm 2027 đạt 100% chỉ tiêu"; got.Tasks[0].Text != want {
		t.Errorf("task 10 = %q, want %q", got.Tasks[0].Text, want)
	}
	if want := "hoàn thành 100% chỉ tiêu nhập ngũ năm 2027"; got.Tasks[0].Targets[0].Text != want {
		t.Errorf("its target = %q, want %q", got.Tasks[0].Targets[0].Text, want)
	}
	if want := "Thu nội địa tăng 10% so với năm 2026"; got.Tasks[1].Text != want {
		t.Errorf("task 11 = %q, want it unchanged, %q", got.Tasks[1].Text, want)
	}
	if code, loc, _ := x.postRead(office, action, nil); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=no-years") {
		t.Errorf("moving again = %d to %q, want 303 to ?ok=no-years", code, loc)
	}

	if err := x.st.PublishRound(ctx, store.Actor{}, draft.ID); err != nil {
		t.Fatal(err)
	}
	if _, page := x.get(office, "/rounds/"+itoa(draft.ID)); strings.Contains(page, "Còn nhắc năm") {
		t.Errorf("a published round still warns about earlier years")
	}
	// What the units report on does not change under them.
	if code, _, body := x.postRead(office, action, nil); code != http.StatusConflict || !strings.Contains(body, "chỉ đổi năm trong nhiệm vụ của đợt còn nháp") {
		t.Errorf("moving the years of a published round = %d, want 409 with the reason:\n%s", code, grep(body, "năm"))
	}
}
