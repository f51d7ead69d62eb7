//! Regression tests of issue 7's review: each failed on the code before its fix.
#![cfg(feature = "ssr")]

mod common;

use base64::Engine;
use common::raw::{self, RawResponse};
use common::{start, start_serving, TempDir};
use sha2::Digest;

/// The inline scripts of a page (the text between `<script…>` and `</script>` without `src`).
fn inline_scripts(html: &str) -> Vec<String> {
    html.split("<script")
        .skip(1)
        .filter_map(|s| {
            let (attrs, rest) = s.split_once('>')?;
            (!attrs.contains("src=")).then(|| rest.split("</script>").next().unwrap_or_default().to_string())
        })
        .collect()
}

fn sha256_b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()))
}

#[tokio::test]
async fn a_search_for_markup_stays_text_in_the_title_also_when_cached() {
    let s = start("xss-title").await;
    let target = "/procedures?q=%3C%2Ftitle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    for attempt in ["rendered", "cached"] {
        let res = raw::get(&s.base, target).await;
        let html = res.text();
        assert_eq!(res.status, 200, "{attempt}");
        assert!(!html.contains("<script>alert(1)"), "{attempt}: the script became markup");
        let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap();
        assert!(title.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "{attempt}: {title}");
        assert_eq!(html.matches("<title>").count(), 1, "{attempt}: one title");
    }
}

#[tokio::test]
async fn the_policy_forbids_inline_script_except_the_hashed_loader() {
    let s = start("csp").await;
    for target in ["/", "/procedures?q=khai+sinh", "/procedures/1.001193", "/apply/1.001193", "/nope"] {
        let res = raw::get(&s.base, target).await;
        let csp = res.header("content-security-policy").unwrap();
        let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert!(!script_src.contains("'unsafe-inline'"), "{target}: {script_src}");
        for script in inline_scripts(&res.text()) {
            let hash = format!("'sha256-{}'", sha256_b64(&script));
            assert!(script_src.contains(&hash), "{target}: inline script {script:?} is not allowed by {script_src}");
        }
    }
    let results = raw::get(&s.base, "/procedures?q=khai+sinh").await.text();
    assert!(
        inline_scripts(&results).iter().any(|s| s.contains(".wasm")),
        "the results page carries the islands loader"
    );
}

#[tokio::test]
async fn the_language_link_of_any_page_stays_on_this_site() {
    let s = start("offsite").await;
    for target in ["//evil.example/x", "/\\evil.example/x", "/%2F%2Fevil.example/x", "///evil.example"] {
        let res = raw::get(&s.base, target).await;
        let html = res.text();
        assert!(res.status < 500, "{target}");
        let switch = html.split("hreflang=").next().and_then(|h| h.rsplit("href=\"").next()).unwrap();
        assert!(switch.starts_with('?'), "{target}: the language link is {switch}");
        for off_site in ["href=\"//", "href=\"/\\", "href=\"\\", "evil.example/x?lang"] {
            assert!(!html.contains(off_site), "{target}: {off_site} in the page");
        }
    }
}

#[tokio::test]
async fn control_and_bidi_characters_are_dropped_from_the_search() {
    let s = start("controls").await;
    let res = raw::get(&s.base, "/procedures?q=khai%00sinh%E2%80%AE%E2%80%8B").await;
    assert_eq!(res.status, 200);
    assert!(!res.body.contains(&0), "a NUL byte came back");
    let html = res.text();
    assert!(!html.contains('\u{202E}') && !html.contains('\u{200B}'), "invisible characters came back");
    assert!(html.contains("“khai sinh”"), "the search is what the person meant");
    assert!(html.contains("value=\"khai sinh\""), "the box holds the cleaned search");
    // Vietnamese is kept as typed, decomposed or not.
    let res = raw::get(&s.base, "/procedures?q=%C4%91%C4%83ng+k%C3%BD").await;
    assert!(res.text().contains("“đăng ký”"));
}

/// A site root of the test's own: a "built" asset and nothing else.
fn site_with_asset(dir: &TempDir) -> (String, Vec<u8>) {
    let root = dir.0.join("site");
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    let asset: Vec<u8> = (0..2000u32).map(|i| b"abcdefghij"[(i % 10) as usize]).collect();
    std::fs::write(root.join("pkg/app.js"), &asset).unwrap();
    (root.display().to_string(), asset)
}

#[tokio::test]
async fn static_files_answer_only_get_and_head_with_ranges_and_304s() {
    let dir = TempDir::new("static");
    let (root, asset) = site_with_asset(&dir);
    let db = format!("sqlite://{}", dir.0.join("t.db").display());
    let s = start_serving(dir, db, None, |_| {}, &root).await;
    let full = raw::get(&s.base, "/pkg/app.js").await;
    assert_eq!((full.status, &full.body), (200, &asset));
    // A built script is no document: it keeps `nosniff` but not the page-only headers, which
    // would cost a phone about 600 bytes on each of the islands' files.
    assert_eq!(full.header("x-content-type-options"), Some("nosniff"));
    for page_only in ["content-security-policy", "x-frame-options", "permissions-policy", "referrer-policy"] {
        assert_eq!(full.header(page_only), None, "{page_only} on a built asset");
    }
    let missing = raw::get(&s.base, "/pkg/missing.js").await;
    assert_eq!(missing.status, 404);
    assert!(missing.header("content-security-policy").is_some(), "an error page under /pkg is still a page");
    // Only a file is kept for a year: a 404 kept that long (an asset asked for while a new build
    // was still being deployed) would break that browser's islands until it forgets it.
    assert_eq!(full.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(missing.header("cache-control"), Some("no-cache"), "a missing asset is asked for again");
    let missing_form = raw::get(&s.base, "/forms/missing.pdf").await;
    assert_eq!((missing_form.status, missing_form.header("cache-control")), (404, Some("no-cache")));
    for method in ["POST", "PUT", "DELETE", "PATCH", "TRACE"] {
        let res = raw::request(&s.base, method, b"/pkg/app.js", &[], b"x").await;
        assert_eq!(res.status, 405, "{method}");
        assert!(!res.body.starts_with(b"abcdefghij"), "{method} got the file");
    }
    let connect = raw::request(&s.base, "CONNECT", b"evil.example:443", &[], b"").await;
    assert!(connect.status >= 400 && connect.status < 500, "CONNECT: {}", connect.status);

    let part = raw::request(&s.base, "GET", b"/pkg/app.js", &[("range", b"bytes=10-19")], b"").await;
    assert_eq!(part.status, 206);
    assert_eq!(part.body, &asset[10..20]);
    let modified = full.header("last-modified").expect("a file says when it changed").as_bytes().to_vec();
    let again = raw::request(&s.base, "GET", b"/pkg/app.js", &[("if-modified-since", &modified)], b"").await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("cache-control"), Some("public, max-age=31536000, immutable"), "a 304 renews the file's");
}

fn assert_plain_page(res: &RawResponse, status: u16, words: &str) {
    assert_eq!(res.status, status);
    assert!(res.header("content-type").unwrap().starts_with("text/html"), "{status}");
    assert!(res.text().contains(words), "{status}: {}", res.text());
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"), "{status}");
    assert!(res.header("content-security-policy").is_some(), "{status}");
    assert_eq!(res.header("x-frame-options"), Some("DENY"), "{status}");
}

#[tokio::test]
async fn replies_of_the_http_layer_are_pages_in_plain_words_with_the_security_headers() {
    let s = start("layer-errors").await;
    let long = format!("/procedures?q={}", "a".repeat(10 * 1024));
    assert_plain_page(&raw::get(&s.base, &long).await, 414, "Địa chỉ quá dài");
    let post = raw::request(&s.base, "POST", b"/procedures?lang=en", &[], b"q=x").await;
    assert_plain_page(&post, 405, "This page can only be viewed");
    // The portal API answers the same failures in its JSON error.
    let api = raw::get(&s.base, &format!("/portal/v1/procedures?q={}", "a".repeat(10 * 1024))).await;
    assert_eq!(api.status, 414);
    let error: serde_json::Value = serde_json::from_slice(&api.body).unwrap();
    assert!(error["code"].is_string() && error["message"].is_string(), "{error}");
}

#[tokio::test]
async fn requests_hyper_refuses_by_itself_get_the_same_plain_page() {
    let s = start("hyper-errors").await;
    let control = raw::request(&s.base, "GET", b"/", &[("cookie", b"lang=\x01en")], b"").await;
    assert_plain_page(&control, 400, "The request could not be read");
    // Over hyper's buffer: refused before the router sees it.
    let huge_uri = format!("/procedures?q={}", "a".repeat(1024 * 1024));
    assert_plain_page(&raw::get(&s.base, &huge_uri).await, 431, "xóa cookie");
    let huge_header = vec![b'x'; 1024 * 1024];
    let res = raw::request(&s.base, "GET", b"/", &[("cookie", &huge_header)], b"").await;
    assert_plain_page(&res, 431, "xóa cookie");
}

#[tokio::test]
async fn pages_whose_language_may_come_from_the_cookie_vary_on_it() {
    let s = start("vary").await;
    for target in ["/nope", "/apply/1.001193", "/procedures/1.001193", "/"] {
        let res = raw::get(&s.base, target).await;
        let vary = res.header_values("vary").join(",").to_ascii_lowercase();
        assert!(vary.contains("cookie"), "{target}: vary is {vary:?}");
    }
}
