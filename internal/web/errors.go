package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"tiendo"
	"tiendo/internal/api"
)

// handlerFunc is a page handler that returns its error instead of writing
// it; handle turns it into an http.HandlerFunc.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (s *Server) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.error(w, r, err)
		}
	}
}

// statusOf maps an error code to an HTTP status, as the API does.
func statusOf(code string) int { return api.Status(code) }

type errorPage struct {
	page
	Status  int
	Message string
	// Login is where "Đăng nhập lại" leads when a form was sent after the
	// session ended: back to the page the form was on. Report says that
	// page was a report form, whose typed text the browser keeps.
	Login  string
	Report bool
	// Resend is the form that was sent, kept in the page (any form but a
	// report's, which the browser keeps): once logged in again in another
	// tab, "Gửi lại" sends it as it was.
	Resend *resendForm
}

// resendForm is a form sent after the session ended, to send again.
type resendForm struct {
	Action    string
	Fields    []formField
	Files     bool // it held files, which a page cannot keep
	Multipart bool // sent as multipart/form-data, as its handler reads it
}

type formField struct{ Name, Value string }

// error is the one place a page's error becomes a response: a login
// redirect, or an error page with a Vietnamese message. Internal errors are
// logged and shown only as "Đã có lỗi hệ thống".
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		err = tiendo.Errorf(tiendo.ETOOLARGE, "Dữ liệu gửi lên quá lớn (tối đa %d KB).", tooLarge.Limit>>10)
	}
	code := tiendo.ErrorCode(err)
	if code == tiendo.EUNAUTHORIZED && r.Method == http.MethodGet {
		s.redirectToLogin(w, r)
		return
	}
	status := statusOf(code)
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if userFrom(r.Context()) == nil {
		// A page outside authed (the catch-all 404) never looked for the
		// user: a signed-in user keeps the menu rather than being offered
		// "Đăng nhập".
		if u, err := s.sessionUser(r); err == nil {
			r = r.WithContext(context.WithValue(r.Context(), userKey, u))
		}
	}
	data := errorPage{page: s.basePage(r, "Lỗi"), Status: status, Message: tiendo.ErrorMessage(err)}
	if code == tiendo.EUNAUTHORIZED {
		back := sameOriginPath(r)
		data.Login = "/login?next=" + url.QueryEscape(back)
		data.Report = strings.Contains(back, "/reports/")
		if r.Method == http.MethodPost && !data.Report {
			data.Resend = keptForm(w, r)
		}
	}
	if rerr := s.render(w, status, "error", data); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, data.Message, status)
	}
}

// keptForm reads the form r sent, so that the page refusing it can send it
// again: an office's edit of a consolidated report, a directive's preview
// with its corrections, a unit's details. The forms of logging in and out
// and of one's account (passwords, one-time codes) are not kept, nor is a
// password anywhere, nor files. Nil when there is nothing to keep.
func keptForm(w http.ResponseWriter, r *http.Request) *resendForm {
	for _, p := range []string{"/login", "/logout", "/account"} {
		if r.URL.Path == p || strings.HasPrefix(r.URL.Path, p+"/") {
			return nil
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, keptFormMax)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return nil
		}
	} else if err := r.ParseForm(); err != nil {
		return nil
	}
	f := &resendForm{Action: r.URL.RequestURI(), Multipart: r.MultipartForm != nil}
	if r.MultipartForm != nil && len(r.MultipartForm.File) > 0 {
		f.Files = true
	}
	for name, values := range r.PostForm {
		if strings.Contains(strings.ToLower(name), "password") {
			continue
		}
		for _, v := range values {
			f.Fields = append(f.Fields, formField{name, v})
		}
	}
	if len(f.Fields) == 0 {
		return nil
	}
	// A stable order, the form's own being lost: by name, each name's
	// values as sent.
	slices.SortStableFunc(f.Fields, func(a, b formField) int { return strings.Compare(a.Name, b.Name) })
	return f
}

// keptFormMax bounds a form kept to send again: the largest a page's form
// may be (a province's consolidated report), not an upload.
const keptFormMax = docFormMax

// sameOriginPath is the page a form was sent from (its Referer, when it is
// this site's), or "/": where to come back to after logging in again.
func sameOriginPath(r *http.Request) string {
	ref, err := url.Parse(r.Referer())
	if err != nil || ref.Host != r.Host || !strings.HasPrefix(ref.Path, "/") || strings.HasPrefix(ref.Path, "//") || ref.Path == "/login" {
		return "/"
	}
	return ref.RequestURI()
}

func (s *Server) redirectToLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login?next=" + url.QueryEscape(r.URL.RequestURI())
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", target)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// writeJSONError writes the API's error shape; the cross-origin refusal
// uses it for /api/ paths.
func writeJSONError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": code, "message": message}})
}
