package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"tiendo"
)

// roundCache keeps, between requests, what RoundForUnit reads: a round's
// row, its tasks with their targets, and each unit's part in it (whether it
// is asked and its role on each task). Every save and submission of a unit
// needs that part, and at a deadline thousands of them come at once.
//
// An entry is valid only for the round's audit stamp: the id of the newest
// audit row about the round. Every change to a round, its tasks or its
// targets is written with an audit row about the round in the same
// transaction (publish, close, lock, unlock, reopen, update_task, ...), and
// audit ids are taken in commit order (SQLite has one writer; on PostgreSQL
// the audit chain's row lock orders them), so the stamp moves whenever what
// the cache holds may have changed, whichever instance made the change. A
// lookup reads the stamp first, one indexed query, and loads again when it
// differs. What is loaded after reading a stamp is at least as new as the
// stamp, so an entry is never older than the stamp it is filed under.
//
// A new write path that changes a round's row, tasks, targets or units must
// therefore audit itself as entity "round" with the round's id; the search
// index relies on the same rule.
type roundCache struct {
	mu     sync.Mutex
	rounds map[int64]*cachedRound
	clock  uint64 // for least-recently-used eviction
}

// maxCachedRounds bounds the cache: units report on a few open rounds at a
// time, and an entry costs a few bytes per unit.
const maxCachedRounds = 32

type cachedRound struct {
	stamp int64
	round *tiendo.Round          // the row: no tasks, no units
	tasks []*tiendo.Task         // every task of the round, in order, with targets and no assignees
	units map[int64]*cachedUnit  // by unit
	byID  map[int64]*tiendo.Task // tasks by id
	whole *wholeParts            // the rest of the whole round, once Round has asked for it
	used  uint64
}

type cachedUnit struct {
	asked    bool
	roles    map[int64]tiendo.AssigneeRole // by task
	deadline time.Time                     // the unit's own deadline, zero when none (asUnit)
}

// roundStamp is round id's stamp (sqlRoundStamp).
func (s *Store) roundStamp(ctx context.Context, id int64) (int64, error) {
	var stamp int64
	err := s.prep(s.rdb).QueryRowContext(ctx, s.q(sqlRoundStamp), id).Scan(&stamp)
	if err != nil {
		return 0, fmt.Errorf("store: round stamp: %w", err)
	}
	return stamp, nil
}

// sqlRoundStamp is a round's stamp: the id of the newest audit row about
// it, or of the last row pruned from the log (audit_chain.anchor_id) when
// that is newer. Pruning may take all of a round's rows: a stamp that fell
// back to 0 would match a round kept at 0 before an edit whose row has been
// pruned since, and the old round would be served (and drafted from).
// Every round's stamp moves past the rows a pruning takes, so none can.
const sqlRoundStamp = `SELECT MAX(m) FROM (SELECT COALESCE(MAX(id), 0) AS m FROM audit_log WHERE entity = 'round' AND entity_id = ?
	UNION ALL SELECT anchor_id FROM audit_chain WHERE id = 1) stamp`

// cachedRoundForUnit returns round id with only unit unitID's tasks, as
// RoundForUnit describes, from the cache when the round has not changed
// since it was loaded. It checks that u may see the round.
func (s *Store) cachedRoundForUnit(ctx context.Context, u *tiendo.User, id, unitID int64) (*tiendo.Round, error) {
	stamp, err := s.roundStamp(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.roundForUnitAt(ctx, u, id, unitID, stamp)
}

// roundForUnitAt is cachedRoundForUnit with the round's stamp already read
// (roundReport reads it in the same query as the unit's report).
func (s *Store) roundForUnitAt(ctx context.Context, u *tiendo.User, id, unitID, stamp int64) (*tiendo.Round, error) {
	e, err := s.cachedEntry(ctx, id, stamp)
	if err != nil {
		return nil, err
	}
	c := &s.roundCache
	c.mu.Lock()
	cu := e.units[unitID]
	c.mu.Unlock()
	if cu == nil {
		if cu, err = s.loadUnitPart(ctx, e, unitID); err != nil {
			return nil, err
		}
		c.mu.Lock()
		e.units[unitID] = cu
		c.store(id, e)
		c.mu.Unlock()
	}

	// Who may see the round is visibleTo's rule. Its common case, a unit's
	// own user reading the unit's part of a published round that asks it,
	// is decided here without a query; anything else asks the database.
	switch {
	case e.round.Status == tiendo.RoundDraft && !tiendo.SeesDraftRounds(u):
		return nil, roundNotFound()
	case tiendo.ScopeOf(u, tiendo.ActionReadRounds) == tiendo.ScopeAll:
	case e.round.Status != tiendo.RoundDraft && cu.asked && slices.Contains(u.UnitTree(), unitID):
	default:
		if err := s.roundVisible(ctx, u, id); err != nil {
			return nil, err
		}
	}
	r := e.forUnit(unitID, cu)
	asUnit(r, cu.deadline, s.now())
	return r, nil
}

// roundVisible asks the database whether u may see round id (visibleTo).
func (s *Store) roundVisible(ctx context.Context, u *tiendo.User, id int64) error {
	where, args := visibleTo(u)
	var n int
	if err := s.rdb.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM rounds WHERE id = ? AND `+where), append([]any{id}, args...)...).Scan(&n); err != nil {
		return fmt.Errorf("store: round: %w", err)
	}
	if n == 0 {
		return roundNotFound()
	}
	return nil
}

// lookup returns the entry of round id if it is the one for stamp, and
// drops an entry for another stamp.
func (c *roundCache) lookup(id, stamp int64) *cachedRound {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.rounds[id]
	if e != nil && e.stamp != stamp {
		delete(c.rounds, id)
		return nil
	}
	if e != nil {
		c.clock++
		e.used = c.clock
	}
	return e
}

// cachedEntry returns round id's entry for stamp, loading the round's row,
// tasks and targets when the cache has none.
func (s *Store) cachedEntry(ctx context.Context, id, stamp int64) (*cachedRound, error) {
	c := &s.roundCache
	e := c.lookup(id, stamp)
	if e != nil {
		return e, nil
	}
	e, err := s.loadRound(ctx, id, stamp)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.store(id, e)
	c.mu.Unlock()
	return e, nil
}

// wholeParts is what a whole round adds to a cached one: every unit it
// asks and every task's assignees, leads first. A round sent to 3,321
// communes has some 40,000 assignees, and at a deadline the office's
// matrix and round page read them every few seconds.
type wholeParts struct {
	unitIDs   []int64                     // in id order
	assignees map[int64][]tiendo.Assignee // by task
}

// cachedRound returns round id whole, as Round describes, from the cache
// when the round has not changed since it was loaded.
//
// Whoever has the whole scope sees every round; anyone else is asked of the
// database first (visibleTo), so that a refused request loads nothing. A
// closed round is loaded for its caller and not kept: it is read for its
// history (a target's series walks back through many), and old rounds must
// not push the open ones, whose units report now, out of the cache.
func (s *Store) cachedRound(ctx context.Context, u *tiendo.User, id int64) (*tiendo.Round, error) {
	// The office and the leader see every round; anyone else asks
	// visibleTo (a reader of every round still does not see drafts).
	if tiendo.ScopeOf(u, tiendo.ActionReadRounds) != tiendo.ScopeAll || !tiendo.SeesDraftRounds(u) {
		if err := s.roundVisible(ctx, u, id); err != nil {
			return nil, err
		}
	}
	stamp, err := s.roundStamp(ctx, id)
	if err != nil {
		return nil, err
	}
	c := &s.roundCache
	e := c.lookup(id, stamp)
	if e == nil {
		if e, err = s.loadRound(ctx, id, stamp); err != nil {
			return nil, err
		}
		if e.round.Status == tiendo.RoundClosed {
			w, err := s.loadWhole(ctx, id)
			if err != nil {
				return nil, err
			}
			return e.wholeRound(w), nil
		}
		c.mu.Lock()
		c.store(id, e)
		c.mu.Unlock()
	}
	c.mu.Lock()
	w := e.whole
	c.mu.Unlock()
	if w == nil {
		if w, err = s.loadWhole(ctx, id); err != nil {
			return nil, err
		}
		c.mu.Lock()
		e.whole = w
		c.mu.Unlock()
	}
	return e.wholeRound(w), nil
}

// loadWhole reads round id's units and every task's assignees.
func (s *Store) loadWhole(ctx context.Context, id int64) (*wholeParts, error) {
	w := &wholeParts{assignees: map[int64][]tiendo.Assignee{}}
	var err error
	if w.unitIDs, err = s.roundUnitIDs(ctx, s.rdb, id); err != nil {
		return nil, err
	}
	// In primary-key order, which needs no sort in the database; leads are
	// put first in Go below.
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT tu.task_id, tu.unit_id, tu.role FROM task_units tu JOIN tasks t ON t.id = tu.task_id
		WHERE t.round_id = ? ORDER BY tu.task_id, tu.unit_id`), id)
	if err != nil {
		return nil, fmt.Errorf("store: task units: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var taskID int64
		var a tiendo.Assignee
		if err := rows.Scan(&taskID, &a.UnitID, &a.Role); err != nil {
			return nil, err
		}
		w.assignees[taskID] = append(w.assignees[taskID], a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, as := range w.assignees {
		slices.SortStableFunc(as, func(a, b tiendo.Assignee) int {
			return cmp.Compare(roleRank(a.Role), roleRank(b.Role))
		})
	}
	return w, nil
}

// wholeRound builds the whole round as a copy the caller may change.
func (e *cachedRound) wholeRound(w *wholeParts) *tiendo.Round {
	r := *e.round
	r.ReportContents = slices.Clone(e.round.ReportContents)
	r.UnitIDs = slices.Clone(w.unitIDs)
	r.Tasks = nil
	for _, t := range e.tasks {
		tc := *t
		tc.Assignees = slices.Clone(w.assignees[t.ID])
		if tc.Assignees == nil {
			tc.Assignees = []tiendo.Assignee{}
		}
		tc.Targets = copyTargets(t.Targets)
		r.Tasks = append(r.Tasks, &tc)
	}
	return &r
}

func roundNotFound() error {
	return tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy đợt báo cáo, hoặc bạn không có quyền xem đợt này.")
}

// store files e under id, unless a newer entry got there first, and evicts
// the least recently used round when the cache is full. c.mu is held.
func (c *roundCache) store(id int64, e *cachedRound) {
	if c.rounds == nil {
		c.rounds = map[int64]*cachedRound{}
	}
	if old := c.rounds[id]; old != nil && old != e && old.stamp > e.stamp {
		return
	}
	c.clock++
	e.used = c.clock
	c.rounds[id] = e
	for len(c.rounds) > maxCachedRounds {
		var lru int64
		var oldest uint64
		for k, v := range c.rounds {
			if oldest == 0 || v.used < oldest {
				lru, oldest = k, v.used
			}
		}
		delete(c.rounds, lru)
	}
}

// loadRound reads round id's row, tasks and targets, to be filed under stamp.
func (s *Store) loadRound(ctx context.Context, id, stamp int64) (*cachedRound, error) {
	db := s.prep(s.rdb)
	r, err := scanRound(db.QueryRowContext(ctx, s.q(`SELECT `+roundColumns+` FROM rounds WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, roundNotFound()
	} else if err != nil {
		return nil, err
	}
	e := &cachedRound{stamp: stamp, round: r, units: map[int64]*cachedUnit{}, byID: map[int64]*tiendo.Task{}}
	rows, err := db.QueryContext(ctx, s.q(`SELECT id, position, label, text FROM tasks WHERE round_id = ? ORDER BY position`), id)
	if err != nil {
		return nil, fmt.Errorf("store: tasks: %w", err)
	}
	for rows.Next() {
		t := &tiendo.Task{RoundID: id, Targets: []*tiendo.Target{}}
		if err := rows.Scan(&t.ID, &t.Position, &t.Label, &t.Text); err != nil {
			rows.Close()
			return nil, err
		}
		e.tasks = append(e.tasks, t)
		e.byID[t.ID] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.QueryContext(ctx, s.q(`SELECT tg.id, tg.task_id, tg.position, tg.text, tg.comparator, tg.value, tg.unit, tg.direction, tg.relative_to, COALESCE(tg.reported_by, 0)
		FROM targets tg JOIN tasks t ON t.id = tg.task_id WHERE t.round_id = ? ORDER BY tg.task_id, tg.position`), id)
	if err != nil {
		return nil, fmt.Errorf("store: targets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		tg := &tiendo.Target{}
		if err := rows.Scan(&tg.ID, &tg.TaskID, &tg.Position, &tg.Text, &tg.Comparator, &tg.Value, &tg.Unit, &tg.Direction, &tg.RelativeTo, &tg.ReportedBy); err != nil {
			return nil, err
		}
		if t := e.byID[tg.TaskID]; t != nil {
			t.Targets = append(t.Targets, tg)
		}
	}
	return e, rows.Err()
}

// loadUnitPart reads whether unit unitID is asked in e's round, its own
// deadline there and its role on each task.
func (s *Store) loadUnitPart(ctx context.Context, e *cachedRound, unitID int64) (*cachedUnit, error) {
	rows, err := s.prep(s.rdb).QueryContext(ctx, s.q(sqlUnitPart), e.round.ID, unitID, unitID, e.round.ID)
	if err != nil {
		return nil, fmt.Errorf("store: round unit: %w", err)
	}
	defer rows.Close()
	cu := &cachedUnit{roles: map[int64]tiendo.AssigneeRole{}}
	for rows.Next() {
		var taskID int64
		var role tiendo.AssigneeRole
		var own sql.NullTime
		if err := rows.Scan(&taskID, &role, &own); err != nil {
			return nil, err
		}
		if taskID == 0 {
			cu.asked, cu.deadline = true, own.Time
		} else {
			cu.roles[taskID] = role
		}
	}
	return cu, rows.Err()
}

// sqlUnitPart reads a unit's part in a round in one query: a row with task
// 0 and the unit's own deadline when the round asks the unit, and its role
// on each task it has one on. (SQLite types a compound SELECT's column by
// its leftmost SELECT: the deadline reads back as a time.)
const sqlUnitPart = `SELECT 0, '', extended_deadline FROM round_units WHERE round_id = ? AND unit_id = ?
	UNION ALL SELECT tu.task_id, tu.role, NULL FROM task_units tu JOIN tasks t ON t.id = tu.task_id WHERE tu.unit_id = ? AND t.round_id = ?`

// forUnit builds the round as unit cu sees it, as a copy the caller may
// change: the row, the unit alone in UnitIDs when it is asked, and the tasks
// it leads or supports with its own assignment.
func (e *cachedRound) forUnit(unitID int64, cu *cachedUnit) *tiendo.Round {
	r := *e.round
	r.ReportContents = slices.Clone(e.round.ReportContents)
	r.UnitIDs = []int64{}
	if cu.asked {
		r.UnitIDs = append(r.UnitIDs, unitID)
	}
	r.Tasks = nil
	for _, t := range e.tasks {
		role, ok := cu.roles[t.ID]
		if !ok {
			continue
		}
		tc := *t
		tc.Assignees = []tiendo.Assignee{{UnitID: unitID, Role: role}}
		tc.Targets = copyTargets(t.Targets)
		r.Tasks = append(r.Tasks, &tc)
	}
	return &r
}

// copyTargets copies a cached task's targets for a caller who may change them.
func copyTargets(targets []*tiendo.Target) []*tiendo.Target {
	out := make([]*tiendo.Target, len(targets))
	for i, tg := range targets {
		c := *tg
		out[i] = &c
	}
	return out
}
