package directive

import (
	"strings"
	"unicode"

	"tiendo/internal/vi"
)

// A directive is sometimes pasted under the notice that announced it: the
// brandname SMS or the push message a clerk copies from the phone as it
// shows it, without diacritics ("UBND P.X", "Thu Sau, 27/11/2026 15:42",
// "TB: De nghi ... thuc hien CV 123/UBND-VP ..."), then a blank line and the
// letter itself. The notice repeats the letter; no field comes from it.

// noticeLines bounds a notice: a few short lines at the top.
const noticeLines = 6

// noticeEnd returns the index of the first line after a notice written
// without diacritics at the top of the text, 0 when there is none. The
// notice is every line before the first blank line, none with a letter
// outside ASCII; the letterhead must follow within a few lines, its
// national title or "Số: ..." line written with diacritics, so that a text
// typed without diacritics throughout keeps its header.
func noticeEnd(lines []line) int {
	blank, seen := -1, 0
	for i := 0; i < len(lines) && i <= noticeLines; i++ {
		s := lines[i].text
		if s == "" {
			if seen > 0 {
				blank = i
				break
			}
			continue
		}
		if !unaccented(s) {
			return 0
		}
		seen++
	}
	if blank < 0 {
		return 0
	}
	for i := blank + 1; i < len(lines) && i <= blank+letterheadAbove+2; i++ {
		s := lines[i].text
		if s == "" || unaccented(s) {
			continue
		}
		f := strings.TrimSpace(vi.Fold(s))
		if reNational.MatchString(f) || strings.HasPrefix(f, "so") && (reNumState.MatchString(f) || reNumParty.MatchString(f)) {
			return blank + 1
		}
	}
	return 0
}

// unaccented reports whether s has letters and none of them outside ASCII.
func unaccented(s string) bool {
	letters := false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		if r > unicode.MaxASCII {
			return false
		}
		letters = true
	}
	return letters
}
