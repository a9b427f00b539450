package document

import (
	"bytes"
	"compress/zlib"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"
)

func writePDF(t testing.TB, d *Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, d); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	return buf.Bytes()
}

var pageObj = regexp.MustCompile(`/Type /Page\b[^s]`)

// pdfPages counts the page objects of a PDF that fpdf wrote.
func pdfPages(b []byte) int { return len(pageObj.FindAll(b, -1)) }

// pdfText extracts the strings drawn with Tj or TJ from every content stream,
// page by page as fpdf writes them (one stream a page), without any tool:
// fpdf writes UTF-8 fonts' text as UTF-16BE, so the Vietnamese comes back
// exactly when the drawing was right.
func pdfText(t *testing.T, b []byte) []string {
	t.Helper()
	var pages []string
	for _, content := range textStreams(b) {
		pages = append(pages, strings.Join(tjStrings(content), " "))
	}
	return pages
}

// textStreams are the PDF's content streams that draw text (one a page, as
// fpdf writes them), inflated; fonts and other streams are left out.
func textStreams(b []byte) [][]byte {
	var out [][]byte
	rest := b
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			return out
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			return out
		}
		raw := rest[:j]
		rest = rest[j+len("\nendstream"):]
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			continue // not a Flate stream
		}
		content, err := io.ReadAll(zr)
		if err != nil || !bytes.Contains(content, []byte(") Tj")) && !bytes.Contains(content, []byte("] TJ")) {
			continue // a font or another stream
		}
		out = append(out, content)
	}
}

// tjStrings reads the text after each Td: a literal string shown with Tj,
// or the strings of an array shown with TJ joined (the numbers between them
// only move the next string), undoing the PDF escapes and decoding UTF-16BE.
func tjStrings(c []byte) []string {
	var out []string
	for {
		i := bytes.Index(c, []byte(" Td "))
		if i < 0 || i+len(" Td ") >= len(c) {
			return out
		}
		c = c[i+len(" Td "):]
		var raw []byte
		switch c[0] {
		case '(':
			var n int
			raw, n = pdfString(c[1:])
			c = c[1+n:]
		case '[':
			k := 1
			for k < len(c) && c[k] != ']' {
				if c[k] == '(' {
					s, n := pdfString(c[k+1:])
					raw = append(raw, s...)
					k += 1 + n
				}
				k++
			}
			c = c[k:]
		default:
			continue
		}
		u := make([]uint16, 0, len(raw)/2)
		for m := 0; m+1 < len(raw); m += 2 {
			u = append(u, uint16(raw[m])<<8|uint16(raw[m+1]))
		}
		out = append(out, string(utf16.Decode(u)))
	}
}

// pdfString reads a literal string's bytes up to its closing parenthesis,
// undoing the escapes, and says where that parenthesis is in c.
func pdfString(c []byte) ([]byte, int) {
	var raw []byte
	k := 0
	for ; k < len(c); k++ {
		ch := c[k]
		if ch == '\\' && k+1 < len(c) {
			k++
			switch c[k] {
			case 'n':
				raw = append(raw, '\n')
			case 'r':
				raw = append(raw, '\r')
			case 't':
				raw = append(raw, '\t')
			case 'b':
				raw = append(raw, '\b')
			case 'f':
				raw = append(raw, '\f')
			default:
				raw = append(raw, c[k])
			}
			continue
		}
		if ch == ')' {
			break
		}
		raw = append(raw, ch)
	}
	return raw, k
}

// squash removes spaces, since a line may be drawn in several strings.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

func TestPDFText(t *testing.T) {
	d := seedReport(true)
	b := writePDF(t, d)
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("output starts with %q, want %%PDF-", b[:min(8, len(b))])
	}
	pages := pdfText(t, b)
	if len(pages) != pdfPages(b) {
		t.Fatalf("%d content streams, %d pages", len(pages), pdfPages(b))
	}
	all := squash(strings.Join(pages, " "))
	want := []string{
		"ỦY BAN NHÂN DÂN", "HUYỆN HỮU LŨNG", "Số: 01/BC-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc", "Hữu Lũng, ngày 05 tháng 6 năm 2022", "BÁO CÁO", d.Subject,
		"Nơi nhận:", "- Lưu: VT, VP.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An",
		"huyện Hữu Lũng./.", "Nhiệm vụ 12 (Phòng Tài chính - Kế hoạch)",
	}
	for _, b := range d.Body {
		if b.Kind == Heading1 || b.Kind == Heading2 {
			want = append(want, b.Spans[0].Text)
		}
	}
	for _, w := range want {
		if !strings.Contains(all, squash(w)) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
	// Page numbers: none on page 1, "2" first on page 2.
	if strings.HasPrefix(pages[0], "1 ") {
		t.Errorf("page 1 starts with a page number: %.40q", pages[0])
	}
	for i := 1; i < len(pages); i++ {
		if want := string(rune('1'+i)) + " "; i < 9 && !strings.HasPrefix(pages[i], want) {
			t.Errorf("page %d starts with %.20q, want its number", i+1, pages[i])
		}
	}
}

func TestPDFPageCount(t *testing.T) {
	short := &Document{Issuer: "UBND xã Tân Thành", Symbol: "BC-UBND", Body: []Block{P("Một đoạn ngắn.")}}
	if got := pdfPages(writePDF(t, short)); got != 1 {
		t.Errorf("a one-paragraph document has %d pages, want 1", got)
	}
	// 40 tasks x 3 paragraphs of 1 KB in 14 pt is about 18 KB of prose per
	// ... well over 40 pages: each 1 KB paragraph is ~11 lines, a page holds
	// ~36 lines, so 120 paragraphs plus 120 table rows need 40-60 pages.
	got := pdfPages(writePDF(t, largeReport(60, 40, 3)))
	if got < 40 || got > 60 {
		t.Errorf("the large report has %d pages, want 40-60", got)
	}
}

// TestPDFPoppler checks the same text with pdftotext, which reads the
// ToUnicode maps as any reader does.
func TestPDFPoppler(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian package poppler-utils); TestPDFText covers the text without it")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(path, writePDF(t, seedReport(true)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	for _, w := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hữu Lũng, ngày 05 tháng 6 năm 2022", "Tỷ lệ GPMB dự án Khu", "Nguyễn Văn An", "Nơi nhận:"} {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext output lacks %q", w)
		}
	}
}

// TestWritersAcceptAnything feeds odd input to every writer: none may fail
// or panic, and the output must still open.
func TestWritersAcceptAnything(t *testing.T) {
	huge := strings.Repeat("Ngườiđàntôngkhôngcódấucách", 4000) // one 100 KB word
	nan := math.NaN()
	tests := []struct {
		name string
		doc  *Document
	}{
		{"nil", nil},
		{"empty", &Document{}},
		{"letter without recipients", &Document{Kind: Letter}},
		{"odd characters", &Document{
			Issuer:  "UBND\x00 huyện \x1b[31m<&>\"'",
			Subject: "Tie\u0302\u0301n đo\u0323\u0302 \xff\xfe invalid \uFFFF",
			Body: []Block{
				P("Ký tự điều khiển \x01\x02\x0b và <w:t> & ]]>"),
				Rich(Span{Text: "", Bold: true}, Span{Text: "   "}),
				{Kind: BlockKind(99), Spans: []Span{{Text: "kind unknown"}}},
				{Kind: TableBlock}, // no table
			},
			Recipients:   []string{"", "-", "  ;"},
			Distribution: []string{"", ";", "."},
			Signer:       Signer{Authority: []string{"", "  "}},
		}},
		{"huge text", &Document{Subject: huge, Issuer: huge, Body: []Block{P(huge), H1(huge), P(strings.Repeat("chữ ", 50000))}}},
		{"ragged tables", &Document{Body: []Block{
			TableOf(Table{}),
			TableOf(Table{Header: []string{"a"}, Rows: [][]Cell{{Text("1"), Number(2), Number(nan), Number(math.Inf(1))}, {}}}),
			TableOf(Table{Widths: []float64{-1, 0, nan}, Rows: [][]Cell{{Text(huge), Text("x"), Number(1)}}}),
			TableOf(Table{Header: []string{"x", "y"}, Rows: [][]Cell{{Text(strings.Repeat("dòng dài ", 3000)), Text("y")}}}),
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docxParts(t, tt.doc) // checks the zip and every XML part
			b := writePDF(t, tt.doc)
			if !bytes.HasPrefix(b, []byte("%PDF-")) || pdfPages(b) < 1 {
				t.Errorf("PDF: bad output (%d bytes, %d pages)", len(b), pdfPages(b))
			}
			if tt.doc != nil {
				for _, blk := range tt.doc.Body {
					if blk.Table != nil {
						readXLSX(t, *blk.Table)
					}
				}
			}
		})
	}
}

// TestPDFCharactersBeyondBMP writes a document whose text holds characters
// beyond the Basic Multilingual Plane (emoji pasted from a chat, a rare
// Han character) everywhere text goes: fpdf's fonts hold 65,536 characters
// and it failed on these, so one emoji in one unit's report stopped the
// consolidated report's PDF and its issue. Each stands as the font's box.
func TestPDFCharactersBeyondBMP(t *testing.T) {
	d := seedReport(true)
	d.Subject = "Báo cáo 😀 tiến độ"
	d.Issuer = "Ủy ban nhân dân 𠀀 huyện"
	d.Recipients = []string{"Ban Thường vụ 👍"}
	d.Signer.Name = "Nguyễn Văn 🙂"
	d.Body = append(d.Body,
		Rich(Span{Text: "Đã hoàn thành 100% 🎉 chỉ tiêu"}, Span{Text: " 🚀", Bold: true}),
		TableOf(Table{Header: []string{"Nhiệm vụ", "Kết quả"}, Rows: [][]Cell{{Text("Nhiệm vụ 1 ✅😀"), Number(5)}}}),
	)
	pages := pdfText(t, writePDF(t, d))
	all := strings.Join(pages, " ")
	for _, want := range []string{"Đã hoàn thành 100% \uFFFD chỉ tiêu", "Nhiệm vụ 1 ✅\uFFFD", "Nguyễn Văn \uFFFD"} {
		if !strings.Contains(all, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
	if strings.ContainsFunc(all, func(r rune) bool { return r > 0xFFFF }) {
		t.Error("the PDF draws a character beyond the BMP")
	}
}
