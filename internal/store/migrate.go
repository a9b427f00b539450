package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// migrations holds the forward-only schema changes, one folder per dialect
// with the same file names in each (a test checks).
//
//go:embed migrations
var migrations embed.FS

// migrationNames returns the migration files of dialect d in order.
func migrationNames(d dialect) ([]string, error) {
	names, err := fs.Glob(migrations, "migrations/"+d.name()+"/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// migrate applies the migrations that have not run yet, each in its own
// transaction. On PostgreSQL an advisory lock keeps two instances that start
// at once from applying the same migration twice; on SQLite the single
// writer connection and BEGIN IMMEDIATE do the same.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	if s.dialect == postgres {
		const lockID = 0x7469656e646f // "tiendo"
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", lockID); err != nil {
			return fmt.Errorf("store: migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", lockID)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	names, err := migrationNames(s.dialect)
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := s.migrateOne(ctx, conn, name); err != nil {
			return fmt.Errorf("store: migrate %s: %w", name, err)
		}
	}
	return nil
}

func (s *Store) migrateOne(ctx context.Context, conn *sql.Conn, name string) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	key := path.Base(name) // the same in both dialects' folders
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schema_migrations WHERE name = ?`), key).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (name) VALUES (?)`), key); err != nil {
		return err
	}
	return tx.Commit()
}
