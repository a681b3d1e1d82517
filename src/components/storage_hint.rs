//! The suggestion to protect progress when the browser has not promised to keep it.

use leptos::prelude::*;

use crate::durability::{download_backup, use_durability};
use crate::state::use_app_state;

/// Shown on the home page once there is progress worth keeping and storage is not persistent:
/// install the app, export a backup, or put it off for 30 days.
#[component]
pub fn StorageHint() -> impl IntoView {
    let state = use_app_state();
    let durability = use_durability();
    move || {
        durability.hint_visible(state).then(|| {
            view! {
                <section class="card storage-hint" aria-labelledby="storage-hint-title">
                    <h2 id="storage-hint-title" class="card-title">"Keep your progress safe"</h2>
                    <p>
                        "This browser has not promised to keep your answers: it may clear them to free space, and Safari clears sites not opened for 7 days. Installing Prepwise on your home screen protects them (on iPhone: Share, then Add to Home Screen); a backup file protects them anywhere."
                    </p>
                    <div class="actions">
                        <Show when=move || durability.can_install.get()>
                            <button class="button" type="button" on:click=move |_| durability.install()>"Install Prepwise"</button>
                        </Show>
                        <button class="button secondary" type="button" on:click=move |_| download_backup(state)>"Export a backup"</button>
                        <button class="link-button" type="button" on:click=move |_| durability.dismiss_hint()>"Not now"</button>
                    </div>
                </section>
            }
        })
    }
}
