//! The unlock, verified on the device: the key's text and the keyring are checked by the
//! `license` crate (no cryptography), the Ed25519 signature by the browser's WebCrypto (no
//! signature code in the app's wasm). A browser without Ed25519 in WebCrypto is told so, and
//! nothing unlocks.

use js_sys::{Array, Uint8Array};
use license::{Key, KeyError, Keyring};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// From `unlock.toml`, by build.rs.
mod config {
    include!(concat!(env!("OUT_DIR"), "/unlock.rs"));
}

pub use config::{PRICE, PURCHASE_URL};

/// What the stored key (the latest one the learner entered) is worth, checked at every start.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyStatus {
    /// No key entered.
    NoKey,
    /// A key that verifies: everything is open.
    Valid(Key),
    /// A key that no longer verifies (withdrawn, or a browser that cannot check): nothing is
    /// locked away from what was answered, and the message says why.
    Invalid(KeyError),
}

/// The public keys this build trusts and what has been withdrawn.
pub fn keyring() -> Keyring<'static> {
    Keyring {
        public_keys: config::PUBLIC_KEYS,
        revoked_key_ids: config::REVOKED_KEY_IDS,
        revoked_purchasers: config::REVOKED_PURCHASERS,
    }
}

/// Checks a key as pasted: text, key id, withdrawal, then the signature.
pub async fn verify(text: &str, keyring: &Keyring<'_>) -> Result<Key, KeyError> {
    let key = Key::parse(text)?;
    let public = key.public_key(keyring)?;
    if ed25519_verify(public, &key.signature, &key.payload.signed_message()).await? {
        Ok(key)
    } else {
        Err(KeyError::BadSignature)
    }
}

/// WebCrypto's Ed25519 verify. `Unsupported` when the browser has no WebCrypto or no Ed25519.
async fn ed25519_verify(
    public: &[u8; 32],
    signature: &[u8],
    message: &[u8],
) -> Result<bool, KeyError> {
    let subtle = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
        .ok_or(KeyError::Unsupported)?;
    let usages = Array::of1(&JsValue::from_str("verify"));
    let imported = subtle
        .import_key_with_str(
            "raw",
            &Uint8Array::from(&public[..]),
            "Ed25519",
            false,
            &usages,
        )
        .map_err(|_| KeyError::Unsupported)?;
    // A browser without Ed25519 rejects the import (NotSupportedError).
    let key: web_sys::CryptoKey = JsFuture::from(imported)
        .await
        .map_err(|_| KeyError::Unsupported)?
        .unchecked_into();
    let verified = subtle
        .verify_with_str_and_u8_array_and_u8_array("Ed25519", &key, signature, message)
        .map_err(|_| KeyError::Unsupported)?;
    // A malformed signature or key rejects rather than resolving false: not a genuine key.
    Ok(JsFuture::from(verified)
        .await
        .map(|v| v.as_bool() == Some(true))
        .unwrap_or(false))
}
