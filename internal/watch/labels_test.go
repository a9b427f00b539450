package watch

import (
	"slices"
	"testing"
	"time"

	"tiendo"
)

func TestTaskLabels(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tasks []*tiendo.Task
		want  []string
	}{
		{"distinct", []*tiendo.Task{{Label: "1"}, {Label: "2"}, {Label: "3"}}, []string{"1", "2", "3"}},
		// The seed numbers its tasks 10, 11 and 12 twice.
		{"twice", []*tiendo.Task{{Label: "11"}, {Label: "12"}, {Label: "12"}}, []string{"11", "12", "12 (2)"}},
		{"three times", []*tiendo.Task{{Label: "12"}, {Label: "12"}, {Label: "12"}}, []string{"12", "12 (2)", "12 (3)"}},
		{"spaces", []*tiendo.Task{{Label: "12"}, {Label: " 12 "}}, []string{"12", "12 (2)"}},
		// The directive's order, not the slice's, says which is the second.
		{"positions", []*tiendo.Task{{Label: "12", Position: 3}, {Label: "12", Position: 2}}, []string{"12 (2)", "12"}},
		{"no label", []*tiendo.Task{{Label: "1", Position: 1}, {Position: 2}, {}}, []string{"1", "2", "3"}},
		// A label that already reads like a made-up one is not given twice.
		{"taken", []*tiendo.Task{{Label: "12"}, {Label: "12 (2)"}, {Label: "12"}}, []string{"12", "12 (2)", "12 (3)"}},
		{"none", nil, []string{}},
	} {
		if got := TaskLabels(tc.tasks); !slices.Equal(got, tc.want) {
			t.Errorf("%s: TaskLabels = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The matrix's columns, the target rows (and so the target table, the
// consolidated report's indicator table) and the attainment chart name a
// second task 12 alike, and apart from the first.
func TestTwoTasksOfOneLabelAreToldApart(t *testing.T) {
	r := round()
	r.Tasks[0].Label, r.Tasks[1].Label = "12", "12"
	m := BuildMatrix(r, []*tiendo.Unit{{ID: 1}, {ID: 2}, {ID: 3}, {ID: 4}}, nil)
	if want := []string{"12", "12 (2)"}; !slices.Equal(m.Labels, want) {
		t.Errorf("matrix labels = %q, want %q", m.Labels, want)
	}
	if got := m.Filter([]CellState{CellMissing}, 0).Labels; !slices.Equal(got, m.Labels) {
		t.Errorf("filtered matrix labels = %q, want %q", got, m.Labels)
	}
	rows := Targets(r, tiendo.Window{}, []Actual{{UnitID: 1, TargetID: 100, Value: f(65)}, {UnitID: 2, TargetID: 101, Value: f(4)}}, nil, time.Now())
	for _, row := range rows {
		want := map[int64]string{10: "12", 11: "12 (2)"}[row.Task.ID]
		if row.TaskLabel != want {
			t.Errorf("target %d of task %d: TaskLabel = %q, want %q", row.Target.ID, row.Task.ID, row.TaskLabel, want)
		}
	}
	var bars []string
	for _, a := range Attainment(r, rows) {
		bars = append(bars, a.Label)
	}
	if want := []string{"12", "12 (2)"}; !slices.Equal(bars, want) {
		t.Errorf("attainment bars = %q, want %q", bars, want)
	}
}

func TestRatioText(t *testing.T) {
	for _, tc := range []struct {
		ratio float64
		want  string
	}{
		{65.0 / 70, "92,9%"},
		{0.5, "50%"},
		{1, "100%"},
		{1.0 / 3, "33,3%"},
		{411.5, "41.150%"},
		{0.9996, "100%"},
	} {
		if got := RatioText(tc.ratio); got != tc.want {
			t.Errorf("RatioText(%v) = %q, want %q", tc.ratio, got, tc.want)
		}
	}
}
