package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// runEnv runs the command with environment env, cancelled after 20 seconds
// so that a server that should have refused to start does not hang the test.
func runEnv(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out, errOut bytes.Buffer
	err := run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	return out.String() + errOut.String(), err
}

// TestTOTPKeyCommand: `tiendo totp-key FILE` writes a key the server reads,
// readable by its owner only, and never overwrites one.
func TestTOTPKeyCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "totp.key")
	if out, err := runCmd(t, "", "totp-key", path); err != nil || !strings.Contains(out, "TIENDO_TOTP_KEY_FILE") {
		t.Fatalf("totp-key: %v\n%s", err, out)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	if _, err := store.ReadTOTPKeyFile(path); err != nil {
		t.Errorf("the key written is not read: %v", err)
	}
	before, _ := os.ReadFile(path)
	if out, err := runCmd(t, "", "totp-key", path); err == nil {
		t.Errorf("totp-key overwrote a key file:\n%s", out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the key file changed")
	}
}

// TestTOTPKeyFileAtStart: the commands open the store with the key file
// TIENDO_TOTP_KEY_FILE names (the keys in the clear are wrapped), and one
// that is not a key stops them before they serve or change anything.
func TestTOTPKeyFileAtStart(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dsn := storetest.DSN(t)
	for _, bad := range []string{
		filepath.Join(dir, "none.key"),
		write("text.key", "không phải khóa\n"),
		write("short.key", "AAECAwQFBgcICQoLDA0ODw==\n"),
	} {
		env := map[string]string{"TIENDO_DATABASE_URL": dsn, "TIENDO_TOTP_KEY_FILE": bad}
		for _, args := range [][]string{{"migrate"}, {"serve", "-addr", "127.0.0.1:0"}} {
			out, err := runEnv(t, env, args...)
			if err == nil || !strings.Contains(err.Error(), "TIENDO_TOTP_KEY_FILE") || strings.Contains(out, "http://") {
				t.Errorf("%s with key file %s: %v\n%s\nwant refused before start, naming TIENDO_TOTP_KEY_FILE", args[0], filepath.Base(bad), err, out)
			}
		}
	}

	// A key in the clear, from before the setting: the next command with
	// the key file wraps it.
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	u := &tiendo.User{Username: "vanphong", Role: tiendo.RoleOffice}
	if err := st.CreateUser(context.Background(), store.Actor{}, u, "mật khẩu đủ dài"); err != nil {
		t.Fatal(err)
	}
	secret, err := st.StartTwoFactor(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := totp.GenerateCode(secret, time.Now())
	if _, err := st.EnableTwoFactor(context.Background(), store.DefaultThrottle, store.Actor{UserID: u.ID}, u, code, ""); err != nil {
		t.Fatal(err)
	}
	st.Close()
	keyFile := filepath.Join(dir, "totp.key")
	if out, err := runCmd(t, "", "totp-key", keyFile); err != nil {
		t.Fatalf("totp-key: %v\n%s", err, out)
	}
	if out, err := runEnv(t, map[string]string{"TIENDO_DATABASE_URL": dsn, "TIENDO_TOTP_KEY_FILE": keyFile}, "migrate"); err != nil {
		t.Fatalf("migrate with the key file: %v\n%s", err, out)
	}
	// Without the key file the key no longer reads: it was wrapped.
	st, err = store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	code, _ = totp.GenerateCode(secret, time.Now().Add(30*time.Second))
	if err := st.CheckSecondFactor(context.Background(), store.DefaultThrottle, u, code, "192.0.2.1"); !strings.Contains(tiendo.ErrorMessage(err), "quản trị") {
		t.Errorf("code of a key the command should have wrapped, read without the key: %v, want the key-unavailable error", err)
	}
}
