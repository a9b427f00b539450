package store_test

import (
	"reflect"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// draftRound creates a draft round with one task and one target.
func (f *fixture) draftRound(t *testing.T, title string) *tiendo.Round {
	t.Helper()
	r := &tiendo.Round{Title: title, Status: tiendo.RoundDraft, Deadline: time.Now().Add(48 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giải phóng mặt bằng", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{{Text: "đạt 70% trở lên", Comparator: tiendo.AtLeast, Value: 70, Unit: "%"}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{UserID: f.office.ID}, r); err != nil {
		t.Fatal(err)
	}
	return r
}

// A deleted draft's id, and its task's and target's, never go to the next
// round: the audit log's rows about the deleted draft would name it.
func TestDeletedDraftIDsNotReused(t *testing.T) {
	f := newFixture(t)
	gone := f.draftRound(t, "Nháp sẽ xóa")
	if err := f.s.DeleteDraftRound(ctx, store.Actor{UserID: f.office.ID}, gone.ID); err != nil {
		t.Fatal(err)
	}
	next := f.draftRound(t, "Đợt mới")
	if next.ID <= gone.ID || next.Tasks[0].ID <= gone.Tasks[0].ID || next.Tasks[0].Targets[0].ID <= gone.Tasks[0].Targets[0].ID {
		t.Errorf("after deleting round %d (task %d, target %d) the next got round %d (task %d, target %d): an id was reused",
			gone.ID, gone.Tasks[0].ID, gone.Tasks[0].Targets[0].ID, next.ID, next.Tasks[0].ID, next.Tasks[0].Targets[0].ID)
	}
	rows, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: next.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rows {
		if e.Action == "delete" {
			t.Errorf("the new round %d has the deleted draft's audit row %+v", next.ID, e)
		}
	}
}

// An attachment removed before its report was sent leaves no id to reuse.
func TestRemovedAttachmentIDNotReused(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	a, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "ke-hoach.pdf", []byte("%PDF-1.4 a"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.RemoveAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	b, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "bao-cao.pdf", []byte("%PDF-1.4 b"))
	if err != nil {
		t.Fatal(err)
	}
	if b.ID <= a.ID {
		t.Errorf("the removed attachment was %d, the next is %d", a.ID, b.ID)
	}
}

// Migration 0024 makes rounds, tasks, targets and attachments anew on
// SQLite: every row, every reference and every cascade survive it, and
// foreign keys are on again after it.
func TestMigrationRebuildKeepsEverything(t *testing.T) {
	f := newFixture(t)
	if f.s.Dialect() != "sqlite" {
		t.Skip("migration 0024 changes nothing on PostgreSQL, whose sequences never reuse an id")
	}
	r := f.newRound(t, time.Now().Add(time.Hour))
	rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	v := 75.0
	for _, sec := range rep.Sections {
		sec.Status, sec.ResultVsPlan = "on_track", "Đã hoàn thành 75% khối lượng."
		for i := range sec.Actuals {
			sec.Actuals[i].Value = &v
		}
	}
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	att, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "ke-hoach.pdf", []byte("%PDF-1.4 a"))
	if err != nil {
		t.Fatal(err)
	}
	draft := f.draftRound(t, "Nháp")
	wantRound, _ := f.s.Round(ctx, f.office, r.ID)
	wantReport, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)

	if err := f.s.RunMigration(ctx, "0024_ids_never_reused.sql"); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.Round(ctx, f.office, r.ID); err != nil || !reflect.DeepEqual(got, wantRound) {
		t.Errorf("round after the migration: %v\n got %+v\nwant %+v", err, got, wantRound)
	}
	if got, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID); err != nil || !reflect.DeepEqual(got, wantReport) {
		t.Errorf("report after the migration: %v\n got %+v\nwant %+v", err, got, wantReport)
	}
	if _, data, err := f.s.Attachment(ctx, f.repA, att.ID); err != nil || string(data) != "%PDF-1.4 a" {
		t.Errorf("attachment after the migration: %q, %v", data, err)
	}
	on, err := f.s.ForeignKeysOn(ctx)
	if err != nil || !on {
		t.Fatalf("foreign keys after the migration: %v, %v", on, err)
	}
	// The cascades still hold: a deleted draft takes its tasks and targets.
	if err := f.s.DeleteDraftRound(ctx, store.Actor{UserID: f.office.ID}, draft.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.CountRows(ctx, "targets"); err != nil || n != 1 {
		t.Errorf("targets after deleting the draft: %d, %v; want the open round's one", n, err)
	}
	if next := f.draftRound(t, "Đợt mới"); next.ID <= draft.ID {
		t.Errorf("after the migration a deleted draft's id %d went to %d", draft.ID, next.ID)
	}
}
