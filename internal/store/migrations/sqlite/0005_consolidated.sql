-- The consolidated report of a round, its approval and issuing, and the
-- outgoing register (sổ văn bản đi) that numbers what is issued.
CREATE TABLE consolidated_reports (
	id             INTEGER PRIMARY KEY,
	round_id       INTEGER NOT NULL UNIQUE REFERENCES rounds(id) ON DELETE CASCADE,
	status         TEXT NOT NULL,          -- draft, pending, approved, issued
	version        INTEGER NOT NULL,
	subject        TEXT NOT NULL DEFAULT '',
	sections       TEXT NOT NULL,          -- JSON: [{key, heading, text}]
	return_comment TEXT NOT NULL DEFAULT '',
	approved_by    INTEGER REFERENCES users(id),
	approved_at    TIMESTAMP,
	register_id    INTEGER,
	created_at     TIMESTAMP NOT NULL,
	updated_at     TIMESTAMP NOT NULL
);

-- An issued document is frozen: its files are kept as they were sent.
CREATE TABLE issued_files (
	register_id  INTEGER NOT NULL,
	kind         TEXT NOT NULL,            -- docx, pdf, xlsx
	data         BLOB NOT NULL,
	PRIMARY KEY (register_id, kind)
);

CREATE TABLE register_counters (
	issuer TEXT NOT NULL,
	year   INTEGER NOT NULL,
	last   INTEGER NOT NULL,
	PRIMARY KEY (issuer, year)
);

CREATE TABLE register (
	id         INTEGER PRIMARY KEY,
	issuer     TEXT NOT NULL,
	year       INTEGER NOT NULL,
	number     INTEGER NOT NULL,
	symbol     TEXT NOT NULL,
	doc_type   TEXT NOT NULL,              -- BC (báo cáo), CV (công văn)...
	subject    TEXT NOT NULL,
	issued_at  TIMESTAMP NOT NULL,
	signer     TEXT NOT NULL DEFAULT '',
	recipients TEXT NOT NULL DEFAULT '',
	round_id   INTEGER REFERENCES rounds(id),
	created_by INTEGER REFERENCES users(id),
	UNIQUE (issuer, year, number)
);
