//! The writes of a submission after its number is taken, as one statement list sent once.
//!
//! Claiming the draft, storing the dossier, its first event and its files' new owner used to be
//! four statements, four trips to the database's own thread and back while every other
//! submission waited for the write lock. Each trip cost ~65 µs of waking threads, more than the
//! SQL itself: the lock was held ~445 µs a submission, which capped submissions at ~2,200 a
//! second whatever the CPU (bench/RESULTS.md, session 12). Sent as one, the trip is paid once.
//!
//! The same arguments go to both texts; each later write happens only if the claim landed, so a
//! draft that changed since it was checked writes nothing and the caller rolls back:
//! - SQLite runs a list of statements in one call, each binding the `$n` it names, and each
//!   later one checks the claim (`EXISTS`) itself;
//! - PostgreSQL runs one statement whose parts (data-modifying `WITH`) hang on the claim's row.

use sqlx::{Any, Row, Transaction};

/// What the dossier's rows hold, in the order of the texts' `$n`.
pub(super) struct Claim<'a> {
    pub code: &'a str,
    pub draft_id: &'a str,
    /// The draft's revision that was checked: a save or an upload since makes the claim miss.
    pub revision: i64,
    pub received_unix: i64,
    /// The sent draft's new end of life.
    pub expires_unix: i64,
    pub procedure_code: &'a str,
    pub due_at: &'a str,
    pub answers: &'a str,
    pub phone: &'a str,
    pub citizen_id: &'a str,
    pub receipt_json: &'a str,
    pub link_key: &'a str,
    pub lang: &'a str,
    pub email: &'a str,
    pub status: i64,
    pub zalo: Option<&'a str>,
    /// The first event: who, where (JSON), what.
    pub actor: &'a str,
    pub office_json: String,
    pub kind: &'a str,
}

/// `$1` code, `$2` expires, `$3` draft, `$4` revision, `$5` received, `$6` procedure, `$7` due,
/// `$8` answers, `$9` phone, `$10` citizen id, `$11` receipt, `$12` link key, `$13` lang,
/// `$14` email, `$15` status, `$16` zalo, `$17` actor, `$18` office, `$19` kind. The event's
/// columns are `workflow::store::insert_event`'s; its note is empty and its data `{}`.
const SQLITE: &str = "\
UPDATE drafts SET dossier_code = $1, expires_at = $2 \
 WHERE id = $3 AND revision = $4 AND dossier_code IS NULL AND expires_at > $5; \
INSERT INTO dossiers (code, draft_id, procedure_code, received_at, due_date, answers, contact_phone, citizen_id, \
 receipt, link_key, lang, contact_email, status, last_event, contact_zalo) \
 SELECT $1, $3, $6, $5, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16 \
 WHERE EXISTS (SELECT 1 FROM drafts WHERE id = $3 AND dossier_code = $1); \
INSERT INTO dossier_events (dossier_code, seq, status, kind, actor, office, at, note, data) \
 SELECT $1, 1, $15, $19, $17, $18, $5, '', '{}' WHERE EXISTS (SELECT 1 FROM dossiers WHERE code = $1); \
UPDATE attachments SET dossier_code = $1 WHERE draft_id = $3 AND EXISTS (SELECT 1 FROM dossiers WHERE code = $1); \
SELECT COUNT(*) FROM dossiers WHERE code = $1";

const POSTGRES: &str = "\
WITH claimed AS (UPDATE drafts SET dossier_code = $1, expires_at = $2 \
  WHERE id = $3 AND revision = $4 AND dossier_code IS NULL AND expires_at > $5 RETURNING id), \
 dossier AS (INSERT INTO dossiers (code, draft_id, procedure_code, received_at, due_date, answers, contact_phone, \
  citizen_id, receipt, link_key, lang, contact_email, status, last_event, contact_zalo) \
  SELECT $1, id, $6, $5, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16 FROM claimed RETURNING code), \
 event AS (INSERT INTO dossier_events (dossier_code, seq, status, kind, actor, office, at, note, data) \
  SELECT code, 1, $15, $19, $17, $18, $5, '', '{}' FROM dossier), \
 files AS (UPDATE attachments SET dossier_code = $1 WHERE draft_id = $3 AND EXISTS (SELECT 1 FROM claimed)) \
SELECT COUNT(*) FROM dossier";

/// Writes the claim inside `tx`: `true` when the draft was still the one checked and the dossier
/// is now stored (pending the commit), `false` when nothing was written.
pub(super) async fn claim(tx: &mut Transaction<'_, Any>, sqlite: bool, c: Claim<'_>) -> Result<bool, sqlx::Error> {
    let rows = sqlx::query(if sqlite { SQLITE } else { POSTGRES })
        .bind(c.code)
        .bind(c.expires_unix)
        .bind(c.draft_id)
        .bind(c.revision)
        .bind(c.received_unix)
        .bind(c.procedure_code)
        .bind(c.due_at)
        .bind(c.answers)
        .bind(c.phone)
        .bind(c.citizen_id)
        .bind(c.receipt_json)
        .bind(c.link_key)
        .bind(c.lang)
        .bind(c.email)
        .bind(c.status)
        .bind(c.zalo)
        .bind(c.actor)
        .bind(c.office_json)
        .bind(c.kind)
        // All rows, not the first: sqlx's SQLite driver behind `Any` answers `fetch_one` from the
        // first statement's outcome alone, and only the last statement here returns a row.
        .fetch_all(&mut **tx)
        .await?;
    Ok(match rows.last() {
        Some(row) => row.try_get::<i64, _>(0)? == 1,
        None => false,
    })
}
