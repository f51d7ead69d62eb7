//! The day's dossier numbers: gapless and unique per agency, on SQLite and PostgreSQL alike.
//!
//! One row per (agency, day) holds the last number given. Taking a number is a single upsert in
//! the submission's own transaction: the row stays locked until that transaction ends, so two
//! submissions never get the same number, and a submission that rolls back gives its number
//! back (no gap), because the increment is rolled back with it. A counter outside the
//! transaction (a SQL sequence, an atomic in memory) could give neither guarantee.

use super::code::{AgencyCode, DossierCode, DossierCodeError, MAX_DAILY_NUMBER};
use super::due::VIETNAM;
use sqlx::{Any, AnyConnection, Connection, Row, Transaction};
use time::{Date, OffsetDateTime};

#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    #[error("agency {agency} has already given all {} dossier numbers of {day}", MAX_DAILY_NUMBER)]
    SequenceExhausted { agency: AgencyCode, day: Date },
    #[error("cannot number the dossier: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Code(#[from] DossierCodeError),
    #[error("a dossier number can only be given back while it is the last one taken")]
    NotLast,
}

/// Gives the next number of the Vietnam day of `received_at` for `agency`, inside `tx`.
///
/// The number belongs to the dossier only once `tx` commits. On SQLite open `tx` with
/// [`begin_submission`]: a transaction that reads before this write could otherwise fail with
/// "database is locked" instead of waiting for the other writer.
pub async fn next_dossier_code(
    tx: &mut Transaction<'_, Any>,
    agency: &AgencyCode,
    received_at: OffsetDateTime,
) -> Result<DossierCode, DossierError> {
    let day = numbering_day(received_at);
    let number = reserve(tx, agency, day, 1).await?;
    Ok(DossierCode::new(agency.clone(), day, number)?)
}

/// The day whose numbers a dossier received at `received_at` takes: the Vietnam date.
pub fn numbering_day(received_at: OffsetDateTime) -> Date {
    received_at.to_offset(VIETNAM).date()
}

/// Takes `count` (at least 1) numbers of `day` at once inside `tx`, with the same guarantees as
/// [`next_dossier_code`]: the first of them. When fewer are left, nothing is taken
/// (`SequenceExhausted`) and the transaction stays usable.
pub async fn reserve(
    tx: &mut Transaction<'_, Any>,
    agency: &AgencyCode,
    day: Date,
    count: u16,
) -> Result<u16, DossierError> {
    // The WHERE makes a request past the day's 9,999th number return no row instead of storing a
    // number the format cannot hold.
    let row = sqlx::query(
        "INSERT INTO dossier_sequences (agency, received_day, last_number) VALUES ($1, $2, $3) \
         ON CONFLICT (agency, received_day) DO UPDATE \
         SET last_number = dossier_sequences.last_number + $3 \
         WHERE dossier_sequences.last_number + $3 <= $4 \
         RETURNING last_number",
    )
    .bind(agency.as_str().to_string())
    .bind(day.to_string())
    .bind(i64::from(count))
    .bind(i64::from(MAX_DAILY_NUMBER))
    .fetch_optional(&mut **tx)
    .await?;
    let exhausted = || DossierError::SequenceExhausted { agency: agency.clone(), day };
    let last: i64 = row.ok_or_else(exhausted)?.try_get(0)?;
    u16::try_from(last + 1 - i64::from(count)).ok().filter(|first| *first >= 1).ok_or_else(exhausted)
}

/// Gives back, inside `tx`, the numbers of `day` after `kept` up to `taken`, the last one taken:
/// numbers taken for dossiers that were not stored after all, which the next submissions get.
pub async fn give_back(
    tx: &mut Transaction<'_, Any>,
    agency: &AgencyCode,
    day: Date,
    kept: u16,
    taken: u16,
) -> Result<(), DossierError> {
    let done = sqlx::query(
        "UPDATE dossier_sequences SET last_number = $3 \
         WHERE agency = $1 AND received_day = $2 AND last_number = $4",
    )
    .bind(agency.as_str().to_string())
    .bind(day.to_string())
    .bind(i64::from(kept))
    .bind(i64::from(taken))
    .execute(&mut **tx)
    .await?;
    // Another number taken since, in this same transaction: giving these back would hand that
    // one out twice. No caller does it; refused rather than risked.
    if done.rows_affected() != 1 {
        return Err(DossierError::NotLast);
    }
    Ok(())
}

/// Opens a transaction fit for a submission. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so concurrent submissions queue on the busy timeout instead of failing;
/// PostgreSQL locks the sequence row itself.
pub async fn begin_submission(conn: &mut AnyConnection) -> Result<Transaction<'_, Any>, sqlx::Error> {
    if conn.backend_name().eq_ignore_ascii_case("sqlite") {
        conn.begin_with("BEGIN IMMEDIATE").await
    } else {
        conn.begin().await
    }
}
