package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/consolidate"
	"tiendo/internal/store"
	"tiendo/internal/vi"
)

// The unit report: the screen a unit reporter uses most, under deadline
// pressure. The form is a flat set of named fields ("t12.result_vs_plan",
// "g31.value") whose values are kept as typed, so a refused save, a number
// that cannot be read or a conflict re-renders exactly what the person
// wrote; the browser also autosaves them (report.js) so that a closed tab or
// an expired session loses nothing.

// narrativeFields are a section's text fields, in the order of the form.
var narrativeFields = []struct{ Key, Label, Hint string }{
	{"result_vs_plan", "Kết quả đạt được so với kế hoạch", "Đã làm được gì, đạt bao nhiêu so với kế hoạch đề ra."},
	{"vs_same_period", "So với cùng kỳ", "Tăng, giảm bao nhiêu so với cùng kỳ năm trước."},
	{"obstacles", "Khó khăn, vướng mắc", ""},
	{"recommendations", "Kiến nghị, đề xuất", ""},
	{"next_steps", "Nhiệm vụ thời gian tới", ""},
}

type reportPage struct {
	page
	Round         *tiendo.Round
	Unit          *tiendo.Unit
	Report        *tiendo.UnitReport
	Tasks         map[int64]*tiendo.Task
	Target        map[int64]*tiendo.Target
	Contributions map[int64][]tiendo.Contribution // from supporting units, by task
	// OtherTargets are, by task, the targets of the unit's tasks that
	// another lead unit reports: "Xây dựng 02 trạm y tế (Trung tâm Y tế)".
	OtherTargets map[int64][]string
	Units        map[int64]*tiendo.Unit
	Narratives   []struct{ Key, Label, Hint string }
	Statuses     []struct{ Value, Label string }

	Editable bool              // the person may change the report now
	Values   map[string]string // the form's values as typed, with "version" and "base" (formBase)
	// After a save refused because the report was saved elsewhere since
	// the form was loaded (mergeReport): Theirs holds the saved value of
	// each field changed on both sides to different values, shown under the
	// field; Clashes lists those fields and Taken the fields that took the
	// value saved elsewhere because the person had not changed them, in the
	// order of the form, for the message at the top to link to.
	Theirs     map[string]string
	Clashes    []unreadField
	Taken      []unreadField
	Restored   time.Time // the form holds an autosave from this time
	Error      string
	Fields     map[string]string
	Notice     string
	Saved      bool          // the page follows a save of the whole form: the browser's copy can go
	BadNumbers []unreadField // numbers a save could not read, in the order of the form
	FileFailed string        // with Fields["file"]: what did not happen to the file
	CanSubmit  bool          // submit directly (no head approval needed, or the head)
	CanReview  bool          // send to the unit head
	// CanWithdraw takes back a report waiting for the unit head.
	CanWithdraw bool
	IsHead      bool
	CanOffice   bool // return or accept
	// NoHead: the round asks for the unit head's approval and the unit has
	// no active head account, so its report cannot go for review (yet).
	NoHead bool
	// Step is the button a refused step was asked with ("submit",
	// "review", "approve"), for the list of what to fix.
	Step string
	// SavedAt is when the draft was saved, after "Lưu nháp": the sticky bar
	// says so where the person is, not only at the top of the page.
	SavedAt  time.Time
	GuideLen int // suggested length of a narrative when the directive asks for brevity
	// Now is the server's time as the page is drawn: report.js tells by
	// it how far the device's clock is off, to compare the time it kept
	// the form at with the server's times.
	Now time.Time

	// Send is the confirmation asked before the report goes to the office,
	// once "Gửi báo cáo" saved the draft and found it could go; nil
	// otherwise. SendChanged says the form was changed under an earlier
	// confirmation (a page without JavaScript), so it was saved and is
	// confirmed again rather than sent.
	Send        *sendSummary
	SendChanged bool
	// At is the field the person was in when they pressed "Gửi báo cáo"
	// (report.js posts it): "Quay lại sửa" brings them back to it.
	At string
	// Return is why the report is back with its unit (the office's or the
	// unit head's return), with who returned it and when; nil otherwise.
	Return *store.Return

	unusual     []tiendo.Unusual // Unusual, once worked out
	unusualDone bool
	// Below are the units that report to this one in the round (a
	// department's offices); BelowIn how many of them have reported.
	Below   []int64
	BelowIn int
}

// unreadField is a number a save could not read, or a field a step was
// refused for: its form key (the link's target), what the field is, and why.
type unreadField struct{ Key, Label, Message string }

// Unusual returns the values of the report that tiendo.CheckReport asks to
// confirm, in the order of the report. It is worked out once, when the page
// is drawn (or a step refused), after the form's values were applied.
func (p *reportPage) Unusual() []tiendo.Unusual {
	if !p.unusualDone {
		p.unusual, p.unusualDone = tiendo.UnusualValues(p.Round, p.Report), true
	}
	return p.unusual
}

// UnusualWhy says why a target's value needs confirming, for the note
// beside field (tiendo.FieldValue, tiendo.FieldSame; "" for the row of a
// report shown to read): after a step was refused for it, and on the unit
// head's page while the report waits for approval; "" otherwise, and for
// the field of the two that is not the unusual one.
func (p *reportPage) UnusualWhy(targetID int64, field string) string {
	if p.Fields["confirm"] == "" && !p.HeadReview() {
		return ""
	}
	for _, u := range p.Unusual() {
		switch {
		case u.TargetID != targetID || (field != "" && u.Field != field && u.Field != tiendo.FieldBoth):
		case field == "" && u.Field == tiendo.FieldSame:
			return "cùng kỳ năm trước " + u.Note()
		default:
			return u.Note()
		}
	}
	return ""
}

// SavedClock is the time of the draft's save, as the sticky bar says it.
func (p *reportPage) SavedClock() string { return p.SavedAt.In(tiendo.Zone).Format("15:04") }

// HeadReview reports whether the page is the unit head's, with the report
// waiting for their approval.
func (p *reportPage) HeadReview() bool {
	return p.IsHead && p.Report.Status == tiendo.ReportReview
}

// anchorOf is where a link to the report form's field key ("t12.obstacles",
// "g31.same", "c4.text") goes: the field itself on the form; on a report
// shown to read (the unit head's), the target's row, the task's section or
// the contribution's. The list of what to fix (Problems) and the
// confirmation before sending (sendSummary) link to fields by it.
func (p *reportPage) anchorOf(key string) string {
	if p.Editable || key == "" {
		return key
	}
	id, _, _ := strings.Cut(key[1:], ".")
	switch key[0] {
	case 'g':
		return "g" + id + ".row"
	case 't':
		return "task-" + id
	case 'c':
		return "contrib-" + id
	}
	return key
}

// Problems lists, in the order of the page, what a refused step marked:
// each field to fill or fix, each unusual value, and the box that confirms
// them, for the message at the top of the page to link to. A save that
// could not read numbers lists them itself (BadNumbers).
func (p *reportPage) Problems() []unreadField {
	if len(p.Fields) == 0 {
		return nil
	}
	listed := map[string]bool{} // numbers not read, which BadNumbers lists
	for _, b := range p.BadNumbers {
		listed[b.Key] = true
	}
	var out []unreadField
	// anchor is where a link goes: the field, or, on a report shown to
	// read (the unit head's), the target's row or the task's section.
	add := func(key, anchor, label string) {
		if msg := p.Fields[key]; msg != "" && !listed[key] {
			out = append(out, unreadField{Key: anchor, Label: label, Message: msg})
		}
	}
	unusual := map[int64]tiendo.Unusual{}
	if p.Fields["confirm"] != "" {
		for _, u := range p.Unusual() {
			unusual[u.TargetID] = u
		}
	}
	for _, sec := range p.Report.Sections {
		task := p.taskName(sec.TaskID)
		for _, a := range sec.Actuals {
			target := p.targetName(task, a.TargetID)
			value := fmt.Sprintf("g%d.value", a.TargetID)
			add(value, p.anchorOf(value), target+": ô “Thực hiện”")
			if u, ok := unusual[a.TargetID]; ok {
				// The link goes to the field found unusual: "6.120" typed
				// into Cùng kỳ beside a Thực hiện of 61,2 is Cùng kỳ's.
				key, label := p.anchorOf(value), target
				switch {
				case u.Field == tiendo.FieldSame && p.Editable:
					key, label = fmt.Sprintf("g%d.same", a.TargetID), label+": ô “Cùng kỳ năm trước”"
				case u.Field == tiendo.FieldSame:
					label += ": cùng kỳ năm trước"
				case u.Field == tiendo.FieldBoth && p.Editable:
					label += ": ô “Thực hiện” và ô “Cùng kỳ năm trước”"
				case p.Editable:
					label += ": ô “Thực hiện”"
				}
				out = append(out, unreadField{Key: key, Label: label, Message: "số liệu khác thường: " + u.Note() + "."})
			}
			same := fmt.Sprintf("g%d.same", a.TargetID)
			add(same, p.anchorOf(same), target+": ô “Cùng kỳ năm trước”")
		}
		pre := fmt.Sprintf("t%d.", sec.TaskID)
		add(pre+"status", p.anchorOf(pre+"status"), task+": Tình trạng thực hiện")
		for _, n := range p.Narratives {
			add(pre+n.Key, p.anchorOf(pre+n.Key), task+": "+n.Label)
		}
	}
	for _, c := range p.Report.Contributions {
		key := fmt.Sprintf("c%d.text", c.TaskID)
		label := "Phối hợp nhiệm vụ"
		if t := p.Tasks[c.TaskID]; t != nil {
			label += " " + t.Label
		}
		add(key, p.anchorOf(key), label)
	}
	if p.Fields["confirm"] != "" {
		button := map[string]string{"review": "Trình lãnh đạo đơn vị duyệt", "approve": "Duyệt và gửi Văn phòng"}[p.Step]
		if button == "" {
			button = "Gửi báo cáo"
		}
		fix := "hãy sửa số liệu"
		if !p.Editable {
			fix = "hãy trả lại cán bộ để sửa"
		}
		out = append(out, unreadField{Key: "confirm", Label: "Ô “" + tiendo.ConfirmLabel + "”",
			Message: "nếu các số liệu khác thường trên là đúng, hãy đánh dấu ô này rồi bấm “" + button + "” lần nữa; nếu sai, " + fix + "."})
	}
	add("comment", "comment", "Lý do trả lại")
	return out
}

// checkMessage heads the list of what to fix after step op was refused by
// tiendo.CheckReport with fields marked: what was not done, how many
// fields are missing and how many values need confirming, and that the
// draft was kept. The fields themselves are listed below it (Problems).
func (p *reportPage) checkMessage(op string, fields map[string]string) string {
	missing := 0
	for k := range fields {
		if k != "confirm" {
			missing++
		}
	}
	unusual := 0
	if fields["confirm"] != "" {
		unusual = len(p.Unusual())
	}
	var what []string
	if missing > 0 {
		what = append(what, fmt.Sprintf("còn %d ô chưa điền", missing))
	}
	if unusual > 0 {
		what = append(what, fmt.Sprintf("%d số liệu khác thường cần xác nhận", unusual))
	}
	if len(what) == 0 {
		what = append(what, "còn ô chưa hợp lệ")
	}
	verb, kept := "gửi", " Bản nháp đã được lưu."
	switch op {
	case "review":
		verb = "trình lãnh đạo đơn vị duyệt"
	case "approve":
		verb, kept = "duyệt", ""
	}
	return fmt.Sprintf("Báo cáo chưa được %s vì %s.%s Bấm vào từng mục dưới đây để đến ô đó:", verb, strings.Join(what, " và "), kept)
}

// Value returns the form value of key (for templates).
func (p *reportPage) Value(key string) string { return p.Values[key] }

// Verdict computes a target's verdict from the typed value, for the live
// display beside the field.
func (p *reportPage) Verdict(targetID int64) string {
	tg := p.Target[targetID]
	written := p.Values[fmt.Sprintf("g%d.value", targetID)]
	if tg == nil {
		return ""
	}
	v, err := vi.ParseNumberIn(written, tg.Unit)
	if err != nil || strings.TrimSpace(written) == "" || tg.CheckValue(v, written) != nil {
		return "" // the field's error says why
	}
	verdict, _ := tiendo.Assess(tg, &v)
	// The ratio in the consolidated report's words: "bằng 92,9% kế hoạch".
	if w := consolidate.RatioWords(tg, &v); w != "" {
		return verdict.Label() + " · " + w
	}
	return verdict.Label()
}

// FileSize writes a file's size for people: bytes under a kilobyte (a short
// text file is not "0 KB"), then KB, then MB.
func (p *reportPage) FileSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d byte", n)
	case n < 10<<10:
		return vi.FormatNumber(math.Round(float64(n)/(1<<10)*10)/10, -1) + " KB"
	case n < 1<<20:
		return vi.FormatNumber(math.Round(float64(n)/(1<<10)), 0) + " KB"
	}
	return vi.FormatNumber(math.Round(float64(n)/(1<<20)*10)/10, -1) + " MB"
}

// MaxAttachment is the largest file the upload field takes, for report.js
// to refuse a larger one before sending it.
func (p *reportPage) MaxAttachment() int64 { return store.MaxAttachment }

// ConfirmLabel is the label of the box that confirms unusual values, the
// one tiendo.CheckReport's message tells the person to tick.
func (p *reportPage) ConfirmLabel() string { return tiendo.ConfirmLabel }

// reportValues flattens a report into form values.
func reportValues(rep *tiendo.UnitReport) map[string]string {
	v := map[string]string{"version": strconv.Itoa(rep.Version)}
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return vi.FormatNumber(*f, -1)
	}
	for _, sec := range rep.Sections {
		p := fmt.Sprintf("t%d.", sec.TaskID)
		v[p+"status"] = sec.Status
		v[p+"result_vs_plan"], v[p+"vs_same_period"], v[p+"obstacles"] = sec.ResultVsPlan, sec.VsSamePeriod, sec.Obstacles
		v[p+"recommendations"], v[p+"next_steps"] = sec.Recommendations, sec.NextSteps
		for _, a := range sec.Actuals {
			v[fmt.Sprintf("g%d.value", a.TargetID)] = num(a.Value)
			v[fmt.Sprintf("g%d.same", a.TargetID)] = num(a.SamePeriod)
		}
	}
	for _, c := range rep.Contributions {
		v[fmt.Sprintf("c%d.text", c.TaskID)] = c.Text
	}
	return v
}

// A report is written by several people of a unit, and a save is refused
// when the report was saved elsewhere since the form was loaded
// (store.SaveReport's version check). The page then merges the two saves
// field by field, three ways, as a version control system merges files:
// the form carries, beside the version it was loaded at, a short hash of
// each field's value in that version ("base"), so that a field the person
// did not change takes the value saved elsewhere, a field only the person
// changed keeps theirs, and only a field changed on both sides to
// different values is a clash, left to the person with the saved value
// shown under it. Hashes, not the loaded text, keep the form from doubling
// in size (a province's report runs to hundreds of fields, and a save
// sends them all).

// formBase is the form's "base" for rep: each field's key and the hash of
// its value as the form shows it, "t3.status:Ab12Cd34 …", sorted by key.
func formBase(rep *tiendo.UnitReport, targets map[int64]*tiendo.Target) string {
	v := reportValues(rep)
	keys := make([]string, 0, len(v))
	for k := range v {
		if k != "version" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k + ":" + fieldHash(canonField(k, v[k], targets)))
	}
	return b.String()
}

// parseBase reads a form's "base" back into hashes by key.
func parseBase(s string) map[string]string {
	out := map[string]string{}
	for _, f := range strings.Fields(s) {
		if k, h, ok := strings.Cut(f, ":"); ok {
			out[k] = h
		}
	}
	return out
}

// fieldHash is a field's value hashed for the form's "base": 48 bits, so
// that a change going unnoticed is a one in 10^14 chance.
func fieldHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.RawURLEncoding.EncodeToString(sum[:6])
}

// canonField is a form value written as the store keeps it, so that two
// ways of writing the same thing compare equal: a text in NFC with its
// line breaks as "\n" (a browser sends "\r\n") and no space around it, a
// number as vi.FormatNumber writes it ("61,20" and "61,2" are one value).
// A number that cannot be read stays as typed.
func canonField(key, v string, targets map[int64]*tiendo.Target) string {
	v = strings.TrimSpace(vi.NFC(strings.ReplaceAll(v, "\r\n", "\n")))
	if m := numberKey.FindStringSubmatch(key); m != nil && v != "" {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		unit := ""
		if tg := targets[id]; tg != nil {
			unit = tg.Unit
		}
		if f, err := vi.ParseNumberIn(v, unit); err == nil {
			return vi.FormatNumber(f, -1)
		}
	}
	return v
}

// numberKey matches the key of a target's value or same-period value.
var numberKey = regexp.MustCompile(`^g([0-9]+)\.(value|same)$`)

// reportMerge is a form merged with a report saved since it was loaded.
type reportMerge struct {
	values  map[string]string // the form to save or show: the person's values, and the saved ones where the person changed nothing
	theirs  map[string]string // by clashing field: the saved value
	taken   map[string]bool   // fields whose saved value came in
	clashes map[string]bool   // fields changed on both sides, to different values
}

// mergeReport merges mine, the form as posted (with the "base" of the
// version it was loaded at), with stored, the report as saved since. The
// result carries stored's version and base: saved, it keeps both sides'
// changes. A field whose base is unknown (a form from before forms carried
// one) and that differs is a clash: nothing is taken on trust.
func mergeReport(mine map[string]string, stored *tiendo.UnitReport, targets map[int64]*tiendo.Target) reportMerge {
	base, saved := parseBase(mine["base"]), reportValues(stored)
	m := reportMerge{values: map[string]string{}, theirs: map[string]string{}, taken: map[string]bool{}, clashes: map[string]bool{}}
	for k, v := range mine {
		m.values[k] = v
	}
	for k, theirs := range saved {
		if k == "version" {
			continue
		}
		ours, ok := mine[k]
		if !ok { // a field the form did not have (a task assigned since)
			m.values[k] = theirs
			continue
		}
		co, ct := canonField(k, ours, targets), canonField(k, theirs, targets)
		h, known := base[k]
		switch {
		case co == ct:
		case known && fieldHash(co) == h: // the person left it as loaded
			m.values[k] = theirs
			m.taken[k] = true
		case known && fieldHash(ct) == h: // only the person changed it
		default:
			m.theirs[k], m.clashes[k] = theirs, true
		}
	}
	m.values["version"] = saved["version"]
	m.values["base"] = formBase(stored, targets)
	return m
}

// taskName names task id in lists of what to fix or fill: "Nhiệm vụ 4".
func (p *reportPage) taskName(id int64) string {
	if t := p.Tasks[id]; t != nil {
		return "Nhiệm vụ " + t.Label
	}
	return "Nhiệm vụ"
}

// targetName names target id of task (taskName) in such lists: "Nhiệm vụ
// 4, chỉ tiêu “Tỷ lệ GPMB đạt 70%”".
func (p *reportPage) targetName(task string, id int64) string {
	if tg := p.Target[id]; tg != nil {
		return fmt.Sprintf("%s, chỉ tiêu “%s”", task, tg.Text)
	}
	return task
}

// fieldsIn lists the report form's fields among keys in the order of the
// form, each with what it is for people ("Nhiệm vụ 1: Kiến nghị, đề
// xuất"), for a list of links.
func (p *reportPage) fieldsIn(keys map[string]bool) []unreadField {
	var out []unreadField
	add := func(key, label string) {
		if keys[key] {
			out = append(out, unreadField{Key: key, Label: label})
		}
	}
	for _, sec := range p.Report.Sections {
		task := p.taskName(sec.TaskID)
		for _, a := range sec.Actuals {
			target := p.targetName(task, a.TargetID)
			add(fmt.Sprintf("g%d.value", a.TargetID), target+": ô “Thực hiện”")
			add(fmt.Sprintf("g%d.same", a.TargetID), target+": ô “Cùng kỳ năm trước”")
		}
		pre := fmt.Sprintf("t%d.", sec.TaskID)
		add(pre+"status", task+": Tình trạng thực hiện")
		for _, n := range p.Narratives {
			add(pre+n.Key, task+": "+n.Label)
		}
	}
	for _, c := range p.Report.Contributions {
		label := "Phối hợp nhiệm vụ"
		if t := p.Tasks[c.TaskID]; t != nil {
			label += " " + t.Label
		}
		add(fmt.Sprintf("c%d.text", c.TaskID), label)
	}
	return out
}

// takeMerge puts m into the page: its form, and the fields it took and
// that clash, with the saved value of each clash as the page shows it
// under the field (a status by its label, an emptied field said so).
func (p *reportPage) takeMerge(m reportMerge) {
	p.Values = m.values
	taken := map[string]bool{}
	for _, f := range p.Taken { // from an earlier round of the same save
		taken[f.Key] = true
	}
	for k := range m.taken {
		taken[k] = true
	}
	p.Taken, p.Clashes = p.fieldsIn(taken), p.fieldsIn(m.clashes)
	p.Theirs = map[string]string{}
	for k, v := range m.theirs {
		if strings.HasSuffix(k, ".status") {
			v = "chưa chọn"
			for _, st := range tiendo.SectionStatuses {
				if st.Value == m.theirs[k] {
					v = st.Label
				}
			}
		} else if strings.TrimSpace(v) == "" {
			v = "(để trống)"
		}
		p.Theirs[k] = v
	}
}

// applyValues writes form values into rep (whose shape comes from the
// store), collecting a message for each number that cannot be read or that
// its target refuses (tiendo.Target.CheckValue: "70%" for a count of
// schools). Such a number leaves rep's value as it was: a draft saved with
// it keeps the value stored before, while the form keeps what was typed.
// targets are the round's targets by id; one not there is not checked.
func applyValues(rep *tiendo.UnitReport, v map[string]string, targets map[int64]*tiendo.Target) map[string]string {
	errs := map[string]string{}
	rep.Version, _ = strconv.Atoi(v["version"])
	num := func(key string, was *float64, tg *tiendo.Target) *float64 {
		s := strings.TrimSpace(v[key])
		if s == "" {
			return nil
		}
		unit := ""
		if tg != nil {
			unit = tg.Unit
		}
		f, err := vi.ParseNumberIn(s, unit)
		if err == nil && tg != nil {
			err = tg.CheckValue(f, s)
		}
		if err != nil {
			errs[key] = tiendo.ErrorMessage(err)
			return was
		}
		return &f
	}
	for _, sec := range rep.Sections {
		p := fmt.Sprintf("t%d.", sec.TaskID)
		sec.Status = v[p+"status"]
		sec.ResultVsPlan, sec.VsSamePeriod, sec.Obstacles = v[p+"result_vs_plan"], v[p+"vs_same_period"], v[p+"obstacles"]
		sec.Recommendations, sec.NextSteps = v[p+"recommendations"], v[p+"next_steps"]
		for i, a := range sec.Actuals {
			tg := targets[a.TargetID]
			sec.Actuals[i].Value = num(fmt.Sprintf("g%d.value", a.TargetID), a.Value, tg)
			sec.Actuals[i].SamePeriod = num(fmt.Sprintf("g%d.same", a.TargetID), a.SamePeriod, tg)
		}
	}
	for i, c := range rep.Contributions {
		rep.Contributions[i].Text = v[fmt.Sprintf("c%d.text", c.TaskID)]
	}
	return errs
}

// reportContext loads what every report page needs and checks that u may
// read the unit's report.
func (s *Server) reportContext(r *http.Request) (*reportPage, error) {
	return s.reportPageContext(r, true)
}

// submissionsContext is reportContext for the pages of a report's
// submissions, without the report itself: what was sent stays readable to
// whoever reads only sent reports (tiendo.ReadsSentOnly) also while the
// report is back with its unit, and store.Revisions checks the rest.
func (s *Server) submissionsContext(r *http.Request) (*reportPage, error) {
	return s.reportPageContext(r, false)
}

func (s *Server) reportPageContext(r *http.Request, withReport bool) (*reportPage, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	unit, err := s.store.UnitByCode(r.Context(), r.PathValue("unit"))
	if err != nil {
		return nil, err
	}
	u := userFrom(r.Context())
	if !tiendo.Allowed(u, tiendo.ActionReadReport, unit.ID) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ được xem báo cáo của đơn vị mình và các đơn vị trực thuộc.")
	}
	round, err := s.store.RoundForUnit(r.Context(), u, id, unit.ID)
	if err != nil {
		return nil, err
	}
	rep, contribs := &tiendo.UnitReport{RoundID: id, UnitID: unit.ID}, map[int64][]tiendo.Contribution(nil)
	if withReport {
		if rep, err = s.store.Report(r.Context(), u, id, unit.ID); err != nil {
			return nil, err
		}
		if contribs, err = s.store.Contributions(r.Context(), u, id, unit.ID); err != nil {
			return nil, err
		}
	}
	units := map[int64]*tiendo.Unit{unit.ID: unit}
	shared := false // another lead unit reports some of the unit's targets
	for _, sec := range rep.Sections {
		if i := slices.IndexFunc(round.Tasks, func(t *tiendo.Task) bool { return t.ID == sec.TaskID }); i >= 0 {
			shared = shared || len(round.Tasks[i].TargetsOf(unit.ID)) < len(round.Tasks[i].Targets)
		}
	}
	if len(contribs) > 0 || shared { // names of the supporting units and of those that share a task
		if units, _, err = s.unitMap(r.Context()); err != nil {
			return nil, err
		}
	}
	p := &reportPage{page: s.basePage(r, "Báo cáo của "+unit.Name), Round: round, Unit: unit, Report: rep,
		Tasks: map[int64]*tiendo.Task{}, Target: map[int64]*tiendo.Target{}, Contributions: contribs, Units: units,
		Narratives: narrativeFields, Statuses: tiendo.SectionStatuses, Values: reportValues(rep)}
	for _, t := range round.Tasks {
		p.Tasks[t.ID] = t
		for _, tg := range t.Targets {
			p.Target[tg.ID] = tg
		}
	}
	p.Values["base"] = formBase(rep, p.Target)
	if shared {
		p.OtherTargets = map[int64][]string{}
		for _, sec := range rep.Sections {
			for _, tg := range p.Tasks[sec.TaskID].Targets {
				if !tg.ReportedByUnit(unit.ID) {
					p.OtherTargets[sec.TaskID] = append(p.OtherTargets[sec.TaskID], tg.Text+" ("+unitName(units, tg.ReportedBy)+")")
				}
			}
		}
	}
	canEdit := tiendo.Allowed(u, tiendo.ActionEditReport, unit.ID) && round.Status == tiendo.RoundOpen
	_, saveOK := rep.Status.Next(tiendo.ReportSave)
	p.Editable = canEdit && saveOK && (round.LockedAt.IsZero() || p.reopened(r, s))
	p.IsHead = u.Role == tiendo.RoleUnitHead && u.UnitID == unit.ID
	p.CanSubmit = p.Editable && (!round.HeadApproval || p.IsHead)
	p.CanReview = p.Editable && round.HeadApproval && !p.IsHead
	_, withdrawOK := rep.Status.Next(tiendo.ReportWithdrawReview)
	p.CanWithdraw = canEdit && withdrawOK && !p.IsHead
	p.CanOffice = tiendo.Allowed(u, tiendo.ActionReviewReport, unit.ID)
	if round.Brief {
		p.GuideLen = 1500
	}
	return p, nil
}

// loadBelow finds the units that report to this one, for the roll-up box.
// Only the page and the roll-up need it, not a save: a commune's save at
// the deadline pays nothing for it.
func (s *Server) loadBelow(r *http.Request, p *reportPage) error {
	if !p.Editable {
		return nil
	}
	var err error
	if p.Below, err = s.store.ReportsTo(r.Context(), p.Round.ID, p.Unit.ID); err != nil || len(p.Below) == 0 {
		return err
	}
	states, err := s.store.ReportStates(r.Context(), p.Round.ID)
	if err != nil {
		return err
	}
	for _, b := range p.Below {
		if st := states[b]; st != nil && !st.SubmittedAt.IsZero() {
			p.BelowIn++
		}
	}
	return nil
}

// reopened reports whether the office reopened the locked round for the unit.
func (p *reportPage) reopened(r *http.Request, s *Server) bool {
	ok, err := s.store.Reopened(r.Context(), p.Round.ID, p.Unit.ID)
	return err == nil && ok
}

// handleReportShow shows the unit's report: the form when the person may
// change it, the report and the office's actions otherwise.
func (s *Server) handleReportShow(w http.ResponseWriter, r *http.Request) error {
	p, err := s.reportContext(r)
	if err != nil {
		return err
	}
	if p.Editable {
		// Bring back what this person typed and the browser autosaved but
		// nobody saved, when it is newer than the saved report. A save
		// clears the person's autosave, so one kept at the very time of the
		// last save was kept after it (as a save that could not read a
		// number keeps the form).
		body, at, err := s.store.Autosave(r.Context(), userFrom(r.Context()), p.Round.ID, p.Unit.ID)
		if err == nil && !at.Before(p.Report.UpdatedAt) {
			var kept map[string]string
			if json.Unmarshal([]byte(body), &kept) == nil {
				p.restore(kept, at)
			}
		}
	}
	ok := r.URL.Query().Get("ok")
	p.Notice = reportNotices[ok]
	if ok == sentBefore && p.Report.Status.Sent() {
		p.Notice = fmt.Sprintf("Báo cáo đã được gửi lúc %s nên không cần gửi lại. Dưới đây là báo cáo đã gửi Văn phòng.", formatDateTime(p.Report.SubmittedAt))
	}
	p.Saved = ok == "saved" || ok == "saved_attached" || ok == "saved_removed"
	if p.Saved && p.Editable {
		// A save merged with one made elsewhere (saveForm): name what came
		// from there.
		stored, took := reportValues(p.Report), map[string]bool{}
		for _, k := range strings.Fields(r.URL.Query().Get("merged")) {
			_, known := stored[k]
			took[k] = known && k != "version"
		}
		p.Taken = p.fieldsIn(took)
		if len(p.Taken) > 0 && ok == "saved" {
			p.Notice = "" // the note of the merge says it was saved
		}
	}
	if p.Saved && p.Restored.IsZero() {
		p.SavedAt = p.Report.UpdatedAt
	}
	if err := s.loadBelow(r, p); err != nil {
		return err
	}
	return s.renderReport(w, r, http.StatusOK, p)
}

// restore puts into the form what the person typed and the browser
// autosaved at, unsaved. An autosave typed on an older version of the
// report than the one now saved (a colleague saved in between) is merged
// with it, as a save would be (mergeReport): the fields the person did not
// touch show the saved text, not the person's stale copy of it, which the
// next "Lưu nháp" would otherwise put back. The page says it restored
// something only when that differs from the saved report.
func (p *reportPage) restore(kept map[string]string, at time.Time) {
	stored := p.Values
	if v := kept["version"]; v == "" || v == stored["version"] {
		values := maps.Clone(stored)
		for k, v := range kept {
			if k != "version" && k != "base" {
				values[k] = v
			}
		}
		p.Values = values
	} else {
		p.takeMerge(mergeReport(kept, p.Report, p.Target))
	}
	for k, v := range stored {
		if k != "version" && k != "base" && canonField(k, p.Values[k], p.Target) != canonField(k, v, p.Target) {
			p.Restored = at
			return
		}
	}
}

// sentBefore is the ?ok= of the page a report already sent answers
// "Gửi báo cáo" with: the notice says when it was sent.
const sentBefore = "sent_before"

// reportNotices are the messages after each action, keyed by the
// redirect's ?ok= value.
var reportNotices = map[string]string{
	"saved":     "Đã lưu bản nháp.",
	"submitted": "Đã gửi báo cáo đến Văn phòng. Cảm ơn!",
	"review":    "Đã trình lãnh đạo đơn vị duyệt.",
	"withdrawn": "Đã rút lại báo cáo đã trình; báo cáo trở về bản nháp để sửa.",
	"returned":  "Đã trả lại báo cáo.",
	"accepted":  "Đã tiếp nhận báo cáo.",
	"attached":  "Đã đính kèm tệp.",
	"removed":   "Đã gỡ tệp khỏi báo cáo.",
	// An upload or a removal also saves what the form held (saveCarried).
	"saved_attached": "Đã lưu bản nháp và đính kèm tệp.",
	"saved_removed":  "Đã lưu bản nháp và gỡ tệp khỏi báo cáo.",
}

// formValues collects the posted report fields.
func formValues(r *http.Request) map[string]string {
	v := map[string]string{}
	for k, vals := range r.PostForm {
		if len(vals) > 0 && (k == "version" || k == "base" || strings.HasPrefix(k, "t") || strings.HasPrefix(k, "g") || strings.HasPrefix(k, "c")) {
			v[k] = vals[0]
		}
	}
	return v
}

// handleReportPost saves the form, and then sends it for the unit head's
// review, or asks to confirm sending it to the office, when the button
// says so; the confirmation's buttons send it or go back to the form.
// Anything refused comes back in the form as typed, with the reason beside
// the field.
func (s *Server) handleReportPost(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return s.reportTooLarge(w, r, err)
	}
	p, err := s.reportContext(r)
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	op := r.PostFormValue("op")
	switch op {
	case "return", "accept", "head_return", "approve", "withdraw_review":
		return s.reportDecision(w, r, p, op)
	case "approve_send", "approve_back":
		// The buttons of the confirmation before the unit head's approval.
		return s.approveReport(w, r, p, op)
	}
	if !tiendo.Allowed(u, tiendo.ActionEditReport, p.Unit.ID) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ được sửa báo cáo của đơn vị mình.")
	}
	if !p.Editable && p.Report.Status == tiendo.ReportReview && (op == "review" || op == "send_review" || op == "edit") {
		// The same for the confirmation before "Trình lãnh đạo đơn vị
		// duyệt": the report is with the unit head already.
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d/reports/%s?ok=review", p.Round.ID, p.Unit.Code), http.StatusSeeOther)
		return nil
	}
	if !p.Editable && p.Report.Status.Sent() && (op == "submit" || op == "send" || op == "edit") {
		// "Gửi báo cáo" again on a report already sent: the page asking
		// to confirm reloaded (it answers a POST), or sent from a second
		// tab. Nothing is wrong and nothing is to do: the report as sent,
		// saying so, at an address that Back and reload get, not post.
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d/reports/%s?ok=%s", p.Round.ID, p.Unit.Code, sentBefore), http.StatusSeeOther)
		return nil
	}
	if !p.Editable {
		return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo không sửa được lúc này (trạng thái: %s).", p.Report.Status.Label())
	}
	p.Values = formValues(r)
	if op == "rollup" {
		return s.reportRollup(w, r, p)
	}
	confirm := r.PostFormValue("confirm") == "on"
	switch op {
	case "send", "send_review", "edit":
		// The buttons of the confirmation before sending (#send-confirm):
		// "Gửi báo cáo" ("Trình lãnh đạo duyệt") sends the report as it
		// was confirmed, "Quay lại sửa" goes back to the form. The whole
		// form comes with them, and without JavaScript it can be changed
		// under the confirmation: a changed form is saved, as "Lưu nháp"
		// saves it, and confirmed again rather than sent unseen.
		if p.formIsStored() {
			switch op {
			case "edit":
				http.Redirect(w, r, fmt.Sprintf("/rounds/%d/reports/%s%s", p.Round.ID, p.Unit.Code, returnTo("save", r.PostFormValue("at"))), http.StatusSeeOther)
				return nil
			case "send_review":
				return s.sendForReview(w, r, p, p.Report.Version, confirm)
			}
			return s.sendReport(w, r, p, p.Report.Version, confirm)
		}
		switch op {
		case "send":
			op, p.SendChanged = "submit", true
		case "send_review":
			op, p.SendChanged = "review", true
		default:
			op = "save"
		}
	}
	if _, status, err := s.saveForm(r, p); err != nil {
		return err
	} else if status != 0 {
		if len(p.BadNumbers) > 0 { // saved but for the numbers it could not read
			missing, unusual := 0, 0
			if op == "submit" || op == "review" {
				missing, unusual = p.alsoUnsendable(op, confirm)
			}
			p.Error = unreadMessage(op, len(p.BadNumbers), missing, unusual)
		}
		return s.renderReport(w, r, status, p)
	}
	next := "saved"
	var action tiendo.ReportAction
	switch op {
	case "submit":
		action, next = tiendo.ReportSubmit, "submitted"
	case "review":
		action, next = tiendo.ReportSendForReview, "review"
	}
	if action != "" && len(p.Taken) > 0 {
		// The draft was merged with a save made elsewhere: it now holds
		// text the person has not seen, which is not theirs to send
		// unread. It is saved; sending waits for their second look.
		verb := map[string]string{"submit": "gửi", "review": "trình lãnh đạo đơn vị duyệt"}[op]
		button := map[string]string{"submit": "Gửi báo cáo", "review": "Trình lãnh đạo đơn vị duyệt"}[op]
		p.Error = fmt.Sprintf("Báo cáo chưa được %s: trong lúc bạn sửa, báo cáo đã được lưu ở nơi khác (có thể từ một thẻ hoặc máy khác). "+
			"Bản nháp đã được lưu, gộp thay đổi của bạn với các thay đổi đó. Hãy xem lại các ô dưới đây rồi bấm “%s” lần nữa.", verb, button)
		return s.renderReport(w, r, http.StatusConflict, p)
	}
	if action != "" {
		// "Gửi báo cáo" and "Trình lãnh đạo đơn vị duyệt" ask first: a
		// sent report is the office's (the unit head's) until it comes
		// back, and a click on the wrong button (a phone) would send a
		// half-read report. The draft is saved; the step is only checked,
		// and the page asks to confirm it, saying what the report holds,
		// what it leaves empty and whether it counts as late. The check
		// refuses what CheckReport refuses, as sending would.
		req := store.ActRequest{Action: action, Version: p.Report.Version, Confirm: confirm, CheckOnly: true}
		sent, err := s.store.ActOnReport(r.Context(), actor(r), u, p.Round.ID, p.Unit.ID, req)
		if err != nil {
			return s.refusedStep(w, r, p, op, err)
		}
		if at := r.PostFormValue("at"); fieldID.MatchString(at) {
			p.At = at
		}
		return s.askToSend(w, r, p, sent, confirm, false)
	}
	// After a merge the page opens at its top, where it names what came
	// from the other save, rather than back at the field the person was in.
	back := returnTo(op, r.PostFormValue("at"))
	if len(p.Taken) > 0 {
		back = ""
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d/reports/%s?ok=%s%s%s", p.Round.ID, p.Unit.Code, next, mergedQuery(p), back), http.StatusSeeOther)
	return nil
}

// sendReport sends the report as confirmed (the confirmation's "Gửi báo
// cáo", the form unchanged since, or its "Duyệt và gửi" on the unit head's
// page): no save, the step on the version that was confirmed. What changed
// since (a colleague's save, the unit head's approval asked meanwhile, a
// report withdrawn from the head) is refused as the step refuses it.
//
// The confirmation said whether the report would count as late, and the
// deadline may pass while it is open (a click at 23:59:50, a confirmation
// twenty seconds later): a report promised on time that would now go late
// is not sent, the confirmation is shown again, saying so (TurnedLate).
func (s *Server) sendReport(w http.ResponseWriter, r *http.Request, p *reportPage, version int, confirm bool) error {
	refused := func(err error) error {
		if p.Editable {
			return s.refusedStep(w, r, p, "submit", err)
		}
		return s.refusedDecision(w, r, p, "approve", err)
	}
	comment := "" // the unit head's comment goes with the approval, as before it was confirmed
	if !p.Editable {
		comment = r.PostFormValue("comment")
	}
	// The store holds the promise to the clock it stamps the submission
	// with (ActRequest.PromisedOnTime): a check here, a moment before,
	// could pass a submission the store then finds late.
	_, err := s.store.ActOnReport(r.Context(), actor(r), userFrom(r.Context()), p.Round.ID, p.Unit.ID,
		store.ActRequest{Action: tiendo.ReportSubmit, Version: version, Confirm: confirm, Comment: comment,
			PromisedOnTime: r.PostFormValue("promised_late") == "0"})
	if errors.Is(err, store.ErrTurnedLate) {
		req := store.ActRequest{Action: tiendo.ReportSubmit, Version: version, Confirm: confirm, CheckOnly: true}
		sent, err := s.store.ActOnReport(r.Context(), actor(r), userFrom(r.Context()), p.Round.ID, p.Unit.ID, req)
		if err != nil {
			return refused(err)
		}
		return s.askToSend(w, r, p, sent, confirm, true)
	}
	if err != nil {
		return refused(err)
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d/reports/%s?ok=submitted", p.Round.ID, p.Unit.Code), http.StatusSeeOther)
	return nil
}

// sendForReview sends the report to the unit head as confirmed (the
// confirmation's "Trình lãnh đạo duyệt", the form unchanged since): no
// save, the step on the version that was confirmed, refused as the step
// refuses what changed since (a colleague's save, a head account
// disabled meanwhile).
func (s *Server) sendForReview(w http.ResponseWriter, r *http.Request, p *reportPage, version int, confirm bool) error {
	_, err := s.store.ActOnReport(r.Context(), actor(r), userFrom(r.Context()), p.Round.ID, p.Unit.ID,
		store.ActRequest{Action: tiendo.ReportSendForReview, Version: version, Confirm: confirm})
	if err != nil {
		return s.refusedStep(w, r, p, "review", err)
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d/reports/%s?ok=review", p.Round.ID, p.Unit.Code), http.StatusSeeOther)
	return nil
}

// askToSend answers with the page asking to confirm sending the report
// (#send-confirm), sent being the report as the submission would leave it
// (store.ActRequest's CheckOnly); turnedLate says the confirmation before
// promised "đúng hạn" and the deadline passed meanwhile. The reporter's
// draft was saved; the unit head's page keeps what the decision form held.
func (s *Server) askToSend(w http.ResponseWriter, r *http.Request, p *reportPage, sent *tiendo.UnitReport, confirm, turnedLate bool) error {
	p.Send = p.sendSummary(sent, confirm)
	p.Send.TurnedLate = turnedLate
	if sent.Status == tiendo.ReportReview {
		// Sent to the unit head, the report is not submitted yet: it
		// counts as late if the head approves it after the deadline, which
		// may already have passed.
		p.Send.Review = true
		if !p.Send.Resent {
			p.Send.Late = !s.store.Clock().Before(p.Round.Deadline)
		}
	}
	if p.Editable {
		p.Saved, p.SavedAt = true, p.Report.UpdatedAt
	}
	return s.renderReport(w, r, http.StatusOK, p)
}

// approveReport carries out the unit head's "Duyệt và gửi Văn phòng",
// which cannot be taken back, as the reporter's "Gửi báo cáo" is: asked
// first ("approve"), with what the report leaves empty and whether it
// counts as late, once the step is checked (CheckOnly) and would go; the
// confirmation's "Duyệt và gửi" ("approve_send") approves and sends it,
// its "Quay lại" ("approve_back", without JavaScript) shows the page again
// with the decision form as it was: the comment and the box confirming
// unusual values.
func (s *Server) approveReport(w http.ResponseWriter, r *http.Request, p *reportPage, op string) error {
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	confirm := r.PostFormValue("confirm") == "on"
	p.Values["comment"] = r.PostFormValue("comment")
	if confirm {
		p.Values["confirm"] = "on"
	}
	switch op {
	case "approve_back":
		return s.renderReport(w, r, http.StatusOK, p)
	case "approve_send":
		return s.sendReport(w, r, p, version, confirm)
	}
	req := store.ActRequest{Action: tiendo.ReportSubmit, Version: version, Confirm: confirm, CheckOnly: true}
	sent, err := s.store.ActOnReport(r.Context(), actor(r), userFrom(r.Context()), p.Round.ID, p.Unit.ID, req)
	if err != nil {
		return s.refusedDecision(w, r, p, "approve", err)
	}
	return s.askToSend(w, r, p, sent, confirm, false)
}

// refusedStep answers a unit's step (op) that the store refused after the
// draft was saved: the page again, with why and, for what CheckReport
// refuses, each field to fix. Any other error is returned.
func (s *Server) refusedStep(w http.ResponseWriter, r *http.Request, p *reportPage, op string, err error) error {
	var e *tiendo.Error
	if !errors.As(err, &e) || (e.Code != tiendo.EINVALID && e.Code != tiendo.EFORBIDDEN && e.Code != tiendo.ECONFLICT) {
		return err
	}
	p.Error, p.Fields, p.Step = e.Message+" Bản nháp đã được lưu.", e.Fields, op
	if e.Code == tiendo.EINVALID && len(e.Fields) > 0 {
		// tiendo.CheckReport's refusal: say what, and list each field
		// with a link (Problems), rather than "the fields marked", which
		// may be thousands of pixels below.
		p.Error = p.checkMessage(op, e.Fields)
	}
	return s.renderReport(w, r, http.StatusUnprocessableEntity, p)
}

// formIsStored reports whether the posted form (p.Values) is the report
// as stored: loaded at the stored version, and every field as stored,
// written the way the store keeps it (canonField).
func (p *reportPage) formIsStored() bool {
	stored := reportValues(p.Report)
	if p.Values["version"] != stored["version"] {
		return false
	}
	for k, v := range stored {
		if k != "version" && canonField(k, p.Values[k], p.Target) != canonField(k, v, p.Target) {
			return false
		}
	}
	return true
}

// sendSummary is what the confirmation before "Gửi báo cáo" (and before
// the unit head's "Duyệt và gửi Văn phòng") says of the report about to
// go, so that a report sent by mistake is caught before it goes: how many
// tasks have every part written and what the others leave empty, which
// targets have no value, what else goes with it, and whether it will count
// as late. Each thing left empty links to its field (anchorOf), so that the
// person can go and fill it. A report gets this far only once CheckReport
// lets it go, so what it lists is what may be left empty, not what must be
// filled.
type sendSummary struct {
	Tasks, Full int       // the report's tasks, and those with every part written
	Gaps        []sendGap // what the others leave empty
	Targets     int
	NoValue     []unreadField // targets without an actual value: the link and the target
	NoSame      []unreadField // targets without last year's value
	Helps       int           // tasks the unit supports
	HelpsEmpty  []unreadField // of them, those it wrote nothing on: "Nhiệm vụ 5"
	// GapsMore, NoValueMore and NoSameMore count what the lists above
	// leave out: a dialog names a few (sendListed) and counts the rest.
	GapsMore, NoValueMore, NoSameMore int
	Files                             int
	Unusual                           int  // unusual values the person confirmed
	Confirmed                         bool // the person ticked the box confirming them: the send carries it
	Late                              bool // the report will count as late
	Resent                            bool // it was sent before, and counts as on time or late as it did then
	Deadline                          time.Time
	// TurnedLate: the confirmation before this one said "đúng hạn", and
	// the deadline passed while it was open (sendReport).
	TurnedLate bool
	// Approve: the unit head's confirmation of "Duyệt và gửi Văn phòng",
	// whose buttons belong to the head's decision form, not the report form.
	Approve bool
	// Review: the reporter's confirmation of "Trình lãnh đạo đơn vị
	// duyệt", in a round that asks for the unit head's approval: the
	// report goes to the head, not yet to the office.
	Review bool
}

// sendGap is what a task of the report leaves empty: "Nhiệm vụ 2" and its
// empty parts, each with the link to its field; on a report shown to read
// (the unit head's) the task links to its section and its parts do not.
type sendGap struct {
	Task, Anchor string
	Empty        []unreadField
}

// Form is the id of the form the confirmation's buttons post.
func (s *sendSummary) Form() string {
	if s.Approve {
		return "decision-form"
	}
	return "report-form"
}

// sendSummary works out the confirmation for the report as saved, with
// sent the report as the submission would leave it (store.ActRequest's
// CheckOnly), for its timeliness.
func (p *reportPage) sendSummary(sent *tiendo.UnitReport, confirmed bool) *sendSummary {
	sum := &sendSummary{Tasks: len(p.Report.Sections), Files: len(p.Report.Attachments), Confirmed: confirmed,
		Late: sent.Late, Resent: !p.Report.SubmittedAt.IsZero(), Deadline: p.Round.Deadline, Approve: !p.Editable}
	if confirmed {
		sum.Unusual = len(p.Unusual())
	}
	// link is a thing left empty, with the link to its field; on a report
	// shown to read, only a target's row is linked, not each part of a
	// task, whose links would all go to its section.
	link := func(key, label string) unreadField {
		if !p.Editable && key[0] == 't' {
			key = ""
		}
		return unreadField{Key: p.anchorOf(key), Label: label}
	}
	var gaps []sendGap
	var noValue, noSame []unreadField
	for _, sec := range p.Report.Sections {
		task := p.taskName(sec.TaskID)
		pre := fmt.Sprintf("t%d.", sec.TaskID)
		text := map[string]string{"result_vs_plan": sec.ResultVsPlan, "vs_same_period": sec.VsSamePeriod, "obstacles": sec.Obstacles,
			"recommendations": sec.Recommendations, "next_steps": sec.NextSteps}
		var empty []unreadField
		if sec.Status == "" {
			empty = append(empty, link(pre+"status", "Tình trạng thực hiện"))
		}
		for _, n := range p.Narratives {
			if strings.TrimSpace(text[n.Key]) == "" {
				empty = append(empty, link(pre+n.Key, n.Label))
			}
		}
		if len(empty) == 0 {
			sum.Full++
		} else {
			gap := sendGap{Task: task, Empty: empty}
			if !p.Editable {
				gap.Anchor = p.anchorOf(pre + "status")
			}
			gaps = append(gaps, gap)
		}
		for _, a := range sec.Actuals {
			sum.Targets++
			name := p.targetName(task, a.TargetID)
			if a.Value == nil {
				noValue = append(noValue, link(fmt.Sprintf("g%d.value", a.TargetID), name))
			}
			if a.SamePeriod == nil {
				noSame = append(noSame, link(fmt.Sprintf("g%d.same", a.TargetID), name))
			}
		}
	}
	sum.Gaps, sum.GapsMore = sendListed(gaps)
	sum.NoValue, sum.NoValueMore = sendListed(noValue)
	sum.NoSame, sum.NoSameMore = sendListed(noSame)
	for _, c := range p.Report.Contributions {
		sum.Helps++
		if strings.TrimSpace(c.Text) == "" {
			label := "Nhiệm vụ"
			if t := p.Tasks[c.TaskID]; t != nil {
				label += " " + t.Label
			}
			sum.HelpsEmpty = append(sum.HelpsEmpty, link(fmt.Sprintf("c%d.text", c.TaskID), label))
		}
	}
	return sum
}

// sendListed keeps the first few of a list the confirmation names (a
// province's report has forty tasks), and says how many it left out.
func sendListed[T any](xs []T) ([]T, int) {
	const few = 5
	if len(xs) <= few {
		return xs, 0
	}
	return xs[:few], len(xs) - few
}

// fieldID matches the id of a report form's field ("t12.next_steps",
// "g31.value", "c4.text"), which report.js posts as "at": the field the
// person was in.
var fieldID = regexp.MustCompile(`^[tgc][0-9]+\.[a-z_]+$`)

// returnTo is the fragment a draft's save returns to: the field the person
// was in when they pressed "Lưu nháp", so that the page comes back there
// rather than at its top (report.js scrolls to it and gives it the focus).
// Any other step, or an "at" that names no field, returns to the top.
func returnTo(op, at string) string {
	if op != "save" || !fieldID.MatchString(at) {
		return ""
	}
	return "#" + at
}

// renderReport shows the report page after a step, with what the page
// needs beyond the step: whether a review can have a reviewer.
func (s *Server) renderReport(w http.ResponseWriter, r *http.Request, status int, p *reportPage) error {
	if err := s.loadHeads(r, p); err != nil {
		return err
	}
	// Why the report is back with its unit, at the top of the page.
	if st := p.Report.Status; p.Report.ReturnComment != "" && (st == tiendo.ReportReturned || st == tiendo.ReportDraft) {
		ret, err := s.store.LastReturn(r.Context(), userFrom(r.Context()), p.Round.ID, p.Unit.ID)
		switch tiendo.ErrorCode(err) {
		case "":
			p.Return = ret
		case tiendo.ENOTFOUND:
		default:
			return err
		}
	}
	p.Now = s.store.Clock()
	return s.render(w, status, "report", p)
}

// loadHeads notes that the unit has no head to approve its report, when the
// round asks for one: the page says so before the unit fills the form, and
// its "Trình lãnh đạo đơn vị duyệt" is disabled with the reason. Only pages
// need it, not a save.
func (s *Server) loadHeads(r *http.Request, p *reportPage) error {
	if !p.CanReview {
		return nil
	}
	has, err := s.store.UnitHasHead(r.Context(), p.Unit.ID)
	p.NoHead = !has
	return err
}

// saveForm saves p.Values as the unit's report, in its state (a draft, or
// a returned report being revised). A number that cannot be read does not
// hold back the rest: everything else is saved, the field keeps what was
// typed (and the person's autosave keeps it on the server), its stored
// value stays as it was, and p.BadNumbers and p.Fields name it. saved says
// whether anything was saved; status is the status to show the page again
// with (a conflict, a refusal, numbers not read), 0 when the whole form
// was saved.
func (s *Server) saveForm(r *http.Request, p *reportPage) (saved bool, status int, err error) {
	u := userFrom(r.Context())
	mine := maps.Clone(p.Values)
	var unread map[string]string
	for attempt := 0; ; attempt++ {
		rep := p.Report
		unread = applyValues(rep, p.Values, p.Target)
		err := s.store.SaveReport(r.Context(), actor(r), u, rep)
		if err == nil {
			p.Values["version"], p.Values["base"] = strconv.Itoa(rep.Version), formBase(rep, p.Target)
			break
		}
		var e *tiendo.Error
		switch {
		case errors.As(err, &e) && e.Code == tiendo.EINVALID:
			p.Error, p.Fields = e.Message, e.Fields
			for k, v := range unread {
				if p.Fields == nil {
					p.Fields = map[string]string{}
				}
				p.Fields[k] = v
			}
			return false, http.StatusUnprocessableEntity, nil
		case tiendo.ErrorCode(err) != tiendo.ECONFLICT:
			return false, 0, err
		}
		stored, err2 := s.store.Report(r.Context(), u, p.Round.ID, p.Unit.ID)
		if err2 != nil || stored.Version == rep.Version {
			// Not saved elsewhere in between: the report cannot be
			// changed now (sent, locked). The form keeps what was typed.
			p.Error, p.Fields = tiendo.ErrorMessage(err), unread
			return false, http.StatusConflict, nil
		}
		// Saved elsewhere since the form was loaded: merge the two saves.
		// When no field was changed on both sides, the merge is saved
		// straight away: it holds every change of both, which is what
		// "Lưu nháp" asked for, and a second click to confirm it would
		// only leave the person's change unsaved if they left in between.
		// The page then names the fields that came from the other save.
		m := mergeReport(p.Values, stored, p.Target)
		p.Report = stored
		p.takeMerge(m)
		if len(m.clashes) == 0 && attempt < 2 {
			continue
		}
		// Fields changed on both sides: the person decides. The form
		// holds the merge on the saved version, so that the next "Lưu
		// nháp" keeps the other side's changes and the person's choice in
		// the clashing fields. The person's autosave keeps the form as
		// posted, on the version it was loaded at: should the tab close
		// now, the next visit merges it again and shows the same clashes.
		p.Fields = applyValues(p.Report, p.Values, p.Target)
		p.Error = "Báo cáo đã được lưu ở nơi khác (có thể từ một thẻ hoặc máy khác) sau khi bạn mở nên chưa lưu được thay đổi của bạn."
		if len(p.Clashes) == 0 { // saved elsewhere again and again while merging
			p.Error += " Các thay đổi đã được gộp vào các ô bên dưới; hãy bấm “Lưu nháp” lần nữa."
		}
		s.keepForm(r, p.Round.ID, p.Unit.ID, mine)
		return false, http.StatusConflict, nil
	}
	if len(unread) == 0 {
		return true, 0, nil
	}
	p.Fields, p.BadNumbers = unread, unreadFields(p, unread)
	// The save cleared the autosave; keep the form as typed in its place,
	// so that the unread text comes back on the next visit too.
	s.keepForm(r, p.Round.ID, p.Unit.ID, p.Values)
	return true, http.StatusUnprocessableEntity, nil
}

// keepForm keeps values, a form that holds what is not saved (a number not
// read, a merge to finish), as the person's autosave, so that it comes back
// on the next visit, on any device.
func (s *Server) keepForm(r *http.Request, roundID, unitID int64, values map[string]string) {
	if body, err := json.Marshal(values); err == nil {
		if err := s.store.SaveAutosave(r.Context(), userFrom(r.Context()), roundID, unitID, string(body)); err != nil {
			s.log.Warn("keep the form", "err", err)
		}
	}
}

// mergedQuery is what the address after a save says of the fields a merge
// took from a save made elsewhere (saveForm), for the page to name them:
// "&merged=t3.recommendations+g2.value", at most 50 of them.
func mergedQuery(p *reportPage) string {
	if len(p.Taken) == 0 {
		return ""
	}
	keys := make([]string, 0, len(p.Taken))
	for _, f := range p.Taken[:min(len(p.Taken), 50)] {
		keys = append(keys, f.Key)
	}
	return "&merged=" + url.QueryEscape(strings.Join(keys, " "))
}

// unreadFields names the fields of errs for people, in the order of the
// form: which value of which target of which task.
func unreadFields(p *reportPage, errs map[string]string) []unreadField {
	var out []unreadField
	for _, sec := range p.Report.Sections {
		task := p.Tasks[sec.TaskID]
		for _, a := range sec.Actuals {
			tg := p.Target[a.TargetID]
			for _, f := range []struct{ key, what string }{
				{fmt.Sprintf("g%d.value", a.TargetID), "Thực hiện"},
				{fmt.Sprintf("g%d.same", a.TargetID), "Cùng kỳ năm trước"},
			} {
				msg, ok := errs[f.key]
				if !ok {
					continue
				}
				label := f.what
				if tg != nil && task != nil {
					label = fmt.Sprintf("Nhiệm vụ %s, chỉ tiêu “%s”: ô “%s”", task.Label, tg.Text, f.what)
				}
				out = append(out, unreadField{Key: f.key, Label: label, Message: msg})
			}
		}
	}
	return out
}

// alsoUnsendable marks, beside the numbers a send could not read, what
// else would stop the report being sent (tiendo.CheckReport: fields left
// empty, unusual values to confirm), so that the person fixes everything
// in one go rather than learning of the empty fields only after fixing the
// numbers. It returns how many fields are empty and how many values need
// confirming.
func (p *reportPage) alsoUnsendable(op string, confirmed bool) (missing, unusual int) {
	var e *tiendo.Error
	if !errors.As(tiendo.CheckReport(p.Round, p.Report, confirmed), &e) {
		return 0, 0
	}
	p.Step = op
	for k, msg := range e.Fields {
		if _, bad := p.Fields[k]; bad {
			continue // the number typed there is already listed
		}
		p.Fields[k] = msg
		if k == "confirm" {
			unusual = len(p.Unusual())
		} else {
			missing++
		}
	}
	return missing, unusual
}

// unreadMessage says what happened to a form with n numbers that could not
// be read, after op (the button pressed): the rest was saved, the report
// was not sent, and what to do. missing and unusual are the fields a send
// also found empty and the values it needs confirmed (alsoUnsendable).
func unreadMessage(op string, n, missing, unusual int) string {
	cells, those := "1 ô số liệu", "ô đó"
	if n > 1 {
		cells, those = fmt.Sprintf("%d ô số liệu", n), "các ô đó"
	}
	switch op {
	case "submit", "review":
		verb := "gửi"
		if op == "review" {
			verb = "trình lãnh đạo đơn vị duyệt"
		}
		what := "còn " + cells + " chưa hợp lệ"
		if missing > 0 {
			what += fmt.Sprintf(", %d ô chưa điền", missing)
			those = "các ô đó"
		}
		if unusual > 0 {
			what += fmt.Sprintf(", %d số liệu khác thường cần xác nhận", unusual)
			those = "các ô đó"
		}
		if i := strings.LastIndex(what, ", "); i >= 0 {
			what = what[:i] + " và " + what[i+2:]
		}
		return fmt.Sprintf("Báo cáo chưa được %s vì %s. Các phần khác đã được lưu vào bản nháp. Hãy sửa %s rồi bấm gửi lại:", verb, what, those)
	}
	return fmt.Sprintf("Đã lưu bản nháp, trừ %s chưa hợp lệ: %s vẫn giữ nguyên nội dung bạn gõ nhưng chưa được lưu. Hãy sửa rồi bấm “Lưu nháp” lần nữa:", cells, those)
}

// reportDecision carries out the office's and the unit head's decisions.
func (s *Server) reportDecision(w http.ResponseWriter, r *http.Request, p *reportPage, op string) error {
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	req := store.ActRequest{Version: version, Comment: r.PostFormValue("comment")}
	next := map[string]string{"return": "returned", "accept": "accepted", "head_return": "returned", "withdraw_review": "withdrawn"}[op]
	switch op {
	case "return":
		req.Action = tiendo.ReportReturn
	case "accept":
		req.Action = tiendo.ReportAccept
	case "head_return":
		req.Action = tiendo.ReportHeadReturn
	case "approve":
		// The head confirms unusual values as the reporter did: the page
		// shows them and the box (tiendo.CheckReport); and is asked first.
		return s.approveReport(w, r, p, op)
	case "withdraw_review":
		req.Action = tiendo.ReportWithdrawReview
	}
	if _, err := s.store.ActOnReport(r.Context(), actor(r), userFrom(r.Context()), p.Round.ID, p.Unit.ID, req); err != nil {
		return s.refusedDecision(w, r, p, op, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d/reports/%s?ok=%s", p.Round.ID, p.Unit.Code, next), http.StatusSeeOther)
	return nil
}

// refusedDecision answers a decision (op) refused for what the person can
// fix on the page (a reason not given, unusual values not confirmed): the
// page again, with why, each field to fix, and the comment as typed. Any
// other error is returned.
func (s *Server) refusedDecision(w http.ResponseWriter, r *http.Request, p *reportPage, op string, err error) error {
	var e *tiendo.Error
	if !errors.As(err, &e) || (e.Code != tiendo.EINVALID && e.Code != tiendo.ECONFLICT) {
		return err
	}
	comment := r.PostFormValue("comment")
	p.Values["comment"] = comment
	if e.Code == tiendo.ECONFLICT {
		// The report moved on meanwhile (the reporter withdrew it, or it
		// was sent again): the page shows it as it now is, where the
		// decision form may be gone, so the reason typed is given back in
		// the message rather than lost.
		p.Error = e.Message
		if strings.TrimSpace(comment) != "" {
			p.Error += " Ý kiến đồng chí đã viết (chưa được lưu): “" + strings.TrimSpace(comment) + "”."
		}
		return s.renderReport(w, r, http.StatusConflict, p)
	}
	p.Error, p.Fields, p.Step = e.Message, e.Fields, op
	if op == "approve" && len(e.Fields) > 0 {
		p.Error = p.checkMessage(op, e.Fields)
	}
	return s.renderReport(w, r, http.StatusUnprocessableEntity, p)
}

// handleReportAutosave keeps the form as typed, without a version check;
// report.js posts it a few seconds after each change, and as the page is
// left.
func (s *Server) handleReportAutosave(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	// This runs every few seconds while someone types: it checks only that
	// the round is the unit's to report in, not the whole report page's
	// state. The scratch copy it keeps is the person's own.
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	unitID, err := s.store.UnitIDByCode(r.Context(), u, r.PathValue("unit"))
	if err != nil {
		return err
	}
	round, err := s.store.RoundForUnit(r.Context(), u, id, unitID)
	if err != nil {
		return err
	}
	if round.Status != tiendo.RoundOpen || len(round.UnitIDs) == 0 {
		return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo không sửa được lúc này.")
	}
	values := formValues(r)
	if r.PostFormValue("partial") == "1" {
		// Sent as the page was left, too long to send whole (report.js):
		// what changed since the copy kept here, which it goes over. A copy
		// of another version of the form cannot take it.
		body, _, err := s.store.Autosave(r.Context(), u, id, unitID)
		var kept map[string]string
		if err != nil || json.Unmarshal([]byte(body), &kept) != nil || kept["version"] != values["version"] || kept["base"] != values["base"] {
			return tiendo.Errorf(tiendo.ECONFLICT, "Bản tạm trên máy chủ không khớp với biểu mẫu; nội dung vẫn được giữ trên máy này.")
		}
		maps.Copy(kept, values)
		values = kept
	}
	body, _ := json.Marshal(values)
	if err := s.store.SaveAutosave(r.Context(), u, id, unitID, string(body)); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// Say what this is: a scratch copy of the person's own, which brings the
	// text back after a closed tab, not a save: the report keeps its state,
	// and the office and colleagues do not see it.
	fmt.Fprintf(w, "Đã giữ bản tạm lúc %s trên máy chủ — chưa lưu vào báo cáo; bấm “Lưu nháp” để lưu.", s.store.Clock().Format("15:04"))
	return nil
}

// handleAttachmentUpload attaches a file to the unit's report. The upload
// button belongs to the report form, so the request also carries what the
// form holds: that is saved first, as "Lưu nháp" would save it, and the page
// that comes back shows it saved rather than as it was before the typing.
// A file refused (its type, its size, none chosen) comes back on the report
// page, beside the upload field.
func (s *Server) handleAttachmentUpload(w http.ResponseWriter, r *http.Request) error {
	p, err := s.reportContext(r)
	if err != nil {
		return err
	}
	name, data, fileErr := s.readUpload(w, r)
	saved, status, err := s.saveCarried(r, p)
	if err != nil {
		return err
	}
	if fileErr == nil {
		_, fileErr = s.store.AddAttachment(r.Context(), actor(r), userFrom(r.Context()), p.Round.ID, p.Unit.ID, name, data)
	}
	p.FileFailed = "Tệp chưa được đính kèm"
	return s.afterAttachmentStep(w, r, p, saved, status, fileErr, "attached", "Đã đính kèm tệp.")
}

// handleAttachmentRemove takes a wrongly attached file off the unit's
// report while the unit can edit it. Like an upload, it first saves what
// the report form holds; the page asks for confirmation before it posts.
func (s *Server) handleAttachmentRemove(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	p, err := s.reportContext(r)
	if err != nil {
		return err
	}
	fileID, err := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err != nil || fileID <= 0 {
		return tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy tệp đính kèm.")
	}
	saved, status, err := s.saveCarried(r, p)
	if err != nil {
		return err
	}
	err = s.store.RemoveAttachment(r.Context(), actor(r), userFrom(r.Context()), p.Round.ID, p.Unit.ID, fileID)
	p.FileFailed = "Tệp chưa được gỡ khỏi báo cáo"
	return s.afterAttachmentStep(w, r, p, saved, status, err, "removed", "Đã gỡ tệp khỏi báo cáo.")
}

// afterAttachmentStep answers an upload or a removal: back to the report
// page when both the form and the file step went through, or the page again
// with what went wrong, the file's problem beside the upload field.
func (s *Server) afterAttachmentStep(w http.ResponseWriter, r *http.Request, p *reportPage, saved bool, status int, fileErr error, ok, done string) error {
	if fileErr != nil {
		switch tiendo.ErrorCode(fileErr) {
		case tiendo.EINVALID, tiendo.ETOOLARGE, tiendo.ECONFLICT, tiendo.ENOTFOUND:
		default:
			return fileErr
		}
		if p.Fields == nil {
			p.Fields = map[string]string{}
		}
		p.Fields["file"] = tiendo.ErrorMessage(fileErr)
		if status == 0 {
			status = statusOf(tiendo.ErrorCode(fileErr))
		}
	} else if status == 0 {
		if saved {
			ok = "saved_" + ok
		}
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d/reports/%s?ok=%s%s", p.Round.ID, p.Unit.Code, ok, mergedQuery(p)), http.StatusSeeOther)
		return nil
	} else {
		p.Notice = done
	}
	if len(p.BadNumbers) > 0 {
		p.Error = unreadMessage("save", len(p.BadNumbers), 0, 0)
	}
	if saved && len(p.BadNumbers) == 0 {
		p.Notice = strings.TrimSpace("Đã lưu bản nháp. " + p.Notice)
		p.Saved = true
	}
	// The files as they are now, after the step.
	if now, err := s.store.Report(r.Context(), userFrom(r.Context()), p.Round.ID, p.Unit.ID); err == nil {
		p.Report.Attachments = now.Attachments
	}
	if err := s.loadBelow(r, p); err != nil {
		return err
	}
	return s.renderReport(w, r, status, p)
}

// saveCarried saves the report form's fields that came with an upload or a
// removal (their buttons belong to the form), so that nothing typed just
// before is lost when the page comes back. It answers as saveForm, and
// (false, 0, nil) when there was nothing to save: no fields, the fields as
// stored (no new version for a file alone), or a report the person cannot
// change now.
func (s *Server) saveCarried(r *http.Request, p *reportPage) (saved bool, status int, err error) {
	if _, ok := r.PostForm["version"]; !ok || !p.Editable {
		return false, 0, nil
	}
	values, stored := formValues(r), reportValues(p.Report)
	changed := false
	for k, v := range values {
		changed = changed || (k != "version" && k != "base" && v != stored[k])
	}
	if !changed {
		return false, 0, nil
	}
	p.Values = values
	return s.saveForm(r, p)
}

// readUpload reads a file upload as it streams in: the report form's
// fields into r.PostForm, and the file's name and bytes. A file over
// store.MaxAttachment is refused as soon as it is, but the rest of the
// request is still read (up to a limit), so that the fields are not lost
// and the browser, still sending, is answered with the page. When the
// request cannot be read to its end, r.PostForm is left empty: a form cut
// short must not be saved, since a missing field would read as emptied.
// err is what is wrong with the file, for the upload field.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request) (name string, data []byte, err error) {
	fieldsMax := s.cfg.MaxBodyBytes
	r.Body = http.MaxBytesReader(w, r.Body, store.MaxAttachment+fieldsMax+1<<20)
	r.PostForm = url.Values{}
	var fileErr error
	cut := func(err error) (string, []byte, error) {
		r.PostForm = url.Values{}
		var tooLarge *http.MaxBytesError
		switch {
		case fileErr != nil:
			return "", nil, fileErr
		case errors.As(err, &tooLarge):
			return "", nil, tiendo.Errorf(tiendo.ETOOLARGE, "Dữ liệu gửi lên quá lớn: tệp tối đa %d MB.", store.MaxAttachment>>20)
		}
		return "", nil, tiendo.Errorf(tiendo.EINVALID, "Không đọc được tệp gửi lên; hãy thử lại.")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return cut(err)
	}
	var fields int64
	chosen := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return cut(err)
		}
		if part.FormName() == "file" {
			if chosen || fileErr != nil { // one file per upload
				if _, err := io.Copy(io.Discard, part); err != nil {
					return cut(err)
				}
				continue
			}
			b, err := io.ReadAll(io.LimitReader(part, store.MaxAttachment+1))
			if err != nil {
				return cut(err)
			}
			if len(b) > store.MaxAttachment {
				fileErr = tiendo.Errorf(tiendo.ETOOLARGE, "Tệp “%s” quá lớn: tối đa %d MB mỗi tệp. Hãy nén hoặc chia nhỏ tệp rồi đính kèm lại.",
					store.SanitizeFileName(part.FileName()), store.MaxAttachment>>20)
				if _, err := io.Copy(io.Discard, part); err != nil {
					return cut(err)
				}
				continue
			}
			name, data = part.FileName(), b
			chosen = name != "" || len(b) > 0
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, fieldsMax-fields+1))
		if err != nil {
			return cut(err)
		}
		if fields += int64(len(b)); fields > fieldsMax {
			return cut(&http.MaxBytesError{Limit: fieldsMax})
		}
		r.PostForm.Add(part.FormName(), string(b))
	}
	switch {
	case fileErr != nil:
		return "", nil, fileErr
	case !chosen:
		return "", nil, tiendo.Errorf(tiendo.EINVALID, "Hãy chọn một tệp để đính kèm.")
	}
	return name, data, nil
}

// handleAttachment serves an attachment as a download, never inline: a file
// cannot become a page of this site.
func (s *Server) handleAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, data, err := s.store.Attachment(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	_, err = w.Write(data)
	return err
}

// reportRollup fills the form from the reports of the units that report to
// this one (consolidate.Rollup): narratives go after what is already
// written (once: a second click adds nothing), numbers and statuses only
// into empty fields, so nothing typed is lost; nothing is saved until the
// person saves.
func (s *Server) reportRollup(w http.ResponseWriter, r *http.Request, p *reportPage) error {
	u := userFrom(r.Context())
	if err := s.loadBelow(r, p); err != nil {
		return err
	}
	var children []*tiendo.UnitReport
	for _, id := range p.Below {
		rep, err := s.store.Report(r.Context(), u, p.Round.ID, id)
		if err != nil {
			return err
		}
		// What the unit sent and the office has not sent back.
		if rep.Status.Sent() {
			children = append(children, rep)
		}
	}
	complete := len(children) == len(p.Below)
	if len(children) == 0 {
		p.Notice = "Chưa có đơn vị trực thuộc nào gửi báo cáo, nên chưa có gì để tổng hợp. Hãy thử lại khi các đơn vị đã gửi."
		return s.renderReport(w, r, http.StatusOK, p)
	}
	units, _, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	names := make(map[int64]string, len(units))
	for id, x := range units {
		names[id] = x.Name
	}
	filled := 0
	set := func(key, value string) { // a value or a choice: only where empty
		if strings.TrimSpace(p.Values[key]) == "" && strings.TrimSpace(value) != "" {
			p.Values[key] = value
			filled++
		}
	}
	add := func(key, text string) { // a narrative: after what is written, once
		have := strings.TrimSpace(p.Values[key])
		switch {
		case strings.TrimSpace(text) == "" || strings.Contains(have, strings.TrimSpace(text)):
		case have == "":
			p.Values[key] = text
			filled++
		default:
			p.Values[key] = have + "\n\n" + text
			filled++
		}
	}
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return vi.FormatNumber(*f, -1)
	}
	for _, sec := range consolidate.Rollup(p.Report, p.Tasks, children, names) {
		pre := fmt.Sprintf("t%d.", sec.TaskID)
		set(pre+"status", sec.Status)
		add(pre+"result_vs_plan", sec.ResultVsPlan)
		add(pre+"vs_same_period", sec.VsSamePeriod)
		add(pre+"obstacles", sec.Obstacles)
		add(pre+"recommendations", sec.Recommendations)
		add(pre+"next_steps", sec.NextSteps)
		if !complete {
			continue // a sum over some of the units is not the unit's figure
		}
		for _, a := range sec.Actuals {
			set(fmt.Sprintf("g%d.value", a.TargetID), num(a.Value))
			set(fmt.Sprintf("g%d.same", a.TargetID), num(a.SamePeriod))
		}
	}
	p.Notice = fmt.Sprintf("Đã tổng hợp từ báo cáo của %d/%d đơn vị trực thuộc vào %d ô: nội dung tổng hợp được thêm sau phần đồng chí đã viết, số liệu chỉ điền vào ô còn trống. "+
		"Chỉ tiêu tỷ lệ, bình quân không cộng dồn được: số liệu từng đơn vị được liệt kê trong phần kết quả để đồng chí tính. "+
		"Hãy kiểm tra, sửa rồi bấm “Lưu nháp”: nội dung chưa được lưu.", len(children), len(p.Below), filled)
	if !complete {
		p.Notice += fmt.Sprintf(" Còn %d đơn vị chưa gửi (hoặc bị trả lại) nên số liệu chỉ tiêu chưa được cộng; số liệu của từng đơn vị đã gửi có trong phần kết quả.", len(p.Below)-len(children))
	}
	return s.renderReport(w, r, http.StatusOK, p)
}

// reportTooLarge answers a report form too large to read with the report
// page and what to do, not a page without the form: the report as last
// saved, and the browser's copy of what was typed (report.js keeps it),
// which the page offers to restore. Any other error is returned as is.
func (s *Server) reportTooLarge(w http.ResponseWriter, r *http.Request, err error) error {
	var tooLarge *http.MaxBytesError
	if !errors.As(err, &tooLarge) {
		return err
	}
	p, perr := s.reportContext(r)
	if perr != nil {
		return err
	}
	p.Error = fmt.Sprintf("Báo cáo gửi lên quá dài, vượt giới hạn %d KB cho cả báo cáo, nên chưa được lưu. "+
		"Trình duyệt vẫn giữ nội dung bạn vừa gõ: hãy khôi phục nội dung đó, rút gọn phần quá dài "+
		"(tài liệu dài hãy đính kèm dưới dạng tệp) rồi lưu lại.", tooLarge.Limit>>10)
	return s.renderReport(w, r, http.StatusRequestEntityTooLarge, p)
}

// handleAttachmentsPage sends the address a refused upload was answered at
// (reloaded, bookmarked) to the report it belongs to.
func (s *Server) handleAttachmentsPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	unit, err := s.store.UnitByCode(r.Context(), r.PathValue("unit"))
	if err != nil {
		return err
	}
	if !tiendo.Allowed(userFrom(r.Context()), tiendo.ActionReadReport, unit.ID) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn không có quyền xem báo cáo của đơn vị này.")
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d/reports/%s", id, url.PathEscape(unit.Code)), http.StatusSeeOther)
	return nil
}
