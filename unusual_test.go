package tiendo

import "testing"

// A value ten times off its same-period value names the one of the two
// that is out of line on its own (against the goal, or over 100 %), with
// both values when nothing tells which. The usability review's case:
// "6.120" typed into Cùng kỳ while Thực hiện holds 61,2 was refused as if
// Thực hiện were wrong.
func TestUnusualNamesTheImplausibleField(t *testing.T) {
	rate := &Target{ID: 1, Text: "tỷ lệ hồ sơ đúng hạn", Comparator: AtLeast, Value: 60, Unit: "%"}
	poor := &Target{ID: 2, Text: "số hộ thoát nghèo", Comparator: AtLeast, Value: 500, Unit: "hộ"}
	communes := &Target{ID: 3, Text: "số xã", Unit: "xã"}
	num := func(f float64) *float64 { return &f }
	for _, tc := range []struct {
		name        string
		tg          *Target
		value, same float64
		field, text string
	}{
		{"same period typed ten times too big", rate, 61.2, 6120, FieldSame,
			"cùng kỳ năm trước của “tỷ lệ hồ sơ đúng hạn” là 6.120%, gấp hơn 10 lần số thực hiện (61,2%)"},
		{"same period typed ten times too small", poor, 480, 42, FieldSame,
			"cùng kỳ năm trước của “số hộ thoát nghèo” là 42 hộ, chưa bằng một phần mười số thực hiện (480 hộ)"},
		{"actual typed ten times too small", poor, 42, 480, FieldValue,
			"“số hộ thoát nghèo” là 42 hộ, chưa bằng một phần mười cùng kỳ (480 hộ)"},
		{"no goal to tell by", communes, 1500, 12.5, FieldBoth,
			"“số xã” có số thực hiện 1.500 xã và cùng kỳ năm trước 12,5 xã, chênh nhau hơn 10 lần"},
	} {
		rep := &UnitReport{Sections: []*Section{{TaskID: 1, Actuals: []Actual{{TargetID: tc.tg.ID, Value: num(tc.value), SamePeriod: num(tc.same)}}}}}
		got := UnusualValues(&Round{Tasks: []*Task{{ID: 1, Targets: []*Target{tc.tg}}}}, rep)
		if len(got) != 1 {
			t.Errorf("%s: %d unusual values, want 1", tc.name, len(got))
			continue
		}
		if got[0].Field != tc.field || got[0].String() != tc.text {
			t.Errorf("%s: field %q, %q\nwant field %q, %q", tc.name, got[0].Field, got[0].String(), tc.field, tc.text)
		}
	}
}
