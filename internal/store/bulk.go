package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"tiendo"
	"tiendo/internal/bulk"
	"tiendo/internal/password"
)

// BulkChecks are the rules CreateUnit, CreateUser and SetPassword apply,
// for bulk.Compare: the preview refuses exactly what saving would.
// Retirement days are checked against the computer's clock; the store's
// own plans use its clock (bulkChecks).
func BulkChecks() bulk.Checks { return bulkChecks(time.Now) }

func bulkChecks(now func() time.Time) bulk.Checks {
	return bulk.Checks{Unit: validateUnit, UnitNames: func(others []*tiendo.Unit) func(*tiendo.Unit) error { return indexUnitNames(others).check }, User: validateUser, Password: checkPassword,
		Retirement: func(u *tiendo.Unit) error { return CheckRetirement(u, now()) }}
}

// BulkUploadAge is how long an uploaded file waits for its confirmation.
const BulkUploadAge = 24 * time.Hour

// BulkUpload is a spreadsheet uploaded for a bulk import, kept between the
// preview and the confirmation so that what is applied is exactly what was
// previewed.
type BulkUpload struct {
	ID        int64
	UserID    int64
	Name      string
	Data      []byte
	CreatedAt time.Time
}

// SaveBulkUpload keeps an uploaded file for user userID and returns its ID.
// Uploads older than BulkUploadAge go at the same time (and at each
// ApplyBulk): a file may hold initial passwords. The file is not audited:
// it changes nothing until ApplyBulk, which is.
func (s *Store) SaveBulkUpload(ctx context.Context, userID int64, name string, data []byte) (int64, error) {
	var id int64
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM bulk_uploads WHERE created_at < ?`), now.Add(-BulkUploadAge)); err != nil {
			return fmt.Errorf("store: bulk upload: purge: %w", err)
		}
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO bulk_uploads (user_id, name, data, created_at) VALUES (?, ?, ?, ?) RETURNING id`),
			userID, SanitizeFileName(name), data, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("store: bulk upload: %w", err)
		}
		return nil
	})
	return id, err
}

var errBulkUploadGone = tiendo.Errorf(tiendo.ENOTFOUND,
	"Không còn tệp đã tải lên này: tệp đã được nhập rồi, hoặc đã quá 24 giờ chưa xác nhận. Hãy xem danh sách đơn vị và người dùng, hoặc tải tệp lên lại.")

// BulkUpload returns user userID's upload id. Another user's upload, one
// applied or one past BulkUploadAge is not found.
func (s *Store) BulkUpload(ctx context.Context, userID, id int64) (*BulkUpload, error) {
	b := &BulkUpload{}
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT id, user_id, name, data, created_at FROM bulk_uploads WHERE id = ? AND user_id = ? AND created_at >= ?`),
		id, userID, s.now().Add(-BulkUploadAge)).Scan(&b.ID, &b.UserID, &b.Name, &b.Data, &b.CreatedAt)
	if err == sql.ErrNoRows {
		return nil, errBulkUploadGone
	} else if err != nil {
		return nil, fmt.Errorf("store: bulk upload: %w", err)
	}
	return b, nil
}

// rowQueryer runs a query inside a transaction or not.
type rowQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// allUnits reads every unit, in the order they were made.
func (s *Store) allUnits(ctx context.Context, db rowQueryer) ([]*tiendo.Unit, error) {
	var units []*tiendo.Unit
	rows, err := db.QueryContext(ctx, `SELECT `+unitColumns+` FROM units ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: units: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: units: %w", err)
	}
	return units, nil
}

// bulkState reads every unit and user, inside a transaction or not.
func (s *Store) bulkState(ctx context.Context, db rowQueryer) ([]*tiendo.Unit, []*tiendo.User, error) {
	var users []*tiendo.User
	units, err := s.allUnits(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY id`)
	if err != nil {
		return nil, nil, fmt.Errorf("store: bulk: users: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, nil, err
		}
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: bulk: users: %w", err)
	}
	return units, users, nil
}

// PlanBulk compares f with the units and users the store holds now.
func (s *Store) PlanBulk(ctx context.Context, f *bulk.File) (*bulk.Plan, error) {
	units, users, err := s.bulkState(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	return bulk.Compare(f, units, users, bulkChecks(s.now)), nil
}

// BulkResult is what ApplyBulk did.
type BulkResult struct {
	UnitsAdded, UnitsUpdated, UsersAdded, UsersUpdated int
	// UnitsRetired and UnitsReactivated count the updated units whose
	// working state the file changed (among UnitsUpdated).
	UnitsRetired, UnitsReactivated int
	// Passwords are the initial passwords the store made for new users
	// whose row had none. They are kept nowhere else: show them once.
	Passwords []InitialPassword
}

// InitialPassword is a new user's generated password.
type InitialPassword struct {
	Username, FullName, UnitCode, Password string
}

var errBulkChanged = tiendo.Errorf(tiendo.ECONFLICT,
	"Đơn vị hoặc người dùng trong hệ thống đã thay đổi kể từ lúc xem trước (có thể có người vừa sửa). Chưa có gì được lưu. Hãy xem lại bản xem trước mới rồi xác nhận lần nữa.")

// ApplyBulk imports f: it adds and updates the units and users of its plan
// in one transaction, each with its audit row, and never deletes. Nothing is
// written when the plan has an error, or when fingerprint is not "" and the
// plan is no longer the one previewed under it (the data changed in
// between). With uploadID not 0, the upload is removed in the same
// transaction, so confirming twice imports once.
//
// New users' passwords are hashed before the transaction begins: argon2id
// takes tens of milliseconds each, and SQLite's single writer must not wait
// on a hundred of them.
func (s *Store) ApplyBulk(ctx context.Context, actor Actor, f *bulk.File, fingerprint string, uploadID int64) (*BulkResult, error) {
	plan, err := s.PlanBulk(ctx, f)
	if err != nil {
		return nil, err
	}
	if !plan.OK() {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Tệp còn %d lỗi nên chưa nhập dòng nào. Hãy sửa các lỗi đã nêu trong tệp rồi tải lên lại.", len(plan.Errors))
	}
	want := plan.Fingerprint()
	if fingerprint != "" && fingerprint != want {
		return nil, errBulkChanged
	}

	res := &BulkResult{}
	secrets := make([]string, len(plan.Users))
	hashes := make([]string, len(plan.Users))
	errs := make([]error, len(plan.Users))
	var wg sync.WaitGroup
	for i, ch := range plan.Users {
		if ch.Op != bulk.OpAdd {
			continue
		}
		if secrets[i] = ch.Password; secrets[i] == "" {
			secrets[i] = newPassword(ch.User.Username)
			res.Passwords = append(res.Passwords, InitialPassword{Username: ch.User.Username, FullName: ch.User.FullName,
				UnitCode: ch.UnitCode, Password: secrets[i]})
		}
		// password.Hash runs as many at once as there are cores.
		wg.Go(func() { hashes[i], errs[i] = password.Hash(secrets[i]) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("store: bulk: hash: %w", err)
		}
	}

	err = s.tx(ctx, func(tx *sql.Tx) error {
		// Uploads may hold typed initial passwords: none outlives its day.
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM bulk_uploads WHERE created_at < ?`), s.now().Add(-BulkUploadAge)); err != nil {
			return fmt.Errorf("store: bulk upload: purge: %w", err)
		}
		if uploadID != 0 {
			r, err := tx.ExecContext(ctx, s.q(`DELETE FROM bulk_uploads WHERE id = ? AND user_id = ?`), uploadID, actor.UserID)
			if err != nil {
				return fmt.Errorf("store: bulk: upload: %w", err)
			}
			if n, _ := r.RowsAffected(); n == 0 {
				return errBulkUploadGone
			}
		}
		if s.dialect == postgres {
			// The same locks as UpdateUser's administrators check and the
			// unit forms' names check, so none of them runs on a state this
			// import is about to change.
			// 7302 too: the unit tree's rules (no working unit under a
			// retired one) are checked on this state.
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7303), pg_advisory_xact_lock(7304), pg_advisory_xact_lock(7302)`); err != nil {
				return fmt.Errorf("store: bulk: lock: %w", err)
			}
		}
		units, users, err := s.bulkState(ctx, tx)
		if err != nil {
			return err
		}
		again := bulk.Compare(f, units, users, bulkChecks(s.now))
		if again.Fingerprint() != want {
			return errBulkChanged
		}
		return s.applyBulk(ctx, tx, actor, again, units, hashes, res, uploadID)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (s *Store) applyBulk(ctx context.Context, tx *sql.Tx, actor Actor, plan *bulk.Plan, units []*tiendo.Unit, hashes []string, res *BulkResult, uploadID int64) error {
	ids := make(map[string]int64, len(units)+len(plan.Units))
	for _, u := range units {
		ids[u.Code] = u.ID
	}
	conflict := func(err error, what string) error {
		if s.dialect.isUniqueViolation(err) {
			return errBulkChanged
		}
		return fmt.Errorf("store: bulk: %s: %w", what, err)
	}

	// New units, each after its parent when the file adds that too.
	var pending []*bulk.UnitChange
	for i := range plan.Units {
		if plan.Units[i].Op == bulk.OpAdd {
			pending = append(pending, &plan.Units[i])
		}
	}
	for len(pending) > 0 {
		var wait []*bulk.UnitChange
		for _, ch := range pending {
			u := &ch.Unit
			if ch.ParentCode != "" {
				id, ok := ids[ch.ParentCode]
				if !ok {
					wait = append(wait, ch)
					continue
				}
				u.ParentID = id
			}
			aliases, _ := json.Marshal(u.Aliases)
			err := tx.QueryRowContext(ctx, s.q(`INSERT INTO units (parent_id, code, name, short_name, aliases, email, created_at, retired_at, retired_note)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
				nullID(u.ParentID), u.Code, u.Name, u.ShortName, string(aliases), u.Email, s.now(), retiredAt(u), u.RetiredNote).Scan(&u.ID)
			if err != nil {
				return conflict(err, "create unit")
			}
			ids[u.Code] = u.ID
			if err := s.audit(ctx, tx, actor, "create", "unit", u.ID, nil, u); err != nil {
				return err
			}
			res.UnitsAdded++
		}
		if len(wait) == len(pending) { // bulk.Compare refuses cycles; this is a bug
			return fmt.Errorf("store: bulk: units wait for parents that never come (first %q)", wait[0].Unit.Code)
		}
		pending = wait
	}
	for i := range plan.Units {
		ch := &plan.Units[i]
		if ch.Op != bulk.OpUpdate {
			continue
		}
		u := &ch.Unit
		u.ParentID = ids[ch.ParentCode] // 0 for ""
		aliases, _ := json.Marshal(u.Aliases)
		_, err := tx.ExecContext(ctx, s.q(`UPDATE units SET parent_id = ?, code = ?, name = ?, short_name = ?, aliases = ?, email = ?, retired_at = ?, retired_note = ? WHERE id = ?`),
			nullID(u.ParentID), u.Code, u.Name, u.ShortName, string(aliases), u.Email, retiredAt(u), u.RetiredNote, u.ID)
		if err != nil {
			return conflict(err, "update unit")
		}
		// A change of working state is audited as the unit form's buttons
		// audit it, so the log reads the same whichever way it was done.
		action := "update"
		switch {
		case ch.Retires():
			action = "retire"
			res.UnitsRetired++
		case ch.Reactivates():
			action = "reactivate"
			res.UnitsReactivated++
		}
		if err := s.audit(ctx, tx, actor, action, "unit", u.ID, ch.Before, u); err != nil {
			return err
		}
		res.UnitsUpdated++
	}

	// bulk.Compare refuses the rows that would leave no administrator; the
	// store checks again, as UpdateUser does.
	losing := map[int64]bool{}
	for _, ch := range plan.Users {
		if ch.Op == bulk.OpUpdate && activeAdmin(ch.Before) && !activeAdmin(&ch.User) {
			losing[ch.Before.ID] = true
		}
	}
	for _, ch := range plan.Users {
		if ch.Op == bulk.OpAdd && activeAdmin(&ch.User) {
			losing = nil // a new administrator stays
		}
	}
	if err := s.keepAnAdmin(ctx, tx, losing); err != nil {
		return err
	}
	now := s.now()
	for i := range plan.Users {
		ch := &plan.Users[i]
		u := &ch.User
		u.UnitID = ids[ch.UnitCode]
		switch ch.Op {
		case bulk.OpAdd:
			// Its password was typed in the file or made here: either way
			// the administrator knows it, so the user chooses their own at
			// the first login.
			u.CreatedAt, u.MustChangePassword = now, true
			err := tx.QueryRowContext(ctx, s.q(`INSERT INTO users (username, full_name, email, role, unit_id, password_hash, disabled, created_at, must_change_password)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
				u.Username, u.FullName, u.Email, u.Role, nullID(u.UnitID), hashes[i], false, u.CreatedAt, true).Scan(&u.ID)
			if err != nil {
				return conflict(err, "create user")
			}
			if err := s.audit(ctx, tx, actor, "create", "user", u.ID, nil, auditedUser{u, true}); err != nil {
				return err
			}
			res.UsersAdded++
		case bulk.OpUpdate:
			_, err := tx.ExecContext(ctx, s.q(`UPDATE users SET full_name = ?, email = ?, role = ?, unit_id = ? WHERE id = ?`),
				u.FullName, u.Email, u.Role, nullID(u.UnitID), u.ID)
			if err != nil {
				return conflict(err, "update user")
			}
			// As UpdateUser: a new role or unit must not ride on an old session.
			if u.Role != ch.Before.Role || u.UnitID != ch.Before.UnitID {
				if err := s.endSessions(ctx, tx, u.ID); err != nil {
					return err
				}
			}
			if err := s.audit(ctx, tx, actor, "update", "user", u.ID, ch.Before, u); err != nil {
				return err
			}
			res.UsersUpdated++
		}
	}
	summary := map[string]int{"units_added": res.UnitsAdded, "units_updated": res.UnitsUpdated,
		"units_retired": res.UnitsRetired, "units_reactivated": res.UnitsReactivated,
		"users_added": res.UsersAdded, "users_updated": res.UsersUpdated, "passwords_generated": len(res.Passwords)}
	return s.audit(ctx, tx, actor, "import", "bulk_upload", uploadID, nil, summary)
}

// newPassword makes an initial password that is easy to read out and type:
// three groups of four lower-case letters and digits without the look-alikes
// l, 1, o and 0 ("k7mp-x3qa-9tzh", about 60 bits), one the policy accepts.
func newPassword(username string) string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789" // 32 symbols: a byte mod 32 is uniform
	for {
		b := make([]byte, 12)
		rand.Read(b) // never fails (crypto/rand, Go 1.24+)
		for i := range b {
			b[i] = alphabet[b[i]%32]
		}
		pw := string(b[:4]) + "-" + string(b[4:8]) + "-" + string(b[8:])
		if checkPassword(username, pw) == nil {
			return pw
		}
	}
}

// retiredAt is the value of a unit's retired_at column: NULL while it works.
func retiredAt(u *tiendo.Unit) any {
	if !u.Retired() {
		return nil
	}
	return u.RetiredOn.UTC()
}
