-- Search: one row per thing a person can find (a round, task, target, unit,
-- or the narrative of one unit's report on one task), with its text folded
-- in Go by vi.Fold (lower case, no diacritics, đ→d: SQLite's lower() and
-- FTS5 do not fold đ). The rows are derived from the other tables and kept
-- up to date by store.RefreshSearch, which follows the audit log from the
-- position kept in search_state; audit_id -1 means "not built yet".
CREATE TABLE search_docs (
	id        INTEGER PRIMARY KEY,
	kind      TEXT NOT NULL,              -- round, task, target, unit, section, contribution
	round_id  INTEGER NOT NULL DEFAULT 0,
	task_id   INTEGER NOT NULL DEFAULT 0,
	target_id INTEGER NOT NULL DEFAULT 0,
	unit_id   INTEGER NOT NULL DEFAULT 0, -- the unit itself, or the unit that wrote the report
	report_id INTEGER NOT NULL DEFAULT 0,
	title     TEXT NOT NULL DEFAULT '',   -- as written (NFC), for display
	body      TEXT NOT NULL DEFAULT '',
	title_key TEXT NOT NULL DEFAULT '',   -- folded words of the title and names, ' giai phong '
	folded    TEXT NOT NULL DEFAULT ''    -- folded words of everything searchable
);
CREATE INDEX search_docs_round ON search_docs(round_id, kind);
CREATE INDEX search_docs_report ON search_docs(report_id);
CREATE INDEX search_docs_unit ON search_docs(unit_id, kind);

-- Word-prefix matching over the folded words. The text is folded already,
-- so the tokenizer only splits it; prefix indexes keep one- and two-letter
-- prefixes ("d", "gi") from scanning the whole vocabulary.
CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search_docs', content_rowid='id',
	tokenize='unicode61 remove_diacritics 0', prefix='1 2 3');
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
	INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
	INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
	INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
	INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded);
END;

CREATE TABLE search_state (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	audit_id INTEGER NOT NULL
);
INSERT INTO search_state (id, audit_id) VALUES (1, -1);
