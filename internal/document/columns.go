package document

import (
	"slices"
	"strings"
	"unicode"
)

// A table cell wraps only between words. Both writers fit a table's columns
// to its words before they break lines, with the same measurements, so a
// number such as "3.200.000" is never cut into "3.200.0" and "00" in the PDF
// and Word, given the same widths, keeps it whole too:
//
//  1. columnWidths widens a column whose longest word does not fit, taking
//     the room from the columns that have some to spare;
//  2. cellSize shrinks a cell's type a little (down to minTableSize) when
//     a word still does not fit;
//  3. only then is a word cut between characters, and a number never is
//     while a smaller size lets it fit.

// minTableSize is the smallest size cellSize shrinks a cell to for a word
// that does not fit: "a little" under the table's 12 pt.
const minTableSize = 10.0

// fitSlackMM absorbs the rounding between the two measurements of a width
// (the font's own units here, fpdf's thousandths of an em in the PDF).
const fitSlackMM = 0.3

// columnWidths is the width in mm of each of t's columns over total mm: the
// relative Widths, then widened where a column's longest word needs it.
// The room is taken from the other columns alike, in proportion to their
// widths, but none is made narrower than its own longest word. Numbers come
// first: when the words of all columns together are wider than the table,
// a long word of text gives up its claim (it will be cut) before a number
// does, and when even the numbers do not fit, the columns that need more
// share what the others can spare and cellSize shrinks the type. A word of
// text never claims more than a third of the table. nil when the table has
// no columns.
func columnWidths(t Table, total float64) []float64 {
	tw := columnTwips(t.Widths, 100000)
	if len(tw) == 0 {
		return nil
	}
	n := len(tw)
	base := make([]float64, n)
	for i, w := range tw {
		base[i] = float64(w) / 100000 * total
	}
	numbers := make([]float64, n) // the widest number of each column
	words := make([]float64, n)   // the widest other word
	measure := func(i int, s string, f face) {
		for _, w := range strings.Fields(s) {
			wd := textWidthPt(w, f, sizeTable)/ptPerMM + 2*cellPadX + fitSlackMM
			if isNumeric(w) {
				numbers[i] = max(numbers[i], wd)
			} else {
				words[i] = max(words[i], min(wd, max(base[i], total/3)))
			}
		}
	}
	for i := range min(n, len(t.Header)) {
		measure(i, t.Header[i], bold)
	}
	for _, r := range t.Rows {
		for i := range min(n, len(r)) {
			measure(i, r[i].String(), regular)
		}
	}
	need := make([]float64, n)
	for i := range need {
		need[i] = max(numbers[i], words[i])
	}
	if out, ok := fitColumns(base, need); ok {
		return out
	}
	for i := range need {
		need[i] = max(numbers[i], min(words[i], base[i]))
	}
	out, _ := fitColumns(base, need)
	return out
}

// fitColumns widens each column to need where base is narrower, taking the
// room from the others in proportion to their base widths without making
// any narrower than its need. ok is false when the others cannot give
// enough: then each column short of room gets a share of what they can.
func fitColumns(base, need []float64) (out []float64, ok bool) {
	out = slices.Clone(base)
	deficit := 0.0
	var donors []int
	for i := range base {
		if need[i] > base[i] {
			deficit += need[i] - base[i]
			out[i] = need[i]
		} else {
			donors = append(donors, i)
		}
	}
	if deficit == 0 {
		return out, true
	}
	spare := 0.0
	for _, i := range donors {
		spare += base[i] - need[i]
	}
	if spare < deficit {
		for i := range base {
			if need[i] > base[i] {
				out[i] = base[i] + (need[i]-base[i])*spare/deficit
			} else {
				out[i] = need[i]
			}
		}
		return out, false
	}
	// Every donor gives the same fraction of its width; one that would
	// fall under its need stops there, and the rest give a little more.
	for left := deficit; left > 1e-9 && len(donors) > 0; {
		sum := 0.0
		for _, i := range donors {
			sum += base[i]
		}
		frac := left / sum
		kept := donors[:0]
		clamped := false
		for _, i := range donors {
			if base[i]*(1-frac) < need[i] {
				out[i] = need[i]
				left -= base[i] - need[i]
				clamped = true
			} else {
				kept = append(kept, i)
			}
		}
		donors = kept
		if !clamped {
			for _, i := range donors {
				out[i] = base[i] * (1 - frac)
			}
			break
		}
	}
	return out, true
}

// cellSize is the type size in points for a table cell's text s set in f
// in a column whose text is inner mm wide: the table's size when every word
// fits; else the largest half-point size down to minTableSize at which every
// word fits; else the largest size at which at least every number fits
// (below minTableSize if it must: a number cut in two misreads), leaving
// words of text to be cut.
func cellSize(s string, f face, inner float64) float64 {
	var words, numbers float64 // the widest word and number at 1 pt, in mm
	for _, w := range strings.Fields(s) {
		wd := textWidthPt(w, f, 1) / ptPerMM
		words = max(words, wd)
		if isNumeric(w) {
			numbers = max(numbers, wd)
		}
	}
	// Half the slack columnWidths adds, so that a column fitted to a word
	// keeps it at full size after the DOCX rounds the width to twips.
	inner -= fitSlackMM / 2
	for size := float64(sizeTable); size >= minTableSize; size -= 0.5 {
		if words*size <= inner {
			return size
		}
	}
	for size := float64(sizeTable); size > 6; size -= 0.5 {
		if numbers*size <= inner {
			return size
		}
	}
	return 6
}

// isNumeric reports whether a word is a number as the documents print one
// ("3.200.000", "12.345,67", "70%", "-1,5", "15,2/19"): digits with
// separators and signs, and no letter.
func isNumeric(w string) bool {
	digit := false
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digit = true
		case strings.ContainsRune(".,%+-−–/:()", r):
		default:
			return false
		}
	}
	return digit
}
