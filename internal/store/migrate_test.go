package store_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// Migration 0018 moves targets the parser used to store as "=" with
// "decrease" but that name a level to come down to ("xuống còn 4,5%") to
// "<=" with no direction, and leaves a real decrease ("giảm 3%") alone.
func TestMigrationLevelTargets(t *testing.T) {
	f := newFixture(t)
	r := &tiendo.Round{Title: "Chỉ tiêu cũ", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giảm nghèo", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "giảm tỷ lệ hộ nghèo xuống còn 4,5%", Comparator: tiendo.Equal, Value: 4.5, Unit: "%", Direction: "decrease"},
				{Text: "giảm tỷ lệ hộ nghèo còn dưới 4%", Comparator: tiendo.Equal, Value: 4, Unit: "%", Direction: "decrease"},
				{Text: "giảm số vụ tai nạn giao thông 3%", Comparator: tiendo.Equal, Value: 3, Unit: "%", Direction: "decrease"},
				{Text: "nâng tỷ lệ che phủ rừng lên 65%", Comparator: tiendo.AtLeast, Value: 65, Unit: "%"},
			}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RunMigration(ctx, "0018_level_targets.sql"); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Round(ctx, f.office, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		cmp tiendo.Comparator
		dir string
	}{{tiendo.AtMost, ""}, {tiendo.AtMost, ""}, {tiendo.Equal, "decrease"}, {tiendo.AtLeast, ""}}
	for i, tg := range got.Tasks[0].Targets {
		if tg.Comparator != want[i].cmp || tg.Direction != want[i].dir {
			t.Errorf("%q after the migration: %s %q, want %s %q", tg.Text, tg.Comparator, tg.Direction, want[i].cmp, want[i].dir)
		}
	}
}
