package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
)

// Two browsers on one report, as two officers of a unit would have it: a
// save over the other's merges field by field. What one did not change
// takes the other's text, and the page names it; a field both changed is
// flagged at the top, with a link, and the saved text under the field.
func TestBrowserReportConflictMerges(t *testing.T) {
	t.Parallel()
	one := browsertest.New(t)
	base, st := demoStore(t)
	r, pnv := pnvRound(t, st, "Đợt thử gộp", &tiendo.Task{Label: "1", Text: "Cải cách hành chính"})
	task := r.Tasks[0].ID
	recs, next := fmt.Sprintf(`[name="t%d.recommendations"]`, task), fmt.Sprintf(`[name="t%d.next_steps"]`, task)
	reportURL := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)
	two := browsertest.New(t) // another machine, the same person or a colleague
	browserLogin(t, one, base, "pnv")
	browserLogin(t, two, base, "pnv")
	browsertest.Do(t, one, chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`))
	browsertest.Do(t, two, chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`))

	browsertest.Do(t, one, chromedp.SetValue(recs, "Đề nghị bổ sung biên chế."), chromedp.Click(`#save`))
	waitOK(t, one, "saved")
	browsertest.Do(t, two, chromedp.SetValue(next, "Tiếp tục số hóa hồ sơ."), chromedp.Click(`#save`))
	waitOK(t, two, "saved")
	if got := browsertest.Get(t, two, chromedp.Text(`#merged`)); !strings.Contains(got, "Kiến nghị, đề xuất") {
		t.Errorf("the merged save's notice reads %q, want it to name Kiến nghị", got)
	}
	if got := browsertest.Get(t, two, chromedp.Value(recs)); got != "Đề nghị bổ sung biên chế." {
		t.Errorf("after the merged save Kiến nghị holds %q", got)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, two, "merged-laptop")
	}

	// Both change Kiến nghị.
	browsertest.Do(t, one, chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-form`),
		chromedp.SetValue(recs, "Đề nghị bổ sung 02 biên chế."), chromedp.Click(`#save`))
	waitOK(t, one, "saved")
	browsertest.Do(t, two, chromedp.SetValue(recs, "Đề nghị bổ sung kinh phí số hóa."), chromedp.Click(`#save`))
	browsertest.WaitFor(t, two, `!!document.getElementById("form-error") && document.readyState === "complete"`)
	if n := browsertest.Get(t, two, chromedp.Evaluate[int](`document.querySelectorAll(".theirs").length`)); n != 1 {
		t.Errorf("“Bản đã lưu” under %d fields, want 1", n)
	}
	for _, w := range []int64{1366, 390} {
		browsertest.Do(t, two, chromedp.EmulateViewport(w, 844))
		if problem := browsertest.Get(t, two, chromedp.Evaluate[string](`document.documentElement.scrollWidth > innerWidth ? "the page scrolls sideways" : ""`)); problem != "" {
			t.Errorf("at %d px: %s", w, problem)
		}
		if testing.Verbose() {
			browsertest.Screenshot(t, two, fmt.Sprintf("clash-%d", w))
		}
	}
	browsertest.Do(t, two, chromedp.Click(`#form-error a[href="#t`+fmt.Sprint(task)+`.recommendations"]`))
	if got := browsertest.Get(t, two, chromedp.Evaluate[string](`document.activeElement.name`)); got != fmt.Sprintf("t%d.recommendations", task) {
		t.Errorf("the link took the focus to %q", got)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, two, "clash-field-390")
	}
	// "Lưu nháp" is in the bar at the bottom of the phone's screen, on top
	// (clicked by script: after a full-page screenshot Chromium's clicks
	// miss).
	if on := browsertest.Get(t, two, chromedp.Evaluate[string](`(() => {
		const r = document.getElementById("save").getBoundingClientRect();
		const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return e ? e.id : "";
	})()`)); on != "save" {
		t.Errorf("“Lưu nháp” is covered by %q", on)
	}
	browsertest.Do(t, two, chromedp.Evaluate[chromedp.Void](`document.getElementById("save").click()`))
	waitOK(t, two, "saved")
	rep, err := st.Report(t.Context(), &tiendo.User{Role: tiendo.RoleOffice}, r.ID, pnv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sec := rep.Sections[0]; sec.Recommendations != "Đề nghị bổ sung kinh phí số hóa." || sec.NextSteps != "Tiếp tục số hóa hồ sơ." {
		t.Errorf("after the second browser's choice: %+v", sec)
	}
}
