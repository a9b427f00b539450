package document

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// drawn is one string the PDF draws, with its baseline position in mm from
// the top-left corner of the page.
type drawn struct {
	x, y float64
	text string
}

var tdText = regexp.MustCompile(`BT (?:0 Tw )?([0-9.]+) ([0-9.]+) Td [(\[]`)

// pdfDrawn reads back every string drawn with Td/Tj, page by page, with its
// position: fpdf writes "BT x y Td (text) Tj ET", or "BT x y Td [(text) n
// ( ) ...] TJ ET" for a justified run, in points from the bottom left.
// Like pdfText it needs no tool.
func pdfDrawn(t *testing.T, b []byte) [][]drawn {
	t.Helper()
	var pages [][]drawn
	for _, content := range textStreams(b) {
		var page []drawn
		for _, m := range tdText.FindAllSubmatchIndex(content, -1) {
			x, _ := strconv.ParseFloat(string(content[m[2]:m[3]]), 64)
			y, _ := strconv.ParseFloat(string(content[m[4]:m[5]]), 64)
			// tjStrings reads the string after " Td ".
			s := tjStrings(content[m[0]:])
			if len(s) == 0 {
				continue
			}
			page = append(page, drawn{x: x / ptPerMM, y: pageHeightMM - y/ptPerMM, text: s[0]})
		}
		pages = append(pages, page)
	}
	return pages
}

// textLine is the strings drawn on one baseline, left to right.
type textLine struct {
	y    float64
	text string
}

// linesOf groups a page's strings by baseline, top to bottom.
func linesOf(page []drawn) []textLine {
	ds := slices.Clone(page)
	slices.SortStableFunc(ds, func(a, b drawn) int {
		if d := a.y - b.y; d < -0.05 || d > 0.05 {
			if d < 0 {
				return -1
			}
			return 1
		}
		switch {
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return 0
	})
	var out []textLine
	for _, d := range ds {
		if n := len(out); n > 0 && d.y-out[n-1].y < 0.05 {
			out[n-1].text += " " + d.text
			continue
		}
		out = append(out, textLine{y: d.y, text: d.text})
	}
	return out
}

// closingCheck reads a PDF back and checks its end: "Nơi nhận:" and the
// signature's first line on one page, and above them on that page at least
// two lines of the body that end with the last paragraph's text (tail), or
// for a table that hold its last row's cell tail. It returns the page of
// the signature, counted from 0.
func closingCheck(t *testing.T, b []byte, authority, tail string, table bool, label string) int {
	t.Helper()
	pages := pdfDrawn(t, b)
	sigPage, distPage := -1, -1
	var distY float64
	for i, pg := range pages {
		for _, l := range linesOf(pg) {
			if strings.Contains(l.text, authority) && sigPage < 0 {
				sigPage = i
			}
			if strings.HasPrefix(l.text, distributionLabel) && distPage < 0 {
				distPage, distY = i, l.y
			}
		}
	}
	if sigPage < 0 || distPage < 0 {
		t.Fatalf("%s: signature %q on page %d, %q on page %d; want both found", label, authority, sigPage+1, distributionLabel, distPage+1)
	}
	if sigPage != distPage {
		t.Errorf("%s: the signature is on page %d, %q on page %d; want them side by side", label, sigPage+1, distributionLabel, distPage+1)
	}
	var body []string
	for _, l := range linesOf(pages[distPage]) {
		// Leave out the page number in the top margin and the closing.
		if l.y > marginTopMM && l.y < distY-0.05 {
			body = append(body, l.text)
		}
	}
	got, want := squash(strings.Join(body, " ")), squash(tail)
	if table {
		// A table's cells are drawn one after another, so a cell's text is
		// whole in the page's text in drawing order.
		if page := pageOf(pdfText(t, b), tail); page != distPage {
			t.Errorf("%s: the last row (%q) is on page %d, the signature on page %d; want them on one page", label, tail, page+1, distPage+1)
		}
		return sigPage
	}
	switch {
	case len(body) < 2:
		t.Errorf("%s: the page of the signature (page %d) holds %d line(s) of the body %q; want at least 2", label, distPage+1, len(body), body)
	case !strings.HasSuffix(got, want) && !strings.HasSuffix(want, got):
		t.Errorf("%s: the body on the page of the signature (page %d) ends %q; want it to end with %q", label, distPage+1, lastRunes(got, 60), lastRunes(want, 60))
	}
	return sigPage
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// TestPDFClosingKeepsBody moves the end of a letter and of a report down
// the page a few mm at a time and checks, in the text read back from the
// PDF, that the signature never stands alone on a page: "Nơi nhận:" and the
// signature stay side by side, and the last lines of the body (the last
// paragraph, or its last two lines; a table's last row) come with them.
func TestPDFClosingKeepsBody(t *testing.T) {
	const (
		short = "UBND huyện đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."
		three = "UBND huyện yêu cầu các cơ quan, đơn vị gửi báo cáo về UBND huyện qua Văn phòng HĐND & UBND huyện trước ngày 07/6/2022 để tổng hợp, báo cáo Ban Thường vụ Huyện ủy đảm bảo thời gian quy định, đồng thời gửi bản điện tử qua hệ thống quản lý văn bản./."
	)
	long := longText(900) + "./."
	plan := 3200000.0
	table := IndicatorTable("Kết quả thực hiện các chỉ tiêu", []Indicator{
		{Task: "Nhiệm vụ 1", Target: "Xây dựng 02 khu dân cư kiểu mẫu trở lên", Unit: "khu", Verdict: "Chưa có số liệu"},
		{Task: "Nhiệm vụ 8", Target: "Đón 3.200.000 lượt khách du lịch", Unit: "lượt", Plan: &plan, Verdict: "Chưa có số liệu"},
	})
	tests := []struct {
		name  string
		doc   func() *Document
		end   []Block
		tail  string // the text the body must end with on the signature's page
		table bool   // tail is a cell of the last row
	}{
		{"letter, one-line last paragraph", seedLetter, []Block{P(three), P(short)}, short, false},
		{"letter, three-line last paragraph", seedLetter, []Block{P(three)}, three, false},
		{"letter, long last paragraph", seedLetter, []Block{P(long)}, long, false},
		{"report, one-line last paragraph", func() *Document { return seedReport(true) }, []Block{P(short)}, short, false},
		{"report, long last paragraph", func() *Document { return seedReport(true) }, []Block{P(long)}, long, false},
		{"report ending with a table", func() *Document { return seedReport(true) }, []Block{TableOf(table)}, "Đón 3.200.000 lượt khách du lịch", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			broke := 0
			for twos := range 3 {
				// Step the end down page 1 until the closing has been on
				// page 2 for a few steps (a long last paragraph can put it
				// there and back while the break moves through it).
				for ones, after := 0, 0; ones <= 40 && after < 4; ones++ {
					d := tt.doc()
					d.Body = append(filler(ones, twos), tt.end...)
					sig := closingCheck(t, writePDF(t, d), authorityLines(prepare(d).Signer)[0], tt.tail, tt.table, fmt.Sprintf("%d+%d paragraphs", ones, twos))
					if t.Failed() {
						return
					}
					if sig > 0 {
						broke++
						after++
					}
				}
			}
			if broke == 0 {
				t.Errorf("the closing never went past page 1: the filler is too short to test the page break")
			}
		})
	}
}
