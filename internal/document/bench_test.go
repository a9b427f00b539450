package document

import (
	"io"
	"testing"
)

// BenchmarkWriteDOCX is issue 6's target: a report of 60 units x 40 tasks
// (three 1 KB paragraphs and three targets a task, a 120-row indicator
// table) in under a second.
func BenchmarkWriteDOCX(b *testing.B) {
	d := largeReport(60, 40, 3)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDOCX(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteDOCXEveryUnit is the heavy case: every one of the 60 units
// writes a 1 KB paragraph on every one of the 40 tasks (2,400 paragraphs).
func BenchmarkWriteDOCXEveryUnit(b *testing.B) {
	d := largeReport(60, 40, 60)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDOCX(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWritePDF(b *testing.B) {
	d := largeReport(60, 40, 3)
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePDF(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteXLSX(b *testing.B) {
	d := largeReport(60, 40, 3)
	t := *d.Body[len(d.Body)-1].Table
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteXLSX(io.Discard, t); err != nil {
			b.Fatal(err)
		}
	}
}
