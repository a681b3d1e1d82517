//! Components grouped by feature, one per file.

pub mod question;
pub mod readiness;
pub mod references;
pub mod results;
pub mod session_view;
pub mod storage_hint;
pub mod streak;
pub mod update_banner;
