package remind_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/remind"
	"tiendo/internal/store"
)

// Next finds the first reminder after a time, however far: the one days
// before a deadline weeks away, the daily one once it has passed, none
// once MaxOverdueDays has, and none when no unit owes.
func TestNext(t *testing.T) {
	deadline := tiendo.DeadlineBefore(2026, 12, 10) // last day 09/12
	owing := []*store.Outstanding{
		{Deadline: deadline, PublishedAt: at(11, 1, 9, 0), Unit: tiendo.Unit{ID: 1}, Recipients: make([]store.Recipient, 2)},
		{Deadline: deadline, PublishedAt: at(11, 1, 9, 0), Unit: tiendo.Unit{ID: 2}},
	}
	svc := remind.New(nil, nil, remind.Config{MaxOverdueDays: 2}, nil)
	for _, tc := range []struct {
		name   string
		after  time.Time
		owing  []*store.Outstanding
		want   time.Time // zero: none
		kind   string
		days   int
		reason string
	}{
		{"weeks before", at(11, 20, 9, 0), owing, at(12, 6, 8, 0), store.KindReminderBefore, 3, ""},
		{"at a reminder's time", at(12, 6, 8, 0), owing, at(12, 8, 8, 0), store.KindReminderBefore, 1, "a reminder at the time itself is not after it"},
		{"deadline day", at(12, 8, 9, 0), owing, at(12, 9, 8, 0), store.KindReminderDue, 0, ""},
		{"overdue", at(12, 10, 9, 0), owing, at(12, 11, 8, 0), store.KindReminderOverdue, 2, ""},
		{"chasing stopped", at(12, 11, 9, 0), owing, time.Time{}, "", 0, "MaxOverdueDays is 2"},
		{"nobody owes", at(11, 20, 9, 0), nil, time.Time{}, "", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, units, ok := svc.Next(tc.owing, tc.after)
			if tc.want.IsZero() {
				if ok {
					t.Errorf("Next = %v (%s) to %d units, want none (%s)", got.Slot.At, got.Slot.Kind, units, tc.reason)
				}
				return
			}
			if !ok || !got.Slot.At.Equal(tc.want) || got.Slot.Kind != tc.kind || got.Slot.Days != tc.days || units != 2 {
				t.Errorf("Next = %v %s %d to %d units (found %v), want %v %s %d to 2 units %s", got.Slot.At, got.Slot.Kind, got.Slot.Days, units, ok, tc.want, tc.kind, tc.days, tc.reason)
			}
		})
	}
}
