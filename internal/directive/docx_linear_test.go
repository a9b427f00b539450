package directive

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"tiendo"
)

// The tests below build files that cost seconds to minutes when some step
// of the reader redid work per element over state that grows with the
// document. Each checks the work the walker counts (tokens, bytes written,
// lines moved, cells compared) against the size of document.xml, and that
// ReadDOCX returns within a bound no slow machine comes near unless that
// work has blown up again.

// walkSteps reads document.xml as ReadDOCX does and returns the text and
// the walker's count of its work.
func walkSteps(t *testing.T, doc string) (string, int, error) {
	t.Helper()
	w := newWalker(strings.NewReader(doc), nil, nil)
	text, err := w.run()
	return text, w.steps, err
}

// linearWork fails the test when the walk of doc did more than a few
// steps per byte of it.
func linearWork(t *testing.T, doc string) string {
	t.Helper()
	text, steps, err := walkSteps(t, doc)
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	if steps > 4*len(doc) {
		t.Errorf("%d steps for %d bytes of document.xml: work grows faster than the file", steps, len(doc))
	}
	return text
}

// readWithin runs ReadDOCX on a package of body and fails the test if it
// has not returned after d.
func readWithin(t *testing.T, body string, d time.Duration) (string, error) {
	t.Helper()
	data := wordPackage(t, body, "", "")
	type result struct {
		text string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		text, err := ReadDOCX(bytes.NewReader(data), int64(len(data)))
		done <- result{text, err}
	}()
	select {
	case r := <-done:
		return r.text, r.err
	case <-time.After(d):
		t.Fatalf("ReadDOCX of a %d-byte file did not return within %v", len(data), d)
		return "", nil
	}
}

// TestDocxDeletedMarksLinear: 160,000 paragraphs whose marks are deleted
// run on into one. The text of those before used to be copied into each
// next one: 128 GB of copying for a 1.6 MB paragraph, from a 50 KB upload
// (80,000 took 10 to 60 seconds).
func TestDocxDeletedMarksLinear(t *testing.T) {
	const n = 160000
	body := strings.Repeat(`<w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:r><w:t>xxxxxxxxxx</w:t></w:r></w:p>`, n) + wp(wr("."))
	want := strings.Repeat("x", 10*n) + ".\n"
	if text := linearWork(t, wordDocument(body)); text != want {
		t.Errorf("text %.40q... of %d bytes, want one paragraph of %d", text, len(text), len(want))
	}
	text, err := readWithin(t, body, 10*time.Second)
	if err != nil || text != want {
		t.Errorf("ReadDOCX: %d bytes, %v; want one paragraph of %d bytes", len(text), err, len(want))
	}
	// The last paragraph's mark deleted too: its text is not lost.
	if text := linearWork(t, wordDocument(strings.Repeat(`<w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:r><w:t>ab</w:t></w:r></w:p>`, 3))); text != "ababab\n" {
		t.Errorf("runs on to the end: %q", text)
	}
	// An empty one at the end leaves no line, as before.
	if text := linearWork(t, wordDocument(wp(wr("a"))+`<w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr></w:p>`)); text != "a\n" {
		t.Errorf("empty run-on at the end: %q", text)
	}
}

// TestDocxMergedCellsLinear: rows of thousands of cells merged down. The
// cell above each used to be looked for among all cells of the row above:
// cols² steps a row.
func TestDocxMergedCellsLinear(t *testing.T) {
	const cols, rows = 4000, 30
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tr>` + strings.Repeat(`<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>`, cols) + `</w:tr>`)
	for range rows {
		b.WriteString(`<w:tr>` + strings.Repeat(`<w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc>`, cols) + `</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	line := "|" + strings.Repeat(" a |", cols) + "\n"
	want := strings.Repeat(line, rows+1)
	if text := linearWork(t, wordDocument(b.String())); text != want {
		t.Errorf("text %.40q... of %d bytes, want %d rows of %d a's", text, len(text), rows+1, cols)
	}
	if text, err := readWithin(t, b.String(), 10*time.Second); err != nil || text != want {
		t.Errorf("ReadDOCX: %d bytes, %v; want %d", len(text), err, len(want))
	}
}

// TestDocxTableCaps: a row, a table, past what any document has is
// refused as too large, and quickly: 20 rows of 20,000 merged cells (a
// 50 KB upload) took 5 to 25 seconds.
func TestDocxTableCaps(t *testing.T) {
	merged := `<w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc>`
	for _, c := range []struct{ name, body string }{
		{"cells in a row", `<w:tbl>` + strings.Repeat(`<w:tr>`+strings.Repeat(merged, 20000)+`</w:tr>`, 20) + `</w:tbl>`},
		{"rows in a table", `<w:tbl>` + strings.Repeat(`<w:tr><w:tc/></w:tr>`, maxTableRows+1) + `</w:tbl>`},
		{"cells in a table", `<w:tbl>` + strings.Repeat(`<w:tr>`+strings.Repeat(`<w:tc/>`, maxRowCells)+`</w:tr>`, maxTableCells/maxRowCells+1) + `</w:tbl>`},
	} {
		_, err := readWithin(t, c.body, 10*time.Second)
		if tiendo.ErrorCode(err) != tiendo.ETOOLARGE {
			t.Errorf("%s: error %v, want code %s", c.name, err, tiendo.ETOOLARGE)
		}
	}
	// At the caps a table is read.
	body := `<w:tbl><w:tr>` + strings.Repeat(`<w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>`, maxRowCells) + `</w:tr>` + strings.Repeat(`<w:tr><w:tc/><w:tc/></w:tr>`, maxTableRows-1) + `</w:tbl>`
	text, err := readWithin(t, body, 10*time.Second)
	if err != nil || !strings.HasPrefix(text, "|"+strings.Repeat(" a |", maxRowCells)+"\n\n") {
		t.Errorf("a table at the caps: %.40q, %v", text, err)
	}
}

// TestDocxTextBoxesInBlankParagraphLinear: a text box goes before its
// paragraph's text when none is written yet; that used to be decided by
// trimming all the paragraph's text so far, at every box.
// 400,000 tabs and 100,000 boxes took 16 seconds.
func TestDocxTextBoxesInBlankParagraphLinear(t *testing.T) {
	const tabs, boxes = 400000, 100000
	body := `<w:p><w:r>` + strings.Repeat(`<w:tab/>`, tabs) + strings.Repeat(`<w:txbxContent><w:p/></w:txbxContent>`, boxes) +
		`<w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></w:r></w:p>`
	want := "hộp\n" + strings.Repeat("\t", tabs) + "\n"
	if text := linearWork(t, wordDocument(body)); text != want {
		t.Errorf("text %.40q... of %d bytes, want the box before %d tabs", text, len(text), tabs)
	}
	if text, err := readWithin(t, body, 10*time.Second); err != nil || text != want {
		t.Errorf("ReadDOCX: %d bytes, %v; want %d", len(text), err, len(want))
	}
	// Text carried from a paragraph whose mark is deleted is text: a box
	// after it comes after the paragraph.
	got := linearWork(t, wordDocument(`<w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:r><w:t>A</w:t></w:r></w:p><w:p><w:r><w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></w:r></w:p>`))
	if got != "A\nhộp\n" {
		t.Errorf("box after carried text: %q", got)
	}
}

// TestDocxNestingCap: each level of cells and text boxes in one another
// writes all the lines inside it again, so 10,000 levels (a 30 KB upload)
// moved lines 100 million times before the text limit stopped them. Past
// maxNesting levels the file is refused; up to it, read.
func TestDocxNestingCap(t *testing.T) {
	table := func(d int) string {
		return strings.Repeat(`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>`, d) + strings.Repeat(`</w:tc></w:tr></w:tbl>`, d)
	}
	box := func(d int) string {
		return strings.Repeat(`<w:p><w:r><w:t>x</w:t><w:txbxContent>`, d) + strings.Repeat(`</w:txbxContent></w:r></w:p>`, d)
	}
	mixed := func(d int) string {
		return strings.Repeat(`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t><w:txbxContent>`, d/2) + strings.Repeat(`</w:txbxContent></w:r></w:p></w:tc></w:tr></w:tbl>`, d/2)
	}
	for name, build := range map[string]func(int) string{"tables": table, "text boxes": box, "boxes in tables": mixed} {
		if _, err := readWithin(t, build(10000), 10*time.Second); tiendo.ErrorCode(err) != tiendo.ETOOLARGE {
			t.Errorf("10,000 levels of %s: error %v, want code %s", name, err, tiendo.ETOOLARGE)
		}
		_, steps, err := walkSteps(t, wordDocument(build(10000)))
		if tiendo.ErrorCode(err) != tiendo.ETOOLARGE || steps > 10000 {
			t.Errorf("10,000 levels of %s: %d steps, error %v", name, steps, err)
		}
		doc := build(maxNesting)
		text := linearWork(t, wordDocument(doc))
		if strings.Count(text, "x") != strings.Count(doc, ">x<") {
			t.Errorf("%d levels of %s: %q", maxNesting, name, text)
		}
	}
}
