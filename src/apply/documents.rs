//! `GET /apply/{code}/documents`: one slot per required document of the procedure, with the
//! files already uploaded (each with a Remove button) and a plain multipart form to add more:
//! it works without JavaScript on any phone (the camera is one of the file picker's choices).
//! The forms post to `server::apply::documents`, which redirects back here with what went wrong
//! per file in the query (`?slot=2&e=too_big:name`), shown in the slot.

use super::session::{with_application, Application};
use super::upload_island::{UploadSlot, UploadWords};
use crate::components::form::{ErrorSummary, FieldError};
use crate::components::{IslandScripts, PageHead};
use crate::i18n::{num, t, use_lang, Lang};
use crate::portal::attachment::{human_size, AttachmentList, UploadRefusal, ACCEPT_ATTRIBUTE};
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

/// One refusal from the redirect's query: `code:name`.
pub fn parse_error(raw: &str) -> (UploadRefusal, String) {
    let (code, name) = raw.split_once(':').unwrap_or((raw, ""));
    let name = if name.is_empty() { String::new() } else { crate::portal::attachment::clean_file_name(name) };
    (UploadRefusal::from_code(code), name)
}

fn type_label(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "PDF",
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        _ => "",
    }
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
            slot_view(&code, slot, doc, !app.form.generic, files, shown_errors, words.clone())
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

/// The limits on files ("10 MB a file, …") and how much is used: the lines `#documents-limits`
/// (which every file input refers to) and `#documents-used` (which the upload island refreshes).
pub fn limits_texts(lang: Lang, files: &AttachmentList) -> (String, String) {
    let limits = files.limits;
    let size = |n: u64| human_size(n, lang);
    let limits_text = lang.t_with(
        "documents-limits",
        &[
            ("file", size(limits.max_file_bytes).into()),
            ("total", size(limits.max_dossier_bytes).into()),
            ("count", num(limits.max_files_per_slot)),
        ],
    );
    let used_text = lang.t_with(
        "documents-used",
        &[("used", size(files.total_bytes()).into()), ("total", size(limits.max_dossier_bytes).into())],
    );
    (limits_text, used_text)
}

/// What the upload island says, from the locale files; refusals start with a capital on a row
/// of their own.
pub fn upload_words(lang: Lang) -> UploadWords {
    UploadWords {
        waiting: lang.t("documents-upload-waiting"),
        uploading: lang.t("documents-upload-sending"),
        uploaded: lang.t("documents-upload-done"),
        offline: lang.t("documents-upload-offline"),
        retry: lang.t("documents-upload-retry"),
        remove: lang.t("documents-remove"),
        refusals: UploadRefusal::ALL
            .into_iter()
            .filter(|r| *r != UploadRefusal::NoFile)
            .flat_map(|r| [r.code().to_string(), capitalised(&lang.t(r.message_key()))])
            .collect(),
    }
}

fn slot_view(
    code: &str,
    slot: u32,
    doc: &RequiredDocument,
    own_eform: bool,
    files: &AttachmentList,
    errors: Vec<(UploadRefusal, String)>,
    words: UploadWords,
) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    let name = doc.name.get(en).to_string();
    let need = need(doc, en, own_eform);
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
        upload_action: format!("/apply/{code}/documents/{slot}"),
        remove_action: format!("/apply/{code}/documents/remove"),
        can_upload: !filled_online,
    };
    file_slot(spec, files, errors, words)
}

/// One document's files on a page that takes files: its name, what is kept (each with a Remove
/// form), what was refused, and a plain multipart form (the upload island when JS is on). The
/// application's documents and a supplement's answer are both drawn by it.
pub struct SlotSpec {
    pub slot: u32,
    pub title: String,
    pub hint: String,
    /// Where the multipart form posts (`file` inputs).
    pub upload_action: String,
    /// Where a file's Remove form posts (`file`, `slot`).
    pub remove_action: String,
    /// False for a declaration filled in on the pages: nothing to choose (files sent before show).
    pub can_upload: bool,
}

pub fn file_slot(
    spec: SlotSpec,
    files: &AttachmentList,
    errors: Vec<(UploadRefusal, String)>,
    words: UploadWords,
) -> impl IntoView {
    let lang = use_lang();
    let SlotSpec { slot, title, hint, upload_action, remove_action, can_upload } = spec;
    let input_id = format!("file-{slot}");
    let uploaded: Vec<_> = files.in_slot(slot).cloned().collect();
    let none = uploaded.is_empty();
    let list = uploaded
        .into_iter()
        .map(|f| {
            let details = format!("{} · {}", human_size(f.size_bytes, lang), type_label(&f.content_type));
            view! {
                <li class="document-file flex flex-wrap items-center gap-3 py-2">
                    <span class="font-medium break-all">{f.file_name.clone()}</span>
                    <span class="hint">{details}</span>
                    <form method="post" action=remove_action.clone()>
                        <input type="hidden" name="file" value=f.id.clone()/>
                        <input type="hidden" name="slot" value=slot.to_string()/>
                        <button type="submit" class="button-secondary">
                            {t("documents-remove")}<span class="sr-only">{format!(" {}", f.file_name)}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    // The input is described by its hint, what was refused (the summary at the top links here)
    // and the limits, so a screen reader says all three on reaching it.
    let refused = !errors.is_empty();
    let described_by = if refused {
        format!("slot-{slot}-hint {input_id}-error documents-limits")
    } else {
        format!("slot-{slot}-hint documents-limits")
    };
    let error_list = refused.then(|| {
        view! {
            <div id=format!("{input_id}-error") class="field-error-message mt-3">
                <p><span class="sr-only">{t("form-error-prefix")} " "</span>{lang.t("documents-not-taken")}</p>
                <ul class="mt-1 list-disc pl-5">
                    {refusal_lines(lang, &errors).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            </div>
        }
    });
    // Every slot has the same label and button: a screen reader's list of them names the document.
    let which = format!(" – {title}");
    view! {
        <section id=format!("slot-{slot}") class="document-slot mt-8 border-t pt-4">
            <h2 class="section-title">{title}</h2>
            <p class="hint" id=format!("slot-{slot}-hint")>{hint}</p>
            {error_list}
            // Fetched again and swapped in by the upload island once its files are stored.
            <div id=format!("slot-{slot}-files")>
                {if none && !can_upload {
                    ().into_any()
                } else if none {
                    view! { <p class="mt-2">{t("documents-none-yet")}</p> }.into_any()
                } else {
                    view! { <ul class="mt-2">{list}</ul> }.into_any()
                }}
            </div>
            {can_upload.then(|| view! {
                <UploadSlot words index=slot>
                    <form method="post" enctype="multipart/form-data" action=upload_action class="mt-3">
                        <label for=input_id.clone() class="label">
                            {t("documents-choose")}<span class="sr-only">{which.clone()}</span>
                        </label>
                        <input type="file" id=input_id name="file" multiple="" accept=ACCEPT_ATTRIBUTE
                            aria-describedby=described_by aria-invalid=refused.then_some("true") class="mt-1 block"/>
                        <button type="submit" class="button-secondary mt-3">
                            {t("documents-upload")}<span class="sr-only">{which}</span>
                        </button>
                    </form>
                </UploadSlot>
            })}
        </section>
    }
}

/// What was refused, file by file ("name: why"); a refusal of no particular file ("you did not
/// choose any file", "already sent") is said as a sentence of its own.
fn refusal_lines(lang: Lang, errors: &[(UploadRefusal, String)]) -> Vec<String> {
    errors
        .iter()
        .map(|(refusal, file)| {
            let message = lang.t(refusal.message_key());
            if file.is_empty() {
                capitalised(&message)
            } else {
                format!("{file}: {message}")
            }
        })
        .collect()
}

/// The top of a page whose upload to one document was refused: GOV.UK's error summary, each
/// refusal prefixed with the document's name and linked to its file input.
pub fn refusals_summary(lang: Lang, slot: u32, document: &str, errors: &[(UploadRefusal, String)]) -> impl IntoView {
    let errors = refusal_lines(lang, errors)
        .into_iter()
        .map(|line| FieldError { field_id: format!("file-{slot}"), message: format!("{document}: {line}") })
        .collect();
    view! { <ErrorSummary errors/> }
}

/// Refusals of no particular document (a Remove after the application was sent, say), said at
/// the top of the page.
pub fn error_block(lang: Lang, errors: Vec<(UploadRefusal, String)>) -> Option<impl IntoView> {
    (!errors.is_empty()).then(|| {
        let items = refusal_lines(lang, &errors).into_iter().map(|line| view! { <li>{line}</li> }).collect_view();
        view! {
            <div class="error-summary mt-3" role="alert">
                <p class="font-semibold">{lang.t("documents-not-taken")}</p>
                <ul class="mt-1 list-disc pl-5">{items}</ul>
            </div>
        }
    })
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
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
