//! Journey 2, apply. Until online filing opens here, `/apply/{code}` tells the citizen honestly
//! how to submit this procedure today instead of leaving the call to action dead.

use crate::components::PageHead;
use crate::find::{procedure_description, WithProcedure};
use crate::i18n::{t, use_lang};
use crate::portal::types::Procedure;
use crate::site::use_site;
use leptos::prelude::*;

#[component]
pub fn ApplyNotYetOnline() -> impl IntoView {
    view! { <WithProcedure render=not_yet_online/> }
}

fn not_yet_online(p: Procedure) -> AnyView {
    let site = use_site();
    let lang = use_lang();
    let en = lang.is_english();
    let name = p.name.get(en).to_string();
    let agency = p.agency.get(en).to_string();
    view! {
        <PageHead title=format!("{} – {name}", t("apply-title")) description=procedure_description(lang, &p) bare=true/>
        <h1 class="text-2xl font-bold">{t("apply-title")}</h1>
        <p class="mt-1 text-lg">{name}</p>
        <div class="notice mt-4" role="status">
            <p>{t("apply-not-yet")}</p>
            <p class="mt-2">{t("apply-meanwhile")} " " <strong>{agency}</strong></p>
            <p class="mt-2">{t("footer-help")} " " <strong>{site.support_phone}</strong></p>
        </div>
        <p class="mt-4">
            <a class="button-secondary" href=format!("/procedures/{}#documents", p.code)>{t("apply-back")}</a>
        </p>
    }
    .into_any()
}
