//! How the result is received, beside the `return` page's questions: the one-stop counter
//! (name, address, hours) above the choice, and the postal fee once delivery by post to a
//! commune has been saved. Both come from the portal (`/counter`, `/postal-fee`), so a real
//! portal's counter and VNPost prices show here unchanged. Rendered on the server from the
//! saved draft: after "Save and continue" (or "Change") the page shows them without JavaScript.

use super::session::Application;
use crate::i18n::{format_vnd, t, text, use_lang};
use crate::portal::delivery::{fields, Counter, PostalQuote};
use crate::portal::form::YES;
use leptos::prelude::*;

/// What the saved answers ask of the post: the commune and whether the originals go too;
/// `None` unless delivery by post to a commune was chosen.
fn by_post(app: &Application) -> Option<(String, bool)> {
    let answers = app.draft.all_answers();
    let first = |name: &str| answers.get(name).and_then(|v| v.first()).map(|v| v.trim().to_string());
    if first(fields::METHOD).as_deref() != Some(fields::BY_POST) {
        return None;
    }
    let commune = first(fields::COMMUNE).filter(|c| !c.is_empty())?;
    // Only when the form asks it: a procedure without originals has nothing to send back.
    let originals = app.form.field(fields::ORIGINALS).is_some() && first(fields::ORIGINALS).as_deref() == Some(YES);
    Some((commune, originals))
}

/// What the portal says, loaded together; a part it could not give is left out of the page
/// (the choice itself still works).
#[cfg(feature = "ssr")]
async fn load(post: Option<(String, bool)>, counter: bool) -> (Option<Counter>, Option<PostalQuote>) {
    let client = expect_context::<crate::portal::PortalClient>();
    let quote = async {
        match &post {
            Some((commune, originals)) => client.postal_fee(commune, *originals).await.ok(),
            None => None,
        }
    };
    let counter = async {
        match counter {
            true => client.counter().await.ok(),
            false => None,
        }
    };
    futures::join!(counter, quote)
}

#[cfg(not(feature = "ssr"))]
async fn load(_: Option<(String, bool)>, _: bool) -> (Option<Counter>, Option<PostalQuote>) {
    (None, None)
}

/// On the `return` page, above its questions: the counter, and the fee of what was saved.
#[component]
pub fn ReturnIntro(app: Application) -> impl IntoView {
    let post = by_post(&app);
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let (counter, quote) = load(post, true).await;
                view! {
                    {counter.map(|c| view! { <CounterBlock counter=c/> })}
                    {quote.map(|q| view! { <Fee quote=q/> })}
                }
            })}
        </Suspense>
    }
}

/// On "check your answers": where the result will be collected, or what the post costs.
#[component]
pub fn DeliverySummary(app: Application) -> impl IntoView {
    let post = by_post(&app);
    let answers = app.draft.all_answers();
    let at_counter = answers.get(fields::METHOD).and_then(|v| v.first()).is_some_and(|m| m.trim() == "counter");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let (counter, quote) = load(post, at_counter).await;
                view! {
                    {counter.map(|c| view! { <CounterBlock counter=c/> })}
                    {quote.map(|q| view! { <Fee quote=q/> })}
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CounterBlock(counter: Counter) -> impl IntoView {
    let en = use_lang().is_english();
    view! {
        <section class="notice mt-4" aria-labelledby="counter-heading" data-counter="">
            <h2 id="counter-heading" class="font-semibold">{t("apply-counter-title")}</h2>
            <p class="mt-1">{counter.name.get(en).to_string()}</p>
            <p class="mt-1">{t("apply-counter-address")} ": " {counter.address}</p>
            <p class="mt-1">{t("apply-counter-hours")} ": " {counter.hours.get(en).to_string()}</p>
        </section>
    }
}

#[component]
pub fn Fee(quote: PostalQuote) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    let key = if quote.reference { "apply-postal-fee-reference" } else { "apply-postal-fee" };
    let fee = lang.t_with(key, &[("fee", text(format_vnd(quote.fee_vnd)))]);
    let originals = if quote.originals_by_post { t("apply-postal-fee-originals") } else { String::new() };
    let to = lang.t_with("apply-postal-fee-to", &[("commune", text(quote.commune.name.clone()))]) + &originals;
    view! {
        <section class="notice mt-4" role="status" data-postal-fee="">
            <p class="font-semibold">{fee}</p>
            <p class="mt-1">{to}</p>
            <p class="hint mt-1">{quote.description.get(en).to_string()}</p>
        </section>
    }
}
