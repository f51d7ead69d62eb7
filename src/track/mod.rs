//! Journey 3, track: what happened to a dossier. For now `/track/{token}` shows what the receipt
//! states (code, procedure, received, due date) and that the dossier was received; the full
//! progress page builds on it. The token is the signed link of the receipt's QR code.

pub mod actions;
pub mod delivery;
pub mod rating;
pub mod supplement;
pub mod withdraw;

use crate::components::{ErrorNotice, PageHead};
use crate::error::AppError;
use crate::i18n::{t, use_lang};
use crate::portal::dossier::Receipt;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Loads the receipt the route's `:token` opens and renders it with `render`; a token that
/// opens nothing (malformed, expired, forged, unknown) is the one "not found" page.
pub fn with_receipt<V: IntoView + 'static>(render: impl FnOnce(Receipt) -> V + Send + 'static) -> impl IntoView {
    crate::apply::no_store();
    let token = use_params_map().get_untracked().get("token").unwrap_or_default();
    // Receipts are read on the server only (the portal's dossier API is the server's); the
    // browser build keeps the route table compiling.
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (render, token);
        view! { <ErrorNotice error=AppError::NotFound/> }
    }
    #[cfg(feature = "ssr")]
    {
        let client = expect_context::<crate::portal::PortalClient>();
        view! {
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match client.receipt_by_token(&token).await {
                        Ok(receipt) => render(receipt).into_any(),
                        Err(e) => view! { <ErrorNotice error=AppError::from(e)/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

/// `GET /track/{token}`.
#[component]
pub fn TrackPage() -> impl IntoView {
    with_receipt(|r| {
        let en = use_lang().is_english();
        let due = Receipt::local_date(&r.due_at);
        view! {
            <PageHead title=format!("{} {}", t("track-title"), r.dossier_code) robots_noindex=true/>
            <p class="text-slate-700">{t("track-title")}</p>
            <h1 class="text-2xl font-bold break-all">{r.dossier_code.clone()}</h1>
            <p class="mt-1 text-lg">{r.procedure_name.get(en).to_string()}</p>
            <dl class="summary-list mt-6">
                <div class="summary-row">
                    <dt class="summary-key">{t("track-status")}</dt>
                    <dd><span class="tag tag-done">{t("track-status-received")}</span></dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{t("receipt-received-at")}</dt>
                    <dd>{Receipt::local_time(&r.received_at)}</dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{t("receipt-due")}</dt>
                    <dd>{due} {r.due_provisional.then(|| format!(" ({})", t("receipt-due-provisional")))}</dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{t("receipt-agency")}</dt>
                    <dd>{r.agency.get(en).to_string()}</dd>
                </div>
            </dl>
            <p class="mt-6">{t("track-more-soon")}</p>
        }
    })
}
