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
			// The page shows "1." twice, and a clerk cites the tasks
			// "II.1", as the evaluation sets do.
			name: "a purpose section numbered before the tasks composes their numbers",
			items: `I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao trách nhiệm của người đứng đầu.
2. Bảo đảm báo cáo đúng thời hạn.
II. NHIỆM VỤ
1. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% so với cùng kỳ.
2. Giao Phòng Tư pháp chủ trì: tỷ lệ hòa giải thành đạt 85% trở lên.`,
			want: []taskShape{
				{"II.1", "Công an huyện", "", "= 5 %"},
				{"II.2", "Phòng Tư pháp", "", ">= 85 %"},
			},
		},
		{
			name: "a plan's frame section is no task and composes the numbers after it",
			items: `I. NỘI DUNG, THỜI GIAN, THÀNH PHẦN
1. Nội dung kiểm tra: tiến độ thực hiện các tiêu chí của từng xã.
2. Thời gian kiểm tra: từ ngày 10/8 đến ngày 25/8.
3. Thành phần đoàn kiểm tra: đại diện Sở Tài chính và các cơ quan có liên quan.
II. TỔ CHỨC THỰC HIỆN
1. Giao Sở Tài chính chủ trì: tỷ lệ giải ngân đạt tối thiểu 75%.
2. Sở Y tế hướng dẫn các xã; tỷ lệ trạm y tế đạt chuẩn đạt từ 90% trở lên.`,
			want: []taskShape{
				{"II.1", "Sở Tài chính", "", ">= 75 %"},
				{"II.2", "Sở Y tế", "", ">= 90 %"},
			},
		},
		{
			name: "provisions numbered after the tasks leave their numbers",
			items: `I. NHIỆM VỤ
1. Giao Công an huyện: giảm số vụ phạm pháp hình sự 5% so với cùng kỳ.
2. Giao Phòng Tư pháp chủ trì: tỷ lệ hòa giải thành đạt 85% trở lên.
II. TỔ CHỨC THỰC HIỆN
1. Các cơ quan căn cứ Chỉ thị này xây dựng kế hoạch thực hiện.
2. Giao Văn phòng UBND huyện theo dõi, đôn đốc việc thực hiện Chỉ thị này.`,
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

// TestBareCitedLabels: tasks the directive cites by their bare numbers
// ("chủ trì thực hiện nhiệm vụ 1") keep them, though a purpose section
// numbered before them repeats the numbers.
func TestBareCitedLabels(t *testing.T) {
	r := Parse(parentDirective(`I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao trách nhiệm của người đứng đầu.
2. Bảo đảm báo cáo đúng thời hạn.
II. NHIỆM VỤ
1. Giảm số vụ phạm pháp hình sự 5% so với cùng kỳ.
2. Tỷ lệ hòa giải thành đạt 85% trở lên.
III. TỔ CHỨC THỰC HIỆN
1. Công an huyện: chủ trì thực hiện nhiệm vụ 1.
2. Phòng Tư pháp: chủ trì thực hiện nhiệm vụ 2.`), nil)
	var got []string
	for _, task := range r.Tasks {
		got = append(got, task.Label)
	}
	if strings.Join(got, " ") != "1 2" {
		t.Errorf("labels %q, want [1 2]", got)
	}
	for _, w := range r.Warnings {
		if w.Code == WarnUnknownTaskRef {
			t.Errorf("unexpected warning %+v", w)
		}
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

// TestClauseTasks: a numbered paragraph whose clauses each open with a
// different unit doing its own work holds one task per clause, unlabelled
// as bullets under a heading are; a clause whose unit only takes part, a
// "trong đó" breakdown and one unit's several clauses stay one task.
func TestClauseTasks(t *testing.T) {
	tests := []struct {
		name  string
		items string
		want  []taskShape
	}{
		{
			name: "several units in one topic paragraph",
			items: `1. Về thu ngân sách: Phòng Nội vụ huyện rà soát từng nguồn thu, phấn đấu thu đạt trên 50 tỷ đồng; Công an huyện hỗ trợ xử lý các trường hợp chây ì; Phòng Tư pháp huyện chủ trì, phối hợp với Phòng Nội vụ huyện bảo đảm tỷ lệ hồ sơ đúng hạn đạt từ 98% trở lên.
2. Công an huyện bảo đảm an ninh, trật tự dịp Tết.`,
			want: []taskShape{
				{"", "Phòng Nội vụ huyện", "", "> 50 tỷ đồng"},
				{"", "Công an huyện", "", ""},
				{"", "Phòng Tư pháp huyện", "Phòng Nội vụ huyện", ">= 98 %"},
				{"2", "Công an huyện", "", ""},
			},
		},
		{
			name: "a unit that takes part supports the clause before",
			items: `1. Phòng Tư pháp huyện tổ chức ít nhất 04 lớp tập huấn; Phòng Nội vụ huyện phối hợp bố trí hội trường.
2. Công an huyện bảo đảm an ninh, trật tự dịp Tết.`,
			want: []taskShape{
				{"1", "Phòng Tư pháp huyện", "Phòng Nội vụ huyện", ">= 4 lớp"},
				{"2", "Công an huyện", "", ""},
			},
		},
		{
			name: "one unit's clauses",
			items: `1. Phòng Tư pháp huyện tổ chức ít nhất 04 lớp tập huấn; Phòng Tư pháp huyện tổng hợp, báo cáo kết quả.
2. Công an huyện bảo đảm an ninh, trật tự dịp Tết.`,
			want: []taskShape{
				{"1", "Phòng Tư pháp huyện", "", ">= 4 lớp"},
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

// TestUnitHeadingParagraph: an item that is a unit's name on its own line
// over the paragraph of its work (a Word bold run-in heading) is that
// unit's task, with the units it works with as support; a line a PDF
// wrapped is not taken for such a heading.
func TestUnitHeadingParagraph(t *testing.T) {
	tests := []struct {
		name  string
		items string
		want  []taskShape
	}{
		{
			name: "headings on their own lines",
			items: `1. Phòng Tư pháp huyện
Rà soát toàn bộ hồ sơ hòa giải; phấn đấu tỷ lệ hòa giải thành đạt từ 85% trở lên.

2. Phòng Nội vụ huyện
Chủ trì, phối hợp với Công an huyện tổng hợp kết quả rà soát của các đơn vị.

3. Các thành viên Ban Chỉ đạo
Căn cứ địa bàn được phân công, kiểm tra, đôn đốc các xã; có thêm 05 xã đạt chuẩn.`,
			want: []taskShape{
				{"1", "Phòng Tư pháp huyện", "", ">= 85 %"},
				{"2", "Phòng Nội vụ huyện", "Công an huyện", ""},
				{"3", "Các thành viên Ban Chỉ đạo", "", "= 5 xã"},
			},
		},
		{
			name: "a heading under the execution section",
			items: `I. TỔ CHỨC THỰC HIỆN
1. Các thành viên Ban Chỉ đạo
Kiểm tra, đôn đốc các xã thực hiện các tiêu chí còn chậm.
2. Giao Phòng Nội vụ huyện tổng hợp kết quả.`,
			want: []taskShape{
				{"1", "Các thành viên Ban Chỉ đạo", "", ""},
				{"2", "Phòng Nội vụ huyện", "", ""},
			},
		},
		{
			name: "a wrapped line is no heading",
			items: `1. Phòng Tư pháp huyện chủ trì, phối hợp với Ban Quản lý dự án Đầu tư
Xây dựng huyện tổ chức ít nhất 04 lớp tập huấn cho cán bộ các xã, thị trấn
trên địa bàn huyện.`,
			want: []taskShape{
				{"1", "Phòng Tư pháp huyện", "Ban Quản lý dự án Đầu tư Xây dựng huyện", ">= 4 lớp"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkShapes(t, Parse(parentDirective(tt.items), nil), tt.want, WarnDuplicateLabel)
		})
	}
}

// TestTargetTableBlankCells: a "|" target table whose rows leave the report
// columns blank is read by its header's columns; the plan cell carries the
// comparator in words and takes the unit of the "ĐVT" column; a cell with
// no figure is no target; the rows are the tasks of the units the letter
// asks, a paragraph above the table.
func TestTargetTableBlankCells(t *testing.T) {
	text := `ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM
Số: 15/UBND-TCKH
V/v báo cáo các chỉ tiêu tháng 9 năm 2026
Kính gửi: Ủy ban nhân dân các xã.

Thực hiện Công văn số 12/UBND-TH ngày 04/9/2026 của UBND tỉnh, UBND huyện đề nghị Ủy ban nhân dân các xã báo cáo kết quả thực hiện các chỉ tiêu theo biểu dưới đây.

Số liệu báo cáo tính từ ngày 15/8/2026 đến ngày 14/9/2026.

| STT | Chỉ tiêu | ĐVT | Kế hoạch năm 2026 | Thực hiện tháng 9 | Ghi chú |
|---|---|---|---|---|---|
| A | CHỈ TIÊU KINH TẾ | | | | |
| 1 | Tổng diện tích gieo trồng | ha | 8.450 | | |
| 2 | Tỷ lệ thu thuế đất phi nông nghiệp | % | Từ 95 trở lên | | |
| B | CHỈ TIÊU XÃ HỘI | | | | |
| 3 | Tỷ lệ dân số tham gia bảo hiểm y tế | % | Không thấp hơn 93,5 | | |
| 4 | Số lao động được tạo việc làm | người | Tối thiểu 1.250 | | |
| 5 | Số vụ tai nạn giao thông | vụ | Giảm so với cùng kỳ | | |

Báo cáo gửi về UBND huyện trước ngày 18/9/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.
`
	lead := "Ủy ban nhân dân các xã"
	want := []taskShape{
		{"1", lead, "", "= 8450 ha"},
		{"2", lead, "", ">= 95 %"},
		{"3", lead, "", ">= 93.5 %"},
		{"4", lead, "", ">= 1250 người"},
		{"5", lead, "", ""},
	}
	checkShapes(t, Parse(text, nil), want, WarnTaskWithoutUnit)
}

// TestPlanFrame: the headings of a plan's frame, two parts at least, one
// of them not "nội dung" or "mục tiêu".
func TestPlanFrame(t *testing.T) {
	for s, want := range map[string]bool{
		"NỘI DUNG, THỜI GIAN, THÀNH PHẦN": true,
		"MỤC TIÊU, YÊU CẦU":               true,
		"THỜI GIAN, ĐỊA ĐIỂM":             true,
		"Mục đích và yêu cầu":             true,
		"NỘI DUNG":                        false,
		"MỤC TIÊU, NỘI DUNG":              false,
		"NHIỆM VỤ, GIẢI PHÁP":             false,
		"NỘI DUNG VÀ THỜI GIAN TỔ CHỨC HỘI THI VĂN NGHỆ QUẦN CHÚNG": false,
	} {
		if got := planFrame(vi.Fold(s)); got != want {
			t.Errorf("planFrame(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestUnitHeadingLine: which lines read as a unit's name alone, and which
// line breaks after one start the paragraph of its work.
func TestUnitHeadingLine(t *testing.T) {
	for s, want := range map[string]bool{
		"Các trường trung học phổ thông trực thuộc Sở":      true,
		"Trung tâm Dịch vụ việc làm tỉnh":                   true,
		"Các thành viên Ban Chỉ đạo":                        true,
		"Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ": true,
		"Phòng Kế hoạch - Tài chính:":                       true,
		"Hội nghị sơ kết 6 tháng":                           false,
		"Số liệu báo cáo":                                   false,
		"Các cơ quan, đơn vị":                               false,
		"Phòng Tư pháp chủ trì, phối hợp với Công an huyện": false,
		"Về thu ngân sách":                                  false,
	} {
		if got := unitHeading(s); got != want {
			t.Errorf("unitHeading(%q) = %v, want %v", s, got, want)
		}
	}
	breaks := []struct {
		item, next string
		wrapped    bool
		want       bool
	}{
		{"Phòng Kế hoạch - Tài chính", "Chủ trì, phối hợp với Phòng Giáo dục phổ thông tổng hợp kết quả rà soát.", false, true},
		{"Ủy ban nhân dân các xã, phường", "Kiện toàn Ban Chỉ đạo cấp xã.", false, false}, // the item is longer
		{"Ủy ban nhân dân các xã", "Kiện toàn Ban Chỉ đạo cấp xã; chỉ đạo rà soát, lập bảng kê các cơ sở.", false, true},
		{"Phòng Kế hoạch - Tài chính", "Môi trường chủ trì tổng hợp kết quả rà soát của các đơn vị.", false, false},
		// A PDF line broken inside a long name is about as long as the next.
		{"Ban Quản lý dự án Đầu tư Xây dựng", "Tổ chức thực hiện các dự án trên địa bàn", true, false},
		{"Ban Quản lý dự án Đầu tư Xây dựng", "Tổ chức thực hiện các dự án trên địa bàn", false, true},
	}
	for _, b := range breaks {
		if got := headingBreak(b.item, b.next, b.wrapped); got != b.want {
			t.Errorf("headingBreak(%q, %q) = %v, want %v", b.item, b.next, got, b.want)
		}
	}
}
