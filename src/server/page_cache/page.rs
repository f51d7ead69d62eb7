//! One kept page: its status, headers and body, the compressed forms made on first demand, and
//! the ETag that lets a browser holding it get `304 Not Modified`.

use axum::{
    body::{Body, Bytes},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::Response,
};
use std::{
    hash::{DefaultHasher, Hasher},
    io::Write,
    sync::OnceLock,
    time::Instant,
};

/// Brotli 5 is within a few per cent of 11 on HTML and far cheaper; it runs once per page.
const BROTLI_QUALITY: u32 = 5;

pub struct Page {
    pub born: Instant,
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// May be kept and shared: see [`Page::new`].
    pub shareable: bool,
    body: Bytes,
    etag: HeaderValue,
    br: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// Brotli if the browser takes it, then gzip, else none. `q=0` means "not this one".
pub fn preferred_encoding(headers: &HeaderMap) -> Encoding {
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
    pub fn new(status: StatusCode, mut headers: HeaderMap, body: Bytes) -> Page {
        headers.remove(header::CONTENT_LENGTH);
        // Weak: the same page in brotli, gzip or plain, or with another nonce, is one page to the browser.
        let etag = HeaderValue::from_str(&format!("W/\"{:016x}\"", content_hash(&body)))
            .unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""));
        // Kept and shared: only a whole HTML page that nobody marked `no-store` (a page with a part
        // the portal could not give is marked so: see `error::mark_incomplete`).
        let header = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok()).unwrap_or_default();
        let shareable = status == StatusCode::OK
            && header(header::CONTENT_TYPE).starts_with("text/html")
            && !header(header::CACHE_CONTROL).contains("no-store");
        Page {
            born: Instant::now(),
            status,
            headers,
            shareable,
            body,
            etag,
            br: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    pub fn respond(&self, encoding: Encoding, if_none_match: Option<&HeaderValue>) -> Response {
        let mut headers = self.headers.clone();
        // The language may come from the cookie: a shared cache must keep languages apart too.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding, cookie"));
        // Only a page that is kept is worth revalidating.
        if self.shareable {
            headers.insert(header::ETAG, self.etag.clone());
        }
        let (status, body) = if self.shareable && if_none_match.is_some_and(|v| self.matches(v)) {
            (StatusCode::NOT_MODIFIED, Bytes::new())
        } else {
            let (body, coding) = match encoding {
                Encoding::Brotli => (self.br.get_or_init(|| brotli(&self.body)).clone(), Some("br")),
                Encoding::Gzip => (self.gzip.get_or_init(|| gzip(&self.body)).clone(), Some("gzip")),
                Encoding::Identity => (self.body.clone(), None),
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

    /// `If-None-Match` against this page: weak comparison, lists and `*` as in RFC 9110.
    fn matches(&self, if_none_match: &HeaderValue) -> bool {
        let ours = self.etag.to_str().unwrap_or_default().trim_start_matches("W/");
        if_none_match
            .to_str()
            .is_ok_and(|v| v.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours))
    }
}

/// A hash of the page without its CSP nonces. leptos_axum writes a fresh random nonce into every
/// page it renders; our CSP does not use nonces, so a page re-rendered after the cache expired is
/// the same page, and a browser holding it should still get `304`. (A kept page repeats its first
/// render's nonce to everyone: were the CSP ever to rely on nonces, cached pages would need a
/// fresh one per response.)
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
    fn only_whole_html_pages_are_shareable_and_etags_match_like_rfc_9110() {
        let html = |cache_control: Option<&'static str>| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            if let Some(cc) = cache_control {
                h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cc));
            }
            h
        };
        let page = Page::new(StatusCode::OK, html(Some("no-cache")), Bytes::from_static(b"<p>x</p>"));
        assert!(page.shareable);
        assert!(!Page::new(StatusCode::OK, html(Some("no-store")), Bytes::new()).shareable);
        assert!(!Page::new(StatusCode::NOT_FOUND, html(None), Bytes::new()).shareable);
        let etag = page.etag.to_str().unwrap().to_string();
        for matching in [etag.clone(), etag.trim_start_matches("W/").into(), format!("\"x\", {etag}"), "*".into()] {
            assert!(page.matches(&HeaderValue::from_str(&matching).unwrap()), "{matching}");
        }
        assert!(!page.matches(&HeaderValue::from_static("W/\"0\"")));
    }
}
