package directive

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vi"
)

// line is one cleaned line of the input. A line with "|" table artefacts is
// split into its cells, one line each, sharing the input line number n and a
// row id, so that a header whose two columns came out on one line reads as
// two lines, and a task table row can still be read as a row.
type line struct {
	n    int    // 1-based line number in the input
	text string // cleaned; "" for a blank line
	row  int    // >0: a cell of table row row
}

// maxLineBytes bounds one line: a minified or binary blob has no structure a
// directive could have, and regexps over a multi-megabyte line waste time.
const maxLineBytes = 64 << 10

// splitLines cleans text into lines: valid UTF-8, NFC, no carriage returns,
// no bold/italic markers, no zero-width or non-breaking spaces, rule lines
// ("-----", "____") emptied, words run together ("cáoThủ") split, spaces
// collapsed.
func splitLines(text string) []line {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	text = vi.NFC(text)
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	raw := strings.Split(text, "\n")
	lines := make([]line, 0, len(raw))
	row := 0
	for i, s := range raw {
		if len(s) > maxLineBytes {
			s = s[:maxLineBytes]
			s = strings.ToValidUTF8(s, "")
		}
		if strings.Contains(s, "\t") {
			s = tabCells(s)
		}
		s = cleanLine(s)
		if strings.Contains(s, "|") {
			row++
			any := false
			for _, c := range strings.Split(s, "|") {
				c = strings.TrimSpace(c)
				if isRule(c) {
					continue
				}
				lines = append(lines, line{n: i + 1, text: c, row: row})
				any = true
			}
			if !any {
				lines = append(lines, line{n: i + 1})
			}
			continue
		}
		if isRule(s) {
			s = ""
		}
		lines = append(lines, line{n: i + 1, text: s})
	}
	return lines
}

// cleanLine removes the artefacts of text extraction from one line.
func cleanLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // collapse leading spaces too
	var prev rune
	for i, r := range s {
		switch r {
		case '*', '\u200b', '\u200c', '\u200d', '\ufeff', '\u00ad', '\uFFFD':
			// Markdown bold and italic markers, zero-width characters, soft
			// hyphens, and what invalid bytes became.
			continue
		case '\t', '\u00a0', '\u2007', '\u202f', '\u2002', '\u2003', '\u2009', '\u3000', '\v', '\f':
			r = ' '
		}
		if r < ' ' || r == 0x7f {
			r = ' '
		}
		if r == ' ' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			prev = r
			continue
		}
		// Words run together at a case change ("cáoThủ"): split before an
		// upper-case letter that follows a lower-case one and is followed by
		// a lower-case one, which leaves "VietGAP" and "TTr" alone.
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			if next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):]); unicode.IsLower(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(r)
		space = false
		prev = r
	}
	out := strings.TrimSpace(b.String())
	// A markdown heading or quote marker at the start.
	out = strings.TrimSpace(strings.TrimLeft(out, "#>"))
	return out
}

// isRule reports whether s is only rule characters, as text extraction
// leaves the short lines under a header: "-----", "_____", "=====", "***".
func isRule(s string) bool {
	if s == "" {
		return true
	}
	for _, r := range s {
		if !strings.ContainsRune("-_=~–—.·… :", r) {
			return false
		}
	}
	return true
}

// tabCells turns a table row that Word or a spreadsheet flattened to text
// with tabs ("1\tTổng thu ...\ttỷ đồng\t1.250") into the "|" row splitLines
// reads. A list item whose label is followed by a tab ("1.\tGiao ...") and
// a tab inside a sentence stay text.
func tabCells(s string) string {
	fields := strings.Split(s, "\t")
	var cells []string
	for _, c := range fields {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	if len(cells) < 2 {
		return s
	}
	if len(cells) == 2 {
		first := cells[0]
		if _, ok := parseLabel(first + " x"); ok && len([]rune(first)) <= 6 {
			return s // "1.\tGiao ...", "-\tPhòng ..."
		}
		if len(strings.Fields(s)) > 0 && len(fields) == 2 && startsLower(cells[1]) {
			return s // a sentence with a stray tab
		}
	}
	return strings.Join(fields, " | ")
}
