package vi

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese tone marks (dấu thanh) as NFD writes them after the vowel. A
// syllable has one, on a vowel chosen by a style rule (hoà, hòa); the other
// diacritics (ă, â, ê, ô, ơ, ư) belong to their letter.
const (
	toneGrave = '\u0300' // huyền
	toneAcute = '\u0301' // sắc
	toneTilde = '\u0303' // ngã
	toneHook  = '\u0309' // hỏi
	toneDot   = '\u0323' // nặng
)

func isVowel(r rune) bool { return strings.ContainsRune("aeiouy", r) }

// markLetter is a letter of a word as MarkKey reads it.
type markLetter struct {
	letter rune // lower case, with the diacritics that are not a tone: ư
	base   rune // without them: u
	tone   rune // the tone mark, 0 for none
}

// markTables are MarkKey's tables, computed once from norm's so that
// indexing a long text does not decompose it word by word: the letter of
// each rune up to U+1EFF (Latin Extended Additional, where most Vietnamese
// letters live), base 0 for a combining mark or a rune whose marks do not
// make one letter; and the vowels with each tone.
var markTables = sync.OnceValues(func() ([]markLetter, map[[2]rune]rune) {
	letters := make([]markLetter, 0x1F00)
	for r := range rune(len(letters)) {
		if unicode.Is(unicode.Mn, r) || r >= 0xD800 && r < 0xE000 {
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		l := markLetter{base: unicode.ToLower(d[0])}
		rest := []rune{l.base}
		for _, m := range d[1:] {
			switch m {
			case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
				if l.tone == 0 && isVowel(l.base) {
					l.tone = m
					continue
				}
			}
			rest = append(rest, m)
		}
		letter := []rune(norm.NFC.String(string(rest)))
		if len(letter) != 1 {
			continue
		}
		l.letter = unicode.ToLower(letter[0])
		if l.base == 'đ' {
			// People who type the tones still often type "d" for "đ".
			l.letter, l.base = 'd', 'd'
		}
		letters[r] = l
	}
	toned := map[[2]rune]rune{}
	for _, v := range "aăâeêioôơuưy" {
		for _, t := range []rune{toneGrave, toneAcute, toneTilde, toneHook, toneDot} {
			toned[[2]rune{v, t}] = []rune(norm.NFC.String(string(v) + string(t)))[0]
		}
	}
	return letters, toned
})

// MarkKey returns a word (folded as folded) as it is compared when a query
// word is typed with diacritics: lower case, NFC, "đ" as "d", and the tone
// mark of each syllable on the vowel the new-style rule puts it on
// (toneVowel), so that "hoà" and "hòa", "thuỷ" and "thủy" are one word. It
// returns "" for a word with no diacritics but "đ", whose folded form says
// it all, and for one with a mark that makes no letter with its own, which
// FTS5 would split.
func MarkKey(word []rune, folded string) string {
	ascii := true
	for _, r := range word {
		ascii = ascii && r < utf8.RuneSelf
	}
	if ascii {
		return ""
	}
	letters, toned := markTables()
	ls := make([]markLetter, 0, len(word))
	for _, r := range word {
		if r >= rune(len(letters)) {
			if unicode.Is(unicode.Mn, r) {
				return ""
			}
			r = unicode.ToLower(r)
			ls = append(ls, markLetter{letter: r, base: r})
			continue
		}
		l := letters[r]
		if l.base == 0 {
			// A combining mark: the word is not NFC (text is saved NFC,
			// but an index built before may hold older text).
			if nfc := norm.NFC.String(string(word)); nfc != string(word) {
				return MarkKey([]rune(nfc), folded)
			}
			return ""
		}
		ls = append(ls, l)
	}
	// Each run of vowels is a syllable's: its tone (the first, should
	// there be two) goes on the vowel the rule chooses.
	for i := 0; i < len(ls); {
		if !isVowel(ls[i].base) {
			i++
			continue
		}
		j, tone := i, rune(0)
		for ; j < len(ls) && isVowel(ls[j].base); j++ {
			if tone == 0 {
				tone = ls[j].tone
			}
			ls[j].tone = 0
		}
		if tone != 0 {
			before := rune(0)
			if i > 0 {
				before = ls[i-1].base
			}
			ls[i+toneVowel(before, ls[i:j], j < len(ls))].tone = tone
		}
		i = j
	}
	var b strings.Builder
	for _, l := range ls {
		if l.tone == 0 {
			b.WriteRune(l.letter)
			continue
		}
		c, ok := toned[[2]rune{l.letter, l.tone}]
		if !ok {
			return "" // a tone on a letter that is not Vietnamese (ǘ)
		}
		b.WriteRune(c)
	}
	if key := b.String(); key != folded {
		return key
	}
	return ""
}

// toneVowel returns which of a syllable's vowels carries its tone by the
// new-style rule (quy tắc đặt dấu kiểu mới), given the letter before them
// and whether a consonant closes the syllable: the vowel with a diacritic
// of its own (the last one: "ươ" → ơ); else the last vowel of a closed
// syllable (hoàng, toán); else the second of "oa", "oe", "uy" (hoà, thuỷ),
// the first of any other pair (của, mía) and the middle of three (ngoài,
// khuya). The "u" of "qu" and the "i" of "gi" are consonants there (quả,
// già). The result only has to be the same for both placements of a word,
// and for a word and its start as typed ("thườ", "thường").
func toneVowel(before rune, vowels []markLetter, closed bool) int {
	first := 0
	if len(vowels) > 1 && (before == 'q' && vowels[0].base == 'u' || before == 'g' && vowels[0].base == 'i') {
		first = 1
	}
	for k := len(vowels) - 1; k >= first; k-- {
		if vowels[k].letter != vowels[k].base {
			return k
		}
	}
	switch n := len(vowels) - first; {
	case n == 1 || closed:
		return len(vowels) - 1
	case n == 2:
		switch string([]rune{vowels[first].base, vowels[first+1].base}) {
		case "oa", "oe", "uy":
			return first + 1
		}
		return first
	default:
		return first + 1
	}
}
