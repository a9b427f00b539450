package web_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"tiendo/internal/browsertest"
)

// wcagJS defines, in the page, the WCAG 2 contrast ratio of two colours
// (__ratio) and the colour an element's box shows (__bg: its background
// over its ancestors', white at the bottom), and __contrast, the ratio of
// an element's text to that background with every opacity on the way
// applied to both.
const wcagJS = `(() => {
	const parse = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) throw new Error("colour " + s);
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
	const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
	const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
	window.__ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const layers = el => { const chain = []; for (let e = el; e; e = e.parentElement) chain.unshift(e);
		let below = [255, 255, 255, 1]; const unders = [];
		for (const e of chain) { unders.push(below); below = over(parse(getComputedStyle(e).backgroundColor), below); }
		return { chain, unders, bg: below }; };
	window.__bg = el => layers(el).bg;
	window.__parse = parse;
	window.__contrast = el => { const { chain, unders, bg: b } = layers(el); let bg = b, fg = over(parse(getComputedStyle(el).color), bg);
		for (let i = chain.length - 1; i >= 0; i--) { const o = Number(getComputedStyle(chain[i]).opacity);
			if (o < 1) { fg = over([...fg.slice(0, 3), o], unders[i]); bg = over([...bg.slice(0, 3), o], unders[i]); } }
		return __ratio(fg, bg); };
	return true; })()`

// axNode is what Chromium's accessibility tree says of an element.
type axNode struct{ Role, Name string }

// axOf returns the accessibility tree's role and name of each element sel
// matches, in the document's order.
func axOf(t *testing.T, ctx context.Context, sel string) []axNode {
	t.Helper()
	n := browsertest.Get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
	var out []axNode
	for i := range n {
		obj := browsertest.Get(t, ctx, chromedp.Evaluate[*runtime.RemoteObject](`document.querySelectorAll(`+strconv.Quote(sel)+`)[`+strconv.Itoa(i)+`]`))
		no := false
		res, err := chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{ObjectID: obj.ObjectID, FetchRelatives: &no})
		if err != nil || len(res.Nodes) == 0 {
			t.Fatalf("accessibility tree of %s #%d: %v", sel, i, err)
		}
		node := res.Nodes[0]
		var a axNode
		if node.Role != nil {
			a.Role, _ = strconv.Unquote(string(node.Role.Value))
		}
		if node.Name != nil {
			a.Name, _ = strconv.Unquote(string(node.Name.Value))
		}
		out = append(out, a)
	}
	return out
}

// A keyboard user sees where the focus is: every kind of control on the
// round page draws a solid line at least 3 px wide, 2 px off the control,
// 3:1 or more against the page around it (Pico's rings were 1.4:1 on a
// grey button, 1.76:1 on a link). A link that looks like a button is a
// link to a screen reader, and still looks like a button.
func TestBrowserFocusRingShows(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base, st := demoStore(t)
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx,
		chromedp.Navigate(base+"/rounds/"+itoa(liveRoundID(t, st))),
		chromedp.WaitVisible(`#matrix-h`),
		chromedp.Evaluate[chromedp.Void](wcagJS),
		chromedp.KeyEvent("\t"), // the keyboard, not a pointer, moves the focus from here on
	)
	for _, c := range []struct{ what, sel, shot string }{
		{"a grey button", `form.filters button.secondary`, `form.filters`},
		{"a blue button", `#nudge`, `#nudge-form`},
		{"a link styled as a grey button", `.round-actions a.button.secondary`, ``},
		{"a link styled as an outlined button", `.round-actions a.button.outline`, ``},
		{"a link", `#matrix-xlsx`, ``},
		{"a matrix cell", `table.matrix a.cell`, ``},
		{"a disclosure", `details.upcoming summary`, ``},
		{"a checkbox", `form.filters input[type=checkbox]`, ``},
		{"a scrolling table", `.matrix-wrap`, ``},
	} {
		got := browsertest.Get(t, ctx, chromedp.Evaluate[map[string]any](`(() => { const el = document.querySelector(`+strconv.Quote(c.sel)+`);
			el.scrollIntoView({block: "center"}); el.focus(); const s = getComputedStyle(el);
			return { visible: el.matches(":focus-visible"), style: s.outlineStyle, width: parseFloat(s.outlineWidth), offset: parseFloat(s.outlineOffset),
				ratio: __ratio(__parse(s.outlineColor), __bg(el.parentElement)) }; })()`))
		if got["visible"] != true {
			t.Fatalf("%s (%s) is not :focus-visible after focus() from the keyboard", c.what, c.sel)
		}
		if got["style"] != "solid" || got["width"].(float64) < 3 || got["offset"].(float64) < 2 || got["ratio"].(float64) < 3 {
			t.Errorf("%s (%s) focused: outline %v %vpx, offset %vpx, %.2f:1 against the page; want solid, 3 px or more, offset 2 px or more, 3:1 or more",
				c.what, c.sel, got["style"], got["width"], got["offset"], got["ratio"])
		}
		if testing.Verbose() && c.shot != "" {
			browsertest.ScreenshotOf(t, ctx, c.shot, "focus-"+strings.Fields(c.what)[1])
		}
	}
	// The links that look like buttons are links, with a button's fill.
	for _, n := range axOf(t, ctx, `.round-actions a.button`) {
		if n.Role != "link" {
			t.Errorf("%q is a %s to a screen reader, want a link", n.Name, n.Role)
		}
	}
	fill := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`[".round-actions a.button.secondary:not(.outline)", "form.filters button.secondary"].map(s => getComputedStyle(document.querySelector(s)).backgroundColor)`))
	if fill[0] != fill[1] {
		t.Errorf("“Báo cáo tổng hợp” is filled %s, a grey button %s", fill[0], fill[1])
	}
}

// No template makes a link a button to screen readers: a link that goes
// to a page is a link (Enter follows it); role="button" announced a
// button that Space did nothing to. Its look comes from class="button".
func TestLinksAreNotButtons(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("templates/*/*.html")
	if err != nil || len(files) < 10 {
		t.Fatalf("templates: %v, %d files", err, len(files))
	}
	link := regexp.MustCompile(`<a\s[^>]*role="button"[^>]*>`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllString(string(b), -1) {
			t.Errorf("%s: %s: a link with role=\"button\"; write class=\"button\"", f, m)
		}
	}
}

// Every badge's and every matrix cell's words are 4.5:1 or more against
// what lies behind them, on the page and on a card, a supporting unit's
// cell too (it was faded to .8), computed from the styles the browser
// applies.
func TestBrowserBadgesAndCellsContrast(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base := demoServer(t)
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.Evaluate[chromedp.Void](wcagJS))
	// Every state's badge and cell, in the main column, in a card and in a
	// card's header (home_unit.html's state), as the templates write them.
	got := browsertest.Get(t, ctx, chromedp.Evaluate[map[string]float64](`(() => {
		const badges = ["missing", "draft", "submitted", "returned", "accepted", "late"], cells = ["missing", "draft", "on_time", "late", "returned", "accepted"];
		const html = badges.map(k => '<span class="badge badge-' + k + '">' + k + '</span>').join(" ") + " " +
			cells.map(k => '<a href="#" class="cell cell-' + k + '">' + k + '</a> <a href="#" class="cell cell-' + k + ' support">' + k + '</a>').join(" ");
		const main = document.querySelector("main"), plain = document.createElement("p"), card = document.createElement("article");
		card.innerHTML = "<header><p></p></header><p></p>";
		const head = card.querySelector("header p"), body = card.querySelector("header + p");
		for (const box of [plain, head, body]) box.innerHTML = html;
		main.prepend(plain, card);
		const out = {};
		for (const [where, box] of [["page", plain], ["card's header", head], ["card", body]])
			for (const el of box.querySelectorAll(".badge, .cell"))
				if (getComputedStyle(el).color !== getComputedStyle(box).color) // a class with a colour
					out[where + " " + el.className] = __contrast(el);
		return out; })()`))
	if len(got) < 3*(6+12) {
		t.Fatalf("measured %d badges and cells: %v", len(got), got)
	}
	for what, ratio := range got {
		if ratio < 4.5 {
			t.Errorf("%s: %.2f:1, want 4.5:1 or more", what, ratio)
		}
	}
}

// The skip link, reached first from the keyboard, is in sight and covers
// nothing of the header: not the "tiendo" logo, not the menu.
func TestBrowserSkipLinkCoversNothing(t *testing.T) {
	t.Parallel()
	ctx := browsertest.New(t)
	base := demoServer(t)
	browserLogin(t, ctx, base, "vanphong")
	browsertest.Do(t, ctx, chromedp.KeyEvent("\t"))
	got := browsertest.Get(t, ctx, chromedp.Evaluate[[]string](`(() => {
		const skip = document.activeElement;
		if (!skip.matches("a.skip")) return ["the first Tab reaches " + skip.outerHTML.slice(0, 80)];
		const r = skip.getBoundingClientRect(), out = [];
		if (r.width < 50 || r.height < 10 || r.top < 0 || r.left < 0 || r.right > innerWidth) out.push("the skip link is out of sight: " + JSON.stringify(r));
		for (const el of document.querySelectorAll("header .brand, header nav li, main h1")) {
			const o = el.getBoundingClientRect();
			if (r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom) out.push("the skip link covers " + el.outerHTML.slice(0, 80));
		}
		return out; })()`))
	for _, g := range got {
		t.Error(g)
	}
	if testing.Verbose() {
		browsertest.Screenshot(t, ctx, "skip")
	}
}

// A matrix cell's link says whose report, which task and what state, as a
// screen reader lists it out of the table: "Phòng Tư pháp, nhiệm vụ 1:
// Quá hạn (phối hợp)", not "Muộn". A supporting unit's cell shows it
// without colour: a dashed border and a "*".
func TestBrowserMatrixCellNames(t *testing.T) {
	t.Parallel()
	f := newOfficeFixture(t)
	ctx := browsertest.New(t)
	browserLogin(t, ctx, f.base, "vanphong")
	browsertest.Do(t, ctx,
		chromedp.Navigate(f.base+"/rounds/"+itoa(f.round.ID)),
		chromedp.WaitVisible(`#matrix-h`),
		chromedp.Evaluate[chromedp.Void](wcagJS),
	)
	var names []string
	for _, n := range axOf(t, ctx, `table.matrix a.cell`) {
		if n.Role != "link" {
			t.Errorf("a cell %q is a %s", n.Name, n.Role)
		}
		names = append(names, strings.Join(strings.Fields(n.Name), " "))
	}
	// Chromium joins the three parts with a space, before the comma too.
	want := []string{"Công an huyện , nhiệm vụ 2: Đúng hạn", "Đội Quản lý thị trường , nhiệm vụ 1: Chưa bắt đầu",
		"Phòng Nội vụ , nhiệm vụ 1: Chưa bắt đầu", "Phòng Tư pháp , nhiệm vụ 1: Quá hạn (phối hợp)", "Phòng Y tế , nhiệm vụ 2: Chưa bắt đầu"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("the cells' links are named %q, want %q", names, want)
	}
	got := browsertest.Get(t, ctx, chromedp.Evaluate[map[string]any](`(() => { const el = document.querySelector("table.matrix a.cell.support"), s = getComputedStyle(el);
		return { mark: getComputedStyle(el, "::after").content, border: s.borderTopStyle, ratio: __ratio(__parse(s.borderTopColor), __bg(el)), text: __contrast(el) }; })()`))
	if got["mark"] != `"*" / ""` || got["border"] != "dashed" || got["ratio"].(float64) < 3 {
		t.Errorf("a supporting unit's cell: mark %v, border %v at %.2f:1; want a \"*\" and a dashed border 3:1 or more", got["mark"], got["border"], got["ratio"])
	}
	if got["text"].(float64) < 4.5 {
		t.Errorf("a supporting unit's cell's text is %.2f:1, want 4.5:1 or more", got["text"])
	}
	if testing.Verbose() {
		browsertest.ScreenshotOf(t, ctx, `section[aria-labelledby="matrix-h"]`, "matrix")
	}
}
