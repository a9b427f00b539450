package web

import (
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// A directive already turned into a round is said when it is read again:
// by its number and symbol (written with other spaces, case or leading
// zeros), and its date when both have one.
func TestSameDirective(t *testing.T) {
	t.Parallel()
	rounds := []store.RoundSummary{
		{Round: &tiendo.Round{ID: 3, Title: "Báo cáo 9 tháng năm 2026", Status: tiendo.RoundOpen, DocNumber: "1826", DocSymbol: "UBND-KT", DocDate: "2026-09-20", Issuer: "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"}},
		// Another body's letter of the same number and symbol.
		{Round: &tiendo.Round{ID: 4, Title: "Báo cáo của huyện", Status: tiendo.RoundOpen, DocNumber: "1826", DocSymbol: "UBND-KT", Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}},
		{Round: &tiendo.Round{ID: 5, Title: "Báo cáo quý III", Status: tiendo.RoundDraft, DocNumber: "77", DocSymbol: "UBND-VP"}},
	}
	const after = ". Nếu cần sửa đợt đó, hãy mở nó từ danh sách đợt báo cáo thay vì tạo đợt mới; tạo thêm đợt thì các đơn vị sẽ phải báo cáo hai lần."
	for _, c := range []struct {
		number, symbol, date, want string
	}{
		{"1826", "UBND-KT", "20/09/2026", "Văn bản số 1826/UBND-KT đã được dùng để tạo “Báo cáo 9 tháng năm 2026” (đợt số 3, đang mở)" + after},
		{"01826", "ubnd - kt", "", "Văn bản số 01826/ubnd - kt đã được dùng để tạo “Báo cáo 9 tháng năm 2026” (đợt số 3, đang mở)" + after},
		{"1826", "UBND-KT", "20/09/2025", ""}, // last year's letter of the same number
		{"77", "UBND-VP", "01/10/2026", "Văn bản số 77/UBND-VP đã được dùng để tạo “Báo cáo quý III” (đợt số 5, bản nháp)" + after},
		{"", "UBND-KT", "", ""},
		{"1827", "UBND-KT", "", ""},
	} {
		f := &intakeForm{Number: c.number, Symbol: c.symbol, DocDate: c.date, Issuer: "UBND tỉnh Lạng Sơn"}
		if got := sameDirective(f, rounds); got != c.want {
			t.Errorf("%s/%s %s:\n got %q\nwant %q", c.number, c.symbol, c.date, got, c.want)
		}
	}
}
