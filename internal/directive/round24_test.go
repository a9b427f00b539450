package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round twenty-four, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r24Letter is a UBND xã's letter whose closing paragraph is put in place
// of "%s".
const r24Letter = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ BỐ TRẠCH\tĐộc lập - Tự do - Hạnh phúc\n\nSố: 1284/UBND-VP\tBố Trạch, ngày 12 tháng 9 năm 2025\nV/v báo cáo kết quả thực hiện 9 tháng đầu năm 2025\n\n" +
	"Kính gửi:\n- Phòng Kinh tế;\n- Công an xã.\n\n" +
	"Ủy ban nhân dân xã đề nghị các cơ quan, đơn vị báo cáo kết quả thực hiện như sau:\n\n" +
	"1. Phòng Kinh tế báo cáo kết quả thu ngân sách 9 tháng đầu năm 2025.\n\n" +
	"2. Công an xã báo cáo tình hình an ninh, trật tự.\n\n" +
	"%s\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n"

// TestReportDueLabel: "Hạn gửi báo cáo: ngày D" is a last day as "hạn
// cuối ngày D" is, also with an OCR's "bảo cáo" (it folds the same), and
// outranks the office's onward "báo cáo Ủy ban nhân dân tỉnh trước ngày
// D2" after it. A date said with "báo cáo:" but no "hạn" (the data's
// cut-off), or a "hạn" without the colon before its date, changes nothing.
func TestReportDueLabel(t *testing.T) {
	for _, c := range []struct {
		name, closing, want string
	}{
		{"hạn gửi báo cáo", "Số liệu tính đến ngày 15/9/2025. Hạn gửi báo cáo: ngày 22/9/2025 (thứ Hai), gửi về Ủy ban nhân dân xã để tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 25/9/2025.", "by 2025-09-22"},
		{"OCR's bảo cáo", "Số liệu tính đến ngày 15/9/2025. Hạn gửi bảo cáo: ngày 22/9/2025 (thứ Hai), gửi về Ủy ban nhân dân xã để tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 25/9/2025.", "by 2025-09-22"},
		{"hạn nộp with a time", "Hạn nộp báo cáo: 16 giờ 00 ngày 22/9/2025, gửi về Văn phòng HĐND và UBND xã.", "by 2025-09-22 16:00"},
		// Left alone.
		{"a data cut-off, no hạn", "Số liệu báo cáo: ngày 22/9/2025; các đơn vị gửi về Ủy ban nhân dân xã trước ngày 25/9/2025.", "before 2025-09-25"},
		{"hạn said before trước", "Hạn gửi báo cáo trước ngày 22/9/2025, gửi về Ủy ban nhân dân xã.", "before 2025-09-22"},
	} {
		r := Parse(fmt.Sprintf(r24Letter, c.closing), nil)
		got := "none"
		if d := r.Deadline; d != nil {
			got = strings.TrimSpace(d.Relation + " " + d.Date + " " + d.Time)
		}
		if got != c.want {
			t.Errorf("%s: deadline %q, want %q", c.name, got, c.want)
		}
	}
}

// r24Resolution is a HĐND xã's Nghị quyết on the plan of "%s", whose
// Điều 3 is put in place of "%s".
const r24Resolution = "HỘI ĐỒNG NHÂN DÂN\nXÃ VĂN BÀN\n\nSố: 28/NQ-HĐND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nVăn Bàn, ngày 19 tháng 12 năm 2025\n\nNGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội %s\n\n" +
	"HỘI ĐỒNG NHÂN DÂN XÃ VĂN BÀN\nKHÓA I, KỲ HỌP THỨ TƯ\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\nQUYẾT NGHỊ:\n\n" +
	"Điều 1. Thông qua kế hoạch phát triển kinh tế - xã hội của xã.\n\n" +
	"Điều 2. %s\n\n" +
	"Điều 3. Giao Thường trực Hội đồng nhân dân xã giám sát việc thực hiện Nghị quyết.\n\n" +
	"Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026./.\n\nNơi nhận:\n- Thường trực HĐND xã;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn Bình\n"

// TestResolutionYearReport: a Nghị quyết adopting a year's plan asks its
// executing body for the half-year's report and the year's in one
// sentence, as a Kế hoạch or a Quyết định giving a year's targets does:
// the round is the year's report, by its date, and its period the year. A
// Nghị quyết on a half-year keeps its first date.
func TestResolutionYearReport(t *testing.T) {
	const both = "Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này; báo cáo Hội đồng nhân dân xã kết quả thực hiện 6 tháng đầu năm trước ngày 15/6/2026 và báo cáo kết quả thực hiện năm 2026 chậm nhất ngày 20/11/2026 để trình kỳ họp cuối năm."
	for _, c := range []struct {
		name, term, art, want, period string
	}{
		{"the year's plan", "năm 2026", both, "by 2026-11-20", "year 2026 0"},
		// Left alone.
		{"a half-year's plan", "6 tháng đầu năm 2026", "Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này; báo cáo Hội đồng nhân dân xã kết quả thực hiện quý I năm 2026 trước ngày 15/3/2026 và báo cáo kết quả thực hiện 6 tháng đầu năm 2026 chậm nhất ngày 20/6/2026.", "before 2026-03-15", ""},
	} {
		r := Parse(fmt.Sprintf(r24Resolution, c.term, c.art), nil)
		got, per := "none", "none"
		if d := r.Deadline; d != nil {
			got = d.Relation + " " + d.Date
		}
		if p := r.Period; p != nil {
			per = fmt.Sprintf("%s %d %d", p.Kind, p.Year, p.Index)
		}
		if c.period == "" {
			per = "" // the deadline alone is the case
		}
		if got != c.want || per != c.period {
			t.Errorf("%s: deadline %q period %q, want %q %q", c.name, got, per, c.want, c.period)
		}
	}
}

// r24Inspection is a Kế hoạch kiểm tra whose section II heading is put in
// place of "%s" and whose III heading in place of the second "%s".
const r24Inspection = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN THANH HÀ\tĐộc lập - Tự do - Hạnh phúc\nSố: 97/KH-UBND\tThanh Hà, ngày 26 tháng 6 năm 2023\n\nKẾ HOẠCH\nKiểm tra việc thực hiện nhiệm vụ thu ngân sách 6 tháng đầu năm 2023 tại các xã, thị trấn\n\n" +
	"I. MỤC ĐÍCH, YÊU CẦU\n1. Đánh giá kết quả thu ngân sách 6 tháng đầu năm 2023 của các xã, thị trấn.\n\n" +
	"II. %s\n1. Nội dung kiểm tra\n- Kết quả thu ngân sách 6 tháng đầu năm 2023.\n2. Lịch kiểm tra\n" +
	"TT\tĐơn vị được kiểm tra\tThời gian\tĐịa điểm\n1\tThị trấn Thanh Hà\tSáng 13/7/2023 (thứ Năm)\tHội trường UBND thị trấn\n2\tXã Thanh Sơn\tChiều 13/7/2023 (thứ Năm)\tTrụ sở UBND xã\n\n" +
	"III. %s\n- Trưởng đoàn: Đồng chí Vũ Đình Thiện, Phó Chủ tịch UBND huyện.\n- Thành viên: đại diện Kho bạc Nhà nước Thanh Hà.\n\n" +
	"IV. TỔ CHỨC THỰC HIỆN\n1. Phòng Tài chính - Kế hoạch chủ trì xây dựng đề cương báo cáo, tổng hợp kết quả kiểm tra.\n\n" +
	"2. Ủy ban nhân dân thị trấn Thanh Hà và các xã Thanh Sơn, Tân An tự kiểm tra, xây dựng báo cáo kết quả thực hiện 6 tháng đầu năm 2023. Báo cáo gửi về Đoàn kiểm tra trước ngày 10/7/2023.\n\n" +
	"Trên đây là Kế hoạch kiểm tra, đề nghị các cơ quan, đơn vị thực hiện./.\n\nNơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- Lưu: VT.\tKT. CHỦ TỊCH\n\tPHÓ CHỦ TỊCH\n\n\tVũ Đình Thiện\n"

// TestInspectionFrameNotTasks: "II. NỘI DUNG, ĐỐI TƯỢNG VÀ LỊCH KIỂM TRA"
// says what is checked and when the team visits each unit (a schedule
// table), and "III. THÀNH PHẦN ĐOÀN KIỂM TRA" who goes ("- Trưởng đoàn:
// Đồng chí …"): neither gives work, so the tasks are those of "TỔ CHỨC
// THỰC HIỆN". A section II that gives the units their work ("II. NHIỆM
// VỤ CỤ THỂ") keeps its items, and a III heading that is no members list
// keeps its lines.
func TestInspectionFrameNotTasks(t *testing.T) {
	for _, c := range []struct {
		name, ii, iii string
		want          []string
	}{
		{"schedule and members", "NỘI DUNG, ĐỐI TƯỢNG VÀ LỊCH KIỂM TRA", "THÀNH PHẦN ĐOÀN KIỂM TRA", []string{"IV.1", "IV.2"}},
		{"members alone in the heading", "NỘI DUNG, ĐỐI TƯỢNG VÀ LỊCH KIỂM TRA", "THÀNH PHẦN", []string{"IV.1", "IV.2"}},
		// Left alone: under a III that is no members list, the line that
		// names someone before a colon is read as before.
		{"a III that is work", "NỘI DUNG, ĐỐI TƯỢNG VÀ LỊCH KIỂM TRA", "PHÂN CÔNG NHIỆM VỤ", []string{"", "IV.1", "IV.2"}},
		// "NỘI DUNG KIỂM TRA" alone may list work: its items stay.
		{"a II of contents alone", "NỘI DUNG KIỂM TRA", "THÀNH PHẦN ĐOÀN KIỂM TRA", []string{"II.1", "II.2", "II.1", "II.2", "IV.1", "IV.2"}},
	} {
		r := Parse(fmt.Sprintf(r24Inspection, c.ii, c.iii), nil)
		var got []string
		for _, tk := range r.Tasks {
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks %q, want %q", c.name, got, c.want)
		}
	}
}

// TestSharedLocalBody: "Ủy ban nhân dân thị trấn Thanh Hà và các xã Thanh
// Sơn, Tân An tự kiểm tra …" shares "Ủy ban nhân dân" over the places
// after "và", each its own lead, and "tự kiểm tra" ends the names as
// "kiểm tra" does. A piece with its own body, or after a unit not named by
// its place, is left as written, and "Tư pháp" is no "tự".
func TestSharedLocalBody(t *testing.T) {
	for _, c := range []struct {
		name, task string
		want       []string
	}{
		{"shared over the xã", "Ủy ban nhân dân thị trấn Thanh Hà và các xã Thanh Sơn, Tân An tự kiểm tra, xây dựng báo cáo kết quả.",
			[]string{"Ủy ban nhân dân thị trấn Thanh Hà", "Ủy ban nhân dân xã Thanh Sơn", "Ủy ban nhân dân xã Tân An"}},
		{"Công an shared", "Công an thị trấn Thanh Hà và các xã Thanh Sơn, Tân An rà soát, báo cáo tình hình an ninh.",
			[]string{"Công an thị trấn Thanh Hà", "Công an xã Thanh Sơn", "Công an xã Tân An"}},
		// Left alone.
		{"own body after và", "Ủy ban nhân dân các huyện Tháp Mười, Tam Nông và Ủy ban nhân dân thành phố Hồng Ngự khẩn trương báo cáo.",
			[]string{"Ủy ban nhân dân huyện Tháp Mười", "Ủy ban nhân dân huyện Tam Nông", "Ủy ban nhân dân thành phố Hồng Ngự"}},
		{"Tư pháp is no tự", "Phòng Tư pháp kiểm tra, báo cáo kết quả.", []string{"Phòng Tư pháp"}},
	} {
		r := Parse(fmt.Sprintf(r23Police, "CAT-PV01", c.task, "PV01"), nil)
		if len(r.Tasks) != 2 {
			t.Errorf("%s: %d tasks, want 2", c.name, len(r.Tasks))
			continue
		}
		if got := roleNames(r.Tasks[1], "lead"); !slices.Equal(got, c.want) {
			t.Errorf("%s: leads %q, want %q", c.name, got, c.want)
		}
	}
}
