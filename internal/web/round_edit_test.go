package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// addDraft adds a draft round asking unit a, with one task.
func (x *app) addDraft(title string, deadline time.Time) *tiendo.Round {
	x.t.Helper()
	r := &tiendo.Round{Title: title, Deadline: deadline, UnitIDs: []int64{x.a.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Rà soát thủ tục hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		x.t.Fatal(err)
	}
	return r
}

// storedRound reads round id from the store, as the office sees it.
func (x *app) storedRound(id int64) *tiendo.Round {
	x.t.Helper()
	r, err := x.st.Round(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, id)
	if err != nil {
		x.t.Fatal(err)
	}
	return r
}

// The office opens a draft's edit form from the draft's page, changes its
// title, deadline and options, and is sent back to the round, which shows
// them; the tasks stay. Whoever may not manage rounds sees no link.
func TestRoundEdit(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := x.addDraft("Báo cáo sơ kết 6 tháng", tiendo.DeadlineBefore(2027, 1, 10))
	path := fmt.Sprintf("/rounds/%d", r.ID)
	c := x.login("vanphong")

	code, body := x.get(c, path)
	if code != 200 || !strings.Contains(body, `href="`+path+`/edit"`) || !strings.Contains(body, "Sửa đợt báo cáo") {
		t.Errorf("draft page for the office: %d, want a link “Sửa đợt báo cáo” to %s/edit", code, path)
	}
	if _, body := x.get(x.login("lanhdao"), path); strings.Contains(body, path+"/edit") {
		t.Error("the draft page offers the edit to a leader, who may not manage rounds")
	}
	if _, body := x.get(c, fmt.Sprintf("/rounds/%d", x.round.ID)); strings.Contains(body, "/edit\"") {
		t.Error("a published round's page offers the edit")
	}

	code, body = x.get(c, path+"/edit")
	for _, want := range []string{`action="` + path + `/edit"`, ">Báo cáo sơ kết 6 tháng</textarea>", `value="10/01/2027"`, `placeholder="dd/mm/yyyy"`,
		"Lãnh đạo đơn vị duyệt trước khi gửi", "Báo cáo cần ngắn gọn", "xóa đợt nháp này rồi tạo lại"} {
		if !strings.Contains(body, want) {
			t.Errorf("edit form: %d, missing %q", code, want)
		}
	}
	if strings.Contains(body, "checked") {
		t.Error("edit form: an option is checked that the round does not have")
	}

	resp := x.post(c, path+"/edit", url.Values{"title": {"  Báo cáo\ntổng kết năm 2026 "}, "deadline": {"5/2/2027"},
		"head_approval": {"1"}, "brief": {"1"}})
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || loc != path+"?ok=edited" {
		t.Fatalf("saving the edit: %d %q, want 303 to %s?ok=edited", resp.StatusCode, loc, path)
	}
	if _, body := x.get(c, loc); !strings.Contains(body, "Đã lưu thay đổi của đợt báo cáo.") {
		t.Error("the round page does not say the edit was saved")
	}
	got := x.storedRound(r.ID)
	if got.Title != "Báo cáo tổng kết năm 2026" || !got.Deadline.Equal(tiendo.DeadlineBefore(2027, 2, 5)) || !got.HeadApproval || !got.Brief ||
		got.Status != tiendo.RoundDraft || len(got.Tasks) != 1 || got.Tasks[0].Text != "Rà soát thủ tục hành chính" {
		t.Errorf("round after the edit = %+v, want the new title, deadline 05/02/2027, both options, and its task", got)
	}
	if _, body := x.get(c, path); !strings.Contains(body, "Báo cáo tổng kết năm 2026") || !strings.Contains(body, "trước ngày 05/02/2027") {
		t.Error("the round page does not show the new title and deadline")
	}
	if _, body := x.get(c, path+"/edit"); strings.Count(body, " checked") != 2 {
		t.Error("the form does not show the options now set")
	}

	// Unticking the options clears them.
	resp = x.post(c, path+"/edit", url.Values{"title": {"Báo cáo tổng kết năm 2026"}, "deadline": {"05/02/2027"}})
	resp.Body.Close()
	if got := x.storedRound(r.ID); resp.StatusCode != http.StatusSeeOther || got.HeadApproval || got.Brief {
		t.Errorf("unticked options: %d, head approval %v, brief %v; want both off", resp.StatusCode, got.HeadApproval, got.Brief)
	}
}

// A deadline with a time of day ("trước 17 giờ 00 ngày ...") keeps it when
// the office changes the day, and says so on the form.
func TestRoundEditKeepsDeadlineTime(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := x.addDraft("Báo cáo nhanh", tiendo.DeadlineBefore(2027, 3, 1).Add(17*time.Hour))
	path := fmt.Sprintf("/rounds/%d/edit", r.ID)
	c := x.login("vanphong")
	if _, body := x.get(c, path); !strings.Contains(body, `value="01/03/2027"`) || !strings.Contains(body, "17:00") {
		t.Errorf("edit form: want the day 01/03/2027 and its time 17:00 named\n%s", body)
	}
	resp := x.post(c, path, url.Values{"title": {"Báo cáo nhanh"}, "deadline": {"03/03/2027"}})
	resp.Body.Close()
	got := x.storedRound(r.ID)
	if want := tiendo.DeadlineBefore(2027, 3, 3).Add(17 * time.Hour); resp.StatusCode != http.StatusSeeOther || !got.Deadline.Equal(want) {
		t.Errorf("after moving the day: %d, deadline %v, want %v", resp.StatusCode, got.Deadline, want)
	}
}

// A published round's edit is refused, on the form and on the save, with a
// Vietnamese message, and the round is untouched.
func TestRoundEditRefusesPublished(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	path := fmt.Sprintf("/rounds/%d/edit", x.round.ID)
	if code, body := x.get(c, path); code != http.StatusConflict || !strings.Contains(body, "đã phát hành nên không sửa được") ||
		!strings.Contains(body, "<h1>Không thực hiện được</h1>") {
		t.Errorf("edit form of a published round: %d, want 409 saying it is published\n%s", code, body)
	}
	// As stored: PostgreSQL keeps microseconds of the fixture's deadline.
	before := x.storedRound(x.round.ID)
	resp := x.post(c, path, url.Values{"title": {"Tên khác"}, "deadline": {"01/12/2027"}, "brief": {"1"}})
	body := bodyOf(resp)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "đã phát hành nên không sửa được") {
		t.Errorf("saving a published round: %d, want 409 saying it is published\n%s", resp.StatusCode, body)
	}
	got := x.storedRound(x.round.ID)
	if got.Title != before.Title || got.Brief || !got.Deadline.Equal(before.Deadline) {
		t.Errorf("published round after a refused edit: %+v", got)
	}
	// A leader reads the draft but may not edit it.
	if code, _ := x.get(x.login("lanhdao"), fmt.Sprintf("/rounds/%d/edit", x.draft.ID)); code != http.StatusForbidden {
		t.Errorf("a leader opening the edit form: %d, want 403", code)
	}
}

// A day that cannot be read, or an empty title, shows the form again (422)
// with what was typed and a message beside each field, and saves nothing.
func TestRoundEditBadInputKeepsTyped(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := x.addDraft("Đợt nháp", tiendo.DeadlineBefore(2027, 1, 10))
	path := fmt.Sprintf("/rounds/%d/edit", r.ID)
	c := x.login("vanphong")
	for _, tc := range []struct {
		name     string
		form     url.Values
		want     []string
		wantNot  []string
		checkeds int
	}{
		{"impossible day", url.Values{"title": {"Tên <mới> & đẹp"}, "deadline": {"31/02/2027"}, "brief": {"1"}},
			[]string{"Tên &lt;mới&gt; &amp; đẹp</textarea>", `value="31/02/2027"`, "Không có ngày 31/02/2027: hãy kiểm tra lại ngày và tháng.", `aria-invalid="true"`},
			[]string{"Vui lòng nhập tên"}, 1},
		{"month only", url.Values{"title": {"Tên mới"}, "deadline": {"02/2027"}, "head_approval": {"1"}},
			[]string{">Tên mới</textarea>", `value="02/2027"`, "Hạn gửi chưa đúng"}, nil, 1},
		{"empty title and day", url.Values{"title": {"  "}, "deadline": {""}},
			[]string{"Vui lòng nhập tên đợt báo cáo.", "Hãy nhập hạn gửi báo cáo, ví dụ 07/06/2026."}, nil, 0},
		{"empty title", url.Values{"title": {" \n "}, "deadline": {"15/01/2027"}, "brief": {"1"}, "head_approval": {"1"}},
			[]string{"Vui lòng nhập tên đợt báo cáo.", `value="15/01/2027"`}, []string{"Hạn gửi chưa đúng"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := x.post(c, path, tc.form)
			body := bodyOf(resp)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", resp.StatusCode, body)
			}
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("the form again is missing %q", want)
				}
			}
			for _, not := range tc.wantNot {
				if strings.Contains(body, not) {
					t.Errorf("the form again says %q", not)
				}
			}
			if n := strings.Count(body, " checked"); n != tc.checkeds {
				t.Errorf("%d options ticked on the form again, want %d as typed", n, tc.checkeds)
			}
		})
	}
	got := x.storedRound(r.ID)
	if got.Title != "Đợt nháp" || !got.Deadline.Equal(r.Deadline) || got.Brief || got.HeadApproval {
		t.Errorf("round after refused edits: %+v", got)
	}
}

// A draft whose deadline has passed says so beside the field; one still to
// come does not.
func TestRoundEditWarnsPastDeadline(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	old := x.addDraft("Đợt nhập lại của năm 2022", tiendo.DeadlineBefore(2022, 6, 7))
	if _, body := x.get(c, fmt.Sprintf("/rounds/%d/edit", old.ID)); !strings.Contains(body, "Hạn gửi hiện tại đã qua") {
		t.Error("the form of a draft whose deadline has passed does not say so")
	}
	if _, body := x.get(c, fmt.Sprintf("/rounds/%d/edit", x.draft.ID)); strings.Contains(body, "Hạn gửi hiện tại đã qua") {
		t.Error("the form of a draft due in ten days says its deadline has passed")
	}
}

// The edit form shows the draft's period and changes it: a title left as
// it was follows the new period, and a period that cannot be comes back
// marked on its field with everything typed kept.
func TestRoundEditPeriod(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := &tiendo.Round{Title: "Báo cáo 6 tháng đầu năm 2026", Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2026, Index: 1},
		Deadline: tiendo.DeadlineBefore(2026, 6, 20), UnitIDs: []int64{x.a.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Rà soát thủ tục hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/rounds/%d/edit", r.ID)
	c := x.login("vanphong")
	_, body := x.get(c, path)
	for _, want := range []string{`<option value="half-year" selected>6 tháng</option>`, `name="period_index" type="number" min="1" max="12" value="1"`, `name="period_year" type="number" min="2000" max="2100" value="2026"`} {
		if !strings.Contains(body, want) {
			t.Errorf("edit form lacks the draft's period: %s", want)
		}
	}

	code, _, body := read(x.post(c, path, url.Values{"title": {r.Title}, "deadline": {"20/06/2026"}, "period_kind": {"month"}, "period_index": {"13"}, "period_year": {"2026"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="period_index-err" class="field-error">Kỳ báo cáo là tháng: hãy ghi tháng, từ 1 đến 12.`) ||
		!strings.Contains(body, `<option value="month" selected>Tháng</option>`) || !strings.Contains(body, `value="13" placeholder="để trống với 9 tháng, năm" aria-invalid="true"`) {
		t.Errorf("month 13: %d, want 422 with the month marked and the form as typed\n%s", code, body)
	}
	if got := x.storedRound(r.ID); got.Period != r.Period {
		t.Errorf("a refused period was stored: %+v", got.Period)
	}

	resp := x.post(c, path, url.Values{"title": {r.Title}, "deadline": {"20/09/2026"}, "period_kind": {"nine-month"}, "period_index": {"1"}, "period_year": {"2026"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the period: %d", resp.StatusCode)
	}
	got := x.storedRound(r.ID)
	if want := (tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2026}); got.Period != want || got.Title != "Báo cáo 9 tháng đầu năm 2026" {
		t.Errorf("after the edit: period %+v, title %q; want %+v and the title moved to nine months", got.Period, got.Title, want)
	}
}
