package store_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newClock(s *store.Store, t time.Time) *clock {
	c := &clock{t: t}
	s.Now = c.Now
	return c
}

func message(key, email string) *store.Message {
	return &store.Message{Kind: store.KindReminderDue, DedupeKey: key, Email: email, Subject: "Hôm nay là hạn cuối gửi báo cáo", Body: "Kính gửi: Anh/Chị,\n\nNội dung."}
}

// withEmail gives user u an e-mail address.
func (f *fixture) withEmail(t *testing.T, u *tiendo.User, email string) {
	t.Helper()
	u.Email = email
	if err := f.s.UpdateUser(ctx, store.Actor{}, u); err != nil {
		t.Fatalf("UpdateUser(%s): %v", u.Username, err)
	}
}

func TestEnqueueOnce(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	newClock(f.s, tiendo.DeadlineBefore(2022, 6, 6).Add(8*time.Hour))
	m := message("remind:1:1:due:2022-06-06:u1", f.repA.Email)
	m.UserID, m.Notify, m.Link = f.repA.ID, true, "/rounds/1/reports/pnv"
	for i := range 3 {
		n, err := f.s.Enqueue(ctx, m, message(m.DedupeKey, m.Email)) // a duplicate within one call, too
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 1, false: 0}[i == 0]; n != want {
			t.Errorf("Enqueue #%d queued %d, want %d", i+1, n, want)
		}
	}
	got, err := f.s.Outbox(ctx, store.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Status != store.MessagePending || got[0].UserID != f.repA.ID || got[0].Link != m.Link {
		t.Fatalf("outbox = %+v, want one pending message to unit a's reporter", got)
	}
	notes, unread, _ := f.s.Notifications(ctx, f.repA, 10)
	if unread != 1 || len(notes) != 1 || notes[0].Title != m.Subject || notes[0].Link != m.Link || notes[0].Kind != store.KindReminderDue {
		t.Errorf("notifications = %+v (%d unread), want the reminder once", notes, unread)
	}

	// Nobody to write to: queued as skipped, with the reason, never claimed.
	if _, err := f.s.Enqueue(ctx, message("no-email", "")); err != nil {
		t.Fatal(err)
	}
	skipped, _ := f.s.Outbox(ctx, store.OutboxFilter{Statuses: []string{store.MessageSkipped}})
	if len(skipped) != 1 || skipped[0].LastError == "" {
		t.Errorf("skipped = %+v, want the message without an address, with a reason", skipped)
	}
	claimed, _ := f.s.ClaimMessages(ctx, "w", 10, time.Minute)
	if len(claimed) != 1 || claimed[0].DedupeKey != m.DedupeKey {
		t.Errorf("claimed %v, want only %s", keys(claimed), m.DedupeKey)
	}
}

func keys(ms []*store.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.DedupeKey)
	}
	return out
}

// A worker that dies between claim and send keeps its messages only until
// its lease ends; then another worker sends them.
func TestClaimLease(t *testing.T) {
	f := newFixture(t)
	c := newClock(f.s, time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC))
	for i := range 3 {
		if _, err := f.s.Enqueue(ctx, message(fmt.Sprintf("k%d", i), "a@huulung.example")); err != nil {
			t.Fatal(err)
		}
	}
	a, err := f.s.ClaimMessages(ctx, "a", 2, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(a), []string{"k0", "k1"}; !slices.Equal(got, want) {
		t.Errorf("worker a claimed %v, want %v (oldest first)", got, want)
	}
	if a[0].Attempts != 1 || a[0].Status != store.MessageSending || a[0].ClaimedBy != "a" {
		t.Errorf("claimed message = %+v, want attempt 1, sending, claimed by a", a[0])
	}
	b, _ := f.s.ClaimMessages(ctx, "b", 10, 5*time.Minute)
	if got, want := keys(b), []string{"k2"}; !slices.Equal(got, want) {
		t.Errorf("worker b claimed %v, want %v", got, want)
	}
	if n, _ := f.s.ReclaimExpired(ctx, store.DefaultRetry); n != 0 {
		t.Errorf("reclaimed %d within the lease, want 0", n)
	}
	// Worker a dies. Worker b sends its own message.
	if err := f.s.MarkSent(ctx, b[0].ID); err != nil {
		t.Fatal(err)
	}
	c.Add(5 * time.Minute)
	if n, _ := f.s.ReclaimExpired(ctx, store.DefaultRetry); n != 2 {
		t.Errorf("reclaimed %d after the lease, want 2", n)
	}
	again, _ := f.s.ClaimMessages(ctx, "b", 10, 5*time.Minute)
	if got, want := keys(again), []string{"k0", "k1"}; !slices.Equal(got, want) {
		t.Errorf("after the lease worker b claimed %v, want %v", got, want)
	}
	if again[0].Attempts != 2 || again[0].LastError == "" {
		t.Errorf("reclaimed message = %+v, want attempt 2 and the interruption noted", again[0])
	}
	// Worker a comes back to life and reports a failure: it no longer holds
	// the claim, so it cannot undo worker b's work.
	if err := f.s.MarkFailed(ctx, a[0], errors.New("late"), false, store.DefaultRetry); err != nil {
		t.Fatal(err)
	}
	for _, m := range again {
		if err := f.s.MarkSent(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
	}
	counts, _ := f.s.OutboxCounts(ctx)
	if counts[store.MessageSent] != 3 || len(counts) != 1 {
		t.Errorf("counts = %v, want 3 sent", counts)
	}
}

// A failing message waits 1, 2, 4... minutes between attempts and ends as
// failed, with its error, for the admin to see and retry.
func TestBackoff(t *testing.T) {
	f := newFixture(t)
	c := newClock(f.s, time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC))
	p := store.RetryPolicy{MaxAttempts: 4, Base: time.Minute, Max: 3 * time.Minute}
	if _, err := f.s.Enqueue(ctx, message("k", "a@huulung.example")); err != nil {
		t.Fatal(err)
	}
	for i, wait := range []time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute} {
		ms, _ := f.s.ClaimMessages(ctx, "w", 10, time.Minute)
		if len(ms) != 1 {
			t.Fatalf("attempt %d: claimed %d, want 1", i+1, len(ms))
		}
		if err := f.s.MarkFailed(ctx, ms[0], errors.New("451 4.3.0 máy chủ bận"), false, p); err != nil {
			t.Fatal(err)
		}
		c.Add(wait - time.Second)
		if ms, _ := f.s.ClaimMessages(ctx, "w", 10, time.Minute); len(ms) != 0 {
			t.Errorf("attempt %d: claimed again %v before its backoff of %v", i+1, keys(ms), wait)
		}
		c.Add(time.Second)
	}
	ms, _ := f.s.ClaimMessages(ctx, "w", 10, time.Minute)
	if len(ms) != 1 || ms[0].Attempts != 4 {
		t.Fatalf("last attempt: claimed %+v, want attempt 4", ms)
	}
	if err := f.s.MarkFailed(ctx, ms[0], errors.New("451 4.3.0 máy chủ bận"), false, p); err != nil {
		t.Fatal(err)
	}
	failed, _ := f.s.Outbox(ctx, store.OutboxFilter{Statuses: []string{store.MessageFailed}})
	if len(failed) != 1 || failed[0].LastError != "451 4.3.0 máy chủ bận" || failed[0].Attempts != 4 {
		t.Fatalf("failed = %+v, want the message with its last error after 4 attempts", failed)
	}
	c.Add(24 * time.Hour)
	if ms, _ := f.s.ClaimMessages(ctx, "w", 10, time.Minute); len(ms) != 0 {
		t.Errorf("a failed message was claimed again: %v", keys(ms))
	}
	// The admin retries it.
	if err := f.s.RetryMessage(ctx, store.Actor{}, failed[0].ID); err != nil {
		t.Fatal(err)
	}
	if ms, _ := f.s.ClaimMessages(ctx, "w", 10, time.Minute); len(ms) != 1 || ms[0].Attempts != 1 {
		t.Errorf("after retry claimed %+v, want the message at attempt 1", ms)
	}
	if err := f.s.RetryMessage(ctx, store.Actor{}, failed[0].ID); code(err) != tiendo.ECONFLICT {
		t.Errorf("retry of a message being sent: %v, want conflict", err)
	}
}

func TestBackoffPolicy(t *testing.T) {
	p := store.RetryPolicy{MaxAttempts: 10, Base: time.Minute, Max: 10 * time.Minute}
	for _, tt := range []struct {
		attempts int
		want     time.Duration
	}{{1, time.Minute}, {2, 2 * time.Minute}, {3, 4 * time.Minute}, {4, 8 * time.Minute}, {5, 10 * time.Minute}, {40, 10 * time.Minute}} {
		if got := p.Backoff(tt.attempts); got != tt.want {
			t.Errorf("Backoff(%d) = %v, want %v", tt.attempts, got, tt.want)
		}
	}
}

func TestPermanentFailureAndExpiry(t *testing.T) {
	f := newFixture(t)
	c := newClock(f.s, time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC))
	stale := message("stale", "a@huulung.example")
	stale.ExpiresAt = c.Now().Add(time.Hour)
	if _, err := f.s.Enqueue(ctx, message("bad", "a@huulung.example"), stale); err != nil {
		t.Fatal(err)
	}
	ms, _ := f.s.ClaimMessages(ctx, "w", 1, time.Minute)
	if err := f.s.MarkFailed(ctx, ms[0], errors.New("địa chỉ sai"), true, store.DefaultRetry); err != nil {
		t.Fatal(err)
	}
	c.Add(time.Hour)
	if ms, _ := f.s.ClaimMessages(ctx, "w", 10, time.Minute); len(ms) != 0 {
		t.Errorf("claimed %v: want nothing (one failed for good, one expired)", keys(ms))
	}
	counts, _ := f.s.OutboxCounts(ctx)
	if counts[store.MessageFailed] != 1 || counts[store.MessageExpired] != 1 {
		t.Errorf("counts = %v, want 1 failed and 1 expired", counts)
	}
}

// Submitting queues an e-mail to the office and cancels the reminders still
// waiting for the unit; returning queues one to the unit. Both in the
// transaction of the step.
func TestReportStepsQueueMail(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.office, "vanphong@huulung.example")
	f.withEmail(t, f.repA, "pnv@huulung.example")
	deadline := tiendo.DeadlineBefore(2022, 6, 7)
	r := f.newRound(t, deadline)
	newClock(f.s, deadline.Add(-time.Hour))
	waiting := &store.Message{Kind: store.KindReminderDue, DedupeKey: "remind:x", RoundID: r.ID, UnitID: f.a.ID, Email: "pnv@huulung.example", Subject: "s", Body: "b"}
	other := &store.Message{Kind: store.KindReminderDue, DedupeKey: "remind:y", RoundID: r.ID, UnitID: f.b.ID, Email: "cah@huulung.example", Subject: "s", Body: "b"}
	if _, err := f.s.Enqueue(ctx, waiting, other); err != nil {
		t.Fatal(err)
	}
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Đạt kế hoạch", 70)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	sub, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID, submit(rep.Version))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "Bổ sung số liệu cùng kỳ")); err != nil {
		t.Fatal(err)
	}
	all, _ := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	byKind := map[string][]*store.Message{}
	for _, m := range all {
		byKind[m.Kind+"/"+m.Status] = append(byKind[m.Kind+"/"+m.Status], m)
	}
	if got := byKind[store.KindReportSubmitted+"/"+store.MessagePending]; len(got) != 1 || got[0].Email != "vanphong@huulung.example" ||
		got[0].Link != "/rounds/"+itoa(r.ID)+"/reports/pnv" || got[0].Subject != "Phòng Nội vụ đã gửi báo cáo: Báo cáo 6 tháng" {
		t.Errorf("report_submitted messages = %+v, want one to the office with the report's link", got)
	}
	if got := byKind[store.KindReportReturned+"/"+store.MessagePending]; len(got) != 1 || got[0].Email != "pnv@huulung.example" ||
		!strings.Contains(got[0].Body, "Bổ sung số liệu cùng kỳ") {
		t.Errorf("report_returned messages = %+v, want one to unit a with the office's comment", got)
	}
	if got := byKind[store.KindReminderDue+"/"+store.MessageCancelled]; len(got) != 1 || got[0].DedupeKey != "remind:x" {
		t.Errorf("cancelled reminders = %v, want unit a's", keys(got))
	}
	if got := byKind[store.KindReminderDue+"/"+store.MessagePending]; len(got) != 1 || got[0].DedupeKey != "remind:y" {
		t.Errorf("pending reminders = %v, want unit b's still waiting", keys(got))
	}
}

// The unit head's return of a draft mails the unit as the office's return
// does, under its own kind, with the head's reason, and asks for the report
// to go back to the head; its dedupe keys never meet the office's.
func TestHeadReturnQueuesMail(t *testing.T) {
	f := newFixture(t)
	f.repA.FullName = "Nguyễn Thị Lan"
	f.withEmail(t, f.repA, "pnv@huulung.example")
	f.a.Email = "vanthu.pnv@huulung.example"
	if err := f.s.UpdateUnit(ctx, store.Actor{}, f.a); err != nil {
		t.Fatal(err)
	}
	r, head := f.headRound(t)
	reason := "Số liệu nhiệm vụ 1 chưa khớp với báo cáo tháng trước."
	back := f.headReturn(t, r, head, reason)
	pending := func() map[string][]*store.Message {
		t.Helper()
		all, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID, Statuses: []string{store.MessagePending}})
		if err != nil {
			t.Fatal(err)
		}
		byKind := map[string][]*store.Message{}
		for _, m := range all {
			byKind[m.Kind] = append(byKind[m.Kind], m)
		}
		return byKind
	}
	byKind := pending()
	if got := byKind[store.KindReportReturned]; len(got) != 0 {
		t.Errorf("the head's return queued office-return messages %v", keys(got))
	}
	// Nor is the head told, pending or skipped, of what the head just did.
	all, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		if m.UserID == head.ID && m.Kind == store.KindReportHeadReturned {
			t.Errorf("the head who returned the report got %s (%s)", m.DedupeKey, m.Status)
		}
	}
	headMail := byKind[store.KindReportHeadReturned]
	to := map[string]*store.Message{}
	for _, m := range headMail {
		to[m.Email] = m
	}
	if len(headMail) != 2 || to["pnv@huulung.example"] == nil || to["vanthu.pnv@huulung.example"] == nil {
		t.Fatalf("head-return messages = %v, want one to the reporter and one to the unit's mailbox", keys(headMail))
	}
	m := to["pnv@huulung.example"]
	if want := "Lãnh đạo đơn vị đã trả lại báo cáo để sửa: Cần duyệt"; m.Subject != want {
		t.Errorf("subject = %q, want %q", m.Subject, want)
	}
	for _, want := range []string{"Kính gửi: Nguyễn Thị Lan,", "Lãnh đạo đơn vị đã trả lại báo cáo “Cần duyệt” của Phòng Nội vụ", reason, "sửa báo cáo và trình lại lãnh đạo đơn vị duyệt"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("body = %q, want it to contain %q", m.Body, want)
		}
	}
	if want := "/rounds/" + itoa(r.ID) + "/reports/pnv"; m.Link != want || m.UserID != f.repA.ID || m.UnitID != f.a.ID {
		t.Errorf("message to the reporter = %+v, want link %s, the reporter and unit a", m, want)
	}
	// The e-mail does not notify in the app a second time: announce does.
	ns, _, _ := f.s.Notifications(ctx, f.repA, 10)
	n := 0
	for _, x := range ns {
		if strings.Contains(x.Title, "Lãnh đạo đơn vị đã trả lại") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the reporter has %d notifications of the head's return, want 1", n)
	}

	// Through the head to the office, and back from the office: its
	// messages come under their own kind and keys, beside the head's.
	rv, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, back.Version, ""))
	if err != nil {
		t.Fatal(err)
	}
	sub, err := f.s.ActOnReport(ctx, store.Actor{UserID: head.ID}, head, r.ID, f.a.ID, submit(rv.Version))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.office.ID}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "Bổ sung số liệu cùng kỳ")); err != nil {
		t.Fatal(err)
	}
	byKind = pending()
	if got := byKind[store.KindReportHeadReturned]; len(got) != 2 {
		t.Errorf("head-return messages after the office's return = %v, want the same 2", keys(got))
	}
	office := byKind[store.KindReportReturned]
	if len(office) != 2 {
		t.Errorf("office-return messages = %v, want one to the reporter and one to the unit's mailbox", keys(office))
	}
	seen := map[string]bool{}
	for _, m := range append(byKind[store.KindReportHeadReturned], office...) {
		if seen[m.DedupeKey] {
			t.Errorf("dedupe key %q used twice", m.DedupeKey)
		}
		seen[m.DedupeKey] = true
		if m.Kind == store.KindReportReturned && !strings.HasPrefix(m.Subject, "Văn phòng đã trả lại báo cáo để bổ sung: ") {
			t.Errorf("office-return subject = %q", m.Subject)
		}
	}
}

func TestOutstanding(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	f.a.Email = "vanthu.pnv@huulung.example"
	if err := f.s.UpdateUnit(ctx, store.Actor{}, f.a); err != nil {
		t.Fatal(err)
	}
	deadline := tiendo.DeadlineBefore(2022, 6, 7)
	r := f.newRound(t, deadline)
	newClock(f.s, deadline.Add(-time.Hour))

	units := func() map[int64][]store.Recipient {
		t.Helper()
		os, err := f.s.Outstanding(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64][]store.Recipient{}
		for _, o := range os {
			if o.RoundID != r.ID || o.Deadline.Location() != tiendo.Zone || !o.Deadline.Equal(deadline) {
				t.Errorf("outstanding %+v: want round %d due %v in tiendo.Zone", o, r.ID, deadline)
			}
			out[o.Unit.ID] = o.Recipients
		}
		return out
	}
	got := units()
	want := []store.Recipient{{UserID: f.repA.ID, Email: "pnv@huulung.example"}, {Name: "Phòng Nội vụ", Email: "vanthu.pnv@huulung.example"}}
	if len(got) != 2 || !slices.Equal(got[f.a.ID], want) || len(got[f.b.ID]) != 1 {
		t.Errorf("outstanding = %+v, want units a (reporter and mailbox) and b (reporter)", got)
	}
	// Unit a submits: only b is owed.
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "x", 70)
	f.s.SaveReport(ctx, store.Actor{}, f.repA, rep)
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version)); err != nil {
		t.Fatal(err)
	}
	if got := units(); len(got) != 1 || got[f.b.ID] == nil {
		t.Errorf("after a submits, outstanding = %v, want only b", got)
	}
	// Locked: nobody, until the office reopens b.
	f.s.Now = func() time.Time { return deadline.Add(time.Hour) }
	if err := f.s.LockRound(ctx, store.Actor{}, r.ID, true); err != nil {
		t.Fatal(err)
	}
	if got := units(); len(got) != 0 {
		t.Errorf("locked round: outstanding = %v, want none", got)
	}
	if err := f.s.ReopenUnit(ctx, store.Actor{}, r.ID, f.b.ID); err != nil {
		t.Fatal(err)
	}
	if got := units(); len(got) != 1 || got[f.b.ID] == nil {
		t.Errorf("locked round, b reopened: outstanding = %v, want b", got)
	}
	if err := f.s.CloseRound(ctx, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	if got := units(); len(got) != 0 {
		t.Errorf("closed round: outstanding = %v, want none", got)
	}
}

// Two stores on one database (two app instances) claim at once: every
// message is claimed by exactly one of them.
func TestConcurrentClaim(t *testing.T) {
	dsn := storetest.DSN(t)
	var stores [2]*store.Store
	for i := range stores {
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		s.Now = func() time.Time { return time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC) }
		stores[i] = s
	}
	const total = 200
	var msgs []*store.Message
	for i := range total {
		msgs = append(msgs, message(fmt.Sprintf("k%03d", i), "a@huulung.example"))
	}
	if _, err := stores[0].Enqueue(ctx, msgs...); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	claims := map[int64]int{}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			s := stores[w%2]
			for {
				ms, err := s.ClaimMessages(ctx, fmt.Sprintf("w%d", w), 7, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if len(ms) == 0 {
					return
				}
				mu.Lock()
				for _, m := range ms {
					claims[m.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(claims) != total {
		t.Errorf("%d messages claimed, want %d", len(claims), total)
	}
	for id, n := range claims {
		if n != 1 {
			t.Errorf("message %d claimed %d times", id, n)
		}
	}
}

// In a small commune the head's own account may use the unit's mailbox: the
// head's return then goes to the reporter only, not back to the head
// through the mailbox.
func TestHeadReturnSkipsTheHeadsMailbox(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	f.a.Email = "ubnd.xa@huulung.example"
	if err := f.s.UpdateUnit(ctx, store.Actor{}, f.a); err != nil {
		t.Fatal(err)
	}
	r, head := f.headRound(t)
	f.withEmail(t, head, "UBND.xa@huulung.example")
	f.headReturn(t, r, head, "Bổ sung số liệu.")
	all, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, m := range all {
		if m.Kind == store.KindReportHeadReturned {
			to = append(to, m.Email)
		}
	}
	if len(to) != 1 || to[0] != "pnv@huulung.example" {
		t.Errorf("head-return messages to %v, want the reporter's address only", to)
	}
}

// headReturn has unit a's reporter fill and save its report in round r and
// send it to head, who returns it with reason; it returns the report then.
func (f *fixture) headReturn(t *testing.T, r *tiendo.Round, head *tiendo.User, reason string) *tiendo.UnitReport {
	t.Helper()
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Nội dung", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	rv, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, rep.Version, ""))
	if err != nil {
		t.Fatal(err)
	}
	back, err := f.s.ActOnReport(ctx, store.Actor{UserID: head.ID}, head, r.ID, f.a.ID, act(tiendo.ReportHeadReturn, rv.Version, reason))
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// A report sent to the unit head for approval is mailed to the unit's
// heads, not to the reporters nor to the office.
func TestSendForReviewMailsTheHeads(t *testing.T) {
	f := newFixture(t)
	f.withEmail(t, f.repA, "pnv@huulung.example")
	r, head := f.headRound(t)
	head.FullName = "Trần Văn Bình"
	f.withEmail(t, head, "truongphong@huulung.example")
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Nội dung", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, rep.Version, "")); err != nil {
		t.Fatal(err)
	}
	all, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	var got []*store.Message
	for _, m := range all {
		if m.Kind == store.KindReportForReview {
			got = append(got, m)
		} else if m.Kind != store.KindReminderBefore && m.Kind != store.KindReminderDue {
			t.Errorf("sending for review also queued %s to %s", m.Kind, m.Email)
		}
	}
	if len(got) != 1 || got[0].Email != "truongphong@huulung.example" || got[0].UserID != head.ID {
		t.Fatalf("review messages = %+v, want one to the head", got)
	}
	m := got[0]
	if want := "Báo cáo của Phòng Nội vụ chờ lãnh đạo đơn vị duyệt: Cần duyệt"; m.Subject != want {
		t.Errorf("subject = %q, want %q", m.Subject, want)
	}
	for _, want := range []string{"Kính gửi: Trần Văn Bình,", "đã trình báo cáo “Cần duyệt”", "Đề nghị duyệt và gửi báo cáo"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("body = %q, want it to contain %q", m.Body, want)
		}
	}
	if want := "/rounds/" + itoa(r.ID) + "/reports/pnv"; m.Link != want {
		t.Errorf("link = %q, want %q", m.Link, want)
	}
}
