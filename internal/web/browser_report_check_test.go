package web_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
)

// On a phone, a refused "Gửi báo cáo" puts the person on the message that
// lists what to fix (a screen reader reads it), whose links go to each
// field, the confirm box too, in sight above the sticky bar. "Lưu nháp"
// from the last field of a long form brings the person back to that field,
// where it was in the window, with the focus on it and the bar saying the
// draft was saved.
func TestBrowserReportRefusalAndSaveOnAPhone(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	r, _ := pnvRound(t, st, "Đợt thử trên điện thoại",
		&tiendo.Task{Label: "1", Text: "Xây dựng trường đạt chuẩn quốc gia",
			Targets: []*tiendo.Target{{Text: "Phấn đấu xây dựng 02 trường đạt chuẩn quốc gia", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"}}},
		&tiendo.Task{Label: "2", Text: "Rà soát thủ tục hành chính"},
		&tiendo.Task{Label: "3", Text: "Tinh giản biên chế"})
	schools := fmt.Sprintf("g%d.value", r.Tasks[0].Targets[0].ID)
	last := fmt.Sprintf("t%d.next_steps", r.Tasks[2].ID)
	page := fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)
	set := func(id, v string) chromedp.Action[chromedp.Void] {
		return chromedp.SetValue(`[id="`+id+`"]`, v)
	}
	// inView says whether the element with id is in the window and not
	// under the sticky bar.
	inView := func(id string) bool {
		return browsertest.Get(t, ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
			const r = document.getElementById(%q).getBoundingClientRect(), bar = document.querySelector(".form-actions").getBoundingClientRect();
			return r.top >= 0 && r.bottom <= bar.top + 1;
		})()`, id)))
	}
	active := func() string {
		return browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
	}

	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844))
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(`#report-form`))
	for i, task := range r.Tasks {
		browsertest.Do(t, ctx, set(fmt.Sprintf("t%d.status", task.ID), "on_track"))
		if i > 0 { // task 1's result is left empty
			browsertest.Do(t, ctx, set(fmt.Sprintf("t%d.result_vs_plan", task.ID), "Đã thực hiện."))
		}
	}
	browsertest.Do(t, ctx, chromedp.SendKeys(`[id="`+schools+`"]`, "1.234,5"), chromedp.Click(`#submit`))
	browsertest.WaitFor(t, ctx, `!!document.getElementById("form-error") && document.readyState === "complete"`)
	if got := active(); got != "form-error" {
		t.Errorf("after the refused submit the focus is on %q, want the message at the top", got)
	}
	if !inView("form-error") {
		t.Errorf("the message of the refused submit is out of sight")
	}
	msg := browsertest.Get(t, ctx, chromedp.Text(`#form-error`))
	for _, want := range []string{"còn 1 ô chưa điền và 1 số liệu khác thường", "gấp hơn 10 lần chỉ tiêu", "Kết quả đạt được so với kế hoạch", "Tôi xác nhận các số liệu trên là đúng"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message at the top lacks %q:\n%s", want, msg)
		}
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "refused")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#form-error a[href="#confirm"]`))
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement.name || document.activeElement.id`)); got != "confirm" || !inView("confirm") {
		t.Errorf("the link to the confirm box leaves the focus on %q (in sight: %v)", got, inView("confirm"))
	}
	browsertest.Do(t, ctx, chromedp.Click(`#form-error a[href="#`+fmt.Sprintf("t%d.result_vs_plan", r.Tasks[0].ID)+`"]`))
	if got := active(); got != fmt.Sprintf("t%d.result_vs_plan", r.Tasks[0].ID) {
		t.Errorf("the link to the empty field leaves the focus on %q", got)
	}

	// "Lưu nháp" from the last field.
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(`#report-form`), chromedp.SendKeys(`[id="`+last+`"]`, "Tiếp tục rà soát."))
	top := func() float64 {
		return browsertest.Get(t, ctx, chromedp.Evaluate[float64](fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().top`, last)))
	}
	before := top()
	browsertest.Do(t, ctx, chromedp.Click(`#save`))
	waitOK(t, ctx, "saved")
	browsertest.WaitFor(t, ctx, `document.activeElement && document.activeElement.id === "`+last+`"`)
	if after := top(); math.Abs(after-before) > 2 {
		t.Errorf("after the save the field is %.0f px from the top of the window, was %.0f", after, before)
	}
	if y := browsertest.Get(t, ctx, chromedp.Evaluate[float64](`scrollY`)); y < 500 {
		t.Errorf("after the save the page is at %.0f px, want back down at the field", y)
	}
	browsertest.WaitFor(t, ctx, `document.querySelector(".autosave-status").textContent.startsWith("Đã lưu bản nháp lúc ")`)
	if !inView(last) {
		t.Errorf("the field is out of sight after the save")
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "saved")
	}
}
