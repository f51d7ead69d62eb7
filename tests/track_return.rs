//! The citizen changes how the result comes back, through the token API on a real server and
//! SQLite: counter ↔ VNPost with the return page's answers checked and the fee quoted again, once
//! per change, until the result has left.
#![cfg(feature = "ssr")]

mod common;

use common::client;
use common::submission::{self as sub, PROCEDURE};
use common::workflow::{act, dossier, get, start, OFFICER};
use common::Server;
use dichvucong::portal::PortalClient;
use serde_json::{json, Value};

async fn put(s: &Server, token: &str, fields: Value) -> (u16, Value) {
    let res = client()
        .put(format!("{}/portal/v1/dossiers/by-token/{token}/return", s.base))
        .json(&json!({ "fields": fields }))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

/// The return page's answers as a citizen fills them, by post.
async fn by_post(s: &Server) -> Value {
    let portal = PortalClient::new(format!("{}/portal/v1", s.base));
    let form = portal.form(PROCEDURE).await.unwrap();
    let province = portal.province().await.unwrap();
    let mut answers = sub::fill(&form, &province).remove("return").unwrap();
    answers.insert("return_method".into(), vec!["post".into()]);
    serde_json::to_value(answers).unwrap()
}

async fn kinds(s: &Server, code: &str) -> Vec<String> {
    let (_, now) = get(s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    now["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn the_return_method_changes_until_the_result_has_left() {
    let (s, pool) = start("return-change").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let (code, token) = (receipt.dossier_code.as_str(), receipt.tracking_token.as_str());
    let post = by_post(&s).await;

    // Wrong answers: each said, nothing changed.
    let mut no_recipient = post.clone();
    no_recipient["return_recipient"] = json!([""]);
    let (status, refused) = put(&s, token, no_recipient).await;
    assert_eq!((status, refused["code"].as_str()), (422, Some("invalid")), "{refused}");
    assert_eq!(refused["errors"][0]["input"], "return_recipient");
    assert_eq!(put(&s, token, json!({"return_method": ["pigeon"]})).await.0, 422);

    // Counter → post, with the fee quoted; the same again makes no second event.
    let (status, changed) = put(&s, token, post.clone()).await;
    assert_eq!((status, changed["return_method"].as_str()), (200, Some("post")), "{changed}");
    assert!(changed["postal_fee_vnd"].as_u64().unwrap() > 0);
    assert!(changed["return_address"].as_str().unwrap().contains('—'), "recipient — address: {changed}");
    assert_eq!(put(&s, token, post.clone()).await.0, 200);
    assert_eq!(kinds(&s, code).await, ["submitted", "change_return"]);
    // Told to the contact phone (anyone holding the link may change it), once.
    let told: Vec<Value> =
        common::workflow::outbox_of(&s, code).await.into_iter().filter(|r| r["channel"] == "sms").collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0]["message"].as_str().unwrap().contains("cách nhận kết quả"), "{}", told[0]);

    // Complete: still changeable (back to the counter, then post again) until VNPost has it.
    for body in [
        json!({"action": "accept"}),
        json!({"action": "start_processing"}),
        json!({"action": "complete", "result_documents": ["Giấy xác nhận"]}),
    ] {
        assert_eq!(act(&s, Some(OFFICER), code, body).await.0, 200);
    }
    let (status, counter) = put(&s, token, json!({"return_method": ["counter"]})).await;
    assert_eq!((status, counter["return_method"].as_str()), (200, Some("counter")));
    assert_eq!(counter["postal_fee_vnd"], Value::Null);
    assert_eq!(counter["next_action"]["kind"], "collect");
    assert_eq!(put(&s, token, post.clone()).await.0, 200);
    let hand = json!({"action": "hand_to_post", "tracking_number": "EB123456789VN"});
    assert_eq!(act(&s, Some(OFFICER), code, hand).await.0, 200, "the post's now: the officer hands it over");
    let (status, late) = put(&s, token, json!({"return_method": ["counter"]})).await;
    assert_eq!((status, late["code"].as_str()), (409, Some("illegal_transition")));
    assert_eq!(kinds(&s, code).await.iter().filter(|k| *k == "change_return").count(), 3);
    // A forged token: the one 404.
    assert_eq!(put(&s, &format!("{token}x"), post).await.0, 404);
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

/// The `name=value` of the `Set-Cookie` header, for the next request.
fn cookie(res: &reqwest::Response) -> String {
    res.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn the_return_page_checks_then_confirms_without_javascript() {
    let (s, pool) = start("return-page").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let token = receipt.tracking_token.as_str();
    let page = format!("{}/track/{token}/return", s.base);
    let html = client().get(&page).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("name=\"return_method\"") && html.contains("Thay đổi cách nhận kết quả"), "{html}");

    // By post without a recipient: the page shows the error, with what was typed.
    let post = by_post(&s).await;
    let mut form: Vec<(String, String)> = post
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v[0].as_str().unwrap().to_string()))
        .filter(|(k, _)| k != "return_recipient")
        .collect();
    let res = client().post(&page).form(&form).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert!(res.headers()["set-cookie"].to_str().unwrap().contains("HttpOnly"));
    let kept = cookie(&res);
    let html = client().get(format!("{}{}", s.base, location(&res))).header("cookie", &kept).send().await;
    let html = html.unwrap().text().await.unwrap();
    assert!(html.contains("error-summary") && html.contains("#return_recipient"), "{html}");

    // Fixed: the confirmation with the fee; nothing changed until confirmed.
    form.push(("return_recipient".into(), "Nguyễn Văn An".into()));
    let res = client().post(&page).form(&form).send().await.unwrap();
    let kept = cookie(&res);
    let html = client().get(format!("{}{}", s.base, location(&res))).header("cookie", &kept).send().await;
    let html = html.unwrap().text().await.unwrap();
    assert!(html.contains("Nguyễn Văn An") && html.contains("data-postal-fee"), "{html}");
    assert_eq!(kinds(&s, &receipt.dossier_code).await, ["submitted"]);
    for _ in 0..2 {
        let res = client().post(format!("{page}/confirm")).header("cookie", &kept).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 303);
        assert_eq!(location(&res), format!("/track/{token}"));
    }
    assert_eq!(kinds(&s, &receipt.dossier_code).await, ["submitted", "change_return"], "confirmed once");
    let (_, now) = get(&s, Some(OFFICER), &format!("/officer/dossiers/{}", receipt.dossier_code)).await;
    assert_eq!(now["return_method"], "post");
    assert!(now["return_address"].as_str().unwrap().starts_with("Nguyễn Văn An"));
}
