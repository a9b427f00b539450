package watch

import (
	"math"
	"testing"
	"time"

	"tiendo"
)

func f(v float64) *float64 { return &v }

func round() *tiendo.Round {
	return &tiendo.Round{
		Period:   tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1},
		Deadline: tiendo.DeadlineBefore(2022, 6, 7),
		UnitIDs:  []int64{1, 2, 3, 4},
		Tasks: []*tiendo.Task{
			{ID: 10, Label: "1", Assignees: []tiendo.Assignee{{UnitID: 1, Role: tiendo.Lead}, {UnitID: 2, Role: tiendo.Support}},
				Targets: []*tiendo.Target{{ID: 100, Comparator: tiendo.AtLeast, Value: 70, Unit: "%"}}},
			{ID: 11, Label: "2", Assignees: []tiendo.Assignee{{UnitID: 2, Role: tiendo.Lead}, {UnitID: 3, Role: tiendo.Lead}},
				Targets: []*tiendo.Target{{ID: 101, Comparator: tiendo.AtMost, Value: 4.5, Unit: "%"}}},
		},
	}
}

func TestMatrixAndRates(t *testing.T) {
	r := round()
	due := r.Deadline
	states := map[int64]State{
		1: {Status: tiendo.ReportSubmitted, SubmittedAt: due.Add(-time.Hour)},
		2: {Status: tiendo.ReportReturned, SubmittedAt: due.Add(time.Hour), Late: true},
		3: {Status: tiendo.ReportDraft},
		// unit 4: nothing
	}
	units := []*tiendo.Unit{{ID: 4, Name: "Đội"}, {ID: 1, Name: "A"}, {ID: 2, Name: "B"}, {ID: 3, Name: "C"}, {ID: 9, Name: "not asked"}}
	m := BuildMatrix(r, units, states)
	if len(m.Rows) != 4 || m.Rows[0].Unit.ID != 4 {
		t.Fatalf("rows = %d, first %v; want 4 rows in the order given, without the unit not asked", len(m.Rows), m.Rows[0].Unit)
	}
	want := map[int64][2]CellState{4: {"", ""}, 1: {CellOnTime, ""}, 2: {CellReturned, CellReturned}, 3: {"", CellDraft}}
	for _, row := range m.Rows {
		got := [2]CellState{row.Cells[0].State, row.Cells[1].State}
		if got != want[row.Unit.ID] {
			t.Errorf("unit %d cells = %v, want %v", row.Unit.ID, got, want[row.Unit.ID])
		}
	}
	if m.Rows[2].Cells[0].Role != tiendo.Support {
		t.Errorf("unit 2 on task 1 = %q, want support", m.Rows[2].Cells[0].Role)
	}
	if got := m.Filter([]CellState{CellMissing}, 0); len(got.Rows) != 1 || got.Rows[0].Unit.ID != 4 {
		t.Errorf("filter missing = %+v", got.Rows)
	}
	if got := m.Filter(nil, 3); len(got.Rows) != 1 || got.Rows[0].State != CellDraft {
		t.Errorf("filter unit 3 = %+v", got.Rows)
	}
	rates := RoundRates(r, states)
	if rates != (Rates{Expected: 4, Received: 2, OnTime: 1, Late: 1, Missing: 2}) {
		t.Errorf("rates = %+v", rates)
	}
	if rates.ReceivedPct() != 50 || rates.OnTimePct() != 25 {
		t.Errorf("percentages = %v, %v", rates.ReceivedPct(), rates.OnTimePct())
	}
	prog := ProgressByDay(r, states, 3, due.AddDate(0, 0, 10))
	// Days 4, 5 and 6 June (the last day to submit is the 6th): one report by the 6th.
	if len(prog) != 3 || prog[2].Day.Day() != 6 || prog[2].Received != 1 || prog[0].Received != 0 {
		t.Errorf("progress = %+v", prog)
	}
}

func TestTargetsAndProjection(t *testing.T) {
	r := round()
	submitted := time.Date(2022, 6, 1, 9, 0, 0, 0, tiendo.Zone) // five months into the half-year
	states := map[int64]State{1: {Status: tiendo.ReportSubmitted, SubmittedAt: submitted}, 2: {Status: tiendo.ReportSubmitted, SubmittedAt: submitted}}
	actuals := []Actual{{UnitID: 1, TargetID: 100, Value: f(50)}, {UnitID: 2, TargetID: 101, Value: f(4)}}
	rows := Targets(r, actuals, states, submitted)
	if len(rows) != 3 { // target 100 once (one lead), target 101 twice (two leads)
		t.Fatalf("rows = %d, want 3", len(rows))
	}
	a := rows[0]
	if a.Verdict != tiendo.VerdictNotMet || math.Abs(a.Ratio-50.0/70) > 1e-9 {
		t.Errorf("50 against >= 70: %s %v", a.Verdict, a.Ratio)
	}
	// 50 after 151 of 181 days projects to about 60: still short of 70, at risk.
	if a.Projected == nil || math.Abs(*a.Projected-50*181.0/151) > 0.5 || !a.AtRisk {
		t.Errorf("projection = %v at risk %v, want about 59.9 and at risk", a.Projected, a.AtRisk)
	}
	if rows[1].Verdict != tiendo.VerdictExceeded || rows[1].Projected != nil {
		t.Errorf("4 against <= 4.5: %s, projected %v; want exceeded and no projection", rows[1].Verdict, rows[1].Projected)
	}
	if rows[2].Verdict != tiendo.VerdictNoData || rows[2].UnitID != 3 {
		t.Errorf("unit 3 has no data: %+v", rows[2])
	}
	att := Attainment(r, rows)
	if len(att) != 2 || att[0].N != 1 || att[1].N != 1 {
		t.Errorf("attainment = %+v", att)
	}
	// A value reported after the period ended is not projected.
	late := map[int64]State{1: {SubmittedAt: time.Date(2022, 7, 2, 0, 0, 0, 0, tiendo.Zone)}}
	if rows := Targets(r, actuals, late, late[1].SubmittedAt); rows[0].Projected != nil {
		t.Errorf("projected after the period's end: %v", *rows[0].Projected)
	}
}

func TestPeriodSpan(t *testing.T) {
	for _, tc := range []struct {
		p          tiendo.Period
		start, end string
	}{
		{tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1}, "2022-01-01", "2022-07-01"},
		{tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 2}, "2022-07-01", "2023-01-01"},
		{tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2026}, "2026-01-01", "2026-10-01"},
		{tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2026, Index: 3}, "2026-07-01", "2026-10-01"},
		{tiendo.Period{Kind: tiendo.PeriodMonth, Year: 2026, Index: 10}, "2026-10-01", "2026-11-01"},
		{tiendo.Period{Kind: tiendo.PeriodYear, Year: 2025}, "2025-01-01", "2026-01-01"},
	} {
		s, e, ok := PeriodSpan(tc.p)
		if !ok || s.Format("2006-01-02") != tc.start || e.Format("2006-01-02") != tc.end {
			t.Errorf("PeriodSpan(%+v) = %v, %v, %v", tc.p, s, e, ok)
		}
	}
	if _, _, ok := PeriodSpan(tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2026, Index: 5}); ok {
		t.Error("quarter 5 has a span")
	}
}

func TestSummarize(t *testing.T) {
	r := round()
	submitted := time.Date(2022, 6, 1, 9, 0, 0, 0, tiendo.Zone)
	states := map[int64]State{1: {SubmittedAt: submitted}, 2: {SubmittedAt: submitted}}
	rows := Targets(r, []Actual{{UnitID: 1, TargetID: 100, Value: f(50)}, {UnitID: 2, TargetID: 101, Value: f(4)}}, states, submitted)
	sum := Summarize(rows)
	if len(sum) != 2 {
		t.Fatalf("summaries = %d, want 2", len(sum))
	}
	if sum[0].Only == nil || sum[0].Units != 1 || sum[0].NotMet != 1 || sum[0].AtRisk != 1 {
		t.Errorf("target 100: %+v", sum[0])
	}
	if sum[1].Only != nil || sum[1].Units != 2 || sum[1].WithData != 1 || sum[1].Met != 1 || math.Abs(sum[1].MeanRatio-1.125) > 1e-9 {
		t.Errorf("target 101: %+v", sum[1])
	}
}
