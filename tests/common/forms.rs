//! Forms as a browser without JavaScript posts them: same-site, with the draft cookie; the
//! documents page's multipart form with its hidden fields first.

use super::raw::{self, RawResponse};

pub const SAME_SITE: (&str, &[u8]) = ("sec-fetch-site", b"same-origin");
pub const BOUNDARY: &str = "----dvc-test-boundary";

/// The draft cookie a start form sets (`name=value`), checked to be what a kiosk needs.
pub fn cookie_of(res: &RawResponse) -> String {
    let set = res.header("set-cookie").expect("a draft cookie");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/apply/1.001193;"), "{set}");
    assert!(!set.contains("Max-Age") && !set.contains("Expires"), "a session cookie: kiosks forget it");
    set.split(';').next().unwrap().to_string()
}

/// A new application of procedure 1.001193, as its start form begins it: its draft cookie.
pub async fn started(base: &str) -> String {
    cookie_of(&raw::request(base, "POST", b"/apply/1.001193/start", &[SAME_SITE], b"").await)
}

pub async fn get(base: &str, target: &str, cookie: &str) -> RawResponse {
    raw::request(base, "GET", target.as_bytes(), &[("cookie", cookie.as_bytes())], b"").await
}

pub async fn post(base: &str, target: &str, cookie: &str, body: &str) -> RawResponse {
    let headers = [SAME_SITE, ("cookie", cookie.as_bytes()), ("content-type", b"application/x-www-form-urlencoded")];
    raw::request(base, "POST", target.as_bytes(), &headers, body.as_bytes()).await
}

/// The upload form as a browser sends it: its hidden `fields` first (the page puts them before
/// the file input), then the files.
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        let part = format!("--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        body.extend_from_slice(part.as_bytes());
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
                 content-type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A multipart `body` to document `slot`'s form of procedure 1.001193.
pub async fn post_files(base: &str, slot: u32, cookie: &str, body: &[u8], extra: &[(&str, &[u8])]) -> RawResponse {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let mut headers = vec![SAME_SITE, ("cookie", cookie.as_bytes()), ("content-type", content_type.as_bytes())];
    headers.extend_from_slice(extra);
    raw::request(base, "POST", format!("/apply/1.001193/documents/{slot}").as_bytes(), &headers, body).await
}
