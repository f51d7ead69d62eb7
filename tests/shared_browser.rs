//! A browser shared at a service centre, which nobody closes between residents: every page
//! offers to remove what this site keeps in it, and doing so removes it (and nothing on the
//! portal). Real server; the browser's side (Clear-Site-Data honoured, Back after it) is in
//! end2end/tests/kiosk.spec.ts.
#![cfg(feature = "ssr")]

mod common;

use common::raw;

const SAME_SITE: (&str, &[u8]) = ("sec-fetch-site", b"same-origin");
const FORM: (&str, &[u8]) = ("content-type", b"application/x-www-form-urlencoded");

#[tokio::test]
async fn every_page_offers_to_forget_this_browser_and_it_is_forgotten() {
    let (s, pool) = common::submission::start("shared-browser").await;
    // The footer's form on every page; on an application's pages it names the procedure, whose
    // draft cookie only those pages receive.
    let home = raw::get(&s.base, "/").await.text();
    assert!(home.contains(r#"<form method="post" action="/forget""#), "{home}");
    assert!(home.contains("Xóa dữ liệu của tôi trên máy này") && !home.contains(r#"name="code""#));
    let apply = raw::get(&s.base, "/apply/1.001193").await.text();
    assert!(apply.contains(r#"<input type="hidden" name="code" value="1.001193">"#), "{apply}");
    let english = raw::get(&s.base, "/?lang=en").await.text();
    // The receipt (no procedure in its path) names its procedure, whose draft cookie then goes
    // even where Clear-Site-Data is ignored (plain HTTP).
    let sent = common::submission::complete_draft(&common::submission::portal(&s), &pool).await;
    let (status, receipt) = common::submission::submit(&s.base, &sent.id).await;
    assert_eq!(status, 201, "{receipt}");
    let token =
        serde_json::from_str::<serde_json::Value>(&receipt).unwrap()["tracking_token"].as_str().unwrap().to_string();
    let page = raw::get(&s.base, &format!("/apply/receipt/{token}")).await.text();
    assert_eq!(page.matches(r#"action="/forget""#).count(), 1, "once, in the receipt's body: {page}");
    let named = format!(r#"<input type="hidden" name="code" value="{}">"#, common::submission::PROCEDURE);
    assert!(page.contains(&named), "{page}");
    assert!(english.contains("Remove my details from this device"), "{english}");

    let started = raw::request(&s.base, "POST", b"/apply/1.001193/start", &[SAME_SITE], b"").await;
    let draft = started.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
    let cookies = format!("{draft}; dvc_dossiers=x");
    let headers = [SAME_SITE, FORM, ("cookie", cookies.as_bytes())];
    let done = raw::request(&s.base, "POST", b"/forget", &headers, b"code=1.001193").await;
    assert_eq!((done.status, done.header("location")), (303, Some("/forgotten")));
    assert_eq!(done.header("clear-site-data"), Some(r#""cookies", "storage""#));
    let set = done.header_values("set-cookie");
    assert!(set.iter().any(|c| c.starts_with("dvc_dossiers=;") && c.contains("Max-Age=0")), "{set:?}");
    assert!(
        set.iter()
            .any(|c| c.starts_with("dvc_draft=;") && c.contains("Path=/apply/1.001193;") && c.contains("Max-Age=0")),
        "{set:?}"
    );
    let page = raw::get(&s.base, "/forgotten").await;
    let text = page.text();
    assert_eq!((page.status, page.header("cache-control")), (200, Some("no-store")));
    assert!(text.contains("Đã xóa dữ liệu của bạn trên máy này") && text.contains("mã tiếp tục"), "{text}");
    assert!(text.contains("đóng mọi cửa sổ trình duyệt"), "what only the browser can forget is said");
    assert!(!text.contains(r#"action="/forget""#), "done: not offered again");

    // Nothing on the portal went: the application still opens with the cookie it had.
    let id = draft.split_once('=').unwrap().1;
    assert_eq!(raw::get(&s.base, &format!("/portal/v1/drafts/{id}")).await.status, 200);
    // From another site: refused, nothing cleared.
    let cross = [("sec-fetch-site", b"cross-site" as &[u8]), FORM];
    let refused = raw::request(&s.base, "POST", b"/forget", &cross, b"").await;
    assert_eq!(refused.status, 403);
    assert!(refused.header("clear-site-data").is_none());
}

/// "Remove my details" on a page of no procedure (the home page, the search): the draft cookies
/// of every application begun in this browser go too, even over plain HTTP, where browsers
/// ignore Clear-Site-Data and a draft cookie never reaches `/forget` (its path is its
/// procedure's). Before, only the page's own procedure's went.
#[tokio::test]
async fn forgetting_anywhere_removes_the_draft_cookie_of_every_application_begun_here() {
    let s = common::start("shared-browser-all").await;
    let start = |code: &'static str, list: String| {
        let base = s.base.clone();
        async move {
            let path = format!("/apply/{code}/start");
            let cookie = [SAME_SITE, ("cookie", list.as_bytes())];
            let started = raw::request(&base, "POST", path.as_bytes(), &cookie, b"").await;
            let set = started.header_values("set-cookie");
            let list = set.iter().find(|c| c.starts_with("dvc_applying=")).unwrap_or_else(|| panic!("{set:?}"));
            assert!(list.contains("Path=/;") && list.contains("HttpOnly") && !list.contains("Max-Age"), "{list}");
            list.split(';').next().unwrap().to_string()
        }
    };
    let list = start("1.001193", String::new()).await;
    let list = start("1.004873", list).await;
    assert_eq!(list, "dvc_applying=1.001193|1.004873");

    let headers = [SAME_SITE, FORM, ("cookie", list.as_bytes())];
    let done = raw::request(&s.base, "POST", b"/forget", &headers, b"").await;
    assert_eq!(done.status, 303);
    let set = done.header_values("set-cookie");
    for path in ["/apply/1.001193;", "/apply/1.004873;"] {
        assert!(
            set.iter().any(|c| c.starts_with("dvc_draft=;")
                && c.contains(&format!("Path={path}"))
                && c.contains("Max-Age=0")),
            "{path}: {set:?}"
        );
    }
    assert!(set.iter().any(|c| c.starts_with("dvc_applying=;") && c.contains("Max-Age=0")), "{set:?}");
}

/// An application whose draft cookie was set before the list existed (or whose list was lost)
/// is put on the list at its next save, so "Remove my details" reaches it; a listed one is not
/// set again on every save.
#[tokio::test]
async fn an_application_missing_from_the_list_is_listed_at_its_next_save() {
    let s = common::start("shared-browser-unlisted").await;
    let draft = common::forms::started(&s.base).await;
    let save = |cookie: String| {
        let base = s.base.clone();
        async move { common::forms::post(&base, "/apply/1.001193/p/child", &cookie, "child_name=B%C3%A9+Na").await }
    };
    let unlisted = save(draft.clone()).await;
    assert_eq!(unlisted.status, 303);
    let set = unlisted.header_values("set-cookie");
    let list = set.iter().find(|c| c.starts_with("dvc_applying=")).unwrap_or_else(|| panic!("{set:?}"));
    assert!(list.starts_with("dvc_applying=1.001193;") && list.contains("HttpOnly"), "{list}");

    let listed = save(format!("{draft}; dvc_applying=1.004873|1.001193")).await;
    assert_eq!(listed.status, 303);
    assert!(!listed.header_values("set-cookie").iter().any(|c| c.starts_with("dvc_applying=")));

    // Another procedure listed before it stays on the list, this one last (the newest).
    let other = save(format!("{draft}; dvc_applying=1.004873")).await;
    let set = other.header_values("set-cookie");
    assert!(set.iter().any(|c| c.starts_with("dvc_applying=1.004873|1.001193;")), "{set:?}");
}
