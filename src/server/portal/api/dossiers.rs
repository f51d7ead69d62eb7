//! Sending an application and reading its receipt: `POST /drafts/{id}/submit`,
//! `GET /drafts/{id}/receipt` and `GET /dossiers/by-token/{token}`.

use super::params::{ApiJson, ApiPath, ApiQuery, Rejection, SafeJson, SubmitQuery};
use crate::portal::dossier::{Incomplete, Receipt};
use crate::portal::lookup::{LookupAnswer, LookupRequest, MAX_FIELD_CHARS};
use crate::portal::types::ApiError;
use crate::server::portal::workflow::{lookup as find, WorkflowError};
use crate::server::portal::{submission, PortalState};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

/// The stored receipt as issued, byte for byte.
fn receipt(status: StatusCode, json: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}

/// Send the application: the draft becomes a dossier with its receipt (Mẫu 01). Safe to
/// repeat: the draft is the idempotency key, so a second call (a double tap, a retry, another
/// tab) answers 200 with the same receipt instead of making another dossier.
#[utoipa::path(
    post, path = "/portal/v1/drafts/{id}/submit",
    params(("id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The draft's secret id"), SubmitQuery),
    responses(
        (status = 201, description = "Sent now: the dossier's receipt", body = Receipt),
        (status = 200, description = "Sent before: the same receipt as then", body = Receipt),
        (status = 400, description = "The id is not valid UTF-8 once percent-decoded, or `lang` is not vi or en", body = ApiError),
        (status = 404, description = "No such draft, or it has expired", body = ApiError),
        (status = 422, description = "Answers or mandatory documents are missing or wrong", body = Incomplete),
        (status = 500, description = "The receipt cannot be dated (the holiday calendar lacks a year) or storage failed", body = ApiError),
        (status = 503, description = "The draft kept changing while it was being sent: retry", body = ApiError)
    )
)]
pub async fn submit(
    State(state): State<PortalState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<SubmitQuery>,
) -> Result<Response, Rejection> {
    let lang = query.lang.map(crate::i18n::Lang::from).unwrap_or_default();
    let sent = submission::submit(&state, &id, lang).await?;
    let status = if sent.created { StatusCode::CREATED } else { StatusCode::OK };
    Ok(receipt(status, sent.receipt))
}

/// The receipt of the dossier a draft became.
#[utoipa::path(
    get, path = "/portal/v1/drafts/{id}/receipt",
    params(("id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The draft's secret id")),
    responses(
        (status = 200, description = "The receipt as issued", body = Receipt),
        (status = 400, description = "The id is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "No such draft, or it has not been sent", body = ApiError)
    )
)]
pub async fn draft_receipt(
    State(state): State<PortalState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, Rejection> {
    Ok(receipt(StatusCode::OK, submission::receipt_of_draft(&state.db, &id).await?))
}

/// The receipt a signed tracking link opens (the token of `/track/{token}` and the QR code).
#[utoipa::path(
    get, path = "/portal/v1/dossiers/by-token/{token}",
    params(("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt")),
    responses(
        (status = 200, description = "The receipt as issued", body = Receipt),
        (status = 400, description = "The token is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "The token is malformed, expired or forged, or names no dossier (one answer for all)", body = ApiError)
    )
)]
pub async fn by_token(
    State(state): State<PortalState>,
    ApiPath(token): ApiPath<String>,
) -> Result<Response, Rejection> {
    Ok(receipt(StatusCode::OK, submission::receipt_by_token(&state, &token).await?))
}

/// Find a dossier by its code and the phone number or citizen ID given at submission, for a
/// fresh signed tracking token. A wrong code and a wrong second factor get the same 404 in the
/// same time. Limited per client and per dossier code (429 with `Retry-After`).
#[utoipa::path(
    post, path = "/portal/v1/dossiers/lookup",
    request_body = LookupRequest,
    responses(
        (status = 200, description = "The code and the second factor match: a tracking token", body = LookupAnswer),
        (status = 400, description = "The body is not the lookup's JSON, or a field is over 64 characters", body = ApiError),
        (status = 404, description = "No dossier has this code, or the second factor is not its own (one answer for both)", body = ApiError),
        (status = 413, description = "The body is too large", body = ApiError),
        (status = 415, description = "The body is not JSON", body = ApiError),
        (status = 429, description = "Too many lookups from this client or of this code; `Retry-After` says when to try again", body = ApiError)
    )
)]
pub async fn lookup(
    State(state): State<PortalState>,
    ApiJson(req): ApiJson<LookupRequest>,
) -> Result<SafeJson<LookupAnswer>, Rejection> {
    for (field, value) in [("code", &req.code), ("second_factor", &req.second_factor)] {
        if value.chars().count() > MAX_FIELD_CHARS {
            return Err(WorkflowError::Invalid { field, problem: "is over 64 characters" }.into());
        }
    }
    state.lookups.admit(&find::limit_key(&req.code)).map_err(|retry_after| Rejection::TooMany { retry_after })?;
    Ok(SafeJson(LookupAnswer { token: find::lookup(&state.workflow, &req).await? }))
}
