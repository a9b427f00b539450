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
	Done       string // what the last extension for a unit, or withdrawal, did, after the redirect
	// WithdrawError is why a unit's own deadline could not be withdrawn
	// ("Hủy hạn riêng"), said above the table of own deadlines.
	WithdrawError string
}

// extendForms is what the extension page shows again in its forms: the
// whole round's as typed, with its error; the unit's as typed, with its
// error; the error of a withdrawal.
type extendForms struct {
	Typed, Reason string
	Err           error
	Unit          *unitExtendForm
	UnitErr       error
	WithdrawErr   error
}

// owingUnit is a unit the office may extend the deadline for.
type owingUnit struct {
	Code, Name string
	Deadline   string // its deadline now: "trước ngày 07/06/2026"
	Extended   bool   // a deadline of its own, later than the round's
	Reason     string // why, when Extended
	Selected   bool
	Passed     bool                // its deadline has passed
	Status     tiendo.ReportStatus // of its report
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
	return s.renderRoundExtend(w, r, http.StatusOK, round, extendForms{})
}

// handleRoundExtend asks before extending the whole round, then extends
// it. Pressed on the form ("Gia hạn cho cả đợt"), it reads the day as the
// edit form reads it (editedDeadline), keeping the current deadline's time
// of day, and has the store check it (CheckExtendDeadline), writing
// nothing: a day it cannot read, or one the store refuses, comes back with
// the form as typed (422); one it can is shown on a confirmation
// (round_extend_confirm.html), which says what the extension will do and
// carries what was typed in hidden fields, with the deadline and the lock
// it was checked against. Its "Xác nhận gia hạn" (op=confirm) extends the
// round if it still stands as the confirmation said
// (ExtendDeadlineAsConfirmed), else the store's refusal comes back on the
// form; its "Quay lại sửa" (op=back) gives the form back as typed. A
// confirmation missing what it was checked against asks again.
func (s *Server) handleRoundExtend(w http.ResponseWriter, r *http.Request) error {
	round, err := s.openRound(r)
	if err != nil {
		return err
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	typed, reason := strings.TrimSpace(r.PostFormValue("deadline")), r.PostFormValue("reason")
	form := extendForms{Typed: typed, Reason: reason}
	op := r.PostFormValue("op")
	if op == "back" {
		return s.renderRoundExtend(w, r, http.StatusOK, round, form)
	}
	deadline, msg := editedDeadline(typed, round.Deadline)
	if msg != "" {
		form.Err = &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được, vui lòng sửa các ô được đánh dấu.", Fields: map[string]string{"deadline": msg}}
		return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, form)
	}
	u := userFrom(r.Context())
	if from, err := time.Parse(time.RFC3339Nano, r.PostFormValue("from")); op == "confirm" && err == nil {
		seen := &store.RoundExtension{RoundID: round.ID, From: from, To: deadline, Reason: reason, Locked: r.PostFormValue("locked") == "1"}
		err := s.store.ExtendDeadlineAsConfirmed(r.Context(), actor(r), u, seen)
		switch tiendo.ErrorCode(err) {
		case "":
			http.Redirect(w, r, fmt.Sprintf("/rounds/%d?ok=extended", round.ID), http.StatusSeeOther)
			return nil
		case tiendo.EINVALID:
			// The round as it now stands: another extension shows.
			if round, err2 := s.openRound(r); err2 == nil {
				form.Err = err
				return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, form)
			}
		}
		return err
	}
	ext, err := s.store.CheckExtendDeadline(r.Context(), u, round.ID, deadline, reason)
	switch tiendo.ErrorCode(err) {
	case "":
	case tiendo.EINVALID:
		form.Err = err
		return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, form)
	default:
		return err
	}
	return s.render(w, http.StatusOK, "round_extend_confirm", roundExtendConfirm{
		page: s.basePage(r, "Xác nhận gia hạn: "+round.Title), Round: round, Ext: ext,
		From: formatDeadline(ext.From), To: formatDeadline(ext.To), Seen: ext.From.Format(time.RFC3339Nano),
		Typed: typed, Reason: reason, MailOn: s.mailOn()})
}

// roundExtendConfirm is the confirmation before the whole round is
// extended: what the extension will do, in sentences, and the form that
// does it or goes back, carrying what was typed.
type roundExtendConfirm struct {
	page
	Round    *tiendo.Round
	Ext      *store.RoundExtension
	From, To string // the deadlines as the pages write them
	Seen     string // the deadline checked against, for the store to check again
	Typed    string // the day as typed
	Reason   string // the reason as typed
	MailOn   bool   // the server sends e-mail
}

// mailOn says whether anything delivers the outbox's e-mail: without the
// reminder service nothing does.
func (s *Server) mailOn() bool { return s.cfg.Reminders != nil && s.cfg.Reminders.MailOn() }

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
		return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, extendForms{Unit: &f, UnitErr: err})
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
	return done + toldNotice(unit.Name, "hạn mới", notices, emails, mailOn)
}

// unitWithdrawnNotice is the page's message after a unit's own deadline
// was withdrawn, as unitExtendedNotice is after an extension: the deadline
// the unit now follows, that its report is late when that deadline has
// passed (a report returned for revision keeps its first submission's
// timeliness), and who was told.
func unitWithdrawnNotice(unit owingUnit, notices, emails int, mailOn bool) string {
	done := fmt.Sprintf("Đã hủy hạn riêng của %s; đơn vị nay theo hạn của đợt, %s. ", unit.Name, unit.Deadline)
	if unit.Passed && unit.Status != tiendo.ReportReturned {
		done += "Hạn này đã qua nên báo cáo của đơn vị nay là quá hạn. "
	}
	return done + toldNotice(unit.Name, "hủy hạn riêng", notices, emails, mailOn)
}

// toldNotice says who was told what, "thông báo hạn mới" or "thông báo
// hủy hạn riêng", from the notices and e-mails queued (unitExtendedNotice).
func toldNotice(name, what string, notices, emails int, mailOn bool) string {
	mailed := emails > 0 && mailOn
	switch {
	case notices == 0 && !mailed && emails > 0:
		return name + " chưa có tài khoản nào để nhận thông báo trong ứng dụng, và máy chủ chưa được cấu hình gửi thư nên không gửi e-mail; hãy báo cho đơn vị bằng điện thoại."
	case notices == 0 && !mailed:
		return name + " chưa có tài khoản nào để nhận thông báo, cũng không có địa chỉ e-mail; hãy báo cho đơn vị bằng điện thoại."
	case notices == 0:
		return fmt.Sprintf("%s chưa có tài khoản nào để nhận thông báo trong ứng dụng; e-mail báo %s được gửi đến %d địa chỉ của đơn vị.", name, what, emails)
	}
	done := fmt.Sprintf("%s đã có thông báo %s trong ứng dụng (%d tài khoản)", name, what, notices)
	switch {
	case emails == 0:
		return done + "; không gửi e-mail vì đơn vị và các tài khoản của đơn vị chưa có địa chỉ e-mail."
	case !mailOn:
		return done + "; không gửi e-mail vì máy chủ chưa được cấu hình gửi thư."
	}
	return done + fmt.Sprintf("; e-mail báo %s được gửi đến %d địa chỉ.", what, emails)
}

func (s *Server) renderRoundExtend(w http.ResponseWriter, r *http.Request, status int, round *tiendo.Round, f extendForms) error {
	data := roundExtendPage{page: s.basePage(r, "Gia hạn gửi báo cáo: "+round.Title), Round: round,
		Current: formatDeadline(round.Deadline), Deadline: f.Typed, Reason: f.Reason}
	if !round.OriginalDeadline.IsZero() {
		data.Original = formatDeadline(round.OriginalDeadline)
	}
	if d := timeOfDay(round.Deadline); d != 0 {
		data.Clock = round.Deadline.In(tiendo.Zone).Format("15:04")
	}
	var e *tiendo.Error
	if errors.As(f.Err, &e) {
		data.Error, data.Fields = e.Message, e.Fields
	}
	data.Unit.Time = data.Clock
	if f.Unit != nil {
		data.Unit = *f.Unit
	}
	if errors.As(f.UnitErr, &e) {
		data.UnitError, data.UnitFields = e.Message, e.Fields
	}
	if errors.As(f.WithdrawErr, &e) {
		data.WithdrawError = e.Message
	}
	owing, err := s.store.OwingDeadlines(r.Context(), round.ID)
	if err != nil {
		return err
	}
	done, notices, emails := "", 0, 0
	q := r.URL.Query()
	ok := q.Get("ok")
	if r.Method == http.MethodGet && (ok == "unit" || ok == "withdrawn") {
		done = q.Get("unit")
		notices, _ = strconv.Atoi(q.Get("notices"))
		emails, _ = strconv.Atoi(q.Get("emails"))
		notices, emails = max(notices, 0), max(emails, 0)
	}
	now := s.store.Clock()
	for _, o := range owing {
		u := owingUnit{Code: o.Unit.Code, Name: o.Unit.Name, Deadline: formatDeadline(o.Deadline), Extended: o.Extended(),
			Selected: o.Unit.Code == data.Unit.Unit, Passed: !now.Before(o.Deadline), Status: o.Status}
		if u.Extended {
			u.Reason = o.Reason
			data.Extended = append(data.Extended, u)
		}
		switch {
		case done == "" || o.Unit.Code != done:
		case ok == "unit" && u.Extended:
			data.Done = unitExtendedNotice(u, notices, emails, s.mailOn())
		case ok == "withdrawn" && !u.Extended:
			data.Done = unitWithdrawnNotice(u, notices, emails, s.mailOn())
		}
		data.Owing = append(data.Owing, u)
	}
	return s.render(w, status, "round_extend", data)
}

// unitWithdrawConfirm is the confirmation before a unit's own deadline is
// withdrawn ("Hủy hạn riêng"): the unit, its own deadline, the round's it
// will follow and what that means for it.
type unitWithdrawConfirm struct {
	page
	Round    *tiendo.Round
	Unit     *store.UnitDeadline
	Own      string // the unit's own deadline, as the pages write it
	Held     string // the round's deadline, which it will follow
	Seen     string // its own deadline, for the store to check again
	Given    string // when it was given: one extension told from another to the same day
	Passed   bool   // the round's deadline has passed: the unit is late at once
	Returned bool   // its report was returned for revision: it keeps its first submission's timeliness
	MailOn   bool
}

// unitWithdrawal reads the unit of the request's path whose own deadline
// the office asks to withdraw, as the store checks it, with the round.
func (s *Server) unitWithdrawal(r *http.Request) (*tiendo.Round, *store.UnitDeadline, error) {
	round, err := s.openRound(r)
	if err != nil {
		return nil, nil, err
	}
	unit, err := s.store.UnitByCode(r.Context(), r.PathValue("unit"))
	if err != nil {
		return round, nil, err
	}
	d, err := s.store.CheckWithdrawUnitDeadline(r.Context(), userFrom(r.Context()), round.ID, unit.ID)
	return round, d, err
}

// handleUnitWithdrawConfirm asks before a unit's own deadline is withdrawn:
// the table's "Hủy hạn riêng" opens it, and it never withdraws. A unit
// whose own deadline cannot be withdrawn (it has none, or has sent its
// report) is refused on the extension page (422), with the reason.
func (s *Server) handleUnitWithdrawConfirm(w http.ResponseWriter, r *http.Request) error {
	round, d, err := s.unitWithdrawal(r)
	if err != nil {
		if tiendo.ErrorCode(err) == tiendo.EINVALID {
			return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, extendForms{WithdrawErr: err})
		}
		return err
	}
	return s.render(w, http.StatusOK, "unit_withdraw_confirm", unitWithdrawConfirm{
		page: s.basePage(r, "Hủy hạn riêng: "+d.Unit.Name), Round: round, Unit: d,
		Own: formatDeadline(d.Own), Held: formatDeadline(d.RoundDeadline), Seen: d.Own.Format(time.RFC3339Nano), Given: formMoment(d.Given),
		Passed: !s.store.Clock().Before(d.RoundDeadline), Returned: d.Status == tiendo.ReportReturned, MailOn: s.mailOn()})
}

// formMoment writes a moment for a form to carry back exactly; "" for none.
func formMoment(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// handleUnitWithdraw withdraws a unit's own deadline once the office has
// confirmed it (confirm=yes, with the own deadline it confirmed and when
// that was given); without the confirmation it asks, as the GET does.
// Done, it goes back to the unit's part of the extension page, which says
// what was done and who was told; so does a second press of the same
// confirmation, which finds it done (WithdrawUnitDeadlineAsConfirmed).
// Refused (the unit sent its report meanwhile, or its own deadline
// changed, or was withdrawn and given again), the page says why (422).
func (s *Server) handleUnitWithdraw(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	own, err := time.Parse(time.RFC3339Nano, r.PostFormValue("own"))
	if r.PostFormValue("confirm") != "yes" || err != nil {
		return s.handleUnitWithdrawConfirm(w, r)
	}
	// Empty for an own deadline given before the store kept the moment.
	var given time.Time
	if g := r.PostFormValue("given"); g != "" {
		if given, err = time.Parse(time.RFC3339Nano, g); err != nil {
			return s.handleUnitWithdrawConfirm(w, r)
		}
	}
	round, err := s.openRound(r)
	if err != nil {
		return err
	}
	unit, err := s.store.UnitByCode(r.Context(), r.PathValue("unit"))
	if err != nil {
		return err
	}
	seen := &store.UnitDeadline{RoundID: round.ID, Unit: tiendo.Unit{ID: unit.ID}, Own: own, Given: given}
	got, err := s.store.WithdrawUnitDeadlineAsConfirmed(r.Context(), actor(r), userFrom(r.Context()), seen)
	switch tiendo.ErrorCode(err) {
	case "":
		q := url.Values{"ok": {"withdrawn"}, "unit": {got.Unit.Code},
			"notices": {strconv.Itoa(got.Notices)}, "emails": {strconv.Itoa(got.Emails)}}
		http.Redirect(w, r, fmt.Sprintf("/rounds/%d/extend?%s#unit-extend", round.ID, q.Encode()), http.StatusSeeOther)
		return nil
	case tiendo.EINVALID:
		return s.renderRoundExtend(w, r, http.StatusUnprocessableEntity, round, extendForms{WithdrawErr: err})
	}
	return err
}
