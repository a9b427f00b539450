package directive

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vi"
)

// A unit's name is its kind word (Sở, Phòng, Ủy ban nhân dân, Ban, Hội,
// Công an, Bảo hiểm xã hội...), its proper name, capitalised ("Nông nghiệp
// và Môi trường", "Đồng Tháp"), and its level ("tỉnh", "huyện", "các xã,
// phường"), then perhaps a place ("tỉnh Đồng Tháp"). Once the level is
// written the name is complete: a lower case word after it that cannot go
// on with a name begins the action ("phối
// hợp với Bảo hiểm xã hội tỉnh mở rộng đối tượng ...", "Ủy ban nhân dân các
// xã, phường phát triển vùng nguyên liệu ...").

// levelWords are the words of an administrative level, lower case.
var levelWords = [][]string{
	{"tỉnh"}, {"huyện"}, {"xã"}, {"phường"}, {"quận"}, {"thị", "xã"}, {"thị", "trấn"}, {"thành", "phố"},
	{"đặc", "khu"}, {"thôn"}, {"trung", "ương"}, {"khu", "phố"},
	// The Party committees of a thị xã and a thành phố, listed as levels
	// are: "các huyện ủy, thị ủy, thành ủy".
	{"thị", "ủy"}, {"thị", "uỷ"}, {"thành", "ủy"}, {"thành", "uỷ"},
	{"tổ", "dân", "phố"}, {"ấp"},
}

// nameGoesOn are lower case words that continue a complete name and keep it
// complete: "Huyện ủy", "Tỉnh đoàn", "các xã có liên quan".
var nameGoesOn = [][]string{
	{"ủy"}, {"uỷ"}, {"đoàn"}, {"đội"}, {"có", "liên", "quan"}, {"liên", "quan"},
}

// nameStartsAgain are lower case words after which another name follows:
// "Công an tỉnh và các xã", "các phòng thuộc Ủy ban nhân dân huyện".
var nameStartsAgain = [][]string{
	{"và"}, {"các"}, {"hoặc"}, {"thuộc"}, {"trực", "thuộc"}, {"trên", "địa", "bàn"}, {"tại"},
}

// citedParts are the parts and kinds of a document "tại" may point to
// after a unit's name (folded: matched whatever the case and the marks):
// "tại mục 4", "tại điểm b khoản 2", "tại Công văn số ...", "tại Phụ lục".
// Not "phần" nor "bảng": "tại Phan Thiết", "tại Cao Bằng" fold alike.
var citedParts = [][]string{
	{"muc"}, {"tieu", "muc"}, {"diem"}, {"khoan"}, {"dieu"}, {"chuong"}, {"phu", "luc"}, {"bieu"},
	{"cong", "van"}, {"ke", "hoach"}, {"quyet", "dinh"}, {"van", "ban"}, {"thong", "bao"}, {"chi", "thi"},
	{"nghi", "quyet"}, {"huong", "dan"}, {"to", "trinh"}, {"danh", "sach"},
}

type nameWord struct {
	start, end int    // byte offsets in the text
	lower      string // lower case, diacritics kept
	sepBefore  string // the non-space separators between it and the word before
}

// splitNameWords splits s into words (letters and digits) and the separators
// between them.
func splitNameWords(s string) []nameWord {
	var ws []nameWord
	sep := strings.Builder{}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if !unicode.IsSpace(r) && sep.Len() < 8 {
				sep.WriteRune(r)
			}
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += n
		}
		ws = append(ws, nameWord{start: i, end: j, lower: strings.ToLower(s[i:j]), sepBefore: sep.String()})
		sep.Reset()
		i = j
	}
	return ws
}

// phraseAt returns the length in words of the first phrase of set that the
// words from i spell (lower case; folded when the text has no diacritics),
// or 0.
func phraseAt(ws []nameWord, i int, set [][]string, plain bool) int {
	for _, ph := range set {
		if i+len(ph) > len(ws) {
			continue
		}
		ok := true
		for k, w := range ph {
			got := ws[i+k].lower
			if k > 0 && ws[i+k].sepBefore != "" {
				ok = false
				break
			}
			if got != w && !(plain && vi.Fold(got) == vi.Fold(w)) {
				ok = false
				break
			}
		}
		if ok {
			return len(ph)
		}
	}
	return 0
}

// levelAt returns the length in words of the level written at word i, or
// 0: "xã hội" is not the commune.
func levelAt(ws []nameWord, i int, plain bool) int {
	n := phraseAt(ws, i, levelWords, plain)
	if n == 0 {
		n = misspeltLevelAt(ws, i)
	}
	if n == 1 && vi.Fold(ws[i].lower) == "xa" && i+1 < len(ws) && ws[i+1].sepBefore == "" && vi.Fold(ws[i+1].lower) == "hoi" {
		return 0
	}
	return n
}

// misspeltLevelAt returns the length of a level of two words or more
// written at word i with one diacritic lost, as OCR reads a scan ("thi
// trấn", "thị tran"): the words fold to the level's and one of them at
// least is spelled right. A one-word level is not guessed ("thi" is the
// exam, not "thị").
func misspeltLevelAt(ws []nameWord, i int) int {
	for _, ph := range levelWords {
		if len(ph) < 2 || i+len(ph) > len(ws) {
			continue
		}
		ok, exact := true, false
		for k, w := range ph {
			got := ws[i+k].lower
			if k > 0 && ws[i+k].sepBefore != "" || vi.Fold(got) != vi.Fold(w) {
				ok = false
				break
			}
			exact = exact || got == w
		}
		if ok && exact {
			return len(ph)
		}
	}
	return 0
}

func lowerInitial(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// unitNameEnd returns where in s the unit names it opens with end: before
// the first lower case word that cannot go on with a name once a name is
// complete (see above), or len(s). s holds one or more names ("Sở A, Sở B và
// Ủy ban nhân dân các xã"), each starting again after "và", "các" or a
// comma followed by a capital.
func unitNameEnd(s string) int {
	ws := splitNameWords(s)
	plain := !hasDiacritics(s)
	complete := false
	group := false  // the name opened a group with "các"
	places := false // a group of places: "các" and levels ("các tỉnh, thành phố")
	for i := 0; i < len(ws); {
		w := ws[i]
		if strings.ContainsAny(w.sepBefore, ",;") || strings.ContainsAny(w.sepBefore, "-–&") && !lowerInitial(w.lower) {
			if n := groupKindAt(s, ws, i); complete && group && n > 0 {
				// "Các chi bộ thôn, bon, trường học trực thuộc": after
				// "các", the kinds listed go on with the group.
				i += n
				continue
			}
			if complete && lowerInitial(s[w.start:w.end]) && phraseAt(ws, i, nameStartsAgain, plain) == 0 && levelAt(ws, i, plain) == 0 {
				return ws[i-1].end
			}
			// "các tỉnh, thành phố": a level after the comma goes on with
			// the places.
			complete, group, places = false, false, places && levelAt(ws, i, plain) > 0
		}
		if vi.Fold(w.lower) == "cac" {
			group = true
		}
		if i > 0 && vi.Fold(w.lower) == "tai" && (w.lower == "tại" || plain) && phraseAt(ws, i+1, citedParts, true) > 0 {
			// "giao Phòng X tại mục 4 Công văn số ...": where the work was
			// given, a part of a document, not a place in a name.
			return ws[i-1].end
		}
		if n := phraseAt(ws, i, nameStartsAgain, plain); n > 0 && lowerInitial(s[w.start:w.end]) {
			complete = false
			i += n
			continue
		}
		if n := levelAt(ws, i, plain); n > 0 && i > 0 {
			complete = true
			places = places || group
			i += n
			continue
		}
		orig := s[w.start:w.end]
		if i > 0 && (w.lower == "là" || plain && w.lower == "la") {
			// "Cục Thống kê là đầu mối ...": no name holds "là".
			return ws[i-1].end
		}
		switch {
		case unicode.IsDigit(rune(orig[0])):
			// "Trường Tiểu học số 2", "Khu phố 3": a number goes on.
		case lowerInitial(orig) && complete:
			if n := phraseAt(ws, i, nameGoesOn, plain); n > 0 {
				i += n
				continue
			}
			if newCountryside(s, ws, i, plain) {
				// "Văn phòng Điều phối nông thôn mới Trung ương": the
				// programme's name, "nông thôn mới", goes on.
				i++
				continue
			}
			if n := crossedBy(ws, i, plain); places && n > 0 {
				i += n
				continue
			}
			if n := selectedBy(ws, i, plain); places && n > 0 {
				i += n
				continue
			}
			if n := passiveSelected(ws, i, plain); places && n > 0 {
				i += n
				continue
			}
			if vi.Fold(w.lower) == "so" && i+1 < len(ws) && unicode.IsDigit(rune(s[ws[i+1].start])) {
				i++
				continue
			}
			return ws[i-1].end
		}
		i++
	}
	return len(s)
}

// newCountryside reports whether word i of s is the "mới" of "nông thôn
// mới", the new-countryside programme a unit may be named after, the
// name going on after it with a capital or a level or ending there.
// "Phòng Nông nghiệp và Phát triển nông thôn mới gửi báo cáo" says "only
// just", and the name ends before it.
func newCountryside(s string, ws []nameWord, i int, plain bool) bool {
	if i < 2 || ws[i].sepBefore != "" || ws[i-1].sepBefore != "" {
		return false
	}
	w := ws[i].lower
	if !(w == "mới" || plain && vi.Fold(w) == "moi") || vi.Fold(ws[i-2].lower+" "+ws[i-1].lower) != "nong thon" {
		return false
	}
	n := i + 1
	return n == len(ws) || ws[n].sepBefore != "" || !lowerInitial(s[ws[n].start:ws[n].end]) || levelAt(ws, n, plain) > 0
}

// groupKindAt returns the number of words of the piece that starts at
// word i after a comma when, written in lower case, it names a kind of
// place or of unit ("bon", "phường", "trường học trực thuộc"), and 0
// otherwise.
func groupKindAt(s string, ws []nameWord, i int) int {
	if !lowerInitial(s[ws[i].start:ws[i].end]) {
		return 0
	}
	j := i + 1
	for j < len(ws) && !strings.ContainsAny(ws[j].sepBefore, ",;:.") {
		j++
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.WriteString(ws[k].lower)
	}
	f := vi.Fold(b.String())
	if placeKinds[f] || villageKinds[b.String()] || isCategory(underless(f)) || bareKind(f) {
		return j - i
	}
	return 0
}

// reRemit is the remit units act within, after their names, on folded
// text: "theo chức năng, nhiệm vụ (được giao)", "theo thẩm quyền", "theo
// lĩnh vực phụ trách", "theo phân cấp"; no unit's name holds it.
var reRemit = regexp.MustCompile(`[\s,]\(?theo (?:chuc nang|chuc trach|tham quyen|linh vuc|phan cap)\b`)

// cutRemit drops from s the remit its units act within and what follows:
// "Phòng A, Phòng B theo chức năng, nhiệm vụ được giao …", "Chi cục C
// (theo chức năng, nhiệm vụ)".
func cutRemit(s string) string {
	if f := foldText(s); strings.Contains(f.s, "theo ") {
		if m := reRemit.FindStringIndex(f.s); m != nil {
			return strings.TrimRight(f.cut(0, m[0]), " ,;:-–(")
		}
	}
	return s
}

// cutUnitNames drops from s what follows the unit names it opens with.
func cutUnitNames(s string) string {
	s = cutRemit(s)
	if e := unitNameEnd(s); e < len(s) {
		return strings.TrimRight(s[:e], " ,;:-–")
	}
	return s
}

// crossedBy returns the number of words of the clause at word i that
// picks, among a group of places, those a road, a railway or a river
// crosses ("các tỉnh, thành phố có đường sắt đi qua", "các xã có quốc lộ
// 1A chạy qua"): "có", a few words, and "đi qua", "chạy qua" or "chảy
// qua", with no mark between. 0 when the words are no such clause.
func crossedBy(ws []nameWord, i int, plain bool) int {
	if vi.Fold(ws[i].lower) != "co" || !plain && ws[i].lower != "có" {
		return 0
	}
	for j := i + 2; j < len(ws) && j <= i+7; j++ {
		if ws[j].sepBefore != "" {
			return 0
		}
		if vi.Fold(ws[j].lower) == "qua" {
			switch ws[j-1].lower {
			case "đi", "chạy", "chảy":
				return j - i + 1
			}
			if plain && (ws[j-1].lower == "di" || ws[j-1].lower == "chay") {
				return j - i + 1
			}
			return 0
		}
	}
	return 0
}

// issuedNouns are what a unit "có" when it acts rather than qualifies a
// group: "các xã có văn bản gửi …", "có ý kiến", "có kế hoạch".
var issuedNouns = map[string]bool{
	"van ban": true, "y kien": true, "bao cao": true, "ke hoach": true, "cong van": true, "to trinh": true,
	"phuong an": true, "trach nhiem": true, "huong dan": true, "thong bao": true, "bien phap": true, "giai phap": true,
}

// passiveSelected returns the number of words of the clause at word i
// that picks, among a group of places, those something is done to ("Ủy ban
// nhân dân các xã, phường được kiểm tra", "các xã được chọn"): "được" and
// one to three words running to the end of the names, or to "và" before
// another. 0 when the words are no such clause: a sentence goes on after
// its verb ("các xã được phân bổ vốn khẩn trương giải ngân").
func passiveSelected(ws []nameWord, i int, plain bool) int {
	if vi.Fold(ws[i].lower) != "duoc" || !plain && ws[i].lower != "được" {
		return 0
	}
	j := i + 1
	for ; j < len(ws) && j-i <= 3; j++ {
		if ws[j].sepBefore != "" || phraseAt(ws, j, nameStartsAgain, plain) > 0 {
			break
		}
	}
	if j == i+1 || j < len(ws) && (ws[j].sepBefore == "" || strings.ContainsAny(ws[j].sepBefore, ",;-")) && phraseAt(ws, j, nameStartsAgain, plain) == 0 {
		return 0
	}
	return j - i
}

// selectedBy returns the number of words of the clause at word i that
// picks, among a group of places, those that hold something ("Ủy ban nhân
// dân các xã có dự án", "các xã có công trình cấp nước"): "có" and at
// most seven words running to the end of the names, or to "và" before
// another. The verb that follows was cut off before. "có" before what a
// unit issues ("các xã có văn bản", "có ý kiến") acts; 0 then, and when
// the words are no such clause.
func selectedBy(ws []nameWord, i int, plain bool) int {
	if vi.Fold(ws[i].lower) != "co" || !plain && ws[i].lower != "có" || i+1 >= len(ws) {
		return 0
	}
	if i+2 < len(ws) && issuedNouns[vi.Fold(ws[i+1].lower+" "+ws[i+2].lower)] {
		return 0
	}
	j := i + 1
	for ; j < len(ws) && j-i <= 7; j++ {
		if ws[j].sepBefore != "" {
			return 0
		}
		if phraseAt(ws, j, nameStartsAgain, plain) > 0 {
			break
		}
	}
	if j-i > 7 || j == i+1 || j < len(ws) && phraseAt(ws, j, nameStartsAgain, plain) == 0 {
		return 0
	}
	return j - i
}
