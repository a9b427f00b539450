package document

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var pdfLine = regexp.MustCompile(`([0-9.]+) ([0-9.]+) m ([0-9.]+) ([0-9.]+) l S`)

// TestSubjectRuleSpacing checks that the short rule under a report's
// subject sits a few points under the subject in both writers, the same
// distance: in the PDF read back, from the bottom of the subject's last
// line (its baseline and the descent) to the rule; in the DOCX, the rule
// paragraph's space before it and half the border's width (the line gap of
// the subject's line is above its ascent, as LibreOffice sets it).
func TestSubjectRuleSpacing(t *testing.T) {
	d := seedReport(true)
	d.Subject = "Tình hình thực hiện các nhiệm vụ trọng tâm, các chỉ tiêu kinh tế - xã hội chủ yếu của Ban Chấp hành Đảng bộ tỉnh và kế hoạch phát triển kinh tế - xã hội 6 tháng đầu năm 2027"
	lines := balanced(d.Subject, bold, sizeSubject, textWidthMM*ptPerMM)
	last := lines[len(lines)-1]

	b := writePDF(t, d)
	baseline := -1.0
	for _, l := range linesOf(pdfDrawn(t, b)[0]) {
		if squash(l.text) == squash(last) {
			baseline = l.y
		}
	}
	if baseline < 0 {
		t.Fatalf("the subject's last line %q is not on page 1 of the PDF", last)
	}
	rule := math.Inf(1)
	for _, m := range pdfLine.FindAllStringSubmatch(string(textStreams(b)[0]), -1) {
		y1, _ := strconv.ParseFloat(m[2], 64)
		y2, _ := strconv.ParseFloat(m[4], 64)
		if y := pageHeightMM - y1/ptPerMM; y1 == y2 && y > baseline && y < rule {
			rule = y
		}
	}
	if math.IsInf(rule, 1) {
		t.Fatalf("no rule under the subject in the PDF")
	}
	pdfGap := (rule - baseline - descent*sizeSubject/ptPerMM) * ptPerMM

	doc := parseDocument(t, docxParts(t, d))
	var before string
	for i, p := range doc.Body.Paras {
		if strings.HasSuffix(p.text(), last) && i+1 < len(doc.Body.Paras) {
			before = doc.Body.Paras[i+1].Pr.Spacing.Before
		}
	}
	tw, err := strconv.Atoi(before)
	if err != nil {
		t.Fatalf("the paragraph after the subject in the DOCX has no space before it (%q)", before)
	}
	docxGap := float64(tw)/20 + ruleWidthPt/2

	if pdfGap < 2 || pdfGap > 6 {
		t.Errorf("the PDF's rule is %.1f pt under the subject, want a few points (2-6)", pdfGap)
	}
	if math.Abs(docxGap-pdfGap) > 0.5 {
		t.Errorf("the DOCX's rule is %.1f pt under the subject, the PDF's %.1f pt; want the same", docxGap, pdfGap)
	}
}
