package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/vi"
)

// The rules of round forty, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// r40Letter is a xã's công văn with its letterhead.
const r40Letter = "ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\nSố: 215/UBND-VP\nV/v kiểm tra hồ sơ một cửa\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHòa Bình, ngày 04 tháng 3 năm 2027\n" +
	"Kính gửi:\n- Văn phòng Ủy ban nhân dân xã;\n- Phòng Kinh tế.\n" +
	"Ủy ban nhân dân xã yêu cầu:\n" +
	"1. Văn phòng Ủy ban nhân dân xã rà soát hồ sơ trễ hạn trong tháng 02/2027.\n" +
	"2. Phòng Kinh tế kiểm tra 100% hộ kinh doanh mới đăng ký.\n" +
	"Các đơn vị báo cáo trước ngày 15/3/2027.\n" +
	"Nơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nTrần Văn An\n"

// TestNoticeAboveLetter: the SMS or push notice a clerk pasted above the
// letter as the phone shows it, without diacritics, then a blank line and
// the letter: the header is the letter's, not the notice's. A first line
// without diacritics that the letterhead follows with no blank line, or a
// letter typed without diacritics throughout, keeps its reading.
func TestNoticeAboveLetter(t *testing.T) {
	for _, tc := range []struct {
		name, pre            string
		issuer, number, date string
	}{
		{"sms", "UBND XA HOABINH\nThu Tu, 04/03/2027 09:10\nUBND XA HOABINH TB: De nghi VP HDND-UBND, P.KT, TT PVHCC thuc hien CV 215/UBND-VP ngay 04/3/2027 ve kiem tra ho so mot cua. Bao cao ve VP truoc 15h00 ngay 15/3/2027 (T2). Chi tiet tren he thong QLVB.\n\n", "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "215", "2027-03-04"},
		{"push one line", "Zalo OA UBND xa Hoa Binh: de nghi cac don vi thuc hien CV 215/UBND-VP ve kiem tra ho so mot cua, bao cao truoc ngay 15/3/2027; xem chi tiet tren he thong QLVB cua xa\n\n", "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "215", "2027-03-04"},
		{"no notice", "", "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "215", "2027-03-04"},
	} {
		r := Parse(tc.pre+r40Letter, nil)
		if r.Issuer != tc.issuer || r.Number != tc.number || r.Date != tc.date || len(r.Recipients) != 2 || len(r.Tasks) != 2 {
			t.Errorf("%s: issuer %q number %q date %q, %d recipients, %d tasks; want %q %q %q, 2, 2", tc.name, r.Issuer, r.Number, r.Date, len(r.Recipients), len(r.Tasks), tc.issuer, tc.number, tc.date)
		}
	}
	// Typed without diacritics throughout: the header is still read.
	plain := "UY BAN NHAN DAN\nXA HOA BINH\n\nSo: 215/UBND-VP\nCONG HOA XA HOI CHU NGHIA VIET NAM\nHoa Binh, ngay 04 thang 3 nam 2027\nKinh gui: Van phong UBND xa.\n1. Van phong UBND xa ra soat ho so.\n"
	if got, want := noticeEnd(splitLines(plain)), 0; got != want {
		t.Errorf("unaccented letter: noticeEnd %d, want %d", got, want)
	}
	if got := noticeEnd(splitLines("UBND XA HOABINH\nThu Tu, 04/03/2027 09:10\n\n" + r40Letter)); got != 3 {
		t.Errorf("notice: noticeEnd %d, want 3", got)
	}
}

// TestSpanningHeadsOneCellALine: a table of two header levels copied one
// cell a line, heads spanning columns ("Số xã đạt chuẩn (xã)", "Tỷ lệ
// (%)") over the same sub-heads ("Thực hiện 2026", "Kế hoạch 2027",
// "Tăng/giảm (%)"): each row's plan cells are its targets, in the units
// of the heads over them; the result and the comparison are not. A
// header of one level is read as before.
func TestSpanningHeadsOneCellALine(t *testing.T) {
	letter := func(table string) string {
		return "ỦY BAN NHÂN DÂN\nHUYỆN BẢO LỘC\nSố: 12/UBND-NN\nV/v giao chỉ tiêu nông thôn mới năm 2027\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBảo Lộc, ngày 10 tháng 01 năm 2027\n" +
			"Kính gửi: Ủy ban nhân dân các xã.\nỦy ban nhân dân huyện giao chỉ tiêu năm 2027 cho các xã theo bảng sau:\n" +
			table + "Các xã báo cáo kết quả trước ngày 15/12/2027.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nPhạm Văn Đức\n"
	}
	two := "TT\nĐịa phương\nSố tiêu chí đạt (tiêu chí)\nTỷ lệ hộ dùng nước sạch (%)\nThực hiện 2026\nKế hoạch 2027\nTăng/giảm (%)\nThực hiện 2026\nKế hoạch 2027\nTăng/giảm (%)\n" +
		"1\nXã Lộc Phát\n15\n17\n113,3\n82,5\n90,0\n109,1\n2\nXã Lộc Thanh\n12\n15\n125,0\n70,1\n80,0\n114,1\n"
	r := Parse(letter(two), nil)
	type tgt struct {
		v float64
		u string
	}
	want := map[string][]tgt{"Xã Lộc Phát": {{17, "tiêu chí"}, {90, "%"}}, "Xã Lộc Thanh": {{15, "tiêu chí"}, {80, "%"}}}
	got := map[string][]tgt{}
	for _, tk := range r.Tasks {
		if len(tk.Assignees) == 0 {
			continue
		}
		for _, g := range tk.Targets {
			got[tk.Assignees[0].Name] = append(got[tk.Assignees[0].Name], tgt{g.Value, g.Unit})
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("two-level header: targets %v, want %v", got, want)
	}
	// Sub-heads that name no plan: the header is left as it is.
	cells := []string{"TT", "Địa phương", "Số tiêu chí (tiêu chí)", "Tỷ lệ (%)", "Năm 2025", "Năm 2026", "Năm 2025", "Năm 2026"}
	lines := make([]line, len(cells))
	at := make([]int, len(cells))
	for i, c := range cells {
		lines[i], at[i] = line{n: i + 1, text: c}, i
	}
	if got := spanningHeads(lines, slices.Clone(cells), at); !slices.Equal(got, cells) {
		t.Errorf("no plan: %q, want the cells unchanged", got)
	}
}

// TestForNamedUnitHeading: a Chỉ thị with no Kính gửi whose parts are
// headed "ĐỐI VỚI <units>": the units named lead the part's items; a part
// "Đối với" something that is no unit gives no lead.
func TestForNamedUnitHeading(t *testing.T) {
	doc := "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 05/CT-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Giang, ngày 20 tháng 02 năm 2027\nCHỈ THỊ\nVề tăng cường kỷ luật, kỷ cương hành chính\n" +
		"Để chấn chỉnh kỷ luật hành chính, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:\n" +
		"I. ĐỐI VỚI CÁC SỞ, BAN, NGÀNH TỈNH\n1. Quán triệt cán bộ, công chức chấp hành nghiêm giờ làm việc.\n2. Công khai 100% thủ tục hành chính tại trụ sở.\n" +
		"II. ĐỐI VỚI CÔNG TÁC KIỂM TRA CÔNG VỤ\n1. Tổ chức kiểm tra đột xuất ít nhất 02 lần mỗi quý.\n" +
		"III. TỔ CHỨC THỰC HIỆN\nGiao Sở Nội vụ theo dõi, đôn đốc thực hiện Chỉ thị này; báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2027.\n" +
		"Nơi nhận:\n- Các sở, ban, ngành tỉnh;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn Sơn\n"
	r := Parse(doc, nil)
	got := map[string]string{}
	for _, tk := range r.Tasks {
		var ls []string
		for _, a := range tk.Assignees {
			if a.Role == "lead" {
				ls = append(ls, vi.Fold(a.Name))
			}
		}
		got[tk.Label] = strings.Join(ls, "; ")
	}
	want := map[string]string{"I.1": "cac so, ban, nganh tinh", "I.2": "cac so, ban, nganh tinh", "II.1": ""}
	for l, w := range want {
		if g, ok := got[l]; !ok || g != w {
			t.Errorf("task %s: leads %q (present %v), want %q; all %q", l, g, ok, w, got)
		}
	}
}

// TestTabFootNotATable: the Nơi nhận and the signature written side by
// side with TABs for the first lines only, the list going on under them
// and the name TAB-joined to the "Lưu" line: the title and every item of
// the list are read, none taken into a signature line as a wrapped cell.
func TestTabFootNotATable(t *testing.T) {
	doc := strings.Replace(r40Letter, "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nTrần Văn An\n",
		"Nơi nhận:\t\t\t\tTM. ỦY BAN NHÂN DÂN\n- Như trên;\t\t\t\tKT. CHỦ TỊCH\n- Huyện ủy (b/c);\t\t\t\tPHÓ CHỦ TỊCH\n- Đảng ủy xã;\n- Các ban, ngành xã;\n- Lưu: VT.\t\t\t\t\tTrần Văn An\n", 1)
	r := Parse(doc, nil)
	want := []string{"Như trên", "Huyện ủy (b/c)", "Đảng ủy xã", "Các ban, ngành xã", "Lưu: VT"}
	if r.Signer.Title != "PHÓ CHỦ TỊCH" || r.Signer.Name != "Trần Văn An" || !slices.Equal(r.Distribution, want) {
		t.Errorf("signer %+v, distribution %q; want title PHÓ CHỦ TỊCH, name Trần Văn An, %q", r.Signer, r.Distribution, want)
	}
}
