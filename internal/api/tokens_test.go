package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// revoke sends DELETE /api/v1/tokens/{id} and returns the status.
func (x *app) revoke(token string, id int64) int {
	x.t.Helper()
	req, _ := http.NewRequest("DELETE", fmt.Sprintf("%s/api/v1/tokens/%d", x.srv.URL, id), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		x.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// tokenIDs lists the caller's tokens: id -> whether it is the current one.
func (x *app) tokenIDs(token string) map[int64]bool {
	x.t.Helper()
	code, out := x.do("GET", "/api/v1/tokens", token, nil)
	if code != http.StatusOK {
		x.t.Fatalf("GET /api/v1/tokens: %d %v", code, out)
	}
	list, _ := out["tokens"].([]any)
	ids := map[int64]bool{}
	for _, it := range list {
		m := it.(map[string]any)
		for k := range m {
			if strings.Contains(k, "hash") || k == "token" || k == "secret" {
				x.t.Errorf("token list shows %q", k)
			}
		}
		ids[int64(m["id"].(float64))] = m["current"] == true
	}
	return ids
}

func TestTokenListAndRevoke(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	first := x.login("pnv")
	second := x.login("pnv")
	other := x.login("cah")

	ids := x.tokenIDs(second)
	if len(ids) != 2 {
		t.Fatalf("pnv has %d tokens listed, want 2: %v", len(ids), ids)
	}
	var firstID, secondID int64
	for id, cur := range ids {
		if cur {
			secondID = id
		} else {
			firstID = id
		}
	}
	if firstID == 0 || secondID == 0 {
		t.Fatalf("current flags = %v, want exactly one current", ids)
	}
	otherIDs := x.tokenIDs(other)
	if len(otherIDs) != 1 {
		t.Fatalf("cah has %d tokens, want 1", len(otherIDs))
	}
	var otherID int64
	for id := range otherIDs {
		otherID = id
	}

	// Another user's token id is 404, and the token keeps working.
	if code := x.revoke(second, otherID); code != http.StatusNotFound {
		t.Errorf("revoke another user's token: %d, want 404", code)
	}
	if code, _ := x.do("GET", "/api/v1/me", other, nil); code != http.StatusOK {
		t.Errorf("the other user's token after a refused revoke: %d, want 200", code)
	}
	if code := x.revoke(second, 1<<40); code != http.StatusNotFound {
		t.Errorf("revoke a token that does not exist: %d, want 404", code)
	}
	// One's own: 204, then the revoked token gets 401 and the other still works.
	if code := x.revoke(second, firstID); code != http.StatusNoContent {
		t.Errorf("revoke own token: %d, want 204", code)
	}
	if code, out := x.do("GET", "/api/v1/me", first, nil); code != http.StatusUnauthorized {
		t.Errorf("revoked token: %d %v, want 401", code, out)
	}
	if code, _ := x.do("GET", "/api/v1/me", second, nil); code != http.StatusOK {
		t.Errorf("the remaining token: %d, want 200", code)
	}
	// Revoking the token in use ends it too.
	if code := x.revoke(second, secondID); code != http.StatusNoContent {
		t.Errorf("revoke the current token: %d, want 204", code)
	}
	if code, _ := x.do("GET", "/api/v1/tokens", second, nil); code != http.StatusUnauthorized {
		t.Errorf("after revoking itself: %d, want 401", code)
	}
	if code := x.revoke("", otherID); code != http.StatusUnauthorized {
		t.Errorf("revoke without a token: %d, want 401", code)
	}

	// The admin may revoke anyone's.
	admin := &tiendo.User{Username: "quantri", Role: tiendo.RoleAdmin}
	if err := x.st.CreateUser(context.Background(), store.Actor{}, admin, pw); err != nil {
		t.Fatal(err)
	}
	if code := x.revoke(x.login("quantri"), otherID); code != http.StatusNoContent {
		t.Errorf("admin revokes cah's token: %d, want 204", code)
	}
	if code, _ := x.do("GET", "/api/v1/me", other, nil); code != http.StatusUnauthorized {
		t.Errorf("token revoked by the admin: %d, want 401", code)
	}
}
