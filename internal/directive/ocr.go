package directive

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vi"
)

// ocrText repairs what scanning does to a directive's figures and to the
// words a line break cut, before the text is split into lines; it keeps
// the number of lines, so that warnings still point at the right one.
//
// OCR reads the digit one as the letter "l" and zero as "O" ("Số: 3l2",
// "ngày 2l tháng ll", "l,5%", "05/l2/2025", "l. Phòng ..."). Vietnamese has
// no word made of "l" and "O" alone or mixed with digits, so those are read
// as digits in numeric contexts only: a run of digits, "l" and "O" (with
// "." and "," inside) that holds a digit, a day or month of "l"/"O" between
// "ngày"/"tháng" and "tháng"/"năm" or beside a "/" and a digit, one before
// "%", and a lone "l." list label. Letters inside words are never touched.
//
// A word broken by a hyphen at the end of a line ("đạt tr-" / "ên 98%")
// is joined: a Vietnamese syllable is never hyphenated, so a letter, a
// hyphen and a lower-case continuation are one syllable cut by the scan or
// the PDF.
func ocrText(text string) string {
	text = vi.NFC(text)
	lines := strings.Split(text, "\n")
	roman := romanList(lines)
	for i, s := range lines {
		// Only a line with a digit, a "%" or a lone "l." label can hold a
		// misread figure.
		if mayHoldOCRDigit(s) {
			lines[i] = ocrDigits(s, roman)
		}
		lines[i] = spacedFigures(lines[i])
	}
	for i := 0; i+1 < len(lines); i++ {
		joinHyphenBreak(lines, i)
		joinSyllableBreak(lines, i)
	}
	return strings.Join(lines, "\n")
}

// Figures OCR and PDF copies break with spaces. Only numeric contexts are
// read, so a list label or a sentence's end is never joined.
var (
	// "95 %" → "95%".
	reSpacedPercent = regexp.MustCompile(`(\d) +%`)
	// "62, 4%" → "62,4%": a decimal comma before a percentage.
	reSpacedDecimal = regexp.MustCompile(`(\d) *, +(\d{1,2}) *%`)
	// "7 . 845 tỷ" → "7.845 tỷ": a thousands dot with a space beside it
	// and three digits after, inside a sentence (a word before the
	// figure, so not a "1 . " label at the start of a line).
	reSpacedThousands = regexp.MustCompile(`(\pL[\pL,:;)]* +\d{1,3})(?: *\. +| +\. *)(\d{3})(\D|$)`)
	// "28/11/ 2026", "28 /11/2026" → "28/11/2026".
	reSpacedSlash = regexp.MustCompile(`(\d) *\/ +(\d)|(\d) +\/ *(\d)`)
)

// spacedFigures closes the spaces OCR puts inside figures.
func spacedFigures(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	if strings.Contains(s, " %") {
		s = reSpacedPercent.ReplaceAllString(s, "$1%")
	}
	if strings.Contains(s, ", ") {
		s = reSpacedDecimal.ReplaceAllString(s, "$1,$2%")
	}
	if strings.Contains(s, ". ") || strings.Contains(s, " .") {
		for range 4 { // "1 . 250 . 000"
			t := reSpacedThousands.ReplaceAllString(s, "$1.$2$3")
			if t == s {
				break
			}
			s = t
		}
	}
	if strings.Contains(s, "/ ") || strings.Contains(s, " /") {
		s = reSpacedSlash.ReplaceAllString(s, "$1$3/$2$4")
	}
	return s
}

// joinSyllableBreak joins a syllable a line break cut without a hyphen,
// moving its rest up: a last word of lower-case consonants alone, which no
// Vietnamese syllable is ("giải ng" / "ân", "Chủ t" / "ịch"), or the
// diphthong "ươ" cut before a rhyme "ơng"/"ơc" that cannot stand alone
// ("Môi trư" / "ờng"). The next line must go on in lower case.
func joinSyllableBreak(lines []string, i int) {
	s := strings.TrimRight(lines[i], " \t\u00a0")
	sp := strings.LastIndexAny(s, " \t\u00a0")
	head := s[sp+1:]
	if head == "" || len(head) > 8 {
		return
	}
	next := lines[i+1]
	body := strings.TrimLeft(next, " \t\u00a0")
	end := strings.IndexFunc(body, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(body)
	}
	tail := body[:end]
	if tail == "" {
		return
	}
	first, _ := utf8.DecodeRuneInString(tail)
	if !unicode.IsLower(first) {
		return
	}
	ok := false
	switch {
	case isLowerConsonants(head):
		// After a figure it is a unit ("45 km", "5.000 đ"), not a cut.
		before := strings.TrimRight(s[:sp+1], " \t\u00a0")
		ok = before == "" || !isDigitByte(before[len(before)-1])
	case isHornU(lastRune(head)):
		ft := vi.Fold(tail)
		ok = isHornO(first) && (ft == "ong" || ft == "oc")
	}
	if !ok {
		return
	}
	lines[i] = s + tail
	lines[i+1] = next[:len(next)-len(body)] + strings.TrimLeft(body[end:], " ")
}

// isLowerConsonants reports whether w is lower-case letters without a
// vowel: the onset of a syllable ("ng", "tr", "t").
func isLowerConsonants(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return !hasVowel(w)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isHornU(r rune) bool { return strings.ContainsRune("ưừứửữự", r) }
func isHornO(r rune) bool { return strings.ContainsRune("ơờớởỡợ", r) }

// romanList reports whether the list numbers in Roman numerals ("II." at
// the start of a line), so that a lone "l." reads as "I." rather than "1.".
func romanList(lines []string) bool {
	for _, s := range lines {
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, "II.") || strings.HasPrefix(s, "II ") {
			return true
		}
	}
	return false
}

// mayHoldOCRDigit is a quick byte test: an "l", "O" or "o" beside a digit,
// a "/", a "%", or standing alone ("tháng ll", "l."). Most lines have
// none, and ocrDigits need not read them.
func mayHoldOCRDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != 'l' && c != 'O' && c != 'o' {
			continue
		}
		var prev, next byte = ' ', ' '
		if i > 0 {
			prev = s[i-1]
		}
		if i+1 < len(s) {
			next = s[i+1]
		}
		if isDigitByte(prev) || isDigitByte(next) || prev == '/' || next == '/' || next == '%' || next == ',' || next == '.' {
			return true
		}
		if c != 'o' && prev == ' ' && (next == ' ' || next == 'l' || next == 'O') {
			return true
		}
	}
	return false
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isOCRDigit(r rune) bool { return r == 'l' || r == 'O' || r == 'o' }

// ocrDigits reads "l" and "O" as digits in the numeric contexts of one line.
func ocrDigits(s string, roman bool) string {
	rs := []rune(s)
	changed := false
	// A lone "l." or "l)" list label at the start of the line.
	j := 0
	for j < len(rs) && (rs[j] == ' ' || rs[j] == '\t' || rs[j] == '\u00a0') {
		j++
	}
	if j+2 < len(rs) && rs[j] == 'l' && (rs[j+1] == '.' || rs[j+1] == ')') && rs[j+2] == ' ' {
		if roman {
			rs[j] = 'I'
		} else {
			rs[j] = '1'
		}
		changed = true
	}
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) && !unicode.IsDigit(rs[i]) {
			i++
			continue
		}
		// A token: letters and digits, with "." or "," between two of them.
		k := i
		for k < len(rs) {
			if unicode.IsLetter(rs[k]) || unicode.IsDigit(rs[k]) {
				k++
				continue
			}
			if (rs[k] == '.' || rs[k] == ',') && k > i && k+1 < len(rs) && isAlnumRune(rs[k+1]) && isAlnumRune(rs[k-1]) {
				k++
				continue
			}
			break
		}
		if ocrNumber(rs, i, k) {
			for m := i; m < k; m++ {
				switch rs[m] {
				case 'l':
					rs[m] = '1'
				case 'O', 'o':
					rs[m] = '0'
				}
			}
			changed = true
		}
		i = k
	}
	if !changed {
		return s
	}
	return string(rs)
}

func isAlnumRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ocrNumber reports whether rs[i:k], a token, is a figure OCR misread.
func ocrNumber(rs []rune, i, k int) bool {
	digits, ocr := 0, 0
	for m := i; m < k; m++ {
		r := rs[m]
		switch {
		case r >= '0' && r <= '9':
			digits++
		case isOCRDigit(r):
			// A lower-case "o" is a zero only between two digits.
			if r == 'o' && !(m > i && m+1 < k && isDigitRune(rs[m-1]) && isDigitRune(rs[m+1])) {
				return false
			}
			ocr++
		case r == '.' || r == ',':
		default:
			return false
		}
	}
	if ocr == 0 {
		return false
	}
	if digits > 0 {
		return true
	}
	// Only "l" and "O": a figure by its place, a day or a month at most.
	if k-i > 2 {
		return false
	}
	for m := i; m < k; m++ {
		if rs[m] == 'o' {
			return false
		}
	}
	after := string(rs[k:min(len(rs), k+8)])
	before := string(rs[max(0, i-8):i])
	if strings.HasPrefix(after, "%") {
		return true
	}
	if strings.HasPrefix(after, "/") && k+1 < len(rs) && isDigitRune(rs[k+1]) ||
		strings.HasSuffix(before, "/") && i >= 2 && isDigitRune(rs[i-2]) {
		return true
	}
	b := strings.ToLower(strings.TrimRight(before, " \u00a0"))
	a := strings.ToLower(strings.TrimLeft(after, " \u00a0"))
	return (strings.HasSuffix(b, "ngày") || strings.HasSuffix(b, "tháng")) &&
		(strings.HasPrefix(a, "tháng") || strings.HasPrefix(a, "năm"))
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// joinHyphenBreak joins a syllable cut by a hyphen at the end of lines[i]
// with its rest at the start of lines[i+1], moving the rest up.
func joinHyphenBreak(lines []string, i int) {
	s := strings.TrimRight(lines[i], " \t\u00a0")
	if len(s) < 2 || s[len(s)-1] != '-' {
		return
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
	if !unicode.IsLetter(prev) {
		return
	}
	next := lines[i+1]
	body := strings.TrimLeft(next, " \t\u00a0")
	first, _ := utf8.DecodeRuneInString(body)
	if !unicode.IsLower(first) {
		return
	}
	end := strings.IndexFunc(body, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(body)
	}
	// One side must lack a vowel, so that it cannot be a syllable of its
	// own: an onset before ("tr-" / "ên"), a final consonant after ("thự-" /
	// "c hiện"). Two whole syllables joined by a dash ("tế-" / "xã") stay.
	head := s[:len(s)-1]
	sp := strings.LastIndexAny(head, " \t\u00a0")
	if hasVowel(head[sp+1:]) && hasVowel(body[:end]) && !oneSyllable(head[sp+1:], body[:end]) {
		return
	}
	lines[i] = head + body[:end]
	lines[i+1] = next[:len(next)-len(body)] + strings.TrimLeft(body[end:], " ")
}

func hasVowel(w string) bool { return strings.ContainsAny(vi.Fold(w), "aeiouy") }

// oneSyllable reports whether a and b, both with a vowel, are the two
// halves of one syllable a hyphen cut in its vowels ("phư-" / "ờng",
// "ngư-" / "ời"): the second opens with a vowel, so the vowels run on
// across the cut, and the two carry one tone mark at most. Two whole
// syllables ("tế-" / "xã", "hóa-" / "ổn") start the second with a
// consonant or carry two tones.
func oneSyllable(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if !hasVowel(string(last)) || !hasVowel(string(first)) {
		return false
	}
	return toneMarks(a)+toneMarks(b) <= 1
}

// toneMarks counts the letters of w that carry a tone mark (sắc, huyền,
// hỏi, ngã, nặng).
func toneMarks(w string) int {
	n := 0
	for _, r := range strings.ToLower(w) {
		if r < 0x80 || !hasVowel(string(r)) {
			continue
		}
		if !strings.ContainsRune("ăâêôơư", r) {
			n++
		}
	}
	return n
}
