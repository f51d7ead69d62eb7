//! The timeline of a dossier: every event, newest first (what GOV.UK's timeline pattern does:
//! the latest news is what a person comes back for), each with what happened, the status it
//! left in plain words, when, and the office where it is not the one the page names.

use crate::i18n::{t, use_lang};
use crate::portal::dossier::Receipt;
use crate::portal::types::LocalizedText;
use crate::portal::workflow::Event;
use leptos::prelude::*;

/// The locale key of what an event did (`track-event-accept` …); an unknown kind (a newer
/// portal) shows the status it left instead.
fn event_key(e: &Event) -> String {
    const KNOWN: [&str; 16] = [
        "submitted",
        "accept",
        "not_accept",
        "start_processing",
        "request_supplement",
        "require_payment",
        "record_payment",
        "complete",
        "return_at_counter",
        "hand_to_post",
        "mark_delivered",
        "stop_processing",
        "apologise",
        "supplied",
        "withdraw",
        "change_return",
    ];
    match KNOWN.contains(&e.kind.as_str()) {
        true => format!("track-event-{}", e.kind),
        false => e.status.label_key(),
    }
}

/// Every event, newest first; `office` is the one the page already names, so an event names
/// its office only when it was another.
#[component]
pub fn Timeline(events: Vec<Event>, office: LocalizedText) -> impl IntoView {
    let en = use_lang().is_english();
    let items = events
        .into_iter()
        .rev()
        .map(|e| {
            let elsewhere = (e.office != office).then(|| format!(" · {}", e.office.get(en)));
            view! {
                <li class="timeline-event">
                    <h3 class="font-semibold">{t(&event_key(&e))}</h3>
                    <p class="hint">
                        <time datetime=e.at.clone()>{Receipt::local_time(&e.at)}</time>
                        {elsewhere}
                    </p>
                    <p class="mt-1">{t("track-status")} ": " {t(&e.status.label_key())}</p>
                    {(!e.note.is_empty()).then(|| view! { <p class="mt-1">{e.note.clone()}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="mt-8" aria-labelledby="timeline-title">
            <h2 id="timeline-title" class="section-title">{t("track-timeline-title")}</h2>
            <ol class="timeline mt-4">{items}</ol>
        </section>
    }
}
