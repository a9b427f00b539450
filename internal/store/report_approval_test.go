package store_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// approvalRound is a round that asks for the unit head's approval, with a
// reporter of unit a who has a full name ("hoa") and a head who has one
// too ("truongphong").
func (f *fixture) approvalRound(t *testing.T) (r *tiendo.Round, hoa, head *tiendo.User) {
	t.Helper()
	hoa = &tiendo.User{Username: "hoa", FullName: "Nguyễn Thị Hoa", Role: tiendo.RoleReporter, UnitID: f.a.ID}
	head = &tiendo.User{Username: "truongphong", FullName: "Trần Văn Bình", Role: tiendo.RoleUnitHead, UnitID: f.a.ID}
	for _, u := range []*tiendo.User{hoa, head} {
		if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
	}
	r = &tiendo.Round{Title: "Cần duyệt", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour), HeadApproval: true,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Việc", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return r, hoa, head
}

// step has u take action on unit a's report in r, as the page does: with
// u as the actor, on the version u reads.
func (f *fixture) step(t *testing.T, r *tiendo.Round, u *tiendo.User, a tiendo.ReportAction, comment string) *tiendo.UnitReport {
	t.Helper()
	rep, err := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a == tiendo.ReportSendForReview {
		fill(rep, "Nội dung do "+u.Username+" viết", 1)
		if err := f.s.SaveReport(ctx, store.Actor{UserID: u.ID}, u, rep); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.s.ActOnReport(ctx, store.Actor{UserID: u.ID}, u, r.ID, f.a.ID, store.ActRequest{Action: a, Version: rep.Version, Comment: comment, Confirm: true})
	if err != nil {
		t.Fatalf("%s %s: %v", u.Username, a, err)
	}
	return got
}

// A submission the unit head approves names who wrote it and sent it for
// review as its sender, and the head as its approver; before, it named the
// head as the sender, and the writer nowhere. A submission without the
// head's approval names no approver.
func TestApprovedRevisionNamesWriterAndApprover(t *testing.T) {
	f := newFixture(t)
	r, hoa, head := f.approvalRound(t)
	f.step(t, r, hoa, tiendo.ReportSendForReview, "")
	f.step(t, r, head, tiendo.ReportSubmit, "")
	f.step(t, r, f.office, tiendo.ReportReturn, "Bổ sung số liệu.")
	// The second time another reporter of the unit sends it.
	f.step(t, r, f.repA, tiendo.ReportSendForReview, "")
	f.step(t, r, head, tiendo.ReportSubmit, "")

	direct := f.newRound(t, time.Now().Add(time.Hour))
	rep, _ := f.s.Report(ctx, hoa, direct.ID, f.a.ID)
	fill(rep, "Gửi thẳng", 70)
	if err := f.s.SaveReport(ctx, store.Actor{UserID: hoa.ID}, hoa, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: hoa.ID}, hoa, direct.ID, f.a.ID, submit(rep.Version)); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		round *tiendo.Round
		want  []string // per revision: sender, sender's name, approver, approver's name
	}{
		{r, []string{"hoa Nguyễn Thị Hoa truongphong Trần Văn Bình", "pnv pnv truongphong Trần Văn Bình"}},
		{direct, []string{"hoa Nguyễn Thị Hoa  "}},
	} {
		for _, u := range []*tiendo.User{f.office, f.repA} {
			revs, err := f.s.Revisions(ctx, u, c.round.ID, f.a.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, rv := range revs {
				got = append(got, strings.Join([]string{rv.SubmittedBy, rv.SubmitterName, rv.ApprovedBy, rv.ApproverName}, " "))
			}
			if strings.Join(got, " | ") != strings.Join(c.want, " | ") {
				t.Errorf("%s, as %s sees them: revisions by %q, want %q", c.round.Title, u.Username, got, c.want)
			}
		}
	}
}

// Sent back by the office and sent again through the unit head, a report
// tells the office it was sent again, as one sent straight back does: the
// second notice, in the app and by e-mail, was word for word the first.
// Sending for review, taking it back and sending it again tells the office
// nothing, and an approval made twice (two tabs) goes once.
func TestResubmissionThroughHeadIsNotASecondArrival(t *testing.T) {
	f := newFixture(t)
	f.office.Email = "vanphong@example.vn"
	if err := f.s.UpdateUser(ctx, store.Actor{}, f.office); err != nil {
		t.Fatal(err)
	}
	r, hoa, head := f.approvalRound(t)
	f.step(t, r, hoa, tiendo.ReportSendForReview, "")
	f.step(t, r, hoa, tiendo.ReportWithdrawReview, "")
	inReview := f.step(t, r, hoa, tiendo.ReportSendForReview, "")
	f.step(t, r, head, tiendo.ReportSubmit, "")
	if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: head.ID}, head, r.ID, f.a.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: inReview.Version, Confirm: true}); code(err) != tiendo.ECONFLICT {
		t.Errorf("the same approval again: %v, want a conflict", err)
	}
	f.step(t, r, f.office, tiendo.ReportReturn, "Bổ sung số liệu.")
	f.step(t, r, hoa, tiendo.ReportSendForReview, "")
	f.step(t, r, head, tiendo.ReportSubmit, "")

	ns, _, err := f.s.Notifications(ctx, f.office, 50)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, n := range ns {
		if n.Kind == "report_submitted" {
			titles = append(titles, n.Title)
		}
	}
	want := []string{"Phòng Nội vụ đã gửi lại báo cáo sau khi sửa: Cần duyệt", "Phòng Nội vụ đã gửi báo cáo: Cần duyệt"} // newest first
	if strings.Join(titles, " | ") != strings.Join(want, " | ") {
		t.Errorf("the office's notices of the report: %q, want %q", titles, want)
	}
	msgs, err := f.s.Outbox(ctx, store.OutboxFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, m := range msgs {
		if m.Kind == store.KindReportSubmitted {
			subjects = append(subjects, m.Subject)
		}
	}
	if strings.Join(subjects, " | ") != strings.Join(want, " | ") {
		t.Errorf("the office's e-mails about the report: %q, want %q", subjects, want)
	}
}

// The revisions approved before approvers were recorded named the head as
// their sender: migration 0027 names, from the audit log, whoever sent
// each for review as its sender and the head as its approver, and leaves
// the submissions that went without approval as they were.
func TestMigrationNamesWritersOfEarlierApprovals(t *testing.T) {
	f := newFixture(t)
	r, hoa, head := f.approvalRound(t)
	f.step(t, r, hoa, tiendo.ReportSendForReview, "")
	f.step(t, r, head, tiendo.ReportSubmit, "")
	f.step(t, r, f.office, tiendo.ReportReturn, "Bổ sung số liệu.")
	f.step(t, r, f.repA, tiendo.ReportSendForReview, "")
	f.step(t, r, head, tiendo.ReportSubmit, "")
	f.step(t, r, f.office, tiendo.ReportReturn, "Bổ sung lần nữa.")
	// A returned report the head sends straight on, as the head may.
	f.step(t, r, head, tiendo.ReportSubmit, "")

	names := func() string {
		t.Helper()
		revs, err := f.s.Revisions(ctx, f.office, r.ID, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, rv := range revs {
			got = append(got, rv.SubmittedBy+"/"+rv.ApprovedBy)
		}
		return strings.Join(got, " ")
	}
	const want = "hoa/truongphong pnv/truongphong truongphong/"
	if got := names(); got != want {
		t.Fatalf("revisions recorded now: %s, want %s", got, want)
	}
	if err := f.s.RecordRevisionsAsBefore0026(ctx); err != nil {
		t.Fatal(err)
	}
	if got := names(); got != "truongphong/ truongphong/ truongphong/" {
		t.Fatalf("revisions as recorded before: %s", got)
	}
	if err := f.s.RunMigration(ctx, "0027_revision_writer.sql"); err != nil {
		t.Fatal(err)
	}
	if got := names(); got != want {
		t.Errorf("revisions after the migration: %s, want %s", got, want)
	}
	// Run again, it changes nothing.
	if err := f.s.RunMigration(ctx, "0027_revision_writer.sql"); err != nil {
		t.Fatal(err)
	}
	if got := names(); got != want {
		t.Errorf("revisions after the migration ran twice: %s, want %s", got, want)
	}
}

// A report back with its unit says why: the office's reason, who returned
// it and when, to the unit and to the office; the unit head's reason only
// to the unit. A report not back says nothing.
func TestLastReturnSaysWhoAndWhy(t *testing.T) {
	f := newFixture(t)
	r, hoa, head := f.approvalRound(t)
	at := time.Date(2026, 6, 5, 9, 30, 0, 0, time.UTC)
	f.s.Now = func() time.Time { return at }
	for _, u := range []*tiendo.User{hoa, f.office} {
		if _, err := f.s.LastReturn(ctx, u, r.ID, f.a.ID); code(err) != tiendo.ENOTFOUND {
			t.Errorf("%s, before any report: %v, want not found", u.Username, err)
		}
	}
	f.step(t, r, hoa, tiendo.ReportSendForReview, "")
	f.step(t, r, head, tiendo.ReportHeadReturn, "Số liệu chưa khớp kho bạc.")
	got, err := f.s.LastReturn(ctx, hoa, r.ID, f.a.ID)
	if err != nil || !got.ByHead || got.By != "Trần Văn Bình" || got.Comment != "Số liệu chưa khớp kho bạc." || !got.At.Equal(at) {
		t.Errorf("the head's return, as the reporter sees it: %+v %v", got, err)
	}
	if _, err := f.s.LastReturn(ctx, f.office, r.ID, f.a.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("the head's return, as the office sees it: %v, want not found", err)
	}
	f.step(t, r, hoa, tiendo.ReportSendForReview, "")
	f.step(t, r, head, tiendo.ReportSubmit, "")
	if _, err := f.s.LastReturn(ctx, hoa, r.ID, f.a.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("a submitted report: %v, want not found", err)
	}
	at = at.Add(26 * time.Hour)
	f.step(t, r, f.office, tiendo.ReportReturn, "Bổ sung kết quả quý II.\nGhi rõ nguồn vốn.")
	for _, u := range []*tiendo.User{hoa, head, f.office} {
		got, err := f.s.LastReturn(ctx, u, r.ID, f.a.ID)
		if err != nil || got.ByHead || got.By != "Văn phòng" || got.Comment != "Bổ sung kết quả quý II.\nGhi rõ nguồn vốn." || !got.At.Equal(at) {
			t.Errorf("the office's return, as %s sees it: %+v %v", u.Username, got, err)
		}
	}
	if _, err := f.s.LastReturn(ctx, f.repB, r.ID, f.a.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("another unit's reporter: %v, want not found", err)
	}
}

// A submission checked only (the report page's confirmation) says how it
// would go, late or not, and changes nothing; one that would be refused is
// refused the same way.
func TestSubmitCheckOnlyWritesNothing(t *testing.T) {
	f := newFixture(t)
	deadline := time.Now().Add(-time.Hour)
	r := f.newRound(t, deadline)
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Nội dung", 72)
	rep.Sections[0].ResultVsPlan = ""
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	check := store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, CheckOnly: true}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, check); code(err) != tiendo.EINVALID {
		t.Errorf("checking a report without its result: %v, want invalid", err)
	}
	fill(rep, "Nội dung", 72)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	check.Version = rep.Version
	got, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, check)
	if err != nil || got.Status != tiendo.ReportSubmitted || !got.Late {
		t.Fatalf("checking a full report after the deadline: %+v %v, want submitted and late", got, err)
	}
	stored, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	revs, _ := f.s.Revisions(ctx, f.office, r.ID, f.a.ID)
	ns, _, _ := f.s.Notifications(ctx, f.office, 10)
	if stored.Status != tiendo.ReportDraft || stored.Version != rep.Version || !stored.SubmittedAt.IsZero() || len(revs) != 0 || len(ns) != 0 {
		t.Errorf("after the check: %s version %d (was %d), sent at %v, %d revisions, %d notices: want nothing changed",
			stored.Status, stored.Version, rep.Version, stored.SubmittedAt, len(revs), len(ns))
	}
}

// A submission promised on time (the confirmation said "đúng hạn") that is
// late by the clock the store stamps it with is refused, and nothing is
// written; before the deadline it goes on time; a report sent late first
// and returned keeps its timeliness, so the promise does not apply to it.
func TestSubmitPromisedOnTime(t *testing.T) {
	f := newFixture(t)
	deadline := time.Now().Add(time.Hour).Truncate(time.Second)
	r := f.newRound(t, deadline)
	var mu sync.Mutex
	now := deadline.Add(time.Millisecond)
	f.s.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Nội dung", 72)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	send := store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, PromisedOnTime: true}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, send); !errors.Is(err, store.ErrTurnedLate) {
		t.Fatalf("promised on time, a millisecond late: %v, want ErrTurnedLate", err)
	}
	stored, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if revs, _ := f.s.Revisions(ctx, f.office, r.ID, f.a.ID); stored.Status != tiendo.ReportDraft || stored.Version != rep.Version || len(revs) != 0 {
		t.Fatalf("after the refusal: %s version %d, %d revisions; want the draft untouched", stored.Status, stored.Version, len(revs))
	}
	mu.Lock()
	now = deadline.Add(-time.Millisecond)
	mu.Unlock()
	got, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, send)
	if err != nil || got.Late {
		t.Fatalf("promised on time, a millisecond early: %+v %v, want sent on time", got, err)
	}
	// Sent late without a promise, returned, sent again with one: it
	// stays late, as its first submission was, and is not refused.
	mu.Lock()
	now = deadline.Add(time.Hour)
	mu.Unlock()
	rep, _ = f.s.Report(ctx, f.repB, r.ID, f.b.ID)
	fill(rep, "Nội dung", 72)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repB, rep); err != nil {
		t.Fatal(err)
	}
	late, err := f.s.ActOnReport(ctx, store.Actor{}, f.repB, r.ID, f.b.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version})
	if err != nil || !late.Late {
		t.Fatalf("sent late: %+v %v", late, err)
	}
	back, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.b.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: late.Version, Comment: "Bổ sung số liệu."})
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.s.ActOnReport(ctx, store.Actor{}, f.repB, r.ID, f.b.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: back.Version, PromisedOnTime: true})
	if err != nil || !again.Late {
		t.Errorf("re-sent after a return with a promise: %+v %v; want sent, late as the first time", again, err)
	}
}
