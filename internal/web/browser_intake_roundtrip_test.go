package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
)

// In Chromium: the preview sent back twice (two "Thêm chỉ tiêu") keeps
// the source as the first preview had it, blank first lines included, so
// the tasks still point to their lines, and the warning about the unit the
// directive does not address stays beside its own task numbered 12.
func TestBrowserIntakeRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base := demoServer(t)
	seed := browserPreview(t, ctx, base, "../../testdata/directives/huu-lung-2022-06.txt", `#create`)
	const state = `({Source: document.querySelector('textarea[name=source]').value,
		Lines: [...document.querySelectorAll('fieldset.task legend a')].map(a => a.getAttribute('href') + ' ' + a.textContent).join('|'),
		Warned: [...document.querySelectorAll('fieldset.task')].filter(f => (f.querySelector('ul.warn') || {}).textContent?.includes('Tài chính - Kế hoạch')).map(f => f.id).join(' ')})`
	type view struct{ Source, Lines, Warned string }
	first := browsertest.Get(t, ctx, chromedp.Evaluate[view](state))
	if first.Source != seed || !strings.Contains(first.Lines, "#L63 dòng 63 trong văn bản") || first.Warned != "task-12" {
		t.Fatalf("first preview: source starts %q, links %s, warning beside %q", first.Source[:min(10, len(first.Source))], first.Lines, first.Warned)
	}
	for i, task := range []string{"12", "0"} {
		browsertest.Do(t, ctx,
			chromedp.Evaluate[chromedp.Void](`document.body.dataset.old = "1"`), // gone once the next page is in
			chromedp.Click(`button[value="add-target:`+task+`"]`),
			chromedp.WaitNotPresent(`body[data-old]`),
			chromedp.WaitVisible(`#create`),
		)
		got := browsertest.Get(t, ctx, chromedp.Evaluate[view](state))
		if got.Source != first.Source {
			t.Errorf("after %d round trips the source starts %q, want %q", i+1, got.Source[:10], first.Source[:10])
		}
		if got.Lines != first.Lines {
			t.Errorf("after %d round trips the tasks' links are\n%s\nwant\n%s", i+1, got.Lines, first.Lines)
		}
		if got.Warned != first.Warned {
			t.Errorf("after %d round trips the warning about Phòng Tài chính - Kế hoạch is beside %q, want %q", i+1, got.Warned, first.Warned)
		}
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `#task-12`, "task-12")
		browsertest.ScreenshotOf(t, ctx, `form.intake-form > fieldset > fieldset`, "kinh-gui")
	}
}
