package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tiendo"
)

func TestAccountPageAndLogoutEverywhere(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	laptop, phone := x.login("pnv"), x.login("pnv")
	pnv, err := x.st.UserByUsername(ctx, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := x.st.CreateToken(ctx, pnv.ID, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	code, body := x.get(laptop, "/account")
	if code != http.StatusOK || !strings.Contains(body, "Phiên này") || !strings.Contains(body, "Đăng xuất mọi nơi") ||
		strings.Count(body, `title="Go-http-client/1.1">Chương trình khác</td>`) != 2 || !strings.Contains(body, "/account/tokens/") {
		t.Fatalf("/account: %d, want two sessions (one marked), the token and the button:\n%s", code, body)
	}
	if strings.Contains(body, token) {
		t.Errorf("/account shows a token's secret")
	}

	resp := x.post(laptop, "/account/logout-everywhere", nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Errorf("logout everywhere: %d %s, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
	for name, c := range map[string]*http.Client{"laptop": laptop, "phone": phone} {
		if code, _ := x.get(c, "/account"); code != http.StatusSeeOther {
			t.Errorf("%s after logout everywhere: %d, want 303 to log in", name, code)
		}
	}
	if _, err := x.st.TokenUser(ctx, token); tiendo.ErrorCode(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("token after logout everywhere: %v, want unauthorized", err)
	}
}

// sessionEndRE finds the "Đăng xuất" form of a session on the account page.
var sessionEndRE = regexp.MustCompile(`<form method="post" action="(/account/sessions/[0-9a-f]+/end)"`)

func TestAccountEndOneSession(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	laptop, office := x.login("pnv"), x.login("pnv")
	pnv, _ := x.st.UserByUsername(ctx, "pnv")
	token, _, err := x.st.CreateToken(ctx, pnv.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	code, body := x.get(laptop, "/account")
	forms := sessionEndRE.FindAllStringSubmatch(body, -1)
	if code != http.StatusOK || len(forms) != 2 {
		t.Fatalf("/account: %d with %d session forms, want 200 and one form a session:\n%s", code, len(forms), body)
	}
	mine, other := "", ""
	current := row(t, body, "<strong>Phiên này</strong>")
	for _, f := range forms {
		if strings.Contains(current, f[0]) {
			mine = f[1]
		} else {
			other = f[1]
		}
	}
	if mine == "" || other == "" {
		t.Fatalf("want one form in this session's row and one in the other's, got %q and %q", mine, other)
	}

	// The form is the admin's to see only on the user's own page: the
	// route ends the requester's sessions.
	admin := x.login("admin")
	if code, body := x.get(admin, "/admin/users/"+itoa(pnv.ID)+"/sessions"); code != 200 || !strings.Contains(body, "127.0.0.1") ||
		strings.Contains(body, "/account/sessions/") {
		t.Errorf("admin's view of pnv: %d, want pnv's sessions listed without the account page's session form:\n%s", code, body)
	}

	// Another user, or a key that names no session: a Vietnamese 404, and
	// nothing ended.
	for name, c := range map[string]*http.Client{"another user": x.login("cah"), "unknown key": laptop} {
		path := other
		if name == "unknown key" {
			path = "/account/sessions/0123456789abcdef/end"
		}
		resp := x.post(c, path, nil)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(b), "Không tìm thấy phiên đăng nhập này") {
			t.Errorf("%s: %d, want 404 with a Vietnamese message:\n%s", name, resp.StatusCode, b)
		}
	}
	if code, _ := x.get(office, "/account"); code != http.StatusOK {
		t.Fatalf("office session after refused requests: %d, want 200", code)
	}

	resp := x.post(laptop, other, nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account?done=session" {
		t.Fatalf("end the other session: %d %s, want 303 to /account?done=session", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = office.Get(x.srv.URL + "/rounds")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the ended session's next request: %d %s, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
	code, body = x.get(laptop, "/account?done=session")
	if code != http.StatusOK || !strings.Contains(body, "Đã đăng xuất phiên đã chọn") {
		t.Errorf("after ending the other session: %d, want the account page with the notice:\n%s", code, body)
	}
	if got := sessionEndRE.FindAllStringSubmatch(body, -1); len(got) != 1 || got[0][1] != mine {
		t.Errorf("sessions left: %v, want this one only (%s)", got, mine)
	}
	if _, err := x.st.TokenUser(ctx, token); err != nil {
		t.Errorf("ending a session revoked the API token: %v", err)
	}

	// Ending this browser's own session logs it out.
	resp = x.post(laptop, mine, nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Errorf("end this session: %d %s, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, _ := x.get(laptop, "/account"); code != http.StatusSeeOther {
		t.Errorf("this browser after ending its session: %d, want 303 to log in", code)
	}
}

func TestAdminLogsUserOutEverywhere(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	victim := x.login("cah")
	cah, _ := x.st.UserByUsername(ctx, "cah")
	admin := x.login("admin")
	path := "/admin/users/" + itoa(cah.ID)
	if code, body := x.get(admin, path); code != 200 || !strings.Contains(body, path+"/sessions") {
		t.Errorf("user form: %d, want a link to the sessions page", code)
	}
	if code, body := x.get(admin, path+"/sessions"); code != 200 || !strings.Contains(body, "Đăng xuất cah khỏi mọi nơi") ||
		strings.Contains(body, "Đổi mật khẩu") || strings.Contains(body, "Phiên này") {
		t.Errorf("admin's view of cah: %d, want cah's session and the button, no password form:\n%s", code, body)
	}
	// Another user may not.
	other := x.login("pnv")
	resp := x.post(other, path+"/logout-everywhere", nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("reporter ends cah's sessions: %d, want 403", resp.StatusCode)
	}
	if code, _ := x.get(victim, "/account"); code != 200 {
		t.Fatalf("cah's session ended by a refused request: %d", code)
	}
	resp = x.post(admin, path+"/logout-everywhere", nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"/sessions?done=logout" {
		t.Errorf("admin logout everywhere: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, _ := x.get(victim, "/account"); code != http.StatusSeeOther {
		t.Errorf("cah after the admin's logout: %d, want 303 to log in", code)
	}
	if code, _ := x.get(admin, "/account"); code != 200 {
		t.Errorf("the admin's own session ended: %d", code)
	}
}

func TestAccountChangePassword(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c, other := x.login("huyenuy"), x.login("huyenuy")
	change := func(current, pw, confirm string) (int, string) {
		resp := x.post(c, "/account/password", url.Values{"current_password": {current}, "password": {pw}, "password_confirm": {confirm}})
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tt := range []struct {
		name, current, pw, confirm, want string
	}{
		{"wrong current", "sai mật khẩu rồi", "mật khẩu mới đủ dài", "mật khẩu mới đủ dài", "Mật khẩu hiện tại không đúng"},
		{"confirm differs", pw, "mật khẩu mới đủ dài", "mật khẩu khác hẳn", "Hai lần nhập mật khẩu mới chưa giống nhau"},
		{"common", pw, "anhyeuem@123", "anhyeuem@123", "danh sách mật khẩu hay dùng nhất"},
		{"username", pw, "HuyenUy2026", "HuyenUy2026", "trùng với tên đăng nhập"},
		{"short", pw, "ngắn", "ngắn", "ít nhất 10 ký tự"},
	} {
		code, body := change(tt.current, tt.pw, tt.confirm)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, want 422 with %q", tt.name, code, tt.want)
		}
	}
	code, _ := change(pw, "cây bàng trước sân đã ra lá", "cây bàng trước sân đã ra lá")
	if code != http.StatusSeeOther {
		t.Fatalf("change password: %d, want 303", code)
	}
	// This browser keeps a (fresh) session; the other is logged out.
	if code, body := x.get(c, "/account?done=password"); code != 200 || !strings.Contains(body, "Đã đổi mật khẩu") {
		t.Errorf("after the change: %d, want the account page with the notice", code)
	}
	if code, _ := x.get(other, "/account"); code != http.StatusSeeOther {
		t.Errorf("the other session after the change: %d, want 303 to log in", code)
	}
	resp := x.post(x.client(), "/login", url.Values{"username": {"huyenuy"}, "password": {"cây bàng trước sân đã ra lá"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the new password: %d, want 303", resp.StatusCode)
	}
}

func TestAccountRevokeToken(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	pnv, _ := x.st.UserByUsername(ctx, "pnv")
	cah, _ := x.st.UserByUsername(ctx, "cah")
	mine, _, _ := x.st.CreateToken(ctx, pnv.ID, "")
	theirs, _, _ := x.st.CreateToken(ctx, cah.ID, "")
	list, _ := x.st.Tokens(ctx, pnv.ID, "")
	other, _ := x.st.Tokens(ctx, cah.ID, "")
	c := x.login("pnv")
	resp := x.post(c, "/account/tokens/"+itoa(other[0].ID)+"/revoke", url.Values{"back": {"/account"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("revoke another user's token: %d, want 404", resp.StatusCode)
	}
	if _, err := x.st.TokenUser(ctx, theirs); err != nil {
		t.Errorf("another user's token was revoked: %v", err)
	}
	resp = x.post(c, "/account/tokens/"+itoa(list[0].ID)+"/revoke", url.Values{"back": {"//evil.example"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/?done=token" {
		t.Errorf("revoke own token: %d %s, want 303 to a local page", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, err := x.st.TokenUser(ctx, mine); tiendo.ErrorCode(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("revoked token: %v, want unauthorized", err)
	}
}
