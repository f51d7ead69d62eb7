//! What the citizen's action pages share: the dossier's status loaded through the route's signed
//! token (one "not found" page for every bad token), the way back to the status page, and where
//! each action's form posts (`server::track`).

use crate::portal::workflow::DossierStatus;
use leptos::prelude::*;

/// The status page of `token`.
pub fn status_url(token: &str) -> String {
    format!("/track/{}", crate::portal::client::encode_component(token))
}

/// Loads the status the route's `:token` opens and renders it with `render(token, status)`
/// (see [`super::with_token`]). `no-store`: the page says what the dossier is now, and carries a
/// link that acts on it.
pub fn with_status<V: IntoView + 'static>(
    render: impl FnOnce(String, DossierStatus) -> V + Send + 'static,
) -> impl IntoView {
    super::with_token(
        |client, token| async move {
            #[cfg(feature = "ssr")]
            {
                client.status_by_token(&token).await
            }
            #[cfg(not(feature = "ssr"))]
            {
                let _ = (client, token);
                Err(crate::portal::PortalError::NotFound)
            }
        },
        render,
    )
}

/// "Back to your application's status".
#[component]
pub fn BackToStatus(token: String) -> impl IntoView {
    view! { <a href=status_url(&token) class="back-link">{crate::i18n::t("track-back")}</a> }
}
