package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"
)

// Keeping the search index current. The index follows the audit log from
// the position kept in search_state (audit_id; -1 when it must be built
// from the tables), a batch at a time: each batch is one write transaction
// that indexes at most searchBatch rounds, units, reports and documents and
// moves the position past them. On SQLite a transaction holds the only
// writer, on PostgreSQL the lock on search_state: a report's save or
// submission that comes during a catch-up waits for one batch, not for the
// whole catch-up (a deadline rush leaves thousands of reports to index).
//
// FollowSearch, run by each instance, does the catch-up in the background;
// Search does at most one batch itself, so that what was just saved is
// found, and finds what is indexed when the backlog is larger than that.

// searchBatch is how many rounds, units, reports and documents one
// transaction of the catch-up indexes: some 1,200 rows of a national
// round's reports (12 tasks each), 0.1 to 0.3 s of writing on SQLite
// (BenchmarkSearchCatchUp). Smaller batches make the whole catch-up
// longer: each commit costs, and so does FTS5's merging of more segments.
const searchBatch = 100

// searchAuditRead bounds the audit rows one batch reads, most of which may
// change no text (logins, approvals).
const searchAuditRead = 10000

// searchLock is appended to the read of search_state that starts a batch:
// on PostgreSQL it makes concurrent batches (of several instances, or of a
// search and the background loop) wait for each other, and each reads the
// position the one before it left; SQLite's single writer already does.
func (s *Store) searchLock() string {
	if s.dialect == postgres {
		return " FOR UPDATE"
	}
	return ""
}

// searchLag is how long a write may take between taking its audit_log id and
// committing. On PostgreSQL ids come from a sequence, so a transaction could
// commit after one with a higher id (the audit chain's row lock now keeps
// them in order, but the index should not depend on that); a refresh that has
// read past a missing id looks again until the id shows up or is this old
// (rolled back). SQLite has one writer at a time: ids commit in order.
func (s *Store) searchLag() time.Duration {
	if s.dialect == postgres {
		return 30 * time.Second
	}
	return 0
}

// RefreshSearch brings the search index up to date with every change the
// audit log has recorded since the last refresh, building the whole index
// the first time, in transactions of one batch each. When nothing changed
// it costs one small query.
func (s *Store) RefreshSearch(ctx context.Context) error { return s.refreshSearch(ctx, 0) }

// refreshSearchOnce is Search's refresh: one batch at most. A backlog of
// a few saves is caught up whole; a larger one is left, past this batch,
// to FollowSearch, and the search finds what is indexed.
func (s *Store) refreshSearchOnce(ctx context.Context) error { return s.refreshSearch(ctx, 1) }

// refreshSearch is RefreshSearch in at most batches transactions (0: as
// many as it takes).
func (s *Store) refreshSearch(ctx context.Context, batches int) error {
	if current, err := s.searchCurrent(ctx); err != nil || current {
		return err
	}
	follow := true
	for n := 1; ; n++ {
		more, followed, err := s.searchStep(ctx, follow)
		if err != nil {
			return err
		}
		if !more || n == batches {
			return nil
		}
		// Once the log is read to its end, or to an entry in flight, what
		// remains is the build's: its batches need not read the same
		// entries again. What comes later is the next refresh's.
		follow = follow && !followed
	}
}

// searchCurrent reports whether the index has followed the whole audit log
// and no build is under way, without a transaction.
func (s *Store) searchCurrent(ctx context.Context) (bool, error) {
	var cursor, last int64
	var step int
	if err := s.rdb.QueryRowContext(ctx, `SELECT audit_id, rebuild_step, (SELECT COALESCE(MAX(id), 0) FROM audit_log) FROM search_state WHERE id = 1`).
		Scan(&cursor, &step, &last); err != nil {
		return false, fmt.Errorf("store: search state: %w", err)
	}
	return cursor >= 0 && step == 0 && last <= cursor, nil
}

// RebuildSearch builds the search index again from the tables, for when it
// is suspected to be wrong (a change made outside tiendo, by hand in SQL),
// in batches as RefreshSearch does. Until it is done, search finds what
// the index held before for what it has not reached yet.
func (s *Store) RebuildSearch(ctx context.Context) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var cursor int64
		if err := tx.QueryRowContext(ctx, `SELECT audit_id FROM search_state WHERE id = 1`+s.searchLock()).Scan(&cursor); err != nil {
			return fmt.Errorf("store: search state: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE search_state SET audit_id = -1, rebuild_step = 0, rebuild_after = 0 WHERE id = 1`); err != nil {
			return fmt.Errorf("store: search state: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.RefreshSearch(ctx)
}

// searchFollowBatches bounds FollowSearch's batches at each interval: in a
// deadline rush the index falls behind by a few seconds' submissions and
// catches up after, rather than taking the cores from the submissions
// while they come (a national rush leaves some 40,000 sections to index).
const searchFollowBatches = 5

// searchBusy is how many audit entries an interval of FollowSearch marks
// a rush by (some 100 submissions; an office's ordinary day writes a few a
// minute), and searchMaxWaits how many intervals in a row it then waits
// before indexing anyway: in a rush every batch of the index is a wait for
// the submissions behind it on SQLite's one writer, so the index lags the
// rush by up to a minute and catches up after it.
const (
	searchBusy     = 250
	searchMaxWaits = 12
)

// searchWait reports whether FollowSearch waits this interval: the audit
// log grew from last to now entries by more than a rush's since the one
// before (last is -1 at first), and it has not waited searchMaxWaits
// intervals in a row already.
func searchWait(last, now int64, waited int) bool {
	return last >= 0 && now-last > searchBusy && waited < searchMaxWaits
}

// FollowSearch keeps the search index up to date until ctx is cancelled:
// at once, then every interval, it follows the audit log, a batch to a
// transaction, at most searchFollowBatches batches each time, and none
// while a rush fills the audit log (searchWait). Every
// instance runs it; their batches take turns on search_state's lock, and
// each starts where the one before it stopped. Errors are logged, not
// returned: an outage only delays the index, which Search then catches up
// a batch at a time.
func (s *Store) FollowSearch(ctx context.Context, interval time.Duration, log *slog.Logger) {
	if log == nil {
		log = slog.Default()
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	failing := false
	last, waited := int64(-1), 0
	for {
		var err error
		var now int64
		if err = s.rdb.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM audit_log`).Scan(&now); err == nil {
			if searchWait(last, now, waited) {
				waited++
			} else {
				waited = 0
				err = s.refreshSearch(ctx, searchFollowBatches)
			}
			last = now
		}
		if err != nil && ctx.Err() == nil {
			if !failing { // say it once, not every interval
				log.Warn("store: search index not brought up to date; trying again", "err", err)
			}
			failing = true
		} else if err == nil {
			failing = false
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// searchRebuildSteps are the tables a build walks, in the order of
// search_state.rebuild_step (from 1): the kinds of rows each step writes,
// and the column of search_docs that holds the table's id.
var searchRebuildSteps = []struct {
	table, column string
	kinds         string
	index         func(*Store, context.Context, *sql.Tx, []int64) error
}{
	{"rounds", "round_id", `'` + SearchRound + `', '` + SearchTask + `', '` + SearchTarget + `'`, (*Store).indexRounds},
	{"units", "unit_id", `'` + SearchUnit + `'`, (*Store).indexUnits},
	{"unit_reports", "report_id", `'` + SearchSection + `', '` + SearchContribution + `'`, (*Store).indexReports},
	{"rounds", "round_id", `'` + SearchConsolidated + `', '` + SearchDirective + `'`, (*Store).indexDocuments},
}

// searchStep does one batch in its own transaction: it follows the audit
// log (when follow is set), then spends what is left of the batch on the
// build under way, if any. It reports whether work remains, and whether
// it read the log to its end or to an entry it must wait for (followed).
//
// A build replaces the index a range of ids at a time: what it has not
// reached yet is still found as it was indexed before. It reads the
// audit log's position first, and the tables after: whatever changes
// after that position is indexed again by following the log, which goes
// on during the build, so that a search after a save finds it then too.
func (s *Store) searchStep(ctx context.Context, follow bool) (more, followed bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var cursor, after int64
		var step int
		if err := tx.QueryRowContext(ctx, `SELECT audit_id, rebuild_step, rebuild_after FROM search_state WHERE id = 1`+s.searchLock()).
			Scan(&cursor, &step, &after); err != nil {
			return fmt.Errorf("store: search state: %w", err)
		}
		was := [3]int64{cursor, int64(step), after}
		if cursor < 0 {
			mark, err := s.auditMark(ctx, tx)
			if err != nil {
				return err
			}
			cursor, step, after = mark, 1, 0
			// Rows of a kind this version does not write would stay.
			if _, err := tx.ExecContext(ctx, `DELETE FROM search_docs WHERE kind NOT IN (`+searchKindList()+`)`); err != nil {
				return fmt.Errorf("store: search: clear: %w", err)
			}
		}
		budget := searchBatch
		more, followed = false, true
		if follow {
			next, used, done, err := s.followAudit(ctx, tx, cursor, budget)
			if err != nil {
				return err
			}
			cursor, budget = next, budget-used
			more, followed = !done, done
		}
		for step > 0 && budget > 0 {
			st := searchRebuildSteps[step-1]
			ids, err := s.idsAfter(ctx, tx, st.table, after, budget)
			if err != nil {
				return err
			}
			// The range (after, last id] is this batch's: rows in it of
			// ids that are gone go too. The step's last batch takes every
			// row after.
			del, args := `DELETE FROM search_docs WHERE kind IN (`+st.kinds+`) AND `+st.column+` > ?`, []any{after}
			last := len(ids) < budget
			if !last {
				del, args = del+` AND `+st.column+` <= ?`, append(args, ids[len(ids)-1])
			}
			if _, err := tx.ExecContext(ctx, s.q(del), args...); err != nil {
				return fmt.Errorf("store: search: %s: %w", st.table, err)
			}
			if err := st.index(s, ctx, tx, ids); err != nil {
				return err
			}
			budget -= max(len(ids), 1)
			if last {
				step, after = (step+1)%(len(searchRebuildSteps)+1), 0
			} else {
				after = ids[len(ids)-1]
			}
		}
		more = more || step > 0
		if now := [3]int64{cursor, int64(step), after}; now != was {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE search_state SET audit_id = ?, rebuild_step = ?, rebuild_after = ? WHERE id = 1`), cursor, step, after); err != nil {
				return fmt.Errorf("store: search state: %w", err)
			}
		}
		return nil
	})
	return more, followed, err
}

// searchKindList is the SQL list of the kinds of search_docs rows.
func searchKindList() string {
	var l string
	for i, st := range searchRebuildSteps {
		if i > 0 {
			l += ", "
		}
		l += st.kinds
	}
	return l
}

// auditMark returns the audit log's position for a build to start from:
// every entry up to it has committed, so the tables the build reads next
// hold its change. On PostgreSQL, entries younger than searchLag count
// only up to the first missing id (a transaction still in flight), as
// followAudit counts them: stopping before all of them had the first
// follow index again everything written in the build's last 30 seconds.
func (s *Store) auditMark(ctx context.Context, tx *sql.Tx) (int64, error) {
	var mark int64
	q, args := `SELECT COALESCE(MAX(id), 0) FROM audit_log`, []any{}
	lag := s.searchLag()
	if lag > 0 {
		q, args = q+` WHERE at < ?`, append(args, s.now().Add(-lag))
	}
	if err := tx.QueryRowContext(ctx, s.q(q), args...).Scan(&mark); err != nil {
		return 0, fmt.Errorf("store: search: audit log: %w", err)
	}
	if lag == 0 {
		return mark, nil
	}
	for {
		ids, err := s.idsAfter(ctx, tx, "audit_log", mark, 5000)
		if err != nil {
			return 0, err
		}
		for _, id := range ids {
			if id != mark+1 {
				return mark, nil
			}
			mark = id
		}
		if len(ids) < 5000 {
			return mark, nil
		}
	}
}

// textNeutral lists the audited actions that change no searchable text; the
// rest cause the entity to be indexed again.
var textNeutral = map[string]bool{
	"round:publish": true, "round:close": true, "round:lock": true, "round:unlock": true,
	"round:reopen": true, "round:remind": true, "unit_report:attach": true,
	// A document's approval steps change its status, which Search reads
	// from documents, not its text.
	"document:send": true, "document:approve": true, "document:return": true, "document:withdraw": true,
}

// followAudit indexes again the rounds, units, reports and documents that
// the audit log shows changed after id cursor, at most budget of them, and
// returns the position past them, how many it indexed, and whether it read
// the log to its end or to an entry it must wait for (done).
func (s *Store) followAudit(ctx context.Context, tx *sql.Tx, cursor int64, budget int) (next int64, used int, done bool, err error) {
	const chunk = 2000
	lag := s.searchLag()
	now := s.now()
	changed := map[string]map[int64]bool{"round": {}, "unit": {}, "unit_report": {}, "document": {}}
	next, from, read, stopped, full := cursor, cursor, 0, false, false
	for !done && !full {
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id, at, entity, entity_id, action FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`), from, chunk)
		if err != nil {
			return 0, 0, false, fmt.Errorf("store: search: audit log: %w", err)
		}
		n := 0
		for rows.Next() {
			var id, entityID int64
			var at time.Time
			var entity, action string
			if err := rows.Scan(&id, &at, &entity, &entityID, &action); err != nil {
				rows.Close()
				return 0, 0, false, err
			}
			if ids, ok := changed[entity]; ok && !textNeutral[entity+":"+action] && !ids[entityID] {
				if used == budget {
					full = true // the position stays before this entry
					break
				}
				ids[entityID] = true
				used++
			}
			n++
			from = id
			// The cursor moves over contiguous ids only, or over a gap
			// old enough to be a rollback rather than a commit to come.
			if !stopped && id != next+1 && lag > 0 && now.Sub(at) < lag {
				stopped = true
			}
			if !stopped {
				next = id
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, 0, false, err
		}
		read += n
		// What follows an entry in flight is indexed, so that it is found,
		// but read again once the entry has come. Past such an entry the
		// position cannot move in this refresh: the log counts as
		// followed, full or not, or each batch would redo this one.
		done = stopped || (!full && n < chunk)
		if read >= searchAuditRead {
			break
		}
	}
	if err := s.indexRounds(ctx, tx, searchIDs(changed["round"])); err != nil {
		return 0, 0, false, err
	}
	if err := s.indexUnits(ctx, tx, searchIDs(changed["unit"])); err != nil {
		return 0, 0, false, err
	}
	if err := s.indexReports(ctx, tx, searchIDs(changed["unit_report"])); err != nil {
		return 0, 0, false, err
	}
	// Documents are indexed by round. A changed round's are indexed
	// again too: a deleted draft round takes its documents with it,
	// auditing only the round.
	docRounds, err := s.documentRounds(ctx, tx, searchIDs(changed["document"]))
	if err != nil {
		return 0, 0, false, err
	}
	for id := range changed["round"] {
		docRounds = append(docRounds, id)
	}
	if err := s.indexDocuments(ctx, tx, docRounds); err != nil {
		return 0, 0, false, err
	}
	return next, used, done, nil
}

func searchIDs(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	return out
}

func (s *Store) idsAfter(ctx context.Context, tx *sql.Tx, table string, after int64, n int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT id FROM `+table+` WHERE id > ? ORDER BY id LIMIT ?`), after, n)
	if err != nil {
		return nil, fmt.Errorf("store: search: %s: %w", table, err)
	}
	return scanIDs(rows)
}
