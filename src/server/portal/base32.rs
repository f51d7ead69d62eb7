//! Crockford's base32 (no I, L, O or U), for everything the portal hands out that a person may
//! read aloud or copy by hand: draft and file ids, resume codes, the tag of a short tracking link.
//! Its 32 characters are all in a QR code's alphanumeric set, so a link made of them is drawn
//! with fewer modules than the same link in bytes.

/// The alphabet, upper case (a QR code's alphanumeric mode has no lower case letters).
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `chars` random characters, upper case.
pub fn random(chars: usize) -> Result<String, getrandom::Error> {
    let mut bytes = vec![0u8; chars];
    getrandom::getrandom(&mut bytes)?;
    Ok(bytes.iter().map(|b| CROCKFORD[usize::from(b & 31)] as char).collect())
}

/// `bytes` as base32, five bits a character, the last one padded with zero bits.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u16, 0u32);
    for b in bytes {
        acc = (acc << 8) | u16::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(CROCKFORD[usize::from((acc >> bits) & 31)] as char);
        }
    }
    if bits > 0 {
        out.push(CROCKFORD[usize::from((acc << (5 - bits)) & 31)] as char);
    }
    out
}

/// The bytes of `text` (upper case only, as [`encode`] writes it); `None` for any other
/// character. Bits left over after the last whole byte are dropped.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut acc, mut bits) = (0u16, 0u32);
    for c in text.bytes() {
        let value = CROCKFORD.iter().position(|a| *a == c)?;
        acc = (acc << 5) | value as u16;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_encoded_decodes_to_the_same_bytes() {
        for bytes in [&[][..], &[0], &[255], &[1, 2, 3, 4, 5], &[0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3, 4, 5]] {
            let text = encode(bytes);
            assert_eq!(text.len(), (bytes.len() * 8).div_ceil(5), "{text}");
            assert_eq!(decode(&text).unwrap(), bytes, "{text}");
        }
        assert_eq!(encode(&[0xff; 5]), "ZZZZZZZZ");
        assert_eq!(encode(&[0; 5]), "00000000");
    }

    #[test]
    fn only_the_alphabet_decodes() {
        for bad in ["I0000000", "abcdefgh", "0000000O", "000-0000", "00000 00"] {
            assert!(decode(bad).is_none(), "{bad}");
        }
        let code = random(16).unwrap();
        assert!(code.len() == 16 && decode(&code).is_some(), "{code}");
    }
}
