//! A dossier's life after submission, through the real officer API on a real server and SQLite:
//! the legal path from "newly registered" to "result returned" with every event in the timeline,
//! one outbox message per change the citizen should hear about (in their language, with the
//! signed link), 409 for an illegal action with nothing changed, 401/403, an outbox drained twice
//! delivering each record once, and two identical actions at once making one event.
#![cfg(feature = "ssr")]

mod common;

use common::client;
use common::raw;
use common::submission::{self as sub, PROCEDURE};
use common::workflow::{self as wf, ack, act, dossier, get, outbox_of, start, GATEWAY, OFFICER};
use serde_json::json;

#[tokio::test]
async fn a_dossier_goes_from_submission_to_its_result_by_post() {
    let (s, pool) = start("workflow-journey").await;
    wf::journey_by_post(&s, &pool).await;
}

#[tokio::test]
async fn zalo_gets_the_messages_only_when_the_citizen_asked_for_it() {
    let (s, pool) = start("workflow-zalo").await;
    wf::zalo_only_when_asked_for(&s, &pool).await;
}

#[tokio::test]
async fn two_identical_transitions_at_once_make_one_event() {
    let (s, pool) = start("workflow-race").await;
    wf::identical_actions_at_once_make_one_event(&s, &pool).await;
}

#[tokio::test]
async fn an_illegal_transition_is_a_409_and_changes_nothing() {
    let (s, pool) = start("workflow-illegal").await;
    let code = dossier(&s, &pool, "vi", false).await.dossier_code;
    let (_, before) = get(&s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    let (status, body) = act(&s, Some(OFFICER), &code, json!({"action": "complete", "result_documents": ["x"]})).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "illegal_transition");
    assert!(body["message"].as_str().unwrap().contains("complete"), "{body}");
    // Handing to the post a result collected at the counter, a bad body, an unknown dossier, the
    // citizen's own action.
    assert_eq!(act(&s, Some(OFFICER), &code, json!({"action": "teleport"})).await.0, 400);
    assert_eq!(act(&s, Some(OFFICER), &code, json!({"action": "not_accept", "reason": " "})).await.0, 400);
    assert_eq!(act(&s, Some(OFFICER), "000.00.01.H25-250101-9999", json!({"action": "accept"})).await.0, 404);
    assert_eq!(act(&s, Some(OFFICER), &code, json!({"action": "supplied"})).await.0, 403);
    let (_, after) = get(&s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    assert_eq!(before, after, "nothing changed");
    assert!(outbox_of(&s, &code).await.is_empty());
    // A counter dossier is never handed to the post.
    for body in [
        json!({"action": "accept"}),
        json!({"action": "start_processing"}),
        json!({"action": "complete", "result_documents": ["x"]}),
    ] {
        assert_eq!(act(&s, Some(OFFICER), &code, body).await.0, 200);
    }
    assert_eq!(
        act(&s, Some(OFFICER), &code, json!({"action": "hand_to_post", "tracking_number": "EB1234VN"})).await.0,
        409
    );
    let (_, done) = act(&s, Some(OFFICER), &code, json!({"action": "return_at_counter"})).await;
    assert_eq!(done["status_code"], 10);
}

#[tokio::test]
async fn the_officer_api_needs_a_token_with_the_right() {
    let (s, pool) = start("workflow-auth").await;
    let code = dossier(&s, &pool, "vi", false).await.dossier_code;
    let path = format!("{}/portal/v1/officer/dossiers/{code}", s.base);
    let res = client().get(&path).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    assert_eq!(client().get(&path).bearer_auth("officer-token-0123456789abcdeX").send().await.unwrap().status(), 401);
    assert_eq!(client().get(&path).header("authorization", OFFICER).send().await.unwrap().status(), 401, "no scheme");
    assert_eq!(get(&s, Some(GATEWAY), &format!("/officer/dossiers/{code}")).await.0, 403);
    assert_eq!(act(&s, None, &code, json!({"action": "accept"})).await.0, 401);
    assert_eq!(act(&s, Some(GATEWAY), &code, json!({"action": "accept"})).await.0, 403);
    assert_eq!(get(&s, Some(OFFICER), "/officer/outbox").await.0, 403);
    assert_eq!(get(&s, None, "/officer/outbox").await.0, 401);
    // Refused before the body is read: 401 for a bad body without a token.
    assert_eq!(act(&s, None, &code, json!({"action": "teleport"})).await.0, 401);
}

#[tokio::test]
async fn the_outbox_drained_twice_delivers_each_record_once() {
    let (s, pool) = start("workflow-outbox").await;
    let code = dossier(&s, &pool, "vi", false).await.dossier_code;
    assert_eq!(act(&s, Some(OFFICER), &code, json!({"action": "accept"})).await.0, 200);
    let first = outbox_of(&s, &code).await;
    assert_eq!(first.len(), 2, "SMS and email: {first:?}");
    assert!(first[0]["message"].as_str().unwrap().starts_with("Hồ sơ"), "Vietnamese by default");
    let ids: Vec<String> = first.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    // Two gateways (or a retry) drain the same listing: each record is acknowledged once.
    let (a, b) = tokio::join!(ack(&s, &ids), ack(&s, &ids));
    assert_eq!(a + b, 2);
    assert!(outbox_of(&s, &code).await.is_empty(), "never listed again");
    assert_eq!(ack(&s, &ids).await, 0, "acknowledging again is harmless");
    assert_eq!(get(&s, Some(GATEWAY), "/officer/outbox?limit=0").await.0, 400);
}

#[tokio::test]
async fn the_tracking_link_opens_the_status_and_the_due_date_moves_once() {
    let (s, pool) = start("workflow-token").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let (status, seen) = get(&s, None, &format!("/dossiers/by-token/{}/status", receipt.tracking_token)).await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["dossier_code"], receipt.dossier_code.as_str());
    assert_eq!(seen["due_at"], receipt.due_at.as_str());
    let forged = format!("{}x", receipt.tracking_token);
    let (a, forged) = get(&s, None, &format!("/dossiers/by-token/{forged}/status")).await;
    let (b, garbage) = get(&s, None, "/dossiers/by-token/garbage/status").await;
    assert_eq!((a, b), (404, 404));
    assert_eq!(forged, garbage, "one answer for every bad token");

    // An apology moves the due date once, before it passes.
    let later = dichvucong::server::portal::dossier::from_iso(&receipt.due_at).unwrap() + time::Duration::days(10);
    let date = later.date().to_string();
    let apologise = json!({"action": "apologise", "new_due_date": date, "note": "Cần xác minh thêm"});
    let (status, moved) = act(&s, Some(OFFICER), &receipt.dossier_code, apologise.clone()).await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["original_due_at"], receipt.due_at.as_str());
    assert!(moved["due_at"].as_str().unwrap().starts_with(&date), "{moved}");
    assert_eq!(moved["apology"]["note"], "Cần xác minh thêm");
    assert_eq!(act(&s, Some(OFFICER), &receipt.dossier_code, apologise).await.0, 409, "only once");
}

/// `dichvucong officer …` works on the configured database through the same store functions.
#[tokio::test]
async fn the_command_line_advances_shows_and_lists_the_outbox() {
    let (s, pool) = start("workflow-cli").await;
    let code = dossier(&s, &pool, "vi", false).await.dossier_code;
    let url: String = pool.connect_options().database_url.to_string();
    let officer = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dichvucong"))
            .arg("officer")
            .args(args)
            .env("SITE_CONFIG", "/nonexistent/Leptos.toml")
            .env("DATABASE_URL", &url)
            .env("PORTAL_DATA_DIR", concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
            .output()
            .unwrap();
        (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (ok, out, err) = officer(&["advance", &code, "--to", "accept"]);
    assert!(ok, "{err}");
    assert!(out.contains(&code) && out.contains("Đã tiếp nhận"), "{out}");
    let (ok, _, err) = officer(&["advance", &code, "--to", "complete", "--documents", "x"]);
    assert!(!ok && err.contains("complete"), "illegal from the command line too: {err}");
    let (ok, out, err) = officer(&["show", &code, "--lang", "en"]);
    assert!(ok, "{err}");
    assert!(out.contains("Accepted") && out.contains("(cli)"), "{out}");
    let (ok, out, _) = officer(&["outbox"]);
    assert!(ok && out.contains(&format!("{code}/2/sms")), "{out}");
    assert!(!out.contains("0912345678"), "no phone number on the operator's screen");
    // Seen through the API as well: one code path.
    let (_, status) = get(&s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    assert_eq!(status["status"], "accepted");
}

/// Sent from the pages in English (the language switch's cookie): the dossier's messages will be
/// in English.
#[tokio::test]
async fn an_application_sent_from_english_pages_gets_english_messages() {
    let (s, pool) = start("workflow-page-lang").await;
    let same_site: (&str, &[u8]) = ("sec-fetch-site", b"same-origin");
    let started =
        raw::request(&s.base, "POST", format!("/apply/{PROCEDURE}/start").as_bytes(), &[same_site], b"").await;
    let draft_cookie = started.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
    let draft_id = draft_cookie.split('=').nth(1).unwrap().to_string();
    let portal = dichvucong::portal::PortalClient::new(format!("{}/portal/v1", s.base));
    let (form, province) = (portal.form(PROCEDURE).await.unwrap(), portal.province().await.unwrap());
    for (section, answers) in sub::fill(&form, &province) {
        portal.save_section(&draft_id, PROCEDURE, &section, answers).await.unwrap();
    }
    sub::attach_mandatory(&pool, &draft_id, &portal.procedure(PROCEDURE).await.unwrap()).await;
    let cookies = format!("{draft_cookie}; lang=en");
    let headers = [same_site, ("cookie", cookies.as_bytes()), ("content-type", b"application/x-www-form-urlencoded")];
    let sent = raw::request(&s.base, "POST", format!("/apply/{PROCEDURE}/submit").as_bytes(), &headers, b"").await;
    assert_eq!(sent.status, 303);
    let lang: String = sqlx::query_scalar("SELECT lang FROM dossiers WHERE draft_id = $1")
        .bind(&draft_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(lang, "en");
}
