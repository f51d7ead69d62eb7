//! The one error type pages deal with. It knows the HTTP status to answer with and the words
//! (locale keys) that tell a citizen what happened and what to do.

use crate::portal::PortalError;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    #[error("page not found")]
    NotFound,
    #[error("the portal is unavailable")]
    PortalUnavailable,
    #[error("the portal answered something unexpected")]
    PortalBroken,
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::PortalUnavailable => 503,
            AppError::PortalBroken => 502,
        }
    }

    /// Locale keys of the heading and the explanation.
    pub fn message_keys(&self) -> (&'static str, &'static str) {
        match self {
            AppError::NotFound => ("error-not-found-title", "error-not-found-body"),
            AppError::PortalUnavailable => ("error-unavailable-title", "error-unavailable-body"),
            AppError::PortalBroken => ("error-broken-title", "error-broken-body"),
        }
    }

    /// Whether reloading may help, so the page offers a "try again" link.
    pub fn retryable(&self) -> bool {
        !matches!(self, AppError::NotFound)
    }
}

impl From<PortalError> for AppError {
    fn from(e: PortalError) -> Self {
        match e {
            PortalError::NotFound => AppError::NotFound,
            PortalError::Unavailable(_) => AppError::PortalUnavailable,
            // Pages never ask what could conflict or be incomplete: the form handlers do.
            PortalError::BadResponse(_)
            | PortalError::Conflict
            | PortalError::Incomplete
            | PortalError::TooMany
            | PortalError::Refused { .. } => AppError::PortalBroken,
        }
    }
}

/// Sets the status of the response being rendered (a no-op in the browser).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(status) {
            res.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// Marks the page being rendered as incomplete (part of it could not be loaded from the portal):
/// neither the page cache nor the browser may keep it, so the next visit gets the whole page.
pub fn mark_incomplete() {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));
    }
}
