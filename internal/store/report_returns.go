package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"tiendo"
)

// A Return is one time a report went back to its unit to be revised: by
// the office, or before it reached the office by the unit's head.
type Return struct {
	At      time.Time
	ByHead  bool   // the unit's head (lãnh đạo đơn vị), not the office
	By      string // who: their full name, else their username; "" when unknown
	Comment string // why, as they wrote it
	Version int    // the report's version the return gave it: after the submission it sent back, before the next
}

// Returns lists the times unit unitID's report in round roundID was sent
// back, oldest first, for whoever may read its submissions (Revisions):
// between two submissions, the reason for the second. They come from the
// audit log, which records each return with its comment; a log pruned of
// its oldest rows lists only the later returns. A return by the unit's head
// is the unit's own review of a draft that never left it: only the unit
// (and the units above it in the tree) see those, not the office or readers.
func (s *Store) Returns(ctx context.Context, u *tiendo.User, roundID, unitID int64) ([]Return, error) {
	if !tiendo.Allowed(u, tiendo.ActionReadReport, unitID) {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy báo cáo, hoặc bạn không có quyền xem báo cáo này.")
	}
	_, rep, err := s.roundReport(ctx, u, roundID, unitID)
	if err != nil || rep.ID == 0 {
		return nil, err
	}
	actions := []any{tiendo.ReportReturn, tiendo.ReportReturn}
	if u.Role.UnitScoped() {
		actions[1] = tiendo.ReportHeadReturn
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT a.at, a.action, COALESCE(us.full_name, ''), COALESCE(us.username, ''), a.after
		FROM audit_log a LEFT JOIN users us ON us.id = a.user_id
		WHERE a.entity = 'unit_report' AND a.entity_id = ? AND a.action IN (?, ?) ORDER BY a.id`),
		append([]any{rep.ID}, actions...)...)
	if err != nil {
		return nil, fmt.Errorf("store: returns: %w", err)
	}
	defer rows.Close()
	out := []Return{}
	for rows.Next() {
		var r Return
		var action, username, after string
		if err := rows.Scan(&r.At, &action, &r.By, &username, &after); err != nil {
			return nil, fmt.Errorf("store: returns: %w", err)
		}
		var is struct {
			Comment string
			Version int
		}
		json.Unmarshal([]byte(after), &is) // a row without them still says when
		r.ByHead, r.Comment, r.Version = action == string(tiendo.ReportHeadReturn), is.Comment, is.Version
		if strings.TrimSpace(r.By) == "" {
			r.By = username
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastReturn returns why unit unitID's report in round roundID is back
// with its unit now, for the unit's home and the top of the report: the
// office's return when the report is "returned", the unit head's when it
// is a draft the head sent back (a draft carries a reason only then). The
// reason is the report's own; who returned it and when come from the audit
// log, and are zero when the log no longer holds the return. ENOTFOUND
// when the report is not back with its unit, or when it is the unit head's
// return and u is not of the unit (see Returns).
func (s *Store) LastReturn(ctx context.Context, u *tiendo.User, roundID, unitID int64) (*Return, error) {
	none := tiendo.Errorf(tiendo.ENOTFOUND, "Báo cáo không bị trả lại.")
	if !tiendo.Allowed(u, tiendo.ActionReadReport, unitID) {
		return nil, none
	}
	var status, comment string
	var at sql.NullTime
	var action, name, username sql.NullString
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT ur.status, ur.return_comment, a.at, a.action, us.full_name, us.username
		FROM unit_reports ur
		LEFT JOIN audit_log a ON a.id = (SELECT MAX(l.id) FROM audit_log l
			WHERE l.entity = 'unit_report' AND l.entity_id = ur.id AND l.action IN (?, ?))
		LEFT JOIN users us ON us.id = a.user_id
		WHERE ur.round_id = ? AND ur.unit_id = ?`), tiendo.ReportReturn, tiendo.ReportHeadReturn, roundID, unitID).
		Scan(&status, &comment, &at, &action, &name, &username)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, none
	} else if err != nil {
		return nil, fmt.Errorf("store: last return: %w", err)
	}
	r := &Return{Comment: comment}
	switch {
	case strings.TrimSpace(comment) == "":
		return nil, none
	case tiendo.ReportStatus(status) == tiendo.ReportReturned:
	case tiendo.ReportStatus(status) == tiendo.ReportDraft && u.Role.UnitScoped():
		r.ByHead = true
	default:
		return nil, none
	}
	// The newest return is the one the report is back for; one of the
	// other kind (a log whose row of this return was pruned) says nothing
	// about it.
	want := tiendo.ReportReturn
	if r.ByHead {
		want = tiendo.ReportHeadReturn
	}
	if action.String == string(want) {
		r.At, r.By = at.Time, name.String
		if strings.TrimSpace(r.By) == "" {
			r.By = username.String
		}
	}
	return r, nil
}
