package directive

import (
	"slices"
	"strings"
	"testing"
)

// The rules of round nineteen, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// r19Letter is a công văn of a Sở to three units, whose numbered items
// are put in place of "%s".
const r19Letter = "UBND TỈNH HÀ NAM AN\nSỞ NÔNG NGHIỆP\nSố: 318/SNN-TTBVTV\nV/v phòng, chống dịch hại lúa vụ mùa\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nam An, ngày 12 tháng 7 năm 2025\nKính gửi:\n- Chi cục Trồng trọt và Bảo vệ thực vật;\n- Phòng Kinh tế các huyện;\n- Trung tâm Khuyến nông tỉnh.\n" +
	"Sở Nông nghiệp đề nghị các đơn vị thực hiện các nội dung sau:\n%s\n" +
	"Các đơn vị báo cáo kết quả về Sở trước ngày 15/8/2025./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Văn Khải\n"

func r19Parse(items string) (*Result, []string) {
	r := Parse(strings.Replace(r19Letter, "%s", items, 1), nil)
	return r, matrixTasks(r)
}

func r19Warned(r *Result, code string) bool {
	for _, w := range r.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

// TestStandReadyVerb: "Bệnh viện X sẵn sàng tiếp nhận …", "Đội Y sẵn
// sàng lực lượng …": a unit told to stand ready leads its item, even one
// the letter was not sent to (which the clerk is warned of), not every
// recipient. An item that opens "Sẵn sàng …" and names its lead after, or
// a unit that leads with "chủ trì", is read as it was.
func TestStandReadyVerb(t *testing.T) {
	for _, c := range []struct {
		name, items string
		want        []string
		notRecip    bool
	}{
		{"a unit not sent the letter",
			"1. Chi cục Trồng trọt và Bảo vệ thực vật chủ trì theo dõi sâu bệnh.\n2. Trạm Khuyến nông huyện Bình Lục sẵn sàng cung ứng ít nhất 5 tấn thuốc bảo vệ thực vật khi có yêu cầu.",
			[]string{"1: Chi cục Trồng trọt và Bảo vệ thực vật |  | ", "2: Trạm Khuyến nông huyện Bình Lục |  | >= 5 tấn"}, true},
		// Left alone (these were read so before): a recipient standing
		// ready, an item opening with the verb, a lead with "chủ trì".
		{"a recipient",
			"1. Trung tâm Khuyến nông tỉnh sẵn sàng hỗ trợ giống lúa cho ít nhất 200 ha bị thiệt hại.\n2. Phòng Kinh tế các huyện chủ trì kiểm tra đồng ruộng.",
			[]string{"1: Trung tâm Khuyến nông tỉnh |  | >= 200 ha", "2: Phòng Kinh tế các huyện |  | "}, false},
		{"an item opening with the verb",
			"1. Sẵn sàng vật tư, thuốc bảo vệ thực vật; Chi cục Trồng trọt và Bảo vệ thực vật chủ trì.\n2. Phòng Kinh tế các huyện chủ trì kiểm tra đồng ruộng.",
			[]string{"1: Chi cục Trồng trọt và Bảo vệ thực vật |  | ", "2: Phòng Kinh tế các huyện |  | "}, false},
		{"a lead with chủ trì",
			"1. Trung tâm Khuyến nông tỉnh chủ trì, phối hợp với Phòng Kinh tế các huyện sẵn sàng hỗ trợ giống lúa.",
			[]string{"1: Trung tâm Khuyến nông tỉnh | Phòng Kinh tế các huyện | "}, false},
	} {
		r, got := r19Parse(c.items)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
		if w := r19Warned(r, WarnNotRecipient); w != c.notRecip {
			t.Errorf("%s: warned the unit is no recipient: %v, want %v", c.name, w, c.notRecip)
		}
	}
}

// TestRoleGlossAfterLead: "1. Phòng Kinh tế (cơ quan thường trực Ban Chỉ
// huy ...): chủ trì, phối hợp với Y …", "Sở Tài chính (là cơ quan chủ
// trì) chủ trì …": the role an office writes in brackets after the unit
// that heads its item is no part of the unit's name. A bracket that names
// something else, or a unit without one, is read as it was.
func TestRoleGlossAfterLead(t *testing.T) {
	for _, c := range []struct {
		name, items string
		want        []string
	}{
		{"standing body's office, colon",
			"1. Chi cục Trồng trọt và Bảo vệ thực vật (cơ quan thường trực Ban Chỉ đạo phòng, chống dịch hại tỉnh): chủ trì, phối hợp với Trung tâm Khuyến nông tỉnh điều tra 100% diện tích lúa.",
			[]string{"1: Chi cục Trồng trọt và Bảo vệ thực vật | Trung tâm Khuyến nông tỉnh | = 100 %"}},
		// Left alone (these were read so before): a role bracket before
		// "chủ trì" with no colon, a bracket naming a part of the unit, a
		// unit without a bracket.
		{"lead role, no colon",
			"1. Phòng Kinh tế các huyện (đơn vị đầu mối) chủ trì, phối hợp với Trung tâm Khuyến nông tỉnh hướng dẫn nông dân.",
			[]string{"1: Phòng Kinh tế các huyện | Trung tâm Khuyến nông tỉnh | "}},
		{"a bracket naming a part of the unit",
			"1. Chi cục Trồng trọt và Bảo vệ thực vật (Trạm Trồng trọt huyện) chủ trì, phối hợp với Trung tâm Khuyến nông tỉnh hướng dẫn nông dân.",
			[]string{"1: Chi cục Trồng trọt và Bảo vệ thực vật (Trạm Trồng trọt huyện) | Trung tâm Khuyến nông tỉnh | "}},
		{"no bracket",
			"1. Chi cục Trồng trọt và Bảo vệ thực vật: chủ trì, phối hợp với Trung tâm Khuyến nông tỉnh điều tra 100% diện tích lúa.",
			[]string{"1: Chi cục Trồng trọt và Bảo vệ thực vật | Trung tâm Khuyến nông tỉnh | = 100 %"}},
	} {
		if _, got := r19Parse(c.items); !slices.Equal(got, c.want) {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}
