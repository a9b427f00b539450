-- The outgoing register's other columns (Decree 30, Phụ lục IV): where the
-- document went, taken from the issued document when it is issued
-- (recipients, a column since 0005, one entry a line: its "Kính gửi" and
-- "Nơi nhận" but the file copy; file_copy, what its "Lưu:" line names);
-- and what the records clerk writes in afterwards: the number of copies
-- when it is not the count tiendo makes (0), the receipt, and a note, with
-- who wrote them last and when (each change is audited too). An issued
-- document never changes; these do. Rows issued before have delivery_read
-- false: their recipients are read from the frozen model once, when the
-- register is first read.
ALTER TABLE register ADD COLUMN file_copy TEXT NOT NULL DEFAULT '';
ALTER TABLE register ADD COLUMN delivery_read BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE register ADD COLUMN copies INTEGER NOT NULL DEFAULT 0;
ALTER TABLE register ADD COLUMN receipt TEXT NOT NULL DEFAULT '';
ALTER TABLE register ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE register ADD COLUMN note_by INTEGER REFERENCES users(id);
ALTER TABLE register ADD COLUMN note_at TIMESTAMP;
