package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// nfc returns s in Unicode normal form C with surrounding space trimmed:
// text is stored NFC so that equal-looking Vietnamese compares equal. Bytes
// that are not UTF-8 become U+FFFD: text is never stored broken.
func nfc(s string) string {
	// NUL is never text, and PostgreSQL refuses it in a text column.
	return strings.TrimSpace(vi.NFC(strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")))
}

// storable reports whether s could have been stored as it is: UTF-8
// without NUL, as nfc leaves every text. A lookup by a key that is not
// (a unit code or username typed into an address) finds nothing, and
// answers so without asking the database: PostgreSQL refuses such a
// parameter with an error, not with no rows.
func storable(s string) bool { return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 }

var codeRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,39}$`)

func validateUnit(u *tiendo.Unit) error {
	u.Code = strings.ToLower(nfc(u.Code))
	u.Name, u.ShortName, u.Email = nfc(u.Name), nfc(u.ShortName), nfc(u.Email)
	aliases := u.Aliases[:0:0]
	for _, a := range u.Aliases {
		if a = nfc(a); a != "" {
			aliases = append(aliases, a)
		}
	}
	u.Aliases = aliases
	e := &tiendo.Error{Code: tiendo.EINVALID, Fields: map[string]string{}}
	if !codeRE.MatchString(u.Code) {
		e.Fields["code"] = "Mã đơn vị gồm chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới (tối đa 40 ký tự), ví dụ: pnnptnt."
	}
	if u.Name == "" {
		e.Fields["name"] = "Vui lòng nhập tên đơn vị."
	}
	u.Email = strings.TrimSpace(u.Email)
	if len(e.Fields) > 0 {
		e.Message = "Thông tin đơn vị chưa hợp lệ, vui lòng sửa các ô được đánh dấu."
		return e
	}
	return nil
}

// checkUnitForm is validateUnit with the e-mail address checked in the same
// pass, so that the form marks every wrong field at once. The address is
// not checked when it is storedEmail, the unit's address already stored:
// one kept from before the check came must not block the unit's other
// changes. (The bulk import checks addresses itself, row by row.)
func checkUnitForm(u *tiendo.Unit, storedEmail string) error {
	err := validateUnit(u)
	if u.Email == storedEmail {
		return err
	}
	var bad *tiendo.Error
	if !errors.As(checkEmail(u.Email, ""), &bad) {
		return err
	}
	e := &tiendo.Error{Code: tiendo.EINVALID, Message: "Thông tin đơn vị chưa hợp lệ, vui lòng sửa các ô được đánh dấu.", Fields: map[string]string{}}
	errors.As(err, &e)
	e.Fields["email"] = bad.Fields["email"]
	return e
}

// NameKey is how unit names are compared for a clash: folded as the
// directive reader folds them (case, diacritics, đ, tone-mark placement),
// with spacing ignored. The intake compares typed names by it too.
func NameKey(s string) string { return strings.Join(strings.Fields(vi.Fold(s)), " ") }

// checkUnitNames refuses a name that would make the directive reader unsure
// which unit a text means: an alias of u that is another unit's name, short
// name or alias, or a name or short name of u that is another unit's alias.
// A unit's own name or short name among its aliases is harmless. others may
// hold u itself (same ID, or same code for a unit not yet saved); it is
// skipped. Each message names the other unit.
func checkUnitNames(u *tiendo.Unit, others []*tiendo.Unit) error {
	return indexUnitNames(others).check(u)
}

// unitNames holds the folded names and aliases of a set of units, so that
// many units can be checked against one set (an import of a province's
// 3,321 communes) without folding the whole set again for each: folding it
// per unit made such an import take a minute inside its transaction.
type unitNames struct {
	names   map[string][]nameOwner // a unit's name or short name
	aliases map[string][]nameOwner // a unit's alias
}

// nameOwner is a unit that holds a name, and as what.
type nameOwner struct {
	unit *tiendo.Unit
	what string // "tên", "tên ngắn", "tên gọi khác"
}

func indexUnitNames(units []*tiendo.Unit) *unitNames {
	ix := &unitNames{names: map[string][]nameOwner{}, aliases: map[string][]nameOwner{}}
	add := func(m map[string][]nameOwner, v string, o nameOwner) {
		k := NameKey(v)
		if k == "" {
			return
		}
		if l := m[k]; len(l) > 0 && l[len(l)-1].unit == o.unit {
			return // the unit's name and short name alike: its first says it
		}
		m[k] = append(m[k], o)
	}
	for _, o := range units {
		add(ix.names, o.Name, nameOwner{o, "tên"})
		add(ix.names, o.ShortName, nameOwner{o, "tên ngắn"})
		for _, a := range o.Aliases {
			add(ix.aliases, a, nameOwner{o, "tên gọi khác"})
		}
	}
	return ix
}

// other is the first unit in m holding the name v that is not u.
func (ix *unitNames) other(m map[string][]nameOwner, u *tiendo.Unit, v string) (nameOwner, bool) {
	for _, o := range m[NameKey(v)] {
		if (u.ID != 0 && o.unit.ID == u.ID) || o.unit.Code == u.Code {
			continue
		}
		return o, true
	}
	return nameOwner{}, false
}

// check is checkUnitNames of u against the indexed units.
func (ix *unitNames) check(u *tiendo.Unit) error {
	e := &tiendo.Error{Code: tiendo.EINVALID, Fields: map[string]string{}}
	for _, a := range u.Aliases {
		o, ok := ix.other(ix.names, u, a)
		if !ok {
			o, ok = ix.other(ix.aliases, u, a)
		}
		if ok {
			e.Fields["aliases"] = fmt.Sprintf("Tên gọi khác “%s” trùng với %s của đơn vị “%s” (mã %s): văn bản nhắc đến tên này sẽ không biết là đơn vị nào. Hãy bỏ tên gọi khác này.",
				a, o.what, o.unit.Name, o.unit.Code)
			break
		}
	}
	for _, f := range []struct{ field, what, v string }{{"name", "Tên đơn vị", u.Name}, {"short_name", "Tên ngắn", u.ShortName}} {
		if f.v == "" {
			continue
		}
		if o, ok := ix.other(ix.aliases, u, f.v); ok {
			e.Fields[f.field] = fmt.Sprintf("%s “%s” trùng với tên gọi khác của đơn vị “%s” (mã %s): văn bản nhắc đến tên này sẽ không biết là đơn vị nào. Hãy bỏ tên gọi khác đó ở đơn vị “%s” trước, hoặc đặt tên khác.",
				f.what, f.v, o.unit.Name, o.unit.Code, o.unit.Name)
		}
	}
	if len(e.Fields) > 0 {
		e.Message = "Tên hoặc tên gọi khác của đơn vị trùng với một đơn vị khác, vui lòng sửa các ô được đánh dấu."
		return e
	}
	return nil
}

// checkUnitNamesTx is checkUnitNames against the units the store holds,
// inside tx. On PostgreSQL two saves at once queue on one lock, so that
// both cannot pass the check; SQLite has one writer already.
func (s *Store) checkUnitNamesTx(ctx context.Context, tx *sql.Tx, u *tiendo.Unit) error {
	if s.dialect == postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7304)`); err != nil {
			return fmt.Errorf("store: lock the unit names: %w", err)
		}
	}
	units, err := s.allUnits(ctx, tx)
	if err != nil {
		return err
	}
	return checkUnitNames(u, units)
}

const unitColumns = `id, COALESCE(parent_id, 0), code, name, short_name, aliases, email, retired_at, retired_note`

func scanUnit(row interface{ Scan(...any) error }) (*tiendo.Unit, error) {
	var u tiendo.Unit
	var aliases string
	var retired sql.NullTime
	if err := row.Scan(&u.ID, &u.ParentID, &u.Code, &u.Name, &u.ShortName, &aliases, &u.Email, &retired, &u.RetiredNote); err != nil {
		return nil, err
	}
	if retired.Valid {
		u.RetiredOn = retired.Time.In(tiendo.Zone)
	}
	if err := json.Unmarshal([]byte(aliases), &u.Aliases); err != nil {
		return nil, fmt.Errorf("store: unit %d aliases: %w", u.ID, err)
	}
	if u.Aliases == nil {
		u.Aliases = []string{}
	}
	return &u, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// CreateUnit adds a unit and sets its ID.
func (s *Store) CreateUnit(ctx context.Context, actor Actor, u *tiendo.Unit) error {
	if err := checkUnitForm(u, ""); err != nil {
		return err
	}
	// A unit is made active: it is retired afterwards, by RetireUnit.
	u.RetiredOn, u.RetiredNote = time.Time{}, ""
	aliases, _ := json.Marshal(u.Aliases)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkUnitNamesTx(ctx, tx, u); err != nil {
			return err
		}
		if u.ParentID != 0 {
			if err := s.lockTree(ctx, tx); err != nil {
				return err
			}
			if err := s.checkParentActive(ctx, tx, u); err != nil {
				return err
			}
		}
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO units (parent_id, code, name, short_name, aliases, email, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			nullID(u.ParentID), u.Code, u.Name, u.ShortName, string(aliases), u.Email, s.now()).Scan(&u.ID)
		if s.dialect.isUniqueViolation(err) {
			return &tiendo.Error{Code: tiendo.ECONFLICT, Message: "Mã đơn vị đã được dùng.",
				Fields: map[string]string{"code": fmt.Sprintf("Mã %s đã thuộc về một đơn vị khác; hãy chọn mã khác.", vi.Quote(u.Code))}}
		} else if err != nil {
			return fmt.Errorf("store: create unit: %w", err)
		}
		return s.audit(ctx, tx, actor, "create", "unit", u.ID, nil, u)
	})
}

// UpdateUnit changes a unit's fields (not its ID).
func (s *Store) UpdateUnit(ctx context.Context, actor Actor, u *tiendo.Unit) error {
	var storedEmail string
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT email FROM units WHERE id = ?`), u.ID).Scan(&storedEmail)
	if err != nil {
		return notFound(err, "Không tìm thấy đơn vị.")
	}
	if err := checkUnitForm(u, storedEmail); err != nil {
		return err
	}
	if u.ParentID == u.ID && u.ID != 0 {
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Một đơn vị không thể là đơn vị cấp trên của chính nó.",
			Fields: map[string]string{"parent_id": "Hãy chọn một đơn vị cấp trên khác."}}
	}
	aliases, _ := json.Marshal(u.Aliases)
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := scanUnit(tx.QueryRowContext(ctx, s.q(`SELECT `+unitColumns+` FROM units WHERE id = ?`), u.ID))
		if err != nil {
			return notFound(err, "Không tìm thấy đơn vị.")
		}
		if u.Email != before.Email {
			if err := checkEmail(u.Email, "Thông tin đơn vị chưa hợp lệ, vui lòng sửa các ô được đánh dấu."); err != nil {
				return err
			}
		}
		if err := s.checkUnitNamesTx(ctx, tx, u); err != nil {
			return err
		}
		// The form does not carry the retirement: RetireUnit and
		// ReactivateUnit change it.
		u.RetiredOn, u.RetiredNote = before.RetiredOn, before.RetiredNote
		if u.ParentID != 0 {
			// Two moves at once (A under B, B under A) must not both pass
			// the check, nor a move under a unit being retired.
			if err := s.lockTree(ctx, tx); err != nil {
				return err
			}
			if err := s.checkParentActive(ctx, tx, u); err != nil {
				return err
			}
			below, err := s.subunits(ctx, tx, u.ID)
			if err != nil {
				return err
			}
			if slices.Contains(below, u.ParentID) {
				return &tiendo.Error{Code: tiendo.EINVALID, Message: "Đơn vị cấp trên đang là đơn vị trực thuộc của đơn vị này; chọn như vậy sẽ tạo thành vòng lặp trong cây đơn vị.",
					Fields: map[string]string{"parent_id": "Hãy chọn một đơn vị cấp trên không nằm dưới đơn vị này."}}
			}
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE units SET parent_id = ?, code = ?, name = ?, short_name = ?, aliases = ?, email = ? WHERE id = ?`),
			nullID(u.ParentID), u.Code, u.Name, u.ShortName, string(aliases), u.Email, u.ID)
		if s.dialect.isUniqueViolation(err) {
			return &tiendo.Error{Code: tiendo.ECONFLICT, Message: "Mã đơn vị đã được dùng.",
				Fields: map[string]string{"code": fmt.Sprintf("Mã %s đã thuộc về một đơn vị khác; hãy chọn mã khác.", vi.Quote(u.Code))}}
		} else if err != nil {
			return fmt.Errorf("store: update unit: %w", err)
		}
		return s.audit(ctx, tx, actor, "update", "unit", u.ID, before, u)
	})
}

// subunits are the units below unitID in the tree, at any depth. UNION
// (not UNION ALL) ends the recursion even if the tree had a cycle.
func (s *Store) subunits(ctx context.Context, db queryer, unitID int64) ([]int64, error) {
	rows, err := db.QueryContext(ctx, s.q(`WITH RECURSIVE below(id) AS (
		SELECT id FROM units WHERE parent_id = ?
		UNION SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id)
		SELECT id FROM below WHERE id <> ? ORDER BY id`), unitID, unitID)
	if err != nil {
		return nil, fmt.Errorf("store: subunits: %w", err)
	}
	return scanIDs(rows)
}

// withSubunits loads the units under a unit-scoped user's unit, through
// which a parent unit reads its children's reports (tiendo.ScopeUnitTree).
func (s *Store) withSubunits(ctx context.Context, u *tiendo.User) (*tiendo.User, error) {
	if u == nil || u.UnitID == 0 || !u.Role.UnitScoped() {
		return u, nil
	}
	var err error
	u.Subunits, err = s.subunits(ctx, s.rdb, u.UnitID)
	return u, err
}

// Unit returns the unit with the given ID.
func (s *Store) Unit(ctx context.Context, id int64) (*tiendo.Unit, error) {
	u, err := scanUnit(s.rdb.QueryRowContext(ctx, s.q(`SELECT `+unitColumns+` FROM units WHERE id = ?`), id))
	if err != nil {
		return nil, notFound(err, "Không tìm thấy đơn vị.")
	}
	return u, nil
}

// UnitByCode returns the unit with the given code.
func (s *Store) UnitByCode(ctx context.Context, code string) (*tiendo.Unit, error) {
	var u *tiendo.Unit
	err := sql.ErrNoRows
	if storable(code) {
		u, err = scanUnit(s.rdb.QueryRowContext(ctx, s.q(`SELECT `+unitColumns+` FROM units WHERE code = ?`), strings.ToLower(code)))
	}
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("Không tìm thấy đơn vị có mã %s.", vi.Quote(code)))
	}
	return u, nil
}

// UnitIDByCode returns the id of the unit with the given code. The user's
// own unit, the usual case, costs no query: its code comes with the user.
func (s *Store) UnitIDByCode(ctx context.Context, u *tiendo.User, code string) (int64, error) {
	key := strings.ToLower(code)
	if u != nil && u.UnitID != 0 && key == u.UnitCode {
		return u.UnitID, nil
	}
	var id int64
	err := sql.ErrNoRows
	if storable(key) {
		err = s.rdb.QueryRowContext(ctx, s.q(`SELECT id FROM units WHERE code = ?`), key).Scan(&id)
	}
	if err != nil {
		return 0, notFound(err, fmt.Sprintf("Không tìm thấy đơn vị có mã %s.", vi.Quote(code)))
	}
	return id, nil
}

// Units returns every unit, ordered by name the Vietnamese way.
func (s *Store) Units(ctx context.Context) ([]*tiendo.Unit, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+unitColumns+` FROM units`)
	if err != nil {
		return nil, fmt.Errorf("store: units: %w", err)
	}
	defer rows.Close()
	var units []*tiendo.Unit
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
	sortVietnamese(units, func(u *tiendo.Unit) string { return u.Name })
	return units, nil
}

// lockTree queues, on PostgreSQL, every write that could break the unit
// tree's rules (a cycle, an active unit under a retired one) behind one
// lock; SQLite has one writer already.
func (s *Store) lockTree(ctx context.Context, tx *sql.Tx) error {
	if s.dialect == postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7302)`); err != nil {
			return fmt.Errorf("store: lock the unit tree: %w", err)
		}
	}
	return nil
}

// checkParentActive refuses to put an active unit under a retired one:
// the tree would show a working unit inside one that no longer exists.
func (s *Store) checkParentActive(ctx context.Context, tx *sql.Tx, u *tiendo.Unit) error {
	if u.ParentID == 0 || u.Retired() {
		return nil
	}
	p, err := scanUnit(tx.QueryRowContext(ctx, s.q(`SELECT `+unitColumns+` FROM units WHERE id = ?`), u.ParentID))
	if err != nil {
		if err == sql.ErrNoRows {
			return &tiendo.Error{Code: tiendo.EINVALID, Message: "Không tìm thấy đơn vị cấp trên đã chọn.",
				Fields: map[string]string{"parent_id": "Hãy chọn lại đơn vị cấp trên."}}
		}
		return fmt.Errorf("store: parent unit: %w", err)
	}
	if p.Retired() {
		return &tiendo.Error{Code: tiendo.EINVALID,
			Message: fmt.Sprintf("Đơn vị cấp trên “%s” đã ngừng hoạt động từ %s.", p.Name, p.RetiredOn.Format("02/01/2006")),
			Fields:  map[string]string{"parent_id": "Hãy chọn một đơn vị cấp trên đang hoạt động, hoặc cho đơn vị cấp trên hoạt động trở lại trước."}}
	}
	return nil
}

// CheckRetirement normalises u's retirement (the day at midnight in
// tiendo.Zone, the note in NFC) and refuses a day after today (as of now)
// or one too early to be meant, and a note too long. The unit form and
// the bulk import both apply it.
func CheckRetirement(u *tiendo.Unit, now time.Time) error {
	u.RetiredNote = nfc(u.RetiredNote)
	if !u.Retired() {
		u.RetiredNote = ""
		return nil
	}
	d := u.RetiredOn.In(tiendo.Zone)
	u.RetiredOn = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, tiendo.Zone)
	today := now.In(tiendo.Zone)
	e := &tiendo.Error{Code: tiendo.EINVALID, Fields: map[string]string{}}
	switch {
	case u.RetiredOn.After(today):
		// A day to come would make the unit active today and retired
		// tomorrow with nobody acting: mark it on the day instead.
		e.Fields["retired_on"] = fmt.Sprintf("Ngày ngừng hoạt động %s chưa đến (hôm nay là %s). Hãy đánh dấu vào đúng ngày đó hoặc sau đó.",
			u.RetiredOn.Format("02/01/2006"), today.Format("02/01/2006"))
	case u.RetiredOn.Year() < 1945:
		e.Fields["retired_on"] = fmt.Sprintf("Năm %d không đúng; hãy ghi ngày/tháng/năm như 01/07/2025.", u.RetiredOn.Year())
	}
	if utf8.RuneCountInString(u.RetiredNote) > 500 {
		e.Fields["retired_note"] = "Ghi chú dài quá 500 ký tự; hãy viết ngắn lại."
	}
	if len(e.Fields) > 0 {
		e.Message = "Thông tin ngừng hoạt động chưa hợp lệ, vui lòng sửa các ô được đánh dấu."
		return e
	}
	return nil
}

// activeBelow are the active units under unitID, at any depth, by name.
func (s *Store) activeBelow(ctx context.Context, tx *sql.Tx, unitID int64) ([]*tiendo.Unit, error) {
	ids, err := s.subunits(ctx, tx, unitID)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	units, err := s.allUnits(ctx, tx)
	if err != nil {
		return nil, err
	}
	var out []*tiendo.Unit
	for _, u := range units {
		if slices.Contains(ids, u.ID) && !u.Retired() {
			out = append(out, u)
		}
	}
	sortVietnamese(out, func(u *tiendo.Unit) string { return u.Name })
	return out, nil
}

// UnitsNamed lists units for a message: "“A” (mã a), “B” (mã b)" and how
// many more past the first few.
func UnitsNamed(units []*tiendo.Unit) string {
	const shown = 5
	var names []string
	for _, u := range units[:min(len(units), shown)] {
		names = append(names, fmt.Sprintf("“%s” (mã %s)", u.Name, u.Code))
	}
	out := strings.Join(names, ", ")
	if len(units) > shown {
		out += fmt.Sprintf(" và %d đơn vị khác", len(units)-shown)
	}
	return out
}

// RetireUnit marks unit id "Ngừng hoạt động" from the day on, with a note
// (or changes the day and note of a unit retired already). Everything that
// names the unit stays; it is only no longer offered for new rounds, nor
// matched in new directives, nor reminded of rounds published from that
// day (see Outstanding). A unit with active units under it is refused: they
// must be moved or retired first.
func (s *Store) RetireUnit(ctx context.Context, actor Actor, id int64, on time.Time, note string) error {
	if on.IsZero() {
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa có ngày ngừng hoạt động.",
			Fields: map[string]string{"retired_on": "Hãy nhập ngày đơn vị ngừng hoạt động, ví dụ 01/07/2025."}}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockTree(ctx, tx); err != nil {
			return err
		}
		before, err := scanUnit(tx.QueryRowContext(ctx, s.q(`SELECT `+unitColumns+` FROM units WHERE id = ?`), id))
		if err != nil {
			return notFound(err, "Không tìm thấy đơn vị.")
		}
		after := *before
		after.RetiredOn, after.RetiredNote = on, note
		if err := CheckRetirement(&after, s.now()); err != nil {
			return err
		}
		below, err := s.activeBelow(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(below) > 0 {
			return &tiendo.Error{Code: tiendo.ECONFLICT,
				Message: fmt.Sprintf("Chưa thể cho đơn vị “%s” ngừng hoạt động: còn %d đơn vị trực thuộc đang hoạt động: %s. Hãy chuyển các đơn vị đó sang đơn vị cấp trên khác hoặc cho ngừng hoạt động trước.",
					before.Name, len(below), UnitsNamed(below)),
				Fields: map[string]string{"retired_on": "Còn đơn vị trực thuộc đang hoạt động."}}
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE units SET retired_at = ?, retired_note = ? WHERE id = ?`),
			after.RetiredOn.UTC(), after.RetiredNote, id); err != nil {
			return fmt.Errorf("store: retire unit: %w", err)
		}
		return s.audit(ctx, tx, actor, "retire", "unit", id, before, &after)
	})
}

// ReactivateUnit makes a retired unit active again. Its parent must be
// active: reactivate or change that first.
func (s *Store) ReactivateUnit(ctx context.Context, actor Actor, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockTree(ctx, tx); err != nil {
			return err
		}
		before, err := scanUnit(tx.QueryRowContext(ctx, s.q(`SELECT `+unitColumns+` FROM units WHERE id = ?`), id))
		if err != nil {
			return notFound(err, "Không tìm thấy đơn vị.")
		}
		if !before.Retired() {
			return nil
		}
		after := *before
		after.RetiredOn, after.RetiredNote = time.Time{}, ""
		if err := s.checkParentActive(ctx, tx, &after); err != nil {
			var e *tiendo.Error
			if errors.As(err, &e) {
				e.Message = "Chưa thể cho đơn vị “" + before.Name + "” hoạt động trở lại: " + lowerFirst(e.Message) +
					" Hãy cho đơn vị cấp trên hoạt động trở lại, hoặc chọn đơn vị cấp trên khác rồi lưu, trước."
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE units SET retired_at = NULL, retired_note = '' WHERE id = ?`), id); err != nil {
			return fmt.Errorf("store: reactivate unit: %w", err)
		}
		return s.audit(ctx, tx, actor, "reactivate", "unit", id, before, &after)
	})
}
