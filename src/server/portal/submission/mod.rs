//! Sending an application: a draft becomes a dossier exactly once.
//!
//! The draft is the idempotency key (`dossiers.draft_id` is UNIQUE, and a sent draft carries its
//! dossier's code). A submission first reads and checks the draft on a reader, outside the write
//! lock: is it sent already (then its stored receipt is the answer), are the answers valid and
//! the documents there, what will the receipt say. Then one transaction, opened with
//! [`begin_submission`], takes the day's number, claims the draft (only the revision that was
//! checked, still unsent: every save, upload and removal of a file changes the revision), stores
//! the dossier and marks its files. A claim that finds the draft changed rolls back, giving its
//! number back, and the draft is read and checked again. So a double tap, a retry after a
//! timeout, a replayed POST or two tabs all end with one dossier and the same stored receipt:
//! - on SQLite the transaction holds the write lock from its start, so the second submission
//!   waits, finds the draft claimed, and reads the first one's receipt;
//! - on PostgreSQL the second one waits on the day's sequence row, then on the draft's row, finds
//!   it claimed, rolls back (no gap) and reads the first one's receipt.
//!
//! Only the writes hold the lock: with the reads and the checks inside it, SQLite's one writer
//! spent most of a submission on work that needs no lock, and submissions queued behind it.

mod claim;
mod content;
mod fresh;
mod group;

pub(crate) use content::{postal_fee, return_address, return_method};
pub use fresh::FreshReceipts;
pub use group::Queue;

use super::dossier::{iso, link, CalendarError, DossierCode, DossierError};
use super::drafts::{self, DraftError, LIFETIME_SECONDS};
use super::store::Db;
use super::workflow::CITIZEN;
use super::PortalState;
use crate::i18n::Lang;
use crate::portal::dossier::{Incomplete, Receipt};
use crate::portal::form::ids;
use crate::portal::workflow::Status;
use content::{check_complete, documents, first, online_channel, processing_time, zalo_number};
use sqlx::{Any, Row, Transaction};
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("no such draft (it may have expired), or no dossier for it")]
    NotFound,
    #[error("the application is not complete: {} answers and {} documents are missing or wrong", .0.fields.len(), .0.documents.len())]
    Incomplete(Incomplete),
    #[error("the procedure states no processing time")]
    NoProcessingTime,
    #[error("cannot date the receipt: {0}")]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Numbering(#[from] DossierError),
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the stored draft or dossier cannot be read")]
    Damaged,
    #[error("no randomness available: {0}")]
    Random(#[from] getrandom::Error),
    #[error("the submission stopped: {0}")]
    Stopped(#[from] tokio::task::JoinError),
    #[error("the draft kept changing while it was being sent")]
    Busy,
    #[error("the database did not confirm that it kept the submission; sending again is safe")]
    NotKept,
}

impl From<DraftError> for SubmitError {
    fn from(e: DraftError) -> Self {
        match e {
            DraftError::NotFound => SubmitError::NotFound,
            DraftError::Database(e) => SubmitError::Database(e),
            DraftError::Random(e) => SubmitError::Random(e),
            _ => SubmitError::Damaged,
        }
    }
}

/// A submission's outcome: the stored receipt (JSON, byte for byte as issued) and whether this
/// call made the dossier (201) or found it made already (200).
#[derive(Debug)]
pub struct Submitted {
    pub receipt: String,
    pub created: bool,
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// Sends the draft `draft_id`, or finds the dossier it became.
///
/// The writes run on a task of their own ([`group`]: with the other submissions waiting, on
/// SQLite), so they always finish (committed or rolled back) even when the caller goes away
/// half-way — a client hanging up, a front end's timeout.
///
/// `lang` is the citizen's language: the messages about the dossier are written in it.
pub async fn submit(state: &PortalState, draft_id: &str, lang: Lang) -> Result<Submitted, SubmitError> {
    // Each new attempt follows a change that landed (a save, an upload, the other tab's
    // submission, whose receipt the next read finds): a few are plenty.
    for _ in 0..8 {
        let checked = match check(state, draft_id).await? {
            Read::Sent(receipt) => return Ok(Submitted { receipt, created: false }),
            Read::Open(checked) => checked,
        };
        let link_key = checked.link_key.clone();
        match group::write(state, draft_id, *checked, lang).await {
            Ok(Some(Stored { code, receipt })) => {
                state.fresh_receipts.keep(&code, &link_key, &receipt);
                return Ok(Submitted { receipt, created: true });
            }
            Ok(None) => continue,
            Err(e) => return found_after_all(&state.db, draft_id, e).await,
        }
    }
    Err(SubmitError::Busy)
}

/// A draft as read, before the write lock.
enum Read {
    /// Sent already: its dossier's stored receipt.
    Sent(String),
    Open(Box<Checked>),
}

/// A complete draft, checked: everything its dossier needs but the day's number.
struct Checked {
    /// The revision checked: the claim lands only on this one.
    revision: i64,
    /// The answers as stored, frozen into the dossier.
    answers: String,
    received: OffsetDateTime,
    /// The receipt, but for the dossier's code and tracking link.
    receipt: Receipt,
    link_key: String,
    phone: String,
    citizen_id: String,
    email: String,
    zalo: Option<String>,
}

/// Reads the draft and its files on a reader and checks them, without the write lock.
async fn check(state: &PortalState, draft_id: &str) -> Result<Read, SubmitError> {
    let received = now();
    // Sent, or gone since (a sent draft outlives its dossier's receipt page for a while only):
    // the stored receipt, if there is one.
    let (draft, files) = match drafts::with_files(&state.db, draft_id).await {
        Ok((draft, files)) if draft.dossier_code.is_none() => (draft, files),
        Ok(_) | Err(DraftError::NotFound) => {
            let receipt = stored_receipt(&mut *state.db.reader().await?, draft_id).await?;
            return receipt.map(Read::Sent).ok_or(SubmitError::NotFound);
        }
        Err(e) => return Err(e.into()),
    };
    let procedure = state.index.get(&draft.procedure_code).ok_or(SubmitError::NotFound)?;
    let answers = draft.all_answers();
    check_complete(state, procedure, &answers, &files)?;

    let time = processing_time(procedure)?;
    let due = state.calendar.due_date(received, &time)?;
    let receipt = Receipt {
        dossier_code: String::new(),
        procedure_code: procedure.code.clone(),
        procedure_name: procedure.name.clone(),
        agency: procedure.agency.clone(),
        received_at: iso(received),
        counted_from: iso(due.counted_from),
        due_at: iso(due.due),
        due_provisional: due.provisional,
        processing_time: time.clone(),
        applicant_name: first(&answers, "applicant_name"),
        documents: documents(procedure, &files),
        fees: online_channel(procedure).map(|c| c.fees.clone()).unwrap_or_default(),
        return_method: return_method(&answers),
        return_address: return_address(state, &answers),
        postal_fee_vnd: postal_fee(state, &answers),
        tracking_token: String::new(),
    };
    let phone = ids::mobile_phone(&first(&answers, "applicant_phone")).unwrap_or_default();
    let citizen_id: String = first(&answers, "applicant_citizen_id").chars().filter(char::is_ascii_digit).collect();
    // Optional on the form; kept only when it looks like an address, for the outbox.
    let email = Some(first(&answers, "applicant_email")).filter(|e| e.contains('@')).unwrap_or_default();
    let zalo = zalo_number(&answers, &phone);
    Ok(Read::Open(Box::new(Checked {
        revision: draft.revision,
        answers: serde_json::to_string(&draft.answers).map_err(|_| SubmitError::Damaged)?,
        received,
        receipt,
        link_key: link::new_link_key()?,
        phone,
        citizen_id,
        email,
        zalo,
    })))
}

/// After a failure: another submission of the same draft may have won the race (the UNIQUE
/// `draft_id`), or a commit whose answer was lost landed after all, and its dossier is then the
/// answer; otherwise the failure stands.
async fn found_after_all(db: &Db, draft_id: &str, error: SubmitError) -> Result<Submitted, SubmitError> {
    if matches!(error, SubmitError::Database(_) | SubmitError::NotKept) {
        if let Some(receipt) = stored_receipt(&mut *db.reader().await?, draft_id).await? {
            return Ok(Submitted { receipt, created: false });
        }
    }
    Err(error)
}

async fn stored_receipt<'e>(
    db: impl sqlx::Executor<'e, Database = Any>,
    draft_id: &str,
) -> Result<Option<String>, SubmitError> {
    let row = sqlx::query("SELECT receipt FROM dossiers WHERE draft_id = $1").bind(draft_id).fetch_optional(db).await?;
    Ok(row.map(|r| r.try_get::<String, _>(0)).transpose()?)
}

/// The receipt of the dossier a draft became; `NotFound` while it has not been sent.
pub async fn receipt_of_draft(db: &Db, draft_id: &str) -> Result<String, SubmitError> {
    stored_receipt(&mut *db.reader().await?, draft_id).await?.ok_or(SubmitError::NotFound)
}

/// The receipt a tracking token opens; `NotFound` for a token that is malformed, expired,
/// forged or names no dossier, all alike. A dossier sent minutes ago is answered from memory
/// ([`fresh`]), checked with the same key.
pub async fn receipt_by_token(state: &PortalState, token: &str) -> Result<String, SubmitError> {
    let claim = link::read(token, now().unix_timestamp()).ok_or(SubmitError::NotFound)?;
    let (key, receipt): (String, String) = match state.fresh_receipts.get(&claim.code) {
        Some(kept) => (kept.link_key.to_string(), kept.receipt.to_string()),
        None => {
            let row = sqlx::query("SELECT receipt, link_key FROM dossiers WHERE code = $1")
                .bind(&claim.code)
                .fetch_optional(&mut *state.db.reader().await?)
                .await?
                .ok_or(SubmitError::NotFound)?;
            (row.try_get("link_key")?, row.try_get("receipt")?)
        }
    };
    if !claim.verify(&key) {
        return Err(SubmitError::NotFound);
    }
    Ok(receipt)
}

/// A dossier just written (pending the commit): its code and its receipt as stored.
pub(super) struct Stored {
    code: String,
    receipt: String,
}

/// Inside `tx`, as the dossier `number` (taken in `tx`): claims the draft, writes the dossier and
/// its first event, and marks the draft's files as the dossier's ([`claim`]). `None`, having
/// written nothing, when the claim finds the draft changed: the caller gives the number back.
async fn store(
    tx: &mut Transaction<'_, Any>,
    number: &DossierCode,
    draft_id: &str,
    checked: &Checked,
    lang: Lang,
) -> Result<Option<Stored>, SubmitError> {
    let Checked { revision, answers, received, receipt, link_key, phone, citizen_id, email, zalo } = checked;
    let (revision, received) = (*revision, *received);
    let mut receipt = receipt.clone();
    receipt.tracking_token = link::sign_short(number, link_key).ok_or(SubmitError::Damaged)?;
    let code = number.to_string();
    receipt.dossier_code = code.clone();
    // Stored exactly as every later answer sends it: the receipt never changes.
    let receipt_json = crate::portal::types::to_safe_json(&receipt);
    let sqlite = tx.backend_name().eq_ignore_ascii_case("sqlite");
    let claimed = claim::claim(
        tx,
        sqlite,
        claim::Claim {
            code: &code,
            draft_id,
            revision,
            received_unix: received.unix_timestamp(),
            // A sent draft is kept as long as a fresh one, so the back button and a resume
            // code still lead to its receipt for a while.
            expires_unix: received.unix_timestamp() + LIFETIME_SECONDS,
            procedure_code: &receipt.procedure_code,
            due_at: &receipt.due_at,
            answers,
            phone,
            citizen_id,
            receipt_json: &receipt_json,
            link_key,
            lang: lang.code(),
            email,
            status: i64::from(Status::NewlyRegistered.code()),
            zalo: zalo.as_deref(),
            actor: CITIZEN,
            office_json: serde_json::to_string(&receipt.agency).unwrap_or_else(|_| "{}".into()),
            kind: "submitted",
        },
    )
    .await?;
    Ok(claimed.then_some(Stored { code, receipt: receipt_json }))
}
