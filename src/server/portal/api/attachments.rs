//! `/portal/v1/drafts/{id}/documents`: the files of an application. An upload is the raw file as
//! the request body (any `Content-Type`: the bytes say what it is), its name in `?name=`, so a
//! front end can stream it through without re-encoding, and a fault or a refusal is one file's.

use super::params::{ApiPath, ApiQuery, Bounded, Rejection, SafeJson};
use crate::portal::attachment::{clean_file_name, Attachment, AttachmentList};
use crate::portal::types::ApiError;
use crate::server::portal::attachments::{self, AttachmentError, Holder, Incoming, Stored};
use crate::server::portal::PortalState;
use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

/// The bytes of a file (PDF, JPEG or PNG).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBytes(#[allow(dead_code)] Vec<u8>);

/// Query of an upload.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name as the person chose it; kept cleaned (no folders, no control characters,
    /// at most 120 characters) for showing, never to store the bytes by. At most 255 characters
    /// (a file system's longest name), so its address stays under the server's 8 KB.
    #[param(max_length = 255)]
    pub name: Option<String>,
    /// An idempotency key the sender makes for this file (16 to 80 letters, digits, `-`, `_`):
    /// sent again with the same bytes for the same document, when the answer to the first try
    /// was lost, the upload is answered with the file the first try stored (200) and nothing
    /// new is kept. Other bytes under the same key are a file of their own.
    #[param(pattern = "^[0-9A-Za-z_-]{16,80}$")]
    pub key: Option<String>,
}

impl UploadQuery {
    /// As declared above (utoipa takes a literal).
    pub const MAX_NAME_CHARS: usize = 255;

    /// The file as it arrives, but for its bytes: its name cleaned, its key, its announced size.
    pub fn incoming(&self, slot: u32, headers: &HeaderMap) -> Incoming<'_> {
        Incoming {
            slot,
            file_name: clean_file_name(self.name.as_deref().unwrap_or("")),
            key: self.key.as_deref(),
            declared: headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse().ok()),
        }
    }
}

/// An upload's answer: 201 with the file stored now, 200 with the one an earlier try stored.
pub fn stored_answer(stored: Stored) -> (StatusCode, SafeJson<Attachment>) {
    match stored {
        Stored::New(file) => (StatusCode::CREATED, SafeJson(file)),
        Stored::Again(file) => (StatusCode::OK, SafeJson(file)),
    }
}

impl Bounded for UploadQuery {
    fn check(&self) -> Result<(), Rejection> {
        match &self.name {
            Some(name) if name.chars().count() > UploadQuery::MAX_NAME_CHARS => {
                return Err(AttachmentError::NameTooLong.into())
            }
            _ => {}
        }
        match &self.key {
            Some(key) if !crate::portal::attachment::is_upload_key(key) => Err(AttachmentError::BadKey.into()),
            _ => Ok(()),
        }
    }
}

/// Upload one file for one required document: the raw bytes as the body, streamed to storage.
#[utoipa::path(
    post, path = "/portal/v1/drafts/{id}/documents/{slot}/files",
    request_body(content = inline(FileBytes), content_type = "application/octet-stream",
                 description = "The file itself: a PDF, JPEG or PNG, judged by its bytes"),
    params(
        ("id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The draft's secret id"),
        ("slot" = u32, Path, minimum = 0, maximum = 1000, description = "Index of the document in the procedure's `documents`"),
        UploadQuery
    ),
    responses(
        (status = 201, description = "The file as stored", body = Attachment),
        (status = 200, description = "An earlier upload with the same `key` and the same bytes stored this file already: that file (nothing new is kept)", body = Attachment),
        (status = 400, description = "The file is empty (`empty`), the upload broke off (`broken`), or a parameter is malformed", body = ApiError),
        (status = 404, description = "No such draft (or it has expired), or its procedure has no such document", body = ApiError),
        (status = 409, description = "The application was submitted (`submitted`), or the document has its maximum of files (`slot_full`)", body = ApiError),
        (status = 413, description = "Over the limit of one file (`too_big`) or of the application's total (`dossier_full`)", body = ApiError),
        (status = 415, description = "Not a PDF, JPEG or PNG by its bytes (`wrong_type`)", body = ApiError)
    )
)]
pub async fn upload(
    State(state): State<PortalState>,
    ApiPath((id, slot)): ApiPath<(String, u32)>,
    ApiQuery(query): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, SafeJson<Attachment>), Rejection> {
    let procedure_code = attachments::open_draft(&state.db, &id).await?;
    let documents = state.index.get(&procedure_code).map_or(0, |p| p.documents.len());
    if slot as usize >= documents {
        return Err(AttachmentError::NoSuchSlot.into());
    }
    let incoming = query.incoming(slot, &headers);
    let holder = Holder::Draft(&id);
    Ok(stored_answer(
        attachments::upload(&state.db, &state.attachments, holder, incoming, body.into_data_stream()).await?,
    ))
}

/// The files of a draft, and the limits they are under.
#[utoipa::path(
    get, path = "/portal/v1/drafts/{id}/documents",
    params(("id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The draft's secret id")),
    responses(
        (status = 200, description = "Every file, by document then upload order", body = AttachmentList),
        (status = 400, description = "The id is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "No such draft, or it has expired", body = ApiError)
    )
)]
pub async fn list(
    State(state): State<PortalState>,
    ApiPath(id): ApiPath<String>,
) -> Result<SafeJson<AttachmentList>, Rejection> {
    Ok(SafeJson(attachments::list(&state.db, &state.attachments, Holder::Draft(&id)).await?))
}

/// Remove one file (not once the application is submitted).
#[utoipa::path(
    delete, path = "/portal/v1/drafts/{id}/documents/{attachment_id}",
    params(
        ("id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The draft's secret id"),
        ("attachment_id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The file's id")
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "A parameter is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "The draft has no such file (or has expired)", body = ApiError),
        (status = 409, description = "The application was submitted (`submitted`)", body = ApiError)
    )
)]
pub async fn delete(
    State(state): State<PortalState>,
    ApiPath((id, file)): ApiPath<(String, String)>,
) -> Result<StatusCode, Rejection> {
    attachments::delete(&state.db, &state.attachments, Holder::Draft(&id), &file).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The bytes of one file, as stored.
#[utoipa::path(
    get, path = "/portal/v1/drafts/{id}/documents/{attachment_id}/content",
    params(
        ("id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The draft's secret id"),
        ("attachment_id" = String, Path, pattern = "^[0-9a-z]{26}$", description = "The file's id")
    ),
    responses(
        (status = 200, description = "The file; `Content-Type` is its detected type",
         content((inline(FileBytes) = "application/pdf"), (inline(FileBytes) = "image/jpeg"), (inline(FileBytes) = "image/png"))),
        (status = 400, description = "A parameter is not valid UTF-8 once percent-decoded", body = ApiError),
        (status = 404, description = "The draft has no such file (or has expired)", body = ApiError)
    )
)]
pub async fn content(
    State(state): State<PortalState>,
    ApiPath((id, file)): ApiPath<(String, String)>,
) -> Result<Response, Rejection> {
    let (file, bytes) = attachments::content(&state.db, &state.attachments, &id, &file).await?;
    let mut res = Body::from_stream(bytes).into_response();
    let headers = res.headers_mut();
    // One of three fixed types (detected); a download, never rendered in the site's origin.
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(known_type(&file.content_type)));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size_bytes));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

fn known_type(stored: &str) -> &'static str {
    crate::portal::attachment::ACCEPTED_TYPES.into_iter().find(|t| *t == stored).unwrap_or("application/octet-stream")
}

impl IntoResponse for AttachmentError {
    fn into_response(self) -> Response {
        Rejection::from(self).into_response()
    }
}

/// Status and `code` of each refusal; the front end tells the citizen from the code.
pub fn status_and_code(e: &AttachmentError) -> (StatusCode, &'static str) {
    use AttachmentError::*;
    match e {
        DraftNotFound | NoSuchSlot | NoSuchFile => (StatusCode::NOT_FOUND, "not_found"),
        Submitted => (StatusCode::CONFLICT, "submitted"),
        NotRequested => (StatusCode::CONFLICT, "not_requested"),
        SlotFull => (StatusCode::CONFLICT, "slot_full"),
        TooBig => (StatusCode::PAYLOAD_TOO_LARGE, "too_big"),
        DossierFull => (StatusCode::PAYLOAD_TOO_LARGE, "dossier_full"),
        WrongType => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "wrong_type"),
        Empty => (StatusCode::BAD_REQUEST, "empty"),
        NameTooLong | BadKey => (StatusCode::BAD_REQUEST, "bad_request"),
        Broken => (StatusCode::BAD_REQUEST, "broken"),
        Store(_) => (StatusCode::SERVICE_UNAVAILABLE, "storage_unavailable"),
        Database(_) | Random(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::IntoParams;

    /// utoipa takes the declared bound as a literal: this keeps it the enforced one.
    #[test]
    fn the_declared_name_length_is_the_enforced_one() {
        let name = UploadQuery::into_params(|| None).into_iter().find(|p| p.name == "name").unwrap();
        let schema = serde_json::to_value(name.schema).unwrap();
        assert_eq!(schema["maxLength"].as_u64(), Some(UploadQuery::MAX_NAME_CHARS as u64));
        let named = |n: usize| UploadQuery { name: Some("ả".repeat(n)), key: None }.check().is_ok();
        assert_eq!([UploadQuery::MAX_NAME_CHARS, UploadQuery::MAX_NAME_CHARS + 1].map(named), [true, false]);
    }

    /// Files are declared as binary strings, not as objects a client would try to parse.
    #[test]
    fn files_are_binary_in_the_document() {
        use utoipa::OpenApi;
        let doc = serde_json::to_value(crate::server::portal::ApiDoc::openapi()).unwrap();
        let paths = &doc["paths"];
        let upload = &paths["/portal/v1/drafts/{id}/documents/{slot}/files"]["post"]["requestBody"]["content"];
        assert_eq!(upload["application/octet-stream"]["schema"]["format"], "binary", "{upload}");
        let content = &paths["/portal/v1/drafts/{id}/documents/{attachment_id}/content"]["get"]["responses"]["200"];
        for kind in crate::portal::attachment::ACCEPTED_TYPES {
            assert_eq!(content["content"][kind]["schema"]["type"], "string", "{content}");
        }
    }
}
