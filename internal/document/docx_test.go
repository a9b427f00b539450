package document

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiendo"
)

// The parts of word/document.xml the tests read. encoding/xml matches
// elements and attributes by local name, so the w: prefix needs no mention.
type wDocument struct {
	Body struct {
		Paras  []wP    `xml:"p"`
		Tables []wTbl  `xml:"tbl"`
		SectPr wSectPr `xml:"sectPr"`
	} `xml:"body"`
}

type wSectPr struct {
	HeaderRefs []struct {
		Type string `xml:"type,attr"`
		ID   string `xml:"id,attr"`
	} `xml:"headerReference"`
	PgSz struct {
		W      int    `xml:"w,attr"`
		H      int    `xml:"h,attr"`
		Orient string `xml:"orient,attr"`
	} `xml:"pgSz"`
	PgMar struct {
		Top    int `xml:"top,attr"`
		Bottom int `xml:"bottom,attr"`
		Left   int `xml:"left,attr"`
		Right  int `xml:"right,attr"`
	} `xml:"pgMar"`
	TitlePg *struct{} `xml:"titlePg"`
}

type wBorder struct {
	Val string `xml:"val,attr"`
}

type wTbl struct {
	Pr struct {
		Borders struct {
			Top     wBorder `xml:"top"`
			Left    wBorder `xml:"left"`
			Bottom  wBorder `xml:"bottom"`
			Right   wBorder `xml:"right"`
			InsideH wBorder `xml:"insideH"`
			InsideV wBorder `xml:"insideV"`
		} `xml:"tblBorders"`
	} `xml:"tblPr"`
	Grid []struct {
		W int `xml:"w,attr"`
	} `xml:"tblGrid>gridCol"`
	Rows []struct {
		Pr struct {
			CantSplit *struct{} `xml:"cantSplit"`
		} `xml:"trPr"`
		Cells []struct {
			Paras []wP `xml:"p"`
		} `xml:"tc"`
	} `xml:"tr"`
}

type wP struct {
	Pr struct {
		Jc struct {
			Val string `xml:"val,attr"`
		} `xml:"jc"`
		Ind struct {
			FirstLine string `xml:"firstLine,attr"`
		} `xml:"ind"`
		Spacing struct {
			Before string `xml:"before,attr"`
			After  string `xml:"after,attr"`
			Line   string `xml:"line,attr"`
		} `xml:"spacing"`
		KeepNext     *struct{} `xml:"keepNext"`
		KeepLines    *struct{} `xml:"keepLines"`
		WidowControl *struct{} `xml:"widowControl"`
	} `xml:"pPr"`
	Runs []struct {
		Pr struct {
			B  *struct{} `xml:"b"`
			I  *struct{} `xml:"i"`
			Sz struct {
				Val int `xml:"val,attr"`
			} `xml:"sz"`
		} `xml:"rPr"`
		T  string     `xml:"t"`
		Br []struct{} `xml:"br"`
	} `xml:"r"`
}

// text is the paragraph's text, a line break within it read as a space.
func (p wP) text() string {
	var b strings.Builder
	for _, r := range p.Runs {
		b.WriteString(r.T)
		for range r.Br {
			b.WriteString(" ")
		}
	}
	return b.String()
}

// lines are the paragraph's lines as its line breaks set them.
func (p wP) lines() []string {
	var out []string
	var b strings.Builder
	for _, r := range p.Runs {
		b.WriteString(r.T)
		for range r.Br {
			out = append(out, b.String())
			b.Reset()
		}
	}
	return append(out, b.String())
}

func (t wTbl) cellText(row, col int) string {
	if row >= len(t.Rows) || col >= len(t.Rows[row].Cells) {
		return ""
	}
	var lines []string
	for _, p := range t.Rows[row].Cells[col].Paras {
		if s := p.text(); s != "" {
			lines = append(lines, s)
		}
	}
	return strings.Join(lines, "\n")
}

// findPara returns the first paragraph, in the body or in a table cell,
// whose text is want.
func (d *wDocument) findPara(want string) (wP, bool) {
	for _, p := range d.allParas() {
		if p.text() == want {
			return p, true
		}
	}
	return wP{}, false
}

func (d *wDocument) allParas() []wP {
	ps := append([]wP(nil), d.Body.Paras...)
	for _, t := range d.Body.Tables {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				ps = append(ps, c.Paras...)
			}
		}
	}
	return ps
}

// docxParts writes d and returns the package's parts by name.
func docxParts(t *testing.T, d *Document) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d); err != nil {
		t.Fatalf("WriteDOCX: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("the DOCX is not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
	}
	for name, body := range parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if err := checkWellFormed(body); err != nil {
				t.Errorf("%s is not well-formed XML: %v", name, err)
			}
		}
	}
	return parts
}

func checkWellFormed(s string) error {
	dec := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func parseDocument(t *testing.T, parts map[string]string) *wDocument {
	t.Helper()
	var d wDocument
	if err := xml.Unmarshal([]byte(parts["word/document.xml"]), &d); err != nil {
		t.Fatalf("word/document.xml: %v", err)
	}
	return &d
}

func twipsToMM(tw int) float64 { return float64(tw) * 25.4 / 1440 }

func TestDOCXPage(t *testing.T) {
	parts := docxParts(t, seedReport(true))
	doc := parseDocument(t, parts)
	s := doc.Body.SectPr

	// A4 is 210 x 297 mm: 11906 x 16838 twips (Word's own values).
	if s.PgSz.W != 11906 || s.PgSz.H != 16838 {
		t.Errorf("page size = %d x %d twips, want 11906 x 16838 (A4)", s.PgSz.W, s.PgSz.H)
	}
	if s.PgSz.Orient == "landscape" {
		t.Errorf("orientation = landscape, want portrait")
	}
	for _, m := range []struct {
		name     string
		twips    int
		min, max float64
	}{
		{"top", s.PgMar.Top, 20, 25},
		{"bottom", s.PgMar.Bottom, 20, 25},
		{"left", s.PgMar.Left, 30, 35},
		{"right", s.PgMar.Right, 15, 20},
	} {
		if mm := twipsToMM(m.twips); mm < m.min || mm > m.max {
			t.Errorf("%s margin = %d twips (%.2f mm), want %g-%g mm", m.name, m.twips, mm, m.min, m.max)
		}
	}

	styles := parts["word/styles.xml"]
	docDefaults := styles[strings.Index(styles, "<w:docDefaults"):strings.Index(styles, "</w:docDefaults>")]
	for _, attr := range []string{`w:ascii="Times New Roman"`, `w:hAnsi="Times New Roman"`} {
		if !strings.Contains(docDefaults, attr) {
			t.Errorf("styles.xml docDefaults lacks %s: %s", attr, docDefaults)
		}
	}
	if strings.Contains(docDefaults, "Theme") {
		t.Errorf("docDefaults still refers to theme fonts, which override the named font: %s", docDefaults)
	}
	if core := parts["docProps/core.xml"]; !strings.Contains(core, "<dc:title>Báo cáo Tiến độ thực hiện") || strings.Contains(core, "godocx") {
		t.Errorf("docProps/core.xml has not the document's metadata: %s", core)
	}
	if _, ok := parts["docProps/thumbnail.jpeg"]; ok {
		t.Errorf("the template's thumbnail is still in the package")
	}
}

func TestDOCXPageNumbers(t *testing.T) {
	parts := docxParts(t, seedReport(true))
	doc := parseDocument(t, parts)
	s := doc.Body.SectPr
	if s.TitlePg == nil {
		t.Fatalf("sectPr has no titlePg: page 1 would carry the page number")
	}
	rels := parts["word/_rels/document.xml.rels"]
	target := func(id string) string {
		i := strings.Index(rels, `Id="`+id+`"`)
		if i < 0 {
			t.Fatalf("no relationship %s in document.xml.rels", id)
		}
		rest := rels[i:]
		j := strings.Index(rest, `Target="`) + len(`Target="`)
		return "word/" + rest[j:j+strings.Index(rest[j:], `"`)]
	}
	got := map[string]string{}
	for _, h := range s.HeaderRefs {
		got[h.Type] = parts[target(h.ID)]
	}
	if def, ok := got["default"]; !ok || !strings.Contains(def, "PAGE") || !strings.Contains(def, `w:val="center"`) {
		t.Errorf("default header = %q, want a centred PAGE field", def)
	}
	if !strings.Contains(got["default"], `<w:sz w:val="28"/>`) {
		t.Errorf("page number is not 14 pt: %s", got["default"])
	}
	first, ok := got["first"]
	if !ok {
		t.Fatalf("no first-page header reference: %+v", s.HeaderRefs)
	}
	if strings.Contains(first, "PAGE") {
		t.Errorf("the first-page header has a page number: %s", first)
	}
	ct := parts["[Content_Types].xml"]
	if n := strings.Count(ct, "wordprocessingml.header+xml"); n != 2 {
		t.Errorf("[Content_Types].xml declares %d header parts, want 2", n)
	}
}

func TestDOCXHeaderTable(t *testing.T) {
	tests := []struct {
		name            string
		doc             *Document
		left, right     []string // the texts of the two rows, column by column
		wantNoDateDigit bool
	}{
		{
			name:  "issued report",
			doc:   seedReport(true),
			left:  []string{"ỦY BAN NHÂN DÂN\nHUYỆN HỮU LŨNG", "Số: 01/BC-UBND"},
			right: []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "Hữu Lũng, ngày 05 tháng 6 năm 2022"},
		},
		{
			name:            "draft report",
			doc:             seedReport(false),
			left:            []string{"ỦY BAN NHÂN DÂN\nHUYỆN HỮU LŨNG", "Số:       /BC-UBND"},
			right:           []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "Hữu Lũng, " + draftDate},
			wantNoDateDigit: true,
		},
		{
			name: "letter with parent body",
			doc: func() *Document {
				d := seedLetter()
				d.ParentIssuer = "UBND tỉnh Lạng Sơn"
				return d
			}(),
			left:  []string{"UBND TỈNH LẠNG SƠN\nUỶ BAN NHÂN DÂN\nHUYỆN HỮU LŨNG", "Số:       /UBND-VP\nV/v báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022"},
			right: []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "Hữu Lũng, " + draftDate},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseDocument(t, docxParts(t, tt.doc))
			if len(doc.Body.Tables) < 2 {
				t.Fatalf("%d tables, want the header, the closing and the body's", len(doc.Body.Tables))
			}
			h := doc.Body.Tables[0]
			if len(h.Grid) != 2 {
				t.Fatalf("header table has %d columns, want 2", len(h.Grid))
			}
			for _, b := range []wBorder{h.Pr.Borders.Top, h.Pr.Borders.Left, h.Pr.Borders.Bottom, h.Pr.Borders.Right, h.Pr.Borders.InsideH, h.Pr.Borders.InsideV} {
				if b.Val != "none" && b.Val != "nil" {
					t.Errorf("header table border = %q, want none", b.Val)
				}
			}
			for row := range 2 {
				if got := h.cellText(row, 0); got != tt.left[row] {
					t.Errorf("row %d left = %q, want %q", row+1, got, tt.left[row])
				}
				if got := h.cellText(row, 1); got != tt.right[row] {
					t.Errorf("row %d right = %q, want %q", row+1, got, tt.right[row])
				}
			}
			if date := h.cellText(1, 1); tt.wantNoDateDigit && (!strings.Contains(date, "ngày      tháng      năm") || strings.Contains(date, "2022")) {
				t.Errorf("a draft's date line has a date: %q", h.cellText(1, 1))
			}
		})
	}
}

func TestDOCXSizesAndStyles(t *testing.T) {
	doc := parseDocument(t, docxParts(t, seedReport(true)))
	tests := []struct {
		text            string
		size            int // half-points
		bold, italic    bool
		jc              string
		alsoFirstIndent bool
	}{
		{text: "ỦY BAN NHÂN DÂN", size: 26, bold: true, jc: "center"},
		{text: "Số: 01/BC-UBND", size: 26, jc: "center"},
		{text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size: 24, bold: true, jc: "center"},
		{text: "Độc lập - Tự do - Hạnh phúc", size: 26, bold: true, jc: "center"},
		{text: "Hữu Lũng, ngày 05 tháng 6 năm 2022", size: 28, italic: true, jc: "center"},
		{text: "BÁO CÁO", size: 28, bold: true, jc: "center"},
		{text: "Tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022", size: 28, bold: true, jc: "center"},
		{text: "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM", size: 28, bold: true, jc: "both", alsoFirstIndent: true},
		{text: "Nơi nhận:", size: 24, bold: true, italic: true, jc: "left"},
		{text: "- TT Huyện ủy (b/c);", size: 22, jc: "left"},
		{text: "- Lưu: VT, VP.", size: 22, jc: "left"},
		{text: "TM. ỦY BAN NHÂN DÂN", size: 28, bold: true, jc: "center"},
		{text: "CHỦ TỊCH", size: 28, bold: true, jc: "center"},
		{text: "Nguyễn Văn An", size: 28, bold: true, jc: "center"},
	}
	for _, tt := range tests {
		p, ok := doc.findPara(tt.text)
		if !ok {
			t.Errorf("no paragraph %q", tt.text)
			continue
		}
		r := p.Runs[0]
		if r.Pr.Sz.Val != tt.size || (r.Pr.B != nil) != tt.bold || (r.Pr.I != nil) != tt.italic {
			t.Errorf("%q: size %d bold %v italic %v, want %d %v %v", tt.text, r.Pr.Sz.Val, r.Pr.B != nil, r.Pr.I != nil, tt.size, tt.bold, tt.italic)
		}
		if p.Pr.Jc.Val != tt.jc {
			t.Errorf("%q: alignment %q, want %q", tt.text, p.Pr.Jc.Val, tt.jc)
		}
		if tt.alsoFirstIndent && p.Pr.Ind.FirstLine == "" {
			t.Errorf("%q: no first-line indent", tt.text)
		}
	}

	// Body paragraphs: 14 pt, justified, indent 1-1.27 cm, >= 6 pt after,
	// line spacing single to 1.5.
	body, ok := doc.findPara("Trên đây là báo cáo tiến độ thực hiện các nhiệm vụ trọng tâm của Ban Thường vụ Huyện ủy 06 tháng đầu năm 2022 của Ủy ban nhân dân huyện Hữu Lũng./.")
	if !ok {
		t.Fatalf("the closing paragraph, with its end mark ./., is missing")
	}
	if got := body.Runs[0].Pr.Sz.Val; got != 28 {
		t.Errorf("body size = %d half-points, want 28", got)
	}
	if body.Pr.Jc.Val != "both" {
		t.Errorf("body alignment = %q, want both (justified)", body.Pr.Jc.Val)
	}
	ind, _ := strconv.Atoi(body.Pr.Ind.FirstLine)
	if mm := twipsToMM(ind); mm < 10 || mm > 12.75 {
		t.Errorf("first-line indent = %.2f mm, want 10-12.7", mm)
	}
	after, _ := strconv.Atoi(body.Pr.Spacing.After)
	if after < 120 {
		t.Errorf("space after = %d twips, want at least 120 (6 pt)", after)
	}
	line, _ := strconv.Atoi(body.Pr.Spacing.Line)
	if line < 240 || line > 360 {
		t.Errorf("line spacing = %d/240, want single to 1.5", line)
	}
}

func TestDOCXBodyComplete(t *testing.T) {
	d := seedReport(true)
	doc := parseDocument(t, docxParts(t, d))
	var paras []string
	for _, p := range doc.Body.Paras {
		paras = append(paras, p.text())
	}
	all := strings.Join(paras, "\n")
	headings := 0
	for _, b := range d.Body {
		if b.Kind != Heading1 && b.Kind != Heading2 {
			continue
		}
		headings++
		if !strings.Contains(all, b.Spans[0].Text) {
			t.Errorf("heading %q missing", b.Spans[0].Text)
		}
	}
	if headings != 5+13 {
		t.Errorf("the sample has %d headings, want 18 (5 parts, 13 tasks)", headings)
	}

	// The indicator table: bordered, every cell's text present.
	var ind *wTbl
	for i := range doc.Body.Tables {
		if doc.Body.Tables[i].cellText(0, 2) == "Chỉ tiêu" {
			ind = &doc.Body.Tables[i]
		}
	}
	if ind == nil {
		t.Fatalf("no indicator table")
	}
	if got := ind.Pr.Borders.InsideH.Val; got != "single" {
		t.Errorf("indicator table inner border = %q, want single", got)
	}
	var want Table
	for _, b := range d.Body {
		if b.Kind == TableBlock {
			want = *b.Table
		}
	}
	if got, w := len(ind.Rows), len(want.Rows)+1; got != w {
		t.Fatalf("indicator table has %d rows, want %d", got, w)
	}
	for i, r := range want.Rows {
		for j, c := range r {
			if got := ind.cellText(i+1, j); got != c.String() {
				t.Errorf("row %d col %d = %q, want %q", i+1, j+1, got, c.String())
			}
		}
	}
	// Spot checks of the Vietnamese number format.
	if got := ind.cellText(2, 4); got != "15,2" {
		t.Errorf("plan of row 2 = %q, want 15,2", got)
	}
}

func TestDOCXLetter(t *testing.T) {
	doc := parseDocument(t, docxParts(t, seedLetter()))
	if _, ok := doc.findPara("BÁO CÁO"); ok {
		t.Errorf("a công văn has the type line BÁO CÁO")
	}
	for _, want := range []string{"Kính gửi:- Phòng Nông nghiệp & PTNT huyện;", "- Công an huyện.", "- Như trên;", "- Lưu: VT.", "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"} {
		if _, ok := doc.findPara(want); !ok {
			t.Errorf("no paragraph %q", want)
		}
	}
	// The caller's own end mark is not doubled.
	if _, ok := doc.findPara("UBND huyện đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."); !ok {
		t.Errorf("the last paragraph lost or doubled its end mark")
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		date time.Time
		want string
	}{
		{time.Date(2022, 6, 5, 0, 0, 0, 0, time.UTC), "ngày 05 tháng 6 năm 2022"},
		{time.Date(2023, 1, 1, 9, 0, 0, 0, time.UTC), "ngày 01 tháng 01 năm 2023"},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), "ngày 29 tháng 02 năm 2024"},
		{time.Date(2022, 3, 9, 0, 0, 0, 0, time.UTC), "ngày 09 tháng 3 năm 2022"},
		{time.Date(2022, 12, 15, 0, 0, 0, 0, time.UTC), "ngày 15 tháng 12 năm 2022"},
		{time.Date(2022, 10, 10, 0, 0, 0, 0, time.UTC), "ngày 10 tháng 10 năm 2022"},
		// 20:00 UTC on 31/12 is already 1 January in Vietnam.
		{time.Date(2022, 12, 31, 20, 0, 0, 0, time.UTC), "ngày 01 tháng 01 năm 2023"},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.date); got != tt.want {
			t.Errorf("FormatDate(%v) = %q, want %q", tt.date, got, tt.want)
		}
	}
}

func TestShortDate(t *testing.T) {
	for _, tt := range []struct {
		date time.Time
		want string
	}{
		{time.Date(2024, 1, 5, 0, 0, 0, 0, tiendo.Zone), "05/01/2024"},
		{time.Date(2022, 6, 2, 0, 0, 0, 0, tiendo.Zone), "02/6/2022"},
		{time.Date(2021, 12, 31, 0, 0, 0, 0, tiendo.Zone), "31/12/2021"},
		{time.Date(2022, 12, 31, 20, 0, 0, 0, time.UTC), "01/01/2023"}, // already 1 January in Vietnam
	} {
		if got := ShortDate(tt.date); got != tt.want {
			t.Errorf("ShortDate(%v) = %q, want %q", tt.date, got, tt.want)
		}
	}
}

func TestPlaceDate(t *testing.T) {
	june, january := time.Date(2022, 6, 5, 0, 0, 0, 0, time.UTC), time.Date(2023, 1, 9, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		place         string
		date, drafted time.Time
		want          string
	}{
		{"Hữu Lũng", june, time.Time{}, "Hữu Lũng, ngày 05 tháng 6 năm 2022"},
		{"Hữu Lũng", june, january, "Hữu Lũng, ngày 05 tháng 6 năm 2022"}, // issued: its date
		{"Hữu Lũng", time.Time{}, time.Time{}, "Hữu Lũng, ngày      tháng      năm 20.."},
		// A draft leaves only the day blank (DOCUMENTS.md), months 1 and 2 with their zero.
		{"Hữu Lũng", time.Time{}, june, "Hữu Lũng, ngày      tháng 6 năm 2022"},
		{"Hữu Lũng", time.Time{}, january, "Hữu Lũng, ngày      tháng 01 năm 2023"},
		{"", june, time.Time{}, "ngày 05 tháng 6 năm 2022"},
	}
	for _, tt := range tests {
		if got := PlaceDate(tt.place, tt.date, tt.drafted); got != tt.want {
			t.Errorf("PlaceDate(%q, %v, %v) = %q, want %q", tt.place, tt.date, tt.drafted, got, tt.want)
		}
	}
}

func TestNumberLine(t *testing.T) {
	tests := []struct{ number, symbol, want string }{
		{"1", "BC-UBND", "Số: 01/BC-UBND"},
		{"05", "BC-UBND", "Số: 05/BC-UBND"},
		{"635", "UBND-VP", "Số: 635/UBND-VP"},
		{"", "BC-UBND", "Số:       /BC-UBND"},
		{"12", "", "Số: 12"},
	}
	for _, tt := range tests {
		if got := numberLine(tt.number, tt.symbol); got != tt.want {
			t.Errorf("numberLine(%q, %q) = %q, want %q", tt.number, tt.symbol, got, tt.want)
		}
	}
}

func TestDistributionLines(t *testing.T) {
	tests := []struct {
		name string
		doc  Document
		want []string
	}{
		{"report", Document{Distribution: []string{"TT HU, HĐND huyện", "- CT, các PCT UBND huyện;", "Lưu: VT, VP."}},
			[]string{"- TT HU, HĐND huyện;", "- CT, các PCT UBND huyện;", "- Lưu: VT, VP."}},
		{"file copy added and moved last", Document{Distribution: []string{"Lưu: VT", "TT HU"}},
			[]string{"- TT HU;", "- Lưu: VT."}},
		{"empty", Document{}, []string{"- Lưu: VT."}},
		{"letter gets Như trên first", Document{Kind: Letter, Recipients: []string{"Phòng Nội vụ"}, Distribution: []string{"TT HU"}},
			[]string{"- Như trên;", "- TT HU;", "- Lưu: VT."}},
	}
	for _, tt := range tests {
		got := distributionLines(&tt.doc)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tie\u0302\u0301n đo\u0323\u0302", "Tiến độ"}, // decomposed to NFC
		{"a\x00b\x1bc", "abc"},
		{"a\tb\r\nc", "a b \nc"},
		{"bad \xff byte", "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIssuerLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Ủy ban nhân dân huyện Hữu Lũng", []string{"ỦY BAN NHÂN DÂN", "HUYỆN HỮU LŨNG"}},
		{"Sở Nông nghiệp và Phát triển nông thôn", []string{"SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"}},
		{"VĂN PHÒNG HĐND VÀ UBND\nHUYỆN HỮU LŨNG", []string{"VĂN PHÒNG HĐND VÀ UBND", "HUYỆN HỮU LŨNG"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := issuerLines(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("issuerLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDOCXMetadata checks that the package says it is tiendo's, in
// Vietnamese, and carries none of godocx's template leftovers: its
// application, Normal.dotm and counts of an empty page in app.xml, its
// bibliography part, its English theme language, its "clean" proofing
// state; and that every relationship and content type still names a part
// of the package.
func TestDOCXMetadata(t *testing.T) {
	parts := docxParts(t, seedReport(true))
	app := parts["docProps/app.xml"]
	if !strings.Contains(app, "<Application>tiendo</Application>") {
		t.Errorf("docProps/app.xml does not name tiendo: %s", app)
	}
	for _, left := range []string{"Microsoft", "Normal.dotm", "<Pages>", "<Words>"} {
		if strings.Contains(app, left) {
			t.Errorf("docProps/app.xml keeps the template's %s", left)
		}
	}
	for name := range parts {
		if strings.HasPrefix(name, "customXml/") {
			t.Errorf("the template's part %s is still in the package", name)
		}
	}
	settings := parts["word/settings.xml"]
	if !strings.Contains(settings, `<w:themeFontLang w:val="vi-VN"`) {
		t.Errorf("word/settings.xml: the theme language is not vi-VN")
	}
	if strings.Contains(settings, "proofState") {
		t.Errorf("word/settings.xml says the text was already proofread")
	}
	target := regexp.MustCompile(`Target="([^"]+)"`)
	for _, rels := range []struct{ part, dir string }{{"_rels/.rels", ""}, {"word/_rels/document.xml.rels", "word/"}} {
		for _, m := range target.FindAllStringSubmatch(parts[rels.part], -1) {
			name := path.Clean(rels.dir + m[1])
			if _, ok := parts[name]; !ok {
				t.Errorf("%s points to %s, which the package lacks", rels.part, name)
			}
		}
	}
	for _, m := range regexp.MustCompile(`PartName="/([^"]+)"`).FindAllStringSubmatch(parts["[Content_Types].xml"], -1) {
		if _, ok := parts[m[1]]; !ok {
			t.Errorf("[Content_Types].xml names %s, which the package lacks", m[1])
		}
	}
}
