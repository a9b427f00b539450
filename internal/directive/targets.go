package directive

import (
	"regexp"
	"slices"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// reNumber finds numbers as directives write them: "70", "15,2", "1.234,5",
// "70%" (the percent sign read separately).
var reNumber = regexp.MustCompile(`\d+(?:[.,]\d+)*`)

// rePlan says a target is relative to the plan; "theo kế hoạch" alone does not.
var rePlan = regexp.MustCompile(`so voi ke hoach|vuot ke hoach|% ke hoach|ke hoach (nam|giao|duoc giao|de ra)|chi tieu ke hoach`)

// measureUnits are the units of measure of more than one word, longest
// first; a unit not listed is the single word after the number. A
// classifier counts whatever it is put before, as the ĐVT column of a
// report writes it: "02 cuộc kiểm tra" counts "cuộc", "2.000 người dân"
// counts "người".
var measureUnits = []string{
	"to chuc co so dang", "to chuc dang", "co so dang", "to chuc", "chi bo", "dang bo", "hoi nghi", "hoi thi",
	"hoi thao", "hoi cho", "gian hang", "tin, bai", "tin/bai", "tin bai", "phong su",
	"chuyen de", "nghin ty dong", "ty dong", "trieu dong", "nghin dong", "trieu usd", "ty usd",
	"khu dan cu", "khu vuc bo phieu", "to bau cu", "khu vuc", "hop tac xa", "tieu chi", "san pham", "luot khach", "luot nguoi", "du an",
	"mo hinh", "doanh nghiep", "cong trinh", "lao dong", "hoc sinh", "dang vien", "ho gia dinh",
	"giuong benh", "bac si", "thu tuc", "ho so", "co so", "diem du lich", "km2", "m2", "m3",
	"nen tang", "giay chung nhan", "sang kien", "can ho", "can nha", "ngoi nha", "phong hoc",
	"nha van hoa", "viec lam", "can bo", "cong chuc", "hoi vien", "doan vien", "tre em",
	"to dan pho", "khu pho", "cum cong nghiep", "nha may", "trang trai", "hop dong", "tai khoan",
	"thue bao", "dich vu cong", "giay phep", "trieu luot", "nghin luot", "luot", "nghin tan", "trieu tan",
	"nghin ha", "nghin nguoi", "trieu nguoi", "nghin ho", "ty usd", "don vi", "co quan",
	// Nouns whose first syllable is no word of its own (a head noun alone,
	// "trường" of "trường học", is the unit as the clerk writes it).
	"dia phuong", "dia ban", "giao vien", "hoc vien", "phuong tien", "van ban", "de an",
	"chuong trinh", "ke hoach", "vi tri", "cau lac bo", "benh nhan", "nguoi benh", "giai thuong",
	"nhiem vu", "de tai", "hoat dong", "he thong",
	// "03 kỹ thuật mới": "kỹ" alone folds like "kỳ", a period.
	"ky thuat",
	// "sự" only makes a noun of the word after it: "04 sự kiện", "03 sự
	// cố" count events and incidents, never a "sự".
	"su kien", "su co",
	// "15 trường hợp" counts cases: "trường" alone is a school.
	"truong hop",
	// People counted by their standing, and labour counted in days or
	// hours of work: "gọi 85 công dân nhập ngũ", "bồi dưỡng 12 quần
	// chúng", "huy động 300 ngày công". Their first syllable
	// alone ("công", "quần", "ngày") is no unit, or is a term ("05 ngày").
	"cong dan", "quan chung", "thanh nien", "sinh vien", "nhan khau", "ngay cong", "gio cong",
	// A change of a rate counted in points: "tăng 3 điểm phần trăm" is
	// not a rise of 3 % of the rate.
	"diem phan tram",
	// A column of a paper or a station ("12 chuyên mục"), as "chuyên đề";
	// owners counted by what they own ("30 chủ rừng", "05 chủ đầu tư",
	// "40 chủ hộ"): "chuyên" and "chủ" alone count nothing.
	"chuyen muc", "chu rung", "chu dau tu", "chu ho",
	// Families counted ("không quá 03 gia đình"): "gia" alone is no word.
	"gia dinh",
}

// notMeasurePhrases are verbs and linking phrases that may follow a number
// (the figure's clause goes on with the next action: "đạt 95% bảo đảm ...",
// "03 xã hoàn thành ..."); their first syllable is no unit of measure.
var notMeasurePhrases = []string{
	"bao dam", "dam bao", "hoan thanh", "thuc hien", "phan dau", "nham ", "trien khai", "tiep tuc",
	"tuong ung", "tuong duong", "kip thoi", "dung han", "theo quy", "tro len", "tro xuong",
}

// notMeasure are words that follow a number without being its unit.
var notMeasure = map[string]bool{
	"va": true, "tro": true, "tren": true, "duoi": true, "so": true, "voi": true, "den": true,
	"dat": true, "la": true, "cua": true, "cac": true, "theo": true, "tai": true, "trong": true,
	"duoc": true, "co": true, "de": true, "cho": true, "thi": true, "doi": true, "khi": true,
	"nhung": true, "hoac": true, "tu": true, "ke": true, "du": true, "cung": true, "nhu": true,
	"tang": true, "giam": true, "vuot": true, "ve": true, "o": true, "nay": true, "do": true,
}

// countedNouns are nouns of things counted whose folded form is a word of
// notMeasure: "45 đội" (teams) folds like "đối" of "đối với", and is told
// apart only by its spelling.
//
// "45 chợ" counts markets, as a Sở Công Thương or a Phòng Kinh tế counts
// the places of its price programmes and market works ("bán hàng bình ổn
// giá tại 45 chợ", "cải tạo 06 chợ"); it folds like "cho" (for).
var countedNouns = map[string]bool{"đội": true, "chợ": true}

// countedNoun reports whether the word after a number, as written, is one
// of countedNouns.
func countedNoun(orig string) bool { return countedNouns[orig] }

// quotedAt reports whether offset i of s is inside a short quotation in
// its sentence: an odd number of straight quotes before it, or an opening
// curly one, and the closing quote within a few words after.
func quotedAt(s string, i int) bool {
	from := max(0, i-60)
	if k := strings.LastIndex(s[from:i], ". "); k >= 0 {
		from += k + 2
	}
	before := s[from:i]
	open := false
	switch {
	case strings.LastIndex(before, "“") > strings.LastIndex(before, "”"):
		open = true
	case strings.Count(before, `"`)%2 == 1:
		open = true
	}
	if !open {
		return false
	}
	after := s[i:min(len(s), i+40)]
	return strings.ContainsAny(after, `"”`)
}

// sessionWords are the periods of a timetable: "2 buổi/ngày", "3
// tiết/tuần", "3 ca/ngày" say how teaching or work is organised.
var sessionWords = map[string]bool{"buoi": true, "tiet": true, "ca": true}

// skipAfter: a number followed by one of these is a time, a duration or an
// age, not a target; or a count of levels, which names how a system is
// built ("chính quyền địa phương 2 cấp", "mô hình 3 cấp"), not a goal.
var skipAfter = map[string]bool{
	"nam": true, "thang": true, "ngay": true, "gio": true, "h": true, "phut": true, "tuoi": true,
	"quy": true, "tuan": true, "lan": true, "giai": true, "ky": true, "cap": true,
	// A voltage names the equipment it rates ("đường dây 110 kV", "trạm
	// biến áp 220 kV", "lưới điện 22 kV"), never a figure to reach.
	"kv": true,
}

// skipBefore: a number after one of these is a reference, a date part, an
// ordinal or a count of all ("cả 3 tiêu chí"), not a target.
var skipBefore = map[string]bool{
	"so": true, "nam": true, "thang": true, "ngay": true, "khoa": true, "lan": true, "thu": true,
	"dieu": true, "khoan": true, "diem": true, "muc": true, "luc": true, "bieu": true, "mau": true,
	"quy": true, "ky": true, "gio": true, "phut": true, "doan": true, "ca": true, "top": true,
	"chuong": true, "phan": true, "tiet": true, "vu": true, "hop": true, "covid": true, "dot": true,
	"lop": true,
}

// fillers may stand between a comparator and its number: "đạt trên 60%",
// "ít nhất có 02", "ở mức dưới 4,5%".
var fillers = map[string]bool{"dat": true, "la": true, "o": true, "muc": true, "con": true, "len": true, "xuong": true, "co": true, "duoc": true, "khoang": true, "it": false}

// comparators before a number, as word sequences (folded), longest first.
var prefixComparators = []struct {
	words string
	cmp   tiendo.Comparator
}{
	// "đạt và vượt X", "bằng hoặc cao hơn X": X itself meets the target.
	{"bang hoac cao hon", tiendo.AtLeast}, {"bang hoac lon hon", tiendo.AtLeast}, {"bang hoac nhieu hon", tiendo.AtLeast},
	{"bang hoac thap hon", tiendo.AtMost}, {"bang hoac nho hon", tiendo.AtMost}, {"bang hoac it hon", tiendo.AtMost},
	{"dat va vuot", tiendo.AtLeast}, {"bang hoac vuot", tiendo.AtLeast},
	{"khong vuot qua", tiendo.AtMost}, {"khong qua", tiendo.AtMost}, {"toi da", tiendo.AtMost},
	{"khong duoi", tiendo.AtLeast}, {"khong thap hon", tiendo.AtLeast}, {"khong it hon", tiendo.AtLeast},
	{"it nhat", tiendo.AtLeast}, {"toi thieu", tiendo.AtLeast}, {"tu", tiendo.AtLeast},
	{"cao hon", tiendo.MoreThan}, {"lon hon", tiendo.MoreThan}, {"nhieu hon", tiendo.MoreThan},
	{"tren", tiendo.MoreThan}, {"vuot", tiendo.MoreThan}, {"hon", tiendo.MoreThan},
	{"thap hon", tiendo.LessThan}, {"nho hon", tiendo.LessThan}, {"it hon", tiendo.LessThan}, {"duoi", tiendo.LessThan},
}

// targets finds the measurable goals in a task's text.
func targets(text string) []Target {
	out, _ := targetsAt(foldText(text))
	return out
}

// targetsAt finds the measurable goals in a folded text and where the
// number of each is (folded offset).
func targetsAt(f folded) (out []Target, at []int) {
	ms := reNumber.FindAllStringIndex(f.s, 200)
	prevEnd, prevNum := 0, 0
	var taken [][2]int
	results := append(resultSpans(f.s), pastParenSpans(f.s)...)
	upper := -1 // the index in ms of a range's upper end, read with its lower
	for k, m := range ms {
		s, e := m[0], m[1]
		if inSpans(results, s) || k == upper {
			continue
		}
		if t, end, ok := rangeTarget(f, ms, k, min(prevEnd, s), prevNum); ok {
			out = append(out, t)
			at = append(at, s)
			upper = k + 1
			prevEnd = max(ms[k+1][1], min(end, len(f.s)))
			prevNum = ms[k+1][1]
			taken = append(taken, [2]int{s, prevEnd})
			continue
		}
		// The previous clause may run over this number when its end was
		// not cut at it; the floor never passes the number.
		if t, end, ok := target(f, s, e, min(prevEnd, s), prevNum, ms, k); ok {
			out = append(out, t)
			at = append(at, s)
			// The next target's text starts after this one's clause, so
			// that "so với cùng kỳ" after this number is not read again.
			prevEnd = max(e, min(end, len(f.s)))
			prevNum = e
			taken = append(taken, [2]int{s, prevEnd})
		}
	}
	if bare, bat := bareTargets(f, taken); len(bare) > 0 {
		var keep []Target
		var keepAt []int
		for i, t := range bare {
			if !inSpans(results, bat[i]) {
				keep, keepAt = append(keep, t), append(keepAt, bat[i])
			}
		}
		out, at = mergeAt(out, at, keep, keepAt)
		for i, t := range keep {
			taken = append(taken, [2]int{keepAt[i], keepAt[i] + len(t.Text)})
		}
	}
	if zero, zat := zeroTargets(f, taken); len(zero) > 0 {
		out, at = mergeAt(out, at, zero, zat)
	}
	return out, at
}

// mergeAt merges two lists of targets, each in text order, by where they
// are.
func mergeAt(a []Target, aAt []int, b []Target, bAt []int) ([]Target, []int) {
	var out []Target
	var at []int
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j == len(b) || i < len(a) && aAt[i] < bAt[j] {
			out, at = append(out, a[i]), append(at, aAt[i])
			i++
			continue
		}
		out, at = append(out, b[j]), append(at, bAt[j])
		j++
	}
	return out, at
}

func target(f folded, s, e, prevEnd, prevNum int, ms [][]int, k int) (Target, int, bool) {
	str := f.s
	// "10/10 xã", "05/05 đơn vị": all of them, read at the second number;
	// from is where the figure as written starts.
	from := s
	if ps, ok := wholeFraction(f, s, e); ok {
		from = ps
	} else if s > 0 && strings.IndexByte("/-.,:_", str[s-1]) >= 0 && !(str[s-1] == '.' && s > 1 && str[s-2] == '.') {
		// Part of an identifier, a date, a reference or a range: "J02",
		// "COVID-19", "08/2019/NQ", "2020-2030", "07/6".
		return Target{}, 0, false
	}
	if s > 0 && (isASCIILetter(str[s-1]) || str[s-1] == '%') {
		// "Chính phủ1", "tối thiểu 40%2": a footnote marker run into the
		// word or figure before it.
		return Target{}, 0, false
	}
	if e < len(str) && (str[e] == '/' || str[e] == '-' && e+1 < len(str) && isAlnum(str[e+1])) {
		return Target{}, 0, false
	}
	if quotedAt(str, s) {
		// "thi công "3 ca, 4 kíp"", "mô hình "5 không"": a slogan or a
		// name, not a goal.
		return Target{}, 0, false
	}
	numText := f.cut(s, e)
	value, err := vi.ParseNumber(numText)
	if err != nil || isTemperature(f, e) {
		return Target{}, 0, false
	}
	// "ít nhất hai (02) đợt": the figure restates the words before it,
	// and is read as if written in their place; "02 (hai) đợt": the
	// words restate the figure, and its unit follows them.
	pos, wordsAt := e, s
	if ws := spelledBefore(str, s, e, value); ws >= 0 {
		from, pos, wordsAt = ws, e+1, ws
	} else if end := spelledAfter(str, e, value); end > 0 {
		pos = end
	}
	before := wordsBefore(str, from, 4)
	if len(before) > 0 && skipBefore[before[len(before)-1]] && !isLevelMuc(f, s, before) && !adverbDiem(before) {
		return Target{}, 0, false
	}
	// A rank, "vị trí 03", "xếp hạng 5", or a grade of a standard,
	// "chuẩn quốc gia mức độ 2", is not a quantity to reach.
	if isRankWord(before) {
		return Target{}, 0, false
	}
	// "bình quân 01 xã đạt 15,2 tiêu chí", "trên 1 vạn dân": per one
	// unit, not a target.
	perOne := value == 1 && len(before) > 0 && (before[len(before)-1] == "quan" || before[len(before)-1] == "moi" || before[len(before)-1] == "tren")

	// The unit of measure.
	unit := ""
	listed := false // the unit is one of measureUnits
	for pos < len(str) && str[pos] == ' ' {
		pos++
	}
	unitEnd := e
	if pos < len(str) && str[pos] == '%' {
		unit, unitEnd = "%", pos+1
	} else if e < len(str) && isASCIILetter(str[e]) {
		// "20ha", "5km": the unit run into the number.
		j := e
		for j < len(str) && isASCIILetter(str[j]) {
			j++
		}
		unit, unitEnd = f.cut(e, j), j
		if j == e+1 && unit >= "A" && unit <= "Z" {
			// "Phủ sóng 4G", "bản đồ 3D": a name, not a measure.
			return Target{}, 0, false
		}
	} else {
		rest := str[pos:]
		for _, mu := range measureUnits {
			if strings.HasPrefix(rest, mu) && (len(rest) == len(mu) || !isAlnum(rest[len(mu)])) {
				unit, unitEnd = f.cut(pos, pos+len(mu)), pos+len(mu)
				listed = true
				break
			}
		}
		if unit != "" {
			// "45 học sinh/lớp": a rate.
			if j := unitEnd; j+1 < len(str) && str[j] == '/' && isASCIILetter(str[j+1]) {
				for j++; j < len(str) && isAlnum(str[j]); j++ {
				}
				j = perScaleEnd(str, unitEnd+1, j)
				unit, unitEnd = f.cut(pos, j), j
			}
		} else if notMeasurePhrase(rest) {
			// The clause goes on with a verb: no unit.
		} else {
			j := pos
			for j < len(str) && isASCIILetter(str[j]) {
				j++
			}
			w := str[pos:j]
			if j > pos && skipAfter[w] && !prizeWord(f, pos, j) && !sessionCount(f, pos, j) {
				if !durationGoal(f, from, w) && !timesGoal(f, from, j, w) {
					return Target{}, 0, false
				}
				if w == "ngay" && strings.HasPrefix(str[j:], " lam viec") {
					j += len(" lam viec")
				}
				// "gửi báo cáo không quá 05 ngày làm việc kể từ ngày nhận
				// được văn bản": a term for the report counted from an
				// event ("xử lý ổ dịch tối đa 72 giờ kể từ khi phát hiện"
				// is a goal still).
				if lead := " " + str[max(0, from-60):from]; startsWithAny(strings.TrimLeft(str[j:], " ,"), []string{"ke tu", "tinh tu", "sau khi", "sau ngay"}) &&
					(strings.Contains(lead, " gui ") || strings.Contains(lead, " nop ") || strings.Contains(lead, "bao cao")) {
					return Target{}, 0, false
				}
				unit, unitEnd = f.cut(pos, j), j
			} else if w == "den" && reRangeUpper.MatchString(str[j:]) {
				// "trẻ từ 3 đến dưới 6 tuổi", "lao động nữ từ 16 đến
				// 55": the lower end of a range, measured as its
				// upper end is. A range that is a goal ("từ 8 đến 10%")
				// was read whole (rangeTarget); one that is not, an age or
				// a bare span of numbers, gives no goal at its lower end.
				return Target{}, 0, false
			}
			orig := f.cut(pos, j)
			if unit == "" && j > pos && (!notMeasure[w] || countedNoun(orig)) && startsLower(orig) {
				// "tạ/ha", "người/km2": a rate.
				if j+1 < len(str) && str[j] == '/' && isASCIILetter(str[j+1]) {
					k := j + 1
					for j++; j < len(str) && isAlnum(str[j]); j++ {
					}
					j = perScaleEnd(str, k, j)
					// "dạy học 2 buổi/ngày", "3 tiết/tuần": a timetable,
					// not a goal.
					if sessionWords[w] && skipAfter[str[k:j]] {
						return Target{}, 0, false
					}
					orig = f.cut(pos, j)
				}
				unit, unitEnd = orig, j
			}
		}
	}
	if perOne && unit != "%" {
		return Target{}, 0, false
	}
	if unit != "%" && numberedName(f, from) {
		return Target{}, 0, false
	}
	if isGrade(f, unit, s, prevNum) {
		return Target{}, 0, false
	}
	if gradeUnits[vi.Fold(unit)] && !prefixComparatorBefore(before) {
		// "sản phẩm đạt OCOP 3 sao trở lên chiếm tối thiểu 40%": the grade
		// says which products are counted; the figure is what follows.
		// "đạt ít nhất 4 sao" sets the grade as a goal.
		return Target{}, 0, false
	}
	// A bare year with no unit: "năm 2022" was skipped above; "2022" alone too.
	// A year is never a target ("Tết Nguyên đán Đinh Mùi 2027 bảo đảm"),
	// whatever word follows it, unless that word is a known unit of measure.
	if value >= 1900 && value <= 2100 && !strings.ContainsAny(numText, ".,") && unit != "%" && !listed {
		return Target{}, 0, false
	}
	// "từ 40% lên 45%": the 40% is where the measure stands, not a goal.
	if isBaseline(f, s, unitEnd) {
		return Target{}, 0, false
	}

	// The clause around the number: from the last ";", ". ", ":" or ","
	// before it (not before the previous target), to the next one after it.
	cs := targetStart(str, from, prevEnd)
	ce := targetEnd(str, unitEnd)
	if k+1 < len(ms) && ms[k+1][0] < ce && candidate(f, ms[k+1][0], ms[k+1][1]) && !gradeAt(str, ms[k+1][1]) {
		// Another number in the clause: this target's text stops at it
		// unless the next is the upper end of a range "từ 5 đến 7%".
		ce = max(unitEnd, min(ce, wordEndBefore(str, ms[k+1][0])))
	}
	after := str[unitEnd:ce]
	if k+1 < len(ms) && ms[k+1][0] < ce && gradeAt(str, ms[k+1][1]) {
		// "trở lên" after "3 sao" is the grade's, not this number's.
		after = str[unitEnd:ms[k+1][0]]
	}

	cmp := tiendo.Equal
	prefixFound := false
	// A sign right before the figure is its comparator ("Giảm ≥ 10%");
	// it needs a unit, as a bare figure does: "> 1." may open a quote.
	// "từ" as folded is also "tử" ("điện tử đạt 90%"): the word as
	// written decides, past the fillers as prefixComparator reads it.
	signed := false
	if c, ok := symbolComparator(str, from); ok {
		cmp, prefixFound, signed = c, true, true
	} else if c, ok := prefixComparator(before); ok && (lastNonFiller(before) != "tu" || origWordBefore(f, wordsAt) == "từ") {
		cmp, prefixFound = c, true
	}
	if prefixFound && isCondition(f, s) {
		return Target{}, 0, false
	}
	if !prefixFound && unit != "%" && len(before) > 0 && before[len(before)-1] == "cua" {
		// "giải ngân vốn của 03 Chương trình", "kết quả của 05 xã": the
		// count of what the work is about, not a figure to reach.
		return Target{}, 0, false
	}
	if !prefixFound && unit != "%" && strings.HasSuffix(strings.Join(before, " "), "ket qua thuc hien") {
		// "đánh giá kết quả thực hiện 25 chỉ tiêu chủ yếu", "báo cáo kết
		// quả thực hiện 05 nhiệm vụ trọng tâm": the count of what is
		// reported on, not a figure to reach.
		return Target{}, 0, false
	}
	if i := strings.Index(after, "tro len"); i >= 0 && strings.ContainsAny(after[:i], "0123456789") {
		// "100% người cao tuổi từ 80 tuổi trở lên": the "trở lên" is the
		// condition's, after a number of its own.
		after = after[:i]
	}
	if strings.Contains(after, "tro len") || strings.Contains(after, "tro di") {
		if !prefixFound || cmp == tiendo.AtLeast {
			cmp = tiendo.AtLeast
		}
	} else if strings.Contains(after, "tro xuong") && !prefixFound {
		cmp = tiendo.AtMost
	} else if !prefixFound && rankGroup(before, str[unitEnd:sentenceEndAt(str, unitEnd)]) {
		cmp = tiendo.AtMost
	}
	if unit == "" && (cmp == tiendo.Equal || signed) {
		return Target{}, 0, false
	}

	// Direction: a change ("tăng 10%") keeps its verb's; a level ("nâng
	// ... đạt 42%", "giảm ... xuống còn 3%") has none, and takes the
	// comparator its phrase implies unless one is written (see
	// changeOrLevel). The verb is looked for from the previous target's
	// number, not its text: in "nâng A lên 60% và giảm B xuống còn 1%" the
	// first text runs to "xuống", yet "giảm" is the second's verb; and
	// across brackets (see verbStart).
	// A ";" closes the previous clause: its verb is not this number's.
	vfloor := min(prevNum, s)
	if k := strings.LastIndexByte(str[vfloor:s], ';'); k >= 0 {
		vfloor += k + 1
	}
	dir, level, levelCmp := changeOrLevel(f, verbStart(str, s, vfloor), s)
	if level && cmp == tiendo.Equal && levelCmp != "" {
		cmp = levelCmp
	}

	rel := ""
	clause := str[cs:ce]
	switch {
	case strings.Contains(clause, "cung ky"):
		rel = "same-period"
	case strings.Contains(clause, "du toan"):
		rel = "estimate"
	case rePlan.MatchString(clause):
		rel = "plan"
	}
	if rel == "" && dir != "" {
		rel = baseAfter(str, ce)
	}

	t := Target{
		Text:       trimReportLead(strings.TrimSpace(strings.TrimLeft(strings.Trim(strings.TrimSpace(f.cut(cs, ce)), ",;.:"), "-–+•· "))),
		Comparator: cmp,
		Value:      value,
		Unit:       unit,
		Direction:  dir,
		RelativeTo: rel,
	}
	return t, ce, true
}

// reportLeads are the words a directive puts before each task, folded:
// "Báo cáo việc tập trung chỉ đạo 02 xã …" asks for the report; the target
// is what follows.
var reportLeads = [][]string{{"bao", "cao", "ve", "viec"}, {"bao", "cao", "viec"}}

// trimReportLead drops a report lead from the front of a target's text,
// keeping it a sentence: "Tập trung chỉ đạo 02 xã …".
func trimReportLead(s string) string {
	ws := strings.Fields(s)
	for _, lead := range reportLeads {
		if len(ws) <= len(lead) {
			continue
		}
		match := true
		for i, w := range lead {
			match = match && vi.Fold(ws[i]) == w
		}
		if match {
			return vi.UpperFirst(strings.Join(ws[len(lead):], " "))
		}
	}
	// "Báo cáo tỷ lệ người dân ... đạt 95,5%": the report asked for
	// names the measure; the target is the measure.
	if len(ws) > 3 && vi.Fold(ws[0]) == "bao" && vi.Fold(ws[1]) == "cao" &&
		startsWithAny(vi.Fold(strings.Join(ws[2:4], " "))+" ", reportedMeasures) {
		return vi.UpperFirst(strings.Join(ws[2:], " "))
	}
	return s
}

// reportedMeasures open the measure a "Báo cáo ..." target asks for.
var reportedMeasures = []string{"ty le ", "ti le ", "so luong ", "tong so "}

// candidate reports whether the number at [s, e) may be a target, by the
// quick tests of target: what is glued to it and the words around it.
func candidate(f folded, s, e int) bool {
	str := f.s
	if s > 0 && (isAlnum(str[s-1]) || strings.IndexByte("/-.,:_", str[s-1]) >= 0) {
		return false
	}
	if e < len(str) && (str[e] == '/' || str[e] == '-') {
		return false
	}
	if b := wordsBefore(str, s, 2); len(b) > 0 && (skipBefore[b[len(b)-1]] && !isLevelMuc(f, s, b) && !adverbDiem(b) || isRankWord(b)) {
		return false
	}
	rest := strings.TrimLeft(str[e:], " ")
	j := 0
	for j < len(rest) && isASCIILetter(rest[j]) {
		j++
	}
	if skipAfter[rest[:j]] {
		at := len(str) - len(rest)
		return durationGoal(f, s, rest[:j]) || prizeWord(f, at, at+j) || sessionCount(f, at, at+j)
	}
	return true
}

// sessionCount reports whether the folded word at [i, j) is "kỳ" counting
// sessions of a meeting, as Party and council documents count them: "ít
// nhất 01 kỳ sinh hoạt chuyên đề", "tổ chức 02 kỳ họp", "03 kỳ thi". Any
// other "kỳ" after a number is a period ("02 kỳ" of a report, "3 kỳ liên
// tiếp") and no target.
func sessionCount(f folded, i, j int) bool {
	if f.s[i:j] != "ky" {
		return false
	}
	next := strings.TrimLeft(f.s[j:], " ")
	for _, w := range sessionKinds {
		if strings.HasPrefix(next, w) && (len(next) == len(w) || !isAlnum(next[len(w)])) {
			return true
		}
	}
	return false
}

// sessionKinds are the meetings whose sessions "kỳ" counts.
var sessionKinds = []string{"hop", "sinh hoat", "thi", "giao ban", "tap huan"}

// prizeWord reports whether the folded word at [i, j) is "giải" (a prize:
// "đạt ít nhất 03 giải"), which folds as "giai" of "giai đoạn" does. A
// word after it may make it another noun: "05 giải pháp", "02 giải trình".
func prizeWord(f folded, i, j int) bool {
	if f.s[i:j] != "giai" || strings.ToLower(f.cut(i, j)) != "giải" {
		return false
	}
	next := strings.TrimLeft(f.s[j:], " ")
	k := 0
	for k < len(next) && isASCIILetter(next[k]) {
		k++
	}
	return !notPrize[next[:k]]
}

// notPrize are the words after "giải" that make it no prize: "giải pháp",
// "giải quyết", "giải ngân", "giải phóng", "giải trình", "giải thích".
var notPrize = map[string]bool{
	"phap": true, "quyet": true, "ngan": true, "phong": true, "trinh": true, "thich": true,
	"toa": true, "tan": true, "cuu": true, "khat": true, "tri": true, "ma": true,
}

// symbolComparators are the signs a table cell or a note writes before a
// figure ("≥ 95%", "≤ 03 ngày", "> 93,5%"), two-character forms first.
var symbolComparators = []struct {
	sign string
	cmp  tiendo.Comparator
}{
	{">=", tiendo.AtLeast}, {"<=", tiendo.AtMost}, {"≥", tiendo.AtLeast}, {"⩾", tiendo.AtLeast},
	{"≤", tiendo.AtMost}, {"⩽", tiendo.AtMost}, {">", tiendo.MoreThan}, {"<", tiendo.LessThan},
}

// symbolComparator reads a comparator sign written just before the figure
// at folded offset i, a space or none between. An arrow ("->", "=>") and a
// sign glued to a word before it ("A>5") are not one.
func symbolComparator(s string, i int) (tiendo.Comparator, bool) {
	j := i
	if j > 0 && s[j-1] == ' ' {
		j--
	}
	for _, sc := range symbolComparators {
		if !strings.HasSuffix(s[:j], sc.sign) {
			continue
		}
		k := j - len(sc.sign)
		if k > 0 && (isAlnum(s[k-1]) || strings.IndexByte("-=<>", s[k-1]) >= 0) {
			return "", false
		}
		return sc.cmp, true
	}
	return "", false
}

// durationWords are the units of a duration that may be a goal.
var durationWords = map[string]bool{"gio": true, "phut": true, "ngay": true}

// durationGoal reports whether the number at folded offset s, followed by
// the folded word w, is a duration held under a bound: "xử lý ổ dịch không
// quá 48 giờ", "thời gian mất điện (SAIDI) dưới 1.100 phút", "giải quyết
// tối đa 03 ngày làm việc". A time of day or a term ("trước 16 giờ",
// "chậm nhất 15 giờ", "trong 05 ngày") has no such bound before it.
func durationGoal(f folded, s int, w string) bool {
	if !durationWords[w] {
		return false
	}
	c, ok := symbolComparator(f.s, s)
	if !ok {
		c, ok = prefixComparator(wordsBefore(f.s, s, 4))
	}
	if ok && (c == tiendo.AtLeast || c == tiendo.MoreThan) && strings.Contains(" "+strings.Join(wordsBefore(f.s, s, 7), " ")+" ", " du dung ") {
		// "dự trữ lương thực đủ dùng cho ít nhất 07 ngày", "nước uống đủ
		// dùng tối thiểu 05 ngày": how long a stock lasts, a goal held
		// above a bound.
		return true
	}
	return ok && (c == tiendo.AtMost || c == tiendo.LessThan)
}

// timesGoal reports whether "N lần" at s, its word ending at j, is a count
// of times held above a floor: "kiểm tra ít nhất 01 lần trong năm",
// "diễn tập tối thiểu 02 lần". A rate ("01 lần/quý"), a multiple ("tăng
// ít nhất 2 lần", "gấp 3 lần") and a time with no floor stay no target.
func timesGoal(f folded, s, j int, w string) bool {
	if w != "lan" || j < len(f.s) && f.s[j] == '/' || strings.HasPrefix(f.s[j:], " thu ") {
		return false
	}
	before := wordsBefore(f.s, s, 4)
	for _, b := range before {
		if b == "gap" || b == "tang" || b == "giam" {
			return false
		}
	}
	c, ok := prefixComparator(before)
	return ok && c == tiendo.AtLeast && (strings.HasSuffix(strings.Join(before, " "), "it nhat") || strings.HasSuffix(strings.Join(before, " "), "toi thieu"))
}

// adverbDiem reports whether the folded words before a number end in
// "dứt điểm" or "trọng điểm", where "điểm" is no clause of a law ("điểm
// a"): "xử lý dứt điểm 100% công trình vi phạm".
func adverbDiem(before []string) bool {
	n := len(before)
	return n >= 2 && before[n-1] == "diem" && (before[n-2] == "dut" || before[n-2] == "trong")
}

// isRankWord reports whether the folded words before a number make it a
// rank or a grade: "vị trí", "xếp hạng", "thứ hạng", "mức độ", "cấp độ"
// ("trường đạt kiểm định chất lượng giáo dục từ cấp độ 2 trở lên").
func isRankWord(before []string) bool {
	n := len(before)
	if n < 2 {
		return false
	}
	pair := before[n-2] + " " + before[n-1]
	return pair == "vi tri" || pair == "xep hang" || pair == "thu hang" || pair == "muc do" || pair == "cap do" || roadNames[pair]
}

// roadNames are the words a road's number follows in its name ("Quốc lộ
// 32", "đường Vành đai 3,5", "Tỉnh lộ 741"): a name, not a figure.
var roadNames = map[string]bool{
	"quoc lo": true, "tinh lo": true, "huyen lo": true, "huong lo": true, "vanh dai": true,
	"cao toc": true, "duong tinh": true, "duong huyen": true,
}

// prefixComparatorBefore reports whether the folded words before a number
// end with a comparator ("ít nhất", "tối thiểu", "trên").
func prefixComparatorBefore(before []string) bool {
	_, ok := prefixComparator(before)
	return ok
}

// isLevelMuc reports whether the folded word "muc" just before the number
// at s is "mức" (a level: "ở mức 3%", "lên mức 60 triệu đồng"), not "mục"
// (a reference: "mục 3"), which skipBefore is for.
func isLevelMuc(f folded, s int, before []string) bool {
	return before[len(before)-1] == "muc" && origWordJustBefore(f, s) == "mức"
}

// origWordBefore returns the original word just before folded offset i,
// lower-cased, skipping fillers like "đạt".
func origWordBefore(f folded, i int) string {
	for k := 0; k < 4; k++ {
		st, j := wordSpanBefore(f, i)
		if st == j {
			return ""
		}
		w := strings.ToLower(f.cut(st, j))
		if !fillers[f.s[st:j]] {
			return w
		}
		i = st
	}
	return ""
}

// lastNonFiller returns the last of words that is not a filler.
func lastNonFiller(words []string) string {
	for n := len(words); n > 0; n-- {
		if !fillers[words[n-1]] {
			return words[n-1]
		}
	}
	return ""
}

// prefixComparator reads a comparator from the words before a number,
// skipping fillers between them.
func prefixComparator(words []string) (tiendo.Comparator, bool) {
	n := len(words)
	for n > 0 && fillers[words[n-1]] {
		n--
	}
	for _, pc := range prefixComparators {
		pw := strings.Fields(pc.words)
		if len(pw) <= n && strings.Join(words[n-len(pw):n], " ") == pc.words {
			return pc.cmp, true
		}
	}
	return "", false
}

// wordsBefore returns up to n folded words before offset i, in order.
func wordsBefore(s string, i, n int) []string {
	start := max(0, i-60)
	ws := strings.FieldsFunc(s[start:i], func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
	if start > 0 && len(ws) > 0 {
		ws = ws[1:] // possibly cut
	}
	// A punctuation mark ends the words that bear on the number.
	if k := strings.LastIndexAny(s[start:i], ",;:.()"); k >= 0 {
		tail := strings.FieldsFunc(s[start+k+1:i], func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
		ws = tail
	}
	if len(ws) > n {
		ws = ws[len(ws)-n:]
	}
	return ws
}

// clauseBound returns the start of the clause containing offset i, not
// before floor.
func clauseBound(s string, i, floor int) int {
	start := floor
	for k := i - 1; k >= floor; k-- {
		c := s[k]
		if c == ';' || c == ':' || c == '(' || c == ')' || c == ',' && k+1 < len(s) && s[k+1] == ' ' || c == '.' && k+1 < len(s) && s[k+1] == ' ' {
			start = k + 1
			break
		}
	}
	return start
}

// measureOpeners open a clause that states a measure on its own: its
// subject ("tỷ lệ", "số", "diện tích"), a verb of striving or achieving
// ("phấn đấu", "đạt", "hoàn thành"), or a quantifier. A comma before one of
// them ends the clause before; a comma before anything else ("dự án khu
// tái định cư xã A, xã B đạt 60%", "tố giác, tin báo tội phạm, kiến nghị
// khởi tố đạt 90%") is inside the subject of the measure.
var measureOpeners = []string{
	"ty le", "ti le", "so ", "tong ", "nang suat", "dien tich", "san luong", "gia tri", "toc do",
	"doanh thu", "thu ngan sach", "thu noi dia", "tong thu", "chi thuong xuyen", "chi ngan sach", "muc ", "binh quan", "moi ",
	"toan huyen", "toan tinh", "toan xa", "toan thanh pho", "toan nganh", "ca nam", "trong do",
	"rieng", "co ", "co them", "phan dau", "phan dau", "hoan thanh", "xay dung", "tang ", "giam ", "nang ", "keo giam", "giai ngan", "cap ",
	"don ", "thu hut", "trong ", "tiep tuc", "dam bao", "bao dam", "duy tri", "giai quyet",
	"tao viec lam", "giai quyet viec lam", "kim ngach", "thu nhap", "gdp", "grdp", "chi so",
	"khong de", "huy dong", "ket nap",
	"thanh lap", "to chuc", "trien khai", "dao tao", "ho tro", "tiem", "kham", "thu ", "nop ",
	"cung hoa", "cat giam", "thuc hien", "tiet kiem", "goi ", "lam moi", "sua chua", "nang cap", "cai tao", "ban giao", "phuc vu",
}

// opensMeasure reports whether folded s opens a clause of its own. "tăng
// 10%" after a comma is the comparison of the subject before the comma;
// "tăng tỷ lệ ..." opens a clause.
func opensMeasure(s string) bool {
	for _, o := range measureOpeners {
		if strings.HasPrefix(s, o) {
			rest := strings.TrimLeft(s[len(o):], " ")
			return rest == "" || rest[0] < '0' || rest[0] > '9'
		}
	}
	return false
}

// targetStart returns where a target's text starts: after the last ";",
// ":", "(", ")" or sentence end before offset i (not before floor), moved
// on to the last comma inside it that opens a clause of its own (see
// measureOpeners). A clause too long to read alone starts at its last
// comma.
func targetStart(s string, i, floor int) int {
	start := floor
	for k := i - 1; k >= floor; k-- {
		c := s[k]
		if c == ')' {
			if o := acronymOpen(s, k, floor); o >= 0 {
				// "Tốc độ tăng trưởng kinh tế (GRDP) đạt 7,5%": the
				// acronym is inside the subject.
				k = o
				continue
			}
		}
		if c == ';' || c == ':' || c == '(' || c == ')' || c == '.' && k+1 < len(s) && s[k+1] == ' ' {
			start = k + 1
			break
		}
	}
	for k := i - 1; k > start; k-- {
		if s[k] != ',' || k+1 >= len(s) || s[k+1] != ' ' {
			continue
		}
		if awaitsRate(s[start:k]) {
			// "tỷ lệ điều tra, khám phá các vụ án đạt trên 80%": a rate
			// not yet given its number is the subject of this one.
			break
		}
		rest := strings.TrimLeft(s[k+1:i], " ")
		if opensMeasure(rest) {
			return k + 1
		}
	}
	if i-start > 240 {
		return clauseBound(s, i, floor)
	}
	return start
}

// acronymOpen returns the offset of the "(" that opens the bracket closed
// at s[k] when it holds one word of 2 to 10 letters, an acronym such as
// "(GRDP)" or "(OCOP)" after a subject, or -1. A bracket with a number
// ("(1)", "(đạt 80%)") or with several words ends the clause before it,
// and so does a ")" that opens nothing ("a)").
func acronymOpen(s string, k, floor int) int {
	for o := k - 1; o >= floor && k-o <= 11; o-- {
		if s[o] == '(' {
			if k-o-1 < 2 || o == 0 || s[o-1] != ' ' {
				return -1
			}
			return o
		}
		if !isASCIILetter(s[o]) {
			return -1
		}
	}
	return -1
}

// targetEnd returns where a target's text ends: at the end of its clause,
// going on over a comma before a short piece (four words at most) that
// completes it ("tại các xã, thị trấn", "được tiêu chuẩn hóa, gắn sao"):
// one without a number that does not open a clause of its own.
func targetEnd(s string, i int) int {
	for steps := 0; steps < 4; steps++ {
		e := clauseEndAt(s, i)
		if e >= len(s) || s[e] != ',' {
			return e
		}
		next := clauseEndAt(s, e+1)
		piece := strings.TrimSpace(s[e+1 : next])
		if reListTailBase.MatchString(piece) {
			// "cắt giảm 30% thời gian ... sản xuất, kinh doanh so với năm
			// 2026": the last of a list of nouns, and the base of the
			// whole comparison after it.
			i = next
			continue
		}
		if piece == "" || len(strings.Fields(piece)) > 4 || strings.ContainsAny(piece, "0123456789") || opensMeasure(piece+" ") {
			return e
		}
		i = next
	}
	return clauseEndAt(s, i)
}

// rankLeaders end a group of the first places in a ranking: "nhóm 05
// địa phương dẫn đầu", "nhóm 10 tỉnh, thành phố đứng đầu".
var rankLeaders = []string{"dan dau", "dung dau", "cao nhat", "tot nhat", "hang dau"}

// rankGroup reports whether a figure, between the folded words before it
// and the folded rest of its sentence after it, is the size of a group of
// leaders in a ranking: "nằm trong nhóm 05 địa phương dẫn đầu cả nước" is
// fifth place or better, a rank of at most 5.
func rankGroup(before []string, after string) bool {
	if len(before) == 0 || before[len(before)-1] != "nhom" {
		return false
	}
	for _, l := range rankLeaders {
		if strings.Contains(" "+after+" ", " "+l+" ") {
			return true
		}
	}
	return false
}

// sentenceEndAt returns where the sentence going on at offset i ends: at
// the next ";" or full stop, or at most 80 bytes on. A group of leaders
// may hold commas: "nhóm 10 tỉnh, thành phố đứng đầu".
func sentenceEndAt(s string, i int) int {
	end := min(len(s), i+80)
	for k := i; k < end; k++ {
		if s[k] == ';' || s[k] == '.' && (k+1 == len(s) || s[k+1] == ' ') {
			return k
		}
	}
	return end
}

// reListTailBase is a short piece after a comma that ends a list of nouns
// and gives the base of the comparison: "kinh doanh so với năm 2026",
// "dịch vụ so với cùng kỳ".
var reListTailBase = regexp.MustCompile(`^(?:[a-z]+ ){1,3}so voi (?:cung ky(?: nam \d{4})?|nam \d{4}|nam truoc)$`)

// clauseEndAt returns the end of the clause that goes on at offset i.
func clauseEndAt(s string, i int) int {
	for k := i; k < len(s); k++ {
		c := s[k]
		if c == ';' || c == ':' || c == '(' || c == ')' || c == ',' && k+1 < len(s) && s[k+1] == ' ' || c == '.' && (k+1 == len(s) || s[k+1] == ' ') {
			return k
		}
	}
	return len(s)
}

// wordEndBefore returns the end of the last word before offset i, where a
// clause containing the next number should stop.
func wordEndBefore(s string, i int) int {
	k := i
	for k > 0 && s[k-1] == ' ' {
		k--
	}
	// Step back over the word before the number (a comparator like "trên").
	for k > 0 && s[k-1] != ' ' {
		k--
	}
	for k > 0 && s[k-1] == ' ' {
		k--
	}
	return k
}

// indexWord finds w in s as a whole word.
func indexWord(s, w string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		if (i == 0 || !isAlnum(s[i-1])) && (i+len(w) == len(s) || !isAlnum(s[i+len(w)])) {
			return i
		}
		from = i + 1
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool       { return isASCIILetter(c) || c >= '0' && c <= '9' }

// awaitsRate reports whether folded clause text opens with a rate ("tỷ
// lệ ...") and holds no number yet: the rate's value is still to come, so
// a comma in it separates the things the rate is of, not two clauses.
func awaitsRate(s string) bool {
	s = strings.TrimLeft(s, " -–+•")
	return (strings.HasPrefix(s, "ty le ") || strings.HasPrefix(s, "ti le ")) && !strings.ContainsAny(s, "0123456789")
}

// reYearFigure is a year, which may name what a change measures ("kinh
// phí còn lại của năm 2021") without being a figure of its own.
var reYearFigure = regexp.MustCompile(`\b(?:19|20)\d\d\b`)

// baseAfter returns the base of a change whose clause ended at folded
// offset ce and named none, when the sentence names it after the commas
// that list what changes, with no other figure nor verb of change
// between: "cắt giảm tối thiểu 50% kinh phí hội nghị, công tác trong nước
// và nước ngoài còn lại của năm 2021 so với dự toán được giao" is a
// decrease against the estimate.
func baseAfter(str string, ce int) string {
	end := len(str)
	if k := strings.IndexByte(str[ce:], ';'); k >= 0 {
		end = ce + k
	}
	if k := strings.Index(str[ce:end], ". "); k >= 0 {
		end = ce + k
	}
	tail := str[ce:end]
	i := strings.Index(tail, "so voi ")
	if i < 0 {
		return ""
	}
	between := " " + reYearFigure.ReplaceAllString(tail[:i], " ") + " "
	if strings.ContainsAny(between, "0123456789") || strings.Contains(between, " tang ") || strings.Contains(between, " giam ") {
		return ""
	}
	switch rest := tail[i+len("so voi "):]; {
	case strings.HasPrefix(rest, "cung ky"):
		return "same-period"
	case strings.HasPrefix(rest, "du toan"):
		return "estimate"
	case strings.HasPrefix(rest, "ke hoach"):
		return "plan"
	}
	return ""
}

// perScales are the words of a rate's denominator that count a scale of
// what follows them: "bác sĩ/vạn dân", "giường bệnh/nghìn dân".
var perScales = map[string]bool{"van": true, "nghin": true, "ngan": true, "tram": true, "trieu": true}

// perScaleEnd returns where the denominator of a rate that starts at
// folded offset k and whose first word ends at j ends: past the word
// after a scale ("vạn dân"), else j.
func perScaleEnd(str string, k, j int) int {
	if j <= k || !perScales[str[k:j]] || j+1 >= len(str) || str[j] != ' ' || !isASCIILetter(str[j+1]) {
		return j
	}
	for j++; j < len(str) && isAlnum(str[j]); j++ {
	}
	return j
}

// gradeUnits grade the things a target counts: "04 sản phẩm OCOP đạt 3
// sao trở lên" is four products, each of three stars or more.
var gradeUnits = map[string]bool{"sao": true}

// isGrade reports whether the number at s, measured in unit, grades what
// the previous target of its clause counts (prevNum is where that target's
// number ends) rather than being a target of its own.
func isGrade(f folded, unit string, s, prevNum int) bool {
	// "mười lăm (15) sản phẩm … đạt chuẩn OCOP từ 3 sao": the bracket
	// that closes the figure restating the words is no clause mark.
	between := strings.TrimPrefix(strings.TrimLeft(f.s[min(prevNum, s):s], " "), ")")
	return gradeUnits[vi.Fold(unit)] && prevNum > 0 && prevNum < s && !strings.ContainsAny(between, ",;:.()")
}

// gradeAt reports whether the number ending at folded offset e is followed
// by a grade unit ("3 sao"): the target before it goes on over it.
func gradeAt(s string, e int) bool {
	rest := strings.TrimLeft(s[e:], " ")
	j := 0
	for j < len(rest) && isASCIILetter(rest[j]) {
		j++
	}
	return gradeUnits[rest[:j]]
}

// notMeasurePhrase reports whether the folded text after a number opens
// with a verb or a linking phrase rather than a unit of measure.
func notMeasurePhrase(rest string) bool {
	for _, p := range notMeasurePhrases {
		if strings.HasPrefix(rest, p) && (len(rest) == len(p) || !isAlnum(rest[len(p)])) {
			return true
		}
	}
	return false
}

// reRangeUpper is the upper end of a range after "đến": a number, perhaps
// after "dưới"/"trên" ("đến 25", "đến dưới 6 tuổi").
var reRangeUpper = regexp.MustCompile(`^\s*(?:duoi|tren|het)?\s*\d`)

// reRangeSep joins the two ends of a range after the lower figure (and its
// "%", when both ends carry it): "từ 8% đến 10%", "2,5 - 3%", "4.500 –
// 5.000 ha".
var reRangeSep = regexp.MustCompile(`^\s*%?\s*(?:-|–|—|den)\s*$`)

// rangeTarget reads the number at ms[k] as the lower end of a range whose
// upper end is ms[k+1]: one target, at least the lower end, with the
// range's unit, direction and base ("tăng từ 8% đến 10% so với cùng kỳ"
// is >= 8 % increase same-period). A unit that reaches the lower end has
// met it, which is what a form that takes one comparator records. A range
// capped from above ("không quá 2 - 3%") keeps its upper end. Years
// ("2021 - 2025"), dates and ages ("từ 3 đến dưới 6 tuổi") are no target,
// as the upper end alone is not.
func rangeTarget(f folded, ms [][]int, k, prevEnd, prevNum int) (Target, int, bool) {
	str := f.s
	if k+1 >= len(ms) {
		return Target{}, 0, false
	}
	s, e := ms[k][0], ms[k][1]
	us, ue := ms[k+1][0], ms[k+1][1]
	if !reRangeSep.MatchString(str[e:us]) || s > 0 && strings.IndexByte("/-.,:_", str[s-1]) >= 0 {
		return Target{}, 0, false
	}
	if strings.HasPrefix(strings.TrimSpace(str[e:us]), "%") && !(ue < len(str) && strings.HasPrefix(strings.TrimLeft(str[ue:], " "), "%")) {
		return Target{}, 0, false
	}
	low, err := vi.ParseNumber(f.cut(s, e))
	if err != nil {
		return Target{}, 0, false
	}
	t, end, ok := target(f, us, ue, prevEnd, prevNum, ms, k+1)
	if !ok || low >= t.Value {
		return Target{}, 0, false
	}
	if c, ok := prefixComparator(wordsBefore(str, s, 4)); ok && (c == tiendo.AtMost || c == tiendo.LessThan) {
		t.Comparator = c
	}
	switch t.Comparator {
	case tiendo.AtMost, tiendo.LessThan:
		return t, end, true
	}
	t.Comparator, t.Value = tiendo.AtLeast, low
	// The verb or level word of a range stands before its lower end: read
	// at the upper end, the lower figure hides it ("tốc độ tăng trưởng
	// đạt từ 7 - 7,5%" is a level, "tăng từ 8% đến 10%" a change).
	vfloor := min(prevNum, s)
	if j := strings.LastIndexByte(str[vfloor:s], ';'); j >= 0 {
		vfloor += j + 1
	}
	switch dir, level, _ := changeOrLevel(f, verbStart(str, s, vfloor), s); {
	case level:
		t.Direction = ""
	case dir != "":
		t.Direction = dir
	}
	return t, end, true
}

// nameHeads are the words, as written in lower case, that a number
// follows to name one part of a programme: "Dự án 8", "Tiểu dự án 2",
// "Đề án 06".
var nameHeads = [][2]string{{"dự", "án"}, {"đề", "án"}}

// numberedName reports whether the number at folded offset s names a
// project by its number ("triển khai Dự án 8 thuộc Chương trình mục tiêu
// quốc gia …") rather than counting: the count comes before the noun
// ("triển khai 05 dự án").
func numberedName(f folded, s int) bool {
	if ws := origWordsBefore(f, s, 3); len(ws) == 3 && ws[0] == "ban" && ws[1] == "chỉ" && ws[2] == "đạo" {
		// "Ban Chỉ đạo 389", "Ban Chỉ đạo 35": a steering committee named
		// by the number of the decision that set it up.
		return true
	}
	ws := origWordsBefore(f, s, 2)
	if len(ws) < 2 {
		return false
	}
	return slices.Contains(nameHeads, [2]string{ws[0], ws[1]})
}

// numberWords are the Vietnamese words for digits, folded ("tư" and
// "lăm" in a number are four and five).
var numberWords = map[string]float64{
	"khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "nham": 5,
	"sau": 6, "bay": 7, "tam": 8, "chin": 9,
}

// numberMultipliers are the words that scale what comes before them.
var numberMultipliers = map[string]float64{"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9, "ti": 1e9}

// spelledValue reads a number written in folded words ("hai", "mười
// hai", "một nghìn hai trăm"); ok is false when a word is no number word
// or two digits follow each other.
func spelledValue(ws []string) (float64, bool) {
	var total, group, digit float64
	had := false // a digit is waiting for its "mươi" or "trăm"
	for _, w := range ws {
		if d, ok := numberWords[w]; ok {
			if had {
				return 0, false
			}
			digit, had = d, true
			continue
		}
		switch w {
		case "muoi": // "mười" alone is ten, "hai mươi" twenty
			if !had {
				digit = 1
			}
			group += digit * 10
		case "tram":
			if !had {
				return 0, false
			}
			group += digit * 100
		case "linh", "le":
			if had {
				return 0, false
			}
			continue
		default:
			m, ok := numberMultipliers[w]
			if !ok {
				return 0, false
			}
			if had {
				group += digit
			}
			if group == 0 {
				return 0, false
			}
			total += group * m
			group = 0
		}
		digit, had = 0, false
	}
	if had {
		group += digit
	}
	return total + group, len(ws) > 0
}

// spelledBefore returns the folded offset where the number words before
// "(" start when the figure at [s, e) is written in brackets right after
// them and restates them ("ít nhất hai (02) đợt", "mười hai (12) xã"),
// and -1 otherwise. "năm (2025)" is no restatement: the words and the
// figure must agree.
func spelledBefore(str string, s, e int, value float64) int {
	if s < 2 || str[s-1] != '(' || e >= len(str) || str[e] != ')' {
		return -1
	}
	end := s - 1
	for end > 0 && str[end-1] == ' ' {
		end--
	}
	var starts []int // of the number words before "(", nearest first
	for i := end; len(starts) < 8; {
		j := i
		for j > 0 && isASCIILetter(str[j-1]) {
			j--
		}
		if j == i {
			break
		}
		w := str[j:i]
		if _, ok := numberWords[w]; !ok && numberMultipliers[w] == 0 && w != "muoi" && w != "tram" && w != "linh" && w != "le" {
			break
		}
		starts = append(starts, j)
		if j == 0 || str[j-1] != ' ' {
			break
		}
		i = j - 1
	}
	// The longest run that agrees: "từ hai (02)" reads "hai", not "tư hai".
	for k := len(starts) - 1; k >= 0; k-- {
		if v, ok := spelledValue(strings.Fields(str[starts[k]:end])); ok && v == value {
			return starts[k]
		}
	}
	return -1
}

// spelledAfter returns the offset after "(words)" that follow the figure
// ending at e and restate it ("02 (hai) đợt"), and 0 otherwise.
func spelledAfter(str string, e int, value float64) int {
	i := e
	for i < len(str) && str[i] == ' ' {
		i++
	}
	if i >= len(str) || str[i] != '(' {
		return 0
	}
	j := strings.IndexByte(str[i:], ')')
	if j < 0 || j > 60 {
		return 0
	}
	if v, ok := spelledValue(strings.Fields(str[i+1 : i+j])); !ok || v != value {
		return 0
	}
	return i + j + 1
}
