package directive

import (
	"strings"
	"testing"
)

// TestOCRDigits: a scan reads "1" as "l" and "0" as "O"; in numeric
// contexts they are digits again, inside words never.
func TestOCRDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Số: 3l2/UBND-VP", "Số: 312/UBND-VP"},
		{"Hà Tĩnh, ngày 2l tháng ll năm 2025", "Hà Tĩnh, ngày 21 tháng 11 năm 2025"},
		{"gửi trước ngày 0l/12/2025", "gửi trước ngày 01/12/2025"},
		{"gửi trước ngày 05/l2/2025", "gửi trước ngày 05/12/2025"},
		{"Công văn số 4l87/UBND-TH ngày l4/11/2025", "Công văn số 4187/UBND-TH ngày 14/11/2025"},
		{"   l. Phòng Kinh tế: báo cáo", "   1. Phòng Kinh tế: báo cáo"},
		{"tỷ lệ hộ nghèo dưới l,5%; đạt l00%; diện tích l.200 ha", "tỷ lệ hộ nghèo dưới 1,5%; đạt 100%; diện tích 1.200 ha"},
		{"giảm l0% so với cùng kỳ, ước 2O25", "giảm 10% so với cùng kỳ, ước 2025"},
		{"tăng l% so với dự toán", "tăng 1% so với dự toán"},
		// Words, names and codes stay as they are.
		{"lực lượng lao động lo lắng về Lào Cai", "lực lượng lao động lo lắng về Lào Cai"},
		{"phòng, chống COVID-19 và H5N1; Ol và lO", "phòng, chống COVID-19 và H5N1; Ol và lO"},
		{"l. không đúng ở giữa câu: a l. b", "1. không đúng ở giữa câu: a l. b"},
	}
	for _, tt := range tests {
		if got := ocrText(tt.in); got != tt.want {
			t.Errorf("ocrText(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
	// A lone "l." in a list numbered in Roman numerals is "I.".
	in := "l. MỤC ĐÍCH\nNội dung.\nII. NHIỆM VỤ\n"
	if got := ocrText(in); !strings.HasPrefix(got, "I. MỤC ĐÍCH") {
		t.Errorf("roman list: got %q", got)
	}
}

// TestHyphenBreak: a syllable cut by a hyphen at the end of a line is
// joined, the line count kept; two whole words around a dash are not.
func TestHyphenBreak(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tỷ lệ đạt tr-\n   ên 98%; tỷ lệ", "tỷ lệ đạt trên\n   98%; tỷ lệ"},
		{"đề nghị thự-\nc hiện nghiêm", "đề nghị thực\nhiện nghiêm"},
		{"phát triển kinh tế-\nxã hội", "phát triển kinh tế-\nxã hội"},
		{"Độc lập - Tự do -\nHạnh phúc", "Độc lập - Tự do -\nHạnh phúc"},
	}
	for _, tt := range tests {
		if got := ocrText(tt.in); got != tt.want {
			t.Errorf("ocrText(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

// TestOCRHeader: the header and the deadline of a scanned letter are read
// through the misread digits.
func TestOCRHeader(t *testing.T) {
	text := "UỶ BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 3l2/UBND-VP\nAn Phú, ngày 2l tháng ll năm 2025\n\n" +
		"Kính gửi: Phòng Kinh tế.\n\nl. Phòng Kinh tế: báo cáo tỷ lệ thu thuế đạt l00%.\n\n" +
		"Báo cáo gửi về UBND xã trước ngày 05/l2/2025.\n"
	r := Parse(text, nil)
	if r.Number != "312" || r.Date != "2025-11-21" {
		t.Errorf("number %q date %q, want 312 2025-11-21", r.Number, r.Date)
	}
	if r.Deadline == nil || r.Deadline.Date != "2025-12-05" {
		t.Errorf("deadline = %+v, want 2025-12-05", r.Deadline)
	}
	if len(r.Tasks) != 1 || r.Tasks[0].Label != "1" || len(r.Tasks[0].Targets) != 1 || r.Tasks[0].Targets[0].Value != 100 {
		t.Errorf("tasks = %+v", r.Tasks)
	}
}
