//! Applications sent at the same moment, on the real server and database: on SQLite those waiting
//! for the one writer are written together, and still each draft makes one dossier, numbered
//! without a gap, whatever else in the group changed, failed or ran out; clients that hang up do
//! not break the sending of the others.
#![cfg(feature = "ssr")]

mod common;

use common::submission::{self as sub, portal, start};
use dichvucong::portal::dossier::Receipt;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_submissions_of_one_draft_make_one_dossier() {
    let (s, pool) = start("submit-race").await;
    sub::one_dossier_however_often_it_is_sent(&s.base, &pool, 20).await;
}

/// On SQLite the submissions waiting are written together (one transaction, the numbers taken at
/// once): six drafts each sent four times at once, interleaved, still make one dossier each,
/// numbered one to six — a repeat that finds its draft claimed earlier in the same group uses no
/// number, and the others of the group are kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn drafts_sent_several_times_at_once_make_one_dossier_each_without_a_gap() {
    let (s, pool) = start("submit-groups").await;
    let portal = portal(&s);
    let mut ids = Vec::new();
    for _ in 0..6 {
        ids.push(sub::complete_draft(&portal, &pool).await.id);
    }
    let calls = (0..4).flat_map(|_| ids.clone()).map(|id| {
        let base = s.base.clone();
        tokio::spawn(async move { (id.clone(), sub::submit(&base, &id).await) })
    });
    let answers: Vec<_> = futures::future::join_all(calls).await.into_iter().map(Result::unwrap).collect();
    assert!(answers.iter().all(|(_, (status, _))| [200, 201].contains(status)), "{answers:?}");
    assert_eq!(answers.iter().filter(|(_, (status, _))| *status == 201).count(), 6, "one dossier a draft");
    let mut numbers = Vec::new();
    for id in &ids {
        let receipts: Vec<&String> = answers.iter().filter(|(d, _)| d == id).map(|(_, (_, body))| body).collect();
        assert!(receipts.iter().all(|r| *r == receipts[0]), "every send of a draft gets its one receipt");
        let receipt: serde_json::Value = serde_json::from_str(receipts[0]).unwrap();
        numbers.push(sub::number(receipt["dossier_code"].as_str().unwrap()));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=6).collect::<Vec<u16>>(), "numbered one to six, none lost to a repeat");
    assert_eq!(sub::count(&pool, "SELECT COUNT(*) FROM dossiers WHERE code <> $1", "").await, 6);
}

/// Submissions sent together are written in one transaction; one that the database refuses
/// (here a trigger, as a full disk or a broken row would) sends its group back to be written one
/// by one: the others are kept, numbered without a gap, and only it fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_submission_the_database_refuses_does_not_cost_the_others_sent_with_it() {
    let (s, pool) = start("submit-refused").await;
    let portal = portal(&s);
    let mut ids = Vec::new();
    for _ in 0..6 {
        ids.push(sub::complete_draft(&portal, &pool).await.id);
    }
    let refused = ids[2].clone();
    sqlx::query(&format!(
        "CREATE TRIGGER refuse BEFORE INSERT ON dossiers WHEN NEW.draft_id = '{refused}' \
         BEGIN SELECT RAISE(ABORT, 'refused'); END"
    ))
    .execute(&pool)
    .await
    .unwrap();
    let calls = (0..3).flat_map(|_| ids.clone()).map(|id| {
        let base = s.base.clone();
        tokio::spawn(async move { (id.clone(), sub::submit(&base, &id).await) })
    });
    let answers: Vec<_> = futures::future::join_all(calls).await.into_iter().map(Result::unwrap).collect();
    for (id, (status, body)) in &answers {
        if *id == refused {
            assert!(*status >= 500, "{status} {body}");
        } else {
            assert!([200, 201].contains(status), "{status} {body}");
        }
    }
    let mut numbers = Vec::new();
    for id in ids.iter().filter(|id| **id != refused) {
        let (_, (_, body)) = answers.iter().find(|(d, _)| d == id).unwrap();
        let receipt: serde_json::Value = serde_json::from_str(body).unwrap();
        numbers.push(sub::number(receipt["dossier_code"].as_str().unwrap()));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=5).collect::<Vec<u16>>(), "the five others numbered one to five");
    assert_eq!(sub::count(&pool, "SELECT COUNT(*) FROM dossiers WHERE draft_id = $1", &refused).await, 0);
}

/// A group needing more of the day's numbers than are left: the last ones go to some of it, the
/// rest are refused, and no number is given twice or past 9,999.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sent_together_when_the_days_numbers_run_out_each_left_is_used_once() {
    let (s, pool) = start("submit-last-numbers").await;
    let portal = portal(&s);
    let (_, body) = sub::submit(&s.base, &sub::complete_draft(&portal, &pool).await.id).await;
    assert_eq!(sub::number(serde_json::from_str::<Receipt>(&body).unwrap().dossier_code.as_str()), 1);
    sqlx::query("UPDATE dossier_sequences SET last_number = 9997").execute(&pool).await.unwrap();
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(sub::complete_draft(&portal, &pool).await.id);
    }
    let calls = ids.iter().cloned().map(|id| {
        let base = s.base.clone();
        tokio::spawn(async move { sub::submit(&base, &id).await })
    });
    let answers: Vec<_> = futures::future::join_all(calls).await.into_iter().map(Result::unwrap).collect();
    let mut numbers: Vec<u16> = answers
        .iter()
        .filter(|(status, _)| *status == 201)
        .map(|(_, body)| sub::number(&serde_json::from_str::<Receipt>(body).unwrap().dossier_code))
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, [9998, 9999], "{answers:?}");
    assert!(answers.iter().filter(|(status, _)| *status != 201).all(|(status, _)| *status >= 500), "{answers:?}");
    assert_eq!(sub::count(&pool, "SELECT COUNT(*) FROM dossiers WHERE code <> $1", "").await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn different_drafts_sent_at_once_get_the_numbers_one_to_n() {
    let (s, pool) = start("submit-numbers").await;
    let numbers = sub::concurrent_drafts_get_consecutive_numbers(&s.base, &pool, 12).await;
    assert_eq!(numbers, (1..=12).collect::<Vec<u16>>());
}

/// Clients that hang up while their application is being sent (a phone losing its signal, a
/// front end's timeout) must not break the sending of everyone after them.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sends_cut_off_by_their_clients_do_not_break_later_ones() {
    let (s, pool) = start("submit-cut").await;
    let portal = portal(&s);
    let mut drafts = Vec::new();
    for _ in 0..60 {
        drafts.push(sub::complete_draft(&portal, &pool).await);
    }
    let impatient = reqwest::Client::builder().timeout(std::time::Duration::from_millis(3)).build().unwrap();
    let cut: Vec<_> = drafts[..50]
        .iter()
        .map(|d| {
            let (client, url) = (impatient.clone(), format!("{}/portal/v1/drafts/{}/submit", s.base, d.id));
            tokio::spawn(async move { client.post(url).send().await.map(|r| r.status().as_u16()) })
        })
        .collect();
    for task in cut {
        let _ = task.await.unwrap();
    }
    for d in &drafts[50..] {
        let (status, body) = sub::submit(&s.base, &d.id).await;
        assert!(status == 201 || status == 200, "a later send: {status} {body}");
    }
    // And those cut off are sent once when they try again.
    for d in &drafts[..50] {
        let (status, body) = sub::submit(&s.base, &d.id).await;
        assert!(status == 201 || status == 200, "a retried send: {status} {body}");
    }
    assert_eq!(sub::count(&pool, "SELECT COUNT(*) FROM dossiers WHERE draft_id <> $1", "").await, 60);
}
