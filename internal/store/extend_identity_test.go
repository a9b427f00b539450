package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A confirmation of the whole round's extension that finds the round
// already extended to its day by another office user, with another reason,
// is refused as changed meanwhile: its reason was never sent. Sent twice by
// its own user, it is done once and says so without an error.
func TestExtendDeadlineAsConfirmedIsNotAnothersExtension(t *testing.T) {
	f := newFixture(t)
	newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	other := &tiendo.User{Username: "vanphong2", FullName: "Văn phòng 2", Role: tiendo.RoleOffice}
	if err := f.s.CreateUser(ctx, store.Actor{}, other, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
	to := tiendo.DeadlineBefore(2026, 6, 20)
	seen, err := f.s.CheckExtendDeadline(ctx, f.office, r.ID, to, "Chờ số liệu thống kê")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendDeadline(ctx, store.Actor{UserID: other.ID}, other, r.ID, to, "Theo đề nghị của Sở"); err != nil {
		t.Fatal(err)
	}
	var e *tiendo.Error
	if err := f.s.ExtendDeadlineAsConfirmed(ctx, store.Actor{UserID: f.office.ID}, f.office, seen); !errors.As(err, &e) || e.Code != tiendo.EINVALID ||
		!strings.Contains(e.Fields["deadline"], "Trong lúc đồng chí xác nhận, hạn gửi của đợt đã được đổi thành trước ngày 20/06/2026") {
		t.Errorf("confirmed after another user's extension to the same day: %v, want it refused as changed meanwhile", err)
	}
	// The same user, the same day, another reason (another tab): not this
	// confirmation's either.
	r2 := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
	seen, err = f.s.CheckExtendDeadline(ctx, f.office, r2.ID, to, "Chờ số liệu thống kê")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendDeadline(ctx, store.Actor{UserID: f.office.ID}, f.office, r2.ID, to, "Lý do khác"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ExtendDeadlineAsConfirmed(ctx, store.Actor{UserID: f.office.ID}, f.office, seen); tiendo.ErrorCode(err) != tiendo.EINVALID {
		t.Errorf("confirmed after the same user's extension with another reason: %v, want EINVALID", err)
	}
	// Its own, sent twice: done once, no error.
	r3 := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
	seen, err = f.s.CheckExtendDeadline(ctx, f.office, r3.ID, to, "  Chờ số liệu\r\nthống kê ")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := f.s.ExtendDeadlineAsConfirmed(ctx, store.Actor{UserID: f.office.ID}, f.office, seen); err != nil {
			t.Errorf("confirmation #%d: %v, want no error", i+1, err)
		}
	}
	if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r3.ID, Action: "extend"}); len(entries) != 1 {
		t.Errorf("extend rows after a confirmation sent twice = %d, want 1", len(entries))
	}
}

// "Hủy hạn riêng" confirmed twice (a double click) withdraws once, and the
// second press is told what the first did, as the first was; a
// confirmation another office user carried out first is told the same.
func TestWithdrawUnitDeadlineConfirmedTwice(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	clock := newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
	own := tiendo.DeadlineBefore(2026, 6, 14)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, "Nhầm đơn vị"); err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Minute)
	seen, err := f.s.CheckWithdrawUnitDeadline(ctx, f.office, r.ID, f.a.ID)
	if err != nil || seen.Given.IsZero() {
		t.Fatalf("CheckWithdrawUnitDeadline = %+v, %v; want when the own deadline was given", seen, err)
	}
	first, err := f.s.WithdrawUnitDeadlineAsConfirmed(ctx, office, f.office, seen)
	if err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Second)
	again, err := f.s.WithdrawUnitDeadlineAsConfirmed(ctx, office, f.office, seen)
	if err != nil {
		t.Fatalf("the confirmation pressed twice: %v, want the first's result", err)
	}
	if again.Unit.Code != "pnv" || !again.Deadline.Equal(r.Deadline) || !again.Own.IsZero() || again.Notices != first.Notices || again.Emails != first.Emails || first.Notices != 1 || first.Emails != 1 {
		t.Errorf("second press = %+v, want what the first did: %+v (1 notice, 1 e-mail)", again, first)
	}
	if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "withdraw_extension"}); len(entries) != 1 {
		t.Errorf("withdraw_extension rows = %d, want 1", len(entries))
	}
	if n := len(f.withdrawalNotices(t, f.repA)); n != 1 {
		t.Errorf("unit a's withdrawal notices = %d, want 1", n)
	}
	// Withdrawn by the API (no confirmation): a confirmation of the same
	// extension finds it withdrawn.
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, ""); err != nil {
		t.Fatal(err)
	}
	seen, err = f.s.CheckWithdrawUnitDeadline(ctx, f.office, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if got, err := f.s.WithdrawUnitDeadlineAsConfirmed(ctx, office, f.office, seen); err != nil || got.Notices != 1 {
		t.Errorf("confirmed after another user withdrew the same extension = %+v, %v; want the withdrawal told", got, err)
	}
}

// A withdrawal confirmed for one extension is not carried out on another
// to the same deadline: A opens the confirmation, B withdraws the unit's
// own deadline, C gives it again, to the same day; A's confirmation is
// refused, and the unit keeps C's extension.
func TestWithdrawUnitDeadlineAsConfirmedAfterReExtension(t *testing.T) {
	f := newFixture(t)
	clock := newClock(f.s, time.Date(2026, 6, 10, 9, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
	own := tiendo.DeadlineBefore(2026, 6, 14)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, "Trưởng phòng đi công tác"); err != nil {
		t.Fatal(err)
	}
	seen, err := f.s.CheckWithdrawUnitDeadline(ctx, f.office, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Minute)
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own); err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Minute)
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, own, "Trưởng phòng đi công tác"); err != nil {
		t.Fatal(err)
	}
	var e *tiendo.Error
	if _, err := f.s.WithdrawUnitDeadlineAsConfirmed(ctx, office, f.office, seen); !errors.As(err, &e) || e.Code != tiendo.EINVALID ||
		!strings.Contains(e.Message, "đã được hủy rồi gia hạn lại (trước ngày 14/06/2026)") {
		t.Errorf("a stale confirmation after a re-extension to the same day: %v, want it refused", err)
	}
	if got, _ := f.s.UnitDeadlines(ctx, r.ID); !got[f.a.ID].Own.Equal(own) {
		t.Errorf("unit a after the refused confirmation: %+v, want its own deadline kept", got[f.a.ID])
	}
	if entries, _ := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "round", EntityID: r.ID, Action: "withdraw_extension"}); len(entries) != 1 {
		t.Errorf("withdraw_extension rows = %d, want B's only", len(entries))
	}
}

// Enqueue queues again a scheduled reminder that a change of the unit's
// deadline expired before its time, once; never one that was sent, one a
// submission cancelled or one whose time passed.
func TestEnqueueRequeuesAReminderExpiredByADeadlineChange(t *testing.T) {
	f := newFixture(t)
	clock := newClock(f.s, time.Date(2026, 6, 10, 8, 0, 0, 0, tiendo.Zone))
	office := store.Actor{UserID: f.office.ID}
	r := f.newRound(t, tiendo.DeadlineBefore(2026, 6, 12))
	until := time.Date(2026, 6, 11, 8, 0, 0, 0, tiendo.Zone)
	remind := func(key string, unit int64, until time.Time) *store.Message {
		return &store.Message{Kind: store.KindReminderBefore, DedupeKey: key, RoundID: r.ID, UnitID: unit, Email: "x@huulung.example",
			Subject: "Nhắc gửi báo cáo (còn 1 ngày)", ExpiresAt: until}
	}
	queue := func() int {
		t.Helper()
		n, err := f.s.Enqueue(ctx, remind("r:a", f.a.ID, until), remind("r:b", f.b.ID, until), remind("r:a-old", f.a.ID, clock.Now().Add(time.Minute)))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := queue(); n != 3 {
		t.Fatalf("queued %d, want 3", n)
	}
	// r:b goes out; r:a-old's time passes.
	msgs, err := f.s.ClaimMessages(ctx, "w", 10, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.DedupeKey == "r:b" {
			if err := f.s.MarkSent(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
		} else if err := f.s.MarkFailed(ctx, m, errors.New("tạm thời"), false, store.RetryPolicy{MaxAttempts: 5, Base: time.Hour, Max: time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	clock.Add(2 * time.Minute)
	if _, err := f.s.ClaimMessages(ctx, "w", 10, time.Minute); err != nil {
		t.Fatal(err)
	}
	// Unit a is given an own deadline by mistake, then it is withdrawn.
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 14), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	status := func() map[string]string {
		out := map[string]string{}
		for k, m := range f.outboxByKey(t, r) {
			if strings.HasPrefix(k, "r:") {
				out[k] = m.Status
			}
		}
		return out
	}
	if got := status(); got["r:a"] != store.MessageExpired || got["r:a-old"] != store.MessageExpired || got["r:b"] != store.MessageSent {
		t.Fatalf("before planning again: %v", got)
	}
	if n := queue(); n != 1 {
		t.Errorf("planned again: %d queued, want 1 (r:a)", n)
	}
	if n := queue(); n != 0 {
		t.Errorf("planned a third time: %d queued, want 0", n)
	}
	if got := status(); got["r:a"] != store.MessagePending || got["r:a-old"] != store.MessageExpired || got["r:b"] != store.MessageSent {
		t.Errorf("after planning again: %v; want r:a pending, r:a-old expired (its time passed), r:b sent", got)
	}
	// Expired again, then unit a sends its report: nothing comes back.
	if _, err := f.s.ExtendUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, tiendo.DeadlineBefore(2026, 6, 14), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.WithdrawUnitDeadline(ctx, office, f.office, r.ID, f.a.ID, time.Time{}); err != nil {
		t.Fatal(err)
	}
	f.sendReport(t, f.repA, f.a, r)
	if n := queue(); n != 0 {
		t.Errorf("planned after unit a sent its report: %d queued, want 0", n)
	}
}
