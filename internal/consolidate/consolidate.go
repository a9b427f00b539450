// Package consolidate drafts the consolidated report (báo cáo tổng hợp) of a
// round from the units' reports: an opening that cites the directive and its
// basis, one section a task with the units' narratives merged and a sentence
// for every target, the indicators, the obstacles, recommendations and next
// steps gathered from all units, and the units that reported late or not at
// all.
//
// The draft is a list of editable sections with stable keys, so that the
// office can rewrite any of them and regenerate one from the latest unit
// reports without losing its edits elsewhere. ToDocument lays the sections
// out as a Decree 30 report for internal/document to write.
//
// Everything here is pure: a round and its reports in, text out. Output is
// deterministic: tasks in the directive's order, units by their Vietnamese
// names.
package consolidate

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

// Input is everything the consolidated report is drafted from.
type Input struct {
	// Round with all its tasks, assignees and targets. Round.Source is the
	// directive's text, read for its number, date, issuer and basis.
	Round *tiendo.Round
	Units map[int64]*tiendo.Unit
	// Reports are the units' reports that were submitted or accepted:
	// sections for the tasks they lead, contributions for those they
	// support. Reports that are not sent (tiendo.ReportStatus.Sent) are
	// left out if passed, and their units have not reported.
	Reports []*tiendo.UnitReport
	// Targets are the round's targets as watch.Targets computes them; when
	// nil they are computed from the reports' actuals. The values of a unit
	// whose report does not count are left out.
	Targets []watch.TargetRow
	Late    []int64 // units that reported late
	// Missing are units that did not report. Every asked or lead unit
	// without a report that counts is listed with them, unless it is in
	// Returned.
	Missing []int64
	// Returned are units whose report came and was returned for revision,
	// and that have not sent it again: the report names them as such, not
	// as units that did not report. A unit with a report that counts is
	// not returned, whatever this says.
	Returned []int64
	// Issuer is the body the report is from, the one running tiendo:
	// "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG". It is not the round's issuer, which
	// may be a body above that asked for the report; when empty, the
	// round's issuer stands in for it.
	Issuer string
	// Place is the place name of the issuer's date line ("Hữu Lũng"); when
	// empty it is read from Issuer (PlaceOf), or taken from the directive
	// when the directive is the issuer's own.
	Place string
	// Earlier is the directive text of an earlier round that this one was
	// started from (store.EarlierSource), for a round without its own. Only
	// its place name and the bodies its reports answered to are taken: the
	// documents it cites are about another period.
	Earlier string
	Now     time.Time
	// Window is the period's data window by the issuer's cut-off day, over
	// which targets are projected when Targets is nil.
	Window tiendo.Window
}

// Section is one editable part of the draft. Text holds paragraphs separated
// by a blank line.
type Section struct {
	Key     string `json:"key"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// Section keys. A task's section is "task-<task id>".
const (
	KeyOpening         = "opening"
	KeyIndicators      = "indicators-note"
	KeyObstacles       = "obstacles"
	KeyRecommendations = "recommendations"
	KeyNextSteps       = "next-steps"
	KeyLateUnits       = "late-units"
	KeyClosing         = "closing"
	taskKeyPrefix      = "task-"
)

// TaskKey is the key of a task's section.
func TaskKey(taskID int64) string { return taskKeyPrefix + strconv.FormatInt(taskID, 10) }

// Draft drafts the whole report, in order: the opening, a section per task
// in the directive's order, the note on the indicators (when the round has
// targets), obstacles, recommendations, next steps, the late and missing
// units, and the closing sentence.
func Draft(in Input) []Section {
	c := newDraft(in)
	var out []Section
	for _, k := range c.keys() {
		if s, ok := c.section(k); ok {
			out = append(out, s)
		}
	}
	return out
}

// Regenerate drafts one section afresh from the latest input, by its key;
// false when the key names no section of this round's report. It gives
// exactly the section Draft gives for the same input.
func Regenerate(in Input, key string) (Section, bool) {
	return newDraft(in).section(key)
}

// draft is one drafting: the input and what every section needs from it.
type draft struct {
	in       Input
	round    *tiendo.Round
	dir      *directive.Result
	earlier  *directive.Result            // Input.Earlier's directive, parsed when the round has none
	reports  map[int64]*tiendo.UnitReport // by unit, the latest version that counts as submitted
	returned map[int64]bool               // units whose report is back with them for revision
	rows     []watch.TargetRow
	coll     *collate.Collator
	nameKeys map[int64][]byte // unit's name's collation key, by unit (unitKey)
	issuer   string           // "UBND huyện"
	issuerLn string           // "UBND huyện Hữu Lũng"
	// issuerName is the report's issuer as given: Input.Issuer, or the
	// round's when that is empty.
	issuerName string
}

func newDraft(in Input) *draft {
	c := &draft{in: in, round: in.Round, reports: map[int64]*tiendo.UnitReport{}}
	if c.round == nil {
		c.round = &tiendo.Round{}
	}
	if slices.Contains(c.round.Tasks, nil) {
		r := *c.round
		r.Tasks = slices.DeleteFunc(slices.Clone(r.Tasks), func(t *tiendo.Task) bool { return t == nil })
		c.round = &r
	}
	c.coll = collate.New(language.Vietnamese, collate.IgnoreCase)
	c.dir, c.earlier = &directive.Result{}, &directive.Result{}
	if strings.TrimSpace(c.round.Source) != "" {
		c.dir = directive.Parse(c.round.Source, nil)
	} else if strings.TrimSpace(in.Earlier) != "" {
		c.earlier = directive.Parse(in.Earlier, nil)
	}
	issuer := in.Issuer
	if strings.TrimSpace(issuer) == "" {
		issuer = c.round.Issuer
	}
	c.issuerName = issuer
	c.issuer, c.issuerLn = issuerNames(issuer)
	for _, r := range in.Reports {
		if r == nil || !r.Status.Sent() {
			continue
		}
		if old, ok := c.reports[r.UnitID]; !ok || r.Version >= old.Version {
			c.reports[r.UnitID] = r
		}
	}
	c.returned = map[int64]bool{}
	for _, id := range in.Returned {
		if c.reports[id] == nil {
			c.returned[id] = true
		}
	}
	rows := in.Targets
	if rows == nil {
		rows = c.computeRows()
	}
	c.rows = c.reportedRows(c.submittedRows(rows))
	return c
}

// submittedRows clears the values of the rows of units without a report
// that counts: the caller's rows come from every saved actual, drafts' and
// returned reports' included, and the report quotes only what was sent.
func (c *draft) submittedRows(rows []watch.TargetRow) []watch.TargetRow {
	out := slices.Clone(rows)
	for i, r := range out {
		if c.reports[r.UnitID] == nil {
			out[i] = watch.TargetRow{Task: r.Task, Target: r.Target, TaskLabel: r.TaskLabel, UnitID: r.UnitID, Verdict: tiendo.VerdictNoData}
		}
	}
	return out
}

// reportedRows keeps, of the rows of a target several units lead, those of
// the units that reported a value, or the first when none did: watch lists
// every target once for every lead unit, but in a task shared by three
// units each target is usually one unit's business.
func (c *draft) reportedRows(rows []watch.TargetRow) []watch.TargetRow {
	rows = slices.Clone(rows)
	c.sortRows(rows)
	withData := map[*tiendo.Target]bool{}
	for _, r := range rows {
		if r.Actual != nil {
			withData[r.Target] = true
		}
	}
	kept := map[*tiendo.Target]bool{}
	out := rows[:0]
	for _, r := range rows {
		if r.Actual == nil && (withData[r.Target] || kept[r.Target]) {
			continue
		}
		kept[r.Target] = true
		out = append(out, r)
	}
	return out
}

// computeRows gives what watch.Targets would from the reports' actuals.
func (c *draft) computeRows() []watch.TargetRow {
	var actuals []watch.Actual
	states := map[int64]watch.State{}
	for _, id := range c.sortedUnits(mapKeys(c.reports)) {
		r := c.reports[id]
		states[id] = watch.State{Status: r.Status, SubmittedAt: r.SubmittedAt, Late: r.Late}
		for _, s := range r.Sections {
			for _, a := range s.Actuals {
				actuals = append(actuals, watch.Actual{UnitID: id, TargetID: a.TargetID, Value: a.Value, SamePeriod: a.SamePeriod})
			}
		}
	}
	now := c.in.Now
	if now.IsZero() {
		now = time.Now()
	}
	return watch.Targets(c.round, c.in.Window, actuals, states, now)
}

// keys lists the sections of the report in order.
func (c *draft) keys() []string {
	keys := []string{KeyOpening}
	for _, t := range c.tasks() {
		keys = append(keys, TaskKey(t.ID))
	}
	return append(keys, KeyIndicators, KeyObstacles, KeyRecommendations, KeyNextSteps, KeyLateUnits, KeyClosing)
}

// section drafts the section of a key.
func (c *draft) section(key string) (Section, bool) {
	switch key {
	case KeyOpening:
		return Section{Key: key, Text: c.opening()}, true
	case KeyIndicators:
		if len(c.rows) == 0 {
			return Section{}, false
		}
		return Section{Key: key, Heading: "Kết quả thực hiện các chỉ tiêu", Text: c.indicatorsNote()}, true
	case KeyObstacles:
		return Section{Key: key, Heading: "Khó khăn, vướng mắc", Text: c.gathered(func(s *tiendo.Section) string { return s.Obstacles },
			"Các cơ quan, đơn vị không phản ánh khó khăn, vướng mắc.")}, true
	case KeyRecommendations:
		return Section{Key: key, Heading: "Kiến nghị, đề xuất", Text: c.gathered(func(s *tiendo.Section) string { return s.Recommendations },
			"Các cơ quan, đơn vị không có kiến nghị, đề xuất.")}, true
	case KeyNextSteps:
		return Section{Key: key, Heading: "Nhiệm vụ thời gian tới", Text: c.nextSteps()}, true
	case KeyLateUnits:
		return Section{Key: key, Heading: "Đơn vị báo cáo chậm, chưa báo cáo", Text: c.lateUnits()}, true
	case KeyClosing:
		return Section{Key: key, Text: c.closing()}, true
	}
	if id, err := strconv.ParseInt(strings.TrimPrefix(key, taskKeyPrefix), 10, 64); err == nil && strings.HasPrefix(key, taskKeyPrefix) {
		for _, t := range c.tasks() {
			if t.ID == id {
				return Section{Key: key, Heading: taskHeading(t, c.taskLabel(t)), Text: c.task(t)}, true
			}
		}
	}
	return Section{}, false
}

// tasks are the round's tasks in the directive's order.
func (c *draft) tasks() []*tiendo.Task {
	ts := slices.Clone(c.round.Tasks)
	slices.SortStableFunc(ts, func(a, b *tiendo.Task) int { return a.Position - b.Position })
	return ts
}

// taskLabel names t as the round page's matrix does (watch.TaskLabels):
// the second of two tasks a directive numbered 12 is "12 (2)".
func (c *draft) taskLabel(t *tiendo.Task) string {
	labels := watch.TaskLabels(c.round.Tasks)
	for i, x := range c.round.Tasks {
		if x == t {
			return labels[i]
		}
	}
	return ""
}

// taskHeading is "Nhiệm vụ 4: Hoàn thành đúng tiến độ công tác bồi thường,
// giải phóng mặt bằng các dự án trên địa bàn huyện", with the task named
// label (taskLabel) or, without one, by its own label or position.
func taskHeading(t *tiendo.Task, label string) string {
	if label == "" {
		label = strings.TrimSpace(t.Label)
	}
	if label == "" {
		label = strconv.Itoa(t.Position)
	}
	if h := shortHeading(t.Text); h != "" {
		return "Nhiệm vụ " + label + ": " + h
	}
	return "Nhiệm vụ " + label
}

// name is a unit's full name; short its short name, for lists in brackets.
func (c *draft) name(id int64) string {
	if u := c.in.Units[id]; u != nil && strings.TrimSpace(u.Name) != "" {
		return strings.TrimSpace(u.Name)
	}
	return fmt.Sprintf("Đơn vị mã %d", id)
}

func (c *draft) short(id int64) string {
	if u := c.in.Units[id]; u != nil && strings.TrimSpace(u.ShortName) != "" {
		return strings.TrimSpace(u.ShortName)
	}
	return c.name(id)
}

// sortedUnits orders unit IDs by Vietnamese name, then ID, without repeats.
func (c *draft) sortedUnits(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.SortFunc(out, c.compareUnits)
	return slices.Compact(out)
}

// compareUnits orders two units by Vietnamese name, then ID.
func (c *draft) compareUnits(a, b int64) int {
	if r := bytes.Compare(c.unitKey(a), c.unitKey(b)); r != 0 {
		return r
	}
	return cmp.Compare(a, b)
}

// unitKey is the collation key of unit id's name, made once per draft: a
// draft sorts a province's 3,321 units some sixty times, and comparing
// their names with the collator each time was half of drafting it.
func (c *draft) unitKey(id int64) []byte {
	if k, ok := c.nameKeys[id]; ok {
		return k
	}
	if c.nameKeys == nil {
		c.nameKeys = map[int64][]byte{}
	}
	var buf collate.Buffer
	k := bytes.Clone(c.coll.KeyFromString(&buf, c.name(id)))
	c.nameKeys[id] = k
	return k
}

func mapKeys[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// subjectWords is what the round reports on: "tiến độ thực hiện các nhiệm
// vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022".
func (c *draft) subjectWords() string {
	s := strings.TrimSpace(c.round.Subject)
	if s == "" {
		s = strings.TrimSpace(c.dir.Subject)
	}
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, ".;: ")
	for _, p := range []string{"v/v ", "V/v ", "V/V ", "Về việc ", "về việc "} {
		s = strings.TrimPrefix(s, p)
	}
	ws := strings.Fields(s)
	if hasPrefixFold(ws, []string{"bao", "cao"}) {
		ws = ws[2:]
	}
	if len(ws) == 0 {
		s = "tiến độ thực hiện các nhiệm vụ trọng tâm"
		if p := periodLabel(c.round.Period); p != "" {
			s += " " + p
		}
		return s
	}
	return lowerFirst(join(ws))
}

// foreign reports whether the round's directive was issued by a body other
// than the report's issuer: a body above asking it for the report (the
// province asking the district), rather than its own request to its units.
// A directive or report without an issuer is taken to be the issuer's own.
func (c *draft) foreign() bool {
	dirIssuer := cmp.Or(strings.TrimSpace(c.round.Issuer), strings.TrimSpace(c.dir.Issuer))
	if dirIssuer == "" || strings.TrimSpace(c.issuerName) == "" {
		return false
	}
	return vi.BodyKey(dirIssuer) != vi.BodyKey(c.issuerName)
}

// opening cites what the report answers and says what it is built on: the
// directive's basis, when the directive is the issuer's own request to its
// units (the seed carries out the Party committee's Công văn 635-CV/HU,
// which the report answers); the directive itself when a body above issued
// it, or when it cites nothing.
func (c *draft) opening() string {
	var cites []string
	if !c.foreign() {
		for _, b := range c.dir.Basis {
			cites = append(cites, c.citeBasis(b))
		}
	}
	if len(cites) == 0 {
		if d := c.citeDirective(); d != "" {
			cites = append(cites, d)
		}
	}
	n := len(c.reports)
	var b strings.Builder
	if len(cites) > 0 {
		b.WriteString("Thực hiện " + strings.Join(cites, "; ") + "; trên cơ sở")
	} else {
		b.WriteString("Trên cơ sở")
	}
	if n > 0 {
		fmt.Fprintf(&b, " báo cáo của %s cơ quan, đơn vị, ", formatCount(float64(n)))
	} else {
		b.WriteString(" tình hình thực hiện của các cơ quan, đơn vị, ")
	}
	b.WriteString(c.issuer + " báo cáo " + c.subjectWords() + " như sau:")
	return b.String()
}

// citeBasis is "Công văn số 635-CV/HU ngày 02/6/2022 của Ban Thường vụ
// Huyện ủy về việc ...", the subject taken from the directive's own words.
func (c *draft) citeBasis(b directive.Basis) string {
	kind := strings.TrimSpace(b.Kind)
	if kind == "" {
		kind = "Văn bản"
	}
	s := kind
	if ref := strings.TrimSpace(b.Ref); ref != "" {
		s += " số " + ref
	}
	if d := isoDate(b.Date); d != "" {
		s += " " + d
	}
	if is := strings.TrimSpace(b.Issuer); is != "" {
		s += " của " + is
	}
	if about := aboutIn(c.round.Source, b.Ref); about != "" {
		s += " về việc " + about
	}
	return s
}

// citeDirective cites the directive itself when it has a number: "Công văn
// số 123/UBND-VP ngày 03/6/2022 của UBND huyện Hữu Lũng về việc ...".
func (c *draft) citeDirective() string {
	number := strings.TrimSpace(c.round.DocNumber)
	symbol := strings.TrimSpace(c.round.DocSymbol)
	date := c.round.DocDate
	issuer := c.round.Issuer
	if number == "" {
		number, symbol = strings.TrimSpace(c.dir.Number), strings.TrimSpace(c.dir.Symbol)
	}
	if date == "" {
		date = c.dir.Date
	}
	if issuer == "" {
		issuer = c.dir.Issuer
	}
	if number == "" {
		return ""
	}
	s := documentKind(symbol) + " số " + number
	if symbol != "" {
		s += "/" + symbol
	}
	if d := isoDate(date); d != "" {
		s += " " + d
	}
	if _, full := issuerNames(issuer); strings.TrimSpace(issuer) != "" {
		s += " của " + full
	}
	if subj := c.subjectWords(); subj != "" {
		s += " về việc báo cáo " + subj
	}
	return s
}

// aboutIn finds what a cited document is about in the directive's words:
// the "về việc ..." that follows its reference, to the end of the sentence.
func aboutIn(source, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || source == "" {
		return ""
	}
	text := strings.Join(strings.Fields(strings.ReplaceAll(source, "*", "")), " ")
	i := strings.Index(text, ref)
	if i < 0 {
		return ""
	}
	rest := text[i+len(ref):]
	if ss := sentences(rest); len(ss) > 0 {
		rest = ss[0]
	}
	if j := strings.IndexAny(rest, ";:"); j >= 0 {
		rest = rest[:j]
	}
	low := strings.ToLower(rest)
	j := strings.Index(low, "về việc ")
	if j < 0 {
		return ""
	}
	about := strings.TrimSpace(rest[j+len("về việc "):])
	about = dropInstruction(about)
	about = strings.Trim(about, " .,;“”\"")
	if ws := strings.Fields(about); len(ws) > 40 {
		return ""
	}
	return about
}

// dropInstruction cuts, from what a cited document is about, the clause in
// which the directive goes on to give its own instruction: "báo cáo tình
// hình kinh tế - xã hội 9 tháng năm 2026, Chủ tịch UBND tỉnh yêu cầu các
// sở, ngành báo cáo theo phân công sau" is about "báo cáo tình hình kinh tế
// - xã hội 9 tháng năm 2026". Such a clause follows a comma, opens with a
// capital (who instructs: "Chủ tịch", "Sở ...", "UBND ...") and instructs.
func dropInstruction(about string) string {
	for i := 0; ; {
		j := strings.Index(about[i:], ", ")
		if j < 0 {
			return about
		}
		j += i
		rest := about[j+2:]
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(r) && instructs(rest) {
			return strings.TrimSpace(about[:j])
		}
		i = j + 2
	}
}

// instructs reports whether a clause gives an instruction: who instructs,
// then "yêu cầu", "đề nghị", "chỉ đạo", "giao", "phân công", "hướng dẫn"
// within its first words ("Chủ tịch UBND tỉnh yêu cầu ..."), or "... như
// sau". A verb further on belongs to the subject's own text ("Luật Trật
// tự, An toàn giao thông"), and "giao" before "thông", "dịch", "lưu" or
// "nhận" is another word.
func instructs(clause string) bool {
	words := strings.Fields(strings.ToLower(vi.NFC(clause)))
	if strings.Contains(" "+strings.Join(words, " ")+" ", " như sau") {
		return true
	}
	const reach = 9 // "Ủy ban nhân dân tỉnh Lạng Sơn" and its verb
	for i, w := range words[:min(len(words), reach)] {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch w + " " + next {
		case "yêu cầu", "đề nghị", "chỉ đạo", "phân công", "hướng dẫn":
			return true
		}
		if w == "giao" && !slices.Contains([]string{"thông", "dịch", "lưu", "nhận", "thoa", "ban", "diện", "tiếp"}, strings.Trim(next, ",.;:")) {
			return true
		}
	}
	return false
}

// closing is the report's last sentence.
func (c *draft) closing() string {
	return "Trên đây là báo cáo " + c.subjectWords() + " của " + c.issuerLn + "."
}
