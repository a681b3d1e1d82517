//! "A new version is ready": offered only between sittings, applied only on request.

use leptos::prelude::*;

use crate::session::Session;
use crate::state::use_app_state;
use crate::sw::use_updates;

/// Shown when a new build is waiting, and only when no sitting is in progress (or finished but
/// its results not yet left): an update never interrupts a test. From a finished sitting's
/// results the updated app opens at home (loading the sitting's address again would start a
/// new one); anywhere else it reloads the same page.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = use_app_state();
    let updates = use_updates();
    let between_sittings = move || {
        state.is_loaded()
            && state
                .session
                .with(|s| s.as_ref().is_none_or(Session::is_finished))
    };
    let after_results = move || {
        state
            .session
            .with_untracked(|s| s.as_ref().is_some_and(Session::is_finished))
    };
    move || {
        (updates.ready.get() && between_sittings()).then(|| {
            view! {
                <div class="notice update-banner" role="status">
                    <p>"A new version of Prepwise is ready."</p>
                    <button class="button" type="button" on:click=move |_| updates.apply(after_results().then_some("/"))>
                        "Update"
                    </button>
                </div>
            }
        })
    }
}
