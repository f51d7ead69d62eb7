//! A submitted application (a dossier, hồ sơ) as the citizen sees it: the receipt, Mẫu 01
//! "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Circular 01/2018/TT-VPCP). The portal builds it once,
//! in the submission's transaction, and stores it: every later showing is the same document.

use super::types::{Fee, LocalizedText, ProcessingTime};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// How the result reaches the citizen (HinhThucTra: 0 at the counter, 1 by post).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnMethod {
    Counter,
    Post,
}

/// One required document as received: what it is, how many originals and copies the procedure
/// asks for, and how many files were attached for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ReceivedDocument {
    pub name: LocalizedText,
    pub originals: u8,
    pub copies: u8,
    /// Files attached (pages of the document); 0 for an optional document not given.
    pub files: u32,
}

/// The receipt (Mẫu 01) of a dossier. Times are ISO 8601 in Vietnam time
/// (`2025-03-14T10:05:00+07:00`): what the paper form states.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Receipt {
    /// Mã hồ sơ, `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`, e.g. `000.00.01.H25-250314-0007`.
    pub dossier_code: String,
    pub procedure_code: String,
    pub procedure_name: LocalizedText,
    /// The agency that handles the procedure (cơ quan thực hiện).
    pub agency: LocalizedText,
    /// When the portal took the dossier.
    pub received_at: String,
    /// When the processing time starts to run: `received_at`, or the next opening of the office
    /// when it was received outside office hours or on a day off.
    pub counted_from: String,
    /// Ngày hẹn trả kết quả: the appointment for the result.
    pub due_at: String,
    /// The count ran through a year whose days off are partly estimates: the date is expected,
    /// not promised.
    pub due_provisional: bool,
    /// The processing time the due date was counted from (the online channel's).
    pub processing_time: ProcessingTime,
    /// The person filing, as answered; empty when the form does not ask.
    pub applicant_name: String,
    pub documents: Vec<ReceivedDocument>,
    /// Fees and charges of the online channel.
    pub fees: Vec<Fee>,
    pub return_method: ReturnMethod,
    /// Where the result is sent (by post), or the agency to collect it from (counter).
    pub return_address: String,
    /// The postal charge for returning the result, when it is sent by post and known.
    pub postal_fee_vnd: Option<u64>,
    /// Signed link token to the dossier's tracking page (`/track/{token}`): whoever holds it may
    /// see this receipt and the dossier's progress. Expires a year after submission.
    pub tracking_token: String,
}

impl Receipt {
    /// `received_at`-style text as `dd/mm/yyyy HH:MM`; the text itself when it is not that shape.
    pub fn local_time(iso: &str) -> String {
        match (iso.get(0..4), iso.get(5..7), iso.get(8..10), iso.get(11..16)) {
            (Some(y), Some(m), Some(d), Some(hm)) => format!("{d}/{m}/{y} {hm}"),
            _ => iso.to_string(),
        }
    }

    /// `due_at`-style text as `dd/mm/yyyy`.
    pub fn local_date(iso: &str) -> String {
        match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
            (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
            _ => iso.to_string(),
        }
    }

    /// Whether `token` can only be a tracking token (base64url parts joined by dots, at least
    /// two, none empty, so never `.` or `..` in a path): what a page may put in a URL it builds,
    /// whatever the portal answered.
    pub fn is_token_shaped(token: &str) -> bool {
        (16..=256).contains(&token.len())
            && token.contains('.')
            && token.split('.').all(|part| !part.is_empty())
            && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
    }
}

/// Body of a 422 from `POST /portal/v1/drafts/{id}/submit`: what must be done before the draft
/// can be sent. `code` is `incomplete`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Incomplete {
    pub code: String,
    pub message: String,
    /// Inputs whose answer is missing or wrong (names as in the draft's answers).
    pub fields: Vec<String>,
    /// Mandatory documents with no file attached, as indexes into the procedure's `documents`.
    pub documents: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_as_people_write_them() {
        assert_eq!(Receipt::local_time("2025-03-14T10:05:00+07:00"), "14/03/2025 10:05");
        assert_eq!(Receipt::local_date("2025-03-17T17:00:00+07:00"), "17/03/2025");
        assert_eq!(Receipt::local_time("x"), "x");
    }

    #[test]
    fn only_token_shaped_text_goes_into_a_link() {
        assert!(Receipt::is_token_shaped("MDAwLjAwLjAxLkgyNS0yNTAzMTQtMDAwN3wxNzc0MDAwMDAw.q1w2e3r4t5y6u7i8o9p0"));
        assert!(Receipt::is_token_shaped("000.00.01.H25-261202-0001.7K2M9QXD4HRTB1CW"));
        for bad in [
            "",
            "short.x",
            "no-dot-at-all-but-long-enough",
            "a..b-long-enough-token",
            ".leading-dot-long-enough",
            "trailing-dot-long-enough.",
            "\"><svg onload=x>.aaaaaaaaaaaa",
            "aaaaaaaaaaaa.bbbbbbbb/../x",
        ] {
            assert!(!Receipt::is_token_shaped(bad), "{bad}");
        }
    }
}
