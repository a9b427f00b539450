-- The wrong codes typed for a pending login. At five (store.PendingLoginCodes)
-- the pending login ends and the user types the password again: the
-- per-user lockout alone let one right password be followed by guesses up
-- to the lock, and again after it.
ALTER TABLE pending_logins ADD COLUMN wrong_codes INTEGER NOT NULL DEFAULT 0;
