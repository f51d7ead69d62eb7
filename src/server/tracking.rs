//! The tracking pages' form handlers: `POST /track` (a dossier code and its second factor) and
//! `POST /track/forget` ("clear this list", for kiosks). Plain POSTs that answer `303 See Other`,
//! so they work without JavaScript and a reload never re-sends a form. And `GET /T/{token}`, the
//! receipt's QR code in capitals, which sends the camera on to `/track/{token}`.

use super::apply::{same_site, ApplyError};
use super::http::rate_limit::{limit, too_many, RateLimit};
use super::http::Refusal;
use crate::portal::client::encode_component;
use crate::portal::dossier::Receipt;
use crate::portal::lookup::MAX_FIELD_CHARS;
use crate::portal::{PortalClient, PortalError};
use crate::track::device::{remember, DeviceList};
use axum::{
    extract::{DefaultBodyLimit, Path, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Form, Router,
};
use std::time::Duration;

#[derive(Clone)]
pub struct TrackState {
    pub portal: PortalClient,
    pub site_origin: String,
    pub behind_proxy: bool,
    pub device: DeviceList,
}

/// The form is two short fields.
const MAX_FORM_BYTES: usize = 4 * 1024;

/// What the page says to wait when the portal refused one more try of a code (its limit's pace).
const CODE_RETRY_AFTER: Duration = Duration::from_secs(60);

pub fn routes(state: TrackState) -> Router {
    let per_client = axum::middleware::from_fn_with_state(RateLimit::lookups(state.behind_proxy), limit);
    Router::new()
        .route("/track", post(lookup).layer(per_client))
        .route("/track/forget", post(forget))
        .route("/forget", post(forget_this_browser))
        .route("/T/{token}", get(from_qr_code))
        .route("/t/{token}", get(from_qr_code))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .with_state(state)
}

#[derive(serde::Deserialize)]
struct LookupForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    second_factor: String,
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// `/track` again with the one error, keeping the code as typed (never the second factor).
fn not_found(typed_code: &str) -> Response {
    let code = crate::portal::input::clean_text(typed_code, MAX_FIELD_CHARS);
    Redirect::to(&format!("/track?error=1&code={}", encode_component(&code))).into_response()
}

/// `POST /track`: the status page of the dossier the code and second factor open (and it joins
/// this device's list); else `/track` with one and the same error for a wrong code and a wrong
/// second factor.
async fn lookup(
    State(state): State<TrackState>,
    headers: HeaderMap,
    Form(form): Form<LookupForm>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    if form.code.chars().count() > MAX_FIELD_CHARS || form.second_factor.chars().count() > MAX_FIELD_CHARS {
        return Ok(not_found(&form.code));
    }
    match state.portal.lookup(&form.code, &form.second_factor).await {
        Ok(token) if Receipt::is_token_shaped(&token) => {
            let res = Redirect::to(&format!("/track/{token}")).into_response();
            let cookies = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
            let now = now();
            match remember(&state.device.from_headers(cookies, now), &token, now) {
                Some(tokens) => Ok(crate::cookie::set(res, &state.device.set_cookie(&tokens))),
                None => Ok(res),
            }
        }
        Ok(_) => Err(PortalError::BadResponse("a lookup without a usable tracking token".into()).into()),
        Err(PortalError::NotFound) => Ok(not_found(&form.code)),
        Err(PortalError::TooMany) => {
            // The code's limit, not this client's: the page must not say "from your connection".
            let mut res = too_many(CODE_RETRY_AFTER);
            res.extensions_mut().insert(Refusal::CodeTriedTooOften { wait: CODE_RETRY_AFTER });
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /track/forget`: this browser's list is emptied.
async fn forget(State(state): State<TrackState>, headers: HeaderMap) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    Ok(crate::cookie::set(Redirect::to("/track?cleared=1").into_response(), &state.device.clear_cookie()))
}

/// What the "remove my details from this browser" form sends: on an apply page, its procedure.
#[derive(serde::Deserialize)]
struct ForgetForm {
    #[serde(default)]
    code: Option<String>,
}

/// `POST /forget`: "remove my details from this browser", in every page's footer and on the
/// receipt, for a browser shared at a service centre that nobody closes. The browser is asked to
/// drop this site's cookies and storage (`Clear-Site-Data`: an application in progress, the list
/// of dossiers sent from it, copies of typing not yet sent); since browsers honour that only over
/// HTTPS, the cookies that can be named are also expired by name. Nothing on the portal is
/// deleted: an unsent application still opens with its resume code, a dossier with its code and
/// phone number. Then a page that says so, and what the browser keeps that no site can remove.
async fn forget_this_browser(
    State(state): State<TrackState>,
    headers: HeaderMap,
    form: Result<Form<ForgetForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let mut res = Redirect::to("/forgotten").into_response();
    res.headers_mut().insert("clear-site-data", header::HeaderValue::from_static(r#""cookies", "storage""#));
    res = crate::cookie::set(res, &state.device.clear_cookie());
    // The form names the procedure of the page it was on (the receipt's).
    let code = form.ok().and_then(|Form(f)| f.code);
    Ok(super::apply::forget_drafts(res, &headers, code.as_deref(), state.device.https))
}

/// `GET /T/{token}`: the tracking page. The QR code holds this form of the link because it is all
/// capitals (see `apply::receipt`); a camera app opens it, and lands on the one page every other
/// link names (whose page says so when a token opens nothing). Permanent: the link printed on a
/// receipt never points anywhere else.
async fn from_qr_code(Path(token): Path<String>) -> Response {
    Redirect::permanent(&format!("/track/{}", encode_component(&token))).into_response()
}
