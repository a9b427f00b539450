-- Settings of an issuing body (cơ quan ban hành), first of all its data
-- cut-off day: a periodic report covers the days from day D of the month
-- before the period to day D-1 of its last month (15: the provinces' common
-- 15th-to-14th; 1: calendar months), as each body sets under Decree
-- 09/2019/NĐ-CP. The row whose key is '' is the default for every issuer
-- without its own.
CREATE TABLE issuer_settings (
	issuer_key TEXT PRIMARY KEY,  -- the issuer's name folded (no diacritics, lower case, single spaces); '' the default
	issuer     TEXT NOT NULL,     -- the name as written
	cutoff_day INTEGER NOT NULL CHECK (cutoff_day BETWEEN 1 AND 28),
	updated_at TIMESTAMPTZ NOT NULL
);
