package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"tiendo"
	"tiendo/internal/browsertest"
	"tiendo/internal/store"
)

// On a 390 px phone the header is one line: the logo, the user's name and
// a "Menu" button; the links, the search and "Đăng xuất" are in the menu,
// which the keyboard opens and walks through. (The header took 165 px of
// the reporter's 844, 185 px of the admin's, and showed no name.)
func TestBrowserHeaderPhone(t *testing.T) {
	t.Parallel()
	base := demoServer(t)
	for _, tt := range []struct{ user, name string }{{"pvhtt", "Cán bộ Phòng VH&TT"}, {"admin", "Quản trị hệ thống"}} {
		t.Run(tt.user, func(t *testing.T) {
			ctx := browsertest.New(t)
			browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844))
			browserLogin(t, ctx, base, tt.user)
			browsertest.Do(t, ctx, chromedp.WaitVisible(`main h1`))
			if h := browsertest.Get(t, ctx, chromedp.Evaluate[float64](`document.querySelector("body > header").getBoundingClientRect().height`)); h > 80 {
				t.Errorf("the header is %.0f px high at 390 px; want at most 80", h)
			}
			if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`(() => { const w = document.querySelector("header .who-phone");
				return w && w.getBoundingClientRect().width > 0 ? w.textContent.trim() : ""; })()`)); got != tt.name {
				t.Errorf("the name in the phone's header: %q; want %q", got, tt.name)
			}
			// shown lists the menu's parts a user sees now.
			const shown = `["header input[type=search]", "form[action='/logout'] button", "header a[href='/account']"].filter(s => {
				const el = document.querySelector(s), r = el.getBoundingClientRect();
				return el.checkVisibility() && r.width > 0 && r.left >= 0 && r.right <= innerWidth; }).length`
			if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](shown)); n != 0 {
				t.Errorf("%d of the search, Đăng xuất and Tài khoản show before the menu is opened", n)
			}
			// The keyboard: Tab to "Menu", Enter opens it, Tab goes on into it.
			browsertest.Do(t, ctx, chromedp.Focus(`header details.menu > summary`), chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab))
			if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement.closest("header details.menu") ? document.activeElement.textContent.trim() : document.activeElement.outerHTML.slice(0, 60)`)); got != "Việc của tôi" && got != "Trang chủ" {
				t.Errorf("after Enter on Menu and Tab the focus is on %q; want the menu's first link", got)
			}
			if n := browsertest.Get(t, ctx, chromedp.Evaluate[int](shown)); n != 3 {
				t.Errorf("the opened menu shows %d of the search, Đăng xuất and Tài khoản within the page; want 3", n)
			}
			if w := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
				t.Errorf("with the menu open the page is %d px wide; want 390", w)
			}
			if testing.Verbose() {
				browsertest.Screenshot(t, ctx, "menu-open")
			}
		})
	}
}

// At 1366 px the admin's menu, the longest, fits inside the page's content
// column with room between its items (it went 33 px past the content edge,
// and "tiendo" touched "Trang chủ"); the system's pages are under "Quản
// trị", which the keyboard opens.
func TestBrowserAdminHeaderLaptop(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t) // 1366 x 768
	base := demoServer(t)
	browserLogin(t, ctx, base, "admin")
	browsertest.Do(t, ctx, chromedp.WaitVisible(`main h1`))
	problems := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`(() => {
		const main = document.querySelector("main"), cs = getComputedStyle(main), out = [];
		const edge = main.getBoundingClientRect().right - parseFloat(cs.paddingRight);
		const items = [...document.querySelectorAll("header nav li")].filter(li => li.getBoundingClientRect().width > 0 && !li.closest("details.dropdown ul"));
		// What each item shows: the text of its link or name, its field or button
		// (a link's box reaches past its text: Pico's negative margins).
		const boxes = items.map(li => {
			const el = li.querySelector("input, button, a, summary, .who");
			if (el.matches("input, button")) return el.getBoundingClientRect();
			const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect();
		}).sort((a, b) => a.left - b.left);
		for (const b of boxes) if (b.right > edge + 0.5) out.push("an item ends at " + Math.round(b.right) + ", past the content edge " + Math.round(edge));
		for (let i = 1; i < boxes.length; i++) if (boxes[i].left - boxes[i-1].right < 6) out.push("items " + (i-1) + " and " + i + " are " + Math.round(boxes[i].left - boxes[i-1].right) + " px apart");
		return out; })()`))
	for _, p := range problems {
		t.Error(p)
	}
	browsertest.Do(t, ctx, chromedp.Focus(`header .admin-menu summary`), chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab))
	if got := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.activeElement.textContent.trim()`)); got != "Đơn vị" {
		t.Errorf("Enter on Quản trị, then Tab: the focus is on %q; want its first link, Đơn vị", got)
	}
	if !browsertest.Get(t, ctx, chromedp.Evaluate[bool](`document.querySelector("header .admin-menu a[href='/admin/users']").getBoundingClientRect().width > 0`)) {
		t.Error("the opened Quản trị does not show Người dùng")
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "admin-menu")
	}
}

// The filter of /admin/users: its checkbox is square, "Lọc" is a button
// like the page's others (not a pill across the line), and "Tìm người
// dùng" is on one line.
func TestBrowserUsersFilterLooks(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base := demoServer(t)
	browserLogin(t, ctx, base, "admin")
	browsertest.Do(t, ctx, chromedp.Navigate(base+"/admin/users"), chromedp.WaitVisible(`#q`))
	got := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [], box = document.getElementById("all"), ok = document.querySelector("form.filters button[type=submit]");
		const radius = parseFloat(getComputedStyle(box).borderTopLeftRadius);
		if (radius >= box.getBoundingClientRect().width / 3) out.push("the checkbox's corners are " + radius + " px: a circle");
		const br = parseFloat(getComputedStyle(ok).borderTopRightRadius), other = parseFloat(getComputedStyle(document.querySelector("main a.button")).borderTopRightRadius);
		if (br !== other) out.push("Lọc's corners are " + br + " px, the page's buttons' " + other + " px");
		if (ok.getBoundingClientRect().width > 160) out.push("Lọc is " + Math.round(ok.getBoundingClientRect().width) + " px wide");
		const label = document.querySelector("label[for=q]"), r = document.createRange();
		r.setStart(label.firstChild, 0); r.setEnd(label.firstChild, label.firstChild.textContent.trimEnd().length);
		const lines = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
		if (lines.size > 1) out.push("Tìm người dùng takes " + lines.size + " lines");
		return out; })()`))
	for _, g := range got {
		t.Error(g)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "users")
	}
}

// On a phone the matrix's legend never ends a line with a chip and starts
// the next with its label.
func TestBrowserLegendKeepsChipWithLabel(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	ctx := browsertest.New(t)
	browsertest.Do(t, ctx, chromedp.EmulateViewport(390, 844))
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/rounds/%d", base, liveRoundID(t, st))), chromedp.WaitReady(`p.legend`))
	got := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [], chips = [...document.querySelectorAll("p.legend .cell")];
		if (chips.length < 6) return ["the legend has " + chips.length + " chips"];
		for (const chip of chips) {
			const text = chip.nextSibling, c = chip.getBoundingClientRect();
			const i = text.textContent.search(/\S/), r = document.createRange();
			r.setStart(text, i); r.setEnd(text, i + 1);
			if (Math.abs(r.getBoundingClientRect().top - c.top) > c.height) out.push(chip.textContent + " is on one line, its label “" + text.textContent.trim() + "” on the next");
		}
		return out; })()`))
	for _, g := range got {
		t.Error(g)
	}
}

// "Liên kết với đợt trước" gives a suggestion a line, its texts in full
// under it on demand: a round of the live round's thirteen tasks a year
// later printed each task's text twice, a page and more.
func TestBrowserLinksOneLineEach(t *testing.T) {
	t.Parallel()
	base, st := demoStore(t)
	next := laterCopyOfLive(t, st)
	ctx := browsertest.New(t)
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/rounds/%d", base, next.ID)), chromedp.WaitReady(`#confirm-links`))
	got := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [], boxes = [...document.querySelectorAll("#links input[name=link]")];
		if (boxes.length < 10) return ["the links section offers " + boxes.length + " suggestions"];
		for (const box of boxes) {
			const row = box.closest("li, tr"), h = row.getBoundingClientRect().height;
			if (h > 48) out.push(box.value + ": its line is " + Math.round(h) + " px high");
			const more = row.querySelector("details");
			if (!more || more.open) out.push(box.value + ": the full texts are not folded in a closed <details>");
		}
		return out; })()`))
	for _, g := range got {
		t.Error(g)
	}
	// Opened, a suggestion shows both tasks' texts.
	text := next.Tasks[0].Text
	browsertest.Do(t, ctx, chromedp.Click(`#links details > summary`))
	if shown := browsertest.Get(t, ctx, chromedp.Evaluate[string](`document.querySelector("#links details[open]").innerText`)); strings.Count(shown, text) != 2 {
		t.Errorf("the opened suggestion shows the task's text %d times, want 2 (this round's and the earlier one's):\n%s", strings.Count(shown, text), shown)
	}
}

// laterCopyOfLive creates a draft round, a year after the demo's live one,
// of the same tasks and targets: the links section suggests each of them.
func laterCopyOfLive(t *testing.T, st *store.Store) *tiendo.Round {
	t.Helper()
	ctx := context.Background()
	office, err := st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	live, err := st.Round(ctx, office, liveRoundID(t, st))
	if err != nil {
		t.Fatal(err)
	}
	next := &tiendo.Round{Title: "Báo cáo tiến độ nhiệm vụ trọng tâm năm sau", Status: tiendo.RoundDraft, Deadline: time.Now().Add(240 * time.Hour),
		Period: tiendo.Period{Kind: live.Period.Kind, Year: live.Period.Year + 1, Index: live.Period.Index}}
	for _, task := range live.Tasks {
		c := *task
		c.ID = 0
		c.Targets = nil
		for _, x := range task.Targets {
			y := *x
			y.ID = 0
			c.Targets = append(c.Targets, &y)
		}
		next.Tasks = append(next.Tasks, &c)
	}
	if err := st.CreateRound(ctx, store.Actor{}, next); err != nil {
		t.Fatal(err)
	}
	return next
}
