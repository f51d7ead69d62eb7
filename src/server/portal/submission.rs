//! Sending an application: a draft becomes a dossier exactly once.
//!
//! The draft is the idempotency key (`dossiers.draft_id` is UNIQUE). Everything happens in one
//! transaction opened with [`begin_submission`]: find an existing dossier for the draft, check the
//! answers and documents, take the day's number, date the receipt, store the dossier and mark the
//! draft and its files as sent. So a double tap, a retry after a timeout, a replayed POST or two
//! tabs all end with one dossier and the same stored receipt:
//! - on SQLite the transaction holds the write lock from its start, so the second submission
//!   waits and then finds the first one's dossier;
//! - on PostgreSQL the second one waits on the day's sequence row, then fails on the UNIQUE
//!   `draft_id`, rolls back (giving its number back: no gap) and reads the first one's dossier.

use super::dossier::{begin_submission, iso, link, next_dossier_code, CalendarError, DossierError};
use super::drafts::{DraftError, LIFETIME_SECONDS};
use super::store::Db;
use super::workflow::store::{insert_event, NewEvent};
use super::workflow::CITIZEN;
use super::PortalState;
use crate::i18n::Lang;
use crate::portal::delivery::fields;
use crate::portal::dossier::{Incomplete, Receipt, ReceivedDocument, ReturnMethod};
use crate::portal::draft::SectionAnswers;
use crate::portal::form::{self, date::Date, ids, Answers};
use crate::portal::types::{ChannelKind, Procedure, ProcessingTime};
use crate::portal::workflow::Status;
use sqlx::{Any, Row, Transaction};
use std::collections::{BTreeMap, HashMap};
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
/// The work runs as its own task (`Db::write_task`), so it always finishes (committed or rolled
/// back) even when the caller goes away half-way — a client hanging up, a front end's timeout.
/// Dropped in the middle, sqlx's `BEGIN IMMEDIATE` left its connection in the pool believing it
/// was still inside a transaction, and every later submission on it failed.
///
/// `lang` is the citizen's language: the messages about the dossier are written in it.
pub async fn submit(state: &PortalState, draft_id: &str, lang: Lang) -> Result<Submitted, SubmitError> {
    let (state, draft_id) = (state.clone(), draft_id.to_string());
    let db = state.db.clone();
    db.write_task(async move { submit_to_the_end(&state, &draft_id, lang).await }).await?
}

async fn submit_to_the_end(state: &PortalState, draft_id: &str, lang: Lang) -> Result<Submitted, SubmitError> {
    let mut writer = state.db.writer().await?;
    let mut tx = begin_submission(&mut writer).await?;
    if let Some(receipt) = stored_receipt(&mut *tx, draft_id).await? {
        tx.rollback().await?;
        return Ok(Submitted { receipt, created: false });
    }
    match make_dossier(state, &mut tx, draft_id, lang).await {
        Ok(receipt) => match tx.commit().await {
            Ok(()) => Ok(Submitted { receipt, created: true }),
            Err(e) => found_after_all(&state.db, draft_id, e.into()).await,
        },
        Err(e) => {
            // Roll back first: the failed transaction holds the day's number and (on SQLite)
            // the write lock.
            let _ = tx.rollback().await;
            found_after_all(&state.db, draft_id, e).await
        }
    }
}

/// After a failure: another submission of the same draft may have won the race (the UNIQUE
/// `draft_id`), and its dossier is then the answer; otherwise the failure stands.
async fn found_after_all(db: &Db, draft_id: &str, error: SubmitError) -> Result<Submitted, SubmitError> {
    if matches!(error, SubmitError::Database(_)) {
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
/// forged or names no dossier, all alike.
pub async fn receipt_by_token(db: &Db, token: &str) -> Result<String, SubmitError> {
    let claim = link::read(token, now().unix_timestamp()).ok_or(SubmitError::NotFound)?;
    let row = sqlx::query("SELECT receipt, link_key FROM dossiers WHERE code = $1")
        .bind(&claim.code)
        .fetch_optional(&mut *db.reader().await?)
        .await?
        .ok_or(SubmitError::NotFound)?;
    let key: String = row.try_get("link_key")?;
    if !claim.verify(&key) {
        return Err(SubmitError::NotFound);
    }
    Ok(row.try_get("receipt")?)
}

/// Checks the draft, numbers and dates it, and writes the dossier, inside `tx`.
async fn make_dossier(
    state: &PortalState,
    tx: &mut Transaction<'_, Any>,
    draft_id: &str,
    lang: Lang,
) -> Result<String, SubmitError> {
    let received = now();
    let row = sqlx::query("SELECT procedure_code, answers FROM drafts WHERE id = $1 AND expires_at > $2")
        .bind(draft_id)
        .bind(received.unix_timestamp())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(SubmitError::NotFound)?;
    let procedure_code: String = row.try_get("procedure_code")?;
    let stored: String = row.try_get("answers")?;
    let sections: BTreeMap<String, SectionAnswers> = serde_json::from_str(&stored).map_err(|_| SubmitError::Damaged)?;
    let procedure = state.index.get(&procedure_code).ok_or(SubmitError::NotFound)?;
    let answers: Answers = sections.values().flat_map(|s| s.iter().map(|(k, v)| (k.clone(), v.clone()))).collect();
    let files = attached_files(tx, draft_id).await?;
    check_complete(state, procedure, &answers, &files)?;

    let code = next_dossier_code(tx, &state.agency, received).await?;
    let time = processing_time(procedure)?;
    let due = state.calendar.due_date(received, &time)?;
    let key = link::new_link_key()?;
    let token = link::sign(&code.to_string(), received.unix_timestamp() + link::LINK_LIFETIME_SECONDS, &key)
        .ok_or(SubmitError::Damaged)?;
    let receipt = Receipt {
        dossier_code: code.to_string(),
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
        tracking_token: token,
    };
    // Stored exactly as every later answer sends it: the receipt never changes.
    let receipt_json = crate::portal::types::to_safe_json(&receipt);
    let phone = ids::mobile_phone(&first(&answers, "applicant_phone")).unwrap_or_default();
    let citizen_id: String = first(&answers, "applicant_citizen_id").chars().filter(char::is_ascii_digit).collect();
    // Optional on the form; kept only when it looks like an address, for the outbox.
    let email = Some(first(&answers, "applicant_email")).filter(|e| e.contains('@')).unwrap_or_default();
    let zalo = zalo_number(&answers, &phone);
    sqlx::query(
        "INSERT INTO dossiers (code, draft_id, procedure_code, received_at, due_date, answers, contact_phone, \
         citizen_id, receipt, link_key, lang, contact_email, status, last_event, contact_zalo) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14)",
    )
    .bind(code.to_string())
    .bind(draft_id)
    .bind(&procedure.code)
    .bind(received.unix_timestamp())
    .bind(&receipt.due_at)
    .bind(&stored)
    .bind(phone)
    .bind(citizen_id)
    .bind(&receipt_json)
    .bind(key)
    .bind(lang.code())
    .bind(email)
    .bind(i64::from(Status::NewlyRegistered.code()))
    .bind(zalo)
    .execute(&mut **tx)
    .await?;
    let code_text = code.to_string();
    let registered = NewEvent {
        code: &code_text,
        seq: 1,
        status: Status::NewlyRegistered,
        kind: "submitted",
        actor: CITIZEN,
        office: &procedure.agency,
        at: received,
        note: "",
        data: "{}".into(),
    };
    insert_event(tx, &registered).await?;
    sqlx::query("UPDATE attachments SET dossier_code = $1 WHERE draft_id = $2")
        .bind(code.to_string())
        .bind(draft_id)
        .execute(&mut **tx)
        .await?;
    // A sent draft is kept as long as a fresh one, so the back button and a resume code still
    // lead to its receipt for a while.
    sqlx::query("UPDATE drafts SET dossier_code = $1, expires_at = $2 WHERE id = $3")
        .bind(code.to_string())
        .bind(received.unix_timestamp() + LIFETIME_SECONDS)
        .bind(draft_id)
        .execute(&mut **tx)
        .await?;
    Ok(receipt_json)
}

/// Files attached to the draft, by document slot.
async fn attached_files(tx: &mut Transaction<'_, Any>, draft_id: &str) -> Result<HashMap<u32, u32>, SubmitError> {
    let rows = sqlx::query("SELECT slot, COUNT(*) AS files FROM attachments WHERE draft_id = $1 GROUP BY slot")
        .bind(draft_id)
        .fetch_all(&mut **tx)
        .await?;
    let mut files = HashMap::new();
    for row in rows {
        let slot: i64 = row.try_get::<i64, _>(0).or_else(|_| row.try_get::<i32, _>(0).map(i64::from))?;
        let count: i64 = row.try_get(1)?;
        if let (Ok(slot), Ok(count)) = (u32::try_from(slot), u32::try_from(count)) {
            files.insert(slot, count);
        }
    }
    Ok(files)
}

/// Every answer valid by the procedure's form, and a file for every document that must be
/// uploaded (`RequiredDocument::must_upload`: not the e-form itself, not one only for a case).
fn check_complete(
    state: &PortalState,
    procedure: &Procedure,
    answers: &Answers,
    files: &HashMap<u32, u32>,
) -> Result<(), SubmitError> {
    let form = state.forms.form_for(&procedure.code);
    let ctx = form::Context { today: Date::today_in_vietnam(), province: Some(&state.province) };
    let mut fields: Vec<String> = Vec::new();
    for error in form::validate(&form, answers, &ctx).errors {
        if !fields.contains(&error.input) {
            fields.push(error.input);
        }
    }
    let documents: Vec<u32> = (0u32..)
        .zip(&procedure.documents)
        .filter(|(slot, doc)| doc.must_upload(!form.generic) && files.get(slot).copied().unwrap_or(0) == 0)
        .map(|(slot, _)| slot)
        .collect();
    if fields.is_empty() && documents.is_empty() {
        return Ok(());
    }
    Err(SubmitError::Incomplete(Incomplete {
        code: "incomplete".into(),
        message: "some answers or documents are missing or wrong".into(),
        fields,
        documents,
    }))
}

fn online_channel(procedure: &Procedure) -> Option<&crate::portal::types::Channel> {
    procedure.channels.iter().find(|c| c.kind == ChannelKind::Online).or(procedure.channels.first())
}

/// The online channel's processing time (the one a dossier sent online is held to).
fn processing_time(procedure: &Procedure) -> Result<ProcessingTime, SubmitError> {
    online_channel(procedure).map(|c| c.processing_time.clone()).ok_or(SubmitError::NoProcessingTime)
}

fn documents(procedure: &Procedure, files: &HashMap<u32, u32>) -> Vec<ReceivedDocument> {
    (0u32..)
        .zip(&procedure.documents)
        .map(|(slot, doc)| ReceivedDocument {
            name: doc.name.clone(),
            originals: doc.originals,
            copies: doc.copies,
            files: files.get(&slot).copied().unwrap_or(0),
        })
        .collect()
}

/// The applicant page's Zalo question (`data/forms/common/applicant.json`): one checkbox, whose
/// value is `yes` when ticked.
const ZALO: &str = "applicant_zalo";

/// The number whose Zalo account gets the messages too: the contact phone (Zalo accounts are
/// keyed by the mobile number), only when the citizen ticked the box; `None` (NULL) otherwise.
fn zalo_number(answers: &Answers, phone: &str) -> Option<String> {
    (first(answers, ZALO) == form::YES && !phone.is_empty()).then(|| phone.to_string())
}

fn first(answers: &Answers, name: &str) -> String {
    answers.get(name).and_then(|v| v.first()).map(|v| v.trim().to_string()).unwrap_or_default()
}

/// The "how to receive the result" page's choice (`data/forms/common/return.json`); the counter
/// when the form does not ask.
pub(crate) fn return_method(answers: &Answers) -> ReturnMethod {
    if first(answers, fields::METHOD) == fields::BY_POST {
        ReturnMethod::Post
    } else {
        ReturnMethod::Counter
    }
}

/// By post: recipient, street, commune and province as answered (units by name); at the
/// counter: the one-stop counter's name and address.
pub(crate) fn return_address(state: &PortalState, answers: &Answers) -> String {
    if return_method(answers) == ReturnMethod::Counter {
        return format!("{}, {}", state.counter.name.vi, state.counter.address);
    }
    let commune = first(answers, "return_address.commune");
    let commune = state.province.units.iter().find(|u| u.code == commune).map_or(commune, |u| u.name.clone());
    let province = first(answers, "return_address.province");
    let province = if province == state.province.code { state.province.name.clone() } else { province };
    let place = [first(answers, "return_address.street"), commune, province]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    match first(answers, "return_recipient") {
        name if name.is_empty() => place,
        name => format!("{name} — {place}"),
    }
}

/// The postal charge for sending the result, quoted as the return page showed it (the same
/// tariff, commune and originals choice); `None` at the counter.
pub(crate) fn postal_fee(state: &PortalState, answers: &Answers) -> Option<u64> {
    if return_method(answers) != ReturnMethod::Post {
        return None;
    }
    let originals = first(answers, fields::ORIGINALS) == crate::portal::form::YES;
    super::delivery::quote(&state.tariff, &state.province, &first(answers, fields::COMMUNE), originals)
        .ok()
        .map(|q| q.fee_vnd)
}
