package consolidate

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

// TargetSentence writes the consolidated report's sentence for one target as
// one unit reported it, without the closing full stop:
//
//	Tỷ lệ giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng đạt 65%, bằng 92,9% kế hoạch, chưa đạt chỉ tiêu
//	Thu nội địa tăng 12,5% so với dự toán, vượt chỉ tiêu
//	Giảm tỷ lệ hộ nghèo 3,2%, bằng 106,7% mức giảm 3% đề ra, vượt chỉ tiêu
//	Tỷ lệ hộ nghèo còn 4%, dưới mức tối đa 4,5%, vượt chỉ tiêu
//	Xây dựng được 01 khu dân cư kiểu mẫu, bằng 50% kế hoạch, chưa đạt chỉ tiêu
//
// The measure is read from the target's text (see measureOf); the verdict and
// the ratio are tiendo.Assess's, so the words agree with the indicator table
// and the watch screens. samePeriod adds ", cùng kỳ năm trước đạt 60%"; a nil
// actual gives "... chưa có số liệu". A non-empty unitName attributes the
// sentence ("Theo báo cáo của Phòng Giáo dục và Đào tạo, tỷ lệ ...") for tasks
// several units lead.
func TargetSentence(t *tiendo.Target, unitName string, actual, samePeriod *float64) string {
	if t == nil {
		return ""
	}
	m := measureOf(t)
	unitName = strings.TrimSpace(unitName)
	if actual == nil {
		if unitName != "" {
			return unitName + " chưa báo cáo số liệu " + lowerFirst(m.subject())
		}
		return m.subject() + " chưa có số liệu"
	}
	verdict, ratio := tiendo.Assess(t, actual)
	a, g := *actual, t.Value
	parts := []string{m.value(a)}
	switch {
	case m.ceiling:
		goal := formatValue(g, t.Unit)
		switch {
		case a < g && t.Comparator == tiendo.LessThan:
			parts = append(parts, "dưới mức "+goal)
		case a < g:
			parts = append(parts, "dưới mức tối đa "+goal)
		case a == g && t.Comparator == tiendo.LessThan:
			parts = append(parts, "chưa xuống dưới mức "+goal)
		case a == g:
			parts = append(parts, "bằng mức tối đa "+goal)
		case t.Comparator == tiendo.LessThan:
			parts = append(parts, "cao hơn mức "+goal)
		default:
			parts = append(parts, "cao hơn mức tối đa "+goal)
		}
	case t.Comparator == tiendo.MoreThan && a > g:
		parts = append(parts, "trên mức "+formatValue(g, t.Unit))
	case t.Comparator == tiendo.MoreThan && a == g:
		parts = append(parts, "chưa vượt mức "+formatValue(g, t.Unit))
	default:
		// A goal to reach, a level or a change: how far the actual went.
		if w := ratioWords(t, m, a, ratio); w != "" {
			parts = append(parts, w)
		} else if m.shape == shapeChange && verdict == tiendo.VerdictNotMet {
			// No ratio to give (a change the other way, a goal of
			// nothing): the goal says how far it fell short.
			parts = append(parts, "thấp hơn mức "+formatValue(g, t.Unit)+" đề ra")
		}
	}
	parts = append(parts, verdictWords(verdict))
	if samePeriod != nil {
		parts = append(parts, "cùng kỳ năm trước "+m.samePeriod(*samePeriod))
	}
	s := strings.Join(parts, ", ")
	if unitName != "" {
		return "Theo báo cáo của " + unitName + ", " + lowerFirst(s)
	}
	return s
}

// verdictWords is the verdict as the sentence closes on it.
func verdictWords(v tiendo.Verdict) string {
	switch v {
	case tiendo.VerdictMet:
		return "đạt chỉ tiêu"
	case tiendo.VerdictExceeded:
		return "vượt chỉ tiêu"
	case tiendo.VerdictNotMet:
		return "chưa đạt chỉ tiêu"
	}
	return "chưa có số liệu"
}

// RatioWords says how far actual went toward t's goal, in the words of the
// consolidated report's sentence (TargetSentence), which the unit's report
// form and every other page showing a verdict use too: "bằng 92,9% kế
// hoạch", "bằng 105% dự toán" for a target set against the estimate, and
// for a change "bằng 106,7% mức giảm 3% đề ra" (a decrease of 3,2% against
// "giảm từ 3% trở lên"); the ratio is tiendo.Assess's, written by
// watch.RatioText. It is "" when there is no ratio and where such words
// would mislead (RatioBase), and for a goal "trên" reached, which the
// sentence words as "trên mức".
func RatioWords(t *tiendo.Target, actual *float64) string {
	if t == nil || actual == nil {
		return ""
	}
	_, ratio := tiendo.Assess(t, actual)
	return ratioWords(t, measureOf(t), *actual, ratio)
}

func ratioWords(t *tiendo.Target, m measure, actual, ratio float64) string {
	base := m.ratioBase(t)
	if base == "" || ratio <= 0 || t.Comparator == tiendo.MoreThan && actual >= t.Value {
		return ""
	}
	return "bằng " + watch.RatioText(ratio) + " " + base
}

// RatioBase names what t's ratio is a share of, as RatioWords words it:
// the estimate for a target set against it, the change asked for a change
// ("mức giảm 3% đề ra": "giảm 8%" against "giảm 10%" is 80% of the
// decrease asked, not of the plan or the estimate, which the measure itself
// is compared with), the plan otherwise. It is "" for a target whose ratio
// no words should give: a ceiling (Assess's ratio is the goal over the
// actual there, and "bằng 112,5% kế hoạch" would read as over the limit),
// and a share of a reference ("đạt 105% dự toán" says it already). The
// report form gives it to its script, which words the verdict while the
// unit types.
func RatioBase(t *tiendo.Target) string {
	if t == nil {
		return ""
	}
	return measureOf(t).ratioBase(t)
}

func (m measure) ratioBase(t *tiendo.Target) string {
	switch {
	case m.shape == shapeChange:
		return "mức " + m.verb + " " + formatValue(t.Value, t.Unit) + " đề ra"
	case m.ceiling, m.shape != shapeLevel && m.shape != shapeCount && m.shape != shapeNamed:
		return ""
	case t.RelativeTo == "estimate":
		return "dự toán"
	}
	return "kế hoạch"
}

// relativeWords is the reference a change is measured against.
func relativeWords(rel string) string {
	switch rel {
	case "estimate":
		return "dự toán"
	case "plan":
		return "kế hoạch"
	case "same-period":
		return "cùng kỳ"
	}
	return ""
}

// shape is how a target's sentence is built.
type shape int

const (
	// shapeLevel: a measure reaching a value: "Tỷ lệ khám phá án đạt 87,5%".
	shapeLevel shape = iota
	// shapeShare: a share of a reference: "Thu ngân sách đạt 105% dự toán".
	shapeShare
	// shapeChange: a change: "Thu nội địa tăng 12,5% so với dự toán",
	// "Giảm tỷ lệ hộ nghèo 3,2%".
	shapeChange
	// shapeCount: things counted, the value put back in the text:
	// "Xây dựng được 01 khu dân cư kiểu mẫu".
	shapeCount
	// shapeNamed: named things counted ("02 xã Vân Nham và xã Hồ Sơn đạt
	// chuẩn"), where no sentence can put another number in: the target as
	// written, then "đạt 01/02 xã".
	shapeNamed
)

// measure is what a target measures, read from its text.
type measure struct {
	shape   shape
	ceiling bool   // the goal is a maximum: "<=" or "<" (as Assess reads it)
	subj    string // the measure: "Tỷ lệ giải phóng mặt bằng", "thu nội địa"
	verb    string // shapeChange: "tăng" or "giảm"
	lead    bool   // shapeChange: the verb comes first ("Giảm tỷ lệ hộ nghèo")
	before  string // shapeCount: the words before the number ("Xây dựng")
	after   string // shapeCount: the unit and what follows ("khu dân cư kiểu mẫu")
	goal    float64
	unit    string
	rel     string
}

// subject is the measure named on its own, capitalised: for the no-data
// sentence and the lists of targets not met.
func (m measure) subject() string {
	switch m.shape {
	case shapeChange:
		if m.lead {
			return upperFirst(m.verb + " " + m.subj)
		}
		s := m.subj + " " + m.verb
		if r := relativeWords(m.rel); r != "" {
			s += " so với " + r
		}
		return upperFirst(s)
	case shapeCount:
		return upperFirst(strings.TrimSpace(m.before + " " + m.after))
	}
	return upperFirst(m.subj)
}

// goalText is the target as the table and the lists of targets not met
// show it: without the directive's "Báo cáo việc" or "phấn đấu".
func goalText(t *tiendo.Target) string {
	ws := strings.Fields(strings.ReplaceAll(vi.NFC(t.Text), "*", ""))
	return upperFirst(strings.TrimRight(join(trimLead(ws)), ".,;: "))
}

// value is the opening of the sentence: the measure and the actual.
func (m measure) value(a float64) string {
	switch m.shape {
	case shapeChange:
		v := formatValue(a, m.unit)
		if r := relativeWords(m.rel); r != "" {
			v += " so với " + r
		}
		if m.lead {
			return upperFirst(m.verb + " " + m.subj + " " + v)
		}
		return upperFirst(m.subj + " " + m.verb + " " + v)
	case shapeShare:
		if m.rel == "same-period" {
			return upperFirst(m.subj + " bằng " + formatValue(a, m.unit) + " so với cùng kỳ")
		}
		return upperFirst(m.subj + " đạt " + formatValue(a, m.unit) + " " + relativeWords(m.rel))
	case shapeNamed:
		return m.subj + ": đạt " + formatCount(a) + "/" + formatCount(m.goal) + " " + m.unit
	case shapeCount:
		before := m.before
		switch last := lastWord(before); {
		case before == "":
			before = "có"
		case !m.ceiling && !isAny(last, "có", "đạt", "được", "còn"):
			before += " được"
		}
		return upperFirst(before + " " + formatCount(a) + " " + m.after)
	}
	if m.ceiling {
		return upperFirst(m.subj + " còn " + formatValue(a, m.unit))
	}
	return upperFirst(m.subj + " đạt " + formatValue(a, m.unit))
}

// samePeriod is last year's value, worded like this year's.
func (m measure) samePeriod(v float64) string {
	switch {
	case m.shape == shapeChange:
		return m.verb + " " + formatValue(v, m.unit)
	case m.shape == shapeCount || m.shape == shapeNamed:
		return "đạt " + formatCount(v) + " " + strings.TrimSpace(m.unit)
	case m.ceiling:
		return "là " + formatValue(v, m.unit)
	}
	return "đạt " + formatValue(v, m.unit)
}

// numberToken is a number as directives write it: "70%", "02", "15,2", "1.234".
var numberToken = regexp.MustCompile(`^\d+(?:[.,]\d+)*%?$`)

// Words that open a target without naming its measure.
var leadWords = [][]string{
	{"bao", "cao", "ve", "viec"}, {"bao", "cao", "viec"}, {"bao", "cao"},
	{"phan", "dau"}, {"quyet", "tam"}, {"tap", "trung", "chi", "dao"}, {"chi", "dao"},
	{"tap", "trung"}, {"tiep", "tuc"}, {"dam", "bao"}, {"bao", "dam"},
}

// Words between the measure and its number that only compare ("đạt từ",
// "không quá", "xuống còn") or carry the goal ("đảm bảo hoàn thành").
var compareWords = [][]string{
	{"khong", "vuot", "qua"}, {"khong", "qua"}, {"khong", "vuot"}, {"xuong", "con"}, {"xuong", "duoi"},
	{"it", "nhat"}, {"toi", "thieu"}, {"toi", "da"}, {"o", "muc"}, {"tro", "len"}, {"tro", "xuong"},
	{"hoan", "thanh"}, {"dam", "bao"}, {"bao", "dam"},
	{"tu"}, {"tren"}, {"duoi"}, {"dat"}, {"bang"}, {"la"}, {"con"}, {"xuong"}, {"len"}, {"vuot"}, {"khoang"}, {"den"},
}

// Units that measure rather than count: "20 ha" is an area reached, not
// twenty things built.
var measureUnits = map[string]bool{
	"%": true, "ha": true, "km": true, "m": true, "m2": true, "m²": true, "m3": true, "tấn": true, "tạ": true, "kg": true,
	"đồng": true, "triệu đồng": true, "tỷ đồng": true, "nghìn đồng": true, "tiêu chí": true, "điểm": true,
	"ngày": true, "giờ": true, "tháng": true, "năm": true, "lượt": true, "lượt người": true, "hạng": true,
}

// measureOf reads what a target measures from its text: the words opening
// it ("Báo cáo việc", "phấn đấu"), the comparator words ("từ ... trở lên",
// "không quá", "đạt"), the number and its unit are dropped and what is left
// names the measure. A countable unit followed by more words ("02 khu dân cư
// kiểu mẫu") keeps them, since they say what is counted.
func measureOf(t *tiendo.Target) measure {
	m := measure{unit: strings.TrimSpace(t.Unit), rel: t.RelativeTo, goal: t.Value}
	m.ceiling = t.Comparator == tiendo.AtMost || t.Comparator == tiendo.LessThan
	words := strings.Fields(strings.NewReplacer("*", "", "\u00a0", " ").Replace(vi.NFC(t.Text)))
	num := -1
	for i, w := range words {
		w = strings.TrimRight(w, ",;:.)")
		if !numberToken.MatchString(w) {
			continue
		}
		if num < 0 {
			num = i
		}
		if v, err := vi.ParseNumber(w); err == nil && math.Abs(v-t.Value) < 1e-9 {
			num = i
			break
		}
	}
	var before, after []string
	if num < 0 {
		before = words
	} else {
		before = words[:num]
		after = words[num+1:]
		if len(after) > 0 && after[0] == "%" {
			after = after[1:]
		}
	}
	before = trimLead(before)
	before = removePhrase(before, []string{"it", "nhat"})
	before = removePhrase(before, []string{"toi", "thieu"})

	// A change: "tăng"/"giảm" with nothing but comparator words between it
	// and the number ("thu nội địa tăng 10% trở lên", "giảm tỷ lệ hộ nghèo
	// từ 3%"), unless the goal is a ceiling, which is worded as a level.
	if t.Direction != "" && !m.ceiling {
		for i := len(before) - 1; i >= 0; i-- {
			f := foldWord(before[i])
			if f != "tang" && f != "giam" {
				continue
			}
			rest := before[i+1:]
			if len(trimCompare(rest)) > 0 && i > 0 {
				break // "tăng" inside the measure, not its verb
			}
			if containsFold(rest, "dat", "con", "xuong", "len", "bang") {
				break
			}
			m.shape = shapeChange
			m.verb = strings.ToLower(before[i])
			if i == 0 {
				m.lead = true
				m.subj = join(trimCompare(rest))
			} else {
				m.subj = join(trimCompare(before[:i]))
			}
			if m.subj == "" {
				m.subj = "chỉ tiêu"
			}
			return m
		}
	}

	afterWords := dropRelative(removePhrase(removePhrase(after, []string{"tro", "len"}), []string{"tro", "xuong"}))
	if num >= 0 && m.unit != "%" && !measureUnits[strings.ToLower(m.unit)] && t.Value == math.Trunc(t.Value) && len(afterWords) > 0 {
		m.shape = shapeCount
		m.before = join(trimCompare(before))
		m.after = strings.TrimRight(join(afterWords), ",;:.")
		if named(afterWords, m.unit) {
			m.shape = shapeNamed
			m.subj = upperFirst(strings.TrimSpace(m.before + " " + m.after))
		}
		return m
	}

	subj := trimCompare(before)
	// "nâng tỷ lệ ... đạt 42%", "giảm tỷ lệ hộ nghèo xuống còn 4%": the
	// verb of the direction goes; the level is what is reported.
	if len(subj) > 1 && isAny(subj[0], "nâng", "tăng", "giảm", "hạ", "đưa") {
		subj = subj[1:]
	}
	m.subj = join(subj)
	if m.subj == "" {
		m.subj = "chỉ tiêu"
	}
	if m.unit == "%" && relativeWords(t.RelativeTo) != "" && !m.ceiling {
		m.shape = shapeShare
	}
	return m
}

// named reports whether the counted things are named: the word after the
// unit is a capitalised name ("02 xã Vân Nham và xã Hồ Sơn").
func named(after []string, unit string) bool {
	n := len(strings.Fields(unit))
	if len(after) <= n {
		return false
	}
	r, _ := utf8.DecodeRuneInString(after[n])
	return unicode.IsUpper(r)
}

// trimLead drops the words that open a target without naming its measure.
func trimLead(ws []string) []string {
	for {
		n := len(ws)
		for _, p := range leadWords {
			if hasPrefixFold(ws, p) {
				ws = ws[len(p):]
				break
			}
		}
		if len(ws) == n {
			return ws
		}
	}
}

// trimCompare drops comparator words and punctuation from the end of ws.
func trimCompare(ws []string) []string {
	for len(ws) > 0 {
		last := strings.TrimRight(ws[len(ws)-1], ",;:.-–")
		if last == "" {
			ws = ws[:len(ws)-1]
			continue
		}
		if last != ws[len(ws)-1] {
			ws = append(ws[:len(ws)-1:len(ws)-1], last)
		}
		n := len(ws)
		for _, p := range compareWords {
			if hasSuffixFold(ws, p) && !(p[0] == "bang" && len(ws) > 1 && foldWord(ws[len(ws)-2]) == "mat") {
				ws = ws[:len(ws)-len(p)]
				break
			}
		}
		if len(ws) == n {
			return ws
		}
	}
	return ws
}

// dropRelative cuts "so với dự toán tỉnh giao" and what follows.
func dropRelative(ws []string) []string {
	for i := range ws {
		if hasPrefixFold(ws[i:], []string{"so", "voi"}) {
			return ws[:i]
		}
	}
	return ws
}

func removePhrase(ws []string, p []string) []string {
	for i := 0; i+len(p) <= len(ws); i++ {
		if hasPrefixFold(ws[i:], p) {
			out := append(append([]string{}, ws[:i]...), ws[i+len(p):]...)
			return removePhrase(out, p)
		}
	}
	return ws
}

func hasPrefixFold(ws, p []string) bool {
	if len(ws) < len(p) {
		return false
	}
	for i, w := range p {
		if foldWord(ws[i]) != w {
			return false
		}
	}
	return true
}

func hasSuffixFold(ws, p []string) bool {
	return len(ws) >= len(p) && hasPrefixFold(ws[len(ws)-len(p):], p)
}

func containsFold(ws []string, fs ...string) bool {
	for _, w := range ws {
		for _, f := range fs {
			if foldWord(w) == f {
				return true
			}
		}
	}
	return false
}

// foldWord is a word folded and stripped of punctuation, for matching.
func foldWord(w string) string {
	return strings.Trim(vi.Fold(w), ",;:.()“”\"'")
}

// isAny reports whether w is one of ws, ignoring case.
func isAny(w string, ws ...string) bool {
	for _, x := range ws {
		if strings.EqualFold(vi.NFC(w), x) {
			return true
		}
	}
	return false
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func join(ws []string) string { return strings.TrimSpace(strings.Join(ws, " ")) }

// formatValue writes a value with its unit the Vietnamese way: "65%",
// "21,5 ha", "1.234,5 tỷ đồng".
func formatValue(v float64, unit string) string {
	s := formatNumber(v)
	switch unit = strings.TrimSpace(unit); unit {
	case "":
		return s
	case "%":
		return s + "%"
	}
	return s + " " + unit
}

// formatCount writes a count as administrative texts do, with a leading
// zero under ten: "01", "02".
func formatCount(v float64) string {
	if v >= 1 && v <= 9 && v == math.Trunc(v) {
		return "0" + formatNumber(v)
	}
	return formatNumber(v)
}

// formatNumber keeps at most two decimals: "92,86" would claim a precision
// the reports do not have, and "1.234,5" reads as it is written.
func formatNumber(v float64) string {
	return vi.FormatNumber(math.Round(v*100)/100, -1)
}
