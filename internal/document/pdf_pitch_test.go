package document

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The PDF's lines are as far apart as Word's and LibreOffice's lines of the
// font: a single line is the hhea ascent, descent and line gap,
// 2355/2048 of the size, rounded to twentieths of a point (a 14 pt line
// is 16.1 pt, a 12 pt one 13.8 pt), the body's 1.15 times that (18.5 pt),
// as LibreOffice sets the DOCX. Read back from the PDF's baselines: the
// body's lines, the recipients' (single, 14 pt), a table's (single, 12 pt).
func TestLinePitchIsWordProcessors(t *testing.T) {
	long := strings.Repeat("Đơn vị đã quán triệt và triển khai nhiệm vụ đến từng thôn, tổ dân phố; công tác tuyên truyền được duy trì thường xuyên. ", 12)
	d := seedLetter()
	d.Recipients = []string{"Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Công an huyện"}
	d.Body = []Block{P(long), {Kind: TableBlock, Table: &Table{Header: []string{"TT", "Nội dung"},
		Rows: [][]Cell{{Text(""), Text(strings.Repeat("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95% trở lên ", 6))}}}}, P("Trên đây là báo cáo.")}
	lines := linesOf(pdfDrawn(t, writePDF(t, d))[0])
	pitch := func(from string, n int) float64 {
		t.Helper()
		for i, l := range lines {
			if strings.Contains(squash(l.text), squash(from)) && i+n < len(lines) {
				return (lines[i+n].y - lines[i].y) / float64(n) * ptPerMM
			}
		}
		t.Fatalf("no line with %q on page 1", from)
		return 0
	}
	for _, c := range []struct {
		what, from string
		n          int
		want       float64
	}{
		{"the body's lines (14 pt, 1.15)", "Đơn vị đã quán triệt", 5, 18.5},
		{"the recipients' lines (14 pt, single)", "Kính gửi", 2, 16.1},
		{"a table cell's lines (12 pt, single)", "Tỷ lệ hồ sơ", 2, 13.8},
	} {
		if got := pitch(c.from, c.n); math.Abs(got-c.want) > 0.01 {
			t.Errorf("%s are %.3f pt apart, want %.1f pt as in Word and LibreOffice", c.what, got, c.want)
		}
	}
}

// A page of the body holds the lines a word processor's page holds: from
// the top margin, 39 lines of 18.5 pt, the last one needing only its single
// 16.1 pt above the bottom margin (the 1.15 spacing's extra may fall in
// it), 38 × 18.5 + 16.1 = 719.1 of the page's 728.5 pt.
func TestFullPageHoldsWordProcessorsLines(t *testing.T) {
	d := seedLetter()
	d.Body = []Block{P(strings.Repeat("Đơn vị đã quán triệt và triển khai nhiệm vụ đến từng thôn, tổ dân phố; công tác tuyên truyền được duy trì thường xuyên. ", 120))}
	pages := pdfDrawn(t, writePDF(t, d))
	if len(pages) < 3 {
		t.Fatalf("the paragraph fills %d pages, want 3 or more", len(pages))
	}
	body := 0
	for _, l := range linesOf(pages[1]) {
		if l.y > marginTopMM { // not the page number
			body++
		}
	}
	if body != 39 {
		t.Errorf("page 2 holds %d lines of the body, want 39 as LibreOffice's page of the DOCX", body)
	}
}

// Where LibreOffice is installed, its PDF of the DOCX starts every page at
// the line the PDF does, for the sample report, its draft, the letter and a
// report twice as long.
func TestPageStartsAsLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("converts with LibreOffice")
	}
	for _, tool := range []string{"soffice", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install libreoffice-writer poppler-utils): the page breaks are not compared", tool)
		}
	}
	dir := t.TempDir()
	// A longer report: the body twice over, so that a table stands
	// between paragraphs and headings, and the pages break across rows.
	long := seedReport(true)
	long.Body = append(slices.Clone(long.Body), long.Body...)
	docs := map[string]*Document{"report": seedReport(true), "draft": seedReport(false), "letter": seedLetter(), "long": long}
	var names []string
	for name, d := range docs {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), writePDF(t, d), 0o644); err != nil {
			t.Fatal(err)
		}
		docx := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(docx, docxBytes(t, d), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, docx)
	}
	lo := filepath.Join(dir, "lo")
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", lo}, names...)
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for name := range docs {
		ours, theirs := pageStarts(t, filepath.Join(dir, name+".pdf")), pageStarts(t, filepath.Join(lo, name+".pdf"))
		if len(ours) != len(theirs) {
			t.Errorf("%s: the PDF has %d pages, LibreOffice's of the DOCX %d", name, len(ours), len(theirs))
		}
		for i := 1; i < min(len(ours), len(theirs)); i++ {
			if ours[i] != theirs[i] {
				t.Errorf("%s: page %d starts %q in the PDF, %q in LibreOffice's", name, i+1, ours[i], theirs[i])
			}
		}
	}
}

// pageStarts is the first line of text of each page of a PDF, page numbers
// left out, as pdftotext reads it.
func pageStarts(t *testing.T, path string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	var starts []string
	for _, page := range strings.Split(string(out), "\f") {
		first := ""
		for _, l := range strings.Split(page, "\n") {
			l = strings.Join(strings.Fields(l), " ")
			if l == "" || strings.Trim(l, "0123456789") == "" {
				continue
			}
			first = l
			break
		}
		if first != "" {
			starts = append(starts, first)
		}
	}
	return starts
}

func docxBytes(t *testing.T, d *Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d); err != nil {
		t.Fatalf("WriteDOCX: %v", err)
	}
	return buf.Bytes()
}

// The line metrics come from the embedded font, and they are Times New
// Roman's, whose place Liberation Serif takes: the values the writers
// would fall back to were it unreadable.
func TestVerticalMetricsAreTheFonts(t *testing.T) {
	if _, err := faces(); err != nil {
		t.Fatalf("the embedded fonts do not parse: %v", err)
	}
	want := [3]float64{timesVertical[0] / timesVertical[3], timesVertical[1] / timesVertical[3], timesVertical[2] / timesVertical[3]}
	if got := [3]float64{ascent, descent, lineGap}; got != want {
		t.Errorf("the font's ascent, descent and line gap are %v of the size, want Times New Roman's %v", got, want)
	}
	if math.Abs(singleLine-2355.0/2048) > 1e-12 {
		t.Errorf("a single line is %v of the size, want 2355/2048", singleLine)
	}
}
