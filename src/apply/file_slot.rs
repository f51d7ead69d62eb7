//! One document's files on a page that takes files (the application's documents page and a
//! supplement's page): its files with Remove forms, what was refused, the plain multipart form
//! the upload island enhances; and the words and limits those pages share.

use super::session::hidden_inputs;
use super::upload_island::{UploadSlot, UploadWords};
use crate::components::form::{ErrorSummary, FieldError};
use crate::i18n::{num, t, use_lang, Lang};
use crate::portal::attachment::{human_size, Attachment, AttachmentList, UploadRefusal, ACCEPT_ATTRIBUTE};
use leptos::prelude::*;

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
    /// Hidden fields both forms carry first (an application's marks: its files go to it).
    pub hidden: Vec<(&'static str, String)>,
}

pub fn file_slot(
    spec: SlotSpec,
    files: &AttachmentList,
    errors: Vec<(UploadRefusal, String)>,
    words: UploadWords,
) -> impl IntoView {
    let lang = use_lang();
    let SlotSpec { slot, title, hint, upload_action, remove_action, can_upload, hidden } = spec;
    let input_id = format!("file-{slot}");
    let uploaded: Vec<_> = files.in_slot(slot).cloned().collect();
    let key = form_key(slot, &uploaded);
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
                        {hidden_inputs(hidden.clone())}
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
                        // Before the input: the server reads them before the files.
                        {hidden_inputs(hidden)}
                        <input type="hidden" name="key" value=key/>
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

/// The upload form's idempotency key: the same while the document's files are the same (a form
/// sent again, or from a page left open, finds its files stored rather than storing them twice),
/// a new one once they change (so a file removed and chosen again is stored again).
fn form_key(slot: u32, files: &[Attachment]) -> String {
    let slot = slot.to_string();
    let parts: Vec<&str> = ["upload", slot.as_str()].into_iter().chain(files.iter().map(|f| f.id.as_str())).collect();
    super::keep_typing::fingerprint(&parts, 16)
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
