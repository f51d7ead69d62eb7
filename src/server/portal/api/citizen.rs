//! The citizen's actions through the signed tracking token (`/portal/v1/dossiers/by-token/…`):
//! files answering a supplement request (the same upload rules and streaming as an application's
//! documents), sending them to the office, and withdrawing. Anyone holding the link may act: it
//! is the receipt's QR code. A forged, expired or unknown token is one 404 everywhere.

use super::attachments::{stored_answer, FileBytes, UploadQuery};
use super::params::{ApiJson, ApiPath, ApiQuery, Rejection, SafeJson};
use crate::portal::attachment::{Attachment, AttachmentList};
use crate::portal::types::ApiError;
use crate::portal::workflow::DossierStatus;
use crate::server::portal::attachments::{self, AttachmentError};
use crate::server::portal::workflow::citizen::{self, SupplementError};
use crate::server::portal::PortalState;
use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use serde::Deserialize;

impl From<SupplementError> for Rejection {
    fn from(e: SupplementError) -> Self {
        match e {
            SupplementError::Workflow(e) => Rejection::Workflow(e),
            SupplementError::Files(e) => Rejection::Attachment(e),
        }
    }
}

/// Upload one file for one document the office asked for: the raw bytes as the body.
#[utoipa::path(
    post, path = "/portal/v1/dossiers/by-token/{token}/supplement/{slot}/files",
    request_body(content = inline(FileBytes), content_type = "application/octet-stream",
                 description = "The file itself: a PDF, JPEG or PNG, judged by its bytes"),
    params(
        ("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt"),
        ("slot" = u32, Path, minimum = 0, maximum = 1000, description = "Index of the document in the request's `documents`"),
        UploadQuery
    ),
    responses(
        (status = 201, description = "The file as stored", body = Attachment),
        (status = 200, description = "An earlier upload with the same `key` and the same bytes stored this file already: that file (nothing new is kept)", body = Attachment),
        (status = 400, description = "The file is empty (`empty`), the upload broke off (`broken`), or a parameter is malformed", body = ApiError),
        (status = 404, description = "The token opens no dossier (one answer for every bad token), or the request has no such document", body = ApiError),
        (status = 409, description = "The office is not waiting for documents (`not_requested`), or the document has its maximum of files (`slot_full`)", body = ApiError),
        (status = 413, description = "Over the limit of one file (`too_big`) or of the supplement's total (`dossier_full`)", body = ApiError),
        (status = 415, description = "Not a PDF, JPEG or PNG by its bytes (`wrong_type`)", body = ApiError)
    )
)]
pub async fn upload(
    State(state): State<PortalState>,
    ApiPath((token, slot)): ApiPath<(String, u32)>,
    ApiQuery(query): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, SafeJson<Attachment>), Rejection> {
    let (stored, open) = citizen::requested(&state.workflow, &token).await?;
    if slot as usize >= open.request.documents.len() {
        return Err(AttachmentError::NoSuchSlot.into());
    }
    let incoming = query.incoming(slot, &headers);
    let holder = open.holder(&stored.code);
    Ok(stored_answer(
        attachments::upload(&state.db, &state.attachments, holder, incoming, body.into_data_stream()).await?,
    ))
}

/// The files given so far for the open supplement request, and the limits they are under.
#[utoipa::path(
    get, path = "/portal/v1/dossiers/by-token/{token}/supplement/files",
    params(("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt")),
    responses(
        (status = 200, description = "Every file, by document then upload order", body = AttachmentList),
        (status = 400, description = "The token is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "The token opens no dossier (one answer for every bad token)", body = ApiError),
        (status = 409, description = "The office is not waiting for documents (`not_requested`)", body = ApiError)
    )
)]
pub async fn list(
    State(state): State<PortalState>,
    ApiPath(token): ApiPath<String>,
) -> Result<SafeJson<AttachmentList>, Rejection> {
    let (stored, open) = citizen::requested(&state.workflow, &token).await?;
    Ok(SafeJson(attachments::list(&state.db, &state.attachments, open.holder(&stored.code)).await?))
}

/// Remove one file before the documents are sent.
#[utoipa::path(
    delete, path = "/portal/v1/dossiers/by-token/{token}/supplement/files/{attachment_id}",
    params(
        ("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt"),
        ("attachment_id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The file's id")
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "A parameter is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "The token opens no dossier, or the supplement has no such file", body = ApiError),
        (status = 409, description = "The office is not waiting for documents (`not_requested`): they were sent", body = ApiError)
    )
)]
pub async fn delete(
    State(state): State<PortalState>,
    ApiPath((token, file)): ApiPath<(String, String)>,
) -> Result<StatusCode, Rejection> {
    let (stored, open) = citizen::requested(&state.workflow, &token).await?;
    attachments::delete(&state.db, &state.attachments, open.holder(&stored.code), &file).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send the files to the office: the dossier goes back to processing (status 5 → 4), with an
/// event. Sending again answers the dossier as it is, without a second event.
#[utoipa::path(
    post, path = "/portal/v1/dossiers/by-token/{token}/supplement/send",
    params(("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt")),
    responses(
        (status = 200, description = "Sent (now or before): the dossier's status", body = DossierStatus),
        (status = 400, description = "The token is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "The token opens no dossier (one answer for every bad token)", body = ApiError),
        (status = 409, description = "A document asked for has no file (`missing_documents`; nothing sent), or the office asked for nothing (`illegal_transition`)", body = ApiError),
        (status = 500, description = "Storage failed", body = ApiError)
    )
)]
pub async fn send(
    State(state): State<PortalState>,
    ApiPath(token): ApiPath<String>,
) -> Result<SafeJson<DossierStatus>, Rejection> {
    Ok(SafeJson(citizen::send_supplement(&state.workflow, &state.attachments, &token).await?))
}

/// Body of a withdrawal.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawRequest {
    /// Why, in the citizen's words (optional, at most 2000 characters; kept without control or
    /// invisible characters).
    #[schema(max_length = 2000)]
    pub reason: Option<String>,
}

/// Ask to withdraw the dossier (status → 7, with an event). Asking again answers the dossier as
/// it is, without a second event; a finished dossier cannot be withdrawn (409).
#[utoipa::path(
    post, path = "/portal/v1/dossiers/by-token/{token}/withdraw",
    params(("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt")),
    request_body = WithdrawRequest,
    responses(
        (status = 200, description = "Withdrawal requested (now or before): the dossier's status", body = DossierStatus),
        (status = 400, description = "The body is not a withdrawal, or the reason is over 2000 characters", body = ApiError),
        (status = 404, description = "The token opens no dossier (one answer for every bad token)", body = ApiError),
        (status = 409, description = "The dossier is finished (or stopped): it cannot be withdrawn", body = ApiError),
        (status = 413, description = "The body is too large", body = ApiError),
        (status = 415, description = "The body is not JSON", body = ApiError),
        (status = 500, description = "Storage failed", body = ApiError)
    )
)]
pub async fn withdraw(
    State(state): State<PortalState>,
    ApiPath(token): ApiPath<String>,
    ApiJson(body): ApiJson<WithdrawRequest>,
) -> Result<SafeJson<DossierStatus>, Rejection> {
    Ok(SafeJson(citizen::withdraw(&state.workflow, &token, body.reason).await?))
}
