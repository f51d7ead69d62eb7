//! Document uploads' shared test kit: tiny real files, a server whose store the test can see.

use super::TempDir;
use dichvucong::portal::attachment::UploadLimits;
use dichvucong::server::config::Settings;

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
pub const JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9";
pub const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89";
pub const EXE: &[u8] =
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode";
pub const HTML: &[u8] = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";

pub struct Portal {
    pub base: String,
    pub store: std::path::PathBuf,
    pub db: String,
    _server: super::Server,
    _store_dir: TempDir,
}

/// The product with its files in a directory the test can look into, and `limits`.
pub async fn start(name: &str, limits: UploadLimits) -> Portal {
    let store_dir = TempDir::new(&format!("{name}-store"));
    let store = store_dir.0.display().to_string();
    start_on_store(name, store, store_dir, limits).await
}

/// The product with its files in `store` (a directory, or `s3://bucket/prefix`); `store_dir` is
/// removed with the returned portal.
pub async fn start_on_store(name: &str, store: String, store_dir: TempDir, limits: UploadLimits) -> Portal {
    let dir = TempDir::new(name);
    let db = format!("sqlite://{}", dir.0.join("test.db").display());
    let adjust = {
        let store = store.clone();
        move |s: &mut Settings| {
            s.attachments.store = store;
            s.attachments.limits = limits;
        }
    };
    let server = super::start_configured(dir, db.clone(), None, adjust).await;
    Portal { base: server.base.clone(), store: store.into(), db, _server: server, _store_dir: store_dir }
}

pub async fn new_draft(p: &Portal) -> String {
    let res = super::client()
        .post(format!("{}/portal/v1/drafts", p.base))
        .json(&serde_json::json!({"procedure_code": "1.001193"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_string()
}

pub async fn list(p: &Portal, draft: &str) -> Vec<serde_json::Value> {
    let res = super::client().get(format!("{}/portal/v1/drafts/{draft}/documents", p.base)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.json::<serde_json::Value>().await.unwrap()["files"].as_array().unwrap().clone()
}

/// Every file under the store (the objects).
pub fn objects(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(objects(&path));
        } else {
            out.push(path);
        }
    }
    out
}
