package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// nudgeMsgs builds one "đôn đốc" message per unit of round r, for the click
// key.
func nudgeMsgs(r *tiendo.Round, key string, units ...*tiendo.Unit) []*store.Message {
	var out []*store.Message
	for _, u := range units {
		out = append(out, &store.Message{Kind: store.KindAdhoc, DedupeKey: fmt.Sprintf("adhoc:%d:%s:%d:unit", r.ID, key, u.ID),
			RoundID: r.ID, UnitID: u.ID, Email: u.Code + "@huulung.example", Subject: "Văn phòng đôn đốc gửi báo cáo"})
	}
	return out
}

// A unit chased less than the interval ago is left out of the next
// "đôn đốc", whatever its key, and the result says when it was chased; the
// others are chased. At the interval it may be chased again.
func TestEnqueueNudgeInterval(t *testing.T) {
	f := newFixture(t)
	t0 := time.Date(2026, 11, 27, 14, 5, 0, 0, tiendo.Zone)
	c := newClock(f.s, t0)
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 12, 2))
	other := f.newRound(t, tiendo.DeadlineBefore(2026, 12, 2))
	if at, err := f.s.LastNudge(ctx, r.ID); err != nil || !at.IsZero() {
		t.Errorf("LastNudge before any = %v, %v; want the zero time", at, err)
	}
	const hour = time.Hour
	got, err := f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k1", f.a), hour)
	if err != nil || got.Queued != 1 || len(got.Recent) != 0 {
		t.Fatalf("first nudge = %+v, %v; want 1 queued", got, err)
	}
	// Another round's chase does not count.
	if _, err := f.s.EnqueueNudge(ctx, store.Actor{}, other.ID, nudgeMsgs(other, "k1", f.b), hour); err != nil {
		t.Fatal(err)
	}

	c.Add(20 * time.Minute)
	msgs := nudgeMsgs(r, "k2", f.a, f.b)
	got, err = f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, msgs, hour)
	if err != nil {
		t.Fatal(err)
	}
	if got.Queued != 1 || len(got.Recent) != 1 || !got.Recent[f.a.ID].Equal(t0) {
		t.Errorf("second nudge = %+v, want unit b queued and unit a left out, chased at %v", got, t0)
	}
	if msgs[0].ID != 0 || msgs[1].ID == 0 {
		t.Errorf("message IDs = %d, %d; want unit a's 0 (not queued) and unit b's set", msgs[0].ID, msgs[1].ID)
	}
	if at, err := f.s.LastNudge(ctx, r.ID); err != nil || !at.Equal(t0.Add(20*time.Minute)) {
		t.Errorf("LastNudge = %v, %v; want %v", at, err, t0.Add(20*time.Minute))
	}

	// Both chased within the hour: nothing is queued and nothing logged.
	c.Add(39 * time.Minute)
	got, err = f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k3", f.a, f.b), hour)
	if err != nil || got.Queued != 0 || len(got.Recent) != 2 {
		t.Errorf("third nudge = %+v, %v; want nothing queued, both units left out", got, err)
	}

	// An hour after unit a's chase it is chased again; b (40 minutes) is not.
	c.Add(time.Minute)
	got, err = f.s.EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, "k4", f.a, f.b), hour)
	if err != nil || got.Queued != 1 || len(got.Recent) != 1 || got.Recent[f.b.ID].IsZero() {
		t.Errorf("nudge an hour later = %+v, %v; want unit a queued, unit b left out", got, err)
	}

	msgsOut, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgsOut) != 3 {
		t.Errorf("outbox of the round has %d messages, want 3 (a, b, a again): %v", len(msgsOut), keys(msgsOut))
	}
	log, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "remind"})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 3 {
		t.Errorf("audit log has %d remind rows, want 3 (the nudges that queued something)", len(log))
	}
}

// Two app instances pressing "đôn đốc" at the same moment queue it once:
// the check and the insert are one transaction, serialized on the round.
func TestEnqueueNudgeConcurrent(t *testing.T) {
	dsn := storetest.DSN(t)
	now := time.Date(2026, 11, 27, 14, 5, 0, 0, tiendo.Zone)
	var stores [2]*store.Store
	for i := range stores {
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		s.Now = func() time.Time { return now }
		stores[i] = s
	}
	f := fixtureOn(t, stores[0])
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 12, 2))
	const clicks = 8
	var mu sync.Mutex
	queued := 0
	var wg sync.WaitGroup
	for i := range clicks {
		wg.Go(func() {
			got, err := stores[i%2].EnqueueNudge(ctx, store.Actor{}, r.ID, nudgeMsgs(r, fmt.Sprintf("k%d", i), f.a, f.b), time.Hour)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			queued += got.Queued
			mu.Unlock()
		})
	}
	wg.Wait()
	out, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	if queued != 2 || len(out) != 2 {
		t.Errorf("%d clicks at once queued %d (outbox %v), want 2: one per unit", clicks, queued, keys(out))
	}
}
