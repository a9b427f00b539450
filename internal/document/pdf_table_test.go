package document

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// drawnStrings is every word a PDF draws, in drawing order. The writer
// draws a line's words of one face as one string (a word in several faces
// piece by piece), so a word cut across two lines comes back as two.
func drawnStrings(t *testing.T, b []byte) []string {
	t.Helper()
	var out []string
	for _, pg := range pdfDrawn(t, b) {
		for _, d := range pg {
			out = append(out, strings.Fields(d.text)...)
		}
	}
	return out
}

// cellLines is the baselines of the strings drawn for the words of a cell,
// found as a contiguous run of drawn words (a cell's lines are drawn one
// after another); nil when the words are not drawn whole and in order.
func cellLines(page []drawn, words []string) []float64 {
	var flat []drawn // a word a string
	for _, d := range page {
		for _, w := range strings.Fields(d.text) {
			flat = append(flat, drawn{x: d.x, y: d.y, text: w})
		}
	}
	for i := range flat {
		if i+len(words) > len(flat) {
			return nil
		}
		ok := true
		for k, w := range words {
			if flat[i+k].text != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		var ys []float64
		for _, d := range flat[i : i+len(words)] {
			if len(ys) == 0 || d.y-ys[len(ys)-1] > 0.05 {
				ys = append(ys, d.y)
			}
		}
		return ys
	}
	return nil
}

func ptr(v float64) *float64 { return &v }

// numbersReport is a report whose indicator table holds long numbers in
// its narrow columns and in its text.
func numbersReport() *Document {
	d := seedReport(true)
	rows := []Indicator{
		{Task: "Nhiệm vụ 8", Target: "Đón 3.200.000 lượt khách", Unit: "lượt khách", Plan: ptr(3200000), Actual: ptr(2950000.5), SamePeriod: ptr(2750000), Verdict: "Chưa đạt"},
		{Task: "Nhiệm vụ 6", Target: "Thu ngân sách nhà nước trên địa bàn đạt 12.345,67 tỷ đồng", Unit: "tỷ đồng", Plan: ptr(12345.67), Actual: ptr(12500), Verdict: "Vượt"},
		{Task: "Nhiệm vụ 2", Target: "Tổng vốn đầu tư toàn xã hội", Unit: "triệu đồng", Plan: ptr(1234567890), Actual: ptr(987654321.25), SamePeriod: ptr(1100000000), Verdict: "Chưa đạt"},
		{Task: "Nhiệm vụ 4", Target: "Tỷ lệ giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng tại xã Sơn Hà, xã Hồ Sơn và xã Hòa Thắng đạt từ 70% trở lên, bàn giao mặt bằng sạch cho chủ đầu tư", Unit: "%", Plan: ptr(70), Actual: ptr(65), Verdict: "Chưa đạt"},
	}
	d.Body = []Block{P("Kết quả thực hiện các chỉ tiêu như sau:"), TableOf(IndicatorTable("Kết quả thực hiện các chỉ tiêu", rows)), P("Trên đây là báo cáo.")}
	return d
}

// TestPDFTableKeepsNumbers reads the indicator table back from the PDF:
// every number is drawn whole ("3.200.000", never "3.200.0" then "00"),
// the long Vietnamese target wraps between its words, and columns fitted to
// long numbers still leave the text columns room.
func TestPDFTableKeepsNumbers(t *testing.T) {
	d := numbersReport()
	b := writePDF(t, d)
	got := drawnStrings(t, b)
	table := d.Body[1].Table
	for _, n := range []string{"3.200.000", "2.950.000,5", "2.750.000", "12.345,67", "12.500", "1.234.567.890", "987.654.321,25", "1.100.000.000"} {
		// "3.200.000" is both in the target's text and in the plan's cell.
		want := 0
		for _, row := range table.Rows {
			for _, c := range row {
				want += strings.Count(" "+c.String()+" ", " "+n+" ")
			}
		}
		if c := strings.Count("\n"+strings.Join(got, "\n")+"\n", "\n"+n+"\n"); c < want {
			var parts []string
			for _, s := range got {
				if len(s) > 1 && strings.Contains(n, s) && strings.ContainsAny(s, "0123456789") {
					parts = append(parts, s)
				}
			}
			t.Errorf("%q is drawn whole %d times, want %d; pieces of it drawn: %q", n, c, want, parts)
		}
	}

	// Every line of a text cell is whole words of it, in order, and the long
	// target takes several lines.
	pages := pdfDrawn(t, b)
	for _, row := range table.Rows {
		for _, c := range row {
			words := strings.Fields(c.String())
			if len(words) == 0 {
				continue
			}
			var ys []float64
			for _, pg := range pages {
				if ys = cellLines(pg, words); ys != nil {
					break
				}
			}
			if ys == nil {
				t.Errorf("cell %q: its words are not drawn whole and in order", c.String())
				continue
			}
			if strings.HasPrefix(c.String(), "Tỷ lệ giải phóng") && len(ys) < 3 {
				t.Errorf("cell %q: %d lines, want it wrapped over at least 3", c.String(), len(ys))
			}
		}
	}

	// pdftotext, as a reader sees the page, finds the numbers whole too.
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian package poppler-utils); the drawn strings above cover the numbers without it")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, n := range []string{"3.200.000", "1.234.567.890", "987.654.321,25", "12.345,67"} {
		if !strings.Contains(string(out), n) {
			t.Errorf("pdftotext output lacks %q whole", n)
		}
	}
}

// TestPDFTableNumbersCrowded gives a table more long numbers than its width
// can take at 12 pt: the cells' type shrinks and no number is cut; a word
// of text that fits nowhere is the only thing cut.
func TestPDFTableNumbersCrowded(t *testing.T) {
	const n = "1.234.567.890"
	var header []string
	var row []Cell
	for range 8 {
		header = append(header, "Số liệu")
		row = append(row, Number(1234567890))
	}
	long := strings.Repeat("Ngườiđàntôngkhôngcódấucách", 4)
	row[0] = Text(long)
	d := &Document{Kind: Report, Issuer: "UBND huyện Hữu Lũng", Body: []Block{TableOf(Table{Header: header, Rows: [][]Cell{row}})}}
	got := drawnStrings(t, writePDF(t, d))
	if c := strings.Count(strings.Join(got, "\n")+"\n", n+"\n"); c != 7 {
		t.Errorf("%q drawn whole %d times, want 7", n, c)
	}
	if slices.Contains(got, long) {
		t.Errorf("the %d-character word was drawn on one line of a narrow column", len([]rune(long)))
	}
	if !strings.Contains(squash(strings.Join(got, "")), long) {
		t.Errorf("the long word is not drawn in full")
	}
}

// TestColumnWidths checks the fitting: a column gets its longest number's
// width, the others keep their words' width, the total is the table's.
func TestColumnWidths(t *testing.T) {
	d := numbersReport()
	tbl := *prepare(d).Body[1].Table
	ws := columnWidths(tbl, textWidthMM)
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	if sum < textWidthMM-0.01 || sum > textWidthMM+0.01 {
		t.Errorf("widths add up to %.2f mm, want %.2f", sum, textWidthMM)
	}
	for i := range ws {
		widest, word := 0.0, ""
		for r, row := range append([][]Cell{nil}, tbl.Rows...) {
			f, s := regular, ""
			if r == 0 {
				f, s = bold, tbl.Header[i]
			} else {
				s = row[i].String()
			}
			for _, w := range strings.Fields(s) {
				if wd := textWidthPt(w, f, sizeTable) / ptPerMM; wd > widest {
					widest, word = wd, w
				}
			}
		}
		if inner := ws[i] - 2*cellPadX; inner < widest {
			t.Errorf("column %d (%s) is %.1f mm inside, narrower than %q (%.1f mm)", i, tbl.Header[i], inner, word, widest)
		}
		// A column fitted to a word keeps it at the table's size, in the
		// PDF and in the DOCX's widths rounded to twips.
		f := regular
		if word == tbl.Header[i] || strings.Contains(tbl.Header[i], word) {
			f = bold
		}
		for _, w := range []float64{ws[i], twipsToMM(twipsOf(ws, mmToTwips(textWidthMM))[i])} {
			if got := cellSize(word, f, w-2*cellPadX); got != sizeTable {
				t.Errorf("column %d (%s), %.2f mm: %q set at %v pt, want %d", i, tbl.Header[i], w, word, got, sizeTable)
			}
		}
	}
	// A table whose words fit keeps its relative widths.
	plain := Table{Header: []string{"a", "b"}, Widths: []float64{1, 3}, Rows: [][]Cell{{Text("x"), Number(12)}}}
	if ws := columnWidths(plain, 100); ws[0] != 25 || ws[1] != 75 {
		t.Errorf("columnWidths of a table that fits = %v, want [25 75]", ws)
	}
}

func TestIsNumeric(t *testing.T) {
	for w, want := range map[string]bool{
		"3.200.000": true, "12.345,67": true, "70%": true, "-1,5": true, "07/6/2022": true, "(2)": true,
		"08/2019/NQ-HĐND": false, "tỷ": false, "%": false, "": false, "3,2ha": false,
	} {
		if got := isNumeric(w); got != want {
			t.Errorf("isNumeric(%q) = %v, want %v", w, got, want)
		}
	}
}
