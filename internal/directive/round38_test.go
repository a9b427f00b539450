package directive

import (
	"slices"
	"strings"
	"testing"
)

// The rules of round thirty-eight, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r38Decision is a xã's Quyết định giving the units their targets for
// the next year, with its Phụ lục put in place of "%s".
const r38Decision = "ỦY BAN NHÂN DÂN\nXÃ PHÚ THỊNH\nSố: 215/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú Thịnh, ngày 15 tháng 12 năm 2025\n\n" +
	"QUYẾT ĐỊNH\nVề việc giao chỉ tiêu kế hoạch năm 2026 cho các cơ quan, đơn vị\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHÚ THỊNH\n\n" +
	"Căn cứ Nghị quyết số 21/NQ-HĐND ngày 10/12/2025 của Hội đồng nhân dân xã;\n\nQUYẾT ĐỊNH:\n\n" +
	"Điều 1. Giao chỉ tiêu kế hoạch năm 2026 cho các cơ quan, đơn vị (chi tiết tại Phụ lục kèm theo).\n" +
	"Điều 2. Các cơ quan, đơn vị báo cáo 6 tháng gửi trước ngày 05/6/2026; báo cáo kết quả thực hiện năm 2026 gửi trước ngày 05/12/2026 về Ủy ban nhân dân xã.\n" +
	"Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.\n\n" +
	"Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nCHỦ TỊCH\n\nTrần Văn Bình\n\n" +
	"PHỤ LỤC\nCHỈ TIÊU KẾ HOẠCH NĂM 2026\n%s"

func r38Targets(r *Result) []string {
	return summaries(r, "label", "lead", "targets")
}

// TestSemicolonTable: a Phụ lục saved from a spreadsheet as CSV with the
// Vietnamese list separator (";") and pasted as text is a table: its
// rows are tasks and their figures targets, a quoted field with its ";"
// and doubled quotes one cell. A sentence listing things after "; " is
// no table, nor are two such lines.
func TestSemicolonTable(t *testing.T) {
	head := "STT;Cơ quan thực hiện;Tên chỉ tiêu;Đơn vị tính;Kế hoạch năm 2026;Ghi chú\n"
	for _, c := range []struct {
		name, table string
		want        []string
	}{
		{"one indicator a row",
			head + "1;Phòng Văn hóa - Xã hội;Số lao động được tạo việc làm;người;350;\n2;Trạm Y tế xã;Tỷ lệ bao phủ bảo hiểm y tế;%;96;\n3;Công an xã;Số vụ phạm pháp hình sự;vụ;≤12;\n",
			[]string{"1|Phòng Văn hóa - Xã hội|= 350 người", "2|Trạm Y tế xã|= 96 %", "3|Công an xã|<= 12 vụ"}},
		{"quoted fields",
			head + "1;Phòng Kinh tế;\"Số sản phẩm đạt \"\"OCOP\"\" cấp huyện\";sản phẩm;6;\"Phối hợp: Hội Nông dân; Hội Phụ nữ\"\n2;Trạm Y tế xã;Tỷ lệ tiêm chủng;%;98;\n3;Công an xã;Tỷ lệ khám phá án;%;80;\n",
			[]string{"1|Phòng Kinh tế|= 6 sản phẩm", "2|Trạm Y tế xã|= 98 %", "3|Công an xã|= 80 %"}},
	} {
		if got := r38Targets(Parse(strings.Replace(r38Decision, "%s", c.table, 1), nil)); !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
	// Left alone: prose with semicolons, and two rows only.
	for _, s := range []string{
		"Thành phần: Phòng Kinh tế; Phòng Văn hóa - Xã hội; Trạm Y tế xã; Công an xã.\nĐịa điểm: Hội trường; Nhà văn hóa; Trụ sở; Sân vận động.\nThời gian: sáng; chiều; tối; đêm.\n",
		"1;Phòng Kinh tế;Số sản phẩm;sản phẩm;6;\n2;Trạm Y tế xã;Tỷ lệ tiêm chủng;%;98;\n",
	} {
		raw := strings.Split(s, "\n")
		want := slices.Clone(raw)
		semicolonTables(raw)
		if !slices.Equal(raw, want) {
			t.Errorf("semicolonTables changed %q to %q", want, raw)
		}
	}
}

// TestMergedCellRows: a unit's several indicators in a spreadsheet whose
// number and unit cells were merged down come out with those cells empty
// on every row but the first; those rows are more targets of the unit
// above, each from its plan column. A row that names its own unit is not
// one of them, and a table with every cell filled is read as before.
func TestMergedCellRows(t *testing.T) {
	head := "TT\tĐơn vị\tChỉ tiêu\tĐVT\tThực hiện 2025\tKế hoạch 2026\n"
	for _, c := range []struct {
		name, table string
		want        []string
	}{
		{"tab rows under merged cells",
			head + "1\tPhòng Kinh tế\tGiá trị sản xuất nông nghiệp\ttỷ đồng\t310\t325\n\t\tSố hợp tác xã thành lập mới\thợp tác xã\t2\t3\n\t\tSản phẩm đạt từ 4 sao trở lên\tsản phẩm\t1\t2\n2\tTrạm Y tế xã\tTỷ lệ tiêm chủng\t%\t97\t98\n",
			[]string{"1|Phòng Kinh tế|= 325 tỷ đồng|= 3 hợp tác xã|= 2 sản phẩm", "2|Trạm Y tế xã|= 98 %"}},
		{"semicolon rows under merged cells",
			"TT;Đơn vị;Chỉ tiêu;ĐVT;Thực hiện 2025;Kế hoạch 2026\n1;Công an xã;Tỷ lệ khám phá án;%;78;>80\n;;Số vụ cháy;vụ;5;Giảm ít nhất 20% so với năm 2025\n2;Trạm Y tế xã;Tỷ lệ tiêm chủng;%;97;98\n",
			[]string{"1|Công an xã|> 80 %|>= 20 %", "2|Trạm Y tế xã|= 98 %"}},
		// Left alone: every cell filled.
		{"no merged cells",
			head + "1\tPhòng Kinh tế\tGiá trị sản xuất nông nghiệp\ttỷ đồng\t310\t325\n2\tTrạm Y tế xã\tTỷ lệ tiêm chủng\t%\t97\t98\n",
			[]string{"1|Phòng Kinh tế|= 325 tỷ đồng", "2|Trạm Y tế xã|= 98 %"}},
	} {
		if got := r38Targets(Parse(strings.Replace(r38Decision, "%s", c.table, 1), nil)); !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestYearOfGivenTargets: a Quyết định giving next year's targets,
// signed late in the year before, reports on the year it gives them for:
// its period is that year, and of its reports the year's is the round's
// deadline, not the six-month review on the way. A letter about a year
// to come that gives no targets keeps the period it had.
func TestYearOfGivenTargets(t *testing.T) {
	r := Parse(strings.Replace(r38Decision, "%s", "TT;Đơn vị;Chỉ tiêu;ĐVT;Kế hoạch năm 2026\n1;Trạm Y tế xã;Tỷ lệ tiêm chủng;%;98\n2;Công an xã;Tỷ lệ khám phá án;%;80\n", 1), nil)
	if r.Period == nil || r.Period.Kind != "year" || r.Period.Year != 2026 {
		t.Errorf("period %+v, want the year 2026", r.Period)
	}
	if r.Deadline == nil || r.Deadline.Date != "2026-12-05" {
		t.Errorf("deadline %+v, want 2026-12-05", r.Deadline)
	}
	// Left alone: preparing for a year to come is not reporting on it.
	prep := "ỦY BAN NHÂN DÂN\nXÃ PHÚ THỊNH\nSố: 216/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú Thịnh, ngày 15 tháng 12 năm 2025\n\n" +
		"QUYẾT ĐỊNH\nVề việc thành lập Ban Chỉ đạo Tổng điều tra kinh tế năm 2026\n\nĐiều 1. Thành lập Ban Chỉ đạo.\nĐiều 2. Ban Chỉ đạo báo cáo 6 tháng gửi trước ngày 05/6/2026.\n\nNơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\n\nTrần Văn Bình\n"
	if r := Parse(prep, nil); r.Period != nil && r.Period.Kind == "year" {
		t.Errorf("preparing a census: period %+v, want no year", r.Period)
	}
}

// r38Joint is a joint plan of two Sở under one province, written as
// docx2txt gives it: the header bodies one a line, the two signature
// blocks one after the other (left cell, then right).
const r38Joint = "UBND TỈNH BẮC SƠN\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSỞ CÔNG THƯƠNG\nSố: 88/%s\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Sơn, ngày 02 tháng 3 năm 2026\n\n" +
	"KẾ HOẠCH LIÊN NGÀNH\nKiểm tra vật tư nông nghiệp vụ Xuân năm 2026\n\n" +
	"Thực hiện Kế hoạch số 30/KH-UBND ngày 20/02/2026 của Ủy ban nhân dân tỉnh, hai Sở thống nhất như sau:\n\n" +
	"I. TỔ CHỨC THỰC HIỆN\n1. Chi cục Trồng trọt chủ trì kiểm tra ít nhất 40 cơ sở kinh doanh phân bón.\n2. Chi cục Quản lý thị trường kiểm tra ít nhất 20 cơ sở.\n\n" +
	"Các đơn vị báo cáo kết quả về Sở Nông nghiệp và Môi trường trước ngày 30/4/2026./.\n\n" +
	"%s\nNơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT.\n"

// TestJointDocument: a joint plan ("KẾ HOẠCH LIÊN NGÀNH") has its
// subject under the type line; its issuer is the body its symbol names
// first ("KHLN-SNNMT-SCT": the Sở Nông nghiệp và Môi trường), not the
// last line of the header; of its signature blocks written one after the
// other, the lead body's is the signer (the block naming it, else the
// right-hand one, written last). A document of one body keeps its last
// header body and its one signer.
func TestJointDocument(t *testing.T) {
	blocks := "KT. GIÁM ĐỐC SỞ CÔNG THƯƠNG\nPHÓ GIÁM ĐỐC\n\nĐinh Văn Hòa\n\nKT. GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nPHÓ GIÁM ĐỐC\n\nLương Thị Mai\n"
	unnamed := "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nĐinh Văn Hòa\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLương Thị Mai\n"
	for _, c := range []struct {
		name, symbol, sig, issuer, signer, subject string
	}{
		{"joint, blocks naming their bodies", "KHLN-SNNMT-SCT", blocks, "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Lương Thị Mai", "Kiểm tra vật tư nông nghiệp vụ Xuân năm 2026"},
		{"joint, lead's block written first", "KHLN-SNNMT-SCT", "KT. GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nPHÓ GIÁM ĐỐC\n\nLương Thị Mai\n\nKT. GIÁM ĐỐC SỞ CÔNG THƯƠNG\nPHÓ GIÁM ĐỐC\n\nĐinh Văn Hòa\n", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Lương Thị Mai", ""},
		{"joint, blocks without bodies: the right-hand one", "KHLN-SNNMT-SCT", unnamed, "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Lương Thị Mai", ""},
		{"liên tịch", "KHLT-SNNMT-SCT", blocks, "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Lương Thị Mai", ""},
		// Left alone: one body's symbol.
		{"one body's symbol", "KH-SCT", unnamed, "SỞ CÔNG THƯƠNG", "Đinh Văn Hòa", ""},
	} {
		r := Parse(strings.Replace(strings.Replace(r38Joint, "%s", c.symbol, 1), "%s", c.sig, 1), nil)
		if r.Issuer != c.issuer || r.Signer.Name != c.signer {
			t.Errorf("%s: issuer %q signer %q, want %q %q", c.name, r.Issuer, r.Signer.Name, c.issuer, c.signer)
		}
		if c.subject != "" && r.Subject != c.subject {
			t.Errorf("%s: subject %q, want %q", c.name, r.Subject, c.subject)
		}
	}
}

// TestApostropheName: a Central Highlands name with an apostrophe
// ("H'Hoa Byă", "Y’Sơn Niê") is the signer's name after "(Đã ký)".
func TestApostropheName(t *testing.T) {
	for _, name := range []string{"H'Hoa Byă", "Y’Sơn Niê", "Ksor H'Bla"} {
		src := "ỦY BAN NHÂN DÂN\nTỈNH BẮC SƠN\nSố: 12/UBND-VX\nV/v thăm hỏi\n\nKính gửi: Sở Y tế.\n\nĐề nghị Sở Y tế báo cáo trước ngày 10/01/2027./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\n" + name + "\n"
		if got := Parse(src, nil).Signer.Name; got != name {
			t.Errorf("signer %q, want %q", got, name)
		}
	}
	// Left alone: a quote mark at a word's edge is no name's.
	if isName("'Nguyễn Văn' A") {
		t.Errorf("isName took quote marks at a word's edge")
	}
}

// TestFamiliesCounted: "gia đình" is counted whole.
func TestFamiliesCounted(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"mỗi xã lựa chọn không quá 05 gia đình tiêu biểu", "<= 5 gia đình"},
		{"hỗ trợ 12 hộ gia đình", "= 12 hộ gia đình"},
	} {
		if got := targetStrings(c.text); !slices.Equal(got, []string{c.want}) {
			t.Errorf("targets(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// r38Letter is a Sở's letter whose closing is put in place of "%s".
const r38Letter = "UBND TỈNH BẮC SƠN\nSỞ NỘI VỤ\nSố: 512/SNV-TCBC\nV/v báo cáo thống kê số lượng cán bộ, công chức năm 2026\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Sơn, ngày %s năm 2026\n\n" +
	"Kính gửi: Ủy ban nhân dân các xã, phường.\n\nSở Nội vụ đề nghị Ủy ban nhân dân các xã, phường thực hiện:\n\n1. Thống kê số lượng cán bộ, công chức cấp xã.\n\n2. Rà soát vị trí việc làm.\n\n%s\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNgô Thị Lan\n"

// TestRestDayDeadline: a deadline the document itself moves off a day
// off ("trường hợp trùng ngày nghỉ thì gửi vào ngày làm việc liền
// trước", "… ngày làm việc tiếp theo") is entered as the day reports are
// really due, with a warning naming both days; a date on a working day,
// or a document with no such rule, keeps its date. One counted "kể từ
// ngày ký" that falls on a weekend is left as counted, and its warning
// says it falls on a day off.
func TestRestDayDeadline(t *testing.T) {
	const oct = "14 tháng 10"
	for _, c := range []struct {
		name, date, closing string
		want, warn          string // the deadline; a text of its warning, "" for none
	}{
		{"a Saturday, the working day before", oct,
			"Báo cáo gửi về Sở Nội vụ chậm nhất ngày 31/10/2026; trường hợp thời hạn trên trùng ngày nghỉ thì gửi vào ngày làm việc liền trước.",
			"2026-10-30", "rơi vào thứ Bảy"},
		{"a Sunday, the working day after, in the next sentence", oct,
			"Báo cáo gửi về Sở Nội vụ trước ngày 01/11/2026. Nếu hạn trên trùng vào ngày nghỉ, ngày lễ thì gửi vào ngày làm việc tiếp theo.",
			"2026-11-02", "02/11/2026 (thứ Hai)"},
		{"a fixed holiday, the working day before", oct,
			"Báo cáo gửi về Sở Nội vụ chậm nhất ngày 02/9/2026; nếu trùng ngày lễ thì gửi vào ngày làm việc liền trước.",
			"2026-08-31", "Quốc khánh 2/9, 02/09"},
		// Tết Bính Ngọ: the break announced for 14/2 - 22/2/2026.
		{"Tết, the working day after", "02 tháng 02",
			"Báo cáo gửi về Sở Nội vụ trước ngày 17/02/2026; trường hợp trùng ngày nghỉ thì gửi vào ngày làm việc tiếp theo.",
			"2026-02-23", "Tết Nguyên đán, 17/02 (thứ Ba)"},
		// Giỗ Tổ Hùng Vương 2026 (10/3 âm lịch) falls on Sunday 26/4, so
		// Monday 27/4 is its day in lieu.
		{"the Hùng Kings' day in lieu, the working day before", "01 tháng 4",
			"Báo cáo gửi về Sở Nội vụ chậm nhất ngày 27/4/2026; nếu trùng ngày nghỉ, ngày lễ thì gửi vào ngày làm việc liền trước.",
			"2026-04-24", "nghỉ bù Giỗ Tổ Hùng Vương, 27/04 (thứ Hai)"},
		// Left alone.
		{"a working day under the rule", oct,
			"Báo cáo gửi về Sở Nội vụ chậm nhất ngày 30/10/2026; trường hợp thời hạn trên trùng ngày nghỉ thì gửi vào ngày làm việc liền trước.",
			"2026-10-30", ""},
		{"a Saturday with no rule", oct,
			"Báo cáo gửi về Sở Nội vụ chậm nhất ngày 31/10/2026.",
			"2026-10-31", ""},
		// Counted from the signing: 14/10 + 17 days is Saturday 31/10.
		{"counted from the signing onto a Saturday", oct,
			"Báo cáo gửi về Sở Nội vụ trong thời hạn 17 ngày kể từ ngày ký văn bản này.",
			"2026-10-31", "rơi vào thứ Bảy, ngày nghỉ"},
		{"counted from the signing onto a Friday", oct,
			"Báo cáo gửi về Sở Nội vụ trong thời hạn 16 ngày kể từ ngày ký văn bản này.",
			"2026-10-30", ""},
	} {
		r := Parse(strings.Replace(strings.Replace(r38Letter, "%s", c.date, 1), "%s", c.closing, 1), nil)
		got := ""
		if r.Deadline != nil {
			got = r.Deadline.Date
		}
		if got != c.want {
			t.Errorf("%s: deadline %q, want %q", c.name, got, c.want)
		}
		warned := ""
		for _, w := range r.Warnings {
			if w.Code == WarnRestDayDeadline || w.Code == WarnRelativeDeadline && strings.Contains(w.Message, "ngày nghỉ;") {
				warned += w.Message
			}
		}
		if c.warn == "" && warned != "" || !strings.Contains(warned, c.warn) {
			t.Errorf("%s: warning %q, want one with %q", c.name, warned, c.warn)
		}
	}
}

// r38Plan is a phường's Kế hoạch whose sections are put in place of "%s".
const r38Plan = "ĐẢNG BỘ TỈNH BẮC SƠN\nĐẢNG ỦY PHƯỜNG HÒA BÌNH\n*\nSố 41-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nHòa Bình, ngày 02 tháng 12 năm 2026\n\n" +
	"KẾ HOẠCH\nlãnh đạo tổ chức Tết Nguyên đán năm 2027\n\n" +
	"Thực hiện Kế hoạch số 120-KH/TU ngày 20/11/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy phường xây dựng Kế hoạch như sau:\n\n" +
	"%s\n" +
	"Các chi bộ, cơ quan, đơn vị báo cáo kết quả về Văn phòng Đảng ủy trước ngày 20/02/2027./.\n\n" +
	"Nơi nhận:\n- Lưu Văn phòng Đảng ủy.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nLê Văn Tâm\n"

// TestPlanContentsAndSchedule: in a plan whose duties section gives the
// units their work, a section before it whose items name no unit and set
// no figure ("1. Công tác tuyên truyền: …") says what the plan is about,
// and a list of "- <what>: <when>" lines is its timetable: neither gives
// tasks. An item naming a unit, one setting a figure, a step whose
// unit stands after its colon, and a list of which one line is no
// timetable's, are read as before.
func TestPlanContentsAndSchedule(t *testing.T) {
	aims := "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Đánh giá kết quả năm 2026.\n2. Yêu cầu\n- Tổng kết thực chất, không hình thức.\n\n"
	duties := "III. TỔ CHỨC THỰC HIỆN\n1. Ủy ban nhân dân phường tổ chức thăm, tặng quà 100% gia đình chính sách.\n2. Công an phường bảo đảm an ninh trật tự dịp Tết.\n\n"
	labels := func(r *Result) []string {
		var out []string
		for _, t := range r.Tasks {
			out = append(out, t.Label)
		}
		return out
	}
	for _, c := range []struct {
		name, sections string
		want           []string
	}{
		{"contents with no unit", "I. NỘI DUNG\n1. Công tác tuyên truyền: tuyên truyền mừng Đảng, mừng Xuân.\n2. Thăm hỏi, tặng quà: thăm, chúc Tết các gia đình chính sách.\n3. Bảo đảm an ninh trật tự trước, trong và sau Tết.\n\n" + duties,
			[]string{"III.1", "III.2"}},
		{"a timetable", aims + "II. NỘI DUNG, THỜI GIAN\n- Các chi bộ tổ chức kiểm điểm: từ ngày 01/12 đến ngày 10/12/2026.\n- Hội nghị Ban Chấp hành tổng kết: dự kiến ngày 28/12/2026.\n- Ban Thường vụ Đảng ủy xếp loại chi bộ: trước ngày 20/12/2026.\n\n" + duties,
			[]string{"III.1", "III.2"}},
		// Left alone.
		{"contents naming a unit", "I. NỘI DUNG\n1. Công tác tuyên truyền: tuyên truyền mừng Đảng, mừng Xuân.\n2. Công an phường tuần tra, kiểm soát dịp Tết.\n\n" + duties,
			[]string{"I.1", "I.2", "III.1", "III.2"}},
		{"contents setting a figure", "I. NỘI DUNG\n1. Công tác tuyên truyền: tổ chức ít nhất 05 buổi tuyên truyền.\n2. Thăm hỏi, tặng quà: thăm, chúc Tết các gia đình chính sách.\n\n" + duties,
			[]string{"I.1", "I.2", "III.1", "III.2"}},
		{"a step with its unit after the colon", "I. QUY TRÌNH\n1. Bước 1: Ban nhân dân các tổ dân phố rà soát danh sách.\n2. Bước 2: Ủy ban nhân dân phường thẩm định danh sách.\n\n" + duties,
			[]string{"I.1", "I.2", "III.1", "III.2"}},
		{"bullets not all a timetable", aims + "II. NỘI DUNG, THỜI GIAN\n- Các chi bộ tổ chức kiểm điểm: từ ngày 01/12 đến ngày 10/12/2026.\n- Công an phường tuần tra, kiểm soát dịp Tết.\n\n" + duties,
			[]string{"", "", "III.1", "III.2"}},
	} {
		if got := labels(Parse(strings.Replace(r38Plan, "%s", c.sections, 1), nil)); !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks %q, want %q", c.name, got, c.want)
		}
	}
}

// TestPartyLeadsBody: "Đảng ủy lãnh đạo Ủy ban nhân dân phường: …" in a
// Party committee's plan gives the work to the body it leads, which is
// the task's lead; a Party board that does the work itself keeps it.
func TestPartyLeadsBody(t *testing.T) {
	for _, c := range []struct{ item, want string }{
		{"1. Đảng ủy lãnh đạo Ủy ban nhân dân phường: chủ trì, phối hợp với Công an phường bảo đảm an ninh trật tự; thăm, tặng quà 100% hộ nghèo.", "1|Ủy ban nhân dân phường|Công an phường"},
		{"1. Ban Thường vụ Đảng ủy lãnh đạo, chỉ đạo Ủy ban nhân dân phường tổ chức thăm, tặng quà 100% hộ nghèo.", "1|Ủy ban nhân dân phường|"},
		// Left alone.
		{"1. Ủy ban Kiểm tra Đảng ủy chủ trì, phối hợp với Văn phòng Đảng ủy giám sát ít nhất 03 chi bộ.", "1|Ủy ban Kiểm tra Đảng ủy|Văn phòng Đảng ủy"},
	} {
		r := Parse(strings.Replace(r38Plan, "%s", "I. NHIỆM VỤ\n"+c.item+"\n", 1), nil)
		got := summaries(r, "label", "lead", "support")
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q: tasks %q, want %q", c.item, got, c.want)
		}
	}
}

// TestPastFigureAside: a figure in brackets beside a target, for an
// earlier or the same year ("(năm 2026 đạt 1.420 tỷ đồng)", "(Tết năm
// 2026 là 38 chuyến)"), is what it is compared with, not a target; a
// bracket that sets a goal, or names no year, is read as before.
func TestPastFigureAside(t *testing.T) {
	for _, c := range []struct {
		item string
		want []string
	}{
		{"1. Sở Công Thương bảo đảm hàng bình ổn tối thiểu 1.500 tỷ đồng (năm 2026 đạt 1.420 tỷ đồng).", []string{">= 1500 tỷ đồng"}},
		{"1. Sở Xây dựng bố trí ít nhất 40 chuyến xe (Tết năm 2026 là 38 chuyến).", []string{">= 40 chuyến"}},
		// Left alone.
		{"1. Sở Công Thương bảo đảm hàng bình ổn tối thiểu 1.500 tỷ đồng (năm 2026 phấn đấu đạt 1.550 tỷ đồng).", []string{">= 1500 tỷ đồng", "= 1550 tỷ đồng"}},
		{"1. Sở Công Thương bảo đảm hàng bình ổn tối thiểu 1.500 tỷ đồng (trong đó hàng thiết yếu 900 tỷ đồng).", []string{">= 1500 tỷ đồng", "= 900 tỷ đồng"}},
	} {
		r := Parse(strings.Replace(r38Plan, "%s", "I. NHIỆM VỤ\n"+c.item+"\n", 1), nil)
		var got []string
		for _, tk := range r.Tasks {
			for _, g := range tk.Targets {
				got = append(got, targetString(g))
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: targets %q, want %q", c.item, got, c.want)
		}
	}
}
