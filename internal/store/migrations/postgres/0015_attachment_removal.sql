-- A unit may take a wrongly attached file off its report while it can still
-- edit it. A file that has never left the unit is deleted; one that went to
-- the office with a submission is only marked removed, because that
-- submission's revision lists it and is kept whole.
ALTER TABLE attachments ADD COLUMN removed_at TIMESTAMPTZ;
ALTER TABLE attachments ADD COLUMN removed_by BIGINT REFERENCES users(id);
