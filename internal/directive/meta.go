package directive

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo"
	"tiendo/internal/vi"
)

// Dates inside sentences, numeric or in words; year optional in the numeric
// form ("trước ngày 07/6").
const datePattern = `(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?|(\d{1,2})\s*thang\s*(\d{1,2})(?:\s*nam\s*(\d{4}))?`

var (
	reDate = regexp.MustCompile(`^(?:` + datePattern + `)`)
	// "trước ngày D", "chậm nhất ngày D", "trước 17 giờ 00 ngày D", "hạn
	// cuối ngày D", "đến hết ngày D"; a part of the day and a weekday may
	// stand between the time and the date ("trước 10 giờ sáng thứ Hai,
	// ngày D"), and a weekday with no time too ("trước thứ Sáu, ngày D"). "Hạn gửi báo cáo: ngày D" (an OCR'd "bảo cáo" folds the
	// same) is a last day as "hạn cuối" is; the colon must follow, so
	// "thời hạn gửi báo cáo ngày 20 hằng tháng" stays a recurring one.
	// "Không muộn hơn", "không chậm hơn" and "không trễ hơn ngày D" all
	// allow D itself. The weekday may also follow "ngày" and hold the date
	// in brackets or after a comma: "chậm nhất vào ngày thứ Tư (08/6)".
	reDeadline = regexp.MustCompile(`(truoc|cham nhat(?: la)?(?: vao)?(?: truoc)?|han cuoi(?: la)?|han chot(?: la)?|han (?:gui |nop )?bao cao\s*:\s*|han (?:gui|nop)\s*:\s*|den het|trong|khong (?:muon|cham|tre) hon|khong qua)\s*(?:(\d{1,2})\s*(?:gio|h|:)\s*(\d{1,2})?\s*(?:phut|['’])?\s*,?\s*(sang|trua|chieu|toi)?\s*,?\s*)?(?:(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat)\s*,?\s*)?(?:ngay\s*)(?:(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat)\s*[,(]?\s*)?(` + datePattern + `)`)
	// A cited document: its kind, then its number. A joint document
	// names its kind with "liên tịch" or "phối hợp" ("Chương trình phối
	// hợp số 11/CTrPH-UBND-MTTQ", "Quy chế phối hợp số 02/QCPH-...").
	reCitation = regexp.MustCompile(`(cong van|ke hoach|quyet dinh|nghi quyet|chi thi|thong bao ket luan|thong bao|huong dan|chuong trinh|ket luan|thong tu lien tich|thong tu|nghi dinh|van ban|to trinh|bao cao|de an|cong dien|quy dinh|thong tri|quy che|dieu le)(?:\s+(?:lien tich|phoi hop))?\s+(?:so\s*[:.]?\s*)?(\d+[a-z]?(?:\s?[/-]\s?[a-z0-9&.]*[a-z0-9&])+)`)
	// A reply letter opens on the letter it answers, "Phúc đáp Công văn
	// số 3412/UBND-TCKH ngày …", "Trả lời Văn bản số …": that letter is
	// its basis, as a chased or amended one is.
	reBasisStart = regexp.MustCompile(`^(thuc hien|can cu|theo|trien khai|tiep theo|nham thuc hien|de thuc hien|de trien khai|thuc hien chi dao|ngay \d|phuc dap|tra loi)`)
	reIssuerEnd  = regexp.MustCompile(`\s(ve|v/v|ban hanh|quy dinh|huong dan|trien khai|thuc hien|phe duyet|yeu cau|dong y|chi dao|cho y kien|de nghi|tai|ngay|nham|doi voi|va ke hoach|va cong van|va quyet dinh|va van ban|va nghi quyet)\b|[,;.():]|\s-\s`)
)

// citesFirst reports whether the folded sentence opens with a citation.
func citesFirst(f string) bool {
	m := reCitation.FindStringIndex(f)
	return m != nil && m[0] == 0
}

// basis reads the documents the opening sentences carry out or rely on.
func (p *parser) basis(intro []block) {
	seen := map[string]bool{}
	for _, b := range intro {
		listing := false // the sentence before cited a basis
		for _, sent := range sentences(b.text) {
			f := foldText(sent)
			// "Thực hiện Nghị quyết số 01/NQ-CP ...; Quyết định số
			// 1128/QĐ-BYT ...": the basis list goes on after ";" with the
			// next document's kind.
			goesOn := listing && citesFirst(f.s)
			listing = false
			if !reBasisStart.MatchString(f.s) && !goesOn {
				continue
			}
			listing = true
			if reReplyOpen.MatchString(f.s) && reCitation.MatchString(f.s) {
				p.reply = true
			}
			for _, m := range reCitation.FindAllStringSubmatchIndex(f.s, 20) {
				kind := vi.UpperFirst(f.cut(m[2], m[3]))
				ref := strings.Join(strings.Fields(f.cut(m[4], m[5])), "")
				ref = strings.TrimRight(ref, ".")
				if seen[ref] {
					continue
				}
				seen[ref] = true
				bs := Basis{Kind: kind, Ref: ref}
				pos := m[1]
				rest := f.s[pos:]
				if k := strings.Index(rest, "ngay"); k >= 0 && k < 6 {
					if d, n := dateAt(rest[k+4:]); n > 0 {
						bs.Date = d.String()
						pos += k + 4 + n
					}
				}
				if bs.Date == "" && strings.HasPrefix(f.s, "ngay ") && strings.Contains(f.s[:m[0]], "ban hanh") {
					// "Ngày 28/11/2024, Ủy ban nhân dân huyện ban hành Công
					// văn số 2298/UBND-VP ...": the date comes first.
					if d, n := dateAt(f.s[len("ngay "):]); n > 0 && len("ngay ")+n <= m[0] {
						bs.Date = d.String()
					}
				}
				rest = f.s[pos:]
				if k := strings.Index(rest, "cua "); k >= 0 && k < 6 {
					start := pos + k + 4
					end := len(f.s)
					if e := reIssuerEnd.FindStringIndex(f.s[start:]); e != nil {
						end = start + e[0]
					}
					issuer := strings.Fields(f.cut(start, end))
					if len(issuer) > 12 {
						issuer = issuer[:12]
					}
					bs.Issuer = strings.Join(issuer, " ")
				}
				if len(p.res.Basis) < 50 {
					p.res.Basis = append(p.res.Basis, bs)
				}
			}
		}
	}
}

// dateAt reads a date at the start of folded s (after spaces) and returns
// it with the length read, 0 if none.
func dateAt(s string) (vi.Date, int) {
	t := strings.TrimLeft(s, " ")
	skip := len(s) - len(t)
	m := reDate.FindStringSubmatch(t)
	if m == nil {
		return vi.Date{}, 0
	}
	d := dateFromMatch(m[1:])
	if d.Year == 0 || !d.Valid() || d.Month == 0 {
		return vi.Date{}, 0
	}
	return d, skip + len(m[0])
}

// dateFromMatch turns the six groups of datePattern into a date; the year
// is 0 when the text leaves it out.
func dateFromMatch(g []string) vi.Date {
	var d vi.Date
	if g[0] != "" {
		d.Day, _ = strconv.Atoi(g[0])
		d.Month, _ = strconv.Atoi(g[1])
		d.Year, _ = strconv.Atoi(g[2])
	} else {
		d.Day, _ = strconv.Atoi(g[3])
		d.Month, _ = strconv.Atoi(g[4])
		d.Year, _ = strconv.Atoi(g[5])
	}
	return d
}

var (
	reHalf1   = regexp.MustCompile(`\b(?:0?6|sau) thang(?: dau)?(?: nam)?(?: (\d{4}))?|\bnua dau nam(?: (\d{4}))?`)
	reHalf2   = regexp.MustCompile(`\b(?:0?6|sau) thang cuoi nam(?: (\d{4}))?|\bnua cuoi nam(?: (\d{4}))?`)
	reNine    = regexp.MustCompile(`\b(?:0?9|chin) thang(?: dau)?(?: nam)?(?: (\d{4}))?`)
	reQuarter = regexp.MustCompile(`\bquy (iv|iii|ii|i|[1-4])\b(?:\s*(?:nam|/)\s*(\d{4}))?`)
	reMonth   = regexp.MustCompile(`(?:^|[^0-9a-z])thang (\d{1,2})\b(?:\s*(?:nam|/)\s*(\d{4}))?`)
	reYear    = regexp.MustCompile(`\bnam (\d{4})\b`)
	// reSeasonOf ends a season a year may date: "mùa khô", "mùa mưa
	// (bão, lũ)", "mùa lũ", "mùa bão", "mùa nắng nóng".
	reSeasonOf = regexp.MustCompile(`\bmua (?:kho|mua(?: bao| lu)?|lu|bao|nang nong)\s*$`)
	reDayOf    = regexp.MustCompile(`ngay[\s._…]*\d{0,2}[\s._…]*$`)
	reMonthOf  = regexp.MustCompile(`thang[\s._…]*\d{0,2}\s*$`)
	// reContentsAnd splits "... kiến nghị và đề ra ..." before a new item.
	reContentsAnd = regexp.MustCompile(` va (?:de ra|de xuat|kien nghi|nhiem vu|phuong huong|giai phap)`)
)

// reMeeting: the subject of a notice of a meeting's conclusions.
var reMeeting = regexp.MustCompile(`\b(ket luan|cuoc hop|phien hop|hoi nghi|giao ban|buoi lam viec)\b`)

// period reads what the round reports on: from the subject, else from the
// opening, else from the closing sentences that speak of the report.
func (p *parser) period(intro, closing []block) {
	texts := []string{p.res.Subject}
	meeting := reMeeting.MatchString(vi.Fold(p.res.Subject))
	if meeting {
		// A meeting's subject names the period it reviewed; the work it
		// gives is for the period its conclusions name.
		texts = []string{p.taskIntro}
	}
	var b strings.Builder
	for _, x := range intro {
		b.WriteString(x.text)
		b.WriteByte(' ')
	}
	texts = append(texts, reportSentences(b.String()))
	b.Reset()
	for _, x := range closing {
		b.WriteString(x.text)
		b.WriteByte(' ')
	}
	texts = append(texts, reportSentences(b.String()))
	// Plans, resolutions and programmes set a year's goals and report over
	// that year.
	sym := strings.ToUpper(p.res.Symbol)
	plan := strings.HasPrefix(sym, "KH") || strings.HasPrefix(sym, "NQ") || strings.HasPrefix(sym, "CTR")
	// So does a decision that gives the year's targets ("Quyết định về
	// việc giao chỉ tiêu kế hoạch … năm 2027", signed in late 2026): the
	// year it gives them for is the one reported on.
	plan = plan || reGivesPlan.MatchString(vi.Fold(p.res.Subject))
	for _, t := range texts {
		if per := periodIn(vi.Fold(t), p.issueDate.Year); per != nil {
			if !plan && per.Kind == tiendo.PeriodYear && p.issueDate.Year > 0 && per.Year > p.issueDate.Year {
				// "chuẩn bị Tổng điều tra kinh tế năm 2026" sent in 2025: a
				// year still to come is what the work prepares, not what a
				// report covers.
				continue
			}
			p.res.Period = per
			return
		}
	}
	if meeting && strings.HasPrefix(sym, "GM") {
		// An invitation whose text names no other period: the reports it
		// asks for the meeting ("Giấy mời dự Hội nghị đánh giá … 9 tháng
		// đầu năm 2024", sent in before it) cover what the meeting
		// reviews. A notice of a meeting's conclusions keeps to its own.
		p.res.Period = periodIn(vi.Fold(p.res.Subject), p.issueDate.Year)
	}
}

// reGivesPlan is a subject that gives a year's targets or plan to units:
// "giao chỉ tiêu kế hoạch", "giao kế hoạch", "giao chỉ tiêu", "giao dự
// toán". Folded.
var reGivesPlan = regexp.MustCompile(`\bgiao (?:chi tieu|ke hoach|du toan)\b`)

// reportSentences keeps the sentences that speak of a report or results.
func reportSentences(s string) string {
	var b strings.Builder
	for _, sent := range sentences(s) {
		f := vi.Fold(sent)
		if strings.Contains(f, "bao cao") || strings.Contains(f, "ket qua") {
			b.WriteString(sent)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func periodIn(f string, defaultYear int) *tiendo.Period {
	year := func(groups ...string) int {
		for _, g := range groups {
			if y, err := strconv.Atoi(g); err == nil && y >= 1900 && y <= 2200 {
				return y
			}
		}
		if m := reYear.FindStringSubmatch(f); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
		return defaultYear
	}
	if m := reHalf2.FindStringSubmatch(f); m != nil {
		return &tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: year(m[1], m[2]), Index: 2}
	}
	if m := reNine.FindStringSubmatch(f); m != nil {
		return &tiendo.Period{Kind: tiendo.PeriodNineMonth, Year: year(m[1])}
	}
	if m := reHalf1.FindStringSubmatch(f); m != nil {
		return &tiendo.Period{Kind: tiendo.PeriodHalfYear, Year: year(m[1], m[2]), Index: 1}
	}
	if m := reQuarter.FindStringSubmatch(f); m != nil {
		q := map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}[m[1]]
		return &tiendo.Period{Kind: tiendo.PeriodQuarter, Year: year(m[2]), Index: q}
	}
	for _, m := range reMonth.FindAllStringSubmatchIndex(f, -1) {
		if reDayOf.MatchString(f[max(0, m[0]-12) : m[0]+1]) {
			continue // "ngày 07 tháng 6": a date, not a period
		}
		mo, _ := strconv.Atoi(f[m[2]:m[3]])
		if mo < 1 || mo > 12 {
			continue
		}
		y := ""
		if m[4] >= 0 {
			y = f[m[4]:m[5]]
		}
		return &tiendo.Period{Kind: tiendo.PeriodMonth, Year: year(y), Index: mo}
	}
	for _, m := range reYear.FindAllStringSubmatchIndex(f, -1) {
		if strings.HasSuffix(strings.TrimSpace(f[max(0, m[0]-16):m[0]]), "giai doan") {
			continue
		}
		if reSeasonOf.MatchString(f[max(0, m[0]-24):m[0]]) {
			// "cao điểm mùa khô năm 2024", "mùa mưa bão năm 2025": the
			// year dates a season, the time the work is for, not a
			// period a report covers.
			continue
		}
		if reDayOf.MatchString(strings.TrimSpace(f[max(0, m[0]-30):m[0]])) || reMonthOf.MatchString(f[max(0, m[0]-12):m[0]]) {
			continue
		}
		y, _ := strconv.Atoi(f[m[2]:m[3]])
		return &tiendo.Period{Kind: tiendo.PeriodYear, Year: y}
	}
	return nil
}

// reRecurring is a deadline that repeats ("định kỳ trước ngày 20 hằng
// tháng", "trước ngày 15 của tháng cuối quý"): no one date.
var reRecurring = regexp.MustCompile(`(truoc|cham nhat|han|den)\s*(?:la\s*|vao\s*)?ngay\s*(\d{1,2})\s*(?:cua\s*)?(hang|moi|cac|thang cuoi)\s*(thang|quy|nam|tuan|ky)`)

// deadline finds when reports are due: in the closing first, then the
// opening, then a task that speaks of sending the report. A recurring
// deadline gives no date; it is warned about so that a person sets the
// round's.
func (p *parser) deadline(intro, closing, region []block) {
	p.findDeadline(intro, closing, region)
	p.laterDeadline(region)
	p.restDayRule()
}

// reRestDayRule is the rule a document gives for a deadline that falls on
// a day off: "trường hợp thời hạn trên trùng ngày nghỉ thì gửi vào ngày
// làm việc liền trước", "nếu trùng vào ngày nghỉ, ngày lễ thì gửi vào
// ngày làm việc tiếp theo", "hạn trên rơi vào thứ Bảy, Chủ nhật thì …
// ngày làm việc kế tiếp". Group 1 is the way the day moves. Folded.
var reRestDayRule = regexp.MustCompile(`\b(?:trung|roi)\s+(?:vao\s+)?(?:cac\s+|mot\s+)?(?:ngay nghi|ngay le|thu bay|chu nhat)\b[^.]{0,120}?\bngay lam viec\s+(lien truoc|truoc do|truoc lien ke|lien ke truoc|truoc|lien sau|lien ke sau|ke tiep|tiep theo|sau do|sau)\b`)

// restDayRule applies the rule a document gives for a deadline that falls
// on a day off, in the paragraph that sets it: a date that falls on a
// Saturday, a Sunday, a holiday or a day in lieu (restDay) moves to the
// working day before or after, as the document says, the way a clerk
// enters the day reports are really due. A warning names both days, for a
// person to check against the year's notice of days off (the breaks of
// years not yet announced follow the usual rule). A date on a working day,
// or a paragraph with no such rule, is left as it is.
func (p *parser) restDayRule() {
	d := p.res.Deadline
	if d == nil || p.deadlineLine == 0 {
		return
	}
	day, ok := isoDay(d.Date)
	if !ok || !restDay(day) {
		return
	}
	m := reRestDayRule.FindStringSubmatch(p.paragraphAt(p.deadlineLine))
	if m == nil {
		return
	}
	step := 1
	if strings.HasPrefix(m[1], "truoc") || strings.HasSuffix(m[1], "truoc") {
		step = -1
	}
	moved := day
	for k := 0; k < 10 && restDay(moved); k++ {
		moved = moved.AddDate(0, 0, step)
	}
	from := d.Date
	d.Date = moved.Format("2006-01-02")
	p.warn(WarnRestDayDeadline, p.deadlineLine, "Hạn ghi trong văn bản (%s) rơi vào %s; văn bản quy định khi trùng ngày nghỉ thì chuyển sang ngày làm việc %s, nên hạn đề xuất là %s (%s): hãy đối chiếu với lịch nghỉ lễ năm đó.", vnDate(from), restDayName(day), restDayWay(step), vnDate(d.Date), weekdayVN(moved))
}

// paragraphAt returns the folded text of the input line numbered n and the
// lines after it up to a blank line, six at most: the paragraph that goes
// on from the sentence giving a date.
func (p *parser) paragraphAt(n int) string {
	var b strings.Builder
	for i, taken := 0, 0; i < len(p.lines) && taken < 6; i++ {
		ln := p.lines[i]
		if ln.n < n {
			continue
		}
		if ln.text == "" {
			if taken > 0 {
				break
			}
			continue
		}
		b.WriteString(vi.Fold(ln.text))
		b.WriteByte(' ')
		taken++
	}
	return b.String()
}

// isoDay reads a "YYYY-MM-DD" date.
func isoDay(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// restDay reports whether t is a day off for state offices in Việt Nam:
// a Saturday, a Sunday, a public holiday of the solar or the lunar
// calendar (Tết, Giỗ Tổ Hùng Vương), a day in lieu or a day of the breaks
// the Government announces (vi.DayOff).
func restDay(t time.Time) bool {
	_, off := vi.DayOff(t)
	return off
}

// weekdayVN names t's day of the week as a Vietnamese letter does.
func weekdayVN(t time.Time) string {
	return [...]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}[t.Weekday()]
}

// restDayName names a day off: its weekday, or the holiday with its date
// and weekday ("Tết Nguyên đán, 17/02 (thứ Ba)").
func restDayName(t time.Time) string {
	if w := t.Weekday(); w == time.Saturday || w == time.Sunday {
		return weekdayVN(t)
	}
	name, _ := vi.DayOff(t)
	return name + ", " + t.Format("02/01") + " (" + weekdayVN(t) + ")"
}

func restDayWay(step int) string {
	if step < 0 {
		return "liền trước"
	}
	return "tiếp theo"
}

func (p *parser) findDeadline(intro, closing, region []block) {
	p.recurring(intro, closing, region)
	p.dueDate(intro, closing, nil)
	if d, line := p.res.Deadline, p.deadlineLine; d != nil && p.deadlineSent == "" {
		// The closing or the opening gives a date with no report in its
		// sentence ("Tài liệu Hội nghị được đăng tải trước ngày 24/9"),
		// while an item sends the report by its own ("5. Công tác chuẩn
		// bị: … gửi báo cáo về UBND huyện trước 16 giờ ngày 19/9"): the
		// report's date is the round's.
		warned := len(p.res.Warnings)
		p.res.Deadline = nil
		if !p.dueDateAfter(nil, nil, region, p.res.Date, false) || !p.deadlineSends {
			p.res.Deadline, p.deadlineLine, p.deadlineSent, p.deadlineSends = d, line, "", false
			p.res.Warnings = p.res.Warnings[:warned]
		}
	}
	if p.res.Deadline != nil && (p.deadlineSends || !p.sendsRelative(closing) && !p.sendsRelative(intro)) {
		return
	}
	p.res.Deadline, p.deadlineLine, p.deadlineSent = nil, 0, ""
	// A deadline counted from an event in the sentences that send the
	// report ("trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn
	// bản này") is the round's, even when a task has a date of its own
	// ("tham mưu ... báo cáo UBND tỉnh trước ngày 30/4").
	p.relativeDeadline(intro, closing, nil)
	if p.relative {
		return
	}
	p.dueDate(nil, nil, region)
	if p.res.Deadline != nil && !p.deadlineSends && p.sendsRelative(region) {
		// In the tasks, "gửi báo cáo ... trong thời hạn 05 ngày làm việc
		// kể từ ..." outranks a date that does not send the report.
		p.res.Deadline, p.deadlineLine, p.deadlineSent = nil, 0, ""
	}
	if p.res.Deadline == nil {
		p.relativeDeadline(nil, nil, region)
	}
}

// laterDeadline replaces a deadline already past when the directive was
// signed by one in the tasks that is not: a letter chasing late reports
// recalls the missed date in its opening and sets the new one in its items.
func (p *parser) laterDeadline(region []block) {
	d, issued := p.res.Deadline, p.res.Date
	if d == nil || p.relative || len(issued) != 10 || len(d.Date) != 10 || d.Date >= issued {
		return
	}
	// Only a sentence that sends the report replaces it: "báo cáo ...
	// đến hết ngày 15/9/2025" in a task is the data's end, and a past
	// year in the closing is more likely a slip, which is warned.
	line, sent, sends := p.deadlineLine, p.deadlineSent, p.deadlineSends
	p.res.Deadline = nil
	if !p.dueDateAfter(nil, nil, region, issued, false) || !p.deadlineSends {
		p.res.Deadline, p.deadlineLine, p.deadlineSent, p.deadlineSends = d, line, sent, sends
	}
}

// sendsRelative reports whether a sentence of the blocks sends the report
// within a time counted from an event.
func (p *parser) sendsRelative(bs []block) bool {
	for _, b := range bs {
		for _, sent := range sentences(b.text) {
			f := vi.Fold(sent)
			if reSend.MatchString(f) && reRelative.MatchString(f) {
				return true
			}
		}
	}
	return false
}

// reRelative is a deadline counted from an event: "trong vòng 05 ngày làm
// việc kể từ ngày nhận được văn bản này", "trong thời hạn 10 ngày kể từ
// ngày ký", "chậm nhất 03 ngày sau khi kết thúc quý".
var reRelative = regexp.MustCompile(`(?:trong vong|trong thoi han|trong|cham nhat(?: la)?|sau)\s+(\d{1,3})\s+ngay(\s+lam viec)?\s*,?\s*(?:ke tu|tinh tu|sau khi|sau)\s+(?:ngay\s+)?\S[^,;.]*`)

// reFromSigning is a reRelative match counted in calendar days from the
// day this document was signed or issued: "trong thời hạn 20 ngày kể từ
// ngày ký văn bản này", "trong vòng 15 ngày kể từ ngày ban hành", "chậm
// nhất 10 ngày kể từ ngày ký Công văn này". The day of receipt, working
// days, another document's signing ("kể từ ngày ký hợp đồng") or the end
// of a period are not: their day is not printed on the letter.
var reFromSigning = regexp.MustCompile(`^(?:trong vong|trong thoi han|trong|cham nhat(?: la)?)\s+(\d{1,3})\s+ngay\s*,?\s*(?:ke tu|tinh tu)\s+ngay\s+(?:ky(?:\s+ban hanh)?|ban hanh)(?:\s*\(?\s*(?:van ban|cong van|thong bao|ke hoach|quyet dinh|chi thi|cong dien)\s+nay\b.*|\s*)$`)

// reOnward is the clause in which the office says what it does with the
// reports: "để (kịp) tổng hợp, báo cáo Thủ tướng Chính phủ trước ngày D".
var reOnward = regexp.MustCompile(`\bde (?:kip )?tong hop\b`)

// relativeDeadline warns about a report deadline counted from an event
// when no date is given: its day depends on when each unit received the
// directive, and working days skip weekends and public holidays, so a
// person sets the round's date rather than the parser guessing it. Only
// calendar days from the signing of the document itself, whose date it
// bears, are counted (fromSigning), and still warned to be checked.
func (p *parser) relativeDeadline(intro, closing, region []block) {
	for _, group := range [][]block{closing, intro, region} {
		for _, b := range group {
			for _, sent := range sentences(b.text) {
				f := foldText(sent)
				m := reRelative.FindStringIndex(f.s)
				if m == nil || !(strings.Contains(f.s, "gui") || strings.Contains(f.s, "bao cao") || strings.Contains(f.s, "nop")) {
					continue
				}
				p.relative = true
				phrase := strings.TrimSpace(f.cut(m[0], m[1]))
				if d, ok := p.fromSigning(f.s[m[0]:m[1]], f.s); ok {
					// The day it counts from is the document's own date:
					// the clerk's count, the signing day not counted and
					// the period ending with its last day (Bộ luật Dân
					// sự, điều 147–148).
					p.res.Deadline = &Deadline{Date: d.String(), Relation: "by"}
					p.deadlineLine = p.lineOf(b, sent)
					if t := d.Time(time.UTC); restDay(t) {
						// Left as counted: whether a period ending on a day
						// off runs on (Bộ luật Dân sự, điều 148) is for the
						// office to say, unless the document says it
						// (restDayRule).
						p.warn(WarnRelativeDeadline, p.deadlineLine, "Văn bản nêu hạn tính từ ngày ký (“%s”): hạn %s được tính từ ngày ký %s (không kể ngày ký) và rơi vào %s, ngày nghỉ; hãy kiểm tra lại và chọn ngày làm việc gần nhất nếu cần.", phrase, vnDate(p.res.Deadline.Date), vnDate(p.res.Date), restDayName(t))
					} else {
						p.warn(WarnRelativeDeadline, p.deadlineLine, "Văn bản nêu hạn tính từ ngày ký (“%s”): hạn %s được tính từ ngày ký %s (không kể ngày ký); hãy kiểm tra lại, nhất là khi ngày cuối cùng rơi vào ngày nghỉ.", phrase, vnDate(p.res.Deadline.Date), vnDate(p.res.Date))
					}
					return
				}
				p.warn(WarnRelativeDeadline, p.lineOf(b, sent), "Văn bản nêu hạn tính từ một sự kiện (“%s”), không phải một ngày cụ thể: hãy tính ngày (ngày làm việc không kể thứ Bảy, Chủ nhật và ngày lễ) và nhập hạn cho đợt báo cáo này.", phrase)
				return
			}
		}
	}
}

// fromSigning returns the deadline a relative phrase rel of folded
// sentence f sets when it counts calendar days from the signing of this
// document and the document's date is known: that date plus the days.
// A sentence on when the document takes effect ("Quyết định này có hiệu
// lực ...") sets no report's deadline.
func (p *parser) fromSigning(rel, f string) (vi.Date, bool) {
	m := reFromSigning.FindStringSubmatch(strings.TrimSpace(rel))
	if m == nil || !p.issueDate.Complete() || !p.issueDate.Valid() || strings.Contains(f, "hieu luc") {
		return vi.Date{}, false
	}
	n, _ := strconv.Atoi(m[1])
	if n < 1 {
		return vi.Date{}, false
	}
	t := time.Date(p.issueDate.Year, time.Month(p.issueDate.Month), p.issueDate.Day+n, 0, 0, 0, 0, time.UTC)
	return vi.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

// recurring warns about a repeating deadline, said in the closing, the
// opening or an item of the body (a plan's "Chế độ báo cáo" is one).
func (p *parser) recurring(intro, closing, region []block) {
	for _, group := range [][]block{closing, intro, region} {
		for _, b := range group {
			f := foldText(b.text)
			if m := reRecurring.FindStringIndex(f.s); m != nil {
				p.warn(WarnRecurringDeadline, p.lineOf(b, f.cut(m[0], m[1])), "Văn bản nêu hạn báo cáo định kỳ (“%s”), không phải một ngày cụ thể: hãy kiểm tra và nhập hạn cho đợt báo cáo này.", f.cut(m[0], m[1]))
				return
			}
		}
	}
}

// dueDate takes the deadline from the closing, else the opening, else the
// tasks. Within each, a sentence that sends the report ("gửi về Sở Tài
// chính trước ngày 25/9") is preferred to one that only speaks of it
// ("báo cáo tình hình giải ngân đến hết ngày 15/9", a cut-off of the data).
func (p *parser) dueDate(intro, closing, region []block) {
	// A date already past when the directive was signed is an earlier
	// deadline it recalls ("Công văn số 2298 ... yêu cầu gửi báo cáo trước
	// ngày 12/12/2024" in a letter of 16/12 that chases it): the next one
	// is the round's. Only when there is none is a past date taken, for
	// the office to see warned (deadline-not-after-issue).
	//
	// The date the units send their own plans by ("xây dựng chương trình
	// công tác của cấp mình, gửi về … trước ngày 25/01") is taken only
	// when no sentence gives a date for a report (see sendsPlan).
	for _, plans := range []bool{false, true} {
		if p.dueDateAfter(intro, closing, region, p.res.Date, plans) || p.dueDateAfter(intro, closing, region, "", plans) {
			return
		}
	}
}

// dueDateAfter is dueDate taking only dates on or after issued ("" for
// any), and sentences that send a plan only when plans is set; it reports
// whether it found one.
func (p *parser) dueDateAfter(intro, closing, region []block, issued string, plans bool) bool {
	type cand struct {
		d    *Deadline
		line int
		f    string
		next []string // the sentences after it in its paragraph
	}
	past := func(d *Deadline) bool {
		return len(issued) == 10 && len(d.Date) == 10 && d.Date < issued
	}
	var cited *cand // the first date a restated document gave
	for gi, group := range [][]block{closing, intro, region} {
		// In the tasks, only a sentence about sending the report gives the
		// round's deadline: "hoàn thành trước ngày" is the task's own.
		strict := gi == 2
		var send, report, fallback *cand
		for _, b := range group {
			sents := sentences(b.text)
			citing := false // the sentence goes on restating a cited document's demands
			for si, sent := range sents {
				f := spelledDates(vi.Fold(sent))
				if si == 0 {
					citing = reCitedDemand.MatchString(f)
				} else if strings.HasSuffix(sents[si-1], ".") {
					citing = false
				}
				m := sentenceDeadline(f)
				if m == nil {
					continue
				}
				d := p.deadlineFrom(m)
				if d == nil || past(d) || !plans && sendsPlan(f) {
					continue
				}
				c := &cand{d, 0, f, sents[si+1:]}
				switch {
				case citing:
					// What a cited document asked, restated: taken only
					// when no part of the text gives a date of its own.
					if cited == nil && (reSend.MatchString(f) || strings.Contains(f, "bao cao")) {
						c.line = p.lineOf(b, sent)
						cited = c
					}
				case issued != "" && !reSend.MatchString(f):
					// Past a recalled date, only a sentence that sends the
					// report sets the deadline: a date a cited letter gave
					// its own work does not replace a slip, which is warned.
				case send == nil && reSend.MatchString(f):
					c.line = p.lineOf(b, sent)
					send = c
				case report == nil && strings.Contains(f, "bao cao"):
					c.line = p.lineOf(b, sent)
					report = c
				case fallback == nil && !strict:
					c.line = p.lineOf(b, sent)
					fallback = c
				}
			}
		}
		for _, c := range []*cand{send, report} {
			if c != nil {
				whole := c.f
				if d, rest := p.yearReport(listed(c.f, c.next), c.d); d != nil && !past(d) {
					c.d, c.f = d, rest
				}
				p.deadlineSends = c == send
				p.res.Deadline = c.d
				p.deadlineLine = c.line
				p.deadlineSent = c.f
				p.otherDeadlines(whole, c.d)
				return true
			}
		}
		if fallback != nil {
			p.res.Deadline, p.deadlineLine = fallback.d, fallback.line
			return true
		}
	}
	if cited != nil && issued == "" {
		// Only once any date, not only a later one, was looked for, and
		// once the tasks were too.
		if region == nil {
			if p.citedDeadline == nil {
				p.citedDeadline, p.citedLine, p.citedSent = cited.d, cited.line, cited.f
			}
			return false
		}
		p.citedDeadline, p.citedLine, p.citedSent = cited.d, cited.line, cited.f
	}
	if d := p.citedDeadline; d != nil && issued == "" && region != nil {
		p.deadlineSends = reSend.MatchString(p.citedSent)
		p.res.Deadline, p.deadlineLine, p.deadlineSent = d, p.citedLine, p.citedSent
		return true
	}
	return false
}

// reSpelledDate is a date whose day and month are written in words, the
// year in figures: "ngày hai mươi tháng mười một năm 2023" (folded).
var reSpelledDate = regexp.MustCompile(`\bngay ((?:[a-z]+ ){1,4}?)thang ((?:[a-z]+ ){1,3}?)nam (\d{4})\b`)

// spelledDates writes in figures the dates of folded f whose day and
// month are in words, so that "trước ngày hai mươi tháng mười một năm
// 2023" is read as "trước ngày 20 tháng 11 năm 2023". Words that are no
// day or month ("ngày làm việc tháng này năm 2023") are left alone.
func spelledDates(f string) string {
	if !strings.Contains(f, "thang ") {
		return f
	}
	return reSpelledDate.ReplaceAllStringFunc(f, func(m string) string {
		g := reSpelledDate.FindStringSubmatch(m)
		d, okD := spelledValue(strings.Fields(g[1]))
		mo, okM := spelledValue(strings.Fields(g[2]))
		if !okD || !okM || d < 1 || d > 31 || mo < 1 || mo > 12 || d != float64(int(d)) || mo != float64(int(mo)) {
			return m
		}
		return fmt.Sprintf("ngay %d thang %d nam %s", int(d), int(mo), g[3])
	})
}

// reCitedDemand opens a sentence that restates what a cited document
// asked of others: "Thực hiện Chỉ thị số 05/CT-UBND …, trong đó Chủ tịch
// Ủy ban nhân dân tỉnh yêu cầu các xã, phường: (1) …; (2) báo cáo …
// trước ngày D." Its dates, up to the sentence's full stop over the ";"
// between the demands, are that document's: one is taken only when no
// other sentence gives a date. So are those of an earlier document
// recalled by its date ("Ngày 27/5/2022, Sở Tài chính ban hành Công văn
// số 1534/STC-QLNS đề nghị … gửi về Sở trước ngày 10/6/2022."), which a
// letter that extends or chases it restates before its own date.
var reCitedDemand = regexp.MustCompile(`^(?:(?:thuc hien|can cu|theo|trien khai)\b[^;]*\btrong do\b[^;]{0,80}\b(?:yeu cau|de nghi|chi dao|giao)\b|ngay \d{1,2}/\d{1,2}/\d{4},? [^;]{0,120}\b(?:ban hanh|da ban hanh|co|da co|gui)\s+(?:cong van|ke hoach|thong bao|van ban|chi thi|quyet dinh|huong dan)\s+so\b)`)

// reReplacedQuote is the quoted wording a text replaces: "thay cho thời
// hạn “trước ngày 10/6”", "thay cụm từ “quý II” bằng …". What it quotes is
// void, no date of the round's.
var reReplacedQuote = regexp.MustCompile(`\bthay (?:cho |the cho |the )?(?:thoi han |cum tu |tu |ngay )?(?:"[^"]{1,80}"|“[^”]{1,80}”)`)

// sentenceDeadline returns the deadline a folded sentence sets: its
// first date said with "trước", "chậm nhất" or "hạn", before one said with
// "đến hết" or "trong", which more often bound the figures ("số liệu đến
// hết ngày 20/8/2026, ... trước 17 giờ 00 ngày 25/8/2026").
//
// A date for asking more time is none of the round's: a letter chasing
// work writes "trường hợp không hoàn thành đúng hạn, đề xuất gia hạn gửi
// trước ngày 15/10" beside the report it wants later, and the request
// for an extension is no report (see extensionAsk). A date the office
// reports onward by ("… để tổng hợp, báo cáo UBND tỉnh trước ngày D2")
// does not outrank the units' "trong ngày D1" before it.
func sentenceDeadline(f string) []string {
	f = reReplacedQuote.ReplaceAllStringFunc(f, func(q string) string { return strings.Repeat(" ", len(q)) })
	all := reDeadline.FindAllStringSubmatchIndex(f, 8)
	var kept [][]string
	within, withinEnd := -1, 0
	rel := reRelative.FindStringIndex(f)
	for _, ix := range all {
		if extensionAsk(f, ix[0]) {
			continue
		}
		m := submatches(f, ix)
		if rel != nil && rel[0] < ix[0] && reOnward.MatchString(f[rel[0]:ix[0]]) {
			// "gửi về Bộ … trong thời hạn 20 ngày kể từ ngày ký văn bản
			// này, … để kịp tổng hợp, báo cáo Thủ tướng Chính phủ trước
			// ngày 30/11": the units' time is counted from an event
			// (relativeDeadline); the date is the office's own report.
			continue
		}
		if m[1] == "den het" && reEvery.MatchString(f[:ix[0]]) {
			// "báo cáo nhanh … trước 15 giờ hằng ngày trong thời gian từ
			// ngày 18/10 đến hết ngày 24/10": the last day of a report
			// sent every day, no report due by it.
			continue
		}
		if m[1] == "trong" && within < 0 {
			within, withinEnd = len(kept), ix[1]
		}
		if m[1] != "den het" && m[1] != "trong" && within >= 0 && strings.Contains(f[withinEnd:ix[0]], "de tong hop") {
			// "gửi báo cáo … trong ngày 04/6/2026 để tổng hợp, báo cáo
			// Ban Thường vụ Tỉnh ủy trước ngày 15/6/2026": the units send
			// within the day; the later date is the office's own report.
			return kept[within]
		}
		kept = append(kept, m)
	}
	for _, m := range kept {
		if m[1] != "den het" && m[1] != "trong" {
			return m
		}
	}
	if len(kept) > 0 {
		return kept[0]
	}
	return nil
}

// reEvery says a report is sent again and again while something lasts:
// "hằng ngày", "mỗi ngày", "hằng tuần", "02 lần/ngày" (folded).
var reEvery = regexp.MustCompile(`\b(?:hang|moi) (?:ngay|tuan)\b|\blan\s*/\s*(?:ngay|tuan)\b`)

// reYearReport names the year's report without its year: "báo cáo tổng
// kết", "báo cáo kết quả cả năm", "báo cáo năm".
var reYearReport = regexp.MustCompile(`\b(?:tong ket|ca nam|bao cao nam)\b`)

// reAndYear is the year's report asked with the same verb as the interim
// one, the clause between their dates: "báo cáo … định kỳ 6 tháng (trước
// ngày D1) và năm (trước ngày D2)".
var reAndYear = regexp.MustCompile(`^[\s()]*(?:va|,)\s+(?:ca\s+)?nam[\s(]*$`)

// yearReport: a Quyết định giving a year's targets (or a Chỉ thị setting a
// year's work, or a Kế hoạch for a year) asks in one sentence
// for an interim review and for the year's report ("báo cáo sơ kết 6 tháng
// trước ngày 10/6 và báo cáo kết quả thực hiện năm 2026 gửi ... chậm nhất
// ngày 05/12"). The targets are the year's, so the round that measures them
// is the year's report; the interim date is a review on the way. It returns
// that later deadline and the sentence from its clause on, or nil when the
// document is no decision for a year, or the first deadline already reports
// on the year.
func (p *parser) yearReport(f string, first *Deadline) (*Deadline, string) {
	per := p.res.Period
	// A Chỉ thị for a year ("Chỉ thị về … năm 2026", symbol "CT-…", a
	// Party one "CT/…") sets the year's work as a Quyết định giving its
	// targets does, and asks the same way for an interim review on the way
	// to the year's report.
	sym := strings.ToUpper(p.res.Symbol)
	// A Kế hoạch for a year ("Kế hoạch … năm 2026", symbol "KH-…") sets
	// the year's targets too, and its interim review is as much a step
	// on the way; so does a Chương trình công tác for a year ("CTr-…"),
	// and a Nghị quyết adopting a year's plan ("NQ-HĐND"), whose
	// executing body reports the year by a date the round works back from.
	if per == nil || per.Kind != tiendo.PeriodYear || !strings.HasPrefix(sym, "QĐ") && !strings.HasPrefix(sym, "NQ") && !strings.HasPrefix(sym, "CT-") && !strings.HasPrefix(sym, "CT/") && !strings.HasPrefix(sym, "KH") && !strings.HasPrefix(sym, "CTR") {
		return nil, ""
	}
	from, firstSeen := 0, false
	for _, ix := range reDeadline.FindAllStringSubmatchIndex(f, 8) {
		m := submatches(f, ix)
		if m[1] == "den het" || m[1] == "trong" || extensionAsk(f, ix[0]) {
			from = ix[1]
			continue
		}
		clause := f[from:ix[0]]
		cp := periodIn(clause, per.Year)
		if !firstSeen {
			firstSeen = true
			if cp == nil && !strings.Contains(clause, "so ket") || cp != nil && cp.Kind == tiendo.PeriodYear {
				return nil, "" // the first report is already the year's
			}
		} else if reAndYear.MatchString(clause) || strings.Contains(clause, "bao cao") && (cp != nil && cp.Kind == tiendo.PeriodYear && cp.Year == per.Year || cp == nil && reYearReport.MatchString(clause)) {
			if d := p.deadlineFrom(m); d != nil && d.Date > first.Date {
				return d, f[from:]
			}
		}
		from = ix[1]
	}
	return nil, ""
}

// listed returns folded sentence f with the sentences of next that go on
// the list it opens: each piece ended with ";" continues the one sentence
// ("Chế độ báo cáo: … báo cáo 6 tháng gửi trước ngày 10/6/2026; báo cáo
// kết quả thực hiện năm 2026 gửi về …, hạn cuối ngày 20/11/2026"), which
// sentences splits. A piece ended with "." closes it.
func listed(f string, next []string) string {
	if !strings.HasSuffix(f, ";") || len(next) == 0 {
		return f
	}
	var b strings.Builder
	b.WriteString(f)
	for _, s := range next {
		b.WriteByte(' ')
		b.WriteString(vi.Fold(s))
		if !strings.HasSuffix(s, ";") {
			break
		}
	}
	return b.String()
}

// submatches turns the indexes of a match into its strings, "" for a
// group that took no part.
func submatches(f string, ix []int) []string {
	m := make([]string, len(ix)/2)
	for k := range m {
		if ix[2*k] >= 0 {
			m[k] = f[ix[2*k]:ix[2*k+1]]
		}
	}
	return m
}

// reExtensionAsk: asking for more time ("đề xuất gia hạn", "đề nghị gia
// hạn", "xin gia hạn", "văn bản đề nghị điều chỉnh, gia hạn"), the way an
// office writes what a unit that cannot finish on time must send.
var reExtensionAsk = regexp.MustCompile(`\b(?:de xuat|de nghi|xin)\s+(?:[a-z]+,?\s+){0,3}?gia han\b`)

// extensionAsk reports whether the deadline at offset at of folded
// sentence f is the date for asking an extension: the clause it closes
// (back to the last "(", ";" or the sentence's start) asks for one. An
// extension granted ("đồng ý gia hạn thời gian gửi báo cáo đến trước
// ngày 20/10") asks nothing and keeps its date.
func extensionAsk(f string, at int) bool {
	if !strings.Contains(f, "gia han") {
		return false
	}
	cl := f[:at]
	if k := strings.LastIndexAny(cl, "(;"); k >= 0 {
		cl = cl[k+1:]
	}
	return reExtensionAsk.MatchString(cl)
}

// reSend: the report is sent or handed in.
var reSend = regexp.MustCompile(`\b(gui|nop)\b`)

// rePlanSent: what a sentence sends is a plan or programme the units draw
// up ("xây dựng chương trình công tác năm 2025 của cấp mình, gửi về Hội
// LHPN tỉnh trước ngày 25/01/2025").
var rePlanSent = regexp.MustCompile(`\b(?:xay dung|ban hanh)\s+(?:ke hoach|chuong trinh)\b`)

// sendsPlan reports whether folded sentence f sends the units' own plan,
// not a report: a date for a plan is a step before the work, and a report
// the document asks for elsewhere ("báo cáo năm trước ngày 10/11/2025")
// is what the round collects. A sentence that speaks of a report too
// ("xây dựng kế hoạch và báo cáo kết quả, gửi …") still sends it.
func sendsPlan(f string) bool {
	if strings.Contains(f, "bao cao") {
		return false
	}
	k := reSend.FindStringIndex(f)
	return k != nil && rePlanSent.MatchString(f[:k[0]])
}

// planPeriod: the sentence that gives the deadline asks for the report,
// and the period it names there ("báo cáo kết quả thực hiện quý IV năm 2024
// trước ngày 10/12/2024"), the part before the first date, is the round's,
// whatever else the subject reviewed ("... 9 tháng, triển khai nhiệm vụ quý
// IV"). A plan's subject names the years it covers ("Kế hoạch ... năm
// 2026"), and its reports are due by period in that sentence too ("báo cáo
// 6 tháng đầu năm trước ngày 10/6"). Outside a plan, a bare year there
// does not replace a finer period read before.
func (p *parser) planPeriod() {
	if p.deadlineSent == "" {
		return
	}
	f := p.deadlineSent
	if m := reDeadline.FindStringIndex(f); m != nil {
		f = f[:m[0]]
	}
	plan := strings.HasPrefix(strings.ToUpper(p.res.Symbol), "KH")
	if !plan && !strings.Contains(f, "bao cao") {
		return
	}
	if per := periodIn(f, p.issueDate.Year); per != nil {
		if !plan && per.Kind == tiendo.PeriodYear && p.res.Period != nil {
			return
		}
		if per.Year == 0 && p.res.Period != nil {
			per.Year = p.res.Period.Year
		}
		p.res.Period = per
	}
}

// otherDeadlines warns when the sentence that gives the deadline gives
// others ("báo cáo 6 tháng trước ngày 10/6, báo cáo năm trước ngày
// 10/12"): the round takes the first, and a person should know there are
// more.
func (p *parser) otherDeadlines(f string, first *Deadline) {
	var others []string
	for _, ix := range reDeadline.FindAllStringSubmatchIndex(f, 8) {
		m := submatches(f, ix)
		if m[1] == "den het" || extensionAsk(f, ix[0]) {
			continue // the figures' end, or a date to ask more time, not a deadline (sentenceDeadline)
		}
		if d := p.deadlineFrom(m); d != nil && d.Date != first.Date && !contains(others, vnDate(d.Date)) {
			others = append(others, vnDate(d.Date))
		}
	}
	if len(others) > 0 {
		p.warn(WarnManyDeadlines, p.deadlineLine, "Văn bản nêu nhiều hạn báo cáo (%s, %s): đợt báo cáo đề xuất lấy hạn %s; hãy tạo đợt riêng cho các hạn khác nếu cần.", vnDate(first.Date), strings.Join(others, ", "), vnDate(first.Date))
	}
}

func (p *parser) deadlineFrom(m []string) *Deadline {
	rel := "by"
	if strings.HasPrefix(m[1], "truoc") || strings.HasSuffix(m[1], "truoc") {
		rel = "before"
	}
	if m[1] == "trong" {
		rel = "by"
	}
	d := dateFromMatch(m[6:12])
	if d.Year == 0 {
		d.Year = p.issueDate.Year
		if d.Year != 0 && p.issueDate.Month != 0 && d.Month < p.issueDate.Month {
			d.Year++ // "trước ngày 05/01" in a December document
		}
	}
	if !d.Complete() || !d.Valid() {
		return nil
	}
	dl := &Deadline{Date: d.String(), Relation: rel}
	if m[2] != "" {
		h, _ := strconv.Atoi(m[2])
		mi, _ := strconv.Atoi(m[3])
		if (m[4] == "chieu" || m[4] == "toi") && h < 12 {
			h += 12 // "trước 4 giờ chiều": 16:00
		}
		if h < 24 && mi < 60 {
			dl.Time = fmt.Sprintf("%02d:%02d", h, mi)
		}
	}
	return dl
}

// lineOf returns the input line where sentence sent of block b is, by
// counting lines of the block: the first line when unsure.
func (p *parser) lineOf(b block, sent string) int {
	key := sent
	if len(key) > 30 {
		key = key[:30]
		key = strings.ToValidUTF8(key, "")
	}
	for _, ln := range p.lines {
		if ln.n >= b.line && strings.Contains(ln.text, key) {
			return ln.n
		}
	}
	return b.line
}

// contentsTriggers open the sentence that says what a report must contain.
var reContents = regexp.MustCompile(`(luu y|noi dung bao cao|bao cao can|bao cao phai|bao cao tap trung|bao cao gom|bao cao neu ro|yeu cau bao cao|de cuong)`)
var reContentsLead = regexp.MustCompile(`(danh gia ro|danh gia|trong do|bao gom|gom cac noi dung|gom|tap trung vao|neu ro|cac noi dung sau|cac noi dung|:)\s*`)

// contents reads what the reports must contain: a sentence listing it, or
// the bullets under an item or paragraph that announces it.
func (p *parser) contents(intro, closing, region []block) {
	all := append(append(append([]block{}, intro...), region...), closing...)
	p.res.Brief = asksBrief(all)
	for i, b := range all {
		f := vi.Fold(b.text)
		if !reContents.MatchString(f) || b.kind == bullet || (b.kind == section && alsoTasks(f)) {
			continue
		}
		// A list under it.
		var items []string
		for j := i + 1; j < len(all) && all[j].kind == bullet; j++ {
			if it := trimItem(all[j].text); it != "" {
				items = append(items, it)
			}
		}
		if len(items) == 0 && i+1 < len(all) && strings.HasSuffix(strings.TrimSpace(b.text), ":") {
			for j := i + 1; j < len(all) && all[j].kind == letter; j++ {
				items = append(items, trimItem(all[j].text))
			}
		}
		if len(items) == 0 {
			sents := sentences(b.text)
			for k, sent := range sents {
				fs := foldText(sent)
				if !reContents.MatchString(fs.s) {
					continue
				}
				// The list may go on in the sentences after ("...; nêu rõ
				// tồn tại...; đề xuất giải pháp ...").
				for _, more := range sents[k+1:] {
					if reDeadline.MatchString(vi.Fold(more)) {
						break
					}
					sent += " " + more
				}
				fs = foldText(sent)
				start := reContents.FindStringIndex(fs.s)[1]
				// The list starts after the last phrase that announces it:
				// "Lưu ý: Báo cáo cần ngắn gọn, trong đó đánh giá rõ ...".
				start += contentsLead(fs.s[start:])
				items = splitContents(fs.cut(start, len(fs.s)))
				if len(items) > 0 {
					break
				}
			}
		}
		// A heading "NỘI DUNG BÁO CÁO" with the list in the paragraph
		// under it.
		if len(items) == 0 && i+1 < len(all) && all[i+1].kind == plain && (b.kind == section || isUpper(b.text) || strings.HasSuffix(strings.TrimSpace(b.text), ":")) {
			fs := foldText(all[i+1].text)
			items = splitContents(fs.cut(contentsLead(fs.s), len(fs.s)))
		}
		if len(items) > 0 {
			p.res.ReportContents = items
			return
		}
	}
}

// reBrief finds a request for short reports in a folded sentence that
// speaks of the report: "Báo cáo cần ngắn gọn", "báo cáo ngắn gọn, súc tích".
var reBrief = regexp.MustCompile(`\b(ngan gon|suc tich)\b`)

// asksBrief reports whether a sentence of bs asks for the reports to be
// short.
func asksBrief(bs []block) bool {
	for _, b := range bs {
		for _, sent := range sentences(b.text) {
			f := vi.Fold(sent)
			if strings.Contains(f, "bao cao") && reBrief.MatchString(f) {
				return true
			}
		}
	}
	return false
}

// contentsLead returns where the list of contents starts in folded s:
// after the first phrase that announces it ("đánh giá rõ", "gồm") and the
// phrases right after it ("trong đó đánh giá rõ"), else after a colon.
func contentsLead(s string) int {
	colon := 0
	end := -1
	for _, m := range reContentsLead.FindAllStringIndex(s, -1) {
		if s[m[0]] == ':' {
			if colon == 0 {
				colon = m[1]
			}
			continue
		}
		if end < 0 || m[0] <= end+1 {
			end = m[1]
			continue
		}
		break
	}
	if end < 0 {
		return colon
	}
	return end
}

// splitContents splits "tiến độ đã đạt được so với kế hoạch, so với cùng
// kỳ, những khó khăn, vướng mắc, kiến nghị... và đề ra..." into its items;
// a short piece ("vướng mắc") stays with the one before it, which it
// completes.
func splitContents(s string) []string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "./"))
	var parts []string
	for _, a := range strings.Split(s, ";") {
		for _, b := range strings.Split(a, ",") {
			f := foldText(b)
			last := 0
			for _, m := range reContentsAnd.FindAllStringIndex(f.s, -1) {
				parts = append(parts, f.cut(last, m[0]))
				last = m[0] + 4
			}
			parts = append(parts, f.cut(last, len(f.s)))
		}
	}
	var out []string
	for _, x := range parts {
		x = strings.TrimSpace(x)
		if x == "" {
			continue
		}
		if len(out) > 0 && len(strings.Fields(x)) <= 2 && len(strings.Fields(out[len(out)-1])) <= 3 {
			out[len(out)-1] += ", " + x
			continue
		}
		out = append(out, x)
	}
	if len(out) > 30 {
		out = out[:30]
	}
	return out
}

// sentences splits text at ". " and "; " boundaries that end a sentence;
// numbers like "15.000" and abbreviations followed by a digit are kept.
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == ';') && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if s[i] == '.' && !unicode.IsUpper(r) && r != '-' {
				continue
			}
			out = append(out, strings.TrimSpace(s[start:i+1]))
			start = i + 2
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}
