package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
)

// The register's ten columns read on a laptop (1366 px) without the page
// scrolling sideways, the subject and the recipients wide enough for a few
// words a line; on a phone (390 px) each line is a card whose facts say
// what they are ("Nơi nhận: …"), the clerk's form opening inside it.
func TestBrowserRegister(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	office := x.login("vanphong")
	r := printRound(t, x)
	c := issueReport(t, x, office, r)
	issueDirective(t, x, office, r)
	year := c.IssuedAt.Format("2006")
	resp := x.post(office, "/register/2/note", url.Values{"year": {year}, "receipt": {"Phòng Nội vụ, Công an huyện đã mở trên tiendo"},
		"note": {"Gửi thêm bản giấy có đóng dấu cho TT HĐND huyện\nngày hôm sau"}, "version": {registerVersion(x, office, 2, year)}})
	resp.Body.Close()

	ctx := browsertest.New(t)
	browserLogin(t, ctx, x.srv.URL, "vanphong")
	// widths measures the register's columns, and the page's scroll width.
	const widths = `(() => {
		const ths = [...document.querySelectorAll("table.register thead th")].map(th => Math.round(th.getBoundingClientRect().width));
		return document.documentElement.scrollWidth + " " + ths.join(",");
	})()`
	for _, vp := range []struct{ w, h int }{{1366, 900}, {390, 844}} {
		t.Run(fmt.Sprint(vp.w), func(t *testing.T) {
			browsertest.Do(t, ctx, chromedp.EmulateViewport(int64(vp.w), int64(vp.h)),
				chromedp.Navigate(x.srv.URL+"/register"), chromedp.WaitVisible(`table.register tbody tr`))
			var scroll int
			var cols []int
			got := browsertest.Get(t, ctx, chromedp.Evaluate[string](widths))
			fields := strings.Fields(got)
			fmt.Sscan(fields[0], &scroll)
			if scroll > vp.w {
				t.Errorf("the register is %d px wide at %d px: it scrolls sideways", scroll, vp.w)
			}
			if vp.w == 1366 {
				for _, f := range strings.Split(fields[1], ",") {
					var n int
					fmt.Sscan(f, &n)
					cols = append(cols, n)
				}
				// The subject (3) and the recipients (5) take the room.
				if len(cols) != 10 || cols[2] < 200 || cols[4] < 160 {
					t.Errorf("columns at 1366 px: %v; want 10, the subject at least 200 px and the recipients 160 px", cols)
				}
				// The clerk's form opened in its cell keeps the page within the screen.
				browsertest.Do(t, ctx, chromedp.Click(`#dong-2 details.register-edit summary`), chromedp.WaitVisible(`#note-2`))
				if w := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > vp.w {
					t.Errorf("the clerk's form opened at %d px makes the page %d px wide: it scrolls sideways", vp.w, w)
				}
				browsertest.Do(t, ctx, chromedp.Click(`#dong-2 details.register-edit summary`))
			} else {
				// A card: the recipients under their label, the full width.
				text := browsertest.Get(t, ctx, chromedp.Evaluate[string](`(() => {
					const td = document.querySelector("table.register tbody tr td.register-recipients");
					return getComputedStyle(td, "::before").content + "|" + Math.round(td.getBoundingClientRect().width);
				})()`))
				var w int
				label, width, _ := strings.Cut(text, "|")
				fmt.Sscan(width, &w)
				if label != `"Nơi nhận: "` || w < 300 {
					t.Errorf("the recipients on a phone: label %s, %d px wide; want \"Nơi nhận: \" across the card", label, w)
				}
				browsertest.Do(t, ctx, chromedp.Click(`#dong-2 details.register-edit summary`), chromedp.WaitVisible(`#note-2`))
				if w := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > vp.w {
					t.Errorf("the clerk's form opened makes the page %d px wide", w)
				}
			}
			if testing.Verbose() {
				browsertest.Screenshot(t, ctx, fmt.Sprint(vp.w))
			}
		})
	}
}
