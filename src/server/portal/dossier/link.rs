//! Signed tracking links: the token in `/track/{token}` and in the receipt's QR code.
//!
//! Two forms, both a MAC of the text `{dossier code}|{expiry}` (expiry in Unix seconds) made with
//! HMAC-SHA256 and the dossier's own `link_key` (32 random bytes, hex in `dossiers.link_key`):
//! - long, `{payload}.{mac}`: that text and the whole MAC, both base64url without padding; for
//!   links given out later (a lookup, a message), whose expiry counts from when they are given;
//! - short, `{dossier code}.{tag}`: the code as printed and the MAC's first 80 bits in Crockford
//!   base32, the expiry read from the date in the code. The receipt's link: every character is
//!   in a QR code's alphanumeric set and there are about half as many, so the code printed on
//!   the receipt has a third of the modules (bigger ones for a cheap camera) and costs a third
//!   to draw. 80 bits, as a resume code, against guessers the rate limit already holds back.
//!
//! The code is in the clear on purpose: it is printed on the receipt anyway, and it lets the
//! portal find the one key to check with. A key per dossier means one leaked key opens one
//! dossier, and a dossier's links can be revoked by replacing its key. The MAC is checked in
//! constant time; a forged, expired, malformed or unknown token is one and the same "not found".

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::Duration;

use super::due::VIETNAM;
use crate::portal::dossier_code::DossierCode;
use crate::server::portal::base32;

/// How long a tracking link works: a year covers every processing time in the catalogue, and a
/// receipt kept in a drawer still opens its page when the result is collected.
pub const LINK_LIFETIME_SECONDS: i64 = 366 * 24 * 60 * 60;

/// Bytes of the MAC a short token keeps.
const SHORT_TAG_BYTES: usize = 10;

/// Longest token read; anything longer is refused before it is decoded.
const MAX_TOKEN_LEN: usize = 256;

type HmacSha256 = Hmac<Sha256>;

/// A fresh random key for a new dossier, hex-encoded for the database.
pub fn new_link_key() -> Result<String, getrandom::Error> {
    let mut key = [0u8; 32];
    getrandom::getrandom(&mut key)?;
    Ok(crate::server::portal::hex(&key))
}

fn mac(key_hex: &str) -> Option<HmacSha256> {
    let key: Vec<u8> = (0..key_hex.len())
        .step_by(2)
        .map(|i| key_hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<_>>()?;
    (!key.is_empty()).then(|| HmacSha256::new_from_slice(&key).ok()).flatten()
}

/// The token for `code`, valid until `expires_at` (Unix seconds), signed with `key_hex`.
pub fn sign(code: &str, expires_at: i64, key_hex: &str) -> Option<String> {
    let payload = format!("{code}|{expires_at}");
    let mut mac = mac(key_hex)?;
    mac.update(payload.as_bytes());
    let tag = mac.finalize().into_bytes();
    Some(format!("{}.{}", URL_SAFE_NO_PAD.encode(payload), URL_SAFE_NO_PAD.encode(tag)))
}

/// The short token of `code` (the receipt's): valid a lifetime from the end of the day the
/// code says it was received, so never shorter than a long token signed when it was.
pub fn sign_short(code: &DossierCode, key_hex: &str) -> Option<String> {
    let text = code.to_string();
    let mut mac = mac(key_hex)?;
    mac.update(format!("{text}|{}", short_expiry(code)).as_bytes());
    let tag = mac.finalize().into_bytes();
    Some(format!("{text}.{}", base32::encode(&tag[..SHORT_TAG_BYTES])))
}

fn short_expiry(code: &DossierCode) -> i64 {
    let day_after = code.received().midnight().assume_offset(VIETNAM) + Duration::days(1);
    day_after.unix_timestamp() + LINK_LIFETIME_SECONDS
}

/// What a token claims before it is verified: the dossier code (to find its key) and the expiry.
#[derive(Debug, PartialEq, Eq)]
pub struct Claim {
    pub code: String,
    pub expires_at: i64,
    payload: Vec<u8>,
    tag: Vec<u8>,
    /// A short token's tag is the MAC's first bytes; a long one's the whole MAC.
    short: bool,
}

/// Reads a token without trusting it; `None` when it is not one, or has expired at `now`.
pub fn read(token: &str, now: i64) -> Option<Claim> {
    if token.len() > MAX_TOKEN_LEN {
        return None;
    }
    let (head, tag) = token.rsplit_once('.')?;
    if head.contains('.') {
        return read_short(head, tag, now);
    }
    let (payload, tag) = (head, tag);
    let payload = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
    let text = std::str::from_utf8(&payload).ok()?;
    let (code, expiry) = text.split_once('|')?;
    // Only a dossier code as this portal writes one is looked up: a forged payload's "code" (a NUL,
    // say, which PostgreSQL refuses in text) never reaches the database.
    DossierCode::parse(code).ok().filter(|c| c.to_string() == code)?;
    let (code, expires_at) = (code.to_string(), expiry.parse::<i64>().ok()?);
    (expires_at > now).then_some(Claim { code, expires_at, payload, tag, short: false })
}

/// A short token's parts: the code exactly as [`sign_short`] writes it, 16 base32 characters.
fn read_short(code: &str, tag: &str, now: i64) -> Option<Claim> {
    let parsed = DossierCode::parse(code).ok().filter(|c| c.to_string() == code)?;
    let tag = base32::decode(tag).filter(|t| t.len() == SHORT_TAG_BYTES && tag.len() == 16)?;
    let expires_at = short_expiry(&parsed);
    let payload = format!("{code}|{expires_at}").into_bytes();
    (expires_at > now).then_some(Claim { code: code.to_string(), expires_at, payload, tag, short: true })
}

impl Claim {
    /// Whether the dossier's key signed this token (constant-time comparison).
    pub fn verify(&self, key_hex: &str) -> bool {
        let Some(mut mac) = mac(key_hex) else { return false };
        mac.update(&self.payload);
        if self.short {
            mac.verify_truncated_left(&self.tag).is_ok()
        } else {
            mac.verify_slice(&self.tag).is_ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_token_verifies_with_its_key_only() {
        let key = new_link_key().unwrap();
        let token = sign("000.00.01.H25-250314-0007", 2_000_000_000, &key).unwrap();
        assert!(crate::portal::dossier::Receipt::is_token_shaped(&token), "{token}");
        let claim = read(&token, 1_000).unwrap();
        assert_eq!((claim.code.as_str(), claim.expires_at), ("000.00.01.H25-250314-0007", 2_000_000_000));
        assert!(claim.verify(&key));
        assert!(!claim.verify(&new_link_key().unwrap()), "another dossier's key");
        assert!(!claim.verify("not hex"));
    }

    #[test]
    fn expired_tampered_and_malformed_tokens_are_refused() {
        let key = new_link_key().unwrap();
        let token = sign("000.00.01.H25-250314-0007", 5_000, &key).unwrap();
        assert!(read(&token, 5_000).is_none(), "expired");
        // A later expiry written into the payload no longer matches the MAC.
        let (_, tag) = token.split_once('.').unwrap();
        let longer = format!("{}.{tag}", URL_SAFE_NO_PAD.encode("000.00.01.H25-250314-0007|9999999999"));
        assert!(!read(&longer, 1_000).unwrap().verify(&key));
        for bad in ["", ".", "abc", "a.b", "%%%.%%%", &"A".repeat(300)] {
            assert!(read(bad, 0).is_none_or(|c| !c.verify(&key)), "{bad}");
        }
    }

    #[test]
    fn a_short_token_is_the_code_and_eighty_bits_and_lasts_a_year_from_its_day() {
        let key = new_link_key().unwrap();
        let code: DossierCode = "000.00.01.H25-261202-0001".parse().unwrap();
        let token = sign_short(&code, &key).unwrap();
        let (head, tag) = token.rsplit_once('.').unwrap();
        assert_eq!((head, tag.len()), ("000.00.01.H25-261202-0001", 16));
        assert!(crate::portal::dossier::Receipt::is_token_shaped(&token), "{token}");
        // Received on 2 December 2026 (Vietnam): valid until a lifetime after that day's end.
        let next_day = time::Date::from_calendar_date(2026, time::Month::December, 3).unwrap();
        let end_of_day = next_day.midnight().assume_offset(VIETNAM).unix_timestamp();
        let claim = read(&token, end_of_day).unwrap();
        assert_eq!((claim.code.as_str(), claim.expires_at), (head, end_of_day + LINK_LIFETIME_SECONDS));
        assert!(claim.verify(&key));
        assert!(!claim.verify(&new_link_key().unwrap()), "another dossier's key");
        assert!(read(&token, end_of_day + LINK_LIFETIME_SECONDS).is_none(), "expired");
    }

    #[test]
    fn a_short_token_with_anything_changed_is_refused() {
        let key = new_link_key().unwrap();
        let token = sign_short(&"000.00.01.H25-261202-0001".parse().unwrap(), &key).unwrap();
        let (_, tag) = token.rsplit_once('.').unwrap();
        let mut flipped = tag.as_bytes().to_vec();
        flipped[15] = if flipped[15] == b'0' { b'1' } else { b'0' };
        let forged = [
            format!("000.00.01.H25-261202-0002.{tag}"),
            format!("000.00.01.H25-261203-0001.{tag}"),
            format!("000.00.01.H25-261202-0001.{}", String::from_utf8(flipped).unwrap()),
        ];
        for bad in &forged {
            assert!(!read(bad, 0).unwrap().verify(&key), "{bad}");
        }
        let malformed = [
            format!("000.00.01.h25-261202-0001.{tag}"),
            format!("000.00.01.H25-261202-1.{tag}"),
            format!("000.00.01.H25-261202-0001.{}", &tag[..15]),
            format!("000.00.01.H25-261202-0001.{tag}0"),
            format!("000.00.01.H25-261202-0001.{}", tag.to_ascii_lowercase()),
            // A short tag on a long token is not a whole MAC.
            format!("{}.{tag}", URL_SAFE_NO_PAD.encode("000.00.01.H25-261202-0001|9999999999")),
        ];
        for bad in &malformed {
            assert!(read(bad, 0).is_none_or(|c| !c.verify(&key)), "{bad}");
        }
    }
}
