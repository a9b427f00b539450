package store_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// roundAudit counts round id's audit rows of action.
func (f *fixture) roundAudit(t *testing.T, id int64, action string) int {
	t.Helper()
	rows, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: id, Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return len(rows)
}

// A round closed by two clicks at once (or from two instances) is closed
// once: one audit row, and the others are refused as already closed. On
// PostgreSQL each read the round open and each closed it again.
func TestCloseRoundAtOnce(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	won := race(t, "close", func(int) error {
		return f.s.CloseRound(ctx, store.Actor{UserID: f.office.ID}, r.ID)
	})
	if n := f.roundAudit(t, r.ID, "close"); won != 1 || n != 1 {
		t.Errorf("%d closings succeeded and %d were recorded, want 1 and 1", won, n)
	}
}

// A round locked by several clicks at once is locked once: the time it was
// locked is the first's, and one lock is recorded; unlocked at once, one
// unlock is recorded. On PostgreSQL each read the round as it was before
// the first, and each locked it again under its own time.
func TestLockRoundAtOnce(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(-time.Hour))
	for _, locked := range []bool{true, false} {
		action := map[bool]string{true: "lock", false: "unlock"}[locked]
		won := race(t, action, func(int) error {
			return f.s.LockRound(ctx, store.Actor{UserID: f.office.ID}, r.ID, locked)
		})
		if n := f.roundAudit(t, r.ID, action); won != 8 || n != 1 {
			t.Errorf("%d of 8 %ss succeeded and %d were recorded, want 8 and 1", won, action, n)
		}
	}
}

// The cut-off day set by two administrators at once: each audit row's
// "before" is the day the one before it set, never a day already replaced.
// On PostgreSQL both read the day before either, and the second recorded
// it as what it changed.
func TestSetCutoffDayAtOnce(t *testing.T) {
	f := newFixture(t)
	admin := &tiendo.User{Username: "quantri", Role: tiendo.RoleAdmin}
	if err := f.s.CreateUser(ctx, store.Actor{}, admin, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	const huyen = "Ủy ban nhân dân huyện Hữu Lũng"
	type setting struct {
		CutoffDay int `json:"cutoff_day"`
	}
	for round := range 3 {
		race(t, "cut-off setting", func(i int) error {
			return f.s.SetCutoffDay(ctx, store.Actor{}, admin, huyen, 2+round*8+i)
		})
	}
	last := auditChain[setting](t, f.s, "issuer_setting").CutoffDay
	if got, err := f.s.CutoffDay(ctx, huyen); err != nil || got != last {
		t.Errorf("cut-off day = %d (%v), the audit's last %d", got, err, last)
	}
}

// The own issuer set by two administrators at once: each audit row's
// "before" is the name the one before it set (as SetCutoffDay).
func TestSetOwnIssuerAtOnce(t *testing.T) {
	f := newFixture(t)
	admin := &tiendo.User{Username: "quantri", Role: tiendo.RoleAdmin}
	if err := f.s.CreateUser(ctx, store.Actor{}, admin, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	type setting struct {
		Name string `json:"name"`
	}
	for round := range 3 {
		race(t, "own issuer", func(i int) error {
			return f.s.SetOwnIssuer(ctx, store.Actor{}, admin, store.OwnIssuer{Name: fmt.Sprintf("Ủy ban nhân dân xã số %d", round*8+i)})
		})
	}
	last := auditChain[setting](t, f.s, "own_issuer").Name
	if o, err := f.s.OwnIssuer(ctx); err != nil || o.Name != last {
		t.Errorf("own issuer = %q (%v), the audit's last %q", o.Name, err, last)
	}
}

// The mailer expiring reminders past their time while the office extends
// the round's deadline, which expires the same reminders: both do, and
// neither fails. Each UPDATE locked its rows in the order of the index it
// read, the mailer's by time to send (outbox_ready), the extension's by
// unit (outbox_round_unit), and on PostgreSQL the two deadlocked (40P01).
// A small table is read whole, in one order; the store here is told to use
// the indexes, as PostgreSQL does for a large outbox.
func TestExpireBesideExtendDeadline(t *testing.T) {
	dsn := storetest.DSN(t)
	if strings.HasPrefix(dsn, "postgres") {
		dsn += "&enable_seqscan=off&enable_bitmapscan=off"
	}
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := fixtureOn(t, s)
	c := newClock(f.s, time.Date(2026, 6, 1, 9, 0, 0, 0, tiendo.Zone))
	deadline := tiendo.DeadlineBefore(2026, 6, 20)
	r := &tiendo.Round{Title: "Báo cáo tháng 6", Deadline: deadline, Status: tiendo.RoundOpen,
		Period:  tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2026, Index: 1},
		UnitIDs: []int64{f.a.ID, f.b.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Cải cách hành chính",
			Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{UserID: f.office.ID}, r); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		// Unit a's reminders come after unit b's: the orders of the two
		// indexes are opposite.
		var msgs []*store.Message
		now := c.Now()
		for j := range 100 {
			for _, u := range []*tiendo.Unit{f.a, f.b} {
				m := message(fmt.Sprintf("%d-%s-%d", i, u.Code, j), u.Code+"@huulung.example")
				m.RoundID, m.UnitID, m.ExpiresAt = r.ID, u.ID, now.Add(time.Minute)
				if u == f.a {
					m.NextAttemptAt = now.Add(30 * time.Second)
				}
				msgs = append(msgs, m)
			}
		}
		if _, err := f.s.Enqueue(ctx, msgs...); err != nil {
			t.Fatal(err)
		}
		c.Add(2 * time.Minute)
		deadline = deadline.AddDate(0, 0, 1)
		var wg sync.WaitGroup
		var claimErr, extendErr error
		wg.Go(func() { _, claimErr = f.s.ClaimMessages(ctx, "w", 5, time.Minute) })
		wg.Go(func() {
			extendErr = f.s.ExtendDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, deadline, "Chờ số liệu quý II")
		})
		wg.Wait()
		if claimErr != nil || extendErr != nil {
			t.Fatalf("round %d: the mailer: %v; the extension: %v", i, claimErr, extendErr)
		}
	}
	if counts, err := f.s.OutboxCounts(ctx); err != nil || counts[store.MessagePending] != 0 {
		t.Errorf("outbox = %v (%v), want nothing left pending", counts, err)
	}
}

// auditChain reads entity's audit rows oldest first, each with its before
// and after as a T, and fails for each row whose before is not the after of
// the row before it (the first's must be T's zero: nothing set); it returns
// the last row's after.
func auditChain[T comparable](t *testing.T, s *store.Store, entity string) T {
	t.Helper()
	entries, err := s.AuditLog(ctx, entity, 100)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(entries)
	var last T // nothing set
	for _, e := range entries {
		var before, after T
		if err := json.Unmarshal([]byte(e.Before), &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(e.After), &after); err != nil {
			t.Fatal(err)
		}
		if before != last {
			t.Errorf("audit %d: before = %+v, but the setting before it made %+v", e.ID, before, last)
		}
		last = after
	}
	return last
}
