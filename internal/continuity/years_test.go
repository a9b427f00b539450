package continuity

import (
	"slices"
	"testing"
)

func TestEarlierYears(t *testing.T) {
	for _, c := range []struct {
		text string
		year int
		want []int
	}{
		{"Lãnh đạo, chỉ đạo gọi công dân nhập ngũ năm 2022 đảm bảo hoàn thành 100% chỉ tiêu", 2027, []int{2022}},
		{"nâng hạng chỉ số DDCI năm 2022; xã Sơn Hà đạt chuẩn nông thôn mới nâng cao NĂM 2022", 2027, []int{2022}},
		{"thu nội địa tăng 10% so với năm 2026 và bằng cùng kỳ năm 2026", 2027, nil},
		{"so với cùng kỳ năm 2025; kế hoạch năm 2025", 2026, []int{2025}},
		{"nhập ngũ năm 2027", 2027, nil},                                // this round's own year
		{"Đề án giai đoạn 2020-2030, Nghị quyết số 08/2019", 2027, nil}, // no "năm"
		{"phấn đấu đến năm 2030", 2027, nil},                            // a later year
		{"năm 2021 và năm 2022, năm 2021", 2027, []int{2021, 2022}},
		{"năm", 2027, nil},
		{"theo Kế hoạch số 164/KH-UBND ngày 15 tháng 3 năm 2021 của UBND tỉnh", 2027, nil},
	} {
		if got := EarlierYears(c.text, c.year); !slices.Equal(got, c.want) {
			t.Errorf("EarlierYears(%q, %d) = %v, want %v", c.text, c.year, got, c.want)
		}
	}
}

func TestMoveYears(t *testing.T) {
	for _, c := range []struct {
		text string
		year int
		want string
	}{
		{"gọi công dân nhập ngũ năm 2022 đảm bảo hoàn thành 100% chỉ tiêu", 2027, "gọi công dân nhập ngũ năm 2027 đảm bảo hoàn thành 100% chỉ tiêu"},
		{"DDCI NĂM 2022; nông thôn mới năm 2021", 2026, "DDCI NĂM 2026; nông thôn mới năm 2026"},
		// Comparisons and cited dates name the earlier year on purpose.
		{"tăng 10% so với năm 2025, bằng cùng kỳ năm 2025, kế hoạch năm 2025", 2026, "tăng 10% so với năm 2025, bằng cùng kỳ năm 2025, kế hoạch năm 2026"},
		{"theo Kế hoạch số 164/KH-UBND ngày 15 tháng 3 năm 2021 của UBND tỉnh", 2026, "theo Kế hoạch số 164/KH-UBND ngày 15 tháng 3 năm 2021 của UBND tỉnh"},
		{"phấn đấu đến năm 2030; năm 2026", 2026, "phấn đấu đến năm 2030; năm 2026"},
		{"năm", 2026, "năm"},
		{"", 2026, ""},
	} {
		if got := MoveYears(c.text, c.year); got != c.want {
			t.Errorf("MoveYears(%q, %d) = %q, want %q", c.text, c.year, got, c.want)
		}
		if got := EarlierYears(MoveYears(c.text, c.year), c.year); len(got) != 0 {
			t.Errorf("after MoveYears(%q), EarlierYears still finds %v", c.text, got)
		}
	}
}

// The one button rewrites only a period's year: not a law's, a span's, a
// time counted from a year, nor a comparison a few words back.
func TestMoveYearsLeavesNamedYears(t *testing.T) {
	for _, text := range []string{
		"thực hiện Luật Nghĩa vụ quân sự năm 2015",
		"theo Hiến pháp năm 2013",
		"Kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025",
		"thu hồi diện tích bị lấn chiếm từ năm 2020 đến nay",
		"tăng 8% so với thực hiện năm 2025",
		"bằng 105% so với dự toán năm 2025",
	} {
		if got := MoveYears(text, 2026); got != text {
			t.Errorf("MoveYears(%q) = %q, want it unchanged", text, got)
		}
	}
}
