package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// The office edits the consolidated report over two lines while its
// session ends elsewhere, and saves: the page that says so keeps the edit;
// logged in again in another tab, “Gửi lại” in this one saves it, line
// breaks and all.
func TestBrowserSessionExpiredResend(t *testing.T) {
	t.Parallel()
	ctx, base, st, live, _ := liveDraft(t)
	bg := context.Background()
	typed := "Đoạn mở đầu sửa tay, dòng một.\nDòng hai: “không mất” & <giữ nguyên>."
	browsertest.Do(t, ctx, chromedp.SetValue(`#p0-text`, typed))

	u, err := st.UserByUsername(bg, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetPassword(bg, store.Actor{}, u.ID, pw); err != nil { // ends every session
		t.Fatal(err)
	}
	browsertest.Do(t, ctx, chromedp.Click(`button[name="op"][value="save"]`), chromedp.WaitVisible(`#resend`))
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "expired")
	}

	tab, cancel := chromedp.NewContext(ctx) // another tab, the same cookies
	defer cancel()
	browserLogin(t, tab, base, "vanphong")

	browsertest.Do(t, ctx, chromedp.Click(`#resend`))
	waitOK(t, ctx, "saved")
	doc, err := st.Doc(bg, u, live.ID, tiendo.DocReport)
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Parts[0].Text; got != typed {
		t.Errorf("saved opening %q, want %q", got, typed)
	}
	if strings.Contains(browsertest.Get(t, ctx, chromedp.Text(`main`)), "hết hạn") {
		t.Error("the page after “Gửi lại” still says the session ended")
	}
}
