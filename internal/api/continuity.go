package api

import (
	"net/http"
	"time"

	"tiendo"
	"tiendo/internal/continuity"
	"tiendo/internal/store"
)

// successorBody is POST /api/v1/rounds/{id}/successor's body. A title left
// empty (or the earlier one) and a subject left empty are the earlier
// round's, moved to the new period (continuity.Retitle).
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

// handleMoveYears is the round page's "Đổi thành năm N" button: in a draft
// started from last period, each earlier year its tasks and targets name
// becomes the round's year (store.MoveEarlierYears). It answers how many
// texts changed and the round as it now stands.
func (a *Server) handleMoveYears(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	n, err := a.store.MoveEarlierYears(r.Context(), actor(r), u, id)
	if err != nil {
		return err
	}
	round, err := a.store.Round(r.Context(), u, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"changed": n, "round": round})
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

// windowJSON writes a data window as days, "YYYY-MM-DD", both counted
// whole; nil when the period has none.
func windowJSON(w tiendo.Window) any {
	if w.IsZero() {
		return nil
	}
	return map[string]string{"from": w.From.Format("2006-01-02"), "to": w.To.Format("2006-01-02")}
}

type linkRound struct {
	ID       int64               `json:"id"`
	Title    string              `json:"title"`
	Period   tiendo.Period       `json:"period"`
	Relation continuity.Relation `json:"relation"`
}

// handleLinkSuggestions proposes, for each task of round {id} not yet
// linked, the task of an earlier round it continues, with its target pairs.
func (a *Server) handleLinkSuggestions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	round, earlier, links, err := a.store.LinkCandidates(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		return err
	}
	rounds := []linkRound{}
	for _, e := range earlier {
		rounds = append(rounds, linkRound{e.ID, e.Title, e.Period, continuity.RelationOf(round.Period, e.Period)})
	}
	suggestions := continuity.Suggest(round, earlier, links)
	if suggestions == nil {
		suggestions = []continuity.Suggestion{}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"round_id": id, "threshold": continuity.Threshold,
		"tasks": len(round.Tasks), "linked": len(links), "earlier_rounds": rounds, "suggestions": suggestions})
}

type linksBody struct {
	Links []store.TaskLink `json:"links"`
}

// handleLinks records the links the office confirmed for round {id}'s tasks.
func (a *Server) handleLinks(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body linksBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	n, err := a.store.LinkTasks(r.Context(), actor(r), userFrom(r.Context()), id, body.Links)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]int{"linked": n})
}
