package api

import (
	"bufio"
	"errors"
	"io"
	"net/http"

	"tiendo"
)

// Listing notifications (GET /api/v1/notifications, rounds.go) marks
// nothing read; a client marks them read here: one it has shown, those it
// has shown, or all.

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

// markReadRequest is the optional body of POST /api/v1/notifications/read.
type markReadRequest struct {
	// IDs are the unread notifications the client has shown the user: those
	// alone are marked. Not a bound ("up to the newest shown"): on
	// PostgreSQL a notice with a lower ID may become visible after the
	// client listed, and would be marked read unseen.
	IDs []int64 `json:"ids"`
}

// handleNotificationsRead marks read the caller's notifications the body
// lists, or all of them without a body, and says how many it marked and how
// many are left unread.
func (a *Server) handleNotificationsRead(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	var marked int64
	// The body is optional: none marks all.
	body := bufio.NewReader(r.Body)
	if _, err := body.Peek(1); errors.Is(err, io.EOF) {
		if marked, err = a.store.MarkAllNotificationsRead(r.Context(), u); err != nil {
			return err
		}
	} else {
		r.Body = struct {
			io.Reader
			io.Closer
		}{body, r.Body}
		var req markReadRequest
		if err := decode(w, r, &req); err != nil {
			return err
		}
		// {} must not mean "all": a client that showed nothing sends
		// {"ids": []} and marks nothing.
		if req.IDs == nil {
			return tiendo.Errorf(tiendo.EINVALID, `Thiếu "ids": hãy gửi {"ids": [...]} với mã số các thông báo chưa đọc đã hiện cho người dùng, hoặc gửi không có nội dung để đánh dấu tất cả.`)
		}
		if marked, err = a.store.MarkNotificationsReadByID(r.Context(), u, req.IDs); err != nil {
			return err
		}
	}
	unread, err := a.store.UnreadCount(r.Context(), u)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]int64{"marked": marked, "unread": int64(unread)})
}
