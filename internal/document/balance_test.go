package document

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestBalanced(t *testing.T) {
	const subject = "Tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy năm 2026"
	width := textWidthMM * ptPerMM
	filled := len(balanced(subject, bold, sizeSubject, 1e9))
	if filled != 1 {
		t.Fatalf("an unlimited column set the subject in %d lines, want 1", filled)
	}
	lines := balanced(subject, bold, sizeSubject, width)
	if len(lines) != 2 {
		t.Fatalf("balanced = %q, want two lines", lines)
	}
	if strings.Join(lines, " ") != subject {
		t.Errorf("balanced lost or changed words: %q", lines)
	}
	a, b := textWidthPt(lines[0], bold, sizeSubject), textWidthPt(lines[1], bold, sizeSubject)
	if a > width || b > width {
		t.Errorf("a line is wider than the column: %.0f, %.0f > %.0f pt", a, b, width)
	}
	// Filling would leave "2026" alone; balanced lines differ by less than
	// the longest word.
	if math.Abs(a-b) > 2*textWidthPt("Thường", bold, sizeSubject) {
		t.Errorf("lines %q are %.0f and %.0f pt wide: not balanced", lines, a, b)
	}

	// A subject that fits the column, if only just (in its last 2 %),
	// stays on one line, as filling sets it.
	one := ""
	base := strings.Fields("Tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy và Hội đồng nhân dân tỉnh Lạng Sơn")
	ends := strings.Fields("a ở và xã các tỉnh nhân huyện những thường chương trình nghiệp")
search:
	for i := len(base); i > 0; i-- {
		for _, e := range ends {
			c := strings.Join(base[:i], " ") + " " + e
			if w := textWidthPt(c, bold, sizeSubject); w > 0.98*width && w <= width {
				one = c
				break search
			}
		}
	}
	if one == "" {
		t.Fatal("found no subject in the last 2 % of the column")
	}
	if got := balanced(one, bold, sizeSubject, width); len(got) != 1 {
		t.Errorf("a subject %.1f of %.1f pt wide is set on %d lines (%q), want 1", textWidthPt(one, bold, sizeSubject), width, len(got), got)
	}

	// A no-break space holds its two words on one line.
	glued := strings.Replace(subject, "Thường vụ", "Thường\u00a0vụ", 1)
	for _, l := range balanced(glued, bold, sizeSubject, width) {
		if strings.HasSuffix(l, "Thường") || strings.HasPrefix(l, "vụ") {
			t.Errorf("balanced broke %q at its no-break space: %q", glued, l)
		}
	}
	if got := strings.Join(balanced(glued, bold, sizeSubject, width), " "); got != glued {
		t.Errorf("balanced lost the no-break space: %q", got)
	}

	for _, c := range []struct {
		name, text string
		want       int
	}{
		{"short", "Kết quả quý III năm 2026", 1},
		{"empty", "  ", 0},
		{"three lines", strings.Repeat("Tiến độ thực hiện các nhiệm vụ trọng tâm ", 4), 3},
		{"a word wider than the column", strings.Repeat("x", 400) + " năm 2026", 2},
	} {
		got := balanced(c.text, bold, sizeSubject, width)
		if len(got) != c.want {
			t.Errorf("%s: %d lines (%q), want %d", c.name, len(got), got, c.want)
		}
		if strings.Join(got, " ") != strings.Join(strings.Fields(c.text), " ") {
			t.Errorf("%s: words changed: %q", c.name, got)
		}
	}
}

// The report's subject is set on balanced lines in both documents: the
// DOCX breaks its paragraph where balanced does, and the PDF draws the
// same lines; the công văn's trích yếu likewise in its narrow column.
func TestSubjectLinesBalanced(t *testing.T) {
	for _, d := range []*Document{seedReport(true), seedLetter()} {
		subject, f, size, width := d.Subject, bold, float64(sizeSubject), textWidthMM*ptPerMM
		if d.Kind == Letter {
			subject, f, size = subjectLine(d.Subject), regular, sizeLetterSubj
			width = headerLeftMM * ptPerMM
		}
		want := balanced(subject, f, size, width)
		if len(want) < 2 {
			t.Fatalf("the sample's subject %q fits on one line; the test needs one that wraps", subject)
		}
		doc := parseDocument(t, docxParts(t, d))
		p, ok := doc.findPara(subject)
		if !ok {
			t.Fatalf("no DOCX paragraph %q", subject)
		}
		if got := p.lines(); !slices.Equal(got, want) {
			t.Errorf("DOCX subject lines = %q, want %q", got, want)
		}
		drawn := tjLines(textStreams(writePDF(t, d))[0])
		for _, l := range want {
			if !slices.Contains(drawn, l) {
				t.Errorf("the PDF does not draw the line %q of the subject; it draws %q", l, drawn)
			}
		}
	}
}

// A subject that balancing leaves as filling sets it (it needs the last
// 2 % of the column to keep its line count, or holds a word wider than the
// column) has lines that may reach the column's edge: the DOCX breaks none
// of them by hand, so that a word processor measuring a little wider wraps
// them itself instead of leaving a word alone before each break.
func TestSubjectFilledLinesNotBrokenByHand(t *testing.T) {
	width := textWidthMM * ptPerMM
	tight := ""
	words := strings.Fields(strings.Repeat("Tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy và Hội đồng nhân dân tỉnh năm ", 3))
	ends := strings.Fields("a ở và xã các tỉnh nhân huyện những thường chương trình nghiệp")
search:
	for i := 12; i < len(words); i++ {
		for _, e := range ends {
			c := strings.Join(words[:i], " ") + " " + e
			if lines, ok := balance(c, bold, sizeSubject, width); len(lines) >= 2 && !ok {
				tight = c
				break search
			}
		}
	}
	if tight == "" {
		t.Fatal("found no subject that needs the last 2 % of the column")
	}
	for _, subject := range []string{tight, strings.Repeat("x", 400) + " năm 2026"} {
		if lines, ok := balance(subject, bold, sizeSubject, width); ok || len(lines) < 2 {
			t.Fatalf("balance(%q) = %q, %v: want filling's own lines", subject, lines, ok)
		}
		d := seedReport(true)
		d.Subject = subject
		p, found := parseDocument(t, docxParts(t, d)).findPara(subject)
		if !found {
			t.Fatalf("no DOCX paragraph %q", subject)
		}
		if got := p.lines(); len(got) != 1 {
			t.Errorf("the DOCX breaks %q by hand into %q; want it whole, for Word to wrap", subject, got)
		}
	}
}

var tdAt = regexp.MustCompile(`[\d.]+ ([\d.]+) Td [(\[]`)

// tjLines are the lines a content stream draws: its words joined by
// spaces, a line being the words drawn at one height in a row.
func tjLines(c []byte) []string {
	var out []string
	last := ""
	for _, m := range tdAt.FindAllSubmatchIndex(c, -1) {
		y := string(c[m[2]:m[3]])
		word := tjStrings(c[m[0]:])[0]
		if y == last && len(out) > 0 {
			out[len(out)-1] += " " + word
		} else {
			out = append(out, word)
		}
		last = y
	}
	return out
}
