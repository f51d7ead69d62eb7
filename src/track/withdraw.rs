//! `GET /track/{token}/withdraw`: what withdrawing means, an optional reason, and the one button
//! that asks for it (`POST`, `server::track`), then back to the status page. A dossier that can no
//! longer be withdrawn says so instead of showing the form.

use super::actions::{status_url, with_status, BackToStatus};
use crate::components::form::TextField;
use crate::components::PageHead;
use crate::i18n::t;
use crate::portal::client::encode_component;
use crate::portal::workflow::{DossierStatus, Status};
use leptos::prelude::*;

/// Longest reason taken (the portal's limit on a note).
pub const MAX_REASON_CHARS: usize = 2000;

#[component]
pub fn WithdrawPage() -> impl IntoView {
    with_status(page)
}

fn page(token: String, status: DossierStatus) -> impl IntoView {
    let back = status_url(&token);
    let body = if status.status.withdrawable() {
        view! {
            <div class="notice notice-warning mt-6">
                <p>{t("withdraw-what-it-means")}</p>
            </div>
            <form method="post" action=format!("/track/{}/withdraw", encode_component(&token)) autocomplete="off" class="mt-6">
                <TextField id="reason".into() label=t("withdraw-reason") value=String::new()
                    hint=t("withdraw-reason-hint") rows=4 maxlength=MAX_REASON_CHARS/>
                <div class="mt-6 flex flex-wrap items-center gap-4">
                    <button type="submit" class="button">{t("withdraw-confirm")}</button>
                    <a href=back.clone()>{t("withdraw-cancel")}</a>
                </div>
            </form>
        }
        .into_any()
    } else {
        let why = if status.status == Status::WithdrawalRequested { "withdraw-already" } else { "withdraw-too-late" };
        view! {
            <div class="notice mt-6" role="status"><p>{t(why)}</p></div>
            <p class="mt-6"><a class="button" href=back.clone()>{t("track-back")}</a></p>
        }
        .into_any()
    };
    view! {
        <PageHead title=t("withdraw-title") robots_noindex=true/>
        <BackToStatus token=token.clone()/>
        <p class="text-slate-700 break-all">{status.dossier_code.clone()}</p>
        <h1 class="text-2xl font-bold">{t("withdraw-title")}</h1>
        {body}
    }
}
