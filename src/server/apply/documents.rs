//! The documents page's form handlers. An upload is a plain multipart form (it works without
//! JavaScript); each file in it is streamed straight on to the portal as it arrives, one at a
//! time, never whole in memory, and refused or kept on its own: a file too big or of the wrong
//! type costs only itself. Then `303` back to the page, whose query says what went wrong per
//! file; asked with `Accept: application/json` (a script posting the same form with fetch) the
//! answer is the per-file results as JSON instead.

use super::{
    form_draft, same_site, submit::to_receipt, to_start, ApplyError, ApplyState, SAVED_ELSEWHERE, UNKEPT_ELSEWHERE,
};
use crate::portal::attachment::{clean_file_name, is_upload_key, Attachment, UploadRefusal};
use crate::portal::client::{encode_component, FilesOf};
use crate::portal::{PortalClient, PortalError};
use axum::{
    body::Bytes,
    extract::{multipart::MultipartError, Multipart, Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form, Json,
};
use serde::Serialize;

/// Room in a request beyond the files themselves: multipart headers and boundaries.
pub const MULTIPART_SLACK: u64 = 1024 * 1024;

/// What became of one file of the form.
#[derive(Serialize)]
pub struct FileResult {
    /// The name as it is kept (cleaned).
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Attachment>,
    /// Why it was not kept (`too_big`, `wrong_type`, …); absent when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

#[derive(Serialize)]
struct Results {
    files: Vec<FileResult>,
    /// Where the browser goes next, when not back to the page (its application is not the one
    /// this browser has open, or none: the start page, a receipt).
    #[serde(skip_serializing_if = "Option::is_none")]
    then: Option<String>,
}

pub(crate) fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json"))
}

fn documents_url(code: &str) -> String {
    format!("/apply/{}/documents", encode_component(code))
}

/// `POST /apply/{code}/documents/{slot}`: the files of one document, from a multipart form
/// (inputs named `file`). They go to the application the page was rendered for, by the marks
/// its form carries before its files (as a question page's answers do): never into another one
/// this browser has begun since in another tab.
pub async fn upload(
    State(state): State<ApplyState>,
    Path((code, slot)): Path<(String, u32)>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.max_upload_bytes) {
        return Err(ApplyError::TooLarge);
    }
    let json = wants_json(&headers);
    let start = || to_start(&code);
    let mut elsewhere = false;
    let received = receive(&state.portal, json, slot, multipart, async |fields: &[(String, String)]| {
        let which = form_draft(&state, &headers, fields).await?;
        let Some(id) = which.id() else { return Ok(Destination::Instead(start())) };
        let (draft, procedure) = futures::join!(state.portal.draft(id), state.portal.procedure(&code));
        let draft = match draft {
            Err(PortalError::NotFound) => return Ok(Destination::Instead(start())),
            draft => draft?,
        };
        // A sent application takes no more files: its receipt instead (back button, second
        // tab); not one this browser does not hold (a page left open on a shared browser).
        if draft.dossier_code.is_some() {
            if which.is_page() {
                return Ok(Destination::Instead(start()));
            }
            return to_receipt(&state.portal, &draft.id).await.map(Destination::Instead);
        }
        let procedure = procedure?;
        if draft.procedure_code != procedure.code || slot as usize >= procedure.documents.len() {
            return Err(ApplyError::Portal(PortalError::NotFound));
        }
        elsewhere = which.is_page();
        Ok(Destination::Draft(draft.id))
    })
    .await?;
    let results = match received {
        Received::Files(results) => results,
        Received::Instead(answer) => return Ok(answer),
    };
    if elsewhere {
        return Ok(answer_elsewhere(json, results));
    }
    Ok(answer(json, &documents_url(&code), slot, results))
}

/// Where a form's files go, decided from its fields before the first file.
pub(crate) enum Destination {
    Draft(String),
    /// A dossier's supplement, by its tracking token.
    Supplement(String),
    /// Nowhere: this answer instead, the files unread (no application, a sent one, …).
    Instead(Response),
}

/// What became of a form's files, or the answer given instead of taking them.
pub(crate) enum Received {
    Files(Vec<FileResult>),
    Instead(Response),
}

/// A form's fields before its first file (its key, the marks of its application): a few short
/// ones; past these counts the rest are skipped unread.
const LEADING_FIELDS: usize = 8;
const LEADING_FIELD_BYTES: usize = 128;

/// The files of one multipart form (inputs named `file`), each streamed on to the portal as it
/// arrives and kept or refused on its own. Shared by every page that takes files (an
/// application's documents, a supplement's). `destination` is told the form's fields before its
/// first file, and says where the files go (or what to answer instead: for the upload island,
/// `json`, its `303` becomes `then`).
pub(crate) async fn receive(
    portal: &PortalClient,
    json: bool,
    slot: u32,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
    destination: impl AsyncFnOnce(&[(String, String)]) -> Result<Destination, ApplyError>,
) -> Result<Received, ApplyError> {
    let mut multipart = multipart.map_err(|_| ApplyError::BadForm)?;
    let mut fields: Vec<(String, String)> = Vec::new();
    // The first part with a file name (a file input sends one even when nothing was chosen).
    let mut next = loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.file_name().is_some() => break Some(field),
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                if fields.len() < LEADING_FIELDS {
                    if let Some(value) = read_small(field).await {
                        fields.push((name, value));
                    }
                }
            }
            Ok(None) => break None,
            // The whole request is over its limit, or broken off.
            Err(e) => return Err(refused_form(&e)),
        }
    };
    let to = match destination(&fields).await {
        Ok(Destination::Draft(id)) => Ok((id, false)),
        Ok(Destination::Supplement(token)) => Ok((token, true)),
        Ok(Destination::Instead(answer)) => Err(Ok(Received::Instead(if json { for_script(answer) } else { answer }))),
        Err(e) => Err(Err(e)),
    };
    let (id, supplement) = match to {
        Ok(to) => to,
        // Answered without the files: the rest of the form is read and dropped first. A browser
        // still sending a big file when the connection closes on unread bytes reports a reset
        // connection, not this answer (measured: Chromium, 20 MB, no application).
        Err(answer) => {
            if let Some(field) = next {
                drain(field).await;
            }
            while let Ok(Some(field)) = multipart.next_field().await {
                drain(field).await;
            }
            return answer;
        }
    };
    let of = if supplement { FilesOf::Supplement(&id) } else { FilesOf::Draft(&id) };
    // The page's key for this form: the files of a form sent again are found stored instead of
    // stored twice.
    let form_key = fields.iter().find(|(n, _)| n == "key").map(|(_, v)| v.as_str());
    let mut results: Vec<FileResult> = Vec::new();
    while let Some(field) = next.take() {
        // A file input with no file chosen sends an empty part without a name.
        let name = field.file_name().filter(|n| !n.is_empty()).map(clean_file_name);
        match name.filter(|_| field.name() == Some("file")) {
            Some(name) => {
                // One key per file of the form, the same each time the same form is sent.
                let key = form_key.map(|k| format!("{k}-{}", results.len())).filter(|k| is_upload_key(k));
                let (result, cut_off) = stream_one(portal, of, slot, (&name, key.as_deref()), field).await;
                results.push(result);
                if cut_off {
                    break;
                }
            }
            None => drop(field),
        }
        next = match multipart.next_field().await {
            Ok(field) => field,
            // Over its limit, or broken off: what was taken stays taken.
            Err(e) if results.is_empty() => return Err(refused_form(&e)),
            Err(_) => break,
        };
    }
    Ok(Received::Files(results))
}

/// Reads a part to its end, keeping nothing (the request's body limit bounds it).
async fn drain(mut field: axum::extract::multipart::Field<'_>) {
    while let Ok(Some(_)) = field.chunk().await {}
}

/// A short field's value, read a little at a time so a huge one costs no memory (one over
/// [`LEADING_FIELD_BYTES`] is none of ours: skipped).
async fn read_small(mut field: axum::extract::multipart::Field<'_>) -> Option<String> {
    let mut value = Vec::new();
    while let Ok(Some(chunk)) = field.chunk().await {
        if value.len() + chunk.len() > LEADING_FIELD_BYTES {
            return None;
        }
        value.extend_from_slice(&chunk);
    }
    String::from_utf8(value).ok()
}

/// The per-file results as JSON (the upload island asked), or `303` back to the page at `page`
/// with what was refused in its query.
pub(crate) fn answer(json: bool, page: &str, slot: u32, results: Vec<FileResult>) -> Response {
    if json {
        return Json(Results { files: results, then: None }).into_response();
    }
    Redirect::to(&back_to(page, slot, &results)).into_response()
}

/// The answer to files sent to an application this browser does not have open: the resume
/// page (the page's own list would show the other application's files), which says whether
/// they were all kept, or not (then that application's own page says why).
fn answer_elsewhere(json: bool, results: Vec<FileResult>) -> Response {
    let all_kept = !results.is_empty() && results.iter().all(|r| r.error.is_none());
    let to = if all_kept { SAVED_ELSEWHERE } else { UNKEPT_ELSEWHERE };
    if json {
        return Json(Results { files: results, then: Some(to.to_string()) }).into_response();
    }
    Redirect::to(to).into_response()
}

/// An answer decided before the files (the start page, a receipt), for the upload island: the
/// `303` a plain form gets becomes `then`, which the island follows (an XHR would follow the
/// redirect itself and read a page where it expects its JSON).
fn for_script(answer: Response) -> Response {
    let to = answer.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string);
    match to.filter(|_| answer.status() == StatusCode::SEE_OTHER) {
        Some(to) => Json(Results { files: Vec::new(), then: Some(to) }).into_response(),
        None => answer,
    }
}

/// A form refused before any file: too big (413) or not a multipart form (400).
fn refused_form(e: &MultipartError) -> ApplyError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApplyError::TooLarge
    } else {
        ApplyError::BadForm
    }
}

/// One file, passed on to the portal chunk by chunk through a small channel (the field borrows
/// the form, the portal's body must own its stream). Also says whether the form itself broke
/// off (over its limit, or the connection dropped), which ends the form.
async fn stream_one(
    portal: &PortalClient,
    of: FilesOf<'_>,
    slot: u32,
    (name, key): (&str, Option<&str>),
    mut field: axum::extract::multipart::Field<'_>,
) -> (FileResult, bool) {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let body = futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
    let pump = async move {
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    // The portal stopped reading (it refused the file): leave the rest to the form.
                    if tx.send(Ok(chunk)).await.is_err() {
                        return None;
                    }
                }
                Ok(None) => return None,
                Err(e) => {
                    let _ = tx.send(Err(std::io::Error::other("the upload broke off"))).await;
                    return Some(e.status() == StatusCode::PAYLOAD_TOO_LARGE);
                }
            }
        }
    };
    let (stored, broke) = futures::join!(portal.upload_file(of, slot, (name, key), body), pump);
    let error = match (&stored, broke) {
        (Ok(_), _) => None,
        // Over the request's limit (the dossier's total and some slack).
        (Err(_), Some(true)) => Some(UploadRefusal::DossierFull),
        (Err(PortalError::Refused { code, .. }), _) => Some(UploadRefusal::from_code(code)),
        (Err(_), _) => Some(UploadRefusal::Failed),
    };
    let result = FileResult { name: name.to_string(), file: stored.ok(), error: error.map(UploadRefusal::code) };
    (result, broke.is_some())
}

/// The page (`page`) at the slot, with the files that were not taken in the query
/// (`e=code:name`, a few at most; the page escapes what it shows).
fn back_to(page: &str, slot: u32, results: &[FileResult]) -> String {
    let mut url = format!("{page}?slot={slot}");
    if results.is_empty() {
        url.push_str(&format!("&e={}", UploadRefusal::NoFile.code()));
    }
    let failed = results.iter().filter_map(|r| r.error.map(|e| (e, &r.name)));
    for (error, name) in failed.take(crate::apply::documents::MAX_SHOWN_ERRORS) {
        // Names are cut short here: the query is for showing, and addresses have limits.
        let short: String = name.chars().take(60).collect();
        url.push_str(&format!("&e={}", encode_component(&format!("{error}:{short}"))));
    }
    url.push_str(&format!("#slot-{slot}"));
    url
}

/// `POST /apply/{code}/documents/remove` (`file`, `slot`, and the marks of the page's
/// application): one file less, then the page at its slot.
pub async fn remove(
    State(state): State<ApplyState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let field = |name: &str| posted.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let file = field("file").ok_or(ApplyError::BadForm)?;
    let which = form_draft(&state, &headers, &posted).await?;
    let Some(id) = which.id() else {
        return Ok(to_start(&code));
    };
    match state.portal.delete_document(id, file).await {
        // Already gone (a second tap) is what was asked.
        Ok(()) | Err(PortalError::NotFound) => {}
        // Sent meanwhile (another tab): its receipt; not one this browser does not hold.
        Err(PortalError::Refused { code: reason, .. }) if reason == "submitted" && !which.is_page() => {
            return to_receipt(&state.portal, id).await
        }
        Err(PortalError::Refused { code: reason, .. }) if reason == "submitted" => return Ok(to_start(&code)),
        Err(e) => return Err(e.into()),
    }
    if which.is_page() {
        return Ok(Redirect::to(SAVED_ELSEWHERE).into_response());
    }
    let anchor = field("slot").and_then(|s| s.parse::<u32>().ok()).map(|s| format!("#slot-{s}")).unwrap_or_default();
    Ok(Redirect::to(&format!("{}{anchor}", documents_url(&code))).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_back_names_what_failed_and_only_that() {
        let ok = FileResult { name: "a.pdf".into(), file: None, error: None };
        let big = FileResult { name: "ảnh & 1.jpg".into(), file: None, error: Some("too_big") };
        assert_eq!(back_to(&documents_url("1.001193"), 2, &[ok]), "/apply/1.001193/documents?slot=2#slot-2");
        assert_eq!(
            back_to(&documents_url("1.001193"), 0, &[big]),
            "/apply/1.001193/documents?slot=0&e=too_big%3A%E1%BA%A3nh%20%26%201.jpg#slot-0"
        );
        assert_eq!(back_to(&documents_url("x"), 1, &[]), "/apply/x/documents?slot=1&e=no_file#slot-1");
    }
}
