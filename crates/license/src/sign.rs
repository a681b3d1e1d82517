//! Signing and native verification with `ed25519-dalek` (feature `sign`): the issuer CLI and the
//! tests. The app verifies with WebCrypto instead; the tests check that the two agree.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::{Edition, Key, KeyError, Keyring, Payload};

/// The purchaser reference of an order number or e-mail: the first 8 bytes of SHA-256 of it,
/// trimmed and lowercased, so the same order always gives the same reference.
pub fn purchaser_reference(order: &str) -> [u8; 8] {
    let digest = Sha256::digest(order.trim().to_lowercase().as_bytes());
    let mut out = [0u8; 8];
    out.copy_from_slice(&digest[..8]);
    out
}

/// Signs one key.
pub fn issue(signing: &SigningKey, key_id: u8, purchaser: [u8; 8], issued_day: u16) -> Key {
    let payload = Payload {
        key_id,
        edition: Edition::Lifetime,
        issued_day,
        purchaser,
    };
    let signature = signing.sign(&payload.signed_message()).to_bytes();
    Key { payload, signature }
}

/// The whole check natively: text, key id, withdrawal, then the signature (`verify_strict`,
/// which also refuses small-order keys and non-canonical signatures).
pub fn verify(text: &str, keyring: &Keyring) -> Result<Key, KeyError> {
    let key = Key::parse(text)?;
    let public = key.public_key(keyring)?;
    let verifying = VerifyingKey::from_bytes(public).map_err(|_| KeyError::BadSignature)?;
    verifying
        .verify_strict(
            &key.payload.signed_message(),
            &Signature::from_bytes(&key.signature),
        )
        .map_err(|_| KeyError::BadSignature)?;
    Ok(key)
}

/// One case of the shared test vectors: a key text and what a verifier must say about it.
#[derive(Clone, Debug)]
pub struct Vector {
    pub name: String,
    pub text: String,
    pub expected: Result<(), KeyError>,
}

/// Test vectors over a throwaway keypair (`signing`, trusted as `key_id` by [`vector_keyring`]
/// with `revoked` withdrawn): a valid key, a key whose every byte in turn is changed (re-encoded,
/// so that it passes the typo check and reaches the signature), one signed under an unknown key
/// id, one whose purchaser is withdrawn, and one signed by a different key. The native verifier
/// and the app's (WebCrypto) must both give `expected` on every one.
pub fn vectors(
    signing: &SigningKey,
    other: &SigningKey,
    key_id: u8,
    revoked: [u8; 8],
) -> Vec<Vector> {
    let day = 20_429; // 2025-12-07
    let valid = issue(signing, key_id, [7; 8], day);
    let mut out = vec![Vector {
        name: "valid".into(),
        text: valid.to_text(),
        expected: Ok(()),
    }];
    let bytes = [&valid.payload.to_bytes()[..], &valid.signature[..]].concat();
    for at in 0..bytes.len() {
        let mut tampered = bytes.clone();
        tampered[at] ^= 0x01 << (at % 8);
        let expected = match at {
            0 => KeyError::BadSignature, // format 0 was never issued
            2 => KeyError::NewerFormat,  // edition 5: a later one
            1 => KeyError::UnknownKeyId(tampered[1]),
            _ => KeyError::BadSignature,
        };
        out.push(Vector {
            name: format!("byte {at} changed"),
            text: crate::code::encode(&tampered),
            expected: Err(expected),
        });
    }
    out.push(Vector {
        name: "unknown key id".into(),
        text: issue(signing, key_id.wrapping_add(1), [7; 8], day).to_text(),
        expected: Err(KeyError::UnknownKeyId(key_id.wrapping_add(1))),
    });
    out.push(Vector {
        name: "withdrawn purchaser".into(),
        text: issue(signing, key_id, revoked, day).to_text(),
        expected: Err(KeyError::Revoked),
    });
    out.push(Vector {
        name: "signed by another key".into(),
        text: issue(other, key_id, [7; 8], day).to_text(),
        expected: Err(KeyError::BadSignature),
    });
    out
}
