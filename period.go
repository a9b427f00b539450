package tiendo

import (
	"strconv"
	"time"
)

// Cut-off days (ngày chốt số liệu). A periodic report covers the data of a
// window of days that is separate from its deadline: provinces commonly
// count from the 15th of the month before the period to the 14th of its last
// month (Decree 09/2019/NĐ-CP lets each body set it), so "6 tháng đầu năm
// 2022" covers 15/12/2021 to 14/06/2022. The day is a setting of the issuer.
const (
	// DefaultCutoffDay is the provinces' common 15th-to-14th rule.
	DefaultCutoffDay = 15
	// CalendarCutoffDay counts calendar months: the half-year is 01/01 to 30/06.
	CalendarCutoffDay = 1
	// MaxCutoffDay is the last day every month has, February included, so
	// that a window never skips or repeats a day.
	MaxCutoffDay = 28
)

// ValidCutoffDay reports whether day can be an issuer's cut-off day: 1
// (calendar months) to MaxCutoffDay.
func ValidCutoffDay(day int) bool { return day >= CalendarCutoffDay && day <= MaxCutoffDay }

// Window is the data window of a period (thời gian chốt số liệu): the days
// whose data a periodic report covers, from From to To inclusive, each the
// start of its day in Zone. The zero Window is "not known".
type Window struct {
	From time.Time `json:"from"` // the first day
	To   time.Time `json:"to"`   // the last day, counted whole ("đến hết ngày")
}

// IsZero reports whether the window is unknown.
func (w Window) IsZero() bool { return w.From.IsZero() }

// End is the instant the window closes: the start of the day after To.
func (w Window) End() time.Time {
	if w.IsZero() {
		return time.Time{}
	}
	return w.To.AddDate(0, 0, 1)
}

// Contains reports whether instant t falls inside the window.
func (w Window) Contains(t time.Time) bool {
	return !w.IsZero() && !t.Before(w.From) && t.Before(w.End())
}

// Valid reports whether p names a period a window can be computed for: a
// known kind with an index in range and a plausible year.
func (p Period) Valid() bool {
	_, _, ok := p.months()
	return ok
}

// Check says what is wrong with p as an office enters it on a form, as
// the field ("kind", "index" or "year") and a message; "" when nothing is.
// A kind not yet known ("") or PeriodOther needs no index, and "" no year;
// the others need a year, and a month, quarter or half-year its number.
// Normalized gives the period to keep.
func (p Period) Check() (field, message string) {
	switch p.Kind {
	case "", PeriodOther, PeriodNineMonth, PeriodYear:
	case PeriodMonth:
		if p.Index < 1 || p.Index > 12 {
			return "index", "Kỳ báo cáo là tháng: hãy ghi tháng, từ 1 đến 12."
		}
	case PeriodQuarter:
		if p.Index < 1 || p.Index > 4 {
			return "index", "Kỳ báo cáo là quý: hãy ghi quý, từ 1 đến 4."
		}
	case PeriodHalfYear:
		if p.Index < 0 || p.Index > 2 { // 0 is the first half, as months reads it
			return "index", "Kỳ báo cáo là 6 tháng: ghi 1 cho 6 tháng đầu năm, 2 cho 6 tháng cuối năm."
		}
	default:
		return "kind", "Kỳ báo cáo không hợp lệ: hãy chọn tháng, quý, 6 tháng, 9 tháng, năm hoặc khác."
	}
	if p.Kind != "" && (p.Year < 2000 || p.Year > 2100) {
		return "year", "Hãy ghi năm của kỳ báo cáo, từ 2000 đến 2100, ví dụ 2026."
	}
	return "", ""
}

// Normalized is p without the parts its kind does not use: the index of
// a kind that has none, and the year of a kind not yet known.
func (p Period) Normalized() Period {
	switch p.Kind {
	case "":
		return Period{}
	case PeriodOther, PeriodNineMonth, PeriodYear:
		p.Index = 0
	}
	return p
}

// Phrase names p as a document's subject and body do: "06 tháng đầu năm
// 2022", "06 tháng cuối năm 2022", "09 tháng đầu năm 2022", "quý I năm
// 2023", "tháng 10 năm 2025", "năm 2025"; "" for a period it cannot name.
func (p Period) Phrase() string {
	if p.Year < 1900 || p.Year > 2200 {
		return ""
	}
	year := "năm " + strconv.Itoa(p.Year)
	switch p.Kind {
	case PeriodHalfYear:
		if p.Index == 2 {
			return "06 tháng cuối " + year
		}
		return "06 tháng đầu " + year
	case PeriodNineMonth:
		return "09 tháng đầu " + year
	case PeriodQuarter:
		if p.Index >= 1 && p.Index <= 4 {
			return "quý " + []string{"I", "II", "III", "IV"}[p.Index-1] + " " + year
		}
	case PeriodMonth:
		if p.Index >= 1 && p.Index <= 12 {
			return "tháng " + strconv.Itoa(p.Index) + " " + year
		}
	case PeriodYear:
		return year
	}
	return ""
}

// months returns the first and last calendar month of p.
func (p Period) months() (first, last int, ok bool) {
	if p.Year < 1900 || p.Year > 2200 {
		return 0, 0, false
	}
	switch p.Kind {
	case PeriodMonth:
		if p.Index >= 1 && p.Index <= 12 {
			return p.Index, p.Index, true
		}
	case PeriodQuarter:
		if p.Index >= 1 && p.Index <= 4 {
			return 3*p.Index - 2, 3 * p.Index, true
		}
	case PeriodHalfYear:
		switch p.Index {
		case 0, 1: // a half-year without an index is the first, as directives mean "06 tháng"
			return 1, 6, true
		case 2:
			return 7, 12, true
		}
	case PeriodNineMonth:
		return 1, 9, true
	case PeriodYear:
		return 1, 12, true
	}
	return 0, 0, false
}

// Window returns the data window of p when the issuer's cut-off day is
// cutoffDay (0: DefaultCutoffDay). With day D above 1 the window runs from
// day D of the month before the period's first month to day D-1 of its last
// month: with 15, month 6/2022 is 15/05-14/06/2022, the first half of 2022
// 15/12/2021-14/06/2022 and the year 2022 15/12/2021-14/12/2022. With 1 it
// is the calendar months: 01/01-30/06/2022. It reports false for a period
// it cannot place (PeriodOther, an index out of range) or a day outside
// 1-MaxCutoffDay.
func (p Period) Window(cutoffDay int) (Window, bool) {
	if cutoffDay == 0 {
		cutoffDay = DefaultCutoffDay
	}
	first, last, ok := p.months()
	if !ok || !ValidCutoffDay(cutoffDay) {
		return Window{}, false
	}
	if cutoffDay == CalendarCutoffDay {
		// Day 0 of the month after last is the last day of last.
		return Window{From: time.Date(p.Year, time.Month(first), 1, 0, 0, 0, 0, Zone),
			To: time.Date(p.Year, time.Month(last+1), 0, 0, 0, 0, 0, Zone)}, true
	}
	// time.Date normalises month 0 to December of the year before.
	return Window{From: time.Date(p.Year, time.Month(first-1), cutoffDay, 0, 0, 0, 0, Zone),
		To: time.Date(p.Year, time.Month(last), cutoffDay-1, 0, 0, 0, 0, Zone)}, true
}

// YearEarlier is the same period a year before: what "so với cùng kỳ" compares with.
func (p Period) YearEarlier() Period {
	p.Year--
	return p
}

// Next is the period an office usually reports on after p, which the form
// for a round started from p proposes: the next month or quarter; the year
// after its first half ("sơ kết 6 tháng, tổng kết năm") or its nine months;
// the first half of next year after the second half; next year after a
// year. An unknown period gives the zero Period.
func (p Period) Next() Period {
	if !p.Valid() {
		return Period{}
	}
	switch p.Kind {
	case PeriodMonth, PeriodQuarter:
		if n := map[PeriodKind]int{PeriodMonth: 12, PeriodQuarter: 4}[p.Kind]; p.Index >= n {
			return Period{Kind: p.Kind, Year: p.Year + 1, Index: 1}
		}
		return Period{Kind: p.Kind, Year: p.Year, Index: p.Index + 1}
	case PeriodHalfYear:
		if p.Index == 2 {
			return Period{Kind: PeriodHalfYear, Year: p.Year + 1, Index: 1}
		}
		return Period{Kind: PeriodYear, Year: p.Year}
	case PeriodNineMonth:
		return Period{Kind: PeriodYear, Year: p.Year}
	}
	return Period{Kind: PeriodYear, Year: p.Year + 1}
}

// Previous is the report before p in the year's cycle: the month, quarter
// or half-year just before (across the new year), the first half-year before
// nine months, and nine months before the year. It reports false for a
// period it cannot place.
func (p Period) Previous() (Period, bool) {
	if !p.Valid() {
		return Period{}, false
	}
	switch p.Kind {
	case PeriodMonth, PeriodQuarter, PeriodHalfYear:
		n := map[PeriodKind]int{PeriodMonth: 12, PeriodQuarter: 4, PeriodHalfYear: 2}[p.Kind]
		if p.Index <= 1 {
			return Period{Kind: p.Kind, Year: p.Year - 1, Index: n}, true
		}
		return Period{Kind: p.Kind, Year: p.Year, Index: p.Index - 1}, true
	case PeriodNineMonth:
		return Period{Kind: PeriodHalfYear, Year: p.Year, Index: 1}, true
	case PeriodYear:
		return Period{Kind: PeriodNineMonth, Year: p.Year}, true
	}
	return Period{}, false
}
