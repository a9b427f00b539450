package api

import (
	"bufio"
	"errors"
	"io"
	"net/http"
)

// Listing notifications (GET /api/v1/notifications, rounds.go) marks
// nothing read; a client marks them read here, one it has shown or all.

// handleNotificationRead marks one of the caller's notifications read and
// answers it with the unread count left. Another user's is not found.
func (a *Server) handleNotificationRead(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	n, err := a.store.MarkNotificationRead(r.Context(), u, id)
	if err != nil {
		return err
	}
	unread, err := a.store.UnreadCount(r.Context(), u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"notification": n, "unread": unread})
}

// markAllRequest is the optional body of POST /api/v1/notifications/read.
type markAllRequest struct {
	// UpTo is the newest notification ID the client has shown; those after
	// it stay unread. 0 or absent: all.
	UpTo int64 `json:"up_to"`
}

// handleNotificationsRead marks the caller's notifications read (up to
// up_to when the body gives it) and says how many it marked and how many
// are left unread.
func (a *Server) handleNotificationsRead(w http.ResponseWriter, r *http.Request) error {
	var req markAllRequest
	// The body is optional: an empty one marks all.
	body := bufio.NewReader(r.Body)
	if _, err := body.Peek(1); !errors.Is(err, io.EOF) {
		r.Body = struct {
			io.Reader
			io.Closer
		}{body, r.Body}
		if err := decode(w, r, &req); err != nil {
			return err
		}
	}
	u := userFrom(r.Context())
	marked, err := a.store.MarkNotificationsReadUpTo(r.Context(), u, req.UpTo)
	if err != nil {
		return err
	}
	unread, err := a.store.UnreadCount(r.Context(), u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]int64{"marked": marked, "unread": int64(unread)})
}
