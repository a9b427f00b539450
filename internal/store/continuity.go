package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"tiendo"
	"tiendo/internal/continuity"
)

// Successor is what a new round started from an earlier one needs.
type Successor struct {
	Title      string
	Subject    string // the directive's subject; the earlier round's when empty
	Period     tiendo.Period
	Deadline   time.Time
	Unfinished bool // carry only the tasks not yet reported as completed
}

// CreateSuccessor starts a new draft round from round fromID ("tạo đợt mới
// từ đợt trước"): the same units, and its tasks with their units and
// targets, each linked to its predecessor so that values carry across
// periods. With Unfinished, tasks whose lead units all reported them
// completed are left behind.
func (s *Store) CreateSuccessor(ctx context.Context, actor Actor, u *tiendo.User, fromID int64, next Successor) (*tiendo.Round, error) {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được tạo đợt báo cáo.")
	}
	prev, err := s.Round(ctx, u, fromID)
	if err != nil {
		return nil, err
	}
	done := map[int64]bool{}
	if next.Unfinished {
		if done, err = s.completedTasks(ctx, fromID); err != nil {
			return nil, err
		}
	}
	// The directive's text is not carried: it is the request the earlier
	// round was built from, with its number, date and the documents it
	// cites, all about the earlier period. The new round is asked for by
	// its own công văn (Soạn công văn), which its documents then cite.
	// Units that stopped working before the new deadline (merged,
	// abolished) are left out: the units that took their work over are
	// the office's to add.
	gone, err := s.retiredBefore(ctx, next.Deadline)
	if err != nil {
		return nil, err
	}
	r := &tiendo.Round{Title: next.Title, Period: next.Period, Deadline: next.Deadline, Status: tiendo.RoundDraft,
		Issuer: prev.Issuer, DocSymbol: prev.DocSymbol, Subject: prev.Subject, ReportContents: prev.ReportContents,
		HeadApproval: prev.HeadApproval, Brief: prev.Brief}
	for _, id := range prev.UnitIDs {
		if !gone[id] {
			r.UnitIDs = append(r.UnitIDs, id)
		}
	}
	// A title or subject left as it was names the earlier period: it is
	// moved to the new one ("6 tháng đầu năm 2022" becomes "năm 2022").
	if r.Title == "" || r.Title == prev.Title {
		r.Title = continuity.Retitle(prev.Title, prev.Period, next.Period)
	}
	r.Subject = cmp.Or(next.Subject, continuity.Retitle(prev.Subject, prev.Period, next.Period))
	var links [][2]int64 // new task position -> predecessor task id
	for _, t := range prev.Tasks {
		if done[t.ID] {
			continue
		}
		nt := &tiendo.Task{Label: t.Label, Text: t.Text}
		for _, a := range t.Assignees {
			if !gone[a.UnitID] {
				nt.Assignees = append(nt.Assignees, a)
			}
		}
		for _, tg := range t.Targets {
			c := *tg
			c.ID, c.TaskID = 0, 0
			if gone[c.ReportedBy] {
				c.ReportedBy = 0
			}
			nt.Targets = append(nt.Targets, &c)
		}
		r.Tasks = append(r.Tasks, nt)
		links = append(links, [2]int64{int64(len(r.Tasks) - 1), t.ID})
	}
	if err := s.CreateRound(ctx, actor, r); err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE rounds SET predecessor_id = ? WHERE id = ?`), fromID, r.ID); err != nil {
			return fmt.Errorf("store: successor: %w", err)
		}
		for _, l := range links {
			nt := r.Tasks[l[0]]
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE tasks SET predecessor_id = ? WHERE id = ?`), l[1], nt.ID); err != nil {
				return fmt.Errorf("store: successor task: %w", err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE targets SET predecessor_id =
				(SELECT p.id FROM targets p WHERE p.task_id = ? AND p.position = targets.position) WHERE task_id = ?`), l[1], nt.ID); err != nil {
				return fmt.Errorf("store: successor targets: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// EarlierSource is the directive text of the nearest round before round id
// in its chain of successors that has one, "" when none has: what a
// successor's documents read for the place name and the body the reports
// answer to, which carry across periods, and not for the documents cited,
// which do not.
func (s *Store) EarlierSource(ctx context.Context, id int64) (string, error) {
	for range 100 { // a chain of successors is acyclic; the bound only guards the loop
		var prev sql.NullInt64
		var source string
		err := s.rdb.QueryRowContext(ctx, s.q(`SELECT r.predecessor_id, COALESCE(p.source, '')
			FROM rounds r LEFT JOIN rounds p ON p.id = r.predecessor_id WHERE r.id = ?`), id).Scan(&prev, &source)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !prev.Valid) {
			return "", nil
		} else if err != nil {
			return "", fmt.Errorf("store: earlier directive: %w", err)
		}
		if source != "" {
			return source, nil
		}
		id = prev.Int64
	}
	return "", nil
}

// completedTasks returns the tasks of round id that every lead unit
// reported as completed in a report that reached the office.
func (s *Store) completedTasks(ctx context.Context, id int64) (map[int64]bool, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT tu.task_id,
		SUM(CASE WHEN rs.status = 'completed' AND ur.status IN ('submitted', 'accepted') THEN 1 ELSE 0 END), COUNT(*)
		FROM task_units tu JOIN tasks t ON t.id = tu.task_id
		LEFT JOIN unit_reports ur ON ur.round_id = t.round_id AND ur.unit_id = tu.unit_id
		LEFT JOIN report_sections rs ON rs.report_id = ur.id AND rs.task_id = tu.task_id
		WHERE t.round_id = ? AND tu.role = 'lead' GROUP BY tu.task_id`), id)
	if err != nil {
		return nil, fmt.Errorf("store: completed tasks: %w", err)
	}
	defer rows.Close()
	done := map[int64]bool{}
	for rows.Next() {
		var task int64
		var completed, leads int
		if err := rows.Scan(&task, &completed, &leads); err != nil {
			return nil, err
		}
		done[task] = leads > 0 && completed == leads
	}
	return done, rows.Err()
}

// LinkTask records that task taskID continues task predecessorID of an
// earlier round (the office confirms what was suggested), and links their
// targets by position.
func (s *Store) LinkTask(ctx context.Context, actor Actor, u *tiendo.User, taskID, predecessorID int64) error {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được liên kết nhiệm vụ giữa các đợt.")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.linkTask(ctx, tx, actor, TaskLink{TaskID: taskID, PredecessorID: predecessorID})
	})
}

// TaskLink is a link the office confirmed: task TaskID continues task
// PredecessorID of an earlier round. Targets pairs their targets; nil pairs
// them by position, as LinkTask does.
type TaskLink struct {
	TaskID        int64        `json:"task_id"`
	PredecessorID int64        `json:"predecessor_id"`
	Targets       []TargetLink `json:"targets,omitempty"`
}

// TargetLink pairs target TargetID with the target PredecessorID it continues.
type TargetLink struct {
	TargetID      int64 `json:"target_id"`
	PredecessorID int64 `json:"predecessor_id"`
}

// LinkTasks records the links the office confirmed for the tasks of round
// roundID, all or none, with an audit row for each task. Each task must be
// the round's, each predecessor another round's, and each target pair must
// join a target of the task with one of its predecessor. It returns how
// many tasks were linked.
func (s *Store) LinkTasks(ctx context.Context, actor Actor, u *tiendo.User, roundID int64, links []TaskLink) (int, error) {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return 0, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được liên kết nhiệm vụ giữa các đợt.")
	}
	if len(links) == 0 {
		return 0, &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa chọn nhiệm vụ nào để liên kết: hãy đánh dấu “Liên kết” ở các nhiệm vụ cần liên kết rồi bấm xác nhận.",
			Fields: map[string]string{"links": "Hãy chọn ít nhất một nhiệm vụ."}}
	}
	invalid := func(format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		return &tiendo.Error{Code: tiendo.EINVALID, Message: msg, Fields: map[string]string{"links": msg}}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM rounds WHERE id = ?`), roundID).Scan(&id); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		// Each task's round and targets, for the checks.
		taskRound := func(task int64) (int64, error) {
			var r int64
			err := tx.QueryRowContext(ctx, s.q(`SELECT round_id FROM tasks WHERE id = ?`), task).Scan(&r)
			if errors.Is(err, sql.ErrNoRows) {
				return 0, nil
			}
			return r, err
		}
		targetTask := func(target int64) (int64, error) {
			var t int64
			err := tx.QueryRowContext(ctx, s.q(`SELECT task_id FROM targets WHERE id = ?`), target).Scan(&t)
			if errors.Is(err, sql.ErrNoRows) {
				return 0, nil
			}
			return t, err
		}
		seen := map[int64]bool{}
		for _, l := range links {
			if seen[l.TaskID] {
				return invalid("Nhiệm vụ mã số %d được chọn liên kết hai lần: mỗi nhiệm vụ chỉ nối tiếp một nhiệm vụ của đợt trước.", l.TaskID)
			}
			seen[l.TaskID] = true
			r, err := taskRound(l.TaskID)
			if err != nil {
				return fmt.Errorf("store: link tasks: %w", err)
			}
			if r != roundID {
				return invalid("Nhiệm vụ mã số %d không thuộc đợt báo cáo này: hãy tải lại trang và chọn lại.", l.TaskID)
			}
			if r, err = taskRound(l.PredecessorID); err != nil {
				return fmt.Errorf("store: link tasks: %w", err)
			}
			if r == 0 || r == roundID {
				return invalid("Nhiệm vụ mã số %d không phải là nhiệm vụ của một đợt báo cáo khác: chỉ liên kết được với nhiệm vụ của đợt trước.", l.PredecessorID)
			}
			mine, theirs := map[int64]bool{}, map[int64]bool{}
			for _, p := range l.Targets {
				a, err := targetTask(p.TargetID)
				if err != nil {
					return fmt.Errorf("store: link tasks: %w", err)
				}
				b, err := targetTask(p.PredecessorID)
				if err != nil {
					return fmt.Errorf("store: link tasks: %w", err)
				}
				if a != l.TaskID || b != l.PredecessorID || mine[p.TargetID] || theirs[p.PredecessorID] {
					return invalid("Cặp chỉ tiêu %d - %d không ghép được: mỗi chỉ tiêu của nhiệm vụ chỉ ghép với một chỉ tiêu của nhiệm vụ đợt trước.", p.TargetID, p.PredecessorID)
				}
				mine[p.TargetID], theirs[p.PredecessorID] = true, true
			}
			if err := s.linkTask(ctx, tx, actor, l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(links), nil
}

// linkTask writes one link in tx with its audit row.
func (s *Store) linkTask(ctx context.Context, tx *sql.Tx, actor Actor, l TaskLink) error {
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE tasks SET predecessor_id = ? WHERE id = ?`), l.PredecessorID, l.TaskID); err != nil {
		return fmt.Errorf("store: link task: %w", err)
	}
	if l.Targets == nil {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE targets SET predecessor_id =
			(SELECT p.id FROM targets p WHERE p.task_id = ? AND p.position = targets.position) WHERE task_id = ?`), l.PredecessorID, l.TaskID); err != nil {
			return fmt.Errorf("store: link targets: %w", err)
		}
		return s.audit(ctx, tx, actor, "link", "task", l.TaskID, nil, map[string]int64{"predecessor_id": l.PredecessorID})
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE targets SET predecessor_id = NULL WHERE task_id = ?`), l.TaskID); err != nil {
		return fmt.Errorf("store: link targets: %w", err)
	}
	for _, p := range l.Targets {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE targets SET predecessor_id = ? WHERE id = ? AND task_id = ?`), p.PredecessorID, p.TargetID, l.TaskID); err != nil {
			return fmt.Errorf("store: link target: %w", err)
		}
	}
	return s.audit(ctx, tx, actor, "link", "task", l.TaskID, nil, l)
}

// LinkCandidates returns round id as u sees it, the earlier rounds its
// tasks may continue, in order of preference (the same period a year
// earlier, the period before, the round it was started from, the latest
// round due before it; drafts left out but for the round it was started
// from), and the links its tasks have already: task -> predecessor task.
func (s *Store) LinkCandidates(ctx context.Context, u *tiendo.User, id int64) (*tiendo.Round, []*tiendo.Round, map[int64]int64, error) {
	r, err := s.Round(ctx, u, id)
	if err != nil {
		return nil, nil, nil, err
	}
	var ids []int64
	add := func(row *sql.Row) error {
		var x int64
		if err := row.Scan(&x); errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return fmt.Errorf("store: link candidates: %w", err)
		}
		if x != id && !slices.Contains(ids, x) {
			ids = append(ids, x)
		}
		return nil
	}
	byPeriod := func(p tiendo.Period) error {
		return add(s.rdb.QueryRowContext(ctx, s.q(`SELECT id FROM rounds WHERE period_kind = ? AND period_year = ? AND period_index = ?
			AND id <> ? AND status <> 'draft' ORDER BY deadline DESC, id DESC LIMIT 1`), p.Kind, p.Year, p.Index, id))
	}
	if r.Period.Valid() {
		if err := byPeriod(r.Period.YearEarlier()); err != nil {
			return nil, nil, nil, err
		}
		if prev, ok := r.Period.Previous(); ok {
			if err := byPeriod(prev); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	if err := add(s.rdb.QueryRowContext(ctx, s.q(`SELECT predecessor_id FROM rounds WHERE id = ? AND predecessor_id IS NOT NULL`), id)); err != nil {
		return nil, nil, nil, err
	}
	if err := add(s.rdb.QueryRowContext(ctx, s.q(`SELECT id FROM rounds WHERE id <> ? AND status <> 'draft' AND deadline < ?
		ORDER BY deadline DESC, id DESC LIMIT 1`), id, r.Deadline.UTC())); err != nil { // as stored: SQLite compares the text
		return nil, nil, nil, err
	}
	var earlier []*tiendo.Round
	for _, x := range ids {
		e, err := s.Round(ctx, u, x)
		if tiendo.ErrorCode(err) == tiendo.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, nil, nil, err
		}
		earlier = append(earlier, e)
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT id, predecessor_id FROM tasks WHERE round_id = ? AND predecessor_id IS NOT NULL`), id)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("store: task links: %w", err)
	}
	defer rows.Close()
	links := map[int64]int64{}
	for rows.Next() {
		var task, pred int64
		if err := rows.Scan(&task, &pred); err != nil {
			return nil, nil, nil, err
		}
		links[task] = pred
	}
	return r, earlier, links, rows.Err()
}

// SeriesPoint is a target's value in one round, for one unit.
type SeriesPoint struct {
	RoundID    int64         `json:"round_id"`
	RoundTitle string        `json:"round_title"`
	Period     tiendo.Period `json:"period"`
	Deadline   time.Time     `json:"deadline"`
	TargetID   int64         `json:"target_id"`
	Goal       float64       `json:"goal"`
	UnitID     int64         `json:"unit_id"`
	Value      *float64      `json:"value"`
}

// Series follows target id back through its predecessors and returns its
// values in every round, oldest first, as user u may see them: the values
// of reports the office has received (tiendo.ReportStatus.Sent); a unit
// whose report is still with it has no value yet.
func (s *Store) Series(ctx context.Context, u *tiendo.User, id int64) (*tiendo.Target, []SeriesPoint, error) {
	var chain []int64
	var first *tiendo.Target
	seen := map[int64]bool{}
	for cur := id; cur != 0 && !seen[cur] && len(chain) < 100; {
		seen[cur] = true
		var tg tiendo.Target
		var roundID int64
		var pred sql.NullInt64
		err := s.rdb.QueryRowContext(ctx, s.q(`SELECT tg.id, tg.task_id, tg.position, tg.text, tg.comparator, tg.value, tg.unit, tg.direction, tg.relative_to,
			COALESCE(tg.reported_by, 0), t.round_id, tg.predecessor_id FROM targets tg JOIN tasks t ON t.id = tg.task_id WHERE tg.id = ?`), cur).
			Scan(&tg.ID, &tg.TaskID, &tg.Position, &tg.Text, &tg.Comparator, &tg.Value, &tg.Unit, &tg.Direction, &tg.RelativeTo, &tg.ReportedBy, &roundID, &pred)
		if err != nil {
			if first == nil {
				return nil, nil, notFound(err, "Không tìm thấy chỉ tiêu.")
			}
			break
		}
		if _, err := s.Round(ctx, u, roundID); err != nil {
			if first == nil {
				return nil, nil, err
			}
			break
		}
		if first == nil {
			first = &tg
		}
		chain = append(chain, cur)
		cur = pred.Int64
	}
	var out []SeriesPoint
	// Only values the office has received count, as on the round page
	// (RoundActuals): a unit's draft is not its result.
	sent := sentStatuses()
	for i := len(chain) - 1; i >= 0; i-- {
		args := make([]any, 0, len(sent)+1)
		for _, st := range sent {
			args = append(args, st)
		}
		rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT r.id, r.title, r.period_kind, r.period_year, r.period_index, r.deadline, tg.value, tu.unit_id, a.value
			FROM targets tg JOIN tasks t ON t.id = tg.task_id JOIN rounds r ON r.id = t.round_id
			JOIN task_units tu ON tu.task_id = t.id AND tu.role = 'lead' AND (tg.reported_by IS NULL OR tg.reported_by = tu.unit_id)
			LEFT JOIN unit_reports ur ON ur.round_id = r.id AND ur.unit_id = tu.unit_id AND ur.status IN (`+placeholders(len(sent))+`)
			LEFT JOIN report_actuals a ON a.report_id = ur.id AND a.target_id = tg.id
			WHERE tg.id = ? ORDER BY tu.unit_id`), append(args, chain[i])...)
		if err != nil {
			return nil, nil, fmt.Errorf("store: series: %w", err)
		}
		for rows.Next() {
			p := SeriesPoint{TargetID: chain[i]}
			var v sql.NullFloat64
			if err := rows.Scan(&p.RoundID, &p.RoundTitle, &p.Period.Kind, &p.Period.Year, &p.Period.Index, &p.Deadline, &p.Goal, &p.UnitID, &v); err != nil {
				rows.Close()
				return nil, nil, err
			}
			if !tiendo.Allowed(u, tiendo.ActionReadReport, p.UnitID) {
				continue
			}
			if v.Valid {
				p.Value = &v.Float64
			}
			p.Deadline = p.Deadline.In(tiendo.Zone)
			out = append(out, p)
		}
		rows.Close()
	}
	return first, out, nil
}

// retiredBefore returns the units that stopped working before t.
func (s *Store) retiredBefore(ctx context.Context, t time.Time) (map[int64]bool, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT id FROM units WHERE retired_at IS NOT NULL AND retired_at < ?`), t.UTC())
	if err != nil {
		return nil, fmt.Errorf("store: retired units: %w", err)
	}
	ids, err := scanIDs(rows)
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// MoveEarlierYears brings a draft round's carried-over words into its
// period: in every task and target, each earlier year that
// continuity.EarlierYears finds ("nhập ngũ năm 2022" in a round for 2026)
// becomes the round's year (continuity.MoveYears). It returns how many
// texts changed. A published round's tasks are what the units report on,
// so only a draft's move this way; each change is audited like an edit.
func (s *Store) MoveEarlierYears(ctx context.Context, actor Actor, u *tiendo.User, roundID int64) (int, error) {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return 0, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được sửa nhiệm vụ của đợt báo cáo.")
	}
	// The round's row is locked, as ExtendDeadline locks it, so that a
	// publication or a change of period cannot come between the check
	// and the writes on PostgreSQL; SQLite's one writer orders them.
	lock := ""
	if s.dialect == postgres {
		lock = " FOR NO KEY UPDATE"
	}
	changed := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		changed = 0
		var status tiendo.RoundStatus
		var year int
		err := tx.QueryRowContext(ctx, s.q(`SELECT status, period_year FROM rounds WHERE id = ?`+lock), roundID).Scan(&status, &year)
		if err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		if status != tiendo.RoundDraft {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo đã phát hành; chỉ đổi năm trong nhiệm vụ của đợt còn nháp.")
		}
		if year == 0 {
			return tiendo.Errorf(tiendo.EINVALID, "Đợt báo cáo chưa có kỳ báo cáo; hãy chọn kỳ trước khi đổi năm.")
		}
		type text struct {
			entity string // "task" or "target"
			id     int64
			taskID int64
			text   string
		}
		var texts []text
		rows, err := tx.QueryContext(ctx, s.q(`SELECT 'task', id, id, text FROM tasks WHERE round_id = ?
			UNION ALL SELECT 'target', g.id, g.task_id, g.text FROM targets g JOIN tasks t ON t.id = g.task_id WHERE t.round_id = ?`), roundID, roundID)
		if err != nil {
			return fmt.Errorf("store: round texts: %w", err)
		}
		for rows.Next() {
			var t text
			if err := rows.Scan(&t.entity, &t.id, &t.taskID, &t.text); err != nil {
				rows.Close()
				return fmt.Errorf("store: round texts: %w", err)
			}
			texts = append(texts, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: round texts: %w", err)
		}
		for _, t := range texts {
			moved := continuity.MoveYears(t.text, year)
			if moved == t.text {
				continue
			}
			changed++
			if t.entity == "task" {
				if _, err := tx.ExecContext(ctx, s.q(`UPDATE tasks SET text = ? WHERE id = ?`), moved, t.id); err != nil {
					return fmt.Errorf("store: move years: %w", err)
				}
				err = s.audit(ctx, tx, actor, "update_task", "round", roundID, map[string]any{"task_id": t.id, "text": t.text}, map[string]any{"task_id": t.id, "text": moved})
			} else {
				if _, err := tx.ExecContext(ctx, s.q(`UPDATE targets SET text = ? WHERE id = ?`), moved, t.id); err != nil {
					return fmt.Errorf("store: move years: %w", err)
				}
				err = s.audit(ctx, tx, actor, "update_target", "round", roundID, map[string]any{"task_id": t.taskID, "target_id": t.id, "text": t.text}, map[string]any{"task_id": t.taskID, "target_id": t.id, "text": moved})
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	return changed, err
}
