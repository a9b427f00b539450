-- The foundation: units, users, sessions, API tokens, rounds with their
-- tasks and targets, unit reports with their sections and revisions, and the
-- audit log. Times are UTC.

CREATE TABLE units (
	id         INTEGER PRIMARY KEY,
	parent_id  INTEGER REFERENCES units(id),
	code       TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	short_name TEXT NOT NULL DEFAULT '',
	aliases    TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
	email      TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	full_name     TEXT NOT NULL DEFAULT '',
	email         TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL,
	unit_id       INTEGER REFERENCES units(id),
	password_hash TEXT NOT NULL,
	disabled      BOOLEAN NOT NULL DEFAULT FALSE,
	created_at    TIMESTAMP NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE sessions (
	token_hash   TEXT PRIMARY KEY, -- SHA-256 of the cookie value, hex
	user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at   TIMESTAMP NOT NULL,
	last_seen_at TIMESTAMP NOT NULL,
	expires_at   TIMESTAMP NOT NULL,
	address      TEXT NOT NULL DEFAULT '',
	user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
	id           INTEGER PRIMARY KEY,
	token_hash   TEXT NOT NULL UNIQUE,
	user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at   TIMESTAMP NOT NULL,
	expires_at   TIMESTAMP NOT NULL,
	last_used_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE rounds (
	id              INTEGER PRIMARY KEY,
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
	published_at    TIMESTAMP
);

CREATE TABLE round_units (
	round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
	unit_id  INTEGER NOT NULL REFERENCES units(id),
	PRIMARY KEY (round_id, unit_id)
);
CREATE INDEX round_units_unit ON round_units(unit_id);

CREATE TABLE tasks (
	id       INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	label    TEXT NOT NULL DEFAULT '',
	text     TEXT NOT NULL
);
CREATE INDEX tasks_round ON tasks(round_id, position);

CREATE TABLE task_units (
	task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	unit_id INTEGER NOT NULL REFERENCES units(id),
	role    TEXT NOT NULL,
	PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_units_unit ON task_units(unit_id);

CREATE TABLE targets (
	id          INTEGER PRIMARY KEY,
	task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	text        TEXT NOT NULL,
	comparator  TEXT NOT NULL DEFAULT '',
	value       REAL NOT NULL DEFAULT 0,
	unit        TEXT NOT NULL DEFAULT '',
	direction   TEXT NOT NULL DEFAULT '',
	relative_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX targets_task ON targets(task_id, position);

CREATE TABLE unit_reports (
	id           INTEGER PRIMARY KEY,
	round_id     INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
	unit_id      INTEGER NOT NULL REFERENCES units(id),
	status       TEXT NOT NULL,
	version      INTEGER NOT NULL,
	submitted_at TIMESTAMP,
	late         BOOLEAN NOT NULL DEFAULT FALSE,
	updated_at   TIMESTAMP NOT NULL,
	UNIQUE (round_id, unit_id)
);
CREATE INDEX unit_reports_unit ON unit_reports(unit_id);

CREATE TABLE report_sections (
	report_id       INTEGER NOT NULL REFERENCES unit_reports(id) ON DELETE CASCADE,
	task_id         INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	status          TEXT NOT NULL DEFAULT '',
	result_vs_plan  TEXT NOT NULL DEFAULT '',
	vs_same_period  TEXT NOT NULL DEFAULT '',
	obstacles       TEXT NOT NULL DEFAULT '',
	recommendations TEXT NOT NULL DEFAULT '',
	next_steps      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (report_id, task_id)
);

CREATE TABLE report_actuals (
	report_id   INTEGER NOT NULL REFERENCES unit_reports(id) ON DELETE CASCADE,
	target_id   INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
	value       REAL,
	same_period REAL,
	PRIMARY KEY (report_id, target_id)
);

-- Every submission is kept whole and never changed.
CREATE TABLE report_revisions (
	id           INTEGER PRIMARY KEY,
	report_id    INTEGER NOT NULL REFERENCES unit_reports(id) ON DELETE CASCADE,
	version      INTEGER NOT NULL,
	submitted_at TIMESTAMP NOT NULL,
	submitted_by INTEGER REFERENCES users(id),
	late         BOOLEAN NOT NULL,
	body         TEXT NOT NULL, -- the report as JSON
	UNIQUE (report_id, version)
);

CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY,
	at        TIMESTAMP NOT NULL,
	user_id   INTEGER REFERENCES users(id),
	address   TEXT NOT NULL DEFAULT '',
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id INTEGER NOT NULL DEFAULT 0,
	before    TEXT NOT NULL DEFAULT '',
	after     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
