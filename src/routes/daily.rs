use engine::Mode;
use leptos::prelude::*;

use crate::components::sitting::{provide_sitting, SittingView};
use crate::platform::{now_ms, today};
use crate::session::{Session, SittingKind};
use crate::state::{engine, use_app_state};

/// Today's challenge: the same five questions for everyone on this local date, once a day. It
/// is done when all five are answered; leaving it half way keeps its place.
#[component]
pub fn DailyPage() -> impl IntoView {
    let state = use_app_state();
    let date = today();
    let kind = SittingKind::Daily(date);
    provide_sitting(kind.clone());
    let done_today = Memo::new(move |_| state.progress.with(|p| p.daily_done(date)));
    let in_sitting = {
        let kind = kind.clone();
        move || state.with_sitting(&kind, |s| s.is_some())
    };
    super::once_loaded(state, move || {
        let existing = state.with_sitting(&kind, |s| s.map(Session::is_finished));
        match existing {
            Some(false) => return,                  // resume it
            Some(true) => state.end_sitting(&kind), // its results were shown
            None => {}
        }
        // Questions of today's challenge not answered yet (all five, unless an earlier sitting
        // of today was lost).
        let remaining = state
            .progress
            .with_untracked(|progress| engine().daily_remaining(progress, date));
        if remaining.is_empty() {
            return;
        }
        // Seeded by the date: the option order is the same for everyone too.
        let seed = date.days_since_epoch() as u64;
        let started = state.progress.with_untracked(|progress| {
            Session::fixed(
                engine(),
                progress,
                Mode::Daily,
                kind.clone(),
                remaining,
                now_ms(),
                seed,
            )
        });
        let _ = state.start_sitting(started);
    });
    view! {
        <main class="page sitting-page">
            <h1 class="eyebrow">{format!("Daily challenge · {date}")}</h1>
            <Show
                when=in_sitting
                fallback=move || view! {
                    <Show
                        when=move || state.is_loaded() && done_today.get()
                        fallback=|| view! { <p class="shell-status">"Loading…"</p> }
                    >
                        <h1>"Done for today"</h1>
                        <p class="lede">"A new challenge arrives after midnight. Your study streak and results are on the home page."</p>
                        <a class="button" href="/">"Home"</a>
                    </Show>
                }
            >
                <SittingView />
            </Show>
        </main>
    }
}
