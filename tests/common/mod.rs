//! Starts the real application (HTTP stack, embedded portal, SQLite file) on a free loopback port.

#![allow(dead_code)]

pub mod attachments;
pub mod citizen;
pub mod dossier;
pub mod forms;
pub mod hostile;
pub mod raw;
pub mod steps;
pub mod submission;
pub mod workflow;

use dichvucong::server::config::{AttachmentSettings, DossierSettings, Settings};
use dichvucong::site::SiteInfo;
use leptos::prelude::LeptosOptions;
use std::path::PathBuf;

pub struct Server {
    pub base: String,
    _dir: TempDir,
}

/// A directory removed when the test ends.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("dvc-{name}-{}-{:?}", std::process::id(), std::thread::current().id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn settings(addr: &str, database_url: String, portal_api_url: Option<String>) -> Settings {
    Settings {
        site_url: format!("http://{addr}"),
        addr: addr.to_string(),
        embedded_portal: portal_api_url.is_none(),
        portal_in_process: true,
        portal_api_url,
        database_url,
        data_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data"),
        extra_catalogue: None,
        province_code: "25".into(),
        province_units: "phu-tho.json".into(),
        site: SiteInfo {
            province_name: "Phú Thọ".into(),
            service_centre: "Trung tâm Phục vụ hành chính công tỉnh Phú Thọ".into(),
            service_centre_en: "Phú Thọ Provincial Public Administrative Service Centre".into(),
            support_phone: "1800 1096".into(),
            apply_online: true,
        },
        page_cache_seconds: 30,
        max_in_flight: 16,
        behind_proxy: false,
        dossier: DossierSettings {
            agency_code: "000.00.01.H25".parse().unwrap(),
            office_hours: Default::default(),
            calendar: "calendar/vn-holidays.toml".into(),
        },
        counter: dichvucong::server::config::reference_counter(),
        // `start_serving` puts them in the test's own directory.
        attachments: AttachmentSettings {
            store: std::env::temp_dir().join("dvc-attachments").display().to_string(),
            limits: Default::default(),
        },
        officers: Default::default(),
        cookie_key: None,
    }
}

/// Serves `router` on `listener` in the background.
pub fn spawn(listener: tokio::net::TcpListener, router: axum::Router) {
    let listener = dichvucong::server::SiteListener::new(listener, false);
    let router = router.into_make_service_with_connect_info::<dichvucong::server::Peer>();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
}

/// The whole product with the embedded portal on a fresh SQLite database.
pub async fn start(name: &str) -> Server {
    start_with(name, None).await
}

/// The front end, talking to `portal` when given (else to its own embedded portal).
pub async fn start_with(name: &str, portal: Option<String>) -> Server {
    let dir = TempDir::new(name);
    let db = dir.0.join("test.db");
    start_on_db(dir, db, portal).await
}

pub async fn start_on_db(dir: TempDir, db: PathBuf, portal: Option<String>) -> Server {
    start_on_url(dir, format!("sqlite://{}", db.display()), portal).await
}

/// The whole product on any database URL (SQLite or Postgres).
pub async fn start_on_url(dir: TempDir, database_url: String, portal: Option<String>) -> Server {
    start_configured(dir, database_url, portal, |_| {}).await
}

/// The whole product with its settings changed by `adjust` first.
pub async fn start_configured(
    dir: TempDir,
    database_url: String,
    portal: Option<String>,
    adjust: impl FnOnce(&mut Settings),
) -> Server {
    start_serving(dir, database_url, portal, adjust, "target/site").await
}

/// The whole product serving static files from `site_root` (a test's own files, so the test
/// does not depend on `make build` having run).
pub async fn start_serving(
    dir: TempDir,
    database_url: String,
    portal: Option<String>,
    adjust: impl FnOnce(&mut Settings),
    site_root: &str,
) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let mut settings = settings(&addr, database_url, portal);
    settings.attachments.store = dir.0.join("attachments").display().to_string();
    adjust(&mut settings);
    let options = LeptosOptions::builder().output_name("dichvucong").site_root(site_root).build();
    let router = dichvucong::server::app(&settings, options).await.expect("the app starts");
    spawn(listener, router);
    Server { base: format!("http://{addr}"), _dir: dir }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

pub async fn get(url: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let (status, headers, body) = fetch(url, &[]).await;
    (status, headers, String::from_utf8(body).unwrap())
}

/// GET with request headers; the body as received (no decompression).
pub async fn fetch(url: &str, headers: &[(&str, &str)]) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let mut req = client().get(url);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, headers, resp.bytes().await.unwrap().to_vec())
}

/// The `href`s of result links, in page order.
pub fn result_links(html: &str) -> Vec<String> {
    html.split("href=\"/procedures/").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
}
