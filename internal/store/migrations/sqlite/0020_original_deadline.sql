-- The office extends a published round's deadline (gia hạn). The deadline
-- the units were first given is kept here on the first extension, so that
-- the round page can say "đã gia hạn, hạn ban đầu ..."; NULL for a round
-- never extended.
ALTER TABLE rounds ADD COLUMN original_deadline TIMESTAMP;
