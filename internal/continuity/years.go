package continuity

import (
	"strconv"
	"strings"
	"unicode"

	"tiendo/internal/vi"
)

// EarlierYears returns the years before year that text names as "năm
// 2022", in order and once each. A successor round copies its tasks and
// targets from the earlier period, and such a year there is usually that
// period's, for the office to update ("nhập ngũ năm 2022" in a round for
// 2027). A comparison ("so với năm 2022", "cùng kỳ năm 2022") and a
// cited document's date ("ngày 15 tháng 3 năm 2021") are left out: they
// name an earlier year on purpose.
func EarlierYears(text string, year int) []int {
	ws := strings.FieldsFunc(vi.Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var out []int
	for i := 1; i < len(ws); i++ {
		if ws[i-1] != "nam" || len(ws[i]) != 4 {
			continue
		}
		y, err := strconv.Atoi(ws[i])
		if err != nil || y < 1900 || y >= year {
			continue
		}
		if i >= 3 && ws[i-3] == "so" && ws[i-2] == "voi" || i >= 2 && ws[i-2] == "ky" {
			continue
		}
		// A cited document's date: "ngày 15 tháng 3 năm 2021".
		if i >= 3 && ws[i-3] == "thang" {
			continue
		}
		seen := false
		for _, x := range out {
			seen = seen || x == y
		}
		if !seen {
			out = append(out, y)
		}
	}
	return out
}
