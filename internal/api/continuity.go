package api

import (
	"net/http"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

type successorBody struct {
	Title      string        `json:"title"`
	Subject    string        `json:"subject"`
	Period     tiendo.Period `json:"period"`
	Deadline   string        `json:"deadline"` // "YYYY-MM-DD": before that day starts
	Unfinished bool          `json:"unfinished"`
}

// handleSuccessor starts a new draft round from round {id}, its tasks and
// targets linked to their predecessors.
func (a *Server) handleSuccessor(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body successorBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	day, err := time.ParseInLocation("2006-01-02", body.Deadline, tiendo.Zone)
	if err != nil {
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Hạn gửi phải có dạng YYYY-MM-DD.", Fields: map[string]string{"deadline": "Hạn gửi phải có dạng YYYY-MM-DD."}}
	}
	round, err := a.store.CreateSuccessor(r.Context(), actor(r), userFrom(r.Context()), id,
		store.Successor{Title: body.Title, Subject: body.Subject, Period: body.Period, Deadline: day, Unfinished: body.Unfinished})
	if err != nil {
		return err
	}
	created, err := a.store.Round(r.Context(), userFrom(r.Context()), round.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, created)
}

// handleSeries returns a target's values in every round it carried through.
func (a *Server) handleSeries(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	tg, points, err := a.store.Series(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		return err
	}
	if points == nil {
		points = []store.SeriesPoint{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"target": tg, "series": points})
}
