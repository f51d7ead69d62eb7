//! The portal API's contract: every type that crosses `/portal/v1`.
//!
//! Field names follow the national public-service database (procedure code, sector, implementing
//! level, online level, channels with processing time and fees, required documents with originals
//! and copies). Texts carry both languages because the law requires a Vietnamese and an English
//! site, and one response then serves both.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// A text in Vietnamese (always present) and English (may be empty when not yet translated).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct LocalizedText {
    pub vi: String,
    #[serde(default)]
    pub en: String,
}

impl LocalizedText {
    /// The text in the reader's language, falling back to Vietnamese, the authoritative one.
    pub fn get(&self, english: bool) -> &str {
        if english && !self.en.is_empty() {
            &self.en
        } else {
            &self.vi
        }
    }
}

/// Cấp thực hiện: which tier of government handles the procedure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImplementingLevel {
    Province,
    Commune,
}

impl ImplementingLevel {
    pub const ALL: [ImplementingLevel; 2] = [ImplementingLevel::Province, ImplementingLevel::Commune];

    pub fn as_str(self) -> &'static str {
        match self {
            ImplementingLevel::Province => "province",
            ImplementingLevel::Commune => "commune",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Mức độ dịch vụ công trực tuyến: 2 information only, 3 partial ("một phần"),
/// 4 full process ("toàn trình"). Serialised as the number the national portal uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum OnlineLevel {
    Information = 2,
    Partial = 3,
    Full = 4,
}

impl OnlineLevel {
    pub const ALL: [OnlineLevel; 3] = [OnlineLevel::Information, OnlineLevel::Partial, OnlineLevel::Full];

    pub fn number(self) -> u8 {
        self as u8
    }

    /// Whether a citizen can file this procedure online at all.
    pub fn accepts_online_dossiers(self) -> bool {
        self != OnlineLevel::Information
    }
}

impl TryFrom<u8> for OnlineLevel {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, String> {
        match n {
            2 => Ok(OnlineLevel::Information),
            3 => Ok(OnlineLevel::Partial),
            4 => Ok(OnlineLevel::Full),
            other => Err(format!("online level must be 2, 3 or 4, got {other}")),
        }
    }
}

impl From<OnlineLevel> for u8 {
    fn from(l: OnlineLevel) -> u8 {
        l.number()
    }
}

/// Declared as what crosses the wire, the integers 2, 3 and 4: the derive would declare the
/// variant names, which a generated client would then send and the API would refuse.
#[cfg(feature = "ssr")]
impl utoipa::PartialSchema for OnlineLevel {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .enum_values(Some(OnlineLevel::ALL.map(OnlineLevel::number)))
            .description(Some(
                "Online service level (mức độ dịch vụ công trực tuyến): 2 information only, \
                 3 partly online, 4 fully online.",
            ))
            .into()
    }
}

#[cfg(feature = "ssr")]
impl ToSchema for OnlineLevel {}

/// Cách thức thực hiện: 1 in person, 2 online, 3 public postal service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    InPerson,
    Online,
    Postal,
}

/// Unit of a processing time as the national database states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Ngày làm việc.
    WorkingDays,
    /// Ngày (calendar days).
    Days,
    /// Giờ làm việc.
    WorkingHours,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ProcessingTime {
    /// 0 means "the same working day" (trong ngày).
    pub amount: f32,
    pub unit: TimeUnit,
    /// A qualification, e.g. "extended by 5 days when verification is needed".
    #[serde(default)]
    pub note: LocalizedText,
}

/// Phí / lệ phí. Amounts are in Vietnamese đồng; 0 is free.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Fee {
    pub amount_vnd: u64,
    /// What the fee is for or when it applies (e.g. "per copy", "registering late").
    pub description: LocalizedText,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Channel {
    pub kind: ChannelKind,
    pub processing_time: ProcessingTime,
    #[serde(default)]
    pub fees: Vec<Fee>,
}

/// A form (mẫu đơn, tờ khai) the citizen fills in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct FormTemplate {
    pub name: String,
    /// Where to download it; empty when the portal has no copy (it is handed out at the counter).
    #[serde(default)]
    pub url: String,
}

/// Thành phần hồ sơ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct RequiredDocument {
    pub name: LocalizedText,
    /// Số bản chính.
    pub originals: u8,
    /// Số bản sao.
    pub copies: u8,
    pub mandatory: bool,
    #[serde(default)]
    pub form: Option<FormTemplate>,
    /// The case this document applies to (trường hợp), empty when it always applies.
    #[serde(default)]
    pub case: LocalizedText,
}

impl RequiredDocument {
    /// Whether this is the declaration (tờ khai) that the procedure's own e-form fills in on
    /// its pages (`own_eform`: the procedure declares its form; with the generic one, the
    /// declaration is still a paper to fill in and attach).
    pub fn filled_online(&self, own_eform: bool) -> bool {
        own_eform && self.form.is_some()
    }

    /// Whether a file must be attached before the application can be sent: mandatory for
    /// everyone (no case), and not filled in online. One mandatory only in a case (a child born
    /// in hospital) is the citizen's to judge: the documents page says when it is needed, and
    /// the office asks for it if it was. The documents page, "check your answers" and the
    /// portal's refusal to send all go by this one rule.
    pub fn must_upload(&self, own_eform: bool) -> bool {
        self.mandatory
            && !self.filled_online(own_eform)
            && self.case.vi.trim().is_empty()
            && self.case.en.trim().is_empty()
    }
}

/// Căn cứ pháp lý.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct LegalBasis {
    pub number: String,
    pub title: LocalizedText,
}

/// Lĩnh vực.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Sector {
    /// e.g. `G09-TP03` style codes of the national database, or a short slug.
    pub code: String,
    pub name: LocalizedText,
}

/// A sector with how many procedures it holds, for the home page and the filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct SectorCount {
    pub sector: Sector,
    pub procedures: u32,
}

/// Thủ tục hành chính, in full.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Procedure {
    /// Mã thủ tục, e.g. `1.001193`.
    pub code: String,
    pub name: LocalizedText,
    pub sector: Sector,
    pub levels: Vec<ImplementingLevel>,
    pub online_level: OnlineLevel,
    /// Whether one dossier feeds several agencies (thủ tục liên thông).
    #[serde(default)]
    pub interconnected: bool,
    pub channels: Vec<Channel>,
    pub documents: Vec<RequiredDocument>,
    pub steps: Vec<LocalizedText>,
    /// Đối tượng thực hiện.
    pub applicants: LocalizedText,
    /// Cơ quan thực hiện.
    pub agency: LocalizedText,
    /// Yêu cầu, điều kiện; empty when there are none.
    #[serde(default)]
    pub conditions: Vec<LocalizedText>,
    /// Kết quả thực hiện.
    pub result: LocalizedText,
    pub legal_basis: Vec<LegalBasis>,
    /// Names people use instead of the official one ("sổ đỏ"), searched but not shown as the title.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// What a search result shows: enough to pick the right procedure without opening it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ProcedureSummary {
    pub code: String,
    pub name: LocalizedText,
    pub sector: Sector,
    pub levels: Vec<ImplementingLevel>,
    pub online_level: OnlineLevel,
    /// The shortest processing time over the channels, for a quick comparison.
    pub processing_time: Option<ProcessingTime>,
    /// True when every channel is free of charge.
    pub free: bool,
}

impl From<&Procedure> for ProcedureSummary {
    fn from(p: &Procedure) -> Self {
        let processing_time =
            p.channels.iter().map(|c| c.processing_time.clone()).min_by(|a, b| a.amount.total_cmp(&b.amount));
        ProcedureSummary {
            code: p.code.clone(),
            name: p.name.clone(),
            sector: p.sector.clone(),
            levels: p.levels.clone(),
            online_level: p.online_level,
            processing_time,
            free: p.channels.iter().all(|c| c.fees.iter().all(|f| f.amount_vnd == 0)),
        }
    }
}

/// Query of `GET /portal/v1/procedures`.
///
/// The bounds declared on `page` and `per_page` are literals (utoipa reads no constants); the
/// portal enforces [`SearchQuery::MAX_PAGE`] and [`SearchQuery::MAX_PER_PAGE`], and a test checks
/// that the document states the same numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct SearchQuery {
    /// Free text: words of the name with or without diacritics, a folk name, or a procedure code.
    #[serde(default)]
    pub q: String,
    /// Sector code as `/sectors` lists it; an unknown one matches nothing, an empty one is no filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<ImplementingLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_level: Option<OnlineLevel>,
    /// 1-based page number (default 1); a page past the last one is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", param(minimum = 1, maximum = 2147483647))]
    pub page: Option<u32>,
    /// Results per page (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", param(minimum = 1, maximum = 100))]
    pub per_page: Option<u32>,
}

impl SearchQuery {
    /// Largest page number: `page` is an int32 in the document, what most generated clients use.
    pub const MAX_PAGE: u32 = i32::MAX as u32;
    /// Largest page a client may ask for.
    pub const MAX_PER_PAGE: u32 = 100;
}

/// One page of ranked search results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct SearchPage {
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
    pub items: Vec<ProcedureSummary>,
}

/// Kind of a commune-level unit after the 2025 reform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Phường.
    Ward,
    /// Xã.
    Commune,
    /// Đặc khu.
    SpecialZone,
}

/// Đơn vị hành chính cấp xã.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct AdminUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
}

/// The province the portal serves and its commune-level units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Province {
    pub code: String,
    pub name: String,
    pub units: Vec<AdminUnit>,
}

/// Error body of every non-2xx portal response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct ApiError {
    /// Stable machine code, e.g. `not_found`, `bad_request`.
    pub code: String,
    pub message: String,
}

impl ApiError {
    /// The error as JSON that is safe to carry what a client sent (see [`to_safe_json`]).
    pub fn to_safe_json(&self) -> String {
        to_safe_json(self)
    }
}

/// `value` as JSON in which `<`, `>`, `&` and invisible formatting characters are written as
/// `\uXXXX` escapes: the same JSON to a parser, but no byte of it reads as markup or reorders
/// text to anything that sniffs or shows it raw. (They can only occur inside JSON strings, so
/// this is sound.) For answers that echo what a person or a client typed.
pub fn to_safe_json<T: Serialize>(value: &T) -> String {
    use std::fmt::Write;
    let json = serde_json::to_string(value).unwrap_or_default();
    // Most answers have nothing to escape and are kept as written; the rest is copied in runs
    // between the characters escaped. (A copy and a `format!` per character cost ~15% of a
    // submission's instructions, partly on the database's one writer: bench/RESULTS.md.)
    let needs_escape =
        |c: char| if c.is_ascii() { matches!(c, '<' | '>' | '&') } else { crate::portal::input::is_invisible(c) };
    if !json.contains(needs_escape) {
        return json;
    }
    let (mut out, mut copied, mut units) = (String::with_capacity(json.len() + 16), 0, [0u16; 2]);
    for (at, found) in json.match_indices(needs_escape) {
        out.push_str(&json[copied..at]);
        for c in found.chars() {
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
        copied = at + found.len();
    }
    out.push_str(&json[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::to_safe_json;

    #[test]
    fn safe_json_escapes_markup_and_invisible_characters_and_reads_back_the_same() {
        let typed = vec!["Nguyễn <b>An</b> & co", "a\u{202E}b\u{200B}c", "plain", "\u{1F600} emoji <"];
        let json = to_safe_json(&typed);
        assert!(!json.contains(['<', '>', '&', '\u{202E}', '\u{200B}']), "{json}");
        assert!(json.contains("\\u003cb\\u003e") && json.contains("\\u202e") && json.contains("\u{1F600}"), "{json}");
        assert_eq!(serde_json::from_str::<Vec<String>>(&json).unwrap(), typed, "the same JSON to a parser");
        let plain = vec!["Hòa Bình", "Phú Thọ"];
        assert_eq!(to_safe_json(&plain), serde_json::to_string(&plain).unwrap(), "nothing to escape: as written");
    }
}
