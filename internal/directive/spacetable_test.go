package directive

import (
	"strings"
	"testing"
)

// TestSpaceTables: a table laid out by runs of spaces, as "pdftotext
// -layout" prints it, is read by the columns of its header row; cells wrap
// onto continuation lines, and a ";" in a unit cell separates two units.
func TestSpaceTables(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string // the rewritten lines, "" for a continuation gathered
	}{
		{
			name: "wrapped cells",
			in: []string{
				" TT  Nhiệm vụ                    Chủ trì            Phối hợp             Thời gian",
				" 1   Tỷ lệ hồ sơ trực tuyến      Văn phòng HĐND và  UBND các xã          Cả năm",
				"     đạt từ 80% trở lên          UBND huyện",
				"",
				" 2   Tổ chức 04 lớp bồi dưỡng    Phòng Nội vụ       Viettel Lục Ngạn;    Quý III/2024",
				"                                                    VNPT Lục Ngạn",
				"",
				"    Nơi nhận:",
			},
			want: []string{
				"TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian",
				"1 | Tỷ lệ hồ sơ trực tuyến đạt từ 80% trở lên | Văn phòng HĐND và UBND huyện | UBND các xã | Cả năm",
				"",
				"",
				"2 | Tổ chức 04 lớp bồi dưỡng | Phòng Nội vụ | Viettel Lục Ngạn; VNPT Lục Ngạn | Quý III/2024",
				"",
				"",
				"    Nơi nhận:",
			},
		},
		{
			name: "header on two lines, a cell running into the next column",
			in: []string{
				"STT  Nội dung nhiệm vụ      Đơn vị          Đơn vị",
				"                            chủ trì         phối hợp",
				"1.   Rà soát hộ nghèo năm   Phòng Nội vụ    Công an xã",
				"     2026 toàn xã đạt 100% Phòng Tư pháp",
			},
			want: []string{
				"STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp",
				"",
				"1. | Rà soát hộ nghèo năm 2026 toàn xã đạt 100% | Phòng Nội vụ Phòng Tư pháp | Công an xã",
				"",
			},
		},
		{
			name: "header words in prose are no table",
			in: []string{
				"TT  Huyện ủy, HĐND huyện;",
				"1   Phòng Nội vụ báo cáo.",
			},
			want: []string{
				"TT  Huyện ủy, HĐND huyện;",
				"1   Phòng Nội vụ báo cáo.",
			},
		},
		{
			name: "columns of the header block are no table",
			in: []string{
				"     ỦY BAN NHÂN DÂN                        CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
				"     Số: 27/KH-UBND                            Lục Ngạn, ngày 22 tháng 01 năm 2024",
			},
			want: []string{
				"     ỦY BAN NHÂN DÂN                        CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
				"     Số: 27/KH-UBND                            Lục Ngạn, ngày 22 tháng 01 năm 2024",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := append([]string(nil), tt.in...)
			spaceTables(raw)
			if got, want := strings.Join(raw, "\n"), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestCellUnits: a ";" in a table's unit cell separates two units even
// when neither opens with a unit's kind.
func TestCellUnits(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Viettel Lục Ngạn; VNPT Lục Ngạn", []string{"Viettel Lục Ngạn", "VNPT Lục Ngạn"}},
		{"Phòng Kinh tế và Hạ tầng; Hội Nông dân huyện", []string{"Phòng Kinh tế và Hạ tầng", "Hội Nông dân huyện"}},
		{"Văn phòng HĐND và UBND huyện", []string{"Văn phòng HĐND và UBND huyện"}},
	}
	for _, tt := range tests {
		if got := cellUnits(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("cellUnits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Indented lines past what any cell wraps onto end the table: they are
// prose laid out in columns, and gathering them on would copy an ever
// longer cell for each (quadratic on a large input).
func TestSpaceTableWrapLimit(t *testing.T) {
	head := " TT  Nhiệm vụ                    Chủ trì            Phối hợp"
	wrapped := "     tiếp tục nội dung           thêm chữ           thêm nữa"
	raw := []string{head}
	for range maxHeadWraps + 1 {
		raw = append(raw, wrapped)
	}
	raw = append(raw, " 1   Tổ chức 04 lớp bồi dưỡng    Phòng Nội vụ       UBND các xã")
	spaceTables(raw)
	if strings.Contains(raw[0], "|") || strings.Contains(raw[len(raw)-1], "|") {
		t.Errorf("a header followed by %d wrapped lines was read as a table:\n%s", maxHeadWraps+1, strings.Join(raw, "\n"))
	}
	raw = []string{head, " 1   Tổ chức 04 lớp bồi dưỡng    Phòng Nội vụ       UBND các xã"}
	for range maxWraps + 1 {
		raw = append(raw, wrapped)
	}
	spaceTables(raw)
	if got := raw[1]; strings.Count(got, "tiếp tục") > maxWraps {
		t.Errorf("row 1 gathered %d wrapped lines, want at most %d", strings.Count(got, "tiếp tục"), maxWraps)
	}
}
