package web_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"tiendo/internal/browsertest"
)

// The office turns on the second factor in a real browser (the QR code
// drawn, the key to type by hand, the recovery codes shown once) and then
// logs in with the password and a code.
func TestBrowserTwoFactor(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	var mu sync.Mutex
	now := time.Now().UTC()
	st.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	code := func(secret string) string {
		mu.Lock()
		at := now
		mu.Unlock()
		c, err := totp.GenerateCode(secret, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx,
		chromedp.Navigate(base+"/account"),
		chromedp.Click(`a[href="/account/2fa"]`),
		chromedp.WaitVisible(`form[action="/account/2fa/start"] button`),
		chromedp.Click(`form[action="/account/2fa/start"] button`),
		chromedp.WaitVisible(`#totp-secret`),
	)
	// The QR code is an image that loaded (the CSP lets a data: URL through).
	if w := browsertest.Get(t, ctx, chromedp.Evaluate[float64](`document.querySelector(".qr img").naturalWidth`)); w < 200 {
		t.Errorf("QR image natural width %v, want it drawn", w)
	}
	browsertest.Screenshot(t, ctx, "setup")
	secret := strings.ReplaceAll(browsertest.Get(t, ctx, chromedp.Text(`#totp-secret`)), " ", "")
	browsertest.Do(t, ctx,
		chromedp.SendKeys(`#password`, pw),
		chromedp.SendKeys(`#code`, code(secret)),
		chromedp.Submit(`#code`),
		chromedp.WaitVisible(`#recovery-codes`),
	)
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#recovery-codes li").length`)); n != 10 {
		t.Errorf("%d recovery codes shown, want 10", n)
	}
	if msg := browsertest.Get(t, ctx, chromedp.Text(`#others-ended`)); !strings.Contains(msg, "Các phiên đăng nhập khác của tài khoản đã được đăng xuất") {
		t.Errorf("after turning it on: %q, want the page to say the other sessions were logged out", msg)
	}
	browsertest.Screenshot(t, ctx, "recovery-codes")

	browsertest.Do(t, ctx,
		chromedp.Click(`form[action="/logout"] button`),
		chromedp.WaitVisible(`#username`),
	)
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	browsertest.Do(t, ctx,
		chromedp.SendKeys(`#username`, "vanphong"),
		chromedp.SendKeys(`#password`, pw),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`form[action="/login/code"] #code`),
	)
	browsertest.Screenshot(t, ctx, "code-form")
	browsertest.Do(t, ctx,
		chromedp.SendKeys(`#code`, code(secret)),
		chromedp.Submit(`#code`),
		chromedp.WaitVisible(`form[action="/logout"]`),
	)
	if h := browsertest.Get(t, ctx, chromedp.Text(`main h1`)); !strings.Contains(h, "Chào") {
		t.Errorf("after the code: heading %q, want the office's home page", h)
	}
}
