//! The dossier-numbering scenario, run on SQLite (tests/dossier_code.rs) and on PostgreSQL
//! (tests/postgres.rs): the same assertions on both, so the one SQL statement is proven on both.

use dichvucong::server::portal::dossier::{
    begin_submission, next_dossier_code, AgencyCode, DossierCode, DossierError, VIETNAM,
};
use sqlx::AnyPool;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

pub fn vn(y: i32, m: u8, d: u8, h: u8, min: u8) -> OffsetDateTime {
    let date = Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap();
    PrimitiveDateTime::new(date, Time::from_hms(h, min, 0).unwrap()).assume_offset(VIETNAM)
}

/// Takes a code in its own transaction, holding it open a moment so others queue behind it, and
/// commits or rolls back. Returns the code when committed.
async fn submit(pool: &AnyPool, agency: &AgencyCode, at: OffsetDateTime, commit: bool) -> Option<DossierCode> {
    let mut conn = pool.acquire().await.expect("a connection");
    let mut tx = begin_submission(&mut conn).await.expect("a transaction");
    let code = next_dossier_code(&mut tx, agency, at).await.expect("a number");
    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    if commit {
        tx.commit().await.expect("commit");
        Some(code)
    } else {
        tx.rollback().await.expect("rollback");
        None
    }
}

/// `tasks` concurrent submissions for `agency` on one day, every fifth rolled back: the committed
/// numbers are exactly 1..=N, no gap, no duplicate; the next one is N + 1.
pub async fn concurrent_numbers_are_gapless_and_unique(pool: &AnyPool, agency: &str, tasks: usize) {
    let agency: AgencyCode = agency.parse().unwrap();
    let at = vn(2025, 3, 14, 10, 0);
    let handles: Vec<_> = (0..tasks)
        .map(|i| {
            let (pool, agency) = (pool.clone(), agency.clone());
            tokio::spawn(async move { submit(&pool, &agency, at, i % 5 != 0).await })
        })
        .collect();
    let mut committed = Vec::new();
    for handle in handles {
        committed.extend(handle.await.expect("the task finishes"));
    }
    let expected = tasks - tasks.div_ceil(5);
    assert_eq!(committed.len(), expected);
    let mut numbers: Vec<u16> = committed.iter().map(DossierCode::number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=expected as u16).collect::<Vec<_>>(), "gapless and unique");
    for code in &committed {
        assert_eq!(code.agency(), &agency);
        let text = code.to_string();
        assert!(text.starts_with(&format!("{agency}-250314-")), "{text}");
        assert_eq!(DossierCode::parse(&text).as_ref(), Ok(code));
    }
    let next = submit(pool, &agency, at, true).await.unwrap();
    assert_eq!(usize::from(next.number()), expected + 1, "rolled-back numbers were given back");
}

/// Each agency and each Vietnam day counts from 1; the day is Vietnam's, not UTC's.
pub async fn each_agency_and_day_has_its_own_count(pool: &AnyPool, first: &str, second: &str) {
    let (first, second): (AgencyCode, AgencyCode) = (first.parse().unwrap(), second.parse().unwrap());
    let day = vn(2025, 6, 2, 9, 0);
    assert_eq!(submit(pool, &first, day, true).await.unwrap().number(), 1);
    assert_eq!(submit(pool, &first, day, true).await.unwrap().number(), 2);
    assert_eq!(submit(pool, &second, day, true).await.unwrap().number(), 1);
    // 17:30 UTC on 2 June is 00:30 on 3 June in Vietnam: a new day, a new count.
    let utc = PrimitiveDateTime::new(
        Date::from_calendar_date(2025, Month::June, 2).unwrap(),
        Time::from_hms(17, 30, 0).unwrap(),
    )
    .assume_utc();
    let code = submit(pool, &first, utc, true).await.unwrap();
    assert_eq!((code.number(), code.received()), (1, Date::from_calendar_date(2025, Month::June, 3).unwrap()));
    assert!(code.to_string().ends_with("-250603-0001"), "{code}");
}

/// The 10,000th dossier of a day is a typed error that changes nothing; the transaction stays
/// usable.
pub async fn the_ten_thousandth_number_of_a_day_is_refused(pool: &AnyPool, agency: &str) {
    let agency: AgencyCode = agency.parse().unwrap();
    sqlx::query("INSERT INTO dossier_sequences (agency, received_day, last_number) VALUES ($1, $2, 9998)")
        .bind(agency.as_str().to_string())
        .bind("2025-07-01")
        .execute(pool)
        .await
        .unwrap();
    let at = vn(2025, 7, 1, 10, 0);
    assert_eq!(submit(pool, &agency, at, true).await.unwrap().to_string(), format!("{agency}-250701-9999"));
    let mut conn = pool.acquire().await.unwrap();
    let mut tx = begin_submission(&mut conn).await.unwrap();
    match next_dossier_code(&mut tx, &agency, at).await {
        Err(DossierError::SequenceExhausted { agency: a, day }) => {
            assert_eq!((a, day), (agency.clone(), at.date()));
        }
        other => panic!("expected SequenceExhausted, got {other:?}"),
    }
    tx.commit().await.expect("the transaction is still usable");
    drop(conn);
    let last: i64 =
        sqlx::query_scalar("SELECT last_number FROM dossier_sequences WHERE agency = $1 AND received_day = $2")
            .bind(agency.as_str().to_string())
            .bind("2025-07-01")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(last, 9999);
}
