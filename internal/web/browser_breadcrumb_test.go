package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
)

// On a phone the breadcrumbs wrap to a new line; no item is squeezed into
// a column a word wide ("Báo / cáo / tổng / hợp").
func TestBrowserBreadcrumbsOnAPhone(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	rounds, err := st.Rounds(t.Context(), &tiendo.User{Role: tiendo.RoleOffice})
	if err != nil || len(rounds) == 0 {
		t.Fatalf("rounds: %v", err)
	}
	ctx := browsertest.New(t)
	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 800))
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/rounds/%d/consolidated", base, rounds[len(rounds)-1].ID)),
		chromedp.WaitVisible(`nav.breadcrumb`))
	squeezed := browsertest.Get(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("nav.breadcrumb li")]
		.filter(l => { const r = document.createRange(); r.selectNodeContents(l);
			return new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size > 1 && l.getBoundingClientRect().width < 200; })
		.map(l => l.textContent.trim()).join(" | ")`))
	if squeezed != "" {
		t.Errorf("breadcrumbs squeezed into a narrow column at 390 px: %s", squeezed)
	}
}
