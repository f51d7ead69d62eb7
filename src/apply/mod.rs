//! Journey 2, apply. Until online filing opens here, `/apply/{code}` tells the citizen honestly
//! how to submit this procedure today instead of leaving the call to action dead.

use crate::components::ErrorNotice;
use crate::i18n::{t, text, use_lang};
use crate::portal::PortalClient;
use crate::site::use_site;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ApplyNotYetOnline() -> impl IntoView {
    let client = expect_context::<PortalClient>();
    let code = use_params_map().get_untracked().get("code").unwrap_or_default();
    let site = use_site();
    let en = use_lang().is_english();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match client.procedure(&code).await {
                    Ok(p) => {
                        let name = p.name.get(en).to_string();
                        let description = use_lang().t_with(
                            "procedure-description",
                            &[("name", text(name.clone())), ("agency", text(p.agency.get(en).to_string()))],
                        );
                        view! {
                            <Title text=format!("{} – {name}", t("apply-title"))/>
                            <Meta name="description" content=description/>
                            <h1 class="text-2xl font-bold">{t("apply-title")}</h1>
                            <p class="mt-1 text-lg">{name}</p>
                            <div class="notice mt-4" role="status">
                                <p>{t("apply-not-yet")}</p>
                                <p class="mt-2">{t("apply-meanwhile")} " " <strong>{p.agency.get(en).to_string()}</strong></p>
                                <p class="mt-2">{t("footer-help")} " " <strong>{site.support_phone.clone()}</strong></p>
                            </div>
                            <p class="mt-4">
                                <a class="button-secondary" href=format!("/procedures/{}#documents", p.code)>{t("apply-back")}</a>
                            </p>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e.into()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
