//! What a citizen sees when something is missing or broken: plain words and a next step,
//! never a stack trace or a blank page.

use super::PageHead;
use crate::error::{mark_incomplete, set_status, AppError};
use crate::i18n::t;
use leptos::prelude::*;

/// A whole page for an error, with the right HTTP status.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    set_status(error.status());
    let (title_key, body_key) = error.message_keys();
    let title = t(title_key);
    view! {
        <PageHead title=title.clone() robots_noindex=true/>
        <div class="notice notice-error" role="alert">
            <h1 class="text-2xl font-bold">{title}</h1>
            <p class="mt-2">{t(body_key)}</p>
            <p class="mt-4 flex flex-wrap gap-3">
                {error.retryable().then(|| view! {
                    // A plain link reloads the same URL, so nothing typed in the URL is lost.
                    <a href="" class="button">{t("error-retry")}</a>
                })}
                <a href="/" class="button-secondary">{t("error-home")}</a>
                <a href="/procedures" class="button-secondary">{t("error-search")}</a>
            </p>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorNotice error=AppError::NotFound/> }
}

/// A small inline notice for a part of a page that could not load while the rest did.
#[component]
pub fn PortalProblem() -> impl IntoView {
    mark_incomplete();
    view! {
        <p class="notice notice-warning" role="status">{t("error-part-unavailable")}</p>
    }
}
