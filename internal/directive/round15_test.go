package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round fifteen, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// r15Letter is a công văn of a Sở with the given Kính gửi lines and body.
func r15Letter(recipients, body string) string {
	return "UBND TỈNH PHÚ AN\nSỞ CÔNG THƯƠNG\n\nSố: 412/SCT-KHTC\nV/v báo cáo kết quả quý III năm 2025\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nPhú An, ngày 03 tháng 9 năm 2025\n\nKính gửi:\n" +
		recipients + "\n\nĐể tổng hợp báo cáo quý III năm 2025, Sở Công Thương đề nghị các đơn vị thực hiện như sau:\n\n" +
		body + "\n\nBáo cáo gửi về Sở Công Thương trước ngày 25/9/2025./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, KHTC.\n\nGIÁM ĐỐC\n\n\n\nHoàng Minh Tâm\n"
}

func warningCodes(r *Result) []string {
	var out []string
	for _, w := range r.Warnings {
		out = append(out, w.Code)
	}
	return out
}

// TestEOfficeRecord: a directive copied from the incoming-document page of
// an e-office system sits between the receiving office's record fields
// ("Số đến", "Ngày đến", "Trích yếu", "Hạn xử lý", "Ý kiến chỉ đạo" ...)
// and its processing history ("LỊCH SỬ XỬ LÝ", "Quá trình xử lý") and
// footer. Every field comes from the directive's own text; the record's
// routing gives no task. A directive whose letterhead comes first, or
// with a scan's incoming stamp ("ĐẾN Số: ... Ngày: ..."), is read as it
// was.
func TestEOfficeRecord(t *testing.T) {
	doc := "SỞ CÔNG THƯƠNG\nTỈNH PHÚ AN\nSố: 412/SCT-KHTC\nV/v báo cáo kết quả\nthực hiện quý III năm 2025\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú An, ngày 03 tháng 9 năm 2025\nKính gửi:\n- Ủy ban nhân dân các huyện;\n- Trung tâm Khuyến công tỉnh.\n" +
		"Căn cứ Công văn số 88/BCT-KH ngày 20/8/2025 của Bộ Công Thương, Sở Công Thương đề nghị:\n" +
		"1. Trung tâm Khuyến công tỉnh báo cáo kết quả hỗ trợ cơ sở công nghiệp nông thôn; phấn đấu hỗ trợ ít nhất 25 cơ sở.\n" +
		"2. Ủy ban nhân dân các huyện báo cáo tình hình phát triển cụm công nghiệp; tỷ lệ lấp đầy đạt trên 60%.\n" +
		"Báo cáo gửi về Sở Công Thương trước ngày 22/9/2025./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nHoàng Minh Tâm\n"
	record := "CỔNG ĐIỀU HÀNH VĂN BẢN - UBND HUYỆN AN LẠC\nVăn bản đến > Xem chi tiết\n\nTHÔNG TIN VĂN BẢN\nSổ văn bản:\tVăn bản đến năm 2025\nSố đến:\t1207\nNgày đến:\t08/09/2025\nSố ký hiệu:\t412/SCT-KHTC\nNgày ban hành:\t03/09/2025\nLoại văn bản:\tCông văn\nCơ quan ban hành:\tSở Công Thương tỉnh Phú An\nTrích yếu:\tV/v BC KQ quý III/2025\nNgười ký:\tHoàng Minh Tâm\nĐộ khẩn:\tThường\nHạn xử lý:\t15/09/2025\nTệp đính kèm:\t412-SCT.pdf (210 KB)\n\nXỬ LÝ VĂN BẢN\nNgười xử lý chính:\tTrần Văn Lộc - Phòng Kinh tế và Hạ tầng\nĐơn vị phối hợp:\tChi cục Thống kê huyện\nÝ kiến chỉ đạo:\tGiao Phòng Kinh tế và Hạ tầng chủ trì, phối hợp với Chi cục Thống kê huyện tham mưu báo cáo; hoàn thành trước ngày 15/9/2025. (Lê Văn Tú - Phó Chủ tịch UBND huyện, 08/09/2025 14:20)\n\nNỘI DUNG VĂN BẢN (trích từ tệp đính kèm)\n\n" +
		doc + "\nQUÁ TRÌNH XỬ LÝ\nSTT\tThời gian\tNgười gửi\tNgười nhận\tNội dung\n1\t08/09/2025 10:02\tVăn thư\tPhòng Kinh tế và Hạ tầng\tChuyển xử lý\n\n© 2025 Hệ thống quản lý văn bản và điều hành\n"
	want := func(r *Result) []string {
		return []string{r.Issuer, r.Number, r.Symbol, r.Place, r.Date, r.Subject, strings.Join(recipientNames(r), "; "), r.Deadline.Date, strings.Join(matrixTasks(r), " / ")}
	}
	plain := want(Parse(doc, nil))
	if plain[0] != "SỞ CÔNG THƯƠNG TỈNH PHÚ AN" || plain[1] != "412" || plain[7] != "2025-09-22" || len(Parse(doc, nil).Tasks) != 2 {
		t.Fatalf("the directive alone: %q", plain)
	}
	got := Parse(record, nil)
	if g := want(got); !slices.Equal(g, plain) {
		t.Errorf("inside an e-office record:\n%q\nwant the directive's own\n%q", g, plain)
	}
	if len(got.Basis) != 1 || got.Basis[0].Ref != "88/BCT-KH" {
		t.Errorf("basis %+v, want 88/BCT-KH", got.Basis)
	}

	// Left alone: the letterhead first, with record-like words in the body.
	body := strings.Replace(doc, "Báo cáo gửi về", "Số đến: ghi theo sổ; Hạn xử lý: theo quy định; Trích yếu: ngắn gọn.\nBáo cáo gửi về", 1)
	if g := want(Parse(body, nil)); g[0] != plain[0] || g[1] != "412" || g[7] != "2025-09-22" {
		t.Errorf("letterhead first: %q", g)
	}
	// Left alone: a scan's incoming stamp above the letterhead.
	stamp := "ĐẾN Số: 345\nNgày: 08/9/2025\nChuyển: Phòng KT\n" + doc
	if g := want(Parse(stamp, nil)); g[1] != "412" || g[7] != "2025-09-22" {
		t.Errorf("incoming stamp: %q", g)
	}
}

func recipientNames(r *Result) []string {
	var out []string
	for _, rc := range r.Recipients {
		out = append(out, rc.Name)
	}
	return out
}

// TestTradeUnionHead: "Công đoàn" opens a unit's name ("Công đoàn ngành Y
// tế tỉnh báo cáo …", "Đề nghị Công đoàn các Khu công nghiệp chủ trì …"),
// spelled "đoàn"; the "công đoạn" of a process is no unit.
func TestTradeUnionHead(t *testing.T) {
	rec := "- Các phòng, đơn vị thuộc Sở;\n- Trung tâm Khuyến công tỉnh."
	for _, c := range []struct {
		name, body string
		want       []string
	}{
		{"two unions joined by 'và' report",
			"1. Công đoàn ngành Công Thương tỉnh và Công đoàn Khu kinh tế tỉnh báo cáo kết quả phát triển đoàn viên; kết nạp ít nhất 200 đoàn viên.",
			[]string{"1: Công đoàn ngành Công Thương tỉnh; Công đoàn Khu kinh tế tỉnh |  | >= 200 đoàn viên"}},
		{"'Đề nghị' a union",
			"1. Đề nghị Công đoàn Khu kinh tế tỉnh tổ chức đối thoại tại ít nhất 30 doanh nghiệp.",
			[]string{"1: Công đoàn Khu kinh tế tỉnh |  | >= 30 doanh nghiệp"}},
		// Left alone: a process stage.
		{"'công đoạn' of a process",
			"1. Trung tâm Khuyến công tỉnh báo cáo kết quả hỗ trợ; công đoạn chế biến đạt 100% máy móc mới.",
			[]string{"1: Trung tâm Khuyến công tỉnh |  | = 100 %"}},
	} {
		got := matrixTasks(Parse(r15Letter(rec, c.body), nil))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
	if opensUnit("công đoạn sản xuất") || !opensUnit("Công đoàn ngành Y tế") {
		t.Errorf("opensUnit: công đoạn %v, Công đoàn %v", opensUnit("công đoạn sản xuất"), opensUnit("Công đoàn ngành Y tế"))
	}
}

// TestOneKindGroupCovers: a recipient that names the units of one kind,
// "Các phòng chuyên môn thuộc Sở", covers the units of that kind only: a
// lead of another kind that is not a recipient is warned about. A list of
// kinds ("Các phòng, ban, đơn vị thuộc Sở") covers every unit as before.
func TestOneKindGroupCovers(t *testing.T) {
	body := "1. Phòng Kế hoạch - Tài chính báo cáo kết quả giải ngân.\n2. Trung tâm Xúc tiến thương mại báo cáo kết quả tổ chức hội chợ."
	for _, c := range []struct {
		name, rec string
		want      []string
	}{
		{"one kind: the Trung tâm is not covered", "- Các phòng chuyên môn thuộc Sở;\n- Ủy ban nhân dân các huyện.", []string{WarnNotRecipient}},
		{"one kind, no 'thuộc'", "- Các phòng chuyên môn;\n- Ủy ban nhân dân các huyện.", []string{WarnNotRecipient}},
		// Left alone: a list of kinds, or the Trung tâm named.
		{"a list of kinds covers all", "- Các phòng, đơn vị thuộc Sở;\n- Ủy ban nhân dân các huyện.", nil},
		{"the Trung tâm a recipient", "- Các phòng chuyên môn thuộc Sở;\n- Trung tâm Xúc tiến thương mại.", nil},
	} {
		got := warningCodes(Parse(r15Letter(c.rec, body), nil))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: warnings %q, want %q", c.name, got, c.want)
		}
	}
}

// TestQuanLyObject: a unit named "Phòng Quản lý …" or "Ban Quản lý …" with
// a capital takes the field it manages in lower case, even a word that is
// a verb elsewhere ("Phòng Quản lý đầu tư", "Phòng Quản lý xây dựng"). A
// lower-case "quản lý" after a name is the task's verb, as before.
func TestQuanLyObject(t *testing.T) {
	rec := "- Các phòng, đơn vị thuộc Sở."
	for _, c := range []struct {
		name, body string
		want       []string
	}{
		{"Phòng Quản lý đầu tư",
			"1. Phòng Quản lý đầu tư báo cáo kết quả thu hút đầu tư; cấp mới ít nhất 12 dự án.",
			[]string{"1: Phòng Quản lý đầu tư |  | >= 12 dự án"}},
		// Read before too: a name the recipients or "chủ trì" close.
		{"Phòng Quản lý xây dựng chủ trì",
			"1. Phòng Quản lý xây dựng chủ trì, phối hợp với Phòng Kế hoạch - Tài chính rà soát các công trình.",
			[]string{"1: Phòng Quản lý xây dựng | Phòng Kế hoạch - Tài chính | "}},
		// Left alone: "quản lý" as the verb after the name.
		{"lower-case verb",
			"1. Phòng Kinh tế quản lý, đầu tư các cụm công nghiệp; lấp đầy trên 50%.",
			[]string{"1: Phòng Kinh tế |  | > 50 %"}},
	} {
		got := matrixTasks(Parse(r15Letter(rec, c.body), nil))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestTargetsRound15: figures that are no goal, and goals the parser did
// not read:
//   - a past result in brackets set at the end of a year, "(cuối năm 2024
//     đạt 61,5%)", "(đến hết năm 2024 đạt 40 cơ sở)";
//   - a rate paid, "với mức hỗ trợ 30 triệu đồng/hộ", "định mức 2 triệu
//     đồng/người", to the end of its clause;
//   - how long a stock lasts, "đủ dùng cho ít nhất 05 ngày", is a goal;
//   - "đội" (teams) and "hệ thống" are what is counted.
//
// Left alone: a goal "đến cuối năm 2025 đạt 70%", "ổn định ở mức 59%",
// income per head, and a bare "trong 05 ngày".
func TestTargetsRound15(t *testing.T) {
	for _, c := range []struct {
		text string
		want string
	}{
		{"phấn đấu tỷ lệ lấp đầy đạt trên 70% (cuối năm 2024 đạt 61,5%)", "> 70 %"},
		{"hỗ trợ ít nhất 50 cơ sở (đến hết năm 2024 đạt 40 cơ sở)", ">= 50 cơ sở"},
		{"hỗ trợ xây mới ít nhất 20 nhà, với mức hỗ trợ 30 triệu đồng/nhà xây mới và 15 triệu đồng/nhà sửa chữa", ">= 20 nhà"},
		{"chi trả cho 100% đối tượng theo định mức 2 triệu đồng/người", "= 100 %"},
		{"hướng dẫn Nhân dân dự trữ lương thực đủ dùng cho ít nhất 05 ngày", ">= 5 ngày"},
		{"thu hút ít nhất 30 đội tham gia hội thi", ">= 30 đội"},
		{"kết nối ít nhất 25 hệ thống thông tin", ">= 25 hệ thống"},
		// Left alone.
		{"phấn đấu đến cuối năm 2025 tỷ lệ che phủ đạt 70%", "= 70 %"},
		{"tỷ lệ che phủ rừng ổn định ở mức 59%", "= 59 %"},
		{"thu nhập bình quân đạt 80 triệu đồng/người/năm", "= 80 triệu đồng/người"},
		{"tổ chức trực ban trong 05 ngày nghỉ lễ", ""},
	} {
		var got []string
		for _, x := range targets(c.text) {
			got = append(got, fmt.Sprintf("%s %g %s", x.Comparator, x.Value, x.Unit))
		}
		if g := strings.Join(got, "; "); g != c.want {
			t.Errorf("%q: targets %q, want %q", c.text, g, c.want)
		}
	}
}
