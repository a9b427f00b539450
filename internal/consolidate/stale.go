package consolidate

import (
	"fmt"
	"strings"
	"time"

	"tiendo"
)

// A consolidated report is drafted while units are still reporting, and
// their reports go on changing: a unit sends its report, the office returns
// one for revision, a returned report is sent again. A part drawn before
// such a change may no longer say what drafting it now says: that a unit
// has not reported when it has, the figures of a report that no longer
// counts, the number of reports in the opening. FindStale tells those
// parts from the ones the office has only edited by hand, by when each was
// drawn; the pages and the API both ask it, so that the office draws the
// parts again and the leader approves knowing.

// Stale is what of a drafted report is older than the units' reports it
// draws on, and why.
type Stale struct {
	Units    []string    // units whose report came since, in Vietnamese order
	Returned []string    // units whose report went back to them since, in Vietnamese order
	Parts    []StalePart // the parts to draw again, in the report's order
}

// StalePart is a part drawn before reports it uses changed.
type StalePart struct {
	Key      string
	Name     string   // "phần mở đầu", "phần nhiệm vụ 4", as PartName says
	Units    []string // whose reports came since it was drawn
	Returned []string // whose reports went back since it was drawn
}

// FindStale finds the parts of a drafted report that drawing again from in
// would change, and that were drawn (drawnAt) before a change of a report
// they use: a report sent since (tiendo.UnitReport.SubmittedAt, which a
// report sent again moves) or returned to its unit since (returnedAt, by
// unit, for the units in.Returned names). A part that differs from a fresh
// draft only because the office edited it after drawing it is not out of
// date, and a part that a change did not alter is not worth the office's
// time. It returns nil when nothing is out of date.
//
// A unit without a time in returnedAt is taken as not returned since: the
// caller reads the times with the input, and a return it has no time for
// is not one drafting again would show.
func FindStale(in Input, parts []tiendo.ReportPart, drawnAt func(key string) time.Time, returnedAt map[int64]time.Time) *Stale {
	d := newDraft(in)
	fresh := make(map[string]Section, len(parts))
	for _, k := range d.keys() {
		if s, ok := d.section(k); ok {
			fresh[k] = s
		}
	}
	// When each unit's report last changed as the draft counts it: sent,
	// or back with the unit.
	changed := make(map[int64]time.Time, len(d.reports)+len(d.returned))
	back := map[int64]bool{}
	for id, r := range d.reports {
		changed[id] = r.SubmittedAt
	}
	for id := range d.returned {
		if at, ok := returnedAt[id]; ok {
			changed[id], back[id] = at, true
		}
	}
	tasks := make(map[string]*tiendo.Task, len(d.round.Tasks))
	for _, t := range d.round.Tasks {
		tasks[TaskKey(t.ID)] = t
	}
	names := func(ids []int64) []string {
		var out []string
		for _, id := range d.sortedUnits(ids) {
			out = append(out, d.name(id))
		}
		return out
	}
	var allSent, allBack []int64
	seen := map[int64]bool{}
	s := &Stale{}
	for _, p := range parts {
		sec, ok := fresh[p.Key]
		if !ok || SameText(p, sec) {
			continue
		}
		at := drawnAt(p.Key)
		var sent, returned []int64
		for id, when := range changed {
			if !when.After(at) || !d.uses(p.Key, tasks[p.Key], id) {
				continue
			}
			if back[id] {
				returned = append(returned, id)
			} else {
				sent = append(sent, id)
			}
			if !seen[id] {
				seen[id] = true
				if back[id] {
					allBack = append(allBack, id)
				} else {
					allSent = append(allSent, id)
				}
			}
		}
		if len(sent)+len(returned) > 0 {
			s.Parts = append(s.Parts, StalePart{Key: p.Key, Name: PartName(d.round, p), Units: names(sent), Returned: names(returned)})
		}
	}
	if len(s.Parts) == 0 {
		return nil
	}
	s.Units, s.Returned = names(allSent), names(allBack)
	return s
}

// uses reports whether the part of key draws on unit's report: a task's
// part (t) on the units assigned the task and those whose report wrote on
// it; the closing on none; every other part on every unit's.
func (c *draft) uses(key string, t *tiendo.Task, unit int64) bool {
	switch {
	case key == KeyClosing:
		return false
	case !strings.HasPrefix(key, taskKeyPrefix):
		return true
	case t == nil:
		return false
	}
	for _, a := range t.Assignees {
		if a.UnitID == unit {
			return true
		}
	}
	if r := c.reports[unit]; r != nil {
		for _, s := range r.Sections {
			if s != nil && s.TaskID == t.ID {
				return true
			}
		}
		for _, x := range r.Contributions {
			if x.TaskID == t.ID {
				return true
			}
		}
	}
	return false
}

// SameText reports whether a stored part says what a section drawn afresh
// says, line endings and the spaces around aside.
func SameText(p tiendo.ReportPart, sec Section) bool {
	norm := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	return norm(p.Text) == norm(sec.Text) && norm(p.Heading) == norm(sec.Heading)
}

// partNames are the names of the parts every report has, as a sentence
// names them.
var partNames = map[string]string{
	KeyOpening:         "phần mở đầu",
	KeyIndicators:      "phần kết quả thực hiện các chỉ tiêu",
	KeyObstacles:       "phần khó khăn, vướng mắc",
	KeyRecommendations: "phần kiến nghị, đề xuất",
	KeyNextSteps:       "phần nhiệm vụ thời gian tới",
	KeyLateUnits:       "danh sách đơn vị báo cáo chậm, chưa báo cáo",
	KeyClosing:         "phần kết",
}

// PartName names a part of round's report as a sentence does: "phần mở
// đầu", a task's by its label ("phần nhiệm vụ 4"), else by its heading.
func PartName(round *tiendo.Round, p tiendo.ReportPart) string {
	if n, ok := partNames[p.Key]; ok {
		return n
	}
	if round != nil {
		for _, t := range round.Tasks {
			if t != nil && TaskKey(t.ID) == p.Key {
				if l := strings.TrimSpace(t.Label); l != "" {
					return "phần nhiệm vụ " + l
				}
			}
		}
	}
	if h := strings.TrimSpace(p.Heading); h != "" {
		return "phần “" + h + "”"
	}
	return "phần " + p.Key
}

// Keys lists the parts' keys: "opening,task-4".
func (s *Stale) Keys() string {
	keys := make([]string, len(s.Parts))
	for i, p := range s.Parts {
		keys[i] = p.Key
	}
	return strings.Join(keys, ",")
}

// PartNames names the parts: "phần mở đầu, phần nhiệm vụ 4 và danh sách
// đơn vị báo cáo chậm, chưa báo cáo".
func (s *Stale) PartNames() string {
	names := make([]string, len(s.Parts))
	for i, p := range s.Parts {
		names[i] = p.Name
	}
	return joinNames(names)
}

// Cause says what changed since the parts were drawn: "Có báo cáo mới của
// Công an huyện gửi sau khi lập dự thảo", "Báo cáo của Phòng Nội vụ bị trả
// lại để bổ sung sau khi lập dự thảo", or both.
func (s *Stale) Cause() string {
	switch {
	case len(s.Returned) == 0:
		return "Có báo cáo mới của " + NameList(s.Units) + " gửi sau khi lập dự thảo"
	case len(s.Units) == 0:
		return "Báo cáo của " + NameList(s.Returned) + " bị trả lại để bổ sung sau khi lập dự thảo"
	}
	return "Sau khi lập dự thảo, có báo cáo mới của " + NameList(s.Units) + " gửi đến, và báo cáo của " + NameList(s.Returned) + " bị trả lại để bổ sung"
}

// Summary is the sentence that says it all: why, and which parts to draw
// again.
func (s *Stale) Summary() string {
	return s.Cause() + ": cần tạo lại " + s.PartNames() + "."
}

// listedNames is how many units a warning names before it says how many
// more.
const listedNames = 20

// NameList lists units for a warning: at most 20 of them, then how many
// more ("…, và 12 đơn vị khác"), so that a round of 3,000 communes stays
// readable.
func NameList(units []string) string {
	if len(units) <= listedNames {
		return strings.Join(units, ", ")
	}
	return fmt.Sprintf("%s và %d đơn vị khác", strings.Join(units[:listedNames], ", "), len(units)-listedNames)
}
