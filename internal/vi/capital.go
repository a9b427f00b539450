package vi

import (
	"unicode"
	"unicode/utf8"
)

// Capitalize starts s with a capital letter, for a phrase cut from inside a
// sentence and shown on its own: a target's text as a list item or a table
// cell ("tỷ lệ giải phóng mặt bằng đạt 70%" → "Tỷ lệ giải phóng mặt bằng
// đạt 70%", "đạt chuẩn" → "Đạt chuẩn"). The text stored stays as written;
// this is for display and documents.
//
// Unlike UpperFirst, it looks past leading spaces, dashes and opening marks
// ("“gia đình văn hóa” đạt 90%" → "“Gia đình văn hóa” đạt 90%", "- tỷ lệ" →
// "- Tỷ lệ"), and it leaves s as it is when it opens with a number ("02
// xã", "70%"), an abbreviation or a capital ("GPMB", "Tỷ lệ"), or a word
// with a capital inside ("eKYC", "iHanoi"): such a word is a name, written
// the way its owner writes it.
func Capitalize(s string) string {
	for i, r := range s {
		if unicode.IsSpace(r) || unicode.In(r, unicode.Ps, unicode.Pi, unicode.Pd) || r == '"' || r == '\'' {
			continue
		}
		if !unicode.IsLower(r) || hasInnerCapital(s[i+utf8.RuneLen(r):]) {
			return s
		}
		up := unicode.ToUpper(r)
		if up == r {
			return s
		}
		return s[:i] + string(up) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// hasInnerCapital reports whether the rest of a word, up to its first rune
// that is not a letter, a digit or a combining mark, holds a capital.
func hasInnerCapital(rest string) bool {
	for _, r := range rest {
		switch {
		case unicode.IsUpper(r):
			return true
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.Is(unicode.Mn, r):
		default:
			return false
		}
	}
	return false
}
