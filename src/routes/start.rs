use engine::Mode;
use leptos::prelude::*;

use crate::components::sitting::{provide_sitting, SittingView};
use crate::platform::{now_ms, random_u64};
use crate::session::{starter_items, Session, SittingKind, StartError};
use crate::state::{engine, use_app_state, AppState};

/// Starts the gentle first sitting (levels 1–2 in the learner's track).
pub fn start_starter(state: AppState) -> Result<(), StartError> {
    let seed = random_u64();
    let access = state.access.get_untracked();
    let started = state.progress.with_untracked(|progress| {
        let open = |i| engine().may_open(access, progress, i);
        let items = starter_items(
            engine().bank(),
            &crate::tracks::weighted_topics(),
            5,
            seed,
            open,
        );
        Session::fixed(
            engine(),
            progress,
            Mode::Test,
            SittingKind::Starter,
            items,
            now_ms(),
            seed,
        )
    });
    state.start_sitting(started)
}

/// The first five questions: easy ones across the topics that matter for the learner's role.
#[component]
pub fn StartPage() -> impl IntoView {
    let state = use_app_state();
    provide_sitting(SittingKind::Starter);
    super::once_loaded(state, move || {
        let unfinished = state.with_sitting(&SittingKind::Starter, |s| {
            s.is_some_and(|s| !s.is_finished())
        });
        if !unfinished {
            let _ = start_starter(state);
        }
    });
    view! {
        <main class="page sitting-page">
            <h1 class="eyebrow">"Your first questions"</h1>
            <SittingView />
        </main>
    }
}
