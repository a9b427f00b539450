-- A consolidated report is now found by its parts' headings too ("4. Giải
-- phóng mặt bằng ..."), which indexes built before lack. The index is
-- marked "not built yet": the next search builds it again.
UPDATE search_state SET audit_id = -1 WHERE id = 1;
