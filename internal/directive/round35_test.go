package directive

import (
	"slices"
	"strings"
	"testing"
)

// The rules of round thirty-five, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r35Tasks lists a result's tasks as "lead | text" lines.
func r35Tasks(r *Result) []string {
	var out []string
	for _, t := range r.Tasks {
		var names []string
		for _, a := range t.Assignees {
			names = append(names, a.Name)
		}
		out = append(out, strings.Join(names, ", ")+" | "+t.Text)
	}
	return out
}

// TestBodyWithoutOpening: a body whose first item comes straight after the
// subject, with no opening paragraph ("Chủ tịch UBND tỉnh yêu cầu:"), is
// still the body when that item is a numbered heading in capitals, the
// unit over its duties ("1. SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"). Before,
// the header read on through it: the whole body was lost, or, when a
// long duty line ended the header, the first unit's duties. A subject
// that wraps, a Kính gửi list and sentence items keep their reading.
func TestBodyWithoutOpening(t *testing.T) {
	const left = "ỦY BAN NHÂN DÂN\nTỈNH AN LẠC\n"
	const national = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
	const date = "An Lạc, ngày 05 tháng 3 năm 2026\n"
	const units = "1. SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n" +
		"- Hướng dẫn các địa phương tổ chức lễ hội đúng quy định.\n" +
		"- Kiểm tra, xử lý vi phạm trong hoạt động lễ hội.\n" +
		"2. CÔNG AN TỈNH\n- Bảo đảm an ninh trật tự tại các lễ hội.\n" +
		"3. ỦY BAN NHÂN DÂN CÁC HUYỆN, THÀNH PHỐ\n- Quản lý chặt chẽ hoạt động lễ hội trên địa bàn.\n"
	unitTasks := []string{
		"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH | Hướng dẫn các địa phương tổ chức lễ hội đúng quy định",
		"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH | Kiểm tra, xử lý vi phạm trong hoạt động lễ hội",
		"CÔNG AN TỈNH | Bảo đảm an ninh trật tự tại các lễ hội",
		"ỦY BAN NHÂN DÂN CÁC HUYỆN, THÀNH PHỐ | Quản lý chặt chẽ hoạt động lễ hội trên địa bàn",
	}
	const sentences = "1. Giao Phòng Văn hóa và Thông tin chủ trì xây dựng kế hoạch tổ chức lễ hội.\n" +
		"2. Giao Phòng Tài chính - Kế hoạch bố trí kinh phí tổ chức lễ hội.\n"
	sentenceTasks := []string{
		"Phòng Văn hóa và Thông tin | Giao Phòng Văn hóa và Thông tin chủ trì xây dựng kế hoạch tổ chức lễ hội",
		"Phòng Tài chính - Kế hoạch | Giao Phòng Tài chính - Kế hoạch bố trí kinh phí tổ chức lễ hội",
	}
	const tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n"
	const ct = left + "Số: 12/CT-UBND\n" + national + date + "CHỈ THỊ\n"
	const cv = left + "Số: 41/UBND-VX\nV/v tăng cường quản lý lễ hội năm 2026\n" + national + date
	const long = "- Hướng dẫn các địa phương tổ chức lễ hội đúng quy định, bảo đảm trang trọng, tiết kiệm, phù hợp thuần phong mỹ tục.\n"
	for _, tc := range []struct {
		name, text string
		subject    string
		want       []string
	}{
		{"chỉ thị, no opening", ct + "Về việc tăng cường quản lý hoạt động lễ hội năm 2026\n" + units,
			"Về việc tăng cường quản lý hoạt động lễ hội năm 2026", unitTasks},
		{"chỉ thị, blank line before the body", ct + "Về việc tăng cường quản lý hoạt động lễ hội năm 2026\n\n" + units,
			"Về việc tăng cường quản lý hoạt động lễ hội năm 2026", unitTasks},
		// A duty over 80 characters ended the header at itself: only the
		// first unit was lost.
		{"chỉ thị, long first duty", ct + "Về việc tăng cường quản lý hoạt động lễ hội năm 2026\n" +
			strings.Replace(units, "- Hướng dẫn các địa phương tổ chức lễ hội đúng quy định.\n", long, 1),
			"Về việc tăng cường quản lý hoạt động lễ hội năm 2026",
			append([]string{"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH | " + strings.TrimSuffix(long[2:], ".\n")}, unitTasks[1:]...)},
		{"chỉ thị, subject wraps", ct + "Về việc tăng cường quản lý hoạt động lễ hội\ntrên địa bàn tỉnh năm 2026\n" + units,
			"Về việc tăng cường quản lý hoạt động lễ hội trên địa bàn tỉnh năm 2026", unitTasks},
		{"công văn, right after V/v", cv + units, "tăng cường quản lý lễ hội năm 2026", unitTasks},
		{"thông báo, right after the subject", left + "Số: 30/TB-UBND\n" + national + date +
			"THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp về công tác lễ hội\n" + units,
			"Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về công tác lễ hội", unitTasks},
		// What read well before reads the same.
		{"chỉ thị, with an opening", ct + "Về việc tăng cường quản lý hoạt động lễ hội năm 2026\n" +
			"Để lễ hội diễn ra an toàn, Chủ tịch UBND tỉnh yêu cầu:\n" + units,
			"Về việc tăng cường quản lý hoạt động lễ hội năm 2026", unitTasks},
		{"công văn, Kính gửi one line", cv + "Kính gửi: Các sở, ban, ngành tỉnh.\n" + units,
			"tăng cường quản lý lễ hội năm 2026", unitTasks},
		{"công văn, Kính gửi list", cv + "Kính gửi:\n- Sở Văn hóa, Thể thao và Du lịch;\n- Công an tỉnh.\n" + units,
			"tăng cường quản lý lễ hội năm 2026", unitTasks},
		{"sentences after Kính gửi", cv + "Kính gửi: Phòng Văn hóa và Thông tin huyện.\n" + sentences,
			"tăng cường quản lý lễ hội năm 2026", sentenceTasks},
		{"sentences after a Kính gửi list", cv + "Kính gửi:\n- Phòng Văn hóa và Thông tin;\n- Phòng Tài chính - Kế hoạch.\n" + sentences,
			"tăng cường quản lý lễ hội năm 2026", sentenceTasks},
		{"sentences after V/v", cv + sentences, "tăng cường quản lý lễ hội năm 2026", sentenceTasks},
	} {
		r := Parse(tc.text+tail, nil)
		if r.Subject != tc.subject {
			t.Errorf("%s: subject %q, want %q", tc.name, r.Subject, tc.subject)
		}
		if got := r35Tasks(r); !slices.Equal(got, tc.want) {
			t.Errorf("%s: tasks\n%q\nwant\n%q", tc.name, got, tc.want)
		}
		if r.Signer.Name != "Nguyễn Văn An" {
			t.Errorf("%s: signer %q: the footer was read as the header", tc.name, r.Signer.Name)
		}
	}
}
