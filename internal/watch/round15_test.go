package watch

import (
	"math"
	"testing"
	"time"

	"tiendo"
)

// The round page's cards count the reports not sent (Rates.Missing) and
// those returned (Rates.Returned); the matrix's filter selects units by
// their report's CellState. Each card's number is what the filter by its
// states shows: not sent is not started plus being written, and a report
// returned for revision stays returned while its unit revises it, even
// once it is a draft again (its unit head sent it back) or with the head.
func TestCardsCountWhatTheMatrixFilters(t *testing.T) {
	r := round()
	r.UnitIDs = []int64{1, 2, 3, 4, 5, 6}
	r.Tasks[0].Assignees = append(r.Tasks[0].Assignees, lead(4), lead(5), lead(6))
	due := r.Deadline
	sent := due.Add(-time.Hour)
	states := map[int64]State{
		1: {Status: tiendo.ReportSubmitted, SubmittedAt: sent},
		2: {Status: tiendo.ReportReview, SubmittedAt: sent}, // returned, revised, with the unit head
		3: {Status: tiendo.ReportDraft, SubmittedAt: sent},  // returned, and the head sent it back
		4: {Status: tiendo.ReportDraft},                     // never sent: being written
		5: {Status: tiendo.ReportReview},                    // never sent: with the unit head
		// unit 6: nothing
	}
	units := []*tiendo.Unit{{ID: 1}, {ID: 2}, {ID: 3}, {ID: 4}, {ID: 5}, {ID: 6}}
	m := BuildMatrix(r, units, states)
	want := map[int64]CellState{1: CellOnTime, 2: CellReturned, 3: CellReturned, 4: CellDraft, 5: CellDraft, 6: CellMissing}
	for _, row := range m.Rows {
		if row.State != want[row.Unit.ID] {
			t.Errorf("unit %d: matrix state %q, want %q", row.Unit.ID, row.State, want[row.Unit.ID])
		}
		if got := states[row.Unit.ID].Cell(); got != row.State {
			t.Errorf("unit %d: State.Cell() = %q, the matrix says %q", row.Unit.ID, got, row.State)
		}
	}
	rates := RoundRates(r, states)
	if got := m.Count(CellMissing) + m.Count(CellDraft); got != rates.Missing || got != 3 {
		t.Errorf("not started + being written = %d, the card's chưa gửi = %d; want both 3", got, rates.Missing)
	}
	if got := len(m.Filter([]CellState{CellMissing, CellDraft}, 0).Rows); got != rates.Missing {
		t.Errorf("the filter by not started and being written shows %d units, the card says %d", got, rates.Missing)
	}
	if got := len(m.Filter([]CellState{CellReturned}, 0).Rows); got != rates.Returned || got != 2 {
		t.Errorf("the filter by returned shows %d units, the card says %d; want both 2", got, rates.Returned)
	}
}

// A unit with no report has not started one: the matrix does not call it
// "Chưa gửi", which the cards and the "đôn đốc" button say of every unit
// that has not sent, drafts included.
func TestNotStartedIsNotCalledNotSent(t *testing.T) {
	if got := CellMissing.Label(); got != "Chưa bắt đầu" {
		t.Errorf("CellMissing.Label() = %q, want %q", got, "Chưa bắt đầu")
	}
	for _, s := range CellStates {
		if s.Label() == "Chưa gửi" {
			t.Errorf("state %q is labelled %q, the word for all the reports not sent", s, s.Label())
		}
	}
}

// lead is a lead assignment of unit id.
func lead(id int64) tiendo.Assignee { return tiendo.Assignee{UnitID: id, Role: tiendo.Lead} }

// A task's bar counts each target at most 100 %: a target exceeded does
// not make up for one missed, and a task with a target not met never
// reaches 100 %. It says how many of its targets are met.
func TestAttainmentExceedingDoesNotHideAMiss(t *testing.T) {
	goal := func(id int64, v float64) *tiendo.Target {
		return &tiendo.Target{ID: id, Comparator: tiendo.AtLeast, Value: v}
	}
	ceiling := &tiendo.Target{ID: 4, Comparator: tiendo.AtMost, Value: 0} // "không để xảy ra": met by 0, ratio unknown
	r := &tiendo.Round{Tasks: []*tiendo.Task{
		{ID: 10, Label: "1", Assignees: []tiendo.Assignee{lead(1)}, Targets: []*tiendo.Target{goal(1, 100), goal(2, 100), goal(3, 100)}},
		{ID: 11, Label: "2", Assignees: []tiendo.Assignee{lead(1)}, Targets: []*tiendo.Target{goal(5, 70), ceiling}},
		{ID: 12, Label: "3", Assignees: []tiendo.Assignee{lead(1), lead(2)}, Targets: []*tiendo.Target{goal(6, 10)}},
		{ID: 13, Label: "4", Assignees: []tiendo.Assignee{lead(1)}, Targets: []*tiendo.Target{goal(7, 10)}},
	}}
	actuals := []Actual{
		{UnitID: 1, TargetID: 1, Value: f(150)}, // exceeded
		{UnitID: 1, TargetID: 2, Value: f(100)}, // met
		{UnitID: 1, TargetID: 3, Value: f(50)},  // not met
		{UnitID: 1, TargetID: 5, Value: f(84)},  // exceeded, 120 %
		{UnitID: 1, TargetID: 4, Value: f(0)},   // met, no ratio
		{UnitID: 1, TargetID: 6, Value: f(12)},
		{UnitID: 2, TargetID: 6, Value: f(9)},
		{UnitID: 1, TargetID: 7, Value: f(0)}, // nothing done: not met, at 0
	}
	got := Attainment(r, Targets(r, tiendo.Window{}, actuals, nil, time.Now()))
	want := []TaskAttainment{
		{Label: "1", Ratio: 2.5 / 3, N: 3, Met: 2, Targets: 3},
		{Label: "2", Ratio: 1, N: 2, Met: 2, Targets: 2},
		{Label: "3", Ratio: (1 + 0.9) / 2, N: 2, Met: 1, Targets: 1},
		{Label: "4", Ratio: 0, N: 1, Met: 0, Targets: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("Attainment = %+v, want %+v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Label != w.Label || math.Abs(g.Ratio-w.Ratio) > 1e-9 || g.N != w.N || g.Met != w.Met || g.Targets != w.Targets {
			t.Errorf("task %s: %+v, want %+v", w.Label, g, w)
		}
		if g.AllMet() != (w.Met == w.N) {
			t.Errorf("task %s: AllMet() = %v with %d of %d met", w.Label, g.AllMet(), g.Met, g.N)
		}
		if !g.AllMet() && g.Ratio >= 1 {
			t.Errorf("task %s has a target not met but reaches %v", w.Label, g.Ratio)
		}
	}
}
