package web

import (
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/remind"
)

// The notice after a "đôn đốc" names the units by line and reason, read
// back from the redirect: at most maxNamedUnits a line, the rest counted,
// in the order the office reads units (by name), whatever the address
// carries beyond unit IDs dropped.
func TestNudgedDetails(t *testing.T) {
	t.Parallel()
	units := map[int64]*tiendo.Unit{}
	for i := int64(1); i <= 14; i++ {
		units[i] = &tiendo.Unit{ID: i, Name: fmt.Sprintf("Xã %02d", i)}
	}
	done := remind.Nudged{Units: 12, Recent: 1, Unreached: 1, Unpicked: 1, Gone: []int64{13},
		ChasedIDs: []int64{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, RecentIDs: []int64{14}, UnreachedIDs: []int64{13}, UnpickedIDs: []int64{14}}
	v := url.Values{}
	// Ranked by name: Xã 01 first.
	nudgedParams(v, done, func(id int64) int { return int(id) })
	if got := v.Get("chased"); got != "1,2,3,4,5,6,7,8,9,10" {
		t.Errorf("chased=%q, want the first ten by name", got)
	}
	v.Set("unreachedu", "13,<b>,x,-4") // as an address typed by hand
	q, _ := url.ParseQuery("reminded=12&units=12&recent=1&recentat=14:05&unreached=1&" + v.Encode())
	n := parseNudged(q)
	want := []string{
		"Đã đôn đốc: Xã 01; Xã 02; Xã 03; Xã 04; Xã 05; Xã 06; Xã 07; Xã 08; Xã 09; Xã 10 và 2 đơn vị khác.",
		"Không đôn đốc lại vì vừa được đôn đốc chưa quá 1 giờ: Xã 14.",
		"Không đôn đốc được vì chưa có tài khoản hay địa chỉ e-mail nhận thư: Xã 13.",
		"Không đôn đốc vì đã gửi báo cáo (hoặc không còn phải gửi) từ lúc trang được mở: Xã 13.",
		"Không đôn đốc vì không được chọn: Xã 14.",
	}
	if got := n.Details(units); !slices.Equal(got, want) {
		t.Errorf("Details:\n got %q\nwant %q", got, want)
	}
	// An address from before names nothing, and says nothing more.
	q, _ = url.ParseQuery("reminded=3&units=2&notices=3&emails=0")
	if got := parseNudged(q).Details(units); len(got) != 0 {
		t.Errorf("Details without names = %q", got)
	}
}

// The matrix's spreadsheet names the round's directive; a directive not
// numbered yet keeps its blank before the symbol, so that the symbol is not
// read as its number.
func TestDirectiveLine(t *testing.T) {
	day := "2022-06-02"
	for _, tc := range []struct {
		r    tiendo.Round
		want string
	}{
		{tiendo.Round{DocNumber: "635", DocSymbol: "UBND-VP", DocDate: day, Issuer: "UBND huyện Hữu Lũng"}, "Văn bản: Số 635/UBND-VP ngày 02/6/2022 của UBND huyện Hữu Lũng"},
		// The month is not padded in running text (Decree 30: "tháng 6",
		// never "tháng 06"), save January and February; the issuer
		// mid-sentence is in sentence form.
		{tiendo.Round{DocSymbol: "UBND-VP", DocDate: "2022-06", Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}, "Văn bản: Số …/UBND-VP tháng 6/2022 của UBND huyện Hữu Lũng"},
		{tiendo.Round{DocNumber: "3", DocSymbol: "UBND-VP", DocDate: "2026-01-05", Issuer: "Ủy ban nhân dân tỉnh Lạng Sơn"}, "Văn bản: Số 3/UBND-VP ngày 05/01/2026 của UBND tỉnh Lạng Sơn"},
		{tiendo.Round{DocSymbol: "UBND-VP", Issuer: "UBND huyện Hữu Lũng"}, "Văn bản: Số …/UBND-VP của UBND huyện Hữu Lũng"},
		{tiendo.Round{DocNumber: "12"}, "Văn bản: Số 12"},
		{tiendo.Round{}, ""},
	} {
		if got := directiveLine(&tc.r); got != tc.want {
			t.Errorf("directiveLine(%+v) = %q, want %q", tc.r, got, tc.want)
		}
	}
}

// The matrix's deadline in running text writes its day as the report
// does: "07/6/2022", as Decree 30 has it, not "07/06/2022".
func TestDeadlinePhrase(t *testing.T) {
	for _, tc := range []struct {
		d    time.Time
		want string
	}{
		{time.Date(2022, 6, 7, 0, 0, 0, 0, tiendo.Zone), "trước ngày 07/6/2022"},
		{time.Date(2026, 1, 5, 17, 0, 0, 0, tiendo.Zone), "trước 17:00 ngày 05/01/2026"},
		{time.Date(2026, 11, 20, 0, 0, 0, 0, tiendo.Zone), "trước ngày 20/11/2026"},
		{time.Time{}, "chưa có"},
	} {
		if got := deadlinePhrase(tc.d); got != tc.want {
			t.Errorf("deadlinePhrase(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
