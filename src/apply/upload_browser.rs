//! The browser half of [`super::upload_island::UploadSlot`]: a row per file drawn with DOM
//! calls, shrinking photos, sending each file with `XMLHttpRequest` (fetch cannot report upload
//! progress), and refreshing the slot's list. Plain web-sys calls only, and JSON read with the
//! browser's own `JSON.parse`: every island shares one wasm bundle, which every page with an
//! island downloads.

use super::upload_island::UploadWords;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, DomParser, Element, Event, File, HtmlCanvasElement, HtmlElement, HtmlFormElement, HtmlInputElement,
    HtmlProgressElement, ImageBitmap, ImageBitmapOptions, ImageOrientation, ProgressEvent, SubmitEvent, SupportedType,
    XmlHttpRequest,
};

/// Long edge of a photo as sent: enough to read any document photographed whole.
const MAX_EDGE: u32 = 2000;
/// An image under the long edge but heavier than this is re-encoded too (a PNG of a photo).
const MAX_BYTES_AS_IS: f64 = 3.0 * 1024.0 * 1024.0;
const JPEG_QUALITY: f64 = 0.85;

#[derive(Clone, Copy, PartialEq)]
enum State {
    Busy,
    Done,
    Failed,
}

/// One chosen file and its row, kept until the server's list shows it or it is dropped.
struct Entry {
    id: u32,
    file: File,
    /// What was sent the first time (the photo made smaller, and its name): a retry sends the
    /// very same bytes, so the server can tell it from another file if the first try got there.
    sent: Option<(Blob, String)>,
    row: Element,
    state: State,
}

/// What one slot's island keeps between events.
struct Slot {
    index: u32,
    root: NodeRef<leptos::html::Div>,
    words: UploadWords,
    entries: RefCell<Vec<Entry>>,
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

pub fn handlers(
    root: NodeRef<leptos::html::Div>,
    index: u32,
    words: UploadWords,
) -> (impl Fn(Event) + Clone + 'static, impl Fn(SubmitEvent) + Clone + 'static) {
    let slot = Rc::new(Slot { index, root, words, entries: RefCell::new(Vec::new()) });
    // Files start as soon as they are chosen, so the form's own button would only send nothing.
    Effect::new(move |_| {
        if let Some(button) = root.get().and_then(|r| r.query_selector("button[type=submit]").ok().flatten()) {
            let _ = button.set_attribute("hidden", "");
        }
    });
    let on_change = {
        let slot = slot.clone();
        move |ev: Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if input.type_() == "file" {
                start(&slot, &input);
            }
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        let Some(input) = slot.file_input() else { return };
        // No file chosen: the plain post, whose page says so.
        if input.files().is_some_and(|f| f.length() > 0) {
            ev.prevent_default();
            start(&slot, &input);
        }
    };
    (on_change, on_submit)
}

impl Slot {
    fn find(&self, selector: &str) -> Option<Element> {
        self.root.get_untracked()?.query_selector(selector).ok()?
    }

    fn file_input(&self) -> Option<HtmlInputElement> {
        self.find("input[type=file]")?.dyn_into().ok()
    }

    fn focus(&self, selector: &str) {
        if let Some(el) = self.find(selector).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }

    fn busy(&self) -> bool {
        self.entries.borrow().iter().any(|e| e.state == State::Busy)
    }

    fn set(&self, id: u32, state: State) {
        if let Some(e) = self.entries.borrow_mut().iter_mut().find(|e| e.id == id) {
            e.state = state;
        }
    }

    fn drop_row(&self, id: u32) {
        self.entries.borrow_mut().retain(|e| {
            if e.id == id {
                e.row.remove();
            }
            e.id != id
        });
    }
}

fn element(tag: &str, class: &str) -> Option<Element> {
    let el = document().create_element(tag).ok()?;
    el.set_class_name(class);
    Some(el)
}

/// A row per chosen file, then the files one after another (a weak connection shared by several
/// uploads finishes none of them sooner).
fn start(slot: &Rc<Slot>, input: &HtmlInputElement) {
    let (Some(list), Some(rows)) = (input.files(), slot.find("ul.upload-rows")) else { return };
    let mut batch = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        let id = NEXT_ID.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        let Some(row) = new_row(slot, id, &file.name()) else { continue };
        let _ = rows.append_child(&row);
        slot.entries.borrow_mut().push(Entry { id, file, sent: None, row, state: State::Busy });
        batch.push(id);
    }
    // Emptied, so the same file can be chosen again and a form post would not resend these.
    input.set_value("");
    let slot = slot.clone();
    leptos::task::spawn_local(async move {
        for id in batch {
            // Leaving the page (sent elsewhere): the rest of the batch is not started.
            if !send_row(&slot, id).await {
                return;
            }
        }
        settle(&slot).await;
    });
}

/// `<li>` with the name (a focus target), the status said in words, then a progress bar or the
/// buttons of a failed file in a part replaced at each change.
fn new_row(slot: &Slot, id: u32, name: &str) -> Option<Element> {
    let row = element("li", "upload-row py-2")?;
    let _ = row.set_attribute("data-upload-row", name);
    let label = element("span", "font-medium break-all")?;
    label.set_id(&format!("upload-{}-{id}", slot.index));
    let _ = label.set_attribute("tabindex", "-1");
    label.set_text_content(Some(name));
    let status = element("span", "hint ml-2")?;
    let _ = status.set_attribute("data-upload-status", "");
    status.set_text_content(Some(&slot.words.waiting));
    let part = element("div", "mt-1")?;
    let _ = row.append_child(&label);
    let _ = row.append_child(&status);
    let _ = row.append_child(&part);
    Some(row)
}

/// Says where a row is: its words, and a bar while sending or the buttons once failed.
fn show(slot: &Rc<Slot>, id: u32, words: &str, state: State) -> Option<HtmlProgressElement> {
    let row = slot.entries.borrow().iter().find(|e| e.id == id).map(|e| e.row.clone())?;
    let status = row.query_selector("[data-upload-status]").ok()??;
    status.set_text_content(Some(words));
    let part = row.last_element_child()?;
    part.set_text_content(None);
    let name = row.get_attribute("data-upload-row").unwrap_or_default();
    match state {
        State::Busy => {
            let bar: HtmlProgressElement = element("progress", "block w-full")?.dyn_into().ok()?;
            bar.set_max(1.0);
            // No value yet: indeterminate while the photo is being made smaller.
            let _ = bar.set_attribute("aria-labelledby", &format!("upload-{}-{id}", slot.index));
            let _ = part.append_child(&bar);
            let _ = row.remove_attribute("data-failed");
            Some(bar)
        }
        State::Failed => {
            let _ = row.set_attribute("data-failed", "true");
            let retry = button(&slot.words.retry, &name, {
                let slot = slot.clone();
                move || {
                    // The button goes with the failure: the focus stays on its row.
                    slot.focus(&format!("#upload-{}-{id}", slot.index));
                    leptos::task::spawn_local(async move {
                        if send_row(&slot, id).await {
                            settle(&slot).await;
                        }
                    });
                }
            })?;
            let remove = button(&slot.words.remove, &name, {
                let slot = slot.clone();
                move || {
                    slot.drop_row(id);
                    slot.focus("input[type=file]");
                }
            })?;
            let _ = part.append_child(&retry);
            let _ = part.append_child(&remove);
            None
        }
        State::Done => None,
    }
}

/// A real button, its file named for screen readers ("Retry scan.jpg").
fn button(text: &str, name: &str, on_click: impl FnOnce() + 'static) -> Option<Element> {
    let b = element("button", "button-secondary mr-3")?;
    let _ = b.set_attribute("type", "button");
    b.set_text_content(Some(text));
    let hidden = element("span", "sr-only")?;
    hidden.set_text_content(Some(&format!(" {name}")));
    let _ = b.append_child(&hidden);
    let listener = Closure::once_into_js(on_click);
    let _ = b.add_event_listener_with_callback("click", listener.unchecked_ref());
    Some(b)
}

/// Sends one row's file; false when the answer sent the browser to another page.
async fn send_row(slot: &Rc<Slot>, id: u32) -> bool {
    let Some((file, sent)) =
        slot.entries.borrow().iter().find(|e| e.id == id).map(|e| (e.file.clone(), e.sent.clone()))
    else {
        return true;
    };
    let Some(form) = slot.find("form").and_then(|f| f.dyn_into::<HtmlFormElement>().ok()) else { return true };
    // The form's hidden fields go first, as the form itself sends them: its key (with the same
    // bytes, a retry is known for one) and the marks of the page's application.
    let hidden = hidden_fields(&form);
    slot.set(id, State::Busy);
    let bar = show(slot, id, &slot.words.uploading, State::Busy);
    let (blob, name) = match sent {
        Some(sent) => sent,
        None => {
            let prepared = shrink(&file).await.unwrap_or_else(|| (file.clone().into(), file.name()));
            if let Some(e) = slot.entries.borrow_mut().iter_mut().find(|e| e.id == id) {
                e.sent = Some(prepared.clone());
            }
            prepared
        }
    };
    let (words, state) = match post(&form.action(), &hidden, &blob, &name, bar).await {
        // Kept in the page's application, which this browser no longer has open: the page
        // that says so (this page's list is the other application's).
        Outcome::Elsewhere(to) => {
            let _ = window().location().assign(&to);
            return false;
        }
        Outcome::Stored => (slot.words.uploaded.clone(), State::Done),
        Outcome::Refused(code) => (slot.words.refusal(&code), State::Failed),
        Outcome::Offline => (slot.words.offline.clone(), State::Failed),
    };
    slot.set(id, state);
    show(slot, id, &words, state);
    true
}

/// Nothing left to send: the slot's stored files as the server lists them, and the rows they
/// now show dropped. Rows that failed stay, with their buttons.
async fn settle(slot: &Rc<Slot>) {
    let any_done = slot.entries.borrow().iter().any(|e| e.state == State::Done);
    if slot.busy() || !any_done || refresh(slot.index).await.is_none() {
        return;
    }
    let done: Vec<u32> = slot.entries.borrow().iter().filter(|e| e.state == State::Done).map(|e| e.id).collect();
    for id in done {
        slot.drop_row(id);
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

/// The form's hidden inputs, by name, in their order.
fn hidden_fields(form: &HtmlFormElement) -> Vec<(String, String)> {
    let Ok(inputs) = form.query_selector_all("input[type=hidden]") else { return Vec::new() };
    (0..inputs.length())
        .filter_map(|i| inputs.get(i)?.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| (input.name(), input.value()))
        .collect()
}

enum Outcome {
    Stored,
    /// The browser is to go there (the page says what became of the file).
    Elsewhere(String),
    /// The server's reason code.
    Refused(String),
    Offline,
}

/// One file in one multipart POST to the form's own address, after the form's `hidden` fields,
/// asking for the JSON answer.
async fn post(
    action: &str,
    hidden: &[(String, String)],
    blob: &Blob,
    name: &str,
    bar: Option<HtmlProgressElement>,
) -> Outcome {
    let Ok(xhr) = XmlHttpRequest::new() else { return Outcome::Offline };
    let Ok(data) = web_sys::FormData::new() else { return Outcome::Offline };
    let filled = hidden.iter().all(|(n, v)| data.append_with_str(n, v).is_ok())
        && data.append_with_blob_and_filename("file", blob, name).is_ok();
    if !filled || xhr.open("POST", action).is_err() {
        return Outcome::Offline;
    }
    let _ = xhr.set_request_header("Accept", "application/json");
    let on_progress = Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
        if let Some(bar) = bar.as_ref().filter(|_| ev.length_computable() && ev.total() > 0.0) {
            bar.set_value(ev.loaded() / ev.total());
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
        200 => read_answer(&xhr.response_text().ok().flatten().unwrap_or_default()),
        413 => Outcome::Refused("too_big".into()),
        _ => Outcome::Refused("failed".into()),
    }
}

/// What became of the answer's one file (`{"files":[{"name":…,"error":"too_big"}]}`, and
/// `then` when the browser is to go elsewhere). An answer that is not that JSON is a failure.
fn read_answer(text: &str) -> Outcome {
    let failed = || Outcome::Refused("failed".into());
    let Ok(json) = js_sys::JSON::parse(text) else { return failed() };
    let field = |of: &JsValue, name: &str| js_sys::Reflect::get(of, &name.into()).ok().and_then(|v| v.as_string());
    // Only a path of this site (`//host` and `/\host` are other sites to a browser).
    let own_path = |to: &String| to.starts_with('/') && !to.starts_with("//") && !to.contains('\\');
    if let Some(to) = field(&json, "then").filter(own_path) {
        return Outcome::Elsewhere(to);
    }
    let files = js_sys::Reflect::get(&json, &"files".into()).unwrap_or_default();
    let Some(first) = files.dyn_ref::<js_sys::Array>().map(|a| a.get(0)).filter(|f| f.is_object()) else {
        return failed();
    };
    field(&first, "error").map_or(Outcome::Stored, Outcome::Refused)
}
