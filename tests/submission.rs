//! Sending an application, on the real server and database: one dossier per draft however often
//! it is sent, a receipt in the legal format with the due date in working days, a signed
//! tracking link, and the pages a citizen sees (without JavaScript).
#![cfg(feature = "ssr")]

mod common;

use common::raw::{self, RawResponse};
use common::submission::{self as sub, portal, start, PROCEDURE};
use dichvucong::portal::dossier::Receipt;
use dichvucong::portal::types::{ChannelKind, ProcessingTime, TimeUnit};
use dichvucong::portal::PortalError;
use dichvucong::server::portal::dossier::{link, WorkingCalendar, VIETNAM};

#[tokio::test]
async fn a_complete_application_becomes_one_dossier_with_its_receipt() {
    let (s, pool) = start("submit").await;
    let portal = portal(&s);
    let procedure = portal.procedure(PROCEDURE).await.unwrap();
    let form = portal.form(PROCEDURE).await.unwrap();
    let province = portal.province().await.unwrap();
    let draft = portal.create_draft(PROCEDURE).await.unwrap();
    for (section, answers) in sub::fill(&form, &province) {
        portal.save_section(&draft.id, &draft.procedure_code, &section, answers).await.unwrap();
    }

    // Answers complete, documents not: refused, naming the documents by slot.
    let (status, body) = sub::submit(&s.base, &draft.id).await;
    assert_eq!(status, 422, "{body}");
    let refused: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mandatory: Vec<u64> =
        (0u64..).zip(&procedure.documents).filter(|(_, d)| d.must_upload(false)).map(|(slot, _)| slot).collect();
    assert_eq!(refused["code"], "incomplete");
    assert_eq!(refused["fields"], serde_json::json!([]));
    assert_eq!(refused["documents"], serde_json::json!(mandatory));
    // A file of a document that is not required does not count.
    let optional = (0u64..).zip(&procedure.documents).find(|(_, d)| !d.mandatory).map(|(slot, _)| slot).unwrap();
    sub::attach(&pool, &draft.id, optional as i64).await;
    assert_eq!(sub::submit(&s.base, &draft.id).await.0, 422);
    for slot in &mandatory {
        sub::attach(&pool, &draft.id, *slot as i64).await;
    }

    let (status, first) = sub::submit(&s.base, &draft.id).await;
    assert_eq!(status, 201, "{first}");
    let receipt: Receipt = serde_json::from_str(&first).unwrap();
    let today = time::OffsetDateTime::now_utc().to_offset(VIETNAM).date();
    let yymmdd = format!("{:02}{:02}{:02}", today.year() % 100, u8::from(today.month()), today.day());
    assert_eq!(receipt.dossier_code, format!("000.00.01.H25-{yymmdd}-0001"), "the legal format, today's first");
    assert_eq!(receipt.procedure_code, PROCEDURE);
    assert_eq!(receipt.procedure_name, procedure.name);
    let files: Vec<u32> = receipt.documents.iter().map(|d| d.files).collect();
    let expected: Vec<u32> = (0u64..)
        .zip(&procedure.documents)
        .map(|(slot, _)| u32::from(slot == optional || mandatory.contains(&slot)))
        .collect();
    assert_eq!(files, expected, "files counted per document");
    let online = procedure.channels.iter().find(|c| c.kind == ChannelKind::Online).unwrap();
    assert_eq!(receipt.fees, online.fees);

    // The due date is the working calendar's, counted from the moment stored.
    let received: i64 = sqlx::query_scalar("SELECT received_at FROM dossiers WHERE draft_id = $1")
        .bind(&draft.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let calendar =
        WorkingCalendar::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/calendar/vn-holidays.toml"))
            .unwrap();
    let at = time::OffsetDateTime::from_unix_timestamp(received).unwrap();
    let due = calendar.due_date(at, &online.processing_time).unwrap();
    let day = |t: time::OffsetDateTime| {
        let t = t.to_offset(VIETNAM);
        format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
    };
    assert_eq!(receipt.due_at.get(..10), Some(day(due.due).as_str()), "{}", receipt.due_at);
    assert_eq!(receipt.counted_from.get(..10), Some(day(due.counted_from).as_str()));
    assert_eq!(
        online.processing_time,
        ProcessingTime { unit: TimeUnit::WorkingDays, ..online.processing_time.clone() }
    );
    assert!(receipt.due_at > receipt.received_at);

    // Again: the same receipt, byte for byte, and still one dossier.
    let (status, again) = sub::submit(&s.base, &draft.id).await;
    assert_eq!((status, again.as_str()), (200, first.as_str()));
    let stored = raw::get(&s.base, &format!("/portal/v1/drafts/{}/receipt", draft.id)).await;
    assert_eq!((stored.status, stored.text()), (200, first.clone()));
    assert_eq!(stored.header("cache-control"), Some("no-store"), "a person's receipt is kept by no cache");
    let by_token = raw::get(&s.base, &format!("/portal/v1/dossiers/by-token/{}", receipt.tracking_token)).await;
    assert_eq!((by_token.status, by_token.text()), (200, first.clone()));
    assert_eq!(sub::count(&pool, "SELECT COUNT(*) FROM dossiers WHERE draft_id = $1", &draft.id).await, 1);
    let marked = sub::count(&pool, "SELECT COUNT(*) FROM attachments WHERE dossier_code = $1", &receipt.dossier_code);
    assert_eq!(marked.await, mandatory.len() as i64 + 1, "the files belong to the dossier");

    // The draft is sent: it says so, and takes no more changes.
    assert_eq!(portal.draft(&draft.id).await.unwrap().dossier_code.as_deref(), Some(receipt.dossier_code.as_str()));
    let section = form.pages[0].id.clone();
    assert_eq!(
        portal.save_section(&draft.id, &draft.procedure_code, &section, Default::default()).await,
        Err(PortalError::Conflict)
    );
    let put = reqwest::Client::new()
        .put(format!("{}/portal/v1/drafts/{}/sections/{section}", s.base, draft.id))
        .json(&serde_json::json!({"fields": {}}))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 409);
    assert_eq!(put.json::<serde_json::Value>().await.unwrap()["code"], "submitted");
}

#[tokio::test]
async fn the_e_form_itself_and_documents_only_for_a_case_are_not_demanded() {
    // Birth registration: its declaration (slot 0) is what the pages fill in, the birth notice
    // (slot 1) is needed only for a child born at a health facility; the documents page calls
    // only the ID card (slot 6) required, and the portal must send on that same rule.
    let (s, pool) = start("submit-must-upload").await;
    let portal = portal(&s);
    let code = "1.001193";
    let (form, province) = (portal.form(code).await.unwrap(), portal.province().await.unwrap());
    let draft = portal.create_draft(code).await.unwrap();
    for (section, answers) in sub::fill(&form, &province) {
        portal.save_section(&draft.id, &draft.procedure_code, &section, answers).await.unwrap();
    }
    let (status, body) = sub::submit(&s.base, &draft.id).await;
    assert_eq!(status, 422, "{body}");
    let refused: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (&refused["fields"], &refused["documents"]),
        (&serde_json::json!([]), &serde_json::json!([6])),
        "{body}"
    );
    sub::attach(&pool, &draft.id, 6).await;
    let (status, body) = sub::submit(&s.base, &draft.id).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn an_unfinished_application_is_refused_with_what_is_missing() {
    let (s, pool) = start("submit-unfinished").await;
    let draft = portal(&s).create_draft(PROCEDURE).await.unwrap();
    let (status, body) = sub::submit(&s.base, &draft.id).await;
    assert_eq!(status, 422, "{body}");
    let refused: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(refused["code"], "incomplete");
    let fields: Vec<&str> = refused["fields"].as_array().unwrap().iter().filter_map(|f| f.as_str()).collect();
    assert!(fields.contains(&"summary") && fields.contains(&"result_copies"), "{fields:?}");
    assert_eq!(sub::count(&pool, "SELECT COUNT(*) FROM dossiers WHERE draft_id = $1", &draft.id).await, 0);
    let (status, _) = sub::submit(&s.base, "abcdefghijabcdefghijabcdef").await;
    assert_eq!(status, 404);
    // Nothing was numbered: the next dossier of the day is still the first.
    let numbered = sub::count(&pool, "SELECT COUNT(*) FROM dossier_sequences WHERE agency <> $1", "").await;
    assert_eq!(numbered, 0);
}

#[tokio::test]
async fn forged_expired_and_unknown_tokens_are_one_and_the_same_not_found() {
    let (s, pool) = start("submit-tokens").await;
    let draft = sub::complete_draft(&portal(&s), &pool).await;
    let (_, body) = sub::submit(&s.base, &draft.id).await;
    let receipt: Receipt = serde_json::from_str(&body).unwrap();
    let key: String = sqlx::query_scalar("SELECT link_key FROM dossiers WHERE code = $1")
        .bind(&receipt.dossier_code)
        .fetch_one(&pool)
        .await
        .unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut tampered = receipt.tracking_token.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let other_key = link::new_link_key().unwrap();
    let bad = [
        tampered,
        link::sign(&receipt.dossier_code, now - 1, &key).unwrap(),
        link::sign(&receipt.dossier_code, now + 3600, &other_key).unwrap(),
        link::sign("000.00.01.H25-250314-0999", now + 3600, &other_key).unwrap(),
        "garbage.token-that-is-not-one".into(),
        link::sign_short(&receipt.dossier_code.parse().unwrap(), &other_key).unwrap(),
    ];
    let unknown = raw::get(&s.base, &format!("/portal/v1/dossiers/by-token/{}", bad[3])).await;
    assert_eq!(unknown.status, 404);
    for token in &bad {
        let res = raw::get(&s.base, &format!("/portal/v1/dossiers/by-token/{token}")).await;
        assert_eq!((res.status, res.text()), (404, unknown.text()), "{token}");
        let page = raw::get(&s.base, &format!("/track/{token}")).await;
        assert_eq!(page.status, 404, "{token}");
        assert!(!page.text().contains(&receipt.dossier_code));
    }
    // Right after the submission the receipt comes from memory: the same bytes as issued and as
    // stored, and only for the one good token (above).
    let stored: String = sqlx::query_scalar("SELECT receipt FROM dossiers WHERE code = $1")
        .bind(&receipt.dossier_code)
        .fetch_one(&pool)
        .await
        .unwrap();
    let by_token = raw::get(&s.base, &format!("/portal/v1/dossiers/by-token/{}", receipt.tracking_token)).await;
    assert_eq!((by_token.status, by_token.text()), (200, body.clone()));
    assert_eq!(stored, body);
    let good = raw::get(&s.base, &format!("/track/{}", receipt.tracking_token)).await;
    assert_eq!(good.status, 200);
    assert!(good.text().contains(&receipt.dossier_code) && good.text().contains("Mới đăng ký"));
    assert_eq!(good.header("cache-control"), Some("no-store"));
}

const SAME_SITE: (&str, &[u8]) = ("sec-fetch-site", b"same-origin");

async fn post(base: &str, target: &str, cookie: &str, body: &str) -> RawResponse {
    let headers = [SAME_SITE, ("cookie", cookie.as_bytes()), ("content-type", b"application/x-www-form-urlencoded")];
    raw::request(base, "POST", target.as_bytes(), &headers, body.as_bytes()).await
}

async fn get(base: &str, target: &str, cookie: &str) -> RawResponse {
    raw::request(base, "GET", target.as_bytes(), &[("cookie", cookie.as_bytes())], b"").await
}

#[tokio::test]
async fn the_citizen_sends_the_application_and_gets_the_receipt_with_its_qr_code() {
    let (s, pool) = start("submit-pages").await;
    let started =
        raw::request(&s.base, "POST", format!("/apply/{PROCEDURE}/start").as_bytes(), &[SAME_SITE], b"").await;
    let cookie = started.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
    let draft_id = cookie.split('=').nth(1).unwrap().to_string();
    let check = format!("/apply/{PROCEDURE}/check");
    let send = format!("/apply/{PROCEDURE}/submit");

    // Unfinished: back to "check your answers", which says why.
    let refused = post(&s.base, &send, &cookie, "").await;
    assert_eq!((refused.status, refused.header("location")), (303, Some(format!("{check}?incomplete=1").as_str())));
    let html = get(&s.base, &format!("{check}?incomplete=1"), &cookie).await.text();
    assert!(html.contains("Hồ sơ chưa gửi được") && html.contains(&format!("action=\"{send}\"")), "{html}");
    // An error summary on the page: its title says so first, as on every page with an error.
    assert!(html.contains("<title>Lỗi: Kiểm tra lại thông tin"), "{html}");

    // Every page answered (the request page through its form, the others through the portal), and
    // the files.
    let saved = post(&s.base, &format!("/apply/{PROCEDURE}/p/request"), &cookie, "summary=%C4%90%E1%BB%81+ngh%E1%BB%8B+x%C3%A1c+nh%E1%BA%ADn+t%C3%ACnh+tr%E1%BA%A1ng+h%C3%B4n+nh%C3%A2n&result_copies=1").await;
    assert_eq!(saved.status, 303);
    let (form, province) = (portal(&s).form(PROCEDURE).await.unwrap(), portal(&s).province().await.unwrap());
    for (section, answers) in sub::fill(&form, &province).into_iter().filter(|(id, _)| id != "request") {
        portal(&s).save_section(&draft_id, PROCEDURE, &section, answers).await.unwrap();
    }
    sub::attach_mandatory(&pool, &draft_id, &portal(&s).procedure(PROCEDURE).await.unwrap()).await;

    let sent = post(&s.base, &send, &cookie, "").await;
    assert_eq!(sent.status, 303);
    let location = sent.header("location").unwrap().to_string();
    assert!(location.starts_with("/apply/receipt/"), "{location}");
    let page = get(&s.base, &location, "").await;
    let html = page.text();
    assert_eq!(page.status, 200, "{html}");
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let code: String = sqlx::query_scalar("SELECT code FROM dossiers WHERE draft_id = $1")
        .bind(&draft_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    for shown in
        [code.as_str(), "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Ngày hẹn trả kết quả", "<svg", "Đã gửi hồ sơ"]
    {
        assert!(html.contains(shown), "the receipt shows {shown}");
    }
    let token = location.trim_start_matches("/apply/receipt/");
    assert!(html.contains(&format!("{}/track/{token}", s.base)), "the QR code's link is the site's own");
    // The token is the code and a short signature; the QR code holds it in capitals under /T/,
    // which leads to the tracking page.
    assert_eq!(token.rsplit_once('.').map(|(c, tag)| (c, tag.len())), Some((code.as_str(), 16)));
    let from_qr = get(&s.base, &format!("/T/{token}"), "").await;
    assert_eq!((from_qr.status, from_qr.header("location")), (308, Some(format!("/track/{token}").as_str())));
    let svg = html.split("<svg aria-hidden=\"true\"").nth(1).unwrap().split("</svg>").next().unwrap();
    assert!(!svg.contains(token) && svg.contains("<path"), "the QR code is drawn, not written");

    // A replayed POST, a double tap: the same receipt. Pages and saves of the sent draft lead there.
    let again = post(&s.base, &send, &cookie, "").await;
    assert_eq!((again.status, again.header("location")), (303, Some(location.as_str())));
    let back = get(&s.base, &check, &cookie).await.text();
    assert!(back.contains("Hồ sơ này đã được gửi") && back.contains(&format!("href=\"{location}\"")), "{back}");
    assert!(back.contains(&code));
    let late = post(&s.base, &format!("/apply/{PROCEDURE}/p/request"), &cookie, "summary=changed+my+mind").await;
    assert_eq!((late.status, late.header("location")), (303, Some(location.as_str())));
    assert_eq!(sub::count(&pool, "SELECT COUNT(*) FROM dossiers WHERE draft_id = $1", &draft_id).await, 1);

    // The resume code of a sent application, in another browser, leads to its receipt too.
    let resume_code = portal(&s).draft(&draft_id).await.unwrap().resume_code;
    let resumed = post(&s.base, "/apply/resume", "", &format!("code={resume_code}")).await;
    assert_eq!(resumed.header("location"), Some(check.as_str()));
    let other = resumed.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
    assert!(get(&s.base, &check, &other).await.text().contains(&format!("href=\"{location}\"")));

    // In English, the same receipt in the reader's language.
    let english = get(&s.base, &format!("{location}?lang=en"), "").await.text();
    assert!(english.contains("RECEIPT OF DOSSIER AND APPOINTMENT FOR THE RESULT") && english.contains(&code));
}

#[tokio::test]
async fn a_result_sent_by_post_has_its_address_and_the_quoted_postal_fee_on_the_receipt() {
    let (s, pool) = start("submit-post").await;
    let portal = portal(&s);
    let draft = sub::complete_draft(&portal, &pool).await;
    let province = portal.province().await.unwrap();
    let commune = province.units.last().unwrap();
    let by_post = [
        ("return_method", "post"),
        ("return_recipient", "Trần Thị Bình"),
        ("return_phone", "0987654321"),
        ("return_address.province", province.code.as_str()),
        ("return_address.commune", commune.code.as_str()),
        ("return_address.street", "Số 5 ngõ 12"),
        ("return_originals_by_post", "yes"),
    ];
    let fields = by_post.iter().map(|(k, v)| (k.to_string(), vec![v.to_string()])).collect();
    portal.save_section(&draft.id, &draft.procedure_code, "return", fields).await.unwrap();
    let (status, body) = sub::submit(&s.base, &draft.id).await;
    assert_eq!(status, 201, "{body}");
    let receipt: Receipt = serde_json::from_str(&body).unwrap();
    let quote = portal.postal_fee(&commune.code, true).await.unwrap();
    assert_eq!(receipt.return_method, dichvucong::portal::dossier::ReturnMethod::Post);
    assert_eq!(receipt.postal_fee_vnd, Some(quote.fee_vnd), "the fee the return page quoted");
    for part in ["Trần Thị Bình", "Số 5 ngõ 12", commune.name.as_str()] {
        assert!(receipt.return_address.contains(part), "{}", receipt.return_address);
    }
    let page = raw::get(&s.base, &format!("/apply/receipt/{}", receipt.tracking_token)).await.text();
    assert!(page.contains("Cước dịch vụ bưu chính") && page.contains(&dichvucong::i18n::format_vnd(quote.fee_vnd)));
}
