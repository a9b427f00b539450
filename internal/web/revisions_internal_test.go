package web

import (
	"slices"
	"testing"

	"tiendo"
)

// The comparison of two submissions names a figure's unit of measure with
// the figure: the values are compared as written, "40,1" for 40,1 %.
func TestCompareReportsNamesTheUnit(t *testing.T) {
	t.Parallel()
	tg := &tiendo.Target{ID: 9, Text: "Tỷ lệ trẻ ra lớp đạt 42%", Unit: "%"}
	p := &reportPage{Tasks: map[int64]*tiendo.Task{7: {ID: 7, Label: "7", Targets: []*tiendo.Target{tg}}}, Target: map[int64]*tiendo.Target{9: tg}}
	v1, v2, s2 := 38.5, 40.1, 39.0
	a := &tiendo.UnitReport{Sections: []*tiendo.Section{{TaskID: 7, Actuals: []tiendo.Actual{{TargetID: 9, Value: &v1}}}}}
	b := &tiendo.UnitReport{Sections: []*tiendo.Section{{TaskID: 7, Actuals: []tiendo.Actual{{TargetID: 9, Value: &v2, SamePeriod: &s2}}}}}
	var labels []string
	for _, d := range compareReports(p, a, b) {
		labels = append(labels, d.Label)
	}
	want := []string{"Nhiệm vụ 7: Tỷ lệ trẻ ra lớp đạt 42% (thực hiện, %)", "Nhiệm vụ 7: Tỷ lệ trẻ ra lớp đạt 42% (cùng kỳ, %)"}
	if !slices.Equal(labels, want) {
		t.Errorf("labels = %q, want %q", labels, want)
	}
}
