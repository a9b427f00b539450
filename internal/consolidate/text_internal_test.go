package consolidate

import "testing"

// TestLowerFirst: a sentence continued after "Theo báo cáo của X, " or
// "So với cùng kỳ năm trước, " keeps a name's capital and lowers the rest.
func TestLowerFirst(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Đã hoàn thành 12/19 tiêu chí.", "đã hoàn thành 12/19 tiêu chí."},
		{"Tăng 5% so với cùng kỳ.", "tăng 5% so với cùng kỳ."},
		{"Hữu Lũng tăng 2 bậc so với năm 2025.", "Hữu Lũng tăng 2 bậc so với năm 2025."},
		{"Phòng Tài chính - Kế hoạch đã tham mưu.", "Phòng Tài chính - Kế hoạch đã tham mưu."},
		{"Xã Hồ Sơn đạt 16/19 tiêu chí.", "xã Hồ Sơn đạt 16/19 tiêu chí."},
		{"Thị trấn Hữu Lũng đạt chuẩn.", "thị trấn Hữu Lũng đạt chuẩn."},
		{"GPMB đạt 65%.", "GPMB đạt 65%."},
		{"OCOP 3 sao: 02 sản phẩm.", "OCOP 3 sao: 02 sản phẩm."},
		{"Việt Nam", "Việt Nam"},
		{"  Trong kỳ không phát sinh.", "trong kỳ không phát sinh."},
		{"Thu NSNN trên địa bàn tăng 12%.", "thu NSNN trên địa bàn tăng 12%."},
		{"Các HTX mới thành lập tăng 3 đơn vị.", "các HTX mới thành lập tăng 3 đơn vị."},
		{"Ông Nguyễn Văn An đã ký.", "ông Nguyễn Văn An đã ký."},
		{"Trong Quý II đạt 40%.", "trong Quý II đạt 40%."},
		{"Khu Công nghiệp Đồng Bành đã có 5 dự án.", "Khu Công nghiệp Đồng Bành đã có 5 dự án."},
		{"A", "a"},
		{"", ""},
	} {
		if got := lowerFirst(tc.in); got != tc.want {
			t.Errorf("lowerFirst(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
