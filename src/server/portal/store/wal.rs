//! SQLite's write-ahead log, kept short.

use super::{writer_thread, Db, Held, Inner, BUSY_TIMEOUT_MS};
use sqlx::Executor;

/// How often the write-ahead log is folded back into the database and emptied.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// SQLite's own checkpoints (after a commit, every 1,000 pages) copy the log into the
/// database but can empty it only when no reader is using it, and with four readers always
/// busy that moment never came: ten seconds of step saves left a 359 MB log, every read
/// searched it, and a checkpoint copying a large part of it in one go held the writer for
/// ~0.2 s (submissions right after the saves, 50 connections: p99 198–221 ms). So, four times
/// a second, the writer empties it (`TRUNCATE`), waiting for the readers briefly: a reader ends
/// within milliseconds, and one that does not lets the next turn try again. Measured (saves
/// then submissions on one server): submissions' p99 198–221 → 33–40 ms at 50 connections and
/// 204–223 → 108–152 ms at 200; saves pay a little (p99 15 → 23–25 ms at 50, 64–65 → 72–76 ms
/// at 200); once a second instead made each emptying longer (saves' p99 42–44 ms at 50).
pub(super) fn keep_short(held: std::sync::Weak<Held>) {
    writer_thread().spawn(async move {
        loop {
            tokio::time::sleep(CHECKPOINT_EVERY).await;
            let Some(held) = held.upgrade() else { return };
            let db = Db(Inner::Held(held));
            if let Err(e) = db.checkpoint().await {
                tracing::warn!("emptying the database's write-ahead log failed: {e}");
            }
        }
    });
}

impl Db {
    /// Folds SQLite's write-ahead log into the database and empties it (on PostgreSQL: nothing).
    pub async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        if let Inner::Held(_) = &self.0 {
            let mut writer = self.writer().await?;
            writer
                .execute(
                    format!("PRAGMA busy_timeout=20; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA busy_timeout={BUSY_TIMEOUT_MS};")
                        .as_str(),
                )
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::portal::store::connect;

    #[tokio::test]
    async fn the_write_ahead_log_is_emptied_while_readers_come_and_go() {
        let dir = std::env::temp_dir().join(format!("dvc-wal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = connect(&format!("sqlite://{}", dir.join("t.db").display())).await.unwrap();
        let wal = dir.join("t.db-wal");
        // The writer is held throughout, so the background emptying (which takes it too)
        // cannot run halfway on a slow machine.
        let mut writer = db.writer().await.unwrap();
        writer.execute("CREATE TABLE t (x TEXT)").await.unwrap();
        for _ in 0..200 {
            sqlx::query("INSERT INTO t VALUES ($1)").bind("x".repeat(4000)).execute(&mut *writer).await.unwrap();
            sqlx::query("SELECT COUNT(*) FROM t").fetch_one(&mut *db.reader().await.unwrap()).await.unwrap();
        }
        assert!(std::fs::metadata(&wal).unwrap().len() > 800_000, "the inserts went to the log");
        drop(writer);
        db.checkpoint().await.unwrap();
        assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0, "the log was emptied");
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM t").fetch_one(&mut *db.reader().await.unwrap()).await.unwrap();
        assert_eq!(count, 200, "and nothing written was lost");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
