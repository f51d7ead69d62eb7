//! The officer API (`/portal/v1/officer/…`, bearer tokens from the settings) and the citizen's
//! read of a dossier's status through its tracking token.

use super::params::{ApiJson, ApiPath, ApiQuery, Bounded, Rejection, SafeJson};
use crate::portal::types::ApiError;
use crate::portal::workflow::{DossierStatus, Transition};
use crate::server::portal::officer::{Officer, Right};
use crate::server::portal::workflow::outbox::{self, AckRequest, AckResult, OutboxRecord};
use crate::server::portal::workflow::{read, store, Actor};
use crate::server::portal::PortalState;
use axum::{
    extract::{FromRequestParts, State},
    http::{header, request::Parts},
    response::Response,
    Json,
};
use serde::Deserialize;

/// The holder of the request's bearer token; 401 without a known one.
pub struct Authenticated(Officer);

impl FromRequestParts<PortalState> for Authenticated {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &PortalState) -> Result<Self, Rejection> {
        let header = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
        let token = header
            .split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or(Rejection::Unauthorized)?;
        state.officers.authenticate(token).map(Authenticated).ok_or(Rejection::Unauthorized)
    }
}

impl Authenticated {
    /// The officer, if the token carries `right`; 403 otherwise.
    fn with(self, right: Right) -> Result<Officer, Rejection> {
        if self.0.may(right) {
            Ok(self.0)
        } else {
            Err(Rejection::Forbidden)
        }
    }
}

/// Query of `GET /portal/v1/officer/outbox`.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// How many records at most (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

impl Bounded for OutboxQuery {
    fn check(&self) -> Result<(), Rejection> {
        super::params::within("limit", self.limit, 1..=outbox::MAX_LIMIT)
    }
}

/// A dossier's status, events and next action, as an officer sees it.
#[utoipa::path(
    get, path = "/portal/v1/officer/dossiers/{code}",
    params(("code" = String, Path, description = "The dossier code, e.g. 000.00.01.H25-250314-0007")),
    security(("officer" = [])),
    responses(
        (status = 200, description = "The dossier's status", body = DossierStatus),
        (status = 400, description = "The code is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 401, description = "No bearer token, or an unknown one", body = ApiError),
        (status = 403, description = "The token lacks the `process` right", body = ApiError),
        (status = 404, description = "No dossier has this code", body = ApiError)
    )
)]
pub async fn dossier(
    State(state): State<PortalState>,
    who: Authenticated,
    ApiPath(code): ApiPath<String>,
) -> Result<SafeJson<DossierStatus>, Rejection> {
    who.with(Right::Process)?;
    Ok(SafeJson(read::status(&state.workflow, code.trim()).await?))
}

/// Apply an action to a dossier (accept, request a supplement, complete, hand to VNPost, …).
/// Only the legal transitions of the national status set are taken; anything else is a 409 and
/// changes nothing. Every change is an event; the ones the citizen should hear about write a
/// message to the outbox in the same transaction.
#[utoipa::path(
    post, path = "/portal/v1/officer/dossiers/{code}/transitions",
    params(("code" = String, Path, description = "The dossier code")),
    request_body = Transition,
    security(("officer" = [])),
    responses(
        (status = 200, description = "Applied: the dossier's new status", body = DossierStatus),
        (status = 400, description = "The body is not an action, or a field of it is wrong", body = ApiError),
        (status = 401, description = "No bearer token, or an unknown one", body = ApiError),
        (status = 403, description = "The token lacks the `process` right, or the action is the citizen's", body = ApiError),
        (status = 404, description = "No dossier has this code", body = ApiError),
        (status = 409, description = "Not a legal transition from the dossier's status (or the due date cannot be moved); nothing changed", body = ApiError),
        (status = 413, description = "The body is too large", body = ApiError),
        (status = 415, description = "The body is not JSON", body = ApiError),
        (status = 500, description = "Storage failed", body = ApiError)
    )
)]
pub async fn transition(
    State(state): State<PortalState>,
    who: Authenticated,
    ApiPath(code): ApiPath<String>,
    ApiJson(t): ApiJson<Transition>,
) -> Result<SafeJson<DossierStatus>, Rejection> {
    let officer = who.with(Right::Process)?;
    Ok(SafeJson(store::advance(&state.workflow, code.trim(), &t, &Actor::Officer(officer.name)).await?))
}

/// Messages waiting for the gateway, oldest first. A record stays listed until acknowledged.
#[utoipa::path(
    get, path = "/portal/v1/officer/outbox", params(OutboxQuery),
    security(("officer" = [])),
    responses(
        (status = 200, description = "Records not yet acknowledged", body = Vec<OutboxRecord>),
        (status = 400, description = "`limit` is not an integer from 1 to 500", body = ApiError),
        (status = 401, description = "No bearer token, or an unknown one", body = ApiError),
        (status = 403, description = "The token lacks the `outbox` right", body = ApiError)
    )
)]
pub async fn outbox_list(
    State(state): State<PortalState>,
    who: Authenticated,
    ApiQuery(q): ApiQuery<OutboxQuery>,
) -> Result<SafeJson<Vec<OutboxRecord>>, Rejection> {
    who.with(Right::Outbox)?;
    Ok(SafeJson(outbox::pending(&state.db, q.limit.unwrap_or(100)).await?))
}

/// Acknowledge records sent; repeating it (or naming unknown ids) is harmless.
#[utoipa::path(
    post, path = "/portal/v1/officer/outbox/ack",
    request_body = AckRequest,
    security(("officer" = [])),
    responses(
        (status = 200, description = "How many records were acknowledged now", body = AckResult),
        (status = 400, description = "The body is not a list of ids (at most 500)", body = ApiError),
        (status = 401, description = "No bearer token, or an unknown one", body = ApiError),
        (status = 403, description = "The token lacks the `outbox` right", body = ApiError),
        (status = 413, description = "The body is too large", body = ApiError),
        (status = 415, description = "The body is not JSON", body = ApiError)
    )
)]
pub async fn outbox_ack(
    State(state): State<PortalState>,
    who: Authenticated,
    ApiJson(body): ApiJson<AckRequest>,
) -> Result<Json<AckResult>, Rejection> {
    who.with(Right::Outbox)?;
    Ok(Json(AckResult { acknowledged: outbox::acknowledge(&state.db, &body.ids).await? }))
}

/// The dossier's status through its signed tracking link (what `/track/{token}` shows).
#[utoipa::path(
    get, path = "/portal/v1/dossiers/by-token/{token}/status",
    params(("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt")),
    responses(
        (status = 200, description = "The dossier's status", body = DossierStatus),
        (status = 400, description = "The token is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "The token is malformed, expired or forged, or names no dossier (one answer for all)", body = ApiError)
    )
)]
pub async fn status_by_token(
    State(state): State<PortalState>,
    ApiPath(token): ApiPath<String>,
) -> Result<Response, Rejection> {
    use axum::response::IntoResponse;
    Ok(SafeJson(read::status_by_token(&state.workflow, &token).await?).into_response())
}
