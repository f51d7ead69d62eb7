//! The documents page without JavaScript, as a browser does it: a multipart form per document,
//! the 303, the page rendered from what was stored; the same form answered in JSON for a script.
#![cfg(feature = "ssr")]

mod common;

use common::attachments::{list, new_draft, objects, start, EXE, HTML, PDF, PNG};
use common::forms::{self, post_files, BOUNDARY, SAME_SITE};
use common::{raw, TempDir};
use dichvucong::portal::attachment::UploadLimits;
use dichvucong::server::config::Settings;

fn multipart(files: &[(&str, &[u8])]) -> Vec<u8> {
    forms::multipart(&[], files)
}

async fn started(base: &str) -> String {
    let res = raw::request(base, "POST", b"/apply/1.001193/start", &[SAME_SITE], b"").await;
    res.header("set-cookie").unwrap().split(';').next().unwrap().to_string()
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
    assert!(html.contains("Mỗi tệp tối đa 10 MB, cả hồ sơ tối đa 50 MB"), "the limits are said up front");
    assert!(html.contains("Giấy chứng sinh") && html.contains("Bắt buộc nếu"), "a slot per required document");
    // The ID card is only shown at a counter ("không phải nộp"); online it is a photo, said so.
    assert!(html.contains("Nộp trực tuyến: tải lên ảnh chụp từng mặt."), "{html}");
    assert!(!html.contains("Bản chính: 0, bản sao: 0"), "no 'originals: 0, copies: 0'");
    // With JavaScript, an island per form uploads file by file; its words come from the page.
    assert!(html.contains("<leptos-island") && html.contains("Mất kết nối. Hãy bấm Thử lại khi có sóng."), "{html}");
    assert!(
        html.contains(r#"id="slot-1-files""#) && html.contains(r#"id="documents-used""#),
        "what the island refreshes"
    );

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
    // GOV.UK's pattern: a summary at the top links to the document's file input, and the input
    // is tied to its hint and to what was refused (a screen reader hears both on reaching it).
    let summary =
        shown.split(r#"class="error-summary""#).nth(1).expect("an error summary").split("</div>").next().unwrap();
    assert!(
        summary.contains(r##"href="#file-1""##)
            && summary.contains("Giấy chứng sinh do cơ sở y tế cấp: virus.pdf: không phải tệp PDF"),
        "{summary}"
    );
    assert!(shown.find(r#"class="error-summary""#) < shown.find("<h1"), "the summary comes before the heading");
    assert!(shown.contains(r#"id="file-1-error""#), "{shown}");
    assert!(
        shown.contains(r#"id="file-1" name="file" multiple="" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby="slot-1-hint file-1-error documents-limits" aria-invalid="true""#),
        "{shown}"
    );
    // Every slot's input and button name their document, not only "Choose a file" five times.
    assert!(shown.contains(r#"<span class="sr-only"> – Giấy chứng sinh do cơ sở y tế cấp</span>"#), "{shown}");
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
    assert!(html.contains("ảnh lớn.png") && html.contains("294 KB · PNG"), "{html}");
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

#[tokio::test]
async fn the_documents_come_after_the_questions_and_before_how_to_receive_the_result() {
    let p = start("docs-order", UploadLimits::default()).await;
    let cookie = started(&p.base).await;
    let headers =
        [SAME_SITE, ("cookie", cookie.as_bytes()), ("content-type", b"application/x-www-form-urlencoded" as &[u8])];
    let saved =
        raw::request(&p.base, "POST", b"/apply/1.001193/p/declarant", &headers, b"declarant_relation=mother").await;
    assert_eq!((saved.status, saved.header("location")), (303, Some("/apply/1.001193/documents")));
    let html = page(&p.base, "/apply/1.001193/documents", &cookie).await.text();
    assert!(html.contains(r#"href="/apply/1.001193/p/return""#), "continue goes to how to receive the result");
    assert!(html.contains(r#"href="/apply/1.001193/p/declarant""#), "back goes to the last question page");
    let back = page(&p.base, "/apply/1.001193/p/return", &cookie).await.text();
    assert!(back.contains(r#"href="/apply/1.001193/documents" class="back-link""#), "the return page's back: {back}");
    let saved = raw::request(&p.base, "POST", b"/apply/1.001193/p/return", &headers, b"return_method=counter").await;
    assert_eq!((saved.status, saved.header("location")), (303, Some("/apply/1.001193/check")));
}

#[tokio::test]
async fn a_form_cut_off_mid_file_keeps_the_files_before_it() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let p = start("docs-cut", UploadLimits::default()).await;
    let cookie = started(&p.base).await;
    let whole = multipart(&[("first.pdf", PDF), ("second.pdf", &[PDF, &[b' '; 50_000]].concat())]);
    let cut = &whole[..whole.len() - 30_000];
    let addr = p.base.trim_start_matches("http://");
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /apply/1.001193/documents/1 HTTP/1.1\r\nhost: {addr}\r\nsec-fetch-site: same-origin\r\ncookie: {cookie}\r\n\
         content-type: multipart/form-data; boundary={BOUNDARY}\r\ncontent-length: {}\r\n\r\n",
        whole.len()
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    tcp.write_all(cut).await.unwrap();
    tcp.shutdown().await.unwrap();
    let mut answer = Vec::new();
    let _ = tcp.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(!answer.starts_with("HTTP/1.1 5"), "{answer}");

    let html = page(&p.base, "/apply/1.001193/documents", &cookie).await.text();
    assert!(html.contains("first.pdf") && !html.contains("second.pdf"), "{html}");
    assert_eq!(objects(&p.store).len(), 1, "no partial object of the second file");
}

#[tokio::test]
async fn no_file_chosen_and_changes_after_sending_are_said_in_plain_words() {
    let p = start("docs-words", UploadLimits::default()).await;
    let cookie = started(&p.base).await;
    // A file input left empty sends a part with no name and no bytes.
    let sent = post_files(&p.base, 1, &cookie, &multipart(&[("", b"")]), &[]).await;
    let location = sent.header("location").unwrap().to_string();
    assert_eq!(location, "/apply/1.001193/documents?slot=1&e=no_file#slot-1");
    let html = page(&p.base, location.split('#').next().unwrap(), &cookie).await.text();
    assert!(html.contains("Bạn chưa chọn tệp nào."), "{html}");
}

#[tokio::test]
async fn a_sent_application_takes_no_more_files_and_shows_its_receipt() {
    use common::submission::{self as sub, PROCEDURE};
    let p = start("docs-sent", UploadLimits::default()).await;
    let portal = dichvucong::portal::PortalClient::new(format!("{}/portal/v1", p.base));
    let pool = dichvucong::server::portal::store::migrated_pool(&p.db).await.unwrap();
    let draft = sub::complete_draft(&portal, &pool).await;
    assert!(matches!(sub::submit(&p.base, &draft.id).await.0, 200 | 201));
    let cookie = format!("dvc_draft={}", draft.id);
    let file = list(&p, &draft.id).await[0]["id"].as_str().unwrap().to_string();

    let sent = raw::request(
        &p.base,
        "POST",
        format!("/apply/{PROCEDURE}/documents/0").as_bytes(),
        &[
            SAME_SITE,
            ("cookie", cookie.as_bytes()),
            ("content-type", format!("multipart/form-data; boundary={BOUNDARY}").as_bytes()),
        ],
        &multipart(&[("late.pdf", PDF)]),
    )
    .await;
    assert_eq!(sent.status, 303);
    let receipt = sent.header("location").unwrap().to_string();
    assert!(receipt.starts_with("/apply/receipt/"), "{receipt}");

    let headers =
        [SAME_SITE, ("cookie", cookie.as_bytes()), ("content-type", b"application/x-www-form-urlencoded" as &[u8])];
    let form = format!("file={file}&slot=0");
    let target = format!("/apply/{PROCEDURE}/documents/remove");
    let refused = raw::request(&p.base, "POST", target.as_bytes(), &headers, form.as_bytes()).await;
    assert_eq!((refused.status, refused.header("location")), (303, Some(receipt.as_str())));
    assert_eq!(
        list(&p, &draft.id).await.len(),
        sub::count(&pool, "SELECT COUNT(*) FROM attachments WHERE draft_id = $1", &draft.id).await as usize
    );
    assert!(list(&p, &draft.id).await.iter().any(|f| f["id"] == file.as_str()), "the file is still there");
    assert!(!list(&p, &draft.id).await.iter().any(|f| f["file_name"] == "late.pdf"));
}

/// The key of a document's upload form on the page now.
fn form_key(html: &str, slot: u32) -> String {
    let form = html.split(&format!(r#"action="/apply/1.001193/documents/{slot}""#)).nth(1).expect("the slot's form");
    let value = form.split(r#"name="key" value=""#).nth(1).expect("a hidden key in the form");
    value.split('"').next().unwrap().to_string()
}

/// Sent again (the browser's "resend" after the answer was lost, or a double tap), the same form
/// stores its files once; the page after it has a new key, so the next file is a file of its own.
#[tokio::test]
async fn the_same_form_sent_twice_stores_its_files_once() {
    let p = start("attach-page-again", UploadLimits::default()).await;
    let cookie = started(&p.base).await;
    let html = page(&p.base, "/apply/1.001193/documents", &cookie).await.text();
    let key = form_key(&html, 1);
    assert!(key.len() >= 16 && key.chars().all(|c| c.is_ascii_alphanumeric()), "{key}");
    assert_eq!(key, form_key(&page(&p.base, "/apply/1.001193/documents", &cookie).await.text(), 1), "stable");
    let body = forms::multipart(&[("key", &key)], &[("trang 1.pdf", PDF), ("trang 2.png", PNG)]);
    for _ in 0..2 {
        let sent = post_files(&p.base, 1, &cookie, &body, &[]).await;
        assert_eq!((sent.status, sent.header("location")), (303, Some("/apply/1.001193/documents?slot=1#slot-1")));
    }
    let draft = cookie.split_once('=').unwrap().1;
    let names: Vec<String> = list(&p, draft).await.iter().map(|f| f["file_name"].as_str().unwrap().into()).collect();
    assert_eq!(names, ["trang 1.pdf", "trang 2.png"], "each file once");
    assert_eq!(objects(&p.store).len(), 2);

    let after = page(&p.base, "/apply/1.001193/documents", &cookie).await.text();
    assert_ne!(form_key(&after, 1), key, "a new key once the slot's files changed");
    assert_eq!(form_key(&after, 6), form_key(&html, 6), "another document's form is unchanged");
    let next = forms::multipart(&[("key", &form_key(&after, 1))], &[("trang 1.pdf", PDF)]);
    assert_eq!(post_files(&p.base, 1, &cookie, &next, &[]).await.status, 303);
    assert_eq!(list(&p, draft).await.len(), 3, "the same file chosen again on a new page is kept");
    // A key that is not one the page writes is not an error: the files are simply not matched.
    let odd = forms::multipart(&[("key", "<b>x</b>")], &[("odd.pdf", PDF)]);
    assert_eq!(post_files(&p.base, 1, &cookie, &odd, &[]).await.status, 303);
    assert_eq!(list(&p, draft).await.len(), 4);
}
