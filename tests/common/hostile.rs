//! The hostile-input sweep (tests/hostile.rs on SQLite, tests/postgres.rs on PostgreSQL): every
//! route, with a stranger's worst values in every path segment, query parameter and header it
//! reads. Whatever comes in, what goes out is no 5xx, never the payload as markup, no link off
//! this site, and a page (or a JSON error) in plain words.
//!
//! A new route is one line in `TARGETS` (`{v}` marks where the value goes).

use super::raw::{self, RawResponse};

/// Request targets; `{v}` is replaced by each payload, percent-encoded (or raw, see `Payload`).
const TARGETS: &[&str] = &[
    "/?lang={v}",
    "/{v}",
    "/procedures?q={v}",
    "/procedures?q={v}&q={v}&sector={v}&sector={v}",
    "/procedures?sector={v}&level={v}&online_level={v}&page={v}&lang={v}",
    "/procedures/{v}",
    "/procedures/{v}?lang=en",
    "/apply/{v}",
    "/pkg/{v}",
    "/healthz?{v}",
    "/portal/v1/procedures?q={v}",
    "/portal/v1/procedures?q={v}&q={v}&sector={v}&level={v}&online_level={v}&page={v}&per_page={v}",
    "/portal/v1/procedures?level={v}",
    "/portal/v1/procedures?online_level={v}",
    "/portal/v1/procedures?page={v}",
    "/portal/v1/procedures/popular?limit={v}",
    "/portal/v1/procedures/{v}",
    "/portal/v1/procedures/{v}/form",
    "/portal/v1/sectors?x={v}",
    "/portal/v1/province?x={v}",
    "/portal/v1/counter?x={v}",
    "/portal/v1/postal-fee?commune={v}",
    "/portal/v1/postal-fee?commune=04792&originals={v}",
    "/apply/1.001193/p/return?x={v}",
    "/portal/v1/openapi.json?x={v}",
    "/portal/v1/{v}",
    "/portal/v1/drafts/{v}",
    "/portal/v1/drafts/{v}/sections/{v}",
    "/apply/{v}/p/{v}",
    "/apply/1.001193/p/{v}",
    "/apply/{v}/check",
    "/apply/resume?error={v}",
    "/apply/1.001193/check?incomplete={v}",
    "/apply/receipt/{v}",
    "/track/{v}",
    "/T/{v}",
    "/track?error={v}&code={v}&cleared={v}",
    "/track/{v}/supplement",
    "/track/{v}/supplement?slot={v}&e={v}&e=too_big%3A{v}&missing={v}",
    "/track/{v}/withdraw",
    "/track/{v}/return?check={v}",
    "/track/{v}/rate?check={v}",
    "/portal/v1/drafts/{v}/receipt",
    "/portal/v1/dossiers/by-token/{v}",
    "/portal/v1/dossiers/by-token/{v}/status",
    "/portal/v1/dossiers/by-token/{v}/supplement/files",
    "/portal/v1/dossiers/by-token/{v}/rating",
    "/portal/v1/officer/dossiers/{v}",
    "/portal/v1/officer/outbox?limit={v}",
    "/portal/v1/drafts/{v}/documents",
    "/portal/v1/drafts/{v}/documents/{v}/content",
    "/apply/{v}/documents",
    "/apply/{v}/tasks",
    "/apply/1.001193/documents?slot={v}&e={v}",
];

/// Bodies the site reads: (method, target, content type, template). In JSON `{v}` is the value
/// as a JSON string; in a form it is percent-encoded. Requests carry the sweep's apply cookie; a
/// `303` is followed once, so the page rendered from what was saved is checked too.
const BODIES: &[(&str, &str, &str, &str)] = &[
    ("POST", "/portal/v1/drafts", JSON, r#"{"procedure_code": {v}}"#),
    ("POST", "/portal/v1/drafts/resume", JSON, r#"{"code": {v}}"#),
    ("PUT", "/portal/v1/drafts/{draft}/sections/child", JSON, r#"{"fields": {{v}: [{v}, {v}]}}"#),
    ("POST", "/apply/1.001193/p/child", FORM, "child_name={v}&child_birth_date-day={v}&child_birth_place.street={v}"),
    ("POST", "/apply/1.001193/p/child", FORM, "{v}={v}&child_sex={v}&child_sex={v}"),
    (
        "POST",
        "/apply/1.001193/p/applicant_person",
        FORM,
        "applicant_citizen_id={v}&applicant_phone={v}&applicant_address.commune={v}",
    ),
    (
        "POST",
        "/apply/1.001193/p/return",
        FORM,
        "return_method=post&return_address.province=25&return_address.commune={v}",
    ),
    ("POST", "/apply/1.001193/p/return", FORM, "return_method={v}&return_originals_by_post={v}&return_recipient={v}"),
    ("POST", "/apply/resume", FORM, "code={v}"),
    ("POST", "/apply/{v}/start", FORM, ""),
    ("POST", "/portal/v1/drafts/{v}/submit", JSON, ""),
    ("POST", "/portal/v1/drafts/{draft}/submit", JSON, "{v}"),
    ("POST", "/apply/{v}/submit", FORM, ""),
    ("POST", "/portal/v1/drafts/{draft}/submit?lang={v}", JSON, ""),
    ("POST", "/portal/v1/officer/dossiers/{v}/transitions", JSON, r#"{"action": {v}}"#),
    ("POST", "/portal/v1/officer/outbox/ack", JSON, r#"{"ids": [{v}]}"#),
    ("POST", "/portal/v1/dossiers/lookup", JSON, r#"{"code": {v}, "second_factor": {v}}"#),
    ("POST", "/track", FORM, "code={v}&second_factor={v}"),
    ("POST", "/track", FORM, "{v}={v}"),
    ("POST", "/track/forget", FORM, "{v}={v}"),
    ("POST", "/forget", FORM, "code={v}"),
    // The citizen's actions through the tracking token.
    ("POST", "/portal/v1/dossiers/by-token/{v}/supplement/{v}/files?name={v}", OCTETS, "%PDF-1.4 {v}"),
    ("POST", "/portal/v1/dossiers/by-token/{v}/supplement/0/files?key={v}", OCTETS, "%PDF-1.4 {v}"),
    ("DELETE", "/portal/v1/dossiers/by-token/{v}/supplement/files/{v}", JSON, ""),
    ("POST", "/portal/v1/dossiers/by-token/{v}/supplement/send", JSON, ""),
    ("POST", "/portal/v1/dossiers/by-token/{v}/withdraw", JSON, r#"{"reason": {v}}"#),
    ("PUT", "/portal/v1/dossiers/by-token/{v}/return", JSON, r#"{"fields": {{v}: [{v}]}}"#),
    ("POST", "/portal/v1/dossiers/by-token/{v}/rating", JSON, r#"{"contacts": {v}, "comment": {v}}"#),
    ("POST", "/track/{v}/supplement/{v}", MULTIPART, MULTIPART_BODY),
    ("POST", "/track/{v}/supplement/0", MULTIPART, MULTIPART_KEYED),
    ("POST", "/track/{v}/supplement/remove", FORM, "file={v}&slot={v}"),
    ("POST", "/track/{v}/supplement/send", FORM, ""),
    ("POST", "/track/{v}/withdraw", FORM, "reason={v}"),
    ("POST", "/track/{v}/return", FORM, "return_method={v}&return_recipient={v}&return_address.commune={v}"),
    ("POST", "/track/{v}/return/confirm", FORM, ""),
    ("POST", "/track/{v}/rate", FORM, "contacts={v}&offices=2&attitude=2&ease={v}&overall=satisfied&comment={v}"),
    ("POST", "/apply/1.001193/submit", FORM, "{v}={v}"),
    // The marks of the application a form was filled in for, on every form that carries them.
    ("POST", "/apply/1.001193/p/applicant", FORM, "_draft={v}&_resume={v}&applicant_kind=self"),
    ("POST", "/apply/1.001193/submit", FORM, "_draft={v}&_resume={v}"),
    ("POST", "/apply/1.001193/documents/1", MULTIPART, MULTIPART_MARKED),
    ("POST", "/apply/1.001193/documents/remove", FORM, "_draft={v}&_resume={v}&file={v}&slot=1"),
    // Documents: a raw file body named by the query; the page's multipart form (a file kept under
    // the hostile name, and one refused with it, whose error the page then shows); remove.
    ("POST", "/portal/v1/drafts/{draft}/documents/1/files?name={v}", OCTETS, "%PDF-1.4 {v}"),
    ("POST", "/portal/v1/drafts/{draft}/documents/1/files?name=a.pdf&key={v}", OCTETS, "%PDF-1.4 {v}"),
    ("POST", "/portal/v1/drafts/{draft}/documents/{v}/files?name={v}", OCTETS, "{v}"),
    ("DELETE", "/portal/v1/drafts/{draft}/documents/{v}", JSON, ""),
    ("POST", "/apply/1.001193/documents/1", MULTIPART, MULTIPART_BODY),
    ("POST", "/apply/1.001193/documents/1", MULTIPART, MULTIPART_KEYED),
    ("POST", "/apply/{v}/documents/{v}", MULTIPART, MULTIPART_BODY),
    ("POST", "/apply/1.001193/documents/remove", FORM, "file={v}&slot={v}"),
    ("POST", "/apply/1.001193/documents/remove", FORM, "file={v}&slot=1"),
    ("POST", "/track/{v}/supplement/remove", FORM, "file={v}&slot=0"),
    ("GET", "/apply/1.001193/documents?slot=1&e={v}&e=too_big%3A{v}&e=wrong_type:{v}", FORM, ""),
];
const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";
const OCTETS: &str = "application/octet-stream";
const MULTIPART: &str = "multipart/form-data; boundary=hostileboundary";
/// A PDF kept under the hostile name, and a file refused under it.
const MULTIPART_BODY: &str =
    "--hostileboundary\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{v}\"\r\n\r\n\
    %PDF-1.4 {v}\r\n--hostileboundary\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{v}.pdf\"\r\n\r\n\
    {v}\r\n--hostileboundary--\r\n";
/// The page's hidden upload key as the value, before a file.
const MULTIPART_KEYED: &str = "--hostileboundary\r\ncontent-disposition: form-data; name=\"key\"\r\n\r\n{v}\r\n\
    --hostileboundary\r\ncontent-disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n\
    %PDF-1.4 {v}\r\n--hostileboundary--\r\n";

/// The marks of an application as the values, before a file.
const MULTIPART_MARKED: &str = "--hostileboundary\r\ncontent-disposition: form-data; name=\"_draft\"\r\n\r\n{v}\r\n\
    --hostileboundary\r\ncontent-disposition: form-data; name=\"_resume\"\r\n\r\n{v}\r\n\
    --hostileboundary\r\ncontent-disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n\
    %PDF-1.4 {v}\r\n--hostileboundary--\r\n";

/// Headers the site reads, each sent with the value in it, to these pages.
const HEADERS: &[(&str, &str)] = &[
    ("cookie", "lang={v}"),
    ("cookie", "{v}"),
    ("cookie", "dvc_dossiers={v}"),
    ("accept-encoding", "{v}"),
    ("if-none-match", "{v}"),
    ("range", "{v}"),
    ("accept-language", "{v}"),
];
const POSTED_COOKIE_TARGETS: &[&str] = &["/forget", "/apply/1.001193/start"];
const HEADER_TARGETS: &[&str] =
    &["/", "/procedures?q=khai+sinh", "/procedures/1.001193", "/portal/v1/procedures?q=x", "/track"];

struct Payload {
    name: &'static str,
    value: Vec<u8>,
    /// Already percent-encoded on purpose (invalid UTF-8 escapes): sent as it is.
    raw: bool,
}

fn payloads() -> Vec<Payload> {
    let p = |name, value: &str| Payload { name, value: value.as_bytes().to_vec(), raw: false };
    vec![
        p("title breakout", "</title><script>alert(1)</script>"),
        p("attribute breakout", "\"><img src=x onerror=alert(1)>"),
        p("single-quote breakout", "x' onmouseover='alert(1)' '"),
        p("double-quote breakout", "x\" onfocus=\"alert(1)\" autofocus \""),
        p("svg", "<svg/onload=alert(1)>"),
        p("javascript url", "javascript:alert(1)"),
        p("protocol-relative", "//evil.example/x"),
        p("NUL and controls", "khai\u{0}sinh\u{1}\u{1b}[2J\r\nset-cookie: x=1"),
        p("bidi and zero-width", "\u{202E}gnp.exe\u{200B}\u{200D}\u{FEFF}"),
        p("traversal", "../../../../etc/passwd"),
        Payload { name: "invalid UTF-8 escapes", value: b"%ff%fe%c3%28%80".to_vec(), raw: true },
        Payload { name: "10 KB", value: "<b>".repeat(10 * 1024 / 3).into_bytes(), raw: false },
        Payload { name: "1 MB", value: vec![b'x'; 1024 * 1024], raw: false },
        // 22,000 spaces as a form sends them: under the body limit, but three times as long once
        // percent-encoded again into an address (64 KB is the most a URI may be).
        Payload { name: "22,000 form spaces", value: vec![b'+'; 22_000], raw: true },
        // A well-formed tracking token (base64url of "\0|9999999999", any tag): its dossier code is a
        // NUL, which PostgreSQL refuses in a text parameter.
        p("forged token with a NUL code", "AHw5OTk5OTk5OTk5.AAAA"),
    ]
}

/// What must never come back: the payload turned into markup, or bytes that hide text. (A quote
/// in text is harmless; a quote that opens an attribute shows up in `event_handlers`.)
const NEVER: &[&str] = &[
    "<script>alert",
    "<img src=x",
    "<svg/onload",
    "href=\"javascript:",
    "href=\"//",
    "href=\"/\\",
    "\u{0}",
    "\u{202E}",
    "<b><b>",
];

/// `on…=` attributes inside real tags: text is escaped (`<` as `&lt;`), so every raw `<` that
/// starts a tag is one the server wrote, and none of ours has an inline event handler.
fn event_handlers(body: &str) -> Vec<String> {
    body.split('<')
        .skip(1)
        .filter(|tag| tag.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|tag| tag.split('>').next())
        .filter(|tag| attribute_names(tag).iter().any(|name| name.starts_with("on")))
        .map(|tag| tag.chars().take(120).collect())
        .collect()
}

/// The attribute names of a tag's inside (`input id="q" value="a&quot; b"`), quotes respected.
fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = tag.trim_start_matches(|c: char| !c.is_whitespace());
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        if end == 0 {
            return names;
        }
        names.push(rest[..end].to_ascii_lowercase());
        rest = &rest[end..];
        if let Some(value) = rest.trim_start().strip_prefix('=') {
            let value = value.trim_start();
            rest = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split_once(q).map_or("", |(_, after)| after),
                _ => value.trim_start_matches(|c: char| !c.is_whitespace()),
            };
        }
    }
}

fn encode(value: &[u8]) -> String {
    value
        .iter()
        .map(|&b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

fn check(what: &str, res: &RawResponse, failures: &mut Vec<String>) {
    let mut fail = |why: String| failures.push(format!("{what}: {why}"));
    if res.status >= 500 {
        fail(format!("status {}", res.status));
    }
    let body = String::from_utf8_lossy(&res.body);
    for never in NEVER {
        if body.contains(never) {
            fail(format!("the body contains {never:?}"));
        }
    }
    if res.header("content-type").is_some_and(|t| t.starts_with("text/html")) {
        for tag in event_handlers(&body) {
            fail(format!("a tag with an event handler: <{tag}>"));
        }
    }
    if let Some(location) = res.header("location").filter(|_| (300..400).contains(&res.status)) {
        // A redirect is the answer of a form post: it must stay on this site (its page is checked by the caller).
        if !location.starts_with('/') || location.starts_with("//") || location.starts_with("/\\") {
            fail(format!("a redirect off this site: {location}"));
        }
        return;
    }
    if res.status == 304 || res.status == 206 {
        return;
    }
    let content_type = res.header("content-type").unwrap_or("");
    if content_type.starts_with("text/html") {
        if !(body.contains("<html lang=\"") && body.contains("<h1")) {
            fail(format!("status {}: an HTML reply without a heading", res.status));
        }
    } else if content_type.starts_with("application/json") {
        match serde_json::from_slice::<serde_json::Value>(&res.body) {
            Ok(v) if res.status >= 400 && !(v["code"].is_string() && v["message"].is_string()) => {
                fail(format!("status {}: JSON error without code and message: {v}", res.status))
            }
            Ok(_) => {}
            Err(e) => fail(format!("status {}: broken JSON: {e}", res.status)),
        }
    } else if !(res.status == 200 && (what.contains("/pkg/") || what.contains("/healthz"))) {
        fail(format!("status {} with content-type {content_type:?}", res.status));
    }
    if res.header("x-content-type-options") != Some("nosniff") {
        fail(format!("status {}: no security headers", res.status));
    }
}

/// Sends every payload to every target, body and header of the sweep to the server at `base`;
/// panics with each failure.
pub async fn sweep(base: &str) {
    let mut failures = Vec::new();
    let mut requests = 0;
    let portal = dichvucong::portal::PortalClient::new(format!("{}/portal/v1", base));
    let draft = portal.create_draft("1.001193").await.unwrap().id;
    let started =
        raw::request(base, "POST", b"/apply/1.001193/start", &[("sec-fetch-site", b"same-origin")], b"").await;
    let apply_cookie = started.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
    for payload in payloads() {
        let value =
            if payload.raw { String::from_utf8(payload.value.clone()).unwrap() } else { encode(&payload.value) };
        for template in TARGETS {
            let target = template.replace("{v}", &value);
            let res = raw::get(base, &target).await;
            check(&format!("{template} with {}", payload.name), &res, &mut failures);
            requests += 1;
        }
        let json = serde_json::to_string(&String::from_utf8_lossy(&payload.value)).unwrap();
        for (method, target, content_type, template) in BODIES {
            let body = template.replace("{v}", if *content_type == JSON { &json } else { &value });
            let what = format!("{method} {target} ({template}) with {}", payload.name);
            let target = target.replace("{draft}", &draft).replace("{v}", &value);
            let headers = [
                ("content-type", content_type.as_bytes()),
                ("sec-fetch-site", b"same-origin" as &[u8]),
                ("cookie", apply_cookie.as_bytes()),
            ];
            let res = raw::request(base, method, target.as_bytes(), &headers, body.as_bytes()).await;
            check(&what, &res, &mut failures);
            if let Some(location) = res.header("location").filter(|_| res.status == 303) {
                let page = raw::request(base, "GET", location.as_bytes(), &headers[2..], b"").await;
                check(&format!("{what}, then GET {location}"), &page, &mut failures);
            }
            requests += 1;
        }
        // Header values travel as bytes: controls that would end the header line are left out.
        let in_header: Vec<u8> = payload.value.iter().copied().filter(|b| !matches!(b, b'\r' | b'\n' | 0)).collect();
        for (name, template) in HEADERS {
            let (before, after) = template.split_once("{v}").unwrap();
            let header = [before.as_bytes(), &in_header, after.as_bytes()].concat();
            for target in HEADER_TARGETS {
                let res = raw::request(base, "GET", target.as_bytes(), &[(name, &header)], b"").await;
                check(&format!("{target} with {name}: {}", payload.name), &res, &mut failures);
                requests += 1;
            }
        }
        // The list of procedures with an application here, read when a draft cookie is set and
        // when this browser is forgotten: what it sets back holds only procedure codes.
        let listed = [b"dvc_applying=1.001193|".as_slice(), &in_header].concat();
        for target in POSTED_COOKIE_TARGETS {
            let headers = [("sec-fetch-site", b"same-origin" as &[u8]), ("cookie", &listed)];
            let res = raw::request(base, "POST", target.as_bytes(), &headers, b"").await;
            let what = format!("POST {target} with cookie dvc_applying: {}", payload.name);
            check(&what, &res, &mut failures);
            let odd = |c: &&&str| {
                let value = c.split(';').next().and_then(|v| v.split_once('=')).map_or("", |(_, v)| v);
                !value.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-|".contains(&b))
            };
            if let Some(cookie) = res.header_values("set-cookie").iter().find(odd) {
                failures.push(format!("{what}: sets {cookie:?}"));
            }
            requests += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {requests} requests failed:\n{}", failures.len(), failures.join("\n"));
}
