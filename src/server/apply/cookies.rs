//! The apply journey's cookies: one per procedure holding its application's draft id (its path
//! is the procedure's, so two applications in two tabs never take each other's place), and one
//! site-wide list of the procedures this browser holds an application of. The list is what lets
//! "Remove my details" (`POST /forget`, on any page) name every draft cookie: a draft cookie is
//! never sent outside its procedure's path, and browsers honour `Clear-Site-Data` only over
//! HTTPS. Neither holds personal data; both are session cookies (a kiosk browser forgets them
//! when closed), never readable by scripts, not sent on other sites' requests.

use crate::apply::journey::DRAFT_COOKIE;
use crate::cookie::http_only;
use crate::portal::client::encode_component;
use axum::{
    http::{header, HeaderMap},
    response::{IntoResponse, Redirect, Response},
};

/// The list of procedures with an application in this browser: codes separated by `|`.
const APPLYING_COOKIE: &str = "dvc_applying";
/// The newest codes that fit in this many bytes are listed: a kiosk's day of applications (a
/// code is about ten), well inside what a browser keeps of one cookie (4 KB).
const APPLYING_BYTES: usize = 1500;

pub(super) fn draft_cookie(headers: &HeaderMap) -> Option<String> {
    crate::cookie::value(request_cookies(headers)?, DRAFT_COOKIE).map(str::to_string)
}

fn request_cookies(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::COOKIE)?.to_str().ok()
}

/// `303` to `to`, with procedure `code`'s draft cookie holding `id`, and `code` on the list.
pub(super) fn with_draft_cookie(headers: &HeaderMap, to: &str, code: &str, id: &str, https: bool) -> Response {
    let res = crate::cookie::set(Redirect::to(to).into_response(), &draft_set_cookie(code, Some(id), https));
    with_listed(res, headers, code, https)
}

/// `res` with `code` put on the list when it is not there: an application begun before the list
/// existed (its draft cookie lasts as long as the browser) is listed at its next save, so
/// "Remove my details" reaches it too.
pub(super) fn listed(res: Response, headers: &HeaderMap, code: &str, https: bool) -> Response {
    if applying(headers).contains(&code) {
        res
    } else {
        with_listed(res, headers, code, https)
    }
}

/// `res` with the list set to the request's, `code` last (the newest), as many as fit.
fn with_listed(res: Response, headers: &HeaderMap, code: &str, https: bool) -> Response {
    let mut listed: Vec<&str> = applying(headers).into_iter().filter(|c| *c != code).collect();
    if is_code_shaped(code) {
        listed.push(code);
    }
    // The newest first, each with its separator, while they fit.
    let (mut used, mut kept) = (0, 0);
    for code in listed.iter().rev() {
        used += code.len() + 1;
        if used > APPLYING_BYTES {
            break;
        }
        kept += 1;
    }
    let newest = &listed[listed.len() - kept..];
    crate::cookie::set(res, &http_only(APPLYING_COOKIE, &newest.join("|"), "/", None, https))
}

/// `Set-Cookie` for procedure `code`'s draft cookie: holding `id`, or (`None`) removed.
fn draft_set_cookie(code: &str, id: Option<&str>, https: bool) -> String {
    let path = format!("/apply/{}", encode_component(code));
    match id {
        Some(id) => http_only(DRAFT_COOKIE, id, &path, None, https),
        None => http_only(DRAFT_COOKIE, "", &path, Some(0), https),
    }
}

/// `res` with every draft cookie this browser was given removed (those of the list, and of
/// `code`, the procedure of the page the person was on), and the list itself.
pub(crate) fn forget_drafts(mut res: Response, headers: &HeaderMap, code: Option<&str>, https: bool) -> Response {
    let mut codes = applying(headers);
    if let Some(code) = code.filter(|c| is_code_shaped(c) && !codes.contains(c)) {
        codes.push(code);
    }
    for code in codes {
        res = crate::cookie::set(res, &draft_set_cookie(code, None, https));
    }
    crate::cookie::set(res, &http_only(APPLYING_COOKIE, "", "/", Some(0), https))
}

/// The procedure codes on the request's list (what is not shaped like one is left out).
fn applying(headers: &HeaderMap) -> Vec<&str> {
    let listed = request_cookies(headers).and_then(|c| crate::cookie::value(c, APPLYING_COOKIE)).unwrap_or("");
    listed.split('|').filter(|c| is_code_shaped(c)).collect()
}

/// A catalogue code (`1.001193`): what may stand in a cookie and a path as it is.
fn is_code_shaped(code: &str) -> bool {
    (1..=64).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    fn with_cookie(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, cookie.parse().unwrap());
        headers
    }

    fn set_cookies(res: &Response) -> Vec<&str> {
        res.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect()
    }

    #[test]
    fn the_list_keeps_the_newest_procedures_once_each_and_nothing_else() {
        let headers = with_cookie("dvc_applying=1.1|2.2|<x>|1.000001; lang=en");
        let res = with_draft_cookie(&headers, "/apply/2.2/p/a", "2.2", "d1", true);
        assert_eq!(
            set_cookies(&res),
            [
                "dvc_draft=d1; Path=/apply/2.2; HttpOnly; SameSite=Lax; Secure",
                "dvc_applying=1.1|1.000001|2.2; Path=/; HttpOnly; SameSite=Lax; Secure",
            ]
        );
        // A code is 9 bytes here, 10 with its separator: the newest 150 fit in 1,500 bytes.
        let many: Vec<String> = (0..200).map(|n| format!("1.{n:07}")).collect();
        let listed = with_cookie(&format!("dvc_applying={}", many.join("|")));
        let res = with_draft_cookie(&listed, "/", "1.1111111", "d", false);
        let expected = format!("dvc_applying={}|1.1111111; Path=/; HttpOnly; SameSite=Lax", many[51..].join("|"));
        assert_eq!(set_cookies(&res)[1], expected);
    }

    #[test]
    fn forgetting_removes_every_listed_draft_cookie_and_the_list() {
        let headers = with_cookie("dvc_applying=1.1|2.2");
        let res = forget_drafts(StatusCode::OK.into_response(), &headers, Some("1.1"), false);
        assert_eq!(set_cookies(&res).len(), 3, "the page's procedure, listed already, once");
        let res = forget_drafts(StatusCode::OK.into_response(), &headers, Some("3.3"), false);
        assert_eq!(
            set_cookies(&res),
            [
                "dvc_draft=; Path=/apply/1.1; Max-Age=0; HttpOnly; SameSite=Lax",
                "dvc_draft=; Path=/apply/2.2; Max-Age=0; HttpOnly; SameSite=Lax",
                "dvc_draft=; Path=/apply/3.3; Max-Age=0; HttpOnly; SameSite=Lax",
                "dvc_applying=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
            ]
        );
    }
}
