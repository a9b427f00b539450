package store

import (
	"context"
	"database/sql"
	"fmt"

	"tiendo"
)

// RoundReports returns the reports of round r (loaded whole, as Round
// returns it) that are with the office and count in what it consolidates
// (tiendo.ReportStatus.Sent): submitted or accepted, in the order of
// r.UnitIDs. A returned report is back with its unit. The caller has checked
// that the user may see every unit's report.
//
// The round's reports are read together, in three queries (the rows, their
// sections, values and contributions, and their files) rather than two or
// three for each unit: a province's consolidated report reads 3,321 of them,
// and on PostgreSQL each query is a round trip. Each report is put together
// as a unit's own read puts it (assembleReport), so the two give the same.
func (s *Store) RoundReports(ctx context.Context, r *tiendo.Round) ([]*tiendo.UnitReport, error) {
	heads, files, err := s.roundReportHeads(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	parts := make(map[int64]*reportParts, len(heads))
	for _, h := range heads {
		parts[h.id.Int64] = newReportParts()
	}
	if err := s.roundReportParts(ctx, r.ID, parts); err != nil {
		return nil, err
	}
	if files {
		if err := s.roundAttachments(ctx, r.ID, parts); err != nil {
			return nil, err
		}
	}
	var out []*tiendo.UnitReport
	for _, unitID := range r.UnitIDs {
		if h := heads[unitID]; h != nil {
			out = append(out, assembleReport(r, unitID, h, parts[h.id.Int64]))
		}
	}
	return out, nil
}

// roundReportHeads reads the rows of round roundID's sent reports, keyed by
// unit, and says whether any of them has files.
func (s *Store) roundReportHeads(ctx context.Context, roundID int64) (map[int64]*reportHead, bool, error) {
	sent, args := sentCondition("status")
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT unit_id, id, status, version, submitted_at, late, updated_at, return_comment,
		(SELECT COUNT(*) FROM attachments a WHERE a.report_id = unit_reports.id AND a.removed_at IS NULL)
		FROM unit_reports WHERE round_id = ? AND `+sent), append([]any{roundID}, args...)...)
	if err != nil {
		return nil, false, fmt.Errorf("store: round reports: %w", err)
	}
	defer rows.Close()
	heads := map[int64]*reportHead{}
	files := false
	for rows.Next() {
		var unitID int64
		h := &reportHead{}
		if err := rows.Scan(&unitID, &h.id, &h.status, &h.version, &h.submitted, &h.late, &h.updated, &h.comment, &h.files); err != nil {
			return nil, false, fmt.Errorf("store: round reports: %w", err)
		}
		heads[unitID] = h
		files = files || h.files > 0
	}
	return heads, files, rows.Err()
}

// roundReportParts reads the sections, values and contributions of round
// roundID's reports into parts, for the reports parts holds. It reads by
// round, not by report state: a report returned between the two reads keeps
// its parts, and what the rows said it was is what is given.
func (s *Store) roundReportParts(ctx context.Context, roundID int64, parts map[int64]*reportParts) error {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT r.id, 1, x.task_id, x.status, x.result_vs_plan, x.vs_same_period, x.obstacles, x.recommendations, x.next_steps,
			CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS DOUBLE PRECISION)
			FROM report_sections x JOIN unit_reports r ON r.id = x.report_id WHERE r.round_id = ?
		UNION ALL SELECT r.id, 2, x.target_id, '', '', '', '', '', '', x.value, x.same_period
			FROM report_actuals x JOIN unit_reports r ON r.id = x.report_id WHERE r.round_id = ?
		UNION ALL SELECT r.id, 3, x.task_id, x.text, '', '', '', '', '', NULL, NULL
			FROM report_contributions x JOIN unit_reports r ON r.id = x.report_id WHERE r.round_id = ?`), roundID, roundID, roundID)
	if err != nil {
		return fmt.Errorf("store: round report parts: %w", err)
	}
	defer rows.Close()
	var reportID int64
	var row partRow
	dest := append([]any{&reportID}, row.dest()...)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: round report parts: %w", err)
		}
		if p := parts[reportID]; p != nil {
			p.add(&row)
		}
	}
	return rows.Err()
}

// roundAttachments reads the files of round roundID's reports into parts,
// in the order the attachments query gives a report's files.
func (s *Store) roundAttachments(ctx context.Context, roundID int64, parts map[int64]*reportParts) error {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT a.report_id, a.id, a.name, a.content_type, a.size, a.created_at
		FROM attachments a JOIN unit_reports r ON r.id = a.report_id
		WHERE r.round_id = ? AND a.removed_at IS NULL ORDER BY a.report_id, a.id`), roundID)
	if err != nil {
		return fmt.Errorf("store: round attachments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var reportID int64
		var a tiendo.Attachment
		if err := rows.Scan(&reportID, &a.ID, &a.Name, &a.ContentType, &a.Size, &a.CreatedAt); err != nil {
			return fmt.Errorf("store: round attachments: %w", err)
		}
		if p := parts[reportID]; p != nil {
			p.attachments = append(p.attachments, a)
		}
	}
	return rows.Err()
}

// reportParts is what a report holds beside its row: its sections and
// contributions by task, its values by target, and its files.
type reportParts struct {
	sections      map[int64]*tiendo.Section
	actuals       map[int64]tiendo.Actual
	contributions map[int64]string
	attachments   []tiendo.Attachment
}

func newReportParts() *reportParts {
	return &reportParts{sections: map[int64]*tiendo.Section{}, actuals: map[int64]tiendo.Actual{},
		contributions: map[int64]string{}, attachments: []tiendo.Attachment{}}
}

// partRow is one row of sqlReportParts: a section (kind 1), a value (2) or
// a contribution (3).
type partRow struct {
	kind  int
	id    int64
	t     [6]string
	v, sp sql.NullFloat64
}

// dest is where rows.Scan puts a partRow's columns.
func (r *partRow) dest() []any {
	return []any{&r.kind, &r.id, &r.t[0], &r.t[1], &r.t[2], &r.t[3], &r.t[4], &r.t[5], &r.v, &r.sp}
}

// add keeps row r.
func (p *reportParts) add(r *partRow) {
	switch r.kind {
	case 1:
		p.sections[r.id] = &tiendo.Section{TaskID: r.id, Status: r.t[0], ResultVsPlan: r.t[1], VsSamePeriod: r.t[2],
			Obstacles: r.t[3], Recommendations: r.t[4], NextSteps: r.t[5]}
	case 2:
		a := tiendo.Actual{TargetID: r.id}
		if r.v.Valid {
			v := r.v.Float64
			a.Value = &v
		}
		if r.sp.Valid {
			sp := r.sp.Float64
			a.SamePeriod = &sp
		}
		p.actuals[r.id] = a
	case 3:
		p.contributions[r.id] = r.t[0]
	}
}

// assembleReport puts together unit unitID's report in round from its row
// h (NULL when the unit has saved nothing yet) and its parts p: a section
// for each task the unit leads, with a value for each of its targets, and a
// contribution for each task it supports, empty where the unit has written
// nothing yet.
func assembleReport(round *tiendo.Round, unitID int64, h *reportHead, p *reportParts) *tiendo.UnitReport {
	rep := &tiendo.UnitReport{RoundID: round.ID, UnitID: unitID, Status: tiendo.ReportMissing,
		Sections: []*tiendo.Section{}, Contributions: []tiendo.Contribution{}, Attachments: p.attachments}
	if h.id.Valid {
		rep.ID, rep.Status, rep.Version = h.id.Int64, tiendo.ReportStatus(h.status.String), int(h.version.Int64)
		rep.SubmittedAt, rep.Late, rep.UpdatedAt, rep.ReturnComment = h.submitted.Time, h.late.Bool, h.updated.Time, h.comment.String
	}
	for _, t := range round.Tasks {
		switch roleOf(t, unitID) {
		case tiendo.Lead:
			sec := p.sections[t.ID]
			if sec == nil {
				sec = &tiendo.Section{TaskID: t.ID}
			}
			sec.Actuals = []tiendo.Actual{}
			for _, tg := range t.TargetsOf(unitID) {
				a, ok := p.actuals[tg.ID]
				if !ok {
					a = tiendo.Actual{TargetID: tg.ID}
				}
				sec.Actuals = append(sec.Actuals, a)
			}
			rep.Sections = append(rep.Sections, sec)
		case tiendo.Support:
			rep.Contributions = append(rep.Contributions, tiendo.Contribution{TaskID: t.ID, Text: p.contributions[t.ID]})
		}
	}
	return rep
}
