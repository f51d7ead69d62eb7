//! `GET /procedures/{code}`: everything a citizen needs to prepare, in the order they need it.

use crate::components::procedure_card::level_name;
use crate::components::{ErrorNotice, OnlineLevelBadge, PageHead, ProcessingTimeText};
use crate::i18n::{format_vnd, num, t, text, use_lang, Lang};
use crate::portal::types::{ChannelKind, Procedure};
use crate::portal::PortalClient;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProcedurePage() -> impl IntoView {
    view! { <WithProcedure render=|p| view! { <ProcedureDetail procedure=p/> }.into_any()/> }
}

/// Loads the procedure named by the route's `:code` and renders it with `render`, or the error
/// page (a real 404 for an unknown code). Every page about one procedure starts this way.
#[component]
pub fn WithProcedure(render: fn(Procedure) -> AnyView) -> impl IntoView {
    let client = expect_context::<PortalClient>();
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match client.procedure(&code).await {
                    Ok(p) => render(std::sync::Arc::unwrap_or_clone(p)),
                    Err(e) => view! { <ErrorNotice error=e.into()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The meta description of a page about `p`: its name and who handles it.
pub fn procedure_description(lang: Lang, p: &Procedure) -> String {
    let en = lang.is_english();
    lang.t_with(
        "procedure-description",
        &[("name", text(p.name.get(en).to_string())), ("agency", text(p.agency.get(en).to_string()))],
    )
}

#[component]
fn ProcedureDetail(procedure: Procedure) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    let p = procedure;
    let name = p.name.get(en).to_string();
    let levels = p.levels.iter().map(|l| level_name(lang, *l)).collect::<Vec<_>>().join(", ");
    let description = procedure_description(lang, &p);
    let code = p.code.clone();
    let sector_href = format!("/procedures?sector={}", p.sector.code);
    let sector_name = p.sector.name.get(en).to_string();
    let applicants = p.applicants.get(en).to_string();
    let agency = p.agency.get(en).to_string();
    let result = p.result.get(en).to_string();
    let conditions: Vec<String> = p.conditions.iter().map(|c| c.get(en).to_string()).collect();
    let steps: Vec<String> = p.steps.iter().map(|c| c.get(en).to_string()).collect();
    let legal: Vec<(String, String)> =
        p.legal_basis.iter().map(|l| (l.number.clone(), l.title.get(en).to_string())).collect();
    let online_level = p.online_level;
    let for_documents = p.clone();
    let interconnected = p.interconnected;
    let apply = p.online_level.accepts_online_dossiers().then(|| {
        view! {
            <div class="cta">
                <p class="font-semibold">{t("procedure-apply-lead")}</p>
                <a href=format!("/apply/{}", p.code) class="button mt-2">{t("procedure-apply")}</a>
            </div>
        }
    });
    view! {
        <PageHead title=name.clone() description/>
        <nav aria-label=t("breadcrumb-label") class="text-sm">
            <ol class="flex flex-wrap gap-1 text-slate-700">
                <li><a href="/">{t("breadcrumb-home")}</a> " /"</li>
                <li><a href=sector_href>{sector_name.clone()}</a></li>
            </ol>
        </nav>
        <h1 class="mt-2 text-2xl font-bold leading-tight sm:text-3xl">{name}</h1>
        <dl class="facts mt-3">
            <div><dt>{t("procedure-code")}</dt><dd class="font-mono">{code}</dd></div>
            <div><dt>{t("procedure-sector")}</dt><dd>{sector_name}</dd></div>
            <div><dt>{t("procedure-level")}</dt><dd>{levels}</dd></div>
            <div><dt>{t("procedure-online")}</dt><dd><OnlineLevelBadge level=online_level/></dd></div>
        </dl>
        {interconnected.then(|| view! { <p class="notice mt-4">{t("procedure-interconnected")}</p> })}
        {apply}
        <Section id="applicants" title=t("procedure-applicants")>
            <p>{applicants}</p>
        </Section>
        {(!conditions.is_empty()).then(|| view! {
            <Section id="conditions" title=t("procedure-conditions")>
                <ul class="list-disc space-y-1 pl-5">
                    {conditions.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                </ul>
            </Section>
        })}
        <Section id="documents" title=t("procedure-documents")>
            <Documents procedure=for_documents/>
        </Section>
        <Section id="time-fees" title=t("procedure-time-fees")>
            <Channels procedure=p/>
        </Section>
        <Section id="steps" title=t("procedure-steps")>
            <ol class="list-decimal space-y-2 pl-5">
                {steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            </ol>
        </Section>
        <Section id="agency" title=t("procedure-agency")>
            <p>{agency}</p>
        </Section>
        <Section id="result" title=t("procedure-result")>
            <p>{result}</p>
        </Section>
        <Section id="legal" title=t("procedure-legal")>
            <ul class="space-y-1">
                {legal.into_iter().map(|(number, title)| view! {
                    <li><span class="font-semibold">{number}</span> " – " {title}</li>
                }).collect_view()}
            </ul>
        </Section>
    }
}

#[component]
fn Section(id: &'static str, title: String, children: Children) -> impl IntoView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    view! {
        <section class="section" aria-labelledby=labelled_by>
            <h2 id=heading class="section-title">{title}</h2>
            <div class="mt-2">{children()}</div>
        </section>
    }
}

#[component]
fn Documents(procedure: Procedure) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    view! {
        <ul class="space-y-3">
            {procedure.documents.into_iter().map(|d| {
                let counts = [
                    (d.originals > 0).then(|| lang.t_with("document-originals", &[("count", num(d.originals))])),
                    (d.copies > 0).then(|| lang.t_with("document-copies", &[("count", num(d.copies))])),
                ].into_iter().flatten().collect::<Vec<_>>().join(", ");
                view! {
                    <li class="document">
                        <p class="font-semibold">{d.name.get(en).to_string()}</p>
                        <p class="text-sm text-slate-700">
                            {if d.mandatory { t("document-mandatory") } else { t("document-optional") }}
                            {(!counts.is_empty()).then(|| format!(" · {counts}"))}
                        </p>
                        {(!d.case.vi.is_empty()).then(|| view! {
                            <p class="text-sm text-slate-700">{t("document-case")} " " {d.case.get(en).to_string()}</p>
                        })}
                        {d.form.map(|f| view! {
                            <p class="mt-1 text-sm">
                                {if f.url.is_empty() {
                                    view! { {t("document-form")} " " {f.name} " " {t("document-form-at-counter")} }.into_any()
                                } else {
                                    view! { <a href=f.url>{t("document-download")} " " {f.name}</a> }.into_any()
                                }}
                            </p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Channels(procedure: Procedure) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    view! {
        <ul class="space-y-3">
            {procedure.channels.into_iter().map(|c| {
                let channel = t(match c.kind {
                    ChannelKind::InPerson => "channel-in-person",
                    ChannelKind::Online => "channel-online",
                    ChannelKind::Postal => "channel-postal",
                });
                let note = c.processing_time.note.get(en).to_string();
                view! {
                    <li class="document">
                        <p class="font-semibold">{channel}</p>
                        <p class="text-sm">{t("card-time")} " " <ProcessingTimeText time=c.processing_time.clone()/></p>
                        {(!note.is_empty()).then(|| view! { <p class="text-sm text-slate-700">{note}</p> })}
                        <ul class="mt-1 text-sm">
                            {if c.fees.is_empty() {
                                view! { <li>{t("fee-none")}</li> }.into_any()
                            } else {
                                c.fees.into_iter().map(|f| view! {
                                    <li>
                                        <span class="font-semibold">
                                            {if f.amount_vnd == 0 { t("fee-free") } else { format_vnd(f.amount_vnd) }}
                                        </span>
                                        {(!f.description.vi.is_empty()).then(|| format!(" – {}", f.description.get(en)))}
                                    </li>
                                }).collect_view().into_any()
                            }}
                        </ul>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
