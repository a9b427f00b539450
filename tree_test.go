package tiendo

import "testing"

func TestReportingParent(t *testing.T) {
	// 1 province > 2 department > 3 office > 4 team; 5 commune under 1;
	// 6 and 7 point at each other.
	parent := map[int64]int64{2: 1, 3: 2, 4: 3, 5: 1, 6: 7, 7: 6}
	asked := map[int64]bool{1: true, 3: true, 4: true, 5: true, 6: true}
	is := func(id int64) bool { return asked[id] }
	for _, tc := range []struct {
		id   int64
		want int64
		ok   bool
	}{
		{4, 3, true},  // the nearest asked unit above
		{3, 1, true},  // 2 is not asked: past it to 1
		{5, 1, true},  // straight under the top
		{1, 0, false}, // the top reports to the office
		{7, 6, true},
		{6, 0, false}, // the cycle ends the walk
		{9, 0, false}, // unknown unit
	} {
		if got, ok := ReportingParent(tc.id, parent, is); got != tc.want || ok != tc.ok {
			t.Errorf("ReportingParent(%d) = %d, %v; want %d, %v", tc.id, got, ok, tc.want, tc.ok)
		}
	}
}
