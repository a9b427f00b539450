package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round twenty-three, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// TestSpaceTableWrappedAboveNumber: "pdftotext -layout" prints a table of
// one row per unit whose titles wrap over three lines, the first above the
// line of "TT"; the number stands alone in its column with the unit's name
// flush left after it, under a title centred over its column; the column
// numbers "(1) … (5)" and the "Tổng cộng" row sit among the rows. The table
// is read whole. A line of prose above the header, or one title line of
// the Phụ lục, stays where it is, and so does a table whose first column
// holds more than a number.
func TestSpaceTableWrappedAboveNumber(t *testing.T) {
	for _, c := range []struct {
		name     string
		in, want []string
	}{
		{
			name: "title over three lines, flush-left names, column numbers and sum",
			in: []string{
				"                                 Số lao động         Tỷ lệ bao phủ",
				"    TT            Đơn vị          được tạo việc       BHYT tối thiểu",
				"                                  làm (người)              (%)",
				"    (1)            (2)                (3)                  (4)",
				"     1    Xã Tân Phú                  350                  95,5",
				"     2    Xã Tân Lập                  280                  94,0",
				"          Tổng cộng                   630                  94,8",
			},
			want: []string{
				"",
				"TT | Đơn vị | Số lao động được tạo việc làm (người) | Tỷ lệ bao phủ BHYT tối thiểu (%)",
				"",
				"(1) | (2) | (3) | (4)",
				"1 | Xã Tân Phú | 350 | 95,5",
				"2 | Xã Tân Lập | 280 | 94,0",
				"Tổng cộng |  | 630 | 94,8",
			},
		},
		// Left alone.
		{
			name: "a sentence above the header",
			in: []string{
				"Giao chỉ tiêu cho các xã như sau:",
				"    TT    Đơn vị                  Số lao động (người)",
				"     1    Xã Tân Phú                  350",
			},
			want: []string{
				"Giao chỉ tiêu cho các xã như sau:",
				"TT | Đơn vị | Số lao động (người)",
				"1 | Xã Tân Phú | 350",
			},
		},
		{
			name: "a title line above the header",
			in: []string{
				"                   GIAO CHO CÁC XÃ",
				"    TT    Đơn vị                  Số lao động (người)",
				"     1    Xã Tân Phú                  350",
			},
			want: []string{
				"                   GIAO CHO CÁC XÃ",
				"TT | Đơn vị | Số lao động (người)",
				"1 | Xã Tân Phú | 350",
			},
		},
		{
			name: "more than a number in the first column",
			in: []string{
				"    TT    Đơn vị                  Số lao động (người)",
				"     1a   Xã Tân Phú                  350",
			},
			want: []string{
				"    TT    Đơn vị                  Số lao động (người)",
				"     1a   Xã Tân Phú                  350",
			},
		},
		{
			name: "column numbers and no row",
			in: []string{
				"    TT            Đơn vị          Số lao động (người)",
				"    (1)            (2)                (3)",
				"",
				"Nơi nhận:",
			},
			want: []string{
				"    TT            Đơn vị          Số lao động (người)",
				"    (1)            (2)                (3)",
				"",
				"Nơi nhận:",
			},
		},
	} {
		raw := slices.Clone(c.in)
		spaceTables(raw)
		if !slices.Equal(raw, c.want) {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, raw, c.want)
		}
	}
}

// r23Plan is a Sở's Kế hoạch without Kính gửi whose appendix, after the
// signature, is put in place of "%s".
const r23Plan = "UBND TỈNH KON TUM\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 25/KH-SLĐTBXH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKon Tum, ngày 15 tháng 01 năm 2024\n\nKẾ HOẠCH\nGiải quyết việc làm năm 2024\n\n" +
	"I. TỔ CHỨC THỰC HIỆN\n1. Phòng Việc làm - An toàn lao động: Tổ chức ít nhất 06 phiên giao dịch việc làm.\n2. Phòng Lao động - Thương binh và Xã hội các huyện: Căn cứ chỉ tiêu được giao tại Phụ lục, xây dựng kế hoạch chi tiết.\n" +
	"II. CHẾ ĐỘ BÁO CÁO\nCác đơn vị báo cáo kết quả thực hiện năm 2024 trước ngày 20/11/2024./.\n\nNơi nhận:\n- Lưu: VT, VL.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn An\n\f\n%s"

// r23Appendix is a Phụ lục of one row per huyện, its title lines put in
// place of "%s".
const r23Appendix = "%s\n   (Kèm theo Kế hoạch số 25/KH-SLĐTBXH ngày 15/01/2024 của Sở Lao động - Thương binh và Xã hội)\n\n" +
	"                                 Số lao động         Tỷ lệ qua\n" +
	"    TT            Đơn vị          được tạo việc       đào tạo tối thiểu\n" +
	"                                  làm (người)              (%%)\n" +
	"     1    Huyện Đắk Hà                1.350                  55,5\n" +
	"     2    Huyện Đắk Tô                  980                  52,0\n" +
	"          Tổng cộng                   2.330                  53,8\n"

// TestAppendixTitleOverSeveralLines: "PHỤ LỤC" / "CHỈ TIÊU … NĂM 2024" /
// "GIAO CHO CÁC HUYỆN" is one appendix whose title says it gives targets,
// so its rows of one unit each are tasks, as fresh3 reads such a table,
// each filled cell a target. An appendix titled as a report form over
// the same lines stays no list of tasks.
func TestAppendixTitleOverSeveralLines(t *testing.T) {
	for _, c := range []struct {
		name, title string
		want        []string
	}{
		{"targets over three title lines",
			"                                   PHỤ LỤC\n              CHỈ TIÊU GIẢI QUYẾT VIỆC LÀM NĂM 2024\n                 GIAO CHO CÁC HUYỆN, THÀNH PHỐ",
			[]string{"1 Phòng Việc làm - An toàn lao động [>= 6 phiên]", "2 Phòng Lao động - Thương binh và Xã hội các huyện []",
				"1 Huyện Đắk Hà [= 1350 người >= 55.5 %]", "2 Huyện Đắk Tô [= 980 người >= 52 %]"}},
		// Left alone.
		{"a form over three title lines",
			"                                   PHỤ LỤC\n              BIỂU MẪU BÁO CÁO VIỆC LÀM NĂM 2024\n                 GIAO CHO CÁC HUYỆN, THÀNH PHỐ",
			[]string{"1 Phòng Việc làm - An toàn lao động [>= 6 phiên]", "2 Phòng Lao động - Thương binh và Xã hội các huyện []"}},
	} {
		r := Parse(fmt.Sprintf(r23Plan, fmt.Sprintf(r23Appendix, c.title)), nil)
		var got []string
		for _, tk := range r.Tasks {
			var ts []string
			for _, x := range tk.Targets {
				ts = append(ts, fmt.Sprintf("%s %g %s", x.Comparator, x.Value, x.Unit))
			}
			got = append(got, fmt.Sprintf("%s %s [%s]", tk.Label, strings.Join(roleNames(tk, "lead"), "; "), strings.Join(ts, " ")))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// r23Police is a Công an tỉnh's letter under symbol "%s" to recipients
// for everyone outside, its last task put in place of "%s".
const r23Police = "BỘ CÔNG AN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCÔNG AN TỈNH SÓC TRĂNG\tĐộc lập - Tự do - Hạnh phúc\n\nSố: 215/%s\tSóc Trăng, ngày 06 tháng 3 năm 2024\nV/v báo cáo kết quả quý I năm 2024\n\n" +
	"Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- Ủy ban nhân dân các huyện, thị xã, thành phố.\n\n" +
	"Công an tỉnh đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:\n\n" +
	"1. Sở Y tế chủ trì, phối hợp với Bảo hiểm xã hội tỉnh bảo đảm 100%% cơ sở khám bệnh tra cứu thẻ bảo hiểm y tế qua căn cước công dân.\n\n" +
	"2. %s\n\n" +
	"Báo cáo kết quả gửi về Công an tỉnh trước ngày 15/3/2024.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, %s.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Văn Bình\n"

// TestCodedDepartmentLeads: "Giao Phòng Cảnh sát quản lý hành chính về
// trật tự xã hội (PC06) theo dõi …": the bracketed code, which starts with
// the initials of the name ("PC", Phòng Cảnh sát), closes one name, so
// "quản lý" inside it is no verb. The department is the issuer's own when
// the symbol ("CAT-PC06") or the file copy ("Lưu: VT, PC06") names its
// code, and a recipient for everyone outside does not cover it:
// unit-not-recipient. A code of the words after a verb abbreviates the
// object, and a code named nowhere in the foot leaves the generic
// recipient covering the lead.
func TestCodedDepartmentLeads(t *testing.T) {
	own := "Giao Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06) theo dõi, đôn đốc, tổng hợp kết quả, tham mưu Lãnh đạo Công an tỉnh báo cáo Bộ Công an."
	for _, c := range []struct {
		name, symbol, task, kept, lead string
		warn                           bool
	}{
		{"the symbol's department", "CAT-PC06", own, "PC02", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", true},
		{"the file copy's department", "CAT-PV01", own, "PC06", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", true},
		// Left alone.
		{"a code named nowhere else", "CAT-PV01", own, "PC02", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", false},
		{"the object's code", "CAT-PC06", "Sở Giáo dục và Đào tạo chỉ đạo các Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên (TTGDNN) rà soát học viên.", "PC06", "Sở Giáo dục và Đào tạo", false},
	} {
		r := Parse(fmt.Sprintf(r23Police, c.symbol, c.task, c.kept), nil)
		if len(r.Tasks) != 2 {
			t.Errorf("%s: %d tasks, want 2", c.name, len(r.Tasks))
			continue
		}
		if got := roleNames(r.Tasks[1], "lead"); !slices.Equal(got, []string{c.lead}) {
			t.Errorf("%s: lead %q, want %q", c.name, got, c.lead)
		}
		warned := false
		for _, w := range r.Warnings {
			warned = warned || w.Code == WarnNotRecipient
		}
		if warned != c.warn {
			t.Errorf("%s: unit-not-recipient %v, want %v (%v)", c.name, warned, c.warn, r.Warnings)
		}
	}
}

// TestSupportEndsAtAllocateAndRoadDistrict: "phối hợp với Hạt Quản lý
// đường bộ huyện khẩn trương …" names a road management district, a unit
// as the Hạt Kiểm lâm is; "phối hợp với Phòng X phân bổ, theo dõi …" ends
// the name at the verb "phân bổ". A helper without a unit's name is still
// none, and a name whose words carry no verb is kept whole.
func TestSupportEndsAtAllocateAndRoadDistrict(t *testing.T) {
	for _, c := range []struct {
		task string
		want []string
	}{
		{"Phòng Kinh tế và Hạ tầng: Phối hợp với Hạt Quản lý đường bộ huyện khẩn trương khắc phục các điểm sạt lở.", []string{"Hạt Quản lý đường bộ huyện"}},
		{"Phòng Kế hoạch - Tài chính: Chủ trì, phối hợp với Phòng Giáo dục trung học phân bổ, theo dõi thực hiện chỉ tiêu của các đơn vị.", []string{"Phòng Giáo dục trung học"}},
		// Left alone.
		{"Phòng Kinh tế và Hạ tầng: Phối hợp với Hạt Kiểm lâm huyện khẩn trương kiểm tra các khu rừng.", []string{"Hạt Kiểm lâm huyện"}},
		{"Phòng Kinh tế và Hạ tầng: Phối hợp với người dân khẩn trương khắc phục các điểm sạt lở.", nil},
		{"Phòng Kế hoạch - Tài chính: Chủ trì, phối hợp với Phòng Giáo dục trung học theo dõi thực hiện chỉ tiêu của các đơn vị.", []string{"Phòng Giáo dục trung học"}},
	} {
		r := Parse(fmt.Sprintf(r23Police, "CAT-PV01", c.task, "PV01"), nil)
		if len(r.Tasks) != 2 {
			t.Errorf("%q: %d tasks, want 2", c.task, len(r.Tasks))
			continue
		}
		if got := roleNames(r.Tasks[1], "support"); !slices.Equal(got, c.want) {
			t.Errorf("%q: support %q, want %q", c.task, got, c.want)
		}
	}
}

// TestGradeAndOwnedCountsNoTargets: "từ cấp độ 2 trở lên" is a grade, as
// "mức độ 2" is, and "giải ngân vốn của 03 Chương trình" counts what the
// work is about: neither is a figure to reach. The goal beside them stays,
// and so does a count after "của" with a comparator or a percentage.
func TestGradeAndOwnedCountsNoTargets(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"tỷ lệ trường đạt kiểm định chất lượng giáo dục từ cấp độ 2 trở lên đạt 65%", []string{"= 65 %"}},
		{"tổng hợp tình hình giải ngân vốn của 03 Chương trình", nil},
		{"báo cáo kết quả của 05 xã điểm", nil},
		// Left alone.
		{"phấn đấu tối thiểu 40 trường đạt kiểm định cấp độ 2", []string{">= 40 trường"}},
		{"vận động sự tham gia của ít nhất 500 hộ dân", []string{">= 500 hộ"}},
		{"bảo đảm nhu cầu nước sạch của 100% hộ dân", []string{"= 100 %"}},
		{"giải ngân 100% vốn của 03 Chương trình", []string{"= 100 %"}},
	} {
		var got []string
		for _, x := range targets(c.text) {
			got = append(got, fmt.Sprintf("%s %g %s", x.Comparator, x.Value, x.Unit))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n%q\nwant\n%q", c.text, got, c.want)
		}
	}
}
