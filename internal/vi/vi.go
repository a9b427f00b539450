// Package vi holds the Vietnamese text helpers every other package shares:
// normalisation to NFC, folding for search and matching (no diacritics, đ→d),
// a word's key with its diacritics in one tone placement (MarkKey),
// Vietnamese numbers ("1.234,5") and dates ("ngày 07 tháng 6 năm 2022").
// It is pure: no I/O, no state.
package vi

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C, the form tiendo stores.
// Text pasted from Word or a PDF often arrives decomposed (a base letter
// followed by combining marks), which would not compare equal to typed text.
func NFC(s string) string {
	if isNFC(s) || norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// isNFC is a quick test that s is in NFC, for text made of runes below
// quickRunes: true when every rune is one that NFC leaves alone and that
// nothing before it can combine with (a starter, ccc 0, NFC_QC=Yes). Each
// rune is then a segment of its own, so s is normal. Vietnamese typed or
// pasted as precomposed letters passes; anything else (a combining mark, a
// rune past the table) returns false and goes to the full check. It is
// several times faster than norm's check on Vietnamese, which a report of
// twelve sections asks on every save.
func isNFC(s string) bool {
	starter := nfcStarter()
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= quickRunes || !starter[r] {
			return false
		}
		i += size
	}
	return true
}

// quickRunes bounds isNFC's table: Latin with Vietnamese's precomposed
// letters (U+1EA0–U+1EF9) and general punctuation (dashes, quotes).
const quickRunes = 0x2070

// nfcStarter()[r] says rune r is unchanged by NFC and starts a segment: see
// isNFC. Computed from norm's own tables, so it follows its Unicode version,
// on first use rather than at start-up (it takes about a millisecond).
var nfcStarter = sync.OnceValue(func() []bool {
	t := make([]bool, quickRunes)
	for r := rune(0); r < quickRunes; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		t[r] = p.BoundaryBefore() && p.CCC() == 0 && norm.NFC.IsNormalString(s)
	}
	return t
})

// UpperFirst capitalises the first letter of s ("báo cáo kết quả…" →
// "Báo cáo kết quả…"): a phrase taken from inside a sentence, such as a
// directive's subject after "V/v", that will start a line. Text that does
// not open with a valid rune is returned as it is.
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Fold returns s lower-cased without diacritics, with đ/Đ as d: the key for
// search and name matching. Decomposing first makes the two tone-mark
// placements ("hoà" and "hòa", "thuỷ" and "thủy") fold to the same key,
// because they differ only in which vowel carries the combining mark.
func Fold(s string) string {
	s = NFC(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		f := FoldRune(r)
		if f < 0 {
			continue
		}
		if f < utf8.RuneSelf {
			b.WriteByte(byte(f))
		} else {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// FoldRune folds one rune the way Fold does: it returns the lower-case base
// letter of r, 'd' for đ/Đ, and -1 for a lone combining mark, which has no
// base to keep. On NFC text every other rune maps to exactly one rune, so
// callers can fold text rune by rune and keep positions aligned.
func FoldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case int(r) < len(foldTable):
		return foldTable[r]
	case unicode.Is(unicode.Mn, r):
		return -1
	}
	return unicode.ToLower(r)
}

// foldTable holds FoldRune for the Latin ranges up to U+1EFF (Latin Extended
// Additional, where most Vietnamese letters live), computed once so that
// folding a long text does not decompose it rune by rune. It is never
// written after init.
var foldTable = buildFoldTable()

func buildFoldTable() []rune {
	t := make([]rune, 0x1F00)
	var buf [utf8.UTFMax]byte
	for r := rune(0); r < rune(len(t)); r++ {
		t[r] = foldSlow(r, buf[:])
	}
	return t
}

func foldSlow(r rune, buf []byte) rune {
	if r == 'đ' || r == 'Đ' {
		return 'd'
	}
	if unicode.Is(unicode.Mn, r) {
		return -1
	}
	n := utf8.EncodeRune(buf, r)
	d := norm.NFD.Bytes(buf[:n])
	base, _ := utf8.DecodeRune(d)
	if base == utf8.RuneError {
		return r
	}
	return unicode.ToLower(base)
}

// BodyKey is what two ways of writing one official body's name have in
// common: folded (Fold), one space between words, and the usual
// abbreviations written out, so "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", "UBND
// huyện Hữu Lũng" and "Uỷ ban nhân dân huyện Hữu Lũng" give one key.
func BodyKey(name string) string {
	var out []string
	for _, w := range strings.Fields(Fold(name)) {
		switch w {
		case "ubnd":
			out = append(out, "uy", "ban", "nhan", "dan")
		case "hdnd":
			out = append(out, "hoi", "dong", "nhan", "dan")
		default:
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
