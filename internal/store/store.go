// Package store keeps tiendo's data in SQLite (the embedded default) or
// PostgreSQL (when several app instances share one database). One concrete
// *Store serves both; dialect.go holds every difference between them.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"tiendo"
)

// Store is tiendo's database. Its methods take a context first and return
// *tiendo.Error values for what the user can act on.
type Store struct {
	dialect dialect
	db      *sql.DB // writes (on SQLite: the single writer connection)
	rdb     *sql.DB // reads (on PostgreSQL: the same pool as db)

	// Now is the clock; tests replace it.
	Now func() time.Time

	// stmts holds the writer's prepared hot statements by query text (SQLite
	// only: modernc.org/sqlite parses a statement afresh each time it is not
	// prepared, and a report's save runs dozens; pgx caches its own).
	stmts     sync.Map
	readStmts sync.Map // the read pool's, prepared on first use

	roundCache roundCache // a unit's part of a round, between requests (roundcache.go)
	touches    touches    // last-use times of sessions and tokens, not yet written (touch.go)

	// pendingAudit holds, by *sql.Tx, the audit rows of a PostgreSQL
	// transaction, or of a write in SQLite's group commit, until they are
	// about to commit (audit.go, groupcommit.go).
	pendingAudit sync.Map

	// The group-commit writer (SQLite only, groupcommit.go): write
	// transactions queue on writes and are committed in batches.
	writes     chan *writeJob
	quit       chan struct{}
	quitOnce   sync.Once
	writerDone chan struct{}
	writerStats
	ckpt checkpointer // SQLite's checkpoints, off the writer (checkpoint.go)

	// totpKey wraps the second factor's keys at rest; nil keeps them in
	// the clear (totp_key.go).
	totpKey *TOTPKey
}

// Open opens the store named by dsn: "sqlite:PATH" or "postgres://...".
// It applies the migrations that have not run yet and, when opts give it a
// key (WithTOTPKey), wraps the second factor's keys still in the clear.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	s := &Store{Now: time.Now}
	for _, o := range opts {
		o(s)
	}
	var err error
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		err = s.openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		err = s.openPostgres(dsn)
	default:
		return nil, fmt.Errorf("store: unknown database %q: use sqlite:PATH or postgres://...", dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.dialect == sqlite {
		s.startWriter()
		s.startCheckpointer()
	}
	if err := s.wrapTOTPKeys(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) openPostgres(dsn string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(4 * runtime.GOMAXPROCS(0))
	db.SetMaxIdleConns(4 * runtime.GOMAXPROCS(0))
	db.SetConnMaxIdleTime(5 * time.Minute)
	s.dialect, s.db, s.rdb = postgres, db, db
	return nil
}

// Dialect names the database in use: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.name() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Close closes the database. On SQLite it also folds the write-ahead log back
// into the main file so a copy of that one file is complete.
func (s *Store) Close() error {
	s.closeTouches()
	s.stopWriter()
	s.stopCheckpointer()
	s.stmts.Range(func(_, st any) bool { st.(*sql.Stmt).Close(); return true })
	s.readStmts.Range(func(_, st any) bool { st.(*sql.Stmt).Close(); return true })
	if s.dialect == sqlite {
		s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	err := s.db.Close()
	if s.rdb != s.db {
		if err2 := s.rdb.Close(); err == nil {
			err = err2
		}
	}
	return err
}

// execWrite runs one write statement by itself. On SQLite it joins the
// group commit like any write transaction, instead of taking the writer
// connection for a commit (and an fsync) of its own between batches; on
// PostgreSQL it is one statement, which commits alone, rather than BEGIN,
// the statement and COMMIT.
func (s *Store) execWrite(ctx context.Context, query string, args ...any) error {
	if s.writes != nil {
		return s.groupTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, query, args...)
			return err
		})
	}
	_, err := s.db.ExecContext(ctx, query, args...)
	return err
}

// tx runs fn in a write transaction and commits it if fn returns nil. On
// SQLite the transaction is a savepoint in a batch that the group-commit
// writer commits with others (groupcommit.go); either way tx returns nil
// only once the write is committed.
func (s *Store) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.writes != nil {
		return s.groupTx(ctx, fn)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	// The transaction's audit rows wait until fn is done (audit.go).
	var pending []*AuditEntry
	s.pendingAudit.Store(tx, &pending)
	defer s.pendingAudit.Delete(tx)
	if err := fn(tx); err != nil {
		return err
	}
	if err := s.appendAudit(ctx, tx, pending); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// exec runs a write statement in tx, through its prepared statement when
// Open prepared it (the hot statements of a report's save on SQLite).
func (s *Store) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if st, ok := s.stmts.Load(query); ok {
		return tx.StmtContext(ctx, st.(*sql.Stmt)).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, s.q(query), args...)
}

// prepQueryer runs a queryer's queries through prepared statements: on
// the read pool, prepared on first use (any free connection will do); in a
// write transaction, the writer's statements prepared at Open, since
// preparing there would wait for the connection the transaction holds.
type prepQueryer struct {
	s  *Store
	db queryer
}

// prep wraps db so its queries run prepared, on SQLite; PostgreSQL's driver
// caches prepared statements itself.
func (s *Store) prep(db queryer) queryer {
	if s.dialect != sqlite {
		return db
	}
	if _, ok := db.(prepQueryer); ok {
		return db
	}
	return prepQueryer{s, db}
}

func (p prepQueryer) stmt(ctx context.Context, query string) *sql.Stmt {
	if tx, ok := p.db.(*sql.Tx); ok {
		if st, ok := p.s.stmts.Load(query); ok {
			return tx.StmtContext(ctx, st.(*sql.Stmt))
		}
		return nil
	}
	if p.db != queryer(p.s.rdb) {
		return nil
	}
	if st, ok := p.s.readStmts.Load(query); ok {
		return st.(*sql.Stmt)
	}
	st, err := p.s.rdb.PrepareContext(ctx, query)
	if err != nil {
		return nil // the plain query will report the error
	}
	if old, loaded := p.s.readStmts.LoadOrStore(query, st); loaded {
		st.Close()
		return old.(*sql.Stmt)
	}
	return st
}

func (p prepQueryer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.db.QueryContext(ctx, query, args...)
}

func (p prepQueryer) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.db.QueryRowContext(ctx, query, args...)
}

// prepare prepares the hot write statements on SQLite's single writer
// connection. It runs before any transaction: preparing inside one would
// wait for the connection the transaction holds.
func (s *Store) prepare(ctx context.Context) error {
	if s.dialect != sqlite {
		return nil
	}
	for _, q := range append(hotWrites, sqlSavepoint, sqlRelease, sqlRollbackTo) {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("store: prepare: %w", err)
		}
		s.stmts.Store(q, st)
	}
	return nil
}

// q rewrites a query's ? placeholders for the dialect in use.
func (s *Store) q(query string) string { return s.dialect.rebind(query) }

// now returns the store's clock in UTC, truncated to microseconds so that
// both databases keep it exactly.
func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// notFound wraps sql.ErrNoRows into a tiendo not-found error with msg.
func notFound(err error, msg string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return tiendo.Errorf(tiendo.ENOTFOUND, "%s", msg)
	}
	return err
}
