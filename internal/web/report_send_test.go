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

// sendConfirmed sends the report form as a person who means it does:
// "Gửi báo cáo", which saves the draft and asks to confirm, then the
// confirmation's "Gửi báo cáo", which posts the form as the confirmation
// page holds it. It returns what the second post answered, or the first
// when that did not ask to confirm (a refusal), for the caller to check.
func (x *app) sendConfirmed(c *http.Client, path string, form url.Values) (int, string, string) {
	x.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = append([]string(nil), v...)
	}
	f.Set("op", "submit")
	code, loc, body := read(x.post(c, path, f))
	if code != http.StatusOK || !strings.Contains(body, `<dialog id="send-confirm" open`) {
		return code, loc, body
	}
	return read(x.post(c, path, confirmationForm(x.t, body, path, "send")))
}

// reviewConfirmed sends the report for the unit head's review as a
// reporter who means it does: "Trình lãnh đạo đơn vị duyệt" with form,
// which saves the draft and asks to confirm, then the confirmation's
// "Trình lãnh đạo duyệt", which posts the form as the confirmation page
// holds it. It returns what the second post answered, or the first when
// that did not ask to confirm (a refusal), for the caller to check.
func (x *app) reviewConfirmed(c *http.Client, path string, form url.Values) (int, string, string) {
	x.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = append([]string(nil), v...)
	}
	f.Set("op", "review")
	code, loc, body := read(x.post(c, path, f))
	if code != http.StatusOK || !strings.Contains(body, `<dialog id="send-confirm" open`) {
		return code, loc, body
	}
	return read(x.post(c, path, confirmationForm(x.t, body, path, "send_review")))
}

// approveConfirmed approves the report on the unit head's page as a head
// who means it does: "Duyệt và gửi Văn phòng" with form (the decision
// form's fields), which asks to confirm, then the confirmation's "Duyệt và
// gửi", which posts the decision form as the confirmation page holds it. It
// returns what the second post answered, or the first when that did not
// ask to confirm (a refusal), for the caller to check.
func (x *app) approveConfirmed(c *http.Client, path string, form url.Values) (int, string, string) {
	x.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = append([]string(nil), v...)
	}
	f.Set("op", "approve")
	code, loc, body := read(x.post(c, path, f))
	if code != http.StatusOK || !strings.Contains(body, `<dialog id="send-confirm" open`) {
		return code, loc, body
	}
	return read(x.post(c, path, confirmationForm(x.t, body, path, "approve_send")))
}

// confirmationForm is what a browser posts from a report page that asks to
// confirm sending when the person presses the dialog's button op ("send",
// "edit"; the unit head's "approve_send", "approve_back"): the form (the
// report form, or the head's decision form: the last form posting to path),
// the dialog's hidden fields that belong to it and the button.
func confirmationForm(t *testing.T, page, path, op string) url.Values {
	t.Helper()
	f := browserForm(t, page, path)
	for _, m := range dialogHidden.FindAllStringSubmatch(page, -1) {
		f.Set(m[1], m[2])
	}
	f.Set("op", op)
	return f
}

// dialogHidden is a hidden field of the confirmation that belongs to the
// report form (or the unit head's decision form).
var dialogHidden = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)" form="(?:report|decision)-form">`)

// sendApp is newApp with a round whose deadline has passed: unit a (pnv)
// leads task 1, with two targets, and task 2, and supports task 9, which
// unit b leads.
func sendApp(t *testing.T) (*app, *tiendo.Round) {
	t.Helper()
	x := newApp(t)
	r := &tiendo.Round{Title: "Báo cáo quý II", Status: tiendo.RoundOpen, Deadline: time.Now().Add(-2 * time.Hour),
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Phát triển giáo dục", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{
					{Text: "02 trường đạt chuẩn quốc gia", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"},
					{Text: "tỷ lệ huy động trẻ ra lớp đạt 95% trở lên", Comparator: tiendo.AtLeast, Value: 95, Unit: "%"},
				}},
			{Label: "2", Text: "Cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}},
			{Label: "9", Text: "Bảo đảm an ninh trật tự", Assignees: []tiendo.Assignee{{UnitID: x.b.ID, Role: tiendo.Lead}, {UnitID: x.a.ID, Role: tiendo.Support}}},
		}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return x, r
}

// The deadline passes while the confirmation is open: the report, promised
// "đúng hạn", is not sent late without a word. The confirmation comes again
// and says the report would now count as late; confirmed once more, it is
// sent, late.
func TestSendConfirmedAcrossTheDeadline(t *testing.T) {
	t.Parallel()
	x, r := sendApp(t)
	deadline := time.Now().Add(time.Hour).Truncate(time.Minute)
	if err := x.st.ExtendDeadline(context.Background(), store.Actor{}, &tiendo.User{Role: tiendo.RoleOffice}, r.ID, deadline, ""); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	now := deadline.Add(-10 * time.Second)
	x.st.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	c := x.login("pnv")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	t1, t2 := itoa(r.Tasks[0].ID), itoa(r.Tasks[1].ID)
	form := url.Values{"version": {"0"}, "op": {"submit"},
		"t" + t1 + ".status": {"on_track"}, "t" + t1 + ".result_vs_plan": {"Đã công nhận 2 trường."},
		"g" + itoa(r.Tasks[0].Targets[0].ID) + ".value": {"2"}, "g" + itoa(r.Tasks[0].Targets[1].ID) + ".value": {"96%"},
		"t" + t2 + ".status": {"behind"}, "t" + t2 + ".result_vs_plan": {"Đang rà soát thủ tục."}}
	code, _, page := read(x.post(c, path, form))
	if code != http.StatusOK || !strings.Contains(page, "Gửi lúc này là đúng hạn") {
		t.Fatalf("Gửi báo cáo ten seconds before the deadline: %d, want the confirmation saying on time", code)
	}
	mu.Lock()
	now = deadline.Add(10 * time.Second)
	mu.Unlock()
	code, _, page = read(x.post(c, path, confirmationForm(t, page, path, "send")))
	if code != http.StatusOK || !strings.Contains(page, `id="send-turned-late"><strong>Đã quá hạn trong lúc chờ xác nhận</strong>`) ||
		!strings.Contains(page, "Gửi lúc này là quá hạn") {
		t.Fatalf("confirming after the deadline: %d, want the confirmation again, saying it is now late", code)
	}
	if rep, err := x.st.Report(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, r.ID, x.a.ID); err != nil || rep.Status != tiendo.ReportDraft {
		t.Fatalf("the report after the late confirmation: %v, %v; want still a draft", rep.Status, err)
	}
	code, loc, _ := read(x.post(c, path, confirmationForm(t, page, path, "send")))
	rep, err := x.st.Report(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, r.ID, x.a.ID)
	if code != http.StatusSeeOther || !strings.Contains(loc, "ok=submitted") || err != nil || rep.Status != tiendo.ReportSubmitted || !rep.Late {
		t.Errorf("confirmed again: %d %q, report %+v (%v); want it sent, late", code, loc, rep, err)
	}
}

// Without JavaScript, "Gửi báo cáo" saves the draft and answers with the
// page asking to confirm: that the unit can no longer change the report
// once sent, what the report leaves empty, and that it will count as late.
// "Quay lại sửa" goes back to the form without saving again; a form changed
// under the confirmation is saved and confirmed again, not sent; the
// confirmation's "Gửi báo cáo" sends the report. Before, the first click
// sent it.
func TestSubmitAsksFirstWithoutJavaScript(t *testing.T) {
	t.Parallel()
	x, r := sendApp(t)
	c := x.login("pnv")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	t1, t2, t9 := itoa(r.Tasks[0].ID), itoa(r.Tasks[1].ID), itoa(r.Tasks[2].ID)
	schools, rate := "g"+itoa(r.Tasks[0].Targets[0].ID), "g"+itoa(r.Tasks[0].Targets[1].ID)
	form := url.Values{"version": {"0"}, "op": {"submit"}, "at": {"t" + t2 + ".result_vs_plan"},
		"t" + t1 + ".status": {"on_track"}, "t" + t1 + ".result_vs_plan": {"Đã công nhận 2 trường."}, "t" + t1 + ".vs_same_period": {"Tăng 1 trường."},
		"t" + t1 + ".obstacles": {"Thiếu kinh phí."}, "t" + t1 + ".recommendations": {"Bổ sung kinh phí."}, "t" + t1 + ".next_steps": {"Xây thêm phòng học."},
		schools + ".value": {"2"}, schools + ".same": {"1"}, rate + ".value": {"96%"},
		"t" + t2 + ".status": {"behind"}, "t" + t2 + ".result_vs_plan": {"Đang rà soát thủ tục."}}
	code, _, page := read(x.post(c, path, form))
	if code != http.StatusOK {
		t.Fatalf("Gửi báo cáo: %d, want 200 asking to confirm\n%s", code, page)
	}
	dialog := regexp.MustCompile(`(?s)<dialog id="send-confirm" open.*?</dialog>`).FindString(page)
	for _, want := range []string{
		`aria-labelledby="send-confirm-h"`, `data-back="t` + t2 + `.result_vs_plan"`,
		`<h2 id="send-confirm-h">Gửi báo cáo cho Văn phòng?</h2>`,
		"Sau khi gửi, đơn vị không sửa được nữa, trừ khi Văn phòng trả lại.",
		"Bản nháp đã được lưu lúc ",
		"Đã viết đủ các mục ở 1 trong 2 nhiệm vụ. Còn để trống:\n<ul><li>Nhiệm vụ 2: <a href=\"?#t" + t2 + ".vs_same_period\">So với cùng kỳ</a>; <a href=\"?#t" + t2 + ".obstacles\">Khó khăn, vướng mắc</a>; " +
			"<a href=\"?#t" + t2 + ".recommendations\">Kiến nghị, đề xuất</a>; <a href=\"?#t" + t2 + ".next_steps\">Nhiệm vụ thời gian tới</a></li></ul>",
		"Đã nhập số liệu thực hiện cho cả 2 chỉ tiêu. Chưa có số liệu cùng kỳ năm trước: <a href=\"?#" + rate + ".same\">Nhiệm vụ 1, chỉ tiêu “tỷ lệ huy động trẻ ra lớp đạt 95% trở lên”</a>.",
		"Chưa viết nội dung phối hợp: <a href=\"?#c" + t9 + ".text\">Nhiệm vụ 9</a>.",
		"Không có tệp đính kèm.",
		"<strong>Gửi lúc này là quá hạn</strong> (hạn gửi ",
		`<button type="submit" form="report-form" name="op" value="edit" class="secondary" id="send-back" formnovalidate autofocus>Quay lại sửa</button>`,
		`<button type="submit" form="report-form" name="op" value="send" id="send-go">Gửi báo cáo</button>`,
	} {
		if !strings.Contains(dialog, want) {
			t.Errorf("the confirmation lacks %q:\n%s", want, dialog)
		}
	}
	if strings.Contains(dialog, `name="confirm"`) {
		t.Errorf("the confirmation carries a confirmation of unusual values nobody gave")
	}
	rep := x.reportOf(x.a, r)
	if rep.Status != tiendo.ReportDraft || rep.Sections[1].ResultVsPlan != "Đang rà soát thủ tục." || !rep.SubmittedAt.IsZero() {
		t.Fatalf("after the first click the report is %s with %q: want a draft holding what was typed", rep.Status, rep.Sections[1].ResultVsPlan)
	}
	saved := rep.Version
	// The form under the confirmation holds what was typed.
	if !strings.Contains(page, `>Đang rà soát thủ tục.</textarea>`) || !strings.Contains(page, `name="version" value="`+itoa(int64(saved))+`"`) {
		t.Errorf("the form under the confirmation does not hold the saved draft")
	}

	// "Quay lại sửa": back to the form, at the field, nothing saved again.
	if code, loc, body := read(x.post(c, path, confirmationForm(t, page, path, "edit"))); code != http.StatusSeeOther || !strings.HasSuffix(loc, path+"#t"+t2+".result_vs_plan") {
		t.Errorf("Quay lại sửa: %d to %q, want back to the field\n%s", code, loc, body)
	}
	if got := x.reportOf(x.a, r); got.Version != saved || got.Status != tiendo.ReportDraft {
		t.Errorf("Quay lại sửa left the report %s at version %d, want a draft at %d", got.Status, got.Version, saved)
	}

	// Changed under the confirmation: saved, asked again, not sent.
	changed := confirmationForm(t, page, path, "send")
	changed.Set("c"+t9+".text", "Phối hợp tuyên truyền.")
	code, _, again := read(x.post(c, path, changed))
	if code != http.StatusOK || !strings.Contains(again, "Báo cáo đã được sửa sau khi đồng chí xác nhận gửi; bản sửa đã được lưu vào bản nháp nhưng chưa gửi.") ||
		strings.Contains(again, "Chưa viết nội dung phối hợp") {
		t.Errorf("a form changed under the confirmation: %d, want the confirmation again, without the gap filled\n%s", code, again)
	}
	if got := x.reportOf(x.a, r); got.Status != tiendo.ReportDraft || got.Contributions[0].Text != "Phối hợp tuyên truyền." {
		t.Errorf("after the changed form the report is %s with %q, want a draft with the change", got.Status, got.Contributions[0].Text)
	}

	// The confirmation's "Gửi báo cáo" sends it.
	if code, loc, body := read(x.post(c, path, confirmationForm(t, again, path, "send"))); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=submitted") {
		t.Fatalf("Gửi báo cáo in the confirmation: %d %s\n%s", code, loc, body)
	}
	got := x.reportOf(x.a, r)
	if got.Status != tiendo.ReportSubmitted || !got.Late || got.Contributions[0].Text != "Phối hợp tuyên truyền." {
		t.Errorf("sent: %s late %v with %q, want submitted, late, with the change", got.Status, got.Late, got.Contributions[0].Text)
	}
	// Sent twice (a second tab), it is not sent again: the answer is the
	// report as sent (TestResubmitShowsTheReportSent).
	if code, loc, _ := read(x.post(c, path, confirmationForm(t, again, path, "send"))); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=sent_before") {
		t.Errorf("the confirmation's button again: %d to %q, want 303 to the report as sent", code, loc)
	}
	revs, err := x.st.Revisions(context.Background(), mustUser(t, x, "vanphong"), r.ID, x.a.ID)
	if err != nil || len(revs) != 1 {
		t.Errorf("revisions: %d %v, want one", len(revs), err)
	}
}

// Unusual values confirmed before sending stay confirmed through the
// confirmation, which says how many there are; the send carries them.
func TestSubmitConfirmationCarriesUnusualValues(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, false)
	c := x.login("pnv")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	f := schoolsForm(r, 0, "submit", "25", "Đã xây 25 trường.")
	f.Set("confirm", "on")
	code, _, page := read(x.post(c, path, f))
	if code != http.StatusOK || !strings.Contains(page, "<li>1 số liệu khác thường đã được xác nhận là đúng.</li>") ||
		!strings.Contains(page, "Gửi lúc này là đúng hạn (hạn gửi ") {
		t.Fatalf("confirmed unusual value: %d, want the confirmation saying so\n%s", code, page)
	}
	if code, loc, body := read(x.post(c, path, confirmationForm(t, page, path, "send"))); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=submitted") {
		t.Errorf("send: %d %s\n%s", code, loc, body)
	}
}

// The API's submit is for programs: it sends at once, as before.
func TestAPISubmitDoesNotAskToConfirm(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, false)
	if code, _, _ := read(x.post(x.login("pnv"), "/rounds/"+itoa(r.ID)+"/reports/pnv", schoolsForm(r, 0, "save", "2", "Đã xây 2 trường."))); code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	tok := apiToken(t, x.srv.URL, "pnv")
	req, _ := http.NewRequest("POST", x.srv.URL+"/api/v1/rounds/"+itoa(r.ID)+"/reports/pnv/submit", strings.NewReader(`{"version":1}`))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || x.reportOf(x.a, r).Status != tiendo.ReportSubmitted {
		t.Errorf("API submit: %d, report %s; want 200 and submitted", resp.StatusCode, x.reportOf(x.a, r).Status)
	}
}

// mustUser is the user named username.
func mustUser(t *testing.T, x *app, username string) *tiendo.User {
	t.Helper()
	u, err := x.st.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// A returned report says why on the unit's home, on its round's card, and
// at the top of the report: the reason, who returned it and when; the unit
// head's return the same way. Before, the card said only "Trả lại" and the
// report gave the reason without who or when.
func TestReturnedReportSaysWhyOnTheHome(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, true)
	ctx := context.Background()
	office := mustUser(t, x, "vanphong")
	office.FullName = "Lê Thị Lan"
	if err := x.st.UpdateUser(ctx, store.Actor{}, office); err != nil {
		t.Fatal(err)
	}
	head := mustUser(t, x, "truongphong")
	head.FullName = "Trần Văn Bình"
	if err := x.st.UpdateUser(ctx, store.Actor{}, head); err != nil {
		t.Fatal(err)
	}
	// when is the time of the last return, as the pages write it.
	when := func() string {
		t.Helper()
		rets, err := x.st.Returns(ctx, mustUser(t, x, "pnv"), r.ID, x.a.ID)
		if err != nil || len(rets) == 0 {
			t.Fatalf("returns: %v %v", rets, err)
		}
		return rets[len(rets)-1].At.In(tiendo.Zone).Format("15:04 02/01/2006")
	}
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	rep, headC := x.login("pnv"), x.login("truongphong")
	if code, _, body := x.reviewConfirmed(rep, path, schoolsForm(r, 0, "review", "2", "Đã xây 2 trường.")); code != http.StatusSeeOther {
		t.Fatalf("send for review: %d\n%s", code, body)
	}
	reason := "Ghi rõ tên 2 trường."
	if code, _, _ := read(x.post(headC, path, url.Values{"version": {itoa(int64(x.reportOf(x.a, r).Version))}, "op": {"head_return"}, "comment": {reason}})); code != http.StatusSeeOther {
		t.Fatalf("head return: %d", code)
	}
	card := func() string {
		t.Helper()
		_, home := x.get(rep, "/")
		m := regexp.MustCompile(`(?s)<article class="round-card">.*?</article>`).FindAllString(home, -1)
		for _, a := range m {
			if strings.Contains(a, r.Title) {
				return a
			}
		}
		t.Fatalf("no card for %q on the home page:\n%s", r.Title, home)
		return ""
	}
	want := `<div class="alert" id="return-` + itoa(r.ID) + `"><p><strong>Lãnh đạo đơn vị trả lại để sửa</strong> (Trần Văn Bình, lúc ` + when() + `). Lý do:</p>
  <p class="return-comment">` + reason + `</p></div>`
	if got := card(); !strings.Contains(got, want) {
		t.Errorf("the card of a report the head returned lacks\n%s\nin\n%s", want, got)
	}

	// Sent on, approved, returned by the office.
	if code, _, body := x.reviewConfirmed(rep, path, schoolsForm(r, x.reportOf(x.a, r).Version, "review", "2", "Đã xây 2 trường Kim Đồng và Lê Lợi.")); code != http.StatusSeeOther {
		t.Fatalf("send for review again: %d\n%s", code, body)
	}
	if code, _, body := x.approveConfirmed(headC, path, url.Values{"version": {itoa(int64(x.reportOf(x.a, r).Version))}, "op": {"approve"}}); code != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", code, body)
	}
	if got := card(); strings.Contains(got, "Lý do:") {
		t.Errorf("the card of a sent report still gives a reason:\n%s", got)
	}
	returned := "Đề nghị bổ sung:\n- hình ảnh công trình;\n- biên bản công nhận."
	if _, err := x.st.ActOnReport(ctx, store.Actor{UserID: office.ID}, office, r.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: x.reportOf(x.a, r).Version, Comment: returned}); err != nil {
		t.Fatal(err)
	}
	want = `<div class="alert" id="return-` + itoa(r.ID) + `"><p><strong>Văn phòng trả lại để bổ sung</strong> (Lê Thị Lan, lúc ` + when() + `). Lý do:</p>
  <p class="return-comment">` + returned + `</p></div>`
	if got := card(); !strings.Contains(got, want) || !strings.Contains(got, ">Sửa và gửi lại</a>") {
		t.Errorf("the card of a report the office returned lacks\n%s\nin\n%s", want, got)
	}
	_, page := x.get(rep, path)
	top := `<div class="alert" role="alert" id="office-return"><p><strong>Văn phòng trả lại để bổ sung</strong> (Lê Thị Lan, lúc ` + when() + `). Lý do:</p>
<p class="return-comment">` + returned + `</p></div>`
	if !strings.Contains(page, top) {
		t.Errorf("the report does not say at its top who returned it, when and why:\n%s", top)
	}
	if i, j := strings.Index(page, `id="office-return"`), strings.Index(page, `id="report-form"`); i < 0 || j < 0 || i > j {
		t.Errorf("the office's reason is not above the form")
	}
}

// A submission the unit head approves shows, on the revisions page and the
// submission's own, the reporter who wrote and sent it for review as its
// sender and the head as its approver. Before, the head was its sender.
func TestRevisionsNameWriterAndApprover(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, true)
	ctx := context.Background()
	hoa := &tiendo.User{Username: "hoa", FullName: "Nguyễn Thị Hoa", Role: tiendo.RoleReporter, UnitID: x.a.ID}
	if err := x.st.CreateUser(ctx, store.Actor{}, hoa, pw); err != nil {
		t.Fatal(err)
	}
	head := mustUser(t, x, "truongphong")
	head.FullName = "Trần Văn Bình"
	if err := x.st.UpdateUser(ctx, store.Actor{}, head); err != nil {
		t.Fatal(err)
	}
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	if code, _, body := x.reviewConfirmed(x.login("hoa"), path, schoolsForm(r, 0, "review", "2", "Đã xây 2 trường.")); code != http.StatusSeeOther {
		t.Fatalf("send for review: %d\n%s", code, body)
	}
	if code, _, body := x.approveConfirmed(x.login("truongphong"), path, url.Values{"version": {itoa(int64(x.reportOf(x.a, r).Version))}, "op": {"approve"}}); code != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", code, body)
	}
	office := x.login("vanphong")
	_, list := x.get(office, path+"/revisions")
	row := regexp.MustCompile(`(?s)<td data-label="Người gửi">.*?</td>`).FindString(list)
	if want := `<td data-label="Người gửi"><span title="Tài khoản: hoa">Nguyễn Thị Hoa</span><br><small class="muted approver">Lãnh đạo đơn vị duyệt: <span title="Tài khoản: truongphong">Trần Văn Bình</span></small></td>`; row != want {
		t.Errorf("the revisions page names\n%s\nwant\n%s", row, want)
	}
	_, one := x.get(office, path+"/revisions/1")
	for _, want := range []string{
		`<dt>Người gửi</dt><dd>Nguyễn Thị Hoa <small class="muted">(tài khoản hoa)</small></dd>`,
		`<dt>Lãnh đạo đơn vị duyệt</dt><dd>Trần Văn Bình <small class="muted">(tài khoản truongphong)</small></dd>`,
	} {
		if !strings.Contains(one, want) {
			t.Errorf("the submission's page lacks %s", want)
		}
	}
}

// "Gửi báo cáo" posted again once the report is sent (the confirmation
// page reloaded, which re-posts its form; a second tab) is no failure: it
// answers, with a redirect that Back and reload get rather than post
// again, with the report as sent and when it was sent. Before, the page
// said "Không thực hiện được — Báo cáo không sửa được lúc này".
func TestResubmitShowsTheReportSent(t *testing.T) {
	t.Parallel()
	x, r := sendApp(t)
	c := x.login("pnv")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	t1, t2 := itoa(r.Tasks[0].ID), itoa(r.Tasks[1].ID)
	schools, rate := "g"+itoa(r.Tasks[0].Targets[0].ID), "g"+itoa(r.Tasks[0].Targets[1].ID)
	form := url.Values{"version": {"0"}, "op": {"submit"}, "t" + t1 + ".status": {"on_track"}, "t" + t1 + ".result_vs_plan": {"Đã công nhận 2 trường."},
		schools + ".value": {"2"}, rate + ".value": {"96%"},
		"t" + t2 + ".status": {"behind"}, "t" + t2 + ".result_vs_plan": {"Đang rà soát thủ tục."}}
	code, _, asking := read(x.post(c, path, form))
	if code != http.StatusOK || !strings.Contains(asking, `<dialog id="send-confirm" open`) {
		t.Fatalf("Gửi báo cáo: %d, want 200 asking to confirm\n%s", code, grep(asking, "alert"))
	}
	if code, loc, body := read(x.post(c, path, confirmationForm(t, asking, path, "send"))); code != http.StatusSeeOther || !strings.HasSuffix(loc, path+"?ok=submitted") {
		t.Fatalf("the confirmation's Gửi báo cáo: %d to %q, want 303 to the report\n%s", code, loc, body)
	}
	sent := x.reportOf(x.a, r)
	if sent.Status != tiendo.ReportSubmitted {
		t.Fatalf("the report is %s, want submitted", sent.Status)
	}
	if code, body := x.get(c, path+"?ok=submitted"); code != http.StatusOK || !strings.Contains(body, "Đã gửi báo cáo đến Văn phòng. Cảm ơn!") {
		t.Errorf("the page after sending: %d, without the thanks", code)
	}

	want := "Báo cáo đã được gửi lúc " + sent.SubmittedAt.In(tiendo.Zone).Format("15:04 02/01/2006") + " nên không cần gửi lại."
	for _, again := range []struct {
		name string
		form url.Values
	}{
		{"the confirmation page reloaded", form},
		{"the confirmation's Gửi báo cáo again", confirmationForm(t, asking, path, "send")},
		{"the confirmation's Quay lại sửa", confirmationForm(t, asking, path, "edit")},
	} {
		code, loc, body := read(x.post(c, path, again.form))
		if code != http.StatusSeeOther || loc != path+"?ok=sent_before" {
			t.Errorf("%s: %d to %q, want 303 to the report as sent\n%s", again.name, code, loc, grep(body, "alert"))
			continue
		}
		code, page := x.get(c, loc)
		if code != http.StatusOK || !strings.Contains(page, want) || strings.Contains(page, "Không thực hiện được") {
			t.Errorf("%s: %d, want the report saying %q\n%s", again.name, code, want, grep(page, "notice"))
		}
	}
	if got := x.reportOf(x.a, r); got.Version != sent.Version || got.Status != tiendo.ReportSubmitted {
		t.Errorf("after the posts again the report is %s at version %d, want as sent (%d)", got.Status, got.Version, sent.Version)
	}
}
