//! The island around a question page's form: with JavaScript, what is typed is also kept in the
//! browser until the server has it, and a page sent while the signal is gone is sent again when
//! it returns ("not saved yet" / "will be sent when you are back online", shown quietly). Without
//! it the form is a plain POST, and the server's draft keeps everything that arrived.
//!
//! The copy lives in `sessionStorage`, not `localStorage`: a shared kiosk browser must forget a
//! stranger's answers when it is closed, as it forgets the draft cookie.

use leptos::prelude::*;

/// The words the island shows; they come from the page (the locale files), never from the wasm.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct KeepTypingWords {
    pub unsent: String,
    pub waiting: String,
    pub restored: String,
}

/// A name for a draft that gives nothing of it away (the first 48 bits of its id's SHA-256): the
/// question form's `data-draft`, which keys the copies kept in the browser.
pub fn draft_scope(id: &str) -> String {
    fingerprint(&[id], 6)
}

/// The first `bytes` bytes of the SHA-256 of `parts` (each ended by a NUL), in hex: a name for
/// them that gives nothing of them away. Pages are rendered on the server only (the browser
/// gets the HTML), so the wasm has no use for it and does without the hashing code.
pub fn fingerprint(parts: &[&str], bytes: usize) -> String {
    #[cfg(feature = "ssr")]
    {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        for part in parts {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        crate::server::portal::hex(&hash.finalize()[..bytes.min(32)])
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (parts, bytes);
        String::new()
    }
}

#[island(lazy)]
pub fn KeepTyping(words: KeepTypingWords, children: Children) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    let (on_input, on_submit) = browser::handlers(root, status, words);
    #[cfg(not(feature = "hydrate"))]
    let (on_input, on_submit) = {
        let _ = words;
        (|_: leptos::ev::Event| {}, |_: leptos::ev::SubmitEvent| {})
    };
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! {
        <div node_ref=root on:input=on_input on:submit=on_submit
            data-keep-typing=move || ready.get().then_some("ready")>
            {children()}
            <p class="hint mt-2" role="status" aria-live="polite" data-save-status="">{move || status.get()}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::KeepTypingWords;
    use leptos::prelude::*;
    use std::time::Duration;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{
        Event, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, Storage, SubmitEvent,
        UrlSearchParams,
    };

    /// Between two tries of a page that could not be sent, besides the browser's `online` event
    /// (which some phones never fire).
    const RETRY: Duration = Duration::from_secs(20);
    /// Marks a copy whose "Save and continue" was pressed but never reached the server.
    const PENDING: &str = "pending:";

    pub fn handlers(
        root: NodeRef<leptos::html::Div>,
        status: RwSignal<String>,
        words: KeepTypingWords,
    ) -> (impl Fn(Event) + Clone + 'static, impl Fn(SubmitEvent) + Clone + 'static) {
        let words = StoredValue::new(words);
        // Once the island is live: bring back what this tab typed and the server never got.
        Effect::new(move |_| {
            let Some(form) = root.get().and_then(|div| div.query_selector("form").ok().flatten()) else { return };
            let Ok(form) = form.dyn_into::<HtmlFormElement>() else { return };
            let Some(copy) = storage().and_then(|s| s.get_item(&key(&form)).ok().flatten()) else { return };
            let (pending, body) = copy.strip_prefix(PENDING).map_or((false, copy.as_str()), |b| (true, b));
            restore(&form, body);
            if pending {
                send(form, body.to_string(), status, words);
            } else {
                status.set(words.with_value(|w| w.restored.clone()));
            }
        });
        let on_input = move |ev: Event| {
            let Some(form) = form_of(&ev) else { return };
            if let (Some(s), Some(body)) = (storage(), encoded(&form)) {
                let _ = s.set_item(&key(&form), &body);
            }
            status.set(words.with_value(|w| w.unsent.clone()));
        };
        let on_submit = move |ev: SubmitEvent| {
            let Some(form) = form_of(&ev) else { return };
            let Some(body) = encoded(&form) else { return };
            ev.prevent_default();
            if let Some(s) = storage() {
                let _ = s.set_item(&key(&form), &format!("{PENDING}{body}"));
            }
            send(form, body, status, words);
        };
        (on_input, on_submit)
    }

    /// Posts the page as the plain form would; the server's 303 is followed, and the page it
    /// leads to is opened. No answer at all (no signal): the copy stays, marked to be sent.
    fn send(form: HtmlFormElement, body: String, status: RwSignal<String>, words: StoredValue<KeepTypingWords>) {
        leptos::task::spawn_local(async move {
            let request = gloo_net::http::Request::post(&form.action())
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body.clone());
            match request.map(|r| r.send()) {
                Ok(sending) => match sending.await {
                    Ok(resp) if resp.ok() => {
                        if let Some(s) = storage() {
                            let _ = s.remove_item(&key(&form));
                        }
                        let _ = window().location().assign(&resp.url());
                    }
                    // The server answered with a refusal (too big, gone): let it explain with
                    // the plain form post, which shows its page.
                    Ok(_) => {
                        let _ = form.submit();
                    }
                    Err(_) => wait_for_signal(form, body, status, words),
                },
                Err(_) => {
                    let _ = form.submit();
                }
            }
        });
    }

    fn wait_for_signal(
        form: HtmlFormElement,
        body: String,
        status: RwSignal<String>,
        words: StoredValue<KeepTypingWords>,
    ) {
        status.set(words.with_value(|w| w.waiting.clone()));
        let again = {
            let (form, body) = (form.clone(), body.clone());
            move || {
                // Whichever of the two tries comes second finds the copy gone (sent): done.
                let still_pending = storage()
                    .and_then(|s| s.get_item(&key(&form)).ok().flatten())
                    .is_some_and(|copy| copy.starts_with(PENDING));
                if still_pending {
                    send(form.clone(), body.clone(), status, words);
                }
            }
        };
        let once = Closure::once_into_js(again.clone());
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
            "online",
            once.unchecked_ref(),
            &options,
        );
        set_timeout(again, RETRY);
    }

    fn storage() -> Option<Storage> {
        window().session_storage().ok().flatten()
    }

    /// One copy per page of one application: the form's address names the page, its
    /// `data-draft` the draft (another application begun in this tab never gets its copy).
    fn key(form: &HtmlFormElement) -> String {
        format!("dvc-unsent:{}:{}", form.get_attribute("data-draft").unwrap_or_default(), form.action())
    }

    fn form_of(ev: &Event) -> Option<HtmlFormElement> {
        let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
        target.closest("form").ok()??.dyn_into().ok()
    }

    /// The form as it would be posted (`application/x-www-form-urlencoded`).
    fn encoded(form: &HtmlFormElement) -> Option<String> {
        let data = web_sys::FormData::new_with_form(form).ok()?;
        let params = UrlSearchParams::new_with_str_sequence_sequence(&JsValue::from(data)).ok()?;
        Some(params.to_string().into())
    }

    /// Puts a kept copy back into the form's inputs.
    fn restore(form: &HtmlFormElement, body: &str) {
        let Ok(params) = UrlSearchParams::new_with_str(body) else { return };
        let elements = form.elements();
        for i in 0..elements.length() {
            let Some(el) = elements.item(i) else { continue };
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                let values: Vec<String> = params.get_all(&input.name()).iter().filter_map(|v| v.as_string()).collect();
                match input.type_().as_str() {
                    "checkbox" | "radio" => input.set_checked(values.contains(&input.value())),
                    "hidden" | "file" | "submit" => {}
                    _ => input.set_value(values.first().map_or("", String::as_str)),
                }
            } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                select.set_value(&params.get(&select.name()).unwrap_or_default());
            } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                area.set_value(&params.get(&area.name()).unwrap_or_default());
            }
        }
    }
}
