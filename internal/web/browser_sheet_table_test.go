package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
)

// brokenWordsJS lists the words of the document's table that the browser
// cut across two lines ("71,⏎3", "Chư⏎a⏎đạt", "1⏎0"). A line may end
// after a hyphen ("LĐ-⏎TB&XH"), as on paper; nowhere else inside a word.
const brokenWordsJS = `(() => {
	const out = [];
	for (const cell of document.querySelectorAll(".sheet-table :is(th, td)")) {
		const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			for (const m of n.data.matchAll(/[^\s-]+-?/g)) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
				if (lines.size > 1) out.push(m[0]);
			}
		}
	}
	return out;
})()`

// The consolidated report's table of targets ("BẢNG TỔNG HỢP KẾT QUẢ…")
// on a phone was squeezed to the page's width, cutting numbers and words
// inside its cells. Now no word is cut: on a phone the table scrolls
// sideways inside the page, says so above it and keeps its title in
// sight; on a wide screen and on paper it keeps the printed layout.
func TestBrowserSheetTableScrollsOnAPhone(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := browsertest.New(t)
	browserLogin(t, ctx, base, "vanphong")
	round := liveRoundID(t, st)
	browsertest.Do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/rounds/%d/consolidated", base, round)), chromedp.Click(`#draft`), chromedp.WaitVisible(`#send`))
	print := fmt.Sprintf("%s/rounds/%d/consolidated/print", base, round)

	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(print), chromedp.WaitVisible(`.sheet-table tbody tr`))
	if broken := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](brokenWordsJS)); len(broken) > 0 {
		t.Errorf("at 390 px, words cut inside the table: %q", broken)
	}
	if w := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("at 390 px, the page is %d px wide", w)
	}
	if !browsertest.Get(t, ctx, chromedp.Evaluate[bool](`(() => { const t = document.querySelector(".sheet-table"); return t.scrollWidth > t.clientWidth + 1; })()`)) {
		t.Errorf("at 390 px, the table does not scroll sideways")
	}
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".scroll-hint + .sheet-table").length`)); n != 1 {
		t.Errorf("at 390 px, %d lines above the table say it scrolls, want 1", n)
	}
	if !browsertest.Get(t, ctx, chromedp.Evaluate[bool](`document.querySelector(".sheet-table").tabIndex === 0`)) {
		t.Errorf("at 390 px, the scrolling table cannot be reached with Tab")
	}
	// Scrolled to its last column, the title is still in sight.
	left := browsertest.Get(t, ctx, chromedp.Evaluate[float64](`(() => {
		const t = document.querySelector(".sheet-table");
		t.scrollLeft = t.scrollWidth;
		return t.querySelector("caption").getBoundingClientRect().left - t.getBoundingClientRect().left;
	})()`))
	if left < -1 {
		t.Errorf("scrolled to the right, the table's title moved %.0f px out of sight", -left)
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `.sheet-table`, "phone")
	}

	// On a wide screen the table is as on paper: as wide as the text
	// (165 mm), fixed columns, nothing to scroll, no line about scrolling.
	browsertest.Do(t, ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(print), chromedp.WaitVisible(`.sheet-table tbody tr`))
	wide := browsertest.Get(t, ctx, chromedp.Evaluate[string](`(() => {
		const t = document.querySelector(".sheet-table"), s = getComputedStyle(t);
		return s.display + " " + s.tableLayout + " " + Math.round(t.getBoundingClientRect().width) + " " + (t.scrollWidth > t.clientWidth + 1) + " " + document.querySelectorAll(".scroll-hint").length;
	})()`))
	if want := "table fixed 624 false 0"; wide != want {
		t.Errorf("at 1366 px, the table is %q (display, layout, width, scrolls, hints), want %q", wide, want)
	}

	// On paper, even from a phone's window, the table is the printed one.
	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(print), chromedp.WaitVisible(`.sheet-table tbody tr`),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}))
	paper := browsertest.Get(t, ctx, chromedp.Evaluate[string](`(() => {
		const t = document.querySelector(".sheet-table"), s = getComputedStyle(t), c = getComputedStyle(t.querySelector("td"));
		return s.display + " " + s.tableLayout + " " + s.overflowX + " " + c.overflowWrap;
	})()`))
	if want := "table fixed visible anywhere"; paper != want {
		t.Errorf("printed, the table is %q (display, layout, overflow, cell wrapping), want %q", paper, want)
	}
}
