package directive

import (
	"regexp"
	"slices"
	"strings"

	"tiendo/internal/vi"
)

// A table printed by "pdftotext -layout", or typed with spaces, has its
// columns aligned by runs of spaces: a header row of column titles ("TT
// Nhiệm vụ   Chủ trì   Phối hợp   Thời gian") and under it rows that start
// with their number in the first column, each cell wrapping onto
// continuation lines that hold text only in some columns:
//
//	1   Tỷ lệ hồ sơ ... được       Văn phòng HĐND và      UBND các xã
//	    tiếp nhận ... đạt 80%      UBND huyện
//
// spaceTables finds such a table by its header, takes the columns from
// where the header's titles start, gathers each row's lines into its cells
// by position and rewrites the row as one line of cells separated by "|",
// as a table written with "|" is, so that the rows are read by their
// columns. The continuation lines it gathered become blank. raw keeps its
// length, so line numbers stay those of the input.
func spaceTables(raw []string) {
	for i := 0; i < len(raw); i++ {
		if !strings.Contains(raw[i], "  ") || strings.ContainsAny(raw[i], "\t|") {
			continue
		}
		starts, heads := spaceHeader(raw[i])
		if starts == nil {
			continue
		}
		above := headAbove(raw, i, starts)
		// Nearest first: each line above goes before what is read so far
		// ("Thu ngân sách" over "nhà nước trên" over "địa bàn tối").
		for _, k := range slices.Backward(above) {
			cells, _ := spaceCells(raw[k], starts)
			for c := range heads {
				heads[c] = joinCell(cells[c], heads[c])
			}
		}
		end := spaceRows(raw, i, starts, heads)
		if end > i {
			for _, k := range above {
				raw[k] = ""
			}
			i = end - 1
		}
	}
}

// headAbove returns the lines right above the header row at raw[h] that
// hold the first lines of its wrapped titles, nearest last: a title
// wrapped over three lines may start above the line of "TT", whose own
// column is empty there ("Số người tham gia" over "BHXH tự nguyện" over
// "tối thiểu (người)"). Such a line has at least two titles, each short
// and under a column other than the number's; a line of prose, a title
// line of the Phụ lục (one run of text) or a blank line is none.
func headAbove(raw []string, h int, starts []int) []int {
	var out []int
	for k := h - 1; k >= 0 && h-k <= maxHeadWraps-1; k-- {
		s := strings.TrimRight(raw[k], " \f")
		if strings.TrimSpace(s) == "" || strings.ContainsAny(s, "\t|") {
			break
		}
		segs := segments(s)
		if len(segs) < 2 {
			break
		}
		short := true
		for _, g := range segs {
			short = short && len([]rune(g.text)) <= 40
		}
		cells, ok := spaceCells(s, starts)
		if !ok || !short || cells[0] != "" {
			break
		}
		out = append([]int{k}, out...)
	}
	return out
}

// segment is a run of text in a line, between runs of two or more spaces,
// at its rune position.
type segment struct {
	at   int
	text string
}

// segments splits s at runs of two or more spaces (a single space is a
// space between words).
func segments(s string) []segment {
	rs := []rune(s)
	var out []segment
	start := -1
	for k := 0; k <= len(rs); k++ {
		if k == len(rs) || rs[k] == ' ' && (k+1 == len(rs) || rs[k+1] == ' ') {
			if start >= 0 {
				out = append(out, segment{start, strings.TrimSpace(string(rs[start:k]))})
				start = -1
			}
			continue
		}
		if start < 0 && rs[k] != ' ' {
			start = k
		}
	}
	return out
}

// spaceHeader reads s as the header row of a space-aligned table: the
// number column's title first ("TT", "STT", "Số TT"), then at least two
// more titles, which columnRoles must read as a table of tasks or targets.
// It returns where each column starts and its title, or nil.
func spaceHeader(s string) ([]int, []string) {
	segs := segments(s)
	if len(segs) < 3 || !reStackedFirst.MatchString(vi.Fold(segs[0].text)) {
		return nil, nil
	}
	starts := make([]int, len(segs))
	heads := make([]string, len(segs))
	for k, g := range segs {
		if len([]rune(g.text)) > 40 {
			return nil, nil // a sentence, not a title
		}
		starts[k], heads[k] = g.at, g.text
	}
	if columnRoles(heads) == nil {
		return nil, nil
	}
	return starts, heads
}

// column returns the column a segment starting at at belongs to: the last
// whose start it does not precede by more than two places (a title may
// sit a little right of its cells, or a cell be centred under it).
func column(starts []int, at int) int {
	c := 0
	for k, s := range starts {
		if at >= s-2 {
			c = k
		}
	}
	return c
}

// spaceCells places the segments of line s into the columns; a segment
// running over the start of the next column with only one space before it
// is split there. ok is false when the line is no part of the table: a
// segment that runs across two or more columns (a paragraph of prose).
func spaceCells(s string, starts []int) (cells []string, ok bool) {
	return spaceCellsIn(s, starts, nil)
}

// spaceCellsIn is spaceCells for the lines of one row: moved holds where
// the cells set left of their column's title start (see below), so that
// the cell's wrapped lines, starting at the same place give or take one,
// follow it even when they are too short to run under the title ("Xã đặc
// biệt khó" over "khăn"). Its negative keys, -1-at, hold where a cell
// set under the number's column starts, after the row's number (see
// below). nil keeps none.
func spaceCellsIn(s string, starts []int, moved map[int]bool) (cells []string, ok bool) {
	cells = make([]string, len(starts))
	for _, g := range segments(s) {
		rs := []rune(g.text)
		c := column(starts, g.at)
		if c == 0 && len(starts) > 1 && numberCell(cells[0]) {
			// The row's number holds the first column alone: what follows
			// it there is the next column's cell, set flush left under a
			// title centred over it ("1    BHXH huyện Đắk Hà" under "TT
			// Đơn vị").
			c = 1
			if moved != nil {
				moved[-1-g.at] = true
			}
		} else if c == 0 && len(starts) > 1 && cells[0] == "" && (moved[-1-g.at] || moved[-g.at] || moved[-2-g.at]) && !totalRow(g.text) {
			// A wrapped line of that cell, starting where it started,
			// left of its title as it is: still the next column's, even
			// when it opens with a figure ("435", the end of "đường tỉnh
			// 435"). The sum row's title is its own ("Tổng cộng", in
			// the number's cell merged with the name's).
			c = 1
		}
		if c+1 < len(starts) && g.at-starts[c] > starts[c+1]-g.at && (g.at+len(rs) > starts[c+1] || moved[g.at] || moved[g.at-1] || moved[g.at+1]) {
			// A cell set left of its column's title, nearer to it than
			// to the column before, and running under it: a note under
			// a centred "Ghi chú" ("Duy trì, nâng chất" starting a few
			// places before the title). A cell of the column before
			// starts near that column's own title.
			c++
			if moved != nil {
				moved[g.at] = true
			}
		}
		for len(rs) > 0 {
			end := g.at + len(rs)
			if c+1 >= len(starts) || end <= starts[c+1] {
				break
			}
			// The segment runs into the next column: split at the space
			// nearest its start, if there is one close by.
			cut := -1
			for k := starts[c+1] - g.at; k >= 0 && k >= starts[c+1]-g.at-3; k-- {
				if k < len(rs) && rs[k] == ' ' {
					cut = k
					break
				}
			}
			if cut <= 0 {
				return nil, false
			}
			cells[c] = joinCell(cells[c], string(rs[:cut]))
			g.at += cut + 1
			rs = rs[cut+1:]
			c = column(starts, g.at)
		}
		if len(rs) > 0 {
			cells[c] = joinCell(cells[c], string(rs))
		}
	}
	return cells, true
}

// rowCells places line s into the columns as spaceCells does, but reads a
// group row whose title alone follows its number, and may run across the
// columns ("II   BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG HUYỆN (nhiệm vụ số
// 2)"), a cell merged over the row in the document the table was printed
// from, as its number and its title.
func rowCells(s string, starts []int, moved map[int]bool) ([]string, bool) {
	segs := segments(s)
	if len(starts) >= 2 && len(segs) == 2 && column(starts, segs[0].at) == 0 && reGroupNumber.MatchString(segs[0].text) && column(starts, segs[1].at) == 1 {
		cells := make([]string, len(starts))
		cells[0], cells[1] = segs[0].text, segs[1].text
		return cells, true
	}
	return spaceCellsIn(s, starts, moved)
}

// A cell wraps onto a few lines, the header's titles onto two or three:
// past these, the lines are not a table's.
const (
	maxWraps     = 40
	maxHeadWraps = 4
)

// reColumnNumber is a cell of the row that numbers a table's columns
// under its header: "(1)", "(2)" ….
var reColumnNumber = regexp.MustCompile(`^\(\d{1,2}\)$`)

// numberCell reports whether the first column's cell is a row's number, a
// group's or a column's ("1", "II", "(1)").
func numberCell(c string) bool {
	return reRowNumber.MatchString(c) || reGroupNumber.MatchString(c) || reColumnNumber.MatchString(c)
}

// sumRow reports whether cells are a table's sum row: its first cell
// that is not empty says "Tổng cộng", "Cộng", "Toàn huyện".
func sumRow(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return totalRow(c)
		}
	}
	return false
}

// sumCells places a table's sum row whose title, a cell merged over the
// number's column and the name's, runs across their boundary ("Tổng cộng"
// under "TT  Đơn vị"): its title first, the figures by their columns.
func sumCells(s string, starts []int) ([]string, bool) {
	segs := segments(s)
	if len(segs) == 0 || !totalRow(segs[0].text) {
		return nil, false
	}
	rs := []rune(s)
	end := segs[0].at + len([]rune(segs[0].text))
	// The figures, with the title blanked out.
	cells, ok := spaceCells(strings.Repeat(" ", end)+string(rs[end:]), starts)
	if !ok {
		return nil, false
	}
	c := column(starts, segs[0].at)
	cells[c] = joinCell(segs[0].text, cells[c])
	return cells, true
}

// columnNumbers reports whether cells are the row numbering a table's
// columns, "(1)  (2)  (3)": no row of the table, but no end of it either.
func columnNumbers(cells []string) bool {
	n := 0
	for _, c := range cells {
		if c == "" {
			continue
		}
		if !reColumnNumber.MatchString(c) {
			return false
		}
		n++
	}
	return n >= 2
}

func joinCell(a, b string) string {
	b = strings.TrimSpace(b)
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + " " + b
}

// spaceRows reads the rows under the header at raw[h] and rewrites them.
// A row starts at a line whose first column holds a row number (or a
// group's: "I", "A"); lines with nothing in the first column continue the
// row, or the header before the first row. The table ends at a blank line
// not followed by a row, or at a line that is none of these. It returns
// the index after the table, or h when no row was found (raw is then left
// as it was).
func spaceRows(raw []string, h int, starts []int, heads []string) int {
	type row struct {
		at    int
		cells []string
	}
	var rows []row
	data := false // a row of the table's own, not its column numbers or sum
	head := row{h, heads}
	var rewritten []int    // continuation lines
	var moved map[int]bool // where the current row's cells left of their titles start
	wraps := 0             // continuation lines since the header or the last row
	k := h + 1
	for ; k < len(raw); k++ {
		s := strings.TrimRight(raw[k], " \f")
		if strings.TrimSpace(s) == "" {
			// Blank: the table goes on only if the next line that is not
			// blank starts a row.
			n := k + 1
			for n < len(raw) && strings.TrimSpace(raw[n]) == "" {
				n++
			}
			if n-k > 2 || n == len(raw) || strings.ContainsAny(raw[n], "\t|") {
				break
			}
			cells, ok := rowCells(raw[n], starts, nil)
			if !ok {
				cells, ok = sumCells(raw[n], starts)
			}
			if !ok || !reRowNumber.MatchString(cells[0]) && !reGroupNumber.MatchString(cells[0]) && !sumRow(cells) {
				break
			}
			continue
		}
		if strings.ContainsAny(s, "\t|") {
			break
		}
		// A new row, unless its figure opens a wrapped line of the row
		// above's cell that sits under the number's column (see
		// spaceCellsIn).
		if cells, ok := rowCells(s, starts, moved); ok && (reRowNumber.MatchString(cells[0]) || reGroupNumber.MatchString(cells[0])) {
			moved = map[int]bool{}
		}
		cells, ok := rowCells(s, starts, moved)
		if !ok {
			cells, ok = sumCells(s, starts)
		}
		if !ok {
			break
		}
		switch {
		case reRowNumber.MatchString(cells[0]) || reGroupNumber.MatchString(cells[0]):
			rows = append(rows, row{k, cells})
			data = true
			wraps = 0
			continue
		case columnNumbers(cells) || sumRow(cells):
			// The column numbers under the header, and the sum row
			// ("Tổng cộng", in the first column or the second): rows of
			// their own, which the rows' reading passes over, so that
			// neither ends the table nor joins the row above.
			rows = append(rows, row{k, cells})
			wraps = 0
			continue
		case cells[0] != "":
			// Text in the number column: the table has ended.
		case wraps >= maxWraps || len(rows) == 0 && wraps >= maxHeadWraps:
			// More wrapped lines than a cell ever has: this is no table
			// (and joining on would copy ever longer cells).
		default:
			wraps++
			cur := &head
			if len(rows) > 0 {
				cur = &rows[len(rows)-1]
			}
			for c := range cells {
				cur.cells[c] = joinCell(cur.cells[c], cells[c])
			}
			rewritten = append(rewritten, k)
			continue
		}
		break
	}
	if !data {
		return h
	}
	raw[h] = strings.Join(head.cells, " | ")
	for _, r := range rows {
		raw[r.at] = strings.Join(r.cells, " | ")
	}
	for _, c := range rewritten {
		raw[c] = ""
	}
	return k
}
