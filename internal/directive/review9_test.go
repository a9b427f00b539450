package directive

import (
	"strings"
	"testing"
)

// The review of round nine found these ordinary directives read wrongly by
// its new rules; each case failed at ca04cff.
func TestRoundNineLeavesOrdinaryTextAlone(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nHUYỆN NAM SƠN\n\nSố: 125/UBND-VP\nV/v cảnh báo thư điện tử giả mạo\n\n" +
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nNam Sơn, ngày 14 tháng 8 năm 2025\n\n" +
		"Kính gửi: Phòng Văn hóa - Thông tin; Phòng Nội vụ; Ủy ban nhân dân các xã.\n\n"
	leads := func(r *Result) []string {
		var out []string
		for _, tk := range r.Tasks {
			out = append(out, strings.Join(roleNames(tk, "lead"), ";"))
		}
		return out
	}

	// Mail-like lines quoted in the letter's body are its text, not a
	// forwarded mail's header: the letterhead above them stays.
	r := Parse(head+"Thời gian gần đây xuất hiện thư điện tử giả mạo cơ quan nhà nước, có dạng như sau:\n"+
		"Từ: Bộ Công an <bocongan@gov-vn.com>\nTiêu đề: Thông báo xử phạt vi phạm giao thông\n\n"+
		"Để phòng ngừa, Ủy ban nhân dân huyện đề nghị:\n"+
		"1. Phòng Văn hóa - Thông tin tuyên truyền để người dân cảnh giác, hoàn thành 100% xã.\n"+
		"2. Phòng Nội vụ hướng dẫn cán bộ, công chức không mở thư lạ.\n"+
		"Số liệu báo cáo theo mẫu số 01/BC kèm theo, gửi về Phòng Văn hóa - Thông tin trước ngày 30/8/2025./.\n", nil)
	if r.Number != "125" || r.Issuer == "" || len(r.Recipients) != 3 || len(r.Tasks) != 2 {
		t.Errorf("a quoted e-mail in the body: number %q, issuer %q, %d recipients, %d tasks; want 125, the issuer, 3, 2",
			r.Number, r.Issuer, len(r.Recipients), len(r.Tasks))
	}

	// "Về ..., UBND huyện giao X ..." telling what was given before is not
	// a task of a letter that is no meeting's conclusions.
	r = Parse(head+"Về công tác chuyển đổi số, năm 2024 UBND huyện đã ban hành kế hoạch. "+
		"Về xây dựng cơ sở dữ liệu, UBND huyện giao Phòng Nội vụ chủ trì thực hiện từ tháng 3/2024, đến nay mới đạt 40%.\n\n"+
		"Đề nghị Phòng Văn hóa - Thông tin khẩn trương hoàn thành, báo cáo kết quả trước ngày 30/9/2025./.\n", nil)
	if got := leads(r); len(got) != 1 || got[0] != "Phòng Văn hóa - Thông tin" {
		t.Errorf("a background 'Về ..., UBND huyện giao': task leads %q, want only Phòng Văn hóa - Thông tin", got)
	}

	// A report request that cites the decision giving the targets keeps a
	// unit's figures as one task.
	r = Parse("Kính gửi: Phòng Nông nghiệp; Phòng Văn hóa - Xã hội.\n\n"+
		"Thực hiện Quyết định số 12/QĐ-UBND ngày 10/01/2025 của UBND huyện về giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2025, UBND huyện đề nghị các phòng báo cáo kết quả thực hiện như sau:\n"+
		"1. Phòng Nông nghiệp:\n- Sản lượng lương thực đạt 42.000 tấn;\n- Tỷ lệ che phủ rừng đạt 51%.\n"+
		"2. Phòng Văn hóa - Xã hội:\n- Tỷ lệ hộ nghèo giảm xuống dưới 2%.\n"+
		"\nCác phòng báo cáo kết quả trước ngày 05/12/2025.\n", nil)
	if len(r.Tasks) != 2 {
		t.Errorf("a report request citing 'giao chỉ tiêu': %d tasks (leads %q), want 2", len(r.Tasks), leads(r))
	}

	// "... VÀ GIẢI PHÁP" heading what a report holds names no tasks.
	r = Parse("Kính gửi: Phòng Nội vụ; Phòng Y tế.\n\nỦy ban nhân dân huyện đề nghị các đơn vị báo cáo như sau:\n\n"+
		"I. NỘI DUNG BÁO CÁO KẾT QUẢ, TỒN TẠI, HẠN CHẾ VÀ GIẢI PHÁP\n\n"+
		"1. Kết quả rà soát hồ sơ công chức.\n\n2. Tồn tại, hạn chế và nguyên nhân.\n\n3. Giải pháp trong thời gian tới.\n\n"+
		"II. THỜI HẠN\n\nBáo cáo gửi về Phòng Nội vụ trước ngày 10/7/2025.\n", nil)
	if len(r.Tasks) != 0 {
		t.Errorf("contents '... VÀ GIẢI PHÁP' read as tasks: leads %q", leads(r))
	}

	// One page break: a line between the foot mark and the page number is
	// counted once, so a task there is no running head.
	r = Parse("Kính gửi: Phòng Nội vụ; Phòng Y tế; Phòng Tư pháp.\n\nĐề nghị các phòng thực hiện:\n"+
		"1. Phòng Nội vụ rà soát biên chế.\nTrang 1/2\n\f2. Phòng Y tế kiểm tra 20 cơ sở y tế.\n2\n3. Phòng Tư pháp rà soát văn bản.\n", nil)
	if got := leads(r); len(got) != 3 {
		t.Errorf("a task at the top of page 2: leads %q, want three", got)
	}

	// A page that opens by citing another number ending in the document's
	// own (125/UBND-VP against 25/UBND-VP) is text.
	marks := pageMarks(strings.Split("Số: 25/UBND-VP\nCác đơn vị thực hiện\n\f2\nCông văn số 125/UBND-VP ngày 02/3/2025 của UBND huyện,\nđề nghị các xã báo cáo.", "\n"))
	if marks[3] {
		t.Error("a line citing 125/UBND-VP was taken for the running head of 25/UBND-VP")
	}
}

// givesTargets asked the same question of the paragraph before the list
// for every unit heading: a long opening and many headings took a minute.
func TestGivenTargetsStayLinear(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	stayLinear(t, "unit headings under a long opening", 512<<10, func(n int) string {
		head := "Kính gửi: Các phòng.\n\n"
		intro := "Ủy ban nhân dân huyện yêu cầu các đơn vị " + strings.Repeat("thực hiện tốt nhiệm vụ được giao,\n", n/4/36) + "như sau:\n"
		return head + intro + strings.Repeat("1. Phòng Nội vụ:\n- Tỷ lệ hộ nghèo giảm 2%;\n", n/2/44)
	})
}
