//! The application this browser is filling in: its draft (by the id in the session cookie), the
//! procedure's e-form and the province's units, loaded together for every apply page.

use crate::components::PageHead;
use crate::i18n::t;
use crate::portal::draft::Draft;
use crate::portal::form::ProcedureForm;
use crate::portal::types::Province;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// What an apply page renders from.
#[derive(Clone)]
pub struct Application {
    pub draft: Draft,
    pub form: std::sync::Arc<ProcedureForm>,
    pub procedure_name: String,
    /// The procedure's required documents (the documents page has one slot per entry).
    pub documents: Vec<crate::portal::types::RequiredDocument>,
    /// `None` when the portal could not give it (the address lists are then empty).
    pub province: Option<std::sync::Arc<Province>>,
}

pub use super::keep_typing::draft_scope;

/// Names of the marks a form of an application carries (see [`draft_marks`]).
pub const MARK_DRAFT: &str = "_draft";
pub const MARK_RESUME: &str = "_resume";

/// Which application a form was filled in for: its draft's scope (a digest of its id) and its
/// resume code (shown on the page anyway). When this browser has begun another application for
/// the procedure since (in another tab), the form's answers still go to this one, never into
/// the other (`server::apply::form_draft`).
pub fn draft_marks(draft: &Draft) -> impl IntoView {
    hidden_inputs(mark_fields(draft))
}

/// The marks of [`draft_marks`] as (name, value) pairs, for forms that add fields of their own.
pub fn mark_fields(draft: &Draft) -> Vec<(&'static str, String)> {
    vec![(MARK_DRAFT, draft_scope(&draft.id)), (MARK_RESUME, draft.resume_code.clone())]
}

pub fn hidden_inputs(fields: Vec<(&'static str, String)>) -> impl IntoView {
    fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()
}

/// Personal pages: no browser or shared cache may keep them.
pub fn no_store() {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
}

/// Loads the application of the route's `:code` and renders it with `render`; without one (no
/// cookie, an expired draft, another procedure's draft) a page that says how to start or resume.
pub fn with_application<V: IntoView + 'static>(
    render: impl FnOnce(Application) -> V + Send + 'static,
) -> impl IntoView {
    // Apply pages render on the server only (no island carries them): the drafts API is the
    // server's. The browser build keeps the route table compiling.
    #[cfg(not(feature = "ssr"))]
    {
        let _ = render;
        view! { <NoApplication/> }
    }
    #[cfg(feature = "ssr")]
    {
        load_application(render)
    }
}

#[cfg(feature = "ssr")]
fn load_application<V: IntoView + 'static>(render: impl FnOnce(Application) -> V + Send + 'static) -> impl IntoView {
    use super::journey::DRAFT_COOKIE;
    use crate::components::ErrorNotice;
    use crate::error::AppError;
    use crate::portal::{PortalClient, PortalError};
    no_store();
    let open = crate::site::use_site().apply_online;
    let client = expect_context::<PortalClient>();
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    let draft_id = crate::cookie::from_request(DRAFT_COOKIE);
    view! {
        <Suspense fallback=|| ()>
            {
                Suspend::new(async move {
                    let Some(id) = draft_id.filter(|_| open) else { return view! { <NoApplication/> }.into_any() };
                    let (draft, form, procedure, province) =
                        futures::join!(client.draft(&id), client.form(&code), client.procedure(&code), client.province());
                    match (draft, form, procedure) {
                        (Ok(draft), Ok(form), Ok(procedure)) if draft.procedure_code == procedure.code => {
                            // Sent already (the back button, a second tab): its receipt, not its form.
                            if draft.dossier_code.is_some() {
                                return already_sent(client.draft_receipt(&draft.id).await);
                            }
                            let en = crate::i18n::use_lang().is_english();
                            let procedure_name = procedure.name.get(en).to_string();
                            let documents = procedure.documents.clone();
                            render(Application { draft, form, procedure_name, documents, province: province.ok() })
                                .into_any()
                        }
                        (Err(PortalError::NotFound), _, _) | (Ok(_), Ok(_), Ok(_)) => view! { <NoApplication/> }.into_any(),
                        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => view! { <ErrorNotice error=AppError::from(e)/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

/// A sent application: where its receipt is. Nothing of it can be changed any more.
#[cfg(feature = "ssr")]
fn already_sent(receipt: Result<crate::portal::dossier::Receipt, crate::portal::PortalError>) -> AnyView {
    use crate::components::ErrorNotice;
    use crate::portal::dossier::Receipt;
    let receipt = match receipt {
        Ok(r) if Receipt::is_token_shaped(&r.tracking_token) => r,
        Ok(_) => return view! { <ErrorNotice error=crate::error::AppError::PortalBroken/> }.into_any(),
        Err(e) => return view! { <ErrorNotice error=e.into()/> }.into_any(),
    };
    view! {
        <PageHead title=t("apply-already-sent-title") robots_noindex=true/>
        <div class="notice" role="status">
            <h1 class="text-2xl font-bold">{t("apply-already-sent-title")}</h1>
            <p class="mt-2">{t("apply-already-sent-body")}</p>
            <p class="mt-2">{t("receipt-code")} " " <strong class="dossier-code font-mono">{receipt.dossier_code.clone()}</strong></p>
            <p class="mt-4">
                <a class="button" href=format!("/apply/receipt/{}", receipt.tracking_token)>{t("apply-already-sent-link")}</a>
            </p>
        </div>
    }
    .into_any()
}

/// No application in this browser for this procedure: start one, or resume with a code.
#[component]
pub fn NoApplication() -> impl IntoView {
    crate::error::set_status(404);
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    view! {
        <PageHead title=t("apply-none-title") robots_noindex=true/>
        <div class="notice" role="status">
            <h1 class="text-2xl font-bold">{t("apply-none-title")}</h1>
            <p class="mt-2">{t("apply-none-body")}</p>
            <p class="mt-4 flex flex-wrap gap-3">
                <a class="button" href=format!("/apply/{}", crate::portal::client::encode_component(&code))>{t("apply-start")}</a>
                <a class="button-secondary" href="/apply/resume">{t("apply-resume")}</a>
            </p>
        </div>
    }
}
