package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/remind"
	"tiendo/internal/store"
	"tiendo/internal/watch"
)

// roundStates loads a round and its report states for the caller, who must
// see every unit of it.
func (a *Server) roundStates(ctx context.Context, r *http.Request) (*tiendo.Round, map[int64]watch.State, error) {
	u := userFrom(ctx)
	if tiendo.ScopeOf(u, tiendo.ActionReadReport) != tiendo.ScopeAll {
		return nil, nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng, lãnh đạo và người xem được xem tình hình của cả đợt.")
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	round, err := a.store.Round(ctx, u, id)
	if err != nil {
		return nil, nil, err
	}
	raw, err := a.store.ReportStates(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	states := make(map[int64]watch.State, len(raw))
	for id, s := range raw {
		states[id] = watch.State{Status: s.Status, SubmittedAt: s.SubmittedAt, Late: s.Late}
	}
	return round, states, nil
}

// matrixRow is a unit's line of the matrix in the API: the unit's code and
// name rather than the whole unit.
type matrixRow struct {
	UnitID   int64           `json:"unit_id"`
	UnitCode string          `json:"unit_code"`
	UnitName string          `json:"unit_name"`
	State    watch.CellState `json:"state"`
	Cells    []watch.Cell    `json:"cells"`
}

type matrixTask struct {
	ID     int64  `json:"id"`
	Label  string `json:"label"`
	Column string `json:"column"` // watch.TaskLabels: unique where two tasks share a label
}

func (a *Server) handleMatrix(w http.ResponseWriter, r *http.Request) error {
	round, states, err := a.roundStates(r.Context(), r)
	if err != nil {
		return err
	}
	units, err := a.store.Units(r.Context())
	if err != nil {
		return err
	}
	q := r.URL.Query()
	var filter []watch.CellState
	for _, s := range q["state"] {
		filter = append(filter, watch.CellState(s))
	}
	unitID, _ := strconv.ParseInt(q.Get("unit"), 10, 64)
	m := watch.BuildMatrix(round, units, states).Filter(filter, unitID)
	tasks := make([]matrixTask, len(m.Tasks))
	for i, t := range m.Tasks {
		tasks[i] = matrixTask{t.ID, t.Label, m.Labels[i]}
	}
	rows := make([]matrixRow, len(m.Rows))
	for i, row := range m.Rows {
		rows[i] = matrixRow{row.Unit.ID, row.Unit.Code, row.Unit.Name, row.State, row.Cells}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"round_id": round.ID, "tasks": tasks, "rows": rows})
}

func (a *Server) handleRates(w http.ResponseWriter, r *http.Request) error {
	round, states, err := a.roundStates(r.Context(), r)
	if err != nil {
		return err
	}
	rates := watch.RoundRates(round, states)
	history, err := a.store.ReportingHistory(r.Context())
	if err != nil {
		return err
	}
	records := make([]watch.Record, len(history))
	for i, h := range history {
		records[i] = watch.Record{UnitID: h.UnitID, Deadline: h.Deadline, Open: h.Open, Received: h.Received, Late: h.Late}
	}
	// A round a unit still has time for does not count against it.
	perUnit := watch.RatesOverRounds(records, a.store.Clock())
	type unitRates struct {
		UnitID int64 `json:"unit_id"`
		watch.Rates
	}
	units := []unitRates{}
	for _, id := range round.UnitIDs {
		if x, ok := perUnit[id]; ok {
			units = append(units, unitRates{id, x})
		}
	}
	all, err := a.store.Units(r.Context())
	if err != nil {
		return err
	}
	type treeRates struct {
		UnitID int64 `json:"unit_id"`
		Depth  int   `json:"depth"`
		watch.Rates
	}
	tree := []treeRates{}
	for _, row := range watch.RollUp(round, all, states) {
		tree = append(tree, treeRates{row.Unit.ID, row.Depth, row.Rates})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"round": rates, "units_over_rounds": units, "tree": tree})
}

func watchActuals(in []store.UnitActual) []watch.Actual {
	out := make([]watch.Actual, len(in))
	for i, a := range in {
		out[i] = watch.Actual{UnitID: a.UnitID, TargetID: a.TargetID, Value: a.Value, SamePeriod: a.SamePeriod}
	}
	return out
}

// remindRequest is the optional body of a "đôn đốc": the units to chase,
// by code (all that owe their report when left out), and the office's note
// to them.
type remindRequest struct {
	Units []string `json:"units"`
	Note  string   `json:"note"`
}

// handleRemind sends the office's ad-hoc "đôn đốc" to the units of the
// round that owe their report (not sent, or returned for revision): every
// one, or those the body names, with its note. Units chased less than
// remind.NudgeInterval ago are left alone and counted in "recent"; units
// with no one to tell (no account, no e-mail address) are counted in
// "unreached"; units named that do not owe a report any more in "gone"; the
// owing units not named in "unpicked". An Idempotency-Key header makes a
// retried request queue nothing twice.
func (a *Server) handleRemind(w http.ResponseWriter, r *http.Request) error {
	if a.Reminders == nil {
		return tiendo.Errorf(tiendo.ECONFLICT, "Chức năng nhắc việc chưa được bật trên máy chủ này.")
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body remindRequest
	if r.ContentLength != 0 {
		if err := decode(w, r, &body); err != nil {
			return err
		}
	}
	req := remind.NudgeRequest{Key: r.Header.Get("Idempotency-Key"), Note: body.Note}
	if body.Units != nil {
		// A code that is no unit, or a unit the round does not ask, is
		// refused: left out silently, a script's typo would chase nobody
		// and say nothing.
		round, err := a.store.Round(r.Context(), userFrom(r.Context()), id)
		if err != nil {
			return err
		}
		req.Units = []int64{}
		var unknown, notAsked []string
		for _, code := range body.Units {
			unitID, err := a.store.UnitIDByCode(r.Context(), userFrom(r.Context()), code)
			switch {
			case tiendo.ErrorCode(err) == tiendo.ENOTFOUND:
				unknown = append(unknown, fmt.Sprintf("%q", code))
				continue
			case err != nil:
				return err
			case !slices.Contains(round.UnitIDs, unitID):
				notAsked = append(notAsked, fmt.Sprintf("%q", code))
				continue
			}
			req.Units = append(req.Units, unitID)
		}
		var msgs []string
		if len(unknown) > 0 {
			msgs = append(msgs, "Không có đơn vị mã "+strings.Join(unknown, ", ")+"; hãy dùng mã đơn vị như trong GET /api/v1/units.")
		}
		if len(notAsked) > 0 {
			msgs = append(msgs, "Đơn vị mã "+strings.Join(notAsked, ", ")+" không được yêu cầu báo cáo trong đợt này.")
		}
		if len(msgs) > 0 {
			msg := strings.Join(msgs, " ")
			return &tiendo.Error{Code: tiendo.EINVALID, Message: msg, Fields: map[string]string{"units": msg}}
		}
	}
	done, err := a.Reminders.NudgeWith(r.Context(), actor(r), userFrom(r.Context()), id, req)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]int{"queued": done.Messages, "units": done.Units, "recent": done.Recent,
		"unreached": done.Unreached, "unpicked": done.Unpicked, "gone": len(done.Gone)})
}
