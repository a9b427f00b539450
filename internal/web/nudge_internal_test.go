package web

import (
	"net/url"
	"testing"
	"time"

	"tiendo"
)

func TestLastNudge(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 30, 0, 0, tiendo.Zone)
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Time{}, ""},
		{time.Date(2026, 11, 27, 0, 5, 0, 0, tiendo.Zone), "00:05 hôm nay"},
		{time.Date(2026, 11, 26, 23, 50, 0, 0, tiendo.Zone), "23:50 hôm qua"},
		{time.Date(2026, 11, 26, 16, 50, 0, 0, time.UTC), "23:50 hôm qua"}, // stored in UTC
		{time.Date(2026, 11, 20, 9, 0, 0, 0, tiendo.Zone), "09:00 ngày 20/11/2026"},
	} {
		if got := lastNudge(c.at, now); got != c.want {
			t.Errorf("lastNudge(%v) = %q, want %q", c.at, got, c.want)
		}
	}
}

// The notice after a "đôn đốc" says which units it left alone and when they
// were chased; what the address carries beyond times of day is dropped.
func TestNudgedSkipped(t *testing.T) {
	for _, c := range []struct {
		query, want string
	}{
		{"reminded=3&units=2&notices=3&emails=0", ""},
		{"reminded=0&units=0&recent=7&recentat=14:05", "7 đơn vị cần đôn đốc đã được đôn đốc lúc 14:05, chưa quá 1 giờ, nên không gửi lại: không có thư hay thông báo nào được gửi thêm."},
		{"reminded=4&units=3&recent=4&recentat=14:05,14:30", "4 đơn vị khác đã được đôn đốc lúc 14:05 và 14:30, chưa quá 1 giờ, nên không gửi lại."},
		{"reminded=0&units=0&recent=2&recentat=<b>,14:05", "2 đơn vị cần đôn đốc đã được đôn đốc lúc 14:05, chưa quá 1 giờ, nên không gửi lại: không có thư hay thông báo nào được gửi thêm."},
	} {
		q, _ := url.ParseQuery(c.query)
		if got := parseNudged(q).Skipped(); got != c.want {
			t.Errorf("%s: Skipped() = %q, want %q", c.query, got, c.want)
		}
	}
}
