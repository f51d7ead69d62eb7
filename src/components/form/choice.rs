//! Questions answered by choosing: radios (one), checkboxes (any), and a date in three boxes.
//! Each is a `fieldset` whose `legend` is the question, so a screen reader reads it with every
//! option.

use super::described_by;
use super::field::ErrorMessage;
use crate::i18n::t;
use leptos::prelude::*;

/// One option: its submitted value, its label and an optional hint under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
}

/// The fieldset around a group of controls, with the question as its legend.
#[component]
fn Group(
    id: String,
    legend: String,
    hint: Option<String>,
    error: Option<String>,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let (hint, error) = (super::given(hint), super::given(error));
    let describedby = described_by(&id, hint.is_some(), error.is_some());
    let field_class = super::field_class(error.is_some());
    view! {
        <div class=field_class>
            <fieldset aria-describedby=describedby>
                <legend class="label">{legend}</legend>
                {hint.map(|h| view! { <p id=format!("{id}-hint") class="hint">{h}</p> })}
                {error.map(|message| view! { <ErrorMessage id=id.clone() message/> })}
                <div class=class>{children()}</div>
            </fieldset>
        </div>
    }
}

/// Radios or checkboxes: one input and label per choice; ids `{name}`, `{name}-2`, … so the
/// error summary's link (`#{name}`) lands on the first.
fn options(name: &str, kind: &'static str, choices: Vec<Choice>, checked: impl Fn(&str) -> bool) -> impl IntoView {
    choices
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let id = if i == 0 { name.to_string() } else { format!("{name}-{}", i + 1) };
            let hint_id = format!("{id}-item-hint");
            let described = c.hint.is_some().then(|| hint_id.clone());
            view! {
                <div class="choice">
                    <input id=id.clone() name=name.to_string() type=kind value=c.value.clone()
                        checked=checked(&c.value) aria-describedby=described class="choice-input"/>
                    <label for=id class="choice-label">{c.label}</label>
                    {c.hint.map(|h| view! { <p id=hint_id class="hint choice-hint">{h}</p> })}
                </div>
            }
        })
        .collect_view()
}

/// One answer out of a few. `selected` is the value chosen before, if any.
#[component]
pub fn Radios(
    name: String,
    legend: String,
    choices: Vec<Choice>,
    #[prop(optional)] selected: Option<String>,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] error: Option<String>,
    /// Side by side (two short answers such as yes / no).
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let list = options(&name, "radio", choices, move |v| selected.as_deref() == Some(v));
    let class = if inline { "choices choices-inline" } else { "choices" };
    view! { <Group id=name legend hint error class>{list}</Group> }
}

/// Any number of answers. `selected` are the values chosen before.
#[component]
pub fn Checkboxes(
    name: String,
    legend: String,
    choices: Vec<Choice>,
    #[prop(optional)] selected: Vec<String>,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] error: Option<String>,
) -> impl IntoView {
    let list = options(&name, "checkbox", choices, move |v| selected.iter().any(|s| s == v));
    view! { <Group id=name legend hint error class="choices">{list}</Group> }
}

/// A date as typed: day, month and year kept as strings, so "31 / 2 / 199" comes back to the
/// person as they typed it, with the error, instead of being lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// Day, month and year in three numeric boxes (names `{name}-day`, `-month`, `-year`): easier
/// on a phone and for screen readers than a date picker, and works in every browser.
#[component]
pub fn DateInput(
    name: String,
    legend: String,
    #[prop(optional)] value: DateParts,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] error: Option<String>,
    /// `bday` for a date of birth: phones then offer the saved one.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
) -> impl IntoView {
    let invalid = super::given(error.clone()).is_some().then_some("true");
    let parts = [("day", t("form-date-day"), value.day, 2), ("month", t("form-date-month"), value.month, 2)]
        .into_iter()
        .chain([("year", t("form-date-year"), value.year, 4)]);
    let boxes = parts
        .map(|(part, label, value, size)| {
            // The error summary links to `#{name}`: the day box carries the bare name as its id.
            let id = if part == "day" { name.clone() } else { format!("{name}-{part}") };
            let autocomplete = autocomplete.filter(|a| !a.is_empty()).map(|a| format!("{a}-{part}"));
            view! {
                <div class="date-part">
                    <label for=id.clone() class="date-label">{label}</label>
                    <input id=id name=format!("{name}-{part}") type="text" inputmode="numeric" value=value
                        class=if size == 4 { "input date-year" } else { "input date-dm" } maxlength=size
                        aria-invalid=invalid autocomplete=autocomplete/>
                </div>
            }
        })
        .collect_view();
    view! { <Group id=name legend hint error class="date-input">{boxes}</Group> }
}
