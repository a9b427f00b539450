package directive

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"tiendo"
)

// MaxDOCXText bounds the uncompressed size of a .docx's main document part,
// and the text read from it. A directive's document.xml is well under a
// megabyte; the bound stops a zip bomb (a small upload that inflates to
// gigabytes) from exhausting memory.
const MaxDOCXText = 64 << 20

// ReadDOCX extracts the text of a .docx as a person reading it would type
// it: one line per paragraph, tabs and line breaks kept, numbered list
// labels restored from the numbering and style parts ("1.", "1.2.", "a)",
// "II.", "-"), table rows whose cells are one line each written as "cell |
// cell" and other tables cell by cell, the way the parser reads text pasted
// from Word. Text boxes come out once (Word writes each twice, as DrawingML
// and as VML) as lines of their own; deleted and moved-away revisions,
// field instructions, hidden text and content-control placeholders are
// left out; field results, insertions, hyperlinks and content controls are
// kept. Headers, footers, footnotes and comments are separate parts and
// are not read: page numbers, letterheads and notes are no part of what a
// directive asks. A file that is not a .docx gives a *tiendo.Error with
// code tiendo.EINVALID; one that inflates past MaxDOCXText gives
// tiendo.ETOOLARGE.
func ReadDOCX(r io.ReaderAt, size int64) (string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return "", tiendo.Errorf(tiendo.EINVALID, "Tệp không phải là tệp Word .docx hợp lệ (không mở được dạng nén zip). Hãy lưu văn bản dưới dạng .docx hoặc dán nội dung văn bản vào ô nhập.")
	}
	// Part names are case-insensitive (OPC); some zip tools write "\" or
	// a leading "/".
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))
		if _, dup := files[name]; !dup {
			files[name] = f
		}
	}
	// Word names the main part word/document.xml; the package relationships
	// say where it is for the tools that do not.
	main := "word/document.xml"
	if t := relTarget(files, "_rels/.rels", "", "/officeDocument"); files[t] != nil {
		main = t
	}
	doc := files[main]
	if doc == nil {
		return "", tiendo.Errorf(tiendo.EINVALID, "Tệp .docx không có nội dung văn bản (thiếu word/document.xml). Hãy mở và lưu lại bằng Word, hoặc dán nội dung văn bản vào ô nhập.")
	}
	dir := path.Dir(main)
	rels := path.Join(dir, "_rels", path.Base(main)+".rels")
	part := func(kind, fallback string) *zip.File {
		if t := relTarget(files, rels, dir, kind); files[t] != nil {
			return files[t]
		}
		return files[fallback]
	}
	// Without styles or numbering, lists lose their labels, nothing worse.
	var styles *styleSheet
	if f := part("/styles", "word/styles.xml"); f != nil {
		styles, _ = readStyles(f)
	}
	var nums *numberingDef
	if f := part("/numbering", "word/numbering.xml"); f != nil {
		nums, _ = readNumbering(f)
	}
	rc, err := openLimited(doc)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	text, err := documentText(rc, nums, styles)
	if err != nil {
		var te *tiendo.Error
		if errors.As(err, &te) {
			return "", err
		}
		return "", tiendo.Errorf(tiendo.EINVALID, "Không đọc được nội dung tệp .docx (%v). Hãy mở và lưu lại bằng Word, hoặc dán nội dung văn bản vào ô nhập.", err)
	}
	return text, nil
}

// relTarget reads the relationships part name and returns the lower-case
// part name of the first internal relationship whose type ends with
// typeSuffix, resolved against dir; "" when there is none.
func relTarget(files map[string]*zip.File, name, dir, typeSuffix string) string {
	f := files[name]
	if f == nil {
		return ""
	}
	rc, err := openLimited(f)
	if err != nil {
		return ""
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		t, ok := tok.(xml.StartElement)
		if !ok || t.Name.Local != "Relationship" || !strings.HasSuffix(attr(t, "Type"), typeSuffix) || attr(t, "TargetMode") == "External" {
			continue
		}
		target := strings.ReplaceAll(attr(t, "Target"), `\`, "/")
		if strings.HasPrefix(target, "/") {
			target = target[1:]
		} else {
			target = path.Join(dir, target)
		}
		return strings.ToLower(path.Clean(target))
	}
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

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// onOff reads a toggle property (<w:caps/>, <w:vanish w:val="0"/>): 1 on,
// -1 off.
func onOff(e xml.StartElement) int8 {
	switch attr(e, "val") {
	case "0", "false", "off":
		return -1
	}
	return 1
}

// atoi reads a decimal attribute, 0 when it is not one.
func atoi(e xml.StartElement, local string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(attr(e, local)))
	return n
}
