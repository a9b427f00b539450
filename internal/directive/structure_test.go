package directive

import (
	"strings"
	"testing"

	"tiendo/internal/vi"
)

// taskShape is a task as these tests check it: label, lead and support
// units ("|"-separated) and its targets ("comparator value unit", "|"-
// separated).
type taskShape struct {
	label, lead, support, targets string
}

func shapeOf(t Task) taskShape {
	var lead, support, targets []string
	for _, a := range t.Assignees {
		if a.Role == "support" {
			support = append(support, a.Name)
		} else {
			lead = append(lead, a.Name)
		}
	}
	for _, g := range t.Targets {
		targets = append(targets, string(g.Comparator)+" "+formatValue(g.Value)+" "+g.Unit)
	}
	return taskShape{t.Label, strings.Join(lead, "|"), strings.Join(support, "|"), strings.Join(targets, "|")}
}

// checkShapes compares the tasks of r with want and reports the warnings
// of code noWarn as errors.
func checkShapes(t *testing.T, r *Result, want []taskShape, noWarn string) {
	t.Helper()
	var got []string
	for _, task := range r.Tasks {
		got = append(got, task.Label+": "+task.Text)
	}
	if len(r.Tasks) != len(want) {
		t.Fatalf("tasks:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for k, w := range want {
		if g := shapeOf(r.Tasks[k]); g != w {
			t.Errorf("task %d (%s):\n got  %+v\n want %+v", k+1, r.Tasks[k].Text, g, w)
		}
	}
	for _, w := range r.Warnings {
		if w.Code == noWarn {
			t.Errorf("unexpected warning %+v", w)
		}
	}
}

// TestRomanSectionLabels: numbering that starts again under each Roman
// section is cited "II.1", and the repeated bare numbers are no duplicate
// labels; numbering that runs on across sections keeps its numbers.
func TestRomanSectionLabels(t *testing.T) {
	tests := []struct {
		name  string
		items string
		want  []taskShape
	}{
		{
			name: "numbering restarts",
			items: `I. VỀ NỘI CHÍNH
1. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% so với cùng kỳ.
2. Giao Phòng Tư pháp chủ trì: tỷ lệ hòa giải thành đạt 85% trở lên.
II. VỀ VĂN HÓA - XÃ HỘI
1. Giao Phòng Văn hóa và Thông tin tổ chức ít nhất 04 lớp tập huấn.
2. Giao Phòng Nội vụ: nâng Chỉ số cải cách hành chính đạt 85% trở lên.`,
			want: []taskShape{
				{"I.1", "Công an huyện", "", "= 5 %"},
				{"I.2", "Phòng Tư pháp", "", ">= 85 %"},
				{"II.1", "Phòng Văn hóa và Thông tin", "", ">= 4 lớp"},
				{"II.2", "Phòng Nội vụ", "", ">= 85 %"},
			},
		},
		{
			name: "numbering runs on",
			items: `I. VỀ NỘI CHÍNH
1. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% so với cùng kỳ.
2. Giao Phòng Tư pháp chủ trì: tỷ lệ hòa giải thành đạt 85% trở lên.
II. VỀ VĂN HÓA - XÃ HỘI
3. Giao Phòng Văn hóa và Thông tin tổ chức ít nhất 04 lớp tập huấn.
4. Giao Phòng Nội vụ: nâng Chỉ số cải cách hành chính đạt 85% trở lên.`,
			want: []taskShape{
				{"1", "Công an huyện", "", "= 5 %"},
				{"2", "Phòng Tư pháp", "", ">= 85 %"},
				{"3", "Phòng Văn hóa và Thông tin", "", ">= 4 lớp"},
				{"4", "Phòng Nội vụ", "", ">= 85 %"},
			},
		},
		{
			name: "a purpose section numbered apart does not compose the task numbers",
			items: `I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao trách nhiệm của người đứng đầu.
2. Bảo đảm báo cáo đúng thời hạn.
II. NHIỆM VỤ
1. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% so với cùng kỳ.
2. Giao Phòng Tư pháp chủ trì: tỷ lệ hòa giải thành đạt 85% trở lên.`,
			want: []taskShape{
				{"1", "Công an huyện", "", "= 5 %"},
				{"2", "Phòng Tư pháp", "", ">= 85 %"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkShapes(t, Parse(parentDirective(tt.items), nil), tt.want, WarnDuplicateLabel)
		})
	}
}

// TestStackedTable: a table whose cells came out one a line (a PDF or a
// text box copy) is read by its header's columns, with its group rows, a
// cell wrapped onto a second line and a figure on a line of its own.
func TestStackedTable(t *testing.T) {
	const text = `ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM
Số: 40/QĐ-UBND

QUYẾT ĐỊNH
Ban hành danh mục nhiệm vụ năm 2026

Điều 1. Ban hành kèm theo Quyết định này Danh mục nhiệm vụ năm 2026.
Điều 2. Các đơn vị báo cáo kết quả về Ủy ban nhân dân xã trước ngày 10/12/2026./.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

CHỦ TỊCH

Nguyễn Văn An

PHỤ LỤC
DANH MỤC NHIỆM VỤ NĂM 2026
(Kèm theo Quyết định số 40/QĐ-UBND của Ủy ban nhân dân xã)

STT
Nhiệm vụ
Đơn vị chủ trì
Đơn vị phối hợp
Số lượng
A
KINH TẾ
1
Làm mới ít nhất 3 km đường giao thông
nông thôn
Công chức Địa chính - Xây dựng
Các thôn
3
2
Tỷ lệ thu thuế đạt 100% dự toán
Công chức Tài chính - Kế toán
Chi cục Thuế khu vực; Ủy ban Mặt trận Tổ quốc xã
1
B
VĂN HÓA - XÃ HỘI
3
Tỷ lệ hộ nghèo giảm còn dưới 2%
Công chức Văn hóa - Xã hội
Hội Nông dân xã
2
`
	r := Parse(text, nil)
	checkShapes(t, r, []taskShape{
		{"1", "Công chức Địa chính - Xây dựng", "Các thôn", ">= 3 km"},
		{"2", "Công chức Tài chính - Kế toán", "Chi cục Thuế khu vực|Ủy ban Mặt trận Tổ quốc xã", "= 100 %"},
		{"3", "Công chức Văn hóa - Xã hội", "Hội Nông dân xã", "< 2 %"},
	}, WarnDuplicateLabel)
	if got := r.Tasks[0].Text; got != "Làm mới ít nhất 3 km đường giao thông nông thôn" {
		t.Errorf("task 1 text = %q", got)
	}
}

// TestStackedLinesNotATable: short lines that open with "TT" but name no
// task columns, and a numbered list, stay text.
func TestStackedLinesNotATable(t *testing.T) {
	lines := splitLines("TT\nGhi chú\nNgày\n1\nHọp giao ban\n")
	for _, l := range lines {
		if l.row != 0 {
			t.Fatalf("line %d %q read as a table row", l.n, l.text)
		}
	}
}

// TestUnitHeadingBullets: an item that only names its units heads their
// work; each bullet that is an action is a task of those units, with no
// label, as written. An item that states the work, or whose bullets are
// figures, stays one task.
func TestUnitHeadingBullets(t *testing.T) {
	tests := []struct {
		name  string
		items string
		want  []taskShape
	}{
		{
			name: "bullets with their own verbs under a unit heading",
			items: `1. Phòng Văn hóa và Thông tin:
- Chủ trì, phối hợp với Công an huyện kiểm tra 100% cơ sở kinh doanh dịch vụ karaoke.
- Tổ chức ít nhất 02 đợt tuyên truyền lưu động.
2.Đề nghị Phòng Nội vụ:
+ Rà soát, kiện toàn tổ chức bộ máy các cơ quan chuyên môn.
3. Công an huyện bảo đảm an ninh, trật tự dịp Tết.`,
			want: []taskShape{
				{"", "Phòng Văn hóa và Thông tin", "Công an huyện", "= 100 %"},
				{"", "Phòng Văn hóa và Thông tin", "", ">= 2 đợt"},
				{"", "Phòng Nội vụ", "", ""},
				{"3", "Công an huyện", "", ""},
			},
		},
		{
			name: "figures under a unit heading",
			items: `1. Phòng Lao động - Thương binh và Xã hội:
- Tỷ lệ hộ nghèo giảm 1,5% so với cùng kỳ;
- Số lao động được giải quyết việc làm đạt 500 lao động.
2. Công an huyện bảo đảm an ninh, trật tự dịp Tết.`,
			want: []taskShape{
				{"1", "Phòng Lao động - Thương binh và Xã hội", "", "= 1.5 %|= 500 lao động"},
				{"2", "Công an huyện", "", ""},
			},
		},
		{
			name: "a heading that states the work",
			items: `1. Phòng Tư pháp chủ trì tổ chức tuyên truyền pháp luật:
- Tổ chức ít nhất 04 lớp tập huấn;
- Phát hành tài liệu đến 100% thôn, tổ dân phố.
2. Công an huyện bảo đảm an ninh, trật tự dịp Tết.`,
			want: []taskShape{
				{"1", "Phòng Tư pháp", "", ">= 4 lớp|= 100 %"},
				{"2", "Công an huyện", "", ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkShapes(t, Parse(parentDirective(tt.items), nil), tt.want, WarnDuplicateLabel)
		})
	}
}

// TestAssessmentSectionIsNoTask: a conclusion's section that assesses the
// period, full of figures achieved, is no task; the follow-up of the
// notice itself is none unless the item gives more work.
func TestAssessmentSectionIsNoTask(t *testing.T) {
	items := `1. Tình hình thực hiện nhiệm vụ quý III
Các cơ quan đã hoàn thành cơ bản kế hoạch; thu ngân sách ước đạt 120 tỷ đồng, bằng 80% dự toán.
- Giải ngân vốn đầu tư công đạt 60% kế hoạch.
2. Nhiệm vụ trọng tâm quý IV
2.1. Phòng Nội vụ tham mưu kiện toàn 100% tổ chức bộ máy.
2.2. Phòng Tư pháp rà soát, hạn chế tối đa việc ban hành văn bản trái pháp luật.
2.3. Phòng Văn hóa và Thông tin theo dõi, đôn đốc việc thực hiện Thông báo này; tổng hợp, báo cáo Chủ tịch UBND huyện.
2.4. Công an huyện theo dõi, đôn đốc việc thực hiện Thông báo này.`
	checkShapes(t, Parse(parentDirective(items), nil), []taskShape{
		{"2.1", "Phòng Nội vụ", "", "= 100 %"},
		{"2.2", "Phòng Tư pháp", "", ""},
		{"2.3", "Phòng Văn hóa và Thông tin", "", ""},
	}, WarnDuplicateLabel)
}

// TestAssessmentSectionAssigning: an item under an assessment heading that
// gives a unit work is still a task.
func TestAssessmentSectionAssigning(t *testing.T) {
	items := `I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ 6 THÁNG
1. Phòng Nội vụ báo cáo kết quả kiện toàn 100% tổ chức bộ máy.
2. Các cơ quan đã hoàn thành cơ bản kế hoạch đề ra.
II. NHIỆM VỤ 6 THÁNG CUỐI NĂM
3. Giao Phòng Tư pháp tổ chức ít nhất 04 lớp tập huấn.`
	checkShapes(t, Parse(parentDirective(items), nil), []taskShape{
		{"1", "Phòng Nội vụ", "", "= 100 %"},
		{"3", "Phòng Tư pháp", "", ">= 4 lớp"},
	}, WarnDuplicateLabel)
}

// TestGoalColumn: a tab table that gives each unit its figure, under a
// header that says how it is to be met ("tối thiểu", "phấn đấu đạt"): the
// figure is the row's target, and a column of money is none.
func TestGoalColumn(t *testing.T) {
	items := "STT\tĐịa phương\tKế hoạch vốn (triệu đồng)\tTỷ lệ giải ngân tối thiểu đến 30/6/2026\tSố hộ thoát nghèo phấn đấu đạt\n" +
		"1\tỦy ban nhân dân xã An Bình\t12.500\t55%\t40 hộ\n" +
		"2\tỦy ban nhân dân xã Tân Phú\t8.300\t60\t25 hộ\n"
	checkShapes(t, Parse(parentDirective(items), nil), []taskShape{
		{"1", "Ủy ban nhân dân xã An Bình", "", ">= 55 %|= 40 hộ"},
		{"2", "Ủy ban nhân dân xã Tân Phú", "", ">= 60 %|= 25 hộ"},
	}, WarnDuplicateLabel)
}

// TestAssessmentHeads: the headings of an assessment, not "Hạn chế" or
// "Tồn tại" used as verbs.
func TestAssessmentHeads(t *testing.T) {
	for s, want := range map[string]bool{
		"Đánh giá chung": true,
		"Tình hình thực hiện nhiệm vụ 9 tháng":       true,
		"Kết quả đạt được":                           true,
		"Hạn chế, yếu kém":                           true,
		"Tồn tại và nguyên nhân":                     true,
		"Hạn chế tối đa việc tổ chức hội nghị":       false,
		"Đánh giá kết quả thực hiện Nghị quyết số 5": false,
		"Giao Phòng Nội vụ tổng hợp tình hình":       false,
	} {
		if got := reAssessment.MatchString(vi.Fold(s)); got != want {
			t.Errorf("%q: assessment %v, want %v", s, got, want)
		}
	}
}
