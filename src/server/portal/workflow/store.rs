//! Applying an action to a stored dossier: ONE transaction reads the dossier, runs the state
//! machine, writes the new status, the event and the outbox records, or changes nothing.
//!
//! Race-free on both databases: the row is updated only if its `last_event` is still the one
//! read (`UPDATE … WHERE last_event = $read`). Of two identical actions at once, one updates; the
//! other updates nothing, rolls back, reads again and is refused by the state machine (409). On
//! SQLite the transaction also takes the write lock at its start (`BEGIN IMMEDIATE`).

use super::read;
use super::{apply, outbox, Actor, Workflow, WorkflowError};
use crate::portal::types::LocalizedText;
use crate::portal::workflow::{DossierStatus, Status, Transition};
use crate::server::portal::dossier::{begin_submission, iso};
use sqlx::{Any, Transaction};
use time::OffsetDateTime;

/// How often an action that lost a race is read and decided again before giving up.
const ATTEMPTS: usize = 3;

/// Applies `t` to the dossier `code` as `actor`, and returns its new status.
///
/// Runs as its own task so a caller that goes away (a client hanging up) cannot leave a
/// transaction half-done on a pooled connection (see `submission::submit`).
pub async fn advance(wf: &Workflow, code: &str, t: &Transition, actor: &Actor) -> Result<DossierStatus, WorkflowError> {
    if t.is_citizens() && *actor != Actor::Citizen {
        return Err(WorkflowError::CitizensOnly(t.action()));
    }
    let (wf, code, t, actor) = (wf.clone(), code.to_string(), t.clone(), actor.clone());
    let db = wf.db.clone();
    db.write_task(async move {
        for _ in 0..ATTEMPTS {
            if try_advance(&wf, &code, &t, &actor).await? {
                return read::status(&wf, &code).await;
            }
        }
        Err(WorkflowError::Busy)
    })
    .await?
}

/// One attempt: `false` when another action changed the dossier after it was read.
async fn try_advance(wf: &Workflow, code: &str, t: &Transition, actor: &Actor) -> Result<bool, WorkflowError> {
    let mut writer = wf.db.writer().await?;
    let mut tx = begin_submission(&mut writer).await?;
    let dossier = match read::load(&mut *tx, code).await {
        Ok(d) => d,
        Err(e) => {
            tx.rollback().await?;
            return Err(e);
        }
    };
    let now = OffsetDateTime::now_utc();
    let outcome = match apply(&dossier.state, t, now, &wf.calendar) {
        Ok(outcome) => outcome,
        Err(e) => {
            tx.rollback().await?;
            return Err(e);
        }
    };
    let seq = dossier.last_event + 1;
    let updated = sqlx::query("UPDATE dossiers SET status = $1, last_event = $2 WHERE code = $3 AND last_event = $4")
        .bind(i64::from(outcome.status.code()))
        .bind(seq)
        .bind(code)
        .bind(dossier.last_event)
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    // Optional fields are set by their own statements: a NULL bound through sqlx's Any driver
    // has no type PostgreSQL can infer.
    if let Some(number) = &outcome.tracking_number {
        sqlx::query("UPDATE dossiers SET tracking_number = $1 WHERE code = $2")
            .bind(number)
            .bind(code)
            .execute(&mut *tx)
            .await?;
    }
    if let Transition::ChangeReturn { .. } = &outcome.applied {
        sqlx::query("UPDATE dossiers SET return_change = $1 WHERE code = $2")
            .bind(serde_json::to_string(&outcome.applied).map_err(|_| WorkflowError::Damaged)?)
            .bind(code)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(due) = outcome.new_due_at {
        sqlx::query("UPDATE dossiers SET new_due_date = $1, apology_at = $2 WHERE code = $3")
            .bind(iso(due))
            .bind(now.unix_timestamp())
            .bind(code)
            .execute(&mut *tx)
            .await?;
    }
    let event = NewEvent {
        code,
        seq,
        status: outcome.status,
        kind: t.action(),
        actor: actor.name(),
        office: &dossier.receipt.agency,
        at: now,
        note: t.note(),
        data: serde_json::to_string(&outcome.applied).map_err(|_| WorkflowError::Damaged)?,
    };
    insert_event(&mut tx, &event).await?;
    if outcome.notify {
        outbox::write(&mut tx, wf, &dossier, seq, &outcome, now).await?;
    }
    tx.commit().await?;
    // The code and the action only: who the citizen is stays out of the log.
    tracing::info!(dossier = code, action = t.action(), status = outcome.status.code(), "dossier advanced");
    Ok(true)
}

/// An event to store.
pub struct NewEvent<'a> {
    pub code: &'a str,
    pub seq: i64,
    pub status: Status,
    pub kind: &'a str,
    pub actor: &'a str,
    pub office: &'a LocalizedText,
    pub at: OffsetDateTime,
    pub note: &'a str,
    /// The action as applied (JSON), or `{}` for the submission.
    pub data: String,
}

/// Writes one event of a dossier's timeline, inside `tx` (the submission writes the first).
pub async fn insert_event(tx: &mut Transaction<'_, Any>, e: &NewEvent<'_>) -> Result<(), sqlx::Error> {
    let office = serde_json::to_string(e.office).unwrap_or_else(|_| "{}".into());
    sqlx::query(
        "INSERT INTO dossier_events (dossier_code, seq, status, kind, actor, office, at, note, data) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(e.code)
    .bind(e.seq)
    .bind(i64::from(e.status.code()))
    .bind(e.kind)
    .bind(e.actor)
    .bind(office)
    .bind(e.at.unix_timestamp())
    .bind(e.note)
    .bind(&e.data)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
