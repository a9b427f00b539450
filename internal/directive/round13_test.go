package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round thirteen, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// matrixTasks lists a parse's tasks as "label: leads | supports | targets".
func matrixTasks(r *Result) []string {
	var got []string
	for _, tk := range r.Tasks {
		var ts []string
		for _, x := range tk.Targets {
			ts = append(ts, fmt.Sprintf("%s %g %s", x.Comparator, x.Value, x.Unit))
		}
		got = append(got, tk.Label+": "+strings.Join(roleNames(tk, "lead"), "; ")+" | "+strings.Join(roleNames(tk, "support"), "; ")+" | "+strings.Join(ts, "; "))
	}
	return got
}

// TestAssignmentMatrix: a task table that gives each unit a column and
// marks in each row who leads ("C", "CT") and who supports ("P", "PH"),
// or "x" under a merged "Đơn vị chủ trì" / "Đơn vị phối hợp" cell; with
// the units' names in the header row itself or in a second row under a
// merged "Đơn vị thực hiện" cell, written with "|" or flattened with tabs.
// The target column's cell is a clause of its own, whatever word ends
// the task's cell ("đường Hoàng Văn Thụ", whose "Thụ" folds as the "thứ"
// of an ordinal). A table whose unit columns hold figures is no matrix,
// and an ordinary lead/support table is read as it was.
func TestAssignmentMatrix(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nXÃ TÂN HỘI\nSố: 45/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Hội, ngày 02 tháng 4 năm 2026\n\nKẾ HOẠCH\nThực hiện nhiệm vụ quý II năm 2026\n\nI. MỤC ĐÍCH\n- Phân công cụ thể cho các đơn vị.\n\nII. PHÂN CÔNG NHIỆM VỤ\nChú thích: C - chủ trì, P - phối hợp.\n\n"
	tail := "\n\nIII. TỔ CHỨC THỰC HIỆN\nCác đơn vị báo cáo kết quả trước ngày 20/6/2026./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Hùng\n"
	for _, c := range []struct {
		name, table string
		want        []string
	}{
		{"two header rows with pipes",
			"| STT | Nhiệm vụ | Chỉ tiêu | Đơn vị thực hiện | | | Thời hạn |\n" +
				"| | | | Phòng Văn hóa - Xã hội | Công an xã | Trạm Y tế xã | |\n" +
				"|---|---|---|---|---|---|---|\n" +
				"| 1 | Tuyên truyền phòng chống dịch bệnh mùa hè | Ít nhất 06 hoạt động | C | | P | Tháng 5/2026 |\n" +
				"| 2 | Rà soát người nghiện ma túy trên địa bàn | 100% đối tượng | p | c | | Thường xuyên |\n" +
				"| 3 | Kiểm tra an toàn thực phẩm | Trên 90% cơ sở | P | P | C | 30/6/2026 |",
			[]string{"1: Phòng Văn hóa - Xã hội | Trạm Y tế xã | >= 6 hoạt động", "2: Công an xã | Phòng Văn hóa - Xã hội | = 100 %", "3: Trạm Y tế xã | Phòng Văn hóa - Xã hội; Công an xã | > 90 %"}},
		{"two header rows flattened with tabs, the merged cell one cell",
			"TT\tNội dung công việc\tĐơn vị thực hiện\tThời gian\n" +
				"\t\tPhòng Kinh tế\tVăn phòng HĐND và UBND xã\tBan Chỉ huy Quân sự xã\t\n" +
				"1\tGiải ngân vốn đầu tư công đạt trên 60% kế hoạch\tCT\tPH\t\tQuý II\n" +
				"2\tHuấn luyện dân quân đạt 100% quân số\t\t\tCT\tTháng 6\n" +
				"3\tCải cách hành chính, số hóa hồ sơ\tPH\tCT\tPH\tThường xuyên",
			[]string{"1: Phòng Kinh tế | Văn phòng HĐND và UBND xã | > 60 %", "2: Ban Chỉ huy Quân sự xã |  | = 100 %", "3: Văn phòng HĐND và UBND xã | Phòng Kinh tế; Ban Chỉ huy Quân sự xã | "}},
		{"one header row, x under merged lead and support cells",
			"| TT | Nội dung | Đơn vị chủ trì | | Đơn vị phối hợp | |\n" +
				"| | | Phòng Tài chính - Kế hoạch | Phòng Nội vụ | Công an xã | Hội Nông dân xã |\n" +
				"| 1 | Thu ngân sách đạt tối thiểu 50% dự toán | x | | | X |\n" +
				"| 2 | Rà soát vị trí việc làm | | x | x | |",
			[]string{"1: Phòng Tài chính - Kế hoạch | Hội Nông dân xã | >= 50 %", "2: Phòng Nội vụ | Công an xã | "}},
		{"units named in the only header row",
			"| TT | Nội dung nhiệm vụ | Phòng Kinh tế | Công an xã | Thời gian |\n" +
				"| 1 | Xử lý vi phạm hành lang giao thông | C | P | Quý II |\n" +
				"| 2 | Bảo đảm an ninh trật tự các lễ hội | | C | Tháng 4 |",
			[]string{"1: Phòng Kinh tế | Công an xã | ", "2: Công an xã |  | "}},
		{"a target column after the task's, with no verb",
			"| TT | Nội dung | Chỉ tiêu | Đơn vị chủ trì |\n" +
				"| 1 | Dẹp lấn chiếm vỉa hè trên đường Hoàng Văn Thụ | 100% trường hợp vi phạm | Công an xã |\n" +
				"| 2 | Cấp giấy chứng nhận quyền sử dụng đất | Ít nhất 120 hồ sơ | Phòng Kinh tế |",
			[]string{"1: Công an xã |  | = 100 %", "2: Phòng Kinh tế |  | >= 120 hồ sơ"}},
		// Left alone: units named in their cells.
		{"an ordinary lead and support table",
			"| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp |\n" +
				"| 1 | Tiêm chủng mở rộng đạt trên 95% | Trạm Y tế xã | Phòng Văn hóa - Xã hội |\n" +
				"| 2 | Thu ngân sách đạt 50% dự toán | Phòng Tài chính - Kế hoạch | |",
			[]string{"1: Trạm Y tế xã | Phòng Văn hóa - Xã hội | > 95 %", "2: Phòng Tài chính - Kế hoạch |  | = 50 %"}},
	} {
		got := matrixTasks(Parse(head+c.table+tail, nil))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
	// A table of figures per unit is no matrix, whatever its header names.
	figures := splitLines("| TT | Chỉ tiêu | Phòng Kinh tế | Công an xã |\n| 1 | Số vụ tai nạn giảm | 5 | 7 |\n| 2 | Tỷ lệ hồ sơ đúng hạn | 98 | 95 |\n")
	var cells []string
	var cols []int
	for _, l := range figures {
		if l.row == 1 && l.text != "" {
			cells, cols = append(cells, l.text), append(cols, l.col)
		}
	}
	k := 0
	for k < len(figures) && figures[k].row <= 1 {
		k++
	}
	if m := matrixColumns(cells, cols, nil, nil, figures[k:]); m != nil {
		t.Errorf("figures per unit read as a matrix: %+v", m)
	}
	for _, c := range []struct{ cell, want string }{
		{"C", "lead"}, {"ct", "lead"}, {"Chủ trì", "lead"}, {"P", "support"}, {"PH", "support"}, {"phối hợp", "support"}, {"x", "x"}, {"X", "x"},
		{"5", ""}, {"Công an xã", ""}, {"Quý II", ""}, {"", ""},
	} {
		if got := markRole(c.cell); got != c.want {
			t.Errorf("markRole(%q) = %q, want %q", c.cell, got, c.want)
		}
	}
}

// TestSessionCount: "kỳ" after a number counts the sessions of a meeting
// ("ít nhất 01 kỳ sinh hoạt chuyên đề", "02 kỳ họp") and is the target's
// unit, as "hoạt động" is of "05 hoạt động"; any other "kỳ" after a
// number is a period, no target.
func TestSessionCount(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Mỗi chi bộ tổ chức ít nhất 02 kỳ sinh hoạt chuyên đề trong quý.", ">= 2 kỳ"},
		{"Hội đồng nhân dân xã tổ chức ít nhất 02 kỳ họp thường lệ.", ">= 2 kỳ"},
		{"Tổ chức ít nhất 05 hoạt động hưởng ứng Ngày Môi trường thế giới.", ">= 5 hoạt động"},
		// Left alone.
		{"Đơn vị không gửi báo cáo 02 kỳ liên tiếp bị phê bình.", ""},
		{"Số liệu tổng hợp ít nhất 03 kỳ gần nhất.", ""},
	} {
		var got []string
		for _, x := range targets(c.text) {
			got = append(got, fmt.Sprintf("%s %g %s", x.Comparator, x.Value, x.Unit))
		}
		if strings.Join(got, "; ") != c.want {
			t.Errorf("targets(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestGroupKindsAfterComma: a group opened by "các" lists its kinds after
// commas, the last maybe with what they are under ("Các chi bộ thôn, bon,
// trường học trực thuộc"): one unit, in a heading as in a Kính gửi. A name
// with a capital after the comma is another unit.
func TestGroupKindsAfterComma(t *testing.T) {
	p := &parser{res: &Result{}}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Các chi bộ thôn, bon, trường học trực thuộc:", []string{"Các chi bộ thôn, bon, trường học trực thuộc"}},
		{"Các chi bộ thôn, buôn, doanh nghiệp trực thuộc báo cáo kết quả.", []string{"Các chi bộ thôn, buôn, doanh nghiệp trực thuộc"}},
		// Left alone.
		{"Các chi bộ thôn, Trường Tiểu học Kim Đồng báo cáo kết quả.", []string{"Các chi bộ thôn", "Trường Tiểu học Kim Đồng"}},
		{"Phòng Nội vụ, Phòng Tư pháp rà soát văn bản.", []string{"Phòng Nội vụ", "Phòng Tư pháp"}},
	} {
		if got := p.assignment(c.text).leads; !slices.Equal(got, c.want) {
			t.Errorf("assignment(%q) leads %q, want %q", c.text, got, c.want)
		}
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Các chi bộ thôn, bon, trường học trực thuộc", []string{"Các chi bộ thôn, bon, trường học trực thuộc"}},
		// Whole before the round too, and kept so.
		{"Các phòng, ban, đơn vị thuộc Sở", []string{"Các phòng, ban, đơn vị thuộc Sở"}},
		// Left alone.
		{"Chi bộ Công an xã, Trường Mầm non Hoa Sen", []string{"Chi bộ Công an xã", "Trường Mầm non Hoa Sen"}},
	} {
		if got := splitUnits(c.text); !slices.Equal(got, c.want) {
			t.Errorf("splitUnits(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
