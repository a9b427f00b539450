package bulk

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"tiendo"
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, or an .xlsx with a password
)

func invalid(format string, args ...any) error {
	return tiendo.Errorf(tiendo.EINVALID, format, args...)
}

// Read reads an uploaded workbook into rows. It refuses, with a message
// that says what to do, a file that is too large, not an .xlsx (an old
// .xls, a password-protected workbook, a CSV, anything else), or that has
// neither a units nor a users sheet. Rows are checked later, by Compare:
// Read only finds the sheets, the header row and the columns.
func Read(data []byte) (f *File, err error) {
	if len(data) > MaxFileSize {
		return nil, tiendo.Errorf(tiendo.ETOOLARGE, "Tệp quá lớn: tối đa %d MB. Hãy chia thành nhiều tệp nhỏ hơn.", MaxFileSize>>20)
	}
	if len(data) == 0 {
		return nil, invalid("Tệp rỗng. Hãy chọn tệp Excel (.xlsx) đã ghi đơn vị hoặc người dùng.")
	}
	if bytes.HasPrefix(data, oleMagic) {
		return nil, invalid("Tệp là bảng tính Excel đời cũ (.xls) hoặc đã đặt mật khẩu. Hãy mở tệp bằng Excel, bỏ mật khẩu nếu có, chọn “Lưu thành” với kiểu “Excel Workbook (*.xlsx)” rồi tải lên lại.")
	}
	if !bytes.HasPrefix(data, zipMagic) {
		return nil, invalid("Tệp không phải bảng tính Excel (.xlsx). Hãy dùng tệp mẫu tải từ trang này, hoặc trong Excel chọn “Lưu thành” với kiểu “Excel Workbook (*.xlsx)”.")
	}
	// excelize reads what the file's XML says; a damaged or hostile file
	// must end as a message, never as a crashed request.
	defer func() {
		if v := recover(); v != nil {
			f, err = nil, invalid("Không đọc được tệp Excel: tệp có thể bị hỏng. Hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên lại.")
		}
	}()
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return nil, invalid("Tệp chứa quá nhiều dữ liệu khi giải nén (tối đa %d MB). Hãy chia thành nhiều tệp nhỏ hơn.", maxUnzipped>>20)
		}
		return nil, invalid("Không đọc được tệp Excel: tệp có thể bị hỏng hoặc không phải .xlsx. Hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên lại.")
	}
	defer x.Close()
	f = &File{}
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		return nil, invalid("Tệp không phải bảng tính Excel (.xlsx) hoặc không có trang tính nào.")
	}
	type found struct {
		name string
		rows [][]string
	}
	var units, users *found
	var others []found
	for _, name := range sheets {
		rows, err := x.GetRows(name)
		if err != nil {
			return nil, invalid("Không đọc được trang “%s” của tệp: tệp có thể bị hỏng. Hãy mở bằng Excel, lưu lại rồi tải lên lại.", name)
		}
		switch fold(name) {
		case fold(SheetUnits):
			if units == nil {
				units = &found{name, rows}
				continue
			}
		case fold(SheetUsers):
			if users == nil {
				users = &found{name, rows}
				continue
			}
		}
		others = append(others, found{name, rows})
	}
	// A sheet renamed ("Sheet1", "DS xã") is recognised by its headers.
	for _, o := range others {
		if users == nil && headerAt(o.rows, userColumns, ColUsername) >= 0 {
			users = &found{o.name, o.rows}
		} else if units == nil && headerAt(o.rows, unitColumns, ColName) >= 0 && headerAt(o.rows, unitColumns, ColCode) >= 0 {
			units = &found{o.name, o.rows}
		}
	}
	if units == nil && users == nil {
		return nil, invalid("Tệp không có trang “%s” hay “%s”. Hãy tải tệp mẫu từ trang này, ghi đơn vị và người dùng vào đó rồi tải lên lại.", SheetUnits, SheetUsers)
	}
	if units != nil {
		f.UnitSheet = units.name
		cells, cols, err := readSheet(f, units.name, units.rows, unitColumns, ColCode)
		if err != nil {
			return nil, err
		}
		f.UnitCols = cols
		if cols[ColRetired] {
			// A day typed into Excel is a number shown through a format
			// ("7/1/25", "01-07-25"): its raw value says the day for sure.
			raw, err := x.GetRows(units.name, excelize.Options{RawCellValue: true})
			if err != nil {
				return nil, invalid("Không đọc được trang “%s” của tệp: tệp có thể bị hỏng. Hãy mở bằng Excel, lưu lại rồi tải lên lại.", units.name)
			}
			excelDays(cells, raw, units.rows, unitColumns, ColCode, ColRetired)
		}
		for _, c := range cells {
			f.Units = append(f.Units, UnitRow{Row: c.row, Code: c.get(ColCode), Name: c.get(ColName), ShortName: c.get(ColShortName),
				Parent: c.get(ColParent), Aliases: c.get(ColAliases), Email: c.get(ColEmail),
				Retired: c.get(ColRetired), RetiredNote: c.get(ColRetiredNote)})
		}
	}
	if users != nil {
		f.UserSheet = users.name
		cells, cols, err := readSheet(f, users.name, users.rows, userColumns, ColUsername)
		if err != nil {
			return nil, err
		}
		f.UserCols = cols
		for _, c := range cells {
			f.Users = append(f.Users, UserRow{Row: c.row, Username: c.get(ColUsername), FullName: c.get(ColFullName), Email: c.get(ColEmail),
				Role: c.get(ColRole), Unit: c.get(ColUnit), Password: c.get(ColPassword)})
		}
	}
	if len(f.Units) == 0 && len(f.Users) == 0 {
		return nil, invalid("Tệp chưa có dòng dữ liệu nào. Hãy ghi đơn vị vào trang “%s” và người dùng vào trang “%s”, từ dòng %d (dưới dòng ghi chú).",
			SheetUnits, SheetUsers, firstDataRow)
	}
	return f, nil
}

// headerAt returns the index of the row, among the first few, that holds
// column key's header, or -1. A title row above the headers is allowed.
func headerAt(rows [][]string, cols []column, key string) int {
	var c column
	for _, x := range cols {
		if x.header == key {
			c = x
		}
	}
	for i := 0; i < len(rows) && i < 10; i++ {
		for _, cell := range rows[i] {
			if matches(c, cell) {
				return i
			}
		}
	}
	return -1
}

func matches(c column, cell string) bool {
	k := fold(cell)
	if k == "" {
		return false
	}
	if k == fold(c.header) {
		return true
	}
	for _, a := range c.alt {
		if k == a {
			return true
		}
	}
	return false
}

// rowCells is one data row: its number and its cells by header.
type rowCells struct {
	row   int
	cells map[string]string
}

func (r rowCells) get(header string) string { return r.cells[header] }

// readSheet finds the header row (the one with key's header), maps columns
// to headers, skips the template's note row and empty rows, and returns the
// data rows.
func readSheet(f *File, sheet string, rows [][]string, cols []column, key string) ([]rowCells, map[string]bool, error) {
	h := headerAt(rows, cols, key)
	if h < 0 {
		return nil, nil, invalid("Trang “%s” không có cột “%s” ở dòng tiêu đề. Hãy dùng tệp mẫu: dòng 1 là tên các cột.", sheet, key)
	}
	index := map[int]column{} // spreadsheet column index -> column
	seen := map[string]int{}
	present := map[string]bool{}
	for i, cell := range rows[h] {
		if clean(cell) == "" {
			continue
		}
		known := false
		for _, c := range cols {
			if !matches(c, cell) {
				continue
			}
			known = true
			if j, dup := seen[c.header]; dup {
				a, _ := excelize.ColumnNumberToName(j + 1)
				b, _ := excelize.ColumnNumberToName(i + 1)
				return nil, nil, invalid("Trang “%s” có hai cột “%s” (cột %s và cột %s). Hãy xóa một cột rồi tải lên lại.", sheet, c.header, a, b)
			}
			seen[c.header], index[i], present[c.header] = i, c, true
			break
		}
		if !known {
			f.Warnings = append(f.Warnings, Problem{Sheet: sheet, Row: h + 1, Column: clean(cell),
				Message: "cột này không có trong mẫu nên được bỏ qua."})
		}
	}
	var out []rowCells
	for i := h + 1; i < len(rows); i++ {
		r := rowCells{row: i + 1, cells: map[string]string{}}
		// The template's note row, right under the headers, is known by
		// any of its notes: one note edited or cleared does not make it data.
		isNote, empty := false, true
		for j, cell := range rows[i] {
			c, ok := index[j]
			if !ok {
				continue
			}
			v := clean(cell)
			if v == "" {
				continue
			}
			empty = false
			if fold(v) == fold(c.note) {
				isNote = true
			}
			r.cells[c.header] = v
		}
		if empty || (isNote && i == h+1) {
			continue
		}
		if len(out) == MaxRows {
			return nil, nil, invalid("Trang “%s” có hơn %d dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.", sheet, MaxRows)
		}
		out = append(out, r)
	}
	return out, present, nil
}

// excelDays replaces, in column header of cells, a value Excel keeps as a
// day number (a cell formatted as a date) with that day written
// dd/mm/yyyy: the text Excel shows for it depends on the computer's
// settings, and "7/1/25" may be 7 January or 1 July. A cell kept as text
// is left as typed.
func excelDays(cells []rowCells, raw, rows [][]string, cols []column, key, header string) {
	h := headerAt(rows, cols, key)
	col := -1
	for i, cell := range rows[h] {
		for _, c := range cols {
			if c.header == header && matches(c, cell) {
				col = i
			}
		}
	}
	if col < 0 {
		return
	}
	for _, c := range cells {
		i := c.row - 1
		if i >= len(raw) || col >= len(raw[i]) || c.cells[header] == "" {
			continue
		}
		v := strings.TrimSpace(raw[i][col])
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || n < 1 || n > 200000 || v == c.cells[header] {
			continue // text, or a number shown as typed
		}
		t, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			continue
		}
		c.cells[header] = t.Format("02/01/2006")
	}
}
