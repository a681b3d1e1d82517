use engine::Mode;
use leptos::prelude::*;

use crate::components::sitting::{provide_sitting, SittingView};
use crate::platform::{now_ms, random_u64};
use crate::router::Route;
use crate::routes::NotFound;
use crate::session::{Session, SittingKind};
use crate::state::engine;

/// One question on its own (from search, a list of mistakes or bookmarks, or a link in an
/// explanation). The answer counts like a review answer: a mistake answered right here leaves
/// the list of mistakes.
#[component]
pub fn QuestionPage(id: String) -> impl IntoView {
    let Some(item) = engine().find(&id) else {
        return NotFound().into_any();
    };
    let meta = engine().bank().items[item].clone();
    let topic = engine().bank().topics[usize::from(meta.topic)].clone();
    let kind = SittingKind::Single(id);
    let sitting = provide_sitting(kind.clone());
    let state = sitting.state;
    // A question the free tier does not open (and the learner has not answered) shows a lock.
    let locked = RwSignal::new(false);
    super::once_loaded(state, move || {
        if !state
            .progress
            .with_untracked(|p| engine().may_open(state.access.get_untracked(), p, item))
        {
            locked.set(true);
            return;
        }
        let started = state.progress.with_untracked(|progress| {
            Session::fixed(
                engine(),
                progress,
                Mode::Review,
                kind,
                vec![item],
                now_ms(),
                random_u64(),
            )
        });
        let _ = state.start_sitting(started);
    });
    view! {
        <main class="page sitting-page">
            <h1 class="eyebrow">
                <a href=Route::Topic(topic.slug.clone()).href()>{topic.title.clone()}</a>
                {format!(" · level {}", meta.difficulty)}
            </h1>
            <Show when=move || !locked.get() fallback=move || view! {
                <section class="card locked-card" aria-labelledby="locked-title">
                    <h2 id="locked-title" class="card-title">
                        <svg class="lock-icon" viewBox="0 0 24 24" aria-hidden="true"><path d=super::topic::LOCK_ICON /></svg>
                        "This question is in the full set"
                    </h2>
                    <p>"The free tier opens a sample of this topic. One purchase opens every question, for life, offline."</p>
                    <a class="button" href=Route::Unlock.href()>"See the unlock"</a>
                </section>
            }>
                <SittingView />
            </Show>
        </main>
    }
    .into_any()
}
