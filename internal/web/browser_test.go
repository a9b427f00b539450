package web_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tiendo"
	"tiendo/internal/api"
	"tiendo/internal/browsertest"
	"tiendo/internal/demo"
	"tiendo/internal/remind"
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
	// Reminders without e-mail: the bell and the "đôn đốc" button work.
	rem := remind.New(st, nil, remind.Config{}, log)
	h, err := web.New(web.Config{Reminders: rem}, st, api.New(st, log), log)
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, h).URL, st
}

func browserLogin(t *testing.T, ctx context.Context, base, username string) {
	t.Helper()
	browsertest.Do(t, ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`#username`),
		chromedp.SendKeys(`#username`, username),
		chromedp.SendKeys(`#password`, pw),
		chromedp.Submit(`#password`),
		// In the DOM, not in sight: on a phone it is in the folded menu.
		chromedp.WaitReady(`form[action="/logout"]`),
	)
}

// browserLogout signs out with the menu's "Đăng xuất", opening the menu
// first where it is folded (a phone).
func browserLogout(t *testing.T, ctx context.Context) {
	t.Helper()
	browsertest.Do(t, ctx,
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("header details.menu:not([open]) > summary");
			if (s && getComputedStyle(s).display !== "none") s.click(); })()`),
		chromedp.Click(`form[action="/logout"] button`), chromedp.WaitVisible(`#username`))
}

func TestBrowserOfficeSeesLiveRound(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
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
	// The matrix: twelve units, thirteen task columns; "đôn đốc" the four missing.
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.matrix tbody tr").length`)); n != 12 {
		t.Errorf("matrix rows = %d, want 12", n)
	}
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.matrix thead th").length`)); n != 16 {
		t.Errorf("matrix header cells = %d, want 16 (unit, report, sent, 13 tasks)", n)
	}
	browsertest.Do(t, ctx,
		chromedp.Click(`input[name="state"][value="missing"]`),
		chromedp.Click(`form.filters button`),
	)
	// Wait for the filtered page itself, not the one still on screen.
	browsertest.WaitFor(t, ctx, `location.search.includes("state=missing") && document.readyState === "complete" && !!document.querySelector("#matrix-h")`)
	if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.matrix tbody tr").length`)); n != 4 {
		t.Errorf("matrix filtered to missing = %d rows, want 4", n)
	}
	if upcoming := browsertest.Get(t, ctx, chromedp.Text(`details.upcoming summary`)); !strings.Contains(upcoming, "Lịch nhắc việc") {
		t.Errorf("no reminder schedule: %q", upcoming)
	}
	browsertest.Do(t, ctx, chromedp.Click(`#nudge`))
	browsertest.WaitFor(t, ctx, `document.documentElement.hasAttribute("data-reminded") && document.readyState === "complete"`)
	if note := browsertest.Get(t, ctx, chromedp.Text(`.notice`)); !strings.Contains(note, "Đã gửi đôn đốc") {
		t.Errorf("after đôn đốc: %q", note)
	}
	// Every unit that has sent nothing now has the nudge in its bell.
	bg := context.Background()
	rounds, _ := st.Rounds(bg, &tiendo.User{Role: tiendo.RoleOffice})
	states, _ := st.ReportStates(bg, rounds[0].ID)
	nudged := 0
	for unitID, state := range states {
		if state.Status != tiendo.ReportMissing {
			continue
		}
		unit, _ := st.Unit(bg, unitID)
		reporter, _ := st.UserByUsername(bg, unit.Code)
		items, _, _ := st.Notifications(bg, reporter, 20)
		for _, n := range items {
			if n.Kind == store.KindAdhoc {
				nudged++
				break
			}
		}
	}
	if nudged != 4 {
		t.Errorf("%d of the 4 missing units got the đôn đốc in the app", nudged)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "round")
		browsertest.ScreenshotOf(t, ctx, `section[aria-labelledby="matrix-h"]`, "matrix")
		browsertest.ScreenshotOf(t, ctx, `section[aria-labelledby="targets-h"]`, "targets")
	}
}

// waitOK waits for the page an action redirects to: it comes with ?ok=what,
// which js/app.js moves from the address to <html data-ok="what">.
func waitOK(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	browsertest.WaitFor(t, ctx, `document.documentElement.dataset.ok === "`+what+`" && document.readyState === "complete"`)
}

// On an office laptop's 1366 px screen the admin's menu, the longest,
// keeps every item on one line and within the page.
func TestBrowserMenuFitsALaptop(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t) // 1366 x 768
	base := demoServer(t)
	browserLogin(t, ctx, base, "admin")
	problem := browsertest.Get(t, ctx, chromedp.Evaluate[string](`(() => {
		// The items in sight: not those of the closed "Quản trị".
		const items = [...document.querySelectorAll("header nav li")].filter(li => li.checkVisibility());
		for (const li of items) {
			const a = li.querySelector("a, summary, .who");
			if (!a) continue;
			// A text that wraps has a line box on each line.
			const r = document.createRange();
			r.selectNodeContents(a);
			const lines = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
			if (lines.size > 1) return "wraps: " + a.textContent.trim();
		}
		const mids = items.map(li => { const b = li.getBoundingClientRect(); return b.top + b.height / 2; });
		if (Math.max(...mids) - Math.min(...mids) > 16) return "the menu takes more than one row";
		if (document.documentElement.scrollWidth > innerWidth) return "the page scrolls sideways: " + document.documentElement.scrollWidth + " px";
		return "";
	})()`))
	if problem != "" {
		browsertest.Screenshot(t, ctx, "menu")
		t.Errorf("admin menu at 1366 px: %s", problem)
	}
}

// pnvRound creates in st an open round, due in two days, of tasks that the
// demo's unit "pnv" leads, and returns it with the unit.
func pnvRound(t *testing.T, st *store.Store, title string, tasks ...*tiendo.Task) (*tiendo.Round, *tiendo.Unit) {
	t.Helper()
	ctx := context.Background()
	pnv, err := st.UnitByCode(ctx, "pnv")
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		task.Assignees = []tiendo.Assignee{{UnitID: pnv.ID, Role: tiendo.Lead}}
	}
	r := &tiendo.Round{Title: title, Status: tiendo.RoundOpen, Deadline: time.Now().Add(48 * time.Hour), Tasks: tasks}
	if err := st.CreateRound(ctx, store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	return r, pnv
}
