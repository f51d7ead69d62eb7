//! The officer API from a test: a server with an officer's and a gateway's token, dossiers sent
//! in a language, actions, the outbox; and the scenarios run on SQLite (tests/workflow.rs) and
//! PostgreSQL (tests/postgres.rs) alike.

use super::submission::{self as sub, PROCEDURE};
use super::{client, start_configured, Server, TempDir};
use dichvucong::portal::dossier::Receipt;
use dichvucong::portal::workflow::Transition;
use dichvucong::portal::PortalClient;
use dichvucong::server::config::Settings;
use dichvucong::server::portal::dossier::WorkingCalendar;
use dichvucong::server::portal::workflow::{store, Actor, Workflow};
use serde_json::{json, Value};
use sqlx::AnyPool;
use std::sync::Arc;

pub const OFFICER: &str = "officer-token-0123456789abcdef";
pub const GATEWAY: &str = "gateway-token-0123456789abcdef";

/// The product on a fresh SQLite file with an officer's and a gateway's token, and a pool of its
/// own on its database.
pub async fn start(name: &str) -> (Server, AnyPool) {
    let dir = TempDir::new(name);
    let url = format!("sqlite://{}", dir.0.join("test.db").display());
    start_on(dir, url).await
}

/// The same on any database URL.
pub async fn start_on(dir: TempDir, url: String) -> (Server, AnyPool) {
    start_adjusted(dir, url, |_| ()).await
}

/// The same numbering its dossiers as `agency` (tests sharing one PostgreSQL database then do
/// not count each other's dossiers of the day).
pub async fn start_for_agency(dir: TempDir, url: String, agency: &str) -> (Server, AnyPool) {
    let agency = agency.parse().expect("an agency code");
    start_adjusted(dir, url, move |s| s.dossier.agency_code = agency).await
}

async fn start_adjusted(dir: TempDir, url: String, adjust: impl FnOnce(&mut Settings)) -> (Server, AnyPool) {
    let tokens = format!("lan:process:{OFFICER}, gw:outbox:{GATEWAY}");
    let server = start_configured(dir, url.clone(), None, move |s| {
        s.officers = tokens.parse().unwrap();
        adjust(s);
    })
    .await;
    let pool = dichvucong::server::portal::store::migrated_pool(&url).await.unwrap();
    (server, pool)
}

/// A dossier sent in `lang`, to be returned by post or at the counter.
pub async fn dossier(s: &Server, pool: &AnyPool, lang: &str, by_post: bool) -> Receipt {
    let post: &[Change] = &[("return", "return_method", &["post"])];
    dossier_answering(s, pool, lang, if by_post { post } else { &[] }).await
}

/// An answer changed from what `sub::fill` gives: page, input, the input's values.
pub type Change<'a> = (&'a str, &'a str, &'a [&'a str]);

/// A dossier sent in `lang`, every page answered as `sub::fill` does but for `changes`.
pub async fn dossier_answering(s: &Server, pool: &AnyPool, lang: &str, changes: &[Change<'_>]) -> Receipt {
    let portal = PortalClient::new(format!("{}/portal/v1", s.base));
    let draft = sub::complete_draft(&portal, pool).await;
    let mut pages = sub::fill(&portal.form(PROCEDURE).await.unwrap(), &portal.province().await.unwrap());
    for (page, input, values) in changes {
        let section = pages.get_mut(*page).unwrap_or_else(|| panic!("the form asks the page {page}"));
        section.insert(input.to_string(), values.iter().map(|v| v.to_string()).collect());
        portal.save_section(&draft.id, &draft.procedure_code, page, section.clone()).await.unwrap();
    }
    let res =
        client().post(format!("{}/portal/v1/drafts/{}/submit?lang={lang}", s.base, draft.id)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 201);
    res.json().await.unwrap()
}

/// `POST …/transitions` with `token`: status and body.
pub async fn act(s: &Server, token: Option<&str>, code: &str, body: Value) -> (u16, Value) {
    let mut req = client().post(format!("{}/portal/v1/officer/dossiers/{code}/transitions", s.base)).json(&body);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

pub async fn get(s: &Server, token: Option<&str>, path: &str) -> (u16, Value) {
    let mut req = client().get(format!("{}/portal/v1{path}", s.base));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

pub async fn ack(s: &Server, ids: &[String]) -> u64 {
    let res = client()
        .post(format!("{}/portal/v1/officer/outbox/ack", s.base))
        .bearer_auth(GATEWAY)
        .json(&json!({ "ids": ids }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    res.json::<Value>().await.unwrap()["acknowledged"].as_u64().unwrap()
}

/// The outbox records of `code`, oldest first.
pub async fn outbox_of(s: &Server, code: &str) -> Vec<Value> {
    let (status, records) = get(s, Some(GATEWAY), "/officer/outbox?limit=500").await;
    assert_eq!(status, 200, "{records}");
    records.as_array().unwrap().iter().filter(|r| r["dossier_code"] == code).cloned().collect()
}

/// The workflow as the tests' own process sees the database (for the citizen's actions, whose
/// pages are not built yet).
pub fn workflow(pool: &AnyPool) -> Workflow {
    let calendar =
        WorkingCalendar::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/calendar/vn-holidays.toml"));
    Workflow {
        db: dichvucong::server::portal::store::Db::one(pool.clone()),
        calendar: Arc::new(calendar.unwrap()),
        counter: Arc::new(dichvucong::server::config::reference_counter()),
        site_url: "http://127.0.0.1".into(),
    }
}

/// Submitted in English, returned by post: 1→2→4→5→(citizen supplied)→4→6→4→9→post→10, every
/// event in the timeline, one message per change the citizen should hear about.
pub async fn journey_by_post(s: &Server, pool: &AnyPool) {
    let receipt = dossier(s, pool, "en", true).await;
    let code = receipt.dossier_code.as_str();
    let (status, first) = get(s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!((first["status"].as_str(), first["status_code"].as_u64()), (Some("newly_registered"), Some(1)));
    assert_eq!(first["events"][0]["kind"], "submitted");
    assert_eq!(first["events"][0]["actor"], "citizen");
    assert_eq!(first["next_action"]["kind"], "can_withdraw");
    assert_eq!(first["overdue"], false);

    let step = |body: Value, expected: &'static str| async move {
        let (status, after) = act(s, Some(OFFICER), code, body.clone()).await;
        assert_eq!(status, 200, "{body} → {after}");
        assert_eq!(after["status"], expected, "{body}");
        after
    };
    step(json!({"action": "accept"}), "accepted").await;
    step(json!({"action": "start_processing"}), "processing").await;
    let asked = step(
        json!({"action": "request_supplement", "reason": "The ID photo is blurred", "documents": ["Citizen ID"]}),
        "supplement_requested",
    )
    .await;
    assert_eq!(asked["next_action"]["kind"], "supplement");
    assert_eq!(asked["supplement"]["documents"], json!(["Citizen ID"]));
    assert_eq!(asked["supplement"]["deadline"].as_str().unwrap().len(), 10, "3 working days, as a date");
    // The citizen answers (their pages come later; the same store function).
    let supplied = store::advance(&workflow(pool), code, &Transition::Supplied, &Actor::Citizen).await.unwrap();
    assert_eq!(supplied.status_code, 4);
    let pay =
        step(json!({"action": "require_payment", "amount_vnd": 50000, "purpose": "fee"}), "payment_required").await;
    assert_eq!(
        (pay["payment"]["amount_vnd"].as_u64(), pay["next_action"]["kind"].as_str()),
        (Some(50000), Some("pay"))
    );
    step(json!({"action": "record_payment"}), "processing").await;
    step(json!({"action": "complete", "result_documents": ["Certificate"]}), "processing_complete").await;
    let posted =
        step(json!({"action": "hand_to_post", "tracking_number": "eb123456789vn"}), "processing_complete").await;
    assert_eq!(posted["next_action"], json!({"kind": "await_delivery", "tracking_number": "EB123456789VN"}));
    let done = step(json!({"action": "mark_delivered"}), "result_returned").await;
    assert_eq!((done["delivered"].as_bool(), done["next_action"]["kind"].as_str()), (Some(true), Some("rate")));
    assert_eq!(done["result_documents"], json!(["Certificate"]));

    let kinds: Vec<&str> = done["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "submitted",
            "accept",
            "start_processing",
            "request_supplement",
            "supplied",
            "require_payment",
            "record_payment",
            "complete",
            "hand_to_post",
            "mark_delivered"
        ]
    );
    let codes: Vec<u64> = done["events"].as_array().unwrap().iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(codes, (1..=10).collect::<Vec<u64>>());
    assert_eq!(done["events"][1]["actor"], "lan");

    // One SMS (and one email: the form's address) per change the citizen should hear about, in
    // English, each with a signed link to the tracking page.
    let records = outbox_of(s, code).await;
    let sms: Vec<&Value> = records.iter().filter(|r| r["channel"] == "sms").collect();
    let seqs: Vec<u64> = sms.iter().map(|r| r["event_seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, [2, 4, 6, 7, 8, 9, 10], "not for starting processing nor the citizen's own action");
    assert_eq!(records.iter().filter(|r| r["channel"] == "email").count(), sms.len());
    for r in &sms {
        assert_eq!(r["lang"], "en");
        assert_eq!(r["recipient"], "0912345678");
        let link = r["link"].as_str().unwrap();
        let token = link.strip_prefix(&format!("{}/track/", s.base)).unwrap_or_else(|| panic!("{link}"));
        assert!(Receipt::is_token_shaped(token), "{link}");
        assert!(r["message"].as_str().unwrap().contains(code), "{r}");
        assert!(r["message"].as_str().unwrap().contains(link), "{r}");
    }
    assert!(sms[5]["message"].as_str().unwrap().contains("EB123456789VN"), "{}", sms[5]);
    assert!(sms[0]["message"].as_str().unwrap().starts_with("Application"), "{}", sms[0]);
}

/// Six identical actions at once: one applies, five are refused; one event, one message.
pub async fn identical_actions_at_once_make_one_event(s: &Server, pool: &AnyPool) {
    let code = dossier(s, pool, "vi", false).await.dossier_code;
    let calls = (0..6).map(|_| act(s, Some(OFFICER), &code, json!({"action": "accept"})));
    let mut statuses: Vec<u16> = futures::future::join_all(calls).await.into_iter().map(|(status, _)| status).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409, 409, 409, 409, 409]);
    let (_, now) = get(s, Some(OFFICER), &format!("/officer/dossiers/{code}")).await;
    assert_eq!(now["events"].as_array().unwrap().len(), 2);
    assert_eq!(outbox_of(s, &code).await.iter().filter(|r| r["channel"] == "sms").count(), 1);
}

/// Zalo (issue 9's outbox): a citizen who ticked "also notify me on Zalo" gets every message on
/// Zalo too — at the contact phone's number as stored, the SMS's very message and link, one record
/// per event and channel, listed and acknowledged like the others — with or without an email;
/// one who did not tick it gets nothing there.
pub async fn zalo_only_when_asked_for(s: &Server, pool: &AnyPool) {
    let phone: Change = ("applicant_person", "applicant_phone", &["+84 987 654 321"]);
    let zalo: Change = ("applicant_person", "applicant_zalo", &["yes"]);
    let no_email: Change = ("applicant_person", "applicant_email", &[""]);
    let asked = dossier_answering(s, pool, "vi", &[phone, zalo]).await.dossier_code;
    let asked_no_email = dossier_answering(s, pool, "vi", &[phone, zalo, no_email]).await.dossier_code;
    let not_asked = dossier_answering(s, pool, "vi", &[phone]).await.dossier_code;
    let supplement = json!({"action": "request_supplement", "reason": "Ảnh CCCD bị mờ", "documents": ["CCCD"]});
    for code in [&asked, &asked_no_email, &not_asked] {
        for body in [json!({"action": "accept"}), json!({"action": "start_processing"}), supplement.clone()] {
            assert_eq!(act(s, Some(OFFICER), code, body.clone()).await.0, 200, "{body}");
        }
    }
    // Told of the acceptance (2) and the supplement request (4), not of the processing (3).
    let channels = |records: &[Value]| {
        let mut channels: Vec<(u64, String)> = records
            .iter()
            .map(|r| (r["event_seq"].as_u64().unwrap(), r["channel"].as_str().unwrap().to_string()))
            .collect();
        channels.sort();
        channels
    };
    let expected = |names: &[&str]| -> Vec<(u64, String)> {
        [2, 4].into_iter().flat_map(|seq| names.iter().map(move |n| (seq, n.to_string()))).collect()
    };
    let records = outbox_of(s, &asked).await;
    assert_eq!(channels(&records), expected(&["email", "sms", "zalo"]), "each once: {records:?}");
    assert_eq!(channels(&outbox_of(s, &asked_no_email).await), expected(&["sms", "zalo"]));
    assert_eq!(channels(&outbox_of(s, &not_asked).await), expected(&["email", "sms"]));

    for seq in [2, 4] {
        let of =
            |channel: &str| records.iter().find(|r| r["event_seq"] == seq && r["channel"] == channel).unwrap().clone();
        let (sms, zalo) = (of("sms"), of("zalo"));
        assert_eq!(zalo["id"], format!("{asked}/{seq}/zalo"));
        assert_eq!((&zalo["recipient"], &sms["recipient"]), (&json!("0987654321"), &json!("0987654321")));
        assert_eq!((&zalo["message"], &zalo["link"], &zalo["lang"]), (&sms["message"], &sms["link"], &sms["lang"]));
        assert!(zalo["message"].as_str().unwrap().contains(asked.as_str()), "{zalo}");
    }
    let stored = |code: String| async move {
        sqlx::query_scalar::<_, Option<String>>("SELECT contact_zalo FROM dossiers WHERE code = $1")
            .bind(code)
            .fetch_one(pool)
            .await
            .unwrap()
    };
    assert_eq!(stored(asked.clone()).await.as_deref(), Some("0987654321"));
    assert_eq!(stored(not_asked).await, None, "NULL when not asked for");

    // The gateway acknowledges what it sent on Zalo: those leave the list, the rest stay.
    let zalo_ids: Vec<String> =
        records.iter().filter(|r| r["channel"] == "zalo").map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ack(s, &zalo_ids).await, 2);
    assert_eq!(channels(&outbox_of(s, &asked).await), expected(&["email", "sms"]));
}
