package store_test

import (
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// sharedDraft creates a draft round whose one task f.a leads and f.b
// supports, with two targets f.a reports, as the intake leaves them.
func sharedDraft(t *testing.T, f *fixture) *tiendo.Round {
	t.Helper()
	r := &tiendo.Round{Title: "Báo cáo 6 tháng", Deadline: tiendo.DeadlineBefore(2026, 7, 15), UnitIDs: []int64{f.a.ID, f.b.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giảm tỷ lệ hộ nghèo; bảo đảm an ninh trật tự",
			Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Support}},
			Targets: []*tiendo.Target{
				{Text: "Giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", ReportedBy: f.a.ID},
				{Text: "Giảm 5% số vụ phạm pháp hình sự", Comparator: tiendo.AtLeast, Value: 5, Unit: "%", ReportedBy: f.a.ID},
			}}}}
	if err := f.s.CreateRound(ctx, store.Actor{UserID: f.office.ID}, r); err != nil {
		t.Fatal(err)
	}
	return r
}

// assignment reads round id back as the office sees it: each target's
// reporter and each unit's role on the first task.
func assignment(t *testing.T, f *fixture, id int64) (by []int64, roles map[int64]tiendo.AssigneeRole) {
	t.Helper()
	got, err := f.s.Round(ctx, f.office, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range got.Tasks[0].Targets {
		by = append(by, tg.ReportedBy)
	}
	roles = map[int64]tiendo.AssigneeRole{}
	for _, a := range got.Tasks[0].Assignees {
		roles[a.UnitID] = a.Role
	}
	return by, roles
}

func reporterAudits(t *testing.T, f *fixture, id int64) []store.AuditEntry {
	t.Helper()
	entries, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: id, Action: "set_reporters"})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// A target given to the supporting unit makes it a lead, which its report
// then shows; given back, the unit supports the task again. Each change is
// audited on the round; a change to nothing is not.
func TestSetTargetReporters(t *testing.T) {
	f := newFixture(t)
	r := sharedDraft(t, f)
	crime := r.Tasks[0].Targets[1]
	office := store.Actor{UserID: f.office.ID, Address: "10.0.0.7"}
	// Fill the round cache with the round as created.
	if by, roles := assignment(t, f, r.ID); by[1] != f.a.ID || roles[f.b.ID] != tiendo.Support {
		t.Fatalf("as created: reporters %v, roles %v", by, roles)
	}
	if got, err := f.s.RoundForUnit(ctx, f.office, r.ID, f.b.ID); err != nil || len(got.Tasks) != 1 {
		t.Fatalf("RoundForUnit(b) as created = %+v, %v", got, err)
	}

	if err := f.s.SetTargetReporters(ctx, office, f.office, r.ID, map[int64]int64{crime.ID: f.b.ID}); err != nil {
		t.Fatal(err)
	}
	by, roles := assignment(t, f, r.ID)
	if by[0] != f.a.ID || by[1] != f.b.ID {
		t.Errorf("reporters = %v, want [%d %d]", by, f.a.ID, f.b.ID)
	}
	if roles[f.a.ID] != tiendo.Lead || roles[f.b.ID] != tiendo.Lead {
		t.Errorf("roles = %v, want both units lead", roles)
	}
	got, err := f.s.RoundForUnit(ctx, f.office, r.ID, f.b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if mine := got.Tasks[0].TargetsOf(f.b.ID); len(mine) != 1 || mine[0].ID != crime.ID || got.Tasks[0].Assignees[0].Role != tiendo.Lead {
		t.Errorf("RoundForUnit(b): targets %+v, assignees %+v; want it to lead and report the crime target", mine, got.Tasks[0].Assignees)
	}
	entries := reporterAudits(t, f, r.ID)
	if len(entries) != 1 {
		t.Fatalf("%d set_reporters rows, want 1", len(entries))
	}
	if e := entries[0]; e.UserID != f.office.ID || !strings.Contains(e.Before, `"role":"support"`) || !strings.Contains(e.After, `"role":"lead"`) ||
		!strings.Contains(e.After, `"reported_by":`+itoa(f.b.ID)) {
		t.Errorf("audit row = %+v, want the target's reporter and the unit's role before and after", e)
	}

	// The same again changes nothing and writes nothing.
	if err := f.s.SetTargetReporters(ctx, office, f.office, r.ID, map[int64]int64{crime.ID: f.b.ID}); err != nil {
		t.Fatal(err)
	}
	if n := len(reporterAudits(t, f, r.ID)); n != 1 {
		t.Errorf("after a change to nothing: %d set_reporters rows, want 1", n)
	}

	// Given back: b reports nothing, and supports the task again.
	if err := f.s.SetTargetReporters(ctx, office, f.office, r.ID, map[int64]int64{crime.ID: f.a.ID}); err != nil {
		t.Fatal(err)
	}
	if by, roles := assignment(t, f, r.ID); by[1] != f.a.ID || roles[f.a.ID] != tiendo.Lead || roles[f.b.ID] != tiendo.Support {
		t.Errorf("given back: reporters %v, roles %v; want a to report both, a lead, b support", by, roles)
	}

	// To every lead unit: a still leads, b supports and is not asked.
	if err := f.s.SetTargetReporters(ctx, office, f.office, r.ID, map[int64]int64{crime.ID: 0}); err != nil {
		t.Fatal(err)
	}
	if by, roles := assignment(t, f, r.ID); by[1] != 0 || roles[f.b.ID] != tiendo.Support {
		t.Errorf("to every lead: reporters %v, roles %v; want 0 for the crime target, b support", by, roles)
	}
}

// A lead named by the directive stays lead when it reported nothing before
// the change, and a task never loses its last lead.
func TestSetTargetReportersKeepsLeads(t *testing.T) {
	f := newFixture(t)
	r := &tiendo.Round{Title: "Báo cáo quý", Deadline: tiendo.DeadlineBefore(2026, 7, 15), UnitIDs: []int64{f.a.ID, f.b.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính",
			Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Lead}},
			Targets:   []*tiendo.Target{{Text: "100% hồ sơ đúng hạn", Comparator: tiendo.AtLeast, Value: 100, Unit: "%", ReportedBy: f.a.ID}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	tg := r.Tasks[0].Targets[0]
	// b reported nothing: given the target, a loses its only one and
	// supports; b, which leads, stays lead.
	if err := f.s.SetTargetReporters(ctx, store.Actor{}, f.office, r.ID, map[int64]int64{tg.ID: f.b.ID}); err != nil {
		t.Fatal(err)
	}
	if by, roles := assignment(t, f, r.ID); by[0] != f.b.ID || roles[f.a.ID] != tiendo.Support || roles[f.b.ID] != tiendo.Lead {
		t.Errorf("reporters %v, roles %v; want b to report and lead, a to support", by, roles)
	}
	// Back to a: a leads again, and b, which reported it, supports.
	if err := f.s.SetTargetReporters(ctx, store.Actor{}, f.office, r.ID, map[int64]int64{tg.ID: f.a.ID}); err != nil {
		t.Fatal(err)
	}
	if _, roles := assignment(t, f, r.ID); roles[f.a.ID] != tiendo.Lead || roles[f.b.ID] != tiendo.Support {
		t.Errorf("roles %v; want a lead, b support", roles)
	}
}

// A task with a target left to every lead unit: a supporting unit given
// another target leads, and given it back supports again, though it
// "reported" the target every lead reports while it led.
func TestSetTargetReportersUndoWithEveryLeadTarget(t *testing.T) {
	f := newFixture(t)
	r := &tiendo.Round{Title: "Báo cáo quý", Deadline: tiendo.DeadlineBefore(2026, 7, 15), UnitIDs: []int64{f.a.ID, f.b.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính",
			Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Support}},
			Targets: []*tiendo.Target{
				{Text: "100% hồ sơ đúng hạn", Comparator: tiendo.AtLeast, Value: 100, Unit: "%"},
				{Text: "Giảm 10% số vụ việc", Comparator: tiendo.AtLeast, Value: 10, Unit: "%", Direction: "decrease", ReportedBy: f.a.ID},
			}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	tg := r.Tasks[0].Targets[1]
	if err := f.s.SetTargetReporters(ctx, store.Actor{}, f.office, r.ID, map[int64]int64{tg.ID: f.b.ID}); err != nil {
		t.Fatal(err)
	}
	if _, roles := assignment(t, f, r.ID); roles[f.b.ID] != tiendo.Lead {
		t.Fatalf("given a target, b is %q, want lead", roles[f.b.ID])
	}
	if err := f.s.SetTargetReporters(ctx, store.Actor{}, f.office, r.ID, map[int64]int64{tg.ID: f.a.ID}); err != nil {
		t.Fatal(err)
	}
	if _, roles := assignment(t, f, r.ID); roles[f.a.ID] != tiendo.Lead || roles[f.b.ID] != tiendo.Support {
		t.Errorf("given back: roles %v; want a lead, b support again", roles)
	}
}

// What cannot be chosen is refused, and nothing of the edit is kept.
func TestSetTargetReportersRefused(t *testing.T) {
	f := newFixture(t)
	r := sharedDraft(t, f)
	other := newDraft(t, f, "Đợt khác")
	poverty := r.Tasks[0].Targets[0]
	outsider := &tiendo.Unit{Code: "tc", Name: "Phòng Tài chính"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, outsider); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		u         *tiendo.User
		round     int64
		reporters map[int64]int64
		code      string
		field     int64 // the target whose field holds the message, 0 for none
	}{
		{"a reporter", f.repA, r.ID, map[int64]int64{poverty.ID: f.b.ID}, tiendo.EFORBIDDEN, 0},
		{"no such round", f.office, r.ID + other.ID + 100, map[int64]int64{poverty.ID: f.b.ID}, tiendo.ENOTFOUND, 0},
		{"another round's target", f.office, r.ID, map[int64]int64{other.Tasks[0].Targets[0].ID: f.a.ID}, tiendo.EINVALID, other.Tasks[0].Targets[0].ID},
		{"a unit not on the task", f.office, r.ID, map[int64]int64{poverty.ID: outsider.ID}, tiendo.EINVALID, poverty.ID},
	} {
		err := f.s.SetTargetReporters(ctx, store.Actor{}, c.u, c.round, c.reporters)
		if code(err) != c.code {
			t.Errorf("%s: error %v, want %s", c.name, err, c.code)
			continue
		}
		if e, ok := err.(*tiendo.Error); c.field != 0 && (!ok || e.Fields[store.ReporterField(c.field)] == "") {
			t.Errorf("%s: error %#v, want a message for the target's field", c.name, err)
		}
	}

	// An edit of the round's fields with a wrong reporter keeps neither.
	edit := store.RoundEdit{Title: "Tên mới", Deadline: r.Deadline, Reporters: map[int64]int64{poverty.ID: outsider.ID}}
	if err := f.s.UpdateDraftRound(ctx, store.Actor{}, f.office, r.ID, edit); code(err) != tiendo.EINVALID {
		t.Fatalf("UpdateDraftRound with a wrong reporter: %v, want %s", err, tiendo.EINVALID)
	}
	// And with a right one, both.
	edit.Reporters = map[int64]int64{poverty.ID: f.b.ID}
	if got, _ := f.s.Round(ctx, f.office, r.ID); got.Title != "Báo cáo 6 tháng" {
		t.Errorf("title after a refused edit = %q, want it unchanged", got.Title)
	}
	if err := f.s.UpdateDraftRound(ctx, store.Actor{}, f.office, r.ID, edit); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Round(ctx, f.office, r.ID); got.Title != "Tên mới" || got.Tasks[0].Targets[0].ReportedBy != f.b.ID {
		t.Errorf("after the edit: title %q, reporter %d; want %q, %d", got.Title, got.Tasks[0].Targets[0].ReportedBy, "Tên mới", f.b.ID)
	}

	// Published: refused as any edit of a published round is.
	if err := f.s.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	err := f.s.SetTargetReporters(ctx, store.Actor{}, f.office, r.ID, map[int64]int64{poverty.ID: f.a.ID})
	if code(err) != tiendo.ECONFLICT || tiendo.ErrorMessage(err) != tiendo.ErrorMessage(store.ErrNotDraft()) {
		t.Errorf("on a published round: %v, want ErrNotDraft", err)
	}
	if got, _ := f.s.Round(ctx, f.office, r.ID); got.Tasks[0].Targets[0].ReportedBy != f.b.ID {
		t.Errorf("reporter after a refused change = %d, want %d", got.Tasks[0].Targets[0].ReportedBy, f.b.ID)
	}
}
