package continuity_test

import (
	"testing"

	"tiendo"
	"tiendo/internal/continuity"
)

func TestRetitle(t *testing.T) {
	h1 := func(y int) tiendo.Period { return tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: y, Index: 1} }
	year := func(y int) tiendo.Period { return tiendo.Period{Kind: tiendo.PeriodYear, Year: y} }
	nine := tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: 2022}
	q3 := tiendo.Period{Kind: tiendo.PeriodQuarter, Year: 2023, Index: 3}
	for _, tt := range []struct {
		s        string
		from, to tiendo.Period
		want     string
	}{
		{"báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022", h1(2022), h1(2026),
			"báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2026"},
		{"Báo cáo tiến độ nhiệm vụ trọng tâm 6 tháng đầu năm 2022", h1(2022), year(2022), "Báo cáo tiến độ nhiệm vụ trọng tâm năm 2022"},
		{"Báo cáo tiến độ nhiệm vụ trọng tâm 6 tháng đầu năm 2022", h1(2022), h1(2023), "Báo cáo tiến độ nhiệm vụ trọng tâm 6 tháng đầu năm 2023"},
		{"BÁO CÁO 6 THÁNG ĐẦU NĂM 2022", h1(2022), nine, "BÁO CÁO 9 THÁNG ĐẦU NĂM 2022"},
		{"Năm 2022: báo cáo nhiệm vụ trọng tâm", year(2022), h1(2023), "6 tháng đầu năm 2023: báo cáo nhiệm vụ trọng tâm"},
		{"Báo cáo nhiệm vụ trọng tâm năm 2022", year(2022), q3, "Báo cáo nhiệm vụ trọng tâm quý III năm 2023"},
		{"Báo cáo 9 tháng năm 2022", nine, year(2022), "Báo cáo năm 2022"},
		{"Kết quả 6 tháng đầu năm 2022 và kế hoạch sau 6 tháng đầu năm 2022", h1(2022), h1(2023),
			"Kết quả 6 tháng đầu năm 2023 và kế hoạch sau 6 tháng đầu năm 2023"},
		// The round's period is the year, but the text names a half of it:
		// not the year's phrase, so it is left for the office.
		{"Báo cáo 6 tháng đầu năm 2022", year(2022), year(2023), "Báo cáo 6 tháng đầu năm 2022"},
		{"Báo cáo 06 tháng đầu năm 2022 (cập nhật 6 tháng đầu năm 2022)", h1(2022), year(2022), "Báo cáo năm 2022 (cập nhật năm 2022)"},
		// Texts that name another period or year as well, or cite a
		// document of that year, are the office's to rewrite.
		{"Báo cáo kết quả thực hiện nhiệm vụ năm 2025, phương hướng nhiệm vụ năm 2026", year(2025), year(2026),
			"Báo cáo kết quả thực hiện nhiệm vụ năm 2025, phương hướng nhiệm vụ năm 2026"},
		{"Kết quả 6 tháng đầu năm 2025 và phương hướng 6 tháng cuối năm 2025", h1(2025), year(2025),
			"Kết quả 6 tháng đầu năm 2025 và phương hướng 6 tháng cuối năm 2025"},
		{"Báo cáo năm 2022 theo Nghị quyết số 05 năm 2022", year(2022), year(2023), "Báo cáo năm 2022 theo Nghị quyết số 05 năm 2022"},
		{"Báo cáo năm 2022 và 6 tháng đầu năm 2022", year(2022), year(2023), "Báo cáo năm 2022 và 6 tháng đầu năm 2022"},
		// Not inside another number or word.
		{"Báo cáo 16 tháng đầu năm 2025", h1(2025), year(2025), "Báo cáo 16 tháng đầu năm 2025"},
		// A text that does not name its period, or an unknown period.
		{"Báo cáo nhiệm vụ trọng tâm", h1(2022), h1(2023), "Báo cáo nhiệm vụ trọng tâm"},
		{"Báo cáo 6 tháng đầu năm 2022", tiendo.Period{}, h1(2023), "Báo cáo 6 tháng đầu năm 2022"},
		{"Báo cáo 6 tháng đầu năm 2022", h1(2022), tiendo.Period{Kind: tiendo.PeriodOther, Year: 2023}, "Báo cáo 6 tháng đầu năm 2022"},
	} {
		if got := continuity.Retitle(tt.s, tt.from, tt.to); got != tt.want {
			t.Errorf("Retitle(%q, %+v, %+v) = %q, want %q", tt.s, tt.from, tt.to, got, tt.want)
		}
	}
}
