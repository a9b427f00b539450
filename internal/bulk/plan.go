package bulk

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// Op is what a row does to the system.
type Op string

// Ops.
const (
	OpAdd    Op = "add"    // a new unit or user
	OpUpdate Op = "update" // an existing one, with changes
	OpSame   Op = "same"   // an existing one, as it is
)

// Label is the Vietnamese name of the op.
func (o Op) Label() string {
	switch o {
	case OpAdd:
		return "Thêm mới"
	case OpUpdate:
		return "Cập nhật"
	case OpSame:
		return "Không đổi"
	}
	return string(o)
}

// Change is one field that an update changes, shown as old → new.
type Change struct {
	Column   string
	Old, New string
}

// UnitChange is what one row of the units sheet does.
type UnitChange struct {
	Row int
	Op  Op
	// Unit is the unit as it will be. Its ID is 0 for a new unit; ParentID
	// is 0 when the parent is a unit this file adds (ParentCode names it).
	Unit       tiendo.Unit
	ParentCode string // "" for a unit at the top
	Before     *tiendo.Unit
	Changes    []Change
}

// dayText writes a retirement day as the sheet does: "01/07/2025", "" for
// none.
func dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(tiendo.Zone).Format("02/01/2006")
}

// Retires reports whether the row stops a working unit (or adds a unit
// already stopped).
func (c UnitChange) Retires() bool {
	return c.Unit.Retired() && (c.Before == nil || !c.Before.Retired())
}

// Reactivates reports whether the row makes a stopped unit work again.
func (c UnitChange) Reactivates() bool {
	return !c.Unit.Retired() && c.Before != nil && c.Before.Retired()
}

// State says, for the preview, what the row does to the unit's working
// state: "Ngừng hoạt động từ 01/07/2025", "Hoạt động trở lại" or "".
func (c UnitChange) State() string {
	switch {
	case c.Retires():
		return "Ngừng hoạt động từ " + dayText(c.Unit.RetiredOn)
	case c.Reactivates():
		return "Hoạt động trở lại"
	}
	return ""
}

// UserChange is what one row of the users sheet does.
type UserChange struct {
	Row int
	Op  Op
	// User is the user as they will be. UnitID is 0 when the unit is one
	// this file adds (UnitCode names it).
	User     tiendo.User
	UnitCode string
	// Password is the initial password typed in the file, for a new user;
	// "" asks the store to make one and show it once.
	Password string
	Before   *tiendo.User
	Changes  []Change
}

// Checks are the store's own rules, so that the preview refuses exactly
// what saving would: each normalises its argument (NFC, lower-case codes)
// and returns a *tiendo.Error whose Fields are keyed by field name.
type Checks struct {
	Unit func(*tiendo.Unit) error
	// UnitNames returns the check of a unit's names and aliases against the
	// other units (the list may hold the unit itself, to be skipped): an
	// alias must not be another unit's name, or a reader of directives
	// could not tell the two apart. The list is read once for every unit
	// checked against it.
	UnitNames func(others []*tiendo.Unit) func(u *tiendo.Unit) error
	User      func(*tiendo.User) error
	Password  func(username, pw string) error
	// Retirement checks and normalises a unit's retirement day and note
	// (not after today, a note not too long).
	Retirement func(*tiendo.Unit) error
}

// Plan is what importing a file would do. Nothing is applied while Errors
// is not empty.
type Plan struct {
	UnitSheet, UserSheet string
	Units                []UnitChange // rows without errors, in file order
	Users                []UserChange
	Errors               []Problem
	Warnings             []Problem
}

// OK reports whether the plan can be applied.
func (p *Plan) OK() bool { return len(p.Errors) == 0 }

// Changes reports whether applying the plan would change anything.
func (p *Plan) Changes() bool {
	for _, c := range p.Units {
		if c.Op != OpSame {
			return true
		}
	}
	for _, c := range p.Users {
		if c.Op != OpSame {
			return true
		}
	}
	return false
}

// Fingerprint identifies what the plan would do and what it would change
// from. The preview carries it to the confirmation; the store refuses to
// apply a file whose plan no longer has the same fingerprint, because the
// units or users changed since the preview was shown. Initial passwords are
// left out: only whether one was typed counts.
func (p *Plan) Fingerprint() string {
	// An update's old values are its new values and its changes, so Before
	// need not be encoded; a user's creation time never changes.
	type unit struct {
		Row     int
		Op      Op
		Unit    tiendo.Unit
		Parent  string
		Changes []Change
	}
	type user struct {
		Row      int
		Op       Op
		User     tiendo.User
		Unit     string
		Password bool
		Changes  []Change
	}
	v := struct {
		Units  []unit
		Users  []user
		Errors []Problem
	}{Errors: p.Errors}
	for _, c := range p.Units {
		v.Units = append(v.Units, unit{c.Row, c.Op, c.Unit, c.ParentCode, c.Changes})
	}
	for _, c := range p.Users {
		u := c.User
		u.CreatedAt = time.Time{}
		v.Users = append(v.Users, user{c.Row, c.Op, u, c.UnitCode, c.Password != "", c.Changes})
	}
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(v); err != nil {
		panic(err) // plain structs of strings and numbers always encode
	}
	return hex.EncodeToString(h.Sum(nil))
}

// problems collects a plan's errors, at most one per row and column: the
// first thing wrong with a cell is the one to fix.
type problems struct {
	sheet string
	list  *[]Problem
	seen  map[[2]any]bool
}

func (ps *problems) add(row int, col, format string, args ...any) {
	key := [2]any{row, col}
	if ps.seen[key] {
		return
	}
	ps.seen[key] = true
	*ps.list = append(*ps.list, Problem{Sheet: ps.sheet, Row: row, Column: col, Message: fmt.Sprintf(format, args...)})
}

// fieldErrors adds a *tiendo.Error's field messages, each at its column.
func (ps *problems) fieldErrors(row int, err error, columns map[string]string) {
	var e *tiendo.Error
	if !errors.As(err, &e) {
		ps.add(row, "", "%s", lowerFirst(tiendo.ErrorMessage(err)))
		return
	}
	if len(e.Fields) == 0 {
		ps.add(row, "", "%s", lowerFirst(e.Message))
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		ps.add(row, columns[k], "%s", lowerFirst(e.Fields[k]))
	}
}

// lowerFirst makes a sentence follow "Dòng 7, cột …:".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

var unitFields = map[string]string{"code": ColCode, "name": ColName, "short_name": ColShortName,
	"parent_id": ColParent, "aliases": ColAliases, "email": ColEmail, "retired_on": ColRetired, "retired_note": ColRetiredNote}

// parseDay reads a retirement day as a person types it: 01/07/2025,
// 1/7/2025, 01.07.2025, 01-07-2025 or 2025-07-01.
func parseDay(s string) (time.Time, bool) {
	if t, err := time.ParseInLocation("2006-01-02", s, tiendo.Zone); err == nil {
		return t, true
	}
	d, err := vi.ParseDate(s)
	if err != nil || !d.Complete() {
		return time.Time{}, false
	}
	return d.Time(tiendo.Zone), true
}

var userFields = map[string]string{"username": ColUsername, "full_name": ColFullName, "email": ColEmail,
	"role": ColRole, "unit_id": ColUnit, "password": ColPassword}

// splitAliases reads the aliases cell: names separated by ";" or new lines.
func splitAliases(s string) []string {
	out := []string{}
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		if a = clean(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func key(s string) string { return strings.ToLower(clean(s)) }

// Compare plans f against the system's units and users. Every row is
// checked with c (the store's rules) and with the file's own: codes and
// usernames given once, parents and units that exist in the file or the
// system, no cycle of parents, valid e-mail addresses and roles, a unit for
// unit-scoped roles.
func Compare(f *File, units []*tiendo.Unit, users []*tiendo.User, c Checks) *Plan {
	// Rows of a File built in code have no number: they get the ones the
	// template would give them.
	g := *f
	g.Units, g.Users = slices.Clone(f.Units), slices.Clone(f.Users)
	for i := range g.Units {
		if g.Units[i].Row == 0 {
			g.Units[i].Row = firstDataRow + i
		}
	}
	for i := range g.Users {
		if g.Users[i].Row == 0 {
			g.Users[i].Row = firstDataRow + i
		}
	}
	f = &g
	p := &Plan{UnitSheet: f.UnitSheet, UserSheet: f.UserSheet}
	p.Warnings = append(p.Warnings, f.Warnings...)
	unitByCode := make(map[string]*tiendo.Unit, len(units))
	unitByID := make(map[int64]*tiendo.Unit, len(units))
	for _, u := range units {
		unitByCode[u.Code], unitByID[u.ID] = u, u
	}
	inFile := compareUnits(p, f, unitByCode, unitByID, c)
	compareUsers(p, f, users, inFile, unitByCode, unitByID, c)
	p.sortProblems()
	return p
}

// sortProblems puts errors and warnings in the order a person goes through
// the file: units sheet first, then row by row (a duplicate is found before
// the rows are checked).
func (p *Plan) sortProblems() {
	first := sheetName(p.UnitSheet, SheetUnits)
	byPlace := func(a, b Problem) int {
		if a.Sheet != b.Sheet {
			if a.Sheet == first {
				return -1
			} else if b.Sheet == first {
				return 1
			}
		}
		return a.Row - b.Row
	}
	slices.SortStableFunc(p.Errors, byPlace)
	slices.SortStableFunc(p.Warnings, byPlace)
}

// MarkSelf warns about the rows that change the role or unit of username,
// the person importing: applying them ends their session, and a new role
// may take away the pages they are on. It returns those rows, for the
// preview to ask for care before the confirmation.
func (p *Plan) MarkSelf(username string) []UserChange {
	var mine []UserChange
	for _, ch := range p.Users {
		if ch.Op != OpUpdate || ch.User.Username != username || ch.Before == nil {
			continue
		}
		var msg string
		switch {
		case ch.User.Role != ch.Before.Role:
			msg = fmt.Sprintf("đây là tài khoản của chính bạn: vai trò đổi từ “%s” sang “%s”. Sau khi nhập, bạn sẽ bị đăng xuất, và đăng nhập lại chỉ còn quyền của vai trò mới.",
				ch.Before.Role.Label(), ch.User.Role.Label())
		case ch.User.UnitID != ch.Before.UnitID || ch.UnitCode != "" && ch.User.UnitID == 0:
			msg = "đây là tài khoản của chính bạn: đơn vị thay đổi. Sau khi nhập, bạn sẽ bị đăng xuất và phải đăng nhập lại."
		default:
			continue
		}
		p.Warnings = append(p.Warnings, Problem{Sheet: sheetName(p.UserSheet, SheetUsers), Row: ch.Row, Column: ColRole, Message: msg})
		mine = append(mine, ch)
	}
	p.sortProblems()
	return mine
}

func sheetName(name, def string) string {
	if name == "" {
		return def
	}
	return name
}

// compareUnits plans the units sheet and returns the codes it defines.
func compareUnits(p *Plan, f *File, byCode map[string]*tiendo.Unit, byID map[int64]*tiendo.Unit, c Checks) map[string]bool {
	ps := &problems{sheet: sheetName(f.UnitSheet, SheetUnits), list: &p.Errors, seen: map[[2]any]bool{}}
	cols := f.UnitCols
	first := map[string]int{} // code -> index of its first line
	inFile := map[string]bool{}
	for i, r := range f.Units {
		code := key(r.Code)
		if code == "" {
			ps.add(r.Row, ColCode, "chưa có mã đơn vị. Mỗi dòng cần một mã để nhận ra đơn vị.")
			continue
		}
		if j, dup := first[code]; dup {
			ps.add(r.Row, ColCode, "mã “%s” đã có ở dòng %d của trang này. Mỗi đơn vị chỉ ghi một dòng.", r.Code, f.Units[j].Row)
			continue
		}
		first[code], inFile[code] = i, true
	}

	type planned struct {
		ch  UnitChange
		bad bool
	}
	var rows []*planned
	parentOf := map[string]string{} // the tree as it will be, by code
	for _, u := range byID {
		if p, ok := byID[u.ParentID]; ok {
			parentOf[u.Code] = p.Code
		}
	}
	for i, r := range f.Units {
		code := key(r.Code)
		if code == "" || first[code] != i {
			continue
		}
		r.Name, r.ShortName, r.Parent, r.Email = clean(r.Name), clean(r.ShortName), clean(r.Parent), clean(r.Email)
		nerr := len(p.Errors)
		before := byCode[code]
		u := tiendo.Unit{}
		if before != nil {
			u = *before
			u.Aliases = slices.Clone(before.Aliases)
		}
		u.Code = code
		if has(cols, ColName) {
			u.Name = r.Name
		}
		if has(cols, ColShortName) {
			u.ShortName = r.ShortName
		}
		if has(cols, ColAliases) {
			u.Aliases = splitAliases(r.Aliases)
		}
		if has(cols, ColEmail) {
			u.Email = r.Email
		}
		if c.Unit != nil {
			if err := c.Unit(&u); err != nil {
				ps.fieldErrors(r.Row, err, unitFields)
			}
		}
		if u.Email != "" && !tiendo.ValidEmail(u.Email) && (before == nil || before.Email != u.Email) { // an address kept as stored is not re-checked
			ps.add(r.Row, ColEmail, "“%s” không phải địa chỉ e-mail hợp lệ; hãy ghi dạng ten@donvi.gov.vn hoặc để trống.", u.Email)
		}
		if has(cols, ColRetired) {
			day := clean(r.Retired)
			switch t, ok := parseDay(day); {
			case day == "":
				u.RetiredOn, u.RetiredNote = time.Time{}, ""
			case !ok:
				ps.add(r.Row, ColRetired, "“%s” không phải ngày; hãy ghi ngày/tháng/năm như 01/07/2025, hoặc để trống nếu đơn vị còn hoạt động.", day)
			default:
				if !u.Retired() {
					u.RetiredNote = "" // a new retirement: no old reason
				}
				u.RetiredOn = t
			}
		}
		if has(cols, ColRetiredNote) && u.Retired() {
			u.RetiredNote = clean(r.RetiredNote)
		} else if has(cols, ColRetiredNote) && clean(r.RetiredNote) != "" {
			p.Warnings = append(p.Warnings, Problem{Sheet: ps.sheet, Row: r.Row, Column: ColRetiredNote,
				Message: "đơn vị còn hoạt động (cột “" + ColRetired + "” trống) nên ghi chú này được bỏ qua."})
		}
		if c.Retirement != nil {
			if err := c.Retirement(&u); err != nil {
				ps.fieldErrors(r.Row, err, unitFields)
			}
		}
		parent := ""
		if before != nil {
			parent = parentOf[code]
		}
		if has(cols, ColParent) {
			pc := key(r.Parent)
			switch {
			case pc == "":
				parent, u.ParentID = "", 0
			case pc == code:
				ps.add(r.Row, ColParent, "một đơn vị không thể là đơn vị cấp trên của chính nó; hãy ghi mã đơn vị cấp trên khác hoặc để trống.")
				parent = ""
			case inFile[pc] || byCode[pc] != nil:
				parent, u.ParentID = pc, 0
				if x := byCode[pc]; x != nil {
					u.ParentID = x.ID
				}
			default:
				ps.add(r.Row, ColParent, "không có đơn vị mã “%s” trong tệp hay trong hệ thống.", r.Parent)
				parent = ""
			}
		}
		parentOf[code] = parent
		rows = append(rows, &planned{ch: UnitChange{Row: r.Row, Unit: u, ParentCode: parent, Before: before}, bad: len(p.Errors) > nerr})
	}

	// A cycle: following the parents from a row comes back to it. Only the
	// file can make one, so only its rows are walked.
	if has(cols, ColParent) {
		for _, x := range rows {
			code := x.ch.Unit.Code
			path := []string{code}
			seen := map[string]bool{code: true}
			for at := parentOf[code]; at != ""; at = parentOf[at] {
				path = append(path, at)
				if at == code {
					ps.add(x.ch.Row, ColParent, "các đơn vị cấp trên tạo thành vòng lặp: %s. Hãy sửa để chuỗi đơn vị cấp trên dừng ở một đơn vị cấp cao nhất.",
						strings.Join(path, " → "))
					x.bad = true
					break
				}
				if seen[at] {
					break // a loop further up, reported on its own rows
				}
				seen[at] = true
			}
		}
	}

	// A working unit may not sit under a stopped one, as the store refuses:
	// the row that makes it so is the one to fix. A unit the file moves,
	// adds or brings back under a stopped parent is that row's mistake;
	// otherwise the row that stops the parent is.
	retired := map[string]bool{}
	for _, u := range byID {
		retired[u.Code] = u.Retired()
	}
	inRows := map[string]*planned{}
	for _, x := range rows {
		retired[x.ch.Unit.Code] = x.ch.Unit.Retired()
		inRows[x.ch.Unit.Code] = x
	}
	codes := slices.Sorted(maps.Keys(parentOf)) // the same messages each time
	for _, code := range codes {
		parent := parentOf[code]
		if retired[code] || parent == "" || !retired[parent] {
			continue
		}
		x, px := inRows[code], inRows[parent]
		changed := x != nil && (x.ch.Before == nil || x.ch.Before.Retired() ||
			byID[x.ch.Before.ParentID] == nil || byID[x.ch.Before.ParentID].Code != parent)
		var name string
		if u := byCode[code]; u != nil {
			name = u.Name
		}
		if x != nil {
			name = x.ch.Unit.Name
		}
		if changed || px == nil {
			if x != nil {
				ps.add(x.ch.Row, ColParent, "đơn vị cấp trên “%s” đã ngừng hoạt động (cột “%s”); đơn vị đang hoạt động phải nằm dưới một đơn vị đang hoạt động. Hãy ghi mã đơn vị cấp trên khác, hoặc ghi ngày ngừng hoạt động cho đơn vị này.",
					parent, ColRetired)
				x.bad = true
			}
			continue
		}
		ps.add(px.ch.Row, ColRetired, "chưa thể cho đơn vị “%s” ngừng hoạt động: đơn vị trực thuộc “%s” (mã %s) vẫn đang hoạt động. Hãy chuyển đơn vị đó sang đơn vị cấp trên khác, hoặc ghi cả ngày ngừng hoạt động cho đơn vị đó.",
			px.ch.Unit.Name, name, code)
		px.bad = true
	}

	// Names: an alias may not be another unit's name, here or in the file.
	if c.UnitNames != nil {
		all := make([]*tiendo.Unit, 0, len(byCode)+len(rows))
		planned := map[string]bool{}
		for _, x := range rows {
			planned[x.ch.Unit.Code] = true
			all = append(all, &x.ch.Unit)
		}
		for _, u := range byID {
			if !planned[u.Code] {
				all = append(all, u)
			}
		}
		slices.SortFunc(all, func(a, b *tiendo.Unit) int { return strings.Compare(a.Code, b.Code) }) // the same message each time
		check := c.UnitNames(all)
		for _, x := range rows {
			if err := check(&x.ch.Unit); err != nil {
				ps.fieldErrors(x.ch.Row, err, unitFields)
				x.bad = true
			}
		}
	}

	for _, x := range rows {
		if x.bad {
			continue
		}
		ch := x.ch
		if ch.Before == nil {
			ch.Op = OpAdd
		} else {
			b := ch.Before
			oldParent := ""
			if q, ok := byID[b.ParentID]; ok {
				oldParent = q.Code
			}
			for _, d := range []Change{
				{ColName, b.Name, ch.Unit.Name},
				{ColShortName, b.ShortName, ch.Unit.ShortName},
				{ColParent, oldParent, ch.ParentCode},
				{ColAliases, strings.Join(b.Aliases, "; "), strings.Join(ch.Unit.Aliases, "; ")},
				{ColEmail, b.Email, ch.Unit.Email},
				{ColRetired, dayText(b.RetiredOn), dayText(ch.Unit.RetiredOn)},
				{ColRetiredNote, b.RetiredNote, ch.Unit.RetiredNote},
			} {
				if d.Old != d.New {
					ch.Changes = append(ch.Changes, d)
				}
			}
			ch.Op = OpUpdate
			if len(ch.Changes) == 0 && slices.Equal(b.Aliases, ch.Unit.Aliases) {
				ch.Op = OpSame
			}
		}
		p.Units = append(p.Units, ch)
	}
	return inFile
}

func compareUsers(p *Plan, f *File, users []*tiendo.User, unitsInFile map[string]bool, unitByCode map[string]*tiendo.Unit, unitByID map[int64]*tiendo.Unit, c Checks) {
	sheet := sheetName(f.UserSheet, SheetUsers)
	ps := &problems{sheet: sheet, list: &p.Errors, seen: map[[2]any]bool{}}
	cols := f.UserCols
	byName := make(map[string]*tiendo.User, len(users))
	for _, u := range users {
		byName[u.Username] = u
	}
	first := map[string]int{} // username -> index of its first line
	for i, r := range f.Users {
		name := key(r.Username)
		if name == "" {
			ps.add(r.Row, ColUsername, "chưa có tên đăng nhập. Mỗi dòng cần một tên đăng nhập để nhận ra người dùng.")
			continue
		}
		if j, dup := first[name]; dup {
			ps.add(r.Row, ColUsername, "tên đăng nhập “%s” đã có ở dòng %d của trang này. Mỗi người dùng chỉ ghi một dòng.", r.Username, f.Users[j].Row)
			continue
		}
		first[name] = i
	}
	for i, r := range f.Users {
		name := key(r.Username)
		if name == "" || first[name] != i {
			continue
		}
		r.FullName, r.Email, r.Role, r.Unit = clean(r.FullName), clean(r.Email), clean(r.Role), clean(r.Unit)
		nerr := len(p.Errors)
		before := byName[name]
		u := tiendo.User{}
		if before != nil {
			u = *before
		}
		u.Username = name
		if has(cols, ColFullName) {
			u.FullName = r.FullName
		}
		if has(cols, ColEmail) {
			u.Email = r.Email
		}
		roleOK := true
		if has(cols, ColRole) || before == nil {
			role, ok := ParseRole(r.Role)
			switch {
			case r.Role == "":
				ps.add(r.Row, ColRole, "chưa ghi vai trò. Hãy ghi một trong: %s.", roleList())
				roleOK = false
			case !ok:
				ps.add(r.Row, ColRole, "không có vai trò “%s”. Hãy ghi một trong: %s.", r.Role, roleList())
				roleOK = false
			default:
				u.Role = role
			}
		}
		unitCode := ""
		if before != nil {
			if x, ok := unitByID[before.UnitID]; ok {
				unitCode = x.Code
			}
		}
		unitOK := true
		if has(cols, ColUnit) {
			uc := key(r.Unit)
			switch {
			case uc == "":
				unitCode = ""
			case unitsInFile[uc] || unitByCode[uc] != nil:
				unitCode = uc
			default:
				ps.add(r.Row, ColUnit, "không có đơn vị mã “%s” trong tệp hay trong hệ thống.", r.Unit)
				unitOK = false
			}
		}
		if roleOK && unitOK {
			if u.Role.UnitScoped() && unitCode == "" {
				ps.add(r.Row, ColUnit, "vai trò “%s” cần gắn với một đơn vị; hãy ghi mã đơn vị của người này.", u.Role.Label())
			} else if !u.Role.UnitScoped() && unitCode != "" {
				if has(cols, ColUnit) && r.Unit != "" {
					p.Warnings = append(p.Warnings, Problem{Sheet: sheet, Row: r.Row, Column: ColUnit,
						Message: fmt.Sprintf("vai trò “%s” không gắn với đơn vị nào nên mã đơn vị “%s” được bỏ qua.", u.Role.Label(), r.Unit)})
				}
				unitCode = ""
			}
		}
		u.UnitID = 0
		if x := unitByCode[unitCode]; x != nil {
			u.UnitID = x.ID
		}
		if c.User != nil {
			v := u
			if unitCode != "" && v.UnitID == 0 {
				v.UnitID = -1 // a unit this file adds: it has no ID yet
			}
			if !roleOK {
				// The role is reported already; check the rest with one
				// that needs no unit, so a bad username is reported too.
				v.Role, v.UnitID = tiendo.RoleReader, 0
			}
			if err := c.User(&v); err != nil {
				ps.fieldErrors(r.Row, err, userFields)
			}
			if roleOK {
				v.UnitID = u.UnitID
				u = v
			}
		}
		if u.Email != "" && !tiendo.ValidEmail(u.Email) && (before == nil || before.Email != u.Email) { // an address kept as stored is not re-checked
			ps.add(r.Row, ColEmail, "“%s” không phải địa chỉ e-mail hợp lệ; hãy ghi dạng ten@donvi.gov.vn hoặc để trống.", u.Email)
		}
		ch := UserChange{Row: r.Row, User: u, UnitCode: unitCode, Before: before}
		if has(cols, ColPassword) && r.Password != "" {
			if before == nil {
				ch.Password = r.Password
				if c.Password != nil {
					if err := c.Password(u.Username, r.Password); err != nil {
						ps.fieldErrors(r.Row, err, userFields)
					}
				}
			} else {
				p.Warnings = append(p.Warnings, Problem{Sheet: sheet, Row: r.Row, Column: ColPassword,
					Message: fmt.Sprintf("tài khoản “%s” đã có nên mật khẩu trong tệp không được dùng; muốn đổi mật khẩu, hãy vào trang sửa người dùng.", u.Username)})
			}
		}
		if len(p.Errors) > nerr {
			continue
		}
		if before == nil {
			ch.Op = OpAdd
		} else {
			oldUnit := ""
			if x, ok := unitByID[before.UnitID]; ok {
				oldUnit = x.Code
			}
			for _, d := range []Change{
				{ColFullName, before.FullName, u.FullName},
				{ColEmail, before.Email, u.Email},
				{ColRole, before.Role.Label(), u.Role.Label()},
				{ColUnit, oldUnit, unitCode},
			} {
				if d.Old != d.New {
					ch.Changes = append(ch.Changes, d)
				}
			}
			ch.Op = OpUpdate
			if len(ch.Changes) == 0 {
				ch.Op = OpSame
			}
		}
		p.Users = append(p.Users, ch)
	}
	keepAnAdmin(p, ps, users)
}

// keepAnAdmin refuses the rows that take away the last active
// administrator (a new role for them), as the store would: afterwards
// nobody could manage users. Rows with other errors count as unchanged.
func keepAnAdmin(p *Plan, ps *problems, users []*tiendo.User) {
	active := func(u *tiendo.User) bool { return u.Role == tiendo.RoleAdmin && !u.Disabled }
	planned := map[string]*UserChange{}
	for i := range p.Users {
		planned[p.Users[i].User.Username] = &p.Users[i]
	}
	var losing []*UserChange
	for _, ch := range planned {
		if ch.Op == OpAdd && active(&ch.User) {
			return
		}
		if ch.Op == OpUpdate && active(ch.Before) && !active(&ch.User) {
			losing = append(losing, ch)
		}
	}
	if len(losing) == 0 {
		return
	}
	for _, u := range users {
		if ch := planned[u.Username]; ch != nil {
			u = &ch.User
		}
		if active(u) {
			return
		}
	}
	bad := map[int]bool{}
	for _, ch := range losing {
		bad[ch.Row] = true
		ps.add(ch.Row, ColRole, "“%s” là quản trị hệ thống cuối cùng còn hoạt động: đổi sang “%s” thì không còn ai quản trị được hệ thống. "+
			"Hãy giữ vai trò “%s” ở dòng này, hoặc cấp vai trò đó cho một người dùng khác trước.", ch.User.Username, ch.User.Role.Label(), tiendo.RoleAdmin.Label())
	}
	p.Users = slices.DeleteFunc(p.Users, func(ch UserChange) bool { return bad[ch.Row] })
}
