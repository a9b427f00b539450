package directive

import (
	"regexp"
	"strconv"

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
		for _, r := range rows {
			next++
			for k := r[0]; k < r[1]; k++ {
				lines[k].row = next
			}
		}
		i = rows[len(rows)-1][1] - 1
	}
}

// stackedHeader reads the header cells from lines[i], the "TT" cell: the
// short lines after it up to the first row number. It returns the number
// of columns and where the header ends, or 0 when the lines there are no
// header of a task or target table (columnRoles reads none).
func stackedHeader(lines []line, i int) (cols, end int) {
	cells := []string{lines[i].text}
	k := i + 1
	for ; k < len(lines) && len(cells) <= maxStackedColumns; k++ {
		s := lines[k].text
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
	}
	if len(cells) < 3 || len(cells) > maxStackedColumns || k == len(lines) || columnRoles(cells) == nil {
		return 0, 0
	}
	return len(cells), k
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
	for k := from; k < len(lines); k++ {
		l := lines[k]
		if l.row != 0 {
			break
		}
		s := l.text
		if s == "" {
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
		if startsLower(s) && prev >= 0 {
			// A cell wrapped onto the next line: one cell again.
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
