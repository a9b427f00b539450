package directive

import (
	"fmt"
	"slices"
	"testing"
)

// The rules of round fourteen, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// TestRolesInUnitCell: a schedule table's one "Đơn vị thực hiện" column
// writes each unit's role in brackets after it: "(chủ trì)" leads,
// "(phối hợp)" supports, each covering the units back to the previous
// ";" or marker, split on the comma between two full names and not on
// the one inside "Phòng Kinh tế, Hạ tầng và Đô thị". A cell without such
// a marker, or a lead/support table, is read as before.
func TestRolesInUnitCell(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nXÃ PHÚ LỘC\nSố: 77/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú Lộc, ngày 05 tháng 4 năm 2026\n\nKẾ HOẠCH\nThực hiện nhiệm vụ quý II năm 2026\n\nI. MỤC ĐÍCH\n- Bảo đảm tiến độ các nhiệm vụ.\n\nII. NHIỆM VỤ VÀ TIẾN ĐỘ\n\n"
	tail := "\n\nIII. TỔ CHỨC THỰC HIỆN\nCác đơn vị báo cáo kết quả trước ngày 22/6/2026./.\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn Bình\n"
	for _, c := range []struct {
		name, table string
		want        []string
	}{
		{"roles in brackets, groups split on ';' and on the comma between names",
			"| TT | Nội dung công việc | Đơn vị thực hiện | Tháng 4 | Tháng 5 | Tháng 6 |\n" +
				"|---|---|---|---|---|---|\n" +
				"| 1 | Ra soát hồ sơ đất đai tồn đọng, giải quyết 100% hồ sơ quá hạn | Phòng Kinh tế, Hạ tầng và Đô thị (chủ trì); Văn phòng đăng ký đất đai chi nhánh Phú Lộc (phối hợp) | x | x | |\n" +
				"| 2 | Kiểm tra an toàn phòng cháy các cơ sở kinh doanh | Công an xã, Phòng Kinh tế, Hạ tầng và Đô thị (Chủ trì); Ban nhân dân các ấp, Đoàn Thanh niên xã (phối hợp) | | x | x |\n" +
				"| 3 | Tiêm vắc xin phòng bệnh dại cho đàn chó, mèo đạt trên 80% | Trạm Y tế xã (chủ trì thực hiện) | x | | |",
			[]string{"1: Phòng Kinh tế, Hạ tầng và Đô thị | Văn phòng đăng ký đất đai chi nhánh Phú Lộc | = 100 %",
				"2: Công an xã; Phòng Kinh tế, Hạ tầng và Đô thị | Ban nhân dân các ấp; Đoàn Thanh niên xã | ",
				"3: Trạm Y tế xã |  | > 80 %"}},
		{"markers in a lead column without ';', a unit after the last marker the column's own",
			"| TT | Nội dung | Đơn vị chủ trì |\n" +
				"| 1 | Tuyên truyền phòng chống ma túy | Công an xã (chủ trì), Trường THCS Phú Lộc (phối hợp) |\n" +
				"| 2 | Vận động hiến máu tình nguyện | Hội Chữ thập đỏ xã (phối hợp); Trạm Y tế xã |",
			[]string{"1: Công an xã | Trường THCS Phú Lộc | ", "2: Trạm Y tế xã | Hội Chữ thập đỏ xã | "}},
		// Left alone: no marker in the cell.
		{"an ordinary lead and support table",
			"| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp |\n" +
				"| 1 | Thu ngân sách đạt tối thiểu 50% dự toán | Phòng Kinh tế, Hạ tầng và Đô thị | Công an xã, Ban nhân dân các ấp |\n" +
				"| 2 | Rà soát hộ nghèo | Phòng Văn hóa - Xã hội (Tổ Lao động) | |",
			[]string{"1: Phòng Kinh tế, Hạ tầng và Đô thị | Công an xã; Ban nhân dân các ấp | >= 50 %", "2: Phòng Văn hóa - Xã hội (Tổ Lao động) |  | "}},
	} {
		got := matrixTasks(Parse(head+c.table+tail, nil))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestIndicatorRowRefs: a Quyết định whose targets are the rows of a Phụ
// lục table assigns them in its articles by row number: "X chủ trì thực
// hiện chỉ tiêu số N", "các chỉ tiêu số 2, 3 và 4", "từ số 5 đến số 8",
// "X chủ trì, phối hợp với Y thực hiện chỉ tiêu số 9" (Y supports), "Z
// phối hợp thực hiện chỉ tiêu số 3", several units clause by clause. The
// paragraphs are not tasks; the rows, read after the body, get the units.
// A "chỉ tiêu" that is a figure ("chủ trì thực hiện chỉ tiêu 100% …") is
// no row.
func TestIndicatorRowRefs(t *testing.T) {
	doc := func(article, rows string) string {
		return "ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\nSố: 05/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Phú, ngày 06 tháng 01 năm 2026\n\nQUYẾT ĐỊNH\nVề việc giao chỉ tiêu năm 2026\n\nỦY BAN NHÂN DÂN XÃ TÂN PHÚ\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Giao các chỉ tiêu năm 2026 (Phụ lục kèm theo).\n\nĐiều 2. Tổ chức thực hiện\n" +
			article +
			"\n\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký./.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n\n\nPhụ lục\nCÁC CHỈ TIÊU NĂM 2026\n(Kèm theo Quyết định số 05/QĐ-UBND ngày 06/01/2026 của Ủy ban nhân dân xã)\n\nSTT\tChỉ tiêu\tĐVT\tKế hoạch năm 2026\n" + rows
	}
	rows := "1\tTổng thu ngân sách trên địa bàn\ttỷ đồng\t12,5\n2\tDiện tích lúa chất lượng cao\tha\tTừ 800 trở lên\n3\tTỷ lệ hộ dân dùng nước sạch\t%\tTrên 97\n4\tSố lao động có việc làm mới\tngười\tÍt nhất 300\n5\tTỷ lệ tham gia bảo hiểm y tế\t%\t95\n"
	for _, c := range []struct {
		name, article string
		want          []string
	}{
		{"lists, a range, a helper and two units in one paragraph",
			"1. Phòng Kinh tế chủ trì, phối hợp với Chi cục Thuế khu vực tổ chức thực hiện chỉ tiêu số 1; chủ trì thực hiện các chỉ tiêu số 2 và 3.\n" +
				"2. Phòng Văn hóa - Xã hội chủ trì thực hiện chỉ tiêu số 4; Trạm Y tế xã chủ trì thực hiện chỉ tiêu số 5.\n" +
				"3. Các cơ quan, đơn vị báo cáo kết quả thực hiện năm 2026 trước ngày 20/11/2026.",
			[]string{"1: Phòng Kinh tế | Chi cục Thuế khu vực | = 12.5 tỷ đồng", "2: Phòng Kinh tế |  | >= 800 ha", "3: Phòng Kinh tế |  | > 97 %", "4: Phòng Văn hóa - Xã hội |  | >= 300 người", "5: Trạm Y tế xã |  | = 95 %"}},
		{"'từ số … đến số …' and a support given by its own clause",
			"1. Phòng Kinh tế chủ trì thực hiện các chỉ tiêu từ số 1 đến số 3; Công an xã phối hợp thực hiện chỉ tiêu số 3.\n" +
				"2. Phòng Văn hóa - Xã hội chủ trì thực hiện các chỉ tiêu số 4, 5.",
			[]string{"1: Phòng Kinh tế |  | = 12.5 tỷ đồng", "2: Phòng Kinh tế |  | >= 800 ha", "3: Phòng Kinh tế | Công an xã | > 97 %", "4: Phòng Văn hóa - Xã hội |  | >= 300 người", "5: Phòng Văn hóa - Xã hội |  | = 95 %"}},
	} {
		got := matrixTasks(Parse(doc(c.article, rows), nil))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
	p := &parser{res: &Result{}}
	for _, c := range []struct {
		text string
		want int
	}{
		{"Phòng Kinh tế chủ trì thực hiện các chỉ tiêu số 2, 3 và 4.", 3},
		{"Phòng Văn hóa - Xã hội chủ trì thực hiện các chỉ tiêu từ số 5 đến số 8.", 4},
		// Left alone: a figure, and a unit with no row.
		{"Phòng Kinh tế chủ trì thực hiện chỉ tiêu 100% hộ dân dùng nước sạch.", 0},
		{"Trạm Y tế xã chủ trì thực hiện chỉ tiêu tiêm chủng mở rộng đạt 95%.", 0},
	} {
		if got := len(p.indicatorRefs(c.text)); got != c.want {
			t.Errorf("indicatorRefs(%q) gave %d rows, want %d", c.text, got, c.want)
		}
	}
}

// TestMeasureColumnUnit: a target table's value cell may carry its
// comparator in words ("Từ 9.600 trở lên", "Ít nhất 650") that keep the
// reading from the "ĐVT" column's unit; the unit is that column's. A
// change in the value cell ("Giảm ít nhất 5") is against the base the
// indicator names ("… so với cùng kỳ"). A value cell with its own unit,
// and an indicator naming no base, are read as before.
func TestMeasureColumnUnit(t *testing.T) {
	for _, c := range []struct {
		text, measure, value string
		want                 string
	}{
		{"Sản lượng cá nuôi", "Tấn", "Từ 2.400 trở lên", ">= 2400 Tấn  "},
		{"Số người được đào tạo nghề", "Người", "Ít nhất 120", ">= 120 Người  "},
		{"Tỷ lệ kéo giảm tai nạn giao thông so với cùng kỳ", "%", "Giảm ít nhất 10", ">= 10 % decrease same-period"},
		// Left alone.
		{"Tỷ lệ hộ nghèo", "%", "Giảm 1,5", "= 1.5 % decrease "},
		{"Thu ngân sách", "tỷ đồng", "Tối thiểu 30", ">= 30 tỷ đồng  "},
	} {
		b := block{cells: []string{"1", c.text, c.measure, c.value}, roles: []string{"", "text", "measure", "value"}}
		g, ok := columnTarget(b)
		got := ""
		if ok {
			got = fmt.Sprintf("%s %g %s %s %s", g.Comparator, g.Value, g.Unit, g.Direction, g.RelativeTo)
		}
		if got != c.want {
			t.Errorf("columnTarget(%q | %q | %q) = %q, want %q", c.text, c.measure, c.value, got, c.want)
		}
	}
}

// TestReplyLetter: a reply letter opens "Phúc đáp Công văn số …" or "Trả
// lời Văn bản số …": the letter answered is its basis. Its items "Về đề
// nghị …", "Về kiến nghị …" answer a request and are no tasks, unless
// they ask a unit for something; the items that ask are tasks. In a
// letter that is no reply, "1. Về đề nghị …" is read as before.
func TestReplyLetter(t *testing.T) {
	doc := func(opening, items string) string {
		return "UBND TỈNH ĐỒNG NAI\nSỞ NỘI VỤ\n\nSố: 512/SNV-TCBC\nV/v ý kiến về đề nghị của UBND huyện Định Quán\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐồng Nai, ngày 10 tháng 3 năm 2025\n\nKính gửi: Ủy ban nhân dân huyện Định Quán.\n\n" +
			opening + "\n\n" + items +
			"\n\nSở Nội vụ có ý kiến để Ủy ban nhân dân huyện Định Quán biết, thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nLê Thị Hoa\n"
	}
	items := "1. Về đề nghị bổ sung 12 biên chế công chức năm 2025\nTheo quy định hiện hành, tổng biên chế của huyện đã được giao đủ 245 biên chế; Sở Nội vụ không có cơ sở trình bổ sung.\n\n" +
		"2. Về kiến nghị kéo dài thời hạn nộp hồ sơ đến ngày 30/4/2025\nSở Nội vụ không thống nhất kéo dài thời hạn.\n\n" +
		"3. Về đề nghị tuyển dụng viên chức giáo dục\nĐề nghị Phòng Nội vụ huyện hoàn thiện hồ sơ, bảo đảm tuyển đủ 100% chỉ tiêu được giao.\n\n" +
		"4. Đề nghị Ủy ban nhân dân huyện Định Quán rà soát, sắp xếp 100% đơn vị sự nghiệp trực thuộc; báo cáo kết quả trước ngày 25/3/2025."
	for _, c := range []struct {
		name, opening string
		basis, tasks  []string
	}{
		{"Phúc đáp", "Phúc đáp Công văn số 301/UBND-NV ngày 28/02/2025 của Ủy ban nhân dân huyện Định Quán về việc bổ sung biên chế, Sở Nội vụ có ý kiến như sau:",
			[]string{"301/UBND-NV 2025-02-28"}, []string{"3", "4"}},
		{"Trả lời", "Trả lời Văn bản số 77/UBND ngày 01/3/2025 của Ủy ban nhân dân huyện Định Quán, Sở Nội vụ có ý kiến như sau:",
			[]string{"77/UBND 2025-03-01"}, []string{"3", "4"}},
		// Left alone: no reply.
		{"no reply", "Sở Nội vụ có ý kiến về một số nội dung như sau:",
			nil, []string{"1", "2", "3", "4"}},
	} {
		r := Parse(doc(c.opening, items), nil)
		var basis, tasks []string
		for _, b := range r.Basis {
			basis = append(basis, b.Ref+" "+b.Date)
		}
		for _, tk := range r.Tasks {
			tasks = append(tasks, tk.Label)
		}
		if !slices.Equal(basis, c.basis) || !slices.Equal(tasks, c.tasks) {
			t.Errorf("%s: basis %q tasks %q, want %q and %q", c.name, basis, tasks, c.basis, c.tasks)
		}
	}
}

// TestFinanceInvestmentName: "đầu tư" after "tài chính" is the noun of
// a Sở Tài chính's "Phòng Tài chính đầu tư", not a verb ending the name;
// after another name it is still the verb.
func TestFinanceInvestmentName(t *testing.T) {
	p := &parser{res: &Result{}}
	for _, c := range []struct {
		text     string
		supports []string
	}{
		{"Phòng Ngân sách chủ trì, phối hợp với Phòng Tài chính đầu tư rà soát nguồn vốn.", []string{"Phòng Tài chính đầu tư"}},
		// Left alone.
		{"Phòng Ngân sách chủ trì, phối hợp với Ủy ban nhân dân xã đầu tư hệ thống chiếu sáng.", []string{"Ủy ban nhân dân xã"}},
	} {
		if got := p.assignment(c.text).supports; !slices.Equal(got, c.supports) {
			t.Errorf("assignment(%q) supports %q, want %q", c.text, got, c.supports)
		}
	}
}
