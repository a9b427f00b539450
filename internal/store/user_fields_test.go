package store_test

import (
	"slices"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// A new user's form is checked in one pass: a bad e-mail, a missing unit
// and a short password are reported together, not one per try.
func TestCreateUserReportsEveryField(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name string
		u    tiendo.User
		pw   string
		want []string
	}{
		{"e-mail, unit and password", tiendo.User{Username: "canbo", Email: "a@x", Role: tiendo.RoleReporter}, "ngắn", []string{"email", "password", "unit_id"}},
		{"username and password", tiendo.User{Username: "Cán Bộ", Role: tiendo.RoleOffice}, "matkhau123", []string{"password", "username"}},
		{"role and e-mail", tiendo.User{Username: "canbo", Email: "canbo@gmailcom", Role: "sếp"}, "một câu đủ dài để nhớ", []string{"email", "role"}},
		{"the password is the username", tiendo.User{Username: "canbo2026", Email: "x", Role: tiendo.RoleOffice}, "canbo2026!!", []string{"email", "password"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.u
			err := f.s.CreateUser(ctx, store.Actor{}, &u, tc.pw)
			var got []string
			for k, msg := range fields(err) {
				if msg == "" {
					t.Errorf("field %s: empty message", k)
				}
				got = append(got, k)
			}
			slices.Sort(got)
			if code(err) != tiendo.EINVALID || !slices.Equal(got, tc.want) {
				t.Errorf("CreateUser: %v with fields %v; want invalid with %v", err, got, tc.want)
			}
			if msg := tiendo.ErrorMessage(err); msg != "Thông tin người dùng chưa hợp lệ, vui lòng sửa các ô được đánh dấu." {
				t.Errorf("message %q; want the one that says to fix the marked fields", msg)
			}
			if _, err := f.s.UserByUsername(ctx, u.Username); code(err) != tiendo.ENOTFOUND {
				t.Errorf("the user was created anyway: %v", err)
			}
		})
	}
	// One problem alone keeps its own message.
	err := f.s.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "motloi", Role: tiendo.RoleOffice}, "ngắn")
	if tiendo.ErrorMessage(err) != "Mật khẩu quá ngắn." || len(fields(err)) != 1 {
		t.Errorf("a short password alone: %v %v; want “Mật khẩu quá ngắn.” on the password field", err, fields(err))
	}
}

// The user form's save of details and a new password is one: a refused
// password reports with the other fields' problems and saves nothing; an
// accepted one saves both, ends the user's sessions and is audited.
func TestUpdateUserAndPassword(t *testing.T) {
	f := newFixture(t)
	u := newUser(t, f.s, "sua")
	secret, err := f.s.CreateSession(ctx, u.ID, "10.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}

	changed := *u
	changed.FullName, changed.Email = "Nguyễn Thị Sửa", "sua@x"
	err = f.s.UpdateUserAndPassword(ctx, store.Actor{}, &changed, "ngắn", true)
	if got := fields(err); code(err) != tiendo.EINVALID || got["email"] == "" || got["password"] == "" || len(got) != 2 {
		t.Errorf("bad e-mail and short password: %v %v; want both fields", err, got)
	}
	changed = *u
	changed.FullName = "Nguyễn Thị Sửa"
	if err := f.s.UpdateUserAndPassword(ctx, store.Actor{}, &changed, "ngắn", true); fields(err)["password"] == "" {
		t.Errorf("short password alone: %v; want the password field", err)
	}
	if got, _ := f.s.User(ctx, u.ID); got.FullName != "" {
		t.Errorf("a refused password saved the other changes: name %q", got.FullName)
	}
	if _, err := f.s.Authenticate(ctx, "sua", "một mật khẩu khác hẳn"); err != nil {
		t.Errorf("the old password after a refused change: %v", err)
	}
	if _, err := f.s.SessionUser(ctx, secret); err != nil {
		t.Errorf("a refused change ended the session: %v", err)
	}

	if err := f.s.UpdateUserAndPassword(ctx, store.Actor{UserID: f.office.ID}, &changed, sentenceNFD, true); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.User(ctx, u.ID)
	if got.FullName != "Nguyễn Thị Sửa" || !got.MustChangePassword {
		t.Errorf("after saving: %+v; want the new name and must change", got)
	}
	if _, err := f.s.Authenticate(ctx, "sua", sentenceNFC); err != nil {
		t.Errorf("the new password: %v", err)
	}
	if _, err := f.s.SessionUser(ctx, secret); err == nil {
		t.Error("the new password left the user's session open")
	}
	rows, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "user", EntityID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, r := range rows {
		actions = append(actions, r.Action)
	}
	if len(actions) < 2 || actions[0] != "set_password" || actions[1] != "update" {
		t.Errorf("audit (newest first) %v; want set_password after update", actions)
	}
}
