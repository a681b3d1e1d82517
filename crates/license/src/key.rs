//! What a key carries and the checks that need no cryptography.

use core::fmt;

use crate::code::{self, TextError};

/// The key format this build reads. A key of a later format asks for an update.
pub const FORMAT: u8 = 1;
/// Bytes signed: format, key id, edition, issue day (2), purchaser reference (8).
pub const PAYLOAD_LEN: usize = 13;
/// An Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;
/// Bytes in a key: the payload, then the signature.
pub const KEY_LEN: usize = PAYLOAD_LEN + SIGNATURE_LEN;
/// Domain separation: the signature is over this tag followed by the payload, so a Prepwise
/// signing key's signature can never be replayed as anything else, or anything else as a key.
pub const SIGNING_TAG: &[u8] = b"prepwise-unlock-key\0";

/// What a key unlocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edition {
    /// Everything, for life.
    Lifetime,
}

impl Edition {
    /// The highest edition code this build reads.
    const LATEST: u8 = 1;

    pub fn code(self) -> u8 {
        match self {
            Edition::Lifetime => 1,
        }
    }

    fn from_code(code: u8) -> Option<Edition> {
        (code == 1).then_some(Edition::Lifetime)
    }
}

/// The signed part of a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Payload {
    /// Which public key verifies it (keys can be rotated).
    pub key_id: u8,
    pub edition: Edition,
    /// Days since 1970-01-01 (UTC) on which it was issued.
    pub issued_day: u16,
    /// The first 8 bytes of SHA-256 of the order number or e-mail: enough to find and revoke
    /// one purchase, nothing that names a person.
    pub purchaser: [u8; 8],
}

impl Payload {
    pub fn to_bytes(&self) -> [u8; PAYLOAD_LEN] {
        let mut b = [0u8; PAYLOAD_LEN];
        b[0] = FORMAT;
        b[1] = self.key_id;
        b[2] = self.edition.code();
        b[3..5].copy_from_slice(&self.issued_day.to_be_bytes());
        b[5..13].copy_from_slice(&self.purchaser);
        b
    }

    /// The message the signature covers: [`SIGNING_TAG`] then the payload.
    pub fn signed_message(&self) -> Vec<u8> {
        [SIGNING_TAG, &self.to_bytes()[..]].concat()
    }
}

/// A well-formed key whose signature has not been checked yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub payload: Payload,
    pub signature: [u8; SIGNATURE_LEN],
}

impl Key {
    /// Reads a key as a person pasted or typed it.
    pub fn parse(text: &str) -> Result<Key, KeyError> {
        let bytes = code::decode(text, KEY_LEN).map_err(KeyError::Text)?;
        // A later format or edition asks for an update; an earlier one was never issued.
        let unknown = |code: u8, current: u8| {
            if code > current {
                KeyError::NewerFormat
            } else {
                KeyError::BadSignature
            }
        };
        if bytes[0] != FORMAT {
            return Err(unknown(bytes[0], FORMAT));
        }
        let edition = Edition::from_code(bytes[2]).ok_or(unknown(bytes[2], Edition::LATEST))?;
        let mut purchaser = [0u8; 8];
        purchaser.copy_from_slice(&bytes[5..13]);
        let mut signature = [0u8; SIGNATURE_LEN];
        signature.copy_from_slice(&bytes[PAYLOAD_LEN..]);
        Ok(Key {
            payload: Payload {
                key_id: bytes[1],
                edition,
                issued_day: u16::from_be_bytes([bytes[3], bytes[4]]),
                purchaser,
            },
            signature,
        })
    }

    /// The key as text to keep: 18 groups of 8 characters.
    pub fn to_text(&self) -> String {
        code::encode(&[&self.payload.to_bytes()[..], &self.signature[..]].concat())
    }

    /// The public key that must have signed it, unless its id is unknown or it was withdrawn.
    pub fn public_key<'k>(&self, keyring: &Keyring<'k>) -> Result<&'k [u8; 32], KeyError> {
        let public = keyring
            .public_keys
            .iter()
            .find(|(id, _)| *id == self.payload.key_id)
            .map(|(_, key)| key)
            .ok_or(KeyError::UnknownKeyId(self.payload.key_id))?;
        if keyring.revoked_key_ids.contains(&self.payload.key_id)
            || keyring.revoked_purchasers.contains(&self.payload.purchaser)
        {
            return Err(KeyError::Revoked);
        }
        Ok(public)
    }
}

/// The public keys a build trusts, by id, and what has been withdrawn.
#[derive(Clone, Copy, Debug)]
pub struct Keyring<'k> {
    pub public_keys: &'k [(u8, [u8; 32])],
    pub revoked_key_ids: &'k [u8],
    pub revoked_purchasers: &'k [[u8; 8]],
}

/// Why a key does not unlock, in words for the person holding it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    Text(TextError),
    /// A key of a later format or edition than this build reads.
    NewerFormat,
    UnknownKeyId(u8),
    /// The signature does not match the payload.
    BadSignature,
    /// Withdrawn (refunded, or shared publicly).
    Revoked,
    /// The browser cannot verify Ed25519 signatures.
    Unsupported,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Text(TextError::Empty) => write!(f, "Paste your key into the box first."),
            KeyError::Text(TextError::BadCharacter(c)) => write!(
                f,
                "“{c}” cannot be part of a key: keys use the digits and the letters A–Z except U. Paste the key exactly as you received it."
            ),
            KeyError::Text(TextError::WrongLength { found, expected }) => write!(
                f,
                "A key has {expected} characters (18 groups of 8); this one has {found}. Check that you copied all of it."
            ),
            KeyError::Text(TextError::Typo(groups)) => {
                let list: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
                match list.as_slice() {
                    [one] => write!(f, "This key has a typo in group {one}: compare that group of 8 characters with your receipt."),
                    [init @ .., last] => write!(f, "This key has typos in groups {} and {last}: compare those groups with your receipt.", init.join(", ")),
                    [] => write!(f, "This key has a typo."),
                }
            }
            KeyError::NewerFormat => write!(
                f,
                "This key is for a newer version of Prepwise: update the app (reload while online), then try again."
            ),
            KeyError::UnknownKeyId(_) => write!(
                f,
                "This version of Prepwise does not know the key that signed yours: update the app (reload while online), then try again."
            ),
            KeyError::BadSignature => write!(
                f,
                "This is not a genuine Prepwise key: its signature does not match. Paste it again from your receipt."
            ),
            KeyError::Revoked => write!(
                f,
                "This key has been withdrawn (refunded or shared publicly), so it no longer unlocks. Your progress is kept. If you think this is a mistake, reply to your receipt."
            ),
            KeyError::Unsupported => write!(
                f,
                "This browser cannot check keys. Update it (or use a current Chrome, Firefox or Safari), then try again."
            ),
        }
    }
}

impl std::error::Error for KeyError {}
