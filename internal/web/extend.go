package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tiendo"
	"tiendo/internal/store"
)

// roundExtendPage is the form that extends the deadline of a published
// round (gia hạn): the new day, typed as on the edit form, and why. Under
// it, the form that extends the deadline for one unit only (gia hạn cho
// từng đơn vị): the unit, among those still owing their report, its new
// day (and time, when the round's deadline has one), and why.
type roundExtendPage struct {
	page
	Round    *tiendo.Round
	Current  string // the deadline now, as the pages write it: "trước ngày 07/06/2026"
	Original string // the deadline the round was published with, once extended
	Clock    string // "17:00" when the deadline has a time of day, kept on the new day
	Deadline string // the new day as typed, dd/mm/yyyy
	Reason   string
	Error    string
	Fields   map[string]string

	// The form for one unit.
	Owing      []owingUnit // the units still owing their report, in Vietnamese order
	Extended   []owingUnit // of those, the ones with a deadline of their own
	Unit       unitExtendForm
	UnitError  string
	UnitFields map[string]string
	Done       string // what the last extension for a unit did, after the redirect
}

// owingUnit is a unit the office may extend the deadline for.
type owingUnit struct {
	Code, Name string
	Deadline   string // its deadline now: "trước ngày 07/06/2026"
	Extended   bool   // a deadline of its own, later than the round's
	Reason     string // why, when Extended
	Selected   bool
}

// unitExtendForm is the form for one unit as typed.
type unitExtendForm struct {
	Unit     string // the unit's code
	Deadline string // dd/mm/yyyy
	Time     string // hh:mm, shown when the round's deadline has a time of day
	Reason   string
}

// openRound reads the round of the request's path, if it is open: a draft's
// deadline is changed on the edit form, and a closed round takes no more
// reports. The store refuses the same, should the round change between the
// page and the save.
func (s *Server) openRound(r *http.Request) (*tiendo.Round, error) {
	return s.roundIn(r, tiendo.RoundOpen, store.ErrNotOpen)
}

func (s *Server) handleRoundExtendForm(w http.ResponseWriter, r *http.Request) error {
	round, err := s.openRound(r)
	if err != nil {
		return err
	}
	return s.renderRoundExtend(w, r, http.StatusOK, round, "", "", nil, nil, nil)
}

// handleRoundExtend saves an extension. The day is read as the edit form
// reads it (editedDeadline), keeping the current deadline's time of day; a
// day it cannot read, or one the store refuses, comes back with the form as
// typed.
func (s *Server) handleRoundExtend(w http.ResponseWriter, r *http.Request) error {
	round, err := s.openRound(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	typed, reason := strings.TrimSpace(r.PostFormValue("deadline")), r.PostFormValue("reason")
	deadline, msg := editedDeadline(typed, round.Deadline)
	if msg != "" {
		return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, typed, reason,
			&tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được, vui lòng sửa các ô được đánh dấu.", Fields: map[string]string{"deadline": msg}}, nil, nil)
	}
	err = s.store.ExtendDeadline(r.Context(), actor(r), userFrom(r.Context()), round.ID, deadline, reason)
	switch tiendo.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d?ok=extended", round.ID), http.StatusSeeOther)
		return nil
	case tiendo.EINVALID:
		return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, typed, reason, err, nil, nil)
	}
	return err
}

// handleUnitExtend saves an extension for one unit. The day is read as
// the round's extension reads it, at the round's deadline's time of day
// unless a time is typed; a unit, day or time it cannot read, or one the
// store refuses, comes back with the form as typed (422). Done, it goes
// back to the page, which says what was done.
func (s *Server) handleUnitExtend(w http.ResponseWriter, r *http.Request) error {
	round, err := s.openRound(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	f := unitExtendForm{Unit: strings.TrimSpace(r.PostFormValue("unit")), Deadline: strings.TrimSpace(r.PostFormValue("unit_deadline")),
		Time: strings.TrimSpace(r.PostFormValue("unit_time")), Reason: r.PostFormValue("unit_reason")}
	refuse := func(err error) error {
		return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, "", "", nil, &f, err)
	}
	fields := map[string]string{}
	var unitID int64
	if f.Unit == "" {
		fields["unit"] = "Vui lòng chọn đơn vị được gia hạn."
	} else if unit, err := s.store.UnitByCode(r.Context(), f.Unit); tiendo.ErrorCode(err) == tiendo.ENOTFOUND {
		fields["unit"] = "Không có đơn vị này; hãy chọn một đơn vị trong danh sách."
	} else if err != nil {
		return err
	} else {
		unitID = unit.ID
	}
	deadline, msg := editedDeadline(f.Deadline, round.Deadline)
	if msg != "" {
		fields["deadline"] = msg
	} else if f.Time != "" {
		if at, ok := typedClock(f.Time); ok {
			deadline = deadline.Add(-timeOfDay(deadline) + at)
		} else {
			fields["time"] = "Giờ chưa đúng: viết giờ:phút như 17:00, hoặc để trống để giữ giờ của hạn hiện tại."
		}
	}
	if len(fields) > 0 {
		return refuse(&tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được, vui lòng sửa các ô được đánh dấu.", Fields: fields})
	}
	got, err := s.store.ExtendUnitDeadline(r.Context(), actor(r), userFrom(r.Context()), round.ID, unitID, deadline, f.Reason)
	switch tiendo.ErrorCode(err) {
	case "":
		q := url.Values{"ok": {"unit"}, "unit": {got.Unit.Code},
			"notices": {strconv.Itoa(got.Notices)}, "emails": {strconv.Itoa(got.Emails)}}
		// Back at the unit's part of the page, where the notice is: not
		// at its top, whose button extends the whole round.
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d/extend?%s#unit-extend", round.ID, q.Encode()), http.StatusSeeOther)
		return nil
	case tiendo.EINVALID:
		return refuse(err)
	}
	return err
}

// typedClock reads a time of day typed "17:00" (or "17h00", "17 giờ 00").
func typedClock(typed string) (time.Duration, bool) {
	typed = strings.NewReplacer(" giờ ", ":", "giờ", ":", "h", ":", "H", ":", " ", "").Replace(typed)
	t, err := time.Parse("15:04", typed)
	if err != nil {
		return 0, false
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, true
}

// unitExtendedNotice is the page's message after an extension for one
// unit, from what the extension queued to tell it (store.UnitDeadline's
// Notices and Emails, carried by the redirect): notices, the in-app
// notices to the unit's accounts, and emails, the e-mails to those of them
// with an address and to the unit's mailbox, which go out only where the
// server sends mail. A unit nobody could be told of is said so, with what
// to do: the office must tell it by telephone.
func unitExtendedNotice(unit owingUnit, notices, emails int, mailOn bool) string {
	done := fmt.Sprintf("Đã gia hạn gửi báo cáo cho %s đến %s; các đơn vị khác giữ hạn của đợt. ", unit.Name, unit.Deadline)
	mailed := emails > 0 && mailOn
	switch {
	case notices == 0 && !mailed && emails > 0:
		return done + unit.Name + " chưa có tài khoản nào để nhận thông báo trong ứng dụng, và máy chủ chưa được cấu hình gửi thư nên không gửi e-mail; hãy báo cho đơn vị bằng điện thoại."
	case notices == 0 && !mailed:
		return done + unit.Name + " chưa có tài khoản nào để nhận thông báo, cũng không có địa chỉ e-mail; hãy báo cho đơn vị bằng điện thoại."
	case notices == 0:
		return done + fmt.Sprintf("%s chưa có tài khoản nào để nhận thông báo trong ứng dụng; e-mail báo hạn mới được gửi đến %d địa chỉ của đơn vị.", unit.Name, emails)
	}
	done += fmt.Sprintf("%s đã có thông báo hạn mới trong ứng dụng (%d tài khoản)", unit.Name, notices)
	switch {
	case emails == 0:
		return done + "; không gửi e-mail vì đơn vị và các tài khoản của đơn vị chưa có địa chỉ e-mail."
	case !mailOn:
		return done + "; không gửi e-mail vì máy chủ chưa được cấu hình gửi thư."
	}
	return done + fmt.Sprintf("; e-mail báo hạn mới được gửi đến %d địa chỉ.", emails)
}

func (s *Server) renderRoundExtend(w http.ResponseWriter, r *http.Request, status int, round *tiendo.Round, typed, reason string, ferr error, uf *unitExtendForm, uerr error) error {
	data := roundExtendPage{page: s.basePage(r, "Gia hạn gửi báo cáo: "+round.Title), Round: round,
		Current: formatDeadline(round.Deadline), Deadline: typed, Reason: reason}
	if !round.OriginalDeadline.IsZero() {
		data.Original = formatDeadline(round.OriginalDeadline)
	}
	if d := timeOfDay(round.Deadline); d != 0 {
		data.Clock = round.Deadline.In(tiendo.Zone).Format("15:04")
	}
	var e *tiendo.Error
	if errors.As(ferr, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	data.Unit.Time = data.Clock
	if uf != nil {
		data.Unit = *uf
	}
	if errors.As(uerr, &e) {
		data.UnitError, data.UnitFields = e.Message, e.Fields
	}
	owing, err := s.store.OwingDeadlines(r.Context(), round.ID)
	if err != nil {
		return err
	}
	done, notices, emails := "", 0, 0
	if q := r.URL.Query(); r.Method == http.MethodGet && q.Get("ok") == "unit" {
		done = q.Get("unit")
		notices, _ = strconv.Atoi(q.Get("notices"))
		emails, _ = strconv.Atoi(q.Get("emails"))
		notices, emails = max(notices, 0), max(emails, 0)
	}
	for _, o := range owing {
		u := owingUnit{Code: o.Unit.Code, Name: o.Unit.Name, Deadline: formatDeadline(o.Deadline), Extended: o.Extended(),
			Selected: o.Unit.Code == data.Unit.Unit}
		if u.Extended {
			u.Reason = o.Reason
			data.Extended = append(data.Extended, u)
		}
		if done != "" && o.Unit.Code == done && u.Extended {
			// Without the reminder service nothing delivers the outbox.
			data.Done = unitExtendedNotice(u, notices, emails, s.cfg.Reminders != nil && s.cfg.Reminders.MailOn())
		}
		data.Owing = append(data.Owing, u)
	}
	return s.render(w, status, "round_extend", data)
}
