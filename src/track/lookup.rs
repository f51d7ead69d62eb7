//! `GET /track`: find a dossier by its code and the phone number or citizen ID given when it was
//! sent (posted to `POST /track`, `server::tracking`), and the dossiers of this device with
//! their current status. `?error=1` after a lookup that opened nothing: one message for a wrong
//! code and a wrong second factor alike, with the code as typed kept (the second factor never).

use crate::components::form::{ErrorSummary, FieldError, TextField};
use crate::components::PageHead;
use crate::i18n::t;
use crate::portal::lookup::MAX_FIELD_CHARS;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LookupPage() -> impl IntoView {
    crate::apply::no_store();
    let query = use_query_map().get_untracked();
    let failed = query.get("error").is_some();
    let cleared = query.get("cleared").is_some();
    // Shown back as typed, minus what could hide or reorder text (the query is anyone's link).
    let typed = crate::portal::input::clean_text(&query.get("code").unwrap_or_default(), MAX_FIELD_CHARS);
    let error = failed.then(|| t("track-lookup-not-found"));
    let summary =
        error.clone().map(|message| vec![FieldError { field_id: "code".into(), message }]).unwrap_or_default();
    view! {
        // The plain form is what a search for "tra cứu hồ sơ" should find; an outcome is not.
        <PageHead title=t("track-lookup-title") failed description=t("track-lookup-description") robots_noindex=failed || cleared/>
        <ErrorSummary errors=summary/>
        {cleared.then(|| view! { <div class="notice mb-6" role="status"><p>{t("track-device-cleared")}</p></div> })}
        <h1 class="text-2xl font-bold">{t("track-lookup-title")}</h1>
        <p class="mt-2">{t("track-lookup-intro")}</p>
        <form method="post" action="/track" novalidate="">
            <TextField id="code".into() label=t("track-lookup-code") value=typed
                hint=t("track-lookup-code-hint") error=error.unwrap_or_default() autocomplete="off" maxlength=64/>
            <TextField id="second_factor".into() label=t("track-lookup-factor") value=String::new()
                hint=t("track-lookup-factor-hint") autocomplete="off" inputmode="numeric" maxlength=64/>
            <button type="submit" class="button mt-6">{t("track-lookup-submit")}</button>
        </form>
        <DeviceDossiers/>
    }
}

/// The dossiers sent or looked up from this browser, each with its status now; the list's
/// tokens are read again through the portal, so a revoked or expired one just drops out.
#[component]
fn DeviceDossiers() -> impl IntoView {
    #[cfg(not(feature = "ssr"))]
    {}
    #[cfg(feature = "ssr")]
    {
        let tokens = super::device::on_this_device();
        let client = expect_context::<crate::portal::PortalClient>();
        (!tokens.is_empty()).then(|| {
            view! {
                <Suspense fallback=|| ()>
                    {Suspend::new(async move {
                        let reads = tokens.iter().map(|token| client.status_by_token(token));
                        let statuses = futures::future::join_all(reads).await;
                        let en = crate::i18n::use_lang().is_english();
                        let rows = tokens
                            .into_iter()
                            .zip(statuses)
                            .filter_map(|(token, status)| status.ok().map(|s| (token, s)))
                            .map(|(token, s)| {
                                view! {
                                    <li class="task">
                                        <span>
                                            <a class="card-link underline font-mono" href=format!("/track/{token}")>{s.dossier_code.clone()}</a>
                                            <span class="block">{s.procedure_name.get(en).to_string()}</span>
                                        </span>
                                        <span><super::status::StatusTags status=s.status overdue=s.overdue/></span>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <section class="mt-10" aria-labelledby="device-title">
                                <h2 id="device-title" class="section-title">{t("track-device-title")}</h2>
                                <p class="hint">{t("track-device-hint")}</p>
                                <ul class="task-list mt-3">{rows}</ul>
                                <form method="post" action="/track/forget" class="mt-4">
                                    <button type="submit" class="button-secondary">{t("track-device-clear")}</button>
                                </form>
                            </section>
                        }
                    })}
                </Suspense>
            }
        })
    }
}
