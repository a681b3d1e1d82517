//! Components grouped by feature, one per file.

pub mod question;
pub mod readiness;
pub mod references;
pub mod results;
pub mod session_view;
pub mod streak;
pub mod update_banner;
