//! Document uploads, end to end on the real server: the portal's `/documents` operations (raw
//! file bodies, streamed), and the documents page without JavaScript (multipart form → 303 →
//! the page rendered from what was stored).
#![cfg(feature = "ssr")]

mod common;

use common::{raw, TempDir};
use dichvucong::portal::attachment::UploadLimits;
use dichvucong::server::config::Settings;
use sha2::{Digest, Sha256};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9";
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89";
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode";
const HTML: &[u8] = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";

struct Portal {
    base: String,
    store: std::path::PathBuf,
    db: String,
    _server: common::Server,
    _store_dir: TempDir,
}

/// The product with its files in a directory the test can look into, and `limits`.
async fn start(name: &str, limits: UploadLimits) -> Portal {
    let dir = TempDir::new(name);
    let store_dir = TempDir::new(&format!("{name}-store"));
    let store = store_dir.0.clone();
    let db = format!("sqlite://{}", dir.0.join("test.db").display());
    let adjust = {
        let store = store.display().to_string();
        move |s: &mut Settings| {
            s.attachments.store = store;
            s.attachments.limits = limits;
        }
    };
    let server = common::start_configured(dir, db.clone(), None, adjust).await;
    Portal { base: server.base.clone(), store, db, _server: server, _store_dir: store_dir }
}

async fn new_draft(p: &Portal) -> String {
    let res = common::client()
        .post(format!("{}/portal/v1/drafts", p.base))
        .json(&serde_json::json!({"procedure_code": "1.001193"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_string()
}

/// Uploads `bytes` as one body; (status, JSON answer).
async fn upload(p: &Portal, draft: &str, slot: u32, name: &str, bytes: &[u8]) -> (u16, serde_json::Value) {
    let url = format!("{}/portal/v1/drafts/{draft}/documents/{slot}/files", p.base);
    let res = common::client().post(url).query(&[("name", name)]).body(bytes.to_vec()).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

/// The same, as a stream of chunks without a Content-Length (as a front end streams it).
async fn upload_streamed(p: &Portal, draft: &str, slot: u32, bytes: Vec<u8>) -> (u16, serde_json::Value) {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = bytes.chunks(1000).map(|c| Ok(c.to_vec())).collect();
    let body = reqwest::Body::wrap_stream(futures::stream::iter(chunks));
    let url = format!("{}/portal/v1/drafts/{draft}/documents/{slot}/files?name=big.pdf", p.base);
    let res = common::client().post(url).body(body).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn list(p: &Portal, draft: &str) -> Vec<serde_json::Value> {
    let res = common::client().get(format!("{}/portal/v1/drafts/{draft}/documents", p.base)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    res.json::<serde_json::Value>().await.unwrap()["files"].as_array().unwrap().clone()
}

async fn content(p: &Portal, draft: &str, file: &str) -> (u16, Option<String>, Vec<u8>) {
    let url = format!("{}/portal/v1/drafts/{draft}/documents/{file}/content", p.base);
    let res = common::client().get(url).send().await.unwrap();
    let kind = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
    (res.status().as_u16(), kind, res.bytes().await.unwrap().to_vec())
}

async fn delete(p: &Portal, draft: &str, file: &str) -> u16 {
    let url = format!("{}/portal/v1/drafts/{draft}/documents/{file}", p.base);
    common::client().delete(url).send().await.unwrap().status().as_u16()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Every file under the store (the objects).
fn objects(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
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

#[tokio::test]
async fn files_are_stored_listed_read_back_identical_and_removed() {
    let p = start("attach-ok", UploadLimits::default()).await;
    let draft = new_draft(&p).await;
    let mut ids = Vec::new();
    for (slot, name, bytes, kind) in [
        (1, "giấy chứng sinh.pdf", PDF, "application/pdf"),
        (6, "căn cước mặt trước.jpg", JPEG, "image/jpeg"),
        (6, "căn cước mặt sau.png", PNG, "image/png"),
    ] {
        let (status, file) = upload(&p, &draft, slot, name, bytes).await;
        assert_eq!(status, 201, "{file}");
        assert_eq!(file["file_name"], name, "Vietnamese names are kept");
        assert_eq!(file["content_type"], kind);
        assert_eq!(file["size_bytes"], bytes.len());
        assert_eq!(file["sha256"], sha256(bytes));
        let (status, served_as, back) = content(&p, &draft, file["id"].as_str().unwrap()).await;
        assert_eq!((status, served_as.as_deref()), (200, Some(kind)));
        assert_eq!(back, bytes, "the bytes come back as sent");
        ids.push(file["id"].as_str().unwrap().to_string());
    }
    let files = list(&p, &draft).await;
    let slots: Vec<u64> = files.iter().map(|f| f["slot"].as_u64().unwrap()).collect();
    assert_eq!(slots, [1, 6, 6], "by document, then upload order");
    assert_eq!(objects(&p.store).len(), 3);
    for object in objects(&p.store) {
        let key = object.file_name().unwrap().to_string_lossy().to_string();
        assert!(key.len() == 26 && !key.contains('.'), "a random key, never the name: {key}");
    }

    assert_eq!(delete(&p, &draft, &ids[0]).await, 204);
    assert_eq!(list(&p, &draft).await.len(), 2);
    assert_eq!(content(&p, &draft, &ids[0]).await.0, 404);
    assert_eq!(objects(&p.store).len(), 2, "the bytes went with the row");
    assert_eq!(delete(&p, &draft, &ids[0]).await, 404, "gone is gone");
}

#[tokio::test]
async fn each_bad_file_is_refused_on_its_own_and_nothing_saved_is_lost() {
    let limits = UploadLimits { max_file_bytes: 4_000, max_dossier_bytes: 10_000, max_files_per_slot: 3 };
    let p = start("attach-refusals", limits).await;
    let draft = new_draft(&p).await;
    let (status, kept) = upload(&p, &draft, 1, "giữ lại.pdf", PDF).await;
    assert_eq!(status, 201);
    let refused = [
        ("empty.pdf", Vec::new(), 400, "empty"),
        ("virus.pdf", EXE.to_vec(), 415, "wrong_type"),
        ("ảnh.png", HTML.to_vec(), 415, "wrong_type"),
        ("big.pdf", [PDF, &vec![b' '; 5_000]].concat(), 413, "too_big"),
    ];
    for (name, bytes, status, code) in refused {
        let (got, error) = upload(&p, &draft, 1, name, &bytes).await;
        assert_eq!((got, error["code"].as_str()), (status, Some(code)), "{name}: {error}");
    }
    // Too big found while streaming (no Content-Length to refuse it up front).
    let (status, error) = upload_streamed(&p, &draft, 1, [PDF, &vec![b' '; 5_000]].concat()).await;
    assert_eq!((status, error["code"].as_str()), (413, Some("too_big")));
    // The application's total: 3 × 3,000 fits beside the first file, the fourth does not.
    let third = [PDF, &vec![b' '; 3_000 - PDF.len()]].concat();
    for slot in [2, 3, 4] {
        assert_eq!(upload(&p, &draft, slot, "p.pdf", &third).await.0, 201);
    }
    let (status, error) = upload(&p, &draft, 5, "one more.pdf", &third).await;
    assert_eq!((status, error["code"].as_str()), (413, Some("dossier_full")));
    // Unknown documents and drafts.
    assert_eq!(upload(&p, &draft, 99, "x.pdf", PDF).await.0, 404);
    assert_eq!(upload(&p, "abcdefghijabcdefghijabcdef", 1, "x.pdf", PDF).await.0, 404);

    let files = list(&p, &draft).await;
    assert_eq!(files.len(), 4, "only the files taken: {files:?}");
    assert_eq!(files[0]["id"], kept["id"]);
    assert_eq!(content(&p, &draft, kept["id"].as_str().unwrap()).await.2, PDF, "the first file is intact");
    assert_eq!(objects(&p.store).len(), 4, "no partial object of a refused file is left");
}

#[tokio::test]
async fn a_slot_takes_a_bounded_number_of_files() {
    let limits = UploadLimits { max_files_per_slot: 2, ..UploadLimits::default() };
    let p = start("attach-slot", limits).await;
    let draft = new_draft(&p).await;
    assert_eq!(upload(&p, &draft, 0, "1.png", PNG).await.0, 201);
    assert_eq!(upload(&p, &draft, 0, "2.png", PNG).await.0, 201);
    let (status, error) = upload(&p, &draft, 0, "3.png", PNG).await;
    assert_eq!((status, error["code"].as_str()), (409, Some("slot_full")));
    assert_eq!(upload(&p, &draft, 1, "other.png", PNG).await.0, 201, "other documents still take files");
}

#[tokio::test]
async fn names_are_cleaned_and_never_reach_the_store() {
    let p = start("attach-names", UploadLimits::default()).await;
    let draft = new_draft(&p).await;
    let long = "ả".repeat(250) + ".pdf";
    for (name, kept) in [
        ("../../etc/passwd", "passwd".to_string()),
        ("bad\u{0}name\u{202E}fdp.pdf", "bad namefdp.pdf".to_string()),
        (long.as_str(), "ả".repeat(120)),
        ("", "tệp".to_string()),
    ] {
        let (status, file) = upload(&p, &draft, 1, name, PDF).await;
        assert_eq!(status, 201, "{file}");
        assert_eq!(file["file_name"].as_str(), Some(kept.as_str()));
    }
    let (status, error) = upload(&p, &draft, 1, &"x".repeat(256), PDF).await;
    assert_eq!((status, error["code"].as_str()), (400, Some("bad_request")), "a name over 255 characters");
    assert!(!p.store.parent().unwrap().join("etc").exists());
    for object in objects(&p.store) {
        assert!(object.starts_with(&p.store), "{object:?}");
    }
}

#[tokio::test]
async fn a_draft_reaches_only_its_own_files_and_none_after_submission() {
    let p = start("attach-owner", UploadLimits::default()).await;
    let (mine, theirs) = (new_draft(&p).await, new_draft(&p).await);
    let (_, file) = upload(&p, &theirs, 1, "của người khác.pdf", PDF).await;
    let id = file["id"].as_str().unwrap();
    assert_eq!(delete(&p, &mine, id).await, 404);
    assert_eq!(content(&p, &mine, id).await.0, 404);
    assert!(list(&p, &mine).await.is_empty());
    assert_eq!(content(&p, &theirs, id).await.2, PDF, "still there for its owner");

    // Submitted (the submission's transaction sets dossier_code): no more changes.
    let pool = dichvucong::server::portal::store::connect(&p.db).await.unwrap();
    sqlx::query("UPDATE drafts SET dossier_code = 'X' WHERE id = $1").bind(&theirs).execute(&pool).await.unwrap();
    let (status, error) = upload(&p, &theirs, 1, "late.pdf", PDF).await;
    assert_eq!((status, error["code"].as_str()), (409, Some("submitted")));
    assert_eq!(delete(&p, &theirs, id).await, 409);
    assert_eq!(list(&p, &theirs).await.len(), 1);
}

#[tokio::test]
async fn the_purge_takes_the_files_of_expired_unsubmitted_drafts_only() {
    let p = start("attach-purge", UploadLimits::default()).await;
    let (expired, submitted, live) = (new_draft(&p).await, new_draft(&p).await, new_draft(&p).await);
    for draft in [&expired, &submitted, &live] {
        assert_eq!(upload(&p, draft, 1, "a.pdf", PDF).await.0, 201);
    }
    let pool = dichvucong::server::portal::store::connect(&p.db).await.unwrap();
    for draft in [&expired, &submitted] {
        sqlx::query("UPDATE drafts SET expires_at = 0 WHERE id = $1").bind(draft).execute(&pool).await.unwrap();
    }
    sqlx::query("UPDATE drafts SET dossier_code = 'X' WHERE id = $1").bind(&submitted).execute(&pool).await.unwrap();
    let settings = dichvucong::server::config::AttachmentSettings {
        store: p.store.display().to_string(),
        limits: UploadLimits::default(),
    };
    let store = dichvucong::server::portal::attachments::AttachmentStore::open(&settings).unwrap();
    let purged = dichvucong::server::portal::attachments::purge_expired(&pool, &store).await.unwrap();
    assert_eq!(purged, 1);
    assert_eq!(objects(&p.store).len(), 2, "the submitted and the live draft keep their files");
    assert_eq!(list(&p, &live).await.len(), 1);
}

// ---- The documents page without JavaScript ----

const SAME_SITE: (&str, &[u8]) = ("sec-fetch-site", b"same-origin");
const BOUNDARY: &str = "----dvc-test-boundary";

fn multipart(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
                 content-type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn started(base: &str) -> String {
    let res = raw::request(base, "POST", b"/apply/1.001193/start", &[SAME_SITE], b"").await;
    res.header("set-cookie").unwrap().split(';').next().unwrap().to_string()
}

async fn post_files(base: &str, slot: u32, cookie: &str, body: &[u8], extra: &[(&str, &[u8])]) -> raw::RawResponse {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let mut headers = vec![SAME_SITE, ("cookie", cookie.as_bytes()), ("content-type", content_type.as_bytes())];
    headers.extend_from_slice(extra);
    raw::request(base, "POST", format!("/apply/1.001193/documents/{slot}").as_bytes(), &headers, body).await
}

async fn page(base: &str, target: &str, cookie: &str) -> raw::RawResponse {
    raw::request(base, "GET", target.as_bytes(), &[("cookie", cookie.as_bytes())], b"").await
}

#[tokio::test]
async fn the_documents_page_takes_files_without_javascript_and_says_what_was_refused() {
    let p = start("attach-page", UploadLimits::default()).await;
    let cookie = started(&p.base).await;
    let empty = page(&p.base, "/apply/1.001193/documents", &cookie).await;
    let html = empty.text();
    assert_eq!(empty.status, 200, "{html}");
    assert_eq!(empty.header("cache-control"), Some("no-store"));
    assert!(
        html.contains(r#"enctype="multipart/form-data""#) && html.contains(r#"action="/apply/1.001193/documents/6""#)
    );
    assert!(html.contains(r#"accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png""#), "{html}");
    assert!(html.contains("Mỗi tệp tối đa 10.5 MB"), "the limits are said up front");
    assert!(html.contains("Giấy chứng sinh") && html.contains("Bắt buộc nếu"), "a slot per required document");

    let long = "ả".repeat(300) + ".pdf";
    let body = multipart(&[("Giấy chứng sinh.pdf", PDF), ("virus.pdf", EXE), ("rỗng.png", b""), (&long, PDF)]);
    let sent = post_files(&p.base, 1, &cookie, &body, &[]).await;
    assert_eq!(sent.status, 303);
    let location = sent.header("location").unwrap().to_string();
    assert!(location.starts_with("/apply/1.001193/documents?slot=1&e=wrong_type") && location.ends_with("#slot-1"));
    let shown = page(&p.base, location.split('#').next().unwrap(), &cookie).await.text();
    assert!(shown.contains("Giấy chứng sinh.pdf"), "the file taken is listed");
    assert!(shown.contains("virus.pdf: không phải tệp PDF, JPEG hoặc PNG"), "{shown}");
    assert!(shown.contains("rỗng.png: tệp trống"), "each refusal is said with its file");
    assert!(shown.contains("<title>Lỗi:"));
    assert!(shown.contains(&"ả".repeat(120)) && !shown.contains(&"ả".repeat(121)), "a 300-character name, cut");

    // With a script: the same form, a JSON answer per file.
    let json = post_files(
        &p.base,
        6,
        &cookie,
        &multipart(&[("a.png", PNG), ("b.png", HTML)]),
        &[("accept", b"application/json")],
    )
    .await;
    assert_eq!(json.status, 200);
    let answer: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(answer["files"][0]["file"]["content_type"], "image/png");
    assert_eq!(answer["files"][1]["error"], "wrong_type");

    // Remove: a small form per file.
    let id = answer["files"][0]["file"]["id"].as_str().unwrap();
    let form = format!("file={id}&slot=6");
    let headers =
        [SAME_SITE, ("cookie", cookie.as_bytes()), ("content-type", b"application/x-www-form-urlencoded" as &[u8])];
    let removed = raw::request(&p.base, "POST", b"/apply/1.001193/documents/remove", &headers, form.as_bytes()).await;
    assert_eq!((removed.status, removed.header("location")), (303, Some("/apply/1.001193/documents#slot-6")));
    assert!(!page(&p.base, "/apply/1.001193/documents", &cookie).await.text().contains("a.png"));

    // Check your answers lists the files and what mandatory document is missing.
    let check = page(&p.base, "/apply/1.001193/check", &cookie).await.text();
    assert!(check.contains("Giấy chứng sinh.pdf") && check.contains(r##"href="/apply/1.001193/documents#slot-1""##));
    assert!(check.contains("Còn thiếu giấy tờ bắt buộc"), "{check}");
}

#[tokio::test]
async fn the_upload_form_refuses_other_sites_oversized_forms_and_other_applications() {
    let limits = UploadLimits { max_file_bytes: 4_000, max_dossier_bytes: 10_000, max_files_per_slot: 20 };
    let p = start("attach-page-bad", limits).await;
    let cookie = started(&p.base).await;
    let body = multipart(&[("a.pdf", PDF)]);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let headers = [
        ("sec-fetch-site", b"cross-site" as &[u8]),
        ("cookie", cookie.as_bytes()),
        ("content-type", content_type.as_bytes()),
    ];
    let cross = raw::request(&p.base, "POST", b"/apply/1.001193/documents/1", &headers, &body).await;
    assert_eq!(cross.status, 403);
    // A form bigger than the application's total (and slack): the 413 page in plain words.
    let huge = multipart(&[("big.pdf", &[PDF, &vec![b' '; 1_200_000]].concat())]);
    let too_big = post_files(&p.base, 1, &cookie, &huge, &[]).await;
    assert_eq!(too_big.status, 413);
    assert!(too_big.text().contains("quá lớn"), "{}", too_big.text());
    // No such document; no application in this browser.
    assert_eq!(post_files(&p.base, 99, &cookie, &body, &[]).await.status, 404);
    let none = post_files(&p.base, 1, "dvc_draft=abcdefghijabcdefghijabcdef", &body, &[]).await;
    assert_eq!((none.status, none.header("location")), (303, Some("/apply/1.001193")));
    assert!(objects(&p.store).is_empty(), "nothing was stored");
}

#[tokio::test]
async fn the_page_streams_files_to_a_portal_over_http_too() {
    let dir = TempDir::new("attach-http");
    let store_dir = TempDir::new("attach-http-store");
    let store = store_dir.0.display().to_string();
    let db = format!("sqlite://{}", dir.0.join("test.db").display());
    // The front end calls its embedded portal over loopback HTTP, as it would an external one.
    let server = common::start_configured(dir, db, None, move |s: &mut Settings| {
        s.portal_in_process = false;
        s.attachments.store = store;
    })
    .await;
    let cookie = started(&server.base).await;
    let big = [PNG, &vec![0u8; 300_000]].concat();
    let sent = post_files(&server.base, 6, &cookie, &multipart(&[("ảnh lớn.png", &big), ("x.pdf", HTML)]), &[]).await;
    assert_eq!(sent.status, 303);
    assert!(sent.header("location").unwrap().contains("e=wrong_type"), "{:?}", sent.header("location"));
    let html = page(&server.base, "/apply/1.001193/documents", &cookie).await.text();
    assert!(html.contains("ảnh lớn.png") && html.contains("301 KB · PNG"), "{html}");
    assert_eq!(objects(&store_dir.0).len(), 1);
}

/// 100 MB of a "PDF", made as it is sent (never in memory).
fn hundred_megabytes(prefix: Vec<u8>, suffix: Vec<u8>) -> (reqwest::Body, u64) {
    const MB: usize = 1024 * 1024;
    let total = (prefix.len() + 9 + 100 * MB + suffix.len()) as u64;
    let chunks = std::iter::once(prefix)
        .chain(std::iter::once(b"%PDF-1.4\n".to_vec()))
        .chain((0..100).map(|_| vec![b' '; MB]))
        .chain(std::iter::once(suffix))
        .map(Ok::<_, std::io::Error>);
    (reqwest::Body::wrap_stream(futures::stream::iter(chunks)), total)
}

#[tokio::test]
async fn a_hundred_megabyte_file_is_refused_without_being_stored() {
    let p = start("attach-100mb", UploadLimits::default()).await;
    let draft = new_draft(&p).await;
    // Streamed to the portal with no length said: counted, refused at the limit.
    let (body, _) = hundred_megabytes(Vec::new(), Vec::new());
    let url = format!("{}/portal/v1/drafts/{draft}/documents/1/files?name=big.pdf", p.base);
    let res = common::client().post(url).body(body).send().await.unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "too_big");
    // Through the page's form, its length said: the 413 page before a byte is read.
    let cookie = started(&p.base).await;
    let head = format!("--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n\r\n");
    let (body, total) = hundred_megabytes(head.into_bytes(), format!("\r\n--{BOUNDARY}--\r\n").into_bytes());
    let res = common::client()
        .post(format!("{}/apply/1.001193/documents/1", p.base))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &cookie)
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .header("content-length", total)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert!(res.text().await.unwrap().contains("quá lớn"));
    assert!(list(&p, &draft).await.is_empty());
    assert!(objects(&p.store).is_empty(), "nothing of it was kept");
}
