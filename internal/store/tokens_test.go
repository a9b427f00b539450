package store_test

import (
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

func TestPasswordPolicyOnSave(t *testing.T) {
	f := newFixture(t)
	if err := f.s.SetPassword(ctx, store.Actor{}, f.repA.ID, "Anhyeuem@2024"); code(err) != tiendo.EINVALID {
		t.Errorf("SetPassword(common) = %v, want invalid", err)
	}
	if err := f.s.SetPassword(ctx, store.Actor{}, f.office.ID, "VANPHONG123456"); code(err) != tiendo.EINVALID {
		t.Errorf("SetPassword(username) = %v, want invalid", err)
	}
	u := &tiendo.User{Username: "lanhdao2026", Role: tiendo.RoleLeader}
	if err := f.s.CreateUser(ctx, store.Actor{}, u, "LanhDao2026"); code(err) != tiendo.EINVALID {
		t.Errorf("CreateUser(password = username) = %v, want invalid", err)
	}
	if err := f.s.SetPassword(ctx, store.Actor{}, 99999, "một mật khẩu mới"); code(err) != tiendo.ENOTFOUND {
		t.Errorf("SetPassword(no such user) = %v, want not found", err)
	}
}

func TestTokensListAndRevoke(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	f.s.Now = func() time.Time { return now }
	t1, _, err := f.s.CreateToken(ctx, f.repA.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	t2, _, _ := f.s.CreateToken(ctx, f.repA.ID, "")
	tb, _, _ := f.s.CreateToken(ctx, f.repB.ID, "")
	if _, err := f.s.TokenUser(ctx, t1); err != nil {
		t.Fatal(err)
	}
	list, err := f.s.Tokens(ctx, f.repA.ID, t2)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("Tokens = %d tokens, want 2", len(list))
	}
	// Newest first: t2, then t1, which has been used.
	if !list[0].Current || list[1].Current {
		t.Errorf("Current = %v, %v, want the first (t2) only", list[0].Current, list[1].Current)
	}
	if list[1].LastUsedAt == nil || !list[1].LastUsedAt.Equal(now) {
		t.Errorf("t1 LastUsedAt = %v, want %v", list[1].LastUsedAt, now)
	}
	if list[0].LastUsedAt != nil {
		t.Errorf("t2 LastUsedAt = %v, want none", list[0].LastUsedAt)
	}
	idB := mustTokens(t, f, f.repB.ID)[0].ID

	// Another user's token is "not found", and stays valid.
	if err := f.s.RevokeToken(ctx, store.Actor{UserID: f.repA.ID}, f.repA, idB); code(err) != tiendo.ENOTFOUND {
		t.Errorf("RevokeToken(another user's) = %v, want not found", err)
	}
	if _, err := f.s.TokenUser(ctx, tb); err != nil {
		t.Errorf("another user's token was revoked: %v", err)
	}
	if err := f.s.RevokeToken(ctx, store.Actor{UserID: f.repA.ID}, f.repA, list[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.TokenUser(ctx, t1); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("revoked token: %v, want unauthorized", err)
	}
	if _, err := f.s.TokenUser(ctx, t2); err != nil {
		t.Errorf("the other token was revoked too: %v", err)
	}
	if err := f.s.RevokeToken(ctx, store.Actor{}, f.repA, list[1].ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("revoking twice = %v, want not found", err)
	}
	// An admin may revoke anyone's.
	admin := &tiendo.User{Username: "quantri.huyen", Role: tiendo.RoleAdmin}
	if err := f.s.CreateUser(ctx, store.Actor{}, admin, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RevokeToken(ctx, store.Actor{UserID: admin.ID}, admin, idB); err != nil {
		t.Errorf("admin RevokeToken = %v", err)
	}
	if _, err := f.s.TokenUser(ctx, tb); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("token revoked by the admin: %v, want unauthorized", err)
	}
	// Expired tokens are not listed.
	now = now.Add(store.TokenLifetime + time.Hour)
	if got := mustTokens(t, f, f.repA.ID); len(got) != 0 {
		t.Errorf("after expiry Tokens = %d, want 0", len(got))
	}
}

func mustTokens(t *testing.T, f *fixture, userID int64) []store.APIToken {
	t.Helper()
	list, err := f.s.Tokens(ctx, userID, "")
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestLogoutEverywhere(t *testing.T) {
	f := newFixture(t)
	s1, _ := f.s.CreateSession(ctx, f.repA.ID, "10.0.0.1", "Firefox")
	s2, _ := f.s.CreateSession(ctx, f.repA.ID, "10.0.0.2", "Chrome")
	tok, _, _ := f.s.CreateToken(ctx, f.repA.ID, "")
	other, _ := f.s.CreateSession(ctx, f.repB.ID, "", "")
	otherTok, _, _ := f.s.CreateToken(ctx, f.repB.ID, "")

	sessions, err := f.s.Sessions(ctx, f.repA.ID, s2)
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) != 2 {
		t.Fatalf("Sessions = %d, want 2", len(sessions))
	}
	for _, x := range sessions {
		if x.Current != (x.UserAgent == "Chrome") {
			t.Errorf("session %s Current = %v", x.UserAgent, x.Current)
		}
	}

	// Another user may not.
	if _, _, err := f.s.LogoutEverywhere(ctx, store.Actor{}, f.repB, f.repA.ID); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("LogoutEverywhere by another user = %v, want forbidden", err)
	}
	ns, nt, err := f.s.LogoutEverywhere(ctx, store.Actor{UserID: f.repA.ID}, f.repA, f.repA.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ns != 2 || nt != 1 {
		t.Errorf("ended %d sessions and %d tokens, want 2 and 1", ns, nt)
	}
	for _, s := range []string{s1, s2} {
		if _, err := f.s.SessionUser(ctx, s); code(err) != tiendo.EUNAUTHORIZED {
			t.Errorf("session survived: %v", err)
		}
	}
	if _, err := f.s.TokenUser(ctx, tok); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("token survived: %v", err)
	}
	if _, err := f.s.SessionUser(ctx, other); err != nil {
		t.Errorf("another user's session ended: %v", err)
	}
	if _, err := f.s.TokenUser(ctx, otherTok); err != nil {
		t.Errorf("another user's token ended: %v", err)
	}

	// The admin may do it for anyone.
	admin := &tiendo.User{Username: "quantri.huyen", Role: tiendo.RoleAdmin}
	if err := f.s.CreateUser(ctx, store.Actor{}, admin, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.LogoutEverywhere(ctx, store.Actor{UserID: admin.ID}, admin, f.repB.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SessionUser(ctx, other); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("session survived the admin's logout: %v", err)
	}
	if _, _, err := f.s.LogoutEverywhere(ctx, store.Actor{UserID: admin.ID}, admin, 99999); code(err) != tiendo.ENOTFOUND {
		t.Errorf("LogoutEverywhere(no such user) = %v, want not found", err)
	}
}
