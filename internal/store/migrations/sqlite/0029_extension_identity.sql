-- What tells one extension from another, so that a confirmation the
-- office gave for one is not carried out on another. rounds.extended_by
-- and rounds.extension_reason are who last extended the whole round
-- (0 and '' for a round never extended) and the reason the units were
-- told: a confirmation sent twice finds its own extension in place
-- (store.ExtendDeadlineAsConfirmed), another user's is not taken for it.
-- round_units.extended_at is when the office gave the unit its own
-- deadline (store.ExtendUnitDeadline), kept when the deadline is withdrawn:
-- a withdrawal confirmed for one extension is refused on a later one to the
-- same deadline, and a second press on it finds it already withdrawn
-- (store.WithdrawUnitDeadlineAsConfirmed). NULL for an own deadline given
-- before this column existed.
ALTER TABLE rounds ADD COLUMN extended_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN extension_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE round_units ADD COLUMN extended_at TIMESTAMP;
