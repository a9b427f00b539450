package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// docActions lists the actions of the audit rows about document id, oldest
// first.
func docActions(t *testing.T, s *store.Store, id int64) []string {
	t.Helper()
	rows, err := s.AuditSearch(ctx, store.AuditFilter{Entity: "document", EntityID: id, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(rows) - 1; i >= 0; i-- {
		out = append(out, rows[i].Action)
	}
	return out
}

// “Lưu và trình” is one step: the edits and the send are one version, in
// one transaction, audited as the update and the send.
func TestSendDocIsOneVersion(t *testing.T) {
	f := newFixture(t)
	r := f.newRound(t, time.Now().Add(time.Hour))
	c := &tiendo.Document{Kind: tiendo.DocReport, RoundID: r.ID, Subject: "Báo cáo", Parts: []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu"}}}
	if err := f.s.CreateDoc(ctx, store.Actor{}, f.office, c); err != nil {
		t.Fatal(err)
	}
	if err := f.s.UpdateDoc(ctx, store.Actor{}, f.office, c); err != nil || c.Version != 2 {
		t.Fatalf("save: %v, version %d, want 2", err, c.Version)
	}

	stale := *c
	stale.Parts = []tiendo.ReportPart{{Key: "opening", Text: "Bản cũ"}}
	stale.Version = 1
	if err := f.s.SendDoc(ctx, store.Actor{}, f.office, &stale); code(err) != tiendo.ECONFLICT {
		t.Errorf("sending a stale draft: %v, want conflict", err)
	}
	if err := f.s.SendDoc(ctx, store.Actor{}, f.repA, c); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a reporter sends: %v, want forbidden", err)
	}

	c.Parts = []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu đã sửa trước khi trình"}}
	if err := f.s.SendDoc(ctx, store.Actor{}, f.office, c); err != nil {
		t.Fatal(err)
	}
	if c.Version != 3 || c.Status != tiendo.DocPending {
		t.Errorf("after save and send: version %d, status %s; want 3, pending", c.Version, c.Status)
	}
	got, err := f.s.Doc(ctx, f.office, r.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 3 || got.Status != tiendo.DocPending || got.Parts[0].Text != "Mở đầu đã sửa trước khi trình" {
		t.Errorf("stored: version %d, status %s, text %q", got.Version, got.Status, got.Parts[0].Text)
	}
	if got, want := strings.Join(docActions(t, f.s, c.ID), ","), "create,update,update,send"; got != want {
		t.Errorf("audit = %s, want %s", got, want)
	}
	if err := f.s.SendDoc(ctx, store.Actor{}, f.office, c); code(err) != tiendo.ECONFLICT {
		t.Errorf("sending twice: %v, want conflict", err)
	}

	// Sent unchanged, it is still one version, and no update is audited.
	c, err = f.s.ActOnDoc(ctx, store.Actor{}, f.office, r.ID, tiendo.DocReport, store.DocWithdraw, c.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SendDoc(ctx, store.Actor{}, f.office, c); err != nil || c.Version != 5 {
		t.Fatalf("send unchanged: %v, version %d, want 5", err, c.Version)
	}
	if got, want := strings.Join(docActions(t, f.s, c.ID), ","), "create,update,update,send,withdraw,send"; got != want {
		t.Errorf("audit = %s, want %s", got, want)
	}
}

// The office withdraws a document waiting for approval; the leaders' bell
// no longer says it waits for them.
func TestWithdrawDoc(t *testing.T) {
	f := newFixture(t)
	leader := &tiendo.User{Username: "lanhdao", Role: tiendo.RoleLeader}
	other := &tiendo.User{Username: "lanhdao2", Role: tiendo.RoleLeader}
	for _, u := range []*tiendo.User{leader, other} {
		if err := f.s.CreateUser(ctx, store.Actor{}, u, "mật khẩu dài đủ"); err != nil {
			t.Fatal(err)
		}
	}
	r := f.newRound(t, time.Now().Add(time.Hour))
	c := &tiendo.Document{Kind: tiendo.DocDirective, RoundID: r.ID, Subject: "Giao nhiệm vụ", Parts: []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu"}}}
	if err := f.s.CreateDoc(ctx, store.Actor{}, f.office, c); err != nil {
		t.Fatal(err)
	}
	withdraw := func(u *tiendo.User, version int) (*tiendo.Document, error) {
		return f.s.ActOnDoc(ctx, store.Actor{UserID: u.ID}, u, r.ID, tiendo.DocDirective, store.DocWithdraw, version, "")
	}
	if _, err := withdraw(f.office, c.Version); code(err) != tiendo.ECONFLICT {
		t.Errorf("withdrawing a draft: %v, want conflict", err)
	}
	if err := f.s.SendDoc(ctx, store.Actor{}, f.office, c); err != nil {
		t.Fatal(err)
	}
	// One leader has seen the notification, the other not.
	if err := f.s.MarkNotificationsRead(ctx, leader); err != nil {
		t.Fatal(err)
	}
	if _, err := withdraw(leader, c.Version); code(err) != tiendo.EFORBIDDEN {
		t.Errorf("a leader withdraws: %v, want forbidden", err)
	}
	if _, err := withdraw(f.office, c.Version-1); code(err) != tiendo.ECONFLICT {
		t.Errorf("withdrawing a stale version: %v, want conflict", err)
	}
	back, err := withdraw(f.office, c.Version)
	if err != nil {
		t.Fatal(err)
	}
	if back.Status != tiendo.DocDraft || back.Version != c.Version+1 {
		t.Errorf("withdrawn: status %s, version %d; want draft, %d", back.Status, back.Version, c.Version+1)
	}
	if p, _ := f.s.PendingDocs(ctx, leader); len(p) != 0 {
		t.Errorf("still waiting for the leader: %+v", p)
	}
	if _, err := f.s.ActOnDoc(ctx, store.Actor{}, leader, r.ID, tiendo.DocDirective, store.DocApprove, c.Version, ""); code(err) != tiendo.ECONFLICT {
		t.Errorf("approving the page read before the withdrawal: %v, want conflict", err)
	}
	if got := docActions(t, f.s, c.ID); got[len(got)-1] != "withdraw" {
		t.Errorf("audit = %v, want the withdrawal last", got)
	}

	kinds := func(u *tiendo.User) (string, int) {
		t.Helper()
		list, unread, err := f.s.Notifications(ctx, u, 10)
		if err != nil {
			t.Fatal(err)
		}
		var ks []string
		for _, n := range list {
			ks = append(ks, n.Kind)
			if n.Kind == "doc_withdrawn" && (!strings.Contains(n.Title, "rút lại") || n.Link != fmt.Sprintf("/rounds/%d/directive", r.ID)) {
				t.Errorf("withdrawal notice %q → %s", n.Title, n.Link)
			}
		}
		return strings.Join(ks, ","), unread
	}
	if got, unread := kinds(other); got != "" || unread != 0 {
		t.Errorf("the leader who had not read it: %q, %d unread; want nothing", got, unread)
	}
	if got, unread := kinds(leader); got != "doc_withdrawn,doc_pending" || unread != 1 {
		t.Errorf("the leader who had read it: %q, %d unread; want the withdrawal, unread, over the read send", got, unread)
	}

	// Sent again, and withdrawn again before anyone read it: the notice
	// of the first send, read long ago, brings no second withdrawal.
	if err := f.s.SendDoc(ctx, store.Actor{}, f.office, back); err != nil {
		t.Fatal(err)
	}
	if _, unread := kinds(other); unread != 1 {
		t.Errorf("sent again: the other leader has %d unread, want 1", unread)
	}
	again, err := withdraw(f.office, back.Version)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := kinds(leader); strings.Count(got, "doc_withdrawn") != 1 {
		t.Errorf("the leader who read only the first send: %q, want one withdrawal notice", got)
	}

	// Sent again and approved, it can still be withdrawn before it is
	// issued (to be signed by someone else, who must approve it), and
	// comes back a draft that nobody has approved.
	if err := f.s.SendDoc(ctx, store.Actor{}, f.office, again); err != nil {
		t.Fatal(err)
	}
	ok, err := f.s.ActOnDoc(ctx, store.Actor{UserID: leader.ID}, leader, r.ID, tiendo.DocDirective, store.DocApprove, again.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	back2, err := withdraw(f.office, ok.Version)
	if err != nil || back2.Status != tiendo.DocDraft || back2.ApprovedBy != 0 {
		t.Fatalf("withdrawing an approved document: %+v, %v; want a draft nobody approved", back2, err)
	}
	// The leader who approved it is told that the approval no longer stands.
	if got, _ := kinds(leader); strings.Count(got, "doc_withdrawn") != 2 {
		t.Errorf("the approving leader after the approved document was withdrawn: %q, want a second withdrawal notice", got)
	}
	// A draft cannot be withdrawn.
	if _, err := withdraw(f.office, back2.Version); code(err) != tiendo.ECONFLICT || !strings.Contains(err.Error(), "chờ lãnh đạo duyệt") {
		t.Errorf("withdrawing a draft: %v, want a conflict that says why", err)
	}
}
