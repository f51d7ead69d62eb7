//! Header, footer, skip link and the language switch around every page.

use crate::i18n::{query_with_lang, t, use_lang, Lang};
use crate::site::use_site;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let site = use_site();
    let lang = use_lang();
    view! {
        <a href="#main" class="skip-link">{t("skip-to-content")}</a>
        <header class="border-t-4 border-red-700 bg-blue-900 text-white">
            <div class="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
                <a href="/" class="group flex items-center gap-3 rounded text-white no-underline">
                    <svg aria-hidden="true" viewBox="0 0 24 24" class="h-9 w-9 shrink-0">
                        <circle cx="12" cy="12" r="12" fill="#b91c1c"/>
                        <path fill="#facc15" d="M12 4.5l1.9 5.6h5.9l-4.8 3.5 1.8 5.7L12 15.8l-4.8 3.5 1.8-5.7-4.8-3.5h5.9z"/>
                    </svg>
                    <span class="leading-tight">
                        <span class="block text-base font-bold group-hover:underline">{t("site-name")}</span>
                        <span class="block text-sm text-blue-100">
                            {lang.t_with("site-province", &[("province", crate::i18n::text(site.province_name.clone()))])}
                        </span>
                    </span>
                </a>
                <nav aria-label=t("nav-label") class="flex items-center gap-4 text-sm">
                    <a href="/procedures" class="text-white underline-offset-4 hover:underline">{t("nav-find")}</a>
                    <LangSwitch/>
                </nav>
            </div>
        </header>
        <main id="main" tabindex="-1" class="mx-auto max-w-5xl px-4 pb-12 pt-6">{children()}</main>
        <footer class="border-t border-slate-200 bg-white">
            <div class="mx-auto max-w-5xl space-y-1 px-4 py-6 text-sm text-slate-700">
                <p class="font-semibold">{site.service_centre(lang).to_string()}</p>
                <p>
                    {t("footer-help")} " "
                    <a href=format!("tel:{}", site.support_phone.replace(' ', "")) class="font-semibold">
                        {site.support_phone.clone()}
                    </a>
                </p>
                <p>{t("footer-hours")}</p>
                <super::ForgetThisBrowser/>
            </div>
        </footer>
    }
}

/// A plain link to the same page in the other language: works without JavaScript and keeps
/// the search the citizen typed. The link is the query alone (`?q=…&lang=en`), which a browser
/// resolves against the page's own URL: a path such as `//evil.example/x` can never turn it
/// into a link to another site.
#[component]
fn LangSwitch() -> impl IntoView {
    let other = match use_lang() {
        Lang::Vi => Lang::En,
        Lang::En => Lang::Vi,
    };
    let href = query_with_lang(&use_location().search.get_untracked(), other);
    view! {
        <a id="lang-switch" href=href hreflang=other.code() lang=other.code()
            class="rounded border border-white/70 px-2 py-1 text-white no-underline hover:bg-white hover:text-blue-900">
            {t("lang-switch")}
        </a>
    }
}
