// Package continuity suggests, for each task of a new round, the task of an
// earlier round it continues, and pairs their targets, so that the office
// only has to confirm the links that carry a task's values across periods.
// It matches the tasks' texts folded (no case, no diacritics, "đ" as "d",
// numbers left out because they change each year), their lead units and
// their targets. It is pure: no I/O, no state.
package continuity

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"tiendo"
	"tiendo/internal/vi"
)

// Relation is how an earlier round stands to the new one. The order is the
// preference: a task is linked to the same period a year earlier when it
// can be, for that is what "so với cùng kỳ" compares with.
type Relation string

// Relations, in order of preference.
const (
	SamePeriodLastYear Relation = "same-period" // cùng kỳ năm trước
	PreviousPeriod     Relation = "previous"    // kỳ liền trước
	OtherRound         Relation = "other"       // another earlier round
)

func (r Relation) rank() int {
	switch r {
	case SamePeriodLastYear:
		return 0
	case PreviousPeriod:
		return 1
	}
	return 2
}

// Label is the relation in Vietnamese.
func (r Relation) Label() string {
	switch r {
	case SamePeriodLastYear:
		return "cùng kỳ năm trước"
	case PreviousPeriod:
		return "kỳ liền trước"
	}
	return "đợt trước"
}

// RelationOf says how a round of period earlier stands to one of period cur.
func RelationOf(cur, earlier tiendo.Period) Relation {
	if cur.Valid() && earlier == cur.YearEarlier() {
		return SamePeriodLastYear
	}
	if prev, ok := cur.Previous(); ok && earlier == prev {
		return PreviousPeriod
	}
	return OtherRound
}

// Earlier reports whether a round of period p may come before one of
// period cur, for its tasks to be continued: p ends before cur does (the
// first half of 2022 before its nine months or its year, 2025 before
// 2026). A round of the same period (the directive made into a round
// twice) or a later one (2026 for a 2022 round) is never "đợt trước". A
// period either cannot place (PeriodOther) is let through: nothing says it
// is not earlier.
func Earlier(p, cur tiendo.Period) bool {
	a, ok1 := p.Window(tiendo.CalendarCutoffDay)
	b, ok2 := cur.Window(tiendo.CalendarCutoffDay)
	if !ok1 || !ok2 {
		return true
	}
	return a.To.Before(b.To)
}

const (
	// Threshold is the score from which a suggestion is checked in
	// advance: the office unticks what it disagrees with.
	Threshold = 0.6
	// minText is the least text similarity that makes a pair worth
	// showing: a shared lead unit alone never suggests a link, since a unit
	// leads many tasks.
	minText = 0.2
	// minTarget is the least score for pairing two targets.
	minTarget = 0.45
)

// Suggestion proposes that task TaskID of the new round continues task
// PredecessorID of round RoundID.
type Suggestion struct {
	TaskID        int64        `json:"task_id"`
	PredecessorID int64        `json:"predecessor_id"`
	RoundID       int64        `json:"round_id"` // the predecessor's round
	Relation      Relation     `json:"relation"`
	Score         float64      `json:"score"`      // 0 to 1
	TextScore     float64      `json:"text_score"` // the texts' similarity alone, 0 to 1
	Reason        string       `json:"reason"`     // in Vietnamese, for the office
	Checked       bool         `json:"checked"`    // Score reaches Threshold
	Targets       []TargetPair `json:"targets"`
}

// TargetPair proposes that target TargetID continues target PredecessorID.
type TargetPair struct {
	TargetID      int64   `json:"target_id"`
	PredecessorID int64   `json:"predecessor_id"`
	Score         float64 `json:"score"`
}

// Suggest proposes, for each task of cur not yet linked, the task of the
// earlier rounds it most likely continues, in cur's task order. linked maps
// cur's tasks that already have a predecessor to it: they are left out,
// and so are their predecessors. A task of an earlier round is proposed for
// one task at most. Among pairs that reach Threshold the round of the same
// period a year earlier wins, then the previous period, then the best score;
// a task with none gets its best pair, unchecked, if the texts are alike
// enough to show.
func Suggest(cur *tiendo.Round, earlier []*tiendo.Round, linked map[int64]int64) []Suggestion {
	if cur == nil {
		return nil
	}
	used := map[int64]bool{}
	for _, p := range linked {
		used[p] = true
	}
	type node struct {
		task  *tiendo.Task
		round *tiendo.Round
		rel   Relation
		doc   doc
	}
	var mine, theirs []node
	var docs []doc
	for _, t := range cur.Tasks {
		if t == nil || linked[t.ID] != 0 {
			continue
		}
		d := newDoc(t.Text)
		mine = append(mine, node{task: t, round: cur, doc: d})
		docs = append(docs, d)
	}
	for _, r := range earlier {
		if r == nil || r.ID == cur.ID || !Earlier(r.Period, cur.Period) {
			continue
		}
		rel := RelationOf(cur.Period, r.Period)
		for _, t := range r.Tasks {
			if t == nil || used[t.ID] {
				continue
			}
			d := newDoc(t.Text)
			theirs = append(theirs, node{task: t, round: r, rel: rel, doc: d})
			docs = append(docs, d)
		}
	}
	idf := weights(docs)

	type pair struct {
		i, j        int
		score, text float64
		targets     []TargetPair
		tscore      float64
		units       int // 1 same lead unit, -1 different, 0 unknown
	}
	var pairs []pair
	for i, a := range mine {
		for j, b := range theirs {
			text := similarity(a.doc, b.doc, idf)
			if text < minText {
				continue
			}
			units, unitScore := leadOverlap(a.task, b.task)
			targets, tscore := pairTargets(a.task.Targets, b.task.Targets)
			score := 0.65*text + 0.25*unitScore + 0.10*tscore
			pairs = append(pairs, pair{i: i, j: j, score: score, text: text, targets: targets, tscore: tscore, units: units})
		}
	}
	// Checked pairs first, by preference of round then score; the rest by
	// score. Ties go to the earlier task of each round, so the result does
	// not depend on map order.
	slices.SortStableFunc(pairs, func(p, q pair) int {
		pc, qc := p.score >= Threshold, q.score >= Threshold
		if pc != qc {
			if pc {
				return -1
			}
			return 1
		}
		if pc {
			if d := theirs[p.j].rel.rank() - theirs[q.j].rel.rank(); d != 0 {
				return d
			}
		}
		if p.score != q.score {
			if p.score > q.score {
				return -1
			}
			return 1
		}
		if p.i != q.i {
			return p.i - q.i
		}
		return p.j - q.j
	})
	chosen := map[int]pair{}
	taken := map[int]bool{}
	for _, p := range pairs {
		if _, ok := chosen[p.i]; ok || taken[p.j] {
			continue
		}
		chosen[p.i] = p
		taken[p.j] = true
	}
	var out []Suggestion
	for i, a := range mine {
		p, ok := chosen[i]
		if !ok {
			continue
		}
		b := theirs[p.j]
		s := Suggestion{TaskID: a.task.ID, PredecessorID: b.task.ID, RoundID: b.round.ID, Relation: b.rel,
			Score: round2(p.score), TextScore: round2(p.text), Checked: p.score >= Threshold, Targets: p.targets}
		if s.Targets == nil {
			s.Targets = []TargetPair{}
		}
		reasons := []string{b.rel.Label(), fmt.Sprintf("nội dung giống %d%%", int(math.Round(100*p.text)))}
		if words := shared(a.doc, b.doc, idf, 3); len(words) > 0 {
			reasons = append(reasons, "cùng có "+strings.Join(words, ", "))
		}
		switch p.units {
		case 1:
			reasons = append(reasons, "cùng đơn vị chủ trì")
		case -1:
			reasons = append(reasons, "khác đơn vị chủ trì")
		}
		if n, m := len(a.task.Targets), len(b.task.Targets); n > 0 || m > 0 {
			reasons = append(reasons, fmt.Sprintf("ghép được %d/%d chỉ tiêu", len(p.targets), n))
		}
		s.Reason = vi.UpperFirst(strings.Join(reasons, "; ")) + "."
		out = append(out, s)
	}
	return out
}

func round2(f float64) float64 { return math.Round(100*f) / 100 }

// leadOverlap compares the lead units of two tasks: 1 when they share one,
// -1 when both have leads and share none, 0 when either has none; and the
// score it adds, the Jaccard index of the two sets (0.5 when unknown).
func leadOverlap(a, b *tiendo.Task) (int, float64) {
	la, lb := leads(a), leads(b)
	if len(la) == 0 || len(lb) == 0 {
		return 0, 0.5
	}
	both := 0
	for id := range la {
		if lb[id] {
			both++
		}
	}
	if both == 0 {
		return -1, 0
	}
	return 1, float64(both) / float64(len(la)+len(lb)-both)
}

func leads(t *tiendo.Task) map[int64]bool {
	m := map[int64]bool{}
	for _, a := range t.Assignees {
		if a.Role == tiendo.Lead {
			m[a.UnitID] = true
		}
	}
	return m
}

// pairTargets pairs the targets of a new task with those of its predecessor,
// one to one, the most alike first, and scores the pairing: the pairs'
// mean score over the larger list (0.5 when neither task has targets, 0.2
// when only one has).
func pairTargets(mine, theirs []*tiendo.Target) ([]TargetPair, float64) {
	mine, theirs = slices.DeleteFunc(slices.Clone(mine), isNil), slices.DeleteFunc(slices.Clone(theirs), isNil)
	switch {
	case len(mine) == 0 && len(theirs) == 0:
		return nil, 0.5
	case len(mine) == 0 || len(theirs) == 0:
		return nil, 0.2
	}
	type cand struct {
		i, j  int
		score float64
	}
	var cands []cand
	for i, a := range mine {
		for j, b := range theirs {
			if s := targetScore(a, b); s >= minTarget {
				cands = append(cands, cand{i, j, s})
			}
		}
	}
	slices.SortStableFunc(cands, func(p, q cand) int {
		switch {
		case p.score > q.score:
			return -1
		case p.score < q.score:
			return 1
		}
		return 0
	})
	doneI, doneJ := map[int]bool{}, map[int]bool{}
	var out []TargetPair
	sum := 0.0
	for _, c := range cands {
		if doneI[c.i] || doneJ[c.j] {
			continue
		}
		doneI[c.i], doneJ[c.j] = true, true
		out = append(out, TargetPair{TargetID: mine[c.i].ID, PredecessorID: theirs[c.j].ID, Score: round2(c.score)})
		sum += c.score
	}
	// In the new task's order.
	order := map[int64]int{}
	for i, t := range mine {
		order[t.ID] = i
	}
	slices.SortStableFunc(out, func(p, q TargetPair) int { return order[p.TargetID] - order[q.TargetID] })
	return out, sum / float64(max(len(mine), len(theirs)))
}

func isNil(t *tiendo.Target) bool { return t == nil }

// targetScore is how alike two targets are: their texts without numbers
// (the goal changes from year to year: 70 % then 80 %), their unit of
// measure and their comparison.
func targetScore(a, b *tiendo.Target) float64 {
	text := dice(newDoc(a.Text).words, newDoc(b.Text).words)
	unit := 0.0
	ua, ub := foldKey(a.Unit), foldKey(b.Unit)
	switch {
	case ua == ub && ua != "":
		unit = 1
	case ua == "" && ub == "":
		unit = 0.5
	}
	if unit == 0 && text < 0.5 {
		return 0 // different measures and different words: not the same target
	}
	cmp := 0.0
	if a.Comparator == b.Comparator {
		cmp += 0.5
	}
	if a.Direction == b.Direction && a.RelativeTo == b.RelativeTo {
		cmp += 0.5
	}
	return 0.6*text + 0.25*unit + 0.15*cmp
}

func foldKey(s string) string { return strings.Join(strings.Fields(vi.Fold(s)), " ") }

// dice is the Sørensen-Dice coefficient of two word lists taken as sets; 1
// when both are empty.
func dice(a, b []token) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	sa := map[string]bool{}
	for _, t := range a {
		sa[t.key] = true
	}
	sb := map[string]bool{}
	for _, t := range b {
		sb[t.key] = true
	}
	both := 0
	for k := range sa {
		if sb[k] {
			both++
		}
	}
	return 2 * float64(both) / float64(len(sa)+len(sb))
}
