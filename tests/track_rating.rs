//! The satisfaction rating through the token API on a real server and SQLite: only after
//! completion, once per dossier (a second one is a 409 and the first stays), the time score from
//! the dates, answers out of range refused.
#![cfg(feature = "ssr")]

mod common;

use common::citizen::{self, view};
use common::client;
use common::workflow::{dossier, start};
use serde_json::json;

#[tokio::test]
async fn a_dossier_is_rated_once_after_completion() {
    let (s, pool) = start("rating").await;
    citizen::a_dossier_is_rated_once_after_completion(&s, &pool).await;
}

#[tokio::test]
async fn two_ratings_at_once_store_one() {
    let (s, pool) = start("rating-race").await;
    citizen::two_ratings_at_once_store_one(&s, &pool).await;
}

#[tokio::test]
async fn the_rating_page_keeps_the_choices_and_rates_once_without_javascript() {
    let (s, pool) = start("rating-page").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let page = format!("{}/track/{}/rate", s.base, receipt.tracking_token);
    let html = client().get(&page).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("khi hồ sơ đã được giải quyết xong"), "not before completion");
    citizen::complete(&s, &receipt.dossier_code, &[json!({"action": "return_at_counter"})]).await;
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
    let status = format!("{}/track/{}", s.base, receipt.tracking_token);
    let status = client().get(status).send().await.unwrap().text().await.unwrap();
    assert!(status.contains("Hồ sơ đã hoàn tất. Cảm ơn bạn đã đánh giá."), "the status page thanks: {status}");
    let (_, view) = view(&s, &receipt.tracking_token).await;
    assert_eq!(view["rating"]["answers"]["overall"], "very_satisfied");
}
