//! Document uploads to the portal, end to end on the real server: raw file bodies, streamed;
//! refusals per file; names; ownership; submission; the purge. (The page: tests/documents_page.rs.)
#![cfg(feature = "ssr")]

mod common;

use common::attachments::{list, new_draft, objects, start, Portal, EXE, HTML, JPEG, PDF, PNG};
use dichvucong::portal::attachment::UploadLimits;
use sha2::{Digest, Sha256};

/// Uploads `bytes` as one body; (status, JSON answer).
async fn upload(p: &Portal, draft: &str, slot: u32, name: &str, bytes: &[u8]) -> (u16, serde_json::Value) {
    upload_keyed(p, draft, slot, name, bytes, None).await
}

/// The same, with the upload's idempotency `key` when there is one.
async fn upload_keyed(
    p: &Portal,
    draft: &str,
    slot: u32,
    name: &str,
    bytes: &[u8],
    key: Option<&str>,
) -> (u16, serde_json::Value) {
    let url = format!("{}/portal/v1/drafts/{draft}/documents/{slot}/files", p.base);
    let mut query = vec![("name", name)];
    query.extend(key.map(|k| ("key", k)));
    let res = common::client().post(url).query(&query).body(bytes.to_vec()).send().await.unwrap();
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

/// A phone that lost the answer sends the file again: with the same `key` and the same bytes it
/// gets the file stored the first time (200), not a second copy, even when both arrive at once.
/// The key is not the file: other bytes under it are a file of their own, and a file removed is
/// gone, so sending it again stores it again.
#[tokio::test]
async fn a_retried_upload_is_stored_once() {
    let p = start("attach-retry", UploadLimits::default()).await;
    let draft = new_draft(&p).await;
    let key = "page1-0123456789abcdef-0";
    let (status, first) = upload_keyed(&p, &draft, 1, "trang 1.pdf", PDF, Some(key)).await;
    assert_eq!(status, 201, "{first}");
    let (status, again) = upload_keyed(&p, &draft, 1, "trang 1.pdf", PDF, Some(key)).await;
    assert_eq!((status, &again["id"]), (200, &first["id"]), "{again}");

    let twice = "both-at-once-0123456789";
    let (a, b) = futures::join!(
        upload_keyed(&p, &draft, 6, "mặt trước.png", PNG, Some(twice)),
        upload_keyed(&p, &draft, 6, "mặt trước.png", PNG, Some(twice)),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!((statuses, &a.1["id"]), ([200, 201], &b.1["id"]), "one stored, one told so: {a:?} {b:?}");

    let (status, other) = upload_keyed(&p, &draft, 1, "trang 2.png", PNG, Some(key)).await;
    assert_eq!(status, 201, "other bytes under the same key are another file: {other}");
    assert_ne!(other["id"], first["id"]);
    assert_eq!(upload(&p, &draft, 1, "trang 1.pdf", PDF).await.0, 201, "without a key, every upload is a file");
    assert_eq!(list(&p, &draft).await.len(), 4);
    assert_eq!(objects(&p.store).len(), 4, "the retries' bytes are not kept either");

    assert_eq!(delete(&p, &draft, first["id"].as_str().unwrap()).await, 204);
    let (status, back) = upload_keyed(&p, &draft, 1, "trang 1.pdf", PDF, Some(key)).await;
    assert_eq!(status, 201, "removed, then sent again: stored again");
    assert_ne!(back["id"], first["id"]);

    for bad in ["short", "<script>alert(1)</script>-padding", &"k".repeat(81)] {
        let (status, error) = upload_keyed(&p, &draft, 1, "x.pdf", PDF, Some(bad)).await;
        assert_eq!((status, error["code"].as_str()), (400, Some("bad_request")), "key {bad:?}");
    }
    assert_eq!(list(&p, &draft).await.len(), 4);
}

/// A document photographed page by page is read in the order the pages were sent, even when they
/// all arrive within one second.
#[tokio::test]
async fn the_pages_of_a_document_keep_their_order() {
    let p = start("attach-order", UploadLimits::default()).await;
    let draft = new_draft(&p).await;
    let sent: Vec<String> = (1..=8).map(|n| format!("trang {n}.pdf")).collect();
    for name in &sent {
        assert_eq!(upload(&p, &draft, 1, name, PDF).await.0, 201);
    }
    let listed: Vec<String> = list(&p, &draft).await.iter().map(|f| f["file_name"].as_str().unwrap().into()).collect();
    assert_eq!(listed, sent);
}

#[tokio::test]
async fn a_slot_takes_a_bounded_number_of_files() {
    let limits = UploadLimits { max_files_per_slot: 2, ..UploadLimits::default() };
    let p = start("attach-slot", limits).await;
    let draft = new_draft(&p).await;
    let key = Some("slot-full-retry-0123");
    assert_eq!(upload_keyed(&p, &draft, 0, "1.png", PNG, key).await.0, 201);
    assert_eq!(upload(&p, &draft, 0, "2.png", PNG).await.0, 201);
    let (status, error) = upload(&p, &draft, 0, "3.png", PNG).await;
    assert_eq!((status, error["code"].as_str()), (409, Some("slot_full")));
    // The first file's retry is told it is stored, not that the document is full.
    assert_eq!(upload_keyed(&p, &draft, 0, "1.png", PNG, key).await.0, 200);
    let (status, error) = upload_keyed(&p, &draft, 0, "4.png", JPEG, key).await;
    assert_eq!((status, error["code"].as_str()), (409, Some("slot_full")), "other bytes under the key");
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
    let pool = dichvucong::server::portal::store::migrated_pool(&p.db).await.unwrap();
    sqlx::query("UPDATE drafts SET dossier_code = 'X' WHERE id = $1").bind(&theirs).execute(&pool).await.unwrap();
    let (status, error) = upload(&p, &theirs, 1, "late.pdf", PDF).await;
    assert_eq!((status, error["code"].as_str()), (409, Some("submitted")));
    assert_eq!(delete(&p, &theirs, id).await, 409);
    assert_eq!(list(&p, &theirs).await.len(), 1);
}

/// A submission checks a draft's files before it takes the write lock, then claims only the
/// revision it checked: adding or removing a file must change the revision, or a file removed
/// in between would leave a dossier without a document it must have.
#[tokio::test]
async fn adding_or_removing_a_file_changes_the_drafts_revision() {
    let p = start("attach-revision", UploadLimits::default()).await;
    let draft = new_draft(&p).await;
    let revision = || async {
        let url = format!("{}/portal/v1/drafts/{draft}", p.base);
        common::client().get(url).send().await.unwrap().json::<serde_json::Value>().await.unwrap()["revision"]
            .as_i64()
            .unwrap()
    };
    let fresh = revision().await;
    let (status, file) = upload(&p, &draft, 1, "trang 1.pdf", PDF).await;
    assert_eq!(status, 201, "{file}");
    let uploaded = revision().await;
    assert!(uploaded > fresh, "an upload changes the revision: {fresh} → {uploaded}");
    assert_eq!(delete(&p, &draft, file["id"].as_str().unwrap()).await, 204);
    let removed = revision().await;
    assert!(removed > uploaded, "a removal changes the revision: {uploaded} → {removed}");
    // A refused upload changes nothing.
    assert_eq!(upload(&p, &draft, 1, "x.pdf", b"").await.0, 400);
    assert_eq!(revision().await, removed);
}

#[tokio::test]
async fn the_purge_takes_the_files_of_expired_unsubmitted_drafts_only() {
    let p = start("attach-purge", UploadLimits::default()).await;
    let (expired, submitted, live) = (new_draft(&p).await, new_draft(&p).await, new_draft(&p).await);
    for draft in [&expired, &submitted, &live] {
        assert_eq!(upload(&p, draft, 1, "a.pdf", PDF).await.0, 201);
    }
    let pool = dichvucong::server::portal::store::migrated_pool(&p.db).await.unwrap();
    for draft in [&expired, &submitted] {
        sqlx::query("UPDATE drafts SET expires_at = 0 WHERE id = $1").bind(draft).execute(&pool).await.unwrap();
    }
    sqlx::query("UPDATE drafts SET dossier_code = 'X' WHERE id = $1").bind(&submitted).execute(&pool).await.unwrap();
    let settings = dichvucong::server::config::AttachmentSettings {
        store: p.store.display().to_string(),
        limits: UploadLimits::default(),
    };
    let store = dichvucong::server::portal::attachments::AttachmentStore::open(&settings).unwrap();
    let purged = dichvucong::server::portal::attachments::purge_expired(
        &dichvucong::server::portal::store::Db::one(pool.clone()),
        &store,
    )
    .await
    .unwrap();
    assert_eq!(purged, 1);
    assert_eq!(objects(&p.store).len(), 2, "the submitted and the live draft keep their files");
    assert_eq!(list(&p, &live).await.len(), 1);
}

#[tokio::test]
async fn an_upload_that_breaks_off_leaves_nothing_and_keeps_the_earlier_files() {
    use axum::body::Bytes;
    use dichvucong::portal::{PortalClient, PortalError};
    let p = start("attach-broken", UploadLimits::default()).await;
    let draft = new_draft(&p).await;
    assert_eq!(upload(&p, &draft, 1, "kept.pdf", PDF).await.0, 201);

    // In-process, as the front end calls its embedded portal: the body stream fails half-way.
    let mut settings = common::settings("127.0.0.1:0", p.db.clone(), None);
    settings.attachments.store = p.store.display().to_string();
    let portal = PortalClient::in_process(dichvucong::server::portal::start(&settings).await.unwrap());
    let broken = futures::stream::iter([
        Ok(Bytes::from_static(PDF)),
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "the phone lost its signal")),
    ]);
    let refused = portal.upload_document(&draft, 1, "lost.pdf", broken).await.unwrap_err();
    assert_eq!(refused, PortalError::Refused { status: 400, code: "broken".into() });

    // Cancelled (the page gave up waiting): the upload is aborted, not left half-written.
    let stalled = futures::StreamExt::chain(
        futures::stream::iter([Ok(Bytes::from(vec![b' '; 300_000]))]),
        futures::stream::pending::<Result<Bytes, std::io::Error>>(),
    );
    let head = futures::stream::iter([Ok(Bytes::from_static(PDF))]);
    let upload = portal.upload_document(&draft, 1, "stalled.pdf", futures::StreamExt::chain(head, stalled));
    assert!(tokio::time::timeout(std::time::Duration::from_millis(300), upload).await.is_err());

    // Over HTTP: fewer bytes than announced, then the connection closes.
    let addr = p.base.trim_start_matches("http://");
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /portal/v1/drafts/{draft}/documents/1/files?name=cut.pdf HTTP/1.1\r\nhost: {addr}\r\n\
         content-length: 100000\r\n\r\n"
    );
    use tokio::io::AsyncWriteExt;
    tcp.write_all(head.as_bytes()).await.unwrap();
    tcp.write_all(&[PDF, &[b' '; 20_000]].concat()).await.unwrap();
    drop(tcp);

    // The handler notices the end of the body; give it a moment, then nothing of either is kept.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let files = list(&p, &draft).await;
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0]["file_name"], "kept.pdf");
    assert_eq!(objects(&p.store).len(), 1, "no partial object is left");
}
