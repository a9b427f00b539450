package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/password"
	"tiendo/internal/vi"
)

// MinPasswordLength is the shortest password accepted. Length matters more
// than composition (NIST SP 800-63B), so nothing else is demanded here.
const MinPasswordLength = 10

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{1,39}$`)

func validateUser(u *tiendo.User) error {
	u.Username = strings.ToLower(nfc(u.Username))
	u.FullName, u.Email = nfc(u.FullName), nfc(u.Email)
	e := &tiendo.Error{Code: tiendo.EINVALID, Fields: map[string]string{}}
	if !usernameRE.MatchString(u.Username) {
		e.Fields["username"] = "Tên đăng nhập gồm 2–40 chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới."
	}
	u.Email = strings.TrimSpace(u.Email)
	if !u.Role.Valid() {
		e.Fields["role"] = "Vui lòng chọn một vai trò."
	} else if u.Role.UnitScoped() && u.UnitID == 0 {
		e.Fields["unit_id"] = "Vai trò này cần gắn với một đơn vị; hãy chọn đơn vị."
	} else if !u.Role.UnitScoped() {
		u.UnitID = 0
	}
	if len(e.Fields) > 0 {
		e.Message = userInvalid
		return e
	}
	return nil
}

const userColumns = `id, username, full_name, email, role, COALESCE(unit_id, 0), disabled, created_at, must_change_password`

// userColumnsOf is userColumns for a query where the users table is aliased u.
const userColumnsOf = `u.id, u.username, u.full_name, u.email, u.role, COALESCE(u.unit_id, 0), u.disabled, u.created_at, u.must_change_password`

// scanUser reads userColumns and then any extra columns into extra.
func scanUser(row interface{ Scan(...any) error }, extra ...any) (*tiendo.User, error) {
	var u tiendo.User
	if err := row.Scan(append([]any{&u.ID, &u.Username, &u.FullName, &u.Email, &u.Role, &u.UnitID, &u.Disabled, &u.CreatedAt, &u.MustChangePassword}, extra...)...); err != nil {
		return nil, err
	}
	return &u, nil
}

// userInvalid is the message of a user form refused for several fields.
const userInvalid = "Thông tin người dùng chưa hợp lệ, vui lòng sửa các ô được đánh dấu."

// fieldErrors gathers the field messages of several checks, so that a form
// shows every problem at once rather than one per try (an e-mail fixed, then
// the password refused). One failed check keeps its own message ("Mật khẩu
// quá ngắn."); several share message. An error that is not a *tiendo.Error
// is returned as it is.
func fieldErrors(message string, errs ...error) error {
	var first *tiendo.Error
	fields := map[string]string{}
	n := 0
	for _, err := range errs {
		if err == nil {
			continue
		}
		var e *tiendo.Error
		if !errors.As(err, &e) {
			return err
		}
		if n++; first == nil {
			first = e
		}
		for k, v := range e.Fields {
			if _, ok := fields[k]; !ok {
				fields[k] = v
			}
		}
	}
	switch n {
	case 0:
		return nil
	case 1:
		return first
	}
	return &tiendo.Error{Code: tiendo.EINVALID, Message: message, Fields: fields}
}

// CreateUser adds a user with the given password and sets its ID. With
// u.MustChangePassword the user must choose their own password at their
// first login: an administrator's form and the command line set it, since
// the password they type is handed over on paper or by message. Every
// field and the password are checked before anything is written, and all
// their problems are reported together.
func (s *Store) CreateUser(ctx context.Context, actor Actor, u *tiendo.User, pw string) error {
	verr := validateUser(u) // first: it normalises the username the password is checked against
	if err := fieldErrors(userInvalid, verr, checkEmail(u.Email, userInvalid), checkPassword(u.Username, pw)); err != nil {
		return err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	u.CreatedAt = s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO users (username, full_name, email, role, unit_id, password_hash, disabled, created_at, must_change_password)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			u.Username, u.FullName, u.Email, u.Role, nullID(u.UnitID), hash, u.Disabled, u.CreatedAt, u.MustChangePassword).Scan(&u.ID)
		if s.dialect.isUniqueViolation(err) {
			return &tiendo.Error{Code: tiendo.ECONFLICT, Message: "Tên đăng nhập đã có người dùng.",
				Fields: map[string]string{"username": fmt.Sprintf("Tên %s đã có người dùng; hãy chọn tên khác.", vi.Quote(u.Username))}}
		} else if err != nil {
			return fmt.Errorf("store: create user: %w", err)
		}
		return s.audit(ctx, tx, actor, "create", "user", u.ID, nil, auditedUser{u, u.MustChangePassword})
	})
}

// auditedUser is a user as the audit log keeps it: with whether they must
// change their password, which tiendo.User leaves out of its JSON.
type auditedUser struct {
	*tiendo.User
	MustChangePassword bool `json:"must_change_password,omitempty"`
}

// UpdateUser changes a user's name, e-mail, role, unit and disabled flag.
// Disabling a user ends their sessions, and so does a new role or unit. A
// change that would leave no active administrator is refused
// (errLastAdmin): nobody could manage users any more.
func (s *Store) UpdateUser(ctx context.Context, actor Actor, u *tiendo.User) error {
	return s.updateUser(ctx, actor, u, "", false)
}

// UpdateUserAndPassword is UpdateUser that also sets the user's password
// to pw, as ResetPassword does, in the same transaction: the user form
// saving new details and a new password together. Every field and the
// password are checked before anything is written, and all their problems
// are reported together; so a refused password does not leave the other
// changes saved. With pw "" it is UpdateUser.
func (s *Store) UpdateUserAndPassword(ctx context.Context, actor Actor, u *tiendo.User, pw string, mustChange bool) error {
	return s.updateUser(ctx, actor, u, pw, mustChange)
}

func (s *Store) updateUser(ctx context.Context, actor Actor, u *tiendo.User, pw string, mustChange bool) error {
	verr := validateUser(u) // first: it normalises the username the password is checked against
	var perr error
	var hash string
	if pw != "" {
		if perr = checkPassword(u.Username, pw); perr == nil && verr == nil {
			// Before the transaction: SQLite's one writer must not
			// wait on argon2id.
			var err error
			if hash, err = password.Hash(pw); err != nil {
				return err
			}
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := scanUser(tx.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE id = ?`), u.ID))
		if err != nil {
			return notFound(err, "Không tìm thấy người dùng.")
		}
		var eerr error
		if u.Email != before.Email {
			eerr = checkEmail(u.Email, userInvalid)
		}
		if err := fieldErrors(userInvalid, verr, eerr, perr); err != nil {
			return err
		}
		if err := s.keepAnAdmin(ctx, tx, map[int64]bool{before.ID: activeAdmin(before) && !activeAdmin(u)}); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE users SET username = ?, full_name = ?, email = ?, role = ?, unit_id = ?, disabled = ? WHERE id = ?`),
			u.Username, u.FullName, u.Email, u.Role, nullID(u.UnitID), u.Disabled, u.ID)
		if s.dialect.isUniqueViolation(err) {
			return &tiendo.Error{Code: tiendo.ECONFLICT, Message: "Tên đăng nhập đã có người dùng.",
				Fields: map[string]string{"username": fmt.Sprintf("Tên %s đã có người dùng; hãy chọn tên khác.", vi.Quote(u.Username))}}
		} else if err != nil {
			return fmt.Errorf("store: update user: %w", err)
		}
		switch {
		case u.Disabled && !before.Disabled:
			if err := s.lockSessions(ctx, tx, u.ID); err != nil {
				return err
			}
		case u.Disabled != before.Disabled || u.Role != before.Role || u.UnitID != before.UnitID || hash != "":
			if err := s.endSessions(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		u.CreatedAt = before.CreatedAt
		if err := s.audit(ctx, tx, actor, "update", "user", u.ID, before, u); err != nil {
			return err
		}
		if hash == "" {
			return nil
		}
		u.MustChangePassword = mustChange
		return s.writePassword(ctx, tx, actor, u.ID, hash, mustChange)
	})
}

// activeAdmin reports whether u can administer: the admin role, not locked.
func activeAdmin(u *tiendo.User) bool { return u.Role == tiendo.RoleAdmin && !u.Disabled }

// LastAdminMessage is why a change that would leave no active
// administrator is refused, and what to do instead.
const LastAdminMessage = "Đây là quản trị hệ thống cuối cùng còn hoạt động: nếu đổi vai trò hoặc khóa tài khoản này thì không còn ai quản trị được hệ thống. " +
	"Hãy cấp vai trò “Quản trị” cho một người dùng khác (hoặc mở khóa một tài khoản quản trị) trước, rồi mới đổi tài khoản này."

var errLastAdmin = &tiendo.Error{Code: tiendo.ECONFLICT, Message: LastAdminMessage,
	Fields: map[string]string{"role": "Không thể bỏ vai trò hoặc khóa quản trị hệ thống cuối cùng còn hoạt động."}}

// keepAnAdmin refuses, with errLastAdmin, a change that takes away the
// users in losing (id -> whether this change ends their being an active
// admin) when no other active administrator would remain. Two such changes
// at once must not both pass: on PostgreSQL they queue on one lock; SQLite
// has one writer already.
func (s *Store) keepAnAdmin(ctx context.Context, tx *sql.Tx, losing map[int64]bool) error {
	var ids []int64
	for id, lose := range losing {
		if lose {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if s.dialect == postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7303)`); err != nil {
			return fmt.Errorf("store: lock the administrators: %w", err)
		}
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT id FROM users WHERE role = ? AND NOT disabled`), tiendo.RoleAdmin)
	if err != nil {
		return fmt.Errorf("store: administrators: %w", err)
	}
	admins, err := scanIDs(rows)
	if err != nil {
		return err
	}
	for _, id := range admins {
		if !losing[id] {
			return nil
		}
	}
	return errLastAdmin
}

// checkEmail refuses an address that is not one ("abc", "x@gmailcom"). It
// is checked when an address is given or changed, not on every save: an
// address stored before the check came must not stop an administrator
// (or the command line) from locking the account or changing its role.
func checkEmail(email, message string) error {
	if email == "" || tiendo.ValidEmail(email) {
		return nil
	}
	return &tiendo.Error{Code: tiendo.EINVALID, Message: message,
		Fields: map[string]string{"email": fmt.Sprintf("“%s” không phải địa chỉ e-mail hợp lệ; hãy ghi dạng ten@donvi.gov.vn hoặc để trống.", email)}}
}

// OtherActiveAdmins counts the active administrators other than user id:
// a page asks before offering to confirm a change that keepAnAdmin would
// refuse anyway.
func (s *Store) OtherActiveAdmins(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM users WHERE role = ? AND NOT disabled AND id <> ?`), tiendo.RoleAdmin, id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: administrators: %w", err)
	}
	return n, nil
}

// lockSessions ends a locked user's sessions and API tokens. The sessions
// are expired rather than deleted, so that a browser still holding one is
// told the account was locked (ErrAccountLocked) instead of being sent to
// the login page without a word; an expired session never opens again, even
// after the account is unlocked.
func (s *Store) lockSessions(ctx context.Context, tx *sql.Tx, userID int64) error {
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE sessions SET expires_at = ? WHERE user_id = ?`), s.now().Add(-time.Second), userID); err != nil {
		return fmt.Errorf("store: lock sessions: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM api_tokens WHERE user_id = ?`), userID); err != nil {
		return fmt.Errorf("store: end tokens: %w", err)
	}
	return nil
}

// SetPassword replaces a user's password with one the user keeps (they
// chose it themselves, on their account page) and ends all their sessions.
// It clears MustChangePassword. An administrator setting someone's password
// uses ResetPassword.
func (s *Store) SetPassword(ctx context.Context, actor Actor, userID int64, pw string) error {
	return s.setPassword(ctx, actor, userID, pw, false)
}

// ResetPassword is an administrator setting user userID's password (the
// user form, "tiendo user passwd"), and ends all their sessions. With
// mustChange the user must choose their own at the next login: the
// administrator knows this one, and handed it over on paper or by message.
func (s *Store) ResetPassword(ctx context.Context, actor Actor, userID int64, pw string, mustChange bool) error {
	return s.setPassword(ctx, actor, userID, pw, mustChange)
}

func (s *Store) setPassword(ctx context.Context, actor Actor, userID int64, pw string, mustChange bool) error {
	u, err := s.User(ctx, userID)
	if err != nil {
		return err
	}
	if err := checkPassword(u.Username, pw); err != nil {
		return err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.endSessions(ctx, tx, userID); err != nil {
			return err
		}
		return s.writePassword(ctx, tx, actor, userID, hash, mustChange)
	})
}

// writePassword stores hash as user userID's password, with whether they
// must change it, and audits it. The caller ends their sessions.
func (s *Store) writePassword(ctx context.Context, tx *sql.Tx, actor Actor, userID int64, hash string, mustChange bool) error {
	res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?`), hash, mustChange, userID)
	if err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy người dùng.")
	}
	var after any
	if mustChange {
		after = map[string]bool{"must_change_password": true}
	}
	return s.audit(ctx, tx, actor, "set_password", "user", userID, nil, after)
}

// SetMustChangePassword requires user userID to choose a new password at
// their next request (must), or lifts that requirement, without changing
// the password ("tiendo user must-change"). Their sessions stay open: the
// pages lead them to the password form, and the API refuses their tokens
// until they have changed it.
func (s *Store) SetMustChangePassword(ctx context.Context, actor Actor, userID int64, must bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var before bool
		if err := tx.QueryRowContext(ctx, s.q(`SELECT must_change_password FROM users WHERE id = ?`), userID).Scan(&before); err != nil {
			return notFound(err, "Không tìm thấy người dùng.")
		}
		if before == must {
			return nil
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE users SET must_change_password = ? WHERE id = ?`), must, userID); err != nil {
			return fmt.Errorf("store: must change password: %w", err)
		}
		return s.audit(ctx, tx, actor, "update", "user", userID,
			map[string]bool{"must_change_password": before}, map[string]bool{"must_change_password": must})
	})
}

// User returns the user with the given ID.
func (s *Store) User(ctx context.Context, id int64) (*tiendo.User, error) {
	u, err := scanUser(s.rdb.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE id = ?`), id))
	if err != nil {
		return nil, notFound(err, "Không tìm thấy người dùng.")
	}
	return s.withSubunits(ctx, u)
}

// UserByUsername returns the user with the given username.
func (s *Store) UserByUsername(ctx context.Context, username string) (*tiendo.User, error) {
	var u *tiendo.User
	err := sql.ErrNoRows
	if storable(username) {
		u, err = scanUser(s.rdb.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE username = ?`), strings.ToLower(strings.TrimSpace(username))))
	}
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("Không tìm thấy người dùng %s.", vi.Quote(username)))
	}
	return s.withSubunits(ctx, u)
}

// Users returns every user, ordered by username.
func (s *Store) Users(ctx context.Context) ([]*tiendo.User, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var users []*tiendo.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	return users, rows.Err()
}

// errBadLogin is the one answer to every failed login, whether the username
// exists or not.
var errBadLogin = tiendo.Errorf(tiendo.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng.")

// ErrAccountLocked tells a user whose account an administrator locked why
// they cannot log in, or why their open session ended. It is given only to
// whoever knows the password (or holds the session): someone guessing gets
// errBadLogin, the same as for any other wrong password.
var ErrAccountLocked = tiendo.Errorf(tiendo.EUNAUTHORIZED, "Tài khoản đã bị khóa; hãy liên hệ quản trị hệ thống.")

// Authenticate returns the user whose username and password match. A wrong
// password and an unknown username give the same error after the same work,
// so the answer reveals nothing; so does a locked account with a wrong
// password. A locked account with the right password gets ErrAccountLocked:
// the person knows the password, so saying the account is locked tells them
// nothing they could not learn, and saves them guessing (and the throttle
// counting) their own password over and over.
func (s *Store) Authenticate(ctx context.Context, username, pw string) (*tiendo.User, error) {
	var hash string
	var u *tiendo.User
	err := sql.ErrNoRows
	if storable(username) {
		u, err = scanUser(s.rdb.QueryRowContext(ctx, s.q(`SELECT `+userColumns+`, password_hash FROM users WHERE username = ?`),
			strings.ToLower(strings.TrimSpace(username))), &hash)
	}
	if err == sql.ErrNoRows {
		password.CheckNone(pw)
		return nil, errBadLogin
	} else if err != nil {
		return nil, fmt.Errorf("store: authenticate: %w", err)
	}
	ok, stale, err := password.Verify(hash, pw)
	if err != nil {
		return nil, fmt.Errorf("store: authenticate %q: %w", u.Username, err)
	}
	if !ok {
		return nil, errBadLogin
	}
	if u.Disabled {
		return nil, ErrAccountLocked
	}
	if stale {
		if err := s.rehash(ctx, u.ID, hash, pw); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// rehash replaces user userID's hash old, made before passwords were
// normalised and matched by pw as typed (not in NFC), with a hash of pw in
// NFC (password.Hash), so that from now on the password opens the account
// from any keyboard, not only one that sends the same bytes. The password
// is the same, so no session ends and nothing is audited; the row is
// written only if it still holds old, so a password changed meanwhile stays.
func (s *Store) rehash(ctx context.Context, userID int64, old, pw string) error {
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?`), hash, userID, old); err != nil {
			return fmt.Errorf("store: rehash password: %w", err)
		}
		return nil
	})
}
