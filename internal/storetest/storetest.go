// Package storetest opens real stores for tests: a temporary SQLite file by
// default, or a PostgreSQL schema of the test's own when
// TIENDO_TEST_DATABASE_URL is set (DSN: a new, empty one; Open: a migrated
// one from the test binary's pool, see pool.go). CI runs the whole suite
// once each way, so every store test covers both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"tiendo/internal/store"
)

// EnvDatabaseURL names the variable that points the tests at PostgreSQL.
const EnvDatabaseURL = "TIENDO_TEST_DATABASE_URL"

// DSN returns a data source name for a fresh, empty store and registers its
// removal with t.Cleanup.
func DSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvDatabaseURL)
	if base == "" {
		return "sqlite:" + filepath.Join(t.TempDir(), "tiendo.db")
	}
	schema := "t_" + strings.ToLower(rand.Text()[:12])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("storetest: create schema on %s: %v", EnvDatabaseURL, err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("storetest: drop schema %s: %v", schema, err)
		}
	})
	dsn, err := withSchema(base, schema)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	return dsn
}

// Open returns a fresh, migrated store of the test's own, closed when the
// test ends. On SQLite it is a new file; on PostgreSQL a schema from the
// test binary's pool (pool.go), holding only what the migrations wrote.
func Open(t testing.TB) *store.Store {
	t.Helper()
	var dsn string
	if base := os.Getenv(EnvDatabaseURL); base != "" {
		dsn = pgPool(t, base).take(t)
	} else {
		dsn = DSN(t)
	}
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("storetest: open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
