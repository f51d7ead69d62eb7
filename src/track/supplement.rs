//! `GET /track/{token}/supplement`: the office asked for more documents (status 5). The reason,
//! the deadline, one upload per document asked for (the apply journey's slots: a plain multipart
//! form, the upload island when JS is on), then "Send to the office". The forms post to
//! `server::track`, which redirects back here (`?slot=…&e=…` for refused files, `?missing=0,2`
//! when sending with a document still missing).

use super::actions::{with_status, BackToStatus};
use crate::apply::documents::MAX_SHOWN_ERRORS;
use crate::apply::file_slot::{
    error_block, file_slot, limits_texts, parse_error, refusals_summary, upload_words, SlotSpec,
};
use crate::components::{IslandScripts, PageHead};
use crate::i18n::{t, use_lang};
use crate::portal::attachment::{AttachmentList, UploadRefusal};
use crate::portal::client::encode_component;
use crate::portal::dossier::Receipt;
use crate::portal::workflow::{DossierStatus, SupplementRequest};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SupplementPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let error_slot: Option<u32> = query.get("slot").and_then(|s| s.parse().ok());
    let errors: Vec<(UploadRefusal, String)> =
        query.get_all("e").unwrap_or_default().iter().take(MAX_SHOWN_ERRORS).map(|e| parse_error(e)).collect();
    // Sending was refused: a document asked for has no file.
    let missing = query.get("missing").is_some();
    with_status(move |token, status| match status.supplement.clone() {
        None => nothing_asked(token, &status).into_any(),
        Some(request) => {
            #[cfg(feature = "ssr")]
            {
                let client = expect_context::<crate::portal::PortalClient>();
                view! {
                    <Suspense fallback=|| ()>
                        {Suspend::new(async move {
                            let of = crate::portal::client::FilesOf::Supplement(&token);
                            match client.files(of).await {
                                Ok(files) => {
                                    page(&token, &status, &request, &files, error_slot, errors, missing).into_any()
                                }
                                Err(e) => view! {
                                    <crate::components::ErrorNotice error=crate::error::AppError::from(e)/>
                                }.into_any(),
                            }
                        })}
                    </Suspense>
                }
                .into_any()
            }
            #[cfg(not(feature = "ssr"))]
            {
                let files = AttachmentList { files: vec![], limits: Default::default() };
                page(&token, &status, &request, &files, error_slot, errors, missing).into_any()
            }
        }
    })
}

/// The office waits for nothing (sent already, or never asked).
fn nothing_asked(token: String, status: &DossierStatus) -> impl IntoView {
    view! {
        <PageHead title=t("supplement-title") robots_noindex=true/>
        <BackToStatus token=token.clone()/>
        <h1 class="text-2xl font-bold">{t("supplement-title")}</h1>
        <p class="mt-2 break-all">{status.dossier_code.clone()}</p>
        <div class="notice mt-6" role="status"><p>{t("supplement-nothing-asked")}</p></div>
        <p class="mt-6"><a class="button" href=super::actions::status_url(&token)>{t("track-back")}</a></p>
    }
}

fn page(
    token: &str,
    status: &DossierStatus,
    request: &SupplementRequest,
    files: &AttachmentList,
    error_slot: Option<u32>,
    errors: Vec<(UploadRefusal, String)>,
    missing: bool,
) -> impl IntoView {
    let lang = use_lang();
    let base = format!("/track/{}/supplement", encode_component(token));
    let (limits_text, used_text) = limits_texts(lang, files);
    let words = upload_words(lang);
    let slots = request
        .documents
        .iter()
        .enumerate()
        .map(|(slot, name)| {
            let slot = slot as u32;
            let spec = SlotSpec {
                slot,
                title: name.clone(),
                hint: lang.t("documents-required"),
                upload_action: format!("{base}/{slot}"),
                remove_action: format!("{base}/remove"),
                can_upload: true,
                hidden: Vec::new(),
            };
            let shown = if error_slot == Some(slot) { errors.clone() } else { Vec::new() };
            file_slot(spec, files, shown, words.clone())
        })
        .collect_view();
    let missing_names: Vec<(u32, String)> = if missing { still_missing(request, files) } else { Vec::new() };
    let has_errors = !errors.is_empty() || !missing_names.is_empty();
    let deadline = Receipt::local_date(&request.deadline);
    let refused_in = error_slot.and_then(|slot| Some((slot, request.documents.get(slot as usize)?.as_str())));
    view! {
        <PageHead title=t("supplement-title") robots_noindex=true failed=has_errors/>
        <BackToStatus token=token.to_string()/>
        {refused_in.map(|(slot, name)| refusals_summary(lang, slot, name, &errors))}
        <p class="text-slate-700 break-all">{status.dossier_code.clone()}</p>
        <h1 class="text-2xl font-bold">{t("supplement-title")}</h1>
        {(!missing_names.is_empty()).then(|| view! {
            <div class="error-summary mt-4" role="alert" id="supplement-missing">
                <h2 class="text-lg font-bold">{t("form-error-summary-title")}</h2>
                <p class="mt-1">{t("supplement-missing")}</p>
                <ul class="mt-2 list-disc pl-5">
                    {missing_names.into_iter().map(|(slot, name)| view! {
                        <li><a href=format!("#file-{slot}")>{name}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        })}
        <dl class="summary-list mt-6">
            <div class="summary-row">
                <dt class="summary-key">{t("supplement-reason")}</dt>
                <dd class="whitespace-pre-line">{request.reason.clone()}</dd>
            </div>
            <div class="summary-row">
                <dt class="summary-key">{t("supplement-deadline")}</dt>
                <dd>{deadline}</dd>
            </div>
        </dl>
        <p class="mt-6">{t("supplement-lead")}</p>
        <p class="hint mt-2" id="documents-limits">{limits_text}</p>
        <p class="hint" id="documents-used">{used_text}</p>
        {error_block(lang, if error_slot.is_none() { errors.clone() } else { Vec::new() })}
        {slots}
        <form method="post" action=format!("{base}/send") class="mt-8 border-t pt-6">
            <p class="mb-3">{t("supplement-send-lead")}</p>
            <button type="submit" class="button">{t("supplement-send")}</button>
        </form>
        <IslandScripts/>
    }
}

/// The documents asked for that have no file yet: (slot, name).
fn still_missing(request: &SupplementRequest, files: &AttachmentList) -> Vec<(u32, String)> {
    (0..request.documents.len() as u32)
        .filter(|slot| files.in_slot(*slot).next().is_none())
        .map(|slot| (slot, request.documents[slot as usize].clone()))
        .collect()
}
