//! After the citizen's first actions (`citizen`): `PUT /portal/v1/dossiers/by-token/{token}/return`
//! changes how the result comes back, with the answers of the return page
//! (`data/forms/common/return.json`), checked by the same rules as at submission, the address
//! stated and the postal fee quoted as on a receipt; `…/rating` rates the service, once.

use super::params::{ApiJson, ApiPath, Rejection, SafeJson};
use crate::portal::delivery::fields;
use crate::portal::draft::SaveSection;
use crate::portal::form::{self, date::Date, InputError, ProcedureForm};
use crate::portal::rating::{Rating, RatingAnswers, RatingView};
use crate::portal::types::ApiError;
use crate::portal::workflow::{DossierStatus, Transition};
use crate::server::portal::submission::{postal_fee, return_address, return_method};
use crate::server::portal::workflow::{citizen, rating, read};
use crate::server::portal::PortalState;
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// A change refused for its answers: what is wrong with each, as a draft's page would say.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReturnRefused {
    /// `invalid`.
    pub code: String,
    pub message: String,
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<InputError>,
}

/// Change how the result comes back: at the counter, or by VNPost to an address (recipient,
/// phone, commune and street), with the postal fee quoted again. Allowed until the result has
/// left (status before 9, or 9 before VNPost has it). The same change again makes no event.
#[utoipa::path(
    put, path = "/portal/v1/dossiers/by-token/{token}/return",
    params(("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt")),
    request_body = SaveSection,
    responses(
        (status = 200, description = "Changed (now or before): the dossier's status, with the new method, address and fee", body = DossierStatus),
        (status = 400, description = "The body is not a set of answers", body = ApiError),
        (status = 404, description = "The token opens no dossier (one answer for every bad token)", body = ApiError),
        (status = 409, description = "The result has left (or the dossier is finished): nothing changed", body = ApiError),
        (status = 413, description = "The body is too large", body = ApiError),
        (status = 415, description = "The body is not JSON", body = ApiError),
        (status = 422, description = "An answer is missing or wrong (`invalid`), each said in `errors`", body = ReturnRefused),
        (status = 500, description = "Storage failed", body = ApiError)
    )
)]
pub async fn change(
    State(state): State<PortalState>,
    ApiPath(token): ApiPath<String>,
    ApiJson(save): ApiJson<SaveSection>,
) -> Result<Response, Rejection> {
    let stored = read::by_token(&state.workflow, &token).await?;
    // The return page of this procedure's form, and only it.
    let full = state.forms.form_for(&stored.receipt.procedure_code);
    let pages = full.pages.iter().filter(|p| p.id == fields::PAGE).cloned().collect();
    let form = ProcedureForm { procedure: full.procedure.clone(), generic: full.generic, pages };
    let ctx = form::Context { today: Date::today_in_vietnam(), province: Some(&state.province) };
    let checked = form::validate(&form, &save.fields, &ctx);
    if !checked.is_valid() {
        let body = ReturnRefused {
            code: "invalid".into(),
            message: "an answer is missing or wrong".into(),
            errors: checked.errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, SafeJson(body)).into_response());
    }
    let answers = checked.values;
    let t = Transition::ChangeReturn {
        method: return_method(&answers),
        address: return_address(&state, &answers),
        postal_fee_vnd: postal_fee(&state, &answers),
    };
    Ok(SafeJson(citizen::change_return(&state.workflow, &stored, &t).await?).into_response())
}

/// The rating page's model: whether the dossier can be rated, the time score from its dates,
/// and the rating once given.
#[utoipa::path(
    get, path = "/portal/v1/dossiers/by-token/{token}/rating",
    params(("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt")),
    responses(
        (status = 200, description = "Open or not, the time score, the rating if given", body = RatingView),
        (status = 400, description = "The token is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "The token opens no dossier (one answer for every bad token)", body = ApiError)
    )
)]
pub async fn rating(
    State(state): State<PortalState>,
    ApiPath(token): ApiPath<String>,
) -> Result<SafeJson<RatingView>, Rejection> {
    Ok(SafeJson(rating::view(&state.workflow, &token).await?))
}

/// Rate the service (Decree 61/2018 art. 31), once per dossier, after completion. The time score
/// comes from the dates; the comment is cleaned and cut to 1000 characters.
#[utoipa::path(
    post, path = "/portal/v1/dossiers/by-token/{token}/rating",
    params(("token" = String, Path, max_length = 256, description = "The signed tracking token from the receipt")),
    request_body = RatingAnswers,
    responses(
        (status = 201, description = "Stored", body = Rating),
        (status = 400, description = "The body is not a rating (a missing or unknown answer)", body = ApiError),
        (status = 404, description = "The token opens no dossier (one answer for every bad token)", body = ApiError),
        (status = 409, description = "Rated already (`already_rated`), or processing is not complete (`not_complete`)", body = ApiError),
        (status = 413, description = "The body is too large", body = ApiError),
        (status = 415, description = "The body is not JSON", body = ApiError),
        (status = 422, description = "A score is not 0, 1 or 2 (`invalid`)", body = ApiError),
        (status = 500, description = "Storage failed", body = ApiError)
    )
)]
pub async fn rate(
    State(state): State<PortalState>,
    ApiPath(token): ApiPath<String>,
    ApiJson(answers): ApiJson<RatingAnswers>,
) -> Result<(StatusCode, SafeJson<Rating>), Rejection> {
    Ok((StatusCode::CREATED, SafeJson(rating::rate(&state.workflow, &token, answers).await?)))
}
