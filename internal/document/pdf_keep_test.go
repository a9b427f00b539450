package document

import (
	"fmt"
	"strings"
	"testing"
)

// pageOf is the index of the first page whose text holds s whole, or -1.
func pageOf(pages []string, s string) int {
	for i, p := range pages {
		if strings.Contains(squash(p), squash(s)) {
			return i
		}
	}
	return -1
}

// filler is ones one-line paragraphs and twos two-line ones: their sum of
// heights moves what follows them down the page in steps of a few mm.
func filler(ones, twos int) []Block {
	var out []Block
	for i := range ones {
		out = append(out, P(fmt.Sprintf("Đoạn ngắn số %d.", i+1)))
	}
	for i := range twos {
		out = append(out, P(fmt.Sprintf("Đoạn dài số %d: Ủy ban nhân dân huyện đã chỉ đạo các cơ quan, đơn vị triển khai thực hiện nghiêm túc, kịp thời, đúng tiến độ.", i+1)))
	}
	return out
}

// TestPDFKeepWithNext moves a heading or the indicator table down page 1 a
// few mm at a time and checks, in the text read back from the PDF, that
// what starts at the foot of a page is never parted from what follows it:
// the table's title and header row from its first row, a heading from its
// table or its paragraph.
func TestPDFKeepWithNext(t *testing.T) {
	const (
		tableTitle = "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
		firstRow   = "02 xã Vân Nham và xã Hồ Sơn đạt chuẩn quốc gia nông thôn mới"
		heading1   = "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
		heading2   = "2. Nhiệm vụ 2: Nâng cao chất lượng, hiệu quả phục vụ người dân và doanh nghiệp trên địa bàn huyện"
		paraStart  = "Phòng Tài chính - Kế hoạch đã ban hành"
	)
	plan, actual := 2.0, 2.0
	table := IndicatorTable(tableTitle, []Indicator{
		{Task: "Nhiệm vụ 1", Target: firstRow, Unit: "xã", Plan: &plan, Actual: &actual, SamePeriod: &actual, Verdict: "Đạt"},
		{Task: "Nhiệm vụ 1", Target: "Toàn huyện bình quân 01 xã đạt 15,2 tiêu chí", Unit: "tiêu chí", Verdict: "Chưa có số liệu"},
		{Task: "Nhiệm vụ 2", Target: "Xây dựng 02 khu dân cư kiểu mẫu trở lên", Unit: "khu dân cư", Verdict: "Chưa có số liệu"},
	})
	tests := []struct {
		name   string
		blocks []Block
		first  string // must be on the page of last
		last   string
	}{
		{"table", []Block{TableOf(table)}, tableTitle, firstRow},
		{"heading before table", []Block{H1(heading1), TableOf(table)}, heading1, firstRow},
		{"two-line heading before paragraph", []Block{H2(heading2), P(paraStart + " kế hoạch triển khai nhiệm vụ, phân công cán bộ theo dõi và định kỳ kiểm tra tiến độ.")}, heading2, paraStart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			broke := 0 // how many placements put the block on a new page
			for ones := 12; ones <= 26; ones++ {
				for twos := range 4 {
					d := &Document{Kind: Report, Issuer: "Ủy ban nhân dân huyện Hữu Lũng", Symbol: "BC-UBND", Subject: "Kết quả thực hiện các chỉ tiêu"}
					d.Body = append(filler(ones, twos), tt.blocks...)
					d.Body = append(d.Body, P("Đoạn cuối của báo cáo."))
					pages := pdfText(t, writePDF(t, d))
					first, last := pageOf(pages, tt.first), pageOf(pages, tt.last)
					if first < 0 || last < 0 {
						t.Fatalf("%d+%d paragraphs: %q on page %d, %q on page %d; want both found whole", ones, twos, tt.first, first+1, tt.last, last+1)
					}
					if first != last {
						t.Errorf("%d+%d paragraphs: %q is on page %d, %q on page %d; want them on one page", ones, twos, tt.first, first+1, tt.last, last+1)
					}
					if first > 0 {
						broke++
					}
				}
			}
			// The sweep must reach the foot of page 1, or it tests nothing.
			if broke == 0 {
				t.Errorf("the block never went past page 1: the filler is too short to test the page break")
			}
		})
	}
}
