package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

func TestLastNudge(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	for _, c := range []struct {
		query, want string
	}{
		{"reminded=3&units=2&notices=3&emails=0", ""},
		{"reminded=0&units=0&recent=7&recentat=14:05", "7 đơn vị cần đôn đốc đã được đôn đốc lúc 14:05, chưa quá 1 giờ, nên không gửi lại: không có thư hay thông báo nào được gửi thêm."},
		{"reminded=4&units=3&recent=4&recentat=14:05,14:30", "4 đơn vị khác đã được đôn đốc lúc 14:05 và 14:30, chưa quá 1 giờ, nên không gửi lại."},
		{"reminded=0&units=0&recent=2&recentat=<b>,14:05", "2 đơn vị cần đôn đốc đã được đôn đốc lúc 14:05, chưa quá 1 giờ, nên không gửi lại: không có thư hay thông báo nào được gửi thêm."},
		{"reminded=2&units=2&unreached=3", "3 đơn vị chưa có tài khoản hay địa chỉ e-mail nhận thư nên không đôn đốc được."},
		{"reminded=0&units=0&recent=1&recentat=14:05&unreached=1", "1 đơn vị cần đôn đốc đã được đôn đốc lúc 14:05, chưa quá 1 giờ, nên không gửi lại: không có thư hay thông báo nào được gửi thêm. 1 đơn vị chưa có tài khoản hay địa chỉ e-mail nhận thư nên không đôn đốc được."},
	} {
		q, _ := url.ParseQuery(c.query)
		if got := parseNudged(q).Skipped(); got != c.want {
			t.Errorf("%s: Skipped() = %q, want %q", c.query, got, c.want)
		}
	}
}

// The button counts the units a press reaches; those nobody can be told of
// are named apart, and a unit chased at 00:54:30, "lúc 00:54", may be
// chased again from 01:54, as a chase counts from its minute.
func TestCountOwing(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 1, 0, 0, 0, tiendo.Zone)
	someone := []store.Recipient{{UserID: 1, Name: "Trần Thị Nội"}}
	unit := func(id int64, name string, rc []store.Recipient) *store.Outstanding {
		return &store.Outstanding{Unit: tiendo.Unit{ID: id, Name: name}, Recipients: rc}
	}
	list := []*store.Outstanding{unit(1, "Phòng Nội vụ", someone), unit(2, "Công an huyện", someone), unit(3, "UBND xã Hữu Liên", nil)}
	chased := map[int64]time.Time{2: time.Date(2026, 11, 27, 0, 54, 30, 0, tiendo.Zone)}
	o := countOwing(list, nil, chased, now)
	if o.Units() != 1 || o.Recent != 1 || o.Unreached != 1 || o.All() != 3 {
		t.Fatalf("countOwing = %+v, want 1 to chase, 1 chased lately, 1 unreached", o)
	}
	if want := "Đôn đốc 1 đơn vị chưa gửi (1 đơn vị khác đã được đôn đốc lúc 00:54)"; o.Label() != want {
		t.Errorf("Label() = %q, want %q", o.Label(), want)
	}
	if want := "1 đơn vị chưa gửi báo cáo chưa có tài khoản hay địa chỉ e-mail nhận thư, nên không đôn đốc được: UBND xã Hữu Liên. Đề nghị quản trị hệ thống thêm tài khoản người dùng hoặc địa chỉ e-mail cho các đơn vị này."; o.UnreachedNote() != want {
		t.Errorf("UnreachedNote() = %q, want %q", o.UnreachedNote(), want)
	}

	o = countOwing(list[1:], nil, chased, now)
	if want := "Đã đôn đốc 1 đơn vị lúc 00:54; có thể đôn đốc lại từ 01:54"; o.Label() != want {
		t.Errorf("all reachable units chased: Label() = %q, want %q", o.Label(), want)
	}

	var many []*store.Outstanding
	for i := range 7 {
		many = append(many, unit(int64(10+i), fmt.Sprintf("UBND xã %d", i+1), nil))
	}
	o = countOwing(many, nil, nil, now)
	if want := "Không đôn đốc được 7 đơn vị chưa gửi: đơn vị chưa có tài khoản hay địa chỉ e-mail nhận thư"; o.Label() != want || o.Units() != 0 {
		t.Errorf("no unit reachable: Label() = %q (units %d), want %q and 0", o.Label(), o.Units(), want)
	}
	if note := o.UnreachedNote(); !strings.Contains(note, "UBND xã 1, UBND xã 2, UBND xã 3, UBND xã 4, UBND xã 5 và 2 đơn vị khác.") {
		t.Errorf("UnreachedNote() = %q, want five names and “2 đơn vị khác”", note)
	}
}
