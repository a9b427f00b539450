-- A unit may stop working ("Ngừng hoạt động": a district abolished, a
-- commune merged into another) and keep everything that names it. retired_at
-- is the start of the day it stopped, in Asia/Ho_Chi_Minh, stored in UTC as
-- every other time; NULL while it is active. retired_note says why.
ALTER TABLE units ADD COLUMN retired_at TIMESTAMPTZ;
ALTER TABLE units ADD COLUMN retired_note TEXT NOT NULL DEFAULT '';
