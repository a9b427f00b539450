package directive

import (
	"unicode/utf8"

	"tiendo/internal/vi"
)

// folded is a text folded with vi.FoldRune (lower case, no diacritics) and
// the byte offset in the original of every folded byte, so that patterns can
// be written in plain ASCII ("kinh gui", "nhiem vu") and what they find cut
// from the original text, diacritics and case kept.
type folded struct {
	orig string
	s    string
	pos  []int // pos[i]: offset in orig of folded byte i; pos[len(s)] = len(orig)
}

func foldText(orig string) folded {
	b := make([]byte, 0, len(orig))
	pos := make([]int, 0, len(orig)+1)
	var buf [utf8.UTFMax]byte
	for i, r := range orig {
		f := vi.FoldRune(r)
		if f < 0 {
			continue
		}
		n := utf8.EncodeRune(buf[:], f)
		for k := 0; k < n; k++ {
			b = append(b, buf[k])
			pos = append(pos, i)
		}
	}
	pos = append(pos, len(orig))
	return folded{orig: orig, s: string(b), pos: pos}
}

// cut returns the original text of the folded range [i, j).
func (f folded) cut(i, j int) string {
	return f.orig[f.at(i):f.at(j)]
}

// at returns the original offset of folded offset i, clamped.
func (f folded) at(i int) int {
	if i < 0 {
		return 0
	}
	if i >= len(f.pos) {
		return len(f.orig)
	}
	return f.pos[i]
}
