package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/store"
)

type userListPage struct {
	page
	Users  []*tiendo.User
	Units  map[int64]*tiendo.Unit
	Notice string
	Filter listFilter
	Total  int // users in the system
	Hidden int // users of retired units left out because "all" is not ticked
}

// userNotice is what the list says after a save redirected to it: done
// names what was done and id whom, so the address never carries text to
// show.
func userNotice(done string, u *tiendo.User) string {
	if u == nil {
		return ""
	}
	switch done {
	case "created":
		return fmt.Sprintf("Đã thêm người dùng “%s”.", u.Username) + mustChangeNote(u)
	case "saved":
		return fmt.Sprintf("Đã lưu thay đổi của người dùng “%s”.", u.Username)
	case "locked":
		return fmt.Sprintf("Đã lưu và khóa tài khoản “%s”: người này đã bị đăng xuất khỏi mọi nơi và không đăng nhập được nữa cho đến khi được mở khóa.", u.Username)
	case "reset":
		return fmt.Sprintf("Đã lưu người dùng “%s” và đặt mật khẩu mới. Người này đã bị đăng xuất khỏi mọi nơi (mọi phiên đăng nhập và mã truy cập API đã bị hủy); hãy báo mật khẩu mới cho họ.", u.Username) + mustChangeNote(u)
	}
	return ""
}

// mustChangeNote is what the list adds when the user saved must choose
// their own password at their next login.
func mustChangeNote(u *tiendo.User) string {
	if !u.MustChangePassword {
		return ""
	}
	return " Khi đăng nhập lần tới, họ sẽ phải tự đặt mật khẩu mới trước khi làm việc."
}

func (s *Server) handleUserList(w http.ResponseWriter, r *http.Request) error {
	users, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	units, _, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	f := readListFilter(r)
	data := userListPage{page: s.basePage(r, "Người dùng"), Units: units, Filter: f, Total: len(users)}
	// The box finds a person by username or name, or by their unit's code,
	// name or alias; the users of a retired unit are set apart as the
	// unit is (they can still sign in and read their history).
	for _, u := range users {
		unit := units[u.UnitID]
		if f.Active() && !f.matchText(u.Username, u.FullName) && (unit == nil || !f.matchUnit(unit)) {
			continue
		}
		if unit != nil && unit.Retired() && !f.All {
			data.Hidden++
			continue
		}
		data.Users = append(data.Users, u)
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64); err == nil {
		for _, u := range users { // all of them: the one saved may be filtered out
			if u.ID == id {
				data.Notice = userNotice(r.URL.Query().Get("done"), u)
			}
		}
	}
	return s.render(w, http.StatusOK, "users", data)
}

type userFormPage struct {
	page
	U      *tiendo.User
	Roles  []tiendo.Role
	Units  []*tiendo.Unit
	Error  string
	Fields map[string]string
	// ConfirmSelf says what saving would do to the admin's own account
	// (a new role, a lock); the form asks them to confirm it.
	ConfirmSelf string
	// RequireChange is the box "Yêu cầu đổi mật khẩu ở lần đăng nhập tới":
	// ticked at first, since the admin hands the password over on paper
	// or by message; as sent when the form comes back with an error.
	RequireChange bool
	// PasswordCleared says the form came back with a password typed that
	// it does not send back: no page writes a password into its HTML (the
	// login and account forms clear theirs too), so the field says to type
	// it again, lest an edit be saved without the new password unnoticed.
	PasswordCleared bool
	// Invalid are the fields to fix, in the form's order, which the
	// message at the top links to; Focus is the field that takes the focus
	// (autofocus): the first of them with a message, so that a phone shows
	// it rather than the top of the page.
	Invalid []fieldLink
	Focus   string
	// TwoFactor is the user's second factor, which the admin can turn
	// off for them (a lost phone); Notice says it was.
	TwoFactor store.TwoFactor
	Notice    string
}

func (s *Server) userForm(w http.ResponseWriter, r *http.Request, status int, u *tiendo.User, ferr error) error {
	return s.renderUserForm(w, r, status, u, ferr, "")
}

func (s *Server) renderUserForm(w http.ResponseWriter, r *http.Request, status int, u *tiendo.User, ferr error, confirmSelf string) error {
	_, units, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	title := "Thêm người dùng"
	if u.ID != 0 {
		title = "Sửa người dùng: " + u.Username
	}
	// A unit that stopped working is offered only to the user already in it.
	offered := make([]*tiendo.Unit, 0, len(units))
	for _, x := range units {
		if !x.Retired() || x.ID == u.UnitID {
			offered = append(offered, x)
		}
	}
	data := userFormPage{page: s.basePage(r, title), U: u, Roles: tiendo.Roles, Units: offered, ConfirmSelf: confirmSelf, RequireChange: true}
	if u.ID != 0 {
		if data.TwoFactor, err = s.store.TwoFactor(r.Context(), u.ID); err != nil {
			return err
		}
		if r.URL.Query().Get("done") == "2fa" {
			data.Notice = "Đã tắt xác thực hai bước của " + u.Username + ". Người này đăng nhập lại bằng mật khẩu và có thể tự bật lại trên trang “Tài khoản của tôi”."
		}
	}
	if r.Method == http.MethodPost {
		data.RequireChange = r.PostFormValue("must_change") == "on"
	}
	var e *tiendo.Error
	if errors.As(ferr, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	if r.Method == http.MethodPost && r.PostFormValue("password") != "" && data.Fields["password"] == "" {
		data.PasswordCleared = true
	}
	password := "Mật khẩu"
	if u.ID != 0 {
		password = "Mật khẩu mới"
	}
	if data.Error != "" {
		data.Invalid = invalidFields([]fieldLink{{"username", "Tên đăng nhập"}, {"email", "Thư điện tử"}, {"role", "Vai trò"},
			{"unit_id", "Đơn vị"}, {"password", password}, {"disabled", "Khóa tài khoản"}},
			func(id string) bool { return data.Fields[id] != "" || id == "password" && data.PasswordCleared })
	}
	// The focus goes to the first field with a message, then to the
	// password to type again, then to the box confirming a change to
	// one's own account.
	for _, f := range data.Invalid {
		if data.Fields[f.ID] != "" {
			data.Focus = f.ID
			break
		}
	}
	switch {
	case data.Focus != "":
	case len(data.Invalid) > 0:
		data.Focus = "password"
	case confirmSelf != "":
		data.Focus = "confirm_self"
	}
	return s.render(w, status, "user_form", data)
}

func (s *Server) handleUserNew(w http.ResponseWriter, r *http.Request) error {
	return s.userForm(w, r, http.StatusOK, &tiendo.User{Role: tiendo.RoleReporter}, nil)
}

func (s *Server) handleUserEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := s.store.User(r.Context(), id)
	if err != nil {
		return err
	}
	return s.userForm(w, r, http.StatusOK, u, nil)
}

func userFromForm(r *http.Request, u *tiendo.User) {
	u.Username = r.PostFormValue("username")
	u.FullName = r.PostFormValue("full_name")
	u.Email = r.PostFormValue("email")
	u.Role = tiendo.Role(r.PostFormValue("role"))
	u.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	u.Disabled = r.PostFormValue("disabled") == "on"
}

// requireChange says whether the password the admin typed on the user
// form must be changed by the user at their next login: as the box says,
// unless the admin set their own (the box is not offered then).
func requireChange(r *http.Request, u *tiendo.User) bool {
	if me := userFrom(r.Context()); me != nil && me.ID == u.ID {
		return false
	}
	return r.PostFormValue("must_change") == "on"
}

func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	u := &tiendo.User{}
	userFromForm(r, u)
	u.MustChangePassword = requireChange(r, u)
	ok, err := saveForm(func() error { return s.store.CreateUser(r.Context(), actor(r), u, r.PostFormValue("password")) },
		func(err error) error { return s.userForm(w, r, http.StatusUnprocessableEntity, u, err) })
	if ok {
		http.Redirect(w, r, fmt.Sprintf("/admin/users?done=created&id=%d", u.ID), http.StatusSeeOther)
	}
	return err
}

// selfChange says what saving u would do to the account of me, the admin
// saving it, when that is more than a new name: "" otherwise.
func selfChange(me, u *tiendo.User) string {
	if me == nil || u.ID != me.ID {
		return ""
	}
	var what []string
	if u.Role != me.Role {
		what = append(what, fmt.Sprintf("đổi vai trò của bạn từ “%s” sang “%s”", me.Role.Label(), u.Role.Label()))
	} else if u.Role.UnitScoped() && u.UnitID != me.UnitID {
		what = append(what, "đổi đơn vị của bạn")
	}
	if u.Disabled {
		what = append(what, "khóa tài khoản của bạn")
	}
	if len(what) == 0 {
		return ""
	}
	msg := "Đây là tài khoản của chính bạn. Lưu sẽ " + strings.Join(what, " và ") + "; bạn sẽ bị đăng xuất ngay"
	switch {
	case u.Disabled:
		msg += " và không đăng nhập lại được cho đến khi một quản trị khác mở khóa."
	case u.Role != me.Role:
		msg += ", và khi đăng nhập lại chỉ còn quyền của vai trò mới."
	default:
		msg += "."
	}
	return msg + " Nếu chắc chắn, hãy đánh dấu ô xác nhận rồi bấm “Lưu” lần nữa."
}

func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	before, err := s.store.User(r.Context(), id)
	if err != nil {
		return err
	}
	u := &tiendo.User{ID: id}
	userFromForm(r, u)
	// Kept as stored (UpdateUser leaves it alone), for the form's note
	// should it come back with an error.
	u.MustChangePassword = before.MustChangePassword
	if msg := selfChange(userFrom(r.Context()), u); msg != "" {
		// The last administrator is told the change cannot be made,
		// beside the switch or the role that would make it, before being
		// asked to confirm it.
		if me := userFrom(r.Context()); me.Role == tiendo.RoleAdmin && (u.Disabled || u.Role != tiendo.RoleAdmin) {
			n, err := s.store.OtherActiveAdmins(r.Context(), me.ID)
			if err != nil {
				return err
			}
			if n == 0 {
				field := "role"
				if u.Disabled {
					field = "disabled"
				}
				return s.userForm(w, r, http.StatusUnprocessableEntity, u, &tiendo.Error{Code: tiendo.ECONFLICT, Message: store.LastAdminMessage,
					Fields: map[string]string{field: "Không thể bỏ vai trò hoặc khóa quản trị hệ thống cuối cùng còn hoạt động."}})
			}
		}
		if r.PostFormValue("confirm_self") != "1" {
			return s.renderUserForm(w, r, http.StatusUnprocessableEntity, u, nil, msg)
		}
	}
	// One call: a refused password is reported with the other fields'
	// problems and nothing is saved, rather than the details saved and
	// the form coming back for the password.
	pw := r.PostFormValue("password")
	ok, err := saveForm(func() error { return s.store.UpdateUserAndPassword(r.Context(), actor(r), u, pw, requireChange(r, u)) },
		func(err error) error { return s.userForm(w, r, http.StatusUnprocessableEntity, u, err) })
	if ok {
		done := "saved"
		switch {
		case pw != "":
			done = "reset"
		case u.Disabled && !before.Disabled:
			done = "locked"
		}
		http.Redirect(w, r, fmt.Sprintf("/admin/users?done=%s&id=%d", done, u.ID), http.StatusSeeOther)
	}
	return err
}
