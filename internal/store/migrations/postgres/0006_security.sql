-- Security: the audit log becomes a hash chain, and failed logins are
-- counted in the database so that every instance throttles alike.
--
-- Each audit row keeps the hash of the row before it and its own hash
-- (SHA-256 over its fields and prev_hash; store/audit.go has the encoding).
-- audit_chain is one row: the head (the last row written, so that deleting
-- the newest rows is noticed), the anchor (the last row pruned by the
-- retention setting, whose hash the first remaining row must carry) and
-- legacy_id (rows up to it were written before the chain began and carry no
-- hash). Writers lock this row, which also puts audit ids in commit order.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(user_id);

CREATE TABLE audit_chain (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	head_id     BIGINT NOT NULL,
	head_hash   TEXT NOT NULL,
	anchor_id   BIGINT NOT NULL,
	anchor_hash TEXT NOT NULL,
	legacy_id   BIGINT NOT NULL,
	pruned_at   TIMESTAMPTZ
);
INSERT INTO audit_chain (id, head_id, head_hash, anchor_id, anchor_hash, legacy_id)
	SELECT 1, 0, '', 0, '', COALESCE(MAX(id), 0) FROM audit_log;

-- One row per username ("u:name") and per client address ("a:203.0.113.5")
-- with failed logins in the current window.
CREATE TABLE login_failures (
	key          TEXT PRIMARY KEY,
	failures     INTEGER NOT NULL,
	first_at     TIMESTAMPTZ NOT NULL,
	last_at      TIMESTAMPTZ NOT NULL,
	locked_until TIMESTAMPTZ
);
