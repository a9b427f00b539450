package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiendo/internal/api"
	"tiendo/internal/browsertest"
	"tiendo/internal/demo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
	"tiendo/internal/web"
)

// demoServer serves the demo on a real store at a free port.
func demoServer(t *testing.T) string {
	t.Helper()
	base, _ := demoStore(t)
	return base
}

// demoStore is demoServer that also returns the store.
func demoStore(t *testing.T) (string, *store.Store) {
	t.Helper()
	st := storetest.Open(t)
	if _, err := demo.Load(context.Background(), st, pw, time.Now()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.New(web.Config{}, st, api.New(st, log), log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL, st
}

func browserLogin(t *testing.T, ctx context.Context, base, username string) {
	t.Helper()
	browsertest.Do(t, ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`#username`),
		chromedp.SendKeys(`#username`, username),
		chromedp.SendKeys(`#password`, pw),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`form[action="/logout"]`),
	)
}

func TestBrowserOfficeSeesLiveRound(t *testing.T) {
	ctx := browsertest.New(t)
	base := demoServer(t)
	browserLogin(t, ctx, base, "vanphong")
	heading := browsertest.Get(t, ctx, chromedp.Text(`main h1`))
	live := browsertest.Get(t, ctx, chromedp.Text(`#live + article`))
	if !strings.Contains(heading, "Chào") {
		t.Errorf("home heading = %q", heading)
	}
	for _, want := range []string{"nhiệm vụ trọng tâm", "còn 3 ngày", "Đã gửi 4/12", "13 nhiệm vụ"} {
		if !strings.Contains(live, want) {
			t.Errorf("live round card lacks %q:\n%s", want, live)
		}
	}
	// Open it: the units and the tasks are there.
	browsertest.Do(t, ctx,
		chromedp.Click(`#live + article h3 a`),
		chromedp.WaitVisible(`#tasks-h`),
	)
	page := browsertest.Get(t, ctx, chromedp.Text(`main`))
	for _, want := range []string{"Tình hình gửi báo cáo", "Trung tâm Phát triển quỹ đất", "Phòng Tài chính - Kế hoạch"} {
		if !strings.Contains(page, want) {
			t.Errorf("round page lacks %q", want)
		}
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "round")
		browsertest.ScreenshotOf(t, ctx, `section[aria-labelledby="matrix-h"]`, "matrix")
		browsertest.ScreenshotOf(t, ctx, `section[aria-labelledby="targets-h"]`, "targets")
	}
}
