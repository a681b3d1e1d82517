//! "A new version is ready": offered only between sittings, applied only on request.

use leptos::prelude::*;

use crate::router::use_location;
use crate::state::use_app_state;
use crate::sw::use_updates;

/// Shown when a new build is waiting, and only when the page shows no unfinished sitting: an
/// update never interrupts a test (sittings elsewhere are saved and resume after it). From a
/// finished sitting's results the updated app opens at home (loading the sitting's address again
/// would start a new one); anywhere else it reloads the same page.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = use_app_state();
    let updates = use_updates();
    let location = use_location();
    // The sitting this page shows, if any: Some(finished).
    let on_page = move || {
        let route = location.route.get();
        state.sittings.with(|all| {
            all.iter()
                .find(|s| s.kind.route() == route)
                .map(|s| s.is_finished())
        })
    };
    let between_sittings = move || state.is_loaded() && on_page() != Some(false);
    let after_results = move || untrack(on_page) == Some(true);
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
