package directive

import (
	"strings"
	"unicode"

	"tiendo/internal/vi"
)

// A unit's name says more than its domain: "Sở Giáo dục và Đào tạo" and
// "Phòng Giáo dục và Đào tạo" share every distinctive word, and so do
// "Công an tỉnh", "Công an huyện" and "Công an xã"; each pair is two bodies
// at two administrative levels. The words that tell them apart are the ones
// unitKey sets aside (a trailing level) or that every unit shares (the kind
// word), so the matcher compares them on their own: a name that states a
// kind or a level never matches a registry unit whose names state another.

// unitRank is what a name, or all the names of a registry unit, state about
// which body it is beyond its domain.
type unitRank struct {
	kinds  map[string]bool // "so", "phong", "cuc", "chi cuc", "tong cuc", "bo"
	levels map[string]bool // "tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran", "dac khu", "trung uong"
}

// impliedLevels are the levels a kind word puts a unit at by itself: a Sở
// belongs to a province (or a city under the central government), a Bộ or
// Tổng cục to the centre. "Phòng" (a district's, a post-2025 commune's, or
// a division inside a Sở), "Cục" (a province's or a ministry's) and "Chi
// cục" (a district's, a region's or a Sở's) imply none.
var impliedLevels = map[string][]string{
	"so": {"tinh", "thanh pho"}, "bo": {"trung uong"}, "tong cuc": {"trung uong"},
}

// rankOfName reads the kind and the levels one name states; a name that
// states no level takes the one its kind implies.
func rankOfName(name string) unitRank {
	r := unitRank{kinds: map[string]bool{}, levels: map[string]bool{}}
	k := nameKind(name)
	if k != "" {
		r.kinds[k] = true
	}
	for _, l := range nameLevels(name) {
		r.levels[l] = true
	}
	if len(r.levels) == 0 {
		for _, l := range impliedLevels[k] {
			r.levels[l] = true
		}
	}
	return r
}

// rankOfUnit gathers what a registry unit's names (name, short name,
// aliases) state: an alias "Sở LĐ-TB&XH" the office gives its Phòng makes
// that name match it on purpose.
func rankOfUnit(names []string) unitRank {
	r := unitRank{kinds: map[string]bool{}, levels: map[string]bool{}}
	for _, n := range names {
		if k := nameKind(n); k != "" {
			r.kinds[k] = true
		}
		for _, l := range nameLevels(n) {
			r.levels[l] = true
		}
	}
	if len(r.levels) == 0 {
		for k := range r.kinds {
			for _, l := range impliedLevels[k] {
				r.levels[l] = true
			}
		}
	}
	return r
}

// inferLevels gives the registry's own level to its units whose names
// state none: in a registry where "Công an huyện", "Ban Chỉ huy Quân sự
// huyện" and "Trung tâm Y tế huyện" are the only units that state a level,
// "Phòng Nội vụ" is the district's too, and "Phòng Nội vụ tỉnh" is not it.
// It infers nothing unless at least two units state a level and all of
// them state the same ones: a registry that mixes levels ("Sở Y tế" and
// "UBND huyện A") keeps its silent units open to any level.
func inferLevels(ranks []unitRank) {
	var own map[string]bool
	stated := 0
	for _, r := range ranks {
		if len(r.levels) == 0 {
			continue
		}
		if own != nil && !sameSet(own, r.levels) {
			return
		}
		own = r.levels
		stated++
	}
	if stated < 2 {
		return
	}
	for i := range ranks {
		if len(ranks[i].levels) == 0 {
			ranks[i].levels = own
		}
	}
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for x := range a {
		if !b[x] {
			return false
		}
	}
	return true
}

// conflicts reports whether a name of rank r cannot be the unit of rank u:
// both state a kind and u has none of r's, or both state levels and share
// none. A name or a unit that states nothing conflicts with nothing:
// "Phòng Nội vụ huyện" still matches a registry's "Phòng Nội vụ".
func (r unitRank) conflicts(u unitRank) bool {
	return disjoint(r.kinds, u.kinds) || disjoint(r.levels, u.levels)
}

// disjoint reports whether two non-empty sets have nothing in common.
func disjoint(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for x := range a {
		if b[x] {
			return false
		}
	}
	return true
}

// nameWords splits a name into its words, lower case with diacritics kept.
func nameWords(name string) []string {
	return strings.FieldsFunc(strings.ToLower(vi.NFC(name)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// titleWords are the offices a name may open with before its unit:
// "Giám đốc Sở Y tế", "Trưởng Công an xã", "Thủ trưởng các sở".
var titleWords = map[string]bool{
	"giám": true, "đốc": true, "phó": true, "trưởng": true, "thủ": true, "chánh": true,
	"chủ": true, "tịch": true, "lãnh": true, "đạo": true,
}

// nameKind is the kind word a name opens with, after any office held in
// it: "so" for "Sở Y tế" and "Giám đốc Sở Y tế", "chi cuc" for "Chi cục
// Thuế", or "". The word must be spelled as the kind ("Sở", not "số"),
// unless the whole name is typed without diacritics.
func nameKind(name string) string {
	ws := nameWords(name)
	for len(ws) > 1 && titleWords[ws[0]] {
		ws = ws[1:]
	}
	if len(ws) < 2 {
		return "" // "Sở", "Phòng" alone name no unit
	}
	plain := !hasDiacritics(name)
	is := func(w, spelled, bare string) bool { return w == spelled || plain && w == bare }
	switch {
	case is(ws[0], "tổng", "tong") && is(ws[1], "cục", "cuc"):
		return "tong cuc"
	case is(ws[0], "chi", "chi") && is(ws[1], "cục", "cuc"):
		return "chi cuc"
	case is(ws[0], "cục", "cuc"):
		return "cuc"
	case is(ws[0], "sở", "so"):
		return "so"
	case is(ws[0], "phòng", "phong"):
		return "phong"
	case is(ws[0], "bộ", "bo"):
		// "Bộ Chỉ huy Quân sự tỉnh", "Bộ Tư lệnh", "Bộ phận một cửa" are
		// no ministry.
		switch ws[1] {
		case "chỉ", "tư", "phận", "đội", "chi", "tu", "phan", "doi":
			return ""
		}
		return "bo"
	}
	return ""
}

// nameLevels are the administrative levels a name states, trailing or
// inside it ("Công an tỉnh", "Trung tâm Y tế huyện Hữu Lũng", "Huyện
// đoàn", "UBND các xã, thị trấn"), as folded words. A level word must be
// spelled as one: "quận" not "quân sự", "phường" not "địa phương", "tỉnh"
// not "tính"; "xã" in "xã hội", "hợp tác xã" or "xã viên" is none. A name
// typed without diacritics states only a trailing level, as such words are
// too common inside names to read there.
func nameLevels(name string) []string {
	ws := nameWords(name)
	if !hasDiacritics(name) {
		if n := len(ws); n > 1 {
			if l := plainLevel(ws[n-2], ws[n-1]); l != "" {
				return []string{l}
			}
		}
		return abbreviatedLevels(name)
	}
	var out []string
	add := func(l string) {
		if !contains(out, l) {
			out = append(out, l)
		}
	}
	for i, w := range ws {
		prev, next := "", ""
		if i > 0 {
			prev = ws[i-1]
		}
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		switch w {
		case "tỉnh":
			add("tinh")
		case "huyện":
			add("huyen")
		case "quận":
			add("quan")
		case "phường":
			add("phuong")
		case "xã":
			switch {
			case prev == "thị":
				add("thi xa")
			case next == "hội" || next == "viên" || prev == "tác":
			default:
				add("xa")
			}
		case "trấn":
			if prev == "thị" {
				add("thi tran")
			}
		case "phố":
			if prev == "thành" {
				add("thanh pho")
			}
		case "thành":
			if next == "ủy" || next == "uỷ" || next == "đoàn" {
				add("thanh pho") // Thành ủy, Thành đoàn
			}
		case "ương":
			// "các tỉnh, thành phố trực thuộc Trung ương" places the
			// city, not the unit.
			if prev == "trung" && (i < 2 || ws[i-2] != "thuộc") {
				add("trung uong")
			}
		case "khu":
			if prev == "đặc" {
				add("dac khu") // a special zone, a commune's level since 2025
			}
		}
	}
	for _, l := range abbreviatedLevels(name) {
		add(l)
	}
	return out
}

// plainLevel is the level the last two words of a name typed without
// diacritics state, or "".
func plainLevel(prev, last string) string {
	switch last {
	case "tinh", "huyen", "quan", "phuong":
		return last
	case "xa":
		switch prev {
		case "thi":
			return "thi xa"
		case "tac":
			return ""
		}
		return "xa"
	case "tran":
		if prev == "thi" {
			return "thi tran"
		}
	case "pho":
		if prev == "thanh" {
			return "thanh pho"
		}
	}
	return ""
}

// abbreviatedLevels are the levels a name states by abbreviation: "TP"
// (thành phố), "TX" (thị xã), "TW" (trung ương).
func abbreviatedLevels(name string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "TP":
			out = append(out, "thanh pho")
		case "TX":
			out = append(out, "thi xa")
		case "TW":
			out = append(out, "trung uong")
		}
	}
	return out
}
