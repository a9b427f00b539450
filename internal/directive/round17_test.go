package directive

import (
	"strings"
	"testing"
)

// The rules of round seventeen, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// labelView is a label as "kind label depth" for the tests: "number 1 1",
// "section II 0", "bullet  6", "none" when there is no label.
func labelView(s string) string {
	l, ok := parseLabel(s)
	if !ok {
		return "none"
	}
	kind := map[labelKind]string{section: "section", number: "number", letter: "letter", bullet: "bullet"}[l.kind]
	return kind + " " + l.label + " " + trimFloat(float64(l.depth))
}

// TestDashNumberLabel: Party documents number their parts and items with
// a hyphen, "I- ", "1- ", "1.1- ", where a state document writes "I.",
// "1.", "1.1." (Hướng dẫn 36-HD/VPTW). A hyphen after a number is a label
// only when a space and a capital follow; a "-" bullet, a range of years
// or figures and a Party symbol broken at the start of a line are not.
func TestDashNumberLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1- Ban Tuyên giáo Huyện ủy chủ trì tổ chức hội nghị quán triệt.", "number 1 1"},
		{"12- Các chi bộ trực thuộc kiểm điểm việc thực hiện nghị quyết.", "number 12 1"},
		{"03- Văn phòng Huyện ủy tổng hợp chung.", "number 3 1"},
		{"2.1- Ủy ban Kiểm tra Đảng ủy giám sát ít nhất 05 tổ chức đảng.", "number 2.1 2"},
		{"II- NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM", "section II 0"},
		{"III- Tổ chức thực hiện", "section III 0"},
		// Left alone: a bullet, ranges, a broken line, a symbol.
		{"- Ban Tổ chức Huyện ủy tham mưu sắp xếp cán bộ.", "bullet  6"},
		{"2024-2025 là năm bản lề của nhiệm kỳ.", "none"},
		{"10-15% số đảng viên mới là đoàn viên thanh niên.", "none"},
		{"1 - 2 ngày sau khi kết thúc hội nghị.", "none"},
		{"1-2 ngày sau hội nghị.", "none"},
		{"3- tháng cuối năm tập trung kiểm tra.", "none"},
		{"15-CV/TU ngày 15/5/2026 của Ban Thường vụ Tỉnh ủy.", "none"},
		{"45- 50 đảng viên dự lớp bồi dưỡng.", "none"},
		// Left alone: the labels already read.
		{"1. Ban Tuyên giáo chủ trì.", "number 1 1"},
		{"2/ Văn phòng tổng hợp.", "number 2 1"},
	}
	for _, tc := range tests {
		if got := labelView(tc.in); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.want)
		}
	}
}

// r17Party is a Đảng ủy's công văn with the given items.
func r17Party(items string) string {
	return "ĐẢNG BỘ TỈNH AN GIANG\tĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ MỸ HÒA\n*\nSố 118-CV/ĐU\tMỹ Hòa, ngày 04 tháng 9 năm 2026\nV/v báo cáo kết quả công tác dân vận 9 tháng năm 2026\n\n" +
		"Kính gửi:\n- Ban Tuyên giáo và Dân vận,\n- Văn phòng Đảng ủy xã,\n- Các chi bộ trực thuộc.\n\n" +
		"Ban Thường vụ Đảng ủy xã đề nghị các cơ quan, chi bộ thực hiện một số nội dung sau:\n\n" +
		items +
		"\n\nBáo cáo gửi về Ban Thường vụ Đảng ủy xã chậm nhất ngày 25/9/2026.\n\nNơi nhận:\n- Như kính gửi,\n- Lưu Văn phòng Đảng ủy.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nTrần Văn Lộc\n"
}

// TestDashNumberTasks: items numbered "1- ", "2- " in a Party letter are
// its tasks, labelled as written without the hyphen and led by the unit
// each opens with; the same letter with "- " bullets keeps them as bullets,
// and a range of years or figures inside an item does not cut it.
func TestDashNumberTasks(t *testing.T) {
	tests := []struct{ name, items, want string }{
		{"numbered", "1- Ban Tuyên giáo và Dân vận tham mưu sơ kết công tác dân vận giai đoạn 2025-2026; phấn đấu ít nhất 90% chi bộ đăng ký mô hình dân vận khéo.\n\n2- Các chi bộ trực thuộc vận động ít nhất 30 hộ tham gia, giảm 10-15% số vụ khiếu nại so với cùng kỳ.\n\n3- Văn phòng Đảng ủy xã theo dõi, tổng hợp chung.",
			"1:Ban Tuyên giáo và Dân vận 2:Các chi bộ trực thuộc 3:Văn phòng Đảng ủy xã"},
		// Left alone: bullets stay unlabelled.
		{"bullets", "- Ban Tuyên giáo và Dân vận tham mưu sơ kết công tác dân vận giai đoạn 2025-2026.\n\n- Các chi bộ trực thuộc vận động ít nhất 30 hộ tham gia.",
			":Ban Tuyên giáo và Dân vận :Các chi bộ trực thuộc"},
	}
	for _, tc := range tests {
		r := Parse(r17Party(tc.items), nil)
		var got []string
		for _, k := range r.Tasks {
			var leads []string
			for _, a := range k.Assignees {
				if a.Role == "lead" {
					leads = append(leads, a.Name)
				}
			}
			got = append(got, k.Label+":"+strings.Join(leads, ";"))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%s: tasks %q, want %q", tc.name, g, tc.want)
		}
	}
}

// r17Decision is a UBND xã Quyết định giving the year's targets, with the
// given Điều 2, or a Kế hoạch with the same text when plan is set.
func r17Decision(symbol, article2 string) string {
	kind := "QUYẾT ĐỊNH\nGiao chỉ tiêu phát triển kinh tế - xã hội năm 2026\n\nỦY BAN NHÂN DÂN XÃ PHÚ LỘC\n\nCăn cứ Nghị quyết số 20/NQ-HĐND ngày 20 tháng 12 năm 2025 của Hội đồng nhân dân xã;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Giao chỉ tiêu năm 2026 cho các cơ quan, đơn vị như sau:\n\n1. Phòng Kinh tế: thu ngân sách trên địa bàn đạt tối thiểu 30 tỷ đồng.\n\n2. Trạm Y tế xã: tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 93%.\n\nĐiều 2. "
	if strings.HasPrefix(symbol, "KH") {
		kind = "KẾ HOẠCH\nThực hiện chỉ tiêu phát triển kinh tế - xã hội năm 2026\n\nI. NHIỆM VỤ\n\n1. Phòng Kinh tế: thu ngân sách trên địa bàn đạt tối thiểu 30 tỷ đồng.\n\n2. Trạm Y tế xã: tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 93%.\n\nII. TỔ CHỨC THỰC HIỆN\n\n"
	}
	return "ỦY BAN NHÂN DÂN\nXÃ PHÚ LỘC\n\nSố: 09/" + symbol + "\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nPhú Lộc, ngày 08 tháng 01 năm 2026\n\n" +
		kind + article2 + "\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nNguyễn Văn An\n"
}

// TestDecisionYearReport: a Quyết định giving a year's targets asks, in
// one sentence, for an interim review and the year's report ("báo cáo sơ
// kết 6 tháng trước ngày D1 và báo cáo kết quả thực hiện năm 2026 gửi …
// chậm nhất ngày D2"). The round measures the year's targets: its deadline
// is D2 and its period the year. A plan for the year reads the same
// (round 20; it kept its first report before), a decision whose first
// report is already the year's keeps it, and one that asks only the
// year's report is unchanged.
func TestDecisionYearReport(t *testing.T) {
	tests := []struct{ name, symbol, art2, want string }{
		{"interim then year", "QĐ-UBND", "Thủ trưởng các cơ quan, đơn vị báo cáo sơ kết 6 tháng đầu năm trước ngày 15/6/2026 và báo cáo kết quả thực hiện năm 2026 gửi Ủy ban nhân dân xã chậm nhất ngày 30/11/2026.",
			"2026-11-30 year 2026"},
		{"sơ kết then tổng kết", "QĐ-UBND", "Các cơ quan, đơn vị gửi báo cáo sơ kết về Ủy ban nhân dân xã trước ngày 12/6/2026, báo cáo tổng kết trước ngày 04/12/2026.",
			"2026-12-04 year 2026"},
		// A plan for the year reads the same since round 20
		// (TestPlanYearReport).
		{"plan", "KH-UBND", "Các cơ quan, đơn vị báo cáo sơ kết 6 tháng đầu năm trước ngày 15/6/2026 và báo cáo kết quả thực hiện năm 2026 gửi Ủy ban nhân dân xã chậm nhất ngày 30/11/2026.",
			"2026-11-30 year 2026"},
		// Left alone: the year's report first.
		{"year first", "QĐ-UBND", "Các cơ quan, đơn vị báo cáo kết quả thực hiện năm 2026 gửi Ủy ban nhân dân xã trước ngày 30/11/2026 và báo cáo quý I năm 2027 trước ngày 15/3/2027.",
			"2026-11-30 year 2026"},
		// Left alone: one report.
		{"year only", "QĐ-UBND", "Các cơ quan, đơn vị báo cáo kết quả thực hiện năm 2026 gửi Ủy ban nhân dân xã chậm nhất ngày 01/12/2026.",
			"2026-12-01 year 2026"},
	}
	for _, tc := range tests {
		r := Parse(r17Decision(tc.symbol, tc.art2), nil)
		got := "<none>"
		if r.Deadline != nil {
			got = r.Deadline.Date
		}
		if r.Period != nil {
			got += " " + string(r.Period.Kind) + " " + trimFloat(float64(r.Period.Year))
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestMarketsAndVoltage: "45 chợ" counts markets, though "chợ" folds like
// "cho" (for), and a voltage ("đường dây 110 kV") names the line it rates,
// never a figure to reach. "cho 45 hộ" and a length in km stay as before.
func TestMarketsAndVoltage(t *testing.T) {
	tests := []struct{ name, item, want string }{
		{"markets", "1. Phòng Kinh tế và Hạ tầng tổ chức bán hàng bình ổn giá tại ít nhất 30 chợ; cải tạo 04 chợ nông thôn.", ">= 30 chợ;= 4 chợ"},
		{"voltage", "1. Phòng Kinh tế và Hạ tầng phối hợp đóng điện trạm biến áp 110 kV và đường dây 22 kV trước ngày 30/11/2024; giảm tổn thất điện năng xuống dưới 4%.", "< 4 %"},
		// Left alone: "cho" for, and a length beside an electric line.
		{"for", "1. Phòng Kinh tế và Hạ tầng hỗ trợ vốn vay cho ít nhất 45 hộ kinh doanh.", ">= 45 hộ"},
		{"length", "1. Phòng Kinh tế và Hạ tầng cải tạo ít nhất 15 km đường dây hạ thế.", ">= 15 km"},
	}
	for _, tc := range tests {
		r := Parse(r16Letter(tc.item, "Báo cáo gửi Ủy ban nhân dân huyện trước ngày 20/10/2024."), nil)
		if len(r.Tasks) != 1 {
			t.Errorf("%s: %d tasks, want 1", tc.name, len(r.Tasks))
			continue
		}
		parts := strings.Split(taskView(r.Tasks[0]), "|")
		if got := parts[len(parts)-1]; got != tc.want {
			t.Errorf("%s: targets %q, want %q", tc.name, got, tc.want)
		}
	}
}
