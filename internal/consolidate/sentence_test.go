package consolidate

import (
	"testing"

	"tiendo"
)

func TestTargetSentence(t *testing.T) {
	gpmb := &tiendo.Target{Text: "phân đấu tỷ lệ giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng đạt 70% trở lên", Comparator: tiendo.AtLeast, Value: 70, Unit: "%"}
	thu := &tiendo.Target{Text: "Báo cáo việc chỉ đạo thu nội địa tăng 10% trở lên so với dự toán tỉnh giao", Comparator: tiendo.AtLeast, Value: 10, Unit: "%", Direction: "increase", RelativeTo: "estimate"}
	ngheo := &tiendo.Target{Text: "Báo cáo việc giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"}
	tranDuoi := &tiendo.Target{Text: "tỷ lệ hộ nghèo không quá 4,5%", Comparator: tiendo.AtMost, Value: 4.5, Unit: "%"}
	duoi := &tiendo.Target{Text: "tỷ lệ hộ nghèo dưới 4,5%", Comparator: tiendo.LessThan, Value: 4.5, Unit: "%"}
	xuongCon := &tiendo.Target{Text: "giảm tỷ lệ hộ nghèo xuống còn 4,5%", Comparator: tiendo.AtMost, Value: 4.5, Unit: "%"} // a level, as the parser reads it
	tren := &tiendo.Target{Text: "dự án khu Tái định cư dân cư xã Hồ Sơn, xã Hòa Thắng đạt trên 60%", Comparator: tiendo.MoreThan, Value: 60, Unit: "%"}
	khu := &tiendo.Target{Text: "xây dựng 02 khu dân cư kiểu mẫu trở lên", Comparator: tiendo.AtLeast, Value: 2, Unit: "khu dân cư"}
	truong := &tiendo.Target{Text: "Phân đấu xây dựng 02 trường học đạt chuẩn quốc gia", Comparator: tiendo.Equal, Value: 2, Unit: "trường"}
	ocop := &tiendo.Target{Text: "Phân đấu ít nhất có 02 sản phẩm tham gia chương trình OCOP được tiêu chuẩn hóa, gắn sao", Comparator: tiendo.AtLeast, Value: 2, Unit: "sản phẩm"}
	ntm := &tiendo.Target{Text: "Báo cáo việc tập trung chỉ đạo 02 xã Vân Nham và xã Hồ Sơn đạt chuẩn quốc gia nông thôn mới", Comparator: tiendo.Equal, Value: 2, Unit: "xã"}
	hinhSu := &tiendo.Target{Text: "phấn đấu giảm số vụ phạm pháp hình sự 5% trở lên so với cùng kỳ", Comparator: tiendo.AtLeast, Value: 5, Unit: "%", Direction: "decrease", RelativeTo: "same-period"}
	luongThuc := &tiendo.Target{Text: "sản lượng lương thực tăng 5% so với kế hoạch", Comparator: tiendo.AtLeast, Value: 5, Unit: "%", Direction: "increase", RelativeTo: "plan"}
	ngansach := &tiendo.Target{Text: "thu ngân sách đạt 100% dự toán trở lên", Comparator: tiendo.AtLeast, Value: 100, Unit: "%", RelativeTo: "estimate"}
	banLe := &tiendo.Target{Text: "tổng mức bán lẻ hàng hóa bằng 110% so với cùng kỳ", Comparator: tiendo.AtLeast, Value: 110, Unit: "%", RelativeTo: "same-period"}
	tyDong := &tiendo.Target{Text: "thu ngân sách trên địa bàn đạt 1.200 tỷ đồng", Comparator: tiendo.AtLeast, Value: 1200, Unit: "tỷ đồng"}
	treEm := &tiendo.Target{Text: "nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%", Comparator: tiendo.Equal, Value: 42, Unit: "%", Direction: "increase"}
	khamPha := &tiendo.Target{Text: "tỷ lệ khám phá án đạt 85%", Value: 85, Unit: "%"} // no comparator: a goal to reach
	nhapNgu := &tiendo.Target{Text: "gọi công dân nhập ngũ năm 2022 đảm bảo hoàn thành 100% chỉ tiêu được giao, chất lượng tốt", Comparator: tiendo.Equal, Value: 100, Unit: "%"}
	dienTich := &tiendo.Target{Text: "tiếp tục mở rộng các mô hình sản xuất theo tiêu chuẩn VietGAP với diện tích từ 20 ha trở lên", Comparator: tiendo.AtLeast, Value: 20, Unit: "ha"}

	tests := []struct {
		name         string
		target       *tiendo.Target
		unit         string
		actual, same *float64
		want         string
	}{
		{">= not met", gpmb, "", f(65), nil, "Tỷ lệ giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng đạt 65%, bằng 92,9% kế hoạch, chưa đạt chỉ tiêu"},
		{">= met", gpmb, "", f(70), nil, "Tỷ lệ giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng đạt 70%, bằng 100% kế hoạch, đạt chỉ tiêu"},
		{">= exceeded", gpmb, "", f(75), nil, "Tỷ lệ giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng đạt 75%, bằng 107,1% kế hoạch, vượt chỉ tiêu"},
		{"same period", gpmb, "", f(65), f(60), "Tỷ lệ giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng đạt 65%, bằng 92,9% kế hoạch, chưa đạt chỉ tiêu, cùng kỳ năm trước đạt 60%"},
		{"no data", gpmb, "", nil, f(60), "Tỷ lệ giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng chưa có số liệu"},
		{"no data, unit named", gpmb, "Trung tâm Phát triển quỹ đất", nil, nil, "Trung tâm Phát triển quỹ đất chưa báo cáo số liệu tỷ lệ giải phóng mặt bằng dự án Khu đô thị mới Hữu Lũng"},
		{"unit named", treEm, "Phòng Giáo dục và Đào tạo", f(40.3), nil, "Theo báo cáo của Phòng Giáo dục và Đào tạo, tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 40,3%, bằng 96% kế hoạch, chưa đạt chỉ tiêu"},

		{"increase vs estimate exceeded", thu, "", f(12.5), nil, "Thu nội địa tăng 12,5% so với dự toán, bằng 125% mức tăng 10% đề ra, vượt chỉ tiêu"},
		{"increase vs estimate met", thu, "", f(10), nil, "Thu nội địa tăng 10% so với dự toán, bằng 100% mức tăng 10% đề ra, đạt chỉ tiêu"},
		{"increase vs estimate not met", thu, "", f(8), f(9.2), "Thu nội địa tăng 8% so với dự toán, bằng 80% mức tăng 10% đề ra, chưa đạt chỉ tiêu, cùng kỳ năm trước tăng 9,2%"},
		{"increase vs plan", luongThuc, "", f(6), nil, "Sản lượng lương thực tăng 6% so với kế hoạch, bằng 120% mức tăng 5% đề ra, vượt chỉ tiêu"},
		{"decrease exceeded", ngheo, "", f(3.2), nil, "Giảm tỷ lệ hộ nghèo 3,2%, bằng 106,7% mức giảm 3% đề ra, vượt chỉ tiêu"},
		{"decrease not met", ngheo, "", f(1.6), f(1.9), "Giảm tỷ lệ hộ nghèo 1,6%, bằng 53,3% mức giảm 3% đề ra, chưa đạt chỉ tiêu, cùng kỳ năm trước giảm 1,9%"},
		{"decrease vs same period", hinhSu, "", f(7.1), nil, "Giảm số vụ phạm pháp hình sự 7,1% so với cùng kỳ, bằng 142% mức giảm 5% đề ra, vượt chỉ tiêu"},
		{"decrease the other way: no ratio, the goal", ngheo, "", f(-0.4), nil, "Giảm tỷ lệ hộ nghèo -0,4%, thấp hơn mức 3% đề ra, chưa đạt chỉ tiêu"},
		{"decrease no data", ngheo, "", nil, nil, "Giảm tỷ lệ hộ nghèo chưa có số liệu"},
		{"increase no data", thu, "", nil, nil, "Thu nội địa tăng so với dự toán chưa có số liệu"},

		{"<= exceeded", tranDuoi, "", f(4), nil, "Tỷ lệ hộ nghèo còn 4%, dưới mức tối đa 4,5%, vượt chỉ tiêu"},
		{"<= met", tranDuoi, "", f(4.5), nil, "Tỷ lệ hộ nghèo còn 4,5%, bằng mức tối đa 4,5%, đạt chỉ tiêu"},
		{"<= not met", tranDuoi, "", f(5), f(5.8), "Tỷ lệ hộ nghèo còn 5%, cao hơn mức tối đa 4,5%, chưa đạt chỉ tiêu, cùng kỳ năm trước là 5,8%"},
		{"< met", duoi, "", f(4), nil, "Tỷ lệ hộ nghèo còn 4%, dưới mức 4,5%, đạt chỉ tiêu"},
		{"< at the bound", duoi, "", f(4.5), nil, "Tỷ lệ hộ nghèo còn 4,5%, chưa xuống dưới mức 4,5%, chưa đạt chỉ tiêu"},
		{"< not met", duoi, "", f(5), nil, "Tỷ lệ hộ nghèo còn 5%, cao hơn mức 4,5%, chưa đạt chỉ tiêu"},
		{"a level to come down to is a ceiling", xuongCon, "", f(4), nil, "Tỷ lệ hộ nghèo còn 4%, dưới mức tối đa 4,5%, vượt chỉ tiêu"},
		{"> met", tren, "", f(62), nil, "Dự án khu Tái định cư dân cư xã Hồ Sơn, xã Hòa Thắng đạt 62%, trên mức 60%, đạt chỉ tiêu"},
		{"> at the bound", tren, "", f(60), nil, "Dự án khu Tái định cư dân cư xã Hồ Sơn, xã Hòa Thắng đạt 60%, chưa vượt mức 60%, chưa đạt chỉ tiêu"},
		{"> not met", tren, "", f(55), nil, "Dự án khu Tái định cư dân cư xã Hồ Sơn, xã Hòa Thắng đạt 55%, bằng 91,7% kế hoạch, chưa đạt chỉ tiêu"},
		{"= level met", treEm, "", f(42), nil, "Tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%, bằng 100% kế hoạch, đạt chỉ tiêu"},
		{"no comparator", khamPha, "", f(87.5), f(84.2), "Tỷ lệ khám phá án đạt 87,5%, bằng 102,9% kế hoạch, vượt chỉ tiêu, cùng kỳ năm trước đạt 84,2%"},
		{"% with words after", nhapNgu, "", f(100), nil, "Gọi công dân nhập ngũ năm 2022 đạt 100%, bằng 100% kế hoạch, đạt chỉ tiêu"},

		{"share of estimate", ngansach, "", f(105), nil, "Thu ngân sách đạt 105% dự toán, vượt chỉ tiêu"},
		{"share of same period", banLe, "", f(112), nil, "Tổng mức bán lẻ hàng hóa bằng 112% so với cùng kỳ, vượt chỉ tiêu"},
		{"thousands", tyDong, "", f(1234.5), nil, "Thu ngân sách trên địa bàn đạt 1.234,5 tỷ đồng, bằng 102,9% kế hoạch, vượt chỉ tiêu"},
		{"area", dienTich, "", f(21.5), f(15), "Mở rộng các mô hình sản xuất theo tiêu chuẩn VietGAP với diện tích đạt 21,5 ha, bằng 107,5% kế hoạch, vượt chỉ tiêu, cùng kỳ năm trước đạt 15 ha"},

		{"count not met", khu, "", f(1), f(1), "Xây dựng được 01 khu dân cư kiểu mẫu, bằng 50% kế hoạch, chưa đạt chỉ tiêu, cùng kỳ năm trước đạt 01 khu dân cư"},
		{"count =", truong, "", f(2), nil, "Xây dựng được 02 trường học đạt chuẩn quốc gia, bằng 100% kế hoạch, đạt chỉ tiêu"},
		{"count with có", ocop, "", f(3), nil, "Có 03 sản phẩm tham gia chương trình OCOP được tiêu chuẩn hóa, gắn sao, bằng 150% kế hoạch, vượt chỉ tiêu"},
		{"count of named things", ntm, "", f(1), nil, "Xã Vân Nham và xã Hồ Sơn đạt chuẩn quốc gia nông thôn mới: đạt 01/02 xã, bằng 50% kế hoạch, chưa đạt chỉ tiêu"},
		{"count no data", khu, "", nil, nil, "Xây dựng khu dân cư kiểu mẫu chưa có số liệu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TargetSentence(tt.target, tt.unit, tt.actual, tt.same); got != tt.want {
				t.Errorf("TargetSentence()\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

// The verdict words must be tiendo.Assess's for every comparator: a sentence
// never says "đạt" where the table says "Chưa đạt".
func TestTargetSentenceAgreesWithAssess(t *testing.T) {
	words := map[tiendo.Verdict]string{tiendo.VerdictMet: ", đạt chỉ tiêu", tiendo.VerdictExceeded: ", vượt chỉ tiêu", tiendo.VerdictNotMet: ", chưa đạt chỉ tiêu"}
	for _, cmp := range []tiendo.Comparator{tiendo.AtLeast, tiendo.MoreThan, tiendo.Equal, tiendo.AtMost, tiendo.LessThan, ""} {
		for _, dir := range []string{"", "increase", "decrease"} {
			for _, rel := range []string{"", "plan", "estimate", "same-period"} {
				tg := &tiendo.Target{Text: "chỉ tiêu thử đạt 10%", Comparator: cmp, Value: 10, Unit: "%", Direction: dir, RelativeTo: rel}
				for _, a := range []float64{5, 10, 15} {
					v, _ := tiendo.Assess(tg, &a)
					got := TargetSentence(tg, "", &a, nil)
					want := words[v]
					if len(got) < len(want) || got[len(got)-len(want):] != want {
						t.Errorf("%s %s %s actual %v: %q does not end with %q", cmp, dir, rel, a, got, want)
					}
				}
			}
		}
	}
}

func TestSubject(t *testing.T) {
	tests := []struct {
		target *tiendo.Target
		want   string
	}{
		{&tiendo.Target{Text: "phân đấu tỷ lệ giải phóng mặt bằng đạt 70% trở lên", Comparator: ">=", Value: 70, Unit: "%"}, "Tỷ lệ giải phóng mặt bằng"},
		{&tiendo.Target{Text: "phấn đấu tỷ lệ khám phá án đạt 85%", Comparator: "=", Value: 85, Unit: "%"}, "Tỷ lệ khám phá án"},
		{&tiendo.Target{Text: "Báo cáo việc chỉ đạo thu nội địa tăng 10% trở lên so với dự toán tỉnh giao", Comparator: ">=", Value: 10, Unit: "%", Direction: "increase", RelativeTo: "estimate"}, "Thu nội địa tăng so với dự toán"},
		{&tiendo.Target{Text: "Báo cáo việc giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: ">=", Value: 3, Unit: "%", Direction: "decrease"}, "Giảm tỷ lệ hộ nghèo"},
		{&tiendo.Target{Text: "nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%", Comparator: "=", Value: 42, Unit: "%", Direction: "increase"}, "Tỷ lệ huy động trẻ nhà trẻ ra lớp"},
		{&tiendo.Target{Text: "tỷ lệ hộ nghèo không vượt quá 4,5%", Comparator: "<=", Value: 4.5, Unit: "%"}, "Tỷ lệ hộ nghèo"},
		{&tiendo.Target{Text: "giảm tỷ lệ hộ nghèo xuống dưới 4,5%", Comparator: "<", Value: 4.5, Unit: "%", Direction: "decrease"}, "Tỷ lệ hộ nghèo"},
		{&tiendo.Target{Text: "**Hình thành từ 02 sản phẩm du lịch**", Comparator: ">=", Value: 2, Unit: "sản phẩm"}, "Hình thành sản phẩm du lịch"},
		{&tiendo.Target{Text: "Báo cáo việc phân đấu có 02 dự án trở lên được hưởng ưu đãi đầu tư theo Nghị quyết số 08/2019/NQ-HĐND", Comparator: ">=", Value: 2, Unit: "dự án"}, "Có dự án được hưởng ưu đãi đầu tư theo Nghị quyết số 08/2019/NQ-HĐND"},
		{&tiendo.Target{Text: "phân đấu toàn huyện bình quân 01 xã đạt 15,2 tiêu chí", Comparator: "=", Value: 15.2, Unit: "tiêu chí"}, "Toàn huyện bình quân 01 xã"},
		{&tiendo.Target{Text: "Đối với dự án Khu đô thị mới, phân đấu tỷ lệ GPMB đạt 70%", Comparator: ">=", Value: 70, Unit: "%"}, "Đối với dự án Khu đô thị mới, phân đấu tỷ lệ GPMB"},
		{&tiendo.Target{Text: "đạt 70%", Comparator: ">=", Value: 70, Unit: "%"}, "Chỉ tiêu"},
		{&tiendo.Target{Text: "xếp loại tốt", Comparator: ">=", Value: 1}, "Xếp loại tốt"},
	}
	for _, tt := range tests {
		if got := measureOf(tt.target).subject(); got != tt.want {
			t.Errorf("subject(%q) = %q, want %q", tt.target.Text, got, tt.want)
		}
	}
}

func TestShortHeading(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Báo cáo việc chỉ đạo thu nội địa tăng 10% trở lên so với dự toán tỉnh giao", "Chỉ đạo thu nội địa tăng 10% trở lên so với dự toán tỉnh giao"},
		{"Báo cáo việc hoàn thành đúng tiến độ công tác bồi thường, giải phóng mặt bằng các dự án trên địa bàn huyện, nhất là các dự án trọng điểm. Đối với dự án Khu đô thị mới Hữu Lũng tại xã Sơn Hà, phân đấu tỷ lệ giải phóng mặt bằng đạt 70% trở lên",
			"Hoàn thành đúng tiến độ công tác bồi thường, giải phóng mặt bằng các dự án trên địa bàn huyện"},
		{"Báo cáo việc tập trung chỉ đạo 02 xã Vân Nham và xã Hồ Sơn đạt chuẩn quốc gia nông thôn mới, xã Sơn Hà đạt chuẩn nông thôn mới nâng cao năm 2022; phân đấu toàn huyện bình quân 01 xã đạt 15,2 tiêu chí",
			"Tập trung chỉ đạo 02 xã Vân Nham và xã Hồ Sơn đạt chuẩn quốc gia nông thôn mới"},
		{"Báo cáo việc hoàn thành đầu tư cơ sở hạ tầng (bãi đỗ xe chung; nhà vệ sinh công cộng) cho điểm du lịch cộng đồng xã Hữu Liên",
			"Hoàn thành đầu tư cơ sở hạ tầng cho điểm du lịch cộng đồng xã Hữu Liên"},
		{"Báo cáo việc phân đấu có 02 dự án trở lên được hưởng ưu đãi đầu tư theo Nghị quyết số 08/2019/NQ-HĐND, ngày 10/12/2019 của HĐND tỉnh Lạng Sơn",
			"Phấn đấu có 02 dự án trở lên được hưởng ưu đãi đầu tư"},
		{"Báo cáo việc thực hiện tốt công tác thực hành diễn tập chiến đấu phòng thủ các xã, thị trấn, bảo đảm đúng kế hoạch, an toàn tuyệt đối. Lãnh đạo, chỉ đạo tổ chức tuyển chọn",
			"Thực hiện tốt công tác thực hành diễn tập chiến đấu phòng thủ các xã, thị trấn"},
		{"công tác cải cách hành chính", "Công tác cải cách hành chính"},
		// The first sentence, without "…" though the task says more: the
		// heading names the task, the section reports on all of it.
		{"Báo cáo việc giảm tỷ lệ hộ nghèo từ 3% trở lên. Phân đấu xây dựng 02 trường học đạt chuẩn quốc gia; nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%. Xây dựng 02 trạm y tế xã đạt chuẩn Bộ tiêu chí Quốc gia về y tế",
			"Giảm tỷ lệ hộ nghèo từ 3% trở lên"},
		// A semicolon within the first sentence does not end the heading.
		{"Báo cáo việc hình thành từ 02 sản phẩm du lịch; phát triển du lịch cộng đồng", "Hình thành từ 02 sản phẩm du lịch; phát triển du lịch cộng đồng"},
		{"Kết quả thực hiện các chỉ tiêu: thu ngân sách, chi ngân sách", "Kết quả thực hiện các chỉ tiêu"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := shortHeading(tt.text); got != tt.want {
			t.Errorf("shortHeading(%q)\n got: %q\nwant: %q", tt.text, got, tt.want)
		}
	}
}
