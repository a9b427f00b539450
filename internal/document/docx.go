package document

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// fontName is the font Decree 30 prescribes. The DOCX names it and embeds
// nothing; renderers without it substitute Liberation Serif, its metric twin.
const fontName = "Times New Roman"

// A4 in twips as Word writes it (210 x 297 mm rounded).
const (
	a4WidthTwips  = 11906
	a4HeightTwips = 16838
)

// The header parts godocx has no API for: the page number on every page but
// the first, and an empty first-page header.
const (
	relHeaderDefault = "rIdTiendoHeaderDefault"
	relHeaderFirst   = "rIdTiendoHeaderFirst"
	partHeaderPage   = "word/headerTiendoPage.xml"
	partHeaderFirst  = "word/headerTiendoFirst.xml"
	headerType       = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
	headerRelType    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
)

// WriteDOCX writes d as a Word document laid out by Decree 30/2020/NĐ-CP,
// Appendix I. A nil or empty document gives a valid file with the header
// block and blanks.
//
// godocx builds the body. What it cannot express is added through its
// lower-level parts: the document defaults in styles.xml (Times New Roman,
// Vietnamese), table borders set to none through the table's complex type,
// the two header parts stored in its file map with their relationships and
// content types. Its section properties hold one header reference only, so
// the first-page header reference is added to word/document.xml after
// godocx has written the package (see addFirstHeader).
func WriteDOCX(w io.Writer, d *Document) error {
	d = prepare(d)
	rd, err := godocx.NewDocument()
	if err != nil {
		return fmt.Errorf("document: tạo tệp DOCX: %w", err)
	}
	b := &docxBuilder{rd: rd}
	b.setup(d)
	b.header(d)
	b.title(d)
	b.recipients(d)
	var paras []*docx.Paragraph // each block's paragraph, nil for a table
	var lastRow []*docx.Paragraph
	for _, blk := range d.Body {
		p, row := b.block(blk)
		paras = append(paras, p)
		lastRow = row
	}
	b.keepEnd(d.Body, paras, lastRow)
	b.closing(d)

	var buf bytes.Buffer
	if err := rd.Write(&buf); err != nil {
		return fmt.Errorf("document: ghi tệp DOCX: %w", err)
	}
	if err := addFirstHeader(w, buf.Bytes()); err != nil {
		return fmt.Errorf("document: ghi tệp DOCX: %w", err)
	}
	return nil
}

type docxBuilder struct {
	rd *docx.RootDoc
}

// setup sets the page, the defaults every run and paragraph inherit, and
// the header parts.
func (b *docxBuilder) setup(d *Document) {
	rd := b.rd
	vi := "vi-VN"
	rd.DocStyles.DocDefaults = &ctypes.DocDefault{
		RunProp: &ctypes.RunPropDefault{RunProp: &ctypes.RunProperty{
			Fonts:  &ctypes.RunFonts{Ascii: fontName, HAnsi: fontName, EastAsia: fontName, CS: fontName},
			Size:   ctypes.NewFontSize(sizeBody * 2),
			SizeCs: ctypes.NewFontSizeCS(sizeBody * 2),
			Color:  &ctypes.Color{Val: "000000"},
			Lang:   &ctypes.Lang{Val: &vi, EastAsia: &vi, Bidi: &vi},
		}},
		// Widow/orphan control, Word's default, said where every reader
		// sees it: the PDF breaks body paragraphs by the same rule.
		ParaProp: &ctypes.ParaPropDefault{ParaProp: &ctypes.ParagraphProp{
			WindowControl: &ctypes.OnOff{},
			Spacing:       spacing(0, 0, 240, stypes.LineSpacingRuleAuto),
		}},
	}
	// The template's Normal style sets no font, but its theme does; drop
	// any style-level font so the defaults above decide, and any style's
	// word on widow control, so that no style turns it off.
	for i := range rd.DocStyles.StyleList {
		if rp := rd.DocStyles.StyleList[i].RunProp; rp != nil {
			rp.Fonts = nil
		}
		if pp := rd.DocStyles.StyleList[i].ParaProp; pp != nil {
			pp.WindowControl = nil
		}
	}

	// The template's thumbnail shows another document; file browsers would
	// show it for ours.
	rels := rd.RootRels.Relationships[:0]
	for _, r := range rd.RootRels.Relationships {
		if !strings.HasSuffix(r.Type, "/thumbnail") {
			rels = append(rels, r)
		}
	}
	rd.RootRels.Relationships = rels
	rd.FileMap.Delete("docProps/thumbnail.jpeg")

	rd.FileMap.Store("docProps/core.xml", []byte(coreXML(d)))
	tidyTemplate(rd)
	rd.FileMap.Store(partHeaderPage, []byte(headerXML()))
	rd.FileMap.Store(partHeaderFirst, []byte(firstHeaderXML(d.DraftMark)))
	for _, h := range []struct{ id, part string }{{relHeaderDefault, partHeaderPage}, {relHeaderFirst, partHeaderFirst}} {
		rd.Document.DocRels.Relationships = append(rd.Document.DocRels.Relationships, &docx.Relationship{
			ID: h.id, Type: headerRelType, Target: strings.TrimPrefix(h.part, "word/"),
		})
		_ = rd.ContentType.AddOverride("/"+h.part, headerType)
	}

	on := stypes.OnOffOn
	rd.Document.Body.SectPr = &ctypes.SectionProp{
		HeaderReference: &ctypes.HeaderReference{Type: stypes.HdrFtrDefault, ID: relHeaderDefault},
		PageSize: &ctypes.PageSize{
			Width: ptrU(a4WidthTwips), Height: ptrU(a4HeightTwips),
			Orient: stypes.PageOrientPortrait,
		},
		PageMargin: &ctypes.PageMargin{
			Top: ptrI(mmToTwips(marginTopMM)), Bottom: ptrI(mmToTwips(marginBottomMM)),
			Left: ptrI(mmToTwips(marginLeftMM)), Right: ptrI(mmToTwips(marginRightMM)),
			Header: ptrI(mmToTwips(headerMM)), Footer: ptrI(mmToTwips(headerMM)), Gutter: ptrI(0),
		},
		TitlePg: &ctypes.GenSingleStrVal[stypes.OnOff]{Val: on},
	}
}

// coreXML replaces the template's metadata (its author, description and
// 2013 dates) with the document's own title and date.
func coreXML(d *Document) string {
	stamp := d.Date
	if stamp.IsZero() {
		stamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	ts := stamp.UTC().Format("2006-01-02T15:04:05Z")
	var title, subject strings.Builder
	_ = xml.EscapeText(&title, []byte(documentTitle(d)))
	_ = xml.EscapeText(&subject, []byte(d.Subject))
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + title.String() + `</dc:title><dc:subject>` + subject.String() + `</dc:subject>` +
		`<dc:creator>tiendo</dc:creator><dc:language>vi-VN</dc:language><cp:revision>1</cp:revision>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

// appXML replaces the template's extended properties, which name another
// application, its Normal.dotm and counts of a one-page empty document.
const appXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>tiendo</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
	`<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>` +
	`</Properties>`

var (
	themeFontLang = regexp.MustCompile(`<w:themeFontLang\b[^>]*/>`)
	proofState    = regexp.MustCompile(`\s*<w:proofState\b[^>]*/>`)
)

// tidyTemplate drops what godocx's template leaves that is not ours: its
// extended properties, the bibliography part it carries as custom XML,
// the English theme language and the "clean" proofing state that would
// keep Word from checking the text.
func tidyTemplate(rd *docx.RootDoc) {
	rd.FileMap.Store("docProps/app.xml", []byte(appXML))

	var custom []string
	rd.FileMap.Range(func(k, _ any) bool {
		if name := k.(string); strings.HasPrefix(name, "customXml/") {
			custom = append(custom, name)
		}
		return true
	})
	for _, name := range custom {
		rd.FileMap.Delete(name)
	}
	rels := rd.Document.DocRels.Relationships[:0]
	for _, r := range rd.Document.DocRels.Relationships {
		if !strings.HasSuffix(r.Type, "/customXml") {
			rels = append(rels, r)
		}
	}
	rd.Document.DocRels.Relationships = rels
	over := rd.ContentType.Override[:0]
	for _, o := range rd.ContentType.Override {
		if !strings.HasPrefix(o.PartName, "/customXml/") {
			over = append(over, o)
		}
	}
	rd.ContentType.Override = over

	if v, ok := rd.FileMap.Load("word/settings.xml"); ok {
		b := themeFontLang.ReplaceAll(v.([]byte), []byte(`<w:themeFontLang w:val="vi-VN"/>`))
		rd.FileMap.Store("word/settings.xml", proofState.ReplaceAll(b, nil))
	}
}

// headerXML is the header part of the pages after the first: the centred
// PAGE field.
func headerXML() string {
	rpr := fmt.Sprintf(`<w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, sizePageNumber*2, sizePageNumber*2)
	return hdrPart(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
		`<w:r>` + rpr + `<w:fldChar w:fldCharType="begin"/></w:r>` +
		`<w:r>` + rpr + `<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r>` + rpr + `<w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r>` + rpr + `<w:t>2</w:t></w:r>` +
		`<w:r>` + rpr + `<w:fldChar w:fldCharType="end"/></w:r></w:p>`)
}

// markBeforeTwips is the space above "DỰ THẢO" in the first page's header,
// which starts headerMM from the top edge: its baseline falls where the
// PDF draws it, markAboveMM above the top margin.
var markBeforeTwips = int(math.Round((marginTopMM - markAboveMM - headerMM - lineAscent*sizeMark/ptPerMM) * 1440 / 25.4))

// firstHeaderXML is the first page's header part: empty, or a draft's
// "DỰ THẢO" flush right in the top margin, as the PDF has it, where it
// moves nothing of the page below.
func firstHeaderXML(mark bool) string {
	if !mark {
		return hdrPart(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>`)
	}
	rpr := fmt.Sprintf(`<w:rPr><w:b/><w:bCs/><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, sizeMark*2, sizeMark*2)
	return hdrPart(fmt.Sprintf(`<w:p><w:pPr><w:spacing w:before="%d" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="right"/></w:pPr>`, markBeforeTwips) +
		`<w:r>` + rpr + `<w:t>` + draftMark + `</w:t></w:r></w:p>`)
}

func hdrPart(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		body + `</w:hdr>`
}

// addFirstHeader copies the package godocx wrote to w, adding the
// first-page header reference to the section properties. The other parts
// are copied compressed as they are.
func addFirstHeader(w io.Writer, pkg []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		// encoding/xml writes the reference as an element with an end tag.
		def := fmt.Sprintf(`r:id="%s">`, relHeaderDefault)
		i := bytes.LastIndex(body, []byte(def))
		end := []byte("</w:headerReference>")
		if i < 0 || !bytes.HasPrefix(body[i+len(def):], end) {
			return fmt.Errorf("không tìm thấy tham chiếu đầu trang trong word/document.xml")
		}
		i += len(def) + len(end)
		first := fmt.Sprintf(`<w:headerReference w:type="first" r:id="%s"/>`, relHeaderFirst)
		out := make([]byte, 0, len(body)+len(first))
		out = append(append(append(out, body[:i]...), first...), body[i:]...)
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return err
		}
		if _, err := fw.Write(out); err != nil {
			return err
		}
	}
	return zw.Close()
}

// header is the borderless two-column table at the top of page 1. Two rows
// keep "Số:" level with the date line whatever the issuer's length.
func (b *docxBuilder) header(d *Document) {
	left, right := mmToTwips(headerLeftMM), mmToTwips(textWidthMM)-mmToTwips(headerLeftMM)
	t := b.rd.AddTable()
	borderless(t, left, right)

	r1 := t.AddRow()
	c := cellW(r1.AddCell(), left)
	if d.ParentIssuer != "" {
		for _, l := range nonEmptyLines(upper(d.ParentIssuer)) {
			b.text(c.AddEmptyPara(), stypes.JustificationCenter, Span{Text: l}, sizeParent)
		}
	}
	lines := issuerLines(d.Issuer)
	widest := 0.0
	for _, l := range lines {
		b.text(c.AddEmptyPara(), stypes.JustificationCenter, Span{Text: l, Bold: true}, sizeIssuer)
		widest = max(widest, textWidthPt(l, bold, sizeIssuer))
	}
	if len(lines) == 0 {
		c.AddEmptyPara()
	}
	// The short rule under the issuer: a third of its name, centred.
	ruleParagraph(c.AddEmptyPara(), max(widest/3, 40), float64(left)/20)

	c = cellW(r1.AddCell(), right)
	b.text(c.AddEmptyPara(), stypes.JustificationCenter, Span{Text: nationalTitle, Bold: true}, sizeNational)
	b.text(c.AddEmptyPara(), stypes.JustificationCenter, Span{Text: motto, Bold: true}, sizeMotto)
	// The rule under the motto is as long as the motto.
	ruleParagraph(c.AddEmptyPara(), textWidthPt(motto, bold, sizeMotto), float64(right)/20)

	r2 := t.AddRow()
	c = cellW(r2.AddCell(), left)
	p := c.AddEmptyPara()
	b.text(p, stypes.JustificationCenter, Span{Text: numberLine(d.Number, d.Symbol)}, sizeNumber)
	spaceBefore(p, 6)
	if d.Kind == Letter {
		if s := subjectLine(d.Subject); s != "" {
			b.lines(c.AddEmptyPara(), stypes.JustificationCenter, broken(balance(s, regular, sizeLetterSubj, headerLeftMM*ptPerMM)), Span{}, sizeLetterSubj)
		}
	}
	c = cellW(r2.AddCell(), right)
	p = c.AddEmptyPara()
	b.text(p, stypes.JustificationCenter, Span{Text: PlaceDate(d.Place, d.Date, d.Drafted), Italic: true}, sizeDate)
	spaceBefore(p, 6)
}

// title is the type line and the subject of a Report.
func (b *docxBuilder) title(d *Document) {
	if d.Kind != Report {
		return
	}
	p := b.rd.AddEmptyParagraph()
	b.text(p, stypes.JustificationCenter, Span{Text: reportTypeLine, Bold: true}, sizeType)
	spaceBefore(p, 18)
	keepNext(p)
	if d.Subject != "" {
		p = b.rd.AddEmptyParagraph()
		b.lines(p, stypes.JustificationCenter, broken(balance(d.Subject, bold, sizeSubject, textWidthMM*ptPerMM)), Span{Bold: true}, sizeSubject)
		keepNext(p)
	}
	rule := min(max(textWidthPt(d.Subject, bold, sizeSubject)/3, 70), 140)
	p = b.rd.AddEmptyParagraph()
	ruleParagraph(p, rule, textWidthMM*ptPerMM)
	// The rule as close under the subject as in the PDF.
	paraSpacing(p).Before = ptrU(uint64(math.Round(subjectRuleMM * ptPerMM * 20)))
	spaceAfter(p, 12)
}

// recipients is the "Kính gửi:" block: centred on one line for one
// recipient, a dashed list aligned after the label for several.
func (b *docxBuilder) recipients(d *Document) {
	lines := recipientLines(d.Recipients)
	if len(lines) == 0 {
		return
	}
	label := recipientsLabel
	if len(lines) == 1 {
		p := b.rd.AddEmptyParagraph()
		p.Justification(stypes.JustificationCenter)
		b.run(p, Span{Text: label + " "}, sizeRecipients)
		b.run(p, Span{Text: lines[0]}, sizeRecipients)
		spaceBefore(p, 12)
		spaceAfter(p, 12)
		return
	}
	// The label hangs at 3 cm from the text's left edge, the list starts at
	// 5.5 cm: "Kính gửi:" in 14 pt is about 2 cm wide.
	labelAt, listAt := mmToTwips(30), mmToTwips(55)
	for i, l := range lines {
		p := b.rd.AddEmptyParagraph()
		p.Justification(stypes.JustificationLeft)
		left := listAt
		ind := &ctypes.Indent{Left: &left}
		if i == 0 {
			hang := uint64(listAt - labelAt)
			ind.Hanging = &hang
			b.run(p, Span{Text: label}, sizeRecipients)
			b.tab(p)
			spaceBefore(p, 12)
		}
		p.Indent(ind)
		b.run(p, Span{Text: l}, sizeRecipients)
		if i == len(lines)-1 {
			spaceAfter(p, 12)
		}
	}
}

// keepEnd asks Word to keep the end of the body with the closing, as the
// PDF does: the last paragraph kept whole and with the next (the closing's
// table, whose one row cannot split); when that paragraph is a single line,
// the paragraph before it kept with it too, widow control giving at least
// its last two lines; when a table ends the body, its last row and the
// spacing paragraph after it. paras are the blocks' paragraphs (nil for a
// table), lastRow the paragraphs of the last table's last row.
func (b *docxBuilder) keepEnd(body []Block, paras []*docx.Paragraph, lastRow []*docx.Paragraph) {
	n := len(body)
	if n == 0 {
		return
	}
	keep := func(p *docx.Paragraph, whole bool) {
		keepNext(p)
		p.GetCT().Property.WindowControl = &ctypes.OnOff{}
		if whole {
			p.GetCT().Property.KeepLines = &ctypes.OnOff{}
		}
	}
	last := paras[n-1]
	if last == nil {
		for _, p := range lastRow {
			keep(p, true)
		}
		// The spacing paragraph after the table is the last body paragraph.
		if ps := b.rd.Document.Body.Children; len(ps) > 0 && ps[len(ps)-1].Para != nil {
			keep(ps[len(ps)-1].Para, true)
		}
		return
	}
	keep(last, true)
	if n >= 2 && body[n-1].Kind == Paragraph && body[n-2].Kind == Paragraph && oneLine(body[n-1].Spans) {
		keep(paras[n-2], false)
	}
}

// oneLine reports whether a body paragraph fits on one line.
func oneLine(spans []Span) bool {
	w := 0.0
	for _, s := range spans {
		w += textWidthPt(s.Text, faceOf(s.Bold, s.Italic), sizeBody)
	}
	return w <= (textWidthMM-firstLineIndentMM)*ptPerMM
}

// leadIn reports whether b is a short paragraph that leads in to the next
// block, a line ending with a colon ("Kết quả thực hiện các chỉ tiêu:"):
// both writers keep it on the page of what follows it, as a heading.
func leadIn(b Block) bool {
	if b.Kind != Paragraph || !oneLine(b.Spans) {
		return false
	}
	text := ""
	for i := len(b.Spans) - 1; i >= 0 && text == ""; i-- {
		text = strings.TrimSpace(b.Spans[i].Text)
	}
	return strings.HasSuffix(text, ":")
}

// block writes one element of the body and returns its paragraph, or for a
// table the paragraphs of its last row.
func (b *docxBuilder) block(blk Block) (*docx.Paragraph, []*docx.Paragraph) {
	switch blk.Kind {
	case TableBlock:
		return nil, b.table(*blk.Table)
	}
	p := b.rd.AddEmptyParagraph()
	p.Justification(stypes.JustificationBoth)
	first := uint64(mmToTwips(firstLineIndentMM))
	p.Indent(&ctypes.Indent{FirstLine: &first})
	p.GetCT().Property.Spacing = spacing(0, paraAfterPt*20, int(lineSpacing*240), stypes.LineSpacingRuleAuto)
	if blk.Kind == Heading1 || blk.Kind == Heading2 {
		keepNext(p)
		p.GetCT().Property.Spacing.Before = ptrU(6 * 20)
		lvl := 0
		if blk.Kind == Heading2 {
			lvl = 1
		}
		// The outline level lets Word's navigation pane list the parts
		// without the template's coloured heading styles.
		p.GetCT().Property.OutlineLvl = &ctypes.DecimalNum{Val: lvl}
	}
	if leadIn(blk) {
		keepNext(p)
	}
	for _, s := range blk.Spans {
		if blk.Kind == Heading1 || blk.Kind == Heading2 {
			s.Bold = true
		}
		b.run(p, s, sizeBody)
	}
	return p, nil
}

// table writes a bordered table with its caption and a header row repeated
// on every page, and returns the paragraphs of its last row.
func (b *docxBuilder) table(t Table) []*docx.Paragraph {
	if t.Title != "" {
		p := b.rd.AddEmptyParagraph()
		b.text(p, stypes.JustificationCenter, Span{Text: t.Title, Bold: true}, sizeBody)
		spaceBefore(p, 6)
		spaceAfter(p, 6)
		keepNext(p)
	}
	total := mmToTwips(textWidthMM)
	// The PDF's widths, fitted to the longest words, so that Word too
	// keeps every number on one line.
	widths := twipsOf(columnWidths(t, textWidthMM), total)
	if len(widths) == 0 {
		return nil
	}
	tbl := b.rd.AddTable()
	tbl.Width(total, stypes.TableWidthDxa)
	gw := make([]uint64, len(widths))
	for i, w := range widths {
		gw[i] = uint64(w)
	}
	tbl.Grid(gw...)
	tbl.Layout(stypes.TableLayoutFixed)
	line := &ctypes.Border{Val: stypes.BorderStyleSingle, Size: ptrI(tableBorderPt * 8), Color: ptrS("000000"), Space: ptrS("0")}
	ct := tbl.GetCT()
	ct.TableProp.Borders = &ctypes.TableBorders{Top: line, Left: line, Bottom: line, Right: line, InsideH: line, InsideV: line}
	ct.TableProp.CellMargin = &ctypes.CellMargins{
		Left: ctypes.NewTableWidth(57, stypes.TableWidthDxa), Right: ctypes.NewTableWidth(57, stypes.TableWidthDxa),
	}

	var row []*docx.Paragraph
	addRow := func(cells []Cell, header bool) {
		row = nil
		r := tbl.AddRow()
		rp := ct.RowContents[len(ct.RowContents)-1].Row.Property
		rp.CantSplit = &ctypes.OnOff{}
		if header {
			rp.Header = &ctypes.OnOff{}
		}
		for i, w := range widths {
			var cell Cell
			if i < len(cells) {
				cell = cells[i]
			}
			c := cellW(r.AddCell(), w)
			c.VerticalAlign("center")
			p := c.AddEmptyPara()
			row = append(row, p)
			jc := stypes.JustificationLeft
			if centred(cell, header) {
				jc = stypes.JustificationCenter
			}
			p.GetCT().Property = &ctypes.ParagraphProp{Spacing: spacing(40, 40, 240, stypes.LineSpacingRuleAuto)}
			text := cell.String()
			b.text(p, jc, Span{Text: text, Bold: header}, sizeTable)
			// A word too wide for its column even after the fitting is set
			// a little smaller, as in the PDF.
			if size := cellSize(text, faceOf(header, false), twipsToMMf(w)-2*cellPadX); size != sizeTable {
				halfPoints(p, size)
			}
		}
	}
	if len(t.Header) > 0 {
		h := make([]Cell, len(t.Header))
		for i, s := range t.Header {
			h[i] = Text(s)
		}
		addRow(h, true)
	}
	for _, r := range t.Rows {
		addRow(r, false)
	}
	// A paragraph after the table keeps a following table or the closing
	// from touching it.
	b.rd.AddEmptyParagraph().Spacing(0, 6*20)
	return row
}

// closing is the borderless table of "Nơi nhận:" and the signature.
func (b *docxBuilder) closing(d *Document) {
	left, right := mmToTwips(closingLeftMM), mmToTwips(textWidthMM)-mmToTwips(closingLeftMM)
	t := b.rd.AddTable()
	borderless(t, left, right)
	r := t.AddRow()
	ct := t.GetCT()
	ct.RowContents[0].Row.Property.CantSplit = &ctypes.OnOff{}

	c := cellW(r.AddCell(), left)
	p := c.AddEmptyPara()
	b.text(p, stypes.JustificationLeft, Span{Text: distributionLabel, Bold: true, Italic: true}, sizeDistHeading)
	spaceBefore(p, 6)
	for _, l := range distributionLines(d) {
		b.text(c.AddEmptyPara(), stypes.JustificationLeft, Span{Text: l}, sizeDistribution)
	}

	c = cellW(r.AddCell(), right)
	lines := authorityLines(d.Signer)
	if len(lines) == 0 {
		lines = []string{""}
	}
	for i, l := range lines {
		p := c.AddEmptyPara()
		b.text(p, stypes.JustificationCenter, Span{Text: l, Bold: true}, sizeSigner)
		if i == 0 {
			spaceBefore(p, 6)
		}
	}
	p = c.AddEmptyPara()
	b.text(p, stypes.JustificationCenter, Span{Text: d.Signer.Name, Bold: true}, sizeSigner)
	// The room for the signature and the seal.
	spaceBefore(p, int(math.Round(signatureSpaceMM*ptPerMM)))
}

// text sets the paragraph's alignment and adds one run.
func (b *docxBuilder) text(p *docx.Paragraph, jc stypes.Justification, s Span, size uint64) {
	p.Justification(jc)
	b.run(p, s, size)
}

// lines sets lines in p one under the other, each ended by a line break
// but the last, in the style of s (a title balanced by balanced).
// broken is the lines a DOCX paragraph breaks by hand: balanced lines as
// they are, filling's own as one, for the word processor to wrap.
func broken(lines []string, balanced bool) []string {
	if balanced || len(lines) < 2 {
		return lines
	}
	return []string{strings.Join(lines, " ")}
}

func (b *docxBuilder) lines(p *docx.Paragraph, jc stypes.Justification, lines []string, s Span, size uint64) {
	p.Justification(jc)
	for i, l := range lines {
		s.Text = l
		b.run(p, s, size)
		if i < len(lines)-1 {
			runs := p.GetCT().Children
			runs[len(runs)-1].Run.Children = append(runs[len(runs)-1].Run.Children, ctypes.RunChild{Break: &ctypes.Break{}})
		}
	}
}

func (b *docxBuilder) run(p *docx.Paragraph, s Span, size uint64) {
	if s.Text == "" {
		return
	}
	r := p.AddText(s.Text).Size(size)
	if s.Bold {
		r.Bold(true)
	}
	if s.Italic {
		r.Italic(true)
	}
}

func (b *docxBuilder) tab(p *docx.Paragraph) {
	p.GetCT().Children = append(p.GetCT().Children, ctypes.ParagraphChild{Run: &ctypes.Run{
		Children: []ctypes.RunChild{{Tab: &ctypes.Empty{}}},
	}})
}

// borderless makes t a two-column table without any border, the way the
// header and the closing are set.
func borderless(t *docx.Table, left, right int) {
	t.Width(left+right, stypes.TableWidthDxa)
	t.Grid(uint64(left), uint64(right))
	t.Layout(stypes.TableLayoutFixed)
	none := &ctypes.Border{Val: stypes.BorderStyleNone, Size: ptrI(0), Space: ptrS("0"), Color: ptrS("auto")}
	t.GetCT().TableProp.Borders = &ctypes.TableBorders{Top: none, Left: none, Bottom: none, Right: none, InsideH: none, InsideV: none}
	t.GetCT().TableProp.CellMargin = &ctypes.CellMargins{
		Left: ctypes.NewTableWidth(0, stypes.TableWidthDxa), Right: ctypes.NewTableWidth(0, stypes.TableWidthDxa),
	}
}

func cellW(c *docx.Cell, twips int) *docx.Cell {
	return c.Width(twips, stypes.TableWidthDxa)
}

// ruleParagraph turns p into a thin horizontal rule of the given length in
// points, centred in a column of colPt points: an empty one-point-high
// paragraph whose top border is the rule, indented from both sides.
func ruleParagraph(p *docx.Paragraph, lengthPt, colPt float64) {
	lengthPt = min(lengthPt, colPt)
	side := int((colPt - lengthPt) / 2 * 20)
	p.GetCT().Property = &ctypes.ParagraphProp{
		Spacing:       spacing(ruleBeforePt*20, 0, ruleLinePt*20, stypes.LineSpacingRuleExact),
		Indent:        &ctypes.Indent{Left: &side, Right: &side},
		Justification: ctypes.NewGenSingleStrVal(stypes.JustificationCenter),
		Border: &ctypes.ParaBorder{Top: &ctypes.Border{
			Val: stypes.BorderStyleSingle, Size: ptrI(ruleWidthPt * 8), Space: ptrS(fmt.Sprint(ruleSpacePt)), Color: ptrS("000000"),
		}},
	}
}

func spacing(before, after uint64, line int, rule stypes.LineSpacingRule) *ctypes.Spacing {
	return &ctypes.Spacing{Before: &before, After: &after, Line: &line, LineRule: &rule}
}

// paraSpacing returns p's spacing element, adding a single-spaced one
// when p has none.
func paraSpacing(p *docx.Paragraph) *ctypes.Spacing {
	ct := p.GetCT()
	if ct.Property == nil {
		ct.Property = &ctypes.ParagraphProp{}
	}
	if ct.Property.Spacing == nil {
		ct.Property.Spacing = spacing(0, 0, 240, stypes.LineSpacingRuleAuto)
	}
	return ct.Property.Spacing
}

func spaceBefore(p *docx.Paragraph, pt int) { paraSpacing(p).Before = ptrU(uint64(pt * 20)) }

func spaceAfter(p *docx.Paragraph, pt int) { paraSpacing(p).After = ptrU(uint64(pt * 20)) }

func keepNext(p *docx.Paragraph) {
	paraSpacing(p)
	p.GetCT().Property.KeepNext = &ctypes.OnOff{}
}

// twipsOf turns column widths in mm into twips that add up to total.
func twipsOf(mm []float64, total int) []int {
	if len(mm) == 0 {
		return nil
	}
	out := make([]int, len(mm))
	used := 0
	for i, w := range mm {
		out[i] = int(math.Round(w * 1440 / 25.4))
		used += out[i]
	}
	out[len(out)-1] += total - used
	return out
}

func twipsToMMf(tw int) float64 { return float64(tw) * 25.4 / 1440 }

// halfPoints sets the size of every run of p to size points, which may be a
// half point (Run.Size takes whole points).
func halfPoints(p *docx.Paragraph, size float64) {
	hp := uint64(math.Round(size * 2))
	for _, c := range p.GetCT().Children {
		if c.Run == nil {
			continue
		}
		if c.Run.Property == nil {
			c.Run.Property = &ctypes.RunProperty{}
		}
		c.Run.Property.Size = ctypes.NewFontSize(hp)
		c.Run.Property.SizeCs = ctypes.NewFontSizeCS(hp)
	}
}

// columnTwips divides total among columns in proportion to rel.
func columnTwips(rel []float64, total int) []int {
	sum := 0.0
	for _, r := range rel {
		sum += r
	}
	if len(rel) == 0 || !(sum > 0) {
		return nil
	}
	out := make([]int, len(rel))
	used := 0
	for i, r := range rel {
		out[i] = int(float64(total) * r / sum)
		used += out[i]
	}
	out[len(out)-1] += total - used
	return out
}

func ptrI(i int) *int       { return &i }
func ptrU(u uint64) *uint64 { return &u }
func ptrS(s string) *string { return &s }
