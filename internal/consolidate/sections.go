package consolidate

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/document"
	"tiendo/internal/watch"
)

// author is a unit a merged text is attributed to.
type author struct {
	unit    int64
	support bool // a supporting unit's contribution
}

// merged is a merged text: its paragraphs, as a unit wrote them, and the
// units that wrote them.
type merged struct {
	authors []author
	paras   []string
}

// merger merges the units' texts without ever cutting one up. What units
// share is said once, with every unit that wrote it named, only when it is
// whole: the whole text a unit wrote on a task in a narrative (the units'
// account of a task, read unit by unit), a whole paragraph in a list
// (obstacles, recommendations, next steps, read item by item). A unit's
// text that is not the same as another's stands whole, in its own order:
// moving the sentences it shares with others out of it (as an earlier
// merger did) broke its account into pieces with other units' text between
// them, in a report a leader signs. Texts and paragraphs are the same when
// their sentences are, compared folded (key), so case, tone-mark placement,
// list marks and closing punctuation do not keep them apart.
type merger struct {
	seen  map[string]*merged
	texts []*merged
	list  bool // merge paragraph by paragraph, and drop those that say there is nothing to report
}

// newMerger merges narratives whole, or, when list is true, list items.
func newMerger(list bool) *merger {
	return &merger{seen: map[string]*merged{}, list: list}
}

// add merges one unit's text, given as paragraphs; it reports whether the
// text said anything. A paragraph the unit has already written is left
// out; in a list, so is one that only says there is nothing to report
// ("Không có kiến nghị.").
func (m *merger) add(a author, text []string) bool {
	var kept, keys []string
	own := map[string]bool{}
	for _, p := range text {
		k, nothing := paraKey(p)
		if k == "" || (m.list && nothing) || own[k] {
			continue
		}
		own[k] = true
		kept, keys = append(kept, p), append(keys, k)
	}
	if len(kept) == 0 {
		return false
	}
	if m.list {
		for i, p := range kept {
			m.merge(keys[i], a, []string{p})
		}
	} else {
		m.merge(strings.Join(keys, keySep), a, kept)
	}
	return true
}

// merge names a beside the units that wrote the text of key before, or
// adds the text as a's.
func (m *merger) merge(k string, a author, paras []string) {
	if q, ok := m.seen[k]; ok {
		if !slices.Contains(q.authors, a) {
			q.authors = append(q.authors, a)
		}
		return
	}
	p := &merged{authors: []author{a}, paras: paras}
	m.seen[k] = p
	m.texts = append(m.texts, p)
}

// keySep joins the keys of sentences, and of paragraphs, into the key of
// the text they make: as a full stop does, so that a text compares equal
// however it is cut into sentences ("Đã họp. đã kiểm tra" is one sentence,
// "Đã họp. Đã kiểm tra" two) and into paragraphs.
const keySep = ". "

// paraKey is the key of a paragraph, made of the keys of its sentences;
// nothing reports whether every sentence only says there is nothing to
// report.
func paraKey(p string) (k string, nothing bool) {
	var keys []string
	nothing = true
	for _, s := range sentences(p) {
		if sk := key(s); sk != "" {
			keys = append(keys, sk)
			nothing = nothing && isNothing(sk)
		}
	}
	return strings.Join(keys, keySep), nothing
}

// sameAuthors reports whether two texts come from the same units.
func sameAuthors(p, q *merged) bool { return slices.Equal(p.authors, q.authors) }

// named renders the merged texts as prose, each opened by the units that
// wrote it when they differ from the text before: "Xã An Bình, Xã Hòa
// Lạc: ...". The paragraphs after a text's first go on without the names.
func (m *merger) named(name func(author) string) []string {
	var out []string
	for i, p := range m.texts {
		for j, text := range p.paras {
			if j == 0 && (i == 0 || !sameAuthors(p, m.texts[i-1])) {
				// Commas, not "và": unit names have their own "và".
				text = m.authors(p, name) + ": " + text
			}
			out = append(out, endSentence(text))
		}
	}
	return out
}

// listed renders the merged paragraphs as a list, each item once with its
// units after it: "- Thiếu vốn đối ứng (Xã A, Xã B).".
func (m *merger) listed(name func(author) string) []string {
	var out []string
	for _, p := range m.texts {
		text := strings.TrimRight(strings.Join(p.paras, " "), ".;, ")
		text = strings.TrimLeft(text, "-–+•* ")
		out = append(out, "- "+upperFirst(text)+" ("+m.authors(p, name)+").")
	}
	return out
}

// authors names a text's units (nameList counts them when many).
func (m *merger) authors(p *merged, name func(author) string) string {
	names := make([]string, len(p.authors))
	for i, a := range p.authors {
		names[i] = name(a)
	}
	return nameList(names)
}

// leads are a task's lead units, by name.
func (c *draft) leads(t *tiendo.Task) []int64 {
	var ids []int64
	for _, a := range t.Assignees {
		if a.Role != tiendo.Support {
			ids = append(ids, a.UnitID)
		}
	}
	return c.sortedUnits(ids)
}

// supporters are the units that support a task or wrote on it without
// leading it, by name.
func (c *draft) supporters(t *tiendo.Task, leads []int64) []int64 {
	var ids []int64
	for _, a := range t.Assignees {
		if a.Role == tiendo.Support && !slices.Contains(leads, a.UnitID) {
			ids = append(ids, a.UnitID)
		}
	}
	for id, r := range c.reports {
		for _, ct := range r.Contributions {
			if ct.TaskID == t.ID && !slices.Contains(leads, id) {
				ids = append(ids, id)
			}
		}
	}
	return c.sortedUnits(ids)
}

// sectionOf is a unit's section for a task, or nil.
func (c *draft) sectionOf(unit, task int64) *tiendo.Section {
	r := c.reports[unit]
	if r == nil {
		return nil
	}
	for _, s := range r.Sections {
		if s != nil && s.TaskID == task {
			return s
		}
	}
	return nil
}

// task drafts a task's section: each lead unit's result against the plan
// and the same period, the supporting units' contributions, who has not
// reported, and a sentence for every target.
func (c *draft) task(t *tiendo.Task) string {
	leads := c.leads(t)
	m := newMerger(false)
	var missing, returned, silent []string
	for _, id := range leads {
		s := c.sectionOf(id, t.ID)
		switch {
		case c.returned[id]:
			returned = append(returned, c.name(id))
			continue
		case c.reports[id] == nil:
			missing = append(missing, c.name(id))
			continue
		}
		if s == nil || !m.add(author{unit: id}, leadText(s)) {
			silent = append(silent, c.name(id))
		}
	}
	for _, id := range c.supporters(t, leads) {
		r := c.reports[id]
		if r == nil {
			continue
		}
		var text []string
		for _, ct := range r.Contributions {
			if ct.TaskID == t.ID {
				text = append(text, paragraphs(ct.Text)...)
			}
		}
		m.add(author{unit: id, support: true}, text)
	}

	out := m.named(func(a author) string {
		if a.support {
			return c.name(a.unit) + " (đơn vị phối hợp)"
		}
		return c.name(a.unit)
	})
	if len(missing) > 0 {
		out = append(out, strings.Join(missing, ", ")+" chưa gửi báo cáo.")
	}
	if len(returned) > 0 {
		out = append(out, strings.Join(returned, ", ")+" "+returnedPhrase+".")
	}
	if len(silent) > 0 {
		out = append(out, strings.Join(silent, ", ")+" chưa báo cáo kết quả thực hiện nhiệm vụ này.")
	}

	var lines []string
	multi := len(leads) > 1
	for _, rows := range byTarget(c.taskRows(t)) {
		if len(rows) > manyUnits {
			lines = append(lines, "- "+endSentence(c.targetSummary(rows)))
			continue
		}
		for _, row := range rows {
			if row.Actual == nil && len(missing)+len(returned) == len(leads) {
				continue // "chưa gửi báo cáo" says it already
			}
			name := ""
			if multi && (row.Actual != nil || row.Target.ReportedBy != 0) {
				name = c.name(row.UnitID) // a target given to a unit owes its figure by name
			}
			lines = append(lines, "- "+endSentence(TargetSentence(row.Target, name, row.Actual, row.SamePeriod)))
		}
	}
	if len(lines) > 0 {
		out = append(out, "Kết quả thực hiện các chỉ tiêu:")
		out = append(out, lines...)
	}
	if len(out) == 0 {
		out = append(out, "Chưa có đơn vị báo cáo kết quả thực hiện nhiệm vụ này.")
	}
	return strings.Join(out, "\n\n")
}

// leadText is what a lead unit says of a task: its result against the plan
// and, introduced when it does not say so itself, against the same period.
func leadText(s *tiendo.Section) []string {
	text := paragraphs(s.ResultVsPlan)
	same := paragraphs(s.VsSamePeriod)
	if len(same) > 0 && !mentionsSamePeriod(same[0]) {
		same[0] = samePeriodIntro + lowerFirst(same[0])
	}
	return append(text, same...)
}

// taskRows are a task's target rows: by target position, then by unit name.
func (c *draft) taskRows(t *tiendo.Task) []watch.TargetRow {
	var rows []watch.TargetRow
	for _, r := range c.rows {
		if r.Task == t || r.Task != nil && t.ID != 0 && r.Task.ID == t.ID || r.Task == nil && r.Target != nil && r.Target.TaskID == t.ID {
			rows = append(rows, r)
		}
	}
	c.sortRows(rows)
	return rows
}

// sortRows orders rows by task position, target position, unit name.
func (c *draft) sortRows(rows []watch.TargetRow) {
	pos := map[int64]int{}
	for _, t := range c.round.Tasks {
		if t != nil {
			pos[t.ID] = t.Position
		}
	}
	taskPos := func(r watch.TargetRow) int {
		if r.Task != nil {
			return r.Task.Position
		}
		if r.Target != nil {
			return pos[r.Target.TaskID]
		}
		return 0
	}
	slices.SortStableFunc(rows, func(a, b watch.TargetRow) int {
		if d := taskPos(a) - taskPos(b); d != 0 {
			return d
		}
		if a.Target != nil && b.Target != nil && a.Target.Position != b.Target.Position {
			return a.Target.Position - b.Target.Position
		}
		return c.compareUnits(a.UnitID, b.UnitID)
	})
}

// verdictOf is a row's verdict, assessed afresh when the row has none.
func verdictOf(r watch.TargetRow) tiendo.Verdict {
	if r.Verdict != "" {
		return r.Verdict
	}
	if r.Target == nil {
		return tiendo.VerdictNoData
	}
	v, _ := tiendo.Assess(r.Target, r.Actual)
	return v
}

// indicatorsNote sums the verdicts up before the table.
func (c *draft) indicatorsNote() string {
	count := map[tiendo.Verdict]int{}
	targets := map[*tiendo.Target]bool{}
	for _, r := range c.rows {
		count[verdictOf(r)]++
		targets[r.Target] = true
	}
	var parts []string
	for _, v := range []struct {
		v    tiendo.Verdict
		word string
	}{{tiendo.VerdictExceeded, "vượt"}, {tiendo.VerdictMet, "đạt"}, {tiendo.VerdictNotMet, "chưa đạt"}, {tiendo.VerdictNoData, "chưa có số liệu"}} {
		if n := count[v.v]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s chỉ tiêu %s", formatCount(float64(n)), v.word))
		}
	}
	total := formatCount(float64(len(c.rows))) + " chỉ tiêu"
	if len(targets) != len(c.rows) {
		total += " (tính theo từng đơn vị chủ trì)"
	}
	out := []string{fmt.Sprintf("Trong tổng số %s, có %s; chi tiết tại bảng tổng hợp dưới đây.", total, joinNames(parts))}
	var risks []string
	for _, r := range c.rows {
		if r.AtRisk && r.Target != nil && verdictOf(r) != tiendo.VerdictNotMet {
			risks = append(risks, lowerFirst(goalText(r.Target))+" ("+c.short(r.UnitID)+")")
		}
	}
	if len(risks) > 0 {
		out = append(out, "Theo tiến độ hiện nay, đến hết kỳ có nguy cơ không hoàn thành: "+strings.Join(risks, "; ")+".")
	}
	return strings.Join(out, "\n\n")
}

// gathered collects one narrative field from every lead unit's sections,
// task by task, as a list: each distinct paragraph once, with the units
// that wrote it.
func (c *draft) gathered(field func(*tiendo.Section) string, none string) string {
	lines := c.gatheredLines(field)
	if len(lines) == 0 && len(c.reports) == 0 {
		// "Các cơ quan, đơn vị không phản ánh khó khăn" would tell the
		// leader that units found none, when none has reported yet.
		return "Chưa có cơ quan, đơn vị nào gửi báo cáo."
	}
	if len(lines) == 0 {
		return none
	}
	return strings.Join(lines, "\n\n")
}

func (c *draft) gatheredLines(field func(*tiendo.Section) string) []string {
	m := newMerger(true)
	for _, t := range c.tasks() {
		for _, id := range c.leads(t) {
			if s := c.sectionOf(id, t.ID); s != nil {
				m.add(author{unit: id}, paragraphs(field(s)))
			}
		}
	}
	return m.listed(func(a author) string { return c.short(a.unit) })
}

// nextSteps leads with the targets not met, then what the units plan.
func (c *draft) nextSteps() string {
	out := []string{"Trong thời gian tới, " + c.issuer + " chỉ đạo các cơ quan, đơn vị tập trung thực hiện tốt các nhiệm vụ sau:"}
	var notMet []string
	seen := map[string]bool{}
	rows := slices.Clone(c.rows)
	c.sortRows(rows)
	for _, r := range rows {
		if r.Target == nil || verdictOf(r) != tiendo.VerdictNotMet {
			continue
		}
		s := lowerFirst(goalText(r.Target))
		if !seen[key(s)] {
			seen[key(s)] = true
			notMet = append(notMet, s)
		}
	}
	if len(notMet) > 0 {
		out = append(out, "- Tập trung chỉ đạo, phấn đấu hoàn thành các chỉ tiêu chưa đạt, gồm: "+strings.Join(notMet, "; ")+".")
	}
	lines := c.gatheredLines(func(s *tiendo.Section) string { return s.NextSteps })
	out = append(out, lines...)
	if len(notMet) == 0 && len(lines) == 0 {
		out = append(out, "- Tiếp tục triển khai thực hiện các nhiệm vụ trọng tâm theo kế hoạch.")
	}
	return strings.Join(out, "\n\n")
}

// returnedPhrase says of units that their report is back with them.
const returnedPhrase = "chưa gửi lại báo cáo sau khi được trả lại để bổ sung"

// lateUnits names the units that reported late, those whose report was
// returned for revision and has not come back, and those that did not
// report.
func (c *draft) lateUnits() string {
	missing := c.notReported()
	returned := c.sortedUnits(mapKeys(c.returned))
	var late []int64
	for _, id := range c.sortedUnits(c.in.Late) {
		if !slices.Contains(missing, id) && !c.returned[id] {
			late = append(late, id)
		}
	}
	if len(late) == 0 && len(missing) == 0 && len(returned) == 0 {
		return "Các cơ quan, đơn vị được giao nhiệm vụ đều gửi báo cáo đúng thời hạn."
	}
	var out []string
	if len(late) > 0 {
		var names []string
		for _, id := range late {
			n := c.name(id)
			if at := c.submittedAt(id); !at.IsZero() {
				n += " (gửi ngày " + document.ShortDate(at) + ")"
			}
			names = append(names, n)
		}
		lead := "Đơn vị gửi báo cáo chậm"
		if d := c.round.Deadline; !d.IsZero() {
			d = d.In(tiendo.Zone)
			if d.Hour() == 0 && d.Minute() == 0 {
				lead += " so với thời hạn (trước ngày " + document.ShortDate(d) + ")"
			} else {
				lead += fmt.Sprintf(" so với thời hạn (trước %02d giờ %02d ngày %s)", d.Hour(), d.Minute(), document.ShortDate(d))
			}
		}
		out = append(out, lead+": "+strings.Join(names, "; ")+".")
	}
	if len(missing) > 0 {
		var names []string
		for _, id := range missing {
			names = append(names, c.name(id))
		}
		out = append(out, "Đơn vị chưa gửi báo cáo: "+strings.Join(names, "; ")+".")
	}
	if len(returned) > 0 {
		var names []string
		for _, id := range returned {
			names = append(names, c.name(id))
		}
		out = append(out, "Đơn vị "+returnedPhrase+": "+strings.Join(names, "; ")+".")
	}
	return strings.Join(out, "\n\n")
}

// notReported are the units, by name, without a report that counts as
// submitted: those the caller says are missing, and every unit asked,
// leading a task or passed in Reports whose report is absent, a draft or
// with the unit head; not those the caller says were returned for revision
// (Input.Returned), which are named apart. A task says "... chưa gửi báo
// cáo." of its lead units by the same rule, so the two agree.
func (c *draft) notReported() []int64 {
	ids := slices.Concat(c.in.Missing, c.round.UnitIDs)
	for _, t := range c.tasks() {
		ids = append(ids, c.leads(t)...)
	}
	for _, r := range c.in.Reports {
		if r != nil {
			ids = append(ids, r.UnitID)
		}
	}
	ids = slices.DeleteFunc(ids, func(id int64) bool { return c.reports[id] != nil || c.returned[id] })
	return c.sortedUnits(ids)
}

// submittedAt is when a unit's report came in, from any of its versions.
func (c *draft) submittedAt(unit int64) time.Time {
	if r := c.reports[unit]; r != nil && !r.SubmittedAt.IsZero() {
		return r.SubmittedAt
	}
	for _, r := range c.in.Reports {
		if r != nil && r.UnitID == unit && !r.SubmittedAt.IsZero() {
			return r.SubmittedAt
		}
	}
	return time.Time{}
}

// manyUnits is how many units a shared text names before it counts them
// instead: a province's hundred communes saying the same thing make a
// sentence nobody reads.
const manyUnits = 8

// byTarget cuts rows, sorted by target, into one run per target.
func byTarget(rows []watch.TargetRow) [][]watch.TargetRow {
	var out [][]watch.TargetRow
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j].Target == rows[i].Target {
			j++
		}
		out = append(out, rows[i:j])
		i = j
	}
	return out
}

// targetSummary is the sentence for a target that more than manyUnits units
// report, each its own figure (a task every commune leads), without its
// full stop: a sentence a unit would make a list nobody reads. It says how
// many reported, the total where the amounts add up (Additive), how many
// met the target and which did not. The rows are those with a value
// (reportedRows keeps a row without one only when no unit has a value):
//
//	Xây dựng 02 trường học đạt chuẩn quốc gia: 12 đơn vị báo cáo số liệu, tổng cộng 20 trường (cùng kỳ năm trước 15 trường); 09 đơn vị đạt, vượt chỉ tiêu; 03 đơn vị chưa đạt (UBND xã An Bình, UBND xã Hòa Lạc, UBND xã Yên Thịnh)
func (c *draft) targetSummary(rows []watch.TargetRow) string {
	tg := rows[0].Target
	sum, same, counted := summed(rows)
	var met int
	var notMet []string
	for _, r := range rows {
		switch verdictOf(r) {
		case tiendo.VerdictMet, tiendo.VerdictExceeded:
			met++
		case tiendo.VerdictNotMet:
			notMet = append(notMet, c.name(r.UnitID))
		}
	}
	head := formatCount(float64(counted)) + " đơn vị báo cáo số liệu"
	if counted == len(rows) && Additive(tg) {
		head += ", tổng cộng " + formatValue(sum, tg.Unit)
		if same != nil {
			head += " (cùng kỳ năm trước " + formatValue(*same, tg.Unit) + ")"
		}
	}
	parts := []string{head}
	if met > 0 {
		parts = append(parts, formatCount(float64(met))+" đơn vị đạt, vượt chỉ tiêu")
	}
	if len(notMet) > 0 {
		named := strings.Join(notMet, ", ")
		if len(notMet) > manyUnits {
			named = fmt.Sprintf("%s và %d đơn vị khác", strings.Join(notMet[:manyUnits], ", "), len(notMet)-manyUnits)
		}
		parts = append(parts, formatCount(float64(len(notMet)))+" đơn vị chưa đạt ("+named+")")
	}
	return goalText(tg) + ": " + strings.Join(parts, "; ")
}

// summed adds up the values of rows, and their same period's when every
// row with a value has one; counted is how many rows have a value.
func summed(rows []watch.TargetRow) (sum float64, same *float64, counted int) {
	var s float64
	all := true
	for _, r := range rows {
		if r.Actual == nil {
			continue
		}
		counted++
		sum += *r.Actual
		if r.SamePeriod == nil {
			all = false
		} else {
			s += *r.SamePeriod
		}
	}
	if all && counted > 0 {
		same = &s
	}
	return sum, same, counted
}

// nameList names the units a text comes from, or counts them, as the
// report writes counts ("09 đơn vị", "3.321 đơn vị"), when there are more
// than manyUnits.
func nameList(names []string) string {
	if len(names) > manyUnits {
		return formatCount(float64(len(names))) + " đơn vị"
	}
	return strings.Join(names, ", ")
}
