package continuity

import (
	"slices"
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
	var out []int
	for _, m := range earlierYears(text, year) {
		if !slices.Contains(out, m.year) {
			out = append(out, m.year)
		}
	}
	return out
}

// MoveYears writes year in place of each earlier year EarlierYears finds
// in text: the office's one step to bring a carried-over task into its
// period ("nhập ngũ năm 2022" becomes "nhập ngũ năm 2027"). The
// comparisons and cited dates EarlierYears leaves out stay as written.
func MoveYears(text string, year int) string {
	ms := earlierYears(text, year)
	if len(ms) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(text[last:m.start])
		b.WriteString(strconv.Itoa(year))
		last = m.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// spanWords before "năm" count time from or to the year: it is no
// period's.
var spanWords = map[string]bool{"tu": true, "sau": true, "truoc": true, "den": true, "giai": true}

// namesLaw reports whether folded words before a year name a law, whose
// year is part of its name: "Luật Nghĩa vụ quân sự năm 2015", "Hiến pháp
// năm 2013", "Pháp lệnh ... năm 2020".
func namesLaw(ws []yearWord) bool {
	for k, w := range ws {
		if w.folded == "luat" || k > 0 && (ws[k-1].folded == "hien" && w.folded == "phap" || ws[k-1].folded == "phap" && w.folded == "lenh") {
			return true
		}
	}
	return false
}

// yearWord is a word of a text, folded, and where it stands in bytes.
type yearWord struct {
	folded     string
	start, end int
}

// yearSpan is where an earlier year stands in a text, in bytes.
type yearSpan struct {
	start, end, year int
}

// earlierYears finds the mentions EarlierYears and MoveYears act on, in
// order: the figures of "năm 2022" with a year before year, outside a
// comparison and a cited document's date.
func earlierYears(text string, year int) []yearSpan {
	var ws []yearWord
	begin := -1
	for i, r := range text + " " {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case inWord && begin < 0:
			begin = i
		case !inWord && begin >= 0:
			ws = append(ws, yearWord{vi.Fold(text[begin:i]), begin, i})
			begin = -1
		}
	}
	var out []yearSpan
	for i := 1; i < len(ws); i++ {
		if ws[i-1].folded != "nam" || len(ws[i].folded) != 4 {
			continue
		}
		y, err := strconv.Atoi(ws[i].folded)
		if err != nil || y < 1900 || y >= year {
			continue
		}
		if i >= 2 && ws[i-2].folded == "ky" {
			continue
		}
		// A comparison a few words back: "so với thực hiện năm 2025",
		// "so với dự toán năm 2025".
		compared := false
		for k := max(1, i-5); k < i-1; k++ {
			compared = compared || ws[k-1].folded == "so" && ws[k].folded == "voi"
		}
		if compared {
			continue
		}
		// A cited document's date: "ngày 15 tháng 3 năm 2021".
		if i >= 3 && ws[i-3].folded == "thang" {
			continue
		}
		// A span of years or a time counted from one: "5 năm 2021-2025",
		// "từ năm 2020 đến nay", "sau năm 2020".
		if rest := text[ws[i].end:]; len(rest) > 0 && strings.ContainsRune("-–/", rune(rest[0])) || i >= 2 && spanWords[ws[i-2].folded] {
			continue
		}
		// A law or a document named by its year: "Luật Nghĩa vụ quân sự
		// năm 2015", "Hiến pháp năm 2013".
		if namesLaw(ws[max(0, i-8) : i-1]) {
			continue
		}
		out = append(out, yearSpan{ws[i].start, ws[i].end, y})
	}
	return out
}
