//! One upload: the head read to tell the type, the rest streamed to the store while counted and
//! hashed, the row written only once the bytes are stored.

use super::{forget, now, open_draft, random_id, supplement_open, usage, AttachmentError, AttachmentStore, Holder};
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

/// Stores one file of `slot` (checked by the caller against the procedure or the supplement
/// request) for an open draft or supplement:
/// streamed to the store while counted and hashed, refused as soon as it breaks a rule.
/// `declared` is the body's Content-Length when it was sent: a file known to be too big is
/// refused before a byte is read.
pub async fn upload<S, E>(
    db: &Db,
    store: &AttachmentStore,
    holder: Holder<'_>,
    slot: u32,
    file_name: String,
    declared: Option<u64>,
    body: S,
) -> Result<Attachment, AttachmentError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    let limits = store.limits;
    let (used, in_slot) = usage(db, &holder.key(), slot).await?;
    if in_slot >= limits.max_files_per_slot {
        return Err(AttachmentError::SlotFull);
    }
    let room = limits.max_dossier_bytes.saturating_sub(used);
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
    let (id, key) = (random_id()?, random_id()?);
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
    match record(db, holder, &file, &key, limits).await {
        Ok(()) => Ok(file),
        Err(e) => {
            // Stored but not recorded: the bytes go too, so nothing unaccounted stays behind.
            forget(store, &key).await;
            Err(e)
        }
    }
}

/// The row of a stored file, written only while the draft (or supplement) is still open and has
/// room (another tab may have uploaded, or submitted, while these bytes were arriving).
async fn record(
    db: &Db,
    holder: Holder<'_>,
    file: &Attachment,
    key: &str,
    limits: UploadLimits,
) -> Result<(), AttachmentError> {
    // A supplement's files carry their dossier's code from the start: never purged as a draft's.
    let (filed, open) = match holder {
        Holder::Draft(_) => {
            ("", "EXISTS (SELECT 1 FROM drafts WHERE id = $2 AND dossier_code IS NULL AND expires_at > $9)".into())
        }
        Holder::Supplement { .. } => (", dossier_code", supplement_open(12)),
    };
    let filed_value = if filed.is_empty() { "" } else { ", $12" };
    let holder_key = holder.key();
    let mut writer = db.writer().await?;
    let mut tx = writer.begin().await?;
    let sql = format!(
        "INSERT INTO attachments (id, draft_id, slot, file_name, content_type, size_bytes, sha256, object_key, created_at{filed}) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9{filed_value} \
         WHERE {open} \
         AND (SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM attachments WHERE draft_id = $2) + $6 <= $10 \
         AND (SELECT COUNT(*) FROM attachments WHERE draft_id = $2 AND slot = $3) < $11",
    );
    let mut insert = sqlx::query(&sql)
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
        .bind(i64::from(limits.max_files_per_slot));
    if let Holder::Supplement { code, .. } = holder {
        insert = insert.bind(code);
    }
    let written = insert.execute(&mut *tx).await?.rows_affected();
    if written == 1 {
        if let Holder::Draft(draft_id) = holder {
            // An upload is work on the application: it keeps the draft as a saved page does,
            // and changes its revision (a submission claims only the revision it checked).
            sqlx::query("UPDATE drafts SET expires_at = $1, revision = revision + 1 WHERE id = $2")
                .bind(now() + crate::server::portal::drafts::LIFETIME_SECONDS)
                .bind(draft_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        return Ok(());
    }
    tx.rollback().await?;
    drop(writer);
    // Which check failed, to say so.
    match holder {
        Holder::Draft(draft_id) => {
            open_draft(db, draft_id).await?;
        }
        Holder::Supplement { code, .. } => {
            let open = sqlx::query("SELECT 1 FROM dossiers WHERE code = $1 AND status = 5")
                .bind(code)
                .fetch_optional(&mut *db.reader().await?)
                .await?;
            if open.is_none() {
                return Err(AttachmentError::NotRequested);
            }
        }
    }
    let (_, in_slot) = usage(db, &holder_key, file.slot).await?;
    Err(if in_slot >= limits.max_files_per_slot { AttachmentError::SlotFull } else { AttachmentError::DossierFull })
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
