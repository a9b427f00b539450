package store

import (
	"context"
	"encoding/json"
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
