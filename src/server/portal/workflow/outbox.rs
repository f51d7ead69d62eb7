//! The notification outbox: what the citizen should hear about a change, written in the change's
//! own transaction, for the province's gateway (SMS, Zalo, email) to send. The gateway lists the
//! records not yet acknowledged and acknowledges what it sent; acknowledging twice is harmless,
//! and an acknowledged record is never listed again.

use super::read::Stored;
use super::{Outcome, Workflow, WorkflowError};
use crate::i18n::{num, text, Lang};
use crate::portal::dossier::Receipt;
use crate::portal::workflow::Transition;
use crate::server::portal::dossier::{begin_submission, iso, link};
use crate::server::portal::store::Db;
use serde::{Deserialize, Serialize};
use sqlx::{Any, Row, Transaction};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// How many records one listing returns at most.
pub const MAX_LIMIT: u32 = 500;

/// The channel a record is for: SMS to the contact phone (always), Zalo to the same mobile
/// number when the citizen ticked "also notify me on Zalo" on the applicant page (a Zalo
/// account is keyed by it), email to the address given, if any.
/// Named `OutboxChannel` in the OpenAPI document: the catalogue's `Channel` (how a procedure is
/// applied for) has the name, and two schemas of one name made procedures fail the contract run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = OutboxChannel)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Zalo,
    Email,
}

impl Channel {
    fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Zalo => "zalo",
            Channel::Email => "email",
        }
    }
}

/// One message for the gateway to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OutboxRecord {
    /// `{dossier code}/{event seq}/{channel}`: what to acknowledge.
    pub id: String,
    pub dossier_code: String,
    pub event_seq: u32,
    pub channel: Channel,
    /// A mobile number (digits) for SMS and Zalo, an address for email.
    pub recipient: String,
    /// The citizen's language (`vi` or `en`), which `message` is written in.
    pub lang: String,
    pub message: String,
    /// The signed deep link to the dossier's tracking page.
    pub link: String,
    /// ISO 8601, Vietnam time.
    pub created_at: String,
}

/// Body of `POST /portal/v1/officer/outbox/ack`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AckRequest {
    /// Ids of records sent (at most 500).
    pub ids: Vec<String>,
}

/// How many of the ids given were acknowledged now (not before, not unknown).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct AckResult {
    pub acknowledged: u32,
}

/// Writes the records for the event `seq` that produced `outcome`, inside `tx`.
pub async fn write(
    tx: &mut Transaction<'_, Any>,
    wf: &Workflow,
    dossier: &Stored,
    seq: i64,
    outcome: &Outcome,
    now: OffsetDateTime,
) -> Result<(), WorkflowError> {
    let lang = Lang::parse(&dossier.lang).unwrap_or_default();
    let token = link::sign(&dossier.code, now.unix_timestamp() + link::LINK_LIFETIME_SECONDS, &dossier.link_key)
        .ok_or(WorkflowError::Damaged)?;
    let link = format!("{}/track/{token}", wf.site_url);
    let message = message(lang, &dossier.code, &link, outcome);
    let recipients = [
        (Channel::Sms, Some(&dossier.contact_phone)),
        (Channel::Zalo, dossier.contact_zalo.as_ref()),
        (Channel::Email, dossier.contact_email.as_ref()),
    ];
    // One record per channel the dossier has a recipient for; empty means none was given.
    let recipients = recipients.into_iter().filter_map(|(c, r)| r.filter(|r| !r.is_empty()).map(|r| (c, r)));
    for (channel, recipient) in recipients {
        sqlx::query(
            "INSERT INTO outbox (id, dossier_code, event_seq, channel, recipient, lang, message, link, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(format!("{}/{seq}/{}", dossier.code, channel.as_str()))
        .bind(&dossier.code)
        .bind(seq)
        .bind(channel.as_str())
        .bind(recipient)
        .bind(lang.code())
        .bind(&message)
        .bind(&link)
        .bind(now.unix_timestamp())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The message for an action, in the citizen's language (`workflow-msg-{action}` in locales/).
fn message(lang: Lang, code: &str, link: &str, outcome: &Outcome) -> String {
    let applied = &outcome.applied;
    let date = match applied {
        Transition::RequestSupplement { deadline: Some(d), .. } => Receipt::local_date(d),
        _ => outcome.new_due_at.map(|d| Receipt::local_date(&iso(d))).unwrap_or_default(),
    };
    let amount = match applied {
        Transition::RequirePayment { amount_vnd, .. } => *amount_vnd as f64,
        _ => 0.0,
    };
    let args = [
        ("code", text(code)),
        ("link", text(link)),
        ("date", text(date)),
        ("amount", num(amount)),
        ("tracking", text(outcome.tracking_number.clone().unwrap_or_default())),
        ("reason", text(applied.note())),
    ];
    lang.t_with(&format!("workflow-msg-{}", applied.action()), &args)
}

/// Records not yet acknowledged, oldest first.
pub async fn pending(db: &Db, limit: u32) -> Result<Vec<OutboxRecord>, WorkflowError> {
    let rows = sqlx::query(
        "SELECT id, dossier_code, event_seq, channel, recipient, lang, message, link, created_at FROM outbox \
         WHERE acked_at IS NULL ORDER BY created_at, dossier_code, event_seq, channel LIMIT $1",
    )
    .bind(i64::from(limit.clamp(1, MAX_LIMIT)))
    .fetch_all(&mut *db.reader().await?)
    .await?;
    rows.iter()
        .map(|row| {
            let channel = match row.try_get::<String, _>("channel")?.as_str() {
                "sms" => Channel::Sms,
                "zalo" => Channel::Zalo,
                "email" => Channel::Email,
                _ => return Err(WorkflowError::Damaged),
            };
            let created =
                OffsetDateTime::from_unix_timestamp(row.try_get("created_at")?).map_err(|_| WorkflowError::Damaged)?;
            Ok(OutboxRecord {
                id: row.try_get("id")?,
                dossier_code: row.try_get("dossier_code")?,
                event_seq: u32::try_from(row.try_get::<i64, _>("event_seq")?).map_err(|_| WorkflowError::Damaged)?,
                channel,
                recipient: row.try_get("recipient")?,
                lang: row.try_get("lang")?,
                message: row.try_get("message")?,
                link: row.try_get("link")?,
                created_at: iso(created),
            })
        })
        .collect()
}

/// Acknowledges the records `ids`; returns how many were pending until now.
pub async fn acknowledge(db: &Db, ids: &[String]) -> Result<u32, WorkflowError> {
    if ids.len() > MAX_LIMIT as usize {
        return Err(WorkflowError::Invalid { field: "ids", problem: "lists more than 500 ids" });
    }
    let now = OffsetDateTime::now_utc().unix_timestamp();
    // A write transaction from the start (BEGIN IMMEDIATE on SQLite): two gateways acknowledging
    // at once queue instead of one failing on a stale snapshot.
    let mut writer = db.writer().await?;
    let mut tx = begin_submission(&mut writer).await?;
    let mut acknowledged = 0;
    for id in ids {
        let done = sqlx::query("UPDATE outbox SET acked_at = $1 WHERE id = $2 AND acked_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        acknowledged += done.rows_affected() as u32;
    }
    tx.commit().await?;
    Ok(acknowledged)
}
