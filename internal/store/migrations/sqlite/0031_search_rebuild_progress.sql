-- Building the search index again from the tables (audit_id -1) is done a
-- batch of rows to a transaction, so that the writes of a deadline rush
-- never wait behind a whole build: search_state keeps where the build
-- stands between its transactions. rebuild_step is the table being walked
-- (1 rounds, 2 units, 3 unit reports, 4 the rounds' documents; 0 when no
-- build is under way), rebuild_after the last id of it done.
ALTER TABLE search_state ADD COLUMN rebuild_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE search_state ADD COLUMN rebuild_after INTEGER NOT NULL DEFAULT 0;
