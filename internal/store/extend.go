package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo"
)

// KindDeadlineExtended is the message (and in-app notification) that tells
// a unit still owing its report that the office extended the round's
// deadline.
const KindDeadlineExtended = "deadline_extended"

// maxExtendReason bounds the reason of an extension, in characters: a
// sentence or a paragraph, which goes into every unit's message.
const maxExtendReason = 1000

// ExtendDeadline moves the deadline of open round roundID to deadline (gia
// hạn), with an optional reason, and tells the units that still owe their
// report. Only the office (and the administrator) may; a draft's deadline
// is changed with the edit form (UpdateDraftRound), and a closed round
// takes no more reports. The new deadline must be later than the current
// one and than now: shortening a deadline the units were given is not an
// extension.
//
// The extension is not retroactive. A report already sent keeps the late
// flag it was given when it was sent, and unit_reports is not touched: it
// was late against the deadline in force then, and the consolidated report
// and the units' on-time rates must not change behind the office's back.
// A report sent from now on is judged against the new deadline, and a
// report returned for revision keeps its first submission's timeliness, as
// it always does (SubmitReport).
//
// A round the office locked after its old deadline is unlocked, and the
// units it had reopened one by one lose that mark, as LockRound's unlock
// does: an extension that left the lock would give a new deadline to units
// that cannot report. The office can lock the round again once the new
// deadline has passed.
//
// Reminders follow the new deadline: the planner reads the round's deadline
// each time it runs (remind.Plan), so the next reminder is computed from
// the new one. Reminders still queued for the old deadline ("quá hạn 2
// ngày", an unsent "đôn đốc") are expired in the same transaction, so that
// none reaches a unit after it was told of the extension. The deadline the
// round was published with is kept, on the first extension, as
// Round.OriginalDeadline.
func (s *Store) ExtendDeadline(ctx context.Context, actor Actor, u *tiendo.User, roundID int64, deadline time.Time, reason string) error {
	return s.extendDeadline(ctx, actor, u, &RoundExtension{RoundID: roundID, To: deadline, Reason: reason}, false)
}

// RoundExtension is an extension of a round's deadline as the office is
// asked to confirm it before it is done (CheckExtendDeadline): what the
// deadline is and will be, and whom it reaches. The counts are of the
// units as they stand when it was checked; a unit may send its report
// before the office confirms.
type RoundExtension struct {
	RoundID int64
	Title   string
	// From is the round's deadline now, To the new one.
	From, To time.Time
	// Reason is the reason as the units will read it.
	Reason string
	// Locked says the office locked the round (at LockedAt): the extension
	// unlocks it.
	Locked   bool
	LockedAt time.Time
	// Owing is how many units still owe their report (not sent, or
	// returned for revision and not sent again). Keep of them have a
	// deadline of their own not earlier than To: they keep it and are not
	// told. Follow of them have one later than From but earlier than To:
	// they are held to To from now on, and told, as every other unit owing.
	Owing, Keep, Follow int
}

// Told is how many units the extension tells of the new deadline: every
// unit owing its report but those keeping a later deadline of their own.
func (e *RoundExtension) Told() int { return e.Owing - e.Keep }

// CheckExtendDeadline checks an extension of open round roundID to
// deadline, with reason, as ExtendDeadline would check it, and says what
// it would do, for the office to confirm: it writes nothing. A refusal is
// ExtendDeadline's (EINVALID with the field, ECONFLICT for a round not
// open, EFORBIDDEN). The office then confirms with
// ExtendDeadlineAsConfirmed.
func (s *Store) CheckExtendDeadline(ctx context.Context, u *tiendo.User, roundID int64, deadline time.Time, reason string) (*RoundExtension, error) {
	e, err := checkExtendInput(u, deadline, reason)
	if err != nil {
		return nil, err
	}
	e.RoundID = roundID
	var status tiendo.RoundStatus
	var locked sql.NullTime
	if err := s.rdb.QueryRowContext(ctx, s.q(`SELECT status, title, deadline, locked_at FROM rounds WHERE id = ?`), roundID).
		Scan(&status, &e.Title, &e.From, &locked); err != nil {
		return nil, notFound(err, "Không tìm thấy đợt báo cáo.")
	}
	if status != tiendo.RoundOpen {
		return nil, ErrNotOpen(status)
	}
	e.From = e.From.In(tiendo.Zone)
	if locked.Valid {
		e.Locked, e.LockedAt = true, locked.Time.In(tiendo.Zone)
	}
	if err := s.refuseDeadline(e.From, e.To); err != nil {
		return nil, err
	}
	owing, err := s.owingUnits(ctx, s.rdb, roundID)
	if err != nil {
		return nil, err
	}
	for _, o := range owing {
		e.Owing++
		switch was := unitDeadline(e.From, o.own); {
		case !was.Before(e.To):
			e.Keep++
		case was.After(e.From):
			e.Follow++
		}
	}
	return e, nil
}

// ExtendDeadlineAsConfirmed extends the deadline as ExtendDeadline does,
// to seen.To with seen.Reason, once the office has confirmed what
// CheckExtendDeadline said. If the round's deadline is no longer seen.From,
// or the round was locked or unlocked since (another office user extended
// it meanwhile, or locked it), the extension is refused (EINVALID) and
// nothing changes: the office confirmed something else, and must look
// again. A round whose deadline is already seen.To by an extension of the
// same actor with the same reason (the confirmation sent twice) is left as
// it is, without an error; one another user extended to seen.To, or with
// another reason, is refused as changed meanwhile, since the units were
// not told what this confirmation would have told them.
func (s *Store) ExtendDeadlineAsConfirmed(ctx context.Context, actor Actor, u *tiendo.User, seen *RoundExtension) error {
	return s.extendDeadline(ctx, actor, u, seen, true)
}

// checkExtendInput checks what the office typed for an extension, and
// returns it as an extension with the reason cleaned.
func checkExtendInput(u *tiendo.User, deadline time.Time, reason string) (*RoundExtension, error) {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được gia hạn gửi báo cáo.")
	}
	reason = strings.ReplaceAll(nfc(reason), "\r\n", "\n")
	e := &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được, vui lòng sửa các ô được đánh dấu.", Fields: map[string]string{}}
	if deadline.IsZero() {
		e.Fields["deadline"] = "Vui lòng nhập hạn gửi mới, ví dụ 07/06/2026."
	} else if !tiendo.DeadlineInRange(deadline) {
		e.Fields["deadline"] = tiendo.DeadlineRangeMessage
	}
	if n := utf8.RuneCountInString(reason); n > maxExtendReason {
		e.Fields["reason"] = fmt.Sprintf("Lý do dài %d ký tự; hãy rút gọn còn tối đa %d ký tự.", n, maxExtendReason)
	}
	if len(e.Fields) > 0 {
		return nil, e
	}
	return &RoundExtension{To: deadline.In(tiendo.Zone), Reason: reason}, nil
}

// refuseDeadline refuses a new deadline not later than the current one
// (old) and than now: shortening a deadline the units were given is not an
// extension.
func (s *Store) refuseDeadline(old, deadline time.Time) error {
	field := ""
	switch {
	case !deadline.After(old):
		field = fmt.Sprintf("Hạn mới phải sau hạn hiện tại (%s): hãy chọn một ngày muộn hơn.", tiendo.DeadlineText(old))
	case !deadline.After(s.now()):
		field = "Hạn mới đã qua: hãy chọn một ngày sau hôm nay."
	}
	if field != "" {
		return &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được: " + lowerFirst(field), Fields: map[string]string{"deadline": field}}
	}
	return nil
}

// extendDeadline is ExtendDeadline, and ExtendDeadlineAsConfirmed when
// confirmed: then the round must still stand as the office saw it.
func (s *Store) extendDeadline(ctx context.Context, actor Actor, u *tiendo.User, seen *RoundExtension, confirmed bool) error {
	e, err := checkExtendInput(u, seen.To, seen.Reason)
	if err != nil {
		return err
	}
	roundID, deadline, reason := seen.RoundID, e.To, e.Reason
	// On PostgreSQL two extensions at once would both check against the
	// deadline they read; the row lock makes the second read the first's.
	// SQLite's single writer already runs them one after the other. NO KEY:
	// a plain FOR UPDATE also conflicts with the key-share lock every
	// insert of a row referring to the round takes (a unit's submission
	// queueing its notices in the outbox), which deadlocked a submission
	// that had just cancelled the unit's reminders.
	lock := ""
	if s.dialect == postgres {
		lock = " FOR NO KEY UPDATE"
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var status tiendo.RoundStatus
		var title, lastReason string
		var old time.Time
		var locked sql.NullTime
		var lastBy int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status, title, deadline, locked_at, extended_by, extension_reason FROM rounds WHERE id = ?`+lock), roundID).
			Scan(&status, &title, &old, &locked, &lastBy, &lastReason); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		if status != tiendo.RoundOpen {
			return ErrNotOpen(status)
		}
		old = old.In(tiendo.Zone)
		if confirmed {
			if old.Equal(deadline) && !old.Equal(seen.From) && lastBy == actor.UserID && lastReason == reason {
				// Confirmed twice (a double click): the extension asked
				// for is in place, by the same user with the same reason,
				// and there is nothing more to do. Another user's
				// extension to the same day is not this one: the units
				// were not told this reason, and the office must look
				// again (below).
				return nil
			}
			if !old.Equal(seen.From) {
				field := fmt.Sprintf("Trong lúc đồng chí xác nhận, hạn gửi của đợt đã được đổi thành %s; hãy xem lại hạn mới rồi bấm “Gia hạn cho cả đợt” lần nữa.", tiendo.DeadlineText(old))
				return &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được: " + lowerFirst(field), Fields: map[string]string{"deadline": field}}
			}
			if locked.Valid != seen.Locked {
				what := map[bool]string{true: "vừa được khóa", false: "vừa được mở khóa"}[locked.Valid]
				return tiendo.Errorf(tiendo.EINVALID, "Chưa gia hạn được: trong lúc đồng chí xác nhận, đợt báo cáo %s; hãy xem lại rồi bấm “Gia hạn cho cả đợt” lần nữa.", what)
			}
		}
		if err := s.refuseDeadline(old, deadline); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE rounds SET deadline = ?, original_deadline = COALESCE(original_deadline, ?), locked_at = NULL,
			extended_by = ?, extension_reason = ? WHERE id = ?`), deadline.UTC(), old.UTC(), actor.UserID, reason, roundID); err != nil {
			return fmt.Errorf("store: extend deadline: %w", err)
		}
		if locked.Valid {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE round_units SET reopened = FALSE WHERE round_id = ?`), roundID); err != nil {
				return fmt.Errorf("store: extend deadline: unlock: %w", err)
			}
		}
		// What was queued for the old deadline no longer says the truth:
		// a reminder counting days to it or past it, a "đôn đốc" quoting
		// it, the notice of an earlier extension or of a unit's own
		// deadline withdrawn. A unit the office gave a deadline of its
		// own, not earlier than the new one, keeps its deadline, and what
		// was queued for it still holds (ExtendUnitDeadline).
		// In id order (updatePending): the mailer expires some of these
		// rows at the same time.
		if _, err := s.updatePending(ctx, tx, `status = ?, last_error = ?`,
			[]any{MessageExpired, "Hạn gửi báo cáo đã được gia hạn; lời nhắc theo hạn cũ không còn đúng nên không gửi."},
			`round_id = ? AND status = ? AND kind IN (?, ?, ?, ?, ?, ?)
			AND NOT EXISTS (SELECT 1 FROM round_units ru WHERE ru.round_id = ? AND ru.unit_id = outbox.unit_id AND ru.extended_deadline >= ?)`,
			[]any{roundID, MessagePending,
				KindReminderBefore, KindReminderDue, KindReminderOverdue, KindAdhoc, KindDeadlineExtended, KindDeadlineWithdrawn, roundID, deadline.UTC()}); err != nil {
			return fmt.Errorf("store: extend deadline: reminders: %w", err)
		}
		msgs, err := s.extensionMessages(ctx, tx, roundID, title, old, deadline, reason)
		if err != nil {
			return err
		}
		if _, err := s.enqueue(ctx, tx, msgs); err != nil {
			return err
		}
		before := map[string]any{"deadline": old}
		after := map[string]any{"deadline": deadline, "reason": reason}
		if locked.Valid {
			before["locked_at"], after["locked_at"] = locked.Time.In(tiendo.Zone), nil
		}
		// Audited as entity "round": the round cache (roundcache.go) sees
		// the new deadline by the round's audit stamp.
		return s.audit(ctx, tx, actor, "extend", "round", roundID, before, after)
	})
}

// ErrNotOpen refuses to extend the deadline of a round that is not open,
// and says what to do instead.
func ErrNotOpen(status tiendo.RoundStatus) error {
	if status == tiendo.RoundDraft {
		return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo còn là bản nháp, các đơn vị chưa nhận: không cần gia hạn, hãy đổi hạn gửi ở trang “Sửa đợt báo cáo”.")
	}
	return tiendo.Errorf(tiendo.ECONFLICT, "Đợt báo cáo đã đóng nên không gia hạn được: đợt đã đóng không nhận thêm báo cáo.")
}

// extensionMessages builds the notice of an extension for every recipient
// of every unit of round roundID that owes its report: those reminders
// chase (Outstanding), not sent yet or returned for revision and not sent
// again. A unit's users get it in the app and by e-mail, its own mailbox by
// e-mail. A unit the office gave a deadline of its own not earlier than
// the new one is not told: its deadline does not change. One whose own
// deadline was between the old and the new is told the one it had as its
// old deadline.
func (s *Store) extensionMessages(ctx context.Context, tx *sql.Tx, roundID int64, title string, old, deadline time.Time, reason string) ([]*Message, error) {
	all, err := s.owingUnits(ctx, tx, roundID)
	if err != nil {
		return nil, err
	}
	type owing struct {
		unit tiendo.Unit
		was  time.Time // the unit's deadline before the extension
	}
	var units []owing
	for _, o := range all {
		if was := unitDeadline(old, o.own); was.Before(deadline) {
			units = append(units, owing{o.unit, was})
		}
	}
	if len(units) == 0 {
		return nil, nil
	}
	recipients, err := s.unitRecipients(ctx, tx)
	if err != nil {
		return nil, err
	}
	subject := fmt.Sprintf("Hạn gửi báo cáo “%s” được gia hạn đến %s.", title, tiendo.DeadlineText(deadline))
	// One extension to one deadline: a second extension has a later one,
	// and so keys of its own.
	at := deadline.UTC().Format("20060102T150405Z")
	var msgs []*Message
	for _, o := range units {
		what := fmt.Sprintf("Văn phòng đã gia hạn gửi báo cáo “%s”: hạn mới là %s (hạn trước đây: %s).", title, tiendo.DeadlineText(deadline), tiendo.DeadlineText(o.was))
		msgs = append(msgs, extensionNotices(roundID, o.unit, recipients[o.unit.ID], subject, what, fmt.Sprintf("extend:%d:%s:%d", roundID, at, o.unit.ID), reason)...)
	}
	return msgs, nil
}

// owingUnit is a unit of a round that still owes its report, with the
// deadline of its own the office gave it, if any.
type owingUnit struct {
	unit tiendo.Unit
	own  sql.NullTime
}

// owingUnits reads the units of round roundID that owe their report: those
// reminders chase (Outstanding), not sent yet or returned for revision and
// not sent again, whether or not a lock keeps them from reporting.
func (s *Store) owingUnits(ctx context.Context, db queryer, roundID int64) ([]owingUnit, error) {
	rows, err := db.QueryContext(ctx, s.q(`SELECT u.id, u.code, u.name, u.email, ru.extended_deadline
		FROM round_units ru JOIN units u ON u.id = ru.unit_id
		LEFT JOIN unit_reports ur ON ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id
		WHERE ru.round_id = ? AND COALESCE(ur.status, 'missing') IN (?, ?, ?, ?)
		ORDER BY u.id`), append([]any{roundID}, owingStatuses...)...)
	if err != nil {
		return nil, fmt.Errorf("store: owing units: %w", err)
	}
	defer rows.Close()
	var out []owingUnit
	for rows.Next() {
		var o owingUnit
		if err := rows.Scan(&o.unit.ID, &o.unit.Code, &o.unit.Name, &o.unit.Email, &o.own); err != nil {
			return nil, fmt.Errorf("store: owing units: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// lowerFirst puts a field's message after a colon in a sentence.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToLower(string(r)) + s[n:]
}
