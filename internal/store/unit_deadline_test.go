package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// outstandingOf returns round r's owing record of unit, nil when the unit
// is not owing (or not chased).
func (f *fixture) outstandingOf(t *testing.T, r *tiendo.Round, unit *tiendo.Unit) *store.Outstanding {
	t.Helper()
	owing, err := f.s.Outstanding(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range owing {
		if o.Unit.ID == unit.ID {
			return o
		}
	}
	return nil
}

// The office gives one unit two more days: the unit reads the round with
// its own deadline (RoundForUnit, Rounds) and the deadline it was first
// given, the other unit and the office read the round's. The unit is told,
// in the app and by e-mail, with the reason; the other unit is not. The
// reminders count from the unit's deadline, under keys that name it. The
// change is audited on the round with the unit.
func TestExtendUnitDeadline(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	roundDeadline := tiendo.DeadlineBefore(2026, 6, 12)
	r := f.newRound(t, roundDeadline)
	// Read once before, so that a stale cache would show.
	if got, err := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); err != nil || !got.Deadline.Equal(roundDeadline) {
		t.Fatalf("RoundForUnit before = %+v, %v", got, err)
	}

	office := store.Actor{UserID: f.office.ID, Address: "10.0.0.7"}
	own := tiendo.DeadlineBefore(2026, 6, 14)
	reason := "  Trưởng phòng đi công tác, xin lu\u0300i hai ngày\r\nđể ký  "
	got, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, reason)
	if err != nil {
		t.Fatal(err)
	}
	const clean = "Trưởng phòng đi công tác, xin lùi hai ngày\nđể ký"
	if !got.Deadline.Equal(own) || !got.Extended() || got.Reason != clean || got.Unit.Code != "pnv" {
		t.Errorf("ExtendUnitDeadline = %+v, want unit pnv held to %v with the reason in NFC", got, own)
	}

	if got, err := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); err != nil || !got.Deadline.Equal(own) || !got.OriginalDeadline.Equal(roundDeadline) {
		t.Errorf("RoundForUnit(unit a) = %+v, %v; want its own deadline %v, first given %v", got, err, own, roundDeadline)
	}
	if got, err := f.s.RoundForUnit(ctx, f.repB, r.ID, f.b.ID); err != nil || !got.Deadline.Equal(roundDeadline) || !got.OriginalDeadline.IsZero() {
		t.Errorf("RoundForUnit(unit b) = %+v, %v; want the round's deadline, never extended", got, err)
	}
	if got, err := f.s.Round(ctx, f.office, r.ID); err != nil || !got.Deadline.Equal(roundDeadline) || !got.OriginalDeadline.IsZero() {
		t.Errorf("Round = %+v, %v; want the round's deadline unchanged", got, err)
	}
	for _, c := range []struct {
		u    *tiendo.User
		want time.Time
	}{{f.repA, own}, {f.repB, roundDeadline}, {f.office, roundDeadline}} {
		list, err := f.s.Rounds(ctx, c.u)
		if err != nil || len(list) != 1 || !list[0].Deadline.Equal(c.want) {
			t.Errorf("Rounds(%s) = %+v, %v; want the deadline %v", c.u.Username, list, err, c.want)
		}
	}
	extended, err := f.s.UnitDeadlines(ctx, r.ID)
	if err != nil || len(extended) != 1 || !extended[f.a.ID].Deadline.Equal(own) || extended[f.a.ID].Reason != clean {
		t.Errorf("UnitDeadlines = %+v, %v; want unit a alone, to %v", extended, err, own)
	}

	const title = "Hạn gửi báo cáo “Báo cáo 6 tháng” của Phòng Nội vụ được gia hạn đến trước ngày 14/06/2026. Lý do: Trưởng phòng đi công tác, xin lùi hai ngày để ký"
	if notes := f.extensionNotices(t, f.repA); len(notes) != 1 || notes[0].Title != title || notes[0].Link != "/rounds/"+itoa(r.ID)+"/reports/pnv" {
		t.Errorf("unit a's notices = %+v, want one titled %q linking to its report", notes, title)
	}
	if notes := f.extensionNotices(t, f.repB); len(notes) != 0 {
		t.Errorf("unit b was told of unit a's extension: %+v", notes)
	}
	msgs, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	var mails []*store.Message
	for _, m := range msgs {
		if m.Kind == store.KindDeadlineExtended {
			mails = append(mails, m)
		}
	}
	if len(mails) != 1 || mails[0].Email != "pnv@huulung.example" || mails[0].UnitID != f.a.ID ||
		!strings.Contains(mails[0].Body, "cho Phòng Nội vụ: hạn mới của đơn vị là trước ngày 14/06/2026 (hạn trước đây: trước ngày 12/06/2026)") ||
		!strings.Contains(mails[0].Body, "Lý do gia hạn: "+clean) {
		t.Errorf("extension e-mails = %+v, want one to unit a's reporter with its new and old deadlines and the reason", mails)
	}

	if o := f.outstandingOf(t, r, f.a); o == nil || !o.Deadline.Equal(own) || !o.Extended {
		t.Errorf("unit a owing = %+v, want chased against its own deadline, with keys naming it", o)
	}
	if o := f.outstandingOf(t, r, f.b); o == nil || !o.Deadline.Equal(roundDeadline) || o.Extended {
		t.Errorf("unit b owing = %+v, want chased against the round's deadline, as before", o)
	}

	// The rates over rounds leave out a round the unit still has time for,
	// by its own deadline.
	history, err := f.s.ReportingHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range history {
		if want := map[int64]time.Time{f.a.ID: own, f.b.ID: roundDeadline}[h.UnitID]; h.RoundID == r.ID && !h.Deadline.Equal(want) {
			t.Errorf("ReportingHistory of unit %d: deadline %v, want %v", h.UnitID, h.Deadline, want)
		}
	}

	entries, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "extend"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("%d extend rows about the round, want 1: %+v", len(entries), entries)
	}
	if e := entries[0]; e.UserID != f.office.ID || e.Address != "10.0.0.7" || !strings.Contains(e.Before, "2026-06-12T00:00:00+07:00") ||
		!strings.Contains(e.After, "2026-06-14T00:00:00+07:00") || !strings.Contains(e.After, `"unit_id":`+itoa(f.a.ID)) ||
		!strings.Contains(e.After, `"reason":"Trưởng phòng đi công tác, xin lùi hai ngày\nđể ký"`) {
		t.Errorf("audit row = %+v, want the office's change of unit a's deadline, with the reason", e)
	}

	// Two more days again: later than the unit's own deadline, which is now
	// the one to beat; its first deadline is still the round's.
	again := tiendo.DeadlineBefore(2026, 6, 16)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, again, ""); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); err != nil || !got.Deadline.Equal(again) || !got.OriginalDeadline.Equal(roundDeadline) {
		t.Errorf("RoundForUnit after a second extension = %+v, %v; want %v, first given %v", got, err, again, roundDeadline)
	}
	if notes := f.extensionNotices(t, f.repA); len(notes) != 2 || !strings.Contains(notes[0].Title+notes[1].Title, "trước ngày 16/06/2026.") {
		t.Errorf("unit a's notices after a second extension = %+v, want a second one to 16/06", notes)
	}
}

// A report sent before the unit's own deadline is on time, though the
// round's has passed; one sent after it is late; the other unit, held to
// the round's deadline, is late. The revision says the same.
func TestUnitDeadlineLateness(t *testing.T) {
	f := newFixture(t)
	clock := newClock(f.s, time.Date(2026, 6, 5, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	short := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 12), "Chờ lãnh đạo ký"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, short.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 9), ""); err != nil {
		t.Fatal(err)
	}
	// 11/06 23:59: the round's deadline and the short extension have
	// passed, unit a's own in round r has not.
	clock.Add(time.Date(2026, 6, 11, 23, 59, 0, 0, tiendo.Zone).Sub(clock.Now()))
	for _, c := range []struct {
		name  string
		u     *tiendo.User
		unit  *tiendo.Unit
		round *tiendo.Round
		late  bool
	}{
		{"unit a, before its own deadline", f.repA, f.a, r, false},
		{"unit b, after the round's deadline", f.repB, f.b, r, true},
		{"unit a, after its own shorter deadline", f.repA, f.a, short, true},
	} {
		sent := f.sendReport(t, c.u, c.unit, c.round)
		if sent.Late != c.late {
			t.Errorf("%s: late = %v, want %v", c.name, sent.Late, c.late)
		}
		revs, err := f.s.Revisions(ctx, f.office, c.round.ID, c.unit.ID)
		if err != nil || len(revs) != 1 || revs[0].Late != c.late {
			t.Errorf("%s: revisions %+v, %v; want one, late = %v", c.name, revs, err, c.late)
		}
		if rep, err := f.s.Report(ctx, f.office, c.round.ID, c.unit.ID); err != nil || rep.Late != c.late {
			t.Errorf("%s: stored report late = %v, %v; want %v", c.name, rep != nil && rep.Late, err, c.late)
		}
	}
	// Sent exactly at the unit's deadline: late, as at the round's.
	at := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, at.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 13), ""); err != nil {
		t.Fatal(err)
	}
	clock.Add(tiendo.DeadlineBefore(2026, 6, 13).Sub(clock.Now()))
	if sent := f.sendReport(t, f.repA, f.a, at); !sent.Late {
		t.Error("unit a sent at the very instant of its own deadline: late = false, want true")
	}
}

// Who may not extend for a unit, for which unit, and to what: each refused
// with a Vietnamese reason, and nothing changes.
func TestExtendUnitDeadlineRefused(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	open := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 15))
	later := tiendo.DeadlineBefore(2026, 6, 30)
	own := tiendo.DeadlineBefore(2026, 6, 20)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, open.ID, f.a.ID, own, ""); err != nil {
		t.Fatal(err)
	}
	stranger := &tiendo.Unit{Code: "ttyt", Name: "Trung tâm Y tế"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, stranger); err != nil {
		t.Fatal(err)
	}
	f.sendReport(t, f.repB, f.b, open)

	if _, err := f.s.ExtendUnitDeadline(ctx, store.Actor{UserID: f.repA.ID}, f.repA, open.ID, f.a.ID, later, ""); code(err) != tiendo.EFORBIDDEN || !strings.Contains(tiendo.ErrorMessage(err), "Văn phòng") {
		t.Errorf("a unit's reporter extends its own deadline: %v, want forbidden", err)
	}
	for _, c := range []struct {
		name     string
		unitID   int64
		deadline time.Time
		reason   string
		field    string
		want     string
	}{
		{"no unit", 0, later, "", "unit", "Vui lòng chọn đơn vị"},
		{"no deadline", f.a.ID, time.Time{}, "", "deadline", "Vui lòng nhập hạn gửi mới"},
		{"the unit's own deadline again", f.a.ID, own, "", "deadline", "phải sau hạn hiện tại của đơn vị (trước ngày 20/06/2026)"},
		{"between the round's and the unit's", f.a.ID, tiendo.DeadlineBefore(2026, 6, 18), "", "deadline", "phải sau hạn hiện tại của đơn vị"},
		{"the round's deadline, for the other unit", f.b.ID, open.Deadline, "", "unit", "Công an huyện đã gửi báo cáo"},
		{"a unit not asked", stranger.ID, later, "", "unit", "không được yêu cầu báo cáo trong đợt"},
		{"an unknown unit", stranger.ID + 1000, later, "", "unit", "không được yêu cầu báo cáo trong đợt"},
		{"a reason of 1.200 characters", f.a.ID, later, strings.Repeat("Lý do ", 200), "reason", "tối đa 1000 ký tự"},
	} {
		var e *tiendo.Error
		_, err := f.s.ExtendUnitDeadline(ctx, office, f.office, open.ID, c.unitID, c.deadline, c.reason)
		if !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Fields[c.field], c.want) {
			t.Errorf("%s: %v (%+v), want a field error on %s saying %q", c.name, err, e, c.field, c.want)
		}
	}

	// A unit of an overdue round, extended to a day that has passed too.
	overdue := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 5))
	var e *tiendo.Error
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, overdue.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 8), ""); !errors.As(err, &e) || !strings.Contains(e.Fields["deadline"], "đã qua") {
		t.Errorf("extended to a day already past: %v, want a field error saying it has passed", err)
	}
	draft := newDraft(t, f, "Đợt nháp")
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, draft.ID, f.a.ID, later, ""); code(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "Sửa đợt báo cáo") {
		t.Errorf("a draft: %v, want a conflict pointing to the edit form", err)
	}
	closed := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 15))
	if err := f.s.CloseRound(ctx, office, closed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, closed.ID, f.a.ID, later, ""); code(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "đã đóng") {
		t.Errorf("a closed round: %v, want a conflict saying it is closed", err)
	}
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, closed.ID+1000, f.a.ID, later, ""); code(err) != tiendo.ENOTFOUND {
		t.Errorf("an unknown round: %v, want not found", err)
	}

	for _, r := range []*tiendo.Round{open, overdue, draft, closed} {
		got, err := f.s.UnitDeadlines(ctx, r.ID)
		want := 0
		if r == open {
			want = 1
		}
		if err != nil || len(got) != want || (want == 1 && !got[f.a.ID].Deadline.Equal(own)) {
			t.Errorf("round %q after refused extensions: %+v, %v; want only the one granted", r.Title, got, err)
		}
	}
	if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", Action: "extend"}); len(entries) != 1 {
		t.Errorf("extend rows after refused extensions: %+v, want only the one granted", entries)
	}
	if notes := f.extensionNotices(t, f.repA); len(notes) != 1 {
		t.Errorf("unit a's notices: %+v, want only the one granted", notes)
	}
	if notes := f.extensionNotices(t, f.repB); len(notes) != 0 {
		t.Errorf("unit b was told of a refused extension: %+v", notes)
	}
}

// A round locked after its deadline: a unit given a deadline of its own
// then can report until it, and is chased until it; a unit given one
// before the lock is not stopped by it either, until its own deadline has
// passed. Those the office did neither for stay locked out.
func TestUnitDeadlineInALockedRound(t *testing.T) {
	f := newFixture(t)
	clock := newClock(f.s, time.Date(2026, 6, 6, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	// Granted before the lock: unit b to 09/06.
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.b.ID, tiendo.DeadlineBefore(2026, 6, 9), ""); err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Date(2026, 6, 8, 9, 0, 0, 0, tiendo.Zone).Sub(clock.Now()))
	if err := f.s.LockRound(ctx, office, r.ID, true); err != nil {
		t.Fatal(err)
	}
	save := func(u *tiendo.User, unit *tiendo.Unit) error {
		t.Helper()
		rep, err := f.s.Report(ctx, u, r.ID, unit.ID)
		if err != nil {
			t.Fatal(err)
		}
		fill(rep, "Đang hoàn thiện", 50)
		return f.s.SaveReport(ctx, store.Actor{}, u, rep)
	}
	if err := save(f.repA, f.a); code(err) != tiendo.ECONFLICT {
		t.Fatalf("unit a saves in the locked round: %v, want conflict", err)
	}
	if err := save(f.repB, f.b); err != nil {
		t.Errorf("unit b, whose own deadline has not passed, saves in the locked round: %v, want it saved", err)
	}
	if o := f.outstandingOf(t, r, f.a); o != nil {
		t.Errorf("unit a, locked out, is chased: %+v", o)
	}
	if o := f.outstandingOf(t, r, f.b); o == nil || !o.Deadline.Equal(tiendo.DeadlineBefore(2026, 6, 9)) {
		t.Errorf("unit b owing in the locked round = %+v, want chased against its own deadline", o)
	}

	// Granted in the locked round: unit a to 12/06, and it reports on time.
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 12), "Phòng xin thêm thời gian"); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); err != nil || !got.LockedAt.IsZero() {
		t.Errorf("RoundForUnit(unit a) after its extension = %+v, %v; want not locked for it", got, err)
	}
	if got, err := f.s.Round(ctx, f.office, r.ID); err != nil || got.LockedAt.IsZero() {
		t.Errorf("Round after a unit's extension = %+v, %v; want still locked for the others", got, err)
	}
	if o := f.outstandingOf(t, r, f.a); o == nil || !o.Deadline.Equal(tiendo.DeadlineBefore(2026, 6, 12)) {
		t.Errorf("unit a owing after its extension = %+v, want chased against its own deadline", o)
	}
	if sent := f.sendReport(t, f.repA, f.a, r); sent.Late {
		t.Error("unit a, extended in the locked round, sent before its own deadline: late = true, want false")
	}

	// 10/06: unit b's own deadline has passed; the lock holds for it.
	clock.Add(time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone).Sub(clock.Now()))
	if err := save(f.repB, f.b); code(err) != tiendo.ECONFLICT {
		t.Errorf("unit b saves after its own deadline in the locked round: %v, want conflict", err)
	}
	if o := f.outstandingOf(t, r, f.b); o != nil {
		t.Errorf("unit b, locked out after its own deadline, is chased: %+v", o)
	}
}

// An extension of the whole round past a unit's own deadline makes the
// unit's irrelevant: the unit is held to the round's and told of it. One
// that stays before the unit's own leaves the unit alone: it is not told,
// and what was queued for it still holds.
func TestRoundExtensionAndUnitDeadline(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 6, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	own := tiendo.DeadlineBefore(2026, 6, 12)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, ""); err != nil {
		t.Fatal(err)
	}
	queue := []*store.Message{
		{Kind: store.KindReminderBefore, DedupeKey: "remind:a", RoundID: r.ID, UnitID: f.a.ID, Email: "pnv@huulung.example", Subject: "Nhắc gửi báo cáo"},
		{Kind: store.KindReminderDue, DedupeKey: "remind:b", RoundID: r.ID, UnitID: f.b.ID, Email: "cah@huulung.example", Subject: "Hôm nay là hạn cuối"},
	}
	if _, err := f.s.Enqueue(ctx, queue...); err != nil {
		t.Fatal(err)
	}

	// The round to 10/06: before unit a's own.
	if err := f.s.ExtendDeadline(ctx, office, f.office, r.ID, tiendo.DeadlineBefore(2026, 6, 10), ""); err != nil {
		t.Fatal(err)
	}
	msgs, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, m := range msgs {
		status[m.DedupeKey] = m.Status
	}
	if status["remind:a"] != store.MessagePending || status["remind:b"] != store.MessageExpired {
		t.Errorf("queued reminders after the round's extension before unit a's own: %v; want unit a's kept, unit b's expired", status)
	}
	if notes := f.extensionNotices(t, f.repA); len(notes) != 1 {
		t.Errorf("unit a's notices = %+v, want only its own extension's: its deadline did not change", notes)
	}
	if notes := f.extensionNotices(t, f.repB); len(notes) != 1 {
		t.Errorf("unit b's notices = %+v, want the round's extension", notes)
	}
	if got, _ := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); got == nil || !got.Deadline.Equal(own) || !got.OriginalDeadline.Equal(tiendo.DeadlineBefore(2026, 6, 7)) {
		t.Errorf("RoundForUnit(unit a) = %+v, want its own deadline, first given the round's first", got)
	}

	// The round to 15/06: past unit a's own.
	past := tiendo.DeadlineBefore(2026, 6, 15)
	if err := f.s.ExtendDeadline(ctx, office, f.office, r.ID, past, "Chờ số liệu thống kê"); err != nil {
		t.Fatal(err)
	}
	notes := f.extensionNotices(t, f.repA)
	if len(notes) != 2 || !strings.Contains(notes[0].Title, "được gia hạn đến trước ngày 15/06/2026") {
		t.Errorf("unit a's notices = %+v, want the round's extension past its own", notes)
	}
	msgs, _ = f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	for _, m := range msgs {
		if m.DedupeKey == "remind:a" && m.Status != store.MessageExpired {
			t.Errorf("unit a's queued reminder after the round's extension past its own: %s, want expired", m.Status)
		}
		if m.Kind == store.KindDeadlineExtended && m.UnitID == f.a.ID && strings.Contains(m.Subject, "15/06") &&
			!strings.Contains(m.Body, "(hạn trước đây: trước ngày 12/06/2026)") {
			t.Errorf("unit a's notice of the round's extension: %q, want its own deadline as the one before", m.Body)
		}
	}
	for _, u := range []*tiendo.User{f.repA, f.repB} {
		if got, _ := f.s.RoundForUnit(ctx, u, r.ID, u.UnitID); got == nil || !got.Deadline.Equal(past) {
			t.Errorf("RoundForUnit(%s) = %+v, want the round's new deadline", u.Username, got)
		}
	}
	if got, err := f.s.UnitDeadlines(ctx, r.ID); err != nil || len(got) != 0 {
		t.Errorf("UnitDeadlines = %+v, %v; want none: the round's deadline is later than unit a's own", got, err)
	}
	if o := f.outstandingOf(t, r, f.a); o == nil || !o.Deadline.Equal(past) {
		t.Errorf("unit a owing = %+v, want chased against the round's deadline", o)
	}
}

// The units the office may give a deadline of their own are those still
// owing their report, in Vietnamese order, each with its deadline.
func TestOwingDeadlines(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 6, 9, 0, 0, 0, tiendo.Zone))
	dt := &tiendo.Unit{Code: "dt", Name: "Đội Thuế"}
	d := &tiendo.Unit{Code: "dan", Name: "Dân tộc"}
	for _, u := range []*tiendo.Unit{dt, d} {
		if err := f.s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	r := &tiendo.Round{Title: "Báo cáo quý", Deadline: tiendo.DeadlineBefore(2026, 6, 10), Status: tiendo.RoundOpen,
		UnitIDs: []int64{f.a.ID, f.b.ID, dt.ID, d.ID},
		Tasks:   []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ", Assignees: []tiendo.Assignee{{UnitID: f.b.ID, Role: tiendo.Lead}, {UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	f.sendReport(t, f.repA, f.a, r)
	if _, err := f.s.ExtendUnitDeadline(ctx, store.Actor{}, f.office, r.ID, dt.ID, tiendo.DeadlineBefore(2026, 6, 12), ""); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.OwingDeadlines(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range got {
		names = append(names, o.Unit.Name+" "+tiendo.DeadlineText(o.Deadline))
	}
	want := "Công an huyện trước ngày 10/06/2026|Dân tộc trước ngày 10/06/2026|Đội Thuế trước ngày 12/06/2026"
	if strings.Join(names, "|") != want {
		t.Errorf("OwingDeadlines = %q, want %q", strings.Join(names, "|"), want)
	}
}
