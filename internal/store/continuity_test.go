package store_test

import (
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

func TestSuccessorAndSeries(t *testing.T) {
	f := newFixture(t)
	first := f.newRound(t, tiendo.DeadlineBefore(2025, 6, 7))
	rep, _ := f.s.Report(ctx, f.repA, first.ID, f.a.ID)
	v := 64.0
	rep.Sections[0].Status, rep.Sections[0].ResultVsPlan = "completed", "Xong."
	rep.Sections[0].Actuals[0].Value = &v
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, first.ID, f.a.ID, submit(rep.Version)); err != nil {
		t.Fatal(err)
	}
	next := store.Successor{Title: "6 tháng đầu năm 2026", Period: tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2026, Index: 1},
		Deadline: tiendo.DeadlineBefore(2026, 6, 7)}
	if _, err := f.s.CreateSuccessor(ctx, store.Actor{}, f.repA, first.ID, next); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reporter starts a round: %v", err)
	}
	all, err := f.s.CreateSuccessor(ctx, store.Actor{}, f.office, first.ID, next)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Tasks) != 2 || all.Status != tiendo.RoundDraft || len(all.Tasks[0].Targets) != 1 {
		t.Fatalf("successor = %d tasks, %s", len(all.Tasks), all.Status)
	}
	// Unit a completed task 1; unit b never reported on task 2.
	next.Unfinished = true
	unfinished, err := f.s.CreateSuccessor(ctx, store.Actor{}, f.office, first.ID, next)
	if err != nil {
		t.Fatal(err)
	}
	if len(unfinished.Tasks) != 1 || unfinished.Tasks[0].Label != "2" {
		t.Errorf("unfinished successor tasks = %d (first %q), want only task 2", len(unfinished.Tasks), unfinished.Tasks[0].Label)
	}
	// The successor's target follows back to the first round's value.
	f.s.PublishRound(ctx, store.Actor{}, all.ID)
	tg, points, err := f.s.Series(ctx, f.office, all.Tasks[0].Targets[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Value != 70 || len(points) != 2 || points[0].RoundID != first.ID || points[0].Value == nil || *points[0].Value != 64 || points[1].Value != nil {
		t.Errorf("series = %+v", points)
	}
	if _, pts, _ := f.s.Series(ctx, f.repB, all.Tasks[0].Targets[0].ID); len(pts) != 0 {
		t.Errorf("unit b sees unit a's values: %+v", pts)
	}
}
