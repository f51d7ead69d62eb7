//! "Remove my details from this browser": for a browser shared at a service centre, which the
//! next resident uses without anyone closing it. The form posts to `server::tracking`'s
//! `/forget`, which empties what this site keeps in the browser; the page after says what it did,
//! and what only closing the browser removes.

use super::PageHead;
use crate::apply::no_store;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The procedure of an apply page's path (`/apply/{code}/…`), whose draft cookie is named by it.
fn apply_code(path: &str) -> Option<String> {
    let code = path.strip_prefix("/apply/")?.split('/').next()?;
    (!code.is_empty() && code != "resume" && code != "receipt").then(|| code.to_string())
}

/// The form: a quiet one in every page's footer, a visible one where a visit usually ends (the
/// receipt). Without JavaScript it is a plain POST.
#[component]
pub fn ForgetThisBrowser(
    #[prop(optional)] prominent: bool,
    /// The procedure whose draft cookie to name, where the path does not say it (the receipt).
    #[prop(optional, into)]
    code: Option<String>,
) -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    // Not again on the page that says it is done; the receipt offers it in its own body.
    if path == "/forgotten" || (!prominent && path.starts_with("/apply/receipt/")) {
        return ().into_any();
    }
    // Named, its cookie goes even where the browser ignores Clear-Site-Data (plain HTTP).
    let code = code.or_else(|| apply_code(&path));
    let (class, button) = if prominent { ("mt-4", "button-secondary") } else { ("mt-3", "link-button") };
    view! {
        <form method="post" action="/forget" class=class>
            {code.map(|code| view! { <input type="hidden" name="code" value=code/> })}
            <p class="hint">{t("forget-hint")}</p>
            <button type="submit" class=button>{t("forget-button")}</button>
        </form>
    }
    .into_any()
}

/// `GET /forgotten`: what was removed, what is still safe, and what only the browser can forget.
#[component]
pub fn ForgottenPage() -> impl IntoView {
    no_store();
    view! {
        <PageHead title=t("forgotten-title") robots_noindex=true/>
        <div class="notice notice-success" role="status">
            <h1 class="text-2xl font-bold">{t("forgotten-title")}</h1>
            <p class="mt-2">{t("forgotten-removed")}</p>
        </div>
        <p class="mt-6">{t("forgotten-safe")}</p>
        <p class="mt-4">{t("forgotten-close")}</p>
        <p class="mt-6"><a href="/" class="button">{t("error-home")}</a></p>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_an_application_s_own_pages_name_its_procedure() {
        assert_eq!(super::apply_code("/apply/1.001193/p/child").as_deref(), Some("1.001193"));
        assert_eq!(super::apply_code("/apply/1.001193").as_deref(), Some("1.001193"));
        for path in ["/apply/resume", "/apply/receipt/X", "/track", "/", "/apply/"] {
            assert_eq!(super::apply_code(path), None, "{path}");
        }
    }
}
