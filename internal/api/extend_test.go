package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// POST /api/v1/rounds/{id}/extend moves an open round's deadline and
// answers the round with the new one and the original; the units owing
// their report are told. A unit's user may not; a deadline that is not
// later, a body that is not JSON and a draft are refused, each as JSON
// with a Vietnamese message.
func TestRoundExtend(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok, rep := x.login("vanphong"), x.login("pnv")
	path := fmt.Sprintf("/api/v1/rounds/%d/extend", x.round.ID)
	old := x.round.Deadline.In(tiendo.Zone).Truncate(time.Second)
	deadline := tiendo.DeadlineBefore(old.Year(), old.Month(), old.Day()+10)
	body := []byte(`{"deadline":"` + deadline.Format(time.RFC3339) + `","reason":"Chờ số liệu quyết toán"}`)

	if code, out := x.post(path, rep, "application/json", body); code != http.StatusForbidden || errCode(out) != "forbidden" {
		t.Errorf("a reporter extends: %d %v, want 403", code, out)
	}
	earlier := []byte(`{"deadline":"` + old.Add(-24*time.Hour).Format(time.RFC3339) + `"}`)
	code, out := x.post(path, tok, "application/json", earlier)
	fields, _ := out["error"].(map[string]any)["fields"].(map[string]any)
	if msg, _ := fields["deadline"].(string); code != http.StatusUnprocessableEntity || errCode(out) != "invalid" || !strings.Contains(msg, "phải sau hạn hiện tại") {
		t.Errorf("an earlier deadline: %d %v, want 422 with the deadline field explained", code, out)
	}
	if code, out := x.post(path, tok, "application/json", []byte(`{}`)); code != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(out), "RFC 3339") || strings.Contains(fmt.Sprint(out), "07/06/2026.") {
		t.Errorf("no deadline: %d %v, want 422 asking for RFC 3339, not the web form's dd/mm/yyyy", code, out)
	}
	if code, out := x.post(path, tok, "application/json", []byte(`{"deadline":"20/06/2026"}`)); code != http.StatusBadRequest || !strings.Contains(fmt.Sprint(out), "RFC 3339") {
		t.Errorf("a day written dd/mm/yyyy: %d %v, want 400 asking for RFC 3339", code, out)
	}

	code, out = x.post(path, tok, "application/json", body)
	if code != http.StatusOK {
		t.Fatalf("extend: %d %v", code, out)
	}
	got, _ := time.Parse(time.RFC3339, fmt.Sprint(out["deadline"]))
	original, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(out["original_deadline"]))
	if !got.Equal(deadline) || original.Sub(x.round.Deadline).Abs() >= time.Microsecond || out["status"] != "open" {
		t.Errorf("extended round: deadline %v, original %v, status %v; want %v, %v, open", out["deadline"], out["original_deadline"], out["status"], deadline, x.round.Deadline)
	}
	code, notes := x.do("GET", "/api/v1/notifications", rep, nil)
	if list, _ := notes["notifications"].([]any); code != 200 || len(list) != 1 ||
		list[0].(map[string]any)["kind"] != store.KindDeadlineExtended || !strings.Contains(fmt.Sprint(list[0]), "Lý do: Chờ số liệu quyết toán") {
		t.Errorf("unit a's notifications after the extension: %d %v, want the notice with the reason", code, notes)
	}

	draft := &tiendo.Round{Title: "Đợt nháp", Deadline: time.Now().Add(time.Hour), UnitIDs: []int64{x.round.UnitIDs[0]}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, draft); err != nil {
		t.Fatal(err)
	}
	if code, out := x.post(fmt.Sprintf("/api/v1/rounds/%d/extend", draft.ID), tok, "application/json", body); code != http.StatusConflict || !strings.Contains(fmt.Sprint(out), "Sửa đợt báo cáo") {
		t.Errorf("extending a draft: %d %v, want 409 pointing to the edit form", code, out)
	}
}

// A deadline in year 9999 is refused as JSON (422, the field explained)
// for the round and for one unit, and nothing is stored: it was stored,
// then answered 500, since 9999-12-31T23:59:59Z is the year 10000 in Zone,
// which no JSON answer can write, and the round could not be read again.
func TestExtendFarDeadlineRefused(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok := x.login("vanphong")
	body := []byte(`{"deadline":"9999-12-31T23:59:59Z","reason":"Chờ số liệu"}`)
	for _, path := range []string{fmt.Sprintf("/api/v1/rounds/%d/extend", x.round.ID), fmt.Sprintf("/api/v1/rounds/%d/reports/pnv/extend", x.round.ID)} {
		code, out := x.post(path, tok, "application/json", body)
		fields, _ := out["error"].(map[string]any)["fields"].(map[string]any)
		if msg, _ := fields["deadline"].(string); code != http.StatusUnprocessableEntity || errCode(out) != "invalid" || !strings.Contains(msg, "năm 2200") {
			t.Errorf("POST %s in year 9999: %d %v, want 422 with the deadline field explained", path, code, out)
		}
	}
	if code, out := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d", x.round.ID), tok, nil); code != http.StatusOK {
		t.Fatalf("the round after the refusals: %d %v", code, out)
	} else if got, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(out["deadline"])); got.Sub(x.round.Deadline).Abs() >= time.Microsecond {
		t.Errorf("deadline after the refusals = %v, want %v unchanged", out["deadline"], x.round.Deadline)
	}
}
