package document

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A text not yet approved prints "DỰ THẢO" over its header in every view
// (DOCX, PDF, the browser's sheet); without DraftMark none of them does.
func TestDraftMark(t *testing.T) {
	for _, marked := range []bool{true, false} {
		d := seedLetter()
		d.DraftMark = marked
		doc := parseDocument(t, docxParts(t, d))
		_, inDOCX := doc.findPara("DỰ THẢO")
		inPDF := strings.Contains(squash(strings.Join(pdfText(t, writePDF(t, d)), " ")), squash("DỰ THẢO"))
		inSheet := NewSheet(d).Mark == "DỰ THẢO"
		if inDOCX != marked || inPDF != marked || inSheet != marked {
			t.Errorf("DraftMark %v: the mark in DOCX %v, PDF %v, sheet %v", marked, inDOCX, inPDF, inSheet)
		}
		if !marked {
			continue
		}
		// The mark sits above the header: the first paragraph of the body.
		if paras := doc.allParas(); len(paras) == 0 || paras[0].text() != "DỰ THẢO" {
			t.Errorf("the DOCX's first paragraph is not the mark")
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
