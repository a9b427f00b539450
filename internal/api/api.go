// Package api serves tiendo's JSON API under /api/v1 and its OpenAPI
// document at /api/openapi.json. It uses the same store and the same
// permission table as the pages; callers authenticate with a bearer token
// from POST /api/v1/tokens. It knows no SQL and no HTML.
package api

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"tiendo"
	"tiendo/internal/remind"
	"tiendo/internal/store"
)

// Server is the JSON API.
type Server struct {
	// Reminders sends the office's "đôn đốc"; set it after New (nil: off).
	Reminders *remind.Service

	store  *store.Store
	log    *slog.Logger
	mux    *http.ServeMux
	routes []string // every pattern registered, for the OpenAPI test
}

// New returns the API handler.
func New(st *store.Store, log *slog.Logger) *Server {
	a := &Server{store: st, log: log, mux: http.NewServeMux()}
	a.register()
	return a
}

func (a *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

// Routes returns the patterns the API serves ("GET /api/v1/me").
func (a *Server) Routes() []string { return a.routes }

type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// route registers a public endpoint.
func (a *Server) route(pattern string, h handlerFunc) {
	a.routes = append(a.routes, pattern)
	a.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			a.error(w, r, err)
		}
	})
}

type ctxKey int

const userKey ctxKey = 0

func userFrom(ctx context.Context) *tiendo.User { u, _ := ctx.Value(userKey).(*tiendo.User); return u }

// authed registers an endpoint that needs a bearer token whose user may do
// action (any logged-in user when action is "").
func (a *Server) authed(pattern string, action tiendo.Action, h handlerFunc) {
	a.route(pattern, func(w http.ResponseWriter, r *http.Request) error {
		token := bearer(r)
		if token == "" {
			return tiendo.Errorf(tiendo.EUNAUTHORIZED, "Cần đăng nhập: gửi tiêu đề Authorization: Bearer <token> với token lấy từ POST /api/v1/tokens.")
		}
		u, err := a.store.TokenUser(r.Context(), token)
		if err != nil {
			return err
		}
		if action != "" && !tiendo.Allowed(u, action, 0) {
			return tiendo.Errorf(tiendo.EFORBIDDEN, "Tài khoản của bạn không có quyền thực hiện thao tác này.")
		}
		return h(w, r.WithContext(context.WithValue(r.Context(), userKey, u)))
	})
}

// Status maps an error code to its HTTP status; the pages use it too, so a
// code means the same status on both surfaces.
func Status(code string) int {
	switch code {
	case tiendo.EINVALID:
		return http.StatusUnprocessableEntity
	case tiendo.ENOTFOUND:
		return http.StatusNotFound
	case tiendo.EUNAUTHORIZED, tiendo.ETOTPREQUIRED:
		return http.StatusUnauthorized
	case tiendo.EFORBIDDEN:
		return http.StatusForbidden
	case tiendo.ECONFLICT:
		return http.StatusConflict
	case tiendo.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case tiendo.ETHROTTLED:
		return http.StatusTooManyRequests
	case errBadRequest:
		return http.StatusBadRequest
	case errMethodNotAllowed:
		return http.StatusMethodNotAllowed
	}
	return http.StatusInternalServerError
}

// errBadRequest marks a body that cannot be read at all (400), as opposed to
// a readable one with wrong values (422).
const errBadRequest = "bad_request"

// errMethodNotAllowed marks a method the path does not take (405).
const errMethodNotAllowed = "method_not_allowed"

type errorBody struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields,omitempty"`
	} `json:"error"`
}

// error is the one place an API error becomes a response.
func (a *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		err = tiendo.Errorf(tiendo.ETOOLARGE, "Nội dung gửi lên quá lớn (tối đa %d KB).", tooLarge.Limit>>10)
	}
	code := tiendo.ErrorCode(err)
	status := Status(code)
	if status == http.StatusInternalServerError {
		a.log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var body errorBody
	body.Error.Code, body.Error.Message = code, tiendo.ErrorMessage(err)
	var e *tiendo.Error
	if errors.As(err, &e) {
		body.Error.Fields = e.Fields
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tiendo"`)
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}

// maxBody caps a JSON request body.
const maxBody = 1 << 20

// decode reads a JSON body into v: one object, no unknown fields, within
// maxBody. Member names match v's fields without regard to case, as
// encoding/json's do.
//
// Bodies are read with the json v2 prototype (github.com/go-json-experiment/json,
// by the authors of encoding/json/v2): a report's save is a 12 KB body, and
// it decodes it more than three times faster than encoding/json, allocating a
// tenth as much. It also refuses invalid UTF-8 and repeated member names,
// which encoding/json lets through. Answers are still written by
// encoding/json, whose output the API documents.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return tiendo.Errorf(errBadRequest, "Nội dung phải là JSON (Content-Type: application/json).")
	}
	dec := jsontext.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	err := jsonv2.UnmarshalDecode(dec, v, decodeOptions)
	trailing := false
	if err == nil {
		// Anything after the value but the end of the body is refused.
		if _, err = dec.ReadToken(); errors.Is(err, io.EOF) {
			return nil
		}
		trailing = true
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return tooLarge
	case trailing:
		return tiendo.Errorf(errBadRequest, "Chỉ gửi một đối tượng JSON.")
	case errors.Is(err, io.EOF):
		return tiendo.Errorf(errBadRequest, "Thiếu nội dung JSON.")
	}
	return tiendo.Errorf(errBadRequest, "JSON không hợp lệ: %s", jsonProblem(err))
}

// decodeOptions are decode's: unknown members refused, names matched as
// strings.EqualFold does. Without MatchCaseSensitiveDelimiter v2 would also
// ignore "_" and "-", taking "resultvsplan" or "result-vs-plan" for
// result_vs_plan where encoding/json refuses them as unknown.
var decodeOptions = jsonv2.JoinOptions(jsonv2.RejectUnknownMembers(true),
	jsonv2.MatchCaseInsensitiveNames(true), jsonv1.MatchCaseSensitiveDelimiter(true))

// jsonProblem says in Vietnamese what is wrong with a JSON body, and where
// (a JSON Pointer, RFC 6901, such as /sections/0/task_id).
func jsonProblem(err error) string {
	var sem *jsonv2.SemanticError
	var syn *jsontext.SyntacticError
	switch {
	case errors.As(err, &sem) && errors.Is(sem.Err, jsonv2.ErrUnknownName):
		return fmt.Sprintf("không có trường %s trong tài liệu này.", where(sem.JSONPointer))
	case errors.As(err, &sem) && sem.GoType != nil:
		return fmt.Sprintf("giá trị ở %s phải là %s.", where(sem.JSONPointer), kindOf(sem.GoType))
	case errors.As(err, &syn) && errors.Is(syn.Err, jsontext.ErrDuplicateName):
		return fmt.Sprintf("trường %s có hai lần.", where(syn.JSONPointer))
	case errors.As(err, &syn) && errors.Is(syn.Err, io.ErrUnexpectedEOF):
		return "tài liệu bị cắt ngang (thiếu phần cuối)."
	case errors.As(err, &syn) && strings.Contains(syn.Err.Error(), "UTF-8"):
		return fmt.Sprintf("chuỗi ở %s không phải văn bản UTF-8.", where(syn.JSONPointer))
	case errors.As(err, &syn):
		return syntaxProblem(syn)
	}
	return err.Error()
}

// syntaxProblem says in Vietnamese where a body stops being JSON and, for
// the usual slips, why, without the decoder's English: a client may show
// the message to a person.
func syntaxProblem(syn *jsontext.SyntacticError) string {
	at := fmt.Sprintf("lỗi cú pháp ở byte %d", syn.ByteOffset)
	if syn.JSONPointer != "" {
		at += " (trong " + string(syn.JSONPointer) + ")"
	}
	msg := syn.Err.Error()
	switch {
	case errors.Is(syn.Err, jsontext.ErrNonStringName):
		return at + `: tên trường phải là một chuỗi trong dấu ngoặc kép, như "version".`
	case strings.HasPrefix(msg, "invalid escape sequence"), strings.HasPrefix(msg, "invalid surrogate pair"):
		return at + `: chuỗi có dấu gạch ngược \ không hợp lệ; JSON chỉ nhận \", \\, \/, \b, \f, \n, \r, \t và \uXXXX.`
	case strings.HasPrefix(msg, "mismatching structural token"):
		return at + ": dấu đóng không khớp dấu mở ('}' đóng '{', ']' đóng '[')."
	case strings.HasPrefix(msg, "missing value after object name"):
		return at + ": thiếu giá trị sau tên trường."
	case strings.HasPrefix(msg, "exceeded max depth"):
		return at + ": tài liệu lồng quá sâu."
	}
	rest, ok := strings.CutPrefix(msg, "invalid character ")
	char, err := strconv.QuotedPrefix(rest)
	if !ok || err != nil {
		return at + "."
	}
	at += ": ký tự " + char
	switch place := rest[len(char):]; {
	case strings.HasPrefix(place, " at start of value") && strings.ContainsAny(char, ",]}"):
		return at + " đứng ở chỗ cần một giá trị: có thể thừa dấu phẩy, hoặc thiếu giá trị sau dấu hai chấm."
	case strings.HasPrefix(place, " at start of value") && char == `'\''`:
		return at + ` không mở đầu được giá trị: JSON dùng dấu ngoặc kép "…", không dùng dấu nháy đơn.`
	case strings.HasPrefix(place, " at start of value"):
		return at + ` không mở đầu được một giá trị JSON: chuỗi và tên trường phải nằm trong dấu ngoặc kép "…"; true, false, null viết thường; NaN và Infinity không phải số JSON.`
	case strings.HasPrefix(place, " after object name"):
		return at + " đứng sau tên trường, ở chỗ cần dấu hai chấm ':'."
	case strings.HasPrefix(place, " after object value"):
		return at + " đứng sau một giá trị, ở chỗ cần dấu phẩy ',' hoặc dấu đóng '}': có thể thiếu dấu phẩy giữa hai trường."
	case strings.HasPrefix(place, " after array"):
		return at + " đứng sau một phần tử của danh sách, ở chỗ cần dấu phẩy ',' hoặc dấu đóng ']'."
	case strings.HasPrefix(place, " in literal"):
		return at + " làm sai một từ khóa: JSON chỉ có true, false và null, viết thường."
	case strings.HasPrefix(place, " in number"):
		return at + " làm sai một số: số JSON viết như 12, -3 hay 1.5 (dấu chấm thập phân, không có dấu chấm hay số 0 thừa)."
	case strings.HasPrefix(place, " in string"):
		return at + ` nằm trong một chuỗi: ký tự điều khiển (xuống dòng, tab) phải viết là \n, \t.`
	case strings.HasPrefix(place, " after top-level value"):
		return at + " đứng sau hết tài liệu: chỉ gửi một đối tượng JSON."
	}
	return at + " không đúng chỗ."
}

func where(p jsontext.Pointer) string {
	if p == "" {
		return "gốc tài liệu"
	}
	return string(p)
}

// kindOf names the JSON a Go type takes.
func kindOf(t reflect.Type) string {
	if t == reflect.TypeFor[time.Time]() {
		return "một thời điểm RFC 3339, như 2026-11-27T08:00:00+07:00"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "một số nguyên"
	case reflect.Float32, reflect.Float64:
		return "một số"
	case reflect.String:
		return "một chuỗi"
	case reflect.Bool:
		return "true hoặc false"
	case reflect.Slice, reflect.Array:
		return "một danh sách [...]"
	case reflect.Pointer:
		return kindOf(t.Elem()) + " hoặc null"
	}
	return "một đối tượng {...}"
}

func actor(r *http.Request) store.Actor {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a := store.Actor{Address: host}
	if u := userFrom(r.Context()); u != nil {
		a.UserID = u.ID
	}
	return a
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		// Not an id at all: the request is wrong, not the thing missing.
		return 0, tiendo.Errorf(errBadRequest, "%q không phải là mã số hợp lệ: đường dẫn cần một số nguyên dương ở vị trí {%s}.", r.PathValue(name), name)
	}
	return id, nil
}

// allowed lists the methods another route takes for r's path, for the
// Allow header of a 405; none when no route has that path.
func (a *Server) allowed(r *http.Request) []string {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	return allow
}

//go:embed openapi.json
var openapi []byte

// register lists every endpoint. Each one is also described in openapi.json;
// a test checks that the two agree.
func (a *Server) register() {
	a.route("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, err := w.Write(openapi)
		return err
	})
	a.route("POST /api/v1/tokens", a.handleTokenCreate)
	a.authed("GET /api/v1/tokens", "", a.handleTokens)
	a.authed("DELETE /api/v1/tokens/{id}", "", a.handleTokenRevoke)
	a.authed("GET /api/v1/me", "", a.handleMe)
	a.authed("GET /api/v1/units", tiendo.ActionReadUnits, a.handleUnits)
	a.authed("GET /api/v1/notifications", "", a.handleNotifications)
	a.authed("POST /api/v1/notifications/read", "", a.handleNotificationsRead) // notifications.go
	a.authed("POST /api/v1/notifications/{id}/read", "", a.handleNotificationRead)
	a.authed("GET /api/v1/search", "", a.handleSearch)
	a.authed("POST /api/v1/directives/parse", tiendo.ActionManageRounds, a.handleDirectiveParse)
	a.authed("GET /api/v1/rounds", tiendo.ActionReadRounds, a.handleRounds)
	a.authed("POST /api/v1/rounds", tiendo.ActionManageRounds, a.handleRoundCreate)
	a.authed("POST /api/v1/rounds/{id}/successor", tiendo.ActionManageRounds, a.handleSuccessor)
	a.authed("POST /api/v1/rounds/{id}/years", tiendo.ActionManageRounds, a.handleMoveYears)
	a.authed("GET /api/v1/targets/{id}/series", tiendo.ActionReadRounds, a.handleSeries)
	a.authed("GET /api/v1/rounds/{id}/link-suggestions", tiendo.ActionManageRounds, a.handleLinkSuggestions)
	a.authed("POST /api/v1/rounds/{id}/links", tiendo.ActionManageRounds, a.handleLinks)
	a.authed("POST /api/v1/rounds/{id}/publish", tiendo.ActionManageRounds, a.handleRoundPublish)
	a.authed("POST /api/v1/rounds/{id}/extend", tiendo.ActionManageRounds, a.handleRoundExtend)
	a.authed("GET /api/v1/rounds/{id}", tiendo.ActionReadRounds, a.handleRound)
	a.authed("POST /api/v1/rounds/{id}/remind", tiendo.ActionManageRounds, a.handleRemind)
	a.authed("GET /api/v1/rounds/{id}/matrix", tiendo.ActionReadRounds, a.handleMatrix)
	a.authed("GET /api/v1/rounds/{id}/rates", tiendo.ActionReadRounds, a.handleRates)
	a.authed("GET /api/v1/rounds/{id}/targets", tiendo.ActionReadRounds, a.handleTargets)
	a.authed("POST /api/v1/rounds/{id}/consolidated", tiendo.ActionConsolidate, a.docCreate(consolidatedSpec))
	a.authed("GET /api/v1/rounds/{id}/consolidated", tiendo.ActionReadReport, a.docGet(consolidatedSpec))
	a.authed("PUT /api/v1/rounds/{id}/consolidated", tiendo.ActionConsolidate, a.docPut(consolidatedSpec))
	a.authed("POST /api/v1/rounds/{id}/consolidated/send", tiendo.ActionConsolidate, a.docAction(consolidatedSpec, store.DocSend))
	a.authed("POST /api/v1/rounds/{id}/consolidated/approve", tiendo.ActionApproveDoc, a.docAction(consolidatedSpec, store.DocApprove))
	a.authed("POST /api/v1/rounds/{id}/consolidated/return", tiendo.ActionApproveDoc, a.docAction(consolidatedSpec, store.DocReturn))
	a.authed("POST /api/v1/rounds/{id}/consolidated/withdraw", tiendo.ActionConsolidate, a.docAction(consolidatedSpec, store.DocWithdraw))
	a.authed("POST /api/v1/rounds/{id}/consolidated/issue", tiendo.ActionConsolidate, a.docIssue(consolidatedSpec))
	a.authed("GET /api/v1/rounds/{id}/consolidated.docx", tiendo.ActionReadReport, a.docFile(consolidatedSpec, "docx"))
	a.authed("GET /api/v1/rounds/{id}/consolidated.pdf", tiendo.ActionReadReport, a.docFile(consolidatedSpec, "pdf"))
	a.authed("GET /api/v1/rounds/{id}/consolidated.xlsx", tiendo.ActionReadReport, a.docFile(consolidatedSpec, "xlsx"))
	a.authed("POST /api/v1/rounds/{id}/directive", tiendo.ActionConsolidate, a.docCreate(directiveSpec))
	a.authed("GET /api/v1/rounds/{id}/directive", tiendo.ActionReadRounds, a.docGet(directiveSpec))
	a.authed("PUT /api/v1/rounds/{id}/directive", tiendo.ActionConsolidate, a.docPut(directiveSpec))
	a.authed("POST /api/v1/rounds/{id}/directive/send", tiendo.ActionConsolidate, a.docAction(directiveSpec, store.DocSend))
	a.authed("POST /api/v1/rounds/{id}/directive/approve", tiendo.ActionApproveDoc, a.docAction(directiveSpec, store.DocApprove))
	a.authed("POST /api/v1/rounds/{id}/directive/return", tiendo.ActionApproveDoc, a.docAction(directiveSpec, store.DocReturn))
	a.authed("POST /api/v1/rounds/{id}/directive/withdraw", tiendo.ActionConsolidate, a.docAction(directiveSpec, store.DocWithdraw))
	a.authed("POST /api/v1/rounds/{id}/directive/issue", tiendo.ActionConsolidate, a.docIssue(directiveSpec))
	a.authed("GET /api/v1/rounds/{id}/directive.docx", tiendo.ActionReadRounds, a.docFile(directiveSpec, "docx"))
	a.authed("GET /api/v1/rounds/{id}/directive.pdf", tiendo.ActionReadRounds, a.docFile(directiveSpec, "pdf"))
	a.authed("GET /api/v1/rounds/{id}/reports/{unit}", tiendo.ActionReadReport, a.handleReport)
	a.authed("PUT /api/v1/rounds/{id}/reports/{unit}", tiendo.ActionEditReport, a.handleReportPut)
	a.authed("POST /api/v1/rounds/{id}/reports/{unit}/submit", tiendo.ActionEditReport, a.reportAction(tiendo.ReportSubmit))
	a.authed("POST /api/v1/rounds/{id}/reports/{unit}/review", tiendo.ActionEditReport, a.reportAction(tiendo.ReportSendForReview))
	a.authed("POST /api/v1/rounds/{id}/reports/{unit}/return", tiendo.ActionReviewReport, a.reportAction(tiendo.ReportReturn))
	a.authed("POST /api/v1/rounds/{id}/reports/{unit}/accept", tiendo.ActionReviewReport, a.reportAction(tiendo.ReportAccept))
	a.authed("POST /api/v1/rounds/{id}/reports/{unit}/head-return", tiendo.ActionApproveReport, a.reportAction(tiendo.ReportHeadReturn))
	a.authed("POST /api/v1/rounds/{id}/reports/{unit}/withdraw-review", tiendo.ActionEditReport, a.reportAction(tiendo.ReportWithdrawReview))
	a.authed("GET /api/v1/rounds/{id}/reports/{unit}/revisions", tiendo.ActionReadReport, a.handleRevisions)
	a.authed("POST /api/v1/rounds/{id}/reports/{unit}/extend", tiendo.ActionManageRounds, a.handleUnitExtend) // unit_extend.go: gia hạn cho một đơn vị
	// unit_extend.go: hủy hạn riêng, the unit back to the round's deadline.
	a.authed("DELETE /api/v1/rounds/{id}/reports/{unit}/extend", tiendo.ActionManageRounds, a.handleUnitWithdraw)
	a.route("/api/", func(w http.ResponseWriter, r *http.Request) error {
		if allow := a.allowed(r); len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			return tiendo.Errorf(errMethodNotAllowed, "Điểm cuối %s không nhận phương thức %s; chỉ nhận %s (xem /api/openapi.json).", r.URL.Path, r.Method, strings.Join(allow, ", "))
		}
		return tiendo.Errorf(tiendo.ENOTFOUND, "Không có điểm cuối API %s %s; xem /api/openapi.json.", r.Method, r.URL.Path)
	})
}
