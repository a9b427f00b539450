package directive

import (
	"regexp"
	"strings"

	"tiendo"
)

// reNoneAllowed opens a goal that nothing of a kind happen: "không để phát
// sinh nợ đọng mới", "không để phát sinh ca tử vong". With no figure written, it asks
// for none at all: = 0.
var reNoneAllowed = regexp.MustCompile(`(?:^|[\s,;:(])(khong (?:de|duoc|cho) phat sinh)\s+\S`)

// stateWords name a state, not things one counts: "không để phát sinh
// phức tạp" is no target.
var stateWords = map[string]bool{"phuc tap": true, "keo dai": true, "buc xuc": true, "tieu cuc": true}

// zeroTargets finds the "không để phát sinh ..." goals of a folded text
// outside the spans already read as targets.
func zeroTargets(f folded, taken [][2]int) (out []Target, at []int) {
	if !strings.Contains(f.s, "khong ") {
		return nil, nil
	}
	for _, m := range reNoneAllowed.FindAllStringSubmatchIndex(f.s, 10) {
		s, e := m[2], m[3]
		ce := targetEnd(f.s, e)
		if ce <= e || overlaps(taken, s, ce) {
			continue
		}
		rest := f.s[e:ce]
		// "không để phát sinh quá 3 vụ": the figure is the target; "không
		// để xảy ra tăng so với cùng kỳ": a comparison, read elsewhere.
		if strings.ContainsAny(rest, "0123456789") || strings.Contains(rest, "so voi") {
			continue
		}
		if stateWords[strings.TrimSpace(strings.Trim(rest, " ,;.:"))] || strings.Contains(rest, "phuc tap") {
			// "giải quyết ổn định, không để phát sinh phức tạp", "không
			// để phát sinh điểm phức tạp về an ninh": a judgement of how
			// things stand, nothing one counts.
			continue
		}
		text := strings.TrimSpace(strings.Trim(strings.TrimSpace(f.cut(s, ce)), ",;.:"))
		out = append(out, Target{Text: text, Comparator: tiendo.Equal, Value: 0})
		at = append(at, s)
	}
	return out, at
}

// wholeFraction reports whether the number at folded [s, e) closes a
// fraction of a whole, "10/10 xã", "05/05 đơn vị": the same number on both
// sides of the slash, followed by a noun, not a date ("ngày 10/10", "10/10/2025")
// nor a reference. It returns where the fraction starts.
func wholeFraction(f folded, s, e int) (int, bool) {
	str := f.s
	if s < 2 || str[s-1] != '/' || e >= len(str) || str[e] != ' ' || e+1 >= len(str) || !isASCIILetter(str[e+1]) {
		return 0, false
	}
	ps := s - 1
	for ps > 0 && str[ps-1] >= '0' && str[ps-1] <= '9' {
		ps--
	}
	if ps == s-1 || ps > 0 && (isAlnum(str[ps-1]) || strings.IndexByte("/-.,:_", str[ps-1]) >= 0) {
		return 0, false
	}
	a, b := strings.TrimLeft(str[ps:s-1], "0"), strings.TrimLeft(str[s:e], "0")
	if a == "" || a != b {
		return 0, false
	}
	if w := wordsBefore(str, ps, 1); len(w) == 1 && (w[0] == "ngay" || w[0] == "thang" || w[0] == "so") {
		return 0, false
	}
	return ps, true
}
