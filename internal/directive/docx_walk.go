package directive

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// symChar is the character a w:sym shows. Symbol fonts put their glyphs at
// U+F020..U+F0FF: Symbol's are mostly ASCII and maths, the Wingdings
// families' are dingbats, used as bullets.
func symChar(font, code string) string {
	v, err := strconv.ParseUint(strings.TrimSpace(code), 16, 32)
	if err != nil {
		return ""
	}
	font = strings.ToLower(font)
	if v >= 0xF000 && v <= 0xF0FF {
		v -= 0xF000
		switch {
		case strings.Contains(font, "symbol"):
			switch v {
			case 0x2D:
				return "-"
			case 0xB7:
				return "•"
			case 0xA3:
				return "≤"
			case 0xB3:
				return "≥"
			case 0xB1:
				return "±"
			case 0xB4:
				return "×"
			case 0xB8:
				return "÷"
			case 0xAE:
				return "→"
			case 0xDE:
				return "⇒"
			case 0x22, 0x24, 0x27, 0x40:
				return ""
			}
			if v >= 0x20 && v < 0x40 || v == 0x5B || v == 0x5D || v == 0x5F || v >= 0x7B && v <= 0x7D {
				return string(rune(v))
			}
			return ""
		case strings.Contains(font, "wingdings") || strings.Contains(font, "webdings"):
			return "•"
		}
	}
	if v < 0x20 || !utf8.ValidRune(rune(v)) {
		return ""
	}
	return string(rune(v))
}

// action is what the walker did on an element's start, to undo at its end.
type action uint8

const (
	actNone action = iota
	actPara
	actRun
	actText
	actTable
	actRow
	actCell
	actBox
	actAlt
	actChoice
)

type elem struct {
	name string
	act  action
	flag bool // an sdt showing its placeholder
}

type runState struct {
	style        string
	caps, hidden int8
}

// paraText is the text of a paragraph. A paragraph whose mark is deleted
// hands its paraText on to the next one, which writes on after it: the
// text is never copied, however many paragraphs run on into one.
type paraText struct {
	b        strings.Builder
	nonBlank bool // some character that is not white space was written
}

func (t *paraText) WriteString(s string) {
	if !t.nonBlank && strings.TrimSpace(s) != "" {
		t.nonBlank = true
	}
	t.b.WriteString(s)
}

func (t *paraText) String() string { return t.b.String() }

type paraState struct {
	buf           *paraText
	style         string
	numID         string
	hasNumID      bool
	ilvl          int
	hasIlvl       bool
	markDeleted   bool     // a tracked deletion of the paragraph mark: it runs on into the next
	before, after []string // the lines of text boxes anchored in it
	run           runState
}

type cellState struct {
	lines  []string
	bytes  int // of lines, once the table ends
	col    int // first grid column
	span   int
	vmerge int8 // 1 restart, 2 continue
}

type rowState struct {
	cells   []*cellState
	col     int
	deleted bool
}

type tableState struct {
	rows  []*rowState
	cells int
}

// A table is held whole until its end, a row and a cell each in memory of
// their own: these bound it far above any real document (Word itself
// stops at 63 columns) and far below what a 64 MB part of empty <w:tc/>
// would make.
const (
	maxRowCells   = 4096
	maxTableRows  = 100000
	maxTableCells = 1 << 20
)

// maxNesting bounds how deep table cells and text boxes nest (a cell in a
// table in a cell...). Each level's lines are written again into the
// level around it, so depth multiplies the work; real documents nest a
// few tables deep, and Word puts no text box in another.
const maxNesting = 64

type altState struct {
	taken bool // a choice wrote text: the fallback is the same text again
	mark  int
}

// walker reads document.xml. Paragraphs, tables, cells and text boxes nest
// (a text box holds paragraphs inside a run of another paragraph, a cell
// holds tables), so each has a stack; lines go to the innermost sink: the
// document, a table cell or a text box.
type walker struct {
	dec    *xml.Decoder
	styles *styleSheet
	lists  *lists
	out    strings.Builder
	size   int // bytes held, against MaxDOCXText
	stack  []elem
	sinks  []*[]string
	paras  []*paraState
	tables []*tableState
	alts   []altState
	fields []bool // open complex fields: true once in their result
	instr  []int  // indexes in fields of those still in their instruction
	saved  []savedFields
	wrote  int // bytes of text written, for mc:AlternateContent
	carry  *paraText
	steps  int // work done, in tokens, bytes and lines: tests check it stays linear
}

type savedFields struct {
	fields []bool
	instr  []int
}

// documentText walks document.xml. Tables are collected row by row so that
// a row of one-line cells can be written on one line.
func documentText(r io.Reader, nums *numberingDef, styles *styleSheet) (string, error) {
	w := newWalker(r, nums, styles)
	return w.run()
}

func newWalker(r io.Reader, nums *numberingDef, styles *styleSheet) *walker {
	return &walker{
		dec:    xml.NewDecoder(r),
		styles: styles,
		lists:  &lists{nd: nums, counters: map[string]*[9]int{}, started: map[string]bool{}},
	}
}

func (w *walker) run() (string, error) {
	for {
		tok, err := w.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		w.steps++
		switch t := tok.(type) {
		case xml.StartElement:
			if err := w.start(t); err != nil {
				return "", err
			}
		case xml.EndElement:
			w.end()
		case xml.CharData:
			if n := len(w.stack); n > 0 && w.stack[n-1].act == actText {
				w.write(string(t))
			}
		}
		if w.size > MaxDOCXText {
			return "", tooLarge()
		}
	}
	if w.carry != nil && w.carry.b.Len() > 0 {
		w.emit(w.carry.String())
		w.carry = nil
		if w.size > MaxDOCXText {
			return "", tooLarge()
		}
	}
	return w.out.String(), nil
}

func (w *walker) parent(up int) string {
	if n := len(w.stack) - 1 - up; n >= 0 {
		return w.stack[n].name
	}
	return ""
}

func (w *walker) para() *paraState {
	if n := len(w.paras); n > 0 {
		return w.paras[n-1]
	}
	return nil
}

func (w *walker) row() *rowState {
	if n := len(w.tables); n > 0 {
		if rows := w.tables[n-1].rows; len(rows) > 0 {
			return rows[len(rows)-1]
		}
	}
	return nil
}

func (w *walker) cell() *cellState {
	if r := w.row(); r != nil && len(r.cells) > 0 {
		return r.cells[len(r.cells)-1]
	}
	return nil
}

func (w *walker) start(t xml.StartElement) error {
	name := t.Name.Local
	act := actNone
	p := w.para()
	inRun := w.parent(0) == "r" && p != nil
	switch name {
	case "del", "moveFrom":
		switch w.parent(0) {
		case "rPr":
			if w.parent(1) == "pPr" && p != nil {
				p.markDeleted = true
			}
		case "trPr":
			if r := w.row(); r != nil {
				r.deleted = true
			}
		}
		return w.dec.Skip()
	case "delText", "instrText", "delInstrText", "rt",
		"pPrChange", "rPrChange", "sectPrChange", "tblPrChange", "tblPrExChange",
		"trPrChange", "tcPrChange", "tblGridChange", "numberingChange",
		"footnoteReference", "endnoteReference", "commentReference":
		// Deleted text, field codes, the properties before a tracked
		// change, and the marks of notes and comments kept elsewhere.
		return w.dec.Skip()
	case "p":
		p := &paraState{buf: w.carry}
		if p.buf == nil {
			p.buf = new(paraText)
		}
		w.carry = nil
		w.paras = append(w.paras, p)
		act = actPara
	case "pStyle":
		if w.parent(0) == "pPr" && p != nil {
			p.style = attr(t, "val")
		}
	case "numId", "ilvl":
		if w.parent(0) == "numPr" && w.parent(1) == "pPr" && p != nil {
			if name == "numId" {
				p.numID, p.hasNumID = attr(t, "val"), true
			} else {
				p.ilvl, p.hasIlvl = atoi(t, "val"), true
			}
		}
	case "r":
		if p != nil {
			p.run = runState{}
			act = actRun
		}
	case "rStyle", "caps", "smallCaps", "vanish":
		if w.parent(0) == "rPr" && w.parent(1) == "r" && p != nil {
			switch name {
			case "rStyle":
				p.run.style = attr(t, "val")
			case "vanish":
				p.run.hidden = onOff(t)
			default:
				p.run.caps = onOff(t)
			}
		}
	case "t":
		if inRun {
			act = actText
		}
	case "tab", "ptab":
		// w:tab in a run is a tab character; in w:tabs it is a tab stop.
		if inRun {
			w.write("\t")
		}
	case "br", "cr":
		if inRun {
			w.write("\n")
		}
	case "noBreakHyphen":
		if inRun {
			w.write("-")
		}
	case "sym":
		if inRun {
			w.write(symChar(attr(t, "font"), attr(t, "char")))
		}
	case "fldChar":
		switch attr(t, "fldCharType") {
		case "begin":
			w.instr = append(w.instr, len(w.fields))
			w.fields = append(w.fields, false)
		case "separate":
			if n := len(w.fields); n > 0 && !w.fields[n-1] {
				w.fields[n-1] = true
				w.instr = w.instr[:len(w.instr)-1]
			}
		case "end":
			if n := len(w.fields); n > 0 {
				if !w.fields[n-1] {
					w.instr = w.instr[:len(w.instr)-1]
				}
				w.fields = w.fields[:n-1]
			}
		}
	case "tbl":
		w.tables = append(w.tables, &tableState{})
		act = actTable
	case "tr":
		if n := len(w.tables); n > 0 {
			tb := w.tables[n-1]
			if len(tb.rows) >= maxTableRows {
				return tooLarge()
			}
			tb.rows = append(tb.rows, &rowState{})
			act = actRow
		}
	case "gridBefore":
		if r := w.row(); r != nil && w.parent(0) == "trPr" {
			r.col += min(max(atoi(t, "val"), 0), 64)
		}
	case "tc":
		if r := w.row(); r != nil {
			tb := w.tables[len(w.tables)-1]
			if len(r.cells) >= maxRowCells || tb.cells >= maxTableCells {
				return tooLarge()
			}
			if len(w.sinks) >= maxNesting {
				return tooLarge()
			}
			tb.cells++
			c := &cellState{col: r.col, span: 1}
			r.cells = append(r.cells, c)
			w.sinks = append(w.sinks, &c.lines)
			act = actCell
		}
	case "gridSpan":
		if c := w.cell(); c != nil && w.parent(0) == "tcPr" {
			c.span = min(max(atoi(t, "val"), 1), 64)
		}
	case "vMerge":
		if c := w.cell(); c != nil && w.parent(0) == "tcPr" {
			c.vmerge = 2
			if attr(t, "val") == "restart" {
				c.vmerge = 1
			}
		}
	case "txbxContent":
		// A text box: its paragraphs are a story of their own inside a
		// run of the paragraph it is anchored in.
		if len(w.sinks) >= maxNesting {
			return tooLarge()
		}
		w.sinks = append(w.sinks, new([]string))
		w.saved = append(w.saved, savedFields{w.fields, w.instr})
		w.fields, w.instr = nil, nil
		act = actBox
	case "AlternateContent":
		w.alts = append(w.alts, altState{})
		act = actAlt
	case "Choice", "Fallback":
		if n := len(w.alts); n > 0 && w.parent(0) == "AlternateContent" {
			if w.alts[n-1].taken {
				return w.dec.Skip()
			}
			w.alts[n-1].mark = w.wrote
			act = actChoice
		}
	case "sdtPr":
		placeholder, err := w.scanPlaceholder()
		if err != nil {
			return err
		}
		if n := len(w.stack); n > 0 && w.stack[n-1].name == "sdt" {
			w.stack[n-1].flag = placeholder
		}
		return nil // scanPlaceholder read up to its end
	case "sdtContent":
		// "Click or tap here to enter text.": a prompt, not the text.
		if n := len(w.stack); n > 0 && w.stack[n-1].name == "sdt" && w.stack[n-1].flag {
			return w.dec.Skip()
		}
	}
	w.stack = append(w.stack, elem{name: name, act: act})
	return nil
}

// scanPlaceholder reads a w:sdtPr to its end and reports whether the
// content control shows its placeholder text.
func (w *walker) scanPlaceholder() (bool, error) {
	found := false
	for depth := 1; depth > 0; {
		tok, err := w.dec.Token()
		if err != nil {
			return false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local == "showingPlcHdr" && onOff(t) > 0 {
				found = true
			}
		case xml.EndElement:
			depth--
		}
	}
	return found, nil
}

func (w *walker) end() {
	n := len(w.stack)
	if n == 0 {
		return
	}
	e := w.stack[n-1]
	w.stack = w.stack[:n-1]
	switch e.act {
	case actPara:
		w.endPara()
	case actCell:
		w.sinks = w.sinks[:len(w.sinks)-1]
		if r := w.row(); r != nil && len(r.cells) > 0 {
			c := r.cells[len(r.cells)-1]
			r.col += c.span
		}
	case actTable:
		tb := w.tables[len(w.tables)-1]
		w.tables = w.tables[:len(w.tables)-1]
		w.endTable(tb)
	case actBox:
		lines := trimBlank(*w.sinks[len(w.sinks)-1])
		w.steps += len(lines)
		w.sinks = w.sinks[:len(w.sinks)-1]
		s := w.saved[len(w.saved)-1]
		w.saved = w.saved[:len(w.saved)-1]
		w.fields, w.instr = s.fields, s.instr
		// Lines of a box anchored before any text of its paragraph come
		// before that paragraph, the others after it; the paragraph's
		// own text stays one line.
		switch p := w.para(); {
		case p == nil:
			for _, l := range lines {
				w.emit(l)
			}
		case !p.buf.nonBlank:
			p.before = append(p.before, lines...)
		default:
			p.after = append(p.after, lines...)
		}
	case actAlt:
		w.alts = w.alts[:len(w.alts)-1]
	case actChoice:
		if k := len(w.alts); k > 0 && w.wrote > w.alts[k-1].mark {
			w.alts[k-1].taken = true
		}
	}
}

// write adds run text to the current paragraph, unless it is in a field's
// instruction or hidden; text in capitals formatting is shown, and so
// written, in capitals.
func (w *walker) write(s string) {
	p := w.para()
	if p == nil || s == "" || len(w.instr) > 0 {
		return
	}
	if w.styles.toggle(p.run.hidden, p.run.style, w.paraStyle(p), func(s *styleDef) int8 { return s.hidden }) {
		return
	}
	if w.styles.toggle(p.run.caps, p.run.style, w.paraStyle(p), func(s *styleDef) int8 { return s.caps }) {
		s = strings.ToUpper(s)
	}
	p.buf.WriteString(s)
	w.steps += len(s)
	w.size += len(s)
	w.wrote += len(s)
}

func (w *walker) paraStyle(p *paraState) string {
	if p.style == "" && w.styles != nil {
		return w.styles.defaultPara
	}
	return p.style
}

func (w *walker) emit(s string) {
	w.steps += len(s) + 1
	w.size += len(s) + 1
	if w.size > MaxDOCXText {
		return // documentText fails at the next token
	}
	if n := len(w.sinks); n > 0 {
		*w.sinks[n-1] = append(*w.sinks[n-1], s)
		return
	}
	w.out.WriteString(s)
	w.out.WriteByte('\n')
}

func (w *walker) endPara() {
	p := w.paras[len(w.paras)-1]
	w.paras = w.paras[:len(w.paras)-1]
	// A field's instruction is a few words in one paragraph: one still
	// open at the paragraph's end is a broken file, and taking what
	// follows as its result keeps the rest of the document.
	for _, k := range w.instr {
		w.fields[k] = true
	}
	w.instr = w.instr[:0]
	for _, l := range p.before {
		w.emit(l)
	}
	if p.markDeleted {
		// The next paragraph writes on after this one's text.
		w.carry = p.buf
	} else {
		text := p.buf.String()
		if numID, ilvl, ok := w.numbering(p); ok {
			if l := w.lists.label(numID, ilvl); l != "" {
				text = l + " " + text
			}
		}
		w.emit(text)
	}
	for _, l := range p.after {
		w.emit(l)
	}
}

// numbering is the list and level of a paragraph: its own w:numPr, else its
// style's (through w:basedOn); numId 0 means no list. A style's level is
// the one its list gives that style when neither says.
func (w *walker) numbering(p *paraState) (string, int, bool) {
	numID, hasNum, ilvl, hasIlvl := p.numID, p.hasNumID, p.ilvl, p.hasIlvl
	style := w.paraStyle(p)
	if !hasNum || !hasIlvl {
		sNum, sHas, sIlvl := w.styles.numbering(style)
		if !hasNum {
			numID, hasNum = sNum, sHas
		}
		if !hasIlvl && sIlvl >= 0 {
			ilvl, hasIlvl = sIlvl, true
		}
	}
	if !hasNum || numID == "" || numID == "0" {
		return "", 0, false
	}
	if !hasIlvl {
		ilvl = w.lists.styleLevel(numID, style)
	}
	return numID, ilvl, true
}

// endTable writes a table: a row of cells of one line each as "| a | b |",
// other rows cell by cell with a blank line after each. A cell merged down
// from the row above (w:vMerge) repeats its text, as a reader takes it for
// each row it spans.
//
// A row's cells are in the order of their columns (each starts where the
// one before it ended), so the cell above is found by walking the row
// above alongside: a table is read in time linear in its cells. The walk
// stops once the text is past MaxDOCXText, which repeated cells count
// against.
func (w *walker) endTable(tb *tableState) {
	var above []*cellState
	for _, row := range tb.rows {
		if row.deleted {
			continue
		}
		if w.size > MaxDOCXText {
			return // documentText fails at the next token
		}
		w.steps += len(row.cells)
		k := 0 // above[:k] start at or left of c's column
		for _, c := range row.cells {
			c.lines = cellLines(c.lines)
			c.bytes = 0
			for _, l := range c.lines {
				c.bytes += len(l)
			}
			w.steps += len(c.lines)
			if c.vmerge != 2 || len(c.lines) > 0 {
				continue
			}
			// The last cell above starting at c's column, as before the
			// walk: columns rise along a row, but two cells can share one
			// when a broken file nests a w:tc in another.
			for k < len(above) && above[k].col <= c.col {
				k++
				w.steps++
			}
			if k > 0 && above[k-1].col == c.col {
				a := above[k-1]
				c.lines, c.bytes = a.lines, a.bytes
				w.size += a.bytes
			}
		}
		above = row.cells
		single, empty := len(row.cells) > 1, true
		for _, c := range row.cells {
			if len(c.lines) > 1 {
				single = false
			}
			if len(c.lines) > 0 {
				empty = false
			}
		}
		if single {
			if empty {
				w.emit("")
				continue
			}
			cells := make([]string, len(row.cells))
			for k, c := range row.cells {
				if len(c.lines) > 0 {
					cells[k] = strings.ReplaceAll(c.lines[0], "|", "/")
				}
			}
			w.emit("| " + strings.Join(cells, " | ") + " |")
			continue
		}
		for _, c := range row.cells {
			for _, l := range c.lines {
				w.emit(l)
			}
			w.emit("")
		}
	}
}

// cellLines splits a cell's paragraphs at their line breaks and drops the
// blank lines at its ends.
func cellLines(ps []string) []string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, strings.Split(p, "\n")...)
	}
	return trimBlank(lines)
}

func trimBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
