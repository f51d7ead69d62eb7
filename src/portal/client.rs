//! An isomorphic client of the portal API: reqwest on the server, gloo-net in the browser.
//! Both transports share the URL building and the error mapping, so a page rendered on the
//! server and an island refreshing it in the browser see the portal the same way.

use super::types::{Procedure, ProcedureSummary, Province, SearchPage, SearchQuery, SectorCount};
use serde::de::DeserializeOwned;

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
}

/// A handle on the portal at `base` (e.g. `http://127.0.0.1:3000/portal/v1`). Cheap to clone.
#[derive(Clone, Debug)]
pub struct PortalClient {
    base: String,
    #[cfg(feature = "ssr")]
    http: reqwest::Client,
    #[cfg(feature = "ssr")]
    catalogue: ssr::ShortCache,
}

impl PortalClient {
    pub fn new(base: impl Into<String>) -> Self {
        let base = base.into().trim_end_matches('/').to_string();
        #[cfg(feature = "ssr")]
        {
            PortalClient { base, http: ssr::http_client(), catalogue: ssr::ShortCache::default() }
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
    pub async fn procedure(&self, code: &str) -> Result<Procedure, PortalError> {
        self.get(&format!("/procedures/{}", encode_component(code)), &[]).await
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
    pub async fn province(&self) -> Result<Province, PortalError> {
        self.get("/province", &[]).await
    }

    /// Every call so far reads the public catalogue, which changes a few times a year: on the
    /// server, answers are kept for a short while (`ssr::CATALOGUE_TTL`), sparing a slow
    /// provincial portal the same question from every citizen. Dossier calls must not use this.
    async fn get<T: DeserializeOwned>(&self, path: &str, params: &[(&str, String)]) -> Result<T, PortalError> {
        let url = format!("{}{}", self.base, path);
        let parse = |body: &str| serde_json::from_str(body).map_err(|e| PortalError::BadResponse(e.to_string()));
        #[cfg(feature = "ssr")]
        {
            if let Some(body) = self.catalogue.get(&url, params) {
                return parse(&body);
            }
            let body = ssr::get(&self.http, &url, params).await?;
            let value = parse(&body)?;
            // Only answers that parsed are kept: a broken answer is asked again next time.
            self.catalogue.put(&url, params, body.into());
            Ok(value)
        }
        // Browser futures are not Send, but Leptos' async views require Send; the browser is
        // single-threaded, so the wrapper's check never fails.
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        {
            parse(&send_wrapper::SendWrapper::new(browser::get(&url, params)).await?)
        }
        #[cfg(not(any(feature = "hydrate", feature = "ssr")))]
        {
            let _ = parse;
            Err(PortalError::Unavailable(format!("no HTTP transport for {url} {params:?}")))
        }
    }
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

/// Maps an HTTP status to the error a page can explain.
fn status_error(status: u16) -> PortalError {
    match status {
        404 => PortalError::NotFound,
        s if s >= 500 => PortalError::Unavailable(format!("HTTP {s}")),
        s => PortalError::BadResponse(format!("HTTP {s}")),
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::{status_error, PortalError};
    use std::{
        collections::HashMap,
        sync::{Arc, Mutex},
        time::{Duration, Instant},
    };

    /// How stale a catalogue answer may be. Short enough that an agency's edit shows up within
    /// the minute; long enough that a busy hour asks the portal each question about once.
    pub const CATALOGUE_TTL: Duration = Duration::from_secs(60);
    /// Distinct questions kept; past this the cache starts over (searches are a long tail).
    const CAPACITY: usize = 2_000;

    /// Successful answers by URL and query, for `CATALOGUE_TTL`. Errors are never kept, so a
    /// portal that recovers is seen at once.
    #[derive(Clone, Debug, Default)]
    pub struct ShortCache(Arc<Mutex<HashMap<String, Entry>>>);

    /// When an answer was received, and the answer.
    type Entry = (Instant, Arc<str>);

    impl ShortCache {
        fn key(url: &str, params: &[(&str, String)]) -> String {
            let mut key = url.to_string();
            for (k, v) in params {
                key.push_str(&format!("\u{1f}{k}={v}"));
            }
            key
        }

        pub fn get(&self, url: &str, params: &[(&str, String)]) -> Option<Arc<str>> {
            let map = self.0.lock().ok()?;
            let (at, body) = map.get(&Self::key(url, params))?;
            (at.elapsed() < CATALOGUE_TTL).then(|| body.clone())
        }

        pub fn put(&self, url: &str, params: &[(&str, String)], body: Arc<str>) {
            if let Ok(mut map) = self.0.lock() {
                if map.len() >= CAPACITY {
                    map.clear();
                }
                map.insert(Self::key(url, params), (Instant::now(), body));
            }
        }
    }

    /// A slow portal must not hold a citizen's page for long: fail fast, say so, offer a retry.
    const TIMEOUT: Duration = Duration::from_secs(5);

    pub fn http_client() -> reqwest::Client {
        reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(Duration::from_secs(2))
            .pool_idle_timeout(Duration::from_secs(90))
            .build()
            .expect("the HTTP client's configuration is static and valid")
    }

    /// GET with one retry: reads are idempotent, and a single dropped connection or a 5xx blip
    /// should not become an error page on a citizen's phone.
    pub async fn get(http: &reqwest::Client, url: &str, params: &[(&str, String)]) -> Result<String, PortalError> {
        let mut last = PortalError::Unavailable(String::new());
        for attempt in 0..2 {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(150)).await;
            }
            match http.get(url).query(params).send().await {
                Ok(resp) if resp.status().is_success() => {
                    return resp.text().await.map_err(|e| PortalError::Unavailable(e.to_string()));
                }
                Ok(resp) => {
                    last = status_error(resp.status().as_u16());
                    if !matches!(last, PortalError::Unavailable(_)) {
                        return Err(last);
                    }
                }
                Err(e) => last = PortalError::Unavailable(e.to_string()),
            }
        }
        Err(last)
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
mod browser {
    use super::{status_error, PortalError};

    pub async fn get(url: &str, params: &[(&str, String)]) -> Result<String, PortalError> {
        let resp = gloo_net::http::Request::get(url)
            .query(params.iter().map(|(k, v)| (*k, v.as_str())))
            .send()
            .await
            .map_err(|e| PortalError::Unavailable(e.to_string()))?;
        if !resp.ok() {
            return Err(status_error(resp.status()));
        }
        resp.text().await.map_err(|e| PortalError::Unavailable(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portal::types::{ImplementingLevel, OnlineLevel};

    #[test]
    fn search_params_drop_empty_values_and_page_one() {
        let q = SearchQuery {
            q: "  khai sinh ".into(),
            sector: Some(String::new()),
            level: Some(ImplementingLevel::Commune),
            online_level: Some(OnlineLevel::Full),
            page: Some(1),
            per_page: None,
        };
        assert_eq!(
            search_params(&q),
            vec![("q", "khai sinh".to_string()), ("level", "commune".into()), ("online_level", "4".into())]
        );
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_component("1.001193"), "1.001193");
        assert_eq!(encode_component("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_component("sổ đỏ"), "s%E1%BB%95%20%C4%91%E1%BB%8F");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_catalogue_cache_tells_questions_apart() {
        let cache = ssr::ShortCache::default();
        let q = |v: &str| vec![("q", v.to_string())];
        cache.put("http://p/procedures", &q("khai sinh"), "[1]".into());
        assert_eq!(cache.get("http://p/procedures", &q("khai sinh")).as_deref(), Some("[1]"));
        assert_eq!(cache.get("http://p/procedures", &q("kết hôn")), None);
        assert_eq!(cache.get("http://p/sectors", &[]), None);
    }

    #[test]
    fn statuses_map_to_what_pages_explain() {
        assert_eq!(status_error(404), PortalError::NotFound);
        assert!(matches!(status_error(503), PortalError::Unavailable(_)));
        assert!(matches!(status_error(400), PortalError::BadResponse(_)));
    }
}
