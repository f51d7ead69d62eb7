//! `GET /apply/{code}/documents`: one slot per required document of the procedure, with the
//! files already uploaded (each with a Remove button) and a plain multipart form to add more:
//! it works without JavaScript on any phone (the camera is one of the file picker's choices).
//! The forms post to `server::apply::documents`, which redirects back here with what went wrong
//! per file in the query (`?slot=2&e=too_big:name`), shown in the slot.

use super::file_slot::{error_block, file_slot, limits_texts, parse_error, refusals_summary, upload_words, SlotSpec};
use super::session::{with_application, Application};
use super::upload_island::UploadWords;
use crate::components::{IslandScripts, PageHead};
use crate::i18n::{num, t, use_lang};
use crate::portal::attachment::{AttachmentList, UploadRefusal};
use crate::portal::types::RequiredDocument;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Errors per file shown after a redirect: more would only be the same message again.
pub const MAX_SHOWN_ERRORS: usize = 10;

/// Whether a document must be uploaded before sending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Need {
    /// Mandatory for everyone.
    Required,
    /// Mandatory in a case only the citizen can judge (e.g. a child born in a hospital).
    IfCase(String),
    Optional,
    /// The declaration the e-form's pages fill in: nothing to upload.
    FilledOnline,
}

/// `own_eform`: the procedure has its own e-form (its declaration is filled in on the pages).
pub fn need(doc: &RequiredDocument, en: bool, own_eform: bool) -> Need {
    let case = doc.case.get(en).to_string();
    match () {
        _ if doc.filled_online(own_eform) => Need::FilledOnline,
        _ if doc.must_upload(own_eform) => Need::Required,
        _ if doc.mandatory => Need::IfCase(case),
        _ => Need::Optional,
    }
}

/// The mandatory documents with no file yet: (slot, name).
pub fn missing(
    documents: &[RequiredDocument],
    files: &AttachmentList,
    en: bool,
    own_eform: bool,
) -> Vec<(u32, String)> {
    documents
        .iter()
        .enumerate()
        .filter(|(slot, doc)| {
            need(doc, en, own_eform) == Need::Required && files.in_slot(*slot as u32).next().is_none()
        })
        .map(|(slot, doc)| (slot as u32, doc.name.get(en).to_string()))
        .collect()
}

#[component]
pub fn DocumentsPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let error_slot: Option<u32> = query.get("slot").and_then(|s| s.parse().ok());
    let errors: Vec<(UploadRefusal, String)> =
        query.get_all("e").unwrap_or_default().iter().take(MAX_SHOWN_ERRORS).map(|e| parse_error(e)).collect();
    with_application(move |app| {
        #[cfg(feature = "ssr")]
        {
            let client = expect_context::<crate::portal::PortalClient>();
            let id = app.draft.id.clone();
            view! {
                <Suspense fallback=|| ()>
                    {Suspend::new(async move {
                        match client.documents(&id).await {
                            Ok(files) => page(&app, &files, error_slot, &errors).into_any(),
                            Err(e) => view! { <crate::components::ErrorNotice error=crate::error::AppError::from(e)/> }.into_any(),
                        }
                    })}
                </Suspense>
            }
            .into_any()
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = (error_slot, &errors);
            let files = AttachmentList { files: vec![], limits: Default::default() };
            page(&app, &files, None, &[]).into_any()
        }
    })
}

fn page(
    app: &Application,
    files: &AttachmentList,
    error_slot: Option<u32>,
    errors: &[(UploadRefusal, String)],
) -> impl IntoView {
    let lang = use_lang();
    let code = app.draft.procedure_code.clone();
    let answers = app.draft.all_answers();
    let here = super::journey::Step::Documents;
    let back = match super::journey::previous_step(&app.form, &answers, &here) {
        Some(step) => step.url(&code),
        None => format!("/apply/{}", crate::portal::client::encode_component(&code)),
    };
    let next = super::journey::next_step(&app.form, &answers, &here).url(&code);
    let (limits_text, used_text) = limits_texts(lang, files);
    let words = upload_words(lang);
    let slots = app
        .documents
        .iter()
        .enumerate()
        .map(|(slot, doc)| {
            let slot = slot as u32;
            let shown_errors = if error_slot == Some(slot) { errors.to_vec() } else { Vec::new() };
            slot_view(app, slot, doc, files, shown_errors, words.clone())
        })
        .collect_view();
    let has_errors = !errors.is_empty();
    let refused_in =
        error_slot.and_then(|slot| Some((slot, app.documents.get(slot as usize)?.name.get(lang.is_english()))));
    view! {
        <PageHead title=t("documents-title") failed=has_errors/>
        <a href=back class="back-link">{t("apply-back-link")}</a>
        {refused_in.map(|(slot, name)| refusals_summary(lang, slot, name, errors))}
        <p class="text-slate-700">{app.procedure_name.clone()}</p>
        <h1 class="text-2xl font-bold">{t("documents-title")}</h1>
        <p class="mt-2">{t("documents-lead")}</p>
        <p class="hint mt-2" id="documents-limits">{limits_text}</p>
        <p class="hint" id="documents-used">{used_text}</p>
        // Refusals of no particular document (e.g. after a Remove once the application was sent).
        {error_block(lang, if error_slot.is_none() { errors.to_vec() } else { Vec::new() })}
        {slots}
        <p class="mt-8"><a class="button" href=next>{t("apply-continue")}</a></p>
        <super::TasksLink code=code.clone()/>
        <super::start::ResumeCode draft=app.draft.clone()/>
        <IslandScripts/>
    }
}

fn slot_view(
    app: &Application,
    slot: u32,
    doc: &RequiredDocument,
    files: &AttachmentList,
    errors: Vec<(UploadRefusal, String)>,
    words: UploadWords,
) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    let name = doc.name.get(en).to_string();
    let need = need(doc, en, !app.form.generic);
    // The declaration the pages filled in: nothing to choose (a file sent before still shows).
    let filled_online = need == Need::FilledOnline;
    let need_text = match need {
        Need::Required => lang.t("documents-required"),
        Need::IfCase(case) => lang.t_with("documents-required-if", &[("case", case.into())]),
        Need::Optional => lang.t("documents-optional"),
        Need::FilledOnline => lang.t("documents-filled-online"),
    };
    // A paper only shown at the counter (an ID card: no original, no copy kept) is, online, a
    // photo: say so rather than "Originals: 0, copies: 0" under the catalogue's "not kept".
    let copies = if doc.originals == 0 && doc.copies == 0 {
        lang.t("documents-shown-online")
    } else {
        lang.t_with("documents-copies", &[("originals", num(doc.originals)), ("copies", num(doc.copies))])
    };
    let spec = SlotSpec {
        slot,
        title: name,
        hint: format!("{need_text} · {copies}"),
        upload_action: format!("/apply/{}/documents/{slot}", app.draft.procedure_code),
        remove_action: format!("/apply/{}/documents/remove", app.draft.procedure_code),
        can_upload: !filled_online,
        hidden: super::session::mark_fields(&app.draft),
    };
    file_slot(spec, files, errors, words)
}

/// For "check your answers": each document with its files and a link to change them, and the
/// mandatory ones still missing (they keep the application from being finished).
#[component]
pub fn DocumentsSummary(app: Application) -> impl IntoView {
    with_files(app, |app, files| summary(&app, &files))
}

/// Renders `render` with the application's uploaded files, loaded from the portal (its error
/// notice when that fails). Pages that need the files (check your answers, the task list) share it.
pub fn with_files<V: IntoView + 'static>(
    app: Application,
    render: impl FnOnce(Application, AttachmentList) -> V + Send + 'static,
) -> AnyView {
    #[cfg(feature = "ssr")]
    {
        let client = expect_context::<crate::portal::PortalClient>();
        view! {
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match client.documents(&app.draft.id).await {
                        Ok(files) => render(app, files).into_any(),
                        Err(e) => view! { <crate::components::ErrorNotice error=crate::error::AppError::from(e)/> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    }
    // Rendered on the server only; the browser build just compiles it.
    #[cfg(not(feature = "ssr"))]
    {
        render(app, AttachmentList { files: vec![], limits: Default::default() }).into_any()
    }
}

fn summary(app: &Application, files: &AttachmentList) -> impl IntoView {
    use crate::components::form::{SummaryList, SummaryRow};
    let en = use_lang().is_english();
    let code = app.draft.procedure_code.clone();
    let own_eform = !app.form.generic;
    let missing = missing(&app.documents, files, en, own_eform);
    let rows: Vec<SummaryRow> = app
        .documents
        .iter()
        .enumerate()
        .filter(|(slot, doc)| {
            need(doc, en, own_eform) != Need::FilledOnline || files.in_slot(*slot as u32).next().is_some()
        })
        .map(|(slot, doc)| {
            let names: Vec<String> = files.in_slot(slot as u32).map(|f| f.file_name.clone()).collect();
            SummaryRow {
                key: doc.name.get(en).to_string(),
                value: if names.is_empty() { vec![t("documents-none-yet")] } else { names },
                change_href: Some(format!("/apply/{code}/documents#slot-{slot}")),
            }
        })
        .collect();
    view! {
        {(!missing.is_empty()).then(|| view! {
            <div class="notice notice-warning mt-4" role="status" id="documents-missing">
                <p class="font-semibold">{t("documents-missing")}</p>
                <ul class="mt-2 list-disc pl-5">
                    {missing.into_iter().map(|(slot, name)| view! {
                        <li><a href=format!("/apply/{code}/documents#slot-{slot}")>{name}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        })}
        <h2 class="section-title mt-8">{t("documents-title")}</h2>
        <div class="mt-2"><SummaryList rows/></div>
    }
}
