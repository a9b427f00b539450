package tiendo_test

import (
	"testing"

	"tiendo"
	"tiendo/internal/vi"
)

// The root package writes a value in a message with its own copy of
// vi.FormatNumber(f, -1), since vi imports it; the two must not drift.
func TestNumberTextIsFormatNumber(t *testing.T) {
	for _, f := range []float64{0, 41150, 15.2, -3.5, 1234567.25, 100, 0.5, 999.999, -1000, 12000.5, 1e9} {
		if got, want := tiendo.NumberText(f), vi.FormatNumber(f, -1); got != want {
			t.Errorf("numberText(%v) = %q, vi.FormatNumber = %q", f, got, want)
		}
	}
}
