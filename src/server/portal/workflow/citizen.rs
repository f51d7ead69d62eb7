//! The citizen's own actions on a dossier, authorised by its signed tracking token alone (the
//! receipt's QR code): answering a supplement request with files, and withdrawing. Both go
//! through `store::advance` (one transaction, event, outbox) and both are exactly-once: a
//! repeated request (a double tap, a replay) answers the dossier as it is, without a second event.

use super::read::{self, Stored};
use super::{store, Actor, Workflow, WorkflowError};
use crate::portal::input::clean_lines;
use crate::portal::workflow::{DossierStatus, Status, SupplementRequest, Transition};
use crate::server::portal::attachments::{self, AttachmentError, AttachmentStore, Holder};

/// Longest withdrawal reason taken (as `WithdrawRequest` declares it).
pub const MAX_REASON_CHARS: usize = 2000;

/// The supplement request a dossier waits for: the event that made it and what it asks.
#[derive(Clone, Debug)]
pub struct OpenRequest {
    pub seq: i64,
    pub request: SupplementRequest,
}

impl OpenRequest {
    /// Where the files answering it are kept.
    pub fn holder<'a>(&self, code: &'a str) -> Holder<'a> {
        Holder::Supplement { code, request: self.seq }
    }
}

/// The open supplement request of a dossier, if it is waiting for one (status 5).
pub async fn open_request(wf: &Workflow, stored: &Stored) -> Result<Option<OpenRequest>, WorkflowError> {
    if stored.state.status != Status::SupplementRequested {
        return Ok(None);
    }
    let Some((seq, _, data)) = read::last_of(wf, &stored.code, &["request_supplement"]).await? else {
        return Err(WorkflowError::Damaged);
    };
    match serde_json::from_str(&data).map_err(|_| WorkflowError::Damaged)? {
        Transition::RequestSupplement { reason, documents, deadline } => Ok(Some(OpenRequest {
            seq,
            request: SupplementRequest { reason, documents, deadline: deadline.unwrap_or_default() },
        })),
        _ => Err(WorkflowError::Damaged),
    }
}

/// The dossier a token opens and its open request; `NotRequested` when it waits for none.
pub async fn requested(wf: &Workflow, token: &str) -> Result<(Stored, OpenRequest), SupplementError> {
    let stored = read::by_token(wf, token).await?;
    let open = open_request(wf, &stored).await?.ok_or(AttachmentError::NotRequested)?;
    Ok((stored, open))
}

/// Sends the files to the office: the dossier goes back to processing (5 → 4). Refused with
/// nothing sent while a document asked for has no file. Sent already: the dossier as it is.
pub async fn send_supplement(
    wf: &Workflow,
    files: &AttachmentStore,
    token: &str,
) -> Result<DossierStatus, SupplementError> {
    let stored = read::by_token(wf, token).await?;
    let Some(open) = open_request(wf, &stored).await? else {
        return Ok(already(wf, &stored, "supplied", &["request_supplement", "supplied"]).await?);
    };
    let list = attachments::list(&wf.db, files, open.holder(&stored.code)).await?;
    let missing: Vec<u32> =
        (0..open.request.documents.len() as u32).filter(|slot| !list.files.iter().any(|f| f.slot == *slot)).collect();
    if !missing.is_empty() {
        return Err(WorkflowError::MissingDocuments(missing).into());
    }
    match store::advance(wf, &stored.code, &Transition::Supplied, &Actor::Citizen).await {
        // Sent by a twin request in between.
        Err(WorkflowError::Illegal { .. }) => {
            let stored = read::load(&mut *wf.db.reader().await.map_err(WorkflowError::from)?, &stored.code).await?;
            Ok(already(wf, &stored, "supplied", &["request_supplement", "supplied"]).await?)
        }
        other => Ok(other?),
    }
}

/// Asks to withdraw the dossier (→ 7); asked already: the dossier as it is; finished: 409.
pub async fn withdraw(wf: &Workflow, token: &str, reason: Option<String>) -> Result<DossierStatus, WorkflowError> {
    let stored = read::by_token(wf, token).await?;
    // Checked before anything, so a repeat with a reason too long is refused as the first would
    // be; what a stranger typed is kept cleaned (no control or invisible characters).
    if reason.as_ref().is_some_and(|r| r.chars().count() > MAX_REASON_CHARS) {
        return Err(WorkflowError::Invalid { field: "reason", problem: "is longer than 2000 characters" });
    }
    let reason = reason.map(|r| clean_lines(&r, MAX_REASON_CHARS)).filter(|r| !r.is_empty());
    let t = Transition::Withdraw { reason };
    let withdrawn = |stored: &Stored| stored.state.status == Status::WithdrawalRequested;
    if withdrawn(&stored) {
        return read::status(wf, &stored.code).await;
    }
    match store::advance(wf, &stored.code, &t, &Actor::Citizen).await {
        Err(WorkflowError::Illegal { from: Status::WithdrawalRequested, .. }) => read::status(wf, &stored.code).await,
        other => other,
    }
}

/// Changes how the result comes back (`t` is a `ChangeReturn` built from checked answers). The
/// same change again (a double tap, a replay) answers the dossier as it is, without an event;
/// once the result has left (VNPost has it, or it was returned), 409.
pub async fn change_return(wf: &Workflow, stored: &Stored, t: &Transition) -> Result<DossierStatus, WorkflowError> {
    if let Transition::ChangeReturn { method, address, postal_fee_vnd } = t {
        let same = stored.state.return_method == *method
            && stored.return_address == *address
            && stored.postal_fee_vnd == *postal_fee_vnd;
        if same && stored.state.status.return_changeable(stored.state.tracking_number.is_some()) {
            return read::status(wf, &stored.code).await;
        }
    }
    store::advance(wf, &stored.code, t, &Actor::Citizen).await
}

/// The dossier as it is when `kind` is the latest of `kinds` (the action was taken already);
/// otherwise the action is not one its status allows (409).
async fn already(
    wf: &Workflow,
    stored: &Stored,
    kind: &'static str,
    kinds: &[&str],
) -> Result<DossierStatus, WorkflowError> {
    match read::last_of(wf, &stored.code, kinds).await? {
        Some((_, last, _)) if last == kind => read::status(wf, &stored.code).await,
        _ => Err(WorkflowError::Illegal { from: stored.state.status, action: kind }),
    }
}

/// Why a supplement action did not happen: the dossier's (not found, not waiting, illegal) or
/// the files' (type, size, …).
#[derive(Debug, thiserror::Error)]
pub enum SupplementError {
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    #[error(transparent)]
    Files(#[from] AttachmentError),
}
