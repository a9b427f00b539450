package document

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWritePreview writes the sample documents to $TIENDO_DOCUMENT_OUT so a
// person can open or render them; without the variable it does nothing.
func TestWritePreview(t *testing.T) {
	dir := os.Getenv("TIENDO_DOCUMENT_OUT")
	if dir == "" {
		t.Skip("set TIENDO_DOCUMENT_OUT to a folder to write the sample documents there")
	}
	docs := map[string]*Document{"report": seedReport(true), "draft": seedReport(false), "letter": seedLetter()}
	for name, d := range docs {
		for ext, write := range map[string]func(*os.File, *Document) error{
			"docx": func(f *os.File, d *Document) error { return WriteDOCX(f, d) },
			"pdf":  func(f *os.File, d *Document) error { return WritePDF(f, d) },
		} {
			f, err := os.Create(filepath.Join(dir, name+"."+ext))
			if err != nil {
				t.Fatal(err)
			}
			if err := write(f, d); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
}
