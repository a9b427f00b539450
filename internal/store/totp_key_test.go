package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// newTOTPKey makes a key as `tiendo totp-key` writes one.
func newTOTPKey(t *testing.T) *store.TOTPKey {
	t.Helper()
	k, err := store.ParseTOTPKey([]byte(store.NewTOTPKeyText()))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// openTOTPStore opens the database dsn (storetest.DSN) with key k (nil:
// none) on clock c, and closes it when the test ends.
func openTOTPStore(t *testing.T, dsn string, k *store.TOTPKey, c *totpClock) *store.Store {
	t.Helper()
	s, err := store.Open(ctx, dsn, store.WithTOTPKey(k))
	if err != nil {
		t.Fatalf("open with key %v: %v", k != nil, err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = c.get
	return s
}

// addTOTPUsers adds office users named names to s and turns on their
// second factors; it returns the users, their keys and recovery codes.
func addTOTPUsers(t *testing.T, s *store.Store, c *totpClock, names ...string) ([]*tiendo.User, []string, [][]string) {
	t.Helper()
	var users []*tiendo.User
	var secrets []string
	var codes [][]string
	for _, name := range names {
		u := &tiendo.User{Username: name, Role: tiendo.RoleOffice}
		if err := s.CreateUser(ctx, store.Actor{}, u, totpPassword); err != nil {
			t.Fatal(err)
		}
		secret, rc := enrolTOTP(t, s, c, u)
		users, secrets, codes = append(users, u), append(secrets, secret), append(codes, rc)
	}
	return users, secrets, codes
}

func storedTOTP(t *testing.T, s *store.Store, userID int64) string {
	t.Helper()
	v, err := s.TOTPStored(ctx, userID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// wantKeyUnavailable checks that err is the clear error of a key the
// server cannot unwrap: the user's Vietnamese message, and a log line that
// names the setting.
func wantKeyUnavailable(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, store.ErrTOTPKeyUnavailable) {
		t.Fatalf("%s: %v, want ErrTOTPKeyUnavailable", what, err)
	}
	if code(err) != tiendo.EINTERNAL || !strings.Contains(tiendo.ErrorMessage(err), "báo cho quản trị hệ thống") {
		t.Errorf("%s: code %s, message %q: want internal (logged) and a message to contact the administrator", what, code(err), tiendo.ErrorMessage(err))
	}
	if !strings.Contains(err.Error(), "TIENDO_TOTP_KEY_FILE") {
		t.Errorf("%s: the log line %q does not name TIENDO_TOTP_KEY_FILE", what, err)
	}
}

func TestTOTPKeyWrapped(t *testing.T) {
	c := &totpClock{now: time.Date(2026, 11, 29, 8, 0, 10, 0, time.UTC)}
	s := openTOTPStore(t, storetest.DSN(t), newTOTPKey(t), c)
	u := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	if err := s.CreateUser(ctx, store.Actor{}, u, totpPassword); err != nil {
		t.Fatal(err)
	}
	secret, err := s.StartTwoFactor(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	stored := storedTOTP(t, s, u.ID)
	if !strings.HasPrefix(stored, "v1:") || strings.Contains(stored, secret) {
		t.Errorf("pending key stored as %q, want it wrapped (v1:...), not %q", stored, secret)
	}
	if tf, err := s.TwoFactor(ctx, u.ID); err != nil || tf.Pending != secret {
		t.Errorf("pending key shown as %q (%v), want %q", tf.Pending, err, secret)
	}
	if _, err := s.EnableTwoFactor(ctx, store.DefaultThrottle, store.Actor{UserID: u.ID}, u, totpCode(t, secret, c.now), ""); err != nil {
		t.Fatalf("enable with a wrapped key: %v", err)
	}
	stored = storedTOTP(t, s, u.ID)
	if !strings.HasPrefix(stored, "v1:") || strings.Contains(stored, secret) {
		t.Errorf("key stored as %q, want it wrapped", stored)
	}
	c.add(30 * time.Second)
	if err := s.CheckSecondFactor(ctx, store.DefaultThrottle, u, totpCode(t, secret, c.now), "192.0.2.1"); err != nil {
		t.Errorf("login code with a wrapped key: %v", err)
	}
	if err := s.CheckSecondFactor(ctx, store.DefaultThrottle, u, totpCode(t, secret, c.now.Add(time.Hour)), "192.0.2.1"); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("a wrong code with a wrapped key: %v, want unauthorized", err)
	}
}

func TestTOTPKeyWrapsClearOnOpen(t *testing.T) {
	dsn := storetest.DSN(t)
	c := &totpClock{now: time.Date(2026, 11, 29, 8, 0, 10, 0, time.UTC)}
	clear := openTOTPStore(t, dsn, nil, c)
	users, secrets, _ := addTOTPUsers(t, clear, c, "vanphong", "lanhdao")
	for i, u := range users {
		if got := storedTOTP(t, clear, u.ID); got != secrets[i] {
			t.Fatalf("without a key, stored %q, want the key in the clear", got)
		}
	}
	clear.Close()

	// Two instances start at once with the key: both open, and each key
	// is wrapped once.
	k := newTOTPKey(t)
	stores := make([]*store.Store, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = store.Open(ctx, dsn, store.WithTOTPKey(k)) })
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Fatalf("open %d with a key: %v", i, errs[i])
		}
		s.Now = c.get
		t.Cleanup(func() { s.Close() })
	}
	s := stores[0]
	wrapped := map[int64]string{}
	for i, u := range users {
		got := storedTOTP(t, s, u.ID)
		if !strings.HasPrefix(got, "v1:") || strings.Contains(got, secrets[i]) {
			t.Fatalf("after opening with a key, stored %q, want it wrapped", got)
		}
		wrapped[u.ID] = got
	}
	// Opening again changes nothing.
	again := openTOTPStore(t, dsn, k, c)
	for _, u := range users {
		if got := storedTOTP(t, again, u.ID); got != wrapped[u.ID] {
			t.Errorf("opening again rewrapped user %d's key: %q, was %q", u.ID, got, wrapped[u.ID])
		}
	}
	c.add(30 * time.Second)
	if err := s.CheckSecondFactor(ctx, store.DefaultThrottle, users[0], totpCode(t, secrets[0], c.now), "192.0.2.1"); err != nil {
		t.Errorf("login code after wrapping on open: %v", err)
	}
	// A key still in the clear (written by an instance without the key)
	// is read as it is until the next open wraps it.
	if err := s.SetTOTPStored(ctx, users[1].ID, secrets[1]); err != nil {
		t.Fatal(err)
	}
	if err := stores[1].CheckSecondFactor(ctx, store.DefaultThrottle, users[1], totpCode(t, secrets[1], c.now), "192.0.2.1"); err != nil {
		t.Errorf("login code of a key in the clear, with a key: %v", err)
	}
}

func TestTOTPKeyMissing(t *testing.T) {
	dsn := storetest.DSN(t)
	c := &totpClock{now: time.Date(2026, 11, 29, 8, 0, 10, 0, time.UTC)}
	withKey := openTOTPStore(t, dsn, newTOTPKey(t), c)
	users, secrets, recovery := addTOTPUsers(t, withKey, c, "vanphong")
	pendingUser := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader}
	if err := withKey.CreateUser(ctx, store.Actor{}, pendingUser, totpPassword); err != nil {
		t.Fatal(err)
	}
	pendingSecret, err := withKey.StartTwoFactor(ctx, pendingUser)
	if err != nil {
		t.Fatal(err)
	}
	withKey.Close()

	s := openTOTPStore(t, dsn, nil, c)
	u := users[0]
	c.add(30 * time.Second)
	wantKeyUnavailable(t, "login code without the key file",
		s.CheckSecondFactor(ctx, store.DefaultThrottle, u, totpCode(t, secrets[0], c.now), "192.0.2.1"))
	pending, err := s.StartPendingLogin(ctx, u.ID, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = s.FinishLogin(ctx, store.DefaultThrottle, pending, totpCode(t, secrets[0], c.now), "192.0.2.1", "test")
	wantKeyUnavailable(t, "login's second step without the key file", err)
	_, err = s.EnableTwoFactor(ctx, store.DefaultThrottle, store.Actor{UserID: pendingUser.ID}, pendingUser, totpCode(t, pendingSecret, c.now), "")
	wantKeyUnavailable(t, "confirming a wrapped pending key without the key file", err)
	// The pages that show the state still work: a pending key that cannot
	// be read is as none, and starting again replaces it.
	if tf, err := s.TwoFactor(ctx, pendingUser.ID); err != nil || tf.Pending != "" {
		t.Errorf("state of a wrapped pending key without the key file: %+v %v, want no pending key, no error", tf, err)
	}
	if tf, err := s.TwoFactor(ctx, u.ID); err != nil || !tf.Enabled {
		t.Errorf("state without the key file: %+v %v, want on, no error", tf, err)
	}
	// A recovery code needs no key; the administrator can turn it off.
	if err := s.CheckSecondFactor(ctx, store.DefaultThrottle, u, recovery[0][0], "192.0.2.1"); err != nil {
		t.Errorf("recovery code without the key file: %v", err)
	}
	if err := s.ResetTwoFactor(ctx, store.Actor{}, u.ID); err != nil {
		t.Errorf("admin turns the second factor off without the key file: %v", err)
	}
}

func TestTOTPKeyWrong(t *testing.T) {
	dsn := storetest.DSN(t)
	c := &totpClock{now: time.Date(2026, 11, 29, 8, 0, 10, 0, time.UTC)}
	s := openTOTPStore(t, dsn, newTOTPKey(t), c)
	users, secrets, _ := addTOTPUsers(t, s, c, "vanphong", "lanhdao")
	// The second user's key wrapped with another key than the server's.
	if err := s.SetTOTPStored(ctx, users[1].ID, store.WrapTOTP(newTOTPKey(t), users[1].ID, secrets[1])); err != nil {
		t.Fatal(err)
	}
	c.add(30 * time.Second)
	wantKeyUnavailable(t, "login code of a key wrapped with another key",
		s.CheckSecondFactor(ctx, store.DefaultThrottle, users[1], totpCode(t, secrets[1], c.now), "192.0.2.1"))
	if err := s.CheckSecondFactor(ctx, store.DefaultThrottle, users[0], totpCode(t, secrets[0], c.now), "192.0.2.1"); err != nil {
		t.Errorf("login code of the other user: %v", err)
	}
	s.Close()

	// A key file that opens none of the wrapped keys stops the start: the
	// keys in the clear must not be wrapped with a wrong key.
	_, err := store.Open(ctx, dsn, store.WithTOTPKey(newTOTPKey(t)))
	if err == nil || !strings.Contains(err.Error(), "TIENDO_TOTP_KEY_FILE") {
		t.Errorf("open with a key that opens no wrapped key: %v, want refused, naming TIENDO_TOTP_KEY_FILE", err)
	}
}

func TestTOTPKeyMovedToAnotherUser(t *testing.T) {
	c := &totpClock{now: time.Date(2026, 11, 29, 8, 0, 10, 0, time.UTC)}
	s := openTOTPStore(t, storetest.DSN(t), newTOTPKey(t), c)
	users, secrets, _ := addTOTPUsers(t, s, c, "vanphong", "lanhdao")
	// Someone who can write the database copies the first user's wrapped
	// key, whose codes they know, into the second user's row.
	if err := s.SetTOTPStored(ctx, users[1].ID, storedTOTP(t, s, users[0].ID)); err != nil {
		t.Fatal(err)
	}
	c.add(30 * time.Second)
	wantKeyUnavailable(t, "the first user's code for the second user, whose row holds the first's wrapped key",
		s.CheckSecondFactor(ctx, store.DefaultThrottle, users[1], totpCode(t, secrets[0], c.now), "192.0.2.1"))
}

func TestTOTPKeyFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct{ name, path string }{
		{"missing", filepath.Join(dir, "none.key")},
		{"empty", write("empty.key", "\n")},
		{"not base64", write("text.key", "mật khẩu của tôi\n")},
		{"16 bytes", write("short.key", "AAECAwQFBgcICQoLDA0ODw==\n")},
		{"64 bytes", write("long.key", strings.Repeat("A", 86)+"==\n")},
	} {
		if _, err := store.ReadTOTPKeyFile(tc.path); err == nil || !strings.Contains(err.Error(), "TIENDO_TOTP_KEY_FILE") {
			t.Errorf("%s key file: %v, want refused, naming TIENDO_TOTP_KEY_FILE", tc.name, err)
		}
	}
	// What `openssl rand -base64 32` writes, and what tiendo totp-key does.
	for _, text := range []string{"q2YlKh0mYcJ3v6ivMZf7TQbq9Yb3N0QJmJp1SrwG0jY=\n", store.NewTOTPKeyText()} {
		if _, err := store.ReadTOTPKeyFile(write("good.key", text)); err != nil {
			t.Errorf("key file %q: %v", text, err)
		}
	}
}
