// Package directive reads a directive (công văn, kế hoạch, thông báo...) as
// text and proposes the reporting round it asks for: issuer, number, date,
// subject, recipients, basis documents, period, deadline, the numbered tasks
// with their units and targets, the contents each report must have, signer,
// distribution, and warnings for what a person should check.
//
// Parsing is pure (text in, *Result out) and best effort: real directives
// arrive as text pasted from Word or PDF, with header columns interleaved,
// words run together, names broken across lines, typos and table artefacts,
// so every rule here reads line structure and the administrative phrasing of
// Decree 30 documents rather than any one document's wording. What the
// parser cannot settle it proposes and warns about; the office corrects it
// before a round is created.
package directive

import "tiendo"

// Result is a proposed round read from a directive. Every field marshals,
// empty or not: slices as [] and Period and Deadline as null when absent,
// so that API clients can rely on the shape.
type Result struct {
	Issuer         string         `json:"issuer"`
	Number         string         `json:"number"` // "" when blank in a draft
	Symbol         string         `json:"symbol"`
	Place          string         `json:"place"`
	Date           string         `json:"date"` // "YYYY-MM-DD", "YYYY-MM" when the day is blank, "" if absent
	Subject        string         `json:"subject"`
	Recipients     []Recipient    `json:"recipients"`
	Basis          []Basis        `json:"basis"`
	Period         *tiendo.Period `json:"period"`
	Deadline       *Deadline      `json:"deadline"`
	Tasks          []Task         `json:"tasks"`
	ReportContents []string       `json:"report_contents"`
	Brief          bool           `json:"brief"` // the reports are asked to be short ("Báo cáo cần ngắn gọn")
	Signer         Signer         `json:"signer"`
	Distribution   []string       `json:"distribution"`
	Warnings       []Warning      `json:"warnings"`
}

// Recipient is one addressee of the "Kính gửi" list; Unit is the code of the
// registry unit it names, "" when none does.
type Recipient struct {
	Name string `json:"name"`
	Unit string `json:"unit"`
}

// Basis is an earlier document the directive carries out ("Thực hiện Công
// văn số 635-CV/HU ngày 02/6/2022 của Ban Thường vụ Huyện ủy").
type Basis struct {
	Kind   string `json:"kind"` // "Công văn", "Kế hoạch", "Quyết định"...
	Ref    string `json:"ref"`  // number and symbol as cited: "635-CV/HU"
	Date   string `json:"date"`
	Issuer string `json:"issuer"`
}

// Deadline is when reports are due. Relation "before" means before Date (at
// Time when given) starts; "by" means by the end of Date.
type Deadline struct {
	Date     string `json:"date"` // "YYYY-MM-DD"
	Time     string `json:"time"` // "HH:MM" or ""
	Relation string `json:"relation"`
}

// Task is one key task: its label as written (even when repeated), its text,
// the units given it and its measurable targets. Line is the 1-based line
// where it starts, for the preview to highlight; it is not part of the JSON
// shape the API promises.
type Task struct {
	Label     string     `json:"label"`
	Text      string     `json:"text"`
	Assignees []Assignee `json:"assignees"`
	Targets   []Target   `json:"targets"`
	Line      int        `json:"-"`
}

// Assignee is a unit named for a task, as written; Unit is its registry
// code, "" when no registry unit matches.
type Assignee struct {
	Name string              `json:"name"`
	Unit string              `json:"unit"`
	Role tiendo.AssigneeRole `json:"role"`
}

// Target is a measurable goal inside a task ("tỷ lệ giải phóng mặt bằng đạt
// 70% trở lên" is >= 70 %). Direction is set for a change only ("tăng 10%",
// "giảm tỷ lệ hộ nghèo 3%"); a level reached by a change ("nâng ... đạt
// 42%", "giảm ... xuống còn 3%") has none and a comparator saying which side
// of it is good (see changeOrLevel).
type Target struct {
	Text       string            `json:"text"`
	Comparator tiendo.Comparator `json:"comparator"`
	Value      float64           `json:"value"`
	Unit       string            `json:"unit"`        // unit of measure: "%", "xã", "ha"
	Direction  string            `json:"direction"`   // "", "increase", "decrease"
	RelativeTo string            `json:"relative_to"` // "", "plan", "estimate", "same-period"
	// ReportedBy is the lead unit of a task with several that the
	// directive says does or reports this target ("trong đó: Phòng A phấn
	// đấu ...", "Phòng A báo cáo chỉ tiêu ..."), by its name in the task's
	// Assignees, which give its code; "" when every lead unit does.
	ReportedBy string `json:"reported_by"`
}

// Signer is who signed: authority lines ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN
// PHÒNG"), the position and the name.
type Signer struct {
	Authority []string `json:"authority"`
	Title     string   `json:"title"`
	Name      string   `json:"name"`
}

// Warning is something a person should check, with a stable code, a
// Vietnamese message and the 1-based line of the input it concerns (0 when
// it concerns the whole text).
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Line    int    `json:"line"`
}

// Warning codes.
const (
	WarnDuplicateLabel    = "duplicate-task-label"
	WarnNotRecipient      = "assignee-not-recipient"
	WarnBlankNumber       = "blank-number"
	WarnBlankDay          = "blank-day"
	WarnDeadlineNotAfter  = "deadline-not-after-issue"
	WarnUnknownUnit       = "unknown-unit"
	WarnTaskWithoutUnit   = "task-without-unit"
	WarnNoTasks           = "no-tasks"
	WarnNoDeadline        = "no-deadline"
	WarnParseIncomplete   = "parse-incomplete"
	WarnUnknownTaskRef    = "unknown-task-reference"
	WarnRecurringDeadline = "recurring-deadline"
	WarnRelativeDeadline  = "relative-deadline"
	WarnManyDeadlines     = "several-deadlines"
	WarnUnplacedText      = "unplaced-text"
	WarnRestDayDeadline   = "rest-day-deadline"
)

// ToRound turns the proposal into a draft round with its tasks and targets.
// Assignees are left out: a task's tiendo.Assignee holds a database unit
// ID, which the caller resolves from the Assignee codes (see NewRound).
func (r *Result) ToRound() *tiendo.Round {
	round := &tiendo.Round{
		Title:          r.Subject,
		Status:         tiendo.RoundDraft,
		Issuer:         r.Issuer,
		DocNumber:      r.Number,
		DocSymbol:      r.Symbol,
		DocDate:        r.Date,
		Subject:        r.Subject,
		ReportContents: append([]string{}, r.ReportContents...),
	}
	if r.Period != nil {
		round.Period = *r.Period
	}
	for i, t := range r.Tasks {
		task := &tiendo.Task{Position: i + 1, Label: t.Label, Text: t.Text, Assignees: []tiendo.Assignee{}, Targets: []*tiendo.Target{}}
		for j, g := range t.Targets {
			task.Targets = append(task.Targets, &tiendo.Target{
				Position: j + 1, Text: g.Text, Comparator: g.Comparator, Value: g.Value,
				Unit: g.Unit, Direction: g.Direction, RelativeTo: g.RelativeTo,
			})
		}
		round.Tasks = append(round.Tasks, task)
	}
	return round
}
