//! The dossier code (mã hồ sơ) in the legal format `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`
//! (Decree 61/2018/NĐ-CP art. 26, Circular 01/2018/TT-VPCP art. 19): the receiving agency's
//! code, the Vietnam date received and the day's 4-digit number, e.g. `000.00.01.H22-250314-0007`.

use std::fmt;
use std::str::FromStr;
use time::{Date, Month};

/// Numbers are 4 digits: a day has at most this many dossiers per agency.
pub const MAX_DAILY_NUMBER: u16 = 9999;

/// The length of `000.00.01.H22`.
const AGENCY_LEN: usize = 13;

/// Far longer than any code however it is typed; longer input is refused before it is looked at.
const MAX_INPUT_LEN: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DossierCodeError {
    #[error("an agency code looks like 000.00.01.H25 (3, 2 and 2 digits, then a letter and 2 digits)")]
    InvalidAgency,
    #[error("a dossier code looks like 000.00.01.H25-250314-0007")]
    Malformed,
    #[error("the date in the dossier code does not exist")]
    InvalidDate,
    #[error("the number in a dossier code is from 0001 to 9999")]
    InvalidNumber,
}

/// The receiving agency's code, `V1V2V3.Z1Z2.Y1Y2.MX1X2`, upper case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AgencyCode(String);

impl AgencyCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for AgencyCode {
    type Err = DossierCodeError;

    /// Surrounding spaces and lower case are accepted (the code comes from configuration).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let code = text.trim().to_ascii_uppercase();
        let b = code.as_bytes();
        let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
        let valid = b.len() == AGENCY_LEN
            && digits(0..3)
            && b[3] == b'.'
            && digits(4..6)
            && b[6] == b'.'
            && digits(7..9)
            && b[9] == b'.'
            && b[10].is_ascii_uppercase()
            && digits(11..13);
        valid.then_some(AgencyCode(code)).ok_or(DossierCodeError::InvalidAgency)
    }
}

impl fmt::Display for AgencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A dossier code; its parts are valid by construction, and it displays in the legal format.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DossierCode {
    agency: AgencyCode,
    received: Date,
    number: u16,
}

impl DossierCode {
    /// The code of the `number`-th dossier received on `received` (a Vietnam date) by `agency`.
    pub fn new(agency: AgencyCode, received: Date, number: u16) -> Result<DossierCode, DossierCodeError> {
        if !(1..=MAX_DAILY_NUMBER).contains(&number) {
            return Err(DossierCodeError::InvalidNumber);
        }
        // YYMMDD only holds years 2000–2099.
        if !(2000..=2099).contains(&received.year()) {
            return Err(DossierCodeError::InvalidDate);
        }
        Ok(DossierCode { agency, received, number })
    }

    pub fn agency(&self) -> &AgencyCode {
        &self.agency
    }

    pub fn received(&self) -> Date {
        self.received
    }

    pub fn number(&self) -> u16 {
        self.number
    }

    /// Reads a code as a person types it: any case, spaces anywhere, a dash of any kind, the
    /// number without its leading zeros after a dash, and a missing dash where the parts'
    /// fixed lengths make the split certain (`000.00.01.H222503140007`).
    pub fn parse(input: &str) -> Result<DossierCode, DossierCodeError> {
        if input.len() > MAX_INPUT_LEN * 4 {
            return Err(DossierCodeError::Malformed);
        }
        let text: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if matches!(c, '–' | '—' | '‐' | '‑' | '−') { '-' } else { c.to_ascii_uppercase() })
            .collect();
        if text.len() > MAX_INPUT_LEN || !text.is_ascii() || text.len() < AGENCY_LEN {
            return Err(DossierCodeError::Malformed);
        }
        let (agency, rest) = text.split_at(AGENCY_LEN);
        let agency: AgencyCode = agency.parse()?;
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        let (date, number) = match rest.split_once('-') {
            Some((date, number)) if (1..=4).contains(&number.len()) => (date, number),
            Some(_) => return Err(DossierCodeError::Malformed),
            None if rest.len() == 10 => rest.split_at(6),
            None => return Err(DossierCodeError::Malformed),
        };
        if date.len() != 6 || !date.bytes().chain(number.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(DossierCodeError::Malformed);
        }
        let part = |range: std::ops::Range<usize>| date[range].parse::<u8>().expect("two ASCII digits");
        let month = Month::try_from(part(2..4)).map_err(|_| DossierCodeError::InvalidDate)?;
        let received = Date::from_calendar_date(2000 + i32::from(part(0..2)), month, part(4..6))
            .map_err(|_| DossierCodeError::InvalidDate)?;
        DossierCode::new(agency, received, number.parse().map_err(|_| DossierCodeError::InvalidNumber)?)
    }
}

impl FromStr for DossierCode {
    type Err = DossierCodeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DossierCode::parse(text)
    }
}

impl fmt::Display for DossierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.received;
        write!(f, "{}-{:02}{:02}{:02}-{:04}", self.agency, d.year() % 100, u8::from(d.month()), d.day(), self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(code: &str) -> AgencyCode {
        code.parse().unwrap()
    }

    fn code(received: (i32, u8, u8), number: u16) -> DossierCode {
        let date = Date::from_calendar_date(received.0, Month::try_from(received.1).unwrap(), received.2).unwrap();
        DossierCode::new(agency("000.00.01.H22"), date, number).unwrap()
    }

    #[test]
    fn agency_codes_have_the_legal_shape() {
        assert_eq!(agency(" 000.00.01.h25 ").as_str(), "000.00.01.H25");
        for bad in
            ["", "000.00.01.H2", "000.00.01.225", "00.000.01.H22", "000-00-01-H22", "000.00.01.H22X", "OOO.00.01.H22"]
        {
            assert_eq!(bad.parse::<AgencyCode>(), Err(DossierCodeError::InvalidAgency), "{bad}");
        }
    }

    #[test]
    fn codes_display_in_the_legal_format() {
        assert_eq!(code((2025, 3, 14), 7).to_string(), "000.00.01.H22-250314-0007");
        assert_eq!(code((2026, 12, 1), 9999).to_string(), "000.00.01.H22-261201-9999");
        assert_eq!(code((2030, 1, 2), 120).to_string(), "000.00.01.H22-300102-0120");
    }

    #[test]
    fn numbers_and_years_outside_the_format_are_refused() {
        let day = Date::from_calendar_date(2025, Month::March, 14).unwrap();
        assert_eq!(DossierCode::new(agency("000.00.01.H22"), day, 0), Err(DossierCodeError::InvalidNumber));
        assert_eq!(DossierCode::new(agency("000.00.01.H22"), day, 10_000), Err(DossierCodeError::InvalidNumber));
        let old = Date::from_calendar_date(1999, Month::December, 31).unwrap();
        assert_eq!(DossierCode::new(agency("000.00.01.H22"), old, 1), Err(DossierCodeError::InvalidDate));
    }

    #[test]
    fn parsing_forgives_what_people_type() {
        let expected = code((2025, 3, 14), 7);
        for typed in [
            "000.00.01.H22-250314-0007",
            "000.00.01.h22-250314-0007",
            "  000.00.01.H22 - 250314 - 0007 ",
            "000. 00. 01. H22-250314-0007",
            "000.00.01.H22–250314—0007",
            "000.00.01.H22-250314-7",
            "000.00.01.H22250314-0007",
            "000.00.01.H22-2503140007",
            "000.00.01.H222503140007",
            "000.00.01.H22\u{a0}250314\t0007",
            "000.00.01.H22 250314 0007",
            "000.00.01.h22-2503140007",
        ] {
            assert_eq!(DossierCode::parse(typed), Ok(expected.clone()), "{typed:?}");
        }
        // What it prints it reads back.
        assert_eq!(DossierCode::parse(&expected.to_string()), Ok(expected));
    }

    #[test]
    fn parsing_refuses_what_is_not_a_code() {
        use DossierCodeError::*;
        for (typed, error) in [
            ("", Malformed),
            ("0007", Malformed),
            ("000.00.01.H22", Malformed),
            ("000.00.01.H22-250314", Malformed),
            ("000.00.01.H22-250314-00007", Malformed),
            ("000.00.01.H22-25031-40007", Malformed),
            ("000.00.01.H2225031400071", Malformed),
            ("000.00.01.H22-250314-00a7", Malformed),
            ("000.00.01.H22-250314-0007-1", Malformed),
            ("000.00.01.H22--250314-0007", Malformed),
            ("000.00.01.Ḣ22-250314-0007", Malformed),
            ("000.00.01.122-250314-0007", InvalidAgency),
            ("000.00.01.H22-251314-0007", InvalidDate),
            ("000.00.01.H22-250230-0007", InvalidDate),
            ("000.00.01.H22-250314-0000", InvalidNumber),
            ("000.00.01.H22-250314-0", InvalidNumber),
        ] {
            assert_eq!(DossierCode::parse(typed), Err(error), "{typed:?}");
        }
        assert_eq!(DossierCode::parse(&"0".repeat(10_000)), Err(Malformed));
        assert_eq!(DossierCode::parse(&" ".repeat(200)), Err(Malformed));
    }
}
