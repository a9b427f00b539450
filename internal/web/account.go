package web

import (
	"errors"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

// accountPage is /account, and the admin's view of another user's sessions
// (/admin/users/{id}/sessions): where they are logged in, their API tokens,
// and "Đăng xuất mọi nơi".
type accountPage struct {
	page
	Subject  *tiendo.User // whose sessions and tokens these are
	Self     bool         // the user's own page, not the admin's view
	Sessions []sessionRow
	Tokens   []store.APIToken
	Notice   string
	Error    string
	Fields   map[string]string
	// Back is where the token revoke form returns to.
	Back      string
	MinLength int // store.MinPasswordLength, for the form's hint
	// MustChange makes the page the password form alone, for a user who
	// still has the password an administrator set; Next is where it leads
	// once the password is changed.
	MustChange bool
	Next       string
	// TwoFactor is the state of the user's second factor, for the section
	// that leads to /account/2fa; nil where it is not offered (roles other
	// than office, leader and admin, unless it is on; the admin's view).
	TwoFactor *store.TwoFactor
	// Invalid are the password form's fields to fix, which the message at
	// the top links to; Focus is the first, which takes the focus
	// (autofocus) so that a phone shows it: on /account the form comes
	// after the sessions and tokens for an administrator, and the message
	// alone would point at a field a screen or more below.
	Invalid []fieldLink
	Focus   string
}

// fieldLink is a field of a refused form as the message at the top links
// to it: the field's id and its label.
type fieldLink struct{ ID, Label string }

// invalidFields returns the fields of form (in the order the page shows
// them) that marked says need fixing.
func invalidFields(form []fieldLink, marked func(id string) bool) []fieldLink {
	var out []fieldLink
	for _, f := range form {
		if marked(f.ID) {
			out = append(out, f)
		}
	}
	return out
}

// passwordFields are the password form's fields, in its order.
var passwordFields = []fieldLink{{"current_password", "Mật khẩu hiện tại"}, {"password", "Mật khẩu mới"}, {"password_confirm", "Nhập lại mật khẩu mới"}}

// setError puts ferr's message and field messages on the page, with the
// links to the fields and the focus on the first.
func (p *accountPage) setError(ferr error) {
	var e *tiendo.Error
	if !errors.As(ferr, &e) {
		return
	}
	p.Error, p.Fields = e.Message, e.Fields
	p.Invalid = invalidFields(passwordFields, func(id string) bool { return e.Fields[id] != "" })
	if len(p.Invalid) > 0 {
		p.Focus = p.Invalid[0].ID
	}
}

// PasswordFirst says whether the password form comes first on the user's
// own page, before the sessions and tokens: for everyone but an
// administrator, who also comes to the page for their API tokens, changing
// the password is what the page is for, and on a phone it was two screens
// down.
func (p accountPage) PasswordFirst() bool {
	return p.Self && p.Subject.Role != tiendo.RoleAdmin
}

// MustChangeNotice is MustChangeNotice, for the template.
func (accountPage) MustChangeNotice() string { return MustChangeNotice }

// MustChangeNotice tells a user who still has the password an
// administrator set why they see the password form and nothing else.
const MustChangeNotice = "Tài khoản của bạn dùng mật khẩu do quản trị viên đặt. Hãy đặt mật khẩu mới trước khi tiếp tục."

// passwordChange renders the password form alone, for a user who must
// change their password (tiendo.User.MustChangePassword); next is the
// local page to go on to afterwards.
func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request, status int, next string, ferr error) error {
	u := userFrom(r.Context())
	data := accountPage{page: s.basePage(r, "Đặt mật khẩu mới"), Subject: u, Self: true, MinLength: store.MinPasswordLength,
		MustChange: true, Next: safeNext(next)}
	data.setError(ferr)
	return s.render(w, status, "account", data)
}

// accountNotices are the messages a redirect back to the page may ask for,
// by key: the query string never carries text to show.
var accountNotices = map[string]string{
	"password": "Đã đổi mật khẩu. Các phiên đăng nhập khác và mọi mã truy cập API của bạn đã bị hủy; phiên này vẫn tiếp tục.",
	"token":    "Đã thu hồi mã truy cập. Chương trình nào còn dùng mã đó sẽ bị từ chối (401).",
	"logout":   "Đã đăng xuất người dùng này khỏi mọi nơi: mọi phiên đăng nhập và mã truy cập API đã bị hủy.",
	"session":  "Đã đăng xuất phiên đã chọn. Trình duyệt đó phải đăng nhập lại; các phiên khác vẫn tiếp tục.",
}

// account renders the page for subject: the user's own page, or with
// adminView the admin's view of another user (no password form there: the
// admin sets passwords on the user form).
func (s *Server) account(w http.ResponseWriter, r *http.Request, status int, subject *tiendo.User, adminView bool, ferr error) error {
	current := ""
	if c, err := r.Cookie(sessionCookie); err == nil && subject.ID == userFrom(r.Context()).ID {
		current = c.Value
	}
	list, err := s.store.Sessions(r.Context(), subject.ID, current)
	if err != nil {
		return err
	}
	sessions := make([]sessionRow, len(list))
	for i, ss := range list {
		sessions[i] = sessionRow{Session: ss, Browser: describeBrowser(ss.UserAgent)}
	}
	tokens, err := s.store.Tokens(r.Context(), subject.ID, "")
	if err != nil {
		return err
	}
	title, back := "Tài khoản của tôi", "/account"
	if adminView {
		title, back = "Phiên đăng nhập của "+subject.Username, "/admin/users/"+strconv.FormatInt(subject.ID, 10)+"/sessions"
	}
	data := accountPage{page: s.basePage(r, title), Subject: subject, Self: !adminView,
		Sessions: sessions, Tokens: tokens, Notice: accountNotices[r.URL.Query().Get("done")], Back: back, MinLength: store.MinPasswordLength}
	if !adminView {
		tf, err := s.store.TwoFactor(r.Context(), subject.ID)
		if err != nil {
			return err
		}
		if tf.Enabled || tiendo.Allowed(subject, tiendo.ActionTwoFactor, 0) {
			data.TwoFactor = &tf
		}
	}
	data.setError(ferr)
	return s.render(w, status, "account", data)
}

func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) error {
	return s.account(w, r, http.StatusOK, userFrom(r.Context()), false, nil)
}

// handleAccountPassword changes the user's own password. The current
// password is checked through the login throttle, so a stolen session
// cannot be used to guess it; the change ends every session and token of
// the user, and this browser gets a fresh session. A user who had to
// change it (the administrator's password) then goes on to the page they
// wanted.
func (s *Server) handleAccountPassword(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	u := userFrom(r.Context())
	current, pw := r.PostFormValue("current_password"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	again := func(status int, err error) error {
		if u.MustChangePassword {
			return s.passwordChange(w, r, status, next, err)
		}
		return s.account(w, r, status, u, false, err)
	}
	// Every field is checked in one pass, so that the form comes back
	// once with all there is to fix. Passwords are compared in NFC, as
	// they are hashed (package password).
	fields := map[string]string{}
	if current == "" {
		fields["current_password"] = "Vui lòng nhập mật khẩu hiện tại."
	}
	switch {
	case pw == "":
		fields["password"] = "Vui lòng nhập mật khẩu mới."
	case vi.NFC(pw) != vi.NFC(r.PostFormValue("password_confirm")):
		fields["password_confirm"] = "Hai lần nhập mật khẩu mới chưa giống nhau; hãy nhập lại."
	}
	if pw != "" {
		var e *tiendo.Error
		if errors.As(store.CheckPassword(u.Username, pw), &e) {
			maps.Copy(fields, e.Fields)
		}
	}
	if current != "" {
		_, err := s.store.Login(r.Context(), store.DefaultThrottle, u.Username, current, clientAddr(r))
		switch tiendo.ErrorCode(err) {
		case "":
			// Checked only for the right current password, so the
			// answer says nothing about one that was not right.
			if fields["password"] == "" && vi.NFC(pw) == vi.NFC(current) {
				fields["password"] = "Mật khẩu mới trùng với mật khẩu hiện tại; hãy chọn một mật khẩu khác."
				if u.MustChangePassword {
					fields["password"] = "Mật khẩu mới trùng với mật khẩu quản trị viên đã đặt; hãy chọn một mật khẩu của riêng bạn mà chỉ bạn biết."
				}
			}
		case tiendo.EUNAUTHORIZED:
			s.log.Info("password change: wrong current password", "username", u.Username, "address", clientAddr(r))
			fields["current_password"] = "Mật khẩu hiện tại không đúng; hãy nhập lại."
		case tiendo.ETHROTTLED:
			return again(http.StatusTooManyRequests, err)
		default:
			return err
		}
	}
	if len(fields) > 0 {
		return again(http.StatusUnprocessableEntity, &tiendo.Error{Code: tiendo.EINVALID,
			Message: "Chưa đổi được mật khẩu, vui lòng sửa các ô được đánh dấu.", Fields: fields})
	}
	ok, err := saveForm(func() error { return s.store.SetPassword(r.Context(), actor(r), u.ID, pw) },
		func(err error) error { return again(http.StatusUnprocessableEntity, err) })
	if !ok {
		return err
	}
	secret, err := s.store.CreateSession(r.Context(), u.ID, clientAddr(r), r.UserAgent())
	if err != nil {
		return err
	}
	s.setCookie(w, secret)
	if u.MustChangePassword {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
	return nil
}

// handleAccountPasswordForm answers GET /account/password: for a user who
// must change their password, the password form alone, which every other
// page redirects to (?next= is where they were going); for anyone else the
// address a browser shows after a refused change, and the form is on
// /account.
func (s *Server) handleAccountPasswordForm(w http.ResponseWriter, r *http.Request) error {
	if userFrom(r.Context()).MustChangePassword {
		return s.passwordChange(w, r, http.StatusOK, r.URL.Query().Get("next"), nil)
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}

// handleAccountLogoutEverywhere ends every session and API token of the
// user, this browser's included.
func (s *Server) handleAccountLogoutEverywhere(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	if _, _, err := s.store.LogoutEverywhere(r.Context(), actor(r), u, u.ID); err != nil {
		return err
	}
	s.clearCookie(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// handleAccountSessionEnd ends one of the user's sessions, and no other: a
// computer left logged in at the office. Ending this browser's own session
// logs it out, as "Đăng xuất mọi nơi" does.
func (s *Server) handleAccountSessionEnd(w http.ResponseWriter, r *http.Request) error {
	u, key := userFrom(r.Context()), r.PathValue("key")
	if err := s.store.EndSession(r.Context(), actor(r), u, u.ID, key); err != nil {
		return err
	}
	if c, err := r.Cookie(sessionCookie); err == nil && store.SessionKey(c.Value) == key {
		s.clearCookie(w)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/account?done=session", http.StatusSeeOther)
	return nil
}

// handleAccountTokenRevoke revokes one API token: the user's own, or for
// the admin anyone's (the store checks which).
func (s *Server) handleAccountTokenRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	if err := s.store.RevokeToken(r.Context(), actor(r), userFrom(r.Context()), id); err != nil {
		return err
	}
	http.Redirect(w, r, safeNext(r.PostFormValue("back"))+"?done=token", http.StatusSeeOther)
	return nil
}

func (s *Server) handleUserSessions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := s.store.User(r.Context(), id)
	if err != nil {
		return err
	}
	return s.account(w, r, http.StatusOK, u, true, nil)
}

// handleUserLogoutEverywhere is the admin's "Đăng xuất mọi nơi" for a user
// (a lost phone, a leaked token, someone who has left).
func (s *Server) handleUserLogoutEverywhere(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	me := userFrom(r.Context())
	if _, _, err := s.store.LogoutEverywhere(r.Context(), actor(r), me, id); err != nil {
		return err
	}
	if id == me.ID {
		s.clearCookie(w)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10)+"/sessions?done=logout", http.StatusSeeOther)
	return nil
}

// sessionRow is a session as the page lists it, with the browser named.
type sessionRow struct {
	store.Session
	Browser string // "Cốc Cốc trên Windows"; the raw User-Agent goes in a title
}

// describeBrowser names the browser and system of a User-Agent header the
// way a user knows them: "Chrome trên Android", "Safari trên iPhone". An
// empty or unknown header gives "Không rõ" or the browser alone. The order
// of the checks matters: Edge, Opera and Cốc Cốc also say "Chrome", Chrome
// also says "Safari".
func describeBrowser(ua string) string {
	has := func(s string) bool { return strings.Contains(ua, s) }
	browser := ""
	switch {
	case has("coc_coc_browser"):
		browser = "Cốc Cốc"
	case has("Edg/") || has("EdgA/") || has("EdgiOS/"):
		browser = "Edge"
	case has("OPR/") || has("Opera"):
		browser = "Opera"
	case has("Zalo"):
		browser = "Zalo"
	case has("Firefox/") || has("FxiOS/"):
		browser = "Firefox"
	case has("Chrome/") || has("CriOS/") || has("Chromium/"):
		browser = "Chrome"
	case has("Safari/") && has("Version/"):
		browser = "Safari"
	}
	system := ""
	switch {
	case has("iPhone"):
		system = "iPhone"
	case has("iPad"):
		system = "iPad"
	case has("Android"):
		system = "Android"
	case has("Windows"):
		system = "Windows"
	case has("Mac OS X") || has("Macintosh"):
		system = "macOS"
	case has("CrOS"):
		system = "ChromeOS"
	case has("Linux"):
		system = "Linux"
	}
	switch {
	case browser != "" && system != "":
		return browser + " trên " + system
	case browser != "":
		return browser
	case system != "":
		return "Trình duyệt trên " + system
	case strings.TrimSpace(ua) != "":
		return "Chương trình khác"
	}
	return "Không rõ"
}
