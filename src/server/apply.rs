//! The apply journey's form handlers: plain POSTs (they work without JavaScript) that save what
//! was typed to the draft in the portal, valid or not, then answer `303 See Other` to the page to
//! show next (post/redirect/get): a reload or the back button never re-sends a form, and the page
//! shown is rendered from what was saved.

mod cookies;
pub(crate) mod documents;
mod submit;

pub(crate) use cookies::forget_drafts;
use cookies::{draft_cookie, listed, with_draft_cookie};

pub use documents::MULTIPART_SLACK;

use crate::apply::journey;
use crate::portal::client::encode_component;
use crate::portal::{PortalClient, PortalError};
use crate::server::http::rate_limit::RateLimit;
use axum::{
    extract::{DefaultBodyLimit, Path, State},
    http::{HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Form, Router,
};

/// What the handlers need: the portal, and whether cookies must be `Secure`.
#[derive(Clone)]
pub struct ApplyState {
    pub portal: PortalClient,
    pub https: bool,
    /// The site's public address (`SITE_URL`), e.g. `https://dichvucong.phutho.gov.vn`.
    pub site_origin: String,
    /// How rate limits find the client (`Settings::behind_proxy`).
    pub behind_proxy: bool,
    /// Largest upload form taken: the application's total of files and some slack.
    pub max_upload_bytes: u64,
    /// Forms whose marks name an application this browser does not have open: each is a look-up
    /// of a resume code, limited per client as typed ones are (forged marks must not spend the
    /// portal's budget of resume look-ups, which may count the front end as one client).
    pub mark_lookups: RateLimit,
}

/// One page of answers is a few KB, but a pasted text in Vietnamese takes up to 9 bytes a letter
/// once form-encoded; past this the 413 page says what happened.
const MAX_FORM_BYTES: usize = 256 * 1024;

pub fn routes(state: ApplyState) -> Router {
    use crate::server::http::rate_limit::limit;
    let limited = |l: RateLimit| axum::middleware::from_fn_with_state(l, limit);
    let proxied = state.behind_proxy;
    let upload_limit = DefaultBodyLimit::max(usize::try_from(state.max_upload_bytes).unwrap_or(usize::MAX));
    Router::new()
        .route("/apply/resume", post(resume).layer(limited(RateLimit::resume_codes(proxied))))
        .route("/apply/{code}/start", post(start).layer(limited(RateLimit::new_drafts(proxied))))
        .route("/apply/{code}/p/{page}", post(save_page))
        .route("/apply/{code}/submit", post(submit::submit))
        .route("/apply/{code}/documents/remove", post(documents::remove))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        // Files are streamed on to the portal, never held: the limit is the application's total.
        .route("/apply/{code}/documents/{slot}", post(documents::upload).layer(upload_limit))
        .with_state(state)
}

/// Why a form post was not taken.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApplyError {
    #[error("the form was posted from another site")]
    CrossSite,
    #[error("the portal: {0}")]
    Portal(#[from] PortalError),
    #[error("the form is over its size limit")]
    TooLarge,
    #[error("too many forms of other applications from this client: wait {0:?}")]
    TooMany(std::time::Duration),
    #[error("the form cannot be read")]
    BadForm,
}

impl IntoResponse for ApplyError {
    fn into_response(self) -> Response {
        // Bodies come from the plain-error layer, which answers in plain words for the status.
        let status = match self {
            ApplyError::TooMany(wait) => return crate::server::http::rate_limit::too_many(wait),
            ApplyError::CrossSite => StatusCode::FORBIDDEN,
            ApplyError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApplyError::BadForm => StatusCode::BAD_REQUEST,
            ApplyError::Portal(PortalError::NotFound) => StatusCode::NOT_FOUND,
            ApplyError::Portal(PortalError::BadResponse(_)) => StatusCode::BAD_REQUEST,
            ApplyError::Portal(PortalError::Refused { status, .. }) => {
                StatusCode::from_u16(status).ok().filter(|s| s.is_client_error()).unwrap_or(StatusCode::BAD_REQUEST)
            }
            ApplyError::Portal(PortalError::Unavailable(_)) => StatusCode::SERVICE_UNAVAILABLE,
            ApplyError::Portal(PortalError::Conflict) => StatusCode::CONFLICT,
            ApplyError::Portal(PortalError::Incomplete) => StatusCode::UNPROCESSABLE_ENTITY,
            ApplyError::Portal(PortalError::TooMany) => StatusCode::TOO_MANY_REQUESTS,
        };
        status.into_response()
    }
}

/// Forms are only taken from this site's own pages: another site must not start a draft in a
/// citizen's browser (and read it later with the resume code it saw) or write into one. Browsers
/// say where a request comes from in `Sec-Fetch-Site`, older ones in `Origin`.
/// The `Origin` is compared with the site's public address (`site_origin`) as well as with the
/// `Host` the request came with: behind a proxy that rewrites `Host`, the public one is right.
pub(crate) fn same_site(headers: &HeaderMap, site_origin: &str) -> Result<(), ApplyError> {
    let get = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    if let Some(site) = get("sec-fetch-site") {
        return matches!(site, "same-origin" | "none").then_some(()).ok_or(ApplyError::CrossSite);
    }
    let host_of = |origin: &str| origin.split_once("://").map_or(origin, |(_, h)| h).trim_end_matches('/').to_string();
    match get("origin") {
        Some(origin) => {
            let ours = host_of(origin) == host_of(site_origin) || get("host").is_some_and(|h| host_of(origin) == h);
            ours.then_some(()).ok_or(ApplyError::CrossSite)
        }
        // No browser that sends neither header runs another site's script.
        None => Ok(()),
    }
}

/// The application a form was filled in for, by the marks its page put in it
/// ([`crate::apply::session::draft_marks`]).
enum FormDraft {
    /// The cookie's (or, for a form without marks, whatever the cookie holds).
    Cookie(String),
    /// Another one, found by the resume code the page carried: this browser has begun another
    /// application for the procedure since (in another tab), or holds none. Its answers are
    /// kept there, but the browser is not switched to it: every other page and form of this
    /// browser follows the cookie, and would then act on the wrong application.
    Page(String),
    /// None: the start page.
    Nothing,
}

impl FormDraft {
    fn id(&self) -> Option<&str> {
        match self {
            FormDraft::Cookie(id) | FormDraft::Page(id) => Some(id),
            FormDraft::Nothing => None,
        }
    }

    fn is_page(&self) -> bool {
        matches!(self, FormDraft::Page(_))
    }
}

/// Where a form of an application this browser does not have open leads: the resume page, which
/// says what became of it and takes its code, shown on its pages, to open it here. The change
/// (answers, files, a file removed) is in it …
const SAVED_ELSEWHERE: &str = "/apply/resume?saved=1";
/// … or not all the files sent were kept …
const UNKEPT_ELSEWHERE: &str = "/apply/resume?unkept=1";
/// … or it was not sent.
const UNSENT_ELSEWHERE: &str = "/apply/resume?unsent=1";

/// Which application the answers of a form go to: the one its page was rendered for, never
/// another that has taken the cookie's place since (a second tab began a new application for
/// the procedure: before, the first tab's next page was saved into the new application), and
/// never one a forgotten browser no longer holds either (`Page`, then, keeps the answers without
/// reopening it here).
async fn form_draft(
    state: &ApplyState,
    headers: &HeaderMap,
    posted: &[(String, String)],
) -> Result<FormDraft, ApplyError> {
    use crate::apply::session::{draft_scope, MARK_DRAFT, MARK_RESUME};
    let mark = |name: &str| posted.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let cookie = draft_cookie(headers);
    let as_cookie = |cookie: Option<String>| cookie.map_or(FormDraft::Nothing, FormDraft::Cookie);
    let (Some(scope), Some(resume)) = (mark(MARK_DRAFT), mark(MARK_RESUME)) else { return Ok(as_cookie(cookie)) };
    if cookie.as_deref().is_some_and(|id| draft_scope(id) == scope) {
        return Ok(as_cookie(cookie));
    }
    // The client as the form handlers' middleware found it (`rate_limit::forward_client`).
    state.mark_lookups.admit(crate::portal::client::current_client()).map_err(ApplyError::TooMany)?;
    match state.portal.resume_draft(resume).await {
        Ok(draft) if draft_scope(&draft.id) == scope => Ok(FormDraft::Page(draft.id)),
        // Marks of no application this browser could have (edited, or it expired): none.
        Ok(_) | Err(PortalError::NotFound) => Ok(FormDraft::Nothing),
        Err(e) => Err(e.into()),
    }
}

/// The procedure's start page, which says how to begin or resume: where a form of no
/// application (none, expired, forgotten, or one of marks that open nothing) leads.
fn to_start(code: &str) -> Response {
    Redirect::to(&format!("/apply/{}", encode_component(code))).into_response()
}

fn page_url(code: &str, page: Option<&str>) -> String {
    match page {
        Some(page) => format!("/apply/{}/p/{}", encode_component(code), encode_component(page)),
        None => format!("/apply/{}/check", encode_component(code)),
    }
}

/// What the start page posts: `new=1` when the person asked for another application while one is
/// in progress in this browser.
#[derive(serde::Deserialize)]
struct StartForm {
    #[serde(default)]
    new: Option<String>,
}

/// `POST /apply/{code}/start`: a new draft, then its first page. When this browser already has
/// an unsent application for the procedure (Back from the first question, a second tab), Start
/// carries on with it at its task list: a new one, which would take the cookie's place and leave
/// the first reachable only by a resume code not yet written down, is made only when asked for.
async fn start(
    State(state): State<ApplyState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    form: Result<Form<StartForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    // The start page's form (or a bare POST without a body type): only an explicit `new` counts.
    let asked_new = form.is_ok_and(|Form(f)| f.new.is_some());
    if let Some(id) = draft_cookie(&headers).filter(|_| !asked_new) {
        match state.portal.draft(&id).await {
            Ok(d) if d.in_progress_for(&code) => {
                return Ok(Redirect::to(&format!("/apply/{}/tasks", encode_component(&code))).into_response());
            }
            // Gone, sent, or another procedure's: a new one, as for a browser without a draft.
            Ok(_) | Err(PortalError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let form = state.portal.form(&code).await?;
    let draft = state.portal.create_draft(&code).await?;
    let first = form.pages.first().map(|p| p.id.as_str());
    Ok(with_draft_cookie(
        &headers,
        &page_url(&draft.procedure_code, first),
        &draft.procedure_code,
        &draft.id,
        state.https,
    ))
}

/// `POST /apply/{code}/p/{page}`: save the page as typed; then the same page when something is
/// wrong (it shows the errors and everything typed), else the next page asked.
async fn save_page(
    State(state): State<ApplyState>,
    Path((code, page_id)): Path<(String, String)>,
    headers: HeaderMap,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    // No draft (no cookie, or it expired): the start page, which says how to begin or resume.
    let start = || Ok(to_start(&code));
    let which = form_draft(&state, &headers, &posted).await?;
    let Some(id) = which.id() else { return start() };
    // The e-form and the province are kept parsed for a minute (`ShortCache`); the draft is not
    // read first: the portal saves only on a draft for this procedure, and answers with it.
    let (form, province) = futures::join!(state.portal.form(&code), state.portal.province());
    let form = form?;
    let Some(page) = form.pages.iter().find(|p| p.id == page_id) else {
        return Err(ApplyError::Portal(PortalError::NotFound));
    };
    let section = journey::section_from_post(page, posted);
    let draft = match state.portal.save_section(id, &code, &page.id, section).await {
        // No such draft here (none, expired, or one for another procedure): the start page.
        Err(PortalError::NotFound) => return start(),
        // A sent application takes no more changes: its receipt instead (back button, second tab);
        // not one this browser does not hold (a page left open on a shared browser).
        Err(PortalError::Conflict) if which.is_page() => return start(),
        Err(PortalError::Conflict) => return submit::to_receipt(&state.portal, id).await,
        saved => saved?,
    };
    let ctx = journey::context(province.as_deref().ok());
    let answers = draft.all_answers();
    let to = if journey::page_errors(&form, &draft, &answers, page, &ctx).is_empty() {
        journey::next_step(&form, &answers, &journey::Step::Page(page.id.clone())).url(&code)
    } else {
        page_url(&code, Some(&page.id))
    };
    if which.is_page() {
        return Ok(Redirect::to(SAVED_ELSEWHERE).into_response());
    }
    Ok(listed(Redirect::to(&to).into_response(), &headers, &code, state.https))
}

#[derive(serde::Deserialize)]
struct ResumeForm {
    code: String,
}

/// `POST /apply/resume`: the draft of a resume code, in this browser, at "check your answers"
/// (which lists what is left); an unknown code: the resume page again with the error.
async fn resume(
    State(state): State<ApplyState>,
    headers: HeaderMap,
    Form(form): Form<ResumeForm>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    match state.portal.resume_draft(&form.code).await {
        Ok(draft) => Ok(with_draft_cookie(
            &headers,
            &page_url(&draft.procedure_code, None),
            &draft.procedure_code,
            &draft.id,
            state.https,
        )),
        Err(PortalError::NotFound) => Ok(Redirect::to("/apply/resume?error=1").into_response()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (axum::http::HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn forms_are_taken_only_from_this_site() {
        let site = "https://dvc.example";
        let check = |pairs: &[(&'static str, &'static str)]| same_site(&headers(pairs), site).is_ok();
        assert!(check(&[("sec-fetch-site", "same-origin")]));
        assert!(!check(&[("sec-fetch-site", "cross-site")]));
        assert!(!check(&[("sec-fetch-site", "same-site")]));
        assert!(check(&[("origin", "https://dvc.example"), ("host", "dvc.example")]));
        assert!(check(&[("origin", "https://dvc.example"), ("host", "127.0.0.1:3000")]), "behind a proxy");
        assert!(!check(&[("origin", "https://evil.example"), ("host", "dvc.example")]));
        assert!(!check(&[("origin", "null"), ("host", "dvc.example")]));
        assert!(check(&[]), "no browser header: not a browser running another site's script");
    }
}
