package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"tiendo"
)

// Notification is a message to one person in the app (the bell).
type Notification struct {
	ID        int64     `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	Kind      string    `json:"kind"`
	Title     string    `json:"title"`
	Link      string    `json:"link"`
	Read      bool      `json:"read"`
}

// notifyUnits writes one notification to every active user of the given
// units, inside the transaction of the change it announces.
func (s *Store) notifyUnits(ctx context.Context, tx *sql.Tx, unitIDs []int64, kind, title, link string) error {
	now := s.now()
	for _, id := range unitIDs {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO notifications (user_id, created_at, kind, title, link)
			SELECT id, ?, ?, ?, ? FROM users WHERE unit_id = ? AND NOT disabled`), now, kind, title, link, id); err != nil {
			return fmt.Errorf("store: notify: %w", err)
		}
	}
	return nil
}

// Notifications returns user u's newest notifications, at most limit, and
// how many are unread. Newest is by the time of what they announce: rows
// written for past events (the demo's history, an import) come after later
// ones in the table.
func (s *Store) Notifications(ctx context.Context, u *tiendo.User, limit int) ([]Notification, int, error) {
	var unread int
	if err := s.rdb.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`), u.ID).Scan(&unread); err != nil {
		return nil, 0, fmt.Errorf("store: notifications: %w", err)
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT id, created_at, kind, title, link, read_at IS NOT NULL
		FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`), u.ID, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: notifications: %w", err)
	}
	defer rows.Close()
	out := []Notification{}
	for rows.Next() {
		var n Notification
		if err := rows.Scan(&n.ID, &n.CreatedAt, &n.Kind, &n.Title, &n.Link, &n.Read); err != nil {
			return nil, 0, err
		}
		out = append(out, n)
	}
	return out, unread, rows.Err()
}

// UnreadCount returns how many of u's notifications are unread.
func (s *Store) UnreadCount(ctx context.Context, u *tiendo.User) (int, error) {
	var n int
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`), u.ID).Scan(&n)
	return n, err
}

// MarkNotificationsRead marks all of u's notifications read.
func (s *Store) MarkNotificationsRead(ctx context.Context, u *tiendo.User) error {
	if err := s.execWrite(ctx, s.q(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`), s.now(), u.ID); err != nil {
		return fmt.Errorf("store: mark read: %w", err)
	}
	return nil
}

// notifyRoles writes one notification to every active user with one of roles.
func (s *Store) notifyRoles(ctx context.Context, tx *sql.Tx, roles []tiendo.Role, kind, title, link string) error {
	now := s.now()
	for _, role := range roles {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO notifications (user_id, created_at, kind, title, link)
			SELECT id, ?, ?, ?, ? FROM users WHERE role = ? AND NOT disabled`), now, kind, title, link, role); err != nil {
			return fmt.Errorf("store: notify: %w", err)
		}
	}
	return nil
}

// notifyUnitRole writes one notification to the active users of one unit
// with the given role.
func (s *Store) notifyUnitRole(ctx context.Context, tx *sql.Tx, unitID int64, role tiendo.Role, kind, title, link string) error {
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO notifications (user_id, created_at, kind, title, link)
		SELECT id, ?, ?, ?, ? FROM users WHERE unit_id = ? AND role = ? AND NOT disabled`), s.now(), kind, title, link, unitID, role); err != nil {
		return fmt.Errorf("store: notify: %w", err)
	}
	return nil
}

// notificationReason is how much of a return's reason a notification
// carries, in characters: enough for the usual sentence or two; the report
// page shows all of it.
const notificationReason = 300

// clip shortens s to at most n characters on a word boundary, with an
// ellipsis when it cut something, and puts its lines on one.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}
