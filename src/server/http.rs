//! The HTTP layers around every response: compression, security headers, caching, the
//! language cookie, and plain words for the errors no page renders.

mod admission;
mod plain_error;
pub mod rate_limit;
mod wire;

pub use admission::Admission;
pub use plain_error::Refusal;
pub use wire::{Peer, SiteListener};

use super::page_cache::{self, PageCache};
use crate::i18n::Lang;
use axum::{
    extract::Request,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::Response,
    Router,
};
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;

/// What the layers need to know about the deployment.
pub struct HttpPolicy {
    /// Sends HSTS (the site is served over TLS).
    pub https: bool,
    /// `None` renders every request (the cache is off).
    pub page_cache: Option<Arc<PageCache>>,
    /// The Content-Security-Policy of every response (see [`content_security_policy`]).
    pub csp: HeaderValue,
    /// The queue at the door (see [`admission`]).
    pub admission: Admission,
}

pub fn layers(router: Router, policy: HttpPolicy) -> Router {
    let HttpPolicy { https, page_cache, csp, admission } = policy;
    // One stack around the whole router, not `Router::layer`, which wraps every route on its own:
    // each request then cloned every boxed layer under it again at each level, the pages' handler
    // state included (callgrind: 61 copies of the Leptos options for one question page).
    let stack = ServiceBuilder::new()
        // Outermost: a cached page skips every layer inside, headers included (they are stored).
        .option_layer(page_cache.map(|cache| middleware::from_fn_with_state(cache, page_cache::serve)))
        .layer(middleware::from_fn_with_state(admission, admission::admit))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(middleware::from_fn(move |req, next| headers(req, next, https, csp.clone())))
        .layer(middleware::from_fn(plain_error::explain))
        .layer(middleware::from_fn(remember_language))
        .service(router);
    Router::new().fallback_service(stack)
}

/// No inline script runs unless it is one this build wrote: the islands loader, allowed by its
/// SHA-256 (`script_hashes`). Hashes rather than nonces because a cached page is the same bytes
/// for everyone, and a hash stays true for it where a per-response nonce could not without
/// rewriting and recompressing the page on every hit.
pub fn content_security_policy(script_hashes: &[String]) -> HeaderValue {
    let hashes: String = script_hashes.iter().map(|h| format!(" 'sha256-{h}'")).collect();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
    );
    HeaderValue::from_str(&csp).expect("base64 hashes and fixed words make a valid header value")
}

/// `?lang=en|vi` on any URL switches the language and is remembered for a year, so a kiosk
/// or a phone keeps the citizen's choice across pages.
async fn remember_language(req: Request, next: Next) -> Response {
    let chosen = req.uri().query().and_then(Lang::from_query);
    let mut res = next.run(req).await;
    if let Some(lang) = chosen {
        let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    res
}

/// On every reply (the CSP beside them is per deployment); `wire` writes them too. The first,
/// `nosniff`, goes on built assets as well; the others only on pages and API replies.
const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
];
/// Only when the site is served over TLS.
const HSTS: (&str, &str) = ("strict-transport-security", "max-age=31536000");

async fn headers(req: Request, next: Next, https: bool, csp: HeaderValue) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    // A built asset (script, wasm, style) is never a document, so the page-only headers (CSP,
    // framing, permissions, referrer) mean nothing on it; on a phone's first visit they cost
    // ~600 bytes on each of the islands' ten files. `nosniff` still matters for scripts.
    let status = res.status();
    let page = !(path.starts_with("/pkg/") && status.is_success() && !is_html(res.headers()));
    let h = res.headers_mut();
    let page_only = SECURITY_HEADERS.into_iter().skip(1).filter(|_| page);
    for (name, value) in SECURITY_HEADERS.into_iter().take(1).chain(page_only).chain(https.then_some(HSTS)) {
        set(h, name, value);
    }
    if page {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    // Every page's language may come from the `lang` cookie: a shared cache must not hand an
    // English page to someone who chose Vietnamese.
    if is_html(h) {
        h.append(header::VARY, HeaderValue::from_static("cookie"));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        // Only a file found is kept long: a 404 for an asset asked for while a new build was still
        // being deployed would otherwise break that browser's islands for a year.
        let file = status.is_success() || status == StatusCode::NOT_MODIFIED;
        // Built assets carry a content hash in their names: a repeat visit needs only the HTML.
        let policy = if file && path.starts_with("/pkg/") {
            "public, max-age=31536000, immutable"
        } else if file && (path.starts_with("/forms/") || path.starts_with("/favicon")) {
            "public, max-age=86400"
        } else if path.starts_with("/portal/v1/drafts") || path.starts_with("/portal/v1/dossiers") {
            // A person's answers, files and receipt: no cache may keep a copy (`no-cache` lets
            // a shared one store them, only asking before reuse).
            "no-store"
        } else {
            "no-cache"
        };
        set(h, "cache-control", policy);
    }
    res
}

fn is_html(h: &HeaderMap) -> bool {
    h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_no_inline_script_but_the_hashed_ones() {
        let csp = content_security_policy(&["abc=".to_string()]);
        let csp = csp.to_str().unwrap();
        let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        assert!(script_src.contains("'sha256-abc='"), "{script_src}");
    }
}
