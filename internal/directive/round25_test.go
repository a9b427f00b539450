package directive

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The rules of round twenty-five, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// r25Letter is a UBND huyện's letter whose task table is put in place of
// "%s".
const r25Letter = "ỦY BAN NHÂN DÂN\nHUYỆN PHÚ TÂN\nSố: 512/UBND-VP\nV/v triển khai nhiệm vụ quý IV năm 2025\n\n" +
	"Kính gửi:\n- Các cơ quan chuyên môn thuộc UBND huyện;\n- Ủy ban nhân dân các xã, thị trấn.\n\n" +
	"Ủy ban nhân dân huyện giao nhiệm vụ như sau:\n\n%s\n\n" +
	"Các cơ quan, đơn vị báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 15/12/2025.\n\n" +
	"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n"

// TestPipeRowsWrapped: a "|" table whose cells wrap over several lines,
// the number column empty on the continuation lines, reads one task a
// row with each column's pieces joined ("Phòng Tài chính - Kế" +
// "hoạch"), whatever the number of columns; so does one whose rows are
// parted by separator lines. A table whose one line with no number is a
// row of its own (a total), and one with no separator, are left as they
// were.
func TestPipeRowsWrapped(t *testing.T) {
	for _, c := range []struct {
		name, table string
		want        []string // per task: label, then leads / supports
	}{
		{"five columns, number starts a row",
			"| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |\n|----|----|----|----|----|\n" +
				"| 1  | Tập trung chống thất thu | Chi cục Thuế    | Phòng Tài chính - Kế | Trước |\n" +
				"|    | thuế năm 2025.           | huyện Phú Tân   | hoạch                | 31/12/2025 |\n" +
				"| 2  | Rà soát hộ nghèo, hộ     | Phòng Lao động -| Ủy ban nhân dân các  | Quý IV |\n" +
				"|    | cận nghèo năm 2025.      | Thương binh và  | xã, thị trấn         |  |\n" +
				"|    |                          | Xã hội          |                      |  |",
			[]string{"1 Chi cục Thuế huyện Phú Tân / Phòng Tài chính - Kế hoạch", "2 Phòng Lao động - Thương binh và Xã hội / Ủy ban nhân dân các xã, thị trấn"}},
		{"four columns, rows between separators",
			"| STT | Nhiệm vụ | Chủ trì | Phối hợp |\n|---|---|---|---|\n" +
				"| 1 | Tập trung chống thất thu | Chi cục Thuế | Phòng Tài chính - Kế |\n" +
				"|   | thuế năm 2025.          |              | hoạch                |\n|---|---|---|---|\n" +
				"| 2 | Rà soát hộ nghèo năm    | Phòng Văn hóa - | Ủy ban nhân dân các |\n" +
				"|   | 2025.                   | Xã hội          | xã, thị trấn        |\n|---|---|---|---|",
			[]string{"1 Chi cục Thuế / Phòng Tài chính - Kế hoạch", "2 Phòng Văn hóa - Xã hội / Ủy ban nhân dân các xã, thị trấn"}},
		// Left alone: one line with no number is a total row.
		{"a total row",
			"| TT | Nội dung | Đơn vị chủ trì | Chỉ tiêu (hộ) |\n|---|---|---|---|\n" +
				"| 1 | Rà soát hộ nghèo | Phòng Văn hóa - Xã hội | 120 |\n" +
				"| 2 | Hỗ trợ nhà ở | Ủy ban nhân dân xã Phú Lâm | 45 |\n" +
				"|   | Tổng cộng |  | 165 |",
			[]string{"1 Phòng Văn hóa - Xã hội / ", "2 Ủy ban nhân dân xã Phú Lâm / "}},
	} {
		r := Parse(fmt.Sprintf(r25Letter, c.table), nil)
		var got []string
		for _, tk := range r.Tasks {
			got = append(got, tk.Label+" "+strings.Join(roleNames(tk, "lead"), "; ")+" / "+strings.Join(roleNames(tk, "support"), "; "))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: tasks\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestPipeRowsTotalKept: the total row of a table with no wrapped rows is
// not joined into the row above (its figures stay out of the last row's
// target).
func TestPipeRowsTotalKept(t *testing.T) {
	raw := strings.Split("| TT | Xã | Chỉ tiêu |\n|---|---|---|\n| 1 | Xã A | 125 |\n| 2 | Xã B | 70 |\n|  | Tổng cộng | 195 |", "\n")
	want := slices.Clone(raw)
	joinPipeRows(raw)
	if !slices.Equal(raw, want) {
		t.Errorf("joinPipeRows changed a table with no wrap:\n%q", raw)
	}
}

// TestWeekdayDeadline: "trước thứ Sáu, ngày D" is before D with no time,
// as "trước 10 giờ thứ Hai, ngày D" was before D at 10:00; the weekday
// only names the day. A weekday with no date gives no deadline.
func TestWeekdayDeadline(t *testing.T) {
	for _, c := range []struct {
		name, closing, want string
	}{
		{"weekday, no time", "Các đơn vị gửi báo cáo về Sở Y tế trước thứ Sáu, ngày 12/6/2026.", "before 2026-06-12"},
		{"weekday, no comma", "Các đơn vị gửi báo cáo về Sở Y tế chậm nhất thứ Hai ngày 15/6/2026.", "by 2026-06-15"},
		{"time and weekday", "Các đơn vị gửi báo cáo về Sở Y tế trước 10 giờ 00 thứ Hai, ngày 15/6/2026.", "before 2026-06-15 10:00"},
		// Left alone.
		{"weekday, no date", "Các đơn vị gửi báo cáo về Sở Y tế trước thứ Sáu hằng tuần.", "none"},
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
