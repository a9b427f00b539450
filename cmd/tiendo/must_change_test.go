package main

import (
	"context"
	"strings"
	"testing"

	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// The command line hands over passwords too: "user add" and "user passwd"
// make the user choose their own at the next login unless told
// -must-change=false, and "user must-change" asks for it (or, with -off,
// stops asking) without touching the password.
func TestUserMustChangeCommands(t *testing.T) {
	dsn := storetest.DSN(t)
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(name string) bool {
		t.Helper()
		u, err := st.UserByUsername(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		return u.MustChangePassword
	}

	out, err := runCmd(t, "mật khẩu đủ dài\n", "user", "add", "-database-url", dsn, "-username", "vanphong", "-role", "office")
	if err != nil || !strings.Contains(out, "phải tự đặt mật khẩu mới") {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	if !must("vanphong") {
		t.Error("user add: the new user need not change the password")
	}
	if out, err := runCmd(t, "", "user", "list", "-database-url", dsn); err != nil || !strings.Contains(out, "phải đổi mật khẩu") {
		t.Errorf("user list does not show it: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "mật khẩu đủ dài\n", "user", "add", "-database-url", dsn, "-username", "quantri", "-role", "admin", "-must-change=false"); err != nil || strings.Contains(out, "phải tự đặt") {
		t.Fatalf("user add -must-change=false: %v\n%s", err, out)
	}
	if must("quantri") {
		t.Error("user add -must-change=false: the user must change the password")
	}

	// A reset asks again; -must-change=false does not.
	if out, err := runCmd(t, "mật khẩu đặt lại dài\n", "user", "passwd", "-database-url", dsn, "-username", "quantri"); err != nil {
		t.Fatalf("user passwd: %v\n%s", err, out)
	}
	if !must("quantri") {
		t.Error("user passwd: the reset did not ask for a change")
	}
	if out, err := runCmd(t, "mật khẩu đặt lại lần hai\n", "user", "passwd", "-database-url", dsn, "-username", "quantri", "-must-change=false"); err != nil {
		t.Fatalf("user passwd -must-change=false: %v\n%s", err, out)
	}
	if must("quantri") {
		t.Error("user passwd -must-change=false asked for a change")
	}
	if _, err := st.Authenticate(context.Background(), "quantri", "mật khẩu đặt lại lần hai"); err != nil {
		t.Errorf("the reset password does not work: %v", err)
	}

	// must-change, and -off, keep the password.
	if out, err := runCmd(t, "", "user", "must-change", "quantri", "-database-url", dsn); err != nil || !strings.Contains(out, "phải đặt mật khẩu mới") {
		t.Fatalf("user must-change: %v\n%s", err, out)
	}
	if !must("quantri") {
		t.Error("user must-change did not ask for a change")
	}
	if _, err := st.Authenticate(context.Background(), "quantri", "mật khẩu đặt lại lần hai"); err != nil {
		t.Errorf("user must-change changed the password: %v", err)
	}
	if out, err := runCmd(t, "", "user", "must-change", "quantri", "-off", "-database-url", dsn); err != nil || !strings.Contains(out, "Đã bỏ yêu cầu") {
		t.Fatalf("user must-change -off: %v\n%s", err, out)
	}
	if must("quantri") {
		t.Error("user must-change -off left the requirement")
	}
	if out, err := runCmd(t, "", "user", "must-change", "khongco", "-database-url", dsn); err == nil {
		t.Errorf("must-change of an unknown user:\n%s", out)
	}
}
