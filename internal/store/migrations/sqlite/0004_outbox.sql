-- The outbox: every e-mail tiendo sends is first a row here, written in the
-- transaction of the change it announces or by the reminder planner, then
-- claimed, sent and marked by a delivery loop. The database is the queue, so
-- a message survives restarts and two app instances never send it twice.
CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY,
	kind            TEXT NOT NULL,             -- reminder_before, reminder_due, reminder_overdue, adhoc, report_submitted, report_returned
	dedupe_key      TEXT NOT NULL UNIQUE,      -- planning the same message twice inserts it once
	round_id        INTEGER REFERENCES rounds(id) ON DELETE CASCADE,
	unit_id         INTEGER REFERENCES units(id),
	user_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
	email           TEXT NOT NULL DEFAULT '',  -- the address when queued; '' is skipped
	subject         TEXT NOT NULL,
	body            TEXT NOT NULL,
	link            TEXT NOT NULL DEFAULT '',  -- a path; the sender puts the base URL before it
	status          TEXT NOT NULL,             -- pending, sending, sent, failed, skipped, cancelled, expired
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TIMESTAMP NOT NULL,
	expires_at      TIMESTAMP,                 -- a reminder not sent by then is stale
	claimed_by      TEXT NOT NULL DEFAULT '',
	claimed_until   TIMESTAMP,
	sent_at         TIMESTAMP,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      TIMESTAMP NOT NULL
);
CREATE INDEX outbox_ready ON outbox(status, next_attempt_at);
CREATE INDEX outbox_round_unit ON outbox(round_id, unit_id);
