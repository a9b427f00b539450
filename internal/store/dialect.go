package store

import (
	"database/sql"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// dialect is what differs between SQLite and PostgreSQL. Everything that
// differs lives in this file.
type dialect int

const (
	sqlite dialect = iota
	postgres
)

func (d dialect) name() string {
	if d == postgres {
		return "postgres"
	}
	return "sqlite"
}

// rebind turns ? placeholders into $1, $2... for PostgreSQL. Queries never
// hold a literal "?" inside a string, so a plain scan is enough.
func (d dialect) rebind(q string) string {
	if d != postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// isUniqueViolation reports whether err is a unique-constraint failure.
func (d dialect) isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	if d == postgres {
		return strings.Contains(msg, "SQLSTATE 23505")
	}
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "(2067)")
}

// openSQLite opens two pools on one file: a single connection for writes, so
// that writers queue in Go rather than fail with SQLITE_BUSY, and a pool of
// read-only connections that WAL lets run beside the writer.
//
// synchronous=FULL: in WAL mode NORMAL may lose the last commits on a power
// cut (the database stays consistent, but an acknowledged submission could
// vanish). A unit's submission is acknowledged to a person under a deadline,
// so every commit is synced before we answer; group commits keep this cheap.
func (s *Store) openSQLite(path string) error {
	if path == "" {
		return fmt.Errorf("store: sqlite: empty path")
	}
	pragmas := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)"} {
		pragmas.Add("_pragma", p)
	}
	// The writer keeps its temporary files in memory: the group-commit
	// writer (groupcommit.go) gives each write a savepoint, and SQLite
	// journals the pages a savepoint changes in a temporary file once they
	// pass 64 KiB. That journal only serves ROLLBACK TO within the open
	// transaction; durability is the write-ahead log's, unchanged.
	//
	// It leaves checkpoints to the checkpointer's connection (checkpoint.go)
	// unless the log passes walBackstop pages.
	w, err := sql.Open(sqliteDriver, "file:"+path+"?"+pragmas.Encode()+
		fmt.Sprintf("&_pragma=temp_store(2)&_pragma=wal_autocheckpoint(%d)&_txlock=immediate&_time_format=sqlite", walBackstop))
	if err != nil {
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	c, err := sql.Open(sqliteDriver, "file:"+path+"?"+pragmas.Encode()+"&_time_format=sqlite")
	if err != nil {
		w.Close()
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	c.SetMaxOpenConns(1)
	c.SetMaxIdleConns(1)
	c.SetConnMaxLifetime(0)
	c.SetConnMaxIdleTime(0)
	s.ckpt.db = c

	pragmas.Add("_pragma", "query_only(1)")
	r, err := sql.Open(sqliteDriver, "file:"+path+"?"+pragmas.Encode()+"&_time_format=sqlite")
	if err != nil {
		w.Close()
		c.Close()
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s.dialect, s.db, s.rdb = sqlite, w, r
	return nil
}
