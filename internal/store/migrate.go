package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
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
	// The migrations already applied, read at once so that opening an
	// up-to-date database takes one query rather than a transaction per
	// migration. A name read here stays applied; one not read here is
	// checked again inside its own transaction by migrateOne.
	applied, err := s.appliedMigrations(ctx, conn)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for _, name := range names {
		if applied[path.Base(name)] {
			continue
		}
		if err := s.migrateOne(ctx, conn, name); err != nil {
			return fmt.Errorf("store: migrate %s: %w", name, err)
		}
	}
	return nil
}

// appliedMigrations returns the names recorded in schema_migrations.
func (s *Store) appliedMigrations(ctx context.Context, conn *sql.Conn) (map[string]bool, error) {
	rows, err := conn.QueryContext(ctx, `SELECT name FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		applied[name] = true
	}
	return applied, rows.Err()
}

// foreignKeysOff, as a migration's first line, rebuilds tables that others
// refer to, which SQLite does with its foreign keys off (the documented steps
// of making a table anew): dropping the old table would otherwise delete the
// rows that refer to it, or be refused. Such a migration's keys are checked
// before it commits.
const foreignKeysOff = "-- tiendo: foreign keys off"

func (s *Store) migrateOne(ctx context.Context, conn *sql.Conn, name string) (err error) {
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	keysOff := s.dialect == sqlite && strings.HasPrefix(string(body), foreignKeysOff)
	if keysOff {
		// Outside the transaction: SQLite ignores the pragma inside one.
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return err
		}
		defer func() {
			if _, on := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); on != nil && err == nil {
				err = on
			}
		}()
	}
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
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if keysOff {
		if err := foreignKeyCheck(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (name) VALUES (?)`), key); err != nil {
		return err
	}
	return tx.Commit()
}

// foreignKeyCheck fails when a row refers to one that does not exist.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("a row of %s (rowid %d) refers to a missing row of %s", table, rowid.Int64, parent)
	}
	return rows.Err()
}
