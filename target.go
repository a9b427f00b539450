package tiendo

import (
	"math"
	"strconv"
	"strings"
)

// MaxValue bounds the magnitude of a value: 2^53, past which a float64
// (what the stores keep) no longer holds every whole number, so
// 1234567890123456789 would be kept as 1234567890123456800. No count,
// rate or sum of money in đồng a committee reports comes near it (9 triệu
// tỷ); a value that does is a slip of the keyboard, and one as long as
// 1e300 would stretch every page that shows it.
const MaxValue = 1 << 53

// CheckValue says why v cannot be a value of t (the actual or the same
// period's value, both in t's unit of measure), or returns nil. written is
// the value as the person typed it ("70%"), or "" when it came as a bare
// number (the API's JSON); the web form and the API both call this, so they
// refuse the same values.
//
// Four mistakes are refused, because they cannot be right whatever
// happened: a value too large to keep exactly (see MaxValue), a value
// written with "%" for a target not measured in % ("70%" for "02 trường"
// would be read as 70 schools), and a negative value for a target that
// counts things (see Counted) or is a share (see Share). Anything that might
// be right but looks odd (a share over 100 %: an enrolment rate can pass it
// when children of the next commune enrol; a negative change) is left to
// CheckReport, which asks for confirmation.
func (t *Target) CheckValue(v float64, written string) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Errorf(EINVALID, "Số liệu không phải là một số; hãy ghi một số, ví dụ 15 hoặc 15,2.")
	}
	if math.Abs(v) >= MaxValue {
		return Errorf(EINVALID, "Số liệu quá lớn: chỉ ghi được số nhỏ hơn 9 triệu tỷ (%s). Hãy kiểm tra lại, có thể đã gõ thừa chữ số.", numberText(MaxValue))
	}
	if strings.HasSuffix(strings.TrimSpace(written), "%") && t.Unit != "%" {
		if t.Unit == "" {
			return Errorf(EINVALID, "Chỉ tiêu này không tính bằng %%; hãy ghi số, không ghi %%.")
		}
		return Errorf(EINVALID, "Chỉ tiêu này tính bằng %s; hãy ghi số %s, không ghi %%.", t.Unit, t.Unit)
	}
	if v < 0 && t.Counted() {
		return Errorf(EINVALID, "Chỉ tiêu này tính bằng %s nên không thể là số âm; hãy ghi số %s (0 nếu chưa có).", t.Unit, t.Unit)
	}
	if v < 0 && t.Share() {
		return Errorf(EINVALID, "Chỉ tiêu này là một tỷ lệ nên không thể là số âm; hãy ghi tỷ lệ đã đạt (0%% nếu chưa có).")
	}
	return nil
}

// Share reports whether t is a proportion in %: "nâng tỷ lệ huy động trẻ
// ra lớp đạt 42%", "tỷ lệ hồ sơ giải quyết trực tuyến đạt 80%". A share of
// something cannot be below zero. A rate of change can ("tỷ lệ tăng dân
// số", "giảm tỷ lệ hộ nghèo 1,5%" is given as the change), so a target with
// a direction, or whose text says it grows or shrinks, is not one.
func (t *Target) Share() bool {
	if t.Unit != "%" || t.Direction != "" {
		return false
	}
	s := strings.ToLower(t.Text)
	if !strings.Contains(s, "tỷ lệ") && !strings.Contains(s, "tỉ lệ") {
		return false
	}
	for _, w := range []string{"tăng", "giảm", "biến động", "chênh lệch", "tốc độ"} {
		if strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// Counted reports whether t's values are amounts that cannot be below zero:
// schools, communes, products, hectares, tonnes. A target with a direction
// ("giảm 10 vụ", "tăng 5 doanh nghiệp") is given as the change achieved,
// which can go the other way; a rate in % can be a change too; money can be
// a loss or a deficit; points and degrees can be below zero; and a target
// with no unit is not known to count anything.
func (t *Target) Counted() bool {
	if t.Direction != "" {
		return false
	}
	u := strings.ToLower(strings.TrimSpace(t.Unit))
	switch u {
	case "", "%", "điểm", "độ", "bậc":
		return false
	}
	// Money, also when the parser kept only its scale ("lỗ 5 tỷ" gives "tỷ").
	for _, m := range []string{"đồng", "usd", "tỷ", "triệu", "nghìn", "ngàn"} {
		if strings.Contains(u, m) {
			return false
		}
	}
	return true
}

// Whole reports whether t counts things that come whole: schools,
// communes, health stations, products. Counted amounts measured on a
// scale (hectares, tonnes, kilometres, hours) are not: 10,6 ha is an area,
// 2,1 trường is no school.
func (t *Target) Whole() bool {
	if !t.Counted() {
		return false
	}
	u := strings.ToLower(strings.TrimSpace(t.Unit))
	if strings.Contains(u, "/") {
		return false // a ratio: tạ/ha, giường/vạn dân, m2/người
	}
	first, _, _ := strings.Cut(u, " ")
	switch first {
	case "ha", "hécta", "héc-ta", "hecta", "m", "m2", "m²", "m3", "m³", "km", "km2", "km²", "mét", "tấn", "tạ", "kg", "g", "lít", "l",
		"kw", "kwh", "mw", "mwh", "giờ", "ngày", "tháng", "năm":
		return false
	}
	return true
}

// numberText writes f as the pages write a value, the Vietnamese way with
// the decimals it needs: 41150 is "41.150", 15.2 is "15,2". It is
// vi.FormatNumber(f, -1), which this package cannot import (vi imports it);
// the root package needs it only to quote a value in a message.
func numberText(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
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
