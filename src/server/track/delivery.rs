//! `POST /track/{token}/return` (check) and `…/return/confirm`: the return page's answers kept
//! for a quarter of an hour in a cookie of that page only (so a page shows what was typed and
//! what it means before anything changes), then sent to the portal once confirmed.

use crate::apply::journey::section_from_post;
use crate::portal::delivery::fields;
use crate::portal::PortalError;
use crate::server::apply::{same_site, ApplyError, ApplyState};
use crate::track::delivery::{decode_answers, encode_answers, return_url, RETURN_COOKIE, RETURN_COOKIE_SECONDS};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Redirect, Response},
    Form,
};

/// Past this the answers are not what the page asks (a cookie holds about 4 KB).
pub(super) const MAX_COOKIE_BYTES: usize = 3_000;

/// `303` to `to`, setting cookie `name` of the page `path` to `value` for a quarter of an hour,
/// or clearing it (`None`). Never readable by scripts, not sent on other sites' requests.
pub(super) fn with_cookie(to: &str, name: &str, path: &str, value: Option<&str>, https: bool) -> Response {
    let (value, age) = match value {
        Some(v) => (v, RETURN_COOKIE_SECONDS),
        None => ("", 0),
    };
    let cookie = crate::cookie::http_only(name, value, path, Some(age.into()), https);
    crate::cookie::set(Redirect::to(to).into_response(), &cookie)
}

/// `POST /track/{token}/return`: keep the answers, then the page checks them (errors, or the
/// confirmation).
pub async fn check(
    State(state): State<ApplyState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let status = state.portal.status_by_token(&token).await?;
    let form = state.portal.form(&status.procedure_code).await?;
    let page = form.pages.iter().find(|p| p.id == fields::PAGE).ok_or(ApplyError::Portal(PortalError::NotFound))?;
    let encoded = encode_answers(&section_from_post(page, posted));
    if encoded.len() > MAX_COOKIE_BYTES {
        return Err(ApplyError::TooLarge);
    }
    let page = return_url(&token);
    Ok(with_cookie(&format!("{page}?check"), RETURN_COOKIE, &page, Some(&encoded), state.https))
}

/// `POST /track/{token}/return/confirm`: the kept answers to the portal; the status page after.
pub async fn confirm(
    State(state): State<ApplyState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let kept = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| crate::cookie::value(h, RETURN_COOKIE))
        .and_then(decode_answers);
    // Nothing kept (expired, another browser, a replay after it was stored): the form again.
    let Some(answers) = kept else {
        state.portal.status_by_token(&token).await?;
        return Ok(Redirect::to(&return_url(&token)).into_response());
    };
    let status_page = crate::track::actions::status_url(&token);
    match state.portal.change_return(&token, answers).await {
        Ok(_) | Err(PortalError::Conflict) => {
            Ok(with_cookie(&status_page, RETURN_COOKIE, &return_url(&token), None, state.https))
        }
        Err(PortalError::Incomplete) => Ok(Redirect::to(&format!("{}?check", return_url(&token))).into_response()),
        Err(e) => Err(e.into()),
    }
}
