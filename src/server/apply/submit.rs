//! `POST /apply/{code}/submit`: send the application. The portal makes one dossier per draft, so
//! a double tap, a reload of the POST or a second tab all land on the same receipt; an
//! unfinished application goes back to "check your answers", which lists what is left.

use super::{form_draft, same_site, to_start, ApplyError, ApplyState, UNSENT_ELSEWHERE};
use crate::portal::client::encode_component;
use crate::portal::dossier::Receipt;
use crate::portal::{PortalClient, PortalError};
use axum::{
    extract::{rejection::FormRejection, Path, RawQuery, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    Form,
};

/// Where a sent application's receipt is shown.
pub fn receipt_url(receipt: &Receipt) -> Result<String, ApplyError> {
    // The token comes from the portal (perhaps an external one): only a token-shaped one goes
    // into a URL.
    if !Receipt::is_token_shaped(&receipt.tracking_token) {
        return Err(ApplyError::Portal(PortalError::BadResponse("a receipt without a usable tracking token".into())));
    }
    Ok(format!("/apply/receipt/{}", receipt.tracking_token))
}

/// A sent draft's receipt page, for a form posted after it was sent (back button, second tab).
pub async fn to_receipt(portal: &PortalClient, draft_id: &str) -> Result<Response, ApplyError> {
    let receipt = portal.draft_receipt(draft_id).await?;
    Ok(Redirect::to(&receipt_url(&receipt)?).into_response())
}

pub async fn submit(
    State(state): State<ApplyState>,
    Path(code): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    // The page's language (its `?lang=` or the cookie the language switch sets): the citizen's
    // messages about the dossier are written in it.
    let cookies = headers.get(axum::http::header::COOKIE).and_then(|v| v.to_str().ok());
    let lang = crate::i18n::Lang::for_request(query.as_deref(), cookies);
    let start = || Ok(to_start(&code));
    // The application whose "check your answers" was sent, even if another tab has begun a new
    // one for the procedure since: never that other one.
    let posted = form.map(|Form(f)| f).unwrap_or_default();
    let which = form_draft(&state, &headers, &posted).await?;
    // Sent only from the browser that has it open: a Send pressed on a page of another one (a
    // second tab began a new application; a page left open on a shared browser) sends nothing.
    if which.is_page() {
        return Ok(Redirect::to(UNSENT_ELSEWHERE).into_response());
    }
    let Some(id) = which.id() else { return start() };
    match state.portal.submit(id, lang).await {
        Ok(receipt) => Ok(Redirect::to(&receipt_url(&receipt)?).into_response()),
        Err(PortalError::Incomplete) => {
            Ok(Redirect::to(&format!("/apply/{}/check?incomplete=1", encode_component(&code))).into_response())
        }
        Err(PortalError::NotFound) => start(),
        Err(e) => Err(e.into()),
    }
}
