//! The rules of the apply journey, shared by the pages (GET) and the form handlers (POST): which
//! pages are asked, in what order, what a page's answers are and what is wrong with them.

use crate::portal::draft::{Draft, SectionAnswers, MAX_VALUES, MAX_VALUE_CHARS};
use crate::portal::form::{self, Answers, Context, FieldKind, FormPage, InputError, ProcedureForm};
use crate::portal::types::Province;

/// The cookie holding the id of the browser's draft. A session cookie: a shared kiosk browser
/// forgets it when closed; the resume code opens the draft anywhere else.
pub const DRAFT_COOKIE: &str = "dvc_draft";

/// The date inputs of a date field (three boxes; the validator reads the composed `YYYY-MM-DD`).
pub const DATE_PARTS: [&str; 3] = ["day", "month", "year"];

/// A date field's three boxes (day, month, year) as the draft holds them: the boxes as typed, or,
/// when the date came as one `YYYY-MM-DD` value (through the portal API, from another front
/// end), that value split, so the boxes show it and "Continue" posts it back instead of losing it.
pub fn date_boxes(answers: &Answers, field_id: &str) -> [String; 3] {
    let first = |name: &str| answers.get(name).and_then(|v| v.first()).cloned().unwrap_or_default();
    let typed = DATE_PARTS.map(|p| first(&format!("{field_id}-{p}")));
    if typed.iter().any(|b| !b.is_empty()) {
        return typed;
    }
    let whole = first(field_id);
    // A value set through the API may carry a time after the date (`2024-05-06T10:30:00Z`).
    let date = whole.split(['T', ' ']).next().unwrap_or_default();
    match date.split('-').collect::<Vec<_>>()[..] {
        [year, month, day] => [day, month, year].map(str::to_string),
        // Not a date at all: shown in the year box, where the check then says what is wrong.
        _ => [String::new(), String::new(), whole],
    }
}

/// The pages asked given the answers so far (a page's condition may depend on earlier answers).
pub fn visible_pages<'f>(form: &'f ProcedureForm, answers: &Answers) -> Vec<&'f FormPage> {
    let visible = form::visible_fields(form, answers);
    form.pages
        .iter()
        .filter(|p| p.fields.iter().any(|f| visible.get(f.id.as_str()).copied().unwrap_or(false)))
        .collect()
}

/// The input names that belong to a field (what its inputs post).
pub fn input_names(field: &form::Field) -> Vec<String> {
    match field.kind {
        FieldKind::Address => form::ADDRESS_PARTS.iter().map(|p| format!("{}.{p}", field.id)).collect(),
        FieldKind::Date => DATE_PARTS.iter().map(|p| format!("{}-{p}", field.id)).chain([field.id.clone()]).collect(),
        _ => vec![field.id.clone()],
    }
}

/// What a page's form posted, kept as typed: only the page's own inputs (a tampered form
/// cannot write another section), and each date composed from its three boxes as well.
pub fn section_from_post(page: &FormPage, posted: Vec<(String, String)>) -> SectionAnswers {
    let mut section = SectionAnswers::new();
    for field in &page.fields {
        let names = input_names(field);
        // A date's own name is composed below, never taken as posted.
        let own = |n: &String| names.contains(n) && !(field.kind == FieldKind::Date && *n == field.id);
        for (name, value) in posted.iter().filter(|(n, _)| own(n)) {
            let values = section.entry(name.clone()).or_default();
            // Within what the portal keeps: a paste of a whole book is cut (and the length
            // check then says so) instead of the whole page being refused and lost.
            if values.len() < MAX_VALUES {
                values.push(kept(value).chars().take(MAX_VALUE_CHARS).collect());
            }
        }
        if field.kind == FieldKind::Date {
            let part = |p: &str| {
                section.get(&format!("{}-{p}", field.id)).and_then(|v| v.first()).map(|s| s.trim().to_string())
            };
            let (d, m, y) =
                (part("day").unwrap_or_default(), part("month").unwrap_or_default(), part("year").unwrap_or_default());
            if !(d.is_empty() && m.is_empty() && y.is_empty()) {
                let pad = |s: &str| if s.len() == 1 { format!("0{s}") } else { s.to_string() };
                section.insert(field.id.clone(), vec![format!("{y}-{}-{}", pad(&m), pad(&d))]);
            }
        }
    }
    section
}

/// A posted value as it is kept: as typed, but without the characters nobody types on purpose
/// and that would be echoed into the page (NUL and other controls, bidi overrides, zero-width
/// characters); line breaks of a text area stay.
fn kept(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| !crate::portal::input::is_invisible(c) && (!c.is_control() || c == '\n' || c == '\t'))
        .collect()
}

/// The errors of `page`'s inputs, in form order; none until the page has been answered once
/// (a page seen for the first time is not an error). `answers` are `draft.all_answers()`.
pub fn page_errors(
    form: &ProcedureForm,
    draft: &Draft,
    answers: &Answers,
    page: &FormPage,
    ctx: &Context,
) -> Vec<InputError> {
    if !draft.answers.contains_key(&page.id) {
        return Vec::new();
    }
    errors_of(&form::validate_pages(form, answers, ctx, |p| p.id == page.id).errors, draft, page)
}

/// `page`'s share of the errors of the whole form (validated once for many pages).
pub fn errors_of(all: &[InputError], draft: &Draft, page: &FormPage) -> Vec<InputError> {
    if !draft.answers.contains_key(&page.id) {
        return Vec::new();
    }
    let names: Vec<String> = page.fields.iter().flat_map(input_names).collect();
    all.iter().filter(|e| names.contains(&e.input)).cloned().collect()
}

/// Where a page stands: never answered, answered with something still wrong, or done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    NotStarted,
    InProgress,
    Done,
}

/// `page`'s progress, given the errors of the whole form (validated once for many pages).
pub fn progress(all_errors: &[InputError], draft: &Draft, page: &FormPage) -> Progress {
    if !draft.answers.contains_key(&page.id) {
        Progress::NotStarted
    } else if errors_of(all_errors, draft, page).is_empty() {
        Progress::Done
    } else {
        Progress::InProgress
    }
}

/// One stop of the journey: a question page, the documents, or "check your answers".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Page(String),
    Documents,
    Check,
}

impl Step {
    /// The step's address for procedure `code`.
    pub fn url(&self, code: &str) -> String {
        let code = crate::portal::client::encode_component(code);
        match self {
            Step::Page(id) => format!("/apply/{code}/p/{}", crate::portal::client::encode_component(id)),
            Step::Documents => format!("/apply/{code}/documents"),
            Step::Check => format!("/apply/{code}/check"),
        }
    }
}

/// The steps asked given the answers so far, in the order of the journey: who applies
/// and the procedure's own pages, then the documents, then how the result comes back (the
/// `return` page), then "check your answers".
pub fn steps(form: &ProcedureForm, answers: &Answers) -> Vec<Step> {
    let pages = visible_pages(form, answers);
    let returns = pages.iter().position(|p| p.id == crate::portal::delivery::fields::PAGE).unwrap_or(pages.len());
    let page = |p: &&FormPage| Step::Page(p.id.clone());
    pages[..returns]
        .iter()
        .map(page)
        .chain([Step::Documents])
        .chain(pages[returns..].iter().map(page))
        .chain([Step::Check])
        .collect()
}

/// Where "continue" goes after `step`: the next step (at worst "check your answers").
pub fn next_step(form: &ProcedureForm, answers: &Answers, step: &Step) -> Step {
    let steps = steps(form, answers);
    steps.iter().position(|s| s == step).and_then(|at| steps.get(at + 1).cloned()).unwrap_or(Step::Check)
}

/// Where "back" goes from `step`: the step before, or `None` for the start page.
pub fn previous_step(form: &ProcedureForm, answers: &Answers, step: &Step) -> Option<Step> {
    let steps = steps(form, answers);
    let at = steps.iter().position(|s| s == step)?;
    at.checked_sub(1).map(|i| steps[i].clone())
}

/// The validation context of today, in Vietnam, for the portal's province.
pub fn context(province: Option<&Province>) -> Context<'_> {
    // Apply pages and their checks run on the server; the browser build only has to compile.
    #[cfg(feature = "ssr")]
    let today = form::date::Date::today_in_vietnam();
    #[cfg(not(feature = "ssr"))]
    let today = form::date::Date::from_days_since_epoch(0);
    Context { today, province }
}

#[cfg(test)]
mod tests {
    use super::date_boxes;
    use crate::portal::form::Answers;

    fn stored(value: &str) -> Answers {
        [("born".to_string(), vec![value.to_string()])].into_iter().collect()
    }

    #[test]
    fn a_date_stored_whole_fills_the_three_boxes_even_with_a_time_after_it() {
        assert_eq!(date_boxes(&stored("2024-05-06"), "born"), ["06", "05", "2024"]);
        assert_eq!(date_boxes(&stored("2024-05-06T10:30:00Z"), "born"), ["06", "05", "2024"]);
        assert_eq!(date_boxes(&stored("2024-05-06 10:30"), "born"), ["06", "05", "2024"]);
        assert_eq!(date_boxes(&stored("hôm qua"), "born"), ["", "", "hôm qua"]);
    }
}
