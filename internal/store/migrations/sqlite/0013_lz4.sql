-- PostgreSQL compresses long texts with lz4 from this migration on; SQLite
-- stores texts as they are, so there is nothing to do here.
SELECT 1;
