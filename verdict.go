package tiendo

// Verdict is how an actual value stands against its target.
type Verdict string

// Verdicts, as the API names them.
const (
	VerdictMet      Verdict = "met"
	VerdictExceeded Verdict = "exceeded"
	VerdictNotMet   Verdict = "not_met"
	VerdictNoData   Verdict = "no_data"
)

// Label is the Vietnamese word for the verdict.
func (v Verdict) Label() string {
	switch v {
	case VerdictMet:
		return "Đạt"
	case VerdictExceeded:
		return "Vượt"
	case VerdictNotMet:
		return "Chưa đạt"
	}
	return "Chưa có số liệu"
}

// Assess judges an actual against a target. The actual is in the target's
// own terms: for "giảm tỷ lệ hộ nghèo từ 3% trở lên" it is the decrease
// achieved, for "tăng 10% so với dự toán" the increase over the estimate;
// so the comparator applies to it directly, whatever the direction.
//
// ">=" and "=" (a count or rate to reach: "đạt 42%", "02 trường") are met
// at the value and exceeded beyond it; "<=" is met at the value and
// exceeded below it; the strict ">" and "<" are met when satisfied. The
// ratio is actual/goal for goals to reach and goal/actual for ceilings, so
// 65 against ">= 70" is 0.929 ("bằng 92,9% kế hoạch"); it is 0 when it
// cannot be computed (no data, a zero goal or actual).
func Assess(t *Target, actual *float64) (Verdict, float64) {
	if actual == nil {
		return VerdictNoData, 0
	}
	a, g := *actual, t.Value
	ratio := func(num, den float64) float64 {
		if den == 0 {
			return 0
		}
		return num / den
	}
	switch t.Comparator {
	case AtMost, LessThan:
		r := ratio(g, a)
		switch {
		case t.Comparator == LessThan && a < g, t.Comparator == AtMost && a == g:
			return VerdictMet, r
		case t.Comparator == AtMost && a < g:
			return VerdictExceeded, r
		}
		return VerdictNotMet, r
	case MoreThan:
		if a > g {
			return VerdictMet, ratio(a, g)
		}
		return VerdictNotMet, ratio(a, g)
	}
	// AtLeast, Equal and a missing comparator: a goal to reach.
	switch {
	case a > g:
		return VerdictExceeded, ratio(a, g)
	case a == g:
		return VerdictMet, ratio(a, g)
	}
	return VerdictNotMet, ratio(a, g)
}
