//! The documents page's form handlers. An upload is a plain multipart form (it works without
//! JavaScript); each file in it is streamed straight on to the portal as it arrives, one at a
//! time, never whole in memory, and refused or kept on its own: a file too big or of the wrong
//! type costs only itself. Then `303` back to the page, whose query says what went wrong per
//! file; asked with `Accept: application/json` (a script posting the same form with fetch) the
//! answer is the per-file results as JSON instead.

use super::{draft_cookie, same_site, submit::to_receipt, ApplyError, ApplyState};
use crate::portal::attachment::{clean_file_name, is_upload_key, Attachment, UploadRefusal, UPLOAD_KEY_CHARS};
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
}

pub(crate) fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json"))
}

fn documents_url(code: &str) -> String {
    format!("/apply/{}/documents", encode_component(code))
}

/// `POST /apply/{code}/documents/{slot}`: the files of one document, from a multipart form
/// (inputs named `file`).
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
    let start = || Redirect::to(&format!("/apply/{}", encode_component(&code))).into_response();
    let Some(id) = draft_cookie(&headers) else { return Ok(start()) };
    let (draft, procedure) = futures::join!(state.portal.draft(&id), state.portal.procedure(&code));
    let draft = match draft {
        Err(PortalError::NotFound) => return Ok(start()),
        draft => draft?,
    };
    // A sent application takes no more files: its receipt instead (back button, second tab).
    if draft.dossier_code.is_some() {
        return to_receipt(&state.portal, &draft.id).await;
    }
    let procedure = procedure?;
    if draft.procedure_code != procedure.code || slot as usize >= procedure.documents.len() {
        return Err(ApplyError::Portal(PortalError::NotFound));
    }
    let results = receive(&state.portal, FilesOf::Draft(&id), slot, multipart).await?;
    Ok(answer(json, &documents_url(&code), slot, results))
}

/// The files of one multipart form (inputs named `file`), each streamed on to the portal as it
/// arrives and kept or refused on its own. Shared by every page that takes files (an
/// application's documents, a supplement's).
pub(crate) async fn receive(
    portal: &PortalClient,
    of: FilesOf<'_>,
    slot: u32,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Vec<FileResult>, ApplyError> {
    let mut multipart = multipart.map_err(|_| ApplyError::BadForm)?;
    let mut results: Vec<FileResult> = Vec::new();
    // The page's key for this form (before its file input): the files of a form sent again are
    // found stored instead of stored twice.
    let mut form_key: Option<String> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // The whole request is over its limit, or broken off: what was taken stays taken.
            Err(e) if results.is_empty() => return Err(refused_form(&e)),
            Err(_) => break,
        };
        if field.name() == Some("key") && field.file_name().is_none() {
            form_key = read_key(field).await;
            continue;
        }
        // A file input with no file chosen sends an empty part without a name.
        let Some(name) = field.file_name().filter(|n| !n.is_empty()).map(clean_file_name) else { continue };
        if field.name() != Some("file") {
            continue;
        }
        // One key per file of the form, the same each time the same form is sent.
        let key = form_key.as_ref().map(|k| format!("{k}-{}", results.len())).filter(|k| is_upload_key(k));
        let (result, cut_off) = stream_one(portal, of, slot, (&name, key.as_deref()), field).await;
        results.push(result);
        if cut_off {
            break;
        }
    }
    Ok(results)
}

/// A form's key, if it is one: read a little at a time, so a huge field costs no memory (what is
/// not a key is no error; the files are then only not matched with an earlier try's).
async fn read_key(mut field: axum::extract::multipart::Field<'_>) -> Option<String> {
    let mut key = Vec::new();
    while let Ok(Some(chunk)) = field.chunk().await {
        if key.len() + chunk.len() > UPLOAD_KEY_CHARS.1 {
            return None;
        }
        key.extend_from_slice(&chunk);
    }
    String::from_utf8(key).ok()
}

/// The per-file results as JSON (the upload island asked), or `303` back to the page at `page`
/// with what was refused in its query.
pub(crate) fn answer(json: bool, page: &str, slot: u32, results: Vec<FileResult>) -> Response {
    if json {
        return Json(Results { files: results }).into_response();
    }
    Redirect::to(&back_to(page, slot, &results)).into_response()
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

#[derive(serde::Deserialize)]
pub struct RemoveForm {
    file: String,
    #[serde(default)]
    slot: Option<u32>,
}

/// `POST /apply/{code}/documents/remove`: one file less, then the page at its slot.
pub async fn remove(
    State(state): State<ApplyState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    Form(form): Form<RemoveForm>,
) -> Result<Response, ApplyError> {
    same_site(&headers, &state.site_origin)?;
    let Some(id) = draft_cookie(&headers) else {
        return Ok(Redirect::to(&format!("/apply/{}", encode_component(&code))).into_response());
    };
    let anchor = form.slot.map(|s| format!("#slot-{s}")).unwrap_or_default();
    match state.portal.delete_document(&id, &form.file).await {
        // Already gone (a second tap) is what was asked.
        Ok(()) | Err(PortalError::NotFound) => {}
        // Sent meanwhile (another tab): its receipt.
        Err(PortalError::Refused { code: reason, .. }) if reason == "submitted" => {
            return to_receipt(&state.portal, &id).await
        }
        Err(e) => return Err(e.into()),
    }
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
