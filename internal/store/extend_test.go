package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// sendReport fills and submits unit's report in round r as u.
func (f *fixture) sendReport(t *testing.T, u *tiendo.User, unit *tiendo.Unit, r *tiendo.Round) *tiendo.UnitReport {
	t.Helper()
	rep, err := f.s.Report(ctx, u, r.ID, unit.ID)
	if err != nil {
		t.Fatal(err)
	}
	fill(rep, "Đã hoàn thành", 75)
	if err := f.s.SaveReport(ctx, store.Actor{}, u, rep); err != nil {
		t.Fatalf("save %s's report: %v", unit.Code, err)
	}
	sent, err := f.s.ActOnReport(ctx, store.Actor{UserID: u.ID}, u, r.ID, unit.ID, submit(rep.Version))
	if err != nil {
		t.Fatalf("submit %s's report: %v", unit.Code, err)
	}
	return sent
}

// extensionNotices returns u's in-app notifications of an extension.
func (f *fixture) extensionNotices(t *testing.T, u *tiendo.User) []store.Notification {
	t.Helper()
	notes, _, err := f.s.Notifications(ctx, u, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Notification
	for _, n := range notes {
		if n.Kind == store.KindDeadlineExtended {
			out = append(out, n)
		}
	}
	return out
}

// An extension moves the deadline of an open round; Round and RoundForUnit,
// which keep rounds between calls, show it at once, with the deadline the
// round was published with. A report sent late before the extension stays
// late; one sent after it, before the new deadline, is on time. The units
// still owing are told, in the app and by e-mail, with the reason; the
// unit that has sent is not. The change is audited on the round.
func TestExtendDeadline(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	old := tiendo.DeadlineBefore(2026, 6, 7)
	r := f.newRound(t, old)
	if got, err := f.s.Round(ctx, f.office, r.ID); err != nil || !got.Deadline.Equal(old) || !got.OriginalDeadline.IsZero() {
		t.Fatalf("Round before the extension = %+v, %v; want the first deadline and no original", got, err)
	}
	if _, err := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); err != nil {
		t.Fatal(err)
	}
	if sent := f.sendReport(t, f.repB, f.b, r); !sent.Late {
		t.Fatalf("unit b sent after the deadline: late = false, want true")
	}

	office := store.Actor{UserID: f.office.ID, Address: "10.0.0.7"}
	deadline := tiendo.DeadlineBefore(2026, 6, 20)
	// Typed with spaces around it, a Windows line break and decomposed.
	reason := "  Chờ số liệu quye\u0302\u0301t toán\r\ncủa Kho bạc  "
	if err := f.s.ExtendDeadline(ctx, office, f.office, r.ID, deadline, reason); err != nil {
		t.Fatal(err)
	}
	for name, read := range map[string]func() (*tiendo.Round, error){
		"Round":        func() (*tiendo.Round, error) { return f.s.Round(ctx, f.office, r.ID) },
		"RoundForUnit": func() (*tiendo.Round, error) { return f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID) },
		"Rounds": func() (*tiendo.Round, error) {
			list, err := f.s.Rounds(ctx, f.office)
			if err != nil || len(list) != 1 {
				return nil, errors.Join(err, errors.New("want one round"))
			}
			return list[0].Round, nil
		},
	} {
		got, err := read()
		if err != nil {
			t.Fatalf("%s after the extension: %v", name, err)
		}
		if !got.Deadline.Equal(deadline) || !got.OriginalDeadline.Equal(old) || got.Status != tiendo.RoundOpen {
			t.Errorf("%s after the extension: deadline %v, original %v, status %s; want %v, %v, open",
				name, got.Deadline, got.OriginalDeadline, got.Status, deadline, old)
		}
	}

	// Not retroactive: unit b's report stays late.
	if rep, err := f.s.Report(ctx, f.office, r.ID, f.b.ID); err != nil || !rep.Late {
		t.Errorf("unit b's report after the extension: late=%v, %v; want still late", rep != nil && rep.Late, err)
	}

	const title = "Hạn gửi báo cáo “Báo cáo 6 tháng” được gia hạn đến trước ngày 20/06/2026. Lý do: Chờ số liệu quyết toán của Kho bạc"
	notes := f.extensionNotices(t, f.repA)
	if len(notes) != 1 || notes[0].Title != title || notes[0].Link != "/rounds/"+itoa(r.ID)+"/reports/pnv" {
		t.Errorf("unit a's notices of the extension = %+v, want one titled %q linking to its report", notes, title)
	}
	if notes := f.extensionNotices(t, f.repB); len(notes) != 0 {
		t.Errorf("unit b, which has sent, was told of the extension: %+v", notes)
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
	if len(mails) != 1 || mails[0].Email != "pnv@huulung.example" || mails[0].Status != store.MessagePending ||
		!strings.Contains(mails[0].Body, "hạn mới là trước ngày 20/06/2026 (hạn trước đây: trước ngày 07/06/2026)") ||
		!strings.Contains(mails[0].Body, "Lý do gia hạn: Chờ số liệu quyết toán\ncủa Kho bạc") {
		t.Errorf("extension e-mails = %+v, want one to unit a's reporter with the new and old deadlines and the reason", mails)
	}

	entries, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "extend"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("%d extend rows about the round, want 1: %+v", len(entries), entries)
	}
	if e := entries[0]; e.UserID != f.office.ID || e.Address != "10.0.0.7" || !strings.Contains(e.Before, "2026-06-07T00:00:00+07:00") ||
		!strings.Contains(e.After, "2026-06-20T00:00:00+07:00") || !strings.Contains(e.After, `"reason":"Chờ số liệu quyết toán\ncủa Kho bạc"`) ||
		strings.Contains(e.Before+e.After, "locked_at") {
		t.Errorf("audit row = %+v, want the office's change from the old deadline to the new, with the reason", e)
	}

	// Sent now, before the new deadline: on time.
	if sent := f.sendReport(t, f.repA, f.a, r); sent.Late {
		t.Errorf("unit a sent before the new deadline: late = true, want false")
	}

	// A second extension keeps the deadline the round was published with,
	// and tells nobody: every unit has sent.
	again := tiendo.DeadlineBefore(2026, 6, 25)
	if err := f.s.ExtendDeadline(ctx, office, f.office, r.ID, again, ""); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.Round(ctx, f.office, r.ID); err != nil || !got.Deadline.Equal(again) || !got.OriginalDeadline.Equal(old) {
		t.Errorf("Round after a second extension = %+v, %v; want deadline %v, original %v", got, err, again, old)
	}
	if notes := f.extensionNotices(t, f.repA); len(notes) != 1 {
		t.Errorf("unit a, which has sent, was told of the second extension: %+v", notes)
	}
}

// A round locked after its deadline is unlocked by an extension, so that
// every unit can report until the new deadline; the units reopened one by
// one lose that mark, as an unlock does, and reminders reach every unit
// still owing again. The audit row says the lock was lifted.
func TestExtendDeadlineUnlocks(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	if err := f.s.LockRound(ctx, store.Actor{}, r.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReopenUnit(ctx, store.Actor{}, r.ID, f.b.ID); err != nil {
		t.Fatal(err)
	}
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Chưa xong", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); code(err) != tiendo.ECONFLICT {
		t.Fatalf("unit a saves in the locked round: %v, want conflict", err)
	}
	if owing, _ := f.s.Outstanding(ctx, r.ID); len(owing) != 1 || owing[0].Unit.ID != f.b.ID {
		t.Fatalf("owing in the locked round = %+v, want only the reopened unit b", owing)
	}

	if err := f.s.ExtendDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, tiendo.DeadlineBefore(2026, 6, 20), "Nhiều đơn vị chưa kịp tổng hợp"); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Round(ctx, f.office, r.ID)
	if err != nil || !got.LockedAt.IsZero() {
		t.Fatalf("Round after the extension = %+v, %v; want no lock", got, err)
	}
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Errorf("unit a saves after the extension: %v, want it saved", err)
	}
	states, err := f.s.ReportStates(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st := states[f.b.ID]; st == nil || st.Reopened {
		t.Errorf("unit b after the extension: %+v, want no longer marked reopened", st)
	}
	owing, err := f.s.Outstanding(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(owing) != 2 || !owing[0].Deadline.Equal(tiendo.DeadlineBefore(2026, 6, 20)) {
		t.Errorf("owing after the extension = %+v, want both units, against the new deadline", owing)
	}
	for _, u := range []*tiendo.User{f.repA, f.repB} {
		if notes := f.extensionNotices(t, u); len(notes) != 1 {
			t.Errorf("%s's notices of the extension = %+v, want one", u.Username, notes)
		}
	}
	entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "extend"})
	if len(entries) != 1 || !strings.Contains(entries[0].Before, `"locked_at":"2026-06-10T09:00:00+07:00"`) || !strings.Contains(entries[0].After, `"locked_at":null`) {
		t.Errorf("audit rows = %+v, want one that records the lock lifted", entries)
	}
}

// Reminders queued for the old deadline and not yet sent are expired: a
// unit told of the extension must not then be told it is overdue. Other
// mail of the round, and reminders of other rounds, are left alone.
func TestExtendDeadlineExpiresOldReminders(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	other := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	queue := []*store.Message{
		{Kind: store.KindReminderOverdue, DedupeKey: "remind:overdue", RoundID: r.ID, UnitID: f.a.ID, Email: "pnv@huulung.example", Subject: "Báo cáo đã quá hạn 3 ngày"},
		{Kind: store.KindAdhoc, DedupeKey: "adhoc", RoundID: r.ID, UnitID: f.a.ID, Email: "pnv@huulung.example", Subject: "Văn phòng đôn đốc gửi báo cáo"},
		{Kind: store.KindReportSubmitted, DedupeKey: "submitted", RoundID: r.ID, UnitID: f.b.ID, Email: "vanphong@huulung.example", Subject: "Công an huyện đã gửi báo cáo"},
		{Kind: store.KindReminderOverdue, DedupeKey: "remind:other", RoundID: other.ID, UnitID: f.a.ID, Email: "pnv@huulung.example", Subject: "Báo cáo đã quá hạn 3 ngày"},
	}
	if _, err := f.s.Enqueue(ctx, queue...); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendDeadline(ctx, store.Actor{}, f.office, r.ID, tiendo.DeadlineBefore(2026, 6, 20), ""); err != nil {
		t.Fatal(err)
	}
	msgs, err := f.s.Outbox(ctx, store.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, m := range msgs {
		status[m.DedupeKey] = m.Status
	}
	for key, want := range map[string]string{"remind:overdue": store.MessageExpired, "adhoc": store.MessageExpired,
		"submitted": store.MessagePending, "remind:other": store.MessagePending} {
		if status[key] != want {
			t.Errorf("message %s after the extension: %q, want %q", key, status[key], want)
		}
	}
}

// A unit that sends its report before the extension's notice went out is
// not told to send it: the notice is cancelled with its reminders.
func TestExtensionNoticeCancelledBySubmission(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	r := f.newRound(t, time.Now().Add(time.Hour))
	if err := f.s.ExtendDeadline(ctx, store.Actor{}, f.office, r.ID, time.Now().Add(72*time.Hour), "Chờ số liệu thống kê"); err != nil {
		t.Fatal(err)
	}
	pending := func() int {
		t.Helper()
		msgs, err := f.s.Outbox(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			if m.Kind == store.KindDeadlineExtended && m.UnitID == f.a.ID && m.Status == store.MessagePending {
				n++
			}
		}
		return n
	}
	if pending() == 0 {
		t.Fatal("unit a, which owes its report, has no extension notice waiting")
	}
	f.sendReport(t, f.repA, f.a, r)
	if n := pending(); n != 0 {
		t.Errorf("%d extension notices still wait for unit a after it sent its report", n)
	}
}

// Who may not extend, what cannot be extended and to what: each refused
// with a Vietnamese reason, and nothing changes.
func TestExtendDeadlineRefused(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	open := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 15))
	later := tiendo.DeadlineBefore(2026, 6, 30)

	if err := f.s.ExtendDeadline(ctx, store.Actor{UserID: f.repA.ID}, f.repA, open.ID, later, ""); code(err) != tiendo.EFORBIDDEN || !strings.Contains(tiendo.ErrorMessage(err), "Văn phòng") {
		t.Errorf("a unit's reporter extends: %v, want forbidden", err)
	}
	for _, c := range []struct {
		name     string
		deadline time.Time
		want     string
	}{
		{"no deadline", time.Time{}, "Vui lòng nhập hạn gửi mới"},
		{"the same deadline", open.Deadline, "phải sau hạn hiện tại (trước ngày 15/06/2026)"},
		{"an earlier deadline", tiendo.DeadlineBefore(2026, 6, 12), "phải sau hạn hiện tại"},
	} {
		var e *tiendo.Error
		err := f.s.ExtendDeadline(ctx, office, f.office, open.ID, c.deadline, "")
		if !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Fields["deadline"], c.want) {
			t.Errorf("%s: %v, want a field error on the deadline saying %q", c.name, err, c.want)
		}
	}
	var e *tiendo.Error
	if err := f.s.ExtendDeadline(ctx, office, f.office, open.ID, later, strings.Repeat("Lý do ", 200)); !errors.As(err, &e) || e.Fields["reason"] == "" {
		t.Errorf("a reason of 1.200 characters: %v, want a field error on the reason", err)
	}

	// Overdue, and extended to a day later that has passed too.
	overdue := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 5))
	err := f.s.ExtendDeadline(ctx, office, f.office, overdue.ID, tiendo.DeadlineBefore(2026, 6, 8), "")
	if !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Fields["deadline"], "đã qua") {
		t.Errorf("extended to a day already past: %v, want a field error saying it has passed", err)
	}

	draft := newDraft(t, f, "Đợt nháp")
	if err := f.s.ExtendDeadline(ctx, office, f.office, draft.ID, later, ""); code(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "Sửa đợt báo cáo") {
		t.Errorf("extending a draft: %v, want a conflict pointing to the edit form", err)
	}
	closed := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 15))
	if err := f.s.CloseRound(ctx, office, closed.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendDeadline(ctx, office, f.office, closed.ID, later, ""); code(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "đã đóng") {
		t.Errorf("extending a closed round: %v, want a conflict saying it is closed", err)
	}
	if err := f.s.ExtendDeadline(ctx, office, f.office, closed.ID+1000, later, ""); code(err) != tiendo.ENOTFOUND {
		t.Errorf("an unknown round: %v, want not found", err)
	}

	for _, r := range []*tiendo.Round{open, overdue, draft, closed} {
		got, err := f.s.Round(ctx, f.office, r.ID)
		if err != nil || !got.Deadline.Equal(r.Deadline) || !got.OriginalDeadline.IsZero() {
			t.Errorf("round %q after refused extensions: %+v, %v; want its deadline unchanged", r.Title, got, err)
		}
		if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "extend"}); len(entries) != 0 {
			t.Errorf("round %q: a refused extension was audited: %+v", r.Title, entries)
		}
	}
	for _, u := range []*tiendo.User{f.repA, f.repB} {
		if notes := f.extensionNotices(t, u); len(notes) != 0 {
			t.Errorf("%s was told of a refused extension: %+v", u.Username, notes)
		}
	}
}
