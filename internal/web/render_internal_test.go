package web

import (
	"testing"

	"tiendo"
)

func TestGoalLabel(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		target tiendo.Target
		want   string
	}{
		{tiendo.Target{Comparator: tiendo.AtLeast, Value: 70, Unit: "%"}, "từ 70% trở lên"},
		{tiendo.Target{Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"}, "giảm từ 3% trở lên"},
		{tiendo.Target{Comparator: tiendo.AtLeast, Value: 10, Unit: "%", Direction: "increase"}, "tăng từ 10% trở lên"},
		{tiendo.Target{Comparator: tiendo.MoreThan, Value: 1234.5, Unit: "triệu đồng"}, "trên 1.234,5 triệu đồng"},
		{tiendo.Target{Comparator: tiendo.AtMost, Value: 5, Unit: "%"}, "không quá 5%"},
		{tiendo.Target{Comparator: tiendo.LessThan, Value: 2.5, Unit: "%"}, "dưới 2,5%"},
		{tiendo.Target{Comparator: tiendo.Equal, Value: 2, Unit: "trường"}, "đạt 2 trường"},
		{tiendo.Target{Comparator: tiendo.Equal, Value: 5, Unit: "%", Direction: "increase"}, "tăng 5%"},
	} {
		if got := goalLabel(&c.target); got != c.want {
			t.Errorf("goalLabel(%+v) = %q, want %q", c.target, got, c.want)
		}
	}
	if got := goalLabel(nil); got != "" {
		t.Errorf("goalLabel(nil) = %q", got)
	}
}

// A projection is written whole for things counted, and cut rather than
// rounded when it falls short, so the figure never reaches the goal it is
// said to miss.
func TestProjectedText(t *testing.T) {
	t.Parallel()
	f := func(v float64) *float64 { return &v }
	rate := &tiendo.Target{Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"}
	schools := &tiendo.Target{Comparator: tiendo.Equal, Value: 2, Unit: "trường"}
	for _, c := range []struct {
		tg     *tiendo.Target
		p      float64
		atRisk bool
		want   string
	}{
		{rate, 2.96, true, "2,9"},
		{rate, 3.04, false, "3,0"},
		{rate, 12.26, false, "12,3"},
		{schools, 2, false, "2"},
		{schools, 1, true, "1"},
	} {
		if got := projectedText(c.tg, f(c.p), c.atRisk); got != c.want {
			t.Errorf("projectedText(%v, %v) = %q, want %q", c.p, c.atRisk, got, c.want)
		}
	}
}
