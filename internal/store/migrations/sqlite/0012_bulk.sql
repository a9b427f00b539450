-- Bulk import of units and users: an uploaded spreadsheet is kept between
-- its preview and the confirmation, so nothing is uploaded twice and what
-- is applied is exactly the file that was previewed. A row lives until it
-- is applied or for a day. AUTOINCREMENT: an ID is never reused, so an
-- old preview's address never leads to a newer upload.
CREATE TABLE bulk_uploads (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	data       BLOB NOT NULL,
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX bulk_uploads_created ON bulk_uploads(created_at);
