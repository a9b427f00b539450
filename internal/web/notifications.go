package web

import (
	"net/http"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/store"
)

// The notifications page lists what the bell counts. Opening it marks
// nothing read: a user called away comes back to the same notices marked
// "Mới". A notice is read when its link is followed (through
// /notifications/{id}), or when the user says so for all of them.

type notificationsPage struct {
	page
	Items []store.Notification
	// UpTo is the newest notification ID listed: "Đánh dấu tất cả là đã
	// đọc" marks read up to it, so one that arrives while the page is open
	// stays unread.
	UpTo   int64
	Notice string
}

// notificationNotices are the messages the redirect after "Đánh dấu tất cả
// là đã đọc" may ask for, by key: the query string never carries text.
var notificationNotices = map[string]string{
	"read":  "Đã đánh dấu tất cả thông báo là đã đọc.",
	"newer": "Đã đánh dấu là đã đọc các thông báo có trên trang lúc bạn mở. Thông báo đến sau đó vẫn được đánh dấu «Mới».",
	"none":  "Không có thông báo nào chưa đọc.",
}

// handleNotifications lists the user's notifications, the unread ones
// marked, and changes nothing.
func (s *Server) handleNotifications(w http.ResponseWriter, r *http.Request) error {
	items, unread, err := s.store.Notifications(r.Context(), userFrom(r.Context()), 100)
	if err != nil {
		return err
	}
	data := notificationsPage{page: s.basePage(r, "Thông báo"), Items: items,
		Notice: notificationNotices[r.URL.Query().Get("ok")]}
	data.Unread = unread // counted with the list, so the bell and the list agree
	for _, n := range items {
		data.UpTo = max(data.UpTo, n.ID)
	}
	return s.render(w, http.StatusOK, "notifications", data)
}

// handleNotificationOpen follows one notification: it marks it read and
// sends the user to what it announces. Another user's notification is not
// found.
func (s *Server) handleNotificationOpen(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n, err := s.store.MarkNotificationRead(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, notificationTarget(n.Link), http.StatusSeeOther)
	return nil
}

// notificationTarget is where following a notification leads: its link when
// that is a path on this site, else back to the list. The links are written
// by the store, but a redirect that reads a stored value must never lead
// off the site ("//host", "https://…", "/\host").
func notificationTarget(link string) string {
	if link == "" || safeNext(link) != link {
		return "/notifications"
	}
	return link
}

// handleNotificationsRead is "Đánh dấu tất cả là đã đọc": it marks read the
// notifications the page listed (up to the form's upto; all without it) and
// returns to the page with a message.
func (s *Server) handleNotificationsRead(w http.ResponseWriter, r *http.Request) error {
	var upTo int64
	if v := strings.TrimSpace(r.PostFormValue("upto")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return tiendo.Errorf(tiendo.EINVALID, "Không đọc được mã số thông báo %q. Hãy mở lại trang Thông báo rồi bấm “Đánh dấu tất cả là đã đọc”.", v)
		}
		upTo = n
	}
	u := userFrom(r.Context())
	marked, err := s.store.MarkNotificationsReadUpTo(r.Context(), u, upTo)
	if err != nil {
		return err
	}
	unread, err := s.store.UnreadCount(r.Context(), u)
	if err != nil {
		return err
	}
	ok := "read"
	switch {
	case unread > 0:
		ok = "newer"
	case marked == 0:
		ok = "none"
	}
	http.Redirect(w, r, "/notifications?ok="+ok, http.StatusSeeOther)
	return nil
}
