-- The optional second factor (TOTP, RFC 6238) of an office, leader or
-- admin account. secret is the base32 key the authenticator app holds: it
-- must be read back to check a code, so it is kept as it is (SECURITY.md,
-- known gaps). enabled_at is NULL while the user is setting it up and has
-- not yet typed a code from it. last_step is the time step (Unix time / 30)
-- of the last code accepted: a code is accepted only for a later step, so
-- one seen over a shoulder or in a proxy's log cannot be used again.
CREATE TABLE user_totp (
	user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
	secret     TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	enabled_at TIMESTAMP,
	last_step  BIGINT NOT NULL DEFAULT 0
);

-- One-time recovery codes, for a lost phone: SHA-256 only, as for
-- sessions; a used one keeps its row, with used_at, so the account page
-- can say how many are left.
CREATE TABLE totp_recovery_codes (
	user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	code_hash TEXT NOT NULL,
	used_at   TIMESTAMP,
	PRIMARY KEY (user_id, code_hash)
);

-- A login whose password was right and whose second step is still to
-- come. It lives in the database, not in one instance's memory, so that
-- any instance can finish it; the browser holds the secret whose hash is
-- token_hash in a cookie of its own, for five minutes.
CREATE TABLE pending_logins (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL,
	address    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pending_logins_user ON pending_logins(user_id);
