//! `GET /track/{token}/rate`: the satisfaction rating (Decree 61/2018 art. 31), once, after
//! completion. The time taken against the legal limit is worked out from the dates and shown, not
//! asked; three indicators scored 2/1/0, two satisfaction questions, an optional comment, as
//! GOV.UK radios. A form with answers missing comes back (POST → 303 → GET) with an error summary
//! and what was chosen, kept in a short-lived cookie of this page (`RATING_COOKIE`). Once rated,
//! the page shows the stored rating.

use super::actions::{status_url, with_status, BackToStatus};
use crate::components::form::{Choice, ErrorSummary, FieldError, Radios, SummaryList, SummaryRow, TextField};
use crate::components::PageHead;
use crate::i18n::{t, use_lang, Lang};
use crate::portal::client::encode_component;
use crate::portal::draft::SectionAnswers;
use crate::portal::rating::{Rating, RatingView, Satisfaction, MAX_COMMENT_CHARS, SATISFACTION, SCORED};
use leptos::prelude::*;

/// The answers of a form sent with some missing, for 15 minutes.
pub const RATING_COOKIE: &str = "track_rating";

pub fn rate_url(token: &str) -> String {
    format!("/track/{}/rate", encode_component(token))
}

/// The questions not answered, by name, in the form's order.
pub fn unanswered(answers: &SectionAnswers) -> Vec<&'static str> {
    let given = |name: &str| answers.get(name).and_then(|v| v.first()).is_some_and(|v| !v.trim().is_empty());
    SCORED.into_iter().chain(SATISFACTION).filter(|name| !given(name)).collect()
}

#[component]
pub fn RatePage() -> impl IntoView {
    let check = leptos_router::hooks::use_query_map().get_untracked().get("check").is_some();
    with_status(move |token, _status| {
        #[cfg(feature = "ssr")]
        {
            let client = expect_context::<crate::portal::PortalClient>();
            let kept = crate::cookie::from_request(RATING_COOKIE).and_then(|v| super::delivery::decode_answers(&v));
            view! {
                <Suspense fallback=|| ()>
                    {Suspend::new(async move {
                        match client.rating(&token).await {
                            Ok(view) => page(&token, view, kept.unwrap_or_default(), check).into_any(),
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
            let _ = (token, check);
            ().into_any()
        }
    })
}

fn time_text(lang: Lang, score: u8) -> String {
    lang.t(&format!("rate-time-{score}"))
}

/// The labels of a scored indicator's answers, best first (values 2, 1, 0).
fn scored_choices(lang: Lang, name: &str) -> Vec<Choice> {
    [2, 1, 0]
        .into_iter()
        .map(|v| Choice { value: v.to_string(), label: lang.t(&format!("rate-{name}-{v}")), hint: None })
        .collect()
}

fn satisfaction_choices(lang: Lang) -> Vec<Choice> {
    Satisfaction::ALL
        .into_iter()
        .map(|s| Choice { value: s.code().into(), label: lang.t(&format!("rate-{}", s.code())), hint: None })
        .collect()
}

#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn page(token: &str, view: RatingView, kept: SectionAnswers, check: bool) -> AnyView {
    let lang = use_lang();
    let head = |title: String, failed: bool| {
        view! { <PageHead title robots_noindex=true failed/> <BackToStatus token=token.to_string()/> }
    };
    if let Some(rating) = view.rating {
        return view! {
            {head(t("rate-title"), false)}
            <h1 class="text-2xl font-bold">{t("rate-thanks")}</h1>
            <p class="mt-2">{t("rate-stored")}</p>
            <div class="mt-6"><SummaryList rows=stored_rows(lang, &rating)/></div>
            <p class="mt-6"><a class="button" href=status_url(token)>{t("track-back")}</a></p>
        }
        .into_any();
    }
    let Some(time) = view.time.filter(|_| view.open) else {
        return view! {
            {head(t("rate-title"), false)}
            <h1 class="text-2xl font-bold">{t("rate-title")}</h1>
            <div class="notice mt-6" role="status"><p>{t("rate-not-yet")}</p></div>
        }
        .into_any();
    };
    let missing = if check { unanswered(&kept) } else { Vec::new() };
    let error_of = |name: &str| missing.contains(&name).then(|| lang.t("rate-error-missing"));
    let summary: Vec<FieldError> = missing
        .iter()
        .map(|name| FieldError {
            field_id: name.to_string(),
            message: lang.t(&format!("rate-{name}")) + ": " + &lang.t("rate-error-missing"),
        })
        .collect();
    let chosen = |name: &str| kept.get(name).and_then(|v| v.first()).cloned().unwrap_or_default();
    let scored = SCORED
        .into_iter()
        .map(|name| {
            view! {
                <Radios name=name.to_string() legend=lang.t(&format!("rate-{name}")) choices=scored_choices(lang, name)
                    selected=chosen(name) error=error_of(name).unwrap_or_default()/>
            }
        })
        .collect_view();
    let feelings = SATISFACTION
        .into_iter()
        .map(|name| {
            view! {
                <Radios name=name.to_string() legend=lang.t(&format!("rate-{name}")) choices=satisfaction_choices(lang)
                    selected=chosen(name) error=error_of(name).unwrap_or_default()/>
            }
        })
        .collect_view();
    view! {
        {head(t("rate-title"), !missing.is_empty())}
        <ErrorSummary errors=summary/>
        <h1 class="text-2xl font-bold">{t("rate-title")}</h1>
        <p class="mt-2">{t("rate-lead")}</p>
        <dl class="summary-list mt-6">
            <div class="summary-row">
                <dt class="summary-key">{t("rate-time")}</dt>
                <dd>{time_text(lang, time)}</dd>
            </div>
        </dl>
        <form method="post" action=rate_url(token) novalidate="" autocomplete="off" class="mt-6">
            {scored}
            {feelings}
            <TextField id="comment".into() label=t("rate-comment") value=chosen("comment")
                hint=t("rate-comment-hint") rows=4 maxlength=MAX_COMMENT_CHARS/>
            <button type="submit" class="button mt-8">{t("rate-send")}</button>
        </form>
    }
    .into_any()
}

fn stored_rows(lang: Lang, rating: &Rating) -> Vec<SummaryRow> {
    let row = |key: String, value: String| SummaryRow { key, value: vec![value], change_href: None };
    let a = &rating.answers;
    let mut rows = vec![row(lang.t("rate-time"), time_text(lang, rating.time))];
    for (name, score) in SCORED.into_iter().zip([a.contacts, a.offices, a.attitude]) {
        rows.push(row(lang.t(&format!("rate-{name}")), lang.t(&format!("rate-{name}-{score}"))));
    }
    for (name, feeling) in SATISFACTION.into_iter().zip([a.ease, a.overall]) {
        rows.push(row(lang.t(&format!("rate-{name}")), lang.t(&format!("rate-{}", feeling.code()))));
    }
    if let Some(comment) = &a.comment {
        rows.push(row(lang.t("rate-comment"), comment.clone()));
    }
    rows
}
