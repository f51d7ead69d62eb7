//! The island around a document slot's upload form. Without JavaScript the form is a plain
//! multipart POST (several files at once, refused or kept one by one, 303 back to the page). With
//! it, choosing files starts their upload at once, one request per file, each on its own row with
//! a progress bar: a photo larger than a screen needs is first made smaller in the browser (a
//! phone's 12-megapixel photo becomes a few hundred kilobytes, which matters on weak 4G), and a
//! file refused or cut off says why on its row and can be retried or dropped without touching the
//! others. When nothing is left uploading, the slot's list of stored files is fetched again from
//! the server, so what the page lists (with its Remove forms) is always the server's truth.
//!
//! The rows are drawn with plain DOM calls rather than Leptos views: every island shares one
//! wasm bundle, and a reactive list with its row views cost the bundle several times as much.

use leptos::prelude::*;

/// The words the island shows; they come from the page (the locale files), never from the wasm.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct UploadWords {
    pub waiting: String,
    pub uploading: String,
    pub uploaded: String,
    /// No answer at all: the connection broke.
    pub offline: String,
    pub retry: String,
    pub remove: String,
    /// The server's refusals as sentences, after their codes: `[code, sentence, code, …]` (a flat
    /// list of strings costs the wasm no more code to read than the strings above).
    pub refusals: Vec<String>,
}

// The server only renders the island: the rows and their words live in the browser.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl UploadWords {
    /// The sentence for a refusal code; an unknown code is said as a failure to save.
    pub fn refusal(&self, code: &str) -> String {
        let find = |c: &str| self.refusals.chunks(2).find(|p| p[0] == c).and_then(|p| p.get(1).cloned());
        find(code).or_else(|| find("failed")).unwrap_or_default()
    }
}

#[island(lazy)]
pub fn UploadSlot(words: UploadWords, index: u32, children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    let (on_change, on_submit) = super::upload_browser::handlers(root, index, words);
    #[cfg(not(feature = "hydrate"))]
    let (on_change, on_submit) = {
        let _ = (words, index);
        (|_: leptos::ev::Event| {}, |_: leptos::ev::SubmitEvent| {})
    };
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! {
        <div node_ref=root on:change=on_change on:submit=on_submit
            data-upload=move || ready.get().then_some("ready")>
            {children()}
            // One row per file while it uploads or after it failed (upload_browser draws them).
            <ul class="upload-rows mt-2" aria-live="polite"></ul>
        </div>
    }
}
