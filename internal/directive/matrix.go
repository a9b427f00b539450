package directive

import (
	"strings"

	"tiendo/internal/vi"
)

// A task table may assign its units in a matrix rather than in words: one
// column per unit, named in the header (often in a second header row, under
// a merged "Đơn vị thực hiện" cell), and in each task's row a mark in the
// column of every unit that takes part, "C" (or "CT", "Chủ trì") for the
// unit in charge and "P" (or "PH", "Phối hợp") for a unit that supports:
//
//	| TT | Nội dung | Chỉ tiêu | Đơn vị thực hiện |        |     | Thời gian |
//	|    |          |          | Phòng A | Phòng B | Công an xã |           |
//	| 1  | Thu ngân sách ... | ... | C   |         | P          | Quý III   |
//
// A "Phụ lục phân công" often reads this way, with a line "C - chủ trì; P -
// phối hợp" above it. An "x" marks a unit under the merged cell above its
// column: support under "Đơn vị phối hợp", lead under any other.

// matrixCol is one unit column of a C/P matrix.
type matrixCol struct {
	col   int    // the column as written
	name  string // the unit, as its header cell names it
	group string // the role an "x" in it gives: "lead" or "support"
}

// maxMatrixRows bounds how far matrixColumns looks for the marks under a
// header: a matrix marks its first rows, and a text of many rows that
// each name two units must not make every row look at all the others.
const maxMatrixRows = 60

// matrixColumns reads a table row that has no number as the header of a
// C/P matrix: the cells that name units, at columns cols, whose cells in
// every numbered row below (rows, the lines after the header, until the
// table ends) hold nothing but a mark or nothing. Two unit columns at
// least must open with a unit's name, and one mark at least be found
// under them; otherwise it returns nil. prev and prevCols are the cells
// of the row above, the merged cells that group the units, if any.
func matrixColumns(cells []string, cols []int, prev []string, prevCols []int, rows []line) []matrixCol {
	units := 0
	for _, c := range cells {
		if opensUnit(c) || pressName(c) {
			units++
		}
	}
	if units < 2 || len(cols) != len(cells) {
		return nil
	}
	// The columns whose cells below are all marks or blank.
	bad := map[int]bool{}
	marks := 0
	seen := 0
	for k := 0; k < len(rows) && seen < maxMatrixRows; {
		if rows[k].row == 0 {
			if rows[k].text != "" {
				break // the table has ended
			}
			k++
			continue
		}
		id, first, numbered := rows[k].row, true, false
		for ; k < len(rows) && rows[k].row == id; k++ {
			t := rows[k].text
			if t == "" {
				continue
			}
			if first {
				numbered, first = reCellLabel.MatchString(t), false
				continue
			}
			if numbered {
				if markRole(t) != "" {
					marks++
				} else {
					bad[rows[k].col] = true
				}
			}
		}
		seen++
	}
	if marks == 0 {
		return nil
	}
	var out []matrixCol
	named := 0
	for i, c := range cells {
		if bad[cols[i]] || cols[i] == 0 || ignoredHead(c) {
			continue
		}
		if opensUnit(c) || pressName(c) {
			named++
		}
		out = append(out, matrixCol{col: cols[i], name: strings.TrimSpace(c), group: groupAbove(cols[i], prev, prevCols)})
	}
	if named < 2 {
		return nil
	}
	return out
}

// ignoredHead reports whether a header cell names a column that is no
// unit's: the number, the task, its figure, its time, a note.
func ignoredHead(c string) bool {
	f := foldText(strings.TrimSpace(c)).s
	if f == "tt" || f == "stt" || strings.HasPrefix(f, "ghi chu") || strings.HasPrefix(f, "thoi gian") || strings.HasPrefix(f, "thoi han") || strings.HasPrefix(f, "tien do") {
		return true
	}
	return hasTextHead(f, strings.HasPrefix)
}

// groupAbove is the role an "x" gives in the column col: "support" when
// the nearest merged cell above it, in the row above, says "phối hợp",
// "lead" otherwise.
func groupAbove(col int, prev []string, prevCols []int) string {
	best := -1
	for i, c := range prevCols {
		if c <= col && i < len(prev) && strings.TrimSpace(prev[i]) != "" && (best < 0 || c > prevCols[best]) {
			best = i
		}
	}
	if best >= 0 && strings.Contains(vi.Fold(prev[best]), "phoi hop") {
		return "support"
	}
	return "lead"
}

// markRole reads a matrix cell: "lead" for "C", "CT", "Chủ trì"; "support"
// for "P", "PH", "Phối hợp"; "x" for "x", "X" or a tick, whose role is the
// column's; "" for anything else. Case and a trailing mark aside.
func markRole(c string) string {
	f := strings.Trim(vi.Fold(strings.TrimSpace(c)), " .*")
	switch f {
	case "c", "ct", "chu tri":
		return "lead"
	case "p", "ph", "phoi hop":
		return "support"
	case "x", "✓", "✔":
		return "x"
	}
	return ""
}

// matrixCells gives a numbered row of a C/P matrix, whose cells are at
// columns cols, its cells' roles and header cells, and the units its marks
// assign: a cell in a unit column (cells[i] at cols[i]) is "mark"; any other has the role of
// the header cell of its column (roles, heads at headCols), or none.
func matrixCells(m []matrixCol, cells []string, roles, heads []string, headCols, cols []int) ([]string, []string, *assignment) {
	rr, hh := make([]string, len(cols)), make([]string, len(cols))
	a := &assignment{}
	for i, c := range cols {
		if j := matrixAt(m, c); j >= 0 && i > 0 {
			rr[i] = "mark"
			role := markRole(cells[i])
			if role == "x" {
				role = m[j].group
			}
			switch role {
			case "lead":
				a.leads = append(a.leads, m[j].name)
			case "support":
				a.supports = append(a.supports, m[j].name)
			}
			continue
		}
		for h, hc := range headCols {
			if hc == c && c != 0 && h < len(roles) && h < len(heads) {
				rr[i], hh[i] = roles[h], heads[h]
				break
			}
		}
	}
	return rr, hh, a
}

func matrixAt(m []matrixCol, col int) int {
	for j, mc := range m {
		if mc.col == col {
			return j
		}
	}
	return -1
}
