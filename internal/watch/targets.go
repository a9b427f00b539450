package watch

import (
	"math"
	"time"

	"tiendo"
	"tiendo/internal/vi"
)

// TargetRow is one target as one lead unit reported it.
type TargetRow struct {
	Task   *tiendo.Task   `json:"-"`
	Target *tiendo.Target `json:"target"`
	// TaskLabel names the task as the matrix's column does (TaskLabels):
	// "12 (2)" for the second task a directive numbered 12.
	TaskLabel  string         `json:"task_label"`
	UnitID     int64          `json:"unit_id"`
	Actual     *float64       `json:"actual"`
	SamePeriod *float64       `json:"same_period"`
	Verdict    tiendo.Verdict `json:"verdict"`
	Ratio      float64        `json:"ratio"` // actual against the goal; 0 when unknown
	// Projected is the actual carried to the end of the period when the
	// report came partway through it; AtRisk says the projection misses.
	Projected *float64 `json:"projected,omitempty"`
	AtRisk    bool     `json:"at_risk"`
}

// Actual is a value a unit reported for a target.
type Actual struct {
	UnitID, TargetID int64
	Value            *float64
	SamePeriod       *float64
}

// Targets lists every target of the round once for each unit leading its
// task that reports it (Target.ReportedBy), with the unit's value, the verdict and the ratio. When the report
// date falls inside the period's data window w (a half-year round due on 7
// June, whose data run to 14 June) and the window has not ended by now, a
// goal to reach is projected linearly to
// the window's end and flagged at risk when the projection still misses;
// ceilings and rates capped at 100 % are projected no further than 100. w
// is the period's window by the issuer's cut-off day (tiendo.Period.Window);
// the zero window projects nothing.
func Targets(r *tiendo.Round, w tiendo.Window, actuals []Actual, states map[int64]State, now time.Time) []TargetRow {
	byKey := make(map[[2]int64]Actual, len(actuals))
	for _, a := range actuals {
		byKey[[2]int64{a.UnitID, a.TargetID}] = a
	}
	start, end := w.From, w.End()
	labels := TaskLabels(r.Tasks)
	// The rows are counted first: a national round's 40,000 in one
	// allocation rather than twenty.
	n := 0
	for _, t := range r.Tasks {
		for _, as := range t.Assignees {
			for _, tg := range t.Targets {
				if reports(as, tg) {
					n++
				}
			}
		}
	}
	if n == 0 {
		return nil
	}
	rows := make([]TargetRow, 0, n)
	for i, t := range r.Tasks {
		for _, as := range t.Assignees {
			for _, tg := range t.Targets {
				if !reports(as, tg) {
					continue
				}
				a := byKey[[2]int64{as.UnitID, tg.ID}]
				row := TargetRow{Task: t, Target: tg, TaskLabel: labels[i], UnitID: as.UnitID, Actual: a.Value, SamePeriod: a.SamePeriod}
				row.Verdict, row.Ratio = tiendo.Assess(tg, a.Value)
				at := states[as.UnitID].SubmittedAt
				if at.IsZero() {
					at = now
				}
				// Once the period is over its values are what they are:
				// a forecast for it (a 2022 round read in 2026) says nothing.
				if a.Value != nil && w.Contains(at) && now.Before(end) {
					row.Projected, row.AtRisk = project(tg, *a.Value, at.Sub(start).Hours()/end.Sub(start).Hours())
				}
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// reports says whether assignee as reports target tg of its task: a lead
// unit the targets left to every lead and those named for it
// (Task.TargetsOf); a supporting unit none, but for one named for it in
// OfficeView, which keeps such a unit under its leading ancestor as
// supporting.
func reports(as tiendo.Assignee, tg *tiendo.Target) bool {
	if as.Role == tiendo.Lead {
		return tg.ReportedByUnit(as.UnitID)
	}
	return tg.ReportedBy == as.UnitID
}

// RatioText writes a target's ratio (tiendo.Assess: 0.9286 for 65 against
// 70) as the pages and documents write it, in the round page's "Tỷ lệ" as
// in "bằng 92,9% kế hoạch": a percentage rounded to a tenth, with no ",0"
// on a whole one ("92,9%", "50%", "100%"). More decimals would claim a
// precision the reports do not have.
func RatioText(ratio float64) string {
	return vi.FormatNumber(math.Round(ratio*1000)/10, -1) + "%"
}

// project carries a value reached by elapsed (0..1) of the period to its end.
func project(tg *tiendo.Target, v, elapsed float64) (*float64, bool) {
	switch tg.Comparator {
	case tiendo.AtMost, tiendo.LessThan:
		return nil, false // a ceiling met so far may still be broken; nothing to add
	}
	if elapsed <= 0 {
		return nil, false
	}
	p := v / elapsed
	if tg.Unit == "%" && p > 100 {
		p = 100
	}
	if tg.Whole() {
		// Schools and communes come whole: 2.1 schools by the period's end
		// is 2, and 1.9 is one short of 2.
		p = math.Floor(p + 1e-9)
	}
	verdict, _ := tiendo.Assess(tg, &p)
	return &p, verdict == tiendo.VerdictNotMet
}

// TaskAttainment is how far a task reached its targets, for the
// attainment chart: the mean of its targets' ratios, each counted at most
// 100 %, over the targets that have data, and how many of them are met.
type TaskAttainment struct {
	Label string `json:"label"`
	// Ratio is the mean over the targets with data of each one's ratio,
	// capped at 1: a target exceeded counts as met, no more, so that 150 %
	// on one target does not make up for 50 % on another (a task with a
	// target not met never reads 100 % or more). A target met or exceeded
	// counts 1 whatever its ratio (a ceiling of 0 met by 0 has none).
	Ratio float64 `json:"ratio"`
	N     int     `json:"n"`   // targets with data (one per lead unit reporting it)
	Met   int     `json:"met"` // of those, met or exceeded
	// Targets is how many distinct targets the N are: fewer than N when
	// several units lead the task and each reports its targets.
	Targets int `json:"targets"`
}

// AllMet reports whether every target of the task with data is met.
func (a TaskAttainment) AllMet() bool { return a.Met == a.N }

// Attainment sums up each task's targets (TaskAttainment), in task order.
func Attainment(r *tiendo.Round, rows []TargetRow) []TaskAttainment {
	sum := map[int64]*TaskAttainment{}
	seen := map[int64]bool{} // targets counted in Targets
	for _, row := range rows {
		a := sum[row.Task.ID]
		if a == nil {
			a = &TaskAttainment{Label: row.TaskLabel}
			sum[row.Task.ID] = a
		}
		switch row.Verdict {
		case tiendo.VerdictNoData, "":
			continue
		case tiendo.VerdictMet, tiendo.VerdictExceeded:
			a.Ratio++
			a.Met++
		default:
			a.Ratio += min(max(row.Ratio, 0), 1)
		}
		a.N++
		if !seen[row.Target.ID] {
			seen[row.Target.ID] = true
			a.Targets++
		}
	}
	var out []TaskAttainment
	for _, t := range r.Tasks {
		if a := sum[t.ID]; a != nil {
			if a.N > 0 {
				a.Ratio /= float64(a.N)
			}
			out = append(out, *a)
		}
	}
	return out
}

// TargetSummary is one target across the units that lead its task: the
// round page shows one line per target, not one per target and unit, since
// a round sent to a hundred communes would otherwise list every target a
// hundred times.
type TargetSummary struct {
	Target    *tiendo.Target
	TaskLabel string
	Units     int // lead units
	WithData  int
	Met       int // met or exceeded
	NotMet    int
	AtRisk    int
	MeanRatio float64    // over units with data; 0 when none
	Only      *TargetRow // the row itself when one unit leads the task
}

// Summarize groups rows (as Targets returns them) by target, in order.
func Summarize(rows []TargetRow) []TargetSummary {
	var out []TargetSummary
	index := map[int64]int{}
	for i := range rows {
		row := &rows[i]
		k, ok := index[row.Target.ID]
		if !ok {
			k = len(out)
			index[row.Target.ID] = k
			out = append(out, TargetSummary{Target: row.Target, TaskLabel: row.TaskLabel})
		}
		s := &out[k]
		s.Units++
		s.Only = row
		switch row.Verdict {
		case tiendo.VerdictMet, tiendo.VerdictExceeded:
			s.Met++
		case tiendo.VerdictNotMet:
			s.NotMet++
		}
		if row.Verdict != tiendo.VerdictNoData {
			s.WithData++
			s.MeanRatio += row.Ratio
		}
		if row.AtRisk {
			s.AtRisk++
		}
	}
	for i := range out {
		if out[i].WithData > 0 {
			out[i].MeanRatio /= float64(out[i].WithData)
		}
		if out[i].Units > 1 {
			out[i].Only = nil
		}
	}
	return out
}
