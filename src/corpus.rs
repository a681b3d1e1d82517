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
