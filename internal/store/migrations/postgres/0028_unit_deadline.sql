-- The office extends the deadline for one unit (gia hạn cho từng đơn vị):
-- a unit whose head is away asks for two more days, and the office grants
-- them to that unit only. extended_deadline is the unit's own deadline in
-- the round, NULL when it has none; the unit's deadline is the later of the
-- round's and its own, so a later extension of the whole round makes it
-- irrelevant (store.ExtendUnitDeadline). extension_reason is the reason
-- the office gave, which the unit was told.
ALTER TABLE round_units ADD COLUMN extended_deadline TIMESTAMPTZ;
ALTER TABLE round_units ADD COLUMN extension_reason TEXT NOT NULL DEFAULT '';
