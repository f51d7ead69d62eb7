//! Documents attached to drafts: the bytes in an object store (a local directory by default, any
//! S3-compatible store by configuration), a row in `attachments` with what they are.
//!
//! An upload streams: the body goes to the store a part at a time while its size is counted and
//! its SHA-256 computed, so no file is ever whole in memory. Its type is read from its first bytes
//! (`infer`), never from its name. A refused or broken upload leaves nothing behind: the partial
//! object is aborted, and a row is written only once the bytes are stored, in a statement that
//! checks again that the draft is open and has room.

mod upload;

pub use upload::{detect, upload, Incoming, Stored};

/// Whose files these are: an application's draft (`procedure.documents[slot]`), or a dossier's
/// answer to the office's supplement request (`SupplementRequest.documents[slot]`). The same
/// rules, limits, streaming and storage for both; only what "still open" means differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder<'a> {
    /// A draft, by its secret id: open while unexpired and unsubmitted.
    Draft(&'a str),
    /// The supplement request of dossier `code` made by its event `request` (a sequence number):
    /// open while the dossier waits for it (status 5).
    Supplement { code: &'a str, request: i64 },
}

impl Holder<'_> {
    /// The value of `attachments.draft_id` that groups these files: a draft's id, or
    /// `{code}/supplement/{request}` for a supplement (never a draft id's shape).
    pub fn key(&self) -> String {
        match self {
            Holder::Draft(id) => (*id).to_string(),
            Holder::Supplement { code, request } => format!("{code}/supplement/{request}"),
        }
    }
}

/// SQL that is true while a supplement's dossier (bound as `$n`) still waits for documents.
fn supplement_open(n: u8) -> String {
    format!("EXISTS (SELECT 1 FROM dossiers WHERE code = ${n} AND status = 5)")
}

use super::store::Db;
use crate::portal::attachment::{Attachment, AttachmentList, UploadLimits};
use crate::server::config::AttachmentSettings;
use axum::body::Bytes;
use object_store::{path::Path as ObjectPath, ObjectStore};
use sqlx::{Connection, Row};
use std::sync::Arc;

/// Why a document operation did not happen; each knows its status (see `api::params`).
#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    #[error("no such draft (it may have expired)")]
    DraftNotFound,
    #[error("the procedure has no such document")]
    NoSuchSlot,
    #[error("the draft has no such file")]
    NoSuchFile,
    #[error("the application was submitted: its documents can no longer change")]
    Submitted,
    #[error("the office is not waiting for documents for this dossier")]
    NotRequested,
    #[error("the file is over the size limit of one file")]
    TooBig,
    #[error("the file would take the application over its total size limit")]
    DossierFull,
    #[error("this document already has as many files as it may")]
    SlotFull,
    #[error("only PDF, JPEG and PNG files are taken (by what the bytes are, not the name)")]
    WrongType,
    #[error("the file is empty")]
    Empty,
    #[error("the upload broke off before the end")]
    Broken,
    #[error("`name` is longer than 255 characters")]
    NameTooLong,
    #[error("`key` must be 16 to 80 letters, digits, `-` or `_`")]
    BadKey,
    #[error("the file store failed: {0}")]
    Store(#[from] object_store::Error),
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
    #[error("no randomness available: {0}")]
    Random(#[from] getrandom::Error),
}

/// The object store and the limits it is used under. Cheap to clone.
#[derive(Clone)]
pub struct AttachmentStore {
    store: Arc<dyn ObjectStore>,
    /// Bytes buffered before a part is sent: S3 wants parts of 5 MiB (but the last); a local
    /// directory takes any size, so less memory per upload.
    part_bytes: usize,
    pub limits: UploadLimits,
}

impl AttachmentStore {
    /// The store `settings.store` names: `s3://bucket[/prefix]` (AWS_* variables for the rest),
    /// else a local directory, created if missing.
    pub fn open(settings: &AttachmentSettings) -> Result<AttachmentStore, String> {
        let limits = settings.limits;
        if let Some(rest) = settings.store.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let s3 = object_store::aws::AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .build()
                .map_err(|e| format!("[attachments] store (ATTACHMENTS_STORE) s3://{bucket}: {e}"))?;
            let store: Arc<dyn ObjectStore> = match prefix.trim_matches('/') {
                "" => Arc::new(s3),
                p => Arc::new(object_store::prefix::PrefixStore::new(s3, p)),
            };
            return Ok(AttachmentStore { store, part_bytes: 5 * 1024 * 1024, limits });
        }
        std::fs::create_dir_all(&settings.store)
            .map_err(|e| format!("[attachments] store (ATTACHMENTS_STORE) {}: {e}", settings.store))?;
        let local = object_store::local::LocalFileSystem::new_with_prefix(&settings.store)
            .map_err(|e| format!("[attachments] store (ATTACHMENTS_STORE) {}: {e}", settings.store))?;
        Ok(AttachmentStore { store: Arc::new(local), part_bytes: 256 * 1024, limits })
    }
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// 26 characters of Crockford base32 (130 bits), lower case, like draft ids.
fn random_id() -> Result<String, AttachmentError> {
    Ok(super::base32::random(26)?.to_ascii_lowercase())
}

/// A file's id: 26 lower-case Crockford characters like [`random_id`]'s, but the first ten are
/// the time in milliseconds (as in a ULID), never the same twice in this process, so ids sort in
/// upload order and the pages of a document sent within one second are listed as they were
/// sent (`created_at` counts seconds). The other sixteen are random (80 bits): a file is only
/// ever reached through its draft or dossier anyway.
fn ordered_id() -> Result<String, AttachmentError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static LAST_MS: AtomicU64 = AtomicU64::new(0);
    let now_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    let previous =
        LAST_MS.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |last| Some(now_ms.max(last + 1))).unwrap_or(0);
    let ms = now_ms.max(previous + 1);
    // 48 bits of milliseconds as ten characters (the last one padded), lasting until the year 10889.
    let time = super::base32::encode(&ms.to_be_bytes()[2..]);
    Ok(format!("{time}{}", super::base32::random(16)?).to_ascii_lowercase())
}

/// The procedure of an open (unexpired, unsubmitted) draft.
pub async fn open_draft(db: &Db, draft_id: &str) -> Result<String, AttachmentError> {
    let row = sqlx::query("SELECT procedure_code, dossier_code FROM drafts WHERE id = $1 AND expires_at > $2")
        .bind(draft_id)
        .bind(now())
        .fetch_optional(&mut *db.reader().await?)
        .await?
        .ok_or(AttachmentError::DraftNotFound)?;
    if row.try_get::<Option<String>, _>("dossier_code")?.is_some() {
        return Err(AttachmentError::Submitted);
    }
    Ok(row.try_get("procedure_code")?)
}

/// What a holder has already: bytes in all, files in `slot`, and of those the ones sent with
/// `key` (their bytes, at most). A retry of one of those takes no room of its own if it turns
/// out to be the same file, so the checks before it is read leave room for it.
struct Usage {
    total: u64,
    in_slot: u32,
    keyed_bytes: u64,
    keyed: u32,
}

async fn usage(db: &Db, holder_key: &str, slot: u32, key: Option<&str>) -> Result<Usage, AttachmentError> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) AS total, \
         CAST(COALESCE(SUM(CASE WHEN slot = $2 THEN 1 ELSE 0 END), 0) AS BIGINT) AS in_slot, \
         CAST(COALESCE(MAX(CASE WHEN slot = $2 AND upload_key = $3 THEN size_bytes END), 0) AS BIGINT) AS keyed_bytes, \
         CAST(COALESCE(SUM(CASE WHEN slot = $2 AND upload_key = $3 THEN 1 ELSE 0 END), 0) AS BIGINT) AS keyed \
         FROM attachments WHERE draft_id = $1",
    )
    .bind(holder_key)
    .bind(i64::from(slot))
    .bind(key)
    .fetch_one(&mut *db.reader().await?)
    .await?;
    let count = |n: i64| n.clamp(0, i64::from(u32::MAX)) as u32;
    Ok(Usage {
        total: row.try_get::<i64, _>("total")?.max(0) as u64,
        in_slot: count(row.try_get("in_slot")?),
        keyed_bytes: row.try_get::<i64, _>("keyed_bytes")?.max(0) as u64,
        keyed: count(row.try_get("keyed")?),
    })
}

/// Removes an object whose row is gone (or never came); a failure only leaves an orphan.
async fn forget(store: &AttachmentStore, key: &str) {
    match store.store.delete(&ObjectPath::from(key)).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
        Err(e) => tracing::warn!(error = %e, "a removed attachment's bytes were not deleted"),
    }
}

fn row_to_attachment(row: &sqlx::any::AnyRow) -> Result<Attachment, AttachmentError> {
    let slot: i64 = row.try_get("slot")?;
    let size: i64 = row.try_get("size_bytes")?;
    Ok(Attachment {
        id: row.try_get("id")?,
        slot: slot.clamp(0, i64::from(u32::MAX)) as u32,
        file_name: row.try_get("file_name")?,
        content_type: row.try_get("content_type")?,
        size_bytes: size.max(0) as u64,
        sha256: row.try_get("sha256")?,
        created_at: row.try_get("created_at")?,
    })
}

const COLUMNS: &str = "a.id, a.slot, a.file_name, a.content_type, a.size_bytes, a.sha256, a.created_at";

/// Every file of an unexpired draft (submitted or not), or of a supplement (its dossier checked
/// by the caller), by slot then upload order.
pub async fn list(db: &Db, store: &AttachmentStore, holder: Holder<'_>) -> Result<AttachmentList, AttachmentError> {
    if let Holder::Draft(draft_id) = holder {
        let exists = sqlx::query("SELECT 1 FROM drafts WHERE id = $1 AND expires_at > $2")
            .bind(draft_id)
            .bind(now())
            .fetch_optional(&mut *db.reader().await?)
            .await?;
        if exists.is_none() {
            return Err(AttachmentError::DraftNotFound);
        }
    }
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM attachments a WHERE a.draft_id = $1 ORDER BY a.slot, a.created_at, a.id"
    ))
    .bind(holder.key())
    .fetch_all(&mut *db.reader().await?)
    .await?;
    let files = rows.iter().map(row_to_attachment).collect::<Result<_, _>>()?;
    Ok(AttachmentList { files, limits: store.limits })
}

/// One file of this draft (never another draft's, whatever id is asked) and its object key.
async fn find(db: &Db, draft_id: &str, id: &str) -> Result<(Attachment, String, bool), AttachmentError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, a.object_key, a.dossier_code AS filed, d.dossier_code AS submitted \
         FROM attachments a JOIN drafts d ON d.id = a.draft_id \
         WHERE a.id = $1 AND a.draft_id = $2 AND d.expires_at > $3"
    ))
    .bind(id)
    .bind(draft_id)
    .bind(now())
    .fetch_optional(&mut *db.reader().await?)
    .await?
    .ok_or(AttachmentError::NoSuchFile)?;
    let closed = row.try_get::<Option<String>, _>("filed")?.is_some()
        || row.try_get::<Option<String>, _>("submitted")?.is_some();
    Ok((row_to_attachment(&row)?, row.try_get("object_key")?, closed))
}

/// Removes one file of an open draft or supplement, bytes and all.
pub async fn delete(db: &Db, store: &AttachmentStore, holder: Holder<'_>, id: &str) -> Result<(), AttachmentError> {
    let draft_id = match holder {
        Holder::Draft(draft_id) => draft_id,
        Holder::Supplement { code, .. } => return delete_supplied(db, store, code, &holder.key(), id).await,
    };
    let (_, key, closed) = find(db, draft_id, id).await?;
    if closed {
        return Err(AttachmentError::Submitted);
    }
    let mut writer = db.writer().await?;
    let mut tx = writer.begin().await?;
    let deleted = sqlx::query(
        "DELETE FROM attachments WHERE id = $1 AND draft_id = $2 AND dossier_code IS NULL \
         AND EXISTS (SELECT 1 FROM drafts WHERE id = $2 AND dossier_code IS NULL)",
    )
    .bind(id)
    .bind(draft_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if deleted == 0 {
        // Submitted between the two statements.
        tx.rollback().await?;
        return Err(AttachmentError::Submitted);
    }
    // A submission claims only the revision it checked: one checked before this removal must
    // not be sent without the file.
    sqlx::query("UPDATE drafts SET revision = revision + 1 WHERE id = $1").bind(draft_id).execute(&mut *tx).await?;
    tx.commit().await?;
    drop(writer);
    forget(store, &key).await;
    Ok(())
}

/// Removes one file of a supplement while the office still waits for it.
async fn delete_supplied(
    db: &Db,
    store: &AttachmentStore,
    code: &str,
    holder_key: &str,
    id: &str,
) -> Result<(), AttachmentError> {
    let key: String = sqlx::query("SELECT object_key FROM attachments WHERE id = $1 AND draft_id = $2")
        .bind(id)
        .bind(holder_key)
        .fetch_optional(&mut *db.reader().await?)
        .await?
        .ok_or(AttachmentError::NoSuchFile)?
        .try_get("object_key")?;
    let deleted =
        sqlx::query(&format!("DELETE FROM attachments WHERE id = $1 AND draft_id = $2 AND {}", supplement_open(3)))
            .bind(id)
            .bind(holder_key)
            .bind(code)
            .execute(&mut *db.writer().await?)
            .await?
            .rows_affected();
    if deleted == 0 {
        // Sent to the office between the two statements (or before).
        return Err(AttachmentError::NotRequested);
    }
    forget(store, &key).await;
    Ok(())
}

/// A file of this draft and its bytes, streamed from the store.
pub async fn content(
    db: &Db,
    store: &AttachmentStore,
    draft_id: &str,
    id: &str,
) -> Result<(Attachment, futures::stream::BoxStream<'static, Result<Bytes, object_store::Error>>), AttachmentError> {
    let (file, key, _) = find(db, draft_id, id).await?;
    let got = store.store.get(&ObjectPath::from(key.as_str())).await?;
    Ok((file, got.into_stream()))
}

/// Deletes the files of expired drafts that were never submitted (and of drafts already gone),
/// bytes first, so a failure leaves a row to retry rather than an object nobody knows.
pub async fn purge_expired(db: &Db, store: &AttachmentStore) -> Result<u64, AttachmentError> {
    let mut purged = 0;
    loop {
        let rows = sqlx::query(
            "SELECT a.id, a.object_key FROM attachments a WHERE a.dossier_code IS NULL AND NOT EXISTS \
             (SELECT 1 FROM drafts d WHERE d.id = a.draft_id AND (d.expires_at > $1 OR d.dossier_code IS NOT NULL)) \
             LIMIT 500",
        )
        .bind(now())
        .fetch_all(&mut *db.reader().await?)
        .await?;
        if rows.is_empty() {
            return Ok(purged);
        }
        for row in &rows {
            let (id, key): (String, String) = (row.try_get("id")?, row.try_get("object_key")?);
            match store.store.delete(&ObjectPath::from(key.as_str())).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                // The store is down: stop, the next purge retries.
                Err(e) => return Err(e.into()),
            }
            purged += sqlx::query("DELETE FROM attachments WHERE id = $1")
                .bind(id)
                .execute(&mut *db.writer().await?)
                .await?
                .rows_affected();
        }
    }
}
