use engine::Mode;
use leptos::prelude::*;

use crate::components::question_list::QuestionList;
use crate::components::sitting::{provide_sitting, SittingView};
use crate::platform::{now_ms, random_u64, today};
use crate::router::Route;
use crate::session::{Session, SittingKind};
use crate::state::{engine, use_app_state, AppState};

/// How many questions one review round takes.
pub const ROUND: usize = 10;

/// Starts a review round of `items` (replacing only an earlier review round).
pub fn start_review(state: AppState, items: Vec<usize>) {
    let started = state.progress.with_untracked(|progress| {
        Session::fixed(
            engine(),
            progress,
            Mode::Review,
            SittingKind::Review,
            items,
            now_ms(),
            random_u64(),
        )
    });
    let _ = state.start_sitting(started);
}

/// Review: questions due by spaced repetition, and recent mistakes to practise again.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = use_app_state();
    provide_sitting(SittingKind::Review);
    super::once_loaded(state, move || {
        if state.with_sitting(&SittingKind::Review, |s| {
            s.is_some_and(Session::is_finished)
        }) {
            state.end_sitting(&SittingKind::Review);
        }
    });
    let due = Memo::new(move |_| {
        state.progress.with(|p| {
            engine()
                .review_queue(p, today(), ROUND)
                .into_iter()
                .map(|d| d.item)
                .collect::<Vec<_>>()
        })
    });
    let due_count = state.due;
    let mistakes = state.mistakes;
    let bookmarked = Memo::new(move |_| state.bookmarks.with(Vec::len));
    let in_sitting = move || state.with_sitting(&SittingKind::Review, |s| s.is_some());
    view! {
        <main class="page">
            <Show
                when=in_sitting
                fallback=move || view! {
                    <h1>"Review"</h1>
                    <p class="lede">
                        "Questions come back just before you would forget them, and your mistakes stay here until you get them right."
                    </p>
                    <section class="card review-section" aria-labelledby="due-title">
                        <h2 id="due-title" class="card-title">{move || format!("Due today ({})", due_count.get())}</h2>
                        {move || match due.get() {
                            items if items.is_empty() => view! {
                                <p class="topic-meta">"Nothing is due. Answered questions come back here when it is time."</p>
                            }.into_any(),
                            items => {
                                let n = items.len();
                                view! {
                                    <button class="button" type="button" on:click=move |_| start_review(state, items.clone())>
                                        {format!("Review {n} due")}
                                    </button>
                                }.into_any()
                            }
                        }}
                    </section>
                    <section class="review-section" aria-labelledby="mistakes-title">
                        <h2 id="mistakes-title" class="card-title">{move || format!("Recent mistakes ({})", mistakes.get().len())}</h2>
                        {move || match mistakes.get() {
                            items if items.is_empty() => view! {
                                <p class="topic-meta">"No open mistakes: every question you missed, you have since answered right."</p>
                            }.into_any(),
                            items => {
                                let round: Vec<usize> = items.iter().copied().take(ROUND).collect();
                                let n = round.len();
                                view! {
                                    <button class="button" type="button" on:click=move |_| start_review(state, round.clone())>
                                        {format!("Practise {n} mistake{}", if n == 1 { "" } else { "s" })}
                                    </button>
                                    <QuestionList items=items />
                                }.into_any()
                            }
                        }}
                    </section>
                    <p>
                        <a class="card list-row" href=Route::Bookmarks.href()>
                            <span class="list-prompt">{move || format!("Bookmarks ({})", bookmarked.get())}</span>
                            <span class="topic-meta">"Questions you kept to come back to"</span>
                        </a>
                    </p>
                }
            >
                <h1 class="eyebrow">"Review"</h1>
                <SittingView />
            </Show>
        </main>
    }
}

/// The questions missed in the sitting just finished, asked again.
#[component]
pub fn RetryPage() -> impl IntoView {
    let state = use_app_state();
    provide_sitting(SittingKind::Retry);
    let in_sitting = move || state.with_sitting(&SittingKind::Retry, |s| s.is_some());
    view! {
        <main class="page">
            <h1 class="eyebrow">"Retry your mistakes"</h1>
            <Show
                when=in_sitting
                fallback=move || view! {
                    <Show when=move || state.is_loaded() fallback=|| view! { <p class="shell-status">"Loading…"</p> }>
                        <p class="lede">"Nothing to retry: finish a test, then retry the questions you missed from its results."</p>
                        <a class="button" href="/">"Home"</a>
                    </Show>
                }
            >
                <SittingView />
            </Show>
        </main>
    }
}
