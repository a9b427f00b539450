-- The body that runs tiendo (cơ quan sử dụng: "ỦY BAN NHÂN DÂN HUYỆN HỮU
-- LŨNG"), which issues the consolidated reports and công văn whatever body
-- issued the directive a round came from, and whose outgoing register is one
-- series a year. One row, set by the administrator; none until then.
CREATE TABLE own_issuer (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	name       TEXT NOT NULL,              -- as printed in the header
	place      TEXT NOT NULL DEFAULT '',   -- of the date line; '' to take it from the name
	updated_at TIMESTAMPTZ NOT NULL
);

-- The register's series is the issuing body's name folded ("ỦY BAN NHÂN DÂN
-- HUYỆN HỮU LŨNG", "UBND huyện Hữu Lũng" and "Uỷ ban nhân dân huyện Hữu
-- Lũng" are one body), so that one number is never given twice by a body in
-- a year, however its name was written. Rows registered before keep their
-- issuer's text as written, marked apart; the store counts them in when it
-- numbers.
ALTER TABLE register ADD COLUMN series TEXT NOT NULL DEFAULT '';
UPDATE register SET series = 'legacy:' || issuer;
CREATE UNIQUE INDEX register_series_number ON register (series, year, number);
