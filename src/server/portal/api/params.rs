//! What `/portal/v1` reads from a request, and why it refuses one.
//!
//! axum's own extractors answer a malformed request with a plain-text 400, which the document
//! does not describe; these wrap them so that every refusal is the documented JSON [`ApiError`],
//! and so that a number is refused exactly when it is outside the bounds the document declares.

use crate::portal::client::carried;
use crate::portal::types::{to_safe_json, ApiError, SearchQuery};
use crate::server::portal::attachments::AttachmentError;
use crate::server::portal::delivery::DeliveryError;
use crate::server::portal::drafts::DraftError;
use crate::server::portal::submission::SubmitError;
use crate::server::portal::workflow::rating::RatingError;
use crate::server::portal::workflow::WorkflowError;
use axum::{
    extract::{
        rejection::{JsonRejection, PathRejection, QueryRejection},
        FromRequest, FromRequestParts, Path, Query, RawPathParams, Request,
    },
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
};
use serde::{de::DeserializeOwned, Deserialize};
use std::ops::RangeInclusive;

/// Why the portal did not answer a request with what it asked for.
#[derive(Debug, thiserror::Error)]
pub enum Rejection {
    /// The query string does not parse into the operation's parameters (wrong type, unknown
    /// enum value, a number too large for its type, a repeated parameter).
    #[error("{}", .0.body_text())]
    Query(#[from] QueryRejection),
    /// A path segment does not parse (e.g. it is not valid UTF-8 once percent-decoded).
    #[error("{}", .0.body_text())]
    Path(#[from] PathRejection),
    /// A number parsed but is outside the range the document declares for it.
    #[error("`{name}` must be between {} and {}", .range.start(), .range.end())]
    OutOfRange { name: &'static str, range: RangeInclusive<u32> },
    /// No procedure has the requested code.
    #[error("no procedure has this code")]
    NoSuchProcedure,
    /// No operation lives at this path.
    #[error("no such endpoint")]
    NoSuchEndpoint,
    /// A path segment no draft, file, dossier or token can be (it holds a control character).
    #[error("nothing has this id")]
    NothingThere,
    /// The path exists but not with this method (the `Allow` header lists the right ones).
    #[error("this endpoint does not accept that method")]
    MethodNotAllowed,
    /// The request body is not the operation's JSON (or too large, or of another type).
    #[error("{}", .0.body_text())]
    Body(#[from] JsonRejection),
    /// The body is JSON but not an object (every operation's body is one), or not the object
    /// the operation takes.
    #[error("the body must be a JSON object of the operation's schema: {0}")]
    NotItsObject(String),
    /// The procedure exists but cannot be applied for online (online level 2).
    #[error("this procedure cannot be applied for online")]
    NotOnline,
    /// A draft was not found, or a save was refused, or storage failed.
    #[error("{0}")]
    Draft(#[from] DraftError),
    /// A submission was refused (incomplete), found nothing, or failed.
    #[error("{0}")]
    Submit(#[from] SubmitError),
    /// No postal quote for what was asked (an unknown commune).
    #[error("{0}")]
    Delivery(#[from] DeliveryError),
    /// A document was refused, not found, or storage failed.
    #[error("{0}")]
    Attachment(#[from] AttachmentError),
    /// A dossier action was refused (illegal, bad input), found nothing, or failed.
    #[error("{0}")]
    Workflow(#[from] WorkflowError),
    /// A rating was refused (not yet, already given, out of range), found nothing, or failed.
    #[error("{0}")]
    Rating(#[from] RatingError),
    /// The officer API without a known bearer token.
    #[error("this needs an officer's bearer token")]
    Unauthorized,
    /// A known token without the right for this operation.
    #[error("this token does not allow this operation")]
    Forbidden,
    /// Too many lookups of one dossier code, from wherever they came: wait `retry_after`.
    #[error("too many attempts for this dossier code; try again later")]
    TooMany { retry_after: std::time::Duration },
}

impl Rejection {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            // axum's own status: 400 for anything a client sent; a 500 only for a route whose
            // pattern lacks the parameter its handler reads, which is this server's bug.
            Rejection::Query(e) => (e.status(), "bad_request"),
            Rejection::Path(e) if e.status().is_client_error() => (e.status(), "bad_request"),
            Rejection::Path(e) => (e.status(), "internal_error"),
            Rejection::OutOfRange { .. } => (StatusCode::BAD_REQUEST, "bad_request"),
            Rejection::NoSuchProcedure | Rejection::NoSuchEndpoint | Rejection::NothingThere => {
                (StatusCode::NOT_FOUND, "not_found")
            }
            Rejection::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Rejection::Body(e) => match e.status() {
                s @ (StatusCode::PAYLOAD_TOO_LARGE | StatusCode::UNSUPPORTED_MEDIA_TYPE) => (s, "bad_body"),
                _ => (StatusCode::BAD_REQUEST, "bad_request"),
            },
            Rejection::NotItsObject(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Rejection::NotOnline => (StatusCode::CONFLICT, "not_online"),
            Rejection::Draft(DraftError::NotFound | DraftError::NoSuchSection) => (StatusCode::NOT_FOUND, "not_found"),
            Rejection::Draft(DraftError::Invalid(_)) => (StatusCode::BAD_REQUEST, "bad_request"),
            Rejection::Draft(DraftError::Submitted) => (StatusCode::CONFLICT, "submitted"),
            Rejection::Submit(SubmitError::NotFound) => (StatusCode::NOT_FOUND, "not_found"),
            Rejection::Submit(SubmitError::Incomplete(_)) => (StatusCode::UNPROCESSABLE_ENTITY, "incomplete"),
            Rejection::Submit(SubmitError::Busy | SubmitError::NotKept) => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            Rejection::Submit(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
            Rejection::Draft(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
            Rejection::Delivery(e @ DeliveryError::UnknownCommune(_)) => (e.status(), "unknown_commune"),
            Rejection::Attachment(e) => super::attachments::status_and_code(e),
            Rejection::Workflow(e) => (e.status(), e.code()),
            Rejection::Rating(e) => e.status_and_code(),
            Rejection::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Rejection::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            Rejection::TooMany { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_requests"),
        }
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        if let Rejection::Submit(SubmitError::Incomplete(incomplete)) = self {
            // Says what is missing, so a client can lead the person to it.
            let body = to_safe_json(&incomplete);
            return (StatusCode::UNPROCESSABLE_ENTITY, [(header::CONTENT_TYPE, "application/json")], body)
                .into_response();
        }
        let (status, code) = self.status_and_code();
        let retry_after = match &self {
            Rejection::TooMany { retry_after } => Some(retry_after.as_secs().max(1)),
            _ => None,
        };
        // A failure of ours: the details go to the log, the client is told to try again later
        // (a database message is nobody's business outside).
        let message = if status.is_server_error() {
            tracing::error!(error = %self, "the portal failed");
            "the portal failed; try again in a few minutes".to_string()
        } else {
            self.to_string()
        };
        let error = ApiError { code: code.into(), message };
        let mut response = (status, [(header::CONTENT_TYPE, "application/json")], error.to_safe_json()).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            // RFC 6750: say which scheme would do.
            response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Parameters whose numbers have declared bounds to enforce after parsing.
pub trait Bounded {
    fn check(&self) -> Result<(), Rejection>;
}

/// Refuses `value` when it is given and outside `range`.
pub(super) fn within(name: &'static str, value: Option<u32>, range: RangeInclusive<u32>) -> Result<(), Rejection> {
    match value {
        Some(v) if !range.contains(&v) => Err(Rejection::OutOfRange { name, range }),
        _ => Ok(()),
    }
}

impl Bounded for SearchQuery {
    fn check(&self) -> Result<(), Rejection> {
        within("page", self.page, 1..=SearchQuery::MAX_PAGE)?;
        within("per_page", self.per_page, 1..=SearchQuery::MAX_PER_PAGE)
    }
}

/// Query of `GET /portal/v1/procedures/popular`. The declared bounds are literals (utoipa reads
/// no constants); a test checks they are [`PopularQuery::MAX_LIMIT`].
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PopularQuery {
    /// How many to return (default 8).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u32>,
}

impl PopularQuery {
    pub const DEFAULT_LIMIT: u32 = 8;
    pub const MAX_LIMIT: u32 = 50;
}

impl Bounded for PopularQuery {
    fn check(&self) -> Result<(), Rejection> {
        within("limit", self.limit, 1..=PopularQuery::MAX_LIMIT)
    }
}

/// The citizen's language, for `?lang=` on a submission.
#[derive(Clone, Copy, Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LangParam {
    Vi,
    En,
}

impl From<LangParam> for crate::i18n::Lang {
    fn from(l: LangParam) -> Self {
        match l {
            LangParam::Vi => crate::i18n::Lang::Vi,
            LangParam::En => crate::i18n::Lang::En,
        }
    }
}

/// Query of `POST /portal/v1/drafts/{id}/submit`.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubmitQuery {
    /// The citizen's language (`vi`, the default, or `en`): messages about the dossier use it.
    #[param(inline)]
    pub lang: Option<LangParam>,
}

/// Query of `PUT /portal/v1/drafts/{id}/sections/{section}`.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SaveQuery {
    /// The procedure whose form the page belongs to: when given, a draft for another procedure
    /// is not changed and the answer is 404, as for no draft. Spares a front end the read it
    /// would otherwise make first to check.
    #[param(max_length = 64)]
    pub procedure: Option<String>,
}

impl Bounded for SaveQuery {
    fn check(&self) -> Result<(), Rejection> {
        Ok(())
    }
}

impl Bounded for SubmitQuery {
    fn check(&self) -> Result<(), Rejection> {
        Ok(())
    }
}

/// The query string, parsed and within its declared bounds; otherwise a JSON 400.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned + Bounded,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        let Query(value) = Query::<T>::from_request_parts(parts, state).await?;
        value.check()?;
        Ok(ApiQuery(value))
    }
}

/// The path parameters, parsed; otherwise a JSON 400.
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        let Path(value) = Path::<T>::from_request_parts(parts, state).await?;
        // No id, code or token of this portal holds a control character; PostgreSQL refuses a
        // NUL in a text parameter (a 500), so such a segment names nothing here.
        if let Ok(raw) = RawPathParams::from_request_parts(parts, state).await {
            if raw.iter().any(|(_, v)| v.chars().any(char::is_control)) {
                return Err(Rejection::NothingThere);
            }
        }
        Ok(ApiPath(value))
    }
}

/// A JSON answer that may echo what someone typed (a draft's answers): written with
/// [`to_safe_json`], so no byte of it is markup. To the front end in this process, the value
/// itself ([`carried`]).
pub struct SafeJson<T>(pub T);

impl<T: serde::Serialize + Send + 'static> IntoResponse for SafeJson<T> {
    fn into_response(self) -> Response {
        if carried::caller_in_process() {
            return carried::response(self.0);
        }
        ([(header::CONTENT_TYPE, "application/json")], to_safe_json(&self.0)).into_response()
    }
}

/// A JSON body of the operation's type; otherwise the JSON error (400, 413 or 415).
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Rejection> {
        // Read as a JSON value first: serde takes a struct from an array too (`[null]` became a
        // withdrawal without a reason), and the document declares only objects.
        let axum::Json(value) = axum::Json::<serde_json::Value>::from_request(req, state).await?;
        if !value.is_object() {
            return Err(Rejection::NotItsObject("not an object".into()));
        }
        serde_json::from_value(value).map(ApiJson).map_err(|e| Rejection::NotItsObject(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::IntoParams;

    /// utoipa takes the declared bounds as literals: this keeps them equal to what is enforced.
    #[test]
    fn declared_bounds_are_the_enforced_ones() {
        let bounds = |params: Vec<utoipa::openapi::path::Parameter>, name: &str| {
            let p = params.into_iter().find(|p| p.name == name).unwrap();
            let schema = serde_json::to_value(p.schema).unwrap();
            (schema["minimum"].as_u64(), schema["maximum"].as_u64())
        };
        let search = || SearchQuery::into_params(|| None);
        assert_eq!(bounds(search(), "page"), (Some(1), Some(SearchQuery::MAX_PAGE.into())));
        assert_eq!(bounds(search(), "per_page"), (Some(1), Some(SearchQuery::MAX_PER_PAGE.into())));
        let popular = PopularQuery::into_params(|| None);
        assert_eq!(bounds(popular, "limit"), (Some(1), Some(PopularQuery::MAX_LIMIT.into())));
    }

    #[test]
    fn numbers_are_refused_exactly_outside_their_bounds() {
        let popular = |limit| PopularQuery { limit: Some(limit) }.check().is_ok();
        assert_eq!([0, 1, 50, 51].map(popular), [false, true, true, false]);
        let per_page = |n| SearchQuery { per_page: Some(n), ..SearchQuery::default() }.check().is_ok();
        assert_eq!([0, 1, 100, 101].map(per_page), [false, true, true, false]);
        let page = |n| SearchQuery { page: Some(n), ..SearchQuery::default() }.check().is_ok();
        assert_eq!([0, 1, SearchQuery::MAX_PAGE, SearchQuery::MAX_PAGE + 1].map(page), [false, true, true, false]);
        assert!(SearchQuery::default().check().is_ok(), "nothing given is fine");
    }
}
