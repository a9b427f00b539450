package web_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tiendo/internal/store"
	"tiendo/internal/web"
)

// A user the administrator made on the form, with "Yêu cầu đổi mật khẩu ở
// lần đăng nhập tới" ticked as it is at first, is led from the login to
// the password form and kept there: pages redirect to it (303), a form
// sent is refused (403) without a redirect a script could take for a
// save, logging out still works; once changed, the user goes on to the
// page they wanted, and only a local one.
func TestMustChangePasswordOnPages(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	admin := x.login("admin")
	code, body := x.get(admin, "/admin/users/new")
	if code != http.StatusOK || !boxTicked(body, "must_change") || !strings.Contains(body, "Yêu cầu đổi mật khẩu ở lần đăng nhập tới") {
		t.Fatalf("new user form: %d, want the box, ticked:\n%s", code, body)
	}
	const initial = "mật khẩu ban đầu của canbo"
	form := url.Values{"username": {"canbo"}, "role": {"reporter"}, "unit_id": {itoa(x.a.ID)}, "password": {initial}, "must_change": {"on"}}
	if code, loc, body := x.postRead(admin, "/admin/users", form); code != http.StatusSeeOther {
		t.Fatalf("create: %d %s\n%s", code, loc, body)
	}
	u := x.user("canbo")
	if !u.MustChangePassword {
		t.Fatal("the form's ticked box did not reach the store")
	}
	if _, body := x.get(admin, "/admin/users?done=created&id="+itoa(u.ID)); !strings.Contains(body, "phải tự đặt mật khẩu mới") {
		t.Errorf("the list does not say the user must change the password:\n%s", body)
	}

	// The login leads to the password form, carrying where it was going.
	c := x.client()
	round := "/rounds/" + itoa(x.round.ID)
	code, loc, _ := x.postRead(c, "/login", url.Values{"username": {"canbo"}, "password": {initial}, "next": {round}})
	if want := "/account/password?next=" + url.QueryEscape(round); code != http.StatusSeeOther || loc != want {
		t.Fatalf("login: %d to %q, want 303 to %q", code, loc, want)
	}
	code, body = x.get(c, "/account/password?next="+url.QueryEscape(round))
	if code != http.StatusOK || !strings.Contains(body, web.MustChangeNotice) || !strings.Contains(body, `name="next" value="`+round+`"`) {
		t.Fatalf("password form: %d, want 200 with the explanation and next:\n%s", code, body)
	}

	// Every other page leads there.
	for path, want := range map[string]string{
		"/":                             "/account/password",
		"/rounds":                       "/account/password?next=%2Frounds",
		"/account":                      "/account/password?next=%2Faccount",
		"/notifications":                "/account/password?next=%2Fnotifications",
		round + "/reports/pnv?tab=task": "/account/password?next=" + url.QueryEscape(round+"/reports/pnv?tab=task"),
	} {
		resp, err := c.Get(x.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 303 to %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	// htmx is told where to go.
	req, _ := http.NewRequest("GET", x.srv.URL+"/rounds", nil)
	req.Header.Set("HX-Request", "true")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("HX-Redirect") != "/account/password?next=%2Frounds" {
		t.Errorf("htmx GET: %d, HX-Redirect %q", resp.StatusCode, resp.Header.Get("HX-Redirect"))
	}

	// A form sent is refused, with the reason, never redirected (the
	// report's autosave follows redirects and would take the password
	// form's 200 for a save), and nothing is saved.
	autosave := x.postBody(c, round+"/reports/pnv/autosave", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"version": {"0"}, "progress_1": {"Đang làm"}}.Encode()), "HX-Request", "true")
	autoBody := readResponse(autosave)
	if autosave.StatusCode != http.StatusForbidden || autosave.Header.Get("Location") != "" || !strings.Contains(autoBody, "chưa được lưu") {
		t.Errorf("autosave: %d, Location %q, want 403 saying nothing was saved:\n%s", autosave.StatusCode, autosave.Header.Get("Location"), autoBody)
	}
	req, _ = http.NewRequest("POST", x.srv.URL+round+"/reports/pnv", strings.NewReader("action=save&progress_1=Xong"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", x.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Referer", x.srv.URL+round+"/reports/pnv")
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body = readResponse(resp)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, web.MustChangeNotice) || !strings.Contains(body, "chưa được lưu") ||
		!strings.Contains(body, `name="next" value="`+round+`/reports/pnv"`) {
		t.Errorf("report form sent: %d, want 403 with the password form, the reason, and the way back:\n%s", resp.StatusCode, body)
	}

	// The administrator's password is not a new one.
	code, _, body = x.postRead(c, "/account/password", url.Values{"current_password": {initial}, "password": {initial}, "password_confirm": {initial}, "next": {round}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "mật khẩu quản trị viên đã đặt") || !strings.Contains(body, web.MustChangeNotice) {
		t.Errorf("the same password again: %d, want 422 on the password form:\n%s", code, body)
	}
	if !x.user("canbo").MustChangePassword {
		t.Fatal("a refused change cleared the flag")
	}

	// A new one: on to the page wanted, which now opens.
	const own = "mật khẩu riêng của canbo"
	code, loc, _ = x.postRead(c, "/account/password", url.Values{"current_password": {initial}, "password": {own}, "password_confirm": {own}, "next": {round}})
	if code != http.StatusSeeOther || loc != round {
		t.Fatalf("change: %d to %q, want 303 to %q", code, loc, round)
	}
	if x.user("canbo").MustChangePassword {
		t.Error("the change left the flag")
	}
	if code, _ := x.get(c, round); code != http.StatusOK {
		t.Errorf("the round after the change: %d, want 200", code)
	}
	if code, _ := x.get(c, "/account/password"); code != http.StatusSeeOther {
		t.Errorf("GET /account/password after the change: %d, want the usual 303 to /account", code)
	}

	// The administrator resets it and asks again (the box is ticked when
	// the form opens); "next" may lead only to this site.
	code, body = x.get(admin, "/admin/users/"+itoa(u.ID))
	if code != http.StatusOK || !boxTicked(body, "must_change") {
		t.Fatalf("edit form: %d, want the box ticked", code)
	}
	const reset = "mật khẩu đặt lại cho canbo"
	edit := url.Values{"username": {"canbo"}, "role": {"reporter"}, "unit_id": {itoa(x.a.ID)}, "password": {reset}, "must_change": {"on"}}
	if code, loc, body := x.postRead(admin, "/admin/users/"+itoa(u.ID), edit); code != http.StatusSeeOther {
		t.Fatalf("reset: %d %s\n%s", code, loc, body)
	}
	if !x.user("canbo").MustChangePassword {
		t.Fatal("the reset with the box ticked did not ask for a change")
	}
	if _, body := x.get(admin, "/admin/users/"+itoa(u.ID)); !strings.Contains(body, `id="must-change-state"`) {
		t.Error("the edit form does not say the user has not changed the password yet")
	}
	c = x.client()
	if code, loc, _ := x.postRead(c, "/login", url.Values{"username": {"canbo"}, "password": {reset}}); code != http.StatusSeeOther || loc != "/account/password" {
		t.Fatalf("login after the reset: %d to %q, want 303 to /account/password", code, loc)
	}
	code, loc, _ = x.postRead(c, "/account/password", url.Values{"current_password": {reset}, "password": {own}, "password_confirm": {own}, "next": {"//evil.example/x"}})
	if code != http.StatusSeeOther || loc != "/" {
		t.Errorf("change with a foreign next: %d to %q, want 303 to /", code, loc)
	}

	// A reset with the box cleared asks nothing.
	edit.Set("password", "mật khẩu thứ ba cho canbo")
	edit.Del("must_change")
	if code, _, body := x.postRead(admin, "/admin/users/"+itoa(u.ID), edit); code != http.StatusSeeOther {
		t.Fatalf("reset without the box: %d\n%s", code, body)
	}
	if x.user("canbo").MustChangePassword {
		t.Error("a reset with the box cleared asked for a change")
	}
}

// Logging out, and "Đăng xuất mọi nơi", still work for a user who must
// change their password.
func TestMustChangePasswordCanLogOut(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	pnv := x.user("pnv")
	if err := x.st.SetMustChangePassword(context.Background(), store.Actor{}, pnv.ID, true); err != nil {
		t.Fatal(err)
	}
	c := x.login("pnv")
	if code, loc, _ := x.postRead(c, "/logout", nil); code != http.StatusSeeOther || loc != "/login" {
		t.Errorf("logout: %d to %q, want 303 to /login", code, loc)
	}
	if resp, err := c.Get(x.srv.URL + "/account/password"); err != nil || resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("after logout: %v %v, want the login page", resp.StatusCode, resp.Header.Get("Location"))
	}
	c = x.login("pnv")
	if code, loc, _ := x.postRead(c, "/account/logout-everywhere", nil); code != http.StatusSeeOther || loc != "/login" {
		t.Errorf("logout everywhere: %d to %q, want 303 to /login", code, loc)
	}
	if sessions, err := x.st.Sessions(context.Background(), pnv.ID, ""); err != nil || len(sessions) != 0 {
		t.Errorf("sessions after logging out everywhere: %d, %v", len(sessions), err)
	}
}

// An administrator who sets their own password on the user form is not
// asked to change it again: the box is not offered there.
func TestOwnPasswordOnUserFormAsksNoChange(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	me := x.user("admin")
	path := "/admin/users/" + itoa(me.ID)
	if _, body := x.get(c, path); strings.Contains(body, `name="must_change"`) {
		t.Error("the box is offered on the admin's own account")
	}
	form := url.Values{"username": {"admin"}, "role": {"admin"}, "password": {"mật khẩu mới của quản trị"}, "must_change": {"on"}}
	if code, _, body := x.postRead(c, path, form); code != http.StatusSeeOther {
		t.Fatalf("own reset: %d\n%s", code, body)
	}
	if x.user("admin").MustChangePassword {
		t.Error("the admin's own password, set on the form, asks for a change")
	}
}

// A new user with the box cleared keeps the password given.
func TestNewUserWithoutMustChange(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	form := url.Values{"username": {"canbo"}, "role": {"office"}, "password": {"mật khẩu ban đầu của canbo"}}
	if code, _, body := x.postRead(c, "/admin/users", form); code != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", code, body)
	}
	if x.user("canbo").MustChangePassword {
		t.Error("the box cleared, yet the user must change the password")
	}
	// A form sent back with an error keeps the box as it was sent.
	form.Set("username", "Có Dấu")
	if code, _, body := x.postRead(c, "/admin/users", form); code != http.StatusUnprocessableEntity || boxTicked(body, "must_change") {
		t.Errorf("refused form: %d, want 422 with the box still cleared", code)
	}
}

// boxTicked reports whether body's checkbox named name is ticked.
func boxTicked(body, name string) bool {
	m := regexp.MustCompile(`<input type="checkbox" name="` + name + `"[^>]*>`).FindString(body)
	return m != "" && strings.Contains(m, " checked")
}

func readResponse(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return html.UnescapeString(string(b))
}
