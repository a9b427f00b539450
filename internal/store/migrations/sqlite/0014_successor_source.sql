-- A round started from an earlier one ("Tạo đợt tiếp theo") used to be given
-- a copy of the earlier round's directive text, and its công văn and
-- consolidated report then cited the documents of the earlier period. That
-- text belongs to the earlier round, which keeps it; the copies are emptied.
UPDATE rounds SET source = ''
WHERE predecessor_id IS NOT NULL AND source <> ''
  AND source = (SELECT p.source FROM rounds p WHERE p.id = rounds.predecessor_id);
