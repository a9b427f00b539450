package directive

import (
	"slices"
	"strings"
	"testing"
)

// The rules of round thirty-six, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// TestNumberedKinhGui: a "Kính gửi" list numbered instead of bulleted
// ("Kính gửi:" / "1. Sở A;" / "2. Sở B;" / "3. UBND các xã, phường.") is
// the recipients, each without its number. Before, only "1. Sở A" was a
// recipient, "1." and all, and "2. Sở B" became a task with no unit. The
// body's numbering after the list (from 1 again, a sentence, a long line,
// a heading in capitals, an opening paragraph) is no recipient, and a
// one-line or bulleted Kính gửi keeps its reading.
func TestNumberedKinhGui(t *testing.T) {
	const head = "ỦY BAN NHÂN DÂN\nTỈNH AN LẠC\nSố: 41/UBND-VX\nV/v tăng cường quản lý lễ hội năm 2026\n" +
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Lạc, ngày 05 tháng 3 năm 2026\n"
	const tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n"
	const list = "Kính gửi:\n1. Sở Văn hóa, Thể thao và Du lịch;\n2. Công an tỉnh;\n3. UBND các xã, phường.\n"
	listNames := []string{"Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "UBND các xã, phường"}
	const sentences = "1. Giao Phòng Văn hóa và Thông tin chủ trì xây dựng kế hoạch tổ chức lễ hội.\n" +
		"2. Giao Phòng Tài chính - Kế hoạch bố trí kinh phí tổ chức lễ hội.\n"
	sentenceTasks := []string{
		"Phòng Văn hóa và Thông tin | Giao Phòng Văn hóa và Thông tin chủ trì xây dựng kế hoạch tổ chức lễ hội",
		"Phòng Tài chính - Kế hoạch | Giao Phòng Tài chính - Kế hoạch bố trí kinh phí tổ chức lễ hội",
	}
	const units = "1. SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n" +
		"- Hướng dẫn các địa phương tổ chức lễ hội đúng quy định.\n" +
		"2. CÔNG AN TỈNH\n- Bảo đảm an ninh trật tự tại các lễ hội.\n"
	unitTasks := []string{
		"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH | Hướng dẫn các địa phương tổ chức lễ hội đúng quy định",
		"CÔNG AN TỈNH | Bảo đảm an ninh trật tự tại các lễ hội",
	}
	const opening = "Thực hiện chỉ đạo của Chủ tịch UBND tỉnh, Ủy ban nhân dân tỉnh đề nghị:\n" +
		"- Sở Văn hóa, Thể thao và Du lịch hướng dẫn tổ chức lễ hội đúng quy định.\n"
	for _, tc := range []struct {
		name, text string
		recips     []string
		want       []string // tasks as "lead | text"; nil: not checked
	}{
		{"numbered list, sentences after", list + sentences, listNames, sentenceTasks},
		{"numbered list, headings in capitals after", list + units, listNames, unitTasks},
		{"numbered list, opening paragraph after", list + opening, listNames,
			[]string{"Sở Văn hóa, Thể thao và Du lịch | Sở Văn hóa, Thể thao và Du lịch hướng dẫn tổ chức lễ hội đúng quy định"}},
		{"numbered with a bracket", strings.NewReplacer("1. Sở", "1) Sở", "2. Công", "2) Công", "3. UBND", "3) UBND").Replace(list) + sentences,
			listNames, sentenceTasks},
		{"numbered list, last closed with ';'", "Kính gửi:\n1. Sở Tài chính;\n2. Phòng Văn hóa và Thông tin;\n" + opening,
			[]string{"Sở Tài chính", "Phòng Văn hóa và Thông tin"},
			[]string{"Sở Văn hóa, Thể thao và Du lịch | Sở Văn hóa, Thể thao và Du lịch hướng dẫn tổ chức lễ hội đúng quy định"}},
		// The body's numbering that goes on from the list's is a sentence
		// when it has a verb, and no addressee when it runs long.
		{"a sentence numbered on", "Kính gửi:\n1. Sở Tài chính;\n2. Phòng Văn hóa và Thông tin;\n" +
			"3. Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức lễ hội đúng quy định.\n",
			[]string{"Sở Tài chính", "Phòng Văn hóa và Thông tin"},
			[]string{"Sở Văn hóa, Thể thao và Du lịch | Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức lễ hội đúng quy định"}},
		{"a long line numbered on", "Kính gửi:\n1. Sở Tài chính;\n2. Phòng Văn hóa và Thông tin;\n" +
			"3. Ủy ban nhân dân các xã, phường, thị trấn trên địa bàn tỉnh, các cơ quan, đơn vị có liên quan, các tổ chức chính trị - xã hội và các doanh nghiệp.\n",
			[]string{"Sở Tài chính", "Phòng Văn hóa và Thông tin"}, nil},
		// What read well before reads the same.
		{"one-line Kính gửi, numbered body", "Kính gửi: Phòng Văn hóa và Thông tin, Phòng Tài chính - Kế hoạch.\n" + sentences,
			[]string{"Phòng Văn hóa và Thông tin", "Phòng Tài chính - Kế hoạch"}, sentenceTasks},
		{"one-line Kính gửi, numbered units", "Kính gửi: Sở Văn hóa, Thể thao và Du lịch; Công an tỉnh.\n" + units,
			[]string{"Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh"}, unitTasks},
		{"bulleted list, numbered body", "Kính gửi:\n- Phòng Văn hóa và Thông tin;\n- Phòng Tài chính - Kế hoạch.\n" + sentences,
			[]string{"Phòng Văn hóa và Thông tin", "Phòng Tài chính - Kế hoạch"}, sentenceTasks},
	} {
		r := Parse(head+tc.text+tail, nil)
		var got []string
		for _, rc := range r.Recipients {
			got = append(got, rc.Name)
		}
		if !slices.Equal(got, tc.recips) {
			t.Errorf("%s: recipients\n%q\nwant\n%q", tc.name, got, tc.recips)
		}
		if tc.want != nil {
			if got := r35Tasks(r); !slices.Equal(got, tc.want) {
				t.Errorf("%s: tasks\n%q\nwant\n%q", tc.name, got, tc.want)
			}
		}
		if r.Signer.Name != "Nguyễn Văn An" {
			t.Errorf("%s: signer %q: the footer was read as the header", tc.name, r.Signer.Name)
		}
	}
}
