//! Keys through the crate's boundary with a throwaway keypair made at test time: the shared
//! vectors, the CLI's round trip, and a fuzz of the parser (no panic, and nothing that is not a
//! signed key unlocks).

use ed25519_dalek::SigningKey;
use license::sign::{self, vectors};
use license::{code, Key, KeyError, Keyring, KEY_LEN};
use proptest::prelude::*;

fn keypair(seed: u8) -> SigningKey {
    // Throwaway: derived from the test's own seed, never used outside this process.
    SigningKey::from_bytes(&[seed; 32])
}

const REVOKED: [u8; 8] = [9; 8];

fn ring(public: &[(u8, [u8; 32])]) -> Keyring<'_> {
    Keyring {
        public_keys: public,
        revoked_key_ids: &[],
        revoked_purchasers: &[REVOKED],
    }
}

#[test]
fn the_native_verifier_gives_every_vector_its_expected_answer() {
    let signing = keypair(1);
    let public = [(4u8, signing.verifying_key().to_bytes())];
    let cases = vectors(&signing, &keypair(2), 4, REVOKED);
    assert_eq!(cases.len(), 1 + KEY_LEN + 3);
    for case in &cases {
        let got = sign::verify(&case.text, &ring(&public)).map(|_| ());
        assert_eq!(got, case.expected, "{}", case.name);
    }
}

#[test]
fn a_withdrawn_key_id_withdraws_all_its_keys() {
    let signing = keypair(3);
    let public = [(1u8, signing.verifying_key().to_bytes())];
    let key = sign::issue(&signing, 1, [1; 8], 20_000).to_text();
    let ring = Keyring {
        public_keys: &public,
        revoked_key_ids: &[1],
        revoked_purchasers: &[],
    };
    assert_eq!(
        sign::verify(&key, &ring).map(|_| ()),
        Err(KeyError::Revoked)
    );
}

#[test]
fn a_key_reads_back_what_was_signed() {
    let signing = keypair(5);
    let purchaser = sign::purchaser_reference("  Order-1001 ");
    assert_eq!(purchaser, sign::purchaser_reference("order-1001"));
    let key = sign::issue(&signing, 1, purchaser, 20_429);
    let text = key.to_text();
    assert_eq!(text.len(), 161, "18 groups of 8 and 17 hyphens: {text}");
    let read = Key::parse(&text.to_lowercase()).unwrap();
    assert_eq!(read, key);
    assert_eq!(read.payload.issued_day, 20_429);
}

#[test]
fn errors_say_what_to_do() {
    let signing = keypair(6);
    let text = sign::issue(&signing, 1, [1; 8], 1).to_text();
    let mut typo: Vec<char> = text.chars().collect();
    typo[20] = if typo[20] == 'A' { 'B' } else { 'A' }; // group 3 ("xxxxxxxx-xxxxxxxx-" is 18 chars)
    let typo: String = typo.into_iter().collect();
    let message = Key::parse(&typo).unwrap_err().to_string();
    assert!(message.contains("typo in group 3"), "{message}");
    assert!(Key::parse("")
        .unwrap_err()
        .to_string()
        .contains("Paste your key"));
    assert!(Key::parse("ABC")
        .unwrap_err()
        .to_string()
        .contains("144 characters"));
}

#[test]
fn the_cli_issues_a_key_that_verifies_against_its_config() {
    let dir = std::env::temp_dir().join(format!("prepwise-license-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret = dir.join("signing.key");
    let _ = std::fs::remove_file(&secret);
    let bin = env!("CARGO_BIN_EXE_license");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin).args(args).output().unwrap();
        (
            out.status.success(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let secret_path = secret.to_str().unwrap();
    let (ok, public, _) = run(&["keygen", "--id", "7", "--out", secret_path]);
    assert!(ok && public.contains("id = 7"), "{public}");
    let (ok, _, err) = run(&["keygen", "--id", "7", "--out", secret_path]);
    assert!(!ok && err.contains("refusing to overwrite"), "{err}");
    let config = dir.join("unlock.toml");
    std::fs::write(
        &config,
        format!("price = \"$19, once\"\npurchase_url = \"https://example.com/buy\"\n{public}"),
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let (ok, key, err) = run(&[
        "issue",
        "--key",
        secret_path,
        "--purchaser",
        "order-1",
        "--date",
        "2026-12-07",
    ]);
    assert!(ok, "{err}");
    let (ok, said, err) = run(&["verify", key.trim(), "--config", config]);
    assert!(ok && said.contains("key id 7"), "{said}{err}");
    let (ok, csv, err) = run(&["batch", "3", "--key", secret_path, "--prefix", "shop"]);
    assert!(ok, "{err}");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0], "serial,purchaser,key");
    for row in &rows[1..] {
        let key = row.rsplit(',').next().unwrap();
        let (ok, _, err) = run(&["verify", key, "--config", config]);
        assert!(ok, "{row}: {err}");
    }
    let mut forged = key.trim().to_string();
    forged.replace_range(..8, &code::encode(&[0u8; KEY_LEN])[..8]);
    let (ok, _, err) = run(&["verify", &forged, "--config", config]);
    assert!(!ok && !err.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_text_panics_or_unlocks(text in ".{0,200}") {
        let signing = keypair(8);
        let public = [(1u8, signing.verifying_key().to_bytes())];
        prop_assert!(sign::verify(&text, &ring(&public)).is_err());
    }

    #[test]
    fn no_well_formed_unsigned_key_unlocks(bytes in proptest::collection::vec(any::<u8>(), KEY_LEN)) {
        let signing = keypair(8);
        let public = [(bytes[1], signing.verifying_key().to_bytes())];
        let text = code::encode(&bytes);
        prop_assert!(sign::verify(&text, &ring(&public)).is_err());
    }

    #[test]
    fn key_characters_in_any_order_never_panic(text in "[0-9A-Za-z -]{0,170}") {
        let _ = Key::parse(&text);
    }
}
