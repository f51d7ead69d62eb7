//! `GET /apply/{code}/check`: "check your answers" — every answer of every page asked, with a
//! link to change it, and what is still missing.

use super::journey;
use super::session::with_application;
use crate::components::form::{SummaryList, SummaryRow};
use crate::components::PageHead;
use crate::i18n::{t, use_lang};
use crate::portal::form::{Answers, Field, FieldKind, ADDRESS_PARTS, NO, YES};
use crate::portal::types::Province;
use leptos::prelude::*;

#[component]
pub fn CheckPage() -> impl IntoView {
    let incomplete = leptos_router::hooks::use_query_map().get_untracked().get("incomplete").is_some();
    with_application(move |app| {
        let lang = use_lang();
        let en = lang.is_english();
        let answers = app.draft.all_answers();
        let ctx = journey::context(app.province.as_deref());
        let code = app.draft.procedure_code.clone();
        let pages = journey::visible_pages(&app.form, &answers);
        let visible = crate::portal::form::visible_fields(&app.form, &answers);
        // A page is done when it was answered and has no error left (the form is checked once).
        let errors = crate::portal::form::validate(&app.form, &answers, &ctx).errors;
        let unfinished: Vec<(String, String)> = pages
            .iter()
            .filter(|p| journey::progress(&errors, &app.draft, p) != journey::Progress::Done)
            .map(|p| (format!("/apply/{code}/p/{}", p.id), p.title.get(en).to_string()))
            .collect();
        let sections = pages
            .iter()
            .map(|page| {
                let rows: Vec<SummaryRow> = page
                    .fields
                    .iter()
                    .filter(|f| visible.get(f.id.as_str()).copied().unwrap_or(false))
                    .map(|f| {
                        // An optional question left empty says so, rather than an empty line.
                        let value: Vec<String> = shown(f, &answers, en, app.province.as_deref())
                            .into_iter()
                            .filter(|v| !v.trim().is_empty())
                            .collect();
                        // Checkboxes send nothing when none is ticked: once their page was saved,
                        // that is the citizen's answer (no Zalo, say), not a question skipped.
                        let empty = if f.kind == FieldKind::Checkboxes && app.draft.answers.contains_key(&page.id) {
                            "apply-none-ticked"
                        } else {
                            "apply-not-answered"
                        };
                        SummaryRow {
                            key: f.label.get(en).to_string(),
                            value: if value.is_empty() { vec![t(empty)] } else { value },
                            change_href: Some(format!("/apply/{code}/p/{}", page.id)),
                        }
                    })
                    .collect();
                view! {
                    <h2 class="section-title mt-8">{page.title.get(en).to_string()}</h2>
                    <div class="mt-2"><SummaryList rows/></div>
                }
            })
            .collect_view();
        let done = unfinished.is_empty();
        // `?incomplete=1`: the portal refused to send it (POST /apply/{code}/submit); say so first.
        let refused = incomplete;
        let refused_pages = unfinished.clone();
        view! {
            <PageHead title=t("apply-check-title") failed=refused/>
            <p class="text-slate-700">{app.procedure_name.clone()}</p>
            {refused.then(|| view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2 class="text-xl font-bold">{t("apply-send-refused")}</h2>
                    <ul class="mt-2 list-disc pl-5">
                        {refused_pages.into_iter().map(|(href, title)| view! { <li><a href=href>{title}</a></li> }).collect_view()}
                        <li>{t("apply-send-refused-documents")}</li>
                    </ul>
                </div>
            })}
            <h1 class="text-2xl font-bold">{t("apply-check-title")}</h1>
            {(!done).then(|| view! {
                <div class="notice notice-warning mt-4" role="status">
                    <p class="font-semibold">{t("apply-check-unfinished")}</p>
                    <ul class="mt-2 list-disc pl-5">
                        {unfinished.into_iter().map(|(href, title)| view! { <li><a href=href>{title}</a></li> }).collect_view()}
                    </ul>
                </div>
            })}
            {sections}
            <super::documents::DocumentsSummary app=app.clone()/>
            <super::delivery::DeliverySummary app=app.clone()/>
            <section class="section mt-8" aria-labelledby="send-heading">
                <h2 id="send-heading" class="section-title">{t("apply-send-title")}</h2>
                <p class="mt-2">{t("apply-send-declaration")}</p>
                {(!done).then(|| view! { <p class="hint mt-2">{t("apply-send-unfinished")}</p> })}
                <form method="post" action=format!("/apply/{code}/submit") class="mt-4">
                    {super::session::draft_marks(&app.draft)}
                    <button type="submit" class="button">{t("apply-send")}</button>
                </form>
            </section>
            <super::TasksLink code=code.clone()/>
            <super::start::ResumeCode draft=app.draft.clone()/>
        }
    })
}

/// An answer as a person reads it: option labels, not codes; dates day/month/year; addresses
/// street, commune, province.
fn shown(f: &Field, answers: &Answers, en: bool, province: Option<&Province>) -> Vec<String> {
    let values = |name: &str| answers.get(name).cloned().unwrap_or_default();
    let option =
        |v: &str| f.options.iter().find(|o| o.value == v).map_or(v.to_string(), |o| o.label.get(en).to_string());
    let lang = use_lang();
    match f.kind {
        FieldKind::Select | FieldKind::Radio | FieldKind::Checkboxes => {
            values(&f.id).iter().map(|v| option(v)).collect()
        }
        FieldKind::YesNo => values(&f.id)
            .iter()
            .map(|v| match v.as_str() {
                YES => lang.t("form-yes"),
                NO => lang.t("form-no"),
                other => other.to_string(),
            })
            .collect(),
        FieldKind::Date => {
            // As the question page shows it: the boxes as typed, or the one stored value split.
            let [d, m, y] = super::journey::date_boxes(answers, &f.id);
            if d.is_empty() && m.is_empty() && y.is_empty() {
                vec![]
            } else {
                vec![format!("{d}/{m}/{y}")]
            }
        }
        FieldKind::Address => {
            let [p, c, s] =
                ADDRESS_PARTS.map(|part| values(&format!("{}.{part}", f.id)).first().cloned().unwrap_or_default());
            let unit =
                province.and_then(|pr| pr.units.iter().find(|u| u.code == c)).map_or(c.clone(), |u| u.name.clone());
            let prov = province.filter(|pr| pr.code == p).map_or(p.clone(), |pr| pr.name.clone());
            [s, unit, prov].into_iter().filter(|v| !v.is_empty()).collect()
        }
        _ => values(&f.id),
    }
}
