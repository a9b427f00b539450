package web

import (
	"fmt"
	"net/http"
	"slices"

	"tiendo/internal/mail"
	"tiendo/internal/store"
)

// outboxStatuses are the statuses the queue page lists, in the order its
// filter offers them; the default view leaves out what needs nobody
// (sent, cancelled).
var outboxStatuses = []string{store.MessageFailed, store.MessagePending, store.MessageSending, store.MessageSkipped, store.MessageExpired, store.MessageSent, store.MessageCancelled}

// outboxDefault is what the page lists when no status is chosen.
var outboxDefault = []string{store.MessagePending, store.MessageSending, store.MessageFailed, store.MessageSkipped, store.MessageExpired}

type outboxPage struct {
	page
	Counts   []outboxCount
	Status   string // the status chosen, "" for the default view
	Messages []outboxRow
	Label    func(string) string
}

// outboxCount is a status with how many messages have it, and whether the
// page lists only it.
type outboxCount struct {
	Status, Label string
	N             int
	Current       bool
}

// outboxRow is a message as the page shows it.
type outboxRow struct {
	*store.Message
	To      recipient
	Problem *mailProblem // nil when the message carries no error
}

// mailProblem is why a message was not sent, told to the office: what
// happened, what the system does next, what to do; the technical text is
// kept for the administrator, shown on demand.
type mailProblem struct {
	What, Next, Do string
	Technical      string // "" when What is already the note the system wrote
}

// mailReasons says each reason in the office's words.
var mailReasons = map[mail.Reason]string{
	mail.ReasonUnreachable: "Không kết nối được tới máy chủ thư.",
	mail.ReasonAuth:        "Máy chủ thư từ chối đăng nhập: tài khoản hoặc mật khẩu gửi thư không đúng.",
	mail.ReasonRefused:     "Máy chủ thư từ chối địa chỉ người gửi hoặc người nhận, hoặc địa chỉ không hợp lệ.",
	mail.ReasonBusy:        "Máy chủ thư tạm thời chưa nhận thư (đang bận hoặc tạm từ chối).",
	mail.ReasonTimeout:     "Máy chủ thư không trả lời kịp.",
	mail.ReasonTLS:         "Không lập được kết nối bảo mật (TLS) với máy chủ thư.",
	mail.ReasonOther:       "Gửi thư không thành công.",
}

// explainMailError turns a message's last error into what the office
// reads. A mail error (mail.Recorded) is explained by its reason, with
// what happens next and what to do; a note the system wrote in Vietnamese
// (no address, interrupted, cancelled) is shown as it is.
func explainMailError(m *store.Message) *mailProblem {
	if m.LastError == "" {
		return nil
	}
	reason, technical := mail.Recorded(m.LastError)
	if reason == "" {
		return &mailProblem{What: m.LastError}
	}
	p := &mailProblem{What: mailReasons[reason], Technical: technical}
	if p.What == "" {
		p.What = mailReasons[mail.ReasonOther]
	}
	switch m.Status {
	case store.MessagePending:
		p.Next = "Hệ thống sẽ tự gửi lại lúc " + formatDateTime(m.NextAttemptAt) + "."
		p.Do = "Nếu lỗi kéo dài, hãy báo quản trị hệ thống."
		if reason == mail.ReasonRefused {
			p.Do = "Hãy kiểm tra địa chỉ e-mail của người nhận; nếu địa chỉ đúng mà lỗi kéo dài, hãy báo quản trị hệ thống."
		}
	case store.MessageSending:
		p.Next = "Hệ thống đang gửi lại."
	case store.MessageFailed:
		p.Next = fmt.Sprintf("Hệ thống đã ngừng gửi sau %d lần thử.", m.Attempts)
		p.Do = "Hãy báo quản trị hệ thống kiểm tra cấu hình máy chủ thư, rồi bấm “Gửi lại”."
		if reason == mail.ReasonRefused {
			p.Do = "Hãy kiểm tra, sửa địa chỉ e-mail của người nhận rồi bấm “Gửi lại”; nếu địa chỉ đúng, hãy báo quản trị hệ thống."
		}
	}
	return p
}

// handleOutbox shows the office and the admin what is queued, what failed
// and why: failed messages first, then those waiting, then the rest, each
// newest first; ?status= lists one status only.
func (s *Server) handleOutbox(w http.ResponseWriter, r *http.Request) error {
	counts, err := s.store.OutboxCounts(r.Context())
	if err != nil {
		return err
	}
	status := r.URL.Query().Get("status")
	statuses := outboxDefault
	if slices.Contains(outboxStatuses, status) {
		statuses = []string{status}
	} else {
		status = ""
	}
	msgs, err := s.store.Outbox(r.Context(), store.OutboxFilter{Statuses: statuses, Limit: 500})
	if err != nil {
		return err
	}
	to, err := s.outboxRecipients(r.Context(), msgs)
	if err != nil {
		return err
	}
	data := outboxPage{page: s.basePage(r, "Hàng đợi thư gửi đi"), Status: status, Label: store.MessageStatusLabel}
	for _, st := range outboxStatuses {
		if counts[st] > 0 || st == status {
			data.Counts = append(data.Counts, outboxCount{Status: st, Label: store.MessageStatusLabel(st), N: counts[st], Current: st == status})
		}
	}
	for _, m := range msgs {
		data.Messages = append(data.Messages, outboxRow{Message: m, To: to[m.ID], Problem: explainMailError(m)})
	}
	return s.render(w, http.StatusOK, "outbox", data)
}

func (s *Server) handleOutboxRetry(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.store.RetryMessage(r.Context(), actor(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/outbox", http.StatusSeeOther)
	return nil
}
