package vi

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"tiendo"
)

// numberHelp lists the accepted forms; every ParseNumber error ends with it
// so the person typing knows what to write instead.
const numberHelp = "Viết số theo kiểu Việt Nam: dấu phẩy trước phần thập phân, dấu chấm giữa các nhóm nghìn, ví dụ: 15; 15,2; 1.234,5 hoặc 70%."

// ParseNumber reads a number written the Vietnamese way: "," before the
// decimals and "." between groups of thousands ("1.234,5" is 1234.5, "15,2"
// is 15.2, "15.000" is 15000), leading zeros allowed ("02" is 2), a trailing
// percent sign dropped ("70%", "70 %" are 70) and an optional sign.
//
// A lone "." followed by other than three digits ("15.2") is read as a
// decimal point, since no thousands grouping can produce it and people do
// type it that way. Errors are *tiendo.Error with code tiendo.EINVALID and a
// Vietnamese message that shows the accepted forms.
func ParseNumber(s string) (float64, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = strings.TrimSpace(s[1:])
	}
	if s == "" {
		return 0, numberError(orig)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && c != '.' && c != ',' {
			return 0, numberError(orig)
		}
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, ','); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
		if frac == "" || strings.ContainsAny(frac, ".,") {
			return 0, numberError(orig)
		}
	}
	if intPart == "" {
		return 0, numberError(orig)
	}
	groups := strings.Split(intPart, ".")
	switch {
	case len(groups) == 1:
	case len(groups) == 2 && frac == "" && len(groups[1]) != 3:
		// "15.2": a decimal point written the English way.
		if groups[0] == "" || groups[1] == "" {
			return 0, numberError(orig)
		}
		intPart, frac = groups[0], groups[1]
		groups = []string{intPart}
	default:
		if groups[0] == "" || len(groups[0]) > 3 {
			return 0, numberError(orig)
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, numberError(orig)
			}
		}
	}
	digits := strings.Join(groups, "")
	if frac != "" {
		digits += "." + frac
	}
	f, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, numberError(orig)
	}
	if neg {
		f = -f
	}
	return f, nil
}

// ParseNumberIn is ParseNumber for a value counted in unit ("sản phẩm",
// "triệu đồng"): the unit may follow the number, as people write it on
// paper ("2 sản phẩm", "12.500 triệu đồng", with or without diacritics).
// A number followed by other words is refused with a message that says to
// write the number alone and names the unit.
//
// What people paste from Word and Excel is read too: a minus sign or an
// en dash before the number ("−5"), no-break and thin spaces, and
// thousands grouped by spaces ("1 234,5", "12 500 triệu đồng").
func ParseNumberIn(s, unit string) (float64, error) {
	orig := s
	s = typedNumber(s)
	f, err := ParseNumber(s)
	if err != nil {
		err = numberErrorOf(orig, s) // shown as typed, checked as read
	}
	unit = strings.TrimSpace(unit)
	if err == nil || unit == "" || unit == "%" {
		return f, err
	}
	words, unitWords := strings.Fields(s), strings.Fields(unit)
	n := len(words) - len(unitWords)
	if n > 0 && Fold(strings.Join(words[n:], " ")) == Fold(strings.Join(unitWords, " ")) {
		num := strings.Join(words[:n], " ")
		if strings.Contains(num, "%") {
			// "70% sản phẩm" is a share, not 70 of them.
			return 0, tiendo.Errorf(tiendo.EINVALID, "Chỉ tiêu này tính bằng %s; hãy ghi số %s, không ghi %%.", unit, unit)
		}
		if f, err := ParseNumber(num); err == nil {
			return f, nil
		}
	}
	if len(words) > 1 {
		if _, err := ParseNumber(words[0]); err == nil {
			example := "15"
			if len(words) == 2 {
				example = words[0] // "2 cái": the number itself
			}
			return 0, tiendo.Errorf(tiendo.EINVALID, "Sau số chỉ ghi được đơn vị của chỉ tiêu (%s), ví dụ %s hoặc %s %s; nếu số liệu tính bằng đơn vị khác, hãy đổi sang %s.", unit, example, example, unit, unit)
		}
	}
	return 0, err
}

// typedNumber turns what a word processor or a spreadsheet puts in a
// number into what ParseNumber reads: a leading minus sign or en dash into
// "-", no-break and thin spaces into spaces, and the spaces between groups
// of thousands dropped ("1 234,5" into "1234,5"): a first group of one to
// three digits, then groups of exactly three, the last of which may carry
// the decimals or a percent sign. Anything else is left as it is.
func typedNumber(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00A0', '\u202F', '\u2009', '\u2007':
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
	for _, dash := range []string{"\u2212", "\u2013"} {
		if rest, ok := strings.CutPrefix(s, dash); ok {
			s = "-" + rest
		}
	}
	f := strings.Fields(s)
	if len(f) > 2 && (f[0] == "-" || f[0] == "+") {
		f = append([]string{f[0] + f[1]}, f[2:]...) // "- 1 500"
	}
	if len(f) < 2 {
		return s
	}
	lead := strings.TrimLeft(f[0], "+-")
	if lead == "" || len(lead) > 3 || strings.Trim(lead, "0123456789") != "" {
		return s
	}
	n := 1
	for n < len(f) && isGroup(f[n], n == len(f)-1 || !isGroup(f[n+1], false)) {
		n++
	}
	if n == 1 {
		return s
	}
	return strings.Join(append([]string{strings.Join(f[:n], "")}, f[n:]...), " ")
}

// isGroup says whether w is three digits, followed, when last, by the
// decimals ("500,25") or a percent sign.
func isGroup(w string, last bool) bool {
	if len(w) < 3 || strings.Trim(w[:3], "0123456789") != "" {
		return false
	}
	rest := w[3:]
	if !last || rest == "" {
		return rest == ""
	}
	rest = strings.TrimSuffix(rest, "%")
	if rest == "" {
		return true
	}
	d, ok := strings.CutPrefix(rest, ",")
	return ok && d != "" && strings.Trim(d, "0123456789") == ""
}

func numberError(s string) error { return numberErrorOf(s, s) }

// numberErrorOf is the message for shown, typed, which was read as read: a
// character read cannot use is named, one it reads (a pasted minus sign,
// a no-break space) is not blamed.
func numberErrorOf(shown, read string) error {
	s := shown
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	what := "không phải là số."
	for _, r := range read {
		if !strings.ContainsRune("0123456789.,%+- ", r) {
			what = fmt.Sprintf("không phải là số: không dùng được ký tự %s trong số.", Quote(string(r)))
			break
		}
	}
	return tiendo.Errorf(tiendo.EINVALID, "%s %s %s", Quote(s), what, numberHelp)
}

// Quote puts s in Vietnamese quotation marks (“…”), as a message shows
// what someone typed; what does not print (control characters, invisible
// and direction-changing marks, spaces other than the plain one) is
// written as an escape ("\n", "\u202e").
func Quote(s string) string {
	var b strings.Builder
	b.WriteString("“")
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			b.WriteString(strings.Trim(strconv.QuoteRuneToASCII(r), "'"))
			continue
		}
		b.WriteRune(r)
	}
	b.WriteString("”")
	return b.String()
}

// FormatNumber writes f the Vietnamese way with the given number of
// decimals: FormatNumber(1234.5, 1) is "1.234,5". A negative decimals keeps
// as many as f needs and no trailing zeros (FormatNumber(15.2, -1) is
// "15,2"), which ParseNumber reads back to the same value.
func FormatNumber(f float64, decimals int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i := range len(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(intPart[i])
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}
