//! The citizen's tracking pages on a real server and SQLite: finding a dossier by its code and
//! phone or citizen ID (one answer for a wrong code and a wrong second factor), the limits on
//! lookups, forgiving codes, the status page in each state with its one next action and the
//! timeline, overdue and apology, and the list of dossiers on this device.
#![cfg(feature = "ssr")]

mod common;

use common::workflow::{act, dossier, OFFICER};
use common::{client, start_configured, Server, TempDir};
use serde_json::{json, Value};
use sqlx::{AnyPool, Row};

/// The product with an officer token, behind a proxy: a request with `X-Forwarded-For` is
/// limited as that client, one without is not limited (as the tests' own requests).
async fn start(name: &str) -> (Server, AnyPool) {
    let dir = TempDir::new(name);
    let url = format!("sqlite://{}", dir.0.join("test.db").display());
    let tokens = format!("lan:process:{OFFICER}");
    let server = start_configured(dir, url.clone(), None, move |s| {
        s.officers = tokens.parse().unwrap();
        s.behind_proxy = true;
    })
    .await;
    let pool = dichvucong::server::portal::store::migrated_pool(&url).await.unwrap();
    (server, pool)
}

/// A form posted like a browser without JavaScript: status, `Location`, `Set-Cookie`.
async fn post_form(
    s: &Server,
    path: &str,
    form: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> (u16, String, Option<String>, reqwest::header::HeaderMap) {
    let mut req = client().post(format!("{}{path}", s.base)).form(form);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let res = req.send().await.unwrap();
    let header = |name: &str| res.headers().get(name).map(|v| v.to_str().unwrap().to_string());
    let (location, cookie) = (header("location").unwrap_or_default(), header("set-cookie"));
    (res.status().as_u16(), location, cookie, res.headers().clone())
}

async fn lookup(s: &Server, code: &str, factor: &str) -> (u16, String, Option<String>) {
    let (status, location, cookie, _) = post_form(s, "/track", &[("code", code), ("second_factor", factor)], &[]).await;
    (status, location, cookie)
}

/// A page with an optional cookie header: status and body.
async fn page(s: &Server, path: &str, cookie: Option<&str>) -> (u16, String) {
    let mut req = client().get(format!("{}{path}", s.base));
    if let Some(cookie) = cookie {
        req = req.header("cookie", cookie);
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.headers().get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"), "{path}");
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn citizen_id(pool: &AnyPool, code: &str) -> String {
    let row = sqlx::query("SELECT citizen_id FROM dossiers WHERE code = $1").bind(code).fetch_one(pool).await.unwrap();
    row.try_get("citizen_id").unwrap()
}

async fn api_lookup(s: &Server, code: &str, factor: &str) -> (u16, String) {
    let res = client()
        .post(format!("{}/portal/v1/dossiers/lookup", s.base))
        .json(&json!({"code": code, "second_factor": factor}))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// `html` with each response's CSP nonce blanked.
fn without_nonces(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("nonce=\"") {
        out.push_str(&rest[..at + 7]);
        rest = &rest[at + 7..];
        rest = &rest[rest.find('"').unwrap()..];
    }
    out.push_str(rest);
    out
}

/// The cookie's `name=value`, without its attributes.
fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn the_phone_or_the_citizen_id_opens_the_status_page_however_the_code_is_typed() {
    let (s, pool) = start("track-lookup").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let code = receipt.dossier_code.as_str();
    let id = citizen_id(&pool, code).await;
    assert_eq!(id.len(), 12);
    let (agency, rest) = code.split_at(13);
    let (date, number) = rest[1..].split_once('-').unwrap();
    let spaced = format!("{} {date} {number}", agency.to_lowercase());
    let no_dash = format!("{}-{date}{number}", agency.to_lowercase());
    let spaced_id = format!("{} {} {}", &id[..3], &id[3..6], &id[6..]);
    for (typed, factor) in [
        (code, "0912345678"),
        (code, "+84 912.345.678"),
        (&spaced, &id),
        (&no_dash, &spaced_id),
        (code, "0912 345 678"),
    ] {
        let (status, location, cookie) = lookup(&s, typed, factor).await;
        assert_eq!(status, 303, "{typed} / {factor}");
        let token = location.strip_prefix("/track/").unwrap_or_else(|| panic!("{location}"));
        assert!(dichvucong::portal::dossier::Receipt::is_token_shaped(token), "{location}");
        assert!(cookie.unwrap().starts_with("dvc_dossiers="), "the dossier joins this device's list");
        let (status, body) = page(&s, &location, None).await;
        assert_eq!(status, 200);
        assert!(body.contains(code) && body.contains("Mới đăng ký"), "{body}");
    }
    // The API: a token for the right pair.
    let (status, body) = api_lookup(&s, &spaced, "0912345678").await;
    assert_eq!(status, 200, "{body}");
    let token = serde_json::from_str::<Value>(&body).unwrap()["token"].as_str().unwrap().to_string();
    assert_eq!(page(&s, &format!("/track/{token}"), None).await.0, 200);
}

#[tokio::test]
async fn a_wrong_code_and_a_wrong_second_factor_get_the_same_answer() {
    let (s, pool) = start("track-wrong").await;
    let code = dossier(&s, &pool, "vi", false).await.dossier_code;
    // Another day's number: a code of the right shape that names no dossier.
    let unknown = format!("{}-9999", &code[..code.len() - 5]);
    let (a_status, a_location, a_cookie) = lookup(&s, &code, "0999999999").await;
    let (b_status, b_location, b_cookie) = lookup(&s, &unknown, "0912345678").await;
    assert_eq!((a_status, b_status), (303, 303));
    assert_eq!((a_cookie, b_cookie), (None, None), "nothing joins the list");
    assert_eq!(a_location.replace(&code, "CODE"), b_location.replace(&unknown, "CODE"));
    assert!(a_location.starts_with("/track?error=1&code="), "{a_location}");
    assert!(!a_location.contains("0999999999"), "the second factor is never kept");
    let (_, a_page) = page(&s, &a_location, None).await;
    let (_, b_page) = page(&s, &b_location, None).await;
    assert_eq!(
        without_nonces(&a_page.replace(&code, "CODE")),
        without_nonces(&b_page.replace(&unknown, "CODE")),
        "byte-identical but for the code typed (and each response's own script nonce)"
    );
    assert!(a_page.contains("Không tìm thấy hồ sơ") && a_page.contains(&format!("value=\"{code}\"")), "{a_page}");
    assert!(!a_page.contains("0999999999"));
    // A malformed code, an empty factor and the right factor of nothing: the same too.
    let (_, c_location, _) = lookup(&s, "not a code", "").await;
    assert!(c_location.starts_with("/track?error=1&code=not"), "{c_location}");
    // The API: one 404, byte for byte.
    let (a, a_body) = api_lookup(&s, &code, "0999999999").await;
    let (b, b_body) = api_lookup(&s, &unknown, "0912345678").await;
    let (c, c_body) = api_lookup(&s, &code, &"1".repeat(12)).await;
    assert_eq!((a, b, c), (404, 404, 404));
    assert_eq!(a_body, b_body);
    assert_eq!(a_body, c_body);
    // Another site's form is refused.
    let (status, ..) = post_form(
        &s,
        "/track",
        &[("code", &code), ("second_factor", "0912345678")],
        &[("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn lookups_are_limited_per_code_and_per_client() {
    let (s, pool) = start("track-limits").await;
    let code = dossier(&s, &pool, "vi", false).await.dossier_code;
    // Per code, whoever asks: ten wrong tries, then the right one waits too.
    for n in 0..10 {
        assert_eq!(api_lookup(&s, &code, &format!("09000000{n:02}")).await.0, 404);
    }
    let res = client()
        .post(format!("{}/portal/v1/dossiers/lookup", s.base))
        .json(&json!({"code": code.to_lowercase(), "second_factor": "0912345678"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    let (status, _, _, headers) =
        post_form(&s, "/track", &[("code", &code), ("second_factor", "0912345678")], &[]).await;
    assert_eq!(status, 429, "the page says it too");
    assert!(headers.contains_key("retry-after"));
    // In words of its own: this code was tried too often (by anyone), not "from your connection".
    for (lang, words) in [
        ("vi", "Mã hồ sơ này đã được tra cứu quá nhiều lần"),
        ("en", "This dossier code has been tried too many times"),
    ] {
        let form = [("code", code.as_str()), ("second_factor", "0912345678")];
        let res = client().post(format!("{}/track?lang={lang}", s.base)).form(&form).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 429);
        let body = res.text().await.unwrap();
        assert!(body.contains(&format!("<h1>{words}</h1>")), "{body}");
        assert!(body.contains("1 phút") || body.contains("1 minute"), "when to try again: {body}");
        assert!(!body.contains("kết nối của bạn") && !body.contains("your connection"), "{body}");
    }
    // Per client, whatever the code: a room's worth, then a plain page with Retry-After.
    let mut statuses = Vec::new();
    for n in 2..=24 {
        let other = format!("{}-{n:04}", &code[..code.len() - 5]);
        let form = [("code", other.as_str()), ("second_factor", "0912345678")];
        let (status, _, _, headers) = post_form(&s, "/track", &form, &[("x-forwarded-for", "203.0.113.7")]).await;
        if status == 429 {
            assert!(headers.contains_key("retry-after"));
            let res = client()
                .post(format!("{}/track", s.base))
                .header("x-forwarded-for", "203.0.113.7")
                .form(&form)
                .send()
                .await
                .unwrap();
            let body = res.text().await.unwrap();
            assert!(body.contains("kết nối của bạn"), "this client's limit says so: {body}");
        }
        statuses.push(status);
    }
    let admitted = statuses.iter().take_while(|s| **s == 303).count();
    assert_eq!(admitted, 20, "{statuses:?}");
    assert!(statuses[admitted..].iter().all(|s| *s == 429), "{statuses:?}");
}

/// The status page of `token`.
async fn status_page(s: &Server, token: &str) -> String {
    let (status, body) = page(s, &format!("/track/{token}"), None).await;
    assert_eq!(status, 200);
    body
}

async fn step(s: &Server, code: &str, body: Value) {
    let (status, after) = act(s, Some(OFFICER), code, body.clone()).await;
    assert_eq!(status, 200, "{body} → {after}");
}

#[tokio::test]
async fn the_status_page_shows_the_one_next_action_of_each_state() {
    let (s, pool) = start("track-states").await;
    let receipt = dossier(&s, &pool, "vi", true).await;
    let (code, token) = (receipt.dossier_code.as_str(), receipt.tracking_token.as_str());
    let link = |page: &str| format!("href=\"/track/{token}/{page}\"");

    let fresh = status_page(&s, token).await;
    assert!(fresh.contains("Bạn chưa cần làm gì") && fresh.contains(&link("withdraw")), "{fresh}");
    assert!(fresh.contains(&link("return")), "the return may still change");
    assert!(!fresh.contains("Quá hạn"));

    step(&s, code, json!({"action": "accept"})).await;
    step(&s, code, json!({"action": "start_processing"})).await;
    let reason = "Ảnh căn cước bị mờ";
    step(&s, code, json!({"action": "request_supplement", "reason": reason, "documents": ["Căn cước công dân"]})).await;
    let five = status_page(&s, token).await;
    assert!(five.contains("Bạn cần bổ sung giấy tờ") && five.contains(reason) && five.contains("Căn cước công dân"));
    assert!(five.contains("Hạn bổ sung:") && five.contains(&link("supplement")) && five.contains(&link("withdraw")));

    let wf = common::workflow::workflow(&pool);
    use dichvucong::server::portal::workflow::{store, Actor};
    store::advance(&wf, code, &dichvucong::portal::workflow::Transition::Supplied, &Actor::Citizen).await.unwrap();
    step(&s, code, json!({"action": "require_payment", "amount_vnd": 50000, "purpose": "Lệ phí cấp bản sao"})).await;
    let six = status_page(&s, token).await;
    assert!(six.contains("Bạn cần nộp phí, lệ phí") && six.contains("50.000 đ") && six.contains("Lệ phí cấp bản sao"));
    assert!(six.contains("Chuyển khoản") && six.contains("VNPost"), "how to pay");

    step(&s, code, json!({"action": "record_payment"})).await;
    step(&s, code, json!({"action": "complete", "result_documents": ["Bản sao trích lục"]})).await;
    let nine = status_page(&s, token).await;
    assert!(nine.contains("Kết quả sẽ được gửi qua bưu điện") && nine.contains("Số hiệu bưu gửi sẽ hiện"), "{nine}");
    assert!(nine.contains(&link("return")) && !nine.contains(&link("withdraw")));
    step(&s, code, json!({"action": "hand_to_post", "tracking_number": "EB123456789VN"})).await;
    let posted = status_page(&s, token).await;
    assert!(posted.contains("EB123456789VN") && !posted.contains(&link("return")), "sent: no more changing");

    step(&s, code, json!({"action": "mark_delivered"})).await;
    let ten = status_page(&s, token).await;
    assert!(ten.contains(&link("rate")) && ten.contains("Đã trả kết quả"), "{ten}");
    // The timeline: every event, newest first, with the office and the status in words.
    let at = |text: &str| ten.find(text).unwrap_or_else(|| panic!("{text} not in the page"));
    assert!(at("Bưu điện đã giao kết quả") < at("Kết quả đã giao cho bưu điện"));
    assert!(at("Kết quả đã giao cho bưu điện") < at("Yêu cầu bổ sung giấy tờ"));
    assert!(at("Yêu cầu bổ sung giấy tờ") < at("Hồ sơ đã được gửi"));
    assert!(ten.contains(reason), "the notes show");
    // The office is named once, in the summary, not on each of the eleven events.
    let (_, now) = common::workflow::get(&s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    let office = now["events"][0]["office"]["vi"].as_str().unwrap();
    assert!(ten.contains("Cơ quan giải quyết") && ten.matches(office).count() == 1, "{office}: {ten}");
    // The code wraps after the agency only: the day and its number stay together.
    let (agency, rest) = code.split_once('-').unwrap();
    assert!(ten.contains(&format!("{agency}-</span><span class=\"whitespace-nowrap\">{rest}<")), "{ten}");

    // Stopped: the reason in the panel, where the person looks.
    let stopped = dossier(&s, &pool, "vi", false).await;
    let why = "Không bổ sung giấy tờ đúng hạn";
    for body in [json!({"action": "accept"}), json!({"action": "start_processing"})] {
        step(&s, &stopped.dossier_code, body).await;
    }
    step(&s, &stopped.dossier_code, json!({"action": "stop_processing", "reason": why})).await;
    let eight = status_page(&s, &stopped.tracking_token).await;
    let panel = eight.split("id=\"next-step-title\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(panel.contains("Cơ quan đã dừng xử lý hồ sơ.") && panel.contains(&format!("Lý do: {why}")), "{panel}");
    assert!(!panel.contains("<p class=\"mt-4 flex"), "no empty row of links");
    assert!(!eight.contains("Ngày hẹn trả kết quả"), "no result is coming: no due date");

    // At the counter: where and when to collect.
    let counter = dossier(&s, &pool, "en", false).await;
    for body in [
        json!({"action": "accept"}),
        json!({"action": "start_processing"}),
        json!({"action": "complete", "result_documents": ["x"]}),
    ] {
        step(&s, &counter.dossier_code, body).await;
    }
    let (_, collect) = page(&s, &format!("/track/{}?lang=en", counter.tracking_token), None).await;
    let reference = dichvucong::server::config::reference_counter();
    assert!(collect.contains("Your result is ready to collect"), "{collect}");
    assert!(collect.contains(&reference.address) && collect.contains(&reference.hours.en));
    assert!(collect.contains("Receive it by post instead"));
}

#[tokio::test]
async fn an_overdue_dossier_and_an_apology_show() {
    let (s, pool) = start("track-overdue").await;
    let late = dossier(&s, &pool, "vi", false).await;
    // The due date in the past (a test-only shortcut: moved in the test's database).
    sqlx::query("UPDATE dossiers SET new_due_date = '2020-01-06T17:00:00+07:00' WHERE code = $1")
        .bind(&late.dossier_code)
        .execute(&pool)
        .await
        .unwrap();
    let page_late = status_page(&s, &late.tracking_token).await;
    assert!(page_late.contains("tag-overdue") && page_late.contains("Quá hạn"), "{page_late}");
    assert!(page_late.contains("06/01/2020"));
    // What late means, and who to ask.
    assert!(page_late.contains("Hồ sơ đã quá hạn giải quyết"), "{page_late}");
    assert!(page_late.contains("phải gửi văn bản xin lỗi") && page_late.contains("1800 1096"), "{page_late}");

    let sorry = dossier(&s, &pool, "en", false).await;
    let later = time::OffsetDateTime::now_utc().date() + time::Duration::days(120);
    let new_date = format!("{:04}-{:02}-{:02}", later.year(), u8::from(later.month()), later.day());
    step(
        &s,
        &sorry.dossier_code,
        json!({"action": "apologise", "new_due_date": new_date, "note": "Cần xác minh thêm"}),
    )
    .await;
    let (_, apology) = page(&s, &format!("/track/{}?lang=en", sorry.tracking_token), None).await;
    let shown = format!("{:02}/{:02}/{:04}", later.day(), u8::from(later.month()), later.year());
    assert!(apology.contains("The office apologises for the delay") && apology.contains(&shown), "{apology}");
    assert!(apology.contains("Cần xác minh thêm") && apology.contains("first given as"));
    assert!(!apology.contains("tag-overdue") && !apology.contains("track-late"));
}

#[tokio::test]
async fn the_dossiers_of_this_device_are_listed_and_cleared() {
    let (s, pool) = start("track-device").await;
    let first = dossier(&s, &pool, "vi", false).await;
    let second = dossier(&s, &pool, "vi", false).await;
    // Nothing yet: no list.
    let (_, empty) = page(&s, "/track", None).await;
    assert!(!empty.contains("Hồ sơ trên thiết bị này"));
    // The receipt page puts the first dossier on the list.
    let res = client().get(format!("{}/apply/receipt/{}", s.base, first.tracking_token)).send().await.unwrap();
    let set = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"), "{set}");
    let cookie = cookie_pair(&set);
    // A lookup of the second adds it, first.
    let (status, _, set, _) = post_form(
        &s,
        "/track",
        &[("code", &second.dossier_code), ("second_factor", "0912345678")],
        &[("cookie", &cookie)],
    )
    .await;
    assert_eq!(status, 303);
    let cookie = cookie_pair(&set.unwrap());
    let (_, listed) = page(&s, "/track", Some(&cookie)).await;
    assert!(listed.contains("Hồ sơ trên thiết bị này") && listed.contains("Mới đăng ký"), "{listed}");
    let (a, b) = (listed.find(&second.dossier_code).unwrap(), listed.find(&first.dossier_code).unwrap());
    assert!(a < b, "newest first");
    // Nothing personal in the cookie: no phone, no name.
    assert!(!cookie.contains("0912345678"));
    // A forged list shows nothing.
    let forged = format!("{}x", cookie);
    assert!(!page(&s, "/track", Some(&forged)).await.1.contains(&first.dossier_code));
    // Clearing it: the cookie goes, and the page says so.
    let (status, location, set, _) = post_form(&s, "/track/forget", &[], &[("cookie", &cookie)]).await;
    assert_eq!((status, location.as_str()), (303, "/track?cleared=1"));
    assert!(set.unwrap().contains("Max-Age=0"));
    let (_, cleared) = page(&s, "/track?cleared=1", None).await;
    assert!(cleared.contains("Đã xóa danh sách") && !cleared.contains(&first.dossier_code));
}

/// Citizens search for "tra cứu hồ sơ": the lookup form itself is a page to find, with a
/// description; what a lookup leads to (an error, the cleared list, a status page) is not.
#[tokio::test]
async fn the_lookup_form_is_indexable_and_its_outcomes_are_not() {
    let (s, _pool) = start("track-index").await;
    let (status, html) = page(&s, "/track", None).await;
    assert_eq!(status, 200);
    assert!(!html.contains("noindex"), "the plain lookup form is indexable");
    assert!(html.contains(r#"<meta name="description" content="Tra cứu"#), "it has a description");
    for path in ["/track?error=1", "/track?cleared=1"] {
        let (_, html) = page(&s, path, None).await;
        assert!(html.contains(r#"<meta name="robots" content="noindex""#), "{path}");
    }
}
