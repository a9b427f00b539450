package tiendo

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestTargetCheckValue(t *testing.T) {
	schools := &Target{Text: "02 trường", Comparator: AtLeast, Value: 2, Unit: "trường"}
	rate := &Target{Text: "tỷ lệ hộ nghèo giảm 1,5%", Comparator: AtLeast, Value: 1.5, Unit: "%", Direction: "decrease"}
	fewer := &Target{Text: "giảm 10 vụ tai nạn", Comparator: AtLeast, Value: 10, Unit: "vụ", Direction: "decrease"}
	budget := &Target{Text: "thu ngân sách 500 triệu đồng", Comparator: AtLeast, Value: 500, Unit: "triệu đồng"}
	bare := &Target{Text: "đạt 15", Comparator: AtLeast, Value: 15}
	poorer := &Target{Text: "Giảm tỷ lệ hộ nghèo từ 3% trở lên", Comparator: AtLeast, Value: 3, Unit: "%", Direction: "decrease"}
	forest := &Target{Text: "tỷ lệ che phủ rừng đạt 64,5%", Comparator: AtLeast, Value: 64.5, Unit: "%"}
	for _, tc := range []struct {
		name    string
		tg      *Target
		v       float64
		written string
		want    string // part of the message; "" for no error
	}{
		{"a count typed as a count", schools, 2, "02", ""},
		{"a count typed with %", schools, 70, "70%", "Chỉ tiêu này tính bằng trường; hãy ghi số trường, không ghi %."},
		{"a count typed with % and a space", schools, 70, " 70 % ", "tính bằng trường"},
		{"no unit typed with %", bare, 70, "70%", "không tính bằng %"},
		{"a rate typed with %", rate, 70, "70%", ""},
		{"a rate's change can be negative", rate, -0.5, "-0,5%", ""},
		{"a negative count of schools", schools, -1, "-1", "không thể là số âm"},
		{"a negative count from the API", schools, -1, "", "không thể là số âm"},
		{"a decrease achieved can be negative", fewer, -3, "-3", ""},
		{"money can be negative", budget, -20, "-20", ""},
		{"money by its scale alone can be negative", &Target{Text: "lợi nhuận 5 tỷ", Comparator: AtLeast, Value: 5, Unit: "tỷ"}, -2, "-2", ""},
		{"money typed with %", budget, 20, "20%", "tính bằng triệu đồng"},
		{"zero schools", schools, 0, "0", ""},
		{"a negative share", &Target{Text: "nâng tỷ lệ huy động trẻ nhà trẻ ra lớp đạt 42%", Comparator: AtLeast, Value: 42, Unit: "%"}, -5, "-5", "là một tỷ lệ nên không thể là số âm"},
		{"a share written tỉ lệ", &Target{Text: "Tỉ lệ hồ sơ giải quyết trực tuyến đạt 80%", Comparator: AtLeast, Value: 80, Unit: "%"}, -1, "-1", "không thể là số âm"},
		{"a rate of growth can be negative", &Target{Text: "tỷ lệ tăng dân số tự nhiên dưới 1%", Comparator: AtMost, Value: 1, Unit: "%"}, -0.2, "-0,2", ""},
		{"growth without tỷ lệ can be negative", &Target{Text: "tốc độ tăng trưởng kinh tế đạt 7%", Comparator: AtLeast, Value: 7, Unit: "%"}, -1, "-1", ""},
		// Too large to keep exactly, whatever the target.
		{"1e300 for a rate of change", poorer, 1e300, "", "Số liệu quá lớn: chỉ ghi được số nhỏ hơn 9 triệu tỷ (9.007.199.254.740.992)"},
		{"-1e300 of money", budget, -1e300, "", "quá lớn"},
		{"19 digits typed", budget, 1234567890123456789, "1234567890123456789", "quá lớn"},
		{"2^53", budget, 1 << 53, "", "quá lớn"},
		{"just under 2^53", budget, 1<<53 - 1, "", ""},
		{"a large sum of money", budget, 123456789012345, "123.456.789.012.345", ""},
		{"infinity", budget, math.Inf(1), "", "không phải là một số"},
		{"not a number", budget, math.NaN(), "", "không phải là một số"},
		// A share over 100 % is unusual, and CheckReport asks to confirm it;
		// an enrolment rate can pass 100 % when the next commune's children enrol.
		{"a share at 100%", forest, 100, "100%", ""},
		{"a share over 100%", forest, 100.5, "100,5%", ""},
		{"an enrolment rate over 100%", &Target{Text: "nâng tỷ lệ huy động trẻ ra lớp đạt 42%", Comparator: AtLeast, Value: 42, Unit: "%"}, 103, "103%", ""},
		{"a share of a plan can pass 100%", &Target{Text: "tỷ lệ giải ngân vốn đầu tư công đạt 95% kế hoạch được giao", Comparator: AtLeast, Value: 95, Unit: "%", RelativeTo: "plan"}, 102, "102%", ""},
		{"a share of an estimate in the text alone", &Target{Text: "tỷ lệ thu ngân sách đạt 100% dự toán", Comparator: AtLeast, Value: 100, Unit: "%"}, 110, "110%", ""},
		{"a rate of change can pass 100%", poorer, 150, "150%", ""},
		{"growth can pass 100%", &Target{Text: "tốc độ tăng trưởng kinh tế đạt 7%", Comparator: AtLeast, Value: 7, Unit: "%"}, 120, "120", ""},
		{"a count can pass 100", schools, 120, "120", ""},
	} {
		err := tc.tg.CheckValue(tc.v, tc.written)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v, want nil", tc.name, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != EINVALID || !strings.Contains(e.Message, tc.want) {
			t.Errorf("%s: %v, want EINVALID saying %q", tc.name, err, tc.want)
		}
	}
}

// The warning about unusual values names the box by its label and writes
// the value as the page does.
func TestCheckReportNamesTheConfirmBox(t *testing.T) {
	v, same := 41150.0, 12.5
	round := &Round{Tasks: []*Task{{ID: 1, Targets: []*Target{{ID: 10, Text: "tỷ lệ trường đạt chuẩn", Unit: "%"}, {ID: 11, Text: "số xã", Unit: "xã"},
		{ID: 12, Text: "trạm y tế đạt chuẩn", Value: 2, Unit: "trạm"}, {ID: 13, Text: "trường đạt chuẩn mới", Value: 2, Unit: "trường"}}}}}
	count, stations, schools := 1500.0, 1000.0, 20.0
	rep := &UnitReport{Sections: []*Section{{TaskID: 1, Status: "on_track", ResultVsPlan: "x",
		Actuals: []Actual{{TargetID: 10, Value: &v}, {TargetID: 11, Value: &count, SamePeriod: &same}, {TargetID: 12, Value: &stations}, {TargetID: 13, Value: &schools}}}}}
	err := CheckReport(round, rep, false)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("CheckReport = %v, want the unusual values", err)
	}
	got := e.Fields["confirm"]
	for _, want := range []string{"“tỷ lệ trường đạt chuẩn” là 41.150%, vượt quá 100%",
		"“số xã” có số thực hiện 1.500 xã và cùng kỳ năm trước 12,5 xã, chênh nhau hơn 10 lần", "“trạm y tế đạt chuẩn” là 1.000 trạm, gấp hơn 10 lần chỉ tiêu (2 trạm)",
		"đánh dấu ô “" + ConfirmLabel + "”"} {
		if !strings.Contains(got, want) {
			t.Errorf("confirm message = %q, want it to contain %q", got, want)
		}
	}
	if strings.Contains(got, "trường đạt chuẩn mới") {
		t.Errorf("confirm message = %q: ten times the target is not unusual yet", got)
	}
}

// Schools come whole; hectares, tonnes and rates do not.
func TestTargetWhole(t *testing.T) {
	for unit, want := range map[string]bool{"trường": true, "xã": true, "trạm": true, "sản phẩm": true, "mô hình": true,
		"ha": false, "tấn": false, "km": false, "m2": false, "%": false, "tỷ đồng": false, "": false,
		"tạ/ha": false, "giường/vạn dân": false, "m2/người": false} {
		tg := &Target{Unit: unit}
		if got := tg.Whole(); got != want {
			t.Errorf("Whole(%q) = %v, want %v", unit, got, want)
		}
	}
}
