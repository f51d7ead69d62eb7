-- Documents attached to an application, and the dossiers that submitted applications become.
-- Shared by src/server/portal/attachments.rs (uploads) and src/server/portal/submission.rs (the
-- one transaction that turns a draft into a dossier). Types SQLite and PostgreSQL share; times
-- are Unix seconds, dates ISO text.

-- One uploaded file. The bytes live in the object store under `object_key`; `content_type` is
-- what the bytes are (detected), never what the name or the browser claimed.
CREATE TABLE IF NOT EXISTS attachments (
    id TEXT PRIMARY KEY,
    draft_id TEXT NOT NULL,
    -- Index of the required document (procedure.documents) this file is a page of.
    slot INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    object_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Set in the submission's transaction: a submitted file is never purged with its draft.
    dossier_code TEXT
);
CREATE INDEX IF NOT EXISTS attachments_draft ON attachments (draft_id, slot);

-- A submitted application. `draft_id` is unique: it is the idempotency key, so a double tap, a
-- retry or a second tab finds the dossier already made instead of making another.
CREATE TABLE IF NOT EXISTS dossiers (
    code TEXT PRIMARY KEY,
    draft_id TEXT NOT NULL UNIQUE,
    procedure_code TEXT NOT NULL,
    -- Unix seconds when the portal took it; the due date is counted from this.
    received_at BIGINT NOT NULL,
    due_date TEXT NOT NULL,
    -- The answers as submitted (JSON, the draft's shape), frozen.
    answers TEXT NOT NULL,
    -- What the citizen gives to look the dossier up later (issue 9): digits only.
    contact_phone TEXT NOT NULL,
    citizen_id TEXT NOT NULL,
    -- The receipt as issued (JSON, portal::dossier::Receipt): the same every time it is shown.
    receipt TEXT NOT NULL,
    -- Random secret that signs tracking links for this dossier.
    link_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dossiers_received_at ON dossiers (received_at);

-- Marks a draft as submitted: no more edits or uploads; its dossier is found by `draft_id`.
ALTER TABLE drafts ADD COLUMN dossier_code TEXT;
