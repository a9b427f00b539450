package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/continuity"
	"tiendo/internal/directive"
	"tiendo/internal/store"
	"tiendo/internal/vi"
	"tiendo/internal/watch"
)

// The intake: the office pastes or uploads a directive, tiendo proposes the
// round, the office corrects it in a form and creates a draft round. The
// form round-trips everything (including the source text), so nothing typed
// is lost when a button re-renders it.

type intakePage struct {
	page
	Text  string
	Error string
}

func (s *Server) handleIntakeForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "intake", intakePage{page: s.basePage(r, "Tạo đợt báo cáo từ văn bản")})
}

// intakeTarget is one target row of the preview form; Value is as typed.
type intakeTarget struct {
	Text, Comparator, Value, Unit, Direction, RelativeTo string
	ReportedBy                                           int64 // 0: the task's lead units
	// ReportedByName is the reporting unit as typed in a large office's
	// form (manyUnits) while it names no one unit; "" once found.
	ReportedByName string
}

type intakeTask struct {
	Label, Text string
	Line        int
	Lead        int64
	// CoLeads are the task's other lead units (đơn vị cùng chủ trì), as
	// the directive gives one task to several units to lead: each reports
	// the task's targets, or those shared out to it, as Lead does.
	CoLeads  []int64
	LeadAll  bool // every unit asked to report leads it ("UBND các xã")
	Support  []int64
	Hint     string // the unit names as the directive wrote them
	Targets  []intakeTarget
	Warnings []directive.Warning
	// LeadName and SupportAdd are what a large office typed for the lead
	// and for supporting units to add ("A; B") that names no one unit yet:
	// kept as typed, beside the field's error, until it does.
	LeadName, SupportAdd string
}

// SeveralUnits reports whether the directive or the form gives the task to
// more than one unit: the form then says how to share its targets out.
func (t intakeTask) SeveralUnits() bool {
	return len(t.Support) > 0 || len(t.CoLeads) > 0 || strings.Contains(t.Hint, "; ")
}

// leads are the task's lead units chosen on the form: Lead, then CoLeads.
func (t intakeTask) leads() []int64 {
	var out []int64
	for _, id := range append([]int64{t.Lead}, t.CoLeads...) {
		if id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// HasCoLead reports whether unit id leads the task beside Lead (for the
// template).
func (t intakeTask) HasCoLead(id int64) bool { return slices.Contains(t.CoLeads, id) }

// HasSupport reports whether unit id supports the task (for the template).
func (t intakeTask) HasSupport(id int64) bool {
	for _, x := range t.Support {
		if x == id {
			return true
		}
	}
	return false
}

// intakeForm is the proposed round as the preview form holds it. DocDate
// is as the office reads and types it ("07/06/2022", "06/2022" when the
// directive left the day blank); round turns it into the ISO form a Round
// keeps.
type intakeForm struct {
	Source                                          string
	Title, Issuer, Number, Symbol, DocDate, Subject string
	// Parsed is the title, subject and period as the directive gave them,
	// carried by the form: a title left as parsed follows a period the
	// office changes, as a draft's does on its edit form.
	Parsed struct {
		Title, Subject, Period string // Period: "half-year/2022/1"
	}
	PeriodKind                                   string
	PeriodYear, PeriodIndex                      int
	DeadlineDate, DeadlineTime, DeadlineRelation string
	Recipients                                   []int64
	ReportContents                               string
	Brief, HeadApproval                          bool
	Tasks                                        []intakeTask
}

// IsRecipient reports whether unit id is asked to report (for the template).
func (f *intakeForm) IsRecipient(id int64) bool {
	for _, x := range f.Recipients {
		if x == id {
			return true
		}
	}
	return false
}

type previewPage struct {
	page
	Form  *intakeForm
	Units []*tiendo.Unit
	// ManyUnits is set for an office of more than manyUnits units: the
	// page then lists the units once, in Picks, for the tasks' unit fields
	// to offer as the office types, instead of in every task's selects.
	ManyUnits bool
	Picks     []unitPick
	picker    *unitPicker
	Tree      []watch.TreeNode // the units in tree order, for choosing recipients
	Lines     []string
	Warnings  []directive.Warning // those not tied to a task
	// TaskWarnings names the tasks that have warnings beside them, so the
	// box at the top says where to look.
	TaskWarnings []taskWarnings
	Error        string
	Fields       map[string]string
	// AlsoAsked says, for each unit not ticked under "Kính gửi" that a
	// task gives work to, why it is asked to report all the same: the
	// round goes to every unit given work (store.validateRound), and the
	// list must not say otherwise. Asked counts the units the round goes to.
	AlsoAsked map[int64]string
	Asked     int
	// Same are the rounds already made from this directive, or of its
	// period under a near-identical title (sameRounds).
	Same []sameRound
	// Shared are the tasks whose targets every lead unit would be asked for.
	Shared []unsharedTask
	// Heads and StalePeriod are the publish check's warnings, shown beside
	// "Lãnh đạo đơn vị duyệt trước khi gửi" and the deadline.
	Heads       headCheck
	StalePeriod string
}

// recipientRow is one checkbox under "Kính gửi".
type recipientRow struct {
	watch.TreeNode
	Checked bool
	Also    string // why the unit is asked all the same when not ticked (AlsoAsked)
}

// RecipientRows lists the "Kính gửi" checkboxes in tree order. Whether
// each is ticked is read from a set made once: the form's list would be
// read through for each of a province's 3,321 checkboxes.
func (p previewPage) RecipientRows() []recipientRow {
	chosen := make(map[int64]bool, len(p.Form.Recipients))
	for _, id := range p.Form.Recipients {
		chosen[id] = true
	}
	rows := make([]recipientRow, len(p.Tree))
	for i, n := range p.Tree {
		rows[i] = recipientRow{TreeNode: n, Checked: chosen[n.ID], Also: p.AlsoAsked[n.ID]}
	}
	return rows
}

// recipientGroup is a unit at the top of the tree with every unit under
// it, or a run of top units with none under them, for a large office's
// "Kính gửi": each is a fold that says how many of its units are ticked,
// so that the office reads a few dozen lines, not 3,321 checkboxes.
type recipientGroup struct {
	Rows    []recipientRow // the top unit first, then those under it
	Checked int
}

// Name is what the fold's line says the group is.
func (g recipientGroup) Name() string {
	if top := g.Rows[0]; top.Descendants > 0 {
		return fmt.Sprintf("%s và %d đơn vị trực thuộc", top.Name, top.Descendants)
	}
	return fmt.Sprintf("Các đơn vị khác (%d)", len(g.Rows))
}

// Open reports whether the fold starts open: when some but not all of its
// units are ticked, the choice the office may want to look over.
func (g recipientGroup) Open() bool { return g.Checked > 0 && g.Checked < len(g.Rows) }

// RecipientGroups folds the "Kính gửi" checkboxes of a large office whose
// units form a tree, one group per unit at the top, the top units with
// none under them together at the end; nil for a small or flat registry,
// whose checkboxes are listed as they are.
func (p previewPage) RecipientGroups() []recipientGroup {
	if !p.ManyUnits || !p.HasTree() {
		return nil
	}
	var out []recipientGroup
	var alone recipientGroup
	for _, r := range p.RecipientRows() {
		g := &alone
		switch {
		case r.Depth > 0 && len(out) > 0:
			g = &out[len(out)-1]
		case r.Descendants > 0:
			out = append(out, recipientGroup{})
			g = &out[len(out)-1]
		}
		g.Rows = append(g.Rows, r)
		if r.Checked {
			g.Checked++
		}
	}
	if len(alone.Rows) > 0 {
		out = append(out, alone)
	}
	return out
}

// taskWarnings is a task of the preview form with warnings beside it.
type taskWarnings struct {
	Index int // place in the form, for its anchor
	Label string
	// Line is the task's line in the source, when another task carries
	// the same label and the line tells them apart; Nth is its place in
	// the form (from 1) when the line cannot.
	Line, Nth int
	Count     int
}

// Name names the task in the sentence of the box at the top: "nhiệm vụ
// 12", and when two tasks are both numbered 12 (the very slip the box warns
// about) where each is, as the task's own heading says it: "nhiệm vụ 12 ở
// dòng 40", "nhiệm vụ thứ 14 mang số 12", "nhiệm vụ thứ 3" for a task
// without a number.
func (t taskWarnings) Name() string {
	switch {
	case t.Line > 0:
		return fmt.Sprintf("nhiệm vụ %s ở dòng %d", t.Label, t.Line)
	case t.Nth > 0 && t.Label != "":
		return fmt.Sprintf("nhiệm vụ thứ %d mang số %s", t.Nth, t.Label)
	case t.Nth > 0:
		return fmt.Sprintf("nhiệm vụ thứ %d", t.Nth)
	}
	return "nhiệm vụ " + t.Label
}

// warnedTasks lists the tasks that carry warnings, each named so that two
// with the same label can be told apart: by the source line when each has
// its own, otherwise by place in the form.
func warnedTasks(tasks []intakeTask) []taskWarnings {
	var out []taskWarnings
	for i, w := range taskNames(tasks) {
		if n := len(tasks[i].Warnings); n > 0 {
			w.Count = n
			out = append(out, w)
		}
	}
	return out
}

// taskNames names each task of the form so that two with the same label
// can be told apart: by the source line when each has its own, otherwise
// by place in the form (taskWarnings.Name says it).
func taskNames(tasks []intakeTask) []taskWarnings {
	labels := map[string]int{}
	lines := map[string]int{} // label and line -> tasks
	key := func(t intakeTask) string { return strings.TrimSpace(t.Label) + "\x00" + strconv.Itoa(t.Line) }
	for _, t := range tasks {
		labels[strings.TrimSpace(t.Label)]++
		lines[key(t)]++
	}
	out := make([]taskWarnings, len(tasks))
	for i, t := range tasks {
		w := taskWarnings{Index: i, Label: strings.TrimSpace(t.Label)}
		switch {
		case w.Label != "" && labels[w.Label] == 1:
		case w.Label != "" && t.Line > 0 && lines[key(t)] == 1:
			w.Line = t.Line
		default:
			w.Nth = i + 1
		}
		out[i] = w
	}
	return out
}

// HasTree reports whether some unit has units under it, for the "every
// unit under" picker: a flat registry has nothing to pick from.
// Problems lists, in the order of the form, the fields the refused step
// marked, for the message at the top (#form-error) to link to. A key the
// form has no field for is left out: the message says what is wrong.
func (p previewPage) Problems() []unreadField {
	if len(p.Fields) == 0 {
		return nil
	}
	var out []unreadField
	add := func(key, id, label string) {
		if msg := p.Fields[key]; msg != "" {
			out = append(out, unreadField{Key: id, Label: label, Message: msg})
		}
	}
	add("title", "title", "Tên đợt báo cáo")
	add("doc_date", "doc_date", "Ngày văn bản")
	add("period_kind", "period_kind", "Kỳ báo cáo")
	add("period_index", "period_index", "Tháng/quý/nửa năm thứ")
	add("period_year", "period_year", "Năm")
	add("deadline_date", "deadline_date", "Hạn gửi")
	add("tasks", "add-task", "Nhiệm vụ")
	for i, t := range p.Form.Tasks {
		task := "Nhiệm vụ " + t.Label
		if strings.TrimSpace(t.Label) == "" {
			task = fmt.Sprintf("Nhiệm vụ thứ %d", i+1)
		}
		pre, id := fmt.Sprintf("t%d.", i), fmt.Sprintf("t%d-", i)
		add(pre+"lead", id+"lead", task+": Đơn vị chủ trì")
		add(pre+"text", id+"text", task+": Nội dung")
		support := fmt.Sprintf("task-%d", i)
		if p.ManyUnits {
			support = id + "support-add"
		}
		add(pre+"support", support, task+": Đơn vị phối hợp")
		for j := range t.Targets {
			gp, gid, target := fmt.Sprintf("%sg%d.", pre, j), fmt.Sprintf("%sg%d-", id, j), fmt.Sprintf("%s: Chỉ tiêu %d", task, j+1)
			add(gp+"text", gid+"text", target)
			add(gp+"value", gid+"value", target+": Giá trị")
			add(gp+"by", gid+"by", target+": Đơn vị báo cáo")
		}
	}
	return out
}

func (p previewPage) HasTree() bool {
	for _, n := range p.Tree {
		if n.Descendants > 0 {
			return true
		}
	}
	return false
}

// manyUnits is how many units an office may have for the preview to list
// them in every task, in a select for the lead and for each target's
// reporting unit and as checkboxes for the supporting units. Past it (a
// province's communes, the country's 3,321) that made the page megabytes
// of the same names over and over; the units are then listed once, and
// each of those fields is a text field that offers them as one types.
const manyUnits = 150

// leadAll is how the large office's lead field writes "every unit asked
// to report leads the task" (intakeTask.LeadAll), as the select says it.
const leadAll = "Mọi đơn vị được yêu cầu báo cáo (mỗi đơn vị tự báo cáo)"

// isLeadAll reports whether typed is leadAll, in full or without its
// parenthesis, as one may type it.
func isLeadAll(typed string) bool {
	return slices.Contains(leadAllKeys[:], unitKey(typed))
}

var leadAllKeys = [3]string{unitKey(leadAll), unitKey(leadAll[:strings.Index(leadAll, " (")]), unitKey("Mọi đơn vị")}

// unitPick is one unit as the large office's form offers it.
type unitPick struct {
	Value string // what the field gets: unitPicker.label
	Label string // more to tell apart units of one name: the unit above
}

// unitPicker finds the unit a name typed in the large office's form
// stands for, and writes units so that it finds them again.
type unitPicker struct {
	byID  map[int64]*tiendo.Unit
	names map[string][]*tiendo.Unit // by the key of the name
	other map[string][]*tiendo.Unit // by the key of a short name or alias
	codes map[string]*tiendo.Unit   // by the code, lower-case
	// retired are the units no longer offered, by the key of their name
	// and by code: one typed gets a message that says so.
	retired map[string]*tiendo.Unit
}

// unitKey is how a typed name is compared with the units': as the store
// compares names for a clash.
var unitKey = store.NameKey

// newUnitPicker offers units; retired are those that stopped working,
// which it names when typed but never finds.
func newUnitPicker(units, retired []*tiendo.Unit) *unitPicker {
	p := &unitPicker{byID: make(map[int64]*tiendo.Unit, len(units)), names: make(map[string][]*tiendo.Unit, len(units)),
		other: map[string][]*tiendo.Unit{}, codes: make(map[string]*tiendo.Unit, len(units)), retired: map[string]*tiendo.Unit{}}
	for _, u := range retired {
		p.retired[unitKey(u.Name)] = u
		p.retired[strings.ToLower(u.Code)] = u
	}
	add := func(m map[string][]*tiendo.Unit, name string, u *tiendo.Unit) {
		if k := unitKey(name); k != "" && !slices.Contains(m[k], u) {
			m[k] = append(m[k], u)
		}
	}
	for _, u := range units {
		p.byID[u.ID] = u
		p.codes[strings.ToLower(u.Code)] = u
		add(p.names, u.Name, u)
		add(p.other, u.ShortName, u)
		for _, a := range u.Aliases {
			add(p.other, a, u)
		}
	}
	return p
}

// label writes unit id for its field: its name, with its code when
// another unit has the same name ("Xã Tân Lập (mã ptl-tanlap)"), so that
// what the form offers always finds the one unit. It is "" for a unit
// that is not offered.
func (p *unitPicker) label(id int64) string {
	u := p.byID[id]
	if u == nil {
		return ""
	}
	if len(p.names[unitKey(u.Name)]) > 1 {
		return fmt.Sprintf("%s (mã %s)", u.Name, u.Code)
	}
	return u.Name
}

// picks lists the units as the form offers them, in units' order. A unit
// whose name another has is told apart by the unit above it.
func (p *unitPicker) picks(units []*tiendo.Unit) []unitPick {
	out := make([]unitPick, len(units))
	for i, u := range units {
		out[i].Value = p.label(u.ID)
		if out[i].Value != u.Name {
			if up := p.byID[u.ParentID]; up != nil {
				out[i].Label = up.Name
			}
		}
	}
	return out
}

// reCodeSuffix is the code label adds to a name others have, folded.
var reCodeSuffix = regexp.MustCompile(`^(.*?) ?\(ma ([^()\s]+)\)$`)

// find returns the unit that typed names, or a message that says why it
// names none: no unit has that name, or several have. The unit's name is
// looked for first, then its short name and other names, then its code;
// the form's own "Name (mã code)" finds the unit of that code.
func (p *unitPicker) find(typed string) (*tiendo.Unit, string) {
	k := unitKey(typed)
	if m := reCodeSuffix.FindStringSubmatch(k); m != nil {
		if u := p.codes[m[2]]; u != nil && (m[1] == "" || slices.Contains(p.names[m[1]], u) || slices.Contains(p.other[m[1]], u)) {
			return u, ""
		}
	}
	for _, m := range []map[string][]*tiendo.Unit{p.names, p.other} {
		switch us := m[k]; len(us) {
		case 0:
			continue
		case 1:
			return us[0], ""
		default:
			// Names folded alike may differ as written ("Xã Đông Sơn",
			// "Xã Đồng Sơn"): the one written exactly as typed is meant.
			u, n := writtenAs(us, typed)
			if n == 1 {
				return u, ""
			}
			alike := "cùng tên"
			if n == 0 {
				alike = "tên gần giống"
			}
			return nil, fmt.Sprintf("Có %d đơn vị %s “%s”: %s. Hãy chọn đúng đơn vị trong danh sách gợi ý, nơi đơn vị trùng tên có kèm mã, ví dụ “%s (mã %s)”.",
				len(us), alike, strings.TrimSpace(typed), store.UnitsNamed(us), us[0].Name, us[0].Code)
		}
	}
	if u := p.codes[k]; u != nil {
		return u, ""
	}
	if u := p.retired[k]; u != nil {
		return nil, fmt.Sprintf("Đơn vị “%s” đã ngừng hoạt động từ ngày %s%s, không giao được việc mới. Hãy chọn đơn vị đang hoạt động (đơn vị tiếp nhận nhiệm vụ của đơn vị này).",
			u.Name, u.RetiredOn.Format("02/01/2006"), retiredNote(u))
	}
	return nil, fmt.Sprintf("Không có đơn vị nào tên “%s”. Hãy gõ vài chữ trong tên đơn vị rồi chọn trong danh sách gợi ý, hoặc kiểm tra tên ở trang “Đơn vị”.", strings.TrimSpace(typed))
}

// writtenAs returns the units of us whose name, short name or other name
// is typed as written, case and spacing aside: how many, and the last.
func writtenAs(us []*tiendo.Unit, typed string) (*tiendo.Unit, int) {
	exact := func(a, b string) bool {
		return b != "" && strings.EqualFold(strings.Join(strings.Fields(vi.NFC(a)), " "), strings.Join(strings.Fields(vi.NFC(b)), " "))
	}
	var found *tiendo.Unit
	n := 0
	for _, u := range us {
		if exact(typed, u.Name) || exact(typed, u.ShortName) || slices.ContainsFunc(u.Aliases, func(a string) bool { return exact(typed, a) }) {
			found, n = u, n+1
		}
	}
	return found, n
}

// retiredNote is a retired unit's note for a message: " (Sáp nhập vào
// xã Hữu Liên)", or "".
func retiredNote(u *tiendo.Unit) string {
	if n := strings.TrimSpace(u.RetiredNote); n != "" {
		return " (" + strings.TrimSuffix(n, ".") + ")"
	}
	return ""
}

// dropRetired takes out of the form the retired units: a lead, a
// supporting or a reporting unit retired since the form was shown would
// show as a blank field, and the round could not be made. Each gets an
// error that names it.
func (f *intakeForm) dropRetired(retired []*tiendo.Unit) map[string]string {
	if len(retired) == 0 {
		return nil
	}
	gone := make(map[int64]*tiendo.Unit, len(retired))
	for _, u := range retired {
		gone[u.ID] = u
	}
	errs := map[string]string{}
	msg := func(u *tiendo.Unit) string {
		return fmt.Sprintf("Đơn vị “%s” đã ngừng hoạt động từ ngày %s%s nên đã được bỏ khỏi ô này. Hãy chọn đơn vị đang hoạt động.",
			u.Name, u.RetiredOn.Format("02/01/2006"), retiredNote(u))
	}
	for i := range f.Tasks {
		t := &f.Tasks[i]
		var leadMsgs []string
		if u := gone[t.Lead]; u != nil {
			t.Lead, leadMsgs = 0, append(leadMsgs, msg(u))
		}
		t.CoLeads = slices.DeleteFunc(t.CoLeads, func(id int64) bool {
			if u := gone[id]; u != nil {
				leadMsgs = append(leadMsgs, msg(u))
				return true
			}
			return false
		})
		if len(leadMsgs) > 0 {
			errs[fmt.Sprintf("t%d.lead", i)] = strings.Join(leadMsgs, " ")
		}
		var msgs []string
		t.Support = slices.DeleteFunc(t.Support, func(id int64) bool {
			if u := gone[id]; u != nil {
				msgs = append(msgs, msg(u))
				return true
			}
			return false
		})
		if len(msgs) > 0 {
			errs[fmt.Sprintf("t%d.support", i)] = strings.Join(msgs, " ")
		}
		for j := range t.Targets {
			if u := gone[t.Targets[j].ReportedBy]; u != nil {
				t.Targets[j].ReportedBy, errs[fmt.Sprintf("t%d.g%d.by", i, j)] = 0, msg(u)
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// findUnits turns the unit names a large office typed into units: the
// lead, the supporting units to add and each target's reporting unit. A
// name that finds no one unit stays as typed and gets an error keyed by
// its field; the errors are nil when there is none.
func (f *intakeForm) findUnits(p *unitPicker) map[string]string {
	errs := map[string]string{}
	const leadOnly = "“Mọi đơn vị được yêu cầu báo cáo” chỉ chọn được ở ô “Đơn vị chủ trì”. Ở đây hãy gõ tên một đơn vị."
	for i := range f.Tasks {
		t := &f.Tasks[i]
		pre := fmt.Sprintf("t%d.", i)
		if t.LeadName != "" {
			if isLeadAll(t.LeadName) {
				t.Lead, t.CoLeads, t.LeadAll, t.LeadName = 0, nil, true, ""
			} else if leads, msgs := findLeads(p, t.LeadName); len(msgs) > 0 {
				errs[pre+"lead"] = strings.Join(msgs, " ")
			} else {
				// "A; B; C": several units lead the task together.
				t.Lead, t.CoLeads, t.LeadName = 0, nil, ""
				if len(leads) > 0 {
					t.Lead, t.CoLeads = leads[0], leads[1:]
				}
			}
		}
		if strings.TrimSpace(t.SupportAdd) != "" {
			var left, msgs []string
			for _, name := range strings.Split(t.SupportAdd, ";") {
				if name = strings.TrimSpace(name); name == "" {
					continue
				}
				var u *tiendo.Unit
				msg := leadOnly
				if !isLeadAll(name) {
					u, msg = p.find(name)
				}
				if u == nil {
					left, msgs = append(left, name), append(msgs, msg)
				} else if !slices.Contains(t.leads(), u.ID) && !slices.Contains(t.Support, u.ID) {
					// A lead is not also supporting, as round() has it.
					t.Support = append(t.Support, u.ID)
				}
			}
			t.SupportAdd = strings.Join(left, "; ")
			if len(msgs) > 0 {
				errs[pre+"support"] = strings.Join(msgs, " ")
			}
		}
		for j := range t.Targets {
			g := &t.Targets[j]
			if g.ReportedByName == "" {
				continue
			}
			u, msg := (*tiendo.Unit)(nil), leadOnly
			if !isLeadAll(g.ReportedByName) {
				u, msg = p.find(g.ReportedByName)
			}
			if u == nil {
				errs[fmt.Sprintf("%sg%d.by", pre, j)] = msg
				continue
			}
			g.ReportedBy, g.ReportedByName = u.ID, ""
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// findLeads finds the lead units a large office typed, one name or several
// ("A; B", units that lead the task together), in order and once each;
// msgs say why a name finds no one unit.
func findLeads(p *unitPicker, typed string) (ids []int64, msgs []string) {
	for _, name := range strings.Split(typed, ";") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if isLeadAll(name) {
			msgs = append(msgs, "“Mọi đơn vị được yêu cầu báo cáo” không đi cùng tên đơn vị khác: hãy để riêng nó, hoặc chỉ gõ tên các đơn vị chủ trì.")
			continue
		}
		u, msg := p.find(name)
		if u == nil {
			msgs = append(msgs, msg)
		} else if !slices.Contains(ids, u.ID) {
			ids = append(ids, u.ID)
		}
	}
	return ids, msgs
}

// typedNames reports whether the form holds a unit name typed that names
// no one unit yet: only the large office's fields can show it again.
func (f *intakeForm) typedNames() bool {
	for _, t := range f.Tasks {
		if t.LeadName != "" || t.SupportAdd != "" || slices.ContainsFunc(t.Targets, func(g intakeTarget) bool { return g.ReportedByName != "" }) {
			return true
		}
	}
	return false
}

// LeadText is what the large office's lead field of t shows.
func (p previewPage) LeadText(t intakeTask) string {
	switch {
	case t.LeadName != "":
		return t.LeadName
	case t.LeadAll:
		return leadAll
	}
	var names []string
	for _, id := range t.leads() {
		names = append(names, p.picker.label(id))
	}
	return strings.Join(names, "; ")
}

// ByText is what the large office's reporting unit field of g shows; ""
// is the task's lead.
func (p previewPage) ByText(g intakeTarget) string {
	if g.ReportedByName != "" {
		return g.ReportedByName
	}
	return p.picker.label(g.ReportedBy)
}

// UnitLabel names unit id as the large office's form writes it.
func (p previewPage) UnitLabel(id int64) string { return p.picker.label(id) }

// LeadAll is leadAll, for the template.
func (previewPage) LeadAll() string { return leadAll }

// handleIntakeParse reads the pasted text or the uploaded file and shows
// the proposal.
func (s *Server) handleIntakeParse(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, directive.MaxInput+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			// Nothing of the form can be read back: say so, with the form.
			return s.intakeError(w, r, "", tiendo.Errorf(tiendo.ETOOLARGE, "Tệp quá lớn: giới hạn %d MB cho một văn bản. Hãy chọn tệp nhỏ hơn (một công văn thường dưới 1 MB; tệp lớn thường do ảnh chèn trong văn bản), hoặc dán nội dung văn bản vào ô bên dưới.", directive.MaxInput>>20))
		}
		return tiendo.Errorf(tiendo.EINVALID, "Không đọc được biểu mẫu; hãy tải lại trang và thử lại.")
	}
	// typed is what the office typed or pasted: the form shows it again
	// with any error, so that a file that cannot be read costs nothing.
	typed := r.FormValue("text")
	text := typed
	if f, hdr, err := r.FormFile("file"); err == nil {
		data, err := io.ReadAll(io.LimitReader(f, directive.MaxInput+1))
		f.Close()
		if err != nil {
			return err
		}
		switch {
		case len(data) > 0:
			if text, err = intakeFileText(hdr.Filename, data); err != nil {
				return s.intakeError(w, r, typed, err)
			}
		case hdr.Filename != "" && strings.TrimSpace(typed) == "":
			return s.intakeError(w, r, typed, tiendo.Errorf(tiendo.EINVALID, "Tệp “%s” rỗng, không có nội dung. Hãy mở tệp kiểm tra, chọn lại đúng tệp văn bản, hoặc dán nội dung văn bản vào ô bên dưới.", hdr.Filename))
		}
	} else if text != "" {
		if text, err = directive.Text("", []byte(text)); err != nil {
			return s.intakeError(w, r, typed, err)
		}
	}
	if strings.TrimSpace(text) == "" {
		return s.intakeError(w, r, typed, tiendo.Errorf(tiendo.EINVALID, "Chưa có văn bản. Hãy dán nội dung công văn vào ô bên dưới hoặc chọn tệp .docx/.txt."))
	}
	text = vi.NFC(strings.ReplaceAll(text, "\r\n", "\n"))
	units, err := s.store.Units(r.Context())
	if err != nil {
		return err
	}
	// A retired unit is neither matched in a new directive nor offered
	// for a new round (units.go: activeUnits).
	units = activeUnits(units)
	res := directive.Parse(text, derefUnits(units))
	return s.renderPreview(w, r, http.StatusOK, formFromResult(res, text, units), units, nil, nil)
}

// intakeFileText reads an uploaded directive: a .docx or .txt file (and,
// for their own messages, a .doc or .pdf). Any other file is refused by its
// name, not read as text and parsed into an empty proposal.
func intakeFileText(name string, data []byte) (string, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".txt", ".doc":
		return directive.Text(name, data)
	case ".pdf":
		return "", tiendo.Errorf(tiendo.EINVALID, "Tệp PDF chưa đọc được. Hãy sao chép nội dung văn bản ra tệp .txt, hoặc dùng tệp .docx.")
	}
	return "", tiendo.Errorf(tiendo.EINVALID, "Tệp “%s” không đọc được: tiendo chỉ đọc được tệp .docx và tệp .txt. Hãy chọn tệp .docx hoặc .txt, hoặc dán nội dung văn bản vào ô “Nội dung văn bản”.", name)
}

func (s *Server) intakeError(w http.ResponseWriter, r *http.Request, text string, err error) error {
	if code := tiendo.ErrorCode(err); code != tiendo.EINVALID && code != tiendo.ETOOLARGE {
		return err
	}
	status := http.StatusUnprocessableEntity
	if tiendo.ErrorCode(err) == tiendo.ETOOLARGE {
		status = http.StatusRequestEntityTooLarge
	}
	return s.render(w, status, "intake", intakePage{page: s.basePage(r, "Tạo đợt báo cáo từ văn bản"), Text: text, Error: tiendo.ErrorMessage(err)})
}

func derefUnits(units []*tiendo.Unit) []tiendo.Unit {
	out := make([]tiendo.Unit, len(units))
	for i, u := range units {
		out[i] = *u
	}
	return out
}

func formFromResult(res *directive.Result, text string, units []*tiendo.Unit) *intakeForm {
	ids := map[string]int64{}
	for _, u := range units {
		ids[u.Code] = u.ID
	}
	f := &intakeForm{Source: text, Title: vi.UpperFirst(res.Subject), Issuer: res.Issuer, Number: res.Number, Symbol: res.Symbol,
		DocDate: docDateText(res.Date), Subject: res.Subject, ReportContents: strings.Join(res.ReportContents, "\n"), Brief: res.Brief}
	if res.Period != nil {
		f.PeriodKind, f.PeriodYear, f.PeriodIndex = string(res.Period.Kind), res.Period.Year, res.Period.Index
		f.Parsed.Period = periodKey(*res.Period)
	}
	f.Parsed.Title, f.Parsed.Subject = f.Title, f.Subject
	if res.Deadline != nil {
		f.DeadlineDate, f.DeadlineTime, f.DeadlineRelation = docDateText(res.Deadline.Date), res.Deadline.Time, res.Deadline.Relation
	}
	for _, rc := range res.Recipients {
		if id, ok := ids[rc.Unit]; ok {
			f.Recipients = append(f.Recipients, id)
		}
	}
	for _, t := range res.Tasks {
		it := intakeTask{Label: t.Label, Text: t.Text, Line: t.Line}
		var names []string
		for _, a := range t.Assignees {
			names = append(names, a.Name)
			id, ok := ids[a.Unit]
			switch {
			case !ok:
			case a.Role == tiendo.Support:
				it.Support = append(it.Support, id)
			case it.Lead == 0:
				it.Lead = id
			case id != it.Lead && !slices.Contains(it.CoLeads, id):
				// Several units lead the task together ("Phòng A, Phòng
				// B, Trung tâm C chủ trì"): each is asked for its targets.
				it.CoLeads = append(it.CoLeads, id)
			}
		}
		it.Hint = strings.Join(names, "; ")
		// "UBND các xã, phường", "Các phòng, ban, ngành": a group, not one
		// unit. When no unit was recognised as lead, every unit asked leads.
		if it.Lead == 0 {
			for _, a := range t.Assignees {
				if a.Unit == "" && a.Role != tiendo.Support && directive.IsGroupName(a.Name) {
					it.LeadAll = true
				}
			}
		}
		// A target the directive gives to one of the task's lead units is
		// pre-selected for it; the others are every lead unit's.
		for _, g := range t.Targets {
			it.Targets = append(it.Targets, intakeTarget{Text: g.Text, Comparator: string(g.Comparator),
				Value: vi.FormatNumber(g.Value, -1), Unit: g.Unit, Direction: g.Direction, RelativeTo: g.RelativeTo,
				ReportedBy: directive.ReporterID(t, g, ids)})
		}
		f.Tasks = append(f.Tasks, it)
	}
	return f
}

// formFromRequest reads the preview form back.
func formFromRequest(r *http.Request) *intakeForm {
	v := r.PostForm
	// A browser sends a textarea's line breaks as CRLF; the source is
	// kept, parsed and numbered with LF, as handleIntakeParse keeps it.
	lf := func(key string) string {
		return strings.ReplaceAll(strings.ReplaceAll(v.Get(key), "\r\n", "\n"), "\r", "\n")
	}
	ids := func(key string) []int64 {
		var out []int64
		for _, s := range v[key] {
			if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
				out = append(out, id)
			}
		}
		return out
	}
	f := &intakeForm{
		Source: lf("source"), Title: oneLine(v.Get("title")), Issuer: v.Get("issuer"), Number: v.Get("number"),
		Symbol: v.Get("symbol"), DocDate: v.Get("doc_date"), Subject: oneLine(v.Get("subject")),
		PeriodKind: v.Get("period_kind"), PeriodYear: atoi(v.Get("period_year")), PeriodIndex: atoi(v.Get("period_index")),
		DeadlineDate: v.Get("deadline_date"), DeadlineTime: v.Get("deadline_time"), DeadlineRelation: v.Get("deadline_relation"),
		Recipients: ids("recipients"), ReportContents: lf("report_contents"),
		Brief: v.Get("brief") == "1", HeadApproval: v.Get("head_approval") == "1",
	}
	f.Parsed.Title, f.Parsed.Subject, f.Parsed.Period = oneLine(v.Get("parsed_title")), oneLine(v.Get("parsed_subject")), v.Get("parsed_period")
	n := min(atoi(v.Get("tasks")), 500)
	for i := range n {
		p := fmt.Sprintf("t%d.", i)
		t := intakeTask{Label: v.Get(p + "label"), Text: lf(p + "text"), Line: atoi(v.Get(p + "line")), Hint: v.Get(p + "hint"),
			Support: ids(p + "support"), CoLeads: ids(p + "colead"), SupportAdd: oneLine(v.Get(p + "support_add"))}
		// A large office's form (manyUnits) has the units' names typed,
		// which findUnits reads; a small office's has their ids.
		switch {
		case v.Has(p + "lead_name"):
			// The typed field names every lead unit ("A; B").
			t.LeadName, t.CoLeads = oneLine(v.Get(p+"lead_name")), nil
		case v.Get(p+"lead") == "all":
			t.LeadAll = true
		default:
			t.Lead, _ = strconv.ParseInt(v.Get(p+"lead"), 10, 64)
		}
		m := min(atoi(v.Get(p+"targets")), 100)
		for j := range m {
			q := fmt.Sprintf("%sg%d.", p, j)
			g := intakeTarget{Text: oneLine(v.Get(q + "text")), Comparator: v.Get(q + "cmp"), Value: v.Get(q + "value"),
				Unit: v.Get(q + "unit"), Direction: v.Get(q + "dir"), RelativeTo: v.Get(q + "rel"), ReportedBy: atoi64(v.Get(q + "by"))}
			if v.Has(q + "by_name") {
				g.ReportedBy, g.ReportedByName = 0, oneLine(v.Get(q+"by_name"))
			}
			t.Targets = append(t.Targets, g)
		}
		f.Tasks = append(f.Tasks, t)
	}
	return f
}

// apply carries out a preview button: add or remove a task or a target.
// It reports whether op was one of those.
func (f *intakeForm) apply(op string) bool {
	parts := strings.Split(op, ":")
	num := func(i int) int {
		if i >= len(parts) {
			return -1
		}
		n, err := strconv.Atoi(parts[i])
		if err != nil {
			return -1
		}
		return n
	}
	i, j := num(1), num(2)
	switch parts[0] {
	case "check":
		// Enter in a field: the form's first button, which only shows the
		// form again with the names typed found or marked.
	case "add-task":
		f.Tasks = append(f.Tasks, intakeTask{Label: strconv.Itoa(len(f.Tasks) + 1)})
	case "remove-task":
		if i >= 0 && i < len(f.Tasks) {
			f.Tasks = append(f.Tasks[:i], f.Tasks[i+1:]...)
		}
	case "add-target":
		if i >= 0 && i < len(f.Tasks) {
			f.Tasks[i].Targets = append(f.Tasks[i].Targets, intakeTarget{Comparator: ">="})
		}
	case "remove-target":
		if i >= 0 && i < len(f.Tasks) && j >= 0 && j < len(f.Tasks[i].Targets) {
			f.Tasks[i].Targets = append(f.Tasks[i].Targets[:j], f.Tasks[i].Targets[j+1:]...)
		}
	default:
		return false
	}
	return true
}

// applyTree carries out the recipients' buttons: "add-tree" asks every
// unit under the chosen node (a province's communes, a department's
// offices), "clear-recipients" unticks them all. It reports whether op was
// one of those.
func (f *intakeForm) applyTree(op, node string, units []*tiendo.Unit) bool {
	switch op {
	case "add-tree":
		id, _ := strconv.ParseInt(node, 10, 64)
		for _, d := range watch.Descendants(units, id) {
			if !slices.Contains(f.Recipients, d) {
				f.Recipients = append(f.Recipients, d)
			}
		}
	case "clear-recipients":
		f.Recipients = nil
	default:
		return false
	}
	return true
}

// round checks the form and builds the round it describes; field errors
// come back keyed by the form's field names.
func (f *intakeForm) round() (*tiendo.Round, error) {
	e := &tiendo.Error{Code: tiendo.EINVALID, Message: "Đợt báo cáo chưa hợp lệ, vui lòng sửa các ô được đánh dấu.", Fields: map[string]string{}}
	r := &tiendo.Round{Title: strings.TrimSpace(f.Title), Status: tiendo.RoundDraft, Issuer: f.Issuer, DocNumber: f.Number,
		DocSymbol: f.Symbol, Subject: f.Subject, Source: f.Source, UnitIDs: f.Recipients, Brief: f.Brief, HeadApproval: f.HeadApproval,
		Period: tiendo.Period{Kind: tiendo.PeriodKind(f.PeriodKind), Year: f.PeriodYear, Index: f.PeriodIndex}}
	if d, err := docDateISO(f.DocDate); err != nil {
		e.Fields["doc_date"] = tiendo.ErrorMessage(err)
	} else {
		r.DocDate = d
	}
	for _, line := range strings.Split(f.ReportContents, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			r.ReportContents = append(r.ReportContents, line)
		}
	}
	if r.Title == "" {
		e.Fields["title"] = "Hãy nhập tên đợt báo cáo."
	}
	if field, msg := r.Period.Check(); field != "" {
		e.Fields["period_"+field] = msg
	}
	r.Period = r.Period.Normalized()
	if was, ok := parsePeriodKey(f.Parsed.Period); ok && was != r.Period && r.Period.Valid() {
		// "… 6 tháng đầu năm 2022" with the period set to the year 2026
		// becomes "… năm 2026", unless the office typed its own.
		if r.Title == f.Parsed.Title {
			r.Title = continuity.Retitle(r.Title, was, r.Period)
		}
		if r.Subject == f.Parsed.Subject {
			r.Subject = continuity.Retitle(r.Subject, was, r.Period)
		}
	}
	if strings.TrimSpace(f.DeadlineDate) == "" {
		e.Fields["deadline_date"] = "Hãy nhập hạn gửi báo cáo, ví dụ 07/06/2022."
	} else if at, err := f.deadline(); err != nil {
		e.Fields["deadline_date"] = tiendo.ErrorMessage(err)
	} else {
		r.Deadline = at
	}
	if len(f.Tasks) == 0 {
		e.Fields["tasks"] = "Đợt báo cáo cần ít nhất một nhiệm vụ: bấm “Thêm nhiệm vụ”."
	}
	for i, t := range f.Tasks {
		p := fmt.Sprintf("t%d.", i)
		task := &tiendo.Task{Label: strings.TrimSpace(t.Label), Text: strings.TrimSpace(t.Text)}
		if task.Text == "" {
			e.Fields[p+"text"] = "Nhiệm vụ chưa có nội dung."
		}
		switch {
		case t.LeadAll && len(f.Recipients) == 0:
			e.Fields[p+"lead"] = "Chưa chọn đơn vị nào nhận báo cáo: hãy chọn các đơn vị ở mục “Đơn vị được yêu cầu báo cáo”, hoặc chọn một đơn vị chủ trì."
		case t.LeadAll:
			for _, id := range f.Recipients {
				if !slices.Contains(t.Support, id) {
					task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
				}
			}
		case t.Lead == 0:
			e.Fields[p+"lead"] = "Hãy chọn đơn vị chủ trì."
		default:
			task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: t.Lead, Role: tiendo.Lead})
		}
		leads := t.leads()
		for _, id := range t.CoLeads {
			if !slices.ContainsFunc(task.Assignees, func(a tiendo.Assignee) bool { return a.UnitID == id }) {
				task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
			}
		}
		// A unit given a target to report leads the task for that target,
		// even if the form had it supporting. Not so on a task every unit
		// asked leads: the targets left to every lead unit would then be
		// the promoted unit's too (a department asked for each commune's
		// figures), so there the reporter must be one of those units.
		reporters := map[int64]bool{}
		for j, g := range t.Targets {
			if g.ReportedBy <= 0 {
				continue
			}
			if t.LeadAll && (!slices.Contains(f.Recipients, g.ReportedBy) && !slices.Contains(t.CoLeads, g.ReportedBy) || slices.Contains(t.Support, g.ReportedBy)) {
				e.Fields[fmt.Sprintf("%sg%d.by", p, j)] = "Nhiệm vụ này do mọi đơn vị được yêu cầu báo cáo cùng chủ trì: hãy giao chỉ tiêu cho một trong các đơn vị đó, hoặc để “Đơn vị chủ trì nhiệm vụ”."
				continue
			}
			reporters[g.ReportedBy] = true
		}
		for _, id := range t.Support {
			if !slices.Contains(leads, id) && !reporters[id] {
				task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Support})
			}
		}
		for _, id := range slices.Sorted(maps.Keys(reporters)) {
			if !slices.ContainsFunc(task.Assignees, func(a tiendo.Assignee) bool { return a.UnitID == id }) {
				task.Assignees = append(task.Assignees, tiendo.Assignee{UnitID: id, Role: tiendo.Lead})
			}
		}
		for j, g := range t.Targets {
			q := fmt.Sprintf("%sg%d.", p, j)
			tg := &tiendo.Target{Text: strings.TrimSpace(g.Text), Comparator: tiendo.Comparator(g.Comparator), Unit: g.Unit,
				Direction: g.Direction, RelativeTo: g.RelativeTo, ReportedBy: g.ReportedBy}
			if tg.ReportedBy == 0 && !t.LeadAll && len(reporters) > 0 && len(leads) == 1 {
				// Once the task's targets are shared out, one left to
				// "the lead unit" is the chosen lead's, not every unit's
				// that now leads a part of it. With units chosen to lead
				// it together it stays every lead unit's, as the round's
				// page has it ("Mọi đơn vị chủ trì").
				tg.ReportedBy = t.Lead
			}
			if strings.TrimSpace(g.Value) != "" {
				v, err := vi.ParseNumber(g.Value)
				if err != nil {
					e.Fields[q+"value"] = tiendo.ErrorMessage(err)
				}
				tg.Value = v
			}
			if tg.Text == "" {
				e.Fields[q+"text"] = "Chỉ tiêu chưa có nội dung."
			}
			task.Targets = append(task.Targets, tg)
		}
		r.Tasks = append(r.Tasks, task)
	}
	if len(e.Fields) > 0 {
		return nil, e
	}
	return r, nil
}

// renderPreview shows the preview form f. picker is the one the handler
// resolved typed names with, or nil: one is made when the page needs it.
func (s *Server) renderPreview(w http.ResponseWriter, r *http.Request, status int, f *intakeForm, units []*tiendo.Unit, picker *unitPicker, ferr error) error {
	data := previewPage{page: s.basePage(r, "Kiểm tra đợt báo cáo đề xuất"), Form: f, Units: units, Tree: watch.Tree(units),
		Lines: strings.Split(f.Source, "\n")}
	// A name typed that finds no unit can only be shown again in a text
	// field, should the office have come down to manyUnits meanwhile.
	if data.ManyUnits = len(units) > manyUnits || f.typedNames(); data.ManyUnits {
		if picker == nil {
			picker = newUnitPicker(units, nil)
		}
		data.picker = picker
		data.Picks = data.picker.picks(units)
	}
	// Warnings come from the parser, re-run on the source (it is fast):
	// each goes beside the task whose lines hold it, or at the top.
	// Repeated task numbers are checked on the tasks as the office has
	// edited them instead, and shown beside each of the tasks concerned, so
	// that a corrected number clears the warning.
	res := directive.Parse(f.Source, derefUnits(units))
	tasks := make([]directive.Task, len(f.Tasks))
	for i, t := range f.Tasks {
		tasks[i] = directive.Task{Label: t.Label, Text: t.Text, Line: t.Line}
	}
	for _, c := range directive.LabelClashes(tasks) {
		f.Tasks[c.First].Warnings = append(f.Tasks[c.First].Warnings, c.Warning)
		f.Tasks[c.Repeat].Warnings = append(f.Tasks[c.Repeat].Warnings, c.Warning)
	}
	// A unit given a task but not addressed is likewise checked on the
	// form, on the tasks the parser found it on: ticking the unit under
	// "Kính gửi", or choosing another lead, clears the warning.
	notAddressed := map[int]bool{}
	for _, warn := range res.Warnings {
		switch {
		case warn.Code == directive.WarnDuplicateLabel:
			continue
		case warn.Code == directive.WarnNotRecipient && warn.Line > 0:
			notAddressed[warn.Line] = true
			continue
		}
		if i := taskAt(f.Tasks, res.Tasks, warn.Line); i >= 0 {
			f.Tasks[i].Warnings = append(f.Tasks[i].Warnings, warn)
		} else {
			data.Warnings = append(data.Warnings, warn)
		}
	}
	names := taskNames(f.Tasks)
	unitNames := map[int64]string{}
	for _, u := range units {
		unitNames[u.ID] = u.Name
	}
	for i, t := range f.Tasks {
		if t.Line <= 0 || !notAddressed[t.Line] {
			continue
		}
		for _, id := range f.unaddressedLeads(i) {
			if unitNames[id] == "" {
				continue // not an active unit: the lead's field says so when the round is made
			}
			f.Tasks[i].Warnings = append(f.Tasks[i].Warnings, directive.Warning{Code: directive.WarnNotRecipient, Line: t.Line,
				Message: fmt.Sprintf("Đơn vị “%s” được giao %s nhưng không có trong danh sách “Kính gửi”: hãy kiểm tra lại đơn vị chủ trì, hoặc đánh dấu đơn vị ở mục “Kính gửi”. Dù không đánh dấu, đơn vị vẫn nhận đợt báo cáo vì được giao nhiệm vụ.",
					unitNames[id], names[i].Name())})
		}
	}
	data.TaskWarnings = warnedTasks(f.Tasks)
	data.AlsoAsked, data.Asked = f.alsoAsked(names)
	if warn := pastDeadline(f, s.store.Now()); warn != "" {
		data.Warnings = append(data.Warnings, directive.Warning{Code: "deadline-past", Message: warn})
	}
	rounds, err := s.store.Rounds(r.Context(), userFrom(r.Context()))
	if err != nil {
		return err
	}
	data.Same = sameRounds(f.key(), rounds)
	data.Shared = unsharedTasks(f.Tasks)
	// The publish check's own warnings, shown beside their fields so that
	// they are seen before the round is made (publishChecks).
	if data.Heads, err = s.headCheck(r.Context(), f.asked(data.AlsoAsked), units); err != nil {
		return err
	}
	if f.HeadApproval {
		if warn := data.Heads.Message(); warn != "" {
			data.Warnings = append(data.Warnings, directive.Warning{Code: "no-unit-head", Message: warn})
		}
	}
	if p := (tiendo.Period{Kind: tiendo.PeriodKind(f.PeriodKind), Year: f.PeriodYear, Index: f.PeriodIndex}.Normalized()); p.Valid() {
		if at, err := f.deadline(); err == nil {
			data.StalePeriod = s.stalePeriod(r, &tiendo.Round{Issuer: f.Issuer, Period: p, Deadline: at})
		}
	}
	var e *tiendo.Error
	if errors.As(ferr, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	return s.render(w, status, "intake_preview", data)
}

// taskAt finds the task of the form that a warning at line belongs to: the
// parser's last task that starts at or before the line, found in the form
// by that line (the form keeps each task's line). It is -1 for a warning
// before every task, or one whose task the office has removed: such a
// warning goes to the top, never beside another task.
func taskAt(form []intakeTask, parsed []directive.Task, line int) int {
	start := 0
	for _, t := range parsed {
		if t.Line > start && t.Line <= line {
			start = t.Line
		}
	}
	if start == 0 {
		return -1
	}
	for i, t := range form {
		if t.Line == start {
			return i
		}
	}
	return -1
}

// unaddressedLeads returns the units that lead task i on the form (its
// lead, and units given one of its targets) and are not ticked under
// "Kính gửi".
func (f *intakeForm) unaddressedLeads(i int) []int64 {
	t := f.Tasks[i]
	if t.LeadAll {
		return nil // its lead units are those ticked
	}
	var out []int64
	add := func(id int64) {
		if id > 0 && !f.IsRecipient(id) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for _, id := range t.leads() {
		add(id)
	}
	for _, g := range t.Targets {
		add(g.ReportedBy)
	}
	return out
}

// alsoAsked says, for each unit not ticked under "Kính gửi" that a task of
// the form gives work to, why the round goes to it all the same ("được
// giao nhiệm vụ 12", "phối hợp nhiệm vụ 3"), as round and the store decide
// it: every unit a task gives work to is asked to report. It also counts
// the units the round goes to. names are the tasks' names (taskNames).
func (f *intakeForm) alsoAsked(names []taskWarnings) (map[int64]string, int) {
	asked := map[int64]bool{}
	for _, id := range f.Recipients {
		asked[id] = true
	}
	leads, supports := map[int64][]string{}, map[int64][]string{}
	var order []int64
	note := func(m map[int64][]string, id int64, name string) {
		if id <= 0 || asked[id] || slices.Contains(m[id], name) {
			return
		}
		if m[id] == nil && leads[id] == nil && supports[id] == nil {
			order = append(order, id)
		}
		m[id] = append(m[id], name)
	}
	for i, t := range f.Tasks {
		name := names[i].Name()
		if !t.LeadAll {
			for _, id := range t.leads() {
				note(leads, id, name)
			}
			for _, g := range t.Targets {
				note(leads, g.ReportedBy, name)
			}
		}
		for _, id := range t.Support {
			note(supports, id, name)
		}
	}
	out := map[int64]string{}
	for _, id := range order {
		var why []string
		if len(leads[id]) > 0 {
			why = append(why, "được giao "+joinVi(leads[id]))
		}
		if len(supports[id]) > 0 {
			why = append(why, "phối hợp "+joinVi(supports[id]))
		}
		out[id] = "vẫn nhận đợt báo cáo vì " + strings.Join(why, ", ")
	}
	return out, len(asked) + len(out)
}

// pastDeadline warns when the form's deadline has already passed: every
// unit would be late from the start and reminded daily. A round entered
// after the fact (last year's, for "so với cùng kỳ") may want that date,
// so it is a warning, not an error.
func pastDeadline(f *intakeForm, now time.Time) string {
	at, err := f.deadline()
	if err != nil || at.After(now) {
		return ""
	}
	return fmt.Sprintf("Hạn gửi (%s) đã qua: nếu phát hành, mọi đơn vị bị tính là gửi muộn ngay từ đầu và được đôn đốc hằng ngày. Nếu đây là đợt mới, hãy sửa hạn gửi.",
		f.deadlineWords(at))
}

// sameRound is a round that already exists for the directive on the form
// or the round being published: one made from the same letter, or one of
// the same period under a near-identical title. Importing a letter twice
// makes two rounds that ask the units for the same report; a round may
// rightly be made again (the first was deleted, or the letter re-issued),
// so it is a warning, never a refusal.
type sameRound struct {
	ID     int64
	Title  string
	Status string // the round's state, lower-case: "đã đóng"
	Why    string // what it shares: "cùng văn bản số 12/UBND-VP"
}

// roundKey is what sameRounds compares: a directive as the preview form
// holds it, or a round. ID is the round itself, which is left out.
type roundKey struct {
	ID                                     int64
	Number, Symbol, DocDate, Issuer, Title string // DocDate in ISO form
	Period                                 tiendo.Period
}

// key is the form's directive as sameRounds compares it.
func (f *intakeForm) key() roundKey {
	date, _ := docDateISO(f.DocDate)
	p := tiendo.Period{Kind: tiendo.PeriodKind(f.PeriodKind), Year: f.PeriodYear, Index: f.PeriodIndex}.Normalized()
	return roundKey{Number: f.Number, Symbol: f.Symbol, DocDate: date, Issuer: f.Issuer, Title: oneLine(f.Title), Period: p}
}

// roundKeyOf is round r as sameRounds compares it.
func roundKeyOf(r *tiendo.Round) roundKey {
	return roundKey{ID: r.ID, Number: r.DocNumber, Symbol: r.DocSymbol, DocDate: r.DocDate, Issuer: r.Issuer, Title: r.Title, Period: r.Period}
}

// sameRounds lists the rounds that k may repeat: those made from the same
// letter (the same number and symbol, and the same date when both have
// one; for a letter not yet numbered, the same symbol, date and period),
// and those of the same period whose title is near-identical. A round of
// another issuer never is.
func sameRounds(k roundKey, rounds []store.RoundSummary) []sameRound {
	num := strings.TrimLeft(strings.TrimSpace(k.Number), "0")
	sym := symbolKey(k.Symbol)
	var out []sameRound
	for _, r := range rounds {
		if r.ID == k.ID || k.Issuer != "" && r.Issuer != "" && !sameIssuer(k.Issuer, r.Issuer) {
			continue
		}
		samePeriod := k.Period.Valid() && k.Period == r.Period
		sameLetter := sym != "" && symbolKey(r.DocSymbol) == sym && num == strings.TrimLeft(strings.TrimSpace(r.DocNumber), "0")
		var why string
		switch {
		case sameLetter && num != "" && (k.DocDate == "" || r.DocDate == "" || k.DocDate == r.DocDate):
			why = fmt.Sprintf("cùng văn bản số %s/%s", strings.TrimSpace(k.Number), strings.TrimSpace(k.Symbol))
		case sameLetter && num == "" && k.DocDate != "" && k.DocDate == r.DocDate && samePeriod:
			// A draft letter not yet numbered: its symbol alone is the
			// office's for every letter, so the date and period must agree.
			why = fmt.Sprintf("cùng văn bản chưa cấp số “/%s” ngày %s, cùng kỳ báo cáo", strings.TrimSpace(k.Symbol), docDateText(k.DocDate))
		case samePeriod && continuity.SimilarTitles(k.Title, r.Title):
			why = "cùng kỳ báo cáo " + k.Period.Phrase() + ", tên gần giống"
		default:
			continue
		}
		out = append(out, sameRound{ID: r.ID, Title: r.Title, Status: strings.ToLower(roundStatuses.Label(string(r.Status))), Why: why})
	}
	return out
}

// symbolKey is a directive's symbol as sameRounds compares it: "ubnd - kt"
// and "UBND-KT" are one.
func symbolKey(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

// unsharedTask is a task led by several units whose targets are left to
// "Đơn vị chủ trì nhiệm vụ": each of its lead units would be asked for
// every such target (Phòng GD&ĐT for the poverty rate), which the office
// rarely means.
type unsharedTask struct {
	Index   int    // place in the form or round, for the preview's anchor
	Name    string // "nhiệm vụ 7"
	Leads   int    // lead units
	Targets int    // targets left to every lead unit
}

// unsharedTasks finds the form's tasks that unsharedTask describes. A task
// every unit asked leads ("UBND các xã") is left out: there each unit is
// meant to report every target.
func unsharedTasks(tasks []intakeTask) []unsharedTask {
	var out []unsharedTask
	names := taskNames(tasks)
	for i, t := range tasks {
		if t.LeadAll || len(t.leads()) < 2 {
			continue
		}
		n := 0
		for _, g := range t.Targets {
			if g.ReportedBy <= 0 && g.ReportedByName == "" {
				n++
			}
		}
		if n > 0 {
			out = append(out, unsharedTask{Index: i, Name: names[i].Name(), Leads: len(t.leads()), Targets: n})
		}
	}
	return out
}

// unsharedRoundTasks finds round r's tasks that unsharedTask describes. A task
// that every unit of the round not supporting it leads is left out, as
// unsharedTasks leaves out the form's "every unit asked leads" (the round
// keeps no flag for it).
func unsharedRoundTasks(r *tiendo.Round) []unsharedTask {
	var out []unsharedTask
	for i, t := range r.Tasks {
		leads, support := 0, 0
		for _, a := range t.Assignees {
			if a.Role == tiendo.Lead {
				leads++
			} else {
				support++
			}
		}
		if leads < 2 || leads >= len(r.UnitIDs)-support {
			continue
		}
		n := 0
		for _, g := range t.Targets {
			if g.ReportedBy == 0 {
				n++
			}
		}
		if n > 0 {
			name := "nhiệm vụ " + t.Label
			if strings.TrimSpace(t.Label) == "" {
				name = fmt.Sprintf("nhiệm vụ thứ %d", i+1)
			}
			out = append(out, unsharedTask{Index: i, Name: name, Leads: leads, Targets: n})
		}
	}
	return out
}

// Message says what is wrong with the task and what to do: where names
// the field to choose the reporting units in, on the preview ("ở ô “Đơn vị
// báo cáo” của từng chỉ tiêu") or on the round's edit form.
func (t unsharedTask) Message(where string) string {
	return fmt.Sprintf("%s có %d đơn vị chủ trì và %d chỉ tiêu để “Đơn vị chủ trì nhiệm vụ”: mỗi đơn vị chủ trì sẽ phải báo cáo cả %d chỉ tiêu. Hãy chọn đơn vị báo cáo cho từng chỉ tiêu %s; chỉ để nguyên nếu mỗi đơn vị đều cần báo cáo mọi chỉ tiêu.",
		vi.UpperFirst(t.Name), t.Leads, t.Targets, t.Targets, where)
}

// sameIssuer reports whether two issuers' names, as written, are one body:
// "UBND huyện Hữu Lũng" and "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG".
func sameIssuer(a, b string) bool { return vi.BodyKey(a) == vi.BodyKey(b) }

// deadlineWords says the form's deadline in the words its fields chose:
// "chậm nhất ngày 05/10/2025" where the form says "chậm nhất ngày", not
// the instant it stands for ("trước ngày 06/10/2025"), which would read as
// another day than the one the office sees in the field.
func (f *intakeForm) deadlineWords(at time.Time) string {
	if f.DeadlineRelation != "by" {
		return tiendo.DeadlineText(at)
	}
	day := at.In(tiendo.Zone)
	if day.Hour() == 0 && day.Minute() == 0 {
		day = day.Add(-time.Nanosecond) // the end of the day before
		return "chậm nhất ngày " + day.Format("02/01/2006")
	}
	return "chậm nhất " + day.Format("15:04") + " ngày " + day.Format("02/01/2006")
}

// headCheck is the units asked to report that have no active unit head:
// in a round that asks for the head's approval their reports could never
// be sent. The preview (beside "Lãnh đạo đơn vị duyệt trước khi gửi") and
// the publish check both make it with Server.headCheck.
type headCheck struct {
	NoHead      []*tiendo.Unit // the first noHeadShown of them
	NoHeadCount int            // all of them
	NoHeadMore  int            // those not named
}

// noHeadShown is how many units without a head the checks name: a
// province's round may have thousands.
const noHeadShown = 20

// headCheck finds, among the units asked, those without an active unit
// head, in the order of units (the system's units, as Store.Units gives
// them).
func (s *Server) headCheck(ctx context.Context, asked []int64, units []*tiendo.Unit) (headCheck, error) {
	var c headCheck
	ids, err := s.store.UnitsWithoutHead(ctx, asked)
	if err != nil {
		return c, err
	}
	headless := make(map[int64]bool, len(ids))
	for _, id := range ids {
		headless[id] = true
	}
	for _, u := range units {
		if headless[u.ID] {
			c.NoHeadCount++
			if len(c.NoHead) < noHeadShown {
				c.NoHead = append(c.NoHead, u)
			}
		}
	}
	c.NoHeadMore = c.NoHeadCount - len(c.NoHead)
	return c, nil
}

// Message is the preview's warning for a round that asks for the head's
// approval.
func (c headCheck) Message() string {
	if c.NoHeadCount == 0 {
		return ""
	}
	names := make([]string, len(c.NoHead))
	for i, u := range c.NoHead {
		names[i] = u.Name
	}
	more := ""
	if c.NoHeadMore > 0 {
		more = fmt.Sprintf(" và %d đơn vị khác", c.NoHeadMore)
	}
	return fmt.Sprintf("%d đơn vị chưa có tài khoản lãnh đạo đơn vị nên sẽ không gửi được báo cáo khi cần lãnh đạo duyệt: %s%s. Hãy nhờ quản trị tạo tài khoản, hoặc bỏ chọn “Lãnh đạo đơn vị duyệt trước khi gửi”.",
		c.NoHeadCount, strings.Join(names, "; "), more)
}

// asked lists the units the form's round goes to: those ticked under
// "Kính gửi" and those a task gives work to (alsoAsked).
func (f *intakeForm) asked(also map[int64]string) []int64 {
	out := slices.Clone(f.Recipients)
	for id := range also {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// handleIntakePreview takes the edited preview: a button that adds or
// removes a task or target re-renders it; "Tạo đợt báo cáo" creates the
// draft round.
func (s *Server) handleIntakePreview(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	f := formFromRequest(r)
	units, err := s.store.Units(r.Context())
	if err != nil {
		return err
	}
	all := units
	units = activeUnits(units) // as handleIntakeParse
	applied := f.apply(r.PostFormValue("op")) || f.applyTree(r.PostFormValue("op"), r.PostFormValue("tree"), units)
	// Names typed are read after the buttons, so that their errors are
	// keyed by the tasks' and targets' places on the form shown next.
	var named error
	retired := retiredOf(all)
	fields := f.dropRetired(retired)
	var picker *unitPicker
	if f.typedNames() {
		picker = newUnitPicker(units, retired)
		if typed := f.findUnits(picker); typed != nil {
			if fields == nil {
				fields = typed
			} else {
				maps.Copy(fields, typed)
			}
		}
	}
	if fields != nil {
		named = &tiendo.Error{Code: tiendo.EINVALID, Fields: fields,
			Message: "Có đơn vị chưa tìm thấy, trùng tên hoặc đã ngừng hoạt động, vui lòng sửa các ô được đánh dấu."}
	}
	if applied {
		return s.renderPreview(w, r, http.StatusOK, f, units, picker, named)
	}
	round, err := f.round()
	if named != nil {
		// The round is not made while a unit is unknown: the names'
		// errors join the form's, over "Hãy chọn đơn vị chủ trì".
		var e *tiendo.Error
		if errors.As(err, &e) {
			maps.Copy(e.Fields, named.(*tiendo.Error).Fields)
		} else {
			err = named
		}
	}
	if err == nil {
		err = s.store.CreateRound(r.Context(), actor(r), round)
	}
	switch tiendo.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d", round.ID), http.StatusSeeOther)
		return nil
	case tiendo.EINVALID, tiendo.ECONFLICT:
		return s.renderPreview(w, r, http.StatusUnprocessableEntity, f, units, picker, err)
	}
	return err
}

func (s *Server) handleRoundPublish(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	// The confirmation page posts confirm=yes ("past-deadline" from pages
	// drawn before it named more than the deadline).
	if r.PostFormValue("confirm") == "" {
		c, err := s.publishChecks(r, id)
		if err != nil {
			return err
		}
		if c.any() {
			return s.render(w, http.StatusOK, "publish_confirm", c)
		}
	}
	if err := s.store.PublishRound(r.Context(), actor(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d?ok=published", id), http.StatusSeeOther)
	return nil
}

// handleRoundPublishConfirm shows the publish confirmation again when its
// address is opened (back and forward, a restored tab): the confirmation
// page is the answer to a POST and has the POST's address. It never
// publishes; with nothing to confirm, or a round no longer a draft, it
// goes to the round's page.
func (s *Server) handleRoundPublishConfirm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := s.publishChecks(r, id)
	if err != nil {
		return err
	}
	if c.Round.Status == tiendo.RoundDraft && c.any() {
		return s.render(w, http.StatusOK, "publish_confirm", c)
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d", id), http.StatusSeeOther)
	return nil
}

// publishConfirm is what to check before a draft goes to the units.
type publishConfirm struct {
	page
	Round        *tiendo.Round
	PastDeadline bool   // every unit would be late from the start
	StalePeriod  string // the period ended long before the deadline: stalePeriod's message
	headCheck           // the round asks for the head's approval, and these units have no head account
	Same         []sameRound
	Shared       []unsharedTask
}

// any reports whether there is something to confirm.
func (c *publishConfirm) any() bool {
	return c.PastDeadline || c.NoHeadCount > 0 || c.StalePeriod != "" || len(c.Same) > 0 || len(c.Shared) > 0
}

// publishChecks finds what would go wrong if draft round id were
// published as it stands.
func (s *Server) publishChecks(r *http.Request, id int64) (*publishConfirm, error) {
	u := userFrom(r.Context())
	round, err := s.store.Round(r.Context(), u, id)
	if err != nil {
		return nil, err
	}
	c := &publishConfirm{page: s.basePage(r, "Kiểm tra trước khi phát hành"), Round: round}
	if round.Status != tiendo.RoundDraft {
		return c, nil // the store says why it cannot be published
	}
	c.PastDeadline = !round.Deadline.After(s.store.Now())
	c.StalePeriod = s.stalePeriod(r, round)
	if round.HeadApproval {
		units, err := s.store.Units(r.Context())
		if err != nil {
			return nil, err
		}
		if c.headCheck, err = s.headCheck(r.Context(), round.UnitIDs, units); err != nil {
			return nil, err
		}
	}
	rounds, err := s.store.Rounds(r.Context(), u)
	if err != nil {
		return nil, err
	}
	c.Same = sameRounds(roundKeyOf(round), rounds)
	c.Shared = unsharedRoundTasks(round)
	return c, nil
}

// periodLag is how long after its period's end a round's deadline may
// fall before the period looks left over: a round made from last year's
// directive whose deadline was moved to this year but whose period was not.
// Reports are asked within weeks of a period's end; six months is far
// past any that tiendo has seen.
const periodLag = 6 // months

// stalePeriod says, when the round's deadline falls more than periodLag
// months after its period ended, that the period was probably not moved
// with the deadline; "" otherwise. The period ends where its data window
// does, by the issuer's cut-off day, as the round page says (RoundWindow).
func (s *Server) stalePeriod(req *http.Request, r *tiendo.Round) string {
	w, _, err := s.store.RoundWindow(req.Context(), r)
	if err != nil || w.IsZero() || r.Deadline.IsZero() || !w.End().AddDate(0, periodLag, 0).Before(r.Deadline) {
		return ""
	}
	end := w.End().Add(-time.Nanosecond).In(tiendo.Zone)
	return fmt.Sprintf("Kỳ báo cáo là %s (số liệu đến hết ngày %s) nhưng hạn gửi là %s, hơn %d tháng sau: có thể kỳ báo cáo chưa được sửa theo hạn mới. Hãy kiểm tra lại kỳ báo cáo.",
		r.Period.Phrase(), end.Format("02/01/2006"), tiendo.DeadlineText(r.Deadline), periodLag)
}

// handleRoundDelete deletes a draft round, which only the office has seen,
// and goes back to the list of rounds.
func (s *Server) handleRoundDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.store.DeleteDraftRound(r.Context(), actor(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/rounds?ok=deleted", http.StatusSeeOther)
	return nil
}

// oneLine joins what was typed into a one-line field that wraps (a title,
// a target): a line break there is layout, not content.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// docDateText writes a directive's date ("2022-06-07", or "2022-06" when
// the day is blank in a draft) the way the office reads it: "07/06/2022",
// "06/2022".
func docDateText(iso string) string {
	p := strings.Split(iso, "-")
	switch len(p) {
	case 3:
		return p[2] + "/" + p[1] + "/" + p[0]
	case 2:
		return p[1] + "/" + p[0]
	}
	return iso
}

var (
	reISODate  = regexp.MustCompile(`^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$`)
	reMonthDay = regexp.MustCompile(`^(?i:tháng)?\s*(\d{1,2})\s*[/.-]\s*(\d{4})$`)
)

// deadline reads the form's deadline: the day as the office types it
// (07/06/2022, as docDateISO reads it, but with its day), the time if any,
// and whether it is "trước" or "chậm nhất" that day.
func (f *intakeForm) deadline() (time.Time, error) {
	bad := tiendo.Errorf(tiendo.EINVALID, "Hạn gửi chưa đúng: viết ngày/tháng/năm như 07/06/2022.")
	day, err := docDateISO(f.DeadlineDate)
	if msg := noSuchDay(f.DeadlineDate); err != nil && msg != "" {
		return time.Time{}, tiendo.Errorf(tiendo.EINVALID, "Hạn gửi: %s", msg)
	}
	if err != nil || strings.Count(day, "-") != 2 {
		return time.Time{}, bad
	}
	d := &directive.Deadline{Date: day, Time: strings.TrimSpace(f.DeadlineTime), Relation: f.DeadlineRelation}
	return d.Instant()
}

// docDateISO reads the date field of the preview: "07/06/2022", "7/6/2022",
// "20.7.2020", "ngày 07 tháng 6 năm 2022", and for a draft without a day
// "06/2022", "tháng 6/2022" or "tháng 6 năm 2022"; also the ISO forms
// earlier versions of the form sent ("2022-06-07", "2022-06"). It returns
// the ISO form a Round keeps, "" for an empty field.
func docDateISO(s string) (string, error) {
	s = strings.TrimSpace(vi.NFC(s))
	if s == "" {
		return "", nil
	}
	var d vi.Date
	if m := reISODate.FindStringSubmatch(s); m != nil {
		d = vi.Date{Year: atoi(m[1]), Month: atoi(m[2]), Day: atoi(m[3])}
	} else if m := reMonthDay.FindStringSubmatch(s); m != nil {
		d = vi.Date{Year: atoi(m[2]), Month: atoi(m[1])}
	} else if pd, err := vi.ParseDate(s); err == nil {
		d = pd
	}
	if msg := noSuchDay(s); msg != "" {
		return "", tiendo.Errorf(tiendo.EINVALID, "%s", msg)
	}
	if d.Month == 0 || !d.Valid() {
		return "", tiendo.Errorf(tiendo.EINVALID, "Ngày văn bản chưa đúng: viết ngày/tháng/năm như 07/06/2022, hoặc tháng/năm như 06/2022 nếu văn bản chưa ghi ngày.")
	}
	return d.String(), nil
}

// noSuchDay is the message for a day written as the forms ask (31/02/2026)
// that the calendar does not have, or "" when typed is not written so: a
// person who typed 31/02 needs to hear that February has no 31st, not that
// the format is wrong.
func noSuchDay(typed string) string {
	typed = strings.TrimSpace(typed)
	if !dayMonthYear.MatchString(typed) {
		return ""
	}
	if _, err := vi.ParseDate(typed); err == nil {
		return ""
	}
	return fmt.Sprintf("Không có ngày %s: hãy kiểm tra lại ngày và tháng.", typed)
}

// dayMonthYear is a date written as the forms ask, whether or not the day
// exists.
var dayMonthYear = regexp.MustCompile(`^(?:\d{1,2}/\d{1,2}/|\d{1,2}\.\d{1,2}\.|\d{1,2}-\d{1,2}-)\d{4}$`)

// atoi reads a number from the form; what is not one counts as 0.
func atoi(s string) int { n, _ := strconv.Atoi(strings.TrimSpace(s)); return n }

// periodKey writes a period for a hidden field: "half-year/2022/1".
func periodKey(p tiendo.Period) string {
	return fmt.Sprintf("%s/%d/%d", p.Kind, p.Year, p.Index)
}

// parsePeriodKey reads periodKey's text back.
func parsePeriodKey(s string) (tiendo.Period, bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return tiendo.Period{}, false
	}
	p := tiendo.Period{Kind: tiendo.PeriodKind(parts[0]), Year: atoi(parts[1]), Index: atoi(parts[2])}
	return p, p.Valid()
}

// atoi64 reads an id from a form, 0 when there is none.
func atoi64(s string) int64 { n, _ := strconv.ParseInt(strings.TrimSpace(s), 10, 64); return max(n, 0) }

// retiredOf returns the units of all that stopped working.
func retiredOf(all []*tiendo.Unit) []*tiendo.Unit {
	var out []*tiendo.Unit
	for _, u := range all {
		if u.Retired() {
			out = append(out, u)
		}
	}
	return out
}
