//! Reading a dossier: its stored row and events, and the status page's read model built from
//! them. `overdue` and the next action are decided here, at read time, never stored.

use super::{DossierState, Workflow, WorkflowError};
use crate::portal::dossier::Receipt;
use crate::portal::types::LocalizedText;
use crate::portal::workflow::{
    Apology, DossierStatus, Event, NextAction, PaymentDue, Status, SupplementRequest, Transition,
};
use crate::server::portal::dossier::{from_iso, iso, link};
use sqlx::{any::AnyRow, Any, Row};
use std::sync::LazyLock;
use time::OffsetDateTime;

/// A dossier's row, as the workflow reads it.
pub struct Stored {
    pub code: String,
    pub receipt: Receipt,
    pub state: DossierState,
    pub last_event: i64,
    pub lang: String,
    pub contact_phone: String,
    pub contact_email: Option<String>,
    /// The mobile number whose Zalo account gets the messages too; `None` unless the citizen
    /// asked for Zalo when applying.
    pub contact_zalo: Option<String>,
    pub link_key: String,
    pub rated: bool,
    /// Where the result goes and what the post costs: the receipt's, or the citizen's change.
    pub return_address: String,
    pub postal_fee_vnd: Option<u64>,
}

const COLUMNS: &str = "code, receipt, status, last_event, tracking_number, new_due_date, apology_at, lang, \
                       contact_phone, contact_email, contact_zalo, link_key, rated, return_change";

/// The dossier `code`, or `NotFound`.
pub async fn load<'e>(db: impl sqlx::Executor<'e, Database = Any>, code: &str) -> Result<Stored, WorkflowError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM dossiers WHERE code = $1"))
        .bind(code)
        .fetch_optional(db)
        .await?
        .ok_or(WorkflowError::NotFound)?;
    stored(&row)
}

fn stored(row: &AnyRow) -> Result<Stored, WorkflowError> {
    let receipt: Receipt =
        serde_json::from_str(&row.try_get::<String, _>("receipt")?).map_err(|_| WorkflowError::Damaged)?;
    let status = Status::from_code(row.try_get("status")?).ok_or(WorkflowError::Damaged)?;
    let new_due: Option<String> = row.try_get("new_due_date")?;
    let due_at = from_iso(new_due.as_deref().unwrap_or(&receipt.due_at)).ok_or(WorkflowError::Damaged)?;
    let (return_method, return_address, postal_fee_vnd) = match row.try_get::<Option<String>, _>("return_change")? {
        Some(json) => match serde_json::from_str(&json).map_err(|_| WorkflowError::Damaged)? {
            Transition::ChangeReturn { method, address, postal_fee_vnd } => (method, address, postal_fee_vnd),
            _ => return Err(WorkflowError::Damaged),
        },
        None => (receipt.return_method, receipt.return_address.clone(), receipt.postal_fee_vnd),
    };
    let state = DossierState {
        status,
        return_method,
        tracking_number: row.try_get("tracking_number")?,
        apologised: row.try_get::<Option<i64>, _>("apology_at")?.is_some(),
        due_at,
    };
    Ok(Stored {
        code: row.try_get("code")?,
        receipt,
        state,
        last_event: row.try_get("last_event")?,
        lang: row.try_get("lang")?,
        contact_phone: row.try_get("contact_phone")?,
        contact_email: row.try_get("contact_email")?,
        contact_zalo: row.try_get("contact_zalo")?,
        link_key: row.try_get("link_key")?,
        rated: row.try_get::<i64, _>("rated")? != 0,
        return_address,
        postal_fee_vnd,
    })
}

/// An event as stored, with the action it recorded.
struct StoredEvent {
    event: Event,
    applied: Option<Transition>,
}

/// The dossier `code` and its events, oldest first, in one statement: on SQLite every statement
/// is a round trip to the connection's own thread, and the status page's time at 200
/// connections was made of those round trips (`make bench` track; bench/RESULTS.md, session 6).
/// The dossier's row comes first, then one row per event (UNION ALL, not a JOIN: a JOIN repeated
/// the dossier's columns, its 3 KB receipt among them, on every event's row, and each copy was
/// converted and checked as UTF-8 again).
async fn with_events<'e>(
    db: impl sqlx::Executor<'e, Database = Any>,
    code: &str,
) -> Result<(Stored, Vec<StoredEvent>), WorkflowError> {
    const EVENT_COLUMNS: [&str; 8] = ["seq", "status", "kind", "actor", "office", "at", "note", "data"];
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let dossier: Vec<&str> = COLUMNS.split(',').map(str::trim).collect();
        let (null_dossier, null_events): (Vec<String>, Vec<String>) = (
            dossier.iter().map(|c| format!("NULL AS {c}")).collect(),
            EVENT_COLUMNS.iter().map(|c| format!("NULL AS e_{c}")).collect(),
        );
        let events: Vec<String> = EVENT_COLUMNS.iter().map(|c| format!("{c} AS e_{c}")).collect();
        format!(
            "SELECT {}, {} FROM dossiers WHERE code = $1 \
             UNION ALL SELECT {}, {} FROM dossier_events WHERE dossier_code = $1 \
             ORDER BY e_seq NULLS FIRST",
            dossier.join(", "),
            null_events.join(", "),
            null_dossier.join(", "),
            events.join(", ")
        )
    });
    let rows = sqlx::query(SQL.as_str()).bind(code).fetch_all(db).await?;
    let first = rows.first().filter(|r| r.try_get::<Option<i64>, _>("e_seq").ok().flatten().is_none());
    let stored = stored(first.ok_or(WorkflowError::NotFound)?)?;
    let events = rows[1..].iter().map(stored_event).collect::<Result<Vec<_>, _>>()?;
    Ok((stored, events))
}

fn stored_event(row: &AnyRow) -> Result<StoredEvent, WorkflowError> {
    let status = Status::from_code(row.try_get("e_status")?).ok_or(WorkflowError::Damaged)?;
    let office: LocalizedText =
        serde_json::from_str(&row.try_get::<String, _>("e_office")?).map_err(|_| WorkflowError::Damaged)?;
    let at = OffsetDateTime::from_unix_timestamp(row.try_get("e_at")?).map_err(|_| WorkflowError::Damaged)?;
    Ok(StoredEvent {
        event: Event {
            seq: u32::try_from(row.try_get::<i64, _>("e_seq")?).map_err(|_| WorkflowError::Damaged)?,
            status,
            kind: row.try_get("e_kind")?,
            actor: row.try_get("e_actor")?,
            office,
            at: iso(at),
            note: row.try_get("e_note")?,
        },
        // The submission's event records no action.
        applied: serde_json::from_str(&row.try_get::<String, _>("e_data")?).ok(),
    })
}

/// The status page's model of the dossier `code`.
pub async fn status(wf: &Workflow, code: &str) -> Result<DossierStatus, WorkflowError> {
    let (stored, events) = with_events(&mut *wf.db.reader().await?, code).await?;
    Ok(build(stored, events, OffsetDateTime::now_utc(), wf))
}

/// The status a tracking token opens: one `NotFound` for a malformed, expired, forged or unknown
/// token alike (as `submission::receipt_by_token`).
pub async fn status_by_token(wf: &Workflow, token: &str) -> Result<DossierStatus, WorkflowError> {
    let claim = link::read(token, OffsetDateTime::now_utc().unix_timestamp()).ok_or(WorkflowError::NotFound)?;
    let (stored, events) = with_events(&mut *wf.db.reader().await?, &claim.code).await?;
    if !claim.verify(&stored.link_key) {
        return Err(WorkflowError::NotFound);
    }
    Ok(build(stored, events, OffsetDateTime::now_utc(), wf))
}

/// The dossier a tracking token opens, verified: what every citizen action is authorised by.
pub async fn by_token(wf: &Workflow, token: &str) -> Result<Stored, WorkflowError> {
    let claim = link::read(token, OffsetDateTime::now_utc().unix_timestamp()).ok_or(WorkflowError::NotFound)?;
    let stored = load(&mut *wf.db.reader().await?, &claim.code).await?;
    if !claim.verify(&stored.link_key) {
        return Err(WorkflowError::NotFound);
    }
    Ok(stored)
}

/// The latest event of `code` whose kind is one of `kinds`: its number and the action it recorded.
pub async fn last_of(
    wf: &Workflow,
    code: &str,
    kinds: &[&str],
) -> Result<Option<(i64, String, String)>, WorkflowError> {
    let placeholders: Vec<String> = (0..kinds.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT seq, kind, data FROM dossier_events WHERE dossier_code = $1 AND kind IN ({}) ORDER BY seq DESC LIMIT 1",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(code);
    for kind in kinds {
        query = query.bind(*kind);
    }
    let Some(row) = query.fetch_optional(&mut *wf.db.reader().await?).await? else { return Ok(None) };
    Ok(Some((row.try_get("seq")?, row.try_get("kind")?, row.try_get("data")?)))
}

fn build(stored: Stored, events: Vec<StoredEvent>, now: OffsetDateTime, wf: &Workflow) -> DossierStatus {
    let Stored { code, receipt, state, rated, return_address, postal_fee_vnd, .. } = stored;
    let status = state.status;
    // The last time each action was taken, for what it asked.
    let last = |action: &str| events.iter().rev().find(|e| e.event.kind == action).and_then(|e| e.applied.clone());
    let supplement = match (status, last("request_supplement")) {
        (Status::SupplementRequested, Some(Transition::RequestSupplement { reason, documents, deadline })) => {
            Some(SupplementRequest { reason, documents, deadline: deadline.unwrap_or_default() })
        }
        _ => None,
    };
    let payment = match (status, last("require_payment")) {
        (Status::PaymentRequired, Some(Transition::RequirePayment { amount_vnd, purpose })) => {
            Some(PaymentDue { amount_vnd, purpose })
        }
        _ => None,
    };
    let result_documents = match last("complete") {
        Some(Transition::Complete { result_documents }) => result_documents,
        _ => Vec::new(),
    };
    let apology = events.iter().rev().find(|e| e.event.kind == "apologise").map(|e| Apology {
        note: e.event.note.clone(),
        new_due_at: iso(state.due_at),
        issued_at: e.event.at.clone(),
    });
    let next_action =
        NextAction::decide(status, state.return_method, state.tracking_number.as_deref(), rated, &wf.counter);
    DossierStatus {
        dossier_code: code,
        procedure_code: receipt.procedure_code,
        procedure_name: receipt.procedure_name,
        received_at: receipt.received_at,
        due_at: iso(state.due_at),
        original_due_at: receipt.due_at,
        apology,
        overdue: !status.is_finished() && now > state.due_at,
        status,
        status_code: status.code(),
        events: events.into_iter().map(|e| e.event).collect(),
        supplement,
        payment,
        result_documents,
        return_method: state.return_method,
        return_address,
        postal_fee_vnd,
        tracking_number: state.tracking_number,
        delivered: status == Status::ResultReturned,
        next_action,
        rated,
    }
}
