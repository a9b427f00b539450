package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// sendDialog is the confirmation before sending on a report page, "" when
// the page has none.
var sendDialog = regexp.MustCompile(`(?s)<dialog id="send-confirm" open.*?</dialog>`)

// Without JavaScript, the unit head's "Duyệt và gửi Văn phòng" asks first,
// as the reporter's "Gửi báo cáo" does, with the same summary: what the
// report leaves empty (linked to the task's section, the target's row),
// the unusual values the head confirmed, whether it counts as late. "Quay
// lại" shows the page again with the head's comment and ticked box as they
// were, the report still waiting; the confirmation's "Duyệt và gửi" sends
// it, with the confirmation of the unusual value. Before, the first click
// sent it.
func TestApproveAsksFirstWithoutJavaScript(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, true)
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	task, target := itoa(r.Tasks[0].ID), itoa(r.Tasks[0].Targets[0].ID)
	f := schoolsForm(r, 0, "review", "25", "Đã xây 25 trường.")
	f.Set("confirm", "on")
	if code, loc, body := x.reviewConfirmed(x.login("pnv"), path, f); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=review") {
		t.Fatalf("send for review: %d %s\n%s", code, loc, body)
	}
	head := x.login("truongphong")
	version := itoa(int64(x.reportOf(x.a, r).Version))
	comment := "Đã kiểm tra số liệu với phòng Giáo dục."
	code, _, page := read(x.post(head, path, url.Values{"version": {version}, "op": {"approve"}, "comment": {comment}, "confirm": {"on"}}))
	if code != http.StatusOK {
		t.Fatalf("Duyệt và gửi Văn phòng: %d, want 200 asking to confirm\n%s", code, page)
	}
	dialog := sendDialog.FindString(page)
	for _, want := range []string{
		`data-opener="approve"`,
		`<h2 id="send-confirm-h">Duyệt và gửi báo cáo cho Văn phòng?</h2>`,
		"Duyệt là gửi ngay cho Văn phòng; sau đó đơn vị không sửa được nữa, trừ khi Văn phòng trả lại.",
		`<li id="send-tasks"><a href="?#task-` + task + `">Nhiệm vụ 3</a> còn để trống: So với cùng kỳ; Khó khăn, vướng mắc; Kiến nghị, đề xuất; Nhiệm vụ thời gian tới.</li>`,
		`Đã nhập số liệu thực hiện của chỉ tiêu. Chưa có số liệu cùng kỳ năm trước: <a href="?#g` + target + `.row">Nhiệm vụ 3, chỉ tiêu “Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia”</a>.`,
		"<li>1 số liệu khác thường đã được xác nhận là đúng.</li>",
		"Gửi lúc này là đúng hạn (hạn gửi ",
		`<input type="hidden" name="confirm" value="on" form="decision-form">`,
		`<input type="hidden" name="promised_late" value="0" form="decision-form">`,
		`<button type="submit" form="decision-form" name="op" value="approve_back" class="secondary" id="send-back" formnovalidate autofocus>Quay lại</button>`,
		`<button type="submit" form="decision-form" name="op" value="approve_send" id="send-go">Duyệt và gửi</button>`,
	} {
		if !strings.Contains(dialog, want) {
			t.Errorf("the head's confirmation lacks %q:\n%s", want, dialog)
		}
	}
	if strings.Contains(dialog, "Bản nháp đã được lưu") {
		t.Errorf("the head's confirmation speaks of a draft saved")
	}
	// The decision form under the dialog holds what the head typed and ticked.
	decision := func(page string) string {
		return regexp.MustCompile(`(?s)<form [^>]*id="decision-form">.*?</form>`).FindString(page)
	}
	if d := decision(page); !strings.Contains(d, `>`+comment+`</textarea>`) || !strings.Contains(d, `<input type="checkbox" name="confirm" checked>`) {
		t.Errorf("the decision form under the confirmation lost the comment or the ticked box:\n%s", d)
	}
	if got := x.reportOf(x.a, r); got.Status != tiendo.ReportReview {
		t.Fatalf("after the first click the report is %s, want still waiting for the head", got.Status)
	}

	// "Quay lại": the page again, the form as it was, nothing sent.
	code, _, back := read(x.post(head, path, confirmationForm(t, page, path, "approve_back")))
	if code != http.StatusOK || strings.Contains(back, `<dialog id="send-confirm"`) {
		t.Errorf("Quay lại: %d, want the page without the confirmation", code)
	}
	if d := decision(back); !strings.Contains(d, `>`+comment+`</textarea>`) || !strings.Contains(d, `<input type="checkbox" name="confirm" checked>`) {
		t.Errorf("after “Quay lại” the decision form lost the comment or the ticked box:\n%s", d)
	}
	if got := x.reportOf(x.a, r); got.Status != tiendo.ReportReview {
		t.Fatalf("after “Quay lại” the report is %s, want still waiting for the head", got.Status)
	}

	// Asked again from the page "Quay lại" left, and confirmed: sent.
	code, _, page = read(x.post(head, path, confirmationForm(t, back, path, "approve")))
	if code != http.StatusOK || sendDialog.FindString(page) == "" {
		t.Fatalf("Duyệt và gửi Văn phòng after “Quay lại”: %d, want the confirmation", code)
	}
	if code, loc, body := read(x.post(head, path, confirmationForm(t, page, path, "approve_send"))); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=submitted") {
		t.Fatalf("Duyệt và gửi: %d %s\n%s", code, loc, body)
	}
	got := x.reportOf(x.a, r)
	if got.Status != tiendo.ReportSubmitted || got.Late {
		t.Errorf("approved: %s late %v, want submitted on time", got.Status, got.Late)
	}
	revs, err := x.st.Revisions(context.Background(), mustUser(t, x, "vanphong"), r.ID, x.a.ID)
	if err != nil || len(revs) != 1 || revs[0].ApprovedBy != "truongphong" {
		t.Errorf("revisions: %+v %v, want one, approved by the head", revs, err)
	}
	// Sent twice (a second tab), it is refused, not sent again.
	if code, _, _ := read(x.post(head, path, confirmationForm(t, page, path, "approve_send"))); code != http.StatusConflict {
		t.Errorf("the confirmation's button again: %d, want 409", code)
	}
}

// The deadline passes while the head's confirmation is open: the report,
// promised "đúng hạn", is not sent late without a word; the confirmation
// comes again saying so, and once confirmed again it is sent, late.
func TestApproveConfirmedAcrossTheDeadline(t *testing.T) {
	t.Parallel()
	x, _ := schoolsApp(t, true) // for its unit head
	deadline := time.Now().Add(time.Hour).Truncate(time.Minute)
	r := &tiendo.Round{Title: "Báo cáo nhanh", Status: tiendo.RoundOpen, Deadline: deadline, HeadApproval: true,
		Tasks: []*tiendo.Task{{Label: "3", Text: "Xây dựng trường đạt chuẩn quốc gia", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{{Text: "Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	if code, _, body := x.reviewConfirmed(x.login("pnv"), path, schoolsForm(r, 0, "review", "2", "Đã xây 2 trường.")); code != http.StatusSeeOther {
		t.Fatalf("send for review: %d\n%s", code, body)
	}
	var mu sync.Mutex
	now := deadline.Add(-10 * time.Second)
	x.st.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	head := x.login("truongphong")
	version := itoa(int64(x.reportOf(x.a, r).Version))
	code, _, page := read(x.post(head, path, url.Values{"version": {version}, "op": {"approve"}}))
	if code != http.StatusOK || !strings.Contains(sendDialog.FindString(page), "Gửi lúc này là đúng hạn") {
		t.Fatalf("Duyệt và gửi Văn phòng ten seconds before the deadline: %d, want the confirmation saying on time", code)
	}
	mu.Lock()
	now = deadline.Add(10 * time.Second)
	mu.Unlock()
	code, _, page = read(x.post(head, path, confirmationForm(t, page, path, "approve_send")))
	if dialog := sendDialog.FindString(page); code != http.StatusOK || !strings.Contains(dialog, `id="send-turned-late"><strong>Đã quá hạn trong lúc chờ xác nhận</strong>`) ||
		!strings.Contains(dialog, "Gửi lúc này là quá hạn") || !strings.Contains(dialog, "Duyệt và gửi báo cáo cho Văn phòng?") {
		t.Fatalf("confirming after the deadline: %d, want the head's confirmation again, saying it is now late\n%s", code, dialog)
	}
	if got := x.reportOf(x.a, r); got.Status != tiendo.ReportReview {
		t.Fatalf("the report after the late confirmation: %s, want still waiting for the head", got.Status)
	}
	code, loc, _ := read(x.post(head, path, confirmationForm(t, page, path, "approve_send")))
	if got := x.reportOf(x.a, r); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=submitted") || got.Status != tiendo.ReportSubmitted || !got.Late {
		t.Errorf("confirmed again: %d %q, report %s late %v; want it sent, late", code, loc, got.Status, got.Late)
	}
}

// The confirmation says in sentences what the report leaves empty, each
// part a link to its field: one task's gaps on one line; and a report sent
// before and returned is "gửi lại".
func TestSendConfirmationWording(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, false)
	c := x.login("pnv")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	task, target := "t"+itoa(r.Tasks[0].ID), "g"+itoa(r.Tasks[0].Targets[0].ID)
	_, _, page := read(x.post(c, path, schoolsForm(r, 0, "submit", "2", "Đã xây 2 trường.")))
	dialog := sendDialog.FindString(page)
	for _, want := range []string{
		`<h2 id="send-confirm-h">Gửi báo cáo cho Văn phòng?</h2>`,
		`<li id="send-tasks">Nhiệm vụ 3 còn để trống: <a href="?#` + task + `.vs_same_period">So với cùng kỳ</a>; <a href="?#` + task + `.obstacles">Khó khăn, vướng mắc</a>; ` +
			`<a href="?#` + task + `.recommendations">Kiến nghị, đề xuất</a>; <a href="?#` + task + `.next_steps">Nhiệm vụ thời gian tới</a>.</li>`,
		`Đã nhập số liệu thực hiện của chỉ tiêu. Chưa có số liệu cùng kỳ năm trước: <a href="?#` + target + `.same">Nhiệm vụ 3, chỉ tiêu “Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia”</a>.`,
	} {
		if !strings.Contains(dialog, want) {
			t.Errorf("the confirmation lacks %q:\n%s", want, dialog)
		}
	}
	if strings.Contains(dialog, "<ul><li>") {
		t.Errorf("one task's gaps are a list of one:\n%s", dialog)
	}
	// Each link goes to a field of the form under the dialog.
	for _, m := range regexp.MustCompile(`href="\?#([^"]+)"`).FindAllStringSubmatch(dialog, -1) {
		if !strings.Contains(page, `id="`+m[1]+`"`) {
			t.Errorf("the confirmation links to #%s, which the page does not have", m[1])
		}
	}
	if code, loc, body := read(x.post(c, path, confirmationForm(t, page, path, "send"))); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=submitted") {
		t.Fatalf("send: %d %s\n%s", code, loc, body)
	}
	office := mustUser(t, x, "vanphong")
	if _, err := x.st.ActOnReport(context.Background(), store.Actor{UserID: office.ID}, office, r.ID, x.a.ID,
		store.ActRequest{Action: tiendo.ReportReturn, Version: x.reportOf(x.a, r).Version, Comment: "Bổ sung số liệu cùng kỳ."}); err != nil {
		t.Fatal(err)
	}
	_, _, page = read(x.post(c, path, schoolsForm(r, x.reportOf(x.a, r).Version, "submit", "2", "Đã xây 2 trường.")))
	if dialog := sendDialog.FindString(page); !strings.Contains(dialog, `<h2 id="send-confirm-h">Gửi lại báo cáo cho Văn phòng?</h2>`) {
		t.Errorf("the confirmation of a returned report does not say “gửi lại”:\n%s", dialog)
	}
}
