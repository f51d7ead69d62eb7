//! Sending an application and reading its receipt: `POST /drafts/{id}/submit`,
//! `GET /drafts/{id}/receipt` and `GET /dossiers/by-token/{token}`.

use super::params::{ApiPath, ApiQuery, Rejection, SubmitQuery};
use crate::portal::dossier::{Incomplete, Receipt};
use crate::portal::types::ApiError;
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
        (status = 500, description = "The receipt cannot be dated (the holiday calendar lacks a year) or storage failed", body = ApiError)
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
    Ok(receipt(StatusCode::OK, submission::receipt_of_draft(&state.pool, &id).await?))
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
    Ok(receipt(StatusCode::OK, submission::receipt_by_token(&state.pool, &token).await?))
}
