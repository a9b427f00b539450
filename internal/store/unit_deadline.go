package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo"
)

// A unit's own deadline (gia hạn cho từng đơn vị). A unit calls and asks
// for two more days because its head is away; the office grants them to
// that unit only. The round keeps its deadline; round_units keeps the
// unit's own (extended_deadline), and the unit is held to the later of the
// two, its effective deadline. A later extension of the whole round
// (ExtendDeadline) therefore makes a unit's own irrelevant without touching
// it.
//
// The effective deadline reaches everything that judges or chases the
// unit through what it already reads:
//   - RoundForUnit (and so the report page, SaveReport and ActOnReport,
//     which read the round through it) gives the round as the unit takes
//     part in it, with Deadline the unit's: a report sent before it is on
//     time. See asUnit.
//   - Rounds gives a unit's user the unit's deadline in each round.
//   - Outstanding gives it to the reminders, which count "còn N ngày",
//     "hạn cuối hôm nay" and "quá hạn K ngày" from it.
//   - ReportingHistory gives it to the rates over rounds.
//
// A round the office locked after its deadline stops reports from the
// units it did not reopen; a unit whose own deadline has not passed is not
// stopped: the lock is for the units whose deadline has.

// UnitDeadline is where one unit of a round stands on its deadline.
type UnitDeadline struct {
	RoundID int64
	Unit    tiendo.Unit
	Status  tiendo.ReportStatus // of the unit's report: missing, draft, review, returned...
	// Deadline is the unit's effective deadline: the later of the round's
	// (RoundDeadline) and its own.
	Deadline      time.Time
	RoundDeadline time.Time
	// Own is the deadline the office gave the unit (zero when none), with
	// the reason it gave. It may be earlier than the round's, once the
	// whole round was extended past it: Extended says whether it counts.
	Own    time.Time
	Reason string
	// Given is when the office gave Own (ExtendUnitDeadline): it tells one
	// extension from another to the same deadline, for a withdrawal to
	// confirm (WithdrawUnitDeadlineAsConfirmed). Zero for an own deadline
	// given before the store kept it. Only CheckWithdrawUnitDeadline,
	// WithdrawUnitDeadline and ExtendUnitDeadline set it.
	Given time.Time
	// Notices and Emails are what ExtendUnitDeadline queued to tell the
	// unit: in-app notices to its active users, and e-mails to those of
	// them with an address and to the unit's own mailbox. Both are 0 when
	// the unit has no one to tell (no account, no address): the office
	// must then tell it some other way. Only ExtendUnitDeadline and
	// WithdrawUnitDeadline set them.
	Notices, Emails int
	// LockedOut says the round is locked and the office did not reopen it
	// for the unit: held to the round's deadline, the unit cannot report.
	// Only CheckWithdrawUnitDeadline and WithdrawUnitDeadline set it.
	LockedOut bool
}

// Extended reports whether the unit is held to a deadline of its own,
// later than the round's.
func (d UnitDeadline) Extended() bool { return d.Own.After(d.RoundDeadline) }

// unitDeadline is the deadline a unit is held to: the later of the round's
// and its own.
func unitDeadline(round time.Time, own sql.NullTime) time.Time {
	if own.Valid && own.Time.After(round) {
		return own.Time.In(tiendo.Zone)
	}
	return round.In(tiendo.Zone)
}

// asUnit turns r, a copy of a round's row, into the round as a unit whose
// own deadline is own sees it at now: Deadline is the unit's when its own
// is later (OriginalDeadline then says the deadline it was first given, the
// round's first one), and a round locked after its deadline reads as not
// locked while the unit's own has not passed: the lock stops the reports
// that are late, and this unit's is not yet.
func asUnit(r *tiendo.Round, own, now time.Time) {
	if own.IsZero() || !own.After(r.Deadline) {
		return
	}
	if r.OriginalDeadline.IsZero() {
		r.OriginalDeadline = r.Deadline
	}
	r.Deadline = own.In(tiendo.Zone)
	if !r.LockedAt.IsZero() && own.After(now) {
		r.LockedAt = time.Time{}
	}
}

// RoundAsUnit returns round r (as Round gives it) as unit unitID takes
// part in it, as RoundForUnit gives it: with the unit's own deadline when
// the office extended it for the unit, later than the round's, the
// deadline first given as OriginalDeadline, and a round locked after its
// deadline read as not locked while the unit's own has not passed (asUnit).
// It is what a unit's user reads of a whole round: the round page and the
// API's round, which must say what the unit's home and report page say. r
// is not changed: a round changed for the unit is a copy. A unit not asked
// in the round, or with no deadline of its own, gets r itself.
func (s *Store) RoundAsUnit(ctx context.Context, r *tiendo.Round, unitID int64) (*tiendo.Round, error) {
	var own sql.NullTime
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT extended_deadline FROM round_units WHERE round_id = ? AND unit_id = ?`), r.ID, unitID).Scan(&own)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !own.Valid) {
		return r, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: round as unit: %w", err)
	}
	c := *r
	asUnit(&c, own.Time, s.now())
	return &c, nil
}

// owingStatuses are the states of a report its unit still owes: nothing
// sent, or sent and returned for revision and not sent again. They are
// the reports a deadline still matters to (and those reminders chase).
var owingStatuses = []any{tiendo.ReportMissing, tiendo.ReportDraft, tiendo.ReportReview, tiendo.ReportReturned}

func owes(st tiendo.ReportStatus) bool {
	for _, s := range owingStatuses {
		if s == st {
			return true
		}
	}
	return false
}

// ExtendUnitDeadline gives unit unitID of open round roundID a deadline of
// its own (gia hạn cho một đơn vị), with an optional reason, and tells the
// unit, in the app and by e-mail, as ExtendDeadline tells the units of a
// round. Only the office (and the administrator) may. The unit must be
// asked in the round and still owe its report (not sent, or returned for
// revision); the new deadline must be later than the unit's effective
// deadline and than now. It returns the unit's deadline as it now stands,
// with how many notices and e-mails were queued to tell it (Notices, Emails).
//
// As with ExtendDeadline the extension is not retroactive: a report
// returned for revision keeps its first submission's timeliness. What was
// queued for the unit under its old deadline (a reminder counting days to
// or past it, a "đôn đốc", an earlier extension's notice) is expired in the
// same transaction; the reminders that follow count from the new deadline,
// under keys that name it (Outstanding.Extended), so none of the new
// schedule is mistaken for one the old schedule sent. In a round locked
// after its deadline the unit can report until its own deadline (asUnit).
//
// Audited as the round's "extend", like ExtendDeadline, with the unit: the
// round cache sees the change by the round's audit stamp.
func (s *Store) ExtendUnitDeadline(ctx context.Context, actor Actor, u *tiendo.User, roundID, unitID int64, deadline time.Time, reason string) (*UnitDeadline, error) {
	if !tiendo.Allowed(u, tiendo.ActionManageRounds, 0) {
		return nil, tiendo.Errorf(tiendo.EFORBIDDEN, "Chỉ Văn phòng được gia hạn gửi báo cáo.")
	}
	reason = strings.ReplaceAll(nfc(reason), "\r\n", "\n")
	e := &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được, vui lòng sửa các ô được đánh dấu.", Fields: map[string]string{}}
	if unitID == 0 {
		e.Fields["unit"] = "Vui lòng chọn đơn vị được gia hạn."
	}
	if deadline.IsZero() {
		e.Fields["deadline"] = "Vui lòng nhập hạn gửi mới của đơn vị, ví dụ 07/06/2026."
	} else if !tiendo.DeadlineInRange(deadline) {
		e.Fields["deadline"] = tiendo.DeadlineRangeMessage
	}
	if n := utf8.RuneCountInString(reason); n > maxExtendReason {
		e.Fields["reason"] = fmt.Sprintf("Lý do dài %d ký tự; hãy rút gọn còn tối đa %d ký tự.", n, maxExtendReason)
	}
	if len(e.Fields) > 0 {
		return nil, e
	}
	deadline = deadline.In(tiendo.Zone)
	lock := "" // as in ExtendDeadline: two extensions at once read one after the other
	if s.dialect == postgres {
		lock = " FOR NO KEY UPDATE"
	}
	var out *UnitDeadline
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var status tiendo.RoundStatus
		var title string
		var roundDeadline time.Time
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status, title, deadline FROM rounds WHERE id = ?`+lock), roundID).
			Scan(&status, &title, &roundDeadline); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		if status != tiendo.RoundOpen {
			return ErrNotOpen(status)
		}
		if s.dialect == postgres {
			if err := s.lockUnitReport(ctx, tx, roundID, unitID); err != nil {
				return err
			}
		}
		d := &UnitDeadline{RoundID: roundID}
		var own sql.NullTime
		err := tx.QueryRowContext(ctx, s.q(`SELECT u.id, u.code, u.name, u.short_name, u.email, ru.extended_deadline, COALESCE(ur.status, 'missing')
			FROM round_units ru JOIN units u ON u.id = ru.unit_id
			LEFT JOIN unit_reports ur ON ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id
			WHERE ru.round_id = ? AND ru.unit_id = ?`), roundID, unitID).
			Scan(&d.Unit.ID, &d.Unit.Code, &d.Unit.Name, &d.Unit.ShortName, &d.Unit.Email, &own, &d.Status)
		if errors.Is(err, sql.ErrNoRows) {
			msg := "Đơn vị này không được yêu cầu báo cáo trong đợt; hãy chọn một đơn vị trong danh sách."
			return &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được: " + lowerFirst(msg), Fields: map[string]string{"unit": msg}}
		} else if err != nil {
			return fmt.Errorf("store: extend unit deadline: %w", err)
		}
		if !owes(d.Status) {
			msg := fmt.Sprintf("%s đã gửi báo cáo nên không cần gia hạn; hãy chọn một đơn vị chưa gửi.", d.Unit.Name)
			return &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được: " + msg, Fields: map[string]string{"unit": msg}}
		}
		old := unitDeadline(roundDeadline, own)
		field := ""
		switch {
		case !deadline.After(old):
			field = fmt.Sprintf("Hạn mới phải sau hạn hiện tại của đơn vị (%s): hãy chọn một ngày muộn hơn.", tiendo.DeadlineText(old))
		case !deadline.After(s.now()):
			field = "Hạn mới đã qua: hãy chọn một ngày sau hôm nay."
		}
		if field != "" {
			return &tiendo.Error{Code: tiendo.EINVALID, Message: "Chưa gia hạn được: " + lowerFirst(field), Fields: map[string]string{"deadline": field}}
		}
		given := s.now()
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE round_units SET extended_deadline = ?, extension_reason = ?, extended_at = ? WHERE round_id = ? AND unit_id = ?`),
			deadline.UTC(), reason, given, roundID, unitID); err != nil {
			return fmt.Errorf("store: extend unit deadline: %w", err)
		}
		if _, err := s.updatePending(ctx, tx, `status = ?, last_error = ?`,
			[]any{MessageExpired, "Hạn gửi báo cáo của đơn vị đã được gia hạn; lời nhắc theo hạn cũ không còn đúng nên không gửi."},
			`round_id = ? AND unit_id = ? AND status = ? AND kind IN (?, ?, ?, ?, ?, ?)`,
			[]any{roundID, unitID, MessagePending,
				KindReminderBefore, KindReminderDue, KindReminderOverdue, KindAdhoc, KindDeadlineExtended, KindDeadlineWithdrawn}); err != nil {
			return fmt.Errorf("store: extend unit deadline: reminders: %w", err)
		}
		// The notice's key names the new deadline and the moment it was
		// given: once the office withdrew a unit's own deadline
		// (WithdrawUnitDeadline) it may give the same one again, and the
		// unit must be told again.
		//
		// The unit's own users only, by the users_unit index: not every
		// user of every unit, which nationally is thousands of rows read
		// while this transaction holds the round (and SQLite's writer).
		users, _, err := s.unitUsers(ctx, tx, d.Unit.ID)
		if err != nil {
			return err
		}
		subject := fmt.Sprintf("Hạn gửi báo cáo “%s” của %s được gia hạn đến %s.", title, d.Unit.Name, tiendo.DeadlineText(deadline))
		msgs := extensionNotices(roundID, d.Unit, users, subject,
			fmt.Sprintf("Văn phòng đã gia hạn gửi báo cáo “%s” cho %s: hạn mới của đơn vị là %s (hạn trước đây: %s).", title, d.Unit.Name, tiendo.DeadlineText(deadline), tiendo.DeadlineText(old)),
			fmt.Sprintf("extend-unit:%d:%d:%s@%s", roundID, d.Unit.ID, deadline.UTC().Format("20060102T150405Z"), s.now().UTC().Format(keyInstant)), reason)
		if _, err := s.enqueue(ctx, tx, msgs); err != nil {
			return err
		}
		for _, m := range msgs {
			if m.ID == 0 {
				continue // queued before (enqueue's dedupe): not told again
			}
			if m.Notify && m.UserID != 0 {
				d.Notices++ // the recipients are active users: each gets it
			}
			if m.Status == MessagePending {
				d.Emails++ // not skipped for want of an address
			}
		}
		d.Deadline, d.RoundDeadline, d.Own, d.Reason, d.Given = deadline, roundDeadline.In(tiendo.Zone), deadline, reason, given.In(tiendo.Zone)
		out = d
		return s.audit(ctx, tx, actor, "extend", "round", roundID,
			map[string]any{"deadline": old},
			map[string]any{"unit_id": unitID, "deadline": deadline, "reason": reason})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// lockUnitReport makes an extension for unit unitID of round roundID and
// the unit's submission (or any write of its report) happen one after the
// other on PostgreSQL, where the extension's check that the unit still
// owes its report would otherwise read the report as it was before a
// submission not yet committed: the unit would get a deadline of its own
// and a notice asking for a report it has just sent. SQLite has one
// writer (BEGIN IMMEDIATE), so there they cannot interleave.
//
// A report that exists is locked FOR SHARE: a submission's UPDATE waits
// for the extension to commit, and an extension that comes while a
// submission is under way waits for it and then reads the report as sent
// (PostgreSQL re-reads a row locked after a concurrent update). A unit
// that has no report has no row to lock, and locking its round_units row
// would not help: a submission that creates the report never touches it.
// What the INSERT of a unit_reports row does touch is the unit's units
// row, which its foreign key locks FOR KEY SHARE until it commits; only
// FOR UPDATE conflicts with that. So the unit's row is locked FOR UPDATE
// (briefly holding off rows that name the unit, while the extension
// commits) and the report is read again: it was created and committed
// meanwhile, or cannot be until the extension commits. Either way the
// check below reads the report as it stands when the extension commits.
// The locks are taken in the order a submission takes its own (the report
// row or the unit's key, then the outbox and the audit chain), so the two
// do not deadlock.
func (s *Store) lockUnitReport(ctx context.Context, tx *sql.Tx, roundID, unitID int64) error {
	const report = `SELECT id FROM unit_reports WHERE round_id = ? AND unit_id = ? FOR SHARE`
	var id int64
	err := tx.QueryRowContext(ctx, s.q(report), roundID, unitID).Scan(&id)
	if err == nil {
		return nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: extend unit deadline: lock report: %w", err)
	}
	err = tx.QueryRowContext(ctx, s.q(`SELECT id FROM units WHERE id = ? FOR UPDATE`), unitID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // no such unit: the extension is refused below
	} else if err != nil {
		return fmt.Errorf("store: extend unit deadline: lock unit: %w", err)
	}
	if err := tx.QueryRowContext(ctx, s.q(report), roundID, unitID).Scan(&id); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: extend unit deadline: lock report: %w", err)
	}
	return nil
}

// UnitDeadlines returns the units of round roundID held to a deadline of
// their own, later than the round's, keyed by unit: what the round page
// shows beside a unit ("gia hạn đến ..."). The caller has checked that the
// user may see the round.
func (s *Store) UnitDeadlines(ctx context.Context, roundID int64) (map[int64]UnitDeadline, error) {
	all, err := s.unitDeadlines(ctx, roundID, true)
	if err != nil {
		return nil, err
	}
	out := map[int64]UnitDeadline{}
	for _, d := range all {
		out[d.Unit.ID] = d
	}
	return out, nil
}

// OwingDeadlines returns the units of round roundID that still owe their
// report (not sent, or returned for revision and not sent again), in the
// Vietnamese order of their names, each with its deadline: the units the
// office may give a deadline of their own (ExtendUnitDeadline). A locked
// round's units are among them whether or not the office reopened them:
// an extension lets a unit report until its own deadline. The caller has
// checked that the user may see the round.
func (s *Store) OwingDeadlines(ctx context.Context, roundID int64) ([]UnitDeadline, error) {
	all, err := s.unitDeadlines(ctx, roundID, false)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, d := range all {
		if owes(d.Status) {
			out = append(out, d)
		}
	}
	sortVietnamese(out, func(d UnitDeadline) string { return d.Unit.Name })
	return out, nil
}

// unitDeadlines reads the deadline of each unit of round roundID, or only
// of those with a deadline of their own later than the round's.
func (s *Store) unitDeadlines(ctx context.Context, roundID int64, extendedOnly bool) ([]UnitDeadline, error) {
	cond := ""
	if extendedOnly {
		cond = " AND ru.extended_deadline > r.deadline"
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT u.id, u.code, u.name, u.short_name, u.email, r.deadline, ru.extended_deadline, ru.extension_reason,
		COALESCE(ur.status, 'missing')
		FROM round_units ru JOIN rounds r ON r.id = ru.round_id JOIN units u ON u.id = ru.unit_id
		LEFT JOIN unit_reports ur ON ur.round_id = ru.round_id AND ur.unit_id = ru.unit_id
		WHERE ru.round_id = ?`+cond+` ORDER BY u.id`), roundID)
	if err != nil {
		return nil, fmt.Errorf("store: unit deadlines: %w", err)
	}
	defer rows.Close()
	var out []UnitDeadline
	for rows.Next() {
		d := UnitDeadline{RoundID: roundID}
		var round time.Time
		var own sql.NullTime
		if err := rows.Scan(&d.Unit.ID, &d.Unit.Code, &d.Unit.Name, &d.Unit.ShortName, &d.Unit.Email, &round, &own, &d.Reason, &d.Status); err != nil {
			return nil, fmt.Errorf("store: unit deadlines: %w", err)
		}
		d.Deadline, d.RoundDeadline = unitDeadline(round, own), round.In(tiendo.Zone)
		if own.Valid {
			d.Own = own.Time.In(tiendo.Zone)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// extensionNotices builds the notice of an extension to every recipient
// of unit: in the app and by e-mail for its users, by e-mail to its own
// mailbox. subject is the notice's title and the e-mail's subject, what
// the e-mail's sentence saying what was extended; the reason, when there
// is one, is added to both. key, with the recipient, makes each one's dedupe key:
// one extension to one deadline is told once.
func extensionNotices(roundID int64, unit tiendo.Unit, users []Recipient, subject, what, key, reason string) []*Message {
	if reason != "" {
		subject += " Lý do: " + clip(reason, notificationReason)
	}
	why := ""
	if reason != "" {
		why = "\n\nLý do gia hạn: " + reason
	}
	var msgs []*Message
	for _, rc := range withMailbox(users, unit) {
		msgs = append(msgs, &Message{
			Kind:      KindDeadlineExtended,
			DedupeKey: key + ":" + rc.RecipientKey(),
			RoundID:   roundID,
			UnitID:    unit.ID,
			UserID:    rc.UserID,
			Email:     rc.Email,
			Subject:   subject,
			Body: fmt.Sprintf("Kính gửi: %s,\n\n%s%s\n\nĐề nghị %s hoàn thiện và gửi báo cáo trong hạn mới.",
				salutation(rc.Name), what, why, unit.Name),
			Link:   fmt.Sprintf("/rounds/%d/reports/%s", roundID, unit.Code),
			Notify: true,
		})
	}
	return msgs
}
