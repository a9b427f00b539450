-- Who to tell: every submission notifies the office's users (WHERE role = ?),
-- which without this index read the whole users table inside the write.
CREATE INDEX users_role ON users(role);
