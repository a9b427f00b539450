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
	"tiendo/internal/storetest"
)

// POST /api/v1/rounds/{id}/reports/{unit}/extend gives one unit of an
// open round a deadline of its own and answers the unit's deadline beside
// the round's; the unit is told, the other unit is not, and the round
// keeps its deadline. A unit's user may not; an unknown unit is 404; a
// deadline not later, a unit that has sent and a draft are refused, each as
// JSON with a Vietnamese message.
func TestUnitExtend(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok, rep := x.login("vanphong"), x.login("pnv")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/pnv/extend", x.round.ID)
	old := x.round.Deadline.In(tiendo.Zone).Truncate(time.Second)
	deadline := tiendo.DeadlineBefore(old.Year(), old.Month(), old.Day()+3)
	body := []byte(`{"deadline":"` + deadline.Format(time.RFC3339) + `","reason":"Trưởng phòng đi công tác"}`)

	if code, out := x.post(path, rep, "application/json", body); code != http.StatusForbidden || errCode(out) != "forbidden" {
		t.Errorf("a reporter extends its own deadline: %d %v, want 403", code, out)
	}
	if code, out := x.post(fmt.Sprintf("/api/v1/rounds/%d/reports/khong-co/extend", x.round.ID), tok, "application/json", body); code != http.StatusNotFound || errCode(out) != "not_found" {
		t.Errorf("an unknown unit: %d %v, want 404", code, out)
	}
	earlier := []byte(`{"deadline":"` + old.Add(-24*time.Hour).Format(time.RFC3339) + `"}`)
	code, out := x.post(path, tok, "application/json", earlier)
	fields, _ := out["error"].(map[string]any)["fields"].(map[string]any)
	if msg, _ := fields["deadline"].(string); code != http.StatusUnprocessableEntity || errCode(out) != "invalid" || !strings.Contains(msg, "phải sau hạn hiện tại của đơn vị") {
		t.Errorf("an earlier deadline: %d %v, want 422 with the deadline field explained", code, out)
	}
	if code, out := x.post(path, tok, "application/json", []byte(`{}`)); code != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(out), "RFC 3339") {
		t.Errorf("no deadline: %d %v, want 422 asking for RFC 3339", code, out)
	}
	if code, out := x.post(path, tok, "application/json", []byte(`{"deadline":"20/06/2026"}`)); code != http.StatusBadRequest || !strings.Contains(fmt.Sprint(out), "RFC 3339") {
		t.Errorf("a day written dd/mm/yyyy: %d %v, want 400 asking for RFC 3339", code, out)
	}

	code, out = x.post(path, tok, "application/json", body)
	if code != http.StatusOK {
		t.Fatalf("extend: %d %v", code, out)
	}
	got, _ := time.Parse(time.RFC3339, fmt.Sprint(out["deadline"]))
	round, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(out["round_deadline"]))
	if !got.Equal(deadline) || round.Sub(x.round.Deadline).Abs() >= time.Microsecond || out["unit"] != "pnv" || out["unit_name"] != "Phòng Nội vụ" ||
		out["reason"] != "Trưởng phòng đi công tác" || out["round_id"] != float64(x.round.ID) {
		t.Errorf("extended: %v; want unit pnv held to %v, the round to %v", out, deadline, x.round.Deadline)
	}
	// pnv has one account and no mail server here: one notice, no e-mail.
	if out["notices"] != 1.0 || out["emails"] != 0.0 {
		t.Errorf("extended: notices %v, emails %v; want 1 and 0", out["notices"], out["emails"])
	}
	code, notes := x.do("GET", "/api/v1/notifications", rep, nil)
	if list, _ := notes["notifications"].([]any); code != 200 || len(list) != 1 ||
		list[0].(map[string]any)["kind"] != store.KindDeadlineExtended || !strings.Contains(fmt.Sprint(list[0]), "của Phòng Nội vụ được gia hạn") {
		t.Errorf("unit a's notifications after the extension: %d %v, want the notice", code, notes)
	}
	if _, notes := x.do("GET", "/api/v1/notifications", x.login("cah"), nil); fmt.Sprint(notes["notifications"]) != "[]" {
		t.Errorf("unit b's notifications: %v, want none", notes)
	}
	if _, out := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d", x.round.ID), tok, nil); !strings.HasPrefix(fmt.Sprint(out["deadline"]), x.round.Deadline.In(tiendo.Zone).Format("2006-01-02T15:04:05")) {
		t.Errorf("the round's deadline after unit a's extension: %v, want %v unchanged", out["deadline"], x.round.Deadline)
	}
	// The unit's reporter reads the round with its own deadline, as in
	// the list of rounds; the other unit's reads the round's.
	_, mine := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d", x.round.ID), rep, nil)
	gotOwn, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(mine["deadline"]))
	first, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(mine["original_deadline"]))
	if !gotOwn.Equal(deadline) || first.Sub(x.round.Deadline).Abs() >= time.Microsecond {
		t.Errorf("unit a's GET of the round: deadline %v, original_deadline %v; want its own %v, first given %v",
			mine["deadline"], mine["original_deadline"], deadline, x.round.Deadline)
	}
	_, list := x.do("GET", "/api/v1/rounds", rep, nil)
	listed := ""
	for _, it := range list["rounds"].([]any) {
		if it := it.(map[string]any); it["id"] == float64(x.round.ID) {
			listed = fmt.Sprint(it["deadline"])
		}
	}
	if listed != fmt.Sprint(mine["deadline"]) {
		t.Errorf("unit a's list of rounds and its GET of the round disagree on the deadline: %q vs %v", listed, mine["deadline"])
	}
	if _, theirs := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d", x.round.ID), x.login("cah"), nil); !strings.HasPrefix(fmt.Sprint(theirs["deadline"]), x.round.Deadline.In(tiendo.Zone).Format("2006-01-02T15:04:05")) ||
		theirs["original_deadline"] != nil {
		t.Errorf("unit b's GET of the round: %v (original %v), want the round's deadline %v, never extended", theirs["deadline"], theirs["original_deadline"], x.round.Deadline)
	}

	// By code: CreateRound adds the units it finds on the tasks in no
	// particular order, so UnitIDs[1] is not always Công an huyện.
	cah, err := x.st.UnitByCode(context.Background(), "cah")
	if err != nil {
		t.Fatal(err)
	}
	storetest.Submit(t, x.st, "cah", x.round.ID, cah.ID)
	code, out = x.post(fmt.Sprintf("/api/v1/rounds/%d/reports/cah/extend", x.round.ID), tok, "application/json", body)
	fields, _ = out["error"].(map[string]any)["fields"].(map[string]any)
	if msg, _ := fields["unit"].(string); code != http.StatusUnprocessableEntity || !strings.Contains(msg, "đã gửi báo cáo") {
		t.Errorf("a unit that has sent: %d %v, want 422 on the unit", code, out)
	}
	draft := &tiendo.Round{Title: "Đợt nháp", Deadline: time.Now().Add(time.Hour), UnitIDs: []int64{x.round.UnitIDs[0]}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, draft); err != nil {
		t.Fatal(err)
	}
	if code, out := x.post(fmt.Sprintf("/api/v1/rounds/%d/reports/pnv/extend", draft.ID), tok, "application/json", body); code != http.StatusConflict || !strings.Contains(fmt.Sprint(out), "Sửa đợt báo cáo") {
		t.Errorf("a unit of a draft: %d %v, want 409 pointing to the edit form", code, out)
	}
}
