package store_test

import (
	"errors"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/store"
)

// mustChange reads whether user id must change their password, as the
// admin's pages see it.
func mustChange(t *testing.T, s *store.Store, id int64) bool {
	t.Helper()
	u, err := s.User(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return u.MustChangePassword
}

// A user an administrator made with a password they know must change it:
// the flag is stored, read with the user wherever a request finds them (a
// login, a session), and cleared when the user sets their own password.
func TestMustChangePasswordFollowsTheUser(t *testing.T) {
	f := newFixture(t)
	if mustChange(t, f.s, f.repA.ID) {
		t.Fatal("a user created without the flag must not have it (existing users keep working)")
	}
	u := &tiendo.User{Username: "canbo", Role: tiendo.RoleReporter, UnitID: f.a.ID, MustChangePassword: true}
	if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu quản trị đặt"); err != nil {
		t.Fatal(err)
	}
	if !mustChange(t, f.s, u.ID) {
		t.Fatal("CreateUser dropped MustChangePassword")
	}
	byName, err := f.s.UserByUsername(ctx, "canbo")
	if err != nil || !byName.MustChangePassword {
		t.Errorf("UserByUsername: %+v, %v: want the flag", byName, err)
	}
	logged, err := f.s.Authenticate(ctx, "canbo", "mật khẩu quản trị đặt")
	if err != nil || !logged.MustChangePassword {
		t.Errorf("Authenticate: %+v, %v: want the flag, for the login page to act on", logged, err)
	}
	secret, err := f.s.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if su, err := f.s.SessionUser(ctx, secret); err != nil || !su.MustChangePassword {
		t.Errorf("SessionUser: %+v, %v: want the user, with the flag", su, err)
	}
	users, err := f.s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range users {
		if x.MustChangePassword != (x.ID == u.ID) {
			t.Errorf("Users: %s has MustChangePassword %v", x.Username, x.MustChangePassword)
		}
	}

	// The user sets their own: the flag goes.
	if err := f.s.SetPassword(ctx, store.Actor{UserID: u.ID}, u.ID, "mật khẩu riêng của tôi"); err != nil {
		t.Fatal(err)
	}
	if mustChange(t, f.s, u.ID) {
		t.Error("SetPassword (the user's own) left the flag")
	}

	// An administrator resets it and asks again; or resets it without asking.
	if err := f.s.ResetPassword(ctx, store.Actor{}, u.ID, "mật khẩu đặt lại lần hai", true); err != nil {
		t.Fatal(err)
	}
	if !mustChange(t, f.s, u.ID) {
		t.Error("ResetPassword(must change) did not set the flag")
	}
	if _, err := f.s.Authenticate(ctx, "canbo", "mật khẩu đặt lại lần hai"); err != nil {
		t.Errorf("the reset password does not work: %v", err)
	}
	log, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "user", EntityID: u.ID, Action: "set_password", Limit: 1})
	if err != nil || len(log) != 1 || !strings.Contains(log[0].After, `"must_change_password":true`) {
		t.Errorf("audit of the reset: %+v, %v: want must_change_password in it", log, err)
	}
	if err := f.s.ResetPassword(ctx, store.Actor{}, u.ID, "mật khẩu đặt lại lần ba", false); err != nil {
		t.Fatal(err)
	}
	if mustChange(t, f.s, u.ID) {
		t.Error("ResetPassword(no change asked) set the flag")
	}
	// A refused password changes nothing, the flag included.
	if err := f.s.ResetPassword(ctx, store.Actor{}, u.ID, "ngắn", true); code(err) != tiendo.EINVALID {
		t.Errorf("short password: %v, want invalid", err)
	}
	if mustChange(t, f.s, u.ID) {
		t.Error("a refused reset set the flag")
	}
}

// "tiendo user must-change" asks for a new password without resetting it:
// open sessions stay (the pages lead to the password form), but the API
// refuses the user's tokens and issues no new one, with a 403 saying why.
func TestSetMustChangePasswordRefusesTheAPI(t *testing.T) {
	f := newFixture(t)
	token, _, err := f.s.CreateToken(ctx, f.repA.ID, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	secret, err := f.s.CreateSession(ctx, f.repA.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetMustChangePassword(ctx, store.Actor{}, f.repA.ID, true); err != nil {
		t.Fatal(err)
	}
	if su, err := f.s.SessionUser(ctx, secret); err != nil || !su.MustChangePassword {
		t.Errorf("the open session: %+v, %v: want it kept, with the flag", su, err)
	}
	if _, err := f.s.TokenUser(ctx, token); !errors.Is(err, store.ErrMustChangePassword) || code(err) != tiendo.EFORBIDDEN {
		t.Errorf("TokenUser: %v, want ErrMustChangePassword (forbidden)", err)
	}
	if _, _, err := f.s.CreateToken(ctx, f.repA.ID, "127.0.0.1"); !errors.Is(err, store.ErrMustChangePassword) {
		t.Errorf("CreateToken: %v, want ErrMustChangePassword", err)
	}
	if toks, err := f.s.Tokens(ctx, f.repA.ID, ""); err != nil || len(toks) != 1 {
		t.Errorf("tokens after the refusal: %d, %v: want the old one alone, no new one written", len(toks), err)
	}
	// Other users' tokens are not touched.
	if _, _, err := f.s.CreateToken(ctx, f.repB.ID, "127.0.0.1"); err != nil {
		t.Errorf("another user's token: %v", err)
	}
	log, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "user", EntityID: f.repA.ID, Action: "update", Limit: 1})
	if err != nil || len(log) != 1 || !strings.Contains(log[0].After, `"must_change_password":true`) {
		t.Errorf("audit: %+v, %v: want the change logged", log, err)
	}

	// Once the user has chosen their own, the API works again, with a new
	// token (the change ended the old ones).
	if err := f.s.SetPassword(ctx, store.Actor{UserID: f.repA.ID}, f.repA.ID, "mật khẩu riêng của tôi"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.TokenUser(ctx, token); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("the old token after the change: %v, want unauthorized (ended)", err)
	}
	fresh, _, err := f.s.CreateToken(ctx, f.repA.ID, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if u, err := f.s.TokenUser(ctx, fresh); err != nil || u.ID != f.repA.ID {
		t.Errorf("a new token after the change: %v, %v", u, err)
	}

	// Lifting the requirement; an unknown user.
	if err := f.s.SetMustChangePassword(ctx, store.Actor{}, f.repB.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetMustChangePassword(ctx, store.Actor{}, f.repB.ID, false); err != nil || mustChange(t, f.s, f.repB.ID) {
		t.Errorf("lifting the requirement: %v, flag %v", err, mustChange(t, f.s, f.repB.ID))
	}
	if err := f.s.SetMustChangePassword(ctx, store.Actor{}, 999999, true); code(err) != tiendo.ENOTFOUND {
		t.Errorf("unknown user: %v, want not found", err)
	}
}

// Users the Excel import adds get a password the administrator knows (typed
// in the file, or made and shown once): they must change it. A user who
// changes their password between the preview and the confirmation does not
// make the import refuse as "changed meanwhile".
func TestBulkNewUsersMustChangePassword(t *testing.T) {
	f := newFixture(t)
	file := &bulk.File{Users: []bulk.UserRow{
		{Username: "canbo1", Role: "Cán bộ đơn vị", Unit: "pnv", Password: "mật khẩu trong tệp"},
		{Username: "canbo2", Role: "Cán bộ đơn vị", Unit: "cah"},
	}}
	res, err := f.s.ApplyBulk(ctx, store.Actor{}, file, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.UsersAdded != 2 {
		t.Fatalf("result %+v, want two users added", res)
	}
	for _, name := range []string{"canbo1", "canbo2"} {
		u, err := f.s.UserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if !u.MustChangePassword {
			t.Errorf("%s: imported without MustChangePassword", name)
		}
	}
	if mustChange(t, f.s, f.repA.ID) {
		t.Error("the import set the flag on a user it did not add")
	}

	// The same file again, previewed; canbo1 changes their password; the
	// confirmation still goes through.
	file.Users[0].FullName, file.Users[0].Password = "Nguyễn Văn Một", ""
	plan, err := f.s.PlanBulk(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	one, _ := f.s.UserByUsername(ctx, "canbo1")
	if err := f.s.SetPassword(ctx, store.Actor{UserID: one.ID}, one.ID, "mật khẩu riêng của tôi"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ApplyBulk(ctx, store.Actor{}, file, plan.Fingerprint(), 0); err != nil {
		t.Errorf("the import after a user changed their password: %v, want it applied", err)
	}
	if one, _ := f.s.User(ctx, one.ID); one.FullName != "Nguyễn Văn Một" || one.MustChangePassword {
		t.Errorf("canbo1 after the second import: %+v: want the new name, and the flag not set again", one)
	}
}
