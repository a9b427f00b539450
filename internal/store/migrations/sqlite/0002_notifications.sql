-- In-app notifications: one row per person and event, read or not.
CREATE TABLE notifications (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at TIMESTAMP NOT NULL,
	kind       TEXT NOT NULL,
	title      TEXT NOT NULL,
	link       TEXT NOT NULL DEFAULT '',
	read_at    TIMESTAMP
);
CREATE INDEX notifications_user ON notifications(user_id, read_at);
