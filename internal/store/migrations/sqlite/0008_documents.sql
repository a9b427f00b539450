-- The documents the office drafts for a round become one table with a kind:
-- the consolidated report ("report") and the công văn that assigns the
-- round's tasks ("directive"). Existing consolidated reports are kept.
CREATE TABLE documents (
	id             INTEGER PRIMARY KEY,
	round_id       INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
	kind           TEXT NOT NULL,
	status         TEXT NOT NULL,
	version        INTEGER NOT NULL,
	subject        TEXT NOT NULL DEFAULT '',
	sections       TEXT NOT NULL,
	return_comment TEXT NOT NULL DEFAULT '',
	approved_by    INTEGER REFERENCES users(id),
	approved_at    TIMESTAMP,
	register_id    INTEGER,
	created_at     TIMESTAMP NOT NULL,
	updated_at     TIMESTAMP NOT NULL,
	UNIQUE (round_id, kind)
);
INSERT INTO documents (id, round_id, kind, status, version, subject, sections, return_comment, approved_by, approved_at, register_id, created_at, updated_at)
	SELECT id, round_id, 'report', status, version, subject, sections, return_comment, approved_by, approved_at, register_id, created_at, updated_at
	FROM consolidated_reports;
DROP TABLE consolidated_reports;
