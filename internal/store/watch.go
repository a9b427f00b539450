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

// RoundActuals returns every value reported in round roundID, in one query:
// the watch page and the consolidation read them together. The caller has
// checked that the user may see the whole round.
func (s *Store) RoundActuals(ctx context.Context, roundID int64) ([]UnitActual, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT r.unit_id, a.target_id, a.value, a.same_period
		FROM report_actuals a JOIN unit_reports r ON r.id = a.report_id WHERE r.round_id = ?`), roundID)
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

// UnitRoundRate is one unit's reporting record in one round.
type UnitRoundRate struct {
	UnitID   int64
	RoundID  int64
	Deadline time.Time
	Received bool
	Late     bool
}

// ReportingHistory returns, for every round that is not a draft, whether
// each unit asked sent its report and whether on time: the rates per unit
// over rounds come from it.
func (s *Store) ReportingHistory(ctx context.Context) ([]UnitRoundRate, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT ru.unit_id, ru.round_id, r.deadline, ur.submitted_at IS NOT NULL, COALESCE(ur.late, FALSE)
		FROM round_units ru JOIN rounds r ON r.id = ru.round_id
		LEFT JOIN unit_reports ur ON ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id
		WHERE r.status <> 'draft'`)
	if err != nil {
		return nil, fmt.Errorf("store: reporting history: %w", err)
	}
	defer rows.Close()
	var out []UnitRoundRate
	for rows.Next() {
		var x UnitRoundRate
		if err := rows.Scan(&x.UnitID, &x.RoundID, &x.Deadline, &x.Received, &x.Late); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
