package vi

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// MarkKey writes a word the same way whichever vowel carries its tone, so
// that a word typed with diacritics finds the word in either style; and its
// start as typed is the start of the word.
func TestMarkKey(t *testing.T) {
	key := func(w string) string {
		rs := []rune(w)
		var folded []rune
		for _, r := range rs {
			if f := FoldRune(r); f >= 0 {
				folded = append(folded, f)
			}
		}
		return MarkKey(rs, string(folded))
	}
	for _, tc := range []struct{ a, b string }{
		{"hoà", "hòa"}, {"Thuỷ", "thủy"}, {"khoẻ", "khỏe"}, {"tuỳ", "tùy"}, {"hoá", "hóa"},
		{"quá", "qúa"}, {"giữa", norm.NFD.String("giữa")}, {"Thuế", "THUẾ"}, {"thuế", norm.NFD.String("thuế")},
		{"đồi", "dồi"}, {"Đá", "dá"},
	} {
		if ka, kb := key(tc.a), key(tc.b); ka != kb || ka == "" {
			t.Errorf("markKey(%q) = %q, markKey(%q) = %q, want the same", tc.a, ka, tc.b, kb)
		}
	}
	for _, tc := range []struct{ a, b string }{
		{"thử", "thuế"}, {"thử", "thư"}, {"thuê", "thuế"}, {"hoà", "hoa"}, {"dá", "đã"},
	} {
		if ka, kb := key(tc.a), key(tc.b); ka == kb {
			t.Errorf("markKey(%q) = markKey(%q) = %q, want them apart", tc.a, tc.b, ka)
		}
	}
	// The start of a word, typed with its tone, begins the word's key.
	for _, tc := range []struct{ start, word string }{
		{"thườ", "thường"}, {"tuổ", "tuổi"}, {"hoà", "hoàng"}, {"thử", "thửa"}, {"quyế", "quyết"}, {"khuyế", "khuyến"},
	} {
		if ks, kw := key(tc.start), key(tc.word); !strings.HasPrefix(kw, ks) {
			t.Errorf("markKey(%q) = %q does not begin markKey(%q) = %q", tc.start, ks, tc.word, kw)
		}
	}
	// Nothing to keep: no diacritics but đ.
	for _, w := range []string{"ubnd", "Đinh", "COVID", "2025"} {
		if k := key(w); k != "" {
			t.Errorf("markKey(%q) = %q, want \"\"", w, k)
		}
	}
}
