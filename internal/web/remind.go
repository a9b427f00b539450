package web

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tiendo"
)

// handleRoundRemind sends the office's "đôn đốc" to every unit of the round
// that owes its report (remind.Owing: not sent, or returned for revision),
// the units its button counts, except those chased less than
// remind.NudgeInterval ago: the page then says when they were, and that
// nothing went to them again. The form carries a key made when the page
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
	extra := ""
	if done.MailOff {
		extra += "&nomail=1"
	}
	if done.Unreached > 0 {
		extra += fmt.Sprintf("&unreached=%d", done.Unreached)
	}
	if done.Recent > 0 {
		// The units left alone, and when they were chased: "14:05".
		var at []string
		for _, t := range done.RecentAt[:min(len(done.RecentAt), maxRecentAt)] {
			at = append(at, t.In(tiendo.Zone).Format("15:04"))
		}
		extra += fmt.Sprintf("&recent=%d&recentat=%s", done.Recent, url.QueryEscape(strings.Join(at, ",")))
	}
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d?reminded=%d&units=%d&notices=%d&emails=%d%s#rates-h", id, done.Messages, done.Units, done.Notices, done.Emails, extra), http.StatusSeeOther)
	return nil
}

// maxRecentAt bounds the times a notice lists: units chased at more times
// than that within the interval is rare, and the earliest ones say enough.
const maxRecentAt = 3

// lastNudge says when the office last chased units of a round, the way the
// page says it: "14:05 hôm nay", "16:30 hôm qua", "09:00 ngày 20/11/2026".
func lastNudge(at, now time.Time) string {
	if at.IsZero() {
		return ""
	}
	at, now = at.In(tiendo.Zone), now.In(tiendo.Zone)
	day := func(t time.Time) time.Time { y, m, d := t.Date(); return time.Date(y, m, d, 0, 0, 0, 0, tiendo.Zone) }
	switch day(now).Sub(day(at)) / (24 * time.Hour) {
	case 0:
		return at.Format("15:04") + " hôm nay"
	case 1:
		return at.Format("15:04") + " hôm qua"
	}
	return at.Format("15:04") + " ngày " + at.Format("02/01/2006")
}

// durationText is an interval in words: "1 giờ", "30 phút".
func durationText(d time.Duration) string {
	if d >= time.Hour && d%time.Hour == 0 {
		return fmt.Sprintf("%d giờ", d/time.Hour)
	}
	return fmt.Sprintf("%d phút", d/time.Minute)
}

// nudgeKey is a fresh key for one "đôn đốc" form.
func nudgeKey() string { return strings.ToLower(rand.Text()[:16]) }
