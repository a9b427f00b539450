// Package document renders tiendo's outgoing documents — the consolidated
// report (báo cáo) and the công văn that assigns tasks — in the form Decree
// 30/2020/NĐ-CP, Appendix I, prescribes: A4 with its margins, the two-column
// header with the national title, the type line and subject, a justified
// body, the signature block beside "Nơi nhận:", page numbers from page 2.
//
// WriteDOCX gives the editable file, WritePDF the same layout drawn
// directly with embedded Liberation Serif (the metric twin of Times New
// Roman, so lines break where Word breaks them and nothing needs installing),
// WriteXLSX the indicator table as a spreadsheet.
//
// Everything here is a pure function of its input: no HTTP, no SQL, no
// state that changes. Any input is accepted — an empty document, huge text,
// control characters — and comes out as a well-formed file.
package document

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tiendo"
	"tiendo/internal/vi"
)

// Kind is the type of document, which decides the lines under the header.
type Kind int

const (
	// Report is a báo cáo: the centred type line "BÁO CÁO" and the bold
	// subject under it.
	Report Kind = iota
	// Letter is a công văn: no type line; the subject goes under the number
	// as "V/v ...", and "Kính gửi:" addresses the recipients.
	Letter
)

// Document is one outgoing document, everything Decree 30 puts on the page.
// Text is given plainly; the writers apply the capitals, sizes, rules and
// punctuation the decree asks for.
type Document struct {
	Kind Kind

	// ParentIssuer is the body above the issuer ("UBND TỈNH LẠNG SƠN"),
	// printed in capitals, not bold; empty for none.
	ParentIssuer string
	// Issuer is the issuing body ("Ủy ban nhân dân huyện Hữu Lũng"), printed
	// in bold capitals with a short rule under it. A "\n" breaks the line
	// where the caller wants; without one "ỦY BAN NHÂN DÂN" gets a line of
	// its own, as every People's Committee prints it.
	Issuer string

	// DraftMark prints "DỰ THẢO" above the header of page 1, as a text
	// still being drafted or waiting for the leader's approval is marked
	// when it is printed or sent round; the approved text, which the
	// leader signs, and the issued one carry no mark.
	DraftMark bool

	// Number is the registry number ("05"), empty while a draft: the line
	// then reads "Số:      /BC-UBND" and the number is written in after
	// signing. A single digit takes a leading zero.
	Number string
	// Symbol is the document's symbol ("BC-UBND", "UBND-VP").
	Symbol string

	// Place is the place name of the date line ("Hữu Lũng").
	Place string
	// Date is the issue date; zero while a draft, which leaves the day,
	// month and year blank. It is read in tiendo.Zone.
	Date time.Time
	// Drafted is when a draft (zero Date) was drawn up: its date line then
	// leaves only the day blank, "ngày      tháng 6 năm 2022", as Decree
	// 30 drafts do. Zero leaves the month and year blank too.
	Drafted time.Time

	// Subject is the one-line summary (trích yếu): under "BÁO CÁO" for a
	// Report, after "V/v" for a Letter.
	Subject string
	// Recipients are the addressees of "Kính gửi:", one entry each.
	Recipients []string

	// Body is the text of the document, in order.
	Body []Block

	Signer Signer

	// Distribution is the "Nơi nhận:" list as plain entries ("Như trên",
	// "TT HU, HĐND huyện", "Lưu: VT, VP"). The writers add the dashes, the
	// semicolons and the closing full stop; they put "Như trên" first for a
	// Letter with recipients and "Lưu: VT" last when the list has no "Lưu"
	// entry, since the decree requires a file copy.
	Distribution []string
}

// Signer is the signature block.
type Signer struct {
	// Authority are the lines above the title, each with its prefix:
	// ["TM. ỦY BAN NHÂN DÂN"], ["KT. CHỦ TỊCH"], or ["TL. CHỦ TỊCH",
	// "KT. CHÁNH VĂN PHÒNG"].
	Authority []string
	// Title is the signer's position ("PHÓ CHỦ TỊCH").
	Title string
	// Name is the signer's full name, printed bold under the space left for
	// the signature and seal.
	Name string
}

// BlockKind is the kind of a Block.
type BlockKind int

// The kinds of block a body holds.
const (
	Paragraph  BlockKind = iota // justified, first-line indent
	Heading1                    // a part: "I. KẾT QUẢ THỰC HIỆN", bold
	Heading2                    // a section: "1. Nhiệm vụ 1: ...", bold
	TableBlock                  // a bordered table
)

// Block is one element of a document's body.
type Block struct {
	Kind  BlockKind
	Spans []Span // the text of a paragraph or heading
	Table *Table // the table of a TableBlock
}

// Span is a run of text in one style. A paragraph mixes them to set a unit's
// name in italics before its contribution, for instance.
type Span struct {
	Text         string
	Bold, Italic bool
}

// P returns a paragraph of plain text.
func P(text string) Block { return Block{Kind: Paragraph, Spans: []Span{{Text: text}}} }

// Rich returns a paragraph made of styled spans.
func Rich(spans ...Span) Block { return Block{Kind: Paragraph, Spans: spans} }

// H1 returns a heading of the first level (a part of the document).
func H1(text string) Block { return Block{Kind: Heading1, Spans: []Span{{Text: text, Bold: true}}} }

// H2 returns a heading of the second level.
func H2(text string) Block { return Block{Kind: Heading2, Spans: []Span{{Text: text, Bold: true}}} }

// TableOf returns a block holding t.
func TableOf(t Table) Block { return Block{Kind: TableBlock, Table: &t} }

// Table is a table with a header row, printed with borders.
type Table struct {
	// Title is the caption: the first row of the spreadsheet, a bold centred
	// line above the table in DOCX and PDF. Empty for none.
	Title string
	// Attached is the line under the title of a table sent as a file of
	// its own, naming the document it belongs to (AttachedTo). Only the
	// spreadsheet prints it: in DOCX and PDF the table is inside that
	// document. Empty for none.
	Attached string
	Header   []string
	// Widths are the relative widths of the columns; nil or a wrong length
	// gives equal columns.
	Widths []float64
	Rows   [][]Cell
}

// Cell is one cell of a table row: text, or a number that the spreadsheet
// keeps as a number and the documents print the Vietnamese way ("1.234,5").
type Cell struct {
	Text     string
	Value    float64
	IsNumber bool
}

// Text returns a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Number returns a numeric cell.
func Number(v float64) Cell { return Cell{Value: v, IsNumber: true} }

// String is the cell as the documents print it: a number with at most two
// decimals, a decimal comma and dots between thousands.
func (c Cell) String() string {
	if !c.IsNumber {
		return c.Text
	}
	if math.IsNaN(c.Value) || math.IsInf(c.Value, 0) {
		return ""
	}
	return vi.FormatNumber(math.Round(c.Value*100)/100, -1)
}

// Indicator is one row of the indicator table: a target of a task, what was
// reached, and the verdict.
type Indicator struct {
	Task       string   // "Nhiệm vụ 4"
	Target     string   // "Tỷ lệ GPMB dự án Khu đô thị mới Hữu Lũng đạt 70% trở lên"
	Unit       string   // unit of measure: "%", "xã", "ha"
	Plan       *float64 // the target's value; nil when it has none
	Actual     *float64 // nil: not reported
	SamePeriod *float64 // nil: not known
	Verdict    string   // "Đạt", "Vượt", "Chưa đạt", "Chưa có số liệu"
}

// IndicatorTable lays the indicators out as the report's table of targets:
// number, task, target, unit, plan, actual, same period last year, verdict.
// Missing values stay empty cells rather than zeros, so the spreadsheet's
// sums and averages are not skewed.
func IndicatorTable(title string, rows []Indicator) Table {
	t := Table{
		Title:  title,
		Header: []string{"TT", "Nhiệm vụ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Cùng kỳ", "Đánh giá"},
		Widths: []float64{0.8, 2.6, 4.6, 1.8, 1.5, 1.5, 1.5, 1.9},
	}
	num := func(p *float64) Cell {
		if p == nil {
			return Text("")
		}
		return Number(*p)
	}
	for i, r := range rows {
		t.Rows = append(t.Rows, []Cell{
			Number(float64(i + 1)), Text(r.Task), Text(r.Target), Text(r.Unit),
			num(r.Plan), num(r.Actual), num(r.SamePeriod), Text(r.Verdict),
		})
	}
	return t
}

// FormatDate writes a date the way a document's date line does: "ngày 05
// tháng 6 năm 2022". Days 1-9 and months 1-2 take a leading zero ("ngày 05
// tháng 01"); months 3-12 never do ("tháng 6"), as Decree 30 prescribes so
// that no one can add a digit. The date is read in tiendo.Zone.
func FormatDate(t time.Time) string {
	day, month, year := dateParts(t)
	return "ngày " + day + " tháng " + month + " năm " + year
}

// ShortDate writes a date as a document's body cites one, with
// FormatDate's zeros: "05/6/2022", "02/01/2023".
func ShortDate(t time.Time) string {
	day, month, year := dateParts(t)
	return day + "/" + month + "/" + year
}

// dateParts are t's day, month and year in tiendo.Zone as a document writes
// them: a zero before days 1-9 and months 1-2.
func dateParts(t time.Time) (day, month, year string) {
	t = t.In(tiendo.Zone)
	month = fmt.Sprint(int(t.Month()))
	if t.Month() < 3 {
		month = "0" + month
	}
	return fmt.Sprintf("%02d", t.Day()), month, fmt.Sprint(t.Year())
}

// draftMark is what DraftMark prints.
const draftMark = "DỰ THẢO"

// draftDate stands for the date of an unsigned draft whose month is not
// known: the blanks are filled in by hand (or by the system) when the
// document is issued.
const draftDate = "ngày      tháng      năm 20.."

// PlaceDate writes the place-and-date line: "Hữu Lũng, ngày 05 tháng 6 năm
// 2022"; for a zero date, a draft's: the day blank when drafted is known
// ("Hữu Lũng, ngày      tháng 6 năm 2022"), else all three.
func PlaceDate(place string, date, drafted time.Time) string {
	d := draftDate
	switch {
	case !date.IsZero():
		d = FormatDate(date)
	case !drafted.IsZero():
		_, month, year := dateParts(drafted)
		d = "ngày      tháng " + month + " năm " + year
	}
	place = strings.TrimSpace(place)
	if place == "" {
		return d
	}
	return place + ", " + d
}

// AttachedTo is the line that heads a table sent as a file of its own with
// the document d, as an annex names its document: "(Kèm theo Báo cáo số
// 05/BC-UBND ngày 05 tháng 6 năm 2022 của Ủy ban nhân dân huyện Hữu
// Lũng)". A draft leaves the number and the day blank, as its header does.
// The issuer is named only when it is written in ordinary case: one given
// in capitals cannot be put back in sentence case without knowing its
// names.
func AttachedTo(d *Document) string {
	kind := "Báo cáo"
	if d.Kind == Letter {
		kind = "Công văn"
	}
	line := "(Kèm theo " + kind + " " + strings.Replace(numberLine(d.Number, d.Symbol), "Số: ", "số ", 1) +
		" " + PlaceDate("", d.Date, d.Drafted)
	if is := strings.Join(strings.Fields(d.Issuer), " "); is != "" && is != strings.ToUpper(is) {
		line += " của " + is
	}
	return line + ")"
}

// numberLine is "Số: 05/BC-UBND", or with the number blank for a draft.
func numberLine(number, symbol string) string {
	number = strings.TrimSpace(number)
	symbol = strings.TrimLeft(strings.TrimSpace(symbol), "/")
	if len(number) == 1 && number[0] >= '1' && number[0] <= '9' {
		number = "0" + number
	}
	if number == "" {
		// Room for the number written in after signing.
		number = "      "
	}
	if symbol == "" {
		return "Số: " + strings.TrimSpace(number)
	}
	return "Số: " + number + "/" + symbol
}

// issuerLines splits the issuing body into the lines it is printed on.
func issuerLines(s string) []string {
	s = upper(s)
	if s == "" {
		return nil
	}
	if strings.Contains(s, "\n") {
		return nonEmptyLines(s)
	}
	for _, head := range []string{"ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "} {
		if rest, ok := strings.CutPrefix(s, head); ok && strings.TrimSpace(rest) != "" {
			return []string{strings.TrimSpace(head), strings.TrimSpace(rest)}
		}
	}
	return []string{s}
}

func nonEmptyLines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// distributionLines formats "Nơi nhận:" entries: "- Như trên;" ... "- Lưu: VT, VP.".
func distributionLines(d *Document) []string {
	var entries []string
	var file []string // the "Lưu" entries, moved last
	seenAsAbove := false
	for _, e := range d.Distribution {
		e = strings.TrimSpace(e)
		e = strings.TrimLeft(e, "-–—+•* \t")
		e = strings.TrimRight(e, ";.,: \t")
		if e == "" {
			continue
		}
		if strings.HasPrefix(strings.ToLower(e), "lưu") {
			file = append(file, e)
			continue
		}
		if strings.EqualFold(e, "như trên") {
			if seenAsAbove {
				continue
			}
			seenAsAbove = true
		}
		entries = append(entries, e)
	}
	if d.Kind == Letter && len(d.Recipients) > 0 && !seenAsAbove {
		entries = append([]string{"Như trên"}, entries...)
	}
	if len(file) == 0 {
		file = []string{"Lưu: VT"}
	}
	entries = append(entries, file...)
	out := make([]string, len(entries))
	for i, e := range entries {
		end := ";"
		if i == len(entries)-1 {
			end = "."
		}
		out[i] = "- " + e + end
	}
	return out
}

// recipientLines formats the "Kính gửi:" list: one recipient on the line
// itself, several as a dashed list ending with a full stop.
func recipientLines(rs []string) []string {
	var out []string
	for _, r := range rs {
		r = strings.TrimSpace(r)
		r = strings.TrimLeft(r, "-–—+•* \t")
		r = strings.TrimRight(r, ";., \t")
		if r != "" {
			out = append(out, r)
		}
	}
	if len(out) == 1 {
		return []string{out[0] + "."}
	}
	for i := range out {
		end := ";"
		if i == len(out)-1 {
			end = "."
		}
		out[i] = "- " + out[i] + end
	}
	return out
}

// subjectLine is the Letter's trích yếu: "V/v báo cáo ...".
func subjectLine(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "v/v") {
		return "V/v" + s[3:]
	}
	return "V/v " + s
}

// authorityLines is the signer's capitals: authority lines then title.
func authorityLines(s Signer) []string {
	var out []string
	for _, a := range s.Authority {
		if a = upper(a); a != "" {
			out = append(out, a)
		}
	}
	if t := upper(s.Title); t != "" {
		out = append(out, t)
	}
	return out
}

// endMark is the mark that closes the body of every document.
const endMark = "./."

// prepared is a cleaned copy of the document, so the writers never see
// decomposed Vietnamese (which a PDF would draw as loose marks), control
// characters (which XML 1.0 forbids) or invalid UTF-8.
func prepare(d *Document) *Document {
	if d == nil {
		d = &Document{}
	}
	c := *d
	c.ParentIssuer = clean(d.ParentIssuer)
	c.Issuer = clean(d.Issuer)
	c.Number = cleanLine(d.Number)
	c.Symbol = cleanLine(d.Symbol)
	c.Place = cleanLine(d.Place)
	c.Subject = cleanLine(d.Subject)
	c.Recipients = cleanAll(d.Recipients)
	c.Distribution = cleanAll(d.Distribution)
	c.Signer = Signer{Authority: cleanAll(d.Signer.Authority), Title: cleanLine(d.Signer.Title), Name: cleanLine(d.Signer.Name)}
	c.Body = make([]Block, 0, len(d.Body))
	for _, b := range d.Body {
		nb := Block{Kind: b.Kind}
		for _, s := range b.Spans {
			nb.Spans = append(nb.Spans, Span{Text: cleanLine(s.Text), Bold: s.Bold, Italic: s.Italic})
		}
		if b.Table != nil {
			t := cleanTable(*b.Table)
			nb.Table = &t
		}
		if nb.Kind == TableBlock && nb.Table == nil {
			continue
		}
		c.Body = append(c.Body, nb)
	}
	addEndMark(c.Body)
	return &c
}

// addEndMark closes the last paragraph with "./." unless it already is.
func addEndMark(body []Block) {
	for i := len(body) - 1; i >= 0; i-- {
		b := &body[i]
		if b.Kind != Paragraph {
			return
		}
		if len(b.Spans) == 0 {
			continue
		}
		last := &b.Spans[len(b.Spans)-1]
		t := strings.TrimRight(last.Text, " ")
		if strings.HasSuffix(t, endMark) {
			return
		}
		if t == "" {
			continue
		}
		last.Text = strings.TrimRight(t, ".") + endMark
		return
	}
}

func cleanTable(t Table) Table {
	c := Table{Title: cleanLine(t.Title), Attached: cleanLine(t.Attached), Header: cleanAll(t.Header)}
	ncol := len(t.Header)
	for _, r := range t.Rows {
		ncol = max(ncol, len(r))
	}
	if len(t.Widths) == ncol {
		ok := true
		for _, w := range t.Widths {
			if !(w > 0) || math.IsInf(w, 0) {
				ok = false
			}
		}
		if ok {
			c.Widths = append([]float64(nil), t.Widths...)
		}
	}
	if c.Widths == nil {
		c.Widths = make([]float64, ncol)
		for i := range c.Widths {
			c.Widths[i] = 1
		}
	}
	for len(c.Header) < ncol && len(c.Header) > 0 {
		c.Header = append(c.Header, "")
	}
	for _, r := range t.Rows {
		nr := make([]Cell, ncol)
		for i, cell := range r {
			cell.Text = cleanLine(cell.Text)
			nr[i] = cell
		}
		c.Rows = append(c.Rows, nr)
	}
	return c
}

func cleanAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, cleanLine(s))
	}
	return out
}

// clean normalises to NFC, replaces invalid UTF-8 and drops control
// characters other than newline; tabs become spaces.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = norm.NFC.String(s)
	needs := false
	for _, r := range s {
		if (unicode.IsControl(r) && r != '\n') || r == '\uFFFE' || r == '\uFFFF' {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r), r == '\uFFFE', r == '\uFFFF':
			return -1
		}
		return r
	}, s)
}

// cleanLine is clean for text printed on one logical line or paragraph:
// newlines become spaces.
func cleanLine(s string) string {
	s = clean(s)
	if strings.Contains(s, "\n") {
		s = strings.ReplaceAll(s, "\n", " ")
	}
	return s
}
