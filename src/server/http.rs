//! The HTTP layers around every response: compression, security headers, caching, and the
//! language cookie.

use super::page_cache::{self, PageCache};
use crate::i18n::Lang;
use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::{self, Next},
    response::Response,
    Router,
};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

/// `page_cache`: `None` renders every request (the cache is off).
pub fn layers(router: Router, https: bool, page_cache: Option<Arc<PageCache>>) -> Router {
    let router = router
        .layer(middleware::from_fn(remember_language))
        .layer(middleware::from_fn(move |req, next| headers(req, next, https)))
        .layer(CompressionLayer::new().br(true).gzip(true));
    match page_cache {
        // Outermost: a cached page skips every layer inside, headers included (they are stored).
        Some(cache) => router.layer(middleware::from_fn_with_state(cache, page_cache::serve)),
        None => router,
    }
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

const CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
                   style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; \
                   form-action 'self'; base-uri 'self'; object-src 'none'";

async fn headers(req: Request, next: Next, https: bool) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: header::HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()");
    if https {
        set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        // Built assets carry a content hash in their names: a repeat visit needs only the HTML.
        let policy = if path.starts_with("/pkg/") {
            "public, max-age=31536000, immutable"
        } else if path.starts_with("/forms/") || path.starts_with("/favicon") {
            "public, max-age=86400"
        } else {
            "no-cache"
        };
        set(h, header::CACHE_CONTROL, policy);
    }
    res
}
