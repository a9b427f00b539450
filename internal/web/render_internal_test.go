package web

import (
	"testing"

	"tiendo"
)

func TestGoalLabel(t *testing.T) {
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
