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
    let day = received_at.to_offset(VIETNAM).date();
    // The WHERE makes the 10,000th request of a day return no row instead of storing a number
    // the format cannot hold; nothing is changed, so the caller's transaction stays usable.
    let row = sqlx::query(
        "INSERT INTO dossier_sequences (agency, received_day, last_number) VALUES ($1, $2, 1) \
         ON CONFLICT (agency, received_day) DO UPDATE \
         SET last_number = dossier_sequences.last_number + 1 \
         WHERE dossier_sequences.last_number < $3 \
         RETURNING last_number",
    )
    .bind(agency.as_str().to_string())
    .bind(day.to_string())
    .bind(i64::from(MAX_DAILY_NUMBER))
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Err(DossierError::SequenceExhausted { agency: agency.clone(), day });
    };
    let number: i64 = row.try_get(0)?;
    let number = u16::try_from(number).map_err(|_| DossierCodeError::InvalidNumber)?;
    Ok(DossierCode::new(agency.clone(), day, number)?)
}

/// Gives `code`'s number back inside `tx`, where it was the last one taken and its dossier was
/// not stored after all: the next submission that day gets it.
pub async fn give_back(tx: &mut Transaction<'_, Any>, code: &DossierCode) -> Result<(), DossierError> {
    let taken = sqlx::query(
        "UPDATE dossier_sequences SET last_number = last_number - 1 \
         WHERE agency = $1 AND received_day = $2 AND last_number = $3",
    )
    .bind(code.agency().as_str().to_string())
    .bind(code.received().to_string())
    .bind(i64::from(code.number()))
    .execute(&mut **tx)
    .await?;
    // Another number taken since, in this same transaction: giving this one back would hand out
    // that one twice. Not done by any caller; refused rather than risked.
    if taken.rows_affected() != 1 {
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
