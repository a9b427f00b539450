package directive

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// labelKind is how a body paragraph is numbered.
type labelKind int

const (
	plain   labelKind = iota // no label: a sentence, or a continuation
	section                  // "I.", "II.": a part of the document
	number                   // "1.", "1.1.", "2)", "Nhiệm vụ 3:"
	letter                   // "a)", "b."
	bullet                   // "-", "+", "•"
)

// block is a paragraph of the body: its label, the lines it spans, its text
// without the label, and its place in the outline.
type block struct {
	kind   labelKind
	label  string
	depth  int
	text   string
	line   int      // first input line
	parent int      // index of the enclosing block, -1 at the top
	cells  []string // a table row's cells
	roles  []string // per cell: "text", "lead", "support", "figure"... or "" (from the header row)
	heads  []string // the header row's cells, when roles are set
	kids   int      // number of child blocks
	mark   string   // a bullet's mark as written: "-", "+", "•"
	// header is the line of the header row a table row is read under,
	// and headRoles that row's roles, every column's (roles holds this
	// row's cells' only); 0 and nil outside a table.
	header    int
	headRoles []string
	// matrix is the units a row of a C/P assignment matrix marks, as lead
	// and support (see matrixColumns); nil for any other row.
	matrix *assignment
	// merged marks a table row whose first cells (number, unit) were
	// merged down from the numbered row above it: one more of its
	// indicators, read by its columns (roles are set).
	merged bool
}

// mergedBelow reports whether a row's cells, at columns cols, leave the
// header's first column (the number) empty, as a row under a merged
// number cell does; the columns must be known.
func mergedBelow(cols, headCols []int) bool {
	if len(cols) == 0 || len(headCols) < 3 || headCols[0] == 0 || cols[0] == 0 {
		return false
	}
	return cols[0] > headCols[0]
}

var (
	reMultiLabel  = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s*[)]?\s*`)
	reNumLabel    = regexp.MustCompile(`^(\d{1,2})\s?[.)]\s*`)
	reRomanLabel  = regexp.MustCompile(`^([IVX]{1,5})\s?[.)]\s*`)
	reLetterLabel = regexp.MustCompile(`^([a-zđ])\s?[).]\s*`)
	// reSlashLabel is a number written with a slash, "1/ ", "2.1/ ", as
	// some offices number items. A date also starts with digits and a
	// slash ("20/4/2024 của Bộ Y tế" at the start of a wrapped line), but
	// its slash is followed by a digit; a label's by a space or a capital.
	reSlashLabel = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){0,3})\s?/(?:\s+|\p{Lu})`)
	// reSymbolAfter is a document's symbol right after the slash, capitals
	// joined by a hyphen ("06/TTr-TCKH ngày …", "15/CT-TTg"): a number
	// and symbol cited at the start of a wrapped line, not a "6/" label.
	reSymbolAfter = regexp.MustCompile(`^\p{Lu}[\p{L}&]*(?:-[\p{L}&]+)+(?:[\s,.;:)]|$)`)
	// reDashLabel is a number written with a hyphen, "1- ", "2.1- ", "I- ",
	// the habit of Party documents (Hướng dẫn 36-HD/VPTW writes "1-" where
	// a state document writes "1."). The hyphen must be followed by a
	// space and a capital (dashLabel): "2024-2025", "10-15%", "1 - 2 ngày"
	// and a "-" bullet are never labels.
	reDashLabel   = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5})-[ \t]+`)
	reTaskHeading = regexp.MustCompile(`^nh[a-z]{0,3}m\s*vu\s*(?:so\s*|thu\s*)?(\d{1,3}[a-z]?)\s*[:.)-]\s*`)
	reCellLabel   = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,2}){0,3})\.?$`)
	rePartLabel   = regexp.MustCompile(`^phan\s+(?:thu\s+)?([ivx]{1,5}|\d{1,2}|nhat|hai|ba|bon|nam)\b\s*[:.-]?\s*`)
	// reArticle opens an article of a decision: "Điều 2. Tổ chức thực
	// hiện". Articles are the parts of a Quyết định as "I.", "II." are of
	// a plan; the numbered items under one are its clauses.
	reArticle = regexp.MustCompile(`^dieu\s+(\d{1,2})\s*[.:]\s*`)
	// reOrdinal opens an item numbered in words: "Thứ nhất, về thu ngân
	// sách: ...", "Hai là, ...". The weekday "Thứ hai, ngày 20/11" is
	// not one (ordinalLabel).
	reOrdinal = regexp.MustCompile(`^((?:thu\s+(?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi(?:\s+(?:mot|hai|ba|bon|tu|lam|nam))?))|(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+la)\s*[,:.]\s*`)
)

// labelInfo is what parseLabel finds at the start of a paragraph.
type labelInfo struct {
	kind  labelKind
	label string
	depth int
	rest  string
}

// parseLabel reads the label a paragraph starts with. Depths order the
// outline: parts, then numbers by their number of levels, letters, bullets.
func parseLabel(s string) (labelInfo, bool) {
	if s == "" {
		return labelInfo{}, false
	}
	if m := reMultiLabel.FindStringSubmatch(s); m != nil && startsText(s[len(m[0]):]) {
		return labelInfo{number, m[1], strings.Count(m[1], ".") + 1, s[len(m[0]):]}, true
	}
	if m := reNumLabel.FindStringSubmatch(s); m != nil && startsText(s[len(m[0]):]) {
		return labelInfo{number, strings.TrimLeft(m[1], "0"), 1, s[len(m[0]):]}, true
	}
	if m := reRomanLabel.FindStringSubmatch(s); m != nil && startsText(s[len(m[0]):]) && validRoman(m[1]) {
		return labelInfo{section, m[1], 0, s[len(m[0]):]}, true
	}
	if m := reSlashLabel.FindStringSubmatchIndex(s); m != nil && startsText(s[m[3]+1:]) && !reSymbolAfter.MatchString(s[m[3]+1:]) {
		label := strings.TrimLeft(s[m[2]:m[3]], "0")
		rest := strings.TrimSpace(s[m[3]+1:])
		return labelInfo{number, label, strings.Count(label, ".") + 1, rest}, true
	}
	if m := reDashLabel.FindStringSubmatch(s); m != nil && startsCapital(s[len(m[0]):]) {
		if validRoman(m[1]) {
			return labelInfo{section, m[1], 0, s[len(m[0]):]}, true
		}
		if m[1][0] >= '0' && m[1][0] <= '9' {
			label := strings.TrimLeft(m[1], "0")
			return labelInfo{number, label, strings.Count(label, ".") + 1, s[len(m[0]):]}, true
		}
	}
	if m := reLetterLabel.FindStringSubmatch(s); m != nil && startsText(s[len(m[0]):]) {
		return labelInfo{letter, m[1], 5, s[len(m[0]):]}, true
	}
	f := foldText(s)
	if m := reTaskHeading.FindStringSubmatchIndex(f.s); m != nil {
		return labelInfo{number, f.s[m[2]:m[3]], 1, f.cut(m[1], len(f.s))}, true
	}
	if m := reOrdinal.FindStringSubmatchIndex(f.s); m != nil && ordinalRest(f.s[m[1]:]) && ordinalWord(strings.Join(strings.Fields(f.s[m[2]:m[3]]), " "), f.s[m[2]:]) {
		return labelInfo{number, f.cut(m[2], m[3]), 1, f.cut(m[1], len(f.s))}, true
	}
	if m := reArticle.FindStringSubmatchIndex(f.s); m != nil && startsText(f.cut(m[1], len(f.s))) {
		return labelInfo{section, f.s[m[2]:m[3]], 0, f.cut(m[1], len(f.s))}, true
	}
	if m := rePartLabel.FindStringSubmatchIndex(f.s); m != nil && isUpper(s) {
		return labelInfo{section, strings.ToUpper(f.s[m[2]:m[3]]), 0, f.cut(m[1], len(f.s))}, true
	}
	if isBullet(s) {
		r := []rune(s)
		depth := 6
		if r[0] == '+' {
			depth = 7
		}
		return labelInfo{bullet, "", depth, strings.TrimSpace(string(r[1:]))}, true
	}
	return labelInfo{}, false
}

// ordinalRest reports whether what follows "Thứ hai," reads as an item's
// text rather than a date ("Thứ hai, ngày 20/11/2025", "thứ Hai, 20/11").
func ordinalRest(f string) bool {
	return startsText(f) && !strings.HasPrefix(f, "ngay")
}

// ordinalWord reports whether the folded label is an ordinal, not "thứ tự"
// ("Thứ tự: ưu tiên ...", order) written with a colon.
func ordinalWord(label, folded string) bool {
	return !(label == "thu tu" && strings.HasPrefix(strings.TrimSpace(folded[len(label):]), ":"))
}

// itemLabel reports whether s starts with a numbered, lettered or section
// label (not a bullet), and which.
func itemLabel(s string) (string, int, bool) {
	l, ok := parseLabel(s)
	if !ok || l.kind == bullet {
		return "", 0, false
	}
	return l.label, l.depth, true
}

// startsText reports whether s, what follows a label, starts like text: a
// letter, an opening bracket or quote. "15.000 hộ" and "2022 là năm" are
// numbers, not labels.
func startsText(s string) bool {
	for _, r := range s {
		if r == ' ' {
			continue
		}
		return r == '(' || r == '"' || r == '“' || r == '\'' || r == '[' || isLetter(r)
	}
	return false
}

// startsCapital reports whether s starts with a capital letter, as an
// item's first word does after a "1- " label; a lower-case word or a figure
// after "N- " is a range or a broken line, not an item.
func startsCapital(s string) bool {
	for _, r := range s {
		return isLetter(r) && unicode.IsUpper(r)
	}
	return false
}

func validRoman(s string) bool {
	switch s {
	case "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV":
		return true
	}
	return false
}

// blocks groups the body lines into paragraphs and builds the outline. A
// line continues the paragraph before it when it starts in lower case (a
// sentence broken by a blank line in extraction), or when it follows
// without a blank line and the paragraph has not ended with punctuation (a
// name broken across lines).
func blocks(lines []line) []block {
	var out []block
	var cur *block
	var b strings.Builder
	var roles []string     // the column roles of the last table header row
	var heads []string     // and its cells
	var headCols []int     // and their columns
	var headLine int       // and its line
	var matrix []matrixCol // the unit columns of a C/P matrix over the rows, nil when none
	var prevCells []string // the cells of the table row before, and their columns
	var prevCols []int
	lastRow := plain  // the kind of the last table row, a merged row taking its kind from the row above
	curUpper := false // the paragraph so far is in capitals: a heading
	curLines := 0     // input lines in the paragraph so far
	flush := func() {
		if cur != nil {
			cur.text = strings.TrimSpace(b.String())
			out = append(out, *cur)
			cur = nil
			b.Reset()
		}
	}
	prevBlank := true
	// Bullets nest in the order their marks first appear: the first mark
	// used is the outer level ("-", then "+", then "•" in most directives,
	// but not in all).
	bulletDepth := map[rune]int{}
	// The kind of the last numbered, lettered or section block begun, and
	// the number of the last "(N)" item of the list running (0 when none
	// runs; a section or a number ends it): what a paragraph opening "(1)"
	// would follow (parenItem).
	lastKind, parenRun := plain, 0
	for k := 0; k < len(lines); k++ {
		ln := lines[k]
		s := ln.text
		if s == "" {
			prevBlank = true
			continue
		}
		if ln.row == 0 {
			matrix, prevCells, prevCols = nil, nil, nil // the table has ended
			lastRow = plain
		}
		if ln.row > 0 {
			flush()
			row := block{kind: plain, line: ln.n}
			var cols []int // each cell's column as written, 0 when unknown
			for ; k < len(lines) && lines[k].row == ln.row; k++ {
				if lines[k].text != "" {
					row.cells = append(row.cells, lines[k].text)
					cols = append(cols, lines[k].col)
				}
			}
			k--
			if len(row.cells) > 0 && totalRow(row.cells[0]) {
				// "| | Tổng cộng | | 1.115 |": the table's sum, no
				// one's task, and not more of the row above it.
				prevBlank = true
				continue
			}
			row.text = strings.Join(row.cells, " ")
			if len(row.cells) > 1 {
				if m := reCellLabel.FindStringSubmatch(row.cells[0]); m != nil {
					row.kind, row.label, row.depth = number, strings.TrimLeft(m[1], "0"), strings.Count(m[1], ".")+1
					if row.label == "" {
						row.label = m[1]
					}
					row.text = strings.Join(row.cells[1:], " ")
				} else if g := groupRowLabel(row.cells); g != "" {
					// "I | LĨNH VỰC KINH TẾ": a group of the rows under it,
					// as "I." heads the items of a plan.
					row.kind, row.label, row.depth = section, g, 0
					row.text = strings.Join(row.cells[1:], " ")
				} else if m := matrixColumns(row.cells, cols, prevCells, prevCols, lines[k+1:]); m != nil {
					// The names of a C/P matrix's unit columns: in the
					// header row itself, or in a second row under a
					// merged "Đơn vị thực hiện" cell, whose first row
					// still says what the other columns hold.
					matrix = m
					if r, _, _, _ := cellRoles(row.cells); len(m) < len(row.cells) {
						roles, heads, headCols, headLine = r, row.cells, cols, ln.n
					} else if prevCells != nil {
						r, _, _, _ := cellRoles(prevCells)
						roles, heads, headCols, headLine = r, prevCells, prevCols, ln.n
					}
				} else if header := columnRoles(row.cells); header != nil {
					roles, heads, headCols, headLine = header, row.cells, cols, ln.n
					matrix = nil
				}
				if row.kind == number && roles != nil {
					row.header, row.headRoles = headLine, roles
				}
				if row.kind == plain && lastRow == number && mergedBelow(cols, headCols) {
					// "1 | Phòng Kinh tế | Tổng giá trị sản xuất | tỷ đồng |
					// 4.560" over " |  | Diện tích gieo trồng | ha | 3.450":
					// the number and unit cells were merged down in the
					// spreadsheet and came out on the first row only. The
					// row is one more indicator of the row above.
					if rr, hh := alignCells(roles, heads, headCols, cols); rr != nil && slices.Contains(rr, "value") && slices.Contains(rr, "text") && !slices.Contains(rr, "lead") {
						row.roles, row.heads, row.header, row.headRoles, row.merged = rr, hh, headLine, roles, true
					}
				}
				if row.kind != plain {
					lastKind = row.kind
					if row.kind != letter {
						parenRun = 0
					}
				}
				if row.kind == number && matrix != nil {
					row.roles, row.heads, row.matrix = matrixCells(matrix, row.cells, roles, heads, headCols, cols)
				} else if row.kind == number && len(roles) == len(row.cells) {
					row.roles, row.heads = roles, heads
				} else if row.kind == number && roles != nil {
					// A row with blank cells ("| 5 | Tỷ lệ ... | % | Từ 95
					// trở lên | | |") has fewer cells than its header:
					// each is under the header cell of its column.
					row.roles, row.heads = alignCells(roles, heads, headCols, cols)
				}
			}
			if row.kind == number || row.kind == section {
				lastRow = row.kind
			} else if !row.merged {
				lastRow = plain
			}
			out = append(out, row)
			prevCells, prevCols = row.cells, cols
			prevBlank = true
			continue
		}
		l, ok := parseLabel(s)
		paren := 0
		if !ok {
			l, paren, ok = parenItem(s, lastKind, parenRun)
		}
		if ok {
			flush()
			if l.kind != bullet {
				lastKind = l.kind
			}
			if paren > 0 {
				parenRun = paren
			} else if l.kind == number || l.kind == section {
				parenRun = 0
			}
			if l.kind == bullet {
				mark := []rune(s)[0]
				if mark == '–' || mark == '—' {
					mark = '-'
				}
				if _, seen := bulletDepth[mark]; !seen {
					bulletDepth[mark] = 6 + len(bulletDepth)
				}
				l.depth = bulletDepth[mark]
			}
			cur = &block{kind: l.kind, label: l.label, depth: l.depth, line: ln.n}
			if l.kind == bullet {
				// Kept for the task text: "+" lines are the sub-points
				// of a "-" line, and the text should still show it.
				cur.mark = string([]rune(s)[0])
			}
			b.WriteString(l.rest)
			curUpper = isUpper(l.rest)
			curLines = 1
			prevBlank = false
			continue
		}
		// A heading in capitals ends at its line, and so does a unit's
		// name heading the paragraph of its work (see headingBreak).
		heading := cur != nil && (curUpper && !isUpper(s) || curLines == 1 && (cur.kind == number || cur.kind == letter) && (headingBreak(b.String(), s, k+1 < len(lines) && lines[k+1].text != "" && lines[k+1].row == 0) || frameBreak(b.String(), s)))
		if cur != nil && !heading && (startsLower(s) || !prevBlank && !endsSentence(b.String())) {
			curLines++
			b.WriteByte(' ')
			b.WriteString(s)
			curUpper = curUpper && isUpper(s)
			prevBlank = false
			continue
		}
		flush()
		cur = &block{kind: plain, line: ln.n}
		b.WriteString(s)
		curUpper = isUpper(s)
		curLines = 1
		prevBlank = false
	}
	flush()
	outline(out)
	return out
}

// reParenItem opens a paragraph numbered in brackets: "(1) Phòng Nội vụ
// rà soát ...".
var reParenItem = regexp.MustCompile(`^\((\d{1,2})\)[.:]?\s*`)

// parenItem reads a paragraph that opens with a number in brackets, "(1)",
// "(2)" ..., as an item numbered "1", "2" ... when that numbering is the
// first under its part: some offices (a Thông báo kết luận above all) list
// the work of a section, or of a whole letter, as "(1) <unit> ...", "(2)
// ...". The list must start at "(1)" right under a section heading
// ("II. NHIỆM VỤ THÁNG 3") or where no item has begun, and go on one by
// one. Under a numbered or lettered item, "(1)", "(2)" count the points of
// that item ("a) Chỉ tiêu kinh tế" over "(1) Tốc độ tăng trưởng ...") and
// stay its text; a bracket that opens a sentence in the middle of a list,
// or one that is not followed by words ("(1)⇥(2)⇥(3)", a table's column
// numbers), is no item either. after is the kind of the last labelled
// block begun, prev the number of the last "(N)" item of the list running
// (0 if none: a section or a numbered item ends the list, the letters and
// bullets inside an item do not).
func parenItem(s string, after labelKind, prev int) (labelInfo, int, bool) {
	m := reParenItem.FindStringSubmatch(s)
	if m == nil {
		return labelInfo{}, 0, false
	}
	rest := s[len(m[0]):]
	r, _ := utf8.DecodeRuneInString(rest)
	if !isLetter(r) {
		return labelInfo{}, 0, false
	}
	n, _ := strconv.Atoi(m[1])
	switch {
	case prev > 0 && n == prev+1:
	case prev == 0 && n == 1 && (after == plain || after == section):
	default:
		return labelInfo{}, 0, false
	}
	return labelInfo{number, strconv.Itoa(n), 1, rest}, n, true
}

// reTotalRow is the first cell of a table's sum row: "Tổng cộng",
// "Cộng", "Tổng số", "Toàn huyện".
var reTotalRow = regexp.MustCompile(`^(?:tong cong|tong so|tong|cong|toan (?:huyen|tinh|xa|phuong|thanh pho|thi xa|quan|nganh|don vi))\s*[:.]?$`)

func totalRow(cell string) bool { return reTotalRow.MatchString(foldText(strings.TrimSpace(cell)).s) }

// groupRowLabel returns the number of a table's group row, "II" of "II |
// LĨNH VỰC VĂN HÓA - XÃ HỘI", or "": a Roman number or a capital letter
// (A-H) in the first cell, and a heading in capitals, or nothing but a
// title, after it.
func groupRowLabel(cells []string) string {
	g := strings.TrimSuffix(strings.TrimSpace(cells[0]), ".")
	if !validRoman(g) && !(len(g) == 1 && g[0] >= 'A' && g[0] <= 'H') {
		return ""
	}
	rest := strings.Join(cells[1:], " ")
	if !startsText(rest) || !isUpper(rest) && len(cells) > 2 {
		return ""
	}
	return g
}

// outline sets each block's parent: the nearest earlier labelled block of
// smaller depth. A plain paragraph has the parent of the labelled block it
// follows, as a sibling continuing it.
func outline(bs []block) {
	var stack []int
	for i := range bs {
		b := &bs[i]
		if b.kind == plain {
			b.parent = -1
			if len(stack) > 0 {
				b.parent = stack[len(stack)-1]
			}
			continue
		}
		for len(stack) > 0 && (bs[stack[len(stack)-1]].depth >= b.depth || b.cells == nil && bs[stack[len(stack)-1]].cells != nil) {
			// A list after a table is not inside its last row.
			stack = stack[:len(stack)-1]
		}
		b.parent = -1
		if len(stack) > 0 {
			b.parent = stack[len(stack)-1]
			bs[b.parent].kids++
		}
		stack = append(stack, i)
	}
}

func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	switch s[len(s)-1] {
	case '.', ';', ':', '!', '?':
		return true
	}
	return false
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && (r >= 0xC0 && r <= 0x24F || r >= 0x1E00 && r <= 0x1EFF)
}

// columnRoles reads a table header row ("TT | Nội dung | Đơn vị chủ trì |
// Đơn vị phối hợp | Thời gian"): what each column of the rows under it
// holds. It returns nil when the row names no task columns.
func columnRoles(cells []string) []string {
	roles, found, text, measure := cellRoles(cells)
	// A table of targets ("Chỉ tiêu | Đơn vị tính | Kế hoạch") names no
	// units but says how to read its rows.
	if !found && !(text && measure) {
		return nil
	}
	return roles
}

// cellRoles reads each cell of a header row as columnRoles does, and says
// whether a column names units (found), holds the text, or the measure.
func cellRoles(cells []string) (roles []string, found, text, measure bool) {
	roles = make([]string, len(cells))
	// One column of places names each row's unit; several ("Tỉnh |
	// Huyện | Xã") count places, and name no one.
	places := 0
	for _, c := range cells {
		if placesHead(foldText(c).s) {
			places++
		}
	}
	// A column named by its period holds the values beside a unit of
	// measure column ("Chỉ tiêu | ĐVT | Chỉ tiêu 9 tháng"); without one its
	// cells are phrases of their own ("Nội dung | Chỉ tiêu quý III": "Lũy
	// kế đến 30/9 đạt tối thiểu 75% dự toán năm"), read with the task.
	measured := false
	for _, c := range cells {
		f := foldText(c).s
		measured = measured || f == "dvt" || strings.HasPrefix(f, "don vi tinh")
	}
	for i, c := range cells {
		f := foldText(c).s
		switch {
		case f == "dvt" || strings.HasPrefix(f, "don vi tinh"):
			roles[i], measure = "measure", true
		case strings.HasPrefix(f, "ke hoach") || strings.HasPrefix(f, "chi tieu ke hoach") || strings.HasPrefix(f, "chi tieu giao") || strings.HasPrefix(f, "muc tieu") || strings.HasPrefix(f, "chi tieu nam") || strings.HasPrefix(f, "so giao") || measured && reValueHead.MatchString(f):
			roles[i] = "value"
		// Who and what come before a figure: "Đơn vị phối hợp (nếu có)"
		// is the support column whatever its bracket says; a figure's
		// header names what is counted ("Tỷ lệ hoàn thành nhiệm vụ (%)").
		case strings.Contains(f, "phoi hop"):
			roles[i], found = "support", true
		case strings.Contains(f, "chu tri") || strings.Contains(f, "thuc hien") && strings.Contains(f, "don vi") || f == "don vi" || strings.Contains(f, "co quan") || strings.Contains(f, "trach nhiem") || unitColumnHeads[f] || places == 1 && placesHead(f):
			roles[i], found = "lead", true
		case hasTextHead(f, strings.HasPrefix):
			roles[i], text = "text", true
		case figureHead(c) != "":
			roles[i] = "figure"
		case goalHead(f):
			roles[i] = "goal"
		case hasTextHead(f, strings.Contains):
			roles[i], text = "text", true
		}
	}
	return roles, found, text, measure
}

// reValueHead is the header of the column of figures to reach named by
// the period they are for, beside the "Chỉ tiêu" column that names what
// is measured and the "ĐVT" column: "Chỉ tiêu 9 tháng năm 2024", "Chỉ tiêu
// quý III", "Chỉ tiêu 6 tháng đầu năm" ("Chỉ tiêu năm 2026" is read as
// such in any table).
var reValueHead = regexp.MustCompile(`^chi tieu (?:\d{1,2} thang|sau thang|chin thang|quy|thang \d{1,2}|ca nam)\b`)

// unitColumnHeads are headers of the column that names each row's unit in a
// table giving units their figures: "Chủ đầu tư", "Địa phương", "Tên đơn
// vị".
var unitColumnHeads = map[string]bool{
	"chu dau tu": true, "dia phuong": true, "ten don vi": true, "ten dia phuong": true, "don vi thuc hien": true,
}

// placeKinds are the kinds of place a table may give one row each:
// "Xã, thị trấn", "Huyện/thành phố", "Tên xã, phường".
var placeKinds = map[string]bool{
	"xa": true, "phuong": true, "thi tran": true, "dac khu": true, "huyen": true, "quan": true,
	"thi xa": true, "thanh pho": true, "tinh": true, "thon": true, "xom": true, "to dan pho": true,
	"khu pho": true, "ban": true, "lang": true, "khu dan cu": true, "ap": true,
}

// placesHead reports whether folded header f lists only kinds of place
// ("xa, thi tran", "ten huyen/thanh pho"): the column that names each
// row's unit in a table giving places their figures.
func placesHead(f string) bool {
	f = strings.TrimPrefix(f, "ten ")
	parts := strings.FieldsFunc(strings.ReplaceAll(f, " va ", ","), func(r rune) bool { return r == ',' || r == '/' || r == ';' })
	for _, p := range parts {
		if !placeKinds[strings.TrimSpace(p)] {
			return false
		}
	}
	return len(parts) > 0
}

// reGoalWord is the word of a column header that says how a row's figure
// is to be met: "Tỷ lệ giải ngân tối thiểu đến 30/9", "Mức phấn đấu đạt".
var reGoalWord = regexp.MustCompile(`\b(?:toi thieu|it nhat|khong thap hon|khong duoi|toi da|khong vuot qua|khong qua|phan dau dat|phan dau)\b`)

// goalHead reports whether folded header f names a figure each row is to
// reach, with no unit in brackets (figureHead reads those): a rate ("Tỷ
// lệ giải ngân đến 30/9/2025") or a figure with its comparator ("... tối
// thiểu", "... phấn đấu đạt").
func goalHead(f string) bool {
	return strings.HasPrefix(f, "ty le") || reGoalWord.MatchString(f)
}

// goalText writes a row's figure under a goal header as the sentence a
// directive would say it in, the comparator just before the value, for the
// target rules to read: "Tỷ lệ giải ngân tối thiểu đến 30/9/2025" and
// "60%" give "Tỷ lệ giải ngân đến 30/9/2025 tối thiểu 60%". A header with
// no comparator reads as "đạt" (=). A rate's bare number is a percentage.
// It returns "" for a cell that is no figure.
func goalText(head, cell string) string {
	cell = strings.TrimSpace(cell)
	if cell == "" || !strings.ContainsAny(cell, "0123456789") || len(strings.Fields(cell)) > 3 {
		return ""
	}
	f := foldText(strings.TrimSpace(head))
	if strings.HasPrefix(f.s, "ty le") && !strings.ContainsAny(cell, "%") {
		if _, err := vi.ParseNumber(cell); err == nil {
			cell += "%"
		}
	}
	m := reGoalWord.FindStringIndex(f.s)
	if m == nil {
		return f.orig + " đạt " + cell
	}
	name := strings.Join(strings.Fields(f.cut(0, m[0])+" "+f.cut(m[1], len(f.s))), " ")
	if b := reGoalBracket.FindStringSubmatchIndex(f.s); b != nil && b[2] == m[0] {
		// "Số bộ dữ liệu mở được công bố (tối thiểu, bộ)": the bracket
		// holds the comparator and the unit of measure, which goes after
		// the figure as a sentence has it.
		name = strings.TrimSpace(f.cut(0, b[0]))
		unit := strings.TrimSpace(f.cut(b[4], b[5]))
		if unit != "%" || !strings.HasSuffix(cell, "%") {
			cell = withUnit(cell, unit)
		}
	}
	return name + " " + f.cut(m[0], m[1]) + " " + cell
}

// reGoalBracket is a header's bracket holding a comparator and a unit of
// measure, folded: "(toi thieu, bo)", "(it nhat, %)".
var reGoalBracket = regexp.MustCompile(`\(\s*(toi thieu|it nhat|khong duoi|khong thap hon|toi da)\s*,\s*([^(),;0-9]{1,20}?)\s*\)\s*$`)

// hasTextHead reports whether folded header f, by has (strings.HasPrefix
// or strings.Contains), names the column of what is to be done.
func hasTextHead(f string, has func(s, sub string) bool) bool {
	return has(f, "noi dung") || has(f, "nhiem vu") || has(f, "chi tieu") || has(f, "cong viec")
}

// reFigureHead is a column header that names a figure and its unit of
// measure: "Số hộ nghèo giảm (hộ)", "Tỷ lệ che phủ rừng (%)".
var reFigureHead = regexp.MustCompile(`^(.*\S)\s*\(([^()0-9]{1,20})\)$`)

// figureHead returns the unit of measure a column header gives its figures
// in brackets, "" when it gives none. A bracket of many words ("(ghi rõ
// lý do)") is a note, not a unit.
func figureHead(h string) string {
	m := reFigureHead.FindStringSubmatch(strings.TrimSpace(h))
	if m == nil || len(strings.Fields(m[2])) > 3 || strings.ContainsAny(m[2], ",;:") {
		return ""
	}
	b := " " + foldText(m[2]).s + " "
	for _, w := range noteWords {
		if strings.Contains(b, " "+w+" ") {
			return ""
		}
	}
	return strings.TrimSpace(m[2])
}

// noteWords are words of a bracket that is a note to whoever fills the
// column in, not a unit of measure: "(nếu có)", "(ghi rõ)", "(dự kiến)",
// "(nếu cần)", "(theo kế hoạch)", "(năm 2025)".
var noteWords = []string{
	"neu", "ghi ro", "du kien", "theo", "chi tiet", "cu the", "xem", "kem", "nam", "thang",
	"quy", "ngay", "ten", "ly do", "chua", "khac", "hoac", "uoc",
}

// figureText writes a figure of a table row as the sentence a directive
// would say it in, for the target rules to read: the header "Số hộ nghèo
// giảm (hộ)" and the cell "320" give "Số hộ nghèo giảm 320 hộ". A table
// that gives each unit its own figures ("Huyện A | 320 | 2,5") states its
// targets that way. It returns "" for a cell that is no figure.
func figureText(head, cell string) string {
	unit := figureHead(head)
	cell = strings.TrimSpace(cell)
	if unit == "" || cell == "" || !strings.ContainsAny(cell, "0123456789") || len(strings.Fields(cell)) > 4 {
		return ""
	}
	name := strings.TrimSpace(head[:strings.LastIndex(head, "(")])
	text := name + " " + cell + " " + unit
	if strings.HasSuffix(cell, unit) || strings.HasSuffix(cell, "%") {
		text = name + " " + cell
	} else if unit == "%" {
		text = name + " " + cell + "%"
	}
	if len(targets(text)) == 0 {
		// "Tỷ lệ văn bản đi được ký số (%)" and "100": the header's words
		// may hide the figure ("số 100" reads as a number's name); a
		// column of figures to reach says "đạt" (=).
		text = strings.Replace(text, name+" ", name+" đạt ", 1)
	}
	return text
}

// columnTarget reads a target from a row's columns: the value in the plan
// column and its unit of measure in the "Đơn vị tính" column, for a row
// whose text states no target itself ("Tổng thu từ khách du lịch | tỷ đồng
// | 1.250").
func columnTarget(b block) (Target, bool) {
	if len(b.roles) != len(b.cells) {
		return Target{}, false
	}
	var t Target
	value := ""
	for i, c := range b.cells {
		switch b.roles[i] {
		case "measure":
			t.Unit = strings.TrimSpace(c)
		case "value":
			value = strings.TrimSpace(c)
		case "text":
			t.Text = strings.TrimSpace(c)
		}
	}
	if value == "" || t.Text == "" {
		return Target{}, false
	}
	if !strings.ContainsAny(value, "0123456789") {
		return Target{}, false // "Giảm so với cùng kỳ": no figure
	}
	// The value cell may carry its comparator, before the value or in
	// words around it ("≥ 90", "Trên 98", "Từ 95 trở lên", "Không thấp
	// hơn 93,5"), and its own unit ("Giảm 5% so với cùng kỳ"). The unit
	// column's unit goes right after the value, where a sentence has it.
	got := targets(value)
	if len(got) != 1 || got[0].Unit == "" {
		got = targets(withUnit(value, t.Unit))
	}
	if len(got) != 1 {
		v, err := vi.ParseNumber(value)
		if err != nil {
			return Target{}, false
		}
		got = []Target{{Comparator: tiendo.Equal, Value: v, Unit: t.Unit}}
	}
	g := got[0]
	if g.Unit == "" {
		// "Từ 9.600 trở lên" under "Tấn": a comparator's words after the
		// value keep the unit from the reading; the ĐVT column gives it.
		g.Unit = t.Unit
	}
	if g.Direction != "" && g.RelativeTo == "" && strings.Contains(vi.Fold(t.Text), "so voi cung ky") {
		// "Tỷ lệ kéo giảm số vụ … so với cùng kỳ | % | Giảm ít nhất 5":
		// the indicator names the base, the value cell the change.
		g.RelativeTo = "same-period"
	}
	g.Text = t.Text
	if strings.Contains(vi.Fold(value), "so voi") {
		// "Tăng ít nhất 10% so với năm 2025": the value cell names the
		// base, which the target's text keeps for the rules that read it
		// (the year before the plan's is the same period).
		g.Text = t.Text + " " + value
	}
	return g, true
}

// columnTargets reads the targets of a row's columns as columnTarget
// does, and also a value cell that states two or more with their units,
// each a target of the row: "≥ 82%; trong đó có bằng cấp, chứng chỉ đạt từ
// 40% trở lên", a cell of two paragraphs in Word.
func columnTargets(b block) []Target {
	if len(b.roles) == len(b.cells) {
		text, value := "", ""
		for i, c := range b.cells {
			switch b.roles[i] {
			case "value":
				value = strings.TrimSpace(c)
			case "text":
				text = strings.TrimSpace(c)
			}
		}
		if got := targets(value); text != "" && len(got) > 1 {
			for _, g := range got {
				if g.Unit == "" {
					got = nil
					break
				}
			}
			if got != nil {
				return got
			}
		}
	}
	if g, ok := columnTarget(b); ok {
		return []Target{g}
	}
	return nil
}

// alignCells returns the roles and header cells of a row's cells at
// columns cols under a header whose cells are at headCols, or nil when a
// column is unknown or has no header cell.
func alignCells(roles, heads []string, headCols, cols []int) ([]string, []string) {
	if len(headCols) != len(roles) || len(cols) == 0 {
		return nil, nil
	}
	at := make(map[int]int, len(headCols))
	for i, c := range headCols {
		if c == 0 {
			return nil, nil
		}
		at[c] = i
	}
	rr, hh := make([]string, len(cols)), make([]string, len(cols))
	for i, c := range cols {
		h, ok := at[c]
		if c == 0 || !ok {
			return nil, nil
		}
		rr[i], hh[i] = roles[h], heads[h]
	}
	return rr, hh
}

// reCellNumber is the last number of a table cell.
var reCellNumber = regexp.MustCompile(`\d(?:[\d.,]*\d)?`)

// withUnit writes unit after the last number of cell: "Từ 95" and "%"
// give "Từ 95%", "Tối thiểu 1.250" and "người" give "Tối thiểu 1.250
// người", "Từ 95 trở lên" and "%" give "Từ 95% trở lên".
func withUnit(cell, unit string) string {
	if unit == "" {
		return cell
	}
	ms := reCellNumber.FindAllStringIndex(cell, -1)
	if ms == nil {
		return cell + " " + unit
	}
	end := ms[len(ms)-1][1]
	sep := " "
	if unit == "%" {
		sep = ""
	}
	return cell[:end] + sep + unit + cell[end:]
}
