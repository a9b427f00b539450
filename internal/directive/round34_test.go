package directive

import (
	"slices"
	"strconv"
	"testing"

	"tiendo"
)

// The rules of round thirty-four, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r34Labels lists a result's task labels.
func r34Labels(r *Result) []string {
	var out []string
	for _, t := range r.Tasks {
		out = append(out, t.Label)
	}
	return out
}

// TestBareListMarks: a copy whose list numbers lost their dots ("1 ",
// "a ") is read as numbered when the numbers run 1, 2, 3 at line starts
// with a capital after, and the letters a, b … the same way; a table's
// STT column among dotted items, two bare numbers, or a number in running
// text stay as they are.
func TestBareListMarks(t *testing.T) {
	const head = "UBND HUYỆN AN LẠC\nPHÒNG VĂN HÓA\nSố: 41/PVH\nV/v chuẩn bị lễ hội\nAn Lạc, ngày 03 tháng 3 năm 2026\n" +
		"Kính gửi:\n- Ủy ban nhân dân các xã;\n- Trung tâm Văn hóa huyện;\n- Nhà văn hóa huyện.\n" +
		"Phòng Văn hóa đề nghị các đơn vị thực hiện một số nội dung sau:\n"
	const tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTRƯỞNG PHÒNG\nLê Văn Tâm\n"
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"numbers and letters", "1 Ủy ban nhân dân các xã\na Rà soát các di tích trên địa bàn.\nb Tổ chức vệ sinh khu lễ hội.\n" +
			"2 Trung tâm Văn hóa huyện chủ trì dàn dựng chương trình nghệ thuật.\n3 Nhà văn hóa huyện chuẩn bị hội trường.\n",
			[]string{"1a", "1b", "2", "3"}},
		{"numbers only", "1 Ủy ban nhân dân các xã rà soát các di tích.\n2 Trung tâm Văn hóa huyện dàn dựng chương trình.\n" +
			"3 Nhà văn hóa huyện chuẩn bị hội trường.\n", []string{"1", "2", "3"}},
		// Two bare numbers are no list: the paragraph is one task.
		{"two numbers", "Ủy ban nhân dân các xã rà soát các di tích, gồm:\n1 Đình làng Đông.\n2 Chùa Tây.\n", []string{""}},
	} {
		r := Parse(head+tc.body+tail, nil)
		if got := r34Labels(r); !slices.Equal(got, tc.want) {
			t.Errorf("%s: labels %q, want %q", tc.name, got, tc.want)
		}
	}
	// A table's STT column between dotted items keeps its bare numbers.
	lines := splitLines("1. Phòng Văn hóa rà soát.\n2. Phân bổ như sau:\nTT Đơn vị Số người\n1 Xã Đông 4\n2 Xã Tây 5\n3 Xã Nam 6\n3. Trung tâm tổng hợp.\n")
	if lines[3].text != "1 Xã Đông 4" {
		t.Errorf("table row read as a label: %q", lines[3].text)
	}
	// Letters alone need three in order; "a" then a capital is rare but
	// two such lines prove nothing.
	lines = splitLines("Kính gửi các xã:\na Rà soát.\nb Báo cáo.\nc Tổng hợp.\n")
	if lines[1].text != "a) Rà soát." || lines[3].text != "c) Tổng hợp." {
		t.Errorf("letters: %q %q", lines[1].text, lines[3].text)
	}
	lines = splitLines("Kính gửi các xã:\na Rà soát.\nb Báo cáo.\n")
	if lines[1].text != "a Rà soát." {
		t.Errorf("two letters restored: %q", lines[1].text)
	}
}

// TestGoalBracketUnit: a target column's header that holds its comparator
// and its unit in one bracket ("(tối thiểu, bộ)") gives each figure that
// unit; a rate's header with no comparator ("(%)") gives "= N %" even when
// its words end in "số" ("ký số"), which would read the figure as a
// number's name.
func TestGoalBracketUnit(t *testing.T) {
	for _, tc := range []struct {
		head, cell string
		want       string // comparator value unit
	}{
		{"Số mô hình được nhân rộng (tối thiểu, mô hình)", "4", ">= 4 mô hình"},
		{"Số lớp tập huấn (ít nhất, lớp)", "12", ">= 12 lớp"},
		{"Tỷ lệ hồ sơ trực tuyến (tối thiểu, %)", "90", ">= 90 %"},
	} {
		got := targets(goalText(tc.head, tc.cell))
		if len(got) != 1 || fmtTarget(got[0]) != tc.want {
			t.Errorf("%q %q: %+v, want %s", tc.head, tc.cell, got, tc.want)
		}
	}
	for _, tc := range []struct {
		head, cell string
		want       string
	}{
		{"Tỷ lệ hồ sơ được ký số (%)", "100", "= 100 %"},
		{"Số hộ nghèo giảm (hộ)", "320", "= 320 hộ"},
	} {
		got := targets(figureText(tc.head, tc.cell))
		if len(got) != 1 || fmtTarget(got[0]) != tc.want {
			t.Errorf("%q %q: %+v, want %s", tc.head, tc.cell, got, tc.want)
		}
	}
}

// fmtTarget writes a target's comparator, value and unit.
func fmtTarget(g Target) string {
	return string(g.Comparator) + " " + strconv.FormatFloat(g.Value, 'f', -1, 64) + " " + g.Unit
}

// TestBranchesOfOnePlace: "A <place> và B <place>", two names each ending
// in the same place, are two units even when the second opens like no
// unit's name; a name whose "và" joins its own words stays whole.
func TestBranchesOfOnePlace(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Viễn thông Hà Giang và Viettel Hà Giang", []string{"Viễn thông Hà Giang", "Viettel Hà Giang"}},
		{"Sở Văn hóa, Thể thao và Du lịch", []string{"Sở Văn hóa, Thể thao và Du lịch"}},
		{"Đài Phát thanh và Truyền hình Hà Giang", []string{"Đài Phát thanh và Truyền hình Hà Giang"}},
	} {
		if got := splitUnits(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.want)
		}
	}
	r := Parse("UBND TỈNH HÀ GIANG\nSố: 9/KH-UBND\nHà Giang, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\nPhát triển hạ tầng số\n\n"+
		"1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Viễn thông Hà Giang và Viettel Hà Giang phát triển hạ tầng mạng di động.\n"+
		"2. Sở Tài chính bố trí kinh phí.\n", nil)
	if len(r.Tasks) == 0 || !slices.Equal(r32Roles(r.Tasks[0], tiendo.Support), []string{"Viễn thông Hà Giang", "Viettel Hà Giang"}) {
		t.Errorf("supports: %+v", r.Tasks)
	}
}

// TestPassiveSelectedGroup: "Ủy ban nhân dân các xã được kiểm tra: …"
// names the group as the heading writes it, the places picked by what is
// done to them; a sentence that goes on after "được" and its verb names
// the group alone.
func TestPassiveSelectedGroup(t *testing.T) {
	for _, tc := range []struct{ task, want string }{
		{"3. Ủy ban nhân dân các xã, thị trấn được giám sát: chuẩn bị báo cáo, hồ sơ liên quan.", "Ủy ban nhân dân các xã, thị trấn được giám sát"},
		{"3. Ủy ban nhân dân các xã được phân bổ vốn khẩn trương giải ngân theo kế hoạch.", "Ủy ban nhân dân các xã"},
	} {
		r := Parse("UBND HUYỆN AN LẠC\nSố: 7/KH-UBND\nAn Lạc, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\nGiám sát đầu tư\n\n"+
			"1. Phòng Tài chính - Kế hoạch chủ trì tổng hợp.\n2. Văn phòng HĐND và UBND huyện bố trí lịch.\n"+tc.task+"\n", nil)
		if len(r.Tasks) != 3 || !slices.Equal(r33Leads(r.Tasks[2]), []string{tc.want}) {
			t.Errorf("%q: %+v", tc.task, r.Tasks)
		}
	}
}

// TestSteeringCommitteeNumber: "Ban Chỉ đạo 389" is a name, not a
// figure; "chỉ đạo 100% trường học" still counts.
func TestSteeringCommitteeNumber(t *testing.T) {
	if got := targets("bố trí kinh phí bảo đảm hoạt động của Ban Chỉ đạo 138 huyện năm 2026"); len(got) != 0 {
		t.Errorf("Ban Chỉ đạo 138 read as a target: %+v", got)
	}
	if got := targets("chỉ đạo 100% trường học tổ chức diễn tập"); len(got) != 1 {
		t.Errorf("chỉ đạo 100%%: %+v", got)
	}
}

// TestSetUpVerb: "thành lập" ends a unit's name as a verb; "lập" alone
// left "thành" to the name before it.
func TestSetUpVerb(t *testing.T) {
	r := Parse("UBND TỈNH AN GIANG\nSố: 4/CT-UBND\nAn Giang, ngày 05 tháng 3 năm 2026\nCHỈ THỊ\nVề phòng chống dịch\n\n"+
		"1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Công an tỉnh, Sở Y tế thành lập các chốt kiểm dịch.\n"+
		"2. Sở Tài chính bố trí kinh phí.\n", nil)
	if len(r.Tasks) == 0 || !slices.Equal(r32Roles(r.Tasks[0], tiendo.Support), []string{"Công an tỉnh", "Sở Y tế"}) {
		t.Errorf("supports: %+v", r.Tasks)
	}
}

// TestNationalPark: a national park and a nature reserve are units.
func TestNationalPark(t *testing.T) {
	for _, s := range []string{"Vườn quốc gia Cúc Phương", "Khu bảo tồn thiên nhiên Pù Luông"} {
		if !opensUnit(s) {
			t.Errorf("%q is no unit", s)
		}
	}
	if opensUnit("vườn cây ăn quả") {
		t.Error("an orchard read as a unit")
	}
}

// TestUnitItemBulletsAmongProse: in a list whose unit headings each carry
// their duties as one paragraph, a heading over "- " bullets is one task
// too, its helpers read from a bullet's "Chủ trì, phối hợp với …"; a list
// whose headings all carry bullets gives a task a bullet, as before.
func TestUnitItemBulletsAmongProse(t *testing.T) {
	const head = "UBND TỈNH AN GIANG\nSố: 4/CT-UBND\nAn Giang, ngày 05 tháng 3 năm 2026\nCHỈ THỊ\nVề phòng chống thiên tai\n\nĐể chủ động ứng phó mùa mưa lũ năm 2026, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:\n\n"
	prose := head + "1. SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n- Tham mưu kế hoạch ứng phó mùa mưa lũ.\n" +
		"- Chủ trì, phối hợp với Công an tỉnh kiểm tra ít nhất 30 hồ chứa.\n\n" +
		"2. SỞ XÂY DỰNG\nChủ trì kiểm tra an toàn các công trình.\n\n3. SỞ Y TẾ\nChuẩn bị cơ số thuốc.\n"
	r := Parse(prose, nil)
	if got := r34Labels(r); !slices.Equal(got, []string{"1", "2", "3"}) {
		t.Fatalf("labels %q", got)
	}
	if !slices.Equal(r32Roles(r.Tasks[0], tiendo.Support), []string{"Công an tỉnh"}) || len(r.Tasks[0].Targets) != 1 {
		t.Errorf("task 1: %+v", r.Tasks[0])
	}
	bullets := head + "1. SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n- Tham mưu kế hoạch ứng phó mùa mưa lũ.\n- Kiểm tra các hồ chứa.\n\n" +
		"2. SỞ XÂY DỰNG\n- Kiểm tra an toàn các công trình.\n- Rà soát nhà tạm.\n"
	if got := r34Labels(Parse(bullets, nil)); len(got) != 4 {
		t.Errorf("bullets: labels %q", got)
	}
}
