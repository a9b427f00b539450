package directive

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vi"
)

// unitHeads begin a unit's name (folded). A phrase that starts with one is
// taken for a unit even when no recipient or registry unit matches it.
var unitHeads = []string{
	"phong ", "ban ", "so ", "trung tam", "chi cuc", "cuc ", "tong cuc", "cong an", "ca ", "ubnd", "uy ban",
	"van phong", "hoi ", "doan ", "lien doan", "mat tran", "mttq", "ubmttq", "ban chi huy", "bch", "bo chi huy",
	"dai ", "kho bac", "bao hiem", "bhxh", "ngan hang", "dien luc", "truong ", "benh vien", "cong chuc",
	"hat kiem lam", "doi ", "huyen doan", "tinh doan", "thanh doan", "bo ", "vien ", "toa an", "thanh tra",
	"hdnd", "hoi dong", "chi nhanh", "cong ty", "ban quan ly", "bql", "hop tac xa", "dang uy", "chi bo",
	"huyen uy", "tinh uy", "thanh uy", "thuong truc", "ttyt", "ttvh", "nganh ", "to cong tac",
	"ban dieu hanh", "tieu ban", "trung doan", "lu doan", "su doan", "bo tu lenh", "kiem lam", "thue ",
	"chi cuc thue", "tram ", "ban tuyen giao", "ban dan van", "ban to chuc", "uy ban kiem tra",
	"ban kinh te", "ban van hoa", "ban phap che", "cac phong", "cac so", "cac ban", "cac xa", "cac phuong",
	"ubnd cac", "cac co quan", "cac don vi", "cac nganh", "thu truong", "dang doan", "ban can su",
	"hiep hoi", "lien hiep", "quy ", "cac chu dau tu", "chu dau tu", "cac doan the", "doan the", "cac to chuc chinh tri", "to chuc chinh tri",
	"cac cap uy", "cap uy", "thoi bao", "tap chi", "dai phat thanh", "dai truyen hinh", "nha xuat ban",
	"hoc vien", "cong thong tin", "thon ", "to dan pho", "khu pho", "cac thon", "cac to dan pho", "cac khu pho",
	"buu dien", "vien thong", "tong cong ty",
	// A trade union at any level: "Công đoàn ngành Y tế tỉnh", "Công đoàn
	// Viên chức tỉnh", "Công đoàn các Khu công nghiệp tỉnh" (spelled
	// "đoàn", not the "công đoạn" of a process).
	"cong doan",
	// A border or police post: "Đồn Biên phòng Đàm Thủy", "Đồn Công an
	// khu công nghiệp". Only with its kind, as "đồn" alone folds as the
	// "đơn" of "đơn vị", "đơn thư" does.
	"don bien phong", "don cong an",
	// A road or waterway management zone of a ministry's Cục: "các Khu
	// Quản lý đường bộ", "Khu Quản lý đường thủy nội địa".
	"khu quan ly",
	// A road management district under the province's Sở or a huyện:
	// "Hạt Quản lý đường bộ huyện", as the forest ranger's "Hạt Kiểm lâm".
	"hat quan ly",
	// A national park or a nature reserve, a unit with its own management
	// board: "Vườn quốc gia Cúc Phương", "Khu bảo tồn thiên nhiên Pù Luông".
	"vuon quoc gia", "khu bao ton",
	// An office written short, in capitals as offices write it: "VP HĐND
	// và UBND xã", "VP Đảng ủy" (GLOSSARY's VP).
	"vp ",
}

// genericUnitHeads name everyone rather than someone ("các cơ quan, đơn
// vị"): such a phrase assigns no particular unit.
var genericUnitHeads = []string{
	"cac co quan", "cac don vi", "thu truong",
	"cac dia phuong", "co quan", "don vi", "cac to chuc", "cac cap", "cac ca nhan", "toan the",
	"ca nhan", "cac tap the",
}

// verbs end the unit part of an assignment ("Giao Phòng X xây dựng: ..."),
// as folded phrases.
var verbs = phraseSet(
	"chu tri", "xay dung", "thuc hien", "bao cao", "tham muu", "trien khai", "can cu", "tong hop",
	"ra soat", "theo doi", "huong dan", "kiem tra", "don doc", "phoi hop", "co trach nhiem",
	"khan truong", "chiu trach nhiem", "to chuc", "tiep tuc", "chu dong", "nghien cuu", "de xuat",
	"cung cap", "gui", "hoan thanh", "quan ly", "cap nhat", "tap trung", "danh gia", "phu trach",
	"dam nhiem", "thong ke", "lam", "day manh", "tang cuong", "nang cao", "phan dau", "chi dao",
	"ra quyet dinh", "uu tien", "giai quyet", "xu ly", "duy tri", "dam bao", "bao dam", "tich cuc",
	"lap", "soan thao", "chuan bi", "tuyen truyen", "van dong", "ho tro", "lanh dao", "bo tri",
	"mo rong", "phat trien", "dau tu", "day nhanh", "khac phuc", "thuc day", "hoan thien", "huy dong",
	"ung pho", "cung co", "nam bat", "nam tinh hinh", "nam chac", "ban hanh", "kiem soat", "giam sat", "dinh huong",
	"quan triet", "la dau moi", "la co quan", "la don vi", "tham dinh", "dau tranh",
	// "Bệnh viện X sẵn sàng tiếp nhận …", "Đội Y sẵn sàng lực lượng …": a unit
	// told to stand ready; no unit is named "sẵn sàng".
	"san sang",
	// "phối hợp với Phòng Truyền thông và Phát triển đối tượng phân bổ,
	// theo dõi …": what a unit does with targets and funds.
	"phan bo",
	// What a unit does with news and notices: "phối hợp với Phòng X thông
	// báo lịch …", "Báo và Phát thanh, Truyền hình tỉnh mở chuyên mục …,
	// đăng tải …, phát sóng …", "công bố công khai …". ("mở" only as
	// written: "mô", "mổ", "mộ" fold to it too; a name's "Mở", "Trường Đại
	// học Mở", has a capital.)
	"thong bao", "mo", "dang tai", "phat song", "cong bo",
	// A unit checking or assessing itself: "Ủy ban nhân dân các xã A, B
	// tự kiểm tra, xây dựng báo cáo …" ("tự" only as written: "tư", as
	// in "Đầu tư" or "Tư pháp", folds to it too).
	"tu kiem tra", "tu danh gia", "tu ra soat", "tu cham diem",
	// Care for people: "phối hợp với Phòng X thăm, tặng quà …", "thăm
	// hỏi, động viên …" ("thăm" only as written: "tham gia", "thẩm
	// định" fold to "tham").
	"tham", "tang qua",
	// Time and steps a unit cuts or completes: "Sở X rút ngắn thời gian
	// thẩm định …", "các xã có dự án hoàn tất thủ tục …" (as "hoàn thành").
	"rut ngan", "hoan tat",
	// "phối hợp với Sở Y tế, Sở Công Thương thành lập các đoàn kiểm tra":
	// a unit setting up a team ("lập" alone would leave "thành" to the
	// name).
	"thanh lap",
	// Works after a flood or a storm: "phối hợp với Công ty X nạo vét,
	// khơi thông cống, mương …", "các khu phố dọn dẹp …". A name whose
	// last words are a place, capitalised ("Công ty Cổ phần Cấp thoát
	// nước Đồng Nai"), has no level to close it: the verb does.
	"nao vet", "khoi thong", "don dep",
)

// verbSpellings are the verbs that fold as other words do, as they must be
// written to count: "làm" ("Triển lãm", "Kiểm lâm", "Lâm Đồng" fold to
// "lam"), "mở" ("quy mô", "mổ", "mộ"), "đăng tải" ("đảng tại"), "công bố"
// and "phát sóng".
var verbSpellings = map[string]string{
	"lam": "làm", "mo": "mở", "dang tai": "đăng tải", "cong bo": "công bố", "phat song": "phát sóng", "thong bao": "thông báo",
	"tu kiem tra": "tự kiểm tra", "tu danh gia": "tự đánh giá", "tu ra soat": "tự rà soát", "tu cham diem": "tự chấm điểm",
	"tham": "thăm", "tang qua": "tặng quà",
}

// neverNamed are verbs no unit is named after: written with a capital
// after a unit's name ("Sở Rà soát", "các khu vực Chủ trì"), they are a
// Word run-in heading's first word, the start of the task, not a name
// ("Ban Chỉ đạo", "Sở Xây dựng" and "Ban Tổ chức" are names).
var neverNamed = map[string]bool{
	"ra soat": true, "chu tri": true, "thuc hien": true, "tham muu": true, "khan truong": true,
	"chiu trach nhiem": true, "co trach nhiem": true, "tiep tuc": true, "chu dong": true,
	"de xuat": true, "bao cao": true, "hoan thanh": true, "don doc": true, "trien khai": true,
	"tong hop": true, "tap trung": true, "quan triet": true, "lanh dao": true,
}

// partyNouns follow "tổ chức" when it is a noun: "tổ chức đảng", "tổ chức
// cơ sở đảng", "tổ chức chính trị - xã hội".
var partyNouns = []string{" dang", " co so dang", " chinh tri", " doan the"}

// phraseSet indexes phrases by their first word.
func phraseSet(phrases ...string) map[string][]string {
	m := map[string][]string{}
	for _, p := range phrases {
		w, _, _ := strings.Cut(p, " ")
		m[w] = append(m[w], p)
	}
	return m
}

var (
	reAssignLead = regexp.MustCompile(`(?:^|[\s,;.:(])(giao cho|giao|de nghi|yeu cau)\s+`)
	reAskWord    = regexp.MustCompile(`\s(de nghi|yeu cau)\s`)
	reLeadWord   = regexp.MustCompile(`\s(chu tri|la co quan chu tri|chiu trach nhiem chinh)\b`)
	// "phối hợp chặt chẽ với Y", "phối hợp thường xuyên, chặt chẽ với Y":
	// how closely changes nothing of who.
	reSupportWord = regexp.MustCompile(`phoi hop(?:(?:\s+` + supportHow + `(?:\s*(?:,|va)\s*` + supportHow + `)?)?\s+(?:voi|cung))?\s+`)
	// The field forms "Đơn vị chủ trì: X", "Chủ trì: X" open their clause;
	// "Phòng X chủ trì: <task>" is a unit followed by its task, not a field.
	reFieldLead = regexp.MustCompile(`(?:^|[.;,(]\s*|\s[-–]\s*)(?:(?:don vi|co quan)\s*)?chu tri\s*(?:thuc hien)?\s*:\s*`)
	reFieldSupp = regexp.MustCompile(`(?:^|[.;,(]\s*|\s[-–]\s*)(?:(?:don vi|co quan)\s*)?phoi hop\s*(?:thuc hien)?\s*:\s*`)
	reClauseEnd = regexp.MustCompile(`[.;:)]\s|[.;:)]$|\s(nham muc dich|de dam bao|theo|truoc)\s`)
)

const maxAssignText = 1200

// assignment is what one piece of text says about who does a task.
type assignment struct {
	leads, supports []string
	prefixEnd       int // end of a "Giao X xây dựng:" prefix in the original text, 0 if none
	unitEnd         int // with prefixEnd: where the units of the prefix end, before its verb
}

// isUnitLike reports whether a phrase names a unit: it starts like one, or a
// known unit matches it.
func (p *parser) isUnitLike(s string) bool {
	f := vi.Fold(strings.TrimSpace(s)) + " "
	if startsWithAny(f, []string{"ban hanh", "ban chat", "so luong", "so lieu", "so sanh", "doi voi", "doi moi", "hoi nghi", "truong hop", "bo sung", "bo tri", "vien chuc", "lanh dao, chi dao", "lanh dao chi dao"}) {
		return false
	}
	if opensUnit(s) || pressName(s) {
		return true
	}
	// "các ấp, khu phố", "các khối phố": the villages or quarters of a
	// commune, which the commune gives work as it gives its offices.
	if villageGroup(s) {
		return true
	}
	// "Vụ Ngân sách nhà nước": a ministry's department, written with a
	// capital, unlike "vụ việc", "vụ mùa".
	if strings.HasPrefix(strings.TrimSpace(s), "Vụ ") && len(strings.Fields(s)) > 1 && startsUpperRune(strings.Fields(s)[1]) {
		return true
	}
	// "các Viện Pasteur", "các Sở Y tế": a group of units of one kind.
	if rest, ok := cutCac(strings.TrimSpace(s)); ok && startsWithAny(vi.Fold(rest)+" ", unitHeads) && headSpelled(rest) {
		return true
	}
	return p.knownUnit(s)
}

// pressName reports whether s names a newspaper: "Báo Nhân dân", "Báo và
// Phát thanh, Truyền hình Đắk Lắk". "Báo" with a capital and a name after
// it (or "Báo" alone, as a piece cut at "và") is no "báo cáo".
//
// A heading in capitals ("BÁO VÀ PHÁT THANH, TRUYỀN HÌNH TỈNH") names it
// too, unless its next word makes it the report ("BÁO CÁO") or the press
// at large ("BÁO CHÍ").
func pressName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "Báo" || s == "BÁO" {
		return true
	}
	if rest, ok := strings.CutPrefix(s, "BÁO "); ok && isUpper(s) {
		next, _, _ := strings.Cut(rest, " ")
		next = strings.TrimRight(next, ",;:.")
		return next != "CÁO" && next != "CHÍ" && next != ""
	}
	rest, ok := strings.CutPrefix(s, "Báo ")
	if !ok {
		return false
	}
	if r, ok := strings.CutPrefix(rest, "và "); ok {
		rest = r
	}
	return startsUpperRune(rest)
}

// cutCac cuts the "các" (or "Các", opening a sentence) of a group.
func cutCac(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "các "); ok {
		return rest, true
	}
	return strings.CutPrefix(s, "Các ")
}

// headSpellings are the spellings a unit name's first word may have where
// folding merges it with common words: "Sở" not "số", "Đội" not "đối",
// "Trưởng"/"Trường" not "trương", "Bộ" not "bỏ".
var headSpellings = map[string][]string{
	"so": {"sở"}, "doi": {"đội"}, "hoi": {"hội"}, "dai": {"đài"}, "truong": {"trường", "trưởng"},
	"tram": {"trạm"}, "bo": {"bộ"}, "cuc": {"cục"}, "vien": {"viện"}, "thue": {"thuế"},
	"doan": {"đoàn"}, "phong": {"phòng"}, "nganh": {"ngành"}, "ban": {"ban"}, "ca": {"ca"},
	"hat": {"hạt"}, "kho": {"kho"}, "toa": {"tòa", "toà"}, "to": {"tổ"}, "tieu": {"tiểu"},
	"quy": {"quỹ"},
}

// headSpelled reports whether the first word of s, a phrase that starts
// like a unit, is spelled as a unit's head word. Text typed without
// diacritics passes.
func headSpelled(s string) bool {
	w, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	w = strings.ToLower(strings.Trim(w, "\"'“”(["))
	forms, ok := headSpellings[vi.Fold(w)]
	if !ok {
		return true
	}
	for _, f := range forms {
		if w == f {
			return true
		}
	}
	return !hasDiacritics(s)
}

// opensUnit reports whether s starts as a unit's name does: with a head
// of unitHeads, spelled as the head is when its one word folds as common
// words do ("Phòng", not the "Phong" of "Phong Điền"); a head of several
// words ("viễn thông", "bưu điện") says enough by itself.
func opensUnit(s string) bool {
	f := vi.Fold(strings.TrimSpace(s)) + " "
	for _, h := range unitHeads {
		if !strings.HasPrefix(f, h) {
			continue
		}
		if h == "cong doan" && !spelledAs(s, "công đoàn") {
			continue
		}
		if h == "vp " && !strings.HasPrefix(strings.TrimLeft(s, " \"'“”(["), "VP ") {
			continue
		}
		if strings.Contains(strings.TrimSpace(h), " ") || headSpelled(s) {
			return true
		}
	}
	return false
}

// spelledAs reports whether s opens with the words of want, case aside,
// or with words typed without diacritics.
func spelledAs(s, want string) bool {
	s = strings.TrimLeft(s, " \"'“”([")
	if len(s) < len(want) {
		return false
	}
	head := s[:len(want)]
	return strings.EqualFold(head, want) || !hasDiacritics(head)
}

// hasDiacritics reports whether s has any Vietnamese letter with a mark.
func hasDiacritics(s string) bool {
	for _, r := range s {
		if r > 0x7f && isLetter(r) {
			return true
		}
	}
	return false
}

// categories name a kind of unit, not a unit: "ngành", "đoàn thể xã" in
// "Các ban, ngành, đoàn thể xã" continue the group before them.
var categories = map[string]bool{
	"nganh": true, "ban nganh": true, "doan the": true, "ban": true, "phong": true, "don vi": true,
	"co quan": true, "hoi": true, "doan": true, "to chuc": true, "dia phuong": true, "so": true,
	"hoi doan the": true, "mat tran": true, "doanh nghiep": true, "truong hoc": true,
}

// headOfUnit reports whether the folded piece names the head of a unit,
// "chủ tịch ubnd các xã", "giám đốc công an tỉnh": a piece of its own, as
// a công điện addresses them.
func headOfUnit(fold string) bool {
	for _, t := range headTitles {
		if rest, ok := strings.CutPrefix(fold, t+" "); ok {
			return startsWithAny(rest+" ", unitHeads) || strings.HasPrefix(rest, "cac ")
		}
	}
	return false
}

// opensGroup reports whether the folded piece prev ends in a group of
// units, "các" and a kind: "các phòng", "giám đốc các sở", "chủ tịch
// ubnd các xã".
func opensGroup(prev string) bool {
	if strings.HasPrefix(prev, "cac ") {
		return true
	}
	k := strings.LastIndex(prev, " cac ")
	if k < 0 {
		return false
	}
	for _, w := range strings.Split(prev[k+5:], ",") {
		if !isCategory(strings.TrimSpace(w)) {
			return false
		}
	}
	return true
}

// underless cuts what a folded group says it is under: "trường học trực
// thuộc", "đơn vị thuộc Sở" give "trường học", "đơn vị".
func underless(fold string) string {
	for _, w := range []string{" truc thuoc", " thuoc "} {
		if k := strings.Index(fold, w); k > 0 {
			return fold[:k]
		}
	}
	return fold
}

// bareKind reports whether the folded piece is only a unit's head word,
// with at most a level or what it is under after it: "chi cục", "trung
// tâm", "chi bộ trực thuộc", "trạm xã". A unit's name goes on after its
// head ("chi cục Thủy lợi"); a kind does not.
func bareKind(fold string) bool {
	ws := strings.Fields(underless(strings.TrimRight(fold, ":.;,")))
	for len(ws) > 1 && levelTokens[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	if n := len(ws); n > 2 && ws[n-2] == "co" && ws[n-1] == "so" {
		// "chi bộ cơ sở", "đảng ủy cơ sở": the grassroots level, as a
		// level word would be.
		ws = ws[:n-2]
	}
	h := strings.Join(ws, " ")
	return h != "" && (slices.Contains(unitHeads, h) || slices.Contains(unitHeads, h+" "))
}

func isCategory(fold string) bool {
	ws := strings.Fields(fold)
	for len(ws) > 1 && (levelTokens[ws[len(ws)-1]] || ws[len(ws)-1] == "thi" || ws[len(ws)-1] == "tran" || ws[len(ws)-1] == "pho" || ws[len(ws)-1] == "thanh") {
		ws = ws[:len(ws)-1]
	}
	return categories[strings.Join(ws, " ")]
}

// allUnitLike reports whether every unit splitUnits finds in x reads like
// a unit.
func (p *parser) allUnitLike(x string) bool {
	us := splitUnits(x)
	for _, u := range us {
		if !p.isUnitLike(u) {
			return false
		}
	}
	return len(us) > 0
}

// knownScore is the best match score of the units in x against the
// recipients and the registry; 0 when any of them matches nothing.
func (p *parser) knownScore(x string) float64 {
	us := splitUnits(x)
	if len(us) == 0 {
		return 0
	}
	total := 0.0
	for _, u := range us {
		best := 0.0
		for _, m := range []*unitMatcher{p.reg, p.recip} {
			if m == nil {
				continue
			}
			if _, s := m.score(u); s > best {
				best = s
			}
		}
		if best == 0 {
			return 0
		}
		total += best
	}
	return total / float64(len(us))
}

// coversAll reports whether a recipient names every unit of the body, or
// every unit of a kind ("Các phòng, ban, ngành"): a unit given work is then
// among the recipients whatever its name.
//
// "Các bản" (the villages) folds as "các ban" (the boards) does: the
// spelling tells them apart.
func coversAll(s string) bool {
	if villageGroup(s) {
		return false
	}
	f := vi.Fold(strings.TrimSpace(s)) + " "
	return isGenericUnit(s) || startsWithAny(f, []string{"cac phong", "cac ban", "cac nganh", "cac so"})
}

// isGenericUnit reports whether a phrase names everyone rather than a unit
// or a kind of unit: "các cơ quan, đơn vị" assigns no one in particular,
// while "các sở, ban, ngành tỉnh" or "các phòng chuyên môn" name a group
// the office picks the units of.
func isGenericUnit(s string) bool {
	f := vi.Fold(strings.TrimSpace(s)) + " "
	// "các tổ chức chính trị - xã hội" are the Front's member bodies, a
	// group the directive names, not everyone.
	// "các cấp ủy" are the Party committees, a group too.
	return startsWithAny(f, genericUnitHeads) && !startsWithAny(f, []string{"cac to chuc chinh tri", "to chuc chinh tri", "cac cap uy"})
}

// isPoliteAddress reports whether u is the polite form of address for the
// recipients: "Quý Ủy ban", "Quý Sở", "Quý cơ quan".
func isPoliteAddress(u string) bool {
	w, rest, ok := strings.Cut(strings.TrimSpace(u), " ")
	return ok && w == "Quý" && len(strings.Fields(rest)) <= 3 && (startsWithAny(vi.Fold(rest)+" ", unitHeads) || startsWithAny(vi.Fold(rest)+" ", genericUnitHeads))
}

// committees are the kinds of Party (and Đoàn, Hội) committee a group
// lists after "các", as it lists kinds of place (placeKinds): "các huyện
// ủy, thị ủy, thành ủy".
var committees = map[string]bool{
	"huyen uy": true, "thi uy": true, "thanh uy": true, "quan uy": true, "tinh uy": true,
	"dang uy": true, "dang uy xa": true, "dang uy phuong": true,
	// The Đoàn's and the Hội's committees of each level: "Các huyện, thị,
	// thành đoàn", "các huyện, thị hội".
	"huyen doan": true, "thi doan": true, "thanh doan": true, "quan doan": true, "tinh doan": true,
	"huyen hoi": true, "thi hoi": true, "thanh hoi": true, "quan hoi": true, "tinh hoi": true,
}

// managedPlaces are what a Ban Quản lý manages, which its name lists:
// "Ban Quản lý các khu công nghiệp", "Ban Quản lý Khu kinh tế ... và các
// khu công nghiệp", "Ban Quản lý dự án ... và phát triển quỹ đất".
var managedPlaces = []string{"khu cong nghiep", "khu kinh te", "khu che xuat", "cum cong nghiep", "khu cong nghe cao", "khu du lich", "du an", "rung", "cang", "cua khau", "phat trien quy dat"}

// splitUnits splits "Phòng A, Phòng B và Trung tâm C" into the units it
// names. A piece that does not start like a unit goes back to the piece
// before it, so "Phòng Lao động, Thương binh và Xã hội" and "UBND các xã,
// thị trấn" stay whole.
func splitUnits(s string) []string {
	f := foldText(s)
	type span struct {
		start, end int
		afterAnd   bool // the piece follows " và "
	}
	var cuts []span
	last, and := 0, false
	for i := 0; i < len(f.s); i++ {
		switch {
		case f.s[i] == ',' || f.s[i] == ';':
			cuts = append(cuts, span{last, i, and})
			last, and = i+1, false
		case f.s[i] == ' ' && strings.HasPrefix(f.s[i:], " va "):
			cuts = append(cuts, span{last, i, and})
			last, and = i+4, true
			i += 3
		}
	}
	cuts = append(cuts, span{last, len(f.s), and})
	if len(cuts) > 64 {
		// No sentence names sixty units; a long enumeration is text.
		return []string{trimItem(s)}
	}
	var pieces []span
	for ci, c := range cuts {
		fold := strings.TrimSpace(f.s[c.start:c.end])
		if fold == "" {
			continue
		}
		// "… và các chủ đầu tư": no unit's name goes on with "và các", so
		// a group after it is a piece of its own even when no unit head
		// opens it.
		// "Ủy ban Mặt trận Tổ quốc huyện, các đoàn thể chính trị - xã
		// hội huyện", "Viện A, các Viện Pasteur": a group opened by "các"
		// and a unit's kind is a piece of its own too.
		group := strings.HasPrefix(fold, "cac ") && (startsWithAny(fold[4:]+" ", unitHeads) || isCategory(strings.Fields(fold)[1]))
		join := len(pieces) > 0 && (!opensUnit(f.cut(c.start, c.end)) && !pressName(f.cut(c.start, c.end)) || isCategory(fold)) && !(c.afterAnd && strings.HasPrefix(fold, "cac ")) && !group && !headOfUnit(fold)
		if len(pieces) > 0 {
			// "Văn phòng HĐND và UBND huyện" is one office.
			prev := strings.TrimSpace(f.s[pieces[len(pieces)-1].start:pieces[len(pieces)-1].end])
			// "Các phòng, ban, ngành thuộc UBND huyện" is one group.
			// "Các sở, ban, ngành tỉnh và Ban Quản lý dự án ..." is two.
			// "Giám đốc các sở, ban, ngành cấp tỉnh": a title before the
			// group changes nothing.
			if opensGroup(prev) && isCategory(strings.Fields(fold)[0]) && !(c.afterAnd && !isCategory(fold)) {
				join = true
			}
			// "Ban Dân vận các huyện ủy, thị ủy, thành ủy", "UBND các
			// xã, phường, thị trấn": the kinds listed after "các" are
			// more of the group, whatever they begin with.
			if strings.Contains(" "+prev, " cac ") && (placeKinds[strings.TrimRight(fold, ":.;")] || committees[strings.TrimRight(fold, ":.;")]) && startsLower(strings.TrimSpace(f.cut(c.start, c.end))) {
				join = true
			}
			// "Các chi bộ thôn, bon, trường học trực thuộc", "các phòng,
			// ban, đơn vị thuộc Sở": the last kind of a group carries what
			// the group is under, which leaves it a kind all the same.
			if opensGroup(prev) && startsLower(strings.TrimSpace(f.cut(c.start, c.end))) && isCategory(underless(strings.TrimRight(fold, ":.;"))) {
				join = true
			}
			// "Các phòng, chi cục, đơn vị thuộc Sở", "Các chi bộ ấp, chi
			// bộ trực thuộc": a unit's kind written in small letters with
			// no name after it is one more kind of the group, not a unit.
			if opensGroup(prev) && startsLower(strings.TrimSpace(f.cut(c.start, c.end))) && bareKind(fold) {
				join = true
			}
			if (strings.HasSuffix(prev, "hdnd") || strings.HasSuffix(prev, "hoi dong nhan dan")) && startsWithAny(fold, []string{"ubnd", "uy ban nhan dan"}) {
				join = true
			}
			// "Phòng Bưu chính, Viễn thông và Công nghệ thông tin": the
			// sectors an office is named for, listed "A, B và C". A
			// sector that also heads a unit ("Viễn thông Kon Tum") is one
			// more sector when no place follows it and a sector that is
			// no unit ends the list after "và".
			if !c.afterAnd && sectorHead(fold) && ci+1 < len(cuts) && cuts[ci+1].afterAnd {
				next := strings.TrimSpace(f.cut(cuts[ci+1].start, cuts[ci+1].end))
				if next != "" && startsUpperRune(next) && !opensUnit(next) && !strings.HasPrefix(vi.Fold(next), "cac ") {
					join = true
				}
			}
			// "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp" is
			// one board: what it manages goes on after "và".
			if c.afterAnd && strings.HasPrefix(prev, "ban quan ly ") && startsWithAny(strings.TrimPrefix(fold, "cac ")+" ", managedPlaces) {
				join = true
			}
		}
		// "Viễn thông Đồng Tháp và Viettel Đồng Tháp": two names each
		// ending in the same place are two branches of that place, even
		// when neither opens like a unit's name.
		if join && c.afterAnd && samePlaceTail(f.cut(pieces[len(pieces)-1].start, pieces[len(pieces)-1].end), f.cut(c.start, c.end)) {
			join = false
		}
		if join {
			pieces[len(pieces)-1].end = c.end
			continue
		}
		pieces = append(pieces, c)
	}
	out := make([]string, 0, len(pieces))
	for _, c := range pieces {
		u := trimItem(f.cut(c.start, c.end))
		if u == "" {
			continue
		}
		if len(out) > 0 && c.afterAnd {
			u = sharedLocalBody(out[len(out)-1], u)
		}
		out = append(out, u)
	}
	return out
}

// branchBeside reports whether u, no unit by its words, is named beside a
// unit of the same place ("Viettel Đồng Tháp" after "Viễn thông Đồng
// Tháp"): another branch of that place.
func (p *parser) branchBeside(u string, us []string) bool {
	for _, o := range us {
		if o != u && p.isUnitLike(o) && samePlaceTail(o, u) {
			return true
		}
	}
	return false
}

// samePlaceTail reports whether names a and b, each opening with a
// capital, end in the same place name (its words capitalised) with a name
// of their own before it: "Viễn thông Đồng Tháp" and "Viettel Đồng Tháp".
func samePlaceTail(a, b string) bool {
	aw, bw := strings.Fields(trimItem(a)), strings.Fields(trimItem(b))
	if len(aw) < 2 || len(bw) < 2 || !startsUpperRune(aw[0]) || !startsUpperRune(bw[0]) {
		return false
	}
	k := 0
	for k < len(aw)-1 && k < len(bw)-1 && aw[len(aw)-1-k] == bw[len(bw)-1-k] && startsUpperRune(aw[len(aw)-1-k]) {
		k++
	}
	return k > 0 && !slices.Equal(aw[:len(aw)-k], bw[:len(bw)-k])
}

// sectorHead reports whether a folded piece is only a sector's name that
// also heads units ("viễn thông" of "Viễn thông Kon Tum", "bưu điện"):
// the name alone, no place after it.
func sectorHead(fold string) bool {
	switch strings.TrimRight(fold, " .;:") {
	case "vien thong", "buu dien", "buu chinh vien thong":
		return true
	}
	return false
}

// reLocalBody is a commune's or district's body named by its place: "Ủy
// ban nhân dân thị trấn Thanh Hà", "Công an xã Tân An", its body first.
// "Ủy" and "ủy" are also typed with the old tone placement, "Uỷ", "uỷ".
var reLocalBody = regexp.MustCompile(`^((?:(?:Ủy|Uỷ) ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Công an|Đảng (?:ủy|uỷ)|(?:Ủy|Uỷ) ban Mặt trận Tổ quốc(?: Việt Nam)?|Ban Chỉ huy Quân sự|Trạm Y tế))\s+(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|đặc khu)\s+\p{Lu}`)

// reOtherPlaces is named places of a kind without their body: "các xã
// Thanh Sơn, Tân An".
var reOtherPlaces = regexp.MustCompile(`^các\s+(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|đặc khu)\s+\p{Lu}`)

// sharedLocalBody gives the piece after "và" the body of the piece before
// it when it names only places: "Ủy ban nhân dân thị trấn Thanh Hà và các
// xã Thanh Sơn, Tân An" shares "Ủy ban nhân dân" over both, as "UBND các
// xã A, B" does (expandPlaces then names each). A piece with a body of its
// own, or one after a unit not named by its place, is left as written.
func sharedLocalBody(prev, u string) string {
	m := reLocalBody.FindStringSubmatch(prev)
	if m == nil || !reOtherPlaces.MatchString(u) {
		return u
	}
	return m[1] + " " + u
}

// placeUnits writes a body of several named places ("UBND các xã A, B",
// "Các thôn Trung Lưu, Yên Hồ") as one unit each: each is a unit of the
// registry, and each reports.
//
// A piece that is no addressee but whose parts are ("Viễn thông Gia Lai,
// Viettel Gia Lai", each in the Kính gửi, neither opening like a unit's
// name) is those addressees.
func (p *parser) placeUnits(us []string) []string {
	var out []string
	for _, u := range us {
		if parts := p.recipientParts(u); parts != nil {
			out = append(out, parts...)
			continue
		}
		out = append(out, expandPlaces(u)...)
	}
	return out
}

// recipientParts returns the addressees u lists, split at its commas and
// "và", when each part is one of them by name and u as a whole is none;
// else nil.
func (p *parser) recipientParts(u string) []string {
	if len(p.res.Recipients) < 2 || !strings.ContainsAny(u, ",;") && !strings.Contains(u, " và ") {
		return nil
	}
	key := func(s string) string { return strings.Join(unitKey(s), " ") }
	names := map[string]string{}
	for _, rc := range p.res.Recipients {
		names[key(rc.Name)] = rc.Name
	}
	if _, whole := names[key(u)]; whole {
		return nil
	}
	var out []string
	for _, part := range strings.FieldsFunc(strings.ReplaceAll(u, " và ", ","), func(r rune) bool { return r == ',' || r == ';' }) {
		name, ok := names[key(strings.TrimSpace(part))]
		if !ok {
			return nil
		}
		out = append(out, name)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// isPlaceOnly reports whether the kind of place a body is named after
// names the body itself: a thôn or a tổ dân phố has no Ủy ban, so "Các
// thôn A, B" are "thôn A" and "thôn B", written as the text writes them.
func isPlaceOnly(kind string) bool {
	switch kind {
	case "thôn", "tổ dân phố", "khu phố", "bản", "ấp", "tổ":
		return true
	}
	return false
}

// rePlaces is a body of several named places: "Ủy ban nhân dân các xã Cẩm
// Duệ, Cẩm Lạc, Cẩm Minh", "UBND các phường: An Lạc, Bình Trị Đông".
var rePlaces = regexp.MustCompile(`^(.*?)\s*\b[Cc]ác\s+(xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh|đặc khu|thôn|tổ dân phố|khu phố|bản|ấp|tổ)\s*:?\s+([\p{Lu}\d].*)$`)

// expandPlaces names each place of such a body as its own unit: "Ủy ban
// nhân dân xã Cẩm Duệ", "Ủy ban nhân dân xã Cẩm Lạc" ... It takes two
// places at least, each a name: "các tỉnh Tây Nguyên" is a region and
// "các xã ĐBKK" a kind, not a list. Anything else, "Ủy ban nhân dân các
// xã, thị trấn" among them, is returned as it is.
func expandPlaces(u string) []string {
	m := rePlaces.FindStringSubmatch(u)
	if m == nil {
		return repeatedPlaces(u)
	}
	items := strings.FieldsFunc(strings.ReplaceAll(m[3], " và ", ","), func(r rune) bool { return r == ',' || r == ';' })
	var out []string
	for _, it := range items {
		it = strings.TrimSpace(it)
		// A place may fold as a unit's head does ("Phong Điền", "Hội An",
		// "Đội Cấn"): the spelling decides.
		if it == "" || !startsUpperRune(it) && !unicode.IsDigit(rune(it[0])) || len(strings.Fields(it)) > 4 || opensUnit(it) || isUpper(it) && !unicode.IsDigit(rune(it[0])) {
			return []string{u}
		}
		name := m[2] + " " + it
		if m[1] != "" {
			name = m[1] + " " + name
		}
		if m[1] != "" || !isPlaceOnly(m[2]) {
			name = vi.UpperFirst(name)
		}
		out = append(out, name)
	}
	if len(out) < 2 {
		return []string{u}
	}
	return out
}

// placeLevels are the kinds of place a body or a village is named after,
// longest first.
var placeLevels = []string{"tổ dân phố", "khu phố", "thị trấn", "phường", "thôn", "bản", "ấp", "xã", "tổ"}

// repeatedPlaces names each place of a body written once before places
// that each repeat their kind: "Ban nhân dân ấp A, ấp B" is "Ban nhân dân
// ấp A" and "Ban nhân dân ấp B"; "Ủy ban nhân dân xã A và xã B" the two
// Ủy ban. Each place after the first opens with the first one's kind and
// a capital; the words before the first place name a unit or are none
// ("thôn A, thôn B"). Anything else is returned as it is.
func repeatedPlaces(u string) []string {
	parts := strings.FieldsFunc(strings.ReplaceAll(u, " và ", ","), func(r rune) bool { return r == ',' || r == ';' })
	if len(parts) < 2 {
		return []string{u}
	}
	first := strings.TrimSpace(parts[0])
	for _, lv := range placeLevels {
		k := strings.LastIndex(" "+first, " "+lv+" ")
		if k < 0 {
			continue
		}
		body := strings.TrimSpace(first[:k])
		if !startsUpperRune(first[k+len(lv)+1:]) || body != "" && !opensUnit(body) {
			return []string{u}
		}
		out := []string{first}
		for _, part := range parts[1:] {
			place, ok := strings.CutPrefix(strings.TrimSpace(part), lv+" ")
			if !ok || !startsUpperRune(place) || len(strings.Fields(place)) > 4 || opensUnit(place) {
				return []string{u}
			}
			out = append(out, strings.TrimSpace(body+" "+lv+" "+place))
		}
		return out
	}
	return []string{u}
}

// units reads who a piece of task text assigns: "Giao X <verb>", "Đề nghị
// X <verb>", "X chủ trì, phối hợp với Y", "Chủ trì: X; Phối hợp: Y", "X:
// ..." at the start, or a unit name opening the text.
func (p *parser) assignment(text string) assignment {
	if pa, ok := p.parenAssignment(text); ok {
		return pa
	}
	if ta, ok := p.topicAssignment(text); ok {
		return ta
	}
	if la, ok := p.ledAssignment(text); ok {
		return la
	}
	var a assignment
	// Units are named near the start of a task; reading a long paragraph
	// to the end would only cost time.
	if len(text) > maxAssignText {
		text = strings.ToValidUTF8(text[:maxAssignText], "")
	}
	f := foldText(text)
	addLead := func(s string, requireUnit bool) {
		for _, u := range p.placeUnits(splitUnits(cutUnitNames(s))) {
			if u == "" || isGenericUnit(u) || len([]rune(u)) > 120 {
				continue
			}
			// "Đề nghị các phòng, ban, ngành báo cáo" in a letter to a list of
			// units: the units it was sent to. Without such a list, or when
			// the group is itself an addressee, it stays as written.
			group := coversAll(u) && len(p.res.Recipients) > 0 && (p.recip == nil || p.recip.match(u) < 0)
			if isPoliteAddress(u) || group {
				// "Đề nghị Quý Ủy ban ...": the addressees.
				for _, rc := range p.res.Recipients {
					if !contains(a.leads, rc.Name) && !isGenericUnit(rc.Name) {
						a.leads = append(a.leads, rc.Name)
					}
				}
				continue
			}
			if requireUnit && !p.isUnitLike(u) {
				continue
			}
			if !contains(a.leads, u) {
				a.leads = append(a.leads, u)
			}
		}
	}
	addSupport := func(s string) {
		us := p.placeUnits(splitUnits(cutUnitNames(s)))
		for _, u := range us {
			if u == "" || isGenericUnit(u) || !p.isUnitLike(u) && !p.branchBeside(u, us) || contains(a.leads, u) || contains(a.supports, u) {
				continue
			}
			a.supports = append(a.supports, u)
		}
	}

	// Explicit fields: "Đơn vị chủ trì: X", "Đơn vị phối hợp: Y".
	hasLead := strings.Contains(f.s, "chu tri") || strings.Contains(f.s, "chiu trach nhiem")
	hasSupport := strings.Contains(f.s, "phoi hop")
	// The regexps below start with optional words, which makes them slow to
	// run where they cannot match: the plain checks above skip them.
	if m := findIf(hasLead, reFieldLead, f.s); m != nil {
		addLead(f.cut(m[1], fieldEnd(f, m[1])), false)
	}
	if m := findIf(hasSupport, reFieldSupp, f.s); m != nil {
		addSupport(f.cut(m[1], fieldEnd(f, m[1])))
	}

	// "Giao X xây dựng:", "Đề nghị X báo cáo".
	var asks [][]int
	if strings.Contains(f.s, "giao") || strings.Contains(f.s, "de nghi") || strings.Contains(f.s, "yeu cau") {
		asks = reAssignLead.FindAllStringSubmatchIndex(f.s, 4)
	}
	for _, m := range asks {
		start := m[1]
		v := firstVerb(f, start)
		if v == nil || v[0] == 0 || v[0] > 240 {
			continue
		}
		x := f.cut(start, start+v[0])
		if strings.HasPrefix(f.s[start:], "nhiem vu cho ") {
			x = f.cut(start+len("nhiem vu cho "), start+v[0])
		}
		word := f.s[m[2]:m[3]]
		if strings.HasPrefix(word, "giao") && !isGiveVerb(f, m[2], m[3]) {
			continue
		}
		before := len(a.leads)
		addLead(x, true)
		if len(a.leads) == before && startsUpperRune(x) && headOfUnit(vi.Fold(strings.TrimSpace(x))) {
			// "Yêu cầu Chủ tịch Ủy ban nhân dân các xã, phường chịu trách
			// nhiệm ...": a chỉ thị asks the head, and through them the
			// unit.
			addLead(x, false)
		}
		// A name cut short of the verb ("Giao Ủy ban nhân dân các xã
		// hằng tháng rà soát") leaves words of the task before the verb.
		if len(a.leads) > before && m[0] < 12 && cutUnitNames(x) == x {
			// A prefix "Giao X xây dựng:" is the assignment, not the task.
			a.prefixEnd = colonAfter(f, start+v[0])
			a.unitEnd = f.at(start + v[0])
		}
		if len(a.leads) > 0 {
			break
		}
	}

	// "X chủ trì, phối hợp với Y": X from the start of its clause.
	if len(a.leads) == 0 {
		if m := findIf(hasLead, reLeadWord, f.s); m != nil {
			cs := clauseStart(f.s, m[0])
			addLead(dropRoleGloss(f.cut(cs, m[0])), true)
			if len(a.leads) > 0 && cs < 12 {
				// "X chủ trì, phối hợp với Y: <task>": only units between
				// "chủ trì" and the colon.
				if end := colonAfter(f, m[1]); end > 0 && p.onlyUnits(f, m[1], end) {
					a.prefixEnd = end
					a.unitEnd = f.at(m[0])
				}
			}
		}
	}

	// "X: ..." and "X <verb> ...:" at the start. A text that opens with
	// "Phối hợp với Y ..." names no owner: Y supports whoever the item is
	// under (a bullet "- Phối hợp với Công an xã rà soát ..." of Phòng X).
	// Names may hold a verb
	// ("Công chức Địa chính - Xây dựng"), so the text up to the colon and
	// the text up to the first verb are both tried: the one a known unit
	// matches better wins, else the shorter if it reads like a unit.
	if len(a.leads) == 0 && !reOpensSupport.MatchString(f.s) && !reOpensDirecting.MatchString(f.s) {
		type cand struct {
			x   string
			end int // folded offset where the unit part ends
		}
		var cands []cand
		// "UBND huyện đề nghị các đơn vị báo cáo": the issuer asking, whose
		// addressees the "Đề nghị X" form above has read; no unit opens it.
		asking := reAskWord.FindStringIndex(f.s)
		if v := firstVerb(f, 0); v != nil && v[0] > 0 && v[0] < 200 && (asking == nil || asking[0] >= v[0]) {
			cands = append(cands, cand{f.cut(0, v[0]), v[0]})
		}
		if c := labelColon(f.s); c > 0 && c < 160 && (asking == nil || asking[0] >= c) {
			cands = append(cands, cand{f.cut(0, c), c})
		}
		best, bestScore := -1, 0.0
		for k, c := range cands {
			if headingSentenceEnd(c.x) > 0 {
				// A heading sentence is no part of a name.
				continue
			}
			if s := p.knownScore(c.x); s > bestScore+1e-9 {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			for k, c := range cands {
				if headingSentenceEnd(c.x) == 0 && p.allUnitLike(c.x) {
					best = k
					break
				}
			}
		}
		if best == 0 && len(cands) == 2 && strings.HasSuffix(strings.TrimSpace(f.s[:cands[0].end]), ",") &&
			p.knownScore(cands[1].x) >= bestScore-1e-9 && headingSentenceEnd(cands[1].x) == 0 && p.allUnitLike(cands[1].x) {
			// "Phòng Giám sát, kiểm tra và xử lý sau thanh tra: Tổng hợp
			// ...": a verb after a comma goes on with the name when the
			// text up to the colon reads as a unit as well as the part
			// before the verb does.
			best = 1
		}
		if best == 0 && len(cands) == 2 && cands[0].end < cands[1].end && cutUnitNames(cands[1].x) == cands[1].x &&
			(strings.HasSuffix(strings.TrimSpace(f.s[:cands[0].end]), " duoc") || strings.HasPrefix(strings.TrimSpace(f.s[cands[0].end:cands[1].end]), "duoc ")) {
			// "Ủy ban nhân dân các xã, phường được kiểm tra: xây dựng
			// …": the verb is a clause that picks among the group, which
			// the name up to the colon keeps.
			best = 1
		}
		if best >= 0 {
			addLead(cands[best].x, true)
			if len(a.leads) > 0 && cutUnitNames(cands[best].x) == cands[best].x {
				a.prefixEnd = colonAfter(f, cands[best].end)
				a.unitEnd = f.at(cands[best].end)
			}
		}
	}

	// "2. Nâng cao chất lượng đội ngũ. Sở GDĐT tham mưu ...": a heading
	// sentence before the task; the unit opens the sentence after it.
	if len(a.leads) == 0 {
		if k := headingSentenceEnd(text); k > 0 {
			a.leads = p.assignment(text[k:]).leads
		}
	}

	// "phối hợp với Y" anywhere.
	var supports [][]int
	if hasSupport {
		supports = reSupportWord.FindAllStringIndex(f.s, 8)
	}
	for _, m := range supports {
		end := len(f.s)
		if v := firstVerb(f, m[1]); v != nil {
			end = m[1] + v[0]
		}
		if e := reClauseEnd.FindStringIndex(f.s[m[1]:end]); e != nil {
			end = m[1] + e[0]
		}
		addSupport(f.cut(m[1], end))
	}
	return a
}

// headingSentenceEnd returns where the sentence after a short heading
// sentence starts ("Phổ cập giáo dục. Sở GDĐT chỉ đạo ..."), or 0: the
// heading is a few words with no list punctuation, and the next sentence
// opens with a capital.
func headingSentenceEnd(text string) int {
	k := strings.Index(text, ". ")
	if k <= 0 || k > 160 || strings.ContainsAny(text[:k], ",;:()") || len(strings.Fields(text[:k])) > 14 {
		return 0
	}
	// The heading ends with a word, not an abbreviation ("TP. Huế").
	ws := strings.Fields(text[:k])
	if len(ws) < 2 || strings.IndexFunc(ws[len(ws)-1], func(r rune) bool { return !unicode.IsLower(r) }) >= 0 {
		return 0
	}
	rest := strings.TrimLeft(text[k+1:], " ")
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) {
		return 0
	}
	return len(text) - len(rest)
}

// reOpensDirecting: an item that opens with a verb by which one body
// steers others ("Hướng dẫn Ủy ban nhân dân các xã …", "Chỉ đạo các
// trường …", "Đôn đốc các phòng …") is a task with its verb first; the
// units after the verb are its object, not its owner, who is whoever the
// item is under.
var reOpensDirecting = regexp.MustCompile(`^[\s,;:+•-]*(?:huong dan|chi dao|don doc)(?:\s*(?:,|va)\s*(?:huong dan|chi dao|don doc|kiem tra|giam sat|theo doi))*\s+\S`)

var reOpensSupport = regexp.MustCompile(`^[\s,;:+•-]*phoi hop\s+(?:` + supportHow + `(?:\s*(?:,|va)\s*` + supportHow + `)?\s+)?(?:voi|cung)\s`)

// supportHow are the adverbs that may stand between "phối hợp" and "với".
const supportHow = `(?:chat che|thuong xuyen|tot|dong bo|kip thoi|nhip nhang|hieu qua)`

var reSupportHead = regexp.MustCompile(`^[\s,;-]*(?:thuc hien\s*)?(?:,\s*)?(?:phoi hop(?:\s+(?:voi|cung))?)?\s*`)

// onlyUnits reports whether the original text from folded offset i to
// original offset end (just after a colon) says nothing but ", phối hợp với
// <units>": the rest of an assignment prefix.
func (p *parser) onlyUnits(f folded, i, end int) bool {
	seg := f.orig[f.at(i):end]
	seg = strings.TrimSuffix(strings.TrimSpace(seg), ":")
	fs := foldText(seg)
	m := reSupportHead.FindStringIndex(fs.s)
	rest := strings.TrimSpace(fs.cut(m[1], len(fs.s)))
	if rest == "" {
		return true
	}
	fr := foldText(" " + rest)
	return firstVerb(fr, 0) == nil && p.allUnitLike(rest)
}

// firstVerb finds the first verb in f.s[from:] that ends a unit's name, or
// a ":" or "(", as offsets relative to from. A verb written with a capital
// ("Ban Tổ chức", "Ban Quản lý dự án", "Ủy ban Kiểm tra") is part of the
// name. It scans words rather than running one large alternation, which
// made it the parser's hot spot.
func firstVerb(f folded, from int) []int {
	s := f.s[from:]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ':' || c == '(' {
			return []int{i, i + 1}
		}
		if c != ' ' || i+1 >= len(s) || !isASCIILetter(s[i+1]) {
			continue
		}
		j := i + 1
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		for _, ph := range verbs[s[i+1:j]] {
			end := i + 1 + len(ph)
			if strings.HasPrefix(s[i+1:], ph) && (end == len(s) || !isAlnum(s[end])) {
				// "Ban Quản lý dự án đầu tư xây dựng": after "đầu tư" the
				// verb is part of a name; "đầu tư" after "tài chính" is
				// the noun of a Sở Tài chính's "Phòng Tài chính đầu tư".
				// "các tổ chức chính trị - xã hội": after "các" a verb is a
				// noun. "Quỹ Đầu tư phát triển": after "đầu tư" it is a name,
				// and after "tư vấn" or "hỗ trợ" ("Trung tâm Tư vấn phát
				// triển công nghiệp", "Quỹ Hỗ trợ phát triển").
				// "lam" is "làm" only, "mo" "mở" only (verbSpellings).
				if w, ok := verbSpellings[ph]; ok && strings.ToLower(f.cut(from+i+1, from+end)) != w {
					continue
				}
				if codedName(f, from, i) {
					continue
				}
				if ph == "thong bao" && strings.HasPrefix(s[end:], " cao") {
					// "Trung tâm Văn hóa, Thể thao và Truyền thông báo cáo
					// …": the name's "thông", then the verb "báo cáo".
					continue
				}
				if ph == "to chuc" && startsWithAny(s[end:], partyNouns) || ph == "lam" && strings.HasSuffix(s[:i], " viec") || ph == "quan ly" && strings.HasSuffix(s[:i], "can bo") || ph == "dau tranh" && strings.HasSuffix(s[:i], " chi dao") {
					// "tổ chức đảng", "Trung tâm Dịch vụ việc làm", "Cục Nhà
					// giáo và Cán bộ quản lý giáo dục", "Ban Chỉ đạo đấu
					// tranh phòng, chống tham nhũng": nouns.
					continue
				}
				if !startsUpperRune(f.cut(from+i+1, from+end)) && strings.HasSuffix(s[:i], " quan ly") && startsUpperRune(f.cut(from+i-7, from+i)) {
					// "Phòng Quản lý đầu tư", "Phòng Quản lý xây dựng",
					// "Ban Quản lý đầu tư và xây dựng": a name's "Quản lý"
					// written with a capital takes the field it manages,
					// in lower case, as its object.
					continue
				}
				if startsUpperRune(f.cut(from+i+1, from+end)) && i > 0 && capitalVerb(f, from, i, end, ph) {
					return []int{i, end}
				}
				if !startsUpperRune(f.cut(from+i+1, from+end)) && !isHeadWord(strings.TrimSpace(s[:i])) && !((ph == "xay dung" || ph == "phat trien") && (strings.HasSuffix(s[:i], " dau tu") || strings.HasSuffix(s[:i], " tu van") || strings.HasSuffix(s[:i], " ho tro"))) && !(ph == "xay dung" && strings.HasSuffix(s[:i], " cong trinh")) && !(ph == "dau tu" && (strings.HasSuffix(s[:i], " du an") || strings.HasSuffix(" "+s[:i], " chu") || strings.HasSuffix(s[:i], " tai chinh"))) && !strings.HasSuffix(s[:i], " cac") && !strings.HasSuffix(s[:i], " nhung") {
					return []int{i, end}
				}
			}
		}
	}
	return nil
}

// reUnitCode is a unit's code in brackets after its name: "(PC06)",
// "(PA05)", "(QLT)".
var reUnitCode = regexp.MustCompile(`^\(([A-ZĐ][A-ZĐ0-9&]{1,9})\)`)

// codedName reports whether the words from f.s[from:] up to the verb at
// from+i go on, with no break of the clause, to a bracketed code that
// starts with their initials: "Phòng Cảnh sát quản lý hành chính về trật
// tự xã hội (PC06) theo dõi …" is one name, its "quản lý" no verb, since
// "PC" is "Phòng Cảnh sát". A code of other words, "Sở Y tế chỉ đạo các
// Trung tâm Y tế (TTYT)", abbreviates the object, and the verb stands.
func codedName(f folded, from, i int) bool {
	s := f.s[from:]
	k := strings.IndexAny(s[i:], "(,;:.")
	if k < 0 || s[i+k] != '(' || k > 80 {
		return false
	}
	m := reUnitCode.FindStringSubmatch(f.cut(from+i+k, len(f.s)))
	if m == nil {
		return false
	}
	code := strings.TrimRight(vi.Fold(m[1]), "0123456789&")
	var initials strings.Builder
	for _, w := range strings.Fields(s[:i]) {
		initials.WriteByte(w[0])
	}
	in := initials.String()
	return len(code) >= 2 && len(in) >= 2 && strings.HasPrefix(in, code[:2])
}

// capitalVerb reports whether the verb ph written with a capital at
// s[i+1:end] (s = f.s[from:]) starts the task rather than going on with a
// unit's name: a verb no unit is named after, or a verb after a level
// that closed the name ("Ủy ban nhân dân các xã, phường Chỉ đạo ..."),
// followed by lower case words, as the text of a task goes on.
func capitalVerb(f folded, from, i, end int, ph string) bool {
	s := f.s[from:]
	if end < len(s) {
		next := strings.TrimLeft(f.cut(from+end, min(len(s), end+12)+from), " ")
		if next != "" && !lowerInitial(next) && !strings.HasPrefix(next, ",") {
			return false
		}
	}
	if neverNamed[ph] && !isHeadWord(lastWord(strings.TrimSpace(s[:i]))) {
		return true
	}
	if neverNamed[ph] && lastWord(strings.TrimSpace(s[:i])) == "so" {
		// "trực thuộc Sở Rà soát": no Sở is named after the verb.
		return true
	}
	before := strings.TrimSpace(s[:i])
	for _, lw := range levelWords {
		if strings.HasSuffix(" "+before, " "+vi.Fold(strings.Join(lw, " "))) {
			return true
		}
	}
	return false
}

// headWords are the kind words a unit's own name follows: a verb right
// after one is that name ("Trung tâm phát triển quỹ đất", "Ban quản lý dự
// án", "Đội quản lý thị trường").
var headWords = map[string]bool{
	"trung tam": true, "ban": true, "chi cuc": true, "cuc": true, "tong cuc": true, "quy": true, "so": true,
	"phong": true, "vien": true, "hoi": true, "doi": true, "tram": true, "ngan hang": true, "chi nhanh": true,
	"cong ty": true, "tieu ban": true, "to": true, "van phong": true, "hoi dong": true, "uy ban": true,
}

func isHeadWord(fold string) bool { return headWords[fold] }

func startsUpperRune(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// reGiveWork finds, in folded text, the verbs that give work.
var reGiveWork = regexp.MustCompile(`(?:^|[\s,;.:(])(giao|de nghi|yeu cau)\s`)

// GivesWork reports whether text gives work as the parser reads it: "đề
// nghị", "yêu cầu", or "giao" as the verb, not the "giao" of "đường giao
// thông", "tuyên giáo", "bàn giao" or a "giao ban" meeting. The công văn's
// task list asks it whether a task's text is an assignment of its own.
func GivesWork(text string) bool {
	f := foldText(text)
	for _, m := range reGiveWork.FindAllStringSubmatchIndex(f.s, -1) {
		if f.s[m[2]:m[3]] != "giao" || isGiveVerb(f, m[2], m[3]) {
			return true
		}
	}
	return false
}

// isGiveVerb reports whether the "giao" found at folded [i, j) is the verb
// "giao" (to assign), not "giáo" (Tuyên giáo, giáo dục), "giao thông" or
// "bàn giao".
func isGiveVerb(f folded, i, j int) bool {
	w := strings.ToLower(f.cut(i, i+4))
	if w != "giao" {
		return false
	}
	rest := strings.TrimLeft(f.s[j:], " ")
	before := wordsBefore(f.s, i, 1)
	if len(before) == 1 && (before[0] == "ban" || before[0] == "chuyen" || before[0] == "trao" || before[0] == "tuyen") {
		return false
	}
	// "hội nghị giao ban" is a meeting; "Giao Ban Quản lý dự án" gives
	// work to a Ban.
	if strings.HasPrefix(rest, "ban ") {
		k := j
		for k < len(f.s) && f.s[k] == ' ' {
			k++
		}
		return startsUpperRune(f.cut(k, k+3))
	}
	return !startsWithAny(rest, []string{"thong", "dich", "luu", "nhan", "khoan", "nop", "dat", "quyen"})
}

// colonAfter returns the original offset just after the ":" that ends an
// assignment prefix whose verb is at folded offset i, or 0 when the
// sentence goes on without one.
func colonAfter(f folded, i int) int {
	rest := f.s[i:]
	c := labelColon(rest)
	if c < 0 || c > 160 || strings.Contains(rest[:c], ". ") || strings.Contains(rest[:c], ";") {
		return 0
	}
	return f.at(i + c + 1)
}

// topicAssignment reads an item that names its field before a colon and
// the unit after it: "Về thu ngân sách nhà nước: Cục Thuế tỉnh báo cáo
// …", "Về lao động, việc làm: Sở Lao động - Thương binh và Xã hội …". The
// topic is no unit; the assignment is the text after the colon's.
func (p *parser) topicAssignment(text string) (assignment, bool) {
	if w, _, _ := strings.Cut(text, " "); vi.Fold(w) != "ve" {
		return assignment{}, false
	}
	f := foldText(text)
	c := labelColon(f.s)
	if c <= 0 || c > 200 || strings.ContainsAny(f.s[:c], ";.") {
		return assignment{}, false
	}
	return p.assignmentFrom(text, f.at(c+1))
}

// assignmentFrom reads the assignment of text from byte start on, where a
// lead-in that names no unit (a topic, the committee leading) has ended:
// none unless a unit opens what follows; its offsets are text's.
func (p *parser) assignmentFrom(text string, start int) (assignment, bool) {
	rest := text[start:]
	if !opensUnit(strings.TrimSpace(rest)) {
		return assignment{}, false
	}
	a := p.assignment(rest)
	if len(a.leads) == 0 {
		return assignment{}, false
	}
	if a.prefixEnd > 0 {
		a.prefixEnd += start
	}
	if a.unitEnd > 0 {
		a.unitEnd += start
	}
	return a, true
}

// reLeadsBody opens an item in which a Party committee, the issuer,
// says it leads another body to do the work: "Đảng ủy lãnh đạo Ủy ban
// nhân dân phường: …", "Ban Thường vụ Huyện ủy lãnh đạo, chỉ đạo Ủy ban
// nhân dân huyện …", "Chi bộ lãnh đạo Ban nhân dân ấp …". Folded.
var reLeadsBody = regexp.MustCompile(`^(?:ban thuong vu\s+)?(?:dang uy|huyen uy|tinh uy|thanh uy|thi uy|quan uy|chi bo|dang doan|ban can su dang)(?:\s+(?:xa|phuong|thi tran|dac khu|huyen|tinh|thanh pho))?\s+(?:lanh dao(?:,?\s+chi dao)?)\s+`)

// ledAssignment reads an item in which the Party committee that issues
// the document leads another body (reLeadsBody): the body it leads does
// the work and is the task's lead, as a clerk enters it; the committee is
// the issuer itself, not a unit to report.
func (p *parser) ledAssignment(text string) (assignment, bool) {
	f := foldText(text)
	m := reLeadsBody.FindStringIndex(f.s)
	if m == nil {
		return assignment{}, false
	}
	return p.assignmentFrom(text, f.at(m[1]))
}

// labelColon returns the offset of the first ":" in s that ends a label
// ("Phòng X: ...") rather than sits inside a number or a code ("ISO
// 9001:2015", "16:30"), or -1.
func labelColon(s string) int {
	for from := 0; ; {
		c := strings.IndexByte(s[from:], ':')
		if c < 0 {
			return -1
		}
		c += from
		if c+1 < len(s) && c > 0 && isAlnum(s[c+1]) && isAlnum(s[c-1]) {
			from = c + 1
			continue
		}
		return c
	}
}

// findIf runs re on s only when the plain check ok passed.
func findIf(ok bool, re *regexp.Regexp, s string) []int {
	if !ok {
		return nil
	}
	return re.FindStringIndex(s)
}

// fieldEnd is where a "Chủ trì: X" field value ends: at ";", ".", a new
// field or the end.
//
// A ";" that a unit's name follows goes on with the list ("Đơn vị phối
// hợp: Trạm Y tế các xã; Bệnh viện Bệnh Nhiệt đới tỉnh.").
func fieldEnd(f folded, i int) int {
	s := f.s
	rest := s[i:]
	end := len(rest)
	for _, stop := range []string{". ", "phoi hop", "thoi gian", "thoi han", "\n"} {
		if k := strings.Index(rest, stop); k >= 0 && k < end {
			end = k
		}
	}
	for from := 0; from < end; {
		k := strings.IndexByte(rest[from:end], ';')
		if k < 0 {
			break
		}
		k += from
		// The unit's name goes on with a capital: "; Bệnh viện ...", not
		// "; trường hợp phát sinh ...", "; số liệu gửi về ...".
		next := strings.TrimLeft(rest[k+1:min(len(rest), k+80)], " ")
		at := i + k + 1 + (len(rest[k+1:]) - len(strings.TrimLeft(rest[k+1:], " ")))
		if !startsWithAny(next+" ", unitHeads) || !startsUpperRune(f.cut(at, min(len(s), at+4))) {
			end = k
			break
		}
		from = k + 1
	}
	if strings.HasSuffix(rest[:end], ".") {
		end--
	}
	return i + end
}

// clauseStart returns where the clause containing offset i starts in s:
// after the last ".", ";" or ":" before it, or after "giao", "đề nghị".
func clauseStart(s string, i int) int {
	start := 0
	for _, sep := range []string{". ", "; ", ": ", "giao ", "de nghi ", "yeu cau "} {
		k := strings.LastIndex(s[:i], sep)
		// "Ban Tuyên giáo Huyện ủy chủ trì": "giáo", not the verb "giao".
		for sep == "giao " && k >= 0 && !(k == 0 || s[k-1] == ' ' && !notGive[lastWord(s[:k])]) {
			k = strings.LastIndex(s[:k], sep)
		}
		if k >= 0 && k+len(sep) > start {
			start = k + len(sep)
		}
	}
	return start
}

// notGive are the words before "giao" that make it another word: "Tuyên
// giáo", "bàn giao", "chuyển giao", "trao giao".
var notGive = map[string]bool{"tuyen": true, "ban": true, "chuyen": true, "trao": true}

// lastWord returns the last word of s, a folded text.
func lastWord(s string) string {
	ws := strings.Fields(s)
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// reRoleGloss opens the role an office writes in brackets after the unit
// that heads an item, before its "chủ trì": "Phòng Kinh tế (cơ quan thường
// trực Ban Chỉ huy ...): chủ trì, phối hợp với ...", "Sở Tài chính (là cơ
// quan chủ trì): chủ trì ...", "Văn phòng (đơn vị đầu mối): chủ trì ...".
var reRoleGloss = regexp.MustCompile(`^(?:la\s+)?(?:(?:co quan|don vi)\s+)?(?:thuong truc|chu tri|dau moi|tham muu|giup viec)\b`)

// dropRoleGloss returns the head of an item, s, less a closing bracket
// that says the unit's role rather than its name. A bracket that names
// something else ("Công an huyện (Đội Cảnh sát giao thông)", "Sở Y tế
// (qua Phòng Nghiệp vụ)") is left as it is.
func dropRoleGloss(s string) string {
	t := strings.TrimRight(s, " :")
	if !strings.HasSuffix(t, ")") {
		return s
	}
	k := strings.LastIndex(t, "(")
	if k <= 0 || strings.ContainsAny(t[k+1:len(t)-1], "()") || !reRoleGloss.MatchString(vi.Fold(strings.TrimSpace(t[k+1:len(t)-1]))) {
		return s
	}
	return strings.TrimSpace(t[:k])
}
