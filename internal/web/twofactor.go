package web

import (
	"bytes"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"html/template"
	"image/png"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"tiendo"
	"tiendo/internal/store"
)

// The second factor (TOTP): an office, leader or admin account may ask for
// a code from an authenticator app after the password. The login's second
// step is /login/code; the user turns it on and off at /account/2fa; the
// admin turns it off for a user who lost their phone from the user form.

// pendingCookie holds a login whose password was right, until its code.
// It is sent only to /login/..., and lives as long as the pending login.
const pendingCookie = "tiendo_login"

// codePath is the login's second step.
const codePath = "/login/code"

func codePathFor(next string) string {
	if next == "/" || next == "" {
		return codePath
	}
	return codePath + "?next=" + url.QueryEscape(next)
}

func (s *Server) setPendingCookie(w http.ResponseWriter, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: pendingCookie, Value: value, Path: "/login", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// startSecondStep records u's right password as a pending login in the
// store (any instance can finish it) and sends the browser to the code form.
func (s *Server) startSecondStep(w http.ResponseWriter, r *http.Request, u *tiendo.User, next string) error {
	secret, err := s.store.StartPendingLogin(r.Context(), u.ID, clientAddr(r))
	if err != nil {
		return err
	}
	s.setPendingCookie(w, secret, int(store.PendingLoginAge.Seconds()))
	http.Redirect(w, r, codePathFor(next), http.StatusSeeOther)
	return nil
}

type loginCodePage struct {
	page
	Username string
	Next     string
	Error    string
}

// pendingUser is the user of the browser's pending login.
func (s *Server) pendingUser(r *http.Request) (*tiendo.User, string, error) {
	c, err := r.Cookie(pendingCookie)
	if err != nil {
		return nil, "", store.ErrPendingLoginExpired
	}
	u, err := s.store.PendingLoginUser(r.Context(), c.Value)
	return u, c.Value, err
}

// backToLogin answers a second step whose pending login is gone (too late,
// never begun, ended by too many wrong codes) or whose account was locked
// meanwhile: a redirect to the login page, which says why (by a key in the
// address, never the text), and the pending cookie dropped. A browser that
// is logged in already (the code form sent twice: the first finished the
// login) goes on to next.
func (s *Server) backToLogin(w http.ResponseWriter, r *http.Request, next string, err error) error {
	s.setPendingCookie(w, "", -1)
	if errors.Is(err, store.ErrPendingLoginExpired) {
		if _, serr := s.sessionUser(r); serr == nil {
			http.Redirect(w, r, next, http.StatusSeeOther)
			return nil
		}
	}
	key := "expired=1"
	switch {
	case errors.Is(err, store.ErrAccountLocked):
		key = "locked=1"
	case errors.Is(err, store.ErrPendingLoginCodes):
		key = "codes=1"
	}
	http.Redirect(w, r, "/login?"+key+"&next="+url.QueryEscape(next), http.StatusSeeOther)
	return nil
}

func (s *Server) handleLoginCodeForm(w http.ResponseWriter, r *http.Request) error {
	next := safeNext(r.URL.Query().Get("next"))
	u, _, err := s.pendingUser(r)
	switch {
	case errors.Is(err, store.ErrPendingLoginExpired) || errors.Is(err, store.ErrAccountLocked):
		return s.backToLogin(w, r, next, err)
	case err != nil:
		return err
	}
	return s.render(w, http.StatusOK, "login_code", loginCodePage{page: s.basePage(r, "Nhập mã xác thực"), Username: u.Username, Next: next})
}

// handleLoginCode is the login's second step: the code, checked through
// the login throttle; when it is right the session begins (a new one, in
// place of any the browser had) and the browser goes where it was going.
func (s *Server) handleLoginCode(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return tiendo.Errorf(tiendo.EINVALID, "Không đọc được biểu mẫu đăng nhập.")
	}
	next := safeNext(r.PostFormValue("next"))
	u, pending, err := s.pendingUser(r)
	switch {
	case errors.Is(err, store.ErrPendingLoginExpired) || errors.Is(err, store.ErrAccountLocked):
		return s.backToLogin(w, r, next, err)
	case err != nil:
		return err
	}
	data := loginCodePage{page: s.basePage(r, "Nhập mã xác thực"), Username: u.Username, Next: next}
	code := strings.TrimSpace(r.PostFormValue("code"))
	if code == "" {
		data.Error = "Vui lòng nhập mã 6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng."
		return s.render(w, http.StatusUnprocessableEntity, "login_code", data)
	}
	u, session, err := s.store.FinishLogin(r.Context(), store.DefaultThrottle, pending, code, clientAddr(r), r.UserAgent())
	switch {
	case err == nil:
	case errors.Is(err, store.ErrPendingLoginExpired) || errors.Is(err, store.ErrAccountLocked):
		return s.backToLogin(w, r, next, err)
	case errors.Is(err, store.ErrPendingLoginCodes):
		s.log.Warn("login code wrong too often: pending login ended", "username", data.Username, "address", clientAddr(r))
		return s.backToLogin(w, r, next, err)
	case tiendo.ErrorCode(err) == tiendo.ETHROTTLED:
		s.log.Warn("login code throttled", "username", data.Username, "address", clientAddr(r))
		data.Error = tiendo.ErrorMessage(err)
		return s.render(w, http.StatusTooManyRequests, "login_code", data)
	case tiendo.ErrorCode(err) == tiendo.EUNAUTHORIZED:
		s.log.Info("login code wrong", "username", data.Username, "address", clientAddr(r))
		data.Error = tiendo.ErrorMessage(err)
		return s.render(w, http.StatusUnauthorized, "login_code", data)
	default:
		return err
	}
	s.setPendingCookie(w, "", -1)
	s.loggedIn(w, r, u, session, next)
	return nil
}

// twoFactorPage is /account/2fa: setting up, turning off, and the
// recovery codes, once, right after turning it on.
type twoFactorPage struct {
	page
	State    store.TwoFactor
	QR       template.URL // the pending key as a PNG data: URL (the CSP allows img-src data:)
	Secret   string       // the pending key in groups of four, to type by hand
	Recovery []string     // shown once, right after turning it on
	Notice   string
	Error    string
	Fields   map[string]string
}

var twoFactorNotices = map[string]string{
	"off": "Đã tắt xác thực hai bước. Từ nay bạn đăng nhập chỉ bằng mật khẩu; các mã dự phòng cũ không còn dùng được.",
}

func (s *Server) twoFactor(w http.ResponseWriter, r *http.Request, status int, ferr error) error {
	u := userFrom(r.Context())
	st, err := s.store.TwoFactor(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if !st.Enabled && !tiendo.Allowed(u, tiendo.ActionTwoFactor, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Xác thực hai bước dành cho tài khoản văn phòng, lãnh đạo và quản trị.")
	}
	data := twoFactorPage{page: s.basePage(r, "Xác thực hai bước"), State: st, Notice: twoFactorNotices[r.URL.Query().Get("done")]}
	if st.Pending != "" {
		if data.QR, err = qrDataURL(u.Username, st.Pending); err != nil {
			return err
		}
		data.Secret = groupSecret(st.Pending)
	}
	var e *tiendo.Error
	if errors.As(ferr, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	return s.render(w, status, "twofactor", data)
}

func (s *Server) handleTwoFactor(w http.ResponseWriter, r *http.Request) error {
	return s.twoFactor(w, r, http.StatusOK, nil)
}

// handleTwoFactorStart makes a new key for the user to scan; it is not in
// use until a code from it is typed (handleTwoFactorEnable).
func (s *Server) handleTwoFactorStart(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.store.StartTwoFactor(r.Context(), userFrom(r.Context())); err != nil {
		return err
	}
	http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
	return nil
}

// handleTwoFactorEnable turns the second factor on once the code typed is
// right for the key shown, and shows the recovery codes, this once.
func (s *Server) handleTwoFactorEnable(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	u := userFrom(r.Context())
	// The password too, through the login throttle: a session left open
	// on a shared computer must not be enough to put someone else's phone
	// on the account (its owner would then be shut out).
	pw := r.PostFormValue("password")
	if pw == "" {
		return s.twoFactor(w, r, http.StatusUnprocessableEntity, &tiendo.Error{Code: tiendo.EINVALID,
			Message: "Chưa bật được xác thực hai bước, vui lòng sửa các ô được đánh dấu.", Fields: map[string]string{"password": "Vui lòng nhập mật khẩu."}})
	}
	if wrong, err := s.passwordAgain(r, u, pw, "on"); tiendo.ErrorCode(err) == tiendo.ETHROTTLED {
		return s.twoFactor(w, r, http.StatusTooManyRequests, err)
	} else if err != nil {
		return err
	} else if wrong != "" {
		return s.twoFactor(w, r, http.StatusUnprocessableEntity, &tiendo.Error{Code: tiendo.EINVALID,
			Message: "Chưa bật được xác thực hai bước, vui lòng sửa các ô được đánh dấu.", Fields: map[string]string{"password": wrong}})
	}
	// The code through the throttle too (the store counts it before it
	// checks it). Turning the factor on ends every other session and API
	// token of the user; this browser's session stays.
	session := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		session = c.Value
	}
	codes, err := s.store.EnableTwoFactor(r.Context(), store.DefaultThrottle, actor(r), u, r.PostFormValue("code"), session)
	switch tiendo.ErrorCode(err) {
	case "":
	case tiendo.EINVALID:
		s.log.Info("two factor on: wrong code", "username", u.Username, "address", clientAddr(r))
		return s.twoFactor(w, r, http.StatusUnprocessableEntity, err)
	case tiendo.ETHROTTLED:
		s.log.Warn("two factor on: throttled", "username", u.Username, "address", clientAddr(r))
		return s.twoFactor(w, r, http.StatusTooManyRequests, err)
	default:
		return err
	}
	st, err := s.store.TwoFactor(r.Context(), u.ID)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "twofactor", twoFactorPage{page: s.basePage(r, "Xác thực hai bước"), State: st, Recovery: codes})
}

// passwordAgain checks the password u typed to turn the factor on or off,
// through the login throttle: a field message when it is wrong, or the
// throttle's error. A right one does not clear the username's failures
// (store.Reauthenticate): the code typed with it is counted there, and
// only a right code clears them.
func (s *Server) passwordAgain(r *http.Request, u *tiendo.User, pw, turning string) (string, error) {
	_, err := s.store.Reauthenticate(r.Context(), store.DefaultThrottle, u.Username, pw, clientAddr(r))
	if tiendo.ErrorCode(err) == tiendo.EUNAUTHORIZED {
		s.log.Info("two factor "+turning+": wrong password", "username", u.Username, "address", clientAddr(r))
		return "Mật khẩu không đúng; hãy nhập lại.", nil
	}
	return "", err
}

// handleTwoFactorDisable turns the second factor off: it asks for the
// password and a current code (or a recovery code), both through the
// login throttle, so that a session left open is not enough. Any user may
// do it for themselves: one whose role changed keeps the factor until then.
func (s *Server) handleTwoFactorDisable(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	u := userFrom(r.Context())
	if st, err := s.store.TwoFactor(r.Context(), u.ID); err != nil {
		return err
	} else if !st.Enabled {
		return tiendo.Errorf(tiendo.ENOTFOUND, "Tài khoản của bạn chưa bật xác thực hai bước, nên không có gì để tắt.")
	}
	pw, code := r.PostFormValue("password"), strings.TrimSpace(r.PostFormValue("code"))
	fields := map[string]string{}
	if pw == "" {
		fields["password"] = "Vui lòng nhập mật khẩu."
	}
	if code == "" {
		fields["code"] = "Vui lòng nhập mã 6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng."
	}
	refused := func(status int) error {
		return s.twoFactor(w, r, status, &tiendo.Error{Code: tiendo.EINVALID,
			Message: "Chưa tắt được xác thực hai bước, vui lòng sửa các ô được đánh dấu.", Fields: fields})
	}
	if len(fields) > 0 {
		return refused(http.StatusUnprocessableEntity)
	}
	wrong, err := s.passwordAgain(r, u, pw, "off")
	if err == nil && wrong == "" {
		err = s.store.CheckSecondFactor(r.Context(), store.DefaultThrottle, u, code, clientAddr(r))
		if tiendo.ErrorCode(err) == tiendo.EUNAUTHORIZED {
			s.log.Info("two factor off: wrong code", "username", u.Username, "address", clientAddr(r))
			fields["code"] = "Mã không đúng hoặc đã được dùng; hãy nhập mã mới nhất trong ứng dụng."
			return refused(http.StatusUnprocessableEntity)
		}
	}
	switch {
	case tiendo.ErrorCode(err) == tiendo.ETHROTTLED:
		return s.twoFactor(w, r, http.StatusTooManyRequests, err)
	case err != nil:
		return err
	case wrong != "":
		fields["password"] = wrong
		return refused(http.StatusUnprocessableEntity)
	}
	if err := s.store.DisableTwoFactor(r.Context(), actor(r), u.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/account/2fa?done=off", http.StatusSeeOther)
	return nil
}

// handleUserTwoFactorReset is the admin turning a user's second factor off
// (a lost phone, and the recovery codes with it). Like lifting a lockout,
// it is one POST from the admin's page, and audited.
func (s *Server) handleUserTwoFactorReset(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if id == userFrom(r.Context()).ID {
		// One's own factor goes off with one's password and a code
		// (/account/2fa), so that an admin's session left open is not
		// enough; an admin without their phone uses "tiendo user 2fa-off".
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Quản trị viên không tắt xác thực hai bước của chính mình ở đây: hãy vào Tài khoản → Xác thực hai bước và nhập mật khẩu cùng mã xác thực.")
	}
	if err := s.store.ResetTwoFactor(r.Context(), actor(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10)+"?done=2fa", http.StatusSeeOther)
	return nil
}

// qrDataURL draws the key secret of username as a QR code, a PNG in a
// data: URL: the page needs no second request, and no script.
func qrDataURL(username, secret string) (template.URL, error) {
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil {
		return "", err
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: store.TOTPIssuer, AccountName: username, Secret: raw,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())), nil
}

// groupSecret writes a base32 key in groups of four, as it is easiest to
// type into an app by hand.
func groupSecret(secret string) string {
	var b strings.Builder
	for i, r := range secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
