-- Unit reporting: the office's comment when returning a report, a round
-- that asks for the unit head's approval, locking a round after its
-- deadline and reopening it for one unit, supporting units' contributions,
-- attachments, and the autosaved form a person had not saved yet.
ALTER TABLE unit_reports ADD COLUMN return_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE unit_reports ADD COLUMN first_submitted_at TIMESTAMP;
ALTER TABLE rounds ADD COLUMN head_approval BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE rounds ADD COLUMN brief BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE rounds ADD COLUMN locked_at TIMESTAMP;
ALTER TABLE round_units ADD COLUMN reopened BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE report_contributions (
	report_id INTEGER NOT NULL REFERENCES unit_reports(id) ON DELETE CASCADE,
	task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	text      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (report_id, task_id)
);

CREATE TABLE attachments (
	id           INTEGER PRIMARY KEY,
	report_id    INTEGER NOT NULL REFERENCES unit_reports(id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	data         BLOB NOT NULL,
	created_at   TIMESTAMP NOT NULL,
	created_by   INTEGER REFERENCES users(id)
);
CREATE INDEX attachments_report ON attachments(report_id);

-- What a person typed and the browser autosaved, before an explicit save:
-- one row per person and report, replaced at each autosave, so nothing typed
-- is lost to a closed tab, an expired session or a refused save.
CREATE TABLE report_autosaves (
	round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
	unit_id  INTEGER NOT NULL REFERENCES units(id),
	user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	saved_at TIMESTAMP NOT NULL,
	body     TEXT NOT NULL,
	PRIMARY KEY (round_id, unit_id, user_id)
);
