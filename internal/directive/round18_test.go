package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round eighteen, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// r18Doc is a công văn of a Sở, letterhead first, with one basis and two
// tasks.
const r18Doc = "SỞ CÔNG THƯƠNG\nTỈNH PHÚ AN\nSố: 412/SCT-KHTC\nV/v báo cáo kết quả\nthực hiện quý III năm 2025\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú An, ngày 03 tháng 9 năm 2025\nKính gửi:\n- Ủy ban nhân dân các huyện;\n- Trung tâm Khuyến công tỉnh.\n" +
	"Căn cứ Công văn số 88/BCT-KH ngày 20/8/2025 của Bộ Công Thương, Sở Công Thương đề nghị:\n" +
	"1. Trung tâm Khuyến công tỉnh báo cáo kết quả hỗ trợ cơ sở công nghiệp nông thôn; phấn đấu hỗ trợ ít nhất 25 cơ sở.\n" +
	"2. Ủy ban nhân dân các huyện báo cáo tình hình phát triển cụm công nghiệp; tỷ lệ lấp đầy đạt trên 60%.\n" +
	"Báo cáo gửi về Sở Công Thương trước ngày 22/9/2025./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nHoàng Minh Tâm\n"

func r18View(r *Result) []string {
	var basis []string
	for _, b := range r.Basis {
		basis = append(basis, b.Ref+" "+b.Date)
	}
	return []string{r.Issuer, r.Number, r.Symbol, r.Place, r.Date, r.Subject, strings.Join(recipientNames(r), "; "), r.Deadline.Date, strings.Join(basis, "; "), strings.Join(matrixTasks(r), " / "), r.Signer.Name, strings.Join(r.Distribution, "; ")}
}

// TestPortalPage: a directive copied from a government web portal sits
// between the page's furniture (portal name, breadcrumb "Trang chủ » …",
// the article title, "Ngày đăng: … | Lượt xem: …", "Cỡ chữ", "In bài",
// "Chia sẻ") and the page's tail ("File đính kèm: …", "Tin cùng chuyên
// mục", "Văn bản liên quan", the "©" footer). Every field comes from the
// directive's own text, as inside an e-office record. A letterhead-first
// directive that says such words, or a page with one kind of furniture
// only, is read as it was.
func TestPortalPage(t *testing.T) {
	plain := r18View(Parse(r18Doc, nil))
	if plain[1] != "412" || plain[7] != "2025-09-22" || plain[8] != "88/BCT-KH 2025-08-20" {
		t.Fatalf("the directive alone: %q", plain)
	}
	tails := []string{
		"\nFile đính kèm: 412-SCT-KHTC.pdf (205 KB)\nTin cùng chuyên mục\n- Kế hoạch số 77/KH-SCT ngày 14/8/2025 về kiểm tra thị trường (15/8/2025)\n- Công văn số 390/SCT-VP ngày 28/8/2025 về việc báo cáo nhanh (29/8/2025)\nXem thêm »\n© Sở Công Thương tỉnh Phú An. Điện thoại: 0270.3 822 114\n",
		"\nVăn bản liên quan:\n1. Quyết định số 15/QĐ-SCT ngày 10/01/2025 của Sở Công Thương giao chỉ tiêu năm 2025\n2. Công văn số 300/SCT-KHTC ngày 01/7/2025 đề nghị báo cáo trước ngày 10/7/2025\n",
	}
	heads := []string{
		"Cổng thông tin điện tử Sở Công Thương tỉnh Phú An\nTrang chủ » Tin tức » Văn bản chỉ đạo\n\nCông văn số 412/SCT-KHTC ngày 03/9/2025 về việc báo cáo quý III\nNgày đăng: 05/9/2025 09:30 | Lượt xem: 1.204\nCỡ chữ: A- A A+ | In bài | Chia sẻ\n\n",
		"Trang chủ > Chỉ đạo điều hành\nV/v báo cáo quý III/2025 (Công văn 412/SCT-KHTC)\nNgày cập nhật: 08/09/2025\nLượt xem: 87\n",
		"CỔNG THÔNG TIN ĐIỆN TỬ TỈNH PHÚ AN\nPhú An, ngày 06 tháng 9 năm 2025\nIn trang | Chia sẻ\nNgày đăng: 06/09/2025\n",
	}
	for i, head := range heads {
		page := head + r18Doc + tails[i%len(tails)]
		if g := r18View(Parse(page, nil)); !slices.Equal(g, plain) {
			t.Errorf("portal page %d:\n%q\nwant the directive's own\n%q", i, g, plain)
		}
	}

	// Left alone: one kind of furniture above the letterhead, and a
	// letterhead-first directive that names "Tin liên quan" and "File đính
	// kèm:" in its text, read exactly as without those lines.
	for _, c := range []struct{ text, without string }{
		{"Chia sẻ\n" + r18Doc, r18Doc},
		{strings.Replace(r18Doc, "Báo cáo gửi về", "File đính kèm: biểu mẫu số 01.\nTin liên quan\nBáo cáo gửi về", 1), strings.Replace(r18Doc, "Báo cáo gửi về", "File đính kèm: biểu mẫu số 01.\nBáo cáo gửi về", 1)},
	} {
		if g, w := r18View(Parse(c.text, nil)), r18View(Parse(c.without, nil)); !slices.Equal(g, w) {
			t.Errorf("left alone:\n%q\nwant\n%q", g, w)
		}
	}
}

// TestPortalTail: below a directive copied from a portal page, the
// attachment line and the lists of other articles ("Tin cùng chuyên mục",
// "Văn bản liên quan") are no part of its signature or distribution.
func TestPortalTail(t *testing.T) {
	head := "Trang chủ » Văn bản chỉ đạo\nNgày đăng: 05/9/2025 | Lượt xem: 1.204\n"
	plain := r18View(Parse(r18Doc, nil))
	for i, tail := range []string{
		"\nFile đính kèm: 412-SCT-KHTC.pdf (205 KB)\nTin cùng chuyên mục\n- Kế hoạch số 77/KH-SCT ngày 14/8/2025 về kiểm tra thị trường (15/8/2025)\n",
		"Văn bản liên quan\n- Công văn số 300/SCT-KHTC ngày 01/7/2025 đề nghị báo cáo trước ngày 10/7/2025\n",
	} {
		if g := r18View(Parse(head+r18Doc+tail, nil)); !slices.Equal(g, plain) {
			t.Errorf("tail %d:\n%q\nwant the directive's own\n%q", i, g, plain)
		}
	}
}

// r18Steer is a công văn to a Sở and the UBND of the xã and phường, whose
// item 1 heads lettered items.
func r18Steer(items string) string {
	return "UBND TỈNH PHÚ AN\nBAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH\nMỤC TIÊU QUỐC GIA\nSố: 45/BCĐ-CTMTQG\nV/v báo cáo kết quả 9 tháng năm 2025\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú An, ngày 08 tháng 9 năm 2025\nKính gửi:\n- Sở Nông nghiệp và Môi trường;\n- Ban Chỉ đạo phòng, chống thiên tai tỉnh;\n- Ủy ban nhân dân các xã, phường, đặc khu.\n" +
		"Ban Chỉ đạo đề nghị các cơ quan, đơn vị thực hiện như sau:\n" + items +
		"\nBáo cáo gửi về Ban Chỉ đạo trước ngày 19/9/2025./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nLê Văn Hải\n"
}

// TestDirectingVerbOpens: an item that opens with a verb by which one body
// steers others ("Hướng dẫn …", "Chỉ đạo …", "Đôn đốc …") names the
// steered units as its object; the lead is the unit the item is under.
// A unit that opens its item and then steers ("Ủy ban nhân dân … chỉ đạo
// …"), and a unit whose name holds such a verb ("Ban Chỉ đạo …"), still
// lead.
func TestDirectingVerbOpens(t *testing.T) {
	head := "1. Sở Nông nghiệp và Môi trường:\na) Tổng hợp kết quả thực hiện bộ tiêu chí nông thôn mới.\n"
	for _, c := range []struct{ items, want string }{
		{head + "b) Hướng dẫn Ủy ban nhân dân các xã, phường, đặc khu đánh giá kết quả giảm nghèo; tỷ lệ hộ nghèo giảm còn dưới 1,5%.", "1b: Sở Nông nghiệp và Môi trường |  | < 1.5 %"},
		{head + "b) Chỉ đạo Ủy ban nhân dân các xã, phường, đặc khu rà soát hộ nghèo; tỷ lệ hộ nghèo giảm còn dưới 1,5%.", "1b: Sở Nông nghiệp và Môi trường |  | < 1.5 %"},
		// Left alone.
		{head + "2. Ủy ban nhân dân các xã, phường, đặc khu chỉ đạo các thôn rà soát hộ nghèo; tỷ lệ hộ nghèo giảm còn dưới 1,5%.", "2: Ủy ban nhân dân các xã, phường, đặc khu |  | < 1.5 %"},
		{head + "2. Ban Chỉ đạo phòng, chống thiên tai tỉnh hướng dẫn các xã diễn tập; ít nhất 12 cuộc diễn tập.", "2: Ban Chỉ đạo phòng, chống thiên tai tỉnh |  | >= 12 cuộc"},
	} {
		got := matrixTasks(Parse(r18Steer(c.items), nil))
		if !slices.Contains(got, c.want) {
			t.Errorf("%q:\ngot %q\nwant a task %q", c.items, got, c.want)
		}
	}
}

// r18Order is a directive of a UBND phường with the given symbol, type
// line and closing sentence.
func r18Order(symbol, kind, closing string) string {
	return "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HÒA\nSố: 03/" + symbol + "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Hòa, ngày 10 tháng 01 năm 2026\n" + kind + "\nVề tăng cường quản lý đất đai trên địa bàn phường năm 2026\n" +
		"Để thực hiện tốt công tác quản lý đất đai năm 2026, Chủ tịch Ủy ban nhân dân phường yêu cầu:\n" +
		"1. Phòng Kinh tế, Hạ tầng và Đô thị: kiểm tra, xử lý dứt điểm 100% trường hợp lấn chiếm đất công.\n" +
		"2. Công an phường: phối hợp kiểm tra trật tự xây dựng; kéo giảm ít nhất 15% số vụ vi phạm so với năm 2025.\n" +
		closing + "\nNơi nhận:\n- UBND thành phố;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn Bình\n"
}

// TestDirectiveYearReport: a Chỉ thị setting a year's work that asks, in
// one sentence, for an interim review first and the year's report later
// ("báo cáo sơ kết 6 tháng trước ngày 15/6/2026 và báo cáo kết quả thực
// hiện năm 2026 … trước ngày 25/11/2026") is measured by the year's
// report, as a Quyết định giving a year's targets is (round 17), and,
// since round 20, a Kế hoạch for the year. A công văn, and a Chỉ thị
// whose first report is the year's, keep their first date.
func TestDirectiveYearReport(t *testing.T) {
	both := "Các cơ quan, đơn vị báo cáo sơ kết 6 tháng trước ngày 15/6/2026 và báo cáo kết quả thực hiện năm 2026 gửi về Ủy ban nhân dân phường trước ngày 25 tháng 11 năm 2026./."
	for _, c := range []struct {
		symbol, kind, closing, date string
		period                      string
	}{
		{"CT-UBND", "CHỈ THỊ", both, "2026-11-25", "year 2026"},
		{"CT/ĐU", "CHỈ THỊ", both, "2026-11-25", "year 2026"},
		// A Kế hoạch for the year too, since round 20 (TestPlanYearReport).
		{"KH-UBND", "KẾ HOẠCH", both, "2026-11-25", "year 2026"},
		// Left alone.
		{"UBND-KT", "", strings.Replace(both, "Các cơ quan", "Đề nghị các cơ quan", 1), "2026-06-15", "half-year 2026"},
		{"CT-UBND", "CHỈ THỊ", "Các cơ quan, đơn vị báo cáo kết quả thực hiện năm 2026 trước ngày 25/11/2026 và báo cáo bổ sung trước ngày 10/12/2026./.", "2026-11-25", "year 2026"},
	} {
		r := Parse(r18Order(c.symbol, c.kind, c.closing), nil)
		per := ""
		if r.Period != nil {
			per = fmt.Sprintf("%s %d", r.Period.Kind, r.Period.Year)
		}
		if r.Deadline.Date != c.date || per != c.period {
			t.Errorf("%s %s: deadline %q, period %q; want %q, %q", c.symbol, c.closing[:30], r.Deadline.Date, per, c.date, c.period)
		}
	}
}

// TestMassOrgTitle: a mass organisation's national name stands where the
// national title does in its provincial bodies' letters ("BCH HỘI NÔNG DÂN
// TỈNH X" left, "HỘI NÔNG DÂN VIỆT NAM" right, flattened by a TAB or
// stacked), as "ĐOÀN TNCS HỒ CHÍ MINH" does for the Đoàn: the issuer is
// the left line. A letterhead whose first line is the national body, or
// whose body is the central one, is read as it was (the line under the
// national body, as for any superior body).
func TestMassOrgTitle(t *testing.T) {
	rest := "Số: 486-CV/HNDT\tPhú An, ngày 11 tháng 11 năm 2024\nV/v báo cáo tổng kết năm 2024\n\nKính gửi: Ban Thường vụ Hội Nông dân các huyện.\n\nĐề nghị Ban Thường vụ Hội Nông dân các huyện báo cáo kết quả năm 2024; kết nạp ít nhất 1.200 hội viên. Báo cáo gửi về trước ngày 28/11/2024./.\nNơi nhận:\n- Như trên,\n- Lưu VP.\nT/M BAN THƯỜNG VỤ\nPHÓ CHỦ TỊCH\nTrần Văn Nam\n"
	for _, c := range []struct{ head, want string }{
		{"BCH HỘI NÔNG DÂN TỈNH PHÚ AN\tHỘI NÔNG DÂN VIỆT NAM\n***\n", "BCH HỘI NÔNG DÂN TỈNH PHÚ AN"},
		{"BCH HỘI NÔNG DÂN TỈNH PHÚ AN\nHỘI NÔNG DÂN VIỆT NAM\n***\n", "BCH HỘI NÔNG DÂN TỈNH PHÚ AN"},
		{"HỘI CỰU CHIẾN BINH TỈNH PHÚ AN\tHỘI CỰU CHIẾN BINH VIỆT NAM\n***\n", "HỘI CỰU CHIẾN BINH TỈNH PHÚ AN"},
		// Left alone.
		{"HỘI NÔNG DÂN VIỆT NAM\nBCH TỈNH PHÚ AN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n***\n", "BCH TỈNH PHÚ AN"},
		{"TRUNG ƯƠNG HỘI NÔNG DÂN VIỆT NAM\tĐẢNG CỘNG SẢN VIỆT NAM\n***\n", "TRUNG ƯƠNG HỘI NÔNG DÂN VIỆT NAM"},
	} {
		if got := Parse(c.head+rest, nil).Issuer; got != c.want {
			t.Errorf("%q: issuer %q, want %q", c.head, got, c.want)
		}
	}
}

// r18Plan is a Party Kế hoạch whose opening is the given lines.
func r18Plan(opening string) string {
	return "ĐẢNG BỘ HUYỆN AN LẠC\nĐẢNG ỦY XÃ AN PHÚ\n*\nSố 58-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nAn Phú, ngày 12 tháng 7 năm 2024\n\nKẾ HOẠCH\nthực hiện nhiệm vụ chính trị 6 tháng cuối năm 2024\n\n" + opening +
		"\nI. MỤC ĐÍCH, YÊU CẦU\n- Hoàn thành các chỉ tiêu Nghị quyết số 09-NQ/ĐU ngày 20/12/2023 của Đảng ủy xã.\n- Phân công rõ người, rõ việc.\n" +
		"II. NHIỆM VỤ\n1. Ủy ban nhân dân xã chỉ đạo các ấp xuống giống lúa đạt 3.450 ha.\n2. Ủy ban Kiểm tra Đảng ủy kiểm tra ít nhất 04 chi bộ.\n" +
		"III. TỔ CHỨC THỰC HIỆN\nCác chi bộ báo cáo kết quả về Văn phòng Đảng ủy chậm nhất ngày 04/12/2024.\nNơi nhận:\n- Các chi bộ,\n- Lưu Văn phòng Đảng ủy.\nT/M ĐẢNG ỦY\nBÍ THƯ\nLâm Văn Sơn\n"
}

// TestBasisBullets: a basis written as "-" bullets before the first item
// ("- Căn cứ Nghị quyết số …, ngày …;" "- Thực hiện Công văn số …,") is the
// opening's basis, as the same lines without their marks are. Bullets that
// do not open with a basis phrase, or that come under a section, cite no
// basis.
func TestBasisBullets(t *testing.T) {
	refs := func(r *Result) string {
		var out []string
		for _, b := range r.Basis {
			out = append(out, b.Ref+" "+b.Date)
		}
		return strings.Join(out, "; ")
	}
	for _, c := range []struct{ opening, want string }{
		{"- Căn cứ Nghị quyết số 12-NQ/ĐU, ngày 15/12/2023 của Ban Chấp hành Đảng bộ xã về nhiệm vụ năm 2024;\n- Thực hiện Công văn số 412-CV/HU, ngày 05/7/2024 của Ban Thường vụ Huyện ủy,\nBan Thường vụ Đảng ủy xã xây dựng kế hoạch như sau:\n", "12-NQ/ĐU 2023-12-15; 412-CV/HU 2024-07-05"},
		{"+ Căn cứ Nghị quyết số 12-NQ/ĐU ngày 15/12/2023 của Ban Chấp hành Đảng bộ xã,\nBan Thường vụ Đảng ủy xã xây dựng kế hoạch như sau:\n", "12-NQ/ĐU 2023-12-15"},
		// Left alone.
		{"Căn cứ Nghị quyết số 12-NQ/ĐU, ngày 15/12/2023 của Ban Chấp hành Đảng bộ xã, Ban Thường vụ Đảng ủy xã xây dựng kế hoạch như sau:\n", "12-NQ/ĐU 2023-12-15"},
		{"- Tình hình sản xuất theo Kế hoạch số 40-KH/ĐU ngày 02/01/2024 đạt khá;\n- Ban Thường vụ Đảng ủy xã xây dựng kế hoạch như sau:\n", ""},
	} {
		if got := refs(Parse(r18Plan(c.opening), nil)); got != c.want {
			t.Errorf("%q: basis %q, want %q", c.opening, got, c.want)
		}
	}
}

// TestSeasonYear: a year that dates a season ("cao điểm mùa khô năm 2024",
// "mùa mưa bão năm 2025") is the time the work is for, not a period a
// report covers: a one-off order about it has no period. A year alone, or
// the season's work reported by a named period, keeps its period.
func TestSeasonYear(t *testing.T) {
	doc := func(subject, closing string) string {
		return "ỦY BAN NHÂN DÂN\nTỈNH PHÚ AN\nSố: 03/CĐ-UBND\tPhú An, ngày 14 tháng 3 năm 2024\nCÔNG ĐIỆN\n" + subject + "\n" +
			"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:\n- Giám đốc Sở Nông nghiệp và Phát triển nông thôn;\n- Chủ tịch Ủy ban nhân dân các huyện.\n" +
			"Để chủ động ứng phó, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n1. Giám đốc Sở Nông nghiệp và Phát triển nông thôn tổ chức ít nhất 02 đợt kiểm tra.\n2. Chủ tịch Ủy ban nhân dân các huyện rà soát 100% hộ ven rừng.\n" +
			closing + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn An\n"
	}
	per := func(r *Result) string {
		if r.Period == nil {
			return ""
		}
		return fmt.Sprintf("%s %d", r.Period.Kind, r.Period.Year)
	}
	oneOff := "Các cơ quan báo cáo kết quả thực hiện Công điện này trước 16 giờ 00 ngày 29/3/2024./."
	for _, c := range []struct{ subject, closing, want string }{
		{"Về việc tăng cường phòng cháy, chữa cháy rừng trong cao điểm mùa khô năm 2024", oneOff, ""},
		{"Về việc chủ động ứng phó trong mùa mưa bão năm 2024", oneOff, ""},
		// Left alone.
		{"Về việc tăng cường phòng cháy, chữa cháy rừng năm 2024", oneOff, "year 2024"},
		{"Về việc phòng cháy, chữa cháy rừng trong cao điểm mùa khô năm 2024", "Các cơ quan báo cáo kết quả 6 tháng đầu năm 2024 trước ngày 10/6/2024./.", "half-year 2024"},
	} {
		if got := per(Parse(doc(c.subject, c.closing), nil)); got != c.want {
			t.Errorf("%q / %q: period %q, want %q", c.subject, c.closing, got, c.want)
		}
	}
}
