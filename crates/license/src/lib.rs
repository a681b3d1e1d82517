//! Prepwise unlock keys.
//!
//! A key is a line of text a purchaser keeps: [`Payload`] (format, key id, edition, issue day,
//! purchaser reference) and an Ed25519 signature over it, written in Crockford base32 with a
//! check character per group ([`code`]). Reading a key ([`Key::parse`]) and choosing the public
//! key that must have signed it ([`Key::public_key`]: unknown ids and withdrawn keys stop here)
//! need no cryptography; the signature itself is checked by the browser's WebCrypto in the app,
//! and by `ed25519-dalek` natively (feature `sign`: the issuer CLI and the tests).

pub mod code;
#[cfg(feature = "config")]
mod config;
pub mod hex;
mod key;
#[cfg(feature = "sign")]
pub mod sign;

#[cfg(feature = "config")]
pub use config::Config;
pub use key::{
    Edition, Key, KeyError, Keyring, Payload, FORMAT, KEY_LEN, PAYLOAD_LEN, SIGNATURE_LEN,
    SIGNING_TAG,
};
