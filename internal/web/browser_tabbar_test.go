package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tiendo"
	"tiendo/internal/browsertest"
)

// Tabbing through a long report form never leaves the focused field under
// the bar of buttons stuck to the bottom of the window.
func TestBrowserTabKeepsFieldAboveBar(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	var tasks []*tiendo.Task
	for i := 1; i <= 4; i++ {
		tasks = append(tasks, &tiendo.Task{Label: fmt.Sprint(i), Text: fmt.Sprintf("Nhiệm vụ thử số %d", i),
			Targets: []*tiendo.Target{{Text: "tỷ lệ hồ sơ đúng hạn đạt 95%", Comparator: tiendo.AtLeast, Value: 95, Unit: "%"}}})
	}
	r, _ := pnvRound(t, st, "Đợt thử bàn phím", tasks...)
	browserLogin(t, ctx, base, "pnv")
	browsertest.Do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/rounds/%d/reports/pnv", base, r.ID)), chromedp.WaitVisible(`#report-form`))
	// hidden is the focused field of the form when it sits under the bar
	// (less than two lines of it above the bar's top), else "".
	const hidden = `(() => {
		const a = document.activeElement, bar = document.querySelector(".form-actions"), form = document.getElementById("report-form");
		if (!a || !bar || bar.contains(a) || !form.contains(a) || a.type === "hidden") return "";
		const r = a.getBoundingClientRect(), b = bar.getBoundingClientRect();
		return Math.min(r.bottom, r.top + 40) > b.top + 1 ? (a.name || a.id) + " at " + Math.round(r.top) + ", bar at " + Math.round(b.top) : "";
	})()`
	reached := 0
	for range 60 {
		browsertest.Do(t, ctx, chromedp.KeyEvent(kb.Tab))
		if h := browsertest.Get(t, ctx, chromedp.Evaluate[string](hidden)); h != "" {
			t.Errorf("the focused field is under the bar of buttons: %s", h)
		}
		if browsertest.Get(t, ctx, chromedp.Evaluate[bool](`document.getElementById("report-form").contains(document.activeElement)`)) {
			reached++
		}
	}
	if reached < 10 {
		t.Fatalf("Tab reached only %d fields of the form", reached)
	}
}
