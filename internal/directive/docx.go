package directive

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"tiendo"
)

// MaxDOCXText bounds the uncompressed size of a .docx's main document part.
// A directive's document.xml is well under a megabyte; the bound stops a zip
// bomb (a small upload that inflates to gigabytes) from exhausting memory.
const MaxDOCXText = 64 << 20

// ReadDOCX extracts the text of a .docx: one line per paragraph, tab and
// line breaks kept, numbered list labels restored from the numbering part
// ("1.", "a)", "-"), table rows whose cells are one paragraph each written
// as "cell | cell" and other tables cell by cell, the way the parser reads
// text pasted from Word. A file that is not a .docx gives a *tiendo.Error
// with code tiendo.EINVALID; one that inflates past MaxDOCXText gives
// tiendo.ETOOLARGE.
func ReadDOCX(r io.ReaderAt, size int64) (string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return "", tiendo.Errorf(tiendo.EINVALID, "Tệp không phải là tệp Word .docx hợp lệ (không mở được dạng nén zip). Hãy lưu văn bản dưới dạng .docx hoặc dán nội dung văn bản vào ô nhập.")
	}
	var doc, numbering *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			doc = f
		case "word/numbering.xml":
			numbering = f
		}
	}
	if doc == nil {
		return "", tiendo.Errorf(tiendo.EINVALID, "Tệp .docx không có nội dung văn bản (thiếu word/document.xml). Hãy mở và lưu lại bằng Word, hoặc dán nội dung văn bản vào ô nhập.")
	}
	var nums *numberingDef
	if numbering != nil {
		nums, _ = readNumbering(numbering) // lists then lose their labels, nothing worse
	}
	rc, err := openLimited(doc)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	text, err := documentText(rc, nums)
	if err != nil {
		var te *tiendo.Error
		if errors.As(err, &te) {
			return "", err
		}
		return "", tiendo.Errorf(tiendo.EINVALID, "Không đọc được nội dung tệp .docx (%v). Hãy mở và lưu lại bằng Word, hoặc dán nội dung văn bản vào ô nhập.", err)
	}
	return text, nil
}

type limitedFile struct {
	io.Reader
	io.Closer
}

// openLimited opens a zip member for reading at most MaxDOCXText bytes,
// whatever its header claims, and fails past that.
func openLimited(f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > MaxDOCXText {
		return nil, tooLarge()
	}
	rc, err := f.Open()
	if err != nil {
		return nil, tiendo.Errorf(tiendo.EINVALID, "Tệp .docx bị hỏng, không giải nén được. Hãy mở và lưu lại bằng Word, hoặc dán nội dung văn bản vào ô nhập.")
	}
	return limitedFile{&capReader{r: rc, n: MaxDOCXText}, rc}, nil
}

func tooLarge() error {
	return tiendo.Errorf(tiendo.ETOOLARGE, "Nội dung tệp .docx quá lớn (giới hạn %d MB sau khi giải nén). Hãy tách văn bản hoặc dán phần cần thiết vào ô nhập.", MaxDOCXText>>20)
}

// capReader fails once more than n bytes have been read.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, tooLarge()
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

// numberingDef holds, per numbering id and level, the number format and
// level text of Word's automatic lists ("decimal", "%1.").
type numberingDef struct {
	levels map[string]map[int]numLevel // numId -> ilvl -> level
}

type numLevel struct {
	format, text string
	start        int
}

func readNumbering(f *zip.File) (*numberingDef, error) {
	rc, err := openLimited(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	abstract := map[string]map[int]numLevel{}
	nd := &numberingDef{levels: map[string]map[int]numLevel{}}
	dec := xml.NewDecoder(rc)
	var curAbs, curNum string
	curLvl := -1
	var lvl numLevel
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nd, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				curAbs = attr(t, "abstractNumId")
				abstract[curAbs] = map[int]numLevel{}
			case "lvl":
				curLvl, _ = strconv.Atoi(attr(t, "ilvl"))
				lvl = numLevel{start: 1}
			case "start":
				lvl.start, _ = strconv.Atoi(attr(t, "val"))
			case "numFmt":
				lvl.format = attr(t, "val")
			case "lvlText":
				lvl.text = attr(t, "val")
			case "num":
				curNum = attr(t, "numId")
			case "abstractNumId":
				if curNum != "" {
					nd.levels[curNum] = abstract[attr(t, "val")]
				}
			}
		case xml.EndElement:
			if t.Name.Local == "lvl" && curAbs != "" && curLvl >= 0 && abstract[curAbs] != nil {
				abstract[curAbs][curLvl] = lvl
				curLvl = -1
			}
		}
	}
	return nd, nil
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// label renders the automatic label of a paragraph at level ilvl of list
// numID, advancing the counters.
func (nd *numberingDef) label(counters map[string][]int, numID string, ilvl int) string {
	if nd == nil || ilvl < 0 || ilvl > 8 {
		return ""
	}
	levels := nd.levels[numID]
	if levels == nil {
		return ""
	}
	c := counters[numID]
	if c == nil {
		c = make([]int, 9)
		counters[numID] = c
	}
	lv := levels[ilvl]
	if c[ilvl] == 0 {
		c[ilvl] = lv.start
	} else {
		c[ilvl]++
	}
	for k := ilvl + 1; k < 9; k++ {
		c[k] = 0
	}
	if lv.format == "bullet" {
		return "-"
	}
	if lv.format == "none" {
		return ""
	}
	text := lv.text
	for k := 0; k <= ilvl && k < 9; k++ {
		v := c[k]
		if v == 0 {
			v = levels[k].start
		}
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(k+1), formatNum(v, levels[k].format))
	}
	return text
}

func formatNum(v int, format string) string {
	switch format {
	case "lowerLetter":
		if v >= 1 && v <= 26 {
			return string(rune('a' + v - 1))
		}
	case "upperLetter":
		if v >= 1 && v <= 26 {
			return string(rune('A' + v - 1))
		}
	case "upperRoman", "lowerRoman":
		romans := []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"}
		if v >= 1 && v < len(romans) {
			if format == "lowerRoman" {
				return strings.ToLower(romans[v])
			}
			return romans[v]
		}
	}
	return strconv.Itoa(v)
}

// documentText walks document.xml. Tables are collected row by row so that
// a row of one-paragraph cells can be written on one line.
func documentText(r io.Reader, nums *numberingDef) (string, error) {
	dec := xml.NewDecoder(r)
	var out strings.Builder
	var para strings.Builder
	counters := map[string][]int{}
	var numID string
	ilvl := -1
	inText := false
	// Table state: a stack of tables, each a list of rows of cells of
	// paragraphs.
	type table struct {
		rows [][][]string
	}
	var tables []*table
	emit := func(s string) {
		if len(tables) > 0 {
			t := tables[len(tables)-1]
			if len(t.rows) > 0 {
				row := t.rows[len(t.rows)-1]
				if len(row) > 0 {
					row[len(row)-1] = append(row[len(row)-1], s)
					return
				}
			}
		}
		out.WriteString(s)
		out.WriteByte('\n')
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				para.Reset()
				numID, ilvl = "", -1
			case "numId":
				numID = attr(t, "val")
			case "ilvl":
				ilvl, _ = strconv.Atoi(attr(t, "val"))
			case "t":
				inText = true
			case "tab":
				para.WriteByte('\t')
			case "br", "cr":
				para.WriteByte('\n')
			case "tbl":
				tables = append(tables, &table{})
			case "tr":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					tb.rows = append(tb.rows, nil)
				}
			case "tc":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					if len(tb.rows) > 0 {
						tb.rows[len(tb.rows)-1] = append(tb.rows[len(tb.rows)-1], []string{})
					}
				}
			case "delText", "instrText":
				inText = false
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				s := para.String()
				if numID != "" && numID != "0" {
					if ilvl < 0 {
						ilvl = 0
					}
					if l := nums.label(counters, numID, ilvl); l != "" {
						s = l + " " + s
					}
				}
				emit(s)
				para.Reset()
			case "tbl":
				if len(tables) == 0 {
					break
				}
				tb := tables[len(tables)-1]
				tables = tables[:len(tables)-1]
				for _, row := range tb.rows {
					single := len(row) > 1
					for _, cell := range row {
						if len(cell) > 1 {
							single = false
						}
					}
					if single {
						cells := make([]string, len(row))
						for k, cell := range row {
							if len(cell) > 0 {
								cells[k] = strings.ReplaceAll(cell[0], "|", "/")
							}
						}
						emit("| " + strings.Join(cells, " | ") + " |")
						continue
					}
					for _, cell := range row {
						for _, p := range cell {
							emit(p)
						}
						emit("")
					}
				}
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
		if out.Len() > MaxDOCXText {
			return "", tooLarge()
		}
	}
	return out.String(), nil
}
