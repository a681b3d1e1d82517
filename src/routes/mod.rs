//! One page per file.

mod daily;
mod home;
mod not_found;
mod review;
mod test;
mod topic;

pub use daily::DailyPage;
pub use home::Home;
pub use not_found::NotFound;
pub use review::ReviewPage;
pub use test::TestPage;
pub use topic::Topic;
