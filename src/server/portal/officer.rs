//! Who may call the officer API: bearer tokens from the settings, each with a name (recorded as
//! the actor of the events it makes) and its rights. Tokens are kept as SHA-256 digests and every
//! presented token is compared with every digest in constant time, so neither a token's content
//! nor its position in the list shows in the response time.

use sha2::{Digest, Sha256};
use std::fmt;

/// Shortest token accepted: 128 bits written in hex or base64 are longer.
const MIN_TOKEN_LEN: usize = 20;

/// What a token allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Right {
    /// Every dossier action and read.
    Process,
    /// Listing and acknowledging the notification outbox (the gateway's token).
    Outbox,
}

#[derive(Clone)]
struct OfficerToken {
    name: String,
    rights: Vec<Right>,
    digest: [u8; 32],
}

/// The configured tokens; none by default (the officer API then answers 401 to everyone).
#[derive(Clone, Default)]
pub struct OfficerTokens {
    tokens: Vec<OfficerToken>,
}

/// Never prints a digest, only names and rights.
impl fmt::Debug for OfficerTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.tokens.iter().map(|t| (&t.name, &t.rights))).finish()
    }
}

/// A token's holder, once authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Officer {
    pub name: String,
    rights: Vec<Right>,
}

impl Officer {
    pub fn may(&self, right: Right) -> bool {
        self.rights.contains(&right)
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum OfficerTokensError {
    #[error("officer tokens are written `name:right+right:token`; entry {0} is not")]
    Shape(usize),
    #[error("officer token entry {0}: unknown right (use process, outbox)")]
    UnknownRight(usize),
    #[error("officer token entry {0}: the token must be at least 20 characters")]
    TooShort(usize),
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl std::str::FromStr for OfficerTokens {
    type Err = OfficerTokensError;

    /// `"name:process+outbox:token, gateway:outbox:token2"`; empty means none.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut tokens = Vec::new();
        for (i, entry) in text.split(',').map(str::trim).filter(|e| !e.is_empty()).enumerate() {
            let n = i + 1;
            let mut parts = entry.splitn(3, ':');
            let (Some(name), Some(rights), Some(token)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(OfficerTokensError::Shape(n));
            };
            let name = name.trim();
            if name.is_empty() || name.len() > 64 {
                return Err(OfficerTokensError::Shape(n));
            }
            let rights = rights
                .split('+')
                .map(|r| match r.trim() {
                    "process" => Ok(Right::Process),
                    "outbox" => Ok(Right::Outbox),
                    _ => Err(OfficerTokensError::UnknownRight(n)),
                })
                .collect::<Result<Vec<_>, _>>()?;
            if token.trim().len() < MIN_TOKEN_LEN {
                return Err(OfficerTokensError::TooShort(n));
            }
            tokens.push(OfficerToken { name: name.to_string(), rights, digest: digest(token.trim()) });
        }
        Ok(OfficerTokens { tokens })
    }
}

impl OfficerTokens {
    /// The holder of `presented`, if it is one of the tokens. Every digest is compared in full.
    pub fn authenticate(&self, presented: &str) -> Option<Officer> {
        let given = digest(presented);
        let mut found = None;
        for token in &self.tokens {
            let difference = token.digest.iter().zip(given.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b));
            if difference == 0 && found.is_none() {
                found = Some(Officer { name: token.name.clone(), rights: token.rights.clone() });
            }
        }
        found
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_read_and_checked() {
        let tokens: OfficerTokens =
            "lan:process+outbox:aaaaaaaaaaaaaaaaaaaaaaaa, gw:outbox:bbbbbbbbbbbbbbbbbbbbbbbb".parse().unwrap();
        let lan = tokens.authenticate("aaaaaaaaaaaaaaaaaaaaaaaa").unwrap();
        assert_eq!(lan.name, "lan");
        assert!(lan.may(Right::Process) && lan.may(Right::Outbox));
        let gw = tokens.authenticate("bbbbbbbbbbbbbbbbbbbbbbbb").unwrap();
        assert!(!gw.may(Right::Process) && gw.may(Right::Outbox));
        assert!(tokens.authenticate("aaaaaaaaaaaaaaaaaaaaaaab").is_none());
        assert!(tokens.authenticate("").is_none());
        assert!(!format!("{tokens:?}").contains("aaaa"), "no secret in the debug output");
        assert!("".parse::<OfficerTokens>().unwrap().is_empty());
        assert_eq!("lan:process".parse::<OfficerTokens>().err(), Some(OfficerTokensError::Shape(1)));
        assert_eq!(
            "lan:admin:aaaaaaaaaaaaaaaaaaaaaaaa".parse::<OfficerTokens>().err(),
            Some(OfficerTokensError::UnknownRight(1))
        );
        assert_eq!("lan:process:short".parse::<OfficerTokens>().err(), Some(OfficerTokensError::TooShort(1)));
    }
}
