package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// In a browser at 1366 px: the office sorts the matrix by state with a
// click on its header, then opens the "đôn đốc" form, unticks two units
// (the button counts the others), adds a note and presses: the two are not
// chased, the others are, with the note in their bell.
func TestBrowserSortAndChaseChosenUnits(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	live := liveRoundID(t, st)
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx,
		chromedp.Navigate(base+"/rounds/"+itoa(live)),
		chromedp.WaitVisible(`#matrix-h`),
		chromedp.Click(`table.matrix thead th:nth-child(2) a.sort`),
	)
	browsertest.WaitFor(t, ctx, `location.search.includes("sort=state") && document.readyState === "complete" && !!document.querySelector("#matrix-h")`)
	if aria := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.querySelector("table.matrix thead th:nth-child(2)").getAttribute("aria-sort")`)); aria != "ascending" {
		t.Errorf("after the click, “Báo cáo” has aria-sort %q, want ascending", aria)
	}
	first := browsertest.Get(t, ctx, chromedp.Text(`table.matrix tbody tr:first-child td:nth-child(2)`))
	last := browsertest.Get(t, ctx, chromedp.Text(`table.matrix tbody tr:last-child td:nth-child(2)`))
	if !strings.Contains(first, "Chưa bắt đầu") || !strings.Contains(last, "Đúng hạn") {
		t.Errorf("sorted by state the matrix runs from %q to %q", first, last)
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `section[aria-labelledby="matrix-h"]`, "matrix-by-state")
	}

	// The form: untick the first two units; the button counts the rest.
	browsertest.Do(t, ctx,
		chromedp.Click(`.nudge-pick summary`),
		chromedp.WaitVisible(`.chase-list`),
	)
	all := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#nudge-form input[name="unit"]:checked').length`))
	if all < 3 {
		t.Fatalf("the form ticks %d units, want the demo's units owing", all)
	}
	// "Bỏ chọn tất cả" unticks every unit and the button says there is
	// none to chase; "Chọn tất cả" ticks them again.
	browsertest.Do(t, ctx, chromedp.Click(`.chase-all button:nth-child(2)`))
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#nudge-form input[name="unit"]:checked').length`)); n != 0 {
		t.Errorf("after \"Bỏ chọn tất cả\" %d units are ticked, want none", n)
	}
	if label := browsertest.Get(t, ctx, chromedp.Text(`#nudge`)); label != "Chưa chọn đơn vị nào để đôn đốc" {
		t.Errorf("with none ticked the button says %q", label)
	}
	browsertest.Do(t, ctx, chromedp.Click(`.chase-all button:nth-child(1)`))
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#nudge-form input[name="unit"]:checked').length`)); n != all {
		t.Errorf("after \"Chọn tất cả\" %d units are ticked, want %d", n, all)
	}
	skipped := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#nudge-form input[name="unit"]:checked')].slice(0, 2).map(b => { b.click(); return b.value })`))
	label := browsertest.Get(t, ctx, chromedp.Text(`#nudge`))
	if want := "Đôn đốc " + itoa(int64(all-2)) + " đơn vị đã chọn"; label != want {
		t.Errorf("with two unticked the button says %q, want %q", label, want)
	}
	browsertest.Do(t, ctx, chromedp.SendKeys(`#nudge-note`, "Đề nghị gửi trước 16 giờ hôm nay để kịp tổng hợp."))
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `#nudge-form`, "chase-form")
	}
	browsertest.Do(t, ctx, chromedp.Click(`#nudge`))
	browsertest.WaitFor(t, ctx, `document.documentElement.hasAttribute("data-reminded") && document.readyState === "complete"`)
	notice := browsertest.Get(t, ctx, chromedp.Text(`#nudge-result`))
	for _, want := range []string{"Đã gửi đôn đốc đến " + itoa(int64(all-2)) + " đơn vị", "Không đôn đốc vì không được chọn: "} {
		if !strings.Contains(notice, want) {
			t.Errorf("the notice lacks %q:\n%s", want, notice)
		}
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `section[aria-labelledby="rates-h"]`, "chase-result")
	}
	// The units unticked have nothing in their bell; the others the note.
	bg := context.Background()
	states, err := st.ReportStates(bg, live)
	if err != nil {
		t.Fatal(err)
	}
	for unitID, s := range states {
		if s.Status.Sent() {
			continue
		}
		unit, err := st.Unit(bg, unitID)
		if err != nil {
			t.Fatal(err)
		}
		reporter, err := st.UserByUsername(bg, unit.Code)
		if err != nil {
			continue // no account: not chased
		}
		items, _, _ := st.Notifications(bg, reporter, 20)
		var got []string
		for _, n := range items {
			if n.Kind == store.KindAdhoc {
				got = append(got, n.Title)
			}
		}
		unticked := itoa(unitID) == skipped[0] || itoa(unitID) == skipped[1]
		switch {
		case unticked && len(got) != 0:
			t.Errorf("%s was unticked, yet its bell has %q", unit.Name, got)
		case !unticked && (len(got) != 1 || !strings.HasSuffix(got[0], "Ghi chú: Đề nghị gửi trước 16 giờ hôm nay để kịp tổng hợp.")):
			t.Errorf("%s's bell: %q, want the đôn đốc with the note", unit.Name, got)
		}
	}
}
