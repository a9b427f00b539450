package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// The way back when nobody can administer: the CLI unlocks an account and
// gives it a role; the store still refuses to take away the last admin.
func TestUserRecoveryCommands(t *testing.T) {
	dsn := storetest.DSN(t)
	for _, name := range []string{"quantri", "vanphong"} {
		role := map[string]string{"quantri": "admin", "vanphong": "office"}[name]
		if out, err := runCmd(t, "mật khẩu đủ dài\n", "user", "add", "-database-url", dsn, "-username", name, "-role", role); err != nil {
			t.Fatalf("user add %s: %v\n%s", name, err, out)
		}
	}
	// The last admin can be neither locked nor demoted, here either.
	if out, err := runCmd(t, "", "user", "disable", "quantri", "-database-url", dsn); err == nil || !strings.Contains(err.Error(), "quản trị hệ thống cuối cùng") {
		t.Errorf("disable the last admin: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "", "user", "role", "quantri", "reader", "-database-url", dsn); err == nil || !strings.Contains(err.Error(), "quản trị hệ thống cuối cùng") {
		t.Errorf("demote the last admin: %v\n%s", err, out)
	}
	// Make vanphong an admin, lock quantri, then bring quantri back.
	if out, err := runCmd(t, "", "user", "role", "vanphong", "admin", "-database-url", dsn); err != nil || !strings.Contains(out, "Quản trị") {
		t.Fatalf("user role: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "", "user", "disable", "-database-url", dsn, "-username", "quantri"); err != nil {
		t.Fatalf("user disable: %v\n%s", err, out)
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Authenticate(context.Background(), "quantri", "mật khẩu đủ dài"); tiendo.ErrorCode(err) != tiendo.EUNAUTHORIZED {
		t.Fatalf("a locked account logged in: %v", err)
	}
	if out, err := runCmd(t, "", "user", "enable", "quantri", "-database-url", dsn); err != nil || !strings.Contains(out, "Đã mở khóa") {
		t.Fatalf("user enable: %v\n%s", err, out)
	}
	if u, err := st.Authenticate(context.Background(), "quantri", "mật khẩu đủ dài"); err != nil || u.Role != tiendo.RoleAdmin {
		t.Errorf("after enable: %v, %v", u, err)
	}
	if out, err := runCmd(t, "", "user", "role", "vanphong", "reporter", "-database-url", dsn); err == nil || !strings.Contains(err.Error(), "đơn vị") {
		t.Errorf("a unit role without a unit: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "", "user", "role", "vanphong", "sếp", "-database-url", dsn); err == nil {
		t.Errorf("an unknown role accepted:\n%s", out)
	}
	if out, err := runCmd(t, "", "user", "enable", "khongco", "-database-url", dsn); err == nil {
		t.Errorf("enable an unknown user:\n%s", out)
	}
}

// An administrator who lost their phone and their recovery codes, with no
// other administrator to turn the second factor off on the page: the CLI
// does it, and the audit log says so.
func TestUserTwoFactorOffCommand(t *testing.T) {
	dsn := storetest.DSN(t)
	if out, err := runCmd(t, "mật khẩu đủ dài\n", "user", "add", "-database-url", dsn, "-username", "quantri", "-role", "admin", "-must-change=false"); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.UserByUsername(ctx, "quantri")
	if err != nil {
		t.Fatal(err)
	}
	secret, err := st.StartTwoFactor(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := totp.GenerateCode(secret, time.Now())
	if _, err := st.EnableTwoFactor(ctx, store.DefaultThrottle, store.Actor{UserID: u.ID}, u, code, ""); err != nil {
		t.Fatal(err)
	}
	if out, err := runCmd(t, "", "user", "2fa-off", "quantri", "-database-url", dsn); err != nil || !strings.Contains(out, "Đã tắt xác thực hai bước") {
		t.Fatalf("user 2fa-off: %v\n%s", err, out)
	}
	if lu, err := st.Login(ctx, store.DefaultThrottle, "quantri", "mật khẩu đủ dài", "192.0.2.1"); err != nil || lu.TwoFactor {
		t.Errorf("login after 2fa-off: %+v %v, want the password enough", lu, err)
	}
	if out, err := runCmd(t, "", "user", "2fa-off", "quantri", "-database-url", dsn); err == nil {
		t.Errorf("2fa-off when off: no error\n%s", out)
	}
	rows, _ := st.AuditLog(ctx, "user", 50)
	found := false
	for _, r := range rows {
		found = found || r.Action == "totp_reset"
	}
	if !found {
		t.Error("audit lacks totp_reset")
	}
}
