package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"tiendo"
)

// ThrottlePolicy says how failed logins slow down and then lock further
// attempts. Failures are counted per username and per client address in the
// database, so every instance sharing it sees the same counts. A username
// that does not exist is counted like one that does: the answers reveal
// nothing.
type ThrottlePolicy struct {
	Window   time.Duration // failures older than this are forgotten
	Free     int           // failures before any delay
	MaxDelay time.Duration // the delay doubles from one second up to this
	// UserLock and AddrLock are the failures within Window that lock the
	// username or the address for LockFor (the admin can lift it sooner).
	// An address is allowed far more: a commune office shares one.
	UserLock, AddrLock int
	AddrFree           int
	LockFor            time.Duration
}

// DefaultThrottle is the policy the server uses.
var DefaultThrottle = ThrottlePolicy{
	Window: 15 * time.Minute, Free: 3, MaxDelay: time.Minute,
	UserLock: 10, AddrFree: 20, AddrLock: 100, LockFor: 30 * time.Minute,
}

func userKey(username string) string {
	// Cleaned as text is stored (nfc) and cut short: a username is at most
	// 40 characters (usernameRE), and PostgreSQL refuses NUL and broken
	// UTF-8, and an index entry of a megabyte, with an error. Names that
	// long are no one's; their attempts are counted under the first part.
	name := strings.ToLower(nfc(username))
	if len(name) > maxUserKey {
		name = strings.ToValidUTF8(name[:maxUserKey], "")
	}
	return "u:" + name
}

// maxUserKey is how many bytes of a username its throttle key keeps.
const maxUserKey = 200

func addrKey(address string) string { return "a:" + address }

// UsernameLockKey is the key LoginLocks gives, and LiftLoginLock takes, for
// a username's failed logins.
func UsernameLockKey(username string) string { return userKey(username) }

type failures struct {
	count       int
	first, last time.Time
	lockedUntil time.Time
	free        int // failures allowed before any delay
}

// wait is how long the next attempt must wait after these failures.
func (p ThrottlePolicy) wait(f failures, now time.Time) time.Duration {
	if now.Before(f.lockedUntil) {
		return f.lockedUntil.Sub(now)
	}
	if now.Sub(f.first) > p.Window || f.count <= f.free {
		return 0
	}
	d := time.Duration(math.Pow(2, float64(min(f.count-f.free-1, 30)))) * time.Second
	return max(0, f.last.Add(min(d, p.MaxDelay)).Sub(now))
}

func (s *Store) failures(ctx context.Context, db queryer, key string) (failures, bool, error) {
	var f failures
	var locked sql.NullTime
	err := db.QueryRowContext(ctx, s.q(`SELECT failures, first_at, last_at, locked_until FROM login_failures WHERE key = ?`), key).
		Scan(&f.count, &f.first, &f.last, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	} else if err != nil {
		return f, false, fmt.Errorf("store: login failures: %w", err)
	}
	f.lockedUntil = locked.Time
	return f, true, nil
}

// loginThrottled is the error for an attempt made too soon or while locked.
// Its message is the same whether or not the username exists. The code is
// EUNAUTHORIZED: package tiendo has no "too many requests" code yet, and a
// caller that wants 429 knows it asked CheckLogin.
func loginThrottled(wait time.Duration, locked bool) error {
	if locked {
		return tiendo.Errorf(tiendo.ETHROTTLED, "Đăng nhập tạm thời bị khóa vì nhập sai quá nhiều lần. Vui lòng thử lại sau %d phút, hoặc liên hệ quản trị hệ thống để được mở khóa.",
			int(math.Ceil(wait.Minutes())))
	}
	return tiendo.Errorf(tiendo.ETHROTTLED, "Bạn đã nhập sai nhiều lần. Vui lòng chờ %d giây rồi thử lại.", int(math.Ceil(wait.Seconds())))
}

// CheckLogin says whether a login for username from address may be tried
// now: nil, or a tiendo.ETHROTTLED error saying how long to wait.
func (s *Store) CheckLogin(ctx context.Context, p ThrottlePolicy, username, address string) error {
	now := s.now()
	var longest time.Duration
	locked := false
	for _, k := range []struct {
		key  string
		free int
	}{{userKey(username), p.Free}, {addrKey(address), p.AddrFree}} {
		f, ok, err := s.failures(ctx, s.rdb, k.key)
		if err != nil || !ok {
			if err != nil {
				return err
			}
			continue
		}
		f.free = k.free
		if w := p.wait(f, now); w > longest {
			longest, locked = w, now.Before(f.lockedUntil)
		}
	}
	if longest > 0 {
		return loginThrottled(longest, locked)
	}
	return nil
}

// LoginFailed counts a failed login for username and address, locking
// either when it reaches its limit within the window. It returns the
// throttling error the next attempt would get, if any.
func (s *Store) LoginFailed(ctx context.Context, p ThrottlePolicy, username, address string) error {
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		keys, err := s.lockFailures(ctx, tx, p, username, address, now)
		if err != nil {
			return err
		}
		return s.countFailures(ctx, tx, p, keys, address, now)
	})
	if err != nil {
		return err
	}
	return s.CheckLogin(ctx, p, username, address)
}

// ReserveLoginAttempt counts an attempt for username and address before
// it is checked, and refuses it (tiendo.ETHROTTLED, nothing counted) while
// either must wait or is locked. Reading the counts and counting the
// attempt are one transaction over the locked rows, so attempts sent at
// once are counted one by one: the lock holds however many arrive
// together. A second factor's code, cheap to check, goes through it
// (CheckSecondFactor); a right one then forgets the username's failures
// (LoginSucceeded), as a right password does.
func (s *Store) ReserveLoginAttempt(ctx context.Context, p ThrottlePolicy, username, address string) error {
	now := s.now()
	var refused error
	err := s.tx(ctx, func(tx *sql.Tx) error {
		keys, err := s.lockFailures(ctx, tx, p, username, address, now)
		if err != nil {
			return err
		}
		var longest time.Duration
		locked := false
		for _, k := range keys {
			if w := p.wait(k.f, now); w > longest {
				longest, locked = w, now.Before(k.f.lockedUntil)
			}
		}
		if longest > 0 {
			refused = loginThrottled(longest, locked)
			return nil
		}
		return s.countFailures(ctx, tx, p, keys, address, now)
	})
	if err != nil {
		return err
	}
	return refused
}

// failureKey is a username's or an address's failures, as read in a
// transaction that counts them, with the limits they are held to.
type failureKey struct {
	key    string
	lockAt int
	f      failures
}

// lockFailures reads, with their rows locked, the failures of username and
// address; a lock that has run out, or failures older than the window,
// start the count again.
func (s *Store) lockFailures(ctx context.Context, tx *sql.Tx, p ThrottlePolicy, username, address string, now time.Time) ([]failureKey, error) {
	keys := []failureKey{{key: userKey(username), lockAt: p.UserLock}, {key: addrKey(address), lockAt: p.AddrLock}}
	frees := []int{p.Free, p.AddrFree}
	for i := range keys {
		k := &keys[i]
		// One statement makes the row or locks the one there. An insert
		// that found it, then a locking read, would find nothing if a
		// right login deleted it in between (LoginSucceeded) and go on
		// without its lock, so that two attempts took the address's lock
		// and the username's in opposite orders (PostgreSQL: deadlock).
		var f failures
		var locked sql.NullTime
		if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO login_failures (key, failures, first_at, last_at) VALUES (?, 0, ?, ?)
			ON CONFLICT (key) DO UPDATE SET key = excluded.key
			RETURNING failures, first_at, last_at, locked_until`), k.key, now, now).
			Scan(&f.count, &f.first, &f.last, &locked); err != nil {
			return nil, fmt.Errorf("store: login failures: %w", err)
		}
		f.lockedUntil = locked.Time
		if expired := !f.lockedUntil.IsZero() && !now.Before(f.lockedUntil); expired || (f.lockedUntil.IsZero() && now.Sub(f.first) > p.Window) {
			f.count, f.first, f.lockedUntil = 0, now, time.Time{}
		}
		f.free = frees[i]
		k.f = f
	}
	return keys, nil
}

// countFailures adds one failure to each of keys, locking and auditing
// those that reach their limit.
func (s *Store) countFailures(ctx context.Context, tx *sql.Tx, p ThrottlePolicy, keys []failureKey, address string, now time.Time) error {
	for _, k := range keys {
		f := k.f
		f.count++
		var locked any
		if !f.lockedUntil.IsZero() {
			locked = f.lockedUntil
		}
		lockedNow := f.count >= k.lockAt && f.lockedUntil.IsZero()
		if lockedNow {
			locked = now.Add(p.LockFor)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE login_failures SET failures = ?, first_at = ?, last_at = ?, locked_until = ? WHERE key = ?`),
			f.count, f.first, now, locked, k.key); err != nil {
			return fmt.Errorf("store: login failed: %w", err)
		}
		if lockedNow {
			kind, who, _ := strings.Cut(k.key, ":")
			if err := s.audit(ctx, tx, Actor{Address: address}, "login_locked", map[string]string{"u": "username", "a": "address"}[kind], 0,
				nil, map[string]string{"key": who}); err != nil {
				return err
			}
		}
	}
	return nil
}

// LoginSucceeded forgets the username's failures. The address's stay until
// the window ends, so that one working account does not reset the count of
// guesses made from that address against others.
func (s *Store) LoginSucceeded(ctx context.Context, username string) error {
	if err := s.execWrite(ctx, s.q(`DELETE FROM login_failures WHERE key = ? AND locked_until IS NULL`), userKey(username)); err != nil {
		return fmt.Errorf("store: login succeeded: %w", err)
	}
	return nil
}

// LoginLock is a username or address locked out, or being slowed down.
type LoginLock struct {
	Key         string // as stored: "u:name" or "a:address"
	Username    string // set for a username
	Address     string // set for an address
	Failures    int
	LastAt      time.Time
	LockedUntil time.Time // zero: slowed down, not locked
}

// LoginLocks returns the usernames and addresses with failed logins in the
// window, locked ones first.
func (s *Store) LoginLocks(ctx context.Context, p ThrottlePolicy) ([]LoginLock, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT key, failures, first_at, last_at, locked_until FROM login_failures ORDER BY last_at DESC LIMIT 500`)
	if err != nil {
		return nil, fmt.Errorf("store: login locks: %w", err)
	}
	defer rows.Close()
	now := s.now()
	var locked, slowed []LoginLock
	for rows.Next() {
		var l LoginLock
		var first time.Time
		var until sql.NullTime
		if err := rows.Scan(&l.Key, &l.Failures, &first, &l.LastAt, &until); err != nil {
			return nil, fmt.Errorf("store: login locks: %w", err)
		}
		if until.Valid && now.Before(until.Time) {
			l.LockedUntil = until.Time
		} else if now.Sub(first) > p.Window {
			continue
		}
		kind, who, _ := strings.Cut(l.Key, ":")
		if kind == "u" {
			l.Username = who
		} else {
			l.Address = who
		}
		if l.LockedUntil.IsZero() {
			slowed = append(slowed, l)
		} else {
			locked = append(locked, l)
		}
	}
	return append(locked, slowed...), rows.Err()
}

// LiftLoginLock clears a lockout (and the failures behind it) for the key
// LoginLocks gave, and records who lifted it.
func (s *Store) LiftLoginLock(ctx context.Context, actor Actor, key string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM login_failures WHERE key = ?`), key)
		if err != nil {
			return fmt.Errorf("store: lift login lock: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return tiendo.Errorf(tiendo.ENOTFOUND, "Không có khóa đăng nhập nào cho %q; có thể nó đã hết hạn.", key)
		}
		kind, who, _ := strings.Cut(key, ":")
		return s.audit(ctx, tx, actor, "login_unlock", map[string]string{"u": "username", "a": "address"}[kind], 0, nil, map[string]string{"key": who})
	})
}

// Login checks a username and password from address, throttled: a locked
// username or address is refused before any password work (ETHROTTLED); a
// wrong password is counted and refused (EUNAUTHORIZED, with how long the
// next attempt must wait when it must); a right one clears the count. The
// pages and the API both log in through it. For an account whose second
// factor is on, the user comes back with TwoFactor set and the count kept:
// the caller must still check a code (CheckSecondFactor, FinishLogin).
func (s *Store) Login(ctx context.Context, p ThrottlePolicy, username, pw, address string) (*tiendo.User, error) {
	return s.login(ctx, p, username, pw, address, true)
}

// Reauthenticate checks the password of a user who is logged in already,
// typed with a second-factor code to turn the factor on or off: throttled
// as Login is, but a right password leaves the username's failures
// counted, whether or not the factor is on. The code is counted there too
// (EnableTwoFactor, CheckSecondFactor), and a right one clears them; were
// the password typed with each guess to clear them, the guesses would
// never be slowed down.
func (s *Store) Reauthenticate(ctx context.Context, p ThrottlePolicy, username, pw, address string) (*tiendo.User, error) {
	return s.login(ctx, p, username, pw, address, false)
}

func (s *Store) login(ctx context.Context, p ThrottlePolicy, username, pw, address string, clear bool) (*tiendo.User, error) {
	if err := s.CheckLogin(ctx, p, username, address); err != nil {
		return nil, err
	}
	u, err := s.Authenticate(ctx, username, pw)
	if tiendo.ErrorCode(err) == tiendo.EUNAUTHORIZED {
		msg := tiendo.ErrorMessage(err)
		if terr := s.LoginFailed(ctx, p, username, address); tiendo.ErrorCode(terr) == tiendo.ETHROTTLED {
			msg += " " + tiendo.ErrorMessage(terr)
		} else if terr != nil {
			return nil, terr
		}
		return nil, tiendo.Errorf(tiendo.EUNAUTHORIZED, "%s", msg)
	} else if err != nil {
		return nil, err
	}
	// With a second factor on, the password alone is half a login: the
	// username's failures stay counted until the code is right too
	// (CheckSecondFactor), or else the right password would clear the
	// count of wrong codes before each new round of guesses.
	if u.TwoFactor, err = s.twoFactorOn(ctx, u.ID); err != nil {
		return nil, err
	}
	if u.TwoFactor || !clear {
		return u, nil
	}
	if err := s.LoginSucceeded(ctx, username); err != nil {
		return nil, err
	}
	return u, nil
}
