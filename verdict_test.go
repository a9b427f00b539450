package tiendo

import (
	"math"
	"testing"
)

func TestAssess(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name      string
		target    Target
		actual    *float64
		want      Verdict
		wantRatio float64
	}{
		{"no data", Target{Comparator: AtLeast, Value: 70}, nil, VerdictNoData, 0},
		{">= below", Target{Comparator: AtLeast, Value: 70}, f(65), VerdictNotMet, 0.92857},
		{">= at", Target{Comparator: AtLeast, Value: 70}, f(70), VerdictMet, 1},
		{">= above", Target{Comparator: AtLeast, Value: 70}, f(80), VerdictExceeded, 1.142857},
		{"> at is not met", Target{Comparator: MoreThan, Value: 60}, f(60), VerdictNotMet, 1},
		{"> above", Target{Comparator: MoreThan, Value: 60}, f(61), VerdictMet, 1.016667},
		{"= count reached", Target{Comparator: Equal, Value: 2}, f(2), VerdictMet, 1},
		{"= count beyond", Target{Comparator: Equal, Value: 2}, f(3), VerdictExceeded, 1.5},
		{"= count short", Target{Comparator: Equal, Value: 2}, f(1), VerdictNotMet, 0.5},
		{"<= under", Target{Comparator: AtMost, Value: 4.5}, f(4), VerdictExceeded, 1.125},
		{"<= at", Target{Comparator: AtMost, Value: 4.5}, f(4.5), VerdictMet, 1},
		{"<= over", Target{Comparator: AtMost, Value: 4.5}, f(5), VerdictNotMet, 0.9},
		{"< under", Target{Comparator: LessThan, Value: 4.5}, f(4), VerdictMet, 1.125},
		{"< at is not met", Target{Comparator: LessThan, Value: 4.5}, f(4.5), VerdictNotMet, 1},
		{"decrease >= 3: decreased 3.2", Target{Comparator: AtLeast, Value: 3, Direction: "decrease"}, f(3.2), VerdictExceeded, 1.066667},
		{"decrease >= 3: decreased 2", Target{Comparator: AtLeast, Value: 3, Direction: "decrease"}, f(2), VerdictNotMet, 0.666667},
		{"increase vs estimate >= 10: 12.5", Target{Comparator: AtLeast, Value: 10, Direction: "increase", RelativeTo: "estimate"}, f(12.5), VerdictExceeded, 1.25},
		// "giảm 5%": the decrease achieved, a goal to reach. (A level to
		// come down to, "xuống còn 5%", is parsed as "<=" with no direction.)
		{"= with decrease is the decrease to reach", Target{Comparator: Equal, Value: 5, Direction: "decrease"}, f(4), VerdictNotMet, 0.8},
		{"<= a level to come down to", Target{Comparator: AtMost, Value: 5}, f(4), VerdictExceeded, 1.25},
		{"zero goal", Target{Comparator: AtLeast, Value: 0}, f(3), VerdictExceeded, 0},
		{"zero actual under a ceiling", Target{Comparator: AtMost, Value: 2}, f(0), VerdictExceeded, 0},
	} {
		got, ratio := Assess(&tc.target, tc.actual)
		if got != tc.want || math.Abs(ratio-tc.wantRatio) > 1e-5 {
			t.Errorf("%s: Assess = %s, %.6f; want %s, %.6f", tc.name, got, ratio, tc.want, tc.wantRatio)
		}
	}
}
