//! One page per file.

mod home;
mod not_found;
mod topic;

pub use home::Home;
pub use not_found::NotFound;
pub use topic::Topic;
