package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/api"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
	"tiendo/internal/web"
)

const pw = "mật khẩu thử nghiệm"

// app is a running server over a real store with two units, a round that
// asks both, and a user of every role.
type app struct {
	t     *testing.T
	srv   *httptest.Server
	st    *store.Store
	a, b  *tiendo.Unit
	round *tiendo.Round
	draft *tiendo.Round
}

func newApp(t *testing.T) *app {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t)
	x := &app{t: t, st: st}
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
		{Username: "huyenuy", Role: tiendo.RoleReader},
		{Username: "pnv", Role: tiendo.RoleReporter, UnitID: x.a.ID},
		{Username: "cah", Role: tiendo.RoleReporter, UnitID: x.b.ID},
	} {
		if err := st.CreateUser(ctx, store.Actor{}, u, pw); err != nil {
			t.Fatal(err)
		}
	}
	x.round = &tiendo.Round{Title: "Báo cáo nhiệm vụ trọng tâm năm nay", Status: tiendo.RoundOpen,
		Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{
			{Label: "1", Text: "Nâng cao chỉ số cải cách hành chính", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}}},
			{Label: "2", Text: "Giảm số vụ phạm pháp hình sự 5% trở lên", Assignees: []tiendo.Assignee{{UnitID: x.b.ID, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{Text: "giảm 5% trở lên", Comparator: tiendo.AtLeast, Value: 5, Unit: "%", Direction: "decrease"}}},
		}}
	x.draft = &tiendo.Round{Title: "Đợt nháp chưa phát hành", Deadline: time.Now().Add(240 * time.Hour), UnitIDs: []int64{x.a.ID}}
	for _, r := range []*tiendo.Round{x.round, x.draft} {
		if err := st.CreateRound(ctx, store.Actor{}, r); err != nil {
			t.Fatal(err)
		}
	}
	x.srv = newServer(t, st)
	return x
}

// newServer serves the pages and the API over st until the test ends.
func newServer(t *testing.T, st *store.Store) *httptest.Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.New(web.Config{}, st, api.New(st, log), log)
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, h)
}

// serve serves h until the test ends. Its cleanup lets go of h as well as
// stopping the server: the testing package keeps a parallel test's
// cleanups until every parallel test has ended, and each server's parsed
// templates, kept that long, grew the heap past a gigabyte and the garbage
// collector's work to a third of the package's CPU time.
func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		srv.Config.Handler = nil
	})
	return srv
}

// client returns a browser-like client that keeps cookies and does not
// follow redirects, so tests see them.
func (x *app) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// post sends a same-origin form POST, as a browser on the site would.
func (x *app) post(c *http.Client, path string, form url.Values) *http.Response {
	x.t.Helper()
	return x.postBody(c, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

// postBody sends body as a same-origin POST of contentType, with the
// header pairs given after it ("HX-Request", "true").
func (x *app) postBody(c *http.Client, path, contentType string, body io.Reader, header ...string) *http.Response {
	x.t.Helper()
	req, _ := http.NewRequest("POST", x.srv.URL+path, body)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Origin", x.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		x.t.Fatal(err)
	}
	return resp
}

// multipartForm encodes fields and, when name is not "", a file named name
// as the field "file", last, as a browser sends a form with a file. It
// returns the body and its content type.
func multipartForm(fields url.Values, name string, data []byte) (io.Reader, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func (x *app) login(username string) *http.Client {
	x.t.Helper()
	c := x.client()
	resp := x.post(c, "/login", url.Values{"username": {username}, "password": {pw}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		x.t.Fatalf("login %s: status %d, want 303", username, resp.StatusCode)
	}
	return c
}

func (x *app) get(c *http.Client, path string) (int, string) {
	x.t.Helper()
	resp, err := c.Get(x.srv.URL + path)
	if err != nil {
		x.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestLoginAndHome(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	// Without a session, a page sends the browser to the login page.
	resp, err := x.client().Get(x.srv.URL + "/rounds")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/login?next=%2Frounds" {
		t.Errorf("anonymous /rounds: %d %q, want 303 to the login page", resp.StatusCode, loc)
	}
	c := x.login("vanphong")
	code, body := x.get(c, "/")
	if code != 200 || !strings.Contains(body, "Báo cáo nhiệm vụ trọng tâm năm nay") || !strings.Contains(body, "còn 3 ngày") {
		t.Errorf("office home: %d, want the live round with its countdown:\n%s", code, body)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"} {
		if resp, _ := c.Get(x.srv.URL + "/"); resp.Header.Get(h) == "" {
			t.Errorf("header %s missing", h)
		}
	}
	cu := x.login("pnv")
	if code, body := x.get(cu, "/"); code != 200 || !strings.Contains(body, "Việc của tôi") || !strings.Contains(body, "Nâng cao chỉ số cải cách hành chính") || strings.Contains(body, "Đợt nháp") {
		t.Errorf("reporter home: %d, want my tasks and no draft round:\n%s", code, body)
	}
	// Logout ends the session on the server, not only in the browser.
	cookies := c.Jar.Cookies(mustURL(x.srv.URL))
	x.post(c, "/logout", nil).Body.Close()
	stale := x.client()
	stale.Jar.SetCookies(mustURL(x.srv.URL), cookies)
	if code, _ := x.get(stale, "/"); code != http.StatusSeeOther {
		t.Errorf("old cookie after logout: %d, want redirect to login", code)
	}
}

func mustURL(s string) *url.URL { u, _ := url.Parse(s); return u }

func TestLoginDoesNotRevealUsernames(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	var bodies []string
	for _, user := range []string{"vanphong", "khongtontai"} {
		resp := x.post(x.client(), "/login", url.Values{"username": {user}, "password": {"sai mật khẩu"}})
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("wrong password for %s: %d, want 401", user, resp.StatusCode)
		}
		bodies = append(bodies, strings.ReplaceAll(string(b), user, "USER"))
	}
	if bodies[0] != bodies[1] {
		t.Errorf("login pages differ between an existing and an unknown username")
	}
	if !strings.Contains(bodies[0], "Tên đăng nhập hoặc mật khẩu không đúng") {
		t.Errorf("no clear message on a wrong login")
	}
}

func TestOpenRedirectRefused(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
		resp := x.post(x.client(), "/login", url.Values{"username": {"vanphong"}, "password": {pw}, "next": {next}})
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("next=%q redirected to %q, want /", next, loc)
		}
	}
}

// crossSitePost sends a form to url with client c as a page on another
// site would make the browser send it, and returns the status.
func crossSitePost(t *testing.T, c *http.Client, url, form string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestCrossOriginPostRefused(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	if code := crossSitePost(t, c, x.srv.URL+"/admin/units", "code=evil&name=Evil"); code != http.StatusForbidden {
		t.Errorf("cross-origin POST: %d, want 403", code)
	}
	if _, err := x.st.UnitByCode(context.Background(), "evil"); tiendo.ErrorCode(err) != tiendo.ENOTFOUND {
		t.Errorf("the cross-origin POST created a unit: %v", err)
	}
}

func TestUnitIsolationOnPages(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	own := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	other := "/rounds/" + itoa(x.round.ID) + "/reports/cah"
	if code, body := x.get(c, own); code != 200 || !strings.Contains(body, "Nâng cao chỉ số cải cách hành chính") {
		t.Errorf("own report: %d", code)
	}
	if code, _ := x.get(c, other); code != http.StatusForbidden && code != http.StatusNotFound {
		t.Errorf("another unit's report: %d, want 403 or 404", code)
	}
	if code, _ := x.get(c, "/rounds/"+itoa(x.draft.ID)); code != http.StatusNotFound {
		t.Errorf("a draft round: %d, want 404", code)
	}
	if code, body := x.get(c, "/rounds/"+itoa(x.round.ID)); code != 200 || strings.Contains(body, "Công an huyện</td>") {
		t.Errorf("round page for a reporter: %d; must not list other units' states", code)
	}
	for _, p := range []string{"/admin/units", "/admin/users"} {
		if code, _ := x.get(c, p); code != http.StatusForbidden {
			t.Errorf("reporter GET %s: %d, want 403", p, code)
		}
	}
	resp := x.post(c, "/admin/units", url.Values{"code": {"x"}, "name": {"X"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("reporter POST /admin/units: %d, want 403", resp.StatusCode)
	}
	// The reader sees everything units sent, and changes nothing. (cah's
	// report is unsent here: a reader's refusal of drafts is tested in
	// TestReaderReadsSentReportsAndSubmissions.)
	r := x.login("huyenuy")
	if code, _ := x.get(r, "/rounds/"+itoa(x.round.ID)); code != 200 {
		t.Errorf("reader reads the round: %d, want 200", code)
	}
	if code, _ := x.get(r, other); code != http.StatusForbidden {
		t.Errorf("reader reads a unit's unsent report: %d, want 403", code)
	}
	resp = x.post(r, "/admin/users", url.Values{"username": {"x"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("reader POST /admin/users: %d, want 403", resp.StatusCode)
	}
}

// An error page keeps a signed-in user's menu (and offers no "Đăng nhập"):
// a 404 from the catch-all route and a 403 from a page the role may not
// open. A visitor who is not signed in gets the login link.
func TestErrorPagesKeepTheMenu(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("pnv")
	for path, want := range map[string]int{"/khong-co-trang-nay": http.StatusNotFound, "/admin/users": http.StatusForbidden} {
		code, body := x.get(c, path)
		if code != want || !strings.Contains(body, "Đăng xuất") || strings.Contains(body, `href="/login"`) {
			t.Errorf("signed in, GET %s: %d, want %d with the menu (Đăng xuất) and no login link:\n%s", path, code, want, body)
		}
	}
	if code, body := x.get(x.client(), "/khong-co-trang-nay"); code != http.StatusNotFound || strings.Contains(body, "Đăng xuất") {
		t.Errorf("signed out, GET an unknown page: %d, want 404 without a menu for a signed-in user", code)
	}
}

// A leader's home page lists what waits for their approval; once
// approved it is gone, and the office's home page has no such list.
func TestLeaderHomeShowsPendingApproval(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	office, _ := x.st.UserByUsername(ctx, "vanphong")
	leader, _ := x.st.UserByUsername(ctx, "lanhdao")
	doc := &tiendo.Document{Kind: tiendo.DocReport, RoundID: x.round.ID, Subject: "Báo cáo tổng hợp", Parts: []tiendo.ReportPart{{Key: "opening", Text: "Mở đầu"}}}
	if err := x.st.CreateDoc(ctx, store.Actor{}, office, doc); err != nil {
		t.Fatal(err)
	}
	sent, err := x.st.ActOnDoc(ctx, store.Actor{}, office, x.round.ID, tiendo.DocReport, store.DocSend, doc.Version, "")
	if err != nil {
		t.Fatal(err)
	}
	link := `href="/rounds/` + itoa(x.round.ID) + `/consolidated"`
	c := x.login("lanhdao")
	if code, body := x.get(c, "/"); code != 200 || !strings.Contains(body, "Chờ đồng chí duyệt (1)") || !strings.Contains(body, link) {
		t.Errorf("leader's home with a report sent for approval: %d, want it listed with its link:\n%s", code, body)
	}
	if _, body := x.get(x.login("vanphong"), "/"); strings.Contains(body, "Chờ đồng chí duyệt") {
		t.Errorf("the office's home lists documents waiting for approval")
	}
	if _, err := x.st.ActOnDoc(ctx, store.Actor{}, leader, x.round.ID, tiendo.DocReport, store.DocApprove, sent.Version, ""); err != nil {
		t.Fatal(err)
	}
	if _, body := x.get(c, "/"); strings.Contains(body, "Chờ đồng chí duyệt") {
		t.Errorf("the leader's home still lists an approved report")
	}
}

// A matrix filter that matches no unit says so across the whole table:
// the unit, report and sent-time columns and one per task.
func TestMatrixFilterWithNoMatch(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	code, body := x.get(x.login("vanphong"), "/rounds/"+itoa(x.round.ID)+"?state=accepted")
	tasks := len(x.round.Tasks)
	if want := `<td colspan="` + itoa(int64(tasks+3)) + `">Không có đơn vị nào khớp bộ lọc.</td>`; code != 200 || !strings.Contains(body, want) {
		t.Errorf("a filter matching nothing: %d, want %s", code, want)
	}
}

func TestAdminUnitForm(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	c := x.login("admin")
	// An invalid form comes back with what was typed and a message per field.
	resp := x.post(c, "/admin/units", url.Values{"code": {"Sai Mã"}, "name": {"Phòng Tư pháp"}})
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), `value="Phòng Tư pháp"`) || !strings.Contains(string(b), "Mã đơn vị gồm chữ thường") {
		t.Errorf("invalid unit form: %d, want 422 with the input kept:\n%s", resp.StatusCode, b)
	}
	resp = x.post(c, "/admin/units", url.Values{"code": {"ptp"}, "name": {"Phòng Tư pháp"}, "aliases": {"Phòng Tư pháp huyện\nPhòng TP"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("valid unit form: %d, want 303", resp.StatusCode)
	}
	u, err := x.st.UnitByCode(context.Background(), "ptp")
	if err != nil || len(u.Aliases) != 2 {
		t.Errorf("created unit = %+v, %v", u, err)
	}
	if code, body := x.get(c, "/admin/units"); code != 200 || !strings.Contains(body, "Phòng Tư pháp") {
		t.Errorf("unit list: %d", code)
	}
	resp = x.post(c, "/admin/users", url.Values{"username": {"tp"}, "role": {"reporter"}, "unit_id": {itoa(u.ID)}, "password": {"ngắn"}})
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "Mật khẩu cần ít nhất") {
		t.Errorf("short password: %d", resp.StatusCode)
	}
}

func TestHealthAndStatic(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	if code, body := x.get(x.client(), "/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	_, body := x.get(x.client(), "/login")
	i := strings.Index(body, "/static/vendor/pico.min.")
	if i < 0 {
		t.Fatal("login page links no hashed stylesheet")
	}
	href := body[i : i+strings.Index(body[i:], `"`)]
	resp, err := http.Get(x.srv.URL + href)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("GET %s: %d %q", href, resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	if code, body := x.get(x.client(), "/khong-co-trang-nay"); code != 404 || !strings.Contains(body, "Không có trang này") {
		t.Errorf("unknown page: %d", code)
	}
}

func itoa(id int64) string { b, _ := json.Marshal(id); return string(b) }

// Two people of one unit edit the same report: the second save is refused
// with 409, the form keeps the second person's text, and shows the first
// person's saved text beside it.
func TestConcurrentEditKeepsBothTexts(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	ctx := context.Background()
	second := &tiendo.User{Username: "pnv2", Role: tiendo.RoleReporter, UnitID: x.a.ID}
	if err := x.st.CreateUser(ctx, store.Actor{}, second, pw); err != nil {
		t.Fatal(err)
	}
	task := x.round.Tasks[0].ID
	path := "/rounds/" + itoa(x.round.ID) + "/reports/pnv"
	field := "t" + itoa(task) + ".result_vs_plan"
	c1, c2 := x.login("pnv"), x.login("pnv2")
	resp := x.post(c1, path, url.Values{"version": {"0"}, "op": {"save"}, field: {"Văn bản của người thứ nhất"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", resp.StatusCode)
	}
	resp = x.post(c2, path, url.Values{"version": {"0"}, "op": {"save"}, field: {"Văn bản của người thứ hai"}})
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("second save: %d, want 409", resp.StatusCode)
	}
	if !strings.Contains(body, ">Văn bản của người thứ hai</textarea>") || !strings.Contains(body, "Bản đã lưu: Văn bản của người thứ nhất") {
		t.Errorf("the conflict page does not keep both texts:\n%s", body)
	}
	rep, _ := x.st.Report(ctx, second, x.round.ID, x.a.ID)
	if rep.Sections[0].ResultVsPlan != "Văn bản của người thứ nhất" {
		t.Errorf("stored text = %q: the refused save overwrote it", rep.Sections[0].ResultVsPlan)
	}
	// A number that cannot be read comes back as typed, with the accepted forms.
	g := "g" + itoa(x.round.Tasks[1].Targets[0].ID) + ".value"
	resp = x.post(x.login("cah"), "/rounds/"+itoa(x.round.ID)+"/reports/cah", url.Values{"version": {"0"}, "op": {"save"}, g: {"mười lăm"}})
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), `value="mười lăm"`) || !strings.Contains(string(b), "1.234,5") {
		t.Errorf("unreadable number: %d, want 422 keeping the input and showing the accepted forms", resp.StatusCode)
	}
}
