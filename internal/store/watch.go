package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tiendo"
)

// UnitActual is a value one unit reported for one target.
type UnitActual struct {
	UnitID   int64
	TargetID int64
	tiendo.Actual
}

// RoundActuals returns the values the office has received in round
// roundID, in one query: those of the reports that are with it
// (tiendo.ReportStatus.Sent: submitted or accepted), as the consolidation
// counts them (RoundReports). A draft, a report waiting for its unit head
// and one returned for revision are still with their unit, and their
// values are not results yet. The watch page, the API and the
// consolidation read them together. The caller has checked that the user
// may see the whole round.
func (s *Store) RoundActuals(ctx context.Context, roundID int64) ([]UnitActual, error) {
	sent, sentArgs := sentCondition("r.status")
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT r.unit_id, a.target_id, a.value, a.same_period
		FROM report_actuals a JOIN unit_reports r ON r.id = a.report_id
		WHERE r.round_id = ? AND `+sent), append([]any{roundID}, sentArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("store: round actuals: %w", err)
	}
	defer rows.Close()
	var out []UnitActual
	for rows.Next() {
		var a UnitActual
		var v, sp sql.NullFloat64
		if err := rows.Scan(&a.UnitID, &a.TargetID, &v, &sp); err != nil {
			return nil, err
		}
		a.Actual.TargetID = a.TargetID
		if v.Valid {
			a.Value = &v.Float64
		}
		if sp.Valid {
			a.SamePeriod = &sp.Float64
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// sentStatuses are the report states that are with the office
// (tiendo.ReportStatus.Sent), for SQL that must pick the same reports.
func sentStatuses() []tiendo.ReportStatus {
	var out []tiendo.ReportStatus
	for _, st := range []tiendo.ReportStatus{tiendo.ReportMissing, tiendo.ReportDraft, tiendo.ReportReview,
		tiendo.ReportSubmitted, tiendo.ReportReturned, tiendo.ReportAccepted} {
		if st.Sent() {
			out = append(out, st)
		}
	}
	return out
}

// sentCondition is "col IN (?, ?)" over sentStatuses, with its arguments.
func sentCondition(col string) (string, []any) {
	sent := sentStatuses()
	args := make([]any, len(sent))
	for i, st := range sent {
		args[i] = st
	}
	return col + " IN (" + placeholders(len(sent)) + ")", args
}

// UnitRoundRate is one unit's reporting record in one round.
type UnitRoundRate struct {
	UnitID   int64
	RoundID  int64
	Deadline time.Time
	Open     bool // the round still takes reports (tiendo.RoundOpen)
	Received bool // submitted once, even if returned for revision since
	Late     bool
}

// ReportingHistory returns, for every round that is not a draft, whether
// each unit asked sent its report and whether on time: the rates per unit
// over rounds come from it (watch.RatesOverRounds, which leaves out the
// rounds a unit still has time to answer). Deadline is the unit's: its own
// when the office extended it for the unit (ExtendUnitDeadline).
func (s *Store) ReportingHistory(ctx context.Context) ([]UnitRoundRate, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT ru.unit_id, ru.round_id, r.deadline, r.status = ?, ur.submitted_at IS NOT NULL, COALESCE(ur.late, FALSE), ru.extended_deadline
		FROM round_units ru JOIN rounds r ON r.id = ru.round_id
		LEFT JOIN unit_reports ur ON ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id
		WHERE r.status <> ?`), tiendo.RoundOpen, tiendo.RoundDraft)
	if err != nil {
		return nil, fmt.Errorf("store: reporting history: %w", err)
	}
	defer rows.Close()
	var out []UnitRoundRate
	for rows.Next() {
		var x UnitRoundRate
		var own sql.NullTime
		if err := rows.Scan(&x.UnitID, &x.RoundID, &x.Deadline, &x.Open, &x.Received, &x.Late, &own); err != nil {
			return nil, err
		}
		x.Deadline = unitDeadline(x.Deadline, own)
		out = append(out, x)
	}
	return out, rows.Err()
}
