package web

import (
	"strings"

	"tiendo"
)

// ValueHint is the line under a target's "Thực hiện" field that says what
// to type in it. A change ("giảm tỷ lệ hộ nghèo từ 3% trở lên", "thu nội
// địa tăng 10% so với dự toán") is judged on how far the measure moved
// (tiendo.Assess), so the unit is told to give the change, not the level
// reached, which it would otherwise be as likely to type (3,2% or 1,8%?);
// a ceiling ("giảm tỷ lệ hộ nghèo xuống còn dưới 4%") is judged on the
// level, so it is told the opposite. Other targets get examples of how to
// write a number. It reads the target's comparator, direction, reference
// and unit, never its text, which the office may have worded any way.
func (p *reportPage) ValueHint(t *tiendo.Target) string { return valueHint(t) }

func valueHint(t *tiendo.Target) string {
	unit := strings.TrimSpace(t.Unit)
	example := func(pct string) string {
		switch unit {
		case "%":
			return "Ví dụ: " + pct + "%"
		case "":
			return "Ví dụ: 12"
		}
		return "Ví dụ: 12 (tính bằng " + unit + ")"
	}
	against := map[string]string{"same-period": " so với cùng kỳ năm trước", "estimate": " so với dự toán", "plan": " so với kế hoạch"}[t.RelativeTo]
	ceiling := t.Comparator == tiendo.AtMost || t.Comparator == tiendo.LessThan
	switch {
	case t.Direction == "decrease" && !ceiling:
		return "Ghi mức đã giảm được" + against + ", không ghi mức hiện tại; nếu không giảm mà tăng, ghi số âm. " + example("3,2")
	case t.Direction == "increase" && !ceiling:
		return "Ghi mức đã tăng được" + against + ", không ghi mức hiện tại; nếu không tăng mà giảm, ghi số âm. " + example("12,5")
	case ceiling:
		// A ceiling with a direction ("giảm không quá 2%") is a change
		// kept under a bound: still the change.
		if t.Direction == "decrease" {
			return "Ghi mức đã giảm" + against + ", không ghi mức hiện tại. " + example("1,5")
		}
		if t.Direction == "increase" {
			return "Ghi mức đã tăng" + against + ", không ghi mức hiện tại. " + example("1,5")
		}
		return "Ghi mức hiện tại (đã xuống còn bao nhiêu), không ghi mức đã giảm được. " + example("3,8")
	}
	// A level to reach or a count: how to write the number, as before.
	s := "ví dụ: 15,2 · 1.234,5"
	if t.Whole() {
		s = "ví dụ: 15 · 1.234"
	}
	switch unit {
	case "":
	case "%":
		s += " · 70%"
	default:
		s += " (tính bằng " + unit + ")"
	}
	return s
}
