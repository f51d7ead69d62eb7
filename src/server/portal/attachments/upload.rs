//! One upload: the head read to tell the type, the rest streamed to the store while counted and
//! hashed, the row written only once the bytes are stored.

use super::{
    forget, now, open_draft, ordered_id, random_id, row_to_attachment, usage, AttachmentError, AttachmentStore, Holder,
    COLUMNS,
};
use crate::portal::attachment::{Attachment, UploadLimits, ACCEPTED_TYPES};
use crate::server::portal::store::Db;
use axum::body::Bytes;
use futures::{Stream, StreamExt};
use object_store::{path::Path as ObjectPath, WriteMultipart};
use sha2::{Digest, Sha256};
use sqlx::Connection;

/// Enough of the start of a file to tell its type (PNG's signature is the longest, 8 bytes;
/// a little more costs nothing).
const HEAD_BYTES: usize = 64;

/// What the first bytes say the file is, if it is one that is taken.
pub fn detect(head: &[u8]) -> Option<&'static str> {
    infer::get(head).map(|t| t.mime_type()).and_then(|m| ACCEPTED_TYPES.into_iter().find(|a| *a == m))
}

/// A file as it arrives, but for its bytes.
pub struct Incoming<'a> {
    /// The document it is for (checked by the caller against the procedure or the request).
    pub slot: u32,
    /// Its name as it is kept (cleaned).
    pub file_name: String,
    /// The sender's idempotency key ([`crate::portal::attachment::is_upload_key`]), if it gave one.
    pub key: Option<&'a str>,
    /// The body's Content-Length when it was sent: a file known to be too big is refused before
    /// a byte is read.
    pub declared: Option<u64>,
}

/// What an upload came to.
#[derive(Debug)]
pub enum Stored {
    /// The file, stored now.
    New(Attachment),
    /// An earlier try (the same key, the same bytes, the same document) stored it already: that
    /// file. Nothing new is kept.
    Again(Attachment),
}

/// Stores one file for an open draft or supplement: streamed to the store while counted and
/// hashed, refused as soon as it breaks a rule.
pub async fn upload<S, E>(
    db: &Db,
    store: &AttachmentStore,
    holder: Holder<'_>,
    incoming: Incoming<'_>,
    body: S,
) -> Result<Stored, AttachmentError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    let Incoming { slot, file_name, key: upload_key, declared } = incoming;
    let limits = store.limits;
    // A retry of a file already stored (same key) must get as far as being recognised: the room
    // it took is counted as free until then; the row's own checks are exact.
    let used = usage(db, &holder.key(), slot, upload_key).await?;
    if used.in_slot.saturating_sub(used.keyed.min(1)) >= limits.max_files_per_slot {
        return Err(AttachmentError::SlotFull);
    }
    let room = limits.max_dossier_bytes.saturating_sub(used.total.saturating_sub(used.keyed_bytes));
    let over = |size: u64| {
        if size > limits.max_file_bytes {
            Some(AttachmentError::TooBig)
        } else if size > room {
            Some(AttachmentError::DossierFull)
        } else {
            None
        }
    };
    if let Some(refusal) = declared.and_then(over) {
        return Err(refusal);
    }
    // Fused: the head may have read to the end already, and some streams must not be polled again.
    let mut body = body.fuse();
    // The head is read before anything is written: a file of the wrong type costs no storage.
    let mut head: Vec<u8> = Vec::with_capacity(HEAD_BYTES);
    let mut read_ahead: Vec<Bytes> = Vec::new();
    while head.len() < HEAD_BYTES {
        match body.next().await {
            Some(Ok(chunk)) => {
                head.extend_from_slice(&chunk[..chunk.len().min(HEAD_BYTES - head.len())]);
                read_ahead.push(chunk);
            }
            Some(Err(_)) => return Err(AttachmentError::Broken),
            None => break,
        }
    }
    if head.is_empty() {
        return Err(AttachmentError::Empty);
    }
    let content_type = detect(&head).ok_or(AttachmentError::WrongType)?;
    let (id, key) = (ordered_id()?, random_id()?);
    let path = ObjectPath::from(key.as_str());
    let mut pending =
        Pending(Some(WriteMultipart::new_with_chunk_size(store.store.put_multipart(&path).await?, store.part_bytes)));
    let writer = pending.0.as_mut().expect("just made");
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let mut chunks = futures::stream::iter(read_ahead.into_iter().map(Ok)).chain(body);
    let refusal = loop {
        match chunks.next().await {
            None => break None,
            Some(Err(_)) => break Some(AttachmentError::Broken),
            Some(Ok(chunk)) => {
                size += chunk.len() as u64;
                if let Some(refusal) = over(size) {
                    break Some(refusal);
                }
                hasher.update(&chunk);
                writer.write(&chunk);
                // At most two parts in flight: a slow store slows the upload, not the memory.
                if let Err(e) = writer.wait_for_capacity(2).await {
                    break Some(AttachmentError::Store(e));
                }
            }
        }
    };
    if let Some(refusal) = refusal {
        if let Err(e) = pending.take().abort().await {
            tracing::warn!(error = %e, "a refused upload's partial object was not removed");
        }
        return Err(refusal);
    }
    pending.take().finish().await?;
    let file = Attachment {
        id,
        slot,
        file_name,
        content_type: content_type.into(),
        size_bytes: size,
        sha256: crate::server::portal::hex(&hasher.finalize()),
        created_at: now(),
    };
    let recorded = record(db, holder, &file, &key, upload_key, limits).await;
    match recorded {
        Ok(None) => Ok(Stored::New(file)),
        Ok(Some(earlier)) => {
            // A retry: the first try's file stays, these bytes go.
            forget(store, &key).await;
            Ok(Stored::Again(earlier))
        }
        Err(e) => {
            // Stored but not recorded: the bytes go too, so nothing unaccounted stays behind.
            forget(store, &key).await;
            Err(e)
        }
    }
}

/// The row of a stored file, written only while the draft (or supplement) is still open and has
/// room (another tab may have uploaded, or submitted, while these bytes were arriving); or the
/// file an earlier try with the same key and bytes stored, which is then the answer.
async fn record(
    db: &Db,
    holder: Holder<'_>,
    file: &Attachment,
    key: &str,
    upload_key: Option<&str>,
    limits: UploadLimits,
) -> Result<Option<Attachment>, AttachmentError> {
    let holder_key = holder.key();
    let mut writer = db.writer().await?;
    let mut tx = writer.begin().await?;
    // The holder's row first: it says whether the holder is still open, and on PostgreSQL it
    // stays locked until this transaction ends, so two uploads for one draft are recorded one
    // after the other (a retry that overtook its first try finds it; two files cannot both take
    // the last room). SQLite writes one transaction at a time anyway.
    let open = match holder {
        // An upload is work on the application: it keeps the draft as a saved page does, and
        // changes its revision (a submission claims only the revision it checked).
        Holder::Draft(draft_id) => sqlx::query(
            "UPDATE drafts SET expires_at = $1, revision = revision + 1 \
             WHERE id = $2 AND dossier_code IS NULL AND expires_at > $3",
        )
        .bind(now() + crate::server::portal::drafts::LIFETIME_SECONDS)
        .bind(draft_id)
        .bind(file.created_at),
        Holder::Supplement { code, .. } => {
            sqlx::query("UPDATE dossiers SET status = status WHERE code = $1 AND status = 5").bind(code)
        }
    };
    if open.execute(&mut *tx).await?.rows_affected() == 0 {
        tx.rollback().await?;
        drop(writer);
        return Err(closed(db, holder).await);
    }
    if let Some(upload_key) = upload_key {
        let earlier = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM attachments a \
             WHERE a.draft_id = $1 AND a.slot = $2 AND a.upload_key = $3 AND a.sha256 = $4 LIMIT 1"
        ))
        .bind(&holder_key)
        .bind(i64::from(file.slot))
        .bind(upload_key)
        .bind(&file.sha256)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(earlier) = earlier {
            // Nothing changed: the draft's revision and lifetime stay as the first try left them.
            tx.rollback().await?;
            return Ok(Some(row_to_attachment(&earlier)?));
        }
    }
    // A supplement's files carry their dossier's code from the start (`$12`): never purged as a
    // draft's. A draft's get theirs when it is sent.
    let sql = "INSERT INTO attachments (id, draft_id, slot, file_name, content_type, size_bytes, sha256, \
         object_key, created_at, dossier_code, upload_key) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $12, $13 \
         WHERE (SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM attachments WHERE draft_id = $2) + $6 <= $10 \
         AND (SELECT COUNT(*) FROM attachments WHERE draft_id = $2 AND slot = $3) < $11";
    let insert = sqlx::query(sql)
        .bind(&file.id)
        .bind(&holder_key)
        .bind(i64::from(file.slot))
        .bind(&file.file_name)
        .bind(&file.content_type)
        .bind(file.size_bytes as i64)
        .bind(&file.sha256)
        .bind(key)
        .bind(file.created_at)
        .bind(limits.max_dossier_bytes.min(i64::MAX as u64) as i64)
        .bind(i64::from(limits.max_files_per_slot))
        .bind(match holder {
            Holder::Supplement { code, .. } => Some(code),
            Holder::Draft(_) => None,
        })
        .bind(upload_key);
    if insert.execute(&mut *tx).await?.rows_affected() == 1 {
        tx.commit().await?;
        return Ok(None);
    }
    tx.rollback().await?;
    drop(writer);
    let in_slot = usage(db, &holder_key, file.slot, None).await?.in_slot;
    Err(if in_slot >= limits.max_files_per_slot { AttachmentError::SlotFull } else { AttachmentError::DossierFull })
}

/// Why a holder no longer takes files: its draft is gone or sent, or the office stopped waiting.
async fn closed(db: &Db, holder: Holder<'_>) -> AttachmentError {
    match holder {
        Holder::Draft(draft_id) => match open_draft(db, draft_id).await {
            Err(e) => e,
            // Reopened in between cannot happen (a sent draft stays sent); say it as expired.
            Ok(_) => AttachmentError::DraftNotFound,
        },
        Holder::Supplement { .. } => AttachmentError::NotRequested,
    }
}

/// An upload being written. Dropped unfinished (the request was cancelled: the citizen's
/// connection closed, or the page gave up), it is aborted in the background. A local directory
/// removes its staging file by itself; an S3 store would otherwise keep the parts of an
/// incomplete multipart upload (and bill them) until a lifecycle rule clears them.
struct Pending(Option<WriteMultipart>);

impl Pending {
    fn take(&mut self) -> WriteMultipart {
        self.0.take().expect("taken once, at the end")
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let (Some(writer), Ok(runtime)) = (self.0.take(), tokio::runtime::Handle::try_current()) {
            runtime.spawn(async move {
                if let Err(e) = writer.abort().await {
                    tracing::warn!(error = %e, "a cancelled upload's partial object was not removed");
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_bytes() {
        assert_eq!(detect(b"%PDF-1.4\n%\xe2\xe3"), Some("application/pdf"));
        assert_eq!(detect(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"), Some("image/jpeg"));
        assert_eq!(detect(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Some("image/png"));
        assert_eq!(detect(b"MZ\x90\x00\x03\x00\x00\x00"), None, "a Windows program");
        assert_eq!(detect(b"<!DOCTYPE html><html><script>"), None);
        assert_eq!(detect(b"GIF89a"), None, "an image, but not one taken");
    }
}
