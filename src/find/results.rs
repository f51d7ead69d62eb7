//! `GET /procedures?q=…&sector=…&level=…&online_level=…&page=…`: ranked results, rendered on
//! the server; the live-search island only refreshes them in place.

use super::{LiveSearch, SearchForm};
use crate::components::{ErrorNotice, IslandScripts, PageHead, ProcedureCard};
use crate::i18n::{num, t, text, use_lang};
use crate::portal::{
    client::{encode_component, search_params},
    input::{clean_text, MAX_SEARCH_CHARS},
    types::{ImplementingLevel, OnlineLevel, SearchPage, SearchQuery},
    PortalClient,
};
use leptos::prelude::*;
use leptos_router::{hooks::use_query_map, params::ParamsMap};

/// Reads the page's query leniently: an unknown filter value is ignored, not an error,
/// because URLs get shared, truncated and edited by hand.
pub fn search_query(params: &ParamsMap) -> SearchQuery {
    let get = |k: &str| params.get(k).filter(|v| !v.trim().is_empty());
    SearchQuery {
        q: get("q").map(|q| clean_text(&q, MAX_SEARCH_CHARS)).unwrap_or_default(),
        sector: get("sector"),
        level: get("level").and_then(|l| ImplementingLevel::parse(&l)),
        online_level: get("online_level")
            .and_then(|l| l.parse::<u8>().ok())
            .and_then(|n| OnlineLevel::try_from(n).ok()),
        page: get("page").and_then(|p| p.parse().ok()).filter(|p| (1..=SearchQuery::MAX_PAGE).contains(p)),
        per_page: None,
    }
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let client = expect_context::<PortalClient>();
    let query = search_query(&use_query_map().get_untracked());
    let load = {
        let query = query.clone();
        async move { futures::join!(client.search(&query), client.sectors()) }
    };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let (page, sectors) = load.await;
                match page {
                    Ok(page) => {
                        // Without sectors the filter is empty: show the results, but not for keeps.
                        if sectors.is_err() {
                            crate::error::mark_incomplete();
                        }
                        view! { <Results query=query.clone() page sectors=sectors.unwrap_or_default()/> }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e.into()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(query: SearchQuery, page: SearchPage, sectors: Vec<crate::portal::types::SectorCount>) -> impl IntoView {
    let lang = use_lang();
    let searched = query.q.trim().to_string();
    let title = if searched.is_empty() {
        t("results-title-all")
    } else {
        lang.t_with("results-title", &[("query", text(searched.clone()))])
    };
    let count = if searched.is_empty() {
        lang.t_with("results-count-all", &[("count", num(page.total))])
    } else {
        lang.t_with("results-count", &[("count", num(page.total)), ("query", text(searched.clone()))])
    };
    let empty = page.items.is_empty();
    let form_query = query.clone();
    let first_rank = (page.page.saturating_sub(1) * page.per_page + 1) as usize;
    view! {
        <PageHead title description=t("results-description")/>
        <h1 class="text-2xl font-bold">{t("results-heading")}</h1>
        <LiveSearch>
            <div class="mt-4"><SearchForm query=form_query filters=sectors/></div>
        </LiveSearch>
        <IslandScripts/>
        <p id="results-count" data-live="" role="status" class="mt-6 font-semibold">{count}</p>
        <div id="results" data-live="" class="mt-3">
            {if empty {
                view! { <NoResults/> }.into_any()
            } else {
                view! {
                    <ol class="space-y-3" start=first_rank>
                        {page.items.clone().into_iter().map(|p| view! { <li><ProcedureCard procedure=p heading_level=2/></li> }).collect_view()}
                    </ol>
                    <Pagination query page/>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn NoResults() -> impl IntoView {
    view! {
        <div class="notice">
            <h2 class="text-lg font-semibold">{t("results-empty-title")}</h2>
            <ul class="mt-2 list-disc space-y-1 pl-5">
                <li>{t("results-empty-spelling")}</li>
                <li>{t("results-empty-fewer")}</li>
                <li>{t("results-empty-filters")}</li>
                <li><a href="/">{t("results-empty-browse")}</a></li>
            </ul>
        </div>
    }
}

/// Previous / next and page numbers as plain links, so paging works without JavaScript.
#[component]
fn Pagination(query: SearchQuery, page: SearchPage) -> impl IntoView {
    let lang = use_lang();
    let pages = page.total.div_ceil(page.per_page.max(1));
    if pages <= 1 {
        return ().into_any();
    }
    let href = move |n: u32| {
        let q = SearchQuery { page: Some(n), ..query.clone() };
        let pairs: Vec<String> =
            search_params(&q).into_iter().map(|(k, v)| format!("{k}={}", encode_component(&v))).collect();
        if pairs.is_empty() {
            "/procedures".to_string()
        } else {
            format!("/procedures?{}", pairs.join("&"))
        }
    };
    let current = page.page;
    let window = (current.saturating_sub(2).max(1))..=((current + 2).min(pages));
    view! {
        <nav aria-label=t("pagination-label") class="mt-6 flex flex-wrap items-center gap-2">
            {(current > 1).then(|| view! { <a class="page-link" rel="prev" href=href(current - 1)>{t("pagination-prev")}</a> })}
            {window.map(|n| if n == current {
                view! { <span class="page-link page-current" aria-current="page">{n}</span> }.into_any()
            } else {
                view! { <a class="page-link" href=href(n) aria-label=lang.t_with("pagination-page", &[("page", num(n))])>{n}</a> }.into_any()
            }).collect_view()}
            {(current < pages).then(|| view! { <a class="page-link" rel="next" href=href(current + 1)>{t("pagination-next")}</a> })}
        </nav>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_filter_values_are_ignored() {
        let mut params = ParamsMap::new();
        params.insert("q", "khai sinh".to_string());
        params.insert("level", "district".to_string());
        params.insert("online_level", "9".to_string());
        params.insert("page", "0".to_string());
        params.insert("sector", "".to_string());
        let q = search_query(&params);
        assert_eq!(q.q, "khai sinh");
        assert_eq!((q.level, q.online_level, q.page, q.sector), (None, None, None, None));
    }
}
