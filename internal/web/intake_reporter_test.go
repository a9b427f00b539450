package web_test

import (
	"html"
	"net/http"
	"regexp"
	"strconv"
	"testing"
)

// sharedDirective gives one task to two lead units and says which of them
// does which target ("trong đó: ..."), the last target to both.
const sharedDirective = `ỦY BAN NHÂN DÂN HUYỆN AN BÌNH
Số: 215/UBND-VP
An Bình, ngày 05 tháng 6 năm 2031
V/v báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2031

Kính gửi: Phòng Nội vụ; Công an huyện.

UBND huyện yêu cầu các cơ quan, đơn vị báo cáo như sau:

1. Phòng Nội vụ và Công an huyện chủ trì báo cáo kết quả cải cách hành chính; trong đó: Phòng Nội vụ phấn đấu tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%; Công an huyện cấp mới ít nhất 1.500 tài khoản định danh điện tử.

2. Phòng Nội vụ báo cáo kết quả tuyển dụng, tổ chức 02 lớp bồi dưỡng công chức.

Báo cáo gửi về UBND huyện trước ngày 20/6/2031.
`

// chosenReporter finds the chosen unit of a target's "Đơn vị báo cáo" select.
func chosenReporter(t *testing.T, page, field string) string {
	t.Helper()
	sel := regexp.MustCompile(`(?s)name="` + regexp.QuoteMeta(field) + `"[^>]*>(.*?)</select>`).FindStringSubmatch(page)
	if sel == nil {
		t.Fatalf("no select %s in the preview", field)
	}
	if m := regexp.MustCompile(`<option value="(\d+)" selected>`).FindStringSubmatch(sel[1]); m != nil {
		return m[1]
	}
	return "0"
}

// The preview pre-selects the unit a directive gives a target to, when a
// task's lead units share its targets out, and leaves the others to the
// task's lead units.
func TestIntakeReporterFromDirective(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	status, page := x.postIntake(x.login("vanphong"), sharedDirective)
	page = html.UnescapeString(page)
	if status != http.StatusOK {
		t.Fatalf("preview: %d", status)
	}
	a, b := strconv.FormatInt(x.a.ID, 10), strconv.FormatInt(x.b.ID, 10)
	for _, tc := range []struct{ field, want string }{
		{"t0.g0.by", a}, // "Phòng Nội vụ phấn đấu … 98%"
		{"t0.g1.by", b}, // "Công an huyện cấp mới … 1.500 tài khoản"
		{"t1.g0.by", "0"},
	} {
		if got := chosenReporter(t, page, tc.field); got != tc.want {
			t.Errorf("%s pre-selects unit %s, want %s", tc.field, got, tc.want)
		}
	}
}
