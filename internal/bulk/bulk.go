// Package bulk loads units and users in bulk from a spreadsheet: it writes
// the template and the export (two sheets, "Đơn vị" and "Người dùng", with
// Vietnamese headers and a note under each), reads an uploaded XLSX into
// rows, and compares the rows with the units and users the system has to
// make a Plan: what will be added, what will change (old → new), what stays,
// and every error with its sheet, row and column, in Vietnamese.
//
// It is pure: no SQL, no HTTP. The store applies a plan in one transaction;
// the pages show it. Bulk import never deletes anything; a unit that no
// longer exists is marked "Ngừng hoạt động" with a day instead, and kept.
//
// Rules an office worker can rely on, which the template's guide repeats:
//   - A unit is known by its code, a user by their username. A row whose code
//     or username the system has updates that unit or user; any other row
//     adds one.
//   - A column the sheet has is the whole truth for the rows in it: an empty
//     cell empties the field (the preview shows it before anything is saved).
//     A column the sheet lacks leaves that field as it is.
//   - A new user's initial password may be typed in the file; when it is
//     empty the system makes a random one and shows it once, after the
//     import, for the office to hand over. An existing user's password is
//     never changed by an import.
package bulk

import (
	"fmt"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// Sheet names, as the template writes them. Reading matches them without
// regard to case and diacritics, and recognises a renamed sheet by its
// headers.
const (
	SheetUnits = "Đơn vị"
	SheetUsers = "Người dùng"
	SheetGuide = "Hướng dẫn"
)

// Limits on what Read accepts. A province has a few hundred communes and a
// few thousand users; these leave room and keep a hostile file bounded.
const (
	MaxFileSize = 10 << 20 // bytes of the .xlsx file
	MaxRows     = 20000    // data rows per sheet
	maxUnzipped = 100 << 20
)

// Column headers. Errors name the column by its header, as the user sees it.
const (
	ColCode      = "Mã đơn vị"
	ColName      = "Tên đơn vị"
	ColShortName = "Tên ngắn"
	ColParent    = "Mã đơn vị cấp trên"
	ColAliases   = "Tên gọi khác"
	ColEmail     = "Thư điện tử"
	// ColRetired is the day a unit stopped working (dd/mm/yyyy), empty
	// while it works; ColRetiredNote says why.
	ColRetired     = "Ngừng hoạt động"
	ColRetiredNote = "Ghi chú ngừng hoạt động"

	ColUsername = "Tên đăng nhập"
	ColFullName = "Họ và tên"
	ColRole     = "Vai trò"
	ColUnit     = "Mã đơn vị" // of the user's unit, on the users sheet
	ColPassword = "Mật khẩu ban đầu"
)

// column is one column of a sheet: its header, the note the template writes
// under it, and the other headers a hand-made file may use for it.
type column struct {
	header string
	note   string
	alt    []string // accepted as well, compared folded
	width  float64
	text   bool // formatted as text, so "001" stays "001"
}

var unitColumns = []column{
	{ColCode, "Bắt buộc. Chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới; tối đa 40 ký tự. Ví dụ: xa-tanthanh. Mã dùng để nhận ra đơn vị khi nhập lại: đừng đổi mã của đơn vị đã có.",
		[]string{"ma", "code"}, 18, true},
	{ColName, "Bắt buộc. Tên đầy đủ, ví dụ: Ủy ban nhân dân xã Tân Thành.", []string{"ten", "name"}, 40, false},
	{ColShortName, "Không bắt buộc. Tên ngắn hiện trên màn hình, ví dụ: UBND xã Tân Thành.",
		[]string{"ten viet tat", "ten tat", "short name", "short_name"}, 24, false},
	{ColParent, "Để trống nếu là đơn vị cấp cao nhất. Có thể ghi mã của một đơn vị đã có hoặc ở dòng khác trong tệp (kể cả dòng phía dưới).",
		[]string{"ma cap tren", "don vi cap tren", "parent", "parent_code"}, 20, true},
	{ColAliases, "Không bắt buộc. Các tên khác văn bản hay dùng cho đơn vị, cách nhau bằng dấu chấm phẩy (;).",
		[]string{"ten khac", "aliases"}, 36, false},
	{ColEmail, "Không bắt buộc. Địa chỉ nhận thư nhắc việc của đơn vị.", []string{"email", "e-mail", "thu dien tu"}, 28, false},
	{ColRetired, "Để trống nếu đơn vị còn hoạt động. Ghi ngày/tháng/năm (ví dụ 01/07/2025) nếu đơn vị đã giải thể hoặc sáp nhập: đơn vị được giữ lại cùng mọi báo cáo cũ nhưng không còn được giao việc mới. Xóa ngày để cho hoạt động trở lại.",
		[]string{"ngung hoat dong tu", "ngay ngung hoat dong", "retired", "retired_on"}, 18, true},
	{ColRetiredNote, "Không bắt buộc. Lý do, ví dụ: Sáp nhập vào xã Hữu Liên.", []string{"ly do ngung hoat dong", "retired_note"}, 32, false},
}

var userColumns = []column{
	{ColUsername, "Bắt buộc. 2–40 chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới. Ví dụ: tanthanh.nva. Dùng để nhận ra người dùng khi nhập lại.",
		[]string{"username", "tai khoan"}, 22, true},
	{ColFullName, "Họ và tên người dùng, ví dụ: Nguyễn Văn An.", []string{"ho ten", "full name", "full_name"}, 28, false},
	{ColEmail, "Không bắt buộc. Địa chỉ nhận thông báo.", []string{"email", "e-mail"}, 28, false},
	{ColRole, "Bắt buộc. Chọn trong danh sách: " + roleList() + ".", []string{"role"}, 20, false},
	{ColUnit, "Bắt buộc với Lãnh đạo đơn vị và Cán bộ đơn vị: mã đơn vị ở trang “Đơn vị” hoặc đã có trong hệ thống. Để trống với vai trò khác.",
		[]string{"don vi", "unit", "unit_code"}, 18, true},
	{ColPassword, "Chỉ dùng khi tạo tài khoản mới, ít nhất 10 ký tự. Để trống thì hệ thống tự tạo và hiện một lần sau khi nhập. Không đổi mật khẩu của tài khoản đã có.",
		[]string{"mat khau", "password"}, 22, true},
}

// roleList names the roles as the screens do, for notes and messages.
func roleList() string {
	names := make([]string, len(tiendo.Roles))
	for i, r := range tiendo.Roles {
		names[i] = r.Label()
	}
	return strings.Join(names, ", ")
}

// ParseRole reads a role as a person writes it: the Vietnamese label
// ("Cán bộ đơn vị", with or without diacritics) or the code the API uses
// ("reporter").
func ParseRole(s string) (tiendo.Role, bool) {
	key := fold(s)
	if key == "" {
		return "", false
	}
	for _, r := range tiendo.Roles {
		if key == fold(r.Label()) || key == string(r) || key == strings.ReplaceAll(string(r), "_", " ") {
			return r, true
		}
	}
	return "", false
}

// fold is the key headers, sheet names and roles are compared by: folded
// (no case, no diacritics, đ as d), single-spaced, without a trailing "*"
// that marks a required column.
func fold(s string) string {
	s = strings.Join(strings.Fields(vi.Fold(s)), " ")
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "(*)"), "*"))
	return s
}

// clean returns a cell's text in NFC without surrounding space; invalid
// UTF-8 becomes U+FFFD rather than being stored broken.
func clean(s string) string {
	return strings.TrimSpace(vi.NFC(strings.ToValidUTF8(s, "\uFFFD")))
}

// UnitRow is one row of the units sheet, each cell as typed (trimmed, NFC).
type UnitRow struct {
	Row                                           int // as Excel numbers it
	Code, Name, ShortName, Parent, Aliases, Email string
	Retired, RetiredNote                          string // "01/07/2025" or ""; why
}

// UserRow is one row of the users sheet, each cell as typed (trimmed, NFC).
type UserRow struct {
	Row                                             int
	Username, FullName, Email, Role, Unit, Password string
}

// File is what an uploaded spreadsheet holds.
type File struct {
	Units []UnitRow
	Users []UserRow
	// UnitSheet and UserSheet are the sheets' names as found ("" when the
	// file has no such sheet).
	UnitSheet, UserSheet string
	// UnitCols and UserCols say which columns each sheet has, by header. A
	// nil map means every column (a File built in code).
	UnitCols, UserCols map[string]bool
	// Warnings are things Read set aside, such as columns it does not know.
	Warnings []Problem
}

func has(cols map[string]bool, header string) bool { return cols == nil || cols[header] }

// Problem is an error or a warning about one place in the file.
type Problem struct {
	Sheet   string
	Row     int    // 0: the whole sheet or file
	Column  string // "": the whole row
	Message string
}

// Where says where the problem is, as a person looks for it in Excel:
// "Dòng 7, cột “Mã đơn vị cấp trên”".
func (p Problem) Where() string {
	switch {
	case p.Row > 0 && p.Column != "":
		return fmt.Sprintf("Dòng %d, cột “%s”", p.Row, p.Column)
	case p.Row > 0:
		return fmt.Sprintf("Dòng %d", p.Row)
	case p.Column != "":
		return fmt.Sprintf("Cột “%s”", p.Column)
	}
	return ""
}

// String is the problem in one sentence, with its sheet:
// "Trang “Đơn vị”, dòng 7, cột “Mã đơn vị cấp trên”: không có ...".
func (p Problem) String() string {
	var b strings.Builder
	if p.Sheet != "" {
		fmt.Fprintf(&b, "Trang “%s”", p.Sheet)
	}
	if w := p.Where(); w != "" {
		if b.Len() > 0 {
			b.WriteString(", " + strings.ToLower(w[:1]) + w[1:])
		} else {
			b.WriteString(w)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}
