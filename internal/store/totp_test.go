package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// totpCode is the code an authenticator app shows for secret at t.
func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// totpClock is a store clock a test moves by hand.
type totpClock struct{ now time.Time }

func (c *totpClock) get() time.Time                 { return c.now }
func (c *totpClock) add(d time.Duration) *totpClock { c.now = c.now.Add(d); return c }

// enrolTOTP turns on u's second factor and returns its key and recovery codes.
func enrolTOTP(t *testing.T, s *store.Store, c *totpClock, u *tiendo.User) (string, []string) {
	t.Helper()
	secret, err := s.StartTwoFactor(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	codes, err := s.EnableTwoFactor(ctx, store.DefaultThrottle, store.Actor{UserID: u.ID}, u, totpCode(t, secret, c.now), "")
	if err != nil {
		t.Fatal(err)
	}
	return secret, codes
}

// totpPassword is the password of the users the second-factor tests make.
const totpPassword = "một mật khẩu đủ dài"

// totpStore opens a store on a clock the test moves by hand.
func totpStore(t *testing.T) (*store.Store, *totpClock) {
	t.Helper()
	s := storetest.Open(t)
	c := &totpClock{now: time.Date(2026, 11, 29, 8, 0, 10, 0, time.UTC)}
	s.Now = c.get
	return s, c
}

// totpUser makes a user of role on a fresh store (totpStore) and turns on
// its second factor; it returns the key and recovery codes too.
func totpUser(t *testing.T, username string, role tiendo.Role) (*store.Store, *totpClock, *tiendo.User, string, []string) {
	t.Helper()
	s, c := totpStore(t)
	u := &tiendo.User{Username: username, Role: role}
	if err := s.CreateUser(ctx, store.Actor{}, u, totpPassword); err != nil {
		t.Fatal(err)
	}
	secret, codes := enrolTOTP(t, s, c, u)
	return s, c, u, secret, codes
}

func auditActions(t *testing.T, s *store.Store) []string {
	t.Helper()
	rows, err := s.AuditLog(ctx, "user", 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r.Action)
	}
	return out
}

func TestTwoFactorEnrol(t *testing.T) {
	s, c := totpStore(t)
	office := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	reader := &tiendo.User{Username: "huyenuy", Role: tiendo.RoleReader}
	for _, u := range []*tiendo.User{office, reader} {
		if err := s.CreateUser(ctx, store.Actor{}, u, totpPassword); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.StartTwoFactor(ctx, reader); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reader sets up a second factor: %v, want forbidden", err)
	}
	secret, err := s.StartTwoFactor(ctx, office)
	if err != nil {
		t.Fatal(err)
	}
	if tf, _ := s.TwoFactor(ctx, office.ID); tf.Enabled || tf.Pending != secret {
		t.Errorf("after start: %+v, want a pending key, not on", tf)
	}
	// Before a right code, it is not on: a password logs in alone.
	if u, err := s.Login(ctx, store.DefaultThrottle, "vanphong", "một mật khẩu đủ dài", "192.0.2.1"); err != nil || u.TwoFactor {
		t.Errorf("login while pending: %+v %v, want the password enough", u, err)
	}
	wrong := totpCode(t, secret, c.now.Add(10*time.Minute))
	if _, err := s.EnableTwoFactor(ctx, store.DefaultThrottle, store.Actor{}, office, wrong, ""); code(err) != tiendo.EINVALID {
		t.Fatalf("enable with a wrong code: %v, want invalid", err)
	}
	if tf, _ := s.TwoFactor(ctx, office.ID); tf.Enabled {
		t.Fatalf("a wrong code turned it on")
	}
	codes, err := s.EnableTwoFactor(ctx, store.DefaultThrottle, store.Actor{UserID: office.ID}, office, totpCode(t, secret, c.now), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != store.RecoveryCodes {
		t.Errorf("%d recovery codes, want %d", len(codes), store.RecoveryCodes)
	}
	seen := map[string]bool{}
	for _, rc := range codes {
		if len(rc) != 11 || rc[5] != '-' || seen[rc] {
			t.Errorf("recovery code %q: want ten letters in two groups, each different", rc)
		}
		seen[rc] = true
	}
	tf, err := s.TwoFactor(ctx, office.ID)
	if err != nil || !tf.Enabled || tf.Pending != "" || tf.RecoveryLeft != store.RecoveryCodes {
		t.Errorf("after enable: %+v %v", tf, err)
	}
	if _, err := s.StartTwoFactor(ctx, office); code(err) != tiendo.ECONFLICT {
		t.Errorf("start again while on: %v, want conflict (the key in use stays)", err)
	}
	// Neither the key nor a recovery code is in the audit log.
	rows, _ := s.AuditLog(ctx, "user", 100)
	for _, r := range rows {
		for _, secretish := range append([]string{secret}, codes...) {
			if strings.Contains(r.Before+r.After, secretish) {
				t.Errorf("audit row %s holds a secret: %s %s", r.Action, r.Before, r.After)
			}
		}
	}
	if got := auditActions(t, s); !strings.Contains(strings.Join(got, " "), "totp_enable") {
		t.Errorf("audit: %v, want totp_enable", got)
	}
}

func TestTwoFactorLogin(t *testing.T) {
	s, c, u, secret, recovery := totpUser(t, "lanhdao", tiendo.RoleLeader)
	const pw = totpPassword
	c.add(time.Minute)

	lu, err := s.Login(ctx, store.DefaultThrottle, "lanhdao", pw, "192.0.2.1")
	if err != nil || !lu.TwoFactor {
		t.Fatalf("login: %+v %v, want the second step asked for", lu, err)
	}
	pending, err := s.StartPendingLogin(ctx, lu.ID, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	// A wrong code: refused, and counted.
	if _, _, err := s.FinishLogin(ctx, store.DefaultThrottle, pending, "000000", "192.0.2.1", "test"); code(err) != tiendo.EUNAUTHORIZED {
		t.Fatalf("wrong code: %v, want unauthorized", err)
	}
	good := totpCode(t, secret, c.now)
	_, session, err := s.FinishLogin(ctx, store.DefaultThrottle, pending, good, "192.0.2.1", "test")
	if err != nil {
		t.Fatalf("right code: %v", err)
	}
	if su, err := s.SessionUser(ctx, session); err != nil || su.ID != u.ID {
		t.Fatalf("session after the code: %v %v", su, err)
	}
	// The pending login is spent.
	if _, _, err := s.FinishLogin(ctx, store.DefaultThrottle, pending, good, "192.0.2.1", "test"); err != store.ErrPendingLoginExpired {
		t.Errorf("the same pending login again: %v, want it gone", err)
	}
	// The same code, within its 30 seconds, on a new login: refused.
	p2, _ := s.StartPendingLogin(ctx, u.ID, "192.0.2.1")
	if _, _, err := s.FinishLogin(ctx, store.DefaultThrottle, p2, good, "192.0.2.1", "test"); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("a code used again: %v, want refused", err)
	}
	// So is the code of the step before, once a later one was used.
	if err := s.CheckSecondFactor(ctx, store.DefaultThrottle, u, totpCode(t, secret, c.now.Add(-30*time.Second)), "192.0.2.1"); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("an older code after a newer one: %v, want refused", err)
	}
	// The next step's code is good, as a phone's totpClock a little ahead gives.
	if _, _, err := s.FinishLogin(ctx, store.DefaultThrottle, p2, totpCode(t, secret, c.now.Add(30*time.Second)), "192.0.2.1", "test"); err != nil {
		t.Errorf("the next step's code: %v", err)
	}

	// A recovery code works once, typed in capitals with spaces, and is audited.
	typed := strings.ToUpper(strings.Replace(recovery[3], "-", " ", 1))
	if err := s.CheckSecondFactor(ctx, store.DefaultThrottle, u, typed, "192.0.2.1"); err != nil {
		t.Fatalf("recovery code: %v", err)
	}
	if err := s.CheckSecondFactor(ctx, store.DefaultThrottle, u, recovery[3], "192.0.2.1"); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("the same recovery code again: %v, want refused", err)
	}
	if tf, _ := s.TwoFactor(ctx, u.ID); tf.RecoveryLeft != store.RecoveryCodes-1 {
		t.Errorf("recovery codes left: %d, want %d", tf.RecoveryLeft, store.RecoveryCodes-1)
	}
	if got := strings.Join(auditActions(t, s), " "); !strings.Contains(got, "totp_recovery_used") {
		t.Errorf("audit: %s, want totp_recovery_used", got)
	}

	// A pending login runs out after five minutes.
	p3, _ := s.StartPendingLogin(ctx, u.ID, "192.0.2.1")
	c.add(store.PendingLoginAge)
	if _, err := s.PendingLoginUser(ctx, p3); err != store.ErrPendingLoginExpired {
		t.Errorf("pending login after 5 minutes: %v, want expired", err)
	}
	if _, _, err := s.FinishLogin(ctx, store.DefaultThrottle, p3, totpCode(t, secret, c.now), "192.0.2.1", "test"); err != store.ErrPendingLoginExpired {
		t.Errorf("finish after 5 minutes: %v, want expired", err)
	}
}

// Wrong codes count as failed logins: the username locks at UserLock, and
// a right password in between does not clear the count.
func TestTwoFactorThrottled(t *testing.T) {
	s, c, u, secret, _ := totpUser(t, "admin2", tiendo.RoleAdmin)
	const pw = totpPassword
	p := store.DefaultThrottle
	var err error
	for i := 0; i < p.UserLock; i++ {
		c.add(61 * time.Second) // past every wait but the lock, within the window
		if _, lerr := s.Login(ctx, p, "admin2", pw, "192.0.2.9"); lerr != nil {
			err = lerr
			break
		}
		err = s.CheckSecondFactor(ctx, p, u, "999999", "192.0.2.9")
	}
	if code(err) != tiendo.ETHROTTLED && !strings.Contains(tiendo.ErrorMessage(err), "tạm thời bị khóa") {
		t.Fatalf("after %d wrong codes: %v, want the username locked", p.UserLock, err)
	}
	if err := s.CheckSecondFactor(ctx, p, u, totpCode(t, secret, c.now), "192.0.2.9"); code(err) != tiendo.ETHROTTLED {
		t.Errorf("a right code while locked: %v, want throttled", err)
	}
}

func TestTwoFactorOff(t *testing.T) {
	s, c := totpStore(t)
	const pw = totpPassword
	admin := &tiendo.User{Username: "quantri", Role: tiendo.RoleAdmin}
	u := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	for _, x := range []*tiendo.User{admin, u} {
		if err := s.CreateUser(ctx, store.Actor{}, x, pw); err != nil {
			t.Fatal(err)
		}
	}
	enrolTOTP(t, s, c, u)
	if err := s.ResetTwoFactor(ctx, store.Actor{UserID: admin.ID}, u.ID); err != nil {
		t.Fatal(err)
	}
	if lu, err := s.Login(ctx, store.DefaultThrottle, "vanphong", pw, "192.0.2.1"); err != nil || lu.TwoFactor {
		t.Errorf("login after the admin's reset: %+v %v, want the password enough", lu, err)
	}
	if err := s.ResetTwoFactor(ctx, store.Actor{UserID: admin.ID}, u.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("reset again: %v, want not found", err)
	}
	c.add(time.Minute)
	enrolTOTP(t, s, c, u)
	if err := s.DisableTwoFactor(ctx, store.Actor{UserID: u.ID}, u.ID); err != nil {
		t.Fatal(err)
	}
	if tf, _ := s.TwoFactor(ctx, u.ID); tf.Enabled || tf.RecoveryLeft != 0 {
		t.Errorf("after disable: %+v", tf)
	}
	rows, _ := s.AuditLog(ctx, "user", 100)
	var reset *store.AuditEntry
	got := []string{}
	for i, r := range rows {
		got = append(got, r.Action)
		if r.Action == "totp_reset" && reset == nil {
			reset = &rows[i]
		}
	}
	for _, want := range []string{"totp_enable", "totp_reset", "totp_disable"} {
		if !strings.Contains(strings.Join(got, " "), want) {
			t.Errorf("audit: %v, want %s", got, want)
		}
	}
	if reset == nil || reset.UserID != admin.ID || reset.EntityID != u.ID {
		t.Errorf("reset audit row: %+v, want the admin acting on the user", reset)
	}
}

// TestTwoFactorCodesAtOnce sends many wrong codes at once for one user, as
// a script holding the password would: each is counted before it is
// checked, so no more are checked than the lock allows, however many
// arrive together.
func TestTwoFactorCodesAtOnce(t *testing.T) {
	s, _, u, _, _ := totpUser(t, "lanhdao2", tiendo.RoleLeader)
	p := store.DefaultThrottle
	const n = 200
	results := make(chan error, n)
	var start sync.WaitGroup
	start.Add(1)
	for i := range n {
		go func() {
			start.Wait()
			results <- s.CheckSecondFactor(ctx, p, u, fmt.Sprintf("%06d", 100000+i), fmt.Sprintf("192.0.2.%d", i%200))
		}()
	}
	start.Done()
	checked, throttled := 0, 0
	for range n {
		switch err := <-results; code(err) {
		case tiendo.EUNAUTHORIZED:
			checked++
		case tiendo.ETHROTTLED:
			throttled++
		default:
			t.Errorf("a wrong code: %v", err)
		}
	}
	if checked > p.Free+1 || checked+throttled != n {
		t.Errorf("%d wrong codes sent at once: %d checked, %d throttled; want at most %d checked (the free tries, then a wait)", n, checked, throttled, p.Free+1)
	}
}

// Turning the factor on ends every other session of the user and revokes
// their API tokens, in the same transaction, and audits it; the session
// that turned it on stays.
func TestTwoFactorEnableEndsOtherSessions(t *testing.T) {
	s, c := totpStore(t)
	u := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	if err := s.CreateUser(ctx, store.Actor{}, u, totpPassword); err != nil {
		t.Fatal(err)
	}
	here, err := s.CreateSession(ctx, u.ID, "192.0.2.1", "here")
	if err != nil {
		t.Fatal(err)
	}
	elsewhere, err := s.CreateSession(ctx, u.ID, "198.51.100.7", "elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := s.CreateToken(ctx, u.ID, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	secret, err := s.StartTwoFactor(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	// A wrong code ends nothing.
	if _, err := s.EnableTwoFactor(ctx, store.DefaultThrottle, store.Actor{UserID: u.ID, Address: "192.0.2.1"}, u, totpCode(t, secret, c.now.Add(10*time.Minute)), here); code(err) != tiendo.EINVALID {
		t.Fatalf("wrong code: %v, want invalid", err)
	}
	if _, err := s.SessionUser(ctx, elsewhere); err != nil {
		t.Fatalf("a wrong code ended the other session: %v", err)
	}
	if _, err := s.EnableTwoFactor(ctx, store.DefaultThrottle, store.Actor{UserID: u.ID, Address: "192.0.2.1"}, u, totpCode(t, secret, c.now), here); err != nil {
		t.Fatal(err)
	}
	if su, err := s.SessionUser(ctx, here); err != nil || su.ID != u.ID {
		t.Errorf("the session that turned it on: %v %v, want it kept", su, err)
	}
	if _, err := s.SessionUser(ctx, elsewhere); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("another session after turning it on: %v, want it ended", err)
	}
	if _, err := s.TokenUser(ctx, token); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("an API token after turning it on: %v, want it revoked", err)
	}
	if list, _ := s.Sessions(ctx, u.ID, here); len(list) != 1 || !list[0].Current {
		t.Errorf("sessions left: %+v, want this one alone", list)
	}
	rows, _ := s.AuditLog(ctx, "user", 100)
	var ended *store.AuditEntry
	for i, r := range rows {
		if r.Action == "end_other_sessions" {
			ended = &rows[i]
		}
	}
	if ended == nil || ended.UserID != u.ID || ended.EntityID != u.ID || !strings.Contains(ended.After, `"sessions":1`) || !strings.Contains(ended.After, `"tokens":1`) {
		t.Errorf("audit: %+v, want end_other_sessions by the user, 1 session and 1 token", ended)
	}
}

// Codes sent at once for the setup are counted before they are checked,
// as a login's are: no more are checked than the throttle lets through,
// and a right code while throttled turns nothing on.
func TestTwoFactorEnableThrottled(t *testing.T) {
	s, c := totpStore(t)
	u := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader}
	if err := s.CreateUser(ctx, store.Actor{}, u, totpPassword); err != nil {
		t.Fatal(err)
	}
	secret, err := s.StartTwoFactor(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	p := store.DefaultThrottle
	const n = 50
	results := make(chan error, n)
	var start sync.WaitGroup
	start.Add(1)
	for i := range n {
		go func() {
			start.Wait()
			_, err := s.EnableTwoFactor(ctx, p, store.Actor{UserID: u.ID, Address: fmt.Sprintf("192.0.2.%d", i)}, u, fmt.Sprintf("%06d", 100000+i), "")
			results <- err
		}()
	}
	start.Done()
	checked, throttled := 0, 0
	for range n {
		switch err := <-results; code(err) {
		case tiendo.EINVALID:
			checked++
		case tiendo.ETHROTTLED:
			throttled++
			if !strings.Contains(tiendo.ErrorMessage(err), "Vui lòng chờ") {
				t.Errorf("throttled: %q, want it to say to wait", tiendo.ErrorMessage(err))
			}
		default:
			t.Errorf("a wrong setup code: %v", err)
		}
	}
	if checked > p.Free+1 || checked+throttled != n {
		t.Errorf("%d wrong setup codes at once: %d checked, %d throttled; want at most %d checked", n, checked, throttled, p.Free+1)
	}
	if _, err := s.EnableTwoFactor(ctx, p, store.Actor{UserID: u.ID, Address: "192.0.2.200"}, u, totpCode(t, secret, c.now), ""); code(err) != tiendo.ETHROTTLED {
		t.Errorf("a right setup code while throttled: %v, want throttled", err)
	}
	if tf, _ := s.TwoFactor(ctx, u.ID); tf.Enabled {
		t.Fatal("a right code while throttled turned it on")
	}
	// Once the wait is over, the right code turns it on and clears the count.
	c.add(p.MaxDelay + time.Second)
	if _, err := s.EnableTwoFactor(ctx, p, store.Actor{UserID: u.ID, Address: "192.0.2.200"}, u, totpCode(t, secret, c.now), ""); err != nil {
		t.Fatalf("the right code after the wait: %v", err)
	}
	if err := s.CheckLogin(ctx, p, u.Username, "192.0.2.201"); err != nil {
		t.Errorf("after the right code: %v, want the username's count cleared", err)
	}
}

// A pending login ends at the fifth wrong code: the password again. Four
// wrong codes leave it, and a right one then finishes it.
func TestTwoFactorPendingLoginWrongCodes(t *testing.T) {
	s, c, u, secret, _ := totpUser(t, "quantri", tiendo.RoleAdmin)
	c.add(time.Minute)
	// No waits between codes here: what ends the pending login is its own
	// count, not the username's throttle.
	p := store.DefaultThrottle
	p.Free, p.UserLock = 100, 200
	first, err := s.StartPendingLogin(ctx, u.ID, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < store.PendingLoginCodes; i++ {
		if _, _, err := s.FinishLogin(ctx, p, first, "000000", "192.0.2.1", "test"); code(err) != tiendo.EUNAUTHORIZED || err == store.ErrPendingLoginCodes {
			t.Fatalf("wrong code %d: %v, want refused", i, err)
		}
	}
	if _, _, err := s.FinishLogin(ctx, p, first, totpCode(t, secret, c.now), "192.0.2.1", "test"); err != nil {
		t.Fatalf("a right code after %d wrong ones: %v", store.PendingLoginCodes-1, err)
	}

	c.add(time.Minute)
	pending, err := s.StartPendingLogin(ctx, u.ID, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < store.PendingLoginCodes; i++ {
		if _, _, err := s.FinishLogin(ctx, p, pending, fmt.Sprintf("%06d", i), "192.0.2.1", "test"); code(err) != tiendo.EUNAUTHORIZED || err == store.ErrPendingLoginCodes {
			t.Fatalf("wrong code %d: %v, want refused", i, err)
		}
	}
	if _, _, err := s.FinishLogin(ctx, p, pending, "999999", "192.0.2.1", "test"); err != store.ErrPendingLoginCodes {
		t.Fatalf("wrong code %d: %v, want the pending login ended", store.PendingLoginCodes, err)
	}
	if !strings.Contains(tiendo.ErrorMessage(store.ErrPendingLoginCodes), "nhập lại mật khẩu") {
		t.Errorf("message %q: want it to say to type the password again", tiendo.ErrorMessage(store.ErrPendingLoginCodes))
	}
	if _, err := s.PendingLoginUser(ctx, pending); err != store.ErrPendingLoginExpired {
		t.Errorf("the pending login after %d wrong codes: %v, want it gone", store.PendingLoginCodes, err)
	}
	if _, _, err := s.FinishLogin(ctx, p, pending, totpCode(t, secret, c.now), "192.0.2.1", "test"); err != store.ErrPendingLoginExpired {
		t.Errorf("a right code on the ended pending login: %v, want it gone", err)
	}
	// The password again, and the right code.
	again, err := s.StartPendingLogin(ctx, u.ID, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if _, session, err := s.FinishLogin(ctx, p, again, totpCode(t, secret, c.now), "192.0.2.1", "test"); err != nil || session == "" {
		t.Errorf("a new pending login with the right code: %v", err)
	}
}

// Right codes sent at once for one pending login (here each a different
// recovery code): exactly one finishes it and makes a session; the others
// find it gone and spend nothing.
func TestTwoFactorPendingLoginRace(t *testing.T) {
	s, c, u, _, recovery := totpUser(t, "lanhdao3", tiendo.RoleLeader)
	c.add(time.Minute)
	p := store.DefaultThrottle
	p.Free, p.UserLock = 100, 200
	pending, err := s.StartPendingLogin(ctx, u.ID, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	n := len(recovery)
	type result struct {
		session string
		err     error
	}
	results := make(chan result, n)
	var start sync.WaitGroup
	start.Add(1)
	for i := range n {
		go func() {
			start.Wait()
			_, session, err := s.FinishLogin(ctx, p, pending, recovery[i], "192.0.2.1", "test")
			results <- result{session, err}
		}()
	}
	start.Done()
	won := 0
	for range n {
		r := <-results
		switch {
		case r.err == nil && r.session != "":
			won++
		case r.err == store.ErrPendingLoginExpired:
			if !strings.Contains(tiendo.ErrorMessage(r.err), "đăng nhập lại") {
				t.Errorf("the loser's message %q: want it to say to log in again", tiendo.ErrorMessage(r.err))
			}
		default:
			t.Errorf("a right code at once: %v", r.err)
		}
	}
	if won != 1 {
		t.Errorf("%d right codes at once for one pending login: %d finished it, want exactly 1", n, won)
	}
	if tf, _ := s.TwoFactor(ctx, u.ID); tf.RecoveryLeft != store.RecoveryCodes-1 {
		t.Errorf("recovery codes left: %d, want %d (the losers' codes unspent)", tf.RecoveryLeft, store.RecoveryCodes-1)
	}
	if list, _ := s.Sessions(ctx, u.ID, ""); len(list) != 1 {
		t.Errorf("%d sessions, want 1", len(list))
	}
}
