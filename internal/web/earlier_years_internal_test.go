package web

import (
	"testing"

	"tiendo"
)

// Two tasks a directive numbered 12 are told apart in the earlier-years
// notice as the matrix tells them apart: "12" and "12 (2)".
func TestEarlierYearsNameTasksAsTheMatrix(t *testing.T) {
	r := &tiendo.Round{Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026}, Tasks: []*tiendo.Task{
		{Label: "12", Position: 1, Text: "Tuyển quân năm 2025"},
		{Label: "12", Position: 2, Text: "Khám sức khỏe năm 2025", Targets: []*tiendo.Target{{Text: "100% thanh niên năm 2025"}}},
	}}
	var got []string
	for _, m := range earlierYears(r) {
		got = append(got, m.What)
	}
	want := []string{"Nhiệm vụ 12", "Nhiệm vụ 12 (2)", "Nhiệm vụ 12 (2), chỉ tiêu 1"}
	if len(got) != len(want) {
		t.Fatalf("mentions %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("mention %d is %q, want %q", i, got[i], want[i])
		}
	}
}
