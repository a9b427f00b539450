package continuity

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"tiendo/internal/vi"
)

// token is one word (a Vietnamese syllable, an abbreviation) of a text:
// key is folded, surface as written.
type token struct {
	key, surface string
	number       bool // has a digit: a goal, a year, a date
	stop         bool // a function word that says nothing of the task
	clause       bool // punctuation parts it from the word before: no pair across it
}

// doc is a text as the matcher compares it: its words, and its features
// (words and pairs of neighbouring words, folded) with their surfaces.
type doc struct {
	seq      []token           // every word in order, numbers and function words marked
	words    []token           // the words that count: no numbers, no function words
	features map[string]string // folded feature -> surface
}

// stopWords are function words (folded) too common in directives to tell
// tasks apart. Words whose folded form is also a content word ("đất" and
// "đạt" are both "dat") are not here.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`va cac cua duoc nhung mot nay vao len it nhat theo voi hoac nam thang ngay`) {
		stopWords[w] = true
	}
}

// abbreviations are written out before matching, so that "GPMB" one year
// and "giải phóng mặt bằng" the next are the same words (GLOSSARY.md).
var abbreviations = map[string]string{
	"gpmb": "giải phóng mặt bằng",
	"ntm":  "nông thôn mới",
	"ubnd": "ủy ban nhân dân",
	"hdnd": "hội đồng nhân dân",
	"cchc": "cải cách hành chính",
	"ptnt": "phát triển nông thôn",
	"ttyt": "trung tâm y tế",
	"attp": "an toàn thực phẩm",
	"atgt": "an toàn giao thông",
	"xdcb": "xây dựng cơ bản",
	"ocop": "mỗi xã một sản phẩm",
}

// tokens splits s into words: runs of letters and digits, folded rune by
// rune (vi.FoldRune keeps positions aligned on NFC text).
func tokens(s string) []token {
	var out []token
	var key, surface strings.Builder
	digit, clause := false, false
	flush := func() {
		if key.Len() > 0 {
			k := key.String()
			n := len(out)
			if long, ok := abbreviations[k]; ok {
				out = append(out, tokens(long)...)
			} else {
				out = append(out, token{key: k, surface: surface.String(), number: digit, stop: stopWords[k]})
			}
			out[n].clause = clause
			clause = false
		}
		key.Reset()
		surface.Reset()
		digit = false
	}
	for _, r := range vi.NFC(s) {
		f := vi.FoldRune(r)
		switch {
		case f < 0: // a lone combining mark belongs to the word it follows
			if surface.Len() > 0 {
				surface.WriteRune(r)
			}
		case unicode.IsLetter(f) || unicode.IsDigit(f):
			key.WriteRune(f)
			surface.WriteRune(r)
			digit = digit || unicode.IsDigit(f)
		default:
			flush()
			if strings.ContainsRune(".,;:!?()[]\"“”…", r) {
				clause = true
			}
		}
	}
	flush()
	return out
}

func newDoc(s string) doc {
	d := doc{seq: tokens(s), features: map[string]string{}}
	if strings.ToUpper(s) == s { // a text in capitals: its words are not abbreviations
		for i := range d.seq {
			d.seq[i].surface = strings.ToLower(d.seq[i].surface)
		}
	}
	for i, t := range d.seq {
		if t.number || t.stop {
			continue
		}
		d.words = append(d.words, t)
		d.features[t.key] = t.surface
		if i+1 < len(d.seq) {
			if n := d.seq[i+1]; !n.number && !n.stop && !n.clause {
				d.features[t.key+" "+n.key] = t.surface + " " + n.surface
			}
		}
	}
	return d
}

// weights gives each feature its inverse document frequency over docs:
// words every task uses ("thực hiện", "địa bàn") weigh little, the words
// of one task's subject ("giải phóng mặt bằng") much.
func weights(docs []doc) map[string]float64 {
	df := map[string]int{}
	for _, d := range docs {
		for f := range d.features {
			df[f]++
		}
	}
	n := float64(len(docs))
	w := make(map[string]float64, len(df))
	for f, k := range df {
		w[f] = math.Log(1 + n/float64(k))
	}
	return w
}

// similarity is how alike two docs' weighted feature sets are, 0 to 1: the
// mean of their cosine and of how much of the shorter the longer holds. A
// directive rephrases a task by adding or dropping a clause ("..., phổ biến
// giáo dục pháp luật"), which the cosine alone punishes twice.
func similarity(a, b doc, w map[string]float64) float64 {
	var dot, na, nb float64
	for f := range a.features {
		x := w[f] * w[f]
		na += x
		if _, ok := b.features[f]; ok {
			dot += x
		}
	}
	for f := range b.features {
		nb += w[f] * w[f]
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return math.Min(1, (dot/math.Sqrt(na*nb)+dot/math.Min(na, nb))/2)
}

// shared returns up to n phrases of a that b also has, the weightiest
// first, as a writes them: neighbouring shared pairs join into one phrase
// ("giải phóng mặt bằng"), lone shared words stand alone.
func shared(a, b doc, w map[string]float64, n int) []string {
	type phrase struct {
		text   string
		weight float64
	}
	var out []phrase
	inPhrase := map[string]bool{} // the words of the phrases, folded
	pair := func(i int) bool {
		if i+1 >= len(a.seq) {
			return false
		}
		s, t := a.seq[i], a.seq[i+1]
		if s.number || s.stop || t.number || t.stop || t.clause {
			return false
		}
		_, ok := b.features[s.key+" "+t.key]
		return ok
	}
	seen := map[string]bool{}
	for i := 0; i < len(a.seq); i++ {
		if !pair(i) {
			continue
		}
		j := i
		for pair(j) {
			j++
		}
		var words []string
		weight := 0.0
		for k := i; k <= j; k++ {
			words = append(words, display(a.seq[k].surface))
			inPhrase[a.seq[k].key] = true
			weight += w[a.seq[k].key]
			if k < j {
				weight += w[a.seq[k].key+" "+a.seq[k+1].key]
			}
		}
		if text := strings.Join(words, " "); !seen[text] {
			seen[text] = true
			out = append(out, phrase{text, weight})
		}
		i = j
	}
	for _, t := range a.seq {
		// A lone syllable says little ("trở" of "trở lên"); a lone
		// abbreviation says much ("PAR", "SIPAS").
		if inPhrase[t.key] || t.number || t.stop || display(t.surface) != t.surface {
			continue
		}
		if _, ok := b.features[t.key]; ok && !seen[display(t.surface)] {
			seen[display(t.surface)] = true
			out = append(out, phrase{display(t.surface), w[t.key]})
		}
	}
	slices.SortStableFunc(out, func(p, q phrase) int {
		switch {
		case p.weight > q.weight:
			return -1
		case p.weight < q.weight:
			return 1
		}
		return 0
	})
	var texts []string
	for _, p := range out {
		// A phrase inside one already shown ("giải phóng mặt bằng" in "tỷ
		// lệ giải phóng mặt bằng") adds nothing.
		if len(texts) == n || slices.ContainsFunc(texts, func(t string) bool { return strings.Contains(t, p.text) }) {
			continue
		}
		texts = append(texts, "“"+p.text+"”")
	}
	return texts
}

// display is a word as a sentence in the middle shows it: lower case,
// unless it is an abbreviation in capitals ("PAR", "OCOP").
func display(s string) string {
	if len([]rune(s)) > 1 && strings.ToUpper(s) == s {
		return s
	}
	return strings.ToLower(s)
}

// SimilarTitles reports whether two rounds' titles are near-identical:
// the words of the shorter, folded, are all in the longer ("06" as "6",
// abbreviations written out), and the two share most of their words. The
// seed's "Báo cáo tiến độ nhiệm vụ trọng tâm 6 tháng đầu năm 2022" and
// "Báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ
// Huyện ủy 06 tháng đầu năm 2022" are; "Báo cáo năm 2026" and "Báo cáo
// tình hình kinh tế - xã hội năm 2026" are not.
func SimilarTitles(a, b string) bool {
	set := func(s string) map[string]bool {
		out := map[string]bool{}
		for _, t := range tokens(s) {
			k := t.key
			if t.number {
				k = strings.TrimLeft(k, "0")
			}
			out[k] = true
		}
		return out
	}
	sa, sb := set(a), set(b)
	if len(sa) > len(sb) {
		sa, sb = sb, sa
	}
	if len(sa) == 0 {
		return false
	}
	both := 0
	for k := range sa {
		if sb[k] {
			both++
		}
	}
	return both == len(sa) && 2*float64(both)/float64(len(sa)+len(sb)) >= 0.7
}
