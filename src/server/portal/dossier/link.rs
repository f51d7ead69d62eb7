//! Signed tracking links: the token in `/track/{token}` and in the receipt's QR code.
//!
//! Format: `{payload}.{mac}`, both base64url without padding, where
//! - `payload` is the UTF-8 text `{dossier code}|{expiry}` (expiry in Unix seconds), and
//! - `mac` is HMAC-SHA256 of the payload's bytes (before encoding) with the dossier's own
//!   `link_key` (32 random bytes, stored hex-encoded in `dossiers.link_key`).
//!
//! The code is in the clear on purpose: it is printed on the receipt anyway, and it lets the
//! portal find the one key to check with. A key per dossier means one leaked key opens one
//! dossier, and a dossier's links can be revoked by replacing its key. The MAC is checked in
//! constant time; a forged, expired, malformed or unknown token is one and the same "not found".

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long a tracking link works: a year covers every processing time in the catalogue, and a
/// receipt kept in a drawer still opens its page when the result is collected.
pub const LINK_LIFETIME_SECONDS: i64 = 366 * 24 * 60 * 60;

/// Longest token read; anything longer is refused before it is decoded.
const MAX_TOKEN_LEN: usize = 256;

type HmacSha256 = Hmac<Sha256>;

/// A fresh random key for a new dossier, hex-encoded for the database.
pub fn new_link_key() -> Result<String, getrandom::Error> {
    let mut key = [0u8; 32];
    getrandom::getrandom(&mut key)?;
    Ok(key.iter().map(|b| format!("{b:02x}")).collect())
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

/// What a token claims before it is verified: the dossier code (to find its key) and the expiry.
#[derive(Debug, PartialEq, Eq)]
pub struct Claim {
    pub code: String,
    pub expires_at: i64,
    payload: Vec<u8>,
    tag: Vec<u8>,
}

/// Reads a token without trusting it; `None` when it is not one, or has expired at `now`.
pub fn read(token: &str, now: i64) -> Option<Claim> {
    if token.len() > MAX_TOKEN_LEN {
        return None;
    }
    let (payload, tag) = token.split_once('.')?;
    let payload = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
    let text = std::str::from_utf8(&payload).ok()?;
    let (code, expiry) = text.split_once('|')?;
    let (code, expires_at) = (code.to_string(), expiry.parse::<i64>().ok()?);
    (expires_at > now).then_some(Claim { code, expires_at, payload, tag })
}

impl Claim {
    /// Whether the dossier's key signed this token (constant-time comparison).
    pub fn verify(&self, key_hex: &str) -> bool {
        let Some(mut mac) = mac(key_hex) else { return false };
        mac.update(&self.payload);
        mac.verify_slice(&self.tag).is_ok()
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
}
