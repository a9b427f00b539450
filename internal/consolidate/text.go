package consolidate

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/document"
	"tiendo/internal/vi"
)

// paragraphs splits a unit's text into its paragraphs: one a line, as people
// type them in a text area, without empty ones.
func paragraphs(s string) []string {
	s = vi.NFC(strings.ReplaceAll(s, "\r\n", "\n"))
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// abbreviations end with a full stop that does not end the sentence.
var abbreviations = map[string]bool{"tp": true, "tx": true, "tt": true, "ths": true, "ts": true, "pgs": true, "gs": true,
	"kt": true, "tm": true, "tl": true, "q": true, "p": true, "v.v": true, "vv": true, "ks": true, "bs": true}

// sentences splits a paragraph after ".", "!" or "?" followed by a space and
// a capital, a digit or an opening mark, not after an abbreviation ("TP.
// Lạng Sơn") and not inside a number ("1.234,5").
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(p) && (p[j] == '.' || p[j] == '!' || p[j] == '?' || p[j] == '"' || p[j] == ')') {
			j++
		}
		if j >= len(p) || p[j] != ' ' {
			continue
		}
		k := j
		for k < len(p) && p[k] == ' ' {
			k++
		}
		if k >= len(p) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(p[k:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("(\"“-–+•", r) {
			continue
		}
		if c == '.' {
			word := p[start:i]
			if sp := strings.LastIndexByte(word, ' '); sp >= 0 {
				word = word[sp+1:]
			}
			if abbreviations[strings.ToLower(word)] {
				continue
			}
		}
		out = append(out, strings.TrimSpace(p[start:j]))
		start = k
		i = k - 1
	}
	if rest := strings.TrimSpace(p[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// key is the form two sentences are compared in: folded (no diacritics, no
// case, đ as d, either tone-mark placement), spaces collapsed, without list
// marks or closing punctuation, so "- Nguồn vốn còn chậm." and "nguồn vốn
// còn chậm" are the same sentence.
func key(s string) string {
	f := strings.Join(strings.Fields(vi.Fold(s)), " ")
	f = strings.TrimLeft(f, "-–+•* ")
	f = strings.TrimPrefix(f, samePeriodKey)
	return strings.TrimRight(f, ".;,:!?/ ")
}

// samePeriodIntro introduces a unit's comparison with the same period when
// it does not say so itself; key ignores it, so the sentence still compares
// equal to the same sentence written without it.
const (
	samePeriodIntro = "So với cùng kỳ năm trước, "
	samePeriodKey   = "so voi cung ky nam truoc, "
)

// mentionsSamePeriod reports whether a text already compares with the same
// period ("So với cùng kỳ năm trước, ...", "tăng 12,5% so với cùng kỳ"), so
// that samePeriodIntro would repeat it. It looks at the text itself, not at
// its key, which drops that very intro. Words are compared folded: case,
// diacritics, their Unicode form and the "kì" spelling of "kỳ" do not matter.
func mentionsSamePeriod(s string) bool {
	ws := strings.Fields(s)
	for i := range ws {
		if hasPrefixFold(ws[i:], []string{"cung", "ky"}) || hasPrefixFold(ws[i:], []string{"cung", "ki"}) {
			return true
		}
	}
	return false
}

// isNothing reports whether a sentence, given by its key, only says there
// is nothing to say: "Không.", "Không có kiến nghị.", "Không có khó khăn,
// vướng mắc".
func isNothing(k string) bool {
	switch k {
	case "", "khong", "khong co", "khong co gi", "chua co", "khong co y kien":
		return true
	}
	if rest, ok := strings.CutPrefix(k, "khong co "); ok {
		return len(strings.Fields(rest)) <= 5 && (strings.HasPrefix(rest, "kien nghi") || strings.HasPrefix(rest, "de xuat") ||
			strings.HasPrefix(rest, "kho khan") || strings.HasPrefix(rest, "vuong mac"))
	}
	return false
}

// upperFirst capitalises the first letter, as every page capitalises a
// target's text (vi.Capitalize).
func upperFirst(s string) string {
	return vi.Capitalize(strings.TrimSpace(s))
}

// lowerFirst lowers the first letter to continue a sentence, unless the
// sentence opens with a name: an abbreviation or a name in capitals
// ("GPMB", "OCOP"), or a proper name, whose words are each capitalised
// ("Hữu Lũng tăng 2 bậc", "Phòng Tài chính - Kế hoạch đã"). A word that
// never begins a name is lowered whatever follows it: a place's level
// ("xã Hồ Sơn đạt"), a title ("ông Nguyễn Văn An"), or a common word
// before an abbreviation ("thu NSNN", "các HTX").
func lowerFirst(s string) string {
	s = strings.TrimSpace(s)
	words := strings.Fields(s)
	if len(words) == 0 {
		return s
	}
	first := words[0]
	if utf8.RuneCountInString(first) > 1 && strings.ToUpper(first) == first {
		return s
	}
	if len(words) > 1 && titleCase(words[1]) && !lowered[strings.ToLower(first)] {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// lowered are words written lower-case mid-sentence even before a name:
// places' levels, titles, and words that open a sentence but never a name.
var lowered = map[string]bool{
	"xã": true, "phường": true, "huyện": true, "quận": true, "tỉnh": true,
	"thôn": true, "bản": true, "ấp": true, "xóm": true, "làng": true, "tổ": true,
	"ông": true, "bà": true, "anh": true, "chị": true, "cụ": true, "đồng": true,
	"các": true, "những": true, "mọi": true, "mỗi": true, "số": true, "trong": true,
	"ngoài": true, "trên": true, "dưới": true, "tại": true, "từ": true, "đến": true,
	"theo": true, "về": true, "với": true, "cho": true, "qua": true, "đã": true,
	"đang": true, "sẽ": true, "có": true, "không": true, "chưa": true, "được": true,
	"và": true, "do": true, "vì": true, "thu": true, "chi": true, "tổng": true,
	"đạt": true, "tăng": true, "giảm": true,
}

// titleCase says whether w is written as a name's word: a capital, then
// lower-case letters ("Lũng", not "NSNN").
func titleCase(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	rest := w[n:]
	return rest == "" || strings.ToLower(rest) == rest
}

// endSentence closes s with a full stop unless it already ends a sentence.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ",; ")
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ":") {
		return s
	}
	return s + "."
}

// joinNames lists names the Vietnamese way: "A", "A và B", "A, B và C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " và " + names[len(names)-1]
}

// The level words of an administrative unit, as they follow "Ủy ban nhân dân".
var levels = []string{"thanh pho", "thi xa", "thi tran", "tinh", "huyen", "quan", "xa", "phuong"}

// issuerNames reads a People's Committee's name ("ỦY BAN NHÂN DÂN HUYỆN HỮU
// LŨNG") as the body of a report names it: short, by its level ("UBND
// huyện"), and full ("UBND huyện Hữu Lũng"). Any other body is given in
// title case for both.
func issuerNames(s string) (short, full string) {
	words := strings.Fields(vi.NFC(strings.ReplaceAll(s, "\n", " ")))
	if len(words) == 0 {
		return "UBND", "UBND"
	}
	head := 0
	switch {
	case hasPrefixFold(words, []string{"uy", "ban", "nhan", "dan"}):
		head = 4
	case hasPrefixFold(words, []string{"ubnd"}):
		head = 1
	default:
		t := bodyWords(words)
		return t, t
	}
	rest := words[head:]
	for _, l := range levels {
		lw := strings.Fields(l)
		if hasPrefixFold(rest, lw) {
			level := strings.ToLower(join(rest[:len(lw)]))
			name := titleWords(rest[len(lw):])
			short = "UBND " + level
			full = strings.TrimSpace(short + " " + name)
			return short, full
		}
	}
	full = strings.TrimSpace("UBND " + titleWords(rest))
	return full, full
}

// IssuerName is how running text names a body mid-sentence: "UBND huyện
// Hữu Lũng" for "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", as the report cites it
// ("của UBND huyện Hữu Lũng").
func IssuerName(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	_, full := issuerNames(s)
	return full
}

// PlaceOf is the place name a People's Committee dates its documents from
// (Decree 30, Appendix I): the name of its administrative unit, "Hữu Lũng"
// for "UBND huyện Hữu Lũng" or "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG". A unit
// named by a number, or after a person or an event, is written in full
// ("Phường 5", "Thành phố Hồ Chí Minh"); of the names after people only Hồ
// Chí Minh is known here, and the office corrects the place of any other.
// It is "" for a body that is not a People's Committee.
func PlaceOf(issuer string) string {
	short, full := issuerNames(issuer)
	name, ok := strings.CutPrefix(full, short+" ")
	if !ok || short == "UBND" {
		return ""
	}
	if strings.Trim(name, "0123456789") == "" || vi.Fold(name) == "ho chi minh" {
		return upperFirst(strings.TrimPrefix(short, "UBND ")) + " " + name
	}
	return name
}

// bodyWords writes the name of a body other than a People's Committee as
// Vietnamese writes it when it is given in capitals, as headers print it:
// the first word and the first of each field capitalised ("BỘ NÔNG NGHIỆP VÀ
// MÔI TRƯỜNG" is "Bộ Nông nghiệp và Môi trường"), abbreviations kept
// ("HĐND", "MTQG"), a Party committee's place in title case ("HUYỆN ỦY HỮU
// LŨNG" is "Huyện ủy Hữu Lũng"). A name in mixed case is kept as written.
func bodyWords(ws []string) string {
	all := join(ws)
	if strings.ToUpper(all) != all {
		return all
	}
	out := make([]string, len(ws))
	head := 1 // the words of "Bộ", "Văn phòng": the field's name follows
	if len(ws) > 1 && isAny(vi.Fold(strings.ToLower(ws[0]+" "+ws[1])), "van phong", "trung tam", "chi cuc") {
		head = 2
	}
	place := false // after a Party committee's "ủy": a place name
	for i, w := range ws {
		low := strings.ToLower(w)
		f := vi.Fold(strings.Trim(low, ",;.()"))
		switch {
		case isAny(f, "ubnd", "hdnd", "mttq", "tw") || (len(f) > 1 && strings.IndexAny(f, "aeiouy") < 0): // an abbreviation
			out[i] = w
		case place && isAny(f, "xa", "phuong", "huyen", "tinh", "quan"):
			out[i] = low
		case i == 0 || i == head || place:
			out[i] = upperFirst(low)
		default:
			prev := ws[i-1]
			if isAny(strings.ToLower(prev), "và", "-", "–") || strings.HasSuffix(prev, ",") {
				out[i] = upperFirst(low)
			} else {
				out[i] = low
			}
		}
		if i > 0 && f == "uy" && isAny(vi.Fold(strings.ToLower(ws[i-1])), "huyen", "tinh", "dang", "thanh", "quan", "thi") {
			out[i], place = low, true
		}
	}
	return join(out)
}

// titleWords capitalises every word, as Vietnamese place names are written
// ("HỮU LŨNG" is "Hữu Lũng"); words that are mixed case already are kept.
func titleWords(ws []string) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		if strings.ToUpper(w) == w {
			w = strings.ToLower(w)
		}
		out[i] = upperFirst(w)
	}
	return join(out)
}

// isoDate cites a "YYYY-MM-DD" or "YYYY-MM" date: "02/6/2022", "tháng
// 6/2022"; "" when it cannot be read.
func isoDate(s string) string {
	if d, err := time.ParseInLocation("2006-01-02", s, tiendo.Zone); err == nil {
		return "ngày " + document.ShortDate(d)
	}
	if d, err := time.ParseInLocation("2006-01", s, tiendo.Zone); err == nil {
		return fmt.Sprintf("tháng %d/%d", int(d.Month()), d.Year())
	}
	return ""
}

// periodLabel names a reporting period: "06 tháng đầu năm 2022"; a period
// of another kind by its year.
func periodLabel(p tiendo.Period) string {
	if s := p.Phrase(); s != "" {
		return s
	}
	if p.Year > 0 {
		return fmt.Sprintf("năm %d", p.Year)
	}
	return ""
}

// documentKinds names a document by the type in its symbol ("BC-UBND" is a
// báo cáo); a symbol without one ("UBND-VP") is a công văn.
var documentKinds = map[string]string{
	"BC": "Báo cáo", "KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị", "TB": "Thông báo",
	"HD": "Hướng dẫn", "TTR": "Tờ trình", "CTR": "Chương trình", "ĐA": "Đề án", "KL": "Kết luận",
	"NQ": "Nghị quyết", "QYĐ": "Quy định", "CV": "Công văn",
}

func documentKind(symbol string) string {
	head, _, _ := strings.Cut(strings.TrimSpace(symbol), "-")
	if k, ok := documentKinds[strings.ToUpper(head)]; ok {
		return k
	}
	return "Công văn"
}

// shortHeading is a task's heading in the report: the first sentence of
// its text (up to a colon, which opens a list), without the directive's
// "Báo cáo việc" and without parentheses, cut at a linking word, a
// semicolon or a comma to about twenty words. It ends without "…" even
// when the task says more: a heading of an official report names the
// task, the section under it reports on all of it.
func shortHeading(text string) string {
	s := vi.NFC(strings.ReplaceAll(text, "*", ""))
	s = dropParens(s)
	s = strings.Join(strings.Fields(s), " ")
	// The first sentence, up to a colon.
	rest := ""
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s, rest = s[:i], s[i+1:]
	}
	if ss := sentences(s); len(ss) > 0 {
		s = ss[0]
	}
	words := strings.Fields(strings.TrimRight(s, ".,;: "))
	for len(words) > 0 && strings.Trim(words[0], "-–+•") == "" {
		words = words[1:] // a list mark
	}
	words = trimHeadingLead(words)
	words, assigned := dropAssignment(words)
	if len(words) == 0 && assigned && strings.TrimSpace(rest) != "" {
		// "Ủy ban nhân dân xã chủ trì báo cáo: - Tổng giá trị ...": the
		// task is what follows the assignment.
		return shortHeading(rest)
	}
	words = dropTail(words)
	if len(words) > 0 && foldWord(words[0]) == "phan" && len(words) > 1 && foldWord(words[1]) == "dau" {
		words[0] = "phấn" // the seed's "phân đấu" is "phấn đấu" mistyped
	}
	const limit, soft = 20, 26
	if len(words) > limit {
		cut := 0
		for i := min(soft, len(words)-1); i >= 6 && cut == 0; i-- { // before a linking word
			for _, l := range linking {
				if hasPrefixWords(words[i:], l) {
					cut = i
					break
				}
			}
		}
		for i := limit; i >= 6 && cut == 0; i-- { // after the last semicolon within the limit
			if strings.HasSuffix(words[i-1], ";") {
				cut = i
			}
		}
		for i := limit; i >= 6 && cut == 0; i-- { // after the last comma within the limit
			if strings.HasSuffix(words[i-1], ",") {
				cut = i
			}
		}
		switch {
		case cut > 0:
			words = words[:cut]
		case len(words) > soft:
			words = words[:limit]
			for len(words) > 6 && isAny(strings.TrimRight(words[len(words)-1], ",;"), "về", "của", "và", "cho", "các", "với", "tại", "theo", "để", "đến", "trong", "những", "đã", "được", "là", "có") {
				words = words[:len(words)-1]
			}
		}
	}
	return upperFirst(strings.TrimRight(join(words), ".,;:- "))
}

// dropAssignment drops from a task's first clause who it is assigned to,
// so that the heading says what the task is: "Giao Sở Tài chính chủ trì,
// phối hợp với Kho bạc Nhà nước rà soát, điều chuyển vốn" is "rà soát,
// điều chuyển vốn"; "Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở
// Tài chính và UBND các huyện, thành phố báo cáo tiến độ xây dựng nông
// thôn mới" is "tiến độ xây dựng nông thôn mới". It reports whether it
// found an assignment; a clause that names no one is left as it is.
func dropAssignment(ws []string) ([]string, bool) {
	orig := ws
	lead := false
	for _, p := range [][]string{{"giao"}, {"đề", "nghị"}, {"yêu", "cầu"}} {
		if hasPrefixWords(ws, p) {
			ws, lead = ws[len(p):], true
			break
		}
	}
	if !startsWithAssignment(ws) {
		if !lead && !isActor(ws) {
			return orig, false
		}
		k := firstRole(ws, 1, true)
		if k < 0 {
			return orig, false
		}
		ws = ws[k:]
	}
	for {
		switch {
		case hasPrefixWords(ws, []string{"chủ", "trì"}):
			ws = ws[2:]
		case hasPrefixWords(ws, []string{"phối", "hợp"}):
			ws = ws[2:]
			if hasPrefixWords(ws, []string{"với"}) {
				ws = ws[1:]
			}
			// Past the units it works with, to what it does.
			k := firstRole(ws, 1, false)
			if k < 0 {
				return nil, true
			}
			ws = ws[k:]
		case hasPrefixWords(ws, []string{"báo", "cáo"}):
			ws = ws[2:]
			for len(ws) > 1 && isAny(strings.ToLower(ws[0]), "nhanh", "về", "việc") {
				ws = ws[1:]
			}
			return ws, true
		default:
			return ws, true
		}
	}
}

// startsWithAssignment reports whether a clause opens with the words of an
// assignment without naming the unit ("Chủ trì báo cáo ...").
func startsWithAssignment(ws []string) bool {
	return hasPrefixWords(ws, []string{"chủ", "trì"}) || hasPrefixWords(ws, []string{"phối", "hợp"})
}

// actorHeads open the name of a unit or a person a task is assigned to.
// The heads of one word need a capital after them ("Sở Tài chính", not
// "phòng, chống dịch").
var actorHeads = [][]string{{"công", "an"}, {"công", "chức"}, {"ủy", "ban"}, {"uỷ", "ban"}, {"ubnd"}, {"hđnd"},
	{"trung", "tâm"}, {"văn", "phòng"}, {"chi", "cục"}, {"chi", "bộ"}, {"chỉ", "huy"}, {"kho", "bạc"}, {"bảo", "hiểm", "xã", "hội"},
	{"chủ", "tịch"}, {"thủ", "trưởng"}, {"trưởng"}, {"ban", "cán", "sự"}, {"đảng", "đoàn"}, {"đảng", "ủy"}, {"đảng", "uỷ"},
	{"các", "chi", "bộ"}, {"các", "phòng"}, {"các", "cơ", "quan"}, {"các", "đơn", "vị"}, {"các", "sở"}, {"các", "ban"}}

var actorHeadsCapital = []string{"sở", "phòng", "ban", "cục", "trạm", "hội", "đoàn", "tổ", "bộ", "trường"}

func isActor(ws []string) bool {
	for _, h := range actorHeads {
		if hasPrefixWords(ws, h) {
			return true
		}
	}
	if len(ws) > 1 && isAny(strings.ToLower(ws[0]), actorHeadsCapital...) {
		r, _ := utf8.DecodeRuneInString(ws[1])
		return unicode.IsUpper(r)
	}
	return false
}

// roles are what a unit is asked to do, in the words that follow its name
// in an assignment.
var roles = [][]string{{"chủ", "trì"}, {"phối", "hợp"}, {"báo", "cáo"}, {"lãnh", "đạo"}, {"chỉ", "đạo"}, {"tổng", "hợp"},
	{"theo", "dõi"}, {"tham", "mưu"}, {"tập", "trung"}, {"tổ", "chức"}, {"rà", "soát"}, {"đôn", "đốc"}, {"thực", "hiện"},
	{"hoàn", "thành"}, {"triển", "khai"}, {"đẩy", "mạnh"}, {"đẩy", "nhanh"}, {"kiểm", "tra"}, {"nâng", "cao"}, {"tăng", "cường"},
	{"hướng", "dẫn"}, {"vận", "động"}, {"duy", "trì"}, {"giải", "quyết"}, {"cung", "cấp"}, {"phấn", "đấu"}}

// firstRole is the index, from from on, of the first role written in
// lower case (a capital is part of a name: "Ban Chỉ huy", "Trung tâm
// Phục vụ"); -1 for none. Without assign, "chủ trì" and "phối hợp" do not
// count: past "phối hợp với", they are what the partners do.
func firstRole(ws []string, from int, assign bool) int {
	for i := from; i < len(ws); i++ {
		for _, r := range roles {
			if !assign && (r[0] == "chủ" || r[0] == "phối") {
				continue
			}
			if hasLowerWords(ws[i:], r) {
				return i
			}
		}
	}
	return -1
}

// hasLowerWords reports whether ws opens with the words p as written, in
// lower case, punctuation around them aside.
func hasLowerWords(ws, p []string) bool {
	if len(ws) < len(p) {
		return false
	}
	for i, w := range p {
		if strings.Trim(vi.NFC(ws[i]), ",;:.()") != w {
			return false
		}
	}
	return true
}

// dropTail cuts what follows the task in its first clause: the target it
// strives for (", phấn đấu ..."), where to send the report (", gửi về
// ...") and an announced list (", trong đó").
func dropTail(ws []string) []string {
	for i := 2; i < len(ws); i++ {
		if !strings.HasSuffix(ws[i-1], ",") {
			continue
		}
		if hasLowerWords(ws[i:], []string{"phấn", "đấu"}) || hasLowerWords(ws[i:], []string{"phân", "đấu"}) || hasLowerWords(ws[i:], []string{"gửi"}) ||
			(hasLowerWords(ws[i:], []string{"trong", "đó"}) && len(ws) == i+2) {
			return ws[:i]
		}
	}
	return ws
}

// linking are the words a long heading is cut before: what follows them
// qualifies the task rather than names it.
// They are matched with their diacritics: folded, "tại" would also be
// "tài" and "trong" "trọng".
var linking = [][]string{{"theo"}, {"tại"}, {"nhằm"}, {"để"}, {"gắn", "với"}, {"trong"}, {"nhất", "là"},
	{"đối", "với"}, {"thông", "qua"}, {"đã", "được"}}

// hasPrefixWords reports whether ws opens with the words p, ignoring case
// and punctuation but not diacritics.
func hasPrefixWords(ws, p []string) bool {
	if len(ws) < len(p) {
		return false
	}
	for i, w := range p {
		if strings.ToLower(strings.Trim(vi.NFC(ws[i]), ",;:.()")) != w {
			return false
		}
	}
	return true
}

// trimHeadingLead drops "Báo cáo việc" and its variants from a task's text.
func trimHeadingLead(ws []string) []string {
	for _, p := range [][]string{{"bao", "cao", "ve", "viec"}, {"bao", "cao", "viec"}, {"bao", "cao", "ket", "qua"}, {"bao", "cao", "tinh", "hinh"}} {
		if hasPrefixFold(ws, p) && len(ws) > len(p) {
			return ws[len(p):]
		}
	}
	return ws
}

// dropParens removes parenthesised asides, which a heading does without.
func dropParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
