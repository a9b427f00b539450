package web

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/remind"
)

// handleRoundRemind sends the office's "đôn đốc" to the units of the round
// the form ticks (pick=1, unit=ID...) that owe their report (remind.Owing:
// not sent, or returned for revision), with the note typed, except those
// chased less than remind.NudgeInterval ago: the page then names the units
// chased, those left alone and why. A form without pick (an older page)
// chases every unit that owes its report. The form carries a key made when
// the page was drawn, so a double click or a resent form queues nothing
// twice. A form with no box ticked, or a note too long, comes back (422)
// as it was sent.
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
	req := remind.NudgeRequest{Key: r.PostFormValue("key"), Note: r.PostFormValue("note")}
	form := &nudgeForm{Note: req.Note}
	if r.PostFormValue("pick") == "1" {
		req.Units, form.Picked = []int64{}, map[int64]bool{}
		for _, v := range r.PostForm["unit"] {
			unit, err := strconv.ParseInt(v, 10, 64)
			if err != nil || unit <= 0 {
				return tiendo.Errorf(tiendo.EINVALID, "Danh sách đơn vị cần đôn đốc không đọc được; hãy tải lại trang rồi chọn lại.")
			}
			req.Units, form.Picked[unit] = append(req.Units, unit), true
		}
	}
	done, err := s.cfg.Reminders.NudgeWith(r.Context(), actor(r), userFrom(r.Context()), id, req)
	if tiendo.ErrorCode(err) == tiendo.EINVALID {
		// What was ticked and typed comes back with what to mend; the form
		// gets a fresh key, as a page drawn anew does.
		form.Error = tiendo.ErrorMessage(err)
		var te *tiendo.Error
		if errors.As(err, &te) {
			form.Fields = te.Fields
		}
		return s.renderRound(w, r, id, http.StatusUnprocessableEntity, form)
	}
	if err != nil {
		return err
	}
	units, err := s.store.Units(r.Context())
	if err != nil {
		return err
	}
	pos := make(map[int64]int, len(units))
	for i, x := range units {
		pos[x.ID] = i
	}
	names := url.Values{}
	nudgedParams(names, done, func(id int64) int { return pos[id] })
	extra := ""
	if enc := names.Encode(); enc != "" {
		extra = "&" + enc
	}
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
