package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round twenty, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// r20Letter is a công văn of a UBND huyện to its offices and communes,
// whose numbered items are put in place of "%s" and whose Phụ lục, if
// any, follows the signature.
const r20Letter = "ỦY BAN NHÂN DÂN\nHUYỆN KHE SANH\n\nSố: 1402/UBND-TCKH\nV/v triển khai nhiệm vụ quý IV năm 2025\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKhe Sanh, ngày 06 tháng 10 năm 2025\n\nKính gửi:\n- Các phòng, ban, đơn vị thuộc huyện;\n- Ủy ban nhân dân các xã, thị trấn.\n\n" +
	"Chủ tịch Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị thực hiện tốt các nhiệm vụ sau:\n\n%s\n\n" +
	"Các cơ quan, đơn vị báo cáo kết quả thực hiện quý IV năm 2025 về Ủy ban nhân dân huyện trước ngày 10/12/2025./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nHồ Văn Thắng\n%s"

func r20Parse(items, appendix string) (*Result, []string) {
	r := Parse(fmt.Sprintf(r20Letter, items, appendix), nil)
	return r, matrixTasks(r)
}

// TestSpaceTableGroupTitle: in a table aligned with spaces, a group row
// whose title runs on across the columns ("II   BAN QUẢN LÝ DỰ ÁN … (nhiệm
// vụ số 2)", a cell merged over the row in Word) is the group's number
// and title: the table goes on under it. A row of cells, and a paragraph
// after the table, are read as before.
func TestSpaceTableGroupTitle(t *testing.T) {
	text := "" +
		"STT  Nội dung chỉ tiêu                 Đơn vị tính   Kế hoạch quý IV\n" +
		"I    CÁC CHỈ TIÊU VỀ THU NGÂN SÁCH NHÀ NƯỚC TRÊN ĐỊA BÀN HUYỆN\n" +
		"1    Thu nội địa                       Tỷ đồng       Tối thiểu 42\n" +
		"II   CÁC CHỈ TIÊU VỀ GIẢI NGÂN VỐN ĐẦU TƯ CÔNG VÀ XÂY DỰNG NÔNG THÔN MỚI\n" +
		"2    Tỷ lệ giải ngân vốn               %             Trên 85\n" +
		"\n" +
		"Các chỉ tiêu trên là căn cứ để đánh giá, xếp loại thi đua cuối năm của các cơ quan, đơn vị.\n"
	var rows []string
	for _, l := range splitLines(text) {
		if l.row > 0 {
			rows = append(rows, fmt.Sprintf("%d:%s", l.row, l.text))
		}
	}
	want := []string{
		"1:STT", "1:Nội dung chỉ tiêu", "1:Đơn vị tính", "1:Kế hoạch quý IV",
		"2:I", "2:CÁC CHỈ TIÊU VỀ THU NGÂN SÁCH NHÀ NƯỚC TRÊN ĐỊA BÀN HUYỆN",
		"3:1", "3:Thu nội địa", "3:Tỷ đồng", "3:Tối thiểu 42",
		"4:II", "4:CÁC CHỈ TIÊU VỀ GIẢI NGÂN VỐN ĐẦU TƯ CÔNG VÀ XÂY DỰNG NÔNG THÔN MỚI",
		"5:2", "5:Tỷ lệ giải ngân vốn", "5:%", "5:Trên 85",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("rows:\n%q\nwant\n%q", rows, want)
	}
}

// TestValueColumnByPeriod: beside a "Chỉ tiêu" column that names what is
// measured and an "ĐVT" column, the column of the figures to reach may be
// named by the period they are for ("Chỉ tiêu 9 tháng năm 2025", "Chỉ tiêu
// quý IV", "Chỉ tiêu 6 tháng"): it holds the values. "Chỉ tiêu" alone, and
// "Chỉ tiêu cụ thể", name what is measured, and in a table without a unit
// column ("Nội dung nhiệm vụ | Chỉ tiêu quý III") the column holds phrases
// read with the task, as before.
func TestValueColumnByPeriod(t *testing.T) {
	for _, c := range []struct {
		heads []string
		want  string
	}{
		{[]string{"TT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu 9 tháng năm 2025"}, "value"},
		{[]string{"TT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu quý IV"}, "value"},
		{[]string{"TT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu 6 tháng đầu năm"}, "value"},
		{[]string{"TT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu tháng 11"}, "value"},
		// Left alone.
		{[]string{"TT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu"}, "text"},
		{[]string{"TT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu cụ thể"}, "text"},
		{[]string{"TT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu năm 2025"}, "value"},
		{[]string{"TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Chỉ tiêu quý III"}, "text"},
	} {
		roles := columnRoles(c.heads)
		if roles == nil || roles[3] != c.want {
			t.Errorf("%q: roles %q, want %q for the last", c.heads, roles, c.want)
		}
	}
}

// r20Appendix is a Phụ lục of targets grouped by unit, its columns
// aligned with spaces, after the signature; groups is put in place of
// the group rows' "%s" (what each says of the item it is for).
func r20Appendix(g1, g2 string) string {
	return "\n\n\n                          Phụ lục\n       CHỈ TIÊU QUÝ IV NĂM 2025 GIAO CÁC CƠ QUAN, ĐƠN VỊ\n  (Kèm theo Công văn số 1402/UBND-TCKH ngày 06/10/2025 của UBND huyện)\n\n" +
		"TT   Chỉ tiêu                              ĐVT        Ước 9 tháng   Chỉ tiêu quý IV\n" +
		"I    PHÒNG KINH TẾ VÀ HẠ TẦNG" + g1 + "\n" +
		"1    Chiều dài đường giao thông nông       Km         12,5          Ít nhất 8\n" +
		"     thôn được cứng hóa\n" +
		"2    Tỷ lệ giải ngân vốn sự nghiệp         %          58,2          Trên 90\n" +
		"II   ỦY BAN NHÂN DÂN CÁC XÃ, THỊ TRẤN" + g2 + "\n" +
		"3    Hộ thoát nghèo                        Hộ         -             Tối thiểu 140\n" +
		"4    Tỷ lệ thu thuế sử dụng đất phi         %          71,0          100\n" +
		"     nông nghiệp\n"
}

// TestAppendixTargetsOfItems: a công văn whose items carry no figures and
// send them to a Phụ lục of targets grouped by unit, each group row naming
// the item it is for ("(nhiệm vụ số 2)") or each item naming its group
// ("thực hiện các chỉ tiêu tại Mục II Phụ lục"): the rows of a group are
// the targets of that item, the unit of each its "ĐVT", and no row is a
// task. A Phụ lục whose groups the items do not name, or whose rows name
// their own units, is read as before: its rows are tasks.
func TestAppendixTargetsOfItems(t *testing.T) {
	items := "1. Phòng Kinh tế và Hạ tầng chủ trì, phối hợp với Ủy ban nhân dân các xã, thị trấn đẩy nhanh tiến độ các công trình giao thông, thủy lợi.\n\n" +
		"2. Ủy ban nhân dân các xã, thị trấn tập trung rà soát hộ nghèo, đôn đốc thu thuế trên địa bàn."
	keyed := []string{
		"1: Phòng Kinh tế và Hạ tầng | Ủy ban nhân dân các xã, thị trấn | >= 8 Km; > 90 %",
		"2: Ủy ban nhân dân các xã, thị trấn |  | >= 140 Hộ; = 100 %",
	}
	for _, c := range []struct {
		name, items, g1, g2 string
		want                []string
	}{
		{"group rows name the items", items, " (nhiệm vụ số 1)", " (nhiệm vụ số 2)", keyed},
		{"items name the groups", strings.Replace(strings.Replace(items, "thủy lợi.", "thủy lợi; thực hiện các chỉ tiêu tại Mục I Phụ lục.", 1), "trên địa bàn.", "trên địa bàn; thực hiện các chỉ tiêu tại Mục II Phụ lục kèm theo.", 1), "", "", keyed},
	} {
		r, got := r20Parse(c.items, r20Appendix(c.g1, c.g2))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
		if r19Warned(r, WarnDuplicateLabel) {
			t.Errorf("%s: warned of a duplicate label", c.name)
		}
	}

	// Left alone: groups no item names, and a Phụ lục with a lead column.
	if _, got := r20Parse(items, r20Appendix("", "")); len(got) != 6 || !strings.HasPrefix(got[2], "1: PHÒNG KINH TẾ VÀ HẠ TẦNG |") {
		t.Errorf("unnamed groups: %q, want the two items and four rows", got)
	}
	led := strings.Replace(strings.Replace(r20Appendix(" (nhiệm vụ số 1)", " (nhiệm vụ số 2)"), "Ước 9 tháng   Chỉ tiêu quý IV", "Chủ trì       Chỉ tiêu quý IV", 1), "Km         12,5 ", "Km         Phòng KT ", 1)
	if _, got := r20Parse(items, led); len(got) <= 2 {
		t.Errorf("a Phụ lục with a lead column: %q, want its rows read as tasks", got)
	}
}

// TestValueCellTargets: the target cell of a table row may state two
// targets with their units ("≥ 75%; trong đó lao động nữ từ 30% trở lên",
// two paragraphs of the cell in Word): both are the row's. A value cell
// that names its base ("Tăng ít nhất 8% so với năm 2025" in a plan for
// 2026) keeps it in the target's text, where the rule for the year
// before reads it: the same period. A single value, and a bare change,
// are read as before.
func TestValueCellTargets(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nSố: 21/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHòa An, ngày 15 tháng 01 năm 2026\n\nKẾ HOẠCH\nPhát triển nguồn nhân lực năm 2026\n\nI. NHIỆM VỤ\n" +
		"TT\tNội dung\tChỉ tiêu năm 2026\tĐơn vị chủ trì\n"
	tail := "\nII. TỔ CHỨC THỰC HIỆN\nCác đơn vị báo cáo kết quả thực hiện năm 2026 trước ngày 05/12/2026./.\nNơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nĐinh Văn Tâm\n"
	for _, c := range []struct {
		name, row, want string
	}{
		{"two targets", "1\tĐào tạo nghề cho lao động nông thôn\t≥ 75%;\ntrong đó lao động nữ từ 30% trở lên\tTrung tâm Giáo dục nghề nghiệp xã",
			"1: Trung tâm Giáo dục nghề nghiệp xã |  | >= 75 %  ; >= 30 %  "},
		{"a base", "1\tPhát triển người tham gia bảo hiểm xã hội tự nguyện\tTăng ít nhất 8% so với năm 2025\tBảo hiểm xã hội xã",
			"1: Bảo hiểm xã hội xã |  | >= 8 % increase same-period"},
		// Left alone.
		{"one target", "1\tĐào tạo nghề cho lao động nông thôn\tTối thiểu 420 người\tTrung tâm Giáo dục nghề nghiệp xã",
			"1: Trung tâm Giáo dục nghề nghiệp xã |  | >= 420 người  "},
		{"a bare change", "1\tPhát triển người tham gia bảo hiểm xã hội tự nguyện\tTăng ít nhất 8%\tBảo hiểm xã hội xã",
			"1: Bảo hiểm xã hội xã |  | >= 8 % increase "},
	} {
		r := Parse(head+c.row+"\n"+tail, nil)
		var got []string
		for _, tk := range r.Tasks {
			var ts []string
			for _, x := range tk.Targets {
				ts = append(ts, fmt.Sprintf("%s %g %s %s %s", x.Comparator, x.Value, x.Unit, x.Direction, x.RelativeTo))
			}
			got = append(got, tk.Label+": "+strings.Join(roleNames(tk, "lead"), "; ")+" | "+strings.Join(roleNames(tk, "support"), "; ")+" | "+strings.Join(ts, "; "))
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// r20Plan is a UBND xã Kế hoạch whose subject and closing sentence are
// given.
func r20Plan(subject, closing string) string {
	return "ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\n\nSố: 08/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nTân Phú, ngày 20 tháng 01 năm 2026\n\nKẾ HOẠCH\n" + subject + "\n\n" +
		"I. NHIỆM VỤ\n1. Công an xã chủ trì tuần tra, kiểm soát; kéo giảm ít nhất 10% số vụ phạm pháp hình sự so với năm 2025.\n2. Trạm Y tế xã tiêm chủng đầy đủ cho trên 95% trẻ em dưới 1 tuổi.\n\nII. TỔ CHỨC THỰC HIỆN\n" +
		closing + "\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nPhan Thị Lụa\n"
}

// TestPlanYearReport: a Kế hoạch for a year asks, in one sentence, for the
// interim review and the year's report ("báo cáo sơ kết 6 tháng trước ngày
// D1 và báo cáo kết quả năm 2026 … trước ngày D2", "báo cáo … định kỳ 6
// tháng (trước ngày D1) và năm (trước ngày D2)"). Its targets are the
// year's, as a Quyết định's or a Chỉ thị's are: the round is the year's
// report, D2. A plan for part of a year, one that asks the year's report
// first, and a công văn keep their first date, as before.
func TestPlanYearReport(t *testing.T) {
	year := "Thực hiện nhiệm vụ bảo đảm an ninh trật tự và y tế năm 2026"
	for _, c := range []struct {
		name, subject, closing, want string
	}{
		{"sơ kết then the year", year, "Các đơn vị báo cáo sơ kết 6 tháng trước ngày 12/6/2026 và báo cáo kết quả thực hiện năm 2026 về Ủy ban nhân dân xã chậm nhất ngày 01/12/2026.", "2026-12-01 year 2026"},
		{"6 tháng và năm", year, "Các đơn vị báo cáo kết quả thực hiện Kế hoạch định kỳ 6 tháng (trước ngày 12/6/2026) và năm (trước ngày 01/12/2026) gửi về Ủy ban nhân dân xã.", "2026-12-01 year 2026"},
		// Left alone.
		{"a plan for a half-year", "Thực hiện nhiệm vụ 6 tháng đầu năm 2026", "Các đơn vị báo cáo kết quả thực hiện 6 tháng đầu năm 2026 trước ngày 12/6/2026 và báo cáo bổ sung trước ngày 30/6/2026.", "2026-06-12 half-year 2026"},
		{"the year first", year, "Các đơn vị báo cáo kết quả thực hiện năm 2026 trước ngày 01/12/2026 và báo cáo quý I năm 2027 trước ngày 15/3/2027.", "2026-12-01 year 2026"},
	} {
		r := Parse(r20Plan(c.subject, c.closing), nil)
		got := "<none>"
		if r.Deadline != nil {
			got = r.Deadline.Date
		}
		if r.Period != nil {
			got += fmt.Sprintf(" %s %d", r.Period.Kind, r.Period.Year)
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestEachOfListedPlaces: "mỗi" before a list of places ("mỗi huyện, thị
// xã, thành phố có rừng trồng ít nhất 350 ha") sets each of them a goal,
// however many kinds the list names; the list counts as one word in the
// clause's short reach. A group picked by a condition far from "từng"
// stays a condition.
func TestEachOfListedPlaces(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"mỗi xã, phường, thị trấn có vườn ươm sản xuất ít nhất 20.000 cây giống", 1},
		{"bảo đảm mỗi huyện, thị xã, thành phố có đội xung kích ít nhất 30 người", 1},
		// Left alone.
		{"mỗi huyện có rừng trồng ít nhất 350 ha", 1},
		{"tổng hợp tiến độ của từng xã, tham mưu điều chuyển vốn từ các dự án có tỷ lệ giải ngân dưới 40%", 0},
		{"hỗ trợ các hộ có thu nhập dưới 2 triệu đồng", 0},
	} {
		if got := len(targets(c.text)); got != c.want {
			t.Errorf("%q: %d targets, want %d", c.text, got, c.want)
		}
	}
}

// TestVillageGroups: the villages or quarters of a commune ("các ấp, khu
// phố", "các khối phố", "Các bản, xóm") lead or support an item as its
// offices do; "Các bản" is not "các ban" (the boards) that would stand for
// every recipient. "Các ban, ngành" still does, and "các thôn" is read as
// before.
func TestVillageGroups(t *testing.T) {
	for _, c := range []struct {
		name, items string
		want        []string
	}{
		{"support after và", "1. Công an xã chủ trì, phối hợp với Trung tâm Khuyến nông tỉnh và các khối phố kiểm tra, xử lý lấn chiếm vỉa hè.",
			[]string{"1: Công an xã | Trung tâm Khuyến nông tỉnh; các khối phố | "}},
		{"support of two kinds", "1. Phòng Kinh tế các huyện chủ trì, phối hợp với các ấp, khu phố hướng dẫn nông dân gieo sạ đúng lịch.",
			[]string{"1: Phòng Kinh tế các huyện | các ấp, khu phố | "}},
		{"lead of two kinds", "1. Các bản, xóm: tuyên truyền, vận động ít nhất 90% hộ gia đình ký cam kết.",
			[]string{"1: Các bản, xóm |  | >= 90 %"}},
		// Left alone.
		{"the boards", "1. Các ban, ngành: tuyên truyền, vận động nhân dân.",
			[]string{"1: Chi cục Trồng trọt và Bảo vệ thực vật; Phòng Kinh tế các huyện; Trung tâm Khuyến nông tỉnh |  | "}},
		{"the thôn", "1. Phòng Kinh tế các huyện chủ trì, phối hợp với các thôn hướng dẫn nông dân.",
			[]string{"1: Phòng Kinh tế các huyện | các thôn | "}},
	} {
		if _, got := r19Parse(c.items); !slices.Equal(got, c.want) {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestNewsVerbs: what a unit does with news and notices ends its name:
// "thông báo", "mở" (a column, a class), "đăng tải", "phát sóng", "công
// bố". A name's own capitalised "Mở", and its "quy mô" (which folds as
// "mở" does), are left in it; "Truyền thông báo cáo" is a name and the
// verb "báo cáo".
func TestNewsVerbs(t *testing.T) {
	for _, c := range []struct {
		name, items string
		want        []string
	}{
		{"thông báo", "1. Trung tâm Khuyến nông tỉnh chủ trì, phối hợp với Phòng Quản lý chất lượng thông báo kịp thời lịch thời vụ.",
			[]string{"1: Trung tâm Khuyến nông tỉnh | Phòng Quản lý chất lượng | "}},
		{"mở", "1. Báo và Phát thanh, Truyền hình tỉnh mở chuyên mục về phòng, chống dịch hại; phát ít nhất 12 phóng sự.",
			[]string{"1: Báo và Phát thanh, Truyền hình tỉnh |  | >= 12 phóng sự"}},
		{"đăng tải", "1. Cổng Thông tin điện tử tỉnh đăng tải đầy đủ lịch gieo sạ.",
			[]string{"1: Cổng Thông tin điện tử tỉnh |  | "}},
		// Left alone.
		{"Truyền thông báo cáo", "1. Trung tâm Văn hóa, Thể thao và Truyền thông báo cáo số buổi chiếu phim lưu động.",
			[]string{"1: Trung tâm Văn hóa, Thể thao và Truyền thông |  | "}},
		{"Mở in a name", "1. Trường Đại học Mở chủ trì tập huấn cho ít nhất 300 học viên.",
			[]string{"1: Trường Đại học Mở |  | >= 300 học viên"}},
		{"mô in a name", "1. Trung tâm Khuyến nông tỉnh chủ trì, phối hợp với Công ty Cổ phần Chăn nuôi quy mô lớn Tân Phú triển khai tiêm phòng.",
			[]string{"1: Trung tâm Khuyến nông tỉnh | Công ty Cổ phần Chăn nuôi quy mô lớn Tân Phú | "}},
	} {
		if _, got := r19Parse(c.items); !slices.Equal(got, c.want) {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestClassifierUnit: a count's unit is the classifier before what is
// counted, as the "ĐVT" of a report writes it: "02 cuộc kiểm tra", "03
// cuộc thanh tra" count "cuộc"; "1.500 người dân" counts "người". Nouns of
// two words ("tin bài", "hội nghị", "học sinh") stay whole.
func TestClassifierUnit(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"tổ chức ít nhất 02 cuộc kiểm tra chuyên đề", "cuộc"},
		{"tiến hành tối thiểu 03 cuộc thanh tra hành chính", "cuộc"},
		{"tham gia ít nhất 04 cuộc giám sát", "cuộc"},
		{"hướng dẫn ít nhất 1.500 người dân cài đặt ứng dụng", "người"},
		// Left alone.
		{"đăng ít nhất 30 tin bài", "tin bài"},
		{"tổ chức ít nhất 02 hội nghị", "hội nghị"},
		{"hỗ trợ ít nhất 120 học sinh", "học sinh"},
		{"tổ chức ít nhất 02 cuộc diễn tập", "cuộc"},
	} {
		ts := targets(c.text)
		if len(ts) != 1 || ts[0].Unit != c.want {
			t.Errorf("%q: %+v, want one target in %q", c.text, ts, c.want)
		}
	}
}

// TestManagementZone: "Khu Quản lý đường bộ", a road zone of a Cục,
// names a unit as "Ban Quản lý" does, so "các Khu Quản lý đường bộ và
// Sở Xây dựng các tỉnh" are two. The places a Ban Quản lý manages stay in
// its name.
func TestManagementZone(t *testing.T) {
	for _, c := range []struct {
		name, items string
		want        []string
	}{
		{"zones and a Sở", "1. Trung tâm Khuyến nông tỉnh chủ trì, phối hợp với các Khu Quản lý đường bộ và Sở Xây dựng các tỉnh kiểm tra hành lang an toàn.",
			[]string{"1: Trung tâm Khuyến nông tỉnh | các Khu Quản lý đường bộ; Sở Xây dựng các tỉnh | "}},
		// Left alone.
		{"a Ban Quản lý", "1. Trung tâm Khuyến nông tỉnh chủ trì, phối hợp với Ban Quản lý Khu kinh tế và các khu công nghiệp kiểm tra hành lang an toàn.",
			[]string{"1: Trung tâm Khuyến nông tỉnh | Ban Quản lý Khu kinh tế và các khu công nghiệp | "}},
	} {
		if _, got := r19Parse(c.items); !slices.Equal(got, c.want) {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestGroupCrossedBy: a group of places picked by what crosses them ("Ủy
// ban nhân dân các tỉnh, thành phố có đường sắt đi qua", "các xã có quốc
// lộ 1A chạy qua") keeps that clause in its name: it is who is meant.
// Any other "có" after a complete name begins the work, and a single
// place has no such clause, as before.
func TestGroupCrossedBy(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Ủy ban nhân dân các huyện, thị xã có đường sắt đi qua rà soát lối đi tự mở", "Ủy ban nhân dân các huyện, thị xã có đường sắt đi qua"},
		{"UBND các xã có sông Lam chảy qua chủ động phương án", "UBND các xã có sông Lam chảy qua"},
		// Left alone.
		{"Ủy ban nhân dân các xã có trách nhiệm rà soát qua hệ thống", "Ủy ban nhân dân các xã"},
		{"Ủy ban nhân dân các xã có văn bản gửi qua Phòng Nội vụ", "Ủy ban nhân dân các xã"},
		{"Ủy ban nhân dân thị trấn có đường sắt đi qua rà soát", "Ủy ban nhân dân thị trấn"},
	} {
		if got := cutUnitNames(c.text); got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestPressHeadingCapitals: a unit heading in capitals may name a
// newspaper, "BÁO VÀ PHÁT THANH, TRUYỀN HÌNH TỈNH" (the merged press body
// of 2025, one unit whatever its "và"), over the lettered items of its
// work. "BÁO CÁO …" and "BÁO CHÍ" are no unit.
func TestPressHeadingCapitals(t *testing.T) {
	all := "Chi cục Trồng trọt và Bảo vệ thực vật; Phòng Kinh tế các huyện; Trung tâm Khuyến nông tỉnh"
	for _, c := range []struct {
		name, items string
		want        []string
	}{
		{"the merged press body", "1. BÁO VÀ PHÁT THANH, TRUYỀN HÌNH TỈNH\na) Đăng ít nhất 20 tin bài về dịch hại.\nb) Mở chuyên mục hỏi đáp.",
			[]string{"1a: BÁO VÀ PHÁT THANH, TRUYỀN HÌNH TỈNH |  | >= 20 tin bài", "1b: BÁO VÀ PHÁT THANH, TRUYỀN HÌNH TỈNH |  | "}},
		// Left alone.
		{"a report", "1. BÁO CÁO KẾT QUẢ\na) Đăng ít nhất 20 tin bài về dịch hại.",
			[]string{"1a: " + all + " |  | >= 20 tin bài"}},
		{"the press", "1. BÁO CHÍ\na) Đăng ít nhất 20 tin bài về dịch hại.",
			[]string{"1a: " + all + " |  | >= 20 tin bài"}},
	} {
		if _, got := r19Parse(c.items); !slices.Equal(got, c.want) {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}
