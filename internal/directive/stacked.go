package directive

import (
	"regexp"
	"strconv"
	"strings"

	"tiendo/internal/vi"
)

// A table copied out of a PDF, or out of Word into a plain text box, often
// comes out one cell a line: the header cells ("TT", "Nội dung nhiệm vụ",
// "Cơ quan chủ trì", ...) each on a line, then each row as its number on a
// line of its own followed by its cells, with group rows ("I", "LĨNH VỰC
// KINH TẾ") between them. stackedTables finds such a table by its header
// and marks its lines as the rows of a table, as splitLines does for a
// table written with "|", so that the rows are read by their columns.

// reStackedFirst is the first header cell of such a table: the column of
// row numbers.
var reStackedFirst = regexp.MustCompile(`^(?:s\s*tt|so\s+tt|so\s+thu\s+tu|tt)\.?$`)

// reRowNumber is a line that is only a row's number: "1", "12.", "2.1".
var reRowNumber = regexp.MustCompile(`^(\d{1,3})(?:\.(\d{1,2})){0,2}\.?$`)

// reGroupNumber is a line that is only a group row's number: "I", "II.",
// "A", "B." (a letter up to H: a table has few groups).
var reGroupNumber = regexp.MustCompile(`^(?:[IVX]{1,5}|[A-H])\.?$`)

// maxStackedColumns bounds the header: a table of tasks has a handful of
// columns, and a longer run of short lines is a list, not a header.
const maxStackedColumns = 9

// emptyCell is the col splitLines gives a line that is a lone dash, an
// empty cell's mark in a table written one cell a line ("-" in the Phối
// hợp column); stackedTables resets it to 0 outside such tables.
const emptyCell = -1

func stackedTables(lines []line) {
	next := 0
	for _, l := range lines {
		next = max(next, l.row)
	}
	for i := 0; i < len(lines); i++ {
		if lines[i].row != 0 || len(lines[i].text) > 16 || !reStackedFirst.MatchString(vi.Fold(lines[i].text)) {
			continue
		}
		cols, end := stackedHeader(lines, i)
		if cols == 0 {
			continue
		}
		rows := stackedRows(lines, end, cols)
		if len(rows) == 0 {
			continue
		}
		next++
		for k := i; k < end; k++ {
			lines[k].row = next
		}
		stackedColumns(lines, i, end, cols)
		for _, r := range rows {
			next++
			for k := r[0]; k < r[1]; k++ {
				lines[k].row = next
			}
			stackedColumns(lines, r[0], r[1], cols)
		}
		i = rows[len(rows)-1][1] - 1
	}
	for k := range lines {
		if lines[k].col == emptyCell && lines[k].row == 0 {
			lines[k].col = 0
		}
	}
}

// stackedColumns numbers the cells of the row lines[start:end] by their
// order, when they are as many as the table's columns: an empty cell
// ("-") then keeps the cells after it in their columns.
func stackedColumns(lines []line, start, end, cols int) {
	n := 0
	for k := start; k < end; k++ {
		if lines[k].text != "" || lines[k].col == emptyCell {
			n++
		}
	}
	if n != cols {
		return
	}
	n = 0
	for k := start; k < end; k++ {
		if lines[k].text != "" || lines[k].col == emptyCell {
			n++
			lines[k].col = n
		}
	}
}

// stackedHeader reads the header cells from lines[i], the "TT" cell: the
// short lines after it up to the first row number. It returns the number
// of columns and where the header ends, or 0 when the lines there are no
// header of a task or target table (columnRoles reads none).
func stackedHeader(lines []line, i int) (cols, end int) {
	cells := []string{lines[i].text}
	at := []int{i} // the line of each cell
	k := i + 1
	for ; k < len(lines) && len(cells) <= 2*maxStackedColumns; k++ {
		s := lines[k].text
		if s == "" && lines[k].row == 0 && len(cells) >= 3 && k > i+1 {
			// docx2txt ends each row, the header too, with a blank
			// line: the header ends there if a row follows it.
			n := k + 1
			for n < len(lines) && lines[n].text == "" && lines[n].row == 0 {
				n++
			}
			if n < len(lines) && lines[n].row == 0 && (reRowNumber.MatchString(lines[n].text) || reGroupNumber.MatchString(lines[n].text)) {
				break
			}
			return 0, 0
		}
		if lines[k].row != 0 || s == "" || len([]rune(s)) > 80 || endsSentence(s) {
			return 0, 0
		}
		if reRowNumber.MatchString(s) || reGroupNumber.MatchString(s) {
			break
		}
		if startsLower(s) {
			// A header cell wrapped onto two lines: "Thời gian" /
			// "hoàn thành".
			cells[len(cells)-1] += " " + s
			continue
		}
		cells = append(cells, s)
		at = append(at, k)
	}
	if k < len(lines) && len(cells) <= 2*maxStackedColumns {
		cells = spanningHeads(lines, cells, at)
	}
	if len(cells) < 3 || len(cells) > maxStackedColumns || k == len(lines) || columnRoles(cells) == nil {
		return 0, 0
	}
	return len(cells), k
}

// spanningHeads reads a header of two levels copied one cell a line: the
// heads that span several columns ("Chỉ số (điểm)", "Tỷ lệ (%)"), then
// the same sub-heads under each ("Kết quả 2026", "Kế hoạch 2027", "So
// sánh (%)"). The one sub-head of the plan ("Kế hoạch", "Chỉ tiêu", "Mục
// tiêu") is the column of figures to reach, headed by what spans it
// ("Chỉ số (điểm)"); the others (the result reached, the comparison)
// keep their words without a unit, figures that are no target. Each
// column's head goes on its sub-head's line and the spanning heads' lines
// are emptied. It returns the cells as the rows have them, or cells
// unchanged when the header is of one level or names no plan.
func spanningHeads(lines []line, cells []string, at []int) []string {
	for m := 2; m <= 4; m++ {
		for g := 2; g*m+g < len(cells); g++ {
			base := len(cells) - g*m - g
			if base < 2 {
				break
			}
			subs := cells[len(cells)-g*m:]
			same := true
			for j := m; j < len(subs) && same; j++ {
				same = vi.Fold(subs[j]) == vi.Fold(subs[j%m])
			}
			if !same {
				continue
			}
			heads := cells[base : base+g]
			distinct := true
			for j, h := range heads {
				for _, s := range subs[:m] {
					distinct = distinct && vi.Fold(h) != vi.Fold(s)
				}
				distinct = distinct && (j == 0 || vi.Fold(h) != vi.Fold(heads[j-1]))
			}
			if !distinct {
				continue
			}
			plan := -1
			for q, c := range subs[:m] {
				if planHead(vi.Fold(c)) {
					if plan >= 0 {
						plan = -2
					}
					plan = max(plan, q)
				}
			}
			if plan < 0 {
				continue
			}
			out := append([]string(nil), cells[:base]...)
			for j := range g {
				lines[at[base+j]].text = ""
				for q := range m {
					c := strings.TrimSpace(reBracketEnd.ReplaceAllString(subs[q], ""))
					if q == plan {
						c = heads[j]
					}
					lines[at[len(cells)-g*m+j*m+q]].text = c
					out = append(out, c)
				}
			}
			return out
		}
	}
	return cells
}

// reBracketEnd is a bracket closing a head: "(%)", "(điểm)".
var reBracketEnd = regexp.MustCompile(`\s*\([^()]*\)\s*$`)

// planHead reports whether folded sub-head f names the plan's figures.
func planHead(f string) bool {
	return strings.HasPrefix(f, "ke hoach") || strings.HasPrefix(f, "chi tieu") || strings.HasPrefix(f, "muc tieu")
}

// stackedRows reads the rows from lines[from], as [start, end) line spans:
// each begins at a row number or a group number and runs to the next. A
// number starts a row only where one is due, the next number or 1 again,
// so that a figure on a line of its own ("5") stays a cell. The table ends
// at a blank line not followed by a row, or at a line after a full row
// that starts none.
func stackedRows(lines []line, from, cols int) [][2]int {
	var rows [][2]int
	last := 0      // the last row number
	cells := 0     // cells so far in the current row
	start := -1    // first line of the current row
	end := from    // end of the table so far
	prev := -1     // the line of the last cell
	group := false // the current row is a group row
	wraps := -1    // the wrapped lines the current row may still join, -1 when not known
	for k := from; k < len(lines); k++ {
		l := lines[k]
		if l.row != 0 {
			break
		}
		s := l.text
		if s == "" && l.col != emptyCell {
			n := k + 1
			for n < len(lines) && lines[n].text == "" && lines[n].row == 0 {
				n++
			}
			if n == len(lines) || !rowStart(lines[n].text, last, start < 0 || group || cells >= 2, start < 0 || group) {
				break
			}
			continue
		}
		if rowStart(s, last, start < 0 || group || cells >= 2, start < 0 || group) {
			if start >= 0 {
				rows = append(rows, [2]int{start, k})
			}
			start, cells, end, prev = k, 1, k+1, -1
			wraps = blockWraps(lines, k, cols)
			m := reRowNumber.FindStringSubmatch(s)
			if m != nil && m[2] == "" {
				last, _ = strconv.Atoi(m[1])
			}
			group = m == nil
			continue
		}
		if start < 0 {
			break
		}
		if startsLower(s) && prev >= 0 && wraps != 0 {
			// A cell wrapped onto the next line: one cell again.
			wraps--
			lines[prev].text += " " + s
			lines[k].text = ""
			end = k + 1
			continue
		}
		if cells >= cols && !rowAhead(lines, k+1, cols, last) {
			break // the text after the table
		}
		cells++
		prev, end = k, k+1
	}
	if start >= 0 {
		rows = append(rows, [2]int{start, end})
	}
	return rows
}

// blockWraps returns how many of the lines of the row starting at
// lines[k] are wrapped cells, when the row is a block of its own that a
// blank line ends (docx2txt): its lines beyond the table's cols. A
// lower-case line in a row of just cols lines is a cell of its own (the
// unit "hội viên", "tỷ đồng"), not the rest of the one above. It returns
// -1 when the row runs on to no blank line (each lower-case line is then
// taken as a wrap, as before).
func blockWraps(lines []line, k, cols int) int {
	n := 0
	for ; k < len(lines) && lines[k].row == 0; k++ {
		if lines[k].text == "" && lines[k].col != emptyCell {
			return max(n-cols, 0)
		}
		n++
		if n > 2*cols {
			break
		}
	}
	return -1
}

// rowAhead reports whether a row starts within the n lines from lines[k],
// before a blank line: a row with a cell wrapped onto more lines than the
// table has columns goes on to it.
func rowAhead(lines []line, k, n, last int) bool {
	for ; k < len(lines) && n > 0; k, n = k+1, n-1 {
		if lines[k].text == "" || lines[k].row != 0 {
			return false
		}
		if rowStart(lines[k].text, last, true, false) {
			return true
		}
	}
	return false
}

// rowStart reports whether s is the number of a row that may start here:
// a group number, the row after last, a sub-row "2.1", or 1 where the
// numbering may start again (first, at the first row of a group). may is
// false while the current row has no cell besides its number. A figure on
// a line of its own ("1", "3") is a cell, not a row, elsewhere.
func rowStart(s string, last int, may, first bool) bool {
	if !may {
		return false
	}
	if reGroupNumber.MatchString(s) {
		return true
	}
	m := reRowNumber.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	if m[2] != "" {
		return true
	}
	n, _ := strconv.Atoi(m[1])
	return n == last+1 || n == 1 && first
}

// stackedRowNumbers finds the row numbers of a table that docx2txt wrote
// one cell a line with a blank line after each row: a "TT" line and the
// other header cells, a blank line, then blocks each opening with the next
// row number ("1", "2", ...). Between blank lines, such a number looks
// like a page number, which pageMarks would drop with the blank lines
// after it, and the row would lose its number.
func stackedRowNumbers(raw []string) map[int]bool {
	var rows map[int]bool
	for i, s := range raw {
		s = strings.TrimSpace(s)
		if len(s) > 16 || !reStackedFirst.MatchString(vi.Fold(s)) {
			continue
		}
		k := i + 1
		for k < len(raw) && !blankLine(raw[k]) && len([]rune(strings.TrimSpace(raw[k]))) <= 80 {
			k++
		}
		if n := k - i; n < 3 || n > maxStackedColumns {
			continue
		}
		for last := 0; ; {
			for k < len(raw) && blankLine(raw[k]) {
				k++
			}
			if k+1 >= len(raw) || blankLine(raw[k+1]) {
				break
			}
			if reGroupNumber.MatchString(strings.TrimSpace(raw[k])) && (k+2 >= len(raw) || blankLine(raw[k+2])) {
				// A group row, its number and its title: the rows go on
				// after it, maybe numbered from 1 again.
				for k < len(raw) && !blankLine(raw[k]) {
					k++
				}
				for k < len(raw) && blankLine(raw[k]) {
					k++
				}
				if k < len(raw) && strings.TrimSpace(raw[k]) == "1" {
					last = 0
				}
				continue
			}
			m := reRowNumber.FindStringSubmatch(strings.TrimSpace(raw[k]))
			if m == nil || m[2] != "" {
				break
			}
			if n, _ := strconv.Atoi(m[1]); n != last+1 {
				break
			}
			if rows == nil {
				rows = map[int]bool{}
			}
			rows[k] = true
			last++
			for k < len(raw) && !blankLine(raw[k]) {
				k++
			}
		}
	}
	return rows
}

// spacedCellGaps finds the blank lines between the cells of a table that
// docx2txt wrote one cell a line with a blank line after every cell, not
// only after every row: the "TT" cell, the other header cells, then rows
// each opening with the next row number ("1", "2", ...) and holding as many
// cells as the header, a lone "-" for an empty one. Dropping the blank lines
// inside the header and inside each row, and keeping those between rows,
// gives the one-row-a-block shape stackedRowNumbers and stackedTables read.
// A row that does not hold as many cells as the header ends the table.
func spacedCellGaps(raw []string) map[int]bool {
	var gaps map[int]bool
	// cell returns the next cell from raw[k]: its first and end lines, a
	// run of non-blank lines, after the blank lines before it.
	cell := func(k int) (start, end int) {
		for k < len(raw) && blankLine(raw[k]) {
			k++
		}
		start = k
		for k < len(raw) && !blankLine(raw[k]) {
			k++
		}
		return start, k
	}
	for i := 0; i < len(raw); i++ {
		s := strings.TrimSpace(raw[i])
		if len(s) > 16 || !reStackedFirst.MatchString(vi.Fold(s)) || i+1 >= len(raw) || !blankLine(raw[i+1]) {
			continue
		}
		heads := []string{s}
		var headGaps []int
		k := i + 1
		for len(heads) <= maxStackedColumns {
			start, end := cell(k)
			if start == len(raw) || end-start > 2 {
				break
			}
			c := strings.TrimSpace(raw[start])
			if reRowNumber.MatchString(c) || reGroupNumber.MatchString(c) {
				break
			}
			if len([]rune(c)) > 80 || endsSentence(c) {
				heads = nil
				break
			}
			for g := k; g < start; g++ {
				headGaps = append(headGaps, g)
			}
			heads = append(heads, strings.Join(strings.Fields(strings.Join(raw[start:end], " ")), " "))
			k = end
		}
		cols := len(heads)
		if cols < 3 || cols > maxStackedColumns || columnRoles(heads) == nil {
			continue
		}
		var rowGaps []int
		rows := 0
		for last := 0; ; last++ {
			start, end := cell(k)
			if start == len(raw) || end != start+1 {
				break
			}
			if g := spacedGroupRow(raw, start, last, cell); g != nil {
				// A group row ("I", "CHÍNH QUYỀN SỐ") between rows:
				// its number and its title are one block.
				rowGaps = append(rowGaps, g[1:]...)
				k = g[0]
				if strings.TrimSpace(raw[k]) == "1" {
					last = 0 // the rows numbered again within the group
				}
				last--
				continue
			}
			if strings.TrimSpace(raw[start]) != strconv.Itoa(last+1) {
				break
			}
			var gs []int
			at := end
			for c := 1; c < cols; c++ {
				cs, ce := cell(at)
				if cs == len(raw) {
					gs = nil
					break
				}
				for g := at; g < cs; g++ {
					gs = append(gs, g)
				}
				at = ce
			}
			if gs == nil {
				break
			}
			rowGaps = append(rowGaps, gs...)
			rows++
			k = at
		}
		if rows == 0 {
			continue
		}
		if gaps == nil {
			gaps = map[int]bool{}
		}
		for _, g := range append(headGaps, rowGaps...) {
			gaps[g] = true
		}
		i = k - 1
	}
	return gaps
}

// spacedGroupRow reads a group row of a table spacedCellGaps reads: a
// group number alone ("I", "B.") at raw[start], its title as the next
// cell, then the number of the row due next (last+1, or 1 again). It
// returns the line of that row number, then the blank lines between the
// group number and its title; nil when raw[start] opens no group row.
func spacedGroupRow(raw []string, start, last int, cell func(int) (int, int)) []int {
	if !reGroupNumber.MatchString(strings.TrimSpace(raw[start])) {
		return nil
	}
	ts, te := cell(start + 1)
	if ts == len(raw) || te != ts+1 || reRowNumber.MatchString(strings.TrimSpace(raw[ts])) {
		return nil
	}
	ns, ne := cell(te)
	if ns == len(raw) || ne != ns+1 {
		return nil
	}
	if n := strings.TrimSpace(raw[ns]); n != strconv.Itoa(last+1) && n != "1" {
		return nil
	}
	g := []int{ns}
	for k := start + 1; k < ts; k++ {
		g = append(g, k)
	}
	return g
}
