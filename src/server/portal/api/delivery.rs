//! `/portal/v1/counter` and `/portal/v1/postal-fee`: what a citizen needs to choose how to
//! receive the result — where the counter is and when it is open, or what the post costs.

use super::params::{ApiQuery, Bounded, Rejection};
use crate::portal::delivery::{Counter, PostalQuote};
use crate::portal::types::ApiError;
use crate::server::portal::{delivery, PortalState};
use axum::{extract::State, Json};
use serde::Deserialize;

/// The receiving agency's one-stop counter, where results are collected in person.
#[utoipa::path(
    get, path = "/portal/v1/counter",
    responses((status = 200, description = "Its name, address and opening hours", body = Counter))
)]
pub async fn counter(State(state): State<PortalState>) -> Json<Counter> {
    Json(state.counter.as_ref().clone())
}

/// Query of `GET /portal/v1/postal-fee`.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostalFeeQuery {
    /// The code of a commune, ward or special zone of the province (`GET /portal/v1/province`).
    #[param(max_length = 16, example = "04792")]
    pub commune: String,
    /// Whether the originals handed in travel back with the result (default false).
    pub originals: Option<bool>,
}

impl Bounded for PostalFeeQuery {
    fn check(&self) -> Result<(), Rejection> {
        Ok(())
    }
}

/// What delivering the result by VNPost to a commune costs.
///
/// The embedded portal quotes from a REFERENCE tariff (`data/postal/vnpost-tariff.toml`), not from VNPost's contract prices: every
/// quote says so with `reference: true`.
#[utoipa::path(
    get, path = "/portal/v1/postal-fee", params(PostalFeeQuery),
    responses(
        (status = 200, description = "The fee, with the originals' surcharge when asked (reference values)", body = PostalQuote),
        (status = 400, description = "`commune` is missing or not a unit of the province, or `originals` is not true/false", body = ApiError)
    )
)]
pub async fn postal_fee(
    State(state): State<PortalState>,
    ApiQuery(q): ApiQuery<PostalFeeQuery>,
) -> Result<Json<PostalQuote>, Rejection> {
    let quote = delivery::quote(&state.tariff, &state.province, &q.commune, q.originals.unwrap_or(false))?;
    Ok(Json(quote))
}
