package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// A value kept before values had a bound (1e300, "1.000.000…%" written
// out in some 400 characters) made the office's view of the report 3.645
// px wide on a phone and the round page's value cell 3.620 px. The store
// now refuses such a value, but the longest it takes (just under 2^53,
// 22 characters) still wraps inside its cell: no page is wider than the window, the cell no
// wider than a column, and an ordinary value beside it stays on one line.
func TestBrowserLongValueWrapsInItsCell(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := browsertest.New(t)
	bg := context.Background()
	r, pnv := pnvRound(t, st, "Đợt thử số liệu rất lớn", &tiendo.Task{Label: "1", Text: "Giảm nghèo bền vững",
		Targets: []*tiendo.Target{{Text: "Giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"}}})
	u, err := st.UserByUsername(bg, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := st.Report(bg, u, r.ID, pnv.ID)
	if err != nil {
		t.Fatal(err)
	}
	huge, same := 9e15, 2.3 // "9.000.000.000.000.000%"
	sec := rep.Sections[0]
	sec.Status, sec.ResultVsPlan = "on_track", "Đã triển khai."
	sec.Actuals[0].Value, sec.Actuals[0].SamePeriod = &huge, &same
	if err := st.SaveReport(bg, store.Actor{}, u, rep); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActOnReport(bg, store.Actor{}, u, r.ID, pnv.ID, store.ActRequest{Action: tiendo.ReportSubmit, Version: rep.Version, Confirm: true}); err != nil {
		t.Fatal(err)
	}
	browserLogin(t, ctx, base, "vanphong")
	const measure = `(() => {
		const cells = [...document.querySelectorAll("td")];
		const big = cells.find(c => c.textContent.includes("000.000.000.000")), small = cells.find(c => c.textContent.trim() === "2,3%");
		const r = document.createRange();
		r.selectNodeContents(small);
		const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size;
		return [document.documentElement.scrollWidth, Math.round(big.getBoundingClientRect().width), lines];
	})()`
	for _, page := range []struct{ path, ready string }{
		{fmt.Sprintf("/rounds/%d/reports/pnv", r.ID), `table.stack`},
		{fmt.Sprintf("/rounds/%d", r.ID), `table.targets-table`},
	} {
		for _, w := range []int64{390, 1366} {
			browsertest.Do(t, ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(base+page.path), chromedp.WaitVisible(page.ready))
			got := browsertest.Get(t, ctx, chromedp.Evaluate[[]int](measure))
			if got[0] > int(w) {
				t.Errorf("%s at %d px: the page is %d px wide", page.path, w, got[0])
			}
			if got[1] > 400 {
				t.Errorf("%s at %d px: the huge value's cell is %d px wide", page.path, w, got[1])
			}
			if got[2] != 1 {
				t.Errorf("%s at %d px: “2,3%%” takes %d lines", page.path, w, got[2])
			}
		}
	}
}
