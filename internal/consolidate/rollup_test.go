package consolidate

import (
	"strconv"
	"strings"
	"testing"

	"tiendo"
)

func TestRollup(t *testing.T) {
	task := &tiendo.Task{ID: 7, Label: "3", Text: "Xây dựng nông thôn mới", Targets: []*tiendo.Target{
		{ID: 70, Text: "Xây dựng 20 nhà văn hóa thôn", Comparator: tiendo.AtLeast, Value: 20, Unit: "nhà"},
		{ID: 71, Text: "Tỷ lệ hộ nghèo giảm còn dưới 3%", Comparator: tiendo.LessThan, Value: 3, Unit: "%"},
	}}
	tasks := map[int64]*tiendo.Task{7: task}
	parent := &tiendo.UnitReport{UnitID: 1, Sections: []*tiendo.Section{{TaskID: 7, Actuals: []tiendo.Actual{{TargetID: 70}, {TargetID: 71}}}}}
	names := map[int64]string{2: "Xã Hòa Lạc", 3: "Xã An Bình", 4: "Xã Yên Thịnh"}
	children := []*tiendo.UnitReport{
		{UnitID: 2, Sections: []*tiendo.Section{{TaskID: 7, Status: "on_track",
			ResultVsPlan: "Đã khởi công 6 nhà văn hóa. Nguồn vốn được giải ngân đúng hạn.",
			Obstacles:    "Thiếu mặt bằng xây dựng.",
			Actuals:      []tiendo.Actual{{TargetID: 70, Value: f(6), SamePeriod: f(4)}, {TargetID: 71, Value: f(2.5)}}}}},
		{UnitID: 3, Sections: []*tiendo.Section{{TaskID: 7, Status: "behind",
			ResultVsPlan: "Đã khởi công 4 nhà văn hóa. Nguồn vốn được giải ngân đúng hạn.",
			Obstacles:    "- Thiếu mặt bằng xây dựng",
			Actuals:      []tiendo.Actual{{TargetID: 70, Value: f(4), SamePeriod: f(5)}, {TargetID: 71, Value: f(3.5)}}}}},
		{UnitID: 4, Sections: []*tiendo.Section{{TaskID: 7, Status: "completed", ResultVsPlan: "Hoàn thành.",
			Actuals: []tiendo.Actual{{TargetID: 70, Value: f(10), SamePeriod: f(1)}, {TargetID: 71}}}}},
	}
	got := Rollup(parent, tasks, children, names)
	if len(got) != 1 {
		t.Fatalf("got %d sections, want 1", len(got))
	}
	s := got[0]
	if s.TaskID != 7 || s.Status != "behind" {
		t.Errorf("task %d status %q, want 7 behind (the least advanced)", s.TaskID, s.Status)
	}
	if v := s.Actuals[0].Value; v == nil || *v != 20 {
		t.Errorf("count target: %v, want the sum 20", v)
	}
	if v := s.Actuals[0].SamePeriod; v == nil || *v != 10 {
		t.Errorf("count target same period: %v, want 10", v)
	}
	if v := s.Actuals[1].Value; v != nil {
		t.Errorf("percentage target: %v, want none (percentages do not add up)", *v)
	}
	for _, want := range []string{
		"Xã An Bình: Đã khởi công 4 nhà văn hóa. Nguồn vốn được giải ngân đúng hạn.\n\nXã Hòa Lạc: Đã khởi công 6 nhà văn hóa. Nguồn vốn được giải ngân đúng hạn.",
		"Xã Yên Thịnh: Hoàn thành.",
		"- Tỷ lệ hộ nghèo giảm còn dưới 3%: Xã An Bình 3,5%; Xã Hòa Lạc 2,5%.",
		"- Xây dựng 20 nhà văn hóa thôn: Xã An Bình 4 nhà; Xã Hòa Lạc 6 nhà; Xã Yên Thịnh 10 nhà.",
	} {
		if !strings.Contains(s.ResultVsPlan, want) {
			t.Errorf("result lacks %q:\n%s", want, s.ResultVsPlan)
		}
	}
	// The sentence An Bình and Hòa Lạc share stays in each one's text (An
	// Bình first in Vietnamese order); the same obstacle is listed once.
	if s.Obstacles != "- Thiếu mặt bằng xây dựng (Xã An Bình, Xã Hòa Lạc)." {
		t.Errorf("obstacles = %q", s.Obstacles)
	}

	// A missing value leaves the sum to the person.
	children[2].Sections[0].Actuals[0].Value = nil
	if v := Rollup(parent, tasks, children, names)[0].Actuals[0].Value; v != nil {
		t.Errorf("with a value missing the sum is %v, want none", *v)
	}
	// No child report: an empty section, nothing made up.
	empty := Rollup(parent, tasks, nil, names)[0]
	if empty.ResultVsPlan != "" || empty.Status != "" || empty.Actuals[0].Value != nil {
		t.Errorf("from no reports: %+v", empty)
	}
}

func TestAdditive(t *testing.T) {
	for _, c := range []struct {
		text, unit string
		want       bool
	}{
		{"Xây dựng 20 nhà văn hóa", "nhà", true},
		{"Thu ngân sách đạt 120 tỷ đồng", "tỷ đồng", true},
		{"Trồng rừng tập trung 500 ha", "ha", true},
		{"Tỷ lệ hộ nghèo giảm còn 3%", "%", false},
		{"Tỷ lệ che phủ rừng đạt 65", "", false},
		{"Thu nhập bình quân đầu người 60 triệu đồng", "triệu đồng", false},
		{"Tốc độ tăng trưởng kinh tế 8", "", false},
		{"Chỉ số PCI tăng 2 bậc", "bậc", false},
	} {
		if got := Additive(&tiendo.Target{Text: c.text, Unit: c.unit}); got != c.want {
			t.Errorf("Additive(%q, %q) = %v, want %v", c.text, c.unit, got, c.want)
		}
	}
}

// A sentence a hundred communes share counts them instead of naming them.
func TestManyAuthorsCounted(t *testing.T) {
	var ids []int64
	var texts []string
	names := map[int64]string{}
	for i := int64(1); i <= 100; i++ {
		ids = append(ids, i)
		texts = append(texts, "Nguồn vốn phân bổ còn chậm.")
		names[i] = "Ủy ban nhân dân xã Số " + strconv.FormatInt(i, 10)
	}
	if got, want := mergeListed(ids, texts, names), "- Nguồn vốn phân bổ còn chậm (100 đơn vị)."; got != want {
		t.Errorf("mergeListed = %q, want %q", got, want)
	}
	if got, want := mergeListed(ids[:3], texts[:3], names), "- Nguồn vốn phân bổ còn chậm (Ủy ban nhân dân xã Số 1, Ủy ban nhân dân xã Số 2, Ủy ban nhân dân xã Số 3)."; got != want {
		t.Errorf("mergeListed of three = %q, want %q", got, want)
	}
}
