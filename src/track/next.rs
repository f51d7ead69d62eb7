//! The one panel that says what the citizen should do next, from the portal's `NextAction`
//! (decided in one place, `NextAction::decide`), with links to the pages that do it:
//! `/track/{token}/supplement`, `/withdraw`, `/return` and `/rate`.

use crate::i18n::{format_vnd, t, text, use_lang};
use crate::portal::dossier::{Receipt, ReturnMethod};
use crate::portal::workflow::{DossierStatus, NextAction, Status};
use leptos::prelude::*;

#[component]
pub fn NextStep(status: DossierStatus, token: String) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    let link = move |page: &str| format!("/track/{token}/{page}");
    let s = &status;
    let (title, body) = match &s.next_action {
        NextAction::Supplement => {
            let asked = s.supplement.clone();
            let deadline = asked.as_ref().map(|a| Receipt::local_date(&a.deadline)).unwrap_or_default();
            let (reason, documents) = asked.map(|a| (a.reason, a.documents)).unwrap_or_default();
            (
                "track-next-supplement-title",
                view! {
                    <p class="mt-2">{reason}</p>
                    <p class="mt-2 font-semibold">{t("track-next-supplement-documents")}</p>
                    <ul class="mt-1 list-disc pl-6">{documents.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                    <p class="mt-2">{lang.t_with("track-next-supplement-deadline", &[("date", text(deadline))])}</p>
                    <p class="mt-4"><a class="button" href=link("supplement")>{t("track-next-supplement-button")}</a></p>
                }
                .into_any(),
            )
        }
        NextAction::Pay => {
            let due = s.payment.clone();
            let amount = due.as_ref().map(|p| format_vnd(p.amount_vnd)).unwrap_or_default();
            let purpose = due.map(|p| p.purpose).unwrap_or_default();
            (
                "track-next-pay-title",
                view! {
                    <p class="mt-2 text-xl font-bold">{amount}</p>
                    <p class="mt-1">{lang.t_with("track-next-pay-for", &[("purpose", text(purpose))])}</p>
                    <p class="mt-2 font-semibold">{t("track-next-pay-how")}</p>
                    <ul class="mt-1 list-disc pl-6">
                        <li>{t("track-next-pay-counter")}</li>
                        <li>{t("track-next-pay-transfer")}</li>
                        <li>{t("track-next-pay-post")}</li>
                    </ul>
                }
                .into_any(),
            )
        }
        NextAction::Collect { counter } => (
            "track-next-collect-title",
            view! {
                <p class="mt-2">{t("track-next-collect-body")}</p>
                <dl class="mt-2">
                    <dt class="font-semibold">{counter.name.get(en).to_string()}</dt>
                    <dd>{counter.address.clone()}</dd>
                    <dd>{lang.t_with("track-next-collect-hours", &[("hours", text(counter.hours.get(en)))])}</dd>
                </dl>
            }
            .into_any(),
        ),
        NextAction::AwaitDelivery { tracking_number } => (
            "track-next-post-title",
            match tracking_number {
                Some(number) => view! {
                    <p class="mt-2">{t("track-next-post-sent")}</p>
                    <p class="mt-1">{t("track-next-post-number")} " " <strong class="font-mono">{number.clone()}</strong></p>
                }
                .into_any(),
                None => view! { <p class="mt-2">{t("track-next-post-waiting")}</p> }.into_any(),
            },
        ),
        NextAction::Rate => (
            "track-next-rate-title",
            view! {
                <p class="mt-2">{t("track-next-rate-body")}</p>
                <p class="mt-4"><a class="button" href=link("rate")>{t("track-next-rate-button")}</a></p>
            }
            .into_any(),
        ),
        NextAction::CanWithdraw => (
            "track-next-wait-title",
            view! { <p class="mt-2">{t("track-next-wait-body")}</p> }.into_any(),
        ),
        NextAction::NothingToDo => {
            // A refusal's or a stop's reason here, where the person looks, not only in the timeline.
            let reason = matches!(s.status, Status::NotAccepted | Status::ProcessingStopped)
                .then(|| s.events.iter().rev().find(|e| e.status == s.status).map(|e| e.note.clone()))
                .flatten()
                .filter(|note| !note.is_empty())
                .map(|note| view! { <p class="mt-1">{lang.t_with("track-next-reason", &[("reason", text(note))])}</p> });
            (
                "track-next-none-title",
                view! { <p class="mt-2">{t(none_key(s.status, s.rated))}</p> {reason} }.into_any(),
            )
        }
    };
    let withdraw = matches!(s.next_action, NextAction::CanWithdraw | NextAction::Supplement | NextAction::Pay)
        .then(|| view! { <a class="button-secondary" href=link("withdraw")>{t("track-withdraw-link")}</a> });
    // The state machine's own rule, so the link shows exactly when the change would be taken.
    let change_return = s.status.return_changeable(s.tracking_number.is_some()).then(|| {
        let key = match s.return_method {
            ReturnMethod::Counter => "track-return-change-to-post",
            ReturnMethod::Post => "track-return-change-to-counter",
        };
        view! { <a class="button-secondary" href=link("return")>{t(key)}</a> }
    });
    // No empty row of links: it left a blank band at the foot of the panel.
    let links = (withdraw.is_some() || change_return.is_some())
        .then(|| view! { <p class="mt-4 flex flex-wrap gap-3">{withdraw}{change_return}</p> });
    view! {
        <section class="section next-step" aria-labelledby="next-step-title">
            <h2 id="next-step-title" class="section-title">{t(title)}</h2>
            {body}
            {links}
        </section>
    }
}

/// Why nothing is left to do, in the words of the status (and thanks for a rating given).
fn none_key(status: Status, rated: bool) -> &'static str {
    match status {
        Status::NotAccepted => "track-next-none-not-accepted",
        Status::WithdrawalRequested => "track-next-none-withdrawn",
        Status::ProcessingStopped => "track-next-none-stopped",
        _ if rated => "track-next-none-rated",
        _ => "track-next-none-done",
    }
}
