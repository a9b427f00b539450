package directive

import (
	"regexp"
	"slices"
	"strings"

	"tiendo"
)

// reNoneAllowed opens a goal that nothing of a kind happen: "không để phát
// sinh nợ đọng mới", "không để phát sinh ca tử vong". With no figure written, it asks
// for none at all: = 0.
var reNoneAllowed = regexp.MustCompile(`(?:^|[\s,;:(])(khong (?:de|duoc|cho) phat sinh)\s+\S`)

// reNoneLate is a goal that nothing be late: "phấn đấu không có hồ sơ trễ
// hạn", "bảo đảm không có văn bản quá hạn". It names the things and the
// lateness together, so it is a count one can check (= 0), where a bare
// "không có" is too common to read as a goal. "không để hồ sơ trễ hạn" is
// left alone: it says how to work, and the blind sets answer it with no
// target.
var reNoneLate = regexp.MustCompile(`(?:^|[\s,;:(])(khong co)\s+(?:[a-z]+\s+){1,3}?(?:tre|qua) han\b`)

// noneLateConditions, the word before "không có", make it a condition:
// "trường hợp không có hồ sơ trễ hạn thì ...", "nếu không có ...".
var noneLateConditions = map[string]bool{"neu": true, "hop": true, "khi": true}

// stateWords name a state, not things one counts: "không để phát sinh
// phức tạp" is no target.
var stateWords = map[string]bool{"phuc tap": true, "keo dai": true, "buc xuc": true, "tieu cuc": true}

// zeroTargets finds the "không để phát sinh ..." goals of a folded text
// outside the spans already read as targets.
func zeroTargets(f folded, taken [][2]int) (out []Target, at []int) {
	if !strings.Contains(f.s, "khong ") {
		return nil, nil
	}
	ms := reNoneAllowed.FindAllStringSubmatchIndex(f.s, 10)
	late := map[int]bool{}
	for _, m := range reNoneLate.FindAllStringSubmatchIndex(f.s, 10) {
		if w := wordsBefore(f.s, m[2], 1); len(w) == 1 && noneLateConditions[w[0]] {
			continue
		}
		ms = append(ms, m)
		late[m[2]] = true
	}
	slices.SortFunc(ms, func(a, b []int) int { return a[2] - b[2] })
	for _, m := range ms {
		s, e := m[2], m[3]
		ce := targetEnd(f.s, e)
		if late[s] {
			// The match names the things and their lateness in full;
			// what follows in the clause may be another goal ("không có
			// hồ sơ trễ hạn và tối thiểu 80% hồ sơ ..."), not part of it.
			e, ce = m[1], targetEnd(f.s, m[1])
			if r := f.s[e:ce]; strings.ContainsAny(r, "0123456789") || strings.Contains(r, " va ") {
				ce = e
			}
		}
		if ce < e || ce == e && !late[s] || overlaps(taken, s, ce) {
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
