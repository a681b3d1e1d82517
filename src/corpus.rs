//! The compiled corpus index, embedded in the wasm at build time (see ARCHITECTURE.md: one
//! fewer request on the first load, and the index can never disagree with the app's version).

use std::sync::OnceLock;

use engine::{Index, CORPUS_FORMAT};

static INDEX_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/corpus/index.bin"
));

/// The corpus index, decoded once.
pub fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index: Index = postcard::from_bytes(INDEX_BYTES)
            .expect("the embedded index was written by this build");
        assert_eq!(
            index.format, CORPUS_FORMAT,
            "the embedded index has this build's format"
        );
        index
    })
}

/// A fingerprint of this build's corpus (FNV-1a over the embedded index): state that points into
/// the bank by position, like a sitting in progress, is only valid under the same fingerprint.
pub fn fingerprint() -> u64 {
    static FINGERPRINT: OnceLock<u64> = OnceLock::new();
    *FINGERPRINT.get_or_init(|| {
        INDEX_BYTES
            .iter()
            .fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            })
    })
}
