//! The embedded portal's SQLite connections, held open for the life of the server.
#![cfg(feature = "ssr")]

mod common;

use common::TempDir;
use dichvucong::server::portal::store;
use sqlx::{Connection, Row};

fn temp_db(name: &str) -> (TempDir, String) {
    let dir = TempDir::new(name);
    let url = format!("sqlite://{}", dir.0.join("portal.db").display());
    (dir, url)
}

/// A caller cancelled inside `BEGIN IMMEDIATE` leaves sqlx counting a transaction that no one
/// will end (here: one whose handle is forgotten). Kept as it is, the one writer would hold the
/// write lock for good and nothing written after it would ever be committed.
#[tokio::test]
async fn a_writer_left_inside_a_transaction_is_replaced_and_writes_go_on() {
    let (_dir, url) = temp_db("held-writer");
    let db = store::connect(&url).await.unwrap();
    {
        let mut writer = db.writer().await.unwrap();
        let tx = writer.begin_with("BEGIN IMMEDIATE").await.unwrap();
        std::mem::forget(tx);
        assert!(writer.is_in_transaction());
    }
    sqlx::query("INSERT INTO dossier_sequences (agency, received_day, last_number) VALUES ('X', '2026-12-02', 7)")
        .execute(&mut *db.writer().await.unwrap())
        .await
        .unwrap();
    let row = sqlx::query("SELECT last_number FROM dossier_sequences WHERE agency = 'X'")
        .fetch_one(&mut *db.reader().await.unwrap())
        .await
        .unwrap();
    assert_eq!(row.try_get::<i64, _>(0).unwrap(), 7, "the write is committed and a reader sees it");
}

/// Readers cannot write: a stray write on one fails instead of racing the one writer.
#[tokio::test]
async fn a_reader_refuses_to_write() {
    let (_dir, url) = temp_db("held-reader");
    let db = store::connect(&url).await.unwrap();
    let written = sqlx::query("INSERT INTO dossier_sequences (agency, received_day, last_number) VALUES ('X', 'd', 1)")
        .execute(&mut *db.reader().await.unwrap())
        .await;
    assert!(written.is_err());
}
