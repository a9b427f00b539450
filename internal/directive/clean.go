package directive

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vi"
)

// line is one cleaned line of the input. A line with "|" table artefacts is
// split into its cells, one line each, sharing the input line number n and a
// row id, so that a header whose two columns came out on one line reads as
// two lines, and a task table row can still be read as a row.
type line struct {
	n    int    // 1-based line number in the input
	text string // cleaned; "" for a blank line
	row  int    // >0: a cell of table row row
	col  int    // with row: the cell's 1-based column as written, blank cells counted; 0 when unknown
}

// maxLineBytes bounds one line: a minified or binary blob has no structure a
// directive could have, and regexps over a multi-megabyte line waste time.
const maxLineBytes = 64 << 10

// splitLines cleans text into lines: valid UTF-8, NFC, no carriage returns,
// no bold/italic markers, no zero-width or non-breaking spaces, rule lines
// ("-----", "____") emptied, words run together ("cáoThủ") split, spaces
// collapsed.
func splitLines(text string) []line {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	text = vi.NFC(text)
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	raw := strings.Split(text, "\n")
	jointSignatures(raw)
	semicolonTables(raw)
	spaceTables(raw)
	joinTabCells(raw)
	joinGridRows(raw)
	joinPipeRows(raw)
	joinDashTables(raw)
	columnTables(raw)
	nums := make([]int, 0, len(raw)) // each kept line's 1-based number in the input
	gaps := spacedCellGaps(raw)
	kept := raw[:0:0]
	for i, s := range raw {
		if !gaps[i] {
			kept = append(kept, s)
			nums = append(nums, i+1)
		}
	}
	raw = kept
	lines := make([]line, 0, len(raw))
	row := 0
	pages := pageMarks(raw)
	ocr := showsSplitSyllables(text)
	for i, s := range raw {
		if pages[i] {
			// A page number the scan or the PDF left between two pages,
			// maybe in the middle of a sentence: the text goes on over it,
			// and so over the blank lines around it (pageMarks took those
			// after it).
			for len(lines) > 0 && lines[len(lines)-1].text == "" && lines[len(lines)-1].row == 0 {
				lines = lines[:len(lines)-1]
			}
			continue
		}
		if len(s) > maxLineBytes {
			s = s[:maxLineBytes]
			s = strings.ToValidUTF8(s, "")
		}
		if strings.Contains(s, "[pic]") {
			// antiword's mark for a picture (a seal, a scanned signature,
			// a rule drawn as an image): nothing of the text.
			s = strings.ReplaceAll(s, "[pic]", "")
		}
		if strings.Contains(s, "\t") {
			s = tabCells(s)
		} else {
			s = dropColumnRules(s)
		}
		s = cleanLine(s)
		if ocr {
			s = joinSplitSyllables(s)
		}
		if strings.Contains(s, "|") {
			row++
			any := false
			for col, c := range strings.Split(s, "|") {
				c = strings.TrimSpace(c)
				if isRule(c) {
					continue
				}
				lines = append(lines, line{n: nums[i], text: c, row: row, col: col + 1})
				any = true
			}
			if !any {
				lines = append(lines, line{n: nums[i]})
			}
			continue
		}
		col := 0
		if isRule(s) {
			if s == "-" || s == "–" || s == "—" {
				col = emptyCell // a table's empty cell, if it lies in one
			}
			s = ""
		}
		lines = append(lines, line{n: nums[i], text: s, col: col})
	}
	stackedTables(lines)
	restoreBareMarks(lines)
	return lines
}

// markdownEscaped are the characters pandoc writes after a backslash.
const markdownEscaped = ".-+*_#[](){}!>`'\"<$@~^&=:;,/\\"

// cleanLine removes the artefacts of text extraction from one line.
func cleanLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // collapse leading spaces too
	var prev rune
	for i, r := range s {
		switch r {
		case '*', '\u200b', '\u200c', '\u200d', '\ufeff', '\u00ad', '\uFFFD':
			// Markdown bold and italic markers, zero-width characters, soft
			// hyphens, and what invalid bytes became.
			continue
		case '\t', '\u00a0', '\u2007', '\u202f', '\u2002', '\u2003', '\u2009', '\u3000', '\v', '\f':
			r = ' '
		}
		if r < ' ' || r == 0x7f {
			r = ' '
		}
		if r == '\\' && i+1 < len(s) && strings.IndexByte(markdownEscaped, s[i+1]) >= 0 {
			// pandoc's markdown escapes what would otherwise be markup:
			// "1\." for an item that is no list, "\-" for a dash.
			continue
		}
		if r == ' ' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			prev = r
			continue
		}
		// Words run together at a case change ("cáoThủ"): split before an
		// upper-case letter that follows a lower-case one and is followed by
		// a lower-case one, which leaves "VietGAP" and "TTr" alone.
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			if next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):]); unicode.IsLower(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(r)
		space = false
		prev = r
	}
	out := strings.TrimSpace(b.String())
	// A markdown heading or quote marker at the start.
	return strings.TrimSpace(strings.TrimLeft(out, "#>"))
}

// onsets are the initial consonants of a Vietnamese syllable ("gi" and
// "qu", which hold a vowel letter, are left out).
var onsets = map[string]bool{
	"b": true, "c": true, "ch": true, "d": true, "đ": true, "g": true, "gh": true, "h": true, "k": true,
	"kh": true, "l": true, "m": true, "n": true, "ng": true, "ngh": true, "nh": true, "p": true, "ph": true,
	"r": true, "s": true, "t": true, "th": true, "tr": true, "v": true, "x": true,
}

// showsSplitSyllables reports whether a text shows OCR's spaces after an
// initial consonant: at least two words that are only an onset of two or
// three letters ("th ực", "ng ười", "Ph òng") followed by the rest of the
// syllable. Such a fragment is no word of its own, as "b", "c" or "m" are
// (list labels, units), so only a text that has them is rejoined at all.
// A scan may split only one-letter onsets ("đ ơn v ị", "g ửi", "t ỷ
// đồng"): four of them that would join (singleJoins: not a label, not a
// unit after a figure, not before a word that stands alone) show it as
// well, since a typed text has hardly one.
func showsSplitSyllables(text string) bool {
	n, single := 0, 0
	ws := strings.Fields(text)
	for i := 1; i < len(ws); i++ {
		prev, w := ws[i-1], ws[i]
		if !isOnsetFragment(prev) || !startsLowerVowel(w) {
			continue
		}
		if len([]rune(prev)) >= 2 {
			n++
		} else if singleJoins(ws[max(0, i-3):i-1], w) {
			single++
		}
		if n >= 2 || single >= 4 {
			return true
		}
	}
	return false
}

// joinSplitSyllables joins the syllables OCR breaks after their initial
// consonant ("th ực hiện", "nông th ôn", "Ph òng"): every Vietnamese
// syllable has a vowel, so a word that is only an onset, followed by a
// word in lower case that starts with a vowel, is one syllable. splitLines
// calls it only on a text that shows such splits (showsSplitSyllables).
// Left alone are capitals ("TP", "khu B", "pH"), and a single letter where
// it is a word of its own: a label ("điểm b ở trên", "tiết d ở mục II"), a
// unit after a number ("5 m ở", "25 triệu đ ủng hộ"), or before a word that
// stands alone ("c ô số 3").
func joinSplitSyllables(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	ws := strings.Split(s, " ")
	out := ws[:1]
	for _, w := range ws[1:] {
		k := len(out) - 1
		if isOnsetFragment(out[k]) && startsLowerVowel(w) && (len([]rune(out[k])) > 1 || singleJoins(out[:k], w)) {
			out[k] += w
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// singleJoins reports whether a one-letter onset after the words before
// joins the word w: not after a label word or a quantity, not before a
// word that stands alone.
func singleJoins(before []string, w string) bool {
	if standalone[strings.ToLower(strings.TrimRight(w, ".,;:)"))] {
		return false
	}
	if len(before) == 0 {
		return true
	}
	p := strings.ToLower(strings.Trim(before[len(before)-1], "(,;:"))
	if isQuantity(p) || labelWords[p] || multipliers[p] {
		return false
	}
	return !(p == "mục" && len(before) > 1 && strings.ToLower(before[len(before)-2]) == "tiểu")
}

// labelWords are followed by a letter that labels a point: "điểm b",
// "tiết d", "khoản a", "mục c".
var labelWords = map[string]bool{
	"điểm": true, "tiết": true, "khoản": true, "mục": true, "phần": true, "phụ": true, "biểu": true,
	"mẫu": true, "khu": true, "lô": true, "ô": true, "tổ": true, "đội": true, "loại": true, "hạng": true,
}

// multipliers end a quantity a unit may follow: "25 triệu đ".
var multipliers = map[string]bool{"trăm": true, "nghìn": true, "ngàn": true, "triệu": true, "tỷ": true, "tỉ": true, "vạn": true}

// standalone are common words that start with a vowel: after a one-letter
// onset they are more likely a word of their own than the rest of a split
// syllable ("c ô số 3", "m ở khu vực").
var standalone = map[string]bool{
	"ở": true, "ô": true, "ổn": true, "ủng": true, "ít": true, "ăn": true, "ông": true, "ấy": true,
	"em": true, "anh": true,
}

// isOnsetFragment reports whether w is only an initial consonant, all in
// lower case but perhaps its first letter ("th", "Th"; not "TP", "pH").
func isOnsetFragment(w string) bool {
	r := []rune(w)
	if len(r) == 0 || len(r) > 3 || !onsets[strings.ToLower(w)] {
		return false
	}
	for _, c := range r[1:] {
		if !unicode.IsLower(c) {
			return false
		}
	}
	return len(r) > 1 || unicode.IsLower(r[0])
}

func startsLowerVowel(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r) && strings.ContainsAny(vi.Fold(string(r)), "aeiouy")
}

// isQuantity reports whether w is a number a unit of measure may follow
// ("5", "1.250,5"); a list label ("4.", "2)") is not.
func isQuantity(w string) bool {
	if w == "" || w[len(w)-1] < '0' || w[len(w)-1] > '9' {
		return false
	}
	// A range is one too: "3-5 m".
	return strings.Trim(w, "0123456789.,-–") == ""
}

// rePageMark is a line that is only a page number in the forms documents
// print it: "2", "- 2 -", "– 3 –", "Trang 2", "Trang 2/5".
var rePageMark = regexp.MustCompile(`^(?:[-–—]\s*(\d{1,3})\s*[-–—]|(\d{1,3})|(?i:trang)\s+(\d{1,3})(?:\s*/\s*\d{1,3})?)$`)

// pageMarks finds the lines that are page numbers, with the blank lines
// after each. Decree 30 numbers pages
// from 2 at the top, so the marks run 2, 3, 4... in order (a footer may
// number page 1 too). A bare number is taken only where a page break is
// seen: a form feed, a blank line beside it, or a sentence it cuts ("...
// cấp giấy" / "2" / "chứng nhận ..."); a column of numbers in a table laid
// out one cell a line has none of these.
func pageMarks(raw []string) map[int]bool {
	marks := signStamps(raw)
	rows := stackedRowNumbers(raw)
	page := 1
	for i, s := range raw {
		if rows[i] {
			continue
		}
		m := rePageMark.FindStringSubmatch(strings.TrimSpace(strings.ReplaceAll(s, "\f", "")))
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1] + m[2] + m[3])
		// "Trang 2/3" at a page's foot may follow the bare "2" a PDF
		// printed at its top: the same page, marked twice.
		if n != page+1 && !(n == 1 && page == 1) && !(m[3] != "" && n == page) {
			continue
		}
		if m[2] != "" && !pageBreakAt(raw, i) && !marks[i+1] && !marks[i-1] {
			continue
		}
		marks[i] = true
		page = max(n, 1)
		for k := i + 1; k < len(raw) && blankLine(raw[k]); k++ {
			marks[k] = true
		}
	}
	footnotes(raw, marks)
	runningHeads(raw, marks)
	return marks
}

// runningHeadAfter bounds how far after a page mark a running head is
// looked for, and runningHeadBytes how long one may be.
const (
	runningHeadAfter = 3
	runningHeadBytes = 200
)

// runningHeads adds to marks the running head a PDF repeats at the top of
// each page after the first ("UBND tỉnh X - Công văn số 12/UBND-TH ngày
// ..."): the first line after a page mark, when the same line comes first
// after another page mark too. Left in, it would cut the sentence it falls
// in, and its number and date would read as a basis.
func runningHeads(raw []string, marks map[int]bool) {
	var firsts []int
	for i := 1; i < len(raw); i++ {
		if marks[i] && !marks[i-1] && strings.HasPrefix(raw[i-1], "\f") && len(raw[i-1]) <= runningHeadBytes {
			// "\fUBND tỉnh X - Công văn số ..." then "2": the head opens
			// the page, over its number.
			firsts = append(firsts, i-1)
		}
		if !marks[i-1] || marks[i] {
			continue
		}
		for k := i; k < len(raw) && k < i+runningHeadAfter; k++ {
			if marks[k] || blankLine(raw[k]) {
				continue
			}
			if len(raw[k]) <= runningHeadBytes {
				firsts = append(firsts, k)
			}
			break
		}
	}
	if len(firsts) == 0 {
		return
	}
	seen := map[string]int{}
	key := func(k int) string { return strings.Join(strings.Fields(strings.ReplaceAll(raw[k], "\f", " ")), " ") }
	counted := map[int]bool{}
	for _, k := range firsts {
		if !counted[k] {
			counted[k] = true
			seen[key(k)]++
		}
	}
	// With one page break only, the head shows itself by citing the
	// document's own number and symbol, which its text never does.
	own := ownNumber(raw)
	for _, k := range firsts {
		f := strings.ReplaceAll(vi.Fold(raw[k]), " ", "")
		if strings.Contains(f, "kemtheo") {
			// "(Kèm theo Công văn số ...)" heads an attachment that
			// starts a page: it cites the number too, and is text.
			continue
		}
		if seen[key(k)] >= 2 || own != "" && strings.Contains(f, "so"+own) {
			marks[k] = true
		}
	}
}

// ownNumberLines is how far from the top the document's number is looked
// for.
const ownNumberLines = 40

// ownNumber returns the document's number and symbol from its header,
// folded and without spaces ("1836/ubnd-th"), or "" when it has none or
// the number is blank.
func ownNumber(raw []string) string {
	for i := 0; i < len(raw) && i < ownNumberLines; i++ {
		// The header's own "Số: ...", not a document its text cites.
		f := strings.TrimSpace(vi.Fold(raw[i]))
		if !strings.HasPrefix(f, "so") {
			continue
		}
		if m := reNumParty.FindStringSubmatch(f); m != nil && m[1] != "" {
			return m[1] + "-" + strings.ReplaceAll(m[2], " ", "")
		}
		if m := reNumState.FindStringSubmatch(f); m != nil && m[1] != "" {
			return m[1] + "/" + strings.ReplaceAll(m[2], " ", "")
		}
	}
	return ""
}

// reSignStamp opens the stamp a digitally signed PDF prints on its pages
// ("Ký bởi: Bộ Nông nghiệp và Môi trường"), and reStampField its other
// lines ("Cơ quan: ...", "Thời gian ký: 04.06.2026 17:05:12 +07:00").
var (
	reSignStamp  = regexp.MustCompile(`^(?i:ký bởi|người ký|signed by)\s*:`)
	reStampField = regexp.MustCompile(`^(?i:cơ quan|tổ chức|email|thời gian ký|ngày ký|ngày giờ ký|signing time|date)\s*:`)
)

// signStamps finds the lines of e-signature stamps: a "Ký bởi:" line and
// the stamp fields right after it. They are no part of the text, which
// goes on over them as over a page number, and the stamp on top of a page
// marks where the page breaks.
func signStamps(raw []string) map[int]bool {
	marks := map[int]bool{}
	for i := 0; i < len(raw); i++ {
		if !reSignStamp.MatchString(strings.TrimSpace(raw[i])) {
			continue
		}
		marks[i] = true
		for i+1 < len(raw) && reStampField.MatchString(strings.TrimSpace(raw[i+1])) {
			i++
			marks[i] = true
		}
	}
	return marks
}

// reFootnote is a footnote's first line: its number, one space and a
// capital ("1 Văn bản số 3120/VPCP-NN ...", "2 Đến ngày 31/5/2026, ...").
var reFootnote = regexp.MustCompile(`^\d{1,2} \p{Lu}`)

// footnotes adds to marks the footnotes a PDF's text keeps at the bottom
// of its pages: after a blank line, lines that start with a footnote's
// number, with their wrapped lines, running to a page mark or a stamp
// (the page's end). Left in, they would go on the task before them, with
// their dates and figures. A list whose items end a page without a mark
// after them is left alone.
func footnotes(raw []string, marks map[int]bool) {
	for i := 1; i < len(raw); i++ {
		if !blankLine(raw[i-1]) || marks[i] || !reFootnote.MatchString(strings.TrimSpace(raw[i])) {
			continue
		}
		end := i
		for end < len(raw) && !marks[end] && !blankLine(raw[end]) {
			end++
		}
		if end == len(raw) || !marks[end] || end-i > 12 {
			continue
		}
		for k := i - 1; k < end; k++ {
			marks[k] = true
		}
		i = end
	}
}

// pageBreakAt reports whether the bare number at raw[i] stands where a page
// ends: a form feed on it or beside it, a blank line beside it, or a
// sentence going on over it to a line in lower case.
func pageBreakAt(raw []string, i int) bool {
	if i == 0 || i+1 == len(raw) {
		return false
	}
	if strings.Contains(raw[i-1]+raw[i]+raw[i+1], "\f") || blankLine(raw[i-1]) || blankLine(raw[i+1]) {
		return true
	}
	prev, next := strings.TrimSpace(raw[i-1]), strings.TrimSpace(raw[i+1])
	return !endsSentence(prev) && startsLower(next)
}

// blankLine reports whether a raw line holds nothing but spaces and form
// feeds.
func blankLine(s string) bool {
	return strings.TrimSpace(strings.ReplaceAll(s, "\f", "")) == ""
}

// isRule reports whether s is only rule characters, as text extraction
// leaves the short lines under a header: "-----", "_____", "=====", "***".
func isRule(s string) bool {
	if s == "" {
		return true
	}
	for _, r := range s {
		if !strings.ContainsRune("-_=~–—.·… :", r) {
			return false
		}
	}
	return true
}

// reColumnGap parts the columns of a line laid out side by side.
var reColumnGap = regexp.MustCompile(`\s{2,}`)

// dropColumnRules drops from a line laid out in columns the rule one
// column draws under its heading while the other goes on with text, as a
// header's two columns do: "ĐẢNG ỦY XÃ A       ____________" is the
// issuer's line beside the rule under the national title. A rule is a run
// of four or more "_", "=" or "-" with a gap of spaces (or the line's
// edge) on either side; dots ("……", a form's blank) are no rule.
func dropColumnRules(s string) string {
	if !strings.Contains(s, "  ") || strings.Contains(s, "|") {
		return s
	}
	segs := reColumnGap.Split(strings.TrimSpace(s), -1)
	if len(segs) < 2 {
		return s
	}
	kept := segs[:0:0]
	for _, g := range segs {
		if len(g) >= 4 && isRule(g) && strings.ContainsAny(g, "_=-") {
			continue
		}
		kept = append(kept, g)
	}
	if len(kept) == len(segs) || len(kept) == 0 {
		return s
	}
	return strings.Join(kept, "   ")
}

// joinTabCells puts back together the rows of a tab-separated table whose
// cells held several paragraphs: Word writes each paragraph on a line of
// its own, so a row "3<TAB>Nâng cao chất lượng ...<TAB>Trung tâm ..." may
// come out as "3<TAB>Nâng cao chất lượng ... cấp tỉnh." and, on the next
// line, "Tỷ lệ hồ sơ ... trở lên.<TAB>Trung tâm ...". In a run of lines
// whose widest has n cells (three at least), a row (a line with tabs,
// not a list item "1.<TAB>...") with fewer than n cells takes the lines
// after it, with tabs or without, while they fit in n cells, each going
// on with the cell the line before ended in; never a line that opens an
// item or another row, and at most maxCellLines of them. The lines taken
// are left blank, so that line numbers stay.
func joinTabCells(raw []string) {
	for start := 0; start < len(raw); {
		if strings.TrimSpace(raw[start]) == "" {
			start++
			continue
		}
		end := start
		width, rows := 0, 0
		for end < len(raw) && strings.TrimSpace(raw[end]) != "" && (end == start || !footBlock(raw[end])) {
			if t := strings.Count(raw[end], "\t"); t > 0 {
				width, rows = max(width, t), rows+1
			}
			end++
		}
		if width >= 2 && rows >= 2 && !footBlock(raw[start]) {
			for i := start; i < end; i++ {
				tabs := strings.Count(raw[i], "\t")
				if tabs == 0 || tabs >= width || listItemTab(raw[i]) {
					continue
				}
				row := i
				var b strings.Builder
				b.WriteString(strings.TrimRight(raw[row], " "))
				for j := row + 1; j < end && tabs < width && j-row <= maxCellLines; j++ {
					more := strings.Count(raw[j], "\t")
					if tabs+more > width || opensRow(raw[j]) {
						break
					}
					if unitBreak(b.String(), raw[j]) {
						b.WriteString(";")
					}
					b.WriteString(" ")
					b.WriteString(strings.TrimLeft(raw[j], " "))
					raw[j] = ""
					tabs += more
					i = j
				}
				raw[row] = b.String()
			}
		}
		start = end
	}
}

// footBlock reports whether the block opening with line s is a letter's
// foot, the Nơi nhận beside the signature ("Nơi nhận:<TAB>…TM. ỦY BAN NHÂN
// DÂN"): its columns are read by the footer, and a list item under a
// signature line is no wrap of its cell.
func footBlock(s string) bool {
	return reNoiNhanStart.MatchString(vi.Fold(strings.TrimSpace(s)))
}

// reNoiNhanStart opens the Nơi nhận on folded text.
var reNoiNhanStart = regexp.MustCompile(`^noi nhan\s*:`)

// unitBreak reports whether the line break between row, a TAB-written row
// so far, and next, the line that goes on with its last cell, parts two
// units of that cell: Word keeps each unit of a Phối hợp cell on a line of
// its own ("Trung tâm Dịch vụ nông nghiệp huyện" / "Hội Nông dân huyện")
// with no ";" between them. Both pieces are then short and open as a
// unit does, and the first ends with no mark; a task's sentence wrapped
// within its cell does not open so on both sides.
func unitBreak(row, next string) bool {
	i := strings.LastIndexByte(row, '\t')
	if i < 0 {
		return false
	}
	cell := strings.TrimSpace(row[i+1:])
	piece, _, _ := strings.Cut(strings.TrimSpace(next), "\t")
	piece = strings.TrimSpace(piece)
	if cell == "" || piece == "" || len(cell) > 120 || len(piece) > 120 || strings.ContainsAny(cell[len(cell)-1:], ";,.:-–") {
		return false
	}
	return opensUnit(cell) && opensUnit(piece) && !startsLower(piece)
}

// maxCellLines is how many lines a wrapped table row may take: no cell
// of a directive's table runs longer, and a bound keeps hostile text
// linear.
const maxCellLines = 40

// listItemTab reports whether a line with tabs is a list item whose
// label is followed by a tab ("1.<TAB>Giao ...", "a)<TAB>...",
// "-<TAB>..."), not a table row (whose number cell has no mark: "3<TAB>").
func listItemTab(s string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\t")
	first = strings.TrimSpace(first)
	if first == "" || len(first) > 6 {
		return false
	}
	if _, ok := parseLabel(first + " x"); !ok {
		return false
	}
	return !reCellLabel.MatchString(first)
}

// opensRow reports whether a line opens a row or an item of its own: a
// number cell ("4<TAB>..."), a list label ("2. ...", "b) ...") or a
// group row ("II<TAB>...").
func opensRow(s string) bool {
	t := strings.TrimSpace(s)
	first, _, tabbed := strings.Cut(t, "\t")
	if tabbed && (reCellLabel.MatchString(strings.TrimSpace(first)) || validRoman(strings.TrimSpace(first))) {
		return true
	}
	l, ok := parseLabel(t)
	return ok && l.kind != bullet
}

// reGridBorder is a border line of a grid table as pandoc draws one:
// "+------+-----+", "+======+=====+", with alignment colons.
var reGridBorder = regexp.MustCompile(`^\s*\+(?:[-=:]+\+)+\s*$`)

// joinGridRows turns each row of a grid table, whose cells wrap over
// several "| ... | ... |" lines between border lines, into one "|" row:
// each column's pieces joined with spaces. The borders and the lines
// taken are left blank, so that line numbers stay.
func joinGridRows(raw []string) {
	row, lines := -1, 0
	var cells []strings.Builder
	flush := func() {
		if row >= 0 {
			parts := make([]string, len(cells))
			for k := range cells {
				parts[k] = cells[k].String()
			}
			raw[row] = "| " + strings.Join(parts, " | ") + " |"
		}
		row, cells, lines = -1, nil, 0
	}
	inGrid := false
	for i, s := range raw {
		t := strings.TrimSpace(s)
		if reGridBorder.MatchString(t) {
			flush()
			raw[i], inGrid = "", true
			continue
		}
		if !inGrid || !strings.HasPrefix(t, "|") || !strings.HasSuffix(t, "|") || lines >= maxCellLines {
			flush()
			inGrid = false
			continue
		}
		parts := strings.Split(strings.Trim(t, "|"), "|")
		if row < 0 {
			if len(parts) > maxColumns {
				inGrid = false
				continue
			}
			row, cells = i, make([]strings.Builder, len(parts))
		} else {
			raw[i] = ""
		}
		if len(parts) != len(cells) {
			// Not the grid's shape: keep the line as it was.
			raw[i] = s
			continue
		}
		lines++
		for k, c := range parts {
			if c = strings.TrimSpace(c); c != "" {
				if cells[k].Len() > 0 {
					cells[k].WriteByte(' ')
				}
				cells[k].WriteString(c)
			}
		}
	}
	flush()
}

// joinPipeRows turns each row of a "|" table whose cells wrap over
// several lines, as a Word table pasted with pipes comes out, into one "|"
// row: each column's pieces joined with spaces. The table is a run of
// "| ... |" lines of one width, three columns or more, with a separator
// line ("|---|---|") under its header. A row ends at a separator line; where
// the separators part only the header from the body, a body row starts at
// a line whose first cell (the number column) has a value, and the lines
// with that cell empty are its continuation, unless one opens with a list
// label of its own ("- ...", "a) ...": a sub-row). The header's lines are
// one row. The lines taken are left blank, so that line numbers stay.
func joinPipeRows(raw []string) {
	cells := func(t string) []string {
		if len(t) < 2 || t[0] != '|' || t[len(t)-1] != '|' {
			return nil
		}
		return strings.Split(t[1:len(t)-1], "|")
	}
	for i := 0; i < len(raw); {
		first := cells(strings.TrimSpace(raw[i]))
		if len(first) < 3 || len(first) > maxColumns {
			i++
			continue
		}
		end := i + 1
		for end < len(raw) && len(cells(strings.TrimSpace(raw[end]))) == len(first) {
			end++
		}
		joinPipeBlock(raw[i:end], len(first), cells)
		i = end
	}
}

// joinPipeBlock joins the wrapped rows of one "|" table of width columns;
// see joinPipeRows.
func joinPipeBlock(block []string, width int, cells func(string) []string) {
	parts := make([][]string, len(block))
	sep := make([]bool, len(block))
	seps, firstSep := 0, -1
	for k, s := range block {
		parts[k] = cells(strings.TrimSpace(s))
		sep[k] = true
		for _, c := range parts[k] {
			if c = strings.TrimSpace(c); c == "" || !isRule(c) || !strings.ContainsAny(c, "-=") {
				sep[k] = false
				break
			}
		}
		if sep[k] {
			seps++
			if firstSep < 0 {
				firstSep = k
			}
		}
	}
	if firstSep < 0 {
		return
	}
	// Separators between body rows too: each row is what lies between two.
	byRules := seps > 1 && firstSep < len(block)-1 && slices.Contains(sep[firstSep+1:], true)
	// The rows: the lines each starts, up to the next start or separator.
	// The header's lines are left as they are: a second header line is
	// as often a level of sub-headers as a wrap.
	var starts []int
	wrapped := 0
	for k := firstSep + 1; k < len(block); k++ {
		switch {
		case sep[k]:
		case len(starts) == 0 || sep[k-1] || k-starts[len(starts)-1] >= maxCellLines:
			starts = append(starts, k)
		case byRules:
		case strings.TrimSpace(parts[k][0]) != "" || opensOwnRow(parts[k]):
			starts = append(starts, k)
		default:
			if last := starts[len(starts)-1]; k == last+1 {
				wrapped++
			}
		}
	}
	// Two rows wrapped at least, or the rows are ruled off: a single line
	// with no number under the last row is more often a row of its own
	// (a total) than a wrap.
	if !byRules && wrapped < 2 {
		return
	}
	for r, start := range starts {
		end := len(block)
		if r+1 < len(starts) {
			end = starts[r+1]
		}
		joined := make([]string, width)
		n := 0
		for k := start; k < end && !(k > start && sep[k]); k++ {
			for c, piece := range parts[k] {
				if piece = strings.TrimSpace(piece); piece != "" {
					joined[c] = strings.TrimSpace(joined[c] + " " + piece)
				}
			}
			if k > start {
				block[k] = ""
			}
			n++
		}
		if n > 1 {
			block[start] = "| " + strings.Join(joined, " | ") + " |"
		}
	}
}

// opensOwnRow reports whether a "|" line whose first cell is empty opens
// a row of its own: its first written cell starts with a list label.
func opensOwnRow(parts []string) bool {
	for _, c := range parts {
		if c = strings.TrimSpace(c); c != "" {
			_, ok := parseLabel(c)
			return ok
		}
	}
	return false
}

// maxColumns is the most columns a table of tasks is read with; a wider
// one is left as text.
const maxColumns = 30

var (
	// reFullRule is the line above a table pandoc writes as plain text
	// with a header ("-----------"); reColumnRule the one under the
	// header, a run of dashes per column ("---- ------- -----").
	reFullRule   = regexp.MustCompile(`^\s*-{10,}\s*$`)
	reColumnRule = regexp.MustCompile(`^\s*-{2,}(?:\s+-{2,})+\s*$`)
)

// joinDashTables turns the tables pandoc writes as plain text, columns
// cut at the places of the dash runs under the header, into "|" rows: a
// multiline table (a rule above the header, rows parted by blank lines,
// each cell wrapped within its column) or a simple one (a row a line,
// ended by a blank line). Each column's pieces are joined with spaces,
// an empty cell stays empty. The rules and the lines taken are left
// blank, so that line numbers stay. What is not a table of three to
// maxColumns columns is left as it is: a layout of two columns with no
// header (a letter's header and signature, closed by a second rule), and
// a letterhead whose short rules underline the issuer and the motto
// ("CỘNG HÒA ... / Độc lập - Tự do - Hạnh phúc").
func joinDashTables(raw []string) {
	for c := 1; c < len(raw); c++ {
		if !reColumnRule.MatchString(raw[c]) || strings.TrimSpace(raw[c-1]) == "" {
			continue
		}
		cols := dashColumns(raw[c])
		if len(cols) < 3 || len(cols) > maxColumns {
			continue
		}
		cols[0] = 0 // what stands left of the first run is the first cell's
		// The header: the lines above the column rule, up to a full rule
		// (multiline) or the one line (simple).
		h0, multi, layout := c-1, false, false
		for k := c - 1; k >= 0 && k >= c-40; k-- {
			if reFullRule.MatchString(raw[k]) {
				h0, multi = k+1, true
				break
			}
			// The rule closing a table with no header, opened by one
			// like it: a layout, not a table.
			if reColumnRule.MatchString(raw[k]) {
				layout = true
				break
			}
			if strings.TrimSpace(raw[k]) == "" {
				break
			}
		}
		if layout || multi && c-h0 > 6 {
			continue
		}
		letterhead := false
		for k := h0; k < c; k++ {
			letterhead = letterhead || reNational.MatchString(vi.Fold(raw[k]))
		}
		if letterhead {
			continue
		}
		cut := func(lines []string) string {
			cells := make([]strings.Builder, len(cols))
			for _, l := range lines {
				r := []rune(l)
				for k, st := range cols {
					if st >= len(r) {
						break
					}
					end := len(r)
					if k+1 < len(cols) {
						end = min(len(r), cols[k+1])
					}
					if t := strings.TrimSpace(string(r[st:end])); t != "" {
						if cells[k].Len() > 0 {
							cells[k].WriteByte(' ')
						}
						cells[k].WriteString(t)
					}
				}
			}
			parts := make([]string, len(cells))
			for k := range cells {
				parts[k] = cells[k].String()
			}
			return "| " + strings.Join(parts, " | ") + " |"
		}
		header := cut(raw[h0:c])
		for k := h0; k <= c; k++ {
			raw[k] = ""
		}
		if multi {
			raw[h0-1] = ""
		}
		raw[h0] = header
		// The rows.
		i := c + 1
		for i < len(raw) {
			if reFullRule.MatchString(raw[i]) || reColumnRule.MatchString(raw[i]) {
				raw[i] = ""
				break
			}
			if strings.TrimSpace(raw[i]) == "" {
				if !multi {
					break
				}
				i++
				continue
			}
			j := i + 1
			if multi {
				for j < len(raw) && j-i < maxCellLines && strings.TrimSpace(raw[j]) != "" && !reFullRule.MatchString(raw[j]) && !reColumnRule.MatchString(raw[j]) {
					j++
				}
			}
			row := cut(raw[i:j])
			for k := i; k < j; k++ {
				raw[k] = ""
			}
			raw[i] = row
			i = j
		}
		c = i
	}
}

// dashColumns returns where each run of dashes of a column rule starts, in
// runes.
func dashColumns(rule string) []int {
	var out []int
	prev := ' '
	for i, r := range []rune(rule) {
		if r == '-' && prev != '-' {
			out = append(out, i)
		}
		prev = r
	}
	return out
}

// tabCells turns a table row that Word or a spreadsheet flattened to text
// with tabs ("1\tTổng thu ...\ttỷ đồng\t1.250") into the "|" row splitLines
// reads. A list item whose label is followed by a tab ("1.\tGiao ...") and
// a tab inside a sentence stay text.
func tabCells(s string) string {
	fields := strings.Split(s, "\t")
	var cells []string
	for _, c := range fields {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	if len(cells) < 2 {
		return s
	}
	if len(cells) == 2 {
		first := cells[0]
		if _, ok := parseLabel(first + " x"); ok && len([]rune(first)) <= 6 {
			return s // "1.\tGiao ...", "-\tPhòng ..."
		}
		if len(strings.Fields(s)) > 0 && len(fields) == 2 && startsLower(cells[1]) {
			return s // a sentence with a stray tab
		}
	}
	for i, c := range fields {
		fields[i] = unquoteCell(c)
	}
	return strings.Join(fields, " | ")
}

// unquoteCell takes off the quotes a spreadsheet puts around a cell it
// copies as text when the cell holds a line break or a quote: the cell
// "Triển khai mô hình ""Chợ 4.0"" tại chợ Phú Xuyên" was Triển khai mô
// hình "Chợ 4.0" tại chợ Phú Xuyên. A cell is taken for one when it
// opens and closes with a quote, every quote inside is doubled, and it
// has a doubled quote or runs to four words at least: a short name
// quoted in a Word table ("5 không") keeps its quotes.
func unquoteCell(c string) string {
	t := strings.TrimSpace(c)
	if len(t) < 3 || t[0] != '"' || t[len(t)-1] != '"' {
		return c
	}
	inner := t[1 : len(t)-1]
	doubled := strings.Count(inner, `""`)
	if strings.Count(inner, `"`) != 2*doubled || strings.Contains(inner, `"""`) {
		return c
	}
	if doubled == 0 && len(strings.Fields(inner)) < 4 {
		return c
	}
	return strings.ReplaceAll(inner, `""`, `"`)
}

// semicolonTables turns the rows of a table saved from a spreadsheet as
// CSV with the Vietnamese list separator (";", the decimal mark being the
// comma) and pasted as text into the TAB rows joinTabCells and tabCells
// read: "1;Phòng Kinh tế;Tổng giá trị sản xuất;tỷ đồng;4.215;4.560;".
// A field that holds a ";" or a quote comes quoted, its quotes doubled,
// and is unquoted. A run of such rows is three lines at least, one after
// another, each of the same number of fields (four at least), with no
// field opening with a space, as a spreadsheet writes them and a
// sentence listing things after "; " does not; an empty row (";;;;") and
// a total row ("Tổng số: 06 đơn vị;;;;") within or at the end of the run
// count when their field count agrees.
func semicolonTables(raw []string) {
	for start := 0; start < len(raw); {
		n := csvFields(raw[start])
		if n == nil || len(n) < 4 {
			start++
			continue
		}
		end := start + 1
		for end < len(raw) {
			m := csvFields(raw[end])
			if len(m) != len(n) {
				break
			}
			end++
		}
		if end-start >= 3 {
			for i := start; i < end; i++ {
				raw[i] = strings.Join(csvFields(raw[i]), "\t")
			}
		}
		start = end
	}
}

// csvFields splits a line of ";"-separated fields, taking off the quotes
// of a quoted field and undoubling those inside it; nil when the line is
// no such row: no ";", a tab already, a field opening with a space, or a
// quote left open.
func csvFields(s string) []string {
	s = strings.TrimRight(s, "\r")
	if !strings.Contains(s, ";") || strings.Contains(s, "\t") {
		return nil
	}
	var out []string
	for i := 0; ; {
		var b strings.Builder
		if i < len(s) && s[i] == '"' {
			i++
			for {
				j := strings.IndexByte(s[i:], '"')
				if j < 0 {
					return nil // a quote left open
				}
				b.WriteString(s[i : i+j])
				i += j + 1
				if i < len(s) && s[i] == '"' {
					b.WriteByte('"')
					i++
					continue
				}
				break
			}
			if i < len(s) && s[i] != ';' {
				return nil // text after the closing quote
			}
		} else {
			j := strings.IndexByte(s[i:], ';')
			if j < 0 {
				j = len(s) - i
			}
			f := s[i : i+j]
			if strings.HasPrefix(f, " ") || strings.Contains(f, `"`) && !strings.HasPrefix(f, `"`) && strings.Count(f, `"`)%2 == 1 {
				return nil
			}
			b.WriteString(f)
			i += j
		}
		out = append(out, b.String())
		if i >= len(s) {
			return out
		}
		i++ // the ";"
		if i == len(s) {
			return append(out, "")
		}
	}
}
