//! Writes of one statement each that arrive together share one transaction on SQLite's writer.
//!
//! A step save is one `UPDATE`, committed on its own. On SQLite's one writer each commit writes
//! the log's pages out and updates its index, and step saves at 200 connections queued behind
//! each other's commits: posts alone reached ~3,300 a second with the CPU a third idle
//! (bench/RESULTS.md, session 16). Here a task on the writer's thread takes every such write
//! waiting and runs them in order in one transaction, so the commit is paid once per group.
//!
//! Each statement's outcome is the one it would have had alone, in the same order: if any
//! statement of a group fails, or the commit does, the group is rolled back and each statement
//! is run again on its own, so a failure belongs to its own write only. Nobody is answered
//! before the commit.

use super::{Db, Inner};
#[cfg(test)]
use sqlx::Row;
use sqlx::{any::AnyRow, Any, Executor};
use std::sync::Weak;
use tokio::sync::{mpsc, oneshot};

/// A value bound to a `$n` of the statement, in order.
#[derive(Clone, Debug)]
pub enum Bind {
    Text(String),
    Int(i64),
}

/// One statement and its values; its rows (`RETURNING`) are the answer.
#[derive(Clone, Debug)]
pub struct Statement {
    pub sql: String,
    pub binds: Vec<Bind>,
}

pub(super) struct Job {
    statement: Statement,
    reply: oneshot::Sender<Result<Vec<AnyRow>, sqlx::Error>>,
}

pub(super) type Queue = mpsc::UnboundedSender<Job>;

/// Starts the task that runs the writes waiting on `held`'s writer; it ends with the database.
pub(super) fn start(held: Weak<super::Held>, waiting: mpsc::UnboundedReceiver<Job>) {
    super::write_groups(waiting, "writes", move |jobs| {
        let db = Db(Inner::Held(held.upgrade()?));
        Some(async move { write_group(&db, jobs).await })
    });
}

impl Db {
    /// Runs one write statement, with the others waiting for SQLite's writer (on a pool: alone).
    pub async fn write_one(&self, statement: Statement) -> Result<Vec<AnyRow>, sqlx::Error> {
        let held = match &self.0 {
            Inner::Pool(_) => return run(&mut *self.writer().await?, &statement).await,
            Inner::Held(held) => held,
        };
        let (reply, answer) = oneshot::channel();
        held.together.send(Job { statement, reply }).map_err(|_| sqlx::Error::PoolClosed)?;
        // A job dropped unanswered is one whose writer went away.
        answer.await.map_err(|_| sqlx::Error::PoolClosed)?
    }
}

async fn run<'e>(conn: impl Executor<'e, Database = Any>, statement: &Statement) -> Result<Vec<AnyRow>, sqlx::Error> {
    let mut query = sqlx::query(&statement.sql);
    for bind in &statement.binds {
        query = match bind {
            Bind::Text(text) => query.bind(text.as_str()),
            Bind::Int(n) => query.bind(*n),
        };
    }
    query.fetch_all(conn).await
}

async fn write_group(db: &Db, jobs: Vec<Job>) {
    if jobs.len() > 1 {
        match together(db, &jobs).await {
            Ok(rows) => {
                for (job, rows) in jobs.into_iter().zip(rows) {
                    let _ = job.reply.send(Ok(rows));
                }
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, writes = jobs.len(), "a group of writes failed together: each is run on its own")
            }
        }
    }
    for job in jobs {
        let ran = match db.writer().await {
            Ok(mut writer) => run(&mut *writer, &job.statement).await,
            Err(e) => Err(e),
        };
        let _ = job.reply.send(ran);
    }
}

/// The group in one transaction, committed only if every statement ran.
async fn together(db: &Db, jobs: &[Job]) -> Result<Vec<Vec<AnyRow>>, sqlx::Error> {
    let mut writer = db.writer().await?;
    // IMMEDIATE: the write lock from the start, waited for like any write's (`busy_timeout`).
    let mut tx = sqlx::Connection::begin_with(&mut *writer, "BEGIN IMMEDIATE").await?;
    let mut all = Vec::with_capacity(jobs.len());
    for job in jobs {
        match run(&mut *tx, &job.statement).await {
            Ok(rows) => all.push(rows),
            Err(e) => {
                tx.rollback().await?;
                return Err(e);
            }
        }
    }
    tx.commit().await?;
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::portal::store::connect;

    fn insert(x: &str) -> Statement {
        Statement { sql: "INSERT INTO t (x) VALUES ($1) RETURNING x".into(), binds: vec![Bind::Text(x.into())] }
    }

    /// A database in a fresh directory with `t (x TEXT UNIQUE)`.
    async fn fresh(name: &str) -> (Db, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("dvc-together-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = connect(&format!("sqlite://{}", dir.join("t.db").display())).await.unwrap();
        db.writer().await.unwrap().execute("CREATE TABLE t (x TEXT UNIQUE)").await.unwrap();
        (db, dir)
    }

    /// Sends `statements` while the writer is held, so they all wait and run as one group.
    async fn queued_together(db: &Db, statements: Vec<Statement>) -> Vec<Result<Vec<AnyRow>, sqlx::Error>> {
        let writer = db.writer().await.unwrap();
        let sent: Vec<_> = statements
            .into_iter()
            .map(|s| {
                tokio::spawn({
                    let db = db.clone();
                    async move { db.write_one(s).await }
                })
            })
            .collect();
        // Every job is queued before the writer is free again.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        drop(writer);
        let mut out = Vec::new();
        for s in sent {
            out.push(s.await.unwrap());
        }
        out
    }

    #[tokio::test]
    async fn a_write_that_fails_in_a_group_fails_alone() {
        let (db, dir) = fresh("fails").await;
        let mut statements: Vec<_> = (0..9).map(|i| insert(&format!("row {i}"))).collect();
        statements.insert(4, insert("row 2"));
        let results = queued_together(&db, statements).await;
        assert!(results[4].is_err(), "the duplicate is refused");
        for (i, r) in results.iter().enumerate().filter(|(i, _)| *i != 4) {
            let rows = r.as_ref().unwrap_or_else(|e| panic!("write {i} failed: {e}"));
            assert_eq!(rows.len(), 1, "its RETURNING row comes back");
        }
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM t").fetch_one(&mut *db.reader().await.unwrap()).await.unwrap();
        assert_eq!(count, 9, "the nine others are kept");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[tokio::test]
    async fn writes_in_a_group_run_in_the_order_they_came() {
        let (db, dir) = fresh("order").await;
        db.write_one(insert("")).await.unwrap();
        let append = |tail: &str| Statement {
            sql: "UPDATE t SET x = x || $1 RETURNING x".into(),
            binds: vec![Bind::Text(tail.into())],
        };
        // Sent one after another (each spawned task is queued in turn).
        let writer = db.writer().await.unwrap();
        let mut sent = Vec::new();
        for tail in ["a", "b", "c"] {
            let (db, s) = (db.clone(), append(tail));
            sent.push(tokio::spawn(async move { db.write_one(s).await }));
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        drop(writer);
        let mut last = String::new();
        for s in sent {
            last = s.await.unwrap().unwrap()[0].try_get(0).unwrap();
        }
        assert_eq!(last, "abc");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
