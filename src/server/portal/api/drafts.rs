//! `/portal/v1/drafts`: applications in progress. The front end saves every page here (valid or
//! not) before it answers the person, so what was typed outlives the tab, the phone and the signal.

use super::params::{ApiJson, ApiPath, ApiQuery, Rejection, SafeJson, SaveQuery};
use crate::portal::draft::{Draft, NewDraft, ResumeDraft, SaveSection};
use crate::portal::types::ApiError;
use crate::server::portal::{drafts, PortalState};
use axum::{extract::State, http::StatusCode};

/// Start an application for a procedure that accepts online dossiers.
#[utoipa::path(
    post, path = "/portal/v1/drafts", request_body = NewDraft,
    responses(
        (status = 201, description = "The new, empty draft", body = Draft),
        (status = 400, description = "The body is not a `NewDraft`", body = ApiError),
        (status = 404, description = "No procedure has this code", body = ApiError),
        (status = 409, description = "The procedure cannot be applied for online", body = ApiError),
        (status = 413, description = "The body is over 256 KB", body = ApiError),
        (status = 415, description = "The body is not `application/json`", body = ApiError),
        (status = 429, description = "This client started too many drafts just now: wait `Retry-After` seconds", body = ApiError)
    )
)]
pub async fn create(
    State(state): State<PortalState>,
    ApiJson(new): ApiJson<NewDraft>,
) -> Result<(StatusCode, SafeJson<Draft>), Rejection> {
    let procedure = state.index.get(new.procedure_code.trim()).ok_or(Rejection::NoSuchProcedure)?;
    if !procedure.online_level.accepts_online_dossiers() {
        return Err(Rejection::NotOnline);
    }
    let draft = drafts::create(&state.db, &procedure.code).await?;
    Ok((StatusCode::CREATED, SafeJson(draft)))
}

/// A draft, with every answer saved so far.
#[utoipa::path(
    get, path = "/portal/v1/drafts/{id}",
    params(("id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The draft's secret id")),
    responses(
        (status = 200, description = "The draft", body = Draft),
        (status = 400, description = "The id is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "No such draft, or it has expired", body = ApiError)
    )
)]
pub async fn get(State(state): State<PortalState>, ApiPath(id): ApiPath<String>) -> Result<SafeJson<Draft>, Rejection> {
    Ok(SafeJson(drafts::get(&state.db, &id).await?))
}

/// Save one section's answers (replacing what it held), valid or not: validation is the
/// e-form's job, keeping what was typed is this one's.
#[utoipa::path(
    put, path = "/portal/v1/drafts/{id}/sections/{section}", request_body = SaveSection,
    params(
        ("id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The draft's secret id"),
        ("section" = String, Path, pattern = "^[a-z][a-z0-9_]{0,39}$", description = "A page id of the procedure's form"),
        SaveQuery
    ),
    responses(
        (status = 200, description = "The draft as saved", body = Draft),
        (status = 400, description = "The body, the query or the section name is malformed, or over a limit", body = ApiError),
        (status = 404, description = "No such draft (or it has expired), it is not for the `procedure` given, or its form has no such page", body = ApiError),
        (status = 409, description = "The draft has been sent (`submitted`): it takes no more changes", body = ApiError),
        (status = 413, description = "The body is over 256 KB", body = ApiError),
        (status = 415, description = "The body is not `application/json`", body = ApiError),
    )
)]
pub async fn save_section(
    State(state): State<PortalState>,
    ApiPath((id, section)): ApiPath<(String, String)>,
    ApiQuery(query): ApiQuery<SaveQuery>,
    ApiJson(save): ApiJson<SaveSection>,
) -> Result<SafeJson<Draft>, Rejection> {
    // Only the pages of the procedure's own form: a draft then holds at most a form's worth of
    // answers, however many saves anyone sends.
    let is_page = |code: &str| state.forms.has_page(code, &section);
    let target = drafts::Section { id: &section, procedure: query.procedure.as_deref() };
    Ok(SafeJson(drafts::save_section(&state.db, &id, target, save.fields, is_page).await?))
}

/// Find a draft by the resume code a person wrote down.
#[utoipa::path(
    post, path = "/portal/v1/drafts/resume", request_body = ResumeDraft,
    responses(
        (status = 200, description = "The draft", body = Draft),
        (status = 400, description = "The body is not a `ResumeDraft`", body = ApiError),
        (status = 404, description = "No draft has this code, or it has expired", body = ApiError),
        (status = 413, description = "The body is over 256 KB", body = ApiError),
        (status = 415, description = "The body is not `application/json`", body = ApiError),
        (status = 429, description = "This client tried too many codes just now: wait `Retry-After` seconds", body = ApiError)
    )
)]
pub async fn resume(
    State(state): State<PortalState>,
    ApiJson(resume): ApiJson<ResumeDraft>,
) -> Result<SafeJson<Draft>, Rejection> {
    Ok(SafeJson(drafts::resume(&state.db, &resume.code).await?))
}
