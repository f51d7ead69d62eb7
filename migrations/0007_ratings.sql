-- The citizen's satisfaction rating (Decree 61/2018 art. 31), once per dossier: the primary key
-- is the dossier's code, so a second rating (a double tap, a replay) cannot be stored.
-- Scores are 2/1/0; satisfaction is `very_satisfied`, `satisfied` or `unsatisfied`.
CREATE TABLE IF NOT EXISTS ratings (
    dossier_code TEXT PRIMARY KEY,
    time_score BIGINT NOT NULL,
    contacts BIGINT NOT NULL,
    offices BIGINT NOT NULL,
    attitude BIGINT NOT NULL,
    ease TEXT NOT NULL,
    overall TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    rated_at BIGINT NOT NULL
);
