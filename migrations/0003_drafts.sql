-- Applications in progress (src/server/portal/drafts.rs). Answers are JSON because their shape is
-- the procedure's e-form, not the table's; times are Unix seconds: types SQLite and PostgreSQL share.
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    resume_code TEXT NOT NULL UNIQUE,
    procedure_code TEXT NOT NULL,
    answers TEXT NOT NULL,
    revision BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS drafts_expires_at ON drafts (expires_at);
