package directive

import (
	"strings"

	"tiendo/internal/vi"
)

// jointSignatures keeps, of a joint document's two signature blocks set
// side by side ("pdftotext -layout"), the right-hand one:
//
//	  CÔNG AN TỈNH X                      SỞ Y TẾ
//	   KT. GIÁM ĐỐC                     KT. GIÁM ĐỐC
//	   PHÓ GIÁM ĐỐC                     PHÓ GIÁM ĐỐC
//	Đại tá Nguyễn Văn A                 Trần Thị B
//
// Decree 30 has the body that leads a joint document (cơ quan chủ trì) sign
// on the right and its partner on the left; the result has one signer, the
// lead's. The blocks are known by a line of two authority lines ("KT.",
// "TM.") or two positions side by side; the lines around it that are
// signature lines too (the bodies' names, "(Đã ký)", the names) lose their
// left-hand part. Lines are changed in place.
func jointSignatures(raw []string) {
	for i := 0; i < len(raw) && i < 100000; i++ {
		segs := segments(raw[i])
		if len(segs) != 2 || !sigPair(segs[0].text, segs[1].text) {
			continue
		}
		if gap := segs[1].at - segs[0].at - len([]rune(segs[0].text)); gap < 4 {
			continue
		}
		mid := (segs[0].at + segs[1].at) / 2
		from, to := i, i
		for j, n := i-1, 0; j >= 0 && n < 3; j-- {
			if strings.TrimSpace(raw[j]) == "" {
				continue
			}
			if !sigLine(raw[j]) {
				break
			}
			from, n = j, n+1
		}
		for j, n := i+1, 0; j < len(raw) && n < 8; j++ {
			if strings.TrimSpace(raw[j]) == "" {
				continue
			}
			if !sigLine(raw[j]) {
				break
			}
			to, n = j, n+1
		}
		for j := from; j <= to; j++ {
			var keep []string
			for _, g := range segments(raw[j]) {
				if g.at >= mid {
					keep = append(keep, g.text)
				}
			}
			if len(keep) == 0 {
				raw[j] = ""
				continue
			}
			raw[j] = strings.Repeat(" ", mid) + strings.Join(keep, "  ")
		}
		i = to
	}
}

// sigPair reports whether a and b, side by side, are two signature blocks'
// authority lines or positions.
func sigPair(a, b string) bool {
	if !isUpper(a) || !isUpper(b) {
		return false
	}
	fa, fb := vi.Fold(a), vi.Fold(b)
	return reAuthLine.MatchString(fa) && reAuthLine.MatchString(fb) || looksLikeTitle(fa) && looksLikeTitle(fb)
}

// sigLine reports whether every part of a line can be a signature block's:
// a body's name or a position in capitals, "(Đã ký)", a person's name (a
// rank before it, "Đại tá Nguyễn Văn A").
func sigLine(s string) bool {
	segs := segments(s)
	if len(segs) == 0 || len(segs) > 2 {
		return false
	}
	for _, g := range segs {
		t := g.text
		f := vi.Fold(t)
		switch {
		case reNoiNhan.MatchString(f) || isBullet(t) || strings.Contains(t, "./."):
			return false
		case isUpper(t) && !strings.ContainsAny(t, ":;") && len(t) < 80:
		case reSigned.MatchString(f):
		case isName(t) || isName(strings.Join(strings.Fields(t)[min(2, len(strings.Fields(t))):], " ")):
		default:
			return false
		}
	}
	return true
}
