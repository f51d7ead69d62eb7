//! Cross-cutting behaviour of the real server: languages, headers, the OpenAPI contract,
//! the database, and what citizens see when the portal fails.
#![cfg(feature = "ssr")]

mod common;

use axum::{
    extract::Request,
    middleware::{self, Next},
    routing::get as route,
    Router,
};
use common::{get, start, start_configured, start_on_db, start_with, TempDir};
use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};

#[tokio::test]
async fn english_by_query_is_remembered_in_a_cookie() {
    let s = start("lang").await;
    let resp = common::client().get(format!("{}/procedures?q=khai+sinh&lang=en", s.base)).send().await.unwrap();
    let cookie = resp.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.starts_with("lang=en;"));
    let html = resp.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Birth registration") || html.contains("birth"), "English names are shown");
    assert!(html.contains("procedures found for"));
    assert!(html.contains("Phú Thọ Provincial Public Administrative Service Centre"), "the centre is named in English");

    // The next page, without ?lang, stays English thanks to the cookie.
    let html = common::client()
        .get(format!("{}/", s.base))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Most used procedures"));
    // The switch back keeps the page and is marked with its language.
    assert!(html.contains("hreflang=\"vi\""));
}

#[tokio::test]
async fn responses_are_compressed_and_carry_security_headers() {
    let s = start("headers").await;
    let resp = common::client()
        .get(format!("{}/procedures?q=khai+sinh", s.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    let h = resp.headers();
    assert_eq!(h.get("content-encoding").unwrap(), "br");
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(h.get("x-frame-options").unwrap(), "DENY");
    assert!(h.get("content-security-policy").unwrap().to_str().unwrap().contains("frame-ancestors 'none'"));
    assert!(h.get("referrer-policy").is_some());
}

#[tokio::test]
async fn openapi_document_describes_the_portal_api() {
    let s = start("openapi").await;
    let (status, _, body) = get(&format!("{}/portal/v1/openapi.json", s.base)).await;
    assert_eq!(status, 200);
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/portal/v1/procedures", "/portal/v1/procedures/{code}", "/portal/v1/sectors", "/portal/v1/province"] {
        assert!(doc["paths"].get(path).is_some(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"].get("Procedure").is_some());
}

#[tokio::test]
async fn administrative_units_after_the_2025_reform_are_served() {
    let s = start("units").await;
    let (_, _, body) = get(&format!("{}/portal/v1/province", s.base)).await;
    let p: dichvucong::portal::types::Province = serde_json::from_str(&body).unwrap();
    assert_eq!(p.name, "Phú Thọ");
    assert_eq!(p.units.len(), 148);
    assert!(p.units.iter().any(|u| u.name == "Phường Hòa Bình"));
}

#[tokio::test]
async fn restarting_on_the_same_database_keeps_one_catalogue() {
    let dir = TempDir::new("restart");
    let db = dir.0.join("keep.db");
    let first = start_on_db(TempDir::new("restart-a"), db.clone(), None).await;
    let (_, _, a) = get(&format!("{}/portal/v1/sectors", first.base)).await;
    let second = start_on_db(TempDir::new("restart-b"), db, None).await;
    let (_, _, b) = get(&format!("{}/portal/v1/sectors", second.base)).await;
    assert_eq!(a, b, "seeding twice must not duplicate the catalogue");
    drop(dir);
}

#[tokio::test]
async fn portal_down_shows_a_plain_message_not_a_stack_trace() {
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/portal/v1", closed.local_addr().unwrap());
    drop(closed);
    let s = start_with("down", Some(url)).await;
    let (status, _, html) = get(&format!("{}/procedures?q=khai+sinh", s.base)).await;
    assert_eq!(status, 503);
    assert!(html.contains("Hệ thống đang bận"));
    assert!(html.contains("Thông tin bạn nhập không bị mất"));
    assert!(html.contains(">Thử lại<"));
    assert!(!html.to_lowercase().contains("error:"), "no raw error text");
    // The home page still renders its search box when parts of it cannot load.
    let (status, _, html) = get(&s.base).await;
    assert_eq!(status, 200);
    assert!(html.contains("role=\"search\""));
    assert!(html.contains("Phần này tạm thời chưa tải được"));
}

#[tokio::test]
async fn portal_answering_garbage_or_5xx_is_explained() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/portal/v1", listener.local_addr().unwrap());
    let broken = Router::new().route("/portal/v1/procedures", route(|| async { "<html>not json</html>" })).route(
        "/portal/v1/procedures/{code}",
        route(|| async { (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "boom") }),
    );
    common::spawn(listener, broken);
    let s = start_with("garbage", Some(url)).await;
    let (status, _, html) = get(&format!("{}/procedures?q=x", s.base)).await;
    assert_eq!(status, 502);
    assert!(html.contains("Có lỗi khi lấy thông tin"));
    let (status, _, html) = get(&format!("{}/procedures/1.001193?lang=en", s.base)).await;
    assert_eq!(status, 503);
    assert!(html.contains("The service is busy"));
}

/// An address nothing listens on: a call to it over TCP is refused at once.
fn closed_addr() -> String {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    closed.local_addr().unwrap().to_string()
}

#[tokio::test]
async fn the_embedded_portal_is_called_in_process_without_a_socket() {
    // The front end's own address, which the loopback path would call, is one where nothing
    // listens: only a call that needs no socket can fill the pages.
    let start = |name: &'static str, in_process: bool| {
        let dir = TempDir::new(name);
        let db = format!("sqlite://{}", dir.0.join("test.db").display());
        let addr = closed_addr();
        start_configured(dir, db, None, move |s| {
            s.addr = addr;
            s.portal_in_process = in_process;
        })
    };
    let s = start("in-process", true).await;
    let (status, _, html) = get(&format!("{}/procedures?q=khai+sinh", s.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Đăng ký khai sinh"));
    let (status, _, html) = get(&format!("{}/procedures/1.001193", s.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Đăng ký khai sinh"));
    let (status, _, _) = get(&format!("{}/procedures/9.999999", s.base)).await;
    assert_eq!(status, 404, "the portal's 404 means the same in-process");

    // The same setup forced onto loopback HTTP cannot reach its portal: the checks above would fail.
    let s = start("loopback", false).await;
    let (status, _, _) = get(&format!("{}/procedures?q=khai+sinh", s.base)).await;
    assert_eq!(status, 503);
    let (status, _, _) = get(&format!("{}/portal/v1/sectors", s.base)).await;
    assert_eq!(status, 200, "while the portal itself is up and served");
}

#[tokio::test]
async fn an_external_portal_is_called_over_http_even_beside_the_embedded_one() {
    // The external portal: the reference portal on its own port and database, counting requests.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let upstream_dir = TempDir::new("external-upstream");
    let db = format!("sqlite://{}", upstream_dir.0.join("portal.db").display());
    let portal = dichvucong::server::portal::start(&common::settings(&addr, db, None)).await.unwrap();
    let requests = Arc::new(AtomicUsize::new(0));
    let count = {
        let requests = requests.clone();
        move |req: Request, next: Next| {
            requests.fetch_add(1, Ordering::SeqCst);
            next.run(req)
        }
    };
    common::spawn(listener, Router::new().nest("/portal/v1", portal).layer(middleware::from_fn(count)));

    let dir = TempDir::new("external-front");
    let db = format!("sqlite://{}", dir.0.join("front.db").display());
    let url = format!("http://{addr}/portal/v1");
    let s = start_configured(dir, db, Some(url), |s| s.embedded_portal = true).await;
    let (status, _, html) = get(&format!("{}/procedures?q=khai+sinh", s.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Đăng ký khai sinh"));
    assert_eq!(requests.load(Ordering::SeqCst), 2, "the search and the sectors came from the external portal");
    let (status, _, _) = get(&format!("{}/portal/v1/sectors", s.base)).await;
    assert_eq!(status, 200, "the embedded portal runs too");
    assert_eq!(requests.load(Ordering::SeqCst), 2);
    drop(upstream_dir);
}
