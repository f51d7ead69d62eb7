-- The last dossier number each receiving agency has given on each (Vietnam) day, for the code
-- V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX (Decree 61/2018 art. 26). Bumped by one upsert inside the
-- submission's transaction (src/server/portal/dossier/sequence.rs), so numbers are unique and
-- gapless. The day is ISO text (YYYY-MM-DD): types SQLite and PostgreSQL share.
CREATE TABLE IF NOT EXISTS dossier_sequences (
    agency TEXT NOT NULL,
    received_day TEXT NOT NULL,
    last_number BIGINT NOT NULL,
    PRIMARY KEY (agency, received_day)
);
