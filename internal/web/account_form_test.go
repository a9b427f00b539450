package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// autofocusRE finds the ids of the controls that take the focus.
var autofocusRE = regexp.MustCompile(`<(?:input|select)[^>]* id="([^"]+)"[^>]*\bautofocus\b`)

// focused returns the ids of body's autofocus controls.
func focused(body string) []string {
	var ids []string
	for _, m := range autofocusRE.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// topError returns the refused form's message at the top of body.
func topError(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<div class="alert" role="alert" id="form-error">.*?</div>`).FindString(body)
	if m == "" {
		t.Fatalf("no message at the top of the refused form:\n%s", body)
	}
	return m
}

// A new user's form with a bad e-mail, no unit and a short password shows
// all three at once, beside their fields, links to each from the message
// at the top and puts the focus on the first; the password typed is not
// sent back.
func TestUserFormShowsEveryError(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	form := url.Values{"username": {"canbo"}, "email": {"a@x"}, "role": {"reporter"}, "unit_id": {"0"}, "password": {"ngắn-4"}, "must_change": {"on"}}
	code, _, body := x.postRead(c, "/admin/users", form)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("create: %d, want 422:\n%s", code, body)
	}
	for _, id := range []string{"email-err", "unit-err", "pw-err"} {
		if !strings.Contains(body, `id="`+id+`"`) {
			t.Errorf("no %s beside its field", id)
		}
	}
	top := topError(t, body)
	for _, link := range []string{`<a href="#email">Thư điện tử</a>`, `<a href="#unit_id">Đơn vị</a>`, `<a href="#password">Mật khẩu</a>`} {
		if !strings.Contains(top, link) {
			t.Errorf("the message at the top has no link %s:\n%s", link, top)
		}
	}
	if got := focused(body); len(got) != 1 || got[0] != "email" {
		t.Errorf("autofocus on %v, want the first field to fix, email", got)
	}
	if strings.Contains(body, "ngắn-4") {
		t.Error("the refused form sends the password back in the page")
	}
	if strings.Contains(body, "must-change-state") {
		t.Error("the new user's form says a person who does not exist yet has not changed their password")
	}
	if x.userExists("canbo") {
		t.Fatal("the refused user was created")
	}

	// The password was acceptable and the form refused for the e-mail
	// alone: the field is empty, and says why and to type it again.
	form.Set("password", "một câu dài dễ nhớ")
	form.Set("unit_id", itoa(x.a.ID))
	code, _, body = x.postRead(c, "/admin/users", form)
	if code != http.StatusUnprocessableEntity || strings.Contains(body, "một câu dài dễ nhớ") {
		t.Fatalf("create with a bad e-mail: %d, want 422 without the password in the page", code)
	}
	if !strings.Contains(body, `aria-describedby="pw-again"`) || !strings.Contains(body, "Vì an toàn") || strings.Contains(body, `id="pw-err"`) {
		t.Errorf("the cleared password field does not say to type it again:\n%s", body)
	}
	if top := topError(t, body); !strings.Contains(top, `<a href="#email">Thư điện tử</a>, <a href="#password">Mật khẩu (nhập lại)</a>`) {
		t.Errorf("the message at the top: %s; want links to the e-mail and to the password to type again", top)
	}
	if got := focused(body); len(got) != 1 || got[0] != "email" {
		t.Errorf("autofocus on %v, want email", got)
	}

	form.Set("email", "canbo@pnv.gov.vn")
	if code, _, body := x.postRead(c, "/admin/users", form); code != http.StatusSeeOther {
		t.Fatalf("create once fixed: %d:\n%s", code, body)
	}
	// Editing someone who must still change their password says so.
	if _, body := x.get(c, "/admin/users/"+itoa(x.user("canbo").ID)); !strings.Contains(body, "must-change-state") {
		t.Error("editing a user who must change their password does not say so")
	}
	if _, body := x.get(c, "/admin/users/new"); strings.Contains(body, "must-change-state") || len(focused(body)) != 0 {
		t.Errorf("the blank form: a note about the password, or a focus (%v)", focused(body))
	}
}

func (x *app) userExists(name string) bool {
	_, err := x.st.UserByUsername(context.Background(), name)
	return err == nil
}

// Editing a user with a bad e-mail and a short new password reports both
// and saves nothing: before, the details were saved and the form came back
// for the password.
func TestUserEditShowsEveryErrorSavesNothing(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	pnv := x.user("pnv")
	path := "/admin/users/" + itoa(pnv.ID)
	form := url.Values{"username": {"pnv"}, "full_name": {"Trần Văn Nội"}, "email": {"pnv@x"}, "role": {"reporter"}, "unit_id": {itoa(x.a.ID)}, "password": {"ngắn"}}
	code, _, body := x.postRead(c, path, form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="email-err"`) || !strings.Contains(body, `id="pw-err"`) {
		t.Fatalf("edit: %d, want 422 with the e-mail's and the password's messages:\n%s", code, body)
	}
	if got := focused(body); len(got) != 1 || got[0] != "email" {
		t.Errorf("autofocus on %v, want email", got)
	}
	form.Set("email", "")
	code, _, body = x.postRead(c, path, form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="pw-err"`) {
		t.Fatalf("edit with a short password: %d, want 422:\n%s", code, body)
	}
	if got := focused(body); len(got) != 1 || got[0] != "password" {
		t.Errorf("autofocus on %v, want password", got)
	}
	if u := x.user("pnv"); u.FullName != "" {
		t.Errorf("a refused password saved the other changes: name %q", u.FullName)
	}
	// The last administrator's lock, refused beside the switch: focus
	// there, and the new password typed is to be typed again.
	admin := x.user("admin")
	form = url.Values{"username": {"admin"}, "role": {"admin"}, "disabled": {"on"}, "password": {"một câu dài dễ nhớ"}}
	code, _, body = x.postRead(c, "/admin/users/"+itoa(admin.ID), form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="disabled-err"`) || !strings.Contains(body, `id="pw-again"`) {
		t.Fatalf("lock the last admin: %d, want 422 beside the switch and the password to type again:\n%s", code, body)
	}
	if got := focused(body); len(got) != 1 || got[0] != "disabled" {
		t.Errorf("autofocus on %v, want disabled", got)
	}
	// With another administrator, the change is asked to be confirmed:
	// the focus goes to the box, and the password is to be typed again.
	if err := x.st.CreateUser(context.Background(), store.Actor{}, &tiendo.User{Username: "quantri2", Role: tiendo.RoleAdmin}, pw); err != nil {
		t.Fatal(err)
	}
	code, _, body = x.postRead(c, "/admin/users/"+itoa(admin.ID), form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `name="confirm_self"`) || !strings.Contains(body, `id="pw-again"`) {
		t.Fatalf("lock oneself: %d, want 422 asking to confirm and the password to type again:\n%s", code, body)
	}
	if got := focused(body); len(got) != 1 || got[0] != "confirm_self" {
		t.Errorf("autofocus on %v, want confirm_self", got)
	}
}

// A refused password change shows every problem at once, links to each
// field and puts the focus on the first; the form comes before the
// sessions and tokens for everyone but an administrator.
func TestAccountPasswordShowsEveryError(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("huyenuy")
	code, _, body := x.postRead(c, "/account/password", url.Values{"current_password": {"sai mật khẩu rồi"}, "password": {"ngắn"}, "password_confirm": {"ngắn khác"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("change: %d, want 422", code)
	}
	for _, want := range []string{"Mật khẩu hiện tại không đúng", "ít nhất 10 ký tự", "Hai lần nhập mật khẩu mới chưa giống nhau", "Vì an toàn"} {
		if !strings.Contains(body, want) {
			t.Errorf("no %q on the refused form", want)
		}
	}
	top := topError(t, body)
	if !strings.Contains(top, `<a href="#current_password">Mật khẩu hiện tại</a>, <a href="#password">Mật khẩu mới</a>, <a href="#password_confirm">Nhập lại mật khẩu mới</a>`) {
		t.Errorf("the message at the top does not link to the three fields:\n%s", top)
	}
	if got := focused(body); len(got) != 1 || got[0] != "current_password" {
		t.Errorf("autofocus on %v, want current_password", got)
	}
	if form, sessions := strings.Index(body, `action="/account/password"`), strings.Index(body, "<h2>Phiên đăng nhập</h2>"); form < 0 || sessions < 0 || form > sessions {
		t.Errorf("a reader's password form at %d, the sessions at %d: want the form first", form, sessions)
	}

	// The right current password: the new one's problem alone.
	code, _, body = x.postRead(c, "/account/password", url.Values{"current_password": {pw}, "password": {"ngắn"}, "password_confirm": {"ngắn"}})
	if got := focused(body); code != http.StatusUnprocessableEntity || len(got) != 1 || got[0] != "password" || strings.Contains(body, `id="cur-err"`) {
		t.Errorf("short new password: %d, autofocus on %v; want 422 and password, the current one not marked", code, got)
	}

	// An administrator's page keeps the sessions and tokens first; the
	// focus takes them to the field.
	a := x.login("admin")
	code, _, body = x.postRead(a, "/account/password", url.Values{"current_password": {pw}, "password": {"một câu mới dễ nhớ"}, "password_confirm": {"một câu khác"}})
	if got := focused(body); code != http.StatusUnprocessableEntity || len(got) != 1 || got[0] != "password_confirm" {
		t.Errorf("admin, confirm differs: %d, autofocus on %v; want 422 and password_confirm", code, got)
	}
	if form, sessions := strings.Index(body, `action="/account/password"`), strings.Index(body, "<h2>Phiên đăng nhập</h2>"); form < sessions {
		t.Errorf("the admin's password form at %d, the sessions at %d: want the sessions first", form, sessions)
	}
}

// The sentence the account page suggests, precomposed and as Unikey's
// "Unicode tổ hợp" sends it.
const (
	sentenceNFC    = "cây bàng trước sân phòng giáo dục"
	sentenceUnikey = "c\u00e2y ba\u0300ng tr\u01b0\u01a1\u0301c s\u00e2n pho\u0300ng gia\u0301o du\u0323c"
)

// A password is the same however the keyboard encodes its letters: set on
// the account page one way, typed at the login page the other; the two
// entries of the new password may differ in encoding, and the current one
// typed again in another encoding is still the current one.
func TestAccountPasswordEncodings(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	code, _, body := x.postRead(c, "/account/password", url.Values{"current_password": {pw}, "password": {sentenceUnikey}, "password_confirm": {sentenceNFC}})
	if code != http.StatusSeeOther {
		t.Fatalf("change to the sentence, confirmed in another encoding: %d, want 303:\n%s", code, body)
	}
	for name, typed := range map[string]string{"NFC": sentenceNFC, "Unikey": sentenceUnikey} {
		if code, _, _ := x.postRead(x.client(), "/login", url.Values{"username": {"pnv"}, "password": {typed}}); code != http.StatusSeeOther {
			t.Errorf("login typed %s: %d, want 303", name, code)
		}
	}
	c = x.client()
	if code, _, _ := x.postRead(c, "/login", url.Values{"username": {"pnv"}, "password": {sentenceNFC}}); code != http.StatusSeeOther {
		t.Fatal("login")
	}
	code, _, body = x.postRead(c, "/account/password", url.Values{"current_password": {sentenceNFC}, "password": {sentenceUnikey}, "password_confirm": {sentenceUnikey}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Mật khẩu mới trùng với mật khẩu hiện tại") {
		t.Errorf("the current password again, in another encoding: %d, want 422 saying it is the same", code)
	}
}
