package web_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

// postRead posts form and returns the status, the Location and the body.
func (x *app) postRead(c *http.Client, path string, form url.Values) (int, string, string) {
	x.t.Helper()
	resp := x.post(c, path, form)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), html.UnescapeString(string(b))
}

func (x *app) user(name string) *tiendo.User {
	x.t.Helper()
	u, err := x.st.UserByUsername(context.Background(), name)
	if err != nil {
		x.t.Fatal(err)
	}
	return u
}

// The only administrator cannot demote or lock themselves on the form; a
// change to one's own role or lock asks for a confirmation first.
func TestLastAdminOnUserForm(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	admin := x.user("admin")
	path := "/admin/users/" + itoa(admin.ID)
	demote := url.Values{"username": {"admin"}, "role": {"reader"}}
	// The last administrator is told at once that it cannot be done, not
	// first asked to confirm it.
	code, _, body := x.postRead(c, path, demote)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, store.LastAdminMessage) || strings.Contains(body, `name="confirm_self"`) {
		t.Errorf("own role change of the last admin: %d, want 422 with the reason and no confirmation:\n%s", code, body)
	}
	if code, _, body := x.postRead(c, path, url.Values{"username": {"admin"}, "role": {"admin"}, "disabled": {"on"}}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="disabled-err"`) || strings.Contains(body, `name="confirm_self"`) {
		t.Errorf("locking oneself, the last admin: %d, want 422 with the reason beside the lock switch", code)
	}
	demote.Set("confirm_self", "1")
	if code, _, body := x.postRead(c, path, demote); code != http.StatusUnprocessableEntity || !strings.Contains(body, store.LastAdminMessage) {
		t.Errorf("demote the last admin: %d, want 422 with %q:\n%s", code, store.LastAdminMessage, body)
	}
	lock := url.Values{"username": {"admin"}, "role": {"admin"}, "disabled": {"on"}, "confirm_self": {"1"}}
	if code, _, body := x.postRead(c, path, lock); code != http.StatusUnprocessableEntity || !strings.Contains(body, store.LastAdminMessage) {
		t.Errorf("lock the last admin: %d, want 422 with the reason:\n%s", code, body)
	}
	if u := x.user("admin"); u.Role != tiendo.RoleAdmin || u.Disabled {
		t.Fatalf("the last admin changed: %+v", u)
	}
	// Still logged in, still an administrator.
	if code, _ := x.get(c, "/admin/users"); code != http.StatusOK {
		t.Errorf("admin pages after the refusals: %d", code)
	}

	// With a second administrator, locking the first works; its open
	// session is told why it ended.
	if err := x.st.CreateUser(context.Background(), store.Actor{}, &tiendo.User{Username: "admin2", Role: tiendo.RoleAdmin}, pw); err != nil {
		t.Fatal(err)
	}
	c2 := x.login("admin2")
	// Not the last any more: a change to one's own account asks first.
	if code, _, body := x.postRead(c2, "/admin/users/"+itoa(x.user("admin2").ID), url.Values{"username": {"admin2"}, "role": {"reader"}}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Đây là tài khoản của chính bạn") || !strings.Contains(body, `name="confirm_self"`) {
		t.Errorf("own role change with another admin left: %d, want 422 asking to confirm", code)
	}
	code, loc, _ := x.postRead(c2, path, url.Values{"username": {"admin"}, "role": {"admin"}, "disabled": {"on"}})
	if code != http.StatusSeeOther {
		t.Fatalf("lock one of two admins: %d", code)
	}
	if _, body := x.get(c2, loc); !strings.Contains(body, "Đã lưu và khóa tài khoản “admin”") {
		t.Errorf("after the lock, %s says nothing of it:\n%s", loc, body)
	}
	resp, err := c.Get(x.srv.URL + "/admin/users")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc = resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?locked=1") {
		t.Fatalf("the locked admin's session: %d to %q, want 303 to /login?locked=1…", resp.StatusCode, loc)
	}
	if _, body := x.get(c, loc); !strings.Contains(html.UnescapeString(body), "Tài khoản đã bị khóa; hãy liên hệ quản trị hệ thống.") {
		t.Errorf("login page after the lock does not say why:\n%s", body)
	}
}

// Logging in to a locked account: the right password is told the account
// is locked, a wrong one gets the usual answer.
func TestLockedAccountLogin(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	u := x.user("pnv")
	u.Disabled = true
	if err := x.st.UpdateUser(context.Background(), store.Actor{}, u); err != nil {
		t.Fatal(err)
	}
	c := x.client()
	code, _, body := x.postRead(c, "/login", url.Values{"username": {"pnv"}, "password": {pw}})
	if code != http.StatusUnauthorized || !strings.Contains(body, "Tài khoản đã bị khóa; hãy liên hệ quản trị hệ thống.") {
		t.Errorf("locked, right password: %d:\n%s", code, body)
	}
	code, _, body = x.postRead(c, "/login", url.Values{"username": {"pnv"}, "password": {"sai mật khẩu rồi nhé"}})
	if code != http.StatusUnauthorized || strings.Contains(body, "bị khóa") || !strings.Contains(body, "Tên đăng nhập hoặc mật khẩu không đúng.") {
		t.Errorf("locked, wrong password: %d, want the usual answer:\n%s", code, body)
	}
}

// The new password may not be the current one; GET /account/password,
// where a refused change leaves the browser, leads to the form.
func TestAccountPasswordSameAndGet(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	code, _, body := x.postRead(c, "/account/password", url.Values{"current_password": {pw}, "password": {pw}, "password_confirm": {pw}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Mật khẩu mới trùng với mật khẩu hiện tại") {
		t.Errorf("same password: %d:\n%s", code, body)
	}
	resp, err := c.Get(x.srv.URL + "/account/password")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account" {
		t.Errorf("GET /account/password: %d to %q, want 303 to /account", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// Saving a unit or a user says so after the redirect; a password reset
// says the user was signed out everywhere, and was.
func TestSaveNotices(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	code, loc, _ := x.postRead(c, "/admin/units", url.Values{"code": {"ptp"}, "name": {"Phòng Tư pháp"}})
	if _, body := x.get(c, loc); code != http.StatusSeeOther || !strings.Contains(html.UnescapeString(body), "Đã thêm đơn vị “Phòng Tư pháp” (mã ptp).") {
		t.Errorf("unit created: %d to %s:\n%s", code, loc, body)
	}
	code, loc, _ = x.postRead(c, "/admin/units/"+itoa(x.a.ID), url.Values{"code": {"pnv"}, "name": {"Phòng Nội vụ"}, "short_name": {"PNV"}})
	if _, body := x.get(c, loc); code != http.StatusSeeOther || !strings.Contains(html.UnescapeString(body), "Đã lưu thay đổi của đơn vị “Phòng Nội vụ” (mã pnv).") {
		t.Errorf("unit saved: %d to %s:\n%s", code, loc, body)
	}
	pnv := x.user("pnv")
	reporter := x.login("pnv")
	form := url.Values{"username": {"pnv"}, "role": {"reporter"}, "unit_id": {itoa(x.a.ID)}}
	code, loc, _ = x.postRead(c, "/admin/users/"+itoa(pnv.ID), form)
	if _, body := x.get(c, loc); code != http.StatusSeeOther || !strings.Contains(html.UnescapeString(body), "Đã lưu thay đổi của người dùng “pnv”.") {
		t.Errorf("user saved: %d to %s:\n%s", code, loc, body)
	}
	form.Set("password", "một mật khẩu mới toanh")
	code, loc, _ = x.postRead(c, "/admin/users/"+itoa(pnv.ID), form)
	if _, body := x.get(c, loc); code != http.StatusSeeOther || !strings.Contains(html.UnescapeString(body), "Người này đã bị đăng xuất khỏi mọi nơi") {
		t.Errorf("password reset: %d to %s:\n%s", code, loc, body)
	}
	if code, _ := x.get(reporter, "/account"); code != http.StatusSeeOther {
		t.Errorf("the user's session after a reset: %d, want 303 to log in", code)
	}
	code, loc, _ = x.postRead(c, "/admin/users", url.Values{"username": {"ptp"}, "role": {"reader"}, "password": {"mật khẩu ban đầu dài"}})
	if _, body := x.get(c, loc); code != http.StatusSeeOther || !strings.Contains(html.UnescapeString(body), "Đã thêm người dùng “ptp”.") {
		t.Errorf("user created: %d to %s:\n%s", code, loc, body)
	}
}

// The unit form refuses an alias that is another unit's name, naming it.
func TestUnitFormAliasClash(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	code, _, body := x.postRead(c, "/admin/units", url.Values{"code": {"ptp"}, "name": {"Phòng Tư pháp"}, "aliases": {"Phòng TP\nphong noi  VU"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Tên gọi khác “phong noi  VU” trùng với tên của đơn vị “Phòng Nội vụ” (mã pnv)") ||
		!strings.Contains(body, "Phòng TP\nphong noi  VU</textarea>") {
		t.Errorf("alias clash: %d, want 422 naming Phòng Nội vụ with the input kept:\n%s", code, body)
	}
}

// The import's preview flags a row that changes the importer's own role.
func TestBulkPreviewFlagsOwnAccount(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	if err := x.st.CreateUser(context.Background(), store.Actor{}, &tiendo.User{Username: "admin2", Role: tiendo.RoleAdmin}, pw); err != nil {
		t.Fatal(err)
	}
	c := x.login("admin")
	_, body := x.previewOf(c, workbook(t, &bulk.File{Users: []bulk.UserRow{{Username: "admin", FullName: "Quản trị hệ thống", Role: "Người xem"}}}))
	body = html.UnescapeString(body)
	if !strings.Contains(body, "đổi tài khoản của chính bạn (admin)") || !strings.Contains(body, "vai trò “Quản trị” → “Người xem”") {
		t.Errorf("preview does not flag the importer's own row:\n%s", body)
	}
	// Without the second admin the row is an error: nothing can be applied.
	u := x.user("admin2")
	u.Role = tiendo.RoleReader
	if err := x.st.UpdateUser(context.Background(), store.Actor{}, u); err != nil {
		t.Fatal(err)
	}
	_, body = x.previewOf(c, workbook(t, &bulk.File{Users: []bulk.UserRow{{Username: "admin", FullName: "Quản trị hệ thống", Role: "Người xem"}}}))
	body = html.UnescapeString(body)
	if !strings.Contains(body, "quản trị hệ thống cuối cùng còn hoạt động") || strings.Contains(body, "Xác nhận nhập vào hệ thống") {
		t.Errorf("preview of the last admin's demotion: want an error and no confirm button:\n%s", body)
	}
}
