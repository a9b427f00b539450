package consolidate

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"tiendo"
	"tiendo/internal/directive"
	"tiendo/internal/document"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

// Meta is what the report's page carries besides its body: the header, the
// number and date (blank while a draft), the subject, the signature block
// and the distribution list.
type Meta struct {
	ParentIssuer, Issuer, Number, Symbol, Place, Subject string
	Date                                                 time.Time
	// Drafted is when a draft (zero Date) was last written: its date line
	// leaves only the day blank (document.Document.Drafted).
	Drafted      time.Time
	Signer       document.Signer
	Distribution []string
}

// MetaFor proposes the page of a draft report for in: from the issuer, the
// place and subject the directive gives, "BC-UBND", signed on behalf of the
// People's Committee by its chairman, sent to the bodies that asked for it.
// Number, date and signer's name are left for issuing.
func MetaFor(in Input) Meta {
	c := newDraft(in)
	issuer := strings.TrimSpace(in.Issuer)
	if issuer == "" {
		issuer = c.round.Issuer
	}
	// The place is the issuer's: the directive's only when the directive
	// is the issuer's own (a province's directive is dated "Lạng Sơn", the
	// district's report "Hữu Lũng").
	var dirPlace, earlierPlace string
	if !c.foreign() {
		dirPlace = c.dir.Place
	}
	if is := strings.TrimSpace(c.earlier.Issuer); is == "" || strings.TrimSpace(issuer) == "" || vi.BodyKey(is) == vi.BodyKey(issuer) {
		earlierPlace = c.earlier.Place
	}
	m := Meta{
		Issuer:  issuer,
		Symbol:  "BC-UBND",
		Place:   cmp.Or(strings.TrimSpace(in.Place), PlaceOf(issuer), dirPlace, earlierPlace),
		Subject: upperFirst(c.subjectWords()),
		Signer:  document.Signer{Authority: []string{"TM. ỦY BAN NHÂN DÂN"}, Title: "CHỦ TỊCH"},
	}
	// The bodies whose request the report answers get a copy: the body
	// above that issued the directive, or those the directive carries out
	// (for a round started from an earlier one, those the earlier round
	// answered).
	basis := c.dir.Basis
	if c.foreign() {
		_, full := issuerNames(cmp.Or(strings.TrimSpace(c.round.Issuer), c.dir.Issuer))
		basis = []directive.Basis{{Issuer: full}}
	}
	if len(basis) == 0 {
		basis = c.earlier.Basis
	}
	seen := map[string]bool{}
	for _, b := range basis {
		if is := strings.TrimSpace(b.Issuer); is != "" && !seen[key(is)] {
			seen[key(is)] = true
			m.Distribution = append(m.Distribution, is+" (b/c)")
		}
	}
	if level := strings.TrimPrefix(c.issuer, "UBND "); level != c.issuer && level != "" {
		m.Distribution = append(m.Distribution, "TT HĐND "+level, "CT, các PCT UBND "+level)
	}
	// The file copies: the clerical unit's (VT) and the drafting unit's,
	// the office that consolidates the report (VP), as Decree 30's example
	// and the công văn (compose.DraftMeta) have them.
	m.Distribution = append(m.Distribution, "Các cơ quan, đơn vị liên quan", "Lưu: VT, VP")
	return m
}

// IndicatorRows are the rows of the indicator table: a target of a task as
// a lead unit reported it, with the plan, the actual, the same period and
// the verdict's label, in the order of the tasks and targets. When several
// units lead a task, a target shows the units that reported on it, named in
// brackets, or one row "Chưa có số liệu" when none did.
func IndicatorRows(in Input) []document.Indicator {
	c := newDraft(in)
	var out []document.Indicator
	for _, rows := range byTarget(c.rows) {
		if rows[0].Target == nil {
			continue
		}
		if len(rows) > manyUnits {
			out = append(out, summaryIndicator(rows))
			continue
		}
		out = append(out, c.indicators(rows)...)
	}
	return out
}

// summaryIndicator is the one row of a target that more than manyUnits
// units report, as targetSummary words it: the total against the units'
// goals added up where the amounts add up, else the goal of each; the
// verdict counts the units that met it.
func summaryIndicator(rows []watch.TargetRow) document.Indicator {
	tg := rows[0].Target
	sum, same, counted := summed(rows)
	met := 0
	for _, r := range rows {
		if v := verdictOf(r); v == tiendo.VerdictMet || v == tiendo.VerdictExceeded {
			met++
		}
	}
	in := document.Indicator{Task: taskOf(rows[0]), Target: fmt.Sprintf("%s (%d đơn vị báo cáo)", goalText(tg), len(rows)), Unit: tg.Unit,
		Verdict: fmt.Sprintf("%d/%d đơn vị đạt", met, len(rows))}
	plan := tg.Value
	if counted == len(rows) && Additive(tg) {
		plan *= float64(len(rows))
		in.Actual, in.SamePeriod = &sum, same
	}
	in.Plan = &plan
	return in
}

// taskOf is "Nhiệm vụ 4" for a row: the task named as the round page's
// matrix names it (watch.TaskLabels), so that the second of two tasks a
// directive numbered 12 is "Nhiệm vụ 12 (2)" in the table too.
func taskOf(r watch.TargetRow) string {
	label := r.TaskLabel
	if strings.TrimSpace(label) == "" && r.Task != nil {
		label = r.Task.Label
	}
	return strings.TrimSpace("Nhiệm vụ " + label)
}

// indicators are the rows of a target as each unit reported it.
func (c *draft) indicators(rows []watch.TargetRow) []document.Indicator {
	var out []document.Indicator
	for _, r := range rows {
		text := goalText(r.Target)
		if t := r.Task; t != nil && len(c.leads(t)) > 1 && (r.Actual != nil || r.Target.ReportedBy != 0) {
			text += " (" + c.short(r.UnitID) + ")"
		}
		plan := r.Target.Value
		out = append(out, document.Indicator{
			Task:       taskOf(r),
			Target:     text,
			Unit:       r.Target.Unit,
			Plan:       &plan,
			Actual:     r.Actual,
			SamePeriod: r.SamePeriod,
			Verdict:    verdictOf(r).Label(),
		})
	}
	return out
}

// ToDocument lays the sections out as a report (document.Report): the
// opening, "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM" with a numbered,
// bold heading a task, then the indicator table under its own part (with the
// "indicators-note" section's text when there is one), then each further
// section as a part with a Roman numeral. A paragraph that opens with a
// unit's name and a colon has the name in italics.
func ToDocument(meta Meta, sections []Section, table document.Table) *document.Document {
	d := &document.Document{
		Kind:         document.Report,
		ParentIssuer: meta.ParentIssuer,
		Issuer:       meta.Issuer,
		Number:       meta.Number,
		Symbol:       meta.Symbol,
		Place:        meta.Place,
		Date:         meta.Date,
		Drafted:      meta.Drafted,
		Subject:      meta.Subject,
		Signer:       meta.Signer,
		Distribution: meta.Distribution,
	}
	part, task := 0, 0
	tableDone := len(table.Rows) == 0
	h1 := func(heading string) {
		part++
		d.Body = append(d.Body, document.H1(roman(part)+". "+strings.ToUpper(strings.TrimSpace(heading))))
	}
	putTable := func(note *Section) {
		if tableDone {
			return
		}
		tableDone = true
		heading := "Kết quả thực hiện các chỉ tiêu"
		if note != nil && strings.TrimSpace(note.Heading) != "" {
			heading = note.Heading
		}
		h1(heading)
		if note != nil {
			d.Body = append(d.Body, blocks(note.Text)...)
		}
		if table.Title == "" {
			table.Title = "Bảng tổng hợp kết quả thực hiện các chỉ tiêu"
		}
		d.Body = append(d.Body, document.TableOf(table))
	}
	seenTask := false
	for i := range sections {
		s := &sections[i]
		isTask := strings.HasPrefix(s.Key, taskKeyPrefix)
		switch {
		case isTask:
			if !seenTask {
				seenTask = true
				h1("Kết quả thực hiện các nhiệm vụ trọng tâm")
			}
			h := strings.TrimSpace(s.Heading)
			if h == "" && len(blocks(s.Text)) == 0 {
				continue // nothing to print, and no number taken
			}
			task++
			if h != "" {
				d.Body = append(d.Body, document.H2(strconv.Itoa(task)+". "+h))
			}
			d.Body = append(d.Body, under(s.Text, h != "")...)
			continue
		case s.Key == KeyIndicators:
			if tableDone {
				h1(s.Heading)
				d.Body = append(d.Body, under(s.Text, true)...)
			} else {
				putTable(s)
			}
			continue
		}
		if seenTask {
			putTable(nil) // the table follows the task sections
		}
		headed := strings.TrimSpace(s.Heading) != ""
		if headed {
			h1(s.Heading)
		}
		d.Body = append(d.Body, under(s.Text, headed)...)
	}
	putTable(nil)
	return d
}

// under is what a part prints: its text's paragraphs, or, under a heading
// with no text (a draft saved with the part left empty, which cannot be
// sent, approved or issued: reportdoc.CheckFilled), EmptyPart in italics,
// so that no heading stands with nothing under it. The part is kept, not
// dropped: dropping a task would renumber the ones after it and hide from
// whoever reads the draft that the task was assigned and nothing is
// written on it.
func under(text string, headed bool) []document.Block {
	b := blocks(text)
	if len(b) == 0 && headed {
		return []document.Block{document.Rich(document.Span{Text: EmptyPart, Italic: true})}
	}
	return b
}

// EmptyPart is what a draft prints under the heading of a part left empty.
const EmptyPart = "(Phần này chưa có nội dung.)"

// EmptyParts lists, by index, the parts of a report whose heading would
// print with nothing under it: a heading and no text. The indicators part
// is not among them: the indicator table goes under its heading.
func EmptyParts(parts []tiendo.ReportPart) []int {
	var out []int
	for i, p := range parts {
		if p.Key != KeyIndicators && strings.TrimSpace(p.Heading) != "" && len(blocks(p.Text)) == 0 {
			out = append(out, i)
		}
	}
	return out
}

// blocks turns a section's text into paragraphs: one for each run of lines
// between blank lines.
func blocks(text string) []document.Block {
	var out []document.Block
	text = strings.ReplaceAll(text, "\r\n", "\n")
	for _, p := range blankLine.Split(text, -1) {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		out = append(out, paragraph(p))
	}
	return out
}

var blankLine = regexp.MustCompile(`\n[ \t]*\n`)

// paragraph sets an attribution ("Phòng Nội vụ: ...", "Công an huyện (đơn
// vị phối hợp): ...") in italics, as reports set the unit a passage comes
// from. A label is short, starts with a capital, has no digits and no
// sentence punctuation.
func paragraph(p string) document.Block {
	label, rest, ok := strings.Cut(p, ": ")
	if !ok || rest == "" || !isLabel(label) {
		return document.P(p)
	}
	return document.Rich(document.Span{Text: label + ": ", Italic: true}, document.Span{Text: rest})
}

func isLabel(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 16 {
		return false
	}
	first := []rune(s)[0]
	if !unicode.IsUpper(first) {
		return false
	}
	for _, r := range s {
		if unicode.IsDigit(r) || strings.ContainsRune(".;:!?“”\"", r) {
			return false
		}
	}
	// Labels of the report's own lists ("Đơn vị chưa gửi báo cáo: ...")
	// name no unit.
	f := vi.Fold(s)
	for _, p := range []string{"don vi ", "cac ", "ket qua", "so voi", "ghi chu", "luu y", "trong do", "cu the", "trong thoi gian"} {
		if strings.HasPrefix(f, p) {
			return false
		}
	}
	return true
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
