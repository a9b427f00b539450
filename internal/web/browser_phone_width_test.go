package web_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
)

// On a 390 px phone no page scrolls sideways: a long breadcrumb wraps with
// its "/" separators inside the page, and the preview sheet's national
// title shrinks to stay on one line rather than break as "…VIỆT / NAM".
func TestBrowserPhoneWidth(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	rounds, err := st.Rounds(t.Context(), &tiendo.User{Role: tiendo.RoleOffice})
	if err != nil || len(rounds) == 0 {
		t.Fatalf("rounds: %v", err)
	}
	past := rounds[len(rounds)-1] // the 2022 round, with its reports in
	ctx := browsertest.New(t)
	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844))

	// overflow lists what sticks out past the viewport's right edge.
	const overflow = `(() => {
		const w = document.documentElement.clientWidth, out = [];
		for (const el of document.querySelectorAll("body *")) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > w + 0.5) out.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " to " + Math.round(r.right));
		}
		return out.slice(0, 5).join(", ");
	})()`
	check := func(t *testing.T, label, url, ready string) {
		t.Helper()
		if url != "" { // "": the page already shown
			browsertest.Do(t, ctx, chromedp.Navigate(url))
		}
		browsertest.Do(t, ctx, chromedp.WaitVisible(ready))
		if w := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
			t.Errorf("%s is %d px wide at 390 px, want no sideways scroll (%s)", label, w, browsertest.Get(t, ctx, chromedp.Evaluate[string](overflow)))
		}
		if testing.Verbose() {
			browsertest.Screenshot(t, ctx, label)
		}
	}

	browserLogin(t, ctx, base, "pnv")
	check(t, "report", fmt.Sprintf("%s/rounds/%d/reports/pnv", base, past.ID), `nav.breadcrumb`)
	browserLogout(t, ctx)

	browserLogin(t, ctx, base, "vanphong")
	check(t, "round", fmt.Sprintf("%s/rounds/%d", base, past.ID), `main h1`)
	consolidated := fmt.Sprintf("%s/rounds/%d/consolidated", base, past.ID)
	// The demo's 2022 report is issued: its page shows the sheet.
	check(t, "consolidated", consolidated, `.sheet .sheet-title`)

	// A directive's preview, whose hidden first button (Enter's default)
	// once kept Pico's full width and widened the page.
	directive, err := os.ReadFile(filepath.Join("..", "..", "testdata", "directives", "huu-lung-2022-06.txt"))
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Do(t, ctx, chromedp.Navigate(base+"/rounds/new"), chromedp.WaitVisible(`#text`),
		chromedp.SetValue(`#text`, string(directive)), chromedp.Click(`form[action="/rounds/new"] button[type="submit"]`))
	check(t, "preview", "", `.intake-form`)

	browsertest.Do(t, ctx, chromedp.Navigate(consolidated), chromedp.WaitVisible(`.sheet .sheet-title`))
	// The national title is one line: its text has one line box, and the
	// paragraph is no taller than its line height.
	lines := browsertest.Get(t, ctx, chromedp.Evaluate[string](`(() => {
		const p = document.querySelector(".sheet .sheet-title"), r = document.createRange();
		r.selectNodeContents(p);
		const tops = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
		const s = getComputedStyle(p);
		return tops.size + " line(s), " + Math.round(p.getBoundingClientRect().height) + " px high, line " + Math.round(parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.2) + " px, " + s.fontSize;
	})()`))
	var n, h, lh int
	var size string
	if _, err := fmt.Sscanf(lines, "%d line(s), %d px high, line %d px, %s", &n, &h, &lh, &size); err != nil {
		t.Fatalf("reading %q: %v", lines, err)
	}
	if n != 1 || h > lh+2 {
		t.Errorf("the national title at 390 px: %s; want one line", lines)
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `.sheet-head`, "sheet-head")
	}
}
