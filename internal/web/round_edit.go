package web

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/continuity"
	"tiendo/internal/store"
)

// roundEditPage is the form that changes a draft round's own fields: its
// title, period, deadline and options. Tasks, targets and units are not on it.
type roundEditPage struct {
	page
	Round  *tiendo.Round // as stored
	Form   roundEditForm
	Clock  string // "17:00" when the stored deadline has a time of day, kept when the day changes
	Past   bool   // the stored deadline has passed: publishing it would make every unit late
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
}

// draftRound reads the round of the request's path, if it is still a draft.
func (s *Server) draftRound(r *http.Request) (*tiendo.Round, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	round, err := s.store.Round(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		return nil, err
	}
	if round.Status != tiendo.RoundDraft {
		return nil, store.ErrNotDraft() // the store says the same when a publish comes between the page and the save
	}
	return round, nil
}

func (s *Server) handleRoundEditForm(w http.ResponseWriter, r *http.Request) error {
	round, err := s.draftRound(r)
	if err != nil {
		return err
	}
	f := roundEditForm{Title: round.Title, PeriodKind: string(round.Period.Kind), PeriodIndex: round.Period.Index, PeriodYear: round.Period.Year,
		Deadline: formatDate(round.Deadline), HeadApproval: round.HeadApproval, Brief: round.Brief}
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
		Deadline: strings.TrimSpace(r.PostFormValue("deadline")), HeadApproval: r.PostFormValue("head_approval") != "", Brief: r.PostFormValue("brief") != ""}
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
		store.RoundEdit{Title: title, Period: period, Deadline: deadline, HeadApproval: f.HeadApproval, Brief: f.Brief})
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
		if dayMonthYear.MatchString(typed) { // written right, but no such day
			return time.Time{}, fmt.Sprintf("Không có ngày %s: hãy kiểm tra lại ngày và tháng.", typed)
		}
		return time.Time{}, "Hạn gửi chưa đúng: viết ngày/tháng/năm như 07/06/2026."
	}
	return day.Add(timeOfDay(was)), ""
}

// dayMonthYear is a date written as the form asks, whether or not the day
// exists.
var dayMonthYear = regexp.MustCompile(`^\d{1,2}/\d{1,2}/\d{4}$`)

// timeOfDay is how long after the start of its day, in tiendo.Zone, t falls.
func timeOfDay(t time.Time) time.Duration {
	if t.IsZero() {
		return 0
	}
	t = t.In(tiendo.Zone)
	return t.Sub(tiendo.DeadlineBefore(t.Year(), t.Month(), t.Day()))
}

func (s *Server) renderRoundEdit(w http.ResponseWriter, r *http.Request, status int, round *tiendo.Round, f roundEditForm, ferr error) error {
	data := roundEditPage{page: s.basePage(r, "Sửa đợt báo cáo: "+round.Title), Round: round, Form: f,
		Past: !round.Deadline.After(s.store.Now())}
	if d := timeOfDay(round.Deadline); d != 0 {
		data.Clock = round.Deadline.In(tiendo.Zone).Format("15:04")
	}
	var e *tiendo.Error
	if errors.As(ferr, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	return s.render(w, status, "round_edit", data)
}
