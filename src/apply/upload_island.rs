//! The island around a document slot's upload form. Without JavaScript the form is a plain
//! multipart POST (several files at once, refused or kept one by one, 303 back to the page). With
//! it, choosing files starts their upload at once, one request per file, each on its own row with
//! a progress bar: a photo larger than a screen needs is first made smaller in the browser (a
//! phone's 12-megapixel photo becomes a few hundred kilobytes, which matters on weak 4G), and a
//! file refused or cut off says why on its row and can be retried or dropped without touching the
//! others. When nothing is left uploading, the slot's list of stored files is fetched again from
//! the server, so what the page lists (with its Remove forms) is always the server's truth.

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

// The server only renders the island: the rows and their states live in the browser.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl UploadWords {
    /// The sentence for a refusal code; an unknown code is said as a failure to save.
    pub fn refusal(&self, code: &str) -> String {
        let find = |c: &str| self.refusals.chunks(2).find(|p| p[0] == c).and_then(|p| p.get(1).cloned());
        find(code).or_else(|| find("failed")).unwrap_or_default()
    }
}

/// Where one file of a batch is.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
pub enum RowState {
    Waiting,
    /// Being made smaller, then sent (the bar's value is set by the upload's progress events:
    /// no float is ever formatted, which would add its code to the wasm).
    Uploading,
    Done,
    /// Not kept, with the reason in words.
    Failed(String),
}

/// One chosen file, shown until the server's list shows it.
#[derive(Clone)]
pub struct Row {
    pub id: u32,
    pub name: String,
    pub state: RwSignal<RowState>,
}

#[island]
pub fn UploadSlot(words: UploadWords, index: u32, children: Children) -> impl IntoView {
    let rows = RwSignal::new(Vec::<Row>::new());
    let root = NodeRef::<leptos::html::Div>::new();
    let words = StoredValue::new(words);
    #[cfg(feature = "hydrate")]
    let (on_change, on_submit) = super::upload_browser::handlers(root, index, rows, words);
    #[cfg(not(feature = "hydrate"))]
    let (on_change, on_submit) = (|_: leptos::ev::Event| {}, |_: leptos::ev::SubmitEvent| {});
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! {
        <div node_ref=root on:change=on_change on:submit=on_submit
            data-upload=move || ready.get().then_some("ready")>
            {children()}
            <ul class="upload-rows mt-2" aria-live="polite">
                // Rows come and go a batch at a time: redrawn as a list, no keyed diffing needed.
                {move || rows.get().into_iter().map(|row| view! { <RowView row index rows words root/> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn RowView(
    row: Row,
    index: u32,
    rows: RwSignal<Vec<Row>>,
    words: StoredValue<UploadWords>,
    root: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let name_id = format!("upload-{index}-{}", row.id);
    let name = row.name.clone();
    let state = row.state;
    let status = move || {
        words.with_value(|w| match state.get() {
            RowState::Waiting => w.waiting.clone(),
            RowState::Uploading => w.uploading.clone(),
            RowState::Done => w.uploaded.clone(),
            RowState::Failed(why) => why,
        })
    };
    let progress = {
        let name_id = name_id.clone();
        move || match state.get() {
            // Without a value the bar is indeterminate: the photo is being made smaller.
            RowState::Uploading => Some(view! {
                <progress class="block w-full mt-1" max="1" id=format!("{name_id}-bar") aria-labelledby=name_id.clone()></progress>
            }),
            _ => None,
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = (rows, root);
    let id = row.id;
    let on_retry = move |_| {
        #[cfg(feature = "hydrate")]
        super::upload_browser::retry(root, index, rows, words, id);
    };
    let on_remove = move |_| {
        #[cfg(feature = "hydrate")]
        super::upload_browser::dismiss(root, rows, id);
    };
    let buttons = {
        let name = name.clone();
        move || {
            matches!(state.get(), RowState::Failed(_)).then(|| {
                let (retry, remove) = words.with_value(|w| (w.retry.clone(), w.remove.clone()));
                let hidden_name = format!(" {name}");
                view! {
                    <span class="flex gap-3 mt-1">
                        <button type="button" class="button-secondary" on:click=on_retry>
                            {retry}<span class="sr-only">{hidden_name.clone()}</span>
                        </button>
                        <button type="button" class="button-secondary" on:click=on_remove>
                            {remove}<span class="sr-only">{hidden_name}</span>
                        </button>
                    </span>
                }
            })
        }
    };
    let failed = move || matches!(state.get(), RowState::Failed(_)).then_some("true");
    let marker = name.clone();
    view! {
        <li class="upload-row py-2" data-upload-row=marker data-failed=failed>
            <span class="font-medium break-all" id=name_id tabindex="-1">{name}</span>
            " "
            <span class="hint" data-upload-status="">{status}</span>
            {progress}
            {buttons}
        </li>
    }
}
