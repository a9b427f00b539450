-- SQLite's migration of the same name makes the ids of rounds, tasks,
-- targets and attachments never reused. PostgreSQL's sequences never reuse
-- one already, so there is nothing to change here.
SELECT 1;
