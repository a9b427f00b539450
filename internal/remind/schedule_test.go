package remind

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// at is a local time in tiendo.Zone in late 2026.
func at(month time.Month, d, h, m int) time.Time {
	return time.Date(2026, month, d, h, m, 0, 0, tiendo.Zone)
}

// The round of these tests is due "trước ngày 02/12/2026": the deadline day
// (the last day on time) is 01/12. Reminders: 3 days before it (28/11), 1
// day before (30/11), on it (01/12), then daily from 02/12, at 08:00.
func TestCurrent(t *testing.T) {
	deadline := tiendo.DeadlineBefore(2026, 12, 2)
	published := at(11, 20, 9, 0)
	cfg := Config{}.withDefaults()
	tests := []struct {
		name      string
		cfg       Config
		deadline  time.Time
		published time.Time
		now       time.Time
		kind      string // "" for none
		days      int
		day       time.Time // the slot's time
	}{
		{name: "a week before: nothing", now: at(11, 25, 8, 0)},
		{name: "just before 3 days before", now: at(11, 28, 7, 59)},
		{name: "3 days before", now: at(11, 28, 8, 0), kind: store.KindReminderBefore, days: 3, day: at(11, 28, 8, 0)},
		{name: "3 days before, afternoon (app was down at 08:00)", now: at(11, 28, 15, 0), kind: store.KindReminderBefore, days: 3, day: at(11, 28, 8, 0)},
		{name: "2 days before: still the 3-day one", now: at(11, 29, 12, 0), kind: store.KindReminderBefore, days: 3, day: at(11, 28, 8, 0)},
		{name: "1 day before", now: at(11, 30, 8, 0), kind: store.KindReminderBefore, days: 1, day: at(11, 30, 8, 0)},
		{name: "deadline day", now: at(12, 1, 8, 0), kind: store.KindReminderDue, day: at(12, 1, 8, 0)},
		{name: "deadline day, late evening", now: at(12, 1, 23, 59), kind: store.KindReminderDue, day: at(12, 1, 8, 0)},
		{name: "after midnight: the deadline-day reminder is stale", now: at(12, 2, 0, 0)},
		{name: "1 day overdue", now: at(12, 2, 8, 0), kind: store.KindReminderOverdue, days: 1, day: at(12, 2, 8, 0)},
		{name: "2 days overdue", now: at(12, 3, 9, 30), kind: store.KindReminderOverdue, days: 2, day: at(12, 3, 8, 0)},
		{name: "a month overdue", now: at(12, 31, 8, 0), kind: store.KindReminderOverdue, days: 30, day: at(12, 31, 8, 0)},
		{name: "published after the 3-day moment: no stale reminder", published: at(11, 29, 10, 0), now: at(11, 29, 11, 0)},
		{name: "published after the 3-day moment: the 1-day one goes", published: at(11, 29, 10, 0), now: at(11, 30, 8, 0), kind: store.KindReminderBefore, days: 1, day: at(11, 30, 8, 0)},
		{name: "published after the deadline: overdue from the next 08:00", published: at(12, 5, 10, 0), now: at(12, 5, 11, 0)},
		{name: "published after the deadline, next morning", published: at(12, 5, 10, 0), now: at(12, 6, 8, 0), kind: store.KindReminderOverdue, days: 5, day: at(12, 6, 8, 0)},
		{name: "overdue capped at 2 days", cfg: Config{MaxOverdueDays: 2}, now: at(12, 3, 9, 0), kind: store.KindReminderOverdue, days: 2, day: at(12, 3, 8, 0)},
		{name: "overdue capped: no more after", cfg: Config{MaxOverdueDays: 2}, now: at(12, 4, 9, 0)},
		{name: "reminders at 14:30", cfg: Config{TimeOfDay: 14*time.Hour + 30*time.Minute}, now: at(11, 30, 14, 0), kind: store.KindReminderBefore, days: 3, day: at(11, 28, 14, 30)},
		{name: "5, 3 and 1 days before", cfg: Config{DaysBefore: []int{1, 5, 3}}, now: at(11, 26, 8, 0), kind: store.KindReminderBefore, days: 5, day: at(11, 26, 8, 0)},
		// A deadline at 07:00 on 01/12: that day's 08:00 is already late.
		{name: "deadline at 07:00: no deadline-day reminder after it", deadline: at(12, 1, 7, 0), now: at(12, 1, 8, 0)},
		{name: "deadline at 07:00: overdue the next day", deadline: at(12, 1, 7, 0), now: at(12, 2, 8, 0), kind: store.KindReminderOverdue, days: 1, day: at(12, 2, 8, 0)},
		{name: "UTC clock", now: at(11, 28, 8, 0).UTC(), kind: store.KindReminderBefore, days: 3, day: at(11, 28, 8, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cfg
			if tt.cfg.DaysBefore != nil || tt.cfg.TimeOfDay != 0 || tt.cfg.MaxOverdueDays != 0 {
				c = tt.cfg.withDefaults()
			}
			d, p := deadline, published
			if !tt.deadline.IsZero() {
				d = tt.deadline
			}
			if !tt.published.IsZero() {
				p = tt.published
			}
			got, ok := c.Current(d, p, tt.now)
			if tt.kind == "" {
				if ok {
					t.Errorf("Current = %+v, want none", got)
				}
				return
			}
			if !ok || got.Kind != tt.kind || got.Days != tt.days || !got.At.Equal(tt.day) {
				t.Errorf("Current = %+v (%v), want %s, %d days, at %v", got, ok, tt.kind, tt.days, tt.day)
			}
			if !got.Until.After(tt.now) {
				t.Errorf("Current = %+v: Until is not after now %v", got, tt.now)
			}
		})
	}
}

func TestSlots(t *testing.T) {
	deadline := tiendo.DeadlineBefore(2026, 12, 2)
	cfg := Config{}.withDefaults()
	got := cfg.Slots(deadline, at(11, 29, 10, 0), at(11, 29, 10, 0), at(12, 3, 23, 0))
	want := []struct {
		kind string
		days int
		at   time.Time
	}{
		{store.KindReminderBefore, 1, at(11, 30, 8, 0)},
		{store.KindReminderDue, 0, at(12, 1, 8, 0)},
		{store.KindReminderOverdue, 1, at(12, 2, 8, 0)},
		{store.KindReminderOverdue, 2, at(12, 3, 8, 0)},
	}
	if len(got) != len(want) {
		t.Fatalf("Slots = %+v, want %d slots", got, len(want))
	}
	for i, w := range want {
		if got[i].Kind != w.kind || got[i].Days != w.days || !got[i].At.Equal(w.at) {
			t.Errorf("slot %d = %+v, want %s %d days at %v", i, got[i], w.kind, w.days, w.at)
		}
	}
	if !got[1].Until.Equal(deadline) {
		t.Errorf("deadline-day reminder lasts until %v, want the deadline %v", got[1].Until, deadline)
	}
}

func TestCountdownAndDeadline(t *testing.T) {
	deadline := tiendo.DeadlineBefore(2022, 6, 7)
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2022, 6, 3, 10, 0, 0, 0, tiendo.Zone), "còn 3 ngày"},
		{time.Date(2022, 6, 5, 23, 0, 0, 0, tiendo.Zone), "còn 1 ngày"},
		{time.Date(2022, 6, 6, 0, 0, 0, 0, tiendo.Zone), "hôm nay là hạn cuối"},
		{time.Date(2022, 6, 7, 0, 0, 0, 0, tiendo.Zone), "đã quá hạn 1 ngày"},
		{time.Date(2022, 6, 8, 9, 0, 0, 0, tiendo.Zone), "đã quá hạn 2 ngày"},
	} {
		if got := Countdown(tt.now, deadline); got != tt.want {
			t.Errorf("Countdown(%v) = %q, want %q", tt.now, got, tt.want)
		}
	}
	for _, tt := range []struct {
		deadline time.Time
		want     string
	}{
		{deadline, "trước ngày 07/6/2022"},
		{tiendo.DeadlineBefore(2023, 2, 5), "trước ngày 05/02/2023"},
		{tiendo.DeadlineBefore(2023, 12, 25), "trước ngày 25/12/2023"},
		{time.Date(2023, 10, 5, 17, 0, 0, 0, tiendo.Zone), "trước 17:00 ngày 05/10/2023"},
	} {
		if got := FormatDeadline(tt.deadline); got != tt.want {
			t.Errorf("FormatDeadline(%v) = %q, want %q", tt.deadline, got, tt.want)
		}
	}
}
