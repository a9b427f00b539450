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

// addShared adds a round, in state status, whose one task unit a leads
// and b has in role bRole, with two targets a reports.
func (x *app) addShared(status tiendo.RoundStatus, bRole tiendo.AssigneeRole) *tiendo.Round {
	x.t.Helper()
	r := &tiendo.Round{Title: "Báo cáo 6 tháng", Deadline: tiendo.DeadlineBefore(2027, 1, 10), Status: status, UnitIDs: []int64{x.a.ID, x.b.ID},
		Tasks: []*tiendo.Task{{Label: "3", Text: "Bảo đảm an ninh trật tự; cải cách hành chính",
			Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}, {UnitID: x.b.ID, Role: bRole}},
			Targets: []*tiendo.Target{
				{Text: "100% hồ sơ giải quyết đúng hạn", Comparator: tiendo.AtLeast, Value: 100, Unit: "%", ReportedBy: x.a.ID},
				{Text: "Giảm 5% số vụ phạm pháp hình sự", Comparator: tiendo.AtLeast, Value: 5, Unit: "%", ReportedBy: x.a.ID},
			}}}}
	if status == tiendo.RoundOpen {
		r.PublishedAt = time.Now()
	}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		x.t.Fatal(err)
	}
	return r
}

// editForm is the edit form's fields for r as stored, with reporters set.
func editForm(r *tiendo.Round, reporters map[int64]int64) url.Values {
	v := url.Values{"title": {r.Title}, "deadline": {r.Deadline.In(tiendo.Zone).Format("02/01/2006")}}
	for _, tg := range r.Tasks[0].Targets {
		by := tg.ReportedBy
		if c, ok := reporters[tg.ID]; ok {
			by = c
		}
		v.Set(store.ReporterField(tg.ID), fmt.Sprint(by))
	}
	return v
}

// The draft's edit form lists each target of a task given to two units
// with a choice of who reports it; a target given to the other lead is
// saved with the rest of the form, and the round reads it back.
func TestRoundEditReporters(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := x.addShared(tiendo.RoundDraft, tiendo.Lead)
	crime := r.Tasks[0].Targets[1]
	path := fmt.Sprintf("/rounds/%d", r.ID)
	c := x.login("vanphong")

	code, body := x.get(c, path+"/edit")
	field := store.ReporterField(crime.ID)
	for _, want := range []string{"Đơn vị báo cáo chỉ tiêu", `<label for="` + field + `">Giảm 5% số vụ phạm pháp hình sự</label>`,
		`<select id="` + field + `" name="` + field + `">`, `<option value="0">Mọi đơn vị chủ trì</option>`,
		fmt.Sprintf(`<option value="%d" selected>Phòng Nội vụ</option>`, x.a.ID), fmt.Sprintf(`<option value="%d">Công an huyện</option>`, x.b.ID)} {
		if !strings.Contains(body, want) {
			t.Errorf("edit form: %d, missing %q", code, want)
		}
	}
	// A task given to one unit has no choice to make.
	if d := x.addDraft("Đợt một đơn vị", tiendo.DeadlineBefore(2027, 1, 10)); true {
		if _, body := x.get(c, fmt.Sprintf("/rounds/%d/edit", d.ID)); strings.Contains(body, "Đơn vị báo cáo chỉ tiêu") {
			t.Error("the edit form of a round whose tasks each have one unit offers to change reporters")
		}
	}

	form := editForm(r, map[int64]int64{crime.ID: x.b.ID})
	form.Set("title", "Báo cáo 6 tháng đầu năm")
	resp := x.post(c, path+"/edit", form)
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != path+"?ok=edited" {
		t.Fatalf("saving: %d %q, want 303 to %s?ok=edited", resp.StatusCode, loc, path)
	}
	got := x.storedRound(r.ID)
	if got.Title != "Báo cáo 6 tháng đầu năm" || got.Tasks[0].Targets[0].ReportedBy != x.a.ID || got.Tasks[0].Targets[1].ReportedBy != x.b.ID {
		t.Errorf("round after the edit: title %q, reporters %d, %d; want the new title, a then b",
			got.Title, got.Tasks[0].Targets[0].ReportedBy, got.Tasks[0].Targets[1].ReportedBy)
	}
	if _, body := x.get(c, path); !strings.Contains(body, "Giảm 5% số vụ phạm pháp hình sự <small class=\"muted\">(Công an huyện báo cáo)</small>") {
		t.Error("the round page does not show the new reporter of the target")
	}
	if _, body := x.get(c, path+"/edit"); !strings.Contains(body, fmt.Sprintf(`<option value="%d" selected>Công an huyện</option>`, x.b.ID)) {
		t.Error("the edit form does not show the reporter now chosen")
	}
	// The audit log names the change in Vietnamese, the units by name.
	if _, body := x.get(x.login("admin"), "/admin/audit"); !strings.Contains(body, "Đổi đơn vị báo cáo chỉ tiêu") ||
		!strings.Contains(body, `› Đơn vị báo cáo:</span> <span class="audit-value">Phòng Nội vụ</span> <span aria-hidden="true">→</span><span class="visually-hidden">thành</span> <span class="audit-value">Công an huyện</span>`) {
		t.Error("the audit page does not name the change of reporter")
	}

	// To every lead unit.
	resp = x.post(c, path+"/edit", editForm(got, map[int64]int64{crime.ID: 0}))
	resp.Body.Close()
	if got := x.storedRound(r.ID); resp.StatusCode != http.StatusSeeOther || got.Tasks[0].Targets[1].ReportedBy != 0 {
		t.Errorf("to every lead unit: %d, reporter %d, want 303 and 0", resp.StatusCode, got.Tasks[0].Targets[1].ReportedBy)
	}
}

// A target given to a unit that supports the task makes it lead it, as
// the form says; given back, the unit supports the task again.
func TestRoundEditReporterSupportBecomesLead(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := x.addShared(tiendo.RoundDraft, tiendo.Support)
	crime := r.Tasks[0].Targets[1]
	path := fmt.Sprintf("/rounds/%d", r.ID)
	c := x.login("vanphong")
	if _, body := x.get(c, path+"/edit"); !strings.Contains(body, fmt.Sprintf(`<option value="%d">Công an huyện (phối hợp — sẽ cùng chủ trì)</option>`, x.b.ID)) {
		t.Error("the edit form does not offer the supporting unit, marked as such")
	}
	roleOfB := func() tiendo.AssigneeRole {
		for _, a := range x.storedRound(r.ID).Tasks[0].Assignees {
			if a.UnitID == x.b.ID {
				return a.Role
			}
		}
		return ""
	}
	resp := x.post(c, path+"/edit", editForm(r, map[int64]int64{crime.ID: x.b.ID}))
	resp.Body.Close()
	if got := x.storedRound(r.ID); resp.StatusCode != http.StatusSeeOther || got.Tasks[0].Targets[1].ReportedBy != x.b.ID || roleOfB() != tiendo.Lead {
		t.Errorf("given to the supporting unit: %d, reporter %d, role %q; want 303, b, lead", resp.StatusCode, got.Tasks[0].Targets[1].ReportedBy, roleOfB())
	}
	resp = x.post(c, path+"/edit", editForm(r, map[int64]int64{crime.ID: x.a.ID}))
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || roleOfB() != tiendo.Support {
		t.Errorf("given back: %d, role %q; want 303, support", resp.StatusCode, roleOfB())
	}
	// The audit log says whose role changed, not only in which task.
	if _, body := x.get(x.login("admin"), "/admin/audit"); !strings.Contains(body, "Nhiệm vụ "+r.Tasks[0].Label+", Công an huyện › Vai trò") {
		t.Errorf("the audit page does not name the unit whose role changed:\n%s", grep(body, "Vai trò"))
	}
}

// A unit not given the task is refused beside its field, with what was
// typed kept and nothing saved; a published round's reporters do not change.
func TestRoundEditReportersRefused(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("vanphong")
	outsider := &tiendo.Unit{Code: "ptc", Name: "Phòng Tài chính"}
	if err := x.st.CreateUnit(context.Background(), store.Actor{}, outsider); err != nil {
		t.Fatal(err)
	}
	r := x.addShared(tiendo.RoundDraft, tiendo.Lead)
	crime := r.Tasks[0].Targets[1]
	form := editForm(r, map[int64]int64{crime.ID: outsider.ID})
	form.Set("title", "Tên đã gõ")
	resp := x.post(c, fmt.Sprintf("/rounds/%d/edit", r.ID), form)
	body := bodyOf(resp)
	field := store.ReporterField(crime.ID)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, ">Tên đã gõ</textarea>") ||
		!strings.Contains(body, `aria-describedby="`+field+`-err"`) || !strings.Contains(body, "chỉ giao được cho một đơn vị chủ trì hoặc phối hợp") {
		t.Errorf("a unit not on the task: %d, want 422 with the title kept and a message beside the target\n%s", resp.StatusCode, body)
	}
	if got := x.storedRound(r.ID); got.Title != r.Title || got.Tasks[0].Targets[1].ReportedBy != x.a.ID {
		t.Errorf("after a refused edit: title %q, reporter %d; want both unchanged", got.Title, got.Tasks[0].Targets[1].ReportedBy)
	}

	open := x.addShared(tiendo.RoundOpen, tiendo.Lead)
	resp = x.post(c, fmt.Sprintf("/rounds/%d/edit", open.ID), editForm(open, map[int64]int64{open.Tasks[0].Targets[1].ID: x.b.ID}))
	body = bodyOf(resp)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "đã phát hành nên không sửa được") {
		t.Errorf("a published round: %d, want 409 saying it is published\n%s", resp.StatusCode, body)
	}
	if got := x.storedRound(open.ID); got.Tasks[0].Targets[1].ReportedBy != x.a.ID {
		t.Errorf("published round's reporter after a refused edit = %d, want %d", got.Tasks[0].Targets[1].ReportedBy, x.a.ID)
	}
}
