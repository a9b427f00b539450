package compose

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"tiendo"
)

// shares is what a task's item adds when the task's lead units share its
// targets out (Target.ReportedBy): "; trong đó, Phòng A báo cáo chỉ tiêu
// giảm tỷ lệ hộ nghèo; Phòng B báo cáo các chỉ tiêu xây dựng trường học
// đạt chuẩn quốc gia và nâng tỷ lệ huy động trẻ nhà trẻ ra lớp", so that
// the units receiving the letter learn the split the office chose. It is
// "" for a task with one lead unit or whose targets every lead unit
// reports.
//
// It is a clause of the item's sentence, before "(nhiệm vụ N)", as a
// directive writes it: the parser reads it back as part of the task's text
// (the only place an item says more about its task) and finds no target in
// it, because the targets are named without their numbers (targetName).
// Units are separated by semicolons, as their names and the targets' may
// hold commas; a target left to every lead unit is said last ("mỗi đơn vị
// đều báo cáo chỉ tiêu ..."), and one given to a unit the letter does not
// name is left out.
func shares(in Input, t *tiendo.Task) string {
	leads, _ := assignees(in, t)
	if len(leads) < 2 || !slices.ContainsFunc(t.Targets, func(g *tiendo.Target) bool { return g != nil && g.ReportedBy != 0 }) {
		return ""
	}
	byUnit := map[int64][]string{}
	n := 0
	for _, g := range t.Targets {
		if g == nil {
			continue
		}
		n++
		byUnit[g.ReportedBy] = append(byUnit[g.ReportedBy], targetName(g, n))
	}
	var parts []string
	for _, id := range leads {
		if names := byUnit[id]; len(names) > 0 && unitName(in, id) != "" {
			parts = append(parts, unitName(in, id)+" báo cáo "+targetList(names))
		}
	}
	if names := byUnit[0]; len(names) > 0 {
		parts = append(parts, "mỗi đơn vị đều báo cáo "+targetList(names))
	}
	if len(parts) == 0 {
		return ""
	}
	return "; trong đó, " + strings.Join(parts, "; ")
}

// targetList names targets after "báo cáo": "chỉ tiêu X", "các chỉ tiêu X
// và Y".
func targetList(names []string) string {
	if len(names) == 1 {
		return "chỉ tiêu " + names[0]
	}
	return "các chỉ tiêu " + joinAnd(names)
}

// comparatorWords say how a number compares ("từ 3% trở lên", "không vượt
// quá 10%"), folded, longest first; they go with the number when a target
// is named.
var comparatorWords = [][]string{
	{"khong", "vuot", "qua"}, {"khong", "thap", "hon"}, {"khong", "it", "hon"},
	{"khong", "qua"}, {"toi", "da"}, {"khong", "duoi"}, {"it", "nhat"}, {"toi", "thieu"}, {"cao", "hon"},
	{"lon", "hon"}, {"nhieu", "hon"}, {"thap", "hon"}, {"nho", "hon"}, {"it", "hon"},
	{"tu"}, {"tren"}, {"vuot"}, {"hon"}, {"duoi"}, {"khoang"},
}

// measures are units of measure (folded words, longest first): said with
// the number they measure, they go with it.
var measures = [][]string{
	{"nghin", "ty", "dong"}, {"ty", "dong"}, {"trieu", "dong"}, {"nghin", "dong"}, {"trieu", "usd"}, {"ty", "usd"},
	{"nghin", "tan"}, {"trieu", "tan"}, {"nghin", "ha"}, {"ha"}, {"km"}, {"km2"}, {"m"}, {"m2"}, {"m3"},
	{"tan"}, {"kg"}, {"dong"}, {"usd"}, {"mw"}, {"kwh"},
}

// levelWords stand between a verb and a level ("đạt 42%", "ở mức 4,5%",
// "có 02"): they go with a percentage, and with a count only after a
// comparator ("ít nhất có 02 sản phẩm").
var levelWords = map[string]bool{"dat": true, "la": true, "o": true, "muc": true, "con": true, "len": true, "xuong": true, "co": true, "duoc": true}

// referenceWords before a number make it a date or a reference ("năm
// 2022", "Nghị quyết số 08/2019/NQ-HĐND"), which goes with them.
var referenceWords = map[string]bool{"so": true, "nam": true, "thang": true, "ngay": true, "quy": true, "khoa": true, "lan": true, "dot": true, "dieu": true, "khoan": true}

// targetName names a target in a sentence without its numbers: "Giảm tỷ lệ
// hộ nghèo từ 3% trở lên" is "giảm tỷ lệ hộ nghèo", "Phân đấu xây dựng 02
// trường học đạt chuẩn quốc gia" is "xây dựng trường học đạt chuẩn quốc
// gia". A number in the letter's text outside the target's own place would
// be read back as a target of its own. A target whose text says nothing
// else is the n-th of its task ("chỉ tiêu thứ hai").
func targetName(g *tiendo.Target, n int) string {
	words := strings.Fields(oneLine(g.Text))
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = strings.Trim(fold(w), ",;:.!?()-–\"“”'")
	}
	drop := make([]bool, len(words))
	// ends reports whether the comparator c ends at word k.
	ends := func(c []string, k int) bool {
		if k+1 < len(c) {
			return false
		}
		for j := range c {
			if folded[k-len(c)+1+j] != c[j] || (j < len(c)-1 && endsClause(words[k-len(c)+1+j])) {
				return false
			}
		}
		return true
	}
	for i, w := range words {
		if !strings.ContainsFunc(w, unicode.IsDigit) {
			continue
		}
		drop[i] = true
		// A percentage or a measure ("20 ha", "1.250 tỷ đồng") is a level,
		// which goes with the words that lead to it ("đạt"); a count names
		// what is counted ("02 trường học").
		level := strings.HasSuffix(strings.TrimRight(w, ",;:.)"), "%")
		if i+1 < len(words) && strings.HasPrefix(words[i+1], "%") {
			drop[i+1], level = true, true
		}
		for _, m := range measures {
			if i+len(m) < len(words) && slices.Equal(folded[i+1:i+1+len(m)], m) && !slices.ContainsFunc(words[i+1:i+len(m)], endsClause) {
				for j := range m {
					drop[i+1+j] = true
				}
				level = true
				break
			}
		}
		if i > 0 && referenceWords[folded[i-1]] && !endsClause(words[i-1]) {
			drop[i-1] = true
			continue
		}
		// Back over the comparator and the level words before the number.
		k, from := i, i
		for k > 0 && !endsClause(words[k-1]) {
			matched := false
			for _, c := range comparatorWords {
				if ends(c, k-1) {
					k -= len(c)
					from, matched = k, true
					break
				}
			}
			if matched {
				continue
			}
			if !levelWords[folded[k-1]] {
				break
			}
			k--
			if level {
				from = k
			}
		}
		for j := from; j < i; j++ {
			drop[j] = true
		}
	}
	for i := 0; i+1 < len(words); i++ {
		if folded[i] == "tro" && (folded[i+1] == "len" || folded[i+1] == "xuong") {
			drop[i], drop[i+1] = true, true
		}
	}
	var kept []string
	for i, w := range words {
		if !drop[i] {
			kept = append(kept, w)
			continue
		}
		// A dropped word's comma or semicolon stays with the words before it.
		if p := strings.TrimPrefix(w, strings.TrimRight(w, ",;")); p != "" && len(kept) > 0 && !endsClause(kept[len(kept)-1]) {
			kept[len(kept)-1] += p
		}
	}
	// "Phấn đấu" only says the target is one.
	for len(kept) >= 2 && fold(kept[0]) == "phan" && fold(kept[1]) == "dau" {
		kept = kept[2:]
	}
	for len(kept) > 0 {
		last := strings.TrimRight(kept[len(kept)-1], ",;:.-–")
		if last == "" || danglingWords[fold(last)] {
			kept = kept[:len(kept)-1]
			continue
		}
		kept[len(kept)-1] = last
		break
	}
	if len(kept) < 2 {
		return "thứ " + ordinal(n)
	}
	return lowerFirst(strings.Join(kept, " "))
}

// danglingWords cannot end a target's name: they were said of the number
// the name leaves out.
var danglingWords = map[string]bool{"va": true, "voi": true, "dat": true, "tu": true, "cua": true, "theo": true, "la": true, "o": true, "co": true, "den": true, "tai": true, "trong": true, "muc": true}

// endsClause reports whether word w ends with a comma, a semicolon, a
// colon or a full stop: a comparator does not reach over it.
func endsClause(w string) bool { return strings.ContainsAny(w[len(w)-1:], ",;:.") }

// ordinal is the Vietnamese ordinal of n ("nhất", "hai", "tư"), in words
// up to ten: the parser reads no target in "thứ 11" either, but a letter
// writes small ordinals in words.
func ordinal(n int) string {
	words := []string{"nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"}
	if n >= 1 && n <= len(words) {
		return words[n-1]
	}
	return strconv.Itoa(n)
}
