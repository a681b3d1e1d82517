//! Components grouped by feature, one per file.

pub mod code;
pub mod open;
pub mod question;
pub mod question_list;
pub mod readiness;
pub mod recorder;
pub mod references;
pub mod results;
pub mod sitting;
pub mod storage_hint;
pub mod streak;
pub mod update_banner;
