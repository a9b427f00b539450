package directive

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// taskLines renders tasks as "label: lead | supports | first target" for
// the table tests below.
func taskLines(r *Result) []string {
	var got []string
	for _, tk := range r.Tasks {
		got = append(got, tk.Label+": "+firstOf(roleNames(tk, "lead"))+" | "+joinNames(roleNames(tk, "support"))+" | "+firstTarget(tk))
	}
	return got
}

func joinNames(ns []string) string { return strings.Join(ns, "; ") }

// TestContentsHeadWithTasks: a heading that names the report's contents
// and the work too ("NỘI DUNG BÁO CÁO VÀ NHIỆM VỤ ...") keeps its items as
// tasks; one that names the contents only does not.
func TestContentsHeadWithTasks(t *testing.T) {
	for _, c := range []struct {
		head string
		want int
	}{
		{"I. NỘI DUNG BÁO CÁO VÀ CÁC NHIỆM VỤ CẦN TRIỂN KHAI", 2},
		{"I. YÊU CẦU VÀ NHIỆM VỤ CỤ THỂ", 2},
		{"I. NỘI DUNG BÁO CÁO", 0},
	} {
		src := "Kính gửi: Phòng Nội vụ; Phòng Y tế.\n\n" +
			"Ủy ban nhân dân huyện đề nghị các đơn vị thực hiện như sau:\n\n" +
			c.head + "\n\n" +
			"1. Phòng Nội vụ rà soát hồ sơ công chức, hoàn thành 100% hồ sơ.\n\n" +
			"2. Phòng Y tế kiểm tra các cơ sở hành nghề y tư nhân.\n\n" +
			"II. THỜI HẠN\n\n" +
			"Báo cáo gửi về trước ngày 10/7/2025.\n"
		r := Parse(src, nil)
		if got := len(r.Tasks); got != c.want {
			t.Errorf("%q: %d tasks %q, want %d", c.head, got, taskLines(r), c.want)
		}
	}
}

// TestMailPreamble: a directive pasted from a forwarded e-mail is read from
// its letterhead; the note, the mail header and the covering note give no
// field. Text without a mail header is read from the top.
func TestMailPreamble(t *testing.T) {
	doc := "UBND HUYỆN NAM SƠN\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 77/PGDĐT-TH\nV/v rà soát cơ sở vật chất năm học 2025-2026\n\n" +
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nNam Sơn, ngày 14 tháng 8 năm 2025\n\n" +
		"Kính gửi: Các trường tiểu học trên địa bàn huyện.\n\n" +
		"Các trường báo cáo kết quả rà soát trước ngày 25/8/2025.\n"
	for _, c := range []struct {
		name, pre string
		number    string
		date      string
	}{
		{"outlook", "Anh Tuấn xem và xử lý giúp nhé.\n\n-----Original Message-----\nFrom: Phong GD <pgd@example.vn>\nSent: Friday, August 15, 2025 9:12 AM\nTo: truong-a@example.vn\nSubject: Số 99/PGDĐT-TH ngày 15/8/2025\n\nKính chuyển các trường công văn sau.\n\n", "77", "2025-08-14"},
		{"vietnamese client", "Từ: Văn thư phòng <vt@example.vn>\nNgày gửi: 15/8/2025\nTiêu đề: V/v khác\n\n", "77", "2025-08-14"},
		{"no mail", "", "77", "2025-08-14"},
	} {
		r := Parse(c.pre+doc, nil)
		if r.Number != c.number || r.Date != c.date || r.Issuer != "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" {
			t.Errorf("%s: number %q date %q issuer %q, want %q %q PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", c.name, r.Number, r.Date, r.Issuer, c.number, c.date)
		}
	}
	// An issuer whose name opens with no usual body word is kept too.
	r := Parse("Từ: a@example.vn\nTiêu đề: Chuyển văn bản\n\nTrân trọng.\n\nTHANH TRA TỈNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/TTr-VP\nNinh Bình, ngày 02 tháng 3 năm 2025\nV/v kê khai tài sản\n\nKính gửi: Các phòng thuộc Thanh tra tỉnh.\n", nil)
	if r.Issuer != "THANH TRA TỈNH" || r.Number != "12" {
		t.Errorf("issuer %q number %q, want THANH TRA TỈNH 12", r.Issuer, r.Number)
	}
	// A scan's incoming stamp inside the header is no mail header.
	stamp := Parse("UBND TỈNH AN GIANG\nSỞ Y TẾ\nCÔNG VĂN ĐẾN\nSố: 345\nNgày: 05/6/2025\nĐến: Phòng Nghiệp vụ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 88/SYT-NV\nLong Xuyên, ngày 02 tháng 6 năm 2025\nV/v báo cáo dịch bệnh\n\nKính gửi: Trung tâm Y tế các huyện.\n", nil)
	if !strings.HasPrefix(stamp.Issuer, "SỞ Y TẾ") {
		t.Errorf("stamp: issuer %q, want SỞ Y TẾ", stamp.Issuer)
	}
	// One "Ngày:" line is no mail header.
	lines := splitLines("Ngày: 12/3/2025\nUBND XÃ AN HÒA\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
	if got := mailStart(lines); got != 0 {
		t.Errorf("mailStart on a lone Ngày line = %d, want 0", got)
	}
}

// TestYouthLetterhead: a Đoàn letter puts "ĐOÀN TNCS HỒ CHÍ MINH" where the
// national title goes; the issuer is the committee on the left, in either
// order of extraction. A body whose name holds those words keeps them.
func TestYouthLetterhead(t *testing.T) {
	for _, c := range []struct{ head, want string }{
		{"BAN CHẤP HÀNH ĐOÀN HUYỆN TÂN PHÚ\tĐOÀN TNCS HỒ CHÍ MINH\n***\nSố: 58-CV/HĐTN\tTân Phú, ngày 03 tháng 4 năm 2025\n", "BAN CHẤP HÀNH ĐOÀN HUYỆN TÂN PHÚ"},
		{"BCH ĐOÀN XÃ MỸ LỢI\n***\nĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH\nSố: 12-KH/ĐTN\nMỹ Lợi, ngày 03 tháng 4 năm 2025\n", "BCH ĐOÀN XÃ MỸ LỢI"},
		{"HUYỆN ỦY TÂN PHÚ\nBCH ĐOÀN TNCS HỒ CHÍ MINH HUYỆN\nSố: 58-CV/HĐTN\nTân Phú, ngày 03 tháng 4 năm 2025\n", "BCH ĐOÀN TNCS HỒ CHÍ MINH HUYỆN"},
	} {
		r := Parse(c.head+"V/v tổng kết tháng thanh niên\n\nKính gửi: Các chi đoàn trực thuộc.\n\nCác chi đoàn báo cáo trước ngày 20/4/2025.\n", nil)
		if r.Issuer != c.want {
			t.Errorf("issuer %q, want %q", r.Issuer, c.want)
		}
	}
}

// TestCommitteeLevels: "các huyện, thị, thành đoàn" lists the levels of
// one kind of committee, as "các huyện, thị, thành ủy" does: one group.
func TestCommitteeLevels(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Các quận, huyện, thành đoàn", []string{"Các quận, huyện, thành đoàn"}},
		{"Các huyện, thị, thành hội và Ban Dân vận tỉnh", []string{"Các huyện, thị, thành hội", "Ban Dân vận tỉnh"}},
		{"Tỉnh đoàn, Sở Nội vụ", []string{"Tỉnh đoàn", "Sở Nội vụ"}},
	} {
		if got := splitUnits(c.in); !slices.Equal(got, c.want) {
			t.Errorf("splitUnits(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestGivenTargetsPerBullet: in a list that gives targets ("Giao các chỉ
// tiêu ... như sau:"), each figure bullet under a unit's name is a task of
// that unit; under a report request, figure bullets stay one task.
func TestGivenTargetsPerBullet(t *testing.T) {
	items := "1. Phòng Nông nghiệp:\n" +
		"- Sản lượng lương thực đạt 42.000 tấn;\n" +
		"- Tỷ lệ che phủ rừng đạt 51%.\n" +
		"2. Phòng Văn hóa - Xã hội:\n" +
		"- Tỷ lệ hộ nghèo giảm xuống dưới 2%.\n"
	for _, c := range []struct {
		lead string
		want []string
	}{
		{"Điều 1. Giao các chỉ tiêu chủ yếu năm 2025 cho các phòng như sau:\n", []string{
			": Phòng Nông nghiệp |  | = 42000 tấn", ": Phòng Nông nghiệp |  | = 51 %", ": Phòng Văn hóa - Xã hội |  | < 2 %"}},
		{"Điều 1. Phân giao nhiệm vụ, chỉ tiêu năm 2025 như sau:\n", []string{
			": Phòng Nông nghiệp |  | = 42000 tấn", ": Phòng Nông nghiệp |  | = 51 %", ": Phòng Văn hóa - Xã hội |  | < 2 %"}},
		{"Đề nghị các phòng báo cáo kết quả như sau:\n", []string{
			"1: Phòng Nông nghiệp |  | = 42000 tấn", "2: Phòng Văn hóa - Xã hội |  | < 2 %"}},
	} {
		src := "Kính gửi: Phòng Nông nghiệp; Phòng Văn hóa - Xã hội.\n\n" + c.lead + items +
			"\nCác phòng báo cáo kết quả trước ngày 05/12/2025.\n"
		if got := taskLines(Parse(src, nil)); !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.lead, got, c.want)
		}
	}
}

// TestTopicFirstAsks: in a meeting's conclusions written as paragraphs, a
// sentence that names its topic or who gives the work first ("Về ..., Chủ
// tịch UBND tỉnh giao X ...", "Đối với ..., đề nghị X ...", "Chủ tịch
// UBND tỉnh giao X ...") gives X a task; the office's sentence
// passing the conclusions on gives none, and the period is the one the
// report sentence names, not the meeting's.
func TestTopicFirstAsks(t *testing.T) {
	src := "UBND TỈNH HÒA BÌNH\nVĂN PHÒNG\n\nSố: 55/VP-KT\nV/v kết luận của Chủ tịch UBND tỉnh tại phiên họp tháng 3 năm 2025\n\n" +
		"Kính gửi: Sở Xây dựng; Sở Y tế; Công an tỉnh.\n\n" +
		"Văn phòng UBND tỉnh thông báo ý kiến chỉ đạo của Chủ tịch UBND tỉnh như sau:\n\n" +
		"Về hạ tầng giao thông, Chủ tịch UBND tỉnh giao Sở Xây dựng chủ trì, phối hợp với Công an tỉnh hoàn thành ít nhất 30 km đường tỉnh. " +
		"Đối với công tác y tế dự phòng, đề nghị Sở Y tế bảo đảm tiêm chủng đạt trên 95%.\n\n" +
		"Chủ tịch UBND tỉnh giao Công an tỉnh tuần tra kiểm soát, bảo đảm xử lý 100% vụ vi phạm.\n\n" +
		"Trong lĩnh vực an ninh, trật tự tình hình cơ bản ổn định.\n\n" +
		"Kết quả thực hiện tháng 4 năm 2025 gửi về Văn phòng chậm nhất ngày 25/4/2025./.\n"
	r := Parse(src, nil)
	want := []string{": Sở Xây dựng | Công an tỉnh | >= 30 km", ": Sở Y tế |  | > 95 %", ": Công an tỉnh |  | = 100 %"}
	if got := taskLines(r); !slices.Equal(got, want) {
		t.Errorf("tasks %q, want %q", got, want)
	}
	if r.Period == nil || r.Period.Index != 4 {
		t.Errorf("period %+v, want month 4", r.Period)
	}
}

// TestLevelCountsAreNoTargets: "2 cấp", "3 cấp" count the levels of a
// system, a name of how it is built, not a figure to reach.
func TestLevelCountsAreNoTargets(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"Vận hành ổn định mô hình chính quyền địa phương 2 cấp.", 0},
		{"Kiện toàn hệ thống tổ chức 3 cấp của Hội, kết nạp ít nhất 200 hội viên.", 1},
		{"Tổ chức ít nhất 2 cuộc kiểm tra.", 1},
	} {
		if got := targets(c.in); len(got) != c.want {
			t.Errorf("targets(%q) = %+v, want %d", c.in, got, c.want)
		}
	}
}

// TestPageFurniture: a PDF's page marks ("Trang 1/2" at the foot, a form
// feed and the page number at the top) and the running head it repeats on
// each later page are left out, and the text goes on over them.
func TestPageFurniture(t *testing.T) {
	head := "Sở Y tế tỉnh Lào Cai - Kế hoạch số 40/KH-SYT ngày 10/3/2025"
	raw := strings.Split("1. Trung tâm Kiểm soát bệnh tật chủ trì, phối hợp với Bệnh viện Đa khoa\n"+
		"Trang 1/3\n\f2\n"+head+"\n"+
		"tỉnh tổ chức tiêm chủng, bảo đảm tỷ lệ đạt trên 95%; báo cáo trước\n"+
		"Trang 2/3\n\f3\n"+head+"\n"+
		"ngày 30/6/2025.\nTrang 3/3", "\n")
	marks := pageMarks(raw)
	var kept []string
	for i, s := range raw {
		if !marks[i] {
			kept = append(kept, s)
		}
	}
	want := []string{raw[0], raw[4], "ngày 30/6/2025."}
	if !slices.Equal(kept, want) {
		t.Errorf("kept %q, want %q", kept, want)
	}
	// With one page break, the head is known by the document's number.
	raw = strings.Split("Số: 40/KH-SYT\nCác đơn vị thực hiện\n\f2\n"+head+"\nnghiêm túc nội dung trên.", "\n")
	if marks := pageMarks(raw); !marks[3] || marks[4] {
		t.Errorf("one page break: marks %v, want the head (line 3) only", marks)
	}
	// The head may open the page above its number.
	raw = strings.Split("Số: 40/KH-SYT\nCác đơn vị thực hiện\n\f"+head+"\n2\nnghiêm túc nội dung trên.", "\n")
	if marks := pageMarks(raw); !marks[2] || !marks[3] || marks[4] {
		t.Errorf("head over the page number: marks %v, want lines 2 and 3", marks)
	}
	// An attachment that starts a page cites the number too: it is text.
	raw = strings.Split("Số: 40/KH-SYT\nCác đơn vị thực hiện./.\n\f2\n(Kèm theo Kế hoạch số 40/KH-SYT ngày 10/3/2025)\nBiểu tổng hợp", "\n")
	if marks := pageMarks(raw); marks[3] {
		t.Errorf("the attachment's heading was taken for a running head")
	}
	// One line after one page break is no running head: it is text.
	raw = strings.Split("Các đơn vị thực hiện\n\f2\nnghiêm túc nội dung trên.", "\n")
	if marks := pageMarks(raw); marks[2] {
		t.Errorf("the only line after a page break was taken for a running head")
	}
}

// TestGradesRoadsBooths: a star grade with no comparator before it says
// which things are counted ("đạt OCOP 4 sao trở lên chiếm 30%"); a road's
// number is its name; booths are counted in "gian hàng".
func TestGradesRoadsBooths(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Số sản phẩm đạt OCOP 4 sao trở lên chiếm tối thiểu 30%.", []string{">= 30 %"}},
		{"Phấn đấu khách sạn trên địa bàn đạt ít nhất 4 sao.", []string{">= 4 sao"}},
		{"Nâng cấp đoạn tuyến Tỉnh lộ 291 qua xã, hoàn thành ít nhất 6 km.", []string{">= 6 km"}},
		{"Thi công đường Vành đai 4 đoạn qua huyện, giải phóng mặt bằng 100%.", []string{"= 100 %"}},
		{"Tổ chức phiên chợ với ít nhất 45 gian hàng.", []string{">= 45 gian hàng"}},
	} {
		var got []string
		for _, g := range targets(c.in) {
			got = append(got, targetKey(string(g.Comparator), g.Value, g.Unit))
		}
		var want []string
		for _, w := range c.want {
			f := strings.Fields(w)
			want = append(want, targetKey(f[0], mustFloat(t, f[1]), strings.Join(f[2:], " ")))
		}
		if !slices.Equal(got, want) {
			t.Errorf("targets(%q) = %q, want %q", c.in, got, want)
		}
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSpreadsheetQuotes: a spreadsheet's quotes around a cell it copied
// with a line break or a quote inside are taken off, the doubled quotes
// inside made single; a short name quoted in a Word cell keeps its quotes.
func TestSpreadsheetQuotes(t *testing.T) {
	for in, want := range map[string]string{
		`"Phòng Tư pháp; Công an xã"`:                       `Phòng Tư pháp; Công an xã`,
		`"Nhân rộng mô hình ""Xóm không rác"" ra các thôn"`: `Nhân rộng mô hình "Xóm không rác" ra các thôn`,
		`"5 không"`:                   `"5 không"`,
		`"Đẹp" và "Sạch" cho mọi nhà`: `"Đẹp" và "Sạch" cho mọi nhà`,
		`Phòng Kinh tế`:               `Phòng Kinh tế`,
	} {
		if got := unquoteCell(in); got != want {
			t.Errorf("unquoteCell(%s) = %s, want %s", in, got, want)
		}
	}
}
