package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"

	"tiendo"
	"tiendo/internal/store"
)

// pgBase returns the PostgreSQL the tests run on and a handle on it (closed
// when the test ends), or skips: the pool is
// PostgreSQL's alone.
func pgBase(t *testing.T) (string, *sql.DB) {
	t.Helper()
	base := os.Getenv(EnvDatabaseURL)
	if base == "" {
		t.Skipf("the schema pool is for PostgreSQL: set %s", EnvDatabaseURL)
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return base, db
}

// contents returns every row of every table of schema, as text, by table.
func contents(t *testing.T, db *sql.DB, schema string) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT relname FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'r'`, schema)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		tables = append(tables, s)
	}
	rows.Close()
	out := map[string]string{}
	for _, tbl := range tables {
		var s sql.NullString
		if err := db.QueryRow(fmt.Sprintf(`SELECT string_agg(t::text, E'\n' ORDER BY t::text) FROM %s.%s t`, schema, quote(tbl))).Scan(&s); err != nil {
			t.Fatal(err)
		}
		out[tbl] = s.String
	}
	return out
}

// sequences returns where each sequence of schema is.
func sequences(t *testing.T, db *sql.DB, schema string) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT sequencename, COALESCE(last_value::text, 'unused') FROM pg_sequences WHERE schemaname = $1`, schema)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, v string
		rows.Scan(&name, &v)
		out[name] = v
	}
	return out
}

// searchPath returns the schema a data source name's search path names.
func searchPath(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("search_path")
}

// openPooled is Open, also telling which schema the store is in.
func openPooled(t *testing.T, base string) (*store.Store, string) {
	t.Helper()
	dsn := pgPool(t, base).take(t)
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, searchPath(t, dsn)
}

// has reports whether schema is in p's pool, waiting for a test.
func (p *pool) has(name string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, sc := range p.idle {
		if sc.name == name {
			return true
		}
	}
	return false
}

// A schema that a test used comes back to the next test as the migrations
// left it: the same rows in every table, every sequence where it was, and
// so the same ids as a new database gives.
func TestPooledSchemaIsAsNew(t *testing.T) {
	base, db := pgBase(t)
	ctx := context.Background()

	// A schema made and migrated the ordinary way, for comparison.
	var fresh string
	var freshUnit int64
	var freshRows, freshSeqs map[string]string
	t.Run("fresh", func(t *testing.T) {
		dsn := DSN(t)
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		fresh = searchPath(t, dsn)
		freshRows, freshSeqs = contents(t, db, fresh), sequences(t, db, fresh)
		u := &tiendo.Unit{Code: "pnv", Name: "Phòng Nội vụ"}
		if err := s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		freshUnit = u.ID
	})

	p := pgPool(t, base)
	var used string
	t.Run("use", func(t *testing.T) {
		var s *store.Store
		s, used = openPooled(t, base)
		for i := range 3 {
			u := &tiendo.Unit{Code: fmt.Sprintf("u%d", i), Name: fmt.Sprintf("Đơn vị %d", i)}
			if err := s.CreateUnit(ctx, store.Actor{}, u); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CreateUser(ctx, store.Actor{}, &tiendo.User{Username: "admin", Role: tiendo.RoleAdmin}, "mật khẩu thử nghiệm"); err != nil {
			t.Fatal(err)
		}
		if len(contents(t, db, used)["units"]) == 0 {
			t.Fatalf("schema %s: no units after creating three", used)
		}
	})
	t.Run("reuse", func(t *testing.T) {
		if !p.has(used) {
			t.Fatalf("schema %s did not go back to the pool", used)
		}
		// The pool hands out the schema that came back last.
		s, name := openPooled(t, base)
		if name != used {
			t.Fatalf("got schema %s, want %s, the one just given back", name, used)
		}
		got, gotSeqs := contents(t, db, used), sequences(t, db, used)
		for tbl, want := range freshRows {
			if got[tbl] != want {
				t.Errorf("table %s after reuse:\n%s\nwant, as in a new schema:\n%s", tbl, got[tbl], want)
			}
		}
		if len(got) != len(freshRows) {
			t.Errorf("%d tables after reuse, %d in a new schema", len(got), len(freshRows))
		}
		for seq, want := range freshSeqs {
			if gotSeqs[seq] != want {
				t.Errorf("sequence %s after reuse at %s, in a new schema at %s", seq, gotSeqs[seq], want)
			}
		}
		u := &tiendo.Unit{Code: "pnv", Name: "Phòng Nội vụ"}
		if err := s.CreateUnit(ctx, store.Actor{}, u); err != nil {
			t.Fatal(err)
		}
		if u.ID != freshUnit {
			t.Errorf("first unit after reuse has id %d, in a new schema %d", u.ID, freshUnit)
		}
	})
}

// A schema whose tables a test changed is dropped rather than reused.
func TestChangedSchemaIsDropped(t *testing.T) {
	base, db := pgBase(t)
	p := pgPool(t, base)
	var name string
	t.Run("change", func(t *testing.T) {
		_, name = openPooled(t, base)
		if _, err := db.Exec(`ALTER TABLE ` + name + `.units ADD COLUMN extra INTEGER`); err != nil {
			t.Fatal(err)
		}
	})
	if p.has(name) {
		t.Errorf("schema %s, changed by a test, went back to the pool", name)
	}
	var n int
	db.QueryRow(`SELECT COUNT(*) FROM pg_namespace WHERE nspname = $1`, name).Scan(&n)
	if n != 0 {
		t.Errorf("schema %s, changed by a test, is still there", name)
	}
}

// The pooled schemas of a test binary that has ended are dropped by the
// next one; those of a binary still running are left alone.
func TestSweepDropsOnlyEndedBinariesSchemas(t *testing.T) {
	base, db := pgBase(t)
	p := pgPool(t, base)
	ctx := context.Background()
	running, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer running.Close()
	const ended, alive = 0x7ffffff1, 0x7ffffff2
	if _, err := running.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, poolLock, alive); err != nil {
		t.Fatal(err)
	}
	names := map[uint32]string{}
	for _, owner := range []uint32{ended, alive} {
		names[owner] = fmt.Sprintf("%s%08x_1", poolPrefix, owner)
		if _, err := db.Exec(`CREATE SCHEMA IF NOT EXISTS ` + names[owner]); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Exec(`DROP SCHEMA IF EXISTS ` + names[owner] + ` CASCADE`) })
	}
	if err := p.sweep(ctx); err != nil {
		t.Fatal(err)
	}
	for owner, want := range map[uint32]int{ended: 0, alive: 1} {
		var n int
		db.QueryRow(`SELECT COUNT(*) FROM pg_namespace WHERE nspname = $1`, names[owner]).Scan(&n)
		if n != want {
			t.Errorf("schema %s: %d after the sweep, want %d", names[owner], n, want)
		}
	}
}
