package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
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

// Notifications returns user u's notifications, at most limit, newest
// first, and how many are unread. The unread ones are chosen first and the
// newest read ones fill the rest: "Đánh dấu tất cả là đã đọc" marks only
// the notices a page showed, so an unread one must reach the page however
// many read ones are newer, or the bell would count it for ever. Newest is
// by the time of what they announce: rows written for past events (the
// demo's history, an import) come after later ones in the table.
func (s *Store) Notifications(ctx context.Context, u *tiendo.User, limit int) ([]Notification, int, error) {
	var unread int
	if err := s.rdb.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`), u.ID).Scan(&unread); err != nil {
		return nil, 0, fmt.Errorf("store: notifications: %w", err)
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT id, created_at, kind, title, link, read_at IS NOT NULL
		FROM notifications WHERE user_id = ?
		ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC LIMIT ?`), u.ID, limit)
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
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: notifications: %w", err)
	}
	slices.SortFunc(out, func(a, b Notification) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return out, unread, nil
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

// notification reads u's notification id through q.
func (s *Store) notification(ctx context.Context, q queryer, u *tiendo.User, id int64) (Notification, error) {
	var n Notification
	err := q.QueryRowContext(ctx, s.q(`SELECT id, created_at, kind, title, link, read_at IS NOT NULL
		FROM notifications WHERE id = ? AND user_id = ?`), id, u.ID).Scan(&n.ID, &n.CreatedAt, &n.Kind, &n.Title, &n.Link, &n.Read)
	if errors.Is(err, sql.ErrNoRows) {
		return n, errNoNotification
	} else if err != nil {
		return n, fmt.Errorf("store: notification: %w", err)
	}
	return n, nil
}

// MarkNotificationRead marks u's notification id read and returns it, with
// the link it leads to. Marking one already read changes nothing (it keeps
// the time it was first read); another user's notification is ENOTFOUND.
//
// The notice is read from the read pool first, and only an unread one
// costs a write transaction: a link followed again, or an older notice
// opened from the list, would otherwise take SQLite's single writer and an
// fsync for nothing.
func (s *Store) MarkNotificationRead(ctx context.Context, u *tiendo.User, id int64) (Notification, error) {
	n, err := s.notification(ctx, s.rdb, u, id)
	if err != nil || n.Read {
		return n, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL`),
			s.now(), id, u.ID)
		if err != nil {
			return fmt.Errorf("store: mark read: %w", err)
		}
		if marked, err := res.RowsAffected(); err != nil || marked == 1 {
			return err
		}
		// Read meanwhile (another tab), or deleted with its round.
		n, err = s.notification(ctx, tx, u, id)
		return err
	})
	if err != nil {
		return Notification{}, err
	}
	n.Read = true
	return n, nil
}

// maxMarkIDs is how many notification IDs one call of
// MarkNotificationsReadByID takes: a page shows 100, an API client may
// have shown more.
const maxMarkIDs = 500

// MarkNotificationsReadByID marks read those of ids that are u's unread
// notifications, and says how many it marked; IDs of notifications already
// read, of another user's or of none are passed over. No IDs mark nothing.
//
// "Đánh dấu tất cả là đã đọc" sends the IDs of the unread notices its page
// showed. It cannot send a bound ("up to the newest shown") instead: on
// PostgreSQL IDs are taken when a row is written but seen when its
// transaction commits, so a notice with a lower ID may become visible after
// the page was drawn, and a bound would mark it read unseen.
func (s *Store) MarkNotificationsReadByID(ctx context.Context, u *tiendo.User, ids []int64) (int64, error) {
	if len(ids) > maxMarkIDs {
		return 0, tiendo.Errorf(tiendo.EINVALID, "Có %d mã số thông báo, nhiều hơn %d mã số một lần đánh dấu nhận. Hãy gửi thành nhiều lần, mỗi lần không quá %d mã số.", len(ids), maxMarkIDs, maxMarkIDs)
	}
	for _, id := range ids {
		if id <= 0 {
			return 0, tiendo.Errorf(tiendo.EINVALID, "Mã số thông báo %d không hợp lệ: mã số là số nguyên dương. Hãy gửi mã số của các thông báo đã hiện cho người dùng.", id)
		}
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return 0, nil
	}
	return s.markNotificationsRead(ctx, u, ` AND id IN (`+placeholders(len(ids))+`)`, anys(ids)...)
}

// MarkAllNotificationsRead marks all of u's unread notifications read and
// says how many it marked: for a client that asks for all, not for a page
// that showed some.
func (s *Store) MarkAllNotificationsRead(ctx context.Context, u *tiendo.User) (int64, error) {
	return s.markNotificationsRead(ctx, u, "")
}

// markNotificationsRead marks read u's unread notifications that also
// match the condition and, and says how many.
func (s *Store) markNotificationsRead(ctx context.Context, u *tiendo.User, and string, args ...any) (int64, error) {
	var marked int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`+and),
			append([]any{s.now(), u.ID}, args...)...)
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
