package vi

import (
	"math"
	"slices"
	"sync"
	"time"
)

// This file answers "is this a day off for state offices in Việt Nam": the
// weekend (offices work Monday to Friday), the holidays of art. 112 of the
// Labour Code 2019, the days in lieu of art. 111(3) and the days the
// Government announces each year for Tết and Quốc khánh. Tết and Giỗ Tổ Hùng
// Vương follow the lunar calendar, so the file also converts solar dates to
// the Vietnamese lunar calendar.

// LunarDate is a date in the Vietnamese lunar calendar (âm lịch). Year is the
// solar year in which the lunar year begins (Tết of Year falls in Year).
type LunarDate struct {
	Year, Month, Day int
	Leap             bool // Month is a leap month (tháng nhuận)
}

// Lunar returns the lunar date of t's calendar day, read in t's location.
//
// It is Hồ Ngọc Đức's algorithm (https://www.informatik.uni-leipzig.de/~duc/amlich/),
// which the Vietnamese calendar follows since 1968: a month begins on the
// day of the new moon and the lunar year's month 11 holds the winter
// solstice, both reckoned for UTC+7; a year with 13 months makes leap the
// first month that holds no major solar term. The new moon and the sun's
// longitude come from Meeus's series, good to a few minutes for 1800-2200.
func Lunar(t time.Time) LunarDate {
	y, m, d := t.Date()
	return lunarOfJD(julianDay(y, int(m), d))
}

// Time returns the solar day of l at midnight in loc. It returns false when
// l does not exist: a leap month that the year does not have, or a day
// outside 1-30.
func (l LunarDate) Time(loc *time.Location) (time.Time, bool) {
	jd, ok := jdOfLunar(l)
	if !ok {
		return time.Time{}, false
	}
	y, m, d := dateOfJD(jd)
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc), true
}

// julianDay is the Julian day number of a Gregorian date.
func julianDay(y, m, d int) int {
	a := (14 - m) / 12
	y += 4800 - a
	m += 12*a - 3
	return d + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
}

// dateOfJD is the Gregorian date of a Julian day number.
func dateOfJD(jd int) (y, m, d int) {
	a := jd + 32044
	b := (4*a + 3) / 146097
	c := a - b*146097/4
	e := (4*c + 3) / 1461
	f := c - 1461*e/4
	g := (5*f + 2) / 153
	d = f - (153*g+2)/5 + 1
	m = g + 3 - 12*(g/10)
	y = b*100 + e - 4800 + g/10
	return y, m, d
}

const (
	// vnZone is the time zone, in days, for which the calendar computes new
	// moons and solar terms: UTC+7.
	vnZone = 7.0 / 24
	// synodicMonth is the mean length of a lunar month in days; epochNewMoon
	// is the Julian day of new moon 0 (1900-01-01), from which Meeus counts k.
	synodicMonth = 29.530588853
	epochNewMoon = 2415021.076998695
)

// newMoon is the Julian day (with its fraction, UT) of the k-th new moon
// after 1900-01-01 (Meeus, Astronomical Algorithms, ch. 49, short series).
func newMoon(k float64) float64 {
	t := k / 1236.85
	t2, t3 := t*t, t*t*t
	const dr = math.Pi / 180
	jd := 2415020.75933 + 29.53058868*k + 0.0001178*t2 - 0.000000155*t3
	jd += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*k - 0.0000333*t2 - 0.00000347*t3    // sun's mean anomaly
	mpr := 306.0253 + 385.81691806*k + 0.0107306*t2 + 0.00001236*t3 // moon's mean anomaly
	f := 21.2964 + 390.67050646*k - 0.0016528*t2 - 0.00000239*t3    // moon's argument of latitude
	c := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c += -0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c += -0.0004 * math.Sin(dr*3*mpr)
	c += 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c += -0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c += -0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c += 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64 // TT - UT, in days
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd + c - deltaT
}

// newMoonDay is the Julian day number, in UTC+7, of the k-th new moon.
func newMoonDay(k int) int {
	return int(math.Floor(newMoon(float64(k)) + 0.5 + vnZone))
}

// sunSector is which twelfth of the ecliptic (0-11, 30° each, 0 from the
// spring equinox) the sun is in at the start of day jd in UTC+7; the sector
// changes at each major solar term (trung khí).
func sunSector(jd int) int {
	t := (float64(jd) - 0.5 - vnZone - 2451545.0) / 36525
	t2 := t * t
	const dr = math.Pi / 180
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2 // mean anomaly
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2                  // mean longitude
	dl := (1.914600-0.004817*t-0.000014*t2)*math.Sin(dr*m) +
		(0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	l -= 2 * math.Pi * math.Floor(l/(2*math.Pi))
	return int(math.Floor(l / math.Pi * 6))
}

// month11 is the Julian day on which month 11 of the lunar year ending in
// solar year y begins: the month that holds the winter solstice (sector 9).
func month11(y int) int {
	off := julianDay(y, 12, 31) - 2415021
	k := int(math.Floor(float64(off) / synodicMonth))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapOffset is, for a 13-month year whose month 11 begins on a11, how many
// months after month 11 the leap month falls: the first month in which the
// sun stays in one sector, so holds no major solar term.
func leapOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-epochNewMoon)/synodicMonth + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

func lunarOfJD(jd int) LunarDate {
	k := int(math.Floor((float64(jd) - epochNewMoon) / synodicMonth))
	// The true new moon strays up to half a day from the mean one k
	// counts, so the month may begin a new moon earlier or later than the
	// mean suggests (2054-05-07 is before the k-th new moon's day).
	start := newMoonDay(k + 1)
	for start > jd {
		k--
		start = newMoonDay(k + 1)
	}
	for next := newMoonDay(k + 2); next <= jd; next = newMoonDay(k + 2) {
		k++
		start = next
	}
	y, _, _ := dateOfJD(jd)
	a11, b11 := month11(y), 0
	var l LunarDate
	if a11 >= start {
		l.Year = y
		b11, a11 = a11, month11(y-1)
	} else {
		l.Year = y + 1
		b11 = month11(y + 1)
	}
	l.Day = jd - start + 1
	diff := (start - a11) / 29 // whole months since month 11
	l.Month = diff + 11
	if b11-a11 > 365 {
		if leap := leapOffset(a11); diff >= leap {
			l.Month = diff + 10
			l.Leap = diff == leap
		}
	}
	if l.Month > 12 {
		l.Month -= 12
	}
	if l.Month >= 11 && diff < 4 {
		l.Year--
	}
	return l
}

func jdOfLunar(l LunarDate) (int, bool) {
	if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return 0, false
	}
	var a11, b11 int
	if l.Month < 11 {
		a11, b11 = month11(l.Year-1), month11(l.Year)
	} else {
		a11, b11 = month11(l.Year), month11(l.Year+1)
	}
	k := int(math.Floor(0.5 + (float64(a11)-epochNewMoon)/synodicMonth))
	off := l.Month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := leapOffset(a11)
		leapMonth := leapOff - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if l.Leap && l.Month != leapMonth {
			return 0, false
		}
		if l.Leap || off >= leapOff {
			off++
		}
	} else if l.Leap {
		return 0, false
	}
	jd := newMoonDay(k+off) + l.Day - 1
	if l.Day == 30 && newMoonDay(k+off+1) <= jd {
		return 0, false // a 29-day month
	}
	return jd, true
}

// A dayKind is what a day is for a state office.
type dayKind uint8

const (
	workday dayKind = iota
	saturday
	sunday
	newYear   // Tết Dương lịch, 1/1
	tet       // Tết Nguyên đán, and every day of an announced Tết break
	hungKings // Giỗ Tổ Hùng Vương, 10/3 âm lịch
	victory   // Ngày Chiến thắng, 30/4
	labour    // Ngày Quốc tế Lao động, 1/5
	national  // Quốc khánh, 2/9 and the day beside it
	inLieu    // nghỉ bù: a working day off for a holiday on a weekend
	swapped   // a working day off in exchange for a Saturday worked
	workedSat // a Saturday worked in exchange for a day off
)

var kindNames = [...]string{
	saturday:  "thứ Bảy",
	sunday:    "Chủ nhật",
	newYear:   "Tết Dương lịch",
	tet:       "Tết Nguyên đán",
	hungKings: "Giỗ Tổ Hùng Vương",
	victory:   "ngày Chiến thắng 30/4",
	labour:    "ngày Quốc tế Lao động 1/5",
	national:  "Quốc khánh 2/9",
	workedSat: "thứ Bảy làm bù",
}

// holiday reports whether k is one of art. 112's holidays.
func (k dayKind) holiday() bool { return k >= newYear && k <= national }

type dayInfo struct {
	kind dayKind
	of   dayKind // for inLieu and swapped: the holiday they belong to
}

// holidayYear is what each day of a solar year is, by day of the year - 1.
type holidayYear [366]dayInfo

// announcement is a holiday break the Government set for one year, which
// replaces what the rules of buildYear give for that holiday: every day from
// from to to is off, and each day in work is a Saturday worked in exchange.
type announcement struct {
	of       dayKind
	from, to string // "2006-01-02"
	// swap: the weekdays in the break that are not holidays are swapped
	// for Saturdays worked (listed in work when known), not days in lieu.
	swap bool
	work []string
}

// announced lists the breaks whose days we are sure of; other years follow
// the rules of buildYear. The Prime Minister decides the Tết and Quốc khánh
// days each year (Labour Code 2019, art. 112(3)) and the ministry in charge
// of labour (Bộ Lao động - Thương binh và Xã hội, from March 2025 Bộ Nội vụ)
// notifies them to state offices; a swap of a working day for a Saturday is
// decided the same way.
var announced = map[int][]announcement{
	2020: {
		// Tết Canh Tý: 23/1 (29 tháng Chạp) to 29/1 (mùng 5), as notified
		// in 2019 by Bộ Lao động - Thương binh và Xã hội (Sở Công Thương
		// Đắk Lắk, 07/01/2020). The rules would give 24/1-30/1.
		{of: tet, from: "2020-01-23", to: "2020-01-29"},
	},
	2021: {
		// Tết Tân Sửu: 10/2 (29 tháng Chạp) to 16/2 (mùng 5), 5 days of
		// Tết and a weekend (Bộ Lao động - Thương binh và Xã hội's notice;
		// Hànộimới, 2020). The rules would give 11/2-17/2.
		{of: tet, from: "2021-02-10", to: "2021-02-16"},
	},
	2023: {
		// Tết Quý Mão: 20/1 (29 tháng Chạp) to 26/1 (mùng 5), 7 days.
		// The rules would give 21/1-27/1.
		{of: tet, from: "2023-01-20", to: "2023-01-26"},
		// Quốc khánh on a Saturday: 1/9 to 4/9 (1/9 beside it, 4/9 in lieu).
		// The rules give the same days.
		{of: national, from: "2023-09-01", to: "2023-09-04"},
	},
	2024: {
		// Tết Giáp Thìn: 8/2 (29 tháng Chạp) to 14/2 (mùng 5), 7 days.
		{of: tet, from: "2024-02-08", to: "2024-02-14"},
		// 30/4 and 1/5: 27/4 to 1/5, Monday 29/4 swapped for Saturday 4/5.
		{of: victory, from: "2024-04-27", to: "2024-05-01", swap: true, work: []string{"2024-05-04"}},
		// Quốc khánh on a Monday: 31/8 to 3/9, 3/9 beside it.
		{of: national, from: "2024-08-31", to: "2024-09-03"},
	},
	2025: {
		// Tết Ất Tỵ: 25/1 (26 tháng Chạp) to 2/2 (mùng 5), 9 days.
		{of: tet, from: "2025-01-25", to: "2025-02-02"},
		// 30/4 and 1/5 (50 years since reunification): 30/4 to 4/5,
		// Friday 2/5 swapped for Saturday 26/4.
		{of: victory, from: "2025-04-30", to: "2025-05-04", swap: true, work: []string{"2025-04-26"}},
		// Quốc khánh on a Tuesday: 30/8 to 2/9, 1/9 beside it.
		{of: national, from: "2025-08-30", to: "2025-09-02"},
	},
	2026: {
		// Tết Dương lịch: 1/1 to 4/1, Friday 2/1 swapped (Văn phòng Chính
		// phủ's letter of 25/12/2025 on Bộ Nội vụ's proposal). The Saturday
		// worked in exchange is not recorded here.
		{of: newYear, from: "2026-01-01", to: "2026-01-04", swap: true},
		// Tết Bính Ngọ: 14/2 (27 tháng Chạp) to 22/2 (mùng 6), 9 days;
		// the 5 days of Tết are 16/2-20/2 (Bộ Nội vụ, October 2025).
		{of: tet, from: "2026-02-14", to: "2026-02-22"},
	},
}

// DayOff reports whether t's calendar day, read in t's location, is a day
// off for state offices in Việt Nam, and names the day in Vietnamese for a
// message ("rơi vào …"): "thứ Bảy", "Chủ nhật", the holiday ("Tết Nguyên
// đán", "Giỗ Tổ Hùng Vương", "Quốc khánh 2/9", …), "nghỉ bù Giỗ Tổ Hùng
// Vương" for a day in lieu, "thứ Bảy làm bù" for a Saturday worked in
// exchange (not off), or the day of the week for a working day ("thứ Hai").
//
// Days off are Saturday and Sunday (offices work Monday to Friday) and the
// holidays of the Labour Code 2019, art. 112: 1/1; Tết Nguyên đán, 5 days;
// Giỗ Tổ Hùng Vương, 10/3 âm lịch; 30/4; 1/5; Quốc khánh, 2/9 and a day
// beside it. A holiday on a Saturday or Sunday gives a day off on the next
// working day (art. 111(3)). For years the Government's notice is in
// announced, its break replaces the rules; otherwise Tết is the last day of
// the lunar year and the first four of the new one, as the Government has
// set it in most recent years, and the day beside 2/9 is the one chosen by
// nextTo2September. Before 2021 Quốc khánh is one day (Labour Code 2012),
// before 2013 Tết is four days and before 2007 there is no Giỗ Tổ holiday.
//
// It is safe for concurrent use: each year's days are computed once. Years
// outside 1900-2200 (a typing slip in a document: "20226") get the weekend
// only, so that no input grows the cache without bound or leaves the range
// the lunar algorithm is good for.
func DayOff(t time.Time) (name string, off bool) {
	y, m, d := t.Date()
	if y < minHolidayYear || y > maxHolidayYear {
		w := t.Weekday()
		return weekdayNames[w], w == time.Saturday || w == time.Sunday
	}
	info := yearDays(y)[time.Date(y, m, d, 0, 0, 0, 0, time.UTC).YearDay()-1]
	switch k := info.kind; {
	case k == workday:
		return weekdayNames[t.Weekday()], false
	case k == workedSat:
		return kindNames[k], false
	case k == inLieu:
		return "nghỉ bù " + kindNames[info.of], true
	case k == swapped:
		if info.of == victory {
			return "ngày nghỉ hoán đổi dịp 30/4 và 1/5", true
		}
		return "ngày nghỉ hoán đổi dịp " + kindNames[info.of], true
	default:
		return kindNames[k], true
	}
}

// The years DayOff knows the holidays of.
const minHolidayYear, maxHolidayYear = 1900, 2200

var weekdayNames = [...]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}

// WorkingDaysAfter returns the n-th working day after t (before t when n is
// negative), t's day itself not counted, at t's clock time; n = 0 returns t.
// "05 ngày làm việc kể từ ngày 03/02/2025" is WorkingDaysAfter(3/2, 5).
func WorkingDaysAfter(t time.Time, n int) time.Time {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		t = t.AddDate(0, 0, step)
		if _, off := DayOff(t); !off {
			n--
		}
	}
	return t
}

// years caches each solar year's days, by year.
var years sync.Map

func yearDays(y int) *holidayYear {
	if v, ok := years.Load(y); ok {
		return v.(*holidayYear)
	}
	v, _ := years.LoadOrStore(y, buildYear(y))
	return v.(*holidayYear)
}

// nextTo2September is the day of September beside 2/9 that Quốc khánh takes
// in year y when no notice says. The law leaves before or after to the Prime
// Minister, who has chosen the one that joins the break to a weekend: after
// a Monday or Thursday (2024: 3/9; 2021: 3/9), before a Tuesday, Friday or
// Saturday (2025: 1/9; 2022: 1/9; 2023: 1/9). On a Sunday the day after;
// on a Wednesday, where neither joins a weekend, the day before, which the
// law names first ("liền kề trước hoặc sau").
func nextTo2September(y int) int {
	switch time.Date(y, 9, 2, 0, 0, 0, 0, time.UTC).Weekday() {
	case time.Sunday, time.Monday, time.Thursday:
		return 3
	}
	return 1
}

// buildYear works out what each day of solar year y is: the rules, then the
// announced breaks over them.
func buildYear(y int) *holidayYear {
	days := new(holidayYear)
	jan1 := julianDay(y, 1, 1)
	n := julianDay(y+1, 1, 1) - jan1
	idx := func(m, d int) int { return julianDay(y, m, d) - jan1 }
	weekend := func(i int) dayKind {
		switch (jan1 + i + 1) % 7 { // Julian day 0 is a Monday; +1 makes Sunday 0
		case 0:
			return sunday
		case 6:
			return saturday
		}
		return workday
	}
	for i := range n {
		days[i].kind = weekend(i)
	}

	// The holidays by the rules.
	type holiday struct {
		at   int
		kind dayKind
	}
	hol := []holiday{{0, newYear}}
	tetDays := 5
	if y < 2013 {
		tetDays = 4
	}
	tet1, _ := jdOfLunar(LunarDate{Year: y, Month: 1, Day: 1})
	for i := -1; i < tetDays-1; i++ {
		hol = append(hol, holiday{tet1 - jan1 + i, tet})
	}
	if y >= 2007 {
		jd, _ := jdOfLunar(LunarDate{Year: y, Month: 3, Day: 10})
		hol = append(hol, holiday{jd - jan1, hungKings})
	}
	hol = append(hol, holiday{idx(4, 30), victory}, holiday{idx(5, 1), labour}, holiday{idx(9, 2), national})
	if y >= 2021 {
		hol = append(hol, holiday{idx(9, nextTo2September(y)), national})
	}
	// Giỗ Tổ can fall after 30/4 in a year with a leap month 2 or 3 (2023:
	// 29/4), so sort: days in lieu go in date order.
	slices.SortFunc(hol, func(a, b holiday) int { return a.at - b.at })
	for _, h := range hol {
		days[h.at].kind = h.kind
	}
	for _, h := range hol {
		if weekend(h.at) == workday {
			continue
		}
		i := h.at + 1
		for i < n && days[i].kind != workday {
			i++
		}
		if i < n {
			days[i] = dayInfo{kind: inLieu, of: h.kind}
		}
	}

	for _, a := range announced[y] {
		// 30/4 and 1/5 make one break, under victory.
		inGroup := func(k dayKind) bool {
			return k == a.of || a.of == victory && k == labour
		}
		for i := range n {
			if d := days[i]; inGroup(d.kind) || (d.kind == inLieu || d.kind == swapped) && inGroup(d.of) {
				days[i] = dayInfo{kind: weekend(i)}
			}
		}
		beside := false // the day beside 2/9 is placed
		for i := dayIndex(y, a.from); i <= dayIndex(y, a.to); i++ {
			switch {
			case a.of == tet:
				days[i] = dayInfo{kind: tet}
			case days[i].kind != workday && days[i].kind != saturday && days[i].kind != sunday:
				// Another holiday or its day in lieu.
			case i == idx(1, 1) || i == idx(9, 2):
				days[i].kind = a.of
			case i == idx(4, 30):
				days[i].kind = victory
			case i == idx(5, 1):
				days[i].kind = labour
			case days[i].kind != workday:
			case a.swap:
				days[i] = dayInfo{kind: swapped, of: a.of}
			case a.of == national && !beside && (i == idx(9, 1) || i == idx(9, 3)):
				days[i].kind, beside = national, true
			default:
				days[i] = dayInfo{kind: inLieu, of: a.of}
			}
		}
		for _, w := range a.work {
			days[dayIndex(y, w)].kind = workedSat
		}
	}
	return days
}

// dayIndex is the day of year y - 1 of s, "2006-01-02" in year y; it panics
// on a malformed table entry, which the tests catch.
func dayIndex(y int, s string) int {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() != y {
		panic("vi: bad holiday table entry " + s)
	}
	return t.YearDay() - 1
}
