//! Submissions that arrive together are written together: one transaction, one commit.
//!
//! SQLite has one writer, and every submission waits for it. Of the ~450 µs a submission held
//! it, ~200 µs were the commit (the log's pages written out) and ~70 µs the `BEGIN`: at 200
//! connections a hundred submissions queued behind each other's commits, and ~2,200 a second was
//! the most the writer could take however idle the CPU (bench/RESULTS.md, session 12). Here a task
//! on the writer's thread takes every submission waiting and writes them in one transaction,
//! each inside its own savepoint, so the commit is paid once per group:
//! - a submission that finds its draft changed, or fails, is rolled back to its savepoint alone
//!   (its day's number given back: no gap) and the others go on;
//! - nobody is answered before the commit; if it fails (or a savepoint's own statements do, or the
//!   group panics) the whole transaction is dropped, and each submission of the group looks for its
//!   dossier once more and otherwise says it was not kept: a retry is safe either way.
//!
//! Where the database has many writers (PostgreSQL) each submission is a group of its own in its
//! own transaction, as it always was: the same code, without the wait for others.

use super::{store, Checked, SubmitError};
use crate::i18n::Lang;
use crate::server::portal::dossier::{begin_submission, AgencyCode};
use crate::server::portal::store::Db;
use crate::server::portal::PortalState;
use futures::FutureExt;
use sqlx::{Acquire, Any, Transaction};
use std::panic::AssertUnwindSafe;
use tokio::sync::{mpsc, oneshot};

/// At most this many submissions share a transaction: enough to share a commit among all that
/// queue at 200 connections, few enough that the first of them does not wait long for the last.
const MAX_GROUP: usize = 64;

/// The stored receipt, or `None` when the draft changed since it was checked.
type Written = Result<Option<String>, SubmitError>;

struct Job {
    draft_id: String,
    checked: Checked,
    lang: Lang,
    reply: oneshot::Sender<Written>,
}

/// Where submissions wait for the writer: `None` on a database with many writers.
#[derive(Clone)]
pub struct Queue(Option<mpsc::UnboundedSender<Job>>);

impl Queue {
    /// On a database with one writer, starts the task that writes the submissions, on the
    /// writer's thread; it ends when the last `Queue` is dropped.
    pub fn start(db: &Db, agency: &AgencyCode) -> Queue {
        if !db.has_one_writer() {
            return Queue(None);
        }
        let (sender, mut waiting) = mpsc::unbounded_channel::<Job>();
        let (writer, agency) = (db.clone(), agency.clone());
        db.spawn_on_writer(async move {
            let mut group = Vec::with_capacity(MAX_GROUP);
            while waiting.recv_many(&mut group, MAX_GROUP).await > 0 {
                // A panic ends only its group (its callers hear "not kept"), never the queue.
                let written = AssertUnwindSafe(write_group(&writer, &agency, std::mem::take(&mut group)));
                if written.catch_unwind().await.is_err() {
                    tracing::error!("a group of submissions panicked and was not kept");
                }
            }
        });
        Queue(Some(sender))
    }
}

/// Writes a checked draft as a dossier, with whatever else is waiting. Always finishes, even if
/// the caller goes away half-way: the writing runs on its own task (the queue's, or one of its
/// own); dropped in the middle, a transaction left its connection believing it was still open.
pub(super) async fn write(state: &PortalState, draft_id: &str, checked: Checked, lang: Lang) -> Written {
    let (reply, answer) = oneshot::channel();
    let job = Job { draft_id: draft_id.to_string(), checked, lang, reply };
    match &state.submissions.0 {
        Some(queue) => queue.send(job).map_err(|_| SubmitError::NotKept)?,
        None => {
            let (db, agency) = (state.db.clone(), state.agency.clone());
            state.db.write_task(async move { write_group(&db, &agency, vec![job]).await }).await?;
        }
    }
    // A job dropped unanswered is one whose transaction did not commit.
    answer.await.map_err(|_| SubmitError::NotKept)?
}

async fn write_group(db: &Db, agency: &AgencyCode, jobs: Vec<Job>) {
    let mut answers = Vec::with_capacity(jobs.len());
    let committed: Result<(), sqlx::Error> = async {
        let mut writer = db.writer().await?;
        let mut tx = begin_submission(&mut writer).await?;
        for Job { draft_id, checked, lang, reply } in jobs {
            answers.push((reply, one(agency, &mut tx, &draft_id, checked, lang).await?));
        }
        tx.commit().await
    }
    .await;
    match committed {
        Ok(()) => answers.into_iter().for_each(|(reply, written)| {
            // The caller may be gone; its dossier is stored all the same.
            let _ = reply.send(written);
        }),
        Err(e) => tracing::error!(error = %e, submissions = answers.len(), "a group of submissions was not kept"),
    }
}

/// One submission inside the group's transaction, all or nothing by its savepoint. The savepoint's
/// own statements failing (`Err`) end the whole group: sqlx then no longer knows which savepoint
/// it is in, and a transaction SQLite gave up on would let later members commit on their own.
async fn one(
    agency: &AgencyCode,
    tx: &mut Transaction<'_, Any>,
    draft_id: &str,
    checked: Checked,
    lang: Lang,
) -> Result<Written, sqlx::Error> {
    let mut own = tx.begin().await?;
    let written = store(agency, &mut own, draft_id, checked, lang).await;
    match written {
        Ok(Some(_)) => own.commit().await?,
        // Changed since checked, or failed: back to the savepoint, the day's number given back.
        Ok(None) | Err(_) => own.rollback().await?,
    }
    Ok(written)
}
