-- tiendo: foreign keys off
-- Rounds, tasks, targets and attachments are deleted (a draft round with its
-- tasks and targets, an attachment removed before its report was sent), and
-- SQLite gave the next row the largest id plus one: a deleted draft's id went
-- to the next round, so the audit log's rows about the deleted draft named
-- the new one. AUTOINCREMENT never reuses an id. SQLite cannot add it to a
-- table, so each table is made anew, in its documented steps, with foreign
-- keys off so that dropping the old table deletes nothing that refers to it;
-- the migration runner checks every key before it commits.

CREATE TABLE rounds_new (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	title           TEXT NOT NULL,
	period_kind     TEXT NOT NULL DEFAULT '',
	period_year     INTEGER NOT NULL DEFAULT 0,
	period_index    INTEGER NOT NULL DEFAULT 0,
	deadline        TIMESTAMP NOT NULL,
	status          TEXT NOT NULL,
	issuer          TEXT NOT NULL DEFAULT '',
	doc_number      TEXT NOT NULL DEFAULT '',
	doc_symbol      TEXT NOT NULL DEFAULT '',
	doc_date        TEXT NOT NULL DEFAULT '',
	subject         TEXT NOT NULL DEFAULT '',
	source          TEXT NOT NULL DEFAULT '',
	report_contents TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
	created_at      TIMESTAMP NOT NULL,
	published_at    TIMESTAMP,
	head_approval   BOOLEAN NOT NULL DEFAULT FALSE,
	brief           BOOLEAN NOT NULL DEFAULT FALSE,
	locked_at       TIMESTAMP,
	predecessor_id  INTEGER REFERENCES rounds(id) ON DELETE SET NULL,
	original_deadline TIMESTAMP
);
INSERT INTO rounds_new (id, title, period_kind, period_year, period_index, deadline, status, issuer, doc_number, doc_symbol,
	doc_date, subject, source, report_contents, created_at, published_at, head_approval, brief, locked_at, predecessor_id, original_deadline)
SELECT id, title, period_kind, period_year, period_index, deadline, status, issuer, doc_number, doc_symbol,
	doc_date, subject, source, report_contents, created_at, published_at, head_approval, brief, locked_at, predecessor_id, original_deadline
FROM rounds;
DROP TABLE rounds;
ALTER TABLE rounds_new RENAME TO rounds;

CREATE TABLE tasks_new (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	round_id       INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	label          TEXT NOT NULL DEFAULT '',
	text           TEXT NOT NULL,
	predecessor_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL
);
INSERT INTO tasks_new (id, round_id, position, label, text, predecessor_id)
SELECT id, round_id, position, label, text, predecessor_id FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
CREATE INDEX tasks_round ON tasks(round_id, position);

CREATE TABLE targets_new (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	task_id        INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	text           TEXT NOT NULL,
	comparator     TEXT NOT NULL DEFAULT '',
	value          REAL NOT NULL DEFAULT 0,
	unit           TEXT NOT NULL DEFAULT '',
	direction      TEXT NOT NULL DEFAULT '',
	relative_to    TEXT NOT NULL DEFAULT '',
	predecessor_id INTEGER REFERENCES targets(id) ON DELETE SET NULL,
	reported_by    INTEGER REFERENCES units(id)
);
INSERT INTO targets_new (id, task_id, position, text, comparator, value, unit, direction, relative_to, predecessor_id, reported_by)
SELECT id, task_id, position, text, comparator, value, unit, direction, relative_to, predecessor_id, reported_by FROM targets;
DROP TABLE targets;
ALTER TABLE targets_new RENAME TO targets;
CREATE INDEX targets_task ON targets(task_id, position);
CREATE INDEX targets_predecessor ON targets(predecessor_id);

CREATE TABLE attachments_new (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	report_id    INTEGER NOT NULL REFERENCES unit_reports(id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	data         BLOB NOT NULL,
	created_at   TIMESTAMP NOT NULL,
	created_by   INTEGER REFERENCES users(id),
	removed_at   TIMESTAMP,
	removed_by   INTEGER REFERENCES users(id)
);
INSERT INTO attachments_new (id, report_id, name, content_type, size, data, created_at, created_by, removed_at, removed_by)
SELECT id, report_id, name, content_type, size, data, created_at, created_by, removed_at, removed_by FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_report ON attachments(report_id);
