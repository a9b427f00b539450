package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/continuity"
)

func validateRound(r *tiendo.Round) error {
	r.Title, r.Issuer, r.Subject = nfc(r.Title), nfc(r.Issuer), nfc(r.Subject)
	r.DocNumber, r.DocSymbol, r.DocDate = nfc(r.DocNumber), nfc(r.DocSymbol), nfc(r.DocDate)
	r.Source = strings.ReplaceAll(nfc(r.Source), "\r\n", "\n")
	e := &tiendo.Error{Code: tiendo.EINVALID, Fields: map[string]string{}}
	if r.Title == "" {
		e.Fields["title"] = "Vui lòng nhập tên đợt báo cáo."
	}
	if r.Deadline.IsZero() {
		e.Fields["deadline"] = "Vui lòng nhập hạn gửi báo cáo."
	} else if !tiendo.DeadlineInRange(r.Deadline) {
		e.Fields["deadline"] = tiendo.DeadlineRangeMessage
	}
	if field, msg := r.Period.Check(); field != "" {
		e.Fields["period_"+field] = msg
	}
	seen := map[int64]bool{}
	for i, t := range r.Tasks {
		t.Label, t.Text = nfc(t.Label), nfc(t.Text)
		if t.Text == "" {
			e.Fields[fmt.Sprintf("tasks[%d].text", i)] = fmt.Sprintf("Nhiệm vụ thứ %d chưa có nội dung.", i+1)
		}
		for _, a := range t.Assignees {
			if a.Role != tiendo.Lead && a.Role != tiendo.Support {
				e.Fields[fmt.Sprintf("tasks[%d].assignees", i)] = "Vai trò của đơn vị phải là chủ trì (lead) hoặc phối hợp (support)."
			}
			seen[a.UnitID] = true
		}
		for j, tg := range t.Targets {
			tg.Text, tg.Unit = nfc(tg.Text), nfc(tg.Unit)
			if tg.ReportedBy != 0 && roleOf(t, tg.ReportedBy) != tiendo.Lead {
				e.Fields[fmt.Sprintf("tasks[%d].targets[%d].reported_by", i, j)] = fmt.Sprintf("Chỉ tiêu “%s” giao cho một đơn vị không chủ trì nhiệm vụ thứ %d: hãy giao chỉ tiêu cho một đơn vị chủ trì, hoặc để mọi đơn vị chủ trì cùng báo cáo.", tg.Text, i+1)
			}
		}
	}
	// A unit given work is asked to report, whether or not the directive
	// addressed it: the parser warns about the omission, the round repairs it.
	have := map[int64]bool{}
	for _, id := range r.UnitIDs {
		have[id] = true
	}
	for id := range seen {
		if !have[id] {
			r.UnitIDs = append(r.UnitIDs, id)
		}
	}
	if len(e.Fields) > 0 {
		e.Message = "Đợt báo cáo chưa hợp lệ, vui lòng sửa các ô được đánh dấu."
		return e
	}
	return nil
}

// CreateRound saves a round with its tasks, targets and units, in state
// draft unless r.Status says otherwise, and sets the IDs.
func (s *Store) CreateRound(ctx context.Context, actor Actor, r *tiendo.Round) error {
	if err := validateRound(r); err != nil {
		return err
	}
	if r.Status == "" {
		r.Status = tiendo.RoundDraft
	}
	r.CreatedAt = s.now()
	contents, _ := json.Marshal(nonNil(r.ReportContents))
	return s.tx(ctx, func(tx *sql.Tx) error {
		var published any
		if !r.PublishedAt.IsZero() {
			published = r.PublishedAt.UTC()
		}
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO rounds (title, period_kind, period_year, period_index, deadline, status,
			issuer, doc_number, doc_symbol, doc_date, subject, source, report_contents, created_at, published_at, head_approval, brief)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			r.Title, r.Period.Kind, r.Period.Year, r.Period.Index, r.Deadline.UTC(), r.Status,
			r.Issuer, r.DocNumber, r.DocSymbol, r.DocDate, r.Subject, r.Source, string(contents), r.CreatedAt, published,
			r.HeadApproval, r.Brief).Scan(&r.ID)
		if err != nil {
			return fmt.Errorf("store: create round: %w", err)
		}
		if err := s.refuseRetired(ctx, tx, r); err != nil {
			return err
		}
		units := make([]any, 0, 2*len(r.UnitIDs))
		for _, id := range r.UnitIDs {
			units = append(units, r.ID, id)
		}
		if err := s.insertMany(ctx, tx, `round_units (round_id, unit_id)`, 2, units); err != nil {
			return fmt.Errorf("store: round units: %w", err)
		}
		for i, t := range r.Tasks {
			t.RoundID, t.Position = r.ID, i+1
			if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO tasks (round_id, position, label, text) VALUES (?, ?, ?, ?) RETURNING id`),
				t.RoundID, t.Position, t.Label, t.Text).Scan(&t.ID); err != nil {
				return fmt.Errorf("store: create task: %w", err)
			}
			assignees := make([]any, 0, 3*len(t.Assignees))
			for _, a := range t.Assignees {
				assignees = append(assignees, t.ID, a.UnitID, a.Role)
			}
			if err := s.insertMany(ctx, tx, `task_units (task_id, unit_id, role)`, 3, assignees); err != nil {
				if s.dialect.isUniqueViolation(err) {
					return tiendo.Errorf(tiendo.EINVALID, "Nhiệm vụ %s giao cho một đơn vị hai lần; hãy bỏ bớt một lần.", t.Label)
				}
				return fmt.Errorf("store: task units: %w", err)
			}
			for j, tg := range t.Targets {
				tg.TaskID, tg.Position = t.ID, j+1
				if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO targets (task_id, position, text, comparator, value, unit, direction, relative_to, reported_by)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
					tg.TaskID, tg.Position, tg.Text, tg.Comparator, tg.Value, tg.Unit, tg.Direction, tg.RelativeTo, nullID(tg.ReportedBy)).Scan(&tg.ID); err != nil {
					return fmt.Errorf("store: create target: %w", err)
				}
			}
		}
		return s.audit(ctx, tx, actor, "create", "round", r.ID, nil, roundAudit(r))
	})
}

// insertMany inserts rows into into ("table (columns)"), each row width
// values of args in turn, a few hundred rows a statement: a national round
// asks 3,321 units and gives each twelve tasks, and a statement a row was a
// round trip a row on PostgreSQL (about 43,000, 3.6 - 5.3 s).
func (s *Store) insertMany(ctx context.Context, tx *sql.Tx, into string, width int, args []any) error {
	const perStatement = 300 // at most 900 parameters, well under both databases' limits
	if width <= 0 || len(args)%width != 0 {
		return fmt.Errorf("%d values do not make rows of %d", len(args), width)
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	for len(args) > 0 {
		n := min(len(args)/width, perStatement)
		query := `INSERT INTO ` + into + ` VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
		if _, err := tx.ExecContext(ctx, s.q(query), args[:n*width]...); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}

// refuseRetired refuses a round that asks a unit for a report due after the
// unit stopped working (a commune merged into another): whichever way the
// round is made (the intake, the API, a successor), that unit would owe a
// report nobody can write. A round due before the unit stopped (last year's,
// entered for "so với cùng kỳ") may still name it.
func (s *Store) refuseRetired(ctx context.Context, tx *sql.Tx, r *tiendo.Round) error {
	if len(r.UnitIDs) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT name, retired_at FROM units WHERE retired_at IS NOT NULL AND retired_at < ? AND id IN (`+placeholders(len(r.UnitIDs))+`) ORDER BY name`),
		append([]any{r.Deadline.UTC()}, anys(r.UnitIDs)...)...)
	if err != nil {
		return fmt.Errorf("store: retired units: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		var at time.Time
		if err := rows.Scan(&name, &at); err != nil {
			return err
		}
		names = append(names, fmt.Sprintf("%s (từ ngày %s)", name, at.In(tiendo.Zone).Format("02/01/2006")))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(names) > 0 {
		return tiendo.Errorf(tiendo.EINVALID, "Đợt báo cáo yêu cầu báo cáo từ đơn vị đã ngừng hoạt động: %s. Đơn vị đã ngừng hoạt động không báo cáo được cho hạn sau ngày đó: hãy giao việc của đơn vị cho đơn vị tiếp nhận (với đợt nháp: xóa đợt rồi tạo lại từ văn bản, đơn vị ngừng hoạt động không còn được chọn); nếu đơn vị vẫn hoạt động, hãy nhờ quản trị hệ thống sửa ngày ngừng hoạt động.", strings.Join(names, "; "))
	}
	return nil
}

// refuseRetiredIn is refuseRetired for round id as stored, due at deadline:
// a draft whose deadline moves past a unit's retirement, or that is
// published after the unit stopped, may not ask it either.
func (s *Store) refuseRetiredIn(ctx context.Context, tx *sql.Tx, id int64, deadline time.Time) error {
	units, err := s.roundUnitIDs(ctx, tx, id)
	if err != nil {
		return err
	}
	return s.refuseRetired(ctx, tx, &tiendo.Round{UnitIDs: units, Deadline: deadline})
}

// roundAudit is what the audit log keeps of a round: everything but the
// source text, which is large and never changes.
func roundAudit(r *tiendo.Round) any {
	c := *r
	c.Source = ""
	return &c
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// PublishRound opens a draft round to its units.
func (s *Store) PublishRound(ctx context.Context, actor Actor, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var status tiendo.RoundStatus
		var title string
		var deadline time.Time
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status, title, deadline FROM rounds WHERE id = ?`+s.publishLock()), id).Scan(&status, &title, &deadline); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		if status != tiendo.RoundDraft {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo này đã được phát hành rồi.")
		}
		msg := fmt.Sprintf("Đợt báo cáo mới: %s — hạn gửi %s", title, tiendo.DeadlineText(deadline))
		return s.publish(ctx, tx, actor, id, msg, fmt.Sprintf("/rounds/%d", id))
	})
}

// DeleteDraftRound removes a round that was never published, with its
// tasks, targets and any công văn drafted for it: no unit has seen it. A
// published round stays for the record (close it instead).
func (s *Store) DeleteDraftRound(ctx context.Context, actor Actor, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var status tiendo.RoundStatus
		var title string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status, title FROM rounds WHERE id = ?`), id).Scan(&status, &title); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		if status != tiendo.RoundDraft {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo đã phát hành nên không xóa được: các đơn vị đã nhận đợt này. Nếu không cần nữa, hãy đóng đợt.")
		}
		// A round started from this one, or a task linked to one of its
		// tasks, would lose its links to it.
		var later int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT (SELECT COUNT(*) FROM rounds WHERE predecessor_id = ?)
			+ (SELECT COUNT(*) FROM tasks WHERE predecessor_id IN (SELECT id FROM tasks WHERE round_id = ?))`), id, id).Scan(&later); err != nil {
			return fmt.Errorf("store: delete round: %w", err)
		}
		if later > 0 {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đã có đợt báo cáo được tạo tiếp từ đợt nháp này; hãy xóa đợt đó trước, hoặc giữ lại đợt nháp này.")
		}
		// Only while still a draft: a publish that came since is kept.
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM rounds WHERE id = ? AND status = ?`), id, tiendo.RoundDraft)
		if err != nil {
			return fmt.Errorf("store: delete round: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo vừa được phát hành nên không xóa được.")
		}
		// Its notices (a công văn waiting for a leader) would point at
		// nothing, or at a later round given the same number.
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM notifications WHERE link = ? OR link LIKE ?`), fmt.Sprintf("/rounds/%d", id), fmt.Sprintf("/rounds/%d/%%", id)); err != nil {
			return fmt.Errorf("store: delete round: notifications: %w", err)
		}
		return s.audit(ctx, tx, actor, "delete", "round", id, map[string]any{"title": title, "status": status}, nil)
	})
}

// publishIssued publishes a draft round when the công văn that assigns its
// tasks is issued; a round published earlier still tells its units of the
// công văn.
func (s *Store) publishIssued(ctx context.Context, tx *sql.Tx, actor Actor, id int64, msg string) error {
	var status tiendo.RoundStatus
	if err := tx.QueryRowContext(ctx, s.q(`SELECT status FROM rounds WHERE id = ?`+s.publishLock()), id).Scan(&status); err != nil {
		return notFound(err, "Không tìm thấy đợt báo cáo.")
	}
	link := docLink(id, tiendo.DocDirective)
	if status != tiendo.RoundDraft {
		units, err := s.roundUnitIDs(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.notifyUnits(ctx, tx, units, "directive_issued", msg, link)
	}
	return s.publish(ctx, tx, actor, id, msg, link)
}

// publishLock is the suffix of the read of a round's status that decides
// whether to publish it: on PostgreSQL it locks the round's row, so that a
// second publication at once (a double click, another instance, or the
// công văn issued as the round is published) waits for the first and reads
// the round open; SQLite's single writer already runs them in turn. NO KEY,
// as in ExtendDeadline: rows that refer to the round are not held off.
// CloseRound and LockRound read the round's status under it too.
func (s *Store) publishLock() string {
	if s.dialect == postgres {
		return " FOR NO KEY UPDATE"
	}
	return ""
}

// publish opens round id and tells the units asked, in the caller's
// transaction: a published round is never missing its notifications.
func (s *Store) publish(ctx context.Context, tx *sql.Tx, actor Actor, id int64, msg, link string) error {
	var deadline time.Time
	if err := tx.QueryRowContext(ctx, s.q(`SELECT deadline FROM rounds WHERE id = ?`), id).Scan(&deadline); err != nil {
		return fmt.Errorf("store: publish round: %w", err)
	}
	if err := s.refuseRetiredIn(ctx, tx, id, deadline); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE rounds SET status = ?, published_at = ? WHERE id = ?`), tiendo.RoundOpen, s.now(), id); err != nil {
		return fmt.Errorf("store: publish round: %w", err)
	}
	units, err := s.roundUnitIDs(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := s.notifyUnits(ctx, tx, units, "round_published", msg, link); err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "publish", "round", id, map[string]any{"status": tiendo.RoundDraft}, map[string]any{"status": tiendo.RoundOpen})
}

const roundColumns = `id, title, period_kind, period_year, period_index, deadline, status, issuer, doc_number, doc_symbol,
	doc_date, subject, source, report_contents, created_at, published_at, head_approval, brief, locked_at, original_deadline`

// scanRound reads roundColumns and then any extra columns into extra.
func scanRound(row interface{ Scan(...any) error }, extra ...any) (*tiendo.Round, error) {
	var r tiendo.Round
	var contents string
	var published, locked, original sql.NullTime
	if err := row.Scan(append([]any{&r.ID, &r.Title, &r.Period.Kind, &r.Period.Year, &r.Period.Index, &r.Deadline, &r.Status, &r.Issuer,
		&r.DocNumber, &r.DocSymbol, &r.DocDate, &r.Subject, &r.Source, &contents, &r.CreatedAt, &published,
		&r.HeadApproval, &r.Brief, &locked, &original}, extra...)...); err != nil {
		return nil, err
	}
	r.Deadline = r.Deadline.In(tiendo.Zone)
	if original.Valid {
		r.OriginalDeadline = original.Time.In(tiendo.Zone)
	}
	r.PublishedAt, r.LockedAt = published.Time, locked.Time
	if err := json.Unmarshal([]byte(contents), &r.ReportContents); err != nil {
		return nil, fmt.Errorf("store: round %d contents: %w", r.ID, err)
	}
	return &r, nil
}

// visibleTo narrows a rounds query to what user u may see: unit-scoped users
// see only published rounds that ask their unit for a report.
func visibleTo(u *tiendo.User) (string, []any) {
	if tiendo.ScopeOf(u, tiendo.ActionReadRounds) == tiendo.ScopeAll {
		if tiendo.SeesDraftRounds(u) {
			return "1 = 1", nil
		}
		return "status <> 'draft'", nil
	}
	// A parent unit also sees the rounds its subunits are asked in.
	ids := u.UnitTree()
	if len(ids) == 0 {
		return "1 = 0", nil
	}
	return `status <> 'draft' AND id IN (SELECT round_id FROM round_units WHERE unit_id IN (` + placeholders(len(ids)) + `))`, anys(ids)
}

// UnitsWithoutHead returns those of units unitIDs that have no active unit
// head account, in id order: in a round that asks for the head's approval,
// their reports could not be sent.
func (s *Store) UnitsWithoutHead(ctx context.Context, unitIDs []int64) ([]int64, error) {
	if len(unitIDs) == 0 {
		return nil, nil
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT un.id FROM units un WHERE un.id IN (`+placeholders(len(unitIDs))+`)
		AND NOT EXISTS (SELECT 1 FROM users u WHERE u.unit_id = un.id AND u.role = ? AND NOT u.disabled)
		ORDER BY un.id`), append(anys(unitIDs), tiendo.RoleUnitHead)...)
	if err != nil {
		return nil, fmt.Errorf("store: units without a head: %w", err)
	}
	return scanIDs(rows)
}

// UnitHasHead reports whether unit unitID has an active unit head: someone
// to approve its report in a round that asks for it.
func (s *Store) UnitHasHead(ctx context.Context, unitID int64) (bool, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM users WHERE unit_id = ? AND role = ? AND NOT disabled`), unitID, tiendo.RoleUnitHead).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: unit head: %w", err)
	}
	return n > 0, nil
}

// placeholders is "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// anys converts IDs to query arguments.
func anys(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// Round returns round id with its units, tasks, assignees and targets, if u
// may see it. It comes from a cache checked against the round's audit stamp
// (roundcache.go): one small query when nothing changed.
func (s *Store) Round(ctx context.Context, u *tiendo.User, id int64) (*tiendo.Round, error) {
	return s.cachedRound(ctx, u, id)
}

func (s *Store) roundUnitIDs(ctx context.Context, db queryer, roundID int64) ([]int64, error) {
	rows, err := db.QueryContext(ctx, s.q(`SELECT unit_id FROM round_units WHERE round_id = ? ORDER BY unit_id`), roundID)
	if err != nil {
		return nil, fmt.Errorf("store: round units: %w", err)
	}
	ids, err := scanIDs(rows)
	if ids == nil && err == nil {
		ids = []int64{} // a round's units are a list, even when empty
	}
	return ids, err
}

// scanIDs reads a one-column result of IDs and closes rows.
func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// RoundSummary is a round with the counts a list or a home page shows.
type RoundSummary struct {
	*tiendo.Round
	Tasks     int // number of tasks
	Expected  int // units asked to report
	Submitted int // reports received: submitted once, even if since returned for revision (watch.RoundRates)
	OnTime    int // of those, on time
	Drafts    int // reports being written, never submitted yet
	// Returned is, of Submitted, the reports sent back for revision and
	// not sent again yet (watch.Rates.Returned): the round page's "trả lại
	// … trong số đã gửi", which the home cards repeat.
	Returned int
}

// NotSent is the number of units that have not submitted: drafts and
// missing, the round page's "chưa gửi".
func (r RoundSummary) NotSent() int { return r.Expected - r.Submitted }

// Missing is the number of units that have not started a report.
func (r RoundSummary) Missing() int { return r.Expected - r.Submitted - r.Drafts }

// Rounds returns the rounds u may see, newest deadline first, with counts.
// A unit's user sees each round as the unit takes part in it: with the
// unit's own deadline when the office extended it for the unit (asUnit).
func (s *Store) Rounds(ctx context.Context, u *tiendo.User) ([]RoundSummary, error) {
	where, visible := visibleTo(u)
	own := "NULL"
	var args []any
	if u.Role.UnitScoped() && u.UnitID != 0 {
		own = "(SELECT ru.extended_deadline FROM round_units ru WHERE ru.round_id = rounds.id AND ru.unit_id = ?)"
		args = append(args, u.UnitID)
	}
	// Returned: sent once, and back with the unit since (watch.State's returned).
	args = append(args, tiendo.ReportReturned, tiendo.ReportDraft, tiendo.ReportReview)
	args = append(args, visible...)
	// A list never shows a round's source text, which can be pages long:
	// it is read as '' rather than fetched for every round.
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT `+strings.Replace(roundColumns, "source,", "'' AS source,", 1)+`, `+own+`,
		(SELECT COUNT(*) FROM tasks t WHERE t.round_id = rounds.id),
		(SELECT COUNT(*) FROM round_units ru WHERE ru.round_id = rounds.id),
		(SELECT COUNT(*) FROM unit_reports ur WHERE ur.round_id = rounds.id AND ur.submitted_at IS NOT NULL),
		(SELECT COUNT(*) FROM unit_reports ur WHERE ur.round_id = rounds.id AND ur.submitted_at IS NOT NULL AND NOT ur.late),
		(SELECT COUNT(*) FROM unit_reports ur WHERE ur.round_id = rounds.id AND ur.submitted_at IS NULL),
		(SELECT COUNT(*) FROM unit_reports ur WHERE ur.round_id = rounds.id AND ur.submitted_at IS NOT NULL AND ur.status IN (?, ?, ?))
		FROM rounds WHERE `+where+` ORDER BY deadline DESC, id DESC`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: rounds: %w", err)
	}
	defer rows.Close()
	var out []RoundSummary
	now := s.now()
	for rows.Next() {
		var sum RoundSummary
		var own sql.NullTime
		r, err := scanRound(rows, &own, &sum.Tasks, &sum.Expected, &sum.Submitted, &sum.OnTime, &sum.Drafts, &sum.Returned)
		if err != nil {
			return nil, err
		}
		asUnit(r, own.Time, now)
		sum.Round = r
		out = append(out, sum)
	}
	return out, rows.Err()
}

// Clock returns the store's current time in the issuers' zone.
func (s *Store) Clock() time.Time { return s.Now().In(tiendo.Zone) }

// CloseRound ends a round: no more submissions. Closed twice at once (a
// double click), the second finds it closed and is refused: the status is
// read under the round's lock (publishLock).
func (s *Store) CloseRound(ctx context.Context, actor Actor, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var status tiendo.RoundStatus
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status FROM rounds WHERE id = ?`+s.publishLock()), id).Scan(&status); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		if status == tiendo.RoundClosed {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo này đã đóng rồi.")
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE rounds SET status = ? WHERE id = ?`), tiendo.RoundClosed, id); err != nil {
			return fmt.Errorf("store: close round: %w", err)
		}
		return s.audit(ctx, tx, actor, "close", "round", id, map[string]any{"status": status}, map[string]any{"status": tiendo.RoundClosed})
	})
}

func roleRank(r tiendo.AssigneeRole) int {
	if r == tiendo.Lead {
		return 0
	}
	return 1
}

// RoundForUnit returns round id as unit unitID takes part in it, if u may
// see it: the round itself, and only the tasks the unit leads or supports,
// each with the unit's own assignment and its targets. A unit's report needs
// no more, and a round sent to three thousand communes must not be loaded
// whole for each of their saves. Its Deadline is the unit's: its own when
// the office extended it for this unit (ExtendUnitDeadline), later than the
// round's, with OriginalDeadline the deadline first given; and a round
// locked after its deadline reads as not locked while the unit's own
// deadline has not passed (asUnit). A report is judged on time or late
// against that deadline. It comes from a cache checked against the
// round's audit stamp (roundcache.go): one small query when nothing changed.
func (s *Store) RoundForUnit(ctx context.Context, u *tiendo.User, id, unitID int64) (*tiendo.Round, error) {
	return s.cachedRoundForUnit(ctx, u, id, unitID)
}

// UpdateTaskText changes a task's text: the office edits it in the công văn
// that assigns it, and the round tracks the same words. A closed round's
// tasks do not change.
func (s *Store) UpdateTaskText(ctx context.Context, actor Actor, u *tiendo.User, roundID, taskID int64, text string) error {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được sửa nhiệm vụ của đợt báo cáo.")
	}
	text = nfc(text)
	if text == "" {
		return tiendo.Errorf(tiendo.EINVALID, "Nhiệm vụ không được để trống.")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var before string
		var status tiendo.RoundStatus
		err := tx.QueryRowContext(ctx, s.q(`SELECT t.text, r.status FROM tasks t JOIN rounds r ON r.id = t.round_id WHERE t.id = ? AND t.round_id = ?`),
			taskID, roundID).Scan(&before, &status)
		if err != nil {
			return notFound(err, "Không tìm thấy nhiệm vụ trong đợt báo cáo này.")
		}
		if status == tiendo.RoundClosed {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo đã đóng; không sửa được nhiệm vụ.")
		}
		if before == text {
			return nil
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE tasks SET text = ? WHERE id = ?`), text, taskID); err != nil {
			return fmt.Errorf("store: update task: %w", err)
		}
		// Audited as a change of the round, which is what search and the
		// history follow.
		return s.audit(ctx, tx, actor, "update_task", "round", roundID, map[string]any{"task_id": taskID, "text": before}, map[string]any{"task_id": taskID, "text": text})
	})
}

// RoundEdit is what the office may change of a draft round after creating
// it: the round's own fields, and which unit reports each target. Its
// tasks, targets and units otherwise stay as created (a task's text is
// edited in the công văn, UpdateTaskText).
type RoundEdit struct {
	Title        string
	Period       tiendo.Period
	Deadline     time.Time // the instant reports are due, as Round.Deadline
	HeadApproval bool
	Brief        bool
	// Reporters maps a target's id to the unit that reports it, 0 for
	// every lead unit, as SetTargetReporters takes it; nil keeps them.
	Reporters map[int64]int64
}

// UpdateDraftRound changes the title, period, deadline and options of
// draft round id. A published round is refused: its units have it as
// published, and a report's timeliness is judged against the deadline they
// were given. When the period changes, the round's subject (trích yếu, not
// on the form) follows it where it names the old one, as a successor's does.
// edit.Reporters are set in the same transaction, as SetTargetReporters
// sets them, so that one form saves the whole edit or nothing.
func (s *Store) UpdateDraftRound(ctx context.Context, actor Actor, u *tiendo.User, id int64, edit RoundEdit) error {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được sửa đợt báo cáo.")
	}
	edit.Title = nfc(edit.Title)
	e := &tiendo.Error{Code: tiendo.EINVALID, Fields: map[string]string{}}
	if edit.Title == "" {
		e.Fields["title"] = "Vui lòng nhập tên đợt báo cáo."
	}
	if edit.Deadline.IsZero() {
		e.Fields["deadline"] = "Vui lòng nhập hạn gửi báo cáo."
	} else if !tiendo.DeadlineInRange(edit.Deadline) {
		e.Fields["deadline"] = tiendo.DeadlineRangeMessage
	}
	if field, msg := edit.Period.Check(); field != "" {
		e.Fields["period_"+field] = msg
	}
	edit.Period = edit.Period.Normalized()
	if len(e.Fields) > 0 {
		e.Message = "Đợt báo cáo chưa hợp lệ, vui lòng sửa các ô được đánh dấu."
		return e
	}
	edit.Deadline = edit.Deadline.In(tiendo.Zone)
	return s.tx(ctx, func(tx *sql.Tx) error {
		var before RoundEdit
		var status tiendo.RoundStatus
		var subject string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status, title, period_kind, period_year, period_index, deadline, head_approval, brief, subject FROM rounds WHERE id = ?`), id).
			Scan(&status, &before.Title, &before.Period.Kind, &before.Period.Year, &before.Period.Index, &before.Deadline, &before.HeadApproval, &before.Brief, &subject); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		if status != tiendo.RoundDraft {
			return ErrNotDraft()
		}
		before.Deadline = before.Deadline.In(tiendo.Zone)
		if before.Title == edit.Title && before.Period == edit.Period && before.Deadline.Equal(edit.Deadline) &&
			before.HeadApproval == edit.HeadApproval && before.Brief == edit.Brief {
			return s.editReporters(ctx, tx, actor, id, edit.Reporters)
		}
		subject = continuity.Retitle(subject, before.Period, edit.Period)
		// Only while still the draft just read: a publish committed since
		// (on PostgreSQL, between the read and this write) is not overtaken.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE rounds SET title = ?, period_kind = ?, period_year = ?, period_index = ?, deadline = ?,
			head_approval = ?, brief = ?, subject = ? WHERE id = ? AND status = ?`),
			edit.Title, edit.Period.Kind, edit.Period.Year, edit.Period.Index, edit.Deadline.UTC(), edit.HeadApproval, edit.Brief, subject, id, tiendo.RoundDraft)
		if err != nil {
			return fmt.Errorf("store: update round: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo vừa được phát hành nên không sửa được nữa. Hãy mở lại đợt báo cáo để xem.")
		}
		if err := s.refuseRetiredIn(ctx, tx, id, edit.Deadline); err != nil {
			return err
		}
		// Audited as entity "round": the round cache (roundcache.go) and
		// the search index follow a round's changes by its audit rows.
		if err := s.audit(ctx, tx, actor, "update", "round", id, roundEditAudit(before), roundEditAudit(edit)); err != nil {
			return err
		}
		return s.editReporters(ctx, tx, actor, id, edit.Reporters)
	})
}

// editReporters sets the reporters of a round's edit, when it has any.
func (s *Store) editReporters(ctx context.Context, tx *sql.Tx, actor Actor, id int64, reporters map[int64]int64) error {
	if len(reporters) == 0 {
		return nil
	}
	return s.setTargetReporters(ctx, tx, actor, id, reporters)
}

// ErrNotDraft refuses to edit a round that is no longer a draft.
func ErrNotDraft() error {
	return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo đã phát hành nên không sửa được nữa: các đơn vị đã nhận đợt này với tên và hạn gửi như lúc phát hành. Chỉ sửa được đợt báo cáo còn là bản nháp.")
}

// roundEditAudit is what the audit log keeps of a round's edit.
func roundEditAudit(e RoundEdit) map[string]any {
	return map[string]any{"title": e.Title, "period": e.Period, "deadline": e.Deadline, "head_approval": e.HeadApproval, "brief": e.Brief}
}
