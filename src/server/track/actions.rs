//! The citizen's actions from the status page: files answering a supplement request (the apply
//! journey's multipart handling, `server::apply::documents::receive`), sending them, and
//! withdrawing. The signed token in the address is the only authority (it is the receipt's QR);
//! the same-site check keeps other sites from acting with a link they saw. Every action is safe
//! to repeat: the portal applies it once.

use crate::portal::client::{encode_component, FilesOf};
use crate::portal::input::clean_lines;
use crate::portal::PortalError;
use crate::server::apply::documents::{answer, receive, wants_json, Destination, Received};
use crate::server::apply::{same_site, ApplyError, ApplyState};
use crate::track::withdraw::MAX_REASON_CHARS;
use axum::{
    extract::{multipart::MultipartRejection, DefaultBodyLimit, Multipart, Path, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Form, Router,
};
use serde::Deserialize;

/// A remove or withdraw form is a few hundred bytes; a reason of 2000 letters a few KB.
const MAX_FORM_BYTES: usize = 64 * 1024;

pub fn routes(state: ApplyState) -> Router {
    let upload_limit = DefaultBodyLimit::max(usize::try_from(state.max_upload_bytes).unwrap_or(usize::MAX));
    Router::new()
        .route("/track/{token}/supplement/remove", post(remove))
        .route("/track/{token}/supplement/send", post(send))
        .route("/track/{token}/withdraw", post(withdraw))
        .route("/track/{token}/return", post(super::delivery::check))
        .route("/track/{token}/return/confirm", post(super::delivery::confirm))
        .route("/track/{token}/rate", post(super::rating::rate))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        // Files are streamed on to the portal, never held.
        .route("/track/{token}/supplement/{slot}", post(upload).layer(upload_limit))
        .with_state(state)
}

fn status_url(token: &str) -> String {
    format!("/track/{}", encode_component(token))
}

fn supplement_url(token: &str) -> String {
    format!("{}/supplement", status_url(token))
}

/// `POST /track/{token}/supplement/{slot}`: files for one document asked for.
async fn upload(
    State(state): State<ApplyState>,
    Path((token, slot)): Path<(String, u32)>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.max_upload_bytes) {
        return Err(ApplyError::TooLarge);
    }
    let json = wants_json(&headers);
    // Decided before any file is read, but answered only after the form is read to its end (in
    // `receive`): a browser still sending a file would otherwise report a reset connection.
    let destination = async |_: &[(String, String)]| {
        let status = state.portal.status_by_token(&token).await?;
        // Sent already (a second tab, the back button): the page says the office has them.
        let Some(request) = status.supplement else {
            return Ok(Destination::Instead(Redirect::to(&supplement_url(&token)).into_response()));
        };
        if slot as usize >= request.documents.len() {
            return Err(ApplyError::Portal(PortalError::NotFound));
        }
        Ok(Destination::Supplement(token.clone()))
    };
    match receive(&state.portal, json, slot, multipart, destination).await? {
        Received::Files(results) => Ok(answer(json, &supplement_url(&token), slot, results)),
        Received::Instead(answer) => Ok(answer),
    }
}

#[derive(Deserialize)]
struct RemoveForm {
    file: String,
    #[serde(default)]
    slot: Option<u32>,
}

/// `POST /track/{token}/supplement/remove`: one file less, then the page at its slot.
async fn remove(
    State(state): State<ApplyState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(form): Form<RemoveForm>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let anchor = form.slot.map(|s| format!("#slot-{s}")).unwrap_or_default();
    match state.portal.delete_file(FilesOf::Supplement(&token), &form.file).await {
        // Gone already (a second tap), or sent meanwhile: the page says which.
        Ok(()) | Err(PortalError::NotFound) => {}
        Err(PortalError::Refused { status: 409, .. }) => {}
        Err(e) => return Err(e.into()),
    }
    // A bad token is the one "not found" page, not a redirect to it.
    state.portal.status_by_token(&token).await?;
    Ok(Redirect::to(&format!("{}{anchor}", supplement_url(&token))).into_response())
}

/// `POST /track/{token}/supplement/send`: the files go to the office; the status page after.
async fn send(
    State(state): State<ApplyState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    match state.portal.send_supplement(&token).await {
        Ok(_) => Ok(Redirect::to(&status_url(&token)).into_response()),
        // A document asked for has no file: the page lists which.
        Err(PortalError::Refused { code, .. }) if code == "missing_documents" => {
            Ok(Redirect::to(&format!("{}?missing=1#supplement-missing", supplement_url(&token))).into_response())
        }
        // Nothing to send (stopped, withdrawn): the status page says where the dossier is.
        Err(PortalError::Refused { status: 409, .. }) => Ok(Redirect::to(&status_url(&token)).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct WithdrawForm {
    #[serde(default)]
    reason: String,
}

/// `POST /track/{token}/withdraw`: asked once, however often sent; then the status page.
async fn withdraw(
    State(state): State<ApplyState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(form): Form<WithdrawForm>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let reason = clean_lines(&form.reason, MAX_REASON_CHARS);
    let reason = (!reason.is_empty()).then_some(reason);
    match state.portal.withdraw(&token, reason).await {
        // Finished meanwhile: the status page says so.
        Ok(_) | Err(PortalError::Conflict) => Ok(Redirect::to(&status_url(&token)).into_response()),
        Err(e) => Err(e.into()),
    }
}
