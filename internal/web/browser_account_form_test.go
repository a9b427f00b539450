package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
)

// focusInView says which control has the focus and whether it is inside
// the window, top to bottom: "current_password in view".
const focusInView = `(() => {
	const el = document.activeElement;
	if (!el || !el.id) return "nothing";
	const r = el.getBoundingClientRect();
	return el.id + (r.top >= 0 && r.bottom <= innerHeight ? " in view" : " out of view at " + Math.round(r.top));
})()`

// On a 390 px phone a refused form puts the first field to fix in the
// window, with the focus on it, however far down the page it is: the
// password form under an administrator's sessions and tokens, the user
// form's e-mail. A reader's account page has the password form first. On a
// 1366 px screen the same.
func TestBrowserRefusedFormShowsTheField(t *testing.T) {
	t.Parallel()
	base := demoServer(t)
	ctx := browsertest.New(t)
	for _, width := range []int64{390, 1366} {
		label := func(s string) string { return s + "-" + strconv.FormatInt(width, 10) }
		browsertest.Do(t, ctx, chromedp.EmulateViewport(width, map[int64]int64{390: 844, 1366: 768}[width]))
		refused := func(t *testing.T, label, want string) {
			t.Helper()
			browsertest.WaitFor(t, ctx, `document.querySelector("[aria-invalid=true]") !== null && document.readyState === "complete"`)
			// The browser applies autofocus when it next renders, which on
			// a loaded machine can come after "complete": wait for a
			// control to hold the focus before asking which.
			browsertest.WaitFor(t, ctx, `document.activeElement !== null && document.activeElement !== document.body`)
			if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](focusInView)); got != want {
				t.Errorf("%s: the focus is on %s; want %s", label, got, want)
			}
			windowShot(t, ctx, label)
		}
		// The user form has a #username too: wait for the login page.
		logout := func() {
			browsertest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("header details.menu:not([open]) > summary");
				if (s && getComputedStyle(s).display !== "none") s.click(); })()`), chromedp.Click(`form[action="/logout"] button`))
			browsertest.WaitFor(t, ctx, `document.querySelector('form[action="/login"]') !== null && document.readyState === "complete"`)
		}
		changePassword := func(current, pw, confirm string) {
			browsertest.Do(t, ctx,
				chromedp.Navigate(base+"/account"),
				chromedp.WaitVisible(`#current_password`),
				chromedp.SendKeys(`#current_password`, current),
				chromedp.SendKeys(`#password`, pw),
				chromedp.SendKeys(`#password_confirm`, confirm),
				chromedp.Submit(`#password_confirm`),
			)
		}

		browserLogin(t, ctx, base, "admin")
		changePassword("sai mật khẩu rồi", "một câu mới dễ nhớ", "một câu khác hẳn")
		refused(t, label("account-admin"), "current_password in view")
		if top := browsertest.Get(t, ctx, chromedp.Evaluate[string](`(document.querySelector("#form-error") || {}).textContent || ""`)); !strings.Contains(top, "Ô cần sửa: Mật khẩu hiện tại, Nhập lại mật khẩu mới.") {
			t.Errorf("the message at the top: %q; want the fields to fix named", top)
		}

		browsertest.Do(t, ctx,
			chromedp.Navigate(base+"/admin/users/new"),
			chromedp.WaitVisible(`#username`),
			chromedp.SendKeys(`#username`, "canbo"),
			chromedp.SendKeys(`#email`, "a@x"),
			chromedp.SendKeys(`#password`, "ngắn"),
			chromedp.Submit(`#password`),
		)
		refused(t, label("user-form"), "email in view")
		logout()

		browserLogin(t, ctx, base, "huyenuy")
		changePassword(pw, "một câu mới dễ nhớ", "một câu khác hẳn")
		refused(t, label("account-reader"), "password_confirm in view")
		if order := browsertest.Get(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("main h2")].map(h => h.textContent).join(" / ")`)); !strings.HasPrefix(order, "Đổi mật khẩu / Phiên đăng nhập") {
			t.Errorf("a reader's account page: %s; want the password form first", order)
		}
		logout()
	}
}

// windowShot saves what the window shows (not the whole page) when the
// tests run verbose with browsertest.EnvArtifacts set.
func windowShot(t *testing.T, ctx context.Context, label string) {
	t.Helper()
	dir := os.Getenv(browsertest.EnvArtifacts)
	if dir == "" || !testing.Verbose() {
		return
	}
	png := browsertest.Get(t, ctx, chromedp.CaptureScreenshot())
	path := filepath.Join(dir, "refused-"+label+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot saved: %s", path)
}
