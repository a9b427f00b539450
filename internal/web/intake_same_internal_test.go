package web

import (
	"strconv"
	"strings"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// A directive already turned into a round is said when it is read again:
// by its number and symbol (written with other spaces, case or leading
// zeros), and its date when both have one; a letter not yet numbered by
// its symbol, date and period; any round by its period and a near-identical
// title. A round of the same number from another body, or of last year, is
// not.
func TestSameRounds(t *testing.T) {
	t.Parallel()
	h1 := tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2022, Index: 1}
	rounds := []store.RoundSummary{
		{Round: &tiendo.Round{ID: 3, Title: "Báo cáo 9 tháng năm 2026", Status: tiendo.RoundOpen, DocNumber: "1826", DocSymbol: "UBND-KT", DocDate: "2026-09-20", Issuer: "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"}},
		// Another body's letter of the same number and symbol.
		{Round: &tiendo.Round{ID: 4, Title: "Báo cáo của huyện", Status: tiendo.RoundOpen, DocNumber: "1826", DocSymbol: "UBND-KT", Issuer: "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG"}},
		{Round: &tiendo.Round{ID: 5, Title: "Báo cáo quý III", Status: tiendo.RoundDraft, DocNumber: "77", DocSymbol: "UBND-VP"}},
		// The demo's round 1: the seed, not yet numbered.
		{Round: &tiendo.Round{ID: 1, Title: "Báo cáo tiến độ nhiệm vụ trọng tâm 6 tháng đầu năm 2022", Status: tiendo.RoundClosed, DocSymbol: "UBND-VP", DocDate: "2022-06", Period: h1}},
		// Its successor: the same symbol, another period, no date.
		{Round: &tiendo.Round{ID: 2, Title: "Báo cáo tiến độ nhiệm vụ trọng tâm năm 2026", Status: tiendo.RoundOpen, DocSymbol: "UBND-VP", Period: tiendo.Period{Kind: tiendo.PeriodYear, Year: 2026}}},
	}
	for _, c := range []struct {
		number, symbol, date, title string
		period                      tiendo.Period
		want                        string // "id why; ..."
	}{
		{"1826", "UBND-KT", "20/09/2026", "Báo cáo", tiendo.Period{}, "3 cùng văn bản số 1826/UBND-KT"},
		{"01826", "ubnd - kt", "", "Báo cáo", tiendo.Period{}, "3 cùng văn bản số 01826/ubnd - kt"},
		{"1826", "UBND-KT", "20/09/2025", "Báo cáo", tiendo.Period{}, ""}, // last year's letter of the same number
		{"77", "UBND-VP", "01/10/2026", "Báo cáo", tiendo.Period{}, "5 cùng văn bản số 77/UBND-VP"},
		{"", "UBND-KT", "", "Báo cáo", tiendo.Period{}, ""},
		{"1827", "UBND-KT", "", "Báo cáo", tiendo.Period{}, ""},
		{"", "UBND-VP", "06/2022", "Báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022", h1,
			"1 cùng văn bản chưa cấp số “/UBND-VP” ngày 06/2022, cùng kỳ báo cáo"},
		{"", "", "", "Báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022", h1,
			"1 cùng kỳ báo cáo 06 tháng đầu năm 2022, tên gần giống"},
		{"", "UBND-VP", "06/2022", "Báo cáo về công tác tuyển sinh", h1, "1 cùng văn bản chưa cấp số “/UBND-VP” ngày 06/2022, cùng kỳ báo cáo"},
		{"", "UBND-VP", "06/2022", "Báo cáo tiến độ nhiệm vụ trọng tâm 6 tháng đầu năm 2022", tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: 2023, Index: 1}, ""},
	} {
		f := &intakeForm{Number: c.number, Symbol: c.symbol, DocDate: c.date, Issuer: "UBND tỉnh Lạng Sơn", Title: c.title,
			PeriodKind: string(c.period.Kind), PeriodYear: c.period.Year, PeriodIndex: c.period.Index}
		var got []string
		for _, s := range sameRounds(f.key(), rounds) {
			got = append(got, strings.TrimSpace(strings.Join([]string{strconv.FormatInt(s.ID, 10), s.Why}, " ")))
		}
		if g := strings.Join(got, "; "); g != c.want {
			t.Errorf("%s/%s %s %q:\n got %q\nwant %q", c.number, c.symbol, c.date, c.title, g, c.want)
		}
	}
	// A round is never the same as itself.
	if got := sameRounds(roundKeyOf(rounds[3].Round), rounds); len(got) != 0 {
		t.Errorf("round 1 against itself: %+v", got)
	}
}
