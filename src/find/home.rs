//! `GET /`: one obvious search box, the most used procedures, and the sectors to browse.

use super::SearchForm;
use crate::components::{PageHead, PortalProblem, ProcedureCard};
use crate::i18n::{num, t, use_lang};
use crate::portal::{types::SearchQuery, PortalClient};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let client = expect_context::<PortalClient>();
    let lang = use_lang();
    let en = lang.is_english();
    let load = async move { futures::join!(client.popular(8), client.sectors()) };
    view! {
        <PageHead title=t("site-name") description=t("home-description") bare=true/>
        <section class="hero">
            <h1 class="text-2xl font-bold sm:text-3xl">{t("home-title")}</h1>
            <p class="mt-2 text-slate-700">{t("home-lead")}</p>
            <div class="mt-4"><SearchForm query=SearchQuery::default() big=true/></div>
        </section>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let (popular, sectors) = load.await;
                view! {
                    <section class="mt-8" aria-labelledby="popular-heading">
                        <h2 id="popular-heading" class="section-title">{t("home-popular")}</h2>
                        {match popular {
                            Ok(items) => view! {
                                <ul class="mt-3 grid gap-3 sm:grid-cols-2">
                                    {items.into_iter().map(|p| view! { <li><ProcedureCard procedure=p/></li> }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(_) => view! { <PortalProblem/> }.into_any(),
                        }}
                    </section>
                    <section class="mt-8" aria-labelledby="sectors-heading">
                        <h2 id="sectors-heading" class="section-title">{t("home-sectors")}</h2>
                        {match sectors {
                            Ok(sectors) => view! {
                                <ul class="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                                    {sectors.into_iter().map(|s| view! {
                                        <li>
                                            <a class="sector-link" href=format!("/procedures?sector={}", s.sector.code)>
                                                <span>{s.sector.name.get(en).to_string()}</span>
                                                <span class="shrink-0 whitespace-nowrap text-sm text-slate-600">
                                                    {lang.t_with("home-sector-count", &[("count", num(s.procedures))])}
                                                </span>
                                            </a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(_) => view! { <PortalProblem/> }.into_any(),
                        }}
                    </section>
                }
            })}
        </Suspense>
    }
}
