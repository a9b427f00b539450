package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// fourUnitRound is an open round due "trước ngày 12/06/2026" asking units
// a and b and two more: "dt" (Đội Thuế) and "ttyt" (Trung tâm Y tế).
func (f *fixture) fourUnitRound(t *testing.T) (*tiendo.Round, *tiendo.Unit, *tiendo.Unit) {
	t.Helper()
	dt := &tiendo.Unit{Code: "dt", Name: "Đội Thuế"}
	ttyt := &tiendo.Unit{Code: "ttyt", Name: "Trung tâm Y tế"}
	for _, u := range []*tiendo.Unit{dt, ttyt} {
		if err := f.s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	r := &tiendo.Round{Title: "Báo cáo quý II", Deadline: tiendo.DeadlineBefore(2026, 6, 12), Status: tiendo.RoundOpen,
		UnitIDs: []int64{f.a.ID, f.b.ID, dt.ID, ttyt.ID},
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ chung", Assignees: []tiendo.Assignee{
			{UnitID: f.a.ID, Role: tiendo.Lead}, {UnitID: f.b.ID, Role: tiendo.Lead}, {UnitID: dt.ID, Role: tiendo.Lead}, {UnitID: ttyt.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return r, dt, ttyt
}

// Before the whole round is extended the office is told what the
// extension would do: the deadline from and to, how many units still owe
// their report and will be told, how many keep a later deadline of their
// own and how many follow the new one, whether the round is locked. The
// check writes nothing; it refuses what ExtendDeadline refuses.
func TestCheckExtendDeadline(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r, dt, ttyt := f.fourUnitRound(t)
	f.sendReport(t, f.repB, f.b, r)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, dt.ID, tiendo.DeadlineBefore(2026, 6, 20), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, ttyt.ID, tiendo.DeadlineBefore(2026, 6, 15), ""); err != nil {
		t.Fatal(err)
	}
	before, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID})
	queued, _ := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})

	to := tiendo.DeadlineBefore(2026, 6, 18)
	got, err := f.s.CheckExtendDeadline(ctx, f.office, r.ID, to, "  Chờ số liệu\r\nthống kê  ")
	if err != nil {
		t.Fatal(err)
	}
	want := store.RoundExtension{RoundID: r.ID, Title: "Báo cáo quý II", From: r.Deadline, To: to, Reason: "Chờ số liệu\nthống kê",
		Owing: 3, Keep: 1, Follow: 1}
	if got.RoundID != want.RoundID || got.Title != want.Title || !got.From.Equal(want.From) || !got.To.Equal(want.To) || got.Reason != want.Reason ||
		got.Locked || got.Owing != want.Owing || got.Keep != want.Keep || got.Follow != want.Follow || got.Told() != 2 {
		t.Errorf("CheckExtendDeadline = %+v (told %d), want %+v (told 2): unit a and Trung tâm Y tế told, Đội Thuế keeping its own", got, got.Told(), want)
	}
	// Past Đội Thuế's own deadline: every unit owing follows and is told.
	if got, err := f.s.CheckExtendDeadline(ctx, f.office, r.ID, tiendo.DeadlineBefore(2026, 6, 25), ""); err != nil || got.Keep != 0 || got.Follow != 2 || got.Told() != 3 {
		t.Errorf("CheckExtendDeadline past every own deadline = %+v, %v; want 3 told, 2 of them following", got, err)
	}

	if got, err := f.s.Round(ctx, f.office, r.ID); err != nil || !got.Deadline.Equal(r.Deadline) || !got.OriginalDeadline.IsZero() {
		t.Errorf("Round after the check = %+v, %v; want it unchanged", got, err)
	}
	if after, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID}); len(after) != len(before) {
		t.Errorf("the check wrote %d audit rows", len(after)-len(before))
	}
	if now, _ := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID}); len(now) != len(queued) {
		t.Errorf("the check queued %d messages", len(now)-len(queued))
	}
	if notes := f.extensionNotices(t, f.repA); len(notes) != 0 {
		t.Errorf("unit a was told of an extension only checked: %+v", notes)
	}

	if err := f.s.LockRound(ctx, office, r.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.CheckExtendDeadline(ctx, f.office, r.ID, to, ""); err != nil || !got.Locked || got.LockedAt.IsZero() {
		t.Errorf("CheckExtendDeadline of a locked round = %+v, %v; want it said locked", got, err)
	}

	var e *tiendo.Error
	for _, c := range []struct {
		name, field, want string
		deadline          time.Time
		reason            string
	}{
		{"no deadline", "deadline", "Vui lòng nhập hạn gửi mới", time.Time{}, ""},
		{"the same deadline", "deadline", "phải sau hạn hiện tại (trước ngày 12/06/2026)", r.Deadline, ""},
		{"a reason too long", "reason", "tối đa 1000 ký tự", to, strings.Repeat("Lý do ", 200)},
	} {
		if _, err := f.s.CheckExtendDeadline(ctx, f.office, r.ID, c.deadline, c.reason); !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Fields[c.field], c.want) {
			t.Errorf("%s: %v, want a field error on %s saying %q", c.name, err, c.field, c.want)
		}
	}
	if _, err := f.s.CheckExtendDeadline(ctx, f.repA, r.ID, to, ""); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reporter checks an extension: %v, want forbidden", err)
	}
	draft := newDraft(t, f, "Đợt nháp")
	if _, err := f.s.CheckExtendDeadline(ctx, f.office, draft.ID, to, ""); code(err) != tiendo.ECONFLICT {
		t.Errorf("a draft: %v, want a conflict", err)
	}
	if _, err := f.s.CheckExtendDeadline(ctx, f.office, draft.ID+1000, to, ""); code(err) != tiendo.ENOTFOUND {
		t.Errorf("an unknown round: %v, want not found", err)
	}
}

// The office confirms what the check said. If another office user
// extended the round meanwhile, or locked it, the confirmation is refused
// with the reason and nothing changes; confirmed as the round stands, the
// extension is done and the units are told.
func TestExtendDeadlineAsConfirmed(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
	to := tiendo.DeadlineBefore(2026, 6, 20)
	seen, err := f.s.CheckExtendDeadline(ctx, f.office, r.ID, to, "Chờ số liệu")
	if err != nil {
		t.Fatal(err)
	}
	// Meanwhile another office user extends it to 15/06.
	if err := f.s.ExtendDeadline(ctx, office, f.office, r.ID, tiendo.DeadlineBefore(2026, 6, 15), ""); err != nil {
		t.Fatal(err)
	}
	var e *tiendo.Error
	if err := f.s.ExtendDeadlineAsConfirmed(ctx, office, f.office, seen); !errors.As(err, &e) || e.Code != tiendo.EINVALID ||
		!strings.Contains(e.Fields["deadline"], "Trong lúc đồng chí xác nhận, hạn gửi của đợt đã được đổi thành trước ngày 15/06/2026") {
		t.Errorf("confirmed after another extension: %v, want it refused on the deadline", err)
	}
	if got, _ := f.s.Round(ctx, f.office, r.ID); got == nil || !got.Deadline.Equal(tiendo.DeadlineBefore(2026, 6, 15)) {
		t.Errorf("Round after a refused confirmation = %+v, want the other user's deadline", got)
	}

	seen, err = f.s.CheckExtendDeadline(ctx, f.office, r.ID, to, "Chờ số liệu")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.LockRound(ctx, office, r.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendDeadlineAsConfirmed(ctx, office, f.office, seen); !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Message, "đợt báo cáo vừa được khóa") {
		t.Errorf("confirmed after the round was locked: %v, want it refused saying so", err)
	}
	if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "extend"}); len(entries) != 1 {
		t.Errorf("extend rows = %d, want only the other user's", len(entries))
	}

	seen, err = f.s.CheckExtendDeadline(ctx, f.office, r.ID, to, "Chờ số liệu")
	if err != nil || !seen.Locked {
		t.Fatalf("CheckExtendDeadline of the locked round = %+v, %v", seen, err)
	}
	if err := f.s.ExtendDeadlineAsConfirmed(ctx, office, f.office, seen); err != nil {
		t.Fatal(err)
	}
	// Sent twice (a double click): no error, nothing more done.
	if err := f.s.ExtendDeadlineAsConfirmed(ctx, office, f.office, seen); err != nil {
		t.Errorf("the confirmation sent twice: %v, want no error: the extension is in place", err)
	}
	if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "extend"}); len(entries) != 2 {
		t.Errorf("extend rows after a confirmation sent twice = %d, want 2", len(entries))
	}
	got, err := f.s.Round(ctx, f.office, r.ID)
	if err != nil || !got.Deadline.Equal(to) || !got.LockedAt.IsZero() {
		t.Errorf("Round after the confirmed extension = %+v, %v; want %v, unlocked", got, err, to)
	}
	if notes := f.extensionNotices(t, f.repA); len(notes) != 2 || !strings.Contains(notes[0].Title+notes[1].Title, "trước ngày 20/06/2026. Lý do: Chờ số liệu") {
		t.Errorf("unit a's notices = %+v, want the confirmed extension's", notes)
	}
}
