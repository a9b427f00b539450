package store_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

func TestLoginThrottle(t *testing.T) {
	s := storetest.Open(t)
	now := time.Now()
	s.Now = func() time.Time { return now }
	p := store.DefaultThrottle
	fail := func(user, addr string) error {
		t.Helper()
		return s.LoginFailed(ctx, p, user, addr)
	}
	// The free attempts pass; then each failure doubles the wait.
	for i := range p.Free {
		if err := fail("pnv", "192.0.2.1"); err != nil {
			t.Fatalf("failure %d: %v, want no delay yet", i+1, err)
		}
	}
	for i, want := range []string{"chờ 1 giây", "chờ 2 giây", "chờ 4 giây"} {
		err := fail("pnv", "192.0.2.1")
		if code(err) != tiendo.ETHROTTLED || !strings.Contains(tiendo.ErrorMessage(err), want) {
			t.Fatalf("failure %d: %v, want %q", p.Free+i+1, err, want)
		}
	}
	now = now.Add(4 * time.Second)
	if err := s.CheckLogin(ctx, p, "pnv", "192.0.2.1"); err != nil {
		t.Errorf("after waiting: %v, want allowed", err)
	}
	// Another username from another address is not slowed by pnv's failures.
	if err := s.CheckLogin(ctx, p, "cah", "192.0.2.2"); err != nil {
		t.Errorf("another user: %v", err)
	}
	// The lockout comes at UserLock failures within the window, and reads the
	// same for a username that exists and one that does not.
	for range p.UserLock - p.Free - 3 {
		now = now.Add(time.Second)
		fail("pnv", "192.0.2.1")
		fail("khongco", "192.0.2.3")
	}
	for range p.Free + 3 {
		fail("khongco", "192.0.2.3")
	}
	e1, e2 := s.CheckLogin(ctx, p, "pnv", "198.51.100.7"), s.CheckLogin(ctx, p, "khongco", "198.51.100.7")
	if e1 == nil || !strings.Contains(tiendo.ErrorMessage(e1), "tạm thời bị khóa") || tiendo.ErrorMessage(e1) != tiendo.ErrorMessage(e2) {
		t.Fatalf("after %d failures: %v / %v, want the same lockout message from any address", p.UserLock, e1, e2)
	}
	locks, err := s.LoginLocks(ctx, p)
	if err != nil || len(locks) == 0 || locks[0].LockedUntil.IsZero() {
		t.Fatalf("locks: %+v, %v; want locked ones first", locks, err)
	}
	// The admin lifts it, and the audit log says who.
	if err := s.LiftLoginLock(ctx, store.Actor{UserID: 0, Address: "10.0.0.1"}, "u:pnv"); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckLogin(ctx, p, "pnv", "198.51.100.7"); err != nil {
		t.Errorf("after the lock was lifted: %v", err)
	}
	if log, _ := s.AuditSearch(ctx, store.AuditFilter{Action: "login_unlock"}); len(log) != 1 || !strings.Contains(log[0].After, "pnv") {
		t.Errorf("unlock audit rows: %+v", log)
	}
	// Without the admin, the lock ends by itself.
	now = now.Add(p.LockFor + time.Second)
	if err := s.CheckLogin(ctx, p, "khongco", "198.51.100.7"); err != nil {
		t.Errorf("after LockFor: %v", err)
	}
	// A success forgets the username's failures.
	fail("cah", "192.0.2.9")
	if err := s.LoginSucceeded(ctx, "cah"); err != nil {
		t.Fatal(err)
	}
	if locks, _ := s.LoginLocks(ctx, p); containsKey(locks, "u:cah") {
		t.Errorf("cah's failures kept after a success")
	}
}

// Many usernames tried from one address lock that address.
func TestLoginThrottleByAddress(t *testing.T) {
	s := storetest.Open(t)
	now := time.Now()
	s.Now = func() time.Time { return now }
	p := store.DefaultThrottle
	p.AddrLock, p.AddrFree = 12, 5
	for i := range p.AddrLock {
		now = now.Add(time.Minute) // slower than any per-user delay
		s.LoginFailed(ctx, p, "nguoi"+string(rune('a'+i)), "203.0.113.5")
	}
	if err := s.CheckLogin(ctx, p, "moi", "203.0.113.5"); err == nil || !strings.Contains(tiendo.ErrorMessage(err), "tạm thời bị khóa") {
		t.Errorf("a new username from a locked address: %v, want locked", err)
	}
	if err := s.CheckLogin(ctx, p, "moi", "203.0.113.6"); err != nil {
		t.Errorf("another address: %v", err)
	}
}

func containsKey(locks []store.LoginLock, key string) bool {
	for _, l := range locks {
		if l.Key == key {
			return true
		}
	}
	return false
}

// Attempts counted at once while right logins forget the username's
// failures: each attempt takes the username's row and the address's in one
// order, even when a right login deletes the username's row between its
// insert and its read, so none waits on another in a circle (PostgreSQL
// reported "deadlock detected" when an attempt went on without the
// username's lock).
func TestReserveLoginAttemptWithLoginsSucceeding(t *testing.T) {
	s := storetest.Open(t)
	p := store.DefaultThrottle
	p.Free, p.UserLock, p.AddrFree, p.AddrLock = 1<<20, 1<<20, 1<<20, 1<<20
	const workers, rounds = 8, 40
	errs := make(chan error, workers*rounds*2)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range rounds {
				errs <- s.ReserveLoginAttempt(ctx, p, "pnv", "192.0.2.1")
				if w%2 == 0 {
					errs <- s.LoginSucceeded(ctx, "pnv")
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	noErrors(t, "an attempt counted while logins succeed", errs)
}
