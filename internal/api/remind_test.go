package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
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

// The API's "đôn đốc" may name the units to chase, by code, and carry the
// office's note: only those units are chased, each told the note; the
// owing units not named are counted apart. A code that is no unit, an
// empty list or an overlong note is refused with nothing queued.
func TestRemindChosenUnitsWithNote(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	x.api.Reminders = remind.New(x.st, nil, remind.Config{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	tok := x.login("vanphong")
	path := fmt.Sprintf("/api/v1/rounds/%d/remind", x.round.ID)
	other := &tiendo.Unit{Code: "ptp", Name: "Phòng Tư pháp"}
	if err := x.st.CreateUnit(ctx, store.Actor{}, other); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`{"units": ["pnv", "khong-co"]}`,
		`{"units": ["ptp"]}`, // a unit, but not asked in the round
		`{"units": []}`,
		`{"note": "` + strings.Repeat("gửi gấp ", 40) + `"}`,
		`{"units": ["pnv"], "hạn": 1}`,
	} {
		code, out := x.do("POST", path, tok, strings.NewReader(bad))
		if code != http.StatusUnprocessableEntity && code != http.StatusBadRequest {
			t.Errorf("remind with %s: %d %v, want 422 or 400", bad, code, out)
		}
	}
	user := func(name string) *tiendo.User {
		u, err := x.st.UserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	if n, _, err := x.st.Notifications(ctx, user("pnv"), 10); err != nil || len(n) != 0 {
		t.Fatalf("after refused requests pnv has %d notifications (%v), want none", len(n), err)
	}
	code, out := x.do("POST", path, tok, strings.NewReader(`{"units": ["PNV"], "note": "Đề nghị gửi trước 16 giờ để kịp tổng hợp."}`))
	if code != http.StatusOK || out["units"] != 1.0 || out["unpicked"] != 1.0 || out["gone"] != 0.0 {
		t.Fatalf("remind pnv only: %d %v, want 1 unit chased and 1 not picked", code, out)
	}
	notes, _, err := x.st.Notifications(ctx, user("pnv"), 10)
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0].Title, "Ghi chú: Đề nghị gửi trước 16 giờ để kịp tổng hợp.") {
		t.Errorf("pnv's notifications: %+v (%v), want one with the note", notes, err)
	}
	if notes, _, _ := x.st.Notifications(ctx, user("cah"), 10); len(notes) != 0 {
		t.Errorf("cah was not named but was chased: %+v", notes)
	}
}
