//! How a citizen receives the result (hình thức trả kết quả): at the receiving agency's one-stop
//! counter, or by VNPost to an address for a fee the portal quotes. These are the types that
//! cross `/portal/v1`; the embedded portal's tariff and quoting are `server::portal::delivery`.

use super::types::{AdminUnit, LocalizedText};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// The values of the return page's fields (`data/forms/common/return.json`), which the pages
/// and the submission read.
pub mod fields {
    /// The id of the page that asks how the result is received.
    pub const PAGE: &str = "return";
    pub const METHOD: &str = "return_method";
    /// `return_method`'s value for delivery by post.
    pub const BY_POST: &str = "post";
    /// The delivery address's commune input (`address` kind: `<id>.commune`).
    pub const COMMUNE: &str = "return_address.commune";
    pub const ORIGINALS: &str = "return_originals_by_post";
}

/// The one-stop counter (Bộ phận Một cửa) of the receiving agency: where a result is collected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Counter {
    pub name: LocalizedText,
    /// Street address, in Vietnamese (as it is written on the building and in the post).
    pub address: String,
    /// When it is open, as a sentence.
    pub hours: LocalizedText,
}

/// What delivering a result by VNPost to one commune costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct PostalQuote {
    /// The fee in đồng, the originals' surcharge included.
    pub fee_vnd: u64,
    /// The commune-level unit delivered to.
    pub commune: AdminUnit,
    /// Whether the originals travel back with the result (and the surcharge is in the fee).
    pub originals_by_post: bool,
    /// True when the fee comes from a reference tariff, not from VNPost's contract prices.
    pub reference: bool,
    /// What the fee covers, to show beside it.
    pub description: LocalizedText,
}
