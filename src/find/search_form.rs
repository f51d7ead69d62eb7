//! The one search form: a GET form to `/procedures` that works with no JavaScript at all.

use crate::components::procedure_card::{level_name, online_level_name};
use crate::i18n::{t, use_lang};
use crate::portal::types::{ImplementingLevel, OnlineLevel, SearchQuery, SectorCount};
use leptos::prelude::*;

/// `filters` empty: just the box (home page). Otherwise sector, level and online-level filters.
#[component]
pub fn SearchForm(
    query: SearchQuery,
    #[prop(optional)] filters: Vec<SectorCount>,
    #[prop(optional)] big: bool,
) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    let show_filters = !filters.is_empty();
    let input_class = if big { "search-input search-input-big" } else { "search-input" };
    let sector = query.sector.clone().unwrap_or_default();
    let active = query.sector.is_some() || query.level.is_some() || query.online_level.is_some();
    let filters_view = show_filters.then(|| {
        let sectors = filters
            .into_iter()
            .map(|s| {
                let selected = s.sector.code == sector;
                (s.sector.code, format!("{} ({})", s.sector.name.get(en), s.procedures), selected)
            })
            .collect();
        let levels = ImplementingLevel::ALL
            .into_iter()
            .map(|l| (l.as_str().to_string(), level_name(lang, l), query.level == Some(l)))
            .collect();
        let online = OnlineLevel::ALL
            .into_iter()
            .rev()
            .map(|l| (l.number().to_string(), online_level_name(lang, l), query.online_level == Some(l)))
            .collect();
        view! {
            // Folded by default so a phone shows results first; open when a filter is in use.
            // A native <details> needs no script.
            <details class="filters mt-3" open=active>
                <summary class="filters-summary">{t("filters-legend")}</summary>
            <div class="mt-3 grid gap-3 sm:grid-cols-3">
                <FilterSelect name="sector" label=t("filter-sector") any=t("filter-any-sector") options=sectors/>
                <FilterSelect name="level" label=t("filter-level") any=t("filter-any-level") options=levels/>
                <FilterSelect name="online_level" label=t("filter-online") any=t("filter-any-online") options=online/>
            </div>
            </details>
        }
    });
    view! {
        <form action="/procedures" method="get" role="search" class="search-form">
            <label for="q" class=if big { "label-big" } else { "label" }>{t("search-label")}</label>
            <p id="q-hint" class="hint">{t("search-hint")}</p>
            <div class="mt-2 flex gap-2">
                <input id="q" name="q" type="search" value=query.q.clone() class=input_class
                    aria-describedby="q-hint" autocomplete="off" autocapitalize="off" spellcheck="false"
                    enterkeyhint="search" maxlength="200"/>
                <button type="submit" class="button">{t("search-button")}</button>
            </div>
            {filters_view}
        </form>
    }
}

/// One labelled filter: "any" first, then `(value, label, selected)` options.
#[component]
fn FilterSelect(name: &'static str, label: String, any: String, options: Vec<(String, String, bool)>) -> impl IntoView {
    view! {
        <div>
            <label for=name class="label">{label}</label>
            <select id=name name=name class="select">
                <option value="">{any}</option>
                {options
                    .into_iter()
                    .map(|(value, label, selected)| view! { <option value=value selected=selected>{label}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
