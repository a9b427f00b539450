package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"

	"tiendo"
)

// SetTargetReporters changes, on draft round roundID, which unit reports
// each target: reporters maps a target's id to a unit's id, 0 for every lead
// unit of the target's task (Target.ReportedBy). Targets not in the map keep
// their reporter. Only the office may do it, and only while the round is a
// draft: once published, units have their reports as the round then asked.
//
// A unit chosen must be given the target's task, as lead or support. A
// supporting unit chosen becomes a lead of the task, as on the intake form:
// reporting a target's value is a lead's part of the report.
//
// The reverse follows the same rule, so that a wrong choice can be undone
// on the same form: a lead unit from which this change takes the last of
// the task's targets named for it goes back to supporting the task. Targets
// left to every lead unit do not count here: they are every lead's, and a
// unit made lead for one named target would otherwise stay lead for good.
// The store does not record whether a lead was named by the directive or
// made lead for a target, so the rule cannot tell them apart; it acts only
// on units whose named targets this very change takes away, never on a
// lead that had none (a task without targets, a lead of targets left to
// every lead unit), and it never leaves a task without a lead. Giving a
// target back makes the unit lead again.
//
// Nothing is written when nothing changes; otherwise the change is one
// transaction, audited as "set_reporters" on the round (roundcache.go).
func (s *Store) SetTargetReporters(ctx context.Context, actor Actor, u *tiendo.User, roundID int64, reporters map[int64]int64) error {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được đổi đơn vị báo cáo chỉ tiêu.")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.setTargetReporters(ctx, tx, actor, roundID, reporters)
	})
}

// errReporters is the message of a refused choice of reporters.
const errReporters = "Đơn vị báo cáo chỉ tiêu chưa hợp lệ, vui lòng sửa các ô được đánh dấu."

// ReporterField is the field of a tiendo.Error that holds what is wrong
// with the reporter chosen for target id.
func ReporterField(id int64) string { return fmt.Sprintf("reporter_%d", id) }

// setTargetReporters is SetTargetReporters in tx, for UpdateDraftRound too.
func (s *Store) setTargetReporters(ctx context.Context, tx *sql.Tx, actor Actor, roundID int64, reporters map[int64]int64) error {
	// Writing the row takes its lock: a publish committed since (on
	// PostgreSQL, between a read and the writes below) is seen here, and one
	// that comes after waits for this transaction.
	res, err := tx.ExecContext(ctx, s.q(`UPDATE rounds SET status = status WHERE id = ? AND status = ?`), roundID, tiendo.RoundDraft)
	if err != nil {
		return fmt.Errorf("store: lock round: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		var status tiendo.RoundStatus
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status FROM rounds WHERE id = ?`), roundID).Scan(&status); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		return ErrNotDraft()
	}
	if len(reporters) == 0 {
		return nil
	}

	type target struct {
		id, task, by int64
		text         string
	}
	var targets []*target
	byID := map[int64]*target{}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT tg.id, tg.task_id, COALESCE(tg.reported_by, 0), tg.text FROM targets tg
		JOIN tasks t ON t.id = tg.task_id WHERE t.round_id = ? ORDER BY t.position, tg.position`), roundID)
	if err != nil {
		return fmt.Errorf("store: targets: %w", err)
	}
	for rows.Next() {
		tg := &target{}
		if err := rows.Scan(&tg.id, &tg.task, &tg.by, &tg.text); err != nil {
			rows.Close()
			return fmt.Errorf("store: targets: %w", err)
		}
		targets = append(targets, tg)
		byID[tg.id] = tg
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: targets: %w", err)
	}
	roles := map[int64]map[int64]tiendo.AssigneeRole{} // by task, then unit
	rows, err = tx.QueryContext(ctx, s.q(`SELECT tu.task_id, tu.unit_id, tu.role FROM task_units tu
		JOIN tasks t ON t.id = tu.task_id WHERE t.round_id = ?`), roundID)
	if err != nil {
		return fmt.Errorf("store: task units: %w", err)
	}
	for rows.Next() {
		var task, unit int64
		var role tiendo.AssigneeRole
		if err := rows.Scan(&task, &unit, &role); err != nil {
			rows.Close()
			return fmt.Errorf("store: task units: %w", err)
		}
		if roles[task] == nil {
			roles[task] = map[int64]tiendo.AssigneeRole{}
		}
		roles[task][unit] = role
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: task units: %w", err)
	}

	e := &tiendo.Error{Code: tiendo.EINVALID, Message: errReporters, Fields: map[string]string{}}
	after := map[int64]int64{} // target -> reporter, for the targets that change
	for _, id := range slices.Sorted(maps.Keys(reporters)) {
		unit := reporters[id]
		tg := byID[id]
		switch {
		case tg == nil:
			e.Fields[ReporterField(id)] = "Chỉ tiêu này không thuộc đợt báo cáo; hãy tải lại trang rồi chọn lại."
		case unit != 0 && roles[tg.task][unit] == "":
			e.Fields[ReporterField(id)] = fmt.Sprintf("Chỉ tiêu “%s” chỉ giao được cho một đơn vị chủ trì hoặc phối hợp nhiệm vụ của nó; hãy chọn lại.", tg.text)
		case unit != tg.by:
			after[id] = unit
		}
	}
	if len(e.Fields) > 0 {
		return e
	}
	if len(after) == 0 {
		return nil
	}

	// Roles follow the targets, task by task: reports(t, unit, role) says
	// whether unit reports some target of the task.
	reports := func(task, unit int64, role tiendo.AssigneeRole, next bool) bool {
		for _, tg := range targets {
			if tg.task != task {
				continue
			}
			by := tg.by
			if v, ok := after[tg.id]; ok && next {
				by = v
			}
			if by == unit || (by == 0 && role == tiendo.Lead) {
				return true
			}
		}
		return false
	}
	type roleChange struct {
		task, unit int64
		from, to   tiendo.AssigneeRole
	}
	var changes []roleChange
	touched := map[int64]bool{}
	for _, id := range slices.Sorted(maps.Keys(after)) {
		touched[byID[id].task] = true
	}
	for _, task := range slices.Sorted(maps.Keys(touched)) {
		next := maps.Clone(roles[task])
		for _, unit := range slices.Sorted(maps.Keys(next)) {
			if next[unit] == tiendo.Support && reports(task, unit, "", true) {
				next[unit] = tiendo.Lead
			}
		}
		for _, unit := range slices.Sorted(maps.Keys(next)) {
			if next[unit] != tiendo.Lead || roles[task][unit] != tiendo.Lead ||
				!reports(task, unit, "", false) || reports(task, unit, "", true) {
				continue
			}
			others := false
			for other, role := range next {
				others = others || (other != unit && role == tiendo.Lead)
			}
			if others {
				next[unit] = tiendo.Support
			}
		}
		for _, unit := range slices.Sorted(maps.Keys(next)) {
			if next[unit] != roles[task][unit] {
				changes = append(changes, roleChange{task, unit, roles[task][unit], next[unit]})
			}
		}
	}

	type targetAudit struct {
		TargetID   int64 `json:"target_id"`
		ReportedBy int64 `json:"reported_by"` // 0: every lead unit
	}
	type assigneeAudit struct {
		TaskID int64               `json:"task_id"`
		UnitID int64               `json:"unit_id"`
		Role   tiendo.AssigneeRole `json:"role"`
	}
	var beforeTargets, afterTargets []targetAudit
	for _, tg := range targets { // in the round's order
		by, ok := after[tg.id]
		if !ok {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE targets SET reported_by = ? WHERE id = ?`), nullID(by), tg.id); err != nil {
			return fmt.Errorf("store: target reporter: %w", err)
		}
		beforeTargets = append(beforeTargets, targetAudit{tg.id, tg.by})
		afterTargets = append(afterTargets, targetAudit{tg.id, by})
	}
	beforeAudit := map[string]any{"targets": beforeTargets}
	afterAudit := map[string]any{"targets": afterTargets}
	if len(changes) > 0 {
		slices.SortFunc(changes, func(a, b roleChange) int { return cmp.Or(cmp.Compare(a.task, b.task), cmp.Compare(a.unit, b.unit)) })
		var was, is []assigneeAudit
		for _, c := range changes {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE task_units SET role = ? WHERE task_id = ? AND unit_id = ?`), c.to, c.task, c.unit); err != nil {
				return fmt.Errorf("store: task unit role: %w", err)
			}
			was = append(was, assigneeAudit{c.task, c.unit, c.from})
			is = append(is, assigneeAudit{c.task, c.unit, c.to})
		}
		beforeAudit["assignees"], afterAudit["assignees"] = was, is
	}
	// Audited as entity "round": the round cache (roundcache.go) and the
	// search index follow a round's changes by its audit rows.
	return s.audit(ctx, tx, actor, "set_reporters", "round", roundID, beforeAudit, afterAudit)
}
