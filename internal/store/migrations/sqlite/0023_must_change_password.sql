-- A user whose password an administrator set (the user form, the Excel
-- import, "tiendo user add|passwd") must choose their own at the next
-- login: until then the pages lead only to the password form and the API
-- refuses their tokens. Existing users keep working as before.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
