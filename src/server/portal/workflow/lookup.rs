//! A dossier found by its code and a second factor (the phone or the citizen ID given at
//! submission), answered with a fresh signed tracking token. A wrong code and a wrong second
//! factor are one and the same `NotFound`, reached by the same work: one read of the database,
//! then two constant-time comparisons, against a dummy when the code names no dossier.

use super::{Workflow, WorkflowError};
use crate::portal::dossier_code::DossierCode;
use crate::portal::lookup::{second_factor_digits, LookupRequest};
use crate::server::portal::dossier::link;
use sha2::{Digest, Sha256};
use sqlx::Row;
use time::OffsetDateTime;

/// The canonical code of what was typed, or the text itself trimmed and cut short: the key the
/// per-code rate limit counts (a malformed code is counted too, under its own text).
pub fn limit_key(typed: &str) -> String {
    DossierCode::parse(typed).map(|c| c.to_string()).unwrap_or_else(|_| typed.trim().chars().take(64).collect())
}

/// Whether `a` and `b` are equal, in a time that depends on neither: both are hashed first, so
/// the comparison always runs over 32 bytes, whatever their lengths.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A token for the dossier `req` names, if its second factor is the dossier's phone or citizen ID.
pub async fn lookup(wf: &Workflow, req: &LookupRequest) -> Result<String, WorkflowError> {
    let code = DossierCode::parse(&req.code).map(|c| c.to_string()).unwrap_or_default();
    // The read happens for a malformed code too (it finds nothing): the same work every time.
    let row = sqlx::query("SELECT contact_phone, citizen_id, link_key FROM dossiers WHERE code = $1")
        .bind(&code)
        .fetch_optional(&mut *wf.db.reader().await?)
        .await?;
    let stored = match &row {
        Some(row) => Some((
            row.try_get::<String, _>("contact_phone")?,
            row.try_get::<String, _>("citizen_id")?,
            row.try_get::<String, _>("link_key")?,
        )),
        None => None,
    };
    // An unknown code is compared against values no one can type (they are not digits).
    let (phone, citizen_id) = stored.as_ref().map_or(("unknown", "unknown"), |(p, c, _)| (p.as_str(), c.as_str()));
    let typed = second_factor_digits(&req.second_factor).unwrap_or_default();
    // `|`, not `||`: both comparisons run whichever matches. Empty stored values never match.
    let matched = (same(&typed, phone) & !phone.is_empty()) | (same(&typed, citizen_id) & !citizen_id.is_empty());
    match stored {
        Some((_, _, key)) if matched && !typed.is_empty() => {
            let expires = OffsetDateTime::now_utc().unix_timestamp() + link::LINK_LIFETIME_SECONDS;
            link::sign(&code, expires, &key).ok_or(WorkflowError::Damaged)
        }
        _ => Err(WorkflowError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_is_exact() {
        assert!(same("0912345678", "0912345678"));
        assert!(!same("0912345678", "0912345679"));
        assert!(!same("", "0912345678"));
        assert!(!same("091234567", "0912345678"));
    }

    #[test]
    fn the_limit_counts_a_code_however_it_is_typed() {
        assert_eq!(limit_key("000.00.01.h25 261201 0007"), limit_key("000.00.01.H25-261201-0007"));
        assert_eq!(limit_key("  nonsense "), "nonsense");
        assert_eq!(limit_key(&"x".repeat(500)).len(), 64);
    }
}
