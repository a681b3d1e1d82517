#![cfg(target_arch = "wasm32")]
//! The app's key check (the `license` crate's parsing and keyring, WebCrypto's Ed25519) against
//! the native one (`ed25519-dalek`'s `verify_strict`) in Chromium, on the shared vectors of a
//! throwaway keypair made for this run: a valid key, every single-byte change, an unknown key
//! id, a withdrawn purchaser and a foreign signer. The two must agree on every one.

use ed25519_dalek::SigningKey;
use license::sign::{self, vectors};
use license::{KeyError, Keyring};
use prepwise::unlock::verify;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A keypair nobody else has: its seed comes from this run's randomness.
fn throwaway() -> SigningKey {
    let mut seed = [0u8; 32];
    for byte in &mut seed {
        *byte = (js_sys::Math::random() * 256.0) as u8;
    }
    SigningKey::from_bytes(&seed)
}

#[wasm_bindgen_test]
async fn webcrypto_and_dalek_agree_on_every_vector() {
    let signing = throwaway();
    let public = [(3u8, signing.verifying_key().to_bytes())];
    let revoked = [[0xAB; 8]];
    let keyring = Keyring {
        public_keys: &public,
        revoked_key_ids: &[],
        revoked_purchasers: &revoked,
    };
    let cases = vectors(&signing, &throwaway(), 3, revoked[0]);
    assert_eq!(cases.len(), 1 + license::KEY_LEN + 3);
    for case in &cases {
        let native = sign::verify(&case.text, &keyring).map(|_| ());
        let app = verify(&case.text, &keyring).await.map(|_| ());
        assert_eq!(native, case.expected, "native, {}", case.name);
        assert_eq!(app, case.expected, "WebCrypto, {}", case.name);
    }
}

#[wasm_bindgen_test]
async fn a_withdrawn_key_id_and_a_typo_are_refused_with_their_reasons() {
    let signing = throwaway();
    let public = [(1u8, signing.verifying_key().to_bytes())];
    let key = sign::issue(&signing, 1, [1; 8], 20_000).to_text();
    let withdrawn = Keyring {
        public_keys: &public,
        revoked_key_ids: &[1],
        revoked_purchasers: &[],
    };
    assert_eq!(
        verify(&key, &withdrawn).await.err(),
        Some(KeyError::Revoked)
    );
    let mut typo: Vec<char> = key.chars().collect();
    typo[3] = if typo[3] == '7' { '8' } else { '7' };
    let typo: String = typo.into_iter().collect();
    let trusted = Keyring {
        public_keys: &public,
        revoked_key_ids: &[],
        revoked_purchasers: &[],
    };
    let err = verify(&typo, &trusted).await.unwrap_err();
    assert!(err.to_string().contains("typo in group 1"), "{err}");
    assert!(verify(&key.to_lowercase(), &trusted).await.is_ok());
}
