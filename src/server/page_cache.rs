//! A short-lived cache of whole rendered catalogue pages.
//!
//! Find pages are the same for everyone who asks the same question in the same language, and
//! most questions are asked again and again ("khai sinh", "sổ đỏ"). Rendering one costs far
//! more than sending it, so the first answer is kept for a few seconds with its brotli and gzip
//! forms (each made once, on first demand) and a weak ETag, so a repeat visit is answered `304`.
//!
//! Only [`CACHEABLE`] paths are cached: anonymous catalogue pages. Anything that shows what a
//! person typed or owns (apply, track) must never be listed there. A page depends only on its
//! URL and language, so the key is the language plus the path and query.

use crate::i18n::Lang;
use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hasher},
    io::Write,
    sync::{Arc, OnceLock, RwLock},
    time::{Duration, Instant},
};

/// Paths whose pages are the same for every visitor (exact, or prefix when ending in `/`).
const CACHEABLE: [&str; 3] = ["/", "/procedures", "/procedures/"];
/// Bounds memory: about 30 KB per page with its compressed forms.
const MAX_ENTRIES: usize = 1024;
/// A rendered page is at most this big; anything larger is passed through.
const MAX_BODY: usize = 512 * 1024;
/// Longer URLs are rendered but not kept: no real search is this long, and keys stay small.
const MAX_KEY: usize = 512;
/// Brotli 5 is within a few per cent of 11 on HTML and far cheaper; it runs once per page.
const BROTLI_QUALITY: u32 = 5;

pub struct PageCache {
    ttl: Duration,
    pages: RwLock<HashMap<String, Arc<Page>>>,
}

struct Page {
    born: Instant,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    etag: HeaderValue,
    br: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl PageCache {
    pub fn new(ttl: Duration) -> Arc<PageCache> {
        Arc::new(PageCache { ttl, pages: RwLock::new(HashMap::new()) })
    }

    fn fresh(&self, key: &str) -> Option<Arc<Page>> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        pages.get(key).filter(|p| p.born.elapsed() < self.ttl).cloned()
    }

    fn keep(&self, key: String, page: Arc<Page>) {
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= MAX_ENTRIES {
            pages.retain(|_, p| p.born.elapsed() < self.ttl);
            if pages.len() >= MAX_ENTRIES {
                // A flood of distinct queries: start over rather than track recency on every hit.
                pages.clear();
            }
        }
        pages.insert(key, page);
    }
}

/// Middleware: answer catalogue pages from the cache, or render, keep and answer them.
/// It sits outside the compression layer and compresses cached pages itself.
pub async fn serve(State(cache): State<Arc<PageCache>>, mut req: Request, next: Next) -> Response {
    let Some(key) = cache_key(&req) else {
        return next.run(req).await;
    };
    let encoding = preferred_encoding(req.headers());
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(page) = cache.fresh(&key) {
        return page.respond(encoding, if_none_match.as_ref());
    }
    // Render uncompressed: the cached page is compressed here, once per encoding.
    req.headers_mut().remove(header::ACCEPT_ENCODING);
    let response = next.run(req).await;
    let (parts, body) = response.into_parts();
    let Ok(body) = to_bytes(body, MAX_BODY).await else {
        return Response::builder().status(StatusCode::INTERNAL_SERVER_ERROR).body(Body::empty()).unwrap_or_default();
    };
    let page = Arc::new(Page::new(parts.status, parts.headers, body));
    // Error pages (portal down, unknown code) are not kept: the next visitor should get a retry.
    if page.status == StatusCode::OK && is_html(&page.headers) {
        cache.keep(key, page.clone());
    }
    page.respond(encoding, if_none_match.as_ref())
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

fn is_html(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
}

/// Brotli if the browser takes it, then gzip, else none. `q=0` means "not this one".
fn preferred_encoding(headers: &HeaderMap) -> Encoding {
    let accepted = |name: &str| {
        headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).any(|v| {
            v.split(',').any(|item| {
                let mut parts = item.split(';').map(str::trim);
                parts.next().is_some_and(|coding| coding.eq_ignore_ascii_case(name))
                    && !parts.any(|p| p.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q == 0.0)))
            })
        })
    };
    if accepted("br") {
        Encoding::Brotli
    } else if accepted("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

impl Page {
    fn new(status: StatusCode, mut headers: HeaderMap, body: Bytes) -> Page {
        headers.remove(header::CONTENT_LENGTH);
        // Weak: the same page in brotli, gzip or plain, or with another nonce, is one page to the browser.
        let etag = HeaderValue::from_str(&format!("W/\"{:016x}\"", content_hash(&body)))
            .unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""));
        Page { born: Instant::now(), status, headers, body, etag, br: OnceLock::new(), gzip: OnceLock::new() }
    }

    fn respond(&self, encoding: Encoding, if_none_match: Option<&HeaderValue>) -> Response {
        let mut headers = self.headers.clone();
        // The language may come from the cookie: a shared cache must keep languages apart too.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding, cookie"));
        if self.status == StatusCode::OK {
            headers.insert(header::ETAG, self.etag.clone());
        }
        let not_modified = self.status == StatusCode::OK
            && if_none_match
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.split(',').any(|tag| tag.trim().trim_start_matches("W/") == self.etag_value()));
        let (status, body) = if not_modified {
            (StatusCode::NOT_MODIFIED, Bytes::new())
        } else {
            let body = match encoding {
                Encoding::Brotli => self.br.get_or_init(|| brotli(&self.body)).clone(),
                Encoding::Gzip => self.gzip.get_or_init(|| gzip(&self.body)).clone(),
                Encoding::Identity => self.body.clone(),
            };
            let coding = match encoding {
                Encoding::Brotli => Some("br"),
                Encoding::Gzip => Some("gzip"),
                Encoding::Identity => None,
            };
            if let Some(coding) = coding {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
            }
            (self.status, body)
        };
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = status;
        *response.headers_mut() = headers;
        response
    }

    fn etag_value(&self) -> &str {
        self.etag.to_str().unwrap_or_default().trim_start_matches("W/")
    }
}

/// A hash of the page without its CSP nonces. leptos_axum writes a fresh random nonce into every
/// page it renders; our CSP does not use nonces, so a page re-rendered after the cache expired is
/// the same page, and a browser holding it should still get `304`.
fn content_hash(body: &[u8]) -> u64 {
    const NONCE: &[u8] = b"nonce=\"";
    let mut hasher = DefaultHasher::new();
    let mut rest = body;
    while let Some(at) = rest.windows(NONCE.len()).position(|w| w == NONCE) {
        hasher.write(&rest[..at + NONCE.len()]);
        rest = &rest[at + NONCE.len()..];
        let value_len = rest.iter().position(|b| *b == b'"').unwrap_or(rest.len());
        rest = &rest[value_len..];
    }
    hasher.write(rest);
    hasher.finish()
}

fn brotli(data: &[u8]) -> Bytes {
    let mut out = brotli::CompressorWriter::new(Vec::with_capacity(data.len() / 3), 4096, BROTLI_QUALITY, 22);
    // Writing to a Vec cannot fail.
    let _ = out.write_all(data);
    Bytes::from(out.into_inner())
}

fn gzip(data: &[u8]) -> Bytes {
    let mut out = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 3), flate2::Compression::new(6));
    let _ = out.write_all(data);
    Bytes::from(out.finish().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn the_etag_ignores_nonces_but_not_content() {
        let page =
            |nonce: &str, text: &str| format!("<p>{text}</p><script nonce=\"{nonce}\">x</script><i nonce=\"{nonce}\">");
        let a = content_hash(page("AAAA", "khai sinh").as_bytes());
        assert_eq!(a, content_hash(page("BBBBBBBB", "khai sinh").as_bytes()));
        assert_ne!(a, content_hash(page("AAAA", "kết hôn").as_bytes()));
        assert_ne!(content_hash(b"<p>a</p>"), content_hash(b"<p>b</p>"));
    }

    #[test]
    fn picks_brotli_then_gzip_and_respects_q_zero() {
        assert_eq!(preferred_encoding(&accept("gzip, deflate, br, zstd")), Encoding::Brotli);
        assert_eq!(preferred_encoding(&accept("gzip, br;q=0")), Encoding::Gzip);
        assert_eq!(preferred_encoding(&accept("identity")), Encoding::Identity);
        assert_eq!(preferred_encoding(&HeaderMap::new()), Encoding::Identity);
    }

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
}
