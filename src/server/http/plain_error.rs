//! Plain words for the errors that no page renders: a request the router or an extractor
//! refused (400, 405, 413, 414, …) used to come back as an empty or plain-text body. A citizen
//! gets a short page that says what happened and what to do; an API client gets the portal's
//! JSON error. Both then pass through the same security headers as every other response.

use crate::i18n::{num, Lang};
use crate::portal::{types::ApiError, API_PREFIX};
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use std::time::Duration;

/// No page of this site needs a longer address; a longer one is refused before any work, in
/// plain words (hyper itself cuts off at 64 KB with an empty reply).
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// A refusal whose status alone would say the wrong thing. The handler that refused puts it in
/// its empty-bodied response's extensions and this layer words it, because only this layer knows
/// the request's language (and a second page-of-errors renderer would be the same code twice).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The portal's limit on lookups of one dossier code: the code has been tried too often by
    /// anyone, so "from your connection" would be wrong and waiting is not the only way out.
    CodeTriedTooOften { wait: Duration },
}

impl Refusal {
    /// Its title and body in `lang`.
    fn words(self, lang: Lang) -> (String, String) {
        match self {
            Refusal::CodeTriedTooOften { wait } => {
                let args = [("minutes", num(wait.as_secs().div_ceil(60).max(1) as f64))];
                (lang.t("http-error-code-limit-title"), lang.t_with("http-error-code-limit-body", &args))
            }
        }
    }
}

pub async fn explain(req: Request, next: Next) -> Response {
    let head = req.method() == Method::HEAD;
    let api = req.uri().path().starts_with(API_PREFIX);
    let cookies = req.headers().get(header::COOKIE).and_then(|v| v.to_str().ok());
    let lang = Lang::for_request(req.uri().query(), cookies);
    let uri_len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if uri_len > MAX_URI_BYTES {
        return reply(StatusCode::URI_TOO_LONG, api, lang, head, Response::new(Body::empty()));
    }
    let res = next.run(req).await;
    let status = res.status();
    let content_type = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if (status.is_client_error() || status.is_server_error())
        && (content_type.is_empty() || content_type.starts_with("text/plain"))
    {
        return reply(status, api, lang, head, res);
    }
    res
}

/// `res` with its body replaced by the explanation of `status`; its other headers (`Allow` on
/// a 405, say) are kept.
fn reply(status: StatusCode, api: bool, lang: Lang, head: bool, res: Response) -> Response {
    let (mut parts, _) = res.into_parts();
    parts.status = status;
    parts.headers.remove(header::CONTENT_LENGTH);
    let refusal = parts.extensions.get::<Refusal>().copied();
    let (content_type, body) =
        if api { json(status) } else { ("text/html; charset=utf-8", page(status, refusal, &[lang])) };
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, if head { Body::empty() } else { Body::from(body) })
}

fn json(status: StatusCode) -> (&'static str, String) {
    let reason = status.canonical_reason().unwrap_or("error");
    let error = ApiError { code: reason.to_ascii_lowercase().replace([' ', '-'], "_"), message: reason.to_string() };
    ("application/json", error.to_safe_json())
}

/// A page small enough for any connection, from the locale files only (nothing of the request
/// is echoed), with the way home: in each of `langs`, the first being the page's language.
pub fn page_in(status: StatusCode, langs: &[Lang]) -> String {
    page(status, None, langs)
}

/// The page of `status`, in the words of `refusal` when there is one.
fn page(status: StatusCode, refusal: Option<Refusal>, langs: &[Lang]) -> String {
    let args = [("status", num(status.as_u16()))];
    let words = |lang: Lang| match refusal {
        Some(refusal) => refusal.words(lang),
        None => (lang.t_with("http-error-title", &args), lang.t_with("http-error-body", &args)),
    };
    let first = langs.first().copied().unwrap_or_default();
    let mut main = String::new();
    for lang in langs {
        let (title, body) = words(*lang);
        main.push_str(&format!(
            "<section lang=\"{code}\"><h1>{title}</h1><p>{body}</p>\
             <p><a href=\"/?lang={code}\">{home}</a> · <a href=\"/procedures?lang={code}\">{search}</a></p></section>",
            code = lang.code(),
            home = lang.t("error-home"),
            search = lang.t("error-search"),
        ));
    }
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title} – {site}</title></head>\
         <body><main>{main}</main></body></html>",
        code = first.code(),
        title = words(first).0,
        site = first.t("site-name"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_has_its_own_words_in_both_languages() {
        for lang in Lang::ALL {
            let too_long = page_in(StatusCode::URI_TOO_LONG, &[lang]);
            let bad = page_in(StatusCode::BAD_REQUEST, &[lang]);
            assert_ne!(too_long, bad);
            assert!(too_long.contains(&format!("lang=\"{}\"", lang.code())));
        }
        assert!(page_in(StatusCode::PAYLOAD_TOO_LARGE, &[Lang::Vi]).contains("quá lớn"));
        assert!(page_in(StatusCode::IM_A_TEAPOT, &[Lang::En]).contains("Something went wrong"));
        assert_eq!(json(StatusCode::URI_TOO_LONG).1, r#"{"code":"uri_too_long","message":"URI Too Long"}"#);
    }

    #[test]
    fn a_code_tried_too_often_is_not_blamed_on_the_connection() {
        let refusal = Some(Refusal::CodeTriedTooOften { wait: Duration::from_secs(61) });
        let vi = page(StatusCode::TOO_MANY_REQUESTS, refusal, &[Lang::Vi]);
        assert!(vi.contains("Mã hồ sơ này đã được tra cứu quá nhiều lần") && vi.contains("2 phút"), "{vi}");
        assert!(vi.contains("Bộ phận Một cửa") && !vi.contains("kết nối của bạn"), "{vi}");
        let en = page(StatusCode::TOO_MANY_REQUESTS, refusal, &[Lang::En]);
        assert!(en.contains("<title>This dossier code has been tried too many times"), "{en}");
        assert!(en.contains("in 2 minutes") && !en.contains("your connection"), "{en}");
        let one = Some(Refusal::CodeTriedTooOften { wait: Duration::from_secs(60) });
        assert!(page(StatusCode::TOO_MANY_REQUESTS, one, &[Lang::En]).contains("in 1 minute,"));
        assert!(page_in(StatusCode::TOO_MANY_REQUESTS, &[Lang::En]).contains("your connection"), "others unchanged");
    }
}
