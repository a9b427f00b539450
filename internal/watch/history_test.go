package watch

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"tiendo"
)

// A target led by several units: each unit is its own line over the
// periods in order, whatever order the points come in.
func TestTargetHistoryOneLinePerUnit(t *testing.T) {
	half := tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1}
	nine := tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2022}
	year := tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, tiendo.Zone) }
	// Rounds 7, 3, 5 in the order a store might give them; periods say 3, 5, 7.
	points := []HistoryPoint{
		{RoundID: 7, Period: year, Deadline: day(2026, 12, 1), UnitID: 4, Value: f(3)},
		{RoundID: 7, Period: year, Deadline: day(2026, 12, 1), UnitID: 9, Value: f(3.4)},
		{RoundID: 7, Period: year, Deadline: day(2026, 12, 1), UnitID: 3},
		{RoundID: 3, Period: half, Deadline: day(2022, 6, 7), UnitID: 3, Value: f(3.4)},
		{RoundID: 3, Period: half, Deadline: day(2022, 6, 7), UnitID: 4, Value: f(2.8)},
		{RoundID: 3, Period: half, Deadline: day(2022, 6, 7), UnitID: 9, Value: f(2.8)},
		{RoundID: 5, Period: nine, Deadline: day(2022, 9, 20), UnitID: 4, Value: f(2.9)},
		{RoundID: 5, Period: nine, Deadline: day(2022, 9, 20), UnitID: 12}, // no value anywhere: no line
	}
	units := []*tiendo.Unit{{ID: 9, Name: "Trung tâm Y tế"}, {ID: 3, Name: "Phòng Giáo dục"}, {ID: 4, Name: "Phòng Lao động"}}
	h := TargetHistory(points, units)

	var rounds []int64
	for _, c := range h.Columns {
		rounds = append(rounds, c.RoundID)
	}
	if want := []int64{3, 5, 7}; !slices.Equal(rounds, want) {
		t.Errorf("columns = rounds %v, want %v (periods oldest first)", rounds, want)
	}
	want := map[int64][]*float64{
		9: {f(2.8), nil, f(3.4)},
		3: {f(3.4), nil, nil},
		4: {f(2.8), f(2.9), f(3)},
	}
	if len(h.Lines) != len(want) {
		t.Fatalf("%d lines, want %d: one per unit with a value", len(h.Lines), len(want))
	}
	var order []int64
	for _, l := range h.Lines {
		order = append(order, l.UnitID)
		w := want[l.UnitID]
		if got := fmtValues(l.Values); got != fmtValues(w) {
			t.Errorf("unit %d: values %s, want %s", l.UnitID, got, fmtValues(w))
		}
	}
	if w := []int64{9, 3, 4}; !slices.Equal(order, w) {
		t.Errorf("lines in unit order %v, want %v (the order given)", order, w)
	}
}

// Periods that cannot be placed fall back to the deadline; units missing
// from the order come last.
func TestTargetHistoryFallbacks(t *testing.T) {
	other := tiendo.Period{Kind: tiendo.PeriodOther}
	points := []HistoryPoint{
		{RoundID: 2, Period: other, Deadline: time.Date(2024, 3, 1, 0, 0, 0, 0, tiendo.Zone), UnitID: 8, Value: f(1)},
		{RoundID: 1, Period: other, Deadline: time.Date(2023, 3, 1, 0, 0, 0, 0, tiendo.Zone), UnitID: 5, Value: f(2)},
	}
	h := TargetHistory(points, []*tiendo.Unit{{ID: 5}})
	if len(h.Columns) != 2 || h.Columns[0].RoundID != 1 {
		t.Errorf("columns %+v, want round 1 (due 2023) first", h.Columns)
	}
	if len(h.Lines) != 2 || h.Lines[0].UnitID != 5 || h.Lines[1].UnitID != 8 {
		t.Errorf("lines %+v, want unit 5 (ordered) then 8", h.Lines)
	}
	if len(TargetHistory(nil, nil).Lines) != 0 {
		t.Errorf("no points, yet lines")
	}
}

func fmtValues(vs []*float64) string {
	s := "["
	for i, v := range vs {
		if i > 0 {
			s += " "
		}
		if v == nil {
			s += "nil"
		} else {
			s += strconv.FormatFloat(*v, 'f', -1, 64)
		}
	}
	return s + "]"
}
