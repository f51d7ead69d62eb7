//! Answers checked against a form's declaration: pure functions, the same in the browser and on
//! the server (which decides). Every input gets at most one error, named by a locale key that
//! says how to fix it; the values that pass are returned cleaned and in their canonical form.

use super::{
    date::Date,
    ids::{self, CitizenIdProblem},
    Answers, Condition, Field, FieldKind, FormPage, Pattern, ProcedureForm, Sex, ADDRESS_PARTS,
};
use crate::i18n::{num, Lang};
use crate::portal::{input, types::Province};
use fluent_templates::fluent_bundle::FluentValue;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Longest text kept from one input before it is measured: anything longer is over every
/// declared limit (`check` caps `max_length`), so a 1 MB paste costs no more than this.
pub const MAX_INPUT_CHARS: usize = 10_000;
/// Limits when the declaration sets none.
pub const DEFAULT_TEXT_LENGTH: u32 = 200;
pub const DEFAULT_TEXTAREA_LENGTH: u32 = 2_000;

/// What validation needs besides the answers.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// "Not in the future" and "born this year at the latest" are measured against it
    /// (`Date::today_in_vietnam()` on the server; passed in so validation stays pure).
    pub today: Date,
    /// The portal's province: an address in it must name one of its communes by code.
    pub province: Option<&'a Province>,
}

/// Why one input's answer is refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "error", content = "detail", rename_all = "snake_case")]
pub enum FieldError {
    Required,
    /// More than one value for a one-value input (a tampered or replayed form).
    TooManyValues,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    PatternMismatch(Pattern),
    NotANumber,
    TooSmall {
        min: f64,
    },
    TooLarge {
        max: f64,
    },
    NotADate,
    DateInFuture,
    NotAnOption,
    BadCitizenId(CitizenIdProblem),
    BadPhone,
    BadEmail,
    BadEnterpriseCode,
    /// A commune or ward that is not one of the province's units.
    NotAUnit,
}

impl FieldError {
    /// The message's key in `locales/*/main.ftl`.
    pub fn key(&self) -> &'static str {
        match self {
            FieldError::Required => "form-error-required",
            FieldError::TooManyValues => "form-error-too-many-values",
            FieldError::TooShort { .. } => "form-error-too-short",
            FieldError::TooLong { .. } => "form-error-too-long",
            FieldError::PatternMismatch(Pattern::Digits) => "form-error-pattern-digits",
            FieldError::PatternMismatch(Pattern::PersonalName) => "form-error-pattern-personal-name",
            FieldError::PatternMismatch(Pattern::Reference) => "form-error-pattern-reference",
            FieldError::NotANumber => "form-error-not-a-number",
            FieldError::TooSmall { .. } => "form-error-too-small",
            FieldError::TooLarge { .. } => "form-error-too-large",
            FieldError::NotADate => "form-error-not-a-date",
            FieldError::DateInFuture => "form-error-date-in-future",
            FieldError::NotAnOption => "form-error-not-an-option",
            FieldError::BadCitizenId(CitizenIdProblem::NotTwelveDigits) => "form-error-citizen-id-length",
            FieldError::BadCitizenId(CitizenIdProblem::UnknownProvince) => "form-error-citizen-id-province",
            FieldError::BadCitizenId(CitizenIdProblem::BornInTheFuture) => "form-error-citizen-id-future",
            FieldError::BadCitizenId(CitizenIdProblem::BirthYearMismatch) => "form-error-citizen-id-birth-year",
            FieldError::BadCitizenId(CitizenIdProblem::SexMismatch) => "form-error-citizen-id-sex",
            FieldError::BadPhone => "form-error-phone",
            FieldError::BadEmail => "form-error-email",
            FieldError::BadEnterpriseCode => "form-error-enterprise-code",
            FieldError::NotAUnit => "form-error-not-a-unit",
        }
    }

    /// The message's Fluent arguments.
    pub fn args(&self) -> Vec<(&'static str, FluentValue<'static>)> {
        match *self {
            FieldError::TooShort { min } => vec![("min", num(min))],
            FieldError::TooLong { max } => vec![("max", num(max))],
            FieldError::TooSmall { min } => vec![("min", num(min))],
            FieldError::TooLarge { max } => vec![("max", num(max))],
            _ => Vec::new(),
        }
    }

    /// The message in `lang`, saying how to fix the answer.
    pub fn message(&self, lang: Lang) -> String {
        lang.t_with(self.key(), &self.args())
    }
}

/// One refused input: its name (the error summary links to it) and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputError {
    pub input: String,
    pub error: FieldError,
}

/// The outcome of checking answers: the accepted values of the fields being asked (cleaned,
/// canonical; hidden fields dropped), and the errors in form order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Validated {
    pub values: Answers,
    pub errors: Vec<InputError>,
}

impl Validated {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The error of input `name`, if any.
    pub fn error(&self, name: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.input == name).map(|e| &e.error)
    }
}

/// Checks `answers` against `form`. A field hidden by its condition (or on a hidden page) is
/// neither required nor checked, and its answer is not kept.
pub fn validate(form: &ProcedureForm, answers: &Answers, ctx: &Context) -> Validated {
    validate_pages(form, answers, ctx, |_| true)
}

/// `validate`, for the fields of the pages `include` picks only: a page's own errors without
/// checking the whole form again on every save and every render of one page. Visibility still
/// follows every answer (a condition may name an earlier page's field).
pub fn validate_pages(
    form: &ProcedureForm,
    answers: &Answers,
    ctx: &Context,
    include: impl Fn(&FormPage) -> bool,
) -> Validated {
    let visible = visible_fields(form, answers);
    let mut out = Validated::default();
    for (_, field) in form.fields().filter(|(p, f)| visible[f.id.as_str()] && include(p)) {
        let mut accept = |input: String, result: Result<Vec<String>, FieldError>| match result {
            Ok(values) if values.is_empty() => {}
            Ok(values) => {
                out.values.insert(input, values);
            }
            Err(error) => out.errors.push(InputError { input, error }),
        };
        match field.kind {
            FieldKind::Address => {
                let parts = ADDRESS_PARTS.map(|part| first(answers, &format!("{}.{part}", field.id)));
                // A partly given address is useless to deliver to: then every part is needed.
                let required = field.required || parts.iter().any(|p| !matches!(p, Ok("")));
                for ((part, value), name) in ADDRESS_PARTS.iter().zip(parts).zip(field.input_names()) {
                    let result = value.and_then(|v| address_part(part, v, answers, field, ctx));
                    accept(name, result.and_then(|v| present(v, required)).map(|v| v.into_iter().collect()));
                }
            }
            FieldKind::Checkboxes => {
                let mut ticked: Vec<String> = Vec::new();
                let mut unknown = false;
                for value in answers.get(&field.id).into_iter().flatten().map(|v| v.trim()).filter(|v| !v.is_empty()) {
                    if !field.choices().contains(&value) {
                        unknown = true;
                    } else if !ticked.iter().any(|t| t == value) {
                        ticked.push(value.to_string());
                    }
                }
                let result = if unknown {
                    Err(FieldError::NotAnOption)
                } else if ticked.is_empty() && field.required {
                    Err(FieldError::Required)
                } else {
                    Ok(ticked)
                };
                accept(field.id.clone(), result);
            }
            _ => {
                let result = first(answers, &field.id)
                    .and_then(|raw| single(field, raw, answers, ctx))
                    .and_then(|v| present(v, field.required))
                    .map(|v| v.into_iter().collect());
                accept(field.id.clone(), result);
            }
        }
    }
    out
}

/// Which fields are being asked, by id. Conditions only name fields declared before them
/// (`check` ensures it), so one pass in form order decides every field.
///
/// A step save asks this five times (its page, the next and previous steps, the page's
/// errors), over every field of the form: the map is sized once and hashed with FxHash, as its
/// keys are the form's own ids, not a stranger's input (callgrind: 45,700 → 19,300
/// instructions a call).
pub fn visible_fields<'f>(form: &'f ProcedureForm, answers: &Answers) -> FxHashMap<&'f str, bool> {
    let mut visible: FxHashMap<&str, bool> = FxHashMap::default();
    visible.reserve(form.pages.iter().map(|p| p.fields.len()).sum());
    for (page, field) in form.fields() {
        let holds = |c: &Option<Condition>, visible: &FxHashMap<&str, bool>| {
            c.as_ref().is_none_or(|c| {
                visible.get(c.field.as_str()).copied().unwrap_or(false)
                    && answers.get(&c.field).is_some_and(|vs| vs.iter().any(|v| v.trim() == c.equals))
            })
        };
        let shown = holds(&page.condition, &visible) && holds(&field.condition, &visible);
        visible.insert(&field.id, shown);
    }
    visible
}

/// The one value of a one-value input ("" when absent).
fn first<'a>(answers: &'a Answers, name: &str) -> Result<&'a str, FieldError> {
    let mut values = answers.get(name).into_iter().flatten().filter(|v| !v.trim().is_empty());
    match (values.next(), values.next()) {
        (Some(_), Some(_)) => Err(FieldError::TooManyValues),
        (value, _) => Ok(value.map_or("", String::as_str)),
    }
}

/// `None` (nothing kept) for an empty answer, which is refused when it is required.
fn present(value: Option<String>, required: bool) -> Result<Option<String>, FieldError> {
    match value {
        None if required => Err(FieldError::Required),
        other => Ok(other),
    }
}

/// The canonical value of a one-value field, or `None` when nothing was typed.
fn single(field: &Field, raw: &str, answers: &Answers, ctx: &Context) -> Result<Option<String>, FieldError> {
    let text = match field.kind {
        FieldKind::Textarea => input::clean_lines(raw, MAX_INPUT_CHARS),
        _ => input::clean_text(raw, MAX_INPUT_CHARS),
    };
    if text.is_empty() {
        return Ok(None);
    }
    let value = match field.kind {
        FieldKind::Text | FieldKind::Textarea => return text_value(field, text).map(Some),
        FieldKind::Date => {
            let date = Date::parse(&text).ok_or(FieldError::NotADate)?;
            if field.rules.not_in_future && date > ctx.today {
                return Err(FieldError::DateInFuture);
            }
            text
        }
        FieldKind::Integer | FieldKind::Decimal => {
            let (canonical, n) = number(&text, field.kind == FieldKind::Decimal).ok_or(FieldError::NotANumber)?;
            match (field.rules.min, field.rules.max) {
                (Some(min), _) if n < min => return Err(FieldError::TooSmall { min }),
                (_, Some(max)) if n > max => return Err(FieldError::TooLarge { max }),
                _ => canonical,
            }
        }
        FieldKind::Select | FieldKind::Radio | FieldKind::YesNo | FieldKind::Checkboxes => {
            field.choices().contains(&text.as_str()).then_some(text).ok_or(FieldError::NotAnOption)?
        }
        FieldKind::Phone => ids::mobile_phone(&text).ok_or(FieldError::BadPhone)?,
        FieldKind::Email => ids::is_sane_email(&text).then_some(text).ok_or(FieldError::BadEmail)?,
        FieldKind::EnterpriseCode => ids::enterprise_code(&text).ok_or(FieldError::BadEnterpriseCode)?,
        FieldKind::CitizenId => {
            let holder = field.holder.clone().unwrap_or_default();
            let answer = |id: &Option<String>| id.as_ref().and_then(|id| first(answers, id).ok()).map(str::trim);
            let birth = answer(&holder.birth_date_field).and_then(Date::parse);
            let sex = holder.sex.or_else(|| answer(&holder.sex_field).and_then(Sex::parse));
            ids::citizen_id(&text, ctx.today, birth, sex).map_err(FieldError::BadCitizenId)?.digits
        }
        FieldKind::Address => unreachable!("an address has one input per part"),
    };
    Ok(Some(value))
}

/// The longest a text field's answer may be: as declared, else the kind's default.
pub(super) fn max_length(field: &Field) -> u32 {
    let default = if field.kind == FieldKind::Textarea { DEFAULT_TEXTAREA_LENGTH } else { DEFAULT_TEXT_LENGTH };
    field.rules.max_length.unwrap_or(default)
}

/// Cleaned text within the field's length and pattern, in NFC where it is stored.
fn text_value(field: &Field, text: String) -> Result<String, FieldError> {
    let max = max_length(field);
    let length = letters(&text);
    if length > max as usize {
        return Err(FieldError::TooLong { max });
    }
    if let Some(min) = field.rules.min_length.filter(|min| length < *min as usize) {
        return Err(FieldError::TooShort { min });
    }
    if let Some(pattern) = field.rules.pattern.filter(|p| !matches_pattern(*p, &text)) {
        return Err(FieldError::PatternMismatch(pattern));
    }
    Ok(to_nfc(text))
}

/// One part of an address: the province and the street are text; the commune, when the
/// province is the portal's own, must be one of its units (by code).
fn address_part(
    part: &str,
    raw: &str,
    answers: &Answers,
    field: &Field,
    ctx: &Context,
) -> Result<Option<String>, FieldError> {
    let text = input::clean_text(raw, MAX_INPUT_CHARS);
    if text.is_empty() {
        return Ok(None);
    }
    if part == "commune" {
        let province = first(answers, &format!("{}.province", field.id)).unwrap_or("").trim();
        if let Some(ours) = ctx.province.filter(|p| p.code == province) {
            return ours.units.iter().any(|u| u.code == text).then_some(Some(text)).ok_or(FieldError::NotAUnit);
        }
    }
    if letters(&text) > DEFAULT_TEXT_LENGTH as usize {
        return Err(FieldError::TooLong { max: DEFAULT_TEXT_LENGTH });
    }
    Ok(Some(to_nfc(text)))
}

/// Length as a reader counts it: a Vietnamese letter is one whether its marks are composed
/// (NFC) or typed as combining characters (NFD), so both spellings meet the same limit.
pub fn letters(text: &str) -> usize {
    text.chars().filter(|c| !('\u{0300}'..='\u{036F}').contains(c)).count()
}

fn matches_pattern(pattern: Pattern, text: &str) -> bool {
    let mark = |c: char| ('\u{0300}'..='\u{036F}').contains(&c);
    match pattern {
        Pattern::Digits => text.bytes().all(|b| b.is_ascii_digit()),
        Pattern::PersonalName => text.chars().all(|c| c.is_alphabetic() || mark(c) || " '’-.".contains(c)),
        Pattern::Reference => text.chars().all(|c| c.is_alphanumeric() || mark(c) || " /-.".contains(c)),
    }
}

/// A number as typed, and its canonical text. Integers may group thousands with dots, commas
/// or spaces (`500.000.000`: every group after the first has three digits, so it cannot be
/// mistaken for a decimal); decimals have one separator, comma (Vietnamese) or dot.
fn number(text: &str, decimal: bool) -> Option<(String, f64)> {
    let compact: String = text.chars().filter(|c| *c != ' ').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let canonical = if decimal {
        let mut parts = compact.split(['.', ',']);
        let (whole, fraction) = (parts.next()?, parts.next());
        if parts.next().is_some() || !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
            return None;
        }
        fraction.map_or_else(|| whole.to_string(), |f| format!("{whole}.{f}"))
    } else {
        let separator = compact.chars().find(|c| matches!(c, '.' | ','));
        let groups: Vec<&str> = separator.map_or_else(|| vec![compact.as_str()], |s| compact.split(s).collect());
        let grouped = groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
        if !grouped || !groups.iter().all(|g| digits(g)) {
            return None;
        }
        let joined = groups.concat();
        let trimmed = joined.trim_start_matches('0');
        if trimmed.is_empty() {
            "0".to_string()
        } else {
            trimmed.to_string()
        }
    };
    let value = canonical.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some((canonical, value))
}

/// Text is stored composed (NFC), however it was typed; the browser skips this (no
/// normalisation tables in the wasm bundle) and the server, which stores, does it.
fn to_nfc(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        use unicode_normalization::UnicodeNormalization;
        text.nfc().collect()
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}
