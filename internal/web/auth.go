package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"tiendo"
	"tiendo/internal/store"
)

const sessionCookie = "tiendo_session"

type ctxKey int

const userKey ctxKey = 0

func userFrom(ctx context.Context) *tiendo.User {
	u, _ := ctx.Value(userKey).(*tiendo.User)
	return u
}

// actor is who the request acts as, for the audit log.
func actor(r *http.Request) store.Actor {
	a := store.Actor{Address: clientAddr(r)}
	if u := userFrom(r.Context()); u != nil {
		a.UserID = u.ID
	}
	return a
}

// authed wraps a page that needs a logged-in user allowed to do action.
// Without a session it sends the browser to the login page; with one that
// lacks the permission it answers 403. Its errors, and the page's, are
// rendered with the user on the request, so an error page keeps the menu.
func (s *Server) authed(action tiendo.Action, h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, err := s.sessionUser(r)
		if tiendo.ErrorCode(err) == tiendo.EUNAUTHORIZED {
			s.clearCookie(w)
		}
		if errors.Is(err, store.ErrAccountLocked) && r.Method == http.MethodGet {
			// An administrator locked the account while this session was
			// open: the login page says so, rather than nothing.
			target := "/login?locked=1&next=" + url.QueryEscape(r.URL.RequestURI())
			if r.Header.Get("HX-Request") == "true" {
				w.Header().Set("HX-Redirect", target)
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		if err == nil {
			r = r.WithContext(context.WithValue(r.Context(), userKey, u))
			switch {
			case u.MustChangePassword && !passwordChangeAllowed(r):
				err = s.toPasswordChange(w, r)
			case action != "" && !tiendo.Allowed(u, action, 0):
				err = tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn không có quyền xem trang này. Nếu cần, hãy liên hệ quản trị hệ thống.")
			default:
				err = h(w, r)
			}
		}
		if err != nil {
			s.error(w, r, err)
		}
	}
}

// passwordChangeAllowed reports whether a user who must change their
// password may make request r: the password form and its answer, and what
// ends their sessions or tokens (/logout is not behind authed at all).
func passwordChangeAllowed(r *http.Request) bool {
	if r.URL.Path == passwordPath {
		return true
	}
	return r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/account/")
}

// passwordPath is where a user who must change their password is sent.
const passwordPath = "/account/password"

// passwordFormFor is the password form's address for a user on the way to
// next, where the form leads once the password is changed.
func passwordFormFor(next string) string {
	if next == "/" || next == "" {
		return passwordPath
	}
	return passwordPath + "?next=" + url.QueryEscape(next)
}

// toPasswordChange answers any other request of a user who must change
// their password. A page is redirected (303) to the password form, which
// then leads back to it. A form sent (from a tab opened before an
// administrator asked for the change, or a report's autosave) is refused
// with 403 and the password form, saying that nothing was saved and that
// the browser's Back button still holds what was typed (a report form also
// keeps its copy in the browser); the form afterwards leads back to the
// page it was sent from. A form is never redirected: a script's fetch
// would follow the redirect to a 200 and take it for a save.
func (s *Server) toPasswordChange(w http.ResponseWriter, r *http.Request) error {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		target := passwordFormFor(r.URL.RequestURI())
		if r.Header.Get("HX-Request") == "true" {
			w.Header().Set("HX-Redirect", target)
			w.WriteHeader(http.StatusForbidden)
			return nil
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
		return nil
	}
	return s.passwordChange(w, r, http.StatusForbidden, sameOriginPath(r), tiendo.Errorf(tiendo.EFORBIDDEN,
		"Nội dung vừa gửi chưa được lưu: bạn cần đặt mật khẩu mới trước khi làm việc tiếp. "+
			"Nếu cần giữ những gì đã nhập, hãy bấm “Quay lại” trên trình duyệt để chép lại, rồi đặt mật khẩu mới ở đây và gửi lại nội dung đó."))
}

// sessionUser is the user whose session cookie r carries.
func (s *Server) sessionUser(r *http.Request) (*tiendo.User, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, tiendo.Errorf(tiendo.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	return s.store.SessionUser(r.Context(), c.Value)
}

func (s *Server) setCookie(w http.ResponseWriter, value string) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/",
		MaxAge:   int(store.MaxSessionAge.Seconds()),
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

type loginPage struct {
	page
	Username string
	Next     string
	Error    string
	// Refused says the name and password sent were refused (missing or
	// wrong): both fields are marked invalid, described by Error, which
	// the name's field, focused, reads. Error alone (a locked account, an
	// expired second step) describes them without blaming them.
	Refused bool
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) error {
	data := loginPage{page: s.basePage(r, "Đăng nhập"), Next: safeNext(r.URL.Query().Get("next"))}
	// The key, never the text, comes in the address.
	if r.URL.Query().Get("locked") == "1" {
		data.Error = tiendo.ErrorMessage(store.ErrAccountLocked)
	}
	if r.URL.Query().Get("expired") == "1" {
		data.Error = tiendo.ErrorMessage(store.ErrPendingLoginExpired)
	}
	if r.URL.Query().Get("codes") == "1" {
		data.Error = tiendo.ErrorMessage(store.ErrPendingLoginCodes)
	}
	return s.render(w, http.StatusOK, "login", data)
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return tiendo.Errorf(tiendo.EINVALID, "Không đọc được biểu mẫu đăng nhập.")
	}
	username, pw := strings.TrimSpace(r.PostFormValue("username")), r.PostFormValue("password")
	data := loginPage{page: s.basePage(r, "Đăng nhập"), Username: username, Next: safeNext(r.PostFormValue("next"))}
	if username == "" || pw == "" {
		data.Error, data.Refused = "Vui lòng nhập tên đăng nhập và mật khẩu.", true
		return s.render(w, http.StatusUnprocessableEntity, "login", data)
	}
	u, err := s.store.Login(r.Context(), store.DefaultThrottle, username, pw, clientAddr(r))
	switch tiendo.ErrorCode(err) {
	case "":
	case tiendo.ETHROTTLED:
		s.log.Warn("login throttled", "username", username, "address", clientAddr(r))
		data.Error = tiendo.ErrorMessage(err)
		return s.render(w, http.StatusTooManyRequests, "login", data)
	case tiendo.EUNAUTHORIZED:
		s.log.Info("login failed", "username", username, "address", clientAddr(r))
		data.Error, data.Refused = tiendo.ErrorMessage(err), true
		return s.render(w, http.StatusUnauthorized, "login", data)
	default:
		return err
	}
	if u.TwoFactor {
		// Half a login: the second step (twofactor.go) asks for the code.
		return s.startSecondStep(w, r, u, data.Next)
	}
	secret, err := s.store.CreateSession(r.Context(), u.ID, clientAddr(r), r.UserAgent())
	if err != nil {
		return err
	}
	s.loggedIn(w, r, u, secret, data.Next)
	return nil
}

// loggedIn sets the cookie of the new session secret, in place of any old
// one, and sends the browser on: to next, or first to the password form if
// u must change their password.
func (s *Server) loggedIn(w http.ResponseWriter, r *http.Request, u *tiendo.User, secret, next string) {
	// A fresh session on every login: an old cookie never becomes valid.
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.store.DeleteSession(r.Context(), c.Value)
	}
	s.setCookie(w, secret)
	if u.MustChangePassword {
		// Straight to the password form, which then leads to next.
		http.Redirect(w, r, passwordFormFor(next), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.store.DeleteSession(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// safeNext keeps a post-login redirect on this site: a path, never
// "//host" or "/\host" that a browser would read as another site. Browsers
// drop tabs and newlines inside a URL ("/\t/host" becomes "//host") and read
// "\" as "/", so every control character and backslash is refused outright.
func safeNext(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") {
		return "/"
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return "/"
		}
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}
