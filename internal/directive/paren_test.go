package directive

import (
	"reflect"
	"strings"
	"testing"

	"tiendo"
)

// A closing parenthesis gives the task's lead and supporting units, in any
// of the ways directives write it.
func TestParenAssignment(t *testing.T) {
	p := &parser{res: &Result{}, recip: newUnitMatcher(nil)}
	cases := []struct {
		text           string
		leads, support []string
	}{
		{"Đẩy nhanh tiến độ giải ngân vốn đầu tư công (Sở Tài chính chủ trì).", []string{"Sở Tài chính"}, nil},
		{"Thu ngân sách đạt 2.850 tỷ đồng (Thuế tỉnh chủ trì, phối hợp với Sở Tài chính và UBND các xã, phường)",
			[]string{"Thuế tỉnh"}, []string{"Sở Tài chính", "UBND các xã, phường"}},
		{"Phát triển du lịch (Giao Sở Văn hóa, Thể thao và Du lịch chủ trì; Sở Công Thương, UBND các xã, phường phối hợp);",
			[]string{"Sở Văn hóa, Thể thao và Du lịch"}, []string{"Sở Công Thương", "UBND các xã, phường"}},
		{"Bảo đảm an ninh (Chủ trì: Công an tỉnh; phối hợp: Bộ Chỉ huy Quân sự tỉnh)", []string{"Công an tỉnh"}, []string{"Bộ Chỉ huy Quân sự tỉnh"}},
		{"Chuyển đổi số (Cơ quan chủ trì: Sở Khoa học và Công nghệ; cơ quan phối hợp: Sở Nội vụ)", []string{"Sở Khoa học và Công nghệ"}, []string{"Sở Nội vụ"}},
	}
	for _, c := range cases {
		a := p.assignment(c.text)
		if !reflect.DeepEqual(a.leads, c.leads) || !reflect.DeepEqual(a.supports, c.support) {
			t.Errorf("assignment(%q) = %q, %q; want %q, %q", c.text, a.leads, a.supports, c.leads, c.support)
		}
	}
	// A parenthesis that cites a document gives no unit.
	if _, ok := p.parenAssignment("Tặng quà Tết (mức quà theo Quyết định số 3105/QĐ-UBND ngày 25/12/2025 của UBND tỉnh)"); ok {
		t.Error("a citation in parenthesis read as an assignment")
	}
}

// How targets are written: "đạt và vượt", "bằng hoặc cao hơn", "10/10 xã",
// "không để phát sinh", footnote markers, conditions.
func TestTargetPhrasings(t *testing.T) {
	type want struct {
		cmp   tiendo.Comparator
		value float64
	}
	cases := []struct {
		text string
		want []want
	}{
		{"thu ngân sách phấn đấu đạt và vượt 2.850 tỷ đồng", []want{{tiendo.AtLeast, 2850}}},
		{"tỷ lệ tham gia bảo hiểm y tế bằng hoặc cao hơn 95,5%", []want{{tiendo.AtLeast, 95.5}}},
		{"tỷ lệ hộ nghèo bằng hoặc thấp hơn 2%", []want{{tiendo.AtMost, 2}}},
		{"giảm ít nhất 5% số vụ tai nạn giao thông so với cùng kỳ", []want{{tiendo.AtLeast, 5}}},
		{"10/10 khu phố giữ vững danh hiệu khu phố văn hóa", []want{{tiendo.Equal, 10}}},
		{"tập huấn cho 05/05 xã", []want{{tiendo.Equal, 5}}},
		{"đến ngày 10/10 hoàn thành", nil},
		{"cả nước có 2.145/3.321 xã đạt chuẩn", nil},
		{"không để phát sinh nợ đọng xây dựng cơ bản mới", []want{{tiendo.Equal, 0}}},
		{"giải quyết ổn định, không để phát sinh phức tạp", nil},
		{"tỷ lệ giải ngân đạt tối thiểu 40%2 vốn được giao", []want{{tiendo.AtLeast, 40}}},
		{"tỷ lệ người dân có hồ sơ sức khỏe điện tử đạt 90%", []want{{tiendo.Equal, 90}}},
		{"từ 98% trở lên; tỷ lệ hồ sơ điện tử đạt 90%", []want{{tiendo.AtLeast, 98}, {tiendo.Equal, 90}}},
		{"bảo đảm mỗi xã có ít nhất 01 sản phẩm OCOP", []want{{tiendo.AtLeast, 1}}},
		{"hỗ trợ các dự án có tổng mức đầu tư trên 5 tỷ đồng", nil},
		{"phòng, chống rét khi nhiệt độ trung bình dưới 13°C", nil},
	}
	for _, c := range cases {
		got := targets(c.text)
		var g []want
		for _, x := range got {
			g = append(g, want{x.Comparator, x.Value})
		}
		if !reflect.DeepEqual(g, c.want) {
			var b strings.Builder
			for _, x := range got {
				b.WriteString(x.Text + " | ")
			}
			t.Errorf("targets(%q) = %v (%s); want %v", c.text, g, b.String(), c.want)
		}
	}
}
