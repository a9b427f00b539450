package directive

import (
	"fmt"
	"slices"
	"testing"
)

// The rules of round twenty-two, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r22Plan is a xã's document under symbol "%s" for the year 2026, with
// tasks and a closing paragraph put in place of "%s".
const r22Plan = "ỦY BAN NHÂN DÂN\nXÃ TÂN UYÊN\n\nSố: 09/%s\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nTân Uyên, ngày 14 tháng 01 năm 2026\n\nKẾ HOẠCH\nThực hiện chuyển đổi số trên địa bàn xã năm 2026\n\n" +
	"I. NHIỆM VỤ CỤ THỂ\n1. Công an xã thu nhận hồ sơ định danh điện tử cho ít nhất 1.500 công dân.\n2. Phòng Văn hóa - Xã hội tổ chức ít nhất 04 đợt tuyên truyền.\n" +
	"II. TỔ CHỨC THỰC HIỆN\n%s\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLò Văn Khiêm\n"

// TestYearReportListedAfterSemicolon: a plan for a year lists its reports
// in one sentence, parted by ";" ("báo cáo 6 tháng gửi trước ngày
// 10/6/2026; báo cáo kết quả thực hiện năm 2026 gửi về …, hạn cuối ngày
// 20/11/2026"). The year's report is the round's, and so is its year, as
// when the two come in one clause; the plans the units send first
// ("xây dựng kế hoạch chi tiết …, gửi … trước ngày 31/01/2026") stay a
// step before the work. The next piece that is no year's report, a
// sentence ended with ".", and a công văn, keep the first date.
func TestYearReportListedAfterSemicolon(t *testing.T) {
	plans := "Các cơ quan, đơn vị được giao chủ trì xây dựng kế hoạch chi tiết của đơn vị mình, gửi Ủy ban nhân dân xã trước ngày 31/01/2026; chủ động phối hợp, kịp thời báo cáo khó khăn, vướng mắc.\n"
	listed := "Chế độ báo cáo: định kỳ hằng quý trước ngày 15 của tháng cuối quý; báo cáo 6 tháng gửi trước ngày 10/6/2026; báo cáo kết quả thực hiện năm 2026 gửi về Ủy ban nhân dân xã (qua Văn phòng HĐND và UBND xã), hạn cuối ngày 20/11/2026, để tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 30/11/2026."
	for _, c := range []struct {
		name, symbol, closing, date, rel, period string
	}{
		{"the year's report after a semicolon", "KH-UBND", plans + listed, "2026-11-20", "by", "year 2026 0"},
		{"without the plans", "KH-UBND", listed, "2026-11-20", "by", "year 2026 0"},
		// Left alone.
		{"a quarter's report after the semicolon", "KH-UBND", "Chế độ báo cáo: báo cáo 6 tháng gửi trước ngày 10/6/2026; báo cáo quý III gửi trước ngày 15/9/2026.", "2026-06-10", "before", "half-year 2026 1"},
		{"a công văn", "UBND-VP", listed, "2026-06-10", "before", ""},
	} {
		r := Parse(fmt.Sprintf(r22Plan, c.symbol, c.closing), nil)
		got, per := "", ""
		if r.Deadline != nil {
			got = r.Deadline.Date + " " + r.Deadline.Relation
		}
		if r.Period != nil {
			per = fmt.Sprintf("%s %d %d", r.Period.Kind, r.Period.Year, r.Period.Index)
		}
		if got != c.date+" "+c.rel {
			t.Errorf("%s: deadline %q, want %q", c.name, got, c.date+" "+c.rel)
		}
		if c.period != "" && per != c.period {
			t.Errorf("%s: period %q, want %q", c.name, per, c.period)
		}
	}
}

// r22Letter is a Đảng ủy xã's letter whose closing is put in place of
// "%s".
const r22Letter = "ĐẢNG BỘ TỈNH ĐIỆN BIÊN\nĐẢNG ỦY XÃ MƯỜNG ẢNG\n*\nSố 152-CV/ĐU\nV/v chuẩn bị báo cáo sơ kết công tác\n6 tháng đầu năm 2026\nĐẢNG CỘNG SẢN VIỆT NAM\nMường Ảng, ngày 22 tháng 5 năm 2026\n\n" +
	"Kính gửi:\n- Các chi bộ trực thuộc,\n- Ủy ban nhân dân xã.\n\n" +
	"Ban Thường vụ Đảng ủy xã đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:\n" +
	"1) Các chi bộ trực thuộc xây dựng báo cáo sơ kết 6 tháng đầu năm 2026 của chi bộ.\n2) Ủy ban nhân dân xã đánh giá kết quả thực hiện các chỉ tiêu 6 tháng đầu năm 2026.\n" +
	"%s\n\nNơi nhận:\n- Như kính gửi,\n- Lưu Văn phòng Đảng ủy.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n\nLò Thị Hương\n"

// TestWithinDayBeforeOnwardReport: "gửi báo cáo … trong ngày 04/6/2026
// (thứ Năm) để tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy trước ngày
// 15/6/2026": the units send within the day; the later date, after "để
// tổng hợp", is the office's own report upward. A "trong ngày" that is not
// followed by the office's report, and a data window "đến hết ngày", do not
// outrank a "trước" date, as before.
func TestWithinDayBeforeOnwardReport(t *testing.T) {
	for _, c := range []struct {
		name, closing, want string
	}{
		{"within the day, then the office's report", "Các cơ quan, đơn vị gửi báo cáo về Đảng ủy xã (qua Văn phòng Đảng ủy) trong ngày 04/6/2026 (thứ Năm) để tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 15/6/2026.", "2026-06-04 by"},
		// Left alone.
		{"within the day, no onward report", "Các chi bộ tổ chức hội nghị trong ngày 04/6/2026 và gửi báo cáo về Đảng ủy xã trước ngày 15/6/2026.", "2026-06-15 before"},
		{"the data's end, then the units' date", "Số liệu tính đến hết ngày 31/5/2026, gửi về Đảng ủy xã trước ngày 05/6/2026 để tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 15/6/2026.", "2026-06-05 before"},
	} {
		r := Parse(fmt.Sprintf(r22Letter, c.closing), nil)
		got := ""
		if r.Deadline != nil {
			got = r.Deadline.Date + " " + r.Deadline.Relation
		}
		if got != c.want {
			t.Errorf("%s: deadline %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSpelledNumberBesideFigure: a count written in words with the figure
// in brackets ("ít nhất hai (02) đợt", "không dưới mười hai (12) xã"), or
// the other way round ("tối thiểu 02 (hai) đợt"), is one target read from
// the figure, with the unit after the brackets. Words and a figure that do
// not agree ("năm (2025)", "ba (04) đợt") are no such pair, and a figure
// that restates itself after its unit is read as before.
func TestSpelledNumberBesideFigure(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Tổ chức ít nhất hai (02) đợt tổng vệ sinh, tiêu độc, khử trùng.", []string{">= 2 đợt"}},
		{"Tổ chức tối thiểu 02 (hai) đợt tổng vệ sinh.", []string{">= 2 đợt"}},
		{"Kiểm tra không dưới mười hai (12) xã và hỗ trợ một trăm linh năm (105) hộ.", []string{">= 12 xã", "= 105 hộ"}},
		{"Vận động từ hai mươi lăm (25) hộ trở lên tham gia.", []string{">= 25 hộ"}},
		// Left alone.
		{"Rà soát, cập nhật thông tin của tối thiểu 1.200 hộ (một nghìn hai trăm hộ) chăn nuôi.", []string{">= 1200 hộ"}},
		{"Thực hiện trong thời hạn năm (05) năm.", nil},
		{"Tổ chức ít nhất ba (04) đợt tuyên truyền.", nil},
		{"Trong năm (2025) hỗ trợ ít nhất 3 xã.", []string{">= 3 xã"}},
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

// TestPlacesSelectedByWhatTheyHold: "phối hợp với Ủy ban nhân dân các xã
// có dự án đẩy nhanh …": the clause "có dự án" picks the xã the work
// concerns and is part of the name, as "có đường sắt đi qua" is. "có"
// before what a unit issues ("các xã có văn bản gửi …", "có ý kiến") is
// the unit acting, and a single unit is not a group of places.
func TestPlacesSelectedByWhatTheyHold(t *testing.T) {
	for _, c := range []struct {
		text, want string
	}{
		{"Ủy ban nhân dân các xã có dự án", "Ủy ban nhân dân các xã có dự án"},
		{"Ủy ban nhân dân các xã, phường có công trình cấp nước", "Ủy ban nhân dân các xã, phường có công trình cấp nước"},
		{"Ủy ban nhân dân các xã có dự án và Trung tâm Phát triển quỹ đất", "Ủy ban nhân dân các xã có dự án và Trung tâm Phát triển quỹ đất"},
		// Left alone.
		{"Ủy ban nhân dân các xã có văn bản", "Ủy ban nhân dân các xã"},
		{"Ủy ban nhân dân các xã có ý kiến", "Ủy ban nhân dân các xã"},
		{"Ủy ban nhân dân các tỉnh, thành phố có đường sắt đi qua", "Ủy ban nhân dân các tỉnh, thành phố có đường sắt đi qua"},
	} {
		if got := cutUnitNames(c.text); got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
	// Through a task: the support keeps its clause.
	r := Parse(fmt.Sprintf(r22Letter, "3) Trung tâm Nước sạch phối hợp với Ủy ban nhân dân các xã có công trình cấp nước đẩy nhanh tiến độ đấu nối, phấn đấu đấu nối mới tối thiểu 3.500 hộ."), nil)
	var sup []string
	for _, tk := range r.Tasks {
		sup = append(sup, roleNames(tk, "support")...)
	}
	if want := []string{"Ủy ban nhân dân các xã có công trình cấp nước"}; !slices.Equal(sup, want) {
		t.Errorf("supports %q, want %q", sup, want)
	}
}
