//! The satisfaction rating through the token API on a real server and SQLite: only after
//! completion, once per dossier (a second one is a 409 and the first stays), the time score from
//! the dates, answers out of range refused.
#![cfg(feature = "ssr")]

mod common;

use common::client;
use common::workflow::{act, dossier, start, OFFICER};
use common::Server;
use serde_json::{json, Value};

async fn rate(s: &Server, token: &str, body: Value) -> (u16, Value) {
    let url = format!("{}/portal/v1/dossiers/by-token/{token}/rating", s.base);
    let res = client().post(url).json(&body).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

async fn view(s: &Server, token: &str) -> (u16, Value) {
    let res = client().get(format!("{}/portal/v1/dossiers/by-token/{token}/rating", s.base)).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

fn answers() -> Value {
    json!({"contacts": 2, "offices": 1, "attitude": 2, "ease": "very_satisfied", "overall": "satisfied",
           "comment": "Nhanh,\r\n  chu đáo \u{202e}"})
}

#[tokio::test]
async fn a_dossier_is_rated_once_after_completion() {
    let (s, pool) = start("rating").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let token = receipt.tracking_token.as_str();
    let (status, before) = view(&s, token).await;
    assert_eq!((status, before["open"].as_bool(), &before["time"]), (200, Some(false), &Value::Null));
    let (status, early) = rate(&s, token, answers()).await;
    assert_eq!((status, early["code"].as_str()), (409, Some("not_complete")));

    for body in [
        json!({"action": "accept"}),
        json!({"action": "start_processing"}),
        json!({"action": "complete", "result_documents": ["Giấy xác nhận"]}),
    ] {
        assert_eq!(act(&s, Some(OFFICER), &receipt.dossier_code, body).await.0, 200);
    }
    // Wrong answers: a missing one or an unknown choice (400), a score out of range (422).
    assert_eq!(rate(&s, token, json!({"contacts": 2})).await.0, 400);
    let mut bad = answers();
    bad["ease"] = json!("ecstatic");
    assert_eq!(rate(&s, token, bad).await.0, 400);
    let mut bad = answers();
    bad["attitude"] = json!(3);
    assert_eq!(
        rate(&s, token, bad).await,
        (422, json!({"code": "invalid", "message": "`attitude` must be 0, 1 or 2"}))
    );

    let (status, rated) = rate(&s, token, answers()).await;
    assert_eq!(status, 201, "{rated}");
    assert_eq!(rated["time"], 2, "completed the day it was sent: on time");
    assert_eq!(rated["answers"]["comment"], "Nhanh,\nchu đáo", "cleaned");
    let mut second = answers();
    second["overall"] = json!("unsatisfied");
    let (status, again) = rate(&s, token, second).await;
    assert_eq!((status, again["code"].as_str()), (409, Some("already_rated")));
    let (_, after) = view(&s, token).await;
    assert_eq!(after["rating"], rated, "the first rating stays");
    let (_, now) =
        common::workflow::get(&s, Some(OFFICER), &format!("/officer/dossiers/{}", receipt.dossier_code)).await;
    assert_eq!(now["rated"], true);
    // Forged: the one 404.
    assert_eq!(view(&s, &format!("{token}x")).await.0, 404);
    assert_eq!(rate(&s, &format!("{token}x"), answers()).await.0, 404);
}

#[tokio::test]
async fn two_ratings_at_once_store_one() {
    let (s, pool) = start("rating-race").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    for body in [
        json!({"action": "accept"}),
        json!({"action": "start_processing"}),
        json!({"action": "complete", "result_documents": ["x"]}),
    ] {
        assert_eq!(act(&s, Some(OFFICER), &receipt.dossier_code, body).await.0, 200);
    }
    let calls = (0..5).map(|_| rate(&s, &receipt.tracking_token, answers()));
    let mut statuses: Vec<u16> = futures::future::join_all(calls).await.into_iter().map(|(st, _)| st).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409, 409, 409, 409]);
}

#[tokio::test]
async fn the_rating_page_keeps_the_choices_and_rates_once_without_javascript() {
    let (s, pool) = start("rating-page").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let page = format!("{}/track/{}/rate", s.base, receipt.tracking_token);
    let html = client().get(&page).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("khi hồ sơ đã được giải quyết xong"), "not before completion");
    for body in [
        json!({"action": "accept"}),
        json!({"action": "start_processing"}),
        json!({"action": "complete", "result_documents": ["x"]}),
        json!({"action": "return_at_counter"}),
    ] {
        assert_eq!(act(&s, Some(OFFICER), &receipt.dossier_code, body).await.0, 200);
    }
    let res = client().get(&page).send().await.unwrap();
    assert!(res.headers()["cache-control"].to_str().unwrap().contains("no-store"));
    let html = res.text().await.unwrap();
    assert!(html.contains("Đúng hạn") && html.contains("name=\"attitude\""), "the time from the dates, the radios");

    // Two answers missing: the summary names them, the choices made stay chosen.
    let partial = [("contacts", "2"), ("offices", "1"), ("ease", "satisfied"), ("comment", "Tốt")];
    let res = client().post(&page).form(&partial).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let kept = res.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let to = res.headers()["location"].to_str().unwrap().to_string();
    let html =
        client().get(format!("{}{to}", s.base)).header("cookie", kept).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("href=\"#attitude\"") && html.contains("href=\"#overall\""), "{html}");
    assert!(!html.contains("href=\"#contacts\""));
    let offices = html.split("id=\"offices-2\"").nth(1).unwrap().split('>').next().unwrap();
    assert!(offices.contains("checked"), "offices: the second answer (1) stays chosen: {offices}");
    let contacts = html.split("id=\"contacts-2\"").nth(1).unwrap().split('>').next().unwrap();
    assert!(!contacts.contains("checked"));
    assert!(html.contains(">Tốt</textarea>"), "the comment kept");

    let full =
        [("contacts", "2"), ("offices", "1"), ("attitude", "2"), ("ease", "satisfied"), ("overall", "very_satisfied")];
    for _ in 0..2 {
        let res = client().post(&page).form(&full).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 303);
    }
    let html = client().get(&page).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Cảm ơn bạn đã đánh giá") && html.contains("Rất hài lòng"), "{html}");
    let (_, view) = view(&s, &receipt.tracking_token).await;
    assert_eq!(view["rating"]["answers"]["overall"], "very_satisfied");
}
