package consolidate

import (
	"regexp"
	"strings"
	"testing"

	"tiendo"
)

func TestRatioWords(t *testing.T) {
	gpmb := &tiendo.Target{Text: "phân đấu tỷ lệ giải phóng mặt bằng đạt 70% trở lên", Comparator: tiendo.AtLeast, Value: 70, Unit: "%"}
	tyDong := &tiendo.Target{Text: "thu ngân sách trên địa bàn đạt 1.200 tỷ đồng", Comparator: tiendo.AtLeast, Value: 1200, Unit: "tỷ đồng", RelativeTo: "estimate"}
	khu := &tiendo.Target{Text: "xây dựng 02 khu dân cư kiểu mẫu trở lên", Comparator: tiendo.AtLeast, Value: 2, Unit: "khu dân cư"}
	tren := &tiendo.Target{Text: "tỷ lệ giải ngân đạt trên 60%", Comparator: tiendo.MoreThan, Value: 60, Unit: "%"}
	tranDuoi := &tiendo.Target{Text: "tỷ lệ hộ nghèo không quá 4,5%", Comparator: tiendo.AtMost, Value: 4.5, Unit: "%"}
	thu := &tiendo.Target{Text: "thu nội địa tăng 10% trở lên so với dự toán tỉnh giao", Comparator: tiendo.AtLeast, Value: 10, Unit: "%", Direction: "increase", RelativeTo: "estimate"}
	ngheo := &tiendo.Target{Text: "Báo cáo việc giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"}
	vu := &tiendo.Target{Text: "giảm 5 vụ tai nạn giao thông so với cùng kỳ", Comparator: tiendo.Equal, Value: 5, Unit: "vụ", Direction: "decrease", RelativeTo: "same-period"}
	ngansach := &tiendo.Target{Text: "thu ngân sách đạt 100% dự toán trở lên", Comparator: tiendo.AtLeast, Value: 100, Unit: "%", RelativeTo: "estimate"}
	for _, tc := range []struct {
		name   string
		target *tiendo.Target
		actual *float64
		want   string
		base   string
	}{
		{"a level", gpmb, f(65), "bằng 92,9% kế hoạch", "kế hoạch"},
		{"a whole ratio has no decimal", gpmb, f(35), "bằng 50% kế hoạch", "kế hoạch"},
		{"against the estimate", tyDong, f(1260), "bằng 105% dự toán", "dự toán"},
		{"a count", khu, f(1), "bằng 50% kế hoạch", "kế hoạch"},
		{"trên, not reached", tren, f(55), "bằng 91,7% kế hoạch", "kế hoạch"},
		{"trên, reached: “trên mức” says it", tren, f(62), "", "kế hoạch"},
		{"a ceiling: the ratio is the goal over the actual", tranDuoi, f(4), "", ""},
		{"a change is a share of the change asked, not of the estimate", thu, f(8), "bằng 80% mức tăng 10% đề ra", "mức tăng 10% đề ra"},
		{"a decrease", ngheo, f(3.2), "bằng 106,7% mức giảm 3% đề ra", "mức giảm 3% đề ra"},
		{"a decrease of a count, against last year", vu, f(4), "bằng 80% mức giảm 5 vụ đề ra", "mức giảm 5 vụ đề ra"},
		{"a decrease the other way has no ratio", ngheo, f(-0.5), "", "mức giảm 3% đề ra"},
		{"a share already says it", ngansach, f(105), "", ""},
		{"no data", gpmb, nil, "", "kế hoạch"},
		{"nothing done", gpmb, f(0), "", "kế hoạch"},
	} {
		if got := RatioWords(tc.target, tc.actual); got != tc.want {
			t.Errorf("%s: RatioWords = %q, want %q", tc.name, got, tc.want)
		}
		if got := RatioBase(tc.target); got != tc.base {
			t.Errorf("%s: RatioBase = %q, want %q", tc.name, got, tc.base)
		}
	}
	if RatioWords(nil, f(1)) != "" || RatioBase(nil) != "" {
		t.Errorf("a nil target has ratio words")
	}
}

// ratioInSentence is a ratio as a sentence words it.
var ratioInSentence = regexp.MustCompile(`bằng [0-9.,]+% (kế hoạch|dự toán|mức (?:tăng|giảm) [^,]+ đề ra)`)

// The report form's verdict and the consolidated report's sentence say the
// ratio in the same words: RatioWords is the sentence's, and the sentence
// gives no other.
func TestRatioWordsAreTheSentences(t *testing.T) {
	for _, cmp := range []tiendo.Comparator{tiendo.AtLeast, tiendo.MoreThan, tiendo.Equal, tiendo.AtMost, tiendo.LessThan, ""} {
		for _, dir := range []string{"", "increase", "decrease"} {
			for _, rel := range []string{"", "plan", "estimate", "same-period"} {
				for _, unit := range []string{"%", "trường", "ha"} {
					tg := &tiendo.Target{Text: "chỉ tiêu thử đạt 10 " + unit, Comparator: cmp, Value: 10, Unit: unit, Direction: dir, RelativeTo: rel}
					for _, a := range []float64{0, 5, 10, 15} {
						s := TargetSentence(tg, "", &a, nil)
						w := RatioWords(tg, &a)
						got := ratioInSentence.FindAllString(s, -1)
						if w == "" && len(got) > 0 || w != "" && (len(got) != 1 || got[0] != w) {
							t.Errorf("%s %s %s %s, actual %v: sentence %q, RatioWords %q", cmp, dir, rel, unit, a, s, w)
						}
					}
				}
			}
		}
	}
}

// The indicator table names the second of two tasks numbered 12 as the
// round page's matrix does.
func TestIndicatorRowsTellTasksOfOneLabelApart(t *testing.T) {
	lead := []tiendo.Assignee{{UnitID: 1, Role: tiendo.Lead}}
	r := &tiendo.Round{UnitIDs: []int64{1}, Tasks: []*tiendo.Task{
		{ID: 1, Position: 1, Label: "12", Text: "Nâng cao chỉ số PAPI", Assignees: lead,
			Targets: []*tiendo.Target{{ID: 10, Text: "chỉ số PAPI đạt 45 điểm", Comparator: tiendo.AtLeast, Value: 45, Unit: "điểm"}}},
		{ID: 2, Position: 2, Label: "12", Text: "Nâng hạng chỉ số DDCI", Assignees: lead,
			Targets: []*tiendo.Target{{ID: 20, Text: "eKYC cho 90% hồ sơ", Comparator: tiendo.AtLeast, Value: 90, Unit: "%"}}},
	}}
	rep := &tiendo.UnitReport{UnitID: 1, Status: tiendo.ReportSubmitted, Sections: []*tiendo.Section{
		{TaskID: 1, Actuals: []tiendo.Actual{{TargetID: 10, Value: f(40)}}},
		{TaskID: 2, Actuals: []tiendo.Actual{{TargetID: 20, Value: f(95)}}},
	}}
	in := Input{Round: r, Units: map[int64]*tiendo.Unit{1: {ID: 1, Name: "Phòng Nội vụ"}}, Reports: []*tiendo.UnitReport{rep}}
	var got []string
	for _, row := range IndicatorRows(in) {
		got = append(got, row.Task+" | "+row.Target)
	}
	want := []string{"Nhiệm vụ 12 | Chỉ số PAPI đạt 45 điểm", "Nhiệm vụ 12 (2) | eKYC cho 90% hồ sơ"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("indicator rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A parent's roll-up lists each target on a line of its own, starting with
// a capital, whatever the directive's text cut it from.
func TestRollupCapitalisesTargets(t *testing.T) {
	task := &tiendo.Task{ID: 7, Label: "3", Targets: []*tiendo.Target{
		{ID: 70, Text: "đưa 20 nhà văn hóa thôn vào sử dụng", Comparator: tiendo.AtLeast, Value: 20, Unit: "nhà"},
	}}
	parent := &tiendo.UnitReport{UnitID: 1, Sections: []*tiendo.Section{{TaskID: 7, Actuals: []tiendo.Actual{{TargetID: 70}}}}}
	children := []*tiendo.UnitReport{{UnitID: 2, Sections: []*tiendo.Section{{TaskID: 7, Actuals: []tiendo.Actual{{TargetID: 70, Value: f(6)}}}}}}
	got := Rollup(parent, map[int64]*tiendo.Task{7: task}, children, map[int64]string{2: "Xã Hòa Lạc"})
	if want := "- Đưa 20 nhà văn hóa thôn vào sử dụng: Xã Hòa Lạc 6 nhà."; len(got) != 1 || !strings.Contains(got[0].ResultVsPlan, want) {
		t.Errorf("roll-up lacks %q: %+v", want, got)
	}
}
