//! Reading one cookie out of a raw `Cookie:` header: the language, the draft of an application.

/// The value of cookie `name` in a raw `Cookie:` header (`a=1; lang=en`).
pub fn value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
}

/// `Set-Cookie` for a cookie scripts cannot read and other sites' requests do not carry:
/// `name=value` on `path`, kept `max_age` seconds (`None`: until the browser closes; `Some(0)`:
/// removed), `Secure` when the site is served over HTTPS.
pub fn http_only(name: &str, value: &str, path: &str, max_age: Option<u64>, https: bool) -> String {
    let age = max_age.map(|s| format!("; Max-Age={s}")).unwrap_or_default();
    let secure = if https { "; Secure" } else { "" };
    format!("{name}={value}; Path={path}{age}; HttpOnly; SameSite=Lax{secure}")
}

/// The value of cookie `name` in the request a page is rendered for.
#[cfg(feature = "ssr")]
pub fn from_request(name: &str) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    value(header, name).map(str::to_string)
}

/// `res` with a `Set-Cookie: {cookie}` added (the handlers' cookies are built from checked
/// parts, so one that is not a valid header value is a bug, and is left out).
#[cfg(feature = "ssr")]
pub fn set(mut res: axum::response::Response, cookie: &str) -> axum::response::Response {
    if let Ok(value) = http::HeaderValue::from_str(cookie) {
        res.headers_mut().append(http::header::SET_COOKIE, value);
    }
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_named_cookie_only() {
        assert_eq!(super::value("a=b; lang=en", "lang"), Some("en"));
        assert_eq!(super::value("xlang=en", "lang"), None);
        assert_eq!(super::value("langx=en", "lang"), None);
        assert_eq!(super::value("", "lang"), None);
    }
}
