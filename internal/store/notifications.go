package store

import (
	"context"
	"database/sql"
	"errors"
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

// errNoNotification answers for a notification that is not the user's: one
// of another user's is "not found" too, so the answer does not tell which
// IDs exist.
var errNoNotification = tiendo.Errorf(tiendo.ENOTFOUND, "Không tìm thấy thông báo này trong thông báo của bạn; có thể nó đã bị xóa. Hãy mở lại danh sách thông báo.")

// MarkNotificationRead marks u's notification id read and returns it, with
// the link it leads to. Marking one already read changes nothing (it keeps
// the time it was first read); another user's notification is ENOTFOUND.
func (s *Store) MarkNotificationRead(ctx context.Context, u *tiendo.User, id int64) (Notification, error) {
	var n Notification
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL`),
			s.now(), id, u.ID); err != nil {
			return fmt.Errorf("store: mark read: %w", err)
		}
		err := tx.QueryRowContext(ctx, s.q(`SELECT id, created_at, kind, title, link, read_at IS NOT NULL
			FROM notifications WHERE id = ? AND user_id = ?`), id, u.ID).Scan(&n.ID, &n.CreatedAt, &n.Kind, &n.Title, &n.Link, &n.Read)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoNotification
		} else if err != nil {
			return fmt.Errorf("store: mark read: %w", err)
		}
		return nil
	})
	return n, err
}

// MarkNotificationsRead marks all of u's notifications read.
func (s *Store) MarkNotificationsRead(ctx context.Context, u *tiendo.User) error {
	_, err := s.MarkNotificationsReadUpTo(ctx, u, 0)
	return err
}

// MarkNotificationsReadUpTo marks read u's unread notifications whose ID is
// at most upTo, or all of them when upTo is 0, and says how many it marked.
// "Đánh dấu tất cả là đã đọc" sends the newest ID its page showed, so a
// notice that arrived while the user was reading stays unread: rows are
// numbered in the order they are written, whatever time they announce.
// (SQLite may give a new row the ID of a deleted newest one; at worst a
// notice written in that moment is marked read with the others.)
func (s *Store) MarkNotificationsReadUpTo(ctx context.Context, u *tiendo.User, upTo int64) (int64, error) {
	if upTo < 0 {
		return 0, tiendo.Errorf(tiendo.EINVALID, "Mã số thông báo (%d) không hợp lệ: hãy gửi mã số của thông báo mới nhất đã xem, hoặc bỏ trống để đánh dấu tất cả.", upTo)
	}
	query, args := `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, []any{s.now(), u.ID}
	if upTo > 0 {
		query, args = query+` AND id <= ?`, append(args, upTo)
	}
	var marked int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(query), args...)
		if err != nil {
			return fmt.Errorf("store: mark read: %w", err)
		}
		marked, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, err
	}
	return marked, nil
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
