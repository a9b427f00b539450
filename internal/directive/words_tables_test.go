package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestOrdinalLabels: items numbered in words, "Thứ nhất, ..." and "Hai là,
// ...", are labelled as written; the weekday "Thứ hai, ngày ..." is no
// label.
func TestOrdinalLabels(t *testing.T) {
	for _, c := range []struct {
		in    string
		label string
		ok    bool
	}{
		{"Thứ nhất, về công tác cán bộ: giao Phòng Nội vụ rà soát", "Thứ nhất", true},
		{"Thứ mười hai: Công an phường tăng cường tuần tra", "Thứ mười hai", true},
		{"Hai là, Ủy ban nhân dân các xã rà soát hộ nghèo", "Hai là", true},
		{"THỨ BA. Đẩy mạnh cải cách hành chính", "THỨ BA", true},
		{"Thứ hai, ngày 20/11/2025 họp giao ban", "", false},
		{"Thứ hai tuần sau họp giao ban", "", false},
	} {
		l, ok := parseLabel(c.in)
		if ok != c.ok || ok && (l.kind != number || l.label != c.label) {
			t.Errorf("parseLabel(%q) = %q %v, want %q %v", c.in, l.label, ok, c.label, c.ok)
		}
	}

	src := "Kính gửi: Phòng Kinh tế; Công an xã.\n\n" +
		"Thứ nhất, giao Phòng Kinh tế hướng dẫn các thôn gieo trồng, bảo đảm diện tích đạt 300 ha trở lên.\n\n" +
		"Thứ hai, giao Công an xã bảo đảm an ninh, trật tự; giảm ít nhất 5% số vụ phạm pháp hình sự so với cùng kỳ.\n\n" +
		"Các đơn vị báo cáo kết quả trước ngày 20/11/2025.\n"
	r := Parse(src, nil)
	var got []string
	for _, tk := range r.Tasks {
		got = append(got, tk.Label+": "+firstOf(roleNames(tk, "lead"))+" "+firstTarget(tk))
	}
	want := []string{"Thứ nhất: Phòng Kinh tế >= 300 ha", "Thứ hai: Công an xã >= 5 %"}
	if !slices.Equal(got, want) {
		t.Errorf("tasks %q, want %q", got, want)
	}
}

// TestPlacesTable: a table of places by indicators ("Xã, phường | Tỷ lệ
// ... tối thiểu (%) | ... (người)") gives each place its targets; the sum
// row is no one's task.
func TestPlacesTable(t *testing.T) {
	src := "Điều 1. Giao chỉ tiêu năm 2026 cho các xã (chi tiết tại Phụ lục).\n\n" +
		"| TT | Tên xã/phường | Tỷ lệ thu gom rác thải tối thiểu (%) | Số lao động được đào tạo nghề (người) |\n" +
		"|---|---|---|---|\n" +
		"| 1 | Xã Đông Hòa | 85 | 120 |\n" +
		"| 2 | Phường Tây Sơn | 95 | 80 |\n" +
		"| | Toàn huyện | | 200 |\n"
	r := Parse(src, nil)
	var got []string
	for _, tk := range r.Tasks {
		line := tk.Label + " " + firstOf(roleNames(tk, "lead")) + ":"
		for _, g := range tk.Targets {
			line += " " + targetString(g)
		}
		got = append(got, line)
	}
	want := []string{"1 Xã Đông Hòa: >= 85 % = 120 người", "2 Phường Tây Sơn: >= 95 % = 80 người"}
	if !slices.Equal(got, want) {
		t.Errorf("tasks %q, want %q", got, want)
	}
	for _, h := range []string{"xa, thi tran", "ten huyen/thanh pho", "xa, phuong va dac khu"} {
		if !placesHead(h) {
			t.Errorf("placesHead(%q) = false", h)
		}
	}
	for _, h := range []string{"noi dung", "xa hoi hoa", "ten chi tieu"} {
		if placesHead(h) {
			t.Errorf("placesHead(%q) = true", h)
		}
	}
}

// TestChaseLetter: a letter chasing late reports recalls the missed
// deadline and the document that set it ("Ngày D, UBND huyện ban hành
// Công văn số N ... trước ngày X") and sets a new one in its items; the
// new one is the round's, the cited letter its basis with its date, and
// "UBND các xã A, B" is each commune the letter was sent to.
func TestChaseLetter(t *testing.T) {
	src := "ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG SƠN\nSố: 910/UBND-VP\nĐông Sơn, ngày 20 tháng 6 năm 2025\n\n" +
		"Kính gửi:\n- Phòng Nội vụ;\n- Ủy ban nhân dân xã Đông Hòa;\n- Ủy ban nhân dân xã Đông Minh.\n\n" +
		"Ngày 02/6/2025, Ủy ban nhân dân huyện ban hành Công văn số 845/UBND-VP yêu cầu các đơn vị gửi báo cáo 6 tháng đầu năm 2025 trước ngày 15/6/2025. Đến nay còn 03 đơn vị chưa gửi.\n\n" +
		"1. Phòng Nội vụ và Ủy ban nhân dân các xã Đông Hòa, Đông Minh khẩn trương hoàn thành báo cáo, gửi về Ủy ban nhân dân huyện trước 16 giờ 00 ngày 24/6/2025.\n"
	r := Parse(src, nil)
	if r.Deadline == nil || *r.Deadline != (Deadline{Date: "2025-06-24", Time: "16:00", Relation: "before"}) {
		t.Errorf("deadline %+v, want before 16:00 on 2025-06-24", r.Deadline)
	}
	if len(r.Basis) != 1 || r.Basis[0].Ref != "845/UBND-VP" || r.Basis[0].Date != "2025-06-02" {
		t.Errorf("basis %+v, want 845/UBND-VP of 2025-06-02", r.Basis)
	}
	if len(r.Tasks) != 1 {
		t.Fatalf("tasks %+v", r.Tasks)
	}
	want := []string{"Phòng Nội vụ", "Ủy ban nhân dân xã Đông Hòa", "Ủy ban nhân dân xã Đông Minh"}
	if got := roleNames(r.Tasks[0], "lead"); !slices.Equal(got, want) {
		t.Errorf("leads %q, want %q", got, want)
	}

	// Without a Kính gửi that names them one by one, each commune is
	// still its own unit; and a past date that is the only one is kept,
	// and warned.
	src = "ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG SƠN\nSố: 911/UBND-VP\nĐông Sơn, ngày 20 tháng 6 năm 2025\n\n" +
		"1. Phòng Nội vụ phối hợp với UBND các xã Đông Hòa, Đông Minh rà soát biên chế.\n\n" +
		"Báo cáo gửi về Ủy ban nhân dân huyện trước ngày 15/6/2025.\n"
	r = Parse(src, nil)
	if len(r.Tasks) != 1 || !slices.Equal(roleNames(r.Tasks[0], "support"), []string{"UBND xã Đông Hòa", "UBND xã Đông Minh"}) {
		t.Errorf("tasks %+v, want one supported by each commune", r.Tasks)
	}
	warned := false
	for _, w := range r.Warnings {
		warned = warned || w.Code == WarnDeadlineNotAfter
	}
	if r.Deadline == nil || r.Deadline.Date != "2025-06-15" || !warned {
		t.Errorf("deadline %+v, warned %v; want 2025-06-15, warned", r.Deadline, warned)
	}
}

// TestOneParagraphLetter: a letter whose one task is one paragraph keeps
// every clause of it up to the sentence that sends the report, and starts
// at the clause that asks, after the basis.
func TestOneParagraphLetter(t *testing.T) {
	src := "Kính gửi: Trạm Y tế xã.\n\n" +
		"Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND xã, UBND xã đề nghị Trạm Y tế xã báo cáo kết quả tiêm chủng quý I năm 2026: tỷ lệ tiêm chủng đầy đủ đạt trên 95%; giảm ít nhất 10% số ca mắc sốt xuất huyết so với cùng kỳ; 100% trường học được kiểm tra vệ sinh. Báo cáo gửi về UBND xã trước ngày 25/3/2026.\n"
	r := Parse(src, nil)
	if len(r.Tasks) != 1 {
		t.Fatalf("tasks %+v", r.Tasks)
	}
	tk := r.Tasks[0]
	var got []string
	for _, g := range tk.Targets {
		got = append(got, targetString(g))
	}
	if want := []string{"> 95 %", ">= 10 %", "= 100 %"}; !slices.Equal(got, want) {
		t.Errorf("targets %q, want %q", got, want)
	}
	if want := "UBND xã đề nghị Trạm Y tế xã báo cáo"; len(tk.Text) < len(want) || tk.Text[:len(want)] != want {
		t.Errorf("text %q, want it to start %q", tk.Text, want)
	}
}

// TestTabCellsOverLines: a tab table whose cells held several paragraphs
// (one line each when Word writes text) is read row by row.
func TestTabCellsOverLines(t *testing.T) {
	raw := []string{
		"TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian",
		"1\tRà soát thủ tục hành chính.",
		"Công bố kết quả trên Cổng thông tin.\tSở Tư pháp\tSở Nội vụ;",
		"Văn phòng UBND tỉnh\tQuý II/2026",
		"2\tSố hóa hồ sơ\tVăn phòng UBND tỉnh\tSở Tư pháp\tQuý III/2026",
		"",
		"1.\tGiao Sở Y tế báo cáo.",
		"Nội dung báo cáo gồm kết quả tiêm chủng.",
	}
	joinTabCells(raw)
	want := []string{
		"TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian",
		"1\tRà soát thủ tục hành chính. Công bố kết quả trên Cổng thông tin.\tSở Tư pháp\tSở Nội vụ; Văn phòng UBND tỉnh\tQuý II/2026",
		"", "",
		"2\tSố hóa hồ sơ\tVăn phòng UBND tỉnh\tSở Tư pháp\tQuý III/2026",
		"",
		"1.\tGiao Sở Y tế báo cáo.",
		"Nội dung báo cáo gồm kết quả tiêm chủng.",
	}
	if !slices.Equal(raw, want) {
		t.Errorf("joined\n%q\nwant\n%q", raw, want)
	}
}

// TestPandocPlan: a plan converted from Word by pandoc ("**bold**", "1\.",
// "\-" escapes), whose short headings follow the subject and whose
// "Tổ chức thực hiện" heads each unit's bullets with the unit's name alone.
func TestPandocPlan(t *testing.T) {
	src := "UBND TỈNH A\n\n**SỞ NỘI VỤ**\n\nSố: 15/KH-SNV\n\n*A, ngày 10 tháng 02 năm 2026*\n\n**KẾ HOẠCH**\n\n**Công tác văn thư, lưu trữ năm 2026**\n\n" +
		"**I. MỤC ĐÍCH**\n\nBảo đảm hồ sơ được lưu trữ đầy đủ.\n\n**II. TỔ CHỨC THỰC HIỆN**\n\n" +
		"**1\\. Văn phòng Sở**\n\n\\- Chủ trì hướng dẫn nghiệp vụ văn thư.\n\n\\- Số hóa ít nhất 80% hồ sơ lưu trữ.\n\n" +
		"**2\\. Các đơn vị trực thuộc Sở**\n\n-   Nộp lưu hồ sơ đúng hạn; bảo đảm 100% hồ sơ được lập đúng quy định.\n\n" +
		"**III. CHẾ ĐỘ BÁO CÁO**\n\nCác đơn vị báo cáo kết quả gửi về Sở Nội vụ trước ngày 25/11/2026.\n"
	r := Parse(src, nil)
	got := summaries(r, "label", "lead", "text", "targets")
	want := []string{
		"|Văn phòng Sở|Chủ trì hướng dẫn nghiệp vụ văn thư",
		"|Văn phòng Sở|Số hóa ít nhất 80% hồ sơ lưu trữ|>= 80 %",
		"|Các đơn vị trực thuộc Sở|Nộp lưu hồ sơ đúng hạn; bảo đảm 100% hồ sơ được lập đúng quy định|= 100 %",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}
	if r.Subject != "Công tác văn thư, lưu trữ năm 2026" || r.Issuer != "SỞ NỘI VỤ" {
		t.Errorf("subject %q, issuer %q", r.Subject, r.Issuer)
	}
}

// TestDecisionWithAttachedPlan: a Quyết định that issues a Kế hoạch "kèm
// theo" has its work in the plan, after the signature and the plan's own
// header: the plan's items are the tasks and its reporting date the
// deadline; the plan's header is no part of the decision's signature.
func TestDecisionWithAttachedPlan(t *testing.T) {
	src := "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 88/QĐ-UBND\nAn Phú, ngày 05 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\nBan hành Kế hoạch phòng, chống dịch bệnh năm 2026\n\n" +
		"ỦY BAN NHÂN DÂN XÃ AN PHÚ\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch bệnh năm 2026.\n" +
		"Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn Bình\n\n" +
		"ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKẾ HOẠCH\nPhòng, chống dịch bệnh năm 2026\n" +
		"(Ban hành kèm theo Quyết định số 88/QĐ-UBND ngày 05/3/2026 của UBND xã An Phú)\n\n" +
		"I. NHIỆM VỤ\n1. Trạm Y tế xã\nGiám sát dịch bệnh; bảo đảm tỷ lệ tiêm chủng đầy đủ đạt trên 95%.\n2. Công an xã\nPhối hợp kiểm tra vệ sinh an toàn thực phẩm tại ít nhất 10 cơ sở.\n\n" +
		"II. TỔ CHỨC THỰC HIỆN\nCác đơn vị báo cáo kết quả về Ủy ban nhân dân xã trước ngày 10/12/2026.\n"
	r := Parse(src, nil)
	got := summaries(r, "label", "lead", "targets")
	if want := []string{"1|Trạm Y tế xã|> 95 %", "2|Công an xã|>= 10 cơ sở"}; !slices.Equal(got, want) {
		t.Errorf("tasks %q, want %q", got, want)
	}
	if r.Deadline == nil || r.Deadline.Date != "2026-12-10" {
		t.Errorf("deadline %+v, want 2026-12-10", r.Deadline)
	}
	if r.Signer.Name != "Trần Văn Bình" || r.Signer.Title != "CHỦ TỊCH" || !slices.Equal(r.Distribution, []string{"Như Điều 2", "Lưu: VT"}) {
		t.Errorf("signer %+v, distribution %q", r.Signer, r.Distribution)
	}
}

// TestGridTable: a grid table as pandoc draws one, its cells wrapped over
// several lines between borders, is read one row per task.
func TestGridTable(t *testing.T) {
	src := "Kính gửi: Chi cục Thủy lợi; Công ty Thủy lợi tỉnh.\n\nSở đề nghị các đơn vị thực hiện các nhiệm vụ sau:\n\n" +
		"+----+---------------------------+-----------------+-------------+\n" +
		"| TT | Nội dung                  | Đơn vị chủ trì  | Phối hợp    |\n" +
		"+====+===========================+=================+=============+\n" +
		"| 1  | Kiểm tra an toàn 100% hồ  | Công ty Thủy    | Chi cục     |\n" +
		"|    | chứa trước mùa mưa.       | lợi tỉnh        | Thủy lợi    |\n" +
		"+----+---------------------------+-----------------+-------------+\n" +
		"| 2  | Tổng hợp báo cáo của các  | Chi cục Thủy    |             |\n" +
		"|    | đơn vị.                   | lợi             |             |\n" +
		"+----+---------------------------+-----------------+-------------+\n\n" +
		"Các đơn vị báo cáo về Sở trước ngày 05/11/2025.\n"
	r := Parse(src, nil)
	got := summaries(r, "label", "text", "lead", "support")
	want := []string{
		"1|Kiểm tra an toàn 100% hồ chứa trước mùa mưa|Công ty Thủy lợi tỉnh|Chi cục Thủy lợi",
		"2|Tổng hợp báo cáo của các đơn vị|Chi cục Thủy lợi|",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}
}

// TestPartsByAddressee: "II. ĐỐI VỚI ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG" gives
// the items under it to that addressee, not to everyone the letter asks;
// a unit's name heading a paragraph that opens with what it reports on
// ("Tình hình ...", "Số hồ sơ ...") is its lead.
func TestPartsByAddressee(t *testing.T) {
	src := "Kính gửi:\n- Thư viện tỉnh;\n- Ủy ban nhân dân các xã, phường;\n- Công an tỉnh.\n\n" +
		"Sở đề nghị các cơ quan, đơn vị báo cáo như sau:\n" +
		"I. ĐỐI VỚI THƯ VIỆN TỈNH\n1. Luân chuyển sách tối thiểu 10.000 bản.\n" +
		"II. ĐỐI VỚI ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG\n2. Tỷ lệ gia đình văn hóa đạt từ 85% trở lên.\n" +
		"3. Công an tỉnh\nTình hình an ninh, trật tự; giảm ít nhất 5% số vụ phạm pháp hình sự so với cùng kỳ.\n\n" +
		"Báo cáo gửi về Sở trước ngày 15/6/2026.\n"
	r := Parse(src, nil)
	got := summaries(r, "label", "lead", "text")
	want := []string{
		"1|Thư viện tỉnh|Luân chuyển sách tối thiểu 10.000 bản",
		"2|Ủy ban nhân dân các xã, phường|Tỷ lệ gia đình văn hóa đạt từ 85% trở lên",
		"3|Công an tỉnh|Tình hình an ninh, trật tự; giảm ít nhất 5% số vụ phạm pháp hình sự so với cùng kỳ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}
}

// TestDashTables: the tables pandoc writes as plain text, columns cut at
// the dash runs under the header, a cell wrapped within its column; a
// lead cell left empty by a merge in Word is the lead of the row above.
func TestDashTables(t *testing.T) {
	src := "Kính gửi: Phòng Nội vụ; Phòng Tư pháp.\n\nUBND huyện giao nhiệm vụ như sau:\n\n" +
		"  ----------------------------------------------------\n" +
		"  TT   Nhiệm vụ            Đơn vị chủ   Đơn vị phối\n" +
		"                           trì          hợp\n" +
		"  ---- ------------------- ------------ -------------\n" +
		"  1    Rà soát thủ tục     Phòng Nội    Phòng Tư\n" +
		"       hành chính; công    vụ           pháp\n" +
		"       khai 100% thủ tục\n" +
		"\n" +
		"  2    Số hóa ít nhất 80%               Văn phòng\n" +
		"       hồ sơ lưu trữ                    HĐND và UBND\n" +
		"  ----------------------------------------------------\n\n" +
		"Báo cáo gửi về UBND huyện trước ngày 05/12/2025.\n"
	r := Parse(src, nil)
	got := summaries(r, "label", "text", "lead", "support", "targets")
	want := []string{
		"1|Rà soát thủ tục hành chính; công khai 100% thủ tục|Phòng Nội vụ|Phòng Tư pháp|= 100 %",
		"2|Số hóa ít nhất 80% hồ sơ lưu trữ|Phòng Nội vụ|Văn phòng HĐND và UBND|>= 80 %",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}

	// A simple table: a row a line, ended by a blank line; a layout of two
	// columns with no header is left as it is.
	raw := []string{
		"  TT   Nội dung          Đơn vị chủ trì",
		"  ---- ----------------- ---------------",
		"  1    Rà soát biên chế  Phòng Nội vụ",
		"  2    Kiểm tra hồ sơ    Phòng Tư pháp",
		"",
		"  ------------ ------------",
		"  Nơi nhận:    KT. CHỦ TỊCH",
		"  ------------ ------------",
	}
	joinDashTables(raw)
	wantRaw := []string{
		"| TT | Nội dung | Đơn vị chủ trì |", "",
		"| 1 | Rà soát biên chế | Phòng Nội vụ |",
		"| 2 | Kiểm tra hồ sơ | Phòng Tư pháp |",
		"",
		"  ------------ ------------",
		"  Nơi nhận:    KT. CHỦ TỊCH",
		"  ------------ ------------",
	}
	if !slices.Equal(raw, wantRaw) {
		t.Errorf("simple table\n%q\nwant\n%q", raw, wantRaw)
	}
}

// TestCommuneLevelUnits: a commune gives work to its thôn and tổ dân phố:
// "Các thôn, tổ dân phố" is one group, "Các thôn A, B" and "Các tổ dân
// phố 1, 2 và 5" are each one; the figures' end ("số liệu đến hết ngày")
// is no deadline beside "trước 10h00' ngày ...".
func TestCommuneLevelUnits(t *testing.T) {
	src := "Kính gửi: Các thôn, tổ dân phố; Công an xã.\n\n" +
		"1. Các thôn, tổ dân phố: vận động người dân tham gia bảo hiểm y tế.\n" +
		"2. Các thôn Đông Hà, Tây Sơn: hoàn thành 10/10 tiêu chí thôn kiểu mẫu.\n" +
		"3. Các tổ dân phố 1, 2 và 5: lắp đặt tối thiểu 1,5 km đèn chiếu sáng.\n" +
		"4. Công an xã chủ trì, phối hợp với các thôn, tổ dân phố bảo đảm an ninh, trật tự.\n\n" +
		"Báo cáo kết quả năm 2025 (số liệu đến hết ngày 10/12/2025) gửi về UBND xã trước 10h00' ngày 15/12/2025.\n"
	r := Parse(src, nil)
	got := summaries(r, "label", "lead", "support")
	want := []string{
		"1|Các thôn, tổ dân phố|",
		"2|thôn Đông Hà;thôn Tây Sơn|",
		"3|tổ dân phố 1;tổ dân phố 2;tổ dân phố 5|",
		"4|Công an xã|các thôn, tổ dân phố",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}
	if r.Deadline == nil || *r.Deadline != (Deadline{Date: "2025-12-15", Time: "10:00", Relation: "before"}) {
		t.Errorf("deadline %+v, want before 10:00 on 2025-12-15", r.Deadline)
	}
}

// TestAddresseesByName: units that open like no unit's name ("Viễn thông
// Gia Lai, Viettel Gia Lai") are the addressees they name, each.
func TestAddresseesByName(t *testing.T) {
	src := "Kính gửi:\n- Viễn thông Gia Lai;\n- Viettel Gia Lai;\n- Sở Văn hóa, Thể thao và Du lịch.\n\n" +
		"1. Viễn thông Gia Lai, Viettel Gia Lai: phát triển ít nhất 6.000 thuê bao cáp quang.\n" +
		"2. Sở Văn hóa, Thể thao và Du lịch: tổ chức ít nhất 02 hội thi.\n\nBáo cáo gửi trước ngày 12/3/2026.\n"
	r := Parse(src, nil)
	var got []string
	for _, tk := range r.Tasks {
		got = append(got, strings.Join(roleNames(tk, "lead"), ";"))
	}
	if want := []string{"Viễn thông Gia Lai;Viettel Gia Lai", "Sở Văn hóa, Thể thao và Du lịch"}; !slices.Equal(got, want) {
		t.Errorf("leads %q, want %q", got, want)
	}
}

// TestTaskFieldLines: "Nhiệm vụ N:" headings over their paragraph and the
// lines "Đơn vị chủ trì: X." and "Đơn vị phối hợp: Y; Z." take their
// units from those lines, the supporting list going on past ";".
func TestTaskFieldLines(t *testing.T) {
	src := "Sở Y tế ban hành Kế hoạch như sau:\n\nIII. NHIỆM VỤ\n\n" +
		"Nhiệm vụ 1: Giám sát dịch bệnh\nXử lý kịp thời 100% ổ dịch được phát hiện.\n" +
		"Đơn vị chủ trì: Trung tâm Kiểm soát bệnh tật tỉnh.\nĐơn vị phối hợp: Trạm Y tế các xã; Bệnh viện Đa khoa tỉnh.\nThời gian: Năm 2026.\n\n" +
		"Nhiệm vụ 2: Dự trữ thuốc\nBảo đảm đủ thuốc cho ít nhất 500 bệnh nhân.\nĐơn vị chủ trì: Phòng Nghiệp vụ Dược.\nĐơn vị phối hợp: -\n\n" +
		"IV. CHẾ ĐỘ BÁO CÁO\nCác đơn vị báo cáo gửi về Sở Y tế trước ngày 05/12/2026.\n"
	r := Parse(src, nil)
	got := summaries(r, "label", "lead", "support", "targets")
	want := []string{
		"1|Trung tâm Kiểm soát bệnh tật tỉnh|Trạm Y tế các xã;Bệnh viện Đa khoa tỉnh|= 100 %",
		"2|Phòng Nghiệp vụ Dược||>= 500 bệnh nhân",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}
}

// TestTableJoinersStayLinear: the joiners of wrapped table rows are
// bounded on hostile text (a rule of thousands of columns, a grid row or
// a dash row of tens of thousands of lines, a tab row followed by lines
// without tabs): a guard against a quadratic slip (stayLinear).
func TestTableJoinersStayLinear(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	inputs := map[string]func(n int) string{
		"wide rule": func(n int) string {
			return "TT Nội dung\n" + strings.Repeat("-- ", n/350) + "\n" + strings.Repeat("x\n", n/2)
		},
		"tall grid row": func(n int) string { return "+---+---+\n" + strings.Repeat("| x | y |\n", n/10) },
		"tall dash row": func(n int) string {
			return strings.Repeat("-", 40) + "\nTT  Nội dung  Chủ trì\n--  --------  -------\n" + strings.Repeat("1   việc      Phòng A\n", n/22)
		},
		"tab row, lines": func(n int) string {
			return "TT\tNội dung\tChủ trì\nx\ty\n" + strings.Repeat("dòng không có tab\n", n/18)
		},
		"page heads": pagesWithHeads,
		"mail headers": func(n int) string {
			return strings.Repeat("From: a\nTo: b\n", n/14) + "UBND XÃ A\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		},
	}
	for name, build := range inputs {
		stayLinear(t, name, 256<<10, build)
	}
}

// pagesWithHeads is n bytes of PDF pages, each with its foot mark, its
// number and a running head, numbered on, so that every break is marked.
func pagesWithHeads(n int) string {
	var b strings.Builder
	for p := 1; b.Len() < n; p++ {
		fmt.Fprintf(&b, "các đơn vị thực hiện nghiêm túc nội dung\nTrang %d/9999\n\f%d\nUBND xã A - Công văn số 1/UBND\n", p, p+1)
	}
	return b.String()
}

// TestJoinersLeaveTextAlone: list items after a Word tab table, a
// letterhead underlined with short rules, "Thứ tự:", a level table and a
// region are read as before the joiners and the new rules.
func TestJoinersLeaveTextAlone(t *testing.T) {
	src := "Kính gửi: Phòng Nội vụ; Phòng Y tế.\n\nĐề nghị các phòng báo cáo:\n" +
		"TT\tNội dung\tChủ trì\n1\tRà soát\tPhòng Nội vụ\n" +
		"1.\tPhòng Nội vụ báo cáo số biên chế.\n2.\tPhòng Y tế báo cáo tỷ lệ tiêm chủng đạt 95%.\n"
	r := Parse(src, nil)
	var leads []string
	for _, tk := range r.Tasks {
		leads = append(leads, strings.Join(roleNames(tk, "lead"), ";"))
	}
	if !slices.Contains(leads, "Phòng Y tế") {
		t.Errorf("the list after the table lost its items: leads %q", leads)
	}

	head := "ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
		"HUYỆN HỮU LŨNG                    Độc lập - Tự do - Hạnh phúc\n" +
		"    ----------                    -------------------------\n" +
		"Số: 635/UBND-VP               Hữu Lũng, ngày 02 tháng 6 năm 2022\n" +
		"V/v báo cáo kết quả thực hiện\n\nKính gửi: Phòng Nội vụ.\n\n1. Phòng Nội vụ báo cáo.\n"
	if r := Parse(head, nil); r.Number != "635" || r.Subject == "" {
		t.Errorf("letterhead: number %q subject %q", r.Number, r.Subject)
	}

	if l, ok := parseLabel("Thứ tự: ưu tiên các xã vùng sâu."); ok {
		t.Errorf("\"Thứ tự:\" read as the label %q", l.label)
	}
	if roles := columnRoles([]string{"TT", "Nội dung", "Tỉnh", "Huyện", "Xã"}); slices.Contains(roles, "lead") {
		t.Errorf("a table counting places by level has a lead column: %q", roles)
	}
	p := &parser{res: &Result{}, recip: newUnitMatcher(nil)}
	for text, want := range map[string][]string{
		"Đề nghị Ủy ban nhân dân các tỉnh Tây Nguyên báo cáo":                   {"Ủy ban nhân dân các tỉnh Tây Nguyên"},
		"Giao UBND các xã ĐBKK, ATK rà soát hộ nghèo":                           {"UBND các xã ĐBKK, ATK"},
		"Giao Ban Chỉ đạo đấu tranh phòng, chống tham nhũng huyện tổng hợp":     {"Ban Chỉ đạo đấu tranh phòng, chống tham nhũng huyện"},
		"Chủ trì: Phòng Giáo dục; trường hợp phát sinh báo cáo ngay.":           {"Phòng Giáo dục"},
		"Chủ trì: Phòng Y tế; số liệu gửi về trước ngày 15/12/2025.":            {"Phòng Y tế"},
		"Đơn vị chủ trì: Sở Y tế; Bệnh viện Đa khoa tỉnh. Thời gian: năm 2026.": {"Sở Y tế", "Bệnh viện Đa khoa tỉnh"},
	} {
		if got := p.assignment(text).leads; !slices.Equal(got, want) {
			t.Errorf("%s\n got  %q\n want %q", text, got, want)
		}
	}
	// Lines that repeat, but not each after a page mark, and the first
	// lines of pages that differ, are text.
	pageText := strings.Split("- Như trên;\n- Như trên;\nTrang 1/2\n\f2\nCác xã báo cáo.\n- Như trên;\nTrang 2/2\n\f3\nCác phường báo cáo.", "\n")
	for i, marked := range pageMarks(pageText) {
		if marked && !strings.Contains(pageText[i], "Trang") && !strings.Contains(pageText[i], "\f") {
			t.Errorf("page marks took the text line %q", pageText[i])
		}
	}
	if got := targetStrings("Các đơn vị gửi báo cáo về UBND huyện không quá 05 ngày làm việc kể từ ngày nhận được văn bản này"); len(got) != 0 {
		t.Errorf("a report's term read as targets: %q", got)
	}
}

// firstOf is the first of xs, or "" (a test prints what it got, not a
// panic, when a task has no unit).
func firstOf(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

// firstTarget is a task's first target as targetString writes it, or "".
func firstTarget(tk Task) string {
	if len(tk.Targets) == 0 {
		return ""
	}
	return targetString(tk.Targets[0])
}

// summaries is summary of each of r's tasks.
func summaries(r *Result, fields ...string) []string {
	var out []string
	for _, tk := range r.Tasks {
		out = append(out, summary(tk, fields...))
	}
	return out
}

// summary writes the fields of a task a test compares, joined by "|":
// "label", "text", "lead" and "support" (units joined by ";"), and
// "targets" (each as targetString, one field each).
func summary(tk Task, fields ...string) string {
	var parts []string
	for _, f := range fields {
		switch f {
		case "label":
			parts = append(parts, tk.Label)
		case "text":
			parts = append(parts, tk.Text)
		case "lead", "support":
			parts = append(parts, strings.Join(roleNames(tk, f), ";"))
		case "targets":
			for _, g := range tk.Targets {
				parts = append(parts, targetString(g))
			}
		}
	}
	return strings.Join(parts, "|")
}
