package vi

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tiendo"
)

// Date is a calendar date as documents write it. Day is 0 when the text
// leaves it blank, as a draft does ("ngày   tháng 6 năm 2022": the day is
// filled in when the document is signed); Month is 0 when that is blank too.
type Date struct {
	Year, Month, Day int
}

// String is "YYYY-MM-DD", "YYYY-MM" when the day is blank, "" when the month
// is blank too or the date is zero.
func (d Date) String() string {
	switch {
	case d.Year == 0 || d.Month == 0:
		return ""
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// IsZero reports whether d holds no date at all.
func (d Date) IsZero() bool { return d == Date{} }

// Complete reports whether d has a year, a month and a day.
func (d Date) Complete() bool { return d.Year != 0 && d.Month != 0 && d.Day != 0 }

// Time is d at midnight in loc; d must be Complete.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, loc)
}

// Compare orders dates, a blank day or month counting as unknown: it
// returns -1 or 1 only when the known parts decide, and 0 otherwise.
func (d Date) Compare(e Date) int {
	for _, p := range [][2]int{{d.Year, e.Year}, {d.Month, e.Month}, {d.Day, e.Day}} {
		if p[0] == 0 || p[1] == 0 {
			return 0
		}
		if p[0] < p[1] {
			return -1
		}
		if p[0] > p[1] {
			return 1
		}
	}
	return 0
}

// The date shapes of DOCUMENTS.md. A blank part is spaces, dots, underscores
// or an ellipsis, as drafts leave them.
var (
	numericDate = regexp.MustCompile(`^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*([/.-])\s*(\d{4})$`)
	wordDate    = regexp.MustCompile(`^(?i:ngày)?[\s._…]*(\d{1,2})?[\s._…]*(?i:tháng)[\s._…]*(\d{1,2})?[\s._…]*(?i:năm)\s*(\d{4})$`)
)

// ParseDate reads "07/6/2022", "26/07/2021", "20.7.2020", "20-7-2020",
// "ngày 07 tháng 6 năm 2022" and the blank-day draft "ngày   tháng 6 năm
// 2022" (Day 0). It checks that the date exists. Errors are *tiendo.Error
// with code tiendo.EINVALID and a Vietnamese message.
func ParseDate(s string) (Date, error) {
	t := strings.TrimSpace(NFC(s))
	var d Date
	if m := numericDate.FindStringSubmatch(t); m != nil && m[2] == m[4] {
		d.Day, _ = strconv.Atoi(m[1])
		d.Month, _ = strconv.Atoi(m[3])
		d.Year, _ = strconv.Atoi(m[5])
	} else if m := wordDate.FindStringSubmatch(t); m != nil {
		d.Day, _ = strconv.Atoi(m[1])
		d.Month, _ = strconv.Atoi(m[2])
		d.Year, _ = strconv.Atoi(m[3])
		if d.Month == 0 && d.Day != 0 {
			return Date{}, dateError(s)
		}
	} else {
		return Date{}, dateError(s)
	}
	if !d.Valid() {
		return Date{}, dateError(s)
	}
	return d, nil
}

// Valid reports whether d's known parts make a real date: a month 1-12, a
// day that exists in that month, a year between 1900 and 2200.
func (d Date) Valid() bool {
	if d.Year < 1900 || d.Year > 2200 || d.Month < 0 || d.Month > 12 || d.Day < 0 {
		return false
	}
	if d.Day == 0 {
		return true
	}
	if d.Month == 0 {
		return false
	}
	return d.Day <= time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func dateError(s string) error {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return tiendo.Errorf(tiendo.EINVALID, "%s không phải là ngày. Viết ngày dạng 07/6/2022, 20.7.2020 hoặc ngày 07 tháng 6 năm 2022.", Quote(s))
}

// FormatDate writes d the way Decree 30 dates a document: "ngày 05 tháng 6
// năm 2022", with a leading zero on days 1-9 and on months 1-2 only; a blank
// day is left as spaces for the records clerk to fill in.
func FormatDate(d Date) string {
	day := "    "
	if d.Day != 0 {
		day = fmt.Sprintf("%02d", d.Day)
	}
	month := strconv.Itoa(d.Month)
	if d.Month == 1 || d.Month == 2 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %s tháng %s năm %d", day, month, d.Year)
}
