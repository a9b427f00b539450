package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"tiendo"
	"tiendo/internal/store"
)

// The notifications page lists what the bell counts. Opening it marks
// nothing read: a user called away comes back to the same notices marked
// “Mới”. A notice is read when its link is followed (through
// /notifications/{id}), or when the user says so for all of them.

type notificationsPage struct {
	page
	Items []store.Notification
	// Shown are the IDs of the unread notices listed: "Đánh dấu tất cả là
	// đã đọc" sends them and marks those alone, so one that becomes visible
	// while the page is open stays unread, whatever its ID.
	Shown  []int64
	Notice string
}

// notificationsShown is how many notifications the page lists. The store
// chooses the unread ones first, so when there are more unread than this,
// the page lists this many unread.
const notificationsShown = 100

// notificationNotices are the messages the redirect after "Đánh dấu tất cả
// là đã đọc" may ask for, by key: the query string never carries text.
var notificationNotices = map[string]string{
	"read":  "Đã đánh dấu tất cả thông báo là đã đọc.",
	"newer": "Đã đánh dấu là đã đọc các thông báo có trên trang lúc bạn mở. Thông báo đến sau đó vẫn được đánh dấu “Mới”.",
	"more":  fmt.Sprintf("Đã đánh dấu là đã đọc các thông báo có trên trang lúc bạn mở. Trang chỉ hiện %d thông báo một lần: các thông báo chưa đọc còn lại được đánh dấu “Mới” bên dưới.", notificationsShown),
	"none":  "Không có thông báo nào chưa đọc.",
}

// handleNotifications lists the user's notifications, the unread ones
// marked, and changes nothing.
func (s *Server) handleNotifications(w http.ResponseWriter, r *http.Request) error {
	items, unread, err := s.store.Notifications(r.Context(), userFrom(r.Context()), notificationsShown)
	if err != nil {
		return err
	}
	data := notificationsPage{page: s.basePage(r, "Thông báo"), Items: items,
		Notice: notificationNotices[r.URL.Query().Get("ok")]}
	data.Unread = unread // counted with the list, so the bell and the list agree
	for _, n := range items {
		if !n.Read {
			data.Shown = append(data.Shown, n.ID)
		}
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
// unread notifications the page listed (the form's id fields: a form
// without any marks nothing, never all) and returns to the page with a
// message.
func (s *Server) handleNotificationsRead(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	var ids []int64
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || id <= 0 {
			return tiendo.Errorf(tiendo.EINVALID, "Không đọc được mã số thông báo %q. Hãy mở lại trang Thông báo rồi bấm “Đánh dấu tất cả là đã đọc”.", v)
		}
		ids = append(ids, id)
	}
	u := userFrom(r.Context())
	marked, err := s.store.MarkNotificationsReadByID(r.Context(), u, ids)
	if err != nil {
		return err
	}
	unread, err := s.store.UnreadCount(r.Context(), u)
	if err != nil {
		return err
	}
	// The page listed every unread notice unless it was full: what is left
	// unread then came after it, or did not fit.
	ok := "read"
	switch {
	case unread > 0 && len(ids) >= notificationsShown:
		ok = "more"
	case unread > 0:
		ok = "newer"
	case marked == 0:
		ok = "none"
	}
	http.Redirect(w, r, "/notifications?ok="+ok, http.StatusSeeOther)
	return nil
}
