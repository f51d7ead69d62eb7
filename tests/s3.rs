//! Attachments in an S3-compatible store (`ATTACHMENTS_STORE=s3://bucket/prefix`), end to end on
//! the real server: large files in several parts, bytes read back identical, refused and cut-off
//! uploads leaving no object, removal. Needs a store, so it is ignored by a plain `cargo test`;
//! `scripts/s3-test.sh` starts moto's S3 server on loopback and runs it (in `make test`), with the
//! `AWS_*` variables the product reads.
#![cfg(feature = "ssr")]

mod common;

use common::attachments::{new_draft, start_on_store, Portal, HTML, PDF};
use common::TempDir;
use dichvucong::portal::attachment::UploadLimits;
use futures::TryStreamExt;
use object_store::{aws::AmazonS3Builder, ObjectStore};
use sha2::{Digest, Sha256};

/// The product with its attachments under `prefix` of the test bucket.
async fn start(prefix: &str) -> Portal {
    let bucket = std::env::var("TEST_S3_BUCKET").expect("TEST_S3_BUCKET (run scripts/s3-test.sh)");
    let store = format!("s3://{bucket}/{prefix}");
    start_on_store(prefix, store, TempDir::new(&format!("{prefix}-unused")), UploadLimits::default()).await
}

/// The keys of every object under `prefix`, as the store itself lists them.
async fn objects(prefix: &str) -> Vec<String> {
    let bucket = std::env::var("TEST_S3_BUCKET").unwrap();
    let s3 = AmazonS3Builder::from_env().with_bucket_name(bucket).build().unwrap();
    let prefix = object_store::path::Path::from(prefix);
    s3.list(Some(&prefix)).map_ok(|m| m.location.to_string()).try_collect().await.unwrap()
}

/// A PDF of `len` bytes whose content changes along its length (parts cannot be swapped unseen).
fn big_pdf(len: usize) -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8 ^ (i / 65_536) as u8).collect();
    bytes[..PDF.len()].copy_from_slice(PDF);
    bytes
}

async fn post(p: &Portal, draft: &str, body: reqwest::Body) -> (u16, serde_json::Value) {
    let url = format!("{}/portal/v1/drafts/{draft}/documents/0/files?name=to%20khai.pdf", p.base);
    let res = common::client().post(url).body(body).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or_default())
}

#[tokio::test]
#[ignore = "needs an S3-compatible store: run scripts/s3-test.sh"]
async fn a_file_in_several_parts_is_stored_read_back_identical_and_removed() {
    let p = start("s3-roundtrip").await;
    let draft = new_draft(&p).await;
    // 9 MB (under the 10 MB a file may have): two parts of S3's 5 MiB minimum, streamed in
    // small chunks as a front end sends it.
    let bytes = big_pdf(9_000_000);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = bytes.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let (status, file) = post(&p, &draft, reqwest::Body::wrap_stream(futures::stream::iter(chunks))).await;
    assert_eq!(status, 201, "{file}");
    let sha: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(file["sha256"], sha);
    assert_eq!(file["size_bytes"], bytes.len());
    assert_eq!(objects("s3-roundtrip").await.len(), 1, "one object in the bucket");

    let id = file["id"].as_str().unwrap();
    let url = format!("{}/portal/v1/drafts/{draft}/documents/{id}/content", p.base);
    let back = common::client().get(&url).send().await.unwrap().bytes().await.unwrap();
    assert!(back[..] == bytes[..], "the bytes read back differ");

    let res =
        common::client().delete(format!("{}/portal/v1/drafts/{draft}/documents/{id}", p.base)).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert!(objects("s3-roundtrip").await.is_empty(), "the object is removed with the file");
}

#[tokio::test]
#[ignore = "needs an S3-compatible store: run scripts/s3-test.sh"]
async fn refused_and_cut_off_uploads_leave_no_object() {
    let p = start("s3-refused").await;
    let draft = new_draft(&p).await;
    let (status, _) = post(&p, &draft, HTML.to_vec().into()).await;
    assert_eq!(status, 415, "a page is not a document");

    // The connection breaks after 7 MB: one part was already sent to the store.
    let mut chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        big_pdf(7_000_000).chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    chunks.push(Err(std::io::Error::other("the signal is gone")));
    let url = format!("{}/portal/v1/drafts/{draft}/documents/0/files?name=x.pdf", p.base);
    let sent = common::client().post(url).body(reqwest::Body::wrap_stream(futures::stream::iter(chunks))).send().await;
    assert!(sent.is_err() || sent.unwrap().status().is_client_error());

    // The server learns of the break and aborts the upload; give it the moment it takes.
    for _ in 0..50 {
        if objects("s3-refused").await.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(objects("s3-refused").await.is_empty(), "nothing stored for a refused or broken upload");
    let list = common::attachments::list(&p, &draft).await;
    assert!(list.is_empty(), "and nothing listed: {list:?}");
}
