//! The line that says the browser refused to keep the learner's progress.

use leptos::prelude::*;

use crate::durability::{download_backup, use_durability};
use crate::state::use_app_state;

/// One line on the home page, shown only when the browser has really refused to keep the data
/// (asked, and said no): export a backup, install the app where the browser offers it, or put
/// it off for 30 days.
#[component]
pub fn StorageHint() -> impl IntoView {
    let state = use_app_state();
    let durability = use_durability();
    move || {
        durability.hint_visible(state).then(|| {
            view! {
                <p class="storage-hint" role="note">
                    <span>"This browser may clear your progress."</span>
                    <button class="link-button" type="button" on:click=move |_| download_backup(state)>"Export a backup"</button>
                    <Show when=move || durability.can_install.get()>
                        <button class="link-button" type="button" on:click=move |_| durability.install()>"Install"</button>
                    </Show>
                    <button class="link-button" type="button" on:click=move |_| durability.dismiss_hint()>"Not now"</button>
                </p>
            }
        })
    }
}
