package store_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// NudgedSince lists the units of a round chased since a time, with their
// latest chase, as EnqueueNudge counts them: the round page's button counts
// the others. Times in the issuers' zone compare as the instants they are.
func TestNudgedSince(t *testing.T) {
	f := newFixture(t)
	t0 := time.Date(2026, 11, 27, 14, 5, 0, 0, tiendo.Zone)
	c := newClock(f.s, t0)
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 12, 2))
	other := f.newRound(t, tiendo.DeadlineBefore(2026, 12, 2))
	if got, err := f.s.NudgedSince(ctx, r.ID, t0.Add(-time.Hour)); err != nil || len(got) != 0 {
		t.Errorf("before any đôn đốc: %v, %v; want none", got, err)
	}
	if _, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k1", f.a), time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.EnqueueNudge(ctx, store.Actor{}, other.ID, nudgeMsgs(other, "k1", f.b), time.Hour); err != nil {
		t.Fatal(err)
	}
	c.Add(30 * time.Minute)
	if _, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k2", f.b), time.Hour); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		since time.Time
		want  map[int64]time.Time
	}{
		{"an hour before the first", t0.Add(-time.Hour), map[int64]time.Time{f.a.ID: t0, f.b.ID: t0.Add(30 * time.Minute)}},
		{"in UTC", t0.Add(-time.Minute).UTC(), map[int64]time.Time{f.a.ID: t0, f.b.ID: t0.Add(30 * time.Minute)}},
		{"at the first", t0, map[int64]time.Time{f.b.ID: t0.Add(30 * time.Minute)}},
		{"after both", t0.Add(31 * time.Minute), map[int64]time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.s.NudgedSince(ctx, r.ID, tc.since)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Errorf("NudgedSince(%v) = %v, want %v", tc.since, got, tc.want)
			}
			for id, at := range tc.want {
				if !got[id].Equal(at) {
					t.Errorf("NudgedSince(%v): unit %d at %v, want %v", tc.since, id, got[id], at)
				}
			}
		})
	}
}

// A chase to a unit's own mailbox cancelled because the unit sent its
// report before it went never reached the unit: when the office returns the
// report for revision soon after, the unit may be chased at once, and the
// button counts it as owing a chase. One to a person reached the unit all
// the same, by its in-app notification (TestNudgeCancelledNotifiedCounts).
func TestNudgeCancelledDoesNotCount(t *testing.T) {
	f := newFixture(t)
	t0 := time.Date(2026, 11, 27, 14, 5, 0, 0, tiendo.Zone)
	c := newClock(f.s, t0)
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 12, 2))
	if _, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k1", f.a, f.b), time.Hour); err != nil {
		t.Fatal(err)
	}
	sub := f.sendReport(t, f.repA, f.a, r) // before the chase went: it is cancelled
	c.Add(10 * time.Minute)
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "Bổ sung số liệu cùng kỳ")); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.NudgedSince(ctx, r.ID, c.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got[f.a.ID]; ok || len(got) != 1 {
		t.Errorf("NudgedSince = %v; want only unit %d (%s's chase was cancelled)", got, f.b.ID, f.a.Code)
	}
	res, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k2", f.a, f.b), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if res.Queued != 1 || len(res.Recent) != 1 || res.Recent[f.b.ID].IsZero() {
		t.Errorf("second chase: queued %d, recent %v; want %s chased again and %s left alone", res.Queued, res.Recent, f.a.Code, f.b.Code)
	}
}

// A chase to a person that the unit's submission cancelled had already
// written the person's in-app notification: the unit was chased, and a
// return for revision soon after does not chase it, nor notify it, again.
func TestNudgeCancelledNotifiedCounts(t *testing.T) {
	f := newFixture(t)
	t0 := time.Date(2026, 11, 27, 14, 5, 0, 0, tiendo.Zone)
	c := newClock(f.s, t0)
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 12, 2))
	toPerson := func(key string) []*store.Message {
		m := nudgeMsgs(r, key, f.a)
		m[0].UserID, m[0].Notify = f.repA.ID, true
		return m
	}
	if _, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, toPerson("k1"), time.Hour); err != nil {
		t.Fatal(err)
	}
	sub := f.sendReport(t, f.repA, f.a, r) // before the chase's e-mail went: it is cancelled
	c.Add(10 * time.Minute)
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "Bổ sung số liệu cùng kỳ")); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.NudgedSince(ctx, r.ID, c.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !got[f.a.ID].Equal(t0) {
		t.Errorf("NudgedSince = %v; want unit %d chased at %v (its notification reached it)", got, f.a.ID, t0)
	}
	res, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, toPerson("k2"), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if res.Queued != 0 || !res.Recent[f.a.ID].Equal(t0) {
		t.Errorf("second chase: queued %d, recent %v; want none queued, %s chased at %v", res.Queued, res.Recent, f.a.Code, t0)
	}
	notes, _, err := f.s.Notifications(ctx, f.repA, 100)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range notes {
		if x.Kind == store.KindAdhoc {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d chase notifications for %s, want 1", n, f.repA.Username)
	}
}
