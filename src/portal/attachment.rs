//! Documents attached to a draft: the files a citizen uploads, one slot per required document of
//! the procedure (`procedure.documents[slot]`), several files per slot (a phone photographs each
//! page). The bytes live in the portal's object store; these are what the API says about them.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// The only kinds of file taken, detected from the bytes (never the name or the browser's claim).
pub const ACCEPTED_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// What a file input offers to pick: extensions for older phones, types for the rest.
pub const ACCEPT_ATTRIBUTE: &str = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

/// A file name is cut to this many characters once cleaned.
pub const MAX_NAME_CHARS: usize = 120;

/// One stored file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Attachment {
    /// Random id (26 characters of Crockford base32, lower case).
    pub id: String,
    /// Index of the required document in `procedure.documents`.
    pub slot: u32,
    /// The name the file came with, cleaned: no folders, no control or direction characters, at
    /// most 120 characters. Shown to the citizen; never used to store or find the bytes.
    pub file_name: String,
    /// What the bytes are: `application/pdf`, `image/jpeg` or `image/png`.
    pub content_type: String,
    pub size_bytes: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Unix seconds when it was stored.
    pub created_at: i64,
}

/// How much a draft may hold, said up front so nobody waits for an upload that cannot fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct UploadLimits {
    pub max_file_bytes: u64,
    pub max_dossier_bytes: u64,
    pub max_files_per_slot: u32,
}

impl Default for UploadLimits {
    fn default() -> Self {
        UploadLimits { max_file_bytes: 10 * 1024 * 1024, max_dossier_bytes: 50 * 1024 * 1024, max_files_per_slot: 20 }
    }
}

/// Answer of `GET /portal/v1/drafts/{id}/documents`: every file, by slot then upload order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct AttachmentList {
    pub files: Vec<Attachment>,
    pub limits: UploadLimits,
}

impl AttachmentList {
    pub fn in_slot(&self, slot: u32) -> impl Iterator<Item = &Attachment> {
        self.files.iter().filter(move |f| f.slot == slot)
    }

    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size_bytes).sum()
    }
}

/// Why one file was not taken: the `code` of the portal's JSON error, which the pages explain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadRefusal {
    /// Over the size limit of one file.
    TooBig,
    /// It would take the draft over its total.
    DossierFull,
    /// The slot holds as many files as it may.
    SlotFull,
    /// Not a PDF, JPEG or PNG (by its bytes).
    WrongType,
    /// No bytes.
    Empty,
    /// The upload broke off before the end.
    Broken,
    /// The application was submitted already.
    Submitted,
    /// Anything else (the portal was unavailable, say): try again.
    Failed,
    /// The form was sent without a file chosen.
    NoFile,
}

impl UploadRefusal {
    pub const ALL: [UploadRefusal; 9] = [
        UploadRefusal::TooBig,
        UploadRefusal::DossierFull,
        UploadRefusal::SlotFull,
        UploadRefusal::WrongType,
        UploadRefusal::Empty,
        UploadRefusal::Broken,
        UploadRefusal::Submitted,
        UploadRefusal::Failed,
        UploadRefusal::NoFile,
    ];

    pub fn code(self) -> &'static str {
        match self {
            UploadRefusal::TooBig => "too_big",
            UploadRefusal::DossierFull => "dossier_full",
            UploadRefusal::SlotFull => "slot_full",
            UploadRefusal::WrongType => "wrong_type",
            UploadRefusal::Empty => "empty",
            UploadRefusal::Broken => "broken",
            UploadRefusal::Submitted => "submitted",
            UploadRefusal::Failed => "failed",
            UploadRefusal::NoFile => "no_file",
        }
    }

    pub fn from_code(code: &str) -> UploadRefusal {
        UploadRefusal::ALL.into_iter().find(|r| r.code() == code).unwrap_or(UploadRefusal::Failed)
    }

    /// The locale key of the sentence that explains it.
    pub fn message_key(self) -> &'static str {
        match self {
            UploadRefusal::TooBig => "documents-error-too-big",
            UploadRefusal::DossierFull => "documents-error-dossier-full",
            UploadRefusal::SlotFull => "documents-error-slot-full",
            UploadRefusal::WrongType => "documents-error-wrong-type",
            UploadRefusal::Empty => "documents-error-empty",
            UploadRefusal::Broken => "documents-error-broken",
            UploadRefusal::Submitted => "documents-error-submitted",
            UploadRefusal::Failed => "documents-error-failed",
            UploadRefusal::NoFile => "documents-error-none",
        }
    }
}

/// The shortest and longest idempotency key an upload may carry (`?key=` on the portal's upload
/// operations).
pub const UPLOAD_KEY_CHARS: (usize, usize) = (16, 80);

/// Whether `key` can be an upload's idempotency key: 16 to 80 ASCII letters, digits, `-` or `_`
/// (the OpenAPI document declares the same pattern). A front end makes one per file it sends and
/// sends it again with the same file when it retries.
pub fn is_upload_key(key: &str) -> bool {
    (UPLOAD_KEY_CHARS.0..=UPLOAD_KEY_CHARS.1).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A file name as it is kept: the last path part only (browsers on Windows once sent the whole
/// path), without control, direction or zero-width characters, spaces collapsed, at most
/// [`MAX_NAME_CHARS`]; Vietnamese letters stay. Never empty: `tệp` when nothing is left.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned = super::input::clean_text(last, MAX_NAME_CHARS);
    let cleaned = cleaned.trim_start_matches('.').trim().to_string();
    if cleaned.is_empty() {
        "tệp".into()
    } else {
        cleaned
    }
}

/// `1.5 MB` (`1,5 MB` in Vietnamese, where a dot groups thousands), `320 KB`: sizes as people
/// read them, in units of 1024 (so the limits read round: 10 MB, 50 MB).
pub fn human_size(bytes: u64, lang: crate::i18n::Lang) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            let point = if lang.is_english() { '.' } else { ',' };
            format!("{}{point}{} MB", tenths / 10, tenths % 10)
        }
    } else {
        // Nothing is 0 KB; a file of a few bytes is 1 KB, not 0.
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn names_keep_only_what_a_person_reads() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\Users\\An\\Giấy khai sinh.pdf"), "Giấy khai sinh.pdf");
        assert_eq!(clean_file_name("a\u{0}b\u{202E}fdp.exe"), "a bfdp.exe");
        assert_eq!(clean_file_name("..."), "tệp");
        assert_eq!(clean_file_name(&"ả".repeat(300)).chars().count(), MAX_NAME_CHARS);
        assert_eq!(clean_file_name(""), "tệp");
    }

    #[test]
    fn sizes_read_round_at_the_limits() {
        assert_eq!(human_size(10 * 1024 * 1024, Lang::Vi), "10 MB");
        assert_eq!(human_size(50 * 1024 * 1024, Lang::En), "50 MB");
        assert_eq!(human_size(1_572_864, Lang::En), "1.5 MB");
        assert_eq!(human_size(1_572_864, Lang::Vi), "1,5 MB");
        assert_eq!(human_size(1, Lang::Vi), "1 KB");
        assert_eq!(human_size(0, Lang::Vi), "0 KB", "nothing uploaded yet");
        assert_eq!(human_size(320 * 1024 + 1, Lang::Vi), "321 KB");
    }

    #[test]
    fn refusal_codes_round_trip() {
        for r in UploadRefusal::ALL {
            assert_eq!(UploadRefusal::from_code(r.code()), r);
        }
        assert_eq!(UploadRefusal::from_code("<script>"), UploadRefusal::Failed);
    }
}
