//! When SQLite's write-ahead log is folded back into the database: in the lulls between writes,
//! never inside a commit.
//!
//! Every write lands in the log first; a checkpoint copies the log's pages into the database,
//! syncs it, and empties the log. Whoever does that holds the one writer meanwhile, and every
//! write waits for it:
//! - SQLite's own checkpoints ran inside a commit once the log held 1,000 pages, and then inside
//!   every commit after it, each copying and syncing: at 200 connections, groups of submissions
//!   whose commit took 8–45 ms;
//! - they could not empty the log either while four readers were always busy (ten seconds of
//!   step saves left a 359 MB log), so the writer also emptied it every 250 ms (`TRUNCATE`).
//!
//! Both stalls fell in the middle of a burst, on whoever was waiting. Now commits never copy
//! (`wal_autocheckpoint=0`), and the log is emptied when the writes pause: the writer has not
//! been taken since the last look, 50 ms ago, and is free. A burst that never pauses grows the
//! log until [`LOG_CAP`], which is then emptied whatever the load, so the file stays bounded.
//! A/B at 200 connections, submissions, 2 s runs interleaved (bench/RESULTS.md, session 15):
//! emptied every 250 ms with SQLite's checkpoints, p99 68–89 ms; never emptied during the run,
//! 44–64 ms.

use super::{writer_thread, Db, Held, Inner, BUSY_TIMEOUT_MS};
use sqlx::{AnyConnection, Executor, Row};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Weak;
use std::time::{Duration, Instant};

/// How often the writes are looked at: a pause this long is a lull.
const LOOK_EVERY: Duration = Duration::from_millis(50);

/// In the lulls, the log is emptied at most this often: a trickle of writes (a few a second,
/// most of the day) does not pay a sync for each.
const LULL_EVERY: Duration = Duration::from_millis(250);

/// A log this large is emptied even in the middle of a burst. Three seconds of submissions at
/// 200 connections (~7,000 dossiers, ~8 pages each) leave ~240 MB; emptying that many takes
/// ~0.3 s here, once, where the periodic emptying cost every burst a stall four times a second.
pub(super) const LOG_CAP: u64 = 512 << 20;

/// Whether a log of `log_bytes` is emptied now, `since_last` after the last emptying.
fn empty_now(lull: bool, since_last: Duration, log_bytes: u64, cap: u64) -> bool {
    log_bytes > 0 && (log_bytes >= cap || (lull && since_last >= LULL_EVERY))
}

/// The writer's connection never copies the log in a commit: [`keep_the_log_short`] does.
pub(super) async fn no_copies_in_commits(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    if conn.backend_name().eq_ignore_ascii_case("sqlite") {
        conn.execute("PRAGMA wal_autocheckpoint=0;").await?;
    }
    Ok(())
}

/// The log's file beside the database's; `None` for a database in memory, which has none.
pub(super) async fn log_file(conn: &mut AnyConnection) -> Option<PathBuf> {
    let rows = sqlx::query("PRAGMA database_list").fetch_all(conn).await.ok()?;
    let main = rows.iter().find(|row| row.try_get::<String, _>(1).is_ok_and(|name| name == "main"))?;
    let file: String = main.try_get(2).ok()?;
    (!file.is_empty()).then(|| PathBuf::from(format!("{file}-wal")))
}

/// Empties the log in the lulls, or past `cap` bytes, on the writer's thread, for as long as
/// the database is open.
pub(super) fn keep_the_log_short(held: Weak<Held>, cap: u64) {
    writer_thread().spawn(async move {
        let (mut seen, mut last) = (0, Instant::now());
        loop {
            tokio::time::sleep(LOOK_EVERY).await;
            let Some(held) = held.upgrade() else { return };
            let Some(log) = &held.log else { return };
            let writes = held.writes.load(Ordering::Relaxed);
            let lull = writes == seen;
            seen = writes;
            let log_bytes = std::fs::metadata(log).map_or(0, |m| m.len());
            if !empty_now(lull, last.elapsed(), log_bytes, cap) {
                continue;
            }
            // In a lull, only a free writer: one taken since the look is a burst starting.
            let mut writer = match held.writer.try_lock() {
                Ok(writer) => writer,
                Err(_) if log_bytes >= cap => held.writer.lock().await,
                Err(_) => continue,
            };
            if let Err(e) = empty(&mut writer).await {
                tracing::warn!("emptying the database's write-ahead log failed: {e}");
            }
            last = Instant::now();
        }
    });
}

/// Copies the log into the database and empties it, waiting briefly for the readers: a reader
/// ends within milliseconds, and one that does not lets the next try finish the work.
async fn empty(writer: &mut AnyConnection) -> Result<(), sqlx::Error> {
    let sql =
        format!("PRAGMA busy_timeout=20; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA busy_timeout={BUSY_TIMEOUT_MS};");
    writer.execute(sql.as_str()).await.map(drop)
}

impl Db {
    /// Folds SQLite's write-ahead log into the database and empties it now (on PostgreSQL:
    /// nothing).
    pub async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        if let Inner::Held(_) = &self.0 {
            empty(&mut *self.writer().await?).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{connect, connect_with_log_cap};
    use super::*;

    fn temp_db(name: &str) -> (PathBuf, String) {
        let dir = std::env::temp_dir().join(format!("dvc-wal-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("t.db").display());
        (dir, url)
    }

    fn log_len(dir: &std::path::Path) -> u64 {
        std::fs::metadata(dir.join("t.db-wal")).map_or(0, |m| m.len())
    }

    async fn insert(db: &Db, rows: usize) {
        for _ in 0..rows {
            sqlx::query("INSERT INTO t VALUES ($1)")
                .bind("x".repeat(4000))
                .execute(&mut *db.writer().await.unwrap())
                .await
                .unwrap();
        }
    }

    #[test]
    fn the_log_is_emptied_in_a_lull_or_when_full_and_never_when_empty() {
        let cap = 1000;
        let (soon, later) = (Duration::from_millis(100), LULL_EVERY);
        assert!(empty_now(true, later, 10, cap));
        assert!(!empty_now(true, soon, 10, cap), "not more often than every {LULL_EVERY:?}");
        assert!(!empty_now(false, later, 999, cap), "not in a burst");
        assert!(empty_now(false, soon, 1000, cap), "unless the log is full");
        assert!(!empty_now(true, later, 0, cap), "an empty log costs nothing");
    }

    #[tokio::test]
    async fn the_log_is_emptied_while_readers_come_and_go() {
        let (dir, url) = temp_db("readers");
        let db = connect(&url).await.unwrap();
        // The writer is held throughout, so the background emptying (which takes it too)
        // cannot run halfway on a slow machine.
        let mut writer = db.writer().await.unwrap();
        writer.execute("CREATE TABLE t (x TEXT)").await.unwrap();
        for _ in 0..200 {
            sqlx::query("INSERT INTO t VALUES ($1)").bind("x".repeat(4000)).execute(&mut *writer).await.unwrap();
            sqlx::query("SELECT COUNT(*) FROM t").fetch_one(&mut *db.reader().await.unwrap()).await.unwrap();
        }
        assert!(log_len(&dir) > 800_000, "the inserts went to the log");
        drop(writer);
        db.checkpoint().await.unwrap();
        assert_eq!(log_len(&dir), 0, "the log was emptied");
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM t").fetch_one(&mut *db.reader().await.unwrap()).await.unwrap();
        assert_eq!(count, 200, "and nothing written was lost");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// 1,200 pages written while the writer is held: SQLite's own checkpoint would have copied
    /// the log at 1,000 (and a log that is copied is reused from its start, so it would not
    /// have grown past ~1,000 pages); then, once the writes stop, the log is emptied.
    #[tokio::test]
    async fn commits_never_copy_the_log_and_a_lull_empties_it() {
        let (dir, url) = temp_db("lull");
        let db = connect(&url).await.unwrap();
        db.writer().await.unwrap().execute("CREATE TABLE t (x TEXT)").await.unwrap();
        db.checkpoint().await.unwrap();
        {
            let mut writer = db.writer().await.unwrap();
            for _ in 0..1200 {
                sqlx::query("INSERT INTO t VALUES ($1)").bind("x".repeat(4000)).execute(&mut *writer).await.unwrap();
            }
        }
        assert!(log_len(&dir) > 1100 * 4096, "the log was copied inside a commit: {} bytes", log_len(&dir));
        let waited = Instant::now();
        while log_len(&dir) > 0 {
            assert!(waited.elapsed() < Duration::from_secs(10), "the lull did not empty the log");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM t").fetch_one(&mut *db.reader().await.unwrap()).await.unwrap();
        assert_eq!(count, 1200, "nothing written was lost");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Writes that never pause for 50 ms: the log is emptied once it passes the cap, and stays
    /// within what a few looks' worth of writes add to it.
    #[tokio::test]
    async fn a_burst_that_never_pauses_is_emptied_at_the_cap() {
        let (dir, url) = temp_db("cap");
        let cap = 2 << 20;
        let db = connect_with_log_cap(&url, cap).await.unwrap();
        db.writer().await.unwrap().execute("CREATE TABLE t (x TEXT)").await.unwrap();
        let (mut largest, mut previous, mut emptied) = (0, 0, 0);
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(2) {
            insert(&db, 10).await;
            let now = log_len(&dir);
            emptied += usize::from(now < previous);
            (largest, previous) = (largest.max(now), now);
        }
        assert!(emptied > 0, "the log was never emptied during the burst");
        assert!(largest < 16 * cap, "the log reached {largest} bytes");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
