package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo/internal/store"
)

func (x *app) loginAttempt(username, password string) (int, string) {
	x.t.Helper()
	resp := x.post(x.client(), "/login", url.Values{"username": {username}, "password": {password}})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// Failed logins slow down, then lock; the answers are the same for a
// username that exists and one that does not; the admin lifts the lock from
// the audit page, and the log records it.
func TestLoginThrottlingOnPages(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	now := time.Now()
	x.st.Now = func() time.Time { return now }
	p := store.DefaultThrottle
	var bodies [2][]string
	for i := 0; i < p.UserLock; i++ {
		for j, user := range []string{"pnv", "khongco"} {
			_, body := x.loginAttempt(user, "sai mật khẩu")
			bodies[j] = append(bodies[j], strings.ReplaceAll(body, user, "USER"))
		}
		if i == p.Free {
			code, body := x.loginAttempt("pnv", pw)
			if code != http.StatusTooManyRequests || !strings.Contains(body, "Vui lòng chờ") {
				t.Errorf("right password during the delay: %d, want 429 and a wait:\n%s", code, body)
			}
		}
		now = now.Add(p.MaxDelay + time.Second) // past any delay, inside the window
	}
	for i := range bodies[0] {
		if bodies[0][i] != bodies[1][i] {
			t.Fatalf("attempt %d: the pages differ between an existing and an unknown username", i+1)
		}
	}
	code, body := x.loginAttempt("pnv", pw)
	if code != http.StatusTooManyRequests || !strings.Contains(body, "tạm thời bị khóa") || !strings.Contains(body, "liên hệ quản trị") {
		t.Fatalf("right password while locked: %d, want 429 with the lockout message:\n%s", code, body)
	}
	admin := x.login("admin")
	if code, body := x.get(admin, "/admin/audit"); code != 200 || !strings.Contains(body, "khóa đến") || !strings.Contains(body, `value="u:pnv"`) {
		t.Fatalf("audit page: %d, want the lock with a button:\n%s", code, body)
	}
	resp := x.post(admin, "/admin/audit", url.Values{"op": {"unlock"}, "key": {"u:pnv"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unlock: %d, want 303", resp.StatusCode)
	}
	x.login("pnv") // fails the test unless it logs in
	if code, body := x.get(admin, "/admin/audit?action=login_unlock&user=admin"); code != 200 || !strings.Contains(body, "login_unlock") || !strings.Contains(body, "pnv") {
		t.Errorf("filtered audit page: %d, want the unlock row:\n%s", code, body)
	}
	// A reporter may not lift locks.
	resp = x.post(x.login("cah"), "/admin/audit", url.Values{"op": {"unlock"}, "key": {"u:khongco"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("reporter unlock: %d, want 403", resp.StatusCode)
	}
}

func TestAuditPageVerifiesAndFilters(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	admin := x.login("admin")
	code, body := x.get(admin, "/admin/audit?verify=1&entity=unit")
	if code != 200 || !strings.Contains(body, "Nhật ký nguyên vẹn") || !strings.Contains(body, "Phòng Nội vụ") || strings.Contains(body, "create</td><td>user") || strings.Contains(body, `<td title="user #`) {
		t.Errorf("audit page with a check, units only: %d\n%s", code, body)
	}
	if code, body := x.get(admin, "/admin/audit?from=hôm-qua"); code != http.StatusUnprocessableEntity || !strings.Contains(body, "ngày/tháng/năm") {
		t.Errorf("bad date: %d, want 422 with a hint", code)
	}
}
