package store_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// The queue page lists what needs someone first, failed messages, then
// those waiting, then what was skipped; each group newest first by when it
// was queued, even when the rows were not queued in time order (the
// planner queues reminders ahead; a restored backup, a clock put right).
func TestOutboxOrder(t *testing.T) {
	f := newFixture(t)
	day := func(d, h, m int) time.Time { return time.Date(2022, 6, d, h, m, 0, 0, tiendo.Zone) }
	c := newClock(f.s, day(7, 8, 0))
	queue := func(key, email string, at time.Time) {
		t.Helper()
		c.mu.Lock()
		c.t = at
		c.mu.Unlock()
		if _, err := f.s.Enqueue(ctx, message(key, email)); err != nil {
			t.Fatal(err)
		}
	}
	// In id order: as the walk found them, not in time order.
	queue("skip-0800", "", day(7, 8, 0))
	queue("wait-1300", "a@huulung.example", day(7, 13, 0))
	queue("skip-1200", "", day(8, 12, 0))
	queue("wait-1023", "b@huulung.example", day(6, 10, 23))
	queue("fail-0900", "c@huulung.example", day(6, 9, 0))
	queue("wait-0700", "d@huulung.example", day(8, 7, 0))

	// fail-0900 fails for good; the others stay pending.
	c.mu.Lock()
	c.t = day(8, 13, 0)
	c.mu.Unlock()
	claimed, err := f.s.ClaimMessages(ctx, "w", 10, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range claimed {
		if m.DedupeKey == "fail-0900" {
			if err := f.s.MarkFailed(ctx, m, errors.New("550 no such user"), true, store.DefaultRetry); err != nil {
				t.Fatal(err)
			}
		} else if err := f.s.MarkFailed(ctx, m, errors.New("451 busy"), false, store.DefaultRetry); err != nil {
			t.Fatal(err)
		}
	}

	got, err := f.s.Outbox(ctx, store.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range got {
		keys = append(keys, m.DedupeKey)
	}
	want := []string{"fail-0900", "wait-0700", "wait-1300", "wait-1023", "skip-1200", "skip-0800"}
	if fmt.Sprint(keys) != fmt.Sprint(want) {
		t.Errorf("outbox order = %v, want %v", keys, want)
	}

	// One status only keeps the order by time.
	got, err = f.s.Outbox(ctx, store.OutboxFilter{Statuses: []string{store.MessagePending}})
	if err != nil {
		t.Fatal(err)
	}
	keys = keys[:0]
	for _, m := range got {
		keys = append(keys, m.DedupeKey)
	}
	if want := []string{"wait-0700", "wait-1300", "wait-1023"}; fmt.Sprint(keys) != fmt.Sprint(want) {
		t.Errorf("pending = %v, want %v", keys, want)
	}
}
