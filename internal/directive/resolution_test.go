package directive

import (
	"strings"
	"testing"
)

// TestTelegramRecipients: a công điện names its recipients after its
// author in capitals and a lower-case "điện:"; a line that only ends in
// the word "điện" does not.
func TestTelegramRecipients(t *testing.T) {
	const head = `ỦY BAN NHÂN DÂN
HUYỆN THỬ NGHIỆM
Số: 12/CĐ-UBND
Thử Nghiệm, ngày 27 tháng 11 năm 2024

CÔNG ĐIỆN
Về việc chủ động ứng phó với bão số 9

`
	const body = `
Để chủ động ứng phó với bão, Chủ tịch UBND huyện yêu cầu:
1. Phòng Nông nghiệp và Phát triển nông thôn kiểm tra hệ thống đê điều.
`
	tests := []struct {
		name, lines string
		want        []string
	}{
		{"author and điện", "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN điện:\n\n- Chủ tịch UBND các xã, thị trấn;\n- Thủ trưởng các cơ quan, đơn vị thuộc huyện.\n",
			[]string{"Chủ tịch UBND các xã, thị trấn", "Thủ trưởng các cơ quan, đơn vị thuộc huyện"}},
		{"recipient on the same line", "THỦ TƯỚNG CHÍNH PHỦ điện: Chủ tịch Ủy ban nhân dân các tỉnh, thành phố.\n",
			[]string{"Chủ tịch Ủy ban nhân dân các tỉnh, thành phố"}},
		{"heading in capitals", "BAN CHỈ ĐẠO TIẾT KIỆM ĐIỆN:\n- Chủ tịch UBND các xã, thị trấn;\n", nil},
		{"sentence", "Các đơn vị thực hiện nghiêm việc tiết kiệm điện:\n- Chủ tịch UBND các xã, thị trấn;\n", nil},
	}
	for _, tt := range tests {
		r := Parse(head+tt.lines+body, nil)
		var got []string
		for _, rc := range r.Recipients {
			got = append(got, rc.Name)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: recipients %q, want %q", tt.name, got, tt.want)
		}
	}
}

// resolution wraps the items of a Nghị quyết's articles in its header.
func resolution(items string) string {
	return `HỘI ĐỒNG NHÂN DÂN
HUYỆN THỬ NGHIỆM
Số: 45/NQ-HĐND
Thử Nghiệm, ngày 18 tháng 12 năm 2024

NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2025

QUYẾT NGHỊ:

` + items + `

Nơi nhận:
- UBND huyện;
- Lưu: VT.
`
}

// TestResolutionItems: the general objective and the council's oversight
// of its own resolution are no tasks; an objective that states a target,
// the specific objectives, and oversight of another resolution are.
func TestResolutionItems(t *testing.T) {
	tests := []struct {
		name, items string
		want        []string // the start of each task's text
	}{
		{"general objective and oversight", `Điều 1. Mục tiêu, chỉ tiêu chủ yếu
1. Mục tiêu tổng quát
Tập trung huy động, sử dụng hiệu quả các nguồn lực để phát triển kinh tế - xã hội nhanh và bền vững.
2. Mục tiêu cụ thể: tỷ lệ hộ nghèo giảm 1,5%.
Điều 2. Tổ chức thực hiện
1. Giao Ủy ban nhân dân huyện tổ chức thực hiện Nghị quyết.
2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân huyện giám sát việc thực hiện Nghị quyết.`,
			[]string{"Mục tiêu cụ thể: tỷ lệ hộ ng", "Giao Ủy ban nhân dân huyện tổ"}},
		{"objective with a target", `Điều 1. Mục tiêu
1. Mục tiêu chung: phấn đấu tốc độ tăng trưởng kinh tế đạt 7,5% trở lên.
2. Giao Phòng Nội vụ giám sát việc thực hiện Nghị quyết số 15/NQ-HĐND ngày 10/7/2024 về sắp xếp thôn, tổ dân phố.`,
			[]string{"Mục tiêu chung: phấn đấu tốc", "Giao Phòng Nội vụ giám sát v"}},
		{"oversight beside the execution", `Điều 2. Tổ chức thực hiện
1. Giao Ủy ban nhân dân huyện tổ chức thực hiện; Thường trực Hội đồng nhân dân huyện giám sát việc thực hiện Nghị quyết.`,
			[]string{"Giao Ủy ban nhân dân huyện tổ chức thực hiện; Thường trực"}},
	}
	for _, tt := range tests {
		r := Parse(resolution(tt.items), nil)
		var got []string
		for _, task := range r.Tasks {
			got = append(got, task.Text)
		}
		ok := len(got) == len(tt.want)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.HasPrefix(got[i], tt.want[i])
		}
		if !ok {
			t.Errorf("%s: tasks\n got  %q\n want texts starting %q", tt.name, got, tt.want)
		}
	}
}
