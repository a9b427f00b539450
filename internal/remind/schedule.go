// Package remind chases units that have not sent their report: it plans
// reminders before and after a round's deadline, queues them in the store's
// outbox (with an in-app notification each), sends the office's ad-hoc
// "đôn đốc", and delivers every queued e-mail through internal/mail.
//
// The database is the queue. Planning is idempotent: each reminder has a
// dedupe key (round, unit, kind, day, recipient), so planning every minute,
// from as many app instances as there are, queues each reminder once.
// Delivery claims rows under a lease, so two instances never send the same
// row and a crash between claim and send delays a message without losing it.
//
// # When reminders go out
//
// A round's deadline is an instant: "trước ngày D" is the start of D in
// Asia/Ho_Chi_Minh (tiendo.DeadlineBefore). The last day to submit on time,
// which this package and the screens call the deadline day ("hạn cuối hôm
// nay"), is therefore D-1. Days are counted as the round page's countdown
// counts them, in calendar days from the deadline day:
//
//   - "còn N ngày": N days before the deadline day (defaults N = 3 and 1);
//   - "hạn cuối hôm nay": on the deadline day;
//   - "quá hạn K ngày": K days after the deadline day, every day from D on,
//     until the unit submits, the office closes the round, or locks it
//     (a locked round still chases the units the office reopened).
//
// Each goes out at a set local hour (default 08:00), and only while it is
// the newest reminder due: if the app was down at 08:00 it goes out when the
// app comes back, but once the next one is due the older one is dropped, and
// a reminder due before the round was published is never sent (the units
// were told of the round when it was published). A queued reminder that
// could not be sent before the next one was due expires, and one still
// queued when the unit submits is cancelled. One an extension expired
// before it went is queued again if it becomes due again while its time
// lasts (the office withdrew the unit's own deadline that morning, or gave
// the same one back): store.Enqueue revives it, never one that was sent.
package remind

import (
	"fmt"
	"slices"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// Slot is one reminder moment of a round's schedule.
type Slot struct {
	Kind string    // store.KindReminderBefore, KindReminderDue or KindReminderOverdue
	At   time.Time // when it goes out, in tiendo.Zone
	// Days is how many days remain before the deadline day (before), or how
	// many days late the unit is (overdue); 0 on the deadline day.
	Days int
	// Until is when the reminder stops making sense: the next reminder's
	// time, and never later than the deadline for one that says time remains.
	Until time.Time
}

// key is the slot's part of a dedupe key: "before:2026-11-28".
func (s Slot) key() string {
	short := map[string]string{store.KindReminderBefore: "before", store.KindReminderDue: "due", store.KindReminderOverdue: "overdue"}[s.Kind]
	return short + ":" + s.At.In(tiendo.Zone).Format("2006-01-02")
}

// day returns the start of t's calendar day in tiendo.Zone.
func day(t time.Time) time.Time {
	t = t.In(tiendo.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, tiendo.Zone)
}

// daysBetween counts calendar days from a to b (both starts of days).
// Vietnam has no daylight saving time, so every day is 24 hours.
func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours()) / 24 }

// DeadlineDay is the last calendar day on which a report is on time: for
// "trước ngày D", D-1.
func DeadlineDay(deadline time.Time) time.Time { return day(deadline.Add(-time.Nanosecond)) }

// at returns the reminder moment on the day that starts at d.
func (c Config) at(d time.Time) time.Time { return d.Add(c.TimeOfDay) }

// fixed returns the reminders before and on the deadline day, in order.
// A reminder that would fall at or after the deadline instant (a deadline
// set at 07:00 with reminders at 08:00) is left out: it would say time
// remains when none does.
func (c Config) fixed(deadline time.Time) []Slot {
	last := DeadlineDay(deadline)
	days := slices.Clone(c.DaysBefore)
	slices.Sort(days)
	days = slices.Compact(days)
	slices.Reverse(days)
	var out []Slot
	for _, n := range days {
		if n <= 0 {
			continue
		}
		out = append(out, Slot{Kind: store.KindReminderBefore, At: c.at(last.AddDate(0, 0, -n)), Days: n})
	}
	out = append(out, Slot{Kind: store.KindReminderDue, At: c.at(last)})
	kept := out[:0]
	for _, s := range out {
		if s.At.Before(deadline) {
			kept = append(kept, s)
		}
	}
	for i := range kept {
		next := c.overdue(deadline, 1).At
		if i+1 < len(kept) {
			next = kept[i+1].At
		}
		kept[i].Until = minTime(next, deadline)
	}
	return kept
}

// overdue returns the k-th reminder after the deadline day (k >= 1).
func (c Config) overdue(deadline time.Time, k int) Slot {
	at := c.at(DeadlineDay(deadline).AddDate(0, 0, k))
	return Slot{Kind: store.KindReminderOverdue, At: at, Days: k, Until: c.at(DeadlineDay(deadline).AddDate(0, 0, k+1))}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// Current returns the reminder a unit still owing its report should have
// received by now: the newest slot at or before now. It returns false when
// none is due yet, when the newest is older than the round's publication
// (a stale reminder is not sent late), or when its time has passed.
func (c Config) Current(deadline, published, now time.Time) (Slot, bool) {
	var cur Slot
	found := false
	for _, s := range c.fixed(deadline) {
		if !s.At.After(now) {
			cur, found = s, true
		}
	}
	k := daysBetween(DeadlineDay(deadline), day(now))
	if k >= 1 && c.at(day(now)).After(now) {
		k-- // today's reminder is not due yet
	}
	if c.MaxOverdueDays > 0 {
		k = min(k, c.MaxOverdueDays)
	}
	if k >= 1 {
		if s := c.overdue(deadline, k); !s.At.Before(deadline) {
			cur, found = s, true
		}
	}
	// Past its Until the newest slot says something no longer true ("hạn
	// cuối hôm nay" after midnight), and after MaxOverdueDays the chasing
	// has stopped.
	if !found || cur.At.Before(published) || !now.Before(cur.Until) {
		return Slot{}, false
	}
	return cur, true
}

// Slots lists the reminders of a deadline that fall in [from, through], in
// order: what the round page shows as "the reminders that will go out".
// Reminders before published are left out, as Current leaves them.
func (c Config) Slots(deadline, published, from, through time.Time) []Slot {
	var out []Slot
	keep := func(s Slot) bool {
		return !s.At.Before(from) && !s.At.After(through) && !s.At.Before(published)
	}
	for _, s := range c.fixed(deadline) {
		if keep(s) {
			out = append(out, s)
		}
	}
	for k := 1; c.MaxOverdueDays == 0 || k <= c.MaxOverdueDays; k++ {
		s := c.overdue(deadline, k)
		if s.At.After(through) {
			break
		}
		if keep(s) && !s.At.Before(deadline) {
			out = append(out, s)
		}
	}
	return out
}

// Countdown says how a deadline stands at now, as the round page says it:
// "còn 2 ngày", "hôm nay là hạn cuối", "đã quá hạn 1 ngày".
func Countdown(now, deadline time.Time) string {
	if now.Before(deadline) {
		n := daysBetween(day(now), DeadlineDay(deadline))
		if n == 0 {
			return "hôm nay là hạn cuối"
		}
		return fmt.Sprintf("còn %d ngày", n)
	}
	return fmt.Sprintf("đã quá hạn %d ngày", max(1, daysBetween(DeadlineDay(deadline), day(now))))
}

// FormatDeadline writes a deadline as a directive does: "trước ngày
// 07/6/2022" (two-digit day; months 1 and 2 with a leading zero, as Decree 30
// writes them), or "trước 17:00 ngày 07/6/2022" when it is not midnight.
func FormatDeadline(deadline time.Time) string {
	d := deadline.In(tiendo.Zone)
	date := fmt.Sprintf("%02d/%d/%d", d.Day(), d.Month(), d.Year())
	if d.Month() <= 2 {
		date = fmt.Sprintf("%02d/%02d/%d", d.Day(), d.Month(), d.Year())
	}
	if d.Hour() == 0 && d.Minute() == 0 {
		return "trước ngày " + date
	}
	return fmt.Sprintf("trước %02d:%02d ngày %s", d.Hour(), d.Minute(), date)
}

func sortPlanned(ps []Planned) {
	slices.SortStableFunc(ps, func(a, b Planned) int { return a.Slot.At.Compare(b.Slot.At) })
}
