package web

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"

	"tiendo"
	"tiendo/internal/store"
)

// handleRoundRemind sends the office's "đôn đốc" to every unit of the round
// that owes its report (remind.Owing: not sent, or returned for revision),
// the units its button counts. The form carries a key made when the page
// was drawn, so a double click or a resent form queues nothing twice.
func (s *Server) handleRoundRemind(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Reminders == nil {
		return tiendo.Errorf(tiendo.ECONFLICT, "Chức năng nhắc việc chưa được bật trên máy chủ này.")
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	done, err := s.cfg.Reminders.Nudge(r.Context(), actor(r), userFrom(r.Context()), id, r.PostFormValue("key"))
	if err != nil {
		return err
	}
	mailOff := ""
	if done.MailOff {
		mailOff = "&nomail=1"
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d?reminded=%d&units=%d&notices=%d&emails=%d%s#rates-h", id, done.Messages, done.Units, done.Notices, done.Emails, mailOff), http.StatusSeeOther)
	return nil
}

// nudgeKey is a fresh key for one "đôn đốc" form.
func nudgeKey() string { return strings.ToLower(rand.Text()[:16]) }

type outboxPage struct {
	page
	Counts   map[string]int
	Messages []*store.Message
	To       map[int64]recipient // by message
	Label    func(string) string
}

// handleOutbox shows the office and the admin what is queued, what failed
// and why.
func (s *Server) handleOutbox(w http.ResponseWriter, r *http.Request) error {
	counts, err := s.store.OutboxCounts(r.Context())
	if err != nil {
		return err
	}
	msgs, err := s.store.Outbox(r.Context(), store.OutboxFilter{Statuses: []string{"pending", "sending", "failed", "skipped", "expired"}, Limit: 500})
	if err != nil {
		return err
	}
	to, err := s.outboxRecipients(r.Context(), msgs)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "outbox", outboxPage{page: s.basePage(r, "Hàng đợi thư gửi đi"), Counts: counts, Messages: msgs, To: to, Label: store.MessageStatusLabel})
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
