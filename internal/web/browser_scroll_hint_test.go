package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
)

// A table wider than a phone says, above it, that it scrolls sideways; on a
// wide screen, where it fits, it says nothing, and narrowing the window
// brings the line back.
func TestBrowserWideTableSaysItScrolls(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := browsertest.New(t)
	browserLogin(t, ctx, base, "vanphong")
	const hints = `document.querySelectorAll(".scroll-hint + .table-wrap, .scroll-hint + .matrix-wrap").length`
	const wraps = `document.querySelectorAll(".table-wrap, .matrix-wrap").length`
	round := fmt.Sprintf("%s/rounds/%d", base, liveRoundID(t, st))

	browsertest.Do(t, ctx, chromedp.EmulateViewport(1400, 900), chromedp.Navigate(round), chromedp.WaitVisible(`table.matrix`))
	wide := browsertest.Get(t, ctx, chromedp.Evaluate[int](`[...document.querySelectorAll(".table-wrap, .matrix-wrap")].filter(w => w.scrollWidth > w.clientWidth + 1).length`))
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](hints)); n != wide {
		t.Errorf("at 1400 px, %d regions say they scroll, %d do", n, wide)
	}

	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(round), chromedp.WaitVisible(`table.matrix`))
	n := browsertest.Get(t, ctx, chromedp.Evaluate[int](hints))
	all := browsertest.Get(t, ctx, chromedp.Evaluate[int](wraps))
	if n == 0 || n > all {
		t.Errorf("at 390 px, %d of %d table regions say they scroll, want the ones that do (the matrix and the targets at least)", n, all)
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `section[aria-labelledby=targets-h] .scroll-hint`, "phone-hint")
	}
}
