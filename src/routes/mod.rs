//! One page per file.

mod daily;
mod home;
mod not_found;
mod question;
mod review;
mod search;
mod settings;
mod stats;
mod test;
mod topic;

pub use daily::DailyPage;
pub use home::Home;
pub use not_found::NotFound;
pub use question::QuestionPage;
pub use review::{recent_mistakes, ReviewPage};
pub use search::SearchPage;
pub use settings::SettingsPage;
pub use stats::StatsPage;
pub use test::TestPage;
pub use topic::Topic;
