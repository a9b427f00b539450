package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"tiendo"
	"tiendo/internal/store"
)

// An account with its second factor on gets a token only with a code: none
// is 401 totp_required, a wrong one 401 and counted by the throttle, a
// code already used 401; a right one, or a recovery code once, 201.
func TestTokenNeedsTOTP(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Date(2026, 11, 29, 8, 0, 10, 0, time.UTC)
	x.st.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	u, err := x.st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	secret, err := x.st.StartTwoFactor(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	gen := func(at time.Time) string {
		c, err := totp.GenerateCode(secret, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	recovery, err := x.st.EnableTwoFactor(ctx, store.DefaultThrottle, store.Actor{UserID: u.ID}, u, gen(now), "")
	if err != nil {
		t.Fatal(err)
	}
	advance(time.Minute)
	post := func(body map[string]string) (int, map[string]any) {
		b, _ := json.Marshal(body)
		return x.do("POST", "/api/v1/tokens", "", bytes.NewReader(b))
	}

	code, out := post(map[string]string{"username": "vanphong", "password": pw})
	if code != http.StatusUnauthorized || errCode(out) != tiendo.ETOTPREQUIRED {
		t.Fatalf("no totp: %d %v, want 401 totp_required", code, out)
	}
	code, out = post(map[string]string{"username": "vanphong", "password": pw, "totp": "000000"})
	if code != http.StatusUnauthorized || errCode(out) != tiendo.EUNAUTHORIZED {
		t.Fatalf("wrong totp: %d %v, want 401 unauthorized", code, out)
	}
	locks, err := x.st.LoginLocks(ctx, store.DefaultThrottle)
	if err != nil || len(locks) == 0 {
		t.Errorf("after a wrong code the throttle counts nothing: %v %v", locks, err)
	}
	// A wrong password is still the password's answer, code or none.
	if code, out := post(map[string]string{"username": "vanphong", "password": "sai mật khẩu", "totp": gen(now)}); code != http.StatusUnauthorized || errCode(out) != tiendo.EUNAUTHORIZED {
		t.Errorf("wrong password with a code: %d %v", code, out)
	}
	good := gen(now)
	code, out = post(map[string]string{"username": "vanphong", "password": pw, "totp": good})
	if code != http.StatusCreated || out["token"] == nil {
		t.Fatalf("right totp: %d %v, want 201 and a token", code, out)
	}
	if code, out := post(map[string]string{"username": "vanphong", "password": pw, "totp": good}); code != http.StatusUnauthorized {
		t.Errorf("the same code again: %d %v, want 401", code, out)
	}
	code, out = post(map[string]string{"username": "vanphong", "password": pw, "totp": recovery[0]})
	if code != http.StatusCreated {
		t.Errorf("recovery code: %d %v, want 201", code, out)
	}
	if code, out := post(map[string]string{"username": "vanphong", "password": pw, "totp": recovery[0]}); code != http.StatusUnauthorized {
		t.Errorf("the same recovery code again: %d %v, want 401", code, out)
	}
	// Another user's account is untouched: no code asked.
	if code, out := post(map[string]string{"username": "pnv", "password": pw}); code != http.StatusCreated {
		t.Errorf("pnv, no second factor: %d %v", code, out)
	}
}
