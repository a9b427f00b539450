package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"tiendo"
	"tiendo/internal/store"
)

// roundExtendPage is the form that extends the deadline of a published
// round (gia hạn): the new day, typed as on the edit form, and why.
type roundExtendPage struct {
	page
	Round    *tiendo.Round
	Current  string // the deadline now, as the pages write it: "trước ngày 07/06/2026"
	Original string // the deadline the round was published with, once extended
	Clock    string // "17:00" when the deadline has a time of day, kept on the new day
	Deadline string // the new day as typed, dd/mm/yyyy
	Reason   string
	Error    string
	Fields   map[string]string
}

// openRound reads the round of the request's path, if it is open: a draft's
// deadline is changed on the edit form, and a closed round takes no more
// reports. The store refuses the same, should the round change between the
// page and the save.
func (s *Server) openRound(r *http.Request) (*tiendo.Round, error) {
	return s.roundIn(r, tiendo.RoundOpen, store.ErrNotOpen)
}

func (s *Server) handleRoundExtendForm(w http.ResponseWriter, r *http.Request) error {
	round, err := s.openRound(r)
	if err != nil {
		return err
	}
	return s.renderRoundExtend(w, r, http.StatusOK, round, "", "", nil)
}

// handleRoundExtend saves an extension. The day is read as the edit form
// reads it (editedDeadline), keeping the current deadline's time of day; a
// day it cannot read, or one the store refuses, comes back with the form as
// typed.
func (s *Server) handleRoundExtend(w http.ResponseWriter, r *http.Request) error {
	round, err := s.openRound(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	typed, reason := strings.TrimSpace(r.PostFormValue("deadline")), r.PostFormValue("reason")
	deadline, msg := editedDeadline(typed, round.Deadline)
	if msg != "" {
		return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, typed, reason,
			&tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được, vui lòng sửa các ô được đánh dấu.", Fields: map[string]string{"deadline": msg}})
	}
	err = s.store.ExtendDeadline(r.Context(), actor(r), userFrom(r.Context()), round.ID, deadline, reason)
	switch tiendo.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d?ok=extended", round.ID), http.StatusSeeOther)
		return nil
	case tiendo.EINVALID:
		return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, typed, reason, err)
	}
	return err
}

func (s *Server) renderRoundExtend(w http.ResponseWriter, r *http.Request, status int, round *tiendo.Round, typed, reason string, ferr error) error {
	data := roundExtendPage{page: s.basePage(r, "Gia hạn gửi báo cáo: "+round.Title), Round: round,
		Current: formatDeadline(round.Deadline), Deadline: typed, Reason: reason}
	if !round.OriginalDeadline.IsZero() {
		data.Original = formatDeadline(round.OriginalDeadline)
	}
	if d := timeOfDay(round.Deadline); d != 0 {
		data.Clock = round.Deadline.In(tiendo.Zone).Format("15:04")
	}
	var e *tiendo.Error
	if errors.As(ferr, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	return s.render(w, status, "round_extend", data)
}
