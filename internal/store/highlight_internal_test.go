package store

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Bracketed writes segments with the matches in brackets. It is exported
// to the store's external tests (search_test.go), which read highlights the
// same way.
func Bracketed(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Match {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// highlightQuery highlights text for q read as the search box reads it.
func highlightQuery(t *testing.T, text, q string, width int) []Segment {
	t.Helper()
	words, err := searchTerms(q)
	if err != nil {
		t.Fatalf("searchTerms(%q): %v", q, err)
	}
	return highlight(text, words, width)
}

// A query word that begins a word marks the whole word, a Vietnamese
// syllable, never just the letters typed: "Thu" + "ế" reads as two words.
func TestHighlightWholeWords(t *testing.T) {
	nfd := norm.NFD.String
	for _, tc := range []struct {
		name, text, q, want string
	}{
		{"prefix of a syllable", "Chi cục Thuế khu vực I", "thu", "Chi cục [Thuế] khu vực I"},
		{"prefix, other vowel", "Hỗ trợ bồi thường giải phóng mặt bằng", "thu", "Hỗ trợ bồi [thường] giải phóng mặt bằng"},
		{"whole word typed", "Chi cục Thuế khu vực I", "thuế", "Chi cục [Thuế] khu vực I"},
		{"not inside a word", "Chi cục Thuế khu vực I", "hu", "Chi cục Thuế khu vực I"},
		{"not inside a word, đ", "UBND xã Đinh Xá", "inh", "UBND xã Đinh Xá"},
		{"upper case text", "CHI CỤC THUẾ", "thu", "CHI CỤC [THUẾ]"},
		{"upper case query", "Chi cục Thuế khu vực I", "THU", "Chi cục [Thuế] khu vực I"},
		{"đ found by d", "Đường dây nóng; đường Điện Biên", "duong", "[Đường] dây nóng; [đường] Điện Biên"},
		{"d found by đ", "Đường dây nóng; đường Điện Biên", "đi", "Đường dây nóng; đường [Điện] Biên"},
		{"tone placement", "Phường Thuỷ Nguyên", "thủy", "Phường [Thuỷ] Nguyên"},
		{"decomposed text", nfd("Chi cục Thuế khu vực I"), "thu", nfd("Chi cục [Thuế] khu vực I")},
		{"decomposed text and query", nfd("bồi thường, hỗ trợ"), nfd("thườ"), nfd("bồi [thường], hỗ trợ")},
		{"decomposed query", "Chi cục Thuế khu vực I", nfd("Thuế"), "Chi cục [Thuế] khu vực I"},
		{"two words, one run", "Đẩy nhanh tiến độ giải phóng mặt bằng dự án", "giai pho", "Đẩy nhanh tiến độ [giải phóng] mặt bằng dự án"},
		{"only the last word is a prefix", "Đẩy nhanh tiến độ giải phóng mặt bằng dự án", "gia pho", "Đẩy nhanh tiến độ giải [phóng] mặt bằng dự án"},
		{"two words apart", "Thu ngân sách và bồi thường", "thu boi", "[Thu] ngân sách và [bồi] thường"},
		{"longer word wins", "Chi cục Thuế", "t thue", "Chi cục [Thuế]"},
		{"punctuation after", "Thuế, phí (thuế TNCN); thuê đất.", "thu", "[Thuế], phí ([thuế] TNCN); [thuê] đất."},
		{"quotes and dash", "“Thuế” – COVID-19", "covid thu", "“[Thuế]” – [COVID]-19"},
		{"numbers", "Quyết định 1234/QĐ-UBND", "qđ 12", "Quyết định [1234]/[QĐ]-UBND"},
		{"white space made single", "  bồi \n\t thường  ", "thu", "bồi [thường]"},
		{"markup stays text", `<b>Thuế</b> & "thuê" <script>`, "script thu", `<b>[Thuế]</b> & "[thuê]" <[script]>`},
		{"diacritics typed", "Thuế, thử nghiệm, Thương binh, thửa đất", "thử", "Thuế, [thử] nghiệm, Thương binh, [thửa] đất"},
		{"diacritics typed, whole word", "Thuế, thử nghiệm, Thương binh, thửa đất", "thử đất", "Thuế, [thử] nghiệm, Thương binh, thửa [đất]"},
		{"no diacritics typed", "Thuế, thử nghiệm, Thương binh", "thu", "[Thuế], [thử] nghiệm, [Thương] binh"},
		{"diacritics typed, other tone placement", "Hòa Bình, hoà giải, hoá đơn", "hoà", "[Hòa] Bình, [hoà] giải, hoá đơn"},
		{"diacritics typed, d for đ", "đồi Đá Bạc, dân, Đã", "dồi dá", "[đồi Đá] Bạc, dân, Đã"},
		{"diacritics typed, decomposed text", nfd("Thuế, thử nghiệm"), "thử", nfd("Thuế, [thử] nghiệm")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			segs := highlightQuery(t, tc.text, tc.q, 160)
			if got := Bracketed(segs); got != tc.want {
				t.Errorf("highlight(%q, %q) = %q, want %q", tc.text, tc.q, got, tc.want)
			}
			// Segments carry the text as it is, nothing added: the page
			// escapes it.
			if got, want := SegmentsText(segs), strings.Join(strings.Fields(tc.text), " "); got != want {
				t.Errorf("text of the segments = %q, want %q", got, want)
			}
		})
	}
}

// A long text is cut to a window around the matches, between words: no cut
// splits a syllable or leaves a combining mark without its letter.
func TestHighlightCutsBetweenWords(t *testing.T) {
	before := strings.Repeat("Nội dung không liên quan đến việc cần tìm. ", 30)
	after := strings.Repeat(" Phần sau cũng dài, có dấu.", 30)
	longWord := strings.Repeat("Thuếđấtở", 40) // one "word" of 320 letters, no space
	otherWord := strings.Repeat("Đấtở", 80)
	for _, tc := range []struct {
		name, text, q string
		width         int
		has           string // what the snippet must show
	}{
		{"middle", before + "Chi cục Thuế khu vực I." + after, "thuế khu", 80, "Chi cục [Thuế khu] vực I."},
		{"middle, decomposed", norm.NFD.String(before + "Chi cục Thuế khu vực I." + after), "thu", 80, norm.NFD.String("Chi cục [Thuế] khu")},
		{"start", "Thuế " + after + after, "thu", 60, "[Thuế] Phần sau"},
		{"end", before + "bồi thường", "thu", 60, "bồi [thường]"},
		{"one long word", longWord, "thu", 60, "[Thu"},
		{"one long word, decomposed", norm.NFD.String(longWord), "thu", 61, "[Thu"},
		{"a long word after the match", "bồi thường " + otherWord, "thu", 60, "bồi [thường]…"},
		{"a long word with a break", "bồi thường " + otherWord + "/" + otherWord, "thu", 400, "bồi [thường] Đất"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			segs := highlightQuery(t, tc.text, tc.q, tc.width)
			got := Bracketed(segs)
			if !strings.Contains(got, tc.has) {
				t.Errorf("snippet %q lacks %q", got, tc.has)
			}
			full := strings.Join(strings.Fields(tc.text), " ")
			shown := SegmentsText(segs)
			cutStart := strings.HasPrefix(shown, "…")
			cutEnd := strings.HasSuffix(shown, "…")
			shown = strings.TrimSuffix(strings.TrimPrefix(shown, "…"), "…")
			if n := utf8.RuneCountInString(shown); n > tc.width {
				t.Errorf("snippet has %d characters, want at most %d: %q", n, tc.width, got)
			}
			if strings.HasPrefix(shown, " ") || strings.HasSuffix(shown, " ") {
				t.Errorf("snippet %q has a space next to …", got)
			}
			at := strings.Index(full, shown)
			if at < 0 {
				t.Fatalf("snippet %q is not a piece of the text", got)
			}
			if cutStart != (at > 0) || cutEnd != (at+len(shown) < len(full)) {
				t.Errorf("snippet %q: a cut without …, or … without a cut", got)
			}
			prev, _ := utf8.DecodeLastRuneInString(full[:at])
			first, _ := utf8.DecodeRuneInString(shown)
			if at > 0 && inWord(prev) && inWord(first) || unicode.Is(unicode.Mn, first) {
				t.Errorf("snippet %q starts inside a word (%q|%q)", got, prev, first)
			}
			last, _ := utf8.DecodeLastRuneInString(shown)
			next, _ := utf8.DecodeRuneInString(full[at+len(shown):])
			if unicode.Is(unicode.Mn, next) || strings.Contains(tc.text, " ") && inWord(last) && inWord(next) {
				t.Errorf("snippet %q ends inside a word (%q|%q)", got, last, next)
			}
		})
	}
}

// inWord reports whether r can be part of a word: a letter, a digit or a
// combining mark.
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}
