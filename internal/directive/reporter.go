package directive

import (
	"regexp"
	"slices"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// reporters reads, in each task that several units lead, which of them a
// target is given to. Directives share a task's targets out clause by
// clause: "…; trong đó: Phòng A phấn đấu 02 trường đạt chuẩn quốc gia,
// giảm tỷ lệ hộ nghèo 1,5%; Phòng B giải quyết việc làm cho 350 lao
// động", and tiendo's own letters name the targets without their numbers:
// "…; trong đó, Phòng A báo cáo chỉ tiêu giảm tỷ lệ hộ nghèo; Phòng B báo
// cáo các chỉ tiêu X và Y". A clause between semicolons that opens with
// exactly one of the task's lead units gives it the targets written in the
// clause and those the clause names; anything less certain leaves the
// target to every lead unit.
func (p *parser) reporters() {
	for i := range p.res.Tasks {
		p.taskReporters(&p.res.Tasks[i])
	}
}

func (p *parser) taskReporters(t *Task) {
	var leads []Assignee
	for _, a := range t.Assignees {
		if a.Role != tiendo.Support {
			leads = append(leads, a)
		}
	}
	if len(leads) < 2 || len(t.Targets) == 0 {
		return
	}
	names := make([][]string, len(leads))
	for j, a := range leads {
		names[j] = p.unitNames(a)
	}
	f := foldText(t.Text)
	pos := targetPositions(f, t.Targets)
	by := make([]int, len(t.Targets)) // index in leads + 1; 0 none, -1 given to two
	give := func(k, who int) {
		if by[k] != 0 && by[k] != who+1 {
			by[k] = -1
			return
		}
		by[k] = who + 1
	}
	for _, seg := range semicolonClauses(f.s) {
		who, rest := segmentUnit(f.s, seg, names)
		if who < 0 {
			continue
		}
		for k := range t.Targets {
			if pos[k] >= seg[0] && pos[k] < seg[1] {
				give(k, who)
			}
		}
		for _, k := range namedTargets(f.s[rest:seg[1]], t.Targets) {
			give(k, who)
		}
	}
	for k := range t.Targets {
		if by[k] > 0 {
			g := &t.Targets[k]
			g.ReportedBy = leads[by[k]-1].Name
			g.Text = dropOpening(g.Text, names[by[k]-1])
		}
	}
}

// unitNames are the folded names a lead unit may be written by in its
// task: as the task names it, and with a registry the unit's name, short
// name and aliases.
func (p *parser) unitNames(a Assignee) []string {
	out := []string{normName(a.Name)}
	if p.reg == nil || a.Unit == "" {
		return out
	}
	for _, u := range p.reg.units {
		if u.Code != a.Unit {
			continue
		}
		for _, n := range append([]string{u.Name, u.ShortName}, u.Aliases...) {
			if n = normName(n); n != "" && !contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

func normName(s string) string { return strings.Join(strings.Fields(vi.Fold(s)), " ") }

// targetPositions finds where in the folded task text each target's number
// is, -1 for a target not read from the text as it stands.
func targetPositions(f folded, gs []Target) []int {
	found, at := targetsAt(f)
	pos := make([]int, len(gs))
	used := make([]bool, len(found))
	for k, g := range gs {
		pos[k] = -1
		for j, h := range found {
			if !used[j] && h.Text == g.Text && h.Value == g.Value {
				pos[k], used[j] = at[j], true
				break
			}
		}
	}
	return pos
}

// semicolonClauses splits folded text at the semicolons outside brackets,
// as [start, end) offsets.
func semicolonClauses(s string) [][2]int {
	var out [][2]int
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		case ';':
			if depth == 0 {
				out = append(out, [2]int{start, i})
				start = i + 1
			}
		}
	}
	return append(out, [2]int{start, len(s)})
}

// reInWhich opens the clause that shares a task out: "trong đó:", "cụ thể:".
var reInWhich = regexp.MustCompile(`^[\s\-–+•]*(?:(?:trong do|cu the|rieng)\s*[:,]?\s*)?`)

// segmentUnit returns which lead unit (index in names) opens the clause
// seg of folded text s, and where what it is said to do starts; -1 when
// the clause opens with none, with several ("Phòng A và Phòng B chủ trì"),
// with one that supports another ("Phòng A phối hợp với ...") or names
// another lead unit anywhere.
func segmentUnit(s string, seg [2]int, names [][]string) (who, rest int) {
	a := seg[0] + len(reInWhich.FindString(s[seg[0]:seg[1]]))
	who, end := -1, 0
	for j, ns := range names {
		for _, n := range ns {
			if n != "" && len(n) > end && strings.HasPrefix(s[a:seg[1]], n) && (a+len(n) == seg[1] || !isAlnum(s[a+len(n)])) {
				who, end = j, len(n)
			}
		}
	}
	if who < 0 {
		return -1, 0
	}
	rest = a + end
	for rest < seg[1] && strings.IndexByte(" :,-–", s[rest]) >= 0 {
		rest++
	}
	r := s[rest:seg[1]]
	if strings.TrimSpace(r) == "" || startsWithAny(r, []string{"va ", "cung ", "phoi hop", "voi ", "& "}) {
		return -1, 0
	}
	for j, ns := range names {
		for _, n := range ns {
			if j != who && n != "" && indexWord(s[seg[0]:seg[1]], n) >= 0 {
				return -1, 0
			}
		}
	}
	return who, rest
}

// reNamedTargets opens a list of targets named without their numbers:
// "báo cáo chỉ tiêu …", "thực hiện các chỉ tiêu …".
var reNamedTargets = regexp.MustCompile(`^(?:bao cao|thuc hien|phu trach|chiu trach nhiem|theo doi)\s+(?:ve\s+)?(?:cac\s+)?chi tieu\s+`)

// reListSep separates the names of a list: "A, B và C".
var reListSep = regexp.MustCompile(`,\s|\sva\s`)

// ordinalWords are the folded ordinals a letter names a target by when its
// text says nothing but its number ("chỉ tiêu thứ hai").
var ordinalWords = []string{"nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"}

// namedTargets returns the targets of gs a clause names without numbers
// ("báo cáo các chỉ tiêu giảm tỷ lệ hộ nghèo và xây dựng trường học đạt
// chuẩn quốc gia"). The list is cut at commas and "và", which may cut a
// name in pieces: a piece names a target when its words are, in order,
// words of that target's text and of no other's.
func namedTargets(clause string, gs []Target) []int {
	m := reNamedTargets.FindStringIndex(clause)
	if m == nil {
		return nil
	}
	words := make([][]string, len(gs))
	for k, g := range gs {
		words[k] = plainWords(vi.Fold(g.Text))
	}
	var out []int
	for _, piece := range reListSep.Split(clause[m[1]:], -1) {
		ws := plainWords(piece)
		if len(ws) == 2 && ws[0] == "thu" {
			if k := slices.Index(ordinalWords, ws[1]); k >= 0 && k < len(gs) {
				out = append(out, k)
			}
			continue
		}
		if len(ws) < 2 {
			continue
		}
		match := -1
		for k := range gs {
			if isSubsequence(ws, words[k]) {
				if match >= 0 {
					match = -2 // names two targets: too vague to say
					break
				}
				match = k
			}
		}
		if match >= 0 && !slices.Contains(out, match) {
			out = append(out, match)
		}
	}
	return out
}

// plainWords splits folded text into words without punctuation.
func plainWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if w = strings.Trim(w, ",;:.!?()\"'“”-–"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// isSubsequence reports whether the words of a appear in b in order.
func isSubsequence(a, b []string) bool {
	i := 0
	for _, w := range b {
		if i < len(a) && a[i] == w {
			i++
		}
	}
	return i == len(a)
}

// dropOpening takes the reporting unit's name off the front of a target's
// text ("Phòng A phấn đấu 02 trường …" is "phấn đấu 02 trường …"): the
// target now says who reports it.
func dropOpening(text string, names []string) string {
	f := foldText(text)
	for _, n := range names {
		if n == "" || !strings.HasPrefix(f.s, n) || len(f.s) > len(n) && isAlnum(f.s[len(n)]) {
			continue
		}
		rest := strings.TrimLeft(f.cut(len(n), len(f.s)), " :,-–")
		if rest != "" {
			return rest
		}
	}
	return text
}
