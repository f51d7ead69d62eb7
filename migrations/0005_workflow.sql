-- The dossier's life after submission (issue 9): its status in the national set, the events of
-- its timeline, and the outbox of messages the citizen should receive. SQLite and PostgreSQL share
-- the SQL; times are Unix seconds, dates ISO text. Integers are BIGINT so both databases hand
-- sqlx's Any driver the same 64-bit type.

-- The national status (1 newly registered … 10 result returned); written only by the state
-- machine in src/server/portal/workflow/.
ALTER TABLE dossiers ADD COLUMN status BIGINT NOT NULL DEFAULT 1;
-- The last event's number: a transition updates the row only if no other one came first, so two
-- officers pressing the same button make one event.
ALTER TABLE dossiers ADD COLUMN last_event BIGINT NOT NULL DEFAULT 1;
-- The citizen's language, for the messages the outbox carries.
ALTER TABLE dossiers ADD COLUMN lang TEXT NOT NULL DEFAULT 'vi';
-- Optional: an email given at submission gets the messages too.
ALTER TABLE dossiers ADD COLUMN contact_email TEXT;
-- The due date moved once with an apology (Mẫu 04): the new date (ISO) and when it was issued.
ALTER TABLE dossiers ADD COLUMN new_due_date TEXT;
ALTER TABLE dossiers ADD COLUMN apology_at BIGINT;
-- VNPost's tracking number once the result is handed to the post.
ALTER TABLE dossiers ADD COLUMN tracking_number TEXT;
-- The citizen's satisfaction rating was given (once per dossier).
ALTER TABLE dossiers ADD COLUMN rated BIGINT NOT NULL DEFAULT 0;

-- One event of a dossier's timeline; `seq` counts from 1 (the submission) per dossier.
CREATE TABLE IF NOT EXISTS dossier_events (
    dossier_code TEXT NOT NULL,
    seq BIGINT NOT NULL,
    -- The status after the event.
    status BIGINT NOT NULL,
    -- The action (`submitted`, `accept`, `request_supplement`, …).
    kind TEXT NOT NULL,
    -- `citizen`, or the officer token's name.
    actor TEXT NOT NULL,
    -- The office that acted (JSON LocalizedText).
    office TEXT NOT NULL,
    at BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    -- The action as applied, defaults filled in (JSON): supplement documents, amounts, ….
    data TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (dossier_code, seq)
);

-- Messages for the province's gateway (SMS, Zalo, email), written in the transition's own
-- transaction. `id` is `{dossier code}/{seq}/{channel}`: one record per event and channel.
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    dossier_code TEXT NOT NULL,
    event_seq BIGINT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    lang TEXT NOT NULL,
    message TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    acked_at BIGINT
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (acked_at, created_at);
