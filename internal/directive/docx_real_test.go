package directive

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"tiendo"
)

// The XML below is written as Word (2016 and later) writes it: the real
// element names and namespaces, runs split where Word splits them, and
// text boxes both as DrawingML (mc:Choice) and VML (mc:Fallback).

const wordNS = `xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:o="urn:schemas-microsoft-com:office:office" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" ` +
	`xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:w10="urn:schemas-microsoft-com:office:word" ` +
	`xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
	`xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" ` +
	`xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`mc:Ignorable="w14 w15 wp14"`

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// wordDocument wraps body content in document.xml as Word writes it.
func wordDocument(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<w:document ` + wordNS + `><w:body>` + body +
		`<w:sectPr w:rsidR="00A1"><w:headerReference w:type="default" r:id="rId8"/><w:footerReference w:type="default" r:id="rId9"/>` +
		`<w:pgSz w:w="11907" w:h="16840" w:code="9"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/>` +
		`<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>`
}

// wordPackage builds a .docx with the parts Word writes around the ones
// given: content types, relationships, a header and a footer (which must
// stay out of the text), footnotes.
func wordPackage(t *testing.T, body, styles, numbering string) []byte {
	t.Helper()
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects" Target="stylesWithEffects.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
			`<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
			`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
			`<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://vbpl.vn/" TargetMode="External"/>` +
			`</Relationships>`,
		"word/document.xml":  wordDocument(body),
		"word/header1.xml":   `<w:hdr ` + wNS + `><w:p><w:r><w:t>TIÊU ĐỀ TRANG</w:t></w:r></w:p></w:hdr>`,
		"word/footer1.xml":   `<w:ftr ` + wNS + `><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`,
		"word/footnotes.xml": `<w:footnotes ` + wNS + `><w:footnote w:id="1"><w:p><w:r><w:t>Chú thích cuối trang.</w:t></w:r></w:p></w:footnote></w:footnotes>`,
	}
	if styles != "" {
		files["word/styles.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ` + wordNS + `>` +
			`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
			`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
			styles + `</w:styles>`
	}
	if numbering != "" {
		files["word/numbering.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ` + wordNS + `>` + numbering + `</w:numbering>`
	}
	return makeZip(t, files)
}

func readWord(t *testing.T, body, styles, numbering string) string {
	t.Helper()
	data := wordPackage(t, body, styles, numbering)
	text, err := ReadDOCX(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("ReadDOCX: %v", err)
	}
	return text
}

// wp is a paragraph with Word's usual attributes and properties around
// its runs.
func wp(runs ...string) string {
	return `<w:p w:rsidR="00B2" w:rsidRDefault="00B2" w:rsidP="00C3"><w:pPr><w:spacing w:before="120" w:after="120"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr>` + strings.Join(runs, "") + `</w:p>`
}

// wr is a run of text with run properties, as Word writes it.
func wr(text string) string {
	return `<w:r w:rsidRPr="00D4"><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

// textBox is a Word text box holding paragraphs, as Word writes it: a
// DrawingML shape and its VML fallback, each with the same w:txbxContent.
func textBox(paras string) string {
	return `<w:r><w:rPr><w:noProof/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>` +
		`<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">` +
		`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3810</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>60325</wp:posOffset></wp:positionV>` +
		`<wp:extent cx="2360930" cy="1404620"/><wp:effectExtent l="0" t="0" r="22860" b="11430"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="217" name="Text Box 2"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/></wp:cNvGraphicFramePr>` +
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"><a:spLocks noChangeArrowheads="1"/></wps:cNvSpPr>` +
		`<wps:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="2360930" cy="1404620"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:miter lim="800000"/><a:headEnd/><a:tailEnd/></a:ln></wps:spPr>` +
		`<wps:txbx><w:txbxContent>` + paras + `</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:spAutoFit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>` +
		`<wp14:sizeRelH relativeFrom="margin"><wp14:pctWidth>40000</wp14:pctWidth></wp14:sizeRelH></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
		`<v:shape id="Text Box 2" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:.3pt;margin-top:4.75pt;width:185.9pt;height:110.6pt;z-index:251659264;visibility:visible;mso-wrap-style:square" o:gfxdata="">` +
		`<v:textbox style="mso-fit-shape-to-text:t"><w:txbxContent>` + paras + `</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
}

func TestDocxTextBoxes(t *testing.T) {
	box := textBox(wp(wr("DỰ THẢO")) + wp(wr("Lần 2")))
	tests := []struct {
		name, body, want string
	}{
		{"box mid-paragraph keeps the paragraph whole",
			wp(wr("Giao Phòng Nội vụ "), box, wr("báo cáo trước ngày 10/6/2024.")),
			"Giao Phòng Nội vụ báo cáo trước ngày 10/6/2024.\nDỰ THẢO\nLần 2\n"},
		{"box anchored in an empty paragraph comes before it",
			wp(box) + wp(wr("Kính gửi: Phòng A.")),
			"DỰ THẢO\nLần 2\n\nKính gửi: Phòng A.\n"},
		{"box anchored at the start comes first",
			wp(box, wr("Thực hiện Kế hoạch số 12/KH-UBND.")),
			"DỰ THẢO\nLần 2\nThực hiện Kế hoạch số 12/KH-UBND.\n"},
		{"VML only (Word 2007, LibreOffice)",
			wp(wr("A "), `<w:r><w:pict><v:shape id="_x0000_s1026" type="#_x0000_t202"><v:textbox><w:txbxContent>`+wp(wr("trong hộp"))+`</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`, wr("B")),
			"A B\ntrong hộp\n"},
	}
	for _, tt := range tests {
		if got := readWord(t, tt.body, "", ""); got != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestDocxCharacterElements(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"non-breaking hyphen in a symbol",
			wp(wr("Số: 12/UBND"), `<w:r><w:noBreakHyphen/></w:r>`, wr("VP")),
			"Số: 12/UBND-VP\n"},
		{"soft hyphen shows nothing",
			wp(wr("thực"), `<w:r><w:softHyphen/></w:r>`, wr("hiện")),
			"thựchiện\n"},
		{"Symbol font minus and bullet",
			wp(`<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>`, wr(" Phòng A;")) + wp(`<w:r><w:sym w:font="Symbol" w:char="F02D"/><w:t xml:space="preserve"> Phòng B;</w:t></w:r>`),
			"• Phòng A;\n- Phòng B;\n"},
		{"Wingdings arrow is a bullet; a Unicode sym is itself",
			wp(`<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:sym w:font="Wingdings" w:char="F0D8"/></w:r>`, wr(" Nội dung")) + wp(wr("tăng"), `<w:r><w:sym w:font="Times New Roman" w:char="2265"/></w:r>`, wr("5%")),
			"• Nội dung\ntăng≥5%\n"},
		{"positional tab, tab character, tab stops are no text",
			`<w:p><w:pPr><w:tabs><w:tab w:val="center" w:pos="1985"/><w:tab w:val="center" w:pos="6804"/></w:tabs></w:pPr>` + wr("ỦY BAN NHÂN DÂN") + `<w:r><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/></w:r>` + wr("CỘNG HÒA") + `<w:r><w:tab/></w:r>` + wr("X") + `</w:p>`,
			"ỦY BAN NHÂN DÂN\tCỘNG HÒA\tX\n"},
		{"last rendered page break is nothing, a page break a new line",
			wp(wr("đạt "), `<w:r><w:lastRenderedPageBreak/><w:t>90%</w:t></w:r>`) + wp(`<w:r><w:br w:type="page"/></w:r>`) + wp(wr("PHỤ LỤC")),
			"đạt 90%\n\n\nPHỤ LỤC\n"},
		{"line break inside a paragraph",
			wp(wr("ỦY BAN NHÂN DÂN"), `<w:r><w:br/></w:r>`, wr("HUYỆN A")),
			"ỦY BAN NHÂN DÂN\nHUYỆN A\n"},
		{"caps formatting shows capitals, hidden text nothing",
			wp(`<w:r><w:rPr><w:caps/></w:rPr><w:t>Ủy ban nhân dân huyện</w:t></w:r>`, `<w:r><w:rPr><w:vanish/></w:rPr><w:t> ẩn</w:t></w:r>`, `<w:r><w:rPr><w:caps w:val="0"/></w:rPr><w:t xml:space="preserve"> đây</w:t></w:r>`),
			"ỦY BAN NHÂN DÂN HUYỆN đây\n"},
	}
	for _, tt := range tests {
		if got := readWord(t, tt.body, "", ""); got != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestDocxFields(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"simple field keeps its result",
			wp(wr("Hữu Lũng, ngày "), `<w:fldSimple w:instr=" DATE  \@ &quot;dd&quot;  \* MERGEFORMAT "><w:r><w:t>05</w:t></w:r></w:fldSimple>`, wr(" tháng 6 năm 2024")),
			"Hữu Lũng, ngày 05 tháng 6 năm 2024\n"},
		{"complex field: result kept, instruction dropped",
			wp(wr("Xem "), `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://vbpl.vn/" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>Kế hoạch số 12/KH-UBND</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`, wr(" ngày 02/6/2024.")),
			"Xem Kế hoạch số 12/KH-UBND ngày 02/6/2024.\n"},
		{"field with no result (TC, XE) is nothing",
			wp(wr("Mục 1"), `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> XE "mục" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`),
			"Mục 1\n"},
		{"nested field inside an instruction is part of it",
			wp(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> = 1 "Có" "Không" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Có</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`),
			"Có\n"},
		{"a table of contents spans paragraphs",
			`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink w:anchor="_Toc1" w:history="1"><w:r><w:t>I. MỤC ĐÍCH</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>` +
				`<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` + wp(wr("I. MỤC ĐÍCH")),
			"I. MỤC ĐÍCH\t1\n\nI. MỤC ĐÍCH\n"},
	}
	for _, tt := range tests {
		if got := readWord(t, tt.body, "", ""); got != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestDocxWrappers(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"hyperlink and smart tag",
			wp(wr("Theo "), `<w:hyperlink r:id="rId10" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>Công văn số 635-CV/HU</w:t></w:r></w:hyperlink>`, `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place"><w:r><w:t xml:space="preserve"> của Huyện ủy</w:t></w:r></w:smartTag>`),
			"Theo Công văn số 635-CV/HU của Huyện ủy\n"},
		{"block and run content controls",
			`<w:sdt><w:sdtPr><w:alias w:val="Nơi nhận"/><w:tag w:val="kg"/><w:id w:val="-1"/></w:sdtPr><w:sdtEndPr/><w:sdtContent>` + wp(wr("Kính gửi: "), `<w:sdt><w:sdtPr><w:id w:val="5"/><w:dropDownList><w:listItem w:displayText="Phòng Nội vụ" w:value="NV"/></w:dropDownList></w:sdtPr><w:sdtContent><w:r><w:t>Phòng Nội vụ</w:t></w:r></w:sdtContent></w:sdt>`, wr(".")) + `</w:sdtContent></w:sdt>`,
			"Kính gửi: Phòng Nội vụ.\n"},
		{"a content control showing its placeholder is empty",
			wp(wr("Số: "), `<w:sdt><w:sdtPr><w:id w:val="7"/><w:placeholder><w:docPart w:val="DefaultPlaceholder_1081868574"/></w:placeholder><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt>`, wr("/UBND-VP")),
			"Số: /UBND-VP\n"},
		{"tracked changes: insertions and moves in, deletions and moves out",
			wp(wr("Giao "), `<w:del w:id="1" w:author="VP" w:date="2024-06-01T08:00:00Z"><w:r><w:delText xml:space="preserve">Phòng Tư pháp </w:delText></w:r><w:r><w:tab/></w:r></w:del>`, `<w:ins w:id="2" w:author="VP" w:date="2024-06-01T08:00:00Z"><w:r><w:t xml:space="preserve">Phòng Nội vụ </w:t></w:r></w:ins>`, `<w:moveFrom w:id="3" w:author="VP" w:date="2024-06-01T08:00:00Z"><w:r><w:t>đạt 80%</w:t></w:r></w:moveFrom>`, wr("báo cáo "), `<w:moveTo w:id="4" w:author="VP" w:date="2024-06-01T08:00:00Z"><w:r><w:t>đạt 90%</w:t></w:r></w:moveTo>`, wr(".")),
			"Giao Phòng Nội vụ báo cáo đạt 90%.\n"},
		{"a deleted paragraph mark joins two paragraphs; old numbering in pPrChange is ignored",
			`<w:p><w:pPr><w:rPr><w:del w:id="9" w:author="VP" w:date="2024-06-01T08:00:00Z"/></w:rPr></w:pPr>` + wr("Giao Phòng A ") + `</w:p>` +
				`<w:p><w:pPr><w:pPrChange w:id="10" w:author="VP" w:date="2024-06-01T08:00:00Z"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>` + wr("báo cáo.") + `</w:p>`,
			"Giao Phòng A báo cáo.\n"},
		{"custom XML",
			`<w:customXml w:uri="urn:vn" w:element="noidung">` + wp(`<w:customXml w:element="donvi"><w:r><w:t>Phòng Y tế</w:t></w:r></w:customXml>`) + `</w:customXml>`,
			"Phòng Y tế\n"},
		{"a deleted table row is gone",
			`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="5000"/></w:tblGrid>` +
				`<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Giữ</w:t></w:r></w:p></w:tc></w:tr>` +
				`<w:tr><w:trPr><w:del w:id="11" w:author="VP" w:date="2024-06-01T08:00:00Z"/></w:trPr><w:tc><w:p><w:del w:id="12" w:author="VP" w:date="2024-06-01T08:00:00Z"><w:r><w:delText>2</w:delText></w:r></w:del></w:p></w:tc><w:tc><w:p><w:del w:id="13" w:author="VP" w:date="2024-06-01T08:00:00Z"><w:r><w:delText>Bỏ</w:delText></w:r></w:del></w:p></w:tc></w:tr></w:tbl>`,
			"| 1 | Giữ |\n"},
	}
	for _, tt := range tests {
		if got := readWord(t, tt.body, "", ""); got != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// numPr is a paragraph's own list membership.
func numPr(numID, ilvl int) string {
	return `<w:numPr><w:ilvl w:val="` + itoa(ilvl) + `"/><w:numId w:val="` + itoa(numID) + `"/></w:numPr>`
}

// lp is a paragraph with its paragraph properties.
func lp(pPr, text string) string {
	return `<w:p><w:pPr>` + pPr + `<w:jc w:val="both"/></w:pPr>` + wr(text) + `</w:p>`
}

// lvl is a numbering level as Word writes it.
func lvl(ilvl int, start, format, text, extra string) string {
	return `<w:lvl w:ilvl="` + itoa(ilvl) + `" w:tplc="042A000F"><w:start w:val="` + start + `"/><w:numFmt w:val="` + format + `"/>` + extra +
		`<w:lvlText w:val="` + text + `"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>`
}

const taskStyles = `<w:style w:type="paragraph" w:customStyle="1" w:styleId="Nhiemvu"><w:name w:val="Nhiem vu"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Nhiemvu2"><w:name w:val="Nhiem vu 2"/><w:basedOn w:val="Nhiemvu"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:numPr><w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:caps/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:caps w:val="0"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>`

var taskNumbering = `<w:abstractNum w:abstractNumId="0" w15:restartNumberingAfterBreak="0"><w:nsid w:val="1A2B3C4D"/><w:multiLevelType w:val="hybridMultilevel"/>` +
	lvl(0, "1", "decimal", "%1.", "") + lvl(1, "1", "decimal", "%1.%2.", "") + lvl(2, "1", "lowerLetter", "%3)", "") + `</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>` +
	lvl(0, "1", "bullet", "-", `<w:lvlRestart w:val="0"/>`) + lvl(1, "1", "bullet", "+", "") + lvl(2, "1", "bullet", "\uF0A7", "") + `</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="multilevel"/>` +
	lvl(0, "1", "upperRoman", "%1.", `<w:pStyle w:val="Heading1"/>`) + lvl(1, "1", "decimal", "%1.%2.", `<w:isLgl/><w:pStyle w:val="Heading2"/>`) + lvl(2, "1", "decimal", "%1.%2.%3", `<w:isLgl/>`) + `</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="singleLevel"/>` +
	lvl(0, "1", "upperLetter", "%1.", "") + lvl(1, "1", "lowerRoman", "%2)", "") + `</w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
	`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
	`<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>` +
	`<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>` +
	`<w:num w:numId="5"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
	`<w:num w:numId="6"><w:abstractNumId w:val="3"/></w:num>`

func TestDocxNumbering(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"multi-level texts, letters and a list continued across other paragraphs",
			lp(numPr(1, 0), "Giao Phòng A:") + lp(numPr(1, 1), "Báo cáo x.") + lp(numPr(1, 1), "Báo cáo y.") + lp(numPr(1, 2), "chi tiết;") + lp(numPr(1, 2), "chi tiết nữa.") +
				wp(wr("Đoạn văn chen giữa.")) + lp(numPr(1, 0), "Giao Phòng B.") + lp(numPr(1, 1), "Báo cáo z."),
			"1. Giao Phòng A:\n1.1. Báo cáo x.\n1.2. Báo cáo y.\na) chi tiết;\nb) chi tiết nữa.\nĐoạn văn chen giữa.\n2. Giao Phòng B.\n2.1. Báo cáo z.\n"},
		{"another w:num over the same list continues it; a startOverride restarts it",
			lp(numPr(1, 0), "Một.") + lp(numPr(3, 0), "Hai.") + lp(numPr(5, 0), "Lại một.") + lp(numPr(5, 0), "Lại hai."),
			"1. Một.\n2. Hai.\n1. Lại một.\n2. Lại hai.\n"},
		{"numbering from the paragraph style, through basedOn; numId 0 switches it off",
			lp(`<w:pStyle w:val="Nhiemvu"/>`, "Giao Phòng A.") + lp(`<w:pStyle w:val="Nhiemvu2"/>`, "Báo cáo x.") +
				lp(`<w:pStyle w:val="Nhiemvu"/><w:numPr><w:numId w:val="0"/></w:numPr>`, "Không đánh số.") + lp(`<w:pStyle w:val="Nhiemvu"/>`, "Giao Phòng B."),
			"1. Giao Phòng A.\n1.1. Báo cáo x.\nKhông đánh số.\n2. Giao Phòng B.\n"},
		{"heading styles on a legal multilevel list: level from w:pStyle in the list, isLgl",
			lp(`<w:pStyle w:val="Heading1"/>`, "Mục đích") + lp(`<w:pStyle w:val="Heading2"/>`, "Yêu cầu") + lp(`<w:pStyle w:val="Heading2"/>`, "Nội dung") +
				lp(`<w:pStyle w:val="Heading1"/>`, "Tổ chức thực hiện") + lp(`<w:pStyle w:val="Heading2"/>`, "Phân công") + lp(`<w:pStyle w:val="ListParagraph"/>`+numPr(4, 2), "Chi tiết"),
			"I. MỤC ĐÍCH\n1.1. Yêu cầu\n1.2. Nội dung\nII. TỔ CHỨC THỰC HIỆN\n2.1. Phân công\n2.1.1 Chi tiết\n"},
		{"bullets as typed: dash, plus, Wingdings square",
			lp(`<w:pStyle w:val="ListParagraph"/>`+numPr(2, 0), "Phòng A;") + lp(numPr(2, 1), "tổ 1;") + lp(numPr(2, 2), "nhóm;") + lp(numPr(2, 0), "Phòng B."),
			"- Phòng A;\n+ tổ 1;\n· nhóm;\n- Phòng B.\n"},
		{"upper letters and lower roman",
			lp(numPr(6, 0), "Kinh tế") + lp(numPr(6, 1), "nông nghiệp") + lp(numPr(6, 1), "công nghiệp") + lp(numPr(6, 1), "dịch vụ") + lp(numPr(6, 1), "du lịch") + lp(numPr(6, 0), "Xã hội"),
			"A. Kinh tế\ni) nông nghiệp\nii) công nghiệp\niii) dịch vụ\niv) du lịch\nB. Xã hội\n"},
	}
	for _, tt := range tests {
		if got := readWord(t, tt.body, taskStyles, taskNumbering); got != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestDocxFormatNum(t *testing.T) {
	for _, c := range []struct {
		v      int
		format string
		want   string
	}{
		{4, "upperRoman", "IV"}, {19, "upperRoman", "XIX"}, {49, "lowerRoman", "xlix"}, {27, "lowerLetter", "aa"}, {28, "upperLetter", "BB"},
		{5, "decimalZero", "05"}, {12, "decimalZero", "12"}, {1 << 30, "upperRoman", "1073741824"}, {1 << 30, "lowerLetter", "1073741824"}, {0, "upperRoman", "0"},
	} {
		if got := formatNum(c.v, c.format); got != c.want {
			t.Errorf("formatNum(%d, %q) = %q, want %q", c.v, c.format, got, c.want)
		}
	}
}

// tcell is a table cell with its properties and paragraphs.
func tcell(tcPr string, paras ...string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/>` + tcPr + `</w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

// center is a centred paragraph in a header cell.
func center(runs ...string) string {
	return `<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr>` + strings.Join(runs, "") + `</w:p>`
}

const borderless = `<w:tblPr><w:tblW w:w="9639" w:type="dxa"/><w:tblBorders><w:top w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:left w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:bottom w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:right w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:insideH w:val="none" w:sz="0" w:space="0" w:color="auto"/><w:insideV w:val="none" w:sz="0" w:space="0" w:color="auto"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="01E0" w:firstRow="1" w:lastRow="1" w:firstColumn="1" w:lastColumn="1" w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid><w:gridCol w:w="3686"/><w:gridCol w:w="5953"/></w:tblGrid>`

func TestDocxTables(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"Decree 30 header: two columns, several paragraphs per cell, a line break, a rule shape",
			`<w:tbl>` + borderless + `<w:tr>` +
				tcell("", center(wr("ỦY BAN NHÂN DÂN")), center(`<w:r><w:rPr><w:b/></w:rPr><w:t>HUYỆN HỮU LŨNG</w:t></w:r>`), center(`<w:r><w:pict><v:line id="_x0000_s1027" from="36pt,2.1pt" to="108pt,2.1pt"/></w:pict></w:r>`)) +
				tcell("", center(`<w:r><w:rPr><w:b/></w:rPr><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r>`, `<w:r><w:br/></w:r>`, wr("Độc lập - Tự do - Hạnh phúc"))) + `</w:tr>` +
				`<w:tr>` + tcell("", center(wr("Số: 125/UBND"), `<w:r><w:noBreakHyphen/></w:r>`, wr("VP"))) + tcell("", center(`<w:r><w:rPr><w:i/></w:rPr><w:t>Hữu Lũng, ngày 05 tháng 6 năm 2024</w:t></w:r>`)) + `</w:tr></w:tbl>`,
			"ỦY BAN NHÂN DÂN\nHUYỆN HỮU LŨNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n| Số: 125/UBND-VP | Hữu Lũng, ngày 05 tháng 6 năm 2024 |\n"},
		{"vertically merged cells repeat their text in each row; a spanning row is a heading",
			`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="700"/><w:gridCol w:w="5000"/><w:gridCol w:w="2500"/></w:tblGrid>` +
				`<w:tr><w:trPr><w:tblHeader/></w:trPr>` + tcell("", center(wr("TT"))) + tcell("", center(wr("Nội dung"))) + tcell("", center(wr("Đơn vị chủ trì"))) + `</w:tr>` +
				`<w:tr>` + tcell(`<w:gridSpan w:val="3"/>`, wp(wr("I. LĨNH VỰC KINH TẾ"))) + `</w:tr>` +
				`<w:tr>` + tcell("", center(wr("1"))) + tcell("", wp(wr("Thu ngân sách đạt 100% dự toán"))) + tcell(`<w:vMerge w:val="restart"/>`, wp(wr("Phòng Tài chính - Kế hoạch"))) + `</w:tr>` +
				`<w:tr>` + tcell("", center(wr("2"))) + tcell("", wp(wr("Giải ngân vốn đạt 95% kế hoạch"))) + tcell(`<w:vMerge/>`, `<w:p/>`) + `</w:tr></w:tbl>`,
			"| TT | Nội dung | Đơn vị chủ trì |\nI. LĨNH VỰC KINH TẾ\n\n| 1 | Thu ngân sách đạt 100% dự toán | Phòng Tài chính - Kế hoạch |\n| 2 | Giải ngân vốn đạt 95% kế hoạch | Phòng Tài chính - Kế hoạch |\n"},
		{"a nested table comes out inside its cell",
			`<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr>` +
				tcell("", wp(wr("Ngoài")), `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>`+tcell("", wp(wr("a")))+tcell("", wp(wr("b")))+`</w:tr></w:tbl>`, `<w:p/>`) +
				tcell("", wp(wr("Bên phải"))) + `</w:tr></w:tbl>`,
			"Ngoài\n| a | b |\n\nBên phải\n\n"},
	}
	for _, tt := range tests {
		if got := readWord(t, tt.body, "", ""); got != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestDocxHeadersFootersStayOut checks that the header, footer and footnote
// parts do not reach the text, and that a footnote mark leaves no digit in
// a figure ("đạt 90%¹" must not read "90%1").
func TestDocxHeadersFootersStayOut(t *testing.T) {
	got := readWord(t, wp(wr("Tỷ lệ đạt 90%"), `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>`, wr(" trở lên.")), "", "")
	if want := "Tỷ lệ đạt 90% trở lên.\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDocxPartNames checks a package whose main part is not
// word/document.xml (some generators) and whose names differ in case.
func TestDocxPartNames(t *testing.T) {
	data := makeZip(t, map[string]string{
		"_rels/.rels":                   `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`,
		"word/document2.xml":            wordDocument(lp(numPr(1, 0), "Giao Phòng A.")),
		"word/_rels/document2.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="Numbering.XML"/></Relationships>`,
		"word/numbering.xml":            `<w:numbering ` + wNS + `>` + taskNumbering + `</w:numbering>`,
	})
	text, err := ReadDOCX(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if want := "1. Giao Phòng A.\n"; text != want {
		t.Errorf("got %q, want %q", text, want)
	}
}

// TestDocxRealisticDirective builds a small công văn the way offices make
// it in Word, with most of the above at once, and checks that Parse reads
// its header, tasks, targets, deadline, signer and distribution.
func TestDocxRealisticDirective(t *testing.T) {
	header := `<w:tbl>` + borderless + `<w:tr>` +
		tcell("", center(wr("ỦY BAN NHÂN DÂN")), center(`<w:r><w:rPr><w:b/><w:caps/></w:rPr><w:t>Huyện Hữu Lũng</w:t></w:r>`), center(textBoxLine())) +
		tcell("", center(`<w:r><w:rPr><w:b/></w:rPr><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r>`), center(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Độc lập </w:t></w:r>`, `<w:r><w:noBreakHyphen/></w:r>`, wr(" Tự do - Hạnh phúc"))) + `</w:tr>` +
		`<w:tr>` + tcell("", center(wr("Số: 125/UBND"), `<w:r><w:noBreakHyphen/></w:r>`, wr("VP")), center(wr("V/v báo cáo kết quả thực hiện")), center(wr("nhiệm vụ 6 tháng đầu năm 2024"))) +
		tcell("", center(`<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Hữu Lũng, ngày </w:t></w:r>`, `<w:fldSimple w:instr=" DATE \@ &quot;dd&quot; "><w:r><w:rPr><w:i/></w:rPr><w:t>05</w:t></w:r></w:fldSimple>`, `<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> tháng 6 năm 2024</w:t></w:r>`)) + `</w:tr></w:tbl>`
	recipients := wp(wr("")) + `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2268"/></w:tabs><w:ind w:firstLine="0"/></w:pPr>` + wr("Kính gửi:") + `</w:p>` +
		lp(`<w:pStyle w:val="ListParagraph"/>`+numPr(2, 0)+`<w:ind w:left="2268"/>`, "Phòng Nội vụ;") +
		lp(`<w:pStyle w:val="ListParagraph"/>`+numPr(2, 0)+`<w:ind w:left="2268"/>`, "Phòng Tài chính - Kế hoạch;") +
		lp(`<w:pStyle w:val="ListParagraph"/>`+numPr(2, 0)+`<w:ind w:left="2268"/>`, "Trung tâm Y tế huyện.")
	body := wp(wr("Thực hiện "), `<w:hyperlink r:id="rId10" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>Kế hoạch số 12/KH-UBND</w:t></w:r></w:hyperlink>`, wr(" ngày 10/01/2024 của UBND tỉnh Lạng Sơn, UBND huyện yêu cầu các cơ quan, đơn vị báo cáo cụ thể như sau:")) +
		lp(`<w:pStyle w:val="Nhiemvu"/>`, "Giao Phòng Nội vụ báo cáo tỷ lệ hồ sơ giải quyết đúng hạn đạt 98% trở lên.") +
		`<w:p><w:pPr><w:pStyle w:val="Nhiemvu"/></w:pPr>` + wr("Giao ") + `<w:del w:id="1" w:author="VP" w:date="2024-06-01T08:00:00Z"><w:r><w:delText xml:space="preserve">Phòng Y tế </w:delText></w:r></w:del><w:ins w:id="2" w:author="VP" w:date="2024-06-01T08:00:00Z"><w:r><w:t xml:space="preserve">Trung tâm Y tế huyện </w:t></w:r></w:ins>` + wr("báo cáo tỷ lệ tiêm chủng đạt 95%") + `<w:r><w:footnoteReference w:id="1"/></w:r>` + wr(" trở lên.") + `</w:p>` +
		lp(`<w:pStyle w:val="Nhiemvu"/>`, "Giao Phòng Tài chính - Kế hoạch:") +
		lp(`<w:pStyle w:val="Nhiemvu2"/>`, "Báo cáo thu ngân sách tăng 10% trở lên so với dự toán.") +
		lp(`<w:pStyle w:val="Nhiemvu2"/>`, "Báo cáo giải ngân vốn đầu tư công đạt 95% kế hoạch.") +
		wp(wr("Các cơ quan, đơn vị gửi báo cáo về UBND huyện (qua Văn phòng) "), `<w:r><w:rPr><w:b/></w:rPr><w:t>trước ngày 15/6/2024</w:t></w:r>`, wr(" để tổng hợp./."))
	signature := `<w:tbl>` + borderless + `<w:tr>` +
		tcell("", `<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>Nơi nhận:</w:t></w:r></w:p>`,
			`<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:rPr><w:sz w:val="22"/></w:rPr><w:t>- Như trên;</w:t></w:r></w:p>`,
			`<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:rPr><w:sz w:val="22"/></w:rPr><w:t>- CT, các PCT UBND huyện;</w:t></w:r></w:p>`,
			`<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:rPr><w:sz w:val="22"/></w:rPr><w:t>- Lưu: VT.</w:t></w:r></w:p>`) +
		tcell("", center(`<w:r><w:rPr><w:b/></w:rPr><w:t>TM. ỦY BAN NHÂN DÂN</w:t></w:r>`), center(`<w:r><w:rPr><w:b/></w:rPr><w:t>KT. CHỦ TỊCH</w:t></w:r>`), center(`<w:r><w:rPr><w:b/></w:rPr><w:t>PHÓ CHỦ TỊCH</w:t></w:r>`), center(""), center(""), center(`<w:r><w:rPr><w:b/></w:rPr><w:t>Nguyễn Văn An</w:t></w:r>`)) +
		`</w:tr></w:tbl>`
	text := readWord(t, header+recipients+body+signature, taskStyles, taskNumbering)
	for _, want := range []string{"HUYỆN HỮU LŨNG\n", "Số: 125/UBND-VP\n", "Hữu Lũng, ngày 05 tháng 6 năm 2024", "- Phòng Nội vụ;\n", "1. Giao Phòng Nội vụ", "2. Giao Trung tâm Y tế huyện báo cáo tỷ lệ tiêm chủng đạt 95% trở lên.\n", "3.1. Báo cáo thu ngân sách", "3.2. Báo cáo giải ngân"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"Phòng Y tế", "TIÊU ĐỀ TRANG", "Chú thích", "DATE", "\t"} {
		if strings.Contains(text, bad) {
			t.Errorf("text has %q:\n%s", bad, text)
		}
	}
	r := Parse(text, nil)
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q\n%s", what, got, want, text)
		}
	}
	check("issuer", r.Issuer, "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG")
	check("number", r.Number, "125")
	check("symbol", r.Symbol, "UBND-VP")
	check("date", r.Date, "2024-06-05")
	check("subject", r.Subject, "báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024")
	var names []string
	for _, rc := range r.Recipients {
		names = append(names, rc.Name)
	}
	check("recipients", strings.Join(names, "; "), "Phòng Nội vụ; Phòng Tài chính - Kế hoạch; Trung tâm Y tế huyện")
	if r.Deadline == nil {
		t.Errorf("no deadline\n%s", text)
	} else {
		check("deadline", r.Deadline.Date, "2024-06-15")
	}
	var labels []string
	for _, task := range r.Tasks {
		labels = append(labels, task.Label)
	}
	check("task labels", strings.Join(labels, " "), "1 2 3.1 3.2")
	if len(r.Tasks) == 4 {
		for i, want := range []struct {
			lead string
			cmp  tiendo.Comparator
			v    float64
		}{{"Phòng Nội vụ", tiendo.AtLeast, 98}, {"Trung tâm Y tế huyện", tiendo.AtLeast, 95}, {"Phòng Tài chính - Kế hoạch", "", 10}, {"Phòng Tài chính - Kế hoạch", "", 95}} {
			task := r.Tasks[i]
			var leads []string
			for _, a := range task.Assignees {
				if a.Role == tiendo.Lead {
					leads = append(leads, a.Name)
				}
			}
			check("task "+task.Label+" lead", strings.Join(leads, ", "), want.lead)
			if len(task.Targets) != 1 || task.Targets[0].Value != want.v || want.cmp != "" && task.Targets[0].Comparator != want.cmp {
				t.Errorf("task %s targets %+v, want one of %v %v", task.Label, task.Targets, want.cmp, want.v)
			}
		}
	}
	check("signer", r.Signer.Name, "Nguyễn Văn An")
	check("signer title", r.Signer.Title, "PHÓ CHỦ TỊCH")
	check("distribution", strings.Join(r.Distribution, "; "), "Như trên; CT, các PCT UBND huyện; Lưu: VT")
}

// textBoxLine is the short rule under the issuer's name, drawn as a line
// shape: it holds no text and must leave none.
func textBoxLine() string {
	return `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251660288" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>640080</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>27305</wp:posOffset></wp:positionV><wp:extent cx="914400" cy="0"/><wp:effectExtent l="0" t="0" r="19050" b="19050"/><wp:wrapNone/><wp:docPr id="3" name="Straight Connector 3"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:line id="Straight Connector 3" o:spid="_x0000_s1028" style="position:absolute;z-index:251660288" from="50.4pt,2.15pt" to="122.4pt,2.15pt" strokeweight=".5pt"/></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
}

// TestDocxAmplification checks that what the reader copies (a merged
// cell's text into every row it spans) counts against MaxDOCXText, and
// that thousands of unclosed fields (a broken file) neither slow it down
// nor hide the rest of the document.
func TestDocxAmplification(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>` + tcell("", wp(wr("1"))) + tcell(`<w:vMerge w:val="restart"/>`, wp(wr(big))) + `</w:tr>`)
	for range 80 {
		b.WriteString(`<w:tr>` + tcell("", wp(wr("2"))) + tcell(`<w:vMerge/>`, `<w:p/>`) + `</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	data := wordPackage(t, b.String(), "", "")
	if _, err := ReadDOCX(bytes.NewReader(data), int64(len(data))); tiendo.ErrorCode(err) != tiendo.ETOOLARGE {
		t.Errorf("80 MB of merged-cell copies: error %v, want code %s", err, tiendo.ETOOLARGE)
	}

	fields := strings.Repeat(`<w:r><w:fldChar w:fldCharType="begin"/></w:r>`, 50000) + strings.Repeat(wr("a"), 50000)
	text := readWord(t, wp(fields)+wp(wr("sau")), "", "")
	if text != "\nsau\n" {
		t.Errorf("unclosed field instructions: %.40q, want the paragraph after them", text)
	}
}

// FuzzReadDOCX checks that no document, styles or numbering part makes
// ReadDOCX panic, hang or return more text than it bounds (FuzzParse
// covers what Parse does with the text).
func FuzzReadDOCX(f *testing.F) {
	// Small seeds: the fuzzer minimizes each new input for up to a minute,
	// and a large one would take the whole run.
	const d = `<w:document xmlns:w="w" xmlns:mc="mc"><w:body>`
	const num = `<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:pStyle w:val="H"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/><w:isLgl/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>`
	const sty = `<w:styles><w:style w:styleId="H" w:type="paragraph" w:default="1"><w:basedOn w:val="H"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:caps/></w:rPr></w:style></w:styles>`
	f.Add(d+`<w:p><w:r><w:t>a</w:t><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>b</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p/></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p></w:body></w:document>`, sty, num)
	f.Add(d+`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:rPr><w:del/></w:rPr></w:pPr><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>X</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/><w:sym w:font="Symbol" w:char="F0B7"/><w:noBreakHyphen/><w:tab/><w:br/></w:r></w:p></w:body></w:document>`, sty, num)
	f.Add(d+`<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:body></w:document>`, "", "")
	f.Add(d+`<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>x</w:t></w:r></w:p></w:sdtContent></w:sdt><w:p><w:del><w:r><w:delText>y</w:delText></w:r></w:del><w:ins><w:r><w:t>z</w:t></w:r></w:ins></w:p></w:body></w:document>`, "", "")
	f.Add(`<w:document><w:body><w:p><w:r><w:t>a</w:t></w:r></w:p></w:body></w:document>`,
		`<w:styles><w:style w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:styleId="B"><w:basedOn w:val="A"/></w:style></w:styles>`,
		`<w:numbering><w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="L"/></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:styleLink w:val="L"/><w:numStyleLink w:val="L"/><w:lvl w:ilvl="0"><w:start w:val="2147483647"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1%9%"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`)
	f.Fuzz(func(t *testing.T, doc, styles, numbering string) {
		files := map[string]string{"word/document.xml": doc}
		if styles != "" {
			files["word/styles.xml"] = styles
		}
		if numbering != "" {
			files["word/numbering.xml"] = numbering
		}
		// Stored, not deflated: the run goes to ReadDOCX, not to flate.
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range []string{"word/document.xml", "word/styles.xml", "word/numbering.xml"} {
			if body, ok := files[name]; ok {
				w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
				if err != nil {
					t.Fatal(err)
				}
				w.Write([]byte(body))
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		text, err := ReadDOCX(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if code := tiendo.ErrorCode(err); code != tiendo.EINVALID && code != tiendo.ETOOLARGE {
				t.Fatalf("error %v has code %q", err, code)
			}
			return
		}
		if len(text) > MaxDOCXText+1 {
			t.Fatalf("text of %d bytes", len(text))
		}
	})
}

// TestDocxTaskTable parses a directive whose header is a two-row
// borderless table and whose tasks are a table with the lead unit's cell
// merged down two rows: both tasks get the unit.
func TestDocxTaskTable(t *testing.T) {
	header := `<w:tbl>` + borderless + `<w:tr>` +
		tcell("", center(wr("ỦY BAN NHÂN DÂN")), center(wr("HUYỆN HỮU LŨNG"))) +
		tcell("", center(wr("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")), center(wr("Độc lập - Tự do - Hạnh phúc"))) + `</w:tr>` +
		`<w:tr>` + tcell("", center(wr("Số: 125/UBND"), `<w:r><w:noBreakHyphen/></w:r>`, wr("VP"))) + tcell("", center(wr("Hữu Lũng, ngày 05 tháng 6 năm 2024"))) + `</w:tr></w:tbl>`
	tasks := `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid><w:gridCol w:w="700"/><w:gridCol w:w="5000"/><w:gridCol w:w="2500"/></w:tblGrid>` +
		`<w:tr>` + tcell("", center(wr("TT"))) + tcell("", center(wr("Nội dung"))) + tcell("", center(wr("Đơn vị chủ trì"))) + `</w:tr>` +
		`<w:tr>` + tcell("", center(wr("1"))) + tcell("", wp(wr("Thu ngân sách đạt 100% dự toán"))) + tcell(`<w:vMerge w:val="restart"/>`, wp(wr("Phòng Tài chính - Kế hoạch"))) + `</w:tr>` +
		`<w:tr>` + tcell("", center(wr("2"))) + tcell("", wp(wr("Giải ngân vốn đạt 95% kế hoạch"))) + tcell(`<w:vMerge/>`, `<w:p/>`) + `</w:tr></w:tbl>`
	text := readWord(t, header+wp(wr("Kính gửi: Phòng Tài chính - Kế hoạch."))+wp(wr("UBND huyện giao nhiệm vụ như sau:"))+tasks, "", "")
	r := Parse(text, nil)
	if r.Issuer != "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG" || r.Number != "125" || r.Symbol != "UBND-VP" || r.Date != "2024-06-05" {
		t.Errorf("header: issuer %q, number %q, symbol %q, date %q\n%s", r.Issuer, r.Number, r.Symbol, r.Date, text)
	}
	if len(r.Tasks) != 2 {
		t.Fatalf("tasks = %+v, want 2\n%s", r.Tasks, text)
	}
	for i, want := range []float64{100, 95} {
		task := r.Tasks[i]
		if len(task.Assignees) != 1 || task.Assignees[0].Name != "Phòng Tài chính - Kế hoạch" || task.Assignees[0].Role != tiendo.Lead {
			t.Errorf("task %s assignees %+v, want Phòng Tài chính - Kế hoạch leading", task.Label, task.Assignees)
		}
		if len(task.Targets) != 1 || task.Targets[0].Value != want {
			t.Errorf("task %s targets %+v, want %v%%", task.Label, task.Targets, want)
		}
	}
}
