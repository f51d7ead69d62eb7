//! `GET /track/{token}/return`: change how the result comes back, check then confirm. The form is
//! the apply journey's return page (its declaration and controls); its answers are kept between
//! the steps in a short-lived cookie scoped to this page (`RETURN_COOKIE`), checked here with the
//! form's rules to show errors or the confirmation (the new method, address and postal fee quoted
//! again), and stored only when confirmed (`server::track`, `PUT …/return` on the portal).

use super::actions::{status_url, with_status, BackToStatus};
use crate::apply::question::{field, label_of};
use crate::components::form::{ErrorSummary, FieldError, SummaryList, SummaryRow};
use crate::components::PageHead;
use crate::i18n::{t, use_lang};
use crate::portal::client::encode_component;
use crate::portal::delivery::fields;
use crate::portal::draft::SectionAnswers;
use crate::portal::form::{validate, InputError, ProcedureForm};
use crate::portal::types::Province;
use crate::portal::workflow::DossierStatus;
use leptos::prelude::*;

/// The answers between "check" and "confirm": base64url of their JSON, for 15 minutes.
pub const RETURN_COOKIE: &str = "track_return";
pub const RETURN_COOKIE_SECONDS: u32 = 15 * 60;

pub fn return_url(token: &str) -> String {
    format!("/track/{}/return", encode_component(token))
}

#[cfg(feature = "ssr")]
pub fn encode_answers(answers: &SectionAnswers) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(answers).unwrap_or_default())
}

#[cfg(feature = "ssr")]
pub fn decode_answers(cookie: &str) -> Option<SectionAnswers> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cookie).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// What the page shows: the form (with the errors of a check), or the confirmation.
// Rendered on the server only: the browser build just compiles the route.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
#[derive(Clone)]
struct Loaded {
    token: String,
    status: DossierStatus,
    form: ProcedureForm,
    province: Option<Province>,
    answers: Option<SectionAnswers>,
    check: bool,
}

#[component]
pub fn ReturnPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let check = query.get("check").is_some();
    with_status(move |token, status| {
        #[cfg(feature = "ssr")]
        {
            let client = expect_context::<crate::portal::PortalClient>();
            let answers = crate::cookie::from_request(RETURN_COOKIE).and_then(|v| decode_answers(&v));
            view! {
                <Suspense fallback=|| ()>
                    {Suspend::new(async move {
                        let (form, province) =
                            futures::join!(client.form(&status.procedure_code), client.province());
                        match form {
                            Ok(full) => {
                                let full = std::sync::Arc::unwrap_or_clone(full);
                                let pages = full.pages.into_iter().filter(|p| p.id == fields::PAGE).collect();
                                let form = ProcedureForm { pages, ..full };
                                let province = province.ok().map(std::sync::Arc::unwrap_or_clone);
                                page(Loaded { token, status, form, province, answers, check }).into_any()
                            }
                            Err(e) => view! {
                                <crate::components::ErrorNotice error=crate::error::AppError::from(e)/>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            }
            .into_any()
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = (token, status, check);
            ().into_any()
        }
    })
}

#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn page(l: Loaded) -> AnyView {
    let lang = use_lang();
    if !l.status.status.return_changeable(l.status.tracking_number.is_some()) {
        return view! {
            <PageHead title=t("return-title") robots_noindex=true/>
            <BackToStatus token=l.token.clone()/>
            <h1 class="text-2xl font-bold">{t("return-title")}</h1>
            <div class="notice mt-6" role="status"><p>{t("return-too-late")}</p></div>
            <p class="mt-6"><a class="button" href=status_url(&l.token)>{t("track-back")}</a></p>
        }
        .into_any();
    }
    let ctx = crate::apply::journey::context(l.province.as_ref());
    let errors: Vec<InputError> = match (&l.answers, l.check) {
        (Some(answers), true) => validate(&l.form, answers, &ctx).errors,
        _ => Vec::new(),
    };
    if l.check && errors.is_empty() {
        if let Some(answers) = l.answers.clone() {
            return confirmation(&l, answers).into_any();
        }
    }
    let answers = l.answers.clone().unwrap_or_else(|| {
        let method = match l.status.return_method {
            crate::portal::dossier::ReturnMethod::Post => fields::BY_POST,
            crate::portal::dossier::ReturnMethod::Counter => "counter",
        };
        SectionAnswers::from([(fields::METHOD.to_string(), vec![method.to_string()])])
    });
    let summary: Vec<FieldError> = errors
        .iter()
        .map(|e| FieldError {
            field_id: e.input.clone(),
            message: format!("{}: {}", label_of(&l.form, &e.input, lang), e.error.message(lang)),
        })
        .collect();
    let controls = l
        .form
        .pages
        .iter()
        .flat_map(|p| p.fields.iter())
        .map(|f| field(f, &answers, &errors, lang, l.province.as_ref()))
        .collect_view();
    view! {
        <PageHead title=t("return-title") robots_noindex=true failed=!errors.is_empty()/>
        <BackToStatus token=l.token.clone()/>
        <ErrorSummary errors=summary/>
        <p class="text-slate-700 break-all">{l.status.dossier_code.clone()}</p>
        <h1 class="text-2xl font-bold">{t("return-title")}</h1>
        <dl class="summary-list mt-4">
            <div class="summary-row">
                <dt class="summary-key">{t("return-now")}</dt>
                <dd>{l.status.return_address.clone()}</dd>
            </div>
        </dl>
        <form method="post" action=return_url(&l.token) novalidate="" autocomplete="off" class="mt-6">
            {controls}
            <button type="submit" class="button mt-8">{t("return-check")}</button>
        </form>
    }
    .into_any()
}

/// The checked answers, the new fee, and the one button that stores them.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn confirmation(l: &Loaded, answers: SectionAnswers) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    let first = |name: &str| answers.get(name).and_then(|v| v.first()).cloned().unwrap_or_default();
    let visible = crate::portal::form::visible_fields(&l.form, &answers);
    let unit_name = |code: String| {
        l.province.as_ref().and_then(|p| p.units.iter().find(|u| u.code == code)).map_or(code, |u| u.name.clone())
    };
    let rows: Vec<SummaryRow> = l
        .form
        .pages
        .iter()
        .flat_map(|p| p.fields.iter())
        .filter(|f| visible.get(f.id.as_str()).copied().unwrap_or(false))
        .filter_map(|f| {
            let value = match f.kind {
                crate::portal::form::FieldKind::Address => {
                    let part = |p: &str| first(&format!("{}.{p}", f.id));
                    vec![part("street"), unit_name(part("commune"))]
                }
                _ => {
                    let v = first(&f.id);
                    let label = f.options.iter().find(|o| o.value == v).map(|o| o.label.get(en).to_string());
                    let yes_no = match v.as_str() {
                        crate::portal::form::YES => Some(lang.t("form-yes")),
                        crate::portal::form::NO => Some(lang.t("form-no")),
                        _ => None,
                    };
                    vec![label.or(yes_no).unwrap_or(v)]
                }
            };
            let value: Vec<String> = value.into_iter().filter(|v| !v.is_empty()).collect();
            (!value.is_empty()).then(|| SummaryRow {
                key: f.label.get(en).to_string(),
                value,
                change_href: Some(format!("{}#{}", return_url(&l.token), f.id)),
            })
        })
        .collect();
    let by_post = first(fields::METHOD) == fields::BY_POST;
    let commune = first(fields::COMMUNE);
    let originals = first(fields::ORIGINALS) == crate::portal::form::YES;
    #[cfg(feature = "ssr")]
    let fee = by_post.then(|| {
        let client = expect_context::<crate::portal::PortalClient>();
        view! {
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    client.postal_fee(&commune, originals).await.ok()
                        .map(|quote| view! { <crate::apply::delivery::Fee quote/> })
                })}
            </Suspense>
        }
    });
    #[cfg(not(feature = "ssr"))]
    let fee = {
        let _ = (by_post, commune, originals);
        None::<()>
    };
    view! {
        <PageHead title=t("return-confirm-title") robots_noindex=true/>
        <a href=return_url(&l.token) class="back-link">{t("return-change-answers")}</a>
        <p class="text-slate-700 break-all">{l.status.dossier_code.clone()}</p>
        <h1 class="text-2xl font-bold">{t("return-confirm-title")}</h1>
        <div class="mt-4"><SummaryList rows/></div>
        {fee}
        <form method="post" action=format!("{}/confirm", return_url(&l.token)) class="mt-8">
            <button type="submit" class="button">{t("return-confirm")}</button>
        </form>
    }
}
