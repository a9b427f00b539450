package web

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/continuity"
	"tiendo/internal/store"
)

// roundEditPage is the form that changes a draft round's own fields (its
// title, period, deadline and options) and which unit reports each target
// of a task given to several units. Tasks, targets and units are not on it.
type roundEditPage struct {
	page
	Round  *tiendo.Round // as stored
	Form   roundEditForm
	Shared []reporterTask // the tasks whose targets the form shares out
	Clock  string         // "17:00" when the stored deadline has a time of day, kept when the day changes
	Past   bool           // the stored deadline has passed: publishing it would make every unit late
	Error  string
	Fields map[string]string
}

// roundEditForm is what the form holds, as typed.
type roundEditForm struct {
	Title                   string
	PeriodKind              string
	PeriodIndex, PeriodYear int
	Deadline                string // dd/mm/yyyy
	HeadApproval            bool
	Brief                   bool
	Reporters               map[int64]int64 // target -> unit, 0 for every lead unit; -1 for a choice that could not be read
}

// reporterTask is a task given to several units, with its targets and who
// may report them: its lead units, then its supporting ones, which become
// leads when given a target (store.SetTargetReporters).
type reporterTask struct {
	Task    *tiendo.Task
	Text    string // the task's text, cut short: the form is about its targets
	Targets []reporterTarget
	Choices []reporterChoice
}

// reporterTarget is a target and the form's field for its reporter.
type reporterTarget struct {
	*tiendo.Target
	Field string
}

// reporterChoice is one unit that may report a target.
type reporterChoice struct {
	UnitID  int64
	Name    string
	Support bool
}

// maxReporterChoices is how many units a task may have and still be on
// the form: a task every commune of a province leads (each reporting its
// own figures) is not shared out target by target, and its thousands of
// choices per target would make a page of megabytes.
const maxReporterChoices = 60

// sharedTasks are the tasks of round that the form lets the office share
// out: those with targets and more than one unit, and at most
// maxReporterChoices. A task given to one unit has no one else to give its
// targets to.
func sharedTasks(round *tiendo.Round, units map[int64]*tiendo.Unit) []reporterTask {
	var out []reporterTask
	for _, t := range round.Tasks {
		if len(t.Targets) == 0 || len(t.Assignees) < 2 || len(t.Assignees) > maxReporterChoices {
			continue
		}
		rt := reporterTask{Task: t, Text: shorten(t.Text, 160)}
		for _, tg := range t.Targets {
			rt.Targets = append(rt.Targets, reporterTarget{tg, store.ReporterField(tg.ID)})
		}
		// A retired unit is not offered as a target's reporter, unless it
		// reports one already (the form must show the stored choice).
		reporting := map[int64]bool{}
		for _, tg := range t.Targets {
			reporting[tg.ReportedBy] = true
		}
		for _, role := range []tiendo.AssigneeRole{tiendo.Lead, tiendo.Support} {
			for _, a := range t.Assignees {
				if u := units[a.UnitID]; u != nil && u.Retired() && !reporting[a.UnitID] {
					continue
				}
				if a.Role == role {
					rt.Choices = append(rt.Choices, reporterChoice{UnitID: a.UnitID, Name: unitName(units, a.UnitID), Support: role == tiendo.Support})
				}
			}
		}
		out = append(out, rt)
	}
	return out
}

// storedReporters is who reports each target of the round as stored.
func storedReporters(round *tiendo.Round) map[int64]int64 {
	m := map[int64]int64{}
	for _, t := range round.Tasks {
		for _, tg := range t.Targets {
			m[tg.ID] = tg.ReportedBy
		}
	}
	return m
}

// postedReporters reads the form's choice for each target it shows. A
// target the form did not send (a page from before the field was there)
// keeps its reporter.
func postedReporters(r *http.Request, round *tiendo.Round) map[int64]int64 {
	m := map[int64]int64{}
	for _, t := range round.Tasks {
		if len(t.Targets) == 0 || len(t.Assignees) < 2 {
			continue
		}
		for _, tg := range t.Targets {
			v, ok := r.PostForm[store.ReporterField(tg.ID)]
			if !ok || len(v) == 0 {
				continue
			}
			id, err := strconv.ParseInt(strings.TrimSpace(v[0]), 10, 64)
			if err != nil || id < 0 {
				id = -1 // the store refuses it with a message beside the field
			}
			m[tg.ID] = id
		}
	}
	return m
}

// draftRound reads the round of the request's path, if it is still a draft.
// The store says the same when a publish comes between the page and the
// save.
func (s *Server) draftRound(r *http.Request) (*tiendo.Round, error) {
	return s.roundIn(r, tiendo.RoundDraft, func(tiendo.RoundStatus) error { return store.ErrNotDraft() })
}

// roundIn reads the round of the request's path if it is in status want,
// else returns wrong's error for the status it is in.
func (s *Server) roundIn(r *http.Request, want tiendo.RoundStatus, wrong func(tiendo.RoundStatus) error) (*tiendo.Round, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	round, err := s.store.Round(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		return nil, err
	}
	if round.Status != want {
		return nil, wrong(round.Status)
	}
	return round, nil
}

func (s *Server) handleRoundEditForm(w http.ResponseWriter, r *http.Request) error {
	round, err := s.draftRound(r)
	if err != nil {
		return err
	}
	f := roundEditForm{Title: round.Title, PeriodKind: string(round.Period.Kind), PeriodIndex: round.Period.Index, PeriodYear: round.Period.Year,
		Deadline: formatDate(round.Deadline), HeadApproval: round.HeadApproval, Brief: round.Brief, Reporters: storedReporters(round)}
	return s.renderRoundEdit(w, r, http.StatusOK, round, f, nil)
}

func (s *Server) handleRoundEdit(w http.ResponseWriter, r *http.Request) error {
	round, err := s.draftRound(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	f := roundEditForm{Title: oneLine(r.PostFormValue("title")), PeriodKind: r.PostFormValue("period_kind"),
		PeriodIndex: atoi(r.PostFormValue("period_index")), PeriodYear: atoi(r.PostFormValue("period_year")),
		Deadline: strings.TrimSpace(r.PostFormValue("deadline")), HeadApproval: r.PostFormValue("head_approval") != "", Brief: r.PostFormValue("brief") != "",
		Reporters: storedReporters(round)}
	posted := postedReporters(r, round)
	maps.Copy(f.Reporters, posted)
	period := tiendo.Period{Kind: tiendo.PeriodKind(f.PeriodKind), Year: f.PeriodYear, Index: f.PeriodIndex}
	deadline, msg := editedDeadline(f.Deadline, round.Deadline)
	if msg != "" {
		fields := map[string]string{"deadline": msg}
		if f.Title == "" { // so that one answer names every field to fix
			fields["title"] = "Vui lòng nhập tên đợt báo cáo."
		}
		if field, msg := period.Check(); field != "" {
			fields["period_"+field] = msg
		}
		return s.renderRoundEdit(w, r, http.StatusUnprocessableEntity, round, f,
			&tiendo.Error{Code: tiendo.EINVALID, Message: "Đợt báo cáo chưa hợp lệ, vui lòng sửa các ô được đánh dấu.", Fields: fields})
	}
	title := f.Title
	if field, _ := period.Check(); field == "" && f.Title == round.Title {
		// A title left as it was follows a new period, as a successor's does
		// ("6 tháng đầu năm" becomes "9 tháng đầu năm"); one the office
		// typed is kept as typed, and so is the form should the store
		// refuse the edit.
		title = continuity.Retitle(f.Title, round.Period, period.Normalized())
	}
	err = s.store.UpdateDraftRound(r.Context(), actor(r), userFrom(r.Context()), round.ID,
		store.RoundEdit{Title: title, Period: period, Deadline: deadline, HeadApproval: f.HeadApproval, Brief: f.Brief, Reporters: posted})
	switch tiendo.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d?ok=edited", round.ID), http.StatusSeeOther)
		return nil
	case tiendo.EINVALID:
		return s.renderRoundEdit(w, r, http.StatusUnprocessableEntity, round, f, err)
	}
	return err
}

// editedDeadline reads the day typed as on the intake and successor forms
// (07/06/2026) and returns the instant it stands for: the start of that day,
// "trước ngày", at the stored deadline's time of day when it has one
// ("trước 17 giờ 00 ngày ..."), which a form of days cannot show but must
// not drop. A day it cannot read is a message for the field instead.
func editedDeadline(typed string, was time.Time) (time.Time, string) {
	if typed == "" {
		return time.Time{}, "Hãy nhập hạn gửi báo cáo, ví dụ 07/06/2026."
	}
	iso, err := docDateISO(typed)
	day, err2 := time.ParseInLocation("2006-01-02", iso, tiendo.Zone)
	if err != nil || err2 != nil {
		if msg := noSuchDay(typed); msg != "" {
			return time.Time{}, msg
		}
		return time.Time{}, "Hạn gửi chưa đúng: viết ngày/tháng/năm như 07/06/2026."
	}
	return day.Add(timeOfDay(was)), ""
}

// timeOfDay is how long after the start of its day, in tiendo.Zone, t falls.
func timeOfDay(t time.Time) time.Duration {
	if t.IsZero() {
		return 0
	}
	t = t.In(tiendo.Zone)
	return t.Sub(tiendo.DeadlineBefore(t.Year(), t.Month(), t.Day()))
}

func (s *Server) renderRoundEdit(w http.ResponseWriter, r *http.Request, status int, round *tiendo.Round, f roundEditForm, ferr error) error {
	units, _, err := s.unitMap(r.Context())
	if err != nil {
		return err
	}
	data := roundEditPage{page: s.basePage(r, "Sửa đợt báo cáo: "+round.Title), Round: round, Form: f,
		Shared: sharedTasks(round, units), Past: !round.Deadline.After(s.store.Now())}
	if d := timeOfDay(round.Deadline); d != 0 {
		data.Clock = round.Deadline.In(tiendo.Zone).Format("15:04")
	}
	var e *tiendo.Error
	if errors.As(ferr, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	return s.render(w, status, "round_edit", data)
}

// handleRoundMoveYears brings a draft's carried-over tasks and targets into
// its period: the button beside the round page's list of earlier years
// (store.MoveEarlierYears).
func (s *Server) handleRoundMoveYears(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n, err := s.store.MoveEarlierYears(r.Context(), actor(r), userFrom(r.Context()), id)
	if err != nil {
		return err
	}
	ok := "years"
	if n == 0 {
		ok = "no-years"
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d?ok=%s", id, ok), http.StatusSeeOther)
	return nil
}
