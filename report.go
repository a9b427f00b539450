package tiendo

import (
	"strconv"
	"strings"
)

// ReportAction is a step in a unit report's life.
type ReportAction string

// Report actions.
const (
	ReportSave          ReportAction = "save"        // unit: keep a draft
	ReportSendForReview ReportAction = "send_review" // reporter: ask the unit head to approve
	ReportHeadReturn    ReportAction = "head_return" // unit head: back to the reporter
	// ReportWithdrawReview takes back a report waiting for the unit head,
	// to change it, or because nobody can approve it (the head is away, or
	// the unit's head account was disabled).
	ReportWithdrawReview ReportAction = "withdraw_review"
	ReportSubmit         ReportAction = "submit" // unit: send to the office
	ReportReturn         ReportAction = "return" // office: send back for revision, with a comment
	ReportAccept         ReportAction = "accept" // office: take it into the consolidation
)

// transitions is the unit report's state machine: from a state, an action
// leads to a state. Anything not listed is refused.
var transitions = map[ReportStatus]map[ReportAction]ReportStatus{
	ReportMissing:   {ReportSave: ReportDraft, ReportSubmit: ReportSubmitted, ReportSendForReview: ReportReview},
	ReportDraft:     {ReportSave: ReportDraft, ReportSubmit: ReportSubmitted, ReportSendForReview: ReportReview},
	ReportReview:    {ReportSubmit: ReportSubmitted, ReportHeadReturn: ReportDraft, ReportWithdrawReview: ReportDraft},
	ReportSubmitted: {ReportReturn: ReportReturned, ReportAccept: ReportAccepted},
	ReportReturned:  {ReportSave: ReportReturned, ReportSubmit: ReportSubmitted, ReportSendForReview: ReportReview},
	ReportAccepted:  {ReportReturn: ReportReturned},
}

// Next returns the state action leads to from s, and false when the state
// machine does not allow it.
func (s ReportStatus) Next(a ReportAction) (ReportStatus, bool) {
	to, ok := transitions[s][a]
	return to, ok
}

// Permission returns the permission an action on a report needs.
func (a ReportAction) Permission() Action {
	switch a {
	case ReportReturn, ReportAccept:
		return ActionReviewReport
	case ReportHeadReturn:
		return ActionApproveReport
	}
	return ActionEditReport
}

// SectionStatuses are the self-assessed states of a task, with their labels.
var SectionStatuses = []struct{ Value, Label string }{
	{"completed", "Đã hoàn thành"},
	{"on_track", "Đang thực hiện, đúng tiến độ"},
	{"behind", "Chậm tiến độ"},
	{"not_started", "Chưa triển khai"},
}

// CheckReport says what must be fixed before rep can be submitted: every
// task it leads needs its self-assessed status and its result against the
// plan, and every target a value. Values far outside the usual (a rate over
// 100 %, a value ten times the same period's or a tenth of it, a negative
// number) need the person's confirmation, as DHIS2's min-max checks ask.
// Field keys are "t<task id>.<field>", "g<target id>.value" and "confirm".
func CheckReport(r *Round, rep *UnitReport, confirmed bool) error {
	fields := map[string]string{}
	targets := map[int64]*Target{}
	for _, t := range r.Tasks {
		for _, tg := range t.Targets {
			targets[tg.ID] = tg
		}
	}
	for _, sec := range rep.Sections {
		key := "t" + itoa(sec.TaskID) + "."
		if sec.Status == "" {
			fields[key+"status"] = "Hãy chọn tình trạng thực hiện nhiệm vụ."
		}
		if sec.ResultVsPlan == "" {
			fields[key+"result_vs_plan"] = "Hãy ghi kết quả đạt được so với kế hoạch."
		}
		for _, a := range sec.Actuals {
			if a.Value == nil {
				fields["g"+itoa(a.TargetID)+".value"] = "Hãy nhập số liệu thực hiện của chỉ tiêu này."
			}
		}
	}
	var unusual []string
	for _, u := range unusualValues(targets, rep) {
		unusual = append(unusual, u.String())
	}
	if len(unusual) > 0 && !confirmed {
		fields["confirm"] = "Một số số liệu khác thường: " + strings.Join(unusual, "; ") + ". Nếu đúng, hãy đánh dấu ô “" + ConfirmLabel + "” rồi gửi lại."
	}
	if len(fields) > 0 {
		return &Error{Code: EINVALID, Message: "Báo cáo chưa đủ để gửi: hãy bổ sung các ô được đánh dấu.", Fields: fields}
	}
	return nil
}

// ConfirmLabel is the label of the box a person ticks to send values that
// CheckReport finds unusual; its message names the box by this label, and
// the report page shows the box with it.
const ConfirmLabel = "Tôi xác nhận các số liệu trên là đúng"

// Unusual is a value CheckReport asks the person to confirm before the
// report is sent: the target ("“…”"), the value as the page writes it ("25
// trường") and what is unusual about it ("gấp hơn 10 lần chỉ tiêu (2
// trường)").
type Unusual struct {
	TargetID int64
	Target   string
	// Field is the value found unusual: FieldValue (Thực hiện), FieldSame
	// (Cùng kỳ năm trước), or FieldBoth when the two are more than ten
	// times apart and nothing tells which of them is wrong.
	Field string
	Value string // the unusual value as the page writes it; with FieldBoth, the actual value
	Same  string // with FieldBoth, the same-period value as the page writes it
	Why   string
}

// The values of a target that Unusual.Field names.
const (
	FieldValue = "value"
	FieldSame  = "same"
	FieldBoth  = "both"
)

// String is the target, the value and the reason, as CheckReport's message
// lists them: "“…” là 25 trường, gấp hơn 10 lần chỉ tiêu (2 trường)".
func (u Unusual) String() string {
	switch u.Field {
	case FieldSame:
		return "cùng kỳ năm trước của " + u.Target + " là " + u.Note()
	case FieldBoth:
		return u.Target + " có " + u.Note()
	}
	return u.Target + " là " + u.Note()
}

// Note is String without the target, for a note beside the field: "25
// trường, gấp hơn 10 lần chỉ tiêu (2 trường)"; with FieldBoth, "số thực
// hiện 1.500 xã và cùng kỳ năm trước 12,5 xã, chênh nhau hơn 10 lần".
func (u Unusual) Note() string {
	if u.Field == FieldBoth {
		return "số thực hiện " + u.Value + " và cùng kỳ năm trước " + u.Same + ", " + u.Why
	}
	return u.Value + ", " + u.Why
}

// UnusualValues returns the values of rep that CheckReport asks to
// confirm, in the order of the report, so that a page can show each one
// beside its field and the unit head be warned of them before approving.
func UnusualValues(r *Round, rep *UnitReport) []Unusual {
	targets := map[int64]*Target{}
	for _, t := range r.Tasks {
		for _, tg := range t.Targets {
			targets[tg.ID] = tg
		}
	}
	return unusualValues(targets, rep)
}

func unusualValues(targets map[int64]*Target, rep *UnitReport) []Unusual {
	var out []Unusual
	for _, sec := range rep.Sections {
		for _, a := range sec.Actuals {
			if a.Value == nil {
				continue
			}
			if u := unusualValue(targets[a.TargetID], a); u.Why != "" {
				u.TargetID = a.TargetID
				out = append(out, u)
			}
		}
	}
	return out
}

// unusualValue says why an actual needs confirming (Why is "" when it
// does not): the target, the value as the page writes it, and what is
// unusual about it.
func unusualValue(tg *Target, a Actual) Unusual {
	v := *a.Value
	name, unit := "chỉ tiêu", ""
	if tg != nil {
		name = "“" + tg.Text + "”"
		switch tg.Unit {
		case "", "%":
			unit = tg.Unit
		default:
			unit = " " + tg.Unit
		}
	}
	u := Unusual{Target: name, Field: FieldValue, Value: numberText(v) + unit}
	switch {
	case v < 0:
		u.Why = "một số âm"
	case tg != nil && tg.Unit == "%" && v > 100:
		u.Why = "vượt quá 100%"
	case tg != nil && tg.Value > 0 && v > 10*tg.Value:
		// "1.000" trạm y tế against a target of 02: a slip of the keyboard,
		// or the level written where the change was asked.
		u.Why = "gấp hơn 10 lần chỉ tiêu (" + numberText(tg.Value) + unit + ")"
	case a.SamePeriod != nil && *a.SamePeriod > 0 && v > 0 && (v > 10**a.SamePeriod || v < *a.SamePeriod/10):
		// The two are ten times apart: either may be the slip ("6.120"
		// typed for 61,2 in Cùng kỳ). The one that is implausible on its
		// own, against the target's goal or over 100 %, is named; when
		// neither or both are, both are, with both values.
		same := *a.SamePeriod
		sameText := numberText(same) + unit
		switch valueOff, sameOff := implausible(tg, v), implausible(tg, same); {
		case sameOff && !valueOff:
			u.Field, u.Value = FieldSame, sameText
			u.Why = "chưa bằng một phần mười số thực hiện (" + numberText(v) + unit + ")"
			if same > v {
				u.Why = "gấp hơn 10 lần số thực hiện (" + numberText(v) + unit + ")"
			}
		case valueOff && !sameOff:
			u.Why = "chưa bằng một phần mười cùng kỳ (" + sameText + ")"
			if v > same {
				u.Why = "gấp hơn 10 lần cùng kỳ (" + sameText + ")"
			}
		default:
			u.Field, u.Same, u.Why = FieldBoth, sameText, "chênh nhau hơn 10 lần"
		}
	}
	return u
}

// implausible reports whether x is out of line for tg on its own: a rate
// over 100 %, or more than ten times off the target's goal either way.
func implausible(tg *Target, x float64) bool {
	if tg == nil {
		return false
	}
	return (tg.Unit == "%" && x > 100) || (tg.Value > 0 && (x > 10*tg.Value || x < tg.Value/10))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
