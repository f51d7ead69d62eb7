//! The satisfaction rating of a dossier, once, after completion: the time score worked out from
//! its dates, the citizen's answers stored under the dossier's code (the primary key makes a
//! second rating impossible, however it arrives), and the dossier marked as rated.

use super::read::{self, Stored};
use super::{Workflow, WorkflowError};
use crate::portal::input::clean_lines;
use crate::portal::rating::{Rating, RatingAnswers, RatingView, Satisfaction, MAX_COMMENT_CHARS};
use crate::portal::workflow::{DossierStatus, Status};
use crate::server::portal::dossier::{from_iso, iso};
use axum::http::StatusCode;
use sqlx::{Connection, Row};
use time::OffsetDateTime;

/// Why a rating was not stored or read.
#[derive(Debug, thiserror::Error)]
pub enum RatingError {
    #[error("{0}")]
    Workflow(#[from] WorkflowError),
    #[error("the dossier can be rated once processing is complete")]
    NotYet,
    #[error("this dossier has been rated already (once per dossier)")]
    AlreadyRated,
    #[error("`{0}` must be 0, 1 or 2")]
    OutOfRange(&'static str),
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
}

impl RatingError {
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            RatingError::Workflow(e) => (e.status(), e.code()),
            RatingError::NotYet => (StatusCode::CONFLICT, "not_complete"),
            RatingError::AlreadyRated => (StatusCode::CONFLICT, "already_rated"),
            RatingError::OutOfRange(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            RatingError::Database(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
        }
    }
}

/// 2 when processing completed by the receipt's due date, 1 by an apology's new date, 0 later;
/// `None` before completion.
pub fn time_score(status: &DossierStatus) -> Option<u8> {
    if !matches!(status.status, Status::ProcessingComplete | Status::ResultReturned) {
        return None;
    }
    let done = status.events.iter().rev().find(|e| e.kind == "complete").and_then(|e| from_iso(&e.at))?;
    let by = |due: &str| from_iso(due).is_some_and(|due| done <= due);
    Some(if by(&status.original_due_at) {
        2
    } else if status.apology.is_some() && by(&status.due_at) {
        1
    } else {
        0
    })
}

async fn stored_rating(wf: &Workflow, code: &str) -> Result<Option<Rating>, RatingError> {
    let row = sqlx::query(
        "SELECT time_score, contacts, offices, attitude, ease, overall, comment, rated_at FROM ratings \
         WHERE dossier_code = $1",
    )
    .bind(code)
    .fetch_optional(&mut *wf.db.reader().await?)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let score = |name: &str| -> Result<u8, RatingError> {
        u8::try_from(row.try_get::<i64, _>(name)?).map_err(|_| WorkflowError::Damaged.into())
    };
    let feeling = |name: &str| -> Result<Satisfaction, RatingError> {
        Satisfaction::parse(&row.try_get::<String, _>(name)?).ok_or(WorkflowError::Damaged.into())
    };
    let comment: String = row.try_get("comment")?;
    let at = OffsetDateTime::from_unix_timestamp(row.try_get("rated_at")?).map_err(|_| WorkflowError::Damaged)?;
    Ok(Some(Rating {
        time: score("time_score")?,
        answers: RatingAnswers {
            contacts: score("contacts")?,
            offices: score("offices")?,
            attitude: score("attitude")?,
            ease: feeling("ease")?,
            overall: feeling("overall")?,
            comment: (!comment.is_empty()).then_some(comment),
        },
        rated_at: iso(at),
    }))
}

/// What the rating page needs, through the tracking token.
pub async fn view(wf: &Workflow, token: &str) -> Result<RatingView, RatingError> {
    let stored = read::by_token(wf, token).await?;
    let status = read::status(wf, &stored.code).await?;
    let time = time_score(&status);
    Ok(RatingView { open: time.is_some(), time, rating: stored_rating(wf, &stored.code).await? })
}

/// Stores the rating of the dossier the token opens, once.
pub async fn rate(wf: &Workflow, token: &str, answers: RatingAnswers) -> Result<Rating, RatingError> {
    if let Some(name) = answers.out_of_range() {
        return Err(RatingError::OutOfRange(name));
    }
    let stored: Stored = read::by_token(wf, token).await?;
    let status = read::status(wf, &stored.code).await?;
    let time = time_score(&status).ok_or(RatingError::NotYet)?;
    let comment = answers.comment.as_deref().map(|c| clean_lines(c, MAX_COMMENT_CHARS)).unwrap_or_default();
    let now = OffsetDateTime::now_utc();
    let mut writer = wf.db.writer().await?;
    let mut tx = writer.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO ratings (dossier_code, time_score, contacts, offices, attitude, ease, overall, comment, rated_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE NOT EXISTS (SELECT 1 FROM ratings WHERE dossier_code = $1)",
    )
    .bind(&stored.code)
    .bind(i64::from(time))
    .bind(i64::from(answers.contacts))
    .bind(i64::from(answers.offices))
    .bind(i64::from(answers.attitude))
    .bind(answers.ease.code())
    .bind(answers.overall.code())
    .bind(&comment)
    .bind(now.unix_timestamp())
    .execute(&mut *tx)
    .await;
    let inserted = match inserted {
        Ok(done) => done.rows_affected(),
        // Two at once: the primary key lets one in.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => 0,
        Err(e) => return Err(e.into()),
    };
    if inserted == 0 {
        tx.rollback().await?;
        return Err(RatingError::AlreadyRated);
    }
    sqlx::query("UPDATE dossiers SET rated = 1 WHERE code = $1").bind(&stored.code).execute(&mut *tx).await?;
    tx.commit().await?;
    tracing::info!(dossier = stored.code, "dossier rated");
    let answers = RatingAnswers { comment: (!comment.is_empty()).then_some(comment), ..answers };
    Ok(Rating { time, answers, rated_at: iso(now) })
}
