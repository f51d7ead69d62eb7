//! The only island of the find journey: it makes the server-rendered results follow the search
//! box as the citizen types. It renders nothing of its own and carries no strings — it fetches
//! the same server-rendered results page and swaps the live regions in, so there is one way to
//! render results and the page is complete without it.

use leptos::prelude::*;

#[island(lazy)]
pub fn LiveSearch(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let (on_input, on_submit) = browser::handlers();
    #[cfg(not(feature = "hydrate"))]
    let (on_input, on_submit) = (|_: leptos::ev::Event| {}, |_: leptos::ev::SubmitEvent| {});
    // Marks the region once the island is live (effects run only in the browser), so tests and
    // styles can tell a hydrated search from the plain form.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! {
        <div on:input=on_input on:submit=on_submit data-ready=move || ready.get().then_some("true")>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use std::{cell::Cell, rc::Rc, time::Duration};
    use wasm_bindgen::JsCast;
    use web_sys::{Document, DomParser, Event, HtmlFormElement, SubmitEvent, SupportedType, UrlSearchParams};

    /// Long enough not to fetch on every keystroke of a fast typist, short enough to feel live.
    const DEBOUNCE: Duration = Duration::from_millis(250);
    /// The search parameters the results page understands; anything else in the form is ignored.
    const PARAMS: [&str; 4] = ["q", "sector", "level", "online_level"];

    pub fn handlers() -> (impl Fn(Event) + Clone + 'static, impl Fn(SubmitEvent) + Clone + 'static) {
        // Each refresh gets a number; a slow answer to an older one is dropped, never shown.
        let latest = Rc::new(Cell::new(0u32));
        let timer: Rc<Cell<Option<TimeoutHandle>>> = Rc::new(Cell::new(None));
        let on_input = {
            let (latest, timer) = (latest.clone(), timer.clone());
            move |ev: Event| {
                let Some(form) = form_of(&ev) else { return };
                if let Some(pending) = timer.take() {
                    pending.clear();
                }
                let latest = latest.clone();
                let handle = set_timeout_with_handle(move || refresh(form, latest), DEBOUNCE).ok();
                timer.set(handle);
            }
        };
        let on_submit = move |ev: SubmitEvent| {
            let Some(form) = form_of(&ev) else { return };
            ev.prevent_default();
            if let Some(pending) = timer.take() {
                pending.clear();
            }
            refresh(form, latest.clone());
        };
        (on_input, on_submit)
    }

    fn form_of(ev: &Event) -> Option<HtmlFormElement> {
        let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
        target.closest("form").ok()??.dyn_into().ok()
    }

    fn refresh(form: HtmlFormElement, latest: Rc<Cell<u32>>) {
        let ticket = latest.get().wrapping_add(1);
        latest.set(ticket);
        let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
        let Ok(params) = UrlSearchParams::new() else { return };
        for name in PARAMS {
            if let Some(value) = data.get(name).as_string().filter(|v| !v.trim().is_empty()) {
                params.append(name, &value);
            }
        }
        let url = format!("/procedures?{}", String::from(params.to_string()));
        leptos::task::spawn_local(async move {
            let Some(html) = fetch(&url).await else {
                // The page still works as a plain form: fall back to a normal navigation.
                let _ = window().location().set_href(&url);
                return;
            };
            if latest.get() != ticket {
                return;
            }
            swap_live_regions(&html);
            // Replace, not push: typing must not fill the back button with every keystroke.
            let _ =
                window().history().and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)));
        });
    }

    async fn fetch(url: &str) -> Option<String> {
        let resp = gloo_net::http::Request::get(url).send().await.ok()?;
        if !resp.ok() {
            return None;
        }
        resp.text().await.ok()
    }

    /// Replaces every `[data-live]` element with its namesake from the fetched page.
    fn swap_live_regions(html: &str) {
        let Ok(parser) = DomParser::new() else { return };
        let Ok(fresh) = parser.parse_from_string(html, SupportedType::TextHtml) else { return };
        let current: Document = document();
        let Ok(regions) = current.query_selector_all("[data-live]") else { return };
        for i in 0..regions.length() {
            let Some(region) = regions.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            if let Some(replacement) = fresh.get_element_by_id(&region.id()) {
                region.set_inner_html(&replacement.inner_html());
            }
        }
        current.set_title(&fresh.title());
        // The language switch links to this page's query: the new search's, not the first one's.
        let switch = |doc: &Document| doc.get_element_by_id("lang-switch");
        if let (Some(old), Some(new)) = (switch(&current), switch(&fresh)) {
            if let Some(href) = new.get_attribute("href") {
                let _ = old.set_attribute("href", &href);
            }
        }
    }
}
