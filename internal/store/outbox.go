package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"tiendo"
)

// The outbox is the queue of e-mails to deliver. A message is a row: it is
// written in the transaction of the change it announces (a submission, a
// return) or by the reminder planner, then claimed under a lease by one
// delivery loop, sent, and marked. Because the queue is the database, a
// message survives a restart, and two app instances on one PostgreSQL never
// claim the same row.
//
// Delivery is exactly once as far as the database can make it: a row is
// claimed by one worker at a time, and a worker that dies between claim and
// send loses its lease, so the row is sent by another once the lease ends.
// The one gap no database closes is a crash after the SMTP server accepted a
// message and before it was marked sent: that message goes out again when
// its lease ends. Messages carry a Message-ID derived from their dedupe key,
// so a receiving system can recognise the repeat.

// Message kinds.
const (
	KindReminderBefore     = "reminder_before"      // N days before the last day to submit
	KindReminderDue        = "reminder_due"         // on the last day to submit
	KindReminderOverdue    = "reminder_overdue"     // daily after the deadline
	KindAdhoc              = "adhoc"                // the office's "đôn đốc" button
	KindReportSubmitted    = "report_submitted"     // to the office: a report arrived or was revised
	KindReportReturned     = "report_returned"      // to the unit: the office sent its report back
	KindReportHeadReturned = "report_head_returned" // to the unit: its head sent the draft back to the reporter
	KindReportForReview    = "report_for_review"    // to the unit's heads: a report waits for their approval
)

// Message statuses.
const (
	MessagePending   = "pending"   // waiting for its next attempt
	MessageSending   = "sending"   // claimed by a worker until ClaimedUntil
	MessageSent      = "sent"      // accepted by the SMTP server
	MessageFailed    = "failed"    // gave up after the last attempt; the admin can retry it
	MessageSkipped   = "skipped"   // nothing to send to: no e-mail address, or e-mail is off
	MessageCancelled = "cancelled" // the unit submitted before the reminder went out
	MessageExpired   = "expired"   // a reminder that was not sent while it still meant something
)

// MessageStatusLabel is the Vietnamese name of a message status, for the
// admin's queue page.
func MessageStatusLabel(status string) string {
	switch status {
	case MessagePending:
		return "Chờ gửi"
	case MessageSending:
		return "Đang gửi"
	case MessageSent:
		return "Đã gửi"
	case MessageFailed:
		return "Gửi không được"
	case MessageSkipped:
		return "Bỏ qua"
	case MessageCancelled:
		return "Đã hủy (đơn vị đã gửi báo cáo)"
	case MessageExpired:
		return "Hết hạn (không còn phù hợp để gửi)"
	}
	return status
}

// Message is one e-mail in the outbox, to one recipient.
type Message struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	DedupeKey string `json:"dedupe_key"`
	RoundID   int64  `json:"round_id,omitempty"`
	UnitID    int64  `json:"unit_id,omitempty"`
	UserID    int64  `json:"user_id,omitempty"` // 0: a unit's own mailbox
	Email     string `json:"email"`
	Subject   string `json:"subject"`
	Body      string `json:"body"`
	Link      string `json:"link"` // a path such as /rounds/3/reports/pnv

	Status        string    `json:"status"`
	Attempts      int       `json:"attempts"`
	NextAttemptAt time.Time `json:"next_attempt_at"`
	ExpiresAt     time.Time `json:"expires_at,omitzero"`
	ClaimedBy     string    `json:"claimed_by,omitempty"`
	ClaimedUntil  time.Time `json:"claimed_until,omitzero"`
	SentAt        time.Time `json:"sent_at,omitzero"`
	LastError     string    `json:"last_error,omitempty"`
	CreatedAt     time.Time `json:"created_at"`

	// Notify asks Enqueue to also write an in-app notification for UserID,
	// once, when the message is new. Not stored.
	Notify bool `json:"-"`
}

// RetryPolicy says when a message that failed is tried again: after Base,
// doubling each attempt up to Max, until MaxAttempts attempts have failed.
type RetryPolicy struct {
	MaxAttempts int
	Base, Max   time.Duration
}

// DefaultRetry retries for about sixteen hours: 1, 2, 4 ... minutes, at
// most four hours apart, twelve attempts in all. A longer SMTP outage leaves
// the message failed and visible to the admin, who can retry it.
var DefaultRetry = RetryPolicy{MaxAttempts: 12, Base: time.Minute, Max: 4 * time.Hour}

// Backoff is the wait after the given number of failed attempts (from 1).
func (p RetryPolicy) Backoff(attempts int) time.Duration {
	d := p.Base
	for i := 1; i < attempts && d < p.Max; i++ {
		d *= 2
	}
	return min(d, p.Max)
}

const messageColumns = `id, kind, dedupe_key, COALESCE(round_id, 0), COALESCE(unit_id, 0), COALESCE(user_id, 0), email, subject, body, link,
	status, attempts, next_attempt_at, expires_at, claimed_by, claimed_until, sent_at, last_error, created_at`

func scanMessage(row interface{ Scan(...any) error }) (*Message, error) {
	var m Message
	var expires, claimed, sent sql.NullTime
	if err := row.Scan(&m.ID, &m.Kind, &m.DedupeKey, &m.RoundID, &m.UnitID, &m.UserID, &m.Email, &m.Subject, &m.Body, &m.Link,
		&m.Status, &m.Attempts, &m.NextAttemptAt, &expires, &m.ClaimedBy, &claimed, &sent, &m.LastError, &m.CreatedAt); err != nil {
		return nil, err
	}
	m.ExpiresAt, m.ClaimedUntil, m.SentAt = expires.Time, claimed.Time, sent.Time
	return &m, nil
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// Enqueue adds messages to the outbox in one transaction. A message whose
// dedupe key is already there is left out, so planning the same reminder
// twice, or from two instances at once, queues it once. It returns how many
// were new; their IDs are set.
//
// One kind of row is queued again rather than left out: a scheduled
// reminder that a change of the unit's deadline expired before its time
// (requeue). It is the planner's to offer only when it is due again for the
// deadline the unit now has and the unit still owes its report, which
// happens when the change was undone: the office withdrew an own deadline
// it gave a unit by mistake (WithdrawUnitDeadline), or gave back the same
// one. The unit never had that reminder, and without it would never have
// today's. A reminder sent, cancelled by a submission, failed or skipped
// is never queued again, nor one that expired because its time passed.
func (s *Store) Enqueue(ctx context.Context, msgs ...*Message) (int, error) {
	// The planner offers every due reminder each minute, and nearly all were
	// queued before: find those on the read pool, so the writer (on SQLite,
	// the one connection every submission waits for) only sees new rows.
	fresh, again, err := s.unqueued(ctx, msgs)
	if err != nil || len(fresh)+len(again) == 0 {
		return 0, err
	}
	// Two PostgreSQL instances inserting the same keys wait on each other's
	// rows; taking them in one order keeps that from becoming a deadlock.
	byKey := func(a, b *Message) int { return strings.Compare(a.DedupeKey, b.DedupeKey) }
	slices.SortFunc(fresh, byKey)
	slices.SortFunc(again, byKey)
	var n int
	err = s.tx(ctx, func(tx *sql.Tx) error {
		fresh, err := s.stillOwed(ctx, tx, fresh)
		if err != nil {
			return err
		}
		if n, err = s.enqueue(ctx, tx, fresh); err != nil {
			return err
		}
		m, err := s.requeue(ctx, tx, again)
		n += m
		return err
	})
	return n, err
}

// scheduled are the kinds of message the reminder planner queues.
var scheduled = []any{KindReminderBefore, KindReminderDue, KindReminderOverdue}

// chasing are the kinds of message that ask a unit for its report: the
// planner's reminders and the office's "đôn đốc".
var chasing = append(slices.Clone(scheduled), KindAdhoc)

// sqlUnitHasSent holds for an outbox row whose unit has sent its report
// for the row's round: the report is in none of owingStatuses, the four
// arguments it takes.
const sqlUnitHasSent = `EXISTS (SELECT 1 FROM unit_reports ur
	WHERE ur.round_id = outbox.round_id AND ur.unit_id = outbox.unit_id AND ur.status NOT IN (?, ?, ?, ?))`

// stillOwed returns msgs without the reminders and chases (chasing) of
// units that no longer owe their report, read inside tx, the transaction
// that queues them. The planner and the "đôn đốc" button read who owes
// before their transaction: a unit whose submission committed in between
// would get a reminder for a report it has just sent, which its submission
// could not cancel, since it was not queued yet. On SQLite the one writer
// puts this read after any such submission or before it (and then the
// submission cancels what was queued). On PostgreSQL a submission can
// still commit between this read and the commit of the insert; the claim
// (ClaimMessages) cancels what such a unit was queued before it goes out.
// The IDs of the messages left out are 0.
func (s *Store) stillOwed(ctx context.Context, tx *sql.Tx, msgs []*Message) ([]*Message, error) {
	units := map[int64][]int64{}
	for _, m := range msgs {
		if m.RoundID != 0 && m.UnitID != 0 && slices.Contains(chasing, any(m.Kind)) {
			units[m.RoundID] = append(units[m.RoundID], m.UnitID)
		}
	}
	type key struct{ round, unit int64 }
	sent := map[key]bool{}
	for round, ids := range units {
		ids = slices.Compact(slices.Sorted(slices.Values(ids)))
		for chunk := range slices.Chunk(ids, 500) {
			args := append(append([]any{round}, anys(chunk)...), owingStatuses...)
			rows, err := tx.QueryContext(ctx, s.q(`SELECT unit_id FROM unit_reports WHERE round_id = ? AND unit_id IN (`+placeholders(len(chunk))+`)
				AND status NOT IN (?, ?, ?, ?)`), args...)
			var done []int64
			if err == nil {
				done, err = scanIDs(rows)
			}
			if err != nil {
				return nil, fmt.Errorf("store: enqueue: who still owes: %w", err)
			}
			for _, id := range done {
				sent[key{round, id}] = true
			}
		}
	}
	if len(sent) == 0 {
		return msgs, nil
	}
	out := msgs[:0:0]
	for _, m := range msgs {
		if slices.Contains(chasing, any(m.Kind)) && sent[key{m.RoundID, m.UnitID}] {
			m.ID = 0
			continue
		}
		out = append(out, m)
	}
	return out, nil
}

// unqueued returns the messages of msgs whose dedupe key is not in the
// outbox yet, and apart those whose key is a scheduled reminder expired
// before its time (Enqueue queues them again, see requeue).
func (s *Store) unqueued(ctx context.Context, msgs []*Message) (fresh, again []*Message, err error) {
	now := s.now()
	seen := map[string]bool{}
	expired := map[string]bool{}
	for chunk := range slices.Chunk(msgs, 500) {
		args := make([]any, len(chunk))
		for i, m := range chunk {
			args[i] = m.DedupeKey
		}
		rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT dedupe_key, kind, status, expires_at FROM outbox WHERE dedupe_key IN (?`+strings.Repeat(", ?", len(chunk)-1)+`)`), args...)
		if err != nil {
			return nil, nil, fmt.Errorf("store: enqueue: %w", err)
		}
		for rows.Next() {
			var k, kind, status string
			var expires sql.NullTime
			if err := rows.Scan(&k, &kind, &status, &expires); err != nil {
				rows.Close()
				return nil, nil, fmt.Errorf("store: enqueue: %w", err)
			}
			seen[k] = true
			if status == MessageExpired && slices.Contains(scheduled, any(kind)) && expires.Valid && expires.Time.After(now) {
				expired[k] = true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, fmt.Errorf("store: enqueue: %w", err)
		}
	}
	for _, m := range msgs {
		switch {
		case expired[m.DedupeKey] && slices.Contains(scheduled, any(m.Kind)):
			delete(expired, m.DedupeKey) // once within msgs
			again = append(again, m)
		case seen[m.DedupeKey]:
			m.ID = 0
		default:
			seen[m.DedupeKey] = true // and once within msgs
			fresh = append(fresh, m)
		}
	}
	return fresh, again, nil
}

// requeue queues again, inside tx, the scheduled reminders of msgs whose
// rows a change of deadline expired before their time (Enqueue), with
// their text as it is now. The row must still be expired with its time to
// come, and its unit must still owe its report: a submission committed
// since the planner read the units would have cancelled it. Its in-app
// notification is not written again: it was written when the row was first
// queued, and expiring the row took back only the e-mail. It returns how
// many rows were queued again; their IDs are set, and those left are 0.
func (s *Store) requeue(ctx context.Context, tx *sql.Tx, msgs []*Message) (int, error) {
	now := s.now()
	n := 0
	for _, m := range msgs {
		m.Subject, m.Body, m.Email = nfc(m.Subject), strings.TrimSpace(strings.ReplaceAll(nfc(m.Body), "\r\n", "\n")), strings.TrimSpace(m.Email)
		m.Status, m.Attempts, m.NextAttemptAt, m.LastError = MessagePending, 0, now, ""
		if m.Email == "" {
			m.Status, m.LastError = MessageSkipped, "Người nhận chưa có địa chỉ e-mail."
		}
		args := []any{m.Status, now, nullTime(m.ExpiresAt), m.LastError, m.Email, m.Subject, m.Body, m.Link,
			m.DedupeKey, MessageExpired, now}
		args = append(append(args, scheduled...), owingStatuses...)
		err := tx.QueryRowContext(ctx, s.q(`UPDATE outbox SET status = ?, attempts = 0, next_attempt_at = ?, expires_at = ?, last_error = ?,
			email = ?, subject = ?, body = ?, link = ?, claimed_by = '', claimed_until = NULL
			WHERE dedupe_key = ? AND status = ? AND expires_at > ? AND kind IN (?, ?, ?)
			AND NOT EXISTS (SELECT 1 FROM unit_reports ur WHERE ur.round_id = outbox.round_id AND ur.unit_id = outbox.unit_id
				AND ur.status NOT IN (?, ?, ?, ?))
			RETURNING id, created_at`), args...).Scan(&m.ID, &m.CreatedAt)
		if errors.Is(err, sql.ErrNoRows) {
			m.ID = 0 // changed since it was read: left as it is
			continue
		}
		if err != nil {
			return n, fmt.Errorf("store: enqueue again %s: %w", m.DedupeKey, err)
		}
		n++
	}
	return n, nil
}

// Nudge is what EnqueueNudge did.
type Nudge struct {
	// Queued is how many of the messages were new.
	Queued int
	// Recent are the units whose messages were left out because they had
	// been chased within the interval, with when they were last chased.
	Recent map[int64]time.Time
	// Sent are the units whose messages were left out because their
	// report was sent after the caller read who owes (stillOwed).
	Sent []int64
}

// EnqueueNudge queues the office's ad-hoc "đôn đốc" for round roundID and
// records it in the audit log, in one transaction. A unit that was chased
// less than within ago (a KindAdhoc row of the round queued for it, sent,
// waiting or failed, but not one expired, nor one to the unit's mailbox
// cancelled by its submission; counted from the
// start of the minute it was queued in, see nudgedSince) is not chased
// again: its messages are left out and the result says when it was. The caller has checked that the actor may
// do it.
//
// The outbox rows are the record, so the rule holds across app instances
// sharing one database. The check and the insert are one transaction, and
// on PostgreSQL the round's row is locked first, so that two clicks at once
// on two instances run one after the other: the second reads the first's
// rows and sends nothing. SQLite's single writer already runs them in turn.
// A dedupe key holding a time bucket would need no lock, but two clicks a
// minute apart across a bucket's edge would both send.
func (s *Store) EnqueueNudge(ctx context.Context, actor Actor, roundID int64, msgs []*Message, within time.Duration) (Nudge, error) {
	lock := ""
	if s.dialect == postgres {
		lock = " FOR NO KEY UPDATE" // not FOR UPDATE: see ExtendDeadline
	}
	var res Nudge
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res = Nudge{Recent: map[int64]time.Time{}}
		var id int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM rounds WHERE id = ?`+lock), roundID).Scan(&id); err != nil {
			return notFound(err, "Không tìm thấy đợt báo cáo.")
		}
		recent, err := s.nudgedSince(ctx, tx, roundID, s.now().Add(-within))
		if err != nil {
			return err
		}
		var fresh []*Message
		for _, m := range msgs {
			if at, ok := recent[m.UnitID]; ok {
				m.ID = 0
				res.Recent[m.UnitID] = at
				continue
			}
			fresh = append(fresh, m)
		}
		owing, err := s.stillOwed(ctx, tx, fresh)
		if err != nil {
			return err
		}
		kept := make(map[*Message]bool, len(owing))
		for _, m := range owing {
			kept[m] = true
		}
		for _, m := range fresh {
			if !kept[m] && !slices.Contains(res.Sent, m.UnitID) {
				res.Sent = append(res.Sent, m.UnitID)
			}
		}
		fresh = owing
		if res.Queued, err = s.enqueue(ctx, tx, fresh); err != nil {
			return err
		}
		if res.Queued == 0 {
			return nil // nothing was sent: nothing to log
		}
		units := map[int64]bool{}
		var ids []int64
		for _, m := range fresh {
			if !units[m.UnitID] {
				units[m.UnitID] = true
				ids = append(ids, m.UnitID)
			}
		}
		return s.audit(ctx, tx, actor, "remind", "round", roundID, nil, map[string]any{"unit_ids": nonNil(ids), "messages": res.Queued})
	})
	return res, err
}

// nudgedSince returns the units of round roundID chased (a KindAdhoc row
// queued) since the given time, each with its latest chase.
//
// A chase counts from the start of its minute, the time the pages write
// ("lúc 14:31"): at 15:31:00 one at 14:31:40 is an hour old, so a unit
// chased "lúc 14:31" may be chased again from 15:31, as the page says.
// Counted to the second, no minute the page could write was right: "từ
// 15:31" was 40 seconds early, "từ 15:32" read as a minute late.
func (s *Store) nudgedSince(ctx context.Context, db queryer, roundID int64, since time.Time) (map[int64]time.Time, error) {
	// Its minute is after since's exactly when the chase is at or after
	// the next minute. (Truncate counts from an instant: its minutes are
	// those of every zone, the issuers' included.)
	from := since.UTC().Truncate(time.Minute).Add(time.Minute)
	// A chase an extension expired before it went (ExtendDeadline) did not
	// reach the unit, and does not count. Nor does one to the unit's own
	// mailbox cancelled because the unit sent its report first: a report
	// returned for revision soon after may be chased at once. One to a
	// person counts even so: its in-app notification was written when it
	// was queued (enqueue), and a cancel leaves it.
	rows, err := db.QueryContext(ctx, s.q(`SELECT unit_id, created_at FROM outbox
		WHERE round_id = ? AND kind = ? AND created_at >= ? AND unit_id IS NOT NULL AND status <> ?
		AND NOT (status = ? AND user_id IS NULL)`),
		roundID, KindAdhoc, from, MessageExpired, MessageCancelled)
	if err != nil {
		return nil, fmt.Errorf("store: nudged units: %w", err)
	}
	defer rows.Close()
	out := map[int64]time.Time{}
	for rows.Next() {
		var unit int64
		var at time.Time
		if err := rows.Scan(&unit, &at); err != nil {
			return nil, fmt.Errorf("store: nudged units: %w", err)
		}
		if at.After(out[unit]) {
			out[unit] = at
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: nudged units: %w", err)
	}
	return out, nil
}

// NudgedSince returns the units of round roundID that the office's "đôn
// đốc" reached since the given time, each with its latest chase: the units
// EnqueueNudge would leave alone now, for the round page's button to count
// before anyone presses it. One query, whatever the round's size.
func (s *Store) NudgedSince(ctx context.Context, roundID int64, since time.Time) (map[int64]time.Time, error) {
	// As the store writes times: SQLite compares them as text.
	return s.nudgedSince(ctx, s.rdb, roundID, since.UTC().Truncate(time.Microsecond))
}

// LastNudge is when the office last chased units of round roundID with
// "đôn đốc"; the zero time if it never did.
func (s *Store) LastNudge(ctx context.Context, roundID int64) (time.Time, error) {
	var at time.Time
	err := s.rdb.QueryRowContext(ctx, s.q(`SELECT created_at FROM outbox WHERE round_id = ? AND kind = ?
		ORDER BY created_at DESC LIMIT 1`), roundID, KindAdhoc).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("store: last nudge: %w", err)
	}
	return at, nil
}

// enqueue inserts msgs inside tx, skipping duplicates, and writes the
// in-app notification of each new message that asks for one. Both happen in
// the caller's transaction, so a state change and its messages stand or fall
// together.
func (s *Store) enqueue(ctx context.Context, tx *sql.Tx, msgs []*Message) (int, error) {
	now := s.now()
	n := 0
	for _, m := range msgs {
		if m.DedupeKey == "" || m.Kind == "" {
			return n, fmt.Errorf("store: enqueue: message without kind or dedupe key")
		}
		m.Subject, m.Body, m.Email = nfc(m.Subject), strings.TrimSpace(strings.ReplaceAll(nfc(m.Body), "\r\n", "\n")), strings.TrimSpace(m.Email)
		m.Status, m.Attempts, m.CreatedAt = MessagePending, 0, now
		if m.NextAttemptAt.IsZero() || m.NextAttemptAt.Before(now) {
			m.NextAttemptAt = now
		}
		m.NextAttemptAt = m.NextAttemptAt.UTC().Truncate(time.Microsecond)
		if m.Email == "" {
			m.Status, m.LastError = MessageSkipped, "Người nhận chưa có địa chỉ e-mail."
		}
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO outbox (kind, dedupe_key, round_id, unit_id, user_id, email, subject, body, link,
			status, attempts, next_attempt_at, expires_at, last_error, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
			ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`),
			m.Kind, m.DedupeKey, nullID(m.RoundID), nullID(m.UnitID), nullID(m.UserID), m.Email, m.Subject, m.Body, m.Link,
			m.Status, m.NextAttemptAt, nullTime(m.ExpiresAt), m.LastError, now).Scan(&m.ID)
		if errors.Is(err, sql.ErrNoRows) {
			m.ID = 0 // queued before: nothing to do, and no second notification
			continue
		}
		if err != nil {
			return n, fmt.Errorf("store: enqueue %s: %w", m.DedupeKey, err)
		}
		n++
		if m.Notify && m.UserID != 0 {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO notifications (user_id, created_at, kind, title, link)
				SELECT id, ?, ?, ?, ? FROM users WHERE id = ? AND NOT disabled`), now, m.Kind, m.Subject, m.Link, m.UserID); err != nil {
				return n, fmt.Errorf("store: enqueue: notify: %w", err)
			}
		}
	}
	return n, nil
}

// skipLocked is what a claiming SELECT needs so that two PostgreSQL
// instances claiming at once take different rows instead of waiting for
// each other. SQLite has one writer connection, so a claim there is already
// alone and the clause does not exist.
func (s *Store) skipLocked() string {
	if s.dialect == postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// ClaimMessages takes up to limit messages that are due for an attempt and
// leases them to worker until now+lease: no other worker will take them
// meanwhile. Each claim counts as an attempt, so a message that crashes its
// sender every time still ends as failed. Reminders past their expiry are
// marked expired instead of being claimed.
func (s *Store) ClaimMessages(ctx context.Context, worker string, limit int, lease time.Duration) ([]*Message, error) {
	expire, claim := s.claimStatements(s.now(), worker, limit, lease)
	var out []*Message
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, expire.query, expire.args...); err != nil {
			return fmt.Errorf("store: expire messages, cancel reminders of sent reports: %w", err)
		}
		rows, err := tx.QueryContext(ctx, claim.query, claim.args...)
		if err != nil {
			return fmt.Errorf("store: claim messages: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanMessage(rows)
			if err != nil {
				return fmt.Errorf("store: claim messages: %w", err)
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	// RETURNING keeps no order; deliver the oldest first.
	sortMessages(out)
	return out, nil
}

// statement is an SQL statement, rebound for the store's dialect, and its
// arguments.
type statement struct {
	query string
	args  []any
}

// claimStatements returns the two statements of a claim at now
// (ClaimMessages), for it and for the benchmark that reads their plans.
func (s *Store) claimStatements(now time.Time, worker string, limit int, lease time.Duration) (expire, claim statement) {
	// Messages past their expiry are expired. A reminder or chase
	// queued for a unit whose submission committed while it was being
	// queued (see stillOwed) is not sent: it is cancelled once due, and
	// left out of the claim below, whose one statement reads the outbox
	// and the reports as of one moment (on PostgreSQL the queue's
	// commit can fall between two statements). Both in one statement
	// that locks its rows in id order (updatePending), as the changes
	// of deadline and the submissions do: the expiry, reading the rows
	// by time to send, deadlocked with an extension of the round
	// reading them by unit; and in two statements the mailer would
	// hold the first's rows while it waited for the second's.
	//
	// The statement looks only at the rows past their expiry and at the
	// first limit rows due, those the claim reaches first: testing every
	// row due for a unit's report cost a claim tens of milliseconds once
	// a national round's reminders were queued (BenchmarkClaimMessages),
	// and a cancelled reminder further back is cancelled when its turn
	// comes, the claim leaving it out meanwhile. Both are read through
	// the partial indexes of the pending rows (outbox_pending_expiry,
	// outbox_pending), which need the status written as a constant.
	const pending = `status = '` + MessagePending + `'`
	const expired = `expires_at IS NOT NULL AND expires_at <= ?`
	const why = "Không gửi được trước khi lời nhắc hết ý nghĩa; đã bỏ."
	where := append(append([]any{now, now, limit, now, now}, chasing...), owingStatuses...)
	expire = s.pendingStatement(
		`status = CASE WHEN `+expired+` THEN ? ELSE ? END, last_error = CASE WHEN `+expired+` THEN ? ELSE ? END`,
		[]any{now, MessageExpired, MessageCancelled, now, why, cancelledSent},
		`id IN (SELECT id FROM outbox WHERE `+pending+` AND expires_at <= ?
			UNION ALL SELECT id FROM (SELECT id FROM outbox WHERE `+pending+` AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?) due)
		AND `+pending+` AND (`+expired+` OR (next_attempt_at <= ? AND kind IN (?, ?, ?, ?) AND `+sqlUnitHasSent+`))`, where)
	// The rows to claim are chosen once, in a materialized CTE: a LIMIT
	// in an IN (...) subquery may be evaluated more than once by
	// PostgreSQL and claim more rows than asked. The outer status test
	// is a second guard: PostgreSQL re-checks a row another claim has
	// just changed against its committed, no longer pending, state.
	claim.args = append(append(append([]any{now}, chasing...), owingStatuses...), limit, MessageSending, worker, now.Add(lease), MessagePending)
	claim.query = s.q(`WITH c AS MATERIALIZED (SELECT id FROM outbox WHERE ` + pending + ` AND next_attempt_at <= ?
			AND NOT (kind IN (?, ?, ?, ?) AND ` + sqlUnitHasSent + `)
			ORDER BY next_attempt_at, id LIMIT ?` + s.skipLocked() + `)
		UPDATE outbox SET status = ?, claimed_by = ?, claimed_until = ?, attempts = attempts + 1
		WHERE id IN (SELECT id FROM c) AND status = ?
		RETURNING ` + messageColumns)
	return expire, claim
}

func sortMessages(ms []*Message) {
	slices.SortFunc(ms, func(a, b *Message) int {
		if c := a.NextAttemptAt.Compare(b.NextAttemptAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// ReclaimExpired returns to the queue the messages whose lease ended while
// they were being sent: their worker crashed or lost the database between
// claim and mark. They are tried again at once, or marked failed when that
// was their last attempt. It returns how many it reclaimed.
func (s *Store) ReclaimExpired(ctx context.Context, p RetryPolicy) (int, error) {
	now := s.now()
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		const why = "Lần gửi trước bị gián đoạn (máy chủ ứng dụng dừng giữa chừng); sẽ gửi lại."
		res, err := tx.ExecContext(ctx, s.q(`UPDATE outbox SET status = ?, next_attempt_at = ?, claimed_by = '', claimed_until = NULL, last_error = ?
			WHERE status = ? AND claimed_until <= ? AND attempts < ?`), MessagePending, now, why, MessageSending, now, p.MaxAttempts)
		if err != nil {
			return fmt.Errorf("store: reclaim messages: %w", err)
		}
		n, _ = res.RowsAffected()
		res, err = tx.ExecContext(ctx, s.q(`UPDATE outbox SET status = ?, claimed_by = '', claimed_until = NULL, last_error = ?
			WHERE status = ? AND claimed_until <= ?`), MessageFailed, "Lần gửi cuối bị gián đoạn; đã hết số lần thử.", MessageSending, now)
		if err != nil {
			return fmt.Errorf("store: reclaim messages: %w", err)
		}
		m, _ := res.RowsAffected()
		n += m
		return nil
	})
	return int(n), err
}

// MarkSent records that the SMTP server accepted message id.
func (s *Store) MarkSent(ctx context.Context, id int64) error {
	if err := s.execWrite(ctx, s.q(`UPDATE outbox SET status = ?, sent_at = ?, claimed_by = '', claimed_until = NULL, last_error = ''
		WHERE id = ? AND status <> ?`), MessageSent, s.now(), id, MessageSent); err != nil {
		return fmt.Errorf("store: mark sent: %w", err)
	}
	return nil
}

// MarkSkipped records that message id was not sent, and why.
func (s *Store) MarkSkipped(ctx context.Context, id int64, why string) error {
	if err := s.execWrite(ctx, s.q(`UPDATE outbox SET status = ?, claimed_by = '', claimed_until = NULL, last_error = ?
		WHERE id = ? AND status = ?`), MessageSkipped, why, id, MessageSending); err != nil {
		return fmt.Errorf("store: mark skipped: %w", err)
	}
	return nil
}

// MarkFailed records that an attempt to send m failed with cause. The
// message goes back to the queue after p's backoff, or is marked failed when
// it has had p.MaxAttempts attempts or permanent says retrying cannot help
// (a malformed address). Only m's current claimant may mark it.
func (s *Store) MarkFailed(ctx context.Context, m *Message, cause error, permanent bool, p RetryPolicy) error {
	now := s.now()
	status, next := MessagePending, now.Add(p.Backoff(m.Attempts))
	if permanent || m.Attempts >= p.MaxAttempts {
		status, next = MessageFailed, now
	}
	why := "lỗi không rõ"
	if cause != nil {
		why = cause.Error()
	}
	if len(why) > 1000 {
		why = why[:1000]
	}
	why = strings.ToValidUTF8(why, "") // the cut may split a character
	if err := s.execWrite(ctx, s.q(`UPDATE outbox SET status = ?, next_attempt_at = ?, claimed_by = '', claimed_until = NULL, last_error = ?
		WHERE id = ? AND status = ? AND claimed_by = ?`), status, next, why, m.ID, MessageSending, m.ClaimedBy); err != nil {
		return fmt.Errorf("store: mark failed: %w", err)
	}
	m.Status, m.NextAttemptAt, m.LastError = status, next, why
	return nil
}

// RetryMessage puts a failed, skipped or expired message back in the queue
// with a fresh count of attempts, at the admin's request.
func (s *Store) RetryMessage(ctx context.Context, actor Actor, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var status, email string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT status, email FROM outbox WHERE id = ?`), id).Scan(&status, &email); err != nil {
			return notFound(err, "Không tìm thấy thư trong hàng đợi.")
		}
		if status != MessageFailed && status != MessageSkipped && status != MessageExpired {
			return tiendo.Errorf(tiendo.ECONFLICT, "Thư đang ở trạng thái “%s”; chỉ gửi lại được thư gửi không được, bị bỏ qua hoặc hết hạn.", MessageStatusLabel(status))
		}
		if email == "" {
			return tiendo.Errorf(tiendo.EINVALID, "Thư này không có địa chỉ người nhận. Hãy bổ sung e-mail cho người dùng; các lời nhắc sau sẽ được gửi tới địa chỉ đó.")
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE outbox SET status = ?, attempts = 0, next_attempt_at = ?, expires_at = NULL, last_error = '' WHERE id = ?`),
			MessagePending, s.now(), id); err != nil {
			return fmt.Errorf("store: retry message: %w", err)
		}
		return s.audit(ctx, tx, actor, "retry", "outbox", id, map[string]any{"status": status}, map[string]any{"status": MessagePending})
	})
}

// cancelledSent is why a reminder or chase was cancelled.
const cancelledSent = "Đơn vị đã gửi báo cáo trước khi thư được gửi."

// cancelReminders cancels the reminders still waiting for unit unitID in
// round roundID: it has just submitted, and a reminder arriving after that
// would be wrong.
func (s *Store) cancelReminders(ctx context.Context, tx *sql.Tx, roundID, unitID int64) error {
	if _, err := s.updatePending(ctx, tx, `status = ?, last_error = ?`, []any{MessageCancelled, cancelledSent},
		`round_id = ? AND unit_id = ? AND status = ? AND kind IN (?, ?, ?, ?, ?, ?)`,
		[]any{roundID, unitID, MessagePending,
			KindReminderBefore, KindReminderDue, KindReminderOverdue, KindAdhoc, KindDeadlineExtended, KindDeadlineWithdrawn}); err != nil {
		return fmt.Errorf("store: cancel reminders: %w", err)
	}
	return nil
}

// updatePending sets set (with setArgs) on the outbox rows where (with
// whereArgs) finds, in tx, locking them first in the order of their ids
// (on PostgreSQL). Rows waiting to be sent are changed in several rows at
// once by the mailer (by status and time, through outbox_ready), by the
// office's changes of deadline (by round, through outbox_round_unit) and
// by a unit's submission (by round and unit): an UPDATE locks its rows in
// the order of the index it reads, and two reading different indexes
// could each hold a row the other waits for (a deadlock, 40P01). Locked in
// one order, the second waits for the first instead. SQLite's single
// writer runs them one at a time.
func (s *Store) updatePending(ctx context.Context, tx *sql.Tx, set string, setArgs []any, where string, whereArgs []any) (sql.Result, error) {
	st := s.pendingStatement(set, setArgs, where, whereArgs)
	return tx.ExecContext(ctx, st.query, st.args...)
}

// pendingStatement is updatePending's statement.
func (s *Store) pendingStatement(set string, setArgs []any, where string, whereArgs []any) statement {
	lock := ""
	if s.dialect == postgres {
		lock = " FOR NO KEY UPDATE" // what the UPDATE takes: see ExtendDeadline
	}
	return statement{s.q(`WITH c AS MATERIALIZED (SELECT id FROM outbox WHERE ` + where + ` ORDER BY id` + lock + `)
		UPDATE outbox SET ` + set + ` WHERE id IN (SELECT id FROM c)`), append(slices.Clone(whereArgs), setArgs...)}
}

// OutboxFilter narrows the admin's view of the queue.
type OutboxFilter struct {
	Statuses []string // empty: every status
	RoundID  int64    // 0: every round
	Limit    int      // 0: 200
}

// Outbox lists queued messages for the admin: those that failed first,
// then those waiting or being sent, then the rest (skipped, expired, sent,
// cancelled), each group newest first by when it was queued. The order is
// by time, not id, on both stores: ids follow insertion, which a planner
// queueing ahead or an import need not do in time order.
func (s *Store) Outbox(ctx context.Context, f OutboxFilter) ([]*Message, error) {
	where, args := []string{"1 = 1"}, []any{}
	if len(f.Statuses) > 0 {
		where = append(where, "status IN (?"+strings.Repeat(", ?", len(f.Statuses)-1)+")")
		for _, st := range f.Statuses {
			args = append(args, st)
		}
	}
	if f.RoundID != 0 {
		where = append(where, "round_id = ?")
		args = append(args, f.RoundID)
	}
	if f.Limit <= 0 {
		f.Limit = 200
	}
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT `+messageColumns+` FROM outbox WHERE `+strings.Join(where, " AND ")+`
		ORDER BY CASE status WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 1 ELSE 2 END, created_at DESC, id DESC LIMIT ?`),
		append(args, MessageFailed, MessagePending, MessageSending, f.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	out := []*Message{}
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// OutboxCounts returns how many messages are in each status, for metrics
// and the admin's summary.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT status, COUNT(*) FROM outbox GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("store: outbox counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// Recipient is someone a unit's reminders go to: an active user of the
// unit, or the unit's own mailbox (UserID 0).
type Recipient struct {
	UserID int64
	Name   string
	Email  string
}

// Outstanding is a unit that still owes its report in an open round, with
// whom to remind.
type Outstanding struct {
	RoundID     int64
	RoundTitle  string
	Deadline    time.Time // in tiendo.Zone
	PublishedAt time.Time // when units first heard of the round
	Unit        tiendo.Unit
	Status      tiendo.ReportStatus // missing, draft, review or returned
	Recipients  []Recipient
	// Extended: the office extended the deadline, the round's
	// (rounds.original_deadline is set) or the unit's own
	// (round_units.extended_deadline is set), so the reminders of different
	// deadlines must not share keys.
	Extended bool
}

// Outstanding returns every unit that has not submitted its report in an
// open round (only round roundID when it is not 0), each with its deadline:
// the unit's own when the office extended it for the unit
// (ExtendUnitDeadline). A round the office has locked after its deadline
// counts only for the units it reopened and those whose own deadline has
// not passed: the others can no longer submit, so chasing them is noise.
func (s *Store) Outstanding(ctx context.Context, roundID int64) ([]*Outstanding, error) {
	rows, err := s.rdb.QueryContext(ctx, s.q(`SELECT r.id, r.title, r.deadline, r.published_at, r.created_at,
		u.id, u.code, u.name, u.short_name, u.email, COALESCE(ur.status, 'missing'),
		CASE WHEN r.original_deadline IS NULL AND ru.extended_deadline IS NULL THEN 0 ELSE 1 END, u.retired_at, ru.extended_deadline
		FROM rounds r JOIN round_units ru ON ru.round_id = r.id JOIN units u ON u.id = ru.unit_id
		LEFT JOIN unit_reports ur ON ur.round_id = r.id AND ur.unit_id = ru.unit_id
		WHERE r.status = ? AND (r.locked_at IS NULL OR ru.reopened OR (ru.extended_deadline > r.deadline AND ru.extended_deadline > ?))
		AND (? = 0 OR r.id = ?)
		AND COALESCE(ur.status, 'missing') IN (?, ?, ?, ?)
		ORDER BY r.id, u.id`), tiendo.RoundOpen, s.now(), roundID, roundID,
		tiendo.ReportMissing, tiendo.ReportDraft, tiendo.ReportReview, tiendo.ReportReturned)
	if err != nil {
		return nil, fmt.Errorf("store: outstanding: %w", err)
	}
	var out []*Outstanding
	byUnit := map[int64][]*Outstanding{}
	for rows.Next() {
		o := &Outstanding{}
		// SQLite would return COALESCE(published_at, created_at) as text:
		// a function's result has no column type to convert it back by.
		var published sql.NullTime
		var created time.Time
		var extended int
		var retired, own sql.NullTime
		if err := rows.Scan(&o.RoundID, &o.RoundTitle, &o.Deadline, &published, &created,
			&o.Unit.ID, &o.Unit.Code, &o.Unit.Name, &o.Unit.ShortName, &o.Unit.Email, &o.Status, &extended, &retired, &own); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: outstanding: %w", err)
		}
		o.Deadline, o.PublishedAt, o.Extended = unitDeadline(o.Deadline, own), created, extended == 1
		if published.Valid {
			o.PublishedAt = published.Time
		}
		// A retired unit still owes the rounds published before the day
		// it stopped, until they end (its staff or its successor answer
		// for the work it was given); a round published from that day on
		// (a draft made before, a successor copied from an old round) does
		// not chase it.
		if retired.Valid && !o.PublishedAt.Before(retired.Time) {
			continue
		}
		out = append(out, o)
		byUnit[o.Unit.ID] = append(byUnit[o.Unit.ID], o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: outstanding: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	recipients, err := s.unitRecipients(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	for id, os := range byUnit {
		for _, o := range os {
			o.Recipients = withMailbox(recipients[id], o.Unit)
		}
	}
	return out, nil
}

// unitRecipients returns the active users of every unit, keyed by unit.
func (s *Store) unitRecipients(ctx context.Context, db queryer) (map[int64][]Recipient, error) {
	rows, err := db.QueryContext(ctx, `SELECT unit_id, id, full_name, email FROM users WHERE unit_id IS NOT NULL AND NOT disabled ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: recipients: %w", err)
	}
	defer rows.Close()
	out := map[int64][]Recipient{}
	for rows.Next() {
		var unit int64
		var r Recipient
		if err := rows.Scan(&unit, &r.UserID, &r.Name, &r.Email); err != nil {
			return nil, fmt.Errorf("store: recipients: %w", err)
		}
		out[unit] = append(out[unit], r)
	}
	return out, rows.Err()
}

// unitUsers returns the active users of unit unitID in id order, and
// which of them are its heads.
func (s *Store) unitUsers(ctx context.Context, tx *sql.Tx, unitID int64) ([]Recipient, map[int64]bool, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT id, full_name, email, role FROM users WHERE unit_id = ? AND NOT disabled ORDER BY id`), unitID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: recipients: %w", err)
	}
	defer rows.Close()
	var users []Recipient
	heads := map[int64]bool{}
	for rows.Next() {
		var r Recipient
		var role tiendo.Role
		if err := rows.Scan(&r.UserID, &r.Name, &r.Email, &role); err != nil {
			return nil, nil, fmt.Errorf("store: recipients: %w", err)
		}
		users = append(users, r)
		heads[r.UserID] = role == tiendo.RoleUnitHead
	}
	return users, heads, rows.Err()
}

// withMailbox adds the unit's own mailbox to its users, unless one of them
// already uses that address: agencies often work from one shared mailbox.
func withMailbox(users []Recipient, u tiendo.Unit) []Recipient {
	out := append([]Recipient(nil), users...)
	if u.Email == "" {
		return out
	}
	for _, r := range users {
		if strings.EqualFold(r.Email, u.Email) {
			return out
		}
	}
	return append(out, Recipient{Name: u.Name, Email: u.Email})
}

// RecipientKey names r in a dedupe key: "u12" for a user, "unit" for the
// unit's mailbox.
func (r Recipient) RecipientKey() string {
	if r.UserID == 0 {
		return "unit"
	}
	return fmt.Sprintf("u%d", r.UserID)
}

// queueReportMail queues the e-mails that go with a step in a unit report's
// life: to the office when a report arrives, to the unit when it comes back,
// whether the office or the unit's own head sent it back. A submission also
// cancels the reminders still waiting for the unit. It runs inside the
// step's transaction (see announce), with rep as that transaction writes it.
func (s *Store) queueReportMail(ctx context.Context, tx *sql.Tx, r *tiendo.Round, rep *tiendo.UnitReport, unitName, link string, a tiendo.ReportAction, before tiendo.ReportStatus) error {
	if a != tiendo.ReportSubmit && a != tiendo.ReportReturn && a != tiendo.ReportHeadReturn && a != tiendo.ReportSendForReview {
		return nil
	}
	unitID, version, late, comment := rep.UnitID, rep.Version, rep.Late, rep.ReturnComment
	at := s.now().In(tiendo.Zone).Format("15:04 ngày 02/01/2006")
	var msgs []*Message
	key := fmt.Sprintf("report:%d:%d:%s:v%d", r.ID, unitID, a, version)
	if a == tiendo.ReportSendForReview {
		// To the unit's heads, who approve before it goes to the office.
		users, heads, err := s.unitUsers(ctx, tx, unitID)
		if err != nil {
			return err
		}
		for _, rc := range users {
			if !heads[rc.UserID] {
				continue
			}
			msgs = append(msgs, &Message{
				Kind: KindReportForReview, DedupeKey: key + ":" + rc.RecipientKey(), RoundID: r.ID, UnitID: unitID, UserID: rc.UserID, Email: rc.Email,
				Subject: fmt.Sprintf("Báo cáo của %s chờ lãnh đạo đơn vị duyệt: %s", unitName, r.Title),
				Body: fmt.Sprintf("Kính gửi: %s,\n\nCán bộ %s đã trình báo cáo “%s” lúc %s để lãnh đạo đơn vị duyệt trước khi gửi Văn phòng.\n\nĐề nghị duyệt và gửi báo cáo, hoặc trả lại với ý kiến để cán bộ sửa.",
					salutation(rc.Name), unitName, r.Title, at),
				Link: link,
			})
		}
	} else if a == tiendo.ReportSubmit {
		cancel := s.cancelReminders(ctx, tx, r.ID, unitID)
		if cancel != nil {
			return cancel
		}
		what, timeliness := "đã gửi báo cáo", "đúng hạn"
		if before == tiendo.ReportReturned {
			what = "đã gửi lại báo cáo sau khi sửa"
		}
		if late {
			timeliness = "quá hạn"
		}
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id, full_name, email FROM users WHERE role = ? AND NOT disabled ORDER BY id`), tiendo.RoleOffice)
		if err != nil {
			return fmt.Errorf("store: report mail: %w", err)
		}
		var office []Recipient
		for rows.Next() {
			var rc Recipient
			if err := rows.Scan(&rc.UserID, &rc.Name, &rc.Email); err != nil {
				rows.Close()
				return fmt.Errorf("store: report mail: %w", err)
			}
			office = append(office, rc)
		}
		rows.Close()
		for _, rc := range office {
			msgs = append(msgs, &Message{
				Kind: KindReportSubmitted, DedupeKey: key + ":" + rc.RecipientKey(), RoundID: r.ID, UnitID: unitID, UserID: rc.UserID, Email: rc.Email,
				Subject: fmt.Sprintf("%s %s: %s", unitName, what, r.Title),
				Body: fmt.Sprintf("Kính gửi: %s,\n\n%s %s “%s” lúc %s (lần gửi đầu %s).",
					salutation(rc.Name), unitName, what, r.Title, at, timeliness),
				Link: link,
			})
		}
	} else {
		// The key names the action, so the office's return and the head's
		// never share one, even at the same version.
		kind, who, why, next := KindReportReturned, "Văn phòng", "bổ sung", "Đề nghị đơn vị sửa và gửi lại báo cáo."
		if a == tiendo.ReportHeadReturn {
			kind, who, why, next = KindReportHeadReturned, "Lãnh đạo đơn vị", "sửa", "Đề nghị sửa báo cáo và trình lại lãnh đạo đơn vị duyệt."
		}
		users, heads, err := s.unitUsers(ctx, tx, unitID)
		if err != nil {
			return err
		}
		var unit tiendo.Unit
		if err := tx.QueryRowContext(ctx, s.q(`SELECT name, email FROM units WHERE id = ?`), unitID).Scan(&unit.Name, &unit.Email); err != nil {
			return fmt.Errorf("store: report mail: %w", err)
		}
		// The head's return goes to those who write the report, not to
		// the unit's heads, one of whom has just sent it back: nor to the
		// unit's mailbox when it is a head's own address.
		headReturn := a == tiendo.ReportHeadReturn
		isHead := func(rc Recipient) bool { return heads[rc.UserID] }
		to := users
		if headReturn {
			to = slices.DeleteFunc(slices.Clone(users), isHead)
		}
		to = withMailbox(to, unit)
		if headReturn {
			to = slices.DeleteFunc(to, func(rc Recipient) bool {
				return rc.UserID == 0 && slices.ContainsFunc(users, func(h Recipient) bool { return isHead(h) && strings.EqualFold(h.Email, rc.Email) })
			})
		}
		for _, rc := range to {
			msgs = append(msgs, &Message{
				Kind: kind, DedupeKey: key + ":" + rc.RecipientKey(), RoundID: r.ID, UnitID: unitID, UserID: rc.UserID, Email: rc.Email,
				Subject: fmt.Sprintf("%s đã trả lại báo cáo để %s: %s", who, why, r.Title),
				Body: fmt.Sprintf("Kính gửi: %s,\n\n%s đã trả lại báo cáo “%s” của %s lúc %s để %s, với ý kiến:\n\n%s\n\n%s",
					salutation(rc.Name), who, r.Title, unitName, at, why, comment, next),
				Link: link,
			})
		}
	}
	_, err := s.enqueue(ctx, tx, msgs)
	return err
}

// salutation is how a message addresses its reader: their name, or a
// polite generic form when the account has none.
func salutation(name string) string {
	if strings.TrimSpace(name) == "" {
		return "Anh/Chị"
	}
	return name
}
