//! Two tabs of one browser, each with its own application for the same procedure: the second
//! began a new one, so the cookie names it. What the first tab's pages send (answers, files, a
//! file removed, "Send") still goes to the first tab's application, by the marks its forms
//! carry, never into the other; and the browser stays on the new one. Real server and database.
#![cfg(feature = "ssr")]

mod common;

use common::attachments::{EXE, PDF};
use common::forms::{cookie_of, get, multipart, post, post_files, started, SAME_SITE};
use common::raw;
use serde_json::{json, Value};

/// The value of the page's hidden input `name`.
fn hidden(page: &str, name: &str) -> String {
    let after = page.split(&format!(r#"name="{name}" value=""#)).nth(1).unwrap_or_else(|| panic!("{name}: {page}"));
    after.split('"').next().unwrap().to_string()
}

async fn draft(base: &str, cookie: &str) -> Value {
    let id = cookie.split_once('=').unwrap().1;
    serde_json::from_slice(&raw::get(base, &format!("/portal/v1/drafts/{id}")).await.body).unwrap()
}

async fn files(base: &str, cookie: &str) -> Vec<String> {
    let id = cookie.split_once('=').unwrap().1;
    let listed: Value =
        serde_json::from_slice(&raw::get(base, &format!("/portal/v1/drafts/{id}/documents")).await.body).unwrap();
    listed["files"].as_array().unwrap().iter().map(|f| f["file_name"].as_str().unwrap().to_string()).collect()
}

/// Two tabs: the first shows a page of its application when the second begins a new one for the
/// same procedure (the cookie now names the new one). The first tab's page is still saved into
/// its own application, never into the new one, and the browser stays on the new one (its other
/// pages and forms follow the cookie); its "Send" sends nothing. The resume page says so.
#[tokio::test]
async fn a_page_of_an_earlier_application_is_saved_into_it_not_into_the_one_begun_since() {
    let s = common::start("apply-two-tabs").await;
    let first = started(&s.base).await;
    let page = get(&s.base, "/apply/1.001193/p/applicant", &first).await.text();
    let marks = format!("_draft={}&_resume={}", hidden(&page, "_draft"), hidden(&page, "_resume"));
    let second = cookie_of(&post(&s.base, "/apply/1.001193/start", &first, "new=1").await);
    assert_ne!(second, first);

    let saved = post(&s.base, "/apply/1.001193/p/applicant", &second, &format!("{marks}&applicant_kind=self")).await;
    assert_eq!((saved.status, saved.header("location")), (303, Some("/apply/resume?saved=1")));
    assert!(saved.header("set-cookie").is_none(), "the browser stays on the application begun since");
    assert_eq!(draft(&s.base, &first).await["answers"]["applicant"]["applicant_kind"], json!(["self"]));
    assert_eq!(draft(&s.base, &second).await["answers"], json!({}), "nothing went into the new one");
    let said = get(&s.base, "/apply/resume?saved=1", &second).await.text();
    assert!(said.contains("đã được lưu vào hồ sơ của trang đó"), "{said}");

    // "Send" on the first's "check your answers": nothing is sent, and the page says so.
    let sent = post(&s.base, "/apply/1.001193/submit", &second, &marks).await;
    assert_eq!((sent.status, sent.header("location")), (303, Some("/apply/resume?unsent=1")));
    assert!(
        draft(&s.base, &first).await["dossier_code"].is_null()
            && draft(&s.base, &second).await["dossier_code"].is_null()
    );
    // A browser that holds no application (it was told to forget): the same, not reopened.
    let forgotten = post(&s.base, "/apply/1.001193/p/applicant", "", &format!("{marks}&applicant_kind=self")).await;
    assert_eq!((forgotten.status, forgotten.header("location")), (303, Some("/apply/resume?saved=1")));
    assert!(forgotten.header("set-cookie").is_none());

    // Marks of no application: the start page, nothing saved anywhere.
    let forged = "_draft=000000000000&_resume=ABCD-EFGH-JKMN-PQRS&applicant_kind=business";
    let refused = post(&s.base, "/apply/1.001193/p/applicant", &second, forged).await;
    assert_eq!((refused.status, refused.header("location")), (303, Some("/apply/1.001193")));
    assert_eq!(draft(&s.base, &second).await["answers"], json!({}));
    // A form without marks (an older page): the cookie's application, as before.
    let plain = post(&s.base, "/apply/1.001193/p/applicant", &second, "applicant_kind=self").await;
    assert_eq!(plain.status, 303);
    // The draft cookie stays as it is (only the list of applications may be set: this test's
    // browser has none).
    assert!(!plain.header_values("set-cookie").iter().any(|c| c.starts_with("dvc_draft=")));
    assert_eq!(draft(&s.base, &second).await["answers"]["applicant"]["applicant_kind"], json!(["self"]));
}

/// The same for the first tab's documents page: a file chosen there (without JavaScript, or by
/// the upload island asking for JSON) is kept in its application, and so is a Remove. Before,
/// both went to the application the cookie names.
#[tokio::test]
async fn files_chosen_on_a_page_of_an_earlier_application_are_kept_in_it() {
    let s = common::start("two-tabs-files").await;
    let first = started(&s.base).await;
    let page = get(&s.base, "/apply/1.001193/documents", &first).await.text();
    let (scope, resume) = (hidden(&page, "_draft"), hidden(&page, "_resume"));
    let marks = [("_draft", scope.as_str()), ("_resume", resume.as_str())];
    let second = cookie_of(&post(&s.base, "/apply/1.001193/start", &first, "new=1").await);

    let sent = post_files(&s.base, 0, &second, &multipart(&marks, &[("trang 1.pdf", PDF)]), &[]).await;
    assert_eq!((sent.status, sent.header("location")), (303, Some("/apply/resume?saved=1")));
    assert!(sent.header("set-cookie").is_none(), "the browser stays on the application begun since");
    let json = [("accept", b"application/json".as_slice())];
    let island = post_files(&s.base, 0, &second, &multipart(&marks, &[("trang 2.pdf", PDF)]), &json).await;
    let answer: Value = serde_json::from_slice(&island.body).unwrap();
    assert_eq!((island.status, &answer["then"]), (200, &json!("/apply/resume?saved=1")), "{answer}");
    assert_eq!(files(&s.base, &first).await, ["trang 1.pdf", "trang 2.pdf"]);
    assert!(files(&s.base, &second).await.is_empty(), "nothing went into the new one");
    // A file refused there is not said to be kept.
    let refused = post_files(&s.base, 0, &second, &multipart(&marks, &[("virus.pdf", EXE)]), &[]).await;
    assert_eq!((refused.status, refused.header("location")), (303, Some("/apply/resume?unkept=1")));
    let said = get(&s.base, "/apply/resume?unkept=1", &second).await.text();
    assert!(said.contains("Không phải tất cả các tệp bạn chọn đều được lưu"), "{said}");

    // Remove on the first tab's page: from its application.
    let listed: Value =
        serde_json::from_slice(&raw::get(&s.base, &format!("/portal/v1/drafts/{}/documents", &first[10..])).await.body)
            .unwrap();
    let file = listed["files"][0]["id"].as_str().unwrap();
    let body = format!("_draft={scope}&_resume={resume}&file={file}&slot=0");
    let removed = post(&s.base, "/apply/1.001193/documents/remove", &second, &body).await;
    assert_eq!((removed.status, removed.header("location")), (303, Some("/apply/resume?saved=1")));
    assert_eq!(files(&s.base, &first).await, ["trang 2.pdf"]);

    // Marks of no application: the start page, nothing kept anywhere.
    let forged = [("_draft", "000000000000"), ("_resume", "ABCD-EFGH-JKMN-PQRS")];
    let refused = post_files(&s.base, 0, &second, &multipart(&forged, &[("x.pdf", PDF)]), &[]).await;
    assert_eq!((refused.status, refused.header("location")), (303, Some("/apply/1.001193")));
    // … which the upload island, asking for JSON, is told as where to go.
    let island = post_files(&s.base, 0, &second, &multipart(&forged, &[("x.pdf", PDF)]), &json).await;
    let answer: Value = serde_json::from_slice(&island.body).unwrap();
    assert_eq!((island.status, answer), (200, json!({"files": [], "then": "/apply/1.001193"})));
    // A form without marks (an older page): the cookie's application, as before.
    let plain = post_files(&s.base, 0, &second, &multipart(&[], &[("y.pdf", PDF)]), &[]).await;
    assert_eq!((plain.status, plain.header("location")), (303, Some("/apply/1.001193/documents?slot=0#slot-0")));
    assert_eq!(files(&s.base, &second).await, ["y.pdf"]);
    assert_eq!(files(&s.base, &first).await, ["trang 2.pdf"]);
}

/// Marks that are not the cookie's application are each a look-up of a resume code: forged ones
/// from one client are stopped as typed resume codes are (429, said in words), and forms of its
/// own application, and other clients, carry on.
#[tokio::test]
async fn forged_marks_are_limited_per_client_like_typed_resume_codes() {
    let dir = common::TempDir::new("two-tabs-limits");
    let db = format!("sqlite://{}", dir.0.join("test.db").display());
    let s = common::start_configured(dir, db, None, |s| s.behind_proxy = true).await;
    let cookie = started(&s.base).await;
    let send = |client: &'static str, body: &'static str| {
        let (base, cookie) = (s.base.clone(), cookie.clone());
        async move {
            let headers = [
                SAME_SITE,
                ("x-forwarded-for", client.as_bytes()),
                ("cookie", cookie.as_bytes()),
                ("content-type", b"application/x-www-form-urlencoded".as_slice()),
            ];
            raw::request(&base, "POST", b"/apply/1.001193/p/applicant", &headers, body.as_bytes()).await
        }
    };
    let forged = "_draft=000000000000&_resume=ABCD-EFGH-JKMN-PQRS&applicant_kind=self";
    let mut statuses = Vec::new();
    for _ in 0..25 {
        statuses.push(send("203.0.113.70", forged).await.status);
    }
    assert!(statuses[..20].iter().all(|&st| st == 303), "{statuses:?}");
    let refused = send("203.0.113.70", forged).await;
    assert_eq!(refused.status, 429, "{statuses:?}");
    assert!(refused.header("retry-after").is_some() && refused.text().contains("Có quá nhiều lần thử"));
    assert_eq!(send("203.0.113.70", "applicant_kind=self").await.status, 303, "its own application's forms go on");
    assert_eq!(send("203.0.113.71", forged).await.status, 303, "another client is not affected");
}
