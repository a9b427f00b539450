package store_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// Migration 0018 moves targets the parser used to store with a direction
// but that name a level ("xuống còn 4,5%", "đạt 42%") to no direction and
// the comparator the phrase means, and leaves real changes ("giảm 3%",
// "tăng 10%", "đường xuống cấp") alone.
func TestMigrationLevelTargets(t *testing.T) {
	f := newFixture(t)
	r := &tiendo.Round{Title: "Chỉ tiêu cũ", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giảm nghèo", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "giảm tỷ lệ hộ nghèo xuống còn 4,5%", Comparator: tiendo.Equal, Value: 4.5, Unit: "%", Direction: "decrease"},
				{Text: "giảm tỷ lệ hộ nghèo còn dưới 4%", Comparator: tiendo.Equal, Value: 4, Unit: "%", Direction: "decrease"},
				{Text: "giảm số vụ tai nạn giao thông 3%", Comparator: tiendo.Equal, Value: 3, Unit: "%", Direction: "decrease"},
				{Text: "nâng tỷ lệ che phủ rừng lên 65%", Comparator: tiendo.AtLeast, Value: 65, Unit: "%"},
				{Text: "giảm 10% số km đường xuống cấp", Comparator: tiendo.Equal, Value: 10, Unit: "%", Direction: "decrease"},
				{Text: "giảm tỷ lệ trẻ suy dinh dưỡng xuống dưới 8%", Comparator: tiendo.LessThan, Value: 8, Unit: "%", Direction: "decrease"},
				{Text: "nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%", Comparator: tiendo.Equal, Value: 42, Unit: "%", Direction: "increase"},
				{Text: "tăng 10% thu ngân sách", Comparator: tiendo.Equal, Value: 10, Unit: "%", Direction: "increase"},
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
	}{{tiendo.AtMost, ""}, {tiendo.LessThan, ""}, {tiendo.Equal, "decrease"}, {tiendo.AtLeast, ""},
		{tiendo.Equal, "decrease"}, {tiendo.LessThan, ""}, {tiendo.AtLeast, ""}, {tiendo.Equal, "increase"}}
	for i, tg := range got.Tasks[0].Targets {
		if tg.Comparator != want[i].cmp || tg.Direction != want[i].dir {
			t.Errorf("%q after the migration: %s %q, want %s %q", tg.Text, tg.Comparator, tg.Direction, want[i].cmp, want[i].dir)
		}
	}
}
