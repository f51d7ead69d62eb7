//! HTTP handlers of `/portal/v1` and the OpenAPI document generated from them.

use super::PortalState;
use crate::portal::types::*;
use axum::{
    extract::{rejection::QueryRejection, Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use serde::Deserialize;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Provincial public-service portal API",
        version = "1.0.0",
        description = "What the citizen front end needs from a provincial portal: the procedure \
                       catalogue with forgiving Vietnamese search, sectors and administrative units. \
                       Texts carry Vietnamese and English."
    ),
    paths(search, popular, procedure, sectors, province),
    components(schemas(ApiError))
)]
pub struct ApiDoc;

pub fn router(state: PortalState) -> Router {
    Router::new()
        .route("/procedures", get(search))
        .route("/procedures/popular", get(popular))
        .route("/procedures/{code}", get(procedure))
        .route("/sectors", get(sectors))
        .route("/province", get(province))
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "not_found", "no such endpoint") })
        .with_state(state)
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(ApiError { code: code.into(), message: message.into() })).into_response()
}

/// Search the catalogue: ranked, filtered, paginated.
#[utoipa::path(
    get, path = "/portal/v1/procedures", params(SearchQuery),
    responses(
        (status = 200, description = "One page of ranked results", body = SearchPage),
        (status = 400, description = "A filter has an unknown value", body = ApiError)
    )
)]
async fn search(State(state): State<PortalState>, query: Result<Query<SearchQuery>, QueryRejection>) -> Response {
    match query {
        Ok(Query(query)) => Json(state.index.search(&query)).into_response(),
        Err(e) => error(StatusCode::BAD_REQUEST, "bad_request", &e.body_text()),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
struct PopularQuery {
    /// How many to return (default 8, at most 50).
    limit: Option<usize>,
}

/// The procedures citizens file most, most used first.
#[utoipa::path(
    get, path = "/portal/v1/procedures/popular", params(PopularQuery),
    responses((status = 200, body = Vec<ProcedureSummary>))
)]
async fn popular(State(state): State<PortalState>, Query(q): Query<PopularQuery>) -> Json<Vec<ProcedureSummary>> {
    let limit = q.limit.unwrap_or(8).min(50);
    let items = state.popular.iter().filter_map(|code| state.index.get(code)).take(limit);
    Json(items.map(ProcedureSummary::from).collect())
}

/// One procedure in full.
#[utoipa::path(
    get, path = "/portal/v1/procedures/{code}",
    params(("code" = String, Path, description = "Procedure code, e.g. 1.001193")),
    responses(
        (status = 200, body = Procedure),
        (status = 404, description = "No procedure has this code", body = ApiError)
    )
)]
async fn procedure(State(state): State<PortalState>, Path(code): Path<String>) -> Response {
    match state.index.get(code.trim()) {
        Some(p) => Json(p.clone()).into_response(),
        None => error(StatusCode::NOT_FOUND, "not_found", "no procedure has this code"),
    }
}

/// Sectors (lĩnh vực) with how many procedures each holds.
#[utoipa::path(get, path = "/portal/v1/sectors", responses((status = 200, body = Vec<SectorCount>)))]
async fn sectors(State(state): State<PortalState>) -> Json<Vec<SectorCount>> {
    Json(state.sectors.as_ref().clone())
}

/// The province and its commune-level units after the 2025 reform.
#[utoipa::path(get, path = "/portal/v1/province", responses((status = 200, body = Province)))]
async fn province(State(state): State<PortalState>) -> Json<Province> {
    Json(state.province.as_ref().clone())
}
