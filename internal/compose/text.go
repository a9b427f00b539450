package compose

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// fold is the key names are compared by: no diacritics, lower case, single
// spaces.
func fold(s string) string { return strings.Join(strings.Fields(vi.Fold(s)), " ") }

// oneLine is s in NFC on one line with single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(vi.NFC(s)), " ") }

// cutFoldPrefix cuts prefix (folded, ASCII) from the start of s compared
// without case or diacritics.
func cutFoldPrefix(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || fold(s[:len(prefix)]) != prefix {
		return s, false
	}
	return s[len(prefix):], true
}

// lowerFirst lowers the first letter of a sentence that goes inside
// another, unless the first word is an abbreviation or a name in capitals
// ("UBND", "OCOP").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	w, _, _ := strings.Cut(s, " ")
	if utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// shortIssuer is how the letter names its issuer in its own sentences:
// "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG" is "UBND huyện"; another body is its
// name with only the first letter capital.
func shortIssuer(issuer string) string {
	s := oneLine(issuer)
	if s == "" {
		return "UBND"
	}
	f := fold(s)
	for _, head := range []string{"uy ban nhan dan ", "ubnd "} {
		rest, ok := strings.CutPrefix(f, head)
		if !ok {
			continue
		}
		for _, level := range []string{"thanh pho", "thi xa", "thi tran", "huyen", "tinh", "xa", "quan", "phuong"} {
			if rest == level || strings.HasPrefix(rest, level+" ") {
				return "UBND " + map[string]string{
					"thanh pho": "thành phố", "thi xa": "thị xã", "thi tran": "thị trấn", "huyen": "huyện",
					"tinh": "tỉnh", "xa": "xã", "quan": "quận", "phuong": "phường",
				}[level]
			}
		}
		return "UBND"
	}
	if strings.ToUpper(s) == s {
		return vi.UpperFirst(strings.ToLower(s))
	}
	return s
}

// joinAnd joins a list the Vietnamese way: "a, b và c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " và " + items[len(items)-1]
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// isoDate reads "YYYY-MM-DD" as the start of that day in tiendo.Zone; a
// blank-day "YYYY-MM" or anything else is not a date.
func isoDate(s string) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), tiendo.Zone)
	return t, err == nil
}
