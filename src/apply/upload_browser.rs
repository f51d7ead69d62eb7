//! The browser half of [`super::upload_island::UploadSlot`]: shrinking photos, sending each file
//! with `XMLHttpRequest` (fetch cannot report upload progress), and refreshing the slot's list.
//! Plain web-sys calls only, and JSON read with the browser's own `JSON.parse`: every island
//! shares one wasm bundle, which every page with an island downloads.

use super::upload_island::{Row, RowState, UploadWords};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, DomParser, Event, File, HtmlCanvasElement, HtmlFormElement, HtmlInputElement, HtmlProgressElement,
    ImageBitmap, ImageBitmapOptions, ImageOrientation, ProgressEvent, SubmitEvent, SupportedType, XmlHttpRequest,
};

/// Long edge of a photo as sent: enough to read any document photographed whole.
const MAX_EDGE: u32 = 2000;
/// An image under the long edge but heavier than this is re-encoded too (a PNG of a photo).
const MAX_BYTES_AS_IS: f64 = 3.0 * 1024.0 * 1024.0;
const JPEG_QUALITY: f64 = 0.85;

thread_local! {
    /// The chosen files by row id, kept for a retry until the row goes (a few at most: a list).
    static FILES: RefCell<Vec<(u32, File)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

type Root = NodeRef<leptos::html::Div>;

pub fn handlers(
    root: Root,
    slot: u32,
    rows: RwSignal<Vec<Row>>,
    words: StoredValue<UploadWords>,
) -> (impl Fn(Event) + Clone + 'static, impl Fn(SubmitEvent) + Clone + 'static) {
    // Files start as soon as they are chosen, so the form's own button would only send nothing.
    Effect::new(move |_| {
        if let Some(button) = root.get().and_then(|r| r.query_selector("button[type=submit]").ok().flatten()) {
            let _ = button.set_attribute("hidden", "");
        }
    });
    let on_change = move |ev: Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if input.type_() == "file" {
            start(root, slot, rows, words, &input);
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        let Some(input) = file_input(root) else { return };
        // No file chosen: the plain post, whose page says so.
        if input.files().is_some_and(|f| f.length() > 0) {
            ev.prevent_default();
            start(root, slot, rows, words, &input);
        }
    };
    (on_change, on_submit)
}

fn file_input(root: Root) -> Option<HtmlInputElement> {
    root.get()?.query_selector("input[type=file]").ok()??.dyn_into().ok()
}

/// A row per chosen file, then the files one after another (a weak connection shared by several
/// uploads finishes none of them sooner).
fn start(root: Root, slot: u32, rows: RwSignal<Vec<Row>>, words: StoredValue<UploadWords>, input: &HtmlInputElement) {
    let Some(list) = input.files() else { return };
    let mut batch = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        let id = NEXT_ID.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        batch.push(Row { id, name: file.name(), state: RwSignal::new(RowState::Waiting) });
        FILES.with(|f| f.borrow_mut().push((id, file)));
    }
    // Emptied, so the same file can be chosen again and a form post would not resend these.
    input.set_value("");
    let sends: Vec<_> = batch.iter().map(|row| (row.id, row.state)).collect();
    rows.update(|r| r.extend(batch));
    leptos::task::spawn_local(async move {
        for (id, state) in sends {
            send_row(root, slot, id, state, words).await;
        }
        settle(slot, rows).await;
    });
}

pub fn retry(root: Root, slot: u32, rows: RwSignal<Vec<Row>>, words: StoredValue<UploadWords>, id: u32) {
    let Some(state) = rows.with_untracked(|r| r.iter().find(|x| x.id == id).map(|x| x.state)) else { return };
    // The button goes with the failure: keep the focus on the row it belonged to.
    focus(root, &format!("#upload-{slot}-{id}"));
    leptos::task::spawn_local(async move {
        send_row(root, slot, id, state, words).await;
        settle(slot, rows).await;
    });
}

pub fn dismiss(root: Root, rows: RwSignal<Vec<Row>>, id: u32) {
    forget(id);
    rows.update(|r| r.retain(|x| x.id != id));
    focus(root, "input[type=file]");
}

fn focus(root: Root, selector: &str) {
    let found = root.get().and_then(|r| r.query_selector(selector).ok().flatten());
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

fn forget(id: u32) {
    FILES.with(|f| f.borrow_mut().retain(|(x, _)| *x != id));
}

async fn send_row(root: Root, slot: u32, id: u32, state: RwSignal<RowState>, words: StoredValue<UploadWords>) {
    let Some(file) = FILES.with(|f| f.borrow().iter().find(|(x, _)| *x == id).map(|(_, file)| file.clone())) else {
        return;
    };
    let Some(action) = root.get().and_then(|r| r.query_selector("form").ok().flatten()) else { return };
    let Ok(form) = action.dyn_into::<HtmlFormElement>() else { return };
    state.set(RowState::Uploading);
    let (blob, name) = match shrink(&file).await {
        Some(smaller) => smaller,
        None => (file.clone().into(), file.name()),
    };
    let outcome = post(&form.action(), &blob, &name, &format!("#upload-{slot}-{id}-bar")).await;
    state.set(match outcome {
        Outcome::Stored => RowState::Done,
        Outcome::Refused(code) => RowState::Failed(words.with_value(|w| w.refusal(&code))),
        Outcome::Offline => RowState::Failed(words.with_value(|w| w.offline.clone())),
    });
}

/// Nothing left to send: the slot's stored files as the server lists them, and the rows they
/// now show dropped. Rows that failed stay, with their buttons.
async fn settle(slot: u32, rows: RwSignal<Vec<Row>>) {
    let busy = rows.with_untracked(|r| {
        r.iter().any(|x| matches!(x.state.get_untracked(), RowState::Waiting | RowState::Uploading))
    });
    if busy || !rows.with_untracked(|r| r.iter().any(|x| x.state.get_untracked() == RowState::Done)) {
        return;
    }
    if refresh(slot).await.is_some() {
        rows.update(|r| {
            r.retain(|x| {
                let done = x.state.get_untracked() == RowState::Done;
                if done {
                    forget(x.id);
                }
                !done
            })
        });
    }
}

/// Swaps in the page's fresh list of the slot's files and the total used.
async fn refresh(slot: u32) -> Option<()> {
    let path = window().location().pathname().ok()?;
    let resp = gloo_net::http::Request::get(&path).send().await.ok()?;
    if !resp.ok() {
        return None;
    }
    let html = resp.text().await.ok()?;
    let fresh = DomParser::new().ok()?.parse_from_string(&html, SupportedType::TextHtml).ok()?;
    for id in [format!("slot-{slot}-files"), "documents-used".to_string()] {
        if let (Some(old), Some(new)) = (document().get_element_by_id(&id), fresh.get_element_by_id(&id)) {
            old.set_inner_html(&new.inner_html());
        }
    }
    Some(())
}

/// A JPEG or PNG photo larger than needed, drawn at a 2000 px long edge and encoded as JPEG; the
/// file itself when it is small already, not an image, or the browser cannot decode it (then the
/// server judges it as it came).
async fn shrink(file: &File) -> Option<(Blob, String)> {
    let kind = file.type_();
    if kind != "image/jpeg" && kind != "image/png" {
        return None;
    }
    let options = ImageBitmapOptions::new();
    // Upright as the phone's camera meant it (EXIF orientation), or a portrait page lies down.
    options.set_image_orientation(ImageOrientation::FromImage);
    let decoding = window().create_image_bitmap_with_blob_and_image_bitmap_options(file, &options).ok()?;
    let bitmap: ImageBitmap = JsFuture::from(decoding).await.ok()?.dyn_into().ok()?;
    let (w, h) = (bitmap.width(), bitmap.height());
    let long = w.max(h).max(1);
    if long <= MAX_EDGE && file.size() <= MAX_BYTES_AS_IS {
        bitmap.close();
        return None;
    }
    let scaled = |side: u32| u32::try_from(u64::from(side) * u64::from(MAX_EDGE.min(long)) / u64::from(long)).ok();
    let (cw, ch) = (scaled(w)?.max(1), scaled(h)?.max(1));
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(cw);
    canvas.set_height(ch);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    // JPEG has no transparency: a PNG's transparent parts become white paper, not black.
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(cw), f64::from(ch));
    let drawn = ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(cw), f64::from(ch));
    bitmap.close();
    drawn.ok()?;
    let blob = to_jpeg(&canvas).await?;
    // Re-encoding a small heavy image that came out no lighter gains nothing.
    if long <= MAX_EDGE && blob.size() >= file.size() {
        return None;
    }
    Some((blob, jpeg_name(&file.name())))
}

async fn to_jpeg(canvas: &HtmlCanvasElement) -> Option<Blob> {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = resolve.clone();
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let _ = done.call1(&JsValue::NULL, &blob);
        });
        let quality = JsValue::from_f64(JPEG_QUALITY);
        if canvas.to_blob_with_type_and_encoder_options(callback.unchecked_ref(), "image/jpeg", &quality).is_err() {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
        }
    });
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// `scan.png` sent as a JPEG is `scan.jpg`.
pub fn jpeg_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if ext.eq_ignore_ascii_case("jpg") || ext.eq_ignore_ascii_case("jpeg") => {
            format!("{stem}.{ext}")
        }
        Some((stem, _)) if !stem.is_empty() => format!("{stem}.jpg"),
        _ => format!("{name}.jpg"),
    }
}

enum Outcome {
    Stored,
    /// The server's reason code.
    Refused(String),
    Offline,
}

/// One file in one multipart POST to the form's own address, asking for the JSON answer.
async fn post(action: &str, blob: &Blob, name: &str, bar: &str) -> Outcome {
    let Ok(xhr) = XmlHttpRequest::new() else { return Outcome::Offline };
    let Ok(data) = web_sys::FormData::new() else { return Outcome::Offline };
    if data.append_with_blob_and_filename("file", blob, name).is_err() || xhr.open("POST", action).is_err() {
        return Outcome::Offline;
    }
    let _ = xhr.set_request_header("Accept", "application/json");
    let bar = bar.to_string();
    let on_progress = Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
        let found = document().query_selector(&bar).ok().flatten();
        if let Some(bar) = found.and_then(|b| b.dyn_into::<HtmlProgressElement>().ok()) {
            if ev.length_computable() && ev.total() > 0.0 {
                bar.set_value(ev.loaded() / ev.total());
            }
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    // `loadend` comes after success, error, abort and timeout alike.
    let finished = js_sys::Promise::new(&mut |resolve, _reject| {
        xhr.set_onloadend(Some(&resolve));
        if xhr.send_with_opt_form_data(Some(&data)).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(finished).await;
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(None);
    }
    drop(on_progress);
    match xhr.status().unwrap_or(0) {
        0 => Outcome::Offline,
        200 => first_error(&xhr.response_text().ok().flatten().unwrap_or_default())
            .map_or(Outcome::Stored, Outcome::Refused),
        413 => Outcome::Refused("too_big".into()),
        _ => Outcome::Refused("failed".into()),
    }
}

/// The error code of the answer's one file (`{"files":[{"name":…,"error":"too_big"}]}`); none
/// when it was kept. An answer that is not that JSON is a failure.
fn first_error(text: &str) -> Option<String> {
    let Ok(json) = js_sys::JSON::parse(text) else { return Some("failed".into()) };
    let files = js_sys::Reflect::get(&json, &"files".into()).unwrap_or_default();
    let Some(first) = files.dyn_ref::<js_sys::Array>().map(|a| a.get(0)).filter(|f| f.is_object()) else {
        return Some("failed".into());
    };
    js_sys::Reflect::get(&first, &"error".into()).ok()?.as_string()
}
