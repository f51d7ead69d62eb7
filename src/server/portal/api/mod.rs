//! HTTP handlers of `/portal/v1` and the OpenAPI document generated from them.
//!
//! The document is a contract: `scripts/contract.sh` (schemathesis, in `make test`) checks every
//! operation against it, so each handler documents every status it can answer.

mod attachments;
mod citizen;
mod citizen_return;
mod delivery;
mod dossiers;
mod drafts;
mod officer;
mod params;

use super::PortalState;
use crate::portal::{form::ProcedureForm, types::*};
use axum::{
    extract::DefaultBodyLimit,
    extract::State,
    response::{IntoResponse, Response},
    routing::{delete, get, post, put},
    Json, Router,
};
use params::{ApiPath, ApiQuery, PopularQuery, Rejection};
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
    paths(
        search,
        popular,
        procedure,
        procedure_form,
        sectors,
        province,
        drafts::create,
        drafts::get,
        drafts::save_section,
        drafts::resume,
        dossiers::submit,
        dossiers::draft_receipt,
        dossiers::by_token,
        dossiers::lookup,
        officer::status_by_token,
        officer::dossier,
        officer::transition,
        officer::outbox_list,
        officer::outbox_ack,
        delivery::counter,
        delivery::postal_fee,
        attachments::upload,
        attachments::list,
        attachments::delete,
        attachments::content,
        citizen::upload,
        citizen::list,
        citizen::delete,
        citizen::send,
        citizen::withdraw,
        citizen_return::change,
        citizen_return::rating,
        citizen_return::rate
    ),
    components(schemas(ApiError)),
    modifiers(&AddressLimit, &OfficerSecurity)
)]
pub struct ApiDoc;

/// Every operation can meet the server's limit on the request's address (8 KB of path and query,
/// `server::http::plain_error::MAX_URI_BYTES`): a 414 with the JSON error, said once here.
struct AddressLimit;

impl utoipa::Modify for AddressLimit {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let too_long = ResponseBuilder::new()
            .description("The address (path and query string) is over 8 KB")
            .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ApiError"))).build())
            .build();
        for item in doc.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for operation in operations.into_iter().flatten() {
                operation.responses.responses.entry("414".into()).or_insert_with(|| too_long.clone().into());
            }
        }
    }
}

/// The officer API's bearer tokens (`[officer] tokens` in Leptos.toml), named `officer`.
struct OfficerSecurity;

impl utoipa::Modify for OfficerSecurity {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme("officer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The portal's operations; `behind_proxy` says how rate limits find the client.
pub fn router(state: PortalState, behind_proxy: bool) -> Router {
    use crate::server::http::rate_limit::{limit, RateLimit};
    let limited = |l: RateLimit| axum::middleware::from_fn_with_state(l, limit);
    Router::new()
        .route("/procedures", get(search))
        .route("/procedures/popular", get(popular))
        .route("/procedures/{code}", get(procedure))
        .route("/procedures/{code}/form", get(procedure_form))
        .route("/sectors", get(sectors))
        .route("/province", get(province))
        .route("/counter", get(delivery::counter))
        .route("/postal-fee", get(delivery::postal_fee))
        .route("/drafts", post(drafts::create).layer(limited(RateLimit::new_drafts(behind_proxy))))
        .route("/drafts/resume", post(drafts::resume).layer(limited(RateLimit::resume_codes(behind_proxy))))
        .route("/drafts/{id}", get(drafts::get))
        .route("/drafts/{id}/sections/{section}", put(drafts::save_section))
        .route("/drafts/{id}/submit", post(dossiers::submit))
        .route("/drafts/{id}/receipt", get(dossiers::draft_receipt))
        .route("/dossiers/lookup", post(dossiers::lookup).layer(limited(RateLimit::lookups(behind_proxy))))
        .route("/dossiers/by-token/{token}", get(dossiers::by_token))
        .route("/dossiers/by-token/{token}/status", get(officer::status_by_token))
        .route("/dossiers/by-token/{token}/withdraw", post(citizen::withdraw))
        .route("/dossiers/by-token/{token}/return", put(citizen_return::change))
        .route("/dossiers/by-token/{token}/rating", get(citizen_return::rating).post(citizen_return::rate))
        .route("/dossiers/by-token/{token}/supplement/send", post(citizen::send))
        .route("/officer/dossiers/{code}", get(officer::dossier))
        .route("/officer/dossiers/{code}/transitions", post(officer::transition))
        .route("/officer/outbox", get(officer::outbox_list))
        .route("/officer/outbox/ack", post(officer::outbox_ack))
        // A draft is a few pages of answers: a bigger body is a mistake or an attack.
        .layer(DefaultBodyLimit::max(256 * 1024))
        // An upload is streamed and counted by its handler against the configured limits.
        .route("/drafts/{id}/documents", get(attachments::list))
        // (One parameter name per position for the router: `{file}` is a slot in the upload's path.)
        .route("/drafts/{id}/documents/{file}/files", post(attachments::upload))
        .route("/drafts/{id}/documents/{file}", delete(attachments::delete))
        .route("/drafts/{id}/documents/{file}/content", get(attachments::content))
        .route("/dossiers/by-token/{token}/supplement/files", get(citizen::list))
        .route("/dossiers/by-token/{token}/supplement/{file}/files", post(citizen::upload))
        .route("/dossiers/by-token/{token}/supplement/files/{file}", delete(citizen::delete))
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .method_not_allowed_fallback(|| async { Rejection::MethodNotAllowed })
        .fallback(|| async { Rejection::NoSuchEndpoint })
        .with_state(state)
}

/// Search the catalogue: ranked, filtered, paginated.
#[utoipa::path(
    get, path = "/portal/v1/procedures", params(SearchQuery),
    responses(
        (status = 200, description = "One page of ranked results", body = SearchPage),
        (status = 400, description = "A parameter is malformed or outside its declared range", body = ApiError)
    )
)]
async fn search(State(state): State<PortalState>, ApiQuery(query): ApiQuery<SearchQuery>) -> Json<SearchPage> {
    Json(state.index.search(&query))
}

/// The procedures citizens file most, most used first.
#[utoipa::path(
    get, path = "/portal/v1/procedures/popular", params(PopularQuery),
    responses(
        (status = 200, description = "The most used procedures", body = Vec<ProcedureSummary>),
        (status = 400, description = "`limit` is not an integer from 1 to 50", body = ApiError)
    )
)]
async fn popular(State(state): State<PortalState>, ApiQuery(q): ApiQuery<PopularQuery>) -> Json<Vec<ProcedureSummary>> {
    let limit = q.limit.unwrap_or(PopularQuery::DEFAULT_LIMIT) as usize;
    let items = state.popular.iter().filter_map(|code| state.index.get(code)).take(limit);
    Json(items.map(ProcedureSummary::from).collect())
}

/// One procedure in full.
#[utoipa::path(
    get, path = "/portal/v1/procedures/{code}",
    params(("code" = String, Path, description = "Procedure code, e.g. 1.001193")),
    responses(
        (status = 200, description = "The procedure", body = Procedure),
        (status = 400, description = "The code is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "No procedure has this code", body = ApiError)
    )
)]
async fn procedure(State(state): State<PortalState>, ApiPath(code): ApiPath<String>) -> Response {
    match state.index.get(code.trim()) {
        Some(p) => Json(p.clone()).into_response(),
        None => Rejection::NoSuchProcedure.into_response(),
    }
}

/// The procedure's e-form: its own declaration, or the generic form when it declares none.
#[utoipa::path(
    get, path = "/portal/v1/procedures/{code}/form",
    params(("code" = String, Path, description = "Procedure code, e.g. 1.001193")),
    responses(
        (status = 200, description = "The pages and fields the citizen fills in", body = ProcedureForm),
        (status = 400, description = "The code is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "No procedure has this code", body = ApiError)
    )
)]
async fn procedure_form(State(state): State<PortalState>, ApiPath(code): ApiPath<String>) -> Response {
    match state.index.get(code.trim()) {
        Some(p) => Json(&*state.forms.form_for(&p.code)).into_response(),
        None => Rejection::NoSuchProcedure.into_response(),
    }
}

/// Sectors (lĩnh vực) with how many procedures each holds.
#[utoipa::path(
    get, path = "/portal/v1/sectors",
    responses((status = 200, description = "Sectors in catalogue order", body = Vec<SectorCount>))
)]
async fn sectors(State(state): State<PortalState>) -> Json<Vec<SectorCount>> {
    Json(state.sectors.as_ref().clone())
}

/// The province and its commune-level units after the 2025 reform.
#[utoipa::path(
    get, path = "/portal/v1/province",
    responses((status = 200, description = "The province and its units", body = Province))
)]
async fn province(State(state): State<PortalState>) -> Json<Province> {
    Json(state.province.as_ref().clone())
}
