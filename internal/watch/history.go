package watch

import (
	"cmp"
	"slices"
	"time"

	"tiendo"
)

// HistoryPoint is one lead unit's value for a target in one round of the
// target's chain (the store's Series).
type HistoryPoint struct {
	RoundID  int64
	Period   tiendo.Period
	Deadline time.Time
	UnitID   int64
	Value    *float64 // nil: the unit reported nothing
}

// HistoryColumn is one round of a target's history: one period on the
// chart's x axis.
type HistoryColumn struct {
	RoundID  int64
	Period   tiendo.Period
	Deadline time.Time
}

// HistoryLine is one unit's values, one for each column; nil where the unit
// reported nothing in that round.
type HistoryLine struct {
	UnitID int64
	Values []*float64
}

// History is a target's values across rounds, shaped for a line chart.
type History struct {
	Columns []HistoryColumn // oldest period first
	Lines   []HistoryLine   // one per unit with at least one value
}

// TargetHistory arranges a target's points into one line per lead unit over
// the periods in order. Each unit reports its own figure for the target
// (the verdict is judged per unit, and "giảm tỷ lệ hộ nghèo 3%" or "đạt
// 42%" cannot be summed across units), so values of different units never
// share a line. Columns are ordered by the end of their period (the
// deadline where the period cannot be placed, then the deadline, then the
// round); lines follow units, which the caller gives in Vietnamese order,
// and units not in it come last by id. A unit with no value in any round
// gets no line.
func TargetHistory(points []HistoryPoint, units []*tiendo.Unit) History {
	var h History
	col := map[int64]int{}
	for _, p := range points {
		if _, ok := col[p.RoundID]; !ok {
			col[p.RoundID] = len(h.Columns)
			h.Columns = append(h.Columns, HistoryColumn{RoundID: p.RoundID, Period: p.Period, Deadline: p.Deadline})
		}
	}
	slices.SortStableFunc(h.Columns, func(a, b HistoryColumn) int {
		return cmp.Or(periodEnd(a).Compare(periodEnd(b)), a.Deadline.Compare(b.Deadline), cmp.Compare(a.RoundID, b.RoundID))
	})
	for i, c := range h.Columns {
		col[c.RoundID] = i
	}

	rank := make(map[int64]int, len(units))
	for i, u := range units {
		rank[u.ID] = i
	}
	lines := map[int64]*HistoryLine{}
	for _, p := range points {
		if p.Value == nil {
			continue
		}
		l := lines[p.UnitID]
		if l == nil {
			l = &HistoryLine{UnitID: p.UnitID, Values: make([]*float64, len(h.Columns))}
			lines[p.UnitID] = l
		}
		v := *p.Value
		l.Values[col[p.RoundID]] = &v
	}
	for _, l := range lines {
		h.Lines = append(h.Lines, *l)
	}
	slices.SortFunc(h.Lines, func(a, b HistoryLine) int {
		ra, oka := rank[a.UnitID]
		rb, okb := rank[b.UnitID]
		switch {
		case oka && okb:
			return cmp.Compare(ra, rb)
		case oka:
			return -1
		case okb:
			return 1
		}
		return cmp.Compare(a.UnitID, b.UnitID)
	})
	return h
}

// periodEnd is the last day of the column's period in calendar months, or
// its deadline when the period cannot be placed ("other", no year).
func periodEnd(c HistoryColumn) time.Time {
	if w, ok := c.Period.Window(tiendo.CalendarCutoffDay); ok {
		return w.To
	}
	return c.Deadline
}
