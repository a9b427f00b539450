package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round thirty, each with the ordinary text it must leave
// alone. Every case that expects something new failed before the round.

// r30Letter is a Sở's công văn asking for a report, with its items put in
// place of the first "%s" and its closing sentence in place of the second.
const r30Letter = "UBND TỈNH HÒA AN\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 412/SNNMT-KHTC\nV/v báo cáo kết quả 6 tháng đầu năm 2025\n" +
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHòa An, ngày 02 tháng 6 năm 2025\n" +
	"Kính gửi: Các sở, ban, ngành tỉnh.\n" +
	"Để tổng hợp báo cáo Ủy ban nhân dân tỉnh, Sở Nông nghiệp và Môi trường đề nghị:\n%s\n%s\n" +
	"Nơi nhận:\n- Như trên;\n- Lưu: VT, KHTC.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn Bình\n"

const r30Items = "1. Các sở, ban, ngành tỉnh đánh giá kết quả thực hiện nhiệm vụ 6 tháng đầu năm.\n"

// TestWeekdayAfterDay: a deadline may name the weekday after "ngày" and
// hold the date in brackets or after a comma ("chậm nhất vào ngày thứ Tư
// (11/6/2025)"); the weekday only names the date. A date with no weekday
// is read as before.
func TestWeekdayAfterDay(t *testing.T) {
	for _, c := range []struct{ closing, want string }{
		{"Báo cáo gửi về Sở chậm nhất vào ngày thứ Tư (11/6/2025) để tổng hợp.", "2025-06-11 by"},
		{"Báo cáo gửi về Sở trước ngày thứ Sáu, 13/6/2025.", "2025-06-13 before"},
		// Left alone.
		{"Báo cáo gửi về Sở chậm nhất vào ngày 11/6/2025.", "2025-06-11 by"},
	} {
		r := Parse(fmt.Sprintf(r30Letter, r30Items, c.closing), nil)
		got := ""
		if r.Deadline != nil {
			got = r.Deadline.Date + " " + r.Deadline.Relation
		}
		if got != c.want {
			t.Errorf("%q: deadline %q, want %q", c.closing, got, c.want)
		}
	}
}

// TestSpelledDate: a deadline whose day and month are written in words
// ("trước ngày hai mươi tháng mười một năm 2025") is that date, and it
// outranks a later date in figures in the same sentence as a date in
// figures would. Words that are no day or month are left as they are.
func TestSpelledDate(t *testing.T) {
	closing := "Báo cáo kết quả gửi về Sở trước ngày mười lăm tháng sáu năm 2025 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 25/6/2025."
	r := Parse(fmt.Sprintf(r30Letter, r30Items, closing), nil)
	if r.Deadline == nil || r.Deadline.Date != "2025-06-15" || r.Deadline.Relation != "before" {
		t.Errorf("deadline %+v, want before 2025-06-15", r.Deadline)
	}
	for _, c := range []struct{ in, want string }{
		{"truoc ngay hai muoi tháng muoi mot nam 2023", "truoc ngay hai muoi tháng muoi mot nam 2023"},
		{"truoc ngay hai muoi thang muoi mot nam 2023 de", "truoc ngay 20 thang 11 nam 2023 de"},
		{"ngay mung mot thang gieng nam 2024", "ngay mung mot thang gieng nam 2024"},
		{"ngay lam viec thang nay nam 2025", "ngay lam viec thang nay nam 2025"},
		{"ngay ba muoi hai thang hai nam 2025", "ngay ba muoi hai thang hai nam 2025"},
	} {
		if got := spelledDates(c.in); got != c.want {
			t.Errorf("spelledDates(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestOwnDepartmentBySymbol: a Sở's letter whose Kính gửi names everyone
// ("Các sở, ban, ngành tỉnh") still warns when it gives work to its own
// department, known by the initials that end the letter's symbol
// ("412/SNNMT-KHTC", "Phòng Kế hoạch - Tài chính"). Another department,
// and an Ủy ban nhân dân's phòng (an agency of its own), are not warned.
func TestOwnDepartmentBySymbol(t *testing.T) {
	const closing = "Báo cáo gửi về Sở trước ngày 20/6/2025."
	for _, c := range []struct {
		name, doc string
		want      bool
	}{
		{"the Sở's own phòng", fmt.Sprintf(r30Letter, r30Items+"2. Giao Phòng Kế hoạch - Tài chính tổng hợp, tham mưu Giám đốc Sở báo cáo.\n", closing), true},
		// Left alone.
		{"another phòng", fmt.Sprintf(r30Letter, r30Items+"2. Giao Phòng Trồng trọt tổng hợp, tham mưu Giám đốc Sở báo cáo.\n", closing), false},
		{"an Ủy ban's phòng", strings.Replace(strings.Replace(fmt.Sprintf(r30Letter, r30Items+"2. Giao Phòng Kế hoạch - Tài chính tổng hợp, tham mưu báo cáo.\n", closing),
			"UBND TỈNH HÒA AN\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "ỦY BAN NHÂN DÂN\nHUYỆN HÒA AN", 1), "SNNMT-KHTC", "UBND-KHTC", 1), false},
	} {
		r := Parse(c.doc, nil)
		got := false
		for _, w := range r.Warnings {
			got = got || w.Code == WarnNotRecipient
		}
		if got != c.want {
			t.Errorf("%s: warned %v, want %v (%v)", c.name, got, c.want, r.Warnings)
		}
	}
}

// TestSymbolAfterSlashNoLabel: a wrapped line that starts with a cited
// document's number and symbol ("06/TTr-TCKH ngày ...") is no item "6/";
// "1/ Phòng ..." and "2/Tăng cường ..." still are.
func TestSymbolAfterSlashNoLabel(t *testing.T) {
	for _, c := range []struct {
		in    string
		label string
		ok    bool
	}{
		{"06/TTr-TCKH ngày 08 tháng 01 năm 2024.", "", false},
		{"15/CT-TTg của Thủ tướng Chính phủ;", "", false},
		// Left alone.
		{"1/ Phòng Nội vụ rà soát hồ sơ.", "1", true},
		{"2/Tăng cường công tác kiểm tra.", "2", true},
	} {
		l, ok := parseLabel(c.in)
		if ok != c.ok || ok && l.label != c.label {
			t.Errorf("parseLabel(%q) = %q %v, want %q %v", c.in, l.label, ok, c.label, c.ok)
		}
	}
}

// TestFrameHeadingLine: an item whose line is a part of a plan's frame
// alone ("2. Yêu cầu"), its paragraph on the next line with a capital and
// no blank line between (text out of a PDF), is that heading: the
// paragraph is the requirement, no task, even when it names units. An
// item whose line goes on is read as before.
func TestFrameHeadingLine(t *testing.T) {
	const plan = "ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nSố: 31/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHòa An, ngày 10 tháng 2 năm 2025\n" +
		"KẾ HOẠCH\nThực hiện nhiệm vụ năm 2025\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nCụ thể hóa các chỉ tiêu của Nghị quyết.\n" +
		"2. Yêu cầu\nCác sở, ban, ngành, Ủy ban nhân dân các huyện bám sát nhiệm vụ được giao, chủ động xây dựng kế hoạch hành động cụ thể; tăng cường phối hợp, kịp thời tháo gỡ khó khăn.\n" +
		"II. NHIỆM VỤ\n1. Sở Tài chính: Chủ trì điều hành ngân sách.\n2. Sở Y tế: Chủ trì công tác tiêm chủng.\n%s" +
		"Các đơn vị báo cáo kết quả gửi Sở Kế hoạch và Đầu tư trước ngày 20/11/2025.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n"
	for _, c := range []struct {
		name, part string
		want       []string
	}{
		{"the heading alone on its line", "", []string{"II.1", "II.2"}},
		// Left alone: a unit's name over its work.
		{"a unit over its work", "3. Thanh tra tỉnh\nKiểm tra việc thực hiện Kế hoạch tại các huyện.\n",
			[]string{"II.1", "II.2", "II.3"}},
	} {
		r := Parse(fmt.Sprintf(plan, c.part), nil)
		var got []string
		for _, tk := range r.Tasks {
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks %q, want %q", c.name, got, c.want)
		}
	}
}

// TestLayoutTableNoteLeftOfTitle: in a table out of "pdftotext -layout",
// the titles wrapped above the header line read top to bottom, and a
// cell set a few places left of its centred title ("Ghi chú"), nearer to
// it than to the column before, belongs to that column, with the lines
// it wraps onto, even a short last one; the figure before it keeps its
// column.
func TestLayoutTableNoteLeftOfTitle(t *testing.T) {
	raw := []string{
		"                 Thu ngân sách     Tỷ lệ hộ",
		"                 trên địa bàn      nghèo không",
		" STT  Đơn vị     tối thiểu         vượt quá            Ghi chú",
		"                 (triệu đồng)      (%)",
		"  1   Xã An Phú     420              6,80          Xã đặc biệt khó",
		"                                                  khăn",
		"  2   Xã Hòa Bình   560              5,40",
	}
	spaceTables(raw)
	want := []string{
		"STT | Đơn vị | Thu ngân sách trên địa bàn tối thiểu (triệu đồng) | Tỷ lệ hộ nghèo không vượt quá (%) | Ghi chú",
		"1 | Xã An Phú | 420 | 6,80 | Xã đặc biệt khó khăn",
		"2 | Xã Hòa Bình | 560 | 5,40 | ",
	}
	got := []string{raw[2], raw[4], raw[6]}
	if !slices.Equal(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
}

// TestFigureRules: the readings of figures this round adds, each beside
// the text it leaves alone.
func TestFigureRules(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		// A range after a level word is a level, whatever verb names the
		// measure; after a verb of change it is a change.
		{"phấn đấu tốc độ tăng trưởng kinh tế đạt từ 6 - 6,5%", []string{">= 6 % "}},
		{"thu nội địa tăng từ 8% đến 10% so với cùng kỳ", []string{">= 8 % increase same-period"}},
		// A grade after a count restated in words and brackets grades
		// what is counted.
		{"có thêm mười hai (12) sản phẩm đạt chuẩn OCOP từ 3 sao trở lên", []string{"= 12 sản phẩm "}},
		{"có thêm 12 sản phẩm đạt chuẩn OCOP từ 3 sao trở lên", []string{"= 12 sản phẩm "}},
		// Percentage points are their own unit.
		{"tỷ lệ trường đạt chuẩn tăng tối thiểu 2 điểm phần trăm so với cùng kỳ", []string{">= 2 điểm phần trăm increase same-period"}},
		// A rate per a scale of people keeps the whole denominator.
		{"phấn đấu đạt 12 bác sĩ/vạn dân", []string{"= 12 bác sĩ/vạn dân "}},
		{"phấn đấu đạt 3,5 giường bệnh/nghìn dân", []string{"= 3.5 giường bệnh/nghìn dân "}},
		{"năng suất lúa đạt 60 tạ/ha", []string{"= 60 tạ/ha "}},
		// "có" after a span of time opened by "trong" sets the goal.
		{"bảo đảm trong 6 tháng cuối năm có ít nhất 10 tin, bài", []string{">= 10 tin, bài "}},
		{"bảo đảm trong năm học có ít nhất 4 chuyên đề", []string{">= 4 chuyên đề "}},
		{"ưu tiên các xã có tỷ lệ hộ nghèo trên 10%", nil},
		// The base of a change named at the end of its sentence, past
		// the commas that list what changes.
		{"cắt giảm tối thiểu 30% kinh phí hội nghị, hội thảo còn lại của năm 2025 so với dự toán được giao", []string{">= 30 % decrease estimate"}},
		{"giảm 10% chi phí, tổ chức 05 hội nghị so với dự toán", []string{"= 10 % decrease ", "= 5 hội nghị  estimate"}},
	} {
		var got []string
		for _, x := range targets(c.text) {
			got = append(got, fmt.Sprintf("%s %g %s %s %s", x.Comparator, x.Value, x.Unit, x.Direction, x.RelativeTo))
		}
		for i := range got {
			got[i] = strings.TrimRight(got[i], " ")
		}
		want := slices.Clone(c.want)
		for i := range want {
			want[i] = strings.TrimRight(want[i], " ")
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: targets %q, want %q", c.text, got, want)
		}
	}
}
