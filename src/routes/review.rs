use engine::Mode;
use leptos::prelude::*;

use crate::components::session_view::SessionView;
use crate::platform::{now_ms, random_u64, today};
use crate::session::Session;
use crate::state::{engine, use_app_state};

/// How many due questions one review round takes.
const ROUND: usize = 10;

/// Spaced review: the questions due today, the ones most likely forgotten first.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = use_app_state();
    let due = Memo::new(move |_| {
        state
            .progress
            .with(|p| engine().review_queue(p, today(), usize::MAX).len())
    });
    let in_session = move || {
        state
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.path == "/review"))
    };
    let start = move |_| {
        let progress = state.progress.get_untracked();
        let items = engine()
            .review_queue(&progress, today(), ROUND)
            .into_iter()
            .map(|d| d.item)
            .collect();
        if let Ok(session) = Session::fixed(
            engine(),
            &progress,
            Mode::Review,
            "/review".into(),
            items,
            now_ms(),
            random_u64(),
        ) {
            state.session.set(Some(session));
            state.save_session();
        }
    };
    view! {
        <main class="page">
            <Show
                when=in_session
                fallback=move || view! {
                    <h1>"Review"</h1>
                    <p class="lede">
                        "Questions come back just before you would forget them (FSRS scheduling); mistakes come back soonest."
                    </p>
                    {move || match due.get() {
                        0 => view! { <p class="card">"Nothing is due today. Answer questions in a test and they will come back here when it is time."</p> }.into_any(),
                        n => view! {
                            <p>{format!("{n} question{} due.", if n == 1 { "" } else { "s" })}</p>
                            <button class="button" type="button" on:click=start>
                                {format!("Review {}", n.min(ROUND))}
                            </button>
                        }.into_any(),
                    }}
                }
            >
                <p class="eyebrow">"Review"</p>
                <SessionView />
            </Show>
        </main>
    }
}
