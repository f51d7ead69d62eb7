//! A drop-down's options as HTML, written once per list and kept.
//!
//! The lists are long and never change between requests (54 ethnic groups, a province's ~150
//! communes), yet each option cost an escaped value, an escaped label and a view every time a
//! question page was drawn: 206 options on the birth registration's mother page, the page every
//! step save of `make bench` lands on. Kept as HTML, a page copies the list and writes
//! ` selected` into the chosen option. The bytes are those Leptos writes for
//! `<option value=… selected=…>{label}</option>` (the same escaping), so no page changes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The `<option>`s of a `<select>`, the chosen one marked, ready to go inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsHtml(String);

impl OptionsHtml {
    /// The options for `choices` (value, label), those whose value is `selected` marked, after
    /// an empty first option ("— Choose —" in the page's language), shown when none is marked.
    pub fn new<'a>(choices: impl Iterator<Item = (&'a str, &'a str)>, selected: &str) -> Self {
        let placeholder = crate::i18n::t("form-choose");
        let mut all: Vec<(&str, &str)> = vec![("", placeholder.as_str())];
        // Pushed one by one: each (value, label) shortens to the placeholder's lifetime.
        for (value, label) in choices {
            all.push((value, label));
        }
        let written = written(&all);
        let mut html = String::with_capacity(written.html.len() + SELECTED.len());
        let mut from = 0;
        // Every option whose value is the answer, as Leptos marked them; never the placeholder.
        let marked = written.value_ends.iter().zip(&all).skip(1).filter(|(_, (value, _))| *value == selected);
        for (at, _) in marked {
            html.push_str(&written.html[from..*at]);
            html.push_str(SELECTED);
            from = *at;
        }
        html.push_str(&written.html[from..]);
        OptionsHtml(html)
    }

    pub fn into_html(self) -> String {
        self.0
    }
}

const SELECTED: &str = " selected";

/// A list written out: its HTML, and where each option's value attribute ends.
struct Written {
    html: String,
    value_ends: Vec<usize>,
}

fn write(all: &[(&str, &str)]) -> Written {
    let mut html = String::new();
    let mut value_ends = Vec::with_capacity(all.len());
    for (value, label) in all {
        html.push_str("<option value=\"");
        html.push_str(&html_escape::encode_double_quoted_attribute(value));
        html.push('"');
        value_ends.push(html.len());
        html.push('>');
        html.push_str(&html_escape::encode_text(label));
        html.push_str("</option>");
    }
    Written { html, value_ends }
}

/// Lists kept at most: a portal's forms have a handful of lists in two languages; one whose
/// catalogue keeps changing cannot make the map grow for ever (it starts again when full).
const KEPT_LISTS: usize = 256;

/// The list written once, found again by its whole content (values and labels, each with its
/// length, so no two lists share a key).
fn written(all: &[(&str, &str)]) -> Arc<Written> {
    static KEPT: OnceLock<Mutex<HashMap<Vec<u8>, Arc<Written>>>> = OnceLock::new();
    let mut key = Vec::with_capacity(all.iter().map(|(v, l)| v.len() + l.len() + 8).sum());
    for text in all.iter().flat_map(|(v, l)| [v, l]) {
        key.extend_from_slice(&(text.len() as u32).to_le_bytes());
        key.extend_from_slice(text.as_bytes());
    }
    let kept = KEPT.get_or_init(Default::default);
    // A poisoned lock only means another request panicked while holding it: the map is whole.
    if let Some(found) = kept.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return found.clone();
    }
    let written = Arc::new(write(all));
    let mut map = kept.lock().unwrap_or_else(|e| e.into_inner());
    if map.len() >= KEPT_LISTS {
        map.clear();
    }
    map.insert(key, written.clone());
    written
}

#[cfg(test)]
mod tests {
    use super::OptionsHtml;

    fn html(selected: &str) -> String {
        let choices = [("01", "Kinh"), ("a\"<b>'&", "Tày & <Thái> \"x\"")];
        OptionsHtml::new(choices.into_iter(), selected).into_html()
    }

    #[test]
    fn the_bytes_are_those_leptos_writes_for_each_option() {
        use leptos::prelude::*;
        let choices = [("", "— Chọn —"), ("01", "Kinh"), ("a\"<b>'&", "Tày & <Thái> \"x\"")];
        let leptos: String = choices
            .iter()
            .map(|(value, label)| {
                let chosen = !value.is_empty() && *value == "a\"<b>'&";
                view! { <option value=value.to_string() selected=chosen>{label.to_string()}</option> }.to_html()
            })
            .collect();
        assert_eq!(html("a\"<b>'&"), leptos);
    }

    #[test]
    fn a_kept_list_marks_each_answer_afresh() {
        // The same list three times: the kept HTML must not carry one page's answer into the next.
        assert!(html("01").contains("<option value=\"01\" selected>Kinh</option>"));
        assert!(!html("").contains("selected"));
        let none = html("nothing of the list");
        assert!(!none.contains("selected"), "{none}");
    }

    #[test]
    fn two_lists_that_join_to_the_same_text_are_not_mixed_up() {
        let one = OptionsHtml::new([("ab", "c")].into_iter(), "").into_html();
        let two = OptionsHtml::new([("a", "bc")].into_iter(), "").into_html();
        assert_ne!(one, two);
        assert!(two.contains("value=\"a\">bc<"), "{two}");
    }
}
