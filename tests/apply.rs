//! The apply journey without JavaScript, as a browser does it: plain form posts, 303s, a session
//! cookie, pages rendered from the saved draft. Real server, real database.
#![cfg(feature = "ssr")]

mod common;

use common::forms::{cookie_of, get, post, started, SAME_SITE};
use common::raw;

#[tokio::test]
async fn a_page_saves_what_was_typed_shows_its_errors_and_moves_on_when_right() {
    let s = common::start("apply").await;
    let start = raw::get(&s.base, "/apply/1.001193").await;
    assert_eq!(start.status, 200);
    assert!(start.text().contains(r#"action="/apply/1.001193/start""#), "the start page posts to start");
    assert_eq!(start.header("cache-control"), Some("no-store"));

    let started = raw::request(&s.base, "POST", b"/apply/1.001193/start", &[SAME_SITE], b"").await;
    assert_eq!(started.status, 303);
    assert_eq!(started.header("location"), Some("/apply/1.001193/p/applicant"), "who applies comes first");
    let cookie = cookie_of(&started);

    let page = get(&s.base, "/apply/1.001193/p/child", &cookie).await;
    let html = page.text();
    assert_eq!(page.status, 200, "{html}");
    assert!(html.contains(r#"name="child_name""#) && html.contains(r#"name="child_birth_date-day""#), "{html}");
    assert!(!html.contains("error-summary"), "a page seen for the first time has no errors");
    assert_eq!(page.header("cache-control"), Some("no-store"));

    // Wrong and missing answers: back to the same page, which shows every error and keeps the typing.
    let typed = "child_name=Nguy%E1%BB%85n+%3Cb%3EAn%3C%2Fb%3E&child_birth_date-day=31&child_birth_date-month=2&child_birth_date-year=2025";
    let saved = post(&s.base, "/apply/1.001193/p/child", &cookie, typed).await;
    assert_eq!((saved.status, saved.header("location")), (303, Some("/apply/1.001193/p/child")));
    let html = get(&s.base, "/apply/1.001193/p/child", &cookie).await.text();
    assert!(html.contains("Có lỗi cần sửa") && html.contains("<title>Lỗi:"), "{html}");
    assert!(html.contains(r##"href="#child_birth_date""##), "the summary links to the date");
    assert!(
        html.contains(r#"value="Nguyễn &lt;b&gt;An&lt;/b&gt;""#) || html.contains("value=\"Nguyễn &lt;b>An&lt;/b>\""),
        "typed text kept, as text: {html}"
    );
    assert!(!html.contains("<b>An</b>"));
    assert!(html.contains(r#"value="31""#) && html.contains(r#"value="2025""#), "the date's boxes keep what was typed");

    // The next page is reached once this one is right.
    let ok = "child_name=Nguy%E1%BB%85n+An&child_sex=male&child_birth_date-day=3&child_birth_date-month=2&child_birth_date-year=2025\
              &child_birth_place_kind=other&child_birth_place.province=25&child_birth_place.street=Th%C3%B4n+1\
              &child_ethnicity=01&child_nationality=vn";
    let units = raw::get(&s.base, "/portal/v1/province").await;
    let unit: serde_json::Value = serde_json::from_slice(&units.body).unwrap();
    let commune = unit["units"][0]["code"].as_str().unwrap().to_string();
    let body = format!("{ok}&child_birth_place.commune={commune}");
    let moved = post(&s.base, "/apply/1.001193/p/child", &cookie, &body).await;
    let location = moved.header("location").unwrap_or_default().to_string();
    if location != "/apply/1.001193/p/mother" {
        let html = get(&s.base, "/apply/1.001193/p/child", &cookie).await.text();
        let summary =
            html.split("role=\"alert\"").nth(1).and_then(|s| s.split("</ul>").next()).unwrap_or(&html).to_string();
        panic!("did not move on ({location}): {summary}");
    }
    let back = get(&s.base, "/apply/1.001193/p/mother", &cookie).await.text();
    assert!(back.contains(r#"href="/apply/1.001193/p/child""#), "back goes to the page before");
}

#[tokio::test]
async fn another_site_cannot_start_or_write_an_application() {
    let s = common::start("apply-csrf").await;
    let cross = [("sec-fetch-site", b"cross-site" as &[u8])];
    let res = raw::request(&s.base, "POST", b"/apply/1.001193/start", &cross, b"").await;
    assert_eq!(res.status, 403);
    assert!(res.header("set-cookie").is_none());
    let html = res.text();
    assert!(html.contains("<h1>") && html.contains("phải được gửi từ chính trang Cổng Dịch vụ công"), "{html}");
    let evil = [("origin", b"https://evil.example" as &[u8])];
    assert_eq!(raw::request(&s.base, "POST", b"/apply/1.001193/start", &evil, b"").await.status, 403);
}

#[tokio::test]
async fn a_resume_code_opens_the_application_in_another_browser() {
    let s = common::start("apply-resume").await;
    let cookie = started(&s.base).await;
    post(&s.base, "/apply/1.001193/p/child", &cookie, "child_name=B%C3%A9+Na").await;
    let html = get(&s.base, "/apply/1.001193/p/child", &cookie).await.text();
    let code = html.split("font-mono text-xl tracking-wider\">").nth(1).unwrap().split('<').next().unwrap().to_string();

    // Another browser: no cookie, so no application; the code (typed sloppily) opens it.
    let none = raw::get(&s.base, "/apply/1.001193/p/child").await;
    assert_eq!(none.status, 404);
    assert!(none.text().contains("Không tìm thấy hồ sơ đang làm"));
    let typed = format!("code={}", code.to_lowercase().replace('-', "+"));
    let resumed = post(&s.base, "/apply/resume", "", &typed).await;
    assert_eq!((resumed.status, resumed.header("location")), (303, Some("/apply/1.001193/check")));
    let other = cookie_of(&resumed);
    let check = get(&s.base, "/apply/1.001193/check", &other).await.text();
    assert!(check.contains("Bé Na"), "the answers came along: {check}");
    assert!(check.contains("Còn các phần cần hoàn thành"), "what is left is listed");

    let wrong = post(&s.base, "/apply/resume", "", "code=0000-0000-0000-0000").await;
    assert_eq!(wrong.header("location"), Some("/apply/resume?error=1"));
    assert!(raw::get(&s.base, "/apply/resume?error=1").await.text().contains("Không có hồ sơ nào với mã này"));
}

#[tokio::test]
async fn an_expired_draft_leads_back_to_the_start_and_procedures_keep_their_own_draft() {
    let s = common::start("apply-lost").await;
    let gone = post(&s.base, "/apply/1.001193/p/child", "dvc_draft=abcdefghijabcdefghijabcdef", "child_name=A").await;
    assert_eq!((gone.status, gone.header("location")), (303, Some("/apply/1.001193")));
    let birth = raw::request(&s.base, "POST", b"/apply/1.001193/start", &[SAME_SITE], b"").await;
    let marriage = raw::request(&s.base, "POST", b"/apply/1.000894/start", &[SAME_SITE], b"").await;
    assert!(birth.header("set-cookie").unwrap().contains("Path=/apply/1.001193;"));
    assert!(marriage.header("set-cookie").unwrap().contains("Path=/apply/1.000894;"), "one cookie per procedure");
}

#[tokio::test]
async fn guessing_resume_codes_is_stopped_per_client_with_words_and_others_carry_on() {
    let dir = common::TempDir::new("apply-limits");
    let db = format!("sqlite://{}", dir.0.join("test.db").display());
    let s = common::start_configured(dir, db, None, |s| s.behind_proxy = true).await;
    let guess = |client: &'static str| {
        let base = s.base.clone();
        async move {
            let headers = [
                SAME_SITE,
                ("x-forwarded-for", client.as_bytes()),
                ("content-type", b"application/x-www-form-urlencoded".as_slice()),
            ];
            raw::request(&base, "POST", b"/apply/resume", &headers, b"code=0000-0000-0000-0000").await
        }
    };
    let mut statuses = Vec::new();
    for _ in 0..25 {
        statuses.push(guess("203.0.113.50").await.status);
    }
    assert!(statuses[..20].iter().all(|&st| st == 303), "a room of people with typos is let through: {statuses:?}");
    assert_eq!(statuses[24], 429, "{statuses:?}");
    let refused = guess("203.0.113.50").await;
    assert!(refused.header("retry-after").is_some_and(|s| s.parse::<u64>().unwrap() >= 1));
    assert!(refused.text().contains("Có quá nhiều lần thử"), "said in words: {}", refused.text());
    assert_eq!(guess("203.0.113.51").await.status, 303, "another client is not affected");

    // The portal's own resume operation is limited the same way, answering its JSON error.
    let api = |client: &'static str| {
        let base = s.base.clone();
        async move {
            let headers = [("x-forwarded-for", client.as_bytes()), ("content-type", b"application/json".as_slice())];
            raw::request(&base, "POST", b"/portal/v1/drafts/resume", &headers, br#"{"code":"0000"}"#).await
        }
    };
    let mut last = 0;
    for _ in 0..25 {
        last = api("198.51.100.60").await.status;
    }
    let refused = api("198.51.100.60").await;
    assert_eq!((last, refused.status), (429, 429));
    assert!(refused.text().contains(r#""code":"too_many_requests""#), "{}", refused.text());
}

#[tokio::test]
async fn the_application_at_a_glance_says_what_is_done_and_what_is_left() {
    let s = common::start("apply-tasks").await;
    let cookie = started(&s.base).await;
    let saved = post(&s.base, "/apply/1.001193/p/applicant", &cookie, "applicant_kind=self").await;
    assert_eq!(saved.header("location"), Some("/apply/1.001193/p/applicant_person"));
    post(&s.base, "/apply/1.001193/p/child", &cookie, "child_name=B%C3%A9+Na").await;

    let page = get(&s.base, "/apply/1.001193/tasks", &cookie).await;
    let html = page.text();
    assert_eq!(page.status, 200, "{html}");
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let task = |id: &str| {
        let at = html.find(&format!(r#"id="task-{id}-status""#)).unwrap_or_else(|| panic!("task {id}: {html}"));
        html[at..].split('<').next().unwrap().to_string()
    };
    assert!(task("applicant").ends_with("Đã xong"), "{}", task("applicant"));
    assert!(task("child").ends_with("Đang làm"), "answered with mistakes: {}", task("child"));
    assert!(task("applicant_person").ends_with("Chưa bắt đầu"));
    assert!(task("documents").ends_with("Chưa bắt đầu"));
    assert!(task("check").ends_with("Chưa thể bắt đầu"));
    assert!(!html.contains(r#"href="/apply/1.001193/check""#), "nothing to check and send yet");
    assert!(
        html.contains(r#"href="/apply/1.001193/documents""#) && html.contains(r#"href="/apply/1.001193/p/return""#)
    );
    // Every page of the application links here.
    let question = get(&s.base, "/apply/1.001193/p/child", &cookie).await.text();
    assert!(question.contains(r#"href="/apply/1.001193/tasks""#));
}

#[tokio::test]
async fn a_date_saved_through_the_api_as_one_value_fills_its_boxes_and_survives_continue() {
    let s = common::start("apply-date").await;
    // Another front end (or the portal's own tools) keeps a date as one `YYYY-MM-DD` value.
    let portal = dichvucong::portal::PortalClient::new(format!("{}/portal/v1", s.base));
    let draft = portal.create_draft("1.001193").await.unwrap();
    let typed = [("child_name", "Bé Na"), ("child_birth_date", "2025-02-03")];
    let section = typed.iter().map(|(k, v)| (k.to_string(), vec![v.to_string()])).collect();
    portal.save_section(&draft.id, "1.001193", "child", section).await.unwrap();
    let code = format!("code={}", draft.resume_code);
    let cookie = cookie_of(&post(&s.base, "/apply/resume", "", &code).await);

    let html = get(&s.base, "/apply/1.001193/p/child", &cookie).await.text();
    let boxed = |part: &str, value: &str| {
        html.split(&format!(r#"name="child_birth_date-{part}""#))
            .nth(1)
            .is_some_and(|rest| rest.split('>').next().unwrap_or_default().contains(&format!(r#"value="{value}""#)))
    };
    assert!(boxed("day", "03") && boxed("month", "02") && boxed("year", "2025"), "the boxes show the saved date");
    let check = get(&s.base, "/apply/1.001193/check", &cookie).await.text();
    assert!(check.contains("03/02/2025"), "check your answers shows it too");

    // "Continue" posts the boxes as shown: the date is still there afterwards.
    let body = "child_name=B%C3%A9+Na&child_birth_date-day=03&child_birth_date-month=02&child_birth_date-year=2025";
    post(&s.base, "/apply/1.001193/p/child", &cookie, body).await;
    let kept = portal.draft(&draft.id).await.unwrap();
    assert_eq!(kept.answers["child"]["child_birth_date"], vec!["2025-02-03".to_string()]);
}

/// Back from the first question to the start page, then Start again (or a second tab of the same
/// procedure): the application in progress carries on; only "start a new application", asked
/// for in so many words, begins another, and the first stays saved under its resume code.
#[tokio::test]
async fn starting_again_carries_on_the_application_in_progress() {
    let s = common::start("apply-again").await;
    let cookie = started(&s.base).await;
    let typed = "applicant_kind=self";
    assert_eq!(post(&s.base, "/apply/1.001193/p/applicant", &cookie, typed).await.status, 303);

    // The start page knows: carry on (the task list), or start a new one.
    let html = get(&s.base, "/apply/1.001193", &cookie).await.text();
    assert!(html.contains("Bạn đang làm dở một hồ sơ") && html.contains(r#"href="/apply/1.001193/tasks""#), "{html}");
    assert!(html.contains(r#"<input type="hidden" name="new" value="1">"#), "{html}");
    let resume_code = html.split("font-mono text-xl tracking-wider\">").nth(1).unwrap().split('<').next().unwrap();

    // Start pressed again: the same draft, at its task list; no new cookie.
    let again = post(&s.base, "/apply/1.001193/start", &cookie, "").await;
    assert_eq!((again.status, again.header("location")), (303, Some("/apply/1.001193/tasks")));
    assert!(again.header("set-cookie").is_none());
    let page = get(&s.base, "/apply/1.001193/p/applicant", &cookie).await.text();
    assert!(page.contains(r#"value="self" checked"#), "what was answered is still there: {page}");

    // A new application, asked for: a new draft; the first one still opens with its code.
    let fresh = post(&s.base, "/apply/1.001193/start", &cookie, "new=1").await;
    assert_eq!((fresh.status, fresh.header("location")), (303, Some("/apply/1.001193/p/applicant")));
    let second = cookie_of(&fresh);
    assert_ne!(second, cookie);
    // Copies kept in the browser (with JavaScript) are per draft: the forms say which, by a name
    // that gives nothing of the draft away.
    let scope = |html: String| html.split("data-draft=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let (first_scope, second_scope) = (
        scope(get(&s.base, "/apply/1.001193/p/applicant", &cookie).await.text()),
        scope(get(&s.base, "/apply/1.001193/p/applicant", &second).await.text()),
    );
    assert_ne!(first_scope, second_scope);
    assert!(first_scope.len() == 12 && first_scope.chars().all(|c| c.is_ascii_hexdigit()), "{first_scope}");
    assert!(!cookie.contains(&first_scope), "not a piece of the draft's id");
    let resumed = post(&s.base, "/apply/resume", "", &format!("code={resume_code}")).await;
    assert_eq!(resumed.status, 303);
    let first_again = cookie_of(&resumed);
    assert_eq!(first_again, cookie, "the resume code opens the first application");

    // Without a draft (or with one that is gone) Start begins one, as before.
    let gone = post(&s.base, "/apply/1.001193/start", "dvc_draft=nothing-here", "").await;
    assert_eq!((gone.status, gone.header("location")), (303, Some("/apply/1.001193/p/applicant")));
    assert_ne!(cookie_of(&gone), "dvc_draft=nothing-here");
}

/// The browser may fill in the applicant's own details and the delivery's (WCAG 1.3.5), and
/// nobody else's: a child's birthplace is not the applicant's street.
#[tokio::test]
async fn only_the_applicants_own_details_are_offered_to_autofill() {
    let s = common::start("apply-autofill").await;
    let cookie = started(&s.base).await;
    let own = get(&s.base, "/apply/1.001193/p/applicant_person", &cookie).await.text();
    for token in ["name", "bday-day", "bday-year", "tel", "email", "address-level1", "address-level2", "street-address"]
    {
        assert!(own.contains(&format!(r#"autocomplete="{token}""#)), "{token}: {own}");
    }
    let child = get(&s.base, "/apply/1.001193/p/child", &cookie).await.text();
    // Only the form's own "off" (Back on a shared browser must not refill the last person's
    // typing); none of the child's fields is offered anyone's details.
    assert_eq!(child.matches("autocomplete=").count(), 1, "{child}");
    assert!(child.contains(r#"novalidate="" autocomplete="off""#), "{child}");
    let delivery = get(&s.base, "/apply/1.001193/p/return", &cookie).await.text();
    for token in ["shipping name", "shipping tel", "shipping address-level2", "shipping street-address"] {
        assert!(delivery.contains(&format!(r#"autocomplete="{token}""#)), "{token}: {delivery}");
    }
    // The address's fieldset is what "Change" links land on, and it is described by its hint.
    assert!(
        delivery.contains(r#"<fieldset id="return_address" aria-describedby="return_address-hint" class="field">"#),
        "{delivery}"
    );
    assert!(delivery.contains(r#"<p id="return_address-hint" class="hint">"#), "{delivery}");
}

/// With the portal elsewhere (`PORTAL_API_URL`; `BEHIND_PROXY=true` there, since the front end
/// is its proxy), the front end's calls say whom they are made for: the portal counts each
/// citizen's resume codes as that citizen's. Before, it counted the whole front end as one
/// client, and every citizen shared one budget of 20 resume codes per 30 s.
#[tokio::test]
async fn a_portal_elsewhere_counts_each_citizens_resume_codes_as_theirs() {
    let portal_dir = common::TempDir::new("apply-portal-elsewhere");
    let db = format!("sqlite://{}", portal_dir.0.join("test.db").display());
    let portal = common::start_configured(portal_dir, db, None, |s| s.behind_proxy = true).await;
    let dir = common::TempDir::new("apply-front-end");
    let db = format!("sqlite://{}", dir.0.join("test.db").display());
    let front =
        common::start_configured(dir, db, Some(format!("{}/portal/v1", portal.base)), |s| s.behind_proxy = true).await;
    let resume = |base: String, path: &'static str, client: &'static str, body: &'static [u8], kind: &'static [u8]| async move {
        let headers = [SAME_SITE, ("x-forwarded-for", client.as_bytes()), ("content-type", kind)];
        raw::request(&base, "POST", path.as_bytes(), &headers, body).await.status
    };
    let form = b"application/x-www-form-urlencoded".as_slice();
    for _ in 0..20 {
        let status =
            resume(front.base.clone(), "/apply/resume", "203.0.113.80", b"code=0000-0000-0000-0000", form).await;
        assert_eq!(status, 303);
    }
    // The portal has counted those twenty as this citizen's: its own budget is spent …
    let json = b"application/json".as_slice();
    let asked = resume(portal.base.clone(), "/portal/v1/drafts/resume", "203.0.113.80", br#"{"code":"0000"}"#, json);
    assert_eq!(asked.await, 429);
    // … and only this citizen's.
    let other = resume(portal.base.clone(), "/portal/v1/drafts/resume", "203.0.113.81", br#"{"code":"0000"}"#, json);
    assert_eq!(other.await, 404);
}
