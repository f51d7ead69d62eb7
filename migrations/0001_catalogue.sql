-- The embedded portal's catalogue. Kept to types SQLite and Postgres share, so one migration
-- serves both; a procedure's full record is JSON because its shape is the API's, not the table's.
CREATE TABLE IF NOT EXISTS procedures (
    code TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    popularity BIGINT NOT NULL DEFAULT 0,
    synthetic BIGINT NOT NULL DEFAULT 0,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS procedures_position ON procedures (position);
