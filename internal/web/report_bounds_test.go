package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// A value no target can take is refused by the form, as by the API
// and the store (tiendo.Target.CheckValue): a number too large to keep
// exactly ("1" and 300 zeros, 19 digits), which before
// was kept (the latter as …800) and then written out in full on every
// page. The form keeps what was typed and stores nothing for it.
func TestReportRefusesValuesOutOfBounds(t *testing.T) {
	t.Parallel()
	x := newApp(t)
	r := &tiendo.Round{Title: "Đợt thử giới hạn số liệu", Status: tiendo.RoundOpen, Deadline: time.Now().Add(72 * time.Hour),
		Tasks: []*tiendo.Task{{Label: "1", Text: "Giảm nghèo và bảo vệ rừng", Assignees: []tiendo.Assignee{{UnitID: x.a.ID, Role: tiendo.Lead}},
			Targets: []*tiendo.Target{
				{Text: "Giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: tiendo.AtLeast, Value: 3, Unit: "%", Direction: "decrease"},
				{Text: "tỷ lệ che phủ rừng đạt 64,5%", Comparator: tiendo.AtLeast, Value: 64.5, Unit: "%"},
			}}}}
	if err := x.st.CreateRound(context.Background(), store.Actor{}, r); err != nil {
		t.Fatal(err)
	}
	path := "/rounds/" + itoa(r.ID) + "/reports/pnv"
	poor, forest := "g"+itoa(r.Tasks[0].Targets[0].ID), "g"+itoa(r.Tasks[0].Targets[1].ID)
	c := x.login("pnv")
	huge := "1" + strings.Repeat("0", 300)
	for i, tc := range []struct{ key, value, want string }{
		{poor + ".value", huge, "Số liệu quá lớn: chỉ ghi được số nhỏ hơn 9 triệu tỷ"},
		{poor + ".value", "1234567890123456789", "Số liệu quá lớn"},
		{poor + ".same", "1.234.567.890.123.456.789", "Số liệu quá lớn"},
	} {
		code, _, body := read(x.post(c, path, url.Values{"version": {itoa(int64(i))}, "op": {"save"}, tc.key: {tc.value}}))
		if code != http.StatusUnprocessableEntity {
			t.Errorf("%s = %q: %d, want 422", tc.key, tc.value, code)
		}
		if !strings.Contains(body, tc.want) {
			t.Errorf("%s = %q: the page does not say %q", tc.key, tc.value, tc.want)
		}
		if !strings.Contains(body, `value="`+tc.value+`"`) {
			t.Errorf("%s = %q: the form lost what was typed", tc.key, tc.value)
		}
		if strings.Contains(body, "000.000.000.000.000.000.000") {
			t.Errorf("%s = %q: the page writes out the huge number", tc.key, tc.value)
		}
		for _, a := range x.reportOf(x.a, r).Sections[0].Actuals {
			if a.Value != nil || a.SamePeriod != nil {
				t.Errorf("%s = %q: stored %v / %v, want nothing", tc.key, tc.value, a.Value, a.SamePeriod)
			}
		}
	}
	// The bounds leave room for what can be right: a rate of change over
	// 100 %, a share over 100 % (an enrolment rate can pass it; submitting
	// asks to confirm it), a 15-digit number.
	code, _, body := read(x.post(c, path, url.Values{"version": {"3"}, "op": {"save"}, poor + ".value": {"150"}, poor + ".same": {"999.999.999.999.999"}, forest + ".value": {"100%"}}))
	if code != http.StatusSeeOther {
		t.Errorf("150, 999.999.999.999.999 and 100%%: %d, want 303\n%s", code, body)
	}
	got := x.reportOf(x.a, r).Sections[0].Actuals
	if got[0].Value == nil || *got[0].Value != 150 || got[0].SamePeriod == nil || *got[0].SamePeriod != 999999999999999 || got[1].Value == nil || *got[1].Value != 100 {
		t.Errorf("stored %+v, want 150, 999999999999999 and 100", got)
	}
}
