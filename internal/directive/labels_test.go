package directive

import (
	"strings"
	"testing"
)

// A directive that numbers two different tasks 12, the slip of the seed:
// the list items run 10, 11 but their "(nhiệm vụ N)" labels say 12 twice.
// Both tasks are kept as labelled, and the warning names the label and how
// each task begins so that the office can tell which to renumber.
const duplicateLabelDirective = `ỦY BAN NHÂN DÂN HUYỆN AN BÌNH
Số: 77/UBND-VP
An Bình, ngày 03 tháng 6 năm 2024
V/v báo cáo nhiệm vụ trọng tâm

Kính gửi: Phòng Nội vụ; Phòng Tư pháp; Công an huyện.

UBND huyện yêu cầu các cơ quan, đơn vị báo cáo cụ thể như sau:

10. Giao Công an huyện xây dựng: Báo cáo việc giảm tai nạn giao thông cả 3 tiêu chí (nhiệm vụ 11).

11. Giao Phòng Nội vụ xây dựng: Báo cáo việc nâng Chỉ số cải cách hành chính, xếp loại tốt (nhiệm vụ 12).

12. Giao Phòng Tư pháp xây dựng: Báo cáo việc hòa giải ở cơ sở, tỷ lệ hòa giải thành đạt 85% trở lên (nhiệm vụ 12).

Báo cáo gửi về UBND huyện trước ngày 10/6/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.
`

func TestDuplicateLabelWarningNamesBothTasks(t *testing.T) {
	r := Parse(duplicateLabelDirective, nil)
	var labels []string
	for _, task := range r.Tasks {
		labels = append(labels, task.Label)
	}
	if got, want := strings.Join(labels, ","), "11,12,12"; got != want {
		t.Fatalf("labels = %s, want %s (kept as written, not renumbered)", got, want)
	}
	var dup []Warning
	for _, w := range r.Warnings {
		if w.Code == WarnDuplicateLabel {
			dup = append(dup, w)
		}
	}
	if len(dup) != 1 {
		t.Fatalf("duplicate-label warnings = %+v, want one", dup)
	}
	if got, want := dup[0].Line, r.Tasks[2].Line; got != want {
		t.Errorf("warning on line %d, want %d (the repeat)", got, want)
	}
	for _, want := range []string{`“12”`, `“Báo cáo việc nâng Chỉ số cải cách hành chính`, `“Báo cáo việc hòa giải ở cơ sở`,
		"(dòng 12)", "(dòng 14)"} {
		if !strings.Contains(dup[0].Message, want) {
			t.Errorf("warning %q lacks %q", dup[0].Message, want)
		}
	}
}

func TestLabelClashes(t *testing.T) {
	long := "Báo cáo việc nâng cao chất lượng, hiệu quả phục vụ người dân và doanh nghiệp, nâng hạng chỉ số DDCI"
	tasks := []Task{
		{Label: "1", Text: "Rà soát kênh mương", Line: 10},
		{Label: "2", Text: long, Line: 12},
		{Label: " 2 ", Text: "Kiểm tra   văn bản", Line: 0},
		{Label: "", Text: "Không số"},
		{Label: "", Text: "Cũng không số"},
		{Label: "2", Text: "", Line: 20},
	}
	got := LabelClashes(tasks)
	if len(got) != 2 {
		t.Fatalf("clashes = %+v, want two (tasks 3 and 6 repeat task 2; unlabelled tasks never clash)", got)
	}
	for i, want := range []struct {
		first, repeat int
		parts         []string
	}{
		{1, 2, []string{`“2”`, `“Báo cáo việc nâng cao chất lượng, hiệu quả phục vụ người dân…” (dòng 12)`, `“Kiểm tra văn bản” (nhiệm vụ thứ 3)`}},
		{1, 5, []string{`một nhiệm vụ chưa có nội dung (dòng 20)`}},
	} {
		c := got[i]
		if c.First != want.first || c.Repeat != want.repeat || c.Warning.Code != WarnDuplicateLabel {
			t.Errorf("clash %d = %d/%d %s, want %d/%d", i, c.First, c.Repeat, c.Warning.Code, want.first, want.repeat)
		}
		for _, p := range want.parts {
			if !strings.Contains(c.Warning.Message, p) {
				t.Errorf("clash %d message %q lacks %q", i, c.Warning.Message, p)
			}
		}
	}
	if got[1].Warning.Line != 20 {
		t.Errorf("second clash on line %d, want 20", got[1].Warning.Line)
	}
}
