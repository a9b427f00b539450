package consolidate_test

import (
	"testing"

	"tiendo/internal/consolidate"
)

func TestPlaceOf(t *testing.T) {
	for _, tc := range []struct{ issuer, want string }{
		{"UBND huyện Hữu Lũng", "Hữu Lũng"},
		{"ỦY BAN NHÂN DÂN\nHUYỆN HỮU LŨNG", "Hữu Lũng"},
		{"Ủy ban nhân dân tỉnh Lạng Sơn", "Lạng Sơn"},
		{"UBND thành phố Lạng Sơn", "Lạng Sơn"},
		{"UBND thị trấn Hữu Lũng", "Hữu Lũng"},
		{"UBND phường 5", "Phường 5"},
		{"UBND quận 1", "Quận 1"},
		{"ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh"},
		{"UBND", ""},
		{"Ban Thường vụ Huyện ủy", ""},
		{"", ""},
	} {
		if got := consolidate.PlaceOf(tc.issuer); got != tc.want {
			t.Errorf("PlaceOf(%q) = %q, want %q", tc.issuer, got, tc.want)
		}
	}
}
