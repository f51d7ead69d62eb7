//! Submissions that arrive together are written together: one transaction, one commit.
//!
//! SQLite has one writer, and every submission waits for it. Of the ~450 µs a submission held
//! it, ~200 µs were the commit (the log's pages written out) and ~70 µs the `BEGIN`: at 200
//! connections a hundred submissions queued behind each other's commits, and ~2,200 a second was
//! the most the writer could take however idle the CPU (bench/RESULTS.md, session 12). Here a task
//! on the writer's thread takes every submission waiting and writes them in one transaction, so
//! the commit is paid once per group ([`together`]):
//! - a submission that finds its draft changed writes nothing and gives its day's number back (no
//!   gap), one whose numbers ran out writes nothing, and the others go on;
//! - any other failure rolls the whole group back, and each of its submissions is then written in
//!   a transaction of its own ([`alone`]), so one that cannot be written never holds up the rest;
//! - nobody is answered before the commit; if it fails (or the group panics) the transaction is
//!   dropped, and each submission of the group looks for its dossier once more and otherwise says
//!   it was not kept: a retry is safe either way.
//!
//! Where the database has many writers (PostgreSQL) each submission is written alone, as it
//! always was: the same code, without the wait for others.

use super::{store, Checked, SubmitError};
use crate::i18n::Lang;
use crate::server::portal::dossier::{begin_submission, AgencyCode, DossierError};
use crate::server::portal::store::Db;
use crate::server::portal::PortalState;
use futures::FutureExt;
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
    if jobs.len() > 1 {
        match together(db, agency, &jobs).await {
            Ok(written) => {
                for (job, written) in jobs.into_iter().zip(written) {
                    // The caller may be gone; its dossier is stored all the same.
                    let _ = job.reply.send(written);
                }
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, submissions = jobs.len(), "a group of submissions failed together: each is written on its own")
            }
        }
    }
    for job in jobs {
        alone(db, agency, job).await;
    }
}

/// The group in one transaction, without a savepoint each: a member whose draft changed wrote
/// nothing but its number, which it gave back ([`store`]), and one whose numbers ran out wrote
/// nothing at all. Any other failure may have left a member half-written: the whole transaction
/// is rolled back (`Err`) and each member is written [`alone`]. Two trips to the database a
/// member instead of four (the savepoint's, its release's).
async fn together(db: &Db, agency: &AgencyCode, jobs: &[Job]) -> Result<Vec<Written>, SubmitError> {
    let mut writer = db.writer().await?;
    let mut tx = begin_submission(&mut writer).await?;
    let mut written = Vec::with_capacity(jobs.len());
    for job in jobs {
        match store(agency, &mut tx, &job.draft_id, &job.checked, job.lang).await {
            Ok(receipt) => written.push(Ok(receipt)),
            Err(e @ SubmitError::Numbering(DossierError::SequenceExhausted { .. })) => written.push(Err(e)),
            Err(e) => {
                tx.rollback().await?;
                return Err(e);
            }
        }
    }
    tx.commit().await?;
    Ok(written)
}

/// One submission in a transaction of its own, committed only if its dossier was stored.
/// Unanswered (its caller hears "not kept") if the transaction's own statements fail.
async fn alone(db: &Db, agency: &AgencyCode, Job { draft_id, checked, lang, reply }: Job) {
    let ended: Result<Written, sqlx::Error> = async {
        let mut writer = db.writer().await?;
        let mut tx = begin_submission(&mut writer).await?;
        let written = store(agency, &mut tx, &draft_id, &checked, lang).await;
        match written {
            Ok(Some(_)) => tx.commit().await?,
            // Changed since checked, or failed: nothing kept, the day's number given back.
            Ok(None) | Err(_) => tx.rollback().await?,
        }
        Ok(written)
    }
    .await;
    match ended {
        Ok(written) => {
            let _ = reply.send(written);
        }
        Err(e) => tracing::error!(error = %e, "a submission was not kept"),
    }
}
