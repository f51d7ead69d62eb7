//! The citizen's actions from the status page, through the portal's token API on a real server
//! and SQLite: a dossier submitted and driven by the officer API (tests/common/workflow.rs), then
//! answered with files, withdrawn; each exactly once, each refused with the documented status.
#![cfg(feature = "ssr")]

mod common;

use common::attachments::{EXE, PDF, PNG};
use common::client;
use common::workflow::{act, dossier, get, start, OFFICER};
use common::Server;
use serde_json::{json, Value};

/// `POST` to the token API: status and body.
async fn post(s: &Server, path: &str, body: Option<Value>) -> (u16, Value) {
    let mut req = client().post(format!("{}/portal/v1{path}", s.base));
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

async fn upload(s: &Server, token: &str, slot: u32, bytes: &'static [u8]) -> (u16, Value) {
    let res = client()
        .post(format!("{}/portal/v1/dossiers/by-token/{token}/supplement/{slot}/files?name=scan.pdf", s.base))
        .body(bytes)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

/// The officer's steps to "supplement requested" for two documents.
async fn ask_for_two(s: &Server, code: &str) {
    for body in [
        json!({"action": "accept"}),
        json!({"action": "start_processing"}),
        json!({"action": "request_supplement", "reason": "Ảnh CCCD bị mờ", "documents": ["CCCD", "Sổ hộ khẩu"]}),
    ] {
        let (status, after) = act(s, Some(OFFICER), code, body).await;
        assert_eq!(status, 200, "{after}");
    }
}

async fn events(s: &Server, code: &str) -> Vec<String> {
    let (_, now) = get(s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    now["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_supplement_is_answered_with_files_and_sent_once() {
    let (s, pool) = start("actions-supplement").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let (code, token) = (receipt.dossier_code.as_str(), receipt.tracking_token.as_str());
    // Nothing asked yet: no uploads.
    assert_eq!(upload(&s, token, 0, PDF).await.0, 409);
    ask_for_two(&s, code).await;

    let files = format!("/dossiers/by-token/{token}/supplement/files");
    let send = format!("/dossiers/by-token/{token}/supplement/send");
    let (status, first) = upload(&s, token, 0, PDF).await;
    assert_eq!((status, first["content_type"].as_str()), (201, Some("application/pdf")), "{first}");
    let (status, refused) = upload(&s, token, 1, EXE).await;
    assert_eq!((status, refused["code"].as_str()), (415, Some("wrong_type")));
    assert_eq!(upload(&s, token, 2, PDF).await.0, 404, "only the documents asked for");

    // One document still has no file: refused, nothing sent.
    let (status, missing) = post(&s, &send, None).await;
    assert_eq!((status, missing["code"].as_str()), (409, Some("missing_documents")), "{missing}");
    assert_eq!(events(&s, code).await.last().map(String::as_str), Some("request_supplement"));

    // A file removed, another given.
    let (_, extra) = upload(&s, token, 1, PNG).await;
    let (_, spare) = upload(&s, token, 1, PDF).await;
    let res =
        client().delete(format!("{}/portal/v1{files}/{}", s.base, spare["id"].as_str().unwrap())).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 204);
    let (status, listed) = get(&s, None, &files).await;
    assert_eq!(status, 200);
    let ids: Vec<&str> = listed["files"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [first["id"].as_str().unwrap(), extra["id"].as_str().unwrap()]);

    // Sent: back to processing with one event; a second send (double tap, replay) answers the
    // same, without a second event.
    let (status, sent) = post(&s, &send, None).await;
    assert_eq!((status, sent["status_code"].as_u64()), (200, Some(4)), "{sent}");
    let (status, again) = post(&s, &send, None).await;
    assert_eq!((status, again["status_code"].as_u64()), (200, Some(4)), "{again}");
    assert_eq!(sent["events"], again["events"]);
    assert_eq!(events(&s, code).await.iter().filter(|k| *k == "supplied").count(), 1);
    // Sent: the files are the office's now.
    assert_eq!(upload(&s, token, 0, PDF).await.0, 409);
    assert_eq!(get(&s, None, &files).await.0, 409);
}

#[tokio::test]
async fn two_sends_at_once_make_one_event() {
    let (s, pool) = start("actions-supplement-race").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    ask_for_two(&s, &receipt.dossier_code).await;
    let token = receipt.tracking_token.as_str();
    assert_eq!(upload(&s, token, 0, PDF).await.0, 201);
    assert_eq!(upload(&s, token, 1, PDF).await.0, 201);
    let send = format!("/dossiers/by-token/{token}/supplement/send");
    let answers = futures::future::join_all((0..4).map(|_| post(&s, &send, None))).await;
    assert!(answers.iter().all(|(status, body)| *status == 200 && body["status_code"] == 4), "{answers:?}");
    assert_eq!(events(&s, &receipt.dossier_code).await.iter().filter(|k| *k == "supplied").count(), 1);
}

#[tokio::test]
async fn a_withdrawal_applies_once_and_not_after_the_result() {
    let (s, pool) = start("actions-withdraw").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let path = format!("/dossiers/by-token/{}/withdraw", receipt.tracking_token);
    let (status, body) = post(&s, &path, Some(json!({"reason": "\u{7}"}))).await;
    assert_eq!(status, 400, "a control character: {body}");
    let (status, first) = post(&s, &path, Some(json!({"reason": "Tôi đã nộp nhầm thủ tục"}))).await;
    assert_eq!((status, first["status_code"].as_u64()), (200, Some(7)), "{first}");
    let (status, again) = post(&s, &path, Some(json!({}))).await;
    assert_eq!((status, again["status_code"].as_u64()), (200, Some(7)));
    let kinds = events(&s, &receipt.dossier_code).await;
    assert_eq!(kinds, ["submitted", "withdraw"]);
    assert_eq!(first["events"][1]["note"], "Tôi đã nộp nhầm thủ tục");

    // Finished: nothing to withdraw.
    let done = dossier(&s, &pool, "vi", false).await;
    for body in [
        json!({"action": "accept"}),
        json!({"action": "start_processing"}),
        json!({"action": "complete", "result_documents": ["Giấy xác nhận"]}),
    ] {
        assert_eq!(act(&s, Some(OFFICER), &done.dossier_code, body).await.0, 200);
    }
    let (status, refused) =
        post(&s, &format!("/dossiers/by-token/{}/withdraw", done.tracking_token), Some(json!({}))).await;
    assert_eq!((status, refused["code"].as_str()), (409, Some("illegal_transition")));
}

#[tokio::test]
async fn a_forged_token_is_one_404_everywhere() {
    let (s, pool) = start("actions-forged").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    ask_for_two(&s, &receipt.dossier_code).await;
    let forged = format!("{}x", receipt.tracking_token);
    let mut answers = Vec::new();
    for token in [forged.as_str(), "garbage"] {
        answers.push(upload(&s, token, 0, PDF).await);
        answers.push(get(&s, None, &format!("/dossiers/by-token/{token}/supplement/files")).await);
        answers.push(post(&s, &format!("/dossiers/by-token/{token}/supplement/send"), None).await);
        answers.push(post(&s, &format!("/dossiers/by-token/{token}/withdraw"), Some(json!({}))).await);
        let res = client()
            .delete(format!(
                "{}/portal/v1/dossiers/by-token/{token}/supplement/files/0123456789abcdefghjkmnpqrs",
                s.base
            ))
            .send()
            .await
            .unwrap();
        answers.push((res.status().as_u16(), res.json().await.unwrap()));
    }
    for (status, body) in &answers {
        assert_eq!((*status, body), (404, &answers[0].1), "{answers:?}");
    }
    assert_eq!(events(&s, &receipt.dossier_code).await.last().map(String::as_str), Some("request_supplement"));
}
