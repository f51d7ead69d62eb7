//! A short-lived cache of whole rendered catalogue pages.
//!
//! Find pages are the same for everyone who asks the same question in the same language, and
//! most questions are asked again and again ("khai sinh", "sổ đỏ"). Rendering one costs far
//! more than sending it, so the first answer is kept for a few seconds with its brotli and gzip
//! forms (each made once, on first demand) and a weak ETag, so a repeat visit is answered `304`.
//!
//! Only [`CACHEABLE`] paths are cached: anonymous catalogue pages. Anything that shows what a
//! person typed or owns (apply, track) must never be listed there. A page depends only on its
//! URL and language (nothing else of the request is read while rendering), so the key is the
//! language plus the raw path and query — raw, because the page echoes the query back in links.

mod page;

use crate::i18n::Lang;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, Method},
    middleware::Next,
    response::Response,
};
use futures::{stream, StreamExt};
use page::{preferred_encoding, Page};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, RwLock},
    time::Duration,
};
use tokio::sync::OnceCell;

/// Paths whose pages are the same for every visitor (exact, or prefix when ending in `/`).
const CACHEABLE: [&str; 3] = ["/", "/procedures", "/procedures/"];
/// Bounds memory: about 30 KB per page with its compressed forms.
const MAX_ENTRIES: usize = 1024;
/// A bigger page is sent as it is rendered, without being kept.
const MAX_BODY: usize = 512 * 1024;
/// Longer URLs are rendered but not kept: no real search is this long, and keys stay small.
const MAX_KEY: usize = 512;

/// A render in progress that visitors asking for the same page wait for. `None`: the page was
/// too big to share, and each waiter renders its own.
type Flight = Arc<OnceCell<Option<Arc<Page>>>>;

pub struct PageCache {
    ttl: Duration,
    pages: RwLock<HashMap<String, Arc<Page>>>,
    flights: Mutex<HashMap<String, Flight>>,
}

impl PageCache {
    pub fn new(ttl: Duration) -> Arc<PageCache> {
        Arc::new(PageCache { ttl, pages: RwLock::default(), flights: Mutex::default() })
    }

    fn fresh(&self, key: &str) -> Option<Arc<Page>> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        pages.get(key).filter(|p| p.born.elapsed() < self.ttl).cloned()
    }

    fn flight(&self, key: &str) -> Flight {
        let mut flights = self.flights.lock().unwrap_or_else(|e| e.into_inner());
        flights.entry(key.to_string()).or_default().clone()
    }

    /// Ends the render of `key`: keeps the page if it may be shared, and lets the next visitor
    /// after it start a new render instead of reusing this one's answer.
    fn land(&self, key: &str, page: Option<&Arc<Page>>) {
        if let Some(page) = page.filter(|p| p.shareable) {
            let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
            if pages.len() >= MAX_ENTRIES {
                self.make_room(&mut pages);
            }
            pages.insert(key.to_string(), page.clone());
        }
        self.flights.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
    }

    /// Drops expired pages, and if that is not enough the older half: a flood of one-off
    /// searches then costs the popular pages at most one render each.
    fn make_room(&self, pages: &mut HashMap<String, Arc<Page>>) {
        pages.retain(|_, p| p.born.elapsed() < self.ttl);
        if pages.len() >= MAX_ENTRIES {
            let mut births: Vec<_> = pages.values().map(|p| p.born).collect();
            let middle = births.len() / 2;
            let (_, median, _) = births.select_nth_unstable(middle);
            let median = *median;
            pages.retain(|_, p| p.born > median);
        }
    }
}

/// Middleware: answer catalogue pages from the cache, or render, keep and answer them.
/// It sits outside the compression layer and compresses cached pages itself.
pub async fn serve(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    let Some(key) = cache_key(&req) else {
        return next.run(req).await;
    };
    let encoding = preferred_encoding(req.headers());
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(page) = cache.fresh(&key) {
        return page.respond(encoding, if_none_match.as_ref());
    }
    // One render per page at a time: when a popular page expires under load, the visitors
    // asking meanwhile wait for that render instead of each starting their own.
    let flight = cache.flight(&key);
    let mut own = Some((req, next));
    let mut unshared = None;
    let shared = flight
        .get_or_init(|| async {
            let (mut req, next) = own.take().expect("a flight is started once per request");
            // Render uncompressed: the page is compressed here, once per encoding.
            req.headers_mut().remove(header::ACCEPT_ENCODING);
            let (parts, body) = next.run(req).await.into_parts();
            let page = match whole(body).await {
                Ok(body) => Some(Arc::new(Page::new(parts.status, parts.headers, body))),
                Err(body) => {
                    unshared = Some(Response::from_parts(parts, body));
                    None
                }
            };
            cache.land(&key, page.as_ref());
            page
        })
        .await
        .clone();
    match (shared, unshared, own) {
        (_, Some(response), _) => response,
        (Some(page), None, _) => page.respond(encoding, if_none_match.as_ref()),
        // Another visitor's render was too big to share: render this one's own.
        (None, None, Some((req, next))) => next.run(req).await,
        (None, None, None) => unreachable!("a render that ran either shared its page or kept its response"),
    }
}

/// The whole body, or (past [`MAX_BODY`], or on a broken stream) a body that sends what was
/// read and then the rest as it comes.
async fn whole(body: Body) -> Result<Bytes, Body> {
    let mut chunks = body.into_data_stream();
    let mut read = Vec::new();
    while let Some(chunk) = chunks.next().await {
        match chunk {
            Ok(chunk) if read.len() + chunk.len() <= MAX_BODY => read.extend_from_slice(&chunk),
            chunk => {
                tracing::warn!(bytes = read.len(), "page too big or broken: sent as rendered, not cached");
                let head = stream::iter([Ok(Bytes::from(read)), chunk]);
                return Err(Body::from_stream(head.chain(chunks)));
            }
        }
    }
    Ok(Bytes::from(read))
}

fn cache_key(req: &Request) -> Option<String> {
    let path = req.uri().path();
    let listed =
        CACHEABLE.iter().any(|p| if p.ends_with('/') && p.len() > 1 { path.starts_with(p) } else { path == *p });
    if req.method() != Method::GET || !listed {
        return None;
    }
    let cookies = req.headers().get(header::COOKIE).and_then(|v| v.to_str().ok());
    let lang = Lang::for_request(req.uri().query(), cookies);
    let target = req.uri().path_and_query().map(|pq| pq.as_str()).unwrap_or(path);
    (target.len() <= MAX_KEY).then(|| format!("{}{target}", lang.code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_catalogue_pages_are_cacheable_and_the_key_holds_the_language() {
        let req = |uri: &str, cookie: Option<&str>| {
            let mut b = Request::builder().uri(uri);
            if let Some(c) = cookie {
                b = b.header(header::COOKIE, c);
            }
            b.body(Body::empty()).unwrap()
        };
        assert_eq!(cache_key(&req("/procedures?q=khai", None)).as_deref(), Some("vi/procedures?q=khai"));
        assert_eq!(cache_key(&req("/procedures?q=khai", Some("lang=en"))).as_deref(), Some("en/procedures?q=khai"));
        assert_eq!(cache_key(&req("/procedures/1.001193", None)).as_deref(), Some("vi/procedures/1.001193"));
        assert_eq!(cache_key(&req("/", None)).as_deref(), Some("vi/"));
        let long = format!("/procedures?q={}", "a".repeat(MAX_KEY));
        for uncached in ["/apply/1.001193", "/track", "/portal/v1/procedures", "/procedures-x", &long] {
            assert_eq!(cache_key(&req(uncached, None)), None, "{uncached}");
        }
    }

    #[tokio::test]
    async fn a_body_too_big_to_keep_is_still_sent_whole() {
        let big = vec![b'x'; MAX_BODY + 10];
        let Ok(small) = whole(Body::from(b"<p>ok</p>".to_vec())).await else { panic!("a small page is kept") };
        assert_eq!(&small[..], b"<p>ok</p>");
        let Err(passed) = whole(Body::from(big.clone())).await else { panic!("a big page is not kept") };
        assert_eq!(axum::body::to_bytes(passed, usize::MAX).await.unwrap(), big);
    }

    #[test]
    fn a_full_cache_drops_the_older_half() {
        let cache = PageCache::new(Duration::from_secs(60));
        let page = || Some(Arc::new(Page::new(axum::http::StatusCode::OK, html(), Bytes::new())));
        for i in 0..MAX_ENTRIES {
            cache.land(&format!("k{i}"), page().as_ref());
        }
        cache.land("newest", page().as_ref());
        let pages = cache.pages.read().unwrap();
        assert!(pages.len() <= MAX_ENTRIES / 2 + 1 && pages.contains_key("newest"));
        assert!(pages.contains_key(&format!("k{}", MAX_ENTRIES - 1)), "the most recent pages stay");
    }

    fn html() -> axum::http::HeaderMap {
        let mut h = axum::http::HeaderMap::new();
        h.insert(header::CONTENT_TYPE, axum::http::HeaderValue::from_static("text/html"));
        h
    }
}
