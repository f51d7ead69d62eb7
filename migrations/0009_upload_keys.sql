-- An upload's idempotency key (src/server/portal/attachments/upload.rs): what a front end sends
-- with a file so that sending it again (the answer was lost on a weak connection, the form was
-- sent twice) finds the file already stored instead of storing a second copy. A retry matches
-- only the same key with the same bytes (`sha256`) for the same draft or supplement; NULL for an
-- upload sent without one, and for every file uploaded before this column.
ALTER TABLE attachments ADD COLUMN upload_key TEXT;
