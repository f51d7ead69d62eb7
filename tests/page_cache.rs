//! The rendered-page cache, through the real server: a cached page must be exactly what a fresh
//! render would give, in the asker's language, with the same headers, and never a personal page.
#![cfg(feature = "ssr")]

mod common;

use axum::{
    http::{StatusCode, Uri},
    routing::get,
    Router,
};
use common::{client, fetch, start, start_configured, TempDir};
use std::io::Read;
use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc,
};

fn unbrotli(body: &[u8]) -> String {
    let mut out = String::new();
    brotli::Decompressor::new(body, 4096).read_to_string(&mut out).unwrap();
    out
}

fn gunzip(body: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(body).read_to_string(&mut out).unwrap();
    out
}

#[tokio::test]
async fn a_repeated_search_gets_the_same_page_in_every_encoding_and_a_304_when_unchanged() {
    let s = start("cache-same").await;
    let url = format!("{}/procedures?q=khai+sinh", s.base);
    let (status, first_headers, first) = fetch(&url, &[]).await;
    assert_eq!(status, 200);
    let first = String::from_utf8(first).unwrap();
    assert!(first.contains("/procedures/1.001193"), "the search found birth registration");

    let (_, h, plain) = fetch(&url, &[]).await;
    assert_eq!(String::from_utf8(plain).unwrap(), first, "the cached page is the rendered page");
    let etag = h.get("etag").expect("catalogue pages carry an ETag").to_str().unwrap().to_string();
    assert_eq!(first_headers.get("etag").unwrap().to_str().unwrap(), etag);
    for name in ["content-security-policy", "x-frame-options", "cache-control", "content-type"] {
        assert_eq!(h.get(name), first_headers.get(name), "{name} is kept with the page");
    }

    let (_, h, br) = fetch(&url, &[("accept-encoding", "gzip, deflate, br")]).await;
    assert_eq!(h.get("content-encoding").unwrap(), "br");
    assert_eq!(h.get("vary").unwrap(), "accept-encoding, cookie");
    assert!(br.len() * 2 < first.len(), "brotli at least halves the page");
    assert_eq!(unbrotli(&br), first);

    let (_, h, gz) = fetch(&url, &[("accept-encoding", "gzip")]).await;
    assert_eq!(h.get("content-encoding").unwrap(), "gzip");
    assert_eq!(gunzip(&gz), first);

    let (status, h, body) = fetch(&url, &[("if-none-match", &etag)]).await;
    assert_eq!(status, 304, "a repeat visit with the page still current costs no body");
    assert!(body.is_empty());
    assert_eq!(h.get("etag").unwrap().to_str().unwrap(), etag);

    let (status, _, _) = fetch(&url, &[("if-none-match", "W/\"0000000000000000\"")]).await;
    assert_eq!(status, 200, "a stale ETag gets the page");
}

#[tokio::test]
async fn the_cache_keeps_languages_apart() {
    let s = start("cache-lang").await;
    let url = format!("{}/procedures/1.001193", s.base);
    let (_, _, vi) = fetch(&url, &[]).await;
    assert!(String::from_utf8(vi).unwrap().contains("<html lang=\"vi\""));
    let (_, _, en) = fetch(&url, &[("cookie", "lang=en")]).await;
    assert!(String::from_utf8(en).unwrap().contains("<html lang=\"en\""), "the remembered English is honoured");
    let (_, h, en) = fetch(&format!("{url}?lang=en"), &[("cookie", "lang=vi")]).await;
    assert!(String::from_utf8(en).unwrap().contains("<html lang=\"en\""));
    assert!(h.get("set-cookie").unwrap().to_str().unwrap().starts_with("lang=en;"));
    // Asked again, from the cache: the switch is still remembered.
    let (_, h, _) = fetch(&format!("{url}?lang=en"), &[]).await;
    assert!(h.get("set-cookie").unwrap().to_str().unwrap().starts_with("lang=en;"));
}

#[tokio::test]
async fn personal_and_error_pages_are_not_cached_but_still_compressed() {
    let s = start("cache-not").await;
    // Each render carries a fresh CSP nonce: two different bodies mean two renders, not one kept.
    let mut applies = Vec::new();
    for _ in 0..2 {
        let (status, h, body) = fetch(&format!("{}/apply/1.001193", s.base), &[]).await;
        assert_eq!(status, 200);
        assert!(h.get("etag").is_none(), "apply pages are never served from the shared cache");
        applies.push(body);
    }
    assert_ne!(applies[0], applies[1]);

    let mut missing = Vec::new();
    for _ in 0..2 {
        let (status, h, body) = fetch(&format!("{}/procedures/9.999999", s.base), &[("accept-encoding", "br")]).await;
        assert_eq!(status, 404);
        assert!(h.get("etag").is_none());
        assert_eq!(h.get("content-encoding").unwrap(), "br");
        let html = unbrotli(&body);
        assert!(html.contains("<html"), "the not-found page is a real page");
        missing.push(html);
    }
    assert_ne!(missing[0], missing[1], "a 404 is rendered again, so a code published meanwhile shows up");
}

#[tokio::test]
async fn a_page_missing_a_part_is_not_kept_so_the_next_visit_is_whole() {
    let portal = start("cache-part-portal").await;
    let sectors_fail = Arc::new(AtomicBool::new(true));
    // A portal that answers everything except the sectors while `sectors_fail` is set.
    let proxy = {
        let (upstream, fail) = (portal.base.clone(), sectors_fail.clone());
        Router::new().route(
            "/portal/v1/{*rest}",
            get(move |uri: Uri| async move {
                if uri.path().ends_with("/sectors") && fail.load(Ordering::SeqCst) {
                    return (StatusCode::SERVICE_UNAVAILABLE, String::new());
                }
                let resp = client().get(format!("{upstream}{uri}")).send().await.unwrap();
                (StatusCode::from_u16(resp.status().as_u16()).unwrap(), resp.text().await.unwrap())
            }),
        )
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy_url = format!("http://{}/portal/v1", listener.local_addr().unwrap());
    common::spawn(listener, proxy);
    let s = common::start_with("cache-part", Some(proxy_url)).await;

    let (status, h, body) = fetch(&format!("{}/", s.base), &[]).await;
    assert_eq!(status, 200);
    assert!(String::from_utf8(body).unwrap().contains("Phần này tạm thời chưa tải được"));
    assert_eq!(h.get("cache-control").unwrap(), "no-store", "the browser must not keep it either");
    assert!(h.get("etag").is_none());

    sectors_fail.store(false, Ordering::SeqCst);
    let (_, h, body) = fetch(&format!("{}/", s.base), &[]).await;
    assert!(!String::from_utf8(body).unwrap().contains("Phần này tạm thời chưa tải được"), "the whole page now");
    assert!(h.get("etag").is_some(), "and that one is kept");
}

#[tokio::test]
async fn a_page_rendered_again_after_the_cache_expired_keeps_its_etag() {
    let dir = TempDir::new("cache-expiry");
    let db = format!("sqlite://{}", dir.0.join("test.db").display());
    let s = start_configured(dir, db, None, |settings| settings.page_cache_seconds = 1).await;
    let url = format!("{}/procedures/1.001193", s.base);
    let (_, h, first) = fetch(&url, &[]).await;
    let etag = h.get("etag").unwrap().to_str().unwrap().to_string();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_, h, again) = fetch(&url, &[]).await;
    assert_ne!(first, again, "rendered anew (each render carries a fresh CSP nonce)");
    assert_eq!(h.get("etag").unwrap().to_str().unwrap(), etag, "but it is the same page");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, _, _) = fetch(&url, &[("if-none-match", &etag)]).await;
    assert_eq!(status, 304, "so the phone that has it downloads nothing");
}

#[tokio::test]
async fn visitors_arriving_while_a_page_renders_share_that_render() {
    let s = start("cache-flight").await;
    let url = format!("{}/procedures?q=giay+phep+lai+xe", s.base);
    let bodies = futures::future::join_all((0..12).map(|_| fetch(&url, &[]))).await;
    // Every render has its own CSP nonce: identical bodies mean one render served everyone.
    assert!(
        bodies.iter().all(|(status, _, body)| *status == 200 && *body == bodies[0].2),
        "one render, twelve answers"
    );
}
