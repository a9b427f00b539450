package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// confirmSend answers the confirmation "Gửi báo cáo" asks for with its own
// "Gửi báo cáo", and waits for the report to be sent.
func confirmSend(t *testing.T, ctx context.Context) {
	t.Helper()
	browsertest.WaitFor(t, ctx, `!!document.getElementById("send-confirm") && document.getElementById("send-confirm").matches(":modal") && document.readyState === "complete"`)
	browsertest.Do(t, ctx, chromedp.Click(`#send-go`))
	waitOK(t, ctx, "submitted")
}

// viewShot saves what the window shows (not the whole page: a modal
// dialog is drawn over the window) as a PNG in browsertest.EnvArtifacts,
// or the temporary folder, and logs its path.
func viewShot(t *testing.T, ctx context.Context, label string) string {
	t.Helper()
	png := browsertest.Get(t, ctx, chromedp.CaptureScreenshot())
	dir := os.Getenv(browsertest.EnvArtifacts)
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())+"-"+label+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot saved: %s", path)
	return path
}

// On a phone and on a laptop, "Gửi báo cáo" asks first, in a modal dialog:
// what will happen, what the report leaves empty, whether it is late, with
// the focus on "Quay lại sửa". Esc and "Quay lại sửa" close it without
// leaving the page, the person back in the field they were in and what
// they typed still there; the dialog's "Gửi báo cáo" sends the report.
func TestBrowserSubmitAsksFirst(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	r, pnv := pnvRound(t, st, "Đợt thử xác nhận gửi",
		&tiendo.Task{Label: "1", Text: "Xây dựng trường đạt chuẩn quốc gia",
			Targets: []*tiendo.Target{{Text: "Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"}}},
		&tiendo.Task{Label: "2", Text: "Rà soát thủ tục hành chính"})
	t1, t2 := r.Tasks[0].ID, r.Tasks[1].ID
	id := func(format string, id int64) string { return fmt.Sprintf(`[id="`+format+`"]`, id) }
	page := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)
	state := func() *tiendo.UnitReport {
		rep, err := st.Report(context.Background(), &tiendo.User{Role: tiendo.RoleOffice}, r.ID, pnv.ID)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	modal := `!!document.getElementById("send-confirm") && document.getElementById("send-confirm").matches(":modal") && document.readyState === "complete"`
	closed := `!document.getElementById("send-confirm")`

	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844))
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(`#report-form`),
		chromedp.SetValue(id("t%d.status", t1), "on_track"),
		chromedp.SetValue(id("t%d.status", t2), "on_track"),
		chromedp.SendKeys(id("g%d.value", r.Tasks[0].Targets[0].ID), "2"),
		chromedp.SendKeys(id("t%d.result_vs_plan", t2), "Đã rà soát 40 thủ tục."),
		chromedp.SendKeys(id("t%d.result_vs_plan", t1), "Đã công nhận 2 trường."),
		chromedp.Click(`#submit`))
	browsertest.WaitFor(t, ctx, modal)
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); got != "send-back" {
		t.Errorf("the dialog opens with the focus on %q, want “Quay lại sửa”", got)
	}
	text := browsertest.Get(t, ctx, chromedp.Text(`#send-confirm`))
	for _, want := range []string{"Gửi báo cáo cho Văn phòng?", "Sau khi gửi, đơn vị không sửa được nữa, trừ khi Văn phòng trả lại.",
		"Chưa có nhiệm vụ nào viết đủ các mục. Còn để trống:", "Chưa có số liệu cùng kỳ năm trước: Nhiệm vụ 1, chỉ tiêu “Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia”.",
		"Gửi lúc này là đúng hạn", "Quay lại sửa", "Gửi báo cáo"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, text)
		}
	}
	if fits := browsertest.Get(t, ctx, chromedp.Evaluate[bool](`(() => {
		const r = document.querySelector("#send-confirm article").getBoundingClientRect();
		return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight && document.documentElement.scrollWidth <= innerWidth;
	})()`)); !fits {
		t.Errorf("at 390 px the dialog does not fit the window")
	}
	if testing.Verbose() {
		viewShot(t, ctx, "390")
	}
	if rep := state(); rep.Status != tiendo.ReportDraft || rep.Sections[0].ResultVsPlan != "Đã công nhận 2 trường." {
		t.Fatalf("while the dialog asks, the report is %s with %q: want the draft saved, not sent", rep.Status, rep.Sections[0].ResultVsPlan)
	}

	// Esc: back in the field, which holds what was typed; then typing on
	// and "Quay lại sửa", which stays on the page (no reload loses the mark).
	browsertest.Do(t, ctx, chromedp.KeyEvent("\u001b"))
	browsertest.WaitFor(t, ctx, closed)
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); got != fmt.Sprintf("t%d.result_vs_plan", t1) {
		t.Errorf("after Esc the focus is on %q, want the field the person was in", got)
	}
	browsertest.Do(t, ctx, chromedp.SendKeys(id("t%d.obstacles", t1), "Thiếu kinh phí."), chromedp.Click(`#submit`))
	browsertest.WaitFor(t, ctx, modal)
	if text := browsertest.Get(t, ctx, chromedp.Text(`#send-confirm`)); !strings.Contains(text, "Nhiệm vụ 1: So với cùng kỳ; Kiến nghị, đề xuất; Nhiệm vụ thời gian tới") {
		t.Errorf("the second dialog does not count what was typed since:\n%s", text)
	}
	browsertest.Get(t, ctx, chromedp.Evaluate[bool](`window.samePage = true`))
	browsertest.Do(t, ctx, chromedp.Click(`#send-back`))
	browsertest.WaitFor(t, ctx, closed)
	if same := browsertest.Get(t, ctx, chromedp.Evaluate[bool](`window.samePage === true`)); !same {
		t.Errorf("“Quay lại sửa” reloaded the page")
	}
	if v := browsertest.Get(t, ctx, chromedp.Value(id("t%d.obstacles", t1))); v != "Thiếu kinh phí." {
		t.Errorf("after “Quay lại sửa” the field holds %q", v)
	}
	if rep := state(); rep.Status != tiendo.ReportDraft {
		t.Fatalf("after “Quay lại sửa” the report is %s, want a draft", rep.Status)
	}

	// A part left empty, in the dialog, is a link: it closes the dialog and
	// puts the person in the field, on the same page.
	browsertest.Do(t, ctx, chromedp.Click(`#submit`))
	browsertest.WaitFor(t, ctx, modal)
	browsertest.Get(t, ctx, chromedp.Evaluate[bool](`window.samePage = true`))
	browsertest.Do(t, ctx, chromedp.Click(fmt.Sprintf(`#send-confirm a[href="?#t%d.next_steps"]`, t1)))
	browsertest.WaitFor(t, ctx, closed)
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); got != fmt.Sprintf("t%d.next_steps", t1) {
		t.Errorf("after the link to “Nhiệm vụ thời gian tới” the focus is on %q, want that field", got)
	}
	if same := browsertest.Get(t, ctx, chromedp.Evaluate[bool](`window.samePage === true`)); !same {
		t.Errorf("the link in the dialog reloaded the page")
	}

	// On a laptop, and sent.
	browsertest.Do(t, ctx, chromedp.EmulateViewport(1366, 768), chromedp.Click(`#submit`))
	browsertest.WaitFor(t, ctx, modal)
	if testing.Verbose() {
		viewShot(t, ctx, "1366")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#send-go`))
	waitOK(t, ctx, "submitted")
	if rep := state(); rep.Status != tiendo.ReportSubmitted || rep.Sections[0].Obstacles != "Thiếu kinh phí." {
		t.Errorf("sent: %s with %q, want submitted with what was typed", rep.Status, rep.Sections[0].Obstacles)
	}
}

// On a phone and on a laptop, the unit head's "Duyệt và gửi Văn phòng" asks
// first, in a modal dialog with the reporter's summary, the focus on
// "Quay lại"; "Quay lại" closes it without leaving the page, the head's
// comment and ticked box still there and the focus back on the button;
// the dialog's "Duyệt và gửi" sends the report.
func TestBrowserApproveAsksFirst(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	bg := context.Background()
	pnv, err := st.UnitByCode(bg, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateUser(bg, store.Actor{}, &tiendo.User{Username: "ld.pnv", FullName: "Trần Văn Bình", Role: tiendo.RoleUnitHead, UnitID: pnv.ID}, pw); err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Đợt thử duyệt và gửi", Status: tiendo.RoundOpen, Deadline: time.Now().Add(48 * time.Hour), HeadApproval: true,
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Xây dựng trường đạt chuẩn quốc gia", Assignees: []tiendo.Assignee{{UnitID: pnv.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"}}},
			{Label: "2", Text: "Rà soát thủ tục hành chính", Assignees: []tiendo.Assignee{{UnitID: pnv.ID, Role: tiendo.Lead}}},
		}}
	if err := st.CreateRound(bg, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	writer, err := st.UserByUsername(bg, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := st.Report(bg, writer, r.ID, pnv.ID)
	if err != nil {
		t.Fatal(err)
	}
	schools := 25.0 // unusual: the head confirms it
	rep.Sections[0].Status, rep.Sections[0].ResultVsPlan, rep.Sections[0].Actuals[0].Value = "on_track", "Đã công nhận 25 trường.", &schools
	rep.Sections[1].Status, rep.Sections[1].ResultVsPlan = "on_track", "Đã rà soát 40 thủ tục."
	if err := st.SaveReport(bg, store.Actor{UserID: writer.ID}, writer, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActOnReport(bg, store.Actor{UserID: writer.ID}, writer, r.ID, pnv.ID,
		store.ActRequest{Action: tiendo.ReportSendForReview, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	state := func() *tiendo.UnitReport {
		rep, err := st.Report(bg, &tiendo.User{Role: tiendo.RoleOffice}, r.ID, pnv.ID)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	page := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)
	modal := `!!document.getElementById("send-confirm") && document.getElementById("send-confirm").matches(":modal") && document.readyState === "complete"`
	closed := `!document.getElementById("send-confirm")`
	comment := "Số liệu đã đối chiếu với Sở."

	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844))
	browserLogin(t, ctx, base, "ld.pnv")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(`#approve`),
		chromedp.SendKeys(`#comment`, comment),
		chromedp.Click(`#confirm input[name=confirm]`),
		chromedp.Click(`#approve`))
	browsertest.WaitFor(t, ctx, modal)
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); got != "send-back" {
		t.Errorf("the dialog opens with the focus on %q, want “Quay lại”", got)
	}
	text := browsertest.Get(t, ctx, chromedp.Text(`#send-confirm`))
	for _, want := range []string{"Duyệt và gửi báo cáo cho Văn phòng?", "đơn vị không sửa được nữa, trừ khi Văn phòng trả lại",
		"Chưa có nhiệm vụ nào viết đủ các mục. Còn để trống:", "Nhiệm vụ 1: So với cùng kỳ; Khó khăn, vướng mắc",
		"Đã nhập số liệu thực hiện của chỉ tiêu.", "1 số liệu khác thường đã được xác nhận là đúng.",
		"Gửi lúc này là đúng hạn", "Quay lại", "Duyệt và gửi"} {
		if !strings.Contains(text, want) {
			t.Errorf("the head's dialog lacks %q:\n%s", want, text)
		}
	}
	if fits := browsertest.Get(t, ctx, chromedp.Evaluate[bool](`(() => {
		const r = document.querySelector("#send-confirm article").getBoundingClientRect();
		return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight && document.documentElement.scrollWidth <= innerWidth;
	})()`)); !fits {
		t.Errorf("at 390 px the head's dialog does not fit the window")
	}
	if testing.Verbose() {
		viewShot(t, ctx, "390")
	}
	if got := state().Status; got != tiendo.ReportReview {
		t.Fatalf("while the dialog asks, the report is %s, want still waiting for the head", got)
	}

	// "Quay lại": the same page, what the head typed and ticked still there.
	browsertest.Get(t, ctx, chromedp.Evaluate[bool](`window.samePage = true`))
	browsertest.Do(t, ctx, chromedp.Click(`#send-back`))
	browsertest.WaitFor(t, ctx, closed)
	if same := browsertest.Get(t, ctx, chromedp.Evaluate[bool](`window.samePage === true`)); !same {
		t.Errorf("“Quay lại” reloaded the page")
	}
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); got != "approve" {
		t.Errorf("after “Quay lại” the focus is on %q, want “Duyệt và gửi Văn phòng”", got)
	}
	if v := browsertest.Get(t, ctx, chromedp.Value(`#comment`)); v != comment {
		t.Errorf("after “Quay lại” the comment holds %q", v)
	}
	if ticked := browsertest.Get(t, ctx, chromedp.Evaluate[bool](`document.querySelector("#confirm input[name=confirm]").checked`)); !ticked {
		t.Errorf("after “Quay lại” the box confirming the unusual value is not ticked")
	}

	// On a laptop, and sent.
	browsertest.Do(t, ctx, chromedp.EmulateViewport(1366, 768), chromedp.Click(`#approve`))
	browsertest.WaitFor(t, ctx, modal)
	if testing.Verbose() {
		viewShot(t, ctx, "1366")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#send-go`))
	waitOK(t, ctx, "submitted")
	if got := state(); got.Status != tiendo.ReportSubmitted {
		t.Errorf("approved: %s, want submitted", got.Status)
	}
}

// Back from the report just sent, and a reload there, get the report as
// sent: not "Confirm Form Resubmission" (ERR_CACHE_MISS) for the page that
// asked to confirm, which answered a POST, and not a second post of its
// form, refused as "Báo cáo không sửa được lúc này".
func TestBrowserBackAfterSendGetsTheReport(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	r, _ := pnvRound(t, st, "Đợt thử quay lại sau khi gửi",
		&tiendo.Task{Label: "1", Text: "Rà soát thủ tục hành chính"})
	page := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(`#report-form`),
		chromedp.SetValue(fmt.Sprintf(`[id="t%d.status"]`, r.Tasks[0].ID), "on_track"),
		chromedp.SendKeys(fmt.Sprintf(`[id="t%d.result_vs_plan"]`, r.Tasks[0].ID), "Đã rà soát 40 thủ tục."),
		chromedp.Click(`#submit`))
	confirmSend(t, ctx)

	// Each check waits for a page other than the one it left (window.left).
	reportSent := `!window.left && document.readyState === "complete" && location.href.startsWith(` + "`" + page + "`" + `) && !!document.querySelector("h1")`
	check := func(after string) {
		t.Helper()
		browsertest.WaitFor(t, ctx, reportSent)
		if dialog := browsertest.Get(t, ctx, chromedp.Evaluate[bool](`!!document.getElementById("send-confirm")`)); dialog {
			t.Errorf("%s the page asks again to send the report sent", after)
		}
		text := browsertest.Get(t, ctx, chromedp.Text(`main`))
		if !strings.Contains(text, "Trạng thái: Đã gửi") || strings.Contains(text, "Không thực hiện được") || strings.Contains(text, "không sửa được") {
			t.Errorf("%s the page is not the report as sent:\n%s", after, text)
		}
	}
	browsertest.Get(t, ctx, chromedp.Evaluate[bool](`window.left = true, history.back(), true`))
	check("Back from the report sent:")
	browsertest.Get(t, ctx, chromedp.Evaluate[bool](`window.left = true, location.reload(), true`))
	check("reloaded,")
}
