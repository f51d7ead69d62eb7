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
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The route's `:token`.
pub(crate) fn route_token() -> String {
    use_params_map().get_untracked().get("token").unwrap_or_default()
}

/// Loads the receipt the route's `:token` opens and renders it with `render`; a token that
/// opens nothing (malformed, expired, forged, unknown) is the one "not found" page. The dossier
/// joins this device's list.
pub fn with_receipt<V: IntoView + 'static>(render: impl FnOnce(Receipt) -> V + Send + 'static) -> impl IntoView {
    crate::apply::no_store();
    let token = route_token();
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
                        Ok(receipt) => {
                            device::remember_on_page(&receipt.tracking_token);
                            render(receipt).into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=AppError::from(e)/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}
