package document

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPDFJustifiedLines reads a justified paragraph back from the PDF. Each
// of its lines is drawn as one string holding its spaces, so a page is not
// a text object a word and text copied out of it keeps its spaces; and, as
// poppler places the words, every line but the last still runs from the
// margin (the indent on the first) to the right margin.
func TestPDFJustifiedLines(t *testing.T) {
	d := seedLetter()
	para := longText(1200) + "./."
	d.Body = []Block{P(para)}
	b := writePDF(t, d)

	// Drawn: the paragraph's lines are the page's strings that hold its
	// words; each must be several words, and together they are the text.
	var lines []string
	for _, s := range drawnLines(t, b) {
		if strings.Contains(para, s) && strings.Count(s, " ") > 3 {
			lines = append(lines, s)
		}
	}
	if got := strings.Join(lines, " "); got != para {
		t.Fatalf("the paragraph's lines drawn as whole strings join to\n%q\nwant\n%q", got, para)
	}
	if len(lines) < 5 {
		t.Fatalf("the paragraph takes %d lines, want at least 5 for the test", len(lines))
	}

	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian package poppler-utils); the justified lines' edges are not checked")
	}
	path := filepath.Join(t.TempDir(), "j.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var doc struct {
		Lines []struct {
			Words []struct {
				XMin float64 `xml:"xMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page>flow>block>line"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("pdftotext -bbox-layout: %v", err)
	}
	left, right := marginLeftMM*ptPerMM, (marginLeftMM+textWidthMM)*ptPerMM
	seen := 0
	for _, l := range lines[:len(lines)-1] {
		first := strings.Fields(l)
		for _, pl := range doc.Lines {
			var words []string
			for _, w := range pl.Words {
				words = append(words, w.Text)
			}
			if strings.Join(words, " ") != strings.Join(first, " ") {
				continue
			}
			seen++
			start, end := pl.Words[0].XMin, pl.Words[len(pl.Words)-1].XMax
			indent := firstLineIndentMM * ptPerMM
			if (start < left-0.5 || start > left+0.5) && (start < left+indent-0.5 || start > left+indent+0.5) {
				t.Errorf("line %q starts at %.2f pt, want the margin %.2f (or the indent %.2f)", l, start, left, left+indent)
			}
			if end < right-0.5 || end > right+0.5 {
				t.Errorf("line %q ends at %.2f pt, want the right margin %.2f", l, end, right)
			}
		}
	}
	if seen != len(lines)-1 {
		t.Errorf("poppler read %d of the %d justified lines as drawn", seen, len(lines)-1)
	}
}

// drawnLines is every string a PDF draws, as drawn.
func drawnLines(t *testing.T, b []byte) []string {
	t.Helper()
	var out []string
	for _, pg := range pdfDrawn(t, b) {
		for _, d := range pg {
			out = append(out, d.text)
		}
	}
	return out
}
