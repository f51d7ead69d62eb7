//! What the citizen's action pages share: the dossier's status loaded through the route's signed
//! token (one "not found" page for every bad token), the way back to the status page, and where
//! each action's form posts (`server::track`).

use crate::components::ErrorNotice;
use crate::error::AppError;
use crate::portal::workflow::DossierStatus;
use leptos::prelude::*;

/// The status page of `token`.
pub fn status_url(token: &str) -> String {
    format!("/track/{}", crate::portal::client::encode_component(token))
}

/// Loads the status the route's `:token` opens and renders it with `render(token, status)`.
/// `no-store`: the page says what the dossier is now, and carries a link that acts on it.
pub fn with_status<V: IntoView + 'static>(
    render: impl FnOnce(String, DossierStatus) -> V + Send + 'static,
) -> impl IntoView {
    crate::apply::no_store();
    let token = super::route_token();
    // Read on the server only (the portal's token API is the server's); the browser build keeps
    // the route table compiling.
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
                    // Only a token-shaped token goes into the page's links.
                    if !crate::portal::dossier::Receipt::is_token_shaped(&token) {
                        return view! { <ErrorNotice error=AppError::NotFound/> }.into_any();
                    }
                    match client.status_by_token(&token).await {
                        Ok(status) => render(token, status).into_any(),
                        Err(e) => view! { <ErrorNotice error=AppError::from(e)/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

/// "Back to your application's status".
#[component]
pub fn BackToStatus(token: String) -> impl IntoView {
    view! { <a href=status_url(&token) class="back-link">{crate::i18n::t("track-back")}</a> }
}
