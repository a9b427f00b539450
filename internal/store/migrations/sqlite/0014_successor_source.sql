-- A round started from an earlier one ("Tạo đợt tiếp theo") used to be given
-- a copy of the earlier round's directive text, and its công văn and
-- consolidated report then cited the documents of the earlier period. That
-- text belongs to the earlier round, which keeps it; the copies are emptied.
-- The rounds to empty are chosen before any is changed, so that in a chain
-- of copies (2022, 2023 from it, 2024 from that) every copy goes.
UPDATE rounds SET source = ''
WHERE id IN (SELECT r.id FROM rounds r JOIN rounds p ON p.id = r.predecessor_id
             WHERE r.source <> '' AND r.source = p.source);
