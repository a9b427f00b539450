package api_test

import (
	"context"
	"fmt"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// The office withdraws a document waiting for approval over the API; a
// leader may not, and a draft cannot be withdrawn.
func TestWithdrawOverAPI(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	leader := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader}
	if err := x.st.CreateUser(context.Background(), store.Actor{}, leader, pw); err != nil {
		t.Fatal(err)
	}
	office, boss := x.login("vanphong"), x.login("lanhdao")
	for _, kind := range []string{"consolidated", "directive"} {
		base := fmt.Sprintf("/api/v1/rounds/%d/%s", x.round.ID, kind)
		if code, c := x.post(base, office, "", nil); code != 201 || c["version"] != float64(1) {
			t.Fatalf("%s: draft: %d %v", kind, code, c)
		}
		v1 := jsonBody(map[string]any{"version": 1})
		if code, _ := x.post(base+"/withdraw", office, "application/json", v1); code != 409 {
			t.Errorf("%s: withdrawing a draft: %d, want 409", kind, code)
		}
		if code, out := x.post(base+"/send", office, "application/json", jsonBody(map[string]any{"version": 1})); code != 200 || out["status"] != "pending" {
			t.Fatalf("%s: send: %d %v", kind, code, out)
		}
		if code, _ := x.post(base+"/withdraw", boss, "application/json", jsonBody(map[string]any{"version": 2})); code != 403 {
			t.Errorf("%s: a leader withdraws: %d, want 403", kind, code)
		}
		if code, out := x.post(base+"/withdraw", office, "application/json", jsonBody(map[string]any{"version": 2})); code != 200 || out["status"] != "draft" || out["version"] != float64(3) {
			t.Errorf("%s: withdraw: %d %v, want draft at version 3", kind, code, out)
		}
	}
}
