//! `GET /track/{token}`: a dossier's status page. Its status in plain words (a tag with text,
//! never colour alone), the dates and whether it is overdue, the agency's apology when one was
//! issued, the one thing to do next, and the timeline of every event.

#[cfg(feature = "ssr")]
use crate::portal::dossier::Receipt;
use leptos::prelude::*;

#[component]
pub fn TrackPage() -> impl IntoView {
    super::actions::with_status(|token, status| {
        #[cfg(feature = "ssr")]
        {
            super::device::remember_on_page(&token);
            view! { <StatusView status token/> }
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = (token, status);
        }
    })
}

/// The status's tag: its name, and "overdue" beside it when it is.
#[cfg(feature = "ssr")]
#[component]
pub fn StatusTags(status: crate::portal::workflow::Status, overdue: bool) -> impl IntoView {
    let class = if status.is_finished() { "tag tag-done" } else { "tag" };
    view! {
        <strong class=class>{crate::i18n::t(&status.label_key())}</strong>
        {overdue.then(|| view! { " " <strong class="tag tag-overdue">{crate::i18n::t("track-overdue")}</strong> })}
    }
}

#[cfg(feature = "ssr")]
#[component]
fn StatusView(status: crate::portal::workflow::DossierStatus, token: String) -> impl IntoView {
    use super::{next::NextStep, timeline::Timeline};
    use crate::components::PageHead;
    use crate::i18n::{t, text, use_lang};
    use crate::portal::dossier::ReturnMethod;
    let lang = use_lang();
    let en = lang.is_english();
    let s = status;
    let due = Receipt::local_date(&s.due_at);
    let moved_from = s.apology.as_ref().map(|_| Receipt::local_date(&s.original_due_at));
    let return_key = match s.return_method {
        ReturnMethod::Counter => "track-return-counter",
        ReturnMethod::Post => "track-return-post",
    };
    // Late and not finished: say what that means and who to ask, not only the red tag.
    let late = s.overdue.then(|| {
        let date = text(due.clone());
        let phone = text(crate::site::use_site().support_phone);
        view! {
            <div class="notice notice-warning mt-6 track-late" role="note">
                <h2 class="text-lg font-bold">{t("track-overdue-title")}</h2>
                <p class="mt-1">
                    {lang.t_with("track-overdue-body", &[("date", date)])}
                    {s.apology.is_none().then(|| format!(" {}", t("track-overdue-apology-due")))}
                </p>
                <p class="mt-1">{lang.t_with("track-overdue-ask", &[("phone", phone)])}</p>
            </div>
        }
    });
    // The office that has the dossier now, said once here; the timeline names an office only
    // where it differs (the same long name on every event buried what happened).
    let office = s.events.last().map(|e| e.office.clone()).unwrap_or_default();
    let apology = s.apology.clone().map(|a| {
        let new_date = Receipt::local_date(&a.new_due_at);
        view! {
            <div class="notice notice-warning mt-6" role="note">
                <h2 class="text-lg font-bold">{t("track-apology-title")}</h2>
                <p class="mt-1">{lang.t_with("track-apology-body", &[("date", text(new_date))])}</p>
                {(!a.note.is_empty()).then(|| view! { <p class="mt-1">{a.note.clone()}</p> })}
            </div>
        }
    });
    view! {
        <PageHead title=format!("{} {}", t("track-title"), s.dossier_code) robots_noindex=true/>
        <p class="text-slate-700">{t("track-title")}</p>
        <h1 class="text-2xl font-bold dossier-code"><DossierCode code=s.dossier_code.clone()/></h1>
        <p class="mt-1 text-lg">{s.procedure_name.get(en).to_string()}</p>
        <dl class="summary-list mt-6">
            <div class="summary-row">
                <dt class="summary-key">{t("track-status")}</dt>
                <dd class="track-status"><StatusTags status=s.status overdue=s.overdue/></dd>
            </div>
            <div class="summary-row">
                <dt class="summary-key">{t("receipt-received-at")}</dt>
                <dd>{Receipt::local_time(&s.received_at)}</dd>
            </div>
            {(!s.status.ends_without_result()).then(|| view! {
                <div class="summary-row">
                    <dt class="summary-key">{t("receipt-due")}</dt>
                    <dd>
                        {due}
                        {moved_from.map(|d| view! { " " <span class="hint">{lang.t_with("track-due-moved", &[("date", text(d))])}</span> })}
                    </dd>
                </div>
            })}
            <div class="summary-row">
                <dt class="summary-key">{t("track-return")}</dt>
                <dd>{t(return_key)}</dd>
            </div>
            <div class="summary-row">
                <dt class="summary-key">{t("track-office")}</dt>
                <dd>{office.get(en).to_string()}</dd>
            </div>
        </dl>
        {late}
        {apology}
        <NextStep status=s.clone() token/>
        <Timeline events=s.events office/>
    }
}

/// A dossier code that wraps, when it must, after the agency part only
/// (`000.00.01.H25-` / `261202-0032`): the day and its number stay on one line. Two spans, no
/// space between, so the code reads and copies as one word.
#[cfg(feature = "ssr")]
#[component]
pub fn DossierCode(code: String) -> impl IntoView {
    let (agency, rest) = match code.split_once('-') {
        Some((agency, rest)) => (format!("{agency}-"), rest.to_string()),
        None => (code, String::new()),
    };
    view! { <span class="whitespace-nowrap">{agency}</span><span class="whitespace-nowrap">{rest}</span> }
}
