//! "Dossiers on this device": the tracking tokens of the dossiers sent or looked up from this
//! browser, newest first, in one signed cookie. A token is a dossier code, its expiry and the
//! portal's MAC, nothing personal; the cookie's own HMAC (the site's key) keeps a page from
//! listing anything this site did not put there. Kiosks clear it with one button.

/// The cookie's name.
pub const DEVICE_COOKIE: &str = "dvc_dossiers";

/// Dossiers kept: a family's few, a kiosk's last few visitors at most.
pub const MAX_DOSSIERS: usize = 10;

/// Between tokens, and before the MAC: not a character of a token (base64url and a dot), and
/// allowed in a cookie value.
#[cfg(feature = "ssr")]
const SEPARATOR: char = '~';

/// The site's key for the cookie's HMAC.
#[cfg(feature = "ssr")]
#[derive(Clone)]
pub struct DeviceList {
    key: std::sync::Arc<[u8]>,
    /// `Secure` cookies when the site is served over HTTPS.
    pub https: bool,
}

#[cfg(feature = "ssr")]
impl DeviceList {
    pub fn new(key: &[u8], https: bool) -> DeviceList {
        DeviceList { key: key.into(), https }
    }

    fn mac(&self, payload: &str) -> hmac::Hmac<sha2::Sha256> {
        use hmac::Mac;
        let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(payload.as_bytes());
        mac
    }

    /// The cookie's value for `tokens`.
    pub fn seal(&self, tokens: &[String]) -> String {
        use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
        use hmac::Mac;
        let payload = tokens.join(&SEPARATOR.to_string());
        let tag = URL_SAFE_NO_PAD.encode(self.mac(&payload).finalize().into_bytes());
        format!("{payload}{SEPARATOR}{tag}")
    }

    /// The tokens of a cookie this site signed, unexpired at `now`; nothing for any other value.
    pub fn open(&self, value: &str, now: i64) -> Vec<String> {
        use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
        use hmac::Mac;
        let Some((payload, tag)) = value.rsplit_once(SEPARATOR) else { return Vec::new() };
        let Ok(tag) = URL_SAFE_NO_PAD.decode(tag) else { return Vec::new() };
        if value.len() > 4096 || self.mac(payload).verify_slice(&tag).is_err() {
            return Vec::new();
        }
        payload.split(SEPARATOR).filter(|t| claim_code(t, now).is_some()).map(str::to_string).collect()
    }

    /// The tokens in this request's cookie header.
    pub fn from_headers(&self, cookies: Option<&str>, now: i64) -> Vec<String> {
        cookies.and_then(|c| crate::cookie::value(c, DEVICE_COOKIE)).map(|v| self.open(v, now)).unwrap_or_default()
    }

    /// `Set-Cookie` for `tokens`: a year (the tokens' own lifetime), every path, never read by
    /// scripts nor sent with other sites' requests.
    pub fn set_cookie(&self, tokens: &[String]) -> String {
        crate::cookie::http_only(DEVICE_COOKIE, &self.seal(tokens), "/", Some(31_622_400), self.https)
    }

    /// `Set-Cookie` that removes the list.
    pub fn clear_cookie(&self) -> String {
        crate::cookie::http_only(DEVICE_COOKIE, "", "/", Some(0), self.https)
    }
}

/// The dossier code a token claims, if it is one and unexpired at `now` (not verified: the
/// portal verifies it whenever it is used).
#[cfg(feature = "ssr")]
fn claim_code(token: &str, now: i64) -> Option<String> {
    crate::portal::dossier::Receipt::is_token_shaped(token)
        .then(|| crate::server::portal::dossier::link::read(token, now))
        .flatten()
        .map(|c| c.code)
}

/// `list` with `token` first: its dossier's older token goes, and only the newest
/// [`MAX_DOSSIERS`] stay. `None` when nothing changes (it is first already), so the cookie is
/// not rewritten on every visit.
#[cfg(feature = "ssr")]
pub fn remember(list: &[String], token: &str, now: i64) -> Option<Vec<String>> {
    let code = claim_code(token, now)?;
    if list.first().is_some_and(|t| t == token) {
        return None;
    }
    let others = list.iter().filter(|t| claim_code(t, now).as_deref() != Some(code.as_str())).cloned();
    Some(std::iter::once(token.to_string()).chain(others).take(MAX_DOSSIERS).collect())
}

/// On a page that opened the dossier of `token` (its status, its receipt): put it first in this
/// browser's list, through the response being rendered.
#[cfg(feature = "ssr")]
pub fn remember_on_page(token: &str) {
    use leptos::prelude::use_context;
    let (Some(list), Some(parts), Some(res)) = (
        use_context::<DeviceList>(),
        use_context::<http::request::Parts>(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let cookies = parts.headers.get(http::header::COOKIE).and_then(|v| v.to_str().ok());
    if let Some(tokens) = remember(&list.from_headers(cookies, now), token, now) {
        if let Ok(value) = http::HeaderValue::from_str(&list.set_cookie(&tokens)) {
            res.append_header(http::header::SET_COOKIE, value);
        }
    }
}

/// The tokens of this browser's list, for the page being rendered.
#[cfg(feature = "ssr")]
pub fn on_this_device() -> Vec<String> {
    use leptos::prelude::use_context;
    let (Some(list), Some(parts)) = (use_context::<DeviceList>(), use_context::<http::request::Parts>()) else {
        return Vec::new();
    };
    let cookies = parts.headers.get(http::header::COOKIE).and_then(|v| v.to_str().ok());
    list.from_headers(cookies, time::OffsetDateTime::now_utc().unix_timestamp())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::server::portal::dossier::link;

    fn token(code: &str, expires: i64) -> String {
        link::sign(code, expires, &link::new_link_key().unwrap()).unwrap()
    }

    #[test]
    fn a_sealed_list_opens_with_its_key_only() {
        let list = DeviceList::new(b"0123456789abcdef0123456789abcdef", false);
        let tokens = vec![token("000.00.01.H25-261201-0001", 5_000), token("000.00.01.H25-261201-0002", 9_000)];
        let value = list.seal(&tokens);
        assert_eq!(list.open(&value, 1_000), tokens);
        assert_eq!(list.open(&value, 6_000), tokens[1..], "an expired token is dropped");
        assert!(DeviceList::new(b"another key", false).open(&value, 1_000).is_empty());
        let forged = value.replacen('A', "B", 1);
        assert!(list.open(&forged, 1_000).is_empty() || forged == value);
        assert!(list.open("", 0).is_empty() && list.open("~", 0).is_empty());
        assert!(list.set_cookie(&tokens).contains("HttpOnly; SameSite=Lax"));
        assert!(DeviceList::new(b"k", true).clear_cookie().ends_with("; Secure"));
    }

    #[test]
    fn the_newest_goes_first_once_and_ten_stay() {
        let mut list: Vec<String> = Vec::new();
        for n in 1..=12 {
            list = remember(&list, &token(&format!("000.00.01.H25-261201-{n:04}"), 5_000), 0).unwrap();
        }
        assert_eq!(list.len(), MAX_DOSSIERS);
        assert_eq!(claim_code(&list[0], 0).unwrap(), "000.00.01.H25-261201-0012");
        assert_eq!(remember(&list, &list[0].clone(), 0), None, "already first");
        let again = remember(&list, &token("000.00.01.H25-261201-0005", 6_000), 0).unwrap();
        assert_eq!(again.len(), MAX_DOSSIERS, "its older token replaced, not added");
        assert_eq!(claim_code(&again[0], 0).unwrap(), "000.00.01.H25-261201-0005");
        assert_eq!(remember(&list, "not a token", 0), None);
    }
}
