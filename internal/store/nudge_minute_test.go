package store_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A chase counts from the start of its minute, the time the pages write:
// chased at 14:31:40 ("lúc 14:31"), a unit is left alone until 15:30:59 and
// chased again from 15:31:00, by the button's count (NudgedSince) and by a
// press (EnqueueNudge) alike.
func TestNudgeCountsFromTheMinute(t *testing.T) {
	f := newFixture(t)
	t0 := time.Date(2026, 11, 27, 14, 31, 40, 0, tiendo.Zone)
	c := newClock(f.s, t0)
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 12, 2))
	if got, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k1", f.a), time.Hour); err != nil || got.Queued != 1 {
		t.Fatalf("first nudge = %+v, %v; want 1 queued", got, err)
	}
	again := time.Date(2026, 11, 27, 15, 31, 0, 0, tiendo.Zone)
	// recent reports whether, at the clock's time, the button counts unit a
	// as chased lately.
	recent := func() bool {
		t.Helper()
		chased, err := f.s.NudgedSince(ctx, r.ID, c.Now().Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		_, ok := chased[f.a.ID]
		return ok
	}
	c.Add(again.Add(-time.Microsecond).Sub(t0))
	if !recent() {
		t.Errorf("at 15:30:59.999999 the button counts unit a as not chased lately")
	}
	if got, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k2", f.a), time.Hour); err != nil || got.Queued != 0 || !got.Recent[f.a.ID].Equal(t0) {
		t.Errorf("a press at 15:30:59.999999 = %+v, %v; want nothing queued, unit a chased at %v", got, err, t0)
	}
	c.Add(time.Microsecond)
	if recent() {
		t.Errorf("at 15:31:00 the button still counts unit a as chased lately")
	}
	if got, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k3", f.a), time.Hour); err != nil || got.Queued != 1 {
		t.Errorf("a press at 15:31:00 = %+v, %v; want unit a chased again", got, err)
	}
}
