//! The citizen's satisfaction rating of a dossier's handling (Decree 61/2018 art. 31), once per
//! dossier after completion: the indicators the national portal asks, each scored 2/1/0 — the time
//! taken against the legal limit (worked out from the dates, never typed), how many times the
//! citizen had to contact the office, how many offices, the staff's attitude — then the ease of
//! the online service and overall satisfaction, and an optional comment.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// Longest comment kept (cleaned with `input::clean_lines`).
pub const MAX_COMMENT_CHARS: usize = 1000;

/// The three indicators the citizen scores, by their form names.
pub const SCORED: [&str; 3] = ["contacts", "offices", "attitude"];
/// The two satisfaction questions, by their form names.
pub const SATISFACTION: [&str; 2] = ["ease", "overall"];

/// Very satisfied / satisfied / unsatisfied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    VerySatisfied,
    Satisfied,
    Unsatisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] =
        [Satisfaction::VerySatisfied, Satisfaction::Satisfied, Satisfaction::Unsatisfied];

    pub fn code(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "very_satisfied",
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Unsatisfied => "unsatisfied",
        }
    }

    pub fn parse(code: &str) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What the citizen answers. Scores are 2 (best), 1 or 0.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingAnswers {
    /// Times the citizen had to contact the office: 2 once, 1 twice, 0 three times or more.
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 2))]
    #[serde(deserialize_with = "whole")]
    pub contacts: u8,
    /// Offices the citizen had to go to: 2 one, 1 two, 0 three or more.
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 2))]
    #[serde(deserialize_with = "whole")]
    pub offices: u8,
    /// The staff's attitude: 2 polite and helpful, 1 acceptable, 0 not.
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 2))]
    #[serde(deserialize_with = "whole")]
    pub attitude: u8,
    /// Ease of the online service.
    pub ease: Satisfaction,
    pub overall: Satisfaction,
    /// Optional, at most 1000 characters once cleaned.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(max_length = 1000))]
    pub comment: Option<String>,
}

/// A score as JSON sends it: `1` or `1.0` alike (both are the integer 1); anything not a whole
/// number from 0 to 255 is refused (the range 0-2 is checked after, as a 422).
fn whole<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let n = f64::deserialize(d)?;
    if n.fract() == 0.0 && (0.0..=255.0).contains(&n) {
        Ok(n as u8)
    } else {
        Err(serde::de::Error::custom("a score is 0, 1 or 2"))
    }
}

impl RatingAnswers {
    /// The first score outside 0..=2, by name.
    pub fn out_of_range(&self) -> Option<&'static str> {
        SCORED.into_iter().zip([self.contacts, self.offices, self.attitude]).find(|(_, s)| *s > 2).map(|(n, _)| n)
    }
}

/// A stored rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct Rating {
    /// Time taken against the legal limit, from the dates: 2 by the due date on the receipt, 1 by
    /// the new date of an apology, 0 later.
    pub time: u8,
    pub answers: RatingAnswers,
    /// ISO 8601 in Vietnam time.
    pub rated_at: String,
}

/// `GET …/rating`: the time score the form shows (from the dates), and the rating once given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct RatingView {
    /// The dossier can be rated: processing is complete (status 9 or 10).
    pub open: bool,
    /// As in [`Rating::time`]; `None` before completion.
    pub time: Option<u8>,
    pub rating: Option<Rating>,
}
