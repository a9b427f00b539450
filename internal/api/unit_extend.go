package api

import (
	"net/http"
	"time"

	"tiendo/internal/store"
)

// unitDeadline is a unit's deadline in a round, as the API answers an
// extension for one unit.
type unitDeadline struct {
	RoundID  int64  `json:"round_id"`
	Unit     string `json:"unit"` // the unit's code
	UnitName string `json:"unit_name"`
	// Deadline is the one the unit is held to: the later of the round's
	// (RoundDeadline) and its own.
	Deadline      time.Time `json:"deadline"`
	RoundDeadline time.Time `json:"round_deadline"`
	Reason        string    `json:"reason"`
	// Notices and Emails say how many in-app notices and e-mails were
	// queued to tell the unit: 0 and 0 when it has no account to tell,
	// and the office should telephone it.
	Notices int `json:"notices"`
	Emails  int `json:"emails"`
}

// handleUnitExtend extends the deadline of one unit of an open round (gia
// hạn cho một đơn vị), with the body an extension of the round takes, and
// answers the unit's deadline as it now is; the unit is told.
func (a *Server) handleUnitExtend(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	unitID, err := a.store.UnitIDByCode(r.Context(), u, r.PathValue("unit"))
	if err != nil {
		return err
	}
	req, err := decodeExtend(w, r)
	if err != nil {
		return err
	}
	d, err := a.store.ExtendUnitDeadline(r.Context(), actor(r), u, id, unitID, req.Deadline, req.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, unitDeadlineOf(id, d))
}

// handleUnitWithdraw withdraws the deadline of its own the office gave one
// unit of an open round (hủy hạn riêng), and answers the unit's deadline
// as it now is, the round's, as an extension for one unit answers; the
// unit is told which deadline now holds. A unit with no deadline of its
// own later than the round's, or one that has sent its report, is refused
// (422).
func (a *Server) handleUnitWithdraw(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	unitID, err := a.store.UnitIDByCode(r.Context(), u, r.PathValue("unit"))
	if err != nil {
		return err
	}
	d, err := a.store.WithdrawUnitDeadline(r.Context(), actor(r), u, id, unitID, time.Time{})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, unitDeadlineOf(id, d))
}

// unitDeadlineOf is the answer to an extension for one unit, or its
// withdrawal: the unit's deadline as it now stands.
func unitDeadlineOf(roundID int64, d *store.UnitDeadline) unitDeadline {
	return unitDeadline{RoundID: roundID, Unit: d.Unit.Code, UnitName: d.Unit.Name,
		Deadline: d.Deadline, RoundDeadline: d.RoundDeadline, Reason: d.Reason, Notices: d.Notices, Emails: d.Emails}
}
