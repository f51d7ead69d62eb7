//! Whether a form declaration makes sense before anyone fills it in: ids unique and usable as
//! input names, both languages present, options where choices are, rules that fit the kind, and
//! conditions and ID-holder references naming real fields. The embedded portal refuses to start
//! on a form that fails this, so a typo in `data/forms/` never reaches a citizen.

use super::{validate, FieldKind, ProcedureForm, Sex};
use crate::portal::types::LocalizedText;
use std::collections::HashSet;

/// Longest `max_length` a declaration may set: below what validation keeps of an input.
const MAX_DECLARED_LENGTH: u32 = 5_000;

/// What is wrong with a form declaration, naming the page or field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeclarationError {
    #[error("the form has no pages")]
    NoPages,
    #[error("page `{0}` has no fields")]
    EmptyPage(String),
    #[error("`{0}` is not a usable id (lowercase ASCII letters, digits and `_`, starting with a letter)")]
    BadId(String),
    #[error("id `{0}` is declared twice")]
    DuplicateId(String),
    #[error("`{0}` needs a label (or title) in both Vietnamese and English")]
    MissingText(String),
    #[error("field `{0}` is a select, radio or checkboxes field without options")]
    NoOptions(String),
    #[error("field `{0}` declares options but its kind takes none")]
    UnexpectedOptions(String),
    #[error("field `{0}` declares the option value `{1}` twice, or an empty one")]
    BadOption(String, String),
    #[error("field `{field}`: option list `{list}` is not in data/forms/options/")]
    UnresolvedOptions { field: String, list: String },
    #[error("field `{field}`: {problem}")]
    BadRules { field: String, problem: &'static str },
    #[error("`{at}` has a condition on `{field}`, which is not a choice field declared before it")]
    ConditionField { at: String, field: String },
    #[error("`{at}` has a condition on `{field}` = `{value}`, which is not one of its choices")]
    ConditionValue { at: String, field: String, value: String },
    #[error("field `{field}`: its holder's `{target}` is not a {expected} declared in this form")]
    BadHolder { field: String, target: String, expected: &'static str },
}

impl ProcedureForm {
    /// Every problem check finds first; `Ok` when the form can be served.
    pub fn check(&self) -> Result<(), DeclarationError> {
        if self.pages.is_empty() {
            return Err(DeclarationError::NoPages);
        }
        let mut ids = HashSet::new();
        // Conditions may only look back: this is what was declared so far.
        let mut declared: Vec<&super::Field> = Vec::new();
        for page in &self.pages {
            id(&page.id, &mut ids)?;
            both_languages(&page.title, &page.id)?;
            if page.fields.is_empty() {
                return Err(DeclarationError::EmptyPage(page.id.clone()));
            }
            if let Some(c) = &page.condition {
                condition(&page.id, &c.field, &c.equals, &declared)?;
            }
            for field in &page.fields {
                id(&field.id, &mut ids)?;
                both_languages(&field.label, &field.id)?;
                if let Some(c) = &field.condition {
                    condition(&field.id, &c.field, &c.equals, &declared)?;
                }
                options(field)?;
                rules(field)?;
                declared.push(field);
            }
        }
        // Holders may point forwards (the ID is often asked before the date of birth).
        for (_, field) in self.fields() {
            holder(field, &declared)?;
        }
        Ok(())
    }
}

fn id(id: &str, seen: &mut HashSet<String>) -> Result<(), DeclarationError> {
    let usable = id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !usable {
        return Err(DeclarationError::BadId(id.to_string()));
    }
    if !seen.insert(id.to_string()) {
        return Err(DeclarationError::DuplicateId(id.to_string()));
    }
    Ok(())
}

fn both_languages(text: &LocalizedText, what: &str) -> Result<(), DeclarationError> {
    match text.vi.trim().is_empty() || text.en.trim().is_empty() {
        true => Err(DeclarationError::MissingText(what.to_string())),
        false => Ok(()),
    }
}

fn options(field: &super::Field) -> Result<(), DeclarationError> {
    if let Some(list) = &field.options_from {
        return Err(DeclarationError::UnresolvedOptions { field: field.id.clone(), list: list.clone() });
    }
    let takes_options = matches!(field.kind, FieldKind::Select | FieldKind::Radio | FieldKind::Checkboxes);
    match (takes_options, field.options.is_empty()) {
        (true, true) => return Err(DeclarationError::NoOptions(field.id.clone())),
        (false, false) => return Err(DeclarationError::UnexpectedOptions(field.id.clone())),
        _ => {}
    }
    let mut values = HashSet::new();
    for option in &field.options {
        if option.value.trim().is_empty() || option.value.trim() != option.value || !values.insert(&option.value) {
            return Err(DeclarationError::BadOption(field.id.clone(), option.value.clone()));
        }
        both_languages(&option.label, &format!("{}={}", field.id, option.value))?;
    }
    Ok(())
}

fn rules(field: &super::Field) -> Result<(), DeclarationError> {
    let r = &field.rules;
    let text = matches!(field.kind, FieldKind::Text | FieldKind::Textarea);
    let number = matches!(field.kind, FieldKind::Integer | FieldKind::Decimal);
    let problem = if !text && (r.min_length.is_some() || r.max_length.is_some() || r.pattern.is_some()) {
        Some("length and pattern rules apply to text fields only")
    } else if !number && (r.min.is_some() || r.max.is_some()) {
        Some("min and max apply to number fields only")
    } else if field.kind != FieldKind::Date && r.not_in_future {
        Some("not_in_future applies to date fields only")
    } else if r.max_length.is_some_and(|m| m == 0 || m > MAX_DECLARED_LENGTH) {
        Some("max_length must be from 1 to 5000")
    } else if text && r.min_length.is_some_and(|min| min > validate::max_length(field)) {
        Some("min_length is above max_length")
    } else if r.min.zip(r.max).is_some_and(|(a, b)| a > b) || [r.min, r.max].iter().flatten().any(|v| !v.is_finite()) {
        Some("min and max must be finite numbers, min not above max")
    } else if field.holder.is_some() && field.kind != FieldKind::CitizenId {
        Some("only a citizen ID field has a holder")
    } else if field.autocomplete.is_some_and(|a| !autocomplete_fits(a, field.kind)) {
        Some("autocomplete: name for text, bday for a date, tel for a phone, email for an e-mail, address for an address")
    } else {
        None
    };
    problem.map_or(Ok(()), |problem| Err(DeclarationError::BadRules { field: field.id.clone(), problem }))
}

fn autocomplete_fits(purpose: super::Autocomplete, kind: FieldKind) -> bool {
    use super::Autocomplete::*;
    match purpose {
        Name | ShippingName => kind == FieldKind::Text,
        Bday => kind == FieldKind::Date,
        Tel | ShippingTel => kind == FieldKind::Phone,
        Email => kind == FieldKind::Email,
        Address | ShippingAddress => kind == FieldKind::Address,
    }
}

fn condition(at: &str, field: &str, value: &str, declared: &[&super::Field]) -> Result<(), DeclarationError> {
    let target = declared.iter().find(|f| f.id == field && f.kind.is_choice());
    let Some(target) = target else {
        return Err(DeclarationError::ConditionField { at: at.to_string(), field: field.to_string() });
    };
    if !target.choices().contains(&value) {
        return Err(DeclarationError::ConditionValue {
            at: at.to_string(),
            field: field.to_string(),
            value: value.to_string(),
        });
    }
    Ok(())
}

fn holder(field: &super::Field, all: &[&super::Field]) -> Result<(), DeclarationError> {
    let Some(holder) = &field.holder else { return Ok(()) };
    let bad = |target: &str, expected| DeclarationError::BadHolder {
        field: field.id.clone(),
        target: target.to_string(),
        expected,
    };
    if let Some(target) = &holder.birth_date_field {
        if !all.iter().any(|f| f.id == *target && f.kind == FieldKind::Date) {
            return Err(bad(target, "date field"));
        }
    }
    if let Some(target) = &holder.sex_field {
        let sexes = [Sex::Male, Sex::Female].map(Sex::value);
        let is_sex =
            |f: &super::Field| f.id == *target && f.kind.is_choice() && sexes.iter().all(|s| f.choices().contains(s));
        if holder.sex.is_some() || !all.iter().copied().any(is_sex) {
            return Err(bad(target, "field with the options `male` and `female` (and no fixed sex)"));
        }
    }
    Ok(())
}
