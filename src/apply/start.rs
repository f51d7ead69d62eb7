//! `GET /apply/{code}`: the start page (what you will need, that progress is saved), and
//! `GET /apply/resume`: carry on with a resume code on any device.

use crate::components::PageHead;
use crate::find::{procedure_description, WithProcedure};
use crate::i18n::{num, t, use_lang};
use crate::portal::client::encode_component;
use crate::portal::draft::Draft;
use crate::portal::types::Procedure;
use crate::site::use_site;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ApplyStart() -> impl IntoView {
    view! { <WithProcedure render=start/> }
}

fn start(p: Procedure) -> AnyView {
    if !(use_site().apply_online && p.online_level.accepts_online_dossiers()) {
        return super::not_yet_online(p);
    }
    super::session::no_store();
    let lang = use_lang();
    let en = lang.is_english();
    let name = p.name.get(en).to_string();
    let head = view! {
        <PageHead title=format!("{} – {name}", t("apply-title")) description=procedure_description(lang, &p) bare=true/>
    };
    let page = StartPage {
        code: encode_component(&p.code),
        name,
        documents: p.documents.iter().map(|d| (d.name.get(en).to_string(), d.mandatory)).collect(),
    };
    #[cfg(not(feature = "ssr"))]
    let body = page.render(None);
    #[cfg(feature = "ssr")]
    let body = {
        // This browser's unsent application for the procedure, if it has one (Back from the first
        // question, a second tab): the page then leads back to it first.
        let client = expect_context::<crate::portal::PortalClient>();
        let draft_id = crate::cookie::from_request(super::journey::DRAFT_COOKIE);
        let procedure = p.code.clone();
        view! {
            <Suspense fallback=|| ()>
                {
                    let (client, draft_id, procedure, page) = (client.clone(), draft_id.clone(), procedure.clone(), page.clone());
                    Suspend::new(async move {
                        let draft = match draft_id {
                            Some(id) => client.draft(&id).await.ok(),
                            None => None,
                        };
                        page.render(draft.filter(|d| d.in_progress_for(&procedure)))
                    })
                }
            </Suspense>
        }
        .into_any()
    };
    view! { {head} {body} }.into_any()
}

/// What the start page shows of the procedure.
#[derive(Clone)]
struct StartPage {
    /// Encoded for a URL.
    code: String,
    name: String,
    documents: Vec<(String, bool)>,
}

impl StartPage {
    /// The page; with an application in progress, "carry on" comes first and "start a new one"
    /// (which takes the browser's place of the first: its resume code, shown, still opens it) last.
    fn render(self, in_progress: Option<Draft>) -> AnyView {
        let StartPage { code, name, documents } = self;
        let action = format!("/apply/{code}/start");
        let carry_on = in_progress.is_some().then(|| {
            view! {
                <div class="notice mt-4" role="status">
                    <h2 class="text-xl font-bold">{t("apply-in-progress-title")}</h2>
                    <p class="mt-2">{t("apply-in-progress-body")}</p>
                    <p class="mt-4"><a class="button" href=format!("/apply/{code}/tasks")>{t("apply-in-progress-continue")}</a></p>
                </div>
            }
        });
        let start = match in_progress {
            None => view! {
                <form method="post" action=action class="mt-6">
                    <button type="submit" class="button">{t("apply-start")}</button>
                </form>
            }
            .into_any(),
            Some(draft) => view! {
                <form method="post" action=action class="mt-6">
                    <input type="hidden" name="new" value="1"/>
                    <button type="submit" class="button-secondary" aria-describedby="start-new-hint">{t("apply-start-new")}</button>
                    <p class="hint mt-2" id="start-new-hint">{t("apply-start-new-hint")}</p>
                </form>
                <ResumeCode draft/>
            }
            .into_any(),
        };
        view! {
            <p class="text-slate-700">{t("apply-title")}</p>
            <h1 class="text-2xl font-bold">{name}</h1>
            {carry_on}
            <section class="section" aria-labelledby="need-heading">
                <h2 id="need-heading" class="section-title">{t("apply-you-need")}</h2>
                <ul class="mt-2 list-disc space-y-1 pl-5">
                    {documents.into_iter().map(|(doc, mandatory)| view! {
                        <li>{doc} {(!mandatory).then(|| format!(" ({})", t("document-optional").to_lowercase()))}</li>
                    }).collect_view()}
                </ul>
                <p class="mt-3">{t("apply-saved-as-you-go")}</p>
            </section>
            {start}
            <p class="mt-4"><a href="/apply/resume">{t("apply-have-code")}</a></p>
        }
        .into_any()
    }
}

/// The resume code and until when it works, shown on every page of an application.
#[component]
pub fn ResumeCode(draft: Draft) -> impl IntoView {
    let days = days_left(draft.expires_at, now());
    view! {
        <aside class="notice mt-8" aria-labelledby="resume-heading">
            <h2 id="resume-heading" class="font-semibold">{t("apply-resume-code")}</h2>
            <p class="mt-1 font-mono text-xl tracking-wider">{draft.resume_code}</p>
            <p class="hint">{use_lang().t_with("apply-resume-code-hint", &[("days", num(days as f64))])}</p>
        </aside>
    }
}

/// Whole days a draft still has, counted up: a fresh 30-day draft says 30 on every page of its
/// first day, not 30 on one page and 29 on the next (floored, it lost a day within seconds).
fn days_left(expires_at: i64, now: i64) -> i64 {
    ((expires_at - now).max(0) + 86_399) / 86_400
}

/// Unix seconds. Apply pages render on the server only (no island carries this component).
fn now() -> i64 {
    #[cfg(feature = "ssr")]
    {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    }
    #[cfg(not(feature = "ssr"))]
    {
        0
    }
}

/// `GET /apply/resume`: type the code written down; `?error=1` after a code that opened nothing,
/// `?saved=1` / `?unkept=1` / `?unsent=1` after a form of an application this browser does not
/// have open.
#[component]
pub fn ResumePage() -> impl IntoView {
    super::session::no_store();
    let query = use_query_map().get_untracked();
    let failed = query.get("error").is_some();
    let error = failed.then(|| t("apply-resume-not-found"));
    // Sent here by a form of an application this browser does not have open (server::apply).
    let notice = match () {
        _ if query.get("saved").is_some() => Some(t("apply-resume-saved")),
        _ if query.get("unkept").is_some() => Some(t("apply-resume-unkept")),
        _ if query.get("unsent").is_some() => Some(t("apply-resume-unsent")),
        _ => None,
    };
    let summary = error
        .clone()
        .map(|message| vec![crate::components::form::FieldError { field_id: "code".into(), message }])
        .unwrap_or_default();
    view! {
        <PageHead title=t("apply-resume") failed/>
        <crate::components::form::ErrorSummary errors=summary/>
        <h1 class="text-2xl font-bold">{t("apply-resume")}</h1>
        {notice.map(|text| view! { <div class="notice notice-warning mt-4" role="status"><p>{text}</p></div> })}
        <form method="post" action="/apply/resume" novalidate="">
            <crate::components::form::TextField id="code".into() label=t("apply-resume-code") value=String::new()
                hint=t("apply-resume-code-example") error=error.unwrap_or_default() autocomplete="off"/>
            <button type="submit" class="button mt-6">{t("apply-resume-open")}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_fresh_draft_has_all_its_days_left() {
        let now = 1_000_000;
        assert_eq!(super::days_left(now + 30 * 86_400, now + 5), 30);
        assert_eq!(super::days_left(now + 30 * 86_400, now + 86_400), 29);
        assert_eq!(super::days_left(now, now + 1), 0);
    }
}
