use engine::Scope;
use leptos::prelude::*;

use crate::components::session_view::SessionView;
use crate::platform::{now_ms, random_u64};
use crate::routes::NotFound;
use crate::session::Session;
use crate::state::{engine, use_app_state};

/// A 5-question adaptive test: `/test/<topic>` or `/test/mixed` (every topic).
#[component]
pub fn TestPage(slug: String) -> impl IntoView {
    let state = use_app_state();
    state.discard_finished_session();
    let slug = Memo::new(move |_| slug.clone());
    let scope = Memo::new(move |_| {
        let slug = slug.get();
        let bank = engine().bank();
        if slug == "mixed" {
            Some(Scope::Mixed((0..bank.topics.len() as u16).collect()))
        } else {
            bank.topics
                .iter()
                .position(|t| t.slug == slug)
                .map(|t| Scope::Topic(t as u16))
        }
    });
    let failed = RwSignal::new(false);

    // Resume the sitting for this address, or start one, once the saved progress is read.
    Effect::new(move |_| {
        let (Some(scope), true) = (scope.get(), state.is_loaded()) else {
            return;
        };
        let path = format!("/test/{}", slug.get());
        // Tracked: "Another test" clears the finished sitting on this same address, and a new
        // one starts.
        let resumable = state
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.path == path));
        if resumable {
            return;
        }
        let started = state.progress.with_untracked(|progress| {
            Session::adaptive(engine(), progress, &scope, path, now_ms(), random_u64())
        });
        match started {
            Ok(session) => {
                state.session.set(Some(session));
                state.save_session();
            }
            Err(_) => failed.set(true),
        }
    });

    move || {
        let Some(scope) = scope.get() else {
            return NotFound().into_any();
        };
        let title = match scope {
            Scope::Topic(t) => engine().bank().topics[usize::from(t)].title.clone(),
            Scope::Mixed(_) => "Mixed test".to_string(),
        };
        view! {
            <main class="page">
                <h1 class="eyebrow">{title}</h1>
                {move || failed.get().then(|| view! { <p class="error" role="alert">"This topic has no questions to ask."</p> })}
                <SessionView />
            </main>
        }
        .into_any()
    }
}
