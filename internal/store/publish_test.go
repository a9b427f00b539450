package store_test

import (
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// The notice a unit gets when a round is published states the deadline as
// the round does, with its time of day: "trước ngày 10/12/2026" alone
// would read as the start of that day, seventeen hours early.
func TestPublishNoticeStatesTheDeadline(t *testing.T) {
	f := newFixture(t)
	r := &tiendo.Round{Title: "Báo cáo kết quả năm 2026",
		Deadline: time.Date(2026, 12, 10, 17, 0, 0, 0, tiendo.Zone),
		Period:   tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026},
		Tasks:    []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	if err := f.s.PublishRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	notes, _, err := f.s.Notifications(ctx, f.repA, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := "Đợt báo cáo mới: Báo cáo kết quả năm 2026 — hạn gửi trước 17:00 ngày 10/12/2026"
	if len(notes) != 1 || !strings.Contains(notes[0].Title, want) {
		t.Fatalf("notifications = %+v, want one saying %q", notes, want)
	}
}
