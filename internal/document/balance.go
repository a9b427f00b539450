package document

import "strings"

// balanced splits s, set in face f at size pt, into the lines a centred
// title takes in a column widthPt wide, with its words spread evenly over
// them: as many lines as filling each line in turn would give, but the
// last one not left with a word or two ("2026" alone under a subject reads
// as a slip). Clerks break a trích yếu by hand this way; the documents do
// it for them. A text that fits on one line, or a word wider than the
// column, is returned as filling would set it.
func balanced(s string, f face, pt, widthPt float64) []string {
	lines, _ := balance(s, f, pt, widthPt)
	return lines
}

// balance is balanced, and says whether the lines were balanced (each kept
// a little inside the column, safe to end with a break of its own) or are
// filling's own, which may reach the column's edge: a word processor that
// measures a little wider would wrap such a line again before its break,
// leaving a word alone, so the DOCX lets it wrap them itself.
func balance(s string, f face, pt, widthPt float64) (lines []string, ok bool) {
	// A no-break space holds two words together, as in Word and in the
	// PDF's own lines.
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	if len(words) == 0 {
		return nil, false
	}
	width := func(ws []string) float64 { return textWidthPt(strings.Join(ws, " "), f, pt) }
	fill := func(limit float64) []string {
		var lines []string
		from := 0
		for i := 1; i <= len(words); i++ {
			if i == len(words) || width(words[from:i+1]) > limit {
				lines = append(lines, strings.Join(words[from:i], " "))
				from = i
			}
		}
		return lines
	}
	lines = fill(widthPt)
	if len(lines) < 2 {
		return lines, false
	}
	// Word and LibreOffice measure a little differently from these
	// metrics, so a balanced line, which ends in a break of its own, is
	// kept a little inside the column: a line set to its full width could
	// wrap again there. A text that needs the last 2 % to take as few
	// lines is left as filling sets it.
	limit := widthPt * 0.98
	if len(fill(limit)) > len(lines) {
		return lines, false
	}
	for _, w := range words {
		if width([]string{w}) > limit {
			return lines, false
		}
	}
	// The narrowest column that still takes the text in as many lines.
	lo, hi := width(words)/float64(len(lines)), limit
	for range 24 {
		mid := (lo + hi) / 2
		if len(fill(mid)) > len(lines) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return fill(hi), true
}
