package web_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// A unit's reporter opens the notifications from the bell, is called away,
// comes back to the same notices marked "Mới", follows one to its round
// (that one alone is read, and the bell counts one fewer), then marks the
// rest read with the button.
func TestBrowserNotificationsStayNewUntilRead(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	bg := context.Background()
	pnv, err := st.UnitByCode(bg, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	r := &tiendo.Round{Title: "Đợt thử thông báo", Deadline: time.Now().Add(48 * time.Hour), UnitIDs: []int64{pnv.ID}}
	if err := st.CreateRound(bg, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	if err := st.PublishRound(bg, store.Actor{}, r.ID); err != nil {
		t.Fatal(err)
	}
	browserLogin(t, ctx, base, "pnv")
	bellCount := func() int {
		t.Helper()
		return browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelector(".bell .count") ? Number(document.querySelector(".bell .count").textContent) : 0`))
	}
	unreadItems := func() int {
		t.Helper()
		return browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("ul.notifications li.unread").length`))
	}
	before := bellCount()
	if before < 1 {
		t.Fatalf("the bell shows %d unread, want the new round's notice", before)
	}

	browsertest.Do(t, ctx, chromedp.Click(`.bell`), chromedp.WaitVisible(`ul.notifications`))
	if n := unreadItems(); n != min(before, 100) {
		t.Errorf("the page marks %d notices “Mới”, the bell counted %d", n, before)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "notifications")
	}
	// Called away; back later: nothing was marked read by the visit.
	browsertest.Do(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(`.bell`),
		chromedp.Navigate(base+"/notifications"), chromedp.WaitVisible(`ul.notifications`))
	if n := bellCount(); n != before {
		t.Errorf("after opening the page and coming back, the bell shows %d, want %d", n, before)
	}

	first := `ul.notifications li.unread a[href^="/notifications/"]`
	if text := browsertest.Get(t, ctx, chromedp.Text(first)); !strings.Contains(text, "Đợt thử thông báo") {
		t.Fatalf("the newest unread notice is %q, want the new round's", text)
	}
	browsertest.Do(t, ctx, chromedp.Click(first), chromedp.WaitVisible(`main h1`))
	if loc := browsertest.Get(t, ctx, chromedp.Evaluate[string](`location.pathname`)); loc != "/rounds/"+itoa(r.ID) {
		t.Errorf("following the notice led to %s, want /rounds/%d", loc, r.ID)
	}
	if n := bellCount(); n != before-1 {
		t.Errorf("after following one notice the bell shows %d, want %d", n, before-1)
	}

	browsertest.Do(t, ctx, chromedp.Navigate(base+"/notifications"), chromedp.WaitVisible(`ul.notifications`))
	// The button sends the IDs of the notices marked “Mới” on the page, and
	// those alone.
	sent := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('form[action="/notifications/read"] input[name="id"]')].map(i => i.value)`))
	marked := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("ul.notifications li.unread a")].map(a => a.getAttribute("href").replace("/notifications/", ""))`))
	if !slices.Equal(sent, marked) || len(sent) != min(before-1, 100) {
		t.Errorf("the button sends the IDs %v; the notices marked “Mới” are %v", sent, marked)
	}
	if before > 1 {
		browsertest.Do(t, ctx, chromedp.Click(`form[action="/notifications/read"] button`))
		waitOK(t, ctx, "read")
		if notice := browsertest.Get(t, ctx, chromedp.Text(`.notice`)); !strings.Contains(notice, "Đã đánh dấu tất cả thông báo là đã đọc") {
			t.Errorf("the notice after marking all: %q", notice)
		}
	}
	if n, c := unreadItems(), bellCount(); n != 0 || c != 0 {
		t.Errorf("after marking all read: %d notices “Mới”, the bell shows %d; want none", n, c)
	}
	if present := browsertest.Get(t, ctx, chromedp.Evaluate[bool](`!!document.querySelector('form[action="/notifications/read"]')`)); present {
		t.Errorf("“Đánh dấu tất cả là đã đọc” is offered with nothing unread")
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "notifications-read")
	}
}
