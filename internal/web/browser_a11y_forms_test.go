package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
)

// The live check of a figure marks the field invalid while it cannot be
// read and ties the verdict to the field; the field is named "Thực hiện: …"
// as its neighbour is "Cùng kỳ năm trước: …".
func TestBrowserReportFigureCheckMarksField(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	r, _ := pnvRound(t, st, "Đợt thử kiểm tra số",
		&tiendo.Task{Label: "1", Text: "Xây dựng trường đạt chuẩn quốc gia",
			Targets: []*tiendo.Target{{Text: "xây dựng 02 trường đạt chuẩn quốc gia", Comparator: tiendo.AtLeast, Value: 2, Unit: "trường"}}})
	id := fmt.Sprintf("g%d.value", r.Tasks[0].Targets[0].ID)
	sel := `[id="` + id + `"]`
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)), chromedp.WaitVisible(`#report-form`))
	state := func() string {
		return browsertest.Get(t, ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
			const f = document.getElementById(%q), ids = (f.getAttribute("aria-describedby") || "").split(" ");
			const said = ids.map(i => document.getElementById(i)).filter(Boolean).map(e => e.textContent.trim()).join(" | ");
			return (f.getAttribute("aria-invalid") || "-") + " / " + f.getAttribute("aria-label") + " / " + said;
		})()`, id)))
	}
	browsertest.Do(t, ctx, chromedp.SendKeys(sel, "hai"))
	got := state()
	if !strings.HasPrefix(got, "true / Thực hiện: xây dựng 02 trường đạt chuẩn quốc gia / ") || !strings.Contains(got, "Chưa đọc được số") {
		t.Errorf("unreadable figure: %q, want it invalid, named \"Thực hiện: …\" and described by \"Chưa đọc được số\"", got)
	}
	browsertest.Do(t, ctx, chromedp.SetValue(sel, "3"))
	browsertest.Get(t, ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.getElementById(%q).dispatchEvent(new Event("input", {bubbles: true}))`, id)))
	if got := state(); !strings.HasPrefix(got, "- / ") || !strings.Contains(got, "Vượt") {
		t.Errorf("readable figure: %q, want it valid and described by its verdict", got)
	}
}

// After a step, the page's notice takes the focus; a leader's return
// without a reason puts the focus on the message at the top, whose link
// goes to the reason's field.
func TestBrowserConsolidatedReturnFocus(t *testing.T) {
	t.Parallel()
	ctx, base, _, _, page := liveDraft(t)
	active := func() string {
		return browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement ? (document.activeElement.id || document.activeElement.className) : ""`))
	}
	browsertest.Do(t, ctx, chromedp.Click(`#send`))
	waitOK(t, ctx, "send")
	if got := active(); got != "notice" {
		t.Errorf("after sending, the focus is on %q, want the notice", got)
	}
	browsertest.Do(t, ctx, chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
	browserLogin(t, ctx, base, "lanhdao")
	browsertest.Do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(`#approve`))
	browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.getElementById("comment").value = ""`))
	browsertest.Do(t, ctx,
		chromedp.Click(`button[value="return"]`),
		chromedp.WaitVisible(`#form-error`),
	)
	browsertest.WaitFor(t, ctx, `document.readyState === "complete"`)
	if got := active(); got != "form-error" {
		t.Errorf("after a return without a reason, the focus is on %q, want #form-error", got)
	}
	browsertest.Do(t, ctx, chromedp.Click(`#form-error a[href="#comment"]`))
	if got := active(); got != "comment" {
		t.Errorf("the message's link put the focus on %q, want #comment", got)
	}
}

// A refused cut-off day puts the focus on the message at the top, whose
// link goes to the field.
func TestBrowserCutoffRefusalFocus(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, _ := demoStore(t)
	browserLogin(t, ctx, base, "admin")
	browsertest.Do(t, ctx, chromedp.Navigate(base+"/admin/cutoff"), chromedp.WaitVisible(`#cutoff-0`))
	browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.getElementById("cutoff-0").value = "31"`))
	browsertest.Do(t, ctx, chromedp.Click(`#cutoff-0 ~ button`), chromedp.WaitVisible(`#form-error`))
	browsertest.WaitFor(t, ctx, `document.readyState === "complete"`)
	active := func() string {
		return browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
	}
	if got := active(); got != "form-error" {
		t.Errorf("after a refused day, the focus is on %q, want #form-error", got)
	}
	browsertest.Do(t, ctx, chromedp.Click(`#form-error a[href="#cutoff-0"]`))
	if got := active(); got != "cutoff-0" {
		t.Errorf("the message's link put the focus on %q, want #cutoff-0", got)
	}
}
