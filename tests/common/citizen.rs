//! The citizen's actions through the token API — the return method changed, the satisfaction
//! rating — as scenarios run on SQLite (tests/track_return.rs, tests/track_rating.rs) and
//! PostgreSQL (tests/postgres.rs) alike: the same SQL must keep the same promises on both.

use super::submission::{self as sub, PROCEDURE};
use super::workflow::{act, dossier, get, outbox_of, OFFICER};
use super::{client, Server};
use dichvucong::portal::PortalClient;
use serde_json::{json, Value};
use sqlx::AnyPool;

/// `PUT …/return` with the return page's `fields`: status and body.
pub async fn put_return(s: &Server, token: &str, fields: Value) -> (u16, Value) {
    let res = client()
        .put(format!("{}/portal/v1/dossiers/by-token/{token}/return", s.base))
        .json(&json!({ "fields": fields }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

/// The return page's answers as a citizen fills them, by post.
pub async fn by_post(s: &Server) -> Value {
    let portal = PortalClient::new(format!("{}/portal/v1", s.base));
    let form = portal.form(PROCEDURE).await.unwrap();
    let province = portal.province().await.unwrap();
    let mut answers = sub::fill(&form, &province).remove("return").unwrap();
    answers.insert("return_method".into(), vec!["post".into()]);
    serde_json::to_value(answers).unwrap()
}

/// The kinds of the events of `code`, oldest first.
pub async fn kinds(s: &Server, code: &str) -> Vec<String> {
    let (_, now) = get(s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    now["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap().to_string()).collect()
}

/// Accepted, processed and complete (with `then`, e.g. returned at the counter, after).
pub async fn complete(s: &Server, code: &str, then: &[Value]) {
    let path = [
        json!({"action": "accept"}),
        json!({"action": "start_processing"}),
        json!({"action": "complete", "result_documents": ["Giấy xác nhận"]}),
    ];
    for body in path.iter().chain(then) {
        assert_eq!(act(s, Some(OFFICER), code, body.clone()).await.0, 200, "{body}");
    }
}

/// Counter ↔ post with the answers checked and the fee quoted again, once per change (a change
/// sent twice is one event and one message), until VNPost has the result; then a 409.
pub async fn the_return_method_changes_until_the_result_has_left(s: &Server, pool: &AnyPool) {
    let receipt = dossier(s, pool, "vi", false).await;
    let (code, token) = (receipt.dossier_code.as_str(), receipt.tracking_token.as_str());
    let post = by_post(s).await;

    // Wrong answers: each said, nothing changed.
    let mut no_recipient = post.clone();
    no_recipient["return_recipient"] = json!([""]);
    let (status, refused) = put_return(s, token, no_recipient).await;
    assert_eq!((status, refused["code"].as_str()), (422, Some("invalid")), "{refused}");
    assert_eq!(refused["errors"][0]["input"], "return_recipient");
    assert_eq!(put_return(s, token, json!({"return_method": ["pigeon"]})).await.0, 422);

    // Counter → post, with the fee quoted; the same again makes no second event.
    let (status, changed) = put_return(s, token, post.clone()).await;
    assert_eq!((status, changed["return_method"].as_str()), (200, Some("post")), "{changed}");
    assert!(changed["postal_fee_vnd"].as_u64().unwrap() > 0);
    assert!(changed["return_address"].as_str().unwrap().contains('—'), "recipient — address: {changed}");
    assert_eq!(put_return(s, token, post.clone()).await.0, 200);
    assert_eq!(kinds(s, code).await, ["submitted", "change_return"]);
    // Told to the contact phone (anyone holding the link may change it), once.
    let told: Vec<Value> = outbox_of(s, code).await.into_iter().filter(|r| r["channel"] == "sms").collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0]["message"].as_str().unwrap().contains("cách nhận kết quả"), "{}", told[0]);

    // Complete: still changeable (back to the counter, then post again) until VNPost has it.
    complete(s, code, &[]).await;
    let (status, counter) = put_return(s, token, json!({"return_method": ["counter"]})).await;
    assert_eq!((status, counter["return_method"].as_str()), (200, Some("counter")));
    assert_eq!(counter["postal_fee_vnd"], Value::Null);
    assert_eq!(counter["next_action"]["kind"], "collect");
    assert_eq!(put_return(s, token, post.clone()).await.0, 200);
    let hand = json!({"action": "hand_to_post", "tracking_number": "EB123456789VN"});
    assert_eq!(act(s, Some(OFFICER), code, hand).await.0, 200, "the post's now: the officer hands it over");
    let (status, late) = put_return(s, token, json!({"return_method": ["counter"]})).await;
    assert_eq!((status, late["code"].as_str()), (409, Some("illegal_transition")));
    assert_eq!(kinds(s, code).await.iter().filter(|k| *k == "change_return").count(), 3);
    let (_, now) = get(s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    assert_eq!(now["return_method"], "post", "the last change stays");
    // A forged token: the one 404.
    assert_eq!(put_return(s, &format!("{token}x"), post).await.0, 404);
}

/// `POST …/rating`: status and body.
pub async fn rate(s: &Server, token: &str, body: Value) -> (u16, Value) {
    let url = format!("{}/portal/v1/dossiers/by-token/{token}/rating", s.base);
    let res = client().post(url).json(&body).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

/// `GET …/rating`: status and body.
pub async fn view(s: &Server, token: &str) -> (u16, Value) {
    let res = client().get(format!("{}/portal/v1/dossiers/by-token/{token}/rating", s.base)).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

pub fn answers() -> Value {
    json!({"contacts": 2, "offices": 1, "attitude": 2, "ease": "very_satisfied", "overall": "satisfied",
           "comment": "Nhanh,\r\n  chu đáo \u{202e}"})
}

/// Only after completion, once per dossier (a second one is a 409 and the first stays), the
/// time score from the dates, answers out of range refused.
pub async fn a_dossier_is_rated_once_after_completion(s: &Server, pool: &AnyPool) {
    let receipt = dossier(s, pool, "vi", false).await;
    let token = receipt.tracking_token.as_str();
    let (status, before) = view(s, token).await;
    assert_eq!((status, before["open"].as_bool(), &before["time"]), (200, Some(false), &Value::Null));
    let (status, early) = rate(s, token, answers()).await;
    assert_eq!((status, early["code"].as_str()), (409, Some("not_complete")));

    complete(s, &receipt.dossier_code, &[]).await;
    // Wrong answers: a missing one or an unknown choice (400), a score out of range (422).
    assert_eq!(rate(s, token, json!({"contacts": 2})).await.0, 400);
    let mut bad = answers();
    bad["ease"] = json!("ecstatic");
    assert_eq!(rate(s, token, bad).await.0, 400);
    let mut bad = answers();
    bad["attitude"] = json!(3);
    assert_eq!(rate(s, token, bad).await, (422, json!({"code": "invalid", "message": "`attitude` must be 0, 1 or 2"})));

    let (status, rated) = rate(s, token, answers()).await;
    assert_eq!(status, 201, "{rated}");
    assert_eq!(rated["time"], 2, "completed the day it was sent: on time");
    assert_eq!(rated["answers"]["comment"], "Nhanh,\nchu đáo", "cleaned");
    let mut second = answers();
    second["overall"] = json!("unsatisfied");
    let (status, again) = rate(s, token, second).await;
    assert_eq!((status, again["code"].as_str()), (409, Some("already_rated")));
    let (_, after) = view(s, token).await;
    assert_eq!(after["rating"], rated, "the first rating stays");
    let (_, now) = get(s, Some(OFFICER), &format!("/officer/dossiers/{}", receipt.dossier_code)).await;
    assert_eq!(now["rated"], true);
    // Forged: the one 404.
    assert_eq!(view(s, &format!("{token}x")).await.0, 404);
    assert_eq!(rate(s, &format!("{token}x"), answers()).await.0, 404);
}

/// Five ratings of one dossier at once: one stored, four refused (the database's unique key
/// decides, not a single writer).
pub async fn two_ratings_at_once_store_one(s: &Server, pool: &AnyPool) {
    let receipt = dossier(s, pool, "vi", false).await;
    complete(s, &receipt.dossier_code, &[]).await;
    let calls = (0..5).map(|_| rate(s, &receipt.tracking_token, answers()));
    let mut statuses: Vec<u16> = futures::future::join_all(calls).await.into_iter().map(|(st, _)| st).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409, 409, 409, 409]);
}
