package bulk

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tiendo"
)

// headerRow and noteRow are where the headers and their notes go; data
// starts on firstDataRow. Errors count rows the way Excel shows them.
const (
	headerRow    = 1
	noteRow      = 2
	firstDataRow = 3
)

// Write writes f as a workbook: the "Đơn vị" and "Người dùng" sheets with
// their headers, a note under each header, and f's rows; then a guide.
// Write(w, &File{}) is the empty template; Write(w, Export(...)) the export.
func Write(w io.Writer, f *File) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetUnits); err != nil {
		return fmt.Errorf("bulk: sheet: %w", err)
	}
	units := make([][]string, len(f.Units))
	for i, u := range f.Units {
		units[i] = []string{u.Code, u.Name, u.ShortName, u.Parent, u.Aliases, u.Email, u.Retired, u.RetiredNote}
	}
	users := make([][]string, len(f.Users))
	for i, u := range f.Users {
		users[i] = []string{u.Username, u.FullName, u.Email, u.Role, u.Unit, u.Password}
	}
	st, err := newStyles(x)
	if err != nil {
		return fmt.Errorf("bulk: styles: %w", err)
	}
	if err := writeSheet(x, st, SheetUnits, unitColumns, units); err != nil {
		return fmt.Errorf("bulk: %s: %w", SheetUnits, err)
	}
	if _, err := x.NewSheet(SheetUsers); err != nil {
		return fmt.Errorf("bulk: sheet: %w", err)
	}
	if err := writeSheet(x, st, SheetUsers, userColumns, users); err != nil {
		return fmt.Errorf("bulk: %s: %w", SheetUsers, err)
	}
	// A drop-down of the roles' labels: the commonest typing mistake is a
	// role name, and Excel can prevent it.
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("D%d:D%d", firstDataRow, firstDataRow+MaxRows)
	labels := make([]string, len(tiendo.Roles))
	for i, r := range tiendo.Roles {
		labels[i] = r.Label()
	}
	if err := dv.SetDropList(labels); err != nil {
		return fmt.Errorf("bulk: roles: %w", err)
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, "Vai trò", "Hãy chọn một vai trò trong danh sách: "+roleList()+".")
	if err := x.AddDataValidation(SheetUsers, dv); err != nil {
		return fmt.Errorf("bulk: roles: %w", err)
	}
	if err := writeGuide(x, st); err != nil {
		return fmt.Errorf("bulk: %s: %w", SheetGuide, err)
	}
	x.SetActiveSheet(0)
	if _, err := x.WriteTo(w); err != nil {
		return fmt.Errorf("bulk: write: %w", err)
	}
	return nil
}

type styles struct{ head, note, text, plain, title int }

func newStyles(x *excelize.File) (styles, error) {
	var st styles
	var err error
	font := func(bold, italic bool, size float64, color string) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic, Color: color}
	}
	if st.head, err = x.NewStyle(&excelize.Style{Font: font(true, false, 12, ""),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}); err != nil {
		return st, err
	}
	if st.note, err = x.NewStyle(&excelize.Style{Font: font(false, true, 10, "595959"),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return st, err
	}
	if st.text, err = x.NewStyle(&excelize.Style{Font: font(false, false, 12, ""), NumFmt: 49}); err != nil { // 49: "@", text
		return st, err
	}
	if st.plain, err = x.NewStyle(&excelize.Style{Font: font(false, false, 12, "")}); err != nil {
		return st, err
	}
	if st.title, err = x.NewStyle(&excelize.Style{Font: font(true, false, 14, "")}); err != nil {
		return st, err
	}
	return st, nil
}

func writeSheet(x *excelize.File, st styles, sheet string, cols []column, rows [][]string) error {
	for i, c := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetColWidth(sheet, name, name, c.width); err != nil {
			return err
		}
		// Text columns stay text as typed: a code "001" must not become 1.
		style := st.plain
		if c.text {
			style = st.text
		}
		if err := x.SetColStyle(sheet, name, style); err != nil {
			return err
		}
		head, _ := excelize.CoordinatesToCellName(i+1, headerRow)
		note, _ := excelize.CoordinatesToCellName(i+1, noteRow)
		if err := x.SetCellStr(sheet, head, c.header); err != nil {
			return err
		}
		if err := x.SetCellStr(sheet, note, c.note); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := x.SetCellStyle(sheet, "A1", last+"1", st.head); err != nil {
		return err
	}
	if err := x.SetCellStyle(sheet, "A2", last+"2", st.note); err != nil {
		return err
	}
	// The notes wrap inside their columns; the row is as high as the
	// longest needs, so that none is cut off in the middle of a sentence.
	lines := 1
	for _, c := range cols {
		lines = max(lines, wrappedLines(c.note, c.width, noteSize))
	}
	if err := x.SetRowHeight(sheet, noteRow, linesHeight(lines, noteSize)); err != nil {
		return err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, firstDataRow+i)
		vals := make([]any, len(row))
		for j, v := range row {
			vals[j] = v
		}
		if err := x.SetSheetRow(sheet, cell, &vals); err != nil {
			return err
		}
	}
	// The sheet's dimension names every cell written: excelize leaves
	// "A1", and readers that trust it see the first header alone.
	end, _ := excelize.CoordinatesToCellName(len(cols), max(noteRow, firstDataRow+len(rows)-1))
	if err := x.SetSheetDimension(sheet, "A1:"+end); err != nil {
		return err
	}
	// The headers and notes stay in view while scrolling.
	if err := x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: noteRow, TopLeftCell: fmt.Sprintf("A%d", firstDataRow), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// Printed (an export is also the list of accounts to hand out), the
	// sheet goes across one A4 page turned sideways, the header row on
	// every page; not three pages wide with the names on one page and
	// the e-mail addresses on another.
	if err := printSetup(x, sheet, "landscape"); err != nil {
		return err
	}
	return x.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headerRow, headerRow)})
}

// printSetup prints sheet on A4 paper in orientation, one page wide and as
// many pages long as it takes, and makes a row one line of 12 pt type
// high (Excel's default, 15 pt, is for 11 pt Calibri).
func printSetup(x *excelize.File, sheet, orientation string) error {
	fit, one, tall, a4, line := true, 1, 0, 9, lineHeight(textSize)
	if err := x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit, DefaultRowHeight: &line}); err != nil {
		return err
	}
	return x.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &tall})
}

// The type sizes of the cells: notes under the headers, everything else.
const (
	noteSize = 10.0
	textSize = 12.0
)

// lineHeight is the height in points of a line of Times New Roman at size
// points in Excel.
func lineHeight(size float64) float64 { return size * 1.3125 }

// linesHeight is the height of a row showing n lines at size points, with
// a little room above and below.
func linesHeight(n int, size float64) float64 {
	return min(math.Ceil(float64(n)*lineHeight(size)+4), excelize.MaxRowHeight)
}

// wrappedLines estimates how many lines text takes, wrapped at word breaks
// in a column width characters wide, at size points. Excel counts width
// in digits of 7 pixels and adds 5 pixels; Times New Roman's Vietnamese
// text averages 0.42 of its size a character, and 0.45 leaves room for
// the wider words, so that the estimate errs towards a row too high.
func wrappedLines(text string, width, size float64) int {
	inner := (math.Trunc(width*7+0.5)+5)*0.75 - 6*0.75
	per := 0.45 * size
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n++
		used := 0.0
		for _, w := range strings.Fields(para) {
			ww := float64(utf8.RuneCountInString(w)) * per
			switch {
			case used == 0:
				used = ww
			case used+per+ww <= inner:
				used += per + ww
			default:
				n++
				used = ww
			}
			for used > inner && inner > 0 { // a word wider than the column
				n++
				used -= inner
			}
		}
	}
	return n
}

// guide is the "Hướng dẫn" sheet, one paragraph per row.
var guide = []string{
	"Hướng dẫn nhập đơn vị và người dùng",
	"",
	"1. Ghi đơn vị ở trang “Đơn vị” và người dùng ở trang “Người dùng”, mỗi dòng một đơn vị hoặc một người, từ dòng 3 (dòng 1 là tên cột, dòng 2 là ghi chú; giữ nguyên hai dòng này).",
	"2. Đơn vị được nhận ra bằng mã, người dùng bằng tên đăng nhập. Dòng có mã hoặc tên đăng nhập đã có trong hệ thống sẽ cập nhật đơn vị hoặc người đó; dòng khác sẽ thêm mới.",
	"3. Ô để trống nghĩa là để trống thông tin đó (ví dụ xóa thư điện tử). Muốn giữ nguyên một thông tin cho mọi dòng, có thể xóa hẳn cột đó khỏi trang.",
	"4. Mã đơn vị cấp trên có thể là mã của một đơn vị ở dòng phía dưới trong cùng tệp, ví dụ tỉnh ghi sau các xã.",
	"5. Vai trò: " + roleList() + ". Lãnh đạo đơn vị và Cán bộ đơn vị phải ghi mã đơn vị.",
	"6. Mật khẩu ban đầu chỉ dùng cho tài khoản mới. Để trống thì hệ thống tự tạo mật khẩu và hiện một lần sau khi nhập: hãy in hoặc ghi lại ngay để giao cho từng người. Người dùng nên đổi mật khẩu ở trang “Tài khoản” sau lần đăng nhập đầu.",
	"7. Nhập từ tệp không bao giờ xóa đơn vị hay người dùng. Đơn vị đã giải thể hoặc sáp nhập: ghi ngày ở cột “" + ColRetired + "” (ví dụ 01/07/2025) và lý do ở cột “" + ColRetiredNote + "”; đơn vị được giữ lại cùng mọi báo cáo cũ nhưng không còn được giao việc mới. Đơn vị còn đơn vị trực thuộc đang hoạt động thì chưa ngừng hoạt động được. Xóa ngày để cho đơn vị hoạt động trở lại. Muốn khóa một tài khoản, hãy vào trang sửa người dùng.",
	"8. Sau khi tải tệp lên, hệ thống hiện trước mọi thay đổi và mọi lỗi (theo trang, dòng, cột). Chưa có gì được lưu cho đến khi bạn bấm xác nhận; nếu tệp còn lỗi thì không dòng nào được lưu.",
}

func writeGuide(x *excelize.File, st styles) error {
	if _, err := x.NewSheet(SheetGuide); err != nil {
		return err
	}
	// One column as wide as an A4 page in portrait prints at full size;
	// each paragraph wraps in it, its row as high as its lines.
	if err := x.SetColWidth(SheetGuide, "A", "A", guideWidth); err != nil {
		return err
	}
	if err := printSetup(x, SheetGuide, "portrait"); err != nil {
		return err
	}
	wrap, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, line := range guide {
		cell := fmt.Sprintf("A%d", i+1)
		if err := x.SetCellStr(SheetGuide, cell, line); err != nil {
			return err
		}
		style := wrap
		if i == 0 {
			style = st.title
		}
		if err := x.SetCellStyle(SheetGuide, cell, cell, style); err != nil {
			return err
		}
		if n := wrappedLines(line, guideWidth, textSize); i > 0 && n > 1 {
			if err := x.SetRowHeight(SheetGuide, i+1, linesHeight(n, textSize)); err != nil {
				return err
			}
		}
	}
	return x.SetSheetDimension(SheetGuide, fmt.Sprintf("A1:A%d", len(guide)))
}

// guideWidth is the guide's column width in characters: the printable
// width of an A4 page in portrait inside Excel's default margins (0.7 inch
// a side), 494 points, less a character for rounding.
const guideWidth = 92

// Export turns the system's units and users into a File that Write writes
// and, read back unchanged, plans no change. Units come as a tree (each
// parent before its children, siblings in the order given); users in the
// order given. Passwords are never exported.
func Export(units []*tiendo.Unit, users []*tiendo.User) *File {
	f := &File{UnitSheet: SheetUnits, UserSheet: SheetUsers}
	byID := make(map[int64]*tiendo.Unit, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	children := map[int64][]*tiendo.Unit{}
	var roots []*tiendo.Unit
	for _, u := range units {
		if _, ok := byID[u.ParentID]; ok && u.ParentID != u.ID {
			children[u.ParentID] = append(children[u.ParentID], u)
		} else {
			roots = append(roots, u)
		}
	}
	seen := map[int64]bool{}
	var walk func(u *tiendo.Unit)
	walk = func(u *tiendo.Unit) {
		if seen[u.ID] {
			return
		}
		seen[u.ID] = true
		row := UnitRow{Row: firstDataRow + len(f.Units), Code: u.Code, Name: u.Name, ShortName: u.ShortName,
			Aliases: strings.Join(u.Aliases, "; "), Email: u.Email, Retired: dayText(u.RetiredOn), RetiredNote: u.RetiredNote}
		if p, ok := byID[u.ParentID]; ok {
			row.Parent = p.Code
		}
		f.Units = append(f.Units, row)
		for _, c := range children[u.ID] {
			walk(c)
		}
	}
	for _, u := range roots {
		walk(u)
	}
	for _, u := range units { // units in a cycle, which the store never makes
		walk(u)
	}
	for _, u := range users {
		row := UserRow{Row: firstDataRow + len(f.Users), Username: u.Username, FullName: u.FullName, Email: u.Email, Role: u.Role.Label()}
		if p, ok := byID[u.UnitID]; ok {
			row.Unit = p.Code
		}
		f.Users = append(f.Users, row)
	}
	return f
}
