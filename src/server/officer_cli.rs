//! `dichvucong officer …`: the officer API's actions from the command line, for operators and
//! demos, on the configured database through the same store functions as the API (one code
//! path). Plain text out; the language is `--lang en` or Vietnamese.
//!
//! ```text
//! dichvucong officer show 000.00.01.H25-250314-0007
//! dichvucong officer advance 000.00.01.H25-250314-0007 --to processing
//! dichvucong officer advance … --to supplement --reason "Ảnh CCCD mờ" --documents "CCCD;Giấy khai sinh"
//! dichvucong officer outbox
//! ```

use super::config::Settings;
use super::portal::workflow::{outbox, read, store, Actor, Workflow, WorkflowError};
use crate::i18n::Lang;
use crate::portal::dossier::Receipt;
use crate::portal::workflow::{DossierStatus, Transition};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// The actor the command line's events are recorded under.
const ACTOR: &str = "cli";

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("unknown action `{0}` (accept, not_accept, processing, supplement, payment, paid, complete, counter, post, delivered, stop, apologise)")]
    UnknownAction(String),
    #[error("`--{0}` is needed for this action")]
    Missing(&'static str),
    #[error("`--amount` must be a whole number of đồng")]
    BadAmount,
    #[error("the action is not valid: {0}")]
    BadAction(serde_json::Error),
    #[error("cannot start: {0}")]
    Start(String),
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
}

/// Runs `officer <args>`; what to print on success.
pub async fn run(args: &[String]) -> Result<String, CliError> {
    let (positional, flags) = split(args);
    let lang = flags.get("lang").and_then(|l| Lang::parse(l)).unwrap_or_default();
    let usage = || CliError::Usage(lang.t("officer-cli-usage"));
    let command = positional.first().ok_or_else(usage)?;
    let wf = workflow().await?;
    match (command.as_str(), positional.get(1)) {
        ("show", Some(code)) => Ok(describe(&read::status(&wf, code.trim()).await?, lang)),
        ("advance", Some(code)) => {
            let t = transition(&flags)?;
            let status = store::advance(&wf, code.trim(), &t, &Actor::Officer(ACTOR.into())).await?;
            Ok(describe(&status, lang))
        }
        ("outbox", None) => {
            let records = outbox::pending(&wf.db, outbox::MAX_LIMIT).await?;
            if records.is_empty() {
                return Ok(lang.t("officer-cli-outbox-empty"));
            }
            // The recipient (a phone number or an address) stays off the operator's screen.
            Ok(records
                .iter()
                .map(|r| format!("{}  [{:?}, {}]  {}", r.id, r.channel, r.lang, r.message))
                .collect::<Vec<_>>()
                .join("\n"))
        }
        _ => Err(usage()),
    }
}

/// Positional arguments, and `--name value` flags.
fn split(args: &[String]) -> (Vec<String>, HashMap<String, String>) {
    let (mut positional, mut flags) = (Vec::new(), HashMap::new());
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.strip_prefix("--") {
            Some(name) => {
                flags.insert(name.to_string(), it.next().cloned().unwrap_or_default());
            }
            None => positional.push(arg.clone()),
        }
    }
    (positional, flags)
}

/// The action named by `--to`, built as the API's JSON body and read by the same deserializer.
fn transition(flags: &HashMap<String, String>) -> Result<Transition, CliError> {
    let to = flags.get("to").ok_or(CliError::Missing("to"))?.trim().replace('-', "_");
    let action = match to.as_str() {
        "processing" => "start_processing",
        "supplement" => "request_supplement",
        "payment" => "require_payment",
        "paid" => "record_payment",
        "counter" | "returned" => "return_at_counter",
        "post" => "hand_to_post",
        "delivered" => "mark_delivered",
        "stop" => "stop_processing",
        "apologize" => "apologise",
        other => other,
    };
    let flag = |name: &'static str| flags.get(name).cloned().ok_or(CliError::Missing(name));
    let list = |name: &'static str| -> Result<Value, CliError> {
        Ok(json!(flag(name)?.split(';').map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>()))
    };
    let mut body = Map::new();
    body.insert("action".into(), json!(action));
    match action {
        "accept" | "start_processing" | "record_payment" | "return_at_counter" | "mark_delivered" => {}
        "not_accept" | "stop_processing" => {
            body.insert("reason".into(), json!(flag("reason")?));
        }
        "request_supplement" => {
            body.insert("reason".into(), json!(flag("reason")?));
            body.insert("documents".into(), list("documents")?);
            if let Some(deadline) = flags.get("deadline") {
                body.insert("deadline".into(), json!(deadline));
            }
        }
        "require_payment" => {
            let amount: u64 = flag("amount")?.trim().parse().map_err(|_| CliError::BadAmount)?;
            body.insert("amount_vnd".into(), json!(amount));
            body.insert(
                "purpose".into(),
                json!(flags.get("note").or(flags.get("reason")).ok_or(CliError::Missing("note"))?),
            );
        }
        "complete" => {
            body.insert("result_documents".into(), list("documents")?);
        }
        "hand_to_post" => {
            body.insert("tracking_number".into(), json!(flag("tracking")?));
        }
        "apologise" => {
            body.insert("new_due_date".into(), json!(flag("date")?));
            body.insert("note".into(), json!(flag("note")?));
        }
        _ => return Err(CliError::UnknownAction(to)),
    }
    serde_json::from_value(Value::Object(body)).map_err(CliError::BadAction)
}

/// The dossier as plain text: code, procedure, status, due date, timeline.
fn describe(s: &DossierStatus, lang: Lang) -> String {
    let en = lang.is_english();
    let mut out = vec![
        format!("{}  {}", s.dossier_code, s.procedure_name.get(en)),
        format!("{}: {} ({})", lang.t("officer-cli-status"), lang.t(&s.status.label_key()), s.status_code),
        format!(
            "{}: {}{}",
            lang.t("officer-cli-due"),
            Receipt::local_time(&s.due_at),
            if s.overdue { format!("  {}", lang.t("officer-cli-overdue")) } else { String::new() }
        ),
        format!("{}:", lang.t("officer-cli-events")),
    ];
    for e in &s.events {
        let note = if e.note.is_empty() { String::new() } else { format!(" — {}", e.note) };
        out.push(format!(
            "  {:>2}. {}  {}  {} ({}){note}",
            e.seq,
            Receipt::local_time(&e.at),
            lang.t(&e.status.label_key()),
            e.kind,
            e.actor
        ));
    }
    out.join("\n")
}

/// The workflow on the configured database (SITE_CONFIG or Leptos.toml, then the environment).
async fn workflow() -> Result<Workflow, CliError> {
    let path = std::env::var("SITE_CONFIG").unwrap_or_else(|_| "Leptos.toml".into());
    let settings = Settings::load(&path).map_err(CliError::Start)?;
    let db = super::portal::store::connect(&settings.database_url).await.map_err(CliError::Start)?;
    let calendar = super::portal::load_calendar(&settings).map_err(CliError::Start)?;
    Ok(Workflow {
        db,
        calendar: Arc::new(calendar),
        counter: Arc::new(settings.counter.clone()),
        site_url: settings.site_url.trim_end_matches('/').into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn actions_are_read_from_flags_like_the_api_reads_json() {
        assert_eq!(transition(&flags(&[("to", "processing")])).unwrap(), Transition::StartProcessing);
        assert_eq!(
            transition(&flags(&[("to", "supplement"), ("reason", "mờ"), ("documents", "CCCD; Giấy khai sinh")]))
                .unwrap(),
            Transition::RequestSupplement {
                reason: "mờ".into(),
                documents: vec!["CCCD".into(), "Giấy khai sinh".into()],
                deadline: None
            }
        );
        assert_eq!(
            transition(&flags(&[("to", "payment"), ("amount", "50000"), ("note", "lệ phí")])).unwrap(),
            Transition::RequirePayment { amount_vnd: 50_000, purpose: "lệ phí".into() }
        );
        assert!(matches!(transition(&flags(&[("to", "post")])), Err(CliError::Missing("tracking"))));
        assert!(matches!(transition(&flags(&[("to", "teleport")])), Err(CliError::UnknownAction(_))));
        assert!(matches!(transition(&flags(&[("to", "withdraw")])), Err(CliError::UnknownAction(_))), "the citizen's");
        assert!(matches!(
            transition(&flags(&[("to", "payment"), ("amount", "lots"), ("note", "x")])),
            Err(CliError::BadAmount)
        ));
    }

    #[test]
    fn flags_and_positionals_are_split() {
        let args: Vec<String> = ["advance", "X-1", "--to", "accept", "--lang", "en"].map(String::from).to_vec();
        let (positional, flags) = split(&args);
        assert_eq!(positional, ["advance", "X-1"]);
        assert_eq!(flags.get("to").map(String::as_str), Some("accept"));
    }
}
