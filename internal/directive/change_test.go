package directive

import (
	"strings"
	"testing"

	"tiendo"
)

// TestLevelOrChange: a verb of change followed by the amount states a
// change (Direction "increase"/"decrease"); followed by a level word ("đạt",
// "lên", "xuống còn", "ở mức", "bằng") it states the level to reach
// (Direction ""), with the comparator the phrase implies.
func TestLevelOrChange(t *testing.T) {
	tests := []struct {
		text string
		want Target // Text ignored
	}{
		// Levels to reach: more is better.
		{"nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%", Target{Comparator: ">=", Value: 42, Unit: "%"}},
		{"Phấn đấu nâng tỷ lệ che phủ rừng lên 65%", Target{Comparator: ">=", Value: 65, Unit: "%"}},
		{"nâng cao tỷ lệ lao động qua đào tạo lên trên 70%", Target{Comparator: ">", Value: 70, Unit: "%"}},
		{"phấn đấu tăng số xã đạt chuẩn nông thôn mới lên 12 xã", Target{Comparator: ">=", Value: 12, Unit: "xã"}},
		{"nâng số trường đạt chuẩn quốc gia lên mức 25 trường", Target{Comparator: ">=", Value: 25, Unit: "trường"}},
		{"tăng thu nhập bình quân đầu người lên 60 triệu đồng", Target{Comparator: ">=", Value: 60, Unit: "triệu đồng"}},
		{"Tổng lượt khách du lịch tăng lên 450.000 lượt khách", Target{Comparator: ">=", Value: 450000, Unit: "lượt khách"}},
		{"nâng tỷ lệ người dân tham gia bảo hiểm y tế đạt từ 95% trở lên", Target{Comparator: ">=", Value: 95, Unit: "%"}},
		{"tăng tỷ lệ km đường giao thông nông thôn được cứng hóa đạt được 85%", Target{Comparator: ">=", Value: 85, Unit: "%"}},
		{"nâng tổng số hộ sử dụng nước sạch lên đến 12.500 hộ", Target{Comparator: ">=", Value: 12500, Unit: "hộ"}},
		{"tốc độ tăng trưởng giá trị sản xuất đạt 7,5%", Target{Comparator: ">=", Value: 7.5, Unit: "%"}},
		{"đưa tỷ lệ đô thị hóa lên 40%", Target{Comparator: ">=", Value: 40, Unit: "%"}},
		{"nâng tỷ lệ che phủ rừng từ 60% lên 62%", Target{Comparator: ">=", Value: 62, Unit: "%"}},
		// Levels to come down to: less is better.
		{"giảm tỷ lệ hộ nghèo xuống còn dưới 3%", Target{Comparator: "<", Value: 3, Unit: "%"}},
		{"giảm tỷ lệ hộ nghèo đa chiều xuống còn 3%", Target{Comparator: "<=", Value: 3, Unit: "%"}},
		{"Tỷ lệ hộ nghèo giảm còn 2,5%", Target{Comparator: "<=", Value: 2.5, Unit: "%"}},
		{"hạ tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi xuống dưới 12%", Target{Comparator: "<", Value: 12, Unit: "%"}},
		{"hạ thấp tỷ lệ sinh con thứ ba xuống còn 8%", Target{Comparator: "<=", Value: 8, Unit: "%"}},
		{"kéo giảm tai nạn giao thông xuống dưới 10 vụ", Target{Comparator: "<", Value: 10, Unit: "vụ"}},
		{"số vụ cháy giảm xuống còn không quá 5 vụ", Target{Comparator: "<=", Value: 5, Unit: "vụ"}},
		{"giảm số hộ nghèo toàn huyện xuống chỉ còn 350 hộ", Target{Comparator: "<=", Value: 350, Unit: "hộ"}},
		{"phấn đấu giảm tỷ lệ thất nghiệp ở khu vực thành thị ở mức 3,5%", Target{Comparator: "<=", Value: 3.5, Unit: "%"}},
		{"giảm tỷ lệ hộ nghèo từ 4,2% năm 2024 xuống còn 3%", Target{Comparator: "<=", Value: 3, Unit: "%"}},
		{"tỷ lệ giảm nghèo đạt 2%", Target{Comparator: ">=", Value: 2, Unit: "%"}},
		// Changes: the verb is followed by the amount.
		{"thu nội địa tăng 10% so với cùng kỳ", Target{Comparator: "=", Value: 10, Unit: "%", Direction: "increase", RelativeTo: "same-period"}},
		{"giảm tỷ lệ hộ nghèo 1,5%", Target{Comparator: "=", Value: 1.5, Unit: "%", Direction: "decrease"}},
		{"phấn đấu giảm tỷ lệ hộ nghèo 3% so với cuối năm 2024", Target{Comparator: "=", Value: 3, Unit: "%", Direction: "decrease"}},
		{"giảm 1,5% tỷ lệ hộ nghèo", Target{Comparator: "=", Value: 1.5, Unit: "%", Direction: "decrease"}},
		{"tăng thêm 200 ha diện tích trồng rừng", Target{Comparator: "=", Value: 200, Unit: "ha", Direction: "increase"}},
		{"giảm ít nhất 2% số vụ tai nạn giao thông", Target{Comparator: ">=", Value: 2, Unit: "%", Direction: "decrease"}},
		{"tăng thêm tối thiểu 3 xã đạt chuẩn nông thôn mới", Target{Comparator: ">=", Value: 3, Unit: "xã", Direction: "increase"}},
		{"Phấn đấu nâng số trường đạt chuẩn quốc gia thêm 4 trường", Target{Comparator: "=", Value: 4, Unit: "trường", Direction: "increase"}},
		{"giảm tối thiểu 5% số người chết do tai nạn giao thông so với cùng kỳ", Target{Comparator: ">=", Value: 5, Unit: "%", Direction: "decrease", RelativeTo: "same-period"}},
		{"tổng mức bán lẻ hàng hóa tăng trên 12%", Target{Comparator: ">", Value: 12, Unit: "%", Direction: "increase"}},
		{"chỉ số giá tiêu dùng tăng dưới 4%", Target{Comparator: "<", Value: 4, Unit: "%", Direction: "increase"}},
		{"số hộ nghèo giảm 120 hộ", Target{Comparator: "=", Value: 120, Unit: "hộ", Direction: "decrease"}},
		{"tăng 02 trường đạt chuẩn quốc gia", Target{Comparator: "=", Value: 2, Unit: "trường", Direction: "increase"}},
		{"giảm tỷ lệ hộ nghèo từ 3% trở lên", Target{Comparator: ">=", Value: 3, Unit: "%", Direction: "decrease"}},
		{"giảm tỷ lệ sinh con thứ 3 trở lên 0,5%", Target{Comparator: "=", Value: 0.5, Unit: "%", Direction: "decrease"}},
		{"giảm được 15 km đường xuống cấp", Target{Comparator: "=", Value: 15, Unit: "km", Direction: "decrease"}},
		// No verb of change at all.
		{"nâng cấp, mở rộng 15 km đường giao thông nông thôn", Target{Comparator: "=", Value: 15, Unit: "km"}},
		{"cải tạo hạ tầng kỹ thuật 12 km đường nội thị", Target{Comparator: "=", Value: 12, Unit: "km"}},
		{"miễn, giảm học phí cho 250 học sinh", Target{Comparator: "=", Value: 250, Unit: "học sinh"}},
		{"tăng cường kiểm tra 30 cơ sở", Target{Comparator: "=", Value: 30, Unit: "cơ sở"}},
	}
	for _, tt := range tests {
		wantOneTarget(t, tt.text, tt.want)
	}
}

// TestLevelOrChangeInCompounds: several targets in one sentence each take
// the verb before them, even where the clause of the one before runs on
// ("và") or a bracket stands between the verb and the number.
func TestLevelOrChangeInCompounds(t *testing.T) {
	type goal struct {
		cmp       tiendo.Comparator
		value     float64
		direction string
	}
	tests := []struct {
		text string
		want []goal
	}{
		{"nâng tỷ lệ trường đạt chuẩn quốc gia lên 60% và giảm tỷ lệ học sinh bỏ học xuống còn 1%",
			[]goal{{">=", 60, ""}, {"<=", 1, ""}}},
		{"tỷ lệ hộ dùng nước hợp vệ sinh đạt 98% và tăng tỷ lệ hộ dùng nước sạch 5%",
			[]goal{{"=", 98, ""}, {"=", 5, "increase"}}},
		{"giảm tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều) xuống còn 3%",
			[]goal{{"<=", 3, ""}}},
		{"giảm tỷ lệ hộ nghèo từ 4,2% (năm 2024) xuống còn 3%",
			[]goal{{"<=", 3, ""}}},
		{"Năm 2025, phấn đấu giảm tỷ lệ hộ nghèo xuống còn 2,8%, nâng tỷ lệ trẻ em đến trường đạt 99%; tăng thu ngân sách 8% so với dự toán.",
			[]goal{{"<=", 2.8, ""}, {">=", 99, ""}, {"=", 8, "increase"}}},
		{"thu ngân sách trên địa bàn tăng 10% so với cùng kỳ, đạt 105% dự toán",
			[]goal{{"=", 10, "increase"}, {"=", 105, ""}}},
		{"đầu tư hạ tầng giao thông, nâng cấp 20 km đường huyện, tăng lên 150 km đường bê tông",
			[]goal{{"=", 20, ""}, {">=", 150, ""}}},
	}
	for _, tt := range tests {
		var got []goal
		for _, g := range targets(tt.text) {
			got = append(got, goal{g.Comparator, g.Value, g.Direction})
		}
		if len(got) != len(tt.want) {
			t.Errorf("targets(%q) = %+v, want %+v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("targets(%q)[%d] = %+v, want %+v", tt.text, i, got[i], tt.want[i])
			}
		}
	}
}

// TestLevelMucIsNotReference: "mức" before a number is a level ("ở mức
// 3,5%"); "mục" is a reference ("mục 3") and gives no target.
func TestLevelMucIsNotReference(t *testing.T) {
	if got := targets("thực hiện theo mục 3 của Kế hoạch"); len(got) != 0 {
		t.Errorf("mục 3: targets = %+v, want none", got)
	}
	got := targets("duy trì tỷ lệ thất nghiệp ở mức 3,5%")
	if len(got) != 1 || got[0].Value != 3.5 || got[0].Unit != "%" || got[0].Direction != "" {
		t.Errorf("ở mức 3,5%%: targets = %+v, want one of 3,5 %% with no direction", got)
	}
}

// TestLevelTargetVerdict: a level parsed from a verb of change is judged as
// a level. "xuống còn dưới 3%" is met by 2,5%; "xuống còn 3%" by 3%; "đạt
// 42%" is not met by 40,3%.
func TestLevelTargetVerdict(t *testing.T) {
	for _, tt := range []struct {
		text   string
		actual float64
		want   tiendo.Verdict
	}{
		{"giảm tỷ lệ hộ nghèo xuống còn dưới 3%", 2.5, tiendo.VerdictMet},
		{"giảm tỷ lệ hộ nghèo xuống còn dưới 3%", 3, tiendo.VerdictNotMet},
		{"giảm tỷ lệ hộ nghèo xuống còn 3%", 3, tiendo.VerdictMet},
		{"giảm tỷ lệ hộ nghèo xuống còn 3%", 2.5, tiendo.VerdictExceeded},
		{"giảm tỷ lệ hộ nghèo xuống còn 3%", 3.4, tiendo.VerdictNotMet},
		{"nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%", 40.3, tiendo.VerdictNotMet},
		{"nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%", 42, tiendo.VerdictMet},
		{"nâng tỷ lệ che phủ rừng lên trên 65%", 65, tiendo.VerdictNotMet},
	} {
		gs := targets(tt.text)
		if len(gs) != 1 {
			t.Fatalf("targets(%q) = %+v, want one", tt.text, gs)
		}
		g := gs[0]
		a := tt.actual
		if got, _ := tiendo.Assess(&tiendo.Target{Comparator: g.Comparator, Value: g.Value, Unit: g.Unit, Direction: g.Direction, RelativeTo: g.RelativeTo}, &a); got != tt.want {
			t.Errorf("%q with %v: %s, want %s", tt.text, tt.actual, got, tt.want)
		}
	}
}

// TestSeedLevelAndChanges: in the seed, "nâng tỷ lệ huy động trẻ nhà trẻ ra
// lớp đạt 42%" is a level (it showed "tăng 42%"), while its changes keep
// their direction.
func TestSeedLevelAndChanges(t *testing.T) {
	r := Parse(readSeed(t), nil)
	want := map[string]Target{
		"nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%": {Comparator: ">=", Value: 42, Unit: "%"},
		"thu nội địa tăng 10% trở lên so với dự toán":    {Comparator: ">=", Value: 10, Unit: "%", Direction: "increase", RelativeTo: "estimate"},
		"giảm tỷ lệ hộ nghèo từ 3% trở lên":              {Comparator: ">=", Value: 3, Unit: "%", Direction: "decrease"},
		"giảm số vụ phạm pháp hình sự 5% trở lên":        {Comparator: ">=", Value: 5, Unit: "%", Direction: "decrease"},
		"tỷ lệ giải phóng mặt bằng đạt 70% trở lên":      {Comparator: ">=", Value: 70, Unit: "%"},
		"xã Hồ Sơn, xã Hòa Thắng đạt trên 60% trở lên":   {Comparator: ">", Value: 60, Unit: "%"},
		"mô hình phát triển sản xuất theo hướng an toàn": {Comparator: ">=", Value: 20, Unit: "ha"},
	}
	found := map[string]bool{}
	for _, task := range r.Tasks {
		for _, g := range task.Targets {
			for frag, w := range want {
				if !strings.Contains(strings.ToLower(g.Text), strings.ToLower(frag)) {
					continue
				}
				found[frag] = true
				g.Text = ""
				if g != w {
					t.Errorf("target %q = %+v, want %+v", frag, g, w)
				}
			}
		}
	}
	for frag := range want {
		if !found[frag] {
			t.Errorf("no target with %q", frag)
		}
	}
}
