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
    super::once_loaded(state, move || {
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
        state.start_sitting(started);
    });
    view! {
        <main class="page sitting-page">
            <h1 class="eyebrow">
                <a href=Route::Topic(topic.slug.clone()).href()>{topic.title.clone()}</a>
                {format!(" · level {}", meta.difficulty)}
            </h1>
            <SittingView />
        </main>
    }
    .into_any()
}
