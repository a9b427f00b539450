package continuity

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// Retitle moves a round's title or subject from period from to period to,
// for a round started from an earlier one: "Báo cáo 6 tháng đầu năm 2022"
// carried into the year 2022 is "Báo cáo năm 2022". It finds from's phrase
// (tiendo.Period.Phrase, written "06 tháng" or "6 tháng", "9 tháng năm" for
// nine months, in any case) as whole words and writes to's in its place,
// with the zero only where the text had one. A text that names its period
// some other way, or names another year as well ("kết quả năm 2025,
// phương hướng năm 2026"), is returned as it is, for the office to edit.
func Retitle(s string, from, to tiendo.Period) string {
	old, next := from.Phrase(), to.Phrase()
	if old == "" || next == "" || old == next {
		return s
	}
	variants := []string{regexp.QuoteMeta(old), regexp.QuoteMeta(noZero(old))}
	if from.Kind == tiendo.PeriodNineMonth {
		variants = append(variants, regexp.QuoteMeta(strings.Replace(noZero(old), "9 tháng đầu", "9 tháng", 1)))
	}
	re := regexp.MustCompile(`(?i)` + strings.Join(variants, "|"))
	var b, rest strings.Builder // rest: the text outside the phrases moved
	last := 0
	for _, m := range re.FindAllStringIndex(s, -1) {
		if !wordEdge(s[:m[0]], false) || !wordEdge(s[m[1]:], true) {
			continue // inside another word or number: "16 tháng đầu năm 2022"
		}
		if from.Kind == tiendo.PeriodYear && namesPart(s[:m[0]]) {
			continue // "năm 2022" of "6 tháng đầu năm 2022": not the year's own phrase
		}
		found := s[m[0]:m[1]]
		repl := noZero(next)
		if strings.HasPrefix(found, "0") {
			repl = next
		}
		switch {
		case found == strings.ToUpper(found):
			repl = strings.ToUpper(repl)
		case found[:1] != strings.ToLower(found[:1]):
			repl = vi.UpperFirst(repl)
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(repl)
		rest.WriteString(s[last:m[0]] + " ")
		last = m[1]
	}
	if last == 0 {
		return s
	}
	// Any year left outside the phrases moved belongs to another period or
	// to a document cited; the text is the office's to rewrite.
	if rest.WriteString(s[last:]); yearRE.MatchString(rest.String()) {
		return s
	}
	return b.String() + s[last:]
}

var yearRE = regexp.MustCompile(`(^|\D)(19|20|21)\d\d($|\D)`)

// wordEdge reports whether a phrase may end (before) or start (after) at
// this edge of text: no letter or digit touches it.
func wordEdge(text string, after bool) bool {
	var r rune
	if after {
		r, _ = utf8.DecodeRuneInString(text)
	} else {
		r, _ = utf8.DecodeLastRuneInString(text)
	}
	return text == "" || !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

// noZero writes a phrase as screens and most titles do: "6 tháng đầu năm
// 2022" for "06 tháng đầu năm 2022".
func noZero(p string) string {
	return strings.TrimPrefix(p, "0")
}

// namesPart reports whether the text before a "năm 2022" ends with the
// words of a part of the year ("6 tháng đầu", "quý III", "tháng 10").
func namesPart(before string) bool {
	words := strings.Fields(vi.Fold(before))
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	switch last {
	case "dau", "cuoi", "i", "ii", "iii", "iv", "thang":
		return true
	}
	return strings.Trim(last, "0123456789") == ""
}
