//! The form vocabulary every question page is built from, after the GOV.UK Design System: a
//! field with its hint and error, the error summary, radios, checkboxes, a date in three boxes,
//! a file upload, the "check your answers" summary list, the confirmation panel and the task
//! list. Plain HTML forms first (they work with JavaScript off); every control is labelled, its
//! hint and error are tied to it with `aria-describedby`, and an error names the field it is about.
//!
//! Callers pass texts already in the page's language; the kit's own words are in the locale files.

mod choice;
mod field;
mod options;
mod summary;

pub use choice::{Checkboxes, Choice, DateInput, DateParts, Radios};
pub use field::{ErrorSummary, FieldError, FileUpload, SelectField, TextField};
pub use options::OptionsHtml;
pub use summary::{ConfirmationPanel, SummaryList, SummaryRow, Task, TaskList, TaskStatus};

/// `aria-describedby` for a control with an optional hint and error (ids `{id}-hint`, `{id}-error`).
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> =
        [hint.then(|| format!("{id}-hint")), error.then(|| format!("{id}-error"))].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// An optional text that was given: an empty hint or error is no hint or error (callers pass
/// `String::new()` for "none").
fn given(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

/// The class of a field's wrapper: a field in error is marked beside it, not only by colour.
fn field_class(error: bool) -> &'static str {
    if error {
        "field field-with-error"
    } else {
        "field"
    }
}

#[cfg(test)]
mod tests;
