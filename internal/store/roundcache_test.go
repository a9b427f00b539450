package store_test

import (
	"fmt"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// Two instances share one database: what one changes in a round, the other
// sees at its next RoundForUnit, although it keeps the round between calls.
func TestRoundForUnitFollowsChangesAcrossInstances(t *testing.T) {
	a, b := twoInstances(t) // a serves the unit, b the office
	unit := &tiendo.Unit{Code: "xa1", Name: "UBND xã Một"}
	other := &tiendo.Unit{Code: "xa2", Name: "UBND xã Hai"}
	for _, u := range []*tiendo.Unit{unit, other} {
		if err := b.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	office := &tiendo.User{ID: 1, Role: tiendo.RoleOffice}
	rep := &tiendo.User{Role: tiendo.RoleReporter, UnitID: unit.ID}
	r := &tiendo.Round{Title: "Báo cáo quý", Deadline: tiendo.DeadlineBefore(2030, 1, 1), Status: tiendo.RoundDraft,
		UnitIDs: []int64{unit.ID, other.ID},
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Nhiệm vụ một", Assignees: []tiendo.Assignee{{UnitID: unit.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "đạt 90%", Comparator: tiendo.AtLeast, Value: 90, Unit: "%"}}},
			{Label: "2", Text: "Nhiệm vụ hai", Assignees: []tiendo.Assignee{{UnitID: other.ID, Role: tiendo.Lead}, {UnitID: unit.ID, Role: tiendo.Support}}},
			{Label: "3", Text: "Nhiệm vụ ba", Assignees: []tiendo.Assignee{{UnitID: other.ID, Role: tiendo.Lead}}},
		}}
	if err := b.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}

	// A draft is not shown to the unit, and publishing it elsewhere shows it.
	if _, err := a.RoundForUnit(ctx, rep, r.ID, unit.ID); code(err) != tiendo.ENOTFOUND {
		t.Fatalf("draft round: got %v, want not found", err)
	}
	if _, err := a.RoundForUnit(ctx, office, r.ID, unit.ID); err != nil { // the office sees drafts, and fills the cache
		t.Fatal(err)
	}
	if err := b.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	got, err := a.RoundForUnit(ctx, rep, r.ID, unit.ID)
	if err != nil {
		t.Fatalf("published round: %v", err)
	}
	if got.Status != tiendo.RoundOpen || len(got.Tasks) != 2 || got.Tasks[0].Text != "Nhiệm vụ một" || got.Tasks[1].Assignees[0].Role != tiendo.Support ||
		len(got.Tasks[0].Targets) != 1 || len(got.Tasks[1].Targets) != 0 || len(got.UnitIDs) != 1 || got.UnitIDs[0] != unit.ID {
		t.Fatalf("RoundForUnit = %+v, tasks %+v", got, got.Tasks)
	}

	// What the caller does to its copy stays with it.
	got.Tasks[0].Text, got.Tasks[0].Targets[0].Value, got.Title = "sửa bừa", 1, "sửa bừa"
	if again, _ := a.RoundForUnit(ctx, rep, r.ID, unit.ID); again.Tasks[0].Text != "Nhiệm vụ một" || again.Tasks[0].Targets[0].Value != 90 || again.Title != "Báo cáo quý" {
		t.Fatalf("the cache kept a caller's change: %+v", again.Tasks[0])
	}

	// A task edited on the other instance.
	if err := b.UpdateTaskText(ctx, store.Actor{}, office, r.ID, r.Tasks[0].ID, "Nhiệm vụ một, đã sửa"); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.RoundForUnit(ctx, rep, r.ID, unit.ID); got.Tasks[0].Text != "Nhiệm vụ một, đã sửa" {
		t.Errorf("after the task's edit: %q", got.Tasks[0].Text)
	}

	// Locked on the other instance: the unit's save is refused; reopened for
	// the unit, it is accepted.
	if err := b.LockRound(ctx, store.Actor{}, r.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.RoundForUnit(ctx, rep, r.ID, unit.ID); got.LockedAt.IsZero() {
		t.Error("the lock is not seen")
	}
	report, err := a.Report(ctx, rep, r.ID, unit.ID)
	if err != nil {
		t.Fatal(err)
	}
	report.Sections[0].ResultVsPlan = "Đã làm xong."
	if err := a.SaveReport(ctx, store.Actor{}, rep, report); code(err) != tiendo.ECONFLICT {
		t.Errorf("save in a locked round: got %v, want conflict", err)
	}
	if err := b.ReopenUnit(ctx, store.Actor{}, r.ID, unit.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveReport(ctx, store.Actor{}, rep, report); err != nil {
		t.Errorf("save after reopening: %v", err)
	}

	// Closed on the other instance.
	if err := b.CloseRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.RoundForUnit(ctx, rep, r.ID, unit.ID); got.Status != tiendo.RoundClosed {
		t.Errorf("status %s after closing, want closed", got.Status)
	}
	report.Sections[0].ResultVsPlan = "Sửa sau khi đóng."
	if err := a.SaveReport(ctx, store.Actor{}, rep, report); code(err) != tiendo.ECONFLICT {
		t.Errorf("save in a closed round: got %v, want conflict", err)
	}

	// A unit that is not asked, and a round that does not exist.
	stranger := &tiendo.Unit{Code: "xa3", Name: "UBND xã Ba"}
	if err := b.CreateUnit(ctx, store.Actor{}, stranger); err != nil {
		t.Fatal(err)
	}
	if _, err := a.RoundForUnit(ctx, &tiendo.User{Role: tiendo.RoleReporter, UnitID: stranger.ID}, r.ID, stranger.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("unit not asked: got %v, want not found", err)
	}
	if _, err := a.RoundForUnit(ctx, office, r.ID+1000, unit.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("no such round: got %v, want not found", err)
	}
}

// Round, the whole round the office's pages read, comes from the same
// cache: it follows changes made on another instance, gives each caller a
// copy of its own, and shows a unit only the published rounds that ask it
// or a unit under it.
func TestRoundFollowsChangesAcrossInstances(t *testing.T) {
	a, b := twoInstances(t) // a serves the reads, b makes the changes
	parent := &tiendo.Unit{Code: "huyen", Name: "UBND huyện"}
	if err := b.CreateUnit(ctx, store.Actor{}, parent); err != nil {
		t.Fatal(err)
	}
	unit := &tiendo.Unit{Code: "xa1", Name: "UBND xã Một", ParentID: parent.ID}
	other := &tiendo.Unit{Code: "xa2", Name: "UBND xã Hai"}
	stranger := &tiendo.Unit{Code: "xa3", Name: "UBND xã Ba"}
	for _, u := range []*tiendo.Unit{unit, other, stranger} {
		if err := b.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	office := &tiendo.User{ID: 1, Role: tiendo.RoleOffice}
	rep := &tiendo.User{Role: tiendo.RoleReporter, UnitID: unit.ID}
	r := &tiendo.Round{Title: "Báo cáo quý", Deadline: tiendo.DeadlineBefore(2030, 1, 1), Status: tiendo.RoundDraft,
		UnitIDs: []int64{other.ID, unit.ID},
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Nhiệm vụ một", Assignees: []tiendo.Assignee{{UnitID: unit.ID, Role: tiendo.Support}, {UnitID: other.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "đạt 90%", Comparator: tiendo.AtLeast, Value: 90, Unit: "%"}}},
			{Label: "2", Text: "Nhiệm vụ hai"},
		}}
	if err := b.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	got, err := a.Round(ctx, office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{unit.ID, other.ID}
	if unit.ID > other.ID {
		want = []int64{other.ID, unit.ID}
	}
	if len(got.UnitIDs) != 2 || got.UnitIDs[0] != want[0] || got.UnitIDs[1] != want[1] || len(got.Tasks) != 2 ||
		len(got.Tasks[0].Assignees) != 2 || got.Tasks[0].Assignees[0] != (tiendo.Assignee{UnitID: other.ID, Role: tiendo.Lead}) ||
		got.Tasks[1].Assignees == nil || len(got.Tasks[1].Assignees) != 0 || len(got.Tasks[0].Targets) != 1 || got.Tasks[1].Targets == nil {
		t.Fatalf("Round = units %v, tasks %+v %+v", got.UnitIDs, got.Tasks[0], got.Tasks[1])
	}

	// Drafts are the office's; a unit does not see one.
	for _, u := range []*tiendo.User{rep, {Role: tiendo.RoleReporter, UnitID: parent.ID}} {
		if _, err := a.Round(ctx, u, r.ID); code(err) != tiendo.ENOTFOUND {
			t.Errorf("draft round for unit %d: got %v, want not found", u.UnitID, err)
		}
	}
	if err := b.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	// Published: the unit sees it, and so does the unit above it; a unit
	// the round does not ask does not.
	if got, err := a.Round(ctx, rep, r.ID); err != nil || got.Status != tiendo.RoundOpen {
		t.Errorf("published round for the unit: %v, %v", got, err)
	}
	up := &tiendo.User{Role: tiendo.RoleReporter, UnitID: parent.ID, Subunits: []int64{unit.ID}}
	if _, err := a.Round(ctx, up, r.ID); err != nil {
		t.Errorf("published round for the unit above: %v", err)
	}
	if _, err := a.Round(ctx, &tiendo.User{Role: tiendo.RoleReporter, UnitID: stranger.ID}, r.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("unit not asked: got %v, want not found", err)
	}

	// What the caller does to its copy stays with it.
	got, _ = a.Round(ctx, office, r.ID)
	got.Tasks[0].Assignees[0].Role, got.Tasks[0].Text, got.UnitIDs[0], got.Tasks[0].Targets[0].Value = tiendo.Support, "sửa bừa", 0, 1
	again, _ := a.Round(ctx, office, r.ID)
	if again.Tasks[0].Assignees[0].Role != tiendo.Lead || again.Tasks[0].Text != "Nhiệm vụ một" || again.UnitIDs[0] != want[0] || again.Tasks[0].Targets[0].Value != 90 {
		t.Fatalf("the cache kept a caller's change: %+v", again.Tasks[0])
	}

	// Changes on the other instance.
	if err := b.UpdateTaskText(ctx, store.Actor{}, office, r.ID, r.Tasks[1].ID, "Nhiệm vụ hai, đã sửa"); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Round(ctx, office, r.ID); got.Tasks[1].Text != "Nhiệm vụ hai, đã sửa" {
		t.Errorf("after the task's edit: %q", got.Tasks[1].Text)
	}
	if err := b.CloseRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Round(ctx, office, r.ID); got.Status != tiendo.RoundClosed {
		t.Errorf("status %s after closing, want closed", got.Status)
	}
	if _, err := a.Round(ctx, office, r.ID+1000); code(err) != tiendo.ENOTFOUND {
		t.Errorf("no such round: got %v, want not found", err)
	}
}

// twoInstances opens two stores on one fresh database, as two app
// instances sharing it would.
func twoInstances(t *testing.T) (*store.Store, *store.Store) {
	t.Helper()
	dsn := storetest.DSN(t)
	open := func() *store.Store {
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	return open(), open()
}

// Pruning the audit log takes a round's rows, so its stamp cannot fall
// back to what it was: an instance that kept the round before an edit
// another made, pruned since with the edit's row, must not serve the round
// as it was before the edit (nor have the report drafted from it).
func TestRoundCacheAfterPruning(t *testing.T) {
	a, b := twoInstances(t) // a serves the reads, b makes the changes
	office := &tiendo.User{ID: 1, Role: tiendo.RoleOffice}
	r := &tiendo.Round{Title: "Báo cáo quý", Deadline: tiendo.DeadlineBefore(2030, 1, 1), Status: tiendo.RoundDraft,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ cũ"}}}
	if err := b.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	// A later row to keep as the head, then every row about the round goes.
	later := func() {
		t.Helper()
		if err := b.CreateUnit(ctx, store.Actor{}, &tiendo.Unit{Code: fmt.Sprintf("u%d", time.Now().UnixNano()), Name: "Đơn vị"}); err != nil {
			t.Fatal(err)
		}
		if _, err := b.PruneAudit(ctx, store.Actor{}, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	later()
	if got, err := a.Round(ctx, office, r.ID); err != nil || got.Tasks[0].Text != "Nhiệm vụ cũ" {
		t.Fatalf("Round before the edit = %v, %v", got, err)
	}
	if err := b.UpdateTaskText(ctx, store.Actor{}, office, r.ID, r.Tasks[0].ID, "Nhiệm vụ mới"); err != nil {
		t.Fatal(err)
	}
	later()
	got, err := a.Round(ctx, office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Tasks[0].Text != "Nhiệm vụ mới" {
		t.Errorf("instance a serves the task as %q after the edit and two prunings, want %q", got.Tasks[0].Text, "Nhiệm vụ mới")
	}
}
