package tiendo

import (
	"testing"
	"time"
)

func TestPeriodWindow(t *testing.T) {
	month := func(y, m int) Period { return Period{Kind: PeriodMonth, Year: y, Index: m} }
	quarter := func(y, q int) Period { return Period{Kind: PeriodQuarter, Year: y, Index: q} }
	half := func(y, h int) Period { return Period{Kind: PeriodHalfYear, Year: y, Index: h} }
	nine := Period{Kind: PeriodNineMonth, Year: 2022}
	year := Period{Kind: PeriodYear, Year: 2022}
	tests := []struct {
		p        Period
		day      int
		from, to string // "" for no window
	}{
		// DOCUMENTS.md's 15th-to-14th, and 0 meaning the default.
		{half(2022, 1), 15, "15/12/2021", "14/06/2022"},
		{half(2022, 1), 0, "15/12/2021", "14/06/2022"},
		{half(2022, 2), 15, "15/06/2022", "14/12/2022"},
		{half(2022, 0), 15, "15/12/2021", "14/06/2022"}, // "06 tháng" without an index
		{nine, 15, "15/12/2021", "14/09/2022"},
		{year, 15, "15/12/2021", "14/12/2022"},
		{quarter(2022, 1), 15, "15/12/2021", "14/03/2022"},
		{quarter(2022, 2), 15, "15/03/2022", "14/06/2022"},
		{quarter(2022, 4), 15, "15/09/2022", "14/12/2022"},
		{month(2022, 6), 15, "15/05/2022", "14/06/2022"},
		{month(2022, 1), 15, "15/12/2021", "14/01/2022"}, // across the new year
		{month(2022, 12), 15, "15/11/2022", "14/12/2022"},
		// February: the window ending in it and the one starting in it.
		{month(2023, 2), 15, "15/01/2023", "14/02/2023"},
		{month(2023, 3), 15, "15/02/2023", "14/03/2023"},
		{month(2024, 3), 28, "28/02/2024", "27/03/2024"},
		{month(2023, 3), 28, "28/02/2023", "27/03/2023"},
		{month(2024, 2), 28, "28/01/2024", "27/02/2024"},
		// Calendar months (cut-off day 1), leap and common Februaries.
		{month(2024, 2), 1, "01/02/2024", "29/02/2024"},
		{month(2023, 2), 1, "01/02/2023", "28/02/2023"},
		{month(2022, 12), 1, "01/12/2022", "31/12/2022"},
		{quarter(2022, 1), 1, "01/01/2022", "31/03/2022"},
		{quarter(2022, 3), 1, "01/07/2022", "30/09/2022"},
		{half(2022, 1), 1, "01/01/2022", "30/06/2022"},
		{half(2022, 2), 1, "01/07/2022", "31/12/2022"},
		{nine, 1, "01/01/2022", "30/09/2022"},
		{year, 1, "01/01/2022", "31/12/2022"},
		// Another day some bodies set: the 20th to the 19th; the 2nd to the 1st.
		{year, 20, "20/12/2021", "19/12/2022"},
		{quarter(2023, 1), 20, "20/12/2022", "19/03/2023"},
		{month(2022, 3), 2, "02/02/2022", "01/03/2022"},
		// What has no window.
		{Period{Kind: PeriodOther, Year: 2022}, 15, "", ""},
		{month(2022, 13), 15, "", ""},
		{month(2022, 0), 15, "", ""},
		{quarter(2022, 5), 15, "", ""},
		{half(2022, 3), 15, "", ""},
		{Period{Kind: PeriodYear}, 15, "", ""},
		{Period{}, 15, "", ""},
		{year, 29, "", ""},
		{year, 31, "", ""},
		{year, -1, "", ""},
	}
	for _, tt := range tests {
		w, ok := tt.p.Window(tt.day)
		from, to := "", ""
		if ok {
			from, to = w.From.Format("02/01/2006"), w.To.Format("02/01/2006")
		}
		if from != tt.from || to != tt.to || ok != (tt.from != "") || ok == w.IsZero() {
			t.Errorf("%+v.Window(%d) = %s-%s, %v; want %s-%s", tt.p, tt.day, from, to, ok, tt.from, tt.to)
		}
		if !ok {
			continue
		}
		if w.From.Location() != Zone || w.From.Hour() != 0 || w.To.Hour() != 0 {
			t.Errorf("%+v.Window(%d): days not at the start in Zone: %v, %v", tt.p, tt.day, w.From, w.To)
		}
		// Consecutive periods of one kind tile the calendar: no day is
		// counted twice or lost between them.
		if prev, ok := tt.p.Previous(); ok && prev.Kind == tt.p.Kind && (tt.p.Kind != PeriodHalfYear || tt.p.Index != 0) {
			pw, _ := prev.Window(tt.day)
			if !pw.End().Equal(w.From) {
				t.Errorf("%+v.Window(%d) starts %v, but %+v ends %v", tt.p, tt.day, w.From, prev, pw.End())
			}
		}
	}
}

func TestWindowContains(t *testing.T) {
	w, _ := Period{Kind: PeriodHalfYear, Year: 2022, Index: 1}.Window(DefaultCutoffDay)
	for _, tt := range []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2021, 12, 14, 23, 59, 0, 0, Zone), false},
		{time.Date(2021, 12, 15, 0, 0, 0, 0, Zone), true},
		{time.Date(2022, 6, 14, 23, 59, 0, 0, Zone), true}, // "đến hết ngày 14/06"
		{time.Date(2022, 6, 15, 0, 0, 0, 0, Zone), false},
		{time.Date(2022, 6, 14, 17, 0, 0, 0, time.UTC), false}, // 00:00 on 15/6 in Vietnam
	} {
		if got := w.Contains(tt.at); got != tt.want {
			t.Errorf("Contains(%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
	if (Window{}).Contains(time.Now()) || !(Window{}).End().IsZero() {
		t.Error("the zero window contains something or ends")
	}
}

func TestPeriodPrevious(t *testing.T) {
	tests := []struct {
		p, want Period
		ok      bool
	}{
		{Period{PeriodMonth, 2022, 1}, Period{PeriodMonth, 2021, 12}, true},
		{Period{PeriodMonth, 2022, 7}, Period{PeriodMonth, 2022, 6}, true},
		{Period{PeriodQuarter, 2022, 1}, Period{PeriodQuarter, 2021, 4}, true},
		{Period{PeriodQuarter, 2022, 3}, Period{PeriodQuarter, 2022, 2}, true},
		{Period{PeriodHalfYear, 2022, 1}, Period{PeriodHalfYear, 2021, 2}, true},
		{Period{PeriodHalfYear, 2022, 2}, Period{PeriodHalfYear, 2022, 1}, true},
		{Period{PeriodNineMonth, 2022, 0}, Period{PeriodHalfYear, 2022, 1}, true},
		{Period{PeriodYear, 2022, 0}, Period{PeriodNineMonth, 2022, 0}, true},
		{Period{PeriodOther, 2022, 0}, Period{}, false},
		{Period{PeriodMonth, 2022, 13}, Period{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.p.Previous()
		if got != tt.want || ok != tt.ok {
			t.Errorf("%+v.Previous() = %+v, %v; want %+v, %v", tt.p, got, ok, tt.want, tt.ok)
		}
	}
	if got := (Period{PeriodQuarter, 2022, 2}).YearEarlier(); got != (Period{PeriodQuarter, 2021, 2}) {
		t.Errorf("YearEarlier = %+v", got)
	}
}

func TestPeriodPhrase(t *testing.T) {
	for _, tt := range []struct {
		p    Period
		want string
	}{
		{Period{Kind: PeriodHalfYear, Year: 2022, Index: 1}, "06 tháng đầu năm 2022"},
		{Period{Kind: PeriodHalfYear, Year: 2022, Index: 2}, "06 tháng cuối năm 2022"},
		{Period{Kind: PeriodNineMonth, Year: 2022}, "09 tháng đầu năm 2022"},
		{Period{Kind: PeriodQuarter, Year: 2023, Index: 3}, "quý III năm 2023"},
		{Period{Kind: PeriodQuarter, Year: 2023, Index: 5}, ""},
		{Period{Kind: PeriodMonth, Year: 2025, Index: 10}, "tháng 10 năm 2025"},
		{Period{Kind: PeriodYear, Year: 2025}, "năm 2025"},
		{Period{Kind: PeriodOther, Year: 2025}, ""},
		{Period{Kind: PeriodYear}, ""},
	} {
		if got := tt.p.Phrase(); got != tt.want {
			t.Errorf("%+v.Phrase() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestPeriodNext(t *testing.T) {
	for _, tt := range []struct{ p, want Period }{
		{Period{Kind: PeriodMonth, Year: 2025, Index: 10}, Period{Kind: PeriodMonth, Year: 2025, Index: 11}},
		{Period{Kind: PeriodMonth, Year: 2025, Index: 12}, Period{Kind: PeriodMonth, Year: 2026, Index: 1}},
		{Period{Kind: PeriodQuarter, Year: 2025, Index: 4}, Period{Kind: PeriodQuarter, Year: 2026, Index: 1}},
		{Period{Kind: PeriodQuarter, Year: 2025, Index: 2}, Period{Kind: PeriodQuarter, Year: 2025, Index: 3}},
		{Period{Kind: PeriodHalfYear, Year: 2025, Index: 1}, Period{Kind: PeriodYear, Year: 2025}},
		{Period{Kind: PeriodHalfYear, Year: 2025, Index: 2}, Period{Kind: PeriodHalfYear, Year: 2026, Index: 1}},
		{Period{Kind: PeriodNineMonth, Year: 2025}, Period{Kind: PeriodYear, Year: 2025}},
		{Period{Kind: PeriodYear, Year: 2025}, Period{Kind: PeriodYear, Year: 2026}},
		{Period{Kind: PeriodOther, Year: 2025}, Period{}},
		{Period{}, Period{}},
	} {
		if got := tt.p.Next(); got != tt.want {
			t.Errorf("%+v.Next() = %+v, want %+v", tt.p, got, tt.want)
		}
	}
}

func TestPeriodCheck(t *testing.T) {
	for _, c := range []struct {
		p     Period
		field string
		keep  Period
	}{
		{Period{}, "", Period{}},
		{Period{Year: 2026, Index: 3}, "", Period{}}, // not yet known: nothing to keep
		{Period{PeriodMonth, 2026, 10}, "", Period{PeriodMonth, 2026, 10}},
		{Period{PeriodMonth, 2026, 13}, "index", Period{}},
		{Period{PeriodMonth, 2026, 0}, "index", Period{}},
		{Period{PeriodQuarter, 2026, 4}, "", Period{PeriodQuarter, 2026, 4}},
		{Period{PeriodQuarter, 2026, 5}, "index", Period{}},
		{Period{PeriodHalfYear, 2026, 0}, "", Period{PeriodHalfYear, 2026, 0}},
		{Period{PeriodHalfYear, 2026, 3}, "index", Period{}},
		{Period{PeriodNineMonth, 2026, 7}, "", Period{PeriodNineMonth, 2026, 0}},
		{Period{PeriodYear, 2026, 2}, "", Period{PeriodYear, 2026, 0}},
		{Period{PeriodYear, 0, 0}, "year", Period{}},
		{Period{PeriodOther, 1999, 0}, "year", Period{}},
		{Period{"week", 2026, 1}, "kind", Period{}},
	} {
		field, msg := c.p.Check()
		if field != c.field || (field == "") != (msg == "") {
			t.Errorf("%+v.Check() = %q, %q; want field %q", c.p, field, msg, c.field)
		}
		if field == "" && c.p.Normalized() != c.keep {
			t.Errorf("%+v.Normalized() = %+v, want %+v", c.p, c.p.Normalized(), c.keep)
		}
	}
}

// A deadline is written with its time of day when it has one.
func TestDeadlineText(t *testing.T) {
	for _, c := range []struct {
		d    time.Time
		want string
	}{
		{DeadlineBefore(2026, 12, 22), "trước ngày 22/12/2026"},
		{DeadlineBefore(2026, 12, 22).Add(10*time.Hour + 30*time.Minute), "trước 10:30 ngày 22/12/2026"},
		{time.Date(2026, 12, 21, 17, 0, 0, 0, time.UTC), "trước ngày 22/12/2026"}, // midnight in Vietnam
	} {
		if got := DeadlineText(c.d); got != c.want {
			t.Errorf("DeadlineText(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}
