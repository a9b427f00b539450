package document

import (
	_ "embed"
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The four Liberation Serif faces (SIL Open Font License 1.1, see
// fonts/LICENSE). They have the metrics of Times New Roman, the font Decree
// 30 prescribes, and they cover Vietnamese. The PDF embeds them; the DOCX
// names Times New Roman and uses them only to measure the rules that must
// be as long as a line of text.
var (
	//go:embed fonts/LiberationSerif-Regular.ttf
	ttfRegular []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	ttfBold []byte
	//go:embed fonts/LiberationSerif-Italic.ttf
	ttfItalic []byte
	//go:embed fonts/LiberationSerif-BoldItalic.ttf
	ttfBoldItalic []byte
)

// face is one of the four styles of the serif family.
type face int

const (
	regular face = iota
	bold
	italic
	boldItalic
)

func faceOf(b, i bool) face {
	switch {
	case b && i:
		return boldItalic
	case b:
		return bold
	case i:
		return italic
	}
	return regular
}

// faces parses the embedded fonts once; the parsed fonts are read-only and
// safe for concurrent use.
var faces = sync.OnceValues(func() ([4]*sfnt.Font, error) {
	var out [4]*sfnt.Font
	for i, b := range [][]byte{ttfRegular, ttfBold, ttfItalic, ttfBoldItalic} {
		f, err := sfnt.Parse(b)
		if err != nil {
			return out, fmt.Errorf("document: đọc phông chữ nhúng: %w", err)
		}
		out[i] = f
	}
	return out, nil
})

// The font's vertical metrics, as fractions of the font size, read from
// the embedded regular face's hhea table (the four faces share them):
// the ascent above the baseline, the descent under it, and the line gap.
// Word and LibreOffice set a single-spaced line of the font ("auto"
// spacing, w:line="240") as their sum, 2355/2048 = 1.15 of the size, the
// gap above the ascent; a spacing of 1.15 is 1.15 times that, the extra
// under the descent. The PDF pitches its lines by singleLine, so that a
// page holds the lines a word processor's page does and both break pages
// at the same line. These are the only place the line height comes from.
var (
	ascent, descent, lineGap = verticalMetrics()
	singleLine               = lineGap + ascent + descent
	// lineAscent is how far under the top of a line its baseline is.
	lineAscent = lineGap + ascent
)

// timesVertical is Times New Roman's (and Liberation Serif's) hhea
// ascender, descender and line gap in units of its 2048 to the em: the
// metrics verticalMetrics falls back to should the embedded font not parse,
// which a test rules out.
var timesVertical = [4]float64{1825, 443, 87, 2048}

// verticalMetrics reads the ascent, descent and line gap of the embedded
// regular face as fractions of the em.
func verticalMetrics() (asc, desc, gap float64) {
	m := timesVertical
	if fs, err := faces(); err == nil {
		var buf sfnt.Buffer
		upem := fixed.Int26_6(fs[regular].UnitsPerEm())
		// At a size of one em per unit the metrics come back in font units
		// (in 26.6 fixed point), unrounded.
		if fm, err := fs[regular].Metrics(&buf, upem<<6, font.HintingNone); err == nil {
			m = [4]float64{float64(fm.Ascent) / 64, float64(fm.Descent) / 64, float64(fm.Height-fm.Ascent-fm.Descent) / 64, float64(upem)}
		}
	}
	return m[0] / m[3], m[1] / m[3], m[2] / m[3]
}

// textWidthPt is the advance width of s set in the face at size pt, in
// points. Characters the font lacks count as nothing; an unreadable font
// falls back to an average width, since a rule a little off is better than
// no document.
func textWidthPt(s string, f face, pt float64) float64 {
	fs, err := faces()
	if err != nil {
		return float64(len([]rune(s))) * pt * 0.5
	}
	fnt := fs[f]
	var buf sfnt.Buffer
	upem := fixed.Int26_6(fnt.UnitsPerEm())
	var total fixed.Int26_6
	for _, r := range s {
		gi, err := fnt.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			continue
		}
		adv, err := fnt.GlyphAdvance(&buf, gi, upem<<6, font.HintingNone)
		if err != nil {
			continue
		}
		total += adv
	}
	return float64(total) / 64 / float64(upem) * pt
}
