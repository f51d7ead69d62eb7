//! Submissions that arrive together are written together: one transaction, one commit.
//!
//! SQLite has one writer, and every submission waits for it. Of the ~450 µs a submission held
//! it, ~200 µs were the commit (the log's pages written out) and ~70 µs the `BEGIN`: at 200
//! connections a hundred submissions queued behind each other's commits, and ~2,200 a second was
//! the most the writer could take however idle the CPU (bench/RESULTS.md, session 12). Here a task
//! on the writer's thread takes every submission waiting and writes them in one transaction, so
//! the commit is paid once per group ([`together`]):
//! - the group's numbers are taken at once, and a submission that finds its draft changed writes
//!   nothing and uses none of them: the next one gets it, and those left over are given back (no
//!   gap);
//! - any other failure, or too few numbers left that day for the whole group, rolls the group back,
//!   and each of its submissions is then written in a transaction of its own ([`alone`]), so one
//!   that cannot be written never holds up the rest;
//! - nobody is answered before the commit; if it fails (or the group panics) the transaction is
//!   dropped, and each submission of the group looks for its dossier once more and otherwise says
//!   it was not kept: a retry is safe either way.
//!
//! Where the database has many writers (PostgreSQL) each submission is written alone, as it
//! always was: the same code, without the wait for others.

use super::{store, Checked, Stored, SubmitError};
use crate::i18n::Lang;
use crate::server::portal::dossier::{
    begin_submission, give_back, next_dossier_code, numbering_day, reserve, AgencyCode, DossierCode, DossierCodeError,
    DossierError,
};
use crate::server::portal::store::{write_groups, Db};
use crate::server::portal::PortalState;
use sqlx::{Any, Transaction};
use time::Date;
use tokio::sync::{mpsc, oneshot};

/// The dossier stored, or `None` when the draft changed since it was checked.
type Written = Result<Option<Stored>, SubmitError>;

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
        let (sender, waiting) = mpsc::unbounded_channel::<Job>();
        let (writer, agency) = (db.clone(), agency.clone());
        write_groups(waiting, "submissions", move |jobs| {
            let (db, agency) = (writer.clone(), agency.clone());
            Some(async move { write_group(&db, &agency, jobs).await })
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
    let day = jobs.first().map(|job| numbering_day(job.checked.received));
    // A group straddling midnight (two days' numbers) is written one by one.
    let one_day = jobs.iter().all(|job| Some(numbering_day(job.checked.received)) == day);
    if let (Some(day), true, true) = (day, one_day, jobs.len() > 1) {
        match together(db, agency, day, &jobs).await {
            Ok(stored) => {
                for (job, stored) in jobs.into_iter().zip(stored) {
                    // The caller may be gone; its dossier is stored all the same.
                    let _ = job.reply.send(Ok(stored));
                }
                return;
            }
            // Too few numbers left for all: each takes one while there are.
            Err(SubmitError::Numbering(DossierError::SequenceExhausted { .. })) => {}
            Err(e) => {
                tracing::warn!(error = %e, submissions = jobs.len(), "a group of submissions failed together: each is written on its own")
            }
        }
    }
    for job in jobs {
        alone(db, agency, job).await;
    }
}

/// The group in one transaction: the day's numbers for all of it taken at once, then each member
/// stored as the next number not yet used, so a member whose draft changed (and wrote nothing)
/// leaves no gap; the numbers left unused are given back before the commit. Any failure may have
/// left a member half-written: the transaction is rolled back (`Err`) and each member is written
/// [`alone`]. About one trip to the database a member, where a savepoint each, its number and its
/// release made four.
async fn together(db: &Db, agency: &AgencyCode, day: Date, jobs: &[Job]) -> Result<Vec<Option<Stored>>, SubmitError> {
    let mut writer = db.writer().await?;
    let mut tx = begin_submission(&mut writer).await?;
    match members(agency, day, &mut tx, jobs).await {
        Ok(stored) => {
            tx.commit().await?;
            Ok(stored)
        }
        Err(e) => {
            tx.rollback().await?;
            Err(e)
        }
    }
}

async fn members(
    agency: &AgencyCode,
    day: Date,
    tx: &mut Transaction<'_, Any>,
    jobs: &[Job],
) -> Result<Vec<Option<Stored>>, SubmitError> {
    let count = u16::try_from(jobs.len()).map_err(|_| DossierError::from(DossierCodeError::InvalidNumber))?;
    let first = reserve(tx, agency, day, count).await?;
    let mut used = 0;
    let mut receipts = Vec::with_capacity(jobs.len());
    for job in jobs {
        let number = DossierCode::new(agency.clone(), day, first + used).map_err(DossierError::from)?;
        let stored = store(tx, &number, &job.draft_id, &job.checked, job.lang).await?;
        used += u16::from(stored.is_some());
        receipts.push(stored);
    }
    if used < count {
        give_back(tx, agency, day, first + used - 1, first + count - 1).await?;
    }
    Ok(receipts)
}

/// One submission in a transaction of its own, committed only if its dossier was stored.
/// Unanswered (its caller hears "not kept") if the transaction's own statements fail.
async fn alone(db: &Db, agency: &AgencyCode, Job { draft_id, checked, lang, reply }: Job) {
    let ended: Result<Written, sqlx::Error> = async {
        let mut writer = db.writer().await?;
        let mut tx = begin_submission(&mut writer).await?;
        let written = match next_dossier_code(&mut tx, agency, checked.received).await {
            Ok(number) => store(&mut tx, &number, &draft_id, &checked, lang).await,
            Err(e) => Err(e.into()),
        };
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
