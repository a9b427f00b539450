package store

import (
	"context"
	"time"

	"tiendo"
)

// For store_test's tests of the last-use notes (touch.go), on both stores.

// NoteSessionUse notes a use of the session whose cookie holds secret.
func (s *Store) NoteSessionUse(secret string, at time.Time) {
	s.touch("sessions", hashSecret(secret), at)
}

// FlushUses writes the noted uses now.
func (s *Store) FlushUses(ctx context.Context) error { return s.flushTouches(ctx) }

// RunMigration runs migration file name (e.g. "0018_level_targets.sql")
// of the store's dialect again, for tests of what a data migration does to
// rows written the old way.
func (s *Store) RunMigration(ctx context.Context, name string) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, s.q(`DELETE FROM schema_migrations WHERE name = ?`), name); err != nil {
		return err
	}
	return s.migrateOne(ctx, conn, "migrations/"+s.dialect.name()+"/"+name)
}

// MarkRegisterLegacy marks every register row as migration 0021 marked the
// rows registered before series existed.
func (s *Store) MarkRegisterLegacy(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `UPDATE register SET series = 'legacy:' || issuer`)
	return err
}

// SetEmailUnchecked stores an e-mail address as versions before the check
// did, for tests of what such an address does to later changes.
func (s *Store) SetEmailUnchecked(ctx context.Context, table string, id int64, email string) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE `+table+` SET email = ? WHERE id = ?`), email, id)
	return err
}

// ForeignKeysOn reports whether the store's writer checks foreign keys (on
// PostgreSQL, always).
func (s *Store) ForeignKeysOn(ctx context.Context) (bool, error) {
	if s.dialect != sqlite {
		return true, nil
	}
	var on bool
	err := s.db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on)
	return on, err
}

// CountRows counts the rows of table.
func (s *Store) CountRows(ctx context.Context, table string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n)
	return n, err
}

// For store_test's tests of notifications (notifications.go), on both
// stores.

// MarkNotificationsRead marks all of u's notifications read.
func (s *Store) MarkNotificationsRead(ctx context.Context, u *tiendo.User) error {
	_, err := s.MarkAllNotificationsRead(ctx, u)
	return err
}

// AddNotification writes a notification for user userID with the given ID,
// as a transaction that took its ID before others but committed after them
// does on PostgreSQL.
func (s *Store) AddNotification(ctx context.Context, userID, id int64, title, link string) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO notifications (id, user_id, created_at, kind, title, link) VALUES (?, ?, ?, 'test', ?, ?)`),
		id, userID, s.now(), title, link)
	return err
}

// HoldWrites keeps every write to notifications waiting until release: on
// SQLite it holds the single writer connection, on PostgreSQL a lock on the
// table that lets reads through.
func (s *Store) HoldWrites(ctx context.Context) (release func(), err error) {
	if s.dialect == sqlite {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		return func() { conn.Close() }, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `LOCK TABLE notifications IN EXCLUSIVE MODE`); err != nil {
		tx.Rollback()
		return nil, err
	}
	return func() { tx.Rollback() }, nil
}

// SetHookBeforeActTx runs f once between ActOnReport's reads and its
// transaction, for tests of an office's change crossing a unit's step.
// Tests using it must not run in parallel.
func SetHookBeforeActTx(f func()) {
	if f == nil {
		testHookBeforeActTx = nil
		return
	}
	testHookBeforeActTx = func() {
		testHookBeforeActTx = nil
		f()
	}
}
