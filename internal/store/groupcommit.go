package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"sync/atomic"
	"time"
)

// Group commit (SQLite). Every write transaction goes to one writer
// goroutine, which runs the writes waiting at that moment inside a single
// transaction, each after the first inside its own SAVEPOINT, and commits
// them together: one COMMIT, so one fsync of the write-ahead log, for the
// whole batch.
//
//   - A write that fails, or panics, rolls back to its savepoint: its batch
//     mates are not affected. The first write of a batch needs none: when it
//     fails, the transaction is rolled back and the batch ends there.
//   - Nobody hears back before the COMMIT that holds their write has
//     returned. synchronous=FULL makes that COMMIT durable, so an
//     acknowledged write survives a crash or a power cut as before.
//   - If the COMMIT fails, or SQLite rolled the whole transaction back (an
//     I/O error, a full disk, or a write interrupted because its request was
//     cancelled), every write of the batch gets an error, and none of them
//     is acknowledged: writes are all-or-nothing per batch, never partial.
//   - Writes run one after another in arrival order, as they did with one
//     transaction each, and each sees the ones before it in its batch.
//
// A write's own work still runs on the single writer connection; what the
// batch saves is the per-transaction cost (BEGIN, COMMIT and above all the
// fsync), which under a deadline rush is paid once for many units.

const (
	// maxBatch and maxBatchTime bound a batch, so that the first write in
	// it is not kept waiting for its COMMIT behind an endless queue.
	maxBatch     = 128
	maxBatchTime = 15 * time.Millisecond

	sqlSavepoint  = `SAVEPOINT write`
	sqlRelease    = `RELEASE write`
	sqlRollbackTo = `ROLLBACK TO write`
)

// writeJob is one write transaction waiting for the writer.
type writeJob struct {
	ctx   context.Context
	fn    func(tx *sql.Tx) error
	err   error
	panic *writePanic
	done  chan struct{}
}

// writePanic carries a write's panic back to its caller's goroutine.
type writePanic struct {
	value any
	stack []byte
}

func (p *writePanic) Error() string {
	return fmt.Sprintf("store: write panicked: %v\n%s", p.value, p.stack)
}

var errClosed = errors.New("store: closed")

// writerStats counts the writer's batches, for tests.
type writerStats struct {
	commits atomic.Int64 // batches ended, committed or not
}

// startWriter starts the group-commit writer on SQLite's writer connection.
func (s *Store) startWriter() {
	s.writes = make(chan *writeJob)
	s.quit = make(chan struct{})
	s.writerDone = make(chan struct{})
	go s.writeLoop()
}

// stopWriter lets the batch in progress finish and stops the writer.
func (s *Store) stopWriter() {
	if s.writes == nil {
		return
	}
	s.quitOnce.Do(func() { close(s.quit) })
	<-s.writerDone
}

// groupTx hands fn to the writer and waits for its batch's COMMIT.
func (s *Store) groupTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	j := &writeJob{ctx: ctx, fn: fn, done: make(chan struct{})}
	select {
	case s.writes <- j:
	case <-ctx.Done():
		return fmt.Errorf("store: begin: %w", ctx.Err())
	case <-s.quit:
		return errClosed
	}
	// Once the writer has the job, wait for it whatever ctx says: it may
	// already be committed, and the caller must not hear otherwise.
	<-j.done
	if j.panic != nil {
		panic(j.panic)
	}
	return j.err
}

func (s *Store) writeLoop() {
	defer close(s.writerDone)
	for {
		select {
		case j := <-s.writes:
			s.runBatch(j)
		case <-s.quit:
			return
		}
	}
}

// runBatch runs first and the writes that queue behind it in one
// transaction, commits, and answers them all.
func (s *Store) runBatch(first *writeJob) {
	batch := []*writeJob{first}
	defer func() {
		for _, j := range batch {
			close(j.done)
		}
	}()
	bg := context.Background() // the batch is no single request's
	tx, err := s.db.BeginTx(bg, nil)
	if err != nil {
		first.err = fmt.Errorf("store: begin: %w", err)
		return
	}
	start := time.Now()
	var audits []*AuditEntry // the audit rows of the writes that succeeded
	// The first write runs without a savepoint of its own: if it fails,
	// the transaction holds nothing else and is rolled back whole.
	alive := s.runJob(bg, tx, first, &audits, false)
more:
	for alive && len(batch) < maxBatch && time.Since(start) < maxBatchTime {
		select {
		case j := <-s.writes:
			batch = append(batch, j)
			alive = s.runJob(bg, tx, j, &audits, true)
		default:
			break more
		}
	}
	s.commits.Add(1)
	var failed error
	if !alive {
		tx.Rollback()
		failed = errors.New("store: the write batch was rolled back; nothing of it was saved")
	} else if err := s.appendAudit(bg, tx, audits); err != nil {
		tx.Rollback()
		failed = fmt.Errorf("store: the write batch was rolled back; nothing of it was saved: %w", err)
	} else if err := tx.Commit(); err != nil {
		failed = fmt.Errorf("store: commit: %w", err)
	}
	if failed != nil {
		for _, j := range batch {
			if j.err == nil && j.panic == nil {
				j.err = failed
			}
		}
	}
}

// runJob runs j inside a savepoint of tx, and rolls back to it if j fails.
// It reports whether tx is still usable: false when SQLite has rolled the
// whole transaction back, which shows as a savepoint that no longer exists.
// Without savepoint (a batch's first write), a write that fails leaves tx
// unusable: the caller rolls it back.
//
// The audit rows j writes wait, as they do in a PostgreSQL transaction
// (audit.go): a write that succeeds adds them to audits, which runBatch
// chains in one go before its COMMIT, reading and moving the chain's head
// once per batch instead of once per write; a write that fails leaves none.
func (s *Store) runJob(bg context.Context, tx *sql.Tx, j *writeJob, audits *[]*AuditEntry, savepoint bool) (alive bool) {
	if err := j.ctx.Err(); err != nil {
		j.err = fmt.Errorf("store: begin: %w", err)
		return true
	}
	if savepoint {
		if _, err := s.exec(bg, tx, sqlSavepoint); err != nil {
			j.err = fmt.Errorf("store: savepoint: %w", err)
			return false
		}
	}
	var pending []*AuditEntry
	s.pendingAudit.Store(tx, &pending)
	j.err, j.panic = callWrite(j.fn, tx)
	s.pendingAudit.Delete(tx)
	if j.err == nil && j.panic == nil {
		if savepoint {
			if _, err := s.exec(bg, tx, sqlRelease); err != nil {
				return false
			}
		}
		*audits = append(*audits, pending...)
		return true
	}
	if !savepoint {
		return false
	}
	if _, err := s.exec(bg, tx, sqlRollbackTo); err != nil {
		return false
	}
	_, err := s.exec(bg, tx, sqlRelease)
	return err == nil
}

// callWrite runs fn, turning a panic into a value for its caller.
func callWrite(fn func(tx *sql.Tx) error, tx *sql.Tx) (err error, p *writePanic) {
	defer func() {
		if v := recover(); v != nil {
			p = &writePanic{value: v, stack: debug.Stack()}
		}
	}()
	return fn(tx), nil
}
