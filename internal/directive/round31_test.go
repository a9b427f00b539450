package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"tiendo"
)

// The rules of round thirty-one, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// TestOutgoingRecordPage: a directive copied from an e-office system's
// page for an outgoing document ("Văn bản đi") sits under the page's
// fields, "label⇥value", with none of the fields only an incoming record
// has ("Số đến", "Hạn xử lý"); a record heading ("THÔNG TIN VĂN BẢN")
// over three fields above the letterhead marks it all the same, and the
// page's attachment line below the document starts no new record. The
// fields and the page's "Nơi nhận" give nothing; without the heading the
// lines are read as before.
func TestOutgoingRecordPage(t *testing.T) {
	const letter = "ỦY BAN NHÂN DÂN\nPHƯỜNG BÌNH MINH\nSố: 207/UBND-VHXH\nV/v tổ chức Tháng hành động vì an toàn thực phẩm năm 2026\n" +
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBình Minh, ngày 20 tháng 3 năm 2026\n" +
		"Kính gửi:\n- Phòng Văn hóa - Xã hội;\n- Trạm Y tế phường.\n" +
		"Ủy ban nhân dân phường yêu cầu các đơn vị thực hiện:\n" +
		"1. Phòng Văn hóa - Xã hội chủ trì kiểm tra ít nhất 40 cơ sở sản xuất, kinh doanh thực phẩm.\n" +
		"2. Trạm Y tế phường tuyên truyền tại 100% tổ dân phố.\n" +
		"Các đơn vị báo cáo kết quả về Ủy ban nhân dân phường trước ngày 15/5/2026./.\n" +
		"Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nĐỗ Thị Hoa\n"
	const page = "Cổng điều hành tác nghiệp\nVăn bản đi / Xem văn bản\nTHÔNG TIN VĂN BẢN\nSố/Ký hiệu:\t207/UBND-VHXH\nNgày ban hành:\t20/3/2026\n" +
		"Đơn vị soạn thảo:\tPhòng Văn hóa - Xã hội\nNgười ký:\tĐỗ Thị Hoa\nTrích yếu:\tTháng hành động ATTP\n" +
		"Nơi nhận:\tPhòng VH-XH; TYT\nTệp đính kèm:\t207.pdf\n"
	plain := Parse(letter, nil)
	got := Parse(page+letter+"Tệp đính kèm:\t207-signed.pdf\nPhiên bản 3.1\n", nil)
	for _, c := range []struct{ field, got, want string }{
		{"issuer", got.Issuer, plain.Issuer},
		{"number", got.Number, plain.Number},
		{"date", got.Date, plain.Date},
		{"subject", got.Subject, plain.Subject},
		{"signer title", got.Signer.Title, plain.Signer.Title},
		{"distribution", strings.Join(got.Distribution, "; "), strings.Join(plain.Distribution, "; ")},
		{"tasks", strings.Join(r26Tasks(got), " | "), strings.Join(r26Tasks(plain), " | ")},
	} {
		if c.got != c.want {
			t.Errorf("outgoing record page: %s %q, want %q", c.field, c.got, c.want)
		}
	}
	if plain.Issuer == "" || len(plain.Tasks) != 2 {
		t.Fatalf("the plain letter is not read: issuer %q, %d tasks", plain.Issuer, len(plain.Tasks))
	}
	// Left alone: the same fields with no record heading over them are no
	// record (the letterhead's lines are read as they are).
	bare := strings.Replace(page, "THÔNG TIN VĂN BẢN\n", "", 1)
	if start, _, ok := recordSpan(splitLines(bare + letter)); ok {
		t.Errorf("fields with no record heading read as a record starting at line %d", start)
	}
}

// TestKnownCountGoalInOpening: a count the opening sets as a goal ("phấn
// đấu có 05 xã", "Mục tiêu …: xây dựng 05 xã", "Kế hoạch … giao …") is no
// known fact: the task that works toward it keeps its target.
func TestKnownCountGoalInOpening(t *testing.T) {
	const task = "1. Phòng Nông nghiệp huyện chủ trì hướng dẫn xây dựng 05 xã đạt chuẩn nông thôn mới trong năm 2025."
	for _, c := range []struct{ opening, want string }{
		{"Năm 2025, huyện phấn đấu có 05 xã đạt chuẩn nông thôn mới.", "= 5 xã"},
		{"Mục tiêu năm 2025: xây dựng 05 xã đạt chuẩn nông thôn mới.", "= 5 xã"},
		{"Kế hoạch năm 2025 giao huyện hoàn thành 05 xã đạt chuẩn nông thôn mới.", "= 5 xã"},
		{"Tỉnh đã giao huyện 05 xã đạt chuẩn nông thôn mới trong năm nay.", "= 5 xã"},
		// A fact stays known, also after a goal in an earlier sentence
		// and with "giáo" (not "giao") before the count.
		{"Trên địa bàn huyện hiện có 05 xã đạt chuẩn nông thôn mới chưa được công nhận lại.", ""},
		{"Huyện phấn đấu giữ vững kết quả. Hiện có 05 xã đạt chuẩn nông thôn mới chưa được công nhận lại.", ""},
		{"Theo ngành giáo dục, hiện có 05 xã đạt chuẩn nông thôn mới chưa được công nhận lại.", ""},
	} {
		text := "ỦY BAN NHÂN DÂN\nHUYỆN TÂN PHÚ\nSố: 88/UBND-NN\nV/v xây dựng nông thôn mới năm 2025\n" +
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Phú, ngày 10 tháng 3 năm 2025\n" +
			"Kính gửi:\n- Phòng Nông nghiệp huyện;\n- UBND các xã.\n" + c.opening +
			" Để thực hiện, Chủ tịch UBND huyện yêu cầu:\n" + task + "\n" +
			"Các đơn vị báo cáo kết quả về UBND huyện trước ngày 30/11/2025./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nLê Văn An\n"
		r := Parse(text, nil)
		var got []string
		for _, g := range r26Tasks(r) {
			_, ts, _ := strings.Cut(g, " : ")
			got = append(got, ts)
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q: targets %q, want %q", c.opening, got, c.want)
		}
	}
}

// TestDistinctWordClash: a unit whose name lacks a distinctive word of the
// name sought while holding one the name lacks ("UBND xã An Bình" for
// "UBND xã Hòa Bình") loses to a unit that has every distinctive word,
// however many generic words it shares. Abbreviations, a trailing level
// word, a longer registry name and a lone unit written with a typo match
// as before.
func TestDistinctWordClash(t *testing.T) {
	for _, c := range []struct {
		registry []string
		name     string
		want     string // "" for no match
	}{
		{[]string{"Xã Hòa Bình", "UBND xã An Bình"}, "UBND xã Hòa Bình", "Xã Hòa Bình"},
		{[]string{"UBND xã An Bình", "Xã Hòa Bình"}, "UBND xã Hòa Bình", "Xã Hòa Bình"},
		{[]string{"Phường Tân Định", "UBND phường Tân Hưng"}, "UBND phường Tân Định", "Phường Tân Định"},
		{[]string{"Thị trấn Phú Xuân", "Ủy ban nhân dân thị trấn Phú Thứ"}, "UBND thị trấn Phú Xuân", "Thị trấn Phú Xuân"},
		// Left alone.
		{[]string{"UBND xã An Bình", "Xã Hòa Bình"}, "UBND xã An Bình", "UBND xã An Bình"},
		{[]string{"Phòng Tài chính - Kế hoạch", "Phòng Kinh tế và Hạ tầng"}, "Phòng TC-KH", "Phòng Tài chính - Kế hoạch"},
		{[]string{"Phòng Nội vụ", "Phòng Tư pháp"}, "Phòng Nội vụ huyện", "Phòng Nội vụ"},
		{[]string{"Trung tâm Y tế huyện Tân Phú", "Trung tâm Văn hóa huyện Tân Phú"}, "Trung tâm Y tế", "Trung tâm Y tế huyện Tân Phú"},
		{[]string{"Phòng Tài chính - Kế hoạch"}, "Phòng Tài chánh - Kế hoạch", "Phòng Tài chính - Kế hoạch"},
	} {
		var units []tiendo.Unit
		for i, n := range c.registry {
			units = append(units, tiendo.Unit{Code: fmt.Sprint("u", i), Name: n})
		}
		got := ""
		if code, ok := MatchUnit(c.name, units); ok {
			for _, u := range units {
				if u.Code == code {
					got = u.Name
				}
			}
		}
		if got != c.want {
			t.Errorf("%q in %q: matched %q, want %q", c.name, c.registry, got, c.want)
		}
	}
}

// TestUBMTTQHead: "UBMTTQ" (Ủy ban Mặt trận Tổ quốc) opens a unit's name
// as "MTTQ" and "Ủy ban MTTQ" do, so "Đề nghị UBMTTQ phường và các đoàn
// thể …" has two leads; a task with no such name is read as before.
func TestUBMTTQHead(t *testing.T) {
	for _, c := range []struct{ item, want string }{
		{"1. Đề nghị UBMTTQ phường và các đoàn thể chính trị - xã hội phường vận động ít nhất 200 hộ tham gia.", "1 UBMTTQ phường; các đoàn thể chính trị - xã hội phường /  : >= 200 hộ"},
		{"1. UBMTTQ phường chủ trì vận động ít nhất 200 hộ tham gia.", "1 UBMTTQ phường /  : >= 200 hộ"},
		{"1. Đề nghị Ủy ban MTTQ phường và các đoàn thể chính trị - xã hội phường vận động ít nhất 200 hộ tham gia.", "1 Ủy ban MTTQ phường; các đoàn thể chính trị - xã hội phường /  : >= 200 hộ"},
	} {
		text := "ỦY BAN NHÂN DÂN\nPHƯỜNG AN LẠC\nSố: 31/UBND-VP\nV/v vận động xây dựng nhà đại đoàn kết năm 2025\n" +
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Lạc, ngày 05 tháng 8 năm 2025\n" +
			"Kính gửi:\n- Ủy ban Mặt trận Tổ quốc Việt Nam phường;\n- Các đoàn thể chính trị - xã hội phường.\n" +
			"Ủy ban nhân dân phường đề nghị:\n" + c.item + "\n" +
			"Các đơn vị báo cáo kết quả trước ngày 30/11/2025./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nLê Văn An\n"
		got := r26Tasks(Parse(text, nil))
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.item, got, c.want)
		}
	}
}

// r31Plan is a Kế hoạch of a Sở with its items put in place of "%s".
const r31Plan = "UBND TỈNH BẮC AN\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\nSố: 19/KH-SVHTTDL\nKẾ HOẠCH\nPhát triển du lịch cộng đồng năm 2026\n" +
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc An, ngày 08 tháng 01 năm 2026\n" +
	"I. MỤC ĐÍCH, YÊU CẦU\nPhát triển du lịch cộng đồng bền vững.\nII. NHIỆM VỤ CỤ THỂ\n%s\n" +
	"III. TỔ CHỨC THỰC HIỆN\nCác đơn vị báo cáo kết quả thực hiện năm 2026 trước ngày 20/11/2026./.\n" +
	"Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nHà Văn Nam\n"

// TestLeadTableGroupRow: a group row of a task table with a lead column
// ("IV ⇥ Kinh phí, theo dõi") only gathers rows that name their own
// leads: its opening words, a section's that gives no task ("Kinh phí",
// "Thời gian"), do not drop them. A "Kinh phí" item outside a table gives
// no task as before.
func TestLeadTableGroupRow(t *testing.T) {
	const table = "STT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian\n" +
		"I\tQuảng bá\t\t\t\n" +
		"1\tTổ chức ít nhất 03 đoàn famtrip\tPhòng Quản lý du lịch\tTrung tâm Thông tin xúc tiến du lịch\tQuý II/2026\n" +
		"II\tKinh phí và tổng hợp\t\t\t\n" +
		"2\tTham mưu bố trí kinh phí tối thiểu 1,5 tỷ đồng\tPhòng Kế hoạch - Tài chính\tSở Tài chính\tQuý I/2026\n" +
		"3\tTổng hợp, báo cáo kết quả thực hiện\tVăn phòng Sở\t-\tTháng 12/2026\n"
	got := r26Tasks(Parse(fmt.Sprintf(r31Plan, table), nil))
	want := []string{
		"1 Phòng Quản lý du lịch / Trung tâm Thông tin xúc tiến du lịch : >= 3 đoàn",
		"2 Phòng Kế hoạch - Tài chính / Sở Tài chính : >= 1.5 tỷ đồng",
		"3 Văn phòng Sở /  : ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("group row \"Kinh phí …\":\n got %q\nwant %q", got, want)
	}
	// Left alone: a numbered "Kinh phí" item of prose.
	const prose = "1. Phòng Quản lý du lịch tổ chức ít nhất 03 đoàn famtrip.\n2. Kinh phí thực hiện: từ nguồn ngân sách tỉnh năm 2026, tối thiểu 1,5 tỷ đồng.\n"
	got = r26Tasks(Parse(fmt.Sprintf(r31Plan, prose), nil))
	if len(got) != 1 || !strings.HasPrefix(got[0], "1 ") {
		t.Errorf("a \"Kinh phí\" item of prose: tasks %q, want task 1 only", got)
	}
}

// TestRemitAfterUnits: units that act "theo chức năng, nhiệm vụ (được
// giao)", "theo thẩm quyền" end before it, in prose after "Giao", in a
// closing parenthesis and in a table's lead cell; what follows the remit
// ("phối hợp với Y") is read as before.
func TestRemitAfterUnits(t *testing.T) {
	for _, c := range []struct{ item, want string }{
		{"1. Giao Sở Xây dựng, Sở Công Thương theo chức năng, nhiệm vụ được giao phối hợp với UBND các huyện kiểm tra ít nhất 20 công trình.",
			"1 Sở Xây dựng; Sở Công Thương / UBND các huyện : >= 20 công trình"},
		{"1. Kiểm tra ít nhất 20 công trình (Sở Xây dựng, Sở Công Thương theo thẩm quyền).",
			"1 Sở Xây dựng; Sở Công Thương /  : >= 20 công trình"},
		{"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\n1\tKiểm tra ít nhất 20 công trình\tSở Xây dựng, Sở Công Thương (theo chức năng, nhiệm vụ)\tUBND các huyện\n",
			"1 Sở Xây dựng; Sở Công Thương / UBND các huyện : >= 20 công trình"},
		// Left alone.
		{"1. Sở Xây dựng chủ trì, phối hợp với Sở Công Thương kiểm tra ít nhất 20 công trình.",
			"1 Sở Xây dựng / Sở Công Thương : >= 20 công trình"},
	} {
		got := r26Tasks(Parse(fmt.Sprintf(r31Plan, c.item), nil))
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.item, got, c.want)
		}
	}
}

// TestTwoWordCountUnits: "chuyên mục" and the owners "chủ rừng", "chủ đầu
// tư", "chủ hộ" are counted whole; "chuyên" and "chủ" alone count
// nothing. Listed units and the one-word rule read as before.
func TestTwoWordCountUnits(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Phát sóng ít nhất 24 chuyên mục về du lịch.", ">= 24 chuyên mục"},
		{"Kiểm tra ít nhất 15 chủ rừng là hộ gia đình.", ">= 15 chủ rừng"},
		{"Đôn đốc 06 chủ đầu tư giải ngân vốn.", "= 6 chủ đầu tư"},
		{"Hỗ trợ ít nhất 40 chủ hộ kinh doanh.", ">= 40 chủ hộ"},
		{"Phát sóng ít nhất 24 phóng sự về du lịch.", ">= 24 phóng sự"},
		{"Trồng mới ít nhất 30 ha rừng.", ">= 30 ha"},
	} {
		var got []string
		for _, x := range targets(c.text) {
			got = append(got, fmt.Sprintf("%s %g %s", x.Comparator, x.Value, x.Unit))
		}
		if strings.Join(got, "; ") != c.want {
			t.Errorf("%q: targets %q, want %q", c.text, got, c.want)
		}
	}
}

// TestGrassrootsGroupKind: "cơ sở" after a kind written in small letters
// in a group ("Các đảng ủy, chi bộ cơ sở") is its level, as "huyện" would
// be: one group. A named unit after the comma stays a unit of its own.
func TestGrassrootsGroupKind(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Các đảng ủy, chi bộ cơ sở", []string{"Các đảng ủy, chi bộ cơ sở"}},
		{"Các chi bộ, đảng bộ cơ sở", []string{"Các chi bộ, đảng bộ cơ sở"}},
		{"Các đảng ủy, chi bộ trực thuộc", []string{"Các đảng ủy, chi bộ trực thuộc"}},
		{"Các đảng ủy, Chi bộ Trường THPT Lê Lợi", []string{"Các đảng ủy", "Chi bộ Trường THPT Lê Lợi"}},
	} {
		if got := splitUnits(c.in); !slices.Equal(got, c.want) {
			t.Errorf("splitUnits(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
