//! A procedure's own e-form, declared as data: pages of fields with their type, labels, hints,
//! rules, options and conditions. The pages of the apply wizard are rendered from this and the
//! answers are checked against it (`validate`), so no procedure has a hand-written page.
//!
//! The declarations live in `data/forms/` on the embedded portal and cross `/portal/v1` as
//! [`ProcedureForm`]; a real provincial portal can serve its own.

mod check;
pub mod date;
pub mod ids;
mod validate;

#[cfg(test)]
mod tests;

pub use check::DeclarationError;
pub use validate::{validate, validate_pages, visible_fields, Context, FieldError, InputError, Validated};

use super::types::LocalizedText;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// What a citizen sent: input name → the value(s) under that name, as an HTML form posts them.
/// Most fields have one input named by the field id; an address has `{id}.province`,
/// `{id}.commune` and `{id}.street`; checkboxes send one value per ticked box.
pub type Answers = BTreeMap<String, Vec<String>>;

/// The e-form of one procedure, as `GET /portal/v1/procedures/{code}/form` returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ProcedureForm {
    /// The procedure this form is for.
    pub procedure: String,
    /// True when the procedure declares no form of its own and this is the generic one.
    pub generic: bool,
    /// One question group per page, in order.
    pub pages: Vec<FormPage>,
}

/// One page of the wizard: a question group with a title.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct FormPage {
    /// Stable id, used in the page's address.
    pub id: String,
    pub title: LocalizedText,
    /// A sentence under the title; empty when there is none.
    #[serde(default)]
    pub hint: LocalizedText,
    /// The whole page is asked only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    pub fields: Vec<Field>,
}

/// One question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Field {
    /// Unique within the form; the input's name (an address adds `.province` and so on).
    pub id: String,
    pub kind: FieldKind,
    pub label: LocalizedText,
    #[serde(default)]
    pub hint: LocalizedText,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub rules: Rules,
    /// The choices of a select, radio or checkboxes field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<FieldOption>,
    /// A shared option list in `data/forms/options/` (e.g. `ethnicities`), resolved into
    /// `options` when the portal loads the form; never sent.
    #[serde(default, skip_serializing)]
    pub options_from: Option<String>,
    /// The field is asked only when this holds; a hidden field is neither required nor kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    /// For a citizen ID: what its digits are checked against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<Holder>,
    /// What the browser may fill in from what it knows of the person (WCAG 1.3.5). Declared only
    /// for the applicant's own details and where the result is sent: a parent's name or address
    /// must not be filled in with the applicant's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<Autocomplete>,
}

/// The purposes a field may declare, as HTML's `autocomplete` tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Autocomplete {
    /// The person's own name, date of birth (a `date`), phone, e-mail or address.
    Name,
    Bday,
    Tel,
    Email,
    Address,
    /// Where the result is delivered: the recipient, their phone, the address.
    ShippingName,
    ShippingTel,
    ShippingAddress,
}

impl Autocomplete {
    /// The token of a one-input field (a date's boxes add `-day`, `-month`, `-year`).
    pub fn token(self) -> &'static str {
        match self {
            Autocomplete::Name => "name",
            Autocomplete::Bday => "bday",
            Autocomplete::Tel => "tel",
            Autocomplete::Email => "email",
            Autocomplete::ShippingName => "shipping name",
            Autocomplete::ShippingTel => "shipping tel",
            Autocomplete::Address | Autocomplete::ShippingAddress => self.address()[2],
        }
    }

    /// An address's province, commune and street inputs.
    pub fn address(self) -> [&'static str; 3] {
        match self {
            Autocomplete::ShippingAddress => {
                ["shipping address-level1", "shipping address-level2", "shipping street-address"]
            }
            _ => ["address-level1", "address-level2", "street-address"],
        }
    }
}

/// What a field asks for; each kind has its own input and its own check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text (line breaks are kept).
    Textarea,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A whole number; thousands may be grouped with dots or spaces (`500.000.000`).
    Integer,
    /// A number with an optional decimal part after a comma or a dot (`85,5`).
    Decimal,
    /// One of `options`, as a drop-down list.
    Select,
    /// One of `options`, as radio buttons.
    Radio,
    /// Any number of `options`, as checkboxes.
    Checkboxes,
    /// `yes` or `no`.
    YesNo,
    /// A Vietnamese mobile number.
    Phone,
    /// An e-mail address.
    Email,
    /// A 12-digit citizen ID (số định danh cá nhân / CCCD).
    CitizenId,
    /// A 10-digit enterprise code, or 13 digits for a branch.
    EnterpriseCode,
    /// Province + commune/ward + street and house number.
    Address,
}

impl FieldKind {
    /// Kinds whose answer is one of declared values, which a condition can test.
    pub fn is_choice(self) -> bool {
        matches!(self, FieldKind::Select | FieldKind::Radio | FieldKind::Checkboxes | FieldKind::YesNo)
    }
}

/// The value a `yes_no` field sends when answered yes, and when answered no.
pub const YES: &str = "yes";
pub const NO: &str = "no";

/// The parts of an address, each its own input named `{field id}.{part}`.
pub const ADDRESS_PARTS: [&str; 3] = ["province", "commune", "street"];

/// Limits beyond the kind's own check; all optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Rules {
    /// Shortest text, in letters (a Vietnamese letter with its marks counts once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// Longest text, in letters. Defaults: 200 for text, 2000 for a text area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Smallest number (integer and decimal fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest number (integer and decimal fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// What characters a text may hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Pattern>,
    /// For a date: it may not be after today (a birth date, a date something happened).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_in_future: bool,
}

/// Named patterns instead of regular expressions: the same check in the browser and on the
/// server without a regex engine in the wasm bundle, and a message that says how to fix it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Digits only (a plot number, a map sheet number).
    Digits,
    /// A person's name: letters (with Vietnamese marks), spaces, apostrophes, hyphens and dots.
    PersonalName,
    /// A reference: letters, digits, spaces and `/ - .` (a document number such as `12/2024/QĐ-UBND`).
    Reference,
}

/// One choice of a select, radio or checkboxes field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct FieldOption {
    /// What the input sends.
    pub value: String,
    pub label: LocalizedText,
}

/// "Only if field `field` is `equals`" (for checkboxes: "only if `equals` is ticked").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Condition {
    /// The id of a choice field declared earlier in the form.
    pub field: String,
    pub equals: String,
}

/// The person a citizen ID belongs to, as the form knows them, so the ID's century, sex and
/// birth-year digits can be checked against what was answered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Holder {
    /// The id of the date field holding their date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date_field: Option<String>,
    /// The id of the field holding their sex (options `male` and `female`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex_field: Option<String>,
    /// Their sex when the form fixes it (the mother's ID is a woman's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The value a sex field sends for it.
    pub fn value(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    pub fn parse(value: &str) -> Option<Sex> {
        [Sex::Male, Sex::Female].into_iter().find(|s| s.value() == value)
    }
}

impl Field {
    /// The names of this field's inputs, as they appear in [`Answers`] and in error links.
    pub fn input_names(&self) -> Vec<String> {
        match self.kind {
            FieldKind::Address => ADDRESS_PARTS.iter().map(|part| format!("{}.{part}", self.id)).collect(),
            _ => vec![self.id.clone()],
        }
    }

    /// The values a choice field may send.
    pub fn choices(&self) -> Vec<&str> {
        match self.kind {
            FieldKind::YesNo => vec![YES, NO],
            _ => self.options.iter().map(|o| o.value.as_str()).collect(),
        }
    }
}

impl ProcedureForm {
    /// Every field, page after page, in the order they are asked.
    pub fn fields(&self) -> impl Iterator<Item = (&FormPage, &Field)> {
        self.pages.iter().flat_map(|page| page.fields.iter().map(move |field| (page, field)))
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().map(|(_, f)| f).find(|f| f.id == id)
    }
}
