//! An application in progress (a draft), as the portal keeps it: every answer typed so far, valid
//! or not, so nothing a person typed is lost between pages, devices or a dropped connection.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// The answers of one section (a question page): field name → the values submitted for it
/// (one for a text box, several for checkboxes or repeated fields), exactly as typed.
pub type SectionAnswers = BTreeMap<String, Vec<String>>;

/// A draft application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Draft {
    /// The draft's secret id (128 random bits): whoever holds it may read and change the draft,
    /// so it travels only in a cookie and in requests to the portal, never in a page's URL.
    pub id: String,
    /// Short code a person can write down to resume on another device (80 random bits, Crockford
    /// base32 in groups of four, e.g. `7K2M-9QXD-4HRT-B1CW`).
    pub resume_code: String,
    pub procedure_code: String,
    /// Section name → its answers.
    pub answers: BTreeMap<String, SectionAnswers>,
    /// Bumped by every save, and by every file added or removed.
    pub revision: i64,
    /// Unix time (seconds) after which the draft is gone: 30 days after the last save.
    pub expires_at: i64,
    /// The code of the dossier this draft became when it was sent; `None` while it is being
    /// filled in. A sent draft takes no more changes.
    #[serde(default)]
    pub dossier_code: Option<String>,
}

impl Draft {
    /// Every answer as one map (sections are pages; input names are unique in a form).
    pub fn all_answers(&self) -> crate::portal::form::Answers {
        self.answers.values().flat_map(|section| section.iter().map(|(k, v)| (k.clone(), v.clone()))).collect()
    }

    /// An application still being filled in for `procedure_code`: for that procedure, not sent.
    pub fn in_progress_for(&self, procedure_code: &str) -> bool {
        self.procedure_code == procedure_code && self.dossier_code.is_none()
    }
}

/// Body of `POST /portal/v1/drafts`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct NewDraft {
    /// The procedure to apply for (it must accept online dossiers).
    #[cfg_attr(feature = "ssr", schema(max_length = 64, example = "1.001193"))]
    pub procedure_code: String,
}

/// Body of `PUT /portal/v1/drafts/{id}/sections/{section}`: the section's answers, replacing
/// what it held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct SaveSection {
    /// At most 200 fields of at most 50 values of at most 10,000 characters each.
    #[cfg_attr(feature = "ssr", schema(schema_with = section_answers_schema))]
    pub fields: SectionAnswers,
}

/// Bounds on one save, far above any real form: a draft is not a file store. Declared in the
/// OpenAPI document exactly as the portal enforces them.
pub const MAX_FIELDS: usize = 200;
pub const MAX_VALUES: usize = 50;
pub const MAX_VALUE_CHARS: usize = 10_000;

#[cfg(feature = "ssr")]
fn section_answers_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    let value = ObjectBuilder::new().schema_type(Type::String).max_length(Some(MAX_VALUE_CHARS));
    let values = ArrayBuilder::new().items(value).max_items(Some(MAX_VALUES));
    // No control character in a name (the portal refuses it: PostgreSQL cannot read a NUL back).
    let name = ObjectBuilder::new().schema_type(Type::String).pattern(Some(r"^[^\u0000-\u001F\u007F-\u009F]*$"));
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property_names(Some(name))
        .additional_properties(Some(values))
        .max_properties(Some(MAX_FIELDS))
        .description(Some("Field name → the values submitted for it, as typed"))
        .build()
}

/// Body of `POST /portal/v1/drafts/resume`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ResumeDraft {
    /// The resume code as typed (case, spaces and dashes do not matter).
    #[cfg_attr(feature = "ssr", schema(max_length = 64))]
    pub code: String,
}
