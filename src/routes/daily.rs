use engine::Mode;
use leptos::prelude::*;

use crate::components::session_view::SessionView;
use crate::platform::{now_ms, today};
use crate::session::Session;
use crate::state::{engine, use_app_state};

/// Today's challenge: the same five questions for everyone on this local date, once a day.
#[component]
pub fn DailyPage() -> impl IntoView {
    let state = use_app_state();
    state.discard_finished_session();
    let date = today();
    let path = format!("/daily/{date}");
    let done_today = Memo::new(move |_| {
        state.events.with(|events| {
            events.iter().any(|e| {
                e.local_date == date
                    && matches!(&e.body, engine::EventBody::Answered(a) if a.mode == Mode::Daily)
            })
        })
    });
    let path_for_effect = path.clone();
    Effect::new(move |_| {
        if !state.is_loaded() {
            return;
        }
        let resumable = state
            .session
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.path == path_for_effect));
        if resumable || done_today.get_untracked() {
            return;
        }
        let items = engine().daily_challenge(date);
        // Seeded by the date: the option order is the same for everyone too.
        let seed = date.days_since_epoch() as u64;
        let started = state.progress.with_untracked(|progress| {
            Session::fixed(
                engine(),
                progress,
                Mode::Daily,
                path_for_effect.clone(),
                items,
                now_ms(),
                seed,
            )
        });
        if let Ok(session) = started {
            state.session.set(Some(session));
            state.save_session();
        }
    });
    let path_for_view = path.clone();
    let in_session = move || {
        state
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.path == path_for_view))
    };
    view! {
        <main class="page">
            <h1 class="eyebrow">{format!("Daily challenge · {date}")}</h1>
            <Show
                when=in_session
                fallback=move || view! {
                    <Show when=move || done_today.get() fallback=|| view! { <p class="shell-status">"Loading…"</p> }>
                        <h1>"Done for today"</h1>
                        <p class="lede">"A new challenge arrives after midnight. Your study streak and results are on the home page."</p>
                        <a class="button" href="/">"Home"</a>
                    </Show>
                }
            >
                <SessionView />
            </Show>
        </main>
    }
}
