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
    let filters_view = show_filters.then(|| {
        let sector_options = filters
            .into_iter()
            .map(|s| {
                let selected = s.sector.code == sector;
                view! {
                    <option value=s.sector.code.clone() selected=selected>
                        {format!("{} ({})", s.sector.name.get(en), s.procedures)}
                    </option>
                }
            })
            .collect_view();
        let level_options = ImplementingLevel::ALL
            .into_iter()
            .map(|l| view! { <option value=l.as_str() selected=query.level == Some(l)>{level_name(lang, l)}</option> })
            .collect_view();
        let online_options = OnlineLevel::ALL
            .into_iter()
            .rev()
            .map(|l| {
                view! {
                    <option value=l.number().to_string() selected=query.online_level == Some(l)>
                        {online_level_name(lang, l)}
                    </option>
                }
            })
            .collect_view();
        view! {
            <fieldset class="mt-4 grid gap-3 sm:grid-cols-3">
                <legend class="sr-only">{t("filters-legend")}</legend>
                <div>
                    <label for="sector" class="label">{t("filter-sector")}</label>
                    <select id="sector" name="sector" class="select">
                        <option value="">{t("filter-any-sector")}</option>
                        {sector_options}
                    </select>
                </div>
                <div>
                    <label for="level" class="label">{t("filter-level")}</label>
                    <select id="level" name="level" class="select">
                        <option value="">{t("filter-any-level")}</option>
                        {level_options}
                    </select>
                </div>
                <div>
                    <label for="online_level" class="label">{t("filter-online")}</label>
                    <select id="online_level" name="online_level" class="select">
                        <option value="">{t("filter-any-online")}</option>
                        {online_options}
                    </select>
                </div>
            </fieldset>
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
