-- The mailer's claim (store.ClaimMessages) reads only the pending rows: the
-- next to send, in the order it sends them (time to send, then id), and
-- those past their expiry. These indexes hold the pending rows alone, so
-- the claim stops after the rows it takes however many a pass of the
-- planner queued for one time, and a year of sent rows is not in its way.
-- The claim names the status as a constant, which a partial index needs.
CREATE INDEX outbox_pending ON outbox(next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_pending_expiry ON outbox(expires_at) WHERE status = 'pending';
