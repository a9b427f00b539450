package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
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
}

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
	}
	if rerr := s.render(w, status, "error", data); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, data.Message, status)
	}
}

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
