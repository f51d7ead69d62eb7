//! The identifiers Vietnamese forms ask for, checked by their published structure: citizen IDs,
//! mobile numbers, e-mail addresses and enterprise codes. Each parser returns the canonical form
//! that is stored, so "0912 345 678" and "+84 912.345.678" are the same number.

use super::{date::Date, Sex};
use serde::{Deserialize, Serialize};

/// Province codes that open a citizen ID (số định danh cá nhân): the province where the birth
/// was registered, from Appendix 1 of Circular 07/2016/TT-BCA (Ministry of Public Security),
/// the 63 provinces before the 2025 merger. IDs keep their code after the merger.
pub const CITIZEN_ID_PROVINCES: [(&str, &str); 63] = [
    ("001", "Hà Nội"),
    ("002", "Hà Giang"),
    ("004", "Cao Bằng"),
    ("006", "Bắc Kạn"),
    ("008", "Tuyên Quang"),
    ("010", "Lào Cai"),
    ("011", "Điện Biên"),
    ("012", "Lai Châu"),
    ("014", "Sơn La"),
    ("015", "Yên Bái"),
    ("017", "Hòa Bình"),
    ("019", "Thái Nguyên"),
    ("020", "Lạng Sơn"),
    ("022", "Quảng Ninh"),
    ("024", "Bắc Giang"),
    ("025", "Phú Thọ"),
    ("026", "Vĩnh Phúc"),
    ("027", "Bắc Ninh"),
    ("030", "Hải Dương"),
    ("031", "Hải Phòng"),
    ("033", "Hưng Yên"),
    ("034", "Thái Bình"),
    ("035", "Hà Nam"),
    ("036", "Nam Định"),
    ("037", "Ninh Bình"),
    ("038", "Thanh Hóa"),
    ("040", "Nghệ An"),
    ("042", "Hà Tĩnh"),
    ("044", "Quảng Bình"),
    ("045", "Quảng Trị"),
    ("046", "Thừa Thiên Huế"),
    ("048", "Đà Nẵng"),
    ("049", "Quảng Nam"),
    ("051", "Quảng Ngãi"),
    ("052", "Bình Định"),
    ("054", "Phú Yên"),
    ("056", "Khánh Hòa"),
    ("058", "Ninh Thuận"),
    ("060", "Bình Thuận"),
    ("062", "Kon Tum"),
    ("064", "Gia Lai"),
    ("066", "Đắk Lắk"),
    ("067", "Đắk Nông"),
    ("068", "Lâm Đồng"),
    ("070", "Bình Phước"),
    ("072", "Tây Ninh"),
    ("074", "Bình Dương"),
    ("075", "Đồng Nai"),
    ("077", "Bà Rịa – Vũng Tàu"),
    ("079", "Hồ Chí Minh"),
    ("080", "Long An"),
    ("082", "Tiền Giang"),
    ("083", "Bến Tre"),
    ("084", "Trà Vinh"),
    ("086", "Vĩnh Long"),
    ("087", "Đồng Tháp"),
    ("089", "An Giang"),
    ("091", "Kiên Giang"),
    ("092", "Cần Thơ"),
    ("093", "Hậu Giang"),
    ("094", "Sóc Trăng"),
    ("095", "Bạc Liêu"),
    ("096", "Cà Mau"),
];

/// Why a citizen ID cannot be the one asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CitizenIdProblem {
    /// Not 12 digits (spaces aside).
    NotTwelveDigits,
    /// The first three digits are no province's code.
    UnknownProvince,
    /// Digits 4 to 6 give a birth year after this one.
    BornInTheFuture,
    /// Digits 4 to 6 (century and year) do not match the date of birth given.
    BirthYearMismatch,
    /// Digit 4 is the other sex's.
    SexMismatch,
}

/// What the first six digits of a citizen ID say (Decree 137/2015/NĐ-CP art. 13: province,
/// then century and sex, then the last two digits of the birth year).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitizenId {
    /// The 12 digits.
    pub digits: String,
    /// The province where the birth was registered.
    pub province: &'static str,
    pub sex: Sex,
    pub birth_year: i32,
}

/// Reads a citizen ID (spaces and dots between groups allowed) and checks it against what the
/// form knows of its holder: their date of birth and sex, when answered.
pub fn citizen_id(
    input: &str,
    today: Date,
    birth: Option<Date>,
    sex: Option<Sex>,
) -> Result<CitizenId, CitizenIdProblem> {
    let digits = digits_only(input, &[' ', '.']).ok_or(CitizenIdProblem::NotTwelveDigits)?;
    if digits.len() != 12 {
        return Err(CitizenIdProblem::NotTwelveDigits);
    }
    let province = CITIZEN_ID_PROVINCES
        .iter()
        .find(|(code, _)| *code == &digits[..3])
        .map(|(_, name)| *name)
        .ok_or(CitizenIdProblem::UnknownProvince)?;
    // Digit 4: 0/1 born 1900–1999 male/female, 2/3 2000–2099, 4/5 2100–2199, and so on.
    let code = i32::from(digits.as_bytes()[3] - b'0');
    let year_in_century: i32 = digits[4..6].parse().map_err(|_| CitizenIdProblem::NotTwelveDigits)?;
    let birth_year = 1900 + 100 * (code / 2) + year_in_century;
    let id_sex = if code % 2 == 0 { Sex::Male } else { Sex::Female };
    if birth_year > today.year {
        return Err(CitizenIdProblem::BornInTheFuture);
    }
    if birth.is_some_and(|b| b.year != birth_year) {
        return Err(CitizenIdProblem::BirthYearMismatch);
    }
    if sex.is_some_and(|s| s != id_sex) {
        return Err(CitizenIdProblem::SexMismatch);
    }
    Ok(CitizenId { digits, province, sex: id_sex, birth_year })
}

/// Mobile prefixes in use after the 2018 move from 11 to 10 digits (Ministry of Information and
/// Communications plan): Viettel 032–039, 086, 096–098; VinaPhone 081–085, 088, 091, 094;
/// MobiFone 070, 076–079, 089, 090, 093; Vietnamobile 052, 056, 058, 092; Gmobile 059, 099;
/// Reddi 055; iTel 087. A new block is one entry here.
const MOBILE_PREFIXES: [&str; 36] = [
    "32", "33", "34", "35", "36", "37", "38", "39", "52", "55", "56", "58", "59", "70", "76", "77", "78", "79", "81",
    "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "96", "97", "98", "99",
];

/// A Vietnamese mobile number written `0…` or `+84…` (spaces, dots and hyphens between groups
/// allowed), as its canonical 10 digits `0xxxxxxxxx`; `None` when it is not one.
pub fn mobile_phone(input: &str) -> Option<String> {
    let trimmed = input.trim();
    let (international, rest) = match trimmed.strip_prefix("+84") {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let digits = digits_only(rest, &[' ', '.', '-'])?;
    let national = if international {
        // "+84 0912…" is a common mix of both ways of writing it.
        digits.strip_prefix('0').unwrap_or(&digits).to_string()
    } else {
        digits.strip_prefix('0')?.to_string()
    };
    (national.len() == 9 && MOBILE_PREFIXES.contains(&&national[..2])).then(|| format!("0{national}"))
}

/// An e-mail address that can receive mail: one `@`, a local part without spaces, a domain of
/// dot-separated labels (letters, digits, hyphens) with a dot in it; 254 characters at most.
/// Not RFC 5322 in full: quoted local parts are legal but nobody types them on a phone.
pub fn is_sane_email(input: &str) -> bool {
    let Some((local, domain)) = input.split_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    input.len() <= 254 && local_ok && domain_ok
}

/// An enterprise code (mã số doanh nghiệp, the enterprise's tax code): 10 digits, or for a
/// branch or representative office the parent's 10 digits, a hyphen and a 3-digit number from
/// 001 (Circular 105/2020/TT-BTC). Accepted with or without the hyphen; returned with it.
pub fn enterprise_code(input: &str) -> Option<String> {
    let compact: String = input.chars().filter(|c| *c != ' ').collect();
    let (main, branch) = match compact.split_once('-') {
        Some((main, branch)) => (main.to_string(), Some(branch.to_string())),
        None if compact.len() == 13 && compact.bytes().all(|b| b.is_ascii_digit()) => {
            (compact[..10].to_string(), Some(compact[10..].to_string()))
        }
        None => (compact, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if main.len() != 10 || !all_digits(&main) {
        return None;
    }
    match branch {
        None => Some(main),
        Some(b) if b.len() == 3 && all_digits(&b) && b != "000" => Some(format!("{main}-{b}")),
        Some(_) => None,
    }
}

/// `input` with the `separators` removed, when everything else is an ASCII digit.
fn digits_only(input: &str, separators: &[char]) -> Option<String> {
    let digits: String = input.trim().chars().filter(|c| !separators.contains(c)).collect();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = Date { year: 2025, month: 6, day: 1 };

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn citizen_ids_decode_province_century_sex_and_year() {
        let id = citizen_id("025090001234", TODAY, Some(date("1990-05-01")), Some(Sex::Male)).unwrap();
        assert_eq!((id.province, id.sex, id.birth_year), ("Phú Thọ", Sex::Male, 1990));
        // Spaces and dots between groups are how people copy it from the card.
        let id = citizen_id(" 017 190.001 234 ", TODAY, None, Some(Sex::Female)).unwrap();
        assert_eq!((id.digits.as_str(), id.province, id.birth_year), ("017190001234", "Hòa Bình", 1990));
        // Digit 4 = 2/3: born 2000–2099.
        let id = citizen_id("001305012345", TODAY, Some(date("2005-11-30")), Some(Sex::Female)).unwrap();
        assert_eq!((id.sex, id.birth_year), (Sex::Female, 2005));
        assert_eq!(CITIZEN_ID_PROVINCES.len(), 63);
        assert_eq!(CITIZEN_ID_PROVINCES.last(), Some(&("096", "Cà Mau")));
    }

    #[test]
    fn citizen_ids_that_cannot_be_the_holders_are_refused() {
        use CitizenIdProblem::*;
        let check = |id: &str, birth: Option<&str>, sex: Option<Sex>| {
            citizen_id(id, TODAY, birth.map(date), sex).map(|_| ()).unwrap_err()
        };
        assert_eq!(check("02509000123", None, None), NotTwelveDigits);
        assert_eq!(check("0250900012345", None, None), NotTwelveDigits);
        assert_eq!(check("02509000123A", None, None), NotTwelveDigits);
        assert_eq!(check("", None, None), NotTwelveDigits);
        assert_eq!(check("003090001234", None, None), UnknownProvince, "003 was never a province code");
        assert_eq!(check("000090001234", None, None), UnknownProvince);
        assert_eq!(check("097090001234", None, None), UnknownProvince);
        // Digit 4 = 2 with year 90: born 2090.
        assert_eq!(check("025290001234", None, None), BornInTheFuture);
        assert_eq!(check("025430001234", None, None), BornInTheFuture, "22nd century");
        // Century mismatch: born 2005 but digit 4 says the 1900s.
        assert_eq!(check("025005001234", Some("2005-01-01"), Some(Sex::Male)), BirthYearMismatch);
        assert_eq!(check("025090001234", Some("1991-01-01"), None), BirthYearMismatch);
        // Sex mismatch: digit 4 = 0 is a man born in the 1900s; = 3 a woman born in the 2000s.
        assert_eq!(check("025090001234", Some("1990-01-01"), Some(Sex::Female)), SexMismatch);
        assert_eq!(check("025305001234", Some("2005-01-01"), Some(Sex::Male)), SexMismatch);
    }

    #[test]
    fn mobile_numbers_in_every_usual_spelling() {
        for (typed, stored) in [
            ("0912345678", "0912345678"),
            ("0912 345 678", "0912345678"),
            ("+84 912 345 678", "0912345678"),
            ("+84912.345.678", "0912345678"),
            ("+84 0912 345 678", "0912345678"),
            ("091-234-5678", "0912345678"),
            ("0321234567", "0321234567"),
            (" 0868 123 456 ", "0868123456"),
            ("0587654321", "0587654321"),
            ("0701234567", "0701234567"),
        ] {
            assert_eq!(mobile_phone(typed).as_deref(), Some(stored), "{typed}");
        }
        for bad in [
            "0212345678",  // a landline area code
            "0512345678",  // 051 is not a mobile block
            "0712345678",  // nor 071
            "091234567",   // 9 digits
            "09123456789", // 11 digits (the pre-2018 length)
            "84912345678", // international without the +
            "+1 912 345 678",
            "0912-345-67a",
            "",
            "+84",
        ] {
            assert_eq!(mobile_phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn emails_must_be_sane() {
        for ok in ["ten@example.vn", "nguyen.van.a+dvc@mail.phutho.gov.vn", "A_B-1@sub-domain.example.com"] {
            assert!(is_sane_email(ok), "{ok}");
        }
        for bad in [
            "a@b",
            "a b@c.vn",
            "@c.vn",
            "a@.vn",
            "a@c..vn",
            "a..b@c.vn",
            ".a@c.vn",
            "nguyễn@c.vn",
            "a@c.v",
            "a@-c.vn",
            "a@@c.vn",
            "a@c.vn\u{0}",
        ] {
            assert!(!is_sane_email(bad), "{bad}");
        }
        assert!(!is_sane_email(&format!("{}@c.vn", "a".repeat(65))));
    }

    #[test]
    fn enterprise_codes_of_ten_or_thirteen_digits() {
        assert_eq!(enterprise_code("0101234567").as_deref(), Some("0101234567"));
        assert_eq!(enterprise_code("0101234567-001").as_deref(), Some("0101234567-001"));
        assert_eq!(enterprise_code("0101234567001").as_deref(), Some("0101234567-001"));
        assert_eq!(enterprise_code("0101 234 567 - 012").as_deref(), Some("0101234567-012"));
        for bad in [
            "010123456",
            "01012345678",
            "0101234567-000",
            "0101234567-01",
            "01012345a7",
            "0101234567-",
            "-001",
            "0101234567-001-002",
            "",
        ] {
            assert_eq!(enterprise_code(bad), None, "{bad}");
        }
    }
}
