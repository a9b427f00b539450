package web_test

import (
	"bytes"
	"context"
	"go/ast"
	"go/token"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/api"
	"tiendo/internal/store"
)

// need says what a route asks of the person calling it. It is written here,
// beside the test, and not read from routes.go or api.go: if a handler's
// check is dropped or weakened there, the answers stop matching the table in
// access.go and this test fails.
type need struct {
	public bool          // no login needed
	action tiendo.Action // "" with public false: any logged-in user
	all    bool          // the action for every unit (ScopeAll), not only one's own
	unit   bool          // the path names one unit's data: try one's own and another unit's
	id     string        // what {id} is: "" a round, or "attachment", "unit", "user", "outbox", "notification"
	body   string        // the form (pages) or JSON (API) sent
	upload bool          // send the body as a multipart file upload
	// sentOnly is a route that reads a unit's report as the unit has it:
	// whoever reads only sent reports (tiendo.ReadsSentOnly) is refused,
	// since the fixture's reports are unsent drafts.
	sentOnly bool
	// refusedWith is a status other than 403 that this route is known to
	// refuse with. Each use is a finding, written up beside its entry.
	refusedWith int
}

// routeNeeds covers every page and API route. A route missing here, or an
// entry no longer served, fails TestEveryRouteHasANeed.
var routeNeeds = map[string]need{
	// Pages.
	"GET /static/": {public: true},
	"GET /healthz": {public: true},
	"GET /metrics": {public: true}, // no login; loopback only (metrics.go)
	"GET /login":   {public: true},
	"POST /login":  {public: true},
	"POST /logout": {public: true},
	// The login's second step: without a pending login (its own cookie,
	// set by a right password), a redirect back to the login page.
	"GET /login/code":    {public: true},
	"POST /login/code":   {public: true, body: "code=123456"},
	"/":                  {public: true},
	"GET /{$}":           {},
	"GET /notifications": {},
	"GET /search":        {}, // any logged-in user; the store narrows the hits to what they may read
	"GET /rounds":        {action: tiendo.ActionReadRounds},
	"GET /rounds/new":    {action: tiendo.ActionManageRounds},
	"POST /rounds/new":   {action: tiendo.ActionManageRounds, body: "text=Kế+hoạch"},
	"POST /rounds/preview": {action: tiendo.ActionManageRounds,
		body: "title=x"},
	"GET /rounds/{id}/publish":        {action: tiendo.ActionManageRounds},
	"POST /rounds/{id}/publish":       {action: tiendo.ActionManageRounds},
	"POST /rounds/{id}/delete":        {action: tiendo.ActionManageRounds},
	"GET /rounds/{id}/edit":           {action: tiendo.ActionManageRounds}, // a draft's own fields (round_edit.go); this round is published: 409
	"POST /rounds/{id}/edit":          {action: tiendo.ActionManageRounds, body: "title=Tên+mới&deadline=01/12/2027"},
	"POST /rounds/{id}/years":         {action: tiendo.ActionManageRounds}, // a draft's earlier years (round_edit.go); this round is published: 409
	"GET /rounds/{id}":                {action: tiendo.ActionReadRounds},
	"GET /rounds/{id}/extend":         {action: tiendo.ActionManageRounds}, // gia hạn (extend.go); this round is open
	"POST /rounds/{id}/extend":        {action: tiendo.ActionManageRounds, body: "deadline=01/12/2099&reason=Ch%E1%BB%9D+s%E1%BB%91+li%E1%BB%87u"},
	"POST /rounds/{id}/extend/unit":   {action: tiendo.ActionManageRounds, body: "unit=pnv&unit_deadline=01/12/2099&unit_reason=Ch%E1%BB%9D+k%C3%BD"}, // gia hạn cho một đơn vị
	"GET /rounds/{id}/reports/{unit}": {action: tiendo.ActionReadReport, unit: true, sentOnly: true},
	// One submission, read as the report is: {n} stays unreplaced here, so
	// an allowed role is answered 404 (no such submission), the others 403.
	"GET /rounds/{id}/reports/{unit}/revisions/{n}": {action: tiendo.ActionReadReport, unit: true},
	// The page's form handler is registered for report:read (the same URL
	// carries the office's return and accept); saving checks report:edit.
	"POST /rounds/{id}/reports/{unit}":             {action: tiendo.ActionEditReport, unit: true, body: "version=0&op=save"},
	"POST /rounds/{id}/reports/{unit}/autosave":    {action: tiendo.ActionEditReport, unit: true, body: "version=0"},
	"POST /rounds/{id}/reports/{unit}/attachments": {action: tiendo.ActionEditReport, unit: true, upload: true},
	"GET /rounds/{id}/reports/{unit}/attachments":  {action: tiendo.ActionReadReport, unit: true},
	"GET /rounds/{id}/reports/{unit}/revisions":    {action: tiendo.ActionReadReport, unit: true},
	"GET /attachments/{id}":                        {action: tiendo.ActionReadReport, unit: true, id: "attachment", sentOnly: true},
	"GET /rounds/{id}/consolidated":                {action: tiendo.ActionReadReport, all: true},
	"POST /rounds/{id}/consolidated/new":           {action: tiendo.ActionConsolidate},
	// A draft is invisible (404) to whoever may neither draft nor approve it,
	// as a draft round is to the units.
	"POST /rounds/{id}/consolidated":            {action: tiendo.ActionConsolidate, body: "version=0&op=save", refusedWith: http.StatusNotFound},
	"GET /rounds/{id}/consolidated/file/{kind}": {action: tiendo.ActionReadReport, all: true},
	"GET /rounds/{id}/consolidated/print":       {action: tiendo.ActionReadReport, all: true},
	// The outgoing register lists the documents issued for every round:
	// whoever reads every unit's reports; the units are refused.
	"GET /register": {action: tiendo.ActionReadReport, all: true},
	// Its spreadsheet of a year: whoever may read the register.
	"GET /register.xlsx": {action: tiendo.ActionReadReport, all: true},
	// The clerk's columns of a line (register.go): the office, who issues;
	// {id}, the round's, is no register line, so the office is answered 404.
	"POST /register/{id}/note": {action: tiendo.ActionConsolidate, body: "note=Đã+gửi+bản+giấy"},
	// The round's outgoing directive (văn bản chỉ đạo), in progress by
	// another engineer: entries follow the declared actions; a draft is
	// invisible (404) to whoever may neither draft nor approve it.
	"GET /rounds/{id}/directive":                              {action: tiendo.ActionReadRounds},
	"POST /rounds/{id}/directive/new":                         {action: tiendo.ActionConsolidate},
	"POST /rounds/{id}/directive":                             {action: tiendo.ActionConsolidate, body: "version=0&op=save", refusedWith: http.StatusNotFound},
	"GET /rounds/{id}/directive/file/{kind}":                  {action: tiendo.ActionReadRounds},
	"POST /api/v1/rounds/{id}/directive":                      {action: tiendo.ActionConsolidate, body: `{}`},
	"GET /api/v1/rounds/{id}/directive":                       {action: tiendo.ActionReadRounds},
	"PUT /api/v1/rounds/{id}/directive":                       {action: tiendo.ActionConsolidate, body: `{}`},
	"POST /api/v1/rounds/{id}/directive/send":                 {action: tiendo.ActionConsolidate, body: `{}`},
	"POST /api/v1/rounds/{id}/directive/approve":              {action: tiendo.ActionApproveDoc, body: `{}`},
	"POST /api/v1/rounds/{id}/directive/return":               {action: tiendo.ActionApproveDoc, body: `{}`},
	"POST /api/v1/rounds/{id}/directive/withdraw":             {action: tiendo.ActionConsolidate, body: `{}`},
	"POST /api/v1/rounds/{id}/directive/issue":                {action: tiendo.ActionConsolidate, body: `{}`},
	"GET /api/v1/rounds/{id}/directive.docx":                  {action: tiendo.ActionReadRounds},
	"GET /api/v1/rounds/{id}/directive.pdf":                   {action: tiendo.ActionReadRounds},
	"POST /rounds/{id}/remind":                                {action: tiendo.ActionManageRounds},
	"GET /rounds/{id}/matrix.xlsx":                            {action: tiendo.ActionReadReport, all: true}, // the watch page's matrix as a spreadsheet: whoever sees the matrix
	"POST /rounds/{id}/successor":                             {action: tiendo.ActionManageRounds, body: "title=Năm+sau&period_kind=year&period_year=2027&deadline=2027-01-10"},
	"POST /rounds/{id}/links":                                 {action: tiendo.ActionManageRounds, body: "link=1-2"},
	"GET /api/v1/rounds/{id}/link-suggestions":                {action: tiendo.ActionManageRounds},
	"POST /api/v1/rounds/{id}/links":                          {action: tiendo.ActionManageRounds, body: `{"links":[]}`},
	"GET /admin/cutoff":                                       {action: tiendo.ActionManageUnits},
	"POST /admin/cutoff":                                      {action: tiendo.ActionManageUnits, body: "issuer=&cutoff_day=15"},
	"GET /admin/issuer":                                       {action: tiendo.ActionManageUnits},
	"POST /admin/issuer":                                      {action: tiendo.ActionManageUnits, body: "name=Ủy+ban+nhân+dân+huyện+Thử&place="},
	"GET /targets/{id}":                                       {action: tiendo.ActionReadRounds, id: "target"},
	"POST /api/v1/rounds/{id}/successor":                      {action: tiendo.ActionManageRounds, body: `{"deadline":"2027-01-10","period":{"kind":"year","year":2027}}`},
	"GET /api/v1/targets/{id}/series":                         {action: tiendo.ActionReadRounds, id: "target"},
	"POST /api/v1/rounds/{id}/years":                          {action: tiendo.ActionManageRounds}, // as POST /rounds/{id}/years: this round is published, 409
	"POST /rounds/{id}/lock":                                  {action: tiendo.ActionManageRounds},
	"POST /rounds/{id}/reopen/{unit}":                         {action: tiendo.ActionManageRounds},
	"GET /outbox":                                             {action: tiendo.ActionManageMail},
	"GET /admin/outbox":                                       {public: true}, // the old address: a redirect to /outbox, which checks
	"POST /outbox/{id}/retry":                                 {action: tiendo.ActionManageMail, id: "outbox"},
	"/admin/audit":                                            {action: tiendo.ActionManageUsers},
	"GET /admin/units":                                        {action: tiendo.ActionManageUnits},
	"GET /admin/units/new":                                    {action: tiendo.ActionManageUnits},
	"POST /admin/units":                                       {action: tiendo.ActionManageUnits, body: "code=moi&name=Mới"},
	"GET /admin/units/{id}":                                   {action: tiendo.ActionManageUnits, id: "unit"},
	"POST /admin/units/{id}":                                  {action: tiendo.ActionManageUnits, id: "unit", body: "code=pnv&name=Phòng+Nội+vụ"},
	"POST /admin/units/{id}/retire":                           {action: tiendo.ActionManageUnits, id: "unit", body: "retired_on=32/13/2025"},
	"POST /admin/units/{id}/reactivate":                       {action: tiendo.ActionManageUnits, id: "unit"},
	"GET /admin/bulk":                                         {action: tiendo.ActionManageUnits}, // units and users from Excel (bulk.go)
	"GET /admin/bulk/template.xlsx":                           {action: tiendo.ActionManageUnits},
	"GET /admin/bulk/export.xlsx":                             {action: tiendo.ActionManageUnits},
	"POST /admin/bulk":                                        {action: tiendo.ActionManageUnits, upload: true}, // not a workbook: 422
	"GET /admin/bulk/{id}":                                    {action: tiendo.ActionManageUnits},               // none of the caller's uploads: 404
	"POST /admin/bulk/{id}":                                   {action: tiendo.ActionManageUnits, body: "fingerprint=x"},
	"GET /admin/users":                                        {action: tiendo.ActionManageUsers},
	"GET /admin/users/new":                                    {action: tiendo.ActionManageUsers},
	"POST /admin/users":                                       {action: tiendo.ActionManageUsers, body: "username=moi&role=reader&password=ngắn"},
	"GET /admin/users/{id}":                                   {action: tiendo.ActionManageUsers, id: "user"},
	"POST /admin/users/{id}":                                  {action: tiendo.ActionManageUsers, id: "user", body: "username=huyenuy&role=reader"},
	"GET /api/openapi.json":                                   {public: true},
	"POST /api/v1/tokens":                                     {public: true, body: `{}`},
	"/api/":                                                   {public: true},
	"GET /api/v1/me":                                          {},
	"GET /api/v1/search":                                      {},
	"GET /api/v1/notifications":                               {},
	"GET /api/v1/units":                                       {action: tiendo.ActionReadUnits},
	"POST /api/v1/directives/parse":                           {action: tiendo.ActionManageRounds, body: `{"text":"Kế hoạch"}`},
	"GET /api/v1/rounds":                                      {action: tiendo.ActionReadRounds},
	"POST /api/v1/rounds":                                     {action: tiendo.ActionManageRounds, body: `{}`},
	"POST /api/v1/rounds/{id}/publish":                        {action: tiendo.ActionManageRounds},
	"POST /api/v1/rounds/{id}/extend":                         {action: tiendo.ActionManageRounds, body: `{"deadline":"2099-12-01T00:00:00+07:00","reason":"Chờ số liệu"}`},
	"POST /api/v1/rounds/{id}/reports/{unit}/extend":          {action: tiendo.ActionManageRounds, body: `{"deadline":"2099-12-01T00:00:00+07:00","reason":"Chờ ký"}`}, // one unit's deadline
	"GET /api/v1/rounds/{id}":                                 {action: tiendo.ActionReadRounds},
	"POST /api/v1/rounds/{id}/remind":                         {action: tiendo.ActionManageRounds, body: `{}`},
	"GET /api/v1/rounds/{id}/matrix":                          {action: tiendo.ActionReadReport, all: true},
	"GET /api/v1/rounds/{id}/rates":                           {action: tiendo.ActionReadReport, all: true},
	"GET /api/v1/rounds/{id}/targets":                         {action: tiendo.ActionReadReport, all: true},
	"POST /api/v1/rounds/{id}/consolidated":                   {action: tiendo.ActionConsolidate},
	"GET /api/v1/rounds/{id}/consolidated":                    {action: tiendo.ActionReadReport, all: true},
	"PUT /api/v1/rounds/{id}/consolidated":                    {action: tiendo.ActionConsolidate, body: `{}`},
	"POST /api/v1/rounds/{id}/consolidated/send":              {action: tiendo.ActionConsolidate, body: `{}`},
	"POST /api/v1/rounds/{id}/consolidated/approve":           {action: tiendo.ActionApproveDoc, body: `{}`},
	"POST /api/v1/rounds/{id}/consolidated/return":            {action: tiendo.ActionApproveDoc, body: `{}`},
	"POST /api/v1/rounds/{id}/consolidated/withdraw":          {action: tiendo.ActionConsolidate, body: `{}`},
	"POST /api/v1/rounds/{id}/consolidated/issue":             {action: tiendo.ActionConsolidate, body: `{}`},
	"GET /api/v1/rounds/{id}/consolidated.docx":               {action: tiendo.ActionReadReport, all: true},
	"GET /api/v1/rounds/{id}/consolidated.pdf":                {action: tiendo.ActionReadReport, all: true},
	"GET /api/v1/rounds/{id}/consolidated.xlsx":               {action: tiendo.ActionReadReport, all: true},
	"GET /api/v1/rounds/{id}/reports/{unit}":                  {action: tiendo.ActionReadReport, unit: true, sentOnly: true},
	"PUT /api/v1/rounds/{id}/reports/{unit}":                  {action: tiendo.ActionEditReport, unit: true, body: `{}`},
	"POST /api/v1/rounds/{id}/reports/{unit}/submit":          {action: tiendo.ActionEditReport, unit: true, body: `{}`},
	"POST /api/v1/rounds/{id}/reports/{unit}/review":          {action: tiendo.ActionEditReport, unit: true, body: `{}`},
	"POST /api/v1/rounds/{id}/reports/{unit}/return":          {action: tiendo.ActionReviewReport, unit: true, body: `{}`},
	"POST /api/v1/rounds/{id}/reports/{unit}/head-return":     {action: tiendo.ActionApproveReport, unit: true, body: `{}`},
	"POST /api/v1/rounds/{id}/reports/{unit}/withdraw-review": {action: tiendo.ActionEditReport, unit: true, body: `{}`},
	"POST /api/v1/rounds/{id}/reports/{unit}/accept":          {action: tiendo.ActionReviewReport, unit: true, body: `{}`},
	"GET /api/v1/rounds/{id}/reports/{unit}/revisions":        {action: tiendo.ActionReadReport, unit: true},

	// One's own notifications only: {id} is none of anyone's here (404, an
	// allowed answer); whose one may open or mark is TestNotificationOpenMarksItRead
	// and api's TestAPIMarkOneNotificationRead.
	"GET /notifications/{id}":              {id: "notification"},
	"POST /notifications/read":             {body: "id=1"},
	"POST /api/v1/notifications/read":      {},
	"POST /api/v1/notifications/{id}/read": {id: "notification"},

	// Every user's own account page and tokens. The token revoked is one that
	// does not exist (404, an allowed answer): which tokens one may revoke is
	// api's TestTokenListAndRevoke and store's TestTokensListAndRevoke.
	"GET /account":                     {},
	"GET /account/password":            {}, // redirects to /account, where the form is
	"POST /account/password":           {body: "current_password=sai&password=một+mật+khẩu+mới&password_confirm=một+mật+khẩu+mới"},
	"POST /account/logout-everywhere":  {},
	"POST /account/sessions/{key}/end": {}, // any signed-in user, for their own sessions; an unknown key is 404
	"POST /account/tokens/{id}/revoke": {id: "token", body: "back=/account"},
	"GET /api/v1/tokens":               {},
	"DELETE /api/v1/tokens/{id}":       {id: "token"},
	"GET /admin/users/{id}/sessions":   {action: tiendo.ActionManageUsers, id: "user"},
	// The second factor (twofactor.go): office, leader and admin set it up;
	// anyone may turn their own off (none here has it on: 404), and the
	// admin anyone's (the same).
	"GET /account/2fa":                         {action: tiendo.ActionTwoFactor},
	"POST /account/2fa/start":                  {action: tiendo.ActionTwoFactor},
	"POST /account/2fa/enable":                 {action: tiendo.ActionTwoFactor, body: "code=123456"},
	"POST /account/2fa/disable":                {body: "password=sai&code=123456"},
	"POST /admin/users/{id}/2fa/reset":         {action: tiendo.ActionManageUsers, id: "user"},
	"POST /admin/users/{id}/logout-everywhere": {action: tiendo.ActionManageUsers, id: "user"},

	// Taking a file off a report: {file} stays unreplaced, so whoever may
	// edit gets "no such file" (404).
	"POST /rounds/{id}/reports/{unit}/attachments/{file}/delete": {action: tiendo.ActionEditReport, unit: true, body: "version=0"},

	// Withdrawing a unit's own deadline (hủy hạn riêng, extend.go): pnv
	// has none here, so whoever may manage rounds is answered 422 (the
	// page's confirmation, the confirmed withdrawal and the API's alike),
	// the others 403.
	"GET /rounds/{id}/extend/unit/{unit}/withdraw":     {action: tiendo.ActionManageRounds},
	"POST /rounds/{id}/extend/unit/{unit}/withdraw":    {action: tiendo.ActionManageRounds, body: "confirm=yes&own=2099-12-01T00%3A00%3A00%2B07%3A00"},
	"DELETE /api/v1/rounds/{id}/reports/{unit}/extend": {action: tiendo.ActionManageRounds},
}

// pageRoutes reads the patterns the web package registers, from its source:
// every mux.Handle or mux.HandleFunc call in a non-test file. routes.go may
// not export a list, and reading the source catches a route added anywhere
// in the package. A pattern that is not a string literal fails the test, so
// none can slip past.
func pageRoutes(t *testing.T) []string {
	t.Helper()
	calls, fset := sourceCalls(t, "*.go", 2, "HandleFunc", "Handle")
	var out []string
	for _, call := range calls {
		if id, ok := call.Fun.(*ast.SelectorExpr).X.(*ast.Ident); !ok || id.Name != "mux" {
			continue
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			t.Errorf("%s: a route whose pattern is not a string literal; the access test cannot check it", fset.Position(call.Pos()))
			continue
		}
		p, _ := strconv.Unquote(lit.Value)
		if p != "/api/" { // the API's own routes come from api.Routes
			out = append(out, p)
		}
	}
	if len(out) < 10 {
		t.Fatalf("found only %d page routes in the source; the parser is missing them", len(out))
	}
	return out
}

func allRoutes(t *testing.T) []string {
	t.Helper()
	routes := pageRoutes(t)
	routes = append(routes, api.New(nil, slog.New(slog.NewTextHandler(io.Discard, nil))).Routes()...)
	sort.Strings(routes)
	return routes
}

func TestEveryRouteHasANeed(t *testing.T) {
	t.Parallel()
	served := map[string]bool{}
	for _, r := range allRoutes(t) {
		served[r] = true
		if _, ok := routeNeeds[r]; !ok {
			t.Errorf("route %q has no entry in routeNeeds: say what it needs, so the access test covers it", r)
		}
	}
	for r := range routeNeeds {
		if !served[r] {
			t.Errorf("routeNeeds lists %q, which is not served", r)
		}
	}
}

// accessApp is newApp with a unit head, an attachment in each unit's
// report, and a way to act as any role without paying for a password check.
type accessApp struct {
	*app
	users   map[tiendo.Role]*tiendo.User
	attach  map[int64]int64 // unit ID -> an attachment in its report
	cookies map[tiendo.Role]string
	tokens  map[tiendo.Role]string
}

func newAccessApp(t *testing.T) *accessApp {
	t.Helper()
	ctx := context.Background()
	x := &accessApp{app: newApp(t), users: map[tiendo.Role]*tiendo.User{}, attach: map[int64]int64{},
		cookies: map[tiendo.Role]string{}, tokens: map[tiendo.Role]string{}}
	head := &tiendo.User{Username: "tppnv", Role: tiendo.RoleUnitHead, UnitID: x.a.ID}
	if err := x.st.CreateUser(ctx, store.Actor{}, head, pw); err != nil {
		t.Fatal(err)
	}
	for role, name := range map[tiendo.Role]string{tiendo.RoleAdmin: "admin", tiendo.RoleOffice: "vanphong",
		tiendo.RoleLeader: "lanhdao", tiendo.RoleReader: "huyenuy", tiendo.RoleReporter: "pnv", tiendo.RoleUnitHead: "tppnv"} {
		u, err := x.st.UserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		x.users[role] = u
		if x.cookies[role], err = x.st.CreateSession(ctx, u.ID, "127.0.0.1", "test"); err != nil {
			t.Fatal(err)
		}
		if x.tokens[role], _, err = x.st.CreateToken(ctx, u.ID, "127.0.0.1"); err != nil {
			t.Fatal(err)
		}
	}
	draft := &tiendo.Document{Kind: tiendo.DocReport, RoundID: x.round.ID, Subject: "Báo cáo kết quả thực hiện nhiệm vụ trọng tâm",
		Parts: []tiendo.ReportPart{{Key: "results", Heading: "I. Kết quả", Text: "Các đơn vị đã triển khai."}}}
	if err := x.st.CreateDoc(ctx, store.Actor{}, x.users[tiendo.RoleOffice], draft); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pnv", "cah"} {
		u, err := x.st.UserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		at, err := x.st.AddAttachment(ctx, store.Actor{}, u, x.round.ID, u.UnitID, "bang-so-lieu.pdf", []byte("%PDF-1.4 thử"))
		if err != nil {
			t.Fatal(err)
		}
		x.attach[u.UnitID] = at.ID
	}
	return x
}

// request builds the request for pattern on unit's data, as role (or
// anonymous when role is "").
func (x *accessApp) request(t *testing.T, pattern string, n need, role tiendo.Role, unit *tiendo.Unit) *http.Request {
	t.Helper()
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "GET", pattern
		if strings.HasSuffix(path, "/") { // a catch-all
			path += "khong-co-trang-nay"
		}
	}
	id := x.round.ID
	switch n.id {
	case "attachment":
		id = x.attach[unit.ID]
	case "unit":
		id = x.a.ID
	case "user":
		id = x.users[tiendo.RoleReader].ID
	case "outbox":
		id = 1
	case "target":
		id = x.round.Tasks[1].Targets[0].ID
	case "token":
		id = 1 << 40 // no such token: revoking a real one would log a role out mid-test
	case "notification":
		id = 1 << 40 // no such notification: every role is answered 404
	}
	path = strings.NewReplacer("{id}", itoa(id), "{unit}", unit.Code, "{kind}", "docx", "{$}", "").Replace(path)
	if path == "/static/" {
		path = "/static/khong-co.css"
	}
	var body io.Reader
	ctype := ""
	apiPath := strings.HasPrefix(path, "/api/")
	switch {
	case n.upload:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "ket-qua.pdf")
		fw.Write([]byte("%PDF-1.4 kết quả"))
		mw.Close()
		body, ctype = &buf, mw.FormDataContentType()
	case method != "GET" && apiPath:
		body, ctype = strings.NewReader(n.body), "application/json"
	case method != "GET":
		body, ctype = strings.NewReader(n.body), "application/x-www-form-urlencoded"
	}
	req, err := http.NewRequest(method, x.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Origin", x.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if role != "" {
		if apiPath {
			req.Header.Set("Authorization", "Bearer "+x.tokens[role])
		} else {
			req.AddCookie(&http.Cookie{Name: "tiendo_session", Value: x.cookies[role]})
		}
	}
	return req
}

// TestRouteRoleMatrix sends every route's request as every role and as
// nobody, and checks the answer against access.go: allowed (neither 401 nor
// 403 nor the login page), refused (403, or 404 for another unit's data), or
// sent to log in (401, or for a page's GET a redirect to /login).
func TestRouteRoleMatrix(t *testing.T) {
	t.Parallel()
	routes := allRoutes(t)
	// Reading changes nothing, so the GET routes share one app; every other
	// route gets its own, since an allowed role's change (a publish, a lock)
	// could otherwise alter what the next role is answered.
	shared := newAccessApp(t)
	for _, pattern := range routes {
		n, ok := routeNeeds[pattern]
		if !ok {
			continue // TestEveryRouteHasANeed reports it
		}
		t.Run(pattern, func(t *testing.T) {
			t.Parallel()
			x := shared
			if method, _, ok := strings.Cut(pattern, " "); ok && method != "GET" {
				x = newAccessApp(t)
			}
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			do := func(req *http.Request) (int, string) {
				resp, err := client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode, resp.Header.Get("Location")
			}
			// Refused roles first: an allowed role's change (a publish, a
			// lock) must not be what turns a refusal into a 409.
			roles := slices.Clone(tiendo.Roles)
			sort.SliceStable(roles, func(i, j int) bool {
				return !x.allowed(n, roles[i], x.a) && x.allowed(n, roles[j], x.a)
			})

			// Nobody.
			code, loc := do(x.request(t, pattern, n, "", x.a))
			login := code == http.StatusUnauthorized || (code == http.StatusSeeOther && strings.HasPrefix(loc, "/login?"))
			if n.public && (code == http.StatusUnauthorized || code == http.StatusForbidden || code >= 500) {
				t.Errorf("anonymous: %d %s, want a public answer", code, loc)
			}
			if !n.public && !login {
				t.Errorf("anonymous: %d %s, want 401 or a redirect to the login page", code, loc)
			}
			if !n.public && strings.HasPrefix(pattern, "GET /") && !strings.HasPrefix(pattern, "GET /api/") &&
				(code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?next=")) {
				t.Errorf("anonymous page GET: %d %s, want 303 to /login?next=...", code, loc)
			}

			for _, role := range roles {
				units := []*tiendo.Unit{x.a}
				if n.unit && role.UnitScoped() {
					units = append(units, x.b) // another unit's data
				}
				for _, unit := range units {
					want := x.allowed(n, role, unit)
					code, loc := do(x.request(t, pattern, n, role, unit))
					refused := code == http.StatusForbidden || (unit != x.a && code == http.StatusNotFound)
					login := code == http.StatusUnauthorized || (code == http.StatusSeeOther && strings.HasPrefix(loc, "/login?"))
					switch {
					case code >= 500:
						t.Errorf("%s on %s: %d, a server error", role, unit.Code, code)
					case want && (refused || login):
						t.Errorf("%s on %s: %d %s, want allowed (access.go grants %q)", role, unit.Code, code, loc, n.action)
					case !want && !refused && (n.refusedWith == 0 || code != n.refusedWith):
						t.Errorf("%s on %s: %d %s, want 403 (access.go refuses %q)", role, unit.Code, code, loc, n.action)
					}
				}
			}
		})
	}
}

// allowed is access.go's answer for role on unit's data.
func (x *accessApp) allowed(n need, role tiendo.Role, unit *tiendo.Unit) bool {
	u := x.users[role]
	if n.sentOnly && tiendo.ReadsSentOnly(u) {
		return false
	}
	switch {
	case n.public || n.action == "":
		return true
	case n.all:
		return tiendo.ScopeOf(u, n.action) == tiendo.ScopeAll
	case n.unit:
		return tiendo.Allowed(u, n.action, unit.ID)
	}
	return tiendo.Allowed(u, n.action, 0)
}
