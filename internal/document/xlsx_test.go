package document

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo"
)

// readXLSX writes t and opens the result with excelize.
func readXLSX(t *testing.T, tbl Table) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, tbl); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("excelize cannot open the XLSX: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

func TestXLSXIndicatorTable(t *testing.T) {
	tbl := IndicatorTable("Kết quả thực hiện các chỉ tiêu 06 tháng đầu năm 2022", []Indicator{
		{Task: "Nhiệm vụ 4", Target: "Tỷ lệ GPMB dự án Khu đô thị mới Hữu Lũng", Unit: "%", Plan: f(70), Actual: f(65), SamePeriod: f(40), Verdict: "Chưa đạt"},
		{Task: "Nhiệm vụ 6", Target: "Thu nội địa tăng so với dự toán", Unit: "%", Plan: f(10), Actual: f(12.5), Verdict: "Vượt"},
		{Task: "Nhiệm vụ 12", Target: "Xếp hạng DDCI", Unit: "hạng", Plan: f(3), Verdict: "Chưa có số liệu"},
	})
	x, raw := readXLSX(t, tbl)
	sheets := x.GetSheetList()
	if len(sheets) != 1 || sheets[0] != sheetName {
		t.Fatalf("sheets = %q, want [%q]", sheets, sheetName)
	}
	rows, err := x.GetRows(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Kết quả thực hiện các chỉ tiêu 06 tháng đầu năm 2022"},
		{"TT", "Nhiệm vụ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Cùng kỳ", "Đánh giá"},
		{"1", "Nhiệm vụ 4", "Tỷ lệ GPMB dự án Khu đô thị mới Hữu Lũng", "%", "70", "65", "40", "Chưa đạt"},
		{"2", "Nhiệm vụ 6", "Thu nội địa tăng so với dự toán", "%", "10", "12.5", "", "Vượt"},
		{"3", "Nhiệm vụ 12", "Xếp hạng DDCI", "hạng", "3", "", "", "Chưa có số liệu"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %q", len(rows), len(want), rows)
	}
	for i := range want {
		got := strings.Join(rows[i], "|")
		// GetRows applies number formats; compare raw values for numbers.
		raw, _ := x.GetRows(sheetName, excelize.Options{RawCellValue: true})
		got = strings.Join(raw[i], "|")
		if w := strings.Join(want[i], "|"); strings.TrimRight(got, "|") != strings.TrimRight(w, "|") {
			t.Errorf("row %d = %q, want %q", i+1, got, w)
		}
	}

	// Numbers are numbers: no shared-string or inline-string type on them.
	sheet := zipPart(t, raw, "xl/worksheets/sheet1.xml")
	for _, cell := range []string{"A3", "E3", "F3", "G3", "F4", "E5"} {
		i := strings.Index(sheet, `<c r="`+cell+`"`)
		if i < 0 {
			t.Errorf("cell %s missing", cell)
			continue
		}
		c := sheet[i : i+strings.Index(sheet[i:], ">")]
		if strings.Contains(c, ` t="`) && !strings.Contains(c, ` t="n"`) {
			t.Errorf("cell %s is not numeric: %s", cell, c)
		}
		if typ, _ := x.GetCellType(sheetName, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("cell %s type = %v, want a number", cell, typ)
		}
	}
	if v, _ := x.GetCellValue(sheetName, "F4", excelize.Options{RawCellValue: true}); v != "12.5" {
		t.Errorf("F4 = %q, want 12.5", v)
	}
	if typ, _ := x.GetCellType(sheetName, "H3"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("the verdict cell type = %v, want text", typ)
	}

	// The header is frozen, bold, and the columns have widths.
	panes, err := x.GetPanes(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes = %+v, want rows 1-2 frozen", panes)
	}
	style, _ := x.GetCellStyle(sheetName, "B2")
	st, err := x.GetStyle(style)
	if err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("the header is not bold: %+v %v", st, err)
	}
	for col, min := range map[string]float64{"A": 4, "C": 25, "H": 9} {
		if w, _ := x.GetColWidth(sheetName, col); w < min {
			t.Errorf("column %s width = %.1f, want at least %g", col, w, min)
		}
	}
}

func zipPart(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			s, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(s)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// A table sent as a file of its own names its report under the title, the
// sheet's dimension covers every cell written (a reader trusting "A1" saw
// one cell), and it prints one page wide with the header on every page.
func TestXLSXAttachedLineAndPrinting(t *testing.T) {
	tbl := IndicatorTable("BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", []Indicator{
		{Task: "Nhiệm vụ 4", Target: "Tỷ lệ GPMB", Unit: "%", Plan: f(70), Actual: f(65), Verdict: "Chưa đạt"},
		{Task: "Nhiệm vụ 6", Target: "Thu nội địa", Unit: "%", Plan: f(10), Actual: f(12.5), Verdict: "Vượt"},
	})
	tbl.Attached = "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 6 năm 2022 của Ủy ban nhân dân huyện Hữu Lũng)"
	x, raw := readXLSX(t, tbl)
	rows, err := x.GetRows(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[1][0] != tbl.Attached || rows[2][1] != "Nhiệm vụ" || rows[3][1] != "Nhiệm vụ 4" {
		t.Fatalf("rows = %q; want title, the attached line, header, two rows", rows)
	}
	if cells, _ := x.GetMergeCells(sheetName); len(cells) != 2 || cells[1].GetStartAxis() != "A2" || cells[1].GetEndAxis() != "H2" {
		t.Errorf("merged cells = %v; want the title and the attached line across the table", cells)
	}
	st, err := x.GetCellStyle(sheetName, "A2")
	if s, _ := x.GetStyle(st); err != nil || s == nil || s.Font == nil || !s.Font.Italic {
		t.Errorf("the attached line is not italic: %+v", s)
	}
	if panes, _ := x.GetPanes(sheetName); !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("panes = %+v; want the rows down to the header frozen", panes)
	}
	if dim, _ := x.GetSheetDimension(sheetName); dim != "A1:H5" {
		t.Errorf("sheet dimension = %q, want A1:H5", dim)
	}
	sheet := zipPart(t, raw, "xl/worksheets/sheet1.xml")
	if !strings.Contains(sheet, `fitToPage="true"`) || !strings.Contains(sheet, `fitToWidth="1"`) || !strings.Contains(sheet, `fitToHeight="0"`) {
		t.Errorf("the sheet does not print one page wide: %s", sheet[:min(len(sheet), 600)])
	}
	props, err := x.GetDocProps()
	if err != nil || props.Creator != "tiendo" || props.LastModifiedBy != "tiendo" || props.Title != tbl.Title || !strings.HasPrefix(props.Created, time.Now().UTC().Format("2006")) {
		t.Errorf("file properties = %+v (%v); want tiendo's, the table's title, created this year", props, err)
	}
	names := x.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" || names[0].RefersTo != "'Chỉ tiêu'!$3:$3" {
		t.Errorf("defined names = %+v; want the header row as print titles", names)
	}
}

// The attached line names the report as its header does: number and day
// blank on a draft, the issuer only when it is not all capitals.
func TestAttachedTo(t *testing.T) {
	issued := &Document{Kind: Report, Number: "5", Symbol: "BC-UBND", Issuer: "Ủy ban nhân dân\nhuyện Hữu Lũng",
		Date: time.Date(2022, 6, 5, 9, 0, 0, 0, tiendo.Zone)}
	draft := &Document{Kind: Report, Symbol: "BC-UBND", Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG",
		Drafted: time.Date(2022, 6, 3, 9, 0, 0, 0, tiendo.Zone)}
	letter := &Document{Kind: Letter, Number: "412", Symbol: "UBND-VP", Date: time.Date(2022, 1, 10, 9, 0, 0, 0, tiendo.Zone)}
	for _, tc := range []struct {
		d    *Document
		want string
	}{
		{issued, "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 6 năm 2022 của Ủy ban nhân dân huyện Hữu Lũng)"},
		{draft, "(Kèm theo Báo cáo số       /BC-UBND ngày      tháng 6 năm 2022)"},
		{letter, "(Kèm theo Công văn số 412/UBND-VP ngày 10 tháng 01 năm 2022)"},
	} {
		if got := AttachedTo(tc.d); got != tc.want {
			t.Errorf("AttachedTo = %q\n want %q", got, tc.want)
		}
	}
}

// Excel does not fit a merged cell's height to its wrapped text: the
// writer sets each merged row (the title, the lines above the table, the
// notes under it, as the tracking matrix has them) as high as its text
// needs across the merged width, so a long task is not cut to one line.
func TestXLSXMergedRowHeights(t *testing.T) {
	long := "NV 4: " + longText(420)
	tbl := Table{Title: "BẢNG THEO DÕI TÌNH HÌNH GỬI BÁO CÁO", Header: []string{"TT", "Đơn vị", "NV 1", "NV 2", "NV 3", "NV 4"},
		Widths: []float64{3, 20, 8, 8, 8, 8}, Rows: [][]Cell{{Text("1"), Text("Phòng Nội vụ"), Text("Đã gửi"), Text(""), Text(""), Text("")}}}
	s := Workbook{Name: "Theo dõi", Lines: []string{"Văn bản: " + longText(250)}, Notes: []string{"Các nhiệm vụ:", long, "NV 5: Giải phóng mặt bằng"},
		Across: 60, Table: tbl}
	var buf bytes.Buffer
	if err := WriteWorkbookXLSX(&buf, s); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	// The merged width in points as Excel lays it out (7-pixel characters,
	// 5 pixels of padding a column), less the cell's own margins.
	width := -4.5
	for i := range tbl.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		w, err := x.GetColWidth(s.Name, col)
		if err != nil {
			t.Fatal(err)
		}
		width += (w*7 + 5) * 0.75
	}
	rows, err := x.GetRows(s.Name)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, r := range rows {
		if len(r) == 0 || r[0] == "" {
			continue
		}
		text := r[0]
		merged := text == tbl.Title || text == s.Lines[0] || slices.Contains(s.Notes, text)
		if !merged {
			continue
		}
		checked++
		size := 12.0
		switch {
		case text == tbl.Title:
			size = 14
		case slices.Contains(s.Notes, text):
			size = 11
		}
		// At least as many lines as the text's width fills, two more at
		// most for the words that do not fit at the end of a line.
		least := math.Ceil(textWidthPt(text, regular, size) / width)
		h, err := x.GetRowHeight(s.Name, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if lo, hi := least*size*1.2, (least+2)*size*1.45+4; h < lo || h > hi {
			t.Errorf("row %d (%.40q…, %d characters, %.0f lines or more at %g pt in %.0f pt) is %.1f pt high, want %.1f-%.1f", i+1, text, len([]rune(text)), least, size, width, h, lo, hi)
		}
	}
	if checked != 5 {
		t.Errorf("%d merged rows found, want the title, the line and three notes", checked)
	}
	if h, _ := x.GetRowHeight(s.Name, len(rows)); h > 20 {
		t.Errorf("the one-line note is %.1f pt high, want one line", h)
	}
}

// The indicator table prints as a clerk would print it: across an A4 page
// turned sideways at full size (the columns fit inside the margins, so
// "fit to width" does not shrink the type), centred, each page numbered;
// a row whose target wraps is as high as its lines, so that the second
// line is not cut off or printed over the next row; numbers carry the
// Vietnamese locale, so that LibreOffice shows "1.234,5" too.
func TestXLSXPrintsAsAClerkReadsIt(t *testing.T) {
	long := "Tổng thu ngân sách nhà nước trên địa bàn (bao gồm thu tiền sử dụng đất, thu từ doanh nghiệp có vốn đầu tư nước ngoài và thu khác ngân sách)"
	tbl := IndicatorTable("BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", []Indicator{
		{Task: "Nhiệm vụ 1", Target: "Số xã đạt chuẩn nông thôn mới", Unit: "xã", Plan: f(2), Actual: f(0), Verdict: "Chưa đạt"},
		{Task: "Nhiệm vụ 6", Target: long, Unit: "triệu đồng", Plan: f(1234567.5), Actual: f(987654), Verdict: "Chưa đạt"},
	})
	x, raw := readXLSX(t, tbl)

	layout, err := x.GetPageLayout(sheetName)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
		t.Errorf("page layout %v %v (%v); want A4 (9) landscape", deref(layout.Size), deref(layout.Orientation), err)
	}
	const printable = 841.9 - 2*0.7*72 // A4 sideways inside Excel's default margins
	total := 0.0
	for i := range tbl.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		w, _ := x.GetColWidth(sheetName, col)
		total += colWidthPt(w)
	}
	if total > printable || total < printable*0.9 {
		t.Errorf("the columns are %.0f pt wide; want them to fill the %.0f pt between the margins, not more", total, printable)
	}
	sheet := zipPart(t, raw, "xl/worksheets/sheet1.xml")
	if !strings.Contains(sheet, `horizontalCentered="true"`) {
		t.Error("the table is not centred on the page")
	}
	hf, err := x.GetHeaderFooter(sheetName)
	if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "Trang &P/&N") {
		t.Errorf("footer %+v (%v); want “Trang &P/&N”", hf, err)
	}
	props, _ := x.GetSheetProps(sheetName)
	if props.DefaultRowHeight == nil || *props.DefaultRowHeight < 15.75 {
		t.Errorf("default row height %v; want a line of 12 pt type, 15.75 pt", deref(props.DefaultRowHeight))
	}

	// Row 2 is the header, 3 a one-line row, 4 the long target.
	w, _ := x.GetColWidth(sheetName, "C")
	lines := math.Ceil(textWidthPt(long, regular, 12) / (colWidthPt(w) - 4.5))
	if h, _ := x.GetRowHeight(sheetName, 4); h < lines*15.75 {
		t.Errorf("the row of a target of %.0f lines is %.1f pt high; want at least %.1f", lines, h, lines*15.75)
	}
	if h, _ := x.GetRowHeight(sheetName, 3); h > 20 {
		t.Errorf("a one-line row is %.1f pt high", h)
	}

	for _, cell := range []string{"E3", "E4"} {
		id, _ := x.GetCellStyle(sheetName, cell)
		st, err := x.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || !strings.HasPrefix(*st.CustomNumFmt, "[$-42A]") {
			t.Errorf("%s number format %q (%v); want the Vietnamese locale [$-42A]", cell, deref(st.CustomNumFmt), err)
		}
	}
	if v, _ := x.GetCellValue(sheetName, "E4", excelize.Options{RawCellValue: true}); v != "1234567.5" {
		t.Errorf("E4 = %q, want the number 1234567.5", v)
	}
}

// deref is *p, or p's zero value when p is nil, for messages.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
