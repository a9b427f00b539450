package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"tiendo/internal/store"
)

// On PostgreSQL, making a store's schema is the costly part of a test: the
// migrations' DDL takes a few hundred milliseconds of the server's CPU per
// schema, and dropping the schema again leaves thousands of dead rows in
// the system catalogs, which nothing vacuums where autovacuum is off (as on
// CI's machines), so every later schema takes longer still. So Open does not
// make a schema per test: each test binary keeps a pool of migrated schemas,
// and a test hands its schema back emptied to just what the migrations left
// in it (the same rows, every sequence back at its start). A schema whose
// tables, columns, keys or indexes a test changed is dropped, not reused.
//
// A pooled schema outlives the tests: the binary keeps a session advisory
// lock for as long as it runs, and the next binary to start drops the
// schemas of binaries that no longer hold theirs.

// poolLock is the first key of the advisory lock that marks a live test
// binary; the second is its owner number. It is of the two-key kind, which
// never meets the store's own one-key locks.
const poolLock = 0x74737470 // "tstp"

// poolPrefix begins the name of every pooled schema: tp_OWNER_N.
const poolPrefix = "tp_"

// vacuumEvery is how many tests a pooled schema serves between vacuums of
// its tables, so that the rows earlier tests deleted are not scanned by
// later ones.
const vacuumEvery = 20

var (
	poolsMu sync.Mutex
	pools   = map[string]*pool{}
)

// pool is one test binary's pooled schemas on one PostgreSQL database.
type pool struct {
	base  string
	db    *sql.DB
	owner uint32
	lock  *sql.Conn // holds the owner's advisory lock until the binary exits

	mu   sync.Mutex
	idle []*schema
	made int
}

// schema is one pooled schema and how to bring it back to its migrated
// state.
type schema struct {
	name   string
	dsn    string
	reset  string // empties the tables, puts back the seed rows, restarts the sequences
	vacuum []string
	oids   string // its relations' oids, as a PostgreSQL array
	shape  string // fingerprint of its tables, columns, keys and indexes
	uses   int
}

// pgPool returns the pool for base, making it on first use.
func pgPool(t testing.TB, base string) *pool {
	t.Helper()
	poolsMu.Lock()
	defer poolsMu.Unlock()
	if p := pools[base]; p != nil {
		return p
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	p := &pool{base: base, db: db}
	ctx := context.Background()
	if p.lock, err = db.Conn(ctx); err != nil {
		db.Close()
		t.Fatalf("storetest: connect to %s: %v", EnvDatabaseURL, err)
	}
	for {
		var b [4]byte
		rand.Read(b[:])
		p.owner = binary.BigEndian.Uint32(b[:]) &^ (1 << 31)
		var got bool
		if err := p.lock.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, $2)`, poolLock, int32(p.owner)).Scan(&got); err != nil {
			db.Close()
			t.Fatalf("storetest: lock: %v", err)
		}
		if got {
			break
		}
	}
	if err := p.sweep(ctx); err != nil {
		t.Logf("storetest: dropping the schemas of finished test binaries: %v", err)
	}
	pools[base] = p
	return p
}

// sweep drops the pooled schemas of test binaries that have ended: those
// whose owner's advisory lock is free.
func (p *pool) sweep(ctx context.Context) error {
	rows, err := p.lock.QueryContext(ctx, `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tp\_%'`)
	if err != nil {
		return err
	}
	owners := map[uint32][]string{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		var owner uint32
		var n int
		if _, err := fmt.Sscanf(name, poolPrefix+"%08x_%d", &owner, &n); err == nil && owner != p.owner {
			owners[owner] = append(owners[owner], name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for owner, names := range owners {
		var free bool
		if err := p.lock.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, $2)`, poolLock, int32(owner)).Scan(&free); err != nil {
			return err
		}
		if !free {
			continue // that binary is still running
		}
		for _, name := range names {
			if _, err := p.lock.ExecContext(ctx, `DROP SCHEMA IF EXISTS `+name+` CASCADE`); err != nil {
				return err
			}
		}
		if _, err := p.lock.ExecContext(ctx, `SELECT pg_advisory_unlock($1, $2)`, poolLock, int32(owner)); err != nil {
			return err
		}
	}
	return nil
}

// take returns the data source name of a migrated schema that is the test's
// alone until it ends, when it goes back to the pool.
func (p *pool) take(t testing.TB) string {
	t.Helper()
	p.mu.Lock()
	var sc *schema
	if n := len(p.idle); n > 0 {
		sc, p.idle = p.idle[n-1], p.idle[:n-1]
	} else {
		p.made++
	}
	n := p.made
	p.mu.Unlock()
	if sc == nil {
		var err error
		if sc, err = p.make(fmt.Sprintf("%s%08x_%d", poolPrefix, p.owner, n)); err != nil {
			t.Fatalf("storetest: %v", err)
		}
	}
	t.Cleanup(func() { p.give(t, sc) })
	return sc.dsn
}

// give empties sc and puts it back in the pool, or drops it if the test
// changed its shape or it cannot be emptied.
func (p *pool) give(t testing.TB, sc *schema) {
	ctx := context.Background()
	err := p.restore(ctx, sc)
	if err == nil {
		p.mu.Lock()
		p.idle = append(p.idle, sc)
		p.mu.Unlock()
		return
	}
	t.Logf("storetest: schema %s not reused: %v", sc.name, err)
	if _, err := p.db.ExecContext(ctx, `DROP SCHEMA `+sc.name+` CASCADE`); err != nil {
		t.Errorf("storetest: drop schema %s: %v", sc.name, err)
	}
}

// restore brings sc back to the state the migrations left it in.
func (p *pool) restore(ctx context.Context, sc *schema) error {
	shape, err := p.shape(ctx, sc.oids)
	if err != nil {
		return err
	}
	if shape != sc.shape {
		return fmt.Errorf("a test changed its tables")
	}
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// A test that left a query running would otherwise hold the reset up.
	if _, err := tx.ExecContext(ctx, `SET LOCAL lock_timeout = '30s'`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, sc.reset); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if sc.uses++; sc.uses%vacuumEvery == 0 {
		for _, q := range sc.vacuum {
			if _, err := p.db.ExecContext(ctx, q); err != nil {
				return err
			}
		}
	}
	return nil
}

// make creates the schema name, migrates it as store.Open does for any new
// database, and records what a test must find in it.
func (p *pool) make(name string) (*schema, error) {
	ctx := context.Background()
	if _, err := p.db.ExecContext(ctx, `CREATE SCHEMA `+name); err != nil {
		return nil, fmt.Errorf("create schema on %s: %w", EnvDatabaseURL, err)
	}
	dsn, err := withSchema(p.base, name)
	if err != nil {
		return nil, err
	}
	sc := &schema{name: name, dsn: dsn}
	s, err := store.Open(ctx, sc.dsn)
	if err == nil {
		err = s.Close()
	}
	if err == nil {
		err = p.describe(ctx, sc)
	}
	if err != nil {
		p.db.ExecContext(ctx, `DROP SCHEMA `+name+` CASCADE`)
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	return sc, nil
}

// describe writes sc's reset, run in one transaction: its tables are emptied referring ones first
// (by DELETE, which, unlike TRUNCATE, makes no new files and no catalog
// rows), the rows the migrations wrote are put back, and every sequence is
// set back to where the migrations left it.
func (p *pool) describe(ctx context.Context, sc *schema) error {
	err := p.db.QueryRowContext(ctx, `SELECT array_agg(oid ORDER BY oid)::text FROM pg_class WHERE relnamespace = $1::regnamespace`, sc.name).Scan(&sc.oids)
	if err != nil {
		return err
	}
	if sc.shape, err = p.shape(ctx, sc.oids); err != nil {
		return err
	}
	tables, err := p.strings(ctx, `SELECT c.relname FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`, sc.name)
	if err != nil {
		return err
	}
	// Referring tables before the tables they refer to.
	refers := map[string][]string{}
	rows, err := p.db.QueryContext(ctx, `SELECT c.relname, r.relname FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
		WHERE k.contype = 'f' AND k.connamespace = $1::regnamespace AND k.conrelid <> k.confrelid`, sc.name)
	if err != nil {
		return err
	}
	for rows.Next() {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			rows.Close()
			return err
		}
		refers[to] = append(refers[to], from)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(string) error
	visit = func(tbl string) error {
		switch state[tbl] {
		case 1:
			return fmt.Errorf("the foreign keys of %s go round in a circle", tbl)
		case 2:
			return nil
		}
		state[tbl] = 1
		for _, from := range refers[tbl] {
			if err := visit(from); err != nil {
				return err
			}
		}
		state[tbl] = 2
		order = append(order, tbl)
		return nil
	}
	for _, tbl := range tables {
		if err := visit(tbl); err != nil {
			return err
		}
	}
	var b strings.Builder
	for _, tbl := range order {
		fmt.Fprintf(&b, "DELETE FROM %s.%s;\n", sc.name, quote(tbl))
		sc.vacuum = append(sc.vacuum, fmt.Sprintf("VACUUM %s.%s", sc.name, quote(tbl)))
	}
	// The seed rows, as they are now, parents first.
	for i := len(order) - 1; i >= 0; i-- {
		tbl := order[i]
		var n int
		if err := p.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT COUNT(*) FROM %s.%s`, sc.name, quote(tbl))).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			continue
		}
		cols, err := p.strings(ctx, `SELECT quote_ident(attname) FROM pg_attribute
			WHERE attrelid = ($1 || '.' || quote_ident($2))::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
			ORDER BY attnum`, sc.name, tbl)
		if err != nil {
			return err
		}
		var rowsJSON string
		if err := p.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT json_agg(t)::text FROM %s.%s t`, sc.name, quote(tbl))).Scan(&rowsJSON); err != nil {
			return err
		}
		list := strings.Join(cols, ", ")
		fmt.Fprintf(&b, "INSERT INTO %[1]s.%[2]s (%[3]s) OVERRIDING SYSTEM VALUE SELECT %[3]s FROM json_populate_recordset(NULL::%[1]s.%[2]s, %[4]s);\n",
			sc.name, quote(tbl), list, literal(rowsJSON))
	}
	// The sequences, where the migrations left them.
	seqs, err := p.db.QueryContext(ctx, `SELECT sequencename, COALESCE(last_value, start_value), last_value IS NOT NULL
		FROM pg_sequences WHERE schemaname = $1 ORDER BY sequencename`, sc.name)
	if err != nil {
		return err
	}
	for seqs.Next() {
		var seq string
		var value int64
		var called bool
		if err := seqs.Scan(&seq, &value, &called); err != nil {
			seqs.Close()
			return err
		}
		fmt.Fprintf(&b, "SELECT setval(%s, %d, %t);\n", literal(sc.name+"."+quote(seq)), value, called)
	}
	seqs.Close()
	if err := seqs.Err(); err != nil {
		return err
	}
	sc.reset = b.String()
	return nil
}

// shape fingerprints the relations of a schema: their names and kinds, and
// their columns, keys, indexes and triggers. It looks them up by the oids
// the schema's relations had when it was made (a relation dropped since is
// missing from the fingerprint), because a search of the catalogs by schema
// reads them whole, which takes a quarter of a second where dropped schemas
// have bloated them.
func (p *pool) shape(ctx context.Context, oids string) (string, error) {
	var s string
	err := p.db.QueryRowContext(ctx, `SELECT md5(COALESCE(string_agg(x, E'\n' ORDER BY x), '')) FROM (
		SELECT 'rel ' || c.relname || ' ' || c.relkind::text AS x FROM pg_class c WHERE c.oid = ANY($1::oid[])
		UNION ALL SELECT 'col ' || a.attrelid::regclass::text || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' ||
				a.attnotnull::text || ' ' || a.attidentity::text || ' ' || a.attgenerated::text || ' ' || COALESCE(pg_get_expr(d.adbin, d.adrelid), '')
			FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
		UNION ALL SELECT 'con ' || k.conname || ' ' || pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.conrelid = ANY($1::oid[])
		UNION ALL SELECT 'idx ' || pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = ANY($1::oid[])
		UNION ALL SELECT 'trg ' || pg_get_triggerdef(g.oid) FROM pg_trigger g WHERE g.tgrelid = ANY($1::oid[]) AND NOT g.tgisinternal
	) shape`, oids).Scan(&s)
	return s, err
}

func (p *pool) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := p.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// withSchema returns base with its search path set to schema.
func withSchema(base, schema string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("%s: %w", EnvDatabaseURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// quote quotes an identifier for PostgreSQL.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// literal quotes a string constant for PostgreSQL.
func literal(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
