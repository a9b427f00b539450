-- Search finds the documents the office drafts and issues (search_docs kinds
-- "consolidated" and "directive", one row per document, found by round and
-- kind). The audit log already went past the documents written before, so
-- the index is marked "not built yet": the next search builds it again from
-- the tables, documents included.
UPDATE search_state SET audit_id = -1 WHERE id = 1;
