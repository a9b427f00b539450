package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/remind"
	"tiendo/internal/store"
)

// The API's "đôn đốc" says how many units it reached, how many it left
// alone because they were chased within the hour, and how many nobody can
// be told of (no account, no e-mail address).
func TestRemindCounts(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	x.api.Reminders = remind.New(x.st, nil, remind.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	lone := &tiendo.Unit{Code: "xhl", Name: "UBND xã Hữu Liên"}
	if err := x.st.CreateUnit(ctx, store.Actor{}, lone); err != nil {
		t.Fatal(err)
	}
	pnv := x.round.Tasks[0].Assignees[0].UnitID
	r := &tiendo.Round{Title: "Đợt có đơn vị chưa có tài khoản", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Chăm lo Tết cho hộ nghèo",
			Assignees: []tiendo.Assignee{{UnitID: pnv, Role: tiendo.Lead}, {UnitID: lone.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	tok := x.login("vanphong")
	path := fmt.Sprintf("/api/v1/rounds/%d/remind", r.ID)
	for i, want := range []map[string]float64{
		{"queued": 1, "units": 1, "recent": 0, "unreached": 1},
		{"queued": 0, "units": 0, "recent": 1, "unreached": 1}, // pressed again within the hour
	} {
		code, out := x.do("POST", path, tok, nil)
		if code != http.StatusOK {
			t.Fatalf("remind %d: %d %v", i+1, code, out)
		}
		for k, v := range want {
			if out[k] != v {
				t.Errorf("remind %d: %s = %v, want %v (answer %v)", i+1, k, out[k], v, out)
			}
		}
	}
	if code, out := x.do("POST", path, x.login("pnv"), nil); code != http.StatusForbidden {
		t.Errorf("a unit's reporter chases: %d %v, want 403", code, out)
	}
}
