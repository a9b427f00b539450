package document

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheetName is the indicator table's worksheet.
const sheetName = "Chỉ tiêu"

// WriteXLSX writes t as a spreadsheet: the title in a merged first row, the
// header row styled and frozen, one row per table row with numbers stored as
// numbers (so the office can sum and chart them), column widths from the
// table's relative widths. It prints across an A4 page turned sideways, at
// full size: in portrait the eight columns either print shrunk to 12 pt
// type's four fifths or wrap every target to three lines.
func WriteXLSX(w io.Writer, t Table) error {
	return WriteWorkbookXLSX(w, Workbook{Name: sheetName, Table: t, Across: landscapeAcross(len(t.Widths)), Landscape: true})
}

// The printable width of an A4 page inside Excel's default margins (0.7
// inch a side), in points, upright and turned sideways.
const (
	portraitPt  = 595.3 - 2*0.7*72
	landscapePt = 841.9 - 2*0.7*72
)

// acrossFor is the width in characters that ncol columns may share to
// print at full size across pt points: Excel counts characters of 7
// pixels and adds 5 pixels a column (colWidthPt), less one character for
// the rounding of each column's width to whole pixels.
func acrossFor(pt float64, ncol int) float64 {
	return math.Floor((pt/0.75-5*float64(max(ncol, 1)))/7) - 1
}

// landscapeAcross is acrossFor an A4 page turned sideways.
func landscapeAcross(ncol int) float64 { return acrossFor(landscapePt, ncol) }

// Workbook is a one-sheet workbook for WriteWorkbookXLSX: a table under
// its title, with lines of text between them that say what the table is
// of (the round, its directive, its deadline, when the figures were taken).
type Workbook struct {
	Name  string // the worksheet's name: at most 31 characters, none of []:*?/\
	Lines []string
	Table Table
	// Across is the table's width in characters, which the columns share
	// by Table.Widths; 0 is as wide as an A4 page in portrait. A table
	// read on screen, one column per task, is as wide as its columns.
	Across float64
	// Landscape prints the sheet across an A4 page turned sideways.
	Landscape bool
	// At is when the figures were taken, the file's creation time in its
	// properties; zero is the moment it is written.
	At time.Time
	// Notes are lines under the table, after a blank row: what its short
	// column names stand for ("NV 4: Giải phóng mặt bằng …"), so that a
	// printout reads on its own.
	Notes []string
}

// WriteWorkbookXLSX writes s as a one-sheet spreadsheet, styled as
// WriteXLSX styles the indicator table: the title in a merged first row, then each
// of s.Lines in a merged row of its own and a blank row, then the header
// row, styled and frozen with everything above it, and the rows.
func WriteWorkbookXLSX(w io.Writer, s Workbook) error {
	t := cleanTable(s.Table)
	lines := make([]string, len(s.Lines))
	for i, l := range s.Lines {
		lines[i] = cleanLine(l)
	}
	if s.Name == "" {
		s.Name = sheetName
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", s.Name); err != nil {
		return fmt.Errorf("document: đặt tên trang tính: %w", err)
	}
	if err := fillSheet(f, s, t, lines); err != nil {
		return fmt.Errorf("document: ghi bảng %q: %w", s.Name, err)
	}
	// The file's properties are the table's, not those of excelize's
	// template (its author's name and a date in 2006).
	at := s.At
	if at.IsZero() {
		at = time.Now()
	}
	stamp := at.UTC().Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{Title: t.Title, Creator: "tiendo", LastModifiedBy: "tiendo",
		Language: "vi-VN", Created: stamp, Modified: stamp}); err != nil {
		return fmt.Errorf("document: ghi thuộc tính tệp XLSX: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("document: ghi tệp XLSX: %w", err)
	}
	return nil
}

// fillSheet writes t, cleaned, and lines onto the sheet s names.
func fillSheet(f *excelize.File, s Workbook, t Table, lines []string) error {
	sheetName := s.Name
	ncol := len(t.Widths)
	across := s.Across
	if across <= 0 {
		across = acrossFor(portraitPt, ncol)
	}
	font := func(b bool, size float64) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: size, Bold: b}
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	titleStyle, err := f.NewStyle(&excelize.Style{Font: font(true, 14),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: font(true, 12), Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{Font: font(false, 12), Border: border,
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	attachedStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontName, Size: 12, Italic: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	// Whole numbers with a thousands separator; decimals to one or two
	// places. The Vietnamese locale tag [$-42A] makes a reader that honours
	// it (LibreOffice) show "1.234,5" whatever the computer's language;
	// Excel shows its system's separators, which in Vietnam are the same.
	numFmt := `[$-42A]#,##0;-#,##0;0`
	numStyle, err := f.NewStyle(&excelize.Style{Font: font(false, 12), Border: border,
		CustomNumFmt: &numFmt, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}
	decFmt := `[$-42A]#,##0.0#`
	decStyle, err := f.NewStyle(&excelize.Style{Font: font(false, 12), Border: border,
		CustomNumFmt: &decFmt, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}

	widths := sheetColumnWidths(t.Widths, across)
	// merged writes text in row across the table's width, in style, the
	// row at least height high and as high as its lines, wrapped in face
	// fc at size pt, need (Excel does not fit a merged cell's height to
	// its text): the title, the line naming the report, the lines above
	// the table and the notes under it.
	merged := func(row int, text string, style int, height float64, fc face, size float64) error {
		last := max(ncol, 1)
		a, _ := excelize.CoordinatesToCellName(1, row)
		b, _ := excelize.CoordinatesToCellName(last, row)
		if err := f.SetCellStr(sheetName, a, text); err != nil {
			return err
		}
		if last > 1 {
			if err := f.MergeCell(sheetName, a, b); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheetName, a, b, style); err != nil {
			return err
		}
		return f.SetRowHeight(sheetName, row, max(height, mergedHeight(text, widths, fc, size)))
	}

	row := 1
	if t.Title != "" {
		if err := merged(row, t.Title, titleStyle, 36, bold, 14); err != nil {
			return err
		}
		row++
	}
	if t.Attached != "" {
		if err := merged(row, t.Attached, attachedStyle, 20, italic, 12); err != nil {
			return err
		}
		row++
	}
	if len(lines) > 0 {
		lineStyle, err := f.NewStyle(&excelize.Style{Font: font(false, 12),
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
		if err != nil {
			return err
		}
		for _, l := range lines {
			if err := merged(row, l, lineStyle, 0, regular, 12); err != nil {
				return err
			}
			row++
		}
		row++ // a blank row before the table
	}
	if ncol == 0 {
		return nil
	}

	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheetName, col, col, w); err != nil {
			return err
		}
	}

	headerRow := 0
	if len(t.Header) > 0 {
		for i, h := range t.Header {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := f.SetCellStr(sheetName, cell, h); err != nil {
				return err
			}
		}
		a, _ := excelize.CoordinatesToCellName(1, row)
		b, _ := excelize.CoordinatesToCellName(ncol, row)
		if err := f.SetCellStyle(sheetName, a, b, headStyle); err != nil {
			return err
		}
		if err := fitRow(f, sheetName, row, t.Header, widths, bold); err != nil {
			return err
		}
		headerRow = row
		row++
	}
	for _, r := range t.Rows {
		texts := make([]string, len(r))
		for i, c := range r {
			if !c.IsNumber {
				texts[i] = c.Text
			}
		}
		if err := fitRow(f, sheetName, row, texts, widths, regular); err != nil {
			return err
		}
		for i, c := range r {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			style := textStyle
			switch {
			case c.IsNumber && !math.IsNaN(c.Value) && !math.IsInf(c.Value, 0):
				if err := f.SetCellFloat(sheetName, cell, c.Value, -1, 64); err != nil {
					return err
				}
				style = numStyle
				if c.Value != math.Trunc(c.Value) {
					style = decStyle
				}
			case c.Text != "":
				if err := f.SetCellStr(sheetName, cell, c.Text); err != nil {
					return err
				}
			}
			if err := f.SetCellStyle(sheetName, cell, cell, style); err != nil {
				return err
			}
		}
		row++
	}
	if len(s.Notes) > 0 {
		noteStyle, err := f.NewStyle(&excelize.Style{Font: font(false, 11),
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
		if err != nil {
			return err
		}
		row++ // a blank row after the table
		for _, n := range s.Notes {
			if err := merged(row, cleanLine(n), noteStyle, 0, regular, 11); err != nil {
				return err
			}
			row++
		}
	}
	// The sheet's dimension names every cell written (excelize leaves
	// "A1", and readers that trust it see one cell), and the sheet prints
	// one page wide with the header row on every page.
	if last, _ := excelize.CoordinatesToCellName(ncol, max(row-1, 1)); last != "A1" {
		if err := f.SetSheetDimension(sheetName, "A1:"+last); err != nil {
			return err
		}
	}
	// A row is one line of 12 pt type high (Excel's default, 15 pt, is
	// for 11 pt Calibri and clips the descenders of "g" and "ạ").
	fit, one, tall, lineHeight := true, 1, 0, 12*xlsxLineFactor
	if err := f.SetSheetProps(sheetName, &excelize.SheetPropsOptions{FitToPage: &fit, DefaultRowHeight: &lineHeight}); err != nil {
		return err
	}
	// The table sits in the middle of the page, and each page says which
	// of how many it is: a printed table of a province's targets runs to
	// several pages, which get shuffled.
	centre := true
	if err := f.SetPageMargins(sheetName, &excelize.PageLayoutMarginsOptions{Horizontally: &centre}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheetName, &excelize.HeaderFooterOptions{
		OddFooter: `&C&"Times New Roman,Regular"&11Trang &P/&N`}); err != nil {
		return err
	}
	a4, orientation := 9, "portrait"
	if s.Landscape {
		orientation = "landscape"
	}
	if err := f.SetPageLayout(sheetName, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	if headerRow > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheetName,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheetName, headerRow, headerRow)}); err != nil {
			return err
		}
		top, _ := excelize.CoordinatesToCellName(1, headerRow+1)
		if err := f.SetPanes(sheetName, &excelize.Panes{
			Freeze: true, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
		}); err != nil {
			return err
		}
	}
	return nil
}

// fitRow makes row as high as the tallest of texts needs, wrapped in its
// column of widths in face fc at 12 pt, when that is more than one line:
// neither Excel nor LibreOffice is sure to fit a row to wrapped text on
// opening a file, and a row one line high cuts a long target to its first
// line and prints the rest over the next row.
func fitRow(f *excelize.File, sheet string, row int, texts []string, widths []float64, fc face) error {
	one := mergedHeight("x", widths[:1], fc, 12)
	h := one
	for i, text := range texts {
		if i < len(widths) && text != "" {
			h = max(h, mergedHeight(text, widths[i:i+1], fc, 12))
		}
	}
	if h <= one {
		return nil
	}
	return f.SetRowHeight(sheet, row, min(h, excelize.MaxRowHeight))
}

// defaultColWidth is the width in characters of a column the sheet does not
// size: Excel's default.
const defaultColWidth = 8.43

// sheetColumnWidths are the columns' widths in characters: across shared by
// rel, at least 4 each; one column of Excel's default width when the table
// has none.
func sheetColumnWidths(rel []float64, across float64) []float64 {
	sum := 0.0
	for _, w := range rel {
		sum += w
	}
	if len(rel) == 0 {
		return []float64{defaultColWidth}
	}
	out := make([]float64, len(rel))
	for i, w := range rel {
		out[i] = math.Max(4, w/sum*across)
	}
	return out
}

// colWidthPt is the width in points of a column w characters wide: Excel
// counts characters of its default font's digit, 7 pixels at 96 dpi, and
// adds 5 pixels of padding.
func colWidthPt(w float64) float64 { return (math.Trunc(w*7+0.5) + 5) * 0.75 }

// xlsxLineFactor is the height of a line of Times New Roman in Excel as a
// multiple of its size (15.75 pt for 12 pt).
const xlsxLineFactor = 1.3125

// mergedHeight is the height in points a row needs to show text, wrapped,
// in a cell merged across columns of widths characters, in face f at size
// pt: its lines, measured word by word with the font's widths, each
// xlsxLineFactor of the size high, and a little room above and below.
func mergedHeight(text string, widths []float64, f face, size float64) float64 {
	inner := -6 * 0.75 // the cell's inner margins, 3 pixels a side
	for _, w := range widths {
		inner += colWidthPt(w)
	}
	n := 0
	space := textWidthPt(" ", f, size)
	for _, para := range strings.Split(text, "\n") {
		n++
		used := 0.0
		for _, w := range strings.Fields(para) {
			ww := textWidthPt(w, f, size)
			switch {
			case used == 0:
				used = ww
			case used+space+ww <= inner:
				used += space + ww
			default:
				n++
				used = ww
			}
			// A word wider than the cell wraps between its characters.
			for used > inner && inner > 0 {
				n++
				used -= inner
			}
		}
	}
	return math.Ceil(float64(n)*size*xlsxLineFactor + 3)
}
