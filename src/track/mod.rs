//! Journey 3, track: what happened to a dossier, and what its citizen should do next.
//! `/track` finds a dossier by its code and a second factor and lists the dossiers of this
//! device ([`lookup`], [`device`]); `/track/{token}` is its status page ([`status`]), opened by
//! the signed link of the receipt's QR code and of every message the citizen is sent.

pub mod actions;
pub mod delivery;
pub mod device;
mod lookup;
pub mod rating;
pub mod supplement;
pub mod withdraw;
// The status page's parts render on the server only (no island carries them).
#[cfg(feature = "ssr")]
mod next;
mod status;
#[cfg(feature = "ssr")]
mod timeline;

pub use lookup::LookupPage;
pub use status::TrackPage;

use crate::components::ErrorNotice;
use crate::error::AppError;
use crate::portal::dossier::Receipt;
use crate::portal::{PortalClient, PortalError};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The route's `:token`.
pub(crate) fn route_token() -> String {
    use_params_map().get_untracked().get("token").unwrap_or_default()
}

/// Loads what the route's `:token` opens with `load` and renders it with `render(token, it)`.
/// A token that opens nothing (malformed, expired, forged, unknown) is the one "not found" page;
/// only a token-shaped token reaches the portal, or a page's links. What a token opens is read
/// on the server only (the portal's dossier API is the server's): the browser build keeps the
/// route table compiling.
pub fn with_token<T, L, V>(
    load: impl FnOnce(PortalClient, String) -> L + Send + 'static,
    render: impl FnOnce(String, T) -> V + Send + 'static,
) -> impl IntoView
where
    L: std::future::Future<Output = Result<T, PortalError>> + Send + 'static,
    V: IntoView + 'static,
{
    crate::apply::no_store();
    let token = route_token();
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (load, render, token);
        view! { <ErrorNotice error=AppError::NotFound/> }
    }
    #[cfg(feature = "ssr")]
    {
        let client = expect_context::<PortalClient>();
        view! {
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    if !Receipt::is_token_shaped(&token) {
                        return view! { <ErrorNotice error=AppError::NotFound/> }.into_any();
                    }
                    match load(client, token.clone()).await {
                        Ok(it) => render(token, it).into_any(),
                        Err(e) => view! { <ErrorNotice error=AppError::from(e)/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

/// The receipt the route's `:token` opens, rendered with `render` (see [`with_token`]). The
/// dossier joins this device's list.
pub fn with_receipt<V: IntoView + 'static>(render: impl FnOnce(Receipt) -> V + Send + 'static) -> impl IntoView {
    with_token(
        |client, token| async move {
            #[cfg(feature = "ssr")]
            {
                let receipt = client.receipt_by_token(&token).await?;
                device::remember_on_page(&receipt.tracking_token);
                Ok(receipt)
            }
            #[cfg(not(feature = "ssr"))]
            {
                let _ = (client, token);
                Err(PortalError::NotFound)
            }
        },
        |_, receipt| render(receipt),
    )
}
