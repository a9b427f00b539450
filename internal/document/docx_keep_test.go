package document

import (
	"strings"
	"testing"
)

// TestDOCXClosingKeep checks that the DOCX asks Word for what the PDF does
// at the end of the body: the last paragraph kept whole and with the
// closing, whose one row cannot split; a one-line last paragraph brings the
// paragraph before it; a table that ends the body keeps its last row with
// the closing.
func TestDOCXClosingKeep(t *testing.T) {
	t.Run("letter", func(t *testing.T) {
		doc := parseDocument(t, docxParts(t, seedLetter()))
		ps := doc.Body.Paras
		last, before := ps[len(ps)-1], ps[len(ps)-2]
		if !strings.HasSuffix(last.text(), "thực hiện./.") {
			t.Fatalf("the last body paragraph is %q, want the letter's closing sentence", last.text())
		}
		if last.Pr.KeepNext == nil || last.Pr.KeepLines == nil || last.Pr.WidowControl == nil {
			t.Errorf("the last paragraph: keepNext %v, keepLines %v, widowControl %v; want all set", last.Pr.KeepNext != nil, last.Pr.KeepLines != nil, last.Pr.WidowControl != nil)
		}
		// The last paragraph is one line: the one before comes with it.
		if before.Pr.KeepNext == nil || before.Pr.WidowControl == nil {
			t.Errorf("the paragraph before the one-line last one (%.30q…): keepNext %v, widowControl %v; want both", before.text(), before.Pr.KeepNext != nil, before.Pr.WidowControl != nil)
		}
		if p := ps[len(ps)-3]; p.Pr.KeepNext != nil {
			t.Errorf("paragraph %.30q… keeps with the next; only the end of the body should", p.text())
		}
		closing := doc.Body.Tables[len(doc.Body.Tables)-1]
		if !strings.HasPrefix(closing.cellText(0, 0), distributionLabel) {
			t.Fatalf("the last table starts %q, want the closing", closing.cellText(0, 0))
		}
		if len(closing.Rows) != 1 || closing.Rows[0].Pr.CantSplit == nil {
			t.Errorf("the closing has %d rows (cantSplit %v); want one that cannot split", len(closing.Rows), len(closing.Rows) > 0 && closing.Rows[0].Pr.CantSplit != nil)
		}
	})
	t.Run("long last paragraph", func(t *testing.T) {
		d := seedLetter()
		d.Body = append(d.Body, P(longText(600)))
		ps := parseDocument(t, docxParts(t, d)).Body.Paras
		if last := ps[len(ps)-1]; last.Pr.KeepNext == nil || last.Pr.KeepLines == nil {
			t.Errorf("the last paragraph does not keep with the closing")
		}
		if before := ps[len(ps)-2]; before.Pr.KeepNext != nil {
			t.Errorf("the paragraph before a long last paragraph keeps with the next; want only the last")
		}
	})
	t.Run("report ending with a table", func(t *testing.T) {
		d := numbersReport()
		d.Body = d.Body[:2]
		doc := parseDocument(t, docxParts(t, d))
		tbl := doc.Body.Tables[len(doc.Body.Tables)-2] // the last is the closing
		row := tbl.Rows[len(tbl.Rows)-1]
		for i, c := range row.Cells {
			for _, p := range c.Paras {
				if p.Pr.KeepNext == nil {
					t.Errorf("cell %d of the last row does not keep with the closing", i)
				}
			}
		}
		if prev := tbl.Rows[len(tbl.Rows)-2].Cells[0].Paras[0]; prev.Pr.KeepNext != nil {
			t.Errorf("a row before the last keeps with the next")
		}
		ps := doc.Body.Paras
		if sp := ps[len(ps)-1]; sp.Pr.KeepNext == nil {
			t.Errorf("the paragraph after the table does not keep with the closing")
		}
	})
}

// TestDOCXTableFitsNumbers checks that the DOCX's indicator table has the
// PDF's fitted columns: each at least as wide as its longest number.
func TestDOCXTableFitsNumbers(t *testing.T) {
	d := numbersReport()
	doc := parseDocument(t, docxParts(t, d))
	tbl := doc.Body.Tables[1] // after the header
	if got := tbl.cellText(0, 4); got != "Kế hoạch" {
		t.Fatalf("table 2 column 5 is headed %q, want the indicator table's Kế hoạch", got)
	}
	total := 0
	for _, g := range tbl.Grid {
		total += g.W
	}
	if want := mmToTwips(textWidthMM); total != want {
		t.Errorf("the grid adds up to %d twips, want %d", total, want)
	}
	for col, n := range map[int]string{4: "1.234.567.890", 5: "987.654.321,25", 6: "1.100.000.000"} {
		inner := twipsToMM(tbl.Grid[col].W) - 2*cellPadX
		if w := textWidthPt(n, regular, sizeTable) / ptPerMM; inner < w {
			t.Errorf("column %d is %.1f mm inside, narrower than %q (%.1f mm): Word would break it", col+1, inner, n, w)
		}
	}
}

// TestDOCXWidowControlAndLeadIn checks that the DOCX asks for what the PDF
// does inside the body: widow/orphan control for every paragraph, in the
// document defaults with no style turning it off, and a short lead-in
// ending with ":" kept with the paragraph it leads in to (Word would leave
// it alone at the foot of a page, its list on the next).
func TestDOCXWidowControlAndLeadIn(t *testing.T) {
	const lead = "Kết quả thực hiện các chỉ tiêu:"
	d := seedReport(true)
	d.Body = append(d.Body[:3], P(lead), P("- Xã Vân Nham đạt 17/19 tiêu chí."), P("Đoạn sau danh sách."), P(longText(600)))
	parts := docxParts(t, d)
	styles := parts["word/styles.xml"]
	defaults := styles[strings.Index(styles, "<w:pPrDefault"):strings.Index(styles, "</w:pPrDefault>")]
	if !strings.Contains(defaults, "<w:widowControl") || strings.Contains(defaults, `<w:widowControl w:val="0"`) || strings.Contains(defaults, `<w:widowControl w:val="false"`) {
		t.Errorf("the paragraph defaults do not turn widow control on: %s", defaults)
	}
	for _, off := range []string{`<w:widowControl w:val="0"`, `<w:widowControl w:val="false"`, `<w:widowControl w:val="off"`} {
		for _, part := range []string{"word/styles.xml", "word/document.xml"} {
			if strings.Contains(parts[part], off) {
				t.Errorf("%s turns widow control off", part)
			}
		}
	}
	doc := parseDocument(t, parts)
	p, ok := doc.findPara(lead)
	if !ok {
		t.Fatalf("no paragraph %q", lead)
	}
	if p.Pr.KeepNext == nil {
		t.Errorf("the lead-in %q does not keep with the next paragraph", lead)
	}
	if p, _ := doc.findPara("Đoạn sau danh sách."); p.Pr.KeepNext != nil {
		t.Errorf("a body paragraph that leads in to nothing keeps with the next")
	}
	if p, _ := doc.findPara("- Xã Vân Nham đạt 17/19 tiêu chí."); p.Pr.KeepNext != nil {
		t.Errorf("the list under the lead-in keeps with the next")
	}
}
