//! An isomorphic client of the portal API. On the server it reaches the portal over HTTP
//! (reqwest) or, when the portal is embedded in this process, by calling its router directly
//! (`ssr::Transport`); in the browser over HTTP (gloo-net). Every transport is handed the same
//! request target and shares the error mapping, so a page rendered on the server and an island
//! refreshing it in the browser see the portal the same way, however it is reached.

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
mod browser;
#[cfg(feature = "ssr")]
pub mod carried;
#[cfg(feature = "ssr")]
mod ssr;
#[cfg(feature = "ssr")]
pub use ssr::{current_client, for_client};
#[cfg(test)]
mod tests;
#[cfg(feature = "ssr")]
mod track_actions;

#[cfg(feature = "ssr")]
use super::attachment::{Attachment, AttachmentList};
use super::delivery::{Counter, PostalQuote};
#[cfg(feature = "ssr")]
use super::dossier::Receipt;
#[cfg(feature = "ssr")]
use super::draft::{Draft, NewDraft, ResumeDraft, SaveSection, SectionAnswers};
use super::form::ProcedureForm;
use super::types::{Procedure, ProcedureSummary, Province, SearchPage, SearchQuery, SectorCount};
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// Why a portal call failed, in the terms the pages explain to citizens.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PortalError {
    /// The portal has no such thing (404).
    #[error("not found")]
    NotFound,
    /// The portal could not be reached, timed out or answered 5xx: trying later may help.
    #[error("portal unavailable: {0}")]
    Unavailable(String),
    /// The portal answered something this client does not understand.
    #[error("unexpected portal response: {0}")]
    BadResponse(String),
    /// The request conflicts with the state of what it names (409): e.g. a change to an
    /// application that has been sent.
    #[error("conflict with the current state")]
    Conflict,
    /// The request was understood but cannot be carried out as things are (422): e.g. sending an
    /// application with answers or documents missing.
    #[error("not possible yet: something is missing")]
    Incomplete,
    /// The portal refused this request (a 4xx other than 404) and said why in its JSON error's
    /// `code` (e.g. `too_big`, `submitted`). Only the calls that explain refusals per item
    /// (documents) answer this; the others keep `BadResponse`.
    #[error("refused by the portal: HTTP {status} {code}")]
    Refused { status: u16, code: String },
    /// Too many attempts (429): the portal's limit on lookups of one dossier code.
    #[error("too many attempts")]
    TooMany,
}

/// Whose files a call is about: a draft's (by its id) or the supplement a dossier's office asked
/// for (by the dossier's signed tracking token). The same upload rules on the portal for both.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilesOf<'a> {
    Draft(&'a str),
    Supplement(&'a str),
}

#[cfg(feature = "ssr")]
impl FilesOf<'_> {
    fn list_path(&self) -> String {
        match self {
            FilesOf::Draft(id) => format!("/drafts/{}/documents", encode_component(id)),
            FilesOf::Supplement(token) => format!("/dossiers/by-token/{}/supplement/files", encode_component(token)),
        }
    }

    fn upload_path(&self, slot: u32) -> String {
        match self {
            FilesOf::Draft(id) => format!("/drafts/{}/documents/{slot}/files", encode_component(id)),
            FilesOf::Supplement(token) => {
                format!("/dossiers/by-token/{}/supplement/{slot}/files", encode_component(token))
            }
        }
    }

    fn file_path(&self, file: &str) -> String {
        format!("{}/{}", self.list_path(), encode_component(file))
    }
}

/// A handle on the portal at `base` (e.g. `http://127.0.0.1:3000/portal/v1`). Cheap to clone.
#[derive(Clone, Debug)]
pub struct PortalClient {
    base: String,
    #[cfg(feature = "ssr")]
    transport: ssr::Transport,
    /// How long one attempt may take (`ssr::TIMEOUT`; tests shorten it).
    #[cfg(feature = "ssr")]
    timeout: std::time::Duration,
    #[cfg(feature = "ssr")]
    catalogue: ssr::ShortCache,
}

impl PortalClient {
    /// The portal at `base` over HTTP: an external portal on the server, any portal in the browser.
    pub fn new(base: impl Into<String>) -> Self {
        let base = base.into().trim_end_matches('/').to_string();
        #[cfg(feature = "ssr")]
        {
            PortalClient::with_transport(base, ssr::Transport::http())
        }
        #[cfg(not(feature = "ssr"))]
        {
            PortalClient { base }
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Ranked search with filters and pagination.
    pub async fn search(&self, query: &SearchQuery) -> Result<SearchPage, PortalError> {
        self.get("/procedures", &search_params(query)).await
    }

    /// One procedure in full; `NotFound` for an unknown code.
    pub async fn procedure(&self, code: &str) -> Result<Arc<Procedure>, PortalError> {
        self.get_shared(&format!("/procedures/{}", encode_component(code)), &[]).await
    }

    /// The e-form of a procedure (its own, or the generic one); `NotFound` for an unknown code.
    pub async fn form(&self, code: &str) -> Result<Arc<ProcedureForm>, PortalError> {
        self.get_shared(&format!("/procedures/{}/form", encode_component(code)), &[]).await
    }

    /// The procedures citizens file most, for the home page.
    pub async fn popular(&self, limit: u32) -> Result<Vec<ProcedureSummary>, PortalError> {
        self.get("/procedures/popular", &[("limit", limit.to_string())]).await
    }

    /// Sectors with their procedure counts.
    pub async fn sectors(&self) -> Result<Vec<SectorCount>, PortalError> {
        self.get("/sectors", &[]).await
    }

    /// The province and its commune-level units.
    pub async fn province(&self) -> Result<Arc<Province>, PortalError> {
        self.get_shared("/province", &[]).await
    }

    /// The one-stop counter where results are collected.
    pub async fn counter(&self) -> Result<Counter, PortalError> {
        self.get("/counter", &[]).await
    }

    /// What delivering the result by post to `commune` (a unit code) costs, with the originals
    /// when `originals`; `BadResponse` (the portal's 400) for a unit not of the province. The
    /// tariff changes as rarely as the catalogue, so the answer may be kept like it.
    pub async fn postal_fee(&self, commune: &str, originals: bool) -> Result<PostalQuote, PortalError> {
        self.get("/postal-fee", &[("commune", commune.to_string()), ("originals", originals.to_string())]).await
    }

    /// Every call so far reads the public catalogue, which changes a few times a year: on the
    /// server, answers are kept for a short while (`ssr::CATALOGUE_TTL`), sparing a slow
    /// provincial portal the same question from every citizen. Dossier calls must not use this.
    async fn get<T: DeserializeOwned + Clone + Send + Sync + 'static>(
        &self,
        path: &str,
        params: &[(&str, String)],
    ) -> Result<T, PortalError> {
        self.get_shared(path, params).await.map(Arc::unwrap_or_clone)
    }

    /// `get`, the answer shared with the cache rather than copied from it (for the large answers
    /// every apply page reads: the e-form, the procedure, the province).
    async fn get_shared<T: DeserializeOwned + Send + Sync + 'static>(
        &self,
        path: &str,
        params: &[(&str, String)],
    ) -> Result<Arc<T>, PortalError> {
        let target = request_target(&self.base, path, params);
        #[cfg(not(feature = "ssr"))]
        let parse = |body: &[u8]| {
            serde_json::from_slice::<T>(body).map(Arc::new).map_err(|e| PortalError::BadResponse(e.to_string()))
        };
        #[cfg(feature = "ssr")]
        {
            if let Some(value) = self.catalogue.get::<T>(&target) {
                return Ok(value);
            }
            let answer = ssr::call(&self.transport, self.timeout, http::Method::GET, &target, None).await?;
            let value = answer.parse::<T>().map(Arc::new)?;
            // Only answers that parsed are kept: a broken answer is asked again next time.
            self.catalogue.put(target, value.clone());
            Ok(value)
        }
        // Browser futures are not Send, but Leptos' async views require Send; the browser is
        // single-threaded, so the wrapper's check never fails.
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        {
            parse(&send_wrapper::SendWrapper::new(browser::get(&target)).await?)
        }
        #[cfg(not(any(feature = "hydrate", feature = "ssr")))]
        {
            let _ = parse;
            Err(PortalError::Unavailable(format!("no HTTP transport for {target}")))
        }
    }
}

/// Drafts: applications in progress. Asked of the portal every time (never the catalogue cache),
/// and only from the server: the browser's forms post to the site, which saves them here.
#[cfg(feature = "ssr")]
impl PortalClient {
    /// Starts an application (sent once: a retried POST could start two).
    pub async fn create_draft(&self, procedure_code: &str) -> Result<Draft, PortalError> {
        let body = NewDraft { procedure_code: procedure_code.into() };
        self.send_json(http::Method::POST, "/drafts", Some(&body)).await
    }

    /// A draft by its secret id; `NotFound` when unknown or expired.
    pub async fn draft(&self, id: &str) -> Result<Draft, PortalError> {
        self.send_json::<(), _>(http::Method::GET, &format!("/drafts/{}", encode_component(id)), None).await
    }

    /// Saves one section's answers as typed, valid or not, on the draft `id` if it is one for
    /// `procedure_code`; `NotFound` when there is no such draft, `Conflict` once it was sent.
    pub async fn save_section(
        &self,
        id: &str,
        procedure_code: &str,
        section: &str,
        fields: SectionAnswers,
    ) -> Result<Draft, PortalError> {
        let path = format!(
            "/drafts/{}/sections/{}?procedure={}",
            encode_component(id),
            encode_component(section),
            encode_component(procedure_code)
        );
        self.send_json(http::Method::PUT, &path, Some(&SaveSection { fields })).await
    }

    /// The draft a resume code opens; `NotFound` when none does.
    pub async fn resume_draft(&self, code: &str) -> Result<Draft, PortalError> {
        self.send_json(http::Method::POST, "/drafts/resume", Some(&ResumeDraft { code: code.into() })).await
    }

    /// Sends the application; safe to repeat (the portal makes one dossier per draft and answers
    /// every repeat with the same receipt). `Incomplete` when answers or documents are missing.
    /// `lang` is the citizen's: the portal writes its messages about the dossier in it.
    pub async fn submit(&self, id: &str, lang: crate::i18n::Lang) -> Result<Receipt, PortalError> {
        let path = format!("/drafts/{}/submit?lang={}", encode_component(id), lang.code());
        self.send_json::<(), _>(http::Method::POST, &path, None).await
    }

    /// The receipt of the dossier a draft became; `NotFound` while it has not been sent.
    pub async fn draft_receipt(&self, id: &str) -> Result<Receipt, PortalError> {
        self.send_json::<(), _>(http::Method::GET, &format!("/drafts/{}/receipt", encode_component(id)), None).await
    }

    /// The receipt a signed tracking token opens; `NotFound` for any token that does not.
    pub async fn receipt_by_token(&self, token: &str) -> Result<Receipt, PortalError> {
        let path = format!("/dossiers/by-token/{}", encode_component(token));
        self.send_json::<(), _>(http::Method::GET, &path, None).await
    }

    /// A dossier's status, timeline and next action, through its tracking token; `NotFound` for
    /// any token that opens nothing.
    pub async fn status_by_token(&self, token: &str) -> Result<super::workflow::DossierStatus, PortalError> {
        let path = format!("/dossiers/by-token/{}/status", encode_component(token));
        self.send_json::<(), _>(http::Method::GET, &path, None).await
    }

    /// A fresh tracking token for a dossier code and its second factor (sent once: every try
    /// counts against the limits). `NotFound` for a wrong code and a wrong factor alike;
    /// `TooMany` past the portal's limit on one code.
    pub async fn lookup(&self, code: &str, second_factor: &str) -> Result<String, PortalError> {
        let body = super::lookup::LookupRequest { code: code.into(), second_factor: second_factor.into() };
        let answer: super::lookup::LookupAnswer =
            self.send_json(http::Method::POST, "/dossiers/lookup", Some(&body)).await?;
        Ok(answer.token)
    }

    /// The files of a draft and the limits on them; `NotFound` when the draft is unknown.
    pub async fn documents(&self, id: &str) -> Result<AttachmentList, PortalError> {
        self.files(FilesOf::Draft(id)).await
    }

    /// Uploads one file for document `slot` of a draft (see [`PortalClient::upload_file`]).
    pub async fn upload_document<S>(&self, id: &str, slot: u32, name: &str, body: S) -> Result<Attachment, PortalError>
    where
        S: futures::Stream<Item = Result<axum::body::Bytes, std::io::Error>> + Send + 'static,
    {
        self.upload_file(FilesOf::Draft(id), slot, (name, None), body).await
    }

    /// Removes one file of a draft; `Refused { code: "submitted" }` once it was sent.
    pub async fn delete_document(&self, id: &str, file: &str) -> Result<(), PortalError> {
        self.delete_file(FilesOf::Draft(id), file).await
    }

    /// The files of a draft or of a supplement, and the limits on them.
    pub async fn files(&self, of: FilesOf<'_>) -> Result<AttachmentList, PortalError> {
        self.send_json::<(), _>(http::Method::GET, &of.list_path(), None).await
    }

    /// Uploads one file for document `slot`, streaming `body` to the portal as it arrives (never
    /// whole in memory), under its `name` and idempotency `key` (the same file sent again with
    /// the same key is answered with the file stored the first time). Sent once: a stream cannot
    /// be replayed. A refusal is `Refused { code }` with the portal's reason (`too_big`,
    /// `wrong_type`, `empty`, …).
    pub async fn upload_file<S>(
        &self,
        of: FilesOf<'_>,
        slot: u32,
        (name, key): (&str, Option<&str>),
        body: S,
    ) -> Result<Attachment, PortalError>
    where
        S: futures::Stream<Item = Result<axum::body::Bytes, std::io::Error>> + Send + 'static,
    {
        let mut query = vec![("name", name.to_string())];
        query.extend(key.map(|k| ("key", k.to_string())));
        let target = request_target(&self.base, &of.upload_path(slot), &query);
        ssr::call_streamed(&self.transport, ssr::UPLOAD_TIMEOUT, http::Method::POST, &target, body).await?.parse()
    }

    /// Removes one file; `Refused { code }` when the files can no longer change (`submitted`,
    /// `not_requested`).
    pub async fn delete_file(&self, of: FilesOf<'_>, file: &str) -> Result<(), PortalError> {
        let target = request_target(&self.base, &of.file_path(file), &[]);
        let empty = futures::stream::empty::<Result<axum::body::Bytes, std::io::Error>>();
        ssr::call_streamed(&self.transport, self.timeout, http::Method::DELETE, &target, empty).await.map(drop)
    }

    async fn send_json<B: serde::Serialize, T: DeserializeOwned + 'static>(
        &self,
        method: http::Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, PortalError> {
        let target = request_target(&self.base, path, &[]);
        let body = body
            .map(|b| serde_json::to_vec(b).map(axum::body::Bytes::from))
            .transpose()
            .map_err(|e| PortalError::BadResponse(e.to_string()))?;
        ssr::call(&self.transport, self.timeout, method, &target, body).await?.parse()
    }
}

/// What every transport requests: `base`, the path and the encoded query. Built here once, so
/// the HTTP and the in-process calls ask the portal the very same thing.
fn request_target(base: &str, path: &str, params: &[(&str, String)]) -> String {
    let mut target = format!("{base}{path}");
    for (i, (key, value)) in params.iter().enumerate() {
        target.push(if i == 0 { '?' } else { '&' });
        target.push_str(&encode_component(key));
        target.push('=');
        target.push_str(&encode_component(value));
    }
    target
}

/// The query string of a search, without empty values so URLs stay short and cacheable.
pub fn search_params(query: &SearchQuery) -> Vec<(&'static str, String)> {
    let mut params = Vec::new();
    if !query.q.trim().is_empty() {
        params.push(("q", query.q.trim().to_string()));
    }
    if let Some(sector) = query.sector.as_deref().filter(|s| !s.is_empty()) {
        params.push(("sector", sector.to_string()));
    }
    if let Some(level) = query.level {
        params.push(("level", level.as_str().to_string()));
    }
    if let Some(online) = query.online_level {
        params.push(("online_level", online.number().to_string()));
    }
    if let Some(page) = query.page.filter(|p| *p > 1) {
        params.push(("page", page.to_string()));
    }
    if let Some(per_page) = query.per_page {
        params.push(("per_page", per_page.to_string()));
    }
    params
}

/// Percent-encodes a path segment or a query value (codes are dotted digits, but never trust input).
pub fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Like [`check_status`], but a refusal (4xx but 404) keeps the portal's reason: the `code` of
/// its JSON error, or `http_{status}` when the body is not one.
#[cfg(feature = "ssr")]
fn check_refusal(status: u16, body: &[u8]) -> Result<(), PortalError> {
    match status {
        400..=499 if status != 404 => {
            let code = serde_json::from_slice::<super::types::ApiError>(body)
                .map(|e| e.code)
                .unwrap_or_else(|_| format!("http_{status}"));
            Err(PortalError::Refused { status, code })
        }
        s => check_status(s),
    }
}

/// A 2xx status lets the body through; any other becomes the error a page can explain.
#[cfg_attr(not(any(feature = "ssr", feature = "hydrate")), allow(dead_code))]
fn check_status(status: u16) -> Result<(), PortalError> {
    match status {
        200..=299 => Ok(()),
        // 414: an address too long for the portal names nothing it has.
        404 | 414 => Err(PortalError::NotFound),
        409 => Err(PortalError::Conflict),
        422 => Err(PortalError::Incomplete),
        429 => Err(PortalError::TooMany),
        s if s >= 500 => Err(PortalError::Unavailable(format!("HTTP {s}"))),
        s => Err(PortalError::BadResponse(format!("HTTP {s}"))),
    }
}
