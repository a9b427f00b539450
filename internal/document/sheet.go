package document

import (
	"strings"
	"unicode/utf8"
)

// The fixed lines of every document, printed by each writer and the Sheet.
const (
	nationalTitle     = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	motto             = "Độc lập - Tự do - Hạnh phúc"
	reportTypeLine    = "BÁO CÁO"
	recipientsLabel   = "Kính gửi:"
	distributionLabel = "Nơi nhận:"
)

// centred reports whether a table cell is centred: the header row, numbers
// and short texts ("Đạt", "%", "xã"); longer text is set flush left.
func centred(c Cell, header bool) bool {
	return header || c.IsNumber || utf8.RuneCountInString(c.Text) <= 12
}

// Sheet is a document as its page reads: the text of every line the DOCX
// and PDF writers print, with the capitals, the number line, the date line,
// the "Nơi nhận:" punctuation and the closing "./." already applied, but
// without fonts or positions. It lets a view other than the files (the
// browser's print view) show what the files show without its own copy of
// these rules; only the type sizes and the page are left to it.
type Sheet struct {
	Kind Kind
	// Draft is true while the document has no number: the number line and
	// the date line then carry the blanks written in after signing.
	Draft bool
	// Mark is "DỰ THẢO" over the header of a text not yet approved
	// (Document.DraftMark), empty otherwise.
	Mark string

	Parent []string // the body above the issuer, in capitals; none for most
	Issuer []string // the issuing body's lines, in capitals, bold

	Number        string // "Số: 05/BC-UBND", or "Số:      /BC-UBND" in a draft
	LetterSubject string // a Letter's "V/v ..." under the number

	National  string // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	Motto     string // "Độc lập - Tự do - Hạnh phúc"
	PlaceDate string // "Hữu Lũng, ngày 05 tháng 6 năm 2022", or a draft's blanks

	Type    string // a Report's type line, "BÁO CÁO"; empty for a Letter
	Subject string // a Report's subject under the type line

	RecipientsLabel string   // "Kính gửi:" when there are recipients
	Recipients      []string // one line each: "Phòng Nội vụ." or "- ...;" ... "- ...."

	Body []SheetBlock

	DistributionLabel string   // "Nơi nhận:"
	Distribution      []string // "- TT HĐND huyện;" ... "- Lưu: VT, VP."
	Authority         []string // "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
	SignerName        string
}

// SheetBlock is one element of a Sheet's body: a paragraph or heading made
// of styled spans, or a table.
type SheetBlock struct {
	Kind  BlockKind
	Spans []Span
	Table *SheetTable
}

// Heading is 1 for a part ("I. ..."), 2 for a section ("1. ..."), 0 for
// anything else.
func (b SheetBlock) Heading() int {
	switch b.Kind {
	case Heading1:
		return 1
	case Heading2:
		return 2
	}
	return 0
}

// SheetTable is a table as the writers draw it: every row as wide as the
// header, the numbers written the Vietnamese way, each cell's alignment.
type SheetTable struct {
	Title  string
	Header []string
	// Widths are the columns' shares of the text width, in per cent.
	Widths []float64
	Rows   [][]SheetCell
}

// SheetCell is a table cell as printed.
type SheetCell struct {
	Text    string
	Centred bool // else flush left
}

// NewSheet lays d out as a Sheet, from the same cleaned copy and the same
// rules WriteDOCX and WritePDF print it with.
func NewSheet(d *Document) *Sheet {
	d = prepare(d)
	s := &Sheet{
		Kind:              d.Kind,
		Draft:             strings.TrimSpace(d.Number) == "",
		Mark:              map[bool]string{true: draftMark}[d.DraftMark],
		Issuer:            issuerLines(d.Issuer),
		Number:            numberLine(d.Number, d.Symbol),
		National:          nationalTitle,
		Motto:             motto,
		PlaceDate:         PlaceDate(d.Place, d.Date, d.Drafted),
		Distribution:      distributionLines(d),
		DistributionLabel: distributionLabel,
		Authority:         authorityLines(d.Signer),
		SignerName:        d.Signer.Name,
	}
	if d.ParentIssuer != "" {
		s.Parent = nonEmptyLines(upper(d.ParentIssuer))
	}
	switch d.Kind {
	case Report:
		s.Type, s.Subject = reportTypeLine, d.Subject
	case Letter:
		s.LetterSubject = subjectLine(d.Subject)
	}
	if s.Recipients = recipientLines(d.Recipients); len(s.Recipients) > 0 {
		s.RecipientsLabel = recipientsLabel
	}
	for _, b := range d.Body {
		sb := SheetBlock{Kind: b.Kind, Spans: b.Spans}
		if b.Kind == Heading1 || b.Kind == Heading2 {
			sb.Spans = make([]Span, len(b.Spans))
			for i, sp := range b.Spans {
				sp.Bold = true // as both writers set a heading
				sb.Spans[i] = sp
			}
		}
		if b.Table != nil {
			sb.Table = sheetTable(*b.Table)
		}
		s.Body = append(s.Body, sb)
	}
	return s
}

// sheetTable is t as the writers draw it; t has been through prepare, so
// every row has as many cells as there are columns.
func sheetTable(t Table) *SheetTable {
	st := &SheetTable{Title: t.Title, Header: t.Header}
	const total = 100000
	for _, w := range columnTwips(t.Widths, total) {
		st.Widths = append(st.Widths, float64(w)*100/total)
	}
	for _, r := range t.Rows {
		row := make([]SheetCell, len(r))
		for i, c := range r {
			row[i] = SheetCell{Text: c.String(), Centred: centred(c, false)}
		}
		st.Rows = append(st.Rows, row)
	}
	return st
}
