package vi

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestLunar(t *testing.T) {
	tests := []struct {
		solar string
		want  LunarDate
	}{
		// Tết (1/1 âm lịch).
		{"1968-01-29", LunarDate{1968, 1, 1, false}}, // Mậu Thân, the first Tết on UTC+7
		{"1985-01-21", LunarDate{1985, 1, 1, false}}, // a month before China's (UTC+8)
		{"1990-01-27", LunarDate{1990, 1, 1, false}},
		{"2007-02-17", LunarDate{2007, 1, 1, false}}, // a day before China's
		{"2020-01-25", LunarDate{2020, 1, 1, false}},
		{"2021-02-12", LunarDate{2021, 1, 1, false}},
		{"2022-02-01", LunarDate{2022, 1, 1, false}},
		{"2023-01-22", LunarDate{2023, 1, 1, false}},
		{"2024-02-10", LunarDate{2024, 1, 1, false}},
		{"2025-01-29", LunarDate{2025, 1, 1, false}},
		{"2026-02-17", LunarDate{2026, 1, 1, false}},
		{"2027-02-06", LunarDate{2027, 1, 1, false}},
		{"2028-01-26", LunarDate{2028, 1, 1, false}},
		{"2030-02-02", LunarDate{2030, 1, 1, false}}, // new moon 23:09 UTC+7; China's Tết is 3/2
		{"2050-01-23", LunarDate{2050, 1, 1, false}},
		// The last day of the year before.
		{"2024-02-09", LunarDate{2023, 12, 30, false}},
		{"2025-01-28", LunarDate{2024, 12, 29, false}},
		// Giỗ Tổ Hùng Vương (10/3).
		{"2023-04-29", LunarDate{2023, 3, 10, false}},
		{"2024-04-18", LunarDate{2024, 3, 10, false}},
		{"2025-04-07", LunarDate{2025, 3, 10, false}},
		{"2026-04-26", LunarDate{2026, 3, 10, false}},
		// Leap months.
		{"2017-07-23", LunarDate{2017, 6, 1, true}},
		{"2020-05-23", LunarDate{2020, 4, 1, true}},
		{"2023-03-21", LunarDate{2023, 2, 30, false}},
		{"2023-03-22", LunarDate{2023, 2, 1, true}},
		{"2023-04-20", LunarDate{2023, 3, 1, false}},
		{"2025-06-25", LunarDate{2025, 6, 1, false}},
		{"2025-07-25", LunarDate{2025, 6, 1, true}},
		{"2025-08-23", LunarDate{2025, 7, 1, false}},
		// Months 11 and 12 belong to the lunar year begun the year before.
		{"2025-12-31", LunarDate{2025, 11, 12, false}},
	}
	for _, tt := range tests {
		if got := Lunar(day(tt.solar)); got != tt.want {
			t.Errorf("Lunar(%s) = %+v, want %+v", tt.solar, got, tt.want)
		}
		if got, ok := tt.want.Time(time.UTC); !ok || !got.Equal(day(tt.solar)) {
			t.Errorf("%+v.Time() = %s, %v, want %s", tt.want, got.Format(time.DateOnly), ok, tt.solar)
		}
	}
}

// TestLunarRoundTrip walks every day of two centuries: each lunar date
// converts back to its day, and lunar days follow each other (a month has
// 29 or 30 days, a year 12 or 13 months, one leap month at most).
func TestLunarRoundTrip(t *testing.T) {
	prev := Lunar(day("1899-12-31"))
	months := -1 // not counted until the first Tết
	for d := day("1900-01-01"); d.Year() < 2100; d = d.AddDate(0, 0, 1) {
		l := Lunar(d)
		if back, ok := l.Time(time.UTC); !ok || !back.Equal(d) {
			t.Fatalf("Lunar(%s) = %+v, back to %s %v", d.Format(time.DateOnly), l, back.Format(time.DateOnly), ok)
		}
		switch {
		case l.Day == prev.Day+1 && l.Month == prev.Month && l.Leap == prev.Leap && l.Year == prev.Year:
		case l.Day == 1 && (prev.Day == 29 || prev.Day == 30):
			if months >= 0 {
				months++
			}
			next := prev.Month%12 + 1
			if l.Month == prev.Month && l.Leap && !prev.Leap {
				next = prev.Month
			}
			if l.Month != next {
				t.Fatalf("%s: month %+v after %+v", d.Format(time.DateOnly), l, prev)
			}
			if l.Month == 1 && !l.Leap {
				if l.Year != prev.Year+1 || months >= 0 && months != 12 && months != 13 {
					t.Fatalf("%s: year %+v after %+v, %d months", d.Format(time.DateOnly), l, prev, months)
				}
				months = 0
			}
		default:
			t.Fatalf("%s: %+v after %+v", d.Format(time.DateOnly), l, prev)
		}
		prev = l
	}
	if _, ok := (LunarDate{2024, 5, 1, true}).Time(time.UTC); ok {
		t.Error("2024 has no leap month 5, but Time found one")
	}
}

func TestDayOff(t *testing.T) {
	tests := []struct {
		date string
		name string
		off  bool
	}{
		{"2026-11-27", "thứ Sáu", false},
		{"2026-11-28", "thứ Bảy", true},
		{"2026-11-29", "Chủ nhật", true},
		{"2026-11-30", "thứ Hai", false},
		// 1/1, and a day in lieu for it on a Sunday.
		{"2025-01-01", "Tết Dương lịch", true},
		{"2023-01-01", "Tết Dương lịch", true},
		{"2023-01-02", "nghỉ bù Tết Dương lịch", true},
		{"2023-01-03", "thứ Ba", false},
		// 2026: 2/1 swapped by the Government.
		{"2026-01-02", "ngày nghỉ hoán đổi dịp Tết Dương lịch", true},
		{"2026-01-05", "thứ Hai", false},
		// Tết as announced.
		{"2024-02-07", "thứ Tư", false},
		{"2024-02-08", "Tết Nguyên đán", true},
		{"2024-02-14", "Tết Nguyên đán", true},
		{"2024-02-15", "thứ Năm", false},
		{"2025-01-24", "thứ Sáu", false},
		{"2025-01-25", "Tết Nguyên đán", true},
		{"2025-02-02", "Tết Nguyên đán", true},
		{"2025-02-03", "thứ Hai", false},
		{"2026-02-13", "thứ Sáu", false},
		{"2026-02-16", "Tết Nguyên đán", true},
		{"2026-02-20", "Tết Nguyên đán", true},
		{"2026-02-23", "thứ Hai", false},
		{"2021-02-10", "Tết Nguyên đán", true},
		{"2021-02-17", "thứ Tư", false},
		// Tết by the rule: 2027-02-05 is the last day of the lunar year,
		// 6/2 (Saturday) and 7/2 (Sunday) give 10/2 and 11/2 in lieu.
		{"2027-02-04", "thứ Năm", false},
		{"2027-02-05", "Tết Nguyên đán", true},
		{"2027-02-09", "Tết Nguyên đán", true},
		{"2027-02-10", "nghỉ bù Tết Nguyên đán", true},
		{"2027-02-11", "nghỉ bù Tết Nguyên đán", true},
		{"2027-02-12", "thứ Sáu", false},
		// Giỗ Tổ Hùng Vương, on a weekday and on a Sunday.
		{"2025-04-07", "Giỗ Tổ Hùng Vương", true},
		{"2025-04-08", "thứ Ba", false},
		{"2026-04-26", "Giỗ Tổ Hùng Vương", true},
		{"2026-04-27", "nghỉ bù Giỗ Tổ Hùng Vương", true},
		{"2026-04-28", "thứ Ba", false},
		// 2023: Giỗ Tổ on Saturday 29/4, 30/4 on Sunday: 2/5 and 3/5 in lieu.
		{"2023-04-29", "Giỗ Tổ Hùng Vương", true},
		{"2023-05-01", "ngày Quốc tế Lao động 1/5", true},
		{"2023-05-02", "nghỉ bù Giỗ Tổ Hùng Vương", true},
		{"2023-05-03", "nghỉ bù ngày Chiến thắng 30/4", true},
		{"2023-05-04", "thứ Năm", false},
		// 30/4 and 1/5, with a swap and the Saturday worked for it.
		{"2024-04-29", "ngày nghỉ hoán đổi dịp 30/4 và 1/5", true},
		{"2024-04-30", "ngày Chiến thắng 30/4", true},
		{"2024-05-04", "thứ Bảy làm bù", false},
		{"2025-04-26", "thứ Bảy làm bù", false},
		{"2025-05-02", "ngày nghỉ hoán đổi dịp 30/4 và 1/5", true},
		{"2025-05-05", "thứ Hai", false},
		{"2027-05-01", "ngày Quốc tế Lao động 1/5", true},
		{"2027-05-03", "nghỉ bù ngày Quốc tế Lao động 1/5", true},
		// Quốc khánh and the day beside it.
		{"2024-09-03", "Quốc khánh 2/9", true},
		{"2024-09-04", "thứ Tư", false},
		{"2025-09-01", "Quốc khánh 2/9", true},
		{"2025-09-03", "thứ Tư", false},
		{"2023-09-01", "Quốc khánh 2/9", true},
		{"2023-09-04", "nghỉ bù Quốc khánh 2/9", true},
		{"2026-09-01", "Quốc khánh 2/9", true},
		{"2026-09-03", "thứ Năm", false},
		{"2027-09-03", "Quốc khánh 2/9", true},
		{"2029-09-03", "Quốc khánh 2/9", true}, // 2/9 on a Sunday
		{"2029-09-04", "nghỉ bù Quốc khánh 2/9", true},
		{"2020-09-02", "Quốc khánh 2/9", true}, // one day before 2021
		{"2020-09-03", "thứ Năm", false},
	}
	for _, tt := range tests {
		name, off := DayOff(day(tt.date))
		if name != tt.name || off != tt.off {
			t.Errorf("DayOff(%s) = %q, %v, want %q, %v", tt.date, name, off, tt.name, tt.off)
		}
	}
}

// TestDayOffCalendarDay checks that DayOff reads the day in t's own
// location: 23:00 on 1/5 in UTC+7 is still 1/5.
func TestDayOffCalendarDay(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	if _, off := DayOff(time.Date(2026, 5, 1, 23, 0, 0, 0, hcm)); !off {
		t.Error("DayOff(2026-05-01 23:00 +07) = working day, want 1/5 off")
	}
}

// A year far outside the calendar's range (a slip such as "20226") is
// answered by its weekday alone and leaves nothing in the cache.
func TestDayOffFarYears(t *testing.T) {
	for _, c := range []struct {
		day  time.Time
		off  bool
		name string
	}{
		{time.Date(20226, 1, 1, 0, 0, 0, 0, time.UTC), true, "Chủ nhật"},
		{time.Date(20226, 1, 2, 0, 0, 0, 0, time.UTC), false, "thứ Hai"},
		{time.Date(1, 4, 30, 0, 0, 0, 0, time.UTC), false, "thứ Hai"},
	} {
		if name, off := DayOff(c.day); off != c.off || name != c.name {
			t.Errorf("DayOff(%s) = %q, %v; want %q, %v", c.day.Format("2006-01-02"), name, off, c.name, c.off)
		}
	}
	for _, y := range []int{20226, 1} {
		if _, ok := years.Load(y); ok {
			t.Errorf("year %d was cached", y)
		}
	}
}

// TestAnnounced checks the table: each entry is in its year and the
// breaks give as many days off as they should.
func TestAnnounced(t *testing.T) {
	for y, as := range announced {
		yearDays(y) // panics on a malformed entry
		for _, a := range as {
			for _, w := range a.work {
				if name, off := DayOff(day(w)); off || name != "thứ Bảy làm bù" {
					t.Errorf("%d: %s = %q, %v, want a Saturday worked", y, w, name, off)
				}
			}
			for d := day(a.from); !d.After(day(a.to)); d = d.AddDate(0, 0, 1) {
				if _, off := DayOff(d); !off {
					t.Errorf("%d: %s is in the break %s-%s but DayOff says working", y, d.Format(time.DateOnly), a.from, a.to)
				}
			}
		}
	}
}

func TestWorkingDaysAfter(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-25", 0, "2026-11-25"},
		{"2026-11-25", 1, "2026-11-26"},
		{"2026-11-26", 5, "2026-12-03"},  // over a weekend
		{"2026-02-11", 5, "2026-02-25"},  // over Tết: 12, 13, 23, 24, 25
		{"2025-04-24", 2, "2025-04-26"},  // 25/4 and the Saturday worked
		{"2026-04-23", 3, "2026-04-29"},  // 24/4, (26 Giỗ Tổ, 27 in lieu), 28, 29
		{"2026-02-23", -1, "2026-02-13"}, // back over Tết
	}
	for _, tt := range tests {
		if got := WorkingDaysAfter(day(tt.from), tt.n); !got.Equal(day(tt.want)) {
			t.Errorf("WorkingDaysAfter(%s, %d) = %s, want %s", tt.from, tt.n, got.Format(time.DateOnly), tt.want)
		}
	}
}

func BenchmarkDayOff(b *testing.B) {
	start := day("2020-01-01")
	for i := 0; b.Loop(); i++ {
		DayOff(start.AddDate(0, 0, i%3650))
	}
}

// BenchmarkDayOffColdYear measures the first call for a year: its days are
// worked out, with four lunar conversions.
func BenchmarkDayOffColdYear(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		buildYear(2000 + i%100)
	}
}

func BenchmarkLunar(b *testing.B) {
	d := day("2026-11-29")
	for b.Loop() {
		Lunar(d)
	}
}
