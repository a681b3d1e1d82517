use engine::Scope;
use leptos::prelude::*;

use crate::components::sitting::{provide_sitting, SittingView};
use crate::platform::{now_ms, random_u64};
use crate::router::{use_location, History, Route};
use crate::routes::NotFound;
use crate::session::{Session, SittingKind, StartError};
use crate::state::{engine, AppState};

/// The topics a test address covers: one topic by slug, or every topic (`mixed`).
pub fn scope_of(slug: &str) -> Option<Scope> {
    let bank = engine().bank();
    if slug == "mixed" {
        Some(Scope::Mixed((0..bank.topics.len() as u16).collect()))
    } else {
        bank.topics
            .iter()
            .position(|t| t.slug == slug)
            .map(|t| Scope::Topic(t as u16))
    }
}

/// Starts a new test of `slug` (replacing only another test of the same slug). An error when
/// there is nothing to ask, or nothing the free tier opens (the caller offers the unlock).
pub fn start_test(state: AppState, slug: &str) -> Result<(), StartError> {
    let scope = scope_of(slug).ok_or(StartError::NothingToAsk)?;
    let access = state.access.get_untracked();
    let started = state.progress.with_untracked(|progress| {
        Session::adaptive(
            engine(),
            progress,
            &scope,
            access,
            SittingKind::Test(slug.to_string()),
            now_ms(),
            random_u64(),
        )
        .map(|session| session.with_open_question(crate::settings::open_in_tests()))
    });
    state.start_sitting(started)
}

/// A 5-question adaptive test: `/test/<topic>` or `/test/mixed` (every topic).
#[component]
pub fn TestPage(slug: String) -> impl IntoView {
    let Some(scope) = scope_of(&slug) else {
        return NotFound().into_any();
    };
    let kind = SittingKind::Test(slug.clone());
    let sitting = provide_sitting(kind.clone());
    let state = sitting.state;
    let failed = RwSignal::new(false);
    let location = use_location();
    // Once the saved progress is read: resume this test, or start one. Runs once per visit.
    super::once_loaded(state, move || {
        let unfinished = state.with_sitting(&kind, |s| s.is_some_and(|s| !s.is_finished()));
        if unfinished {
            return;
        }
        match start_test(state, &slug) {
            Ok(()) => {}
            // Starting a locked sitting opens the unlock screen (Back returns to the topic).
            Err(StartError::Locked) => location.navigate(&Route::Unlock, History::Replace),
            Err(StartError::NothingToAsk) => failed.set(true),
        }
    });
    let title = match scope {
        Scope::Topic(t) => engine().bank().topics[usize::from(t)].title.clone(),
        Scope::Mixed(_) => "Mixed test".to_string(),
    };
    view! {
        <main class="page sitting-page">
            <h1 class="eyebrow">{title}</h1>
            {move || failed.get().then(|| view! { <p class="error" role="alert">"This topic has no questions to ask."</p> })}
            <SittingView />
        </main>
    }
    .into_any()
}
