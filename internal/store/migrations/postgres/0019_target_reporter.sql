-- A task's lead units can share its targets out: the office names, for a
-- target, the one lead unit that reports its value (the schools to the
-- education office, the health stations to the health centre). NULL keeps
-- the old rule: every lead unit reports every target of its task.
ALTER TABLE targets ADD COLUMN reported_by BIGINT REFERENCES units(id);
