package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// gcStore is a SQLite store with a table gc(id, v) to write into.
func gcStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "gc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`CREATE TABLE gc (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return s
}

func gcRows(t *testing.T, s *Store) map[int]bool {
	t.Helper()
	rows, err := s.rdb.Query(`SELECT id FROM gc`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int]bool{}
	for rows.Next() {
		var id int
		rows.Scan(&id)
		got[id] = true
	}
	return got
}

// hold keeps the writer busy in a write until release is closed, so that the
// writes started meanwhile queue up and run in one batch after it.
func hold(t *testing.T, s *Store, id int) (started, release chan struct{}, result chan error) {
	started, release, result = make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		result <- s.tx(context.Background(), func(tx *sql.Tx) error {
			close(started)
			<-release
			_, err := tx.Exec(`INSERT INTO gc (id, v) VALUES (?, 'hold')`, id)
			return err
		})
	}()
	<-started
	return started, release, result
}

// Concurrent writes share commits; one that fails or panics takes back only
// its own changes, and the others are committed.
func TestGroupCommitIsolatesFailures(t *testing.T) {
	s := gcStore(t)
	_, release, held := hold(t, s, 1000)
	before := s.commits.Load()
	const n = 40
	errs := make([]error, n)
	panics := make([]any, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			errs[i] = s.tx(context.Background(), func(tx *sql.Tx) error {
				if _, err := tx.Exec(`INSERT INTO gc (id, v) VALUES (?, 'x')`, i); err != nil {
					return err
				}
				if err := s.audit(context.Background(), tx, Actor{}, "test", "gc", int64(i), nil, map[string]int{"i": i}); err != nil {
					return err
				}
				switch i % 4 {
				case 1:
					return errors.New("refused")
				case 2:
					if i == 2 {
						panic("boom")
					}
					_, err := tx.Exec(`INSERT INTO gc (id, v) VALUES (?, 'dup')`, i) // a constraint error
					return err
				}
				return nil
			})
		})
	}
	time.Sleep(100 * time.Millisecond) // let them queue behind the held write
	close(release)
	wg.Wait()
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	got := gcRows(t, s)
	for i := range n {
		switch {
		case i == 2:
			if panics[i] == nil {
				t.Errorf("write %d: its panic did not reach its caller", i)
			}
		case i%4 == 0 || i%4 == 3:
			if errs[i] != nil || !got[i] {
				t.Errorf("write %d: err %v, stored %v; want committed", i, errs[i], got[i])
			}
		default:
			if errs[i] == nil {
				t.Errorf("write %d: no error", i)
			}
		}
		if i%4 == 1 || i%4 == 2 {
			if got[i] {
				t.Errorf("write %d failed but its row is stored", i)
			}
		}
	}
	if !got[1000] {
		t.Error("the held write is not stored")
	}
	// The audit rows are those of the writes that were committed, chained
	// unbroken although the batch appended them at its end.
	rows, err := s.rdb.Query(`SELECT entity_id FROM audit_log WHERE entity = 'gc'`)
	if err != nil {
		t.Fatal(err)
	}
	audited := map[int]bool{}
	for rows.Next() {
		var id int
		rows.Scan(&id)
		audited[id] = true
	}
	rows.Close()
	for i := range n {
		if audited[i] != (i%4 == 0 || i%4 == 3) {
			t.Errorf("write %d: audited %v, committed %v", i, audited[i], got[i])
		}
	}
	if rep, err := s.VerifyAudit(context.Background()); err != nil || !rep.OK() {
		t.Errorf("audit chain after a batch with failures: %v %+v", err, rep)
	}
	// The held write and the 40 behind it took far fewer than 41 commits.
	if c := s.commits.Load() - before; c > 5 {
		t.Errorf("%d commits for 41 queued writes: they were not grouped", c)
	}
}

// A batch's first write, which runs without a savepoint, takes back only
// its own changes when it fails, and the writes after it are committed.
func TestGroupCommitFirstWriteFails(t *testing.T) {
	s := gcStore(t)
	ctx := context.Background()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO gc (id, v) VALUES (1, 'first')`); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, Actor{}, "test", "gc", 1, nil, nil); err != nil {
			return err
		}
		return errors.New("refused")
	})
	if err == nil || err.Error() != "refused" {
		t.Fatalf("failed first write: %v, want its own error", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a first write's panic did not reach its caller")
			}
		}()
		s.tx(ctx, func(tx *sql.Tx) error {
			tx.Exec(`INSERT INTO gc (id, v) VALUES (2, 'panics')`)
			panic("boom")
		})
	}()
	if err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO gc (id, v) VALUES (3, 'after')`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := gcRows(t, s); got[1] || got[2] || !got[3] {
		t.Errorf("rows stored: %v, want only 3", got)
	}
	var n int
	s.rdb.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE entity = 'gc'`).Scan(&n)
	if n != 0 {
		t.Errorf("%d audit rows of failed writes are stored", n)
	}
}

// A write interrupted because its request was cancelled makes SQLite roll
// back the whole transaction: then no write of that batch is acknowledged
// and none is stored, and the writer carries on with the next batch.
func TestGroupCommitInterruptedBatch(t *testing.T) {
	s := gcStore(t)
	_, release, held := hold(t, s, 1000)
	mate := make(chan error, 1)
	go func() {
		mate <- s.tx(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO gc (id, v) VALUES (1, 'mate')`)
			return err
		})
	}()
	time.Sleep(50 * time.Millisecond) // the mate queues first
	ctx, cancel := context.WithCancel(context.Background())
	running := make(chan struct{})
	slow := make(chan error, 1)
	go func() {
		slow <- s.tx(ctx, func(tx *sql.Tx) error {
			close(running)
			// A write long enough to be interrupted in the middle.
			_, err := tx.ExecContext(ctx, `INSERT INTO gc (id, v)
				WITH RECURSIVE c(x) AS (SELECT 1000000 UNION ALL SELECT x + 1 FROM c WHERE x < 90000000) SELECT x, 'slow' FROM c`)
			return err
		})
	}()
	time.Sleep(100 * time.Millisecond) // both queue behind the held write
	close(release)                     // the held write's batch ends with it: it has had its time
	<-running
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-slow; err == nil {
		t.Fatal("the interrupted write succeeded")
	}
	if err := <-held; err != nil {
		t.Fatalf("the held write, in an earlier batch: %v", err)
	}
	errMate := <-mate
	got := gcRows(t, s)
	if errMate == nil || got[1] {
		t.Errorf("the write batched before the interrupted one: err %v, stored %v; want refused and not stored", errMate, got[1])
	}
	if len(got) != 1 || !got[1000] {
		t.Errorf("stored rows %v, want only the held write's", got)
	}
	// The writer goes on.
	if err := s.tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO gc (id, v) VALUES (2000, 'after')`)
		return err
	}); err != nil {
		t.Fatalf("write after the rolled-back batch: %v", err)
	}
	if !gcRows(t, s)[2000] {
		t.Error("the write after the rolled-back batch is not stored")
	}
}

// Close lets the batch in progress finish; writes after it are refused.
func TestGroupCommitClose(t *testing.T) {
	s := gcStore(t)
	_, release, held := hold(t, s, 1)
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	time.Sleep(50 * time.Millisecond)
	close(release)
	if err := <-held; err != nil {
		t.Errorf("the write in progress at Close: %v", err)
	}
	<-closed
	err := s.tx(context.Background(), func(tx *sql.Tx) error { return nil })
	if !errors.Is(err, errClosed) {
		t.Errorf("write after Close: %v, want %v", err, errClosed)
	}
}
