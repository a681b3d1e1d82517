//! One page per file.

mod bookmarks;
mod daily;
mod home;
mod not_found;
mod question;
pub mod review;
mod search;
mod settings;
mod start;
mod stats;
mod test;
mod topic;
mod unlock;
mod welcome;

pub use bookmarks::BookmarksPage;
pub use daily::DailyPage;
pub use home::Home;
pub use not_found::NotFound;
pub use question::QuestionPage;
pub use review::{RetryPage, ReviewPage};
pub use search::SearchPage;
pub use settings::SettingsPage;
pub use start::StartPage;
pub use stats::StatsPage;
pub use test::{start_test, TestPage};
pub use topic::Topic;
pub use unlock::UnlockPage;
pub use welcome::WelcomePage;

use leptos::prelude::*;

use crate::state::AppState;

/// Runs `f` once, untracked, as soon as the saved progress has been read (at once if it has):
/// what a page starts or resumes depends on the learner's log.
pub fn once_loaded(state: AppState, f: impl FnOnce() + 'static) {
    // Boxed: one copy of the effect for every page rather than one per page (wasm size).
    let f: Box<dyn FnOnce()> = Box::new(f);
    let pending = StoredValue::new_local(Some(f));
    Effect::new(move |_| {
        if state.is_loaded() {
            if let Some(f) = pending.try_update_value(Option::take).flatten() {
                untrack(f);
            }
        }
    });
}
