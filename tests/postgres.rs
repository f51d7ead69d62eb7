//! The same product on PostgreSQL: the embedded portal's SQL must run unchanged on both.
//! Needs a server, so it is ignored by a plain `cargo test`; `scripts/postgres-test.sh` starts a
//! throw-away cluster and runs it (as part of `make test`).
#![cfg(feature = "ssr")]

mod common;

use common::{get, result_links, start_on_url, TempDir};

#[tokio::test]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn find_journey_works_on_postgres_and_seeds_once() {
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let first = start_on_url(TempDir::new("pg-a"), url.clone(), None).await;
    let (status, _, html) = get(&format!("{}/procedures?q=dang%20ky%20khai%20sinh", first.base)).await;
    assert_eq!(status, 200);
    assert_eq!(result_links(&html).first().map(String::as_str), Some("1.001193"));
    let (status, _, html) = get(&format!("{}/procedures/1.004873", first.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Cấp Giấy xác nhận tình trạng hôn nhân"));

    let (_, _, sectors_before) = get(&format!("{}/portal/v1/sectors", first.base)).await;
    let second = start_on_url(TempDir::new("pg-b"), url, None).await;
    let (_, _, sectors_after) = get(&format!("{}/portal/v1/sectors", second.base)).await;
    assert_eq!(sectors_before, sectors_after, "a restart must not seed the catalogue twice");
}

/// The dossier-numbering scenarios of tests/dossier_code.rs, on PostgreSQL: row locks instead of
/// SQLite's single writer, same SQL, same guarantees. Agencies of their own, so the tests can
/// share the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn dossier_numbers_are_gapless_and_unique_on_postgres() {
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let pool = dichvucong::server::portal::store::migrated_pool(&url).await.unwrap();
    common::dossier::concurrent_numbers_are_gapless_and_unique(&pool, "000.00.91.H25", 200).await;
    common::dossier::each_agency_and_day_has_its_own_count(&pool, "000.00.92.H25", "000.00.93.H25").await;
    common::dossier::the_ten_thousandth_number_of_a_day_is_refused(&pool, "000.00.94.H25").await;
}

/// Drafts on PostgreSQL: created, saved by racing tabs without losing a section, resumed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn drafts_keep_every_section_on_postgres() {
    use dichvucong::portal::{draft::SectionAnswers, PortalClient};
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let s = start_on_url(TempDir::new("pg-drafts"), url, None).await;
    let portal = PortalClient::new(format!("{}/portal/v1", s.base));
    let draft = portal.create_draft("1.001193").await.unwrap();
    let saves = (0..12).map(|i| {
        let (portal, id) = (portal.clone(), draft.id.clone());
        let fields = SectionAnswers::from([("name".to_string(), vec![format!("Nguyễn {i}")])]);
        let page = ["child", "mother", "father", "declarant"][i % 4];
        tokio::spawn(async move { portal.save_section(&id, "1.001193", page, fields).await })
    });
    for save in futures::future::join_all(saves).await {
        save.unwrap().unwrap();
    }
    let resumed = portal.resume_draft(&draft.resume_code.to_lowercase()).await.unwrap();
    assert_eq!((&resumed.id, resumed.answers.len(), resumed.revision), (&draft.id, 4, 12));
    // The database merges the section into the stored answers: whatever was typed comes back
    // as typed, a NUL and quotes included (PostgreSQL's jsonb would refuse the NUL).
    let odd = "Lò Thị \u{0}\"'\\ </script> \u{202e}ủ";
    let fields = SectionAnswers::from([("name".to_string(), vec![odd.to_string()])]);
    let saved = portal.save_section(&draft.id, "1.001193", "mother", fields).await.unwrap();
    assert_eq!(saved.answers["mother"]["name"], vec![odd.to_string()]);
    let read = portal.draft(&draft.id).await.unwrap();
    assert_eq!((read.answers["mother"]["name"][0].as_str(), read.answers.len()), (odd, 4));
}

/// A full submission on PostgreSQL: refused while a document is missing, then one dossier with
/// its receipt, the same receipt when sent again, 20 concurrent sends of one draft making one
/// dossier (the UNIQUE draft id, not SQLite's single writer, decides), and concurrent drafts
/// numbered consecutively.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn a_full_submission_makes_one_dossier_on_postgres() {
    use common::submission as sub;
    use dichvucong::portal::PortalClient;
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let s = start_on_url(TempDir::new("pg-submit"), url.clone(), None).await;
    let pool = dichvucong::server::portal::store::migrated_pool(&url).await.unwrap();
    let portal = PortalClient::new(format!("{}/portal/v1", s.base));

    let draft = sub::complete_draft(&portal, &pool).await;
    sqlx::query("DELETE FROM attachments WHERE draft_id = $1").bind(&draft.id).execute(&pool).await.unwrap();
    let (status, body) = sub::submit(&s.base, &draft.id).await;
    assert_eq!(status, 422, "{body}");
    sub::attach_mandatory(&pool, &draft.id, &portal.procedure(sub::PROCEDURE).await.unwrap()).await;
    let (status, first) = sub::submit(&s.base, &draft.id).await;
    assert_eq!(status, 201, "{first}");
    let receipt: dichvucong::portal::dossier::Receipt = serde_json::from_str(&first).unwrap();
    assert!(receipt.dossier_code.starts_with("000.00.01.H25-"), "{}", receipt.dossier_code);
    assert_eq!(sub::submit(&s.base, &draft.id).await, (200, first.clone()));
    let by_token = get(&format!("{}/portal/v1/dossiers/by-token/{}", s.base, receipt.tracking_token)).await;
    assert_eq!((by_token.0, by_token.2), (200, first));
    let saved = portal.save_section(&draft.id, &draft.procedure_code, "request", Default::default()).await;
    assert_eq!(saved, Err(dichvucong::portal::PortalError::Conflict));

    sub::one_dossier_however_often_it_is_sent(&s.base, &pool, 20).await;
    let numbers = sub::concurrent_drafts_get_consecutive_numbers(&s.base, &pool, 12).await;
    // The first dossier and the raced one took 1 and 2 (this database's only submissions today).
    assert_eq!(numbers, (3..=14).collect::<Vec<u16>>());
}

/// Documents on PostgreSQL (part A of issue 8): the guarded insert of an upload, the refusal at
/// the application's total, the list, removal, and the purge of an expired draft's files.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn documents_are_kept_refused_and_purged_on_postgres() {
    use axum::body::Bytes;
    use dichvucong::portal::{attachment::UploadLimits, client::FilesOf, PortalClient, PortalError};
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let store = TempDir::new("pg-docs-store");
    let limits = UploadLimits { max_file_bytes: 4_000, max_dossier_bytes: 5_000, max_files_per_slot: 20 };
    let settings = dichvucong::server::config::AttachmentSettings { store: store.0.display().to_string(), limits };
    let for_server = settings.clone();
    let s = common::start_configured(TempDir::new("pg-docs"), url.clone(), None, move |s| {
        s.attachments = for_server;
    })
    .await;
    let portal = PortalClient::new(format!("{}/portal/v1", s.base));
    let draft = portal.create_draft("1.001193").await.unwrap();
    let pdf = |size: usize| [b"%PDF-1.4\n".as_slice(), &vec![b' '; size - 9]].concat();
    let send = |slot: u32, bytes: Vec<u8>| {
        let (portal, id) = (portal.clone(), draft.id.clone());
        async move {
            let body = futures::stream::iter([Ok::<_, std::io::Error>(Bytes::from(bytes))]);
            portal.upload_document(&id, slot, "giấy tờ.pdf", body).await
        }
    };
    let first = send(1, pdf(3_000)).await.unwrap();
    assert_eq!(
        (first.size_bytes, first.content_type.as_str(), first.file_name.as_str()),
        (3_000, "application/pdf", "giấy tờ.pdf")
    );
    let refused = send(2, pdf(3_000)).await.unwrap_err();
    assert_eq!(refused, PortalError::Refused { status: 413, code: "dossier_full".into() });
    let second = send(2, pdf(1_000)).await.unwrap();
    assert_eq!(portal.documents(&draft.id).await.unwrap().files.len(), 2);
    portal.delete_document(&draft.id, &second.id).await.unwrap();
    assert_eq!(portal.documents(&draft.id).await.unwrap().files, vec![first]);

    let pool = dichvucong::server::portal::store::migrated_pool(&url).await.unwrap();
    sqlx::query("UPDATE drafts SET expires_at = 0 WHERE id = $1").bind(&draft.id).execute(&pool).await.unwrap();
    let store = dichvucong::server::portal::attachments::AttachmentStore::open(&settings).unwrap();
    assert_eq!(
        dichvucong::server::portal::attachments::purge_expired(
            &dichvucong::server::portal::store::Db::one(pool.clone()),
            &store
        )
        .await
        .unwrap(),
        1
    );

    // At once, on a pooled database (the draft's row is locked before the checks): a file sent
    // four times with its key is stored once, and two files that each fit but not together are
    // not both taken.
    let draft = portal.create_draft("1.001193").await.unwrap();
    let keyed = |bytes: Vec<u8>| {
        let (portal, id) = (portal.clone(), draft.id.clone());
        async move {
            let body = futures::stream::iter([Ok::<_, std::io::Error>(Bytes::from(bytes))]);
            portal.upload_file(FilesOf::Draft(&id), 1, ("ảnh.pdf", Some("pg-retry-0123456789")), body).await
        }
    };
    let tries = futures::future::join_all((0..4).map(|_| keyed(pdf(3_000)))).await;
    let ids: std::collections::HashSet<String> = tries.into_iter().map(|t| t.unwrap().id).collect();
    assert_eq!(ids.len(), 1, "one file for four tries: {ids:?}");
    let other = |slot: u32| {
        let (portal, id) = (portal.clone(), draft.id.clone());
        async move {
            let body = futures::stream::iter([Ok::<_, std::io::Error>(Bytes::from(pdf(1_500)))]);
            portal.upload_document(&id, slot, "trang.pdf", body).await
        }
    };
    let (a, b) = futures::join!(other(2), other(3));
    assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1, "3,000 + 2 × 1,500 is over 5,000: {a:?} {b:?}");
    assert_eq!(portal.documents(&draft.id).await.unwrap().files.len(), 2);
}

/// The dossier workflow on PostgreSQL: the whole legal path with its events and messages, and
/// identical actions at once making one event (the conditional update, not SQLite's single
/// writer, decides).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn the_dossier_workflow_works_on_postgres() {
    use common::workflow as wf;
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let (s, pool) = wf::start_on(TempDir::new("pg-workflow"), url).await;
    wf::journey_by_post(&s, &pool).await;
    wf::identical_actions_at_once_make_one_event(&s, &pool).await;
}

/// The citizen's return-method change on PostgreSQL (migration 0006, `return_change`): counter ↔
/// post through `PUT …/return`, each change one event and one message, refused once VNPost has
/// the result. Its own agency, so the numbering test's count of today's dossiers is not disturbed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn the_return_method_changes_on_postgres() {
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let (s, pool) = common::workflow::start_for_agency(TempDir::new("pg-return"), url, "000.00.95.H25").await;
    common::citizen::the_return_method_changes_until_the_result_has_left(&s, &pool).await;
}

/// The satisfaction rating on PostgreSQL (migration 0007, `ratings`): once per dossier — a
/// second rating is refused and the first stays, and five at once store one (the unique key on
/// PostgreSQL's concurrent writers, not SQLite's single writer, decides).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn a_dossier_is_rated_once_on_postgres() {
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let (s, pool) = common::workflow::start_for_agency(TempDir::new("pg-rating"), url, "000.00.96.H25").await;
    common::citizen::a_dossier_is_rated_once_after_completion(&s, &pool).await;
    common::citizen::two_ratings_at_once_store_one(&s, &pool).await;
}

/// Zalo notifications on PostgreSQL (migration 0008, `contact_zalo`): the ticked box stored as the
/// number, NULL when not ticked, and the outbox writing a Zalo record per message only then. Its
/// own agency, so the numbering test's count of today's dossiers is not disturbed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn zalo_gets_the_messages_only_when_asked_for_on_postgres() {
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let (s, pool) = common::workflow::start_for_agency(TempDir::new("pg-zalo"), url, "000.00.97.H25").await;
    common::workflow::zalo_only_when_asked_for(&s, &pool).await;
}

/// The hostile-input sweep on PostgreSQL, which refuses a NUL byte in text (SQLite keeps it):
/// whatever a stranger sends, no 5xx.
#[tokio::test]
#[ignore = "needs PostgreSQL: run scripts/postgres-test.sh"]
async fn hostile_values_come_back_harmless_on_postgres() {
    let url = std::env::var("TEST_POSTGRES_URL").expect("TEST_POSTGRES_URL=postgres://…");
    let s = start_on_url(TempDir::new("pg-hostile"), url, None).await;
    common::hostile::sweep(&s.base).await;
}
