package directive

import (
	"slices"
	"testing"

	"tiendo"
)

// TestReporters: a clause that opens with exactly one of a task's lead
// units gives it the targets written or named in the clause; anything else
// leaves them to every lead unit.
func TestReporters(t *testing.T) {
	leads := []Assignee{{Name: "Phòng Văn hóa - Xã hội", Role: tiendo.Lead}, {Name: "Phòng Kinh tế", Role: tiendo.Lead}}
	tests := []struct {
		name, text string
		assignees  []Assignee
		want       []string // each target's reporter
		texts      []string // each target's text, when checked
	}{
		{"trong đó with numbers",
			"Báo cáo kết quả thực hiện các chỉ tiêu xã hội; trong đó: Phòng Văn hóa - Xã hội phấn đấu 02 trường đạt chuẩn quốc gia, giảm tỷ lệ hộ nghèo 1,5%; Phòng Kinh tế giải quyết việc làm cho ít nhất 350 lao động",
			leads, []string{"Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế"},
			[]string{"phấn đấu 02 trường đạt chuẩn quốc gia", "giảm tỷ lệ hộ nghèo 1,5%", "giải quyết việc làm cho ít nhất 350 lao động"}},
		{"tiendo's letter names them without numbers",
			"Giảm tỷ lệ hộ nghèo từ 3% trở lên; xây dựng 02 trường học đạt chuẩn quốc gia; tỷ lệ nợ đọng không vượt quá 5%; trong đó, Phòng Kinh tế báo cáo chỉ tiêu giảm tỷ lệ hộ nghèo; Phòng Văn hóa - Xã hội báo cáo chỉ tiêu xây dựng trường học đạt chuẩn quốc gia; mỗi đơn vị đều báo cáo chỉ tiêu tỷ lệ nợ đọng",
			leads, []string{"Phòng Kinh tế", "Phòng Văn hóa - Xã hội", ""}, nil},
		{"ordinal names",
			"Hoàn thành 12 công trình; tổ chức 30 lớp tập huấn; trong đó, Phòng Kinh tế báo cáo chỉ tiêu thứ nhất; Phòng Văn hóa - Xã hội báo cáo chỉ tiêu thứ hai",
			leads, []string{"Phòng Kinh tế", "Phòng Văn hóa - Xã hội"}, nil},
		{"both units open the clause",
			"Phòng Văn hóa - Xã hội và Phòng Kinh tế phấn đấu giải quyết việc làm cho 350 lao động",
			leads, []string{""}, nil},
		{"the clause names the other lead unit too",
			"Phòng Kinh tế phối hợp chặt chẽ, cùng Phòng Văn hóa - Xã hội giải quyết việc làm cho 350 lao động",
			leads, []string{""}, nil},
		{"one lead unit",
			"Phòng Kinh tế phấn đấu giải quyết việc làm cho 350 lao động",
			[]Assignee{leads[1], {Name: "Phòng Văn hóa - Xã hội", Role: tiendo.Support}}, []string{""}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			task := Task{Text: tt.text, Assignees: tt.assignees, Targets: targets(tt.text)}
			(&parser{res: &Result{}}).taskReporters(&task)
			var got, texts []string
			for _, g := range task.Targets {
				got, texts = append(got, g.ReportedBy), append(texts, g.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("reporters = %q, want %q", got, tt.want)
			}
			if tt.texts != nil && !slices.Equal(texts, tt.texts) {
				t.Errorf("texts = %q, want %q", texts, tt.texts)
			}
		})
	}
}
