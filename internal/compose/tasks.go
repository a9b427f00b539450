package compose

import (
	"slices"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/document"
)

// group is one numbered item of the task list: the tasks that have the same
// lead units and the same supporting units.
type group struct {
	leads, supports []int64
	tasks           []*tiendo.Task
}

// orderedTasks are the round's tasks in their order (by Position, then as
// given), without nils.
func orderedTasks(r *tiendo.Round) []*tiendo.Task {
	if r == nil {
		return nil
	}
	var ts []*tiendo.Task
	for _, t := range r.Tasks {
		if t != nil {
			ts = append(ts, t)
		}
	}
	slices.SortStableFunc(ts, func(a, b *tiendo.Task) int { return a.Position - b.Position })
	return ts
}

// assignees returns a task's lead and supporting units that exist in
// Units, each once, in the order given; a unit both leads and supports
// leads.
func assignees(in Input, t *tiendo.Task) (leads, supports []int64) {
	for _, a := range t.Assignees {
		if a.Role != tiendo.Support && in.Units[a.UnitID] != nil && !slices.Contains(leads, a.UnitID) {
			leads = append(leads, a.UnitID)
		}
	}
	for _, a := range t.Assignees {
		if a.Role == tiendo.Support && in.Units[a.UnitID] != nil && !slices.Contains(leads, a.UnitID) && !slices.Contains(supports, a.UnitID) {
			supports = append(supports, a.UnitID)
		}
	}
	return leads, supports
}

func idsKey(ids []int64) string {
	var b strings.Builder
	for _, id := range ids {
		b.WriteString(strconv.FormatInt(id, 10))
		b.WriteByte(',')
	}
	return b.String()
}

// groups lays the tasks out as the seed does: one item for each set of lead
// units, in the order the sets first appear, its tasks in the round's order.
// Tasks of the same leads with different supporting units are items of
// their own, next to each other, because the supporting units are named in
// the item's "Giao ... chủ trì, phối hợp với ..." line, the only place the
// parser reads them without changing the task's text.
func groups(in Input) []group {
	type leadSet struct {
		key    string
		groups []group
	}
	var sets []*leadSet
	for _, t := range orderedTasks(in.Round) {
		leads, supports := assignees(in, t)
		lk, sk := idsKey(leads), idsKey(supports)
		var set *leadSet
		for _, s := range sets {
			if s.key == lk {
				set = s
			}
		}
		if set == nil {
			set = &leadSet{key: lk}
			sets = append(sets, set)
		}
		found := false
		for i := range set.groups {
			if idsKey(set.groups[i].supports) == sk {
				set.groups[i].tasks = append(set.groups[i].tasks, t)
				found = true
				break
			}
		}
		if !found {
			set.groups = append(set.groups, group{leads: leads, supports: supports, tasks: []*tiendo.Task{t}})
		}
	}
	var out []group
	for _, s := range sets {
		for _, g := range s.groups {
			out = append(out, split(in, g)...)
		}
	}
	return out
}

// split takes out of a group of several tasks those whose text the parser
// could read as an assignment of its own ("Ban X chủ trì: ..."): under a
// "1.1." label such a text would name other units, or lose its start to
// the colon, when the letter is read back. Each becomes an item of its own
// after the group, in the one-line form "Giao X ...: <text>", where the
// header is the assignment and everything after its colon is the text.
func split(in Input, g group) []group {
	if len(g.tasks) < 2 {
		return []group{g}
	}
	var own []group
	kept := g
	kept.tasks = nil
	for _, t := range g.tasks {
		if assigns(in, t.Text) {
			own = append(own, group{leads: g.leads, supports: g.supports, tasks: []*tiendo.Task{t}})
		} else {
			kept.tasks = append(kept.tasks, t)
		}
	}
	if len(kept.tasks) == 0 {
		return own
	}
	return append([]group{kept}, own...)
}

// unitHeads begin units' names (folded): a text that starts with one may
// name a unit.
var unitHeads = []string{
	"phong", "ban", "so", "trung", "chi", "cuc", "tong", "cong", "ubnd", "uy", "van", "hoi", "doan",
	"lien", "mat", "mttq", "bch", "bo", "dai", "kho", "bao", "bhxh", "ngan", "dien", "truong", "benh",
	"hat", "doi", "huyen", "tinh", "thanh", "vien", "toa", "hdnd", "cac", "dang", "to", "tram",
	"thu", "bql", "ttyt", "ttvh", "nganh", "ca", "thue", "tieu", "lu", "su", "kiem", "hop",
}

// assigns reports whether a task's text may read as an assignment of its
// own: it has a colon, says who leads or supports, gives work, or starts
// like a unit's name (other than "Báo cáo ..."). It errs on the safe side:
// a text it wrongly suspects only loses the grouped form.
func assigns(in Input, text string) bool {
	text = oneLine(text)
	f := fold(text)
	if strings.Contains(text, ":") || strings.Contains(f, "chu tri") || strings.Contains(f, "phoi hop") || strings.Contains(f, "chiu trach nhiem") {
		return true
	}
	if directive.GivesWork(text) {
		return true
	}
	if strings.HasPrefix(f, "bao cao ") {
		return false
	}
	first, _, _ := strings.Cut(f, " ")
	if slices.Contains(unitHeads, first) {
		return true
	}
	for _, u := range in.Units {
		if u != nil {
			if w, _, _ := strings.Cut(fold(u.Name), " "); w != "" && w == first {
				return true
			}
		}
	}
	return false
}

// Order returns the round's tasks in the order the letter lists them:
// grouped by lead unit as Document lays them out. Parsing the letter gives
// the tasks back in this order.
func Order(in Input) []*tiendo.Task {
	var out []*tiendo.Task
	for _, g := range groups(in) {
		out = append(out, g.tasks...)
	}
	return out
}

func unitName(in Input, id int64) string {
	if u := in.Units[id]; u != nil {
		return oneLine(u.Name)
	}
	return ""
}

func names(in Input, ids []int64) string {
	var ns []string
	for _, id := range ids {
		if n := unitName(in, id); n != "" {
			ns = append(ns, n)
		}
	}
	return strings.Join(ns, ", ")
}

// taskLabel is the label the letter prints: the task's own, or when it has
// none (Check warns about it) its position in the round, else its place in
// the letter.
func taskLabel(t *tiendo.Task, n int) string {
	if l := oneLine(t.Label); l != "" {
		return l
	}
	if t.Position > 0 {
		return strconv.Itoa(t.Position)
	}
	return strconv.Itoa(n)
}

// taskText is the task's text as the letter prints it, without the final
// full stop the line adds.
func taskText(t *tiendo.Task) string {
	return strings.TrimRight(oneLine(t.Text), ".;, ")
}

// itemText is what the letter says of a task before its label: its text
// and, when its lead units share its targets out, who reports which.
// Reading the letter back gives this as the task's text, so a text that
// already says the split (a round made from such a letter) is not made to
// say it twice.
func itemText(in Input, t *tiendo.Task) string {
	text, sh := taskText(t), strings.TrimPrefix(shares(in, t), "; ")
	if sh == "" {
		return text
	}
	// A task read back from a letter that named a split holds that
	// clause; the round's split, perhaps changed since, replaces it.
	if i := strings.LastIndex(text, "; trong đó, "); i >= 0 && strings.Contains(text[i:], " báo cáo ") {
		text = strings.TrimRight(text[:i], " ;,")
	}
	if text == "" {
		return sh
	}
	return text + "; " + sh
}

// header is the assignment that opens an item: "Giao Phòng A, Phòng B chủ
// trì, phối hợp với Trung tâm C xây dựng:". Tasks that do not say "Báo
// cáo ..." themselves are asked for by the header: "Giao Phòng A báo cáo
// kết quả thực hiện các nhiệm vụ sau:".
func header(in Input, g group) string {
	s := "Giao "
	if ls := names(in, g.leads); ls != "" {
		s += ls
	} else {
		s += "các cơ quan, đơn vị"
	}
	if ss := names(in, g.supports); ss != "" {
		s += " chủ trì, phối hợp với " + ss
	}
	asks := true
	for _, t := range g.tasks {
		if !strings.HasPrefix(fold(t.Text), "bao cao") {
			asks = false
		}
	}
	switch {
	case asks:
		s += " xây dựng:"
	case len(g.tasks) == 1:
		s += " báo cáo kết quả thực hiện nhiệm vụ:"
	default:
		s += " báo cáo kết quả thực hiện các nhiệm vụ sau:"
	}
	return s
}

// taskBlocks is the numbered task list.
func taskBlocks(in Input) []document.Block {
	var out []document.Block
	n := 0
	line := func(prefix string, t *tiendo.Task) document.Block {
		n++
		text := itemText(in, t)
		if text != "" {
			text += " "
		}
		return document.Rich(
			document.Span{Text: prefix + text + "("},
			document.Span{Text: "nhiệm vụ " + taskLabel(t, n), Bold: true},
			document.Span{Text: ")."},
		)
	}
	for i, g := range groups(in) {
		num := strconv.Itoa(i+1) + ". "
		h := header(in, g)
		if len(g.tasks) == 1 {
			out = append(out, line(num+h+" ", g.tasks[0]))
			continue
		}
		out = append(out, document.P(num+h))
		for k, t := range g.tasks {
			out = append(out, line(strconv.Itoa(i+1)+"."+strconv.Itoa(k+1)+". ", t))
		}
	}
	return out
}
