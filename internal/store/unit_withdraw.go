package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"tiendo"
)

// KindDeadlineWithdrawn is the message (and in-app notification) that tells
// a unit the office withdrew the deadline of its own (hủy hạn riêng), and
// which deadline now holds.
const KindDeadlineWithdrawn = "deadline_withdrawn"

// keyInstant writes, in a dedupe key, the moment something was done, to
// the nanosecond: two acts on one unit's deadline are never at the same
// instant, since each waits for the one before.
const keyInstant = "20060102T150405.000000000Z"

// CheckWithdrawUnitDeadline says whether the office may withdraw unit
// unitID's own deadline in round roundID (WithdrawUnitDeadline), without
// changing anything, and returns where the unit stands: its own deadline
// and reason, when it was given (Given, which a confirmation carries back
// to WithdrawUnitDeadlineAsConfirmed), the round's deadline it would go back to, its report's
// status, and whether the lock would then keep it from reporting
// (LockedOut). It is what the confirmation before a withdrawal says. A
// refusal is WithdrawUnitDeadline's.
func (s *Store) CheckWithdrawUnitDeadline(ctx context.Context, u *tiendo.User, roundID, unitID int64) (*UnitDeadline, error) {
	if err := mayWithdraw(u, unitID); err != nil {
		return nil, err
	}
	d, _, err := s.withdrawable(ctx, s.rdb, roundID, unitID)
	return d, err
}

// WithdrawUnitDeadline withdraws the deadline of its own the office gave
// unit unitID of open round roundID (hủy hạn riêng): the office gave the
// wrong unit an extension, or the reason for it is gone. Only the office
// (and the administrator) may, as for ExtendUnitDeadline. The unit must be
// asked in the round, still owe its report (not sent, or returned for
// revision and not sent again) and have a deadline of its own later than
// the round's; anything else is refused (EINVALID) with the reason. When
// own is not zero it is the unit's own deadline the office confirmed
// withdrawing: if it changed meanwhile (another office user extended it
// again), the withdrawal is refused and nothing changes.
//
// In one transaction the unit's own deadline and its reason are cleared,
// so that it is held to the round's deadline again; what was queued for
// it under its own deadline and not yet sent (a reminder counting days to
// it, a "đôn đốc" quoting it, the extension's notice) is expired; the unit
// is told, in the app (its active users) and by e-mail (those with an
// address and its mailbox), that its own deadline is withdrawn, which
// deadline now holds, and, when that one has passed, that its report is now
// late (quá hạn), or, in a round locked after its deadline that the office
// did not reopen for it, that it can no longer report. The reminders that
// follow count from the round's deadline. A report sent before the
// withdrawal keeps the timeliness it was given, as for an extension; a
// report returned for revision keeps its first submission's.
//
// On PostgreSQL the unit's report is locked as for an extension
// (lockUnitReport), so that a withdrawal cannot cross a submission: one
// that comes while the unit is sending waits for it, and is then refused as
// sent; a submission that comes while the withdrawal is under way waits for
// it, and is then judged against the round's deadline.
//
// It returns the unit's deadline as it now stands, with how many notices
// and e-mails were queued to tell it (Notices, Emails), as
// ExtendUnitDeadline does. Audited as the round's "withdraw_extension",
// with the unit, so that the round cache sees the change by the round's
// audit stamp.
func (s *Store) WithdrawUnitDeadline(ctx context.Context, actor Actor, u *tiendo.User, roundID, unitID int64, own time.Time) (*UnitDeadline, error) {
	return s.withdraw(ctx, actor, u, &UnitDeadline{RoundID: roundID, Unit: tiendo.Unit{ID: unitID}, Own: own}, false)
}

// WithdrawUnitDeadlineAsConfirmed withdraws a unit's own deadline as
// WithdrawUnitDeadline does, once the office has confirmed what
// CheckWithdrawUnitDeadline said (seen: its RoundID, Unit.ID, Own and
// Given). The withdrawal is refused (EINVALID), and nothing changes, if
// the unit's own deadline is no longer the one seen: another office user
// changed it, or withdrew it and gave it again, even to the same deadline
// (Given tells the two extensions apart). A confirmation whose extension
// was withdrawn already, with nothing given to the unit since (the
// confirmation sent twice, or another user withdrew the same extension),
// is not refused: it returns the unit as that withdrawal left it, with the
// notices and e-mails that withdrawal queued, and changes nothing.
func (s *Store) WithdrawUnitDeadlineAsConfirmed(ctx context.Context, actor Actor, u *tiendo.User, seen *UnitDeadline) (*UnitDeadline, error) {
	return s.withdraw(ctx, actor, u, seen, true)
}

// withdraw is WithdrawUnitDeadline (seen.Own, when not zero, the own
// deadline confirmed) and, when confirmed, WithdrawUnitDeadlineAsConfirmed.
func (s *Store) withdraw(ctx context.Context, actor Actor, u *tiendo.User, seen *UnitDeadline, confirmed bool) (*UnitDeadline, error) {
	roundID, unitID := seen.RoundID, seen.Unit.ID
	if err := mayWithdraw(u, unitID); err != nil {
		return nil, err
	}
	var out *UnitDeadline
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, title, err := s.withdrawable(ctx, tx, roundID, unitID)
		if confirmed && tiendo.ErrorCode(err) == tiendo.EINVALID {
			// A second press of the same confirmation: the own deadline
			// is gone because it was withdrawn.
			done, err := s.withdrawnAlready(ctx, tx, seen)
			if err != nil {
				return err
			}
			if done != nil {
				out = done
				return nil
			}
		}
		if err != nil {
			return err
		}
		if !seen.Own.IsZero() && !seen.Own.Equal(d.Own) {
			msg := fmt.Sprintf("Trong lúc đồng chí xác nhận, hạn riêng của %s đã được đổi thành %s; hãy xem lại rồi hủy lần nữa nếu vẫn cần.", d.Unit.Name, tiendo.DeadlineText(d.Own))
			return &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa hủy được hạn riêng: " + lowerFirst(msg), Fields: map[string]string{"unit": msg}}
		}
		if confirmed && !seen.Given.Equal(d.Given) {
			msg := fmt.Sprintf("Trong lúc đồng chí xác nhận, hạn riêng của %s đã được hủy rồi gia hạn lại (%s); hãy xem lại rồi hủy lần nữa nếu vẫn cần.", d.Unit.Name, tiendo.DeadlineText(d.Own))
			return &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa hủy được hạn riêng: " + lowerFirst(msg), Fields: map[string]string{"unit": msg}}
		}
		// extended_at stays: it names the extension withdrawn, so that a
		// second press of the same confirmation finds it withdrawn
		// (withdrawnAlready), and a new extension sets it anew.
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE round_units SET extended_deadline = NULL, extension_reason = '' WHERE round_id = ? AND unit_id = ?`),
			roundID, unitID); err != nil {
			return fmt.Errorf("store: withdraw unit deadline: %w", err)
		}
		// Everything pending for the unit was queued under its own
		// deadline: Outstanding gave the reminders that one, and the
		// extension's notice named it. The reminders that follow count
		// from the round's deadline under its keys (Outstanding.Extended):
		// one the unit was sent under that deadline before its extension is
		// not sent again, one the extension expired before it went is queued
		// again when it is due (Enqueue), and this notice says which
		// deadline holds.
		if _, err := s.updatePending(ctx, tx, `status = ?, last_error = ?`,
			[]any{MessageExpired, "Hạn riêng của đơn vị đã bị hủy; lời nhắc theo hạn riêng không còn đúng nên không gửi."},
			`round_id = ? AND unit_id = ? AND status = ? AND kind IN (?, ?, ?, ?, ?, ?)`,
			[]any{roundID, unitID, MessagePending,
				KindReminderBefore, KindReminderDue, KindReminderOverdue, KindAdhoc, KindDeadlineExtended, KindDeadlineWithdrawn}); err != nil {
			return fmt.Errorf("store: withdraw unit deadline: reminders: %w", err)
		}
		users, _, err := s.unitUsers(ctx, tx, unitID)
		if err != nil {
			return err
		}
		msgs := withdrawalNotices(roundID, title, d, users, s.now())
		if _, err := s.enqueue(ctx, tx, msgs); err != nil {
			return err
		}
		for _, m := range msgs {
			if m.ID == 0 {
				continue
			}
			if m.Notify && m.UserID != 0 {
				d.Notices++
			}
			if m.Status == MessagePending {
				d.Emails++
			}
		}
		withdrawn := d.Own
		d.Deadline, d.Own, d.Reason = d.RoundDeadline, time.Time{}, ""
		out = d
		return s.audit(ctx, tx, actor, "withdraw_extension", "round", roundID,
			map[string]any{"deadline": withdrawn},
			map[string]any{"unit_id": unitID, "deadline": d.RoundDeadline})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// mayWithdraw checks who asks for a withdrawal, and for which unit.
func mayWithdraw(u *tiendo.User, unitID int64) error {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được hủy hạn riêng của đơn vị.")
	}
	if unitID == 0 {
		msg := "Vui lòng chọn đơn vị cần hủy hạn riêng."
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa hủy được hạn riêng: " + lowerFirst(msg), Fields: map[string]string{"unit": msg}}
	}
	return nil
}

// withdrawable reads unit unitID of round roundID as a withdrawal of its
// own deadline finds it, with the round's title, or says why its own
// deadline cannot be withdrawn. In a transaction on PostgreSQL it first
// locks the round's row, as an extension does, and the unit's report
// (lockUnitReport).
func (s *Store) withdrawable(ctx context.Context, db queryer, roundID, unitID int64) (*UnitDeadline, string, error) {
	tx, inTx := db.(*sql.Tx)
	lock := ""
	if inTx && s.dialect == postgres {
		lock = " FOR NO KEY UPDATE" // as in ExtendDeadline
	}
	var status tiendo.RoundStatus
	var title string
	var roundDeadline time.Time
	var locked sql.NullTime
	if err := db.QueryRowContext(ctx, s.q(`SELECT status, title, deadline, locked_at FROM rounds WHERE id = ?`+lock), roundID).
		Scan(&status, &title, &roundDeadline, &locked); err != nil {
		return nil, "", notFound(err, "Không tìm thấy đợt báo cáo.")
	}
	switch status {
	case tiendo.RoundOpen:
	case tiendo.RoundDraft:
		return nil, "", tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo còn là bản nháp, các đơn vị chưa nhận: không có hạn riêng nào để hủy.")
	default:
		return nil, "", tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo đã đóng nên không hủy được hạn riêng: đợt đã đóng không nhận thêm báo cáo.")
	}
	if inTx && s.dialect == postgres {
		if err := s.lockUnitReport(ctx, tx, roundID, unitID); err != nil {
			return nil, "", err
		}
	}
	d := &UnitDeadline{RoundID: roundID, RoundDeadline: roundDeadline.In(tiendo.Zone)}
	var own, given sql.NullTime
	var reopened bool
	err := db.QueryRowContext(ctx, s.q(`SELECT u.id, u.code, u.name, u.short_name, u.email, ru.extended_deadline, ru.extension_reason, ru.reopened,
		COALESCE(ur.status, 'missing'), ru.extended_at
		FROM round_units ru JOIN units u ON u.id = ru.unit_id
		LEFT JOIN unit_reports ur ON ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id
		WHERE ru.round_id = ? AND ru.unit_id = ?`), roundID, unitID).
		Scan(&d.Unit.ID, &d.Unit.Code, &d.Unit.Name, &d.Unit.ShortName, &d.Unit.Email, &own, &d.Reason, &reopened, &d.Status, &given)
	// The message, after "Chưa hủy được hạn riêng: ", keeps the capital
	// of a unit's name.
	refuse := func(msg string) (*UnitDeadline, string, error) {
		return nil, "", &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa hủy được hạn riêng: " + msg, Fields: map[string]string{"unit": msg}}
	}
	if errors.Is(err, sql.ErrNoRows) {
		msg := "Đơn vị này không được yêu cầu báo cáo trong đợt nên không có hạn riêng để hủy."
		return nil, "", &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa hủy được hạn riêng: " + lowerFirst(msg), Fields: map[string]string{"unit": msg}}
	} else if err != nil {
		return nil, "", fmt.Errorf("store: withdraw unit deadline: %w", err)
	}
	if !owes(d.Status) {
		return refuse(fmt.Sprintf("%s đã gửi báo cáo nên không hủy hạn riêng được nữa; báo cáo đã gửi giữ nguyên đánh giá đúng hạn hoặc quá hạn như lúc gửi.", d.Unit.Name))
	}
	if !own.Valid || !own.Time.After(roundDeadline) {
		return refuse(fmt.Sprintf("%s không có hạn riêng muộn hơn hạn của đợt (%s): đơn vị đang theo hạn của đợt, không có gì để hủy.", d.Unit.Name, tiendo.DeadlineText(roundDeadline)))
	}
	d.Own = own.Time.In(tiendo.Zone)
	d.Deadline = d.Own
	if given.Valid {
		d.Given = given.Time.In(tiendo.Zone)
	}
	d.LockedOut = locked.Valid && !reopened
	return d, title, nil
}

// withdrawnAlready says whether the extension seen (a unit's own deadline
// seen.Own, given at seen.Given) was withdrawn already, with nothing given
// to the unit since: the unit has no own deadline and the moment its last
// one was given (round_units.extended_at, which a withdrawal keeps) is
// seen.Given. It then returns the unit as that withdrawal left it, with the
// notices and e-mails it queued, read back from the outbox (its
// KindDeadlineWithdrawn rows for the unit, queued in one go). It returns
// nil, nil when the extension seen was not withdrawn, or cannot be told
// (nothing seen), and the caller's refusal holds.
func (s *Store) withdrawnAlready(ctx context.Context, tx *sql.Tx, seen *UnitDeadline) (*UnitDeadline, error) {
	if seen.Own.IsZero() {
		return nil, nil
	}
	d := &UnitDeadline{RoundID: seen.RoundID}
	var own, given sql.NullTime
	err := tx.QueryRowContext(ctx, s.q(`SELECT u.id, u.code, u.name, u.short_name, u.email, r.deadline, ru.extended_deadline, ru.extended_at,
		COALESCE(ur.status, 'missing')
		FROM round_units ru JOIN rounds r ON r.id = ru.round_id JOIN units u ON u.id = ru.unit_id
		LEFT JOIN unit_reports ur ON ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id
		WHERE ru.round_id = ? AND ru.unit_id = ?`), seen.RoundID, seen.Unit.ID).
		Scan(&d.Unit.ID, &d.Unit.Code, &d.Unit.Name, &d.Unit.ShortName, &d.Unit.Email, &d.RoundDeadline, &own, &given, &d.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: withdraw unit deadline: %w", err)
	}
	if own.Valid || given.Valid != !seen.Given.IsZero() || given.Valid && !given.Time.Equal(seen.Given) {
		return nil, nil
	}
	d.RoundDeadline = d.RoundDeadline.In(tiendo.Zone)
	d.Deadline = d.RoundDeadline
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(user_id), COALESCE(SUM(CASE WHEN email <> '' THEN 1 ELSE 0 END), 0) FROM outbox
		WHERE round_id = ? AND unit_id = ? AND kind = ? AND created_at = (SELECT MAX(created_at) FROM outbox WHERE round_id = ? AND unit_id = ? AND kind = ?)`),
		seen.RoundID, seen.Unit.ID, KindDeadlineWithdrawn, seen.RoundID, seen.Unit.ID, KindDeadlineWithdrawn).Scan(&d.Notices, &d.Emails); err != nil {
		return nil, fmt.Errorf("store: withdraw unit deadline: %w", err)
	}
	return d, nil
}

// withdrawalNotices builds the notice that unit d.Unit's own deadline was
// withdrawn, for every recipient of the unit: in the app and by e-mail for
// its users, by e-mail to its own mailbox. It says which deadline now holds
// and what that means for the unit at now: its report is late when that
// deadline has passed (one returned for revision keeps its first
// submission's timeliness), and a lock the office did not lift for it keeps
// it from reporting. d is the unit before the withdrawal.
func withdrawalNotices(roundID int64, title string, d *UnitDeadline, users []Recipient, now time.Time) []*Message {
	name, held := d.Unit.Name, tiendo.DeadlineText(d.RoundDeadline)
	passed := !now.Before(d.RoundDeadline)
	what := fmt.Sprintf("Văn phòng đã hủy hạn riêng của %s (%s) đối với báo cáo “%s”. Hạn gửi báo cáo của đơn vị nay là hạn của cả đợt: %s.",
		name, tiendo.DeadlineText(d.Own), title, held)
	var then, ask string
	switch {
	case d.LockedOut:
		then = "; đợt đã khóa nên đơn vị không gửi được báo cáo nữa."
		if passed {
			then = ", đã qua" + then
		}
		ask = "Văn phòng đã khóa đợt báo cáo nên đơn vị không gửi được báo cáo nữa. Nếu cần gửi, đề nghị liên hệ Văn phòng để được mở lại cho đơn vị."
	case passed && d.Status == tiendo.ReportReturned:
		then = ", đã qua."
		ask = fmt.Sprintf("Hạn này đã qua. Báo cáo gửi lại vẫn được tính đúng hạn hoặc quá hạn như lần gửi đầu; đề nghị %s khẩn trương bổ sung và gửi lại báo cáo.", name)
	case passed:
		then = ", đã qua nên báo cáo của đơn vị đã quá hạn."
		ask = fmt.Sprintf("Hạn này đã qua nên báo cáo của đơn vị đã quá hạn. Đề nghị %s khẩn trương gửi báo cáo.", name)
	default:
		then = "."
		ask = fmt.Sprintf("Đề nghị %s hoàn thiện và gửi báo cáo đúng hạn.", name)
	}
	subject := fmt.Sprintf("Văn phòng đã hủy hạn riêng của %s đối với báo cáo “%s”: hạn gửi nay là hạn của cả đợt, %s%s", name, title, held, then)
	key := fmt.Sprintf("withdraw-unit:%d:%d:%s@%s", roundID, d.Unit.ID, d.Own.UTC().Format("20060102T150405Z"), now.UTC().Format(keyInstant))
	var msgs []*Message
	for _, rc := range withMailbox(users, d.Unit) {
		msgs = append(msgs, &Message{
			Kind:      KindDeadlineWithdrawn,
			DedupeKey: key + ":" + rc.RecipientKey(),
			RoundID:   roundID,
			UnitID:    d.Unit.ID,
			UserID:    rc.UserID,
			Email:     rc.Email,
			Subject:   subject,
			Body:      fmt.Sprintf("Kính gửi: %s,\n\n%s\n\n%s", salutation(rc.Name), what, ask),
			Link:      fmt.Sprintf("/rounds/%d/reports/%s", roundID, d.Unit.Code),
			Notify:    true,
		})
	}
	return msgs
}
