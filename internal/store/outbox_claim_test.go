package store_test

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// bigOutbox is a store whose outbox is a year's at national scale, as the
// mailer finds it in a rush: sent rows by the hundred thousand, a round's
// reminders due now, some due later, some whose sender's lease ran out,
// and the rest of a year's failed, cancelled, expired and skipped rows.
type bigOutbox struct {
	st    *store.Store
	clock *clock
	add   func(n int) error // queues n more reminders due now
}

// outboxShape is how many rows of each kind newBigOutbox writes.
type outboxShape struct {
	Sent, DueNow, DueLater, LeaseOver, Other int
}

func newBigOutbox(tb testing.TB, shape outboxShape) *bigOutbox {
	tb.Helper()
	st := storetest.Open(tb)
	r, _ := storetest.Fill(tb, st, 100, 1, 0)
	states, err := st.ReportStates(ctx, r.ID)
	if err != nil {
		tb.Fatal(err)
	}
	var units []int64
	for id := range states {
		units = append(units, id)
	}
	slices.Sort(units)
	if units[len(units)-1]-units[0] != int64(len(units)-1) {
		tb.Fatalf("unit ids %d...%d are not %d in a row", units[0], units[len(units)-1], len(units))
	}
	now := time.Now().UTC().Truncate(time.Second)
	c := newClock(st, now)
	batches := 0
	fill := func(n int, status string, next, claimedUntil time.Time, step time.Duration) {
		tb.Helper()
		for n > 0 {
			k := min(n, 1000)
			batches++
			if err := st.FillOutbox(ctx, store.OutboxRows{N: k, Key: fmt.Sprintf("bench:%d:", batches), Kind: store.KindReminderDue, Status: status,
				RoundID: r.ID, FirstUnit: units[0], Units: len(units), NextAttemptAt: next, ClaimedUntil: claimedUntil}); err != nil {
				tb.Fatal(err)
			}
			n -= k
			next = next.Add(step)
		}
	}
	// The past year, a thousand rows a minute; then the reminders of a
	// national round, queued by one pass of the planner (one time to
	// send), and the next ones for later today.
	fill(shape.Sent, store.MessageSent, now.AddDate(-1, 0, 0), time.Time{}, time.Minute)
	for i, status := range []string{store.MessageFailed, store.MessageCancelled, store.MessageExpired, store.MessageSkipped} {
		fill(shape.Other/4, status, now.AddDate(0, -6, i), time.Time{}, time.Minute)
	}
	fill(shape.LeaseOver, store.MessageSending, now.Add(-time.Hour), now.Add(-30*time.Minute), time.Minute)
	fill(shape.DueNow, store.MessagePending, now.Add(-time.Minute), time.Time{}, 0)
	fill(shape.DueLater, store.MessagePending, now.Add(2*time.Hour), time.Time{}, time.Minute)
	if err := st.Analyze(ctx); err != nil {
		tb.Fatal(err)
	}
	return &bigOutbox{st: st, clock: c, add: func(n int) error {
		batches++
		return st.FillOutbox(ctx, store.OutboxRows{N: n, Key: fmt.Sprintf("bench:%d:", batches), Kind: store.KindReminderDue, Status: store.MessagePending,
			RoundID: r.ID, FirstUnit: units[0], Units: len(units), NextAttemptAt: c.Now().UTC()})
	}}
}

// BenchmarkClaimMessages is the mailer's claim of 50 messages from an
// outbox of 200,000 sent rows, 20,000 due now, 5,000 due later, 500 whose
// lease ran out and 10,000 failed, cancelled, expired or skipped. Between
// ops (not timed) the claimed rows are marked sent and as many new ones
// queued, so the queue keeps its length while the sent rows grow. Run with
// -v to see the plans of the claim's two statements.
func BenchmarkClaimMessages(b *testing.B) {
	o := newBigOutbox(b, outboxShape{Sent: 200_000, DueNow: 20_000, DueLater: 5_000, LeaseOver: 500, Other: 10_000})
	if testing.Verbose() {
		expire, claim, err := o.st.ExplainClaim(ctx, 50)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("expire and cancel:\n%s\nclaim:\n%s", expire, claim)
	}
	b.ResetTimer()
	for b.Loop() {
		msgs, err := o.st.ClaimMessages(ctx, "bench", 50, time.Minute)
		if err != nil {
			b.Fatal(err)
		}
		if len(msgs) != 50 {
			b.Fatalf("claimed %d messages, want 50", len(msgs))
		}
		b.StopTimer()
		ids := make([]int64, len(msgs))
		for i, m := range msgs {
			ids[i] = m.ID
		}
		if err := o.st.SetMessageStatus(ctx, store.MessageSent, ids...); err != nil {
			b.Fatal(err)
		}
		if err := o.add(len(msgs)); err != nil {
			b.Fatal(err)
		}
		o.clock.Add(time.Millisecond)
		b.StartTimer()
	}
}

// TestClaimReadsOnlyWhatItTakes checks the plans of a claim's two
// statements on an outbox where one pass of the planner queued thousands of
// reminders for one time: each reads about the rows it takes, not every
// pending row (which cost a claim tens of milliseconds at national scale,
// BenchmarkClaimMessages). On PostgreSQL no scan of the outbox may return
// more than twice the limit; on SQLite, which gives no counts, no read of
// the outbox may be bounded by its status alone.
func TestClaimReadsOnlyWhatItTakes(t *testing.T) {
	const limit = 20
	o := newBigOutbox(t, outboxShape{Sent: 3000, DueNow: 3000, DueLater: 500, LeaseOver: 50, Other: 400})
	expire, claim, err := o.st.ExplainClaim(ctx, limit)
	if err != nil {
		t.Fatal(err)
	}
	scan := regexp.MustCompile(`Scan .*on outbox.*\(actual .* rows=(\d+) loops=(\d+)\)`)
	for name, plan := range map[string]string{"expire and cancel": expire, "claim": claim} {
		for line := range strings.Lines(plan) {
			if strings.Contains(line, "SCAN outbox") || strings.Contains(line, "(status=?)") {
				t.Errorf("%s reads every pending row: %s\nplan:\n%s", name, strings.TrimSpace(line), plan)
			}
			if m := scan.FindStringSubmatch(line); m != nil {
				rows, _ := strconv.Atoi(m[1])
				loops, _ := strconv.Atoi(m[2])
				if rows*loops > 2*limit {
					t.Errorf("%s reads %d rows of the outbox to claim %d: %s\nplan:\n%s", name, rows*loops, limit, strings.TrimSpace(line), plan)
				}
			}
		}
	}
	// And the claim still takes the first rows due.
	msgs, err := o.st.ClaimMessages(ctx, "w", limit, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != limit {
		t.Errorf("claimed %d messages, want %d", len(msgs), limit)
	}
}
