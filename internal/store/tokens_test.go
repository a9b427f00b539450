package store_test

import (
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
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

func TestEndSession(t *testing.T) {
	dsn := storetest.DSN(t)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := fixtureOn(t, st)
	office, _ := f.s.CreateSession(ctx, f.repA.ID, "10.0.0.1", "Cốc Cốc ở cơ quan")
	home, _ := f.s.CreateSession(ctx, f.repA.ID, "10.0.0.2", "Firefox ở nhà")
	tok, _, _ := f.s.CreateToken(ctx, f.repA.ID, "")

	// What the database keeps, which no page or log may show.
	db, _ := rawDB(t, dsn)
	hashes := map[string]bool{}
	rows, err := db.Query(`SELECT token_hash FROM sessions`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			t.Fatal(err)
		}
		hashes[h] = true
	}
	rows.Close()
	if len(hashes) != 2 {
		t.Fatalf("sessions table holds %d hashes, want 2", len(hashes))
	}
	shows := func(text string) bool {
		for h := range hashes {
			if strings.Contains(text, h) || strings.Contains(h, text) {
				return true
			}
		}
		return strings.Contains(text, office) || strings.Contains(text, home)
	}

	sessions, err := f.s.Sessions(ctx, f.repA.ID, home)
	if err != nil {
		t.Fatal(err)
	}
	var key string
	for _, x := range sessions {
		if x.Key == "" {
			t.Fatalf("session %s has no Key", x.UserAgent)
		}
		if shows(x.Key) {
			t.Errorf("Key %q shows a session's secret or hash", x.Key)
		}
		if x.UserAgent == "Cốc Cốc ở cơ quan" {
			key = x.Key
		}
	}
	if key == "" || sessions[0].Key == sessions[1].Key {
		t.Fatalf("Keys = %q, %q, want two different ones", sessions[0].Key, sessions[1].Key)
	}
	if got := store.SessionKey(office); got != key {
		t.Errorf("SessionKey(office's secret) = %q, want %q", got, key)
	}

	// Another user may not, and learns nothing: the session is "not found".
	if err := f.s.EndSession(ctx, store.Actor{UserID: f.repB.ID}, f.repB, f.repA.ID, key); code(err) != tiendo.ENOTFOUND {
		t.Errorf("EndSession by another user = %v, want not found", err)
	}
	if err := f.s.EndSession(ctx, store.Actor{UserID: f.repB.ID}, f.repB, f.repB.ID, key); code(err) != tiendo.ENOTFOUND {
		t.Errorf("EndSession(another user's key as one's own) = %v, want not found", err)
	}
	if _, err := f.s.SessionUser(ctx, office); err != nil {
		t.Fatalf("session ended by a refused call: %v", err)
	}
	if err := f.s.EndSession(ctx, store.Actor{UserID: f.repA.ID}, f.repA, f.repA.ID, "0123456789abcdef"); code(err) != tiendo.ENOTFOUND {
		t.Errorf("EndSession(unknown key) = %v, want not found", err)
	} else if msg := tiendo.ErrorMessage(err); !strings.Contains(msg, "Không tìm thấy phiên đăng nhập") {
		t.Errorf("EndSession(unknown key) says %q, want a Vietnamese message", msg)
	}

	if err := f.s.EndSession(ctx, store.Actor{UserID: f.repA.ID, Address: "10.0.0.2"}, f.repA, f.repA.ID, key); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SessionUser(ctx, office); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("ended session: %v, want unauthorized", err)
	}
	if _, err := f.s.SessionUser(ctx, home); err != nil {
		t.Errorf("the other session ended too: %v", err)
	}
	if _, err := f.s.TokenUser(ctx, tok); err != nil {
		t.Errorf("the API token ended too: %v", err)
	}
	if err := f.s.EndSession(ctx, store.Actor{UserID: f.repA.ID}, f.repA, f.repA.ID, key); code(err) != tiendo.ENOTFOUND {
		t.Errorf("ending it twice = %v, want not found", err)
	}

	log, err := f.s.AuditSearch(ctx, store.AuditFilter{Action: "end_session"})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 {
		t.Fatalf("end_session audit rows = %d, want 1", len(log))
	}
	e := log[0]
	if e.UserID != f.repA.ID || e.Entity != "user" || e.EntityID != f.repA.ID || e.Address != "10.0.0.2" {
		t.Errorf("audit row = user %d, %s #%d from %q, want user %d, user #%d from 10.0.0.2", e.UserID, e.Entity, e.EntityID, e.Address, f.repA.ID, f.repA.ID)
	}
	if !strings.Contains(e.After, "10.0.0.1") || !strings.Contains(e.After, "Cốc Cốc ở cơ quan") {
		t.Errorf("audit row after = %s, want the ended session's address and browser", e.After)
	}
	if shows(e.After) {
		t.Errorf("audit row after = %s, shows the session's secret or hash", e.After)
	}

	// The admin may end anyone's session.
	admin := &tiendo.User{Username: "quantri.huyen", Role: tiendo.RoleAdmin}
	if err := f.s.CreateUser(ctx, store.Actor{}, admin, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.EndSession(ctx, store.Actor{UserID: admin.ID}, admin, f.repA.ID, store.SessionKey(home)); err != nil {
		t.Errorf("admin EndSession = %v", err)
	}
	if _, err := f.s.SessionUser(ctx, home); code(err) != tiendo.EUNAUTHORIZED {
		t.Errorf("session ended by the admin: %v, want unauthorized", err)
	}
}

// A request notes its token's and session's last use and goes on; the
// notes are written a moment later (touch.go). Another instance on the same
// database sees them once written, and Close writes what is still waiting.
func TestLastUseIsWrittenLater(t *testing.T) {
	dsn := storetest.DSN(t)
	a, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	f := fixtureOn(t, a)
	b, err := store.Open(ctx, dsn) // another instance
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	now := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
	a.Now = func() time.Time { return now }
	b.Now = a.Now
	tok, _, err := a.CreateToken(ctx, f.repA.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	cookie, err := a.CreateSession(ctx, f.repA.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(10 * time.Minute)
	if _, err := a.TokenUser(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SessionUser(ctx, cookie); err != nil {
		t.Fatal(err)
	}
	// Written by a's timer, read on b, which has nothing of its own to write.
	// The token's and the session's are written one statement at a time
	// (touch.go), so both are waited for.
	deadline := time.Now().Add(10 * time.Second)
	for {
		toks, err := b.Tokens(ctx, f.repA.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		ss, serr := b.Sessions(ctx, f.repA.ID, "")
		if serr != nil {
			t.Fatal(serr)
		}
		written := len(ss) == 1 && !ss[0].LastSeenAt.Equal(ss[0].CreatedAt)
		if len(toks) == 1 && toks[0].LastUsedAt != nil && written {
			if !toks[0].LastUsedAt.Equal(now) {
				t.Errorf("LastUsedAt = %v, want %v", toks[0].LastUsedAt, now)
			}
			if !ss[0].LastSeenAt.Equal(now) {
				t.Errorf("Sessions = %+v; want one last seen at %v", ss, now)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the last uses were not written within 10 s: tokens %+v, sessions %+v", toks, ss)
		}
		time.Sleep(50 * time.Millisecond)
	}

	// A use noted just before Close is written by Close.
	now = now.Add(10 * time.Minute)
	if _, err := a.TokenUser(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	toks, err := b.Tokens(ctx, f.repA.ID, "")
	if err != nil || len(toks) != 1 || toks[0].LastUsedAt == nil || !toks[0].LastUsedAt.Equal(now) {
		t.Errorf("after Close: Tokens = %+v, %v; want last used at %v", toks, err, now)
	}
}

// Two instances writing their notes of the same sessions at the same moment,
// in opposite orders of time, neither fail nor wait for each other: each
// UPDATE commits alone and, on PostgreSQL, skips rows another holds. (With
// every group in one transaction PostgreSQL found a deadlock in about half
// of these rounds.)
func TestLastUseWritesDoNotDeadlock(t *testing.T) {
	a, b := twoInstances(t)
	f := fixtureOn(t, a)
	var cookies []string
	for range 120 {
		c, err := a.CreateSession(ctx, f.repA.ID, "127.0.0.1", "test")
		if err != nil {
			t.Fatal(err)
		}
		cookies = append(cookies, c)
	}
	base := time.Now().Truncate(time.Second)
	for round := range 10 {
		t1, t2 := base.Add(time.Duration(2*round+1)*time.Second), base.Add(time.Duration(2*round+2)*time.Second)
		for i, c := range cookies {
			if i%2 == 0 {
				a.NoteSessionUse(c, t1)
				b.NoteSessionUse(c, t2)
			} else {
				a.NoteSessionUse(c, t2)
				b.NoteSessionUse(c, t1)
			}
		}
		errs := make(chan error, 2)
		for _, s := range []*store.Store{a, b} {
			go func() { errs <- s.FlushUses(ctx) }()
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
	ss, err := a.Sessions(ctx, f.repA.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ss {
		if x.LastSeenAt.Before(base) {
			t.Errorf("a session's last use %v was not written (notes from %v)", x.LastSeenAt, base)
			break
		}
	}
}
