package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"tiendo"
)

// Report returns unit unitID's report for round roundID, as user u may see
// it. A unit that has saved nothing yet gets an empty report in state
// missing, with one section for each task it leads and one contribution for
// each task it supports.
func (s *Store) Report(ctx context.Context, u *tiendo.User, roundID, unitID int64) (*tiendo.UnitReport, error) {
	if !tiendo.Allowed(u, tiendo.ActionReadReport, unitID) {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy báo cáo, hoặc bạn không có quyền xem báo cáo này.")
	}
	round, rep, err := s.roundReport(ctx, u, roundID, unitID)
	if err != nil {
		return nil, err
	}
	if tiendo.ReadsSentOnly(u) && !rep.Status.Sent() {
		return nil, errNotSentYet()
	}
	// Prefill last year's values where the unit has not given one.
	prev, err := s.samePeriod(ctx, s.rdb, round, unitID)
	if err != nil {
		return nil, err
	}
	for _, sec := range rep.Sections {
		for i, a := range sec.Actuals {
			if v, ok := prev[a.TargetID]; ok && a.SamePeriod == nil {
				sec.Actuals[i].SamePeriod = &v
			}
		}
	}
	return rep, nil
}

// errNotSentYet refuses a unit's unsent report to whoever reads only sent
// ones (tiendo.ReadsSentOnly).
func errNotSentYet() error {
	return tiendo.Errorf(tiendo.EFORBIDDEN, "Báo cáo của đơn vị chưa được gửi đến Văn phòng (hoặc đang được sửa lại sau khi bị trả lại); bạn chỉ xem được báo cáo đã gửi, trong mục “Các lần gửi” của đơn vị.")
}

// roundReport returns round roundID as unit unitID's part of it (see
// RoundForUnit) and the unit's stored report (see report), as u may see
// them. The round's stamp and the report's row are read in one query: a
// unit's every read, save and step needs both, and on PostgreSQL each query
// is a round trip.
func (s *Store) roundReport(ctx context.Context, u *tiendo.User, roundID, unitID int64) (*tiendo.Round, *tiendo.UnitReport, error) {
	round, rep, _, err := s.roundReportAt(ctx, u, roundID, unitID)
	return round, rep, err
}

// roundReportAt is roundReport with the round's audit stamp the round was
// read at: a step judged on that round (on time or late, locked or not)
// holds only while the stamp has not moved.
func (s *Store) roundReportAt(ctx context.Context, u *tiendo.User, roundID, unitID int64) (*tiendo.Round, *tiendo.UnitReport, int64, error) {
	var stamp int64
	var h reportHead
	err := s.prep(s.rdb).QueryRowContext(ctx, s.q(sqlRoundReportRow), roundID, roundID, unitID).
		Scan(&stamp, &h.id, &h.status, &h.version, &h.submitted, &h.late, &h.updated, &h.comment, &h.files)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("store: report: %w", err)
	}
	round, err := s.roundForUnitAt(ctx, u, roundID, unitID, stamp)
	if err != nil {
		return nil, nil, 0, err
	}
	rep, err := s.reportFrom(ctx, s.rdb, round, unitID, &h)
	if err != nil {
		return nil, nil, 0, err
	}
	return round, rep, stamp, nil
}

// reportHead is a report's row, NULL when the unit has saved nothing yet.
type reportHead struct {
	id, version        sql.NullInt64
	status, comment    sql.NullString
	submitted, updated sql.NullTime
	late               sql.NullBool
	files              int
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) report(ctx context.Context, db queryer, round *tiendo.Round, unitID int64) (*tiendo.UnitReport, error) {
	var h reportHead
	err := s.prep(db).QueryRowContext(ctx, s.q(sqlReportRow), round.ID, unitID).
		Scan(&h.id, &h.status, &h.version, &h.submitted, &h.late, &h.updated, &h.comment, &h.files)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: report: %w", err)
	}
	return s.reportFrom(ctx, db, round, unitID, &h)
}

// reportFrom completes the report whose row is h: its sections, values,
// contributions and files, and an empty section or contribution for each
// task the unit has not written on yet (assembleReport, which RoundReports
// shares).
func (s *Store) reportFrom(ctx context.Context, db queryer, round *tiendo.Round, unitID int64, h *reportHead) (*tiendo.UnitReport, error) {
	asked := false
	for _, id := range round.UnitIDs {
		asked = asked || id == unitID
	}
	if !asked {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Đơn vị này không có trong đợt báo cáo.")
	}
	db = s.prep(db)
	p := newReportParts()
	if h.id.Valid {
		if err := s.loadReportParts(ctx, db, h.id.Int64, p); err != nil {
			return nil, err
		}
	}
	if h.files > 0 {
		var err error
		if p.attachments, err = s.attachments(ctx, db, h.id.Int64); err != nil {
			return nil, err
		}
	}
	return assembleReport(round, unitID, h, p), nil
}

// loadReportParts reads report reportID's sections, values and
// contributions into p, in one query: on PostgreSQL each query is a round
// trip, and a report is read three times for each submission at a deadline.
func (s *Store) loadReportParts(ctx context.Context, db queryer, reportID int64, p *reportParts) error {
	rows, err := db.QueryContext(ctx, s.q(sqlReportParts), reportID, reportID, reportID)
	if err != nil {
		return fmt.Errorf("store: report parts: %w", err)
	}
	defer rows.Close()
	var row partRow
	dest := row.dest()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		p.add(&row)
	}
	return rows.Err()
}

// attachments lists the files attached to report reportID.
func (s *Store) attachments(ctx context.Context, db queryer, reportID int64) ([]tiendo.Attachment, error) {
	rows, err := s.prep(db).QueryContext(ctx, s.q(sqlAttachments), reportID)
	if err != nil {
		return nil, fmt.Errorf("store: attachments: %w", err)
	}
	defer rows.Close()
	out := []tiendo.Attachment{}
	for rows.Next() {
		var a tiendo.Attachment
		if err := rows.Scan(&a.ID, &a.Name, &a.ContentType, &a.Size, &a.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// roleOf is unit unitID's part in task t: lead, support, or "".
func roleOf(t *tiendo.Task, unitID int64) tiendo.AssigneeRole {
	for _, a := range t.Assignees {
		if a.UnitID == unitID {
			return a.Role
		}
	}
	return ""
}

// Contributions returns what supporting units wrote on the tasks unit
// unitID leads in round roundID, keyed by task, as u may read them: the lead
// unit sees its supporters' notes as they write them, a reader only those
// of reports sent (tiendo.ReadsSentOnly).
func (s *Store) Contributions(ctx context.Context, u *tiendo.User, roundID, unitID int64) (map[int64][]tiendo.Contribution, error) {
	sent, args := "", []any{unitID, roundID}
	if tiendo.ReadsSentOnly(u) {
		cond, sentArgs := sentCondition("r.status")
		sent, args = " AND "+cond, append(args, sentArgs...)
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT c.task_id, r.unit_id, c.text
		FROM report_contributions c JOIN unit_reports r ON r.id = c.report_id
		JOIN task_units tu ON tu.task_id = c.task_id AND tu.unit_id = ? AND tu.role = 'lead'
		WHERE r.round_id = ? AND c.text <> ''`+sent+` ORDER BY c.task_id, r.unit_id`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: contributions: %w", err)
	}
	defer rows.Close()
	out := map[int64][]tiendo.Contribution{}
	for rows.Next() {
		var c tiendo.Contribution
		if err := rows.Scan(&c.TaskID, &c.UnitID, &c.Text); err != nil {
			return nil, err
		}
		out[c.TaskID] = append(out[c.TaskID], c)
	}
	return out, rows.Err()
}

// editable says why unit unitID cannot change its report in round r now,
// or returns nil when it can.
func (s *Store) editable(ctx context.Context, db queryer, r *tiendo.Round, unitID int64) error {
	if r.Status != tiendo.RoundOpen {
		return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo đã đóng; không thể thay đổi báo cáo.")
	}
	if r.LockedAt.IsZero() {
		return nil
	}
	var reopened bool
	if err := s.prep(db).QueryRowContext(ctx, s.q(sqlReopened), r.ID, unitID).Scan(&reopened); err != nil {
		return fmt.Errorf("store: round unit: %w", err)
	}
	if !reopened {
		return tiendo.Errorf(tiendo.ECONFLICT, "Văn phòng đã khóa đợt báo cáo sau hạn gửi. Nếu cần gửi bổ sung, hãy đề nghị Văn phòng mở lại cho đơn vị.")
	}
	return nil
}

// SaveReport saves rep as a draft. rep.Version must be the version the
// writer read: if someone saved in between, the save is refused with
// ECONFLICT and nothing is overwritten. On success rep holds the new version.
//
// The stored report is read before the write transaction, on the read pool,
// so that the single writer (SQLite) or the transaction's locks (PostgreSQL)
// are held only for the writes. That is safe because every change to a
// report's sections, values or state moves its version: the write is an
// UPDATE ... WHERE version = the version read, and refused if it no longer is.
func (s *Store) SaveReport(ctx context.Context, actor Actor, u *tiendo.User, rep *tiendo.UnitReport) error {
	if !tiendo.Allowed(u, tiendo.ActionEditReport, rep.UnitID) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ được sửa báo cáo của đơn vị mình.")
	}
	round, before, err := s.roundReport(ctx, u, rep.RoundID, rep.UnitID)
	if err != nil {
		return err
	}
	if err := s.editable(ctx, s.rdb, round, rep.UnitID); err != nil {
		return err // refused early; checked again in the transaction
	}
	if before.Version != rep.Version {
		return staleError(before.Version, rep.Version)
	}
	next, ok := before.Status.Next(tiendo.ReportSave)
	if !ok {
		return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo đang ở trạng thái “%s”; không sửa được lúc này.", before.Status.Label())
	}
	w, err := s.planReport(round, before, rep, next)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.editable(ctx, tx, round, rep.UnitID); err != nil {
			return err
		}
		if err := s.writeReport(ctx, tx, w); err != nil {
			return err
		}
		if _, err := s.exec(ctx, tx, sqlDeleteAutosave, rep.RoundID, rep.UnitID, u.ID); err != nil {
			return fmt.Errorf("store: clear autosave: %w", err)
		}
		return s.audit(ctx, tx, actor, "save", "unit_report", rep.ID, w.was, w.now)
	})
}

// currentVersion reads the version report id has now, to say which one
// overtook the writer's.
func (s *Store) currentVersion(ctx context.Context, tx *sql.Tx, id int64, fallback int) int {
	v := fallback
	s.prep(tx).QueryRowContext(ctx, s.q(sqlReportVersion), id).Scan(&v)
	return v
}

// staleError refuses a write made on a version of the report that another
// save has overtaken. The other save may be the same person's, in another
// tab or on another machine, so the message blames nobody; and it names no
// version numbers, which a person cannot act on; a program can, so the
// API's answer carries them in the "version" field's message.
func staleError(have, yours int) error {
	return &tiendo.Error{Code: tiendo.ECONFLICT,
		Message: "Báo cáo đã được lưu ở nơi khác (có thể từ một thẻ hoặc máy khác) sau khi bạn mở nên chưa lưu được thay đổi của bạn. Nội dung của bạn vẫn được giữ nguyên: hãy đối chiếu với bản mới rồi lưu lại.",
		Fields:  map[string]string{"version": fmt.Sprintf("Phiên bản hiện tại là %d; yêu cầu gửi phiên bản %d.", have, yours)}}
}

// reportWrite is a save worked out before its transaction, so that the
// transaction (on SQLite, the single writer) runs only the statements: the
// report with its new state, the sections, values and contributions that
// differ from before, and the audit log's record of the change.
type reportWrite struct {
	before, rep   *tiendo.UnitReport
	at            time.Time
	sections      []*tiendo.Section
	actuals       []tiendo.Actual
	contributions []tiendo.Contribution
	was, now      rawJSON // for the audit log
}

// planReport checks rep against round and before (the stored report it
// replaces), puts its text in normal form, and works out what to write.
// Only what differs from before is written, as upserts: a form saved with
// one field changed costs one statement, not seventy. On return rep is the
// whole report as it will be stored (with the next version and status).
func (s *Store) planReport(round *tiendo.Round, before, rep *tiendo.UnitReport, status tiendo.ReportStatus) (*reportWrite, error) {
	w := &reportWrite{before: before, rep: rep, at: s.now()}
	rep.ID, rep.Version, rep.Status, rep.UpdatedAt = before.ID, before.Version+1, status, w.at
	rep.SubmittedAt, rep.Late, rep.ReturnComment, rep.Attachments = before.SubmittedAt, before.Late, before.ReturnComment, before.Attachments
	was := &reportDiff{Version: before.Version, Status: before.Status}
	now := &reportDiff{Version: rep.Version, Status: status}
	tasks := map[int64]*tiendo.Task{}
	for _, t := range round.Tasks {
		tasks[t.ID] = t
	}
	oldSec := map[int64]*tiendo.Section{}
	oldVal := map[int64]tiendo.Actual{}
	for _, sec := range before.Sections {
		oldSec[sec.TaskID] = sec
		for _, a := range sec.Actuals {
			oldVal[a.TargetID] = a
		}
	}
	oldContrib := map[int64]string{}
	for _, c := range before.Contributions {
		oldContrib[c.TaskID] = c.Text
	}
	// A task or a target sent twice is refused rather than the last one
	// taken: which of the two a writer meant cannot be known, and taking the
	// last silently lost the first one's other fields. The report form never
	// sends one twice; a program may.
	seenTask, seenTarget, seenContrib := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	var badValues map[string]string // by field, as tiendo.CheckReport keys them
	for _, sec := range rep.Sections {
		t := tasks[sec.TaskID]
		if t == nil || roleOf(t, rep.UnitID) != tiendo.Lead {
			return nil, tiendo.Errorf(tiendo.EINVALID, "Báo cáo có phần cho nhiệm vụ %d mà đơn vị không chủ trì. Báo cáo chưa được lưu; hãy chỉ gửi các phần (task_id) mà báo cáo có khi đọc nó.", sec.TaskID)
		}
		if seenTask[sec.TaskID] {
			return nil, tiendo.Errorf(tiendo.EINVALID, "Báo cáo có hai phần cho %s: mỗi nhiệm vụ chỉ được có một phần. Báo cáo chưa được lưu; hãy gộp hai phần làm một rồi lưu lại.", taskNamed(t))
		}
		seenTask[sec.TaskID] = true
		sec.ResultVsPlan, sec.VsSamePeriod, sec.Obstacles = nfc(sec.ResultVsPlan), nfc(sec.VsSamePeriod), nfc(sec.Obstacles)
		sec.Recommendations, sec.NextSteps, sec.Status = nfc(sec.Recommendations), nfc(sec.NextSteps), nfc(sec.Status)
		if sec.Status != "" && !validSectionStatus(sec.Status) {
			return nil, tiendo.Errorf(tiendo.EINVALID, "Trạng thái %q của nhiệm vụ %s không hợp lệ. Báo cáo chưa được lưu; hãy ghi một trong %s, hoặc để trống.", sec.Status, t.Label, sectionStatusList())
		}
		if old := oldSec[sec.TaskID]; old == nil || !sameText(old, sec) {
			w.sections = append(w.sections, sec) // once each: a task twice is refused above
			if old != nil && !emptyText(old) {
				was.Sections = append(was.Sections, textOf(old))
			}
			now.Sections = append(now.Sections, textOf(sec))
		}
		targets := map[int64]*tiendo.Target{}
		for _, tg := range t.Targets {
			targets[tg.ID] = tg
		}
		for _, a := range sec.Actuals {
			tg := targets[a.TargetID]
			switch {
			case tg == nil:
				return nil, tiendo.Errorf(tiendo.EINVALID, "Chỉ tiêu %d không thuộc nhiệm vụ %s. Báo cáo chưa được lưu; hãy chỉ gửi các chỉ tiêu (target_id) mà phần của nhiệm vụ có khi đọc báo cáo.", a.TargetID, t.Label)
			case !tg.ReportedByUnit(rep.UnitID):
				return nil, tiendo.Errorf(tiendo.EINVALID, "Chỉ tiêu “%s” của nhiệm vụ %s do đơn vị khác báo cáo; hãy bỏ số liệu của chỉ tiêu này khỏi báo cáo.", tg.Text, t.Label)
			case seenTarget[a.TargetID]:
				return nil, tiendo.Errorf(tiendo.EINVALID, "Chỉ tiêu “%s” (mã %d) của nhiệm vụ %s có hai số liệu: mỗi chỉ tiêu chỉ được có một. Báo cáo chưa được lưu; hãy giữ một số liệu rồi lưu lại.", tg.Text, a.TargetID, t.Label)
			}
			seenTarget[a.TargetID] = true
			old, ok := oldVal[a.TargetID]
			if ok && sameNumber(old.Value, a.Value) && sameNumber(old.SamePeriod, a.SamePeriod) && before.ID != 0 {
				continue
			}
			// A value the target can never take (tiendo.Target.CheckValue),
			// whichever way it came: the form checks it as typed, the API
			// and any other caller here.
			for key, v := range [2]*float64{a.Value, a.SamePeriod} {
				if v == nil {
					continue
				}
				if err := tg.CheckValue(*v, ""); err != nil {
					if badValues == nil {
						badValues = map[string]string{}
					}
					badValues[fmt.Sprintf("g%d.%s", a.TargetID, [2]string{"value", "same"}[key])] = tiendo.ErrorMessage(err)
				}
			}
			w.actuals = append(w.actuals, a)
			if ok && (old.Value != nil || old.SamePeriod != nil) {
				was.Actuals = append(was.Actuals, old)
			}
			now.Actuals = append(now.Actuals, a)
		}
	}
	if badValues != nil {
		return nil, &tiendo.Error{Code: tiendo.EINVALID, Message: "Có số liệu mà chỉ tiêu không thể nhận, nêu ở từng chỉ tiêu. Báo cáo chưa được lưu.", Fields: badValues}
	}
	for i, c := range rep.Contributions {
		t := tasks[c.TaskID]
		if t == nil || roleOf(t, rep.UnitID) != tiendo.Support {
			return nil, tiendo.Errorf(tiendo.EINVALID, "Báo cáo có phần phối hợp cho nhiệm vụ %d mà đơn vị không được giao phối hợp.", c.TaskID)
		}
		if seenContrib[c.TaskID] {
			return nil, tiendo.Errorf(tiendo.EINVALID, "Báo cáo có hai phần phối hợp cho %s: mỗi nhiệm vụ chỉ được có một. Báo cáo chưa được lưu; hãy gộp hai phần làm một rồi lưu lại.", taskNamed(t))
		}
		seenContrib[c.TaskID] = true
		rep.Contributions[i].Text = nfc(c.Text)
		old, ok := oldContrib[c.TaskID]
		if ok && old == rep.Contributions[i].Text && before.ID != 0 {
			continue
		}
		w.contributions = append(w.contributions, rep.Contributions[i])
		if old != "" {
			was.Contributions = append(was.Contributions, tiendo.Contribution{TaskID: c.TaskID, Text: old})
		}
		now.Contributions = append(now.Contributions, rep.Contributions[i])
	}
	w.was, w.now = encodeJSON(was), encodeJSON(now)
	mergeReport(before, rep)
	return w, nil
}

// taskNamed names a task for a program's caller: its label and its id
// ("nhiệm vụ 12 (mã 25)"), or the id alone when it has no label.
func taskNamed(t *tiendo.Task) string {
	if t.Label == "" {
		return fmt.Sprintf("nhiệm vụ mã %d", t.ID)
	}
	return fmt.Sprintf("nhiệm vụ %s (mã %d)", t.Label, t.ID)
}

// writeReport runs a planned save in tx, creating the report row when there
// is none. The row's UPDATE checks that the stored version is still the one
// planned from, which makes w.before (read outside the transaction) the
// report the writes apply to.
func (s *Store) writeReport(ctx context.Context, tx *sql.Tx, w *reportWrite) error {
	rep, before := w.rep, w.before
	if before.ID == 0 {
		if err := s.prep(tx).QueryRowContext(ctx, s.q(sqlInsertReport), rep.RoundID, rep.UnitID, rep.Status, rep.Version, false, w.at).Scan(&rep.ID); err != nil {
			if s.dialect.isUniqueViolation(err) {
				return tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo vừa được người khác tạo; nội dung của bạn vẫn được giữ: hãy lưu lại.")
			}
			return fmt.Errorf("store: create report: %w", err)
		}
	} else {
		res, err := s.exec(ctx, tx, sqlUpdateReport, rep.Status, rep.Version, w.at, rep.ID, before.Version)
		if err != nil {
			return fmt.Errorf("store: update report: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return staleError(s.currentVersion(ctx, tx, rep.ID, before.Version+1), before.Version)
		}
	}
	if s.dialect == postgres {
		return s.writePartsPostgres(ctx, tx, rep.ID, w, before.ID == 0)
	}
	// One statement per table, whatever the number of rows.
	if n := len(w.sections); n > 0 {
		args := make([]any, 0, 8*n)
		for _, sec := range w.sections {
			args = append(args, rep.ID, sec.TaskID, sec.Status, sec.ResultVsPlan, sec.VsSamePeriod, sec.Obstacles, sec.Recommendations, sec.NextSteps)
		}
		if err := s.execRows(ctx, tx, upsertSection, n, args); err != nil {
			return fmt.Errorf("store: section: %w", err)
		}
	}
	if n := len(w.actuals); n > 0 {
		args := make([]any, 0, 4*n)
		for _, a := range w.actuals {
			args = append(args, rep.ID, a.TargetID, a.Value, a.SamePeriod)
		}
		if err := s.execRows(ctx, tx, upsertActual, n, args); err != nil {
			return fmt.Errorf("store: actual: %w", err)
		}
	}
	if n := len(w.contributions); n > 0 {
		args := make([]any, 0, 3*n)
		for _, c := range w.contributions {
			args = append(args, rep.ID, c.TaskID, c.Text)
		}
		if err := s.execRows(ctx, tx, upsertContribution, n, args); err != nil {
			return fmt.Errorf("store: contribution: %w", err)
		}
	}
	return nil
}

// writePartsPostgres writes w's sections, values and contributions with one
// statement per table, each column sent as an array that the statement
// unnests: the statement's text, its plan and the work to set it up are the
// same for a dozen rows as for one, where a VALUES list has a parameter, and
// an expression for the server to prepare, per value. The parts of a report
// created in this transaction cannot exist yet, so they are inserted
// without the ON CONFLICT clause and its speculative insertion.
func (s *Store) writePartsPostgres(ctx context.Context, tx *sql.Tx, reportID int64, w *reportWrite, created bool) error {
	run := func(st rowsStmt, args ...any) error {
		q := st.head
		if !created {
			q += st.tail
		}
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	if n := len(w.sections); n > 0 {
		tasks := make([]int64, n)
		cols := make([][]string, 6)
		for i := range cols {
			cols[i] = make([]string, n)
		}
		for i, sec := range w.sections {
			tasks[i] = sec.TaskID
			cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i], cols[5][i] = sec.Status, sec.ResultVsPlan, sec.VsSamePeriod, sec.Obstacles, sec.Recommendations, sec.NextSteps
		}
		if err := run(unnestSections, reportID, tasks, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]); err != nil {
			return fmt.Errorf("store: section: %w", err)
		}
	}
	if n := len(w.actuals); n > 0 {
		targets, values, same := make([]int64, n), make([]*float64, n), make([]*float64, n)
		for i, a := range w.actuals {
			targets[i], values[i], same[i] = a.TargetID, a.Value, a.SamePeriod
		}
		if err := run(unnestActuals, reportID, targets, values, same); err != nil {
			return fmt.Errorf("store: actual: %w", err)
		}
	}
	if n := len(w.contributions); n > 0 {
		tasks, texts := make([]int64, n), make([]string, n)
		for i, c := range w.contributions {
			tasks[i], texts[i] = c.TaskID, c.Text
		}
		if err := run(unnestContributions, reportID, tasks, texts); err != nil {
			return fmt.Errorf("store: contribution: %w", err)
		}
	}
	return nil
}

// reportDiff is what the audit log keeps of a save: the version and state,
// and only the sections, values and contributions that changed (their old
// values before, their new ones after; a part that was empty is left out
// of before). A save from a form sends the whole report, and writing it
// twice into every audit row would make the log most of the database.
type reportDiff struct {
	Version       int                   `json:"version"`
	Status        tiendo.ReportStatus   `json:"status"`
	Sections      []sectionText         `json:"sections,omitempty"`
	Actuals       []tiendo.Actual       `json:"actuals,omitempty"`
	Contributions []tiendo.Contribution `json:"contributions,omitempty"`
}

// sectionText is a section without its values, which reportDiff lists apart.
type sectionText struct {
	TaskID          int64  `json:"task_id"`
	Status          string `json:"status"`
	ResultVsPlan    string `json:"result_vs_plan"`
	VsSamePeriod    string `json:"vs_same_period"`
	Obstacles       string `json:"obstacles"`
	Recommendations string `json:"recommendations"`
	NextSteps       string `json:"next_steps"`
}

func textOf(sec *tiendo.Section) sectionText {
	return sectionText{sec.TaskID, sec.Status, sec.ResultVsPlan, sec.VsSamePeriod, sec.Obstacles, sec.Recommendations, sec.NextSteps}
}

func emptyText(sec *tiendo.Section) bool {
	return sameText(sec, &tiendo.Section{})
}

// The statements a report's save runs most; Open prepares them on SQLite.
const (
	sqlInsertReport   = `INSERT INTO unit_reports (round_id, unit_id, status, version, late, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
	sqlUpdateReport   = `UPDATE unit_reports SET status = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`
	sqlDeleteAutosave = `DELETE FROM report_autosaves WHERE round_id = ? AND unit_id = ? AND user_id = ?`
	sqlActReport      = `UPDATE unit_reports SET status = ?, version = ?, submitted_at = ?, late = ?, updated_at = ?, return_comment = ?
		WHERE id = ? AND version = ?
		RETURNING (SELECT COUNT(*) FROM attachments a WHERE a.report_id = unit_reports.id AND a.removed_at IS NULL),
			(SELECT COALESCE(MAX(a.id), 0) FROM attachments a WHERE a.report_id = unit_reports.id AND a.removed_at IS NULL),
			(SELECT u.name FROM units u WHERE u.id = unit_reports.unit_id), (SELECT u.code FROM units u WHERE u.id = unit_reports.unit_id)`
	sqlInsertRevision = `INSERT INTO report_revisions (report_id, version, submitted_at, submitted_by, approved_by, late, body) VALUES (?, ?, ?, ?, ?, ?, ?)`
)

// The upserts of a report's parts, written for any number of rows.
var (
	upsertSection = rowsStmt{`INSERT INTO report_sections (report_id, task_id, status, result_vs_plan, vs_same_period, obstacles, recommendations, next_steps)
		VALUES `, `(?, ?, ?, ?, ?, ?, ?, ?)`, ` ON CONFLICT (report_id, task_id) DO UPDATE SET status = excluded.status,
		result_vs_plan = excluded.result_vs_plan, vs_same_period = excluded.vs_same_period, obstacles = excluded.obstacles,
		recommendations = excluded.recommendations, next_steps = excluded.next_steps`}
	upsertActual = rowsStmt{`INSERT INTO report_actuals (report_id, target_id, value, same_period) VALUES `, `(?, ?, ?, ?)`,
		` ON CONFLICT (report_id, target_id) DO UPDATE SET value = excluded.value, same_period = excluded.same_period`}
	upsertContribution = rowsStmt{`INSERT INTO report_contributions (report_id, task_id, text) VALUES `, `(?, ?, ?)`,
		` ON CONFLICT (report_id, task_id) DO UPDATE SET text = excluded.text`}
)

// The same upserts on PostgreSQL, each column an array (writePartsPostgres).
// Their tails are upsertSection's, upsertActual's and upsertContribution's.
var (
	unnestSections = rowsStmt{head: `INSERT INTO report_sections (report_id, task_id, status, result_vs_plan, vs_same_period, obstacles, recommendations, next_steps)
		SELECT $1::bigint, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`, tail: upsertSection.tail}
	unnestActuals = rowsStmt{head: `INSERT INTO report_actuals (report_id, target_id, value, same_period)
		SELECT $1::bigint, * FROM unnest($2::bigint[], $3::double precision[], $4::double precision[])`, tail: upsertActual.tail}
	unnestContributions = rowsStmt{head: `INSERT INTO report_contributions (report_id, task_id, text)
		SELECT $1::bigint, * FROM unnest($2::bigint[], $3::text[])`, tail: upsertContribution.tail}
)

// The one-row upserts, prepared on SQLite.
var (
	sqlUpsertSection      = upsertSection.head + upsertSection.row + upsertSection.tail
	sqlUpsertActual       = upsertActual.head + upsertActual.row + upsertActual.tail
	sqlUpsertContribution = upsertContribution.head + upsertContribution.row + upsertContribution.tail
)

// rowsStmt is a statement of the form head row, row, ... tail.
type rowsStmt struct{ head, row, tail string }

var rowsStmts sync.Map // rowsStmt, count and dialect -> query text

// execRows runs st for n rows with args, n rows' arguments in order. The
// query text for each count is built once.
func (s *Store) execRows(ctx context.Context, tx *sql.Tx, st rowsStmt, n int, args []any) error {
	if n == 1 {
		_, err := s.exec(ctx, tx, st.head+st.row+st.tail, args...)
		return err
	}
	type key struct {
		st rowsStmt
		n  int
		d  dialect
	}
	q, ok := rowsStmts.Load(key{st, n, s.dialect})
	if !ok {
		var b strings.Builder
		b.WriteString(st.head)
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(st.row)
		}
		b.WriteString(st.tail)
		q, _ = rowsStmts.LoadOrStore(key{st, n, s.dialect}, s.q(b.String()))
	}
	_, err := tx.ExecContext(ctx, q.(string), args...)
	return err
}

// The queries that read a unit's report, inside write transactions too.
const (
	sqlReportRow = `SELECT id, status, version, submitted_at, late, updated_at, return_comment,
		(SELECT COUNT(*) FROM attachments a WHERE a.report_id = unit_reports.id AND a.removed_at IS NULL)
		FROM unit_reports WHERE round_id = ? AND unit_id = ?`
	// sqlRoundReportRow is the round's stamp (sqlRoundStamp) and the report's
	// row, NULLs when there is none yet.
	sqlRoundReportRow = `SELECT st.stamp, ur.id, ur.status, ur.version, ur.submitted_at, ur.late, ur.updated_at, ur.return_comment,
		(SELECT COUNT(*) FROM attachments a WHERE a.report_id = ur.id AND a.removed_at IS NULL)
		FROM (SELECT (` + sqlRoundStamp + `) AS stamp) st
		LEFT JOIN unit_reports ur ON ur.round_id = ? AND ur.unit_id = ?`
	// sqlReportParts reads sections (kind 1), values (2) and contributions
	// (3) as rows of one shape.
	sqlReportParts = `SELECT 1, task_id, status, result_vs_plan, vs_same_period, obstacles, recommendations, next_steps,
			CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS DOUBLE PRECISION) FROM report_sections WHERE report_id = ?
		UNION ALL SELECT 2, target_id, '', '', '', '', '', '', value, same_period FROM report_actuals WHERE report_id = ?
		UNION ALL SELECT 3, task_id, text, '', '', '', '', '', NULL, NULL FROM report_contributions WHERE report_id = ?`
	sqlAttachments     = `SELECT id, name, content_type, size, created_at FROM attachments WHERE report_id = ? AND removed_at IS NULL ORDER BY id`
	sqlAttachmentsMark = `SELECT COUNT(*), COALESCE(MAX(id), 0) FROM attachments WHERE report_id = ? AND removed_at IS NULL`
	sqlReopened        = `SELECT reopened FROM round_units WHERE round_id = ? AND unit_id = ?`
	sqlReportVersion   = `SELECT version FROM unit_reports WHERE id = ?`
	sqlUnitName        = `SELECT name, code FROM units WHERE id = ?`
)

var hotWrites = []string{sqlInsertReport, sqlUpdateReport, sqlUpsertSection, sqlUpsertActual, sqlUpsertContribution,
	sqlDeleteAutosave, sqlActReport, sqlInsertRevision,
	sqlReportRow, sqlRoundReportRow, sqlReportParts, sqlAttachments, sqlReopened, sqlReportVersion, sqlUnitName, sqlAttachmentsMark,
	sqlChainHead, sqlInsertAudit, sqlMoveChainHead}

// sameText reports whether two sections hold the same status and texts.
func sameText(a, b *tiendo.Section) bool {
	return a.Status == b.Status && a.ResultVsPlan == b.ResultVsPlan && a.VsSamePeriod == b.VsSamePeriod &&
		a.Obstacles == b.Obstacles && a.Recommendations == b.Recommendations && a.NextSteps == b.NextSteps
}

func sameNumber(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// mergeReport completes a saved report with the parts of before it did not
// send, so that rep is the whole report as now stored: the caller answers
// with it instead of reading it again.
func mergeReport(before, rep *tiendo.UnitReport) {
	sent := map[int64]*tiendo.Section{}
	for _, sec := range rep.Sections {
		sent[sec.TaskID] = sec
	}
	sections := make([]*tiendo.Section, 0, len(before.Sections))
	for _, old := range before.Sections {
		sec := sent[old.TaskID]
		if sec == nil {
			sections = append(sections, old)
			continue
		}
		vals := map[int64]tiendo.Actual{}
		for _, a := range sec.Actuals {
			vals[a.TargetID] = a
		}
		actuals := make([]tiendo.Actual, 0, len(old.Actuals))
		for _, a := range old.Actuals {
			if v, ok := vals[a.TargetID]; ok {
				a = v
			}
			actuals = append(actuals, a)
		}
		sec.Actuals = actuals
		sections = append(sections, sec)
	}
	rep.Sections = sections
	texts := map[int64]string{}
	for _, c := range rep.Contributions {
		texts[c.TaskID] = c.Text
	}
	contributions := make([]tiendo.Contribution, 0, len(before.Contributions))
	for _, c := range before.Contributions {
		if t, ok := texts[c.TaskID]; ok {
			c.Text = t
		}
		contributions = append(contributions, c)
	}
	rep.Contributions = contributions
}

// sectionStatusList names the statuses a section may take, for a message:
// "completed" (Đã hoàn thành), ….
func sectionStatusList() string {
	var b strings.Builder
	for i, x := range tiendo.SectionStatuses {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q (%s)", x.Value, x.Label)
	}
	return b.String()
}

func validSectionStatus(s string) bool {
	for _, x := range tiendo.SectionStatuses {
		if x.Value == s {
			return true
		}
	}
	return false
}

// ActRequest is a step in a unit report's life other than saving.
type ActRequest struct {
	Action  tiendo.ReportAction
	Version int    // the version the person acted on
	Comment string // required to return a report
	Confirm bool   // the person confirmed values far outside the usual
	// CheckOnly checks that the step would be taken, and writes nothing:
	// the report page asks the person to confirm a submission only once
	// the submission would go. The report comes back as the step would
	// leave it (its state, and Late for a submission).
	CheckOnly bool
	// PromisedOnTime: the person was told the submission would be on time
	// (the report page's confirmation). A submission that is late by the
	// clock the store stamps it with is then refused with ErrTurnedLate
	// and nothing is written, rather than sent late without a word: the
	// deadline may pass between the confirmation and the click, or between
	// the click and this transaction.
	PromisedOnTime bool
}

// ErrTurnedLate refuses a submission promised on time (ActRequest's
// PromisedOnTime) that the deadline overtook.
var ErrTurnedLate = tiendo.Errorf(tiendo.ECONFLICT, "Đã quá hạn trong lúc chờ xác nhận: báo cáo chưa được gửi. Nếu gửi bây giờ, báo cáo sẽ được ghi là gửi quá hạn.")

// ActOnReport moves unit unitID's report for round roundID through its
// state machine: send it for the unit head's review, submit it, return or
// accept it. Submitting stamps the time, marks it on time or late against
// the round's deadline, keeps an immutable revision and tells the office;
// returning tells the unit. Each is one transaction with its audit row.
func (s *Store) ActOnReport(ctx context.Context, actor Actor, u *tiendo.User, roundID, unitID int64, req ActRequest) (*tiendo.UnitReport, error) {
	if !tiendo.Allowed(u, req.Action.Permission(), unitID) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này với báo cáo của đơn vị.")
	}
	// A unit's step judged on a round the office changed meanwhile is
	// taken again on the round as it now is: nothing of it was written.
	for try := 0; ; try++ {
		rep, err := s.actOnReport(ctx, actor, u, roundID, unitID, req)
		if !errors.Is(err, errRoundMoved) {
			return rep, err
		}
		if try == 2 {
			return nil, tiendo.Errorf(tiendo.ECONFLICT, "Văn phòng vừa thay đổi đợt báo cáo (hạn gửi hoặc khóa đợt) trong lúc bạn thao tác; báo cáo chưa được gửi đi. Hãy tải lại trang rồi thực hiện lại.")
		}
	}
}

// errRoundMoved: the round a unit's step was judged on changed before the
// step's transaction (an extension, its withdrawal, a lock), so the step,
// rolled back, must be judged again.
var errRoundMoved = errors.New("store: the round changed under the step")

// testHookBeforeActTx, when set by a test, runs between a step's reads
// and its transaction: where an office's change can cross it.
var testHookBeforeActTx func()

func (s *Store) actOnReport(ctx context.Context, actor Actor, u *tiendo.User, roundID, unitID int64, req ActRequest) (*tiendo.UnitReport, error) {
	// The report is read and checked before the write transaction, as in
	// SaveReport: the UPDATE below applies only to the version read, and
	// a unit's step only to the round as read (its stamp, checked in the
	// transaction once the report's row is held).
	round, rep, stamp, err := s.roundReportAt(ctx, u, roundID, unitID)
	if err != nil {
		return nil, err
	}
	unitStep := req.Action != tiendo.ReportReturn && req.Action != tiendo.ReportAccept
	if unitStep {
		if err := s.editable(ctx, s.rdb, round, unitID); err != nil {
			return nil, err // refused early; checked again in the transaction
		}
	}
	if rep.Version != req.Version {
		return nil, tiendo.Errorf(tiendo.ECONFLICT, "Báo cáo đã được lưu ở nơi khác (có thể từ một thẻ hoặc máy khác) sau khi bạn mở; hãy tải lại trang rồi thực hiện lại.")
	}
	to, ok := rep.Status.Next(req.Action)
	if !ok {
		return nil, tiendo.Errorf(tiendo.ECONFLICT, "Không thể %s khi báo cáo đang ở trạng thái “%s”.", actionVerb(req.Action), rep.Status.Label())
	}
	if err := checkActor(round, u, rep.Status, req.Action); err != nil {
		return nil, err
	}
	if req.Action == tiendo.ReportSubmit || req.Action == tiendo.ReportSendForReview {
		if err := tiendo.CheckReport(round, rep, req.Confirm); err != nil {
			return nil, err
		}
	}
	if req.Action == tiendo.ReportWithdrawReview {
		// Back where it was when it was sent for review: a draft, or a
		// report the office returned, whose reason (kept on the report)
		// then reads as the office's again. The state is the one the
		// audit log kept of that step; without it, a draft.
		var was string
		err := s.rdb.QueryRowContext(ctx, s.q(`SELECT before FROM audit_log WHERE entity = 'unit_report' AND entity_id = ? AND action = ?
			ORDER BY id DESC LIMIT 1`), rep.ID, tiendo.ReportSendForReview).Scan(&was)
		var b struct {
			Status tiendo.ReportStatus `json:"status"`
		}
		if err == nil && json.Unmarshal([]byte(was), &b) == nil && b.Status == tiendo.ReportReturned {
			to = tiendo.ReportReturned
		}
	}
	if req.Action == tiendo.ReportSendForReview {
		// Sent to nobody, a report would wait for good.
		var heads int
		if err := s.rdb.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM users WHERE unit_id = ? AND role = ? AND NOT disabled`),
			unitID, tiendo.RoleUnitHead).Scan(&heads); err != nil {
			return nil, fmt.Errorf("store: unit heads: %w", err)
		}
		if heads == 0 {
			return nil, tiendo.Errorf(tiendo.ECONFLICT, "Đơn vị chưa có tài khoản lãnh đạo đơn vị nên chưa ai duyệt được báo cáo. Hãy đề nghị quản trị hệ thống tạo tài khoản lãnh đạo đơn vị rồi trình lại.")
		}
	}
	req.Comment = nfc(req.Comment)
	if req.Action == tiendo.ReportReturn && req.Comment == "" {
		return nil, &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.", Fields: map[string]string{"comment": "Hãy ghi lý do trả lại."}}
	}
	if req.Action == tiendo.ReportHeadReturn && req.Comment == "" {
		return nil, &tiendo.Error{Code: tiendo.EINVALID, Message: "Hãy ghi lý do trả lại để cán bộ biết cần sửa gì.", Fields: map[string]string{"comment": "Hãy ghi lý do trả lại."}}
	}
	// A report the unit head approves was written by whoever sent it for
	// review: the revision names them as its sender, and the head as its
	// approver. The audit log holds who sent it (read as the withdrawal
	// above reads it); the version check below makes it the sending of the
	// report as read.
	writer, approver := actor.UserID, int64(0)
	if req.Action == tiendo.ReportSubmit && rep.Status == tiendo.ReportReview && rep.ID != 0 && !req.CheckOnly {
		var by sql.NullInt64
		err := s.rdb.QueryRowContext(ctx, s.q(`SELECT user_id FROM audit_log WHERE entity = 'unit_report' AND entity_id = ? AND action = ?
			ORDER BY id DESC LIMIT 1`), rep.ID, tiendo.ReportSendForReview).Scan(&by)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("store: report writer: %w", err)
		}
		writer, approver = by.Int64, actor.UserID // unknown (0) when the log no longer has it
	}
	// Sent before: an arrival is a resubmission, whether the unit sent it
	// straight back or through its head.
	resent := !rep.SubmittedAt.IsZero()
	// Everything but the statements is worked out before the transaction.
	before := rep.Status
	now := s.now()
	rep.Status, rep.UpdatedAt = to, now
	rep.Version = req.Version + 1
	// The reason of the latest return, the office's or the unit head's, is
	// kept on the report. Which one it is follows from the state: only the
	// office's return leads to "returned", and only the head's leads back
	// to "draft" once the report has left it. A later step keeps it, as the
	// record of the last return, but the report page shows it only in those
	// two states, so once the reporter sends the report on it no longer
	// reads as the current reason.
	comment := rep.ReturnComment
	if req.Action == tiendo.ReportReturn || req.Action == tiendo.ReportHeadReturn {
		comment = req.Comment
	}
	rep.ReturnComment = comment
	if req.Action == tiendo.ReportSubmit {
		// Timeliness is the first submission's: a report returned for
		// revision and resubmitted stays on time if it first came on time.
		if rep.SubmittedAt.IsZero() {
			rep.Late = !now.Before(round.Deadline)
		}
		if req.PromisedOnTime && rep.Late && !resent {
			return nil, ErrTurnedLate
		}
		rep.SubmittedAt = now
	}
	if req.CheckOnly {
		return rep, nil
	}
	var submitted any
	if !rep.SubmittedAt.IsZero() {
		submitted = rep.SubmittedAt
	}
	var body []byte
	if req.Action == tiendo.ReportSubmit && rep.ID != 0 {
		body, _ = json.Marshal(rep)
	}
	was := encodeJSON(map[string]any{"status": before, "version": req.Version})
	is := encodeJSON(map[string]any{"status": rep.Status, "version": rep.Version, "late": rep.Late, "comment": req.Comment})
	if testHookBeforeActTx != nil {
		testHookBeforeActTx()
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if unitStep {
			if err := s.editable(ctx, tx, round, unitID); err != nil {
				return err
			}
		}
		var err error
		// The UPDATE also answers what the rest of the step needs: the
		// report's files (count and newest) and the unit's name and code.
		var files, lastFile int64
		var unit unitName
		marked := false
		if rep.ID == 0 {
			err = tx.QueryRowContext(ctx, s.q(`INSERT INTO unit_reports (round_id, unit_id, status, version, submitted_at, late, updated_at, return_comment)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), roundID, unitID, rep.Status, rep.Version, submitted, rep.Late, now, comment).Scan(&rep.ID)
			if s.dialect.isUniqueViolation(err) {
				return staleError(1, req.Version)
			}
		} else {
			err = s.prep(tx).QueryRowContext(ctx, s.q(sqlActReport), rep.Status, rep.Version, submitted, rep.Late, now, comment, rep.ID, req.Version).
				Scan(&files, &lastFile, &unit.name, &unit.code)
			if errors.Is(err, sql.ErrNoRows) {
				return staleError(s.currentVersion(ctx, tx, rep.ID, req.Version+1), req.Version)
			}
			// On PostgreSQL the files the UPDATE answers are read as of
			// the statement's start: when it waited for a file attached
			// or removed beside it (AddAttachment and RemoveAttachment
			// hold the report's row), they miss that change, and the
			// files are read again below.
			marked = err == nil && s.dialect != postgres
		}
		if err != nil {
			return fmt.Errorf("store: %s report: %w", req.Action, err)
		}
		if unitStep {
			// Whether the step is on time, and allowed in a locked round,
			// was judged on the round as read. Every change of a round's
			// deadline or lock, and of a unit's own deadline, moves the
			// round's audit stamp, read here after the write: a change
			// committed before it sends the step back to be judged again.
			// On SQLite the writes take turns. On PostgreSQL a change for
			// one unit holds the unit's report row (or the unit's, before
			// any report), so this write waits for it and the read after
			// sees it; a change of the whole round committed after this
			// read comes after the step, which stands as judged.
			var current int64
			if err := s.prep(tx).QueryRowContext(ctx, s.q(sqlRoundStamp), roundID).Scan(&current); err != nil {
				return fmt.Errorf("store: round stamp: %w", err)
			}
			if current != stamp {
				return errRoundMoved
			}
		}
		if req.Action == tiendo.ReportSubmit {
			// Attachments are added without a new version: if one came
			// since the report was read, the revision is encoded again so
			// that it holds every file the report had (and so it is when the
			// report row was only now created).
			n, last := files, lastFile
			if !marked {
				if err := s.prep(tx).QueryRowContext(ctx, s.q(sqlAttachmentsMark), rep.ID).Scan(&n, &last); err != nil {
					return fmt.Errorf("store: attachments: %w", err)
				}
			}
			if body == nil || n != int64(len(rep.Attachments)) || (n > 0 && last != rep.Attachments[len(rep.Attachments)-1].ID) {
				if rep.Attachments, err = s.attachments(ctx, tx, rep.ID); err != nil {
					return err
				}
				body, _ = json.Marshal(rep)
			}
			if _, err := s.exec(ctx, tx, sqlInsertRevision,
				rep.ID, rep.Version, now, nullID(writer), nullID(approver), !now.Before(round.Deadline), string(body)); err != nil {
				return fmt.Errorf("store: revision: %w", err)
			}
		}
		if err := s.announce(ctx, tx, round, rep, unit, req.Action, before, resent); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, string(req.Action), "unit_report", rep.ID, was, is)
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

func actionVerb(a tiendo.ReportAction) string {
	switch a {
	case tiendo.ReportSubmit:
		return "gửi báo cáo"
	case tiendo.ReportSendForReview:
		return "trình lãnh đạo đơn vị duyệt"
	case tiendo.ReportHeadReturn:
		return "trả lại cho cán bộ"
	case tiendo.ReportWithdrawReview:
		return "rút lại báo cáo đã trình"
	case tiendo.ReportReturn:
		return "trả lại báo cáo"
	case tiendo.ReportAccept:
		return "tiếp nhận báo cáo"
	}
	return string(a)
}

// checkActor applies the rules the state machine alone cannot: when a round
// asks for the unit head's approval, only the head sends the report on.
func checkActor(r *tiendo.Round, u *tiendo.User, from tiendo.ReportStatus, a tiendo.ReportAction) error {
	if a == tiendo.ReportSubmit && r.HeadApproval && u.Role != tiendo.RoleUnitHead {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Đợt này yêu cầu lãnh đạo đơn vị duyệt trước khi gửi: hãy bấm “Trình lãnh đạo đơn vị duyệt”.")
	}
	if a == tiendo.ReportSubmit && from == tiendo.ReportReview && u.Role != tiendo.RoleUnitHead {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Báo cáo đang chờ lãnh đạo đơn vị duyệt.")
	}
	return nil
}

// announce tells the people concerned: the office when a report arrives,
// the unit when its report comes back or is accepted, the reporter when the
// unit's head approves and sends it. All hear it in the app; the arrival, a
// return and a request for review also come by e-mail (queueReportMail),
// queued in the outbox in the same transaction, so a submission is never
// without its messages, and a submission also cancels the reminders still
// waiting for the unit. An approval or an acceptance is good news that
// needs no action: the bell is enough.
//
// unit is the report's unit's name and code, when the caller has them;
// resent says the report had been submitted before this step.
func (s *Store) announce(ctx context.Context, tx *sql.Tx, r *tiendo.Round, rep *tiendo.UnitReport, unit unitName, a tiendo.ReportAction, before tiendo.ReportStatus, resent bool) error {
	unitID := rep.UnitID
	if unit.code == "" {
		if err := s.prep(tx).QueryRowContext(ctx, s.q(sqlUnitName), unitID).Scan(&unit.name, &unit.code); err != nil {
			return fmt.Errorf("store: announce: %w", err)
		}
	}
	name, code := unit.name, unit.code
	link := fmt.Sprintf("/rounds/%d/reports/%s", r.ID, code)
	// The office saw the report last as it returned it: a resubmission
	// that went through the unit head (returned, reviewed, approved) is
	// told as one, like a resubmission sent straight back, and not as a
	// second "đã gửi báo cáo" the office could not tell from the first.
	seen := before
	if a == tiendo.ReportSubmit && before == tiendo.ReportReview && resent {
		seen = tiendo.ReportReturned
	}
	if err := s.queueReportMail(ctx, tx, r, rep, name, link, a, seen); err != nil {
		return err
	}
	switch a {
	case tiendo.ReportSubmit:
		what := "đã gửi báo cáo"
		if seen == tiendo.ReportReturned {
			what = "đã gửi lại báo cáo sau khi sửa"
		}
		if before == tiendo.ReportReview {
			// The reporter who asked for the review hears that it went.
			if err := s.notifyUnitRole(ctx, tx, unitID, tiendo.RoleReporter, "report_head_approved",
				"Lãnh đạo đơn vị đã duyệt và gửi báo cáo đến Văn phòng: "+r.Title, link); err != nil {
				return err
			}
		}
		return s.notifyRoles(ctx, tx, []tiendo.Role{tiendo.RoleOffice}, "report_submitted", fmt.Sprintf("%s %s: %s", name, what, r.Title), link)
	case tiendo.ReportAccept:
		return s.notifyUnits(ctx, tx, []int64{unitID}, "report_accepted", "Văn phòng đã tiếp nhận báo cáo: "+r.Title, link)
	case tiendo.ReportReturn:
		return s.notifyUnits(ctx, tx, []int64{unitID}, "report_returned",
			"Văn phòng đã trả lại báo cáo để bổ sung: "+strings.TrimRight(r.Title, ". ")+". Lý do: "+clip(rep.ReturnComment, notificationReason), link)
	case tiendo.ReportSendForReview:
		return s.notifyUnitRole(ctx, tx, unitID, tiendo.RoleUnitHead, "report_review", "Báo cáo chờ đồng chí duyệt: "+r.Title, link)
	case tiendo.ReportHeadReturn:
		return s.notifyUnitRole(ctx, tx, unitID, tiendo.RoleReporter, "report_head_returned",
			"Lãnh đạo đơn vị đã trả lại báo cáo: "+strings.TrimRight(r.Title, ". ")+". Lý do: "+clip(rep.ReturnComment, notificationReason), link)
	}
	return nil
}

// unitName is a unit's name and code, for the messages of a report's step.
type unitName struct{ name, code string }

// Revision is one submission of a unit report, kept whole.
type Revision struct {
	// Number is the submission's place among the report's submissions,
	// from 1, oldest first. People count submissions this way; Version is
	// the report's version when it was submitted, which saves bump too.
	Number      int
	Version     int
	SubmittedAt time.Time
	// SubmittedBy is the submitter's username, and SubmitterName their full
	// name or, when they have none, their username. Both are empty when the
	// submitter is unknown: the revision records no user, as when data is
	// loaded without one (the demo does so).
	SubmittedBy   string
	SubmitterName string
	// ApprovedBy and ApproverName name the unit head who approved the
	// submission, in a round that asks for the head's approval: the head
	// sent on what SubmittedBy wrote and sent for review. Both are empty
	// when the submission went without approval, and for an approval made
	// before approvals were recorded whose sending for review the audit
	// log no longer held (migration 0027), which names the head as sender.
	ApprovedBy   string
	ApproverName string
	Late         bool
	Report       *tiendo.UnitReport
}

// Revisions returns every submission of unit unitID's report in round
// roundID, oldest first, if u may read it.
func (s *Store) Revisions(ctx context.Context, u *tiendo.User, roundID, unitID int64) ([]Revision, error) {
	// Every revision was sent: whoever may read the unit's reports reads
	// them, a reader too while the report is back with its unit
	// (tiendo.ReadsSentOnly is about the working copy, not these).
	if !tiendo.Allowed(u, tiendo.ActionReadReport, unitID) {
		return nil, tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy báo cáo, hoặc bạn không có quyền xem báo cáo này.")
	}
	if _, _, err := s.roundReport(ctx, u, roundID, unitID); err != nil {
		return nil, err
	}
	// Versions only grow, and each submission takes a new one in the same
	// transaction that checks it, so version order is the order in which
	// the submissions happened, whatever the clock said.
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT rv.version, rv.submitted_at, COALESCE(us.username, ''), COALESCE(us.full_name, ''),
		COALESCE(ap.username, ''), COALESCE(ap.full_name, ''), rv.late, rv.body
		FROM report_revisions rv JOIN unit_reports r ON r.id = rv.report_id LEFT JOIN users us ON us.id = rv.submitted_by
		LEFT JOIN users ap ON ap.id = rv.approved_by
		WHERE r.round_id = ? AND r.unit_id = ? ORDER BY rv.version`), roundID, unitID)
	if err != nil {
		return nil, fmt.Errorf("store: revisions: %w", err)
	}
	defer rows.Close()
	out := []Revision{}
	for rows.Next() {
		rv := Revision{Number: len(out) + 1}
		var body string
		if err := rows.Scan(&rv.Version, &rv.SubmittedAt, &rv.SubmittedBy, &rv.SubmitterName, &rv.ApprovedBy, &rv.ApproverName, &rv.Late, &body); err != nil {
			return nil, err
		}
		if strings.TrimSpace(rv.SubmitterName) == "" {
			rv.SubmitterName = rv.SubmittedBy
		}
		if strings.TrimSpace(rv.ApproverName) == "" {
			rv.ApproverName = rv.ApprovedBy
		}
		if err := json.Unmarshal([]byte(body), &rv.Report); err != nil {
			return nil, fmt.Errorf("store: revision %d: %w", rv.Version, err)
		}
		out = append(out, rv)
	}
	return out, rows.Err()
}

// LockRound stops submissions to a round whose deadline has passed; units
// can then be reopened one by one. A round already as asked (locked twice,
// by a double click or two people at once) is left as it is: the time it
// was locked stays the first's, and nothing more is recorded. The round is
// read under its lock (publishLock), so that the second at once reads the
// first's.
func (s *Store) LockRound(ctx context.Context, actor Actor, id int64, locked bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var status tiendo.RoundStatus
		var lockedAt sql.NullTime
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status, locked_at FROM rounds WHERE id = ?`+s.publishLock()), id).Scan(&status, &lockedAt); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		if status != tiendo.RoundOpen {
			return tiendo.Errorf(tiendo.ECONFLICT, "Chỉ khóa hoặc mở khóa được đợt báo cáo đang mở.")
		}
		if lockedAt.Valid == locked {
			return nil
		}
		var at any
		if locked {
			at = s.now()
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE rounds SET locked_at = ? WHERE id = ?`), at, id); err != nil {
			return fmt.Errorf("store: lock round: %w", err)
		}
		// A unit reopened belongs to one lock: unlocking ends it, and so
		// does a lock, so that a unit reopened while the round was open
		// (another office's page left open) is locked with the others.
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE round_units SET reopened = FALSE WHERE round_id = ? AND reopened`), id); err != nil {
			return fmt.Errorf("store: lock round: %w", err)
		}
		return s.audit(ctx, tx, actor, map[bool]string{true: "lock", false: "unlock"}[locked], "round", id, nil, nil)
	})
}

// ReopenUnit lets one unit change and submit its report in a locked round.
func (s *Store) ReopenUnit(ctx context.Context, actor Actor, roundID, unitID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE round_units SET reopened = TRUE WHERE round_id = ? AND unit_id = ?`), roundID, unitID)
		if err != nil {
			return fmt.Errorf("store: reopen: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tiendo.Errorf(tiendo.ENOTFOUND, "Đơn vị này không có trong đợt báo cáo.")
		}
		var title string
		tx.QueryRowContext(ctx, s.q(`SELECT title FROM rounds WHERE id = ?`), roundID).Scan(&title)
		if err := s.notifyUnits(ctx, tx, []int64{unitID}, "round_reopened", "Văn phòng đã mở lại đợt báo cáo cho đơn vị: "+title, fmt.Sprintf("/rounds/%d", roundID)); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "reopen", "round", roundID, nil, map[string]any{"unit_id": unitID})
	})
}

// SaveAutosave keeps what u has typed into a report form but not saved.
func (s *Store) SaveAutosave(ctx context.Context, u *tiendo.User, roundID, unitID int64, body string) error {
	if !tiendo.Allowed(u, tiendo.ActionEditReport, unitID) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Bạn chỉ được sửa báo cáo của đơn vị mình.")
	}
	if len(body) > 4<<20 {
		return tiendo.Errorf(tiendo.ETOOLARGE, "Nội dung quá lớn để lưu tự động.")
	}
	// One statement replaces the row or makes it: a delete and then an
	// insert failed on the key, on PostgreSQL, when another autosave of
	// the same person (a second tab) inserted its row in between.
	if err := s.execWrite(ctx, s.q(`INSERT INTO report_autosaves (round_id, unit_id, user_id, saved_at, body) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (round_id, unit_id, user_id) DO UPDATE SET saved_at = excluded.saved_at, body = excluded.body`),
		roundID, unitID, u.ID, s.now(), strings.ToValidUTF8(body, "\uFFFD")); err != nil {
		return fmt.Errorf("store: autosave: %w", err)
	}
	return nil
}

// Autosave returns what u typed into the report form and had not saved,
// with when it was kept; ENOTFOUND when there is nothing.
func (s *Store) Autosave(ctx context.Context, u *tiendo.User, roundID, unitID int64) (string, time.Time, error) {
	var body string
	var at time.Time
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT body, saved_at FROM report_autosaves WHERE round_id = ? AND unit_id = ? AND user_id = ?`),
		roundID, unitID, u.ID).Scan(&body, &at)
	if err != nil {
		return "", time.Time{}, notFound(err, "Không có bản lưu tự động.")
	}
	return body, at, nil
}

// ReportState is where one unit's report for a round stands.
type ReportState struct {
	UnitID      int64
	Status      tiendo.ReportStatus
	Version     int
	SubmittedAt time.Time
	Late        bool
	UpdatedAt   time.Time
	Reopened    bool // the office reopened the locked round for this unit
	// HeadReturned is a draft the unit head sent back to the reporter with
	// a reason (a draft carries a reason only then: see ActOnReport).
	HeadReturned bool
}

// ReportStates returns the state of every unit asked to report in round
// roundID, keyed by unit; units that saved nothing are in state missing.
// The caller has checked that the user may see the round.
func (s *Store) ReportStates(ctx context.Context, roundID int64) (map[int64]*ReportState, error) {
	return s.reportStates(ctx, roundID, 0)
}

// UnitReportState is ReportStates for the one unit unitID: nil when the
// round does not ask it to report. A reporter's home page reads this, not a
// province's thousands of states, at the deadline when every reporter opens it.
func (s *Store) UnitReportState(ctx context.Context, roundID, unitID int64) (*ReportState, error) {
	states, err := s.reportStates(ctx, roundID, unitID)
	return states[unitID], err
}

// reportStates reads the states of round roundID's units, or of unit
// unitID alone when it is not 0.
func (s *Store) reportStates(ctx context.Context, roundID, unitID int64) (map[int64]*ReportState, error) {
	query := `SELECT ru.unit_id, COALESCE(ur.status, 'missing'), COALESCE(ur.version, 0), ur.submitted_at,
		COALESCE(ur.late, FALSE), ur.updated_at, ru.reopened,
		COALESCE(ur.status = 'draft' AND ur.return_comment <> '', FALSE)
		FROM round_units ru LEFT JOIN unit_reports ur ON ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id
		WHERE ru.round_id = ?`
	args := []any{roundID}
	if unitID != 0 {
		query += ` AND ru.unit_id = ?`
		args = append(args, unitID)
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("store: report states: %w", err)
	}
	defer rows.Close()
	out := map[int64]*ReportState{}
	for rows.Next() {
		var st ReportState
		var submitted, updated sql.NullTime
		if err := rows.Scan(&st.UnitID, &st.Status, &st.Version, &submitted, &st.Late, &updated, &st.Reopened, &st.HeadReturned); err != nil {
			return nil, err
		}
		st.SubmittedAt, st.UpdatedAt = submitted.Time, updated.Time
		out[st.UnitID] = &st
	}
	return out, rows.Err()
}

// Reopened reports whether the office reopened locked round roundID for
// unit unitID.
func (s *Store) Reopened(ctx context.Context, roundID, unitID int64) (bool, error) {
	var reopened bool
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT reopened FROM round_units WHERE round_id = ? AND unit_id = ?`), roundID, unitID).Scan(&reopened)
	if err != nil {
		return false, notFound(err, "Đơn vị này không có trong đợt báo cáo.")
	}
	return reopened, nil
}
