package directive

import (
	"strings"
	"testing"
)

// The rules of round thirty-seven, each with the ordinary text it must
// leave alone. Every case that expects something new failed before the
// round.

// TestDeadlineFromSigning: a report sent "trong thời hạn N ngày kể từ
// ngày ký văn bản này" is due N calendar days after the document's own
// date, counted as the Civil Code counts (the signing day not counted,
// the period ending with its last day): by that day, with the warning
// saying it was counted and should be checked. Before, the deadline was
// left empty, or an onward date in the same sentence ("để kịp tổng hợp,
// báo cáo Thủ tướng Chính phủ trước ngày 30/11") was taken. The day of
// receipt, working days, the end of a quarter, another document's
// signing, an unknown date and a sentence on when the document takes
// effect give no date.
func TestDeadlineFromSigning(t *testing.T) {
	head := func(date string) string {
		h := "BỘ NGOẠI GIAO\nSố: 4318/BNG-NV\nV/v báo cáo tổng kết công tác đối ngoại địa phương năm 2026\n" +
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
		if date != "" {
			h += "Hà Nội, " + date + "\n"
		}
		return h + "\nKính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n\n" +
			"Bộ Ngoại giao đề nghị Quý Ủy ban chỉ đạo Sở Ngoại vụ thực hiện các nội dung sau:\n\n" +
			"1. Xây dựng báo cáo tổng kết công tác đối ngoại địa phương năm 2026.\n\n" +
			"2. Tổng hợp số liệu về đoàn ra, đoàn vào năm 2026.\n\n"
	}
	const tail = "\nNơi nhận:\n- Như trên;\n- Lưu: VT, NV.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrần Đức Lâm\n"
	const oct21 = "ngày 21 tháng 10 năm 2026"
	const countedOld = "không phải một ngày cụ thể"
	for _, tc := range []struct {
		name, date, closing string
		want                string // the deadline "YYYY-MM-DD", relation "by"; "" for none
		warn                string // in the relative-deadline warning; "" for no such warning
	}{
		{"signing of this letter", oct21,
			"Báo cáo đề nghị gửi về Bộ Ngoại giao (qua Cục Ngoại vụ) trong thời hạn 20 ngày kể từ ngày ký văn bản này.",
			"2026-11-10", "được tính từ ngày ký 21/10/2026"},
		{"the office's onward date after it", oct21,
			"Báo cáo và biểu mẫu đề nghị gửi về Bộ Ngoại giao trong thời hạn 20 ngày kể từ ngày ký văn bản này, đồng thời gửi bản điện tử qua Hệ thống quản lý văn bản để kịp tổng hợp, báo cáo Thủ tướng Chính phủ trước ngày 30/11/2026.",
			"2026-11-10", "hạn 10/11/2026"},
		{"issuing, unqualified, into the next year", "ngày 20 tháng 12 năm 2026",
			"Các địa phương gửi báo cáo về Bộ Ngoại giao trong vòng 15 ngày kể từ ngày ban hành.",
			"2027-01-04", "hạn 04/01/2027"},
		{"signing of this Công văn, over 29 February", "ngày 10 tháng 02 năm 2028",
			"Đề nghị gửi báo cáo về Bộ Ngoại giao chậm nhất 20 ngày kể từ ngày ký Công văn này.",
			"2028-03-01", "hạn 01/03/2028"},
		// Left to a person, as before.
		{"receipt", oct21,
			"Báo cáo đề nghị gửi về Bộ Ngoại giao trong thời hạn 20 ngày kể từ ngày nhận được văn bản này.",
			"", countedOld},
		{"working days", oct21,
			"Báo cáo đề nghị gửi về Bộ Ngoại giao trong thời hạn 15 ngày làm việc kể từ ngày ký văn bản này.",
			"", countedOld},
		{"end of the quarter", oct21,
			"Báo cáo đề nghị gửi về Bộ Ngoại giao chậm nhất 10 ngày kể từ ngày kết thúc quý.",
			"", countedOld},
		{"another document's signing", oct21,
			"Báo cáo đề nghị gửi về Bộ Ngoại giao trong thời hạn 20 ngày kể từ ngày ký hợp đồng.",
			"", countedOld},
		{"no date on the letter", "",
			"Báo cáo đề nghị gửi về Bộ Ngoại giao trong thời hạn 20 ngày kể từ ngày ký văn bản này.",
			"", countedOld},
		{"receipt before an onward date", oct21,
			"Báo cáo đề nghị gửi về Bộ Ngoại giao trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản này, để tổng hợp báo cáo Thủ tướng Chính phủ trước ngày 30/11/2026.",
			"", countedOld},
		// When the document takes effect is no report's deadline.
		{"takes effect, a date to report by", oct21,
			"Công văn này có hiệu lực kể từ ngày ký. Báo cáo đề nghị gửi về Bộ Ngoại giao trước ngày 15/11/2026.",
			"2026-11-15", ""},
		{"takes effect within days", oct21,
			"Các địa phương báo cáo theo quy định và văn bản này có hiệu lực trong 30 ngày kể từ ngày ký.",
			"", countedOld},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Parse(head(tc.date)+tc.closing+"\n"+tail, nil)
			got := ""
			if r.Deadline != nil {
				got = r.Deadline.Date
				if tc.want != "" && tc.name != "takes effect, a date to report by" && (r.Deadline.Relation != "by" || r.Deadline.Time != "") {
					t.Errorf("deadline %+v, want by the end of %s", *r.Deadline, tc.want)
				}
			}
			if got != tc.want {
				t.Errorf("deadline %q, want %q", got, tc.want)
			}
			var rel, none string
			for _, w := range r.Warnings {
				switch w.Code {
				case WarnRelativeDeadline:
					rel = w.Message
				case WarnNoDeadline:
					none = w.Message
				}
			}
			if tc.warn == "" && rel != "" || tc.warn != "" && !strings.Contains(rel, tc.warn) {
				t.Errorf("relative-deadline warning %q, want one with %q", rel, tc.warn)
			}
			if none != "" {
				t.Errorf("unexpected no-deadline warning %q", none)
			}
		})
	}
}
