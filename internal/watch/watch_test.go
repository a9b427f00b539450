package watch

import (
	"math"
	"slices"
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
	if rates != (Rates{Expected: 4, Received: 2, OnTime: 1, Late: 1, Missing: 2, Returned: 1}) {
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

// The progress chart starts on the day the round went out, not days
// before it existed; reports entered as older than the round still show.
func TestProgressFromPublication(t *testing.T) {
	r := round()
	due := r.Deadline
	r.PublishedAt = due.AddDate(0, 0, -2)
	prog := ProgressByDay(r, map[int64]State{}, 10, due.AddDate(0, 0, 1))
	if len(prog) != 2 || !prog[0].Day.Equal(time.Date(due.Year(), due.Month(), due.Day()-2, 0, 0, 0, 0, tiendo.Zone)) {
		t.Errorf("published two days before the deadline: progress = %+v, want the two days from publication", prog)
	}
	draft := round()
	draft.CreatedAt = due.AddDate(0, 0, -1)
	if prog := ProgressByDay(draft, map[int64]State{}, 10, due.AddDate(0, 0, -1)); len(prog) != 1 {
		t.Errorf("a draft drawn up today: progress = %+v, want today alone", prog)
	}
	old := round()
	old.PublishedAt = due.AddDate(0, 0, 30) // entered after the fact
	states := map[int64]State{1: {Status: tiendo.ReportSubmitted, SubmittedAt: due.AddDate(0, 0, -3)}}
	prog = ProgressByDay(old, states, 10, due.AddDate(0, 0, 40))
	if len(prog) != 3 || prog[0].Received != 1 {
		t.Errorf("a round entered after its reports: progress = %+v, want the days from the first report", prog)
	}
}

func TestTargetsAndProjection(t *testing.T) {
	r := round()
	submitted := time.Date(2022, 6, 1, 9, 0, 0, 0, tiendo.Zone) // five months into the half-year
	states := map[int64]State{1: {Status: tiendo.ReportSubmitted, SubmittedAt: submitted}, 2: {Status: tiendo.ReportSubmitted, SubmittedAt: submitted}}
	actuals := []Actual{{UnitID: 1, TargetID: 100, Value: f(50)}, {UnitID: 2, TargetID: 101, Value: f(4)}}
	rows := Targets(r, window(r, tiendo.CalendarCutoffDay), actuals, states, submitted)
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
	// Read after the period ended, no value is projected any more.
	if rows := Targets(r, window(r, tiendo.CalendarCutoffDay), actuals, states, time.Date(2022, 7, 2, 0, 0, 0, 0, tiendo.Zone)); rows[0].Projected != nil || rows[0].AtRisk {
		t.Errorf("projected when read after the period's end: %v, at risk %v", rows[0].Projected, rows[0].AtRisk)
	}
	// A value reported after the period ended is not projected.
	late := map[int64]State{1: {SubmittedAt: time.Date(2022, 7, 2, 0, 0, 0, 0, tiendo.Zone)}}
	if rows := Targets(r, window(r, tiendo.CalendarCutoffDay), actuals, late, late[1].SubmittedAt); rows[0].Projected != nil {
		t.Errorf("projected after the period's end: %v", *rows[0].Projected)
	}
}

func window(r *tiendo.Round, day int) tiendo.Window {
	w, _ := r.Period.Window(day)
	return w
}

// TestProjectionWindow: the projection runs over the data window it is
// given, the issuer's cut-off, not over calendar months.
func TestProjectionWindow(t *testing.T) {
	r := round()
	actuals := []Actual{{UnitID: 1, TargetID: 100, Value: f(50)}}
	at := func(y int, m time.Month, d int) map[int64]State {
		return map[int64]State{1: {Status: tiendo.ReportSubmitted, SubmittedAt: time.Date(y, m, d, 0, 0, 0, 0, tiendo.Zone)}}
	}
	tests := []struct {
		name   string
		w      tiendo.Window
		states map[int64]State
		want   float64 // 0: no projection
	}{
		// 15/12/2021-14/06/2022 is 182 days; 1 June is day 168 of them.
		{"15th to 14th", window(r, 15), at(2022, 6, 1), 50 * 182.0 / 168},
		// 01/01-30/06/2022 is 181 days; 1 June is day 151.
		{"calendar", window(r, 1), at(2022, 6, 1), 50 * 181.0 / 151},
		// 20 June is past the 15th-to-14th window but inside June.
		{"after the cut-off", window(r, 15), at(2022, 6, 20), 0},
		{"calendar, 20 June", window(r, 1), at(2022, 6, 20), 50 * 181.0 / 170},
		{"before the window", window(r, 15), at(2021, 12, 1), 0},
		{"unknown window", tiendo.Window{}, at(2022, 6, 1), 0},
	}
	for _, tt := range tests {
		rows := Targets(r, tt.w, actuals, tt.states, time.Time{})
		got := 0.0
		if rows[0].Projected != nil {
			got = *rows[0].Projected
		}
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: projected %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	r := round()
	submitted := time.Date(2022, 6, 1, 9, 0, 0, 0, tiendo.Zone)
	states := map[int64]State{1: {SubmittedAt: submitted}, 2: {SubmittedAt: submitted}}
	rows := Targets(r, window(r, tiendo.DefaultCutoffDay), []Actual{{UnitID: 1, TargetID: 100, Value: f(50)}, {UnitID: 2, TargetID: 101, Value: f(4)}}, states, submitted)
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

// A target the office gave to one of a task's lead units is that unit's
// row alone; the task's other targets stay one row per lead unit. A
// supporting unit has a row only of a target named for it (OfficeView).
func TestTargetsReportedByOneUnit(t *testing.T) {
	r := round()
	r.Tasks[1].Targets = append(r.Tasks[1].Targets, &tiendo.Target{ID: 102, Comparator: tiendo.Equal, Value: 2, Unit: "trạm", ReportedBy: 3})
	r.Tasks[0].Targets = append(r.Tasks[0].Targets, &tiendo.Target{ID: 103, Comparator: tiendo.AtLeast, Value: 1, Unit: "lớp", ReportedBy: 2})
	rows := Targets(r, tiendo.Window{}, nil, nil, time.Time{})
	var got []int64
	for _, row := range rows {
		got = append(got, row.Target.ID*10+row.UnitID)
	}
	// Unit by unit: 100 by unit 1 and 103 by unit 2, which supports; 101
	// by unit 2; 101 and 102 by unit 3.
	want := []int64{1001, 1032, 1012, 1013, 1023}
	if !slices.Equal(got, want) {
		t.Errorf("rows (target*10+unit) = %v, want %v", got, want)
	}
}

// Things that come whole are projected whole: 1 school by mid-period is 2
// by its end, 1.05 schools would be 2.1, which nobody can build.
func TestCountedProjectionIsWhole(t *testing.T) {
	schools := &tiendo.Target{Comparator: tiendo.Equal, Value: 3, Unit: "trường"}
	for _, c := range []struct {
		v, elapsed float64
		want       float64
		atRisk     bool
	}{
		{1.05, 0.5, 2, true},
		{1.5, 0.5, 3, false},
		{1, 1.0 / 3, 3, false}, // 2.9999…: three, not two
	} {
		p, atRisk := project(schools, c.v, c.elapsed)
		if p == nil || *p != c.want || atRisk != c.atRisk {
			t.Errorf("project(%v after %v) = %v, %v; want %v, %v", c.v, c.elapsed, p, atRisk, c.want, c.atRisk)
		}
	}
	// An area is not counted in whole hectares: 5.3 ha at mid-period is
	// 10.6 ha by its end, which meets 10.5.
	forest := &tiendo.Target{Comparator: tiendo.AtLeast, Value: 10.5, Unit: "ha"}
	if p, atRisk := project(forest, 5.3, 0.5); p == nil || math.Abs(*p-10.6) > 1e-9 || atRisk {
		t.Errorf("project(5.3 ha after half) = %v, %v; want 10.6 and not at risk", p, atRisk)
	}
}
