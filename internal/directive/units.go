package directive

import (
	"regexp"
	"slices"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// abbreviations expands the abbreviations unit names carry (GLOSSARY.md),
// keyed by the folded letters with punctuation removed, so "TN&MT", "TN-MT"
// and "TNMT" all read "tai nguyen moi truong".
var abbreviations = map[string]string{
	"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "ub": "uy ban",
	"hdndubnd": "hoi dong nhan dan uy ban nhan dan",
	"ptnt":     "phat trien nong thon", "nn": "nong nghiep", "nnptnt": "nong nghiep phat trien nong thon",
	"tnmt": "tai nguyen moi truong", "tn": "tai nguyen", "mt": "moi truong",
	"gddt": "giao duc dao tao", "gd": "giao duc",
	"ldtbxh": "lao dong thuong binh xa hoi", "ld": "lao dong", "tb": "thuong binh", "xh": "xa hoi",
	"vhtt": "van hoa thong tin", "vh": "van hoa", "vhttdl": "van hoa the thao du lich",
	"vhttts": "van hoa thong tin the thao", "tttt": "thong tin truyen thong",
	"tckh": "tai chinh ke hoach", "tc": "tai chinh", "kh": "ke hoach", "khdt": "ke hoach dau tu",
	"bchqs": "ban chi huy quan su", "bch": "ban chi huy", "qs": "quan su", "ca": "cong an",
	"ttyt": "trung tam y te", "vp": "van phong", "gtvt": "giao thong van tai", "ktht": "kinh te ha tang",
	"kt": "kinh te", "ht": "ha tang", "mttq": "mat tran to quoc", "ptqd": "phat trien quy dat",
	"khcn": "khoa hoc cong nghe", "bhxh": "bao hiem xa hoi", "nhcsxh": "ngan hang chinh sach xa hoi",
	"ttvh": "trung tam van hoa", "bql": "ban quan ly", "bqlda": "ban quan ly du an",
	"tp": "thanh pho", "tx": "thi xa", "nv": "noi vu", "yt": "y te", "tbxh": "thuong binh xa hoi",
}

// stopTokens carry no identity in a unit name.
var stopTokens = map[string]bool{"va": true, "cac": true, "cua": true, "thuoc": true, "truc": true, "voi": true}

// levelTokens name an administrative level; a trailing one ("Phòng Nội vụ
// huyện") adds nothing within one body's own directive.
var levelTokens = map[string]bool{"huyen": true, "xa": true, "tinh": true, "quan": true, "phuong": true}

// genericTokens are words that many unit names share; a name made only of
// them ("UBND", "Phòng") cannot pick out one unit.
var genericTokens = map[string]bool{
	"phong": true, "ban": true, "so": true, "trung": true, "tam": true, "chi": true, "cuc": true,
	"uy": true, "nhan": true, "dan": true, "hoi": true, "dong": true, "huyen": true, "xa": true,
	"tinh": true, "van": true, "thanh": true, "pho": true, "thi": true, "tran": true, "don": true,
	"vi": true, "co": true, "quan": true, "phuong": true,
}

var tokenSplit = regexp.MustCompile(`[^a-z0-9&]+`)

// unitKey is the set of tokens a unit name is compared by: folded, with
// abbreviations expanded, "&" as "và", stop words and a trailing level word
// dropped. Only a word written in capitals without diacritics ("PTNT",
// "TN&MT", "CA") is read as an abbreviation, so "Cà Mau" stays itself.
func unitKey(name string) []string {
	var toks []string
	for _, w := range strings.Fields(name) {
		f := vi.Fold(w)
		if isAbbreviation(w) {
			compact := strings.Map(func(r rune) rune {
				if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, f)
			if x, ok := abbreviations[compact]; ok {
				toks = append(toks, strings.Fields(x)...)
				continue
			}
			for _, p := range tokenSplit.Split(f, -1) {
				for _, q := range strings.Split(p, "&") {
					if x, ok := abbreviations[q]; ok {
						toks = append(toks, strings.Fields(x)...)
					} else if q != "" {
						toks = append(toks, q)
					}
				}
			}
			continue
		}
		for _, p := range tokenSplit.Split(f, -1) {
			for _, q := range strings.Split(p, "&") {
				if q != "" {
					toks = append(toks, q)
				}
			}
		}
	}
	out := toks[:0]
	for _, t := range toks {
		if !stopTokens[t] {
			out = append(out, t)
		}
	}
	if n := len(out); n > 1 && levelTokens[out[n-1]] {
		out = out[:n-1]
	}
	return dedupe(out)
}

// isAbbreviation reports whether w is written like an abbreviation: two or
// more capital letters without tone marks (Đ allowed), with digits and the
// joiners "&", "-", "." and "/".
func isAbbreviation(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z' || r == 'Đ':
			letters++
		case r >= '0' && r <= '9', r == '&', r == '-', r == '.', r == '/', r == ',', r == ';', r == ':', r == '(', r == ')':
		default:
			return false
		}
	}
	return letters >= 2
}

func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// matchScore says how well two unit keys name the same unit: 0 when they
// do not, otherwise higher for a closer match. Containment lets "Trung tâm Y
// tế huyện" match "Trung tâm Y tế huyện Hữu Lũng"; the overlap floor and the
// distinctive-word rule keep "UBND huyện" from matching "UBND xã Vân Nham".
func matchScore(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inB := make(map[string]bool, len(b))
	for _, t := range b {
		inB[t] = true
	}
	inter := 0
	for _, t := range a {
		if inB[t] {
			inter++
		}
	}
	short, long := a, b
	if len(b) < len(a) {
		short, long = b, a
	}
	contain := float64(inter) / float64(len(short))
	jaccard := float64(inter) / float64(len(a)+len(b)-inter)
	if contain < 0.8 || jaccard < 0.4 {
		return 0
	}
	// The shorter name must say what the longer one says beyond generic
	// words: "Phòng" alone, or "UBND" alone, picks out nothing.
	inShort := make(map[string]bool, len(short))
	shortDistinct := 0
	for _, t := range short {
		inShort[t] = true
		if !genericTokens[t] {
			shortDistinct++
		}
	}
	if shortDistinct == 0 {
		for _, t := range long {
			if !inShort[t] && !genericTokens[t] {
				return 0
			}
		}
	}
	return contain + jaccard
}

// MatchUnit finds the registry unit a name refers to, by its Name, ShortName,
// Aliases or exact Code, through abbreviations ("NN&PTNT"), "&"/"và", case,
// diacritics, tone-mark placement and a trailing level word. It returns the
// unit's Code and true when exactly one unit matches best.
func MatchUnit(name string, units []tiendo.Unit) (code string, ok bool) {
	i := newUnitMatcher(units).match(name)
	if i < 0 {
		return "", false
	}
	return units[i].Code, true
}

// unitMatcher resolves names against a registry, computing each unit's keys
// once: a directive names the same few units many times.
type unitMatcher struct {
	units []tiendo.Unit
	keys  [][][]string
	group [][]bool   // whether each key's name stands for a group of units
	ranks []unitRank // the kinds and levels each unit's names state
}

func newUnitMatcher(units []tiendo.Unit) *unitMatcher {
	m := &unitMatcher{units: units, keys: make([][][]string, len(units)), group: make([][]bool, len(units)), ranks: make([]unitRank, len(units))}
	for i, u := range units {
		var names []string
		for _, n := range append([]string{u.Name, u.ShortName}, u.Aliases...) {
			if n != "" {
				m.keys[i] = append(m.keys[i], unitKey(n))
				m.group[i] = append(m.group[i], IsGroupName(n))
				names = append(names, n)
			}
		}
		m.ranks[i] = rankOfUnit(names)
	}
	inferLevels(m.ranks)
	return m
}

// match returns the index of the unit name refers to, or -1.
func (m *unitMatcher) match(name string) int {
	i, _ := m.score(name)
	return i
}

// score returns the index of the unit name refers to and how well it
// matches, or -1 and 0.
func (m *unitMatcher) score(name string) (int, float64) {
	// A unit's code ("pnnptnt") matches only as itself.
	if code := strings.TrimSpace(strings.ToLower(name)); code != "" {
		for i, u := range m.units {
			if u.Code != "" && u.Code == code {
				return i, 3
			}
		}
	}
	key := unitKey(name)
	group, rank := IsGroupName(name), rankOfName(name)
	// Keys compare as sets of words, so "xã An Bình" and "xã Bình An", both
	// common commune names, score alike against either; between units that
	// score alike, one named with the words in the same order is the one
	// meant.
	best, bestScore, bestInOrder, tie := -1, 0.0, false, false
	for i, keys := range m.keys {
		if rank.conflicts(m.ranks[i]) {
			continue // "Công an tỉnh" is not "Công an huyện", nor "Sở Y tế" "Phòng Y tế"
		}
		s, inOrder := 0.0, false
		for j, k := range keys {
			if group != m.group[i][j] {
				continue // many units are not one of them, nor one unit many
			}
			x := matchScore(key, k)
			if x > 0 && distinctClash(key, k) {
				x -= clashPenalty
			}
			switch {
			case x > s+1e-9:
				s, inOrder = x, sameOrder(key, k)
			case x > s-1e-9 && x > 0 && sameOrder(key, k):
				inOrder = true
			}
		}
		switch {
		case s == 0:
		case s > bestScore+1e-9:
			best, bestScore, bestInOrder, tie = i, s, inOrder, false
		case s > bestScore-1e-9 && m.units[best].Code != m.units[i].Code:
			switch {
			case inOrder && !bestInOrder:
				best, bestInOrder, tie = i, true, false
			case inOrder == bestInOrder:
				tie = true
			}
		}
	}
	if tie {
		return -1, 0
	}
	return best, bestScore
}

// clashPenalty lowers the score of a unit whose name lacks a distinctive
// word of the name sought while holding one the name lacks: below every
// unit that has them all (a score is at least 1.2), yet above 0, so that a
// lone unit still matches a name written with a typo.
const clashPenalty = 1.0

// distinctClash reports whether keys a and b each hold a distinctive (not
// generic) word the other lacks: "UBND xã Hòa Bình" and "UBND xã An Bình"
// share more words than "UBND xã Hòa Bình" and "Xã Hòa Bình" do, but
// name another commune.
func distinctClash(a, b []string) bool {
	return hasOwnDistinct(a, b) && hasOwnDistinct(b, a)
}

// hasOwnDistinct reports whether a holds a distinctive word b lacks.
func hasOwnDistinct(a, b []string) bool {
	for _, t := range a {
		if !genericTokens[t] && !slices.Contains(b, t) {
			return true
		}
	}
	return false
}

// sameOrder reports whether the shorter of two keys has its words in the
// longer one in the same order: "xã An Bình" in "UBND xã An Bình", not in
// "UBND xã Bình An".
func sameOrder(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for _, w := range b {
		if i < len(a) && a[i] == w {
			i++
		}
	}
	return i == len(a)
}

// groupWords are what "các" is followed by when a name stands for many
// units: "UBND các xã, phường", "các phòng, ban, ngành", "các cơ quan, đơn
// vị". "Liên hiệp các Hội Khoa học" is one unit and matches as usual.
var groupWords = []string{"xa", "phuong", "thi tran", "huyen", "quan", "tinh", "thanh pho", "thi xa", "phong", "ban", "nganh",
	"so", "don vi", "co quan", "dia phuong", "doan the", "hoi doan the", "to chuc doan the", "truong", "thon", "ban nganh"}

// IsGroupName reports whether a name stands for a group of units rather
// than one ("Ủy ban nhân dân các xã, phường"): it matches only a name that
// stands for a group too, never the one unit whose name shares its generic
// words ("UBND tỉnh").
func IsGroupName(name string) bool {
	f := strings.Fields(tokenSplit.ReplaceAllString(vi.Fold(name), " "))
	for i, w := range f {
		if w != "cac" { // not "mọi": it folds like the "môi" of "Môi trường"
			continue
		}
		rest := " " + strings.Join(f[i+1:], " ") + " "
		for _, g := range groupWords {
			if strings.HasPrefix(rest, " "+g+" ") {
				return true
			}
		}
	}
	return false
}
