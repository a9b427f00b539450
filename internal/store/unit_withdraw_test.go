package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// withdrawalNotices returns u's in-app notifications of a unit's own
// deadline withdrawn.
func (f *fixture) withdrawalNotices(t *testing.T, u *tiendo.User) []store.Notification {
	t.Helper()
	notes, _, err := f.s.Notifications(ctx, u, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Notification
	for _, n := range notes {
		if n.Kind == store.KindDeadlineWithdrawn {
			out = append(out, n)
		}
	}
	return out
}

// outboxByKey returns the queued messages of round r by dedupe key.
func (f *fixture) outboxByKey(t *testing.T, r *tiendo.Round) map[string]*store.Message {
	t.Helper()
	msgs, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*store.Message{}
	for _, m := range msgs {
		out[m.DedupeKey] = m
	}
	return out
}

// The office gave unit a two more days by mistake and withdraws them: the
// unit is held to the round's deadline again, everywhere it is read (the
// round cache included), and chased against it; what was queued for it
// under its own deadline and not sent (a reminder, a "đôn đốc", the
// extension's e-mail) is expired, unit b's is not; the unit is told, in the
// app and by e-mail, which deadline now holds; unit b is not. The change
// is audited on the round with the unit.
func TestWithdrawUnitDeadline(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	clock := newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	roundDeadline := tiendo.DeadlineBefore(2026, 6, 12)
	r := f.newRound(t, roundDeadline)
	office := store.Actor{UserID: f.office.ID, Address: "10.0.0.7"}
	own := tiendo.DeadlineBefore(2026, 6, 14)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, "Trưởng phòng đi công tác"); err != nil {
		t.Fatal(err)
	}
	queue := []*store.Message{
		{Kind: store.KindReminderBefore, DedupeKey: "remind:a", RoundID: r.ID, UnitID: f.a.ID, Email: "pnv@huulung.example", Subject: "Nhắc gửi báo cáo (còn 3 ngày, hạn trước ngày 14/06/2026)"},
		{Kind: store.KindAdhoc, DedupeKey: "adhoc:a", RoundID: r.ID, UnitID: f.a.ID, Email: "pnv@huulung.example", Subject: "Văn phòng đôn đốc gửi báo cáo"},
		{Kind: store.KindReminderBefore, DedupeKey: "remind:b", RoundID: r.ID, UnitID: f.b.ID, Email: "cah@huulung.example", Subject: "Nhắc gửi báo cáo"},
		{Kind: store.KindReportSubmitted, DedupeKey: "submitted:a", RoundID: r.ID, UnitID: f.a.ID, Email: "vanphong@huulung.example", Subject: "Có báo cáo gửi đến"},
	}
	if _, err := f.s.Enqueue(ctx, queue...); err != nil {
		t.Fatal(err)
	}
	// Read once before, so that a stale round cache would show.
	if got, err := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); err != nil || !got.Deadline.Equal(own) {
		t.Fatalf("RoundForUnit before = %+v, %v; want its own deadline", got, err)
	}

	check, err := f.s.CheckWithdrawUnitDeadline(ctx, f.office, r.ID, f.a.ID)
	if err != nil || !check.Own.Equal(own) || !check.RoundDeadline.Equal(roundDeadline) || check.Reason != "Trưởng phòng đi công tác" ||
		check.Unit.Name != "Phòng Nội vụ" || check.LockedOut {
		t.Fatalf("CheckWithdrawUnitDeadline = %+v, %v; want unit a's own deadline and the round's", check, err)
	}
	if got, _ := f.s.UnitDeadlines(ctx, r.ID); len(got) != 1 {
		t.Fatalf("the check changed the unit's deadline: %+v", got)
	}

	clock.Add(time.Hour)
	got, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Deadline.Equal(roundDeadline) || !got.RoundDeadline.Equal(roundDeadline) || !got.Own.IsZero() || got.Reason != "" ||
		got.Extended() || got.Unit.Code != "pnv" || got.Notices != 1 || got.Emails != 1 {
		t.Errorf("WithdrawUnitDeadline = %+v; want unit pnv held to the round's deadline, 1 notice and 1 e-mail", got)
	}

	if got, err := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); err != nil || !got.Deadline.Equal(roundDeadline) || !got.OriginalDeadline.IsZero() {
		t.Errorf("RoundForUnit(unit a) = %+v, %v; want the round's deadline, never extended", got, err)
	}
	if list, err := f.s.Rounds(ctx, f.repA); err != nil || len(list) != 1 || !list[0].Deadline.Equal(roundDeadline) {
		t.Errorf("Rounds(unit a) = %+v, %v; want the round's deadline", list, err)
	}
	if got, err := f.s.UnitDeadlines(ctx, r.ID); err != nil || len(got) != 0 {
		t.Errorf("UnitDeadlines = %+v, %v; want none", got, err)
	}
	if o := f.outstandingOf(t, r, f.a); o == nil || !o.Deadline.Equal(roundDeadline) {
		t.Errorf("unit a owing = %+v, want chased against the round's deadline", o)
	}

	byKey := f.outboxByKey(t, r)
	for key, want := range map[string]string{"remind:a": store.MessageExpired, "adhoc:a": store.MessageExpired,
		"remind:b": store.MessagePending, "submitted:a": store.MessagePending} {
		if m := byKey[key]; m == nil || m.Status != want {
			t.Errorf("message %s after the withdrawal: %+v, want %s", key, m, want)
		}
	}
	var withdrawn []*store.Message
	for _, m := range byKey {
		switch m.Kind {
		case store.KindDeadlineExtended:
			if m.Status != store.MessageExpired {
				t.Errorf("the extension's e-mail after the withdrawal: %s, want expired: the unit must not read it after being told it is withdrawn", m.Status)
			}
		case store.KindDeadlineWithdrawn:
			withdrawn = append(withdrawn, m)
		}
	}
	const title = "Văn phòng đã hủy hạn riêng của Phòng Nội vụ đối với báo cáo “Báo cáo 6 tháng”: hạn gửi nay là hạn của cả đợt, trước ngày 12/06/2026."
	if len(withdrawn) != 1 || withdrawn[0].Status != store.MessagePending || withdrawn[0].Email != "pnv@huulung.example" || withdrawn[0].UnitID != f.a.ID ||
		withdrawn[0].Subject != title ||
		!strings.Contains(withdrawn[0].Body, "Văn phòng đã hủy hạn riêng của Phòng Nội vụ (trước ngày 14/06/2026) đối với báo cáo “Báo cáo 6 tháng”. Hạn gửi báo cáo của đơn vị nay là hạn của cả đợt: trước ngày 12/06/2026.") ||
		!strings.Contains(withdrawn[0].Body, "Đề nghị Phòng Nội vụ hoàn thiện và gửi báo cáo đúng hạn.") || strings.Contains(withdrawn[0].Body, "quá hạn") {
		t.Errorf("withdrawal e-mails = %+v, want one to unit a's reporter saying the round's deadline holds", withdrawn)
	}
	if notes := f.withdrawalNotices(t, f.repA); len(notes) != 1 || notes[0].Title != title || notes[0].Link != "/rounds/"+itoa(r.ID)+"/reports/pnv" {
		t.Errorf("unit a's notices = %+v, want one titled %q linking to its report", notes, title)
	}
	if notes := f.withdrawalNotices(t, f.repB); len(notes) != 0 {
		t.Errorf("unit b was told of unit a's withdrawal: %+v", notes)
	}

	entries, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "withdraw_extension"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("%d withdraw_extension rows about the round, want 1: %+v", len(entries), entries)
	}
	if e := entries[0]; e.UserID != f.office.ID || e.Address != "10.0.0.7" || !strings.Contains(e.Before, "2026-06-14T00:00:00+07:00") ||
		!strings.Contains(e.After, "2026-06-12T00:00:00+07:00") || !strings.Contains(e.After, `"unit_id":`+itoa(f.a.ID)) {
		t.Errorf("audit row = %+v, want the office's withdrawal of unit a's own deadline back to the round's", e)
	}

	// Nothing left to withdraw.
	var e *tiendo.Error
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, time.Time{}); !errors.As(err, &e) || e.Code != tiendo.EINVALID ||
		!strings.Contains(e.Fields["unit"], "Phòng Nội vụ không có hạn riêng muộn hơn hạn của đợt (trước ngày 12/06/2026)") {
		t.Errorf("withdrawn twice: %v, want it refused, saying the unit has no own deadline", err)
	}
}

// The round's deadline has passed when the office withdraws: the unit is
// told its report is late; a report it then sends is late. A unit whose
// report was sent on time under its own deadline and returned for
// revision keeps that: told so, and its report sent again is on time. A
// unit that has sent may not have its own deadline withdrawn: its report
// keeps its timeliness.
func TestWithdrawUnitDeadlineLate(t *testing.T) {
	f := newFixture(t)
	clock := newClock(f.s, time.Date(2026, 6, 5, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	sent := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	own := tiendo.DeadlineBefore(2026, 6, 14)
	for _, c := range []struct {
		round *tiendo.Round
		unit  *tiendo.Unit
	}{{r, f.a}, {r, f.b}, {sent, f.a}} {
		if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, c.round.ID, c.unit.ID, own, ""); err != nil {
			t.Fatal(err)
		}
	}
	clock.Add(time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone).Sub(clock.Now()))
	// Unit a sends in round r on time, by its own deadline, and is
	// returned for revision; in round "sent" it sends, on time too.
	first := f.sendReport(t, f.repA, f.a, r)
	if first.Late {
		t.Fatal("unit a sent before its own deadline: late")
	}
	if _, err := f.s.ActOnReport(ctx, office, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, first.Version, "Bổ sung số liệu")); err != nil {
		t.Fatal(err)
	}
	if rep := f.sendReport(t, f.repA, f.a, sent); rep.Late {
		t.Fatal("unit a sent before its own deadline: late")
	}

	var e *tiendo.Error
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, sent.ID, f.a.ID, time.Time{}); !errors.As(err, &e) || e.Code != tiendo.EINVALID ||
		!strings.Contains(e.Fields["unit"], "Phòng Nội vụ đã gửi báo cáo nên không hủy hạn riêng được nữa") {
		t.Errorf("withdrawing from a unit that has sent: %v, want it refused", err)
	}
	if rep, err := f.s.Report(ctx, f.office, sent.ID, f.a.ID); err != nil || rep.Late {
		t.Errorf("unit a's report sent on time: late = %v, %v; want on time still", rep != nil && rep.Late, err)
	}

	f.withEmail(t, f.repB, "cah@huulung.example")
	for _, unit := range []*tiendo.Unit{f.b, f.a} {
		if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, unit.ID, own); err != nil {
			t.Fatalf("withdrawing unit %s's own deadline: %v", unit.Code, err)
		}
	}
	byKey := f.outboxByKey(t, r)
	bodies := map[int64]string{}
	for _, m := range byKey {
		if m.Kind == store.KindDeadlineWithdrawn {
			bodies[m.UnitID] += m.Body
		}
	}
	if notes := f.withdrawalNotices(t, f.repB); len(notes) != 1 || !strings.HasSuffix(notes[0].Title, "hạn gửi nay là hạn của cả đợt, trước ngày 07/06/2026, đã qua nên báo cáo của đơn vị đã quá hạn.") ||
		!strings.Contains(bodies[f.b.ID], "Hạn này đã qua nên báo cáo của đơn vị đã quá hạn. Đề nghị Công an huyện khẩn trương gửi báo cáo.") {
		t.Errorf("unit b's notices = %+v, body %q; want it told its report is late", notes, bodies[f.b.ID])
	}
	if notes := f.withdrawalNotices(t, f.repA); len(notes) != 1 || !strings.HasSuffix(notes[0].Title, "trước ngày 07/06/2026, đã qua.") ||
		!strings.Contains(bodies[f.a.ID], "Báo cáo gửi lại vẫn được tính đúng hạn hoặc quá hạn như lần gửi đầu") || strings.Contains(bodies[f.a.ID], "đã quá hạn") {
		t.Errorf("unit a's notices = %+v, body %q; want it told its report sent again keeps its first timeliness", notes, bodies[f.a.ID])
	}
	if rep := f.sendReport(t, f.repB, f.b, r); !rep.Late {
		t.Error("unit b sent after the round's deadline, its own withdrawn: late = false, want true")
	}
	// Sent before the withdrawal's e-mail went: not told to send it.
	for _, m := range f.outboxByKey(t, r) {
		if m.Kind == store.KindDeadlineWithdrawn && m.UnitID == f.b.ID && m.Status != store.MessageCancelled {
			t.Errorf("unit b's withdrawal e-mail after it sent its report: %s, want cancelled", m.Status)
		}
	}
	if rep := f.sendReport(t, f.repA, f.a, r); rep.Late {
		t.Error("unit a sent again after the withdrawal, first sent on time: late = true, want its first submission's")
	}
}

// In a round locked after its deadline, a unit the office had extended can
// report; withdrawn, it is locked out like the others, unless the office
// reopened the round for it: the check says so, and the unit is told.
func TestWithdrawUnitDeadlineInALockedRound(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 7))
	if err := f.s.LockRound(ctx, office, r.ID, true); err != nil {
		t.Fatal(err)
	}
	own := tiendo.DeadlineBefore(2026, 6, 14)
	for _, unit := range []*tiendo.Unit{f.a, f.b} {
		if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, unit.ID, own, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.s.ReopenUnit(ctx, office, r.ID, f.b.ID); err != nil {
		t.Fatal(err)
	}
	for unit, want := range map[*tiendo.Unit]bool{f.a: true, f.b: false} {
		if d, err := f.s.CheckWithdrawUnitDeadline(ctx, f.office, r.ID, unit.ID); err != nil || d.LockedOut != want {
			t.Errorf("CheckWithdrawUnitDeadline(%s) = %+v, %v; want LockedOut %v", unit.Code, d, err, want)
		}
		if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, unit.ID, own); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := f.s.RoundForUnit(ctx, f.repA, r.ID, f.a.ID); err != nil || got.LockedAt.IsZero() {
		t.Errorf("RoundForUnit(unit a) after the withdrawal = %+v, %v; want it locked out", got, err)
	}
	if notes := f.withdrawalNotices(t, f.repA); len(notes) != 1 || !strings.HasSuffix(notes[0].Title, "đã qua; đợt đã khóa nên đơn vị không gửi được báo cáo nữa.") {
		t.Errorf("unit a's notices = %+v, want it told it can no longer report", notes)
	}
	if notes := f.withdrawalNotices(t, f.repB); len(notes) != 1 || strings.Contains(notes[0].Title, "khóa") {
		t.Errorf("unit b's notices = %+v, want it told its report is late, not that it is locked out: the office reopened it", notes)
	}
	if o := f.outstandingOf(t, r, f.a); o != nil {
		t.Errorf("unit a, locked out after the withdrawal, is chased: %+v", o)
	}
}

// Who may not withdraw, for which unit, and when: each refused with a
// Vietnamese reason, and nothing changes.
func TestWithdrawUnitDeadlineRefused(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	open := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 15))
	own := tiendo.DeadlineBefore(2026, 6, 20)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, open.ID, f.a.ID, own, ""); err != nil {
		t.Fatal(err)
	}
	// Unit b's own deadline was overtaken by the round's extension.
	overtaken := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 15))
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, overtaken.ID, f.b.ID, tiendo.DeadlineBefore(2026, 6, 17), ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendDeadline(ctx, office, f.office, overtaken.ID, tiendo.DeadlineBefore(2026, 6, 25), ""); err != nil {
		t.Fatal(err)
	}
	stranger := &tiendo.Unit{Code: "ttyt", Name: "Trung tâm Y tế"}
	if err := f.s.CreateUnit(ctx, store.Actor{}, stranger); err != nil {
		t.Fatal(err)
	}

	for _, u := range []*tiendo.User{f.repA, {Role: tiendo.RoleLeader}} {
		if _, err := f.s.WithdrawUnitDeadline(ctx, store.Actor{UserID: u.ID}, u, open.ID, f.a.ID, time.Time{}); code(err) != tiendo.EFORBIDDEN || !strings.Contains(tiendo.ErrorMessage(err), "Chỉ Văn phòng") {
			t.Errorf("%s withdraws: %v, want forbidden", u.Role, err)
		}
		if _, err := f.s.CheckWithdrawUnitDeadline(ctx, u, open.ID, f.a.ID); code(err) != tiendo.EFORBIDDEN {
			t.Errorf("%s checks a withdrawal: %v, want forbidden", u.Role, err)
		}
	}
	for _, c := range []struct {
		name    string
		round   *tiendo.Round
		unitID  int64
		own     time.Time
		want    string
		checked bool // CheckWithdrawUnitDeadline refuses it too
	}{
		{"no unit", open, 0, time.Time{}, "Vui lòng chọn đơn vị cần hủy hạn riêng", true},
		{"a unit with no own deadline", open, f.b.ID, time.Time{}, "Công an huyện không có hạn riêng muộn hơn hạn của đợt (trước ngày 15/06/2026)", true},
		{"an own deadline overtaken by the round's", overtaken, f.b.ID, time.Time{}, "Công an huyện không có hạn riêng muộn hơn hạn của đợt (trước ngày 25/06/2026)", true},
		{"a unit not asked", open, stranger.ID, time.Time{}, "không được yêu cầu báo cáo trong đợt", true},
		{"an unknown unit", open, stranger.ID + 1000, time.Time{}, "không được yêu cầu báo cáo trong đợt", true},
		{"an own deadline other than the one confirmed", open, f.a.ID, tiendo.DeadlineBefore(2026, 6, 18), "đã được đổi thành trước ngày 20/06/2026", false},
	} {
		var e *tiendo.Error
		_, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, c.round.ID, c.unitID, c.own)
		if !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Fields["unit"], c.want) || !strings.HasPrefix(e.Message, "Chưa hủy được hạn riêng: ") {
			t.Errorf("%s: %v (%+v), want a field error on the unit saying %q", c.name, err, e, c.want)
		}
		if _, err := f.s.CheckWithdrawUnitDeadline(ctx, f.office, c.round.ID, c.unitID); c.checked && code(err) != tiendo.EINVALID {
			t.Errorf("%s, checked: %v, want it refused as the withdrawal is", c.name, err)
		}
	}
	draft := newDraft(t, f, "Đợt nháp")
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, draft.ID, f.a.ID, time.Time{}); code(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "bản nháp") {
		t.Errorf("a draft: %v, want a conflict", err)
	}
	closed := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 15))
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, closed.ID, f.a.ID, own, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CloseRound(ctx, office, closed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, closed.ID, f.a.ID, time.Time{}); code(err) != tiendo.ECONFLICT || !strings.Contains(tiendo.ErrorMessage(err), "đã đóng") {
		t.Errorf("a closed round: %v, want a conflict saying it is closed", err)
	}
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, closed.ID+1000, f.a.ID, time.Time{}); code(err) != tiendo.ENOTFOUND {
		t.Errorf("an unknown round: %v, want not found", err)
	}

	if got, err := f.s.UnitDeadlines(ctx, open.ID); err != nil || len(got) != 1 || !got[f.a.ID].Deadline.Equal(own) {
		t.Errorf("unit deadlines after refused withdrawals: %+v, %v; want unit a's still", got, err)
	}
	if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", Action: "withdraw_extension"}); len(entries) != 0 {
		t.Errorf("refused withdrawals were audited: %+v", entries)
	}
	for _, u := range []*tiendo.User{f.repA, f.repB} {
		if notes := f.withdrawalNotices(t, u); len(notes) != 0 {
			t.Errorf("%s was told of a refused withdrawal: %+v", u.Username, notes)
		}
	}
}

// The office withdraws a unit's own deadline, then gives it the same one
// again, and withdraws it again: the unit is told each time, and its
// reminders follow each deadline.
func TestWithdrawThenExtendAgain(t *testing.T) {
	f := newFixture(t)
	clock := newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
	own := tiendo.DeadlineBefore(2026, 6, 14)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	pending := func(kind string) int {
		t.Helper()
		n := 0
		for _, m := range f.outboxByKey(t, r) {
			if m.Kind == kind && m.Status == store.MessagePending {
				n++
			}
		}
		return n
	}
	for i := range 2 {
		got, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, "")
		if err != nil || got.Notices != 1 {
			t.Fatalf("extension %d: %+v, %v; want unit a told", i+1, got, err)
		}
		// The withdrawal's e-mail not yet sent names a deadline no longer
		// in force.
		if n := pending(store.KindDeadlineWithdrawn); n != 0 {
			t.Errorf("extension %d: %d withdrawal e-mails still pending, want them expired", i+1, n)
		}
		if o := f.outstandingOf(t, r, f.a); o == nil || !o.Deadline.Equal(own) {
			t.Errorf("extension %d: unit a owing = %+v, want chased against its own deadline", i+1, o)
		}
		clock.Add(time.Minute)
		got, err = f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own)
		if err != nil || got.Notices != 1 {
			t.Fatalf("withdrawal %d: %+v, %v; want unit a told", i+1, got, err)
		}
		if o := f.outstandingOf(t, r, f.a); o == nil || !o.Deadline.Equal(r.Deadline) {
			t.Errorf("withdrawal %d: unit a owing = %+v, want chased against the round's deadline", i+1, o)
		}
		clock.Add(time.Minute)
	}
	if notes := f.extensionNotices(t, f.repA); len(notes) != 2 {
		t.Errorf("unit a's extension notices = %+v, want one for each extension", notes)
	}
	if notes := f.withdrawalNotices(t, f.repA); len(notes) != 2 {
		t.Errorf("unit a's withdrawal notices = %+v, want one for each withdrawal", notes)
	}
	// A later extension of the whole round expires the withdrawal's
	// notice not yet sent: it names a deadline no longer in force.
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, ""); err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Minute)
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendDeadline(ctx, office, f.office, r.ID, tiendo.DeadlineBefore(2026, 6, 20), ""); err != nil {
		t.Fatal(err)
	}
	if n := pending(store.KindDeadlineWithdrawn); n != 0 {
		t.Errorf("%d withdrawal e-mails still pending after the round's extension, want them expired", n)
	}
}

// A withdrawal for a unit whose report is being sent, on another
// connection, in a transaction not yet committed: the withdrawal waits for
// it and is refused as sent, rather than reading the report as not sent,
// telling the unit its report is late and leaving the report, sent on time
// under its own deadline, with a deadline it was never held to. Both with
// a report saved as a draft (the submission updates its row) and with none
// (the submission creates it). On PostgreSQL the test checks that the
// withdrawal was indeed waiting for the submission.
func TestWithdrawUnitDeadlineWaitsForASubmission(t *testing.T) {
	for _, draft := range []bool{true, false} {
		name := map[bool]string{true: "a draft sent", false: "a report sent at once"}[draft]
		t.Run(name, func(t *testing.T) {
			dsn := storetest.DSN(t)
			s, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			f := fixtureOn(t, s)
			newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
			r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 8))
			own := tiendo.DeadlineBefore(2026, 6, 14)
			if _, err := f.s.ExtendUnitDeadline(ctx, store.Actor{}, f.office, r.ID, f.a.ID, own, ""); err != nil {
				t.Fatal(err)
			}
			if draft {
				rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
				if err != nil {
					t.Fatal(err)
				}
				fill(rep, "Đang làm", 50)
				if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
					t.Fatal(err)
				}
			}
			db, rebind := rawDB(t, dsn)
			pg := !strings.HasPrefix(dsn, "sqlite:")
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			var pid int
			if pg {
				if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
					t.Fatal(err)
				}
			}
			if draft {
				_, err = tx.ExecContext(ctx, rebind(`UPDATE unit_reports SET status = ?, version = version + 1, submitted_at = CURRENT_TIMESTAMP
					WHERE round_id = ? AND unit_id = ?`), tiendo.ReportSubmitted, r.ID, f.a.ID)
			} else {
				_, err = tx.ExecContext(ctx, rebind(`INSERT INTO unit_reports (round_id, unit_id, status, version, submitted_at, late, updated_at)
					VALUES (?, ?, ?, 1, CURRENT_TIMESTAMP, FALSE, CURRENT_TIMESTAMP)`), r.ID, f.a.ID, tiendo.ReportSubmitted)
			}
			if err != nil {
				t.Fatal(err)
			}

			done := make(chan error, 1)
			go func() {
				_, err := f.s.WithdrawUnitDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, own)
				done <- err
			}()
			waiting := !pg
			for deadline := time.Now().Add(10 * time.Second); !waiting && time.Now().Before(deadline); {
				select {
				case err := <-done:
					t.Fatalf("the withdrawal ended while the submission was not committed: %v; want it to wait for the submission", err)
				case <-time.After(20 * time.Millisecond):
				}
				var n int
				if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, pid).Scan(&n); err != nil {
					t.Fatal(err)
				}
				waiting = n > 0
			}
			if !pg {
				time.Sleep(200 * time.Millisecond)
			}
			if !waiting {
				t.Fatal("the withdrawal neither ended nor waited for the submission within 10 s")
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			var e *tiendo.Error
			select {
			case err := <-done:
				if !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Fields["unit"], "Phòng Nội vụ đã gửi báo cáo") {
					t.Errorf("withdrawal while the report was being sent: %v, want it refused as sent", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the withdrawal did not end after the submission committed")
			}
			if got, err := f.s.UnitDeadlines(ctx, r.ID); err != nil || len(got) != 1 {
				t.Errorf("unit deadlines: %+v, %v; want unit a's own kept", got, err)
			}
			if notes := f.withdrawalNotices(t, f.repA); len(notes) != 0 {
				t.Errorf("the unit was told of a withdrawal refused: %+v", notes)
			}
		})
	}
}
