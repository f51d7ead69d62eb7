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
    upload_keyed(s, token, slot, bytes, "").await
}

/// With the upload's idempotency key (none when empty).
async fn upload_keyed(s: &Server, token: &str, slot: u32, bytes: &'static [u8], key: &str) -> (u16, Value) {
    let key = if key.is_empty() { String::new() } else { format!("&key={key}") };
    let res = client()
        .post(format!("{}/portal/v1/dossiers/by-token/{token}/supplement/{slot}/files?name=scan.pdf{key}", s.base))
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
    let (_, extra) = upload_keyed(&s, token, 1, PNG, "supplement-retry-0123").await;
    // Sent again with its key (the first answer was lost): the file stored the first time.
    let (status, again) = upload_keyed(&s, token, 1, PNG, "supplement-retry-0123").await;
    assert_eq!((status, &again["id"]), (200, &extra["id"]), "{again}");
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
    let (status, body) = post(&s, &path, Some(json!({"reason": "x".repeat(2001)}))).await;
    assert_eq!(status, 400, "too long: {body}");
    // The body is an object: serde would read a struct from an array (found by schemathesis).
    for not_an_object in [json!([null]), json!(["x"]), json!("x"), json!(null)] {
        let (status, body) = post(&s, &path, Some(not_an_object.clone())).await;
        assert_eq!((status, body["code"].as_str()), (400, Some("bad_request")), "{not_an_object}: {body}");
    }
    assert_eq!(events(&s, &receipt.dossier_code).await, ["submitted"], "nothing was withdrawn");
    let (status, first) = post(&s, &path, Some(json!({"reason": "Tôi đã nộp\u{7} nhầm thủ tục"}))).await;
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

/// A multipart form with one file, as a browser without JavaScript sends it.
fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let mut body = format!(
        "--b0undary\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{name}\"\r\ncontent-type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--b0undary--\r\n");
    ("multipart/form-data; boundary=b0undary".into(), body)
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn the_supplement_page_takes_files_and_sends_them_without_javascript() {
    let (s, pool) = start("actions-supplement-page").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    ask_for_two(&s, &receipt.dossier_code).await;
    let page = format!("{}/track/{}/supplement", s.base, receipt.tracking_token);
    let res = client().get(&page).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["cache-control"].to_str().unwrap().contains("no-store"));
    let html = res.text().await.unwrap();
    assert!(html.contains("Ảnh CCCD bị mờ") && html.contains("Sổ hộ khẩu"), "the reason and the documents");
    assert!(html.contains(&format!("action=\"/track/{}/supplement/1\"", receipt.tracking_token)));
    assert!(html.contains("Gửi cho cơ quan"));

    // Sending with nothing uploaded: back to the page, which lists what is missing.
    let res = client().post(format!("{page}/send")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let back = location(&res);
    assert!(back.contains("missing"), "{back}");
    let html = client().get(format!("{}{back}", s.base)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("supplement-missing") && html.contains("Lỗi:"), "an error summary and title");

    // One file a document, through the plain form; a wrong type is said on the page.
    for (slot, bytes) in [(0, PDF), (1, EXE), (1, PNG)] {
        let (content_type, body) = multipart("giay to.pdf", bytes);
        let res = client()
            .post(format!("{page}/{slot}"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 303);
        let to = location(&res);
        assert_eq!(to.contains("wrong_type"), bytes == EXE, "{to}");
    }
    // From another site: refused.
    let res = client().post(format!("{page}/send")).header("sec-fetch-site", "cross-site").send().await.unwrap();
    assert_eq!(res.status().as_u16(), 403);
    // Sent: the status page; again (a double tap): the same, one event.
    for _ in 0..2 {
        let res = client().post(format!("{page}/send")).header("sec-fetch-site", "same-origin").send().await.unwrap();
        assert_eq!(res.status().as_u16(), 303);
        assert_eq!(location(&res), format!("/track/{}", receipt.tracking_token));
    }
    assert_eq!(events(&s, &receipt.dossier_code).await.iter().filter(|k| *k == "supplied").count(), 1);
    let html = client().get(&page).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("không yêu cầu bổ sung"), "nothing asked any more");
}

#[tokio::test]
async fn the_withdraw_page_confirms_then_withdraws_once() {
    let (s, pool) = start("actions-withdraw-page").await;
    let receipt = dossier(&s, &pool, "en", false).await;
    let page = format!("{}/track/{}/withdraw?lang=en", s.base, receipt.tracking_token);
    let html = client().get(&page).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Withdraw the application") && html.contains("name=\"reason\""), "{html}");
    let action = format!("{}/track/{}/withdraw", s.base, receipt.tracking_token);
    for _ in 0..2 {
        let res =
            client().post(&action).form(&[("reason", "Sent the wrong\r\nprocedure \u{202e}")]).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 303);
        assert_eq!(location(&res), format!("/track/{}", receipt.tracking_token));
    }
    let (_, now) = get(&s, Some(OFFICER), &format!("/officer/dossiers/{}", receipt.dossier_code)).await;
    assert_eq!(now["status_code"], 7);
    let kinds: Vec<&str> = now["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["submitted", "withdraw"]);
    assert_eq!(now["events"][1]["note"], "Sent the wrong\nprocedure", "cleaned: lines kept, the override gone");
    let html = client().get(&page).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("You have asked to withdraw") && !html.contains("name=\"reason\""));
    // A forged token: the one "not found" page, for the page and the form.
    let forged = format!("{}/track/{}x/withdraw", s.base, receipt.tracking_token);
    assert_eq!(client().get(&forged).send().await.unwrap().status().as_u16(), 404);
    assert_eq!(client().post(&forged).form(&[("reason", "")]).send().await.unwrap().status().as_u16(), 404);
}
