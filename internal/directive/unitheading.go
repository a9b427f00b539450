package directive

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vi"
)

// A numbered item addressed to a unit is often written as a heading line
// that is the unit's name alone, in bold in Word, and the unit's work in
// the paragraph under it, whose first word is a verb with a capital:
//
//	1. Các trường trung học phổ thông trực thuộc Sở
//	Rà soát toàn bộ phòng học ...
//
// Pasted as text, nothing but the line break tells the two apart, and a
// paragraph wrapped by a PDF breaks lines in the same way. The heading is
// told by what it says (a unit's name, no verb) and by where its line ends:
// short of the next line, which a hard wrap would have filled.

// notUnitHeads open phrases that fold like a unit's name but are none:
// "Hội nghị", "Bổ sung", "Số liệu", "Đối với".
var notUnitHeads = []string{"ban hanh", "ban chat", "so luong", "so lieu", "so sanh", "doi voi", "doi moi", "hoi nghi", "hoi thi", "hoi thao", "truong hop", "bo sung", "bo tri", "vien chuc", "dai hoi", "quy dinh", "quy che", "hoi dap"}

// unitHeading reports whether s, one line with no end punctuation, reads as
// a unit's name alone: it opens like a unit's name (after "các" or "các
// thành viên", who are the members of a body) and holds no verb after it.
func unitHeading(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 || endsSentence(s) && !strings.HasSuffix(s, ":") {
		return false
	}
	s = askedHeading(strings.TrimSuffix(s, ":"))
	s = dropRole(s)
	if villageGroup(s) {
		return true
	}
	words := strings.Fields(s)
	k := 0
	if k < len(words) && vi.Fold(words[k]) == "cac" {
		k++
	}
	if k+1 < len(words) && vi.Fold(words[k]+" "+words[k+1]) == "thanh vien" {
		k += 2
	}
	if k >= len(words) {
		return false
	}
	rest := strings.Join(words[k:], " ")
	f := strings.ReplaceAll(vi.Fold(rest), ",", " ") + " " // "Các Bộ, cơ quan ngang Bộ"
	if !pressName(rest) && (!startsWithAny(f, unitHeads) || startsWithAny(f, genericUnitHeads) || startsWithAny(f, notUnitHeads) || !headSpelled(rest)) {
		return false
	}
	return !hasVerb(s) && !strings.ContainsAny(s, ";.")
}

// dropRole returns heading s less the role a plan writes in brackets
// after the unit's name, "Phòng Văn hóa và Thông tin (cơ quan thường
// trực)", "Sở Tài chính (đơn vị chủ trì)": the heading still names the
// unit alone, and a verb in the role ("chủ trì") is none of the work.
func dropRole(s string) string {
	if !strings.HasSuffix(s, ")") {
		return s
	}
	k := strings.LastIndex(s, "(")
	if k <= 0 || strings.ContainsAny(s[k+1:len(s)-1], "()") {
		return s
	}
	return strings.TrimSpace(s[:k])
}

// reAskedHeading opens a unit heading that asks rather than gives: "4. Đề
// nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã
// hội xã" over the paragraph of their work. A body asks those it does not
// direct; the heading still names who does the work.
var reAskedHeading = regexp.MustCompile(`^(?:đề nghị|Đề nghị|ĐỀ NGHỊ)\s+`)

// askedHeading returns heading s without an opening "Đề nghị".
func askedHeading(s string) string {
	if m := reAskedHeading.FindStringIndex(s); m != nil {
		return s[m[1]:]
	}
	return s
}

// villageKinds are the villages and quarters of a commune, spelled as
// written: "Các bản", "Các ấp, khóm", "Các thôn, tổ dân phố", "Các khối
// phố". "các ban" (the boards) folds as "các bản" does, so the spelling
// decides.
var villageKinds = map[string]bool{
	"bản": true, "ấp": true, "khóm": true, "thôn": true, "xóm": true, "buôn": true, "làng": true,
	"sóc": true, "tổ dân phố": true, "khu phố": true, "khu dân cư": true, "bon": true, "plei": true,
	// The tổ dân phố of a phường in Quảng Nam and Đà Nẵng.
	"khối phố": true,
}

// villageGroup reports whether s is "Các" and one or more village kinds
// ("Các bản", "Các ấp, khu phố"): the villages of the commune, one unit.
func villageGroup(s string) bool {
	w, rest, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok || strings.ToLower(w) != "các" {
		return false
	}
	for _, part := range strings.FieldsFunc(strings.ReplaceAll(strings.ToLower(rest), " và ", ","), func(r rune) bool { return r == ',' }) {
		if !villageKinds[strings.TrimSpace(part)] {
			return false
		}
	}
	return true
}

// hasVerb reports whether s holds a verb that ends a unit's name, past
// the nouns made with one: "việc làm" ("Trung tâm Dịch vụ việc làm").
func hasVerb(s string) bool {
	f := foldText(s)
	for from := 0; from < len(f.s); {
		v := firstVerb(f, from)
		if v == nil {
			return false
		}
		if !strings.HasSuffix(f.s[:from+v[0]], " viec") {
			return true
		}
		from += v[1]
	}
	return false
}

// opensWithVerb reports whether line s opens with a capitalised verb, as
// the paragraph under a unit heading does: "Rà soát ...", "Chủ trì, phối
// hợp với ...", "Đề nghị chỉ đạo ...".
func opensWithVerb(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	f := vi.Fold(s) + " "
	w, _, _ := strings.Cut(f, " ")
	for _, ph := range verbs[w] {
		if strings.HasPrefix(f, ph+" ") || strings.HasPrefix(f, ph+",") {
			return true
		}
	}
	for _, ph := range moreVerbs {
		if strings.HasPrefix(f, ph+" ") || strings.HasPrefix(f, ph+",") {
			return true
		}
	}
	return false
}

// moreVerbs open a unit's work besides the verbs that end a unit's name.
var moreVerbs = []string{"de nghi", "kien toan", "thanh lap", "quan tam", "sap xep", "rut kinh nghiem", "nghiem tuc", "khan truong", "kip thoi", "thuong xuyen", "phat dong", "van dong"}

// headsParagraph reports whether item i of region (whose blocks' parents
// are offset by off) is a unit's name heading the paragraph right under
// it, which opens with a verb.
func headsParagraph(region []block, i, off int) bool {
	b := region[i]
	if b.kind != number && b.kind != letter || b.cells != nil || i+1 >= len(region) {
		return false
	}
	next := region[i+1]
	return next.kind == plain && next.cells == nil && next.parent-off == i && (opensWithVerb(next.text) || opensContent(next.text) || opensEach(next.text)) && unitHeading(b.text)
}

// headingBreak reports whether the line s after the one-line item text
// starts the item's paragraph rather than continuing a wrapped line: the
// item is a unit's name alone, s opens with a capitalised verb, and the
// item's line is shorter than s, well short of it when s is itself
// wrapped (wrapped: a line of the paragraph follows it), as a line a PDF
// broke is about as long as the next.
func headingBreak(item, s string, wrapped bool) bool {
	n, m := utf8.RuneCountInString(item), utf8.RuneCountInString(s)
	if n >= m || wrapped && 5*n > 4*m {
		return false
	}
	return (opensWithVerb(s) || opensContent(s) || opensEach(s)) && unitHeading(item)
}

// frameBreak reports whether the line s after the one-line item text
// starts the item's paragraph because the item is a part of a plan's
// frame alone ("2. Yêu cầu", "1. Mục đích") and s opens with a capital:
// text out of a PDF keeps no blank line after such a heading, and no
// wrapped line ends after one or two words.
func frameBreak(item, s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	f := strings.TrimSpace(strings.TrimRight(vi.Fold(item), " :.;"))
	return unicode.IsUpper(r) && (frameParts[f] || planFrame(f))
}

// reEach opens a paragraph by its distributive, as the work under a
// heading of many units often does: "Mỗi xã có điểm du lịch xây dựng
// ...", "Từng trường rà soát ...", "Mỗi quý tổ chức ...". A unit's name
// never goes on with "Mỗi" or "Từng" written with a capital.
var reEach = regexp.MustCompile(`^(?:Mỗi|Từng|MỖI|TỪNG)\s+\p{L}`)

// opensEach reports whether line s opens with such a distributive.
func opensEach(s string) bool {
	return reEach.MatchString(vi.NFC(s))
}

// reContentOpening opens what a unit is to report on, the paragraph under
// its name: "Tình hình an ninh ...", "Số hồ sơ ...", "Kết quả ...",
// "Công tác ...". Read with its diacritics, lower-cased.
var reContentOpening = regexp.MustCompile(`^(?:tình hình|kết quả|công tác|tiến độ|việc |số liệu|số hồ sơ|số lượng|tỷ lệ|tỉ lệ|nội dung|đánh giá)`)

// opensContent reports whether line s opens, with a capital, by naming
// what is reported on.
func opensContent(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && reContentOpening.MatchString(strings.ToLower(vi.NFC(s)))
}

// frameParts are the parts of a plan that say what it is for and how it
// runs rather than give work: its purpose and requirements, an event's
// time, place, members and scope. "Nội dung" and "mục tiêu" count only
// beside one of them: "II. NỘI DUNG" alone lists the work.
var frameParts = map[string]bool{
	"muc dich": true, "yeu cau": true, "thoi gian": true, "dia diem": true, "thanh phan": true,
	"doi tuong": true, "pham vi": true, "hinh thuc": true, "phuong phap": true, "phuong thuc": true,
	"thanh phan tham du": true, "thanh phan doan kiem tra": true, "thoi gian kiem tra": true,
	"thoi gian thuc hien": true, "pham vi dieu chinh": true, "doi tuong ap dung": true,
	"lich kiem tra": true, "lich lam viec": true, "doi tuong kiem tra": true,
}

// reMembersHead is a heading that lists who goes or attends, alone:
// "III. THÀNH PHẦN ĐOÀN KIỂM TRA", "THÀNH PHẦN THAM DỰ". Its lines name
// people and their places in the team, no work.
var reMembersHead = regexp.MustCompile(`^thanh phan(?: doan(?: kiem tra| cong tac| giam sat)?| tham du| lam viec)?$`)
var frameWeak = map[string]bool{"noi dung": true, "muc tieu": true, "noi dung kiem tra": true}

// planFrame reports whether folded heading f names only parts of a plan's
// frame, two at least, one of them not "nội dung" or "mục tiêu": "MỤC
// TIÊU, YÊU CẦU", "NỘI DUNG, THỜI GIAN, THÀNH PHẦN", "THỜI GIAN, ĐỊA
// ĐIỂM", "NỘI DUNG, ĐỐI TƯỢNG VÀ LỊCH KIỂM TRA"; or the team's members
// alone (reMembersHead).
func planFrame(f string) bool {
	f = strings.TrimSpace(strings.TrimRight(f, " :.;"))
	if len(f) > 80 {
		return false
	}
	if reMembersHead.MatchString(f) {
		return true
	}
	parts := strings.FieldsFunc(strings.ReplaceAll(f, " va ", ","), func(r rune) bool { return r == ',' || r == ';' || r == '-' || r == '/' })
	strong := 0
	for _, part := range parts {
		part = strings.TrimSpace(part)
		switch {
		case frameParts[part]:
			strong++
		case frameWeak[part]:
		default:
			return false
		}
	}
	return len(parts) >= 2 && strong > 0
}
