package vi

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tiendo"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Hữu Lũng", "huu lung"},
		{"ĐẢNG CỘNG SẢN", "dang cong san"},
		{"đường", "duong"},
		{"hoà", "hoa"},
		{"hòa", "hoa"},
		{"Thuỷ", "thuy"},
		{"Thủy", "thuy"},
		{"Nông nghiệp & PTNT", "nong nghiep & ptnt"},
		{"ho\u0300a", "hoa"}, // decomposed input
		{"\u0300", ""},       // a lone mark
		{"Ω ß 東京", "ω ß 東京"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if Fold("CỘNG HOÀ") != Fold("Cộng hòa") {
		t.Errorf("tone placement variants fold differently")
	}
}

func TestNFC(t *testing.T) {
	if got, want := NFC("Ho\u0300a"), "Hòa"; got != want {
		t.Errorf("NFC = %q, want %q", got, want)
	}
	if got, want := NFC("Hòa"), "Hòa"; got != want {
		t.Errorf("NFC = %q, want %q", got, want)
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"15,2", 15.2},
		{"1.234,5", 1234.5},
		{"15.000", 15000},
		{"1.234.567", 1234567},
		{"02", 2},
		{"0", 0},
		{"70%", 70},
		{"70 %", 70},
		{" 42 ", 42},
		{"-3,5", -3.5},
		{"+4", 4},
		{"15.2", 15.2}, // a lone English decimal point
		{"0,05", 0.05},
		{"1,234", 1.234}, // the comma is always the decimal separator
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in)
		if err != nil {
			t.Errorf("ParseNumber(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseNumberErrors(t *testing.T) {
	for _, in := range []string{"", "%", "abc", "1,2,3", "1.23.4", "1.234.56", "1234.567", ",5", "5,", ".5", "15.", "1 000", "1e5", "--1", "12a", "1.234,5,6", "1,5.000"} {
		_, err := ParseNumber(in)
		if err == nil {
			t.Errorf("ParseNumber(%q): no error", in)
			continue
		}
		var e *tiendo.Error
		if !errors.As(err, &e) || e.Code != tiendo.EINVALID {
			t.Errorf("ParseNumber(%q) error = %v, want a tiendo.EINVALID error", in, err)
		}
		if !strings.Contains(e.Message, "1.234,5") {
			t.Errorf("ParseNumber(%q) message %q does not show the accepted forms", in, e.Message)
		}
	}
	// The message quotes what was typed the Vietnamese way and names the
	// character that cannot be in a number.
	_, err := ParseNumber("12a")
	if want := "“12a” không phải là số: không dùng được ký tự “a” trong số."; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("ParseNumber(\"12a\") = %v, want a message containing %q", err, want)
	}
	// What ParseNumberIn reads (a pasted minus sign, a no-break space) is
	// not blamed when something else is wrong.
	if _, err := ParseNumberIn("\u221215,2,3", ""); err == nil || strings.Contains(err.Error(), "ký tự") || !strings.Contains(err.Error(), "“\u221215,2,3”") {
		t.Errorf("ParseNumberIn(\"−15,2,3\") = %v, want the plain message quoting it as typed", err)
	}
	if _, err := ParseNumberIn("1\u00a0234.5x", ""); err == nil || !strings.Contains(err.Error(), "ký tự “x”") {
		t.Errorf("ParseNumberIn(\"1 234.5x\") = %v, want the “x” named", err)
	}
	if _, err := ParseNumber("1,2,3"); err == nil || !strings.Contains(err.Error(), "“1,2,3” không phải là số. Viết số") {
		t.Errorf("ParseNumber(\"1,2,3\") = %v, want the plain message", err)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		f        float64
		decimals int
		want     string
	}{
		{1234.5, 1, "1.234,5"},
		{1234.5, -1, "1.234,5"},
		{15.2, -1, "15,2"},
		{15000, 0, "15.000"},
		{1234567.891, 2, "1.234.567,89"},
		{0, 0, "0"},
		{-1234.5, 1, "-1.234,5"},
		{-0.001, 1, "0,0"},
		{100, 0, "100"},
		{999, 0, "999"},
		{70, -1, "70"},
		{0.5, 0, "0"}, // round half to even, like strconv
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.f, tt.decimals); got != tt.want {
			t.Errorf("FormatNumber(%v, %d) = %q, want %q", tt.f, tt.decimals, got, tt.want)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"15,2", "1.234,5", "15.000", "02", "70%", "70 %", "-3", "1.2.3", ",", "9999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		// What we write, we read back to the same value.
		out := FormatNumber(v, -1)
		back, err := ParseNumber(out)
		if err != nil {
			t.Fatalf("ParseNumber(FormatNumber(%v)) = %q: %v", v, out, err)
		}
		if back != v {
			t.Fatalf("round trip of %q: %v -> %q -> %v", s, v, out, back)
		}
	})
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		str  string
	}{
		{"07/6/2022", Date{2022, 6, 7}, "2022-06-07"},
		{"26/07/2021", Date{2021, 7, 26}, "2021-07-26"},
		{"20.7.2020", Date{2020, 7, 20}, "2020-07-20"},
		{"20-7-2020", Date{2020, 7, 20}, "2020-07-20"},
		{"ngày 07 tháng 6 năm 2022", Date{2022, 6, 7}, "2022-06-07"},
		{"ngày 6 tháng 4 năm 2011", Date{2011, 4, 6}, "2011-04-06"},
		{"Ngày 11 tháng 03 năm 2016", Date{2016, 3, 11}, "2016-03-11"},
		{"ngày   tháng 6 năm 2022", Date{2022, 6, 0}, "2022-06"},
		{"ngày ... tháng 6 năm 2022", Date{2022, 6, 0}, "2022-06"},
		{"ngày    tháng    năm 2022", Date{2022, 0, 0}, ""},
		{"29/2/2024", Date{2024, 2, 29}, "2024-02-29"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if got.String() != tt.str {
			t.Errorf("ParseDate(%q).String() = %q, want %q", tt.in, got.String(), tt.str)
		}
	}
	for _, in := range []string{"", "31/6/2022", "29/2/2023", "7/13/2022", "07/6.2022", "ngày 07 tháng năm 2022", "hôm qua", "1/1/22"} {
		if d, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %+v, want an error", in, d)
		} else if tiendo.ErrorCode(err) != tiendo.EINVALID {
			t.Errorf("ParseDate(%q) error code = %q, want %q", in, tiendo.ErrorCode(err), tiendo.EINVALID)
		}
	}
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b Date
		want int
	}{
		{Date{2022, 6, 7}, Date{2022, 6, 7}, 0},
		{Date{2022, 6, 7}, Date{2022, 6, 8}, -1},
		{Date{2022, 7, 1}, Date{2022, 6, 30}, 1},
		{Date{2022, 6, 0}, Date{2022, 6, 7}, 0},
		{Date{2022, 5, 0}, Date{2022, 6, 7}, -1},
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{2022, 6, 5}, "ngày 05 tháng 6 năm 2022"},
		{Date{2022, 1, 15}, "ngày 15 tháng 01 năm 2022"},
		{Date{2022, 12, 31}, "ngày 31 tháng 12 năm 2022"},
		{Date{2022, 6, 0}, "ngày      tháng 6 năm 2022"},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.d); got != tt.want {
			t.Errorf("FormatDate(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// isNFC never says yes to a string that NFC would change: checked for
// every rune alone and for random strings of three runes drawn from the
// table's range, combining marks and Hangul jamo, against norm's check.
func TestIsNFCAgreesWithNorm(t *testing.T) {
	for r := rune(0); r < quickRunes+0x100; r++ {
		s := string(r)
		if isNFC(s) && !norm.NFC.IsNormalString(s) {
			t.Errorf("isNFC(%U) = true, but NFC changes it", r)
		}
	}
	pool := []rune{'a', 'A', 'o', 'e', 'u', 'đ', 'ư', 'ơ', 'ô', 'ă', 'ặ', 'ẫ', 'ỹ', 'Ự', '–', '“', ' ', 0x300, 0x301, 0x303, 0x309, 0x323, 0x340, 0x1100, 0x1161, 0x11A8, 0x2126, 0x212B, 0x1F71}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		for range 3 {
			if rng.IntN(2) == 0 {
				b.WriteRune(pool[rng.IntN(len(pool))])
			} else {
				b.WriteRune(rune(0x80 + rng.IntN(quickRunes-0x80)))
			}
		}
		s := b.String()
		if isNFC(s) && !norm.NFC.IsNormalString(s) {
			t.Fatalf("isNFC(%+q) = true, but NFC gives %+q", s, norm.NFC.String(s))
		}
	}
	// Vietnamese in precomposed letters takes the quick path; decomposed
	// Vietnamese does not, and NFC composes it.
	if !isNFC("Ủy ban nhân dân huyện Hữu Lũng – “đạt 95%”") {
		t.Error("precomposed Vietnamese should pass the quick check")
	}
	if d := norm.NFD.String("Hữu Lũng"); isNFC(d) || NFC(d) != "Hữu Lũng" {
		t.Errorf("decomposed text: isNFC %v, NFC %+q", isNFC(d), NFC(d))
	}
}

func BenchmarkNFC(b *testing.B) {
	s := strings.Repeat("Đơn vị đã quán triệt và triển khai nhiệm vụ đến từng thôn, tổ dân phố; giải quyết đúng hạn 95,5%. ", 10)
	b.SetBytes(int64(len(s)))
	b.Run("vi", func(b *testing.B) {
		for b.Loop() {
			NFC(s)
		}
	})
	b.Run("norm", func(b *testing.B) {
		for b.Loop() {
			norm.NFC.IsNormalString(s)
		}
	})
}

func TestUpperFirst(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"báo cáo kết quả", "Báo cáo kết quả"},
		{"đợt 1", "Đợt 1"},
		{"Đã có", "Đã có"},
		{"", ""},
		{"\xffabc", "\xffabc"},
	} {
		if got := UpperFirst(tc.in); got != tc.want {
			t.Errorf("UpperFirst(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBodyKey(t *testing.T) {
	want := "uy ban nhan dan huyen huu lung"
	for _, name := range []string{"ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG", "UBND huyện Hữu Lũng", "Uỷ ban nhân dân\nhuyện  Hữu Lũng", "Ủy ban nhân dân huyện Hữu Lũng"} {
		if got := BodyKey(name); got != want {
			t.Errorf("BodyKey(%q) = %q, want %q", name, got, want)
		}
	}
	if BodyKey("HĐND tỉnh Lạng Sơn") != BodyKey("Hội đồng nhân dân tỉnh Lạng Sơn") || BodyKey("UBND tỉnh Lạng Sơn") == BodyKey("UBND huyện Lạng Sơn") {
		t.Error("HĐND written out differs, or two bodies share a key")
	}
}

// The examples a number error gives are set apart by ";" and "hoặc", since
// the comma is the decimal mark ("15, 15,2" read as three numbers), and
// each one is a number the parser takes.
func TestNumberHelpExamples(t *testing.T) {
	_, list, ok := strings.Cut(numberHelp, "ví dụ: ")
	if !ok {
		t.Fatalf("numberHelp = %q, want examples after \"ví dụ: \"", numberHelp)
	}
	list = strings.TrimSuffix(list, ".")
	examples := strings.FieldsFunc(strings.ReplaceAll(list, " hoặc ", ";"), func(r rune) bool { return r == ';' })
	if len(examples) < 3 {
		t.Fatalf("examples %q: want several, set apart by \";\"", examples)
	}
	for _, e := range examples {
		if _, err := ParseNumber(strings.TrimSpace(e)); err != nil {
			t.Errorf("example %q: %v", e, err)
		}
	}
}

// A value may be written with its target's unit after it, as on paper;
// another word after the number is refused with the unit named.
func TestParseNumberIn(t *testing.T) {
	for _, tt := range []struct {
		in, unit string
		want     float64
	}{
		{"2 sản phẩm", "sản phẩm", 2},
		{"2 san pham", "sản phẩm", 2},
		{" 12.500,5  triệu đồng ", "triệu đồng", 12500.5},
		{"3 Hộ", "hộ", 3},
		{"15", "km", 15},
		{"70%", "%", 70},
		{"70 %", "%", 70},
		{"1.234", "người", 1234},
		// As pasted from Word and Excel: a minus sign or an en dash, thousands
		// grouped by spaces, no-break or thin ones.
		{"\u22125", "", -5},
		{"\u2013 3,5", "%", -3.5},
		{"1 234,5", "", 1234.5},
		{"1 234 567", "", 1234567},
		{"12\u00a0500 triệu đồng", "triệu đồng", 12500},
		{"1\u202f234,5 tấn", "tấn", 1234.5},
		{"1 234 sản phẩm", "sản phẩm", 1234},
		{"\u2212 1 500", "", -1500},
	} {
		got, err := ParseNumberIn(tt.in, tt.unit)
		if err != nil || got != tt.want {
			t.Errorf("ParseNumberIn(%q, %q) = %v, %v; want %v", tt.in, tt.unit, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ in, unit, says string }{
		{"2 cái", "sản phẩm", "Sau số chỉ ghi được đơn vị của chỉ tiêu (sản phẩm), ví dụ 2 hoặc 2 sản phẩm; nếu số liệu tính bằng đơn vị khác, hãy đổi sang sản phẩm."},
		{"2 triệu đồng", "tỷ đồng", "hãy đổi sang tỷ đồng"},
		{"1 2345 sản phẩm", "sản phẩm", "ví dụ 15 hoặc 15 sản phẩm"},
		{"1234 567", "", "1.234,5"},
		{"1 23", "", "1.234,5"},
		{"1 234,5 678", "", "1.234,5"},
		{"70% sản phẩm", "sản phẩm", "Chỉ tiêu này tính bằng sản phẩm; hãy ghi số sản phẩm, không ghi %."},
		{"70 % sản phẩm", "sản phẩm", "không ghi %"},
		{"2 sản phẩm", "", "1.234,5"},
		{"sản phẩm", "sản phẩm", "1.234,5"},
		{"khoảng 2 sản phẩm", "sản phẩm", "1.234,5"},
		{"2 phẩm", "sản phẩm", "đơn vị của chỉ tiêu (sản phẩm)"},
		{"70 % kế hoạch", "%", "1.234,5"},
	} {
		_, err := ParseNumberIn(tt.in, tt.unit)
		var e *tiendo.Error
		if !errors.As(err, &e) || e.Code != tiendo.EINVALID || !strings.Contains(e.Message, tt.says) {
			t.Errorf("ParseNumberIn(%q, %q) = %v; want an EINVALID error saying %q", tt.in, tt.unit, err, tt.says)
		}
	}
}

func FuzzParseNumberIn(f *testing.F) {
	for _, s := range []string{"1 234,5", "\u22125", "12\u00a0500 triệu đồng", "- 1 500", "1 234% sản phẩm", "2 cái", "– 3,5 %"} {
		f.Add(s, "triệu đồng")
	}
	f.Fuzz(func(t *testing.T, s, unit string) {
		v, err := ParseNumberIn(s, unit)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumberIn(%q, %q) = %v", s, unit, v)
		}
		// Spaces between groups of thousands only join digits: what was
		// read is what ParseNumber reads with those spaces taken out.
		if w, err := ParseNumber(strings.ReplaceAll(typedNumber(s), " ", "")); err == nil && unit == "" && w != v {
			t.Fatalf("ParseNumberIn(%q) = %v, but without the spaces it is %v", s, v, w)
		}
	})
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"ttptqd":           "“ttptqd”",
		`bao "cao".docx`:   "“bao \"cao\".docx”",
		"hai\ndòng\t":      "“hai\\ndòng\\t”",
		"":                 "“”",
		"hoa\u202egpj.exe": "“hoa\\u202egpj.exe”",
		"a\u00a0b\u200bc":  "“a\\u00a0b\\u200bc”",
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %q, want %q", in, got, want)
		}
	}
}
