//! How a procedure is summed up wherever it is listed: name, code, sector, level, time, fee.

use crate::i18n::{num, t, use_lang, Lang};
use crate::portal::types::{ImplementingLevel, OnlineLevel, ProcedureSummary, ProcessingTime, TimeUnit};
use leptos::prelude::*;

#[component]
pub fn ProcedureCard(procedure: ProcedureSummary, #[prop(optional)] heading_level: u8) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    let href = format!("/procedures/{}", procedure.code);
    let name = procedure.name.get(en).to_string();
    let link = view! { <a href=href class="card-link">{name}</a> };
    let heading = if heading_level == 2 {
        view! { <h2 class="text-lg font-semibold leading-snug">{link}</h2> }.into_any()
    } else {
        view! { <h3 class="text-lg font-semibold leading-snug">{link}</h3> }.into_any()
    };
    let levels = procedure.levels.iter().map(|l| level_name(lang, *l)).collect::<Vec<_>>().join(", ");
    view! {
        <article class="card">
            {heading}
            <p class="mt-1 text-sm text-slate-700">
                <span>{procedure.sector.name.get(en).to_string()}</span>
                " · " <span>{levels}</span>
                " · " <span>{t("procedure-code")} " " <span class="font-mono">{procedure.code.clone()}</span></span>
            </p>
            <p class="mt-2 flex flex-wrap items-center gap-2 text-sm">
                <OnlineLevelBadge level=procedure.online_level/>
                {procedure.processing_time.map(|time| view! {
                    <span class="chip">{t("card-time")} " " <ProcessingTimeText time/></span>
                })}
                {procedure.free.then(|| view! { <span class="chip">{t("card-free")}</span> })}
            </p>
        </article>
    }
}

pub fn level_name(lang: Lang, level: ImplementingLevel) -> String {
    lang.t(match level {
        ImplementingLevel::Province => "level-province",
        ImplementingLevel::Commune => "level-commune",
    })
}

pub fn online_level_name(lang: Lang, level: OnlineLevel) -> String {
    lang.t(match level {
        OnlineLevel::Information => "online-level-2",
        OnlineLevel::Partial => "online-level-3",
        OnlineLevel::Full => "online-level-4",
    })
}

#[component]
pub fn OnlineLevelBadge(level: OnlineLevel) -> impl IntoView {
    let class = match level {
        OnlineLevel::Full => "badge badge-full",
        OnlineLevel::Partial => "badge badge-partial",
        OnlineLevel::Information => "badge badge-info",
    };
    view! { <span class=class>{online_level_name(use_lang(), level)}</span> }
}

/// "5 ngày làm việc", "trong ngày", "8 working hours".
#[component]
pub fn ProcessingTimeText(time: ProcessingTime) -> impl IntoView {
    let lang = use_lang();
    let text = if time.amount <= 0.0 {
        lang.t("time-same-day")
    } else {
        let key = match time.unit {
            TimeUnit::WorkingDays => "time-working-days",
            TimeUnit::Days => "time-days",
            TimeUnit::WorkingHours => "time-working-hours",
        };
        lang.t_with(key, &[("count", num(time.amount))])
    };
    view! { <span>{text}</span> }
}
