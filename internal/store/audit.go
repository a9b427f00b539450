package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Actor is who makes a change and from where; every write records it in the
// audit log. The zero Actor is the system itself (the demo loader, migrations).
type Actor struct {
	UserID  int64
	Address string
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID       int64
	At       time.Time
	UserID   int64
	Address  string
	Action   string
	Entity   string
	EntityID int64
	Before   string
	After    string
}

// audit writes one audit row inside the transaction that makes the change,
// so that a change and its record stand or fall together.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, actor Actor, action, entity string, id int64, before, after any) error {
	enc := func(v any) string {
		if v == nil {
			return ""
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO audit_log (at, user_id, address, action, entity, entity_id, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), s.now(), nullID(actor.UserID), actor.Address, action, entity, id, enc(before), enc(after))
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// AuditLog returns the newest audit rows about entity (all entities when
// entity is ""), at most limit of them.
func (s *Store) AuditLog(ctx context.Context, entity string, limit int) ([]AuditEntry, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT id, at, COALESCE(user_id, 0), address, action, entity, entity_id, before, after
		FROM audit_log WHERE (? = '' OR entity = ?) ORDER BY id DESC LIMIT ?`), entity, entity, limit)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.UserID, &e.Address, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
