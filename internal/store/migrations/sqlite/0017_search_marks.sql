-- A query word typed with diacritics is compared with the words as written
-- ("thử" no longer finds "Thuế"): search_docs.folded and title_key now end
-- with those words (vi.MarkKey), which indexes built before lack. The index
-- is marked "not built yet": the next search builds it again.
UPDATE search_state SET audit_id = -1 WHERE id = 1;
