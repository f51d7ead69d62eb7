//! Dossier codes on the real SQLite database (WAL, the portal's own pool and migrations):
//! numbers are gapless and unique under concurrent submissions, some of them rolled back.
#![cfg(feature = "ssr")]

mod common;

use common::{dossier, TempDir};
use dichvucong::server::portal::store;

async fn sqlite(name: &str) -> (TempDir, sqlx::AnyPool) {
    let dir = TempDir::new(name);
    let pool = store::migrated_pool(&format!("sqlite://{}", dir.0.join("test.db").display())).await.unwrap();
    (dir, pool)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_submissions_get_numbers_one_to_n() {
    let (_dir, pool) = sqlite("seq-concurrent").await;
    dossier::concurrent_numbers_are_gapless_and_unique(&pool, "000.00.01.H25", 200).await;
}

#[tokio::test]
async fn each_agency_and_vietnam_day_counts_from_one() {
    let (_dir, pool) = sqlite("seq-days").await;
    dossier::each_agency_and_day_has_its_own_count(&pool, "000.00.01.H25", "000.00.02.H25").await;
}

#[tokio::test]
async fn the_ten_thousandth_dossier_of_a_day_is_refused() {
    let (_dir, pool) = sqlite("seq-full").await;
    dossier::the_ten_thousandth_number_of_a_day_is_refused(&pool, "000.00.01.H25").await;
}
