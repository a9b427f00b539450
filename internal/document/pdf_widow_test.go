package document

import (
	"fmt"
	"strings"
	"testing"
)

// tagged is a body paragraph of n words "tag001", "tag002", …, whose lines
// the text read back from a PDF tells apart from every other paragraph's.
func tagged(tag string, n int) Block {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("%s%03d", tag, i+1)
	}
	return P(strings.Join(ws, " "))
}

// linesWith counts, page by page, the body lines of a PDF that hold s.
func linesWith(pages [][]drawn, s string) []int {
	out := make([]int, len(pages))
	for i, pg := range pages {
		for _, l := range linesOf(pg) {
			if l.y > marginTopMM && strings.Contains(l.text, s) {
				out[i]++
			}
		}
	}
	return out
}

// TestPDFWidowOrphan moves a lead-in, a paragraph of three lines and one of
// five down the page a few mm at a time and checks, in the lines read back
// from the PDF, Word's default widow/orphan control, which the DOCX has: a
// page break leaves at least two lines of a paragraph at each side, so the
// three-line paragraph is never broken, and the lead-in ending with ":"
// goes on the page of the paragraph it leads in to.
func TestPDFWidowOrphan(t *testing.T) {
	const lead = "Kết quả thực hiện các chỉ tiêu:"
	broke := map[string]int{}
	for ones := 14; ones <= 28; ones++ {
		for twos := range 4 {
			d := &Document{Kind: Report, Issuer: "Ủy ban nhân dân huyện Hữu Lũng", Symbol: "BC-UBND", Subject: "Kết quả thực hiện các chỉ tiêu"}
			d.Body = append(filler(ones, twos), P(lead), tagged("qa", 33), tagged("qb", 57), P("Đoạn cuối của báo cáo."))
			pages := pdfDrawn(t, writePDF(t, d))
			label := fmt.Sprintf("%d+%d paragraphs", ones, twos)
			for _, c := range []struct {
				tag   string
				lines int
			}{{"qa", 3}, {"qb", 5}} {
				var parts []int
				total := 0
				for _, n := range linesWith(pages, c.tag) {
					if n > 0 {
						parts = append(parts, n)
						total += n
					}
				}
				if total != c.lines {
					t.Fatalf("%s: paragraph %s has %d lines, want %d: the test's text no longer fills them", label, c.tag, total, c.lines)
				}
				if len(parts) > 1 {
					broke[c.tag]++
				}
				for _, n := range parts {
					if n < 2 {
						t.Errorf("%s: paragraph %s is broken %v lines a page; want at least 2 at each side of the break", label, c.tag, parts)
						break
					}
				}
			}
			leadPage, firstPage := -1, -1
			for i, pg := range pages {
				for _, l := range linesOf(pg) {
					if strings.Contains(l.text, lead) && leadPage < 0 {
						leadPage = i
					}
					if strings.Contains(l.text, "qa001") && firstPage < 0 {
						firstPage = i
					}
				}
			}
			if leadPage != firstPage {
				t.Errorf("%s: %q is on page %d, the paragraph it leads in to starts on page %d; want one page", label, lead, leadPage+1, firstPage+1)
			}
		}
	}
	// The sweep must put a page break inside the five-line paragraph, or
	// it tests nothing; the three-line one may never break.
	if broke["qb"] == 0 {
		t.Errorf("the five-line paragraph never met a page break: the filler does not reach the foot of page 1")
	}
	if broke["qa"] > 0 {
		t.Errorf("the three-line paragraph was broken %d times", broke["qa"])
	}
}
