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

// DELETE /api/v1/rounds/{id}/reports/{unit}/extend withdraws the deadline
// of its own the office gave one unit, and answers as the extension does:
// the unit's deadline, now the round's, beside the round's, with no
// reason, and how many notices and e-mails tell it. The unit reads the
// round's deadline again and has the notice. A unit's user may not; an
// unknown unit or round is 404; a unit with no deadline of its own, or
// withdrawn twice, is 422 with a Vietnamese message on the unit.
func TestUnitWithdraw(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	tok, rep := x.login("vanphong"), x.login("pnv")
	path := fmt.Sprintf("/api/v1/rounds/%d/reports/pnv/extend", x.round.ID)
	old := x.round.Deadline.In(tiendo.Zone).Truncate(time.Second)
	own := tiendo.DeadlineBefore(old.Year(), old.Month(), old.Day()+3)
	if code, out := x.post(path, tok, "application/json", []byte(`{"deadline":"`+own.Format(time.RFC3339)+`","reason":"Trưởng phòng đi công tác"}`)); code != http.StatusOK {
		t.Fatalf("extend: %d %v", code, out)
	}

	if code, out := x.do("DELETE", path, rep, nil); code != http.StatusForbidden || errCode(out) != "forbidden" {
		t.Errorf("a reporter withdraws its own deadline: %d %v, want 403", code, out)
	}
	if code, out := x.do("DELETE", fmt.Sprintf("/api/v1/rounds/%d/reports/khong-co/extend", x.round.ID), tok, nil); code != http.StatusNotFound || errCode(out) != "not_found" {
		t.Errorf("an unknown unit: %d %v, want 404", code, out)
	}
	if code, out := x.do("DELETE", fmt.Sprintf("/api/v1/rounds/%d/reports/pnv/extend", x.round.ID+1000), tok, nil); code != http.StatusNotFound || errCode(out) != "not_found" {
		t.Errorf("an unknown round: %d %v, want 404", code, out)
	}
	unitError := func(out map[string]any) string {
		fields, _ := out["error"].(map[string]any)["fields"].(map[string]any)
		msg, _ := fields["unit"].(string)
		return msg
	}
	if code, out := x.do("DELETE", fmt.Sprintf("/api/v1/rounds/%d/reports/cah/extend", x.round.ID), tok, nil); code != http.StatusUnprocessableEntity || errCode(out) != "invalid" ||
		!strings.Contains(unitError(out), "Công an huyện không có hạn riêng muộn hơn hạn của đợt") {
		t.Errorf("a unit with no own deadline: %d %v, want 422 on the unit", code, out)
	}

	code, out := x.do("DELETE", path, tok, nil)
	if code != http.StatusOK {
		t.Fatalf("withdraw: %d %v", code, out)
	}
	got, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(out["deadline"]))
	round, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(out["round_deadline"]))
	if !got.Equal(round) || round.Sub(x.round.Deadline).Abs() >= time.Microsecond || out["unit"] != "pnv" || out["unit_name"] != "Phòng Nội vụ" ||
		out["reason"] != "" || out["round_id"] != float64(x.round.ID) {
		t.Errorf("withdrawn: %v; want unit pnv held to the round's deadline %v, no reason", out, x.round.Deadline)
	}
	// pnv has one account and no mail server here: one notice, no e-mail.
	if out["notices"] != 1.0 || out["emails"] != 0.0 {
		t.Errorf("withdrawn: notices %v, emails %v; want 1 and 0", out["notices"], out["emails"])
	}
	// The same keys as the extension's answer.
	_, extended := x.post(fmt.Sprintf("/api/v1/rounds/%d/reports/cah/extend", x.round.ID), tok, "application/json", []byte(`{"deadline":"`+own.Format(time.RFC3339)+`"}`))
	for k := range extended {
		if _, ok := out[k]; !ok {
			t.Errorf("the withdrawal's answer lacks %q, which the extension's has", k)
		}
	}
	if len(out) != len(extended) {
		t.Errorf("the withdrawal answers %v, the extension %v: want the same fields", out, extended)
	}

	_, mine := x.do("GET", fmt.Sprintf("/api/v1/rounds/%d", x.round.ID), rep, nil)
	if gotRound, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(mine["deadline"])); gotRound.Sub(x.round.Deadline).Abs() >= time.Microsecond || mine["original_deadline"] != nil {
		t.Errorf("unit a's GET of the round after the withdrawal: deadline %v, original %v; want the round's, never extended", mine["deadline"], mine["original_deadline"])
	}
	code, notes := x.do("GET", "/api/v1/notifications", rep, nil)
	if list, _ := notes["notifications"].([]any); code != 200 || len(list) != 2 ||
		list[0].(map[string]any)["kind"] != store.KindDeadlineWithdrawn || !strings.Contains(fmt.Sprint(list[0]), "Văn phòng đã hủy hạn riêng của Phòng Nội vụ") {
		t.Errorf("unit a's notifications after the withdrawal: %d %v, want the withdrawal's notice first", code, notes)
	}
	if code, out := x.do("DELETE", path, tok, nil); code != http.StatusUnprocessableEntity || !strings.Contains(unitError(out), "không có hạn riêng") {
		t.Errorf("withdrawn twice: %d %v, want 422 on the unit", code, out)
	}
	if got, err := x.st.UnitDeadlines(context.Background(), x.round.ID); err != nil || len(got) != 1 {
		t.Errorf("unit deadlines after the withdrawal: %+v, %v; want only cah's", got, err)
	}
}
