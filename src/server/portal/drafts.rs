//! Drafts in the embedded portal's database: created on the first answer, saved section by
//! section, found again by their resume code, gone 30 days after the last save.

use super::store::{Bind, Db, Statement};
use crate::portal::draft::{Draft, SectionAnswers, MAX_FIELDS, MAX_VALUES, MAX_VALUE_CHARS};
use sqlx::Row;
use std::collections::{BTreeMap, HashMap};

/// How long an untouched draft is kept (issue 8: "expiring after 30 days").
pub const LIFETIME_SECONDS: i64 = 30 * 24 * 60 * 60;

#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("no such draft (it may have expired)")]
    NotFound,
    #[error("the procedure's form has no such page")]
    NoSuchSection,
    #[error("the draft's saved answers cannot be read")]
    Damaged,
    /// The draft was sent: its dossier is what counts now, and it takes no more changes.
    #[error("this application has been sent and can no longer be changed")]
    Submitted,
    #[error("{0}")]
    Invalid(&'static str),
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
    #[error("no randomness available: {0}")]
    Random(#[from] getrandom::Error),
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A resume code as typed, in its stored form: upper case, no separators, and the letters people
/// confuse with digits read as those digits.
pub fn normalize_resume_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// `7K2M9QXD4HRTB1CW` → `7K2M-9QXD-4HRT-B1CW`: easier to copy in fours.
fn grouped(code: &str) -> String {
    code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

fn row_to_draft(row: &sqlx::any::AnyRow) -> Result<Draft, DraftError> {
    let answers: String = row.try_get("answers")?;
    let code: String = row.try_get("resume_code")?;
    Ok(Draft {
        id: row.try_get("id")?,
        resume_code: grouped(&code),
        procedure_code: row.try_get("procedure_code")?,
        // Never read a damaged value as "no answers": the next save would write that back.
        answers: serde_json::from_str(&answers).map_err(|_| DraftError::Damaged)?,
        revision: row.try_get("revision")?,
        expires_at: row.try_get("expires_at")?,
        dossier_code: row.try_get("dossier_code")?,
    })
}

/// A new, empty draft for `procedure_code` (checked by the caller).
pub async fn create(db: &Db, procedure_code: &str) -> Result<Draft, DraftError> {
    // 26 × 5 = 130 bits of id, 16 × 5 = 80 bits of resume code.
    let (id, code) = (super::base32::random(26)?.to_ascii_lowercase(), super::base32::random(16)?);
    let (created, expires) = (now(), now() + LIFETIME_SECONDS);
    sqlx::query(
        "INSERT INTO drafts (id, resume_code, procedure_code, answers, revision, created_at, expires_at) \
         VALUES ($1, $2, $3, '{}', 0, $4, $5)",
    )
    .bind(&id)
    .bind(&code)
    .bind(procedure_code)
    .bind(created)
    .bind(expires)
    .execute(&mut *db.writer().await?)
    .await?;
    Ok(Draft {
        id,
        resume_code: grouped(&code),
        procedure_code: procedure_code.into(),
        answers: BTreeMap::new(),
        revision: 0,
        expires_at: expires,
        dossier_code: None,
    })
}

/// The draft with this id, unless it has expired.
pub async fn get(db: &Db, id: &str) -> Result<Draft, DraftError> {
    let row = sqlx::query("SELECT * FROM drafts WHERE id = $1 AND expires_at > $2")
        .bind(id)
        .bind(now())
        .fetch_optional(&mut *db.reader().await?)
        .await?
        .ok_or(DraftError::NotFound)?;
    row_to_draft(&row)
}

/// A draft and how many files each of its documents has, read in one trip (a submission's
/// check needs both, and each trip to SQLite's thread costs more than the reading): one row a
/// document with files, or one with no document when it has none. Grouping by the key lets
/// PostgreSQL take the draft's other columns as they are.
pub async fn with_files(db: &Db, id: &str) -> Result<(Draft, HashMap<u32, u32>), DraftError> {
    let rows = sqlx::query(
        "SELECT d.*, a.slot AS file_slot, COUNT(a.id) AS file_count FROM drafts d \
         LEFT JOIN attachments a ON a.draft_id = d.id WHERE d.id = $1 AND d.expires_at > $2 GROUP BY d.id, a.slot",
    )
    .bind(id)
    .bind(now())
    .fetch_all(&mut *db.reader().await?)
    .await?;
    let draft = row_to_draft(rows.first().ok_or(DraftError::NotFound)?)?;
    let mut files = HashMap::new();
    for row in &rows {
        // INTEGER is 64 bits on SQLite, 32 on PostgreSQL.
        let slot: Option<i64> = row
            .try_get::<Option<i64>, _>("file_slot")
            .or_else(|_| row.try_get::<Option<i32>, _>("file_slot").map(|s| s.map(i64::from)))?;
        let count: i64 = row.try_get("file_count")?;
        if let (Some(Ok(slot)), Ok(count)) = (slot.map(u32::try_from), u32::try_from(count)) {
            if count > 0 {
                files.insert(slot, count);
            }
        }
    }
    Ok((draft, files))
}

/// The draft a resume code opens, unless it has expired.
pub async fn resume(db: &Db, typed_code: &str) -> Result<Draft, DraftError> {
    let row = sqlx::query("SELECT * FROM drafts WHERE resume_code = $1 AND expires_at > $2")
        .bind(normalize_resume_code(typed_code))
        .bind(now())
        .fetch_optional(&mut *db.reader().await?)
        .await?
        .ok_or(DraftError::NotFound)?;
    row_to_draft(&row)
}

/// Where a save goes: the section (a page id), and the procedure the page was shown for, if the
/// caller wants the save made only on a draft for that procedure.
#[derive(Clone, Copy, Debug)]
pub struct Section<'a> {
    pub id: &'a str,
    pub procedure: Option<&'a str>,
}

/// Replaces one section's answers and keeps the draft 30 more days, in one statement on the
/// writer: the database merges the section into the stored answers, so two tabs saving
/// different sections at once both keep theirs, and a save never reads first. (It read the
/// draft on a reader, then wrote with a compare and swap: two hand-offs to the database's
/// threads, and all the answers parsed and written out again, for every page saved.) On
/// SQLite the statement shares a transaction with the other saves waiting ([`Db::write_one`]).
/// `is_page` says whether the section is a page of the form of a procedure (by code): only
/// those are kept. A draft for another procedure than `section.procedure` is left as it is,
/// and is `NotFound`.
pub async fn save_section(
    db: &Db,
    id: &str,
    section: Section<'_>,
    fields: SectionAnswers,
    is_page: impl Fn(&str) -> bool,
) -> Result<Draft, DraftError> {
    let Section { id: section, procedure } = section;
    // Which procedure's form the section must belong to: the caller's, or the draft's own.
    let procedure = match procedure {
        Some(code) => code.to_string(),
        None => get(db, id).await?.procedure_code,
    };
    if !is_page(&procedure) {
        return Err(DraftError::NoSuchSection);
    }
    check_section(section, &fields)?;
    let fields = serde_json::to_string(&fields).map_err(|_| DraftError::Invalid("unserialisable"))?;
    let merged = merge_section(db.is_sqlite());
    let sql = format!(
        // `dossier_code IS NULL`: a save must not land on a draft that has been sent (the
        // submission sets the code in its own transaction).
        "UPDATE drafts SET answers = {merged}, revision = revision + 1, expires_at = $3 \
         WHERE id = $4 AND procedure_code = $5 AND dossier_code IS NULL AND expires_at > $6 RETURNING *"
    );
    let time = now();
    let binds = vec![
        Bind::Text(fields),
        Bind::Text(section.to_string()),
        Bind::Int(time + LIFETIME_SECONDS),
        Bind::Text(id.to_string()),
        Bind::Text(procedure),
        Bind::Int(time),
    ];
    let saved = db.write_one(Statement { sql, binds }).await?.into_iter().next();
    match saved {
        Some(row) => row_to_draft(&row),
        // Why not: gone (or expired, or another procedure's), or sent.
        None => match get(db, id).await {
            Ok(draft) if draft.dossier_code.is_some() => Err(DraftError::Submitted),
            Ok(_) | Err(DraftError::NotFound) => Err(DraftError::NotFound),
            Err(e) => Err(e),
        },
    }
}

/// The stored answers with section `$2` set to the JSON object `$1`, in the database's dialect.
/// PostgreSQL's `json`, not `jsonb`: `jsonb` refuses a `\u0000` that `json` (and SQLite) keep.
fn merge_section(sqlite: bool) -> &'static str {
    if sqlite {
        "json_set(answers, '$.' || $2, json($1))"
    } else {
        "(SELECT CAST(COALESCE(json_object_agg(k, v), '{}') AS TEXT) FROM \
         (SELECT key AS k, value AS v FROM json_each(CAST(answers AS json)) WHERE key <> $2 \
          UNION ALL SELECT $2, CAST($1 AS json)) AS merged)"
    }
}

fn check_section(section: &str, fields: &SectionAnswers) -> Result<(), DraftError> {
    // The e-form's page-id rule (form::check), at most 40 characters.
    let name_ok = |s: &str| {
        (1..=40).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    if !name_ok(section) {
        return Err(DraftError::Invalid("a section name is a page id: lower-case letters, digits, _"));
    }
    if fields.len() > MAX_FIELDS {
        return Err(DraftError::Invalid("too many fields in one section"));
    }
    // (Field names are bounded by the request's size limit: OpenAPI cannot declare more.) No
    // control character: PostgreSQL reads the stored names as text, where a NUL is refused, and
    // one such name would make every later save of the draft fail.
    if fields.keys().any(|name| name.chars().any(char::is_control)) {
        return Err(DraftError::Invalid("a field name holds a control character"));
    }
    for values in fields.values() {
        if values.len() > MAX_VALUES {
            return Err(DraftError::Invalid("a field has more than 50 values"));
        }
        if values.iter().any(|v| v.chars().count() > MAX_VALUE_CHARS) {
            return Err(DraftError::Invalid("a value is longer than 10,000 characters"));
        }
    }
    Ok(())
}

/// Deletes expired drafts; called now and then so the table holds only live applications. A
/// sent draft goes too: its dossier keeps the answers (and `draft_id`, the idempotency key).
pub async fn purge_expired(db: &Db) -> Result<u64, DraftError> {
    let purge = sqlx::query("DELETE FROM drafts WHERE expires_at <= $1").bind(now());
    Ok(purge.execute(&mut *db.writer().await?).await?.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_codes_survive_being_copied_by_hand() {
        assert_eq!(normalize_resume_code(" 7k2m-9qxd 4hrt–b1cw "), "7K2M9QXD4HRTB1CW");
        assert_eq!(normalize_resume_code("OOIL"), "0011");
        assert_eq!(grouped("7K2M9QXD4HRTB1CW"), "7K2M-9QXD-4HRT-B1CW");
        let code = crate::server::portal::base32::random(16).unwrap();
        assert_eq!(normalize_resume_code(&grouped(&code)), code, "what is shown is what is found");
        assert!(!code.contains(['I', 'L', 'O', 'U']), "{code}");
    }

    #[test]
    fn a_section_is_bounded() {
        let one = |v: &str| SectionAnswers::from([("name".to_string(), vec![v.to_string()])]);
        assert!(check_section("applicant", &one("Nguyễn Văn A")).is_ok());
        assert!(check_section("Applicant", &one("x")).is_err());
        assert!(check_section("bride_parents", &one("x")).is_ok(), "page ids of the e-forms");
        assert!(check_section("a-b", &one("x")).is_err());
        assert!(check_section("", &one("x")).is_err());
        assert!(check_section("a", &one(&"x".repeat(MAX_VALUE_CHARS + 1))).is_err());
        let many: SectionAnswers = (0..=MAX_FIELDS).map(|i| (format!("f{i}"), vec![])).collect();
        assert!(check_section("a", &many).is_err());
        // PostgreSQL reads the stored answers' names as text, which cannot hold a NUL: one such
        // name would make every later save of the draft fail.
        let named = |name: &str| SectionAnswers::from([(name.to_string(), vec!["x".to_string()])]);
        assert!(check_section("a", &named("khai\u{0}sinh")).is_err());
        assert!(check_section("a", &named("line\nbreak")).is_err());
        assert!(check_section("a", &named("child_birth_place.street")).is_ok());
        assert!(check_section("a", &named("Họ tên <b>")).is_ok(), "any other name is only text");
    }
}
