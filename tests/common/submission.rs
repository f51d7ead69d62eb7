//! Sending applications through the real server: complete drafts made from the form's own
//! declaration, attachments put straight into the table (uploads are another part's), and the
//! scenarios run on SQLite (tests/submission.rs) and PostgreSQL (tests/postgres.rs) alike.

use dichvucong::portal::draft::{Draft, SectionAnswers};
use dichvucong::portal::form::{FieldKind, Pattern, ProcedureForm, Sex};
use dichvucong::portal::types::{Procedure, Province};
use dichvucong::portal::PortalClient;
use sqlx::AnyPool;
use std::collections::BTreeMap;

/// The product on a fresh SQLite file, and a pool of its own on the same file.
pub async fn start(name: &str) -> (super::Server, AnyPool) {
    let dir = super::TempDir::new(name);
    let db = dir.0.join("test.db");
    let url = format!("sqlite://{}", db.display());
    let server = super::start_on_db(dir, db, None).await;
    let pool = dichvucong::server::portal::store::migrated_pool(&url).await.unwrap();
    (server, pool)
}

/// The portal API of the product `s`, through the front end's own client.
pub fn portal(s: &super::Server) -> PortalClient {
    PortalClient::new(format!("{}/portal/v1", s.base))
}

/// A procedure with the generic form, two mandatory documents and 3 working days online.
pub const PROCEDURE: &str = "1.004873";

/// The answer a careful person gives to `field`: valid by its kind and rules. Sexes are male,
/// dates 15/01/1990, so citizen IDs (`025 0 90 …`) agree with the holder's answers.
fn answer(field: &dichvucong::portal::form::Field, province: &Province) -> Vec<(String, String)> {
    let one = |v: &str| vec![(field.id.clone(), v.to_string())];
    let rules = &field.rules;
    match field.kind {
        FieldKind::Text => match rules.pattern {
            Some(Pattern::Digits) => one("12345"),
            Some(Pattern::Reference) => one("12/2024/QĐ-UBND"),
            _ => one("Nguyễn Văn An"),
        },
        FieldKind::Textarea => one("Đề nghị cơ quan xác nhận để làm thủ tục theo quy định."),
        FieldKind::Integer | FieldKind::Decimal => one(&rules.min.map_or(1, |m| m.max(1.0) as i64).to_string()),
        FieldKind::Date => one("1990-01-15"),
        // An optional box (Zalo notifications) is left unticked, as most people leave it.
        FieldKind::Checkboxes if !field.required => vec![],
        FieldKind::Select | FieldKind::Radio | FieldKind::Checkboxes => {
            let male = field.options.iter().find(|o| o.value == Sex::Male.value());
            one(&male.or(field.options.first()).map(|o| o.value.clone()).unwrap_or_default())
        }
        FieldKind::YesNo => one("no"),
        FieldKind::Phone => one("0912345678"),
        FieldKind::Email => one("an.nguyen@example.vn"),
        FieldKind::CitizenId => match field.holder.as_ref().and_then(|h| h.sex) {
            Some(Sex::Female) => one("025190012345"),
            _ => one("025090012345"),
        },
        FieldKind::EnterpriseCode => one("0101234567"),
        FieldKind::Address => vec![
            (format!("{}.province", field.id), province.code.clone()),
            (format!("{}.commune", field.id), province.units[0].code.clone()),
            (format!("{}.street", field.id), "Số 1 đường Hùng Vương".into()),
        ],
    }
}

/// Every page of `form` answered.
pub fn fill(form: &ProcedureForm, province: &Province) -> BTreeMap<String, SectionAnswers> {
    form.pages
        .iter()
        .map(|page| {
            let mut section = SectionAnswers::new();
            for (name, value) in page.fields.iter().flat_map(|f| answer(f, province)) {
                section.entry(name).or_default().push(value);
            }
            (page.id.clone(), section)
        })
        .collect()
}

/// One file for each mandatory document of `procedure`, as the upload part would record it.
pub async fn attach_mandatory(pool: &AnyPool, draft_id: &str, procedure: &Procedure) {
    for (slot, _) in procedure.documents.iter().enumerate().filter(|(_, d)| d.must_upload(false)) {
        attach(pool, draft_id, slot as i64).await;
    }
}

pub async fn attach(pool: &AnyPool, draft_id: &str, slot: i64) {
    let id = format!("{draft_id}-{slot}-{}", next_number());
    sqlx::query(
        "INSERT INTO attachments (id, draft_id, slot, file_name, content_type, size_bytes, sha256, object_key, \
         created_at) VALUES ($1, $2, $3, 'scan.pdf', 'application/pdf', 1000, 'x', $1, 0)",
    )
    .bind(id)
    .bind(draft_id)
    .bind(slot)
    .execute(pool)
    .await
    .unwrap();
}

fn next_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A draft of `PROCEDURE` with every page answered and every mandatory document attached.
pub async fn complete_draft(portal: &PortalClient, pool: &AnyPool) -> Draft {
    let (form, province, procedure) = (
        portal.form(PROCEDURE).await.unwrap(),
        portal.province().await.unwrap(),
        portal.procedure(PROCEDURE).await.unwrap(),
    );
    let draft = portal.create_draft(PROCEDURE).await.unwrap();
    for (section, answers) in fill(&form, &province) {
        portal.save_section(&draft.id, &draft.procedure_code, &section, answers).await.unwrap();
    }
    attach_mandatory(pool, &draft.id, &procedure).await;
    draft
}

/// `POST /portal/v1/drafts/{id}/submit`: status and body.
pub async fn submit(base: &str, id: &str) -> (u16, String) {
    let res = reqwest::Client::new().post(format!("{base}/portal/v1/drafts/{id}/submit")).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

pub async fn count(pool: &AnyPool, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql).bind(bind).fetch_one(pool).await.unwrap()
}

/// The day's number of a dossier code (its last four digits).
pub fn number(code: &str) -> u16 {
    code.rsplit('-').next().unwrap().parse().unwrap()
}

/// Many concurrent submissions of one draft make one dossier; every caller gets the same receipt.
pub async fn one_dossier_however_often_it_is_sent(base: &str, pool: &AnyPool, tries: usize) {
    let portal = PortalClient::new(format!("{base}/portal/v1"));
    let draft = complete_draft(&portal, pool).await;
    let calls = (0..tries).map(|_| {
        let (base, id) = (base.to_string(), draft.id.clone());
        tokio::spawn(async move { submit(&base, &id).await })
    });
    let answers: Vec<(u16, String)> = futures::future::join_all(calls).await.into_iter().map(Result::unwrap).collect();
    let created = answers.iter().filter(|(status, _)| *status == 201).count();
    assert_eq!(created, 1, "exactly one call made the dossier: {:?}", answers.iter().map(|a| a.0).collect::<Vec<_>>());
    assert!(answers.iter().all(|(status, _)| [200, 201].contains(status)));
    assert!(answers.iter().all(|(_, body)| *body == answers[0].1), "one receipt, byte for byte");
    assert_eq!(count(pool, "SELECT COUNT(*) FROM dossiers WHERE draft_id = $1", &draft.id).await, 1);
}

/// Different drafts sent at once get consecutive numbers of the day, none twice, none skipped.
/// Returns the numbers, sorted.
pub async fn concurrent_drafts_get_consecutive_numbers(base: &str, pool: &AnyPool, drafts: usize) -> Vec<u16> {
    let portal = PortalClient::new(format!("{base}/portal/v1"));
    let mut ids = Vec::new();
    for _ in 0..drafts {
        ids.push(complete_draft(&portal, pool).await.id);
    }
    let calls = ids.into_iter().map(|id| {
        let base = base.to_string();
        tokio::spawn(async move { submit(&base, &id).await })
    });
    let mut numbers: Vec<u16> = futures::future::join_all(calls)
        .await
        .into_iter()
        .map(|answer| {
            let (status, body) = answer.unwrap();
            assert_eq!(status, 201, "{body}");
            let receipt: serde_json::Value = serde_json::from_str(&body).unwrap();
            number(receipt["dossier_code"].as_str().unwrap())
        })
        .collect();
    numbers.sort_unstable();
    let first = numbers[0];
    assert_eq!(numbers, (first..first + drafts as u16).collect::<Vec<_>>(), "consecutive and unique");
    numbers
}
