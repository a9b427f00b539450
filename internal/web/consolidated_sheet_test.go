package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
	"tiendo/internal/web"
)

// twoInstances is two instances of the app over one database, as a
// province runs them on PostgreSQL: the round of printRound, its units'
// reporters, the office, the leader and the administrator.
func twoInstances(t *testing.T) (x, y *app) {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.DSN(t)
	open := func() *store.Store {
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	st := open()
	x = &app{t: t, st: st}
	x.a = &tiendo.Unit{Code: "pnv", Name: "Phòng Nội vụ"}
	x.b = &tiendo.Unit{Code: "cah", Name: "Công an huyện"}
	for _, u := range []*tiendo.Unit{x.a, x.b} {
		if err := st.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []*tiendo.User{
		{Username: "admin", Role: tiendo.RoleAdmin},
		{Username: "vanphong", Role: tiendo.RoleOffice},
		{Username: "lanhdao", FullName: "Hoàng Văn Minh", Role: tiendo.RoleLeader},
		{Username: "pnv", Role: tiendo.RoleReporter, UnitID: x.a.ID},
		{Username: "cah", Role: tiendo.RoleReporter, UnitID: x.b.ID},
	} {
		if err := st.CreateUser(ctx, store.Actor{}, u, pw); err != nil {
			t.Fatal(err)
		}
	}
	x.round = printRound(t, x)
	x.srv = newServer(t, st)
	y = &app{t: t, st: open(), a: x.a, b: x.b, round: x.round}
	y.srv = newServer(t, y.st)
	return x, y
}

// sheetOf is the report as the page shows it printed.
func sheetOf(t *testing.T, body string) string {
	t.Helper()
	return between(t, body, `<section class="sheet-preview"`, `</section>`)
}

// The leader reads the report on one instance of the app while the store
// changes through another: a unit's report comes, the administrator sets
// the issuing body, the leader approves, the leader's name is corrected,
// the office takes the report back and rewrites it. Every view shows the
// sheet the store gives then, the same as a server that has kept nothing
// shows; and a view with nothing changed, or with a change that is not on
// the sheet (a login), shows the sheet kept, not laid out again.
func TestConsolidatedSheetFollowsTheStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	x, y := twoInstances(t)
	r := x.round
	page := "/rounds/" + itoa(r.ID) + "/consolidated"
	leader, office := x.login("lanhdao"), y.login("vanphong")
	storetest.Submit(t, y.st, "pnv", r.ID, x.a.ID)
	draftReport(t, y, office, r)
	c := storedReport(t, y, r)
	if code, loc := y.postDoc(office, page, reportForm(c, "send")); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("send: %d %s", code, loc)
	}
	srv := x.srv.Config.Handler.(*web.Server)
	drawn := func() int64 { n, _, _ := web.SheetsDrawn(srv); return n }

	// view is the leader's page on x, checked against a server over y's
	// store that has kept nothing, and what its sheet says.
	var last string
	view := func(step string, want, not []string) string {
		t.Helper()
		_, body := x.get(leader, page)
		fresh := &app{t: t, st: y.st}
		fresh.srv = newServer(t, y.st)
		_, afresh := fresh.get(fresh.login("lanhdao"), page)
		if body != afresh {
			t.Errorf("%s: the page is not the one drawn afresh:\n%s", step, diffAt(body, afresh))
		}
		sheet := sheetOf(t, body)
		for _, w := range want {
			if !strings.Contains(sheet, w) {
				t.Errorf("%s: the sheet does not say %q", step, w)
			}
		}
		for _, w := range not {
			if strings.Contains(sheet, w) {
				t.Errorf("%s: the sheet still says %q", step, w)
			}
		}
		if last != "" && sheet == last {
			t.Errorf("%s: the sheet is as it was before the change", step)
		}
		last = sheet
		return body
	}

	first := view("sent", []string{"DỰ THẢO", "ỦY BAN NHÂN DÂN", "HUYỆN HỮU LŨNG", "Đã thực hiện theo kế hoạch."}, []string{"HUYỆN BẮC SƠN"})
	n := drawn()
	if _, again := x.get(leader, page); again != first {
		t.Errorf("shown again with nothing changed, the page differs:\n%s", diffAt(first, again))
	}
	y.login("pnv") // a change that is not on the sheet
	if _, again := x.get(leader, page); again != first {
		t.Errorf("shown again after a login, the page differs:\n%s", diffAt(first, again))
	}
	if got := drawn(); got != n {
		t.Errorf("shown again, with nothing on it changed, the sheet was laid out %d more times, want the one kept", got-n)
	}

	// Công an huyện reports 6 against its target: the indicator table.
	table := func(body string) string { return between(t, body, `<table class="sheet-table">`, `</table>`) }
	before := table(first)
	storetest.Submit(t, y.st, "cah", r.ID, x.b.ID)
	body := view("a report came", nil, nil)
	if table(body) == before || !strings.Contains(table(body), "<td class=\"c\">6</td>") {
		t.Errorf("the indicator table does not have Công an huyện's 6:\n%s", table(body))
	}

	admin, err := y.st.UserByUsername(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	if err := y.st.SetOwnIssuer(ctx, store.Actor{}, admin, store.OwnIssuer{Name: "Ủy ban nhân dân huyện Bắc Sơn"}); err != nil {
		t.Fatal(err)
	}
	view("the issuing body set", []string{"HUYỆN BẮC SƠN"}, []string{"HUYỆN HỮU LŨNG"})

	ld, err := y.st.UserByUsername(ctx, "lanhdao")
	if err != nil {
		t.Fatal(err)
	}
	c = storedReport(t, y, r)
	if _, err := y.st.ActOnDoc(ctx, store.Actor{UserID: ld.ID}, ld, r.ID, tiendo.DocReport, store.DocApprove, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	view("approved", []string{"Hoàng Văn Minh"}, []string{"DỰ THẢO"})

	ld.FullName = "Hoàng Minh Tuấn"
	if err := y.st.UpdateUser(ctx, store.Actor{}, ld); err != nil {
		t.Fatal(err)
	}
	view("the leader's name corrected", []string{"Hoàng Minh Tuấn"}, []string{"Hoàng Văn Minh"})

	if code, loc := y.postDoc(office, page, withVersion(storedReport(t, y, r), "withdraw")); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=withdraw") {
		t.Fatalf("withdraw: %d %s", code, loc)
	}
	c = storedReport(t, y, r)
	form := reportForm(c, "send")
	form.Set("p0.text", "Đoạn mở đầu Văn phòng viết lại sau khi rút về.")
	if code, loc := y.postDoc(office, page, form); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("send again: %d %s", code, loc)
	}
	body = view("rewritten and sent again", []string{"Đoạn mở đầu Văn phòng viết lại sau khi rút về.", "DỰ THẢO"}, []string{"Hoàng Minh Tuấn"})

	article := between(t, body, `<article class="sheet`, `</article>`)
	if _, kept, bytes := web.SheetsDrawn(srv); kept != 1 || bytes <= len(article) || bytes > len(article)+32 {
		t.Errorf("%d sheets kept in %d bytes, want the one of this report, about %d bytes", kept, bytes, len(article))
	}
}

// The leader's page, on one instance of the app, shows the sheet kept
// without reading anything it is drawn from while the round's report
// reads nothing new: a login, a report in another round and a unit's draft
// not yet sent, all through the other instance. A report sent in the
// round, a unit renamed, the leader's approval and the leader's name
// corrected, the document rewritten and a new day each have it read again
// (and laid out again when it changed), and every view is the one a server
// that has kept nothing shows.
func TestConsolidatedSheetKeptUntilItsInputChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	x, y := twoInstances(t)
	clock, pastMidnight := beforeMidnight() // one clock for both instances
	x.st.Now, y.st.Now = clock, clock

	r := x.round
	page := "/rounds/" + itoa(r.ID) + "/consolidated"
	leader, office := x.login("lanhdao"), y.login("vanphong")
	draftReport(t, y, office, r)
	if code, loc := y.postDoc(office, page, reportForm(storedReport(t, y, r), "send")); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("send: %d %s", code, loc)
	}
	srv := x.srv.Config.Handler.(*web.Server)
	drawn := func() int64 { n, _, _ := web.SheetsDrawn(srv); return n }
	fresh := &app{t: t, st: y.st}
	fresh.srv = newServer(t, y.st)
	freshLeader := fresh.login("lanhdao")

	// view checks the leader's page on x: read says the layout is read
	// again, laid that the sheet is laid out again.
	d, l := drawn(), web.SheetLayoutsRead(srv)
	view := func(step string, read, laid bool, want ...string) {
		t.Helper()
		_, body := x.get(leader, page)
		_, afresh := fresh.get(freshLeader, page)
		if body != afresh {
			t.Errorf("%s: the page is not the one drawn afresh:\n%s", step, diffAt(body, afresh))
		}
		sheet := sheetOf(t, body)
		for _, w := range want {
			if !strings.Contains(sheet, w) {
				t.Errorf("%s: the sheet does not say %q", step, w)
			}
		}
		nd, nl := drawn(), web.SheetLayoutsRead(srv)
		switch {
		case read && nl == l:
			t.Errorf("%s: the sheet kept was shown, its layout not read again", step)
		case !read && nl != l:
			t.Errorf("%s: the layout was read %d more times, want the sheet kept shown as it is", step, nl-l)
		}
		switch {
		case laid && nd == d:
			t.Errorf("%s: the sheet was not laid out again", step)
		case !laid && nd != d:
			t.Errorf("%s: the sheet was laid out %d more times, want the one kept", step, nd-d)
		}
		d, l = nd, nl
	}
	view("the first view", true, true, "DỰ THẢO")
	view("shown again", false, false)

	y.login("pnv")
	view("after a login on the other instance", false, false)
	other := &tiendo.Round{Title: "Báo cáo tháng", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Nhiệm vụ của tháng", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}}}}
	if err := y.st.CreateRound(ctx, store.Actor{}, other); err != nil {
		t.Fatal(err)
	}
	storetest.Submit(t, y.st, "pnv", other.ID, x.a.ID)
	view("after a report in another round", false, false)
	cah, err := y.st.UserByUsername(ctx, "cah")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := y.st.Report(ctx, cah, r.ID, x.b.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range rep.Sections {
		sec.ResultVsPlan = "Đang soạn, chưa gửi."
	}
	if err := y.st.SaveReport(ctx, store.Actor{}, cah, rep); err != nil {
		t.Fatal(err)
	}
	view("after a unit's draft not yet sent", false, false)

	storetest.Submit(t, y.st, "cah", r.ID, x.b.ID)
	view("a report sent in the round", true, true, "<td class=\"c\">6</td>")
	view("shown again", false, false)
	x.b.Name = "Công an huyện Hữu Lũng"
	if err := y.st.UpdateUnit(ctx, store.Actor{}, x.b); err != nil {
		t.Fatal(err)
	}
	view("a unit renamed", true, false)
	view("shown again", false, false)

	ld, err := y.st.UserByUsername(ctx, "lanhdao")
	if err != nil {
		t.Fatal(err)
	}
	c := storedReport(t, y, r)
	if _, err := y.st.ActOnDoc(ctx, store.Actor{UserID: ld.ID}, ld, r.ID, tiendo.DocReport, store.DocApprove, c.Version, ""); err != nil {
		t.Fatal(err)
	}
	view("approved", true, true, "Hoàng Văn Minh")
	ld.FullName = "Hoàng Minh Tuấn"
	if err := y.st.UpdateUser(ctx, store.Actor{}, ld); err != nil {
		t.Fatal(err)
	}
	view("the leader's name corrected", true, true, "Hoàng Minh Tuấn")
	view("shown again", false, false)

	if code, loc := y.postDoc(office, page, withVersion(storedReport(t, y, r), "withdraw")); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=withdraw") {
		t.Fatalf("withdraw: %d %s", code, loc)
	}
	form := reportForm(storedReport(t, y, r), "send")
	form.Set("p0.text", "Đoạn mở đầu Văn phòng viết lại sau khi rút về.")
	if code, loc := y.postDoc(office, page, form); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("send again: %d %s", code, loc)
	}
	view("rewritten and sent again", true, true, "Đoạn mở đầu Văn phòng viết lại sau khi rút về.")
	view("shown again", false, false)
	pastMidnight()
	view("the next day", true, false)
	view("shown again the next day", false, false)
}

// The print view shows the sheet the page shows, kept or not, and follows
// the report as it changes.
func TestConsolidatedPrintFollowsTheStore(t *testing.T) {
	t.Parallel()
	x, y := twoInstances(t)
	r := x.round
	page := "/rounds/" + itoa(r.ID) + "/consolidated"
	leader, office := x.login("lanhdao"), y.login("vanphong")
	draftReport(t, y, office, r)
	if code, loc := y.postDoc(office, page, reportForm(storedReport(t, y, r), "send")); code != http.StatusSeeOther || !strings.HasSuffix(loc, "ok=send") {
		t.Fatalf("send: %d %s", code, loc)
	}
	printed := func() string {
		t.Helper()
		code, body := x.get(leader, page+"/print")
		if code != http.StatusOK {
			t.Fatalf("print view: %d", code)
		}
		return between(t, body, `<article class="sheet`, `</article>`)
	}
	_, body := x.get(leader, page)
	if got, want := printed(), between(t, body, `<article class="sheet`, `</article>`); got != want {
		t.Errorf("the print view is not the page's sheet:\n%s", diffAt(want, got))
	}
	storetest.Submit(t, y.st, "cah", r.ID, x.b.ID)
	if got := printed(); !strings.Contains(got, "<td class=\"c\">6</td>") {
		t.Errorf("the print view does not have the report that came since")
	}
}

// withVersion is a decision form (approve, return, withdraw) on c.
func withVersion(c *tiendo.Document, op string) url.Values {
	return url.Values{"version": {itoa(int64(c.Version))}, "op": {op}}
}

// diffAt shows where two pages part.
func diffAt(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("at byte %d:\n%.400s\n---\n%.400s", i, a[from:], b[from:])
}
