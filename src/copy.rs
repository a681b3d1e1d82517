//! Words that appear both in the app and in the static shell that paints before the wasm
//! arrives. The post-build hook (`scripts/precache.mjs`) copies these constants into
//! `index.html`, so the first paint shows home's real heading and the app, taking over, shows the
//! same words in the same place: the largest paint happens at the first, and nothing moves.
//! Keep each one a plain `pub const NAME: &str = "…";` (no escapes): the hook reads it so.

pub const HOME_HEADING: &str = "Practise for your next AI, ML or Python interview";
pub const HOME_LEDE: &str =
    "Short adaptive tests, a daily challenge and spaced review of your mistakes. Works offline.";
