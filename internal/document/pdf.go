package document

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// fontFamily is the name the PDF gives the embedded Liberation Serif.
const fontFamily = "LiberationSerif"

// subjectRuleMM is the space between a report's subject (the descent of
// its last line) and the short rule under it, in both writers: a few
// points, as Decree 30's sample has it.
const subjectRuleMM = 1.5

// WritePDF draws d directly as a PDF with the same layout rules as
// WriteDOCX: A4, the decree's margins, the two-column header, the type line,
// justified paragraphs with a first-line indent, bordered tables whose header
// row repeats on each page, the closing, and page numbers from page 2. The
// fonts are embedded (subset), so the file reads the same everywhere and
// nothing has to be installed to make it.
func WritePDF(w io.Writer, d *Document) error {
	d = prepare(d)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	// A fixed creation date keeps the same document byte-identical, which
	// golden tests and caches rely on.
	stamp := d.Date
	if stamp.IsZero() {
		stamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetTitle(strings.Map(inBMP, documentTitle(d)), true)
	pdf.SetCreator("tiendo", true)
	pdf.SetLang("vi-VN")
	for _, s := range []struct {
		style string
		ttf   []byte
	}{{"", ttfRegular}, {"B", ttfBold}, {"I", ttfItalic}, {"BI", ttfBoldItalic}} {
		pdf.AddUTF8FontFromBytes(fontFamily, s.style, s.ttf)
	}
	pdf.SetMargins(marginLeftMM, marginTopMM, marginRightMM)
	pdf.SetCellMargin(0) // drawLine's justified cells start where their words do
	pdf.SetAutoPageBreak(false, marginBottomMM)
	pw := &pdfWriter{pdf: pdf}
	pdf.SetHeaderFuncMode(pw.pageHeader, false)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("document: chuẩn bị tệp PDF: %w", err)
	}

	pw.newPage()
	pw.header(d)
	pw.title(d)
	pw.recipients(d)
	// The closing must not stand alone on a page: the end of the body (the
	// last paragraph, or its last two lines; a table's last row) goes on
	// the page of the signature.
	closing := pw.closingHeight(d)
	for i := range d.Body {
		pw.block(d.Body[i], d.Body[i+1:], closing)
	}
	pw.closing(d)

	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("document: ghi tệp PDF: %w", err)
	}
	return nil
}

// documentTitle is the PDF's title metadata: the type and subject.
func documentTitle(d *Document) string {
	if d.Kind == Letter {
		return subjectLine(d.Subject)
	}
	return strings.TrimSpace("Báo cáo " + d.Subject)
}

type pdfWriter struct {
	pdf *fpdf.Fpdf
	y   float64 // the top of the next line, in mm

	curFace face
	curSize float64

	// after is the space after the last paragraph, already under it, in
	// mm: the space before the next overlaps it (spaceBefore).
	after float64
}

// spaceAfter leaves mm of space under what was drawn last.
func (p *pdfWriter) spaceAfter(mm float64) {
	p.y += mm
	p.after = mm
}

// spaceBefore leaves mm of space above what is drawn next. As in Word and
// LibreOffice, the space between two paragraphs is the larger of the one
// after the first and the one before the second, not their sum.
func (p *pdfWriter) spaceBefore(mm float64) {
	p.y += max(0, mm-p.after)
	p.after = 0
}

// collapsed is the space a paragraph with before mm of space above it adds
// under a body paragraph, whose paraAfterPt it overlaps.
func collapsed(before float64) float64 { return max(0, before-paraAfterPt/ptPerMM) }

const bottomLimit = pageHeightMM - marginBottomMM

// markAboveMM is how far above the top margin the baseline of a draft's
// "DỰ THẢO" falls, in both writers.
const markAboveMM = 4.0

func (p *pdfWriter) newPage() {
	p.pdf.AddPage()
	p.curSize = 0 // the header function may have changed the font
	p.y = marginTopMM
	p.after = 0
}

// pageHeader prints the page number centred in the top margin, from page 2.
func (p *pdfWriter) pageHeader() {
	n := p.pdf.PageNo()
	if n < 2 {
		return
	}
	s := fmt.Sprint(n)
	p.setFont(regular, sizePageNumber)
	w := p.pdf.GetStringWidth(s)
	p.pdf.Text(marginLeftMM+(textWidthMM-w)/2, headerMM+lineAscent*sizePageNumber/ptPerMM, s)
	p.curSize = 0
}

func (p *pdfWriter) setFont(f face, size float64) {
	if f == p.curFace && size == p.curSize {
		return
	}
	style := [...]string{"", "B", "I", "BI"}[f]
	p.pdf.SetFont(fontFamily, style, size)
	p.curFace, p.curSize = f, size
}

func (p *pdfWriter) width(s string, f face, size float64) float64 {
	p.setFont(f, size)
	return p.pdf.GetStringWidth(s)
}

// lineHeight is the height of one line at size pt with the given spacing
// (1 single, lineSpacing the body's), in mm: what Word and LibreOffice give
// a line of the font with "auto" spacing of that multiple, the font's
// single line (singleLine, its line gap included) times the multiple.
// They lay out in twentieths of a point and round the single line and the
// multiple of it to whole ones (a 14 pt line is 322, the body's 370), so
// the PDF does too: over a page the fractions would add up to a line
// falling on the other side of the bottom margin.
func lineHeight(size, spacing float64) float64 {
	single := math.Round(size * 20 * singleLine)
	return math.Round(single*spacing) / 20 / ptPerMM
}

// linesFit is the room n lines at size pt with the given spacing need at
// the foot of a page: all but the last take their line height, the last
// only a single line's, since what a spacing over single adds under a
// line may fall in the bottom margin, as in Word and LibreOffice.
func linesFit(n int, size, spacing float64) float64 {
	if n < 1 {
		return 0
	}
	return float64(n-1)*lineHeight(size, spacing) + lineHeight(size, 1)
}

// ensure starts a new page unless h mm fit above the bottom margin.
func (p *pdfWriter) ensure(h float64) {
	if p.y+h > bottomLimit+0.01 && p.y > marginTopMM+0.01 {
		p.newPage()
	}
}

type align int

const (
	alignLeft align = iota
	alignCenter
	alignJustify
)

// piece is a run of a word in one face; a word is one or more pieces with
// no space between them ("trước ngày 07/6/2022" bold, then ".").
type piece struct {
	text string
	face face
	w    float64
}

type word struct {
	pieces []piece
	w      float64 // without the space after it
	space  float64 // the width of the spaces after it
	// spaces is how many spaces follow it, and spaceFace the face of the
	// last: drawLine joins words a single space apart in one face.
	spaces    int
	spaceFace face
}

type line struct {
	words   []word
	natural float64 // the width with single gaps
	last    bool    // the paragraph's last line: never justified
}

// outsideBMP stands in the PDF for a character beyond the Basic
// Multilingual Plane (an emoji pasted from a chat): fpdf's embedded fonts
// hold 65,536 characters at most and fail on any other, and the font has
// none of them. It draws as the font's box for a missing character, as any
// other character it lacks; the DOCX keeps the character itself.
const outsideBMP = '\uFFFD'

// inBMP is r, or outsideBMP for a character beyond the plane.
func inBMP(r rune) rune {
	if r > 0xFFFF {
		return outsideBMP
	}
	return r
}

// words splits styled spans into words, keeping the width of each run of
// spaces so a draft's blanks ("ngày      tháng") keep their length.
func (p *pdfWriter) words(spans []Span, size float64) []word {
	var out []word
	var cur word
	var sb strings.Builder
	flushPiece := func(f face) {
		if sb.Len() == 0 {
			return
		}
		t := sb.String()
		w := p.width(t, f, size)
		cur.pieces = append(cur.pieces, piece{text: t, face: f, w: w})
		cur.w += w
		sb.Reset()
	}
	for _, s := range spans {
		f := faceOf(s.Bold, s.Italic)
		for _, r := range s.Text {
			r = inBMP(r)
			if r == ' ' {
				flushPiece(f)
				if len(cur.pieces) > 0 {
					out = append(out, cur)
					cur = word{}
				}
				if len(out) > 0 {
					prev := &out[len(out)-1]
					prev.space += p.width(" ", f, size)
					prev.spaces++
					prev.spaceFace = f
				}
				continue
			}
			sb.WriteRune(r)
		}
		flushPiece(f)
	}
	if len(cur.pieces) > 0 {
		out = append(out, cur)
	}
	return out
}

// breakLines fills lines of at most width mm; the first line is indent mm
// shorter. A word longer than a whole line is cut between characters.
func (p *pdfWriter) breakLines(ws []word, width, indent, size float64) []line {
	var lines []line
	var cur line
	avail := width - indent
	for i := 0; i < len(ws); i++ {
		wd := ws[i]
		gap := 0.0
		if len(cur.words) > 0 {
			gap = cur.words[len(cur.words)-1].space
		}
		if len(cur.words) > 0 && cur.natural+gap+wd.w > avail+0.001 {
			lines = append(lines, cur)
			cur = line{}
			avail = width
			gap = 0
		}
		if len(cur.words) == 0 && wd.w > avail {
			head, tail := p.splitWord(wd, avail, size)
			cur.words = append(cur.words, head)
			cur.natural = head.w
			if len(tail.pieces) > 0 {
				lines = append(lines, cur)
				cur = line{}
				avail = width
				ws[i] = tail
				i--
			}
			continue
		}
		cur.words = append(cur.words, wd)
		cur.natural += gap + wd.w
	}
	if len(cur.words) > 0 || len(lines) == 0 {
		cur.last = true
		lines = append(lines, cur)
	} else {
		lines[len(lines)-1].last = true
	}
	return lines
}

// splitWord cuts a word that is wider than avail: the head fits, the tail
// is the rest. At least one character goes in the head so the loop ends.
func (p *pdfWriter) splitWord(wd word, avail, size float64) (head, tail word) {
	tail.space = wd.space
	used := 0.0
	full := false
	for _, pc := range wd.pieces {
		if full {
			tail.pieces = append(tail.pieces, pc)
			tail.w += pc.w
			continue
		}
		var hb strings.Builder
		for i, r := range pc.text {
			rw := p.width(string(r), pc.face, size)
			if used+rw > avail && (used > 0 || hb.Len() > 0) {
				rest := pc.text[i:]
				// Widths add up (fpdf does not kern), so the tail's is the
				// piece's less the head's; measuring it again would make a
				// huge word quadratic.
				tw := pc.w - p.width(pc.text[:i], pc.face, size)
				tail.pieces = append(tail.pieces, piece{text: rest, face: pc.face, w: tw})
				tail.w += tw
				full = true
				break
			}
			hb.WriteRune(r)
			used += rw
		}
		if hb.Len() > 0 {
			t := hb.String()
			w := p.width(t, pc.face, size)
			head.pieces = append(head.pieces, piece{text: t, face: pc.face, w: w})
			head.w += w
		}
	}
	return head, tail
}

// drawLine draws l with its top at y, from x over width mm.
func (p *pdfWriter) drawLine(l line, x, y, width, size float64, a align) {
	extra := 0.0
	switch {
	case a == alignCenter:
		x += (width - l.natural) / 2
	case a == alignJustify && !l.last && len(l.words) > 1:
		extra = (width - l.natural) / float64(len(l.words)-1)
	}
	base := y + lineAscent*size/ptPerMM
	// The words of one face with a single space between them are drawn as
	// one string, spaces included: a text object a run of words rather
	// than one a word, which makes a page's content a fraction of what it
	// was, and text copied out of the PDF has its spaces. A justified run
	// is a cell fpdf justifies itself (a TJ array that widens each space).
	var r run
	flush := func() {
		if r.text.Len() == 0 {
			return
		}
		p.setFont(r.face, size)
		if r.spaces > 0 && extra > 0 {
			// CellFormat's baseline is y + 0.3 of the font size for a cell
			// of no height; it starts at x with no margin (WritePDF).
			p.pdf.SetXY(r.x, base-0.3*size/ptPerMM)
			p.pdf.CellFormat(r.end-r.x, 0, r.text.String(), "", 0, "J", false, 0, "")
		} else {
			p.pdf.Text(r.x, base, r.text.String())
		}
		r = run{}
	}
	for i, wd := range l.words {
		cx := x
		for j, pc := range wd.pieces {
			// A piece joins the run after a single space in the run's face;
			// the pieces of one word differ in face, so never join.
			prev := word{}
			if i > 0 {
				prev = l.words[i-1]
			}
			joins := j == 0 && r.text.Len() > 0 && pc.face == r.face &&
				prev.spaces == 1 && prev.spaceFace == r.face
			if joins {
				r.text.WriteByte(' ')
				r.spaces++
			} else {
				flush()
				r.face, r.x = pc.face, cx
			}
			r.text.WriteString(pc.text)
			cx += pc.w
			r.end = cx
		}
		x += wd.w
		if i < len(l.words)-1 {
			x += wd.space + extra
		}
	}
	flush()
}

// run is the words drawLine draws as one string: their text joined by
// single spaces, their face, where they start and end on the line, and
// how many spaces they hold.
type run struct {
	text   strings.Builder
	face   face
	x, end float64
	spaces int
}

// paragraph flows spans over the page from the current position, breaking
// pages between lines.
func (p *pdfWriter) paragraph(spans []Span, x, width, indent, size, spacing float64, a align) {
	p.paragraphKeep(spans, x, width, indent, size, spacing, a, 0, false)
}

// paragraphKeep is paragraph, keeping its end with the keep mm that follow
// it when keep > 0: its last two lines (all of them when it has three or
// fewer, so that no single line is left behind) go on one page with them.
// widow asks for Word's default widow/orphan control, which the DOCX's
// body paragraphs have: at least two lines at each side of a page break,
// so a paragraph of three lines or fewer is never broken.
func (p *pdfWriter) paragraphKeep(spans []Span, x, width, indent, size, spacing float64, a align, keep float64, widow bool) {
	lh := lineHeight(size, spacing)
	lines := p.breakLines(p.words(spans, size), width, indent, size)
	n := len(lines)
	from := n
	if keep > 0 {
		from = keptFrom(n)
	}
	for i, l := range lines {
		switch {
		case i == from:
			p.ensure(min(float64(n-i)*lh+keep, bottomLimit-marginTopMM))
		case widow && i == 0:
			p.ensure(linesFit(orphanLines(n), size, spacing))
		case widow && i == n-2 && p.y+linesFit(2, size, spacing) > bottomLimit+0.01:
			// The last line would stand alone at the top of the next
			// page: the line before it goes with it.
			p.newPage()
		}
		p.ensure(linesFit(1, size, spacing))
		lx, lw := x, width
		if i == 0 {
			lx, lw = x+indent, width-indent
		}
		p.drawLine(l, lx, p.y, lw, size, a)
		p.y += lh
	}
	p.after = 0
}

// orphanLines is how many of a body paragraph's n lines must start on one
// page under widow/orphan control: two, or all of a paragraph of three
// lines or fewer, which cannot leave two at each side of a break.
func orphanLines(n int) int {
	if n <= 3 {
		return n
	}
	return 2
}

// column draws centred single-style lines in a column starting at y and
// returns the y under them. The header and the closing use it; they are on
// one page by construction.
func (p *pdfWriter) column(x, y, width float64, texts []string, f face, size float64) float64 {
	for _, t := range texts {
		lines := p.breakLines(p.words([]Span{{Text: t, Bold: f == bold || f == boldItalic, Italic: f == italic || f == boldItalic}}, size), width, 0, size)
		for _, l := range lines {
			p.drawLine(l, x, y, width, size, alignCenter)
			y += lineHeight(size, 1)
		}
	}
	return y
}

// rule draws a horizontal rule of length mm centred in a column, as the
// DOCX's rule paragraph (ruleParagraph) lays it out from y: before pt of
// space, the rule, and the paragraph's space and line under it. It
// returns the y under that paragraph.
func (p *pdfWriter) rule(x, y, width, length, before float64) float64 {
	length = min(length, width)
	y += before / ptPerMM
	p.pdf.SetLineWidth(ruleWidthPt / ptPerMM)
	p.pdf.Line(x+(width-length)/2, y+ruleWidthPt/2/ptPerMM, x+(width+length)/2, y+ruleWidthPt/2/ptPerMM)
	return y + (ruleWidthPt+ruleSpacePt+ruleLinePt)/ptPerMM
}

func (p *pdfWriter) header(d *Document) {
	lx, lw := marginLeftMM, headerLeftMM
	rx, rw := marginLeftMM+headerLeftMM, headerRightMM
	if d.DraftMark {
		// Flush right over the national title, in the top margin's
		// lower part, so the header below stays where it always is.
		p.setFont(bold, sizeMark)
		w := p.width(draftMark, bold, sizeMark)
		p.pdf.Text(rx+rw-w, p.y-markAboveMM, draftMark)
	}
	top := p.y

	y := top
	if d.ParentIssuer != "" {
		y = p.column(lx, y, lw, nonEmptyLines(upper(d.ParentIssuer)), regular, sizeParent)
	}
	lines := issuerLines(d.Issuer)
	y = p.column(lx, y, lw, lines, bold, sizeIssuer)
	widest := 0.0
	for _, l := range lines {
		widest = max(widest, textWidthPt(l, bold, sizeIssuer))
	}
	leftEnd := p.rule(lx, y, lw, max(widest/3, 40)/ptPerMM, ruleBeforePt)

	y = p.column(rx, top, rw, []string{nationalTitle}, bold, sizeNational)
	y = p.column(rx, y, rw, []string{motto}, bold, sizeMotto)
	rightEnd := p.rule(rx, y, rw, textWidthPt(motto, bold, sizeMotto)/ptPerMM, ruleBeforePt)

	row2 := max(leftEnd, rightEnd) + 6/ptPerMM
	y = p.column(lx, row2, lw, []string{numberLine(d.Number, d.Symbol)}, regular, sizeNumber)
	if d.Kind == Letter {
		if s := subjectLine(d.Subject); s != "" {
			y = p.column(lx, y, lw, balanced(s, regular, sizeLetterSubj, lw*ptPerMM), regular, sizeLetterSubj)
		}
	}
	leftEnd = y
	rightEnd = p.column(rx, row2, rw, []string{PlaceDate(d.Place, d.Date, d.Drafted)}, italic, sizeDate)
	p.y = max(leftEnd, rightEnd)
}

func (p *pdfWriter) title(d *Document) {
	if d.Kind != Report {
		return
	}
	p.y += 18 / ptPerMM
	p.paragraph([]Span{{Text: reportTypeLine, Bold: true}}, marginLeftMM, textWidthMM, 0, sizeType, 1, alignCenter)
	if d.Subject != "" {
		for _, l := range balanced(d.Subject, bold, sizeSubject, textWidthMM*ptPerMM) {
			p.paragraph([]Span{{Text: l, Bold: true}}, marginLeftMM, textWidthMM, 0, sizeSubject, 1, alignCenter)
		}
	}
	rule := min(max(textWidthPt(d.Subject, bold, sizeSubject)/3, 70), 140) / ptPerMM
	p.y = p.rule(marginLeftMM, p.y, textWidthMM, rule, subjectRuleMM*ptPerMM)
	p.spaceAfter(12 / ptPerMM)
}

func (p *pdfWriter) recipients(d *Document) {
	lines := recipientLines(d.Recipients)
	if len(lines) == 0 {
		return
	}
	p.spaceBefore(12 / ptPerMM)
	label := recipientsLabel
	if len(lines) == 1 {
		p.paragraph([]Span{{Text: label + " " + lines[0]}}, marginLeftMM, textWidthMM, 0, sizeRecipients, 1, alignCenter)
	} else {
		listX := marginLeftMM + 55
		p.ensure(lineHeight(sizeRecipients, 1))
		p.drawLine(line{words: p.words([]Span{{Text: label}}, sizeRecipients), last: true}, marginLeftMM+30, p.y, 25, sizeRecipients, alignLeft)
		for _, l := range lines {
			p.paragraph([]Span{{Text: l}}, listX, textWidthMM-55, 0, sizeRecipients, 1, alignLeft)
		}
	}
	p.spaceAfter(12 / ptPerMM)
}

// keepWith is the height after b that the end of b must go on one page
// with, or 0: the closing after the last block; and when the last block is
// a paragraph of one line, that line and the closing after the paragraph
// before it, so that the page of the signature holds at least two lines of
// the body.
func (p *pdfWriter) keepWith(b Block, next []Block, closing float64) float64 {
	after := paraAfterPt/ptPerMM + closing
	switch {
	case len(next) == 0:
		return after
	case len(next) == 1 && b.Kind == Paragraph && next[0].Kind == Paragraph:
		n := len(p.breakLines(p.words(next[0].Spans, sizeBody), textWidthMM, firstLineIndentMM, sizeBody))
		if n == 1 {
			return paraAfterPt/ptPerMM + lineHeight(sizeBody, lineSpacing) + after
		}
	}
	return 0
}

// keptFrom is the first of a last paragraph's n lines that go on the page
// of the closing: the last two, or all of a paragraph of three lines or
// fewer.
func keptFrom(n int) int {
	if n <= 3 {
		return 0
	}
	return n - 2
}

// block draws b; next are the blocks after it, which a heading must not be
// parted from. closing is the height of the closing, which the end of the
// last block is kept with.
func (p *pdfWriter) block(b Block, next []Block, closing float64) {
	keep := p.keepWith(b, next, closing)
	switch b.Kind {
	case TableBlock:
		p.table(*b.Table, closing, len(next) == 0)
		return
	case Heading1, Heading2:
		boldSpans(b.Spans)
		p.spaceBefore(6 / ptPerMM)
		// Keep the heading with the start of what follows: a heading alone
		// at the foot of a page, its text on the next, reads as a mistake.
		p.ensure(p.blockStart(b, next, closing))
	default:
		// So is a lead-in ("Kết quả thực hiện các chỉ tiêu:").
		if leadIn(b) && len(next) > 0 {
			p.ensure(p.blockStart(b, next, closing))
		}
	}
	p.paragraphKeep(b.Spans, marginLeftMM, textWidthMM, firstLineIndentMM, sizeBody, lineSpacing, alignJustify, keep, true)
	p.spaceAfter(paraAfterPt / ptPerMM)
}

func boldSpans(spans []Span) {
	for i := range spans {
		spans[i].Bold = true
	}
}

// blockStart is the height from where b starts (after any space before it)
// that must go on one page: a paragraph's first two lines, or all of a
// paragraph of three lines or fewer (widow/orphan control); a heading's or
// a lead-in's lines, the space under it and the start of the block after
// it; a table's title, header row and first rows. When b is the last block, what of it is
// kept with the closing (closing mm high) counts too if it starts there: a
// short last paragraph whole, a short table's last row. It never exceeds a
// page, so a block whose start is that tall begins a fresh page and then
// flows on.
func (p *pdfWriter) blockStart(b Block, next []Block, closing float64) float64 {
	var h float64
	last := len(next) == 0
	switch b.Kind {
	case TableBlock:
		h = p.tableStart(*b.Table)
		if last && len(b.Table.Rows) <= keepRows {
			h += belowTable() + closing
		}
	case Heading1, Heading2:
		spans := append([]Span(nil), b.Spans...)
		boldSpans(spans)
		h = p.paragraphHeight(spans, -1) + paraAfterPt/ptPerMM
		// A run of headings stops counting once it fills a page.
		if !last && h < bottomLimit-marginTopMM {
			h += gapAbove(next[0]) + p.blockStart(next[0], next[1:], closing)
		}
		if last {
			h += closing
		}
	default:
		n := len(p.breakLines(p.words(b.Spans, sizeBody), textWidthMM, firstLineIndentMM, sizeBody))
		lh := lineHeight(sizeBody, lineSpacing)
		h = linesFit(orphanLines(n), sizeBody, lineSpacing)
		// A paragraph kept whole with the closing (or with a one-line last
		// paragraph and the closing) starts with all of that.
		if keep := p.keepWith(b, next, closing); keep > 0 && keptFrom(n) == 0 {
			h = float64(n)*lh + keep
		}
		// A lead-in starts with the start of what it leads in to.
		if leadIn(b) && !last {
			h = max(h, float64(n)*lh+paraAfterPt/ptPerMM+gapAbove(next[0])+p.blockStart(next[0], next[1:], closing))
		}
	}
	return min(h, bottomLimit-marginTopMM)
}

// gapAbove is the space that block or table leaves above b, under a body
// paragraph, before it checks what fits on the page.
func gapAbove(b Block) float64 {
	switch {
	case b.Kind == Heading1 || b.Kind == Heading2:
		return collapsed(6 / ptPerMM)
	case b.Kind == TableBlock && b.Table != nil && b.Table.Title != "":
		return collapsed(6 / ptPerMM)
	}
	return 0
}

// paragraphHeight is the height of the first limit lines of a body
// paragraph (all of them when limit < 0).
func (p *pdfWriter) paragraphHeight(spans []Span, limit int) float64 {
	n := len(p.breakLines(p.words(spans, sizeBody), textWidthMM, firstLineIndentMM, sizeBody))
	if limit >= 0 {
		n = min(n, limit)
	}
	return float64(n) * lineHeight(sizeBody, lineSpacing)
}

// cellPad is a table cell's inner margin: 1 mm at the sides as in the DOCX,
// 2 pt above and below (the cell paragraph's space before and after).
// rowPad is what a row adds to its lines: that, and the border above it,
// which takes its width in the row's height as in LibreOffice.
const (
	cellPadX = 1.0
	cellPadY = 2 / ptPerMM
	rowPad   = 2*cellPadY + tableBorderPt/ptPerMM
)

type tableRow struct {
	cells  [][]line
	aligns []align
	sizes  []float64 // each cell's type size: sizeTable, or less (cellSize)
}

// pdfTable is a table laid out for the page: its column widths and its
// header row, which repeats on every page.
type pdfTable struct {
	widths []float64
	head   *tableRow
}

// layoutTable gives t's column widths and header row; nil when the table
// has no columns.
func (p *pdfWriter) layoutTable(t Table) *pdfTable {
	widths := columnWidths(t, textWidthMM)
	if len(widths) == 0 {
		return nil
	}
	pt := &pdfTable{widths: widths}
	if len(t.Header) > 0 {
		h := make([]Cell, len(t.Header))
		for i, s := range t.Header {
			h[i] = Text(s)
		}
		hr := p.layoutRow(pt.widths, h, true)
		pt.head = &hr
	}
	return pt
}

// layoutRow breaks each cell of a row into lines of its column.
func (p *pdfWriter) layoutRow(widths []float64, cells []Cell, header bool) tableRow {
	r := tableRow{}
	for i, w := range widths {
		var c Cell
		if i < len(cells) {
			c = cells[i]
		}
		a := alignLeft
		if centred(c, header) {
			a = alignCenter
		}
		// Lines break only between words: the columns were fitted to the
		// words and the size shrinks for one that still does not fit; a
		// word is cut between characters only when even that fails.
		text := c.String()
		size := cellSize(text, faceOf(header, false), w-2*cellPadX)
		ls := p.breakLines(p.words([]Span{{Text: text, Bold: header}}, size), w-2*cellPadX, 0, size)
		r.cells = append(r.cells, ls)
		r.aligns = append(r.aligns, a)
		r.sizes = append(r.sizes, size)
	}
	return r
}

// rowHeight is the height of a whole row: its tallest cell and the padding.
func rowHeight(r tableRow) float64 {
	n := 1
	for _, c := range r.cells {
		n = max(n, len(c))
	}
	return float64(n)*lineHeight(sizeTable, 1) + rowPad
}

// keepRows is how many of a table's first rows stay on the page of its
// title and header row, so the header never ends a page with the body
// starting under its repeat on the next.
const keepRows = 2

// tableStart is the height of t's title, header row and first keepRows
// rows (as many of them as fit on one page, and at least the first line of
// the first row), from just under the space above the title.
func (p *pdfWriter) tableStart(t Table) float64 {
	h := 0.0
	if t.Title != "" {
		h += p.titleHeight(t.Title) + 6/ptPerMM
	}
	pt := p.layoutTable(t)
	if pt == nil {
		return h
	}
	if pt.head != nil {
		h += rowHeight(*pt.head)
	}
	page := bottomLimit - marginTopMM
	minimum := h + lineHeight(sizeTable, 1) + rowPad
	for _, cells := range t.Rows[:min(len(t.Rows), keepRows)] {
		rh := rowHeight(p.layoutRow(pt.widths, cells, false))
		if h+rh > page {
			break
		}
		h += rh
	}
	return max(h, minimum)
}

// titleHeight is the height of a table's title: bold body text, centred,
// single spaced.
func (p *pdfWriter) titleHeight(title string) float64 {
	n := len(p.breakLines(p.words([]Span{{Text: title, Bold: true}}, sizeBody), textWidthMM, 0, sizeBody))
	return float64(n) * lineHeight(sizeBody, 1)
}

// table draws t. When it ends the body (last), its last row is kept with
// the closing, closing mm high, under the header row repeated if the row
// has to go to a new page.
func (p *pdfWriter) table(t Table, closing float64, last bool) {
	pt := p.layoutTable(t)
	if pt == nil {
		if t.Title != "" {
			p.spaceBefore(6 / ptPerMM)
			p.paragraph([]Span{{Text: t.Title, Bold: true}}, marginLeftMM, textWidthMM, 0, sizeBody, 1, alignCenter)
			p.spaceAfter(6 / ptPerMM)
		}
		return
	}
	if t.Title != "" {
		p.spaceBefore(6 / ptPerMM)
	}
	// The title, the header row and the first rows go on one page.
	p.ensure(min(p.tableStart(t), bottomLimit-marginTopMM))
	if t.Title != "" {
		p.paragraph([]Span{{Text: t.Title, Bold: true}}, marginLeftMM, textWidthMM, 0, sizeBody, 1, alignCenter)
		p.y += 6 / ptPerMM
	}
	widths, head := pt.widths, pt.head
	p.after = 0
	lh := lineHeight(sizeTable, 1)
	drawHead := func() {
		if head != nil {
			p.drawRow(*head, widths, rowHeight(*head), 0, 1<<30)
			p.y += rowHeight(*head)
		}
	}
	drawHead()
	for k, cells := range t.Rows {
		r := p.layoutRow(widths, cells, false)
		h := rowHeight(r)
		need := h
		if last && k == len(t.Rows)-1 {
			need += belowTable() + closing
		}
		if p.y+need > bottomLimit+0.01 {
			fresh := bottomLimit - marginTopMM
			if head != nil {
				fresh -= rowHeight(*head)
			}
			if need <= fresh || h <= fresh && p.y+h > bottomLimit+0.01 {
				p.newPage()
				drawHead()
			}
		}
		// A row taller than what is left is split between lines, page by page.
		from := 0
		for {
			room := int((bottomLimit + 0.01 - p.y - rowPad) / lh)
			n := 0
			for _, c := range r.cells {
				n = max(n, len(c)-from)
			}
			if n <= room || room < 1 && p.y <= marginTopMM+rowHeight(*orEmpty(head))+0.01 {
				n = max(n, 1)
				hh := float64(n)*lh + rowPad
				p.drawRow(r, widths, hh, from, from+n)
				p.y += hh
				break
			}
			if room >= 1 {
				hh := float64(room)*lh + rowPad
				p.drawRow(r, widths, hh, from, from+room)
				from += room
			}
			p.newPage()
			drawHead()
		}
	}
	// The last row's bottom border, and the DOCX's empty paragraph after
	// the table: a single line of the body's size, and its space after.
	p.y += belowTable() - 6/ptPerMM
	p.spaceAfter(6 / ptPerMM)
}

// belowTable is the height under a table's last row to what follows it:
// its bottom border and the paragraph the DOCX puts after every table (a
// table cannot end a Word document, and two tables would otherwise touch),
// an empty single line of the body's size with 6 pt after it.
func belowTable() float64 {
	return tableBorderPt/ptPerMM + lineHeight(sizeBody, 1) + 6/ptPerMM
}

func orEmpty(r *tableRow) *tableRow {
	if r == nil {
		return &tableRow{}
	}
	return r
}

// drawRow draws lines [from, to) of each cell of r in a row h mm high,
// with borders, the text vertically centred.
func (p *pdfWriter) drawRow(r tableRow, widths []float64, h float64, from, to int) {
	lh := lineHeight(sizeTable, 1)
	x := marginLeftMM
	p.pdf.SetLineWidth(tableBorderPt / ptPerMM)
	for i, w := range widths {
		p.pdf.Rect(x, p.y, w, h, "D")
		ls := r.cells[i]
		lo, hi := min(from, len(ls)), min(to, len(ls))
		n := hi - lo
		// Every line takes the table's line pitch, so the rows of a cell
		// set smaller stay level with its neighbours'; its text sits in the
		// middle of each line.
		size := r.sizes[i]
		top := p.y + tableBorderPt/ptPerMM // under the row's top border
		y := top + (p.y+h-top-float64(n)*lh)/2 + (lh-lineHeight(size, 1))/2
		for _, l := range ls[lo:hi] {
			p.drawLine(l, x+cellPadX, y, w-2*cellPadX, size, r.aligns[i])
			y += lh
		}
		x += w
	}
}

// columnHeight is the height of what column draws for texts.
func (p *pdfWriter) columnHeight(width float64, texts []string, f face, size float64) float64 {
	n := 0
	for _, t := range texts {
		n += len(p.breakLines(p.words([]Span{{Text: t, Bold: f == bold || f == boldItalic, Italic: f == italic || f == boldItalic}}, size), width, 0, size))
	}
	return float64(n) * lineHeight(size, 1)
}

// closingParts are the heights of the closing's two sides, from the space
// above it: the signature on the right, "Nơi nhận:" and its list on the
// left.
func (p *pdfWriter) closingParts(d *Document) (sig, dist float64) {
	rw := closingRightMM
	sig = 6/ptPerMM + p.columnHeight(rw, authorityLines(d.Signer), bold, sizeSigner) +
		signatureSpaceMM + p.columnHeight(rw, []string{d.Signer.Name}, bold, sizeSigner)
	dist = 6/ptPerMM + p.columnHeight(closingLeftMM, []string{distributionLabel}, boldItalic, sizeDistHeading) +
		p.columnHeight(closingLeftMM-2, distributionLines(d), regular, sizeDistribution)
	return sig, dist
}

// closingHeight is the height of the closing that must go on one page: both
// its sides, which sit side by side, or the signature and as much of a
// list longer than a page as fits.
func (p *pdfWriter) closingHeight(d *Document) float64 {
	sig, dist := p.closingParts(d)
	return min(max(sig, dist), bottomLimit-marginTopMM)
}

// closing draws the signature on the right, then "Nơi nhận:" on the left
// beside it, both on one page; only a distribution list longer than a page
// flows on to the next.
func (p *pdfWriter) closing(d *Document) {
	auth := authorityLines(d.Signer)
	dist := distributionLines(d)
	p.ensure(p.closingHeight(d))

	top := p.y + 6/ptPerMM
	rx, rw := marginLeftMM+closingLeftMM, closingRightMM
	y := p.column(rx, top, rw, auth, bold, sizeSigner)
	y += signatureSpaceMM
	y = p.column(rx, y, rw, []string{d.Signer.Name}, bold, sizeSigner)
	sigEnd, sigPage := y, p.pdf.PageNo()

	p.y = top
	p.paragraph([]Span{{Text: distributionLabel, Bold: true, Italic: true}}, marginLeftMM, closingLeftMM, 0, sizeDistHeading, 1, alignLeft)
	for _, l := range dist {
		p.paragraph([]Span{{Text: l}}, marginLeftMM, closingLeftMM-2, 0, sizeDistribution, 1, alignLeft)
	}
	if p.pdf.PageNo() == sigPage {
		p.y = max(p.y, sigEnd)
	}
}
