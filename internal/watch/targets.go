package watch

import (
	"time"

	"tiendo"
)

// TargetRow is one target as one lead unit reported it.
type TargetRow struct {
	Task       *tiendo.Task   `json:"-"`
	Target     *tiendo.Target `json:"target"`
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
// task, with the unit's value, the verdict and the ratio. When the report
// date falls inside the period (a half-year round due on 7 June), a goal to
// reach is projected linearly to the period's end and flagged at risk when
// the projection still misses; ceilings and rates capped at 100 % are
// projected no further than 100.
func Targets(r *tiendo.Round, actuals []Actual, states map[int64]State, now time.Time) []TargetRow {
	byKey := make(map[[2]int64]Actual, len(actuals))
	for _, a := range actuals {
		byKey[[2]int64{a.UnitID, a.TargetID}] = a
	}
	start, end, ok := PeriodSpan(r.Period)
	var rows []TargetRow
	for _, t := range r.Tasks {
		for _, as := range t.Assignees {
			if as.Role != tiendo.Lead {
				continue
			}
			for _, tg := range t.Targets {
				a := byKey[[2]int64{as.UnitID, tg.ID}]
				row := TargetRow{Task: t, Target: tg, TaskLabel: t.Label, UnitID: as.UnitID, Actual: a.Value, SamePeriod: a.SamePeriod}
				row.Verdict, row.Ratio = tiendo.Assess(tg, a.Value)
				at := states[as.UnitID].SubmittedAt
				if at.IsZero() {
					at = now
				}
				if ok && a.Value != nil && at.After(start) && at.Before(end) {
					row.Projected, row.AtRisk = project(tg, *a.Value, at.Sub(start).Hours()/end.Sub(start).Hours())
				}
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// project carries a value reached by elapsed (0..1) of the period to its end.
func project(tg *tiendo.Target, v, elapsed float64) (*float64, bool) {
	switch tg.Comparator {
	case tiendo.AtMost, tiendo.LessThan:
		return nil, false // a ceiling met so far may still be broken; nothing to add
	}
	if tg.Comparator == tiendo.Equal && tg.Direction == "decrease" || elapsed <= 0 {
		return nil, false
	}
	p := v / elapsed
	if tg.Unit == "%" && p > 100 {
		p = 100
	}
	verdict, _ := tiendo.Assess(tg, &p)
	return &p, verdict == tiendo.VerdictNotMet
}

// PeriodSpan returns the calendar span of a period in the issuers' zone,
// and false when the period is unknown.
func PeriodSpan(p tiendo.Period) (start, end time.Time, ok bool) {
	if p.Year == 0 {
		return time.Time{}, time.Time{}, false
	}
	jan1 := time.Date(p.Year, 1, 1, 0, 0, 0, 0, tiendo.Zone)
	switch p.Kind {
	case tiendo.PeriodYear:
		return jan1, jan1.AddDate(1, 0, 0), true
	case tiendo.PeriodHalfYear:
		if p.Index == 2 {
			return jan1.AddDate(0, 6, 0), jan1.AddDate(1, 0, 0), true
		}
		return jan1, jan1.AddDate(0, 6, 0), true
	case tiendo.PeriodNineMonth:
		return jan1, jan1.AddDate(0, 9, 0), true
	case tiendo.PeriodQuarter:
		if p.Index >= 1 && p.Index <= 4 {
			s := jan1.AddDate(0, 3*(p.Index-1), 0)
			return s, s.AddDate(0, 3, 0), true
		}
	case tiendo.PeriodMonth:
		if p.Index >= 1 && p.Index <= 12 {
			s := jan1.AddDate(0, p.Index-1, 0)
			return s, s.AddDate(0, 1, 0), true
		}
	}
	return time.Time{}, time.Time{}, false
}

// TaskAttainment is a task's mean ratio over its targets that have data,
// for the attainment chart.
type TaskAttainment struct {
	Label string  `json:"label"`
	Ratio float64 `json:"ratio"`
	N     int     `json:"n"` // targets with data
}

// Attainment averages the target ratios of each task, in task order.
func Attainment(r *tiendo.Round, rows []TargetRow) []TaskAttainment {
	sum := map[int64]*TaskAttainment{}
	for _, row := range rows {
		a := sum[row.Task.ID]
		if a == nil {
			a = &TaskAttainment{Label: row.TaskLabel}
			sum[row.Task.ID] = a
		}
		if row.Verdict != tiendo.VerdictNoData && row.Ratio > 0 {
			a.Ratio += row.Ratio
			a.N++
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
