//! Finding a dossier by what its citizen knows: the code on the receipt and a second factor,
//! the phone number or the citizen ID given at submission. Codes are sequential by law, so the
//! code alone must open nothing. These types cross `POST /portal/v1/dossiers/lookup`.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use utoipa::ToSchema;

/// Longest field read; a longer one is no code or phone, and is refused unread.
pub const MAX_FIELD_CHARS: usize = 64;

/// `POST /portal/v1/dossiers/lookup`'s body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct LookupRequest {
    /// The dossier code as typed (any case, spaces, a missing dash where unambiguous).
    #[cfg_attr(feature = "ssr", schema(max_length = 64))]
    pub code: String,
    /// The phone number or the citizen ID given at submission.
    #[cfg_attr(feature = "ssr", schema(max_length = 64))]
    pub second_factor: String,
}

/// What a right code and second factor open: a fresh signed tracking token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(ToSchema))]
pub struct LookupAnswer {
    pub token: String,
}

/// The second factor as the digits to compare: a mobile number in its canonical `0…` form
/// (`+84 912.345.678` → `0912345678`), else the digits of a citizen ID with spaces, dots and
/// dashes dropped. `None` when it is neither (letters, nothing typed, far too long).
pub fn second_factor_digits(input: &str) -> Option<String> {
    if input.chars().count() > MAX_FIELD_CHARS {
        return None;
    }
    if let Some(phone) = super::form::ids::mobile_phone(input) {
        return Some(phone);
    }
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '.' | '-') && !c.is_whitespace()).collect();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_ids_are_compared_as_digits() {
        for typed in ["0912345678", "+84912345678", "+84 912 345 678", "0912.345.678", " 091-234-5678 "] {
            assert_eq!(second_factor_digits(typed).as_deref(), Some("0912345678"), "{typed:?}");
        }
        assert_eq!(second_factor_digits("025 195.001 234").as_deref(), Some("025195001234"));
        for bad in ["", "   ", "abc", "0912x45678", &"1".repeat(65)] {
            assert_eq!(second_factor_digits(bad), None, "{bad:?}");
        }
    }
}
