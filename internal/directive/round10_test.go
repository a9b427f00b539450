package directive

import (
	"slices"
	"strings"
	"testing"
)

// The rules of round ten, each with the ordinary text it must leave alone.
// Every case that expects something new failed at 5ad1ba5.

// TestSignComparators: a sign written before a figure ("≥ 95%", "≤ 03 ngày
// làm việc", "> 93,5%"), as target tables write them, is its comparator;
// an arrow or a sign glued to a word is not, and a sign before a bare
// number (a quoted list's "> 1.") makes no target.
func TestSignComparators(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string // targetString of each
	}{
		{"≥ 25% dự toán năm", []string{">= 25 % (estimate)"}},
		{"≥ 1.850 ha", []string{">= 1850 ha"}},
		{"> 93,5%", []string{"> 93.5 %"}},
		{"100%; ≥ 03 giải", []string{"= 100 %", ">= 3 giải"}},
		{"≥ 98%; ≤ 03 ngày làm việc", []string{">= 98 %", "<= 3 ngày làm việc"}},
		{"Giảm ≥ 10% so với cùng kỳ", []string{">= 10 % decrease (same-period)"}},
		{"tỷ lệ hộ nghèo <5%", []string{"< 5 %"}},
		{"tỷ lệ tiêm chủng đạt >=90%", []string{">= 90 %"}},
		{"tỷ lệ nợ xấu ⩽ 2%", []string{"<= 2 %"}},
		// Left alone.
		{"chuyển từ khu A -> 5 xã", []string{"= 5 xã"}},
		{"mã A>5 xã", []string{"= 5 xã"}},
		{"> 1. Phòng Nội vụ rà soát hồ sơ", nil},
		{"đạt 95%", []string{"= 95 %"}},
	} {
		var got []string
		for _, g := range targets(c.in) {
			got = append(got, targetFull(g))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// targetFull writes a target as "comparator value unit", then its
// direction and, in brackets, what it is relative to, when set.
func targetFull(g Target) string {
	s := targetString(g)
	if g.Direction != "" {
		s += " " + g.Direction
	}
	if g.RelativeTo != "" {
		s += " (" + g.RelativeTo + ")"
	}
	return s
}

// TestPrizeCount: "giải" (a prize) is a unit of measure, though it folds
// as "giai" of "giai đoạn" does; "giải pháp", "giải quyết" are no prize.
func TestPrizeCount(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"tổ chức ít nhất 03 giải thể thao chào mừng Đảng", []string{">= 3 giải"}},
		{"đoạt tối thiểu 05 giải tại hội thi cấp tỉnh", []string{">= 5 giải"}},
		{"phấn đấu đạt ít nhất 02 giải thưởng báo chí", []string{">= 2 giải thưởng"}},
		// Left alone.
		{"triển khai đồng bộ 3 giải pháp sau", nil},
		{"thực hiện dự án trong 2 giai đoạn", nil},
		{"trong 05 giải quyết dứt điểm", nil},
	} {
		var got []string
		for _, g := range targets(c.in) {
			got = append(got, targetString(g))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestDirectionNotPushed: "giảm nghèo" names the work, "nâng cao năng
// lực" improves what has no figure, and "giữ" keeps a measure: none gives
// a later figure a direction. A measure pushed still has one.
func TestDirectionNotPushed(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // targetString of the last target
	}{
		{"tổ chức tập huấn cho cán bộ làm công tác giảm nghèo cấp xã, ít nhất 04 lớp", ">= 4 lớp"},
		{"tổ chức tập huấn nâng cao năng lực cho cán bộ cấp xã, ít nhất 04 lớp", ">= 4 lớp"},
		{"nâng cao chất lượng tín dụng chính sách, giữ tỷ lệ nợ quá hạn không vượt quá 0,3%", "<= 0.3 %"},
		{"duy trì tỷ lệ trẻ em đến trường đạt 100%", "= 100 %"},
		// Left alone.
		{"số hộ tái nghèo giảm ít nhất 15% so với cùng kỳ", ">= 15 % decrease (same-period)"},
		{"nâng cao tỷ lệ lao động qua đào tạo thêm 5%", "= 5 % increase"},
		{"duy trì sĩ số, số học sinh tăng 5% so với cùng kỳ", "= 5 % increase (same-period)"},
		{"tỷ lệ giảm nghèo đạt 2%", ">= 2 %"},
	} {
		gs := targets(c.in)
		if len(gs) == 0 {
			t.Errorf("targets(%q): none, want %q", c.in, c.want)
			continue
		}
		if got := targetFull(gs[len(gs)-1]); got != c.want {
			t.Errorf("targets(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNameBeforeCitedPart: "tại mục 4 Công văn số ..." after a unit's name
// says where its work was given; "tại" before a place is part of a name.
func TestNameBeforeCitedPart(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Phòng Văn hóa - Xã hội tại mục 4 Công văn số 1520/UBND-VP", "Phòng Văn hóa - Xã hội"},
		{"Sở Y tế tại điểm b khoản 2 Điều 3 Quyết định số 12/QĐ-UBND", "Sở Y tế"},
		{"Công an huyện tại Kế hoạch số 45/KH-UBND", "Công an huyện"},
		{"Phòng Nội vụ tại Phụ lục kèm theo", "Phòng Nội vụ"},
		// Left alone.
		{"Văn phòng đại diện tại Thành phố Hồ Chí Minh", "Văn phòng đại diện tại Thành phố Hồ Chí Minh"},
		{"Chi nhánh Ngân hàng Chính sách xã hội tại Phan Thiết", "Chi nhánh Ngân hàng Chính sách xã hội tại Phan Thiết"},
		{"Trạm Y tế tại Cao Bằng", "Trạm Y tế tại Cao Bằng"},
	} {
		if got := cutUnitNames(c.in); got != c.want {
			t.Errorf("cutUnitNames(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestForUnitAfterWhatIsGiven: an amending or assigning item that names
// what it gives before "đối với <unit>:" is that unit's.
func TestForUnitAfterWhatIsGiven(t *testing.T) {
	head := "Kính gửi:\n- Công an phường;\n- Trạm Y tế phường;\n- Phòng Nội vụ;\n- Trung tâm Phục vụ hành chính công phường;\n- Phòng Kinh tế, Hạ tầng và Đô thị.\n\n" +
		"Nay điều chỉnh, bổ sung một số nội dung như sau:\n\n"
	for _, c := range []struct {
		item string
		want string // lead | supports
	}{
		{"Bổ sung nội dung báo cáo đối với Trạm Y tế phường: kết quả tiêm chủng, tỷ lệ tiêm chủng đạt trên 96%.", "Trạm Y tế phường | "},
		{"Bổ sung nhiệm vụ đối với Trung tâm Phục vụ hành chính công phường: chủ trì, phối hợp với Phòng Kinh tế, Hạ tầng và Đô thị rà soát hồ sơ tồn đọng.", "Trung tâm Phục vụ hành chính công phường | Phòng Kinh tế, Hạ tầng và Đô thị"},
		{"Sửa đổi chỉ tiêu đối với Phòng Nội vụ: tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%.", "Phòng Nội vụ | "},
		{"Nhiệm vụ cụ thể đối với Công an phường: bảo đảm an ninh, trật tự dịp Tết.", "Công an phường | "},
		// Left alone: the work's object, or no colon.
		{"Tăng cường kiểm tra đối với Công ty Cổ phần Cấp nước: bảo đảm chất lượng nước sạch.", " | "},
		{"Bổ sung kinh phí đối với các xã khó khăn, hoàn thành trong quý IV.", " | "},
	} {
		r := Parse(head+"1. "+c.item+"\n\nCác đơn vị báo cáo trước ngày 28/11/2025./.\n", nil)
		if len(r.Tasks) != 1 {
			t.Errorf("%q: %d tasks, want 1", c.item, len(r.Tasks))
			continue
		}
		tk := r.Tasks[0]
		if got := strings.Join(roleNames(tk, "lead"), "; ") + " | " + joinNames(roleNames(tk, "support")); got != c.want {
			t.Errorf("%q: %q, want %q", c.item, got, c.want)
		}
	}
}

// TestPlacesFoldingAsHeads: a place whose name folds as a unit's kind word
// does ("Phong Điền" as "Phòng", "Hội" of "Hội An" aside) is one of the
// places of a group; a unit spelled as one still starts a piece.
func TestPlacesFoldingAsHeads(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Ủy ban nhân dân các xã Phong Điền, Thới Lai, Cờ Đỏ", []string{"Ủy ban nhân dân xã Phong Điền", "Ủy ban nhân dân xã Thới Lai", "Ủy ban nhân dân xã Cờ Đỏ"}},
		{"UBND các xã Thới Lai, Phong Điền", []string{"UBND xã Thới Lai", "UBND xã Phong Điền"}},
		{"Ủy ban nhân dân các phường Tân Định, Trà Nóc", []string{"Ủy ban nhân dân phường Tân Định", "Ủy ban nhân dân phường Trà Nóc"}},
		// Left alone.
		{"Ủy ban nhân dân các xã, thị trấn", []string{"Ủy ban nhân dân các xã, thị trấn"}},
		{"UBND xã Thới Lai, Phòng Nội vụ", []string{"UBND xã Thới Lai", "Phòng Nội vụ"}},
	} {
		p := &parser{res: &Result{}}
		if got := p.placeUnits(splitUnits(c.in)); !slices.Equal(got, c.want) {
			t.Errorf("units of %q = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSupportCloselyWith: "phối hợp chặt chẽ với Y" names Y as support, as
// "phối hợp với Y" does; "phối hợp chặt chẽ trong ..." names no one.
func TestSupportCloselyWith(t *testing.T) {
	p := &parser{res: &Result{Recipients: []Recipient{{Name: "Ủy ban nhân dân các phường, xã"}, {Name: "Chi cục Thuế huyện"}}}}
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Ủy ban nhân dân các phường, xã phối hợp chặt chẽ với Chi cục Thuế huyện trong công tác quản lý thu", []string{"Chi cục Thuế huyện"}},
		{"Phòng Kinh tế phối hợp thường xuyên, chặt chẽ với Đội Quản lý thị trường số 3 kiểm tra hàng hóa", []string{"Đội Quản lý thị trường số 3"}},
		{"Phòng Y tế phối hợp tốt với Trung tâm Y tế huyện giám sát dịch bệnh", []string{"Trung tâm Y tế huyện"}},
		// Left alone.
		{"Phòng Nội vụ phối hợp chặt chẽ trong công tác cải cách hành chính", nil},
		{"Phòng Nội vụ phối hợp tốt các lực lượng", nil},
	} {
		if got := p.assignment(c.in).supports; !slices.Equal(got, c.want) {
			t.Errorf("supports of %q = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestMoreUnitHeads: a post office, a telecom and a corporation named after
// "và" are units of their own; the words inside a name stay in it.
func TestMoreUnitHeads(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Bảo hiểm xã hội các huyện, thị xã, thành phố và Bưu điện tỉnh Sóc Trăng", []string{"Bảo hiểm xã hội các huyện, thị xã, thành phố", "Bưu điện tỉnh Sóc Trăng"}},
		{"Sở Khoa học và Công nghệ và Viễn thông Quảng Nam", []string{"Sở Khoa học và Công nghệ", "Viễn thông Quảng Nam"}},
		{"Công an tỉnh và Tổng công ty Điện lực miền Bắc", []string{"Công an tỉnh", "Tổng công ty Điện lực miền Bắc"}},
		// Left alone.
		{"Phòng Văn hóa và Thông tin", []string{"Phòng Văn hóa và Thông tin"}},
		{"Ủy ban nhân dân các xã, thị trấn", []string{"Ủy ban nhân dân các xã, thị trấn"}},
	} {
		if got := splitUnits(c.in); !slices.Equal(got, c.want) {
			t.Errorf("splitUnits(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestIssuerUnderBranch: a body under the national body of its branch, or
// a school or hospital under its Sở, issues; a body's name broken over two
// lines is one.
func TestIssuerUnderBranch(t *testing.T) {
	tail := "\n\nSố: 1368/BHXH-QLT\nV/v báo cáo kết quả 9 tháng năm 2024\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSóc Trăng, ngày 06 tháng 9 năm 2024\n\nKính gửi: Các phòng nghiệp vụ.\n"
	for _, c := range []struct{ head, want string }{
		{"BẢO HIỂM XÃ HỘI VIỆT NAM\nBẢO HIỂM XÃ HỘI TỈNH SÓC TRĂNG", "BẢO HIỂM XÃ HỘI TỈNH SÓC TRĂNG"},
		{"BỘ TÀI CHÍNH\nKHO BẠC NHÀ NƯỚC", "KHO BẠC NHÀ NƯỚC"},
		{"SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG THPT LÊ LỢI", "TRƯỜNG THPT LÊ LỢI"},
		{"SỞ Y TẾ TỈNH CÀ MAU\nBỆNH VIỆN ĐA KHOA TỈNH", "BỆNH VIỆN ĐA KHOA TỈNH"},
		// Left alone.
		{"BẢO HIỂM XÃ HỘI\nTỈNH SÓC TRĂNG", "BẢO HIỂM XÃ HỘI TỈNH SÓC TRĂNG"},
		{"ỦY BAN NHÂN DÂN\nHUYỆN MAI SƠN", "ỦY BAN NHÂN DÂN HUYỆN MAI SƠN"},
		{"UBND TỈNH CAO BẰNG\nVĂN PHÒNG", "VĂN PHÒNG"},
	} {
		if got := Parse(c.head+tail, nil).Issuer; got != c.want {
			t.Errorf("issuer of %q = %q, want %q", c.head, got, c.want)
		}
	}
}

// TestRecipientsInAppendix: a Kính gửi that points to a list after the
// signature is that list's unit rows; a Kính gửi that names its units, or
// a pointer with no such list, stays as written.
func TestRecipientsInAppendix(t *testing.T) {
	head := "SỞ TƯ PHÁP\n\nSố: 1126/STP-PBGDPL\nV/v báo cáo 6 tháng đầu năm 2026\n\nKhánh Hòa, ngày 02 tháng 6 năm 2026\n\n"
	body := "\n\nSở Tư pháp đề nghị các cơ quan, đơn vị báo cáo như sau:\n\n" +
		"1. Sở Nội vụ báo cáo kết quả bồi dưỡng, đạt trên 70%.\n\n" +
		"2. Phòng Hành chính tư pháp tổng hợp báo cáo của các đơn vị.\n\n" +
		"Báo cáo gửi về Sở Tư pháp chậm nhất ngày 10/6/2026./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNgô Thị Mỹ Lệ\n\n\n"
	tab := "PHỤ LỤC\nDANH SÁCH CƠ QUAN, ĐƠN VỊ GỬI BÁO CÁO\n(Kèm theo Công văn số 1126/STP-PBGDPL ngày 02/6/2026 của Sở Tư pháp)\n\n" +
		"STT\tCơ quan, đơn vị\tNội dung báo cáo\nI\tCơ quan cấp tỉnh\t\n1\tSở Nội vụ\tMục 1\n2\tCông an tỉnh\tMục 2\n" +
		"3\tBáo và Phát thanh, Truyền hình Khánh Hòa\tMục 3\nII\tCấp xã\t\n4\tỦy ban nhân dân các xã, phường, đặc khu\tMục 4\n"
	pipe := "PHỤ LỤC\nDANH SÁCH ĐƠN VỊ\n\n| STT | Tên đơn vị | Ghi chú |\n|---|---|---|\n| 1 | Sở Nội vụ | |\n| 2 | Công an tỉnh | |\n"
	listed := []string{"Sở Nội vụ", "Công an tỉnh", "Báo và Phát thanh, Truyền hình Khánh Hòa", "Ủy ban nhân dân các xã, phường, đặc khu"}
	for _, c := range []struct {
		name, kinhGui, appendix string
		want                    []string
		warned                  bool // Phòng Hành chính tư pháp is no recipient
	}{
		{"pointer, tab table", "Kính gửi: Các cơ quan, đơn vị có tên tại Phụ lục kèm theo.", tab, listed, true},
		{"danh sách kèm theo, pipe table", "Kính gửi: Các đơn vị theo danh sách kèm theo.", pipe, []string{"Sở Nội vụ", "Công an tỉnh"}, true},
		// Left alone.
		{"named recipients", "Kính gửi:\n- Sở Nội vụ;\n- Công an tỉnh.", tab, []string{"Sở Nội vụ", "Công an tỉnh"}, true},
		{"pointer, no list", "Kính gửi: Các cơ quan, đơn vị có tên tại Phụ lục kèm theo.", "", []string{"Các cơ quan, đơn vị có tên tại Phụ lục kèm theo"}, false},
	} {
		r := Parse(head+c.kinhGui+body+c.appendix, nil)
		var got []string
		for _, rc := range r.Recipients {
			got = append(got, rc.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: recipients %q, want %q", c.name, got, c.want)
		}
		warned := false
		for _, w := range r.Warnings {
			warned = warned || w.Code == WarnNotRecipient
		}
		if warned != c.warned {
			t.Errorf("%s: unit-not-recipient %v, want %v", c.name, warned, c.warned)
		}
	}
}

// TestPriorYearInYearlyRound: in a round for a year, "so với năm trước"
// is the same period a year earlier; in a shorter round it is left.
func TestPriorYearInYearlyRound(t *testing.T) {
	for _, c := range []struct{ period, clause, want string }{
		{"năm 2024", "số hộ tái nghèo giảm ít nhất 15% so với năm trước", "same-period"},
		{"năm 2024", "số doanh nghiệp thành lập mới tăng 10% so với năm ngoái", "same-period"},
		{"năm 2024", "thu ngân sách tăng 8% so với cùng thời điểm năm trước", "same-period"},
		// Left alone.
		{"quý I năm 2024", "số hộ tái nghèo giảm ít nhất 15% so với năm trước", ""},
		{"năm 2024", "số hộ tái nghèo giảm ít nhất 15% so với năm 2020", ""},
	} {
		src := "Kính gửi: Phòng Lao động - Thương binh và Xã hội; Phòng Nội vụ.\n\nỦy ban nhân dân huyện đề nghị các phòng báo cáo kết quả thực hiện " + c.period + " như sau:\n\n" +
			"1. Phòng Lao động - Thương binh và Xã hội: " + c.clause + ".\n\n2. Phòng Nội vụ rà soát hồ sơ công chức.\n\n" +
			"Báo cáo kết quả thực hiện " + c.period + " gửi về trước ngày 05/12/2024./.\n"
		r := Parse(src, nil)
		if len(r.Tasks) == 0 || len(r.Tasks[0].Targets) != 1 {
			t.Errorf("%s, %q: tasks %q, want one target", c.period, c.clause, taskLines(r))
			continue
		}
		if got := r.Tasks[0].Targets[0].RelativeTo; got != c.want {
			t.Errorf("%s, %q: relative to %q, want %q", c.period, c.clause, got, c.want)
		}
	}
}

// TestGoalsPartOfPlan: a plan's goals part ("II. MỤC TIÊU, CHỈ TIÊU")
// lists no task when units are given the work in items of their own; a
// resolution that gives all of it to one body keeps its goals as tasks,
// and a goal item that names its unit stays one.
func TestGoalsPartOfPlan(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nHUYỆN MAI SƠN\n\nSố: 86/KH-UBND\n\nMai Sơn, ngày 18 tháng 3 năm 2024\n\nKẾ HOẠCH\nThực hiện Chương trình giảm nghèo năm 2024\n\n" +
		"Ủy ban nhân dân huyện ban hành Kế hoạch như sau:\n\n"
	goals := "II. MỤC TIÊU, CHỈ TIÊU NĂM 2024\n\n1. Mục tiêu chung\n\nGiảm nghèo bền vững, hạn chế tái nghèo.\n\n2. Chỉ tiêu cụ thể\n\n" +
		"- Tỷ lệ hộ nghèo giảm từ 3% trở lên.\n- Hỗ trợ xây dựng ít nhất 180 căn nhà cho hộ nghèo.\n\n"
	tail := "\n\nCác cơ quan báo cáo kết quả thực hiện năm 2024 trước ngày 05/12/2024./.\n"
	for _, c := range []struct {
		name, text string
		want       int
	}{
		{"two units given work", goals + "III. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Lao động - Thương binh và Xã hội huyện phấn đấu giảm tỷ lệ hộ nghèo từ 3% trở lên.\n\n2. Phòng Dân tộc huyện hỗ trợ nước sinh hoạt cho ít nhất 320 hộ.", 2},
		{"Mục tiêu cụ thể", strings.Replace(goals, "2. Chỉ tiêu cụ thể", "2. Mục tiêu cụ thể", 1) + "III. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Lao động - Thương binh và Xã hội huyện hướng dẫn rà soát hộ nghèo.\n\n2. Phòng Dân tộc huyện hỗ trợ nước sinh hoạt cho ít nhất 320 hộ.", 2},
		// Left alone.
		{"one body carries it out", goals + "III. TỔ CHỨC THỰC HIỆN\n\n1. Giao Ủy ban nhân dân các xã, thị trấn tổ chức thực hiện Kế hoạch; báo cáo kết quả hằng năm.", 2},
		{"a goal item names its unit", strings.Replace(goals, "2. Chỉ tiêu cụ thể", "2. Phòng Y tế huyện bảo đảm 100% người nghèo có thẻ bảo hiểm y tế", 1) + "III. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Lao động - Thương binh và Xã hội huyện hướng dẫn rà soát hộ nghèo.\n\n2. Phòng Dân tộc huyện hỗ trợ nước sinh hoạt cho ít nhất 320 hộ.", 3},
	} {
		r := Parse(head+c.text+tail, nil)
		if len(r.Tasks) != c.want {
			t.Errorf("%s: %d tasks %q, want %d", c.name, len(r.Tasks), taskLines(r), c.want)
		}
	}
}
