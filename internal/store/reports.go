package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"tiendo"
)

// Report returns unit unitID's report for round roundID, as user u may see
// it. A unit that has saved nothing yet gets an empty report in state
// missing, with one section for each task it leads.
func (s *Store) Report(ctx context.Context, u *tiendo.User, roundID, unitID int64) (*tiendo.UnitReport, error) {
	if !tiendo.Allowed(u, tiendo.ActionReadReport, unitID) {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy báo cáo, hoặc bạn không có quyền xem báo cáo này.")
	}
	round, err := s.Round(ctx, u, roundID)
	if err != nil {
		return nil, err
	}
	return s.report(ctx, s.rdb, round, unitID)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) report(ctx context.Context, db queryer, round *tiendo.Round, unitID int64) (*tiendo.UnitReport, error) {
	asked := false
	for _, id := range round.UnitIDs {
		asked = asked || id == unitID
	}
	if !asked {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Đơn vị này không có trong đợt báo cáo.")
	}
	rep := &tiendo.UnitReport{RoundID: round.ID, UnitID: unitID, Status: tiendo.ReportMissing, Sections: []*tiendo.Section{}}
	var submitted sql.NullTime
	err := db.QueryRowContext(ctx, s.q(`SELECT id, status, version, submitted_at, late, updated_at FROM unit_reports WHERE round_id = ? AND unit_id = ?`),
		round.ID, unitID).Scan(&rep.ID, &rep.Status, &rep.Version, &submitted, &rep.Late, &rep.UpdatedAt)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: report: %w", err)
	}
	rep.SubmittedAt = submitted.Time
	sections := map[int64]*tiendo.Section{}
	actuals := map[int64]tiendo.Actual{}
	if rep.ID != 0 {
		rows, err := db.QueryContext(ctx, s.q(`SELECT task_id, status, result_vs_plan, vs_same_period, obstacles, recommendations, next_steps
			FROM report_sections WHERE report_id = ?`), rep.ID)
		if err != nil {
			return nil, fmt.Errorf("store: sections: %w", err)
		}
		for rows.Next() {
			var sec tiendo.Section
			if err := rows.Scan(&sec.TaskID, &sec.Status, &sec.ResultVsPlan, &sec.VsSamePeriod, &sec.Obstacles, &sec.Recommendations, &sec.NextSteps); err != nil {
				rows.Close()
				return nil, err
			}
			sections[sec.TaskID] = &sec
		}
		rows.Close()
		rows, err = db.QueryContext(ctx, s.q(`SELECT target_id, value, same_period FROM report_actuals WHERE report_id = ?`), rep.ID)
		if err != nil {
			return nil, fmt.Errorf("store: actuals: %w", err)
		}
		for rows.Next() {
			var a tiendo.Actual
			var v, sp sql.NullFloat64
			if err := rows.Scan(&a.TargetID, &v, &sp); err != nil {
				rows.Close()
				return nil, err
			}
			if v.Valid {
				a.Value = &v.Float64
			}
			if sp.Valid {
				a.SamePeriod = &sp.Float64
			}
			actuals[a.TargetID] = a
		}
		rows.Close()
	}
	for _, t := range round.Tasks {
		if !leads(t, unitID) {
			continue
		}
		sec := sections[t.ID]
		if sec == nil {
			sec = &tiendo.Section{TaskID: t.ID}
		}
		sec.Actuals = []tiendo.Actual{}
		for _, tg := range t.Targets {
			a, ok := actuals[tg.ID]
			if !ok {
				a = tiendo.Actual{TargetID: tg.ID}
			}
			sec.Actuals = append(sec.Actuals, a)
		}
		rep.Sections = append(rep.Sections, sec)
	}
	return rep, nil
}

func leads(t *tiendo.Task, unitID int64) bool {
	for _, a := range t.Assignees {
		if a.UnitID == unitID && a.Role == tiendo.Lead {
			return true
		}
	}
	return false
}

// SaveReport saves rep as a draft. rep.Version must be the version the
// writer read: if someone saved in between, the save is refused with
// ECONFLICT and nothing is overwritten. On success rep.Version is the new one.
func (s *Store) SaveReport(ctx context.Context, actor Actor, u *tiendo.User, rep *tiendo.UnitReport) error {
	if !tiendo.Allowed(u, tiendo.ActionEditReport, rep.UnitID) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ được sửa báo cáo của đơn vị mình.")
	}
	round, err := s.Round(ctx, u, rep.RoundID)
	if err != nil {
		return err
	}
	if round.Status != tiendo.RoundOpen {
		return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo không còn mở; không thể lưu báo cáo.")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := s.report(ctx, tx, round, rep.UnitID)
		if err != nil {
			return err
		}
		if before.Version != rep.Version {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo đã được người khác lưu (phiên bản %d, bạn đang sửa phiên bản %d). Nội dung của bạn vẫn còn trên màn hình: hãy sao chép, tải lại trang rồi gộp lại.", before.Version, rep.Version)
		}
		switch before.Status {
		case tiendo.ReportSubmitted, tiendo.ReportAccepted:
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo đã gửi; chỉ sửa được khi Văn phòng trả lại.")
		}
		status := before.Status
		if status == tiendo.ReportMissing {
			status = tiendo.ReportDraft
		}
		if err := s.writeReport(ctx, tx, round, before, rep, status); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "save", "unit_report", rep.ID, before, rep)
	})
}

// writeReport stores rep's sections and actuals with the given status and
// the next version number, creating the report row when there is none.
func (s *Store) writeReport(ctx context.Context, tx *sql.Tx, round *tiendo.Round, before, rep *tiendo.UnitReport, status tiendo.ReportStatus) error {
	now := s.now()
	rep.ID, rep.Version, rep.Status, rep.UpdatedAt = before.ID, before.Version+1, status, now
	rep.SubmittedAt, rep.Late = before.SubmittedAt, before.Late
	if rep.ID == 0 {
		if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO unit_reports (round_id, unit_id, status, version, late, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
			rep.RoundID, rep.UnitID, status, rep.Version, false, now).Scan(&rep.ID); err != nil {
			if s.dialect.isUniqueViolation(err) {
				return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo vừa được người khác tạo; hãy tải lại trang.")
			}
			return fmt.Errorf("store: create report: %w", err)
		}
	} else {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE unit_reports SET status = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`),
			status, rep.Version, now, rep.ID, before.Version)
		if err != nil {
			return fmt.Errorf("store: update report: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo đã được người khác lưu; hãy tải lại trang.")
		}
	}
	led := map[int64]*tiendo.Task{}
	for _, t := range round.Tasks {
		if leads(t, rep.UnitID) {
			led[t.ID] = t
		}
	}
	for _, sec := range rep.Sections {
		t := led[sec.TaskID]
		if t == nil {
			return tiendo.Errorf(tiendo.EINVALID, "Báo cáo có phần cho nhiệm vụ %d mà đơn vị không chủ trì.", sec.TaskID)
		}
		sec.ResultVsPlan, sec.VsSamePeriod, sec.Obstacles = nfc(sec.ResultVsPlan), nfc(sec.VsSamePeriod), nfc(sec.Obstacles)
		sec.Recommendations, sec.NextSteps, sec.Status = nfc(sec.Recommendations), nfc(sec.NextSteps), nfc(sec.Status)
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM report_sections WHERE report_id = ? AND task_id = ?`), rep.ID, sec.TaskID); err != nil {
			return fmt.Errorf("store: section: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO report_sections (report_id, task_id, status, result_vs_plan, vs_same_period, obstacles, recommendations, next_steps)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), rep.ID, sec.TaskID, sec.Status, sec.ResultVsPlan, sec.VsSamePeriod, sec.Obstacles, sec.Recommendations, sec.NextSteps); err != nil {
			return fmt.Errorf("store: section: %w", err)
		}
		targets := map[int64]bool{}
		for _, tg := range t.Targets {
			targets[tg.ID] = true
		}
		for _, a := range sec.Actuals {
			if !targets[a.TargetID] {
				return tiendo.Errorf(tiendo.EINVALID, "Chỉ tiêu %d không thuộc nhiệm vụ %s.", a.TargetID, t.Label)
			}
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM report_actuals WHERE report_id = ? AND target_id = ?`), rep.ID, a.TargetID); err != nil {
				return fmt.Errorf("store: actual: %w", err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO report_actuals (report_id, target_id, value, same_period) VALUES (?, ?, ?, ?)`),
				rep.ID, a.TargetID, a.Value, a.SamePeriod); err != nil {
				return fmt.Errorf("store: actual: %w", err)
			}
		}
	}
	return nil
}

// SubmitReport submits unit unitID's report for round roundID at the store's
// current time, marks it on time or late against the round's deadline, and
// keeps an immutable copy of what was submitted as a revision.
func (s *Store) SubmitReport(ctx context.Context, actor Actor, u *tiendo.User, roundID, unitID int64, version int) (*tiendo.UnitReport, error) {
	if !tiendo.Allowed(u, tiendo.ActionEditReport, unitID) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ được gửi báo cáo của đơn vị mình.")
	}
	round, err := s.Round(ctx, u, roundID)
	if err != nil {
		return nil, err
	}
	if round.Status != tiendo.RoundOpen {
		return nil, tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo không còn mở; không thể gửi báo cáo.")
	}
	var rep *tiendo.UnitReport
	err = s.tx(ctx, func(tx *sql.Tx) error {
		rep, err = s.report(ctx, tx, round, unitID)
		if err != nil {
			return err
		}
		if rep.Version != version {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo đã thay đổi từ khi bạn mở (phiên bản %d, bạn có phiên bản %d); hãy tải lại trang rồi gửi.", rep.Version, version)
		}
		if rep.Status != tiendo.ReportDraft && rep.Status != tiendo.ReportReturned {
			return tiendo.Errorf(tiendo.ECONFLICT, "Chỉ gửi được báo cáo đang soạn hoặc bị trả lại (trạng thái hiện tại: %s).", rep.Status.Label())
		}
		now := s.now()
		rep.Version++
		rep.Status, rep.SubmittedAt, rep.Late, rep.UpdatedAt = tiendo.ReportSubmitted, now, !now.Before(round.Deadline), now
		res, err := tx.ExecContext(ctx, s.q(`UPDATE unit_reports SET status = ?, version = ?, submitted_at = ?, late = ?, updated_at = ? WHERE id = ? AND version = ?`),
			rep.Status, rep.Version, now, rep.Late, now, rep.ID, version)
		if err != nil {
			return fmt.Errorf("store: submit: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo vừa thay đổi; hãy tải lại trang rồi gửi.")
		}
		body, _ := json.Marshal(rep)
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO report_revisions (report_id, version, submitted_at, submitted_by, late, body) VALUES (?, ?, ?, ?, ?, ?)`),
			rep.ID, rep.Version, now, nullID(actor.UserID), rep.Late, string(body)); err != nil {
			return fmt.Errorf("store: revision: %w", err)
		}
		return s.audit(ctx, tx, actor, "submit", "unit_report", rep.ID, nil, map[string]any{"version": rep.Version, "late": rep.Late})
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// ReportState is where one unit's report for a round stands.
type ReportState struct {
	UnitID      int64
	Status      tiendo.ReportStatus
	Version     int
	SubmittedAt time.Time
	Late        bool
	UpdatedAt   time.Time
}

// ReportStates returns the state of every unit asked to report in round
// roundID, keyed by unit; units that saved nothing are in state missing.
// The caller has checked that the user may see the round.
func (s *Store) ReportStates(ctx context.Context, roundID int64) (map[int64]*ReportState, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT ru.unit_id, COALESCE(ur.status, 'missing'), COALESCE(ur.version, 0), ur.submitted_at,
		COALESCE(ur.late, FALSE), ur.updated_at
		FROM round_units ru LEFT JOIN unit_reports ur ON ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id
		WHERE ru.round_id = ?`), roundID)
	if err != nil {
		return nil, fmt.Errorf("store: report states: %w", err)
	}
	defer rows.Close()
	out := map[int64]*ReportState{}
	for rows.Next() {
		var st ReportState
		var submitted, updated sql.NullTime
		if err := rows.Scan(&st.UnitID, &st.Status, &st.Version, &submitted, &st.Late, &updated); err != nil {
			return nil, err
		}
		st.SubmittedAt, st.UpdatedAt = submitted.Time, updated.Time
		out[st.UnitID] = &st
	}
	return out, rows.Err()
}
