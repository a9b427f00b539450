-- Continuity: a round, a task and a target can name their predecessor in an
-- earlier round, so the same task and target carry across periods and
-- years and "so với cùng kỳ" comes from data.
ALTER TABLE rounds ADD COLUMN predecessor_id BIGINT REFERENCES rounds(id) ON DELETE SET NULL;
ALTER TABLE tasks ADD COLUMN predecessor_id BIGINT REFERENCES tasks(id) ON DELETE SET NULL;
ALTER TABLE targets ADD COLUMN predecessor_id BIGINT REFERENCES targets(id) ON DELETE SET NULL;
CREATE INDEX targets_predecessor ON targets(predecessor_id);
