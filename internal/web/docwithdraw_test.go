package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// submitAs fills and submits unit's report in x.round as user username.
func (x *app) submitAs(username string, unit *tiendo.Unit) {
	x.t.Helper()
	storetest.Submit(x.t, x.st, username, x.round.ID, unit.ID)
}

// postDoc posts a document page's form and returns the status and where it
// redirects.
func (x *app) postDoc(c *http.Client, path string, form url.Values) (int, string) {
	x.t.Helper()
	code, loc, _ := read(x.post(c, path, form))
	return code, loc
}

// before reports whether a comes before b in body, both present.
func before(body, a, b string) bool {
	i, j := strings.Index(body, a), strings.Index(body, b)
	return i >= 0 && j >= 0 && i < j
}

// The consolidated report says which units it goes without, next to the
// send and approve buttons, without blocking either; “Lưu và trình” is one
// version; the office withdraws a report waiting for approval.
func TestConsolidatedApprovalKnowsTheGaps(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office, leader := x.login("vanphong"), x.login("lanhdao")
	officeUser, _ := x.st.UserByUsername(ctx, "vanphong")
	leaderUser, _ := x.st.UserByUsername(ctx, "lanhdao")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"

	// Công an huyện sent and was returned for revision; Phòng Nội vụ sent nothing.
	x.submitAs("cah", x.b)
	rep := x.reportOf(x.b, x.round)
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, officeUser, x.round.ID, x.b.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: rep.Version, Comment: "Bổ sung số liệu"}); err != nil {
		t.Fatal(err)
	}
	if code, _ := x.postDoc(office, page+"/new", nil); code != http.StatusSeeOther {
		t.Fatalf("draft: %d", code)
	}
	missing := "Còn 1/2 đơn vị chưa gửi báo cáo:</strong> Phòng Nội vụ."
	returned := "1 đơn vị có báo cáo bị trả lại để bổ sung, chưa gửi lại</strong> (nội dung không có trong báo cáo tổng hợp): Công an huyện."
	_, body := x.get(office, page)
	if !before(body, missing, `id="send"`) || !strings.Contains(body, returned) {
		t.Errorf("the office's draft: want the missing and returned units above “Lưu và trình”:\n%s", body)
	}

	c, err := x.st.Doc(ctx, officeUser, x.round.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"version": {itoa(int64(c.Version))}, "op": {"send"}, "subject": {c.Subject}}
	for i, p := range c.Parts {
		form.Set("p"+itoa(int64(i))+".heading", p.Heading)
		form.Set("p"+itoa(int64(i))+".text", p.Text)
	}
	form.Set("p0.text", "Mở đầu sửa ngay trước khi trình.")
	if code, loc := x.postDoc(office, page, form); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("save and send: %d %s", code, loc)
	}
	sent, _ := x.st.Doc(ctx, officeUser, x.round.ID, tiendo.DocReport)
	if sent.Status != tiendo.DocPending || sent.Version != c.Version+1 || sent.Parts[0].Text != "Mở đầu sửa ngay trước khi trình." {
		t.Errorf("after “Lưu và trình”: %s at version %d (from %d), opening %q; want pending, one version on, the edit kept",
			sent.Status, sent.Version, c.Version, sent.Parts[0].Text)
	}

	_, body = x.get(leader, page)
	if !before(body, missing, `id="approve"`) || !strings.Contains(body, returned) {
		t.Errorf("the leader's approval: want the missing and returned units before “Duyệt”:\n%s", body)
	}
	if strings.Contains(body, `id="withdraw"`) {
		t.Errorf("the leader is offered the office's withdrawal")
	}
	_, body = x.get(office, page)
	if !strings.Contains(body, `id="withdraw"`) || !strings.Contains(body, missing) {
		t.Errorf("the office's pending report: want “Rút lại để sửa” and the warning:\n%s", body)
	}
	if _, unread, _ := x.st.Notifications(ctx, leaderUser, 10); unread != 1 {
		t.Errorf("the leader has %d unread, want 1 (the send)", unread)
	}

	v := itoa(int64(sent.Version))
	if code, loc := x.postDoc(office, page, url.Values{"version": {v}, "op": {"withdraw"}}); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=withdraw") {
		t.Fatalf("withdraw: %d %s", code, loc)
	}
	back, _ := x.st.Doc(ctx, officeUser, x.round.ID, tiendo.DocReport)
	if back.Status != tiendo.DocDraft || back.Version != sent.Version+1 {
		t.Errorf("withdrawn: %s at version %d, want draft at %d", back.Status, back.Version, sent.Version+1)
	}
	if _, unread, _ := x.st.Notifications(ctx, leaderUser, 10); unread != 0 {
		t.Errorf("the leader still has %d unread about a report that no longer waits", unread)
	}
	if code, _ := x.postDoc(leader, page, url.Values{"version": {v}, "op": {"approve"}}); code != http.StatusConflict {
		t.Errorf("approving the withdrawn report: %d, want 409", code)
	}
	if code, _ := x.postDoc(office, page, url.Values{"version": {itoa(int64(back.Version))}, "op": {"withdraw"}}); code != http.StatusConflict {
		t.Errorf("withdrawing a draft: %d, want 409", code)
	}

	// Every unit sent, on time: the page says so, and no warning.
	x.submitAs("pnv", x.a)
	x.submitAs("cah", x.b)
	_, body = x.get(office, page)
	if !strings.Contains(body, "Đủ báo cáo: cả 2/2 đơn vị đã gửi, đúng hạn.") || strings.Contains(body, `aria-labelledby="unit-gaps-title"`) {
		t.Errorf("every unit sent: want the page to say so:\n%s", body)
	}
}

// The office withdraws the công văn too.
func TestDirectiveWithdraw(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office, leader := x.login("vanphong"), x.login("lanhdao")
	officeUser, _ := x.st.UserByUsername(ctx, "vanphong")
	page, c := directiveSent(t, x, x.draft.ID)
	sent, _ := x.st.Doc(ctx, officeUser, x.draft.ID, tiendo.DocDirective)
	if sent.Status != tiendo.DocPending || sent.Version != c.Version+1 {
		t.Errorf("after “Lưu và trình”: %s at version %d, want pending at %d", sent.Status, sent.Version, c.Version+1)
	}
	if _, body := x.get(leader, page); strings.Contains(body, `id="withdraw"`) || !strings.Contains(body, `id="approve"`) {
		t.Errorf("the leader's page: want “Duyệt” and no withdrawal")
	}
	if _, body := x.get(office, page); !strings.Contains(body, "Rút lại để sửa</button>") {
		t.Errorf("the office's page: want “Rút lại để sửa”")
	}
	if code, loc := x.postDoc(office, page, url.Values{"version": {itoa(int64(sent.Version))}, "op": {"withdraw"}}); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=withdraw") {
		t.Fatalf("withdraw: %d %s", code, loc)
	}
	if back, _ := x.st.Doc(ctx, officeUser, x.draft.ID, tiendo.DocDirective); back.Status != tiendo.DocDraft {
		t.Errorf("withdrawn: %s, want draft", back.Status)
	}
	if _, body := x.get(office, page+"?ok=withdraw"); !strings.Contains(body, "Đã rút lại công văn về dự thảo") {
		t.Errorf("no notice after the withdrawal")
	}
}

// A save that comes after someone else sent the report is refused, and the
// text typed stays in the form under the message, not replaced by the
// stored one.
func TestConsolidatedRefusedSaveKeepsTyping(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office := x.login("vanphong")
	officeUser, _ := x.st.UserByUsername(ctx, "vanphong")
	page := "/rounds/" + itoa(x.round.ID) + "/consolidated"
	if code, _ := x.postDoc(office, page+"/new", nil); code != http.StatusSeeOther {
		t.Fatalf("draft: %d", code)
	}
	c, err := x.st.Doc(ctx, officeUser, x.round.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"version": {itoa(int64(c.Version))}, "op": {"save"}, "subject": {c.Subject}}
	for i, p := range c.Parts {
		form.Set("p"+itoa(int64(i))+".heading", p.Heading)
		form.Set("p"+itoa(int64(i))+".text", p.Text)
	}
	typed := "Đoạn mở đầu vừa gõ, chưa kịp lưu."
	form.Set("p0.text", typed)
	// Another office user sends it meanwhile.
	if err := x.st.SendDoc(ctx, store.Actor{}, officeUser, c); err != nil {
		t.Fatal(err)
	}
	code, _, body := read(x.post(office, page, form))
	if code != http.StatusConflict || !strings.Contains(body, typed) {
		t.Errorf("a save after someone sent it: %d; the typed text %s", code, map[bool]string{true: "is kept", false: "is lost"}[strings.Contains(body, typed)])
	}
}
