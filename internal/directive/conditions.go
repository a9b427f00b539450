package directive

import (
	"regexp"
	"strings"

	"tiendo/internal/vi"
)

// A number in a task is not always a goal. A condition says when or to
// what something applies: "cho học sinh nghỉ học khi nhiệt độ dưới 10°C",
// "dự án có tỷ lệ giải ngân dưới 30%", "đối với xã có trên 500 hộ". A
// result says where things stand: "tổng thu ước đạt 412,6 tỷ đồng, bằng 87%
// dự toán". Neither is a target.

// isTemperature reports whether the number ending at folded offset e is a
// temperature: "10°C", "7 °C", "5 độ C".
func isTemperature(f folded, e int) bool {
	rest := strings.TrimLeft(f.orig[f.at(e):], " ")
	if strings.HasPrefix(rest, "°") || strings.HasPrefix(rest, "ºC") || strings.HasPrefix(rest, "oC ") {
		return true
	}
	return strings.HasPrefix(rest, "độ C") || strings.HasPrefix(rest, "độ c")
}

// origWordsBefore returns up to n original words (lower case) before folded
// offset i, nearest last, stopping at a clause mark (, ; : . ( )).
func origWordsBefore(f folded, i, n int) []string {
	var ws []string
	for len(ws) < n {
		j := i
		for j > 0 && f.s[j-1] == ' ' {
			j--
		}
		if j == 0 || strings.IndexByte(",;:.()", f.s[j-1]) >= 0 {
			break
		}
		st, end := wordSpanBefore(f, j)
		if st == end {
			break
		}
		ws = append(ws, strings.ToLower(f.cut(st, end)))
		i = st
	}
	for a, b := 0, len(ws)-1; a < b; a, b = a+1, b-1 {
		ws[a], ws[b] = ws[b], ws[a]
	}
	return ws
}

// conditionMarks open a clause of condition, as written.
var conditionMarks = map[string]bool{"khi": true, "nếu": true}

// notSubjectBeforeCo are words before "có" that make it the verb of the
// goal ("phấn đấu có thêm 12 xã", "phải có ít nhất 02"), not "which has" of
// a subject ("dự án có tỷ lệ ... dưới 30%").
var notSubjectBeforeCo = map[string]bool{
	"đấu": true, "phải": true, "sẽ": true, "cần": true, "đều": true, "đạt": true, "bảo": true, "đảm": true,
	"thêm": true, "mới": true, "tiêu": true, "chỉ": true, "là": true,
}

// isCondition reports whether the comparator phrase before the number at
// folded offset s is a condition: in a clause opened by "khi" or "nếu", or
// by "có" after the subject it describes ("các xã có tỷ lệ hộ nghèo trên
// 10%").
//
// The comparator must belong to that clause: "hộ gia đình có nhà tiêu hợp
// vệ sinh đạt trên 90%" has the main verb "đạt" between, and is a goal.
func isCondition(f folded, s int) bool {
	if parenQualifier(f, s) {
		return true
	}
	ws := origWordsBefore(f, s, 12)
	for k := len(ws) - 1; k >= 0; k-- {
		w := ws[k]
		if w == "là" && k > 0 && (ws[k-1] == "nhất" || ws[k-1] == "biệt") && k+1 < len(ws) && (ws[k+1] == "các" || ws[k+1] == "những") {
			// "kiểm tra 100% hồ chứa, nhất là các hồ đã tích trên 90%
			// dung tích", "đặc biệt là những xã có …": which of them
			// come first, picked by a measure of theirs.
			return true
		}
		if predicates[w] {
			return false
		}
		// "khám sức khỏe trước khi kết hôn cho ít nhất 650 người": the
		// figure right after "cho" is whom the work serves, the object
		// of the goal; the "khi" clause before it says when.
		if w == "cho" && k+1 < len(ws) && onlyComparatorWords(ws[k+1:]) {
			return false
		}
		// "trong trường hợp", and "đối với" opening the scope: "Đối với
		// doanh nghiệp sử dụng từ 50 lao động trở lên, ...".
		if conditionMarks[w] || w == "hợp" && k > 0 && ws[k-1] == "trường" {
			return true
		}
		if w == "với" && k > 0 && ws[k-1] == "đối" {
			// "giám sát đối với ít nhất 04 chi bộ": the figure right
			// after "đối với" is the object of the goal, not a scope.
			if onlyComparatorWords(ws[k+1:]) {
				return false
			}
			// "kiểm tra, đánh giá an toàn thông tin đối với hệ thống X
			// ít nhất 01 lần": after a verb and its object, "đối với"
			// names what the work is done to, and a floor of times after
			// it counts the work. A scope opens its clause ("Đối với doanh
			// nghiệp có từ 50 lao động trở lên, …").
			return !midClauseTimes(f, s)
		}
		if w == "có" && k > 0 && !notSubjectBeforeCo[ws[k-1]] && !negatedGoalCo(ws, k) && k < len(ws)-1 && !goalCo(ws, k) && !eachInClause(f, s) {
			return true
		}
	}
	return false
}

// eachInClause reports whether the clause before folded offset s says
// "mỗi" or "từng" past a comma the words read stop at: "phấn đấu mỗi
// huyện, thành, thị có ít nhất 01 mô hình" sets each a goal.
//
// Only a short list of places may stand between "mỗi" and the figure:
// "giải ngân của từng xã, tham mưu điều chuyển vốn từ các dự án có tỷ lệ
// ... dưới 40%" picks some projects, whoever "từng" was.
//
// The list of places counts as one word, however many kinds it names:
// "mỗi huyện, thị xã, thành phố có rừng trồng ít nhất 350 ha" is each of
// them as much as "mỗi huyện có ...".
func eachInClause(f folded, s int) bool {
	start := max(strings.LastIndexAny(f.s[:s], ";"), strings.LastIndex(f.s[:s], ". "))
	clause := " " + strings.ToLower(f.cut(start+1, s))
	k := max(strings.LastIndex(clause, " mỗi "), strings.LastIndex(clause, " từng "))
	if k < 0 {
		return false
	}
	n := len(strings.Fields(clause[k:]))
	if rest, ok := placeListRest(clause[k+1:]); ok {
		ws := strings.Fields(rest)
		n = 2 + len(ws)
		// "mỗi xã, phường, thị trấn có vườn ươm sản xuất ít nhất …":
		// "mỗi" a few words before the "có", the list counted as one, as
		// goalCo reads "mỗi xã có …".
		for j := len(ws) - 1; j >= 0; j-- {
			if ws[j] == "có" {
				if j <= 3 {
					return true
				}
				break
			}
		}
	}
	return n <= 8
}

// placeListRest returns what follows the list of places after the "mỗi"
// or "từng" that opens s ("mỗi huyện, thị xã, thành phố có rừng trồng"
// gives "có rừng trồng"), and whether s opens with such a list of two
// kinds at least. "thành", "thị" stand for the thành phố and the thị xã
// in a list ("mỗi huyện, thành, thị").
func placeListRest(s string) (string, bool) {
	_, s, _ = strings.Cut(s, " ")
	parts := strings.Split(s, ",")
	if len(parts) < 2 {
		return "", false
	}
	kind := func(p string) bool {
		p = vi.Fold(strings.TrimSpace(p))
		return placeKinds[p] || p == "thanh" || p == "thi"
	}
	for _, p := range parts[:len(parts)-1] {
		if !kind(p) {
			return "", false
		}
	}
	last := strings.Fields(parts[len(parts)-1])
	for n := min(2, len(last)); n > 0; n-- {
		if kind(strings.Join(last[:n], " ")) {
			return strings.Join(last[n:], " "), true
		}
	}
	return "", false
}

// comparatorWords are the words of a comparator before a figure, as written.
var comparatorWords = map[string]bool{
	"ít": true, "nhất": true, "tối": true, "thiểu": true, "đa": true, "trên": true, "dưới": true,
	"không": true, "quá": true, "vượt": true, "hơn": true, "từ": true,
}

func onlyComparatorWords(ws []string) bool {
	for _, w := range ws {
		if !comparatorWords[w] {
			return false
		}
	}
	return true
}

// negatedGoalCo reports whether the "có" at ws[k] is "không có" right
// after a goal verb: "bảo đảm không có hồ sơ trễ hạn và tối thiểu 80% hồ
// sơ ..." sets two goals; "không" is no subject that "có" describes.
func negatedGoalCo(ws []string, k int) bool {
	return k > 1 && ws[k-1] == "không" && notSubjectBeforeCo[ws[k-2]]
}

// goalCo reports whether the "có" at ws[k] sets a goal rather than
// describing a subject: "có thêm ít nhất 12 sản phẩm" (gain), "trong quý 3
// có ..." (after a time, not a subject), or inside a rate that is itself
// measured ("tỷ lệ phiếu có sai sót ... dưới 2%": the rate is the subject,
// while in "các xã có tỷ lệ hộ nghèo trên 10%" the rate follows "có").
func goalCo(ws []string, k int) bool {
	if k+1 < len(ws) && ws[k+1] == "thêm" {
		return true
	}
	// "bảo đảm mỗi xã có ít nhất 01 sản phẩm": each of them is to have
	// it, a goal; "các xã có tỷ lệ ... trên 10%" picks some of them.
	// "mỗi huyện, thành, thị có ít nhất 01 mô hình": a short list may
	// stand between.
	for j := max(0, k-5); j < k; j++ {
		if (ws[j] == "mỗi" || ws[j] == "từng") && !rateOfThingHad(ws[k+1:]) {
			return true
		}
	}
	if p := ws[k-1]; p != "" && p[0] >= '0' && p[0] <= '9' {
		return true
	}
	if afterTimeSpan(ws[:k]) {
		return true
	}
	for j := 1; j < k; j++ {
		if ws[j] == "lệ" && (ws[j-1] == "tỷ" || ws[j-1] == "tỉ") {
			return true
		}
	}
	return false
}

// timeSpanWords may make up the span of time after "trong" ("trong năm",
// "trong 6 tháng cuối năm", "trong quý III", "trong năm học").
var timeSpanWords = map[string]bool{
	"năm": true, "tháng": true, "quý": true, "tuần": true, "cuối": true, "đầu": true, "học": true,
	"i": true, "ii": true, "iii": true, "iv": true,
}

// afterTimeSpan reports whether ws end with a span of time opened by
// "trong": "bảo đảm trong 6 tháng cuối năm có ít nhất 12 tin, bài" says
// when the goal is to be had, as "trong quý 3 có" does, not which subject
// has it.
func afterTimeSpan(ws []string) bool {
	for j := len(ws) - 1; j >= 0 && j >= len(ws)-6; j-- {
		w := ws[j]
		if w == "trong" {
			return j < len(ws)-1
		}
		if !timeSpanWords[w] && (w == "" || w[0] < '0' || w[0] > '9') {
			return false
		}
	}
	return false
}

// rateOfThingHad reports whether the words after a "có" name a thing and
// then a rate of it: "từng chủ đầu tư có dự án tỷ lệ giải ngân dưới 40%"
// picks the investors by their projects' rate, a condition even after
// "từng"; in "mỗi xã có tỷ lệ hộ nghèo dưới 3%" the rate follows "có"
// and is each one's goal.
func rateOfThingHad(ws []string) bool {
	// ws[0:2] is "tỷ lệ" itself when the rate follows "có".
	for j := 2; j < len(ws); j++ {
		if ws[j] == "lệ" && (ws[j-1] == "tỷ" || ws[j-1] == "tỉ") {
			return true
		}
	}
	return false
}

// predicates are the main verbs of a goal's measure: "đạt trên 90%", "giảm
// còn dưới 2%".
var predicates = map[string]bool{
	"đạt": true, "là": true, "còn": true, "tăng": true, "giảm": true, "lên": true, "xuống": true, "chiếm": true,
	"đấu": true, "ở": true, "bảo": true, "vượt": true,
}

// resultMarks say a figure is a result reached, not a goal; goalMarks say
// a goal is being set.
var (
	resultMarks = []string{"uoc dat", "uoc thuc hien", "uoc tinh", "da dat", "uoc ca nam"}
	goalMarks   = []string{"phan dau", "chi tieu", "muc tieu", "dam bao", "bao dam", "toi thieu", "it nhat", "tro len", "khong duoi", "khong vuot", "yeu cau", "phai ", "can "}
)

// resultSpans returns the folded ranges of f that report results: the
// sentences (to ". " or ";") with a result mark and no goal mark, or the
// whole text when it has result marks and no goal mark anywhere ("Trong 9
// tháng, ...: - Tổng thu ước đạt ...; giải ngân đạt 61,2% kế hoạch").
func resultSpans(s string) [][2]int {
	has := func(t string, marks []string) bool {
		for _, m := range marks {
			if strings.Contains(t, m) {
				return true
			}
		}
		return false
	}
	// A result mark is whole words: "Kho bạc Nhà nước tỉnh" folds to
	// "nha nuoc tinh", which holds "uoc tinh" ("ước tính") inside it.
	hasResult := func(t string) bool {
		for _, m := range resultMarks {
			for i := 0; ; {
				k := strings.Index(t[i:], m)
				if k < 0 {
					break
				}
				if k += i; k == 0 || !isASCIILetter(t[k-1]) {
					return true
				}
				i = k + 1
			}
		}
		return false
	}
	if !hasResult(s) {
		return nil
	}
	if !has(s, goalMarks) {
		return [][2]int{{0, len(s)}}
	}
	var out [][2]int
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && !(s[i] == ';' || s[i] == '.' && (i+1 == len(s) || s[i+1] == ' ')) {
			continue
		}
		seg := s[start:i]
		if hasResult(seg) && !has(seg, goalMarks) {
			out = append(out, [2]int{start, i})
		}
		start = i + 1
	}
	return out
}

// rePastParen is a past result put in parenthesis beside a goal: "đạt
// trên 70% (quý II năm 2024 đạt 61,3%)", "tối thiểu 45 tỷ đồng (năm 2025
// đạt 41,8 tỷ đồng)", "(cùng kỳ năm 2023 đạt 64,8%)", "(năm 2025 khởi tố 57
// vụ)", "(năm học 2022 - 2023 đạt 95,2%)", "(cuối năm 2023 đạt 70,4%)",
// "(đến hết năm 2023 đạt 58%)": a period that ends with its
// year, or a school year, then what was reached in it.
// The figure is the baseline the reader compares with, not a target.
var rePastParen = regexp.MustCompile(`\((?:so voi\s+)?(?:cung ky\s+|ky truoc\s+)?(?:(?:quy [ivx1-4]+|\d{1,2} thang(?: dau)?|thang \d{1,2}|(?:sau|chin) thang(?: dau)?|(?:den |tinh den )?(?:cuoi|het|dau))\s+)?nam (?:\d{4}|hoc \d{4}\s*[-–]\s*\d{4})\s*,?\s+(?:da\s+|chi\s+|moi\s+)?(?:dat|co|khoi to|xu ly|phat hien|thu duoc|thu|giai ngan|thuc hien duoc|la)\s[^()]{0,200}\)`)

// reScopeParen is a parenthesis that says which cases a task covers, "khi
// dịch bệnh xảy ra trên diện rộng (từ 05 ha trở lên)": a threshold and
// nothing else, put after the noun it bounds. A goal is stated in the
// sentence, not in a bracket after it.
var reScopeParen = regexp.MustCompile(`\(\s*tu\s+\d+(?:[.,]\d+)*\s*[a-z% ]{0,30}?\s*tro (?:len|xuong)\s*\)`)

// reNormClause is the rate a task pays or charges at, not a goal it
// reaches: "với mức hỗ trợ 50 triệu đồng/nhà xây mới và 25 triệu đồng/nhà
// sửa chữa", "mức chi 200.000 đồng/người", "theo định mức 3 triệu đồng/hộ",
// "đơn giá 1,2 triệu đồng/m2": a rate named by "mức" and what is paid
// ("hỗ trợ", "chi", "thưởng", "phụ cấp", "trợ cấp", "bồi dưỡng"), or by
// "định mức" or "đơn giá", to the end of its clause. "ổn định ở mức 59,2%"
// names no payment and stays a goal.
var reNormClause = regexp.MustCompile(`\b(?:muc (?:ho tro|chi|thuong|phu cap|tro cap|boi duong)|dinh muc|don gia)\b(?:[^,;.()]|[.,]\d)*`)

// pastParenSpans returns the spans of f that rePastParen finds, less those
// that set a goal themselves ("(năm 2026 phấn đấu đạt 90%)"), and the rate
// clauses of reNormClause.
func pastParenSpans(s string) [][2]int {
	var out [][2]int
	for _, m := range reNormClause.FindAllStringIndex(s, 20) {
		out = append(out, [2]int{m[0], m[1]})
	}
	for _, m := range reScopeParen.FindAllStringIndex(s, 50) {
		out = append(out, [2]int{m[0], m[1]})
	}
	for _, m := range rePastParen.FindAllStringIndex(s, 50) {
		if strings.Contains(s[m[0]:m[1]], "phan dau") || strings.Contains(s[m[0]:m[1]], "chi tieu") {
			continue
		}
		out = append(out, [2]int{m[0], m[1]})
	}
	return out
}

func inSpans(spans [][2]int, i int) bool {
	for _, sp := range spans {
		if i >= sp[0] && i < sp[1] {
			return true
		}
	}
	return false
}

// midClauseTimes reports whether the figure at folded offset s is a count
// of times ("N lần") held above a floor ("ít nhất", "tối thiểu") after a
// verb's "đối với" inside its clause.
func midClauseTimes(f folded, s int) bool {
	rest := strings.TrimLeft(f.s[s:], "0123456789.,")
	if !strings.HasPrefix(rest, " lan") || strings.HasPrefix(rest, " lan/") || len(rest) > 4 && isASCIILetter(rest[4]) {
		return false
	}
	before := strings.TrimSpace(f.s[:s])
	if !strings.HasSuffix(before, "it nhat") && !strings.HasSuffix(before, "toi thieu") {
		return false
	}
	k := strings.LastIndex(before, "doi voi ")
	if k < 0 {
		return false
	}
	opens := strings.TrimSpace(before[strings.LastIndexAny(before[:k], ",;:.()")+1 : k])
	return opens != "" && opens != "rieng" && opens != "con"
}

// parenQualifier reports whether the comparator before the number at
// folded offset s opens, after a noun or two, a parenthesis that follows
// a noun: "các hộ có nhà bị hư hỏng nặng (thiệt hại trên 50%)", "đất
// dốc (độ dốc trên 25 độ)". It says which things are meant, by a measure
// of theirs, as "có … trên" does: a condition. A goal in a parenthesis
// has its verb or its mark ("(đạt trên 90%)", "(chỉ tiêu: ít nhất 1.600
// đoàn viên)"), gives each unit its share ("(mỗi xã ít nhất 01 mô
// hình)"), or is the comparator alone ("(tối thiểu 02 lần)").
func parenQualifier(f folded, s int) bool {
	open := strings.LastIndexByte(f.s[:s], '(')
	if open < 1 || strings.ContainsAny(f.s[open:s], ")") || !isASCIILetter(f.s[open-1]) && !(f.s[open-1] == ' ' && open >= 2 && isASCIILetter(f.s[open-2])) {
		return false
	}
	ws := strings.Fields(strings.ToLower(f.cut(open+1, s)))
	for len(ws) > 0 && comparatorWords[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 || len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		if predicates[w] || w == "mỗi" || w == "từng" || strings.ContainsAny(w, "0123456789:;,") {
			return false
		}
	}
	fw := vi.Fold(strings.Join(ws, " ")) + " "
	for _, m := range goalMarks {
		if strings.Contains(fw, m) {
			return false
		}
	}
	return true
}
