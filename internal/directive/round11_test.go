package directive

import (
	"slices"
	"strings"
	"testing"
)

// The rules of round eleven, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// TestContentsSplitAmongUnits: under "I. NỘI DUNG BÁO CÁO", items that
// name their unit ("1. Các sở, ban, ngành" over a)-c), "2. Ủy ban nhân dân
// các huyện: Chỉ đạo ...") are that unit's work, tasks; items that name no
// unit stay lines of the report's outline.
func TestContentsSplitAmongUnits(t *testing.T) {
	head := "Kính gửi:\n- Các sở, ban, ngành thuộc tỉnh;\n- Ủy ban nhân dân các huyện, thành phố.\n\n" +
		"Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2024 của Ủy ban nhân dân tỉnh, Thanh tra tỉnh đề nghị các cơ quan, đơn vị báo cáo một số nội dung sau:\n\nI. NỘI DUNG BÁO CÁO\n\n"
	tail := "\n\nII. THỜI HẠN GỬI BÁO CÁO\n\nCác cơ quan, đơn vị gửi báo cáo trước ngày 16/9/2024./.\n"
	for _, c := range []struct {
		name, body string
		want       []string // label: leads
	}{
		{"unit heading over letters",
			"1. Các sở, ban, ngành thuộc tỉnh\n\na) Báo cáo kết quả tiếp công dân trong quý III.\n\nb) Báo cáo kết quả thu hồi tiền vi phạm đạt trên 70%.",
			[]string{"1a: Các sở, ban, ngành thuộc tỉnh", "1b: Các sở, ban, ngành thuộc tỉnh"}},
		{"unit and colon",
			"1. Ủy ban nhân dân các huyện, thành phố: Chỉ đạo giải quyết dứt điểm 100% vụ việc khiếu nại đông người.\n\n2. Các sở, ban, ngành thuộc tỉnh: Báo cáo kết quả phòng, chống tham nhũng.",
			[]string{"1: Ủy ban nhân dân các huyện, thành phố", "2: Các sở, ban, ngành thuộc tỉnh"}},
		// Left alone: the outline of the report names no unit.
		{"outline only",
			"1. Kết quả tiếp công dân, xử lý đơn thư.\n\n2. Kết quả thực hiện kết luận thanh tra.",
			nil},
	} {
		r := Parse(head+c.body+tail, nil)
		var got []string
		for _, tk := range r.Tasks {
			got = append(got, tk.Label+": "+strings.Join(roleNames(tk, "lead"), "; "))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks %q, want %q", c.name, got, c.want)
		}
	}
}

// TestPastResultInBrackets: a past result in brackets beside a goal ("(quý
// II năm 2024 đạt 61,3%)", "(năm 2025 khởi tố 57 vụ)") is no target; a
// bracket that sets a goal, or a result outside brackets, is read as before.
func TestPastResultInBrackets(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"tỷ lệ thu hồi đạt trên 70% (quý II năm 2024 đạt 61,3%)", []string{"> 70 %"}},
		{"thu tối thiểu 45 tỷ đồng (năm 2025 đạt 41,8 tỷ đồng)", []string{">= 45 tỷ đồng"}},
		{"khởi tố tăng ít nhất 10% so với cùng kỳ năm 2025 (năm 2025 khởi tố 57 vụ)", []string{">= 10 % increase (same-period)"}},
		{"có thêm 01 xã đạt chuẩn (năm 2023 có 03 xã đạt chuẩn)", []string{"= 1 xã"}},
		{"tỷ lệ đạt 70% (cùng kỳ năm 2023 đạt 64,8%)", []string{"= 70 %"}},
		// Left alone.
		{"tỷ lệ đạt 70% (năm 2026 phấn đấu đạt 75%)", []string{"= 70 %", "= 75 %"}},
		{"tỷ lệ đạt 70% (trong đó 20% ở vùng sâu)", []string{"= 70 %", "= 20 %"}},
		{"phủ sóng 95% (kế hoạch năm 2025)", []string{"= 95 %"}},
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

// TestScopeInBrackets: "(từ 05 ha trở lên)" after a noun says which cases a
// task covers, no target; "từ 5 ha trở lên" in the sentence is a goal.
func TestScopeInBrackets(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"hỗ trợ hóa chất khi dịch bệnh xảy ra trên diện rộng (từ 05 ha trở lên)", nil},
		{"kiểm tra 100% cơ sở lớn (từ 50 lao động trở lên)", []string{"= 100 %"}},
		// Left alone.
		{"mở rộng diện tích nuôi đạt từ 5 ha trở lên", []string{">= 5 ha"}},
		{"đạt 90% (tối thiểu 85%)", []string{"= 90 %", ">= 85 %"}},
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

// TestRangeTargets: a range is one target at least its lower end, with the
// range's unit, direction and base; a range capped from above keeps its
// upper end; years, dates and ages are no range target.
func TestRangeTargets(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"tổng vốn đầu tư tăng từ 8% đến 10% so với cùng kỳ năm 2023", []string{">= 8 % increase (same-period)"}},
		{"giá trị sản xuất tăng 2,5 - 3% so với cùng kỳ", []string{">= 2.5 % increase (same-period)"}},
		{"diện tích được chứng nhận đạt 4.500 - 5.000 ha", []string{">= 4500 ha"}},
		{"giải quyết việc làm cho 1.200 – 1.300 lao động", []string{">= 1200 lao động"}},
		{"tỷ lệ tốt nghiệp đạt từ 98% đến 99%", []string{">= 98 %"}},
		{"tổ chức từ 3 đến 5 hội nghị", []string{">= 3 hội nghị"}},
		{"tỷ lệ nợ xấu không vượt quá 2 - 3%", []string{"<= 3 %"}},
		// Left alone.
		{"giai đoạn 2021 - 2025 đạt 95%", []string{"= 95 %"}},
		{"số liệu từ ngày 15/6/2024 đến ngày 14/9/2024", nil},
		{"trẻ từ 3 đến dưới 6 tuổi được đến trường đạt 98%", []string{"= 98 %"}},
		{"tăng 10% so với cùng kỳ", []string{"= 10 % increase (same-period)"}},
		{"năm học 2023-2024 đạt 90%", []string{"= 90 %"}},
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

// TestNameGoesOnAfterComma: "Phòng Giám sát, kiểm tra và xử lý sau thanh
// tra: Tổng hợp ..." is one unit up to the colon, though a verb follows the
// comma; a unit followed by its work after a comma stays as it was.
func TestNameGoesOnAfterComma(t *testing.T) {
	head := "Kính gửi:\n- Các phòng nghiệp vụ thuộc Thanh tra tỉnh.\n\nThanh tra tỉnh giao nhiệm vụ như sau:\n\n"
	for _, c := range []struct{ item, want string }{
		{"Phòng Giám sát, kiểm tra và xử lý sau thanh tra: Tổng hợp tình hình thực hiện kết luận thanh tra.", "Phòng Giám sát, kiểm tra và xử lý sau thanh tra"},
		{"Phòng Phòng, chống tham nhũng: Tổng hợp báo cáo của các cơ quan.", "Phòng Phòng, chống tham nhũng"},
		// Left alone.
		{"Phòng Nghiệp vụ 1 tổng hợp, báo cáo kết quả: số vụ việc đã giải quyết.", "Phòng Nghiệp vụ 1"},
	} {
		r := Parse(head+"1. "+c.item+"\n\nCác phòng báo cáo trước ngày 16/9/2024./.\n", nil)
		if len(r.Tasks) != 1 {
			t.Errorf("%q: %d tasks, want 1", c.item, len(r.Tasks))
			continue
		}
		if got := strings.Join(roleNames(r.Tasks[0], "lead"), "; "); got != c.want {
			t.Errorf("%q: lead %q, want %q", c.item, got, c.want)
		}
	}
}

// TestInspectorateIssuer: an inspectorate, a court, a procuracy or a tax
// body under its superior is the issuer, as a Sở is.
func TestInspectorateIssuer(t *testing.T) {
	tail := "\n\nSố: 486/TTT-VP\nV/v báo cáo quý III năm 2024\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKon Tum, ngày 02 tháng 9 năm 2024\n\nKính gửi: Các phòng nghiệp vụ.\n"
	for _, c := range []struct{ head, want string }{
		{"UBND TỈNH KON TUM\nTHANH TRA TỈNH", "THANH TRA TỈNH"},
		{"UBND HUYỆN ĐĂK HÀ\nTHANH TRA HUYỆN", "THANH TRA HUYỆN"},
		{"CỤC THUẾ\nTHUẾ TỈNH QUẢNG NINH", "THUẾ TỈNH QUẢNG NINH"},
		{"TÒA ÁN NHÂN DÂN TỐI CAO\nTÒA ÁN NHÂN DÂN TỈNH LÀO CAI", "TÒA ÁN NHÂN DÂN TỈNH LÀO CAI"},
		// Left alone.
		{"THANH TRA\nTỈNH KON TUM", "THANH TRA TỈNH KON TUM"},
		{"ỦY BAN NHÂN DÂN\nHUYỆN ĐĂK HÀ", "ỦY BAN NHÂN DÂN HUYỆN ĐĂK HÀ"},
	} {
		if got := Parse(c.head+tail, nil).Issuer; got != c.want {
			t.Errorf("issuer of %q = %q, want %q", c.head, got, c.want)
		}
	}
}

// TestAskedAndVillageHeadings: a unit heading that opens "Đề nghị" ("4. Đề
// nghị Ủy ban MTTQ xã và các tổ chức chính trị - xã hội xã") and the
// villages of a commune ("5. Các bản", "Các ấp, khóm") head the paragraph
// of their work; "Các ban" (boards, spelled so) and a heading with a verb
// do not.
func TestAskedAndVillageHeadings(t *testing.T) {
	head := "UBND XÃ SÌN HỒ\n\nSố: 28/KH-UBND\n\nKẾ HOẠCH\nSản xuất nông nghiệp năm 2026\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Kinh tế\n\nChủ trì hướng dẫn gieo cấy đạt 2.150 ha.\n\n2. "
	tail := "\n\nIV. CHẾ ĐỘ BÁO CÁO\n\nCác cơ quan, đơn vị báo cáo trước ngày 25/11/2026./.\n"
	for _, c := range []struct{ heading, para, want string }{
		{"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội xã", "Vận động nhân dân tham gia bảo vệ rừng.", "Ủy ban Mặt trận Tổ quốc Việt Nam xã; các tổ chức chính trị - xã hội xã"},
		{"Các bản", "Tổ chức họp bản, phổ biến Kế hoạch đến 100% hộ gia đình.", "Các bản"},
		{"Các ấp, khóm", "Tổ chức họp dân, phổ biến Kế hoạch đến 100% hộ gia đình.", "Các ấp, khóm"},
		// Left alone: a sentence, not a heading.
		{"Đề nghị các hộ gia đình chủ động phòng dịch", "Vận động nhân dân tham gia bảo vệ rừng.", ""},
	} {
		r := Parse(head+c.heading+"\n\n"+c.para+tail, nil)
		got := ""
		for _, tk := range r.Tasks {
			if strings.HasSuffix(tk.Label, "2") {
				got = strings.Join(roleNames(tk, "lead"), "; ")
			}
		}
		if got != c.want {
			t.Errorf("%q: lead %q, want %q", c.heading, got, c.want)
		}
	}
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"Các bản", true}, {"Các thôn, tổ dân phố", true}, {"Các ấp và khóm", true},
		{"Các ban", false}, {"Các bản đồ", false}, {"Bản", false},
	} {
		if got := villageGroup(c.in); got != c.want {
			t.Errorf("villageGroup(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestTaskNounsAndGraspVerb: "nhiệm vụ" and "đề tài" are counted whole
// ("ít nhất 02 nhiệm vụ"), and "nắm tình hình" ends the name of a unit
// supported ("phối hợp với Phòng Kinh tế nắm tình hình").
func TestTaskNounsAndGraspVerb(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"triển khai ít nhất 02 nhiệm vụ khoa học và công nghệ", []string{">= 2 nhiệm vụ"}},
		{"thực hiện 03 đề tài cấp tỉnh", []string{"= 3 đề tài"}},
		// Left alone.
		{"hoàn thành 100% nhiệm vụ được giao", []string{"= 100 %"}},
	} {
		var got []string
		for _, g := range targets(c.in) {
			got = append(got, targetFull(g))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("targets(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	r := Parse("Kính gửi: Công an xã.\n\nỦy ban nhân dân xã giao nhiệm vụ như sau:\n\n1. Công an xã: Phối hợp với Phòng Kinh tế nắm tình hình, xây dựng phương án phòng cháy rừng.\n\nCác đơn vị báo cáo trước ngày 25/11/2026./.\n", nil)
	if len(r.Tasks) != 1 {
		t.Fatalf("%d tasks, want 1", len(r.Tasks))
	}
	if got := joinNames(roleNames(r.Tasks[0], "support")); got != "Phòng Kinh tế" {
		t.Errorf("support %q, want %q", got, "Phòng Kinh tế")
	}
}
