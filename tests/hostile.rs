//! The hostile-input sweep (tests/common/hostile.rs) on SQLite; tests/postgres.rs runs it on
//! PostgreSQL, which refuses a NUL in text where SQLite keeps it.
#![cfg(feature = "ssr")]

mod common;

#[tokio::test]
async fn hostile_values_in_every_path_query_and_header_come_back_harmless() {
    let s = common::start("hostile").await;
    common::hostile::sweep(&s.base).await;
}
