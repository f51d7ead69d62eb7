//! A text field with its label, hint and error; the error summary; a file upload.

use super::described_by;
use super::options::OptionsHtml;
use crate::i18n::t;
use leptos::prelude::*;

/// One field's problem, in the page's language, for the summary and beside the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the control to jump to (the first box of a date, the first radio).
    pub field_id: String,
    pub message: String,
}

/// "There is a problem" with a link to each field in error, shown at the top of the page and
/// focused first by screen readers (`role="alert"`). Renders nothing without errors.
#[component]
pub fn ErrorSummary(errors: Vec<FieldError>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title" class="text-lg font-bold">{t("form-error-summary-title")}</h2>
                <ul class="mt-2 space-y-1">
                    {errors.into_iter().map(|e| view! {
                        <li><a href=format!("#{}", e.field_id)>{e.message}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The message under a label, prefixed for screen readers so it is not read as the label.
#[component]
pub fn ErrorMessage(id: String, message: String) -> impl IntoView {
    view! {
        <p id=format!("{id}-error") class="field-error-message">
            <span class="sr-only">{t("form-error-prefix")} " "</span>{message}
        </p>
    }
}

/// What every one-control field shares: its label, hint and error, then the control.
#[component]
fn Labelled(
    id: String,
    label: String,
    hint: Option<String>,
    error: Option<String>,
    children: Children,
) -> impl IntoView {
    let class = super::field_class(error.is_some());
    view! {
        <div class=class>
            <label for=id.clone() class="label">{label}</label>
            {hint.map(|h| view! { <p id=format!("{id}-hint") class="hint">{h}</p> })}
            {error.map(|message| view! { <ErrorMessage id=id.clone() message/> })}
            {children()}
        </div>
    }
}

/// A labelled text box (`input` or, with `rows`, a `textarea`). `id` is also the field's name.
#[component]
pub fn TextField(
    id: String,
    label: String,
    value: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] error: Option<String>,
    /// `text` when not given; `tel`, `email`, …
    #[prop(optional)]
    input_type: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    /// A multi-line answer of this many rows.
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    let (hint, error) = (super::given(hint), super::given(error));
    let describedby = described_by(&id, hint.is_some(), error.is_some());
    let invalid = error.is_some().then_some("true");
    let (autocomplete, inputmode) = (autocomplete.filter(|a| !a.is_empty()), inputmode.filter(|m| !m.is_empty()));
    let control = match rows {
        Some(rows) => view! {
            <textarea id=id.clone() name=id.clone() rows=rows class="input" aria-describedby=describedby
                aria-invalid=invalid maxlength=maxlength>{value}</textarea>
        }
        .into_any(),
        None => view! {
            <input id=id.clone() name=id.clone() type=input_type.unwrap_or("text") value=value class="input"
                aria-describedby=describedby aria-invalid=invalid autocomplete=autocomplete inputmode=inputmode
                maxlength=maxlength spellcheck="false"/>
        }
        .into_any(),
    };
    view! {
        <Labelled id=id.clone() label hint error>
            {control}
        </Labelled>
    }
}

/// Choose files for one document slot: several at once (a phone photographs each page). The
/// form around it must be `multipart/form-data`.
#[component]
pub fn FileUpload(
    id: String,
    label: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] error: Option<String>,
    /// e.g. `application/pdf,image/jpeg,image/png`
    accept: &'static str,
    #[prop(optional)] multiple: bool,
) -> impl IntoView {
    let (hint, error) = (super::given(hint), super::given(error));
    let describedby = described_by(&id, hint.is_some(), error.is_some());
    let invalid = error.is_some().then_some("true");
    view! {
        <Labelled id=id.clone() label hint error>
            <input id=id.clone() name=id.clone() type="file" accept=accept multiple=multiple class="file-input"
                aria-describedby=describedby aria-invalid=invalid/>
        </Labelled>
    }
}

/// A drop-down list; its options (an empty "choose" entry first) come written by [`OptionsHtml`].
#[component]
pub fn SelectField(
    id: String,
    label: String,
    /// The options, the answer marked: [`OptionsHtml`] writes a list once and keeps it.
    options: OptionsHtml,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] error: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let (hint, error) = (super::given(hint), super::given(error));
    let describedby = described_by(&id, hint.is_some(), error.is_some());
    let invalid = error.is_some().then_some("true");
    let autocomplete = autocomplete.filter(|a| !a.is_empty());
    view! {
        <Labelled id=id.clone() label hint error>
            <select id=id.clone() name=id.clone() class="select" aria-describedby=describedby aria-invalid=invalid
                autocomplete=autocomplete inner_html=options.into_html()>
            </select>
        </Labelled>
    }
}
