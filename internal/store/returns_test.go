package store_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// headRound is a round that asks for the unit head's approval, and a head
// of unit a.
func (f *fixture) headRound(t *testing.T) (*tiendo.Round, *tiendo.User) {
	t.Helper()
	head := &tiendo.User{Username: "truongphong", Role: tiendo.RoleUnitHead, UnitID: f.a.ID}
	if err := f.s.CreateUser(ctx, store.Actor{}, head, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Cần duyệt", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour), HeadApproval: true,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Việc", Assignees: []tiendo.Assignee{{UnitID: f.a.ID, Role: tiendo.Lead}}}}}
	if err := f.s.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return r, head
}

// sentForReview has unit a's reporter fill and save its report in round r
// and send it to the unit's head, and returns the report as it then is.
func (f *fixture) sentForReview(t *testing.T, r *tiendo.Round) *tiendo.UnitReport {
	t.Helper()
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Nội dung", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	rv, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, act(tiendo.ReportSendForReview, rep.Version, ""))
	if err != nil {
		t.Fatal(err)
	}
	return rv
}

// newest is the title of u's newest notification.
func newest(t *testing.T, s *store.Store, u *tiendo.User) string {
	t.Helper()
	ns, _, err := s.Notifications(ctx, u, 1)
	if err != nil || len(ns) == 0 {
		t.Fatalf("notifications of %s: %v %v", u.Username, ns, err)
	}
	return ns[0].Title
}

// The unit head, like the office, must say why a report goes back; the
// reason stays on the report and comes in the reporter's notification.
func TestHeadReturnNeedsAndKeepsItsReason(t *testing.T) {
	f := newFixture(t)
	r, head := f.headRound(t)
	rv := f.sentForReview(t, r)
	_, err := f.s.ActOnReport(ctx, store.Actor{}, head, r.ID, f.a.ID, act(tiendo.ReportHeadReturn, rv.Version, " \n "))
	var e *tiendo.Error
	if code(err) != tiendo.EINVALID || !errors.As(err, &e) || e.Fields["comment"] == "" {
		t.Fatalf("head return without a reason: %v, want invalid with a message for the comment field", err)
	}
	if got, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID); got.Status != tiendo.ReportReview {
		t.Errorf("the refused return moved the report to %s", got.Status)
	}

	reason := "Số liệu nhiệm vụ 1 chưa khớp với báo cáo tháng trước; đề nghị kiểm tra lại."
	back, err := f.s.ActOnReport(ctx, store.Actor{}, head, r.ID, f.a.ID, act(tiendo.ReportHeadReturn, rv.Version, reason))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if got.Status != tiendo.ReportDraft || got.ReturnComment != reason || back.ReturnComment != reason {
		t.Errorf("after the head's return: %s %q (answered %q), want draft with the reason", got.Status, got.ReturnComment, back.ReturnComment)
	}
	if title := newest(t, f.s, f.repA); !strings.Contains(title, "Lãnh đạo đơn vị đã trả lại") || !strings.Contains(title, "Lý do: "+reason) {
		t.Errorf("the reporter's notification = %q, want the head's reason in it", title)
	}
}

// The office's return tells the unit its reason too, shortened when long.
func TestOfficeReturnNotificationHasTheReason(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Nội dung", 72)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	sub, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version))
	if err != nil {
		t.Fatal(err)
	}
	reason := "Bổ sung số liệu cùng kỳ\nvà nguyên nhân chậm tiến độ. " + strings.Repeat("Giải trình chi tiết từng xã. ", 30)
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, reason)); err != nil {
		t.Fatal(err)
	}
	title := newest(t, f.s, f.repA)
	if !strings.HasPrefix(title, "Văn phòng đã trả lại báo cáo để bổ sung: Báo cáo 6 tháng. Lý do: Bổ sung số liệu cùng kỳ và nguyên nhân chậm tiến độ.") {
		t.Errorf("the unit's notification = %q, want the reason on one line", title)
	}
	if n := len([]rune(title)); n > 400 || !strings.HasSuffix(title, "…") {
		t.Errorf("the notification has %d characters and ends %q: a long reason should be shortened", n, title[len(title)-10:])
	}
}

// A unit takes a wrong file off its report while it can edit it: a file
// that never left the unit is gone; one sent with a submission stays for
// that submission's revision, but the report no longer lists it.
func TestRemoveAttachment(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	wrong, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "nham.pdf", []byte("%PDF-1.4 nhầm"))
	if err != nil {
		t.Fatal(err)
	}
	right, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "dung.pdf", []byte("%PDF-1.4 đúng"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.RemoveAttachment(ctx, store.Actor{}, f.repB, r.ID, f.a.ID, wrong.ID); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("unit b removes unit a's file: %v, want forbidden", err)
	}
	if err := f.s.RemoveAttachment(ctx, store.Actor{}, f.office, r.ID, f.a.ID, wrong.ID); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("the office removes a unit's file: %v, want forbidden", err)
	}
	if err := f.s.RemoveAttachment(ctx, store.Actor{UserID: f.repA.ID}, f.repA, r.ID, f.a.ID, wrong.ID); err != nil {
		t.Fatal(err)
	}
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if len(rep.Attachments) != 1 || rep.Attachments[0].ID != right.ID {
		t.Errorf("attachments after removing one = %v, want only %q", rep.Attachments, right.Name)
	}
	if _, _, err := f.s.Attachment(ctx, f.repA, wrong.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("a removed file never sent: %v, want it gone", err)
	}
	if err := f.s.RemoveAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, wrong.ID); code(err) != tiendo.ENOTFOUND {
		t.Errorf("removing it twice: %v, want not found", err)
	}
	log, err := f.s.AuditSearch(ctx, store.AuditFilter{Entity: "unit_report", EntityID: rep.ID, UserID: f.repA.ID})
	if err != nil || len(log) == 0 || log[0].Action != "detach" || !strings.Contains(log[0].Before, "nham.pdf") || !strings.Contains(log[0].After, "attachment_removed") {
		t.Errorf("audit after the removal: %+v %v, want a row naming the file", log, err)
	}

	// Sent, then returned: the file goes off the report, not out of the
	// revision.
	fill(rep, "Nội dung", 72)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	sub, err := f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.RemoveAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, right.ID); code(err) != tiendo.ECONFLICT {
		t.Errorf("removing a file from a submitted report: %v, want conflict", err)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.a.ID, act(tiendo.ReportReturn, sub.Version, "Thay tệp")); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RemoveAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, right.ID); err != nil {
		t.Fatal(err)
	}
	rep, _ = f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	if len(rep.Attachments) != 0 {
		t.Errorf("attachments after removing the sent one = %v, want none", rep.Attachments)
	}
	if _, data, err := f.s.Attachment(ctx, f.office, right.ID); err != nil || string(data) != "%PDF-1.4 đúng" {
		t.Errorf("the file sent with the first submission: %q %v, want it kept", data, err)
	}
	revs, err := f.s.Revisions(ctx, f.office, r.ID, f.a.ID)
	if err != nil || len(revs) != 1 || len(revs[0].Report.Attachments) != 1 {
		t.Fatalf("revisions: %v %v, want one listing the file", revs, err)
	}
	// The next submission no longer carries it.
	sub, err = f.s.ActOnReport(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, submit(rep.Version))
	if err != nil {
		t.Fatal(err)
	}
	revs, _ = f.s.Revisions(ctx, f.office, r.ID, f.a.ID)
	if b, _ := json.Marshal(revs[len(revs)-1].Report.Attachments); len(revs) != 2 || string(b) != "[]" {
		t.Errorf("the second submission's files = %s, want none", b)
	}
	if sub.Status != tiendo.ReportSubmitted {
		t.Errorf("resubmitted report is %s", sub.Status)
	}
}

// Removing a file needs the round still open to the unit.
func TestRemoveAttachmentInLockedRound(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	a, err := f.s.AddAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, "nham.pdf", []byte("%PDF-1.4"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.LockRound(ctx, store.Actor{}, r.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RemoveAttachment(ctx, store.Actor{}, f.repA, r.ID, f.a.ID, a.ID); code(err) != tiendo.ECONFLICT {
		t.Errorf("removal in a locked round: %v, want conflict", err)
	}
	if rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID); len(rep.Attachments) != 1 {
		t.Errorf("the refused removal took the file off: %v", rep.Attachments)
	}
}

// The reporter hears when the unit's head approves and sends the report,
// and the unit when the office accepts it: neither step was announced, so
// a reporter could not tell whether the report had gone.
func TestReporterHearsApprovalAndAcceptance(t *testing.T) {
	f := newFixture(t)
	r, head := f.headRound(t)
	rv := f.sentForReview(t, r)
	sent, err := f.s.ActOnReport(ctx, store.Actor{}, head, r.ID, f.a.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rv.Version, Confirm: true})
	if err != nil {
		t.Fatal(err)
	}
	if title := newest(t, f.s, f.repA); title != "Lãnh đạo đơn vị đã duyệt và gửi báo cáo đến Văn phòng: "+r.Title {
		t.Errorf("after the head's approval the reporter's newest notification = %q", title)
	}
	if _, err := f.s.ActOnReport(ctx, store.Actor{}, f.office, r.ID, f.a.ID, act(tiendo.ReportAccept, sent.Version, "")); err != nil {
		t.Fatal(err)
	}
	for _, u := range []*tiendo.User{f.repA, head} {
		if title := newest(t, f.s, u); title != "Văn phòng đã tiếp nhận báo cáo: "+r.Title {
			t.Errorf("after acceptance %s's newest notification = %q", u.Username, title)
		}
	}
}

// The unit head's returns are the unit's own review: the unit sees them in
// the report's history, the office and readers see only the office's.
func TestReturnsKeepTheHeadsReviewInTheUnit(t *testing.T) {
	f := newFixture(t)
	r, head := f.headRound(t)
	reader := &tiendo.User{Username: "huyenuy", Role: tiendo.RoleReader}
	if err := f.s.CreateUser(ctx, store.Actor{}, reader, "mật khẩu dài đủ"); err != nil {
		t.Fatal(err)
	}
	step := func(u *tiendo.User, a tiendo.ReportAction, comment string) {
		t.Helper()
		rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
		if _, err := f.s.ActOnReport(ctx, store.Actor{UserID: u.ID}, u, r.ID, f.a.ID, store.ActRequest{Action: a, Version: rep.Version, Comment: comment, Confirm: true}); err != nil {
			t.Fatal(err)
		}
	}
	rep, _ := f.s.Report(ctx, f.repA, r.ID, f.a.ID)
	fill(rep, "Nội dung", 1)
	if err := f.s.SaveReport(ctx, store.Actor{}, f.repA, rep); err != nil {
		t.Fatal(err)
	}
	step(f.repA, tiendo.ReportSendForReview, "")
	step(head, tiendo.ReportHeadReturn, "Số liệu giải ngân chưa khớp kho bạc.")
	step(f.repA, tiendo.ReportSendForReview, "")
	step(head, tiendo.ReportSubmit, "")
	step(f.office, tiendo.ReportReturn, "Bổ sung kết quả quý II.")
	for _, c := range []struct {
		u    *tiendo.User
		want []string
	}{
		{f.repA, []string{"Số liệu giải ngân chưa khớp kho bạc.", "Bổ sung kết quả quý II."}},
		{head, []string{"Số liệu giải ngân chưa khớp kho bạc.", "Bổ sung kết quả quý II."}},
		{f.office, []string{"Bổ sung kết quả quý II."}},
		{reader, []string{"Bổ sung kết quả quý II."}},
	} {
		got, err := f.s.Returns(ctx, c.u, r.ID, f.a.ID)
		if err != nil {
			t.Fatalf("%s: %v", c.u.Username, err)
		}
		var comments []string
		for _, ret := range got {
			comments = append(comments, ret.Comment)
		}
		if strings.Join(comments, " | ") != strings.Join(c.want, " | ") {
			t.Errorf("%s sees the returns %q, want %q", c.u.Username, comments, c.want)
		}
	}
}
