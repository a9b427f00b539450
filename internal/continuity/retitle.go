package continuity

import (
	"regexp"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// Retitle moves a round's title or subject from period from to period to,
// for a round started from an earlier one: "Báo cáo 6 tháng đầu năm 2022"
// carried into the year 2022 is "Báo cáo năm 2022". It finds from's phrase
// (tiendo.Period.Phrase, with or without the zero of "06 tháng", in any
// case) and writes to's in its place, in the same style. A text that names
// its period some other way is returned as it is, for the office to edit.
func Retitle(s string, from, to tiendo.Period) string {
	old, next := from.Phrase(), to.Phrase()
	if old == "" || next == "" || old == next {
		return s
	}
	for _, variant := range []string{old, noZero(old), strings.Replace(noZero(old), "9 tháng đầu", "9 tháng", 1)} {
		re := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(variant))
		var b strings.Builder
		last := 0
		for _, m := range re.FindAllStringIndex(s, -1) {
			if from.Kind == tiendo.PeriodYear && namesPart(s[:m[0]]) {
				continue // "năm 2022" of "6 tháng đầu năm 2022": not the year's own phrase
			}
			repl := next
			if variant != old {
				repl = noZero(next)
			}
			switch found := s[m[0]:m[1]]; {
			case found == strings.ToUpper(found):
				repl = strings.ToUpper(repl)
			case found[:1] != strings.ToLower(found[:1]):
				repl = vi.UpperFirst(repl)
			}
			b.WriteString(s[last:m[0]])
			b.WriteString(repl)
			last = m[1]
		}
		if last > 0 {
			return b.String() + s[last:]
		}
	}
	return s
}

// noZero writes a phrase as screens and many titles do: "6 tháng đầu năm
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
