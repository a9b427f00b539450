package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tiendo/internal/store"
)

// A user who must change the password an administrator set gets a 403
// saying so, in JSON, from every endpoint: a token they held before is
// refused, and none is issued. The API has no way to change a password, so
// nothing is left open; once they change it on the pages, it works again.
func TestMustChangePasswordRefusesTheAPI(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	old := x.login("pnv")
	pnv, err := x.st.UserByUsername(ctx, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	if err := x.st.SetMustChangePassword(ctx, store.Actor{}, pnv.ID, true); err != nil {
		t.Fatal(err)
	}
	refused := func(what string, code int, out map[string]any) {
		t.Helper()
		e, _ := out["error"].(map[string]any)
		msg, _ := e["message"].(string)
		if code != http.StatusForbidden || errCode(out) != "forbidden" || !strings.Contains(msg, "đặt mật khẩu mới") {
			t.Errorf("%s: %d %v, want 403 forbidden saying to set a new password first", what, code, out)
		}
	}
	for _, path := range []string{"/api/v1/me", "/api/v1/tokens", "/api/v1/rounds", fmt.Sprintf("/api/v1/rounds/%d/reports/pnv", x.round.ID)} {
		code, out := x.do("GET", path, old, nil)
		refused("GET "+path, code, out)
	}
	code, out := x.do("PUT", fmt.Sprintf("/api/v1/rounds/%d/reports/pnv", x.round.ID), old, strings.NewReader(`{"version":0,"sections":[]}`))
	refused("PUT a report", code, out)
	code, out = x.token("pnv", pw)
	refused("POST /api/v1/tokens", code, out)

	// Others are not affected.
	if code, _ := x.do("GET", "/api/v1/me", x.login("cah"), nil); code != http.StatusOK {
		t.Errorf("another user: %d, want 200", code)
	}

	// Changed on the pages (SetPassword is what /account/password calls).
	if err := x.st.SetPassword(ctx, store.Actor{UserID: pnv.ID}, pnv.ID, "mật khẩu riêng của pnv"); err != nil {
		t.Fatal(err)
	}
	code, out = x.token("pnv", "mật khẩu riêng của pnv")
	tok, _ := out["token"].(string)
	if code != http.StatusCreated || tok == "" {
		t.Fatalf("token after the change: %d %v", code, out)
	}
	if code, me := x.do("GET", "/api/v1/me", tok, nil); code != http.StatusOK || me["username"] != "pnv" {
		t.Errorf("me after the change: %d %v", code, me)
	}
}
