package directive

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// A target states either a change or a level. "tăng 10%", "giảm tỷ lệ hộ
// nghèo 3%", "tăng thêm 200 ha": the verb of change is followed by the
// amount, and the unit reports how much the measure moved (Direction
// "increase" or "decrease"). "nâng tỷ lệ ... đạt 42%", "giảm tỷ lệ hộ nghèo
// xuống còn 3%", "tăng lên 12 xã": a level word stands between the verb and
// the number, and the number is where the measure must end up; the unit
// reports the measure itself (Direction "", the comparator saying which side
// of the level is good). The verb only says which way the measure is pushed.

// word is one word of a folded clause: its folded form, its original
// lower-cased, and where it starts in the folded text.
type word struct {
	f, orig string
	at      int
}

// clauseWords splits the folded range [i, j) into words of letters and
// digits, with their originals.
func clauseWords(f folded, i, j int) []word {
	var ws []word
	for k := i; k < j; {
		if !isAlnum(f.s[k]) {
			k++
			continue
		}
		st := k
		for k < j && isAlnum(f.s[k]) {
			k++
		}
		ws = append(ws, word{f: f.s[st:k], orig: strings.ToLower(f.cut(st, k)), at: st})
	}
	return ws
}

// changeVerb reports whether ws[i] is a verb that pushes a measure, and
// which way: "increase", "decrease", or "" for "đưa" ("đưa tỷ lệ ... lên
// 50%"), which only ever brings a measure to a level. Folding merges words
// the original tells apart: "giảm" and "giám" (giám sát), "tăng" and "tầng",
// "hạ" and "ha" (hectare) or "Hạ" (Hạ Long).
func changeVerb(f folded, ws []word, i int) (dir string, ok bool) {
	next := ""
	if i+1 < len(ws) {
		next = ws[i+1].f
	}
	// The word before may lie before the clause: "miễn, giảm học phí".
	prev := ""
	pre := strings.ReplaceAll(f.s[max(0, ws[i].at-40):ws[i].at], ",", " ")
	if b := wordsBefore(pre, len(pre), 1); len(b) == 1 {
		prev = b[0]
	}
	switch w := ws[i]; {
	case w.f == "tang" && w.orig == "tăng":
		// "tăng cường" strengthens; it sets no amount. "tăng huyết áp"
		// is hypertension, "tăng trưởng" growth named as a measure.
		return "increase", next != "cuong" && next != "huyet"
	case w.f == "nang" && w.orig == "nâng":
		// "nâng cấp 15 km đường" upgrades 15 km: a count, not a rise.
		// "xã nông thôn mới nâng cao" names a standard. "nâng cao năng
		// lực", "nâng cao chất lượng" improve what has no figure; only a
		// measure named after "nâng cao" ("nâng cao tỷ lệ ...") is pushed.
		if next == "cao" && (prev == "moi" || i+2 < len(ws) && !raisesMeasure(ws[i+2:])) {
			return "", false
		}
		return "increase", next != "cap"
	case w.f == "giam" && w.orig == "giảm":
		// "miễn, giảm học phí cho 200 học sinh" exempts; it counts pupils.
		// "giảm nghèo" names the work ("cán bộ làm công tác giảm nghèo",
		// "Chương trình giảm nghèo"), not an amount of change; it may
		// still come before a level ("tỷ lệ giảm nghèo đạt 2%").
		if next == "ngheo" {
			return "", true
		}
		return "decrease", prev != "mien"
	case w.f == "ha" && w.orig == "hạ":
		// "hạ" is a verb of change only before what it lowers; elsewhere
		// it is "hạ tầng", "hạ lưu", "hạ cánh".
		switch next {
		case "thap", "ty", "ti", "muc", "gia", "lai", "chi", "so", "xuong", "con":
			return "decrease", true
		}
	case w.f == "dua" && w.orig == "đưa":
		return "", true
	}
	return "", false
}

// measuresRaised are the measures "nâng cao" may push, folded: "nâng cao
// tỷ lệ ...", "nâng cao thu nhập", "nâng cao chỉ số".
var measuresRaised = []string{
	"ty le ", "ti le ", "so ", "muc ", "thu nhap ", "chi so ", "nang suat ", "toc do ", "gia tri ",
	"diem ", "tong ", "doanh thu ", "san luong ",
}

// raisesMeasure reports whether the words after "nâng cao" name a measure.
func raisesMeasure(ws []word) bool {
	var b strings.Builder
	for _, w := range ws[:min(3, len(ws))] {
		b.WriteString(w.f + " ")
	}
	return startsWithAny(b.String(), measuresRaised)
}

// holdVerb reports whether ws[i] is a verb that keeps a measure at a
// level: "giữ", "giữ vững", "duy trì".
func holdVerb(ws []word, i int) bool {
	return ws[i].orig == "giữ" || ws[i].f == "tri" && ws[i].orig == "trì" && i > 0 && ws[i-1].orig == "duy"
}

// levelSkip are words that may stand between a level word and its number
// without changing what the number is: "đạt được 42%", "lên mức 60 triệu
// đồng", "xuống còn khoảng 3%", "lên đến 90%", "chỉ còn 2 xã".
var levelSkip = map[string]bool{
	"duoc": true, "muc": true, "khoang": true, "gan": true, "xap": true, "xi": true,
	"den": true, "toi": true, "chi": true,
}

// levelWord returns which side of its number a level word puts the goal on:
// +1 reach it or more ("đạt", "lên"), -1 come down to it or less ("xuống",
// "còn"), 0 the verb decides ("ở mức", "bằng").
func levelWord(w word, skippedMuc bool) (side int, ok bool) {
	switch {
	case w.f == "dat" && w.orig == "đạt", w.f == "len" && w.orig == "lên":
		return +1, true
	case w.f == "xuong" && w.orig == "xuống", w.f == "con" && w.orig == "còn":
		return -1, true
	case w.f == "bang" && w.orig == "bằng", w.f == "o" && w.orig == "ở" && skippedMuc:
		return 0, true
	}
	return 0, false
}

// changeOrLevel reads the clause before a number, folded range [cs, s): the
// nearest verb of change and whether a level word stands between it and the
// number. It returns the target's direction, and for a level the comparator
// the phrase implies when none is written (the caller keeps a written one:
// "lên trên 80%" is ">", "xuống còn dưới 3%" is "<").
//
// What an official means by a level without a comparator:
//
//	"nâng tỷ lệ ... đạt 42%", "tăng lên 12 xã", "lên mức 60 triệu đồng":
//	    reach it; more is better: ">=".
//	"giảm tỷ lệ hộ nghèo xuống (còn) 3%", "hạ ... còn 2%": come down to it;
//	    less is better, so 3% itself is met: "<=".
//	"ở mức", "bằng": the verb decides: ">=" after "tăng"/"nâng", "<=" after
//	    "giảm"/"hạ"; after "đưa" the comparator stays "=".
func changeOrLevel(f folded, cs, s int) (dir string, level bool, cmp tiendo.Comparator) {
	ws := clauseWords(f, cs, s)
	verb := -1
	for i := len(ws) - 1; i >= 0 && verb < 0; i-- {
		if holdVerb(ws, i) {
			// "nâng cao chất lượng tín dụng, giữ tỷ lệ nợ quá hạn không
			// vượt quá 0,3%": the nearer verb keeps the measure where it
			// is; the one before pushes something else.
			return "", false, ""
		}
		if d, ok := changeVerb(f, ws, i); ok {
			verb, dir = i, d
		}
	}
	if verb < 0 {
		return "", false, ""
	}
	// Walk back from the number over written comparators and the words
	// that may follow a level word, to the word that says level or not.
	i := len(ws) - 1
	skippedMuc := false
	for i > verb {
		if n := comparatorAt(ws, i); n > 0 {
			i -= n
			continue
		}
		if levelSkip[ws[i].f] && ws[i].orig != "mục" {
			skippedMuc = skippedMuc || ws[i].f == "muc"
			i--
			continue
		}
		break
	}
	if i <= verb {
		// The verb is followed by the amount, perhaps with a comparator:
		// "tăng 10%", "giảm ít nhất 2%", "tăng thêm 200 ha" ("thêm" stops
		// the walk as any other word would).
		return dir, false, ""
	}
	side, ok := levelWord(ws[i], skippedMuc)
	// "sinh con thứ 3 trở lên 0,5%": "trở lên" belongs to the subject.
	if !ok || ws[i-1].f == "tro" {
		// "giảm tỷ lệ hộ nghèo 3%": the measure named, then the amount.
		return dir, false, ""
	}
	if side == 0 {
		side = map[string]int{"increase": +1, "decrease": -1}[dir]
	}
	cmp = tiendo.Equal
	switch side {
	case +1:
		cmp = tiendo.AtLeast
	case -1:
		cmp = tiendo.AtMost
	}
	return "", true, cmp
}

// comparatorAt returns how many words of a written comparator end at
// ws[i] ("không quá", "dưới"), 0 if none does. "từ" counts only as written
// ("tư" is "four" or "invest").
func comparatorAt(ws []word, i int) int {
	for _, pc := range prefixComparators {
		pw := strings.Fields(pc.words)
		if len(pw) > i+1 {
			continue
		}
		match := true
		for k, w := range pw {
			match = match && ws[i+1-len(pw)+k].f == w
		}
		if match && (pc.words != "tu" || ws[i].orig == "từ") {
			return len(pw)
		}
	}
	return 0
}

// verbStart returns where to look for the verb of the number at offset i:
// as targetStart, from the last ";", ":" or sentence end (not before
// floor), on to the last comma that opens a clause of its own; but a
// bracket does not end it, since "giảm tỷ lệ hộ nghèo (đa chiều) xuống còn
// 3%" pushes the measure with the verb before the bracket.
func verbStart(s string, i, floor int) int {
	start := max(floor, i-300)
	for k := i - 1; k >= start; k-- {
		c := s[k]
		if c == ';' || c == ':' || c == '.' && k+1 < len(s) && s[k+1] == ' ' {
			start = k + 1
			break
		}
	}
	for k := i - 1; k > start; k-- {
		if s[k] == ',' && k+1 < len(s) && s[k+1] == ' ' && opensMeasure(strings.TrimLeft(s[k+1:i], " ")) {
			return k + 1
		}
	}
	return start
}

// isBaseline reports whether the number at folded [s, unitEnd) is the
// starting level of a change stated by its two ends: the 40% of "nâng tỷ lệ
// từ 40% lên 45%" or of "giảm từ 5% (năm 2021) xuống còn 3%". The target is
// the second number; the first is where the measure stands now.
func isBaseline(f folded, s, unitEnd int) bool {
	if origWordJustBefore(f, s) != "từ" {
		return false
	}
	// The clause goes on to the next ";", ":", "," or sentence end; a
	// bracket does not end it here.
	end := unitEnd
	for end < len(f.s) && !(f.s[end] == ';' || f.s[end] == ':' || (f.s[end] == ',' || f.s[end] == '.') && (end+1 == len(f.s) || f.s[end+1] == ' ')) {
		end++
	}
	ws := clauseWords(f, unitEnd, end)
	// "(năm 2021)", "cuối năm 2021" may date the starting level.
	i := 0
	for i < len(ws) && i < 4 && (ws[i].f == "nam" || ws[i].f == "cuoi" || ws[i].f == "dau" || isYear(ws[i].f)) {
		i++
	}
	if i >= len(ws) {
		return false
	}
	if _, ok := levelWord(ws[i], false); !ok || ws[i].f == "dat" || ws[i].f == "bang" {
		return false
	}
	// A number must follow the level word, past comparators and fillers.
	for i++; i < len(ws) && i < 8; i++ {
		if ws[i].f[0] >= '0' && ws[i].f[0] <= '9' {
			return true
		}
	}
	return false
}

func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && strings.Trim(w, "0123456789") == ""
}

// origWordJustBefore returns the original word just before folded offset
// i, lower-cased, skipping nothing.
func origWordJustBefore(f folded, i int) string {
	st, j := wordSpanBefore(f, i)
	return strings.ToLower(f.cut(st, j))
}

// wordSpanBefore returns the folded offsets [st, j) of the word just before
// offset i, past the spaces between; st == j when there is none.
func wordSpanBefore(f folded, i int) (st, j int) {
	j = i
	for j > 0 && f.s[j-1] == ' ' {
		j--
	}
	st = j
	for st > 0 && isAlnum(f.s[st-1]) {
		st--
	}
	return st, j
}

// reBareComparison is a comparison with the same measure of an earlier
// period that gives no number: "bằng hoặc cao hơn năm 2025", "không thấp
// hơn cùng kỳ", "giảm so với cùng kỳ". It asks for a change of at least (or
// more than) nothing, which is a target as much as "tăng 10%" is.
var reBareComparison = regexp.MustCompile(`\b(bang hoac cao hon|bang hoac vuot|bang hoac lon hon|khong thap hon|khong it hon|khong giam so voi|cao hon|lon hon|nhieu hon|vuot|tang so voi|thap hon|it hon|giam so voi|khong tang so voi|khong vuot|khong cao hon|bang hoac thap hon)\s+(?:so voi\s+)?(cung ky|nam truoc|nam \d{4}|ke hoach|du toan)\b`)

// bareAsk is what a bare comparison asks: a change of its direction, by
// its comparator, of nothing.
type bareAsk struct {
	cmp tiendo.Comparator
	dir string
}

// bareComparisons are the phrases of reBareComparison by what they ask:
// the comparator and the direction of the change, as "tăng ít nhất 0%".
var bareComparisons = map[string]bareAsk{
	"bang hoac cao hon": {tiendo.AtLeast, "increase"}, "bang hoac vuot": {tiendo.AtLeast, "increase"},
	"bang hoac lon hon": {tiendo.AtLeast, "increase"}, "khong thap hon": {tiendo.AtLeast, "increase"},
	"khong it hon": {tiendo.AtLeast, "increase"}, "khong giam so voi": {tiendo.AtLeast, "increase"},
	"cao hon": {tiendo.MoreThan, "increase"}, "lon hon": {tiendo.MoreThan, "increase"},
	"nhieu hon": {tiendo.MoreThan, "increase"}, "vuot": {tiendo.MoreThan, "increase"},
	"tang so voi": {tiendo.MoreThan, "increase"},
	"thap hon":    {tiendo.MoreThan, "decrease"}, "it hon": {tiendo.MoreThan, "decrease"},
	"giam so voi":       {tiendo.MoreThan, "decrease"},
	"khong tang so voi": {tiendo.AtLeast, "decrease"}, "khong vuot": {tiendo.AtLeast, "decrease"},
	"khong cao hon": {tiendo.AtLeast, "decrease"}, "bang hoac thap hon": {tiendo.AtLeast, "decrease"},
}

// bareTargets finds the comparisons without a number in a folded text
// (see reBareComparison), each in a clause of its own: taken are the spans
// from the number to the end of the text of the targets with numbers, and a
// clause starts after the last of them before it ("đạt 18,5 tỷ đồng, bằng
// hoặc cao hơn năm 2025" is two targets). A comparison that only says which
// indicators to explain is none (asksReport), and one under "không để" asks
// the other way (negatedBare).
func bareTargets(f folded, taken [][2]int) (out []Target, at []int) {
	for _, m := range reBareComparison.FindAllStringSubmatchIndex(f.s, 20) {
		floor := 0
		for _, sp := range taken {
			if sp[1] <= m[0] {
				floor = max(floor, sp[1])
			}
		}
		cs, ce := targetStart(f.s, m[0], floor), targetEnd(f.s, m[1])
		if overlaps(taken, cs, ce) || !yearsOnly(f.s[cs:ce]) {
			continue
		}
		if asksReport(f, cs, m[0], m[1]) {
			continue
		}
		bc, ok := negatedBare(f, floor, m[0], f.s[m[2]:m[3]])
		if !ok {
			continue
		}
		rel := ""
		switch base := f.s[m[4]:m[5]]; {
		case base == "cung ky" || base == "nam truoc":
			rel = "same-period"
		case base == "ke hoach":
			rel = "plan"
		case base == "du toan":
			rel = "estimate"
		}
		text := strings.TrimSpace(strings.TrimLeft(strings.Trim(strings.TrimSpace(f.cut(cs, ce)), ",;.:"), "-–+•· "))
		out = append(out, Target{Text: text, Comparator: bc.cmp, Value: 0, Unit: "%", Direction: bc.dir, RelativeTo: rel})
		at = append(at, m[0])
	}
	return out, at
}

// bareNegators forbid or hold back what follows them: "không để số vụ tai
// nạn tăng so với cùng kỳ" asks that it not rise. A limiter ("hạn chế",
// "kiềm chế") holds back a rise and goes along with a fall ("kiềm chế,
// giảm so với cùng kỳ"); a negator turns either around. orig, when set, is
// the word as written, since folding merges "tránh" with "tranh" (cạnh
// tranh, tranh chấp).
var bareNegators = []struct {
	words, orig string
	limit       bool
}{
	{"khong de", "không để", false}, {"khong duoc", "", false}, {"khong cho", "không cho", false},
	{"tranh", "tránh", false}, {"ngan chan", "", false}, {"ngan ngua", "", false},
	{"han che", "hạn chế", true}, {"kiem che", "kiềm chế", true},
}

// negatedBare returns what a bare comparison asks, phrase at folded
// offset at, given the words of its sentence before it (from floor): a
// negator in the phrase's own clause turns "more than nothing" up into "at
// least nothing" down ("không để ... tăng so với cùng kỳ" is "không tăng so
// với cùng kỳ") and the other way round. A negator in an earlier clause of
// the sentence governs its own ("tránh để tái nghèo, tỷ lệ hộ nghèo giảm so
// với cùng kỳ"), unless the phrase would ask a harm to grow: then it
// governs a list of them ("không để số vụ tai nạn, số người chết tăng").
// ok is false when no target can be told: a negated "bằng hoặc cao hơn" or
// "không tăng" says nothing one can check.
func negatedBare(f folded, floor, at int, phrase string) (bc bareAsk, ok bool) {
	bc = bareComparisons[phrase]
	ss := sentenceStart(f, floor, at)
	cl := commaClauseStart(f, ss, at)
	neg, limit := lastNegator(clauseWords(f, cl, at))
	if neg < 0 && bc.dir == "increase" && isHarm(clauseWords(f, cl, at)) {
		// A rise of a harm under an earlier clause's negator ("không để
		// xảy ra cháy nổ, số vụ tai nạn tăng ...") most likely means it
		// must not rise, but not always ("ngăn chặn tội phạm ma túy, số
		// vụ bị phát hiện tăng" asks detections to grow): no target
		// rather than one pointing the wrong way; the office adds it.
		if n, _ := lastNegator(clauseWords(f, ss, cl)); n >= 0 {
			return bc, false
		}
	}
	if neg < 0 || limit && bc.dir == "decrease" {
		return bc, true
	}
	if bc.cmp != tiendo.MoreThan {
		return bc, false
	}
	bc.cmp = tiendo.AtLeast
	bc.dir = map[string]string{"increase": "decrease", "decrease": "increase"}[bc.dir]
	return bc, true
}

// lastNegator returns the index in ws of the last of bareNegators, or -1,
// and whether it is a limiter.
func lastNegator(ws []word) (neg int, limit bool) {
	for i := len(ws) - 1; i >= 0; i-- {
		for _, n := range bareNegators {
			nw := strings.Fields(n.words)
			if i+len(nw) > len(ws) || n.orig != "" && !strings.HasPrefix(strings.Join(origWords(ws[i:i+len(nw)]), " "), n.orig) {
				continue
			}
			match := true
			for k, w := range nw {
				match = match && ws[i+k].f == w
			}
			if match {
				return i, n.limit
			}
		}
	}
	return -1, false
}

// harms are measures no directive asks to grow: a comparison that would
// have one of them rise is under a negator of an earlier clause.
var harms = []string{
	"so vu", "tai nan", "chay no", "vu chay", "toi pham", "vi pham", "nguoi chet", "tu vong",
	"bi thuong", "thiet hai", "no dong", "no xau", "tai ngheo", "ho ngheo", "o nhiem", "ma tuy",
}

// isHarm reports whether the words ws name one of harms.
func isHarm(ws []word) bool {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(" " + w.f)
	}
	b.WriteString(" ")
	for _, h := range harms {
		if strings.Contains(b.String(), " "+h+" ") {
			return true
		}
	}
	return false
}

// sentenceStart returns where the sentence of folded offset at starts:
// after the last ";", ":", bracket or full stop before it, not before
// floor.
func sentenceStart(f folded, floor, at int) int {
	for k := at - 1; k >= floor; k-- {
		if c := f.s[k]; c == ';' || c == ':' || c == '(' || c == ')' || c == '.' && k+1 < len(f.s) && f.s[k+1] == ' ' {
			return k + 1
		}
	}
	return floor
}

// commaClauseStart returns where the comma-separated clause of folded
// offset at starts: after the last ", " between ss and at, or ss.
func commaClauseStart(f folded, ss, at int) int {
	for k := at - 1; k >= ss; k-- {
		if f.s[k] == ',' && k+1 < len(f.s) && f.s[k+1] == ' ' {
			return k + 1
		}
	}
	return ss
}

// origWords returns the originals of words.
func origWords(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.orig
	}
	return out
}

// reportVerbs open a clause that asks for an account, not a result:
// "phân tích rõ nguyên nhân đối với các chỉ tiêu đạt thấp hơn kế hoạch".
var reportVerbs = []string{"phan tich", "danh gia", "neu ro", "lam ro", "chi ro", "bao cao", "giai trinh", "thuyet minh"}

// reportObjects may follow a verb of reporting that takes an object: a
// determiner, a manner, a preposition or a noun of account ("đánh giá các
// nhiệm vụ", "làm rõ kết quả", "báo cáo về"). Any other word makes the verb
// part of a noun, the subject of the comparison: "báo cáo viên pháp luật",
// "đánh giá xếp loại chất lượng tổ chức cơ sở đảng". "nêu rõ", "làm rõ"
// and "chỉ rõ" are verbs whatever follows.
var reportObjects = []string{
	"cac", "nhung", "moi", "tung", "toan bo", "ro", "cu the", "day du", "ky", "chi tiet", "ve", "doi voi",
	"viec", "nguyen nhan", "ket qua", "tinh hinh", "thuc trang", "thuc chat", "thuc hien", "ly do",
	"muc do", "so lieu", "trach nhiem", "chi tieu", "nhiem vu", "han che", "ton tai",
}

// subjectFillers may stand between "chỉ tiêu" and the comparison it is the
// subject of: "chỉ tiêu có kết quả thấp hơn cùng kỳ". "đạt", "được" and
// "giao" are not among them: "đạt chỉ tiêu được giao, cao hơn cùng kỳ"
// reaches an indicator.
var subjectFillers = map[string]bool{
	"nao": true, "co": true, "ket": true, "qua": true, "thuc": true,
	"hien": true, "van": true, "con": true, "chua": true, "muc": true,
}

// asksReport reports whether the bare comparison at folded [at, end), in
// the clause starting at cs, is the condition of a report instruction
// rather than a target: its clause opens with a verb of reporting and its
// object; in its own comma-separated clause its subject is indicators or
// tasks in general ("các chỉ tiêu đạt thấp hơn kế hoạch", "chỉ tiêu nào
// ...", "đối với chỉ tiêu ..."); the reasons are asked before it, by a verb
// of reporting ("làm rõ nguyên nhân, nhất là ...") or in its own clause;
// or its clause goes on to ask them ("... thấp hơn cùng kỳ phải nêu rõ
// nguyên nhân"). Reasons asked in another clause after it ("giảm so với
// cùng kỳ, khắc phục nguyên nhân") leave it a target.
func asksReport(f folded, cs, at, end int) bool {
	ws := clauseWords(f, cs, at)
	i := 0
	for i+1 < len(ws) && isLabelWord(ws[i].f) {
		i++
	}
	if i+1 < len(ws) && reportVerbAt(ws, i) {
		return true
	}
	ss := sentenceStart(f, 0, at)
	cl := commaClauseStart(f, max(ss, cs), at)
	cws := clauseWords(f, cl, at)
	for j := len(cws) - 2; j >= 0; j-- {
		if p := cws[j].f + " " + cws[j+1].f; p != "chi tieu" && p != "nhiem vu" {
			continue
		}
		if j > 0 && (cws[j-1].f == "cac" || cws[j-1].f == "nhung" || cws[j-1].f == "moi") ||
			j > 1 && cws[j-2].f+" "+cws[j-1].f == "doi voi" ||
			j+2 < len(cws) && cws[j+2].f == "nao" {
			return true
		}
		direct := j == 0 || j == 1 && isLabelWord(cws[0].f)
		for _, w := range cws[j+2:] {
			direct = direct && subjectFillers[w.f]
		}
		if direct {
			return true
		}
		break
	}
	if own := f.s[cl:at]; strings.Contains(own, "nguyen nhan") || strings.Contains(own, "giai trinh") {
		return true
	}
	sws := clauseWords(f, ss, at)
	for k := range sws {
		if k+1 < len(sws) && reportVerbAt(sws, k) {
			for n := k + 2; n+1 < len(sws) && n < k+6; n++ {
				if p := sws[n].f + " " + sws[n+1].f; p == "nguyen nhan" || p == "ly do" {
					return true
				}
			}
		}
	}
	// The clause goes on: "... phải nêu rõ nguyên nhân", "... cần giải
	// trình".
	e := clauseEndAt(f.s, end)
	aws := clauseWords(f, end, e)
	for k, w := range aws {
		if w.f != "phai" && w.f != "can" && w.f != "thi" {
			continue
		}
		for n := k + 1; n+1 < len(aws) && n <= k+2; n++ {
			if reportVerbAt(aws, n) {
				return true
			}
		}
	}
	return false
}

// reportVerbAt reports whether ws[i] and ws[i+1] are a verb of reporting
// with an object after it (see reportObjects), or with nothing after it.
func reportVerbAt(ws []word, i int) bool {
	v := ws[i].f + " " + ws[i+1].f
	if !slices.Contains(reportVerbs, v) {
		return false
	}
	if v == "neu ro" || v == "lam ro" || v == "chi ro" || i+2 >= len(ws) {
		return true
	}
	next := ws[i+2].f
	if i+3 < len(ws) {
		next2 := next + " " + ws[i+3].f
		for _, o := range reportObjects {
			if o == next2 {
				return true
			}
		}
	}
	return slices.Contains(reportObjects, next)
}

// isLabelWord reports whether folded w may be a list label before a
// clause: a number, a single letter, a Roman numeral.
func isLabelWord(w string) bool {
	return strings.Trim(w, "0123456789") == "" || len(w) == 1 || strings.Trim(w, "ivx") == "" && len(w) <= 4
}

func overlaps(spans [][2]int, s, e int) bool {
	for _, sp := range spans {
		if s < sp[1] && sp[0] < e {
			return true
		}
	}
	return false
}

// yearsOnly reports whether folded s holds no number but years ("năm
// 2025"), which a bare comparison may name.
func yearsOnly(s string) bool {
	return !strings.ContainsAny(reYear.ReplaceAllString(s, ""), "0123456789%")
}

// rePriorYear is a comparison with a named year: "so với năm 2025", "cao
// hơn năm 2025"; or with the year before, unnamed: "so với năm trước",
// "so với năm ngoái" (group 1 empty).
var rePriorYear = regexp.MustCompile(`\b(?:so voi|hon|vuot|bang)\s+(?:ket qua\s+|thuc hien\s+|cung thoi diem\s+)?nam (?:(\d{4})|truoc|ngoai|lien truoc)\b`)

// priorYearTargets marks the targets of a yearly round compared with the
// year before it ("tăng 9,5% so với năm 2025" in a plan for 2026) as
// relative to the same period: for a year, the year before is the same
// period a year earlier. Another year ("so với năm 2020") is a baseline,
// and in a shorter round "so với năm 2025" is the level the year ended at,
// not the same months of it, so both are left as they are.
func (p *parser) priorYearTargets() {
	per := p.res.Period
	if per == nil || per.Kind != tiendo.PeriodYear || per.Year == 0 {
		return
	}
	for i := range p.res.Tasks {
		gs := p.res.Tasks[i].Targets
		for k := range gs {
			if gs[k].RelativeTo != "" {
				continue
			}
			m := rePriorYear.FindStringSubmatch(vi.Fold(gs[k].Text))
			if m != nil && (m[1] == "" || m[1] == strconv.Itoa(per.Year-1)) && !namesOtherYear(targetSentence(p.res.Tasks[i].Text, gs[k].Text), per.Year) {
				gs[k].RelativeTo = "same-period"
			}
		}
	}
}

// rePastYearOpen opens a sentence set in a named year: "Năm 2025, cả
// tỉnh thu hoạch được ...", "Trong năm 2023, toàn huyện có ...".
var rePastYearOpen = regexp.MustCompile(`^(?:trong |ca )?nam (\d{4})\s*,`)

// pastYearTargets drops the figures of a sentence in a task that opens
// with a year before the one the directive is about ("Năm 2025, cả tỉnh
// thu hoạch được 41.200 tấn lương thực." among a plan's tasks for 2026):
// the task recalls what was reached then, as a narrative paragraph
// does, and sets no goal, unless the sentence says it does (a goal mark:
// "phấn đấu", "ít nhất" ...). The year the directive is about is its
// period's, else the year it was issued.
func (p *parser) pastYearTargets() {
	year := 0
	if per := p.res.Period; per != nil && per.Year > 0 {
		year = per.Year
	} else if len(p.res.Date) >= 4 {
		year, _ = strconv.Atoi(p.res.Date[:4])
	}
	if year == 0 {
		return
	}
	for i := range p.res.Tasks {
		t := &p.res.Tasks[i]
		keep := t.Targets[:0]
		for _, g := range t.Targets {
			sent := strings.TrimSpace(targetSentence(t.Text, g.Text))
			if m := rePastYearOpen.FindStringSubmatch(sent); m != nil {
				if y, _ := strconv.Atoi(m[1]); y < year && !hasAny(sent, goalMarks) {
					continue
				}
			}
			if len(keep) > 0 && pastFigureAside(t.Text, g, year) {
				continue
			}
			keep = append(keep, g)
		}
		t.Targets = keep
	}
}

// pastFigureAside reports whether target g of a task's text is the figure
// a bracket gives beside the target before it, for comparison: "tối thiểu
// 1.800 tỷ đồng (Tết Bính Ngọ năm 2026 là 1.610 tỷ đồng)", "ít nhất 45
// đảng viên mới (năm 2026 ước kết nạp 43 đảng viên)". The bracket holds
// g whole, names a year no later than the one the directive is about, and
// sets no goal (goalMarks); g is a bare figure ("=").
func pastFigureAside(text string, g Target, year int) bool {
	if g.Comparator != tiendo.Equal || g.Direction != "" || g.Text == "" {
		return false
	}
	i := strings.Index(text, g.Text)
	if i < 0 {
		return false
	}
	before := strings.TrimRight(text[:i], " ")
	after := strings.TrimLeft(text[i+len(g.Text):], " ")
	if !strings.HasSuffix(before, "(") || !strings.HasPrefix(after, ")") {
		return false
	}
	f := vi.Fold(g.Text)
	m := reYear.FindStringSubmatch(f)
	if m == nil || hasAny(f, goalMarks) {
		return false
	}
	y, _ := strconv.Atoi(m[1])
	return y <= year
}

// knownCountTargets drops the bare counts of the tasks that repeat a count
// the opening stated as a fact: "trên địa bàn có 03 điểm sạt lở" in the
// narrative, then "khắc phục 03 điểm sạt lở" in a task. The task works on
// the things already known, and sets no figure to reach; a count with a
// comparator ("ít nhất 03 điểm") or a goal mark before it ("phấn đấu"),
// more of them ("thêm 03 điểm") or a share is a goal all the same. The
// count is told by its number, its unit and the word after the unit, as
// written in the opening: the lines from start to the first task.
func (p *parser) knownCountTargets(start, end int) {
	if len(p.res.Tasks) == 0 {
		return
	}
	first := p.res.Tasks[0].Line
	for _, t := range p.res.Tasks {
		first = min(first, t.Line)
	}
	var b strings.Builder
	for _, l := range p.lines[start:end] {
		if l.n >= first {
			break
		}
		b.WriteString(l.text + " ")
	}
	opening := strings.Join(strings.Fields(b.String()), " ")
	if opening == "" {
		return
	}
	for i := range p.res.Tasks {
		t := &p.res.Tasks[i]
		keep := t.Targets[:0]
		for _, g := range t.Targets {
			if g.Comparator == tiendo.Equal && g.Direction == "" && g.Unit != "%" && g.Unit != "" {
				sent := targetSentence(t.Text, g.Text)
				if c := countPhrase(sent, g); c != nil && !hasAny(sent[:c.FindStringIndex(sent)[0]], goalMarks) && knownIn(c, opening) {
					continue
				}
			}
			keep = append(keep, g)
		}
		t.Targets = keep
	}
}

// countPhrase returns a pattern for the count g in folded s: its whole
// number, leading zeros or not, its unit and the word after it; nil when
// s does not hold it so, or holds it as more of them ("thêm 02 xã"), which
// is a goal.
func countPhrase(s string, g Target) *regexp.Regexp {
	if g.Value != float64(int(g.Value)) || g.Value <= 0 {
		return nil
	}
	unit := regexp.QuoteMeta(vi.Fold(g.Unit))
	n := strconv.Itoa(int(g.Value))
	m := regexp.MustCompile(`(?:^|[^\d.,/])0*` + n + `\s+` + unit + `\s+(\pL+)`).FindStringSubmatchIndex(s)
	if m == nil || strings.HasSuffix(strings.TrimSpace(s[:m[0]+1]), " them") {
		return nil
	}
	// The word ends where its letters do, as (\pL+) found it: "\b" would
	// not end it before a digit or "_" ("lở2", a footnote's mark), and the
	// phrase would not be found again in s.
	return regexp.MustCompile(`(?:^|[^\d.,/])0*` + n + `\s+` + unit + `\s+` + regexp.QuoteMeta(s[m[2]:m[3]]) + `(?:\PL|$)`)
}

// knownIn reports whether the opening states the count c as a fact: not
// as more of them ("có thêm 02 xã"), and not in a sentence that sets it as
// a goal before the count ("phấn đấu có 05 xã", "Mục tiêu năm 2025: xây
// dựng 05 xã", "Kế hoạch … giao huyện hoàn thành 05 xã"): a plan's goal
// is what the task works toward.
func knownIn(c *regexp.Regexp, opening string) bool {
	for _, sent := range reSentenceEnd.Split(opening, -1) {
		f := vi.Fold(sent)
		for _, m := range c.FindAllStringIndex(f, -1) {
			before := f[:m[0]+1]
			if strings.HasSuffix(strings.TrimSpace(before), " them") || hasAny(before, goalMarks) || strings.Contains(before, "ke hoach") || assignsBefore(sent, len(strings.Fields(before))) {
				continue
			}
			return true
		}
	}
	return false
}

// reSentenceEnd ends a sentence: a full stop, "!" or "?" before a space
// (never the "." inside "1.500").
var reSentenceEnd = regexp.MustCompile(`[.!?]+\s+`)

// assignsBefore reports whether one of the first n words of sentence s is
// the verb "giao" (assign), as written: folded, "giáo" of "giáo dục"
// would be it too.
func assignsBefore(s string, n int) bool {
	for i, w := range strings.Fields(s) {
		if i >= n {
			break
		}
		if strings.ToLower(strings.Trim(w, ",;:()\"")) == "giao" {
			return true
		}
	}
	return false
}

// hasAny reports whether s holds one of subs.
func hasAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// reYearNamed is a year a clause is set in: "năm 2030", "đến 2030",
// "giai đoạn 2026-2030", "2026 - 2030"; group 1 marks the year of a date.
var reYearNamed = regexp.MustCompile(`\b(?:(thang \d{1,2}\s+)?nam|den|toi|giai doan)\s+(\d{4})(?:\s*[-–]\s*(\d{4}))?\b|\b(\d{4})\s*[-–]\s*(\d{4})\b`)

// namesOtherYear reports whether folded s names a year other than year and
// the one before: "phấn đấu đến năm 2030, thu nhập ... tăng 50% so với năm
// 2025" in a plan for 2026 compares 2030 with 2025, which is no same period.
func namesOtherYear(s string, year int) bool {
	for _, m := range reYearNamed.FindAllStringSubmatch(s, -1) {
		if m[1] != "" {
			continue // the year of a date: "ngày 10 tháng 01 năm 2024"
		}
		for _, y := range m[2:] {
			if n, err := strconv.Atoi(y); err == nil && n != year && n != year-1 {
				return true
			}
		}
	}
	return false
}

// targetSentence returns, folded, the sentence of a task's text that holds
// a target's text: from the last ";" or sentence end before it to the next
// after it; the target's text alone when the task's does not hold it.
func targetSentence(task, target string) string {
	ft, fg := vi.Fold(task), vi.Fold(target)
	i := strings.Index(ft, fg)
	if i < 0 {
		return fg
	}
	st := strings.LastIndexAny(ft[:i], ";\n")
	if d := strings.LastIndex(ft[:i], ". "); d > st {
		st = d
	}
	e := len(ft)
	if k := strings.IndexAny(ft[i+len(fg):], ";\n"); k >= 0 {
		e = i + len(fg) + k
	}
	if k := strings.Index(ft[i+len(fg):], ". "); k >= 0 && i+len(fg)+k < e {
		e = i + len(fg) + k
	}
	return ft[st+1 : e]
}
