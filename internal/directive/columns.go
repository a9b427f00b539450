package directive

import (
	"strconv"
	"strings"

	"tiendo/internal/vi"
)

// pdftotext without -layout writes a table column by column: the headings
// one a line, then every row's number, then every "Nhiệm vụ" cell, then
// every "Cơ quan chủ trì" cell and so on, each cell wrapped over lines of
// its own:
//
//	TT
//	Nhiệm vụ
//	Cơ quan chủ trì
//	Cơ quan phối hợp
//	1
//	2
//	Rà soát phương án …
//	… cấp V.
//	Tổ chức trực …
//	Sở Nông nghiệp và
//	Môi trường
//	Công an tỉnh
//	…
//
// A clerk reads the rows back by order; columnTables does the same where
// the cells can be told apart by what they are: a task cell ends with a
// full stop, a unit cell opens with a unit's name (a line ending with ","
// or "và" goes on with the same cell). The rows are written back as "|"
// rows, one on each number's line, and the other lines of the table
// emptied, so that line numbers stay those of the input.

// columnKind is what a transposed table's column holds.
type columnKind int

const (
	columnOther columnKind = iota
	columnTask
	columnLead
	columnSupport
)

// columnHeads open the headings of a task table's columns, folded.
var columnHeads = []string{"nhiem vu", "noi dung", "co quan chu tri", "don vi chu tri", "chu tri", "co quan phoi hop", "don vi phoi hop", "phoi hop", "thoi gian", "thoi han", "ghi chu", "san pham", "ket qua"}

// maxColumnRows bounds the rows of a transposed table, maxColumnLines its
// lines, so that text shaped like a table's start costs no more than a
// bounded look ahead.
const (
	maxColumnRows  = 60
	maxColumnLines = 1200
)

// columnTables rewrites each task table pdftotext wrote column by column
// into "|" rows, in place.
func columnTables(raw []string) {
	for i := 0; i < len(raw); i++ {
		f := strings.TrimSpace(vi.Fold(raw[i]))
		if f != "tt" && f != "stt" && f != "so tt" {
			continue
		}
		if end, ok := columnTable(raw, i); ok {
			i = end
		}
	}
}

// columnTable reads the transposed table whose number heading is raw[at],
// rewrites it and returns the index of its last line.
func columnTable(raw []string, at int) (int, bool) {
	// The headings, a wrapped one ("Thời gian" / "hoàn thành") joined.
	var heads []string
	var kinds []columnKind
	i := at + 1
	for ; i < len(raw) && i < at+16; i++ {
		s := strings.TrimSpace(raw[i])
		f := vi.Fold(s)
		if s == "" || strings.Contains(s, "|") {
			return 0, false
		}
		if _, err := strconv.Atoi(s); err == nil {
			break
		}
		if startsWithAny(f, columnHeads) {
			heads = append(heads, s)
			kinds = append(kinds, headingKind(f))
			continue
		}
		if len(heads) == 0 || len(s) > 30 {
			return 0, false
		}
		heads[len(heads)-1] += " " + s
	}
	if len(heads) < 2 || kinds[0] != columnTask {
		return 0, false
	}
	// The row numbers, 1 to k.
	first := i
	k := 0
	for ; i < len(raw) && k <= maxColumnRows; i++ {
		n, err := strconv.Atoi(strings.TrimSpace(raw[i]))
		if err != nil || n != k+1 {
			break
		}
		k++
	}
	if k < 2 || k > maxColumnRows {
		return 0, false
	}
	rows := make([][]string, k)
	// The task cells, each up to its full stop.
	var cell []string
	for r := 0; r < k; i++ {
		if i >= len(raw) || i >= first+maxColumnLines {
			return 0, false
		}
		s := strings.TrimSpace(raw[i])
		if s == "" || strings.HasPrefix(s, "\f") {
			return 0, false
		}
		cell = append(cell, s)
		if strings.HasSuffix(s, ".") {
			rows[r] = append(rows[r], strings.Join(cell, " "))
			cell = nil
			r++
		}
	}
	// The unit columns that follow, their cells by order; a column after
	// them (the time, a note) is not read, its lines dropped up to the
	// first blank line or page break.
	units := 0
	for _, kd := range kinds[1:] {
		if kd != columnLead && kd != columnSupport {
			break
		}
		units++
	}
	if units == 0 {
		return 0, false
	}
	var cells []string
	for ; i < len(raw) && i < first+maxColumnLines; i++ {
		s := strings.TrimSpace(raw[i])
		if s == "" || strings.HasPrefix(s, "\f") {
			break
		}
		last := len(cells) - 1
		switch {
		case last >= 0 && goesOnCell(cells[last], s):
			cells[last] += " " + s
		case (opensUnit(s) || pressName(s)) && len(cells) < k*units:
			cells = append(cells, s)
		case last >= 0 && len(cells) < k*units && !strings.ContainsAny(s, "0123456789"):
			cells[last] += " " + s // a wrapped name's tail: "Truyền hình Tuyên" / "Quang"
		default:
			goto done
		}
	}
done:
	if len(cells) != k*units {
		return 0, false
	}
	for c := range units {
		for r := range k {
			rows[r] = append(rows[r], cells[c*k+r])
		}
	}
	for ; i < len(raw) && i < first+maxColumnLines && len(heads) > units+1; i++ {
		s := strings.TrimSpace(raw[i])
		if s == "" || strings.HasPrefix(s, "\f") || len(s) > 40 {
			break
		}
	}
	end := i - 1
	for j := at; j <= end; j++ {
		raw[j] = ""
	}
	raw[first-1] = "| " + strings.TrimSpace(raw[at]) + " | " + strings.Join(heads[:units+1], " | ") + " |"
	for r, cs := range rows {
		raw[first+r] = "| " + strconv.Itoa(r+1) + " | " + strings.Join(cs, " | ") + " |"
	}
	return end, true
}

// headingKind tells a column by its folded heading.
func headingKind(f string) columnKind {
	switch {
	case strings.Contains(f, "chu tri"):
		return columnLead
	case strings.Contains(f, "phoi hop"):
		return columnSupport
	case strings.HasPrefix(f, "nhiem vu") || strings.HasPrefix(f, "noi dung"):
		return columnTask
	}
	return columnOther
}

// goesOnCell reports whether line s goes on with a unit cell that so far
// reads cell even as the column's last: the cell ends with "," or "và"
// (a name or a list goes on), or s opens in lower case.
func goesOnCell(cell, s string) bool {
	f := vi.Fold(cell)
	if strings.HasSuffix(f, ",") || strings.HasSuffix(f, " va") || strings.HasSuffix(f, " cac") || strings.HasSuffix(f, " bo") {
		return true
	}
	return startsLower(s)
}
