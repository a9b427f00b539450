package store_test

import (
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// retireFixture is a district with a department and two communes, the
// clock at 2 July 2025 (the communes merged on the 1st).
func retireFixture(t *testing.T) (*store.Store, map[string]*tiendo.Unit, *time.Time) {
	t.Helper()
	s := storetest.Open(t)
	now := time.Date(2025, 7, 2, 9, 0, 0, 0, tiendo.Zone)
	s.Now = func() time.Time { return now }
	units := map[string]*tiendo.Unit{}
	for _, u := range []struct{ code, name, parent string }{
		{"huyen", "Ủy ban nhân dân huyện Hữu Lũng", ""},
		{"phong", "Phòng Văn hóa", "huyen"},
		{"xa-a", "Ủy ban nhân dân xã Hữu Liên", "huyen"},
		{"xa-b", "Ủy ban nhân dân xã Yên Thịnh", "huyen"},
	} {
		unit := &tiendo.Unit{Code: u.code, Name: u.name}
		if p := units[u.parent]; p != nil {
			unit.ParentID = p.ID
		}
		if err := s.CreateUnit(ctx, store.Actor{}, unit); err != nil {
			t.Fatal(err)
		}
		units[u.code] = unit
	}
	return s, units, &now
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, tiendo.Zone) }

func TestRetireUnit(t *testing.T) {
	s, units, _ := retireFixture(t)
	b := units["xa-b"]
	// The day is kept as a day, whatever the time of day given.
	if err := s.RetireUnit(ctx, store.Actor{UserID: 0}, b.ID, day(2025, 7, 1).Add(15*time.Hour), " Sáp nhập vào xã Hữu Liên "); err != nil {
		t.Fatal(err)
	}
	got, err := s.Unit(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Retired() || !got.RetiredOn.Equal(day(2025, 7, 1)) || got.RetiredOn.Location() != tiendo.Zone || got.RetiredNote != "Sáp nhập vào xã Hữu Liên" {
		t.Errorf("retired unit = %v %q, want 01/07/2025 in Zone, the note trimmed", got.RetiredOn, got.RetiredNote)
	}
	// Everything else stays: the unit is still listed and found by code.
	all, _ := s.Units(ctx)
	if len(all) != 4 {
		t.Errorf("Units: %d, want all 4 (a retired unit is kept)", len(all))
	}
	rows, err := s.AuditSearch(ctx, store.AuditFilter{Entity: "unit", EntityID: b.ID, Action: "retire"})
	if err != nil || len(rows) != 1 || !strings.Contains(rows[0].After, "2025-07-01") {
		t.Errorf("audit: %v %+v, want one retire row with the day", err, rows)
	}
	// Saving the unit's form keeps the retirement.
	got.Name = "UBND xã Yên Thịnh (cũ)"
	got.RetiredOn = time.Time{}
	if err := s.UpdateUnit(ctx, store.Actor{}, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Unit(ctx, b.ID); !again.Retired() {
		t.Error("UpdateUnit made a retired unit active: only ReactivateUnit may")
	}
	if err := s.ReactivateUnit(ctx, store.Actor{}, b.ID); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Unit(ctx, b.ID); again.Retired() || again.RetiredNote != "" {
		t.Errorf("reactivated unit still retired: %v %q", again.RetiredOn, again.RetiredNote)
	}
	if rows, _ := s.AuditSearch(ctx, store.AuditFilter{Entity: "unit", EntityID: b.ID, Action: "reactivate"}); len(rows) != 1 {
		t.Errorf("audit: %d reactivate rows, want 1", len(rows))
	}
}

func TestRetireUnitRefuses(t *testing.T) {
	s, units, _ := retireFixture(t)
	for _, c := range []struct {
		name  string
		day   time.Time
		field string
	}{
		{"no day", time.Time{}, "retired_on"},
		{"a day to come", day(2025, 7, 3), "retired_on"},
		{"a typo for a year", day(205, 7, 1), "retired_on"},
	} {
		err := s.RetireUnit(ctx, store.Actor{}, units["xa-a"].ID, c.day, "")
		var e *tiendo.Error
		if tiendo.ErrorCode(err) != tiendo.EINVALID || !asError(err, &e) || e.Fields[c.field] == "" {
			t.Errorf("%s: %v, want EINVALID on %s", c.name, err, c.field)
		}
	}
	// Today is allowed.
	if err := s.RetireUnit(ctx, store.Actor{}, units["xa-a"].ID, day(2025, 7, 2), ""); err != nil {
		t.Errorf("retire today: %v", err)
	}
	if err := s.ReactivateUnit(ctx, store.Actor{}, units["xa-a"].ID); err != nil {
		t.Fatal(err)
	}

	// A unit with working units under it stays until they go or move.
	huyen := units["huyen"]
	err := s.RetireUnit(ctx, store.Actor{}, huyen.ID, day(2025, 7, 1), "Bỏ cấp huyện")
	if tiendo.ErrorCode(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "còn 3 đơn vị trực thuộc đang hoạt động") ||
		!strings.Contains(tiendo.ErrorMessage(err), "mã xa-b") {
		t.Fatalf("retire a parent of working units: %v, want ECONFLICT naming them", err)
	}
	for _, c := range []string{"phong", "xa-a"} {
		if err := s.RetireUnit(ctx, store.Actor{}, units[c].ID, day(2025, 7, 1), ""); err != nil {
			t.Fatal(err)
		}
	}
	xb := units["xa-b"]
	xb.ParentID = 0 // moved to the top: the province takes it
	if err := s.UpdateUnit(ctx, store.Actor{}, xb); err != nil {
		t.Fatal(err)
	}
	if err := s.RetireUnit(ctx, store.Actor{}, huyen.ID, day(2025, 7, 1), "Bỏ cấp huyện"); err != nil {
		t.Fatalf("retire once nothing under it works: %v", err)
	}

	// Nothing working goes under a retired unit: not by a move, a new unit,
	// nor by bringing a child back first.
	xb.ParentID = huyen.ID
	if err := s.UpdateUnit(ctx, store.Actor{}, xb); tiendo.ErrorCode(err) != tiendo.EINVALID || !strings.Contains(tiendo.ErrorMessage(err), "đã ngừng hoạt động") {
		t.Errorf("move under a retired unit: %v, want EINVALID", err)
	}
	if err := s.CreateUnit(ctx, store.Actor{}, &tiendo.Unit{Code: "moi", Name: "Đơn vị mới", ParentID: huyen.ID}); tiendo.ErrorCode(err) != tiendo.EINVALID {
		t.Errorf("new unit under a retired unit: %v, want EINVALID", err)
	}
	err = s.ReactivateUnit(ctx, store.Actor{}, units["phong"].ID)
	if tiendo.ErrorCode(err) != tiendo.EINVALID || !strings.Contains(tiendo.ErrorMessage(err), "Chưa thể cho đơn vị “Phòng Văn hóa” hoạt động trở lại") {
		t.Errorf("reactivate under a retired parent: %v", err)
	}
	if err := s.ReactivateUnit(ctx, store.Actor{}, huyen.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.ReactivateUnit(ctx, store.Actor{}, units["phong"].ID); err != nil {
		t.Errorf("reactivate once the parent works: %v", err)
	}
}

func asError(err error, e **tiendo.Error) bool {
	x, ok := err.(*tiendo.Error)
	*e = x
	return ok
}

// A round published before a unit retired still reminds it until the
// round ends; one published from that day does not.
func TestRetiredUnitReminders(t *testing.T) {
	s, units, now := retireFixture(t)
	a, b := units["xa-a"], units["xa-b"]
	*now = time.Date(2025, 6, 20, 9, 0, 0, 0, tiendo.Zone)
	before := &tiendo.Round{Title: "Trước sáp nhập", Deadline: time.Date(2025, 7, 20, 0, 0, 0, 0, tiendo.Zone), UnitIDs: []int64{a.ID, b.ID}}
	// Due before the unit stopped, published after (entered late): it may
	// name the unit, which is not chased.
	after := &tiendo.Round{Title: "Nháp làm trước, phát hành sau", Deadline: time.Date(2025, 6, 30, 0, 0, 0, 0, tiendo.Zone), UnitIDs: []int64{a.ID, b.ID}}
	for _, r := range []*tiendo.Round{before, after} {
		if err := s.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PublishRound(ctx, store.Actor{}, before.ID); err != nil {
		t.Fatal(err)
	}
	*now = time.Date(2025, 7, 2, 9, 0, 0, 0, tiendo.Zone)
	if err := s.RetireUnit(ctx, store.Actor{}, a.ID, day(2025, 7, 1), "Sáp nhập vào xã Yên Thịnh"); err != nil {
		t.Fatal(err)
	}
	if err := s.PublishRound(ctx, store.Actor{}, after.ID); err != nil {
		t.Fatal(err)
	}
	owing := func(round int64) []string {
		os, err := s.Outstanding(ctx, round)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, o := range os {
			codes = append(codes, o.Unit.Code)
		}
		return codes
	}
	if got := strings.Join(owing(before.ID), " "); got != "xa-a xa-b" {
		t.Errorf("round published before: owing %q, want both (the retired unit until the round ends)", got)
	}
	if got := strings.Join(owing(after.ID), " "); got != "xa-b" {
		t.Errorf("round published after: owing %q, want only the working unit", got)
	}
	// The round still names the retired unit.
	r, err := s.Round(ctx, &tiendo.User{Role: tiendo.RoleOffice}, after.ID)
	if err != nil || len(r.UnitIDs) != 2 {
		t.Errorf("round units: %v %v, want both kept", err, r)
	}
}

// The import retires and reactivates units under the same rules, audited
// as the form's buttons are.
func TestApplyBulkRetires(t *testing.T) {
	s, units, _ := retireFixture(t)
	f := &bulk.File{Units: []bulk.UnitRow{{Code: "xa-a", Name: units["xa-a"].Name, Parent: "huyen", Retired: "01/07/2025", RetiredNote: "Sáp nhập vào xã Yên Thịnh"}},
		UnitCols: map[string]bool{bulk.ColCode: true, bulk.ColName: true, bulk.ColParent: true, bulk.ColRetired: true, bulk.ColRetiredNote: true}}
	res, err := s.ApplyBulk(ctx, store.Actor{}, f, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.UnitsUpdated != 1 || res.UnitsRetired != 1 {
		t.Errorf("result %+v, want one unit updated and retired", res)
	}
	got, _ := s.Unit(ctx, units["xa-a"].ID)
	if !got.RetiredOn.Equal(day(2025, 7, 1)) || got.RetiredNote != "Sáp nhập vào xã Yên Thịnh" {
		t.Errorf("after import: %v %q", got.RetiredOn, got.RetiredNote)
	}
	if rows, _ := s.AuditSearch(ctx, store.AuditFilter{Entity: "unit", EntityID: got.ID, Action: "retire"}); len(rows) != 1 {
		t.Errorf("audit: %d retire rows, want 1", len(rows))
	}
	// Exported and read back: nothing to do.
	all, _ := s.Units(ctx)
	plan, err := s.PlanBulk(ctx, bulk.Export(all, nil))
	if err != nil || plan.Changes() || !plan.OK() {
		t.Errorf("export planned changes: %v %+v", err, plan)
	}
	// The district cannot go while the department and a commune work.
	f = &bulk.File{Units: []bulk.UnitRow{{Code: "huyen", Name: units["huyen"].Name, Retired: "01/07/2025"}},
		UnitCols: map[string]bool{bulk.ColCode: true, bulk.ColName: true, bulk.ColRetired: true}}
	if _, err := s.ApplyBulk(ctx, store.Actor{}, f, "", 0); tiendo.ErrorCode(err) != tiendo.EINVALID {
		t.Errorf("import retiring a parent of working units: %v, want EINVALID", err)
	}
	if h, _ := s.Unit(ctx, units["huyen"].ID); h.Retired() {
		t.Error("the refused import retired the district")
	}
	// Emptying the day brings the commune back.
	f = &bulk.File{Units: []bulk.UnitRow{{Code: "xa-a", Name: units["xa-a"].Name}},
		UnitCols: map[string]bool{bulk.ColCode: true, bulk.ColName: true, bulk.ColRetired: true}}
	res, err = s.ApplyBulk(ctx, store.Actor{}, f, "", 0)
	if err != nil || res.UnitsReactivated != 1 {
		t.Fatalf("reactivate by import: %v %+v", err, res)
	}
	if got, _ := s.Unit(ctx, units["xa-a"].ID); got.Retired() {
		t.Error("still retired after the import emptied its day")
	}
}

// A round is not made to ask a unit for a report due after the unit
// stopped working, however it is made; a successor round leaves the unit
// out; a round due before (last year's, entered late) may still name it.
func TestRetiredUnitNotAskedAgain(t *testing.T) {
	s, units, _ := retireFixture(t)
	a, b := units["xa-a"], units["xa-b"]
	office := &tiendo.User{Role: tiendo.RoleOffice}
	task := func() []*tiendo.Task {
		return []*tiendo.Task{{Label: "1", Text: "Chăm lo Tết", Assignees: []tiendo.Assignee{{UnitID: a.ID, Role: tiendo.Lead}, {UnitID: b.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{{Text: "100 hộ", Comparator: tiendo.AtLeast, Value: 100, Unit: "hộ", ReportedBy: a.ID}}}}
	}
	old := &tiendo.Round{Title: "Quý II năm 2025", Deadline: day(2025, 6, 25), Tasks: task()}
	if err := s.CreateRound(ctx, store.Actor{}, old); err != nil {
		t.Fatal(err)
	}
	if err := s.RetireUnit(ctx, store.Actor{}, a.ID, day(2025, 7, 1), "Sáp nhập vào xã Yên Thịnh"); err != nil {
		t.Fatal(err)
	}
	late := &tiendo.Round{Title: "Quý II năm 2025, nhập lại", Deadline: day(2025, 6, 25), Tasks: task()}
	if err := s.CreateRound(ctx, store.Actor{}, late); err != nil {
		t.Errorf("a round due before the unit stopped: %v, want it made", err)
	}
	next := &tiendo.Round{Title: "Quý III năm 2025", Deadline: day(2025, 9, 25), Tasks: task()}
	err := s.CreateRound(ctx, store.Actor{}, next)
	if code(err) != tiendo.EINVALID || !strings.Contains(err.Error(), "Ủy ban nhân dân xã Hữu Liên (từ ngày 01/07/2025)") {
		t.Errorf("a round due after the unit stopped: %v, want it refused, naming the unit", err)
	}
	succ, err := s.CreateSuccessor(ctx, store.Actor{}, office, old.ID, store.Successor{Title: "Quý III năm 2025",
		Period: tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2025, Index: 3}, Deadline: day(2025, 9, 25)})
	if err != nil {
		t.Fatal(err)
	}
	if len(succ.UnitIDs) != 1 || succ.UnitIDs[0] != b.ID || len(succ.Tasks[0].Assignees) != 1 || succ.Tasks[0].Targets[0].ReportedBy != 0 {
		t.Errorf("successor: units %v, assignees %+v, reporter %d; want only the working unit, the target left to it", succ.UnitIDs, succ.Tasks[0].Assignees, succ.Tasks[0].Targets[0].ReportedBy)
	}
}

// A draft made before a unit stopped cannot then be moved past that day,
// nor published due after it, still asking the unit.
func TestRetiredUnitDraftCannotGoOut(t *testing.T) {
	s, units, now := retireFixture(t)
	a, b := units["xa-a"], units["xa-b"]
	*now = time.Date(2025, 6, 20, 9, 0, 0, 0, tiendo.Zone)
	r := &tiendo.Round{Title: "Quý III", Deadline: day(2025, 9, 25), UnitIDs: []int64{a.ID, b.ID}}
	if err := s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	early := &tiendo.Round{Title: "Tháng 6", Deadline: day(2025, 6, 28), UnitIDs: []int64{a.ID, b.ID}}
	if err := s.CreateRound(ctx, store.Actor{}, early); err != nil {
		t.Fatal(err)
	}
	*now = time.Date(2025, 7, 2, 9, 0, 0, 0, tiendo.Zone)
	if err := s.RetireUnit(ctx, store.Actor{}, a.ID, day(2025, 7, 1), "Sáp nhập"); err != nil {
		t.Fatal(err)
	}
	if err := s.PublishRound(ctx, store.Actor{}, r.ID); code(err) != tiendo.EINVALID || !strings.Contains(err.Error(), "đã ngừng hoạt động") {
		t.Errorf("publishing a draft that asks a retired unit for a later report: %v, want refused", err)
	}
	office := &tiendo.User{Role: tiendo.RoleOffice}
	edit := store.RoundEdit{Title: early.Title, Deadline: day(2025, 9, 25)}
	if err := s.UpdateDraftRound(ctx, store.Actor{}, office, early.ID, edit); code(err) != tiendo.EINVALID || !strings.Contains(err.Error(), "đã ngừng hoạt động") {
		t.Errorf("moving a draft's deadline past the unit's retirement: %v, want refused", err)
	}
}
