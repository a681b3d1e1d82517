//! The app embeds the compiled corpus index (say how to make it when it is missing) and the
//! unlock configuration (`unlock.toml`: price, purchase link, trusted public keys, withdrawn
//! keys), compiled into constants so the app parses no TOML.

use std::fmt::Write;

fn main() {
    let index = std::path::Path::new("target/corpus/index.bin");
    println!("cargo:rerun-if-changed={}", index.display());
    if !index.exists() {
        panic!("{} is missing: compile the content first with `./x corpus` (./x build and ./x test do it)", index.display());
    }
    unlock_config();
}

/// `$OUT_DIR/unlock.rs` from `unlock.toml`. `./x test` builds with `PREPWISE_TEST_PUBLIC_KEY`
/// ("id:hex", a throwaway key made for that run) so the end-to-end tests can issue keys;
/// `./x build` never sets it.
fn unlock_config() {
    println!("cargo:rerun-if-changed=unlock.toml");
    println!("cargo:rerun-if-env-changed=PREPWISE_TEST_PUBLIC_KEY");
    let text = std::fs::read_to_string("unlock.toml").expect("unlock.toml is at the root");
    let mut config = license::Config::parse(&text).unwrap_or_else(|e| panic!("unlock.toml: {e}"));
    if let Ok(extra) = std::env::var("PREPWISE_TEST_PUBLIC_KEY") {
        let (id, key) = extra
            .split_once(':')
            .and_then(|(id, key)| Some((id.parse().ok()?, license::hex::from_hex::<32>(key)?)))
            .expect("PREPWISE_TEST_PUBLIC_KEY is id:64-hex-digits");
        assert!(
            config.public_keys.iter().all(|(i, _)| *i != id),
            "the test key's id {id} is taken in unlock.toml"
        );
        println!("cargo:warning=this build also trusts a test key (id {id}): do not deploy it");
        config.public_keys.push((id, key));
    }
    let mut out = String::new();
    writeln!(out, "pub const PRICE: &str = {:?};", config.price).unwrap();
    writeln!(
        out,
        "pub const PURCHASE_URL: &str = {:?};",
        config.purchase_url
    )
    .unwrap();
    writeln!(
        out,
        "pub const PUBLIC_KEYS: &[(u8, [u8; 32])] = &{:?};",
        config.public_keys
    )
    .unwrap();
    writeln!(
        out,
        "pub const REVOKED_KEY_IDS: &[u8] = &{:?};",
        config.revoked_key_ids
    )
    .unwrap();
    writeln!(
        out,
        "pub const REVOKED_PURCHASERS: &[[u8; 8]] = &{:?};",
        config.revoked_purchasers
    )
    .unwrap();
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("unlock.rs");
    std::fs::write(path, out).unwrap();
}
