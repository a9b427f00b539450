package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// schoolsApp is newApp with a round whose task, led by unit a (pnv), has a
// count target of 2 schools; with head, the round asks for the unit head's
// approval and unit a has a head, "truongphong".
func schoolsApp(t *testing.T, head bool) (*app, *tiendo.Round) {
	t.Helper()
	x := newApp(t)
	ctx := context.Background()
	if head {
		if err := x.st.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "truongphong", Role: tiendo.RoleUnitHead, UnitID: x.a.ID}, pw); err != nil {
			t.Fatal(err)
		}
	}
	r := &tiendo.Round{Title: "Báo cáo xây dựng trường chuẩn", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour), HeadApproval: head,
		Tasks: []*tiendo.Task{{Label: "3", Text: "Xây dựng trường đạt chuẩn quốc gia", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{{Text: "Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return x, r
}

// schoolsForm is the report form of schoolsApp's round: schools as the
// value, result as the result against the plan.
func schoolsForm(r *tiendo.Round, version int, op, schools, result string) url.Values {
	task, target := r.Tasks[0], r.Tasks[0].Targets[0]
	return url.Values{"version": {itoa(int64(version))}, "op": {op},
		"t" + itoa(task.ID) + ".status": {"on_track"}, "t" + itoa(task.ID) + ".result_vs_plan": {result},
		"g" + itoa(target.ID) + ".value": {schools}}
}

// formError returns the message at the top of a report page after a
// refused step.
func formError(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<div class="alert" role="alert" id="form-error" tabindex="-1">.*?</div>`).FindString(body)
	if m == "" {
		t.Fatalf("no focusable message at the top of the page:\n%s", body)
	}
	return m
}

// A refused "Gửi báo cáo" says at the top what is wrong and links to each
// field: the one left empty, the unusual value (with the value and why) and
// the box that confirms it; the value is marked beside its field too. Once
// filled and confirmed, the report goes.
func TestRefusedSubmitListsWhatToFix(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, false)
	c := x.login("pnv")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	task, target := itoa(r.Tasks[0].ID), itoa(r.Tasks[0].Targets[0].ID)

	code, _, body := read(x.post(c, path, schoolsForm(r, 0, "submit", "25", "")))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("submit with an empty field and an unusual value: %d, want 422", code)
	}
	top := formError(t, body)
	for _, want := range []string{
		"Báo cáo chưa được gửi vì còn 1 ô chưa điền và 1 số liệu khác thường cần xác nhận. Bản nháp đã được lưu.",
		`<a href="#g` + target + `.value">Nhiệm vụ 3, chỉ tiêu “Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia”: ô “Thực hiện”</a>: số liệu khác thường: 25 trường, gấp hơn 10 lần chỉ tiêu (2 trường).`,
		`<a href="#t` + task + `.result_vs_plan">Nhiệm vụ 3: Kết quả đạt được so với kế hoạch</a>: Hãy ghi kết quả đạt được so với kế hoạch.`,
		`<a href="#confirm">Ô “Tôi xác nhận các số liệu trên là đúng”</a>: nếu các số liệu khác thường trên là đúng, hãy đánh dấu ô này rồi bấm “Gửi báo cáo” lần nữa`,
	} {
		if !strings.Contains(top, want) {
			t.Errorf("the message at the top lacks %q:\n%s", want, top)
		}
	}
	// Every link goes to an element of the page.
	for _, m := range regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(top, -1) {
		if !strings.Contains(body, `id="`+m[1]+`"`) {
			t.Errorf("the link to #%s goes nowhere", m[1])
		}
	}
	if !regexp.MustCompile(`(?s)<div id="confirm" class="confirm-box">\s*<p class="alert">Một số số liệu khác thường: .*?<input type="checkbox" name="confirm">`).MatchString(body) {
		t.Errorf("no confirm box with the id the message links to")
	}
	if !strings.Contains(body, `aria-describedby="g`+target+`.value-hint g`+target+`.value-verdict g`+target+`.value-unusual"`) ||
		!strings.Contains(body, `id="g`+target+`.value-unusual">Số liệu khác thường: 25 trường, gấp hơn 10 lần chỉ tiêu (2 trường).`) {
		t.Errorf("the unusual value is not marked beside its field")
	}
	if got := x.reportOf(x.a, r); got.Status != tiendo.ReportDraft {
		t.Errorf("after the refusal the report is %s, want a draft", got.Status)
	}

	// Filled but not confirmed: only the value and the box are listed.
	code, _, body = read(x.post(c, path, schoolsForm(r, 1, "submit", "25", "Đã xây 25 trường.")))
	top = formError(t, body)
	if code != http.StatusUnprocessableEntity || !strings.Contains(top, "vì 1 số liệu khác thường cần xác nhận.") || strings.Contains(top, "result_vs_plan") {
		t.Errorf("submit with only an unusual value: %d\n%s", code, top)
	}
	f := schoolsForm(r, 2, "submit", "25", "Đã xây 25 trường.")
	f.Set("confirm", "on")
	if code, loc, body := x.sendConfirmed(c, path, f); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=submitted") {
		t.Fatalf("confirmed submit: %d %s\n%s", code, loc, body)
	}
}

// An ordinary save of a good report shows no list, and a page without an
// error has no message to focus.
func TestReportPageWithoutErrorHasNoSummary(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, false)
	c := x.login("pnv")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	if code, _, _ := read(x.post(c, path, schoolsForm(r, 0, "save", "1", "Đang xây."))); code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	if _, page := x.get(c, path); strings.Contains(page, `id="form-error"`) || strings.Contains(page, `id="confirm"`) || strings.Contains(page, "value-unusual") {
		t.Errorf("a page after a good save shows an error, a confirm box or an unusual value")
	}
}

// The unit head is warned of the unusual values the reporter confirmed,
// and must confirm them too before approving, as the API requires.
func TestHeadConfirmsUnusualValuesBeforeApproving(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, true)
	rep, head := x.login("pnv"), x.login("truongphong")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	target := itoa(r.Tasks[0].Targets[0].ID)
	f := schoolsForm(r, 0, "review", "25", "Đã xây 25 trường.")
	f.Set("confirm", "on")
	if code, loc, body := x.reviewConfirmed(rep, path, f); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=review") {
		t.Fatalf("send for review: %d %s\n%s", code, loc, body)
	}

	_, page := x.get(head, path)
	warn := regexp.MustCompile(`(?s)<div class="alert" id="unusual-values">.*?</div>`).FindString(page)
	if !strings.Contains(warn, `<a href="#g`+target+`.row">“Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia”</a> là 25 trường, gấp hơn 10 lần chỉ tiêu (2 trường).`) ||
		!strings.Contains(page, `<tr id="g`+target+`.row">`) {
		t.Errorf("the head's page does not warn of the unusual value with a link to its row:\n%s", warn)
	}
	if !regexp.MustCompile(`(?s)<div id="confirm" class="confirm-box">.*?<input type="checkbox" name="confirm">.*?id="approve"`).MatchString(page) {
		t.Errorf("the head's approval has no confirm box")
	}

	version := itoa(int64(x.reportOf(x.a, r).Version))
	code, _, body := x.approveConfirmed(head, path, url.Values{"version": {version}, "op": {"approve"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("approve without confirming: %d, want 422", code)
	}
	top := formError(t, body)
	for _, want := range []string{"Báo cáo chưa được duyệt vì 1 số liệu khác thường cần xác nhận.", `href="#g` + target + `.row"`,
		`<a href="#confirm">`, "“Duyệt và gửi Văn phòng” lần nữa; nếu sai, hãy trả lại cán bộ để sửa."} {
		if !strings.Contains(top, want) {
			t.Errorf("the refused approval's message lacks %q:\n%s", want, top)
		}
	}
	if got := x.reportOf(x.a, r).Status; got != tiendo.ReportReview {
		t.Fatalf("approved without confirming: the report is %s", got)
	}
	code, loc, _ := x.approveConfirmed(head, path, url.Values{"version": {version}, "op": {"approve"}, "confirm": {"on"}})
	if code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=submitted") {
		t.Fatalf("confirmed approval: %d %s", code, loc)
	}
	if got := x.reportOf(x.a, r).Status; got != tiendo.ReportSubmitted {
		t.Errorf("after the confirmed approval the report is %s, want submitted", got)
	}
}

// A report with ordinary values needs no confirmation from the head.
func TestHeadApprovesOrdinaryValuesWithoutConfirming(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, true)
	rep, head := x.login("pnv"), x.login("truongphong")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	if code, _, body := x.reviewConfirmed(rep, path, schoolsForm(r, 0, "review", "2", "Đã xây 2 trường.")); code != http.StatusSeeOther {
		t.Fatalf("send for review: %d\n%s", code, body)
	}
	if _, page := x.get(head, path); strings.Contains(page, `id="unusual-values"`) || strings.Contains(page, `name="confirm"`) {
		t.Errorf("the head is asked to confirm ordinary values")
	}
	version := itoa(int64(x.reportOf(x.a, r).Version))
	if code, loc, _ := x.approveConfirmed(head, path, url.Values{"version": {version}, "op": {"approve"}}); code != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=submitted") {
		t.Errorf("approve ordinary values: %d %s", code, loc)
	}
}

// "Lưu nháp" comes back to the field the person was in (the form's "at",
// which report.js sets), and the bar with the buttons says when it saved.
// Only a field's id is taken; other steps go back to the top.
func TestDraftSaveReturnsToTheField(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, false)
	c := x.login("pnv")
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	field := "t" + itoa(r.Tasks[0].ID) + ".next_steps"
	for i, tt := range []struct{ op, at, want string }{
		{"save", field, "?ok=saved#" + field},
		{"save", "", "?ok=saved"},
		{"save", "x\r\nSet-Cookie: a=b", "?ok=saved"},
		{"save", "javascript:alert(1)", "?ok=saved"},
		{"save", "g" + itoa(r.Tasks[0].Targets[0].ID) + ".value", "?ok=saved#g" + itoa(r.Tasks[0].Targets[0].ID) + ".value"},
		{"submit", field, "?ok=submitted"},
	} {
		f := schoolsForm(r, i, tt.op, "2", "Đã xây 2 trường.")
		f.Set("at", tt.at)
		code, loc, body := read(x.post(c, path, f))
		if tt.op == "submit" { // asks to confirm first (TestSubmitAsksFirstWithoutJavaScript)
			code, loc, body = x.sendConfirmed(c, path, f)
		}
		if code != http.StatusSeeOther || !strings.HasSuffix(loc, "/reports/pnv"+tt.want) {
			t.Errorf("%s at %q: %d to %q, want %q\n%s", tt.op, tt.at, code, loc, tt.want, body)
		}
		if tt.op == "save" && i == 0 {
			_, page := x.get(c, path+"?ok=saved")
			saved := x.reportOf(x.a, r).UpdatedAt.In(tiendo.Zone).Format("15:04")
			if !strings.Contains(page, `<p class="autosave-status muted" aria-live="polite">Đã lưu bản nháp lúc `+saved+`.</p>`) {
				t.Errorf("the bar with the buttons does not say the draft was saved at %s", saved)
			}
			if _, page := x.get(c, path); !strings.Contains(page, `<p class="autosave-status muted" aria-live="polite"></p>`) {
				t.Errorf("the bar still says the draft was saved when the page is opened again")
			}
			if !strings.Contains(page, `<input type="hidden" name="at" id="report-at" value="">`) {
				t.Errorf("the form has no field for where the person was")
			}
		}
	}
	if got := x.reportOf(x.a, r); got.Status != tiendo.ReportSubmitted {
		t.Errorf("the report is %s, want submitted", got.Status)
	}
}

// In a round that asks for the head's approval, a unit without a head is
// told at the top of its report, before it fills anything, and its button
// to send for review is disabled with the reason beside it; a unit with a
// head is told nothing.
func TestUnitWithoutHeadIsToldFirst(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, true)
	// Unit b (cah) has no head; it leads the task too.
	ctx := context.Background()
	r2 := &tiendo.Round{Title: "Báo cáo cần lãnh đạo duyệt", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour), HeadApproval: true,
		Tasks: []*tiendo.Task{{Label: "1", Text: "Rà soát thủ tục", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}, {UnitID: x.b.ID, Role: tiendo.Lead}}}}}
	if err := x.st.CreateRound(ctx, store.Actor{}, r2); err != nil {
		t.Fatal(err)
	}
	_, page := x.get(x.login("cah"), "/rounds/"+itoa(r2.ID)+"/reports/cah")
	notice := regexp.MustCompile(`(?s)<div class="alert" id="no-head">.*?</div>`).FindString(page)
	if !strings.Contains(notice, "Công an huyện chưa có tài khoản lãnh đạo đơn vị") || !strings.Contains(notice, "quản trị hệ thống") {
		t.Errorf("the unit without a head is not told so at the top:\n%s", notice)
	}
	if strings.Index(page, `id="no-head"`) > strings.Index(page, `id="report-form"`) {
		t.Errorf("the notice comes after the form")
	}
	if !strings.Contains(page, `<button type="submit" name="op" value="review" id="review" disabled aria-describedby="review-why">`) ||
		!strings.Contains(page, `<small id="review-why" class="muted">Chưa trình được: đơn vị chưa có tài khoản lãnh đạo đơn vị`) {
		t.Errorf("the review button is not disabled with its reason")
	}

	_, page = x.get(x.login("pnv"), "/rounds/"+itoa(r.ID)+"/reports/pnv")
	if strings.Contains(page, `id="no-head"`) || !strings.Contains(page, `<button type="submit" name="op" value="review" id="review">`) {
		t.Errorf("a unit with a head is told it has none, or cannot send for review")
	}
	// A round that asks no approval says nothing of heads.
	if _, page := x.get(x.login("cah"), "/rounds/"+itoa(x.round.ID)+"/reports/cah"); strings.Contains(page, `id="no-head"`) || strings.Contains(page, `id="review"`) {
		t.Errorf("a round without the head's approval talks of a head")
	}
}

// The office's and the head's reasons for returning a report keep their
// line breaks: they are in an element of class return-comment (app.css
// writes it with white-space: pre-line), as typed.
func TestReturnCommentKeepsItsLines(t *testing.T) {
	t.Parallel()
	x, r := schoolsApp(t, true)
	ctx := context.Background()
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	rep, head := x.login("pnv"), x.login("truongphong")
	if code, _, body := x.reviewConfirmed(rep, path, schoolsForm(r, 0, "review", "2", "Đã xây 2 trường.")); code != http.StatusSeeOther {
		t.Fatalf("send for review: %d\n%s", code, body)
	}
	reason := "Cần sửa:\n1. Ghi rõ tên 2 trường.\n2. Bổ sung số liệu cùng kỳ."
	version := itoa(int64(x.reportOf(x.a, r).Version))
	if code, _, _ := read(x.post(head, path, url.Values{"version": {version}, "op": {"head_return"}, "comment": {reason}})); code != http.StatusSeeOther {
		t.Fatalf("head return: %d", code)
	}
	_, page := x.get(rep, path)
	if !strings.Contains(page, `id="head-return"><p><strong>Lãnh đạo đơn vị trả lại để sửa</strong> (truongphong, lúc `) || !strings.Contains(page, `<p class="return-comment">`+reason+`</p>`) {
		t.Errorf("the head's reason is not in a return-comment element with its lines")
	}

	// Sent on, approved, then returned by the office.
	f := schoolsForm(r, x.reportOf(x.a, r).Version, "review", "2", "Đã xây 2 trường.")
	if code, _, body := x.reviewConfirmed(rep, path, f); code != http.StatusSeeOther {
		t.Fatalf("send for review again: %d\n%s", code, body)
	}
	version = itoa(int64(x.reportOf(x.a, r).Version))
	if code, _, body := x.approveConfirmed(head, path, url.Values{"version": {version}, "op": {"approve"}}); code != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", code, body)
	}
	office, _ := x.st.UserByUsername(ctx, "vanphong")
	cur := x.reportOf(x.a, r)
	returned := "Đề nghị bổ sung:\n- hình ảnh công trình;\n- biên bản công nhận."
	if _, err := x.st.ActOnReport(ctx, store.Actor{}, office, r.ID, x.a.ID, store.ActRequest{Action: tiendo.ReportReturn, Version: cur.Version, Comment: returned}); err != nil {
		t.Fatal(err)
	}
	_, page = x.get(rep, path)
	if !strings.Contains(page, `id="office-return"><p><strong>Văn phòng trả lại để bổ sung</strong> (lúc `) || !strings.Contains(page, `<p class="return-comment">`+returned+`</p>`) {
		t.Errorf("the office's reason is not in a return-comment element with its lines")
	}
}
