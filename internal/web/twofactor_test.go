package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"tiendo/internal/store"
)

// totpApp is newApp on a clock the test moves, so that codes are made for
// a chosen time rather than waited for.
type totpApp struct {
	*app
	mu  sync.Mutex
	now time.Time
}

func newTOTPApp(t *testing.T) *totpApp {
	t.Helper()
	x := &totpApp{app: newApp(t), now: time.Now().UTC().Truncate(time.Second)}
	x.st.Now = func() time.Time { x.mu.Lock(); defer x.mu.Unlock(); return x.now }
	return x
}

func (x *totpApp) advance(d time.Duration) { x.mu.Lock(); x.now = x.now.Add(d); x.mu.Unlock() }

// code is the authenticator app's code for secret at the store's time.
func (x *totpApp) code(secret string) string {
	x.t.Helper()
	c, err := totp.GenerateCode(secret, x.st.Clock())
	if err != nil {
		x.t.Fatal(err)
	}
	return c
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var recoveryRE = regexp.MustCompile(`<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>`)

// enrol sets up the second factor of the user logged in on c through the
// pages and returns the key and the recovery codes shown.
func (x *totpApp) enrol(c *http.Client, username string) (string, []string) {
	t := x.t
	t.Helper()
	if code, page := x.get(c, "/account"); code != 200 || !strings.Contains(page, `href="/account/2fa"`) || !strings.Contains(page, "Bật xác thực hai bước") {
		t.Fatalf("account page: %d, want the section leading to /account/2fa:\n%s", code, page)
	}
	if resp := x.post(c, "/account/2fa/start", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %d", resp.StatusCode)
	}
	code, page := x.get(c, "/account/2fa")
	if code != 200 || !strings.Contains(page, `src="data:image/png;base64,`) {
		t.Fatalf("set-up page: %d, want the QR code inline:\n%s", code, page)
	}
	u, err := x.st.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	tf, err := x.st.TwoFactor(context.Background(), u.ID)
	if err != nil || tf.Pending == "" {
		t.Fatalf("pending key: %+v %v", tf, err)
	}
	secret := tf.Pending
	if !strings.Contains(page, secret[:4]+" "+secret[4:8]) {
		t.Errorf("set-up page lacks the key in groups of four")
	}
	// A session alone is not enough: without the password, or with a wrong
	// one, a right code turns nothing on.
	for _, form := range []url.Values{{"code": {x.code(secret)}}, {"code": {x.code(secret)}, "password": {"không phải mật khẩu"}}} {
		resp := x.post(c, "/account/2fa/enable", form)
		if page := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `id="pw-err"`) {
			t.Fatalf("enable with password %q: %d, want 422 marking the password:\n%s", form.Get("password"), resp.StatusCode, page)
		}
		if tf, _ := x.st.TwoFactor(context.Background(), u.ID); tf.Enabled {
			t.Fatal("a session without the password turned the second factor on")
		}
	}
	// A wrong code: refused, with the QR code still there.
	resp := x.post(c, "/account/2fa/enable", url.Values{"code": {"123456"}, "password": {pw}})
	if page := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Mã không đúng") || !strings.Contains(page, "data:image/png") {
		t.Fatalf("wrong code: %d, want 422 and the form again:\n%s", resp.StatusCode, page)
	}
	if tf, _ := x.st.TwoFactor(context.Background(), u.ID); tf.Enabled {
		t.Fatal("a wrong code turned the second factor on")
	}
	resp = x.post(c, "/account/2fa/enable", url.Values{"code": {x.code(secret)}, "password": {pw}})
	page = body(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(page, "Đã bật xác thực hai bước") {
		t.Fatalf("right code: %d:\n%s", resp.StatusCode, page)
	}
	var codes []string
	for _, m := range recoveryRE.FindAllStringSubmatch(page, -1) {
		codes = append(codes, m[1])
	}
	if len(codes) != store.RecoveryCodes {
		t.Fatalf("%d recovery codes shown, want %d", len(codes), store.RecoveryCodes)
	}
	// Shown once: the page afterwards has none.
	if _, page := x.get(c, "/account/2fa"); strings.Contains(page, codes[0]) || !strings.Contains(page, "Đang bật") {
		t.Errorf("the page after: want it on, and no recovery code shown again")
	}
	return secret, codes
}

// passwordStep logs in with the password and returns the client, holding
// the pending login, and where it was sent.
// pendingCookie is the pending login's cookie c holds after the password.
func (x *totpApp) pendingCookie(c *http.Client) string {
	x.t.Helper()
	for _, k := range c.Jar.Cookies(mustURL(x.srv.URL + "/login/code")) {
		if k.Name == "tiendo_login" {
			return k.Value
		}
	}
	x.t.Fatal("no pending-login cookie after the password")
	return ""
}

func (x *totpApp) passwordStep(username, next string) (*http.Client, string) {
	x.t.Helper()
	c := x.client()
	resp := x.post(c, "/login", url.Values{"username": {username}, "password": {pw}, "next": {next}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		x.t.Fatalf("password step: %d", resp.StatusCode)
	}
	return c, resp.Header.Get("Location")
}

func (x *totpApp) codeStep(c *http.Client, code, next string) *http.Response {
	x.t.Helper()
	return x.post(c, "/login/code", url.Values{"code": {code}, "next": {next}})
}

func TestTwoFactorEnrolAndLogin(t *testing.T) {
	t.Parallel()
	x := newTOTPApp(t)
	secret, recovery := x.enrol(x.login("vanphong"), "vanphong")
	x.advance(time.Minute)

	// The password alone opens nothing: the browser is sent to the code.
	c, loc := x.passwordStep("vanphong", "/rounds")
	if loc != "/login/code?next=%2Frounds" {
		t.Fatalf("after the password: to %q, want the code form", loc)
	}
	if code, _ := x.get(c, "/rounds"); code != http.StatusSeeOther {
		t.Fatalf("a page before the code: %d, want the login page", code)
	}
	if code, page := x.get(c, loc); code != 200 || !strings.Contains(page, `name="code"`) || !strings.Contains(page, `value="/rounds"`) {
		t.Fatalf("code form: %d:\n%s", code, page)
	}
	resp := x.codeStep(c, "000000", "/rounds")
	if page := body(t, resp); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "Mã xác thực không đúng") {
		t.Fatalf("wrong code: %d:\n%s", resp.StatusCode, page)
	}
	good := x.code(secret)
	resp = x.codeStep(c, good, "/rounds")
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/rounds" {
		t.Fatalf("right code: %d to %q, want /rounds", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, _ := x.get(c, "/rounds"); code != 200 {
		t.Fatalf("after the code: %d, want logged in", code)
	}

	// Replay: the same code on a new login, within its 30 seconds.
	c2, _ := x.passwordStep("vanphong", "/")
	if resp := x.codeStep(c2, good, "/"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a used code again: %d, want 401", resp.StatusCode)
	}
	// A recovery code, once; and no open redirect from the second step.
	resp = x.codeStep(c2, recovery[0], "//evil.example/")
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Errorf("recovery code: %d to %q, want / (the other site refused)", resp.StatusCode, resp.Header.Get("Location"))
	}
	c3, _ := x.passwordStep("vanphong", "/")
	if resp := x.codeStep(c3, recovery[0], "/"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a spent recovery code: %d, want 401", resp.StatusCode)
	}

	// The pending login runs out after five minutes.
	x.advance(store.PendingLoginAge + time.Second)
	resp = x.codeStep(c3, x.code(secret), "/")
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?expired=1") {
		t.Fatalf("code after 5 minutes: %d to %q, want back to the login page", resp.StatusCode, loc)
	}
	if _, page := x.get(c3, "/login?expired=1"); !strings.Contains(page, "Đã quá 5 phút") {
		t.Errorf("the login page does not say the code came too late")
	}

	// The audit log has it on, and the recovery code used.
	rows, err := x.st.AuditLog(context.Background(), "user", 200)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, r := range rows {
		actions = append(actions, r.Action)
		for _, s := range []string{secret, good, recovery[0]} {
			if strings.Contains(r.Before+r.After, s) {
				t.Errorf("audit row %s holds a secret", r.Action)
			}
		}
	}
	for _, want := range []string{"totp_enable", "totp_recovery_used"} {
		if !strings.Contains(strings.Join(actions, " "), want) {
			t.Errorf("audit: %v, want %s", actions, want)
		}
	}
}

// Several instances share one database and no sticky sessions: a login
// whose password one instance took is finished by another.
func TestTwoFactorAcrossInstances(t *testing.T) {
	t.Parallel()
	x := newTOTPApp(t)
	secret, _ := x.enrol(x.login("lanhdao"), "lanhdao")
	x.advance(time.Minute)
	c, loc := x.passwordStep("lanhdao", "/")
	pending := x.pendingCookie(c)
	other := newServer(t, x.st)
	req, _ := http.NewRequest("POST", other.URL+"/login/code", strings.NewReader(url.Values{"code": {x.code(secret)}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", other.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: "tiendo_login", Value: pending})
	resp, err := x.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("code on the other instance (pending from %s): %d to %q", loc, resp.StatusCode, resp.Header.Get("Location"))
	}
	var session string
	for _, k := range resp.Cookies() {
		if k.Name == "tiendo_session" {
			session = k.Value
		}
	}
	if u, err := x.st.SessionUser(context.Background(), session); err != nil || u.Username != "lanhdao" {
		t.Errorf("session made by the other instance: %v %v", u, err)
	}
}

// Only office, leader and admin accounts see and reach the set-up.
func TestTwoFactorNotForReporters(t *testing.T) {
	t.Parallel()
	x := newTOTPApp(t)
	c := x.login("pnv")
	if _, page := x.get(c, "/account"); strings.Contains(page, "Xác thực hai bước") || strings.Contains(page, "/account/2fa") {
		t.Errorf("a reporter's account page offers the second factor")
	}
	if code, _ := x.get(c, "/account/2fa"); code != http.StatusForbidden {
		t.Errorf("reporter GET /account/2fa: %d, want 403", code)
	}
	if resp := x.post(c, "/account/2fa/start", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("reporter start: %d, want 403", resp.StatusCode)
	}
	u, _ := x.st.UserByUsername(context.Background(), "pnv")
	if tf, _ := x.st.TwoFactor(context.Background(), u.ID); tf.Pending != "" || tf.Enabled {
		t.Errorf("a reporter has a key: %+v", tf)
	}
}

// The user turns it off with the password and a code; the admin turns it
// off for someone who lost their phone. Both are audited.
func TestTwoFactorOffAndAdminReset(t *testing.T) {
	t.Parallel()
	x := newTOTPApp(t)
	c := x.login("vanphong")
	secret, _ := x.enrol(c, "vanphong")
	x.advance(time.Minute)

	resp := x.post(c, "/account/2fa/disable", url.Values{"password": {"sai mật khẩu"}, "code": {x.code(secret)}})
	if page := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Mật khẩu không đúng") {
		t.Fatalf("off with a wrong password: %d:\n%s", resp.StatusCode, page)
	}
	resp = x.post(c, "/account/2fa/disable", url.Values{"password": {pw}, "code": {"000000"}})
	if page := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Mã không đúng") {
		t.Fatalf("off with a wrong code: %d:\n%s", resp.StatusCode, page)
	}
	resp = x.post(c, "/account/2fa/disable", url.Values{"password": {pw}, "code": {x.code(secret)}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account/2fa?done=off" {
		t.Fatalf("off: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	x.login("vanphong") // the password alone again

	// On again; the admin turns it off.
	x.advance(time.Minute)
	x.enrol(c, "vanphong")
	u, _ := x.st.UserByUsername(context.Background(), "vanphong")
	admin := x.login("admin")
	path := "/admin/users/" + itoa(u.ID)
	if _, page := x.get(admin, path); !strings.Contains(page, "Đang bật") || !strings.Contains(page, `action="`+path+`/2fa/reset"`) {
		t.Fatalf("user form: want the second factor shown on, with the button to turn it off")
	}
	resp = x.post(admin, path+"/2fa/reset", nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"?done=2fa" {
		t.Fatalf("admin reset: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, page := x.get(admin, path+"?done=2fa"); !strings.Contains(page, "Đã tắt xác thực hai bước của vanphong") {
		t.Errorf("user form after reset: no notice")
	}
	x.login("vanphong")
	// Another admin action on it: nothing to turn off.
	if resp := x.post(admin, path+"/2fa/reset", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("reset when off: %d, want 404", resp.StatusCode)
	}
	// An admin's own factor does not go off from the users' page: that
	// needs the password and a code, as for anyone.
	adminUser, err := x.st.UserByUsername(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	x.enrol(admin, "admin")
	if resp := x.post(admin, "/admin/users/"+itoa(adminUser.ID)+"/2fa/reset", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an admin resetting their own factor: %d, want 403", resp.StatusCode)
	}
	if tf, _ := x.st.TwoFactor(context.Background(), adminUser.ID); !tf.Enabled {
		t.Error("an admin's session alone turned their own factor off")
	}
	rows, _ := x.st.AuditSearch(context.Background(), store.AuditFilter{Entity: "user", Limit: 100})
	got := map[string]bool{}
	for _, r := range rows {
		got[r.Action] = true
	}
	for _, want := range []string{"totp_enable", "totp_disable", "totp_reset"} {
		if !got[want] {
			t.Errorf("audit lacks %s", want)
		}
	}
	// The audit page names them in Vietnamese.
	if _, page := x.get(admin, "/admin/audit?entity=user"); !strings.Contains(page, "Quản trị viên tắt xác thực hai bước") {
		t.Errorf("audit page does not name totp_reset")
	}
}

// Turning the factor on logs out every other browser of the account and
// revokes its API tokens, and says so; the browser that turned it on stays.
func TestTwoFactorEnableLogsOutOthers(t *testing.T) {
	t.Parallel()
	x := newTOTPApp(t)
	here, elsewhere := x.login("lanhdao"), x.login("lanhdao")
	u, err := x.st.UserByUsername(context.Background(), "lanhdao")
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := x.st.CreateToken(context.Background(), u.ID, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if resp := x.post(here, "/account/2fa/start", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %d", resp.StatusCode)
	}
	tf, _ := x.st.TwoFactor(context.Background(), u.ID)
	resp := x.post(here, "/account/2fa/enable", url.Values{"code": {x.code(tf.Pending)}, "password": {pw}})
	page := body(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(page, `id="recovery-codes"`) {
		t.Fatalf("enable: %d:\n%s", resp.StatusCode, page)
	}
	if !strings.Contains(page, "Các phiên đăng nhập khác của tài khoản đã được đăng xuất") {
		t.Errorf("the page does not say the other sessions were logged out:\n%s", page)
	}
	if code, _ := x.get(here, "/account"); code != 200 {
		t.Errorf("the browser that turned it on: %d, want still logged in", code)
	}
	if code, _ := x.get(elsewhere, "/account"); code != http.StatusSeeOther {
		t.Errorf("another browser after turning it on: %d, want sent to the login page", code)
	}
	if _, err := x.st.TokenUser(context.Background(), token); err == nil {
		t.Errorf("an API token still opens after turning it on")
	}
	rows, _ := x.st.AuditSearch(context.Background(), store.AuditFilter{Entity: "user", Action: "end_other_sessions", Limit: 10})
	if len(rows) != 1 || rows[0].UserID != u.ID || !strings.Contains(rows[0].After, `"sessions":1`) || !strings.Contains(rows[0].After, `"tokens":1`) {
		t.Errorf("audit: %+v, want one end_other_sessions row by the user: 1 session, 1 token", rows)
	}
}

// Wrong codes on the setup form go through the login throttle: the right
// password typed with each does not clear the count, so a run of guesses
// is cut off with a message to wait.
func TestTwoFactorEnableThrottledPage(t *testing.T) {
	t.Parallel()
	x := newTOTPApp(t)
	c := x.login("vanphong")
	if resp := x.post(c, "/account/2fa/start", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %d", resp.StatusCode)
	}
	u, _ := x.st.UserByUsername(context.Background(), "vanphong")
	tf, _ := x.st.TwoFactor(context.Background(), u.ID)
	status, page := 0, ""
	tries := 0
	for tries < store.DefaultThrottle.UserLock && status != http.StatusTooManyRequests {
		tries++
		resp := x.post(c, "/account/2fa/enable", url.Values{"code": {"000000"}, "password": {pw}})
		status, page = resp.StatusCode, body(t, resp)
	}
	if status != http.StatusTooManyRequests || tries > store.DefaultThrottle.Free+2 || !strings.Contains(page, "Vui lòng chờ") {
		t.Fatalf("after %d wrong setup codes with the right password: %d, want 429 saying to wait within %d:\n%s", tries, status, store.DefaultThrottle.Free+2, page)
	}
	resp := x.post(c, "/account/2fa/enable", url.Values{"code": {x.code(tf.Pending)}, "password": {pw}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a right code while throttled: %d, want 429", resp.StatusCode)
	}
	resp.Body.Close()
	if tf, _ := x.st.TwoFactor(context.Background(), u.ID); tf.Enabled {
		t.Fatal("a right code while throttled turned it on")
	}
	x.advance(2 * time.Minute)
	resp = x.post(c, "/account/2fa/enable", url.Values{"code": {x.code(tf.Pending)}, "password": {pw}})
	if page := body(t, resp); resp.StatusCode != 200 || !strings.Contains(page, "Đã bật xác thực hai bước") {
		t.Fatalf("the right code after the wait: %d:\n%s", resp.StatusCode, page)
	}
}

// The fifth wrong code ends the pending login: back to the login page,
// which says why; the password again then leads to the code form.
func TestTwoFactorPendingLoginEndsAfterWrongCodes(t *testing.T) {
	t.Parallel()
	x := newTOTPApp(t)
	secret, _ := x.enrol(x.login("vanphong"), "vanphong")
	x.advance(time.Minute)
	c, _ := x.passwordStep("vanphong", "/rounds")
	for i := 1; i < store.PendingLoginCodes; i++ {
		x.advance(5 * time.Second) // past the throttle's short waits: this is the pending login's own count
		resp := x.codeStep(c, "000000", "/rounds")
		if page := body(t, resp); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "Mã xác thực không đúng") {
			t.Fatalf("wrong code %d: %d:\n%s", i, resp.StatusCode, page)
		}
	}
	x.advance(5 * time.Second)
	resp := x.codeStep(c, "000000", "/rounds")
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?codes=1") {
		t.Fatalf("wrong code %d: %d to %q, want back to the login page", store.PendingLoginCodes, resp.StatusCode, loc)
	}
	if _, page := x.get(c, loc); !strings.Contains(page, "sai mã xác thực 5 lần") || !strings.Contains(page, "nhập lại mật khẩu") {
		t.Errorf("the login page does not say why:\n%s", page)
	}
	// The right code on the ended pending login opens nothing.
	x.advance(5 * time.Second)
	resp = x.codeStep(c, x.code(secret), "/rounds")
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?") {
		t.Fatalf("a right code after the pending login ended: %d to %q, want the login page", resp.StatusCode, loc)
	}
	if code, _ := x.get(c, "/rounds"); code != http.StatusSeeOther {
		t.Fatalf("a page after the pending login ended: %d, want the login page", code)
	}
	c, _ = x.passwordStep("vanphong", "/rounds")
	resp = x.codeStep(c, x.code(secret), "/rounds")
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/rounds" {
		t.Fatalf("the password again and the right code: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// Right codes sent at once with one pending login's cookie (each a
// different recovery code): one logs in, the others are sent to log in
// again, and their recovery codes stay unspent.
func TestTwoFactorCodeFormAtOnce(t *testing.T) {
	t.Parallel()
	x := newTOTPApp(t)
	_, recovery := x.enrol(x.login("lanhdao"), "lanhdao")
	x.advance(time.Minute)
	c, _ := x.passwordStep("lanhdao", "/")
	pending := x.pendingCookie(c)
	n := store.DefaultThrottle.Free + 1 // all let through by the throttle
	locs := make(chan string, n)
	var start sync.WaitGroup
	start.Add(1)
	for i := range n {
		go func() {
			start.Wait()
			req, _ := http.NewRequest("POST", x.srv.URL+"/login/code", strings.NewReader(url.Values{"code": {recovery[i]}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", x.srv.URL)
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			req.AddCookie(&http.Cookie{Name: "tiendo_login", Value: pending})
			resp, err := x.client().Do(req)
			if err != nil {
				locs <- err.Error()
				return
			}
			resp.Body.Close()
			loc := resp.Header.Get("Location")
			for _, k := range resp.Cookies() {
				if k.Name == "tiendo_session" && k.Value != "" {
					loc += " +session"
				}
			}
			locs <- strconv.Itoa(resp.StatusCode) + " " + loc
		}()
	}
	start.Done()
	won, again := 0, 0
	for range n {
		switch got := <-locs; {
		case got == "303 / +session":
			won++
		case strings.HasPrefix(got, "303 /login?expired=1"):
			again++
		default:
			t.Errorf("a right code at once: %s", got)
		}
	}
	if won != 1 || again != n-1 {
		t.Errorf("%d right codes at once: %d logged in, %d sent to log in again; want 1 and %d", n, won, again, n-1)
	}
	u, _ := x.st.UserByUsername(context.Background(), "lanhdao")
	if tf, _ := x.st.TwoFactor(context.Background(), u.ID); tf.RecoveryLeft != store.RecoveryCodes-1 {
		t.Errorf("recovery codes left: %d, want %d", tf.RecoveryLeft, store.RecoveryCodes-1)
	}
}
