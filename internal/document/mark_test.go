package document

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A text not yet approved prints "DỰ THẢO" over its header in every view
// (DOCX, PDF, the browser's sheet); without DraftMark none of them does.
func TestDraftMark(t *testing.T) {
	for _, marked := range []bool{true, false} {
		d := seedLetter()
		d.DraftMark = marked
		parts := docxParts(t, d)
		doc := parseDocument(t, parts)
		if _, inBody := doc.findPara("DỰ THẢO"); inBody {
			t.Errorf("DraftMark %v: the DOCX has the mark in its body, where it pushes the header down", marked)
		}
		var first wHdr
		if err := xml.Unmarshal([]byte(parts[partHeaderFirst]), &first); err != nil {
			t.Fatalf("%s: %v", partHeaderFirst, err)
		}
		inDOCX := len(first.Paras) > 0 && first.Paras[0].text() == "DỰ THẢO"
		inPDF := strings.Contains(squash(strings.Join(pdfText(t, writePDF(t, d)), " ")), squash("DỰ THẢO"))
		inSheet := NewSheet(d).Mark == "DỰ THẢO"
		if inDOCX != marked || inPDF != marked || inSheet != marked {
			t.Errorf("DraftMark %v: the mark in DOCX %v, PDF %v, sheet %v", marked, inDOCX, inPDF, inSheet)
		}
		if !marked {
			continue
		}
		// In the DOCX the mark is the first page's header, flush right as
		// in the PDF, and ends inside the top margin, so the page's body
		// starts where an approved text's does.
		mark := first.Paras[0]
		if mark.Pr.Jc.Val != "right" {
			t.Errorf("the mark is aligned %q, want right", mark.Pr.Jc.Val)
		}
		before, _ := strconv.Atoi(mark.Pr.Spacing.Before)
		bottom := headerMM + twipsToMM(before) + float64(sizeMark)*singleLine/ptPerMM
		if bottom > marginTopMM {
			t.Errorf("the mark's header ends %.1f mm from the top edge, below the %g mm top margin: it would push the body down", bottom, marginTopMM)
		}
		baseline := headerMM + twipsToMM(before) + lineAscent*sizeMark/ptPerMM
		if want := marginTopMM - markAboveMM; baseline < want-0.5 || baseline > want+0.5 {
			t.Errorf("the mark's baseline is %.1f mm from the top edge, the PDF's %.1f mm", baseline, want)
		}
		if ref := doc.Body.SectPr.HeaderRefs; !slices.ContainsFunc(ref, func(r struct {
			Type string `xml:"type,attr"`
			ID   string `xml:"id,attr"`
		}) bool {
			return r.Type == "first" && r.ID == relHeaderFirst
		}) {
			t.Errorf("the section does not use the first-page header: %v", ref)
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			continue
		}
		path := filepath.Join(t.TempDir(), "draft.pdf")
		if err := os.WriteFile(path, writePDF(t, d), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if first := strings.TrimSpace(lines[0]); first != "DỰ THẢO" {
			t.Errorf("pdftotext's first line is %q, want the mark alone above the header", first)
		}
	}
}

// wHdr is a header part as the tests read it.
type wHdr struct {
	Paras []wP `xml:"p"`
}
