package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// reportOf reads unit's report as the office would.
func (x *app) reportOf(unit *tiendo.Unit, round *tiendo.Round) *tiendo.UnitReport {
	x.t.Helper()
	office, err := x.st.UserByUsername(context.Background(), "vanphong")
	if err != nil {
		x.t.Fatal(err)
	}
	rep, err := x.st.Report(context.Background(), office, round.ID, unit.ID)
	if err != nil {
		x.t.Fatal(err)
	}
	return rep
}

// uploadReport posts fields and a file as the report page's "Đính kèm" button
// does: the form's fields first, the file last.
func (x *app) uploadReport(c *http.Client, path string, fields url.Values, name string, data []byte) (int, string, string) {
	x.t.Helper()
	body, ct := multipartForm(fields, name, data)
	return read(x.postBody(c, path, ct, body))
}

func read(resp *http.Response) (int, string, string) {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// "Lưu nháp" with one number that cannot be read saves everything else,
// keeps the typed number in its field with the reason, names the field to
// fix, and keeps the number stored before. Sending is still refused.
func TestDraftSavesAllButAnUnreadableNumber(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("cah")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/cah"
	task, target := x.round.Tasks[1], x.round.Tasks[1].Targets[0]
	narrative, value, status := "t"+itoa(task.ID)+".result_vs_plan", "g"+itoa(target.ID)+".value", "t"+itoa(task.ID)+".status"
	code, _, _ := read(x.post(c, path, url.Values{"version": {"0"}, "op": {"save"}, value: {"7"}}))
	if code != http.StatusSeeOther {
		t.Fatalf("first save: %d", code)
	}

	code, _, body := read(x.post(c, path, url.Values{"version": {"1"}, "op": {"save"}, narrative: {"Đã triển khai cao điểm tấn công trấn áp tội phạm."},
		status: {"on_track"}, value: {"12.5.6"}}))
	if code != http.StatusUnprocessableEntity {
		t.Errorf("save with an unreadable number: %d, want 422", code)
	}
	for _, want := range []string{`value="12.5.6"`, "Đã lưu bản nháp, trừ 1 ô số liệu chưa hợp lệ", `href="#` + value + `"`,
		"Nhiệm vụ 2, chỉ tiêu “giảm 5% trở lên”: ô “Thực hiện”", ">Đã triển khai cao điểm tấn công trấn áp tội phạm.</textarea>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page after a partial save lacks %q", want)
		}
	}
	if !regexp.MustCompile(`(?s)name="` + regexp.QuoteMeta(value) + `"[^>]*aria-invalid="true".*?class="field-error"`).MatchString(body) {
		t.Errorf("the unreadable field is not marked with its error beside it")
	}
	if strings.Contains(body, `class="count"`) {
		t.Errorf("the page's notification count shows something: cah has no notifications")
	}
	if !strings.Contains(body, `name="version" value="2"`) {
		t.Errorf("the page does not carry the saved version 2: the next save would conflict")
	}
	rep := x.reportOf(x.b, x.round)
	sec := rep.Sections[0]
	if rep.Version != 2 || sec.ResultVsPlan != "Đã triển khai cao điểm tấn công trấn áp tội phạm." || sec.Status != "on_track" {
		t.Errorf("stored after a partial save: v%d %q %q, want the narrative and status saved", rep.Version, sec.ResultVsPlan, sec.Status)
	}
	if v := sec.Actuals[0].Value; v == nil || *v != 7 {
		t.Errorf("stored value after a partial save = %v, want the 7 saved before kept", v)
	}
	// Coming back later, the field still holds what was typed.
	_, page := x.get(c, path)
	if !strings.Contains(page, `value="12.5.6"`) {
		t.Errorf("the unread number is lost when the page is opened again")
	}

	// Sending with it is refused; the rest is kept as a draft.
	code, _, body = read(x.post(c, path, url.Values{"version": {"2"}, "op": {"submit"}, narrative: {"Bản sửa lần hai."}, status: {"on_track"}, value: {"12.5.6"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Báo cáo chưa được gửi") {
		t.Errorf("submit with an unreadable number: %d, want 422 saying it was not sent", code)
	}
	rep = x.reportOf(x.b, x.round)
	if rep.Status != tiendo.ReportDraft || rep.Sections[0].ResultVsPlan != "Bản sửa lần hai." {
		t.Errorf("after the refused submit: %s %q, want a draft with the new text", rep.Status, rep.Sections[0].ResultVsPlan)
	}
}

// headApp is newApp with a round that asks for the unit head's approval and
// a head of unit a.
func headApp(t *testing.T) (*app, *tiendo.Round) {
	t.Helper()
	x := newApp(t)
	ctx := context.Background()
	if err := x.st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "truongphong", Role: tiendo.RoleUnitHead, UnitID: x.a.ID}, pw); err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Báo cáo cần lãnh đạo duyệt", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour), HeadApproval: true,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Rà soát thủ tục hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return x, r
}

// The unit head must give a reason to return a report; the reporter sees
// it on the report page and in the notification, until the report is sent
// on again.
func TestHeadReturnReasonReachesTheReporter(t *testing.T) {
	t.Parallel()
	x, r := headApp(t)
	task := r.Tasks[0].ID
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	rep, head := x.login("pnv"), x.login("truongphong")
	form := url.Values{"t" + itoa(task) + ".status": {"on_track"}, "t" + itoa(task) + ".result_vs_plan": {"Đã rà soát 120 thủ tục."}}
	send := func(version int, op string) {
		t.Helper()
		f := url.Values{"version": {itoa(int64(version))}, "op": {op}}
		for k, v := range form {
			f[k] = v
		}
		post := func() (int, string, string) { return read(x.post(rep, path, f)) }
		if op == "review" {
			post = func() (int, string, string) { return x.reviewConfirmed(rep, path, f) }
		}
		if code, _, body := post(); code != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", op, code, body)
		}
	}
	send(0, "review")
	if _, home := x.get(head, "/"); !strings.Contains(home, ">Duyệt báo cáo</a>") {
		t.Errorf("the head's home page does not ask to review the waiting report")
	}

	version := itoa(int64(x.reportOf(x.a, r).Version))
	code, _, body := read(x.post(head, path, url.Values{"version": {version}, "op": {"head_return"}, "comment": {"  "}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Hãy ghi lý do trả lại") || !strings.Contains(body, `aria-invalid="true" aria-describedby="comment-err">`) || !strings.Contains(body, `<small class="field-error" id="comment-err">Hãy ghi lý do trả lại.</small>`) {
		t.Errorf("head return without a reason: %d, want 422 with the reason field marked", code)
	}
	if got := x.reportOf(x.a, r).Status; got != tiendo.ReportReview {
		t.Errorf("the refused return moved the report to %s", got)
	}
	reason := "Bổ sung số liệu thủ tục đã cắt giảm trong quý."
	if code, _, _ := read(x.post(head, path, url.Values{"version": {version}, "op": {"head_return"}, "comment": {reason}})); code != http.StatusSeeOther {
		t.Fatalf("head return: %d", code)
	}
	// From a second tab, on the report as it was: refused, and the reason
	// typed there is given back, not lost with the form the page no
	// longer shows.
	again := "Ghi rõ số thủ tục của từng lĩnh vực."
	code, _, body = read(x.post(head, path, url.Values{"version": {version}, "op": {"head_return"}, "comment": {again}}))
	if code != http.StatusConflict || !strings.Contains(body, "Ý kiến đồng chí đã viết (chưa được lưu): “"+again+"”.") {
		t.Errorf("a second return on the old version: %d, want 409 giving back the reason typed", code)
	}

	_, page := x.get(rep, path)
	if !strings.Contains(page, "Lãnh đạo đơn vị trả lại để sửa</strong>") || !strings.Contains(page, `<p class="return-comment">`+reason+`</p>`) {
		t.Errorf("the reporter's page does not show the head's reason")
	}
	if _, notes := x.get(rep, "/notifications"); !strings.Contains(notes, "Lý do: "+reason) {
		t.Errorf("the reporter's notification does not carry the reason")
	}
	// The reporter's home page and the round's page say the head sent it
	// back, not that it is a draft like any other.
	const headReturned = `<span class="badge badge-returned">Lãnh đạo đơn vị trả lại</span>`
	if _, home := x.get(rep, "/"); !strings.Contains(home, headReturned) || !strings.Contains(home, ">Sửa theo ý kiến lãnh đạo</a>") || strings.Contains(home, "Đang soạn") {
		t.Errorf("the reporter's home page does not show the head's return:\n%s", home)
	}
	if _, round := x.get(rep, "/rounds/"+itoa(r.ID)); !strings.Contains(round, headReturned) {
		t.Errorf("the round page does not show the head's return")
	}
	if !strings.Contains(page, "Trạng thái: "+headReturned) {
		t.Errorf("the report page's state line does not show the head's return")
	}
	// Saving keeps it in view, as a returned report keeps the office's;
	// sending the report on again ends it.
	v := x.reportOf(x.a, r).Version
	send(v, "save")
	if _, page := x.get(rep, path); !strings.Contains(page, reason) {
		t.Errorf("the reason went away on a save, before the report was sent again")
	}
	send(v+1, "review")
	if _, page := x.get(rep, path); strings.Contains(page, reason) {
		t.Errorf("the reason still shows after the report was sent for review again")
	}
	if _, home := x.get(rep, "/"); strings.Contains(home, headReturned) {
		t.Errorf("the home page still shows the head's return after the report was sent for review again")
	}
}

// A refused file comes back on the report page, beside the upload field,
// with the text typed before it saved; a good one saves the text too.
func TestUploadKeepsTheFormAndAnswersOnThePage(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	field := "t" + itoa(x.round.Tasks[0].ID) + ".result_vs_plan"

	code, _, body := x.uploadReport(c, path+"/attachments", url.Values{"version": {"0"}, field: {"Gõ trước khi đính kèm"}}, "trang.html", []byte("<p>x</p>"))
	if code != http.StatusUnprocessableEntity {
		t.Errorf("a refused type: %d, want 422", code)
	}
	if !strings.Contains(body, `id="report-form"`) || !regexp.MustCompile(`(?s)id="file"[^>]*aria-invalid="true".*?class="field-error"[^>]*>Tệp “trang.html” không được nhận`).MatchString(body) {
		t.Errorf("a refused file does not come back on the report page beside the upload field:\n%s", body)
	}
	if !strings.Contains(body, ">Gõ trước khi đính kèm</textarea>") {
		t.Errorf("the text typed before the upload is not in the form")
	}
	if got := x.reportOf(x.a, x.round).Sections[0].ResultVsPlan; got != "Gõ trước khi đính kèm" {
		t.Errorf("stored text after a refused upload = %q, want it saved", got)
	}

	pdf := []byte("%PDF-1.4 số liệu")
	code, loc, _ := x.uploadReport(c, path+"/attachments", url.Values{"version": {"1"}, field: {"Gõ thêm rồi đính kèm"}}, "bang.pdf", pdf)
	if code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=saved_attached") {
		t.Fatalf("upload: %d %s", code, loc)
	}
	rep := x.reportOf(x.a, x.round)
	if rep.Sections[0].ResultVsPlan != "Gõ thêm rồi đính kèm" || len(rep.Attachments) != 1 {
		t.Errorf("after the upload: %q with %d files, want the text saved and the file attached", rep.Sections[0].ResultVsPlan, len(rep.Attachments))
	}
	_, page := x.get(c, loc)
	for _, want := range []string{"Đã lưu bản nháp và đính kèm tệp.", `data-saved="1"`, ">Gõ thêm rồi đính kèm</textarea>", fmt.Sprintf("(%d byte)", len(pdf))} {
		if !strings.Contains(page, want) {
			t.Errorf("the page after the upload lacks %q", want)
		}
	}
	if strings.Contains(page, "0 KB") {
		t.Errorf("a %d-byte file shows as 0 KB", len(pdf))
	}

	// Over the limit: refused beside the field, the form still saved.
	big := bytes.Repeat([]byte("x"), store.MaxAttachment+1)
	code, _, body = x.uploadReport(c, path+"/attachments", url.Values{"version": {"2"}, field: {"Trước tệp quá lớn"}}, "lon.pdf", big)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "Tệp “lon.pdf” quá lớn: tối đa 10 MB") || !strings.Contains(body, `id="report-form"`) {
		t.Errorf("a file over the limit: %d, want 413 on the report page", code)
	}
	if got := x.reportOf(x.a, x.round).Sections[0].ResultVsPlan; got != "Trước tệp quá lớn" {
		t.Errorf("stored text after a file over the limit = %q, want it saved", got)
	}
}

// A unit takes a wrong file off its report while it can edit it, after a
// confirmation; the unit's typed text is saved with it.
func TestRemoveAttachmentFromThePage(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	u, _ := x.st.UserByUsername(ctx, "pnv")
	a, err := x.st.AddAttachment(ctx, store.Actor{}, u, x.round.ID, x.a.ID, "nham.pdf", []byte("%PDF-1.4 nhầm"))
	if err != nil {
		t.Fatal(err)
	}
	c := x.login("pnv")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	remove := path + "/attachments/" + itoa(a.ID) + "/delete"
	_, page := x.get(c, path)
	if !regexp.MustCompile(`(?s)<details class="remove"><summary>Gỡ tệp</summary>.*?formaction="` + regexp.QuoteMeta(remove) + `"`).MatchString(page) {
		t.Errorf("the page offers no confirmed removal of the file")
	}
	if code, _, _ := read(x.post(x.login("cah"), remove, url.Values{"version": {"1"}})); code != http.StatusForbidden && code != http.StatusNotFound {
		t.Errorf("another unit removes the file: %d, want refused", code)
	}
	field := "t" + itoa(x.round.Tasks[0].ID) + ".result_vs_plan"
	code, loc, _ := read(x.post(c, remove, url.Values{"version": {"1"}, field: {"Gõ trước khi gỡ tệp"}}))
	if code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=saved_removed") {
		t.Fatalf("remove: %d %s", code, loc)
	}
	rep := x.reportOf(x.a, x.round)
	if len(rep.Attachments) != 0 || rep.Sections[0].ResultVsPlan != "Gõ trước khi gỡ tệp" {
		t.Errorf("after the removal: %d files, text %q", len(rep.Attachments), rep.Sections[0].ResultVsPlan)
	}
	// Twice: the page says so beside the files, nothing is lost.
	code, _, body := read(x.post(c, remove, url.Values{"version": {itoa(int64(rep.Version))}, field: {"Gõ tiếp"}}))
	if code != http.StatusNotFound || !strings.Contains(body, `id="report-form"`) || !strings.Contains(body, "Không tìm thấy tệp đính kèm này") {
		t.Errorf("removing a removed file: %d, want 404 on the report page", code)
	}
}

// A round that asks for the unit head's approval warns, before it goes out,
// of the units with no head account; once out, a report waiting for a head
// can be taken back by the reporter, and a unit without a head is told why
// it cannot send for review instead of sending into the void.
func TestHeadApprovalWithoutAHead(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	draft := &tiendo.Round{Title: "Báo cáo cần lãnh đạo duyệt", Deadline: time.Now().Add(72 * time.Hour), HeadApproval: true,
		UnitIDs: []int64{x.a.ID, x.b.ID},
		Tasks:   []*tiendo.Task{{Label: "1", Text: "Rà soát thủ tục hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}, {UnitID: x.b.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, draft); err != nil {
		t.Fatal(err)
	}
	if err := x.st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "truongphong", Role: tiendo.RoleUnitHead, UnitID: x.a.ID}, pw); err != nil {
		t.Fatal(err)
	}
	office := x.login("vanphong")
	publish := "/rounds/" + itoa(draft.ID) + "/publish"
	code, _, body := read(x.post(office, publish, url.Values{}))
	if code != http.StatusOK || !strings.Contains(body, "1 đơn vị chưa có tài khoản lãnh đạo đơn vị") || !strings.Contains(body, "<li>"+x.b.Name+"</li>") || strings.Contains(body, "<li>"+x.a.Name+"</li>") {
		t.Fatalf("publishing with a unit lacking a head: %d, want the confirmation naming %s only\n%s", code, x.b.Name, body)
	}
	if x.storedRound(draft.ID).Status != tiendo.RoundDraft {
		t.Fatal("published before the office confirmed")
	}
	resp := x.post(office, publish, url.Values{"confirm": {"yes"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/rounds/"+itoa(draft.ID)+"?ok=published" {
		t.Fatalf("confirmed publish: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, page := x.get(office, resp.Header.Get("Location")); !strings.Contains(page, "Đã phát hành đợt báo cáo") {
		t.Errorf("the round page does not say it was published")
	}

	// The unit without a head is told why its report cannot go for review.
	task := draft.Tasks[0].ID
	form := func(version int, op string) url.Values {
		return url.Values{"version": {itoa(int64(version))}, "op": {op}, "t" + itoa(task) + ".status": {"on_track"}, "t" + itoa(task) + ".result_vs_plan": {"Đã rà soát."}}
	}
	code, _, body = read(x.post(x.login("cah"), "/rounds/"+itoa(draft.ID)+"/reports/cah", form(0, "review")))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "chưa có tài khoản lãnh đạo đơn vị") || !strings.Contains(body, "Bản nháp đã được lưu.") {
		t.Errorf("review with no head: %d, want 422 saying the unit has no head account\n%s", code, body)
	}

	// The unit with a head sends, then takes it back.
	rep, path := x.login("pnv"), "/rounds/"+itoa(draft.ID)+"/reports/pnv"
	if code, _, body := x.reviewConfirmed(rep, path, form(0, "review")); code != http.StatusSeeOther {
		t.Fatalf("send for review: %d\n%s", code, body)
	}
	_, page := x.get(rep, path)
	if !strings.Contains(page, `id="withdraw-review"`) {
		t.Fatalf("the reporter's page of a report waiting for the head offers no way to take it back")
	}
	if _, headPage := x.get(x.login("truongphong"), path); strings.Contains(headPage, `id="withdraw-review"`) {
		t.Errorf("the head, who decides, is offered the reporter's withdrawal")
	}
	version := x.reportOf(x.a, draft).Version
	resp = x.post(rep, path, url.Values{"version": {itoa(int64(version))}, "op": {"withdraw_review"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "?ok=withdrawn") {
		t.Fatalf("withdraw: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := x.reportOf(x.a, draft); got.Status != tiendo.ReportDraft {
		t.Errorf("after the withdrawal the report is %s, want a draft", got.Status)
	}
	if _, page := x.get(rep, path+"?ok=withdrawn"); !strings.Contains(page, "Đã rút lại báo cáo đã trình") || !strings.Contains(page, `id="report-form"`) || strings.Contains(page, "Lãnh đạo đơn vị trả lại") {
		t.Errorf("after the withdrawal the page is not the editable draft with its message")
	}
}

// A reader reads what a unit sent: not its draft, and, once the office has
// returned the report, its submissions rather than the copy being fixed.
func TestReaderReadsSentReportsAndSubmissions(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	reader := x.login("huyenuy")
	task := x.round.Tasks[0].ID
	rep := x.login("pnv")
	form := url.Values{"version": {"0"}, "op": {"save"}, "t" + itoa(task) + ".status": {"on_track"}, "t" + itoa(task) + ".result_vs_plan": {"Đã rà soát 120 thủ tục."}}
	if code, _, body := read(x.post(rep, path, form)); code != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", code, body)
	}
	if code, _ := x.get(reader, path); code != http.StatusForbidden {
		t.Errorf("a reader opens a draft: %d, want 403", code)
	}
	pnv, _ := x.st.UserByUsername(ctx, "pnv")
	office, _ := x.st.UserByUsername(ctx, "vanphong")
	cur := x.reportOf(x.a, x.round)
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, pnv, x.round.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: cur.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	if code, _ := x.get(reader, path); code != http.StatusOK {
		t.Errorf("a reader opens a sent report: %d, want 200", code)
	}
	cur = x.reportOf(x.a, x.round)
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, office, x.round.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: cur.Version, Comment: "Bổ sung"}); err != nil {
		t.Fatal(err)
	}
	if code, body := x.get(reader, path); code != http.StatusForbidden || !strings.Contains(body, "Các lần gửi") {
		t.Errorf("a reader opens a returned report: %d, want 403 pointing to its submissions", code)
	}
	if code, _ := x.get(reader, path+"/revisions"); code != http.StatusOK {
		t.Errorf("a reader opens the submissions of a returned report: %d, want 200", code)
	}
	if code, body := x.get(reader, path+"/revisions/1"); code != http.StatusOK || !strings.Contains(body, "Đã rà soát 120 thủ tục.") {
		t.Errorf("a reader opens the first submission of a returned report: %d, want 200 with what was sent", code)
	}
}

// A report form too large to read comes back as the report page, saying
// what to do, not as a page without the form; nothing is stored.
func TestReportTooLargeKeepsThePage(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	field := "t" + itoa(x.round.Tasks[0].ID) + ".result_vs_plan"
	huge := strings.Repeat("Kết quả thực hiện nhiệm vụ. ", 50_000) // about 1.5 MB
	code, _, body := read(x.post(c, path, url.Values{"version": {"0"}, "op": {"save"}, field: {huge}}))
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, `id="report-form"`) ||
		!strings.Contains(body, "Báo cáo gửi lên quá dài, vượt giới hạn 1024 KB cho cả báo cáo, nên chưa được lưu.") {
		t.Errorf("a report over the limit: %d, want 413 on the report page with what to do\n%s", code, grep(body, "alert"))
	}
	if got := x.reportOf(x.a, x.round); got != nil && len(got.Sections) > 0 && got.Sections[0].ResultVsPlan != "" {
		t.Errorf("a report over the limit was stored: %.40q", got.Sections[0].ResultVsPlan)
	}
}

// The address a refused upload was answered at leads back to the report
// when reloaded, not to "Không tìm thấy"; another unit's is refused.
func TestAttachmentsAddressLeadsToTheReport(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	get := func(c *http.Client) *http.Response {
		t.Helper()
		resp, err := c.Get(x.srv.URL + path + "/attachments")
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	code, loc, _ := read(get(x.login("pnv")))
	if code != http.StatusSeeOther || loc != path {
		t.Errorf("GET %s/attachments: %d → %q, want 303 to the report", path, code, loc)
	}
	if code, _, _ := read(get(x.login("cah"))); code != http.StatusForbidden {
		t.Errorf("another unit: %d, want 403", code)
	}
}

// The unit form says beside the field when an e-mail address is not one.
func TestUnitFormEmailChecked(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	code, _, body := read(x.post(c, "/admin/units/"+itoa(x.a.ID), url.Values{"code": {x.a.Code}, "name": {x.a.Name}, "email": {"abc"}}))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="email-err"`) {
		t.Errorf("unit e-mail 'abc': %d, want 422 with the error beside the field", code)
	}
}

// The example under a value says it as the target is counted: whole
// schools, not "15,2" of them.
func TestValueHintFollowsTheTarget(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := &tiendo.Round{Title: "Đợt thử ví dụ", Status: tiendo.RoundOpen, Deadline: time.Now().Add(time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Trường chuẩn", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{{Text: "xây dựng 02 trường đạt chuẩn", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"},
				{Text: "tỷ lệ huy động trẻ đạt 42%", Comparator: tiendo.AtLeast, Value: 42, Unit: "%"}}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	_, page := x.get(x.login("pnv"), "/rounds/"+itoa(r.ID)+"/reports/pnv")
	for _, want := range []string{"ví dụ: 15 · 1.234 (tính bằng trường)", "ví dụ: 15,2 · 1.234,5 · 70%"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report form lacks the hint %q", want)
		}
	}
}
