package vi

import "testing"

func TestCapitalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"tỷ lệ giải phóng mặt bằng đạt 70%", "Tỷ lệ giải phóng mặt bằng đạt 70%"},
		{"đạt chuẩn nông thôn mới", "Đạt chuẩn nông thôn mới"},
		{"ủy ban nhân dân xã báo cáo", "Ủy ban nhân dân xã báo cáo"},
		{"ước thực hiện", "Ước thực hiện"},
		// Decomposed text: the base letter takes the capital, the marks stay.
		{"u\u031b\u0301c tính", "U\u031b\u0301c tính"},
		{"Tỷ lệ hộ nghèo", "Tỷ lệ hộ nghèo"},
		{"GPMB dự án Khu đô thị mới đạt 65%", "GPMB dự án Khu đô thị mới đạt 65%"},
		{"02 xã đạt chuẩn", "02 xã đạt chuẩn"},
		{"70% hồ sơ trực tuyến", "70% hồ sơ trực tuyến"},
		{"eKYC cho 90% tài khoản", "eKYC cho 90% tài khoản"},
		{"iHanoi có 50% người dùng", "iHanoi có 50% người dùng"},
		{"“gia đình văn hóa” đạt 90%", "“Gia đình văn hóa” đạt 90%"},
		{"(tỷ lệ) hộ nghèo", "(Tỷ lệ) hộ nghèo"},
		{"- tỷ lệ hộ nghèo", "- Tỷ lệ hộ nghèo"},
		{"  số hộ nghèo giảm", "  Số hộ nghèo giảm"},
		{"km đường bê tông", "Km đường bê tông"},
		{"", ""},
		{"   ", "   "},
		{"…", "…"},
		{"\xff tỷ lệ", "\xff tỷ lệ"},
	} {
		if got := Capitalize(tc.in); got != tc.want {
			t.Errorf("Capitalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
