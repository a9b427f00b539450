package web_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
)

// A refused upload, swapped in by htmx, still shows the Vietnamese file
// field: the <noscript> stylesheet that brings back the browser's own
// "Choose File / No file chosen" stays off while JavaScript runs.
func TestBrowserBulkErrorKeepsVietnameseField(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base := demoServer(t)
	bad := filepath.Join(t.TempDir(), "danh-sach.xlsx")
	if err := os.WriteFile(bad, []byte("không phải bảng tính"), 0o644); err != nil {
		t.Fatal(err)
	}
	browserLogin(t, ctx, base, "admin")
	browsertest.Do(t, ctx,
		chromedp.Navigate(base+"/admin/bulk"),
		chromedp.WaitVisible(`label.file-button`),
		chromedp.SetUploadFiles(`#file`, []string{bad}),
		chromedp.Click(`form.bulk-upload button[type=submit]`),
		chromedp.WaitVisible(`main .alert`),
	)
	type state struct {
		Button, Name string
		ButtonShown  bool
		NameShown    bool
		Clip         string
		NoJS         []string // nojs.css sheets in force
		InputHidden  string
	}
	// Give a stylesheet swapped in a moment to load and apply.
	browsertest.WaitFor(t, ctx, `document.readyState === "complete"`)
	browsertest.Do(t, ctx, chromedp.Sleep(300e6))
	s := browsertest.Get(t, ctx, chromedp.Evaluate[state](`(() => {
		const b = document.querySelector("label.file-button"), n = document.getElementById("file-name"), f = document.getElementById("file");
		const shown = el => getComputedStyle(el).display !== "none" && el.getBoundingClientRect().width > 0;
		const nojs = [...document.styleSheets].filter(s => s.href && s.href.includes("/css/nojs.") && !s.disabled).map(s => s.href);
		return {Button: b.textContent, Name: n.textContent, ButtonShown: shown(b), NameShown: shown(n),
			Clip: getComputedStyle(f).clipPath, NoJS: nojs, InputHidden: getComputedStyle(f).position};
	})()`))
	if s.Button != "Chọn tệp…" || !s.ButtonShown || s.Name != "Chưa chọn tệp" || !s.NameShown {
		t.Errorf("after the refusal the Vietnamese field is not shown: %+v", s)
	}
	if s.Clip == "none" || s.InputHidden != "absolute" {
		t.Errorf("after the refusal the browser's own file field shows (clip-path %s, position %s)", s.Clip, s.InputHidden)
	}
	if len(s.NoJS) > 0 {
		t.Errorf("nojs.css is in force with JavaScript running: %v", s.NoJS)
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `form.bulk-upload`, "refused")
	}
}
