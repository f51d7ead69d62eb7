//! Journey 2, apply: the start page, one page per question group of the procedure's e-form,
//! and "check your answers", all rendered on the server from the draft the portal keeps; the
//! forms post to plain handlers (`server::apply`) that save, then redirect here (POST → 303 →
//! GET). While online filing is closed (`apply_online`), or for a procedure that cannot be filed
//! online, `/apply/{code}` says honestly how to submit it today.

mod check;
pub mod delivery;
pub mod documents;
pub mod file_slot;
pub mod journey;
mod keep_typing;
pub mod question;
mod receipt;
pub(crate) mod session;
mod start;
mod tasks;
#[cfg(feature = "hydrate")]
mod upload_browser;
mod upload_island;

pub use check::CheckPage;
pub use documents::{DocumentsPage, DocumentsSummary};
pub use question::QuestionPage;
pub use receipt::ReceiptPage;
pub use session::no_store;
pub use start::{ApplyStart, ResumePage};
pub use tasks::{TasksLink, TasksPage};

use crate::components::PageHead;
use crate::find::procedure_description;
use crate::i18n::{t, use_lang};
use crate::portal::types::Procedure;
use crate::site::use_site;
use leptos::prelude::*;

pub(crate) fn not_yet_online(p: Procedure) -> AnyView {
    let site = use_site();
    let lang = use_lang();
    let en = lang.is_english();
    let name = p.name.get(en).to_string();
    let agency = p.agency.get(en).to_string();
    view! {
        <PageHead title=format!("{} – {name}", t("apply-title")) description=procedure_description(lang, &p) bare=true/>
        <h1 class="text-2xl font-bold">{t("apply-title")}</h1>
        <p class="mt-1 text-lg">{name}</p>
        <div class="notice mt-4" role="status">
            <p>{t("apply-not-yet")}</p>
            <p class="mt-2">{t("apply-meanwhile")} " " <strong>{agency}</strong></p>
            <p class="mt-2">{t("footer-help")} " " <strong>{site.support_phone}</strong></p>
        </div>
        <p class="mt-4">
            <a class="button-secondary" href=format!("/procedures/{}#documents", p.code)>{t("apply-back")}</a>
        </p>
    }
    .into_any()
}
